/* exlint.c - the public API: building a linter, linting, reading results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exlint.h"
#include "learned.h"
#include "lint.h"
#include "report.h"
#include "spell.h"
#include "util.h"

/* Limits on one pcre2_match() call: a user pack with a catastrophic
 * pattern costs a fraction of a second, then that rule is skipped. */
#define MATCH_LIMIT 500000
#define DEPTH_LIMIT 20000
#define HEAP_LIMIT_KIB 32768

#define DEFAULT_DICTIONARY "/usr/share/hunspell/en_US"

/* ---- building -------------------------------------------------------- */

static exl_status apply_overrides(exl_linter *lin, exl_error *err) {
  const exl_config *cfg = lin->cfg;
  for (size_t i = 0; i < cfg->ndisable; i++) {
    struct rule *ru = pack_find(&lin->ps, cfg->disable[i]);
    if (!ru)
      return error_set(err, EXL_EUSAGE, "cannot disable unknown rule '%s' (see --list-rules)",
                       cfg->disable[i]);
    ru->disabled = true;
  }
  for (size_t i = 0; i < cfg->nsev; i++) {
    struct rule *ru = pack_find(&lin->ps, cfg->sev[i].rule);
    if (!ru)
      return error_set(err, EXL_EUSAGE, "cannot set the severity of unknown rule '%s'",
                       cfg->sev[i].rule);
    ru->severity = cfg->sev[i].level;
    for (int s = 0; s < 3; s++)
      if (ru->stage_sev[s] >= 0)
        ru->stage_sev[s] = (int)cfg->sev[i].level;
  }
  exl_linter_set_stage(lin, cfg->stage);
  return EXL_OK;
}

/* PACKS is the first directory: --only-patterns, else the bundled packs. */
static exl_status load_packs(exl_linter *lin, const char *packs, exl_error *err) {
  const exl_config *cfg = lin->cfg;
  exl_status st = pack_load_dir(&lin->ps, packs, !cfg->only_patterns, err);
  for (size_t i = 0; st == EXL_OK && i < cfg->npatterns; i++)
    st = pack_load_dir(&lin->ps, cfg->patterns[i], false, err);
  if (st == EXL_OK)
    pack_finish(&lin->ps);
  return st;
}

static exl_status load_speller(exl_linter *lin, const char *packs, exl_error *err) {
  const exl_config *cfg = lin->cfg;
  if (!cfg->spell)
    return EXL_OK;
  char words[4096];
  snprintf(words, sizeof(words), "%s/words/texting.txt", packs);
  FILE *probe = fopen(words, "r");
  if (probe)
    fclose(probe);
  const char *extra[2] = {probe ? words : NULL, cfg->personal_dictionary};
  return speller_new(cfg->dictionary ? cfg->dictionary : DEFAULT_DICTIONARY, extra, 2, &lin->sp,
                     err);
}

exl_status exl_linter_new(const exl_config *cfg, exl_linter **out, exl_error *err) {
  *out = NULL;
  exl_linter *lin = calloc(1, sizeof(*lin));
  if (!lin)
    return error_set(err, EXL_ENOMEM, "out of memory");
  exl_status st = EXL_OK;
  lin->cfg = config_dup(cfg);
  lin->md = pcre2_match_data_create(32, NULL);
  lin->mctx = pcre2_match_context_create(NULL);
  if (!lin->cfg || !lin->md || !lin->mctx) {
    st = error_set(err, EXL_ENOMEM, "out of memory");
    goto fail;
  }
  pcre2_set_match_limit(lin->mctx, MATCH_LIMIT);
  pcre2_set_depth_limit(lin->mctx, DEPTH_LIMIT);
  pcre2_set_heap_limit(lin->mctx, HEAP_LIMIT_KIB);
  /* found once: the packs and the texting word list live side by side */
  const char *packs = cfg->only_patterns ? cfg->only_patterns : pack_bundled_dir();
  if (!(lin->packs_dir = strdup(packs))) {
    st = error_set(err, EXL_ENOMEM, "out of memory");
    goto fail;
  }
  if ((st = load_packs(lin, packs, err)) != EXL_OK ||
      (st = apply_overrides(lin, err)) != EXL_OK || (st = load_speller(lin, packs, err)) != EXL_OK)
    goto fail;
  *out = lin;
  return EXL_OK;
fail:
  exl_linter_free(lin);
  return st;
}

void exl_linter_free(exl_linter *lin) {
  if (!lin)
    return;
  lint_cache_free(lin->paras);
  learned_free(lin->learned);
  free(lin->packs_dir);
  pack_set_free(&lin->ps);
  speller_free(lin->sp);
  pcre2_match_data_free(lin->md);
  pcre2_match_context_free(lin->mctx);
  exl_config_free(lin->cfg);
  free(lin);
}

