/* learned.h - word evidence: what a model learned from the corpus makes of
 * a draft.
 *
 * The rule packs recognise wordings; this model recognises the idea. It
 * turns the normalised draft into hashed word features (unigrams and
 * bigrams, negation-marked, plus its length, sentence count and stage;
 * shouted words and punctuation are left to the tone's intensity) and
 * scores them with logistic-regression models trained by liblinear at
 * `make model` time (tests/model/). One model answers "would a level-headed
 * friend flag this draft"; one model per category names what it is.
 * Scoring is a sparse dot product: no liblinear at run time.
 *
 * The tone uses it for drafts the rules say nothing about (tone.c, "word
 * evidence"). A few category models also carry a hint threshold: the
 * `<category>.learned` rules (patterns/learned.json, detect.c) make a
 * finding of such a model's verdict when no rule named that category. On
 * drafts it had not seen, the safety hint (an error) found a third to a
 * half of the threats and self-harm hints the patterns missed for almost
 * no clean drafts; the others are warnings too (detect.h says when one
 * speaks as a warning; tests/model/README.md).
 *
 * The model lives in one binary file, learned.bin beside the bundled packs
 * (tests/model/train.py writes it, the format is in learned.c). */
#ifndef EXLINT_LEARNED_H
#define EXLINT_LEARNED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "draft.h"
#include "exlint.h"

#define LEARNED_FILE "learned.bin"
#define LEARNED_MAX_CATS 24
/* Drafts shorter than this are left to the rules: a handful of words gives
 * the models too little evidence, and short pleasantries ("talk soon",
 * "you got a dog?") were flagged. tests/model/train.py gates the same way. */
#define LEARNED_MIN_WORDS 8
#define LEARNED_NAME_LEN 24

struct learned; /* opaque; learned_free() releases it */

/* Read DIR/learned.bin. *OUT is the caller's. EXL_EIO when the file is
 * missing or unreadable, EXL_EPACK when it is not a model this code reads
 * (ERR says which). */
exl_status learned_load(struct learned **out, const char *dir, exl_error *err);
void learned_free(struct learned *m);

/* What the models make of one draft. */
struct learned_verdict {
  double p_flag;       /* probability a careful friend would flag it */
  int level;           /* 0: nothing to say, 1: info, 2: warning */
  const char *category; /* the likeliest category (the model's storage), or NULL */
  double p_category;   /* that category's probability */
  struct span where;   /* the sentence carrying the most evidence (norm offsets) */
  struct learned_hint {  /* the category models that may make a finding */
    const char *category; /* the model's name (the model's storage) */
    double p;
    bool over;            /* p at or over the hint threshold it was shipped with */
    double margin;        /* how far over (or under) it, in log-odds */
    struct span where;    /* the sentence carrying the most evidence for it */
  } hint[LEARNED_MAX_CATS];
  size_t nhint;
};

/* Score the normalised text NORM[0..LEN) whose sentences are SENT[0..NSENT)
 * (draft.h; may be empty), at STAGE. Scratch memory grows with the number
 * of distinct features (about 24 bytes each) and is freed before it
 * returns; on OOM the verdict is level 0. */
void learned_score(const struct learned *m, const char *norm, size_t len,
                   const struct span *sent, size_t nsent, exl_stage stage,
                   struct learned_verdict *out);

/* The thresholds the model was shipped with (chosen by cross-validation). */
void learned_thresholds(const struct learned *m, double *warn, double *info);

/* ---- for the trainer (tests/model/) ---------------------------------- */

/* Call FN once per feature occurrence of the text, with the feature's
 * hashed index in [1, 2^LEARNED_HASH_BITS] and the sentence (index into
 * SENT, or 0 when NSENT is 0) it came from. Occurrences may repeat. */
#define LEARNED_HASH_BITS 20
typedef void (*learned_feature_fn)(void *ctx, uint32_t index, size_t sentence);
void learned_features(const char *norm, size_t len, const struct span *sent, size_t nsent,
                      exl_stage stage, learned_feature_fn fn, void *ctx);

#endif
