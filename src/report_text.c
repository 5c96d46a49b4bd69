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
  size_t width; /* the terminal's, for wrapping (columns()): read once a report */
};

static const struct style plain = {"", "", "", "", "", "", "", 0};
static const struct style ansi = {"\033[1m",  "\033[2m",  "\033[31m", "\033[33m",
                                  "\033[36m", "\033[32m", "\033[0m",  0};

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
    size_t run = i; /* printable ASCII, one column a byte, goes out in one piece */
    while (run < to && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7F)
      run++;
    if (run > i) {
      buf_put(b, s + i, run - i);
      w += run - i;
      i = run;
      continue;
    }
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
                        const exl_finding *f, struct buf *shown) {
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
    /* windows start on a grid, so findings close together share one */
    size_t at = utf8_count(res->text + ls, o - ls);
    size_t start = at < WINDOW * 2 / 3 ? 0 : (at - WINDOW / 3) / 32 * 32;
    from = fwd_cps(res->text, ls, le, start);
    to = fwd_cps(res->text, from, le, WINDOW);
  }
  /* measure on a scratch buffer, print the line only when asked */
  struct buf line = {0};
  if (from > ls)
    buf_puts(&line, "…");
  size_t lead = put_segment(&line, res->text, from, o) + (from > ls);
  size_t width = put_segment(&line, res->text, o, e < to ? e : to);
  put_segment(&line, res->text, e < to ? e : to, to);
  if (to < le)
    buf_puts(&line, "…");
  /* the line is printed once for consecutive findings that show it the same way */
  buf_printf(&line, "\n%zu", f->line);
  if (!shown->data || strcmp(shown->data, line.data) != 0) {
    buf_printf(b, "%s%5zu │%s %.*s\n", st->dim, f->line, st->off,
               (int)(strrchr(line.data, '\n') - line.data), line.data);
    shown->len = 0;
    buf_puts(shown, line.data);
  }
  buf_free(&line);
  buf_printf(b, "%s      │%s ", st->dim, st->off);
  for (size_t i = 0; i < lead; i++)
    buf_putc(b, ' ');
  buf_puts(b, severity_colour(st, f->severity));
  for (size_t i = 0; i < (width ? width : 1); i++)
    buf_putc(b, '^');
  buf_printf(b, "%s\n", st->off);
}

/* Terminal width for wrapping: $COLUMNS, else 100. */
static size_t columns(void) {
  const char *c = getenv("COLUMNS");
  long n = c ? strtol(c, NULL, 10) : 0;
  return n >= 40 && n <= 400 ? (size_t)n : 100;
}

/* Print TEXT word-wrapped to WIDTH columns, continuation lines at INDENT. */
static void put_wrapped(struct buf *b, const char *text, size_t col, size_t indent, size_t width) {
  bool first = true;
  for (const char *p = text; *p;) {
    size_t n = strcspn(p, " "), cps = utf8_count(p, n);
    if (!first && col + 1 + cps > width) {
      buf_putc(b, '\n');
      for (size_t i = 0; i < indent; i++)
        buf_putc(b, ' ');
      col = indent;
    } else if (!first) {
      buf_putc(b, ' ');
      col++;
    }
    buf_put(b, p, n);
    col += cps;
    first = false;
    p += n;
    while (*p == ' ')
      p++;
  }
  buf_putc(b, '\n');
}

static void put_finding(struct buf *b, const struct style *st, const exl_result *res,
                        const exl_finding *f, struct buf *shown) {
  const char *col = severity_colour(st, f->severity);
  if (f->severity == EXL_INFO) { /* notes stay on one or two lines */
    buf_printf(b, "  %s%-7s%s %zu:%zu %s %s[%s]%s\n", col, "note", st->off, f->line, f->column,
               f->message, st->dim, f->rule, st->off);
    if (f->suggestion) {
      buf_puts(b, "          ");
      put_wrapped(b, f->suggestion, 10, 10, st->width);
    }
    shown->len = 0; /* a note prints no line: show it again for the next finding */
    return;
  }
  if (f->length > 0)
    put_snippet(b, st, res, f, shown);
  buf_printf(b, "  %s%s%-7s%s ", st->bold, col, exl_severity_name(f->severity), st->off);
  struct buf msg = {0};
  buf_printf(&msg, "%s [%s]", f->message, f->rule);
  put_wrapped(b, msg.data ? msg.data : "", 10, 10, st->width);
  buf_free(&msg);
  if (f->suggestion) {
    buf_printf(b, "          %sinstead:%s ", st->green, st->off);
    put_wrapped(b, f->suggestion, 19, 19, st->width);
  }
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
  struct style style = flags & EXL_RENDER_COLOR ? ansi : plain;
  style.width = columns(); /* getenv() walks the environment: once, not per wrapped line */
  const struct style *st = &style;
  struct buf b = {0};
  buf_grow(&b, 0);
  for (size_t r = 0; r < n; r++) {
    if (r)
      buf_putc(&b, '\n');
    buf_printf(&b, "%s%s%s  %s%zu words, tone %d/100 %s%s\n", st->bold, res[r]->name, st->off,
               st->dim, res[r]->stats.words, res[r]->tone.score, res[r]->tone.label, st->off);
    put_verdict(&b, st, res[r]);
    buf_putc(&b, '\n');
    struct buf shown = {0};
    for (size_t i = 0; i < res[r]->nf; i++)
      put_finding(&b, st, res[r], &res[r]->f[i], &shown);
    buf_free(&shown);
    for (size_t i = 0; i < res[r]->nwarnings; i++)
      buf_printf(&b, "  %sexlint: %s%s\n", st->dim, res[r]->warnings[i], st->off);
    put_tone(&b, st, &res[r]->tone);
    put_verdict(&b, st, res[r]);
  }
  return buf_detach(&b);
}
