/* tool.c - the C half of the learned layer's trainer and its evaluation.
 *
 * usage: exlint-model dump FILE.json...
 *          One line per draft: file, id, stage, expected categories, whether
 *          the rules flag it (a finding at warning or above from a rule that
 *          is not a learned one), the categories they flag, its word count,
 *          and its distinct hashed features (src/learned.c). tests/model/train.py
 *          reads it; no draft text is printed.
 *        exlint-model score MODEL-DIR FILE.json...
 *          One line per draft: id, p_flag, level, category, p_category,
 *          where.start, where.end, then p of each hinted model, as learned_score() gives them (the parity test compares these with
 *          liblinear-predict).
 *        exlint-model bench MODEL-DIR FILE REPEAT
 *          Time learned_load() once and learned_score() REPEAT times.
 *
 * Drafts are linted as exlint-eval lints them: at their own stage, at a
 * fixed daytime clock, with no send history. */
#define _GNU_SOURCE
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "learned.h"
#include "lint.h"
#include "util.h"

static void die(const char *what) {
  fprintf(stderr, "exlint-model: %s\n", what);
  exit(2);
}

typedef void (*draft_fn)(void *ctx, const char *file, const cJSON *d, exl_result *res);

/* Lint every draft of every file and hand it to FN. */
static void each_draft(exl_linter *lin, char **files, int nfiles, draft_fn fn, void *ctx) {
  for (int i = 0; i < nfiles; i++) {
    char *text;
    size_t len;
    exl_error err;
    if (read_file(files[i], 16u << 20, &text, &len, &err) != EXL_OK)
      die(err.msg);
    cJSON *root = cJSON_ParseWithLength(text, len), *d;
    free(text);
    const cJSON *drafts = cJSON_GetObjectItemCaseSensitive(root, "drafts");
    if (!cJSON_IsArray(drafts))
      die("expected {\"drafts\": [...]}");
    const char *base = strrchr(files[i], '/') ? strrchr(files[i], '/') + 1 : files[i];
    cJSON_ArrayForEach(d, drafts) {
      const cJSON *t = cJSON_GetObjectItemCaseSensitive(d, "text");
      const cJSON *stage = cJSON_GetObjectItemCaseSensitive(d, "stage");
      if (!cJSON_IsString(t))
        die("a draft has no text");
      struct lint_opts o;
      lint_default_opts(lin, &o);
      parse_iso8601("2026-06-15T14:00:00", &o.now);
      o.unanswered = 0;
      o.has_breakup = false;
      if (cJSON_IsString(stage) && exl_stage_parse(stage->valuestring, &o.stage) != 0)
        die("unknown stage");
      exl_result *res;
      if (lint_run(lin, &o, "draft", t->valuestring, strlen(t->valuestring), &res, &err))
        die(err.msg);
      fn(ctx, base, d, res);
      exl_result_free(res);
    }
    cJSON_Delete(root);
  }
}

/* ---- dump ------------------------------------------------------------ */

struct idx_list {
  uint32_t *v;
  size_t n, cap;
};

static void add_index(void *ctx, uint32_t index, size_t sentence) {
  (void)sentence;
  struct idx_list *l = ctx;
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 256;
    l->v = realloc(l->v, l->cap * sizeof(*l->v));
    if (!l->v)
      die("out of memory");
  }
  l->v[l->n++] = index;
}

static int by_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

static bool is_learned(const char *rule) {
  size_t n = strlen(rule);
  return n > 8 && strcmp(rule + n - 8, ".learned") == 0;
}

