#!/usr/bin/env bash
# make fuzz: run each libFuzzer target for SECONDS on a working copy of its
# seeds (build/fuzz/corpus/T; new inputs stay there, the checked-in seeds
# are not touched). Crashes go to build/fuzz/artifacts/. Exits non-zero if
# any target crashed, leaked or tripped a sanitizer.
# usage: run.sh FUZZ_BUILD_DIR SECONDS TARGET...
set -euo pipefail
build=$1 seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
# the binaries live deep in build/: point them at the bundled packs
export EXLINT_PATTERNS_DIR=${EXLINT_PATTERNS_DIR:-$(cd "$here/../.." && pwd)/patterns}
mkdir -p "$build/artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
passed=0 failed=0
for t in "$@"; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  log="$build/fuzz-$t.log"
  status=0
  "$build/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=3072 -max_len=8192 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" "$corpus" "$here/seeds/$t" \
    >"$log" 2>&1 || status=$?
  execs=$(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  if ((status == 0)); then
    echo "ok fuzz-$t: ${seconds}s, $execs execs, corpus $(ls "$corpus" | wc -l) files"
    passed=$((passed + 1))
  else
    echo "FAIL fuzz-$t: exit $status after $execs execs (log $log, artifacts $build/artifacts/$t-*)"
    grep -m5 -E 'ERROR|SUMMARY|runtime error' "$log" || true
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
((failed == 0))
