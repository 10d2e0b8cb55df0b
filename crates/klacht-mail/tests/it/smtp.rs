//! SMTP against a real server: aiosmtpd (Python) as a child process, writing a Maildir.
//!
//! The server comes from `support/smtpd.rs` (shared with `crates/klacht/tests/it/mail.rs`).
//! Without aiosmtpd the server tests print a SKIPPED line and pass, unless `KLACHT_REQUIRE_SMTP=1`
//! (CI), where a missing server is a failure.

use crate::support::smtpd;

use std::path::PathBuf;

use klacht_mail::{Address, Mail, MailError, Mailer};
use mail_parser::MessageParser;
use smtpd::SmtpServer;

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
    let Some(server) = SmtpServer::start(smtpd::MAILBOX) else {
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
    let port = smtpd::free_port();
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
    let Some(server) = SmtpServer::start(smtpd::CHOOSY) else {
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
