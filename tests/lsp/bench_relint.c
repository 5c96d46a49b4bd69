/* bench_relint.c - benchmark (not a test): CPU time to re-lint a draft after
 * an edit in the language server.
 *
 * The server runs on a scripted input stream (fopencookie) that hands out one
 * framed message per read. When the server asks for more input it has
 * finished the previous message, so the thread CPU time between two reads is
 * the cost of one message: for a didChange that is parsing the JSON,
 * applying the edit, re-linting the draft (only the paragraphs the edit
 * changed are scanned again: the rest come from the paragraph cache in
 * lint.c), converting the positions and writing publishDiagnostics. The output is counted and dropped.
 * Edits alternate between inserting a word in the middle of the draft and
 * removing it again, so the draft keeps its size.
 *
 * Usage: lsp-bench-relint [--no-spell] [--only-patterns=DIR] [--edits=N] DRAFT
 * Prints the median and 90th percentile per didChange, and the median of a
 * bare exl_lint() call on the same draft for comparison. */
#define _GNU_SOURCE
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exlint.h"
#include "lsp.h"

struct script {
  char **frames;
  size_t n, next, sent; /* frame being delivered and bytes of it sent */
  double *starts;       /* CPU time when frame I was handed over */
  double *costs;        /* CPU time spent on frame I */
};

static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static ssize_t script_read(void *cookie, char *buf, size_t size) {
  struct script *s = cookie;
  if (s->next < s->n && s->sent == 0 && s->next > 0)
    s->costs[s->next - 1] = cpu_now() - s->starts[s->next - 1];
  if (s->next >= s->n)
    return 0;
  if (s->sent == 0)
    s->starts[s->next] = cpu_now();
  size_t left = strlen(s->frames[s->next]) - s->sent;
  size_t n = left < size ? left : size;
  memcpy(buf, s->frames[s->next] + s->sent, n);
  s->sent += n;
  if (s->sent == strlen(s->frames[s->next])) {
    s->next++;
    s->sent = 0;
  }
  return (ssize_t)n;
}

static ssize_t sink_write(void *cookie, const char *buf, size_t size) {
  (void)buf;
  *(size_t *)cookie += size;
  return (ssize_t)size;
}

/* Frame MSG (consumed) with its Content-Length header. */
static char *frame(cJSON *msg) {
  char *body = cJSON_PrintUnformatted(msg);
  cJSON_Delete(msg);
  size_t n = strlen(body) + 64;
  char *out = malloc(n);
  snprintf(out, n, "Content-Length: %zu\r\n\r\n%s", strlen(body), body);
  cJSON_free(body);
  return out;
}

static cJSON *message(const char *method, int id) {
  cJSON *m = cJSON_CreateObject();
  cJSON_AddStringToObject(m, "jsonrpc", "2.0");
  if (id > 0)
    cJSON_AddNumberToObject(m, "id", id);
  cJSON_AddStringToObject(m, "method", method);
  return m;
}

static cJSON *position(int line, int ch) {
  cJSON *p = cJSON_CreateObject();
  cJSON_AddNumberToObject(p, "line", line);
  cJSON_AddNumberToObject(p, "character", ch);
  return p;
}

/* Edit I: even ones insert "really " at line 8, character 10; odd ones
 * remove it again. */
static char *did_change(int i) {
  cJSON *m = message("textDocument/didChange", 0);
  cJSON *p = cJSON_AddObjectToObject(m, "params");
  cJSON *td = cJSON_AddObjectToObject(p, "textDocument");
  cJSON_AddStringToObject(td, "uri", "file:///bench.txt");
  cJSON_AddNumberToObject(td, "version", i + 2);
  cJSON *change = cJSON_CreateObject();
  cJSON *range = cJSON_AddObjectToObject(change, "range");
  cJSON_AddItemToObject(range, "start", position(8, 10));
  cJSON_AddItemToObject(range, "end", position(8, i % 2 ? 17 : 10));
  cJSON_AddStringToObject(change, "text", i % 2 ? "" : "really ");
  cJSON_AddItemToArray(cJSON_AddArrayToObject(p, "contentChanges"), change);
  return frame(m);
}

static char *did_open(const char *text) {
  cJSON *m = message("textDocument/didOpen", 0);
  cJSON *td = cJSON_AddObjectToObject(cJSON_AddObjectToObject(m, "params"), "textDocument");
  cJSON_AddStringToObject(td, "uri", "file:///bench.txt");
  cJSON_AddStringToObject(td, "languageId", "text");
  cJSON_AddNumberToObject(td, "version", 1);
  cJSON_AddStringToObject(td, "text", text);
  return frame(m);
}

/* TEXT with "really " inserted as edit 0 does (line 8, character 10; the
 * lines up to there are ASCII apart from one apostrophe, 1 unit / 3 bytes). */
