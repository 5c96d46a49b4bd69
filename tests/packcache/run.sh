#!/usr/bin/env bash
# The pack cache seen from the CLI: exlint reads patterns/packs.cache, its
# output is byte for byte the output of the JSON path over the dev corpus,
# the golden cases and every rule's --explain, and a stale or damaged cache
# is ignored (the JSON is read and the output does not change).
# usage: tests/packcache/run.sh EXLINT [TEST_PACKCACHE]
set -euo pipefail
exlint=$(realpath "$1")
unit=${2:+$(realpath "$2")}
cd "$(dirname "$0")/../.."
source tests/lib.sh
export NO_COLOR=1 TZ=UTC
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now=--now=2026-06-15T12:00:00

if [[ -n $unit ]]; then
  if "$unit" >"$tmp/unit.log" 2>&1; then ok unit-tests
  else bad unit-tests "$(grep -E 'FAILED|ERROR|LINE' "$tmp/unit.log" | head -5 | tr '\n' ' ')"; fi
fi

# the bundled packs come from the cache (EXLINT_PACK_CACHE=require fails otherwise)
if EXLINT_PACK_CACHE=require "$exlint" --no-config --list-rules >/dev/null 2>"$tmp/err"; then
  ok cache-in-use
else bad cache-in-use "$(cat "$tmp/err")"; fi

# the dev corpus, one file per draft, through every stage and format
python3 - corpus/dev "$tmp/drafts" <<'PY'
import glob, json, os, sys
os.makedirs(sys.argv[2])
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    for d in json.load(open(path, encoding="utf-8"))["drafts"]:
        with open(os.path.join(sys.argv[2], d["id"] + ".txt"), "w", encoding="utf-8") as f:
            f.write(d["text"])
