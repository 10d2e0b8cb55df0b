//! Existing databases migrate in place with every row kept (issue 14, item 7). Each fixture in
//! `tests/fixtures/migration/<commit>/{sqlite,postgres}` is a database made by an earlier klacht
//! (`scripts/migration-fixture.sh` at that commit: `klacht demo` and hand-made complaints with
//! letters, documents, a recommendation, an evaluation and a report analysis), with what that
//! klacht answered: every dossier as the coordinator reads it over the API, every report, the
//! register and `klacht verify`. Here the current code opens a copy (its migrations run on it)
//! and must answer exactly the same, byte for byte once parsed: nothing is normalised. The clock
//! stands at the moment of capture, since whether a deadline is overdue depends on the day.
//!
//! Also: the migrations that had run stay as they were recorded (same version, checksum and
//! time installed: none runs twice), and the ones added since are recorded after them; the
//! migrated database takes writes and still verifies; and its schema is exactly that of a
//! database the current code makes new.
//!
//! SQLite always; PostgreSQL when reachable at 127.0.0.1:5432 (`KLACHT_REQUIRE_POSTGRES=1`
//! demands it), replayed with `psql`.

use crate::support::{PgDb, command, copy_dir};
use serde::Deserialize;
use serde_json::Value;
use sqlx::{AnyConnection, Connection, Row};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

/// Steps added after the fixtures were made: a migrated dossier offers them where they apply.
const ADDED_STEPS: [&str; 11] = [
    "hold",
    "lift-hold",
    "anonymise",
    "rectify",
    // Issue 16: why a very serious or sensitive complaint does not go to the board.
    "escalation-not-needed",
    "record-concerns",
    // Issue 17: the same complaint twice, related complaints.
    "mark-duplicate",
    "link-related",
    // Issue 18: the hearing of the complainant (Awb 9:10).
    "record-complainant-hearing",
    // Issue 18: the next rung, after the decision.
    "refer-outside",
    "record-external-outcome",
];

/// The annual report hides a small total (and the previous period's) as it hides every small
/// count since issue 16: the fixtures were made when it showed the total as it was. The
/// template's `reports.small_count_threshold` is 5.
fn hide_small_annual_totals(want: &mut Value) {
    let threshold = 5;
    let hide = |v: Option<&mut Value>| {
        if let Some(v) = v
            && v.as_u64().is_some_and(|n| n > 0 && n < threshold)
        {
            *v = serde_json::json!({ "below": threshold });
        }
    };
    hide(want.get_mut("total"));
    hide(want.get_mut("previous").and_then(|p| p.get_mut("total")));
}

/// The dossier's `rung` (issue 18), which the fixtures' versions did not answer, read from what
/// they did: a decided or closed complaint was settled at once when its timeline has the
/// settlement at once, else internally (no fixture recorded a referral outside); any other has
/// none.
fn expect_rung(want: &mut Value) {
    if want.get("rung").is_some() {
        return;
    }
    let settled = matches!(want["status"].as_str(), Some("decided" | "closed"));
    let at_once = want["timeline"]
        .as_array()
        .is_some_and(|t| t.iter().any(|e| e["kind"] == "resolved_directly"));
    let rung = match (settled, at_once) {
        (false, _) => Value::Null,
        (true, true) => Value::from("at_once"),
        (true, false) => Value::from("internal"),
    };
    if let Some(map) = want.as_object_mut() {
        map.insert("rung".into(), rung);
    }
}

/// The report's `satisfaction` (issue 18), which the fixtures' versions did not answer: its
/// totals counted by hand from the fixture's own dossiers (those closed in the report's period,
/// by their `satisfied`, which migration 0021 read back from their events; in the annual report
/// a count from 1 to 4 hidden), its breakdowns taken as the report gives them.
fn expect_satisfaction(want: &mut Value, got: &Value, dossiers: &[Value], annual: bool) {
    if want.get("satisfaction").is_some() {
        return;
    }
    let day = |v: &Value| v.as_str().and_then(|s| s.parse::<jiff::civil::Date>().ok());
    let (Some(from), Some(to)) = (day(&want["period"]["from"]), day(&want["period"]["to"])) else {
        return;
    };
    let (mut closed, mut answered, mut satisfied) = (0u64, 0u64, 0u64);
    for d in dossiers {
        let Some(at) = d["closed_at"]
            .as_str()
            .and_then(|s| s.parse::<jiff::Timestamp>().ok())
        else {
            continue;
        };
        let on = at.in_tz("Europe/Amsterdam").unwrap().date();
        if d["status"] != "closed" || on < from || on > to {
            continue;
        }
        closed += 1;
        if let Some(s) = d["satisfied"].as_bool() {
            answered += 1;
            satisfied += u64::from(s);
        }
    }
    let shown = |n: u64| {
        if annual && n > 0 && n < 5 {
            serde_json::json!({ "below": 5 })
        } else {
            Value::from(n)
        }
    };
    let s = &got["satisfaction"];
    assert_eq!(
        (&s["closed"], &s["answered"], &s["satisfied"]),
        (&shown(closed), &shown(answered), &shown(satisfied)),
        "the satisfaction answers of the complaints closed in {from}..{to}"
    );
    if let Some(map) = want.as_object_mut() {
        map.insert("satisfaction".into(), s.clone());
    }
}

