/* test_config.c - the config file, command-line values and the clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"

static exl_status load_json(exl_config *cfg, const char *json, exl_error *err) {
  char path[] = "/tmp/exlint-config-XXXXXX";
  int fd = mkstemp(path);
  FILE *f = fdopen(fd, "w");
  fputs(json, f);
  fclose(f);
  exl_status st = exl_config_load_file(cfg, path, err);
  unlink(path);
  return st;
}

static void every_key_loads(void **state) {
  (void)state;
  exl_config *cfg = exl_config_new();
  exl_error err;
  assert_int_equal(
      load_json(cfg,
                "{\"stage\": \"reconnecting\", \"fail_level\": \"error\", \"disable\": [\"a.b\"],"
                " \"severity\": {\"c.d\": \"info\"}, \"patterns\": [\"/x\"], \"dictionary\": "
                "\"/d/en\", \"personal_dictionary\": \"/w.txt\", \"breakup_date\": "
                "\"2026-11-01\", \"no_contact_days\": 30, \"late_night\": {\"from\": \"22:30\", "
                "\"to\": \"06:00\"}}",
                &err),
      EXL_OK);
  assert_int_equal(cfg->stage, EXL_STAGE_RECONNECTING);
  assert_int_equal(cfg->fail_level, EXL_ERROR);
  assert_int_equal(cfg->ndisable, 1);
  assert_int_equal(cfg->nsev, 1);
  assert_int_equal(cfg->sev[0].level, EXL_INFO);
  assert_string_equal(cfg->patterns[0], "/x");
  assert_string_equal(cfg->dictionary, "/d/en");
  assert_int_equal(cfg->breakup_day, 20758); /* 2026-11-01: date -u -d 2026-11-01 +%s / 86400 */
  assert_int_equal(cfg->no_contact_days, 30);
  assert_int_equal(cfg->late_from, 22 * 60 + 30);
  assert_int_equal(cfg->late_to, 6 * 60);
  exl_config *copy = config_dup(cfg);
  assert_string_equal(copy->sev[0].rule, "c.d");
  exl_config_free(copy);
  exl_config_free(cfg);
}

static void bad_values_name_the_key(void **state) {
  (void)state;
  const char *cases[][2] = {
      {"{\"colour\": 1}", "unknown key 'colour'"},
      {"{\"stage\": 2}", "key 'stage' must be a string"},
      {"{\"stage\": \"dating\"}", "unknown stage 'dating'"},
      {"{\"disable\": \"a.b\"}", "key 'disable' must be an array of strings"},
      {"{\"no_contact_days\": 2.5}", "key 'no_contact_days' must be a whole number"},
      {"{\"late_night\": {\"from\": \"25:00\", \"to\": \"05:00\"}}", "key 'late_night'"},
      {"{\"breakup_date\": \"yesterday\"}", "breakup_date: expected YYYY-MM-DD"},
      {"{\"severity\": {\"a.b\": \"loud\"}}", "rule 'a.b' needs info, warning or error"},
      {"[1]", "must be a JSON object"},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    exl_config *cfg = exl_config_new();
    exl_error err;
    assert_int_equal(load_json(cfg, cases[i][0], &err), EXL_ECONFIG);
    if (!strstr(err.msg, cases[i][1]))
      fail_msg("case %zu: '%s' lacks '%s'", i, err.msg, cases[i][1]);
    exl_config_free(cfg);
  }
}

static void iso8601_zones(void **state) {
  (void)state;
  int64_t t;
  assert_int_equal(parse_iso8601("2026-11-25T23:30:00Z", &t), 0);
  assert_int_equal(t, 1795649400);
  assert_int_equal(parse_iso8601("2026-11-25T23:30:00+01:00", &t), 0);
  assert_int_equal(t, 1795649400 - 3600);
  setenv("TZ", "UTC", 1);
  tzset();
  assert_int_equal(parse_iso8601("2026-11-25T23:30", &t), 0);
  assert_int_equal(t, 1795649400);
  assert_int_equal(parse_iso8601("2026-13-01", &t), -1);
  assert_int_equal(parse_iso8601("2026-11-25T23:30:00X", &t), -1);
  assert_int_equal(parse_iso8601("", &t), -1);
}

static void clock_injection(void **state) {
  (void)state;
  exl_config *cfg = exl_config_new();
  exl_error err;
  setenv("EXLINT_NOW", "2026-01-02T03:04:05Z", 1);
  assert_int_equal(config_now(cfg), 1767323045);
  assert_int_equal(exl_config_set(cfg, "now", "2026-01-02T03:04:06Z", &err), EXL_OK);
  assert_int_equal(config_now(cfg), 1767323046); /* the option beats the environment */
  unsetenv("EXLINT_NOW");
  assert_int_equal(exl_config_set(cfg, "now", "soon", &err), EXL_EUSAGE);
  assert_int_equal(exl_config_set(cfg, "late_night", "off", &err), EXL_OK);
  assert_int_equal(cfg->late_from, -1);
  assert_int_equal(exl_config_set(cfg, "colour", "red", &err), EXL_EUSAGE);
  exl_config_free(cfg);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_key_loads),
      cmocka_unit_test(bad_values_name_the_key),
      cmocka_unit_test(iso8601_zones),
      cmocka_unit_test(clock_injection),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
