/* literal_less.c - which pack patterns give the prefilter no literal, and
 * what each costs.
 *
 * A pattern that pf_analyse() cannot pin to a literal runs over every
 * draft in full, so its match cost is paid on every lint. This lists those
 * patterns (and exceptions, which run only on a finding's span), and with
 * --time=FILE times a full scan of FILE with each of them, interpreted and
 * JIT-compiled, the way lint.c scans: every match from the end of the last.
 * Worst first.
 *
 * --weak=N also lists patterns whose best literal is shorter than N bytes
 * ("so" is in most drafts, so a pattern that needs it runs on most).
 *
 * usage: literal-less [--time=FILE] [--runs=N] [--weak=N] PACK.json...
 * build (after make; not part of it):
 *   cc -Isrc tests/bench/literal_less.c build/libexlint.a \
 *      $(pkg-config --cflags --libs libpcre2-8 libcjson hunspell) -lm -o build/bench/literal-less
 * e.g. cd patterns && ../build/bench/literal-less --weak=3 \
 *      --time=../tests/lsp/fixtures/bench-draft.txt *.json */
#define PCRE2_CODE_UNIT_WIDTH 8
#define _GNU_SOURCE
#include <cjson/cJSON.h>
#include <pcre2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "prefilter.h"

struct entry {
  char *where; /* "rule.id pattern 2" (malloc'd) */
  char *src;   /* the pattern text (malloc'd) */
  bool caseless;
  double ns_interp, ns_jit; /* per full scan; -1 when not timed */
};

struct list {
  struct entry *v;
  size_t n, cap;
};

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *buf = NULL;
  size_t cap = 0, n = 0;
  for (;;) {
    if (n + 4096 > cap) {
      char *grown = realloc(buf, cap = cap * 2 + 8192);
      if (!grown) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = grown;
    }
    size_t got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0)
      break;
  }
  fclose(f);
  buf[n] = '\0';
  *len = n;
  return buf;
}

/* Bytes of the literal the prefilter can count on: for each clause its
 * shortest alternative, and the longest of those (0: no clause at all).
 * Below three or so, nearly every draft holds it and the pattern runs. */
static size_t literal_strength(const char *src) {
  struct pf_req r;
  pf_analyse(src, &r);
  size_t best = 0;
  for (const char *c = r.blob; c && *c; c++) { /* one clause per turn */
    size_t shortest = (size_t)-1;
    for (; *c; c += strlen(c) + 1)
      if (strlen(c) < shortest)
        shortest = strlen(c);
    if (shortest > best)
      best = shortest;
  }
  pf_req_free(&r);
  return best;
}

static size_t weak_below = 1; /* --weak=N: list patterns whose strength is below N */

static void push(struct list *l, const char *id, const char *kind, int nth, const char *src,
                 bool caseless) {
  if (l->n == l->cap) {
    l->cap = l->cap * 2 + 16;
    l->v = realloc(l->v, l->cap * sizeof(*l->v));
    if (!l->v) {
      perror("realloc");
      exit(2);
    }
  }
  struct entry *e = &l->v[l->n++];
  if (asprintf(&e->where, "%s %s %d", id, kind, nth) < 0 || !(e->src = strdup(src))) {
    perror("alloc");
    exit(2);
  }
  e->caseless = caseless;
  e->ns_interp = e->ns_jit = -1;
}

