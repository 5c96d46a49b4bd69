/* lint.c - run every rule over a draft and collect findings. */
#include "lint.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "detect.h"
#include "learned.h"
#include "packcache.h"
#include "prefilter.h"
#include "spell.h"
#include "tone.h"
#include "util.h"

/* A pattern that scans at least this many bytes of a draft gets PCRE2's
 * JIT: compiling it costs more than it saves on a text message, and pays
 * off on an essay. */
#define JIT_THRESHOLD (64u << 10)
/* Or that many windows: each interpreted call has a set-up cost the JIT's
 * calls do not (about 4 % fewer instructions on a 300 KB text). */
#define JIT_WINDOWS 256
/* Exceptions run on the sentence of each match; on a draft this large
 * there are enough matches that JIT pays for them too (2% fewer
 * instructions on 1 MB of the bench text). */
#define JIT_EXCEPTIONS_DRAFT (512u << 10)

/* Every draft finds its literals through the pack set's index
 * (prefilter.h), and scans each pattern only where it can match, when the
 * pack cache holds the index. Otherwise it has to be built, and only drafts
 * at least this large pay for that: below it, building costs more than a
 * text message saves, unless the linter lives long (the LSP server). */
#define INDEX_THRESHOLD (16u << 10)

int rule_severity(const struct rule *ru, exl_stage stage) {
  if (ru->disabled)
    return -1;
  return ru->stage_sev[stage];
}

static struct para_cache *para_cache_new(void);

void lint_long_lived(exl_linter *lin) {
  lin->jit_always = true;
  if (!lin->paras) /* without it (OOM), every paragraph is scanned each time */
    lin->paras = para_cache_new();
  if (lin->sp)
    speller_remember_verdicts(lin->sp);
}

void lint_default_opts(const exl_linter *lin, struct lint_opts *o) {
  o->stage = lin->cfg->stage;
  o->now = config_now(lin->cfg);
  o->has_breakup = lin->cfg->has_breakup;
  o->breakup_day = lin->cfg->breakup_day;
  o->no_contact_days = lin->cfg->no_contact_days;
  o->unanswered = -1;
  o->keep_overlaps = false;
}

/* ---- result bookkeeping ---------------------------------------------- */

char *result_own(exl_result *res, char *s) {
  if (!s)
    return NULL;
  if (res->nstrs == res->capstrs) {
    size_t cap = res->capstrs ? res->capstrs * 2 : 16;
    char **p = realloc(res->strs, cap * sizeof(char *));
    if (!p) {
      free(s);
      return NULL;
    }
    res->strs = p;
    res->capstrs = cap;
  }
  res->strs[res->nstrs++] = s;
  return s;
}

void result_warn(exl_result *res, const char *fmt, ...) {
  char line[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof(line), fmt, ap);
  va_end(ap);
  char **p = realloc(res->warnings, (res->nwarnings + 1) * sizeof(char *));
  if (!p)
    return;
  res->warnings = p;
  p[res->nwarnings] = strdup(line);
  if (p[res->nwarnings])
    res->nwarnings++;
}

const struct learned_verdict *result_verdict(exl_result *res) {
  if (!res->learned || res->d.nwords < LEARNED_MIN_WORDS)
    return NULL;
  if (!res->verdict_done) {
    learned_score(res->learned, res->d.norm, res->d.norm_len, res->d.sent, res->d.nsent,
                  res->stage, &res->verdict);
    res->verdict_done = true;
  }
  return &res->verdict;
}

exl_finding *result_add(exl_result *res, const struct rule *ru, exl_severity sev, size_t start,
                        size_t end) {
  if (res->nf == res->capf) {
    size_t cap = res->capf ? res->capf * 2 : 16;
    exl_finding *p = realloc(res->f, cap * sizeof(*p));
    if (!p)
      return NULL;
    res->f = p;
    res->capf = cap;
  }
  const struct draft *d = &res->d;
  if (end < start)
    end = start; /* a reversed span from a detector must not become a huge copy */
  size_t o = draft_orig(d, start), e = draft_orig(d, end);
  char *match = result_own(res, xstrndup(res->text + o, e - o));
  if (!match)
    return NULL;
  exl_finding *f = &res->f[res->nf++];
  memset(f, 0, sizeof(*f));
  f->rule = ru->id;
  f->category = ru->category;
  f->severity = sev;
  f->offset = o;
  f->length = e - o;
  f->match = match;
  f->message = ru->message;
  f->suggestion = ru->suggestion;
  draft_linecol(d, o, &f->line, &f->column);
  draft_linecol(d, e, &f->end_line, &f->end_column);
  return f;
}

/* ---- negation -------------------------------------------------------- */

static bool word_is(const char *w, size_t n, const char *const *list) {
  for (int i = 0; list[i]; i++)
    if (strlen(list[i]) == n && strncasecmp(w, list[i], n) == 0)
      return true;
  return false;
}

