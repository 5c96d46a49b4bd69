#!/usr/bin/env bash
# Run inside `dbus-run-session` by run.sh: start dunst (a real notification
# daemon) on the test's display, run `exlint-clipwatch --once --sent-action`
# with the real notify-send, click "I sent it" with dunstctl, and print what
# happened: "once=STATUS" and "history=JSON" (summary, body, app name).
# Usage: with-dunst.sh WATCHER EXLINT-OPTION...
set -euo pipefail
watch=$1
shift
dunst >/dev/null 2>&1 &
daemon=$!
trap 'kill "$daemon" 2>/dev/null || true' EXIT
# Wait until dunst owns the name (asking NameHasOwner starts nothing).
for ((i = 0; i < 100; i++)); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null |
    grep -q true && break
  sleep 0.05
done
"$watch" --once --sent-action -- "$@" >/dev/null &
once=$!
for ((i = 0; i < 100; i++)); do
  [[ $(dunstctl count displayed 2>/dev/null) == 1 ]] && break
  sleep 0.05
done
dunstctl action 0 # the only action: "I sent it"
status=0
wait "$once" || status=$?
echo "once=$status"
dunstctl close-all
echo "history=$(dunstctl history | jq -c '[.data[0][] | {app: .appname.data, summary: .summary.data, body: .body.data}]')"
