/* test_prefilter.c - what the prefilter learns from a pattern without a
 * literal: a character three times in a row, and a letter repeated by a
 * quantifier; and where a paragraph pattern's windows stop. (That it never
 * skips a pattern that matches is the fuzz targets' job,
 * tests/fuzz/fuzz_prefilter.c and fuzz_windows.c.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "prefilter.h"

/* Does the requirement of pattern SRC let TEXT through? Without an index,
 * as a user pack's draft is checked. */
static bool may_match(const char *src, const char *text) {
  struct pf_req req;
  struct pf_text t;
  pf_analyse(src, &req);
  pf_text_init(&t, text, strlen(text));
  bool may = pf_may_match(&t, &req);
  pf_text_free(&t);
  pf_req_free(&req);
  return may;
}

/* The same through a literal index of SRC alone, as the bundled packs are:
 * is the pattern skipped on TEXT, whose paragraphs start at PAR[0..NPAR)
 * (NULL: not said), when its matches stay inside one (IN_PARA)? */
static bool index_skips_in(const char *src, const char *text, const size_t *par, size_t npar,
                           bool in_para) {
  struct pf_req req;
  pf_analyse(src, &req);
  struct pf_source one = {src, &req, true, 0};
  struct pf_index *x = pf_index_new(&one, 1, true);
  assert_non_null(x);
  struct pf_text t;
  pf_text_init_indexed(&t, text, strlen(text), x);
  if (par)
    pf_text_paragraphs(&t, par, npar);
  const struct pf_window *win;
  size_t nwin;
  bool skip = pf_plan(&t, 0, &req, in_para, &win, &nwin) == PF_SKIP;
  pf_text_free(&t);
  pf_index_free(x);
  pf_req_free(&req);
  return skip;
}

static bool index_skips(const char *src, const char *text) {
  return index_skips_in(src, text, NULL, 0, true);
}

static const char stretched[] = "(?<![\\p{L}\\p{N}])\\p{L}*?(\\p{L})\\1{2,}\\p{L}*(?![\\p{L}\\p{N}])";

static void a_stretched_word_needs_three_in_a_row(void **state) {
  (void)state;
  assert_false(may_match(stretched, "please don't go, I need you"));
  assert_true(may_match(stretched, "pleeease don't go"));
  assert_true(may_match(stretched, "NOoo"));               /* case folded, as \1 is caseless */
  assert_true(may_match(stretched, "\xC3\x89\xC3\xA9\xC3\x89")); /* ÉéÉ: non-ASCII, any three */
  assert_true(may_match("(.)\\1\\1", "wait..."));
  assert_true(may_match("([a-z])\\1{3,5}+", "hmmmm"));
  assert_true(index_skips(stretched, "please don't go, I need you"));
  assert_false(index_skips(stretched, "please don't go, I neeeed you"));
  assert_false(index_skips(stretched, "so tired \xC3\xA9\xC3\xA9\xC3\xA9"));
}

/* The pattern's first group only, and only when \1 is repeated at least
 * twice: anything else keeps the old answer (no requirement: it runs). */
static void only_a_sure_triple_counts(void **state) {
  (void)state;
  assert_true(may_match("(a)(\\p{L})\\1{2,}", "ab"));    /* \1 is (a), not the letter */
  assert_true(may_match("(?|(x)|(\\p{L}))\\1{2,}", "ab")); /* branch reset renumbers */
  assert_true(may_match("(\\p{L})\\1", "ab"));           /* twice is not three times */
  assert_true(may_match("(\\p{L})\\1\\1?", "aab"));
  assert_true(may_match("(\\p{L})\\1{1,}", "aab"));
  assert_true(may_match("(\\p{L})\\10", "ab"));          /* \10 is another group */
  /* an escaped control byte is itself, not the triple that 0x01 stands for
   * (found by fuzz_prefilter) */
  assert_true(may_match("\\\x01", "a\x01" "b"));
}

static void repeats_of_a_letter_are_a_literal(void **state) {
  (void)state;
  assert_false(may_match("a{4,}h*", "ah ha aaah"));
  assert_true(may_match("a{4,}h*", "aaaaah"));
  assert_false(may_match("\\bugh{3,}\\b", "ugh. ugh!"));
  assert_true(may_match("\\bugh{3,}\\b", "ughhh"));
  assert_false(may_match("\\bno{2}pe\\b", "noo pe"));     /* {2}: joins its neighbours */
  assert_true(may_match("\\bno{2}pe\\b", "noope"));
  assert_true(may_match("(?:ab){2,}", "abab"));
}

/* A match that stays inside its paragraph cannot join literals from two:
 * the run of the alphabet around a literal ends where its paragraph does
 * (here "\s" would carry it over the blank line). The digits make the text
 * long enough for windows: on a short one every pattern scans it whole. */
static void windows_stop_at_the_paragraph(void **state) {
  (void)state;
  static const char pat[] = "\\bone[a-z\\s]+chance\\b",
                    apart[] = "one more\n\nchance, 12345678901234567890123456789012345678901234567890";
  static const size_t par[] = {0, 10, sizeof(apart) - 1};
  assert_false(index_skips(pat, apart));                   /* paragraphs not said */
  assert_true(index_skips_in(pat, apart, par, 2, true));   /* "one" and "chance" apart */
  assert_false(index_skips_in(pat, apart, par, 2, false)); /* a pattern about the whole draft */
  static const char together[] = "12345678901234567890123456789012345678901234567890\n\none more chance";
  static const size_t par2[] = {0, 52, sizeof(together) - 1};
  assert_false(index_skips_in(pat, together, par2, 2, true));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(a_stretched_word_needs_three_in_a_row),
      cmocka_unit_test(only_a_sure_triple_counts),
      cmocka_unit_test(repeats_of_a_letter_are_a_literal),
      cmocka_unit_test(windows_stop_at_the_paragraph),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
