/* spell.h - Hunspell behind a small interface (only spell.c includes it). */
#ifndef EXLINT_SPELL_H
#define EXLINT_SPELL_H

#include <stdbool.h>
#include <stddef.h>

#include "exlint.h"

struct speller;

/* Prepare to check words against DICT (a base path: DICT.aff and DICT.dic)
 * plus the words of each file in EXTRA (one word per line; NULL entries
 * skipped). The dictionary files must exist; Hunspell itself is only loaded
 * when a word needs it: most words are answered from the verdict cache that
 * `make` builds with Hunspell (see spell.c), when one matches the dictionary.
 * On failure *OUT is NULL and ERR names the missing file. */
exl_status speller_new(const char *dict, const char *const *extra, size_t nextra,
                       struct speller **out, exl_error *err);
/* Free the dictionary. A CLI about to exit may skip this: it takes Hunspell
 * longer to free a dictionary than to exit. */
void speller_free(struct speller *sp);

/* Is the N-byte UTF-8 WORD spelled right? Hunspell's verdict, from the
 * cache or from Hunspell. */
bool speller_ok(struct speller *sp, const char *word, size_t n);
/* From now on, remember each word's verdict (a bounded table, freed with
 * SP): for a speller that checks the same words again and again, as the
 * language server's does on every edit. Out of memory, nothing changes. */
void speller_remember_verdicts(struct speller *sp);
/* Up to MAX suggestions, joined by ", " (malloc'd), or NULL when none.
 * First the words one edit away that Hunspell accepts (see spell.c), then,
 * only if there are none, Hunspell's own search. Deterministic. */
char *speller_suggest(struct speller *sp, const char *word, size_t n, int max);

/* ---- the verdict cache (built by tests/spell/mkverdicts) ------------------
 * A text file: a header line "exlint-spell-verdicts 1", one line per
 * dictionary file "aff SIZE SEC NSEC" and "dic SIZE SEC NSEC" (what stat()
 * said when it was built: a changed dictionary no longer matches), a line
 * "ascii-only 1" when no .dic line has a byte past ASCII (else 0), a line
 * "nosuggest N" and the N lowercased roots the .dic marks NOSUGGEST, one a
 * line, a line "records BYTES", then BYTES of records sorted bytewise:
 * "KEY F" where KEY is a lowercase word of ASCII letters and inner or final
 * apostrophes and F is 'a' + bits (1: KEY is accepted, 2: KEY with a capital
 * first letter is accepted). A word of that shape that is in no record is
 * rejected by Hunspell: the file lists every such form of the dictionary. */
#define SPELL_CACHE_MAGIC "exlint-spell-verdicts 1"
#define SPELL_CACHE_LOWER 1
#define SPELL_CACHE_CAPITAL 2

/* Is WORD (N bytes) of the shape the cache answers for? */
bool spell_cache_shape(const char *word, size_t n);
/* The lowercased roots of the dictionary (AFF, DIC) marked NOSUGGEST: a
 * malloc'd array of malloc'd strings in *ROOTS (the caller frees both);
 * returns how many (0 and *ROOTS NULL when none or on error). */
size_t spell_nosuggest_roots(const char *aff, const char *dic, char ***roots);

#endif
