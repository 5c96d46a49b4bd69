#!/usr/bin/env bash
# blind-rounds.sh - the learned layer as findings, measured on blind rounds.
#
# For each round, the drafts are linted with the packs AND the model of the
# commit just before the round became dev data, so neither the rules nor
# the model had seen them. Prints, over all rounds, recall on should-flag
# drafts and false positives on should-pass drafts for the rules alone and
# for "rules, or the model at or above a threshold" (level 2 is the model's
# own warning threshold). Builds each commit in a temporary worktree (a few
# minutes each); prints no draft text.
# usage: tests/model/blind-rounds.sh COMMIT:FILE[,FILE...] ...
#   e.g. tests/model/blind-rounds.sh 16898e9:extra16-a.json,extra16-b.json
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/exlint-blind-XXXXXX)
trap 'for w in "$work"/tree-*; do git -C "$root" worktree remove --force "$w" 2>/dev/null || true; done; rm -rf "$work"' EXIT
for spec in "$@"; do
  commit=${spec%%:*} files=${spec#*:}
  tree=$work/tree-$commit
  git -C "$root" worktree add -q --detach "$tree" "$commit"
  make -s -C "$tree" -j2 all build/exlint-model >"$work/make.log" 2>&1 ||
    { cat "$work/make.log" >&2; exit 1; }
  for f in ${files//,/ }; do
    EXLINT_PATTERNS_DIR=$tree/patterns "$tree/build/exlint-model" score "$tree/patterns" \
      "$root/corpus/dev/$f" >"$work/$commit-$f.score"
    EXLINT_PATTERNS_DIR=$tree/patterns python3 - "$tree/build/exlint" "$root/corpus/dev/$f" \
      >"$work/$commit-$f.rules" <<'PY'
import json, subprocess, sys
exe, path = sys.argv[1], sys.argv[2]
for d in json.load(open(path, encoding="utf-8"))["drafts"]:
    r = subprocess.run([exe, "--no-config", "--no-spell", "--now=2026-06-15T12:00:00", "-f", "json",
                        "--stage=" + d["stage"], "-"], input=d["text"].encode(), capture_output=True)
    j = json.loads(r.stdout)
    f = j["files"][0] if "files" in j else j
    got = {x["category"] for x in f["findings"] if x["severity"] in ("warning", "error")}
    print(json.dumps({"id": d["id"], "flag": bool(d["categories"]), "rules": bool(got - {"spelling", "timing"})}))
PY
  done
done
python3 - "$work" <<'PY'
import glob, json, sys
rows = {}
for path in glob.glob(sys.argv[1] + "/*.rules"):
    score = {}
    for line in open(path[:-6] + ".score"):
        f = line.split("\t")
        score[f[0]] = (float(f[1]), int(f[2]))
    for line in open(path):
        j = json.loads(line)
        rows[j["id"]] = (j["flag"], j["rules"]) + score[j["id"]]
print("drafts: %d should flag, %d should pass" % (sum(r[0] for r in rows.values()),
                                                 sum(not r[0] for r in rows.values())))
print("| layer | recall | false positives |\n|---|---:|---:|")
for name, extra in [("rules", lambda p, lev: False), ("rules or p >= 0.95", lambda p, lev: p >= 0.95),
                    ("rules or p >= 0.90", lambda p, lev: p >= 0.90),
                    ("rules or level 2", lambda p, lev: lev >= 2),
                    ("rules or p >= 0.80", lambda p, lev: p >= 0.80)]:
    flag = [r[1] or extra(r[2], r[3]) for r in rows.values() if r[0]]
    fp = [r[1] or extra(r[2], r[3]) for r in rows.values() if not r[0]]
    print("| %s | %.1f%% (%d/%d) | %.1f%% (%d/%d) |" % (name, 100 * sum(flag) / len(flag), sum(flag),
          len(flag), 100 * sum(fp) / len(fp), sum(fp), len(fp)))
PY
