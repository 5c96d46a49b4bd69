/* pack.c - read JSON pattern packs and compile their rules. */
#define _GNU_SOURCE
#include "pack.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "packcache.h"
#include "util.h"

#ifndef EXLINT_DATADIR
#define EXLINT_DATADIR "/usr/local/share/exlint"
#endif

static const char *const categories[] = {
    "begging",  "guilt-trip",   "non-apology", "over-apology", "wall-of-text", "relationship-talk",
    "pressure", "blame",        "jealousy",    "desperation",  "stalking",     "hostility",
    "intensity", "flirting",    "vague-opener", "safety",      "spelling",     "timing",
    NULL};

bool pack_known_category(const char *name) {
  for (int i = 0; categories[i]; i++)
    if (strcmp(name, categories[i]) == 0)
      return true;
  return false;
}

static const struct {
  const char *name;
  enum detector det;
} detectors[] = {
    {"words", DET_WORDS},           {"sentences", DET_SENTENCES},
    {"paragraphs", DET_PARAGRAPHS}, {"sentence-words", DET_SENTENCE_WORDS},
    {"questions", DET_QUESTIONS},   {"apology-anatomy", DET_APOLOGY},
    {"spelling", DET_SPELLING},     {"typo-density", DET_TYPO_DENSITY},
    {"late-night", DET_LATE_NIGHT}, {"no-contact", DET_NO_CONTACT},
    {"double-text", DET_DOUBLE_TEXT}, {"learned", DET_LEARNED},
};

/* ---- where the bundled packs live ------------------------------------ */

static bool is_dir(const char *path) {
  DIR *d = opendir(path);
  if (d)
    closedir(d);
  return d != NULL;
}

const char *pack_bundled_dir(void) {
  static char found[PATH_MAX];
  const char *env = getenv("EXLINT_PATTERNS_DIR");
  if (env && *env)
    return env;
  /* build/exlint in the source tree; PREFIX/bin/exlint when installed */
  static const char *const rel[] = {"/../patterns", "/../share/exlint/patterns",
                                    "/../../patterns"};
  if (find_beside_exe(found, sizeof(found), rel, sizeof(rel) / sizeof(rel[0]), "", is_dir))
    return found;
  return EXLINT_DATADIR "/patterns";
}

/* ---- small JSON helpers ---------------------------------------------- */

struct ctx {
  const char *path;
  const char *id; /* the rule being read, for messages */
  int index;
  exl_error *err;
  bool lazy; /* a bundled pack: compile patterns on first use */
};

static exl_status bad(const struct ctx *c, const char *fmt, const char *what) {
  if (c->id)
    return error_set(c->err, EXL_EPACK, "%s: rule '%s': %s%s", c->path, c->id, fmt, what);
  return error_set(c->err, EXL_EPACK, "%s: rule %d: %s%s", c->path, c->index, fmt, what);
}

static const cJSON *get(const cJSON *obj, const char *key) {
  return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* A required (or optional) string field, copied into *OUT. */
static exl_status take_string(const struct ctx *c, const cJSON *r, const char *key, bool required,
                              char **out) {
  const cJSON *v = get(r, key);
  *out = NULL;
  if (!v || cJSON_IsNull(v)) {
    if (required)
      return bad(c, "missing field ", key);
    return EXL_OK;
  }
  if (!cJSON_IsString(v))
    return bad(c, "this field must be a string: ", key);
  *out = strdup(v->valuestring);
  return *out ? EXL_OK : error_set(c->err, EXL_ENOMEM, "out of memory");
}

static exl_status take_bool(const struct ctx *c, const cJSON *r, const char *key, bool *out) {
  const cJSON *v = get(r, key);
  if (!v)
    return EXL_OK;
  if (!cJSON_IsBool(v))
    return bad(c, "this field must be true or false: ", key);
  *out = cJSON_IsTrue(v);
  return EXL_OK;
}

/* ---- compiling ------------------------------------------------------- */

static exl_status compile_src(const char *path, const char *id, const char *field, int nth,
                              const char *src, uint32_t opts, pcre2_code **out, exl_error *err) {
  int code;
  PCRE2_SIZE off;
  *out = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, opts, &code, &off, NULL);
  if (*out)
    return EXL_OK;
  PCRE2_UCHAR why[160];
  pcre2_get_error_message(code, why, sizeof(why));
  return error_set(err, EXL_EREGEX, "%s: rule '%s': %s %d, offset %zu: %s", path, id ? id : "?",
                   field, nth, (size_t)off, (const char *)why);
}

