/* state.h - timestamps of sends and replies, for double texting. */
#ifndef EXLINT_STATE_H
#define EXLINT_STATE_H

#include <stdint.h>

#include "exlint.h"

/* Sends since the last reply within the last SECONDS before NOW; 0 when
 * there is no state file. Never fails: a broken state file counts as none. */
int state_unanswered(const exl_config *cfg, int64_t now, int64_t seconds);

#endif
