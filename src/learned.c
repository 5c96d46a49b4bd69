/* learned.c - hashed word features and logistic-regression scoring.
 *
 * Model file (all integers and floats little-endian):
 *   "EXLM"  u32 version (3)  u32 hash_bits  u32 nmodels  u32 nfeat
 *   f32 warn threshold  f32 info threshold
 *   nmodels x { char name[24] (NUL-padded)  f32 bias  f32 hint }
 *                         model 0 is "flag"; the others are categories
 *   u32 index[nfeat]      strictly ascending hashed feature indices
 *   f32 w[nfeat][nmodels] the weight of each feature in each model
 * A category model whose hint threshold is at most 1 may make a finding
 * (learned.h); "safety" is never the category the verdict names.
 * Only features seen in at least two training drafts are stored; any other
 * feature has weight 0 in every model. A feature vector is binary presence
 * scaled to unit length over every distinct feature of the draft (stored or
 * not), which is what tests/model/train.py gives liblinear. */
#include "learned.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lint.h"
#include "util.h"

#define MODEL_MAGIC "EXLM"
#define MODEL_VERSION 3u
#define MODEL_HEAD 28u   /* the fixed fields before the model records */
#define MODEL_RECORD 32u /* name, bias, hint */
#define MODEL_MAX_BYTES (64u << 20)
#define TOKEN_MAX 32
#define NEG_SCOPE 3 /* words after a negator that it colours */
#define GLOBAL_SENTENCE ((size_t)-1)

struct learned {
  uint32_t nmodels, nfeat;
  float warn, info;
  float hint[LEARNED_MAX_CATS]; /* per model: its hint threshold (> 1: none) */
  char names[LEARNED_MAX_CATS][LEARNED_NAME_LEN];
  float bias[LEARNED_MAX_CATS];
  const uint32_t *index; /* nfeat, ascending */
  const float *w;        /* nfeat * nmodels */
  /* On a little-endian host the arrays point into the mapped file, so a
   * load reads only the pages a draft's features touch; elsewhere they are
   * converted copies. */
  void *map;
  size_t map_len;
  uint32_t *own_index;
  float *own_w;
};

/* ---- features -------------------------------------------------------- */

/* FNV-1a, folded into [1, 2^LEARNED_HASH_BITS]; 0 is not a liblinear index. */
static uint32_t fnv(uint32_t h, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    h ^= (unsigned char)s[i];
    h *= 16777619u;
  }
  return h;
}

static uint32_t fold(uint32_t h) { return (h & ((1u << LEARNED_HASH_BITS) - 1)) + 1; }

/* Texting spellings that mean the same word as the spelled-out one. */
static const char *const slang[][2] = {
    {"u", "you"},       {"ya", "you"},     {"yu", "you"},       {"ur", "your"},
    {"youre", "your"},  {"r", "are"},      {"pls", "please"},   {"plz", "please"},
    {"plez", "please"}, {"cuz", "because"}, {"bc", "because"},  {"coz", "because"},
    {"cos", "because"}, {"tho", "though"}, {"thru", "through"}, {"rn", "now"},
    {"k", "ok"},        {"okay", "ok"},    {"kk", "ok"},        {"wanna", "want"},
    {"gonna", "going"}, {"gotta", "got"},  {"n", "and"},        {"b4", "before"},
    {"luv", "love"},    {"ppl", "people"}, {"msg", "message"},  {"txt", "text"}};

static const char *const negators[] = {
    "not",     "never",  "no",      "nor",    "dont",    "cant",     "wont",    "didnt",
    "doesnt",  "isnt",   "wasnt",   "arent",  "werent",  "shouldnt", "wouldnt", "couldnt",
    "aint",    "cannot", "havent",  "hasnt",  "hadnt",   "nothing",  "nobody",  "without",
    "neither", NULL};

/* Comparing the first byte first skips almost every strcmp() call: this
 * runs once per word, and whole-list strcmp() was most of a draft's cost. */
static bool is_negator(const char *t) {
  for (int i = 0; negators[i]; i++)
    if (t[0] == negators[i][0] && strcmp(t, negators[i]) == 0)
      return true;
  return false;
}

static bool word_byte(unsigned char c) { return isalnum(c) || c >= 0x80; }

/* Read the word at S[*I..END) into T (lowercased, apostrophes dropped,
 * letters repeated three or more times cut to two, texting spellings
 * spelled out). Sets *CAPS when the word is shouted. */
