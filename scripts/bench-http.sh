#!/usr/bin/env bash
# Load-tests the GraphQL server against a plain net/http handler on
# loopback with wrk: 50 connections for DURATION each, POSTing one
# council's partners query, with the response cache on (as served) and off
# (--no-response-cache, every request executed), and a mix of 1,000
# different questions (partners, collaborators, search, sharedPartners,
# path, initiatives; built from the seed graph's ids) uncached. Prints
# req/s, p99 and the throughput ratio to the plain baseline for each, and
# gqlgen's own `{ hello }` (scripts/baseline --hello) as a second floor, all
# measured in this one run. Ratios are given to two plain handlers: the
# fixed reply written without reading the request (as fast as a handler
# gets) and a JSON endpoint that decodes each request and encodes the goal
# question's answer with encoding/json (scripts/baseline --json-answer),
# which is what "plain net/http JSON" serving the same answer costs; and
# `{ hello }` is served twice, without and with the parsed-query cache the
# service runs with. wrk comes from Debian: installed with apt-get
# when missing.
#
# wrk and the server under test share the machine, so each gets its own
# core: the servers run on core 0 with GOMAXPROCS=1, wrk on core 1 with one
# thread. Otherwise the load generator's own scheduling shows up in the
# servers' p99, the baseline's included. Every server gets the same
# placement, so the ratio compares like with like.
#
# With ROUNDS above 1, the JSON endpoint and the uncached mix are then run
# again, back to back, ROUNDS times: each round's ratio compares two runs a
# few seconds apart, and the medians say what a single run cannot on a
# machine whose pace drifts from minute to minute.
#
# Usage: scripts/bench-http.sh [DURATION] [ROUNDS]   (default 10s, 1 round; needs wrk, taskset)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10s}
rounds=${2:-1}
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "bench-http: ROUNDS must be a positive whole number, not '$rounds'" >&2; exit 2; }
cached_port=18090
base_port=18091
uncached_port=18092
hello_port=18093
json_port=18094
hello_cached_port=18095
if ! command -v wrk >/dev/null && command -v apt-get >/dev/null; then
  echo "bench-http: installing wrk with apt-get" >&2
  { apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; } >/dev/null 2>&1 || true
fi
for tool in wrk taskset curl; do
  command -v "$tool" >/dev/null || { echo "bench-http: $tool is not installed (apt-get install -y wrk util-linux curl)" >&2; exit 1; }
done
if [ "$(nproc)" -lt 2 ]; then
  echo "bench-http: needs 2 cores to keep wrk off the server's core; found $(nproc)" >&2
  exit 1
fi
server_cpu=0
wrk_cpu=1

tmp=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

go build -o "$tmp/partnergraph" ./cmd/partnergraph
go build -o "$tmp/baseline" ./scripts/baseline
# exec, so that $! is the server itself and the cleanup stops it.
pinned() { GOMAXPROCS=1 exec taskset -c "$server_cpu" "$@"; }
# A server left listening on a port (by an interrupted run, say) would be
# measured in place of this build's.
for port in "$cached_port" "$uncached_port" "$base_port" "$hello_port" "$json_port" "$hello_cached_port"; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "bench-http: something already listens on 127.0.0.1:$port" >&2
    exit 1
  fi
