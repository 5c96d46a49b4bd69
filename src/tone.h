/* tone.h - one number for the whole draft, with the reasons behind it. */
#ifndef EXLINT_TONE_H
#define EXLINT_TONE_H

#include "lint.h"

/* Fill RES->tone from its findings and its text. */
void tone_compute(exl_result *res);

#endif
