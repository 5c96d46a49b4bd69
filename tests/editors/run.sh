#!/bin/bash
# All editor plugin tests: vim (plugin, ALE, compiler) and Emacs (Flymake,
# Flycheck, report, fixes, byte-compilation, checkdoc).
# Usage: EXLINT=build/exlint tests/editors/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
passed=0
failed=0
for script in run-vim.sh run-emacs.sh; do
  while IFS= read -r line; do
    case "$line" in
      ok\ *) passed=$((passed + 1)); echo "$line" ;;
      FAIL\ *) failed=$((failed + 1)); echo "$line" ;;
      *\ passed,\ *\ failed) ;;
      *) echo "$line" ;;
    esac
  done < <(bash "$here/$script" || true)
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
