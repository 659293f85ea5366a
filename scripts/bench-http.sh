#!/usr/bin/env bash
# Load-tests the GraphQL server against a plain net/http handler on
# loopback with wrk: 50 connections for DURATION each, POSTing one
# council's partners query. Prints req/s, p99 and the throughput ratio.
# Usage: scripts/bench-http.sh [DURATION]   (default 10s; needs wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10s}
api_port=18090
base_port=18091
command -v wrk >/dev/null || { echo "bench-http: wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }

tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

go build -o "$tmp/partnergraph" ./cmd/partnergraph
go build -o "$tmp/baseline" ./scripts/baseline
"$tmp/partnergraph" serve --addr "127.0.0.1:$api_port" >"$tmp/api.log" 2>&1 &
pids+=($!)
"$tmp/baseline" --addr "127.0.0.1:$base_port" >"$tmp/base.log" 2>&1 &
pids+=($!)

wait_up() {
  for _ in $(seq 1 300); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "bench-http: $1 did not come up" >&2
  cat "$tmp"/*.log >&2
  exit 1
}
wait_up "http://127.0.0.1:$api_port/healthz"
wait_up "http://127.0.0.1:$base_port/"

# Fail early if the query does not answer.
curl -fsS -H 'Content-Type: application/json' \
  --data '{"query":"{ council(id: \"council:sty\") { partners { actor { name } } } }"}' \
  "http://127.0.0.1:$api_port/graphql" | grep -q '"partners"' || { echo "bench-http: query failed" >&2; exit 1; }

run() { wrk -t2 -c50 -d"$duration" --latency -s scripts/bench-post.lua "$1" | awk '/^RESULT/ {print $2, $3}'; }
wrk -t2 -c50 -d2s -s scripts/bench-post.lua "http://127.0.0.1:$api_port" >/dev/null # warm-up
read -r api_rps api_p99 < <(run "http://127.0.0.1:$api_port")
read -r base_rps base_p99 < <(run "http://127.0.0.1:$base_port")

printf '%-10s %12s %10s\n' server 'req/s' 'p99 ms'
printf '%-10s %12.0f %10.2f\n' graphql "$api_rps" "$api_p99" baseline "$base_rps" "$base_p99"
awk -v a="$api_rps" -v b="$base_rps" 'BEGIN { printf "ratio graphql/baseline: %.3f\n", a / b }'
