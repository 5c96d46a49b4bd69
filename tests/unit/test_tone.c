/* test_tone.c - properties of the tone score, through the public API only.
 *
 * The linter is built from the bundled packs with spelling off. Every test
 * checks a property over many drafts rather than one number, so the tests
 * keep holding while the packs grow: extra heat or an extra problem never
 * raises the score, removing a flagged sentence never lowers it, typography
 * and repetition change nothing, the parts add up. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "exlint.h"

/* ---- fixtures --------------------------------------------------------- */

/* Point the library at the source tree's packs when the binary runs from a
 * build directory that has none beside it (build/asan/unit/...). */
static void find_patterns(void) {
  if (getenv("EXLINT_PATTERNS_DIR"))
    return;
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  if (n <= 0)
    return;
  exe[n] = '\0';
  for (char *slash; (slash = strrchr(exe, '/')) != NULL && slash != exe;) {
    *slash = '\0';
    char dir[PATH_MAX + 32];
    struct stat st;
    snprintf(dir, sizeof(dir), "%s/patterns/safety.json", exe);
    if (stat(dir, &st) == 0) {
      snprintf(dir, sizeof(dir), "%s/patterns", exe);
      setenv("EXLINT_PATTERNS_DIR", dir, 0);
      return;
    }
  }
}

static int setup(void **state) {
  find_patterns();
  exl_config *cfg = exl_config_new();
  exl_linter *lin = NULL;
  exl_error err;
  if (!cfg || exl_config_set(cfg, "spell", "off", &err) != EXL_OK ||
      exl_linter_new(cfg, &lin, &err) != EXL_OK) {
    fprintf(stderr, "test_tone: %s\n", err.msg);
    exl_config_free(cfg);
    return -1;
  }
  exl_config_free(cfg);
  *state = lin;
  return 0;
}

static int teardown(void **state) {
  exl_linter_free(*state);
  return 0;
}

static exl_result *lint(const exl_linter *lin, const char *text) {
  exl_result *res = NULL;
  exl_error err;
  if (exl_lint(lin, "draft", text, strlen(text), &res, &err) != EXL_OK)
    fail_msg("lint failed: %s", err.msg);
  return res;
}

static int score(const exl_linter *lin, const char *text) {
  exl_result *res = lint(lin, text);
  int s = exl_result_tone(res)->score;
  exl_result_free(res);
  return s;
}

/* Join A and B with a space (a new sentence). malloc'd. */
static char *join(const char *a, const char *sep, const char *b) {
  size_t n = strlen(a) + strlen(sep) + strlen(b) + 1;
  char *s = malloc(n);
  assert_non_null(s);
  snprintf(s, n, "%s%s%s", a, sep, b);
  return s;
}

/* A dozen drafts of every kind: calm, kind, logistics, a little needy, and
 * some already over the line. */
static const char *const bases[] = {
    "Hey, saw a dog that looked just like Biscuit today. Hope work is treating you well.",
    "The school needs the permission slip signed by Friday. It's in Jack's blue folder.",
    "Happy birthday! Hope the year ahead is a kind one.",
    "I'm sorry for how I spoke to you at the party. That was on me, and I'm working on it.",
    "Hi, Maya's dentist appointment moved to Thursday at 3:40. Can you take her or should I?",
    "hey",
    "whatever.",
    "I miss you. I think about us a lot.",
    "I've been thinking about how we left things. No pressure, but I'd be glad to grab a "
    "coffee sometime. Take your time.",
    "You never listened to me. Not once.",
    "Did you get my message? I need an answer tonight.",
    "Congrats on the new job, your sister told me. Sounds like a great team.",
    "i cant do this without you, please come back",
    "Still have your blue jacket and a box of books here, want me to drop them off?",
};
#define NBASES (sizeof(bases) / sizeof(bases[0]))

/* ---- adding heat or a problem never raises the score ------------------ */

static void check_never_raises(const exl_linter *lin, const char *what, const char *const *adds,
                               size_t nadds, const char *const *seps, size_t nseps) {
  int failures = 0;
  for (size_t b = 0; b < NBASES; b++) {
    int before = score(lin, bases[b]);
    for (size_t a = 0; a < nadds; a++)
      for (size_t p = 0; p < nseps; p++) {
        /* seps[p] == NULL means "in front" */
        char *t = seps[p] ? join(bases[b], seps[p], adds[a]) : join(adds[a], " ", bases[b]);
        int after = score(lin, t);
        if (after > before) {
          print_error("%s raised the score %d -> %d: base %zu, addition %zu, place %zu\n",
                      what, before, after, b, a, p);
          failures++;
        }
        free(t);
      }
  }
  assert_int_equal(failures, 0);
}

