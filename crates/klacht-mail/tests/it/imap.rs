//! The intake's IMAP mailbox against a real Dovecot ([`support::dovecot`]): messages put in
//! with IMAP APPEND are fetched once, taken by moving or flagging, IDLE wakes on new mail, and
//! login and TLS faults are clear errors. Skips (printing SKIPPED) without Dovecot unless
//! `KLACHT_REQUIRE_IMAP=1`.

use crate::support::dovecot::Dovecot;
use klacht_mail::imap::{After, ImapError, Mailbox, Wake};
use klacht_mail::inbound::{Limits, parse};
use std::time::{Duration, Instant};

fn message(subject: &str) -> Vec<u8> {
    format!(
        "From: Jan Jansen <jan@example.nl>\r\nTo: klachten@voorbeeld.nl\r\nSubject: {subject}\r\nMessage-ID: <{}@example.nl>\r\nDate: Mon, 12 Jan 2026 09:00:00 +0100\r\n\r\nTekst van {subject}.\r\n",
        subject.replace(' ', "-")
    )
    .into_bytes()
}

fn subject(raw: &[u8]) -> String {
    parse(raw, &Limits::default()).subject
}

#[tokio::test]
async fn fetched_messages_taken_by_moving_or_flagging_are_not_fetched_again() {
    let Some(dovecot) = Dovecot::start() else {
        return;
    };
    dovecot.append("INBOX", &message("eerste klacht")).await;
    dovecot.append("INBOX", &message("tweede klacht")).await;

    let mut mailbox = Mailbox::connect(&dovecot.url("INBOX"), None).await.unwrap();
    assert_eq!(
        mailbox.describe(),
        format!("imap://klacht@127.0.0.1:{}/INBOX", dovecot.port)
    );
    let fetched = mailbox.fetch_new().await.unwrap();
    let subjects: Vec<String> = fetched.iter().map(|f| subject(&f.raw)).collect();
    assert_eq!(subjects, ["eerste klacht", "tweede klacht"]);
    assert!(
        fetched
            .iter()
            .all(|f| f.uid_validity == mailbox.uid_validity())
    );
    assert_ne!(mailbox.uid_validity(), 0);
    // Fetching does not take: the same two again.
    assert_eq!(mailbox.fetch_new().await.unwrap(), fetched);

    let (first, second) = (fetched[0].uid, fetched[1].uid);
    mailbox
        .taken(first, &After::Move("Klacht/Verwerkt".into()))
        .await
        .unwrap();
    mailbox.taken(second, &After::Flag).await.unwrap();
    assert_eq!(mailbox.fetch_new().await.unwrap(), []);

    // Another client sees the first moved into the folder made for it, the second flagged.
    assert_eq!(
        dovecot.flags("INBOX").await,
        [(
            second,
            vec!["Custom(\"$KlachtTaken\")".to_owned(), "Seen".to_owned()]
        )]
    );
    let moved = dovecot.flags("Klacht/Verwerkt").await;
    assert_eq!(moved.len(), 1, "{moved:?}");

    // A new message is the only new one, also for a second connection (another instance).
    dovecot.append("INBOX", &message("derde klacht")).await;
    let mut other = Mailbox::connect(&dovecot.url("INBOX"), None).await.unwrap();
    let again: Vec<String> = other
        .fetch_new()
        .await
        .unwrap()
        .iter()
        .map(|f| subject(&f.raw))
        .collect();
    assert_eq!(again, ["derde klacht"]);
    // Moving into the folder that exists now works as well.
    let uid = other.fetch_new().await.unwrap()[0].uid;
    other
        .taken(uid, &After::Move("Klacht/Verwerkt".into()))
        .await
        .unwrap();
    assert_eq!(dovecot.flags("Klacht/Verwerkt").await.len(), 2);
    assert_eq!(mailbox.fetch_new().await.unwrap(), []);
    mailbox.logout().await.unwrap();
    other.logout().await.unwrap();
}

