/* pack.h - rules from JSON pattern packs, compiled with PCRE2. */
#ifndef EXLINT_PACK_H
#define EXLINT_PACK_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdbool.h>

#include "exlint.h"
#include "prefilter.h"

struct packcache; /* packcache.h */

enum detector {
  DET_NONE = 0,
  DET_WORDS,          /* draft longer than the stage's word budget */
  DET_SENTENCES,      /* more sentences than the stage allows */
  DET_PARAGRAPHS,     /* more paragraphs than the stage allows */
  DET_SENTENCE_WORDS, /* one sentence longer than the budget */
  DET_QUESTIONS,      /* a barrage of questions */
  DET_APOLOGY,        /* an apology missing responsibility or remedy */
  DET_SPELLING,       /* a word Hunspell does not know */
  DET_TYPO_DENSITY,   /* so many typos the draft reads rushed */
  DET_LATE_NIGHT,     /* linted in the late-night window */
  DET_NO_CONTACT,     /* inside the no-contact window */
  DET_DOUBLE_TEXT,    /* unanswered sends in the last hours */
  DET_LEARNED         /* a learned category model, when no rule named its category */
};

/* One example from a rule's "examples" block. */
struct example {
  char *text;
  int stage;           /* -1: the default */
  char *now;           /* ISO-8601 or NULL */
  char *breakup_date;  /* YYYY-MM-DD or NULL */
  int no_contact_days; /* -1: unset */
  int unanswered;      /* -1: read the state file */
};

/* One pattern or exception of a rule. The bundled packs are compiled on
 * first use: a draft needs few of their patterns (see prefilter.h), and
 * compiling all of them was most of a cold start. Packs from elsewhere are
 * compiled on load, so a bad pattern is reported at once. */
struct pattern {
  char *src;         /* the source text; NULL in a rule from a pack cache,
                        which hands it out through pack_pattern_src() */
  pcre2_code *code;  /* NULL until compiled */
  uint32_t opts;     /* pcre2_compile options */
  uint8_t jit;       /* JIT_*: tried once a large draft was seen (one byte, so
                        the struct stays 40 bytes: the run indexes it often) */
  bool quoted;       /* an exception marked "(?#quoted)": tried on the quoted lines */
  bool paragraph;    /* an exception marked "(?#paragraph)": tried on the paragraph */
  uint8_t reach;     /* REACH_*: what a match may see */
  struct pf_req req; /* literals every match contains (patterns only) */
  uint32_t cache_code; /* rules from a pack cache: its stored compiled code */
  uint32_t cache_pat;  /* and its record there */
};

/* Whether a pattern has JIT code: a scan of one that has may call
 * pcre2_jit_match() (lint.c). */
enum { JIT_UNTRIED, JIT_FAILED, JIT_OK };

/* A match stays inside its paragraph, except for a pattern anchored to the
 * draft's start or end (^ without (?m), \A, \z, \Z), which reads the draft
 * as a whole. */
enum { REACH_PARAGRAPH, REACH_DRAFT };

/* An exception that starts with this comment is tried on the lines the
 * draft quotes, not on the sentence: the draft answers what the ex asked
 * ("> are you seeing anyone?"), and the rule stays quiet. */
#define QUOTED_MARK "(?#quoted)"

/* An exception that starts with this comment is tried on the whole
 * paragraph the match is in, not only its sentence: what cancels the match
 * may be said a sentence away ("Please stop telling people I cheated.
 * That's all I'm asking." is a boundary, not a plea). */
#define PARAGRAPH_MARK "(?#paragraph)"

