/* tone.c - the tone score: a base, minus what the findings and the text's
 * heat cost, plus what calm, kind signals earn. Every part is a named
 * component, and the components add up exactly to the score.
 *
 * The heat measures follow rule-based sentiment tools such as VADER:
 * capitals, runs of ! and ?, stretched words, intensifiers and emoji raise
 * intensity; a negator just before an emotional word cancels it. */
#include "tone.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define BASE 85

static const struct {
  const char *category;
  double factor;
  int group; /* the label this category pulls towards */
} categories[] = {
    {"safety", 3.0, 7},        {"hostility", 1.3, 6},     {"desperation", 1.25, 3},
    {"begging", 1.2, 3},       {"guilt-trip", 1.15, 5},   {"stalking", 1.1, 4},
    {"blame", 1.0, 5},         {"pressure", 1.0, 4},      {"jealousy", 1.0, 4},
    {"non-apology", 0.9, 5},   {"relationship-talk", 0.9, 3}, {"flirting", 0.85, 3},
    {"over-apology", 0.8, 2},  {"wall-of-text", 0.8, 2},  {"intensity", 0.6, 2},
    {"vague-opener", 0.6, 2},  {"timing", 0.5, 2},        {"spelling", 0.25, 2},
};
#define NCAT (sizeof(categories) / sizeof(categories[0]))

/* group ids index these labels; 0 and 1 are the clean ones */
static const char *const labels[] = {"calm", "warm", "anxious", "needy", "pressuring",
                                     "bitter", "hostile", "crisis"};

static const double severity_weight[] = {3, 16, 30}; /* info, warning, error */

/* Stage budgets for the length component, in words. */
static const double length_budget[] = {75, 150, 300};

/* ---- words ----------------------------------------------------------- */

struct words {
  char *low; /* lowercase ASCII copy of the normalised draft */
  struct span *w;
  size_t n;
};

static bool load_words(const struct draft *d, struct words *ws) {
  ws->low = malloc(d->norm_len + 1);
  size_t cap = d->nwords + 1;
  ws->w = malloc(cap * sizeof(struct span));
  ws->n = 0;
  if (!ws->low || !ws->w)
    return false;
  for (size_t i = 0; i <= d->norm_len; i++)
    ws->low[i] = (char)tolower((unsigned char)d->norm[i]);
  struct span w;
  size_t from = 0;
  while (ws->n < cap && draft_next_word(d->norm, d->norm_len, from, &w)) {
    ws->w[ws->n++] = w;
    from = w.end;
  }
  return true;
}

static bool word_eq(const struct words *ws, size_t i, const char *s) {
  size_t n = ws->w[i].end - ws->w[i].start;
  return strlen(s) == n && memcmp(ws->low + ws->w[i].start, s, n) == 0;
}

/* Does the space-separated PHRASE start at word I? */
static bool phrase_at(const struct words *ws, size_t i, const char *phrase) {
  const char *p = phrase;
  for (;;) {
    const char *sp = strchr(p, ' ');
    size_t n = sp ? (size_t)(sp - p) : strlen(p);
    if (i >= ws->n || ws->w[i].end - ws->w[i].start != n ||
        memcmp(ws->low + ws->w[i].start, p, n) != 0)
      return false;
    if (!sp)
      return true;
    p = sp + 1;
    i++;
  }
}

static bool in_list(const struct words *ws, size_t i, const char *const *list) {
  for (int k = 0; list[k]; k++)
    if (word_eq(ws, i, list[k]))
      return true;
  return false;
}

static const char *const negators[] = {"not", "never", "no", "dont", "don't", "isnt", "isn't",
                                       "wasnt", "wasn't", "aint", "ain't", "won't", "wont",
                                       "cant", "can't", "didnt", "didn't", NULL};

static bool negated_at(const struct words *ws, size_t i) {
  for (size_t k = 1; k <= 3 && k <= i; k++)
    if (in_list(ws, i - k, negators))
      return true;
  return false;
}

/* ---- heat ------------------------------------------------------------ */

static const char *const intensifiers[] = {
    "so", "really", "very", "extremely", "totally", "literally", "seriously", "absolutely",
    "desperately", "completely", "honestly", "truly", "insanely", "super", NULL};

static const char *const heated_words[] = {
    "hate", "hated", "angry", "furious", "pissed", "miserable", "devastated", "destroyed",
    "broken", "pathetic", "disgusting", "selfish", "liar", "cruel", "heartless", "worthless",
    "stupid", "crazy", "insane", "hurt", "betrayed", "sick", "desperate", "hopeless", "alone",
    "lonely", "empty", "crying", "cried", "screaming", "begging", NULL};

static bool stretched(const char *s, struct span w) {
  for (size_t i = w.start; i + 2 < w.end; i++)
    if (isalpha((unsigned char)s[i]) && tolower((unsigned char)s[i]) == tolower((unsigned char)s[i + 1]) &&
        tolower((unsigned char)s[i]) == tolower((unsigned char)s[i + 2]))
      return true;
  return false;
}

static bool all_caps(const char *s, struct span w) {
  size_t letters = 0;
  for (size_t i = w.start; i < w.end; i++) {
    if (islower((unsigned char)s[i]))
      return false;
    letters += isupper((unsigned char)s[i]) != 0;
  }
  return letters >= 3;
}

static size_t count_emoji(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i + 3 < n; i++) /* 4-byte sequences starting F0 9F: pictographs */
    if ((unsigned char)s[i] == 0xF0 && (unsigned char)s[i + 1] == 0x9F)
      k++;
  return k;
}

