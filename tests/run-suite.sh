#!/usr/bin/env bash
# Run the core suite against one build directory (build/ or build/asan/):
# unit and API tests (cmocka), the rule examples, the golden outputs, the CLI
# contract and the context checks. Any failure fails the run.
set -uo pipefail
build=$1; shift
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=86}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export NO_COLOR=1
failed=0 passed=0
step() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "suite: ok $name"
  else failed=$((failed + 1)); echo "suite: FAIL $name"; fi
}
for t in "$@"; do step "$(basename "$t")" "$t"; done
step rules "$build/exlint-ruletest"
step golden bash tests/golden/run.sh "$build/exlint"
step cli bash tests/cli/run.sh "$build/exlint"
step context bash tests/context/run.sh "$build/exlint"
echo "suite ($build): $passed passed, $failed failed"
exit $((failed > 0))
