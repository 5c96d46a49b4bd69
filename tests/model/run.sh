#!/usr/bin/env bash
# run.sh - the learned layer's make targets (mk/model.mk).
#   run.sh train TOOL WORK MODEL-DIR   retrain MODEL-DIR/learned.bin from corpus/dev
#   run.sh eval  TOOL WORK MODEL-DIR   grouped cross-validation table (WORK/eval.md)
#   run.sh check TOOL WORK MODEL-DIR   tests: C scoring agrees with the trainer's maths,
#                                      training is deterministic, the shipped model is
#                                      current, safety is never named
# Only corpus/dev is read. The work files hold hashed features and ids, no text.
set -euo pipefail
mode=$1 tool=$2 work=$3 model=$4
here=$(dirname "$0")
mkdir -p "$work"
dump=$work/dump.tsv
nice "$tool" dump corpus/dev/*.json > "$dump"

case $mode in
train)
  nice python3 "$here/train.py" train "$dump" "$model" "$work/train" ;;
eval)
  # The baseline: the packs of the last commit before the extra3 drafts
  # existed, so rules that never saw them (schemes C and D of train.py).
  base_dump=-
  commit=$(sed -n 's/^BASELINE = "\(.*\)"$/\1/p' "$here/train.py")
  if git cat-file -e "$commit" 2>/dev/null; then
    base=$(mktemp -d)
    trap 'rm -rf "$base"' EXIT
    for f in $(git ls-tree --name-only "$commit" patterns/ | grep '\.json$'); do
      git show "$commit:$f" > "$base/${f##*/}"
    done
    base_dump=$work/dump-baseline.tsv
    EXLINT_PATTERNS_DIR=$base EXLINT_PACK_CACHE=off nice "$tool" dump corpus/dev/*.json > "$base_dump"
  else
    echo "note: commit $commit not found: schemes C and D skipped" >&2
  fi
  nice python3 "$here/train.py" eval "$dump" "$base_dump" "$work/eval" "$work/eval.md" ;;
check)
  pass=0 fail=0
  result() { if [[ $1 == ok ]]; then echo "ok $2"; pass=$((pass + 1)); else echo "FAIL $2: $3"; fail=$((fail + 1)); fi; }
  "$tool" score "$model" corpus/dev/*.json > "$work/scores.tsv"
  if out=$(python3 "$here/train.py" parity "$dump" "$model" "$work/scores.tsv"); then
    result ok "model-parity ($out)"
  else
    result FAIL model-parity "$out"
  fi
  tmp1=$(mktemp -d) tmp2=$(mktemp -d)
  trap 'rm -rf "$tmp1" "$tmp2"' EXIT
  python3 "$here/train.py" train "$dump" "$tmp1" "$work/t1" > /dev/null
  python3 "$here/train.py" train "$dump" "$tmp2" "$work/t2" > /dev/null
  if cmp -s "$tmp1/learned.bin" "$tmp2/learned.bin"; then
    result ok model-deterministic
  else
    result FAIL model-deterministic "two trainings on the same data differ"
  fi
  # The shipped model is what training on corpus/dev and the packs gives:
  # after a change to either, `make model` and commit patterns/learned.bin.
  if cmp -s "$tmp1/learned.bin" "$model/learned.bin"; then
    result ok model-current
  else
    result FAIL model-current "$model/learned.bin is stale: run make model"
  fi
  if cut -f4 "$work/scores.tsv" | grep -qx safety; then
    result FAIL model-no-safety "the learned layer named safety"
  else
    result ok model-no-safety
  fi
  echo "$pass passed, $fail failed"
  ((fail == 0)) ;;
*)
  echo "usage: run.sh train|eval|check TOOL WORK MODEL-DIR" >&2; exit 2 ;;
esac