/* PCRE2_USE_OFFSET_LIMIT costs nothing when no limit is set; lint.c needs
 * it to confine a pattern to the windows around its literals. */
static uint32_t compile_opts(bool caseless) {
  return PCRE2_UTF | PCRE2_UCP | PCRE2_USE_OFFSET_LIMIT | (caseless ? PCRE2_CASELESS : 0);
}

static exl_status compile(const struct ctx *c, const char *field, int nth, const char *src,
                          bool caseless, pcre2_code **out) {
  return compile_src(c->path, c->id, field, nth, src, compile_opts(caseless), out, c->err);
}

/* Does the pattern SRC read the draft as a whole? One anchored to the
 * draft's start ("^hey$": the whole draft is a bare greeting) or to its
 * end (\z, \Z) does; every other match stays inside its paragraph. A
 * leading (?m) makes "^" a line's start, which a paragraph has too. */
static uint8_t pattern_reach(const char *src) {
  const char *p = src;
  bool lines = false;
  if (p[0] == '(' && p[1] == '?') { /* leading options, "(?i)" or "(?m)" */
    size_t n = strspn(p + 2, "imsxnJU-^");
    if (p[2 + n] == ')') {
      lines = memchr(p + 2, 'm', n) != NULL;
      p += 3 + n;
    }
  }
  bool start = (p[0] == '^' && !lines) || (p[0] == '\\' && p[1] == 'A');
  bool end = false;
  for (const char *q = strchr(src, '\\'); q && q[1] && !end; q = strchr(q + 2, '\\'))
    end = q[1] == 'z' || q[1] == 'Z';
  return start || end ? REACH_DRAFT : REACH_PARAGRAPH;
}

static exl_status compile_list(const struct ctx *c, const cJSON *r, const char *key,
                               bool caseless, struct pattern **out, size_t *n) {
  const cJSON *arr = get(r, key), *el;
  *out = NULL;
  *n = 0;
  if (!arr)
    return EXL_OK;
  if (!cJSON_IsArray(arr))
    return bad(c, "this field must be an array of strings: ", key);
  int count = cJSON_GetArraySize(arr);
  if (count == 0)
    return EXL_OK;
  *out = calloc((size_t)count, sizeof(struct pattern));
  if (!*out)
    return error_set(c->err, EXL_ENOMEM, "out of memory");
  bool is_pats = strcmp(key, "patterns") == 0;
  cJSON_ArrayForEach(el, arr) {
    if (!cJSON_IsString(el))
      return bad(c, "this field must be an array of strings: ", key);
    struct pattern *pt = &(*out)[*n];
    pt->src = strdup(el->valuestring);
    if (!pt->src)
      return error_set(c->err, EXL_ENOMEM, "out of memory");
    (*n)++;
    pt->opts = compile_opts(caseless);
    pt->reach = pattern_reach(pt->src);
    pt->quoted = !is_pats && strncmp(pt->src, QUOTED_MARK, sizeof(QUOTED_MARK) - 1) == 0;
    pt->paragraph = !is_pats && strncmp(pt->src, PARAGRAPH_MARK, sizeof(PARAGRAPH_MARK) - 1) == 0;
    if (is_pats)
      pf_analyse(pt->src, &pt->req);
    if (!c->lazy) {
      exl_status st = compile(c, key, (int)*n, pt->src, caseless, &pt->code);
      if (st != EXL_OK)
        return st;
    }
  }
  return EXL_OK;
}

const char *pack_pattern_src(const struct rule *ru, const struct pattern *pt) {
  return pt->src || !ru->cache ? pt->src : packcache_src(ru->cache, pt->cache_pat);
}

