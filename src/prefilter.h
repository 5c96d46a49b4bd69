/* prefilter.h - skip patterns that cannot match a draft.
 *
 * Most rules cannot fire on most drafts: "one more chance" needs the word
 * "chance". pf_analyse() reads a pattern's source (no PCRE2 involved) and
 * finds literal strings every match must contain: a list of clauses, each a
 * set of alternatives ("chance" | "shot" | "try"). A draft that lacks every
 * alternative of some clause cannot match, so the pattern is neither
 * compiled nor run on it.
 *
 * The analysis is conservative: anything it does not fully understand (a
 * backreference, a conditional, extended mode, \Q...\E, ...) yields no
 * clause, and such a pattern always runs. Literals are ASCII and lowercased;
 * the draft is lowercased the same way, which can only widen what counts
 * as present, never narrow it. */
#ifndef EXLINT_PREFILTER_H
#define EXLINT_PREFILTER_H

#include <stdbool.h>
#include <stddef.h>

/* What every match of one pattern contains. BLOB holds the clauses as
 * NUL-terminated strings, a clause ending with an empty string:
 * "chance\0shot\0\0back\0\0". NULL: nothing known, always run. */
struct pf_req {
  char *blob; /* malloc'd; owned by the holder, freed by pf_req_free() */
};

/* Analyse the pattern SRC. On OOM or when nothing useful is found, R->blob
 * is NULL (the pattern then always runs), so this cannot fail. */
void pf_analyse(const char *src, struct pf_req *r);
void pf_req_free(struct pf_req *r);

/* A draft as the prefilter sees it: lowercased ASCII. */
struct pf_text {
  char *low;  /* malloc'd lowercased copy, NUL-terminated; NULL when off */
  size_t len;
  bool off;   /* prefilter disabled for this draft: everything runs */
  /* Large drafts only: which 1-, 2- and 3-byte sequences occur (bitmaps,
   * malloc'd, NULL otherwise). Searching a megabyte once per literal cost
   * more than the patterns it saved. */
  unsigned char *uni, *bi, *tri;
};

/* Prepare the normalised draft S[0..N). Never fails: on OOM, when the
 * draft holds a character that case-folds to ASCII under Unicode rules
 * (KELVIN SIGN, LONG S), or when the environment has EXLINT_PREFILTER=off,
 * the prefilter is off and every pattern runs. */
void pf_text_init(struct pf_text *t, const char *s, size_t n);
void pf_text_free(struct pf_text *t);

/* False only when a match of a pattern with requirement R is impossible
 * in T. */
bool pf_may_match(const struct pf_text *t, const struct pf_req *r);

#endif
