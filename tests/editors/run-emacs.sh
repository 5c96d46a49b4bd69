#!/bin/bash
# Runs the Emacs package tests (ERT in emacs --batch) against $EXLINT.
# Usage: tests/editors/run-emacs.sh   (EXLINT defaults to build/exlint)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/common.sh"

export EXLINT_EMACS_PLUGIN="$root/editor-plugins/emacs"
log="$EXLINT_WORK/ert.log"
if ! command -v emacs >/dev/null; then
  report_line "FAIL emacs-installed: emacs not found (apt-get install emacs-nox)"
  finish
  exit
fi
timeout 300 emacs --batch -Q -l "$here/emacs/exlint-test.el" \
  -f ert-run-tests-batch-and-exit </dev/null >"$log" 2>&1 || true
# ERT prints "   passed  N/M  NAME (T sec)" or "   FAILED  N/M  NAME ..." per test.
n=0
while read -r status _ name _; do
  n=$((n + 1))
  if [ "$status" = passed ]; then
    report_line "ok $name"
  else
    why=$(grep -A3 "^Test $name condition:" "$log" | tail -n +2 | tr -s ' \n' ' ' | cut -c1-400)
    report_line "FAIL $name: ${why:-see ERT log}"
  fi
done < <(grep -E '^ +(passed|FAILED|skipped) +[0-9]+/[0-9]+ ' "$log")
if [ "$n" -eq 0 ]; then
  report_line "FAIL emacs-ert: no test ran ($(tail -c 400 "$log" | tr '\n' ' '))"
fi
if [ "${VERBOSE:-0}" = 1 ] || [ "$failed" -gt 0 ]; then sed 's/^/# /' "$log" | tail -60; fi
finish
