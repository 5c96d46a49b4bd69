/* config.c - defaults, the JSON config file and command-line overrides. */
#define _GNU_SOURCE /* timegm */
#include "config.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util.h"

static const char *const severity_names[] = {"info", "warning", "error"};
static const char *const stage_names[] = {"first-contact", "reconnecting", "relationship-talk"};

const char *exl_severity_name(exl_severity s) {
  return (unsigned)s < 3 ? severity_names[s] : "unknown";
}

const char *exl_stage_name(exl_stage s) { return (unsigned)s < 3 ? stage_names[s] : "unknown"; }

int exl_severity_parse(const char *name, exl_severity *out) {
  for (int i = 0; i < 3; i++)
    if (strcmp(name, severity_names[i]) == 0) {
      *out = (exl_severity)i;
      return 0;
    }
  return -1;
}

int exl_stage_parse(const char *name, exl_stage *out) {
  for (int i = 0; i < 3; i++)
    if (strcmp(name, stage_names[i]) == 0) {
      *out = (exl_stage)i;
      return 0;
    }
  return -1;
}

exl_config *exl_config_new(void) {
  exl_config *cfg = calloc(1, sizeof(*cfg));
  if (!cfg)
    return NULL;
  cfg->stage = EXL_STAGE_FIRST_CONTACT;
  cfg->fail_level = EXL_WARNING;
  cfg->spell = true;
  cfg->late_from = 23 * 60;
  cfg->late_to = 5 * 60;
  return cfg;
}

static void free_strv(char **v, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(v[i]);
  free(v);
}

void exl_config_free(exl_config *cfg) {
  if (!cfg)
    return;
  free_strv(cfg->disable, cfg->ndisable);
  free_strv(cfg->patterns, cfg->npatterns);
  for (size_t i = 0; i < cfg->nsev; i++)
    free(cfg->sev[i].rule);
  free(cfg->sev);
  free(cfg->only_patterns);
  free(cfg->dictionary);
  free(cfg->personal_dictionary);
  free(cfg->state_dir);
  free(cfg);
}

static bool strv_push(char ***v, size_t *n, const char *s) {
  char *copy = strdup(s);
  char **p = copy ? realloc(*v, (*n + 1) * sizeof(char *)) : NULL;
  if (!p) {
    free(copy);
    return false;
  }
  p[(*n)++] = copy;
  *v = p;
  return true;
}

static bool strv_copy(char ***dst, size_t *ndst, char *const *src, size_t n) {
  *dst = NULL;
  *ndst = 0;
  for (size_t i = 0; i < n; i++)
    if (!strv_push(dst, ndst, src[i]))
      return false;
  return true;
}

static bool sev_push(exl_config *cfg, const char *rule, exl_severity level) {
  struct severity_override *p = realloc(cfg->sev, (cfg->nsev + 1) * sizeof(*p));
  if (!p)
    return false;
  cfg->sev = p;
  p[cfg->nsev].rule = strdup(rule);
  if (!p[cfg->nsev].rule)
    return false;
  p[cfg->nsev++].level = level;
  return true;
}

exl_config *config_dup(const exl_config *src) {
  exl_config *c = calloc(1, sizeof(*c));
  if (!c)
    return NULL;
  *c = *src;
  c->disable = c->patterns = NULL;
  c->sev = NULL;
  c->nsev = 0;
  c->only_patterns = xstrdup(src->only_patterns);
  c->dictionary = xstrdup(src->dictionary);
  c->personal_dictionary = xstrdup(src->personal_dictionary);
  c->state_dir = xstrdup(src->state_dir);
  bool ok = strv_copy(&c->disable, &c->ndisable, src->disable, src->ndisable) &&
            strv_copy(&c->patterns, &c->npatterns, src->patterns, src->npatterns);
  for (size_t i = 0; ok && i < src->nsev; i++)
    ok = sev_push(c, src->sev[i].rule, src->sev[i].level);
  if (!ok || (src->only_patterns && !c->only_patterns) || (src->dictionary && !c->dictionary) ||
      (src->personal_dictionary && !c->personal_dictionary) || (src->state_dir && !c->state_dir)) {
    exl_config_free(c);
    return NULL;
  }
  return c;
}

exl_severity exl_config_fail_level(const exl_config *cfg) { return cfg->fail_level; }
exl_stage exl_config_stage(const exl_config *cfg) { return cfg->stage; }

