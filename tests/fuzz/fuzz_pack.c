/* fuzz_pack.c - load an arbitrary pattern pack (as --only-patterns=DIR
 * would) and, when it loads, lint a few drafts with it: user patterns are
 * data, so a hostile one must cost a warning, never a crash or a hang. */
#include "fuzz.h"

static const char *const drafts[] = {
    "hey, hope the new job is going well",
    "please please PLEASE give me one more chance!!! why aren't you answering??",
    "> you said \"never again\"\r\nI'm sorry, but you never listen. aaaaaaaaaaaaaaaaaaaaaaaaab",
    "\xEF\xBB\xBF" "caf\xC3\xA9 \xE2\x80\x9C" "quoted\xE2\x80\x9D \xF0\x9F\x98\x98 \xE2\x84\xAA",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[512];
  const char *dir = fuzz_scratch("pack.json", data, size, path, sizeof(path));
  exl_config *cfg = exl_config_new();
  exl_error err;
  exl_linter *lin = NULL;
  if (!cfg)
    abort();
  if (exl_config_set(cfg, "spell", "off", &err) == EXL_OK &&
      exl_config_set(cfg, "now", "2026-06-15T12:00:00", &err) == EXL_OK &&
      exl_config_set(cfg, "only_patterns", dir, &err) == EXL_OK &&
      exl_linter_new(cfg, &lin, &err) == EXL_OK) {
    for (size_t i = 0; i < sizeof(drafts) / sizeof(drafts[0]); i++) {
      exl_result *res = NULL;
      if (exl_lint(lin, "fuzz", drafts[i], strlen(drafts[i]), &res, &err) == EXL_OK) {
        const exl_result *const one[1] = {res};
        free(exl_render(one, 1, EXL_FORMAT_JSON, 0));
        free(exl_result_fixed(res, NULL, NULL));
        exl_result_free(res);
      }
    }
    for (size_t i = 0; i < exl_linter_rule_count(lin); i++)
      (void)exl_linter_rule(lin, i);
  }
  exl_linter_free(lin);
  exl_config_free(cfg);
  return 0;
}
