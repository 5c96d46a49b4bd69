#!/bin/bash
# The spelling verdict cache (issues 9 and 6): the cache changes no finding,
# a stale or broken cache is ignored, Hunspell is loaded only when a word
# needs it, and a typo still gets a suggestion.
# Usage: EXLINT=build/exlint SPELL_CACHE=build/spell/en_US.verdicts \
#        SPELL_DICT=/usr/share/hunspell/en_US bash tests/spell/run.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
EXLINT=${EXLINT:-$root/build/exlint}
SPELL_CACHE=${SPELL_CACHE:-$root/build/spell/en_US.verdicts}
SPELL_DICT=${SPELL_DICT:-/usr/share/hunspell/en_US}
case "$EXLINT" in /*) ;; *) EXLINT="$root/$EXLINT" ;; esac
case "$SPELL_CACHE" in /*) ;; *) SPELL_CACHE="$root/$SPELL_CACHE" ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { echo "ok $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
export XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/config"
lint() { "$EXLINT" --no-config --now=2026-06-15T12:00:00 --format=json "$@"; }
# lint with the cache (the one given), or with none at all
with_cache() { EXLINT_SPELL_CACHE="$SPELL_CACHE" lint "$@"; }
without() { EXLINT_SPELL_CACHE= lint "$@"; }
# NAME: FILES give the same JSON with the cache and without, and the output
# holds more than MIN occurrences of NEEDLE (so the test saw real typos).
same_both_ways() {
  local name=$1 needle=$2 min=$3 n
  shift 3
  with_cache "$@" >"$tmp/on.json" || true
  without "$@" >"$tmp/off.json" || true
  n=$(grep -o "$needle" "$tmp/on.json" | wc -l)
  if [ "$n" -gt "$min" ] && cmp -s "$tmp/on.json" "$tmp/off.json"; then
    ok "$name ($n found)"
  else
    bad "$name" "$n found (need more than $min); or the outputs differ"
  fi
}
# does a run open the .dic, i.e. load Hunspell?
loads_hunspell() {
  strace -f -e trace=openat -o "$tmp/trace" "$@" >/dev/null 2>&1 || true
  grep -q "${SPELL_DICT##*/}.dic\"" "$tmp/trace"
}

if [ ! -s "$SPELL_CACHE" ]; then
  echo "FAIL cache-built: $SPELL_CACHE is missing (make builds it; needs hunspell-tools)"
  echo "0 passed, 1 failed"
  exit 1
fi
ok cache-built

# ---- every corpus draft, with and without the cache: the same JSON
mkdir -p "$tmp/dev"
python3 - "$root/corpus/dev" "$tmp/dev" <<'PY'
import glob, json, os, sys
i = 0
for p in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    for d in json.load(open(p, encoding="utf-8"))["drafts"]:
        with open(os.path.join(sys.argv[2], "d%04d.txt" % i), "w", encoding="utf-8") as f:
            f.write(d["text"])
        i += 1
