#!/bin/bash
# Build the spelling verdict cache: unmunch lists every word form of the
# dictionary, mkverdicts asks Hunspell about each and writes OUT atomically.
# Without unmunch (hunspell-tools) there is no cache, only a note: spelling
# then loads Hunspell for every draft, with the same results.
# usage: mkcache.sh DICT_BASE MKVERDICTS OUT
set -euo pipefail
dict=$1 mkverdicts=$2 out=$3
if ! command -v unmunch >/dev/null 2>&1; then
  echo "note: unmunch not found (apt-get install hunspell-tools): no spelling verdict cache" >&2
  exit 0
fi
mkdir -p "$(dirname "$out")"
status=0
unmunch "$dict.dic" "$dict.aff" 2>/dev/null | "$mkverdicts" "$dict" "$out" || status=$?
# 3: a dictionary the cache cannot describe (mkverdicts said why)
[ "$status" -eq 0 ] || [ "$status" -eq 3 ] || exit "$status"