static void read_token(const char *s, size_t *i, size_t end, char *t, bool *caps) {
  size_t n = 0, upper = 0, letters = 0;
  while (*i < end && (word_byte((unsigned char)s[*i]) ||
                      (s[*i] == '\'' && *i + 1 < end && word_byte((unsigned char)s[*i + 1])))) {
    unsigned char c = (unsigned char)s[(*i)++];
    if (c == '\'')
      continue;
    if (isalpha(c)) {
      letters++;
      upper += isupper(c) != 0;
    }
    c = (unsigned char)tolower(c);
    if (n >= 2 && t[n - 1] == (char)c && t[n - 2] == (char)c)
      continue;
    if (n < TOKEN_MAX - 1)
      t[n++] = (char)c;
  }
  t[n] = '\0';
  *caps = letters >= 3 && upper == letters;
  if (n > 5)
    return; /* no texting spelling is longer */
  for (size_t k = 0; k < sizeof(slang) / sizeof(slang[0]); k++)
    if (t[0] == slang[k][0][0] && strcmp(t, slang[k][0]) == 0) {
      snprintf(t, TOKEN_MAX, "%s", slang[k][1]);
      break;
    }
}

struct emitter {
  learned_feature_fn fn;
  void *ctx;
};

/* Emit feature KIND|A|B (B may be NULL). */
static void emit(const struct emitter *e, char kind, const char *a, const char *b, size_t sent) {
  uint32_t h = fnv(2166136261u, &kind, 1);
  h = fnv(h, "|", 1);
  h = fnv(h, a, strlen(a));
  if (b) {
    h = fnv(h, "|", 1);
    h = fnv(h, b, strlen(b));
  }
  e->fn(e->ctx, fold(h), sent);
}

static unsigned bucket(size_t n) {
  unsigned b = 0;
  while (n > 1 && b < 7) {
    n >>= 1;
    b++;
  }
  return b;
}

/* The words and marks of one sentence S[START..END) as unigrams and
 * bigrams. A word inside a negator's scope is marked "!" so that "not
 * going to beg" does not read as begging. */
static void sentence_features(const struct emitter *e, const char *s, size_t start, size_t end,
                              size_t sent, size_t *words, bool *shouted) {
  char prev[TOKEN_MAX + 1] = "<s>", cur[TOKEN_MAX + 1], tok[TOKEN_MAX];
  int neg = 0;
  for (size_t i = start; i < end;) {
    unsigned char c = (unsigned char)s[i];
    if (word_byte(c)) {
      bool caps;
      read_token(s, &i, end, tok, &caps);
      if (caps) { /* shouting is the tone's intensity; here it would only add noise */
        *shouted = true;
        continue;
      }
      (*words)++;
      size_t mark = neg > 0;
      cur[0] = '!';
      memcpy(cur + mark, tok, strlen(tok) + 1);
      neg = is_negator(tok) ? NEG_SCOPE : neg > 0 ? neg - 1 : 0;
    } else {
      if (c == '.' || c == ',' || c == ';' || c == ':' || c == '\n')
        neg = 0;
      i++;
      continue;
    }
    emit(e, 'u', cur, NULL, sent);
    emit(e, 'b', prev, cur, sent);
    memcpy(prev, cur, sizeof(prev));
  }
}

void learned_features(const char *norm, size_t len, const struct span *sent, size_t nsent,
                      exl_stage stage, learned_feature_fn fn, void *ctx) {
  struct emitter e = {fn, ctx};
  size_t words = 0;
  bool shouted = false;
  if (nsent == 0)
    sentence_features(&e, norm, 0, len, 0, &words, &shouted);
  for (size_t k = 0; k < nsent; k++)
    sentence_features(&e, norm, sent[k].start, sent[k].end, k, &words, &shouted);
  char v[16];
  snprintf(v, sizeof(v), "%u", bucket(words));
  emit(&e, 'g', "words", v, GLOBAL_SENTENCE);
  snprintf(v, sizeof(v), "%u", bucket(nsent));
  emit(&e, 'g', "sentences", v, GLOBAL_SENTENCE);
  snprintf(v, sizeof(v), "%d", (int)stage);
  emit(&e, 'g', "stage", v, GLOBAL_SENTENCE);
  (void)shouted;
}

/* ---- loading --------------------------------------------------------- */