void exl_linter_set_stage(exl_linter *lin, exl_stage stage) {
  lin->cfg->stage = stage;
  for (size_t i = 0; i < lin->ps.nrules; i++) {
    struct rule *ru = &lin->ps.rules[i];
    int sev = rule_severity(ru, stage);
    ru->info.enabled = sev >= 0;
    ru->info.severity = sev >= 0 ? (exl_severity)sev : ru->severity;
  }
}

void exl_linter_set_fail_level(exl_linter *lin, exl_severity level) {
  lin->cfg->fail_level = level;
}

exl_severity exl_linter_fail_level(const exl_linter *lin) { return lin->cfg->fail_level; }

size_t exl_linter_rule_count(const exl_linter *lin) { return lin->ps.nrules; }

const exl_rule_info *exl_linter_rule(const exl_linter *lin, size_t i) {
  return i < lin->ps.nrules ? &lin->ps.rules[i].info : NULL;
}

const exl_rule_info *exl_linter_find_rule(const exl_linter *lin, const char *id) {
  const struct rule *ru = pack_find(&lin->ps, id);
  return ru ? &ru->info : NULL;
}

/* ---- linting --------------------------------------------------------- */

exl_status exl_lint(const exl_linter *lin, const char *name, const char *text, size_t len,
                    exl_result **out, exl_error *err) {
  struct lint_opts o;
  lint_default_opts(lin, &o);
  return lint_run(lin, &o, name, text, len, out, err);
}

void exl_result_free(exl_result *res) {
  if (!res)
    return;
  draft_free(&res->d);
  for (size_t i = 0; i < res->nstrs; i++)
    free(res->strs[i]);
  free(res->strs);
  for (size_t i = 0; i < res->nwarnings; i++)
    free(res->warnings[i]);
  free(res->warnings);
  free(res->typos);
  free(res->f);
  free(res->text);
  free(res->name);
  free(res);
}

const char *exl_result_name(const exl_result *res) { return res->name; }

const char *exl_result_text(const exl_result *res, size_t *len) {
  if (len)
    *len = res->len;
  return res->text;
}

size_t exl_result_count(const exl_result *res) { return res->nf; }

const exl_finding *exl_result_finding(const exl_result *res, size_t i) {
  return i < res->nf ? &res->f[i] : NULL;
}

const exl_tone *exl_result_tone(const exl_result *res) { return &res->tone; }

const exl_stats *exl_result_stats(const exl_result *res) { return &res->stats; }

int exl_result_worst(const exl_result *res) {
  int worst = -1;
  for (size_t i = 0; i < res->nf; i++)
    if ((int)res->f[i].severity > worst)
      worst = (int)res->f[i].severity;
  return worst;
}

size_t exl_result_warning_count(const exl_result *res) { return res->nwarnings; }

const char *exl_result_warning(const exl_result *res, size_t i) {
  return i < res->nwarnings ? res->warnings[i] : NULL;
}

/* ---- fixing ---------------------------------------------------------- */

char *exl_result_fixed(const exl_result *res, size_t *len, size_t *napplied) {
  struct buf b = {0};
  size_t at = 0, used = 0;
  buf_grow(&b, res->len);
  /* findings are sorted by offset; a fix overlapping an earlier one waits
   * for the next run */
  for (size_t i = 0; i < res->nf; i++) {
    const exl_finding *f = &res->f[i];
    if (!f->replacement || f->offset < at)
      continue;
    buf_put(&b, res->text + at, f->offset - at);
    buf_puts(&b, f->replacement);
    at = f->offset + f->length;
    used++;
  }
  buf_put(&b, res->text + at, res->len - at);
  size_t n = b.len;
  char *out = buf_detach(&b);
  if (out) {
    if (len)
      *len = n;
    if (napplied)
      *napplied = used;
  }
  return out;
}

char *exl_result_diff(const exl_result *res) {
  size_t n;
  char *fixed = exl_result_fixed(res, &n, NULL);
  if (!fixed)
    return NULL;
  char *d = report_diff(res->name, res->text, res->len, fixed, n);
  free(fixed);
  return d;
}

/* ---- reports --------------------------------------------------------- */

char *exl_render(const exl_result *const *res, size_t n, exl_format fmt, unsigned flags) {
  switch (fmt) {
  case EXL_FORMAT_JSON:
    return report_json(res, n);
  case EXL_FORMAT_LINE:
    return report_line(res, n);
  case EXL_FORMAT_TEXT:
  default:
    return report_text(res, n, flags);
  }
}
