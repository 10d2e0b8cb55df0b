//! A real full disk. The release of `klacht serve` runs with its data directory on a small
//! filesystem (`KLACHT_DISK_FULL_DIR`, a tmpfs that `.ci/run` mounts); while complaints come in
//! from several clients at once, a filler file takes the last byte. Every complaint answered
//! `201` must be in the database afterwards, no reference may be handed out twice, the ones
//! that could not be stored get `503` with `Retry-After`, readiness says the instance is not
//! ready, and once space returns the very next complaint is stored, without a restart.
//!
//! Without `KLACHT_DISK_FULL_DIR` this prints a SKIPPED line and passes, unless
//! `KLACHT_REQUIRE_DISK_FULL=1` (as in `.ci/run`).

use crate::support::free_port;
use base64::Engine;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn small_filesystem() -> Option<PathBuf> {
    match std::env::var_os("KLACHT_DISK_FULL_DIR") {
        Some(dir) => Some(PathBuf::from(dir)),
        None => {
            if std::env::var("KLACHT_REQUIRE_DISK_FULL").is_ok_and(|v| v == "1") {
                panic!("KLACHT_REQUIRE_DISK_FULL=1 but KLACHT_DISK_FULL_DIR is not set");
            }
            let _ = writeln!(
                std::io::stderr(),
                "SKIPPED: the real disk-full test needs a small filesystem in KLACHT_DISK_FULL_DIR \
                 (.ci/run mounts a tmpfs)"
            );
            None
        }
    }
}

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn serve(data: &Path, log: &Path) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_klacht"))
        .arg("--data")
        .arg(data)
        .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        .env_remove("KLACHT_DATABASE_URL")
        .env_remove("KLACHT_SMTP_URL")
        .env_remove("KLACHT_PROFILE")
        .env("KLACHT_SUBMISSIONS_PER_HOUR", "1000000")
        .env("KLACHT_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .expect("start klacht serve");
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let http = reqwest::Client::new();
    for _ in 0..200 {
        if let Ok(r) = http.get(format!("{}/readyz", server.base)).send().await
            && r.status().is_success()
        {
            return server;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("klacht serve did not become ready; see {}", log.display());
}

/// What a client was told.
#[derive(Default)]
struct Told {
    acknowledged: Vec<String>,
    attached: usize,
    unavailable: usize,
    other: Vec<String>,
}

async fn submit(http: &reqwest::Client, base: &str, n: usize, told: &Mutex<Told>) {
    let body = json!({"name": format!("Klager {n}"), "email": format!("klager{n}@example.nl"),
        "description": format!("Klacht {n}: {}", "de wachttijd aan de balie was te lang. ".repeat(40)),
        "privacy_accepted": true});
    let r = match http
        .post(format!("{base}/api/v1/public/complaints"))
        .json(&body)
        .send()
        .await
    {
        Ok(r) => r,
        Err(e) => {
            told.lock().unwrap().other.push(format!("no answer: {e}"));
            return;
        }
    };
    let status = r.status().as_u16();
    let retry = r.headers().contains_key("retry-after");
    let v: Value = r.json().await.unwrap_or(Value::Null);
    let mut t = told.lock().unwrap();
    match status {
        201 => t
            .acknowledged
            .push(v["reference"].as_str().unwrap_or_default().to_owned()),
        503 if retry && v["error"] == "unavailable" => t.unavailable += 1,
        other => t.other.push(format!("{other}: {v}")),
    }
}

/// Attaches a document of about 100 kB, its own content each time, to the newest acknowledged
/// complaint, through the staff API: documents must be whole on disk once acknowledged.
async fn attach(http: &reqwest::Client, base: &str, token: &str, n: usize, told: &Mutex<Told>) {
    let Some(reference) = told.lock().unwrap().acknowledged.last().cloned() else {
        return;
    };
    let mut pdf = format!("%PDF-1.4\n% bijlage {n}\n").into_bytes();
    pdf.extend((0..100_000).map(|i| (i % 251) as u8));
    let body = json!({"filename": format!("bijlage-{n}.pdf"), "content_type": "application/pdf",
        "content_base64": base64::engine::general_purpose::STANDARD.encode(&pdf)});
    let r = match http
        .post(format!(
            "{base}/api/v1/complaints/{reference}/attach-document"
        ))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
    {
        Ok(r) => r,
        Err(e) => {
            told.lock().unwrap().other.push(format!("no answer: {e}"));
            return;
        }
    };
    let status = r.status().as_u16();
    let retry = r.headers().contains_key("retry-after");
    let v: Value = r.json().await.unwrap_or(Value::Null);
    let mut t = told.lock().unwrap();
    match status {
        200 => t.attached += 1,
        503 if retry && v["error"] == "unavailable" => t.unavailable += 1,
        // Another attachment was added to that complaint at the same moment.
        409 => {}
        other => t.other.push(format!("attach {other}: {v}")),
    }
}

/// Clients that submit complaints until `stop`, and one that attaches documents.
fn clients(
    base: &str,
    token: &str,
    told: &Arc<Mutex<Told>>,
    stop: &Arc<AtomicBool>,
    first: usize,
) -> Vec<tokio::task::JoinHandle<()>> {
    let attacher = {
        let (base, token, told, stop) = (
            base.to_owned(),
            token.to_owned(),
            told.clone(),
            stop.clone(),
        );
        tokio::spawn(async move {
            let http = reqwest::Client::new();
            let mut n = first;
            while !stop.load(Ordering::Relaxed) {
                attach(&http, &base, &token, n, &told).await;
                n += 1;
            }
        })
    };
    (0..5)
        .map(|c| {
            let (base, told, stop) = (base.to_owned(), told.clone(), stop.clone());
            tokio::spawn(async move {
                let http = reqwest::Client::new();
                let mut n = first + c * 100_000;
                while !stop.load(Ordering::Relaxed) {
                    submit(&http, &base, n, &told).await;
                    n += 1;
                }
            })
        })
        .chain([attacher])
        .collect()
}

/// Writes `path` until the filesystem is full; returns the bytes written.
fn fill(path: &Path) -> u64 {
    let mut f = std::fs::File::create(path).unwrap();
    let chunk = vec![0x5a_u8; 64 * 1024];
    let mut written = 0_u64;
    loop {
        match f.write(&chunk) {
            Ok(0) => break,
            Ok(n) => written += n as u64,
            Err(e) if e.raw_os_error() == Some(28) => break,
            Err(e) => panic!("filling the disk: {e}"),
        }
    }
    let _ = f.sync_all();
    written
}

async fn ready(base: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{base}/readyz"))
        .send()
        .await
        .map(|r| r.status().as_u16())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_real_full_disk_acknowledges_only_what_is_stored_and_the_first_write_after_space_returns_passes()
 {
    let Some(small) = small_filesystem() else {
        return;
    };
    // A fresh start on the small filesystem.
    for entry in std::fs::read_dir(&small).expect("the small filesystem") {
        let p = entry.unwrap().path();
        if p.is_dir() {
            std::fs::remove_dir_all(&p).unwrap();
        } else {
            std::fs::remove_file(&p).unwrap();
        }
    }
    let data = small.join("data");
    let filler = small.join("filler");
    let logs = tempfile::tempdir().unwrap();
    let log = logs.path().join("serve.log");
    // A coordinator with an API token, for the attachments.
    let cli = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_klacht"))
            .arg("--data")
            .arg(&data)
            .args(args)
            .env_remove("KLACHT_DATABASE_URL")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    };
    cli(&[
        "user",
        "add",
        "--email",
        "c@x.nl",
        "--name",
        "C",
        "--role",
        "coordinator",
    ]);
    let token = cli(&["token", "create", "--email", "c@x.nl"]);
    let server = serve(&data, &log).await;
    let told = Arc::new(Mutex::new(Told::default()));

    // Three times: complaints come in, the disk fills up under them, space comes back.
    for round in 0..3 {
        let stop = Arc::new(AtomicBool::new(false));
        let running = clients(&server.base, &token, &told, &stop, round * 1_000_000);
        tokio::time::sleep(Duration::from_millis(500)).await;
        let written = fill(&filler);
        let full_from = told.lock().unwrap().unavailable;
        // Keep going on the full disk until a good number were refused.
        let began = Instant::now();
        while told.lock().unwrap().unavailable < full_from + 30
            && began.elapsed() < Duration::from_secs(30)
        {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let free = Command::new("df").arg(&small).output().unwrap();
        assert_eq!(
            ready(&server.base).await,
            503,
            "round {round}: ready on a full disk ({})",
            String::from_utf8_lossy(&free.stdout)
        );
        stop.store(true, Ordering::Relaxed);
        for c in running {
            c.await.unwrap();
        }
        let refused = told.lock().unwrap().unavailable - full_from;
        assert!(
            refused >= 30,
            "round {round}: {refused} refused after filling {written} bytes"
        );

        // Space returns: the very next complaint is stored, without a restart.
        std::fs::remove_file(&filler).unwrap();
        let before = told.lock().unwrap().acknowledged.len();
        submit(
            &reqwest::Client::new(),
            &server.base,
            9_000_000 + round,
            &told,
        )
        .await;
        assert_eq!(
            told.lock().unwrap().acknowledged.len(),
            before + 1,
            "round {round}: the first complaint after space returned: {:?}",
            told.lock().unwrap().other
        );
        assert_eq!(ready(&server.base).await, 200, "round {round}: ready again");
    }
    drop(server);

    let told = std::mem::take(&mut *told.lock().unwrap());
    assert!(
        told.other.is_empty(),
        "answers other than 201 and 503: {:?}",
        told.other
    );
    let acknowledged: BTreeSet<&String> = told.acknowledged.iter().collect();
    assert_eq!(
        acknowledged.len(),
        told.acknowledged.len(),
        "a reference was handed out twice"
    );
    // What is in the database: every acknowledged complaint, and nothing else.
    let out = Command::new(env!("CARGO_BIN_EXE_klacht"))
        .arg("--data")
        .arg(&data)
        .arg("verify")
        .env_remove("KLACHT_DATABASE_URL")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "verify: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=ro", data.join("klacht.db").display());
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    let stored: Vec<String> = sqlx::query("SELECT reference FROM complaints")
        .fetch_all(&mut conn)
        .await
        .unwrap()
        .iter()
        .map(|r| sqlx::Row::try_get::<String, _>(r, 0).unwrap())
        .collect();
    let stored_set: BTreeSet<&String> = stored.iter().collect();
    let lost: Vec<&&String> = acknowledged.difference(&stored_set).collect();
    assert!(lost.is_empty(), "acknowledged and lost: {lost:?}");
    let unacknowledged: Vec<&&String> = stored_set.difference(&acknowledged).collect();
    assert!(
        unacknowledged.is_empty(),
        "stored without a 201: {unacknowledged:?}"
    );
    let _ = writeln!(
        std::io::stderr(),
        "disk full: {} complaints acknowledged and stored, {} documents attached and whole, \
         {} requests refused with 503",
        told.acknowledged.len(),
        told.attached,
        told.unavailable
    );
    assert!(told.attached > 0, "no document was attached");
}