/// The report's `ladder` (issue 18), which the fixtures' versions did not answer, counted by
/// hand from the fixture's own dossiers: those closed (status and day of `closed_at` in
/// Amsterdam) in the report's period, at once when the timeline has the settlement at once, else
/// internally (no fixture recorded a referral outside); shares in percent with one decimal; in
/// the annual report a count from 1 to 4 hidden with its share, as every small count.
fn expect_ladder(want: &mut Value, dossiers: &[Value], annual: bool, english: bool) {
    if want.get("ladder").is_some() {
        return;
    }
    let day = |v: &Value| v.as_str().and_then(|s| s.parse::<jiff::civil::Date>().ok());
    let (Some(from), Some(to)) = (day(&want["period"]["from"]), day(&want["period"]["to"])) else {
        return;
    };
    let (mut at_once, mut internal) = (0u64, 0u64);
    for d in dossiers {
        if d["status"] != "closed" {
            continue;
        }
        let Some(closed) = d["closed_at"]
            .as_str()
            .and_then(|s| s.parse::<jiff::Timestamp>().ok())
        else {
            continue;
        };
        let on = closed.in_tz("Europe/Amsterdam").unwrap().date();
        if on < from || on > to {
            continue;
        }
        let settled_at_once = d["timeline"]
            .as_array()
            .is_some_and(|t| t.iter().any(|e| e["kind"] == "resolved_directly"));
        if settled_at_once {
            at_once += 1;
        } else {
            internal += 1;
        }
    }
    let closed = at_once + internal;
    let threshold = 5;
    let small = |n: u64| annual && n > 0 && n < threshold;
    let shown = |n: u64| {
        if small(n) {
            serde_json::json!({ "below": threshold })
        } else {
            Value::from(n)
        }
    };
    let rung = |id: &str, label: &str, n: u64| {
        let share = if closed == 0 || small(n) || small(closed) {
            Value::Null
        } else {
            Value::from(((n * 2000 + closed) / (2 * closed)) as f64 / 10.0)
        };
        serde_json::json!({ "id": id, "label": label, "count": shown(n), "share": share })
    };
    if let Some(map) = want.as_object_mut() {
        map.insert(
            "ladder".into(),
            serde_json::json!({
                "closed": shown(closed),
                "rungs": if english {
                    [
                        rung("at_once", "settled at once", at_once),
                        rung("internal", "handled internally", internal),
                        rung("external", "taken outside", 0),
                    ]
                } else {
                    [
                        rung("at_once", "direct opgelost", at_once),
                        rung("internal", "intern afgehandeld", internal),
                        rung("external", "buiten de organisatie", 0),
                    ]
                },
            }),
        );
    }
}

/// `fixture.json`: how the fixture was made and which request gave which expected answer.
#[derive(Debug, Deserialize)]
struct Meta {
    commit: String,
    kind: String,
    captured_at: jiff::Timestamp,
    public_url: String,
    profile: String,
    /// The coordinator's API token, made with `klacht token create` before the capture.
    token: String,
    /// Every complaint's reference.
    complaints: Vec<String>,
    /// `expected/reports/<name>.json` ← the API path that gave it.
    reports: BTreeMap<String, String>,
    /// `expected/register.json` ← this path.
    register: String,
}

struct Fixture {
    dir: PathBuf,
    meta: Meta,
}

impl Fixture {
    fn name(&self) -> String {
        format!("{} ({})", self.meta.kind, self.meta.commit)
    }

