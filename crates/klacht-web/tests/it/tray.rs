//! The post tray (issue 17; T2, T5, T12, K10): mail that did not join a dossier by itself,
//! worked by the coordinator in the back office — made a complaint (by e-mail, written, received
//! when the mail came in, acknowledged as the web form), added to an existing complaint, or
//! marked not a complaint with a reason. Others do not see it.

use crate::support::app::{self, TestApp, staff_user};
use crate::support::desk::Desk;
use jiff::Timestamp;
use klacht_app::mail_in::{self, Incoming, Outcome};
use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::json;

const NOW: &str = "2026-05-04T12:00:00+02:00";

async fn start() -> TestApp {
    app::builtin("template", NOW.parse().unwrap(), app::PublicUrl::Test).await
}

/// Takes `raw` in as the mailbox would; the message's id in the tray.
async fn arrives(app: &TestApp, key: &str, raw: &str) -> i64 {
    let outcome = mail_in::take(
        &app.state,
        Incoming {
            source: "imap://klachten@mail.example.nl/INBOX".into(),
            key: Some(key.into()),
            arrived_at: Some("2026-05-04T08:30:00+02:00".parse::<Timestamp>().unwrap()),
            raw: raw.replace('\n', "\r\n").into_bytes(),
        },
    )
    .await
    .unwrap();
    match outcome {
        Outcome::Tray(id) => id,
        other => panic!("expected the tray: {other:?}"),
    }
}

const HTML_COMPLAINT: &str = "From: Els de Wit <els@example.nl>
To: klachten@voorbeeld.nl
Subject: Klacht over de telefoon
Message-ID: <els-1@example.nl>
Date: Mon, 04 May 2026 08:29:00 +0200
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<html><body><p>Niemand nam op, drie dagen lang.</p><script>alert('x')</script></body></html>
";

