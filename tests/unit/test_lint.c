/* test_lint.c - paragraphs: how patterns read them, and how the language
 * server's linter keeps what it found in them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "exlint.h"
#include "lint.h"

/* A linter over the packs in DIR, spelling off, at a fixed clock. */
static exl_linter *linter_for(const char *dir) {
  exl_config *cfg = exl_config_new();
  exl_linter *lin = NULL;
  exl_error err;
  assert_non_null(cfg);
  assert_int_equal(exl_config_set(cfg, "only_patterns", dir, &err), EXL_OK);
  assert_int_equal(exl_config_set(cfg, "spell", "off", &err), EXL_OK);
  assert_int_equal(exl_config_set(cfg, "now", "2026-06-15T12:00:00", &err), EXL_OK);
  exl_status st = exl_linter_new(cfg, &lin, &err);
  exl_config_free(cfg);
  if (st != EXL_OK)
    fail_msg("%s", err.msg);
  return lin;
}

static exl_linter *new_linter(void) { return linter_for("patterns"); /* the bundled packs */ }

static exl_result *lint(exl_linter *lin, const char *text) {
  exl_result *r = NULL;
  assert_int_equal(exl_lint(lin, "t", text, strlen(text), &r, NULL), EXL_OK);
  return r;
}

/* The finding of RULE in R, or NULL. */
static const exl_finding *finding(const exl_result *r, const char *rule) {
  for (size_t i = 0; i < exl_result_count(r); i++)
    if (strcmp(exl_result_finding(r, i)->rule, rule) == 0)
      return exl_result_finding(r, i);
  return NULL;
}

static void draft_paragraphs_split_at_blank_lines(void **state) {
  (void)state;
  const char *text = "one\ntwo\n\n  three\n \n\nfour\n\n";
  struct draft d;
  exl_error err;
  assert_int_equal(draft_parse(&d, "t", text, strlen(text), &err), EXL_OK);
  assert_int_equal(d.npar, 3);
  assert_int_equal(d.par[0], 0);
  assert_int_equal(d.par[1], 11); /* "three": a paragraph starts at its first letter */
  assert_int_equal(d.par[2], 20); /* "four"; the blank lines stay with "three" */
  assert_int_equal(d.par[3], d.norm_len); /* trailing blank lines stay with the last */
  assert_int_equal(draft_para_at(&d, 10), 0); /* the gap before "three" */
  assert_int_equal(draft_para_at(&d, 11), 1);
  assert_int_equal(draft_para_at(&d, 25), 2);
  draft_free(&d);
}

/* A paragraph's first words start a sentence, as a message's do; a
 * pattern anchored to the draft's start still means the whole draft. */
static void a_paragraph_reads_like_a_message(void **state) {
  (void)state;
  exl_linter *lin = new_linter();
  exl_result *r = lint(lin, "I know what happened and I did my part.\n\nIs your fault we ended.");
  const exl_finding *f = finding(r, "blame.your-fault");
  assert_non_null(f);
  assert_int_equal(f->offset, 41); /* from "Is", not from the period before the blank line */
  exl_result_free(r);
  r = lint(lin, "Thanks for sending the forms back so quickly, it helped a lot with the bank.\n\n"
                "Richard");
  assert_null(finding(r, "vague-opener.single-word")); /* a signature, not an opener */
  exl_result_free(r);
  exl_linter_free(lin);
}

/* The server keeps each paragraph's matches. Paragraphs that differ only
 * in their quotes normalise alike (U+2018 and U+2019 are both "'"), but a
 * rewrite copies the original bytes: each must get its own. */
static void kept_paragraphs_keep_their_own_quotes(void **state) {
  (void)state;
  exl_linter *server = new_linter(), *fresh = new_linter();
  lint_long_lived(server);
  static const char *const quote[] = {"'", "\xE2\x80\x98", "\xE2\x80\x99", "'"};
  for (size_t i = 0; i < 4; i++) {
    char text[160], want[16];
    snprintf(text, sizeof(text), "Hi.\n\nI was sorry for the %sjoke', but you laughed too.",
             quote[i]);
    snprintf(want, sizeof(want), "%sjoke'.", quote[i]);
    exl_result *a = lint(server, text), *b = lint(fresh, text);
    const exl_finding *fa = finding(a, "non-apology.sorry-for-but");
    const exl_finding *fb = finding(b, "non-apology.sorry-for-but");
    assert_non_null(fa);
    assert_non_null(fb);
    assert_string_equal(fa->replacement, fb->replacement);
    assert_non_null(strstr(fa->replacement, want));
    exl_result_free(a);
    exl_result_free(b);
  }
  exl_linter_free(server);
  exl_linter_free(fresh);
}

/* Remove the scratch directory DIR (mkdtemp'd by a test) and all in it. */
static void remove_scratch(const char *dir) {
  char cmd[128];
  snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
  assert_int_equal(system(cmd), 0);
}

/* Make the scratch directory DIR (a mkdtemp template) and write one pack,
 * NAME.json, holding JSON into it. */
