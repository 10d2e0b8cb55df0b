//! Setting an organisation up (issue 16, A; T16): the first-start link leads to one form with the
//! organisation, the regulation to start from, the channels, the adoption date, the first
//! coordinator with every role that regulation requires of one, and a deputy. Afterwards the
//! public pages and the letters are the organisation's own.

use crate::support::app::{self, PASSWORD, TestApp};
use crate::support::desk::Desk;
use klacht_core::Role;
use klacht_store::VersionState;
use reqwest::StatusCode;
use serde_json::json;

/// Monday 7 December 2026, 10:00 in Amsterdam.
const NOW: &str = "2026-12-07T10:00:00+01:00";

async fn app(seed: &str) -> TestApp {
    app::builtin(seed, NOW.parse().unwrap(), app::PublicUrl::Test).await
}

async fn link_path(app: &TestApp) -> String {
    let link = klacht_web::first_start_link(&app.state)
        .await
        .unwrap()
        .expect("a new installation has a first-start link");
    link.strip_prefix("http://klacht.test").unwrap().to_owned()
}

/// The form of "Stichting De Brug" as a coordinator fills it in, starting from `regulation`.
fn de_brug(regulation: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("org_name", "Stichting De Brug"),
        ("org_email", "klachten@debrug.nl"),
        ("org_phone", "071 512 34 56"),
        ("org_address", "Kade 4, 2311 AA Leiden"),
        ("org_website", "https://www.debrug.nl"),
        ("regulation", regulation),
        ("channels", "web"),
        ("channels", "email"),
        ("channels", "letter"),
        ("adopted_on", "2026-11-30"),
        ("name", "Carla de Vries"),
        ("email", "carla@debrug.nl"),
        ("password", PASSWORD),
        ("password_again", PASSWORD),
        ("deputy_name", "Dirk Jansen"),
        ("deputy_email", "dirk@debrug.nl"),
    ]
}

#[tokio::test]
async fn t16_the_first_start_link_sets_the_organisation_up_under_its_own_name() {
    let app = app("template").await;
    let path = link_path(&app).await;
    let mut d = Desk::new(&app);
    let form = d.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("<h1>klacht inrichten</h1>"),
        "{}",
        form.body
    );
    assert!(
        form.body
            .contains("Modelregeling voor goede doelen en stichtingen")
    );
    assert!(form.body.contains("Zorgaanbieder (Wkkgz)"));

    let done = d.post(&path, &de_brug("template")).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location.as_deref(), Some("/beheer/inrichten/klaar"));
    assert!(d.session().is_some(), "signed in at once");

    // One version, the organisation's, adopted by the coordinator on the date given; the example
    // the installation started with is gone from the list.
    let versions = app.store.versions().await.unwrap();
    assert_eq!(versions.len(), 1, "{versions:?}");
    let v = &versions[0];
    assert_eq!(
        (
            v.name.as_str(),
            v.version.as_str(),
            v.adopted_on.to_string()
        ),
        ("template", "2026-1", "2026-11-30".to_owned())
    );
    assert_eq!(v.state, VersionState::Adopted);
    let carla = app
        .store
        .user_by_email("carla@debrug.nl")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(v.adopted_by, Some(carla.id));
    assert_eq!(
        carla.roles,
        [Role::Coordinator, Role::Admin].into_iter().collect()
    );
    let dirk = app
        .store
        .user_by_email("dirk@debrug.nl")
        .await
        .unwrap()
        .expect("the deputy has an account");
    assert_eq!(dirk.roles, [Role::Deputy].into_iter().collect());

    // The public pages: the organisation's name, no example banner, only the channels chosen,
    // with the organisation's own contact details.
    let home = app.page("/", &[]).await;
    assert!(home.body.contains("Stichting De Brug"), "{}", home.body);
    assert!(!home.body.contains("Voorbeeldgegevens"), "{}", home.body);
    assert!(!home.body.contains("voorbeeld.nl"), "{}", home.body);
    assert!(
        home.body
            .contains("Stichting De Brug, t.a.v. de klachtencoördinator, Kade 4, 2311 AA Leiden"),
        "{}",
        home.body
    );
    let regulation = app.page("/klachtenregeling", &[]).await;
    assert!(regulation.body.contains("klachten@debrug.nl"));
    let loaded = app.state.regulation();
    let channels: Vec<&str> = loaded
        .profile
        .channels
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(channels, ["web", "email", "letter"]);
    assert!(!loaded.shows_examples());
    assert_eq!(loaded.example_sender(), None);

    // The public list of versions starts with the organisation's own.
    let list = app.page("/klachtenregeling/versies", &[]).await;
    assert!(list.body.contains("2026-1"), "{}", list.body);
    assert!(!list.body.contains("2025-1"), "{}", list.body);

    // The link is spent.
    assert_eq!(Desk::new(&app).get(&path).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn t16_under_kjrw_the_first_coordinator_gets_the_board_role_the_regulation_requires() {
    let app = app("template").await;
    let path = link_path(&app).await;
    let mut d = Desk::new(&app);
    let done = d.post(&path, &de_brug("kjrw")).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let carla = app
        .store
        .user_by_email("carla@debrug.nl")
        .await
        .unwrap()
        .unwrap();
    // kjrw: "coordinator_must_be = board".
    assert_eq!(
        carla.roles,
        [Role::Coordinator, Role::Board, Role::Admin]
            .into_iter()
            .collect()
    );
    let loaded = app.state.regulation();
    assert_eq!(loaded.profile.name, "kjrw");
    // The law shop's own name replaces the one kjrw was written for, in its texts too.
    let regulation = app.page("/klachtenregeling", &[]).await;
    assert!(regulation.body.contains("Stichting De Brug"));
    assert!(!regulation.body.contains("Jongerenrechtswinkel Leiden"));
    assert!(!regulation.body.contains("KJRW"), "{}", regulation.body);

    // She can act (before, every step was refused for want of the board role): a complaint
    // registered over the API is hers to acknowledge.
    let token = app
        .state
        .store
        .create_token(carla.id, app.now())
        .await
        .unwrap();
    let reference = app
        .register_complaint(
            &token,
            json!({"name": "Sem Bakker", "email": "sem@example.nl",
                   "description": "Mijn vraag werd niet beantwoord.",
                   "date_of_birth": "2010-03-15", "channel": "email",
                   "received_at": "2026-12-07T09:00:00+01:00"}),
        )
        .await;
    let d = app
        .step(&token, &reference, "acknowledge", json!({"via": "email"}))
        .await;
    assert_eq!(d["status"], "acknowledged", "{d}");
}

#[tokio::test]
async fn t16_a_set_up_with_mistakes_says_each_at_its_field_and_the_link_still_works() {
    let app = app("template").await;
    let path = link_path(&app).await;
    let mut d = Desk::new(&app);
    let mut form: Vec<(&str, &str)> = de_brug("template")
        .into_iter()
        .filter(|(k, _)| !matches!(*k, "org_email" | "org_phone" | "adopted_on"))
        .collect();
    form.push(("channels", "phone"));
    form.push(("adopted_on", "30-11-2026"));
    let page = d.post(&path, &form).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "vul het adres in waar klagers naartoe schrijven en waar de brieven vandaan komen",
        "vul het telefoonnummer in, of bied klagen per telefoon niet aan",
        "vul de datum in waarop het bestuur de regeling vaststelde, zoals 2027-01-01",
    ] {
        assert!(page.body.contains(message), "{message}: {}", page.body);
    }
    // Each message links to its field, and what was typed is kept.
    assert!(page.body.contains("<a href=\"#org_email\">"));
    assert!(page.body.contains("<a href=\"#org_phone\">"));
    assert!(page.body.contains("value=\"Stichting De Brug\""));
    assert!(!app.store.has_users().await.unwrap());
    assert_eq!(app.store.versions().await.unwrap().len(), 1);
    assert_eq!(d.get(&path).await.status, StatusCode::OK);
}

