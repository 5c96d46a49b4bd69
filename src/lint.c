/* lint.c - run every rule over a draft and collect findings. */
#include "lint.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "detect.h"
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

void lint_long_lived(exl_linter *lin) {
  lin->jit_always = true;
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
  if (large && !pt->jitted) {
    pcre2_jit_compile(mut->code, PCRE2_JIT_COMPLETE); /* a speed-up only */
    mut->jitted = true;
  }
  return true;
}

/* 1 when an exception of RU matches the sentence at OFF, 0 when none does,
 * -1 when an exception does not compile (ERR says which). A sentence is
 * short, so a one-shot lint runs exceptions without JIT; a long-lived
 * linter (the server) runs them on every edit, and there JIT pays. */
static int excepted(const exl_linter *lin, const struct rule *ru, const struct draft *d,
                    size_t off, exl_error *err) {
  if (ru->nexcs == 0)
    return 0;
  struct span sp = draft_sentence_at(d, off);
  for (size_t i = 0; i < ru->nexcs; i++) {
    if (!pattern_ready(ru, &ru->excs[i], lin->jit_always, err))
      return -1;
    int rc = pcre2_match(ru->excs[i].code, (PCRE2_SPTR)d->norm + sp.start, sp.end - sp.start, 0,
                         PCRE2_NO_UTF_CHECK, lin->md, lin->mctx);
    if (rc > 0)
      return 1;
  }
  return 0;
}

/* ---- replacements ---------------------------------------------------- */

/* Expand "$1", "${1}" and "$$" in the rule's template from the groups of
 * the current match, copying the original bytes of each group. */
static char *expand_replacement(const char *tmpl, const struct draft *d, const PCRE2_SIZE *ov,
                                int ngroups) {
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
      size_t o = draft_orig(d, ov[2 * g]), e = draft_orig(d, ov[2 * g + 1]);
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

/* The first match of CODE starting in [FROM, LAST] (LAST: PCRE2_UNSET for
 * no limit), against the whole draft so lookarounds see what they would. */
static int match_from(const exl_linter *lin, pcre2_code *code, const struct draft *d, size_t from,
                      size_t last) {
  if (last != PCRE2_UNSET)
    pcre2_set_offset_limit(lin->mctx, last);
  int rc = pcre2_match(code, (PCRE2_SPTR)d->norm, d->norm_len, from, PCRE2_NO_UTF_CHECK, lin->md,
                       lin->mctx);
  if (last != PCRE2_UNSET)
    pcre2_set_offset_limit(lin->mctx, PCRE2_UNSET); /* exceptions share the context */
  return rc;
}

/* One match from *OFF (starting no later than LAST), handled, and *OFF
 * moved past it; SCAN_DONE when there is none. */
static enum scan scan_once(const exl_linter *lin, const struct rule *ru, pcre2_code *code,
                           const struct draft *d, size_t *offp, size_t last,
                           struct cand_list *out, exl_error *err) {
  size_t off = *offp, n = d->norm_len;
  int rc = match_from(lin, code, d, off, last);
  if (rc == PCRE2_ERROR_NOMATCH)
    return SCAN_DONE;
  if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
      rc == PCRE2_ERROR_HEAPLIMIT)
    return SCAN_LIMIT;
  if (rc < 0)
    return SCAN_DONE; /* no other error can come from validated input */
  PCRE2_SIZE *ov = pcre2_get_ovector_pointer(lin->md);
  size_t s = ov[0], e = ov[1];
  if (e <= s) { /* an empty match flags nothing; step past it */
    *offp = next_cp(d->norm, n, s > off ? s : off);
    return SCAN_OK;
  }
  int exc = ru->negatable && negated(d, s) ? 1 : excepted(lin, ru, d, s, err);
  if (exc < 0)
    return SCAN_BROKEN;
  if (exc == 0) {
    /* excepted() reused the match data: run the match again for groups */
    char *rep = NULL;
    if (ru->replacement) {
      rc = pcre2_match(code, (PCRE2_SPTR)d->norm, n, s, PCRE2_NO_UTF_CHECK | PCRE2_ANCHORED,
                       lin->md, lin->mctx);
      ov = pcre2_get_ovector_pointer(lin->md);
      rep = expand_replacement(ru->replacement, d, ov, rc > 0 ? rc : 0);
    }
    cand_push(out, (struct cand){s, e, rep});
  }
  *offp = e;
  return SCAN_OK;
}

