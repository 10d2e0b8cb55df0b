//! The regulation's versions (T11, T16): adopted over the API with the date they take effect, a
//! complaint handled under the version in force on the day it was received, the public list of
//! versions, and a second instance that follows an adoption without a restart.

use crate::support::app::{self, TestApp};
use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

const NOW: &str = "2026-12-07T12:00:00+01:00";

async fn app() -> TestApp {
    app::builtin("template", NOW.parse().unwrap(), app::PublicUrl::Test).await
}

/// The template as version `2027-1`, its answer term ten working days instead of five.
fn longer_answer() -> String {
    let source = klacht_core::profile::builtin_source("template").unwrap();
    let old = "working_days = 5\nfrom = \"receipt\"\nmet_by = \"decide\"";
    assert!(source.contains(old), "the template's answer term moved");
    source
        .replace("version = \"2025-1\"", "version = \"2027-1\"")
        .replace(
            old,
            "working_days = 10\nfrom = \"receipt\"\nmet_by = \"decide\"",
        )
        .replace(
            "uiterlijk binnen 5 werkdagen beantwoord",
            "uiterlijk binnen 10 werkdagen beantwoord",
        )
}

async fn register(app: &TestApp, token: &str, received_at: &str) -> String {
    app.register_complaint(
        token,
        json!({"name": "Jan Jansen", "email": "jan@example.nl",
               "description": "De vrijwilliger kwam niet opdagen.",
               "channel": "phone", "received_at": received_at}),
    )
    .await
}