PY
drafts=("$tmp"/drafts/*.txt)
# same_output NAME ARGS...: the cache and the JSON give identical stdout and status
same_output() {
  local name=$1; shift
  local a=0 b=0
  EXLINT_PACK_CACHE=require "$exlint" "$@" >"$tmp/with" 2>"$tmp/with.err" || a=$?
  EXLINT_PACK_CACHE=off "$exlint" "$@" >"$tmp/without" 2>"$tmp/without.err" || b=$?
  if ((a >= 2 || b >= 2)); then bad "$name" "exit $a with the cache, $b without: $(head -c 200 "$tmp/with.err")"
  elif [[ $a != "$b" ]]; then bad "$name" "exit $a with the cache, $b without"
  elif ! cmp -s "$tmp/with" "$tmp/without"; then bad "$name" "$(diff "$tmp/with" "$tmp/without" | head -3 | tr '\n' ' ')"
  else ok "$name"; fi
}
# (spelling findings come from Hunspell, not the packs: one run keeps them)
for stage in first-contact reconnecting relationship-talk; do
  same_output "corpus-json-$stage" --no-config "$now" --no-spell --stage="$stage" --format=json \
    "${drafts[@]}"
done
same_output corpus-json-spelling --no-config "$now" --format=json "${drafts[@]:0:200}"
same_output corpus-text --no-config "$now" --no-spell "${drafts[@]}"
same_output list-rules --no-config --no-spell --list-rules
explained=0 n=0
while read -r id _; do
  (((n += 1) % 8 == 1)) || continue # every rule's fields are compared by the unit test
  a=$(EXLINT_PACK_CACHE=require "$exlint" --no-config --no-spell --explain="$id" 2>&1) || true
  b=$(EXLINT_PACK_CACHE=off "$exlint" --no-config --no-spell --explain="$id" 2>&1) || true
  [[ $a == "$b" ]] || { bad "explain-$id" "differs"; continue; }
  explained=$((explained + 1))
done < <("$exlint" --no-config --list-rules)
check explain-rules test "$explained" -gt 20

# the golden cases, read from the cache and from the JSON
for mode in require off; do
  if EXLINT_PACK_CACHE=$mode bash tests/golden/run.sh "$exlint" >"$tmp/golden" 2>&1; then
    ok "golden-cache-$mode"
  else bad "golden-cache-$mode" "$(grep FAIL "$tmp/golden" | head -3 | tr '\n' ' ')"; fi
done

# user packs keep the JSON path, and may override a cached rule
mkdir "$tmp/user"
python3 - patterns/begging.json "$tmp/user/mine.json" <<'PY'
import json, sys
rule = json.load(open(sys.argv[1], encoding="utf-8"))["rules"][0]
rule["message"] = "overridden by a user pack"
json.dump({"rules": [rule]}, open(sys.argv[2], "w", encoding="utf-8"))
PY
same_output user-pack-overrides --no-config "$now" --no-spell --format=json --patterns="$tmp/user" \
  "${drafts[@]}"
check user-pack-message grep -q "overridden by a user pack" "$tmp/with"
same_output user-pack-extra --no-config "$now" --no-spell --patterns=tests/fixtures/pack "${drafts[@]}"

# a copy of the packs with their cache: still current (the key is content)
cp -r patterns "$tmp/packs"
touch "$tmp/packs"/*.json
export EXLINT_PATTERNS_DIR=$tmp/packs
sample=("${drafts[@]:0:200}")
EXLINT_PACK_CACHE=off "$exlint" --no-config "$now" --no-spell --format=json "${sample[@]}" >"$tmp/json-path" || true
# uses_json NAME WHY: the cache is refused saying WHY, and the output is the JSON path's
uses_json() {
  local name=$1 why=$2 st=0
  EXLINT_PACK_CACHE=require "$exlint" --no-config --list-rules >/dev/null 2>"$tmp/err" || st=$?
  if ((st != 2)) || ! grep -q "$why" "$tmp/err"; then
    bad "$name" "require gave exit $st: $(head -c 200 "$tmp/err")"; return
  fi
  st=0
  "$exlint" --no-config "$now" --no-spell --format=json "${sample[@]}" >"$tmp/out" 2>"$tmp/err" || st=$?
  if ((st >= 2)); then bad "$name" "exit $st: $(head -c 200 "$tmp/err")"
  elif ! cmp -s "$tmp/out" "$tmp/json-path"; then bad "$name" "output differs from the JSON path"
  else ok "$name"; fi
}
if EXLINT_PACK_CACHE=require "$exlint" --no-config --list-rules >/dev/null 2>"$tmp/err"; then
  ok copy-and-touch-stays-current
else bad copy-and-touch-stays-current "$(cat "$tmp/err")"; fi
cache=$tmp/packs/packs.cache
cp "$cache" "$tmp/pristine"
size=$(stat -c %s "$cache")
# inside the checksummed part: the header's meta_end (a u32 at byte 96)
# bounds it; after it come the compiled codes and the literal index
meta_end=$(od -A n -t u4 -j 96 -N 4 "$cache" | tr -d ' ')
printf 'XXXXXXXX' | dd of="$cache" bs=1 seek=$((meta_end / 2)) conv=notrunc status=none
uses_json damaged-cache checksum
head -c $((size / 2)) "$tmp/pristine" >"$cache"
uses_json truncated-cache truncated
: >"$cache"
uses_json empty-cache truncated
rm "$cache" && mkdir "$cache"
uses_json cache-is-a-directory "not a regular file"
rmdir "$cache"
uses_json no-cache "No such file"
cp "$tmp/pristine" "$cache"
# an edited pack: the cache is stale and the edit shows
sed -i 's/"message": "/"message": "EDITED /' "$tmp/packs/begging.json"
EXLINT_PACK_CACHE=off "$exlint" --no-config "$now" --no-spell --format=json "${sample[@]}" >"$tmp/json-path" || true
check edit-is-visible grep -q EDITED "$tmp/json-path"
uses_json edited-pack "stale: begging.json changed"
unset EXLINT_PATTERNS_DIR

# make install puts the cache beside the installed packs, where it is used
if make -s install PREFIX="$tmp/inst" EXLINT="$exlint" >/dev/null 2>"$tmp/err" &&
   EXLINT_PACK_CACHE=require "$tmp/inst/bin/exlint" --no-config --no-spell --list-rules \
     >/dev/null 2>>"$tmp/err"; then
  ok install-uses-cache
else bad install-uses-cache "$(head -c 300 "$tmp/err")"; fi

finish packcache
