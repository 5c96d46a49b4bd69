/* report_diff.c - a unified diff of a draft and its rewrite, for --diff.
 *
 * Rewrites change a few spans of one draft, so one hunk from the first
 * changed line to the last, with three lines of context, is exact and
 * small; no general diff algorithm is needed. */
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

#define CONTEXT 3

struct lines {
  const char *s;
  size_t *start; /* start[i] .. start[i+1] is line i, terminator included */
  size_t n;
};

static bool split(const char *s, size_t len, struct lines *l) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += s[i] == '\n';
  l->s = s;
  l->n = n + (len > 0 && s[len - 1] != '\n');
  l->start = malloc((l->n + 1) * sizeof(size_t));
  if (!l->start)
    return false;
  size_t k = 0;
  l->start[k++] = 0;
  for (size_t i = 0; i < len; i++)
    if (s[i] == '\n' && k <= l->n)
      l->start[k++] = i + 1;
  l->start[l->n] = len;
  return true;
}

static bool same(const struct lines *a, size_t i, const struct lines *b, size_t j) {
  size_t la = a->start[i + 1] - a->start[i], lb = b->start[j + 1] - b->start[j];
  return la == lb && memcmp(a->s + a->start[i], b->s + b->start[j], la) == 0;
}

static void put_line(struct buf *out, char mark, const struct lines *l, size_t i) {
  size_t from = l->start[i], to = l->start[i + 1];
  buf_putc(out, mark);
  buf_put(out, l->s + from, to - from);
  if (to == from || l->s[to - 1] != '\n')
    buf_puts(out, "\n\\ No newline at end of file\n");
}

char *report_diff(const char *name, const char *old, size_t old_len, const char *new_text,
                  size_t new_len) {
  struct lines a = {0}, b = {0};
  struct buf out = {0};
  buf_grow(&out, 0);
  if (!split(old, old_len, &a) || !split(new_text, new_len, &b)) {
    free(a.start);
    free(b.start);
    buf_free(&out);
    return NULL;
  }
  size_t pre = 0, suf = 0;
  while (pre < a.n && pre < b.n && same(&a, pre, &b, pre))
    pre++;
  while (suf < a.n - pre && suf < b.n - pre && same(&a, a.n - 1 - suf, &b, b.n - 1 - suf))
    suf++;
  if (pre == a.n && pre == b.n)
    goto done; /* nothing changes */
  size_t from = pre > CONTEXT ? pre - CONTEXT : 0;
  size_t a_to = a.n - suf + (suf > CONTEXT ? CONTEXT : suf);
  size_t b_to = b.n - suf + (suf > CONTEXT ? CONTEXT : suf);
  buf_printf(&out, "--- a/%s\n+++ b/%s\n", name, name);
  buf_printf(&out, "@@ -%zu,%zu +%zu,%zu @@\n", a_to > from ? from + 1 : from, a_to - from,
             b_to > from ? from + 1 : from, b_to - from);
  for (size_t i = from; i < pre; i++)
    put_line(&out, ' ', &a, i);
  for (size_t i = pre; i < a.n - suf; i++)
    put_line(&out, '-', &a, i);
  for (size_t i = pre; i < b.n - suf; i++)
    put_line(&out, '+', &b, i);
  for (size_t i = a.n - suf; i < a_to; i++)
    put_line(&out, ' ', &a, i);
done:
  free(a.start);
  free(b.start);
  return buf_detach(&out);
}
