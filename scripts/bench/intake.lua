-- wrk script: POST /api/v1/public/complaints, each request a different complainant. Counts the
-- 201s over all threads; with BENCH_REFS=PREFIX set, each thread writes every reference that
-- got a 201 to PREFIX.N, flushed at once (the SIGKILL check compares them with the database).
-- Prints one line: BENCH {json}.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  sent = 0
  created = 0
  other = 0
  local prefix = os.getenv("BENCH_REFS")
  if prefix and prefix ~= "" then
    refs = io.open(prefix .. "." .. id, "w")
  end
end

function request()
  sent = sent + 1
  local body = string.format(
    '{"name":"Belasting %d-%d","email":"klager%d.%d@example.nl",' ..
    '"description":"Bij de balie werd ik niet geholpen en niemand belde terug (%d).",' ..
    '"privacy_accepted":true}', id, sent, id, sent, sent)
  return wrk.format("POST", "/api/v1/public/complaints",
    { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
    if refs then
      local r = body:match('"reference":"([^"]+)"')
      if r then
        refs:write(r, "\n")
        refs:flush()
      end
    end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"created":%d,"other_status":%d,"socket_errors":%d,"seconds":%.2f,' ..
    '"per_second":%.1f,"p50_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f}\n',
    summary.requests, c, o, e.connect + e.read + e.write + e.timeout, secs, c / secs,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
