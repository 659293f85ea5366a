-- wrk script for scripts/load-test: POSTs a mix of distinct GraphQL
-- requests, one JSON body a line in the file named by LOAD_BODIES, picked
-- at random, and counts answers that are not 200 or that carry errors.
local bodies = {}
for line in io.lines(os.getenv("LOAD_BODIES")) do
  if #line > 0 then bodies[#bodies + 1] = line end
end
local threads = {}

setup = function(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

init = function(args)
  math.randomseed(os.time() + id * 7919)
  gql_errors = 0
  bad_status = 0
end

request = function()
  local body = bodies[math.random(#bodies)]
  return wrk.format("POST", "/graphql", { ["Content-Type"] = "application/json" }, body)
end

response = function(status, headers, body)
  if status ~= 200 then
    bad_status = bad_status + 1
  elseif string.find(body, '"errors"', 1, true) then
    gql_errors = gql_errors + 1
  end
end

done = function(summary, latency, requests)
  local ge, bs = 0, 0
  for _, t in ipairs(threads) do
    ge = ge + t:get("gql_errors")
    bs = bs + t:get("bad_status")
  end
  local sock = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f non200=%d graphql_errors=%d socket_errors=%d bodies=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, bs, ge, sock, #bodies))
end
