/* lint.h - the linter, a result, and running rules over a draft. */
#ifndef EXLINT_LINT_H
#define EXLINT_LINT_H

#include "config.h"
#include "draft.h"
#include "exlint.h"
#include "learned.h"
#include "pack.h"

struct speller;
struct para_cache;

struct exl_linter {
  exl_config *cfg;      /* owned copy */
  struct pack_set ps;
  struct speller *sp;   /* NULL when spelling is off */
  pcre2_match_data *md; /* reused by every match: a linter serves one thread */
  pcre2_match_context *mctx;
  bool jit_always; /* a long-lived linter (the LSP server) JITs every pattern it runs */
  struct para_cache *paras; /* a long-lived linter's matches per paragraph, or NULL */
  char *packs_dir;          /* the bundled packs' directory (or --only-patterns) */
  struct learned *learned;  /* the word-evidence model found there, loaded on first use */
  bool learned_tried;
  /* why the model there could not be read ("" when it is fine or absent) */
  char learned_err[sizeof(((exl_error *)0)->msg)];
};

/* What one lint runs under; the linter's config gives the defaults. */
struct lint_opts {
  exl_stage stage;
  int64_t now;
  bool has_breakup;
  int64_t breakup_day;
  int no_contact_days;
  int unanswered; /* unanswered sends; -1: read the state file */
  bool keep_overlaps; /* report every rule, even over another of its category */
};

#define TONE_MAX_COMPONENTS 32

struct exl_result {
  char *name;
  char *text; /* owned copy of the input */
  size_t len;
  struct draft d;
  exl_finding *f;
  size_t nf, capf;
  char **strs; /* strings the findings point to that the result owns */
  size_t nstrs, capstrs;
  char **warnings;
  size_t nwarnings;
  exl_stage stage;
  exl_severity fail_level;
  exl_stats stats;
  struct span *typos; /* misspelled words, shared by the spelling rules */
  size_t ntypos;
  bool typos_done;
  exl_tone tone;
  exl_tone_component comps[TONE_MAX_COMPONENTS];
  const struct learned *learned; /* the linter's word-evidence model, or NULL */
  struct learned_verdict verdict; /* what it makes of the draft: result_verdict() */
  bool verdict_done;
};

/* LIN will lint many drafts, and the same one again after each edit (the
 * language server): JIT every pattern it runs, remember spelling verdicts,
 * and keep each paragraph's matches so that a re-lint scans only the
 * paragraphs that changed. Findings do not change. */
void lint_long_lived(exl_linter *lin);
void lint_cache_free(struct para_cache *pc);

void lint_default_opts(const exl_linter *lin, struct lint_opts *o);
exl_status lint_run(const exl_linter *lin, const struct lint_opts *o, const char *name,
                    const char *text, size_t len, exl_result **out, exl_error *err);

/* Keep S (malloc'd) alive as long as RES; returns S, or NULL (and frees S)
 * on OOM. */
char *result_own(exl_result *res, char *s);
/* Add a finding for rule RU over the normalised span [start, end). */
exl_finding *result_add(exl_result *res, const struct rule *ru, exl_severity sev, size_t start,
                        size_t end);
void result_warn(exl_result *res, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* What RES's word-evidence model makes of its draft, worked out on first
 * use; NULL without a model or for a draft under LEARNED_MIN_WORDS words. */
const struct learned_verdict *result_verdict(exl_result *res);

/* Severity of RU at STAGE, or -1 when it is off or disabled. */
int rule_severity(const struct rule *ru, exl_stage stage);

#endif
