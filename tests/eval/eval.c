/* eval.c - measure the packs and the tone score on the labelled corpus.
 *
 * usage: exlint-eval [--write FILE] [--misses] SPLIT-DIR...
 *
 * Each SPLIT-DIR holds *.json files of drafts (docs/CONTRACT.md). Every draft
 * is linted at its own stage, at a fixed daytime clock, with spelling on and
 * no send history. A draft counts as flagged when a finding is at warning or
 * above, and its flagged categories are those of such findings. Printed per
 * split: per-category precision and recall, recall on should-flag drafts,
 * false-positive rate on should-pass drafts, how often the headline category
 * is right, the ROC AUC of the tone score (pass vs flag) and its Spearman
 * correlation with the human ratings. --write also writes the tables as
 * Markdown; --misses lists the drafts the rules got wrong (for tuning on dev). */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "lint.h"
#include "util.h"

#define NCAT 18
static const char *const cats[NCAT] = {
    "begging",  "guilt-trip", "non-apology", "over-apology", "wall-of-text", "relationship-talk",
    "pressure", "blame",      "jealousy",    "desperation",  "stalking",     "hostility",
    "intensity", "flirting",  "vague-opener", "safety",      "spelling",     "timing"};

static int cat_index(const char *c) {
  for (int i = 0; i < NCAT; i++)
    if (strcmp(cats[i], c) == 0)
      return i;
  return -1;
}

struct sample {
  double score, rating;
  bool should_flag;
};

struct split {
  const char *name;
  int tp[NCAT], fp[NCAT], fn[NCAT];
  int nflag, npass, flagged_ok, pass_flagged, headline_ok, headline_n;
  struct sample *s;
  size_t ns, caps;
};

static int misses;

/* The headline category: the most severe finding's, the first on ties. */
static int headline(const exl_result *res) {
  int best = -1, sev = -1;
  for (size_t i = 0; i < exl_result_count(res); i++) {
    const exl_finding *f = exl_result_finding(res, i);
    if ((int)f->severity > sev) {
      sev = (int)f->severity;
      best = cat_index(f->category);
    }
  }
  return sev >= EXL_WARNING ? best : -1;
}

static void add_sample(struct split *sp, struct sample s) {
  if (sp->ns == sp->caps) {
    sp->caps = sp->caps ? sp->caps * 2 : 256;
    sp->s = realloc(sp->s, sp->caps * sizeof(*sp->s));
    if (!sp->s)
      exit(2);
  }
  sp->s[sp->ns++] = s;
}

static void print_set(const char *label, const bool *set) {
  printf("%s", label);
  for (int i = 0; i < NCAT; i++)
    if (set[i])
      printf(" %s", cats[i]);
}

static void score_draft(const exl_linter *lin, struct split *sp, const cJSON *d) {
  const cJSON *text = cJSON_GetObjectItemCaseSensitive(d, "text");
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(d, "id");
  const cJSON *stage = cJSON_GetObjectItemCaseSensitive(d, "stage");
  const cJSON *rating = cJSON_GetObjectItemCaseSensitive(d, "rating");
  const cJSON *expected = cJSON_GetObjectItemCaseSensitive(d, "categories"), *c;
  if (!cJSON_IsString(text) || !cJSON_IsArray(expected) || !cJSON_IsNumber(rating)) {
    fprintf(stderr, "exlint-eval: %s: a draft lacks text, categories or rating\n", sp->name);
    exit(2);
  }
  struct lint_opts o;
  lint_default_opts(lin, &o);
  parse_iso8601("2026-06-15T14:00:00", &o.now);
  o.unanswered = 0;
  o.has_breakup = false;
  if (cJSON_IsString(stage) && exl_stage_parse(stage->valuestring, &o.stage) != 0) {
    fprintf(stderr, "exlint-eval: %s: unknown stage\n", sp->name);
    exit(2);
  }
  exl_result *res = NULL;
  exl_error err;
  if (lint_run(lin, &o, "draft", text->valuestring, strlen(text->valuestring), &res, &err)) {
    fprintf(stderr, "exlint-eval: %s\n", err.msg);
    exit(2);
  }
  bool want[NCAT] = {0}, got[NCAT] = {0};
  bool should_flag = cJSON_GetArraySize(expected) > 0, flagged = false;
  cJSON_ArrayForEach(c, expected) {
    int k = cJSON_IsString(c) ? cat_index(c->valuestring) : -1;
    if (k < 0) {
      fprintf(stderr, "exlint-eval: %s: unknown category\n", sp->name);
      exit(2);
    }
    want[k] = true;
  }
  for (size_t i = 0; i < exl_result_count(res); i++) {
    const exl_finding *f = exl_result_finding(res, i);
    if (f->severity >= EXL_WARNING) {
      got[cat_index(f->category)] = true;
      flagged = true;
    }
  }
  bool wrong = false;
  for (int k = 0; k < NCAT; k++) {
    sp->tp[k] += want[k] && got[k];
    sp->fp[k] += !want[k] && got[k];
    sp->fn[k] += want[k] && !got[k];
    wrong |= want[k] != got[k];
  }
  if (should_flag) {
    sp->nflag++;
    sp->flagged_ok += flagged;
    if (flagged) {
      int h = headline(res);
      sp->headline_n++;
      sp->headline_ok += h >= 0 && want[h];
    }
  } else {
    sp->npass++;
    sp->pass_flagged += flagged;
  }
  if (misses && wrong) {
    printf("MISS %s [%s]", cJSON_IsString(id) ? id->valuestring : "?", exl_stage_name(o.stage));
    print_set(" want:", want);
    print_set(" got:", got);
    printf("\n     %.300s\n", text->valuestring);
  }
  add_sample(sp, (struct sample){exl_result_tone(res)->score, rating->valuedouble, should_flag});
  exl_result_free(res);
}

