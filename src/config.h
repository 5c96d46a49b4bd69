/* config.h - the settings a linter is built from. */
#ifndef EXLINT_CONFIG_H
#define EXLINT_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "exlint.h"

struct severity_override {
  char *rule;
  exl_severity level;
};

struct exl_config {
  exl_stage stage;
  exl_severity fail_level;
  char **disable;
  size_t ndisable;
  struct severity_override *sev;
  size_t nsev;
  char **patterns; /* extra pack directories, in order */
  size_t npatterns;
  char *only_patterns; /* when set, the bundled packs are not loaded */
  char *dictionary;    /* Hunspell base path, without .aff/.dic */
  char *personal_dictionary;
  char *state_dir;
  bool spell;
  bool has_breakup;
  int64_t breakup_day; /* days since 1970-01-01 */
  int no_contact_days; /* 0: no window */
  int late_from, late_to; /* minutes after midnight; late_from < 0: off */
  bool has_now;
  int64_t now; /* seconds since the epoch */
};

/* A deep copy of SRC, or NULL on OOM. */
exl_config *config_dup(const exl_config *src);

/* The clock: the injected time, else EXLINT_NOW, else the real one. */
int64_t config_now(const exl_config *cfg);

/* Parse "YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM]"; no zone means local time. */
int parse_iso8601(const char *s, int64_t *out);
/* Parse "YYYY-MM-DD" into days since the epoch. */
int parse_date(const char *s, int64_t *days);
/* Parse "HH:MM" into minutes after midnight. */
int parse_clock(const char *s, int *minutes);

#endif
