//! Proof that anonymising erases (issue 15, item 7; K8, T10): a complaint full of distinctive
//! personal data — name, e-mail, phone, address, a sentence in a note, a document's content, a
//! decision letter — is handled through the real `klacht serve` at its default log level and
//! then anonymised through the API. Afterwards none of those strings is anywhere: not in the
//! SQLite file, its write-ahead log or the full-text index's shadow tables (read as bytes), not
//! in any row of PostgreSQL, not among the documents, not in the outbox, not in the server's log.
//! A second complaint, not anonymised, is found by the same search: the search can find what is
//! there. `klacht verify` still passes and the reports give the same figures.

use crate::support::{PgDb, command, free_port, text};
use base64::Engine;
use serde_json::{Value, json};
use sqlx::{Connection, Row};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// The anonymised complaint's personal data, as the searches look for it (lower case: the
/// full-text index keeps words in lower case). Words that occur nowhere else.
const ERASED: [&str; 10] = [
    "zwaantje",
    "quibbelaar",
    "0612349876",
    "klimopstraat",
    "ootmarsum",
    "wipwapbrug",
    "quirijn",
    "kluisjessleutel",
    "bijlagegeheim",
    "xylofoonbesluit",
];

/// The other complaint's, which stays.
const KEPT: [&str; 3] = ["kwelderhuis", "zandloperstraat", "kwelderbijlage"];

struct Site {
    dir: tempfile::TempDir,
    data: PathBuf,
    database: Option<String>,
    token: String,
}

impl Site {
    fn new(database: Option<String>) -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let site = |args: &[&str]| {
            let out = command(&data, database.as_deref())
                .args(args)
                .output()
                .expect("run klacht");
            assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
            text(&out.stdout)
        };
        site(&[
            "user",
            "add",
            "--email",
            "c@x.nl",
            "--name",
            "Carla",
            "--role",
            "coordinator",
        ]);
        let token = site(&["token", "create", "--email", "c@x.nl"])
            .trim()
            .to_owned();
        Site {
            dir,
            data,
            database,
            token,
        }
    }

    fn serve(&self) -> Server {
        let port = free_port();
        let log = self.dir.path().join("serve.log");
        let child = command(&self.data, self.database.as_deref())
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .args(["--public-url", &format!("http://127.0.0.1:{port}")])
            // The default level: whatever it logs must not hold personal data.
            .env_remove("KLACHT_LOG")
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(fs::File::create(self.dir.path().join("serve.out")).expect("log"))
            .stderr(fs::File::create(&log).expect("log"))
            .spawn()
            .expect("start klacht serve");
        Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            token: self.token.clone(),
            logs: vec![log, self.dir.path().join("serve.out")],
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(20))
                .build()
                .expect("HTTP client"),
        }
    }

    fn verify(&self) -> std::process::Output {
        command(&self.data, self.database.as_deref())
            .arg("verify")
            .output()
            .expect("klacht verify")
    }
}

struct Server {
    child: Child,
    base: String,
    token: String,
    logs: Vec<PathBuf>,
    http: reqwest::Client,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn log(&self) -> String {
        self.logs
            .iter()
            .map(|p| fs::read_to_string(p).unwrap_or_default())
            .collect()
    }