/* ---- time ------------------------------------------------------------ */

static int parse_digits(const char **p, int n, int *out) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if ((*p)[i] < '0' || (*p)[i] > '9')
      return -1;
    v = v * 10 + ((*p)[i] - '0');
  }
  *p += n;
  *out = v;
  return 0;
}

static int parse_ymd(const char **p, struct tm *tm) {
  int y, m, d;
  if (parse_digits(p, 4, &y) || *(*p)++ != '-' || parse_digits(p, 2, &m) || *(*p)++ != '-' ||
      parse_digits(p, 2, &d))
    return -1;
  if (m < 1 || m > 12 || d < 1 || d > 31)
    return -1;
  memset(tm, 0, sizeof(*tm));
  tm->tm_year = y - 1900;
  tm->tm_mon = m - 1;
  tm->tm_mday = d;
  tm->tm_isdst = -1;
  return 0;
}

int parse_date(const char *s, int64_t *days) {
  struct tm tm;
  if (parse_ymd(&s, &tm) || *s)
    return -1;
  *days = (int64_t)timegm(&tm) / 86400;
  return 0;
}

int parse_clock(const char *s, int *minutes) {
  int h, m;
  if (parse_digits(&s, 2, &h) || *s++ != ':' || parse_digits(&s, 2, &m) || *s || h > 23 || m > 59)
    return -1;
  *minutes = h * 60 + m;
  return 0;
}

int parse_iso8601(const char *s, int64_t *out) {
  struct tm tm;
  if (parse_ymd(&s, &tm))
    return -1;
  if (*s == 'T' || *s == ' ') {
    s++;
    if (parse_digits(&s, 2, &tm.tm_hour) || *s++ != ':' || parse_digits(&s, 2, &tm.tm_min))
      return -1;
    if (*s == ':') {
      s++;
      if (parse_digits(&s, 2, &tm.tm_sec))
        return -1;
    }
    if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
      return -1;
  }
  if (*s == '\0') {
    time_t t = mktime(&tm); /* no zone: the local time of TZ */
    if (t == (time_t)-1)
      return -1;
    *out = (int64_t)t;
    return 0;
  }
  int sign = 0, oh = 0, om = 0;
  if (*s == 'Z') {
    s++;
  } else if (*s == '+' || *s == '-') {
    sign = *s++ == '-' ? -1 : 1;
    if (parse_digits(&s, 2, &oh))
      return -1;
    if (*s == ':')
      s++;
    if (parse_digits(&s, 2, &om))
      return -1;
  }
  if (*s)
    return -1;
  *out = (int64_t)timegm(&tm) - sign * (oh * 3600 + om * 60);
  return 0;
}

int64_t config_now(const exl_config *cfg) {
  if (cfg->has_now)
    return cfg->now;
  const char *env = getenv("EXLINT_NOW");
  int64_t t;
  if (env && *env && parse_iso8601(env, &t) == 0)
    return t;
  return (int64_t)time(NULL);
}

/* ---- setting one key ------------------------------------------------- */

static exl_status set_late_night(exl_config *cfg, const char *v, exl_error *err) {
  if (strcmp(v, "off") == 0) {
    cfg->late_from = cfg->late_to = -1;
    return EXL_OK;
  }
  char from[6], to[6];
  const char *dash = strchr(v, '-');
  if (!dash || dash - v != 5 || strlen(dash + 1) != 5)
    return error_set(err, EXL_EUSAGE, "late_night: expected HH:MM-HH:MM or off, got '%s'", v);
  memcpy(from, v, 5);
  from[5] = '\0';
  memcpy(to, dash + 1, 6);
  if (parse_clock(from, &cfg->late_from) || parse_clock(to, &cfg->late_to))
    return error_set(err, EXL_EUSAGE, "late_night: expected HH:MM-HH:MM or off, got '%s'", v);
  return EXL_OK;
}

static exl_status set_string(char **slot, const char *v, exl_error *err) {
  char *p = expand_home(v);
  if (!p)
    return error_set(err, EXL_ENOMEM, "out of memory");
  free(*slot);
  *slot = p;
  return EXL_OK;
}

static exl_status oom(exl_error *err) { return error_set(err, EXL_ENOMEM, "out of memory"); }

