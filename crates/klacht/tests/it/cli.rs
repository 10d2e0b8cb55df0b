//! The binary as a user runs it: the CLI commands, `serve` with a graceful stop, and `demo`.

use crate::support::{free_port, klacht, text};
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn profile_show_prints_a_builtin_that_profile_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["template", "kjrw", "awb", "wkkgz"] {
        let out = klacht(dir.path(), &["profile", "show", name]);
        assert!(out.status.success());
        let file = dir.path().join(format!("{name}.toml"));
        std::fs::write(&file, &out.stdout).unwrap();
        let check = klacht(dir.path(), &["profile", "check", file.to_str().unwrap()]);
        assert!(check.status.success(), "{}", text(&check.stdout));
        assert!(text(&check.stdout).contains("ok"));
    }
    let out = klacht(dir.path(), &["profile", "show", "nonsense"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("the built-ins are: template, kjrw, awb, wkkgz"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn profile_check_explains_every_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let src = klacht_core::profile::builtin_source("kjrw")
        .unwrap()
        .replacen("weeks = 4", "weeks = \"four\"", 1)
        .replacen("form = \"oral\"", "form = \"spoken\"", 1);
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, &src).unwrap();
    let line = |needle: &str| src.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let out = klacht(dir.path(), &["profile", "check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report.contains(&format!("bad.toml:{}:", line("weeks = \"four\""))),
        "{report}"
    );
    assert!(
        report.contains(&format!("bad.toml:{}:", line("form = \"spoken\""))),
        "{report}"
    );
    assert!(report.contains("2 error(s)"), "{report}");
    let missing = klacht(dir.path(), &["profile", "check", "/nonexistent.toml"]);
    assert!(!missing.status.success());
    assert!(text(&missing.stderr).contains("nonexistent"));
}

