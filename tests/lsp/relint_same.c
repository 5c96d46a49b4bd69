/* relint_same.c - the language server's linter must find what a fresh one
 * finds, edit after edit.
 *
 * The server makes its linter long-lived (lint_long_lived: every pattern it
 * runs JIT-compiled, exceptions and apology parts included, spelling
 * verdicts remembered, the literal index's map from literals to clauses,
 * and each paragraph's matches kept, so that only the paragraphs an edit
 * touched are scanned again). The stage changes every 40 edits.
 * None of that may change a finding. This test edits drafts at random
 * (seeded: the same edits every run), and lints every version with a
 * long-lived linter that has seen all the versions before it and with a
 * linter that has never been made long-lived, then compares the two results:
 * the JSON report (findings, tone, stats) and the warnings. The edits
 * insert and delete words, shouting, punctuation, emoji, blank lines, typos
 * (remembered as rejected) and runs of dictionary words (enough distinct
 * words that the verdict memo is emptied and refilled).
 *
 * Usage: lsp-relint-same [--edits=N] [--seed=S] DRAFT...
 * Exit 0 when every version agrees; 1 at the first that does not, naming
 * the draft file, the edit and the rule ids and offsets that differ (never
 * the text). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exlint.h"
#include "lint.h"

/* What an edit may insert. */
static const char *const pieces[] = {
    "really ",     "please ",        "PLEASE ANSWER ME ", "answer me now!!! ", "sooo ",
    "\n\n",        "I miss you. ",   "\xF0\x9F\x98\x85 ",  "why why ",          "u ",
    "NEVER ",      "I'm sorry but ", "you always ",       "?? ",               "... ",
    "Sam ",        "tonight ",       "I need to know ",   "it's fine. ",       "k ",
    "\xE2\x80\x99", "we should talk ", "I'm sorry for the \"joke\", but ",
    "\n> are you seeing anyone?\n", "I've been seeing someone. ",
};
#define NPIECES (sizeof(pieces) / sizeof(pieces[0]))

/* Typos, each taken out again by the next edit: a typo costs Hunspell's
 * suggestion search on every version that holds it, in both linters. */
static const char *const typos[] = {"pleeease ", "definately ", "caf\xC3\xA9 "};
#define NTYPOS (sizeof(typos) / sizeof(typos[0]))

static uint64_t rng_state;

