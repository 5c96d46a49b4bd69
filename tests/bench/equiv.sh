#!/usr/bin/env bash
# The prefilter must change no finding: lint every corpus draft, every rule
# example and the benchmark drafts with the prefilter on (every draft then
# uses the literal index stored in patterns/packs.cache), with the literal
# index forced on every draft (EXLINT_PREFILTER=index: each pattern scans
# only the windows where it can start; patterns compiled from the JSON, as
# windows need code compiled for an offset limit), and with it off
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
# The benchmark drafts, and a slice of the large text: large enough that the
# index is used without being forced, small enough to lint with it off.
python3 "$root/tests/bench/gen.py" "$root/corpus/dev" "$tmp/bench" >/dev/null
cp "$tmp/bench/draft-800.txt" "$tmp/bench/draft-2k.txt" "$tmp"/
head -c 200000 "$tmp/bench/big.txt" | iconv -f utf-8 -t utf-8 -c >"$tmp/big-200k.txt"
rm -rf "$tmp/bench"
passed=0 failed=0
n=$(ls "$tmp"/*.txt | wc -l)
for stage in first-contact reconnecting relationship-talk; do
  args=(--no-config --no-spell --now=2026-06-15T12:00:00 --stage=$stage --format=json)
  EXLINT_PREFILTER=off "$EXLINT" "${args[@]}" "$tmp"/*.txt >"$tmp/off.json" 2>"$tmp/off.err" || true
  for mode in on index; do
    if [[ $mode == on ]]; then
      "$EXLINT" "${args[@]}" "$tmp"/*.txt >"$tmp/$mode.json" 2>"$tmp/$mode.err" || true
    else
      EXLINT_PACK_CACHE=off EXLINT_PREFILTER=$mode "$EXLINT" "${args[@]}" "$tmp"/*.txt \
        >"$tmp/$mode.json" 2>"$tmp/$mode.err" || true
    fi
    if [[ -s $tmp/off.json ]] && cmp -s "$tmp/$mode.json" "$tmp/off.json" &&
      cmp -s "$tmp/$mode.err" "$tmp/off.err"; then
      echo "ok prefilter-$mode-same-findings-$stage ($n drafts)"
      passed=$((passed + 1))
    else
      echo "FAIL prefilter-$mode-same-findings-$stage: the JSON differs from the prefilter off"
      failed=$((failed + 1))
    fi
  done
done
echo "$passed passed, $failed failed"
((failed == 0))
