/* clipboard.h - read the text on the system clipboard (exlint --clipboard). */
#ifndef EXLINT_CLIPBOARD_H
#define EXLINT_CLIPBOARD_H

#include <stddef.h>

#include "exlint.h"

/* Read the clipboard through $EXLINT_PASTE_CMD, else the first of wl-paste,
 * xclip, xsel and pbpaste that is installed. On success *TEXT is malloc'd
 * (NUL-terminated) and *LEN its length. EXL_EIO when no tool is found, the
 * tool fails, or the clipboard is empty. Never writes to the clipboard. */
exl_status clipboard_read(char **text, size_t *len, exl_error *err);

#endif