PY
same_both_ways corpus-dev-same-with-and-without-cache '"spelling.misspelled"' 0 "$tmp"/dev/*.txt

# ---- one typo per draft, so each gets suggestions: the same both ways.
# Made from the corpus words by every kind of one-letter slip.
mkdir -p "$tmp/typos"
python3 - "$tmp/dev" "$tmp/typos" <<'PY'
import glob, os, re, sys
words = set()
for p in glob.glob(os.path.join(sys.argv[1], "*.txt")):
    words.update(re.findall(r"[A-Za-z][a-z']{2,}", open(p, encoding="utf-8").read()))
words = sorted(words)[::7]
slips = []
for k, w in enumerate(words):
    i = 1 + k % (len(w) - 1)
    kind = k % 5
    if kind == 0: slips.append(w[:i] + w[i + 1:])                      # a letter dropped
    elif kind == 1: slips.append(w[:i] + "eaiou"[k % 5] + w[i:])       # one too many
    elif kind == 2 and i + 1 < len(w): slips.append(w[:i] + w[i + 1] + w[i] + w[i + 2:])
    elif kind == 3: slips.append(w[:i] + "tsrnl"[k % 5] + w[i + 1:])   # a wrong letter
    else: slips.append(w[:i] + "\u00e9" + w[i + 1:])                   # an accent
for k, s in enumerate(slips):
    with open(os.path.join(sys.argv[2], "t%04d.txt" % k), "w", encoding="utf-8") as f:
        f.write("ok so %s then\n" % s)
PY
same_both_ways typos-same-suggestions-with-and-without-cache '"did you mean' 100 "$tmp"/typos/*.txt

# ---- a misspelled word still gets a suggestion (an edit away, and one
# only Hunspell's own search finds), with the cache and without
for mode in with_cache without; do
  out=$(echo "I definately left the charger at yours." | $mode - || true)
  case "$out" in *'"did you mean: definitely'*) ok "suggestion-$mode" ;;
    *) bad "suggestion-$mode" "no 'definitely' for 'definately'" ;; esac
  out=$(echo "ok so recieveing it now" | $mode - || true)
  case "$out" in *'"did you mean: receiving'*) ok "hunspell-suggestion-$mode" ;;
    *) bad "hunspell-suggestion-$mode" "no 'receiving' for 'recieveing'" ;; esac
done

# ---- Hunspell is loaded only when a word needs it
printf 'Hey, saw a dog that looked just like yours today. Hope work is going well.\n' >"$tmp/clean.txt"
printf 'Hey, I definately saw a dog like yours at the café today.\n' >"$tmp/typo.txt"
if loads_hunspell env EXLINT_SPELL_CACHE="$SPELL_CACHE" "$EXLINT" --no-config "$tmp/clean.txt"; then
  bad no-hunspell-for-known-words "the .dic was opened"
else ok no-hunspell-for-known-words; fi
if loads_hunspell env EXLINT_SPELL_CACHE="$SPELL_CACHE" "$EXLINT" --no-config "$tmp/typo.txt"; then
  bad no-hunspell-for-simple-typos "the .dic was opened"
else ok no-hunspell-for-simple-typos; fi
if loads_hunspell env EXLINT_SPELL_CACHE= "$EXLINT" --no-config "$tmp/clean.txt"; then
  ok hunspell-without-cache
else bad hunspell-without-cache "the .dic was never opened"; fi

# ---- the personal dictionary still counts: names accepted as written
printf 'Biscuit\nMcKenzie\nZo\303\253\nlolz\n' >"$tmp/words.txt"
printf '{"personal_dictionary": "%s"}\n' "$tmp/words.txt" >"$tmp/cfg.json"
printf 'Biscuit and McKenzie say hi, Zo\303\253 too. lolz Lolz biscuitt Mckenzie mckenzie ZO\303\213\n' >"$tmp/names.txt"
on=$(EXLINT_SPELL_CACHE="$SPELL_CACHE" "$EXLINT" --config="$tmp/cfg.json" --format=json \
  --now=2026-06-15T12:00:00 "$tmp/names.txt" || true)
off=$(EXLINT_SPELL_CACHE= "$EXLINT" --config="$tmp/cfg.json" --format=json \
  --now=2026-06-15T12:00:00 "$tmp/names.txt" || true)
if [ "$on" = "$off" ] && ! grep -q "'Biscuit'\|'lolz'\|'Lolz'\|'McKenzie'" <<<"$on" &&
  grep -q "'biscuitt'" <<<"$on"; then
  ok personal-dictionary-same-with-and-without-cache
else bad personal-dictionary-same-with-and-without-cache "outputs differ or names flagged"; fi

# ---- a stale or broken cache is ignored: same output, no crash
draft="$tmp/typo.txt"
want=$(without "$draft"; echo "status $?")
check_ignored() { # NAME FILE
  local got
  got=$(EXLINT_SPELL_CACHE="$2" lint "$draft" 2>"$tmp/err"; echo "status $?")
  if [ "$got" = "$want" ] && [ ! -s "$tmp/err" ]; then
    ok "$1"
  else bad "$1" "output or status changed, or a message on stderr: $(head -c 200 "$tmp/err")"; fi
}
sed '2s/^aff [0-9]*/aff 1/' "$SPELL_CACHE" >"$tmp/stale-aff"
sed '3s/^dic [0-9]* [0-9]*/dic 1 1/' "$SPELL_CACHE" >"$tmp/stale-dic"
head -c 100000 "$SPELL_CACHE" >"$tmp/truncated"
{ cat "$SPELL_CACHE"; echo "zzz b"; } >"$tmp/longer"
sed '1s/1$/2/' "$SPELL_CACHE" >"$tmp/other-version"
: >"$tmp/empty"
head -c 3000000 /dev/urandom >"$tmp/random" 2>/dev/null || dd if=/dev/zero of="$tmp/random" bs=1k count=10 2>/dev/null
# right length, nonsense records: may give wrong answers but must not crash
python3 - "$SPELL_CACHE" "$tmp/garbled" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
start = data.index(b"records ")
start = data.index(b"\n", start) + 1
for i in range(start, len(data) - 1, 7):
    data[i] = (data[i] * 31 + 7) % 256