exl_status pack_pattern_compile(const struct rule *ru, struct pattern *pt, exl_error *err) {
  if (pt->code)
    return EXL_OK;
  /* a cached rule brings its code compiled at build time: a copy, not a compile */
  if (ru->cache && packcache_code(ru->cache, pt->cache_code, &pt->code) == EXL_OK)
    return EXL_OK;
  bool is_pat = pt >= ru->pats && pt < ru->pats + ru->npats;
  size_t nth = (size_t)(pt - (is_pat ? ru->pats : ru->excs)) + 1;
  const char *src = pack_pattern_src(ru, pt);
  if (!src)
    return error_set(err, EXL_EREGEX, "%s: rule '%s': %s %zu: the pack cache's copy is damaged",
                     ru->source, ru->id, is_pat ? "pattern" : "exception", nth);
  return compile_src(ru->source, ru->id, is_pat ? "patterns" : "exceptions", (int)nth, src,
                     pt->opts, &pt->code, err);
}

/* ---- the parts of a rule --------------------------------------------- */

static exl_status read_severity(const struct ctx *c, const char *name, int allow_off, int *out) {
  exl_severity s;
  if (allow_off && strcmp(name, "off") == 0) {
    *out = -1;
    return EXL_OK;
  }
  if (exl_severity_parse(name, &s))
    return bad(c, "unknown severity ", name);
  *out = (int)s;
  return EXL_OK;
}

static exl_status read_stages(const struct ctx *c, const cJSON *r, struct rule *ru) {
  for (int i = 0; i < 3; i++)
    ru->stage_sev[i] = (int)ru->severity;
  const cJSON *st = get(r, "stages"), *el;
  if (!st)
    return EXL_OK;
  if (!cJSON_IsObject(st))
    return bad(c, "\"stages\" must be an object of stage to severity", "");
  struct buf text = {0};
  cJSON_ArrayForEach(el, st) {
    exl_stage stage;
    exl_status s = EXL_OK;
    if (exl_stage_parse(el->string, &stage))
      s = bad(c, "unknown stage ", el->string);
    else if (!cJSON_IsString(el))
      s = bad(c, "stage severity must be a string for ", el->string);
    else
      s = read_severity(c, el->valuestring, 1, &ru->stage_sev[stage]);
    if (s != EXL_OK) {
      buf_free(&text); /* the stages read before this one */
      return s;
    }
    buf_printf(&text, "%s%s: %s", text.len ? ", " : "", el->string, el->valuestring);
  }
  ru->stages_text = buf_detach(&text);
  return ru->stages_text ? EXL_OK : error_set(c->err, EXL_ENOMEM, "out of memory");
}

static exl_status read_example(const struct ctx *c, const cJSON *el, struct example *ex) {
  ex->stage = -1;
  ex->no_contact_days = -1;
  ex->unanswered = -1;
  if (cJSON_IsString(el)) {
    ex->text = strdup(el->valuestring);
    return ex->text ? EXL_OK : error_set(c->err, EXL_ENOMEM, "out of memory");
  }
  if (!cJSON_IsObject(el) || !cJSON_IsString(get(el, "text")))
    return bad(c, "an example must be a string or an object with \"text\"", "");
  const cJSON *stage = get(el, "stage"), *ncd = get(el, "no_contact_days");
  const cJSON *unanswered = get(el, "unanswered");
  if (unanswered) {
    if (!cJSON_IsNumber(unanswered))
      return bad(c, "example unanswered must be a number", "");
    ex->unanswered = unanswered->valueint;
  }
  exl_stage s;
  if (stage) {
    if (!cJSON_IsString(stage) || exl_stage_parse(stage->valuestring, &s))
      return bad(c, "example has an unknown stage", "");
    ex->stage = (int)s;
  }
  if (ncd) {
    if (!cJSON_IsNumber(ncd))
      return bad(c, "example no_contact_days must be a number", "");
    ex->no_contact_days = ncd->valueint;
  }
  exl_status st = take_string(c, el, "text", true, &ex->text);
  if (st == EXL_OK)
    st = take_string(c, el, "now", false, &ex->now);
  if (st == EXL_OK)
    st = take_string(c, el, "breakup_date", false, &ex->breakup_date);
  return st;
}

