/* exlint.h - lint a message draft to an ex before it is sent.
 *
 * The only public header of libexlint. It includes no third-party header.
 *
 * Life cycle:
 *   exl_config   options from a JSON file and the command line  (exl_config_new/free)
 *   exl_linter   packs compiled, dictionary loaded; build once   (exl_linter_new/free)
 *   exl_result   one draft's findings, tone and stats            (exl_lint/exl_result_free)
 *
 * Errors: every call that can fail returns an exl_status and fills an
 * exl_error (which may be NULL) with one line: file, where, why. The library
 * never prints, never exits and keeps no global state. No message ever
 * contains the text of a draft. */
#ifndef EXLINT_H
#define EXLINT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EXL_VERSION "1.0.0"

/* ---- errors ---------------------------------------------------------- */

typedef enum {
  EXL_OK = 0,
  EXL_ENOMEM,    /* out of memory */
  EXL_EIO,       /* a file could not be read or written */
  EXL_EENCODING, /* not UTF-8 text: NUL byte, invalid sequence */
  EXL_ETOOBIG,   /* the draft is larger than EXL_MAX_DRAFT */
  EXL_EPACK,     /* a pattern pack is malformed */
  EXL_EREGEX,    /* a pattern does not compile */
  EXL_ECONFIG,   /* a config key is unknown or has the wrong type */
  EXL_EUSAGE     /* a bad value given by the caller (stage, level, rule id) */
} exl_status;

typedef struct {
  exl_status code;
  char msg[512]; /* one line, no trailing newline: "FILE: reason" */
} exl_error;

/* Static text for a status ("out of memory", ...). */
const char *exl_status_str(exl_status s);

/* Largest draft exl_lint accepts, in bytes. */
#define EXL_MAX_DRAFT ((size_t)64 << 20)

/* ---- enums ----------------------------------------------------------- */

typedef enum { EXL_INFO = 0, EXL_WARNING = 1, EXL_ERROR = 2 } exl_severity;

typedef enum {
  EXL_STAGE_FIRST_CONTACT = 0, /* first message after a breakup or no contact */
  EXL_STAGE_RECONNECTING = 1,  /* talking again, lightly */
  EXL_STAGE_RELATIONSHIP = 2   /* a calm talk about the relationship itself */
} exl_stage;

typedef enum { EXL_FORMAT_TEXT = 0, EXL_FORMAT_JSON, EXL_FORMAT_LINE, EXL_FORMAT_COUNT } exl_format;

const char *exl_severity_name(exl_severity s); /* "info", "warning", "error" */
const char *exl_stage_name(exl_stage s);       /* "first-contact", ... */
/* Parse a name; return 0 and set *out, or -1 if the name is unknown. */
int exl_severity_parse(const char *name, exl_severity *out);
int exl_stage_parse(const char *name, exl_stage *out);

/* ---- configuration --------------------------------------------------- */

typedef struct exl_config exl_config;

/* A config with the defaults: stage first-contact, fail level warning,
 * spelling on, the bundled packs, late night 23:00-05:00. NULL on OOM. */
exl_config *exl_config_new(void);
void exl_config_free(exl_config *cfg); /* accepts NULL */

/* Merge the JSON config file PATH into CFG. Unknown keys and wrong types are
 * EXL_ECONFIG naming the key. A missing file is EXL_EIO. */
exl_status exl_config_load_file(exl_config *cfg, const char *path, exl_error *err);

/* Set one option by its config-file key, from a string, as the command line
 * does: "stage", "fail_level", "disable" (comma list, appended), "patterns"
 * (a directory, appended), "only_patterns" (a directory; the bundled packs are
 * then skipped), "dictionary", "personal_dictionary", "breakup_date",
 * "no_contact_days", "late_night" ("23:00-05:00" or "off"), "spell"
 * ("on"/"off"), "now" (ISO-8601, for tests), "state_dir", "severity"
 * ("RULE=LEVEL"). EXL_EUSAGE on a bad key or value. */
exl_status exl_config_set(exl_config *cfg, const char *key, const char *value, exl_error *err);

exl_severity exl_config_fail_level(const exl_config *cfg);
exl_stage exl_config_stage(const exl_config *cfg);

/* ---- linter ---------------------------------------------------------- */

typedef struct exl_linter exl_linter;

/* Load and compile every pack the config names, and the spelling
 * dictionary unless spelling is off. CFG is copied; it may be freed after.
 * On failure *OUT is NULL. */
exl_status exl_linter_new(const exl_config *cfg, exl_linter **out, exl_error *err);
void exl_linter_free(exl_linter *lin); /* accepts NULL */

/* Change the stage or the fail level of a built linter (the LSP server's
 * workspace/didChangeConfiguration does this). */
