/* test_util.c - the growing buffer every report is written into. */
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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(printf_appends_whether_or_not_it_fits),
      cmocka_unit_test(printf_of_nothing_is_an_empty_string),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
