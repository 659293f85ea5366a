#!/usr/bin/env bash
# Score extraction against the hand-made answer keys in ../shared.
#
# 1. Grouped cross-validation over ../shared/corpus: a document's letter (C-H)
#    is its fold; the models are trained on the other five folds plus the seed
#    slices, and the held-out fold is extracted and scored. Prints each fold
#    and the pooled figures (true/false positives and misses summed over folds).
# 2. The seed dev slices the answer key covers (the first 440 lines of the
#    CCIN report; the whole DCN report), each with a model trained on the
#    corpus and the other slice, which never saw it.
# 3. The same slices with the committed model — which was trained on them,
#    so these are training-set figures.
#
# Usage: scripts/eval.sh [--show-errors]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED_DIR:-../shared}
eval_dir=$shared/eval
[ -f "$eval_dir/score.py" ] || { echo "no scorer at $eval_dir/score.py (set SHARED_DIR)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/partnergraph" ./cmd/partnergraph
show=()
[ "${1:-}" = "--show-errors" ] && show=(--show-errors)

echo "== grouped cross-validation over the corpus (train on five letters, score the sixth)"
for fold in C D E F G H; do
  mkdir -p "$tmp/$fold"
  cp "$shared"/corpus/docs/"$fold"*.txt "$tmp/$fold/"
  "$tmp/partnergraph" train --shared "$shared" --hold-out "$fold" --out "$tmp/model-$fold.json" 2>/dev/null
  "$tmp/partnergraph" export --seeds "$tmp/$fold" --model "$tmp/model-$fold.json" --format json > "$tmp/$fold.json" 2> "$tmp/$fold.report"
  python3 "$eval_dir/score.py" "$tmp/$fold.json" "$shared"/corpus/gold/"$fold"*.json --json > "$tmp/$fold.score"
  if [ ${#show[@]} -gt 0 ]; then
    echo "-- fold $fold errors"
    python3 "$eval_dir/score.py" "$tmp/$fold.json" "$shared"/corpus/gold/"$fold"*.json --show-errors | sed -n '/^\[/,$p'
  fi
done
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
keys = ["councils", "organisations", "funders", "collaboration_pairs", "funding_pairs"]
short = ["councils", "orgs", "funders", "collab", "funding"]
def f1(tp, fp, fn):
    if tp + fp + fn == 0:
        return 1.0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0
print("| fold | " + " | ".join(short) + " | macro |")
print("|---|" + "---|" * (len(keys) + 1))
pool = {k: [0, 0, 0] for k in keys}
for fold in "CDEFGH":
    raw = open(f"{tmp}/{fold}.score").read()
    s = json.loads(raw[:raw.rindex("}") + 1])
    row = []
    for k in keys:
        row.append(s[k]["f1"])
        for i, x in enumerate(("tp", "fp", "fn")):
            pool[k][i] += s[k][x]
    print(f"| {fold} | " + " | ".join(f"{x:.3f}" for x in row) + f" | {sum(row)/len(row):.3f} |")
row = [f1(*pool[k]) for k in keys]
print("| pooled | " + " | ".join(f"{x:.3f}" for x in row) + f" | {sum(row)/len(row):.3f} |")
print("pooled counts (tp/fp/fn): " + "; ".join(f"{s} {a}/{b}/{c}" for s, (a, b, c) in zip(short, (pool[k] for k in keys))))
PY

echo
echo "== seed dev slices, each with a model trained on the corpus and the other seed slice (never saw it)"
mkdir -p "$tmp/ccin" "$tmp/dcn"
head -n 440 seeds/000_f4759afe0b904a7c.txt > "$tmp/ccin/000_f4759afe0b904a7c.txt"
cp seeds/004_0c21b22ad762fdcb.txt "$tmp/dcn/"
for set in ccin:ccin-part1:000_ dcn:dcn:004_; do
  IFS=: read -r dir gold prefix <<<"$set"
  "$tmp/partnergraph" train --shared "$shared" --hold-out "$prefix" --out "$tmp/model-no$dir.json" 2>/dev/null
  "$tmp/partnergraph" export --seeds "$tmp/$dir" --model "$tmp/model-no$dir.json" --format json > "$tmp/$dir-heldout.json" 2> "$tmp/$dir-heldout.report"
  echo "-- $gold"
  python3 "$eval_dir/score.py" "$tmp/$dir-heldout.json" "$eval_dir/gold/$gold.json" "${show[@]}"
done

echo
echo "== seed dev slices, committed model (trained on these slices)"
mkdir -p "$tmp/ccin" "$tmp/dcn"
head -n 440 seeds/000_f4759afe0b904a7c.txt > "$tmp/ccin/000_f4759afe0b904a7c.txt"
cp seeds/004_0c21b22ad762fdcb.txt "$tmp/dcn/"
for set in ccin:ccin-part1 dcn:dcn; do
  dir=${set%%:*} gold=${set##*:}
  "$tmp/partnergraph" export --seeds "$tmp/$dir" --format json > "$tmp/$dir.json" 2> "$tmp/$dir.report"
  echo "-- $gold"
  python3 "$eval_dir/score.py" "$tmp/$dir.json" "$eval_dir/gold/$gold.json" "${show[@]}"
done