    fn expected(&self, rel: &str) -> Value {
        let path = self.dir.join("expected").join(rel);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

/// Every fixture of `kind` (`sqlite`, `postgres`), oldest commit directory name first.
fn fixtures(kind: &str) -> Vec<Fixture> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/migration");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.unwrap().path().join(kind))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let list: Vec<Fixture> = dirs
        .into_iter()
        .map(|dir| {
            let text = std::fs::read_to_string(dir.join("fixture.json")).unwrap();
            let meta: Meta = serde_json::from_str(&text).unwrap();
            assert_eq!(meta.kind, kind, "{}", dir.display());
            Fixture { dir, meta }
        })
        .collect();
    assert!(!list.is_empty(), "no {kind} fixture in {}", root.display());
    list
}

/// A row of `_sqlx_migrations`: version, checksum (hex), when installed, whether it succeeded.
type Applied = (i64, String, String, bool);

async fn applied(url: &str) -> Vec<Applied> {
    sqlx::any::install_default_drivers();
    let mut conn = AnyConnection::connect(url).await.unwrap();
    let rows = sqlx::query(
        "SELECT version, checksum, CAST(installed_on AS TEXT), \
         CASE WHEN success THEN 1 ELSE 0 END \
         FROM _sqlx_migrations ORDER BY version",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let _ = conn.close().await;
    rows.iter()
        .map(|r| {
            (
                r.get::<i64, _>(0),
                hex::encode(r.get::<Vec<u8>, _>(1)),
                r.get::<String, _>(2),
                r.get::<i64, _>(3) == 1,
            )
        })
        .collect()
}

/// Where `got` first differs from `want`, as a JSON path, for a readable failure.
fn difference(path: &str, want: &Value, got: &Value) -> Option<String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                let p = format!("{path}.{k}");
                match g.get(k) {
                    None => return Some(format!("{p}: missing, expected {wv}")),
                    Some(gv) => {
                        if let Some(d) = difference(&p, wv, gv) {
                            return Some(d);
                        }
                    }
                }
            }
            g.keys()
                .find(|k| !w.contains_key(*k))
                .map(|k| format!("{path}.{k}: not expected, got {}", g[k]))
        }
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => w
            .iter()
            .zip(g)
            .enumerate()
            .find_map(|(i, (wv, gv))| difference(&format!("{path}[{i}]"), wv, gv)),
        _ if want == got => None,
        _ => Some(format!("{path}: expected {want}, got {got}")),
    }
}

fn assert_same(what: &str, want: &Value, got: &Value) {
    if let Some(d) = difference("$", want, got) {
        panic!("{what} differs after the migration: {d}");
    }
    assert_eq!(want, got, "{what}");
}

/// The schema as the database describes it, one line per object, in a stable order: tables and
/// their columns with types, nullability and defaults, indexes, constraints, triggers and
/// functions.
async fn schema(url: &str) -> Vec<String> {
    sqlx::any::install_default_drivers();
    let mut conn = AnyConnection::connect(url).await.unwrap();
    let queries: &[&str] = if url.starts_with("sqlite:") {
        &[
            "SELECT type || ' ' || name || ' on ' || tbl_name || ': ' || COALESCE(sql, '') \
           FROM sqlite_master ORDER BY type, name",
        ]
    } else {
        &[
            "SELECT 'column ' || table_name::text || '.' || column_name::text || ' ' \
               || data_type::text || ' null:' || is_nullable::text || ' default:' \
               || COALESCE(column_default::text, '-') || ' generated:' \
               || COALESCE(generation_expression::text, '-') \
             FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1",
            "SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
            "SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname::text || ' ' \
               || pg_get_constraintdef(oid) \
             FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1",
            "SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger \
             WHERE NOT tgisinternal ORDER BY 1",
            "SELECT 'function ' || proname::text || ': ' || prosrc FROM pg_proc \
             WHERE pronamespace = 'public'::regnamespace ORDER BY 1",
        ]
    };
    let mut lines = Vec::new();
    for q in queries {
        for row in sqlx::query(*q).fetch_all(&mut conn).await.unwrap() {
            lines.push(row.get::<String, _>(0));
        }
    }
    let _ = conn.close().await;
    lines
}

