//! SMTP against a real server: aiosmtpd (Python) as a child process, writing a Maildir.
//!
//! The server is found through `KLACHT_PYTHON`, else `python3`, else `/usr/bin/python3`, and
//! must be able to `import aiosmtpd`. Without it the server tests print a SKIPPED line and
//! pass, unless `KLACHT_REQUIRE_SMTP=1` (CI), where a missing server is a failure.

use std::fs;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use klacht_mail::{Address, Mail, MailError, Mailer};
use mail_parser::MessageParser;
use tempfile::TempDir;

/// A handler like `aiosmtpd.handlers.Mailbox` that refuses some recipients, to see how the
/// mailer classifies a real 5xx and 4xx answer.
const CHOOSY_HANDLER: &str = r#"
from aiosmtpd.handlers import Mailbox

class Choosy(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("onbekend@"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if address.startswith("later@"):
            return "451 4.3.0 <%s>: Try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"
"#;

/// A running aiosmtpd; killed when dropped.
struct SmtpServer {
    child: Child,
    port: u16,
    dir: TempDir,
}

impl SmtpServer {
    /// Starts `python -m aiosmtpd -n -l 127.0.0.1:PORT -c <handler> MAILDIR`, or returns None
    /// (after printing why) when aiosmtpd is not installed.
    fn start(handler: &str) -> Option<SmtpServer> {
        let Some(python) = find_python() else {
            assert!(
                std::env::var("KLACHT_REQUIRE_SMTP").as_deref() != Ok("1"),
                "KLACHT_REQUIRE_SMTP=1 but aiosmtpd is not installed (pip install aiosmtpd)"
            );
            println!("SKIPPED: aiosmtpd not installed (pip install aiosmtpd)");
            return None;
        };
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("klacht_smtpd.py"), CHOOSY_HANDLER).expect("write handler");
        let port = free_port();
        let log = fs::File::create(dir.path().join("aiosmtpd.log")).expect("log file");
        let child = Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", handler])
            .arg(dir.path().join("Maildir"))
            .env("PYTHONPATH", dir.path())
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log file"))
            .stderr(log)
            .spawn()
            .expect("start aiosmtpd");
        let mut server = SmtpServer { child, port, dir };
        server.wait_until_listening();
        Some(server)
    }

    fn wait_until_listening(&mut self) {
        let address = SocketAddr::from(([127, 0, 0, 1], self.port));
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("aiosmtpd exited ({status}):\n{}", self.log());
            }
            assert!(
                Instant::now() < deadline,
                "aiosmtpd not listening on {address} after 10 s:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("aiosmtpd.log")).unwrap_or_default()
    }

    /// The raw messages the server has stored so far.
    fn received(&self) -> Vec<Vec<u8>> {
        let new = self.dir.path().join("Maildir").join("new");
        let Ok(entries) = fs::read_dir(&new) else {
            return Vec::new();
        };
        entries
            .map(|entry| fs::read(entry.expect("dir entry").path()).expect("readable"))
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find_python() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = match std::env::var_os("KLACHT_PYTHON") {
        Some(python) => vec![PathBuf::from(python)],
        None => vec![PathBuf::from("python3"), PathBuf::from("/usr/bin/python3")],
    };
    candidates.into_iter().find(|python| has_aiosmtpd(python))
}

fn has_aiosmtpd(python: &Path) -> bool {
    Command::new(python)
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// A port nothing listens on right now.
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("local addr").port()
}

fn dutch_letter() -> Mail {
    Mail {
        from: Address::new("Stichting Voorbeeld", "klachten@voorbeeld.nl"),
        reply_to: Some(Address::new(
            "Afdeling Klachten",
            "behandelaar@voorbeeld.nl",
        )),
        to: Address::new("Jan de Vries-Öztürk", "jan@example.nl"),
        subject: "Uw klacht — één ontvangstbevestiging".to_owned(),
        body: format!(
            "Geachte heer De Vries-Öztürk,\n\nWij hebben uw klacht over de gemeente ontvangen \
             en nemen binnen zes weken een besluit. Één lange regel volgt:\n{}\n\nMet vriendelijke \
             groet,\nStichting Voorbeeld\n",
            "lange regel met ë en € ".repeat(60)
        ),
        language: "nl".to_owned(),
        reference: Some("2026-0042".to_owned()),
        message_id: "klacht.2026-0042.17.3@klachten.voorbeeld.nl".to_owned(),
    }
}

fn english_letter() -> Mail {
    Mail {
        from: Address::new("Stichting Voorbeeld", "klachten@voorbeeld.nl"),
        reply_to: None,
        to: Address::email_only("sarah@example.org"),
        subject: "Your complaint has been received".to_owned(),
        body: "Dear Ms Smith,\n\nWe have received your complaint.\n\nKind regards\n".to_owned(),
        language: "en".to_owned(),
        reference: Some("2026-0043".to_owned()),
        message_id: "klacht.2026-0043.2.1@klachten.voorbeeld.nl".to_owned(),
    }
}

#[tokio::test]
async fn dutch_and_english_letters_arrive_intact() {
    let Some(server) = SmtpServer::start("aiosmtpd.handlers.Mailbox") else {
        return;
    };
    let mailer = Mailer::from_config(Some(&server.url()), PathBuf::new()).expect("SMTP URL");
    let letters = [dutch_letter(), english_letter()];
    for mail in &letters {
        let sent = mailer.send(mail).await.expect("accepted by the server");
        assert!(sent.detail.contains(" 250"), "{}", sent.detail);
    }

    let received = server.received();
    assert_eq!(received.len(), 2, "server log:\n{}", server.log());
    for mail in &letters {
        let raw = received
            .iter()
            .find(|raw| {
                let parsed = MessageParser::default().parse(raw.as_slice());
                parsed.and_then(|m| m.message_id().map(str::to_owned))
                    == Some(mail.message_id.clone())
            })
            .unwrap_or_else(|| panic!("{} not received", mail.message_id));
        let parsed = MessageParser::default()
            .parse(raw.as_slice())
            .expect("parses");

        let to = parsed.to().and_then(|to| to.first()).expect("To");
        assert_eq!(to.address(), Some(mail.to.email.as_str()));
        assert_eq!(to.name(), mail.to.name.as_deref());
        let from = parsed.from().and_then(|from| from.first()).expect("From");
        assert_eq!(from.address(), Some("klachten@voorbeeld.nl"));
        assert_eq!(from.name(), Some("Stichting Voorbeeld"));
        assert_eq!(parsed.subject(), Some(mail.subject.as_str()));
        assert_eq!(
            parsed.header_raw("X-Klacht-Reference").map(str::trim),
            mail.reference.as_deref()
        );
        assert_eq!(
            parsed.header_raw("Content-Language").map(str::trim),
            Some(mail.language.as_str())
        );
        // The envelope recipient, as the server saw it.
        assert_eq!(
            parsed.header_raw("X-RcptTo").map(str::trim),
            Some(mail.to.email.as_str())
        );
        // Line ends travel as CRLF (RFC 5322) and the Maildir stores LF; the text is otherwise
        // exact, including the long line.
        let body = parsed.body_text(0).expect("text body");
        assert_eq!(body.replace("\r\n", "\n"), mail.body);
    }
}

#[tokio::test]
async fn nothing_listening_is_a_transient_error_naming_the_server() {
    let port = free_port();
    let mailer = Mailer::from_config(Some(&format!("smtp://127.0.0.1:{port}")), PathBuf::new())
        .expect("SMTP URL");

    let error = mailer
        .send(&english_letter())
        .await
        .expect_err("nobody to talk to");

    assert!(
        matches!(error, MailError::ConnectionRefused { .. }),
        "{error:?}"
    );
    assert!(!error.is_permanent());
    let text = error.to_string();
    assert!(
        text.starts_with(&format!(
            "SMTP server 127.0.0.1:{port} refused the connection: "
        )),
        "{text}"
    );
}

#[tokio::test]
async fn rejected_recipient_is_permanent_and_deferred_one_is_not() {
    let Some(server) = SmtpServer::start("klacht_smtpd.Choosy") else {
        return;
    };
    let mailer = Mailer::from_config(Some(&server.url()), PathBuf::new()).expect("SMTP URL");

    let unknown = Mail {
        to: Address::email_only("onbekend@example.nl"),
        ..english_letter()
    };
    let error = mailer.send(&unknown).await.expect_err("550");
    assert!(
        matches!(error, MailError::Rejected { code: 550, .. }),
        "{error:?}"
    );
    assert!(error.is_permanent());
    assert!(error.to_string().contains("User unknown"), "{error}");

    let later = Mail {
        to: Address::email_only("later@example.nl"),
        ..english_letter()
    };
    let error = mailer.send(&later).await.expect_err("451");
    assert!(
        matches!(error, MailError::Deferred { code: 451, .. }),
        "{error:?}"
    );
    assert!(!error.is_permanent());

    // The same server still takes an ordinary letter.
    mailer.send(&english_letter()).await.expect("accepted");
    assert_eq!(server.received().len(), 1);
}