static uint32_t le32(const unsigned char *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static float lef32(const unsigned char *p) {
  uint32_t u = le32(p);
  float f;
  memcpy(&f, &u, sizeof(f));
  return f;
}

static exl_status bad_model(exl_error *err, const char *path, const char *why) {
  return error_set(err, EXL_EPACK, "%s: not a usable model: %s", path, why);
}

static bool little_endian(void) {
  const uint32_t one = 1;
  unsigned char b;
  memcpy(&b, &one, 1);
  return b == 1;
}

/* Fill M from the file image P[0..N), which outlives M. */
static exl_status parse_model(struct learned *m, const unsigned char *p, size_t n,
                              const char *path, exl_error *err) {
  if (n < MODEL_HEAD || memcmp(p, MODEL_MAGIC, 4) != 0)
    return bad_model(err, path, "bad header");
  if (le32(p + 4) != MODEL_VERSION || le32(p + 8) != LEARNED_HASH_BITS)
    return bad_model(err, path, "written for another version of the features");
  m->nmodels = le32(p + 12);
  m->nfeat = le32(p + 16);
  m->warn = lef32(p + 20);
  m->info = lef32(p + 24);
  if (m->nmodels < 1 || m->nmodels > LEARNED_MAX_CATS)
    return bad_model(err, path, "bad model count");
  size_t head = MODEL_HEAD + (size_t)m->nmodels * MODEL_RECORD;
  size_t need = head + (size_t)m->nfeat * 4 * (1 + (size_t)m->nmodels);
  if (n != need)
    return bad_model(err, path, "wrong size");
  for (uint32_t k = 0; k < m->nmodels; k++) {
    const unsigned char *q = p + MODEL_HEAD + (size_t)k * MODEL_RECORD;
    memcpy(m->names[k], q, LEARNED_NAME_LEN);
    m->names[k][LEARNED_NAME_LEN - 1] = '\0';
    m->bias[k] = lef32(q + LEARNED_NAME_LEN);
    m->hint[k] = lef32(q + LEARNED_NAME_LEN + 4);
  }
  if (strcmp(m->names[0], "flag") != 0)
    return bad_model(err, path, "the first model is not \"flag\"");
  const unsigned char *ix = p + head, *wx = ix + (size_t)m->nfeat * 4;
  size_t nw = (size_t)m->nfeat * m->nmodels;
  if (little_endian()) { /* HEAD is a multiple of 4, and mmap aligns the file */
    m->index = (const uint32_t *)(const void *)ix;
    m->w = (const float *)(const void *)wx;
  } else {
    m->own_index = malloc((m->nfeat ? m->nfeat : 1) * sizeof(uint32_t));
    m->own_w = malloc((nw ? nw : 1) * sizeof(float));
    if (!m->own_index || !m->own_w)
      return error_set(err, EXL_ENOMEM, "%s: out of memory", path);
    for (uint32_t j = 0; j < m->nfeat; j++)
      m->own_index[j] = le32(ix + 4 * (size_t)j);
    for (size_t j = 0; j < nw; j++)
      m->own_w[j] = lef32(wx + 4 * j);
    m->index = m->own_index;
    m->w = m->own_w;
  }
  for (uint32_t j = 1; j < m->nfeat; j++)
    if (m->index[j] <= m->index[j - 1])
      return bad_model(err, path, "feature indices out of order");
  return EXL_OK;
}

exl_status learned_load(struct learned **out, const char *dir, exl_error *err) {
  *out = NULL;
  char path[4096];
  if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, LEARNED_FILE) >= sizeof(path))
    return error_set(err, EXL_EIO, "%s: path too long", dir);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return error_set(err, EXL_EIO, "%s: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
      (uint64_t)st.st_size > MODEL_MAX_BYTES) {
    close(fd);
    return bad_model(err, path, "not a regular file of a sensible size");
  }
  void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd); /* the mapping stays valid */
  if (map == MAP_FAILED)
    return error_set(err, EXL_EIO, "%s: %s", path, strerror(errno));
  struct learned *m = calloc(1, sizeof(*m));
  if (!m) {
    munmap(map, (size_t)st.st_size);
    return error_set(err, EXL_ENOMEM, "%s: out of memory", path);
  }
  m->map = map;
  m->map_len = (size_t)st.st_size;
  exl_status rc = parse_model(m, map, m->map_len, path, err);
  if (rc != EXL_OK) {
    learned_free(m);
    return rc;
  }
  *out = m;
  return EXL_OK;
}

void learned_free(struct learned *m) {
  if (!m)
    return;
  if (m->map)
    munmap(m->map, m->map_len);
  free(m->own_index);
  free(m->own_w);
  free(m);
}

void learned_thresholds(const struct learned *m, double *warn, double *info) {
  *warn = m->warn;
  *info = m->info;
}

/* ---- scoring --------------------------------------------------------- */

/* Row of INDEX in the model, or -1 when the model never saw it. */
static long find_feature(const struct learned *m, uint32_t index) {
  size_t lo = 0, hi = m->nfeat;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (m->index[mid] < index)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < m->nfeat && m->index[lo] == index ? (long)lo : -1;
}

/* Scoring happens as the features stream out: an open-addressing set of
 * the indices seen so far gives the distinct count (for the unit-length
 * scaling) and makes each feature count once per draft and once per
 * sentence, without sorting the occurrences. */
struct seen {
  uint32_t index; /* 0: empty slot */
  long row;       /* the feature's row in the model, -1 when it has none */
  size_t sent;    /* the last sentence it was credited to */
};