done
pinned "$tmp/partnergraph" serve --addr "127.0.0.1:$cached_port" >"$tmp/cached.log" 2>&1 &
pids+=($!)
pinned "$tmp/partnergraph" serve --no-response-cache --addr "127.0.0.1:$uncached_port" >"$tmp/uncached.log" 2>&1 &
pids+=($!)
pinned "$tmp/baseline" --addr "127.0.0.1:$base_port" >"$tmp/base.log" 2>&1 &
pids+=($!)
pinned "$tmp/baseline" --hello --addr "127.0.0.1:$hello_port" >"$tmp/hello.log" 2>&1 &
pids+=($!)
pinned "$tmp/baseline" --hello --hello-query-cache --addr "127.0.0.1:$hello_cached_port" >"$tmp/hello-cached.log" 2>&1 &
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
wait_up "http://127.0.0.1:$cached_port/healthz"
wait_up "http://127.0.0.1:$uncached_port/healthz"
wait_up "http://127.0.0.1:$base_port/"
wait_up "http://127.0.0.1:$hello_port/"
wait_up "http://127.0.0.1:$hello_cached_port/"
for p in "${pids[@]}"; do
  kill -0 "$p" 2>/dev/null || { echo "bench-http: a server exited" >&2; cat "$tmp"/*.log >&2; exit 1; }
done

# The question the throughput target is set on (one council's partners by
# name, all within the default page), and the fuller one the Go benchmarks
# ask, about the seed council with the most partners: chosen here by asking
# the service (once its metrics, which order by partners, are ready), so
# that no seed's id is written into the script.
for _ in $(seq 1 600); do
  curl -fsS -H 'Content-Type: application/json' --data '{"query":"{ metricsReady }"}' "http://127.0.0.1:$uncached_port/graphql" |
    grep -q '"metricsReady":true' && break
  sleep 0.1
done
council=$(curl -fsS -H 'Content-Type: application/json' \
  --data '{"query":"{ councils(first: 1, orderBy: {field: PARTNER_COUNT, direction: DESC}) { edges { node { id } } } }"}' \
  "http://127.0.0.1:$uncached_port/graphql" | grep -o 'council:[^"]*' | head -1) || true
[ -n "$council" ] || { echo "bench-http: no council with partners to ask about" >&2; exit 1; }
goal_query='{"query":"{ council(id: \"'$council'\") { partners { edges { node { name } } } } }"}'
full_query='{"query":"{ council(id: \"'$council'\") { name partners { edges { node { id name } initiatives { name } evidence { quote file lineStart lineEnd } } } } }"}'

# Fail early if a query does not answer.
for port in "$cached_port" "$uncached_port"; do
  for q in "$goal_query" "$full_query"; do
    curl -fsS -H 'Content-Type: application/json' --data "$q" "http://127.0.0.1:$port/graphql" >"$tmp/answer.json"
    grep -q '"partners"' "$tmp/answer.json" && ! grep -q '"errors"' "$tmp/answer.json" ||
      { echo "bench-http: query failed on :$port: $(head -c 300 "$tmp/answer.json")" >&2; exit 1; }
  done
done

# The JSON endpoint serves the goal question's answer as the service gave it.
curl -fsS -H 'Content-Type: application/json' --data "$goal_query" "http://127.0.0.1:$uncached_port/graphql" >"$tmp/goal-answer.json"
pinned "$tmp/baseline" --json-answer "$tmp/goal-answer.json" --addr "127.0.0.1:$json_port" >"$tmp/json.log" 2>&1 &
pids+=($!)
wait_up "http://127.0.0.1:$json_port/"
curl -fsS -H 'Content-Type: application/json' --data "$goal_query" "http://127.0.0.1:$json_port/" >"$tmp/json-answer.json"
cmp -s <(tr -d '\n' <"$tmp/goal-answer.json") <(tr -d '\n' <"$tmp/json-answer.json") ||
  { echo "bench-http: the JSON endpoint's answer differs from the service's" >&2; exit 1; }

# The mix: 1,000 different questions over the seed graph's councils and
# organisations, each checked once before the run.
gql() { curl -fsS -H 'Content-Type: application/json' --data "$1" "http://127.0.0.1:$uncached_port/graphql"; }
mapfile -t councils < <(gql '{"query":"{ councils(first: 100) { edges { node { id } } } }"}' | grep -o 'council:[^"]*')
mapfile -t orgs < <(gql '{"query":"{ organisations(first: 100) { edges { node { id } } } }"}' | grep -o 'org:[^"]*')
mapfile -t words < <(gql '{"query":"{ organisations(first: 100) { edges { node { name } } } }"}' | grep -o '"name":"[A-Za-z]*' | cut -d'"' -f4 | sort -u)
[ "${#councils[@]}" -gt 2 ] && [ "${#orgs[@]}" -gt 2 ] && [ "${#words[@]}" -gt 2 ] || { echo "bench-http: too few councils or organisations for the mix" >&2; exit 1; }
nc=${#councils[@]} no=${#orgs[@]} nw=${#words[@]}
for i in $(seq 0 999); do
  c=${councils[$((i % nc))]} c2=${councils[$(((i * 7 + 3) % nc))]} o=${orgs[$((i % no))]} w=${words[$((i % nw))]}
  n=$((5 + i % 20))
  case $((i % 8)) in
    0) q="{ council(id: \\\"$c\\\") { name partners(first: $n) { totalCount edges { node { name } initiatives { name } } } } }" ;;
    1) q="{ organisation(id: \\\"$o\\\") { name sector partners(first: $n) { edges { node { id name } } } } }" ;;
    2) q="{ search(text: \\\"${w:0:$((3 + i % 5))}\\\", first: $n) { totalCount edges { score node { __typename ... on Organisation { id name } } } } }" ;;
    3) q="{ sharedPartners(councilIds: [\\\"$c\\\", \\\"$c2\\\"], mode: ANY, first: $n) { totalCount edges { node { name } sharedCount } } }" ;;
    4) q="{ collaborators(id: \\\"$c\\\", first: $n) { edges { node { a { name } b { name } } } } }" ;;
    5) q="{ path(from: \\\"$c\\\", to: \\\"$o\\\", maxLength: 4) { length nodes { id } } }" ;;
    6) q="{ council(id: \\\"$c\\\") { name region initiatives(first: $n) { edges { node { name } } } } }" ;;
    7) q="{ organisation(id: \\\"$o\\\") { name funded(first: $n) { totalCount } fundedBy(first: $n) { totalCount } } }" ;;
  esac
  printf '{"query":"%s"}\n' "$q"
done >"$tmp/mix.txt"
i=0
while IFS= read -r body; do
  i=$((i + 1))
  curl -fsS -H 'Content-Type: application/json' --data "$body" "http://127.0.0.1:$uncached_port/graphql" >"$tmp/answer.json"
  grep -q '"data":{' "$tmp/answer.json" && ! grep -q '"errors"' "$tmp/answer.json" ||
    { echo "bench-http: mix question $i failed: $body -> $(head -c 300 "$tmp/answer.json")" >&2; exit 1; }
done <"$tmp/mix.txt"
hello_query='{"query":"{ hello }"}'

# run URL BODY DURATION prints "req/s p99-ms"; non-2xx answers or socket
# errors fail the run rather than flatter it.
run() {
  local out
  local script=scripts/bench-post.lua
  [ "$2" = mix ] && script=scripts/bench-mix.lua
  out=$(BENCH_BODY=$2 BENCH_BODIES=$tmp/mix.txt taskset -c "$wrk_cpu" wrk -t1 -c50 -d"$3" --latency -s "$script" "$1" | awk '/^RESULT/ {print $2, $3, $4, $5}')
  read -r rps p99 bad errs <<<"$out"
  if [ "${bad:-1}" -ne 0 ] || [ "${errs:-1}" -ne 0 ]; then
    echo "bench-http: $1: $bad non-2xx answers, $errs socket errors" >&2
    exit 1
  fi
  echo "$rps $p99"
}

run "http://127.0.0.1:$base_port" "$goal_query" 2s >/dev/null # warm-up
res=$(run "http://127.0.0.1:$base_port" "$goal_query" "$duration")
read -r base_rps base_p99 <<<"$res"
run "http://127.0.0.1:$json_port" "$goal_query" 2s >/dev/null # warm-up
res=$(run "http://127.0.0.1:$json_port" "$goal_query" "$duration")
read -r json_rps json_p99 <<<"$res"
run "http://127.0.0.1:$hello_port/graphql" "$hello_query" 2s >/dev/null # warm-up
res=$(run "http://127.0.0.1:$hello_port/graphql" "$hello_query" "$duration")
read -r hello_rps hello_p99 <<<"$res"
run "http://127.0.0.1:$hello_cached_port/graphql" "$hello_query" 2s >/dev/null # warm-up
res=$(run "http://127.0.0.1:$hello_cached_port/graphql" "$hello_query" "$duration")
read -r hello_cached_rps hello_cached_p99 <<<"$res"
results=()
for query in goal full mix; do
  body=$goal_query
  [ "$query" = full ] && body=$full_query
  caches="on off"
  if [ "$query" = mix ]; then body=mix caches=off; fi
  for cache in $caches; do
    port=$cached_port
    [ "$cache" = off ] && port=$uncached_port
    run "http://127.0.0.1:$port" "$body" 2s >/dev/null # warm-up
    res=$(run "http://127.0.0.1:$port" "$body" "$duration")
    read -r rps p99 <<<"$res"
    results+=("$query $cache $rps $p99")
  done
done

echo "wrk -t1 -c50 -d$duration on core $wrk_cpu; each server alone under load, GOMAXPROCS=1 on core $server_cpu"
echo "goal query: $goal_query"
echo "ratio: to the fixed reply; json ratio: to the JSON endpoint (decodes the request, encodes the goal answer)"
printf '%-9s %-6s %-6s %10s %8s %7s %10s\n' server query cache 'req/s' 'p99 ms' ratio 'json ratio'
row() {
  awk -v s="$1" -v q="$2" -v c="$3" -v a="$4" -v p="$5" -v b="$base_rps" -v j="$json_rps" \
    'BEGIN { printf "%-9s %-6s %-6s %10.0f %8.2f %7.3f %10.3f\n", s, q, c, a, p, a / b, a / j }'
}
row baseline fixed - "$base_rps" "$base_p99"
row baseline json - "$json_rps" "$json_p99"
row gqlgen hello - "$hello_rps" "$hello_p99"
row gqlgen hello qcache "$hello_cached_rps" "$hello_cached_p99"
for r in "${results[@]}"; do
  read -r query cache rps p99 <<<"$r"
  row graphql "$query" "$cache" "$rps" "$p99"
done

if [ "$rounds" -gt 1 ]; then
  echo
  echo "$rounds interleaved rounds: the JSON endpoint, then the uncached mix, $duration each"
  printf '%-6s %10s %10s %8s %8s\n' round 'json req/s' 'mix req/s' 'x json' 'p99 ms'
  ratios=() p99s=() both=0
  for r in $(seq 1 "$rounds"); do
    read -r j _ <<<"$(run "http://127.0.0.1:$json_port" "$goal_query" "$duration")"
    read -r m p <<<"$(run "http://127.0.0.1:$uncached_port" mix "$duration")"
    x=$(awk -v m="$m" -v j="$j" 'BEGIN { printf "%.3f", m / j }')
    ratios+=("$x") p99s+=("$p")
    if awk -v x="$x" -v p="$p" 'BEGIN { exit !(x >= 0.30 && p < 15) }'; then both=$((both + 1)); fi
    printf '%-6s %10.0f %10.0f %8s %8.2f\n' "$r" "$j" "$m" "$x" "$p"
  done
  # median FORMAT VALUES...
  median() { local f=$1; shift; printf '%s\n' "$@" | sort -g | awk -v f="$f" '{ v[NR] = $1 } END { printf f, NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
  echo "median: mix $(median %.3f "${ratios[@]}")x the JSON endpoint, p99 $(median %.2f "${p99s[@]}") ms; rounds with both at least 0.30× and p99 under 15 ms: $both of $rounds"
fi
