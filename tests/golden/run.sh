#!/usr/bin/env bash
# Golden tests: each tests/golden/CASE/ holds `args` (one line of shell words),
# optional `stdin`, and the expected `stdout`, `stderr` and `status`.
# usage: tests/golden/run.sh EXLINT [--update]
set -uo pipefail
exlint=$1
update=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
export NO_COLOR=1 TZ=UTC
passed=0 failed=0
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
for dir in "$here"/*/; do
  name=$(basename "$dir")
  eval "set -- $(cat "$dir/args")"
  if [[ -f $dir/stdin ]]; then
    "$exlint" "$@" <"$dir/stdin" >"$out" 2>"$err"; status=$?
  else
    "$exlint" "$@" </dev/null >"$out" 2>"$err"; status=$?
  fi
  if [[ $update == --update ]]; then
    cp "$out" "$dir/stdout"; cp "$err" "$dir/stderr"; echo "$status" >"$dir/status"
    echo "updated $name"; continue
  fi
  why=""
  cmp -s "$out" "$dir/stdout" || why="stdout differs: $(diff "$dir/stdout" "$out" | head -5 | tr '\n' ' ')"
  [[ -z $why ]] && ! cmp -s "$err" "$dir/stderr" && why="stderr differs: $(head -c 300 "$err")"
  [[ -z $why && $status != "$(cat "$dir/status")" ]] && why="status $status, expected $(cat "$dir/status")"
  if [[ -z $why ]]; then passed=$((passed + 1)); echo "ok $name"
  else failed=$((failed + 1)); echo "FAIL $name: $why"; fi
done
echo "golden: $passed passed, $failed failed"
((failed == 0))
