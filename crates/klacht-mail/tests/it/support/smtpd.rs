//! A real SMTP server for tests: aiosmtpd (Python) as a child process, writing a Maildir.
//!
//! Shared by `crates/klacht-mail/tests/it/smtp.rs` and `crates/klacht/tests/it/mail.rs`: both
//! use it as `support::smtpd` (klacht's through `#[path]`: one copy, no extra crate).
//!
//! The server is found through `KLACHT_PYTHON`, else `python3`, else `/usr/bin/python3`, and
//! must be able to `import aiosmtpd`. Without it [`available`] and [`SmtpServer::start`] print a
//! `SKIPPED: …` line and say no, so the test returns early and passes — unless
//! `KLACHT_REQUIRE_SMTP=1` (CI), where a missing server is a failure.
// Each including test crate uses a different part of this file.
#![allow(dead_code)]

use std::fs;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// aiosmtpd's own handler: accepts everything and stores it in the Maildir.
pub const MAILBOX: &str = "aiosmtpd.handlers.Mailbox";
/// [`MAILBOX`], but refuses `onbekend@…` for good (550) and `later@…` for now (451).
pub const CHOOSY: &str = "klacht_smtpd.Choosy";

/// The module behind [`CHOOSY`], written next to the Maildir and found through `PYTHONPATH`.
const HANDLERS: &str = r#"
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

/// Whether aiosmtpd can be started. When not, prints the SKIPPED line (and fails instead under
/// `KLACHT_REQUIRE_SMTP=1`).
pub fn available() -> bool {
    python_or_skip().is_some()
}

/// A running aiosmtpd; killed when dropped.
pub struct SmtpServer {
    child: Child,
    port: u16,
    dir: TempDir,
}

impl SmtpServer {
    /// Starts aiosmtpd with `handler` (e.g. [`MAILBOX`], [`CHOOSY`]) on a free port, or returns
    /// None (after printing why) when aiosmtpd is not installed.
    pub fn start(handler: &str) -> Option<SmtpServer> {
        Self::start_on(handler, free_port())
    }

    /// Like [`SmtpServer::start`], on a given port (e.g. one a client has been failing to reach).
    pub fn start_on(handler: &str, port: u16) -> Option<SmtpServer> {
        let python = python_or_skip()?;
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("klacht_smtpd.py"), HANDLERS).expect("write handler");
        let log = fs::File::create(dir.path().join("aiosmtpd.log")).expect("log file");
        let child = Command::new(python)
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

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `smtp://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// What aiosmtpd printed so far.
    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.path().join("aiosmtpd.log")).unwrap_or_default()
    }

    /// The Maildir the server delivers into.
    pub fn maildir(&self) -> PathBuf {
        self.dir.path().join("Maildir")
    }

    /// The raw messages the server has stored so far (Maildir writes each into `tmp/` and then
    /// moves it to `new/`, so a message seen here is complete).
    pub fn received(&self) -> Vec<Vec<u8>> {
        let Ok(entries) = fs::read_dir(self.maildir().join("new")) else {
            return Vec::new();
        };
        entries
            .map(|entry| fs::read(entry.expect("dir entry").path()).expect("readable"))
            .collect()
    }

    /// Waits (polling) until at least `count` messages are stored or `timeout` passes, and
    /// returns what is there then.
    pub fn received_within(&self, count: usize, timeout: Duration) -> Vec<Vec<u8>> {
        let deadline = Instant::now() + timeout;
        loop {
            let received = self.received();
            if received.len() >= count || Instant::now() >= deadline {
                return received;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("local addr").port()
}

/// The Python that has aiosmtpd; None after printing the SKIPPED line; a panic when
/// `KLACHT_REQUIRE_SMTP=1` and there is none.
fn python_or_skip() -> Option<PathBuf> {
    static PYTHON: OnceLock<Option<PathBuf>> = OnceLock::new();
    let python = PYTHON.get_or_init(find_python).clone();
    if python.is_none() {
        assert!(
            std::env::var("KLACHT_REQUIRE_SMTP").as_deref() != Ok("1"),
            "KLACHT_REQUIRE_SMTP=1 but aiosmtpd is not installed (pip install aiosmtpd)"
        );
        println!("SKIPPED: aiosmtpd not installed (pip install aiosmtpd)");
    }
    python
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
