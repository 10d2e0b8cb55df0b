//! Mail in from a real IMAP server (Debian's Dovecot, see klacht-mail's
//! `tests/it/support/dovecot.rs`): two `klacht serve` instances on one PostgreSQL database take
//! the same mailbox, and each message is taken once (issue 17). Without Dovecot or PostgreSQL the
//! test prints a SKIPPED line and passes, unless KLACHT_REQUIRE_IMAP=1 / KLACHT_REQUIRE_POSTGRES=1.

use crate::support::dovecot::Dovecot;
use crate::support::{PgDb, command, free_port};
use sqlx::{AnyConnection, Connection, Row};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A running `klacht serve`, killed when dropped.
struct Serve {
    child: Child,
    log: std::path::PathBuf,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn serve(dir: &std::path::Path, name: &str, database: &str, imap: &str) -> Serve {
    let port = free_port();
    let data = dir.join(name);
    let log = dir.join(format!("{name}.log"));
    let mut cmd = command(&data, Some(database));
    cmd.args(["serve", "--listen", &format!("127.0.0.1:{port}")])
        // One key for both, as instances of one installation share it.
        .env(
            "KLACHT_SECRET_KEY",
            "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
        )
        .env("KLACHT_IMAP_URL", imap)
        .env("KLACHT_IMAP_AFTER", "move:Verwerkt")
        .env("KLACHT_LOG", "info,sqlx=warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap());
    let child = cmd.spawn().unwrap();
    let mut s = Serve { child, log };
    let http = reqwest::Client::new();
    let started = Instant::now();
    loop {
        let ready = http
            .get(format!("http://127.0.0.1:{port}/readyz"))
            .timeout(Duration::from_secs(1))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success());
        if ready {
            return s;
        }
        if let Ok(Some(status)) = s.child.try_wait() {
            panic!(
                "klacht serve exited ({status}):\n{}",
                std::fs::read_to_string(&s.log).unwrap_or_default()
            );
        }
        assert!(started.elapsed() < Duration::from_secs(30), "not ready");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn complaint(i: usize) -> Vec<u8> {
    format!(
        "From: Klager {i} <klager{i}@example.nl>\r\nTo: klachten@voorbeeld.nl\r\n\
         Subject: Klacht nummer {i}\r\nMessage-ID: <klacht-{i}@example.nl>\r\n\
         Date: Mon, 04 May 2026 10:00:00 +0200\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nDit is klacht nummer {i}.\r\n"
    )
    .into_bytes()
}

/// T2, T12: twelve complaints by e-mail, two instances on one database reading one mailbox
/// with IDLE: each message is in the intake once, and all of them leave the inbox for the
/// folder they are moved to.
#[tokio::test(flavor = "multi_thread")]
async fn t02_two_instances_take_each_message_from_the_mailbox_once() {
    let Some(dovecot) = Dovecot::start() else {
        return;
    };
    let Some(db) = PgDb::create("klacht_mail_in").await else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let imap = dovecot.url("INBOX");
    let a = serve(dir.path(), "a", &db.url, &imap).await;
    let b = serve(dir.path(), "b", &db.url, &imap).await;
    for i in 0..12 {
        dovecot.append("INBOX", &complaint(i)).await;
    }
    let started = Instant::now();
    loop {
        let inbox = dovecot.flags("INBOX").await.len();
        // The folder is made by the first move.
        let moved = if inbox == 0 {
            dovecot.flags("Verwerkt").await.len()
        } else {
            0
        };
        if inbox == 0 && moved == 12 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "inbox {inbox}, moved {moved}\n--- a:\n{}\n--- b:\n{}\n--- dovecot:\n{}",
            std::fs::read_to_string(&a.log).unwrap_or_default(),
            std::fs::read_to_string(&b.log).unwrap_or_default(),
            dovecot.log()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    sqlx::any::install_default_drivers();
    let mut conn = AnyConnection::connect(&db.url).await.unwrap();
    let row = sqlx::query(
        "SELECT COUNT(*), COUNT(DISTINCT message_id), \
         SUM(CASE WHEN state = 'tray' THEN 1 ELSE 0 END) FROM mail_in",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    let (all, distinct, tray): (i64, i64, i64) = (row.get(0), row.get(1), row.get(2));
    assert_eq!((all, distinct, tray), (12, 12, 12));
    let _ = conn.close().await;
    drop((a, b));
}
