#!/usr/bin/env bash
# Score extraction against the hand-made answer key in ../shared/eval.
# Builds the two dev folders the key covers (the first 440 lines of the CCIN
# report; the whole DCN report), exports each graph as JSON and runs the scorer.
# Usage: scripts/eval.sh [--show-errors]
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${EVAL_DIR:-../shared/eval}
[ -f "$eval_dir/score.py" ] || { echo "no scorer at $eval_dir/score.py (set EVAL_DIR)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/ccin" "$tmp/dcn"
head -n 440 seeds/000_f4759afe0b904a7c.txt > "$tmp/ccin/000_f4759afe0b904a7c.txt"
cp seeds/004_0c21b22ad762fdcb.txt "$tmp/dcn/"
go build -o "$tmp/partnergraph" ./cmd/partnergraph
for set in ccin:ccin-part1 dcn:dcn; do
  dir=${set%%:*} gold=${set##*:}
  "$tmp/partnergraph" export --seeds "$tmp/$dir" --format json > "$tmp/$dir.json" 2> "$tmp/$dir.report"
  echo "== $gold"
  python3 "$eval_dir/score.py" "$tmp/$dir.json" "$eval_dir/gold/$gold.json" "$@"
done
