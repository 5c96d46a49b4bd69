#!/usr/bin/env bash
# Clipboard tests: `exlint --clipboard` and exlint-clipwatch against a real X
# clipboard (Xvfb + xclip), with a tiny pattern pack of our own so the
# findings do not depend on the bundled packs.
#
# Usage: EXLINT=build/exlint EXLINT_SELWATCH=build/exlint-selwatch tests/clipboard/run.sh
# Needs: Xvfb, xclip, jq. Skipped when missing: strace (the disk-write trace),
# systemd-analyze and desktop-file-validate (the login files), dunst with
# notify-send and dbus-run-session (the real notification daemon).
# Every draft, the notification log and HOME/TMPDIR live in one temp dir,
# removed at exit; Xvfb and every background process are ended by id.
# shellcheck disable=SC2016,SC2034,SC2054 # checks are eval'd strings; strace takes a comma list
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
EXLINT=$(readlink -f "${EXLINT:-$root/build/exlint}")
EXLINT_SELWATCH=$(readlink -f "${EXLINT_SELWATCH:-$root/build/exlint-selwatch}")
WATCH=$root/editor-plugins/clipboard/exlint-clipwatch
LINT=(--no-config --no-spell --only-patterns="$here/pack")
export EXLINT EXLINT_SELWATCH NO_COLOR=1

NEEDY="please please give me one more chance, I can't live without you!!!"
NEEDY2="Please, please answer me tonight!!!"
NEEDY3="please please stop ignoring me, I can't live without you"
CLEAN="Hey, hope the new job is going well."
TOKEN='hunter2-Xk9#pQ7vL!'
URL='https://example.com/photos/2024/summer?album=1'
FPATH='/home/alex/notes/draft to sam.txt'
CODE='if (count == 0) { return -1; } else { total += count; }'
SECRETS=("one more chance" "live without you" "answer me tonight" "job is going" "hunter2"
  "example.com" "draft to sam" "total += count" "stop ignoring")

passed=0 failed=0 skipped=0
ok() { passed=$((passed + 1)); echo "ok $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1: $2"; }
skip() { skipped=$((skipped + 1)); echo "ok $1 # skip $2"; }
# check NAME WHY COMMAND...: ok when COMMAND succeeds.
check() {
  local name=$1 why=$2
  shift 2
  if "$@"; then ok "$name"; else fail "$name" "$why"; fi
}

for tool in Xvfb xclip jq; do
  if ! command -v "$tool" >/dev/null; then
    echo "FAIL setup: $tool is not installed (make deps)"
    echo "0 passed, 1 failed"
    exit 1
  fi
done

# ---- a private world: display, home, tmp, state ------------------------------