static void dump_one(void *ctx, const char *file, const cJSON *d, exl_result *res) {
  (void)ctx;
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(d, "id");
  const cJSON *cats = cJSON_GetObjectItemCaseSensitive(d, "categories"), *c;
  printf("%s\t%s\t%d\t", file, cJSON_IsString(id) ? id->valuestring : "?", (int)res->stage);
  int n = 0;
  cJSON_ArrayForEach(c, cats) printf("%s%s", n++ ? "," : "", c->valuestring);
  printf("%s\t", n ? "" : "-");
  struct buf rc = {0};
  bool flagged = false;
  for (size_t i = 0; i < res->nf; i++) {
    const exl_finding *f = &res->f[i];
    if (f->severity < EXL_WARNING || is_learned(f->rule))
      continue;
    buf_printf(&rc, "%s%s", flagged ? "," : "", f->category);
    flagged = true;
  }
  printf("%d\t%s\t%zu\t", flagged, flagged ? rc.data : "-", res->d.nwords);
  buf_free(&rc);
  struct idx_list l = {0};
  learned_features(res->d.norm, res->d.norm_len, res->d.sent, res->d.nsent, res->stage,
                   add_index, &l);
  if (l.n > 1)
    qsort(l.v, l.n, sizeof(*l.v), by_u32);
  for (size_t i = 0; i < l.n; i++)
    if (i == 0 || l.v[i] != l.v[i - 1])
      printf("%s%u", i ? " " : "", l.v[i]);
  printf("\n");
  free(l.v);
}

/* ---- score ----------------------------------------------------------- */

static void score_one(void *ctx, const char *file, const cJSON *d, exl_result *res) {
  (void)file;
  const struct learned *m = ctx;
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(d, "id");
  struct learned_verdict v;
  learned_score(m, res->d.norm, res->d.norm_len, res->d.sent, res->d.nsent, res->stage, &v);
  printf("%s\t%.6f\t%d\t%s\t%.6f\t%zu\t%zu", cJSON_IsString(id) ? id->valuestring : "?",
         v.p_flag, v.level, v.category ? v.category : "-", v.p_category, v.where.start,
         v.where.end);
  for (size_t k = 0; k < v.nhint; k++)
    printf("\t%.6f", v.hint[k].p);
  printf("\n");
}

/* ---- bench ----------------------------------------------------------- */

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int bench(const char *dir, const char *path, long repeat) {
  exl_error err;
  double t0 = now_s();
  struct learned *m;
  if (learned_load(&m, dir, &err) != EXL_OK)
    die(err.msg);
  double t1 = now_s();
  char *text;
  size_t len;
  if (read_file(path, 16u << 20, &text, &len, &err) != EXL_OK)
    die(err.msg);
  struct draft d;
  if (draft_parse(&d, path, text, len, &err) != EXL_OK)
    die(err.msg);
  struct learned_verdict v;
  double t2 = now_s();
  for (long i = 0; i < repeat; i++)
    learned_score(m, d.norm, d.norm_len, d.sent, d.nsent, EXL_STAGE_FIRST_CONTACT, &v);
  double t3 = now_s();
  printf("load %.3f ms; score %.4f ms per draft (%zu bytes, %ld runs; p_flag %.3f)\n",
         (t1 - t0) * 1e3, (t3 - t2) * 1e3 / (double)repeat, len, repeat, v.p_flag);
  draft_free(&d);
  free(text);
  learned_free(m);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3)
    die("usage: exlint-model dump FILE... | score MODEL-DIR FILE... | bench MODEL-DIR FILE N");
  if (strcmp(argv[1], "bench") == 0 && argc == 5)
    return bench(argv[2], argv[3], atol(argv[4]));
  exl_config *cfg = exl_config_new();
  exl_linter *lin = NULL;
  exl_error err;
  if (!cfg || exl_linter_new(cfg, &lin, &err) != EXL_OK)
    die(err.msg);
  exl_config_free(cfg);
  if (strcmp(argv[1], "dump") == 0) {
    each_draft(lin, argv + 2, argc - 2, dump_one, NULL);
  } else if (strcmp(argv[1], "score") == 0 && argc >= 4) {
    struct learned *m;
    if (learned_load(&m, argv[2], &err) != EXL_OK)
      die(err.msg);
    each_draft(lin, argv + 3, argc - 3, score_one, m);
    learned_free(m);
  } else {
    die("unknown command");
  }
  exl_linter_free(lin);
  return 0;
}
