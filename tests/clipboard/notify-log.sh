#!/bin/sh
# EXLINT_NOTIFY_CMD for the tests: append the summary and the body it is given
# to $NOTIFY_LOG (a file the test owns), one record per notification.
{
  printf 'summary=%s\n' "$1"
  printf 'body=%s\n' "$2"
  printf '%s\n' '--'
} >>"$NOTIFY_LOG"
