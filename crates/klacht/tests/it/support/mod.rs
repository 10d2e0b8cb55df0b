//! What the test modules share: the binary, run in a data directory of the test's own with none
//! of klacht's settings leaking in from the environment, a free port to serve on, and a real
//! SMTP server (klacht-mail's, one copy).

use std::path::Path;
use std::process::{Command, Output};

#[path = "../../../../klacht-mail/tests/it/support/smtpd.rs"]
pub mod smtpd;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_klacht");

/// The settings `klacht` reads from the environment: a test gives what it needs as arguments.
const SETTINGS: [&str; 6] = [
    "KLACHT_DATABASE_URL",
    "KLACHT_PROFILE",
    "KLACHT_PUBLIC_URL",
    "KLACHT_SECRET_KEY",
    "KLACHT_SMTP_URL",
    "KLACHT_MAIL_FROM",
];

/// `klacht --data DATA [--database URL]`, without klacht's settings from the environment; the
/// caller adds the command.
pub fn command(data: &Path, database: Option<&str>) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.arg("--data").arg(data);
    if let Some(url) = database {
        cmd.args(["--database", url]);
    }
    for var in SETTINGS {
        cmd.env_remove(var);
    }
    cmd
}

/// `klacht --data DATA ARGS…`, run to its end.
pub fn klacht(data: &Path, args: &[&str]) -> Output {
    command(data, None).args(args).output().unwrap()
}

/// Output as text.
pub fn text(o: &[u8]) -> String {
    String::from_utf8_lossy(o).into_owned()
}

/// A port that was free a moment ago.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