exl_status exl_config_set(exl_config *cfg, const char *key, const char *v, exl_error *err) {
  if (strcmp(key, "stage") == 0) {
    if (exl_stage_parse(v, &cfg->stage))
      return error_set(err, EXL_EUSAGE,
                       "unknown stage '%s' (first-contact, reconnecting, relationship-talk)", v);
  } else if (strcmp(key, "fail_level") == 0) {
    if (exl_severity_parse(v, &cfg->fail_level))
      return error_set(err, EXL_EUSAGE, "unknown level '%s' (info, warning, error)", v);
  } else if (strcmp(key, "disable") == 0) {
    char *list = strdup(v), *save = NULL;
    if (!list)
      return oom(err);
    for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save))
      if (*t && !strv_push(&cfg->disable, &cfg->ndisable, t)) {
        free(list);
        return oom(err);
      }
    free(list);
  } else if (strcmp(key, "severity") == 0) {
    const char *eq = strchr(v, '=');
    exl_severity level;
    if (!eq || eq == v || exl_severity_parse(eq + 1, &level))
      return error_set(err, EXL_EUSAGE, "severity: expected RULE=LEVEL, got '%s'", v);
    char *rule = xstrndup(v, (size_t)(eq - v));
    bool ok = rule && sev_push(cfg, rule, level);
    free(rule);
    if (!ok)
      return oom(err);
  } else if (strcmp(key, "patterns") == 0) {
    char *p = expand_home(v);
    bool ok = p && strv_push(&cfg->patterns, &cfg->npatterns, p);
    free(p);
    if (!ok)
      return oom(err);
  } else if (strcmp(key, "only_patterns") == 0) {
    return set_string(&cfg->only_patterns, v, err);
  } else if (strcmp(key, "dictionary") == 0) {
    return set_string(&cfg->dictionary, v, err);
  } else if (strcmp(key, "personal_dictionary") == 0) {
    return set_string(&cfg->personal_dictionary, v, err);
  } else if (strcmp(key, "state_dir") == 0) {
    return set_string(&cfg->state_dir, v, err);
  } else if (strcmp(key, "breakup_date") == 0) {
    if (parse_date(v, &cfg->breakup_day))
      return error_set(err, EXL_EUSAGE, "breakup_date: expected YYYY-MM-DD, got '%s'", v);
    cfg->has_breakup = true;
  } else if (strcmp(key, "no_contact_days") == 0) {
    char *end;
    long n = strtol(v, &end, 10);
    if (*v == '\0' || *end || n < 0 || n > 3650)
      return error_set(err, EXL_EUSAGE, "no_contact_days: expected 0 to 3650, got '%s'", v);
    cfg->no_contact_days = (int)n;
  } else if (strcmp(key, "late_night") == 0) {
    return set_late_night(cfg, v, err);
  } else if (strcmp(key, "spell") == 0) {
    if (strcmp(v, "on") && strcmp(v, "off"))
      return error_set(err, EXL_EUSAGE, "spell: expected on or off, got '%s'", v);
    cfg->spell = strcmp(v, "on") == 0;
  } else if (strcmp(key, "now") == 0) {
    if (parse_iso8601(v, &cfg->now))
      return error_set(err, EXL_EUSAGE, "now: expected ISO-8601 (2026-11-25T23:30:00), got '%s'",
                       v);
    cfg->has_now = true;
  } else {
    return error_set(err, EXL_EUSAGE, "unknown option '%s'", key);
  }
  return EXL_OK;
}

/* ---- the JSON file --------------------------------------------------- */

static exl_status type_error(const char *path, const char *key, const char *want,
                             exl_error *err) {
  return error_set(err, EXL_ECONFIG, "%s: key '%s' must be %s", path, key, want);
}

/* Apply one value through exl_config_set, turning its message into one
 * that names the file and the key. */
static exl_status set_from_file(exl_config *cfg, const char *path, const char *key,
                                const char *v, exl_error *err) {
  exl_error e;
  exl_status st = exl_config_set(cfg, key, v, &e);
  if (st == EXL_EUSAGE)
    return error_set(err, EXL_ECONFIG, "%s: key '%s': %s", path, key, e.msg);
  if (st != EXL_OK && err)
    *err = e;
  return st;
}

