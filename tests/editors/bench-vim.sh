#!/bin/bash
# Benchmark (not a test): how long :ExLint takes in vim on a 2 KB draft,
# median of several runs, next to the bare CLI on the same text.
# Usage: EXLINT=build/exlint tests/editors/bench-vim.sh [RUNS]
# EXLINT_BENCH_ARGS: extra CLI options (default: none, so the bundled packs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${1:-15}
EXLINT=${EXLINT:-$root/build/exlint}
case "$EXLINT" in /*) ;; *) EXLINT="$root/$EXLINT" ;; esac
[ -x "$EXLINT" ] || { echo "bench-vim: $EXLINT is not executable (run make first)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
draft="$here/fixtures/bench-draft.txt"
cat >"$work/bench.vim" <<'VIM'
set encoding=utf-8
execute 'set runtimepath^=' . fnameescape($PLUGIN)
runtime plugin/exlint.vim
let g:exlint_executable = $EXLINT
let g:exlint_options = split($EXLINT_BENCH_ARGS)
execute 'silent edit ' . fnameescape($DRAFT)
let s:times = []
for s:i in range(str2nr($RUNS) + 1)
  let s:start = reltime()
  silent ExLint
  call add(s:times, reltimefloat(reltime(s:start)) * 1000.0)
endfor
" The first run loads the autoload script: leave it out.
call remove(s:times, 0)
call sort(s:times, 'f')
call writefile([printf('%.1f', s:times[len(s:times) / 2]),
      \ string(len(getloclist(0)))], $OUT)
qall!
VIM
PLUGIN="$root/editor-plugins/vim" DRAFT="$draft" RUNS="$runs" OUT="$work/out" \
  EXLINT="$EXLINT" EXLINT_BENCH_ARGS="${EXLINT_BENCH_ARGS:-}" \
  vim -Es -u NONE -N -i NONE -n -S "$work/bench.vim" </dev/null >/dev/null 2>&1 || true
[ -s "$work/out" ] || { echo "bench-vim: vim did not finish" >&2; exit 1; }
{ read -r vim_ms; read -r nfind; } <"$work/out"
# The CLI alone, same text, same options.
cli=()
for _ in $(seq "$runs"); do
  s=$(date +%s%N)
  # shellcheck disable=SC2086
  "$EXLINT" --format=json ${EXLINT_BENCH_ARGS:-} - <"$draft" >/dev/null || true
  e=$(date +%s%N)
  cli+=($(( (e - s) / 1000 )))
done
median_ms() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]/1000}'; }
cli_ms=$(median_ms "${cli[@]}")
# The same without spelling: what spelling (the verdict cache, or Hunspell) adds.
nospell=()
for _ in $(seq "$runs"); do
  s=$(date +%s%N)
  # shellcheck disable=SC2086
  "$EXLINT" --format=json --no-spell ${EXLINT_BENCH_ARGS:-} - <"$draft" >/dev/null || true
  e=$(date +%s%N)
  nospell+=($(( (e - s) / 1000 )))
done
nospell_ms=$(median_ms "${nospell[@]}")
echo "bench-vim: :ExLint on a $(wc -c <"$draft")-byte draft: median ${vim_ms} ms over $runs runs ($nfind findings); exlint alone: median ${cli_ms} ms (${nospell_ms} ms with --no-spell)"
