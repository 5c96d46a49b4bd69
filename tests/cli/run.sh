#!/usr/bin/env bash
# The CLI contract: exit codes, stdin, many files, --fix and --diff, config
# errors, colour, and an installed copy finding its packs.
set -uo pipefail
exlint=$(realpath "$1")
cd "$(dirname "$0")/../.."
source tests/lib.sh
export NO_COLOR=1
P=(--no-config --no-spell --only-patterns=tests/fixtures/pack)
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT

# exit codes
printf 'Hey, hope the move went well.\n' >"$tmp/clean.txt"
printf 'answer me\n' >"$tmp/bad.txt"
"$exlint" "${P[@]}" "$tmp/clean.txt" >/dev/null; check exit-0-clean test $? -eq 0
"$exlint" "${P[@]}" "$tmp/bad.txt" >/dev/null; check exit-1-findings test $? -eq 1
"$exlint" "${P[@]}" "$tmp/nope.txt" >/dev/null 2>"$tmp/err"; st=$?
check exit-2-missing test $st -eq 2
check missing-one-line test "$(wc -l <"$tmp/err")" -eq 1
check missing-names-file grep -q "nope.txt" "$tmp/err"
"$exlint" "${P[@]}" <"$tmp/bad.txt" >/dev/null; check stdin-implicit test $? -eq 1
"$exlint" "${P[@]}" - <"$tmp/bad.txt" >/dev/null; check stdin-dash test $? -eq 1

# bundled packs: real rules, real exit codes
echo "please come back, I can't live without you" | "$exlint" --no-config --no-spell >/dev/null
check bundled-begging test $? -eq 1
echo "Hey, saw a dog that looked just like Biscuit today. Hope work is treating you well." |
  "$exlint" --no-config --no-spell >/dev/null
check bundled-clean test $? -eq 0

# json contract: exactly the fields of docs/CONTRACT.md
"$exlint" "${P[@]}" --format=json "$tmp/bad.txt" >"$tmp/out.json"
check json-keys python3 - "$tmp/out.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d) == {"version", "files"} and d["version"] == 1
f = d["files"][0]
assert set(f) == {"file", "tone", "stats", "findings"}
assert set(f["tone"]) == {"score", "label", "components"}
assert sum(c["delta"] for c in f["tone"]["components"]) == f["tone"]["score"]
assert set(f["stats"]) == {"words", "sentences", "paragraphs"}
keys = {"rule", "category", "severity", "line", "column", "end_line", "end_column", "offset",
        "length", "match", "message", "suggestion", "replacement"}
assert f["findings"] and all(set(x) == keys for x in f["findings"])
PY

# colour: on with --color=always, never with NO_COLOR or a pipe
out=$("$exlint" "${P[@]}" --color=always "$tmp/bad.txt")
check color-always test "${out//$'\033['/}" != "$out"
out=$(NO_COLOR= "$exlint" "${P[@]}" "$tmp/bad.txt")
check color-off-in-pipe test "${out//$'\033['/}" = "$out"
out=$(NO_COLOR=1 "$exlint" "${P[@]}" --color=auto "$tmp/bad.txt")
check no-color-env test "${out//$'\033['/}" = "$out"

# --fix: atomic, keeps the mode, leaves no temp file, rewrites what it says
printf 'hi!!\nplease, one more chance\n' >"$tmp/fix.txt"; chmod 640 "$tmp/fix.txt"
"$exlint" "${P[@]}" --fix "$tmp/fix.txt" >/dev/null 2>"$tmp/err"
check fix-content test "$(cat "$tmp/fix.txt")" = "$(printf 'hi!\nplease, a calm word')"
check fix-mode test "$(stat -c %a "$tmp/fix.txt")" = 640
check fix-no-temp test "$(ls "$tmp" | grep -c exlint-)" -eq 0
check fix-says grep -q "applied 2 rewrites" "$tmp/err"
mkdir "$tmp/ro"; printf 'hi!!\n' >"$tmp/ro/x"
chmod 555 "$tmp/ro"
"$exlint" "${P[@]}" --fix "$tmp/ro/x" >/dev/null 2>"$tmp/err"; st=$?
if [[ $(id -u) -eq 0 ]]; then
  ok "fix-readonly-dir (skipped as root: permissions do not bind root; see tests/hostile)"
else
  check fix-readonly-dir-status test $st -eq 2
  check fix-readonly-dir-intact test "$(cat "$tmp/ro/x")" = 'hi!!'
