#!/bin/bash
# Language server tests: a scripted JSON-RPC session (Python), malformed
# frames, then Neovim's built-in LSP client end to end.
# Usage: EXLINT=build/exlint bash tests/lsp/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
EXLINT=${EXLINT:-$root/build/exlint}
case "$EXLINT" in /*) ;; *) EXLINT="$root/$EXLINT" ;; esac
export EXLINT
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# No user config, and Neovim's state (swap, shada) stays in the temp dir.
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
  XDG_STATE_HOME="$work/state" LC_ALL=C.UTF-8 LANG=C.UTF-8
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
passed=0
failed=0
count() {
  while IFS= read -r line; do
    case "$line" in
      ok\ *) passed=$((passed + 1)); echo "$line" ;;
      FAIL\ *) failed=$((failed + 1)); echo "$line" ;;
      *\ passed,\ *\ failed) ;;
      *) echo "$line" ;;
    esac
  done
}

if [ ! -x "$EXLINT" ]; then
  echo "FAIL exlint-binary: $EXLINT is not executable (run make first)"
  echo "0 passed, 1 failed"
  exit 1
fi

# Status 1 means some tests failed (already reported); anything else is a crash.
count < <(timeout 300 python3 "$here/test_session.py" "$EXLINT" "$here/fixtures/pack" 2>&1 ||
  { s=$?; [ "$s" -eq 1 ] || echo "FAIL session-script: exited with status $s"; })

if command -v nvim >/dev/null; then
  result="$work/nvim-result"
  : >"$result"
  LSP_PACK="$here/fixtures/pack" LSP_DRAFT="$here/fixtures/draft.txt" LSP_RESULT="$result" \
    timeout 120 nvim --headless --clean -n -u NONE -c "luafile $here/nvim_test.lua" \
    >/dev/null 2>&1 </dev/null || echo "FAIL nvim-run: nvim exited with status $?" >>"$result"
  grep -q . "$result" || echo "FAIL nvim-run: no results written" >>"$result"
  count <"$result"
else
  count <<<"FAIL nvim-missing: nvim is not installed (apt-get install -y neovim)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