/// A database migrated in place has exactly the schema of one made new by the current code.
async fn same_schema_as_new(fx: &Fixture, migrated: &str, new: &str) {
    klacht_store_any::Store::connect(new)
        .await
        .unwrap()
        .close()
        .await;
    let (old, fresh) = (schema(migrated).await, schema(new).await);
    assert!(fresh.len() > 20, "{fresh:?}");
    for (o, f) in old.iter().zip(&fresh) {
        assert_eq!(
            o,
            f,
            "{}: the migrated schema differs from a new one",
            fx.name()
        );
    }
    assert_eq!(
        old.len(),
        fresh.len(),
        "{}: {old:#?}\n{fresh:#?}",
        fx.name()
    );
}

/// Opens the migrated database with the current code, serves the API on it with the clock at the
/// moment of capture, and compares every answer with the captured one; then `klacht verify`.
async fn check(fx: &Fixture, data: &Path, url: &str, database_flag: Option<&str>) {
    let name = fx.name();
    let before = applied(url).await;
    assert!(!before.is_empty(), "{name}: no migrations recorded");

    let store = klacht_store_any::Store::connect(url).await.unwrap();

    // The migrations that had run are recorded as they were: none ran again. Those added since
    // come after them, each once, all successful.
    let after = applied(url).await;
    assert!(after.len() >= before.len(), "{name}: {after:?}");
    assert_eq!(after[..before.len()], before[..], "{name}");
    assert!(
        after.windows(2).all(|w| w[0].0 < w[1].0) && after.iter().all(|a| a.3),
        "{name}: {after:?}"
    );

    let source = klacht_core::profile::builtin_source(&fx.meta.profile).unwrap();
    let profile = klacht_core::profile::parse(source).unwrap();
    let profile_id = store
        .register_profile(&profile, source, jiff::Timestamp::now())
        .await
        .unwrap();
    let state = klacht_web::AppState::new(
        store.clone(),
        Arc::new(klacht_web::Profiles::new(profile_id, profile)),
        Arc::new(klacht_web::FixedClock::new(fx.meta.captured_at)),
        data.join("documents"),
        klacht_web::Settings::new(fx.meta.public_url.clone()),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(klacht_web::serve(listener, state, async {
        let _ = stopped.await;
    }));
    let http = reqwest::Client::new();
    let get = |path: String| {
        let (http, base, token) = (&http, &base, &fx.meta.token);
        async move {
            let r = http
                .get(format!("{base}{path}"))
                .bearer_auth(token)
                .timeout(Duration::from_secs(60))
                .send()
                .await
                .unwrap();
            let status = r.status();
            let body: Value = r.json().await.unwrap();
            assert_eq!(status, reqwest::StatusCode::OK, "GET {path}: {body}");
            body
        }
    };

    // Every complaint is there, and no other.
    let mut listed = Vec::new();
    let mut after_cursor = String::new();
    loop {
        let page = get(format!("/api/v1/complaints?limit=500{after_cursor}")).await;
        for item in page["items"].as_array().unwrap() {
            listed.push(item["reference"].as_str().unwrap().to_owned());
        }
        match page["next"].as_str() {
            Some(next) => after_cursor = format!("&after={next}"),
            None => break,
        }
    }
    listed.sort();
    assert_eq!(listed, fx.meta.complaints, "{name}: the complaints listed");

    for reference in &fx.meta.complaints {
        let mut got = get(format!("/api/v1/complaints/{reference}")).await;
        let mut want = fx.expected(&format!("dossiers/{reference}.json"));
        expect_rung(&mut want);
        // Steps this version added (retention, issue 15) are offered where they apply; every
        // step the fixture's version offered must still be offered, and nothing else.
        if let Some(allowed) = got["allowed_actions"].as_array_mut() {
            let before = &want["allowed_actions"];
            allowed.retain(|a| {
                !ADDED_STEPS.contains(&a.as_str().unwrap_or_default())
                    || before.as_array().is_some_and(|b| b.contains(a))
            });
        }
        assert_same(&format!("{name}: dossier {reference}"), &want, &got);
    }
    let dossiers: Vec<Value> = fx
        .meta
        .complaints
        .iter()
        .map(|r| fx.expected(&format!("dossiers/{r}.json")))
        .collect();
    for (report, path) in &fx.meta.reports {
        let got = get(path.clone()).await;
        let mut want = fx.expected(&format!("reports/{report}.json"));
        let annual = path.starts_with("/api/v1/reports/annual");
        if annual {
            hide_small_annual_totals(&mut want);
        }
        expect_ladder(&mut want, &dossiers, annual, path.contains("lang=en"));
        expect_satisfaction(&mut want, &got, &dossiers, annual);
        assert_same(&format!("{name}: report {report} ({path})"), &want, &got);
    }
    let got = get(fx.meta.register.clone()).await;
    assert_same(
        &format!("{name}: the register"),
        &fx.expected("register.json"),
        &got,
    );

    let verify = || {
        let out = command(data, database_flag).arg("verify").output().unwrap();
        assert!(
            out.status.success(),
            "{name}: klacht verify failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let want = std::fs::read_to_string(fx.dir.join("expected/verify.txt")).unwrap();
    assert_eq!(verify(), want, "{name}: klacht verify");

    // The migrated database takes writes as before: a new complaint gets the next reference of
    // its year (the counters came along), and an old dossier's chain grows by a step.
    let year = klacht_core::calendar::amsterdam_date(fx.meta.captured_at).year();
    let last = fx
        .meta
        .complaints
        .iter()
        .filter_map(|r| r.strip_prefix(&format!("{year}-")))
        .map(|n| n.parse::<u32>().unwrap())
        .max()
        .unwrap_or(0);
    let post = |path: String, body: Value| {
        let (http, base, token) = (&http, &base, &fx.meta.token);
        async move {
            let r = http
                .post(format!("{base}{path}"))
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = r.status();
            let body: Value = r.json().await.unwrap();
            (status, body)
        }
    };
    let (status, created) = post(
        "/api/v1/complaints".to_owned(),
        serde_json::json!({
            "name": "Na de Migratie", "email": "na@example.nl", "channel": "email",
            "description": "Een klacht na de migratie.",
            "received_at": fx.meta.captured_at.to_string(),
        }),
    )
    .await;
    assert_eq!(status, reqwest::StatusCode::CREATED, "{name}: {created}");
    assert_eq!(
        created["reference"],
        format!("{year}-{:04}", last + 1),
        "{name}"
    );
    let old = &fx.meta.complaints[0];
    let version = fx.expected(&format!("dossiers/{old}.json"))["version"]
        .as_u64()
        .unwrap();
    let (status, noted) = post(
        format!("/api/v1/complaints/{old}/add-note"),
        serde_json::json!({"text": "Na de migratie.", "expected_version": version}),
    )
    .await;
    assert_eq!(status, reqwest::StatusCode::OK, "{name}: {noted}");
    assert_eq!(noted["version"], version + 1, "{name}");

    let _ = stop.send(());
    server.await.unwrap();
    store.close().await;
    // Both pass `verify`: one complaint more, every chain intact.
    let n = fx.meta.complaints.len();
    assert_eq!(
        verify(),
        want.replacen(
            &format!("{n} complaints checked"),
            &format!("{} complaints checked", n + 1),
            1
        ),
        "{name}: klacht verify after writing"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn sqlite_databases_of_earlier_versions_migrate_in_place_and_answer_the_same() {
    for fx in fixtures("sqlite") {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        std::fs::copy(fx.dir.join("klacht.db"), data.join("klacht.db")).unwrap();
        copy_dir(&fx.dir.join("documents"), &data.join("documents"));
        let url = format!("sqlite://{}", data.join("klacht.db").display());
        check(&fx, &data, &url, None).await;
        let new = format!("sqlite://{}/new.db?mode=rwc", dir.path().display());
        same_schema_as_new(&fx, &url, &new).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn postgres_databases_of_earlier_versions_migrate_in_place_and_answer_the_same() {
    for fx in fixtures("postgres") {
        let Some(db) = PgDb::create("klacht_migration").await else {
            return;
        };
        // The dump as pg_dump wrote it, replayed as an operator would.
        let replay = Command::new("psql")
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f"])
            .arg(fx.dir.join("dump.sql"))
            .arg(&db.url)
            .output()
            .unwrap_or_else(|e| {
                panic!("psql (apt install postgresql-client) is needed to replay the dump: {e}")
            });
        assert!(
            replay.status.success(),
            "{}: psql: {}",
            fx.name(),
            String::from_utf8_lossy(&replay.stderr)
        );
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        copy_dir(&fx.dir.join("documents"), &data.join("documents"));
        check(&fx, &data, &db.url, Some(&db.url)).await;
        let Some(new) = PgDb::create("klacht_migration").await else {
            return;
        };
        same_schema_as_new(&fx, &db.url, &new.url).await;
    }
}