static exl_status load_string_list(exl_config *cfg, const char *path, const cJSON *item,
                                   const char *key, exl_error *err) {
  if (!cJSON_IsArray(item))
    return type_error(path, key, "an array of strings", err);
  const cJSON *el;
  cJSON_ArrayForEach(el, item) {
    if (!cJSON_IsString(el))
      return type_error(path, key, "an array of strings", err);
    exl_status st = set_from_file(cfg, path, key, el->valuestring, err);
    if (st != EXL_OK)
      return st;
  }
  return EXL_OK;
}

static exl_status load_severity_map(exl_config *cfg, const char *path, const cJSON *item,
                                    exl_error *err) {
  if (!cJSON_IsObject(item))
    return type_error(path, "severity", "an object of rule id to level", err);
  const cJSON *el;
  cJSON_ArrayForEach(el, item) {
    exl_severity level;
    if (!cJSON_IsString(el) || exl_severity_parse(el->valuestring, &level))
      return error_set(err, EXL_ECONFIG, "%s: key 'severity': rule '%s' needs info, warning or error",
                       path, el->string);
    if (!sev_push(cfg, el->string, level))
      return oom(err);
  }
  return EXL_OK;
}

static exl_status load_late_night(exl_config *cfg, const char *path, const cJSON *item,
                                  exl_error *err) {
  if (cJSON_IsFalse(item) || cJSON_IsNull(item)) {
    cfg->late_from = cfg->late_to = -1;
    return EXL_OK;
  }
  const cJSON *from = cJSON_GetObjectItemCaseSensitive(item, "from");
  const cJSON *to = cJSON_GetObjectItemCaseSensitive(item, "to");
  if (!cJSON_IsObject(item) || !cJSON_IsString(from) || !cJSON_IsString(to) ||
      cJSON_GetArraySize(item) != 2)
    return type_error(path, "late_night", "{\"from\": \"HH:MM\", \"to\": \"HH:MM\"}", err);
  if (parse_clock(from->valuestring, &cfg->late_from) ||
      parse_clock(to->valuestring, &cfg->late_to))
    return type_error(path, "late_night", "{\"from\": \"HH:MM\", \"to\": \"HH:MM\"}", err);
  return EXL_OK;
}

static exl_status load_key(exl_config *cfg, const char *path, const cJSON *item, exl_error *err) {
  const char *key = item->string;
  static const char *const string_keys[] = {"stage", "fail_level", "dictionary",
                                            "personal_dictionary", "breakup_date", NULL};
  for (int i = 0; string_keys[i]; i++)
    if (strcmp(key, string_keys[i]) == 0) {
      if (!cJSON_IsString(item))
        return type_error(path, key, "a string", err);
      return set_from_file(cfg, path, key, item->valuestring, err);
    }
  if (strcmp(key, "disable") == 0 || strcmp(key, "patterns") == 0)
    return load_string_list(cfg, path, item, key, err);
  if (strcmp(key, "severity") == 0)
    return load_severity_map(cfg, path, item, err);
  if (strcmp(key, "late_night") == 0)
    return load_late_night(cfg, path, item, err);
  if (strcmp(key, "no_contact_days") == 0) {
    if (!cJSON_IsNumber(item) || item->valuedouble != (double)item->valueint ||
        item->valueint < 0 || item->valueint > 3650)
      return type_error(path, key, "a whole number of days (0 to 3650)", err);
    cfg->no_contact_days = item->valueint;
    return EXL_OK;
  }
  return error_set(err, EXL_ECONFIG, "%s: unknown key '%s'", path, key);
}

exl_status exl_config_load_file(exl_config *cfg, const char *path, exl_error *err) {
  char *text;
  size_t len;
  exl_status st = read_file(path, 1 << 20, &text, &len, err);
  if (st != EXL_OK)
    return st;
  const char *stop = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts(text, len, &stop, 0);
  if (!root) {
    size_t off = stop ? (size_t)(stop - text) : 0, line = 1;
    for (size_t i = 0; i < off && i < len; i++)
      line += text[i] == '\n';
    free(text);
    return error_set(err, EXL_ECONFIG, "%s:%zu: not valid JSON", path, line);
  }
  free(text);
  if (!cJSON_IsObject(root)) {
    cJSON_Delete(root);
    return error_set(err, EXL_ECONFIG, "%s: the config must be a JSON object", path);
  }
  const cJSON *item;
  st = EXL_OK;
  cJSON_ArrayForEach(item, root) {
    st = load_key(cfg, path, item, err);
    if (st != EXL_OK)
      break;
  }
  cJSON_Delete(root);
  return st;
}
