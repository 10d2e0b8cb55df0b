//! Letters leave the building: the real `klacht serve` delivers the acknowledgement of a web
//! complaint to a real SMTP server (aiosmtpd, see `klacht-mail/tests/it/support/smtpd.rs`) or,
//! without one, to DATA/outbox; and a letter that cannot be sent waits, also across a restart.
//!
//! Without aiosmtpd the SMTP tests print a SKIPPED line and pass, unless `KLACHT_REQUIRE_SMTP=1`.

use crate::support::{klacht, smtpd, text};

use mail_parser::{Message, MessageParser};
use serde_json::{Value, json};
use smtpd::SmtpServer;
use std::fs;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// What the letters' links start with (and where their Message-IDs end).
const PUBLIC_URL: &str = "https://klachten.voorbeeld.test";
/// The coordinator, who is told of every new complaint (T3).
const STAFF: &str = "c@x.nl";
/// How long a letter may take to arrive.
const ARRIVAL: Duration = Duration::from_secs(10);

/// A data directory with a coordinator and an API token, made with the binary.
struct Site {
    dir: TempDir,
    data: PathBuf,
    token: String,
    /// A PostgreSQL database instead of the data directory's SQLite file.
    database: Option<String>,
}

impl Site {
    fn new() -> Site {
        Site::on(None)
    }

    /// `klacht --data DATA [--database URL] ARGS…`, run to its end.
    fn klacht(&self, args: &[&str]) -> std::process::Output {
        crate::support::command(&self.data, self.database.as_deref())
            .args(args)
            .output()
            .expect("run klacht")
    }

    /// A site on `database` (PostgreSQL), or on SQLite.
    fn on(database: Option<&str>) -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let run = |args: &[&str]| {
            crate::support::command(&data, database)
                .args(args)
                .output()
                .expect("run klacht")
        };
        let add = run(&[
            "user",
            "add",
            "--email",
            "c@x.nl",
            "--name",
            "C",
            "--role",
            "coordinator",
        ]);
        assert!(
            add.status.success(),
            "{}",
            String::from_utf8_lossy(&add.stderr)
        );
        let token = run(&["token", "create", "--email", "c@x.nl"]);
        assert!(
            token.status.success(),
            "{}",
            String::from_utf8_lossy(&token.stderr)
        );
        let token = String::from_utf8_lossy(&token.stdout).trim().to_owned();
        Site {
            dir,
            data,
            token,
            database: database.map(str::to_owned),
        }
    }

    fn outbox(&self) -> PathBuf {
        self.data.join("outbox")
    }

    /// The `.eml` files in DATA/outbox (not the hidden files of a write in progress).
    fn outbox_files(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.outbox()) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = entries
            .map(|entry| entry.expect("dir entry").path())
            .filter(|path| {
                path.file_name()
                    .and_then(|name| name.to_str())
                    // Complaint letters only: `mail-*` are messages of no complaint (the
                    // register's reminders to the coordinator).
                    .is_some_and(|name| {
                        !name.starts_with('.')
                            && !name.starts_with("mail-")
                            && name.ends_with(".eml")
                    })
            })
            .collect();
        files.sort();
        files
    }

    /// The template with an organisation of its own: letters are not sent over SMTP from the
    /// example's address.
    fn own_profile(&self) -> PathBuf {
        let path = self.dir.path().join("de-brug.toml");
        let source = klacht_core::profile::builtin_source("template")
            .expect("template")
            .replace(
                "name = \"Stichting Voorbeeld\"",
                "name = \"Stichting De Brug\"",
            )
            .replace("klachten@voorbeeld.nl", "klachten@debrug.nl")
            .replace("version = \"2025-1\"", "version = \"2025-2\"");
        fs::write(&path, source).expect("profile");
        path
    }

    /// Starts `klacht serve` on this data directory: over SMTP with `smtp_url`, else to the
    /// outbox. Returns once it answers /readyz.
    async fn serve(&self, smtp_url: Option<&str>) -> Klacht {
        self.serve_as(smtp_url, self.own_profile().as_os_str())
            .await
    }

    /// [`Site::serve`] with `profile` (a built-in's name or a file).
    async fn serve_as(&self, smtp_url: Option<&str>, profile: &std::ffi::OsStr) -> Klacht {
        let port = smtpd::free_port();
        let log = self.dir.path().join(format!("klacht-{port}.log"));
        let mut command = Command::new(env!("CARGO_BIN_EXE_klacht"));
        command.arg("--data").arg(&self.data);
        if let Some(url) = &self.database {
            command.args(["--database", url]);
        }
        command
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .args(["--profile"])
            .arg(profile)
            .args(["--public-url", PUBLIC_URL]);
        for var in [
            "KLACHT_DATABASE_URL",
            "KLACHT_SMTP_URL",
            "KLACHT_MAIL_FROM",
            "KLACHT_PROFILE",
            "KLACHT_PUBLIC_URL",
        ] {
            command.env_remove(var);
        }
        if let Some(url) = smtp_url {
            command.env("KLACHT_SMTP_URL", url);
        }
        let child = command
            .env("KLACHT_LOG", "info,sqlx=warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("start klacht serve");
        let mut server = Klacht {
            child,
            base: format!("http://127.0.0.1:{port}"),
            log,
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .expect("HTTP client"),
        };
        server.wait_until_ready().await;
        server
    }
}

