-- wrk script: POST one request body, BENCH_BODY, to /graphql:
-- scripts/bench-http.sh sets it to a council's partners query, the council
-- chosen from the served graph (so no council's id is written here).
wrk.method = "POST"
wrk.path = "/graphql"
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("BENCH_BODY") or error("bench-post.lua: set BENCH_BODY to the request body (scripts/bench-http.sh does)")

done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.3f %d %d\n", summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
