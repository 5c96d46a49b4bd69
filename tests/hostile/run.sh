#!/usr/bin/env bash
# Hostile inputs: one test per row of the table in docs/ROBUSTNESS.md. Each
# checks what exlint does (exit status, one stderr line naming the file and
# the reason, no crash, no hang, the draft byte for byte intact).
# usage: run.sh [EXLINT] [--quick]   (--quick: skip the 100 MB and 10 MB rows,
# for the sanitizer build)
set -euo pipefail
EXLINT=$(realpath "${1:-${EXLINT:-build/exlint}}")
quick=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
export EXLINT_PATTERNS_DIR=${EXLINT_PATTERNS_DIR:-$(cd "$here/../.." && pwd)/patterns}
export NO_COLOR=1
tmp=$(mktemp -d /tmp/exlint-hostile-XXXXXX)
mounted=
cleanup() {
  [[ -n $mounted ]] && umount "$mounted" 2>/dev/null
  chmod -R u+rwX "$tmp" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
chmod 755 "$tmp"
passed=0 failed=0 skipped=0
ok() { echo "ok $1${2:+ # $2}"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
skip() { echo "ok $1 # SKIP $2"; skipped=$((skipped + 1)); }

# run NAME TIMEOUT ARGS...: sets rc, out, err (stderr), secs
run() {
  local t=$1
  shift
  local start=$SECONDS
  rc=0
  timeout "$t" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
  secs=$((SECONDS - start))
  out=$(cat "$tmp/out")
  err=$(cat "$tmp/err")
}
lint() { run "${T:-20}" "$EXLINT" --no-config --no-spell --now=2026-06-15T12:00:00 "$@"; }
# Run exlint as nobody (root ignores file modes). The binary and the packs are
# copied into the test's own readable folder first: the checkout may sit in a
# directory nobody cannot enter (mktemp -d makes them 0700).
as_nobody() {
  if [[ ! -x $tmp/nobody/exlint ]]; then
    mkdir -p "$tmp/nobody" && cp "$EXLINT" "$tmp/nobody/exlint" &&
      cp -R "$EXLINT_PATTERNS_DIR" "$tmp/nobody/patterns" && chmod -R a+rX "$tmp/nobody"
  fi
  run 20 setpriv --reuid=nobody --regid=nogroup --clear-groups -- \
    env EXLINT_PATTERNS_DIR="$tmp/nobody/patterns" "$tmp/nobody/exlint" "$@"
}
sane() { # no sanitizer report, no crash signal, no hang
  [[ $rc -lt 124 ]] && ! grep -qE 'Sanitizer|runtime error' "$tmp/err"
}
one_line_about() { # FILE REASON: stderr is one "exlint: FILE...: ...REASON..." line
  [[ $(wc -l <"$tmp/err") -eq 1 && $err == "exlint: $1"* && $err == *"$2"* ]]
}
expect_error() { # NAME FILE REASON
  if [[ $rc -eq 2 ]] && sane && one_line_about "$2" "$3"; then ok "$1"
  else fail "$1" "rc=$rc, stderr: ${err:0:200}"; fi
}
sum() { sha256sum "$1" | cut -d' ' -f1; }
positions() { grep -o '^[^:]*:[0-9]*:[0-9]*: [a-z]*: .*\[[^]]*\]$' | cut -d: -f2-; }

# ---- empty and blank --------------------------------------------------
: >"$tmp/empty.txt"
lint "$tmp/empty.txt"
if [[ $rc -eq 0 && -z $err ]]; then ok empty-file; else fail empty-file "rc=$rc $err"; fi
printf ' \n\t\n   \r\n' >"$tmp/blank.txt"
lint "$tmp/blank.txt"
if [[ $rc -eq 0 && -z $err ]]; then ok whitespace-only; else fail whitespace-only "rc=$rc $err"; fi

# ---- size -------------------------------------------------------------
if [[ -z $quick ]]; then
  truncate -s 100M "$tmp/huge.txt" # sparse: made at once, costs no disk
  T=10 lint "$tmp/huge.txt"
  expect_error file-100mb "$tmp/huge.txt" "too large"
  # one 10 MB line: a single run of letters, then a sentence a rule flags
  { head -c $((10 * 1024 * 1024)) /dev/zero | tr '\0' 'x'; printf ' please give me one more chance\n'; } >"$tmp/line.txt"
  before=$(sum "$tmp/line.txt")
  T=120 lint --format=line "$tmp/line.txt"
  if [[ $rc -eq 1 ]] && sane && grep -q "^$tmp/line.txt:1:10485" "$tmp/out" && [[ $(sum "$tmp/line.txt") == "$before" ]]; then
    ok single-line-10mb "${secs}s"
  else fail single-line-10mb "rc=$rc ${secs}s stderr: ${err:0:200}"; fi
else
  skip file-100mb "quick run"
  skip single-line-10mb "quick run"
fi

# ---- encoding ---------------------------------------------------------
printf 'hey\nhow are\0 you' >"$tmp/nul.txt"
lint "$tmp/nul.txt"
expect_error nul-byte "$tmp/nul.txt" "NUL byte at line 2"
printf 'hey \xff there' >"$tmp/invalid.txt"
lint "$tmp/invalid.txt"
expect_error invalid-utf8 "$tmp/invalid.txt" "invalid UTF-8"
printf 'slash \xc0\xaf and \xe0\x80\xaf' >"$tmp/overlong.txt"
lint "$tmp/overlong.txt"
expect_error overlong-utf8 "$tmp/overlong.txt" "invalid UTF-8"
printf 'half \xed\xa0\x80 a pair' >"$tmp/surrogate.txt"
lint "$tmp/surrogate.txt"
expect_error lone-surrogate "$tmp/surrogate.txt" "invalid UTF-8"

# ---- line ends and BOM: the same findings at the same line:column -----
body='hey.\nplease give me one more chance!!!\nI saw your story, who was that guy???\n'
printf "$body" >"$tmp/lf.txt"
lint --format=line "$tmp/lf.txt"
want=$(positions <"$tmp/out")
[[ -n $want ]] || fail line-ends "the LF draft has no findings to compare"
for kind in bom crlf cr; do
  case $kind in
    bom) printf "\xef\xbb\xbf$body" >"$tmp/$kind.txt" ;;
    crlf) printf "${body//\\n/\\r\\n}" >"$tmp/$kind.txt" ;;
    cr) printf "${body//\\n/\\r}" >"$tmp/$kind.txt" ;;
  esac
  before=$(sum "$tmp/$kind.txt")
  lint --format=line "$tmp/$kind.txt"
  got=$(positions <"$tmp/out")
  if [[ $rc -eq 1 ]] && sane && [[ $got == "$want" && $(sum "$tmp/$kind.txt") == "$before" ]]; then
    ok "$kind-positions"
  else fail "$kind-positions" "rc=$rc; got: ${got:0:120} want: ${want:0:120}"; fi
