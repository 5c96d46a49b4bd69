/* test_util.c - the growing buffer every report is written into, and the
 * search that finds a paragraph or a line from an offset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util.h"

/* buf_printf() formats into the free space first and again only when the
 * text did not fit: both paths must leave the same NUL-terminated text. */
static void printf_appends_whether_or_not_it_fits(void **state) {
  (void)state;
  struct buf b = {0};
  buf_printf(&b, "%s %d", "line", 1);
  assert_string_equal(b.data, "line 1");
  assert_int_equal(b.len, 6);
  char long_word[1000];
  memset(long_word, 'x', sizeof(long_word) - 1);
  long_word[sizeof(long_word) - 1] = '\0';
  size_t cap = b.cap;
  buf_printf(&b, "|%s|", long_word); /* longer than the buffer's first size */
  assert_true(b.cap > cap);
  assert_int_equal(b.len, 6 + 2 + 999);
  assert_int_equal(strlen(b.data), b.len);
  assert_memory_equal(b.data, "line 1|xxx", 10);
  assert_int_equal(b.data[b.len - 1], '|');
  buf_printf(&b, "%5zu", (size_t)42);
  assert_string_equal(b.data + b.len - 5, "   42");
  buf_free(&b);
}

static void printf_of_nothing_is_an_empty_string(void **state) {
  (void)state;
  struct buf b = {0};
  buf_printf(&b, "%s", "");
  assert_non_null(b.data);
  assert_string_equal(b.data, "");
  assert_int_equal(b.len, 0);
  buf_free(&b);
}

/* The search must give what a walk from the start gives, from any hint:
 * the answer for a smaller offset (the fast path), 0, or one past the
 * answer (a caller that went backwards: the search starts over). */
static void last_at_or_before_from_any_hint(void **state) {
  (void)state;
  static const size_t v[] = {0, 3, 4, 10, 11, 12, 40, 41, 90, 200};
  size_t n = sizeof(v) / sizeof(v[0]);
  for (size_t x = 0; x <= 210; x++) {
    size_t want = 0;
    for (size_t k = 0; k < n; k++)
      if (v[k] <= x)
        want = k;
    for (size_t hint = 0; hint <= n; hint++)
      assert_int_equal(last_at_or_before(v, n, hint, x), want);
  }
  assert_int_equal(last_at_or_before(v, 0, 0, 5), 0); /* nothing to search */
  static const size_t late[] = {7, 9};
  assert_int_equal(last_at_or_before(late, 2, 1, 3), 0); /* none at or before: 0 */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(printf_appends_whether_or_not_it_fits),
      cmocka_unit_test(printf_of_nothing_is_an_empty_string),
      cmocka_unit_test(last_at_or_before_from_any_hint),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