static int json_file(const struct dirent *e) {
  size_t n = strlen(e->d_name);
  return n > 5 && strcmp(e->d_name + n - 5, ".json") == 0;
}

static void run_split(const exl_linter *lin, struct split *sp) {
  struct dirent **names;
  int n = scandir(sp->name, &names, json_file, alphasort);
  if (n < 0) {
    fprintf(stderr, "exlint-eval: %s: cannot read the directory\n", sp->name);
    exit(2);
  }
  for (int i = 0; i < n; i++) {
    char path[4096], *text;
    size_t len;
    exl_error err;
    snprintf(path, sizeof(path), "%s/%s", sp->name, names[i]->d_name);
    free(names[i]);
    if (read_file(path, 16u << 20, &text, &len, &err) != EXL_OK) {
      fprintf(stderr, "exlint-eval: %s\n", err.msg);
      exit(2);
    }
    cJSON *root = cJSON_ParseWithLength(text, len), *d;
    free(text);
    const cJSON *drafts = cJSON_GetObjectItemCaseSensitive(root, "drafts");
    if (!cJSON_IsArray(drafts)) {
      fprintf(stderr, "exlint-eval: %s: expected {\"drafts\": [...]}\n", path);
      exit(2);
    }
    cJSON_ArrayForEach(d, drafts) score_draft(lin, sp, d);
    cJSON_Delete(root);
  }
  free(names);
}

/* ---- statistics ------------------------------------------------------ */

/* Probability that a should-pass draft scores above a should-flag one. */
static double roc_auc(const struct split *sp) {
  double wins = 0, pairs = 0;
  for (size_t i = 0; i < sp->ns; i++)
    for (size_t j = 0; j < sp->ns; j++)
      if (!sp->s[i].should_flag && sp->s[j].should_flag) {
        pairs++;
        wins += sp->s[i].score > sp->s[j].score ? 1 : sp->s[i].score == sp->s[j].score ? 0.5 : 0;
      }
  return pairs ? wins / pairs : 0;
}

/* Average ranks (ties share their mean rank) of V[0..n) into R. */
static void ranks(const double *v, size_t n, double *r) {
  for (size_t i = 0; i < n; i++) {
    double less = 0, equal = 0;
    for (size_t j = 0; j < n; j++) {
      less += v[j] < v[i];
      equal += v[j] == v[i];
    }
    r[i] = less + (equal + 1) / 2;
  }
}

static double spearman(const struct split *sp) {
  size_t n = sp->ns;
  double *a = malloc(n * sizeof(double)), *b = malloc(n * sizeof(double));
  double *ra = malloc(n * sizeof(double)), *rb = malloc(n * sizeof(double));
  if (!a || !b || !ra || !rb)
    exit(2);
  for (size_t i = 0; i < n; i++)
    a[i] = sp->s[i].score, b[i] = sp->s[i].rating;
  ranks(a, n, ra);
  ranks(b, n, rb);
  double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;
  for (size_t i = 0; i < n; i++)
    ma += ra[i] / (double)n, mb += rb[i] / (double)n;
  for (size_t i = 0; i < n; i++) {
    sab += (ra[i] - ma) * (rb[i] - mb);
    saa += (ra[i] - ma) * (ra[i] - ma);
    sbb += (rb[i] - mb) * (rb[i] - mb);
  }
  free(a), free(b), free(ra), free(rb);
  return saa > 0 && sbb > 0 ? sab / sqrt(saa * sbb) : 0;
}