#[tokio::test]
async fn t02_k10_a_complaint_by_email_is_made_from_the_tray_received_when_the_mail_came_and_acknowledged()
 {
    let app = start().await;
    let (_, secret) = staff_user(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (hans, _) = staff_user(&app, "h@x.nl", "Hans", &[Role::Handler]).await;
    let id = arrives(&app, "1:1", HTML_COMPLAINT).await;
    let mut carla = Desk::sign_in(&app, "c@x.nl", secret.as_deref()).await;

    let tray = carla.get("/beheer/postvak").await;
    assert_eq!(tray.status, StatusCode::OK);
    assert!(
        tray.body.contains("Klacht over de telefoon"),
        "{}",
        tray.body
    );
    assert!(
        tray.body.contains("Els de Wit &#60;els@example.nl&#62;"),
        "{}",
        tray.body
    );
    let dashboard = carla.get("/beheer").await.body;
    assert!(dashboard.contains("href=\"/beheer/postvak\""));
    assert!(
        dashboard.contains("1 e-mail in het postvak wacht op u"),
        "{dashboard}"
    );

    let page = carla.get(&format!("/beheer/postvak/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Niemand nam op, drie dagen lang."),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<script>alert"), "{}", page.body);
    assert!(
        !page.body.contains("alert('x')"),
        "scripts are not text either"
    );
    assert!(page.body.contains("value=\"Els de Wit\""));
    assert!(page.body.contains("value=\"els@example.nl\""));

    // Others do not read the tray.
    let mut henk = Desk::sign_in(&app, "h@x.nl", None).await;
    assert_eq!(
        henk.get("/beheer/postvak").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        henk.get(&format!("/beheer/postvak/{id}")).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(
        !henk
            .get("/beheer")
            .await
            .body
            .contains("href=\"/beheer/postvak\"")
    );
    let _ = hans;

    // A name is needed; nothing is made without it.
    let csrf = page.csrf();
    let bad = carla
        .post(
            &format!("/beheer/postvak/{id}/klacht"),
            &[
                ("csrf", &csrf),
                ("name", ""),
                ("email", "els@example.nl"),
                ("description", "Niemand nam op."),
                ("language", "nl"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains("id=\"name-error\""), "{}", bad.body);

    let made = carla
        .post(
            &format!("/beheer/postvak/{id}/klacht"),
            &[
                ("csrf", &csrf),
                ("name", "Els de Wit"),
                ("email", "els@example.nl"),
                ("description", "Niemand nam op, drie dagen lang."),
                ("language", "nl"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let to = made.location.unwrap();
    let reference = to
        .trim_start_matches("/beheer/klachten/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let token = app
        .staff_token("api@x.nl", "Api", &[Role::Coordinator])
        .await;
    let d = app.dossier(&token, &reference).await;
    assert_eq!(d["channel"], "email", "{d}");
    assert_eq!(d["form"], "written", "{d}");
    assert_eq!(d["received_at"], "2026-05-04T06:30:00Z", "{d}");
    assert_eq!(d["status"], "acknowledged", "{d}");
    assert_eq!(d["received_by"]["name"], "Carla", "{d}");

    // Out of the tray; a second click finds it dealt with.
    assert!(
        !carla
            .get("/beheer/postvak")
            .await
            .body
            .contains("Klacht over de telefoon")
    );
    let again = carla
        .post(
            &format!("/beheer/postvak/{id}/klacht"),
            &[
                ("csrf", &csrf),
                ("name", "Els de Wit"),
                ("email", "els@example.nl"),
                ("description", "Niemand nam op."),
            ],
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.body
    );
    assert!(
        again
            .body
            .contains("Dit bericht is intussen afgehandeld; het staat niet meer in het postvak."),
        "{}",
        again.body
    );
    assert!(
        again.body.contains(&format!("Klacht gemaakt: {reference}")),
        "{}",
        again.body
    );
    assert!(
        !again.body.contains("action=\"/beheer/postvak/"),
        "no forms any more"
    );
}

#[tokio::test]
async fn t12_a_reply_the_intake_could_not_tie_is_added_by_hand_and_junk_is_marked_not_a_complaint()
{
    let app = start().await;
    let (_, secret) = staff_user(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let token = app
        .staff_token("api@x.nl", "Api", &[Role::Coordinator])
        .await;
    let reference = app
        .register_complaint(
            &token,
            json!({"name": "Jan Jansen", "email": "jan@example.nl", "phone": "0612345678",
                   "description": "De balie was dicht.", "channel": "phone"}),
        )
        .await;
    // From another address than the complaint's: not threaded by itself.
    let reply = arrives(
        &app,
        "1:2",
        &format!(
            "From: Jan Jansen <jan.werk@example.com>\nTo: klachten@voorbeeld.nl\n\
             Subject: Re: uw klacht {reference}\nMessage-ID: <jan-2@example.com>\n\
             Content-Type: text/plain; charset=utf-8\n\nIk mail vanaf mijn werk: het was op dinsdag.\n"
        ),
    )
    .await;
    let junk = arrives(
        &app,
        "1:3",
        "From: Nieuwsbrief <info@winkel.example>\nTo: klachten@voorbeeld.nl\n\
         Subject: Aanbieding\nMessage-ID: <ad-1@winkel.example>\n\
         Content-Type: text/plain; charset=utf-8\n\nKoop nu!\n",
    )
    .await;
    let mut carla = Desk::sign_in(&app, "c@x.nl", secret.as_deref()).await;
    let page = carla.get(&format!("/beheer/postvak/{reply}")).await;
    let csrf = page.csrf();

    let unknown = carla
        .post(
            &format!("/beheer/postvak/{reply}/toevoegen"),
            &[("csrf", &csrf), ("reference", "2026-9999")],
        )
        .await;
    assert_eq!(
        unknown.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        unknown.body
    );
    assert!(
        unknown.body.contains("id=\"reference-error\""),
        "{}",
        unknown.body
    );
    let added = carla
        .post(
            &format!("/beheer/postvak/{reply}/toevoegen"),
            &[("csrf", &csrf), ("reference", &reference)],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let d = app.dossier(&token, &reference).await;
    let mail: Vec<&serde_json::Value> = d["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "complainant_added")
        .collect();
    assert_eq!(mail.len(), 1, "{d}");
    assert_eq!(
        mail[0]["text"],
        "Ik mail vanaf mijn werk: het was op dinsdag."
    );
    assert_eq!(mail[0]["mail"]["by_hand"], true);
    let dossier = carla.get(&format!("/beheer/klachten/{reference}")).await;
    assert!(
        dossier
            .body
            .contains("Vanuit het postvak aan dit dossier toegevoegd")
    );

    let no_reason = carla
        .post(
            &format!("/beheer/postvak/{junk}/geen-klacht"),
            &[("csrf", &csrf), ("reason", " ")],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        no_reason.body.contains("id=\"reason-error\""),
        "{}",
        no_reason.body
    );
    let marked = carla
        .post(
            &format!("/beheer/postvak/{junk}/geen-klacht"),
            &[("csrf", &csrf), ("reason", "Reclame")],
        )
        .await;
    assert_eq!(marked.status, StatusCode::SEE_OTHER);
    let tray = carla.get("/beheer/postvak?gedaan=1").await;
    assert!(tray.body.contains("Het bericht is afgehandeld."));
    assert!(tray.body.contains("Er wacht geen e-mail."), "{}", tray.body);
}

/// T12: mail about a complaint that was marked a duplicate joins the complaint it was joined
/// to, where it is handled; the duplicate's own dossier stays as it was.
#[tokio::test]
async fn t12_mail_naming_a_duplicate_joins_the_complaint_it_was_joined_to() {
    let app = start().await;
    let token = app
        .staff_token("c@x.nl", "Carla", &[Role::Coordinator])
        .await;
    let complaint = json!({"name": "Jan Jansen", "email": "jan@example.nl", "phone": "0612345678",
                           "description": "De balie was dicht.", "channel": "phone"});
    let original = app.register_complaint(&token, complaint.clone()).await;
    let twice = app.register_complaint(&token, complaint).await;
    app.step(&token, &twice, "mark-duplicate", json!({"of": original}))
        .await;
    let raw = format!(
        "From: jan@example.nl\nTo: klachten@voorbeeld.nl\nSubject: Klacht {twice}: aanvulling\n\
         Message-ID: <jan-dup@example.nl>\nContent-Type: text/plain; charset=utf-8\n\n\
         Het was op dinsdag.\n"
    );
    let outcome = mail_in::take(
        &app.state,
        Incoming {
            source: "import".into(),
            key: None,
            arrived_at: None,
            raw: raw.replace('\n', "\r\n").into_bytes(),
        },
    )
    .await
    .unwrap();
    match outcome {
        Outcome::Threaded(_, r) => assert_eq!(r.to_string(), original),
        other => panic!("expected the original's dossier: {other:?}"),
    }
    let added = |d: &serde_json::Value| {
        d["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == "complainant_added")
            .count()
    };
    assert_eq!(added(&app.dossier(&token, &original).await), 1);
    assert_eq!(added(&app.dossier(&token, &twice).await), 0);
}
