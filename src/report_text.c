/* report_text.c - the report a person reads: for each problem the line
 * with the span underlined, what is wrong, what to write instead; then the
 * tone score and one verdict. Written to be read in five seconds. */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

#define WINDOW 96 /* columns of a draft line shown around a finding */

struct style {
  const char *bold, *dim, *red, *yellow, *cyan, *green, *off;
};

static const struct style plain = {"", "", "", "", "", "", ""};
static const struct style ansi = {"\033[1m",  "\033[2m",  "\033[31m", "\033[33m",
                                  "\033[36m", "\033[32m", "\033[0m"};

const char *report_verdict(const exl_result *res) {
  return exl_result_worst(res) >= EXL_WARNING ? "sleep on it" : "ok to send";
}

static const char *severity_colour(const struct style *st, exl_severity s) {
  return s == EXL_ERROR ? st->red : s == EXL_WARNING ? st->yellow : st->cyan;
}

/* Terminal columns of one code point: emoji are two wide, joiners and
 * combining marks take none. */
static int cp_width(unsigned cp) {
  if ((cp >= 0x300 && cp <= 0x36F) || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F))
    return 0;
  if (cp >= 0x1F000 || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x1100 && cp <= 0x115F) ||
      (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60))
    return 2;
  return 1;
}

static size_t cp_step(const char *s, size_t i, size_t end, unsigned *cp) {
  size_t len = utf8_seq_len((const unsigned char *)s + i, end - i);
  if (len == 0) {
    *cp = '?';
    return 1;
  }
  *cp = utf8_decode((const unsigned char *)s + i, NULL);
  return len;
}

/* Print bytes [from, to) of a line, tabs as spaces; return its width. */
static size_t put_segment(struct buf *b, const char *s, size_t from, size_t to) {
  size_t w = 0;
  for (size_t i = from; i < to;) {
    unsigned cp;
    size_t n = cp_step(s, i, to, &cp);
    if (cp == '\t' || cp == '\r')
      buf_putc(b, ' ');
    else
      buf_put(b, s + i, n);
    w += cp == '\t' || cp == '\r' ? 1 : (size_t)cp_width(cp);
    i += n;
  }
  return w;
}

static size_t back_cps(const char *s, size_t from, size_t floor, size_t count) {
  while (from > floor && count > 0) {
    from--;
    while (from > floor && ((unsigned char)s[from] & 0xC0) == 0x80)
      from--;
    count--;
  }
  return from;
}

static size_t fwd_cps(const char *s, size_t from, size_t end, size_t count) {
  while (from < end && count > 0) {
    unsigned cp;
    from += cp_step(s, from, end, &cp);
    count--;
  }
  return from;
}

/* The draft line holding the finding, the span marked with carets. */
static void put_snippet(struct buf *b, const struct style *st, const exl_result *res,
                        const exl_finding *f) {
  const struct draft *d = &res->d;
  size_t ls = d->lines[f->line - 1];
  size_t le = f->line < d->nlines ? d->lines[f->line] : res->len;
  while (le > ls && (res->text[le - 1] == '\n' || res->text[le - 1] == '\r'))
    le--;
  size_t o = f->offset < ls ? ls : f->offset;
  size_t e = f->offset + f->length > le ? le : f->offset + f->length;
  if (e < o)
    e = o;
  size_t from = ls, to = le;
  if (utf8_count(res->text + ls, le - ls) > WINDOW) {
    from = back_cps(res->text, o, ls, WINDOW / 3);
    to = fwd_cps(res->text, from, le, WINDOW);
  }
  buf_printf(b, "%s%5zu │%s ", st->dim, f->line, st->off);
  if (from > ls)
    buf_puts(b, "…");
  size_t lead = put_segment(b, res->text, from, o) + (from > ls);
  struct buf scratch = {0};
  size_t width = put_segment(b, res->text, o, e < to ? e : to);
  put_segment(&scratch, res->text, e < to ? e : to, to);
  buf_put(b, scratch.data ? scratch.data : "", scratch.len);
  buf_free(&scratch);
  if (to < le)
    buf_puts(b, "…");
  buf_printf(b, "\n%s      │%s ", st->dim, st->off);
  for (size_t i = 0; i < lead; i++)
    buf_putc(b, ' ');
  buf_puts(b, severity_colour(st, f->severity));
  for (size_t i = 0; i < (width ? width : 1); i++)
    buf_putc(b, '^');
  buf_printf(b, "%s\n", st->off);
}

