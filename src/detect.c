/* detect.c - the checks a regular expression cannot make: counts against a
 * budget, the anatomy of an apology, spelling, and the clock. */
#define _GNU_SOURCE
#include "detect.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "learned.h"
#include "spell.h"
#include "state.h"
#include "util.h"

/* Replace a finding's message with a formatted one the result owns. */
static void set_message(exl_result *res, exl_finding *f, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_message(exl_result *res, exl_finding *f, const char *fmt, ...) {
  char line[320];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof(line), fmt, ap);
  va_end(ap);
  char *m = result_own(res, strdup(line));
  if (f && m)
    f->message = m;
}

/* The span from START to the end of the draft, trailing space left out. */
static size_t text_end(const struct draft *d) {
  size_t e = d->norm_len;
  while (e > 0 && isspace((unsigned char)d->norm[e - 1]))
    e--;
  return e;
}

/* Start of word number K (0-based), or the end of the text. */
static size_t word_start(const struct draft *d, size_t k) {
  struct span w;
  size_t from = 0;
  for (size_t i = 0; draft_next_word(d->norm, d->norm_len, from, &w); i++) {
    if (i == k)
      return w.start;
    from = w.end;
  }
  return text_end(d); /* words were counted before quotes were masked */
}

/* A letter's frame is not its length: a first paragraph of a few words
 * ending in a comma is a greeting ("Dear Margaret,"), and a last one that
 * holds a comma or is a bare name or two is a sign-off ("Best wishes,\n
 * Eileen", "Pat"). Short paragraphs in between still count: "Hey.\n\nCan
 * we talk?" is the choppy kind of wall. */
#define FRAME_WORDS 3

static bool is_frame(const struct draft *d, struct span para, size_t words, bool first,
                     bool last) {
  const char *s = d->norm;
  if (words > FRAME_WORDS || first == last) /* a middle paragraph, or the only one */
    return false;
  size_t after = para.end < d->norm_len ? para.end : d->norm_len - 1;
  if (first)
    return s[after] == ',';
  bool comma = memchr(s + para.start, ',', para.end - para.start) != NULL;
  bool bare = words <= 2 && (para.end >= d->norm_len || !strchr(".!?", s[para.end]));
  return comma || bare;
}

/* The paragraphs of D that are not its frame: how many, and in *KTH the
 * start of the one numbered K (0-based; the text's end when there are
 * fewer). Paragraphs are split on blank lines, as draft_parse counts them. */
static size_t body_paragraphs(const struct draft *d, size_t k, size_t *kth) {
  const char *s = d->norm;
  size_t n = 0, words = 0, from = 0, index = 0;
  struct span w = {0, 0}, para = {0, 0};
  *kth = text_end(d);
  for (bool more = true; more;) {
    more = draft_next_word(s, d->norm_len, from, &w);
    bool blank_line = !more;
    for (size_t i = para.end, nl = 0; more && words && i < w.start; i++)
      if (s[i] == '\n' && ++nl >= 2)
        blank_line = true;
    if (blank_line && words && !is_frame(d, para, words, index++ == 0, !more) && n++ == k)
      *kth = para.start;
    if (blank_line || !words) {
      words = 0;
      para.start = w.start;
    }
    words++;
    para.end = from = w.end;
  }
  return n;
}

static size_t sentence_words(const struct draft *d, struct span sp) {
  struct span w;
  size_t n = 0, from = sp.start;
  while (draft_next_word(d->norm, sp.end, from, &w)) {
    n++;
    from = w.end;
  }
  return n;
}

/* ---- length ---------------------------------------------------------- */

static void detect_budget(const struct rule *ru, exl_severity sev, const struct lint_opts *o,
                          exl_result *res) {
  const struct draft *d = &res->d;
  double budget = ru->budget[o->stage];
  const char *stage = exl_stage_name(o->stage);
  if (budget <= 0)
    return;
  size_t limit = (size_t)budget, start;
  exl_finding *f;
  switch (ru->detector) {
  case DET_WORDS:
    if (d->nwords <= limit)
      return;
    start = word_start(d, limit);
    f = result_add(res, ru, sev, start, text_end(d));
    set_message(res, f, "%s: %zu words, where %zu is plenty at %s", ru->message, d->nwords, limit,
                stage);
    break;
  case DET_SENTENCES:
    if (d->nsent <= limit)
      return;
    f = result_add(res, ru, sev, d->sent[limit].start, text_end(d));
    set_message(res, f, "%s: %zu sentences, where %zu is plenty at %s", ru->message, d->nsent,
                limit, stage);
    break;
  case DET_PARAGRAPHS: {
    size_t nparas = body_paragraphs(d, limit, &start);
    if (nparas <= limit)
      return;
    f = result_add(res, ru, sev, start, text_end(d));
    set_message(res, f, "%s: %zu paragraphs, where %zu is plenty at %s", ru->message, nparas,
                limit, stage);
    break;
  }
  case DET_SENTENCE_WORDS:
    for (size_t i = 0; i < d->nsent; i++) {
      size_t n = sentence_words(d, d->sent[i]);
      if (n <= limit)
        continue;
      f = result_add(res, ru, sev, d->sent[i].start, d->sent[i].end);
      set_message(res, f, "%s: one sentence of %zu words", ru->message, n);
    }
    break;
  default:
    break;
  }
}

