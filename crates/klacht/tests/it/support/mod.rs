//! What the test modules share: the binary, run in a data directory of the test's own with none
//! of klacht's settings leaking in from the environment, a free port to serve on, a fresh
//! PostgreSQL database, and a real SMTP server (klacht-mail's, one copy).

use sqlx::{AnyConnection, Connection, Executor};
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

#[path = "../../../../klacht-mail/tests/it/support/smtpd.rs"]
pub mod smtpd;

#[path = "../../../../klacht-mail/tests/it/support/dovecot.rs"]
pub mod dovecot;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_klacht");

/// The settings `klacht` reads from the environment: a test gives what it needs as arguments.
const SETTINGS: [&str; 9] = [
    "KLACHT_IMAP_URL",
    "KLACHT_IMAP_AFTER",
    "KLACHT_IMAP_CA",
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

/// Copies the directory `from` to `to`, with everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The test server's PostgreSQL (trust authentication).
pub const PG_SERVER: &str = "postgres://postgres@127.0.0.1:5432";

/// A fresh database on the test server, dropped when the value is.
pub struct PgDb {
    pub name: String,
    pub url: String,
}

impl PgDb {
    /// A database named `prefix` and a random suffix; `None` (and a loud note) when PostgreSQL
    /// is not reachable, unless KLACHT_REQUIRE_POSTGRES=1 demands it.
    pub async fn create(prefix: &str) -> Option<PgDb> {
        sqlx::any::install_default_drivers();
        let admin_url = format!("{PG_SERVER}/test");
        let admin =
            tokio::time::timeout(Duration::from_secs(3), AnyConnection::connect(&admin_url)).await;
        let mut admin = match admin {
            Ok(Ok(c)) => c,
            other => {
                let why = match other {
                    Ok(Err(e)) => e.to_string(),
                    _ => "no answer within 3 s".to_owned(),
                };
                if std::env::var("KLACHT_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                    panic!(
                        "PostgreSQL not reachable ({why}); KLACHT_REQUIRE_POSTGRES=1 demands it"
                    );
                }
                eprintln!(
                    "\n*** SKIPPED: PostgreSQL not reachable at 127.0.0.1:5432 ({why}) ***\n"
                );
                return None;
            }
        };
        let name = format!("{prefix}_{:016x}", rand::random::<u64>());
        admin
            .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .await
            .unwrap();
        let _ = admin.close().await;
        Some(PgDb {
            url: format!("{PG_SERVER}/{name}"),
            name,
        })
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        // Best effort, with psql: Drop cannot await.
        let _ = Command::new("psql")
            .args([&format!("{PG_SERVER}/test"), "-q", "-c"])
            .arg(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .output();
    }
}
