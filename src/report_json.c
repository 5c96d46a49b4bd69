/* report_json.c - the machine contract (docs/CONTRACT.md), built with cJSON. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

static cJSON *string_or_null(const char *s) { return s ? cJSON_CreateString(s) : cJSON_CreateNull(); }

static cJSON *finding_json(const exl_finding *f) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "rule", f->rule);
  cJSON_AddStringToObject(o, "category", f->category);
  cJSON_AddStringToObject(o, "severity", exl_severity_name(f->severity));
  cJSON_AddNumberToObject(o, "line", (double)f->line);
  cJSON_AddNumberToObject(o, "column", (double)f->column);
  cJSON_AddNumberToObject(o, "end_line", (double)f->end_line);
  cJSON_AddNumberToObject(o, "end_column", (double)f->end_column);
  cJSON_AddNumberToObject(o, "offset", (double)f->offset);
  cJSON_AddNumberToObject(o, "length", (double)f->length);
  cJSON_AddStringToObject(o, "match", f->match);
  cJSON_AddStringToObject(o, "message", f->message);
  cJSON_AddItemToObject(o, "suggestion", string_or_null(f->suggestion));
  cJSON_AddItemToObject(o, "replacement", string_or_null(f->replacement));
  return o;
}

static cJSON *file_json(const exl_result *res) {
  cJSON *file = cJSON_CreateObject();
  cJSON_AddStringToObject(file, "file", res->name);
  cJSON *tone = cJSON_AddObjectToObject(file, "tone");
  cJSON_AddNumberToObject(tone, "score", res->tone.score);
  cJSON_AddStringToObject(tone, "label", res->tone.label);
  cJSON *comps = cJSON_AddArrayToObject(tone, "components");
  for (size_t i = 0; i < res->tone.ncomponents; i++) {
    cJSON *c = cJSON_CreateObject();
    cJSON_AddStringToObject(c, "name", res->tone.components[i].name);
    cJSON_AddNumberToObject(c, "delta", res->tone.components[i].delta);
    cJSON_AddItemToArray(comps, c);
  }
  cJSON *stats = cJSON_AddObjectToObject(file, "stats");
  cJSON_AddNumberToObject(stats, "words", (double)res->stats.words);
  cJSON_AddNumberToObject(stats, "sentences", (double)res->stats.sentences);
  cJSON_AddNumberToObject(stats, "paragraphs", (double)res->stats.paragraphs);
  cJSON *findings = cJSON_AddArrayToObject(file, "findings");
  for (size_t i = 0; i < res->nf; i++)
    cJSON_AddItemToArray(findings, finding_json(&res->f[i]));
  return file;
}

char *report_json(const exl_result *const *res, size_t n) {
  cJSON *root = cJSON_CreateObject();
  if (!root)
    return NULL;
  cJSON_AddNumberToObject(root, "version", 1);
  cJSON *files = cJSON_AddArrayToObject(root, "files");
  for (size_t i = 0; i < n; i++)
    cJSON_AddItemToArray(files, file_json(res[i]));
  char *text = cJSON_PrintUnformatted(root);
  cJSON_Delete(root);
  if (!text)
    return NULL;
  /* hand back plain malloc'd text with a final newline */
  size_t len = strlen(text);
  char *out = malloc(len + 2);
  if (out) {
    memcpy(out, text, len);
    out[len] = '\n';
    out[len + 1] = '\0';
  }
  cJSON_free(text);
  return out;
}
