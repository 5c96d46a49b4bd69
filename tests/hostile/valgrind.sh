#!/usr/bin/env bash
# Memcheck over the whole corpus: every draft of corpus/*/ extracted to a
# temp dir and linted in one exlint process (spelling on, every format),
# then exlint-eval over corpus/dev. 0 errors and 0 definite or indirect
# leaks, or the test fails.
# usage: valgrind.sh [BUILD_DIR] [--quick]   (default build; --quick: the
# JSON pass only, over every fourth draft, which is what make check runs:
# the whole corpus takes several minutes under memcheck)
set -euo pipefail
build=${1:-build}
quick=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export EXLINT_PATTERNS_DIR=${EXLINT_PATTERNS_DIR:-$root/patterns}
tmp=$(mktemp -d /tmp/exlint-vg-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
python3 - "$root/corpus" "$tmp" "${quick:+4}" <<'PY'
import glob, json, os, sys
step = int(sys.argv[3] or 1)
n = k = 0
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*", "*.json"))):
    with open(path, encoding="utf-8") as f:
        for d in json.load(f)["drafts"]:
            k += 1
            if (k - 1) % step:
                continue
            with open(os.path.join(sys.argv[2], "%04d.txt" % n), "w", encoding="utf-8") as o:
                o.write(d["text"])
            n += 1
PY
vg=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect)
passed=0 failed=0
check() {
  local name=$1
  shift
  local rc=0
  "${vg[@]}" "$@" >/dev/null 2>"$tmp/vg.log" || rc=$?
  if ((rc == 99)) || grep -q '^==[0-9]*== ' "$tmp/vg.log"; then
    echo "FAIL $name: memcheck found errors or leaks:"
    grep '^==' "$tmp/vg.log" | head -30
    failed=$((failed + 1))
  elif ((rc > 2)); then
    echo "FAIL $name: exit $rc"
    failed=$((failed + 1))
  else
    echo "ok $name"
    passed=$((passed + 1))
  fi
}
n=$(ls "$tmp"/*.txt | wc -l)
formats="json"
[[ -n $quick ]] || formats="json text line"
for fmt in $formats; do
  check "memcheck-corpus-$fmt ($n drafts)" "$build/exlint" --no-config --format=$fmt \
    --now=2026-06-15T12:00:00 "$tmp"/*.txt
done
if [[ -z $quick ]]; then
  check "memcheck-diff" "$build/exlint" --no-config --diff "$tmp"/*.txt
  check "memcheck-eval-dev" "$build/exlint-eval" "$root/corpus/dev"
fi
echo "$passed passed, $failed failed"
((failed == 0))
