/* fuzz_config.c - read an arbitrary config file. Wrong types and unknown
 * keys must be an error, never a crash or a leak. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[512];
  fuzz_scratch("config.json", data, size, path, sizeof(path));
  exl_config *cfg = exl_config_new();
  if (!cfg)
    abort();
  exl_error err;
  /* An error should be one line, but config.c echoes a bad key as it is
   * (a "\n" escape included); reported to the lead, not asserted here. */
  (void)exl_config_load_file(cfg, path, &err);
  (void)exl_config_stage(cfg);
  (void)exl_config_fail_level(cfg);
  exl_config_free(cfg);
  return 0;
}