static const char *const negators[] = {
    "not",     "never",   "no",       "nor",      "neither",  "dont",    "don't",    "wont",
    "won't",   "cant",    "can't",    "cannot",   "didnt",    "didn't",  "doesnt",   "doesn't",
    "isnt",    "isn't",   "wasnt",    "wasn't",   "arent",    "aren't",  "shouldnt", "shouldn't",
    "wouldnt", "wouldn't", "couldnt", "couldn't", "aint",     "ain't",   "refuse",   "refusing",
    "stop",    "stopped", "quit",     "without",  "hardly",   NULL};

/* "I can't believe you..." is outrage, not a negation of what follows. */
static bool disbelief(const char *after, size_t n) {
  while (n > 0 && *after == ' ')
    after++, n--;
  return n >= 7 && strncasecmp(after, "believe", 7) == 0;
}

static bool word_byte(unsigned char c) { return isalnum(c) || c == '\'' || c >= 0x80; }

/* A negator among the four words before OFF, in the same clause: "I'm not
 * going to beg" negates "beg"; "I'm not mad, please come back" does not. */
static bool negated(const struct draft *d, size_t off) {
  struct span sp = draft_sentence_at(d, off);
  const char *s = d->norm;
  size_t i = off, floor = sp.start < off ? sp.start : off;
  for (int words = 0; words < 4 && i > floor;) {
    unsigned char c = (unsigned char)s[i - 1];
    if (c == ',' || c == ';' || c == ':' || c == '(' || c == '\n')
      return false;
    if (!word_byte(c)) {
      i--;
      continue;
    }
    size_t end = i;
    while (i > floor && word_byte((unsigned char)s[i - 1]))
      i--;
    if (word_is(s + i, end - i, negators) && !disbelief(s + end, off - end))
      return true;
    if (end - i == 3 && strncasecmp(s + i, "but", 3) == 0)
      return false;
    words++;
  }
  return false;
}

/* ---- exceptions ------------------------------------------------------ */

/* Compile PT on first use (bundled packs load uncompiled), and JIT it when
 * the draft is large. False, with ERR set, when it does not compile. */
static bool pattern_ready(const struct rule *ru, const struct pattern *pt, bool large,
                          exl_error *err) {
  struct pattern *mut = (struct pattern *)pt; /* compiled code is a cache, not content */
  if (pack_pattern_compile(ru, mut, err) != EXL_OK)
    return false;
  if (large && pt->jit == JIT_UNTRIED) /* a speed-up only */
    mut->jit = pcre2_jit_compile(mut->code, PCRE2_JIT_COMPLETE) == 0 ? JIT_OK : JIT_FAILED;
  return true;
}

/* pcre2_match() for a pattern PT that may have JIT code. A large text
 * makes millions of short calls, and pcre2_jit_match() skips the checks
 * pcre2_match() makes of its arguments before it calls the same code
 * (about 120 instructions a call). Not for PCRE2_ANCHORED, which JIT
 * code compiled without it ignores. */
static inline int pattern_match(const exl_linter *lin, const struct pattern *pt, PCRE2_SPTR s,
                                size_t n, size_t from, uint32_t opts) {
  if (pt->jit == JIT_OK) {
    int rc = pcre2_jit_match(pt->code, s, n, from, opts, lin->md, lin->mctx);
    if (rc != PCRE2_ERROR_JIT_BADOPTION)
      return rc;
  }
  return pcre2_match(pt->code, s, n, from, opts, lin->md, lin->mctx);
}

/* Does D quote a line that one of RU's quoted-line exceptions (pack.h) matches?
 * An exception that does not compile counts as no match: the sentence
 * exceptions report it. */
static bool answers_quote(const exl_linter *lin, const struct rule *ru, const struct draft *d) {
  if (!d->quoted)
    return false;
  for (size_t i = 0; i < ru->nexcs; i++) {
    exl_error err;
    if (!ru->excs[i].quoted || !pattern_ready(ru, &ru->excs[i], false, &err))
      continue;
    if (pcre2_match(ru->excs[i].code, (PCRE2_SPTR)d->quoted, d->quoted_len, 0, PCRE2_NO_UTF_CHECK,
                    lin->md, lin->mctx) > 0)
      return true;
  }
  return false;
}

/* 1 when an exception of RU matches the sentence at OFF, 0 when none does,
 * -1 when an exception does not compile (ERR says which). The sentence is
 * cut to PARA, the paragraph the match is in; a "(?#paragraph)" exception
 * reads all of PARA (pack.h). A sentence is short, so a
 * one-shot lint of a message runs exceptions without JIT; a long-lived
 * linter (the server) runs them on every edit, and a very large draft on
 * many matches, and there JIT pays. */
