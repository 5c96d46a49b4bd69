/* fuzz_draft.c - lint arbitrary bytes: byte 0 picks the stage and the
 * switches, the rest is the draft. Every reporter, the fixer and the diff
 * see every draft that lints. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  exl_linter *lin = fuzz_linter();
  if (size == 0)
    return 0;
  exl_linter_set_stage(lin, (exl_stage)(data[0] % 3));
  exl_linter_set_fail_level(lin, (exl_severity)((data[0] >> 2) % 3));
  exl_result *res = NULL;
  exl_error err;
  if (exl_lint(lin, "fuzz", (const char *)data + 1, size - 1, &res, &err) != EXL_OK)
    return 0; /* not UTF-8, a NUL byte: rejected with a message, which is fine */
  const exl_result *const one[1] = {res};
  for (int f = 0; f < EXL_FORMAT_COUNT; f++)
    free(exl_render(one, 1, (exl_format)f, (data[0] & 0x40) ? EXL_RENDER_COLOR : 0));
  size_t len = 0, used = 0;
  free(exl_result_fixed(res, &len, &used));
  free(exl_result_diff(res));
  for (size_t i = 0; i < exl_result_count(res); i++) {
    const exl_finding *fd = exl_result_finding(res, i);
    if (fd->offset + fd->length > size - 1 || fd->line == 0 || fd->column == 0)
      abort(); /* a finding must point into the draft */
  }
  exl_result_free(res);
  return 0;
}
