/* lsp_text.h - LSP positions over UTF-8 text, and the edits that use them.
 *
 * The protocol counts a position as (line, character) where character is in
 * UTF-16 code units: a code point above U+FFFF (most emoji) is 2 units, every
 * other code point 1. A line ends at "\n", "\r\n" or "\r". Text here is
 * (pointer, length) in bytes; it should be UTF-8 but nothing breaks if it is
 * not (a stray byte counts as one unit). */
#ifndef EXLINT_LSP_TEXT_H
#define EXLINT_LSP_TEXT_H

#include <stddef.h>

#include "exlint.h"

struct lsp_pos {
  size_t line, character; /* 0-based; character in UTF-16 units */
};

/* Walks a text forward, so converting offsets that mostly increase (the
 * findings of a result are sorted) costs one pass. Going backwards restarts
 * from the top. The cursor borrows TEXT. */
struct lsp_cursor {
  const char *text;
  size_t len;
  size_t off; /* bytes consumed so far */
  struct lsp_pos pos;
};

void lsp_cursor_init(struct lsp_cursor *c, const char *text, size_t len);

/* The position of byte offset OFF (clamped to the length). An offset inside
 * a multi-byte sequence, or between "\r" and "\n", maps to the position
 * before that sequence. */
struct lsp_pos lsp_cursor_to(struct lsp_cursor *c, size_t off);

/* The byte offset of POS. As the protocol asks, a character past the end of
 * its line means the end of that line, and a line past the end of the text
 * means the end of the text. A character in the middle of a surrogate pair
 * rounds down to the start of that code point. */
size_t lsp_text_offset(const char *text, size_t len, struct lsp_pos pos);

/* Replace bytes [START, END) of *TEXT (length *LEN) with REP_LEN bytes of
 * REP. On success *TEXT is a new malloc'd, NUL-terminated buffer (the old one
 * is freed) and *LEN its length. EXL_ETOOBIG when the result would exceed
 * EXL_MAX_DRAFT, EXL_ENOMEM on OOM; on failure *TEXT is untouched. START and
 * END are clamped to the text, and END to at least START. */
exl_status lsp_text_splice(char **text, size_t *len, size_t start, size_t end, const char *rep,
                           size_t rep_len);

#endif