/* Every accepted match of one pattern, looking only for matches that start
 * inside the NWIN windows WIN (NULL: anywhere). The prefilter promises no
 * match starts elsewhere, so this finds what a scan of the whole draft
 * finds. SCAN_LIMIT when the pattern hit PCRE2's match or depth limit,
 * SCAN_BROKEN (ERR set) when an exception does not compile; the rule is
 * then skipped with a warning. */
static enum scan scan_pattern(const exl_linter *lin, const struct rule *ru, pcre2_code *code,
                              const struct draft *d, const struct pf_window *win, size_t nwin,
                              struct cand_list *out, exl_error *err) {
  size_t off = 0, n = d->norm_len;
  struct pf_window whole = {0, PCRE2_UNSET};
  if (!win) {
    win = &whole;
    nwin = 1;
  }
  for (size_t w = 0; w < nwin; w++) {
    if (off < win[w].start)
      off = win[w].start;
    while (off <= n && off <= win[w].last) {
      enum scan sc = scan_once(lin, ru, code, d, &off, win[w].last, out, err);
      if (sc == SCAN_BROKEN || sc == SCAN_LIMIT)
        return sc;
      if (sc == SCAN_DONE)
        break;
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

/* Every match of rule RU into findings. FIRST is the number of RU's first
 * pattern in the index's count (pattern_index). */
static void match_rule(const exl_linter *lin, const struct rule *ru, exl_severity sev,
                       struct pf_text *pf, size_t first, exl_result *res) {
  struct cand_list cl = {0};
  for (size_t p = 0; p < ru->npats; p++) {
    const struct pattern *pt = &ru->pats[p];
    const struct pf_window *win;
    size_t nwin;
    enum pf_plan plan = pf_plan(pf, first + p, &pt->req, &win, &nwin);
    if (plan == PF_SKIP)
      continue; /* no match possible: the draft lacks a literal every match holds */
    size_t span = res->d.norm_len;
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
      sc = scan_pattern(lin, ru, pt->code, &res->d, windowed ? win : NULL, nwin, &cl, &err);
    }
    if (sc == SCAN_OK)
      continue;
    if (sc == SCAN_LIMIT)
      result_warn(res, "rule '%s': pattern %zu stopped at the match limit; rule skipped", ru->id,
                  p + 1);
    else
      result_warn(res, "%s; rule skipped", err.msg);
    for (size_t i = 0; i < cl.n; i++)
      free(cl.v[i].replacement);
    cl.n = 0;
    break;
  }
  if (cl.n > 1) /* qsort(NULL, 0) is undefined */
    qsort(cl.v, cl.n, sizeof(*cl.v), by_start);
  /* overlapping matches of one rule are one problem */
  size_t kept = 0, last_end = 0;
  for (size_t i = 0; i < cl.n; i++) {
    if (kept && cl.v[i].start < last_end) {
      free(cl.v[i].replacement);
      continue;
    }
    cl.v[kept++] = cl.v[i];
    last_end = cl.v[i].end;
  }
  size_t report = kept >= (size_t)ru->min_matches ? (ru->min_matches > 1 ? 1 : kept) : 0;
  for (size_t i = 0; i < kept; i++) {
    if (i < report) {
      exl_finding *f = result_add(res, ru, sev, cl.v[i].start, cl.v[i].end);
      char *rep = cl.v[i].replacement;
      cl.v[i].replacement = NULL;
      if (f && rep)
        f->replacement = result_own(res, rep);
      else
        free(rep);
    }
    free(cl.v[i].replacement);
  }
  free(cl.v);
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
  struct pf_text pf;
  const struct pf_index *x =
      pattern_index(lin, lin->jit_always || res->d.norm_len >= INDEX_THRESHOLD || index_forced());
  if (x && lin->jit_always)
    pf_index_expect_many((struct pf_index *)x); /* a cache, like compiled code */
  pf_text_init_indexed(&pf, res->d.norm, res->d.norm_len, x);
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
  if (res->nf)
    qsort(res->f, res->nf, sizeof(*res->f), by_position);
  if (!o->keep_overlaps)
    merge_overlaps(res);
  tone_compute(res);
  *out = res;
  return EXL_OK;
}
