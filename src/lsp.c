/* lsp.c - exlint --lsp: a language server over any pair of streams.
 *
 * JSON-RPC 2.0 with Content-Length framing. Every open document keeps its
 * text and its last exl_result; each change re-lints the whole draft (drafts
 * are small and the linter is built once, so this takes well under a
 * millisecond) and publishes the findings plus one hint with the tone score.
 *
 * Nothing here logs draft text: the only text that leaves the server is
 * what the protocol itself carries back to the client (ranges, rewrites). */
#include "lsp.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint.h"
#include "lsp_text.h"

/* A frame may hold a whole draft, JSON-escaped, plus the envelope. Larger
 * ones are refused without allocating them. */
#define MAX_FRAME (EXL_MAX_DRAFT + ((size_t)1 << 20))
#define HEADER_LINE_MAX 1024

enum {
  RPC_PARSE_ERROR = -32700,
  RPC_INVALID_REQUEST = -32600,
  RPC_METHOD_NOT_FOUND = -32601,
  RPC_INVALID_PARAMS = -32602,
  RPC_SERVER_NOT_INITIALIZED = -32002
};

enum { DIAG_ERROR = 1, DIAG_WARNING = 2, DIAG_INFO = 3, DIAG_HINT = 4 };
enum { MSG_ERROR = 1, MSG_WARNING = 2, MSG_INFO = 3 };

struct doc {
  char *uri;
  char *text; /* NULL while the document is too big to keep */
  size_t len;
  double version;
  bool has_version;
  exl_result *res; /* the last lint of TEXT, or NULL */
  struct doc *next;
};

struct server {
  exl_linter *lin;
  FILE *in, *out;
  struct doc *docs; /* owned; a short list, one entry per open document */
  bool initialized, shutdown, exited, out_failed;
};

struct rpc_error {
  int code;
  const char *message; /* static text */
};

/* ==== framing ========================================================== */

enum frame { FRAME_OK, FRAME_SKIP, FRAME_TOO_BIG, FRAME_EOF };

/* Read one header line into BUF without its line ending; a longer line is
 * cut (and so will not parse). Returns false at end of input. */
static bool read_header_line(FILE *in, char *buf, size_t size) {
  size_t n = 0;
  int ch;
  while ((ch = getc(in)) != EOF && ch != '\n')
    if (n + 1 < size)
      buf[n++] = (char)ch;
  if (ch == EOF)
    return false;
  if (n > 0 && buf[n - 1] == '\r')
    n--;
  buf[n] = '\0';
  return true;
}

/* Parse the value of Content-Length: digits, optionally padded by spaces.
 * A value too large for size_t saturates at SIZE_MAX. */
static bool parse_length(const char *v, size_t *len) {
  size_t n = 0;
  bool digits = false;
  v += strspn(v, " \t");
  for (; *v >= '0' && *v <= '9'; v++, digits = true)
    n = n > (SIZE_MAX - 9) / 10 ? SIZE_MAX : n * 10 + (size_t)(*v - '0');
  v += strspn(v, " \t");
  if (!digits || *v)
    return false;
  *len = n;
  return true;
}

/* Read a header block up to its empty line. FRAME_SKIP when it has no
 * usable Content-Length (the block is dropped, as the protocol allows). */
static enum frame read_headers(FILE *in, size_t *len) {
  char line[HEADER_LINE_MAX];
  bool have = false, bad = false;
  for (;;) {
    if (!read_header_line(in, line, sizeof(line)))
      return FRAME_EOF;
    if (line[0] == '\0')
      break;
    char *colon = strchr(line, ':');
    if (!colon)
      continue;
    *colon = '\0';
    if (strcasecmp(line, "Content-Length") != 0)
      continue;
    have = parse_length(colon + 1, len);
    bad = !have;
  }
  if (!have || bad)
    return FRAME_SKIP;
  return *len > MAX_FRAME ? FRAME_TOO_BIG : FRAME_OK;
}

/* Read a LEN-byte body into a new NUL-terminated buffer. The buffer grows
 * with what actually arrives, so a false length costs no more memory than
 * the bytes sent. NULL at end of input (or OOM): the stream is then over. */