#[test]
fn user_add_and_token_create_print_what_the_interface_promises() {
    let dir = tempfile::tempdir().unwrap();
    let out = klacht(
        dir.path(),
        &[
            "user",
            "add",
            "--email",
            "Carla@Example.org",
            "--name",
            "Carla",
            "--role",
            "coordinator",
            "--role",
            "board",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = klacht(
        dir.path(),
        &["token", "create", "--email", "carla@example.org"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout.lines().count(),
        1,
        "one line, nothing else: {stdout:?}"
    );
    assert!(stdout.starts_with("klacht_"));
    // Refusals explain themselves.
    let dup = klacht(
        dir.path(),
        &[
            "user",
            "add",
            "--email",
            "carla@example.org",
            "--name",
            "C",
            "--role",
            "staff",
        ],
    );
    assert!(!dup.status.success());
    assert!(
        text(&dup.stderr).contains("exists already"),
        "{}",
        text(&dup.stderr)
    );
    let bad_role = klacht(
        dir.path(),
        &[
            "user",
            "add",
            "--email",
            "x@example.org",
            "--name",
            "X",
            "--role",
            "king",
        ],
    );
    assert!(text(&bad_role.stderr).contains("unknown role"));
    let nobody = klacht(
        dir.path(),
        &["token", "create", "--email", "nobody@example.org"],
    );
    assert!(!nobody.status.success());
    assert!(nobody.stdout.is_empty());
    // With a password from stdin.
    let mut child = Command::new(env!("CARGO_BIN_EXE_klacht"))
        .arg("--data")
        .arg(dir.path())
        .args([
            "user",
            "add",
            "--email",
            "h@example.org",
            "--name",
            "H",
            "--role",
            "handler",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"a long enough secret\n")
        .unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
}

pub(crate) async fn store_of(data: &Path) -> klacht_store_any::Store {
    let url = format!("sqlite://{}", data.join("klacht.db").display());
    klacht_store_any::Store::connect(&url).await.unwrap()
}

fn add_coordinator(data: &Path, email: &str) {
    let out = klacht(
        data,
        &[
            "user",
            "add",
            "--email",
            email,
            "--name",
            "Carla Coördinator",
            "--role",
            "coordinator",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[tokio::test(flavor = "multi_thread")]
async fn user_reset_password_prints_a_one_time_link_and_the_account_log_has_it() {
    let dir = tempfile::tempdir().unwrap();
    add_coordinator(dir.path(), "carla@example.org");
    let run = || {
        klacht(
            dir.path(),
            &[
                "user",
                "reset-password",
                "--email",
                "Carla@Example.org",
                "--public-url",
                "https://klachten.example.nl/",
            ],
        )
    };
    let out = run();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "the link alone: {stdout:?}");
    let token = stdout
        .trim()
        .strip_prefix("https://klachten.example.nl/beheer/wachtwoord/")
        .unwrap_or_else(|| panic!("{stdout}"))
        .to_owned();
    assert_eq!(token.len(), 64);
    let store = store_of(dir.path()).await;
    let carla = store
        .user_by_email("carla@example.org")
        .await
        .unwrap()
        .unwrap();
    let now = jiff::Timestamp::now();
    let link = store.account_link(&token, now).await.unwrap().unwrap();
    assert_eq!(link.user, Some(carla.id));
    // A second one replaces the first.
    assert!(run().status.success());
    assert_eq!(store.account_link(&token, now).await.unwrap(), None);
    let log = store.account_audit(None, 10).await.unwrap();
    let lines: Vec<_> = log.iter().map(|e| (e.actor, e.subject, e.action)).collect();
    assert_eq!(
        lines,
        vec![
            (
                klacht_store::Actor::Operator,
                carla.id,
                klacht_store::AuditAction::PasswordLink
            ),
            (
                klacht_store::Actor::Operator,
                carla.id,
                klacht_store::AuditAction::PasswordLink
            ),
            (
                klacht_store::Actor::Operator,
                carla.id,
                klacht_store::AuditAction::Created
            ),
        ]
    );
    let nobody = klacht(
        dir.path(),
        &["user", "reset-password", "--email", "nobody@example.org"],
    );
    assert!(!nobody.status.success());
    assert!(nobody.stdout.is_empty());
    assert!(
        text(&nobody.stderr).contains("no user with e-mail nobody@example.org"),
        "{}",
        text(&nobody.stderr)
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn user_reset_second_factor_clears_it_and_tells_the_user_by_mail() {
    let dir = tempfile::tempdir().unwrap();
    add_coordinator(dir.path(), "carla@example.org");
    let store = store_of(dir.path()).await;
    let carla = store
        .user_by_email("carla@example.org")
        .await
        .unwrap()
        .unwrap();
    let key = klacht_store::SecretKey::generate();
    store
        .enrol_totp(carla.id, "JBSWY3DPEHPK3PXP", &key, jiff::Timestamp::now())
        .await
        .unwrap();
    assert!(store.user(carla.id).await.unwrap().unwrap().totp);
    let out = klacht(
        dir.path(),
        &[
            "user",
            "reset-second-factor",
            "--email",
            "carla@example.org",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("at their next sign-in"),
        "{}",
        text(&out.stderr)
    );
    assert!(!store.user(carla.id).await.unwrap().unwrap().totp);
    let later = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(1);
    let mails = store
        .claim_mail(later, jiff::SignedDuration::from_mins(1), 10)
        .await
        .unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "carla@example.org");
    assert_eq!(
        mails[0].subject,
        "Uw tweede factor voor de klachtenregistratie van Stichting Voorbeeld is gewist"
    );
    assert!(
        mails[0]
            .body
            .contains("heeft de beheerder van de server de tweede factor"),
        "{}",
        mails[0].body
    );
    let log = store.account_audit(None, 1).await.unwrap();
    assert_eq!(
        (log[0].actor, log[0].action),
        (
            klacht_store::Actor::Operator,
            klacht_store::AuditAction::SecondFactorReset
        )
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn serve_makes_a_0600_key_file_and_seals_second_factors_stored_in_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    add_coordinator(dir.path(), "carla@example.org");
    // A second factor as an older version stored it: in plain text.
    let url = format!("sqlite://{}", dir.path().join("klacht.db").display());
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    sqlx::query("UPDATE users SET totp_secret = 'JBSWY3DPEHPK3PXP'")
        .execute(&mut conn)
        .await
        .unwrap();
    let server = serve(dir.path(), "template");
    let _ = terminate(server);
    let key_file = dir.path().join("secret.key");
    let bytes = std::fs::read(&key_file).unwrap();
    assert_eq!(bytes.len(), 32);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
    let stored: String = sqlx::Row::get(
        &sqlx::query("SELECT totp_secret FROM users")
            .fetch_one(&mut conn)
            .await
            .unwrap(),
        0,
    );
    assert!(
        stored.starts_with("sealed:v1:") && !stored.contains("JBSWY3DP"),
        "{stored}"
    );
    let store = store_of(dir.path()).await;
    let carla = store
        .user_by_email("carla@example.org")
        .await
        .unwrap()
        .unwrap();
    let key = klacht_store::SecretKey::from_bytes(bytes.clone().try_into().unwrap());
    assert_eq!(
        store.totp_secret(carla.id, &key).await.unwrap(),
        Some(Ok("JBSWY3DPEHPK3PXP".to_owned()))
    );
    // A second start keeps the same key.
    let server = serve(dir.path(), "template");
    let _ = terminate(server);
    assert_eq!(std::fs::read(&key_file).unwrap(), bytes);
}

pub(crate) struct Server {
    child: Child,
    pub(crate) base: String,
}

pub(crate) fn serve(data: &Path, profile: &str) -> Server {
    serve_with(data, profile, &[])
}

/// `klacht serve` with more options.
fn serve_with(data: &Path, profile: &str, options: &[&str]) -> Server {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_klacht"))
        .arg("--data")
        .arg(data)
        .args([
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--profile",
            profile,
        ])
        .args(options)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(20) {
        if reqwest::blocking_get_ok(&format!("{base}/readyz")) {
            return Server { child, base };
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("klacht serve did not become ready");
}

/// A tiny blocking GET without pulling in reqwest's blocking feature.
mod reqwest {
    pub fn blocking_get_ok(url: &str) -> bool {
        let Some(rest) = url.strip_prefix("http://") else {
            return false;
        };
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let Ok(mut s) = std::net::TcpStream::connect(host) else {
            return false;
        };
        use std::io::{Read, Write};
        if write!(
            s,
            "GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .is_err()
        {
            return false;
        }
        let mut buf = String::new();
        let _ = s.read_to_string(&mut buf);
        buf.starts_with("HTTP/1.1 200")
    }

    /// The body of a `200` answer to a GET.
    pub fn blocking_get(url: &str) -> Option<String> {
        let rest = url.strip_prefix("http://")?;
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let mut s = std::net::TcpStream::connect(host).ok()?;
        use std::io::{Read, Write};
        write!(
            s,
            "GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut buf = String::new();
        s.read_to_string(&mut buf).ok()?;
        if !buf.starts_with("HTTP/1.1 200") {
            return None;
        }
        buf.split_once("\r\n\r\n").map(|(_, body)| body.to_owned())
    }
}

/// The public regulation page of a running server, waited for (up to ten seconds) until it
/// contains `needle`.
fn regulation_shows(server: &Server, needle: &str) -> bool {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(10) {
        if reqwest::blocking_get(&format!("{}/klachtenregeling", server.base))
            .is_some_and(|b| b.contains(needle))
        {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

#[test]
fn t16_profile_import_adopts_a_version_that_serve_follows_and_export_prints_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // An operator's command before the first `serve` makes no version: kjrw is the first.
    let out = klacht(
        &data,
        &[
            "user",
            "add",
            "--email",
            "c@x.nl",
            "--name",
            "Carla",
            "--role",
            "coordinator",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let server = serve(&data, "kjrw");
    assert!(regulation_shows(&server, "Klachtenregeling KJRW Leiden"));

    // A new version, adopted while it runs: followed without a restart.
    let file = dir.path().join("eigen.toml");
    let own = klacht_core::profile::builtin_source("template")
        .unwrap()
        .replace("version = \"2025-1\"", "version = \"2026-1\"")
        .replace(
            "name = \"Stichting Voorbeeld\"",
            "name = \"Stichting Buurtwerk\"",
        );
    std::fs::write(&file, &own).unwrap();
    let out = klacht(
        &data,
        &[
            "profile",
            "import",
            file.to_str().unwrap(),
            "--adopted-on",
            "2026-01-01",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "2\n", "the new version's number");
    assert!(
        text(&out.stderr).contains("adopted version 2: template 2026-1, in force from 2026-01-01"),
        "{}",
        text(&out.stderr)
    );
    assert!(regulation_shows(&server, "Stichting Buurtwerk"));
    // The same again: nothing changes.
    let out = klacht(
        &data,
        &[
            "profile",
            "import",
            file.to_str().unwrap(),
            "--adopted-on",
            "2026-01-01",
        ],
    );
    assert!(out.status.success());
    assert!(
        text(&out.stderr).contains("this text is version 2 already"),
        "{}",
        text(&out.stderr)
    );

    // Export: the one in force (with the adoption date it was adopted with), or by number.
    let out = klacht(&data, &["profile", "export"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        own.replace("adopted_on = 2025-01-01", "adopted_on = 2026-01-01")
    );
    let out = klacht(&data, &["profile", "export", "1"]);
    assert_eq!(
        text(&out.stdout),
        klacht_core::profile::builtin_source("kjrw").unwrap()
    );
    let out = klacht(&data, &["profile", "export", "7"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("there is no version 7"),
        "{}",
        text(&out.stderr)
    );

    // A bad file: every error with its line, nothing stored.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, own.replace("version = \"2026-1\"", "version = 2026")).unwrap();
    let out = klacht(&data, &["profile", "import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("bad.toml:7:"),
        "{}",
        text(&out.stdout)
    );
    let out = klacht(
        &data,
        &[
            "profile",
            "import",
            file.to_str().unwrap(),
            "--adopted-on",
            "1 januari",
        ],
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--adopted-on must be a date like 2027-01-01"));
    assert_eq!(terminate(server).code(), Some(0));

    // A restart with another --profile keeps the database's versions.
    let server = serve(&data, "kjrw");
    assert!(regulation_shows(&server, "Stichting Buurtwerk"));
    assert_eq!(terminate(server).code(), Some(0));
}

pub(crate) fn terminate(mut server: Server) -> std::process::ExitStatus {
    Command::new("kill")
        .arg("-TERM")
        .arg(server.child.id().to_string())
        .status()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            return status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "serve did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn serve_creates_its_data_dir_stops_gracefully_and_keeps_what_it_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested").join("klacht-data");
    let server = serve(&data, "kjrw");
    assert!(data.join("klacht.db").exists());
    let http = ::reqwest::Client::new();
    // Requests in flight while the stop signal arrives still complete.
    let mut pending = Vec::new();
    for i in 0..20 {
        let http = http.clone();
        let url = format!("{}/api/v1/public/complaints", server.base);
        pending.push(tokio::spawn(async move {
            http.post(url)
                .json(&json!({"name": format!("Klager {i}"), "email": "k@example.nl", "description": "Te laat.", "privacy_accepted": true}))
                .send()
                .await
                .map(|r| r.status().as_u16())
        }));
    }
    tokio::time::sleep(Duration::from_millis(20)).await;
    let status = tokio::task::spawn_blocking(move || terminate(server))
        .await
        .unwrap();
    assert!(status.success(), "clean exit on SIGTERM: {status:?}");
    let mut created = 0;
    for p in pending {
        if let Ok(Ok(201)) = p.await {
            created += 1;
        }
    }
    // Every 201 is in the database after a restart.
    let out = klacht(
        &data,
        &[
            "user",
            "add",
            "--email",
            "c@x.nl",
            "--name",
            "C",
            "--role",
            "coordinator",
            "--role",
            "board",
        ],
    );
    assert!(out.status.success());
    let token = text(&klacht(&data, &["token", "create", "--email", "c@x.nl"]).stdout)
        .trim()
        .to_owned();
    let server = serve(&data, "kjrw");
    let list: Value = http
        .get(format!("{}/api/v1/complaints?limit=500", server.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["items"].as_array().unwrap().len(), created, "{list}");
    let _ = terminate(server);
}

#[test]
fn serve_help_warns_that_trust_proxy_without_a_proxy_lets_clients_choose_their_address() {
    let dir = tempfile::tempdir().unwrap();
    let out = klacht(dir.path(), &["serve", "--help"]);
    assert!(out.status.success());
    // Compared with whitespace collapsed: the help may be wrapped differently.
    let help = text(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        help.contains(
            "--trust-proxy Take the client address from the last entry of X-Forwarded-For. Only \
             behind a reverse proxy that sets that header: without one, any client can choose its \
             own address this way and so escape the flood limit of the form and status page and \
             the throttling of sign-ins"
        ),
        "{help}"
    );
}

#[test]
fn serve_closes_a_connection_that_sends_only_half_a_header() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let server = serve_with(dir.path(), "template", &["--header-timeout-secs", "1"]);
    let mut s = std::net::TcpStream::connect(server.base.strip_prefix("http://").unwrap()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let sent = Instant::now();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: loc").unwrap();
    let mut buf = [0u8; 512];
    let closed =
        matches!(s.read(&mut buf), Ok(0) | Err(_)) && sent.elapsed() < Duration::from_secs(5);
    let took = sent.elapsed();
    let _ = terminate(server);
    assert!(closed, "closed after {took:?}");
    assert!(took >= Duration::from_millis(900), "{took:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn demo_fills_the_database_through_the_real_procedure() {
    let dir = tempfile::tempdir().unwrap();
    let out = klacht(dir.path(), &["demo", "--complaints", "300", "--seed", "7"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let url = format!("sqlite://{}", dir.path().join("klacht.db").display());
    let store = klacht_store_any::Store::connect(&url).await.unwrap();
    let coordinator = store
        .user_by_email("coordinator@demo.klacht")
        .await
        .unwrap()
        .unwrap();
    let scope = klacht_store::Scope {
        user: coordinator.id,
        all: true,
        escalated: false,
        board: false,
        about: None,
        none: false,
    };
    let mut items = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .list(
                scope,
                &klacht_store::ListFilter::default(),
                klacht_store::Sort::Newest,
                after.as_ref(),
                500,
            )
            .await
            .unwrap();
        items.extend(page.items);
        match page.next {
            Some(c) => after = Some(c),
            None => break,
        }
    }
    assert_eq!(items.len(), 300);
    let distinct = |f: &dyn Fn(&klacht_store::ListItem) -> String| {
        items
            .iter()
            .map(f)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    assert!(
        distinct(&|i| i.channel.as_str().to_owned()) >= 4,
        "mixed channels"
    );
    assert!(
        distinct(&|i| i.status.as_str().to_owned()) >= 4,
        "mixed states"
    );
    assert!(
        distinct(&|i| i.outcome.clone().unwrap_or_default()) >= 4,
        "mixed outcomes"
    );
    assert!(
        distinct(&|i| i.received_at.strftime("%Y").to_string()) >= 2,
        "spread over two years"
    );
    assert!(
        items.iter().any(|i| i.escalation.is_some()),
        "some escalated"
    );
    // Some acknowledgements were late: met after their due date.
    let late = items.iter().filter(|i| {
        let d = &i.deadlines[0];
        match (d["due"].as_str(), d["met_at"].as_str()) {
            (Some(due), Some(met)) => met[..10] > *due,
            _ => false,
        }
    });
    assert!(late.count() > 0, "some late");
    // Each went through the real engine: every chain verifies.
    for i in items.iter().take(20) {
        assert_eq!(store.verify_chain(&i.reference).await.unwrap(), None);
    }
    // The same seed gives the same data set.
    let again = tempfile::tempdir().unwrap();
    assert!(
        klacht(
            again.path(),
            &["demo", "--complaints", "300", "--seed", "7"]
        )
        .status
        .success()
    );
    let url = format!("sqlite://{}", again.path().join("klacht.db").display());
    let store2 = klacht_store_any::Store::connect(&url).await.unwrap();
    let page = store2
        .list(
            scope,
            &klacht_store::ListFilter::default(),
            klacht_store::Sort::Newest,
            None,
            500,
        )
        .await
        .unwrap();
    let summary = |v: &[klacht_store::ListItem]| {
        v.iter()
            .map(|i| (i.reference.to_string(), i.channel, i.outcome.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(summary(&page.items), summary(&items));
}

#[test]
fn t19_user_add_refuses_a_name_with_a_line_break() {
    let dir = tempfile::tempdir().unwrap();
    let out = klacht(
        dir.path(),
        &[
            "user",
            "add",
            "--email",
            "jan@example.org",
            "--name",
            "Jan\nJansen",
            "--role",
            "handler",
        ],
    );
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--name contains a line break or another control character"),
        "{}",
        text(&out.stderr)
    );
}

/// `klacht user add` makes accounts through the same use case as the admin page: the same checks,
/// said as the options they came from, and the same password rules.
#[test]
fn user_add_checks_as_the_admin_page_does() {
    let dir = tempfile::tempdir().unwrap();
    let out = klacht(
        dir.path(),
        &[
            "user",
            "add",
            "--email",
            "nina.example.org",
            "--name",
            " ",
            "--role",
            "handler",
        ],
    );
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("--name must not be empty"), "{stderr}");
    assert!(
        stderr.contains("--email is not an e-mail address like naam@voorbeeld.nl"),
        "{stderr}"
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_klacht"))
        .arg("--data")
        .arg(dir.path())
        .args([
            "user",
            "add",
            "--email",
            "nina@example.org",
            "--name",
            "Nina",
            "--role",
            "handler",
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"123456789012\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("This password is too easy to guess"),
        "{}",
        text(&out.stderr)
    );
    // Nothing was made: the address is still free.
    let out = klacht(
        dir.path(),
        &[
            "user",
            "add",
            "--email",
            "nina@example.org",
            "--name",
            "Nina",
            "--role",
            "handler",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// The first complaint with `status`, by reference.
async fn first_with(
    store: &klacht_store_any::Store,
    status: klacht_core::procedure::Status,
) -> String {
    let scope = klacht_store::Scope {
        user: klacht_core::UserId(0),
        all: true,
        escalated: false,
        board: false,
        about: None,
        none: false,
    };
    let filter = klacht_store::ListFilter {
        statuses: vec![status],
        ..klacht_store::ListFilter::default()
    };
    let page = store
        .list(scope, &filter, klacht_store::Sort::Newest, None, 1)
        .await
        .unwrap();
    page.items[0].reference.to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn t10_klacht_anonymise_erases_a_closed_complaint_and_refuses_an_open_one_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = klacht(dir.path(), &["demo", "--complaints", "60", "--seed", "3"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let store = store_of(dir.path()).await;
    let closed = first_with(&store, klacht_core::procedure::Status::Closed).await;
    let open = first_with(&store, klacht_core::procedure::Status::InProgress).await;

    let out = klacht(
        dir.path(),
        &[
            "anonymise",
            &closed,
            "--reason",
            "Verzoek om wissing (art. 17 AVG).",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).starts_with(&format!("anonymised {closed} at ")),
        "{}",
        text(&out.stderr)
    );
    let r = klacht_core::Reference::parse(&closed).unwrap();
    let dossier = store.load(&r).await.unwrap().unwrap();
    assert_eq!(dossier.state.complainant, klacht_core::Personal::Erased);
    assert_eq!(
        dossier.events.last().map(|e| e.event.actor),
        Some(klacht_core::Actor::System)
    );

    for (args, says) in [
        (
            vec!["anonymise", &closed, "--reason", "Nog eens."],
            "was anonymised on",
        ),
        (
            vec!["anonymise", &open, "--reason", "Verzoek."],
            "close it first",
        ),
        (
            vec!["anonymise", "2020-9999", "--reason", "Verzoek."],
            "No complaint 2020-9999",
        ),
        (vec!["anonymise", &open, "--reason", "  "], "--reason"),
    ] {
        let out = klacht(dir.path(), &args);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            text(&out.stderr).contains(says),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let out = klacht(dir.path(), &["anonymise", &open]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("--reason"),
        "{}",
        text(&out.stderr)
    );
    let open_r = klacht_core::Reference::parse(&open).unwrap();
    assert!(
        store
            .load(&open_r)
            .await
            .unwrap()
            .unwrap()
            .state
            .complainant
            .is_present()
    );

    // Nothing of the demo ended two years ago: a dry run lists nothing and changes nothing.
    let out = klacht(dir.path(), &["retention", "run", "--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stdout).contains("\twould anonymise\t"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stderr).contains("would anonymise 0 complaint(s) whose retention period ran out"),
        "{}",
        text(&out.stderr)
    );
    let out = klacht(dir.path(), &["verify"]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

/// `klacht retention run` also removes what else is past its period, and says so per kind; with
/// `--dry-run` it only says what it would remove (K8, T10).
#[test]
fn k08_retention_run_removes_old_mail_copies_and_says_so_and_the_dry_run_removes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = dir.path().join("outbox");
    std::fs::create_dir_all(&outbox).unwrap();
    // A set-password mail's copy from 40 days ago (past the 30 days), one from yesterday, and a
    // complaint's letter from 40 days ago (it goes with its complaint).
    let days_ago = |d: u64| std::time::SystemTime::now() - Duration::from_secs(d * 24 * 3600);
    for (name, age) in [
        ("mail-0123456789abcdef.eml", 40),
        ("mail-fedcba9876543210.eml", 1),
        ("2026-0001-0011223344556677.eml", 40),
    ] {
        let path = outbox.join(name);
        std::fs::write(&path, b"From: klachten@example.org\r\n\r\nTekst\r\n").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(days_ago(age))
            .unwrap();
    }
    let names = || {
        let mut n: Vec<String> = std::fs::read_dir(&outbox)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    let line = "1\twould remove\toutbox copies (mail-*.eml) past mail_days";
    let dry = klacht(dir.path(), &["retention", "run", "--dry-run"]);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    assert!(text(&dry.stdout).contains(line), "{}", text(&dry.stdout));
    assert!(
        text(&dry.stdout).contains("0\twould remove\tread-log lines past read_log_months"),
        "{}",
        text(&dry.stdout)
    );
    assert_eq!(names().len(), 3);
    let run = klacht(dir.path(), &["retention", "run"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(
        text(&run.stdout).contains("1\tremoved\toutbox copies (mail-*.eml) past mail_days"),
        "{}",
        text(&run.stdout)
    );
    assert_eq!(
        names(),
        [
            "2026-0001-0011223344556677.eml",
            "mail-fedcba9876543210.eml"
        ]
    );
}

#[test]
fn k08_profile_check_refuses_a_read_log_kept_zero_months_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let src = klacht_core::profile::builtin_source("template")
        .unwrap()
        .replacen(
            "months_after_close = 24",
            "months_after_close = 24\nread_log_months = 0",
            1,
        );
    let file = dir.path().join("short.toml");
    std::fs::write(&file, &src).unwrap();
    let line = src
        .lines()
        .position(|l| l == "read_log_months = 0")
        .unwrap()
        + 1;
    let out = klacht(dir.path(), &["profile", "check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report.contains(&format!(
            "short.toml:{line}:19: retention.read_log_months: must be at least 1 (months)"
        )),
        "{report}"
    );
}

/// `profile check` accepts the template as it is, but says where it still holds the example
/// organisation's details, which every public page and letter would show (issue 16).
#[test]
fn profile_check_warns_where_the_examples_details_still_stand() {
    let dir = tempfile::tempdir().unwrap();
    let src = text(&klacht(dir.path(), &["profile", "show", "template"]).stdout);
    let file = dir.path().join("ours.toml");
    std::fs::write(&file, &src).unwrap();
    let out = klacht(dir.path(), &["profile", "check", file.to_str().unwrap()]);
    assert!(out.status.success());
    let report = text(&out.stdout);
    let f = file.display();
    assert!(
        report.contains(&format!(
            "{f}: warning: organisation.email is still the example's (klachten@voorbeeld.nl): fill in your organisation's own"
        )),
        "{report}"
    );
    assert!(
        report.contains("warning: channels.phone.contact is still the example's (020 123 45 67)")
    );
    assert!(
        report.ends_with(&format!(
            "{f}: ok, but with 8 example detail(s) that the public pages and letters would show\n"
        )),
        "{report}"
    );
    // Our own details everywhere: no warning.
    let own = src
        .replace("Stichting Voorbeeld", "Stichting De Brug")
        .replace("klachten@voorbeeld.nl", "klachten@debrug.nl")
        .replace("020 123 45 67", "050 765 43 21")
        .replace(
            "Voorbeeldstraat 1, 1234 AB Amsterdam",
            "Brugweg 2, 9711 AA Groningen",
        )
        .replace("https://www.voorbeeld.nl", "https://www.debrug.nl");
    std::fs::write(&file, &own).unwrap();
    let out = klacht(dir.path(), &["profile", "check", file.to_str().unwrap()]);
    assert_eq!(text(&out.stdout), format!("{f}: ok\n"));
}

/// `profile check` warns about the examples of the built-ins `awb` and `wkkgz` too: the example
/// municipality and care provider, and the geschilleninstantie `wkkgz` names in its texts.
#[test]
fn profile_check_warns_where_the_awb_and_wkkgz_examples_still_stand() {
    let dir = tempfile::tempdir().unwrap();
    for (name, warnings, example) in [
        (
            "awb",
            8,
            "organisation.name is still the example's (Gemeente Voorbeeld)",
        ),
        (
            "wkkgz",
            12,
            "letters.decision.body.nl is still the example's (Geschilleninstantie Voorbeeld)",
        ),
    ] {
        let src = text(&klacht(dir.path(), &["profile", "show", name]).stdout);
        let file = dir.path().join(format!("{name}.toml"));
        std::fs::write(&file, &src).unwrap();
        let out = klacht(dir.path(), &["profile", "check", file.to_str().unwrap()]);
        assert!(out.status.success());
        let report = text(&out.stdout);
        let f = file.display();
        assert!(
            report.contains(&format!(
                "{f}: warning: {example}: fill in your organisation's own"
            )),
            "{report}"
        );
        assert!(
            report.ends_with(&format!(
                "{f}: ok, but with {warnings} example detail(s) that the public pages and letters would show\n"
            )),
            "{report}"
        );
    }
}
