-- wrk script: POST one council's partners query to /graphql.
wrk.method = "POST"
wrk.path = "/graphql"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query":"{ council(id: \\"council:sty\\") { name partners { actor { id name } initiatives { name } evidence { quote file lineStart lineEnd } } } }"}'

done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.3f\n", summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000))
end