/// A running `klacht serve`; killed when dropped (also when an assertion fails).
struct Klacht {
    child: Child,
    base: String,
    log: PathBuf,
    http: reqwest::Client,
}

impl Drop for Klacht {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Klacht {
    fn log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    async fn wait_until_ready(&mut self) {
        let started = Instant::now();
        loop {
            let ready = self
                .http
                .get(format!("{}/readyz", self.base))
                .timeout(Duration::from_secs(1))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ready {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("klacht serve exited ({status}):\n{}", self.log());
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "klacht serve not ready after 20 s:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Submits a complaint through the public API; returns the 201 answer.
    async fn submit(&self, name: &str, email: &str, language: &str) -> Value {
        let response = self
            .http
            .post(format!("{}/api/v1/public/complaints", self.base))
            .json(&json!({
                "name": name,
                "email": email,
                "description": "De balie was drie keer dicht terwijl de website zei dat hij open was.",
                "privacy_accepted": true,
                "language": language,
            }))
            .send()
            .await
            .expect("POST complaint");
        let status = response.status();
        let body: Value = response.json().await.expect("JSON answer");
        assert_eq!(status.as_u16(), 201, "{body}");
        assert_eq!(body["letters"], json!(["acknowledgement"]), "{body}");
        body
    }

    /// The delivery of the acknowledgement as the dossier shows it.
    async fn acknowledgement_delivery(&self, token: &str, reference: &str) -> Value {
        let response = self
            .http
            .get(format!("{}/api/v1/complaints/{reference}", self.base))
            .bearer_auth(token)
            .send()
            .await
            .expect("GET complaint");
        let status = response.status();
        let dossier: Value = response.json().await.expect("JSON dossier");
        assert_eq!(status.as_u16(), 200, "{dossier}");
        let letters: Vec<&Value> = dossier["timeline"]
            .as_array()
            .expect("timeline")
            .iter()
            .filter(|e| e["kind"] == "letter")
            .collect();
        assert_eq!(letters.len(), 1, "one letter: {dossier}");
        assert_eq!(letters[0]["letter"], "acknowledgement", "{dossier}");
        letters[0]["delivery"].clone()
    }

    /// Polls the dossier until the acknowledgement's delivery satisfies `done`.
    async fn delivery_when(
        &self,
        token: &str,
        reference: &str,
        what: &str,
        done: impl Fn(&Value) -> bool,
    ) -> Value {
        let started = Instant::now();
        loop {
            let delivery = self.acknowledgement_delivery(token, reference).await;
            if done(&delivery) {
                return delivery;
            }
            assert!(
                started.elapsed() < ARRIVAL,
                "{reference}: not {what} after {ARRIVAL:?}: {delivery}\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Stops with SIGTERM, as a service manager does; returns the exit status.
    async fn terminate(mut self) -> ExitStatus {
        let kill = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status()
            .expect("kill -TERM");
        assert!(kill.success());
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "klacht serve did not stop on SIGTERM:\n{}",
                self.log()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// The messages that belong to a complaint (the register's reminders to the coordinator, sent
/// by the same server, belong to none).
fn letters(raw: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    raw.into_iter()
        .filter(|m| m.windows(19).any(|w| w == b"X-Klacht-Reference:"))
        .collect()
}

/// Polls `probe` until it has `count` messages or [`ARRIVAL`] passes; returns the last answer.
async fn arrivals(count: usize, probe: impl Fn() -> Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let started = Instant::now();
    loop {
        let found = probe();
        if found.len() >= count || started.elapsed() >= ARRIVAL {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// One complainant and what the 201 answer said.
struct Complaint {
    name: &'static str,
    email: &'static str,
    language: &'static str,
    reference: String,
    status_url: String,
}

impl Complaint {
    async fn submit(
        klacht: &Klacht,
        name: &'static str,
        email: &'static str,
        language: &'static str,
    ) -> Complaint {
        let created = klacht.submit(name, email, language).await;
        let reference = created["reference"].as_str().expect("reference").to_owned();
        let status_url = created["status_url"]
            .as_str()
            .expect("status_url for a public complaint")
            .to_owned();
        assert!(status_url.starts_with(PUBLIC_URL), "{status_url}");
        Complaint {
            name,
            email,
            language,
            reference,
            status_url,
        }
    }

    async fn dutch(klacht: &Klacht) -> Complaint {
        Self::submit(klacht, "Anna de Vries-Öztürk", "anna@example.nl", "nl").await
    }

    async fn english(klacht: &Klacht) -> Complaint {
        Self::submit(klacht, "Sarah O'Brien", "sarah@example.org", "en").await
    }

    /// The acknowledgement's subject in the template profile
    /// (crates/klacht-core/src/profile/builtin/template.toml, `[letters.acknowledgement]`).
    fn subject(&self) -> String {
        match self.language {
            "nl" => format!("Ontvangstbevestiging van uw klacht ({})", self.reference),
            _ => format!("We have received your complaint ({})", self.reference),
        }
    }

    fn greeting(&self) -> String {
        match self.language {
            "nl" => format!("Beste {},", self.name),
            _ => format!("Dear {},", self.name),
        }
    }

    /// The message among `raw` to the complainant that carries this complaint's reference.
    fn find<'a>(&self, raw: &'a [Vec<u8>]) -> Message<'a> {
        self.find_to(raw, self.email)
    }

    /// The message among `raw` to `to` that carries this complaint's reference.
    fn find_to<'a>(&self, raw: &'a [Vec<u8>], to: &str) -> Message<'a> {
        let mut found = raw
            .iter()
            .filter_map(|bytes| MessageParser::default().parse(bytes.as_slice()))
            .filter(|m| {
                m.header_raw("X-Klacht-Reference").map(str::trim) == Some(self.reference.as_str())
                    && m.to().and_then(|t| t.first()).and_then(|a| a.address()) == Some(to)
            });
        let message = found
            .next()
            .unwrap_or_else(|| panic!("no message to {to} for {}", self.reference));
        assert!(
            found.next().is_none(),
            "two messages to {to} for {}",
            self.reference
        );
        message
    }

    /// The coordinator's notice of the new complaint (T3): the reference and the event, a link
    /// to the back office, nothing of the complainant.
    fn check_staff_notice(&self, raw: &[Vec<u8>]) {
        let message = self.find_to(raw, STAFF);
        let reference = &self.reference;
        assert_eq!(
            message.subject(),
            Some(format!("Klacht {reference}: nieuwe klacht ontvangen").as_str())
        );
        let body = message.body_text(0).expect("text body");
        assert!(
            body.contains(&format!("{PUBLIC_URL}/beheer/klachten/{reference}")),
            "{body}"
        );
        for personal in [self.name, self.email, "balie"] {
            assert!(!body.contains(personal), "{personal:?} in:\n{body}");
        }
    }

    /// The acknowledgement as the complainant receives it.
    fn check_acknowledgement(&self, message: &Message<'_>) {
        let reference = &self.reference;
        let to = message.to().and_then(|to| to.first()).expect("To");
        assert_eq!(to.address(), Some(self.email), "{reference}");
        assert_eq!(to.name(), Some(self.name), "{reference}");
        let from = message.from().and_then(|from| from.first()).expect("From");
        assert_eq!(from.address(), Some("klachten@debrug.nl"));
        assert_eq!(from.name(), Some("Stichting De Brug"));
        assert_eq!(message.subject(), Some(self.subject().as_str()));
        assert_eq!(
            message.header_raw("Content-Language").map(str::trim),
            Some(self.language),
            "{reference}"
        );
        let message_id = message.message_id().expect("Message-ID");
        assert!(
            message_id.starts_with(&format!("klacht.{reference}."))
                && message_id.ends_with("@klachten.voorbeeld.test"),
            "{message_id}"
        );
        let body = message.body_text(0).expect("text body");
        assert!(body.starts_with(&self.greeting()), "{body}");
        assert!(body.contains(reference.as_str()), "{body}");
        assert!(
            body.contains(&self.status_url),
            "the status link {} is not in:\n{body}",
            self.status_url
        );
    }
}

fn assert_sent_once(delivery: &Value, attempts: u64) {
    assert_eq!(delivery["state"], "sent", "{delivery}");
    assert_eq!(delivery["attempts"], attempts, "{delivery}");
    assert!(delivery["sent_at"].is_string(), "{delivery}");
    assert!(delivery["last_error"].is_null(), "{delivery}");
}

#[tokio::test(flavor = "multi_thread")]
async fn no_letter_leaves_from_the_example_address_until_the_organisations_own_is_adopted() {
    let Some(smtp) = SmtpServer::start(smtpd::MAILBOX) else {
        return;
    };
    let site = Site::new();
    let klacht = site
        .serve_as(Some(&smtp.url()), std::ffi::OsStr::new("template"))
        .await;
    let complaint = Complaint::dutch(&klacht).await;
    // The letters wait: nothing reaches the server, and the log says why.
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert!(
        letters(smtp.received()).is_empty(),
        "sent from the example address:\n{}",
        smtp.log()
    );
    assert!(
        klacht.log().contains(
            "the regulation in force still has the example address klachten@voorbeeld.nl"
        ),
        "{}",
        klacht.log()
    );
    // The organisation's own details adopted (as of today): the letters go, from its address.
    let own = site.own_profile();
    let today = klacht_core::calendar::amsterdam_date(jiff::Timestamp::now()).to_string();
    let out = crate::support::klacht(
        &site.data,
        &[
            "profile",
            "import",
            own.to_str().expect("path"),
            "--adopted-on",
            &today,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let received = arrivals(2, || letters(smtp.received())).await;
    assert_eq!(received.len(), 2, "{}\n{}", smtp.log(), klacht.log());
    let message = complaint.find(&received);
    complaint.check_acknowledgement(&message);
}

#[tokio::test(flavor = "multi_thread")]
async fn t05_the_acknowledgement_arrives_over_smtp_in_the_complainants_language() {
    let Some(smtp) = SmtpServer::start(smtpd::MAILBOX) else {
        return;
    };
    let site = Site::new();
    let klacht = site.serve(Some(&smtp.url())).await;

    let complaints = [
        Complaint::dutch(&klacht).await,
        Complaint::english(&klacht).await,
    ];

    // Each complaint: its acknowledgement, and the coordinator's notice of it.
    let received = arrivals(4, || letters(smtp.received())).await;
    assert_eq!(
        received.len(),
        4,
        "aiosmtpd:\n{}\nklacht:\n{}",
        smtp.log(),
        klacht.log()
    );
    for complaint in &complaints {
        let message = complaint.find(&received);
        complaint.check_acknowledgement(&message);
        complaint.check_staff_notice(&received);
        // The envelope recipient, as the server saw it.
        assert_eq!(
            message.header_raw("X-RcptTo").map(str::trim),
            Some(complaint.email)
        );
        let delivery = klacht
            .delivery_when(&site.token, &complaint.reference, "sent", |d| {
                d["state"] == "sent"
            })
            .await;
        assert_sent_once(&delivery, 1);
    }
    assert!(
        !site.outbox().exists(),
        "with SMTP nothing goes to DATA/outbox: {:?}",
        site.outbox_files()
    );
    let status = klacht.terminate().await;
    assert!(status.success(), "clean exit on SIGTERM: {status:?}");
    assert_eq!(letters(smtp.received()).len(), 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_outbox_is_the_default_without_smtp() {
    let site = Site::new();
    let klacht = site.serve(None).await;

    let complaints = [
        Complaint::dutch(&klacht).await,
        Complaint::english(&klacht).await,
    ];

    let files = arrivals(4, || {
        site.outbox_files()
            .iter()
            .map(|path| fs::read(path).expect("readable"))
            .collect()
    })
    .await;
    assert_eq!(
        files.len(),
        4,
        "{:?}\n{}",
        site.outbox_files(),
        klacht.log()
    );
    for complaint in &complaints {
        complaint.check_acknowledgement(&complaint.find(&files));
        complaint.check_staff_notice(&files);
        let delivery = klacht
            .delivery_when(&site.token, &complaint.reference, "sent", |d| {
                d["state"] == "sent"
            })
            .await;
        assert_sent_once(&delivery, 1);
    }
    // Named after the reference, so an operator finds a dossier's letters at a glance.
    let files = site.outbox_files();
    for complaint in &complaints {
        let start = format!("{}-", complaint.reference);
        assert!(
            files.iter().any(|path| path
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with(&start))),
            "no file named after {}: {files:?}",
            complaint.reference
        );
    }
    let status = klacht.terminate().await;
    assert!(status.success(), "clean exit on SIGTERM: {status:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_letter_waits_while_smtp_is_down_and_is_sent_after_a_restart() {
    if !smtpd::available() {
        return;
    }
    let site = Site::new();
    // Nothing listens here yet.
    let port = smtpd::free_port();
    let url = format!("smtp://127.0.0.1:{port}");
    let klacht = site.serve(Some(&url)).await;

    let complaint = Complaint::dutch(&klacht).await;
    let delivery = klacht
        .delivery_when(&site.token, &complaint.reference, "tried", |d| {
            d["attempts"].as_u64().is_some_and(|a| a >= 1) && d["last_error"].is_string()
        })
        .await;
    assert_eq!(delivery["state"], "queued", "{delivery}");
    let error = delivery["last_error"].as_str().expect("last_error");
    assert!(
        error.contains(&format!("127.0.0.1:{port}")),
        "the error names the server: {error}"
    );
    assert!(delivery["next_attempt_at"].is_string(), "{delivery}");
    assert!(delivery["sent_at"].is_null(), "{delivery}");

    let status = klacht.terminate().await;
    assert!(status.success(), "clean exit on SIGTERM: {status:?}");

    // The mail server comes up where klacht was told it is, and klacht is started again.
    let smtp = SmtpServer::start_on(smtpd::MAILBOX, port).expect("aiosmtpd was available");
    let klacht = site.serve(Some(&url)).await;

    // The letter, and the coordinator's notice of the complaint.
    let received = arrivals(2, || letters(smtp.received())).await;
    assert_eq!(
        received.len(),
        2,
        "the waiting letter did not arrive within {ARRIVAL:?}:\naiosmtpd:\n{}\nklacht:\n{}",
        smtp.log(),
        klacht.log()
    );
    complaint.check_acknowledgement(&complaint.find(&received));
    let delivery = klacht
        .delivery_when(&site.token, &complaint.reference, "sent", |d| {
            d["state"] == "sent"
        })
        .await;
    assert_eq!(delivery["state"], "sent", "{delivery}");
    assert!(
        delivery["attempts"].as_u64().is_some_and(|a| a >= 2),
        "{delivery}"
    );
    assert!(delivery["last_error"].is_null(), "{delivery}");

    let status = klacht.terminate().await;
    assert!(status.success(), "clean exit on SIGTERM: {status:?}");
    // Exactly once, and nothing went to the outbox instead.
    assert_eq!(letters(smtp.received()).len(), 2, "{}", smtp.log());
    assert!(!site.outbox().exists(), "{:?}", site.outbox_files());
}

/// Takes a step over the API as the holder of `token`; asserts it was taken.
async fn api_step(klacht: &Klacht, token: &str, reference: &str, action: &str, body: Value) {
    let response = klacht
        .http
        .post(format!(
            "{}/api/v1/complaints/{reference}/{action}",
            klacht.base
        ))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("POST step");
    let status = response.status();
    let answer: Value = response.json().await.expect("JSON answer");
    assert!(status.is_success(), "{action}: {status} {answer}");
}

/// A user made with the binary, and their API token.
fn user_with_token(site: &Site, email: &str, name: &str, role: &str) -> String {
    let add = klacht(
        &site.data,
        &[
            "user", "add", "--email", email, "--name", name, "--role", role,
        ],
    );
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let token = klacht(&site.data, &["token", "create", "--email", email]);
    assert!(
        token.status.success(),
        "{}",
        String::from_utf8_lossy(&token.stderr)
    );
    String::from_utf8_lossy(&token.stdout).trim().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn t09_a_very_serious_classification_reaches_the_coordinator_and_the_board_over_smtp() {
    let Some(smtp) = SmtpServer::start(smtpd::MAILBOX) else {
        return;
    };
    let site = Site::new();
    let handler = user_with_token(&site, "h@x.nl", "Hanna", "handler");
    user_with_token(&site, "b@x.nl", "Bert", "board");
    let klacht = site.serve(Some(&smtp.url())).await;
    let complaint = Complaint::dutch(&klacht).await;
    let reference = complaint.reference.clone();
    api_step(
        &klacht,
        &site.token,
        &reference,
        "assign",
        json!({"handler": "h@x.nl"}),
    )
    .await;
    api_step(
        &klacht,
        &handler,
        &reference,
        "classify",
        json!({"categories": ["service"], "severity": "very_serious"}),
    )
    .await;

    // The acknowledgement, the coordinator's new complaint, the handler's assignment, and the
    // alert to the coordinator and the board member.
    let received = arrivals(5, || letters(smtp.received())).await;
    assert_eq!(
        received.len(),
        5,
        "aiosmtpd:\n{}\nklacht:\n{}",
        smtp.log(),
        klacht.log()
    );
    let to_board = complaint.find_to(&received, "b@x.nl");
    assert_eq!(
        to_board.subject(),
        Some(
            format!("Klacht {reference}: zeer ernstig: de coördinator overlegt met het bestuur")
                .as_str()
        )
    );
    let body = to_board.body_text(0).expect("text body");
    assert!(body.starts_with("Beste Bert,"), "{body}");
    assert!(
        body.contains(&format!(
            "Klacht {reference} is aangemerkt als zeer ernstig. Volgens de klachtenregeling overlegt de coördinator hierover met het bestuur."
        )),
        "{body}"
    );
    for personal in [complaint.name, complaint.email, "balie"] {
        assert!(!body.contains(personal), "{personal:?} in:\n{body}");
    }
    let alerts: Vec<Message<'_>> = received
        .iter()
        .filter_map(|bytes| MessageParser::default().parse(bytes.as_slice()))
        .filter(|m| {
            m.to().and_then(|t| t.first()).and_then(|a| a.address()) == Some(STAFF)
                && m.subject()
                    == Some(
                        format!(
                            "Klacht {reference}: zeer ernstig of gevoelig: overleg met het bestuur"
                        )
                        .as_str(),
                    )
        })
        .collect();
    assert_eq!(alerts.len(), 1, "one alert to the coordinator");
    let body = alerts[0].body_text(0).expect("text body");
    assert!(
        body.contains(&format!("{PUBLIC_URL}/beheer/klachten/{reference}")),
        "{body}"
    );
}

// ----- Mail in (issue 17) ----------------------------------------------------------------------

/// The `Message-ID` of the letter to `to` among `files`, without angle brackets.
fn message_id_to(files: &[Vec<u8>], to: &str) -> String {
    files
        .iter()
        .filter_map(|raw| MessageParser::default().parse(raw))
        .find(|m| {
            m.to()
                .and_then(|a| a.first())
                .and_then(|a| a.address())
                .is_some_and(|a| a == to)
        })
        .and_then(|m| m.message_id().map(str::to_owned))
        .expect("a letter to the complainant")
}

/// T2, T12, K10: what `klacht mail import` does with each kind of message, against a running
/// `klacht serve` on the same data directory: a reply to the acknowledgement (its In-Reply-To
/// names the letter) and a message with the reference in its subject from the complainant's own
/// address join the dossier; the same reference from another sender, and a new complaint, go to
/// the post tray; an out-of-office is never answered nor joined, although it names the letter;
/// a bounce marks the acknowledgement undeliverable; broken bytes are kept in the tray without
/// stopping the rest; a message imported twice is taken once.
#[tokio::test(flavor = "multi_thread")]
async fn t12_mail_import_threads_replies_keeps_out_a_forged_reference_ignores_auto_replies_and_marks_a_bounce()
 {
    mail_import_threads_and_sorts(Site::new()).await;
}

/// The same on PostgreSQL.
#[tokio::test(flavor = "multi_thread")]
async fn t12_mail_import_on_postgresql_threads_sorts_and_takes_each_message_once() {
    let Some(db) = crate::support::PgDb::create("klacht_mail_import").await else {
        return;
    };
    mail_import_threads_and_sorts(Site::on(Some(&db.url))).await;
}

async fn mail_import_threads_and_sorts(site: Site) {
    let server = site.serve(None).await;
    let complaint = server.submit("Jan Klager", "jan@example.nl", "nl").await;
    let reference = complaint["reference"].as_str().unwrap().to_owned();
    let files = arrivals(1, || {
        site.outbox_files()
            .iter()
            .map(|path| fs::read(path).expect("readable"))
            .filter(|raw| String::from_utf8_lossy(raw).contains("jan@example.nl"))
            .collect()
    })
    .await;
    let letter = message_id_to(&files, "jan@example.nl");
    assert!(
        letter.starts_with(&format!("klacht.{reference}.")),
        "{letter}"
    );
    // A reply goes back to the organisation's own address.
    let acknowledgement = MessageParser::default().parse(&files[0]).unwrap();
    assert_eq!(
        acknowledgement
            .reply_to()
            .and_then(|a| a.first())
            .and_then(|a| a.address()),
        Some("klachten@debrug.nl")
    );

    let dir = site.dir.path().join("mail");
    fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        fs::write(&path, text.replace('\n', "\r\n")).unwrap();
        path
    };
    let plain = |from: &str, subject: &str, id: &str, extra: &str, body: &str| {
        format!(
            "From: {from}\nTo: klachten@debrug.nl\nSubject: {subject}\nMessage-ID: <{id}>\n\
             Date: Mon, 04 May 2026 10:00:00 +0200\n{extra}MIME-Version: 1.0\n\
             Content-Type: text/plain; charset=utf-8\n\n{body}\n"
        )
    };
    let reply = write(
        "reply.eml",
        plain(
            "Jan Klager <jan@example.nl>",
            "Re: Ontvangstbevestiging",
            "reply-1@example.nl",
            &format!("In-Reply-To: <{letter}>\nReferences: <{letter}>\n"),
            "Ik wil nog toevoegen dat de balie ook op zaterdag dicht was.",
        ),
    );
    let forged = write(
        "forged.eml",
        plain(
            "Piet <piet@example.org>",
            &format!("Re: Klacht {reference}"),
            "forged-1@example.org",
            "",
            "Ik trek deze klacht namens Jan in.",
        ),
    );
    let by_subject = write(
        "by-subject.eml",
        plain(
            "JAN@example.nl",
            &format!("Klacht {reference}: nog iets"),
            "subject-1@example.nl",
            "",
            "Nog een aanvulling over de openingstijden.",
        ),
    );
    let away = write(
        "away.eml",
        plain(
            "Jan Klager <jan@example.nl>",
            "Afwezig: Re: Ontvangstbevestiging",
            "away-1@example.nl",
            &format!("Auto-Submitted: auto-replied\nIn-Reply-To: <{letter}>\n"),
            "Ik ben tot 18 mei afwezig.",
        ),
    );
    let bounce = write(
        "bounce.eml",
        format!(
            "From: MAILER-DAEMON@mail.example.nl\nTo: klachten@debrug.nl\n\
             Subject: Undelivered Mail Returned to Sender\nMessage-ID: <bounce-1@mail.example.nl>\n\
             Date: Mon, 04 May 2026 10:05:00 +0200\nMIME-Version: 1.0\n\
             Content-Type: multipart/report; report-type=delivery-status; boundary=\"b1\"\n\n\
             --b1\nContent-Type: text/plain\n\nThe mail could not be delivered.\n\
             --b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mail.example.nl\n\n\
             Final-Recipient: rfc822; jan@example.nl\nAction: failed\nStatus: 5.1.1\n\n\
             --b1\nContent-Type: text/rfc822-headers\n\nFrom: klachten@debrug.nl\n\
             To: jan@example.nl\nMessage-ID: <{letter}>\nSubject: Ontvangstbevestiging\n\n--b1--\n"
        ),
    );
    let new = write(
        "new.eml",
        plain(
            "Els de Wit <els@example.nl>",
            "Klacht over de telefoon",
            "new-1@example.nl",
            "",
            "Niemand nam op, drie dagen lang.",
        ),
    );
    let garbage = dir.join("garbage.bin");
    fs::write(&garbage, [0u8, 159, 146, 150, 0, 255, 1, 2, 3]).unwrap();

    let profile = site.own_profile();
    let import = |files: &[&PathBuf]| {
        let mut args: Vec<String> = [
            "mail",
            "import",
            "--profile",
            profile.to_str().unwrap(),
            "--public-url",
            PUBLIC_URL,
        ]
        .map(str::to_owned)
        .to_vec();
        args.extend(files.iter().map(|f| f.to_str().unwrap().to_owned()));
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        site.klacht(&refs)
    };
    let out = import(&[&reply, &forged, &by_subject, &away, &bounce, &new, &garbage]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<(String, String, String)> = text(&out.stdout)
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let name = std::path::Path::new(f[0])
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, f[1].to_owned(), f[3].to_owned())
        })
        .collect();
    let r = reference.clone();
    assert_eq!(
        lines,
        [
            ("reply.eml".into(), "threaded".into(), r.clone()),
            ("forged.eml".into(), "tray".into(), String::new()),
            ("by-subject.eml".into(), "threaded".into(), r.clone()),
            ("away.eml".into(), "ignored".into(), String::new()),
            ("bounce.eml".into(), "bounce".into(), r.clone()),
            ("new.eml".into(), "tray".into(), String::new()),
            ("garbage.bin".into(), "tray".into(), String::new()),
        ]
    );

    // The same message again, through standard input: taken once.
    let mut again = crate::support::command(&site.data, site.database.as_deref());
    again
        .args(["mail", "import", "--profile", profile.to_str().unwrap()])
        .stdin(fs::File::open(&reply).unwrap());
    let again = again.output().unwrap();
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(
        text(&again.stdout).starts_with("-\ttaken-before\t"),
        "{}",
        text(&again.stdout)
    );

    // The dossier: the two messages of the complainant, not the forged one or the
    // out-of-office; the acknowledgement marked as come back; no letter answered any of them.
    let response = server
        .http
        .get(format!("{}/api/v1/complaints/{reference}", server.base))
        .bearer_auth(&site.token)
        .send()
        .await
        .unwrap();
    let dossier: Value = response.json().await.unwrap();
    let added: Vec<&Value> = dossier["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "complainant_added")
        .collect();
    let texts: Vec<&str> = added.iter().map(|e| e["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        [
            "Ik wil nog toevoegen dat de balie ook op zaterdag dicht was.",
            "Nog een aanvulling over de openingstijden."
        ],
        "{dossier}"
    );
    assert_eq!(added[0]["mail"]["subject"], "Re: Ontvangstbevestiging");
    assert_eq!(added[0]["mail"]["from"], "Jan Klager <jan@example.nl>");
    let delivery = server
        .acknowledgement_delivery(&site.token, &reference)
        .await;
    assert_eq!(delivery["state"], "bounced", "{delivery}");
    assert!(
        delivery["bounce_reason"]
            .as_str()
            .unwrap()
            .starts_with("5.1.1"),
        "{delivery}"
    );
    let body = dossier.to_string();
    assert!(!body.contains("namens Jan in"), "{body}");
    assert!(!body.contains("18 mei afwezig"), "{body}");
    // The coordinator (no handler yet) hears of each e-mail and of the bounce, by mail; the
    // complainant got nothing new.
    let site = &site;
    let to = |who: &'static str| {
        move || -> Vec<Vec<u8>> {
            site.outbox_files()
                .iter()
                .map(|path| fs::read(path).expect("readable"))
                .filter(|raw| {
                    MessageParser::default().parse(raw).is_some_and(|m| {
                        m.to()
                            .and_then(|a| a.first())
                            .and_then(|a| a.address())
                            .is_some_and(|a| a == who)
                    })
                })
                .collect()
        }
    };
    // Queued by the import, another process: the server's sender finds them at its next round
    // (within half a minute).
    let probe = to(STAFF);
    let started = Instant::now();
    let staff = loop {
        let found = probe();
        if found.len() >= 4 || started.elapsed() >= Duration::from_secs(45) {
            break found;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let said: Vec<String> = staff
        .iter()
        .filter_map(|raw| MessageParser::default().parse(raw))
        .filter_map(|m| m.body_text(0).map(|t| t.into_owned()))
        .collect();
    let mailed = format!(
        "Er is een e-mail van de klager bij klacht {reference} gekomen. Lees hem in het dossier."
    );
    assert_eq!(
        said.iter().filter(|t| t.contains(&mailed)).count(),
        2,
        "{said:?}"
    );
    assert_eq!(
        said.iter()
            .filter(|t| t.contains(&format!(
                "Een brief van klacht {reference} kwam onbestelbaar terug."
            )))
            .count(),
        1,
        "{said:?}"
    );
    assert_eq!(to("jan@example.nl")().len(), 1, "only the acknowledgement");
}