struct rule {
  exl_rule_info info; /* the public view; points into the fields below */
  char *id, *category, *message, *explain, *suggestion, *replacement, *stages_text, *source;
  exl_severity severity;
  int stage_sev[3]; /* severity per stage, -1 when off */
  bool negatable, case_sensitive, disabled;
  int min_matches;
  struct pattern *pats;
  size_t npats;
  struct pattern *excs;
  size_t nexcs;
  enum detector detector;
  double budget[3];    /* per-stage limit for the counting detectors */
  double param_min;    /* "min" / "min_words" / "count" */
  double param_ratio;  /* "ratio" / "hours" */
  pcre2_code *part[3]; /* apology anatomy: apology, responsibility, remedy */
  bool parts_jitted;   /* JIT tried on part[] (a long-lived linter) */
  struct example *bad, *good; /* a cached rule's: NULL until pack_examples() */
  size_t nbad, ngood;
  /* Non-NULL for a rule read from a pack cache (packcache.h): its strings,
   * patterns, prefilter requirements and examples are borrowed from the
   * cache; only the compiled code is the rule's own. */
  const struct packcache *cache;
  uint32_t cache_rule; /* its record there */
  char *part_src[3]; /* the sources of part[]; NULL in a cached rule (its cache keeps them) */
};

struct pack_set {
  struct rule *rules; /* sorted by id */
  size_t nrules;
  /* Every pattern's literals, for finding them all in one pass (see
   * prefilter.h). Built by lint.c on the first lint that wants it, once
   * the set is final; owned by the set. */
  struct pf_index *pfx;
  bool pfx_tried;        /* built, or failed to build: do not try again */
  bool pfx_cache_tried;  /* looked for in the pack cache */
  struct packcache *cache; /* the bundled packs' cache, when they came from one */
};

/* Load every *.json pack in DIR (sorted by name) into PS. A rule whose id
 * is already loaded replaces the earlier one (user packs override). LAZY
 * compiles each pattern on first use: only for the bundled packs, which
 * exlint-ruletest checks before they ship; a user's bad regex is reported
 * at load. A LAZY load into an empty set reads DIR/packs.cache instead of
 * the JSON when the cache is current (packcache.h); EXLINT_PACK_CACHE=off
 * never does, and EXLINT_PACK_CACHE=require fails, saying why, when it
 * cannot (for tests). */
exl_status pack_load_dir(struct pack_set *ps, const char *dir, bool lazy, exl_error *err);
/* Load one pack file. */
exl_status pack_load_file(struct pack_set *ps, const char *path, exl_error *err);
/* Compile PT, a pattern or an exception of RU, unless it is already.
 * EXL_EREGEX naming the pack, the rule and the offset when it fails. */
exl_status pack_pattern_compile(const struct rule *ru, struct pattern *pt, exl_error *err);
/* The source of PT, a pattern or an exception of RU. A run never needs it
 * (the cache stores compiled code, reach and requirements), so a pack cache
 * keeps sources outside its load-time checksum and checks them here, the
 * first time one is asked for: NULL when they are damaged. */
const char *pack_pattern_src(const struct rule *ru, const struct pattern *pt);
/* Sort rules by id; call once after loading. */
void pack_finish(struct pack_set *ps);
/* Give every rule its examples. Rules read from JSON have them already;
 * the pack cache hands them out only now, since a run never reads them
 * (packcache_examples()). */
exl_status pack_examples(struct pack_set *ps, exl_error *err);

/* The literal index of every pattern of PS, numbered rule by rule in
 * order (prefilter.h). pack_index_cached() reads it from the pack cache
 * (nearly free) when PS is exactly the cached set; pack_index_build()
 * builds it (tens of millions of instructions). NULL when it cannot be
 * had. The caller owns it. */
struct pf_index *pack_index_cached(const struct pack_set *ps);
struct pf_index *pack_index_build(const struct pack_set *ps);

/* Does '.' leave "\n" alone under PCRE2's newline convention? The
 * prefilter's alphabets need to know. */
bool pack_dot_skips_lf(void);
void pack_set_free(struct pack_set *ps);
struct rule *pack_find(const struct pack_set *ps, const char *id);

/* The directory of the bundled packs: $EXLINT_PATTERNS_DIR, else next to
 * the running binary (../patterns in the source tree,
 * ../share/exlint/patterns when installed), else the compiled-in default.
 * Static storage. */
const char *pack_bundled_dir(void);

/* Is NAME one of the fixed category ids? */
bool pack_known_category(const char *name);

#endif
