#!/usr/bin/env bash
# The benchmark: builds klacht in release mode, fills a database with `klacht demo`, starts the
# real server and drives it over loopback with wrk, on SQLite and on PostgreSQL, and writes
# BENCHMARKS.md (machine, date, commit, every figure beside its target).
#
#   scripts/bench.sh            1,000,000 complaints per database (about 15 minutes on 2 cores)
#   scripts/bench.sh --quick    100,000 complaints, shorter runs (a few minutes)
#   options: --sqlite-only, --postgres-only; KLACHT_BENCH_PG (default
#   postgres://postgres@127.0.0.1:5432) is the PostgreSQL server; the script creates and drops
#   the database klacht_bench there.
#
# Needs: curl, python3, psql (for PostgreSQL); installs wrk (Debian) and oha (crates.io, a few
# minutes to build, once) when missing. oha drives the intake because it waits for the requests
# in flight at the end, so its count of 201s can be held against the database; wrk drives the
# reads and the SIGKILL run (its Lua script records every reference that got a 201).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
QUICK=0
BACKENDS="sqlite postgres"
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        --sqlite-only) BACKENDS=sqlite ;;
        --postgres-only) BACKENDS=postgres ;;
        *) echo "usage: $0 [--quick] [--sqlite-only|--postgres-only]" >&2; exit 2 ;;
    esac
done
if [ "$QUICK" = 1 ]; then
    N=100000; INTAKE_SECS=10; GET_SECS=3; MODE=quick
else
    N=1000000; INTAKE_SECS=30; GET_SECS=3; MODE=full
fi
PG=${KLACHT_BENCH_PG:-postgres://postgres@127.0.0.1:5432}
OUT="$ROOT/target/bench"
RESULTS="$OUT/results.tsv"
B="$ROOT/target/release/klacht"
PORT=18080
PORT2=18081
PASSWORD="bench-password-$(date +%s)-lang-genoeg"
rm -rf "$OUT"
mkdir -p "$OUT"
STARTED=$(date +%s.%N)
: >"$RESULTS"

log() { printf '\n== %s\n' "$*" >&2; }
# record BACKEND WHAT VALUE UNIT TARGET OK(yes|no|-) NOTE
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$RESULTS"; printf '   %s: %s %s (target %s) %s\n' "$2" "$3" "$4" "$5" "$6" >&2; }
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$(now)"; }
# verdict VALUE OP LIMIT -> yes/no
verdict() { python3 -c "import sys; v,op,l=float(sys.argv[1]),sys.argv[2],float(sys.argv[3]); print('yes' if (v<l if op=='<' else v>=l) else 'no')" "$1" "$2" "$3"; }
field() { python3 -c "import json,sys; print(json.loads(sys.argv[1].split(' ',1)[1])[sys.argv[2]])" "$1" "$2"; }
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }

log "build (release)"
cargo build --release -p klacht
if ! command -v wrk >/dev/null; then
    log "installing wrk"
    if [ "$(id -u)" = 0 ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v oha >/dev/null; then
    log "installing oha (cargo install oha --locked)"
    cargo install oha --locked
fi

# The built-in template profile, without the second factor so that the script can sign in to the
# back office with a password alone; nothing else differs.
"$B" profile show template | sed 's/^second_factor = .*/second_factor = []/' >"$OUT/profile.toml"

SERVER_PID=""
start_server() { # DATA URL PORT -> sets SERVER_PID and READY (seconds to /readyz)
    local data=$1 url=$2 port=$3 t
    t=$(now)
    KLACHT_DATA="$data" KLACHT_DATABASE_URL="$url" KLACHT_SUBMISSIONS_PER_HOUR=1000000000 \
        KLACHT_LOG=warn "$B" serve --listen "127.0.0.1:$port" --profile "$OUT/profile.toml" \
        >>"$data/serve.log" 2>&1 &
    SERVER_PID=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$port/readyz"; do
        kill -0 "$SERVER_PID" 2>/dev/null || { echo "the server died; see $data/serve.log" >&2; exit 1; }
        sleep 0.02
    done
    READY=$(since "$t")
}
stop_server() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# settle PID -> seconds until the server is idle: after a start it makes up for lost time (the
# first deadline round writes every overdue notice of a fresh database at once), and the reads
# are measured in the steady state. Idle: under 5 % of a core for 2 s running; at most 300 s.
settle() {
    local t a b quiet=0
    t=$(now)
    a=$(cpu_ticks "$1")
    for _ in $(seq 1 300); do
        sleep 1
        b=$(cpu_ticks "$1")
        if [ $((b - a)) -le 5 ]; then quiet=$((quiet + 1)); else quiet=0; fi
        a=$b
        [ "$quiet" -ge 2 ] && break
    done
    since "$t"
}
trap 'jobs -p | xargs -r kill 2>/dev/null || true' EXIT

count_complaints() { # BACKEND DATA URL
    if [ "$1" = sqlite ]; then
        python3 -c "import sqlite3,sys; print(sqlite3.connect(f'file:{sys.argv[1]}/klacht.db?mode=ro', uri=True).execute('SELECT COUNT(*) FROM complaints').fetchone()[0])" "$2"
    else
        psql -qtA "$3" -c "SELECT COUNT(*) FROM complaints"
    fi
}

# get BACKEND WHAT TARGET_MS HEADER PATH... : wrk over the paths in turn, 4 connections
get() {
    local backend=$1 what=$2 target=$3 header=$4 line p95
    shift 4
    printf '%s\n' "$@" >"$OUT/paths.txt"
    line=$(BENCH_PATHS="$OUT/paths.txt" BENCH_HEADER="$header" \
        wrk -t1 -c4 -d"${GET_SECS}s" -s scripts/bench/get.lua "http://127.0.0.1:$PORT" | grep '^BENCH ')
    echo "$line" >>"$OUT/$backend-wrk.log"
    if [ "$(field "$line" non_2xx)" != 0 ] || [ "$(field "$line" socket_errors)" != 0 ]; then
        record "$backend" "$what" "$(field "$line" non_2xx) errors" "" "p95 < $target ms" no "$line"
        return
    fi
    p95=$(field "$line" p95_ms)
    record "$backend" "$what" "$p95" "ms p95" "< $target ms" "$(verdict "$p95" '<' "$target")" \
        "p50 $(field "$line" p50_ms) ms, p99 $(field "$line" p99_ms) ms, $(field "$line" per_second) req/s"
}

BODY='{"name":"Belasting Klager","email":"klager@example.nl","description":"Bij de balie werd ik niet geholpen en niemand belde terug.","privacy_accepted":true}'
intake() { # SECONDS CONNECTIONS PORT -> prints a BENCH line; oha waits for requests in flight
    oha -z "${1}s" -c "$2" -w --no-tui -m POST -T application/json -d "$BODY" --output-format json \
        "http://127.0.0.1:$3/api/v1/public/complaints" >"$OUT/oha-$3.json"
    python3 scripts/bench/oha.py "$OUT/oha-$3.json"
}

for BACKEND in $BACKENDS; do
    DATA="$OUT/$BACKEND"
    mkdir -p "$DATA"
    if [ "$BACKEND" = postgres ]; then
        psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS klacht_bench" -c "CREATE DATABASE klacht_bench"
        URL="$PG/klacht_bench"
    else
        URL="sqlite://$DATA/klacht.db"
    fi
    export KLACHT_DATA="$DATA" KLACHT_DATABASE_URL="$URL"

    log "$BACKEND: klacht demo --complaints $N"
    t=$(now)
    "$B" demo --complaints "$N" --profile "$OUT/profile.toml" 2>>"$DATA/demo.log"
    secs=$(since "$t")
    if [ "$MODE" = full ]; then
        record "$BACKEND" "klacht demo --complaints $N" "$secs" s "< 300 s" "$(verdict "$secs" '<' 300)" ""
    else
        record "$BACKEND" "klacht demo --complaints $N" "$secs" s "(1M: < 300 s)" - ""
    fi
    printf '%s' "$PASSWORD" | "$B" user add --email bench@example.org --name "Bench Coördinator" \
        --role coordinator --role board --password-stdin 2>/dev/null
    TOKEN=$("$B" token create --email bench@example.org)
    AUTH="Authorization: Bearer $TOKEN"

    log "$BACKEND: start-up and memory"
    # Once to load the binary from disk, then timed.
    start_server "$DATA" "$URL" $PORT
    stop_server "$SERVER_PID"
    start_server "$DATA" "$URL" $PORT
    PID=$SERVER_PID
    ready=$READY
    record "$BACKEND" "start-up to /readyz with $N complaints" "$ready" s "< 1 s" "$(verdict "$ready" '<' 1)" ""
    settled=$(settle "$PID")
    record "$BACKEND" "first deadline round after start (notices for every overdue complaint)" "$settled" s "-" - \
        "runs in the background; the site answers meanwhile; later rounds write only what is new"
    idle=$(rss_mb "$PID")
    record "$BACKEND" "memory (RSS) idle" "$idle" MB "< 30 MB" "$(verdict "$idle" '<' 30)" ""

    log "$BACKEND: sign in, find page 500, make a dossier of 50 events"
    JAR="$OUT/cookies.txt"
    rm -f "$JAR"
    csrf=$(curl -fs -c "$JAR" "http://127.0.0.1:$PORT/beheer/inloggen" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
    curl -fs -o /dev/null -b "$JAR" -c "$JAR" --data-urlencode "csrf=$csrf" --data-urlencode "terug=/beheer" \
        --data-urlencode "email=bench@example.org" --data-urlencode "password=$PASSWORD" \
        "http://127.0.0.1:$PORT/beheer/inloggen"
    COOKIE="Cookie: $(awk '$6 ~ /sessie|session/ {print $6 "=" $7}' "$JAR" | tail -1)"
    curl -fs -o /dev/null -H "$COOKIE" "http://127.0.0.1:$PORT/beheer" || { echo "cannot sign in" >&2; exit 1; }
    OPEN="received,acknowledged,in_progress,decided"
    cursors=$(python3 - "$PORT" "$TOKEN" "$OPEN" <<'EOF'
import json, sys, urllib.request
port, token, status = sys.argv[1:4]
after, pages = "", 0
for sort in ("newest",):
    while pages < 499:
        url = f"http://127.0.0.1:{port}/api/v1/complaints?status={status}&limit=50" + (f"&after={after}" if after else "")
        req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
        page = json.load(urllib.request.urlopen(req))
        if not page.get("next"):
            break
        after, pages = page["next"], pages + 1
print(after, pages + 1)
EOF
)
    CURSOR=${cursors% *}
    PAGE=${cursors#* }
    REF=$(curl -fs -H "$AUTH" -H 'content-type: application/json' "http://127.0.0.1:$PORT/api/v1/complaints" \
        -d '{"channel":"phone","name":"Truus de Bench","email":"truus@example.nl","description":"Een dossier met vijftig gebeurtenissen.","privacy_accepted":true}' |
        python3 -c "import json,sys; print(json.load(sys.stdin)['reference'])")
    for _ in $(seq 1 60); do
        v=$(curl -fs -H "$AUTH" "http://127.0.0.1:$PORT/api/v1/complaints/$REF" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['timeline']))")
        [ "$v" -ge 50 ] && break
        curl -fs -o /dev/null -H "$AUTH" -H 'content-type: application/json' \
            "http://127.0.0.1:$PORT/api/v1/complaints/$REF/add-note" -d '{"text":"Gebeld met de klager; zij wacht op antwoord."}'
    done

    log "$BACKEND: reading at $N complaints (wrk, 4 connections, ${GET_SECS}s each)"
    get "$BACKEND" "dashboard page (/beheer), open complaints, first page" 20 "$COOKIE" "/beheer?status=open"
    get "$BACKEND" "dashboard page, overdue" 20 "$COOKIE" "/beheer?overdue=1"
    get "$BACKEND" "dashboard page, open complaints, page $PAGE" 20 "$COOKIE" "/beheer?status=open&after=$CURSOR"
    get "$BACKEND" "API list, open, first page" 20 "$AUTH" "/api/v1/complaints?status=$OPEN"
    get "$BACKEND" "API list, overdue, most urgent first" 20 "$AUTH" "/api/v1/complaints?overdue=true&sort=due"
    get "$BACKEND" "API list, open, page $PAGE" 20 "$AUTH" "/api/v1/complaints?status=$OPEN&after=$CURSOR"
    get "$BACKEND" "full-text search (dashboard, 6 terms in turn)" 50 "$COOKIE" \
        "/beheer?q=jansen" "/beheer?q=donatie" "/beheer?q=Fatima+Bakker" "/beheer?q=telefoon" \
        "/beheer?q=juridisch" "/beheer?q=vrijwilliger"
    get "$BACKEND" "full-text search (API, 6 terms in turn)" 50 "$AUTH" \
        "/api/v1/complaints?text=jansen" "/api/v1/complaints?text=donatie" "/api/v1/complaints?text=Fatima%20Bakker" \
        "/api/v1/complaints?text=telefoon" "/api/v1/complaints?text=juridisch" "/api/v1/complaints?text=vrijwilliger"
    get "$BACKEND" "open one dossier of 50 events (page)" 10 "$COOKIE" "/beheer/klachten/$REF"
    get "$BACKEND" "open one dossier of 50 events (API)" 10 "$AUTH" "/api/v1/complaints/$REF"
    # Each report in each format, the slowest of three requests (the first warms nothing up:
    # every request computes the report from the database).
    year=$(date +%Y)
    if [ "$(date +%m)" -le 6 ]; then hy=$((year - 1)); half=2; else hy=$year; half=1; fi
    time_report() { # WHAT HEADER URL
        local what=$1 header=$2 path=$3 code worst=0 secs
        for _ in 1 2 3; do
            t=$(now)
            code=$(curl -s -o "$OUT/report.out" -w '%{http_code}' -H "$header" "http://127.0.0.1:$PORT$path")
            secs=$(since "$t")
            if [ "$code" != 200 ]; then
                record "$BACKEND" "$what" "HTTP $code" "" "< 1 s" no "$path"
                return
            fi
            worst=$(python3 -c "import sys; print(max(float(sys.argv[1]), float(sys.argv[2])))" "$worst" "$secs")
        done
        record "$BACKEND" "$what" "$worst" s "< 1 s" "$(verdict "$worst" '<' 1)" \
            "slowest of 3; $(wc -c <"$OUT/report.out") bytes"
    }
    time_report "half-year report $hy-H$half, JSON (API)" "$AUTH" "/api/v1/reports/half-year?year=$hy&half=$half"
    time_report "annual report $((year - 1)), JSON (API)" "$AUTH" "/api/v1/reports/annual?year=$((year - 1))"
    for format in html pdf csv; do
        time_report "half-year report $hy-H$half, $format" "$COOKIE" "/beheer/verslagen/halfjaar?year=$hy&half=$half&format=$format"
        time_report "annual report $((year - 1)), $format" "$COOKIE" "/beheer/verslagen/jaar?year=$((year - 1))&format=$format"
    done

    log "$BACKEND: public intake, 64 connections, ${INTAKE_SECS}s"
    before=$(count_complaints "$BACKEND" "$DATA" "$URL")
    (peak=0; while kill -0 "$PID" 2>/dev/null; do r=$(rss_mb "$PID" 2>/dev/null || echo 0); peak=$(awk -v a="$peak" -v b="$r" 'BEGIN {print (b > a) ? b : a}'); echo "$peak" >"$OUT/rss-peak"; sleep 0.5; done) &
    SAMPLER=$!
    line=$(intake "$INTAKE_SECS" 64 $PORT)
    kill "$SAMPLER" 2>/dev/null || true
    echo "$line" >>"$OUT/$BACKEND-wrk.log"
    sleep 1
    after=$(count_complaints "$BACKEND" "$DATA" "$URL")
    rate=$(field "$line" per_second)
    echo "$rate" >"$OUT/$BACKEND-intake-rate"
    p99=$(field "$line" p99_ms)
    created=$(field "$line" created)
    if [ "$BACKEND" = sqlite ]; then want=5000; else want=3000; fi
    record "$BACKEND" "public intake, complaints/s (201s)" "$rate" "/s" ">= $want /s" "$(verdict "$rate" '>=' "$want")" \
        "$(field "$line" requests) requests, other statuses $(field "$line" other_status), socket errors $(field "$line" socket_errors)"
    record "$BACKEND" "public intake p99" "$p99" ms "< 25 ms" "$(verdict "$p99" '<' 25)" "p50 $(field "$line" p50_ms) ms, p95 $(field "$line" p95_ms) ms"
    stored=$((after - before))
    ok=no; [ "$stored" = "$created" ] && ok=yes
    record "$BACKEND" "complaints stored by the intake run vs 201s received" "$stored stored, $created 201s" "" "equal" "$ok" ""
    record "$BACKEND" "memory (RSS) peak under intake" "$(cat "$OUT/rss-peak")" MB "< 150 MB" "$(verdict "$(cat "$OUT/rss-peak")" '<' 150)" ""

    log "$BACKEND: SIGKILL during intake"
    rm -f "$OUT"/refs.*
    BENCH_REFS="$OUT/refs" wrk -t2 -c64 -d8s -s scripts/bench/intake.lua "http://127.0.0.1:$PORT" >/dev/null &
    WRK=$!
    sleep 4
    kill -9 "$PID"
    wait "$WRK" || true
    start_server "$DATA" "$URL" $PORT
    PID=$SERVER_PID
    cat "$OUT"/refs.* | sort -u >"$OUT/refs.all"
    missing=$(python3 - "$BACKEND" "$DATA" "$URL" "$OUT/refs.all" <<'EOF'
import subprocess, sys
backend, data, url, path = sys.argv[1:5]
refs = [l.strip() for l in open(path) if l.strip()]
if backend == "sqlite":
    import sqlite3
    db = sqlite3.connect(f"file:{data}/klacht.db?mode=ro", uri=True)
    have = {r[0] for r in db.execute("SELECT reference FROM complaints")}
else:
    out = subprocess.run(["psql", "-qtA", url, "-c", "SELECT reference FROM complaints"], capture_output=True, text=True, check=True).stdout
    have = set(out.split())
print(len(refs), sum(1 for r in refs if r not in have))
EOF
)
    answered=${missing% *}
    lost=${missing#* }
    ok=no; [ "$lost" = 0 ] && [ "$answered" -gt 0 ] && ok=yes
    record "$BACKEND" "SIGKILL during intake: 201s missing after restart" "$lost of $answered" "" "0" "$ok" ""
    stop_server "$PID"

    if [ "$BACKEND" = postgres ]; then
        log "postgres: two instances on one database"
        DATA2="$OUT/postgres-2"
        mkdir -p "$DATA2"
        start_server "$DATA" "$URL" $PORT
        P1=$SERVER_PID
        # Half the intake's time each: the comparison needs no more, and the whole run stays
        # under 15 minutes on 2 cores.
        SCALE_SECS=$((INTAKE_SECS / 2))
        one=$(intake "$SCALE_SECS" 64 $PORT)
        start_server "$DATA2" "$URL" $PORT2
        P2=$SERVER_PID
        intake "$SCALE_SECS" 32 $PORT >"$OUT/two-a" &
        A=$!
        intake "$SCALE_SECS" 32 $PORT2 >"$OUT/two-b"
        wait "$A"
        two=$(python3 -c "import sys; print(round(float(sys.argv[1]) + float(sys.argv[2]), 1))" \
            "$(field "$(cat "$OUT/two-a")" per_second)" "$(field "$(cat "$OUT/two-b")" per_second)")
        record postgres "intake, one instance (64 connections)" "$(field "$one" per_second)" /s "-" - ""
        record postgres "intake, two instances (32 connections each)" "$two" /s "-" - ""
        dups=$(psql -qtA "$URL" -c "SELECT COUNT(*) FROM (SELECT reference FROM complaints GROUP BY reference HAVING COUNT(*) > 1) d")
        record postgres "duplicate references after two instances" "$dups" "" "0" "$(verdict "$dups" '<' 1)" ""
        # Let both deliver mail for a while, then compare: a message sent by both would be in
        # both outboxes (files are named by Message-ID).
        sleep 10
        stop_server "$P1"
        stop_server "$P2"
        both=$(comm -12 <(ls "$DATA/outbox" 2>/dev/null | sort) <(ls "$DATA2/outbox" 2>/dev/null | sort) | wc -l)
        files=$(( $(ls "$DATA/outbox" 2>/dev/null | wc -l) + $(ls "$DATA2/outbox" 2>/dev/null | wc -l) ))
        sent=$(psql -qtA "$URL" -c "SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL")
        ok=no; [ "$both" = 0 ] && [ "$files" -gt 0 ] && ok=yes
        record postgres "mail job with two instances: messages sent by both" "$both" "" "0" "$ok" \
            "$files .eml files over both outboxes; $sent messages marked sent (the SIGKILL run leaves a few written but not marked: sent again, never lost)"
    fi

    log "$BACKEND: ceilings of this machine"
    line=$("$B" bench-ceiling store --complaints 50000 --concurrency 64 --profile "$OUT/profile.toml" 2>>"$DATA/ceiling.log")
    record "$BACKEND" "ceiling: store alone (same rows, group commit, 64 at once)" "$(field "$line" per_second)" /s "-" - ""
    field "$line" per_second >"$OUT/$BACKEND-store-ceiling"
done

log "ceiling: the HTTP stack answering 201 without storing"
"$B" bench-ceiling http --listen "127.0.0.1:$PORT" &
CP=$!
until curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz"; do sleep 0.02; done
line=$(intake "$INTAKE_SECS" 64 $PORT)
kill "$CP"
http=$(field "$line" per_second)
record "-" "ceiling: HTTP stack, 201 without storing (64 connections)" "$http" /s "-" - "p99 $(field "$line" p99_ms) ms"
for BACKEND in $BACKENDS; do
    share=$(python3 -c "import sys; r,h,s=map(float,sys.argv[1:4]); print(round(100*r/min(h,s)))" \
        "$(cat "$OUT/$BACKEND-intake-rate")" "$http" "$(cat "$OUT/$BACKEND-store-ceiling")")
    record "$BACKEND" "intake as a share of the lower ceiling (HTTP alone, store alone)" "$share" % ">= 50 %" \
        "$(verdict "$share" '>=' 50)" ""
done

total=$(python3 -c "import sys; print(round((float(sys.argv[2]) - float(sys.argv[1])) / 60, 1))" "$STARTED" "$(now)")
if [ "$MODE" = full ]; then
    record "-" "the whole benchmark (build, both databases, every run)" "$total" min "< 15 min" "$(verdict "$total" '<' 15)" ""
else
    record "-" "the whole benchmark (--quick)" "$total" min "-" - ""
fi
python3 scripts/bench/report.py "$RESULTS" "$MODE" "$N" >BENCHMARKS.md
log "written BENCHMARKS.md"
