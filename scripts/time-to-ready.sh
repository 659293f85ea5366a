#!/usr/bin/env bash
# How long `partnergraph serve` takes from process start until /healthz
# answers (graph built from ./seeds, store filled, HTTP listening).
# Usage: scripts/time-to-ready.sh [RUNS]   (loopback only; each run bounded to 30 s)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=$(mktemp -d)/partnergraph
trap 'rm -rf "$(dirname "$bin")"' EXIT
go build -o "$bin" ./cmd/partnergraph
port=18473
for i in $(seq "$runs"); do
  start=$(date +%s%N)
  "$bin" serve --addr "127.0.0.1:$port" --seeds ./seeds >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 3000); do
    if curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
    sleep 0.01
  done
  end=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "run $i: ready in $(( (end - start) / 1000000 )) ms"
done