static void bangs_never_raise(void **state) {
  const char *const adds[] = {"!!!", "!!!!!!"};
  const char *const seps[] = {"", " "};
  check_never_raises(*state, "\"!!!\"", adds, 2, seps, 2);
}

static void caps_never_raise(void **state) {
  const char *const adds[] = {"SERIOUSLY", "LISTEN", "WHY", "NOW."};
  const char *const seps[] = {" ", NULL};
  check_never_raises(*state, "an ALL CAPS word", adds, 4, seps, 2);
}

static void begging_never_raises(void **state) {
  const char *const adds[] = {
      "Please, I'm begging you, give me one more chance.",
      "pls pls pls just take me back, ill do anything",
      "Please don't give up on us, I'll change, I promise.",
      "I'm on my knees here. Please reconsider.",
  };
  const char *const seps[] = {" ", "\n\n", NULL};
  check_never_raises(*state, "a begging sentence", adds, 4, seps, 3);
}

static void insults_never_raise(void **state) {
  const char *const adds[] = {
      "You're a pathetic, selfish liar.",
      "fuck you.",
      "Have a nice life, loser.",
      "What an idiot you are.",
  };
  const char *const seps[] = {" ", "\n", NULL};
  check_never_raises(*state, "an insult", adds, 4, seps, 3);
}

/* ---- removing a flagged sentence never lowers it ---------------------- */

static const char *const mixed[][6] = {
    {"Hey, hope you're well.", "I miss you so much it hurts.", "Anyway, the kids are fine.", NULL},
    {"I got the boxes.", "You always make everything about you.", "Pickup is at 5.", NULL},
    {"Please please please take me back.", "I can't live without you.", "Hope work is ok.",
     NULL},
    {"Congrats on the house.", "Who is he?", "Are you seeing someone already?", NULL},
    {"hey", "answer me.", "WHY ARE YOU IGNORING ME", "I've texted you five times.", NULL},
    {"Thanks for the photos.", "Sorry you feel that way.", "I did nothing wrong.", NULL},
    {"I drove past your apartment last night.", "Your lights were on until 2.", "Sleep well.",
     NULL},
    {"You're a selfish piece of shit.", "Enjoy being alone.", "Say hi to your mom.", NULL},
    {"Happy new year.", "If you don't come back I don't know what I'll do to myself.", NULL},
    {"Hi babe.", "u up?", "Miss your lips.", NULL},
};
#define NMIXED (sizeof(mixed) / sizeof(mixed[0]))

static char *build(const char *const *sent, size_t skip, size_t *starts, size_t *ends) {
  char buf[2048] = "";
  size_t len = 0;
  for (size_t i = 0; sent[i]; i++) {
    if (i == skip)
      continue;
    if (len)
      buf[len++] = ' ';
    if (starts)
      starts[i] = len;
    len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s", sent[i]);
    if (ends)
      ends[i] = len;
  }
  buf[len] = '\0';
  char *s = strdup(buf);
  assert_non_null(s);
  return s;
}

static void deleting_flagged_sentence_never_lowers(void **state) {
  const exl_linter *lin = *state;
  int failures = 0, deletions = 0;
  for (size_t m = 0; m < NMIXED; m++) {
    size_t starts[6] = {0}, ends[6] = {0};
    char *whole = build(mixed[m], SIZE_MAX, starts, ends);
    exl_result *res = lint(lin, whole);
    int before = exl_result_tone(res)->score;
    for (size_t i = 0; mixed[m][i]; i++) {
      bool flagged = false;
      for (size_t k = 0; k < exl_result_count(res); k++) {
        const exl_finding *f = exl_result_finding(res, k);
        flagged |= f->severity >= EXL_WARNING && f->offset >= starts[i] && f->offset < ends[i];
      }
      if (!flagged)
        continue;
      char *rest = build(mixed[m], i, NULL, NULL);
      int after = score(lin, rest);
      deletions++;
      if (after < before) {
        print_error("deleting sentence %zu of draft %zu lowered the score %d -> %d\n", i, m,
                    before, after);
        failures++;
      }
      free(rest);
    }
    exl_result_free(res);
    free(whole);
  }
  assert_true(deletions >= 8); /* the packs flag most of these sentences */
  assert_int_equal(failures, 0);
}

