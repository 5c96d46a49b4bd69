#!/bin/bash
# Benchmark (not a test): CPU time for the language server to take an edit
# to a 2 KB draft and re-lint it (median over 400 edits), with the bundled
# packs (spelling on, then off) and with the tiny fixture pack, which shows
# the server's own share (JSON, edit, positions, publish).
# Usage: bash tests/lsp/bench-relint.sh [BENCH_BINARY]   (or: make bench-lsp)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bench=${1:-$root/build/lsp-bench-relint}
draft="$here/fixtures/bench-draft.txt"
[ -x "$bench" ] || { echo "bench-relint: $bench is missing (make bench-lsp)" >&2; exit 2; }
"$bench" "$draft"
echo
"$bench" --no-spell "$draft"
echo
"$bench" --no-spell --only-patterns="$here/fixtures/pack" "$draft"
