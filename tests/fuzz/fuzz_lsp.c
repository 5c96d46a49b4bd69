/* fuzz_lsp.c - an arbitrary stream of LSP frames on the server's input.
 * Whatever arrives, the server answers or ignores it and returns at the
 * end of the input. */
#include "fuzz.h"
#include "lsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  exl_linter *lin = fuzz_linter();
  if (size == 0)
    return 0;
  FILE *in = fmemopen((void *)data, size, "r");
  FILE *out = fopen("/dev/null", "w");
  if (!in || !out)
    abort();
  (void)lsp_serve(lin, in, out);
  fclose(in);
  fclose(out);
  exl_linter_set_stage(lin, EXL_STAGE_FIRST_CONTACT); /* the session may have changed it */
  exl_linter_set_fail_level(lin, EXL_WARNING);
  return 0;
}