static char *read_body(FILE *in, size_t len) {
  size_t cap = len < 65536 ? len : 65536, have = 0;
  char *buf = malloc(cap + 1);
  while (buf && have < len) {
    if (have == cap) {
      size_t grown = cap * 2 < len ? cap * 2 : len;
      char *p = realloc(buf, grown + 1);
      if (!p)
        break;
      buf = p;
      cap = grown;
    }
    size_t got = fread(buf + have, 1, cap - have, in);
    if (got == 0)
      break;
    have += got;
  }
  if (buf && have < len) {
    free(buf);
    return NULL;
  }
  if (buf)
    buf[len] = '\0';
  return buf;
}

/* Throw away LEN bytes. False at end of input. */
static bool skip_body(FILE *in, size_t len) {
  char sink[65536];
  while (len > 0) {
    size_t got = fread(sink, 1, len < sizeof(sink) ? len : sizeof(sink), in);
    if (got == 0)
      return false;
    len -= got;
  }
  return true;
}

/* ==== sending ========================================================== */

/* Frame and write MSG, then free it. A write failure ends the session. */
static void send_json(struct server *s, cJSON *msg) {
  char *body = msg ? cJSON_PrintUnformatted(msg) : NULL;
  cJSON_Delete(msg);
  if (!body || s->out_failed) {
    cJSON_free(body);
    return;
  }
  size_t n = strlen(body);
  if (fprintf(s->out, "Content-Length: %zu\r\n\r\n", n) < 0 || fwrite(body, 1, n, s->out) != n ||
      fflush(s->out) != 0)
    s->out_failed = true;
  cJSON_free(body);
}

/* Add ITEM to OBJ (or to the array LIST), which then owns it. If that fails
 * (OOM left OBJ or ITEM NULL), ITEM is freed here, so it never leaks. */
static void attach(cJSON *obj, const char *key, cJSON *item) {
  if (!cJSON_AddItemToObject(obj, key, item))
    cJSON_Delete(item);
}

static void append(cJSON *list, cJSON *item) {
  if (!cJSON_AddItemToArray(list, item))
    cJSON_Delete(item);
}

static cJSON *envelope(void) {
  cJSON *msg = cJSON_CreateObject();
  cJSON_AddStringToObject(msg, "jsonrpc", "2.0");
  return msg;
}

/* ID may be NULL (sent as null). RESULT is consumed. */
static void send_result(struct server *s, const cJSON *id, cJSON *result) {
  cJSON *msg = envelope();
  attach(msg, "id", id ? cJSON_Duplicate(id, true) : cJSON_CreateNull());
  attach(msg, "result", result ? result : cJSON_CreateNull());
  send_json(s, msg);
}

static void send_error(struct server *s, const cJSON *id, int code, const char *message) {
  cJSON *msg = envelope();
  attach(msg, "id", id ? cJSON_Duplicate(id, true) : cJSON_CreateNull());
  cJSON *err = cJSON_AddObjectToObject(msg, "error");
  cJSON_AddNumberToObject(err, "code", code);
  cJSON_AddStringToObject(err, "message", message);
  send_json(s, msg);
}

/* PARAMS is consumed. */
static void send_notification(struct server *s, const char *method, cJSON *params) {
  cJSON *msg = envelope();
  cJSON_AddStringToObject(msg, "method", method);
  attach(msg, "params", params);
  send_json(s, msg);
}

/* METHOD is window/showMessage or window/logMessage; TEXT never holds draft text. */
static void send_message(struct server *s, const char *method, int type, const char *text) {
  cJSON *params = cJSON_CreateObject();
  cJSON_AddNumberToObject(params, "type", type);
  cJSON_AddStringToObject(params, "message", text);
  send_notification(s, method, params);
}

/* ==== JSON helpers ===================================================== */

