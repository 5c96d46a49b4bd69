/* draft.h - a draft as the rest of the pipeline sees it.
 *
 * The original bytes are validated (UTF-8, no NUL) and never changed. The
 * matchers work on a normalised copy: typographic quotes become ASCII, CRLF
 * and CR become LF, no-break spaces become spaces, quoted reply lines and
 * reported speech are blanked (the quoted lines are kept aside). An offset map turns any position in the copy
 * back into a byte offset of the original. */
#ifndef EXLINT_DRAFT_H
#define EXLINT_DRAFT_H

#include <stdbool.h>
#include <stddef.h>

#include "exlint.h"

struct span {
  size_t start, end; /* [start, end) */
};

struct offmap {
  size_t norm, orig; /* from norm on, orig = orig + (n - norm) */
};

struct draft {
  const char *text; /* original bytes; borrowed, must outlive the draft */
  size_t len;
  size_t body;      /* first byte after a UTF-8 BOM */
  char *norm;       /* normalised, masked copy, NUL-terminated */
  size_t norm_len;
  struct offmap *map;
  size_t nmap;
  size_t *lines;    /* byte offset where each line starts; lines[0] == body */
  size_t nlines;
  struct span *sent; /* sentences, in norm offsets, sorted */
  size_t nsent;
  size_t nwords, nparas;
  /* Where matching paragraphs start: a pattern's match stays inside one
   * (see split_paragraphs). par[npar] == norm_len closes the last. */
  size_t *par;
  size_t npar;
  char *quoted;      /* the lines the draft quotes, normalised, without the ">" (NULL: none) */
  size_t quoted_len;
};

/* Validate and segment LEN bytes of TEXT (kept by reference). NAME is used
 * in error messages only. On failure D is left empty. */
exl_status draft_parse(struct draft *d, const char *name, const char *text, size_t len,
                       exl_error *err);
void draft_free(struct draft *d);

/* Byte offset in the original for a position in the normalised copy. */
size_t draft_orig(const struct draft *d, size_t norm_off);
/* 1-based line and code-point column of an original byte offset. */
void draft_linecol(const struct draft *d, size_t orig_off, size_t *line, size_t *col);
/* The sentence holding norm offset OFF (a zero span when there is none). */
struct span draft_sentence_at(const struct draft *d, size_t off);

/* The matching paragraph holding norm offset OFF: [par[k], par[k + 1]). */
size_t draft_para_at(const struct draft *d, size_t off);
/* The same, searching from paragraph K (one that holds an earlier offset):
 * a few steps when OFF is near. */
size_t draft_para_near(const struct draft *d, size_t k, size_t off);

/* True when code point CP is part of a word: letters, digits. */
bool draft_word_cp(unsigned cp);
/* Find the next word in S[from..n): returns false when there is none. */
bool draft_next_word(const char *s, size_t n, size_t from, struct span *w);

#endif