static void scratch_pack(char *dir, const char *name, const char *json) {
  assert_non_null(mkdtemp(dir));
  char path[96];
  snprintf(path, sizeof(path), "%s/%s.json", dir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(json, f);
  fclose(f);
}

/* A model beside the packs that cannot be read is said once per result,
 * and the tone goes on without it. */
static void unreadable_model_is_a_warning(void **state) {
  (void)state;
  char dir[] = "/tmp/exlint-model-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[64], cmd[160];
  snprintf(cmd, sizeof(cmd), "cp tests/fixtures/pack/*.json %s/", dir);
  assert_int_equal(system(cmd), 0);
  snprintf(path, sizeof(path), "%s/learned.bin", dir);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs("not a model", f);
  fclose(f);
  exl_linter *lin = linter_for(dir);
  exl_result *r = lint(lin, "Mom asked about you again at Sunday lunch, I didn't know what to say.");
  assert_int_equal(exl_result_warning_count(r), 1);
  assert_non_null(strstr(exl_result_warning(r, 0), "learned.bin"));
  assert_non_null(strstr(exl_result_warning(r, 0), "without word evidence"));
  exl_result_free(r);
  exl_linter_free(lin);
  remove_scratch(dir);
}

/* Quoted lines are blanked for the rules and kept aside, normalised, for
 * the exceptions that ask what the draft answers. */
static void quoted_lines_are_kept_aside(void **state) {
  (void)state;
  const char *text = "> are you seeing anyone\xE2\x80\x99s new?\nYeah, I am.\n  > ok\n";
  struct draft d;
  exl_error err;
  assert_int_equal(draft_parse(&d, "t", text, strlen(text), &err), EXL_OK);
  assert_string_equal(d.quoted, " are you seeing anyone's new?\n ok\n");
  assert_int_equal(d.quoted_len, strlen(d.quoted));
  assert_null(strstr(d.norm, "seeing")); /* the rules don't see it */
  draft_free(&d);
  assert_int_equal(draft_parse(&d, "t", "no quotes here", 14, &err), EXL_OK);
  assert_null(d.quoted);
  draft_free(&d);
}

/* A model file whose every model answers its bias, whatever the draft:
 * no features, so p = sigmoid(bias). NAMES, BIAS, HINT: NMODELS of each. */
static void write_model(const char *dir, const char *const *names, const float *bias,
                        const float *hint, uint32_t nmodels) {
  char path[96];
  snprintf(path, sizeof(path), "%s/learned.bin", dir);
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  const uint32_t head[4] = {3, 20, nmodels, 0}; /* version, hash bits, models, features */
  const float thresholds[2] = {0.9f, 0.8f};     /* warn, info: the tone's, unused here */
  fwrite("EXLM", 1, 4, f);
  fwrite(head, 4, 4, f);
  fwrite(thresholds, 4, 2, f);
  for (uint32_t k = 0; k < nmodels; k++) {
    char name[24] = {0};
    snprintf(name, sizeof(name), "%s", names[k]);
    fwrite(name, 1, sizeof(name), f);
    fwrite(&bias[k], 4, 1, f);
    fwrite(&hint[k], 4, 1, f);
  }
  fclose(f);
}

/* With a model of NMODELS models written into DIR beside its packs: the
 * severity of RULE's finding (there must be one) on TEXT. */
static exl_severity severity_with_model(const char *dir, const char *const *names,
                                        const float *bias, const float *hint, uint32_t nmodels,
                                        const char *text, const char *rule) {
  write_model(dir, names, bias, hint, nmodels);
  exl_linter *lin = linter_for(dir);
  exl_result *r = lint(lin, text);
  const exl_finding *f = finding(r, rule);
  assert_non_null(f);
  exl_severity sev = f->severity;
  exl_result_free(r);
  exl_linter_free(lin);
  return sev;
}

/* The learned detector: a hint speaks only when no rule named its
 * category; on a draft no rule warned about only the strongest hint stays
 * a warning and the rest are info; beside a rule's warning every hint
 * keeps its warning; safety stays an error.
 * (Little-endian host: the file is written in host order.) */
static void learned_hint_severity(void **state) {
  (void)state;
  char dir[] = "/tmp/exlint-hints-XXXXXX";
  scratch_pack(dir, "hints",
               "{\"pack\": \"hints\", \"rules\": ["
        "{\"id\": \"guilt-trip.learned\", \"category\": \"guilt-trip\", \"severity\": \"warning\","
        " \"detector\": \"learned\", \"message\": \"g\", \"explain\": \"g\", \"suggestion\": \"g\"},"
        "{\"id\": \"blame.learned\", \"category\": \"blame\", \"severity\": \"warning\","
        " \"detector\": \"learned\", \"message\": \"b\", \"explain\": \"b\", \"suggestion\": \"b\"},"
        "{\"id\": \"safety.learned\", \"category\": \"safety\", \"severity\": \"error\","
        " \"detector\": \"learned\", \"message\": \"s\", \"explain\": \"s\", \"suggestion\": \"s\"},"
        "{\"id\": \"pressure.answer\", \"category\": \"pressure\", \"severity\": \"warning\","
        " \"message\": \"p\", \"explain\": \"p\", \"suggestion\": \"p\", \"patterns\": [\"\\\\banswer me\\\\b\"]},"
        "{\"id\": \"blame.never\", \"category\": \"blame\", \"severity\": \"warning\","
        " \"message\": \"n\", \"explain\": \"n\", \"suggestion\": \"n\", \"patterns\": [\"\\\\byou never\\\\b\"]}"
        "]}\n");
  const char *const names[] = {"flag", "guilt-trip", "blame", "safety"};
  const float bias[] = {0, 3, 2, -5}, hint[] = {2, 0.5f, 0.5f, 0.5f};
  write_model(dir, names, bias, hint, 4);
  exl_linter *lin = linter_for(dir);
  const char *plain = "i had to cancel my plans again because someone had to have the kids.";
  exl_result *r = lint(lin, plain);
  const exl_finding *g = finding(r, "guilt-trip.learned"), *b = finding(r, "blame.learned");
  assert_non_null(g);
  assert_non_null(b);
  assert_int_equal(g->severity, EXL_WARNING); /* furthest over its threshold */
  assert_int_equal(b->severity, EXL_INFO);
  assert_null(finding(r, "safety.learned")); /* under its threshold */
  exl_result_free(r);
  r = lint(lin, "i had to cancel my plans again because someone had to have the kids. answer me.");
  assert_int_equal(finding(r, "pressure.answer")->severity, EXL_WARNING);
  assert_int_equal(finding(r, "guilt-trip.learned")->severity, EXL_WARNING); /* a rule warned: */
  assert_int_equal(finding(r, "blame.learned")->severity, EXL_WARNING);      /* no lead needed */
  exl_result_free(r);
  r = lint(lin, "i had to cancel my plans again because you never have the kids on time.");
  assert_null(finding(r, "blame.learned")); /* a rule named blame */
  exl_result_free(r);
  r = lint(lin, "short one");
  assert_null(finding(r, "guilt-trip.learned")); /* under eight words */
  exl_result_free(r);
  exl_linter_free(lin);
  const float unsafe[] = {0, 3, 2, 5};
  assert_int_equal(severity_with_model(dir, names, unsafe, hint, 4, plain, "safety.learned"),
                   EXL_ERROR);
  remove_scratch(dir);
}

/* A word budget alone on a draft the draft-level model reads as one to send
 * is info (a long practical message); beside another warning, or when the
 * model reads the draft as one to flag, or with no model, it warns. */
static void practical_length_is_info(void **state) {
  (void)state;
  char dir[] = "/tmp/exlint-length-XXXXXX";
  scratch_pack(dir, "length",
               "{\"pack\": \"length\", \"rules\": ["
               "{\"id\": \"wall-of-text.words\", \"category\": \"wall-of-text\","
               " \"severity\": \"warning\", \"detector\": \"words\", \"params\":"
               " {\"first-contact\": 12, \"reconnecting\": 12, \"relationship-talk\": 12},"
               " \"message\": \"w\", \"explain\": \"w\", \"suggestion\": \"w\"},"
               "{\"id\": \"pressure.answer\", \"category\": \"pressure\", \"severity\": \"warning\","
               " \"message\": \"p\", \"explain\": \"p\", \"suggestion\": \"p\","
               " \"patterns\": [\"\\\\banswer me\\\\b\"]}"
               "]}\n");
  const char *longer = "the inspection is on friday at ten, so could you clear your room by "
                       "thursday, and the van for the desk is sixty pounds.";
  exl_linter *lin = linter_for(dir); /* no model yet */
  exl_result *r = lint(lin, longer);
  assert_int_equal(finding(r, "wall-of-text.words")->severity, EXL_WARNING);
  exl_result_free(r);
  exl_linter_free(lin);
  const char *const names[] = {"flag"};
  const float calm[] = {-3}, upset[] = {3}, no_hint[] = {2}; /* info threshold 0.8 */
  write_model(dir, names, calm, no_hint, 1);
  lin = linter_for(dir);
  r = lint(lin, longer);
  assert_int_equal(finding(r, "wall-of-text.words")->severity, EXL_INFO);
  assert_int_equal(exl_result_worst(r), EXL_INFO); /* exits 0 */
  exl_result_free(r);
  r = lint(lin, "the inspection is on friday at ten, so could you clear your room by thursday. "
                "answer me.");
  assert_int_equal(finding(r, "wall-of-text.words")->severity, EXL_WARNING);
  exl_result_free(r);
  exl_linter_free(lin);
  assert_int_equal(
      severity_with_model(dir, names, upset, no_hint, 1, longer, "wall-of-text.words"),
      EXL_WARNING);
  remove_scratch(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(draft_paragraphs_split_at_blank_lines),
      cmocka_unit_test(quoted_lines_are_kept_aside),
      cmocka_unit_test(a_paragraph_reads_like_a_message),
      cmocka_unit_test(kept_paragraphs_keep_their_own_quotes),
      cmocka_unit_test(unreadable_model_is_a_warning),
      cmocka_unit_test(learned_hint_severity),
      cmocka_unit_test(practical_length_is_info),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
