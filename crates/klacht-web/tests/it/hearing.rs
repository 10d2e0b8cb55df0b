//! The hearing of the complainant (Awb 9:10) under the built-in `awb`: a decision waits for it,
//! the step works over the API and as a back-office form, the dossier shows it and the decision
//! letter refers to it.

use crate::support::app::{self, TestApp, staff_user};
use crate::support::desk::Desk;

use jiff::Timestamp;
use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::json;

/// Friday 1 May 2026, 09:00 in Amsterdam.
const NOW: &str = "2026-05-01T09:00:00+02:00";

async fn start() -> TestApp {
    app::builtin("awb", NOW.parse().unwrap(), app::PublicUrl::Test).await
}

async fn person(app: &TestApp, email: &str, name: &str, roles: &[Role]) -> (String, Desk) {
    let (id, secret) = staff_user(app, email, name, roles).await;
    let token = app.store.create_token(id, Timestamp::now()).await.unwrap();
    let desk = Desk::sign_in(app, email, secret.as_deref()).await;
    (token, desk)
}

async fn submitted_and_assigned(app: &TestApp, token: &str) -> String {
    let (s, v) = app
        .post(
            "/api/v1/public/complaints",
            None::<&str>,
            json!({"name": "Jan Jansen", "email": "jan@example.nl",
                   "description": "Aan de balie werd ik afgesnauwd.", "privacy_accepted": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let reference = v["reference"].as_str().unwrap().to_owned();
    app.step(token, &reference, "assign", json!({"handler": "h@x.nl"}))
        .await;
    reference
}

#[tokio::test]
async fn awb_9_10_the_api_refuses_a_decision_until_the_complainant_is_heard() {
    let app = start().await;
    let (coord, _) = person(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (handler, _) = person(&app, "h@x.nl", "Hanna", &[Role::Handler]).await;
    let reference = submitted_and_assigned(&app, &coord).await;
    let decide = json!({"outcome": "gegrond", "decision": "U heeft gelijk."});

    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{reference}/decide"),
            handler.as_str(),
            decide.clone(),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
    let text = v.to_string();
    assert!(text.contains("De klager is nog niet gehoord."), "{text}");
    assert!(text.contains("record-complainant-hearing"), "{text}");

    // Waived needs its ground; an unknown answer is named.
    let path = format!("/api/v1/complaints/{reference}/record-complainant-hearing");
    let (s, v) = app
        .post(&path, handler.as_str(), json!({"hearing": "waived"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v.to_string().contains("ground"), "{v}");
    let (s, v) = app
        .post(&path, handler.as_str(), json!({"hearing": "maybe"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v.to_string().contains("hearing"), "{v}");
    // Not in the future.
    let (s, v) = app
        .post(
            &path,
            handler.as_str(),
            json!({"hearing": "held", "on": "2026-05-04"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");

    // Offered alone is not enough.
    app.step(
        &handler,
        &reference,
        "record-complainant-hearing",
        json!({"hearing": "offered", "on": "2026-04-27"}),
    )
    .await;
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{reference}/decide"),
            handler.as_str(),
            decide.clone(),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");

    app.step(
        &handler,
        &reference,
        "record-complainant-hearing",
        json!({"hearing": "waived", "ground": "not_wished", "note": "Telefonisch laten weten."}),
    )
    .await;
    let dossier = app.step(&handler, &reference, "decide", decide).await;
    assert_eq!(dossier["status"], "decided", "{dossier}");
    let kinds: Vec<&str> = dossier["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .filter(|k| *k == "complainant_hearing_recorded")
        .collect();
    assert_eq!(kinds.len(), 2, "{dossier}");

    let letters = app
        .mail_to_before("jan@example.nl", "2026-05-02T00:00:00Z".parse().unwrap())
        .await;
    let decision = letters
        .iter()
        .find(|m| m.subject == format!("Ons oordeel over uw klacht {reference}"))
        .expect("the decision letter");
    assert!(
        decision
            .body
            .contains("U hebt laten weten dat u niet gehoord wilt worden.\n\nOns oordeel: Gegrond"),
        "{}",
        decision.body
    );
}

#[tokio::test]
async fn awb_9_10_the_back_office_records_the_hearing_and_the_dossier_shows_it() {
    let app = start().await;
    let (coord, mut carla) = person(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (_, _) = person(&app, "h@x.nl", "Hanna", &[Role::Handler]).await;
    let reference = submitted_and_assigned(&app, &coord).await;

    let dossier = carla.get(&format!("/beheer/klachten/{reference}")).await;
    let path = format!("/beheer/klachten/{reference}/stap/record-complainant-hearing");
    assert!(
        dossier.body.contains(&format!("{path}\"")),
        "{}",
        dossier.body
    );
    let form = carla.get(&path).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(
        form.body.contains("Horen van de klager vastleggen"),
        "{}",
        form.body
    );
    assert!(
        form.body.contains("de klager wil niet gehoord worden"),
        "{}",
        form.body
    );
    let (csrf, version) = (form.csrf(), form.input("version").unwrap());
    // Waived without a ground: said on the page, nothing stored.
    let r = carla
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("hearing", "waived"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("Geef aan waarom van horen is afgezien"),
        "{}",
        r.body
    );
    let r = carla
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("hearing", "held"),
                ("on", "2026-04-30"),
                ("note", "Gesprek op het stadskantoor."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let page = carla.get(&format!("/beheer/klachten/{reference}")).await;
    for expected in [
        "Horen van de klager",
        "gehoord",
        "30 april 2026",
        "Gesprek op het stadskantoor.",
    ] {
        assert!(page.body.contains(expected), "{expected}: {}", page.body);
    }
    let v = app.dossier(&coord, &reference).await;
    let entry = v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "complainant_hearing_recorded")
        .expect("on the timeline")
        .clone();
    assert_eq!(entry["hearing"], "held", "{entry}");
    assert_eq!(entry["on"], "2026-04-30", "{entry}");
}
