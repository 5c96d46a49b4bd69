/* spell.h - Hunspell behind a small interface (only spell.c includes it). */
#ifndef EXLINT_SPELL_H
#define EXLINT_SPELL_H

#include <stdbool.h>
#include <stddef.h>

#include "exlint.h"

struct speller;

/* Load DICT (a base path: DICT.aff and DICT.dic), then add the words of
 * each existing file in EXTRA (one word per line; NULL entries skipped).
 * On failure *OUT is NULL and ERR names the missing file. */
exl_status speller_new(const char *dict, const char *const *extra, size_t nextra,
                       struct speller **out, exl_error *err);
/* Free the dictionary. A CLI about to exit may skip this: it takes Hunspell
 * longer to free a dictionary than to exit. */
void speller_free(struct speller *sp);

/* Is the N-byte UTF-8 WORD spelled right? */
bool speller_ok(struct speller *sp, const char *word, size_t n);
/* Up to MAX suggestions, joined by ", " (malloc'd), or NULL when none. */
char *speller_suggest(struct speller *sp, const char *word, size_t n, int max);

#endif