/* ---- typography, determinism, bookkeeping ----------------------------- */

/* A and B scored the same, component for component; frees both. */
static void assert_same_tone(exl_result *a, exl_result *b) {
  const exl_tone *ta = exl_result_tone(a), *tb = exl_result_tone(b);
  assert_int_equal(ta->score, tb->score);
  assert_string_equal(ta->label, tb->label);
  assert_int_equal(ta->ncomponents, tb->ncomponents);
  for (size_t k = 0; k < ta->ncomponents; k++) {
    assert_string_equal(ta->components[k].name, tb->components[k].name);
    assert_int_equal(ta->components[k].delta, tb->components[k].delta);
  }
  exl_result_free(a);
  exl_result_free(b);
}

static void same_for_typographic_quotes(void **state) {
  static const char *const pairs[][2] = {
      {"I'm sorry you feel that way, it's not my fault.",
       "I\xE2\x80\x99m sorry you feel that way, it\xE2\x80\x99s not my fault."},
      {"She said \"you always run\" and I think she's right, that's on me.",
       "She said \xE2\x80\x9Cyou always run\xE2\x80\x9D and I think she\xE2\x80\x99s right, "
       "that\xE2\x80\x99s on me."},
      {"Hope you're well. Don't worry about the jacket.",
       "Hope you\xE2\x80\x99re well. Don\xE2\x80\x99t worry about the jacket."},
      {"i can't live without you. i'm nothing. \"please\" come back",
       "i can\xE2\x80\x99t live without you. i\xE2\x80\x99m nothing. "
       "\xE2\x80\x9Cplease\xE2\x80\x9D come back"},
  };
  const exl_linter *lin = *state;
  for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
    exl_result *a = lint(lin, pairs[i][0]), *b = lint(lin, pairs[i][1]);
    assert_same_tone(a, b);
  }
}

static void deterministic(void **state) {
  const exl_linter *lin = *state;
  for (size_t i = 0; i < NBASES; i++) {
    exl_result *a = lint(lin, bases[i]), *b = lint(lin, bases[i]);
    assert_same_tone(a, b);
  }
}

static void components_sum_to_score(void **state) {
  static const char *const labels[] = {"calm",       "warm",   "anxious", "needy",
                                       "pressuring", "bitter", "hostile", "crisis"};
  const exl_linter *lin = *state;
  const char *extra[] = {
      "", "I MISS YOU SO MUCH!!!!!! PLEASE PLEASE PLEASE COME BACK 😭😭😭😭",
      "you're a selfish piece of shit. fuck you. have a nice life. i'll make you regret it.",
      "Hope you're well! Take your time, no pressure. Thanks again for the photos, they made me "
      "smile. Happy birthday!"};
  for (size_t i = 0; i < NBASES + 4; i++) {
    const char *text = i < NBASES ? bases[i] : extra[i - NBASES];
    exl_result *res = lint(lin, text);
    const exl_tone *t = exl_result_tone(res);
    assert_true(t->ncomponents >= 1);
    assert_string_equal(t->components[0].name, "base");
    int sum = 0;
    for (size_t k = 0; k < t->ncomponents; k++)
      sum += t->components[k].delta;
    assert_int_equal(sum, t->score);
    assert_in_range(t->score, 0, 100);
    bool known = false;
    for (size_t k = 0; k < 8; k++)
      known |= strcmp(t->label, labels[k]) == 0;
    assert_true(known);
    exl_result_free(res);
  }
}

/* ---- anchors ---------------------------------------------------------- */

static void clean_checkin_scores_high(void **state) {
  exl_result *res = lint(*state, "Hey, saw a dog that looked just like Biscuit today.\n"
                                 "Hope work is treating you well.");
  const exl_tone *t = exl_result_tone(res);
  assert_true(t->score >= 80);
  assert_true(strcmp(t->label, "calm") == 0 || strcmp(t->label, "warm") == 0);
  exl_result_free(res);
}