static uint64_t rng(void) { /* xorshift64: the same edits on every machine */
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

static size_t below(size_t n) { return n ? (size_t)(rng() % n) : 0; }

/* A draft, growable. */
struct text {
  char *s;
  size_t len, cap;
};

static void text_splice(struct text *t, size_t at, size_t del, const char *ins, size_t n) {
  if (t->len + n + 1 > t->cap) {
    t->cap = (t->len + n + 1) * 2;
    t->s = realloc(t->s, t->cap);
    if (!t->s) {
      fputs("lsp-relint-same: out of memory\n", stderr);
      exit(2);
    }
  }
  memmove(t->s + at + n, t->s + at + del, t->len - at - del + 1);
  memcpy(t->s + at, ins, n);
  t->len = t->len - del + n;
}

/* The first offset at or after AT that starts a word (or the end): edits
 * that cut words in two would make typos, and every typo costs a
 * suggestion search in both linters on every version. */
static size_t word_start(const struct text *t, size_t at) {
  while (at < t->len && at > 0 && t->s[at - 1] != ' ' && t->s[at - 1] != '\n')
    at++;
  return at;
}

/* Words of the dictionary for the verdict memo (NULL entries when it is
 * not there: the other edits still run). */
#define NWORDS 4096
static char *words[NWORDS];

static void read_words(const char *dic) {
  FILE *f = fopen(dic, "r");
  char line[256];
  size_t n = 0, seen = 0;
  while (f && n < NWORDS && fgets(line, sizeof(line), f)) {
    size_t len = strcspn(line, "/\n");
    bool plain = len >= 3;
    for (size_t i = 0; i < len && plain; i++)
      plain = line[i] >= 'a' && line[i] <= 'z';
    if (plain && seen++ % 7 == 0) { /* spread over the alphabet */
      line[len] = ' ';
      words[n++] = strndup(line, len + 1);
    }
  }
  if (f)
    fclose(f);
}

/* Where the last typo went, to take it out again (length 0: none). */
static size_t typo_at, typo_len;

/* Turn the first straight quote from AT on into a typographic one, or
 * back (' and U+2019, " and U+201C). The normalised text stays the same
 * and only the original bytes change: a rewrite copies those, so a cached
 * paragraph must be told apart. */
static bool swap_quote(struct text *t, size_t at) {
  static const char *const pairs[][2] = {{"'", "\xE2\x80\x99"}, {"\"", "\xE2\x80\x9C"}};
  for (size_t i = at; i < t->len; i++)
    for (size_t k = 0; k < 2; k++) {
      const char *straight = pairs[k][0], *curly = pairs[k][1];
      if (t->s[i] == straight[0]) {
        text_splice(t, i, 1, curly, 3);
        return true;
      }
      if (i + 2 < t->len && memcmp(t->s + i, curly, 3) == 0) {
        text_splice(t, i, 3, straight, 1);
        return true;
      }
    }
  return false;
}

/* One random edit: take out the last typo, or delete a span, insert a
 * piece, a typo or a run of dictionary words, or swap a quote. */
static void edit(struct text *t) {
  size_t at = word_start(t, below(t->len + 1)), kind = below(6);
  if (kind == 5 && !typo_len && swap_quote(t, at))
    return;
  if (typo_len) {
    text_splice(t, typo_at, typo_len, "", 0);
    typo_len = 0;
  } else if (kind == 4 && below(4) == 0) {
    const char *p = typos[below(NTYPOS)];
    text_splice(t, at, 0, p, strlen(p));
    typo_at = at;
    typo_len = strlen(p);
  } else if (kind == 0 && t->len > 0) {
    size_t to = at + below(24);
    size_t end = word_start(t, to < t->len ? to : t->len); /* never past the end */
    text_splice(t, at, end - at, "", 0);
  } else if (kind == 1 && words[0]) {
    for (size_t i = 0; i < 24; i++) {
      const char *w = words[below(NWORDS)];
      if (w)
        text_splice(t, at, 0, w, strlen(w));
    }
  } else {
    const char *p = pieces[below(NPIECES)];
    text_splice(t, at, 0, p, strlen(p));
  }
  if (t->len > 4000 && !typo_len) /* keep the drafts draft-sized: cut the tail */
    text_splice(t, word_start(t, 3000), t->len - word_start(t, 3000), "", 0);
}

/* Everything a client sees: the JSON report (findings with their spans,
 * messages and rewrites, the tone, the stats) and the warnings, which the
 * report leaves out. */
static bool same_result(const exl_result *a, const exl_result *b) {
  char *ja = exl_render(&a, 1, EXL_FORMAT_JSON, 0), *jb = exl_render(&b, 1, EXL_FORMAT_JSON, 0);
  size_t nw = exl_result_warning_count(a);
  bool same = ja && jb && strcmp(ja, jb) == 0 && nw == exl_result_warning_count(b);
  for (size_t i = 0; same && i < nw; i++)
    same = strcmp(exl_result_warning(a, i), exl_result_warning(b, i)) == 0;
  free(ja);
  free(jb);
  return same;
}

/* Rule ids and offsets only: the draft's words stay out of the log. */
static void print_findings(const char *who, const exl_result *r) {
  fprintf(stderr, "  %s: %zu findings, %zu warnings, tone %d\n", who, exl_result_count(r),
          exl_result_warning_count(r), exl_result_tone(r)->score);
  for (size_t i = 0; i < exl_result_count(r); i++) {
    const exl_finding *f = exl_result_finding(r, i);
    fprintf(stderr, "    %s %zu+%zu %s\n", f->rule, f->offset, f->length,
            exl_severity_name(f->severity));
  }
}

static exl_linter *new_linter(void) {
  exl_config *cfg = exl_config_new();
  exl_linter *lin = NULL;
  exl_error err;
  if (!cfg || exl_config_set(cfg, "now", "2026-06-15T12:00:00", &err) != EXL_OK ||
      exl_linter_new(cfg, &lin, &err) != EXL_OK) {
    fprintf(stderr, "lsp-relint-same: %s\n", cfg ? err.msg : "out of memory");
    exit(2);
  }
  exl_config_free(cfg);
  return lin;
}

/* Lint every version of PATH's draft after EDITS random edits with both
 * linters; false at the first difference. */
static bool check_draft(exl_linter *server, exl_linter *fresh, const char *path, int edits) {
  FILE *f = fopen(path, "rb");
  struct text t = {0};
  char buf[4096];
  size_t n;
  text_splice(&t, 0, 0, "", 0);
  while (f && (n = fread(buf, 1, sizeof(buf), f)) > 0)
    text_splice(&t, t.len, 0, buf, n);
  if (f)
    fclose(f);
  else
    fprintf(stderr, "lsp-relint-same: cannot read %s\n", path);
  bool ok = f != NULL;
  typo_len = 0;
  for (int i = 0; ok && i <= edits; i++) {
    exl_result *a = NULL, *b = NULL;
    exl_status sa = exl_lint(server, path, t.s, t.len, &a, NULL);
    exl_status sb = exl_lint(fresh, path, t.s, t.len, &b, NULL);
    ok = sa == sb && (sa != EXL_OK || same_result(a, b));
    if (!ok) {
      fprintf(stderr, "FAIL relint-same: %s after edit %d (%zu bytes): the results differ\n",
              path, i, t.len);
      if (a && b) {
        print_findings("long-lived", a);
        print_findings("fresh", b);
      }
    }
    exl_result_free(a);
    exl_result_free(b);
    edit(&t);
    if (i % 40 == 39) { /* the settings change the stage: cached paragraphs must not leak over */
      exl_stage st = (exl_stage)((i / 40 + 1) % 3);
      exl_linter_set_stage(server, st);
      exl_linter_set_stage(fresh, st);
    }
  }
  free(t.s);
  return ok;
}

int main(int argc, char **argv) {
  int edits = 150;
  rng_state = 0x9E3779B97F4A7C15u;
  int ndrafts = 0;
  for (int i = 1; i < argc; i++) {
    if (strncmp(argv[i], "--edits=", 8) == 0)
      edits = (int)strtol(argv[i] + 8, NULL, 10);
    else if (strncmp(argv[i], "--seed=", 7) == 0)
      rng_state = strtoull(argv[i] + 7, NULL, 10) | 1;
    else
      ndrafts++;
  }
  if (ndrafts == 0) {
    fputs("usage: lsp-relint-same [--edits=N] [--seed=S] DRAFT...\n", stderr);
    return 2;
  }
  read_words("/usr/share/hunspell/en_US.dic");
  exl_linter *server = new_linter(), *fresh = new_linter();
  lint_long_lived(server);
  bool ok = true;
  for (int i = 1; ok && i < argc; i++)
    if (strncmp(argv[i], "--", 2) != 0)
      ok = check_draft(server, fresh, argv[i], edits);
  if (ok)
    printf("ok relint-same (%d drafts, %d edits each: long-lived linter = fresh linter)\n",
           ndrafts, edits);
  exl_linter_free(server);
  exl_linter_free(fresh);
  for (size_t i = 0; i < NWORDS; i++)
    free(words[i]);
  return ok ? 0 : 1;
}