static int excepted(const exl_linter *lin, const struct rule *ru, const struct draft *d,
                    size_t off, struct span para, exl_error *err) {
  if (ru->nexcs == 0)
    return 0;
  struct span sp = draft_sentence_at(d, off);
  if (sp.start < para.start)
    sp.start = para.start;
  if (sp.end > para.end)
    sp.end = para.end;
  for (size_t i = 0; i < ru->nexcs; i++) {
    if (ru->excs[i].quoted)
      continue; /* tried once for the whole draft: answers_quote() */
    if (!pattern_ready(ru, &ru->excs[i], lin->jit_always || d->norm_len >= JIT_EXCEPTIONS_DRAFT,
                       err))
      return -1;
    struct span in = ru->excs[i].paragraph ? para : sp;
    int rc = pattern_match(lin, &ru->excs[i], (PCRE2_SPTR)d->norm + in.start, in.end - in.start,
                           0, PCRE2_NO_UTF_CHECK);
    if (rc > 0)
      return 1;
  }
  return 0;
}

/* ---- replacements ---------------------------------------------------- */

/* Expand "$1", "${1}" and "$$" in the rule's template from the groups of
 * the current match, copying the original bytes of each group. */
static char *expand_replacement(const char *tmpl, const struct draft *d, size_t base,
                                const PCRE2_SIZE *ov, int ngroups) {
  struct buf b = {0};
  for (const char *p = tmpl; *p; p++) {
    if (*p != '$') {
      buf_putc(&b, *p);
      continue;
    }
    if (p[1] == '$') {
      buf_putc(&b, '$');
      p++;
      continue;
    }
    int g = -1;
    if (isdigit((unsigned char)p[1])) {
      g = p[1] - '0';
      p++;
    } else if (p[1] == '{' && isdigit((unsigned char)p[2])) {
      char *end;
      long v = strtol(p + 2, &end, 10);
      if (*end == '}') {
        g = (int)v;
        p = end;
      }
    }
    if (g < 0) {
      buf_putc(&b, '$');
      continue;
    }
    if (g < ngroups && ov[2 * g] != PCRE2_UNSET) {
      size_t o = draft_orig(d, base + ov[2 * g]), e = draft_orig(d, base + ov[2 * g + 1]);
      buf_put(&b, d->text + o, e - o);
    }
  }
  return buf_detach(&b);
}

/* ---- matching a rule ------------------------------------------------- */

struct cand {
  size_t start, end;
  char *replacement;
};

static int by_start(const void *a, const void *b) {
  const struct cand *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start ? 1 : (x->end > y->end) - (x->end < y->end);
}

struct cand_list {
  struct cand *v;
  size_t n, cap;
  bool oom;
};

static void cand_push(struct cand_list *l, struct cand c) {
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 8;
    struct cand *p = realloc(l->v, cap * sizeof(*p));
    if (!p) {
      l->oom = true;
      free(c.replacement);
      return;
    }
    l->v = p;
    l->cap = cap;
  }
  l->v[l->n++] = c;
}

static size_t next_cp(const char *s, size_t n, size_t i) {
  i++;
  while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
    i++;
  return i;
}

enum scan { SCAN_OK, SCAN_DONE, SCAN_LIMIT, SCAN_BROKEN };

/* Before the draft's end, "$" does not match where a paragraph is cut. */
static uint32_t eol(const struct draft *d, struct span para) {
  return para.end < d->norm_len ? PCRE2_NOTEOL : 0;
}

/* The first match of PT starting in [FROM, LAST] (LAST: PCRE2_UNSET for
 * no limit), with PARA as the subject: a paragraph is read as a message of
 * its own. Offsets in the match data are PARA's. */
static int match_from(const exl_linter *lin, const struct pattern *pt, const struct draft *d,
                      size_t from, size_t last, struct span para) {
  uint32_t opts = PCRE2_NO_UTF_CHECK | eol(d, para);
  if (last != PCRE2_UNSET)
    pcre2_set_offset_limit(lin->mctx, last - para.start);
  int rc = pattern_match(lin, pt, (PCRE2_SPTR)d->norm + para.start, para.end - para.start,
                         from - para.start, opts);
  if (last != PCRE2_UNSET)
    pcre2_set_offset_limit(lin->mctx, PCRE2_UNSET); /* exceptions share the context */
  return rc;
}

/* One match in PARA from *OFF (starting no later than LAST), handled, and
 * *OFF moved past it; SCAN_DONE when there is none. */