work=$(mktemp -d "${TMPDIR:-/tmp}/exlint-clipboard.XXXXXX")
mkdir -p "$work"/{home,tmp,state,run,log,nobin,toolbin}
log=$work/log/notifications # the test's own log, written by notify-log.sh
bg=()                       # background processes we started, by id
xvfb=""
cleanup() {
  local p
  for p in "${bg[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -z $xvfb ]] || kill "$xvfb" 2>/dev/null || true # xclip owners exit with it
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Xvfb picks a free display itself and says which once it accepts clients.
exec {dfd}< <(exec Xvfb -displayfd 3 -nolisten tcp 3>&1 >/dev/null 2>&1)
xvfb=$!
display=""
IFS= read -r -t 10 -u "$dfd" display || true
exec {dfd}<&-
if [[ ! $display =~ ^[0-9]+$ ]]; then
  echo "FAIL setup: Xvfb did not start"
  echo "0 passed, 1 failed"
  exit 1
fi
export DISPLAY=:$display HOME=$work/home TMPDIR=$work/tmp XDG_STATE_HOME=$work/state
export XDG_CONFIG_HOME=$work/home/.config XDG_CACHE_HOME=$work/home/.cache XDG_RUNTIME_DIR=$work/run
export NOTIFY_LOG=$log
unset WAYLAND_DISPLAY EXLINT_PASTE_CMD EXLINT_NOTIFY_CMD
NOTIFY=$here/notify-log.sh
# Tools for the script without any clipboard tool (no xclip, xsel, wl-paste).
for t in bash env sh readlink dirname jq grep head sha256sum sleep cat; do
  ln -s "$(command -v "$t")" "$work/toolbin/$t"
done

copy() { printf '%s' "$1" | xclip -selection clipboard "${@:2}" >/dev/null 2>&1; }
paste() { xclip -selection clipboard -out 2>/dev/null; }
nlines() { if [[ -f $1 ]]; then grep -cE -- "$2" "$1" || true; else echo 0; fi; }
notes() { nlines "$log" '^summary='; }
# wait_for FILE REGEX COUNT: until FILE has COUNT lines matching REGEX (10 s).
wait_for() {
  local i
  for ((i = 0; i < 200; i++)); do
    (($(nlines "$1" "$2") >= $3)) && return 0
    sleep 0.05
  done
  return 1
}
one_line() { [[ $(wc -l <"$1") -eq 1 ]] && grep -qE "$2" "$1"; }
no_secrets() {
  local f s
  for f in "$@"; do
    [[ -f $f ]] || continue
    for s in "${SECRETS[@]}"; do
      if grep -qiF -- "$s" "$f"; then echo "  text '$s' found in $f" >&2; return 1; fi
    done
  done
}
# A process's children, by command name (which the kernel cuts to 15 bytes).
child_pid() {
  ps -o pid=,comm= --ppid "$1" 2>/dev/null | awk -v c="${2:0:15}" '$2 == c { print $1 }'
}
# PID has exited (a zombie nobody reaped counts as gone), within 3 s.
gone() {
  local i state
  for ((i = 0; i < 60; i++)); do
    state=$(ps -o stat= -p "$1" 2>/dev/null) || return 0
    [[ $state == Z* ]] && return 0
    sleep 0.05
  done
  return 1
}
empty_dir() { [[ -z $(find "$1" -mindepth 1 -print -quit) ]]; }

# ---- exlint --clipboard ------------------------------------------------------

run() { # run OUT ERR COMMAND...: sets $rc
  local out=$1 err=$2
  shift 2
  rc=0
  "$@" >"$out" 2>"$err" || rc=$?
}
o=$work/out e=$work/err

run "$o" "$e" "$EXLINT" --clipboard "${LINT[@]}"
check cli-no-owner-exit-2 "rc=$rc, stderr: $(cat "$e")" \
  eval '((rc == 2)) && one_line "$e" "^exlint: clipboard: the clipboard is empty or holds no text$" && [[ ! -s $o ]]'

run "$o" "$e" env -u DISPLAY "$EXLINT" --clipboard "${LINT[@]}"
check cli-no-display-exit-2 "rc=$rc, stderr: $(cat "$e")" \
  eval '((rc == 2)) && one_line "$e" "^exlint: clipboard: no display to read it from"'

run "$o" "$e" env PATH="$work/nobin" "$EXLINT" --clipboard "${LINT[@]}"
check cli-no-tool-exit-2 "rc=$rc, stderr: $(cat "$e")" \
  eval '((rc == 2)) && one_line "$e" "^exlint: clipboard: no clipboard tool found"'

copy ""
run "$o" "$e" "$EXLINT" --clipboard "${LINT[@]}"
check cli-empty-exit-2 "rc=$rc, stderr: $(cat "$e")" \
  eval '((rc == 2)) && one_line "$e" "^exlint: clipboard: the clipboard is empty$"'

copy $'  \n\t \n'
run "$o" "$e" "$EXLINT" --clipboard "${LINT[@]}"
check cli-blank-exit-2 "rc=$rc, stderr: $(cat "$e")" \
  eval '((rc == 2)) && one_line "$e" "the clipboard is empty$"'

run "$o" "$e" env EXLINT_PASTE_CMD="exit 3" "$EXLINT" --clipboard "${LINT[@]}"
check cli-paste-cmd-fails-exit-2 "rc=$rc, stderr: $(cat "$e")" \
  eval '((rc == 2)) && one_line "$e" "^exlint: clipboard: EXLINT_PASTE_CMD failed \\(exit status 3\\)$"'

copy "$NEEDY"
run "$o" "$e" "$EXLINT" --clipboard "${LINT[@]}" --format=line
expect="clipboard:1:1: warning: a doubled please reads as pleading [begging.clip-fixture-please-please]
clipboard:1:23: info: asking for another chance [begging.clip-fixture-one-more-chance]
clipboard:1:42: error: saying you cannot live without them is a weight on them [desperation.clip-fixture-cant-live]
clipboard:1:64: warning: a run of exclamation marks reads as frantic [intensity.clip-fixture-bangs]"
check cli-needy-exit-1 "rc=$rc, stdout: $(cat "$o")" \
  eval '((rc == 1)) && [[ $(cat "$o") == "$expect" && ! -s $e ]]'

run "$o" "$e" "$EXLINT" --clipboard "${LINT[@]}" --format=json
check cli-json-names-clipboard "rc=$rc" \
  eval '((rc == 1)) && [[ $(jq -r ".files[0].file, (.files[0].findings | length)" "$o") == $'"'"'clipboard\n4'"'"' ]]'

check cli-clipboard-unchanged "clipboard now differs" eval '[[ $(paste) == "$NEEDY" ]]'

copy "$CLEAN"
run "$o" "$e" "$EXLINT" --clipboard "${LINT[@]}"
check cli-clean-exit-0 "rc=$rc, stdout: $(cat "$o")" \
  eval '((rc == 0)) && grep -q "ok to send" "$o" && grep -q "^clipboard" "$o"'

# The bundled packs, on drafts whose verdict is certain.
copy "$NEEDY"
run "$o" "$e" "$EXLINT" --clipboard --no-config
r1=$rc
copy "$CLEAN"
run "$o" "$e" "$EXLINT" --clipboard --no-config
check cli-bundled-packs "needy rc=$r1, clean rc=$rc" eval '((r1 == 1 && rc == 0))'

# ---- what the watcher takes for a message -----------------------------------------

classify_cases=(
  "message|$NEEDY"
  "message|$CLEAN"
  "message|let me know if you are free this week"
  "message|miss you <3 ;) see you soon"
  "message|je t’aime encore, tu me manques"
  "message|Я скучаю по тебе"
  $'message|I\'m sorry.\n\nCan we talk sometime?'
  "token|$TOKEN"
  "token|ghp_8f3Kx9Lm2Qz7xw2Pp0o9i8uYt6Rr5Ee4Ww3"
  "too few words|miss you"
  "too few words|a8F3k9Lm Qz7xw2 Pp0o9i8u"
  "url|$URL"
  $'url|https://a.example/x\nhttps://b.example/y'
  "path|$FPATH"
  "path|~/notes.txt"
  'path|C:\Users\alex\draft.txt'
  "code|$CODE"
  "code|import os"
  'code|{"a": 1, "b": [2, 3]}'
  $'code|def reply(msg):\n    return None'
  "blank|   "
)
bad=""
for c in "${classify_cases[@]}"; do
  want=${c%%|*} text=${c#*|}
  [[ $want == message ]] || want="not a message: $want"
  got=$(printf '%s' "$text" | "$WATCH" --classify)
  [[ $got == "$want" ]] || bad+=" [$want: got '$got']"
done
check watch-classifies-texts "${bad# }" eval '[[ -z $bad ]]'

# ---- exlint-clipwatch --once -----------------------------------------------------

copy "$NEEDY"
: >"$log"
run "$o" "$e" env EXLINT_NOTIFY_CMD="$NOTIFY" "$WATCH" --once -- "${LINT[@]}"
check once-needy-exit-1-report "rc=$rc, stdout: $(head -c 300 "$o")" \
  eval '((rc == 1)) && grep -q "desperation.clip-fixture-cant-live" "$o" && grep -q "sleep on it" "$o"'
body=$(sed -n 's/^body=//p' "$log")
check once-needy-notification "log: $(cat "$log")" eval '(($(notes) == 1)) &&
  grep -qE "^summary=exlint: sleep on it — tone [0-9]+/100, [a-z]+$" "$log" &&
  [[ $body == "• error: saying you cannot live without them is a weight on them [desperation.clip-fixture-cant-live]" ]] &&
  [[ $(grep -cE "^(body=)?• " "$log") == 3 ]] && grep -q "^• warning: a doubled please" "$log" &&
  grep -q "^• warning: a run of exclamation" "$log" && grep -q "^… and 1 more$" "$log"'

copy "$CLEAN"
: >"$log"
run "$o" "$e" env EXLINT_NOTIFY_CMD="$NOTIFY" "$WATCH" --once -- "${LINT[@]}"
check once-clean-exit-0 "rc=$rc, log: $(cat "$log")" \
  eval '((rc == 0)) && (($(notes) == 1)) && grep -qE "^summary=exlint: ok to send — tone" "$log"'

: >"$log"
run "$o" "$e" env EXLINT_NOTIFY_CMD="$NOTIFY" "$WATCH" --once --no-notify -- "${LINT[@]}"
check once-no-notify "rc=$rc, $(notes) notifications" eval '((rc == 0)) && (($(notes) == 0)) && [[ -s $o ]]'

run "$o" "$e" env PATH="$work/toolbin" EXLINT_NOTIFY_CMD="$NOTIFY" "$WATCH" --once -- "${LINT[@]}"
check once-no-tool-exit-2 "rc=$rc, stderr: $(cat "$e")" \
  eval '((rc == 2)) && one_line "$e" "no clipboard tool found" &&
        grep -q "^summary=exlint: cannot check the clipboard$" "$log"'

copy ""
: >"$log"
run "$o" "$e" env EXLINT_NOTIFY_CMD="$NOTIFY" "$WATCH" --once -- "${LINT[@]}"
check once-empty-exit-2 "rc=$rc, stderr: $(cat "$e")" \
  eval '((rc == 2)) && one_line "$e" "the clipboard is empty$" && [[ ! -s $o ]]'

# Opt-in "I sent it" button: a notify-send that knows --action "clicks" it.
copy "$NEEDY"
: >"$log"
run "$o" "$e" env PATH="$here/fake-bin:$PATH" "$WATCH" --once --sent-action -- "${LINT[@]}"
sends=$work/state/exlint/sends
check once-sent-action-marks-sent "rc=$rc, log: $(cat "$log"), state: $(ls -lR "$work/state")" \
  eval '((rc == 1)) && grep -q "^arg=--action=sent=I sent it$" "$log" && [[ -f $sends ]] &&
        [[ $(stat -c %a "$sends") == 600 ]] && grep -qE "^sent [0-9]+$" "$sends" && no_secrets "$sends"'
rm -rf "${work:?}"/state/*

# ---- the watcher -----------------------------------------------------------------

# Start the watcher in the background; sets $wpid. A script's background
# jobs start with SIGINT ignored (which a shell cannot trap): undo that.
start_watch() { # ERRFILE COMMAND...
  local err=$1
  shift
  env --default-signal=INT "$@" 2>"$err" &
  wpid=$!
  bg+=("$wpid")
}
# stop_watch PID SIGNAL [TARGET]: send SIGNAL to TARGET (default PID), then
# wait for PID, at most 5 s; sets $rc (124 when it had to be killed).
stop_watch() {
  local timer done_pid=""
  kill "-$2" "${3:-$1}" 2>/dev/null || true
  sleep 5 &
  timer=$!
  rc=0
  wait -n -p done_pid "$1" "$timer" 2>/dev/null || rc=$?
  if [[ $done_pid == "$timer" ]]; then
    kill -KILL "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
    rc=124
  else
    kill "$timer" 2>/dev/null || true
    wait "$timer" 2>/dev/null || true
  fi
}
events='^exlint-clipwatch: (linted|skipped):'

copy "$CLEAN" # already on the clipboard when the watcher starts: not linted
: >"$log"
werr=$work/log/watch.err
trace=$work/log/strace
tracer=()
command -v strace >/dev/null && tracer=(strace -f -qq -e trace=open,openat,creat -o "$trace")
# (LeakSanitizer cannot run under ptrace: with the ASan exlint, leaks are
# checked by the untraced runs.)
start_watch "$werr" "${tracer[@]}" env EXLINT_NOTIFY_CMD="$NOTIFY" \
  ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=0" "$WATCH" -v -- "${LINT[@]}"
spid=$wpid # strace, when tracing; the watcher is its child
if wait_for "$werr" '^exlint-clipwatch: watching the clipboard \(x11\)$' 1; then
  ok watch-starts-x11
else
  fail watch-starts-x11 "stderr: $(cat "$werr")"
fi
n=0
step() { # TEXT [XCLIP-ARGS]: copy, then wait until the watcher has seen it
  copy "$@"
  n=$((n + 1))
  wait_for "$werr" "$events" "$n" || true
}
step "$NEEDY"
step "$NEEDY" # the same text again
step "$CLEAN"
step "$TOKEN"
step "$URL"
step "$FPATH"
step "$CODE"
step "$NEEDY" -target x-kde-passwordManagerHint # what KeePassXC offers
step "$NEEDY2"
expect="exlint-clipwatch: linted: sleep on it
exlint-clipwatch: skipped: same text as before
exlint-clipwatch: linted: ok to send
exlint-clipwatch: skipped: not a message (token)
exlint-clipwatch: skipped: not a message (url)
exlint-clipwatch: skipped: not a message (path)
exlint-clipwatch: skipped: not a message (code)
exlint-clipwatch: skipped: marked secret by a password manager
exlint-clipwatch: linted: sleep on it"
got=$(grep -E "$events" "$werr" || true)
check watch-sees-each-copy "events:"$'\n'"$got" eval '[[ $got == "$expect" ]]'
check watch-notifies-needy-only "log: $(cat "$log")" eval '(($(notes) == 2)) &&
  [[ $(sed -n "s/^summary=exlint: \(sleep on it\) — tone [0-9]*\/100, [a-z]*$/\1/p" "$log" | sort -u) == "sleep on it" ]] &&
  [[ $(grep -c "^body=• error: saying you cannot live" "$log") == 1 ]] &&
  [[ $(grep -c "^body=• warning: a doubled please" "$log") == 1 ]]'
check watch-clipboard-unchanged "clipboard now differs" eval '[[ $(paste) == "$NEEDY2" ]]'
check watch-no-text-in-log-or-stderr "draft text leaked" no_secrets "$log" "$werr"

wpid=$spid
((${#tracer[@]} == 0)) || wpid=$(ps -o pid= --ppid "$spid" | awk 'NR == 1 { print $1 }')
helper=$(child_pid "$wpid" exlint-selwatch)
stop_watch "$spid" TERM "$wpid"
check watch-sigterm-clean-exit "rc=$rc, helper '$helper'" eval '((rc == 0)) && [[ -n $helper ]] && gone "$helper"'

if ((${#tracer[@]})); then
  # Successful opens for writing or creating, outside /dev and the test's log.
  writes=$(grep -E 'O_WRONLY|O_RDWR|O_CREAT|creat\(' "$trace" | grep -vE '= -1 ' |
    grep -vE "\"/dev/|\"$log\"" || true)
  check watch-writes-nothing-strace "writes: $writes" eval '[[ -z $writes ]]'
else
  skip watch-writes-nothing-strace "strace is not installed"
fi
check watch-writes-nothing-dirs "$(find "$work"/{home,tmp,state,run} -mindepth 1)" \
  eval 'empty_dir "$work/home" && empty_dir "$work/tmp" && empty_dir "$work/state" && empty_dir "$work/run"'

# SIGINT, as from a terminal: clean exit, helper gone.
werr=$work/log/watch-int.err
start_watch "$werr" "$WATCH" -v -- "${LINT[@]}"
wait_for "$werr" 'watching the clipboard' 1 || true
helper=$(child_pid "$wpid" exlint-selwatch)
stop_watch "$wpid" INT
check watch-sigint-clean-exit "rc=$rc, helper '$helper', stderr: $(cat "$werr")" \
  eval '((rc == 0)) && [[ -n $helper ]] && gone "$helper"'

# Polling, the last resort.
: >"$log"
werr=$work/log/watch-poll.err
start_watch "$werr" env EXLINT_NOTIFY_CMD="$NOTIFY" "$WATCH" -v --mode=poll --interval=0.2 -- "${LINT[@]}"
wait_for "$werr" 'watching the clipboard \(poll\)' 1 || true
copy "$NEEDY3"
wait_for "$werr" "$events" 1 || true
stop_watch "$wpid" TERM
check watch-poll-mode "rc=$rc, stderr: $(cat "$werr"), log: $(cat "$log")" \
  eval '((rc == 0)) && grep -q "linted: sleep on it" "$werr" && (($(notes) == 1))'

# A Wayland session whose wl-paste cannot watch (GNOME): fall back to X11.
: >"$log"
werr=$work/log/watch-wl.err
start_watch "$werr" env PATH="$here/fake-bin:$PATH" WAYLAND_DISPLAY=wayland-test \
  EXLINT_PASTE_CMD="xclip -selection clipboard -out" EXLINT_NOTIFY_CMD="$NOTIFY" \
  "$WATCH" -v -- "${LINT[@]}"
wait_for "$werr" 'watching the clipboard \(x11\)' 1 || true
copy "$NEEDY"
wait_for "$werr" "$events" 1 || true
stop_watch "$wpid" TERM
check watch-wayland-falls-back-to-x11 "rc=$rc, stderr: $(cat "$werr")" \
  eval '((rc == 0)) && grep -q "watching the clipboard (wayland)" "$werr" &&
        grep -q "watching the clipboard (x11)" "$werr" && (($(notes) == 1))'

check clipboard-unchanged-at-end "clipboard now differs" eval '[[ $(paste) == "$NEEDY" ]]'

# Nothing to watch: exit 1 (the systemd unit then tries again later).
run "$o" "$e" env -u DISPLAY "$WATCH" -- "${LINT[@]}"
check watch-no-display-exit-1 "rc=$rc, stderr: $(cat "$e")" \
  eval '((rc == 1)) && one_line "$e" "no display to watch"'
run "$o" "$e" env PATH="$work/toolbin" "$WATCH" -- "${LINT[@]}"
check watch-no-tool-exit-1 "rc=$rc, stderr: $(cat "$e")" \
  eval '((rc == 1)) && one_line "$e" "no clipboard tool found"'

# ---- starting at login -------------------------------------------------------------

plug=$root/editor-plugins/clipboard
if command -v systemd-analyze >/dev/null; then
  # The unit as shipped names the program bare (looked up in /usr/local/bin,
  # /usr/bin); verify a copy that points into this tree.
  mkdir -p "$work/unit" "$work/unit-run"
  sed "s|^ExecStart=exlint-clipwatch|ExecStart=$WATCH|" "$plug/exlint-clipwatch.service" \
    >"$work/unit/exlint-clipwatch.service"
  rc=0
  out=$(XDG_RUNTIME_DIR=$work/unit-run systemd-analyze verify --user --man=no \
    "$work/unit/exlint-clipwatch.service" 2>&1) || rc=$?
  check systemd-unit-verifies "rc=$rc: $out" eval '((rc == 0)) && [[ -z $out ]] &&
    grep -qx "ExecStart=exlint-clipwatch" "$plug/exlint-clipwatch.service" &&
    grep -qx "WantedBy=graphical-session.target" "$plug/exlint-clipwatch.service"'
else
  skip systemd-unit-verifies "systemd-analyze is not installed"
fi
if command -v desktop-file-validate >/dev/null; then
  rc=0
  out=$(desktop-file-validate "$plug/exlint-clipwatch.desktop" 2>&1) || rc=$?
  check autostart-desktop-validates "rc=$rc: $out" eval '((rc == 0)) && [[ -z $out ]] &&
    grep -qx "Exec=exlint-clipwatch" "$plug/exlint-clipwatch.desktop"'
else
  skip autostart-desktop-validates "desktop-file-validate is not installed"
fi

# ---- a real notification daemon -------------------------------------------------------

if command -v dunst >/dev/null && command -v dunstctl >/dev/null &&
  command -v notify-send >/dev/null && command -v dbus-run-session >/dev/null; then
  copy "$NEEDY"
  out=$(timeout -k 2 30 dbus-run-session -- bash "$here/with-dunst.sh" "$WATCH" "${LINT[@]}" \
    2>"$work/log/dbus.err") || true
  hist=$(sed -n 's/^history=//p' <<<"$out")
  check dunst-shows-notification "$out" eval '[[ $out == *once=1* ]] &&
    [[ $(jq -r ".[0].app" <<<"$hist") == exlint ]] &&
    [[ $(jq -r ".[0].summary" <<<"$hist") =~ ^"exlint: sleep on it — tone "[0-9]+/100 ]] &&
    [[ $(jq -r ".[0].body" <<<"$hist" | head -1) == "• error: saying you cannot live"* ]] &&
    [[ $(jq "length" <<<"$hist") == 1 ]]'
  check dunst-sent-action-marks-sent "state: $(ls -R "$work/state")" \
    eval 'grep -qE "^sent [0-9]+$" "$work/state/exlint/sends"'
else
  skip dunst-shows-notification "dunst, libnotify-bin or dbus is not installed"
  skip dunst-sent-action-marks-sent "dunst, libnotify-bin or dbus is not installed"
fi

echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0))
