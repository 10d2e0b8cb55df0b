//! The operator's commands as an operator runs them (issue 13, items 5 and 6): `verify` finds
//! exactly the dossiers that were tampered with; a `backup` taken while complaints come in
//! restores into a fresh directory with every complaint acknowledged before it began; `restore`
//! never overwrites and refuses a damaged backup; the data directory and every file klacht
//! writes in it are private, whatever the umask. On SQLite always, on PostgreSQL when it is
//! reachable at 127.0.0.1:5432 (or `KLACHT_REQUIRE_POSTGRES=1` demands it).

use crate::support::{BIN, PgDb, command, copy_dir, free_port, text};
use serde_json::{Value, json};
use sqlx::{AnyConnection, Connection, Row};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// `klacht --data DATA [--database URL] ARGS…`
fn klacht(data: &Path, database: Option<&str>, args: &[&str]) -> Output {
    command(data, database).args(args).output().unwrap()
}

fn succeeded(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// The permission bits as `ls -l` people write them: "700", "600".
#[cfg(unix)]
fn mode(p: &Path) -> String {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    format!("{:o}", meta.permissions().mode() & 0o777)
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

async fn connect(url: &str) -> AnyConnection {
    sqlx::any::install_default_drivers();
    AnyConnection::connect(url).await.unwrap()
}

fn sqlite_url(data: &Path) -> String {
    format!("sqlite://{}", data.join("klacht.db").display())
}

async fn references(url: &str) -> BTreeSet<String> {
    let mut conn = connect(url).await;
    let rows = sqlx::query("SELECT reference FROM complaints")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let _ = conn.close().await;
    rows.iter().map(|r| r.get::<String, _>(0)).collect()
}

// ---------------------------------------------------------------------------------------------
// A running server

struct Server {
    child: Child,
    base: String,
    log: PathBuf,
}

impl Server {
    /// `klacht serve` on a free port; with `umask0` under a umask of 000, as a careless service
    /// manager might start it. Returns once it answers /readyz.
    async fn start(data: &Path, database: Option<&str>, umask0: bool) -> Server {
        let port = free_port();
        let log = data.with_extension("log");
        let mut args: Vec<String> = vec!["--data".into(), data.display().to_string()];
        if let Some(url) = database {
            args.extend(["--database".into(), url.to_owned()]);
        }
        args.extend(
            [
                "serve",
                "--listen",
                &format!("127.0.0.1:{port}"),
                "--submissions-per-hour",
                "1000000",
            ]
            .map(String::from),
        );
        let mut cmd = if umask0 {
            let mut c = Command::new("sh");
            c.arg("-c").arg("umask 000 && exec \"$0\" \"$@\"").arg(BIN);
            c
        } else {
            Command::new(BIN)
        };
        let child = cmd
            .args(&args)
            .env_remove("KLACHT_DATABASE_URL")
            .env_remove("KLACHT_PROFILE")
            .env_remove("KLACHT_SMTP_URL")
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap();
        let server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            log,
        };
        let http = reqwest::Client::new();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            if let Ok(r) = http.get(format!("{}/readyz", server.base)).send().await
                && r.status() == 200
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "klacht serve did not become ready: {}",
            std::fs::read_to_string(&server.log).unwrap_or_default()
        );
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn stop(mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(15) {
            if self.child.try_wait().unwrap().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client that shows redirects instead of following them (the form answers 303).
fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn pdf(marker: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {marker}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
        .into_bytes()
}

/// The public form with one attachment; returns whether it was stored (303 to the thank-you
/// page).
async fn post_form(http: &reqwest::Client, base: &str, name: &str, attachment: Vec<u8>) -> bool {
    let form = reqwest::multipart::Form::new()
        .text("name", name.to_owned())
        .text("email", "sanne@example.nl")
        .text("description", "De medewerker was onvriendelijk.")
        .text("privacy_accepted", "yes")
        .text("website", "")
        .text("language", "nl")
        .part(
            "attachments",
            reqwest::multipart::Part::bytes(attachment).file_name("brief.pdf"),
        );
    http.post(format!("{base}/"))
        .multipart(form)
        .send()
        .await
        .is_ok_and(|r| r.status() == 303)
}

// ---------------------------------------------------------------------------------------------
// verify

#[tokio::test(flavor = "multi_thread")]
async fn t12_verify_passes_on_a_demo_database_and_lists_exactly_the_tampered_dossiers() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    succeeded(&klacht(&data, None, &["demo", "--complaints", "200"]));
    let out = klacht(&data, None, &["verify"]);
    assert_eq!(
        succeeded(&out),
        "200 complaints checked, all chains intact\n0 documents referred to, all present and whole\n"
    );

    // One event body rewritten (the 11th complaint's second event) and one personal-data row
    // changed (a later complaint's registration), straight in the database.
    let url = sqlite_url(&data);
    let mut conn = connect(&url).await;
    let a = sqlx::query("SELECT id, reference FROM complaints ORDER BY id LIMIT 1 OFFSET 10")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let b = sqlx::query(
        "SELECT c.id, c.reference FROM complaints c JOIN personal_data p ON p.complaint_id = c.id \
         AND p.seq = 1 ORDER BY c.id LIMIT 1 OFFSET 30",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    let (a_id, a_ref): (i64, String) = (a.get(0), a.get(1));
    let (b_id, b_ref): (i64, String) = (b.get(0), b.get(1));
    let changed = sqlx::query(
        "UPDATE events SET body = REPLACE(body, '\"kind\"', '\"kind\" ') WHERE complaint_id = $1 AND seq = 2",
    )
    .bind(a_id)
    .execute(&mut conn)
    .await
    .unwrap();
    assert_eq!(changed.rows_affected(), 1);
    let changed = sqlx::query(
        "UPDATE personal_data SET data = data || ' ' WHERE complaint_id = $1 AND seq = 1",
    )
    .bind(b_id)
    .execute(&mut conn)
    .await
    .unwrap();
    assert_eq!(changed.rows_affected(), 1);
    let _ = conn.close().await;

    let out = klacht(&data, None, &["verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        vec![
            format!(
                "{a_ref}: broken at event 2: the dossier was changed or shortened after it was written"
            )
            .as_str(),
            format!(
                "{b_ref}: broken at event 1: the dossier was changed or shortened after it was written"
            )
            .as_str(),
            "200 complaints checked, 2 broken",
            "0 documents referred to, all present and whole",
        ]
    );
}

#[test]
fn verify_refuses_a_data_directory_without_a_database_instead_of_making_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("typo");
    for args in [&["verify"][..], &["backup", "--to", "/nonexistent/b"][..]] {
        let out = klacht(&data, None, args);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stderr).contains("there is no database at"),
            "{}",
            text(&out.stderr)
        );
    }
    assert!(!data.exists(), "nothing was created");
}

// ---------------------------------------------------------------------------------------------
// backup during load, restore, verify

/// What the load acknowledged, with when the answer arrived.
#[derive(Default)]
struct Acked {
    references: Vec<(String, Instant)>,
    documents: Vec<(String, Instant)>,
}

/// Public complaints from four tasks over the API and one over the form (with a new document
/// each time), until `stop`.
fn load(
    base: &str,
    stop: Arc<AtomicBool>,
    acked: Arc<Mutex<Acked>>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let http = http();
    let mut tasks = Vec::new();
    for t in 0..4 {
        let (http, stop, acked, url) = (
            http.clone(),
            stop.clone(),
            acked.clone(),
            format!("{base}/api/v1/public/complaints"),
        );
        tasks.push(tokio::spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                let sent = http
                    .post(&url)
                    .json(
                        &json!({"name": format!("Klager {t}-{i}"), "email": "k@example.nl",
                        "description": "Niemand belde terug.", "privacy_accepted": true}),
                    )
                    .send()
                    .await;
                if let Ok(r) = sent
                    && r.status() == 201
                {
                    let at = Instant::now();
                    let body: Value = r.json().await.unwrap();
                    let reference = body["reference"].as_str().unwrap().to_owned();
                    acked.lock().unwrap().references.push((reference, at));
                }
            }
        }));
    }
    let (stop, acked, base) = (stop.clone(), acked.clone(), base.to_owned());
    tasks.push(tokio::spawn(async move {
        let mut i = 0;
        while !stop.load(Ordering::Relaxed) {
            i += 1;
            let doc = pdf(&format!("brief {i}"));
            let sha = sha256_hex(&doc);
            if post_form(&http, &base, &format!("Sanne {i}"), doc).await {
                acked.lock().unwrap().documents.push((sha, Instant::now()));
            }
        }
    }));
    tasks
}