done
# a BOM counts in byte offsets: every offset is 3 more than without it
lint --format=json "$tmp/lf.txt"
o1=$(grep -o '"offset":[0-9]*' "$tmp/out" | cut -d: -f2 | tr '\n' ' ')
lint --format=json "$tmp/bom.txt"
o2=$(grep -o '"offset":[0-9]*' "$tmp/out" | cut -d: -f2 | awk '{printf "%d ", $1 - 3}')
if [[ -n $o1 && $o1 == "$o2" ]]; then ok bom-offsets; else fail bom-offsets "$o1 vs $o2"; fi

# a long draft ending in quoted speech: the word count is taken before the
# quote is masked, so the word budget's span once came out reversed and
# was copied with a negative length (heap overflow, found by the corpus run)
{ for i in $(seq 50); do printf 'w '; done; printf 'he said "'
  for i in $(seq 40); do printf 'q%d ' "$i"; done; printf '"\n\n'; } >"$tmp/quoted-tail.txt"
lint "$tmp/quoted-tail.txt"
if [[ $rc -le 1 ]] && sane; then ok quoted-speech-tail; else fail quoted-speech-tail "rc=$rc ${err:0:200}"; fi

# ---- not a draft file -------------------------------------------------
mkdir "$tmp/dir"
lint "$tmp/dir"
expect_error directory "$tmp/dir" "is a directory"
mkfifo "$tmp/fifo"
T=5 lint "$tmp/fifo"
expect_error fifo-no-hang "$tmp/fifo" "not a regular file"
lint "$tmp/missing.txt"
expect_error missing-file "$tmp/missing.txt" "No such file"
printf 'hey\n' >"$tmp/secret.txt"
chmod 000 "$tmp/secret.txt"
if [[ $(id -u) -ne 0 ]]; then
  lint "$tmp/secret.txt"
  expect_error unreadable-file "$tmp/secret.txt" "Permission denied"
elif command -v setpriv >/dev/null; then
  # root reads anything: run this one as nobody
  as_nobody --no-config --no-spell "$tmp/secret.txt"
  expect_error unreadable-file "$tmp/secret.txt" "Permission denied"
else
  skip unreadable-file "root can read any file and setpriv is missing"
fi
chmod 644 "$tmp/secret.txt"

# ---- packs and config -------------------------------------------------
printf 'please give me one more chance\n' >"$tmp/draft.txt"
mkdir "$tmp/badjson" "$tmp/badregex" "$tmp/slow"
printf '{"pack": "begging", "rules": [\n  {"id": "begging.x",\n' >"$tmp/badjson/pack.json"
lint --patterns="$tmp/badjson" "$tmp/draft.txt"
expect_error malformed-pack "$tmp/badjson/pack.json:" "not valid JSON"
cat >"$tmp/badregex/pack.json" <<'JSON'
{"pack": "begging", "rules": [{"id": "begging.broken", "category": "begging",
  "severity": "warning", "message": "m", "explain": "e.", "patterns": ["\\bfine\\b", "(un(closed"]}]}