static char *insert_word(const char *text) {
  const char *p = text;
  for (int line = 0; line < 8 && p; line++)
    p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
  size_t at = p ? (size_t)(p - text) + 12 : 0, n = strlen(text);
  char *out = malloc(n + 8);
  memcpy(out, text, at);
  memcpy(out + at, "really ", 7);
  memcpy(out + at + 7, text + at, n - at + 1);
  return out;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double percentile(double *v, size_t n, double q) {
  qsort(v, n, sizeof(*v), cmp_double);
  return v[(size_t)(q * (double)(n - 1) + 0.5)];
}

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *buf = calloc(1, 1 << 20);
  size_t n = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
  (void)n;
  fclose(f);
  return buf;
}

int main(int argc, char **argv) {
  int edits = 401;
  bool spell = true;
  const char *path = NULL, *only = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--no-spell") == 0)
      spell = false;
    else if (strncmp(argv[i], "--only-patterns=", 16) == 0)
      only = argv[i] + 16;
    else if (strncmp(argv[i], "--edits=", 8) == 0)
      edits = (int)strtol(argv[i] + 8, NULL, 10) | 1;
    else
      path = argv[i];
  }
  char *text = path ? read_file(path) : NULL;
  if (!text || edits < 3) {
    fputs("usage: lsp-bench-relint [--no-spell] [--only-patterns=DIR] [--edits=N] DRAFT\n",
          stderr);
    return 2;
  }
  exl_config *cfg = exl_config_new();
  exl_linter *lin = NULL;
  exl_error err;
  if (exl_config_set(cfg, "spell", spell ? "on" : "off", &err) != EXL_OK ||
      (only && exl_config_set(cfg, "only_patterns", only, &err) != EXL_OK) ||
      exl_linter_new(cfg, &lin, &err) != EXL_OK) {
    fprintf(stderr, "lsp-bench-relint: %s\n", err.msg);
    return 2;
  }
  exl_config_free(cfg);

  /* initialize, initialized, didOpen, the edits, shutdown, exit */
  size_t n = (size_t)edits + 5, k = 0;
  struct script s = {calloc(n, sizeof(char *)), n, 0, 0, calloc(n, sizeof(double)),
                     calloc(n, sizeof(double))};
  s.frames[k++] = frame(message("initialize", 1));
  s.frames[k++] = frame(message("initialized", 0));
  s.frames[k++] = did_open(text);
  for (int i = 0; i < edits; i++)
    s.frames[k++] = did_change(i);
  s.frames[k++] = frame(message("shutdown", 2));
  s.frames[k++] = frame(message("exit", 0));

  size_t written = 0;
  FILE *in = fopencookie(&s, "r", (cookie_io_functions_t){.read = script_read});
  FILE *out = fopencookie(&written, "w", (cookie_io_functions_t){.write = sink_write});
  int status = lsp_serve(lin, in, out);
  fclose(in);
  fclose(out);

  /* the first edit pays for compiling the bundled packs lazily: drop it */
  double *changes = s.costs + 4;
  size_t nchanges = (size_t)edits - 1;
  double med = percentile(changes, nchanges, 0.5), p90 = percentile(changes, nchanges, 0.9);
  double fastest = percentile(changes, nchanges, 0);

  /* the same two texts the edits alternate between */
  char *edited = insert_word(text);
  double *bare = calloc((size_t)edits, sizeof(double));
  for (int i = 0; i < edits; i++) {
    exl_result *res = NULL;
    const char *t = i % 2 ? text : edited;
    double t0 = cpu_now();
    exl_lint(lin, "bench", t, strlen(t), &res, NULL);
    bare[i] = cpu_now() - t0;
    exl_result_free(res);
  }
  printf("draft: %zu bytes, %s, spelling %s, %zu edits, server exit %d\n", strlen(text),
         only ? "only the packs in DIR" : "bundled packs", spell ? "on" : "off", nchanges, status);
  printf("didChange (parse, edit, re-lint, publish): median %.3f ms CPU, p90 %.3f, min %.3f\n",
         med * 1e3, p90 * 1e3, fastest * 1e3);
  double lint = percentile(bare, (size_t)edits, 0.5), lint_min = percentile(bare, (size_t)edits, 0);
  printf("exl_lint alone on the same drafts:         median %.3f ms CPU, min %.3f\n", lint * 1e3,
         lint_min * 1e3);
  /* minimums: the least disturbed by other work on the machine */
  printf("the server's own share (min - min):        %.3f ms\n", (fastest - lint_min) * 1e3);
  for (size_t i = 0; i < n; i++)
    free(s.frames[i]);
  free(s.frames);
  free(s.starts);
  free(s.costs);
  free(bare);
  free(edited);
  free(text);
  exl_linter_free(lin);
  return status == 0 ? 0 : 1;
}