#[tokio::test]
async fn idle_wakes_on_a_message_appended_by_another_connection() {
    let Some(dovecot) = Dovecot::start() else {
        return;
    };
    let mut mailbox = Mailbox::connect(&dovecot.url("INBOX"), None).await.unwrap();
    assert!(mailbox.has_idle());

    // Nothing comes: IDLE ends when the time is up.
    let start = Instant::now();
    assert_eq!(
        mailbox
            .idle_or_wait(Duration::from_millis(500))
            .await
            .unwrap(),
        Wake::TimedOut
    );
    assert!(start.elapsed() >= Duration::from_millis(500));

    let url = dovecot.url("INBOX");
    let raw = message("klacht tijdens idle");
    let appender = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        dovecot.append("INBOX", &raw).await;
    };
    let start = Instant::now();
    let (woke, ()) = tokio::join!(mailbox.idle_or_wait(Duration::from_secs(30)), appender);
    assert_eq!(woke.unwrap(), Wake::Changed);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "woke after {:?}",
        start.elapsed()
    );
    let fetched = mailbox.fetch_new().await.unwrap();
    assert_eq!(fetched.len(), 1, "{url}");
    assert_eq!(subject(&fetched[0].raw), "klacht tijdens idle");
}

#[tokio::test]
async fn a_wrong_password_is_a_login_error_that_names_the_server_but_not_the_password() {
    let Some(dovecot) = Dovecot::start() else {
        return;
    };
    let url = format!(
        "imap://klacht:fout-wachtwoord@127.0.0.1:{}/INBOX",
        dovecot.port
    );
    let error = Mailbox::connect(&url, None).await.unwrap_err();
    assert!(matches!(error, ImapError::Auth { .. }), "{error:?}");
    let text = error.to_string();
    assert!(
        text.starts_with(&format!(
            "IMAP server 127.0.0.1:{} refused the login of klacht: ",
            dovecot.port
        )),
        "{text}"
    );
    assert!(!text.contains("fout-wachtwoord"), "{text}");

    // A folder that does not exist names the folder.
    let error = Mailbox::connect(&dovecot.url("Bestaat-niet"), None)
        .await
        .unwrap_err();
    let text = error.to_string();
    assert!(
        text.starts_with(&format!(
            "IMAP server 127.0.0.1:{}, folder Bestaat-niet: SELECT: ",
            dovecot.port
        )),
        "{text}"
    );
    assert!(!text.contains("geheim"), "{text}");
}

#[tokio::test]
async fn nothing_listening_is_a_connect_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let error = Mailbox::connect(&format!("imap://u:geheim@127.0.0.1:{port}"), None)
        .await
        .unwrap_err();
    assert!(matches!(error, ImapError::Connect { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .starts_with(&format!("cannot connect to IMAP server 127.0.0.1:{port}: ")),
        "{error}"
    );
}

#[tokio::test]
async fn tls_and_starttls_work_with_the_test_ca_as_extra_roots() {
    let Some(dovecot) = Dovecot::start_tls() else {
        return;
    };
    dovecot.append("INBOX", &message("klacht over tls")).await;
    let ca = dovecot.ca();
    for url in [
        dovecot.imaps_url("127.0.0.1", "INBOX"),
        dovecot.imaps_url("localhost", "INBOX"),
        dovecot.starttls_url("localhost", "INBOX"),
    ] {
        let mut mailbox = Mailbox::connect(&url, Some(&ca))
            .await
            .unwrap_or_else(|e| panic!("{url}: {e}\n{}", dovecot.log()));
        let fetched = mailbox.fetch_new().await.unwrap();
        assert_eq!(fetched.len(), 1, "{url}");
        assert_eq!(subject(&fetched[0].raw), "klacht over tls");
        mailbox.logout().await.unwrap();
    }
    // Without the test CA the certificate is not trusted.
    for url in [
        dovecot.imaps_url("localhost", "INBOX"),
        dovecot.starttls_url("localhost", "INBOX"),
    ] {
        let error = Mailbox::connect(&url, None).await.unwrap_err();
        assert!(matches!(error, ImapError::Tls { .. }), "{url}: {error:?}");
        assert!(
            error.to_string().contains("UnknownIssuer"),
            "{url}: {error}"
        );
    }
}
