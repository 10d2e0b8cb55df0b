-- wrk script: GET the paths in the file BENCH_PATHS (one per line) in turn, with the header
-- BENCH_HEADER ("Name: value") if set. Prints one line: BENCH {json}.
function init(args)
  paths = {}
  for line in io.lines(os.getenv("BENCH_PATHS")) do
    if line ~= "" then table.insert(paths, line) end
  end
  n = 0
  headers = {}
  local h = os.getenv("BENCH_HEADER")
  if h and h ~= "" then
    local name, value = h:match("^([^:]+):%s*(.*)$")
    headers[name] = value
  end
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n - 1) % #paths + 1], headers)
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"non_2xx":%d,"socket_errors":%d,"seconds":%.2f,"per_second":%.1f,' ..
    '"p50_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f}\n',
    summary.requests, e.status, e.connect + e.read + e.write + e.timeout, secs,
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