static enum scan scan_once(const exl_linter *lin, const struct rule *ru, const struct pattern *pt,
                           const struct draft *d, struct span para, size_t *offp, size_t last,
                           struct cand_list *out, exl_error *err) {
  size_t off = *offp;
  int rc = match_from(lin, pt, d, off, last, para);
  if (rc == PCRE2_ERROR_NOMATCH)
    return SCAN_DONE;
  if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
      rc == PCRE2_ERROR_HEAPLIMIT)
    return SCAN_LIMIT;
  if (rc < 0)
    return SCAN_DONE; /* no other error can come from validated input */
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(lin->md);
  size_t s = para.start + ov[0], e = para.start + ov[1];
  if (e <= s) { /* an empty match flags nothing; step past it */
    *offp = next_cp(d->norm, para.end, s > off ? s : off);
    return SCAN_OK;
  }
  int exc = ru->negatable && negated(d, s) ? 1 : excepted(lin, ru, d, s, para, err);
  if (exc < 0)
    return SCAN_BROKEN;
  if (exc == 0) {
    /* excepted() reused the match data: run the match again for groups */
    char *rep = NULL;
    if (ru->replacement) {
      rc = pcre2_match(pt->code, (PCRE2_SPTR)d->norm + para.start, para.end - para.start,
                       s - para.start, PCRE2_NO_UTF_CHECK | PCRE2_ANCHORED | eol(d, para), lin->md,
                       lin->mctx);
      ov = pcre2_get_ovector_pointer(lin->md);
      rep = expand_replacement(ru->replacement, d, para.start, ov, rc > 0 ? rc : 0);
    }
    cand_push(out, (struct cand){s, e, rep});
  }
  *offp = e;
  return SCAN_OK;
}

/* Every accepted match of one pattern that starts in RANGE, looking only
 * at the NWIN windows WIN (offsets from RANGE.START; NULL: all of RANGE).
 * The prefilter promises no match starts elsewhere, so this finds what a
 * scan of all of RANGE finds. Each match stays inside its paragraph,
 * unless WHOLE (a pattern about the draft as a whole). SCAN_LIMIT when the
 * pattern hit PCRE2's match or depth limit, SCAN_BROKEN (ERR set) when an
 * exception does not compile; the rule is then skipped with a warning. */
static enum scan scan_pattern(const exl_linter *lin, const struct rule *ru, const struct pattern *pt,
                              const struct draft *d, const struct pf_window *win, size_t nwin,
                              struct span range, bool whole, struct cand_list *out,
                              exl_error *err) {
  size_t n = d->norm_len, off = range.start, k = 0;
  /* the draft's end is a place to start; a paragraph's end is the next one's */
  size_t final = range.end < n ? range.end - 1 : n;
  struct pf_window all = {0, final - range.start};
  if (!win) {
    win = &all;
    nwin = 1;
  }
  for (size_t w = 0; w < nwin; w++) {
    size_t wlast = win[w].last == PCRE2_UNSET ? final : range.start + win[w].last;
    if (wlast > final)
      wlast = final;
    if (off < range.start + win[w].start)
      off = range.start + win[w].start;
    while (off <= wlast) {
      k = whole ? 0 : draft_para_near(d, k, off);
      struct span para = {whole ? 0 : d->par[k], whole ? n : d->par[k + 1]};
      /* starts past the paragraph's last byte could only match empty */
      size_t last = wlast + 1 >= para.end ? PCRE2_UNSET : wlast;
      enum scan sc = scan_once(lin, ru, pt, d, para, &off, last, out, err);
      if (sc == SCAN_BROKEN || sc == SCAN_LIMIT)
        return sc;
      if (sc == SCAN_DONE) {
        if (para.end >= n || para.end > wlast)
          break;
        off = para.end;
      }
    }
  }
  return SCAN_OK;
}

/* Was CODE compiled so that a match can be confined with an offset limit?
 * (Patterns from a user pack are compiled on load, without it.) */
static bool can_limit(const pcre2_code *code) {
  uint32_t opts = 0;
  pcre2_pattern_info(code, PCRE2_INFO_ARGOPTIONS, &opts);
  return opts & PCRE2_USE_OFFSET_LIMIT;
}

/* Does PT read the draft as a whole rather than paragraph by paragraph? */
static bool sees_whole_draft(const struct pattern *pt) { return pt->reach == REACH_DRAFT; }

/* Where a rule stopped: the first of its patterns (in order) that hit the
 * match limit, or whose rule has an exception that does not compile. */
struct stop {
  size_t pat; /* SIZE_MAX: the rule ran to the end */
  bool broken;
  char msg[sizeof(((exl_error *)0)->msg)];
};

static const struct stop no_stop = {SIZE_MAX, false, ""};

static void warn_stop(exl_result *res, const struct rule *ru, const struct stop *st) {
  if (st->broken)
    result_warn(res, "%s; rule skipped", st->msg);
  else
    result_warn(res, "rule '%s': pattern %zu stopped at the match limit; rule skipped", ru->id,
                st->pat + 1);
}

enum pick { PICK_ALL, PICK_PARAGRAPH, PICK_WHOLE };