    async fn ready(&mut self) {
        let started = Instant::now();
        loop {
            let up = self
                .http
                .get(format!("{}/readyz", self.base))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if up {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("klacht serve exited ({status}):\n{}", self.log());
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "not ready:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            req = req.json(&body);
        }
        let r = req.send().await.expect("request");
        let status = r.status().as_u16();
        let v = r.json().await.unwrap_or(Value::Null);
        (status, v)
    }

    async fn step(&self, reference: &str, action: &str, body: Value) {
        let (status, v) = self
            .call(
                reqwest::Method::POST,
                &format!("/api/v1/complaints/{reference}/{action}"),
                Some(body),
            )
            .await;
        assert_eq!(status, 200, "{action}: {v}");
    }

    /// A web complaint with a document, handled to its end: assigned, classified, a note, decided
    /// (the decision letter goes out to the outbox) and closed. Returns the reference and the
    /// complainant's status link.
    async fn handled(
        &self,
        person: Value,
        note: &str,
        document: &str,
        decision: &str,
    ) -> (String, String) {
        let (status, created) = self
            .call(
                reqwest::Method::POST,
                "/api/v1/public/complaints",
                Some(person),
            )
            .await;
        assert_eq!(status, 201, "{created}");
        let reference = created["reference"].as_str().expect("reference").to_owned();
        let link = created["status_url"]
            .as_str()
            .expect("status link")
            .to_owned();
        self.step(&reference, "assign", json!({"handler": "c@x.nl"}))
            .await;
        self.step(
            &reference,
            "classify",
            json!({"categories": ["service"], "severity": "minor"}),
        )
        .await;
        self.step(&reference, "add-note", json!({"text": note}))
            .await;
        let pdf = format!("%PDF-1.4\n% {document}\n%%EOF\n").into_bytes();
        self.step(
            &reference,
            "attach-document",
            json!({"filename": "verklaring.pdf", "content_type": "application/pdf",
                "content_base64": base64::engine::general_purpose::STANDARD.encode(&pdf)}),
        )
        .await;
        self.step(
            &reference,
            "decide",
            json!({"outcome": "gegrond", "decision": decision}),
        )
        .await;
        self.step(&reference, "close", json!({})).await;
        (reference, link)
    }

    /// Every report figure that counts this year's complaints.
    async fn reports(&self) -> Value {
        let year = jiff::Zoned::now().year();
        let month = jiff::Zoned::now().month();
        let half = if month <= 6 { 1 } else { 2 };
        let (s1, half_year) = self
            .call(
                reqwest::Method::GET,
                &format!("/api/v1/reports/half-year?year={year}&half={half}"),
                None,
            )
            .await;
        let (s2, annual) = self
            .call(
                reqwest::Method::GET,
                &format!("/api/v1/reports/annual?year={year}"),
                None,
            )
            .await;
        assert_eq!((s1, s2), (200, 200), "{half_year} {annual}");
        json!({"half_year": half_year, "annual": annual})
    }
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// What a file says, in lower case: its bytes, and for mail also its decoded subject, headers
/// and text (a letter's body may be quoted-printable or base64).
fn readable(path: &Path) -> String {
    let bytes = fs::read(path).unwrap_or_default();
    let mut out = String::from_utf8_lossy(&bytes).to_lowercase();
    if path.extension().is_some_and(|e| e == "eml")
        && let Some(m) = mail_parser::MessageParser::default().parse(&bytes)
    {
        for i in 0..m.text_body_count() {
            out.push_str(&m.body_text(i).unwrap_or_default().to_lowercase());
        }
        out.push_str(&m.subject().unwrap_or_default().to_lowercase());
        for a in m.to().iter().flat_map(|t| t.iter()) {
            out.push_str(&format!("{:?}", a).to_lowercase());
        }
    }
    out
}

/// Which of `words` occur in any of `texts`, each with where.
fn found(words: &[&str], texts: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for w in words {
        for (place, t) in texts {
            if t.contains(w) {
                out.push(format!("{w} in {place}"));
            }
        }
    }
    out
}

/// Every row of every table of the PostgreSQL database, as text.
async fn pg_rows(url: &str) -> Vec<(String, String)> {
    let mut conn = sqlx::PgConnection::connect(url).await.expect("connect");
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    )
    .fetch_all(&mut conn)
    .await
    .expect("tables");
    let mut out = Vec::new();
    for t in tables {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT CAST(x AS text) FROM \"{t}\" AS x"
        )))
        .fetch_all(&mut conn)
        .await
        .expect("rows");
        let all: String = rows
            .iter()
            .map(|r| r.get::<String, _>(0).to_lowercase())
            .collect::<Vec<_>>()
            .join("\n");
        out.push((format!("table {t}"), all));
    }
    out
}

