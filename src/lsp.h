/* lsp.h - exlint --lsp: a language server over stdio. */
#ifndef EXLINT_LSP_H
#define EXLINT_LSP_H

#include <stdio.h>

#include "exlint.h"

/* Serve the Language Server Protocol on IN/OUT until "exit" or end of
 * input, linting with LIN. Returns the process exit status (0 after a
 * shutdown request, 1 otherwise, as the protocol says). */
int lsp_serve(exl_linter *lin, FILE *in, FILE *out);

#endif