static const cJSON *get(const cJSON *obj, const char *key) {
  return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

static const char *get_string(const cJSON *obj, const char *key) {
  return cJSON_GetStringValue(get(obj, key));
}

/* A position object; false when it is not one. Negative or fractional
 * numbers are clamped to 0 and truncated. */
static bool get_pos(const cJSON *obj, struct lsp_pos *pos) {
  const cJSON *line = get(obj, "line"), *ch = get(obj, "character");
  if (!cJSON_IsNumber(line) || !cJSON_IsNumber(ch))
    return false;
  double l = line->valuedouble, c = ch->valuedouble;
  pos->line = l > 0 ? (l < (double)SIZE_MAX / 2 ? (size_t)l : SIZE_MAX / 2) : 0;
  pos->character = c > 0 ? (c < (double)SIZE_MAX / 2 ? (size_t)c : SIZE_MAX / 2) : 0;
  return true;
}

/* Numbers the server sends with every diagnostic on every edit (ranges,
 * severities) go as raw JSON text: cJSON formats each number through
 * "%1.15g" and checks it with sscanf, a good part of a publish. Positions
 * lie within a draft (under EXL_MAX_DRAFT) and severities are 1-4, where
 * "%1.15g" prints the plain digits "%zu" does, so the bytes sent are the
 * same. */
static void add_small_number(cJSON *obj, const char *key, size_t v) {
  char text[24];
  snprintf(text, sizeof(text), "%zu", v);
  attach(obj, key, cJSON_CreateRaw(text));
}

static cJSON *range_json(struct lsp_pos start, struct lsp_pos end) {
  char text[160];
  snprintf(text, sizeof(text),
           "{\"start\":{\"line\":%zu,\"character\":%zu},\"end\":{\"line\":%zu,\"character\":%zu}}",
           start.line, start.character, end.line, end.character);
  return cJSON_CreateRaw(text);
}

/* The range of bytes [OFF, OFF+LEN), with one cursor for starts and one for
 * ends, so that a whole sorted list of findings is converted in one pass. */
static cJSON *span_range(struct lsp_cursor *starts, struct lsp_cursor *ends, size_t off,
                         size_t len) {
  struct lsp_pos a = lsp_cursor_to(starts, off);
  return range_json(a, lsp_cursor_to(ends, off + len));
}

/* ==== documents ======================================================== */

static struct doc *find_doc(struct server *s, const char *uri) {
  for (struct doc *d = s->docs; uri && d; d = d->next)
    if (strcmp(d->uri, uri) == 0)
      return d;
  return NULL;
}

static void doc_free(struct doc *d) {
  if (!d)
    return;
  exl_result_free(d->res);
  free(d->text);
  free(d->uri);
  free(d);
}

static void remove_doc(struct server *s, const char *uri) {
  for (struct doc **p = &s->docs; *p; p = &(*p)->next)
    if (strcmp((*p)->uri, uri) == 0) {
      struct doc *d = *p;
      *p = d->next;
      doc_free(d);
      return;
    }
}

/* Replace D's text with a copy of LEN bytes of TEXT. A text over the limit
 * is dropped (the document then shows no findings until it shrinks). */
static exl_status doc_set_text(struct doc *d, const char *text, size_t len) {
  free(d->text);
  d->text = NULL;
  d->len = 0;
  if (len > EXL_MAX_DRAFT)
    return EXL_ETOOBIG;
  d->text = malloc(len + 1);
  if (!d->text)
    return EXL_ENOMEM;
  memcpy(d->text, text, len);
  d->text[len] = '\0';
  d->len = len;
  return EXL_OK;
}

static void doc_set_version(struct doc *d, const cJSON *td) {
  const cJSON *v = get(td, "version");
  d->has_version = cJSON_IsNumber(v);
  d->version = d->has_version ? v->valuedouble : 0;
}

/* ==== diagnostics ====================================================== */

static int diag_severity(exl_severity sev) {
  return sev == EXL_ERROR ? DIAG_ERROR : sev == EXL_WARNING ? DIAG_WARNING : DIAG_INFO;
}

static cJSON *finding_diagnostic(const exl_finding *f, cJSON *range) {
  cJSON *o = cJSON_CreateObject();
  attach(o, "range", range);
  add_small_number(o, "severity", (size_t)diag_severity(f->severity));
  cJSON_AddStringToObject(o, "code", f->rule);
  cJSON_AddStringToObject(o, "source", "exlint");
  size_t n = strlen(f->message) + (f->suggestion ? strlen(f->suggestion) + 8 : 0) + 1;
  char *msg = malloc(n);
  if (msg) {
    snprintf(msg, n, "%s%s%s", f->message, f->suggestion ? " \u2014 " : "",
             f->suggestion ? f->suggestion : "");
    cJSON_AddStringToObject(o, "message", msg);
    free(msg);
  }
  return o;
}

/* Findings at or above the fail level; the tone verdict hangs on them. */
static size_t blocking_count(const struct server *s, const exl_result *res) {
  size_t n = 0;
  for (size_t i = 0; i < exl_result_count(res); i++)
    if (exl_result_finding(res, i)->severity >= exl_linter_fail_level(s->lin))
      n++;
  return n;
}

/* "tone 72/100 warm — ok to send", or what holds the draft back. */
static void tone_line(const struct server *s, const exl_result *res, char *buf, size_t size) {
  const exl_tone *t = exl_result_tone(res);
  size_t n = blocking_count(s, res);
  if (n == 0)
    snprintf(buf, size, "tone %d/100 %s \u2014 ok to send", t->score, t->label);
  else
    snprintf(buf, size, "tone %d/100 %s \u2014 wait: %zu finding%s at %s or above", t->score,
             t->label, n, n == 1 ? "" : "s", exl_severity_name(exl_linter_fail_level(s->lin)));
}

/* The tone hint spans the first line, so hovering anywhere on it finds it. */
static cJSON *tone_diagnostic(const struct server *s, const struct doc *d) {
  char msg[160];
  size_t eol = strcspn(d->text, "\r\n");
  struct lsp_cursor c;
  lsp_cursor_init(&c, d->text, d->len);
  tone_line(s, d->res, msg, sizeof(msg));
  cJSON *o = cJSON_CreateObject();
  attach(o, "range", range_json((struct lsp_pos){0, 0}, lsp_cursor_to(&c, eol)));
  add_small_number(o, "severity", DIAG_HINT);
  cJSON_AddStringToObject(o, "code", "tone");
  cJSON_AddStringToObject(o, "source", "exlint");
  cJSON_AddStringToObject(o, "message", msg);
  return o;
}

static cJSON *diagnostics_json(const struct server *s, const struct doc *d) {
  cJSON *list = cJSON_CreateArray();
  if (!d || !d->res)
    return list;
  struct lsp_cursor starts, ends;
  lsp_cursor_init(&starts, d->text, d->len);
  lsp_cursor_init(&ends, d->text, d->len);
  for (size_t i = 0; i < exl_result_count(d->res); i++) {
    const exl_finding *f = exl_result_finding(d->res, i);
    cJSON *range = span_range(&starts, &ends, f->offset, f->length);
    append(list, finding_diagnostic(f, range));
  }
  if (d->len > 0)
    append(list, tone_diagnostic(s, d));
  return list;
}

/* D may be NULL for a closed document: its diagnostics are then cleared. */
static void publish(struct server *s, const char *uri, const struct doc *d) {
  cJSON *params = cJSON_CreateObject();
  cJSON_AddStringToObject(params, "uri", uri);
  if (d && d->has_version)
    cJSON_AddNumberToObject(params, "version", d->version);
  attach(params, "diagnostics", diagnostics_json(s, d));
  send_notification(s, "textDocument/publishDiagnostics", params);
}

/* Re-lint D after a change and publish. A draft that cannot be linted (not
 * UTF-8, too big) shows no findings and one log line saying why. */
static void relint(struct server *s, struct doc *d) {
  exl_result_free(d->res);
  d->res = NULL;
  exl_error err;
  exl_status st = EXL_ETOOBIG;
  if (d->text)
    st = exl_lint(s->lin, d->uri, d->text, d->len, &d->res, &err);
  if (st != EXL_OK) {
    char line[600];
    snprintf(line, sizeof(line), "exlint: cannot lint this document: %s",
             d->text ? err.msg : exl_status_str(st));
    send_message(s, "window/logMessage", MSG_WARNING, line);
  }
  publish(s, d->uri, d);
}

/* ==== settings ========================================================= */

/* Apply {"stage": ..., "failLevel": ...}, with or without an "exlint"
 * wrapper. Bad values are reported to the user and leave the old value. */
static void apply_settings(struct server *s, const cJSON *settings) {
  const cJSON *inner = get(settings, "exlint");
  if (cJSON_IsObject(inner))
    settings = inner;
  const char *stage = get_string(settings, "stage");
  const char *level = get_string(settings, "failLevel");
  if (!level)
    level = get_string(settings, "fail_level");
  exl_stage st;
  exl_severity sev;
  if (stage && exl_stage_parse(stage, &st) == 0)
    exl_linter_set_stage(s->lin, st);
  else if (stage) /* the value is not echoed: it could be anything, of any length */
    send_message(s, "window/showMessage", MSG_WARNING,
                 "exlint: unknown stage in the settings (first-contact, reconnecting, "
                 "relationship-talk); it stays as it was");
  if (level && exl_severity_parse(level, &sev) == 0)
    exl_linter_set_fail_level(s->lin, sev);
  else if (level)
    send_message(s, "window/showMessage", MSG_WARNING,
                 "exlint: unknown fail level in the settings (info, warning, error); it stays "
                 "as it was");
}

/* ==== notifications ==================================================== */

static void on_did_open(struct server *s, const cJSON *params) {
  const cJSON *td = get(params, "textDocument");
  const char *uri = get_string(td, "uri"), *text = get_string(td, "text");
  if (!uri || !text)
    return;
  remove_doc(s, uri); /* a second open replaces the first */
  struct doc *d = calloc(1, sizeof(*d));
  if (!d || !(d->uri = strdup(uri))) {
    free(d);
    return;
  }
  doc_set_version(d, td);
  doc_set_text(d, text, strlen(text));
  d->next = s->docs;
  s->docs = d;
  relint(s, d);
}

/* Apply one TextDocumentContentChangeEvent: with a range it is an edit,
 * without one the whole new text. */
static void apply_change(struct doc *d, const cJSON *change) {
  const char *text = get_string(change, "text");
  const cJSON *range = get(change, "range");
  struct lsp_pos a, b;
  if (!text)
    return;
  if (!range) {
    doc_set_text(d, text, strlen(text));
    return;
  }
  if (!d->text || !get_pos(get(range, "start"), &a) || !get_pos(get(range, "end"), &b))
    return; /* an edit to a document we could not keep, or a broken range */
  size_t start = lsp_text_offset(d->text, d->len, a);
  size_t end = lsp_text_offset(d->text, d->len, b);
  if (lsp_text_splice(&d->text, &d->len, start, end, text, strlen(text)) != EXL_OK) {
    /* too big, or OOM: drop the text rather than keep one that is out of step */
    free(d->text);
    d->text = NULL;
    d->len = 0;
  }
}

static void on_did_change(struct server *s, const cJSON *params) {
  const cJSON *td = get(params, "textDocument");
  struct doc *d = find_doc(s, get_string(td, "uri"));
  const cJSON *changes = get(params, "contentChanges"), *c;
  if (!d || !cJSON_IsArray(changes))
    return;
  cJSON_ArrayForEach(c, changes) {
    apply_change(d, c); /* in order: each range is relative to the text before it */
  }
  doc_set_version(d, td);
  relint(s, d);
}

static void on_did_close(struct server *s, const cJSON *params) {
  const char *uri = get_string(get(params, "textDocument"), "uri");
  if (!uri || !find_doc(s, uri))
    return;
  remove_doc(s, uri);
  publish(s, uri, NULL);
}

static void on_did_change_configuration(struct server *s, const cJSON *params) {
  apply_settings(s, get(params, "settings"));
  for (struct doc *d = s->docs; d; d = d->next)
    relint(s, d);
}

/* ==== requests ========================================================= */

static cJSON *on_initialize(struct server *s, const cJSON *params, struct rpc_error *e) {
  (void)e;
  apply_settings(s, get(params, "initializationOptions"));
  cJSON *res = cJSON_CreateObject();
  cJSON *caps = cJSON_AddObjectToObject(res, "capabilities");
  cJSON *sync = cJSON_AddObjectToObject(caps, "textDocumentSync");
  cJSON_AddBoolToObject(sync, "openClose", true);
  cJSON_AddNumberToObject(sync, "change", 2); /* incremental */
  cJSON_AddStringToObject(caps, "positionEncoding", "utf-16");
  cJSON_AddBoolToObject(caps, "codeActionProvider", true);
  cJSON_AddBoolToObject(caps, "hoverProvider", true);
  cJSON *exec = cJSON_AddObjectToObject(caps, "executeCommandProvider");
  cJSON *cmds = cJSON_AddArrayToObject(exec, "commands");
  append(cmds, cJSON_CreateString("exlint.explain"));
  cJSON *info = cJSON_AddObjectToObject(res, "serverInfo");
  cJSON_AddStringToObject(info, "name", "exlint");
  cJSON_AddStringToObject(info, "version", EXL_VERSION);
  return res;
}

static cJSON *on_shutdown(struct server *s, const cJSON *params, struct rpc_error *e) {
  (void)params;
  (void)e;
  s->shutdown = true;
  return cJSON_CreateNull();
}

/* The document and the byte range a request names; false if unknown. */
static bool request_span(struct server *s, const cJSON *params, struct doc **d, size_t *a,
                         size_t *b) {
  *d = find_doc(s, get_string(get(params, "textDocument"), "uri"));
  if (!*d || !(*d)->res)
    return false;
  const cJSON *range = get(params, "range");
  struct lsp_pos pa, pb;
  bool ok = range ? get_pos(get(range, "start"), &pa) && get_pos(get(range, "end"), &pb)
                  : get_pos(get(params, "position"), &pa);
  if (!range)
    pb = pa;
  if (!ok)
    return false;
  *a = lsp_text_offset((*d)->text, (*d)->len, pa);
  *b = lsp_text_offset((*d)->text, (*d)->len, pb);
  if (*b < *a) {
    size_t t = *a;
    *a = *b;
    *b = t;
  }
  return true;
}

static cJSON *finding_range(const struct doc *d, const exl_finding *f) {
  struct lsp_cursor starts, ends;
  lsp_cursor_init(&starts, d->text, d->len);
  lsp_cursor_init(&ends, d->text, d->len);
  return span_range(&starts, &ends, f->offset, f->length);
}

static cJSON *quickfix(const struct doc *d, const exl_finding *f) {
  char title[120];
  size_t n = strlen(f->replacement);
  if (n == 0)
    snprintf(title, sizeof(title), "Remove the flagged words (%s)", f->rule);
  else if (n <= 60)
    snprintf(title, sizeof(title), "Replace with \"%s\"", f->replacement);
  else
    snprintf(title, sizeof(title), "Apply the suggested rewrite (%s)", f->rule);
  cJSON *act = cJSON_CreateObject();
  cJSON_AddStringToObject(act, "title", title);
  cJSON_AddStringToObject(act, "kind", "quickfix");
  cJSON_AddBoolToObject(act, "isPreferred", true);
  cJSON *diags = cJSON_AddArrayToObject(act, "diagnostics");
  append(diags, finding_diagnostic(f, finding_range(d, f)));
  cJSON *edit = cJSON_CreateObject();
  attach(edit, "range", finding_range(d, f));
  cJSON_AddStringToObject(edit, "newText", f->replacement);
  cJSON *changes = cJSON_AddObjectToObject(cJSON_AddObjectToObject(act, "edit"), "changes");
  append(cJSON_AddArrayToObject(changes, d->uri), edit);
  return act;
}

static cJSON *explain_action(const char *rule) {
  char title[200];
  snprintf(title, sizeof(title), "Explain exlint rule %s", rule);
  cJSON *act = cJSON_CreateObject();
  cJSON_AddStringToObject(act, "title", title);
  cJSON *cmd = cJSON_AddObjectToObject(act, "command");
  cJSON_AddStringToObject(cmd, "title", title);
  cJSON_AddStringToObject(cmd, "command", "exlint.explain");
  append(cJSON_AddArrayToObject(cmd, "arguments"), cJSON_CreateString(rule));
  return act;
}

static bool already_explained(const exl_result *res, size_t upto, const char *rule, size_t a,
                              size_t b) {
  for (size_t i = 0; i < upto; i++) {
    const exl_finding *f = exl_result_finding(res, i);
    if (f->offset <= b && a <= f->offset + f->length && strcmp(f->rule, rule) == 0)
      return true;
  }
  return false;
}

/* Every finding touching the range: its rewrite (if it has one) as a
 * quickfix, then one "explain" action per rule. */
static cJSON *on_code_action(struct server *s, const cJSON *params, struct rpc_error *e) {
  (void)e;
  struct doc *d;
  size_t a, b;
  cJSON *list = cJSON_CreateArray();
  if (!request_span(s, params, &d, &a, &b))
    return list;
  cJSON *explains = cJSON_CreateArray();
  for (size_t i = 0; i < exl_result_count(d->res); i++) {
    const exl_finding *f = exl_result_finding(d->res, i);
    if (f->offset > b || a > f->offset + f->length)
      continue;
    if (f->replacement)
      append(list, quickfix(d, f));
    if (!already_explained(d->res, i, f->rule, a, b))
      append(explains, explain_action(f->rule));
  }
  cJSON *act;
  while ((act = cJSON_DetachItemFromArray(explains, 0)))
    append(list, act);
  cJSON_Delete(explains);
  return list;
}

/* Markdown: the rule, why it exists, what to write instead. */
static char *rule_markdown(const struct server *s, const exl_finding *f) {
  const exl_rule_info *r = exl_linter_find_rule(s->lin, f->rule);
  const char *why = r ? r->explain : "";
  const char *instead = f->suggestion ? f->suggestion : "";
  size_t n = strlen(f->rule) + strlen(f->message) + strlen(why) + strlen(instead) + 64;
  char *md = malloc(n);
  if (md)
    snprintf(md, n, "**%s** (%s)\n\n%s\n\n%s%s%s", f->rule, exl_severity_name(f->severity),
             f->message, why, *instead ? "\n\nInstead: " : "", instead);
  return md;
}

/* Markdown: the tone score, its verdict and its components. */
static char *tone_markdown(const struct server *s, const exl_result *res) {
  const exl_tone *t = exl_result_tone(res);
  size_t n = 256 + t->ncomponents * 48, used;
  char *md = malloc(n);
  if (!md)
    return NULL;
  tone_line(s, res, md, n);
  used = strlen(md);
  for (size_t i = 0; i < t->ncomponents && used < n; i++) {
    int w = snprintf(md + used, n - used, "%s%s %+d", i == 0 ? "\n\n" : ", ",
                     t->components[i].name, t->components[i].delta);
    used += w > 0 ? (size_t)w : 0;
  }
  return md;
}

/* Hover: over a finding, its rule; elsewhere on the first line, the tone. */
static cJSON *on_hover(struct server *s, const cJSON *params, struct rpc_error *e) {
  (void)e;
  struct doc *d;
  size_t a, b;
  struct lsp_pos p;
  if (!request_span(s, params, &d, &a, &b) || !get_pos(get(params, "position"), &p))
    return cJSON_CreateNull();
  char *md = NULL;
  cJSON *range = NULL; /* set together with MD */
  for (size_t i = 0; !md && i < exl_result_count(d->res); i++) {
    const exl_finding *f = exl_result_finding(d->res, i);
    if (f->offset <= a && a <= f->offset + f->length) {
      md = rule_markdown(s, f);
      range = finding_range(d, f);
    }
  }
  if (!md && p.line == 0)
    md = tone_markdown(s, d->res);
  if (!md)
    return cJSON_CreateNull();
  cJSON *hover = cJSON_CreateObject();
  cJSON *contents = cJSON_AddObjectToObject(hover, "contents");
  cJSON_AddStringToObject(contents, "kind", "markdown");
  cJSON_AddStringToObject(contents, "value", md);
  if (range)
    attach(hover, "range", range);
  free(md);
  return hover;
}

/* exlint.explain RULE: the explanation goes to the user as a message. */
static cJSON *on_execute_command(struct server *s, const cJSON *params, struct rpc_error *e) {
  const char *cmd = get_string(params, "command");
  const cJSON *args = get(params, "arguments");
  if (!cmd || strcmp(cmd, "exlint.explain") != 0) {
    *e = (struct rpc_error){RPC_INVALID_PARAMS, "unknown command"};
    return NULL;
  }
  const char *id = cJSON_GetStringValue(cJSON_GetArrayItem(args, 0));
  const exl_rule_info *r = id ? exl_linter_find_rule(s->lin, id) : NULL;
  if (!r) {
    *e = (struct rpc_error){RPC_INVALID_PARAMS, "exlint.explain takes a known rule id"};
    return NULL;
  }
  size_t n = strlen(r->id) + strlen(r->message) + strlen(r->explain) +
             (r->suggestion ? strlen(r->suggestion) : 0) + 64;
  char *text = malloc(n);
  if (text) {
    snprintf(text, n, "%s: %s. %s%s%s", r->id, r->message, r->explain,
             r->suggestion ? " Instead: " : "", r->suggestion ? r->suggestion : "");
    send_message(s, "window/showMessage", MSG_INFO, text);
    free(text);
  }
  return cJSON_CreateNull();
}

/* ==== dispatch ========================================================= */

typedef cJSON *(*request_fn)(struct server *s, const cJSON *params, struct rpc_error *e);
typedef void (*notify_fn)(struct server *s, const cJSON *params);

static const struct {
  const char *method;
  request_fn request;
  notify_fn notify;
} methods[] = {
    {"initialize", on_initialize, NULL},
    {"shutdown", on_shutdown, NULL},
    {"textDocument/codeAction", on_code_action, NULL},
    {"textDocument/hover", on_hover, NULL},
    {"workspace/executeCommand", on_execute_command, NULL},
    {"textDocument/didOpen", NULL, on_did_open},
    {"textDocument/didChange", NULL, on_did_change},
    {"textDocument/didClose", NULL, on_did_close},
    {"workspace/didChangeConfiguration", NULL, on_did_change_configuration},
};

static int find_method(const char *name) {
  for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
    if (strcmp(methods[i].method, name) == 0)
      return (int)i;
  return -1;
}

static void handle_request(struct server *s, const char *method, const cJSON *id,
                           const cJSON *params) {
  int m = find_method(method);
  bool init = strcmp(method, "initialize") == 0;
  struct rpc_error e = {RPC_METHOD_NOT_FOUND, "method not found"};
  cJSON *result = NULL;
  if (init && s->initialized)
    e = (struct rpc_error){RPC_INVALID_REQUEST, "already initialized"};
  else if (!init && !s->initialized)
    e = (struct rpc_error){RPC_SERVER_NOT_INITIALIZED, "server not initialized"};
  else if (s->shutdown)
    e = (struct rpc_error){RPC_INVALID_REQUEST, "server is shutting down"};
  else if (m >= 0 && methods[m].request)
    result = methods[m].request(s, params, &e);
  if (result && init)
    s->initialized = true;
  if (result)
    send_result(s, id, result);
  else
    send_error(s, id, e.code, e.message);
}

/* Unknown notifications, and any before initialize or after shutdown, are
 * dropped; only "exit" always counts. */
static void handle_notification(struct server *s, const char *method, const cJSON *params) {
  if (strcmp(method, "exit") == 0) {
    s->exited = true;
    return;
  }
  int m = find_method(method);
  if (!s->initialized || s->shutdown || m < 0 || !methods[m].notify)
    return;
  methods[m].notify(s, params);
}

static bool valid_id(const cJSON *id) {
  return cJSON_IsNumber(id) || cJSON_IsString(id) || cJSON_IsNull(id);
}

static void handle_body(struct server *s, const char *body, size_t len) {
  /* The length counts the NUL after the body: cJSON checks for it to refuse
   * trailing garbage. */
  cJSON *msg = cJSON_ParseWithLengthOpts(body, len + 1, NULL, true);
  if (!msg) {
    send_error(s, NULL, RPC_PARSE_ERROR, "parse error");
    return;
  }
  const cJSON *method = get(msg, "method"), *id = get(msg, "id");
  if (cJSON_IsString(method) && (!id || valid_id(id))) {
    if (id)
      handle_request(s, method->valuestring, id, get(msg, "params"));
    else
      handle_notification(s, method->valuestring, get(msg, "params"));
  } else if (!(id && !method && (get(msg, "result") || get(msg, "error")))) {
    /* not a request, not a notification, not a reply to us */
    send_error(s, valid_id(id) ? id : NULL, RPC_INVALID_REQUEST, "invalid request");
  }
  cJSON_Delete(msg);
}

/* ==== the loop ========================================================= */

/* One frame. False when the session is over (end of input, exit, or the
 * client went away). */
static bool serve_one(struct server *s) {
  size_t len = 0;
  switch (read_headers(s->in, &len)) {
  case FRAME_EOF:
    return false;
  case FRAME_SKIP:
    return true;
  case FRAME_TOO_BIG:
    send_error(s, NULL, RPC_INVALID_REQUEST, "message too large");
    return skip_body(s->in, len) && !s->out_failed;
  case FRAME_OK:
    break;
  }
  char *body = read_body(s->in, len);
  if (!body)
    return false;
  handle_body(s, body, len);
  free(body);
  return !s->exited && !s->out_failed;
}

int lsp_serve(exl_linter *lin, FILE *in, FILE *out) {
  struct server s = {.lin = lin, .in = in, .out = out};
  lint_long_lived(lin); /* the server lives long enough for JIT and memos to pay */
  while (serve_one(&s))
    ;
  while (s.docs) {
    struct doc *d = s.docs;
    s.docs = d->next;
    doc_free(d);
  }
  return s.shutdown ? 0 : 1;
}
