#!/usr/bin/env bash
# Build every fuzz target with replay.c (no libFuzzer) against the ASan +
# UBSan library in BUILD_DIR, and feed it its seed corpus. Run by
# `make check` (check-fuzz-replay). Env: CC, CFLAGS, LIBS from the Makefile.
# usage: replay.sh BUILD_DIR   (BUILD_DIR holds libexlint.a, e.g. build/asan)
set -euo pipefail
build=$1
here=$(cd "$(dirname "$0")" && pwd)
# the binaries live deep in build/: point them at the bundled packs
export EXLINT_PATTERNS_DIR=${EXLINT_PATTERNS_DIR:-$(cd "$here/../.." && pwd)/patterns}
out="$build/fuzz-replay"
mkdir -p "$out"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
passed=0 failed=0
for t in draft pack config lsp prefilter windows; do
  bin="$out/replay_$t"
  # shellcheck disable=SC2086 # CFLAGS and LIBS are word lists
  if ! ${CC:-cc} ${CFLAGS:-} -I"$here" "$here/fuzz_$t.c" "$here/replay.c" "$build/libexlint.a" \
      ${LIBS:-} -o "$bin" 2>"$out/build-$t.log"; then
    echo "FAIL replay-$t: does not build (see $out/build-$t.log)"
    failed=$((failed + 1))
    continue
  fi
  # a private TMPDIR, to see that the target cleans up after itself
  tmp="$out/tmp-$t"
  rm -rf "$tmp" && mkdir -p "$tmp"
  if log=$(TMPDIR=$tmp timeout 300 "$bin" "$here/seeds/$t" 2>&1); then
    if [ -n "$(ls -A "$tmp")" ]; then
      echo "FAIL replay-$t: left $(ls -A "$tmp" | head -1) behind in TMPDIR"
      failed=$((failed + 1))
      continue
    fi
    echo "ok replay-$t (${log##*ok })"
    passed=$((passed + 1))
  else
    echo "FAIL replay-$t: a seed crashed or a sanitizer spoke:"
    printf '%s\n' "$log" | tail -20
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
((failed == 0))
