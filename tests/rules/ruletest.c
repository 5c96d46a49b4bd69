/* ruletest.c - every rule keeps its own examples.
 *
 * usage: exlint-ruletest [-v] [PACK.json | RULE-ID-PREFIX]...
 *
 * Loads the bundled packs (all of them, so a rewrite is checked against
 * every rule) and, for each rule selected (all by default):
 *   - every "bad" example must make the rule fire,
 *   - every "good" example must not,
 *   - a bundled rule has at least 3 of each,
 *   - when the rule has a replacement, the rewritten bad example no longer
 *     fires it and has no warning or error from any rule.
 * Prints each failure and a closing "N passed, N failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "lint.h"

static int verbose;

static bool selected(const struct rule *ru, int argc, char **argv, int first) {
  if (first >= argc)
    return true;
  for (int i = first; i < argc; i++) {
    const char *a = argv[i];
    size_t n = strlen(a);
    if (n > 5 && strcmp(a + n - 5, ".json") == 0) {
      const char *base = strrchr(a, '/') ? strrchr(a, '/') + 1 : a;
      const char *src = strrchr(ru->source, '/') ? strrchr(ru->source, '/') + 1 : ru->source;
      if (strcmp(base, src) == 0)
        return true;
    } else if (strncmp(ru->id, a, n) == 0) {
      return true;
    }
  }
  return false;
}

static bool example_opts(const exl_linter *lin, const struct example *ex, struct lint_opts *o) {
  lint_default_opts(lin, o);
  if (parse_iso8601("2026-06-15T12:00:00", &o->now) != 0)
    return false;
  if (ex->stage >= 0)
    o->stage = (exl_stage)ex->stage;
  if (ex->now && parse_iso8601(ex->now, &o->now) != 0)
    return false;
  if (ex->breakup_date) {
    if (parse_date(ex->breakup_date, &o->breakup_day) != 0)
      return false;
    o->has_breakup = true;
  }
  if (ex->no_contact_days >= 0)
    o->no_contact_days = ex->no_contact_days;
  o->unanswered = ex->unanswered >= 0 ? ex->unanswered : 0;
  o->keep_overlaps = true; /* each rule answers for its own examples */
  return true;
}

static bool fires(const exl_result *res, const char *id) {
  for (size_t i = 0; i < exl_result_count(res); i++)
    if (strcmp(exl_result_finding(res, i)->rule, id) == 0)
      return true;
  return false;
}

static int fail(const struct rule *ru, const char *what, size_t n, const char *text) {
  printf("FAIL %s: %s %zu: %.120s\n", ru->id, what, n, text);
  return 1;
}

/* Lint one example; returns the number of failures (0 or 1). */
static int check_example(const exl_linter *lin, const struct rule *ru, const struct example *ex,
                         bool bad, size_t n) {
  struct lint_opts o;
  exl_result *res = NULL;
  exl_error err;
  if (!example_opts(lin, ex, &o))
    return fail(ru, "example has a bad date or time", n, ex->text);
  if (lint_run(lin, &o, "example", ex->text, strlen(ex->text), &res, &err) != EXL_OK) {
    printf("FAIL %s: example %zu: %s\n", ru->id, n, err.msg);
    return 1;
  }
  int failures = 0;
  if (bad && !fires(res, ru->id))
    failures += fail(ru, "bad example is not flagged", n, ex->text);
  if (!bad && fires(res, ru->id))
    failures += fail(ru, "good example is flagged", n, ex->text);
  if (bad && ru->replacement && !failures) {
    size_t len;
    char *fixed = exl_result_fixed(res, &len, NULL);
    exl_result *again = NULL;
    if (fixed && lint_run(lin, &o, "rewrite", fixed, len, &again, &err) == EXL_OK) {
      for (size_t i = 0; i < exl_result_count(again); i++) {
        const exl_finding *f = exl_result_finding(again, i);
        if (strcmp(f->rule, ru->id) == 0 || f->severity >= EXL_WARNING) {
          printf("FAIL %s: rewrite of bad example %zu trips %s: %.120s\n", ru->id, n, f->rule,
                 fixed);
          failures++;
          break;
        }
      }
    }
    exl_result_free(again);
    free(fixed);
  }
  if (verbose && !failures)
    printf("ok   %s %s %zu\n", ru->id, bad ? "bad" : "good", n);
  exl_result_free(res);
  return failures;
}

int main(int argc, char **argv) {
  int first = 1;
  if (argc > 1 && strcmp(argv[1], "-v") == 0)
    verbose = 1, first = 2;
  exl_config *cfg = exl_config_new();
  exl_linter *lin = NULL;
  exl_error err;
  if (!cfg || exl_linter_new(cfg, &lin, &err) != EXL_OK) {
    fprintf(stderr, "exlint-ruletest: %s\n", err.msg);
    return 2;
  }
  exl_config_free(cfg);
  if (pack_examples(&lin->ps, &err) != EXL_OK) {
    fprintf(stderr, "exlint-ruletest: %s\n", err.msg);
    exl_linter_free(lin);
    return 2;
  }
  size_t passed = 0, failed = 0, rules = 0;
  for (size_t i = 0; i < lin->ps.nrules; i++) {
    const struct rule *ru = &lin->ps.rules[i];
    if (!selected(ru, argc, argv, first))
      continue;
    rules++;
    int before = (int)failed;
    if (ru->nbad < 3 || ru->ngood < 3) {
      printf("FAIL %s: needs at least 3 bad and 3 good examples (has %zu and %zu)\n", ru->id,
             ru->nbad, ru->ngood);
      failed++;
    }
    for (size_t j = 0; j < ru->nbad; j++)
      failed += (size_t)check_example(lin, ru, &ru->bad[j], true, j + 1);
    for (size_t j = 0; j < ru->ngood; j++)
      failed += (size_t)check_example(lin, ru, &ru->good[j], false, j + 1);
    passed += ru->nbad + ru->ngood - (failed - (size_t)before);
  }
  exl_linter_free(lin);
  printf("rules: %zu rules checked\n", rules);
  printf("%zu passed, %zu failed\n", passed, failed);
  return failed ? 1 : 0;
}