open(sys.argv[2], "wb").write(bytes(data))
PY
for c in stale-aff stale-dic truncated longer other-version empty random; do
  check_ignored "ignored-$c" "$tmp/$c"
done
check_ignored ignored-missing "$tmp/no-such-file"
mkfifo "$tmp/fifo"
if timeout 20 env EXLINT_SPELL_CACHE="$tmp/fifo" "$EXLINT" --no-config "$draft" >/dev/null 2>&1; [ $? -le 1 ]; then
  ok ignored-fifo
else bad ignored-fifo "hung or failed"; fi
check_ignored ignored-directory "$tmp"
if EXLINT_SPELL_CACHE="$tmp/garbled" lint "$draft" >/dev/null 2>&1; [ $? -le 1 ]; then
  ok garbled-records-no-crash
else bad garbled-records-no-crash "exit status above 1"; fi

# ---- the cache's claim: every word of its shape that it lacks, Hunspell
# rejects. Every corpus word and thousands of one-letter slips of them, in
# one draft, with and without the cache.
python3 - "$tmp/dev" "$tmp/many" <<'PY'
import glob, os, re, sys
words = set()
for p in glob.glob(os.path.join(sys.argv[1], "*.txt")):
    words.update(re.findall(r"[A-Za-z][A-Za-z']*[A-Za-z]", open(p, encoding="utf-8").read()))
out = set()
for w in sorted(words):
    for v in (w, w.lower(), w.capitalize()):
        out.add(v)
        for i in range(1, len(v)):
            out.add(v[:i] + v[i + 1:])
            out.add(v[:i] + "e" + v[i:])
            out.add(v[:i] + "'" + v[i:])
            if i + 1 < len(v):
                out.add(v[:i] + v[i + 1] + v[i] + v[i + 2:])
out = sorted(out)
os.makedirs(sys.argv[2])
for k in range(0, len(out), 1000):  # a few drafts: only the first typos get suggestions
    with open(os.path.join(sys.argv[2], "m%04d.txt" % (k // 1000)), "w") as f:
        f.write(" ".join(out[k:k + 1000]) + "\n")
PY
with_cache "$tmp"/many/*.txt >"$tmp/on.json" || true
without "$tmp"/many/*.txt >"$tmp/off.json" || true
n=$(grep -o '"spelling.misspelled"' "$tmp/on.json" | wc -l)
if [ "$n" -gt 1000 ] && cmp -s "$tmp/on.json" "$tmp/off.json"; then
  ok "verdicts-match-hunspell ($(cat "$tmp"/many/*.txt | wc -w) words, $n rejected)"
else bad verdicts-match-hunspell "$n rejected; outputs differ or too few"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
