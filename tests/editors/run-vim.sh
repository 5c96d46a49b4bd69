#!/bin/bash
# Runs the vim plugin tests inside real vim (headless) against $EXLINT.
# Usage: tests/editors/run-vim.sh   (EXLINT defaults to build/exlint)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/common.sh"

find_ale() {
  local d
  for d in "${ALE_DIR:-}" /usr/share/vim-ale /usr/share/vim/vimfiles/pack/dist-bundle/opt/ale \
           "$HOME"/.vim/pack/*/*/ale; do
    if [ -n "$d" ] && [ -f "$d/autoload/ale/test.vim" ]; then echo "$d"; return 0; fi
  done
  return 1
}

export EXLINT_VIM_PLUGIN="$root/editor-plugins/vim"
run_vim() { # script
  local out
  out="$EXLINT_WORK/$(basename "$1" .vim).out"
  rm -f "$out"
  EXLINT_TEST_OUT="$out" timeout 120 vim -Es -u NONE -N -i NONE -n -S "$here/vim/$1" \
    </dev/null >"$EXLINT_WORK/vim.log" 2>&1 || true
  if [ -s "$out" ]; then
    while IFS= read -r line; do report_line "$line"; done <"$out"
  else
    report_line "FAIL vim-$1: vim produced no results ($(tail -c 300 "$EXLINT_WORK/vim.log" | tr '\n' ' '))"
  fi
}

if ! command -v vim >/dev/null; then
  report_line "FAIL vim-installed: vim not found (apt-get install vim-nox)"
else
  run_vim test_exlint.vim
  run_vim test_packadd.vim
  if ALE_DIR=$(find_ale); then
    export ALE_DIR
    run_vim test_ale.vim
  else
    report_line "FAIL ale-installed: ALE not found (apt-get install vim-ale, or set ALE_DIR)"
  fi
fi
finish