static void begging_caps_rant_scores_low(void **state) {
  const char *const rants[] = {
      "PLEASE PLEASE PLEASE ANSWER ME!!! I'M BEGGING YOU, I CAN'T LIVE WITHOUT YOU!!!",
      "pleeeease just give me one more chance, I NEED YOU, I'll do ANYTHING!!!! please dont "
      "leave me 😭😭😭😭",
  };
  for (size_t i = 0; i < 2; i++) {
    int s = score(*state, rants[i]);
    if (s > 20)
      fail_msg("rant %zu scored %d", i, s);
  }
}

/* Crisis whenever a safety finding is present; the score's own safety cues
 * give the same label when a pack misses the wording. */
static void safety_is_crisis(void **state) {
  const char *const drafts[] = {
      "If you don't come back I'll kill myself.",
      "Hope you're well. I've been thinking everyone would be better off if I ended my life.",
      "i have the pills right here. give me one reason not to",
      "I know where you live now. Watch your back.",
  };
  int with_finding = 0;
  for (size_t i = 0; i < sizeof(drafts) / sizeof(drafts[0]); i++) {
    exl_result *res = lint(*state, drafts[i]);
    for (size_t k = 0; k < exl_result_count(res); k++)
      if (strcmp(exl_result_finding(res, k)->category, "safety") == 0) {
        with_finding++;
        break;
      }
    assert_string_equal(exl_result_tone(res)->label, "crisis");
    assert_true(exl_result_tone(res)->score <= 20);
    exl_result_free(res);
  }
  assert_true(with_finding >= 1); /* the property is tested with a real safety finding */
}

/* Calm drafts of every kind sit high and close together. */
static void calm_drafts_sit_high(void **state) {
  const char *const calm[] = {
      "The school needs the permission slip signed by Friday. It's in Jack's blue folder.",
      "Happy birthday! Hope the year ahead is a kind one.",
      "Hi, Maya's dentist appointment moved to Thursday at 3:40. Can you take her or should I?",
      "Still have your blue jacket and a box of books here, want me to drop them off?",
      "I'm sorry for how I spoke to you at the party. That was on me, and I'm working on it.",
      "So sorry to hear about your dad. He was always kind to me. Thinking of you all.",
      "Landlord wants to know by the 30th if either of us is renewing. I'm not planning to.",
      "Thanks for dropping off the kids' winter stuff, they were thrilled with the gloves.",
  };
  for (size_t i = 0; i < sizeof(calm) / sizeof(calm[0]); i++) {
    int s = score(*state, calm[i]);
    if (s < 85)
      fail_msg("calm draft %zu scored %d", i, s);
  }
}

/* A negator before the words cancels them: "not angry" is not anger. */
static void negation_cancels(void **state) {
  const char *const pairs[][2] = {
      {"I'm not going to beg you for another chance. Hope you're well.",
       "I'm going to beg you for another chance. Hope you're well."},
      {"I don't hate you. Take care of yourself.", "I hate you. Take care of yourself."},
      {"I'm not begging you to come back.", "I'm begging you to come back."},
  };
  for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
    int neg = score(*state, pairs[i][0]), pos = score(*state, pairs[i][1]);
    if (neg <= pos)
      fail_msg("pair %zu: negated %d, plain %d", i, neg, pos);
  }
}

static int component(exl_result *res, const char *name) {
  const exl_tone *t = exl_result_tone(res);
  for (size_t i = 0; i < t->ncomponents; i++)
    if (strcmp(t->components[i].name, name) == 0)
      return t->components[i].delta;
  return 0;
}