/// Serves `source` (SQLite in `data`, or `database`), backs it up while complaints come in,
/// restores it into `restored` (and `restored_db`), and checks that verify passes there and
/// that everything acknowledged before the backup began is there.
async fn backup_during_load_restores_everything_acknowledged_before(
    dir: &Path,
    database: Option<&str>,
    restored_db: Option<&str>,
) {
    let data = dir.join("data");
    let server = Server::start(&data, database, false).await;
    let stop = Arc::new(AtomicBool::new(false));
    let acked = Arc::new(Mutex::new(Acked::default()));
    let tasks = load(&server.base, stop.clone(), acked.clone());
    let waited = Instant::now();
    loop {
        let enough = {
            let a = acked.lock().unwrap();
            a.references.len() >= 40 && a.documents.len() >= 5
        };
        if enough {
            break;
        }
        assert!(
            waited.elapsed() < Duration::from_secs(60),
            "the load does not get through: {}",
            server.log()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let backup = dir.join("backup");
    let began = Instant::now();
    let out = {
        let (data, backup, database) = (data.clone(), backup.clone(), database.map(str::to_owned));
        tokio::task::spawn_blocking(move || {
            klacht(
                &data,
                database.as_deref(),
                &["backup", "--to", backup.to_str().unwrap()],
            )
        })
        .await
        .unwrap()
    };
    let ended = Instant::now();
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        t.await.unwrap();
    }
    server.stop();
    let summary = succeeded(&out);
    assert!(summary.starts_with("backup in "), "{summary}");

    let a = std::mem::take(&mut *acked.lock().unwrap());
    let before: BTreeSet<String> = a
        .references
        .iter()
        .filter(|(_, at)| *at < began)
        .map(|(r, _)| r.clone())
        .collect();
    let during = a
        .references
        .iter()
        .filter(|(_, at)| *at >= began && *at < ended)
        .count();
    let docs_before: Vec<&String> = a
        .documents
        .iter()
        .filter(|(_, at)| *at < began)
        .map(|(s, _)| s)
        .collect();
    eprintln!(
        "backup took {:?}; {} complaints acknowledged before it began, {during} while it ran, {} in all",
        ended - began,
        before.len(),
        a.references.len() + a.documents.len()
    );
    assert!(
        during > 0,
        "the server kept taking complaints during the backup"
    );

    let manifest: Value =
        serde_json::from_slice(&std::fs::read(backup.join("manifest.json")).unwrap()).unwrap();
    let in_backup = manifest["counts"]["complaints"].as_i64().unwrap();
    assert!(
        in_backup >= i64::try_from(before.len() + docs_before.len()).unwrap(),
        "{manifest}"
    );

    let restored = dir.join("restored");
    let out = klacht(
        &restored,
        restored_db,
        &["restore", "--from", backup.to_str().unwrap()],
    );
    let report = succeeded(&out);
    assert!(
        report.contains(&format!(
            "{in_backup} complaints checked, all chains intact"
        )),
        "{report}"
    );
    let out = klacht(&restored, restored_db, &["verify"]);
    let report = succeeded(&out);
    assert!(
        report.contains(&format!(
            "{in_backup} complaints checked, all chains intact"
        )),
        "{report}"
    );
    assert!(
        report.contains("documents referred to, all present and whole"),
        "{report}"
    );

    let url = restored_db.map_or_else(|| sqlite_url(&restored), str::to_owned);
    let there = references(&url).await;
    let lost: Vec<&String> = before.difference(&there).collect();
    assert_eq!(
        lost,
        Vec::<&String>::new(),
        "acknowledged before the backup, not restored"
    );
    for sha in docs_before {
        let file = restored.join("documents").join(&sha[..2]).join(sha);
        assert_eq!(
            sha256_hex(&std::fs::read(&file).unwrap()),
            *sha,
            "{}",
            file.display()
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_taken_during_intake_restores_with_every_complaint_acknowledged_before_it() {
    let dir = tempfile::tempdir().unwrap();
    backup_during_load_restores_everything_acknowledged_before(dir.path(), None, None).await;
    // The backup is private too.
    #[cfg(unix)]
    {
        let backup = dir.path().join("backup");
        assert_eq!(mode(&backup), "700");
        assert_eq!(mode(&backup.join("klacht.db")), "600");
        assert_eq!(mode(&backup.join("manifest.json")), "600");
        assert_eq!(mode(&dir.path().join("restored")), "700");
        assert_eq!(mode(&dir.path().join("restored").join("klacht.db")), "600");
    }
}

// ---------------------------------------------------------------------------------------------
// restore refuses

/// A data directory with 20 demo complaints and one document, and its backup.
fn demo_with_backup(dir: &Path) -> (PathBuf, PathBuf, String) {
    let data = dir.join("data");
    succeeded(&klacht(&data, None, &["demo", "--complaints", "20"]));
    let doc = pdf("een brief");
    let sha = sha256_hex(&doc);
    let sub = data.join("documents").join(&sha[..2]);
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(sub.join(&sha), &doc).unwrap();
    let backup = dir.join("backup");
    let summary = succeeded(&klacht(
        &data,
        None,
        &["backup", "--to", backup.to_str().unwrap()],
    ));
    assert!(summary.contains("20 complaints"), "{summary}");
    assert!(summary.contains("1 documents"), "{summary}");
    (data, backup, sha)
}

fn flip_a_byte(file: &Path) {
    let mut bytes = std::fs::read(file).unwrap();
    let i = bytes.len() / 2;
    bytes[i] ^= 0x01;
    std::fs::write(file, bytes).unwrap();
}

#[test]
fn restore_refuses_a_target_that_holds_data_and_a_damaged_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (data, backup, sha) = demo_with_backup(dir.path());
    let from = backup.to_str().unwrap();

    // Over the live data directory: its database stays as it was.
    let before = std::fs::read(data.join("klacht.db")).unwrap();
    let out = klacht(&data, None, &["restore", "--from", from]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("klacht.db exists: restore never overwrites a database"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(data.join("klacht.db")).unwrap(), before);

    // Into a data directory that has documents but no database.
    let target = dir.path().join("with-documents");
    std::fs::create_dir_all(target.join("documents").join("ab")).unwrap();
    let out = klacht(&target, None, &["restore", "--from", from]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("documents is not empty: restore never overwrites documents"),
        "{}",
        text(&out.stderr)
    );
    assert!(!target.join("klacht.db").exists());

    // A backup with one byte changed, in the database or in a document, is refused by name and
    // nothing is restored.
    let document = format!("documents/{}/{sha}", &sha[..2]);
    for damaged in ["klacht.db", document.as_str()] {
        let copy = dir.path().join(format!("damaged-{}", damaged.len()));
        copy_dir(&backup, &copy);
        flip_a_byte(&copy.join(damaged));
        let target = dir.path().join(format!("target-{}", damaged.len()));
        let out = klacht(
            &target,
            None,
            &["restore", "--from", copy.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(1));
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains("is damaged; nothing was restored")
                && stderr.contains(&format!("{damaged} does not match its checksum")),
            "{stderr}"
        );
        assert!(!target.exists(), "nothing written for {damaged}");
    }

    // The backup itself restores, and a second backup into it is refused.
    let target = dir.path().join("fresh");
    let report = succeeded(&klacht(&target, None, &["restore", "--from", from]));
    assert!(
        report.ends_with(
            "20 complaints checked, all chains intact\n0 documents referred to, all present and whole\n"
        ),
        "{report}"
    );
    assert!(target.join(&document).is_file());
    let out = klacht(&data, None, &["backup", "--to", from]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("exists and is not empty"),
        "{}",
        text(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// private data

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread")]
async fn the_data_directory_and_every_file_klacht_writes_in_it_are_private_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    // A data directory that an earlier klacht (or a person) made readable for everyone.
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    let server = Server::start(&data, None, true).await;
    let doc = pdf("privé");
    let sha = sha256_hex(&doc);
    assert!(post_form(&http(), &server.base, "Sanne de Vries", doc).await);
    // The acknowledgement goes to DATA/outbox as an .eml file.
    let outbox = data.join("outbox");
    let waited = Instant::now();
    let eml = loop {
        let found = std::fs::read_dir(&outbox).ok().and_then(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .find(|p| p.extension().is_some_and(|x| x == "eml"))
        });
        if let Some(p) = found {
            break p;
        }
        assert!(
            waited.elapsed() < Duration::from_secs(20),
            "no letter in the outbox"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let document = data.join("documents").join(&sha[..2]).join(&sha);
    assert_eq!(mode(&data), "700", "the data directory");
    assert_eq!(mode(&data.join("klacht.db")), "600", "the database");
    assert_eq!(
        mode(&data.join("klacht.db-wal")),
        "600",
        "its write-ahead log"
    );
    assert_eq!(
        mode(&data.join("klacht.db-shm")),
        "600",
        "its shared memory"
    );
    assert_eq!(mode(&outbox), "700", "the outbox");
    assert_eq!(mode(&eml), "600", "a letter");
    assert_eq!(mode(&data.join("documents")), "700", "the documents");
    assert_eq!(mode(&document), "600", "a document");
    let log = server.log();
    assert!(
        log.contains("was open to other users (mode 755); made it private (0700)"),
        "{log}"
    );
    server.stop();

    // A backup made under the same umask is private as well.
    let backup = dir.path().join("backup");
    let out = Command::new("sh")
        .arg("-c")
        .arg("umask 000 && exec \"$0\" \"$@\"")
        .arg(BIN)
        .args([
            "--data",
            data.to_str().unwrap(),
            "backup",
            "--to",
            backup.to_str().unwrap(),
        ])
        .env_remove("KLACHT_DATABASE_URL")
        .output()
        .unwrap();
    succeeded(&out);
    let backed_up = backup.join("documents").join(&sha[..2]).join(&sha);
    assert_eq!(mode(&backup), "700");
    assert_eq!(mode(&backup.join("documents")), "700");
    assert_eq!(mode(&backed_up), "600");
    assert_eq!(mode(&backup.join("klacht.db")), "600");
    assert_eq!(mode(&backup.join("manifest.json")), "600");

    // A document a dossier refers to whose content changed (cut short, say, when the disk
    // filled up) is reported by verify.
    let whole = std::fs::read(&document).unwrap();
    std::fs::write(&document, &whole[..whole.len() / 2]).unwrap();
    let out = klacht(&data, None, &["verify"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!(
            ": document {sha} is damaged: its content does not match its address"
        )) && stdout.ends_with(
            "1 complaints checked, all chains intact\n1 documents referred to, 0 missing, 1 damaged\n"
        ),
        "{stdout}"
    );

    // A document a dossier refers to that is gone is reported by verify.
    std::fs::remove_file(&document).unwrap();
    let out = klacht(&data, None, &["verify"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!(
            ": document {sha} is missing from {}",
            data.join("documents").display()
        )) && stdout.ends_with(
            "1 complaints checked, all chains intact\n1 documents referred to, 1 missing, 0 damaged\n"
        ),
        "{stdout}"
    );
    // Unless told that this machine does not hold the documents.
    let out = klacht(&data, None, &["verify", "--skip-documents"]);
    assert_eq!(succeeded(&out), "1 complaints checked, all chains intact\n");
}

#[test]
fn a_backup_copies_a_damaged_document_as_it_is_but_says_so_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    succeeded(&klacht(&data, None, &["demo", "--complaints", "3"]));
    // A file whose content no longer matches its address (a disk error, or a hand).
    let sha = sha256_hex(b"the original");
    let sub = data.join("documents").join(&sha[..2]);
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(sub.join(&sha), b"something else").unwrap();
    let backup = dir.path().join("backup");
    let out = klacht(&data, None, &["backup", "--to", backup.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{sha} in the data directory does not match its address"
        )) && stderr.contains(
            "the backup is complete, but 1 document(s) in the data directory are damaged"
        ),
        "{stderr}"
    );
    let copied = backup.join("documents").join(&sha[..2]).join(&sha);
    assert_eq!(std::fs::read(copied).unwrap(), b"something else");
    assert!(backup.join("manifest.json").is_file());
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

#[tokio::test(flavor = "multi_thread")]
async fn postgres_a_backup_taken_during_intake_restores_into_an_empty_database_and_verifies() {
    let (Some(source), Some(target)) = (
        PgDb::create("klacht_ops").await,
        PgDb::create("klacht_ops").await,
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    backup_during_load_restores_everything_acknowledged_before(
        dir.path(),
        Some(&source.url),
        Some(&target.url),
    )
    .await;
    let backup = dir.path().join("backup");
    assert!(backup.join("klacht.pgdump").is_file());

    // Restoring again into the now filled database is refused.
    let again = dir.path().join("again");
    let out = klacht(
        &again,
        Some(&target.url),
        &["restore", "--from", backup.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is not empty: restore never overwrites a database"),
        "{}",
        text(&out.stderr)
    );

    // verify on PostgreSQL finds a tampered dossier.
    let mut conn = connect(&target.url).await;
    let row = sqlx::query("SELECT id, reference FROM complaints ORDER BY id LIMIT 1 OFFSET 5")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let (id, reference): (i64, String) = (row.get(0), row.get(1));
    // A day earlier (event times are timestamptz on PostgreSQL, migration 0011).
    sqlx::query("UPDATE events SET at = at - INTERVAL '1 day' WHERE complaint_id = $1 AND seq = 1")
        .bind(id)
        .execute(&mut conn)
        .await
        .unwrap();
    let _ = conn.close().await;
    let restored = dir.path().join("restored");
    let out = klacht(&restored, Some(&target.url), &["verify"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let listed: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains(": broken at"))
        .collect();
    assert_eq!(
        listed,
        vec![format!(
            "{reference}: broken at event 1: the dossier was changed or shortened after it was written"
        )]
    );
}

#[test]
fn postgres_backup_without_pg_dump_says_what_to_install_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("backup");
    let out = Command::new(BIN)
        .args([
            "--data",
            dir.path().join("data").to_str().unwrap(),
            "--database",
            "postgres://postgres@127.0.0.1:5432/klacht",
            "backup",
            "--to",
            backup.to_str().unwrap(),
        ])
        .env("PATH", "")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("pg_dump is not installed")
            && stderr.contains("apt install postgresql-client")
            && stderr.contains("The documents alone are not a backup, so nothing was written"),
        "{stderr}"
    );
    assert!(!backup.exists());
}