static exl_status read_example_list(const struct ctx *c, const cJSON *arr, struct example **out,
                                    size_t *n) {
  const cJSON *el;
  if (!arr)
    return EXL_OK;
  if (!cJSON_IsArray(arr))
    return bad(c, "examples.bad and examples.good must be arrays", "");
  int count = cJSON_GetArraySize(arr);
  *out = calloc((size_t)count + 1, sizeof(struct example));
  if (!*out)
    return error_set(c->err, EXL_ENOMEM, "out of memory");
  cJSON_ArrayForEach(el, arr) {
    exl_status st = read_example(c, el, &(*out)[*n]);
    (*n)++;
    if (st != EXL_OK)
      return st;
  }
  return EXL_OK;
}

static exl_status read_examples(const struct ctx *c, const cJSON *r, struct rule *ru) {
  const cJSON *ex = get(r, "examples");
  if (!ex)
    return EXL_OK;
  if (!cJSON_IsObject(ex))
    return bad(c, "\"examples\" must be an object with \"bad\" and \"good\"", "");
  exl_status st = read_example_list(c, get(ex, "bad"), &ru->bad, &ru->nbad);
  if (st == EXL_OK)
    st = read_example_list(c, get(ex, "good"), &ru->good, &ru->ngood);
  return st;
}