fi
chmod 755 "$tmp/ro"
printf 'hi!!\n' | "$exlint" "${P[@]}" --fix - >"$tmp/out"; check fix-stdin-to-stdout test "$(cat "$tmp/out")" = 'hi!'

# --diff touches nothing
printf 'hi!!\n' >"$tmp/d.txt"
"$exlint" "${P[@]}" --diff "$tmp/d.txt" >"$tmp/out"
check diff-output grep -qx '+hi!' "$tmp/out"
check diff-untouched test "$(cat "$tmp/d.txt")" = 'hi!!'

# config: file keys, unknown keys and wrong types name the key, CLI overrides
printf '{"stage": "relationship-talk"}\n' >"$tmp/c.json"
echo 'i miss you' | "$exlint" --config="$tmp/c.json" --no-spell --only-patterns=tests/fixtures/pack >/dev/null
check config-stage test $? -eq 0
echo 'i miss you' | "$exlint" --config="$tmp/c.json" --stage=first-contact --no-spell \
  --only-patterns=tests/fixtures/pack >/dev/null
check config-cli-overrides test $? -eq 1
printf '{"stagee": "x"}\n' >"$tmp/c.json"
"$exlint" --config="$tmp/c.json" </dev/null 2>"$tmp/err" >/dev/null; st=$?
check config-unknown-key test $st -eq 2 -a "$(grep -c "unknown key 'stagee'" "$tmp/err")" -eq 1
printf '{"no_contact_days": "thirty"}\n' >"$tmp/c.json"
"$exlint" --config="$tmp/c.json" </dev/null 2>"$tmp/err" >/dev/null; st=$?
check config-wrong-type test $st -eq 2 -a "$(grep -c "no_contact_days" "$tmp/err")" -eq 1
printf '{"stage": 3' >"$tmp/c.json"
"$exlint" --config="$tmp/c.json" </dev/null 2>"$tmp/err" >/dev/null; check config-bad-json test $? -eq 2
mkdir -p "$tmp/xdg/exlint"; printf '{"disable": ["pressure.fixture-answer"]}\n' >"$tmp/xdg/exlint/config.json"
echo 'answer me' | XDG_CONFIG_HOME="$tmp/xdg" "$exlint" --no-spell --only-patterns=tests/fixtures/pack >/dev/null
check config-xdg-default test $? -eq 0

# exceptions: a plain one reads the match's sentence, a "(?#paragraph)" one
# the whole paragraph, and neither reads past the paragraph
mkdir -p "$tmp/exc"
cat >"$tmp/exc/exc.json" <<'JSON'
{"pack": "exc", "rules": [{"id": "begging.all-i-ask", "category": "begging", "severity": "warning",
  "message": "m", "explain": "e", "suggestion": "s", "patterns": ["all i'm asking"],
  "exceptions": ["(?#paragraph)\\bstop telling people\\b", "\\bfor the record\\b"],
  "examples": {"bad": ["that's all i'm asking"], "good": ["stop telling people. that's all i'm asking"]}}]}
JSON
E=(--no-config --no-spell --only-patterns="$tmp/exc")
echo "that's all i'm asking." | "$exlint" "${E[@]}" >/dev/null; check exc-fires test $? -eq 1
echo "please stop telling people I cheated. that's all i'm asking." | "$exlint" "${E[@]}" >/dev/null
check exc-paragraph-reads-the-paragraph test $? -eq 0
printf 'please stop telling people I cheated.\n\nthat is all. all i'"'"'m asking.\n' |
  "$exlint" "${E[@]}" >/dev/null
check exc-paragraph-stops-at-the-paragraph test $? -eq 1
echo "for the record. that's all i'm asking." | "$exlint" "${E[@]}" >/dev/null
check exc-sentence-reads-the-sentence test $? -eq 1
echo "for the record, that's all i'm asking." | "$exlint" "${E[@]}" >/dev/null
check exc-sentence-cancels test $? -eq 0

# help and version
check help grep -q -- '--format' <("$exlint" --help)
check version grep -qE '^exlint [0-9]+\.[0-9]+' <("$exlint" --version)
"$exlint" --bogus 2>/dev/null; check unknown-option test $? -eq 2

# an installed copy finds its packs from another directory
if make -s install PREFIX="$tmp/inst" EXLINT="$exlint" >/dev/null 2>&1; then
  (cd / && echo 'please come back' | "$tmp/inst/bin/exlint" --no-config --no-spell >/dev/null)
  check install-finds-packs test $? -eq 1
  check install-man test -f "$tmp/inst/share/man/man1/exlint.1"
else
  bad install "make install PREFIX=$tmp/inst failed"
fi
finish cli