/* The accepted matches of RU's patterns (those PICK selects) that start
 * in RANGE, into CL; PF (NULL: scan everything) prefilters RANGE's text
 * and FIRST is the number of RU's first pattern in its index. When a
 * pattern stops the rule, ST says which and the scan ends there. */
static void collect_rule(const exl_linter *lin, const struct rule *ru, struct pf_text *pf,
                         size_t first, const struct draft *d, struct span range, enum pick pick,
                         struct cand_list *cl, struct stop *st) {
  for (size_t p = 0; p < ru->npats; p++) {
    const struct pattern *pt = &ru->pats[p];
    bool whole = sees_whole_draft(pt);
    if ((pick == PICK_WHOLE && !whole) || (pick == PICK_PARAGRAPH && whole))
      continue;
    const struct pf_window *win = NULL;
    size_t nwin = 0;
    enum pf_plan plan = pf ? pf_plan(pf, first + p, &pt->req, !whole, &win, &nwin) : PF_WHOLE;
    if (plan == PF_SKIP)
      continue; /* no match possible: the text lacks a literal every match holds */
    size_t span = range.end - range.start;
    if (plan == PF_WINDOWS) {
      span = 0;
      for (size_t w = 0; w < nwin; w++)
        span += win[w].last - win[w].start + 1;
    }
    exl_error err;
    enum scan sc = SCAN_BROKEN;
    bool jit = lin->jit_always || span >= JIT_THRESHOLD || nwin >= JIT_WINDOWS;
    if (pattern_ready(ru, pt, jit, &err)) {
      bool windowed = plan == PF_WINDOWS && can_limit(pt->code);
      sc = scan_pattern(lin, ru, pt, d, windowed ? win : NULL, nwin, range, whole, cl, &err);
    }
    if (sc == SCAN_OK)
      continue;
    st->pat = p;
    st->broken = sc == SCAN_BROKEN;
    snprintf(st->msg, sizeof(st->msg), "%s", st->broken ? err.msg : "");
    return;
  }
}

static void cands_free(struct cand_list *cl) {
  for (size_t i = 0; i < cl->n; i++)
    free(cl->v[i].replacement);
  free(cl->v);
  *cl = (struct cand_list){0};
}

/* The findings of rule RU from its accepted matches CL (consumed). */
static void report_rule(const struct rule *ru, exl_severity sev, struct cand_list *cl,
                        exl_result *res) {
  if (cl->n > 1) /* qsort(NULL, 0) is undefined */
    qsort(cl->v, cl->n, sizeof(*cl->v), by_start);
  /* overlapping matches of one rule are one problem */
  size_t kept = 0, last_end = 0;
  for (size_t i = 0; i < cl->n; i++) {
    if (kept && cl->v[i].start < last_end) {
      free(cl->v[i].replacement);
      continue;
    }
    cl->v[kept++] = cl->v[i];
    last_end = cl->v[i].end;
  }
  cl->n = kept;
  size_t report = kept >= (size_t)ru->min_matches ? (ru->min_matches > 1 ? 1 : kept) : 0;
  for (size_t i = 0; i < report; i++) {
    exl_finding *f = result_add(res, ru, sev, cl->v[i].start, cl->v[i].end);
    if (f && cl->v[i].replacement)
      f->replacement = result_own(res, cl->v[i].replacement);
    else
      free(cl->v[i].replacement);
    cl->v[i].replacement = NULL;
  }
  cands_free(cl);
}

/* Rule RU's findings from its accepted matches CL (consumed): none when
 * the rule stopped (ST, with a warning) or the draft answers a quoted line. */
static void finish_rule(const exl_linter *lin, const struct rule *ru, exl_severity sev,
                        struct cand_list *cl, const struct stop *st, exl_result *res) {
  if (st->pat != SIZE_MAX)
    warn_stop(res, ru, st);
  if (st->pat != SIZE_MAX || (cl->n && answers_quote(lin, ru, &res->d)))
    cands_free(cl);
  report_rule(ru, sev, cl, res);
}

/* Every match of rule RU into findings. FIRST is the number of RU's first
 * pattern in the index's count (pattern_index). */
static void match_rule(const exl_linter *lin, const struct rule *ru, exl_severity sev,
                       struct pf_text *pf, size_t first, exl_result *res) {
  struct cand_list cl = {0};
  struct stop st = no_stop;
  collect_rule(lin, ru, pf, first, &res->d, (struct span){0, res->d.norm_len}, PICK_ALL, &cl,
               &st);
  finish_rule(lin, ru, sev, &cl, &st, res);
}

/* ---- the run --------------------------------------------------------- */

/* Is X a stronger report of the same problem than Y? Higher severity, then
 * the longer span, then the rule that sorts first. */