#[tokio::test]
async fn t16_a_care_provider_names_its_own_disputes_body() {
    let app = app("template").await;
    let path = link_path(&app).await;
    let mut d = Desk::new(&app);
    let mut form = de_brug("wkkgz");
    let without = d.post(&path, &form).await;
    assert_eq!(without.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(without.body.contains("<a href=\"#disputes_body\">"));
    form.push(("disputes_body", "Geschilleninstantie Zorg Leiden"));
    form.push(("disputes_website", "https://www.gzl.nl"));
    let done = d.post(&path, &form).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let regulation = app.page("/klachtenregeling", &[]).await;
    assert!(
        regulation
            .body
            .contains("Geschilleninstantie Zorg Leiden (www.gzl.nl)")
    );
    assert!(
        !regulation.body.contains("Voorbeeld"),
        "{}",
        regulation.body
    );
    assert!(!app.state.regulation().shows_examples());
}

#[tokio::test]
async fn t16_a_coordinator_signed_in_before_the_set_up_finds_it_on_the_dashboard() {
    let app = app("template").await;
    let (_, secret) =
        app::staff_user(&app, "c@x.nl", "Carla", &[Role::Coordinator, Role::Admin]).await;
    let mut carla = Desk::sign_in(&app, "c@x.nl", secret.as_deref()).await;
    let home = carla.get("/beheer").await;
    assert!(home.body.contains("href=\"/beheer/inrichten\""));
    let form = carla.get("/beheer/inrichten").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(!form.body.contains("id=\"password\""), "no account part");
    let csrf = form.csrf();
    let mut sent: Vec<(&str, &str)> = de_brug("template")
        .into_iter()
        .filter(|(k, _)| !matches!(*k, "name" | "email" | "password" | "password_again"))
        .collect();
    sent.push(("csrf", &csrf));
    let done = carla.post("/beheer/inrichten", &sent).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = carla.get("/beheer/inrichten/klaar").await;
    assert!(
        page.body
            .contains("De klachtenregeling van <strong>Stichting De Brug</strong>: <strong>template 2026-1</strong>, geldt vanaf 30 november 2026."),
        "{}",
        page.body
    );
    // Done once: the set-up now leads to the versions.
    let again = carla.get("/beheer/inrichten").await;
    assert_eq!(again.location.as_deref(), Some("/beheer/regeling"));
    let home = carla.get("/beheer").await;
    assert!(!home.body.contains("voorbeeldgegevens"), "{}", home.body);
}