async fn answer_due(app: &TestApp, token: &str, reference: &str) -> String {
    let d = app.dossier(token, reference).await;
    d["deadlines"]["answer"]["due"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn t16_a_version_adopted_for_a_later_date_applies_to_complaints_received_from_that_date() {
    let app = app().await;
    let coord = app
        .staff_token("c@x.nl", "Carla", &[Role::Coordinator])
        .await;
    // Before: received on Monday 7 December, five working days.
    let before = register(&app, &coord, "2026-12-07T09:00:00+01:00").await;
    assert_eq!(answer_due(&app, &coord, &before).await, "2026-12-14");

    let (status, v) = app
        .post(
            "/api/v1/regulation/versions",
            &coord,
            json!({"toml": longer_answer(), "adopted_on": "2027-01-01",
                   "note": "Bestuursbesluit van 1 december 2026"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(v["version"], "2027-1");
    assert_eq!(v["state"], "adopted");
    assert_eq!(v["adopted_on"], "2027-01-01");
    assert_eq!(v["in_force"], false);
    assert_eq!(v["note"], "Bestuursbesluit van 1 december 2026");
    assert!(
        v["toml"]
            .as_str()
            .unwrap()
            .contains("\nadopted_on = 2027-01-01\n"),
        "the text carries the adoption date it was adopted with"
    );
    let new_id = v["id"].as_i64().unwrap();

    let list = app.get_ok("/api/v1/regulation/versions", &coord).await;
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["version"], "2025-1");
    assert_eq!(list[0]["in_force"], true);
    assert_eq!(list[0]["in_force_until"], "2027-01-01");
    assert_eq!(list[1]["version"], "2027-1");
    assert_eq!(list[1]["in_force"], false);
    assert_eq!(list[1]["in_force_until"], Value::Null);

    // Still December: a new complaint is under the version in force, not the adopted one.
    let december = register(&app, &coord, "2026-12-07T11:00:00+01:00").await;
    assert_eq!(answer_due(&app, &coord, &december).await, "2026-12-14");

    // January: a complaint received on 28 December and registered now keeps the old version
    // (New Year's Day is no working day); one received on 4 January gets the new one.
    app.set_clock("2027-01-05T09:00:00+01:00");
    let late = register(&app, &coord, "2026-12-28T16:00:00+01:00").await;
    assert_eq!(answer_due(&app, &coord, &late).await, "2027-01-05");
    let january = register(&app, &coord, "2027-01-04T10:00:00+01:00").await;
    assert_eq!(answer_due(&app, &coord, &january).await, "2027-01-18");
    // And the first keeps its own.
    assert_eq!(answer_due(&app, &coord, &before).await, "2026-12-14");

    let page = app.page("/klachtenregeling", &[]).await;
    assert!(page.body.contains("Versie 2027-1"), "{}", page.body);
    let list = app.get_ok("/api/v1/regulation/versions", &coord).await;
    assert_eq!(list[1]["id"].as_i64(), Some(new_id));
    assert_eq!(list[1]["in_force"], true);
    assert_eq!(list[0]["in_force"], false);
}

#[tokio::test]
async fn t16_a_bad_version_gets_every_error_with_its_line_and_nothing_is_stored() {
    let app = app().await;
    let coord = app
        .staff_token("c@x.nl", "Carla", &[Role::Coordinator])
        .await;
    let bad = longer_answer()
        .replace("working_days = 10", "working_days = -3")
        .replace(
            "months_after_close = 24",
            "months_after_close = \"twee jaar\"",
        );
    let (status, v) = app
        .post("/api/v1/regulation/versions", &coord, json!({"toml": bad}))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let text = v.to_string();
    let expected_lines: Vec<usize> = bad
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("working_days = -3") || l.contains("\"twee jaar\""))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(expected_lines.len(), 2);
    for line in expected_lines {
        assert!(
            text.contains(&format!("line {line}, column")),
            "{line}: {text}"
        );
    }
    // No TOML at all, and a date that is none.
    let (status, v) = app
        .post(
            "/api/v1/regulation/versions",
            &coord,
            json!({"adopted_on": "2027-02-30"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v.to_string().contains("toml"), "{v}");
    assert!(v.to_string().contains("adopted_on"), "{v}");

    let list = app.get_ok("/api/v1/regulation/versions", &coord).await;
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn t16_a_version_label_is_adopted_once_and_the_same_text_twice_is_one_version() {
    let app = app().await;
    let coord = app
        .staff_token("c@x.nl", "Carla", &[Role::Coordinator])
        .await;
    let (status, first) = app
        .post(
            "/api/v1/regulation/versions",
            &coord,
            json!({"toml": longer_answer(), "adopted_on": "2027-01-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let (status, again) = app
        .post(
            "/api/v1/regulation/versions",
            &coord,
            json!({"toml": longer_answer(), "adopted_on": "2027-01-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["id"], first["id"]);
    // Another text under the same label: refused, with a label to use instead.
    let (status, v) = app
        .post(
            "/api/v1/regulation/versions",
            &coord,
            json!({"toml": longer_answer(), "adopted_on": "2027-02-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v.to_string().contains("\\\"2027-2\\\""), "{v}");
}

#[tokio::test]
async fn t16_a_toml_body_with_the_date_in_the_query_is_taken_as_it_is() {
    let app = app().await;
    let coord = app
        .staff_token("c@x.nl", "Carla", &[Role::Coordinator])
        .await;
    let res = app
        .http
        .post(app.url("/api/v1/regulation/versions?adopted_on=2026-12-07"))
        .bearer_auth(&coord)
        .header("content-type", "application/toml")
        .body(longer_answer())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["adopted_on"], "2026-12-07");
    assert_eq!(v["in_force"], true, "it takes effect today");
    let exported = app
        .get_ok(&format!("/api/v1/regulation/versions/{}", v["id"]), &coord)
        .await;
    assert_eq!(exported["toml"], v["toml"]);
    let (status, _) = app.get("/api/v1/regulation/versions/999", &coord).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn t16_only_the_coordinator_or_the_administrator_adopts_a_version() {
    let app = app().await;
    let handler = app
        .staff_token("h@x.nl", "Henk", &[Role::Handler, Role::Board])
        .await;
    let admin = app.staff_token("a@x.nl", "Ada", &[Role::Admin]).await;
    let (status, v) = app
        .post(
            "/api/v1/regulation/versions",
            &handler,
            json!({"toml": longer_answer()}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{v}");
    assert!(
        v.to_string()
            .contains("Only the complaints coordinator or the administrator"),
        "{v}"
    );
    let list = app.get_ok("/api/v1/regulation/versions", &handler).await;
    assert_eq!(
        list.as_array().unwrap().len(),
        1,
        "reading is for all staff"
    );
    let (status, v) = app
        .post(
            "/api/v1/regulation/versions",
            &admin,
            json!({"toml": longer_answer(), "adopted_on": "2027-01-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let (status, _) = app
        .post(
            "/api/v1/regulation/versions",
            None::<&str>,
            json!({"toml": longer_answer()}),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn t16_the_public_list_of_versions_says_when_each_applies() {
    let app = app().await;
    let coord = app
        .staff_token("c@x.nl", "Carla", &[Role::Coordinator])
        .await;
    let (status, v) = app
        .post(
            "/api/v1/regulation/versions",
            &coord,
            json!({"toml": longer_answer(), "adopted_on": "2027-01-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let new_id = v["id"].as_i64().unwrap();

    let page = app.page("/klachtenregeling/versies", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = &page.body;
    assert!(
        html.contains("<h1>Versies van de klachtenregeling</h1>"),
        "{html}"
    );
    let later = page.body.find(">2027-1</a>").unwrap();
    let earlier = page.body.find(">2025-1</a>").unwrap();
    assert!(later < earlier, "the latest first");
    let row_2027 = &html[later..earlier];
    assert!(row_2027.contains("<td>1 januari 2027</td>"), "{row_2027}");
    assert!(row_2027.contains("<td>Gaat nog in</td>"), "{row_2027}");
    let row_2025 = &html[earlier..];
    assert!(row_2025.contains("<td>1 januari 2025</td>"), "{row_2025}");
    assert!(row_2025.contains("<td>31 december 2026</td>"), "{row_2025}");
    assert!(row_2025.contains("<td>Geldt nu</td>"), "{row_2025}");

    let page = app
        .page(&format!("/klachtenregeling/versies/{new_id}"), &[])
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(
            "Deze versie van de klachtenregeling gaat in op 1 januari 2027. Tot dan geldt de huidige versie."
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains("Versie 2027-1"));
    let page = app
        .page(
            &format!("/klachtenregeling/versies/{new_id}"),
            &[("accept-language", "en")],
        )
        .await;
    assert!(
        page.body
            .contains("This version of the complaints procedure takes effect on 1 January 2027."),
        "{}",
        page.body
    );

    // In January the earlier one is past, and says from when until when it applied.
    app.set_clock("2027-01-01T00:00:01+01:00");
    let page = app.page("/klachtenregeling/versies/1", &[]).await;
    assert!(
        page.body.contains(
            "Dit is een eerdere versie van de klachtenregeling. Zij gold van 1 januari 2025 tot en met 31 december 2026."
        ),
        "{}",
        page.body
    );
    let page = app.page("/klachtenregeling", &[]).await;
    assert!(page.body.contains("Versie 2027-1"));
    assert!(page.body.contains("href=\"/klachtenregeling/versies\""));

    for missing in [
        "/klachtenregeling/versies/999",
        "/klachtenregeling/versies/x",
    ] {
        assert_eq!(app.page(missing, &[]).await.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn t16_a_version_adopted_on_one_instance_is_followed_by_another_without_a_restart() {
    let a = app().await;
    let url = format!("sqlite://{}", a.dir.path().join("klacht.db").display());
    let second = klacht_store_any::Store::connect(&url).await.unwrap();
    let source = klacht_core::profile::builtin_source("template").unwrap();
    let b = app::start_on(
        tempfile::tempdir().unwrap(),
        second,
        source,
        klacht_core::profile::parse(source).unwrap(),
        NOW.parse().unwrap(),
        app::PublicUrl::Test,
        |_| {},
    )
    .await;
    let coord = a.staff_token("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let renamed = longer_answer().replace(
        "name = \"Stichting Voorbeeld\"",
        "name = \"Stichting Buurtwerk\"",
    );
    let (status, v) = a
        .post(
            "/api/v1/regulation/versions",
            &coord,
            json!({"toml": renamed, "adopted_on": "2026-12-06"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert!(
        a.page("/klachtenregeling", &[])
            .await
            .body
            .contains("Stichting Buurtwerk"),
        "the instance that adopted it at once"
    );
    // The other instance, within a few seconds, without a restart.
    let mut seen = false;
    for _ in 0..50 {
        if b.page("/klachtenregeling", &[])
            .await
            .body
            .contains("Stichting Buurtwerk")
        {
            seen = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(seen, "the second instance never showed the adopted version");
}

#[tokio::test]
async fn t16_the_coordinator_writes_a_draft_sees_what_changes_and_adopts_it_in_the_back_office() {
    use crate::support::desk::Desk;
    let app = app().await;
    let (_, secret) = app::staff_user(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    app::staff_user(&app, "h@x.nl", "Henk", &[Role::Handler]).await;

    // Not for the handler: no menu item, and a refusal that says whose it is.
    let mut henk = Desk::sign_in(&app, "h@x.nl", None).await;
    assert!(!henk.get("/beheer").await.body.contains("/beheer/regeling"));
    let refused = henk.get("/beheer/regeling").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains(
        "Alleen de klachtencoördinator of de beheerder legt versies van de klachtenregeling vast."
    ));

    let mut carla = Desk::sign_in(&app, "c@x.nl", secret.as_deref()).await;
    assert!(
        carla
            .get("/beheer")
            .await
            .body
            .contains("<a href=\"/beheer/regeling\">Klachtenregeling</a>")
    );
    let list = carla.get("/beheer/regeling").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(">template 2025-1</a>"), "{}", list.body);
    assert!(list.body.contains("<td>Geldt nu</td>"));

    // The form starts from the version in force.
    let form = carla.get("/beheer/regeling/nieuw").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains("U begint met de tekst van <strong>template 2025-1</strong>.")
    );
    assert!(
        form.body.contains("version = &#34;2025-1&#34;"),
        "{}",
        form.body
    );
    let csrf = form.csrf();

    // A mistake: said with its line, the text kept as typed, nothing stored.
    let bad = longer_answer().replace("working_days = 10", "working_days = \"tien\"");
    let line = bad.lines().position(|l| l.contains("\"tien\"")).unwrap() + 1;
    let sent = carla
        .post(
            "/beheer/regeling/nieuw",
            &[
                ("csrf", &csrf),
                ("toml", &bad.replace('\n', "\r\n")),
                ("note", "Langere termijn"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        sent.body.contains(&format!("regel {line}, kolom ")),
        "{}",
        sent.body
    );
    assert!(sent.body.contains("working_days = &#34;tien&#34;"));
    assert!(sent.body.contains("value=\"Langere termijn\""));

    // Saved as a draft: its page shows what changes against the version in force.
    let sent = carla
        .post(
            "/beheer/regeling/nieuw",
            &[
                ("csrf", &csrf),
                ("toml", &longer_answer().replace('\n', "\r\n")),
                ("note", "Langere termijn"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let path = sent.location.unwrap();
    assert_eq!(path, "/beheer/regeling/2");
    let draft = carla.get(&path).await;
    assert_eq!(draft.status, StatusCode::OK);
    assert!(
        draft.body.contains("<h1>template 2027-1</h1>"),
        "{}",
        draft.body
    );
    assert!(draft.body.contains("<dd>Concept</dd>"));
    assert!(draft.body.contains("Verschil met template 2025-1"));
    assert!(
        draft
            .body
            .contains("<del>- version = &#34;2025-1&#34;</del>"),
        "{}",
        draft.body
    );
    let diff = &draft.body[draft.body.find("class=\"diff\"").unwrap()..];
    assert!(
        diff.contains("<ins>+ version = &#34;2027-1&#34;</ins>"),
        "{diff}"
    );
    assert!(draft.body.contains("<del>- working_days = 5</del>"));
    assert!(draft.body.contains("<ins>+ working_days = 10</ins>"));
    // Not public while a draft.
    assert_eq!(
        app.page("/klachtenregeling/versies/2", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let preview = carla.get("/beheer/regeling/2/voorbeeld").await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(
        preview.body.contains("binnen 10 werkdagen"),
        "{}",
        preview.body
    );

    // Adopting asks for the board's decision to be ticked, then takes the date.
    let csrf = draft.csrf();
    let unticked = carla
        .post(
            "/beheer/regeling/2/vaststellen",
            &[("csrf", &csrf), ("adopted_on", "2027-01-01"), ("note", "")],
        )
        .await;
    assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unticked
            .body
            .contains("Vink aan dat het bestuur deze versie heeft vastgesteld.")
    );
    let adopted = carla
        .post(
            "/beheer/regeling/2/vaststellen",
            &[
                ("csrf", &csrf),
                ("adopted_on", "2027-01-01"),
                ("note", "Bestuursbesluit van 1 december 2026"),
                ("confirm", "yes"),
            ],
        )
        .await;
    assert_eq!(adopted.status, StatusCode::SEE_OTHER, "{}", adopted.body);
    let page = carla.get("/beheer/regeling/2").await;
    assert!(page.body.contains("<dd>Gaat nog in</dd>"), "{}", page.body);
    assert!(page.body.contains("<dd>1 januari 2027</dd>"));
    assert!(
        page.body
            .contains("<dd>Bestuursbesluit van 1 december 2026</dd>")
    );
    assert!(page.body.contains("adopted_on = 2027-01-01"));
    assert!(
        !page.body.contains("/vaststellen"),
        "adopted: no form any more"
    );
    assert_eq!(
        app.page("/klachtenregeling/versies/2", &[]).await.status,
        StatusCode::OK
    );

    // A draft can be discarded.
    let sent = carla
        .post(
            "/beheer/regeling/nieuw",
            &[
                ("csrf", &csrf),
                (
                    "toml",
                    &format!(
                        "{}\n# probeersel",
                        longer_answer().replace("2027-1", "2027-2")
                    ),
                ),
                ("note", ""),
            ],
        )
        .await;
    let path = sent.location.unwrap();
    let gone = carla
        .post(&format!("{path}/verwijderen"), &[("csrf", &csrf)])
        .await;
    assert_eq!(gone.status, StatusCode::SEE_OTHER);
    assert_eq!(carla.get(&path).await.status, StatusCode::NOT_FOUND);
}

/// The template with the organisation's own details everywhere the example's stood.
fn own_details() -> String {
    klacht_core::profile::builtin_source("template")
        .unwrap()
        .replace("version = \"2025-1\"", "version = \"2026-1\"")
        .replace("Stichting Voorbeeld", "Stichting De Brug")
        .replace("klachten@voorbeeld.nl", "klachten@debrug.nl")
        .replace("020 123 45 67", "030 765 43 21")
        .replace(
            "Voorbeeldstraat 1, 1234 AB Amsterdam",
            "Brugstraat 2, 3511 AA Utrecht",
        )
        .replace("https://www.voorbeeld.nl", "https://www.debrug.nl")
}

#[tokio::test]
async fn the_pages_say_example_details_are_shown_until_the_organisations_own_are_adopted() {
    use crate::support::desk::Desk;
    let app = app().await;
    let (_, secret) = app::staff_user(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    for path in ["/", "/klachtenregeling", "/klachtenregeling/versies"] {
        let page = app.page(path, &[]).await;
        assert!(
            page.body.contains("<strong>Voorbeeldgegevens.</strong> Deze site toont nog de gegevens van een voorbeeldorganisatie"),
            "{path}: {}",
            page.body
        );
    }
    let page = app.page("/", &[("accept-language", "en")]).await;
    assert!(page.body.contains("<strong>Example details.</strong>"));
    let mut carla = Desk::sign_in(&app, "c@x.nl", secret.as_deref()).await;
    let home = carla.get("/beheer").await;
    assert!(
        home.body
            .contains("De klachtenregeling toont nog voorbeeldgegevens")
    );
    assert!(
        home.body
            .contains("<li><code>organisation.email</code>: klachten@voorbeeld.nl</li>"),
        "{}",
        home.body
    );
    assert!(
        home.body
            .contains("href=\"/beheer/inrichten\">Vul de eigen gegevens in: klacht inrichten")
    );

    let token = app
        .staff_token("c2@x.nl", "Carla", &[Role::Coordinator])
        .await;
    let (status, v) = app
        .post(
            "/api/v1/regulation/versions",
            &token,
            json!({"toml": own_details(), "adopted_on": "2026-12-01"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let page = app.page("/", &[]).await;
    assert!(!page.body.contains("Voorbeeldgegevens"), "{}", page.body);
    assert!(page.body.contains("Stichting De Brug"));
    assert!(
        !carla
            .get("/beheer")
            .await
            .body
            .contains("voorbeeldgegevens")
    );
}

/// Any two versions can be compared in the back office, not only a draft with the version in
/// force: the coordinator who wants to know what changed between last year's and this year's
/// regulation picks the other version on the page.
#[tokio::test]
async fn t16_the_back_office_compares_a_version_with_any_other() {
    use crate::support::desk::Desk;
    let app = app().await;
    let (id, secret) = app::staff_user(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let coord = app
        .store
        .create_token(id, jiff::Timestamp::now())
        .await
        .unwrap();
    let longer = longer_answer();
    let kept_longer = longer
        .replace("version = \"2027-1\"", "version = \"2027-2\"")
        .replace("months_after_close = 24", "months_after_close = 36");
    for (toml, on) in [(&longer, "2027-01-01"), (&kept_longer, "2027-02-01")] {
        let (status, v) = app
            .post(
                "/api/v1/regulation/versions",
                &coord,
                json!({"toml": toml, "adopted_on": on}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{v}");
    }
    let mut carla = Desk::sign_in(&app, "c@x.nl", secret.as_deref()).await;

    // By default against the version in force (2025-1): both changes show.
    let page = carla.get("/beheer/regeling/3").await;
    assert!(
        page.body.contains("Verschil met template 2025-1"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<ins>+ working_days = 10</ins>"));
    assert!(page.body.contains("<ins>+ months_after_close = 36</ins>"));
    assert!(
        page.body
            .contains("<label class=\"label\" for=\"met\">Vergelijken met</label>")
    );

    // Against 2027-1: only what 2027-2 changed.
    let page = carla.get("/beheer/regeling/3?met=2").await;
    assert!(
        page.body.contains("Verschil met template 2027-1"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<del>- months_after_close = 24</del>"));
    assert!(page.body.contains("<ins>+ months_after_close = 36</ins>"));
    assert!(
        !page.body.contains("working_days = 10</ins>"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("<option value=\"2\" selected>template 2027-1</option>")
    );

    // The version in force itself: a choice, no comparison until one is chosen; a version that
    // does not exist is ignored.
    for path in [
        "/beheer/regeling/1",
        "/beheer/regeling/1?met=99",
        "/beheer/regeling/1?met=x",
    ] {
        let page = carla.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(
            page.body.contains("Vergelijken met een andere versie"),
            "{path}"
        );
        assert!(!page.body.contains("class=\"diff\""), "{path}");
    }
    let page = carla.get("/beheer/regeling/1?met=3").await;
    assert!(
        page.body.contains("Verschil met template 2027-2"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<del>- months_after_close = 36</del>"));
}
