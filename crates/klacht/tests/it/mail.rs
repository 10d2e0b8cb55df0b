//! Letters leave the building: the real `klacht serve` delivers the acknowledgement of a web
//! complaint to a real SMTP server (aiosmtpd, see `klacht-mail/tests/it/support/smtpd.rs`) or,
//! without one, to DATA/outbox; and a letter that cannot be sent waits, also across a restart.
//!
//! Without aiosmtpd the SMTP tests print a SKIPPED line and pass, unless `KLACHT_REQUIRE_SMTP=1`.

use crate::support::{klacht, smtpd};

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
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let add = klacht(
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
            ],
        );
        assert!(
            add.status.success(),
            "{}",
            String::from_utf8_lossy(&add.stderr)
        );
        let token = klacht(&data, &["token", "create", "--email", "c@x.nl"]);
        assert!(
            token.status.success(),
            "{}",
            String::from_utf8_lossy(&token.stderr)
        );
        let token = String::from_utf8_lossy(&token.stdout).trim().to_owned();
        Site { dir, data, token }
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
        command
            .arg("--data")
            .arg(&self.data)
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