static void detect_questions(const struct rule *ru, exl_severity sev, exl_result *res) {
  const struct draft *d = &res->d;
  size_t n = 0, first = 0;
  for (size_t i = 0; i < d->nsent; i++) {
    if (!memchr(d->norm + d->sent[i].start, '?', d->sent[i].end - d->sent[i].start))
      continue;
    if (n++ == 0)
      first = i;
  }
  if (ru->param_min <= 0 || n < (size_t)ru->param_min)
    return;
  exl_finding *f = result_add(res, ru, sev, d->sent[first].start, text_end(d));
  set_message(res, f, "%s: %zu questions in one message", ru->message, n);
}

/* ---- apology anatomy ------------------------------------------------- */

static bool find(const exl_linter *lin, pcre2_code *code, const struct draft *d,
                 struct span *where) {
  int rc = pcre2_match(code, (PCRE2_SPTR)d->norm, d->norm_len, 0, PCRE2_NO_UTF_CHECK, lin->md,
                       lin->mctx);
  if (rc <= 0)
    return false;
  if (where) {
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(lin->md);
    *where = (struct span){ov[0], ov[1]};
  }
  return true;
}

/* A long-lived linter (the server) scans for the parts on every edit:
 * JIT them once there. A one-shot lint keeps them interpreted (see lint.c). */
static void jit_parts(const exl_linter *lin, const struct rule *ru) {
  struct rule *mut = (struct rule *)ru; /* compiled code is a cache, not content */
  if (!lin->jit_always || ru->parts_jitted)
    return;
  for (int i = 0; i < 3; i++)
    if (ru->part[i])
      pcre2_jit_compile(mut->part[i], PCRE2_JIT_COMPLETE); /* a speed-up only */
  mut->parts_jitted = true;
}

/* A real apology has regret, responsibility and remedy; say which part is
 * missing rather than only that something is off. */
static void detect_apology(const exl_linter *lin, const struct rule *ru, exl_severity sev,
                           exl_result *res) {
  struct span at;
  const struct draft *d = &res->d;
  jit_parts(lin, ru);
  if (!find(lin, ru->part[0], d, &at) || at.end <= at.start)
    return;
  bool owns = find(lin, ru->part[1], d, NULL), fixes = find(lin, ru->part[2], d, NULL);
  if (owns && fixes)
    return;
  exl_finding *f = result_add(res, ru, sev, at.start, at.end);
  set_message(res, f, "%s: it has regret but no %s", ru->message,
              !owns && !fixes ? "responsibility (what you did) or remedy (what you will change)"
              : !owns         ? "responsibility (name what you did)"
                              : "remedy (what you will do differently)");
}

/* ---- spelling -------------------------------------------------------- */

/* Words worth checking: no digits, not a lone letter, not an acronym in
 * capitals, not part of an address or a handle. */
static bool checkable(const char *s, size_t n, const struct span *w) {
  size_t len = w->end - w->start, upper = 0;
  if (len < 2)
    return false;
  for (size_t i = w->start; i < w->end; i++) {
    if (isdigit((unsigned char)s[i]))
      return false;
    upper += isupper((unsigned char)s[i]) != 0;
  }
  if (upper == len)
    return false;
  char before = w->start ? s[w->start - 1] : ' ', after = w->end < n ? s[w->end] : ' ';
  if (before == '@' || before == '#' || before == '/' || before == '.' || after == '@' ||
      after == '/' || (after == '.' && w->end + 1 < n && isalpha((unsigned char)s[w->end + 1])) ||
      before == '_' || after == '_')
    return false;
  return true;
}

/* Misspelled words, found once per draft and shared by both spelling rules. */
static void scan_typos(const exl_linter *lin, exl_result *res, struct span **out, size_t *nout) {
  const struct draft *d = &res->d;
  struct span w, *v = NULL;
  size_t n = 0, cap = 0, from = 0;
  while (draft_next_word(d->norm, d->norm_len, from, &w)) {
    from = w.end;
    if (!checkable(d->norm, d->norm_len, &w) ||
        speller_ok(lin->sp, d->norm + w.start, w.end - w.start))
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      struct span *p = realloc(v, cap * sizeof(*p));
      if (!p)
        break;
      v = p;
    }
    v[n++] = w;
  }
  *out = v;
  *nout = n;
}

