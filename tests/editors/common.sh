# shellcheck shell=bash disable=SC2154
# common.sh - shared setup for the editor test scripts (sourced).
# Sets EXLINT (absolute), EXLINT_FIXTURES, EXLINT_FIXTURE_ARGS, EXLINT_WORK;
# gives report_line and finish for the "ok NAME" / "FAIL NAME: why" lines.
EXLINT=${EXLINT:-$root/build/exlint}
case "$EXLINT" in /*) ;; *) EXLINT="$root/$EXLINT" ;; esac
export EXLINT
export EXLINT_FIXTURES="$here/fixtures"
# Only the tiny fixture pack and no config file, so findings do not depend
# on the bundled packs or on the user.
export EXLINT_FIXTURE_ARGS=${EXLINT_FIXTURE_ARGS:---only-patterns=$EXLINT_FIXTURES/pack --no-spell --no-config}
EXLINT_WORK=$(mktemp -d)
export EXLINT_WORK
trap 'rm -rf "$EXLINT_WORK"' EXIT
# No user config may change the findings.
export HOME="$EXLINT_WORK/home" XDG_CONFIG_HOME="$EXLINT_WORK/config"
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
export LC_ALL=C.UTF-8 LANG=C.UTF-8
passed=0
failed=0
report_line() {
  echo "$1"
  case "$1" in ok\ *) passed=$((passed + 1)) ;; *) failed=$((failed + 1)) ;; esac
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
if [ ! -x "$EXLINT" ]; then
  echo "FAIL exlint-binary: $EXLINT is not executable (run make first)"
  echo "0 passed, 1 failed"
  exit 1
fi
