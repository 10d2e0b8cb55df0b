"""Turns oha's JSON output into the one-line BENCH summary scripts/bench.sh reads."""

import json
import sys

d = json.load(open(sys.argv[1]))
s, p, codes = d["summary"], d["latencyPercentiles"], d["statusCodeDistribution"]
created = int(codes.get("201", 0))
print("BENCH " + json.dumps({
    "requests": sum(int(v) for v in codes.values()),
    "created": created,
    "other_status": sum(int(v) for k, v in codes.items() if k != "201"),
    "socket_errors": sum(int(v) for v in d["errorDistribution"].values()),
    "seconds": round(s["total"], 2),
    "per_second": round(created / s["total"], 1),
    "p50_ms": round(p["p50"] * 1000, 2),
    "p95_ms": round(p["p95"] * 1000, 2),
    "p99_ms": round(p["p99"] * 1000, 2),
    "max_ms": round(s["slowest"] * 1000, 2),
}))
