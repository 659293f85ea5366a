#!/usr/bin/env bash
# How loading and serving scale with the corpus: for synthetic corpora of
# 1x, 10x and 100x (and 1000x with --with-1000; about 190 KB of text per 1x,
# written by `partnergraph synth`), prints
#   - build: `partnergraph load` wall time and peak RSS (extraction + graph),
#     and its throughput in MB of text per second of wall time and per
#     second of CPU time (the per-core rate),
#   - serve: start-up until /healthz answers, RSS then, and the time until
#     Query.metricsReady (the metrics are computed in the background),
#   - uncached p50/p99 (serve --no-response-cache, each request executed) of
#     a council's partners, sharedPartners of two councils, search, path and
#     network(limit: 5000), over REQUESTS requests each, asked one at a time
#     with curl on loopback, rotating over councils and search words;
#   - partners questions of another hundred councils once the metrics are
#     ready, when no background work competes with them (their partners not
#     derived before).
# Requests start as soon as /healthz answers, metrics ready or not: a query
# that does not ask for the metrics must not wait for them.
#
# Usage: scripts/bench-scale.sh [--with-1000] [--scales "1 10 100"] [--requests 200] [--seed 1]
set -euo pipefail
cd "$(dirname "$0")/.."
scales="1 10 100"
requests=200
seed=1
while [ $# -gt 0 ]; do
  case "$1" in
    --with-1000) scales="$scales 1000" ;;
    --scales) scales=$2; shift ;;
    --requests) requests=$2; shift ;;
    --seed) seed=$2; shift ;;
    *) echo "bench-scale: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
for tool in curl /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-scale: $tool is not installed (apt-get install -y curl time)" >&2; exit 1; }
done
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
bin=$tmp/partnergraph
go build -o "$bin" ./cmd/partnergraph
port=18474
url=http://127.0.0.1:$port

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
gql() { curl -fsS -m 120 -H 'Content-Type: application/json' --data-binary "$1" "$url/graphql"; }
# percentiles FILE: p50 and p99 of the seconds in FILE, in ms.
percentiles() {
  sort -g "$1" | awk '{ v[NR] = $1 } END {
    p50 = v[int((NR - 1) * 0.50) + 1]; p99 = v[int((NR - 1) * 0.99) + 1]
    printf "%.1f / %.1f", p50 * 1000, p99 * 1000 }'
}
# timed NAME: runs $requests requests built by body_NAME i, one at a time.
timed() {
  local name=$1 out=$tmp/$1.times
  : >"$out"
  for i in $(seq "$requests"); do
    curl -sS -o "$tmp/answer" -w '%{time_total}\n' -m 120 -H 'Content-Type: application/json' \
      --data-binary "$("body_$name" "$i")" "$url/graphql" >>"$out"
    if ! grep -q '"data"' "$tmp/answer" || grep -q '"errors"' "$tmp/answer"; then
      echo "bench-scale: $name request $i failed: $(head -c 300 "$tmp/answer")" >&2
      exit 1
    fi
  done
  percentiles "$out"
}
words=("community trust" "foodbank" "carers centre" "youth project" "credit union" "hospice" "fondation" "wellbeing network")
council() { echo "${councils[$(( $1 % ${#councils[@]} ))]}"; }
body_partners() { printf '{"query":"{ council(id: \\"%s\\") { partners(first: 50) { totalCount edges { node { id name } initiatives { name } } } } }"}' "$(council "$1")"; }
body_shared() { printf '{"query":"{ sharedPartners(councilIds: [\\"%s\\", \\"%s\\"], mode: ANY) { totalCount edges { node { id name } sharedCount } } }"}' "$(council "$1")" "$(council $(( $1 + 7 )))"; }
body_search() { printf '{"query":"{ search(text: \\"%s\\", first: 10) { totalCount edges { score node { __typename ... on Organisation { id name } } } } }"}' "${words[$(( $1 % ${#words[@]} ))]}"; }
body_path() { printf '{"query":"{ path(from: \\"%s\\", to: \\"%s\\", maxLength: 6) { hops { from { id } to { id } } } }"}' "$(council "$1")" "$(council $(( $1 + 3 )))"; }
body_network() { printf '{"query":"{ network(limit: 5000) { truncated metricsReady nodes { id degree } edges { id } } }"}'; }

