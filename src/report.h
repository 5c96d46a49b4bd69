/* report.h - one renderer per output format; each returns malloc'd text. */
#ifndef EXLINT_REPORT_H
#define EXLINT_REPORT_H

#include "lint.h"

char *report_text(const exl_result *const *res, size_t n, unsigned flags);
char *report_json(const exl_result *const *res, size_t n);
char *report_line(const exl_result *const *res, size_t n);
/* A unified diff from OLD to NEW labelled NAME; "" when they are equal. */
char *report_diff(const char *name, const char *old, size_t old_len, const char *new_text,
                  size_t new_len);

/* "ok to send" when nothing is at warning or above, else "sleep on it". */
const char *report_verdict(const exl_result *res);

#endif