static bool stronger(const exl_finding *x, const exl_finding *y) {
  if (x->severity != y->severity)
    return x->severity > y->severity;
  if (x->length != y->length)
    return x->length > y->length;
  return strcmp(x->rule, y->rule) < 0;
}

/* Two rules of one category over the same words are one problem: keep the
 * stronger finding, so the report, the editors and the score count it once.
 * FINDINGS are sorted by offset. */
static void merge_overlaps(exl_result *res) {
  bool *drop = calloc(res->nf, sizeof(bool));
  if (!drop)
    return; /* keeping both is only noisier */
  for (size_t i = 0; i < res->nf; i++)
    for (size_t j = i + 1; j < res->nf && !drop[i]; j++) {
      const exl_finding *x = &res->f[i], *y = &res->f[j];
      if (y->offset >= x->offset + x->length)
        break;
      if (!drop[j] && strcmp(x->category, y->category) == 0)
        drop[stronger(x, y) ? j : i] = true;
    }
  size_t kept = 0;
  for (size_t i = 0; i < res->nf; i++)
    if (!drop[i])
      res->f[kept++] = res->f[i];
  res->nf = kept;
  free(drop);
}

static int by_position(const void *a, const void *b) {
  const exl_finding *x = a, *y = b;
  if (x->offset != y->offset)
    return x->offset < y->offset ? -1 : 1;
  return strcmp(x->rule, y->rule);
}

/* EXLINT_PREFILTER=index uses the index on every draft, however small: the
 * A/B check that windows change no finding (tests/bench/equiv.sh). */
static bool index_forced(void) {
  const char *env = getenv("EXLINT_PREFILTER");
  return env && strcmp(env, "index") == 0;
}

/* The index of every pattern of the linter, made on first use (a cache,
 * like compiled code): taken from the pack cache when it holds one for
 * these patterns, else built when BUILD says the draft is worth it. NULL
 * when it cannot be had. */
static const struct pf_index *pattern_index(const exl_linter *lin, bool build) {
  struct pack_set *ps = (struct pack_set *)&lin->ps;
  if (ps->pfx || ps->pfx_tried)
    return ps->pfx;
  if (!ps->pfx_cache_tried) {
    ps->pfx_cache_tried = true;
    ps->pfx = pack_index_cached(ps);
    if (ps->pfx)
      return ps->pfx;
  }
  if (!build)
    return NULL;
  ps->pfx_tried = true;
  ps->pfx = pack_index_build(ps);
  return ps->pfx;
}

/* ---- the paragraph cache of a long-lived linter ----------------------- */

/* A paragraph is read as a message of its own (draft.h), so what the
 * rules find in it depends on its bytes and the stage alone. The server
 * re-lints after every keystroke; it keeps each paragraph's matches and
 * scans only the paragraphs an edit changed. Rules about the draft as a
 * whole (detectors, patterns anchored to its start or end) and the tone
 * are worked out afresh every time. */
struct para_hit {
  size_t rule, start, end; /* offsets from the paragraph's start */
  char *rep;
};

struct para_stop {
  size_t rule;
  struct stop st;
};

struct para_entry {
  uint64_t hash;
  char *key; /* the paragraph's normalised bytes, then its original ones */
  size_t nkey;
  exl_stage stage;
  struct para_hit *hits;
  size_t nhits;
  struct para_stop *stops;
  size_t nstops;
  unsigned gen; /* the last lint that used it */
};

struct para_cache {
  struct para_entry *v;
  size_t n, cap;
  unsigned gen;
};

static void entry_free(struct para_entry *e) {
  for (size_t i = 0; i < e->nhits; i++)
    free(e->hits[i].rep);
  free(e->hits);
  free(e->stops);
  free(e->key);
}

static struct para_cache *para_cache_new(void) { return calloc(1, sizeof(struct para_cache)); }

void lint_cache_free(struct para_cache *pc) {
  if (!pc)
    return;
  for (size_t i = 0; i < pc->n; i++)
    entry_free(&pc->v[i]);
  free(pc->v);
  free(pc);
}

/* Scan paragraph PARA of D for every paragraph pattern of the rules on at
 * STAGE, into E. False on OOM. */