/* Every literal-less pattern and exception of one pack into L. */
static void scan_pack(const char *path, struct list *l) {
  size_t len;
  char *text = read_file(path, &len);
  cJSON *root = text ? cJSON_Parse(text) : NULL;
  free(text);
  if (!root) {
    fprintf(stderr, "literal-less: %s: cannot read or parse\n", path);
    exit(2);
  }
  const cJSON *rule;
  cJSON_ArrayForEach(rule, cJSON_GetObjectItemCaseSensitive(root, "rules")) {
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(rule, "id"));
    bool cs = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(rule, "case_sensitive"));
    static const char *const kinds[] = {"patterns", "exceptions"};
    for (int k = 0; k < 2; k++) {
      const cJSON *p;
      int nth = 0;
      cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(rule, kinds[k])) {
        const char *src = cJSON_GetStringValue(p);
        if (src && literal_strength(src) < weak_below)
          push(l, id ? id : "?", k == 0 ? "pattern" : "exception", nth, src, k == 1 || !cs);
        nth++;
      }
    }
  }
  cJSON_Delete(root);
}

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Nanoseconds for one full scan of SUBJ, the best of RUNS. */
static double time_scan(pcre2_code *code, const char *subj, size_t n, int runs) {
  pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
  double best = -1;
  for (int r = 0; r < runs; r++) {
    double t0 = now_ns();
    size_t off = 0;
    while (off <= n) {
      int rc = pcre2_match(code, (PCRE2_SPTR)subj, n, off, 0, md, NULL);
      if (rc < 0)
        break;
      PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
      off = ov[1] > ov[0] ? ov[1] : ov[0] + 1; /* a byte is enough: ASCII-safe stepping */
      while (off < n && ((unsigned char)subj[off] & 0xC0) == 0x80)
        off++;
    }
    double t = now_ns() - t0;
    if (best < 0 || t < best)
      best = t;
  }
  pcre2_match_data_free(md);
  return best;
}

static void time_entry(struct entry *e, const char *subj, size_t n, int runs) {
  uint32_t opts = PCRE2_UTF | PCRE2_UCP | (e->caseless ? PCRE2_CASELESS : 0);
  int err;
  PCRE2_SIZE off;
  pcre2_code *code = pcre2_compile((PCRE2_SPTR)e->src, PCRE2_ZERO_TERMINATED, opts, &err, &off, NULL);
  if (!code)
    return;
  e->ns_interp = time_scan(code, subj, n, runs);
  if (pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0)
    e->ns_jit = time_scan(code, subj, n, runs);
  pcre2_code_free(code);
}

static int by_cost(const void *a, const void *b) {
  double x = ((const struct entry *)a)->ns_interp, y = ((const struct entry *)b)->ns_interp;
  return (x < y) - (x > y);
}

int main(int argc, char **argv) {
  const char *timefile = NULL;
  int runs = 20, first = 1;
  for (; first < argc && strncmp(argv[first], "--", 2) == 0; first++) {
    if (strncmp(argv[first], "--time=", 7) == 0)
      timefile = argv[first] + 7;
    else if (strncmp(argv[first], "--weak=", 7) == 0)
      weak_below = strtoul(argv[first] + 7, NULL, 10);
    else if (strncmp(argv[first], "--runs=", 7) == 0) {
      long n = strtol(argv[first] + 7, NULL, 10);
      runs = n > 0 && n < 1000000 ? (int)n : 1;
    } else {
      fprintf(stderr, "usage: literal-less [--time=FILE] [--runs=N] [--weak=N] PACK.json...\n");
      return 2;
    }
  }
  struct list l = {0};
  for (int i = first; i < argc; i++)
    scan_pack(argv[i], &l);
  size_t n = 0;
  char *subj = timefile ? read_file(timefile, &n) : NULL;
  if (timefile && !subj) {
    fprintf(stderr, "literal-less: %s: cannot read\n", timefile);
    return 2;
  }
  double total_i = 0, total_j = 0;
  if (subj) {
    for (size_t i = 0; i < l.n; i++) {
      time_entry(&l.v[i], subj, n, runs);
      if (strstr(l.v[i].where, " pattern ")) {
        total_i += l.v[i].ns_interp > 0 ? l.v[i].ns_interp : 0;
        total_j += l.v[i].ns_jit > 0 ? l.v[i].ns_jit : 0;
      }
    }
    qsort(l.v, l.n, sizeof(*l.v), by_cost);
  }
  for (size_t i = 0; i < l.n; i++) {
    if (subj)
      printf("%8.1f %8.1f  ", l.v[i].ns_interp / 1e3, l.v[i].ns_jit / 1e3);
    printf("%s\t%.70s\n", l.v[i].where, l.v[i].src);
  }
  if (subj)
    printf("total µs per scan of %zu bytes over literal-less patterns: %.1f interpreted, %.1f JIT\n",
           n, total_i / 1e3, total_j / 1e3);
  for (size_t i = 0; i < l.n; i++) {
    free(l.v[i].where);
    free(l.v[i].src);
  }
  free(l.v);
  free(subj);
  return 0;
}
