-- wrk script: POST one council's partners query to /graphql. BENCH_BODY,
-- when set, replaces the request body (scripts/bench-http.sh sets it).
wrk.method = "POST"
wrk.path = "/graphql"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("BENCH_BODY") or '{"query":"{ council(id: \\"council:sty\\") { name partners { edges { node { id name } initiatives { name } evidence { quote file lineStart lineEnd } } } } }"}'

done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.3f %d %d\n", summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
