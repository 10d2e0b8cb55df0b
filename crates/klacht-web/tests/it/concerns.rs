//! Who the complaint is about, recorded or changed on any complaint through the API and the back
//! office (T8, K3, K5, K6, K11): a web complaint afterwards, a volunteer without an account, a
//! handler who turns out to be the one complained about.

use crate::backoffice::{entries, timeline_of};
use crate::support::app::{self, TestApp, staff_user};
use crate::support::desk::Desk;

use jiff::Timestamp;
use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

const NOW: &str = "2026-05-04T09:00:00+02:00";

async fn start(profile: &str) -> TestApp {
    app::builtin(profile, NOW.parse().unwrap(), app::PublicUrl::Test).await
}

/// The coordinator (with the board role where the regulation requires it), signed in to the
/// back office, and an API token for them.
async fn coordinator(app: &TestApp, roles: &[Role]) -> (Desk, String) {
    let (id, secret) = staff_user(app, "coord@example.org", "Carla Coördinator", roles).await;
    let token = app.store.create_token(id, Timestamp::now()).await.unwrap();
    (
        Desk::sign_in(app, "coord@example.org", secret.as_deref()).await,
        token,
    )
}

/// A complaint through the public form: its reference.
async fn web_complaint(app: &TestApp) -> String {
    let (s, v) = app
        .post(
            "/api/v1/public/complaints",
            None::<&str>,
            json!({"name": "Jan Jansen", "email": "jan@example.nl",
                   "description": "De gastheer was onvriendelijk.", "privacy_accepted": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v["reference"].as_str().unwrap().to_owned()
}

fn phone_complaint() -> Value {
    json!({"name": "Jan Jansen", "email": "jan@example.nl", "phone": "0612345678",
        "description": "De begeleider kwam niet opdagen.", "channel": "phone"})
}

fn kinds(v: &Value) -> Vec<String> {
    v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn k03_a_handler_who_becomes_the_person_complained_about_can_no_longer_open_the_dossier_or_act()
 {
    let app = start("template").await;
    let (mut carla, token) = coordinator(&app, &[Role::Coordinator]).await;
    let hans = app
        .staff_token("hans@example.org", "Hans Handler", &[Role::Handler])
        .await;
    let reference = app.register_complaint(&token, phone_complaint()).await;
    app.step(
        &token,
        &reference,
        "assign",
        json!({"handler": "hans@example.org"}),
    )
    .await;
    app.step(
        &hans,
        &reference,
        "add-note",
        json!({"text": "Hans belt de klager."}),
    )
    .await;
    assert_eq!(app.dossier(&hans, &reference).await["view"], "full");

    let v = app
        .step(
            &token,
            &reference,
            "record-concerns",
            json!({"staff": "hans@example.org"}),
        )
        .await;
    assert_eq!(v["concerns"]["name"], "Hans Handler");
    assert_eq!(v["needs_new_handler"], true);

    // At once: the restricted view of the one complained about, without the handling notes,
    // and not one step.
    let seen = app.dossier(&hans, &reference).await;
    assert_eq!(seen["view"], "involved");
    assert!(!kinds(&seen).contains(&"note_added".to_owned()), "{seen}");
    assert_eq!(seen["allowed_actions"], json!([]));
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{reference}/add-note"),
            &hans,
            json!({"text": "Ik handel het zelf af."}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");

    // Refused as handler, and the dossier says a new one is needed.
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{reference}/assign"),
            &token,
            json!({"handler": "hans@example.org"}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    let page = carla.get(&format!("/beheer/klachten/{reference}")).await;
    assert!(
        page.body.contains(
            "De klacht gaat nu over de behandelaar, Hans Handler. Die kan haar niet meer behandelen (K3): wijs een nieuwe behandelaar toe."
        ),
        "{}",
        page.body
    );
    let assign = carla
        .get(&format!("/beheer/klachten/{reference}/stap/assign"))
        .await;
    assert!(!assign.body.contains("hans@example.org"), "{}", assign.body);
}

#[tokio::test]
async fn k05_k06_a_volunteer_without_an_account_on_a_web_complaint_is_informed_and_heard_on_the_timeline()
 {
    let app = start("template").await;
    let (mut carla, token) = coordinator(&app, &[Role::Coordinator]).await;
    let reference = web_complaint(&app).await;
    let dossier = format!("/beheer/klachten/{reference}");
    let page = carla.get(&dossier).await;
    assert!(
        page.body.contains(&format!(
            "<dt>Over wie gaat de klacht</dt><dd>Niemand in het bijzonder <a href=\"/beheer/klachten/{reference}/stap/record-concerns\">Vastleggen of wijzigen</a></dd>"
        )),
        "{}",
        page.body
    );

    // Recorded afterwards, in the back office's form: a volunteer without an account.
    let path = format!("/beheer/klachten/{reference}/stap/record-concerns");
    let form = carla.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Naam van iemand zonder account"));
    let (csrf, version) = (form.csrf(), form.input("version").unwrap());
    let r = carla
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("staff", ""),
                ("name", "Piet Vrijwilliger"),
                ("role", "gastheer"),
                ("contact", "06 9876 5432"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = carla.get(&dossier).await;
    assert!(
        page.body
            .contains("<dd>Piet Vrijwilliger (gastheer, zonder account, 06 9876 5432) <a"),
        "{}",
        page.body
    );

    // K5: no account, so no notice; the form asks how he was told.
    let path = format!("/beheer/klachten/{reference}/stap/inform-involved");
    let form = carla.get(&path).await;
    assert!(form.body.contains("Hoe ingelicht"), "{}", form.body);
    let (csrf, version) = (form.csrf(), form.input("version").unwrap());
    let r = carla
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("via", "phone"),
                ("note", "Gebeld en de klacht voorgelezen."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // K6: heard, over the API.
    app.step(
        &token,
        &reference,
        "record-hearing",
        json!({"summary": "Piet herkent het.", "held_on": "2026-05-04"}),
    )
    .await;
    let notices = app
        .store
        .notices(app.user_id("coord@example.org").await, None, 100)
        .await
        .unwrap();
    assert!(
        notices.iter().all(|n| n.kind == "new_complaint"),
        "{:?}",
        notices.iter().map(|n| &n.kind).collect::<Vec<_>>()
    );

    let page = carla.get(&dossier).await;
    let timeline = timeline_of(&page.body);
    let ours: Vec<_> = timeline
        .into_iter()
        .filter(|(k, _)| {
            [
                "Vastgelegd over wie de klacht gaat",
                "Betrokkene geïnformeerd",
                "Betrokkene gehoord",
            ]
            .contains(&k.as_str())
        })
        .collect();
    assert_eq!(
        ours,
        entries(&[
            (
                "Vastgelegd over wie de klacht gaat",
                &[
                    ("Hoe bereikbaar (telefoon, e-mail of adres)", "06 9876 5432"),
                    (
                        "Over wie gaat de klacht",
                        "Piet Vrijwilliger (zonder account)"
                    ),
                    ("Rol of functie", "gastheer"),
                ]
            ),
            (
                "Betrokkene geïnformeerd",
                &[
                    ("Betrokkene", "Piet Vrijwilliger"),
                    ("Toelichting", "Gebeld en de klacht voorgelezen."),
                    ("Via", "telefoon"),
                ]
            ),
            (
                "Betrokkene gehoord",
                &[
                    ("Gehouden op", "4 mei 2026"),
                    ("Betrokkene", "Piet Vrijwilliger"),
                    ("Samenvatting", "Piet herkent het."),
                ]
            ),
        ])
    );
}

#[tokio::test]
async fn t08_record_concerns_takes_exactly_one_of_staff_name_or_nobody() {
    let app = start("template").await;
    let (_, token) = coordinator(&app, &[Role::Coordinator]).await;
    let reference = web_complaint(&app).await;
    for body in [
        json!({}),
        json!({"staff": "coord@example.org", "name": "Piet"}),
        json!({"name": "Piet", "nobody": true}),
        json!({"staff": "niemand@example.org"}),
    ] {
        let (s, v) = app
            .post(
                &format!("/api/v1/complaints/{reference}/record-concerns"),
                &token,
                body.clone(),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {v}");
    }
    let v = app.dossier(&token, &reference).await;
    assert_eq!(v["concerns"], Value::Null);
    assert_eq!(v["concerns_person"], Value::Null);
    let v = app
        .step(
            &token,
            &reference,
            "record-concerns",
            json!({"name": "Piet Vrijwilliger", "role": "gastheer"}),
        )
        .await;
    assert_eq!(
        v["concerns_person"],
        json!({"name": "Piet Vrijwilliger", "role": "gastheer", "contact": null})
    );
    let v = app
        .step(
            &token,
            &reference,
            "record-concerns",
            json!({"nobody": true}),
        )
        .await;
    assert_eq!(v["concerns_person"], Value::Null);
    assert_eq!(
        kinds(&v)
            .iter()
            .filter(|k| *k == "concerns_recorded")
            .count(),
        2
    );
}

#[tokio::test]
async fn k11_sign_off_follows_the_current_person_and_one_without_an_account_signs_on_paper() {
    let app = start("kjrw").await;
    let (_, token) = coordinator(&app, &[Role::Coordinator, Role::Board]).await;
    let vera = app
        .staff_token("vera@example.org", "Vera Vrijwilliger", &[Role::Staff])
        .await;
    let mut body = phone_complaint();
    body["concerns"] = json!("vera@example.org");
    let reference = app.register_complaint(&token, body).await;
    // It turns out to be about a volunteer without an account.
    app.step(
        &token,
        &reference,
        "record-concerns",
        json!({"name": "Piet Vrijwilliger"}),
    )
    .await;
    let (s, _) = app
        .get(&format!("/api/v1/complaints/{reference}"), &vera)
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "Vera no longer sees it");
    app.step(
        &token,
        &reference,
        "classify",
        json!({"categories": ["a"], "severity": "normal"}),
    )
    .await;
    app.step(
        &token,
        &reference,
        "decide",
        json!({"outcome": "gegrond", "decision": "De klacht is terecht."}),
    )
    .await;

    // The coordinator's own signature; Piet's is still owed and needs the date he signed.
    let v = app.step(&token, &reference, "sign-off", json!({})).await;
    assert_eq!(v["sign_offs"].as_array().unwrap().len(), 1);
    assert_eq!(v["sign_offs"][0]["capacity"], "coordinator");
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{reference}/sign-off"),
            &token,
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let v = app
        .step(
            &token,
            &reference,
            "sign-off",
            json!({"involved_signed_on": "2026-05-04"}),
        )
        .await;
    assert_eq!(v["sign_offs"][1]["capacity"], "involved");
    assert_eq!(v["sign_offs"][1]["signed_on"], "2026-05-04");
    assert_eq!(v["sign_offs"][1]["by"]["name"], "Carla Coördinator");
    let v = app.step(&token, &reference, "close", json!({})).await;
    assert_eq!(v["status"], "closed");
}

/// K3, K8: a complaint first recorded as about a volunteer without an account and then as about
/// a staff member: that staff member reads that it is about them, never the volunteer's name
/// from the earlier record, in the dossier (API and back office) or by searching.
#[tokio::test]
async fn k03_the_person_it_is_about_now_does_not_read_who_it_was_recorded_about_before() {
    let app = start("template").await;
    let (_, token) = coordinator(&app, &[Role::Coordinator]).await;
    let (hans_id, hans_secret) =
        staff_user(&app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    let hans = app
        .store
        .create_token(hans_id, Timestamp::now())
        .await
        .unwrap();
    let reference = web_complaint(&app).await;
    app.step(
        &token,
        &reference,
        "record-concerns",
        json!({"name": "Piet Vrijwilliger", "role": "gastheer", "contact": "06-11112222"}),
    )
    .await;
    let v = app
        .step(
            &token,
            &reference,
            "record-concerns",
            json!({"staff": "hans@example.org"}),
        )
        .await;
    assert_eq!(v["concerns"]["name"], "Hans Handler");
    // The coordinator keeps the whole history.
    assert!(v.to_string().contains("Piet Vrijwilliger"), "{v}");

    let seen = app.dossier(&hans, &reference).await;
    assert_eq!(seen["view"], "involved");
    assert!(!seen.to_string().contains("Piet"), "{seen}");
    let mut desk = Desk::sign_in(&app, "hans@example.org", hans_secret.as_deref()).await;
    let page = desk.get(&format!("/beheer/klachten/{reference}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("Piet"), "{}", page.body);
    let found = desk.get("/beheer?q=Vrijwilliger").await;
    assert!(!found.body.contains(&reference), "{}", found.body);
}