#define MAX_SUGGESTED 5 /* a typo no single edit fixes costs Hunspell tens of ms */

static void detect_spelling(const exl_linter *lin, const struct rule *ru, exl_severity sev,
                            exl_result *res, const struct span *typos, size_t n) {
  for (size_t i = 0; i < n; i++) {
    exl_finding *f = result_add(res, ru, sev, typos[i].start, typos[i].end);
    if (!f)
      return;
    set_message(res, f, "%s: '%.60s'", ru->message, f->match);
    if (i < MAX_SUGGESTED) {
      char *s = speller_suggest(lin->sp, res->d.norm + typos[i].start,
                                typos[i].end - typos[i].start, 3);
      if (s) {
        char line[300];
        snprintf(line, sizeof(line), "did you mean: %s", s);
        free(s);
        f->suggestion = result_own(res, strdup(line));
      }
    }
  }
}

static void detect_typo_density(const struct rule *ru, exl_severity sev, exl_result *res,
                                const struct span *typos, size_t n) {
  size_t words = res->d.nwords;
  if (n == 0 || words < (size_t)ru->param_min || (double)n < ru->param_ratio * (double)words)
    return;
  exl_finding *f = result_add(res, ru, sev, typos[0].start, typos[0].end);
  set_message(res, f, "%s: %zu of %zu words look mistyped", ru->message, n, words);
}

/* ---- the clock ------------------------------------------------------- */

/* The span a finding about the whole draft points at: its first word. */
static struct span first_word(const struct draft *d) {
  struct span w = {0, 0};
  if (!draft_next_word(d->norm, d->norm_len, 0, &w))
    w = (struct span){0, 0};
  return w;
}

static void detect_late_night(const exl_linter *lin, const struct rule *ru, exl_severity sev,
                              const struct lint_opts *o, exl_result *res) {
  int from = lin->cfg->late_from, to = lin->cfg->late_to;
  if (from < 0)
    return;
  time_t t = (time_t)o->now;
  struct tm tm;
  localtime_r(&t, &tm);
  int m = tm.tm_hour * 60 + tm.tm_min;
  bool late = from <= to ? (m >= from && m < to) : (m >= from || m < to);
  if (!late)
    return;
  struct span w = first_word(&res->d);
  exl_finding *f = result_add(res, ru, sev, w.start, w.end);
  set_message(res, f, "%s: it is %02d:%02d", ru->message, tm.tm_hour, tm.tm_min);
}

static int64_t local_day(int64_t now) {
  time_t t = (time_t)now;
  struct tm tm;
  localtime_r(&t, &tm);
  struct tm day = {0};
  day.tm_year = tm.tm_year;
  day.tm_mon = tm.tm_mon;
  day.tm_mday = tm.tm_mday;
  return (int64_t)timegm(&day) / 86400;
}

