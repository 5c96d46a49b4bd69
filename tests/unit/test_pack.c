/* test_pack.c - pattern packs: loading, errors that name the place, overrides. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pack.h"

static char dir[64];

static int make_dir(void **state) {
  (void)state;
  snprintf(dir, sizeof(dir), "/tmp/exlint-pack-XXXXXX");
  return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
  return system(cmd) == 0 ? 0 : -1;
}

static const char *write_pack(const char *name, const char *json) {
  static char path[128];
  snprintf(path, sizeof(path), "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  fputs(json, f);
  fclose(f);
  return path;
}

#define RULE(id, cat, extra)                                                                     \
  "{\"id\": \"" id "\", \"category\": \"" cat "\", \"severity\": \"warning\", \"message\": "    \
  "\"m\", \"explain\": \"e\", \"patterns\": [\"x\"]" extra "}"

static exl_status load(const char *json, struct pack_set *ps, exl_error *err) {
  memset(ps, 0, sizeof(*ps));
  return pack_load_file(ps, write_pack("p.json", json), err);
}

static void loads_a_rule_with_stages(void **state) {
  (void)state;
  struct pack_set ps;
  exl_error err;
  assert_int_equal(load("{\"rules\": [" RULE("begging.x", "begging",
                                             ", \"stages\": {\"relationship-talk\": \"off\"}") "]}",
                        &ps, &err),
                   EXL_OK);
  pack_finish(&ps);
  assert_int_equal(ps.nrules, 1);
  struct rule *r = pack_find(&ps, "begging.x");
  assert_non_null(r);
  assert_int_equal(r->stage_sev[EXL_STAGE_FIRST_CONTACT], EXL_WARNING);
  assert_int_equal(r->stage_sev[EXL_STAGE_RELATIONSHIP], -1);
  assert_string_equal(r->info.stages, "relationship-talk: off");
  pack_set_free(&ps);
}

static void json_error_names_line_and_column(void **state) {
  (void)state;
  struct pack_set ps;
  exl_error err;
  assert_int_equal(load("{\"rules\": [\n  {\"id\" \"x\"}]}", &ps, &err), EXL_EPACK);
  assert_non_null(strstr(err.msg, "p.json:2:"));
  assert_non_null(strstr(err.msg, "not valid JSON"));
  pack_set_free(&ps);
}

static void regex_error_names_rule_pattern_and_offset(void **state) {
  (void)state;
  struct pack_set ps;
  exl_error err;
  const char *json = "{\"rules\": [{\"id\": \"blame.y\", \"category\": \"blame\", \"severity\": "
                     "\"error\", \"message\": \"m\", \"explain\": \"e\", \"patterns\": [\"ok\", "
                     "\"a[b\"]}]}";
  assert_int_equal(load(json, &ps, &err), EXL_EREGEX);
  assert_non_null(strstr(err.msg, "rule 'blame.y': patterns 2, offset 3"));
  pack_set_free(&ps);
}

static void field_errors_name_the_rule(void **state) {
  (void)state;
  struct pack_set ps;
  exl_error err;
  assert_int_equal(load("{\"rules\": [" RULE("begging.x", "romance", "") "]}", &ps, &err),
                   EXL_EPACK);
  assert_non_null(strstr(err.msg, "rule 'begging.x': unknown category romance"));
  assert_int_equal(load("{\"rules\": [" RULE("pressure.x", "begging", "") "]}", &ps, &err),
                   EXL_EPACK);
  assert_non_null(strstr(err.msg, "must start with the category"));
  assert_int_equal(load("{\"rules\": [{\"id\": \"begging.z\", \"category\": \"begging\"}]}", &ps,
                        &err),
                   EXL_EPACK);
  assert_non_null(strstr(err.msg, "missing field severity"));
  assert_int_equal(load("{\"rules\": [" RULE("begging.d", "begging", ", \"detector\": \"nope\"")
                        "]}",
                        &ps, &err),
                   EXL_EPACK);
  assert_non_null(strstr(err.msg, "unknown detector nope"));
}

static void a_later_pack_overrides_by_id(void **state) {
  (void)state;
  struct pack_set ps = {0};
  exl_error err;
  write_pack("a.json", "{\"rules\": [" RULE("begging.x", "begging", "") "]}");
  write_pack("b.json", "{\"rules\": [{\"id\": \"begging.x\", \"category\": \"begging\", "
                       "\"severity\": \"info\", \"message\": \"new\", \"explain\": \"e\", "
                       "\"patterns\": [\"y\"]}]}");
  unlink(write_pack("p.json", "{}"));
  assert_int_equal(pack_load_dir(&ps, dir, false, &err), EXL_OK);
  pack_finish(&ps);
  assert_int_equal(ps.nrules, 1);
  assert_string_equal(pack_find(&ps, "begging.x")->message, "new");
  assert_int_equal(pack_find(&ps, "begging.x")->severity, EXL_INFO);
  pack_set_free(&ps);
}

static void every_bundled_pack_loads(void **state) {
  (void)state;
  struct pack_set ps = {0};
  exl_error err;
  assert_int_equal(pack_load_dir(&ps, "patterns", false, &err), EXL_OK);
  pack_finish(&ps);
  assert_true(ps.nrules > 20);
  for (size_t i = 1; i < ps.nrules; i++) /* sorted by id, no duplicates */
    assert_true(strcmp(ps.rules[i - 1].id, ps.rules[i].id) < 0);
  pack_set_free(&ps);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(loads_a_rule_with_stages),
      cmocka_unit_test(json_error_names_line_and_column),
      cmocka_unit_test(regex_error_names_rule_pattern_and_offset),
      cmocka_unit_test(field_errors_name_the_rule),
      cmocka_unit_test(a_later_pack_overrides_by_id),
      cmocka_unit_test(every_bundled_pack_loads),
  };
  return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