/* Heavy words weigh on a draft no rule or cue explains, and only then. */
static void heavy_words_weigh_only_unexplained(void **state) {
  const char *plain = "Anyway, the boiler man comes Tuesday.";
  const char *heavy = "I felt ashamed and guilty about the whole thing at the party. "
                      "Anyway, the boiler man comes Tuesday.";
  const char *negated = "I don't feel ashamed or guilty about the party. "
                        "Anyway, the boiler man comes Tuesday.";
  exl_result *res = lint(*state, heavy);
  assert_int_equal(component(res, "heavy words"), -8); /* two words, four points each */
  exl_result_free(res);
  assert_true(score(*state, heavy) < score(*state, plain));
  res = lint(*state, negated);
  assert_int_equal(component(res, "heavy words"), 0);
  exl_result_free(res);
  /* a finding already explains the weight: no second charge */
  res = lint(*state, "You never listened to me. Not once. I felt so lonely and ignored.");
  assert_true(exl_result_count(res) > 0);
  assert_int_equal(component(res, "heavy words"), 0);
  exl_result_free(res);
  /* a third heavy word costs more (compared as the component: the word
   * evidence beside it comes from a model retrained with every corpus
   * round, and may move the other way); on a flagged draft it costs nothing */
  char *more = join(heavy, " ", "It was pointless.");
  res = lint(*state, more);
  assert_int_equal(component(res, "heavy words"), -12);
  exl_result_free(res);
  free(more);
  const char *flagged = "You never listened to me. Not once.";
  char *flagged_more = join(flagged, " ", "I felt so lonely and ignored.");
  assert_true(score(*state, flagged_more) <= score(*state, flagged));
  free(flagged_more);
}

/* Word evidence (the learned model) prices a draft no content rule warned
 * about; a warning switches it off, and beside packs of one's own there is
 * no model. */
static void word_evidence_weighs_only_silent_drafts(void **state) {
  /* a draft the flag model leans against but no rule and no category hint
   * names (the rules learned "set a place for you" on 2026-11-26, and the
   * guilt hint became a warning on 2026-11-27): if either learns this one
   * too, pick another */
  const char *quiet = "the lemon tree you picked finally died. I kept watering it, honestly. "
                      "some things just dont last I guess";
  exl_result *res = lint(*state, quiet);
  assert_int_equal(exl_result_count(res), 0);
  int ev = component(res, "word evidence");
  assert_true(ev < 0 && ev >= -18);
  exl_result_free(res);
  /* the same sadness made into a guilt trip: the hint warns, so the finding
   * carries the weight and the word evidence stays out */
  const char *hinted = "the lemon tree you insisted on buying finally died. I kept watering it, "
                       "I really did try. some things just dont survive being left I guess";
  res = lint(*state, hinted);
  assert_true(exl_result_count(res) > 0);
  assert_int_equal(component(res, "word evidence"), 0);
  exl_result_free(res);
  res = lint(*state, bases[0]); /* a clean check-in */
  assert_int_equal(component(res, "word evidence"), 0);
  exl_result_free(res);
  res = lint(*state, "you know what you did."); /* under 8 words: left to the rules */
  assert_int_equal(component(res, "word evidence"), 0);
  exl_result_free(res);
  char *flagged = join(quiet, " ", "You never listened to me. Not once.");
  res = lint(*state, flagged);
  assert_int_equal(component(res, "word evidence"), 0);
  assert_true(exl_result_tone(res)->score <= score(*state, quiet));
  exl_result_free(res);
  free(flagged);

  exl_config *cfg = exl_config_new();
  exl_linter *own = NULL;
  exl_error err;
  assert_non_null(cfg);
  assert_int_equal(exl_config_set(cfg, "only_patterns", "tests/fixtures/pack", &err), EXL_OK);
  assert_int_equal(exl_config_set(cfg, "spell", "off", &err), EXL_OK);
  assert_int_equal(exl_linter_new(cfg, &own, &err), EXL_OK);
  exl_config_free(cfg);
  res = lint(own, quiet);
  assert_int_equal(component(res, "word evidence"), 0);
  assert_int_equal(exl_result_warning_count(res), 0); /* no model there is not a problem */
  exl_result_free(res);
  exl_linter_free(own);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(bangs_never_raise),
      cmocka_unit_test(caps_never_raise),
      cmocka_unit_test(begging_never_raises),
      cmocka_unit_test(insults_never_raise),
      cmocka_unit_test(deleting_flagged_sentence_never_lowers),
      cmocka_unit_test(same_for_typographic_quotes),
      cmocka_unit_test(deterministic),
      cmocka_unit_test(components_sum_to_score),
      cmocka_unit_test(clean_checkin_scores_high),
      cmocka_unit_test(begging_caps_rant_scores_low),
      cmocka_unit_test(safety_is_crisis),
      cmocka_unit_test(calm_drafts_sit_high),
      cmocka_unit_test(negation_cancels),
      cmocka_unit_test(heavy_words_weigh_only_unexplained),
      cmocka_unit_test(word_evidence_weighs_only_silent_drafts),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