struct scoring {
  const struct learned *m;
  struct seen *slot;
  size_t mask, distinct;
  bool oom;
  double z[LEARNED_MAX_CATS]; /* unscaled sums of weights */
  double *evidence;           /* per sentence and model: its weights there */
  size_t nslots;
};

static struct seen *slot_for(struct seen *slot, size_t mask, uint32_t index) {
  size_t i = (index * 2654435761u) & mask;
  while (slot[i].index && slot[i].index != index)
    i = (i + 1) & mask;
  return &slot[i];
}

/* Double the set when it is half full, so probes stay short. */
static bool grow(struct scoring *sc) {
  size_t cap = 2 * (sc->mask + 1);
  struct seen *slot = calloc(cap, sizeof(*slot));
  if (!slot)
    return false;
  for (size_t i = 0; i <= sc->mask; i++)
    if (sc->slot[i].index)
      *slot_for(slot, cap - 1, sc->slot[i].index) = sc->slot[i];
  free(sc->slot);
  sc->slot = slot;
  sc->mask = cap - 1;
  return true;
}

static void accumulate(void *ctx, uint32_t index, size_t sent) {
  struct scoring *sc = ctx;
  if (sc->oom)
    return;
  if (sc->distinct >= (sc->mask + 1) / 2 && !grow(sc)) {
    sc->oom = true;
    return;
  }
  struct seen *e = slot_for(sc->slot, sc->mask, index);
  const struct learned *m = sc->m;
  if (!e->index) {
    e->index = index;
    e->row = find_feature(m, index);
    e->sent = GLOBAL_SENTENCE;
    sc->distinct++;
    if (e->row >= 0)
      for (uint32_t k = 0; k < m->nmodels; k++)
        sc->z[k] += m->w[(size_t)e->row * m->nmodels + k];
  }
  if (e->row >= 0 && sent != GLOBAL_SENTENCE && sent < sc->nslots && e->sent != sent) {
    for (uint32_t k = 0; k < m->nmodels; k++)
      sc->evidence[sent * m->nmodels + k] += m->w[(size_t)e->row * m->nmodels + k];
    e->sent = sent;
  }
}

static double sigmoid(double z) { return 1.0 / (1.0 + exp(-z)); }

static double logit(double p) {
  p = fmin(fmax(p, 1e-9), 1 - 1e-9);
  return log(p / (1 - p));
}

/* The sentence of SENT[0..N) whose features weigh most in model K of
 * SC's evidence, or the whole text when there are no sentences. */
static struct span heaviest(const struct scoring *sc, uint32_t k, const struct span *sent,
                            size_t n, size_t len) {
  const double *ev = sc->evidence;
  size_t best = 0, stride = sc->m->nmodels;
  for (size_t i = 1; i < n; i++)
    if (ev[i * stride + k] > ev[best * stride + k])
      best = i;
  return n ? sent[best] : (struct span){0, len};
}

void learned_score(const struct learned *m, const char *norm, size_t len,
                   const struct span *sent, size_t nsent, exl_stage stage,
                   struct learned_verdict *out) {
  memset(out, 0, sizeof(*out));
  /* a text message has a few hundred distinct features; the set grows */
  size_t cap = 1024;
  struct scoring sc = {.m = m, .mask = cap - 1, .nslots = nsent ? nsent : 1};
  sc.slot = calloc(cap, sizeof(*sc.slot));
  sc.evidence = calloc(sc.nslots * m->nmodels, sizeof(double));
  if (sc.slot && sc.evidence)
    learned_features(norm, len, sent, nsent, stage, accumulate, &sc);
  free(sc.slot);
  if (sc.distinct == 0 || sc.oom || !sc.evidence) {
    free(sc.evidence);
    return;
  }
  double scale = 1.0 / sqrt((double)sc.distinct);
  out->p_flag = sigmoid(m->bias[0] + sc.z[0] * scale);
  out->level = out->p_flag >= m->warn ? 2 : out->p_flag >= m->info ? 1 : 0;
  out->where = heaviest(&sc, 0, sent, nsent, len);
  for (uint32_t k = 1; k < m->nmodels; k++) {
    double p = sigmoid(m->bias[k] + sc.z[k] * scale);
    if (strcmp(m->names[k], "safety") != 0 && p > out->p_category) {
      out->p_category = p;
      out->category = m->names[k];
    }
    if (m->hint[k] <= 1) {
      struct learned_hint *h = &out->hint[out->nhint++];
      h->category = m->names[k];
      h->p = p;
      h->over = p >= m->hint[k];
      h->margin = logit(p) - logit(m->hint[k]);
      h->where = heaviest(&sc, k, sent, nsent, len);
    }
  }
  free(sc.evidence);
}