static double heat(const struct draft *d, const struct words *ws) {
  double h = 0;
  size_t bangs = 0;
  for (size_t i = 0; i < d->norm_len; i++)
    bangs += d->norm[i] == '!';
  if (bangs > 1)
    h += 1.5 * (double)(bangs - 1);
  for (size_t i = 0; i < ws->n; i++) {
    if (all_caps(d->norm, ws->w[i]))
      h += 3;
    if (stretched(d->norm, ws->w[i]))
      h += 2;
    if (in_list(ws, i, intensifiers))
      h += 1;
  }
  size_t emoji = count_emoji(d->norm, d->norm_len);
  if (emoji > 2)
    h += (double)(emoji - 2);
  return h > 20 ? 20 : h;
}

static double heated_vocabulary(const struct words *ws) {
  double h = 0;
  for (size_t i = 0; i < ws->n && h < 15; i++)
    if (in_list(ws, i, heated_words) && !negated_at(ws, i))
      h += 3;
  return h > 15 ? 15 : h;
}

static double questions(const struct draft *d) {
  size_t q = 0;
  for (size_t i = 0; i < d->nsent; i++)
    q += memchr(d->norm + d->sent[i].start, '?', d->sent[i].end - d->sent[i].start) != NULL;
  double p = q > 2 ? 3.0 * (double)(q - 2) : 0;
  return p > 12 ? 12 : p;
}

/* ---- calm signals ---------------------------------------------------- */

/* Each group is one kind of good sign; a draft earns each kind once. */
static const char *const *const kind_signals[] = {
    (const char *const[]){"hope you", "hope your", "hope work", "hope the", "hope things",
                          "hope everything", "hope all", "good luck", "take care",
                          "congrats", "congratulations", "happy birthday", "happy for you",
                          "proud of you", "all the best", "best wishes", NULL},
    (const char *const[]){"no pressure", "take your time", "no rush", "no need to reply",
                          "no need to answer", "whenever you", "if you want", "only if you",
                          "totally fine if", "no worries if", NULL},
    (const char *const[]){"reminded me", "remember when", "made me think of", "looked just like",
                          "looks just like", "thought of you when", "made me laugh", NULL},
    (const char *const[]){"i can see how my", "my part", "i was wrong", "i take responsibility",
                          "i own that", "i'm working on", "im working on", "i've been working on",
                          "ive been working on", "i'm learning", "thank you", "thanks", NULL},
};
#define NSIGNALS (sizeof(kind_signals) / sizeof(kind_signals[0]))

static int kindness(const struct words *ws) {
  int kinds = 0;
  for (size_t g = 0; g < NSIGNALS; g++) {
    bool found = false;
    for (size_t i = 0; i < ws->n && !found; i++)
      for (int k = 0; kind_signals[g][k] && !found; k++)
        found = phrase_at(ws, i, kind_signals[g][k]);
    kinds += found;
  }
  return kinds * 4 > 15 ? 15 : kinds * 4;
}

/* ---- assembly -------------------------------------------------------- */

static void add(exl_result *res, const char *name, double delta) {
  int d = (int)lround(delta);
  if (d == 0 || res->tone.ncomponents >= TONE_MAX_COMPONENTS)
    return;
  res->comps[res->tone.ncomponents++] = (exl_tone_component){name, d};
}

static int category_index(const char *cat) {
  for (size_t i = 0; i < NCAT; i++)
    if (strcmp(categories[i].category, cat) == 0)
      return (int)i;
  return -1;
}

void tone_compute(exl_result *res) {
  double penalty[NCAT] = {0};
  int seen[NCAT] = {0};
  bool warned = false, crisis = false;
  for (size_t i = 0; i < res->nf; i++) {
    const exl_finding *f = &res->f[i];
    int c = category_index(f->category);
    if (c < 0)
      continue;
    /* each further finding of a category costs half the one before */
    penalty[c] += severity_weight[f->severity] * categories[c].factor * ldexp(1.0, -seen[c]++);
    warned |= f->severity >= EXL_WARNING;
    crisis |= categories[c].group == 7;
  }

  res->tone.ncomponents = 0;
  res->comps[res->tone.ncomponents++] = (exl_tone_component){"base", BASE};
  int group = 0;
  double worst = 0;
  for (size_t c = 0; c < NCAT; c++) {
    add(res, categories[c].category, -penalty[c]);
    if (penalty[c] > worst + 1e-9 ||
        (penalty[c] > 0 && fabs(penalty[c] - worst) < 1e-9 && categories[c].group > group)) {
      worst = penalty[c];
      group = categories[c].group;
    }
  }

  struct words ws = {0};
  if (load_words(&res->d, &ws)) {
    add(res, "heat", -heat(&res->d, &ws));
    add(res, "heated-words", -heated_vocabulary(&ws));
    add(res, "questions", -questions(&res->d));
    double over = (double)res->d.nwords - length_budget[res->stage];
    add(res, "length", over > 0 ? -fmin(12, over / 8) : 0);
    /* kindness only counts when nothing at warning level undercuts it */
    int kind = warned ? 0 : kindness(&ws);
    add(res, "kindness", kind);
    if (!warned)
      group = kind > 0 ? 1 : 0;
  }
  free(ws.low);
  free(ws.w);

  int sum = 0;
  for (size_t i = 0; i < res->tone.ncomponents; i++)
    sum += res->comps[i].delta;
  if (sum < 0)
    add(res, "floor", -sum);
  else if (sum > 100)
    add(res, "ceiling", 100 - sum);
  res->tone.score = sum < 0 ? 0 : sum > 100 ? 100 : sum;
  if (!warned && res->tone.score < 60)
    group = 2; /* no single rule, but the heat adds up */
  res->tone.label = labels[crisis ? 7 : group];
  res->tone.components = res->comps;
}