rows=()
for s in $scales; do
  corpus=$tmp/corpus-$s
  "$bin" synth --scale "$s" --seed "$seed" --out "$corpus" >/dev/null
  bytes=$(cat "$corpus"/* | wc -c) # the text's bytes, not the disk blocks du counts
  size=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
  /usr/bin/time -f '%e %M %U %S' -o "$tmp/time" "$bin" load --seeds "$corpus" >"$tmp/load.txt"
  read -r build_s build_kb user_s sys_s <"$tmp/time"
  # the build's throughput: MB of text per second of wall time, and per
  # second of CPU time (user + system, every core's): the second is the
  # per-core rate, whatever the number of cores and however busy they were
  rate=$(awk -v b="$bytes" -v w="$build_s" -v u="$user_s" -v k="$sys_s" 'BEGIN { printf "%.2f / %.2f", b / 1e6 / w, b / 1e6 / (u + k) }')
  graph=$(tail -1 "$tmp/load.txt" | sed 's/^graph: //')

  start=$(date +%s%N)
  "$bin" serve --addr "127.0.0.1:$port" --seeds "$corpus" --no-response-cache >"$tmp/serve.log" 2>&1 &
  pid=$!
  until curl -fs "$url/healthz" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "bench-scale: serve exited: $(tail -3 "$tmp/serve.log")" >&2; exit 1; }
    [ "$(ms "$start")" -lt 1800000 ] || { echo "bench-scale: not ready after 30 min" >&2; exit 1; }
    sleep 0.05
  done
  ready_ms=$(ms "$start")
  ready_rss=$(rss_mb "$pid")
  # Meanwhile, note when the metrics are ready (polled, 20 per second).
  rm -f "$tmp/metrics"
  (for _ in $(seq 12000); do
     if gql '{"query":"{ metricsReady }"}' 2>/dev/null | grep -q true; then echo "$(ms "$start")" >"$tmp/metrics"; exit 0; fi
     sleep 0.05
   done) &
  poller=$!
  page=$(gql '{"query":"{ councils(first: 100) { pageInfo { endCursor } edges { node { id } } } }"}')
  mapfile -t councils < <(grep -o 'council:[^"]*' <<<"$page")
  # a second hundred, asked only once the metrics are ready: their partners
  # are derived then, with no background work and nothing kept from before
  after=$(grep -o '"endCursor":"[^"]*"' <<<"$page" | cut -d'"' -f4)
  mapfile -t later < <(gql "{\"query\":\"{ councils(first: 100, after: \\\"$after\\\") { edges { node { id } } } }\"}" | grep -o 'council:[^"]*')
  partners=$(timed partners); shared=$(timed shared); search=$(timed search); path=$(timed path); network=$(timed network)
  wait "$poller" || true
  metrics="not within 10 min"
  [ -s "$tmp/metrics" ] && metrics="$(( $(cat "$tmp/metrics") - ready_ms )) ms later"
  rss_after=$(rss_mb "$pid")
  # partners questions of other councils once the metrics are ready
  [ ${#later[@]} -gt 0 ] || later=("${councils[@]}") # a corpus of 100 councils or fewer
  councils=("${later[@]}")
  partners_after=$(timed partners)
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  rows+=("| ${s}× (${size} MB) | $graph | ${build_s} s, $(( build_kb / 1024 )) MB | $rate | ${ready_ms} ms, ${ready_rss} MB | $metrics, ${rss_after} MB | $partners | $shared | $search | $path | $network | $partners_after |")
  echo "${rows[-1]}" >&2
done
echo
echo "| corpus | graph | build (load): time, peak RSS | build MB/s: wall / per CPU-second | serve: to ready, RSS | metrics ready, RSS then | partners p50/p99 ms | sharedPartners | search | path | network(limit: 5000) | partners of other councils once metrics are ready |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
