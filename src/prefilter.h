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
 * as present, never narrow it. One literal is not ASCII: the byte 0x80
 * alone stands for "some byte >= 0x80", which a non-ASCII character of the
 * pattern (an emoji) requires of the draft. */
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

/* ---- the literal index ------------------------------------------------
 *
 * On a large draft nearly every literal occurs somewhere, so "is it in the
 * draft" rules out little. The index finds every literal of every pattern
 * in one pass (an Aho-Corasick automaton over all of them, built once per
 * pack set), and then tells each pattern where in the draft a match can
 * START. Every byte a match consumes is one the pattern can consume at all
 * (its alphabet: "one\s+more" never crosses a comma, ".*" never a newline,
 * and a case-sensitive "NOT" never a lower-case letter). So a match that
 * holds the literal at H lies inside the run of alphabet bytes around H,
 * starts between the run's first byte and H, and its run also holds a
 * literal of every other clause. Scanned from each window's first byte
 * with PCRE2's offset limit at its last, against the whole draft (so
 * lookarounds, \b and anchors see what they always see), a pattern finds
 * exactly the matches a scan of the whole draft finds. Anything the
 * alphabet reader does not understand (\G, backreferences, ...) scans the
 * whole draft, and so does a pattern whose windows would cover most of it.
 * EXLINT_PREFILTER=index (lint.c) uses the index on every draft, so that
 * tests/bench/equiv.sh can compare it with EXLINT_PREFILTER=off. */

/* What the index needs of one pattern. */
struct pf_source {
  const char *src;          /* the pattern's source text; NULL: unknown (no windows) */
  const struct pf_req *req; /* its literals (req->blob NULL: it always runs whole) */
  bool caseless;            /* compiled with PCRE2_CASELESS */
  unsigned minlen;          /* fewest characters (so bytes) a match consumes; 0 unknown */
};

struct pf_index;

/* Build the index of the N patterns SRCS (numbered 0..N-1 in that order;
 * SRCS is not kept). DOT_NL: '.' does not match "\n" (PCRE2's newline is
 * LF, ANYCRLF or ANY). NULL on OOM; then every draft is checked the old way.
 * Free with pf_index_free() (accepts NULL). */
struct pf_index *pf_index_new(const struct pf_source *srcs, size_t n, bool dot_nl);
void pf_index_free(struct pf_index *x);

/* X will index many drafts (the language server): spend memory on a map
 * from each literal to the clauses that list it, so that a draft weighs
 * each clause from the literals it holds rather than every literal of
 * every clause. The plans do not change. On OOM nothing changes; a second call does nothing. */
void pf_index_expect_many(struct pf_index *x);

/* The index as one block of bytes, for the pack cache: *OUT (malloc'd,
 * *LEN bytes). False on OOM. */
bool pf_index_flatten(const struct pf_index *x, void **out, size_t *len);

/* An index over the block BLOB (8-byte aligned, LEN bytes) without copying
 * it: BLOB must outlive the index. NULL unless the block is one
 * pf_index_flatten() could have written for NPAT patterns and DOT_NL;
 * every count and offset is checked, so a damaged block cannot make the
 * index read outside it. Free with pf_index_free(). */
struct pf_index *pf_index_view(const void *blob, size_t len, size_t npat, bool dot_nl);

/* Where a pattern may start matching: [start, last] byte ranges, sorted and
 * disjoint. */
struct pf_window {
  size_t start, last;
};

/* A draft as the prefilter sees it: lowercased ASCII, or where the
 * index's literals occur in it. */
struct pf_text {
  char *low;  /* malloc'd lowercased copy, NUL-terminated; NULL when off or indexed */
  size_t len;
  bool off;   /* prefilter disabled for this draft: everything runs */
  bool has_high; /* a byte >= 0x80 occurs (without an index) */
  bool has_triple; /* a character three times in a row (without an index; see PF_TRIPLE) */
  /* Large drafts without an index: which 1-, 2- and 3-byte sequences occur
   * (bitmaps, malloc'd, NULL otherwise). */
  unsigned char *uni, *bi, *tri;
  /* With an index (all malloc'd, NULL otherwise): */
  const struct pf_index *x; /* borrowed */
  const char *text;         /* the draft itself, borrowed */
  unsigned *count;          /* occurrences of each literal */
  unsigned *first;          /* each literal's first slot in POS (CSR layout) */
  unsigned *pos;            /* start offsets of the recorded literals */
  int *anchor;              /* per pattern: the clause windows come from;
                               -1 scan whole, -2 no match possible,
                               -3 scan the runs of its alphabet */
  unsigned *clause_hits;    /* per clause of the index: its hits, and */
  bool *clause_dense;       /* whether a literal of it is not recorded
                               (only with pf_index_expect_many) */
  struct pf_window *win;    /* scratch for pf_plan() */
  size_t capwin;
  const size_t *par;        /* paragraph starts (pf_text_paragraphs), borrowed; NULL: none */
  size_t npar;
  /* A large indexed text's breaks (made on first use, malloc'd, NULL
   * otherwise): the places of its bytes other than ASCII letters and the
   * space, ascending, and per 64-byte block the first of them at or after
   * the block's start (nbrk: none). Runs of an alphabet that holds every
   * letter and the space can only end at a break. */
  unsigned *brk, *brk_block;
  size_t nbrk;
  /* And per 64-byte block, the paragraph its first byte is in (malloc'd,
   * NULL otherwise): a hit's paragraph without a search. */
  unsigned *par_block;
  bool big_tried;           /* the two tables were asked for */
};

/* Prepare the normalised draft S[0..N) (kept by reference: it must outlive
 * T). X (may be NULL) is the index of the patterns that will be asked
 * about. Never fails: on OOM, when the
 * draft holds a character that case-folds to ASCII under Unicode rules
 * (KELVIN SIGN, LONG S), or when the environment has EXLINT_PREFILTER=off,
 * the prefilter is off and every pattern runs. */
void pf_text_init(struct pf_text *t, const char *s, size_t n);
void pf_text_init_indexed(struct pf_text *t, const char *s, size_t n, const struct pf_index *x);
void pf_text_free(struct pf_text *t);

/* T's text is paragraphs: PAR[0..NPAR) their starts, ascending, PAR[0] 0
 * and PAR[NPAR] T's length (borrowed: it must outlive T). The windows of a
 * pattern asked about as paragraph-bound (pf_plan's IN_PARA) then stop at
 * the ends of the paragraph each literal is in. */
void pf_text_paragraphs(struct pf_text *t, const size_t *par, size_t npar);

/* False only when a match of a pattern with requirement R is impossible
 * in T. */
bool pf_may_match(const struct pf_text *t, const struct pf_req *r);

enum pf_plan {
  PF_SKIP,   /* no match is possible */
  PF_WHOLE,  /* scan the whole draft */
  PF_WINDOWS /* scan only the windows */
};

/* How to scan pattern K of T's index (requirement R); without an index,
 * PF_WHOLE or PF_SKIP as pf_may_match() says. IN_PARA: every match of the
 * pattern lies inside one of T's paragraphs (pf_text_paragraphs). For
 * PF_WINDOWS, *WIN and *NWIN are the windows (owned by T, valid until the
 * next call). */
enum pf_plan pf_plan(struct pf_text *t, size_t k, const struct pf_req *r, bool in_para,
                     const struct pf_window **win, size_t *nwin);

#endif