void exl_linter_set_stage(exl_linter *lin, exl_stage stage);
void exl_linter_set_fail_level(exl_linter *lin, exl_severity level);
exl_severity exl_linter_fail_level(const exl_linter *lin);

/* A rule's documentation, owned by LIN. */
typedef struct {
  const char *id;         /* "category.name" */
  const char *category;   /* one of the fixed category ids */
  exl_severity severity;  /* at the linter's stage */
  int enabled;            /* 0 when disabled or off at this stage */
  const char *message;    /* one line */
  const char *explain;    /* 1-3 sentences */
  const char *suggestion; /* may be NULL */
  const char *stages;     /* "first-contact: error, reconnecting: warning, ..." or NULL */
  const char *source;     /* the pack file it came from */
} exl_rule_info;

size_t exl_linter_rule_count(const exl_linter *lin);
/* Rule I (0-based, sorted by id), or NULL past the end. */
const exl_rule_info *exl_linter_rule(const exl_linter *lin, size_t i);
/* The rule with this id, or NULL. */
const exl_rule_info *exl_linter_find_rule(const exl_linter *lin, const char *id);

/* ---- linting --------------------------------------------------------- */

typedef struct exl_result exl_result;

typedef struct {
  const char *rule;     /* "category.name" */
  const char *category;
  exl_severity severity;
  size_t line, column;         /* 1-based; column counts code points */
  size_t end_line, end_column; /* one past the last code point */
  size_t offset, length;       /* bytes into the text as given */
  const char *match;           /* the original bytes of the span, NUL-terminated */
  const char *message;
  const char *suggestion;  /* may be NULL */
  const char *replacement; /* literal text for [offset, offset+length), or NULL */
} exl_finding;

typedef struct {
  const char *name; /* "base", "begging", "caps", ... */
  int delta;
} exl_tone_component;

typedef struct {
  int score;         /* 0-100; 100 = calm */
  const char *label; /* calm warm anxious needy pressuring bitter hostile crisis */
  size_t ncomponents;
  const exl_tone_component *components; /* sums to score; [0] is "base" */
} exl_tone;

typedef struct {
  size_t words, sentences, paragraphs;
} exl_stats;

/* Lint LEN bytes of TEXT. NAME is used in messages and reports only. The
 * text is copied. On success *OUT is a new result for exl_result_free();
 * every pointer it hands out lives until then. On failure (not UTF-8, too
 * big) *OUT is NULL and ERR says why, naming NAME. */
exl_status exl_lint(const exl_linter *lin, const char *name, const char *text, size_t len,
                    exl_result **out, exl_error *err);
void exl_result_free(exl_result *res); /* accepts NULL */

const char *exl_result_name(const exl_result *res);
const char *exl_result_text(const exl_result *res, size_t *len);
size_t exl_result_count(const exl_result *res);
const exl_finding *exl_result_finding(const exl_result *res, size_t i); /* sorted by offset */
const exl_tone *exl_result_tone(const exl_result *res);
const exl_stats *exl_result_stats(const exl_result *res);
/* Highest severity among the findings, or -1 when there are none. */
int exl_result_worst(const exl_result *res);
/* Non-fatal notes from this lint (a rule stopped by the match limit). */
size_t exl_result_warning_count(const exl_result *res);
const char *exl_result_warning(const exl_result *res, size_t i);

/* ---- fixing ---------------------------------------------------------- */

/* The draft with every non-overlapping replacement applied, malloc'd and
 * NUL-terminated, for the caller to free(); *LEN gets its length and
 * *NAPPLIED (may be NULL) the number of replacements used. NULL on OOM. */
char *exl_result_fixed(const exl_result *res, size_t *len, size_t *napplied);

/* A unified diff between the draft and its fixed text, labelled with the
 * result's name; "" when nothing changes. malloc'd; NULL on OOM. */
char *exl_result_diff(const exl_result *res);

/* ---- reports --------------------------------------------------------- */

#define EXL_RENDER_COLOR 1u /* ANSI colour in the text report */

/* Render N results in FMT (json: one document holding all of them).
 * malloc'd, NUL-terminated, for free(); NULL on OOM. */
char *exl_render(const exl_result *const *res, size_t n, exl_format fmt, unsigned flags);

/* ---- double texting state ------------------------------------------- */

/* Record that a message was sent (exl_state_mark_sent) or that the ex
 * replied (exl_state_mark_reply) at the config's clock. The state lives in
 * the config's state dir ($XDG_STATE_HOME/exlint), mode 0600, and holds
 * timestamps only. */
exl_status exl_state_mark_sent(const exl_config *cfg, exl_error *err);
exl_status exl_state_mark_reply(const exl_config *cfg, exl_error *err);

#ifdef __cplusplus
}
#endif
#endif