static bool para_scan(const exl_linter *lin, exl_stage stage, const struct draft *d,
                      struct span para, const struct pf_index *x, struct para_entry *e) {
  struct pf_text pf;
  pf_text_init_indexed(&pf, d->norm + para.start, para.end - para.start, x);
  bool ok = true;
  size_t first = 0, caphits = 0;
  for (size_t i = 0; i < lin->ps.nrules && ok; first += lin->ps.rules[i++].npats) {
    const struct rule *ru = &lin->ps.rules[i];
    if (rule_severity(ru, stage) < 0 || ru->detector != DET_NONE)
      continue;
    struct cand_list cl = {0};
    struct stop st = no_stop;
    collect_rule(lin, ru, &pf, first, d, para, PICK_PARAGRAPH, &cl, &st);
    ok = !cl.oom;
    for (size_t j = 0; j < cl.n && ok; j++) {
      if (e->nhits == caphits) {
        caphits = caphits ? 2 * caphits : 8;
        struct para_hit *p = realloc(e->hits, caphits * sizeof(*p));
        if (!p) {
          ok = false;
          break;
        }
        e->hits = p;
      }
      struct cand *c = &cl.v[j];
      e->hits[e->nhits++] = (struct para_hit){i, c->start - para.start, c->end - para.start,
                                              c->replacement};
      c->replacement = NULL;
    }
    cands_free(&cl);
    if (ok && st.pat != SIZE_MAX) {
      struct para_stop *p = realloc(e->stops, (e->nstops + 1) * sizeof(*p));
      ok = p != NULL;
      if (ok) {
        e->stops = p;
        e->stops[e->nstops++] = (struct para_stop){i, st};
      }
    }
  }
  pf_text_free(&pf);
  return ok;
}

/* The cache's entry for paragraph PARA of D, scanned when it is not there;
 * NULL on OOM. */
static const struct para_entry *para_entry(const exl_linter *lin, exl_stage stage,
                                           const struct draft *d, struct span para,
                                           const struct pf_index *x) {
  struct para_cache *pc = lin->paras;
  size_t o = draft_orig(d, para.start), oe = draft_orig(d, para.end);
  size_t nn = para.end - para.start, nkey = nn + (oe - o);
  char *key = malloc(nkey + 1);
  if (!key)
    return NULL;
  memcpy(key, d->norm + para.start, nn);
  memcpy(key + nn, d->text + o, oe - o);
  uint64_t h = packcache_hash(key, nkey) ^ nn;
  for (size_t i = 0; i < pc->n; i++) {
    struct para_entry *e = &pc->v[i];
    if (e->hash == h && e->nkey == nkey && e->stage == stage && memcmp(e->key, key, nkey) == 0) {
      free(key);
      e->gen = pc->gen;
      return e;
    }
  }
  if (pc->n == pc->cap) {
    size_t cap = pc->cap ? 2 * pc->cap : 16;
    struct para_entry *p = realloc(pc->v, cap * sizeof(*p));
    if (!p) {
      free(key);
      return NULL;
    }
    pc->v = p;
    pc->cap = cap;
  }
  struct para_entry *e = &pc->v[pc->n];
  *e = (struct para_entry){.hash = h, .key = key, .nkey = nkey, .stage = stage, .gen = pc->gen};
  if (!para_scan(lin, stage, d, para, x, e)) {
    entry_free(e);
    return NULL;
  }
  pc->n++;
  return e;
}

/* Forget the paragraphs the last lint did not use: the cache holds one
 * draft, the one being edited. */
static void para_cache_trim(struct para_cache *pc) {
  size_t kept = 0;
  for (size_t i = 0; i < pc->n; i++) {
    if (pc->v[i].gen == pc->gen)
      pc->v[kept++] = pc->v[i];
    else
      entry_free(&pc->v[i]);
  }
  pc->n = kept;
}

/* The pattern rules of RES's draft, from the paragraph cache. False on
 * OOM, with RES as it was. */
static bool match_cached(const exl_linter *lin, const struct lint_opts *o,
                         const struct pf_index *x, exl_result *res) {
  const struct draft *d = &res->d;
  size_t nr = lin->ps.nrules;
  struct cand_list *cls = calloc(nr ? nr : 1, sizeof(*cls));
  struct stop *sts = malloc((nr ? nr : 1) * sizeof(*sts));
  bool ok = cls && sts;
  for (size_t i = 0; i < nr && ok; i++)
    sts[i] = no_stop;
  lin->paras->gen++;
  for (size_t k = 0; k < d->npar && ok; k++) {
    struct span para = {d->par[k], d->par[k + 1]};
    const struct para_entry *e = para_entry(lin, o->stage, d, para, x);
    ok = e != NULL;
    for (size_t j = 0; ok && j < e->nhits; j++) {
      const struct para_hit *h = &e->hits[j];
      char *rep = h->rep ? strdup(h->rep) : NULL;
      cand_push(&cls[h->rule], (struct cand){para.start + h->start, para.start + h->end, rep});
      ok = !cls[h->rule].oom && (!h->rep || rep);
    }
    for (size_t j = 0; ok && j < e->nstops; j++)
      if (e->stops[j].st.pat < sts[e->stops[j].rule].pat)
        sts[e->stops[j].rule] = e->stops[j].st;
  }
  para_cache_trim(lin->paras);
  size_t first = 0;
  for (size_t i = 0; i < nr && ok; first += lin->ps.rules[i++].npats) {
    const struct rule *ru = &lin->ps.rules[i];
    int sev = rule_severity(ru, o->stage);
    if (sev < 0)
      continue;
    if (ru->detector != DET_NONE) {
      detect_run(lin, ru, (exl_severity)sev, o, res);
      continue;
    }
    struct stop st = no_stop;
    collect_rule(lin, ru, NULL, first, d, (struct span){0, d->norm_len}, PICK_WHOLE, &cls[i],
                 &st);
    if (st.pat < sts[i].pat)
      sts[i] = st;
    finish_rule(lin, ru, (exl_severity)sev, &cls[i], &sts[i], res);
  }
  for (size_t i = 0; cls && i < nr; i++)
    cands_free(&cls[i]);
  free(cls);
  free(sts);
  return ok;
}

