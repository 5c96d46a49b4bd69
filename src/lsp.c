/* lsp.c - placeholder until the language server lands (issue 7). */
#include "lsp.h"

int lsp_serve(exl_linter *lin, FILE *in, FILE *out) {
  (void)lin;
  (void)in;
  (void)out;
  fputs("exlint: --lsp is not available in this build\n", stderr);
  return 2;
}