JSON
lint --patterns="$tmp/badregex" "$tmp/draft.txt"
if [[ $rc -eq 2 ]] && sane && one_line_about "$tmp/badregex/pack.json" "rule 'begging.broken'" &&
  [[ $err == *"patterns 2, offset 10"* ]]; then ok invalid-regex
else fail invalid-regex "rc=$rc stderr: $err"; fi
printf '{"stage": "first-contact", "no_contact_days": "thirty"}\n' >"$tmp/config.json"
run 20 "$EXLINT" --config="$tmp/config.json" --no-spell "$tmp/draft.txt"
expect_error config-wrong-type "$tmp/config.json" "no_contact_days"

# the bundled packs compile lazily (see src/pack.h); loading them as a user
# pack compiles every pattern at once, so a broken bundled regex shows here
run 60 "$EXLINT" --no-config --no-spell --only-patterns="$EXLINT_PATTERNS_DIR" --list-rules
if [[ $rc -eq 0 ]] && sane; then ok bundled-packs-compile
else fail bundled-packs-compile "rc=$rc stderr: ${err:0:300}"; fi

# a catastrophic user pattern costs under a second and a warning; the
# other rules still run
cat >"$tmp/slow/pack.json" <<'JSON'
{"pack": "begging", "rules": [{"id": "begging.slow", "category": "begging",
  "severity": "warning", "message": "m", "explain": "e.", "patterns": ["(a+)+$"]}]}
JSON
{ printf 'please give me one more chance\n'; head -c 30000 /dev/zero | tr '\0' 'a'; printf 'b\n'; } >"$tmp/slow.txt"
start=$(date +%s%N)
lint --format=line --patterns="$tmp/slow" "$tmp/slow.txt"
ms=$((($(date +%s%N) - start) / 1000000))
if [[ $rc -eq 1 ]] && sane && ((ms < 1000)) && [[ $err == *"rule 'begging.slow'"*"match limit"* ]] &&
  grep -q '\[begging\.' "$tmp/out" && ! grep -q 'begging.slow' "$tmp/out"; then
  ok catastrophic-pattern "${ms} ms"
else fail catastrophic-pattern "rc=$rc ${ms} ms stderr: ${err:0:200}"; fi

# ---- --fix that cannot write -----------------------------------------
printf 'hey!!!!! how are you???\n' >"$tmp/ro.txt"
if [[ $(id -u) -eq 0 ]] && command -v setpriv >/dev/null; then
  mkdir "$tmp/rodir" && mv "$tmp/ro.txt" "$tmp/rodir/" && chown -R nobody "$tmp/rodir"
  chmod 444 "$tmp/rodir/ro.txt"
  before=$(sum "$tmp/rodir/ro.txt")
  as_nobody --no-config --no-spell --fix "$tmp/rodir/ro.txt"
  if [[ $rc -eq 2 ]] && sane && [[ $err == *"$tmp/rodir/ro.txt: not writable; draft left as it was"* &&
    $(sum "$tmp/rodir/ro.txt") == "$before" && $(ls "$tmp/rodir") == ro.txt ]]; then ok fix-read-only
  else fail fix-read-only "rc=$rc stderr: $err"; fi
elif [[ $(id -u) -ne 0 ]]; then
  chmod 444 "$tmp/ro.txt"
  before=$(sum "$tmp/ro.txt")
  lint --fix "$tmp/ro.txt"
  if [[ $rc -eq 2 ]] && sane && [[ $(sum "$tmp/ro.txt") == "$before" ]]; then ok fix-read-only
  else fail fix-read-only "rc=$rc stderr: $err"; fi
else
  skip fix-read-only "root ignores file modes and setpriv is missing"
fi

printf 'hey!!!!! how are you???\n' >"$tmp/full.txt"
before=$(sum "$tmp/full.txt")
mkdir "$tmp/full"
if [[ $(id -u) -eq 0 ]] && mount -t tmpfs -o size=64k tmpfs "$tmp/full" 2>/dev/null; then
  mounted="$tmp/full"
  cp "$tmp/full.txt" "$tmp/full/draft.txt"
  head -c 1M /dev/zero >"$tmp/full/filler" 2>/dev/null || true # fill it up
  how="tmpfs"
  lint --fix "$tmp/full/draft.txt"
  target="$tmp/full/draft.txt"
else
  shim="$tmp/enospc.so"
  cc -shared -fPIC -O1 -o "$shim" "$here/enospc.c" -ldl
  how="LD_PRELOAD shim"
  target="$tmp/full.txt"
  run 20 env LD_PRELOAD="$shim" "$EXLINT" --no-config --no-spell --fix "$target"
fi
if [[ $rc -eq 2 ]] && sane && [[ $err == *"$target: cannot write the rewrite (No space left on device); draft left as it was"* &&
  $(sum "$target") == "$before" && -z $(ls "$(dirname "$target")" | grep exlint- || true) ]]; then
  ok fix-disk-full "$how"
else fail fix-disk-full "($how) rc=$rc stderr: $err"; fi

echo "$passed passed, $failed failed${skipped:+, $skipped skipped}"
((failed == 0))
