/* detect.h - rules written in C rather than as patterns. */
#ifndef EXLINT_DETECT_H
#define EXLINT_DETECT_H

#include "lint.h"

/* Run detector rule RU at severity SEV, adding its findings to RES. */
void detect_run(const exl_linter *lin, const struct rule *ru, exl_severity sev,
                const struct lint_opts *o, exl_result *res);

/* Run detector rule RU of kind DET_LEARNED. It speaks only when no other
 * rule named its category, so it runs after all of them (lint.c). On a
 * draft a rule warned about (RULED), a warning from it stays a warning:
 * it names a problem the rules missed, and cannot flag a draft that was
 * clean. On a draft no rule warned about, it stays a warning only for the
 * category LEAD names (the hint furthest over its threshold; NULL when
 * none is), so the draft gets one headline; any other is lowered to info.
 * Errors (safety) stay errors. */
void detect_learned(const struct rule *ru, exl_severity sev, exl_result *res, bool ruled,
                    const char *lead);
/* The category of RES's strongest learned hint (furthest over its
 * threshold), or NULL when no hint is over. */
const char *detect_learned_lead(exl_result *res);
/* Lower a word budget's warning to info on a draft that nothing else about
 * the content warned of and that the word-evidence model reads as one to
 * send: a long practical message is not a wall of feelings. Runs before
 * detect_content_warned() decides whether the hints may lead. */
void detect_practical_length(const exl_linter *lin, exl_result *res);
/* Does RES hold a warning or error about the content (not the clock, not
 * spelling)? */
bool detect_content_warned(const exl_result *res);

#endif
