#!/usr/bin/env bash
# Context checks (issue 5): stage, no-contact window, late night, spelling,
# double texting. Every test sets the clock, the stage and the config itself.
set -uo pipefail
exlint=$(realpath "$1")
cd "$(dirname "$0")/../.."
source tests/lib.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1 TZ=UTC XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/noconfig"
unset EXLINT_NOW

# rules: print the rule ids found (json), one per line
rules() { "$exlint" --format=json "$@" | python3 -c '
import json, sys
for f in json.load(sys.stdin)["files"]:
    for x in f["findings"]:
        print(x["rule"], x["severity"], x["message"], sep="\t")'; }
has() { grep -q "^$1	" <<<"$2"; }

draft='Hope your week went ok.'
# --- late night ------------------------------------------------------------
out=$(echo "$draft" | rules --no-spell --now=2026-11-25T23:30:00)
check late-night-2330 has timing.late-night "$out"
check late-night-says-time grep -q 'it is 23:30' <<<"$out"
out=$(echo "$draft" | rules --no-spell --now=2026-11-25T22:59:00)
check late-night-not-2259 test -z "$out"
out=$(echo "$draft" | rules --no-spell --now=2026-11-25T05:00:00)
check late-night-not-0500 test -z "$out"
out=$(echo "$draft" | TZ=Europe/Berlin rules --no-spell --now=2026-11-25T22:30:00Z)
check late-night-tz-honoured has timing.late-night "$out"
out=$(echo "$draft" | TZ=America/New_York rules --no-spell --now=2026-11-25T22:30:00Z)
check late-night-tz-other-zone test -z "$out"
out=$(echo "$draft" | EXLINT_NOW=2026-11-26T02:10:00 rules --no-spell)
check late-night-env-clock has timing.late-night "$out"
mkdir -p "$tmp/cfg"
printf '{"late_night": {"from": "21:00", "to": "07:00"}}\n' >"$tmp/cfg/late.json"
out=$(echo "$draft" | rules --config="$tmp/cfg/late.json" --no-spell --now=2026-11-25T21:15:00)
check late-night-configurable has timing.late-night "$out"

# --- no-contact window --------------------------------------------------------
printf '{"breakup_date": "2026-11-13", "no_contact_days": 30}\n' >"$tmp/cfg/nc.json"
out=$(echo "$draft" | rules --config="$tmp/cfg/nc.json" --no-spell --now=2026-11-25T12:00:00)
check no-contact-inside has timing.no-contact "$out"
check no-contact-day-12-of-30 grep -q 'day 12 of 30; it ends on 2026-12-13' <<<"$out"
out=$(echo "$draft" | rules --config="$tmp/cfg/nc.json" --no-spell --now=2026-11-13T09:00:00)
check no-contact-day-0 grep -q 'day 0 of 30' <<<"$out"
out=$(echo "$draft" | rules --config="$tmp/cfg/nc.json" --no-spell --now=2026-12-13T12:00:00)
check no-contact-over test -z "$out"
out=$(echo "$draft" | rules --no-spell --no-config --now=2026-11-25T12:00:00)
check no-contact-unset test -z "$out"

# --- stage ---------------------------------------------------------------------
P=(--no-config --no-spell --only-patterns=tests/fixtures/pack --now=2026-11-25T12:00:00)
out=$(echo 'i miss you' | rules "${P[@]}")
check stage-first-contact-error grep -q $'relationship-talk.fixture-miss\terror' <<<"$out"
out=$(echo 'i miss you' | rules "${P[@]}" --stage=reconnecting)
check stage-reconnecting-warning grep -q $'relationship-talk.fixture-miss\twarning' <<<"$out"
out=$(echo 'i miss you' | rules "${P[@]}" --stage=relationship-talk)
check stage-relationship-off test -z "$out"
printf '{"stage": "reconnecting"}\n' >"$tmp/cfg/stage.json"
out=$(echo 'i miss you' | rules --config="$tmp/cfg/stage.json" --no-spell --only-patterns=tests/fixtures/pack)
check stage-from-config grep -q $'fixture-miss\twarning' <<<"$out"
check explain-says-stages grep -q 'first-contact: error, reconnecting: warning, relationship-talk: off' \
  <("$exlint" "${P[@]}" --explain=relationship-talk.fixture-miss)
W=(--no-config --no-spell --now=2026-11-25T12:00:00)
long=$(python3 -c 'print(" ".join(["We walked the dog and talked about the garden."] * 12))')
out=$(echo "$long" | rules "${W[@]}")
check budget-first-contact has wall-of-text.too-many-words "$out"
out=$(echo "$long" | rules "${W[@]}" --stage=relationship-talk)
check budget-grows-with-stage test -z "$(grep -P '^wall-of-text.too-many-words\t(warning|error)' <<<"$out")"

# --- spelling ---------------------------------------------------------------------
S=(--no-config --now=2026-11-25T12:00:00)
out=$(echo 'I definately left the charger at yours.' | rules "${S[@]}")
check spelling-finds-typo grep -q $'^spelling.misspelled\tinfo' <<<"$out"
out=$(echo 'I definately left the charger at yours.' | "$exlint" "${S[@]}" --format=json)
check spelling-suggests grep -q 'did you mean: definitely' <<<"$out"
out=$(echo 'I definately left the charger at yours.' | rules "${S[@]}" --no-spell)
check no-spell-skips test -z "$out"
out=$(echo 'lol ok thx, see u tmrw' | rules "${S[@]}")
check texting-words-known test -z "$out"
out=$(echo 'Tell Zorblat I said hi.' | rules "${S[@]}")
check name-unknown-flagged grep -q 'Zorblat' <<<"$out"
echo Zorblat >"$tmp/cfg/words.txt"
printf '{"personal_dictionary": "%s"}\n' "$tmp/cfg/words.txt" >"$tmp/cfg/pd.json"
out=$(echo 'Tell Zorblat I said hi.' | rules --config="$tmp/cfg/pd.json" --now=2026-11-25T12:00:00)
check personal-dictionary test -z "$out"
out=$(echo 'hwy i nede to tlak to yuo abuot teh wekend plase' | rules "${S[@]}")
check rushed-typing grep -q $'^spelling.rushed\twarning' <<<"$out"
printf '{"dictionary": "/nonexistent/xx_XX"}\n' >"$tmp/cfg/dict.json"
echo hi | "$exlint" --config="$tmp/cfg/dict.json" >/dev/null 2>"$tmp/err"
check missing-dictionary-exit-2 test $? -eq 2
check missing-dictionary-says grep -q 'xx_XX.aff: spelling dictionary not found' "$tmp/err"

# --- double texting ---------------------------------------------------------------
D=(--no-config --no-spell)
secret='meet me at the old bench tonight'
echo "$secret" | "$exlint" "${D[@]}" --now=2026-11-25T10:00:00 >/dev/null
"$exlint" "${D[@]}" --mark-sent --now=2026-11-25T10:00:00 </dev/null
out=$(echo "$draft" | rules "${D[@]}" --now=2026-11-25T12:00:00)
check one-send-no-warning test -z "$(grep '^pressure.double-text' <<<"$out")"
"$exlint" "${D[@]}" --mark-sent --now=2026-11-25T11:00:00 </dev/null
out=$(echo "$draft" | rules "${D[@]}" --now=2026-11-25T12:00:00)
check two-sends-warn grep -q $'^pressure.double-text\twarning' <<<"$out"
out=$(echo "$draft" | rules "${D[@]}" --now=2026-11-27T11:30:00)
check old-sends-expire test -z "$(grep '^pressure.double-text' <<<"$out")"
state="$tmp/state/exlint/sends"
check state-mode-0600 test "$(stat -c %a "$state")" = 600
check state-dir-0700 test "$(stat -c %a "$tmp/state/exlint")" = 700
check state-timestamps-only test -z "$(grep -vE '^(# .*|(sent|reply) [0-9]+)$' "$state")"
check state-no-text test -z "$(grep -rl -e bench -e Hope "$tmp/state")"
"$exlint" "${D[@]}" --mark-reply --now=2026-11-25T11:30:00 </dev/null
out=$(echo "$draft" | rules "${D[@]}" --now=2026-11-25T12:00:00)
check reply-clears test -z "$(grep '^pressure.double-text' <<<"$out")"
check no-temp-left test "$(ls -A "$tmp/state/exlint")" = sends
finish context