static void detect_no_contact(const struct rule *ru, exl_severity sev, const struct lint_opts *o,
                              exl_result *res) {
  if (!o->has_breakup || o->no_contact_days <= 0)
    return;
  int64_t day = local_day(o->now) - o->breakup_day;
  if (day < 0 || day >= o->no_contact_days)
    return;
  time_t end = (time_t)((o->breakup_day + o->no_contact_days) * 86400);
  struct tm tm;
  gmtime_r(&end, &tm);
  struct span w = first_word(&res->d);
  exl_finding *f = result_add(res, ru, sev, w.start, w.end);
  set_message(res, f, "%s: day %lld of %d; it ends on %04d-%02d-%02d", ru->message,
              (long long)day, o->no_contact_days, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static void detect_double_text(const exl_linter *lin, const struct rule *ru, exl_severity sev,
                               const struct lint_opts *o, exl_result *res) {
  int count = ru->param_min > 0 ? (int)ru->param_min : 2;
  int64_t window = (int64_t)((ru->param_ratio > 0 ? ru->param_ratio : 48) * 3600);
  int n = o->unanswered >= 0 ? o->unanswered : state_unanswered(lin->cfg, o->now, window);
  if (n < count)
    return;
  struct span w = first_word(&res->d);
  exl_finding *f = result_add(res, ru, sev, w.start, w.end);
  set_message(res, f, "%s: %d messages sent without a reply in the last %lld hours", ru->message,
              n, (long long)(window / 3600));
}

/* ---- dispatch -------------------------------------------------------- */

void detect_run(const exl_linter *lin, const struct rule *ru, exl_severity sev,
                const struct lint_opts *o, exl_result *res) {
  switch (ru->detector) {
  case DET_WORDS:
  case DET_SENTENCES:
  case DET_PARAGRAPHS:
  case DET_SENTENCE_WORDS:
    detect_budget(ru, sev, o, res);
    break;
  case DET_QUESTIONS:
    detect_questions(ru, sev, res);
    break;
  case DET_APOLOGY:
    detect_apology(lin, ru, sev, res);
    break;
  case DET_SPELLING:
  case DET_TYPO_DENSITY:
    if (lin->sp) {
      if (!res->typos_done) {
        scan_typos(lin, res, &res->typos, &res->ntypos);
        res->typos_done = true;
      }
      if (ru->detector == DET_SPELLING)
        detect_spelling(lin, ru, sev, res, res->typos, res->ntypos);
      else
        detect_typo_density(ru, sev, res, res->typos, res->ntypos);
    }
    break;
  case DET_LATE_NIGHT:
    detect_late_night(lin, ru, sev, o, res);
    break;
  case DET_NO_CONTACT:
    detect_no_contact(ru, sev, o, res);
    break;
  case DET_DOUBLE_TEXT:
    detect_double_text(lin, ru, sev, o, res);
    break;
  case DET_LEARNED: /* after every other rule: detect_learned() */
  case DET_NONE:
    break;
  }
}

/* A finding about what the draft says: not the clock, not spelling. */
static bool about_content(const exl_finding *f) {
  return strcmp(f->category, "timing") != 0 && strcmp(f->category, "spelling") != 0;
}

bool detect_content_warned(const exl_result *res) {
  for (size_t i = 0; i < res->nf; i++)
    if (res->f[i].severity >= EXL_WARNING && about_content(&res->f[i]))
      return true;
  return false;
}

static bool is_word_budget(const exl_linter *lin, const exl_finding *f) {
  for (size_t i = 0; i < lin->ps.nrules; i++)
    if (lin->ps.rules[i].id == f->rule) /* findings point at their rule's id */
      return lin->ps.rules[i].detector == DET_WORDS;
  return false;
}

/* A long message that is all practical (the inspection on Friday, the van,
 * the meter readings, the deposit) is not the emotional essay a word budget
 * stands for, and fresh writers kept labelling such messages fine. So when
 * a word budget is the only thing about the content that warned, and the
 * draft-level model reads the draft as one to send (under the info
 * threshold it was shipped with), the budget speaks at info. Without a
 * model nothing changes. */
void detect_practical_length(const exl_linter *lin, exl_result *res) {
  bool budget = false;
  for (size_t i = 0; i < res->nf; i++) {
    const exl_finding *f = &res->f[i];
    if (f->severity < EXL_WARNING || !about_content(f))
      continue;
    if (f->severity != EXL_WARNING || !is_word_budget(lin, f))
      return; /* something else warned, or the budget was made an error */
    budget = true;
  }
  const struct learned_verdict *v = budget ? result_verdict(res) : NULL;
  if (!v)
    return;
  double warn, info;
  learned_thresholds(res->learned, &warn, &info);
  if (v->p_flag >= info)
    return;
  for (size_t i = 0; i < res->nf; i++)
    if (res->f[i].severity == EXL_WARNING && is_word_budget(lin, &res->f[i]))
      res->f[i].severity = EXL_INFO;
}

const char *detect_learned_lead(exl_result *res) {
  const struct learned_verdict *v = result_verdict(res);
  const char *lead = NULL;
  double best = 0;
  for (size_t k = 0; v && k < v->nhint; k++)
    if (v->hint[k].over && (!lead || v->hint[k].margin > best)) {
      lead = v->hint[k].category;
      best = v->hint[k].margin;
    }
  return lead;
}

/* A learned category model's verdict (learned.h) on a draft no rule named
 * RU's category for: the model of that name, if it was shipped with a hint
 * threshold. Patterns know the wordings they were written for; people keep
 * finding new ones, and the models read the words around the idea. */
void detect_learned(const struct rule *ru, exl_severity sev, exl_result *res, bool ruled,
                    const char *lead) {
  if (sev == EXL_WARNING && !ruled && !(lead && strcmp(lead, ru->category) == 0))
    sev = EXL_INFO;
  for (size_t i = 0; i < res->nf; i++)
    if (res->f[i].severity >= EXL_WARNING && strcmp(res->f[i].category, ru->category) == 0)
      return;
  const struct learned_verdict *v = result_verdict(res);
  for (size_t k = 0; v && k < v->nhint; k++)
    if (v->hint[k].over && strcmp(v->hint[k].category, ru->category) == 0)
      result_add(res, ru, sev, v->hint[k].where.start, v->hint[k].where.end);
}