static double pct(int a, int b) { return b ? 100.0 * a / b : 0; }

static void report(struct buf *o, const struct split *sp) {
  int tp = 0, fp = 0, fn = 0;
  buf_printf(o, "### %s (%zu drafts: %d should flag, %d should pass)\n\n", sp->name, sp->ns,
             sp->nflag, sp->npass);
  buf_printf(o, "| category | expected | precision | recall |\n|---|---:|---:|---:|\n");
  for (int k = 0; k < NCAT; k++) {
    int want = sp->tp[k] + sp->fn[k], got = sp->tp[k] + sp->fp[k];
    tp += sp->tp[k], fp += sp->fp[k], fn += sp->fn[k];
    if (!want && !got)
      continue;
    buf_printf(o, "| %s | %d | %.1f%% (%d/%d) | %.1f%% (%d/%d) |\n", cats[k], want,
               pct(sp->tp[k], got), sp->tp[k], got, pct(sp->tp[k], want), sp->tp[k], want);
  }
  buf_printf(o, "| **all categories** | %d | %.1f%% | %.1f%% |\n\n", tp + fn, pct(tp, tp + fp),
             pct(tp, tp + fn));
  double auc = roc_auc(sp), rho = spearman(sp);
  double recall = pct(sp->flagged_ok, sp->nflag), fpr = pct(sp->pass_flagged, sp->npass);
  double head = pct(sp->headline_ok, sp->headline_n);
  buf_printf(o, "| measure | value | target |\n|---|---:|---:|\n");
  buf_printf(o, "| recall on should-flag drafts | %.1f%% (%d/%d) | >= 95%% %s |\n", recall,
             sp->flagged_ok, sp->nflag, recall >= 95 ? "met" : "MISSED");
  buf_printf(o, "| false positives on should-pass drafts | %.1f%% (%d/%d) | <= 3%% %s |\n", fpr,
             sp->pass_flagged, sp->npass, fpr <= 3 ? "met" : "MISSED");
  buf_printf(o, "| headline category right | %.1f%% (%d/%d) | >= 90%% %s |\n", head,
             sp->headline_ok, sp->headline_n, head >= 90 ? "met" : "MISSED");
  buf_printf(o, "| tone ROC AUC (pass vs flag) | %.3f | >= 0.97 %s |\n", auc,
             auc >= 0.97 ? "met" : "MISSED");
  buf_printf(o, "| tone Spearman vs human rating | %.3f | >= 0.80 %s |\n\n", rho,
             rho >= 0.80 ? "met" : "MISSED");
  int low = 0;
  for (int k = 0; k < 16; k++) {
    int want = sp->tp[k] + sp->fn[k];
    if (want && pct(sp->tp[k], want) < 90) {
      buf_printf(o, "%s%s %.1f%%", low ? ", " : "Categories under 90% recall: ", cats[k],
                 pct(sp->tp[k], want));
      low++;
    }
  }
  buf_printf(o, "%s\n", low ? "." : "Every category is at 90% recall or more.");
  buf_printf(o, "\n");
}

int main(int argc, char **argv) {
  const char *write = NULL;
  int first = 1;
  while (first < argc && argv[first][0] == '-') {
    if (strcmp(argv[first], "--write") == 0 && first + 1 < argc)
      write = argv[++first];
    else if (strcmp(argv[first], "--misses") == 0)
      misses = 1;
    else {
      fprintf(stderr, "usage: exlint-eval [--write FILE] [--misses] SPLIT-DIR...\n");
      return 2;
    }
    first++;
  }
  exl_config *cfg = exl_config_new();
  exl_linter *lin = NULL;
  exl_error err;
  if (!cfg || exl_linter_new(cfg, &lin, &err) != EXL_OK) {
    fprintf(stderr, "exlint-eval: %s\n", err.msg);
    return 2;
  }
  exl_config_free(cfg);
  struct buf o = {0};
  buf_printf(&o, "# Corpus results\n\nWritten by `make eval` (tests/eval/eval.c); do not edit by "
                 "hand. Rules are tuned on corpus/dev; corpus/test is only measured.\n\n");
  for (int i = first; i < argc; i++) {
    struct split sp = {.name = argv[i]};
    run_split(lin, &sp);
    report(&o, &sp);
    free(sp.s);
  }
  exl_linter_free(lin);
  if (o.oom)
    return 2;
  fputs(o.data, stdout);
  if (write) {
    FILE *f = fopen(write, "w");
    if (!f || fputs(o.data, f) < 0 || fclose(f) != 0) {
      fprintf(stderr, "exlint-eval: %s: cannot write\n", write);
      return 2;
    }
  }
  buf_free(&o);
  return 0;
}
