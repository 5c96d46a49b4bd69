/* fuzz_windows.c - scanning only the windows around literal hits must find
 * exactly what scanning the whole draft finds (the claim behind
 * src/prefilter.c's index; tests/bench/equiv.sh checks it on the corpus).
 *
 * The whole input is the draft. It is linted under every way the linter
 * can choose where to scan, and each result is compared with the reference,
 * EXLINT_PREFILTER=off (every pattern over every byte):
 *   - unset: the ordinary CLI path (the index stored in packs.cache and
 *     its windows when the bundled packs are loaded as cached; otherwise a
 *     per-pattern literal test below 16 KB);
 *   - EXLINT_PREFILTER=index: the index and its windows on any draft;
 *   - a JIT linter (jit_always, as the LSP server builds): index + JIT.
 * Compared: every match before overlaps of one category are merged (so a
 * merge cannot hide a lost or extra match) plus the warnings, and what the
 * public API reports, rendered as JSON. Any difference prints the two
 * finding lists (rule, span, severity; never the text) and aborts.
 *
 * One stage, first-contact: the bundled packs turn rules off only in
 * relationship-talk, so it runs every pattern; the other stages change
 * severities and which rules run, and the merge and the tone are functions
 * of the matches. Linting at all three would cost three times the
 * executions for no new path through the prefilter.
 *
 * Both lint.c and prefilter.c read EXLINT_PREFILTER on every lint, so one
 * linter serves every mode; setenv() between calls is enough. */
#include "fuzz.h"
#include "lint.h"

enum { MODE_OFF, MODE_DEFAULT, MODE_INDEX, MODE_JIT, MODE_COUNT };
static const char *const mode_names[MODE_COUNT] = {"off", "default", "index", "jit+index"};

/* A second linter like fuzz_linter(), but long-lived the LSP server's way:
 * every pattern it runs is JIT-compiled and every draft goes through the
 * index. Kept for the process, like fuzz_linter(). */
static exl_linter *jit_linter(void) {
  static exl_linter *lin;
  if (lin)
    return lin;
  exl_config *cfg = exl_config_new();
  exl_error err;
  if (!cfg || exl_config_set(cfg, "spell", "off", &err) != EXL_OK ||
      exl_config_set(cfg, "now", "2026-06-15T12:00:00", &err) != EXL_OK ||
      exl_linter_new(cfg, &lin, &err) != EXL_OK) {
    fprintf(stderr, "fuzz: cannot build the JIT linter: %s\n", cfg ? err.msg : "out of memory");
    abort();
  }
  exl_config_free(cfg);
  lin->jit_always = true;
  return lin;
}

/* Point the environment at MODE's prefilter, and return its linter. */
static const exl_linter *enter_mode(int mode) {
  if (mode == MODE_OFF)
    setenv("EXLINT_PREFILTER", "off", 1);
  else if (mode == MODE_INDEX)
    setenv("EXLINT_PREFILTER", "index", 1);
  else
    unsetenv("EXLINT_PREFILTER");
  return mode == MODE_JIT ? jit_linter() : fuzz_linter();
}

static bool same_str(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_finding(const exl_finding *a, const exl_finding *b) {
  return same_str(a->rule, b->rule) && a->severity == b->severity && a->offset == b->offset &&
         a->length == b->length && a->line == b->line && a->column == b->column &&
         a->end_line == b->end_line && a->end_column == b->end_column &&
         same_str(a->replacement, b->replacement);
}

/* The same findings in the same order, and the same warnings (a pattern
 * stopped at the match limit in one mode only is a difference too). */
static bool same_findings(const exl_result *a, const exl_result *b) {
  size_t n = exl_result_count(a), nw = exl_result_warning_count(a);
  if (n != exl_result_count(b) || nw != exl_result_warning_count(b))
    return false;
  for (size_t i = 0; i < n; i++)
    if (!same_finding(exl_result_finding(a, i), exl_result_finding(b, i)))
      return false;
  for (size_t i = 0; i < nw; i++)
    if (!same_str(exl_result_warning(a, i), exl_result_warning(b, i)))
      return false;
  return true;
}

/* Spans only: the draft's words stay out of the log. */
static void print_findings(const char *label, const exl_result *res) {
  fprintf(stderr, "  %s: %zu findings\n", label, exl_result_count(res));
  for (size_t i = 0; i < exl_result_count(res); i++) {
    const exl_finding *f = exl_result_finding(res, i);
    fprintf(stderr, "    %-40s [%zu, %zu) %s\n", f->rule, f->offset, f->offset + f->length,
            exl_severity_name(f->severity));
  }
  for (size_t i = 0; i < exl_result_warning_count(res); i++)
    fprintf(stderr, "    warning: %s\n", exl_result_warning(res, i));
}

static void diverged(const char *what, exl_stage stage, int mode, const exl_result *ref,
                     const exl_result *got) {
  fprintf(stderr, "fuzz_windows: %s differ at stage %s: prefilter %s vs off\n", what,
          exl_stage_name(stage), mode_names[mode]);
  print_findings("off", ref);
  print_findings(mode_names[mode], got);
  abort();
}

/* Every match, before one category's overlaps are merged. NULL when the
 * draft is refused (not UTF-8, a NUL byte), which is the same in every mode. */
static exl_result *lint_raw(int mode, exl_stage stage, const uint8_t *data, size_t size) {
  const exl_linter *lin = enter_mode(mode);
  struct lint_opts o;
  lint_default_opts(lin, &o);
  o.stage = stage;
  o.unanswered = 0; /* never the state file */
  o.keep_overlaps = true;
  exl_result *res = NULL;
  exl_error err;
  if (lint_run(lin, &o, "fuzz", (const char *)data, size, &res, &err) != EXL_OK)
    return NULL;
  return res;
}

/* What the public API reports and renders as JSON; NULL when refused. */
static exl_result *lint_public(int mode, exl_stage stage, const uint8_t *data, size_t size,
                               char **json) {
  exl_linter *lin = (exl_linter *)enter_mode(mode);
  exl_linter_set_stage(lin, stage);
  exl_result *res = NULL;
  exl_error err;
  *json = NULL;
  if (exl_lint(lin, "fuzz", (const char *)data, size, &res, &err) != EXL_OK)
    return NULL;
  const exl_result *const one[1] = {res};
  *json = exl_render(one, 1, EXL_FORMAT_JSON, 0);
  if (!*json)
    abort(); /* out of memory while fuzzing: nothing to compare */
  return res;
}

static void compare_stage(exl_stage stage, const uint8_t *data, size_t size) {
  exl_result *raw_ref = lint_raw(MODE_OFF, stage, data, size);
  char *json_ref;
  exl_result *ref = lint_public(MODE_OFF, stage, data, size, &json_ref);
  for (int mode = MODE_OFF + 1; mode < MODE_COUNT; mode++) {
    exl_result *raw = lint_raw(mode, stage, data, size);
    if (!raw != !raw_ref)
      abort(); /* refused in one mode only */
    if (raw && !same_findings(raw_ref, raw))
      diverged("unmerged findings", stage, mode, raw_ref, raw);
    exl_result_free(raw);
    char *json;
    exl_result *res = lint_public(mode, stage, data, size, &json);
    if (res && (!same_findings(ref, res) || strcmp(json_ref, json) != 0))
      diverged("reported findings or JSON", stage, mode, ref, res);
    exl_result_free(res);
    free(json);
  }
  exl_result_free(ref);
  free(json_ref);
  exl_result_free(raw_ref);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  compare_stage(EXL_STAGE_FIRST_CONTACT, data, size);
  unsetenv("EXLINT_PREFILTER");
  return 0;
}
