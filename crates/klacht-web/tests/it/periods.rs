//! Everything else has a period too (issue 15, item 5; K8, T10): the retention round removes
//! the read log, mail that is not a letter with its `mail-*.eml` copies and stored files no
//! dossier refers to once past the profile's periods, keeps the rest, and on a dry run removes
//! nothing; `POST /api/v1/retention/run` says what went.

use crate::support::app::{self, TestApp};
use klacht_core::Role;
use klacht_store::{NewMail, PurgedRows};
use klacht_web::documents;
use reqwest::StatusCode;
use serde_json::json;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// The template with a read log of one month and mail kept a week.
fn profile_source() -> String {
    let src = klacht_core::profile::builtin_source("template").unwrap();
    assert!(src.contains("months_after_close = 24"));
    src.replacen(
        "months_after_close = 24",
        "months_after_close = 24\nread_log_months = 1\nmail_days = 7",
        1,
    )
}

async fn start(now: &str) -> TestApp {
    let src = profile_source();
    let profile = klacht_core::profile::parse(&src).unwrap();
    app::start(
        &src,
        profile,
        now.parse().unwrap(),
        app::PublicUrl::Test,
        |_| {},
    )
    .await
}

fn set_mtime(path: &Path, at: SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(at)
        .unwrap();
}

/// A valid PDF of `size` bytes.
fn pdf(size: usize) -> Vec<u8> {
    let mut b = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    b.resize(size - 6, b' ');
    b.extend_from_slice(b"\n%%EOF");
    b
}

#[tokio::test]
async fn k08_the_round_removes_what_is_past_its_period_keeps_the_rest_and_a_dry_run_nothing() {
    let app = start("2026-03-02T10:00:00Z").await;
    let token = app
        .staff_token("cora@example.org", "Cora", &[Role::Coordinator])
        .await;
    // Read on 2 March (past the month by 15 June) and on 15 June.
    let reference = app
        .register_complaint(
            &token,
            json!({"name": "Jan Klager", "phone": "0201234567", "description": "Niet teruggebeld.", "channel": "phone"}),
        )
        .await;
    app.dossier(&token, &reference).await;
    app.set_clock("2026-06-15T10:00:00Z");
    app.dossier(&token, &reference).await;
    // A set-password mail sent on 2 March.
    let march: jiff::Timestamp = "2026-03-02T10:00:00Z".parse().unwrap();
    app.store
        .enqueue_mail(
            &NewMail {
                event: None,
                to: "hans@example.org".into(),
                to_name: Some("Hans".into()),
                subject: "Stel uw wachtwoord in".into(),
                body: "Via deze link …".into(),
                language: klacht_core::Lang::Nl,
            },
            march,
        )
        .await
        .unwrap();
    let claimed = app
        .store
        .claim_mail(march, jiff::SignedDuration::from_mins(10), 10)
        .await
        .unwrap();
    let link = claimed.iter().find(|m| m.to == "hans@example.org").unwrap();
    app.store.mail_sent(link.id, march).await.unwrap();
    // The outbox: a copy of mail of no complaint from 1 May (past the week) and one from
    // 14 June, and a complaint's letter from January (it goes with its complaint).
    let outbox = app.dir.path().join("outbox");
    std::fs::create_dir_all(&outbox).unwrap();
    let at = |s: &str| SystemTime::from(s.parse::<jiff::Timestamp>().unwrap());
    for (name, when) in [
        ("mail-0123456789abcdef.eml", "2026-05-01T10:00:00Z"),
        ("mail-fedcba9876543210.eml", "2026-06-14T10:00:00Z"),
        ("2026-0001-0011223344556677.eml", "2026-01-05T10:00:00Z"),
    ] {
        let path = outbox.join(name);
        std::fs::write(&path, b"From: klachten@example.org\r\n\r\nTekst\r\n").unwrap();
        set_mtime(&path, at(when));
    }
    // The documents: a file no dossier refers to, two days old, and one just stored.
    let old = documents::store(&app.documents, &pdf(3000)).await.unwrap();
    let old = documents::path_of(&app.documents, &old);
    set_mtime(&old, SystemTime::now() - Duration::from_secs(48 * 3600));
    let fresh = documents::store(&app.documents, &pdf(4000)).await.unwrap();
    let fresh = documents::path_of(&app.documents, &fresh);

    let state = app.state.clone().with_outbox(outbox.clone());
    let expected = klacht_app::privacy::Purged {
        rows: PurgedRows {
            reads: 1,
            mail: 1,
            ..PurgedRows::default()
        },
        mail_copies: 1,
        uploads: 1,
        failed: None,
    };
    let files = || {
        let mut names: Vec<String> = std::fs::read_dir(&outbox)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        (names, old.exists(), fresh.exists())
    };
    let reads = async || app.store.reads(1, 10).await.unwrap().len();
    let all = vec![
        "2026-0001-0011223344556677.eml".to_owned(),
        "mail-0123456789abcdef.eml".to_owned(),
        "mail-fedcba9876543210.eml".to_owned(),
    ];

    // A dry run says what would go and removes nothing.
    let dry = klacht_app::privacy::round(&state, true).await.unwrap();
    assert_eq!(dry.purged, expected);
    assert_eq!(files(), (all.clone(), true, true));
    assert_eq!(reads().await, 2);

    let round = klacht_app::privacy::round(&state, false).await.unwrap();
    assert_eq!(round.purged, expected);
    assert_eq!(
        files(),
        (
            vec![
                "2026-0001-0011223344556677.eml".to_owned(),
                "mail-fedcba9876543210.eml".to_owned(),
            ],
            false,
            true
        )
    );
    assert_eq!(reads().await, 1);
    let mail = app
        .store
        .claim_mail(
            "2026-06-15T10:00:00Z".parse().unwrap(),
            jiff::SignedDuration::from_mins(10),
            10,
        )
        .await
        .unwrap();
    assert!(mail.iter().all(|m| m.to != "hans@example.org"), "{mail:?}");

    // Over the API: nothing more to remove; the answer says so per kind.
    let (status, body) = app
        .post("/api/v1/retention/run", &token, json!({"dry_run": false}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["purged"],
        json!({
            "sessions": 0, "account_links": 0, "api_tokens": 0, "reads": 0, "account_log": 0,
            "notices": 0, "mail": 0, "requests": 0, "mail_copies": 0, "uploads": 0,
            "failed": null
        })
    );
}
