#!/usr/bin/env bash
# The in-place migration proof's fixtures (issue 14, item 7): at COMMIT, builds klacht, fills a
# SQLite and a PostgreSQL database through that commit's own CLI and API (`klacht demo` and a few
# hand-made complaints with letters, documents, a recommendation with an improvement action, an
# evaluation and a report analysis), and captures, per database:
#
#   klacht.db (SQLite, a VACUUM INTO copy) or dump.sql (PostgreSQL, `pg_dump` plain SQL),
#   documents/            the data directory's documents the dossiers refer to,
#   expected/dossiers/    every dossier as GET /api/v1/complaints/{ref} shows it to the coordinator,
#   expected/reports/     every half-year and annual report over the data, and one period report,
#   expected/register.json the recommendations register (GET /api/v1/recommendations),
#   expected/verify.txt   what `klacht verify` prints,
#   fixture.json          the commit, the moment of capture, the public address, the API token,
#                         and which request gave which expected file.
#
# into crates/klacht/tests/fixtures/migration/<commit>/{sqlite,postgres}. The test
# crates/klacht/tests/it/migration.rs opens each with the current code (its migrations run) and
# demands the same answers. Make a new set before a change of the schema (or of what is stored)
# that the current fixtures do not cover; keep the old ones.
#
# Usage: scripts/migration-fixture.sh [COMMIT]
#   COMMIT defaults to 945bc3e8edb307c93303c0dbd1a91390d81f6fe8 (main when the proof was made).
# Needs: cargo, python3, sqlite3, psql, pg_dump, createdb/dropdb and PostgreSQL at
# 127.0.0.1:5432 (trust auth; KLACHT_FIXTURE_PG overrides the server URL, without a database).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
commit=$(git -C "$repo" rev-parse --verify "${1:-945bc3e8edb307c93303c0dbd1a91390d81f6fe8}^{commit}")
short=${commit:0:7}
pg_server=${KLACHT_FIXTURE_PG:-postgres://postgres@127.0.0.1:5432}
complaints=${KLACHT_FIXTURE_COMPLAINTS:-24}
out="$repo/crates/klacht/tests/fixtures/migration/$short"

for tool in cargo python3 sqlite3 psql pg_dump; do
  command -v "$tool" >/dev/null || { echo "migration-fixture: $tool is missing" >&2; exit 1; }
done

work=$(mktemp -d /tmp/klacht-migration-fixture.XXXXXX)
server_pid=
pg_db=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pg_db" ]; then psql "$pg_server/postgres" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The commit's own source, built apart from the working tree, in a target directory of its own
# that is kept between runs (a second run builds nothing).
echo "== building klacht at $commit"
build="$repo/target/migration-fixture"
src="$build/src-$commit"
if [ ! -f "$src/Cargo.toml" ]; then
  mkdir -p "$src"
  git -C "$repo" archive "$commit" | tar -x -C "$src"
fi
CARGO_TARGET_DIR="$build" cargo build --quiet --manifest-path "$src/Cargo.toml" -p klacht --bin klacht
bin="$build/debug/klacht"

public_url=http://klacht.test
rm -rf "$out"
mkdir -p "$out"

capture() { # KIND DATABASE_URL_OR_EMPTY
  local kind=$1 url=$2 data="$work/$1"
  local dest="$out/$kind"
  local db_args=()
  [ -n "$url" ] && db_args=(--database "$url")
  mkdir -p "$data" "$dest"
  echo "== $kind: demo with $complaints complaints"
  KLACHT_LOG=warn "$bin" --data "$data" "${db_args[@]}" demo --complaints "$complaints" --seed 14 --profile template
  local token
  token=$("$bin" --data "$data" "${db_args[@]}" token create --email coordinator@demo.klacht)
  local director
  director=$("$bin" --data "$data" "${db_args[@]}" token create --email director@demo.klacht)
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  KLACHT_LOG=warn "$bin" --data "$data" "${db_args[@]}" serve --listen "127.0.0.1:$port" \
    --public-url "$public_url" --profile template --submissions-per-hour 100000 \
    >"$work/$kind-serve.log" 2>&1 &
  server_pid=$!
  echo "== $kind: hand-made complaints and capture through the API"
  python3 - "http://127.0.0.1:$port" "$token" "$director" "$dest" "$commit" "$public_url" "$kind" <<'PY'
import base64, datetime, json, os, sys, time, urllib.error, urllib.request

base, token, director, dest, commit, public_url, kind = sys.argv[1:8]

def call(method, path, body=None, who=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + (who or token))
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")

def ok(method, path, body=None, who=None, want=(200, 201)):
    status, v = call(method, path, body, who)
    if status not in want:
        sys.exit(f"{method} {path}: {status} {json.dumps(v)}")
    return v

for _ in range(300):
    try:
        with urllib.request.urlopen(base + "/readyz", timeout=2) as r:
            if r.status == 200:
                break
    except Exception:
        pass
    time.sleep(0.2)
else:
    sys.exit("klacht serve did not get ready")

now = datetime.datetime.now(datetime.timezone.utc)
def ago(days):
    return (now - datetime.timedelta(days=days)).replace(microsecond=0).isoformat()
today = now.date()

# A: by e-mail (acknowledged on registration), assigned, two documents, classified, decided, closed.
a = ok("POST", "/api/v1/complaints", {
    "name": "Fixture Aaltje", "email": "aaltje@example.nl", "address": "Dorpsstraat 1, 1234 AB Ergens",
    "description": "Mijn factuur klopte niet en niemand belde terug.", "channel": "email",
    "received_at": ago(9), "relation": "client"})["reference"]
def step(ref, action, body, who=None):
    return ok("POST", f"/api/v1/complaints/{ref}/{action}", body, who)
step(a, "assign", {"handler": "handler1@demo.klacht"})
step(a, "attach-document", {"filename": "factuur.txt", "content_type": "text/plain",
    "content_base64": base64.b64encode("Factuur 2026-17: € 120,00\n".encode()).decode()})
step(a, "attach-document", {"filename": "brief.pdf", "content_type": "application/pdf",
    "content_base64": base64.b64encode(b"%PDF-1.4\n% a letter, not a real PDF\n%%EOF\n").decode()})
step(a, "add-note", {"text": "Gebeld met de afdeling financiën."})
step(a, "record-contact", {"via": "phone", "summary": "Uitleg over de factuur gegeven."})
step(a, "classify", {"categories": ["finance", "communication"], "severity": "normal", "sensitive": False})
step(a, "decide", {"outcome": "deels_gegrond", "decision": "De factuur wordt gecorrigeerd; terugbellen had gemoeten."})
step(a, "close", {})

# B: from the public, in English; its answer deadline extended; still open.
b = ok("POST", "/api/v1/public/complaints", {
    "name": "Fixture Bob", "email": "bob@example.org", "language": "en", "privacy_accepted": True,
    "description": "The volunteer did not show up for the appointment."})["reference"]
step(b, "assign", {"handler": "handler2@demo.klacht"})
step(b, "attach-document", {"filename": "agenda.txt", "content_type": "text/plain",
    "content_base64": base64.b64encode(b"appointment: tuesday 10:00\n").decode()})
step(b, "extend", {"deadline": "answer", "new_due": str(today + datetime.timedelta(days=40)), "reason": "Wij wachten op de vrijwilliger."})

# C: by phone, then withdrawn.
c = ok("POST", "/api/v1/complaints", {
    "name": "Fixture Cees", "phone": "0201234567", "description": "Ik werd niet teruggebeld.",
    "channel": "phone", "received_at": ago(3)})["reference"]
step(c, "withdraw", {"reason": "Toch opgelost."})

# The register: a recommendation from A and B, adopted, with an improvement action under way.
rec = ok("POST", "/api/v1/recommendations", {"title": "Terugbelafspraken vastleggen",
    "text": "Leg elke terugbelafspraak vast in het dossier."})["id"]
ok("POST", f"/api/v1/recommendations/{rec}/complaints", {"complaints": [a, b]})
ok("POST", f"/api/v1/recommendations/{rec}/decision", {"decision": "adopted", "reason": "Eenvoudig en nuttig."}, who=director)
act = ok("POST", f"/api/v1/recommendations/{rec}/actions", {"description": "Veld terugbelafspraak in het formulier.",
    "owner": "handler1@demo.klacht", "due": str(today + datetime.timedelta(days=30))})
act_id = act["id"] if isinstance(act, dict) and "id" in act else None
rec2 = ok("POST", "/api/v1/recommendations", {"title": "Vrijwilligers bellen af",
    "text": "Vrijwilligers melden zich af bij de coördinator."})["id"]
ok("POST", f"/api/v1/recommendations/{rec2}/decision", {"decision": "rejected", "reason": "Bestaat al."}, who=director)
ok("POST", "/api/v1/evaluations", {"year": today.year - 1, "evaluated_on": str(today - datetime.timedelta(days=20)),
    "changed": False, "notes": "Regeling werkt; geen wijziging."})
last = today.year - 1
ok("PUT", "/api/v1/reports/texts", {"kind": "annual", "from": f"{last}-01-01", "to": f"{last}-12-31",
    "text": "Minder klachten over terugbellen dan het jaar ervoor."})

# The letters go out (the outbox); wait until none is queued, so that what is captured no
# longer changes.
def refs():
    out, after = [], ""
    while True:
        page = ok("GET", "/api/v1/complaints?limit=500" + after)
        out += [i["reference"] for i in page["items"]]
        if not page.get("next"):
            return sorted(out)
        after = "&after=" + page["next"]

def queued(d):
    return [e for e in d.get("timeline", []) if e.get("kind") == "letter"
            and (e.get("delivery") or {}).get("state") == "queued"]

for _ in range(120):
    if not any(queued(ok("GET", f"/api/v1/complaints/{r}")) for r in refs()):
        break
    time.sleep(1)
else:
    sys.exit("letters still queued after two minutes")

captured_at = datetime.datetime.now(datetime.timezone.utc)
def write(rel, value):
    path = os.path.join(dest, "expected", rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=1)
        f.write("\n")

references = refs()
for r in references:
    write(f"dossiers/{r}.json", ok("GET", f"/api/v1/complaints/{r}"))
years = sorted({int(r[:4]) for r in references})
reports = {}
for y in years:
    for h in (1, 2):
        reports[f"half-year-{y}-{h}"] = f"/api/v1/reports/half-year?year={y}&half={h}"
    reports[f"annual-{y}"] = f"/api/v1/reports/annual?year={y}"
    reports[f"annual-{y}-en"] = f"/api/v1/reports/annual?year={y}&lang=en"
reports["period"] = f"/api/v1/reports/period?from={years[0]}-01-01&to={today}"
for name, path in reports.items():
    write(f"reports/{name}.json", ok("GET", path))
write("register.json", ok("GET", "/api/v1/recommendations"))
if (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)).date() \
        != (captured_at + datetime.timedelta(hours=1)).date():
    sys.exit("the capture crossed midnight (Amsterdam, roughly); run again")
with open(os.path.join(dest, "fixture.json"), "w", encoding="utf-8") as f:
    json.dump({"commit": commit, "kind": kind,
               "captured_at": captured_at.isoformat().replace("+00:00", "Z"),
               "public_url": public_url, "profile": "template", "token": token,
               "complaints": references, "reports": reports,
               "register": "/api/v1/recommendations"}, f, indent=1)
    f.write("\n")
print(f"captured {len(references)} dossiers, {len(reports)} reports")
PY
  kill "$server_pid"
  wait "$server_pid" || true
  server_pid=
  "$bin" --data "$data" "${db_args[@]}" verify >"$dest/expected/verify.txt"
  cp -r "$data/documents" "$dest/documents"
  if [ "$kind" = sqlite ]; then
    # One file, consistent, without -wal: as a backup takes it.
    sqlite3 "$data/klacht.db" "VACUUM INTO '$dest/klacht.db'"
  else
    # Without the \restrict guard of newer pg_dump releases (against a hostile server feeding
    # psql commands; this dump is checked in), so that any psql replays it.
    pg_dump --no-owner --no-privileges --format=plain "$url" | grep -v '^\\\(un\)\?restrict ' >"$dest/dump.sql"
  fi
}

capture sqlite ""
pg_db="klacht_fixture_$$"
psql "$pg_server/postgres" -qc "CREATE DATABASE $pg_db" >/dev/null
capture postgres "$pg_server/$pg_db"

du -sh "$out"/*
echo "fixtures for $commit in ${out#"$repo"/}"
