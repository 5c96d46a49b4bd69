#!/usr/bin/env bash
# The prefilter must change no finding: lint every corpus draft, every rule
# example and the benchmark drafts with the prefilter on and with it off
# (EXLINT_PREFILTER=off), at each stage, and compare the JSON byte for byte.
# usage: equiv.sh [EXLINT]
set -euo pipefail
EXLINT=${1:-build/exlint}
root=$(cd "$(dirname "$0")/../.." && pwd)
export EXLINT_PATTERNS_DIR=${EXLINT_PATTERNS_DIR:-$root/patterns}
tmp=$(mktemp -d /tmp/exlint-equiv-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
python3 - "$root" "$tmp" <<'PY'
import glob, json, os, sys
root, out = sys.argv[1], sys.argv[2]
texts = []
for path in sorted(glob.glob(os.path.join(root, "corpus", "*", "*.json"))):
    texts += [d["text"] for d in json.load(open(path, encoding="utf-8"))["drafts"]]
for path in sorted(glob.glob(os.path.join(os.environ["EXLINT_PATTERNS_DIR"], "*.json"))):
    for r in json.load(open(path, encoding="utf-8"))["rules"]:
        for kind in ("bad", "good"):
            for e in r.get("examples", {}).get(kind, []):
                texts.append(e if isinstance(e, str) else e["text"])
for i, t in enumerate(texts):
    with open(os.path.join(out, "%05d.txt" % i), "w", encoding="utf-8") as f:
        f.write(t)
PY
passed=0 failed=0
n=$(ls "$tmp" | wc -l)
for stage in first-contact reconnecting relationship-talk; do
  args=(--no-config --no-spell --now=2026-06-15T12:00:00 --stage=$stage --format=json)
  "$EXLINT" "${args[@]}" "$tmp"/*.txt >"$tmp/on.json" 2>"$tmp/on.err" || true
  EXLINT_PREFILTER=off "$EXLINT" "${args[@]}" "$tmp"/*.txt >"$tmp/off.json" 2>"$tmp/off.err" || true
  if [[ -s $tmp/off.json ]] && cmp -s "$tmp/on.json" "$tmp/off.json" && cmp -s "$tmp/on.err" "$tmp/off.err"; then
    echo "ok prefilter-same-findings-$stage ($n drafts)"
    passed=$((passed + 1))
  else
    echo "FAIL prefilter-same-findings-$stage: the JSON differs with the prefilter off"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
((failed == 0))
