/* test_api.c - the public surface is enough: this file includes only exlint.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "exlint.h"

static exl_linter *linter(const char *stage) {
  exl_config *cfg = exl_config_new();
  exl_linter *lin = NULL;
  exl_error err;
  assert_non_null(cfg);
  assert_int_equal(exl_config_set(cfg, "only_patterns", "tests/fixtures/pack", &err), EXL_OK);
  assert_int_equal(exl_config_set(cfg, "spell", "off", &err), EXL_OK);
  if (stage)
    assert_int_equal(exl_config_set(cfg, "stage", stage, &err), EXL_OK);
  assert_int_equal(exl_linter_new(cfg, &lin, &err), EXL_OK);
  exl_config_free(cfg); /* the linter keeps its own copy */
  return lin;
}

static exl_result *lint(exl_linter *lin, const char *text) {
  exl_result *res = NULL;
  exl_error err;
  assert_int_equal(exl_lint(lin, "d.txt", text, strlen(text), &res, &err), EXL_OK);
  return res;
}

static void findings_point_into_the_original_bytes(void **state) {
  (void)state;
  exl_linter *lin = linter(NULL);
  /* a smart apostrophe (3 bytes) before the match shifts bytes, not columns */
  const char *text = "it\xE2\x80\x99s me. one more chance!!";
  exl_result *res = lint(lin, text);
  assert_int_equal(exl_result_count(res), 2);
  const exl_finding *f = exl_result_finding(res, 0);
  assert_string_equal(f->rule, "begging.fixture-chance");
  assert_int_equal(f->offset, 11);
  assert_int_equal(f->length, 15);
  assert_memory_equal(text + f->offset, "one more chance", 15);
  assert_string_equal(f->match, "one more chance");
  assert_int_equal(f->line, 1);
  assert_int_equal(f->column, 10); /* i t ’ s _ m e . _ o */
  assert_int_equal(f->end_column, 25);
  assert_string_equal(f->replacement, "a calm word");
  assert_int_equal(exl_result_finding(res, 1)->severity, EXL_INFO);
  assert_int_equal(exl_result_worst(res), EXL_WARNING);
  assert_null(exl_result_finding(res, 2));
  exl_result_free(res);
  exl_linter_free(lin);
}

static void fixes_and_diffs(void **state) {
  (void)state;
  exl_linter *lin = linter(NULL);
  exl_result *res = lint(lin, "a\none more chance!!\nb\n");
  size_t len, used;
  char *fixed = exl_result_fixed(res, &len, &used);
  assert_string_equal(fixed, "a\na calm word!\nb\n");
  assert_int_equal(len, strlen(fixed));
  assert_int_equal(used, 2);
  char *diff = exl_result_diff(res);
  assert_non_null(strstr(diff, "--- a/d.txt\n+++ b/d.txt\n@@ -1,3 +1,3 @@\n a\n-one more chance!!\n"
                               "+a calm word!\n b\n"));
  free(diff);
  free(fixed);
  exl_result_free(res);
  res = lint(lin, "nothing to do here\n");
  diff = exl_result_diff(res);
  assert_string_equal(diff, "");
  free(diff);
  exl_result_free(res);
  exl_linter_free(lin);
}

static void stage_changes_severity(void **state) {
  (void)state;
  exl_linter *lin = linter("reconnecting");
  exl_result *res = lint(lin, "i miss you");
  assert_int_equal(exl_result_finding(res, 0)->severity, EXL_WARNING);
  exl_result_free(res);
  exl_linter_set_stage(lin, EXL_STAGE_RELATIONSHIP);
  res = lint(lin, "i miss you");
  assert_int_equal(exl_result_count(res), 0);
  assert_false(exl_linter_find_rule(lin, "relationship-talk.fixture-miss")->enabled);
  exl_result_free(res);
  exl_linter_free(lin);
}

static void tone_components_sum_to_the_score(void **state) {
  (void)state;
  exl_linter *lin = linter(NULL);
  const char *drafts[] = {"hello", "answer me answer me answer me ANSWER ME!!!!!!",
                          "Hope the move went well, no pressure to reply."};
  for (size_t i = 0; i < 3; i++) {
    exl_result *res = lint(lin, drafts[i]);
    const exl_tone *t = exl_result_tone(res);
    int sum = 0;
    for (size_t k = 0; k < t->ncomponents; k++)
      sum += t->components[k].delta;
    assert_int_equal(sum, t->score);
    assert_true(t->score >= 0 && t->score <= 100);
    assert_string_equal(t->components[0].name, "base");
    exl_result_free(res);
  }
  exl_linter_free(lin);
}

static void render_every_format(void **state) {
  (void)state;
  exl_linter *lin = linter(NULL);
  exl_result *res = lint(lin, "answer me");
  const exl_result *list[1] = {res};
  char *json = exl_render(list, 1, EXL_FORMAT_JSON, 0);
  assert_non_null(strstr(json, "\"rule\":\"pressure.fixture-answer\""));
  assert_non_null(strstr(json, "\"offset\":0,\"length\":9"));
  char *line = exl_render(list, 1, EXL_FORMAT_LINE, 0);
  assert_string_equal(line, "d.txt:1:1: error: demanding an answer [pressure.fixture-answer]\n");
  char *text = exl_render(list, 1, EXL_FORMAT_TEXT, 0);
  assert_non_null(strstr(text, "sleep on it"));
  assert_null(strstr(text, "\033["));
  free(json);
  free(line);
  free(text);
  exl_result_free(res);
  exl_linter_free(lin);
}

static void errors_are_values(void **state) {
  (void)state;
  exl_linter *lin = linter(NULL);
  exl_result *res = (exl_result *)1;
  exl_error err;
  assert_int_equal(exl_lint(lin, "bin.dat", "a\0b", 3, &res, &err), EXL_EENCODING);
  assert_null(res);
  assert_non_null(strstr(err.msg, "bin.dat"));
  assert_int_equal(exl_lint(lin, "bin.dat", "\xff", 1, &res, NULL), EXL_EENCODING);
  exl_config *cfg = exl_config_new();
  assert_int_equal(exl_config_set(cfg, "only_patterns", "/nonexistent", &err), EXL_OK);
  exl_linter *none = NULL;
  assert_int_equal(exl_linter_new(cfg, &none, &err), EXL_EIO);
  assert_null(none);
  assert_non_null(strstr(err.msg, "/nonexistent"));
  exl_config_free(cfg);
  assert_string_equal(exl_status_str(EXL_EREGEX), "pattern does not compile");
  exl_linter_free(lin);
  exl_linter_free(NULL);
  exl_result_free(NULL);
  exl_config_free(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(findings_point_into_the_original_bytes),
      cmocka_unit_test(fixes_and_diffs),
      cmocka_unit_test(stage_changes_severity),
      cmocka_unit_test(tone_components_sum_to_the_score),
      cmocka_unit_test(render_every_format),
      cmocka_unit_test(errors_are_values),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
