/* limits.c - no bundled rule may stop at PCRE2's match limit on a draft a
 * person could type. The limit is there for user packs (a catastrophic
 * pattern costs a warning, not a hang); a bundled rule that reaches it is
 * skipped, and where it is reached depends on how the draft is scanned
 * (whole draft or windows, interpreter or JIT), so the linter's answer
 * would too. Whole-message rules ("^\s*hey\s*[.!]*\s*$") are the usual
 * culprits: adjacent optional runs backtrack quadratically on a long run
 * of spaces or dots after a greeting.
 *
 * Each draft is a PREFIX, then a RUN repeated to N bytes, then a SUFFIX
 * that spoils the match at the very end (the worst case for an anchored
 * pattern). Every shape is linted with the prefilter off (every pattern
 * over every byte), on, and with JIT, and any "stopped at the match limit"
 * warning fails the test, naming the rule and the shape (never a corpus
 * text: these drafts are made up here).
 *
 * usage: limits [--quick] [MAX_BYTES]   (default 8192, the fuzzers' longest
 * input). --quick, as `make check` runs it, keeps the runs and suffixes
 * that found every quadratic pattern so far (a space, a dot, a newline, an
 * emoji, a letter; a spoiling "z"): some 15 s instead of a quarter of an hour. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exlint.h"
#include "lint.h"

static const char *const prefixes[] = {
    "",        "hey",        "hi",       "so",      "so hey",    "\xE2\x80\xA6hey", "hey you",
    "ok",      "k",          "whatever", "typical", "lol",       "hey \xF0\x9F\x98\x80", "x",
    "you",     "miss you",   "i",        "Sam",     "hey!",      "please",          "why",
    "> hey",   "\"hey",      "sorry",    "i just",  "what",      "are you there",   "hello?",
    "i miss",  "i'm sorry",  "we need",  "can we",  "i love",    "after all",       "how could",
    "are you", "u up",       "i saw",    "hope you", "you never", "i can't",        "no one",
    /* from the rule examples: each once stopped a rule with a run after it */
    "i'm",     "thinking about you", "hope you're happy", "i can't sleep", "if you loved me",
    "really glad i did", "real nice", "babe", "lol ok", "hope ur proud of yourself",
    "yes or no", "fine. noted",
};
static const char *const runs[] = {
    " ",  "\n", "\r\n", "\t", ".",  "!",  "?",  ",",  "\xE2\x80\xA6", "~", ")", "-", "*",
    "x",  " .", ". ",   "! ", "? ", " x", ", ", "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80 ",
    "\xE2\x80\x99", "\"", ">",  "a", "so ", "hey ", "please ", "you ", "i ", "sorry ", "no ",
};
static const char *const suffixes[] = {"z", "", ".z", "?"};
/* --quick: the runs at these indexes, and the first suffix only */
static const size_t quick_runs[] = {0, 1, 4, 13, 21};

enum { MODE_OFF, MODE_ON, MODE_JIT, MODE_COUNT };
static const char *const mode_names[MODE_COUNT] = {"prefilter off", "prefilter on", "JIT"};

static exl_linter *new_linter(void) {
  exl_config *cfg = exl_config_new();
  exl_linter *lin = NULL;
  exl_error err;
  if (!cfg || exl_config_set(cfg, "spell", "off", &err) != EXL_OK ||
      exl_config_set(cfg, "now", "2026-06-15T12:00:00", &err) != EXL_OK ||
      exl_linter_new(cfg, &lin, &err) != EXL_OK) {
    fprintf(stderr, "limits: cannot build a linter: %s\n", cfg ? err.msg : "out of memory");
    exit(2);
  }
  exl_config_free(cfg);
  return lin;
}

/* PREFIX, RUN repeated up to N bytes in all (whole runs only), SUFFIX. */
static char *make_draft(const char *prefix, const char *run, const char *suffix, size_t n,
                        size_t *len) {
  size_t lp = strlen(prefix), lr = strlen(run), ls = strlen(suffix);
  char *s = malloc(n + lp + ls + 1);
  if (!s)
    return NULL;
  memcpy(s, prefix, lp);
  size_t at = lp;
  while (at + lr <= n) {
    memcpy(s + at, run, lr);
    at += lr;
  }
  memcpy(s + at, suffix, ls);
  at += ls;
  s[at] = '\0';
  *len = at;
  return s;
}

/* The number of match-limit warnings for one draft in one mode, each
 * printed with the shape that caused it. */
static int check_one(exl_linter *lin, int mode, const char *draft, size_t len, size_t pi,
                     size_t ri, size_t si) {
  if (mode == MODE_OFF)
    setenv("EXLINT_PREFILTER", "off", 1);
  else
    unsetenv("EXLINT_PREFILTER");
  exl_result *res = NULL;
  exl_error err;
  if (exl_lint(lin, "limits", draft, len, &res, &err) != EXL_OK) {
    fprintf(stderr, "limits: draft refused: %s\n", err.msg);
    return 1;
  }
  int bad = 0;
  for (size_t i = 0; i < exl_result_warning_count(res); i++) {
    const char *w = exl_result_warning(res, i);
    if (!strstr(w, "match limit"))
      continue;
    fprintf(stderr, "FAIL %s: prefix %zu, run %zu, suffix %zu, %zu bytes: %s\n",
            mode_names[mode], pi, ri, si, len, w);
    bad++;
  }
  exl_result_free(res);
  return bad;
}

int main(int argc, char **argv) {
  bool quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
  size_t max = argc > 1 + quick ? strtoul(argv[1 + quick], NULL, 10) : 8192;
  /* the prefilter is chosen per lint (EXLINT_PREFILTER), so off and on share
   * one linter; JIT is a property of the linter */
  exl_linter *plain = new_linter(), *jit = new_linter();
  jit->jit_always = true;
  exl_linter *lin[MODE_COUNT] = {plain, plain, jit};
  size_t np = sizeof(prefixes) / sizeof(*prefixes);
  size_t nr = quick ? sizeof(quick_runs) / sizeof(*quick_runs) : sizeof(runs) / sizeof(*runs);
  size_t ns = quick ? 1 : sizeof(suffixes) / sizeof(*suffixes);
  int bad = 0, drafts = 0;
  for (size_t pi = 0; pi < np; pi++)
    for (size_t r = 0; r < nr; r++)
      for (size_t si = 0; si < ns; si++) {
        size_t ri = quick ? quick_runs[r] : r, len;
        char *d = make_draft(prefixes[pi], runs[ri], suffixes[si], max, &len);
        if (!d)
          return 2;
        for (int m = 0; m < MODE_COUNT; m++)
          bad += check_one(lin[m], m, d, len, pi, ri, si);
        drafts++;
        free(d);
      }
  exl_linter_free(plain);
  exl_linter_free(jit);
  if (bad) {
    printf("FAIL match-limits: %d rule runs stopped at the match limit (%d drafts of %zu bytes)\n",
           bad, drafts, max);
    return 1;
  }
  printf("ok match-limits (%d drafts of up to %zu bytes, 3 scan modes, no rule stopped)\n", drafts,
         max);
  return 0;
}