static double param_number(const cJSON *params, const char *key, double dflt) {
  const cJSON *v = get(params, key);
  return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

static exl_status read_detector(const struct ctx *c, const cJSON *r, struct rule *ru) {
  const cJSON *d = get(r, "detector"), *params = get(r, "params");
  if (!cJSON_IsString(d))
    return bad(c, "\"detector\" must be a string", "");
  for (size_t i = 0; i < sizeof(detectors) / sizeof(detectors[0]); i++)
    if (strcmp(d->valuestring, detectors[i].name) == 0)
      ru->detector = detectors[i].det;
  if (ru->detector == DET_NONE)
    return bad(c, "unknown detector ", d->valuestring);
  if (params && !cJSON_IsObject(params))
    return bad(c, "\"params\" must be an object", "");
  for (int s = 0; s < 3; s++)
    ru->budget[s] = param_number(params, exl_stage_name((exl_stage)s), 0);
  ru->param_min = param_number(params, "min", param_number(params, "min_words",
                                                        param_number(params, "count", 0)));
  ru->param_ratio = param_number(params, "ratio", param_number(params, "hours", 0));
  if (ru->detector == DET_APOLOGY) {
    static const char *const parts[] = {"apology", "responsibility", "remedy"};
    for (int i = 0; i < 3; i++) {
      const cJSON *p = get(params, parts[i]);
      if (!cJSON_IsString(p))
        return bad(c, "apology-anatomy needs a pattern string in params.", parts[i]);
      ru->part_src[i] = strdup(p->valuestring);
      if (!ru->part_src[i])
        return error_set(c->err, EXL_ENOMEM, "out of memory");
      exl_status st = compile(c, parts[i], 1, p->valuestring, true, &ru->part[i]);
      if (st != EXL_OK)
        return st;
    }
  }
  return EXL_OK;
}

/* Compiled code is always the rule's own, cached rule or not. */
static void free_codes(struct rule *ru) {
  struct pattern *sets[2] = {ru->pats, ru->excs};
  size_t sizes[2] = {ru->npats, ru->nexcs};
  for (int s = 0; s < 2; s++)
    for (size_t i = 0; i < sizes[s]; i++) {
      pcre2_code_free(sets[s][i].code);
      sets[s][i].code = NULL;
    }
  for (int i = 0; i < 3; i++)
    pcre2_code_free(ru->part[i]);
}

static void rule_free(struct rule *ru) {
  free_codes(ru);
  if (ru->cache) { /* the rest is borrowed from the cache */
    memset(ru, 0, sizeof(*ru));
    return;
  }
  free(ru->id);
  free(ru->category);
  free(ru->message);
  free(ru->explain);
  free(ru->suggestion);
  free(ru->replacement);
  free(ru->stages_text);
  free(ru->source);
  struct pattern *sets[2] = {ru->pats, ru->excs};
  size_t sizes[2] = {ru->npats, ru->nexcs};
  for (int s = 0; s < 2; s++) {
    for (size_t i = 0; i < sizes[s]; i++) {
      free(sets[s][i].src);
      pf_req_free(&sets[s][i].req);
    }
    free(sets[s]);
  }
  for (int i = 0; i < 3; i++)
    free(ru->part_src[i]);
  struct example *lists[2] = {ru->bad, ru->good};
  size_t counts[2] = {ru->nbad, ru->ngood};
  for (int l = 0; l < 2; l++) {
    for (size_t i = 0; i < counts[l]; i++) {
      free(lists[l][i].text);
      free(lists[l][i].now);
      free(lists[l][i].breakup_date);
    }
    free(lists[l]);
  }
  memset(ru, 0, sizeof(*ru));
}

static void fill_info(struct rule *ru) {
  ru->info.id = ru->id;
  ru->info.category = ru->category;
  ru->info.severity = ru->severity;
  ru->info.enabled = !ru->disabled;
  ru->info.message = ru->message;
  ru->info.explain = ru->explain;
  ru->info.suggestion = ru->suggestion;
  ru->info.stages = ru->stages_text;
  ru->info.source = ru->source;
}

static exl_status read_rule(struct ctx *c, const cJSON *r, struct rule *ru) {
  exl_status st;
  int sev = 0;
  memset(ru, 0, sizeof(*ru));
  ru->negatable = true;
  ru->min_matches = 1;
  if (!cJSON_IsObject(r))
    return bad(c, "a rule must be a JSON object", "");
  if ((st = take_string(c, r, "id", true, &ru->id)) != EXL_OK)
    return st;
  c->id = ru->id;
  if ((st = take_string(c, r, "category", true, &ru->category)) != EXL_OK)
    return st;
  if (!pack_known_category(ru->category))
    return bad(c, "unknown category ", ru->category);
  if (strncmp(ru->id, ru->category, strlen(ru->category)) != 0 ||
      ru->id[strlen(ru->category)] != '.')
    return bad(c, "the id must start with the category and a dot", "");
  const cJSON *sv = get(r, "severity");
  if (!cJSON_IsString(sv))
    return bad(c, "missing field ", "severity");
  if ((st = read_severity(c, sv->valuestring, 0, &sev)) != EXL_OK)
    return st;
  ru->severity = (exl_severity)sev;
  if ((st = take_string(c, r, "message", true, &ru->message)) != EXL_OK ||
      (st = take_string(c, r, "explain", true, &ru->explain)) != EXL_OK ||
      (st = take_string(c, r, "suggestion", false, &ru->suggestion)) != EXL_OK ||
      (st = take_string(c, r, "replacement", false, &ru->replacement)) != EXL_OK ||
      (st = take_bool(c, r, "negatable", &ru->negatable)) != EXL_OK ||
      (st = take_bool(c, r, "case_sensitive", &ru->case_sensitive)) != EXL_OK ||
      (st = read_stages(c, r, ru)) != EXL_OK || (st = read_examples(c, r, ru)) != EXL_OK)
    return st;
  const cJSON *mm = get(r, "min_matches");
  if (mm) {
    if (!cJSON_IsNumber(mm) || mm->valueint < 1)
      return bad(c, "min_matches must be a number of at least 1", "");
    ru->min_matches = mm->valueint;
  }
  if (get(r, "detector")) {
    if ((st = read_detector(c, r, ru)) != EXL_OK)
      return st;
  } else {
    if (!cJSON_IsArray(get(r, "patterns")) || cJSON_GetArraySize(get(r, "patterns")) == 0)
      return bad(c, "needs a non-empty \"patterns\" array or a \"detector\"", "");
    if ((st = compile_list(c, r, "patterns", !ru->case_sensitive, &ru->pats, &ru->npats)) != EXL_OK)
      return st;
  }
  if ((st = compile_list(c, r, "exceptions", true, &ru->excs, &ru->nexcs)) != EXL_OK)
    return st;
  ru->source = strdup(c->path);
  if (!ru->source)
    return error_set(c->err, EXL_ENOMEM, "out of memory");
  fill_info(ru);
  return EXL_OK;
}

/* ---- sets ------------------------------------------------------------ */

struct rule *pack_find(const struct pack_set *ps, const char *id) {
  for (size_t i = 0; i < ps->nrules; i++)
    if (strcmp(ps->rules[i].id, id) == 0)
      return &ps->rules[i];
  return NULL;
}

static exl_status add_rule(struct pack_set *ps, struct rule *ru, exl_error *err) {
  struct rule *old = pack_find(ps, ru->id);
  if (old) { /* a later pack overrides a rule by id */
    rule_free(old);
    *old = *ru;
    fill_info(old);
    return EXL_OK;
  }
  struct rule *p = realloc(ps->rules, (ps->nrules + 1) * sizeof(*p));
  if (!p)
    return error_set(err, EXL_ENOMEM, "out of memory");
  ps->rules = p;
  p[ps->nrules] = *ru;
  fill_info(&p[ps->nrules]);
  ps->nrules++;
  return EXL_OK;
}

static exl_status parse_pack(struct pack_set *ps, const char *path, const char *text, size_t len,
                             bool lazy, exl_error *err) {
  const char *stop = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts(text, len, &stop, 0);
  if (!root) {
    size_t off = stop ? (size_t)(stop - text) : 0, line = 1, col = 1;
    for (size_t i = 0; i < off && i < len; i++, col++)
      if (text[i] == '\n')
        line++, col = 0;
    return error_set(err, EXL_EPACK, "%s:%zu:%zu: not valid JSON", path, line, col);
  }
  exl_status st = EXL_OK;
  const cJSON *rules = get(root, "rules"), *r;
  if (!cJSON_IsObject(root) || !cJSON_IsArray(rules)) {
    st = error_set(err, EXL_EPACK, "%s: a pack is an object with a \"rules\" array", path);
  } else {
    struct ctx c = {path, NULL, 0, err, lazy};
    cJSON_ArrayForEach(r, rules) {
      struct rule ru;
      c.index++;
      c.id = NULL;
      st = read_rule(&c, r, &ru);
      if (st == EXL_OK)
        st = add_rule(ps, &ru, err);
      if (st != EXL_OK) {
        rule_free(&ru);
        break;
      }
    }
  }
  cJSON_Delete(root);
  return st;
}

static exl_status load_file(struct pack_set *ps, const char *path, bool lazy, exl_error *err) {
  char *text;
  size_t len;
  exl_status st = read_file(path, 8u << 20, &text, &len, err);
  if (st != EXL_OK)
    return st;
  st = parse_pack(ps, path, text, len, lazy, err);
  free(text);
  return st;
}

exl_status pack_load_file(struct pack_set *ps, const char *path, exl_error *err) {
  return load_file(ps, path, false, err);
}

static int json_file(const struct dirent *e) {
  size_t n = strlen(e->d_name);
  return e->d_name[0] != '.' && n > 5 && strcmp(e->d_name + n - 5, ".json") == 0;
}

/* EXLINT_PACK_CACHE: unset or "on" uses a current cache, "off" never does,
 * "require" makes an unusable one an error (tests prove the cache is read). */
enum cache_mode { CACHE_ON, CACHE_OFF, CACHE_REQUIRE };

static enum cache_mode cache_mode(void) {
  const char *env = getenv("EXLINT_PACK_CACHE");
  if (env && strcmp(env, "off") == 0)
    return CACHE_OFF;
  if (env && strcmp(env, "require") == 0)
    return CACHE_REQUIRE;
  return CACHE_ON;
}

/* The bundled packs from DIR/packs.cache. EXL_OK when they came from it;
 * otherwise PS is still empty and the JSON is read, unless the environment
 * requires the cache. */
static exl_status load_cached(struct pack_set *ps, const char *dir, bool *done, exl_error *err) {
  enum cache_mode mode = cache_mode();
  exl_error why;
  *done = false;
  if (mode == CACHE_OFF || ps->nrules)
    return EXL_OK;
  exl_status st = packcache_load(ps, dir, &why);
  if (st == EXL_OK) {
    for (size_t i = 0; i < ps->nrules; i++)
      fill_info(&ps->rules[i]);
    *done = true;
    return EXL_OK;
  }
  if (mode == CACHE_REQUIRE)
    return error_set(err, st, "pack cache not used: %s", why.msg);
  return EXL_OK; /* a missing or stale cache only costs time */
}

exl_status pack_load_dir(struct pack_set *ps, const char *dir, bool lazy, exl_error *err) {
  if (lazy) {
    bool done;
    exl_status cached = load_cached(ps, dir, &done, err);
    if (cached != EXL_OK || done)
      return cached;
  }
  struct dirent **names;
  int n = scandir(dir, &names, json_file, alphasort);
  if (n < 0)
    return error_set(err, EXL_EIO, "%s: cannot read the pattern directory", dir);
  exl_status st = EXL_OK;
  for (int i = 0; i < n; i++) {
    if (st == EXL_OK) {
      char path[PATH_MAX];
      snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
      st = load_file(ps, path, lazy, err);
    }
    free(names[i]);
  }
  free(names);
  return st;
}

static int by_id(const void *a, const void *b) {
  return strcmp(((const struct rule *)a)->id, ((const struct rule *)b)->id);
}

static bool sorted_by_id(const struct pack_set *ps) {
  for (size_t i = 1; i < ps->nrules; i++)
    if (by_id(&ps->rules[i - 1], &ps->rules[i]) > 0)
      return false;
  return true;
}

exl_status pack_examples(struct pack_set *ps, exl_error *err) {
  return ps->cache ? packcache_examples(ps->cache, ps, err) : EXL_OK;
}

void pack_finish(struct pack_set *ps) {
  /* the cached packs come sorted: glibc's qsort would still spend ~2M
   * instructions (a merge sort) on them, a tenth of a short draft's run */
  if (ps->nrules && !sorted_by_id(ps))
    qsort(ps->rules, ps->nrules, sizeof(struct rule), by_id);
  for (size_t i = 0; i < ps->nrules; i++)
    fill_info(&ps->rules[i]);
}

bool pack_dot_skips_lf(void) {
  uint32_t nl = 0;
  pcre2_config(PCRE2_CONFIG_NEWLINE, &nl);
  return nl == PCRE2_NEWLINE_LF || nl == PCRE2_NEWLINE_ANYCRLF || nl == PCRE2_NEWLINE_ANY;
}

static size_t pattern_count(const struct pack_set *ps) {
  size_t n = 0;
  for (size_t i = 0; i < ps->nrules; i++)
    n += ps->rules[i].npats;
  return n;
}

/* What the index needs of PT, a pattern of RU. Its shortest match is known
 * only once it is compiled (the pack cache's writer compiles every pattern
 * first). A source the cache can no longer vouch for is left out: the
 * pattern then runs wherever its requirement allows (prefilter.h). */
static struct pf_source pattern_source(const struct rule *ru, const struct pattern *pt) {
  uint32_t minlen = 0;
  if (pt->code && pcre2_pattern_info(pt->code, PCRE2_INFO_MINLENGTH, &minlen) != 0)
    minlen = 0;
  return (struct pf_source){pack_pattern_src(ru, pt), &pt->req, pt->opts & PCRE2_CASELESS,
                            minlen};
}

struct pf_index *pack_index_build(const struct pack_set *ps) {
  size_t n = pattern_count(ps);
  struct pf_source *srcs = malloc((n ? n : 1) * sizeof(*srcs));
  if (!srcs)
    return NULL;
  size_t k = 0;
  for (size_t i = 0; i < ps->nrules; i++)
    for (size_t p = 0; p < ps->rules[i].npats; p++)
      srcs[k++] = pattern_source(&ps->rules[i], &ps->rules[i].pats[p]);
  struct pf_index *x = pf_index_new(srcs, n, pack_dot_skips_lf());
  free(srcs);
  return x;
}

struct pf_index *pack_index_cached(const struct pack_set *ps) {
  return ps->cache ? packcache_index(ps->cache, ps, pattern_count(ps)) : NULL;
}

void pack_set_free(struct pack_set *ps) {
  for (size_t i = 0; i < ps->nrules; i++)
    rule_free(&ps->rules[i]);
  free(ps->rules);
  pf_index_free(ps->pfx);
  packcache_free(ps->cache); /* after the rules: they borrow from it */
  memset(ps, 0, sizeof(*ps));
}
