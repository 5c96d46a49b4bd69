/* test_draft.c - reading drafts as people type them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "draft.h"

static struct draft parse(const char *text) {
  struct draft d;
  exl_error err;
  assert_int_equal(draft_parse(&d, "t", text, strlen(text), &err), EXL_OK);
  return d;
}

static void smart_quotes_fold_to_ascii(void **state) {
  (void)state;
  struct draft d = parse("it\xE2\x80\x99s \xE2\x80\x9Cok\xE2\x80\x9D");
  /* quotes fold to ASCII; a one-word quote with no reporting verb is kept */
  assert_int_equal(d.norm_len, 9);
  assert_memory_equal(d.norm, "it's \"ok\"", 9);
  /* every position maps back into the original bytes */
  assert_int_equal(draft_orig(&d, 2), 2);  /* the apostrophe: 3 bytes at 2 */
  assert_int_equal(draft_orig(&d, 3), 5);  /* 's' follows it */
  assert_int_equal(draft_orig(&d, 5), 7);  /* the opening quote */
  assert_int_equal(draft_orig(&d, 9), 15); /* the end: 15 bytes */
  draft_free(&d);
}

static void crlf_and_cr_are_line_ends(void **state) {
  (void)state;
  struct draft d = parse("a\r\nbb\rccc\n");
  assert_int_equal(d.nlines, 4);
  assert_memory_equal(d.norm, "a\nbb\nccc\n", 9);
  size_t line, col;
  draft_linecol(&d, 7, &line, &col); /* second 'c' */
  assert_int_equal(line, 3);
  assert_int_equal(col, 2);
  assert_int_equal(draft_orig(&d, 2), 3); /* 'b' after the CRLF */
  draft_free(&d);
}

static void bom_is_skipped_and_columns_count_code_points(void **state) {
  (void)state;
  struct draft d = parse("\xEF\xBB\xBFh\xC3\xA9 \xF0\x9F\x98\xAD x");
  assert_int_equal(d.body, 3);
  size_t line, col;
  draft_linecol(&d, 3, &line, &col);
  assert_int_equal(col, 1);
  draft_linecol(&d, 12, &line, &col); /* 'x': h é space emoji space x */
  assert_int_equal(line, 1);
  assert_int_equal(col, 6);
  draft_free(&d);
}

static void rejects_nul_and_bad_utf8(void **state) {
  (void)state;
  struct draft d;
  exl_error err;
  assert_int_equal(draft_parse(&d, "f.txt", "a\0b", 3, &err), EXL_EENCODING);
  assert_non_null(strstr(err.msg, "f.txt: NUL byte"));
  const char *cases[] = {"\xC3\x28", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82",
                         "\xFF"};
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    assert_int_equal(draft_parse(&d, "f.txt", cases[i], strlen(cases[i]), &err), EXL_EENCODING);
    assert_non_null(strstr(err.msg, "invalid UTF-8"));
  }
}

static void sentences_words_paragraphs(void **state) {
  (void)state;
  struct draft d = parse("Hi there. How are you?\nfine thx\n\nNew para... ok 3.5 apples!");
  assert_int_equal(d.nsent, 5);
  assert_int_equal(d.nwords, 13);
  assert_int_equal(d.nparas, 2);
  struct span s = draft_sentence_at(&d, 12); /* inside "How are you?" */
  assert_memory_equal(d.norm + s.start, "How are you?", 12);
  draft_free(&d);
}

static void quoted_reply_lines_and_reported_speech_are_blanked(void **state) {
  (void)state;
  struct draft d = parse("> you never call\nshe said 'you always run' and\nI said \"fine\"\nmine");
  assert_null(strstr(d.norm, "never"));
  assert_null(strstr(d.norm, "always"));
  assert_null(strstr(d.norm, "fine"));
  assert_non_null(strstr(d.norm, "mine"));
  assert_non_null(strstr(d.norm, "she said"));
  draft_free(&d);
}

static void apostrophes_in_words_are_not_quotes(void **state) {
  (void)state;
  struct draft d = parse("I don't know, she said it's fine and we're ok");
  assert_non_null(strstr(d.norm, "it's fine"));
  draft_free(&d);
}

static void scare_quotes_are_the_senders_words(void **state) {
  (void)state;
  struct draft d = parse("enjoy your \"fresh start\". she said \"fine\" to me");
  assert_non_null(strstr(d.norm, "fresh start"));
  assert_null(strstr(d.norm, "fine"));
  draft_free(&d);
}

static void whole_draft_in_quotes_is_kept(void **state) {
  (void)state;
  struct draft d = parse("\"please come back to me\"");
  assert_non_null(strstr(d.norm, "please come back"));
  draft_free(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(smart_quotes_fold_to_ascii),
      cmocka_unit_test(crlf_and_cr_are_line_ends),
      cmocka_unit_test(bom_is_skipped_and_columns_count_code_points),
      cmocka_unit_test(rejects_nul_and_bad_utf8),
      cmocka_unit_test(sentences_words_paragraphs),
      cmocka_unit_test(quoted_reply_lines_and_reported_speech_are_blanked),
      cmocka_unit_test(apostrophes_in_words_are_not_quotes),
      cmocka_unit_test(scare_quotes_are_the_senders_words),
      cmocka_unit_test(whole_draft_in_quotes_is_kept),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
