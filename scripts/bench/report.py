"""Writes BENCHMARKS.md from the figures scripts/bench.sh recorded (results.tsv)."""

import datetime
import os
import platform
import subprocess
import sys

results, mode, count = sys.argv[1], sys.argv[2], int(sys.argv[3])


def run(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


cpu = "?"
with open("/proc/cpuinfo") as f:
    for line in f:
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
with open("/proc/meminfo") as f:
    mem_gib = int(f.readline().split()[1]) / 1024 / 1024
pg = run("psql", "-qtA", os.environ.get("KLACHT_BENCH_PG", "postgres://postgres@127.0.0.1:5432") + "/postgres", "-c", "SHOW server_version")

rows = [line.rstrip("\n").split("\t") for line in open(results) if line.strip()]
mark = {"yes": "met", "no": "**missed**", "-": ""}

out = []
out.append("# Benchmarks\n")
out.append(
    "Made by `scripts/bench.sh`" + (" --quick" if mode == "quick" else "") +
    f" ({count:,} complaints per database). Do not edit by hand: run the script again.\n"
)
out.append("| | |\n|---|---|")
out.append(f"| date | {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC |")
out.append(f"| commit | {run('git', 'rev-parse', '--short', 'HEAD')} ({run('git', 'log', '-1', '--format=%s')[:80]}) |")
out.append(f"| machine | {os.cpu_count()} cores ({cpu}), {mem_gib:.0f} GiB, {platform.system()} {platform.release()} |")
out.append(f"| software | {run('rustc', '--version')}; SQLite (bundled); PostgreSQL {pg}; {run('wrk', '--version').splitlines()[0] if run('wrk', '--version') != '?' else 'wrk'} |")
out.append("")
for backend, title in (("sqlite", "SQLite"), ("postgres", "PostgreSQL"), ("-", "This machine")):
    mine = [r for r in rows if r[0] == backend]
    if not mine:
        continue
    out.append(f"## {title}\n")
    out.append("| what | measured | target | | notes |")
    out.append("|---|---|---|---|---|")
    for _, what, value, unit, target, ok, note in (r + [""] * (7 - len(r)) for r in mine):
        out.append(f"| {what} | {value} {unit} | {target} | {mark.get(ok, ok)} | {note} |")
    out.append("")
notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notes.md")
if os.path.exists(notes):
    out.append(open(notes).read().rstrip())
    out.append("")
print("\n".join(out))