async fn proof(database: Option<PgDb>) {
    let url = database.as_ref().map(|d| d.url.clone());
    let site = Site::new(url.clone());
    let mut server = site.serve();
    server.ready().await;

    let (gone, link) = server
        .handled(
            json!({
                "name": "Zwaantje Quibbelaar",
                "email": "zwaantje.quibbelaar@example.org",
                "phone": "0612349876",
                "address": "Klimopstraat 77, 7631 AB Ootmarsum",
                "description": "Mijn fiets werd gestolen bij de Wipwapbrug terwijl de bewaker sliep.",
                "privacy_accepted": true,
            }),
            "De kluisjessleutel lag bij Quirijn, zei de beheerder.",
            "bijlagegeheim van de klager",
            "Wij vinden uw klacht gegrond (xylofoonbesluit): de bewaking wordt verbeterd.",
        )
        .await;
    let (kept, _) = server
        .handled(
            json!({
                "name": "Bartholomeus Kwelderhuis",
                "email": "b.kwelderhuis@example.org",
                "address": "Zandloperstraat 3, Urk",
                "description": "Niemand nam de telefoon op.",
                "privacy_accepted": true,
            }),
            "Teruggebeld.",
            "kwelderbijlage",
            "Wij vinden uw klacht gegrond.",
        )
        .await;

    // The letters are in the outbox before anything is erased.
    let outbox = site.data.join("outbox");
    let started = Instant::now();
    while found(&["xylofoonbesluit"], &texts_of(&outbox)).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the decision letter never reached the outbox:\n{}",
            server.log()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let status_page = server.http.get(&link).send().await.expect("status page");
    assert_eq!(status_page.status().as_u16(), 200);
    let before = server.reports().await;

    let (status, v) = server
        .call(
            reqwest::Method::POST,
            &format!("/api/v1/complaints/{gone}/anonymise"),
            Some(json!({"reason": "Verzoek om verwijdering (art. 17 AVG) van vandaag."})),
        )
        .await;
    assert_eq!(status, 200, "{v}");

    // Nothing of it anywhere.
    let mut texts: Vec<(String, String)> = Vec::new();
    match &url {
        None => {
            for f in files(&site.data) {
                if f.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("klacht.db"))
                {
                    texts.push((f.display().to_string(), readable(&f)));
                }
            }
            assert!(
                texts.iter().any(|(p, _)| p.ends_with("klacht.db")),
                "the SQLite file is searched: {:?}",
                texts.iter().map(|(p, _)| p).collect::<Vec<_>>()
            );
        }
        Some(url) => texts.extend(pg_rows(url).await),
    }
    texts.extend(texts_of(&site.data.join("documents")));
    texts.extend(texts_of(&outbox));
    texts.push(("the server's log".into(), server.log().to_lowercase()));
    assert_eq!(
        found(&ERASED, &texts),
        Vec::<String>::new(),
        "erased data found"
    );
    // The same search finds the complaint that was not anonymised: in the database, its
    // document and its letters.
    let kept_found = found(&KEPT, &texts);
    assert!(
        kept_found.iter().any(|f| f.starts_with("kwelderhuis in"))
            && kept_found
                .iter()
                .any(|f| f.starts_with("kwelderbijlage in")),
        "{kept_found:?}"
    );

    // The record stays: the reference, its outcome and its timeline, with the anonymisation.
    let (status, dossier) = server
        .call(
            reqwest::Method::GET,
            &format!("/api/v1/complaints/{gone}"),
            None,
        )
        .await;
    assert_eq!(status, 200, "{dossier}");
    assert_eq!(dossier["reference"], gone.as_str());
    assert_eq!(dossier["status"], "closed");
    let kinds: Vec<&str> = dossier["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert_eq!(kinds.first(), Some(&"registered"));
    assert_eq!(kinds.last(), Some(&"anonymised"));
    assert!(
        kinds.contains(&"decided") && kinds.contains(&"closed"),
        "{kinds:?}"
    );
    let (_, other) = server
        .call(
            reqwest::Method::GET,
            &format!("/api/v1/complaints/{kept}"),
            None,
        )
        .await;
    assert!(other.to_string().contains("Kwelderhuis"), "{other}");
    // The status link is gone with the rest.
    let status_page = server.http.get(&link).send().await.expect("status page");
    assert_eq!(status_page.status().as_u16(), 404);
    // The figures are the same.
    assert_eq!(server.reports().await, before);
    // The chain still verifies, also with the server running.
    let verified = site.verify();
    assert!(
        verified.status.success(),
        "{}{}",
        text(&verified.stdout),
        text(&verified.stderr)
    );
    // A second time is refused, and says why.
    let (status, v) = server
        .call(
            reqwest::Method::POST,
            &format!("/api/v1/complaints/{gone}/anonymise"),
            Some(json!({"reason": "Nog eens."})),
        )
        .await;
    assert_eq!(status, 409, "{v}");
    assert!(v.to_string().contains("was anonymised on"), "{v}");
    drop(database);
}

/// Each file under `dir` with what it says.
fn texts_of(dir: &Path) -> Vec<(String, String)> {
    files(dir)
        .into_iter()
        .map(|f| (f.display().to_string(), readable(&f)))
        .collect()
}

#[tokio::test]
async fn t10_k8_an_anonymised_complaint_leaves_nothing_in_the_sqlite_file_documents_outbox_or_log()
{
    proof(None).await;
}

#[tokio::test]
async fn t10_k8_an_anonymised_complaint_leaves_nothing_in_any_postgresql_row_documents_outbox_or_log()
 {
    let Some(db) = PgDb::create("klacht_privacy").await else {
        return;
    };
    proof(Some(db)).await;
}
