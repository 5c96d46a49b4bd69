/* clipboard.h - read the text on the system clipboard (exlint --clipboard). */
#ifndef EXLINT_CLIPBOARD_H
#define EXLINT_CLIPBOARD_H

#include <stddef.h>

#include "exlint.h"

/* Read the clipboard through $EXLINT_PASTE_CMD, else the first of wl-paste
 * (with WAYLAND_DISPLAY), xclip or xsel (with DISPLAY) and pbpaste that is
 * installed. The tool's output is read through a pipe; nothing is written
 * to disk and the clipboard is never changed. On success *TEXT is malloc'd
 * (NUL-terminated, for free()) and *LEN its length. On failure *TEXT is NULL
 * and ERR gets one line starting "clipboard: ": EXL_EIO when there is no
 * display or no tool, the tool fails or gives no answer within 10 s, or the
 * clipboard is empty or holds no text; EXL_ETOOBIG past EXL_MAX_DRAFT. */
exl_status clipboard_read(char **text, size_t *len, exl_error *err);

#endif
