/* report_line.c - FILE:LINE:COL: SEVERITY: MESSAGE [RULE], one per line,
 * for vim's errorformat and emacs compilation-mode. */
#include "report.h"
#include "util.h"

char *report_line(const exl_result *const *res, size_t n) {
  struct buf b = {0};
  buf_grow(&b, 0);
  for (size_t r = 0; r < n; r++)
    for (size_t i = 0; i < res[r]->nf; i++) {
      const exl_finding *f = &res[r]->f[i];
      buf_printf(&b, "%s:%zu:%zu: %s: %s [%s]\n", res[r]->name, f->line, f->column,
                 exl_severity_name(f->severity), f->message, f->rule);
    }
  return buf_detach(&b);
}
