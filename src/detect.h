/* detect.h - rules written in C rather than as patterns. */
#ifndef EXLINT_DETECT_H
#define EXLINT_DETECT_H

#include "lint.h"

/* Run detector rule RU at severity SEV, adding its findings to RES. */
void detect_run(const exl_linter *lin, const struct rule *ru, exl_severity sev,
                const struct lint_opts *o, exl_result *res);

/* Run detector rule RU of kind DET_HARM. It speaks only when no other rule
 * found something about safety, so it runs after all of them (lint.c). */
void detect_harm(const struct rule *ru, exl_severity sev, exl_result *res);

#endif