static void put_finding(struct buf *b, const struct style *st, const exl_result *res,
                        const exl_finding *f) {
  const char *col = severity_colour(st, f->severity);
  if (f->severity == EXL_INFO) { /* notes stay on one or two lines */
    buf_printf(b, "  %s%-7s%s %zu:%zu %s %s[%s]%s\n", col, "note", st->off, f->line, f->column,
               f->message, st->dim, f->rule, st->off);
    if (f->suggestion)
      buf_printf(b, "          %s\n", f->suggestion);
    return;
  }
  if (f->length > 0)
    put_snippet(b, st, res, f);
  buf_printf(b, "  %s%s%-7s%s %s %s[%s]%s\n", st->bold, col, exl_severity_name(f->severity),
             st->off, f->message, st->dim, f->rule, st->off);
  if (f->suggestion)
    buf_printf(b, "          %sinstead:%s %s\n", st->green, st->off, f->suggestion);
  if (f->replacement)
    buf_printf(b, "          %srewrite:%s \"%s\"  %s(exlint --fix)%s\n", st->green, st->off,
               f->replacement, st->dim, st->off);
  buf_putc(b, '\n');
}

/* Score bar, label, then the three biggest components. */
static void put_tone(struct buf *b, const struct style *st, const exl_tone *t) {
  const char *col = t->score >= 70 ? st->green : t->score >= 40 ? st->yellow : st->red;
  buf_printf(b, "  %stone%s %s%s%3d/100%s ", st->bold, st->off, st->bold, col, t->score, st->off);
  int filled = (t->score + 2) / 5;
  buf_puts(b, col);
  for (int i = 0; i < 20; i++)
    buf_puts(b, i < filled ? "█" : "░");
  buf_printf(b, "%s %s\n", st->off, t->label);
  /* pick the three largest deductions or gains after the base */
  size_t pick[3] = {0, 0, 0}, npick = 0;
  for (size_t k = 0; k < 3; k++) {
    size_t best = 0;
    for (size_t i = 1; i < t->ncomponents; i++) {
      bool taken = false;
      for (size_t j = 0; j < npick; j++)
        taken |= pick[j] == i;
      const char *nm = t->components[i].name;
      if (strcmp(nm, "floor") == 0 || strcmp(nm, "ceiling") == 0)
        taken = true; /* bookkeeping, not a reason */
      if (!taken && (!best || abs(t->components[i].delta) > abs(t->components[best].delta)))
        best = i;
    }
    if (best)
      pick[npick++] = best;
  }
  if (npick == 0)
    return;
  buf_printf(b, "       %s", st->dim);
  for (size_t j = 0; j < npick; j++)
    buf_printf(b, "%s%s %+d", j ? ", " : "", t->components[pick[j]].name,
               t->components[pick[j]].delta);
  buf_printf(b, "%s\n", st->off);
}

static void put_verdict(struct buf *b, const struct style *st, const exl_result *res) {
  size_t count[3] = {0, 0, 0};
  for (size_t i = 0; i < res->nf; i++)
    count[res->f[i].severity]++;
  bool ok = exl_result_worst(res) < EXL_WARNING;
  buf_printf(b, "  %s%s%s%s", st->bold, ok ? st->green : st->red, report_verdict(res), st->off);
  const char *names[3] = {"note", "warning", "error"};
  bool first = true;
  for (int s = 2; s >= 0; s--) {
    if (!count[s])
      continue;
    buf_printf(b, "%s%zu %s%s", first ? " — " : ", ", count[s], names[s],
               count[s] == 1 ? "" : "s");
    first = false;
  }
  if (first)
    buf_puts(b, " — nothing to fix");
  buf_putc(b, '\n');
}

char *report_text(const exl_result *const *res, size_t n, unsigned flags) {
  const struct style *st = flags & EXL_RENDER_COLOR ? &ansi : &plain;
  struct buf b = {0};
  buf_grow(&b, 0);
  for (size_t r = 0; r < n; r++) {
    if (r)
      buf_putc(&b, '\n');
    buf_printf(&b, "%s%s%s  %s%zu words%s\n\n", st->bold, res[r]->name, st->off, st->dim,
               res[r]->stats.words, st->off);
    for (size_t i = 0; i < res[r]->nf; i++)
      put_finding(&b, st, res[r], &res[r]->f[i]);
    for (size_t i = 0; i < res[r]->nwarnings; i++)
      buf_printf(&b, "  %sexlint: %s%s\n", st->dim, res[r]->warnings[i], st->off);
    put_tone(&b, st, &res[r]->tone);
    put_verdict(&b, st, res[r]);
  }
  return buf_detach(&b);
}
