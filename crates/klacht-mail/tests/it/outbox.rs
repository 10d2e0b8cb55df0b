//! The outbox against a real directory: what it writes is a complete message, once per Message-ID.

use std::fs;
use std::path::{Path, PathBuf};

use klacht_mail::{Address, Mail, Mailer};
use mail_parser::MessageParser;

fn letter(message_id: &str) -> Mail {
    Mail {
        from: Address::new("Stichting Voorbeeld", "klachten@voorbeeld.nl"),
        reply_to: None,
        to: Address::new("Anna Jansen", "anna@example.nl"),
        subject: "Uw klacht — één ontvangstbevestiging".to_owned(),
        body: "Beste mevrouw Jansen,\n\nWij hebben uw klacht ontvangen. Ü ß € 🙂\n".to_owned(),
        language: "nl".to_owned(),
        reference: Some("2026-0042".to_owned()),
        message_id: message_id.to_owned(),
    }
}

fn eml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("outbox dir exists")
        .map(|entry| entry.expect("dir entry").path())
        .collect();
    files.sort();
    files
}

#[tokio::test]
async fn send_writes_one_eml_that_parses_back() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // A directory that does not exist yet: the outbox creates it.
    let dir = tmp.path().join("outbox");
    let mailer = Mailer::from_config(None, dir.clone()).expect("outbox");
    let mail = letter("klacht.2026-0042.1.1@klachten.voorbeeld.nl");

    let sent = mailer.send(&mail).await.expect("written");

    let files = eml_files(&dir);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(sent.detail, files[0].display().to_string());
    let name = files[0]
        .file_name()
        .and_then(|name| name.to_str())
        .expect("UTF-8 name");
    assert!(
        name.ends_with(".eml") && name.starts_with("2026-0042-"),
        "{name}"
    );

    let bytes = fs::read(&files[0]).expect("readable");
    let parsed = MessageParser::default().parse(&bytes).expect("parses");
    let to = parsed.to().and_then(|to| to.first()).expect("To");
    assert_eq!(to.address(), Some("anna@example.nl"));
    assert_eq!(to.name(), Some("Anna Jansen"));
    assert_eq!(parsed.subject(), Some(mail.subject.as_str()));
    assert_eq!(parsed.message_id(), Some(mail.message_id.as_str()));
    let body = parsed.body_text(0).expect("text body");
    assert_eq!(body.replace("\r\n", "\n"), mail.body);
}

#[tokio::test]
async fn sending_the_same_message_twice_leaves_one_file() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mailer = Mailer::from_config(None, tmp.path().to_path_buf()).expect("outbox");
    let mail = letter("klacht.2026-0042.2.1@klachten.voorbeeld.nl");

    let first = mailer.send(&mail).await.expect("first");
    let second = mailer.send(&mail).await.expect("retry");

    assert_eq!(first.detail, second.detail);
    assert_eq!(eml_files(tmp.path()).len(), 1);

    let other = letter("klacht.2026-0042.3.1@klachten.voorbeeld.nl");
    mailer.send(&other).await.expect("another letter");
    assert_eq!(eml_files(tmp.path()).len(), 2);
}

#[tokio::test]
async fn unwritable_outbox_is_a_transient_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    // A file where the directory should be.
    let blocker = tmp.path().join("outbox");
    fs::write(&blocker, b"not a directory").expect("write");
    let mailer = Mailer::from_config(None, blocker).expect("outbox");

    let error = mailer
        .send(&letter("klacht.x.1@klachten.voorbeeld.nl"))
        .await
        .expect_err("cannot write");
    assert!(!error.is_permanent(), "{error}");
    assert!(error.to_string().contains("outbox"), "{error}");
}

/// A line break or other control character in a name or subject (it came from outside: a
/// complainant's form) is an error of that one message, never a panic of the sender.
#[tokio::test]
async fn control_characters_in_names_and_subjects_fail_the_message_and_nothing_panics() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let bad = [
        "Jan\nJansen",
        "Jan\rJansen",
        "Jan\r\nBcc: x@example.org",
        "Jan\u{0}",
        "Jan\u{7f}",
    ];
    for text in bad {
        let mut to_name = letter("klacht.2026-0001.1@klacht.test");
        to_name.to.name = Some(text.to_owned());
        let mut from_name = letter("klacht.2026-0001.2@klacht.test");
        from_name.from.name = Some(text.to_owned());
        let mut subject = letter("klacht.2026-0001.3@klacht.test");
        subject.subject = text.to_owned();
        for mail in [to_name, from_name, subject] {
            let mailer = Mailer::from_config(None, dir.path().to_path_buf()).expect("an outbox");
            let sent = tokio::spawn(async move { mailer.send(&mail).await }).await;
            let result = sent.unwrap_or_else(|_| panic!("sending panicked on {text:?}"));
            let err = result.expect_err(&format!("{text:?} was accepted"));
            assert!(err.is_permanent(), "{text:?}: {err}");
        }
    }
    assert!(eml_files(dir.path()).is_empty());
}

/// Letters hold personal data: only klacht's own user may read them, whatever the umask.
#[cfg(unix)]
#[tokio::test]
async fn letters_and_the_outbox_are_private_to_klachts_user() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("outbox");
    let mailer = Mailer::from_config(None, dir.clone()).expect("outbox");
    mailer
        .send(&letter("klacht.2026-0042.4.1@klachten.voorbeeld.nl"))
        .await
        .expect("written");
    let mode = |p: &Path| {
        format!(
            "{:o}",
            fs::metadata(p).expect("metadata").permissions().mode() & 0o777
        )
    };
    assert_eq!(mode(&dir), "700", "the outbox directory");
    let files = eml_files(&dir);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(mode(&files[0]), "600", "the .eml file");
}
