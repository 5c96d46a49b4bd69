# Shared helpers for the shell test scripts: one line per test, a summary.
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }
# check NAME CONDITION-COMMAND... : ok when the command succeeds
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name" "$*"; fi; }
finish() { echo "${1:-tests}: $passed passed, $failed failed"; ((failed == 0)); }