/* The word-evidence model beside the packs, loaded on first use (a cache,
 * like compiled code). NULL when there is none, as beside a user's own
 * packs: the tone then goes without it. A model that is there but cannot
 * be read is said in RES's warnings. */
static const struct learned *linter_learned(const exl_linter *lin, exl_result *res) {
  exl_linter *mut = (exl_linter *)lin;
  if (!mut->learned_tried) {
    mut->learned_tried = true;
    exl_error err;
    exl_status st = learned_load(&mut->learned, lin->packs_dir, &err);
    if (st != EXL_OK) {
      mut->learned = NULL;
      if (st != EXL_EIO) /* EIO: no model here, which is fine */
        snprintf(mut->learned_err, sizeof(mut->learned_err), "%s", err.msg);
    }
  }
  if (lin->learned_err[0])
    result_warn(res, "%s; the tone goes without word evidence", lin->learned_err);
  return lin->learned;
}

/* Sort and merge RES's findings, score it, and hand it to *OUT. */
static exl_status lint_finish(const exl_linter *lin, exl_result *res, const struct lint_opts *o,
                              exl_result **out) {
  res->learned = linter_learned(lin, res);
  detect_practical_length(lin, res);
  bool ruled = detect_content_warned(res);
  const char *lead = ruled ? NULL : detect_learned_lead(res);
  for (size_t i = 0; i < lin->ps.nrules; i++) {
    const struct rule *ru = &lin->ps.rules[i];
    int sev = rule_severity(ru, o->stage);
    if (sev >= 0 && ru->detector == DET_LEARNED)
      detect_learned(ru, (exl_severity)sev, res, ruled, lead);
  }
  if (res->nf)
    qsort(res->f, res->nf, sizeof(*res->f), by_position);
  if (!o->keep_overlaps)
    merge_overlaps(res);
  tone_compute(res);
  *out = res;
  return EXL_OK;
}

exl_status lint_run(const exl_linter *lin, const struct lint_opts *o, const char *name,
                    const char *text, size_t len, exl_result **out, exl_error *err) {
  *out = NULL;
  exl_result *res = calloc(1, sizeof(*res));
  if (!res)
    return error_set(err, EXL_ENOMEM, "%s: out of memory", name);
  res->name = strdup(name);
  res->text = malloc(len + 1);
  if (!res->name || !res->text) {
    exl_result_free(res);
    return error_set(err, EXL_ENOMEM, "%s: out of memory", name);
  }
  memcpy(res->text, text, len);
  res->text[len] = '\0';
  res->len = len;
  res->stage = o->stage;
  res->fail_level = lin->cfg->fail_level;
  exl_status st = draft_parse(&res->d, name, res->text, len, err);
  if (st != EXL_OK) {
    exl_result_free(res);
    return st;
  }
  res->stats.words = res->d.nwords;
  res->stats.sentences = res->d.nsent;
  res->stats.paragraphs = res->d.nparas;
  const struct pf_index *x =
      pattern_index(lin, lin->jit_always || res->d.norm_len >= INDEX_THRESHOLD || index_forced());
  if (x && lin->jit_always)
    pf_index_expect_many((struct pf_index *)x); /* a cache, like compiled code */
  if (lin->paras && match_cached(lin, o, x, res))
    return lint_finish(lin, res, o, out);
  struct pf_text pf;
  pf_text_init_indexed(&pf, res->d.norm, res->d.norm_len, x);
  pf_text_paragraphs(&pf, res->d.par, res->d.npar);
  size_t first = 0; /* the index numbers patterns across rules, in order */
  for (size_t i = 0; i < lin->ps.nrules; i++) {
    const struct rule *ru = &lin->ps.rules[i];
    int sev = rule_severity(ru, o->stage);
    if (sev >= 0 && ru->detector != DET_NONE)
      detect_run(lin, ru, (exl_severity)sev, o, res);
    else if (sev >= 0)
      match_rule(lin, ru, (exl_severity)sev, &pf, first, res);
    first += ru->npats;
  }
  pf_text_free(&pf);
  return lint_finish(lin, res, o, out);
}
