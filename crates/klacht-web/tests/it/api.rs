//! The JSON API over real HTTP: a server on a random port, a fresh SQLite database per test, an
//! injected clock.

use crate::support::app::{self, TestApp};

use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

const NOW: &str = "2026-05-01T09:00:00+02:00";

/// The test app with the built-in `profile` at [`NOW`].
async fn app(profile: &str) -> App {
    App(app::builtin(profile, NOW.parse().unwrap(), app::PublicUrl::Test).await)
}

/// The test app with this module's shorthands.
struct App(TestApp);

impl std::ops::Deref for App {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.0
    }
}

impl App {
    async fn user(&self, email: &str, name: &str, roles: &[Role]) -> String {
        self.staff_token(email, name, roles).await
    }

    async fn count(&self, token: &str) -> usize {
        let (s, v) = self.get("/api/v1/complaints?limit=500", token).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        v["items"].as_array().map_or(0, Vec::len)
    }

    async fn register(&self, token: &str, channel: &str, received_at: &str) -> String {
        self.register_complaint(
            token,
            json!({"name": "Jan Jansen", "email": "jan@example.nl", "description": "De vrijwilliger kwam niet opdagen.",
                   "channel": channel, "received_at": received_at}),
        )
        .await
    }
}

#[tokio::test]
async fn t05_t06_template_due_dates_over_christmas_and_kings_day() {
    let app = app("template").await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let r1 = app
        .register(&coord, "phone", "2025-12-23T10:00:00+01:00")
        .await;
    let (_, d) = app.get(&format!("/api/v1/complaints/{r1}"), &coord).await;
    assert_eq!(d["deadlines"]["acknowledge"]["due"], "2025-12-29");
    assert_eq!(d["deadlines"]["acknowledge"]["met_at"], Value::Null);
    assert_eq!(d["channel"], "phone");
    assert_eq!(d["form"], "oral");
    let r2 = app
        .register(&coord, "letter", "2026-04-22T10:00:00+02:00")
        .await;
    let (_, d) = app.get(&format!("/api/v1/complaints/{r2}"), &coord).await;
    assert_eq!(d["deadlines"]["answer"]["due"], "2026-04-30");
    assert_eq!(d["form"], "written");
    assert_eq!(r1, "2025-0001");
    assert_eq!(r2, "2026-0001");
}

#[tokio::test]
async fn k12_4_kjrw_settled_within_four_weeks_past_kings_day() {
    let app = app("kjrw").await;
    let coord = app
        .user("c@x.nl", "Carla", &[Role::Coordinator, Role::Board])
        .await;
    let r = app
        .register(&coord, "email", "2026-03-30T11:00:00+02:00")
        .await;
    let (_, d) = app.get(&format!("/api/v1/complaints/{r}"), &coord).await;
    assert_eq!(d["deadlines"]["settle"]["due"], "2026-04-28");
    assert!(d["deadlines"].get("answer").is_none());
}

#[tokio::test]
async fn t02_t19_public_submission_is_stored_and_bad_input_names_every_field() {
    let app = app("template").await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (s, v) = app
        .post(
            "/api/v1/public/complaints",
            None::<&str>,
            json!({"name": "Ans", "phone": "06 1234 5678", "description": "Niet teruggebeld.", "privacy_accepted": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["reference"], "2026-0001");
    // Received Friday 1 May: Monday 4 May counts, Tuesday 5 May is Bevrijdingsdag.
    assert_eq!(v["deadlines"]["acknowledge"]["due"], "2026-05-06");

    // Wrong types, unknown and missing fields: one 422 that names each; nothing stored.
    let (s, v) = app
        .post(
            "/api/v1/public/complaints",
            None::<&str>,
            json!({"name": 12, "colour": "red", "description": "x", "privacy_accepted": false}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    for f in ["name", "colour", "email", "privacy_accepted"] {
        assert!(fields.contains(&f), "{f} in {v}");
    }
    let (s, _) = app
        .post("/api/v1/public/complaints", None::<&str>, json!({"name": "A", "email": "not-an-address", "description": "x", "privacy_accepted": true}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

    // Malformed JSON, not JSON, too large.
    let res = app
        .http
        .post(format!("{}/api/v1/public/complaints", app.base))
        .header("content-type", "application/json")
        .body("{\"name\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"], "malformed_json");
    let res = app
        .http
        .post(format!("{}/api/v1/public/complaints", app.base))
        .body("name=Jan")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let huge = "x".repeat(klacht_web::BODY_LIMIT + 10);
    let (s, _) = app
        .post(
            "/api/v1/public/complaints",
            None::<&str>,
            json!({"name": "A", "email": "a@b.nl", "description": huge, "privacy_accepted": true}),
        )
        .await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        app.count(&coord).await,
        1,
        "only the good complaint was stored"
    );
}

#[tokio::test]
async fn staff_api_refuses_bad_tokens_unknown_references_future_receipt_and_unknown_steps() {
    let app = app("template").await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (s, v) = app.get("/api/v1/complaints", "klacht_wrong").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(v["error"], "unauthorized");
    let res = app
        .http
        .get(format!("{}/api/v1/complaints", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert!(res.headers().contains_key("www-authenticate"));

    let (s, _) = app.get("/api/v1/complaints/2026-9999", &coord).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = app.get("/api/v1/complaints/../../etc", &coord).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    let (s, v) = app
        .post(
            "/api/v1/complaints",
            Some(&coord),
            json!({"name": "A", "email": "a@b.nl", "description": "x", "channel": "phone", "received_at": "2026-06-01T10:00:00+02:00"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v["details"].to_string().contains("received_at"), "{v}");
    let (s, v) = app
        .post(
            "/api/v1/complaints",
            Some(&coord),
            json!({"name": "A", "email": "a@b.nl", "description": "x", "channel": "fax"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["fields"][0]["field"], "channel");
    assert_eq!(app.count(&coord).await, 0);

    let r = app
        .register(&coord, "phone", "2026-04-30T10:00:00+02:00")
        .await;
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{r}/fly"),
            Some(&coord),
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(v["message"].as_str().unwrap().contains("sign-off"));
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{r}/close"),
            Some(&coord),
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(v["error"], "wrong_state");
    assert!(
        v["allowed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "decide")
    );
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{r}/assign"),
            Some(&coord),
            json!({"handler": 3}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
}

#[tokio::test]
async fn t12_a_stale_expected_version_is_refused_and_nothing_is_stored() {
    let app = app("template").await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let r = app
        .register(&coord, "phone", "2026-04-30T10:00:00+02:00")
        .await;
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{r}/add-note"),
            Some(&coord),
            json!({"text": "eerste", "expected_version": 1}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["version"], 2);
    // The answer to a step is the dossier as stored: the same as reading it back.
    let (_, stored) = app.get(&format!("/api/v1/complaints/{r}"), &coord).await;
    assert_eq!(v, stored);
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{r}/add-note"),
            Some(&coord),
            json!({"text": "tweede", "expected_version": 1}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(v["error"], "conflict");
    let (_, d) = app.get(&format!("/api/v1/complaints/{r}"), &coord).await;
    assert_eq!(d["timeline"].as_array().unwrap().len(), 2);
}

/// The whole KJRW procedure over the API, with the refusals the regulation demands.
#[tokio::test]
async fn kjrw_whole_procedure_over_the_api_with_k3_k11_t7_refusals() {
    let app = app("kjrw").await;
    let coord = app
        .user("coord@kjrw.nl", "Carla", &[Role::Coordinator, Role::Board])
        .await;
    let vol = app.user("vol@kjrw.nl", "Vera", &[Role::Staff]).await;
    let other = app.user("other@kjrw.nl", "Otto", &[Role::Staff]).await;
    let (s, v) = app
        .post(
            "/api/v1/complaints",
            Some(&coord),
            json!({"name": "Sam", "email": "sam@example.nl", "description": "Mijn vraag is verkeerd beantwoord.",
                   "channel": "in_person", "received_at": "2026-04-20T14:00:00+02:00", "concerns": "vol@kjrw.nl",
                   "received_where": "spreekuur", "on_behalf_of": "Kim (14)"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let r = v["reference"].as_str().unwrap().to_owned();
    let step = |action: &'static str, token: String, body: Value| {
        let app = &app;
        let r = r.clone();
        async move {
            app.post(
                &format!("/api/v1/complaints/{r}/{action}"),
                Some(&token),
                body,
            )
            .await
        }
    };

    // K3: the volunteer complained about sees a restricted dossier and cannot decide.
    let (s, d) = app.get(&format!("/api/v1/complaints/{r}"), &vol).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(d["view"], "involved");
    assert!(d["complainant"].get("email").is_none(), "{d}");
    let (s, e) = step(
        "decide",
        vol.clone(),
        json!({"outcome": "ongegrond", "decision": "x"}),
    )
    .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(e["error"], "conflict_of_interest");
    // Another volunteer cannot even see it.
    let (s, _) = app.get(&format!("/api/v1/complaints/{r}"), &other).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    assert_eq!(
        step("acknowledge", coord.clone(), json!({"via": "email"}))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        step("inform-involved", coord.clone(), json!({})).await.0,
        StatusCode::OK
    );
    assert_eq!(
        step(
            "record-hearing",
            coord.clone(),
            json!({"summary": "Vera legt uit wat er gebeurde."})
        )
        .await
        .0,
        StatusCode::OK
    );
    let (s, e) = step("classify", coord.clone(), json!({"categories": ["a", "z"]})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{e}");
    assert_eq!(
        step(
            "classify",
            coord.clone(),
            json!({"categories": ["a", "b"], "severity": "normal"})
        )
        .await
        .0,
        StatusCode::OK
    );
    assert_eq!(
        step(
            "record-measure",
            coord.clone(),
            json!({"description": "Extra intervisie voor vrijwilligers."})
        )
        .await
        .0,
        StatusCode::OK
    );
    let (s, d) = step(
        "decide",
        coord.clone(),
        json!({"outcome": "deels_gegrond", "decision": "Deels gegrond.", "via": "letter"}),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert!(d["deadlines"]["settle"]["met_at"].is_string());

    // K11: closing needs both signatures.
    let (s, e) = step("close", coord.clone(), json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(e["error"], "incomplete");
    assert_eq!(e["details"].as_array().unwrap().len(), 2, "{e}");
    assert_eq!(
        step("sign-off", vol.clone(), json!({})).await.0,
        StatusCode::OK
    );
    let (s, _) = step("sign-off", other.clone(), json!({})).await;
    assert_eq!(
        s,
        StatusCode::NOT_FOUND,
        "a stranger cannot even see the complaint"
    );
    assert_eq!(
        step("sign-off", coord.clone(), json!({})).await.0,
        StatusCode::OK
    );
    let (s, d) = step("close", coord.clone(), json!({})).await;
    assert_eq!(s, StatusCode::OK, "{d}");
    assert_eq!(d["status"], "closed");

    // The timeline is complete, and the dossier reads are logged.
    let (_, d) = app.get(&format!("/api/v1/complaints/{r}"), &coord).await;
    let kinds: Vec<&str> = d["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "registered",
            "acknowledged",
            "letter",
            "involved_informed",
            "hearing_recorded",
            "classified",
            "measure_recorded",
            "decided",
            // K7: in writing; without a postal address, by e-mail.
            "letter",
            "signed_off",
            "signed_off",
            "closed",
            // The satisfaction question.
            "letter"
        ]
    );
    // Each letter is queued for delivery with the step; none is sent yet (no sender runs here).
    let (_, d) = app.get(&format!("/api/v1/complaints/{r}"), &coord).await;
    let letters: Vec<&Value> = d["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "letter")
        .collect();
    assert_eq!(letters.len(), 3);
    for l in &letters {
        assert_eq!(l["delivery"]["state"], "queued", "{l}");
    }
    assert_eq!(letters[1]["letter"], "decision");
    assert!(
        letters[1]["body"]
            .as_str()
            .unwrap()
            .contains("Deels gegrond.")
    );
    let reference = klacht_core::Reference::parse(&r).unwrap();
    let dossier = app.store.load(&reference).await.unwrap().unwrap();
    assert!(app.store.reads(dossier.id, 100).await.unwrap().len() >= 3);
    assert_eq!(app.store.verify_chain(&reference).await.unwrap(), None);
}

#[tokio::test]
async fn t07_closing_is_refused_while_measures_were_not_told() {
    let app = app("template").await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let _handler = app.user("h@x.nl", "Hans", &[Role::Handler]).await;
    let r = app
        .register(&coord, "email", "2026-04-28T10:00:00+02:00")
        .await;
    let p = |a: &str| format!("/api/v1/complaints/{r}/{a}");
    assert_eq!(
        app.post(&p("assign"), Some(&coord), json!({"handler": "h@x.nl"}))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        app.post(
            &p("classify"),
            Some(&coord),
            json!({"categories": ["service"], "severity": "normal"})
        )
        .await
        .0,
        StatusCode::OK
    );
    assert_eq!(
        app.post(
            &p("decide"),
            Some(&coord),
            json!({"outcome": "gegrond", "decision": "U heeft gelijk."})
        )
        .await
        .0,
        StatusCode::OK
    );
    assert_eq!(
        app.post(
            &p("record-measure"),
            Some(&coord),
            json!({"description": "Nieuwe werkinstructie."})
        )
        .await
        .0,
        StatusCode::OK
    );
    let (s, e) = app.post(&p("close"), Some(&coord), json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(e["details"].to_string().contains("T7"), "{e}");
    app.clock.set("2026-05-04T10:00:00+02:00".parse().unwrap());
    let (s, _) = app
        .post(&p("record-contact"), Some(&coord), json!({"via": "phone", "summary": "Maatregel uitgelegd.", "measures_communicated": true}))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        app.post(&p("close"), Some(&coord), json!({})).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn lists_filter_and_page_by_keyset() {
    let app = app("template").await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    for i in 0..7 {
        app.register(
            &coord,
            if i % 2 == 0 { "phone" } else { "letter" },
            "2026-04-29T10:00:00+02:00",
        )
        .await;
    }
    let mut seen = Vec::new();
    let mut after = String::new();
    loop {
        let (s, v) = app
            .get(&format!("/api/v1/complaints?limit=3{after}"), &coord)
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        for i in v["items"].as_array().unwrap() {
            seen.push(i["reference"].as_str().unwrap().to_owned());
        }
        match v["next"].as_str() {
            Some(n) => after = format!("&after={n}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), 7);
    assert_eq!(seen[0], "2026-0007", "newest first");
    let (_, v) = app.get("/api/v1/complaints?channel=phone", &coord).await;
    assert_eq!(v["items"].as_array().unwrap().len(), 4);
    // Received Wednesday 29 April: the acknowledgement is due Friday 1 May, on time that day.
    let (_, v) = app.get("/api/v1/complaints?overdue=true", &coord).await;
    assert_eq!(
        v["items"].as_array().unwrap().len(),
        0,
        "due today is not late"
    );
    app.clock.set("2026-05-04T09:00:00+02:00".parse().unwrap());
    let (_, v) = app
        .get("/api/v1/complaints?overdue=true&sort=due", &coord)
        .await;
    assert_eq!(v["items"].as_array().unwrap().len(), 7, "all late on 4 May");
    assert_eq!(v["items"][0]["next_due"], "2026-05-01");
    let (s, v) = app
        .get("/api/v1/complaints?status=sleeping&limit=0", &coord)
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(v["fields"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn health_and_readiness() {
    let app = app("template").await;
    let res = app
        .http
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = app
        .http
        .get(format!("{}/readyz", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    app.store.close().await;
    let res = app
        .http
        .get(format!("{}/readyz", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[test]
fn openapi_document_matches_the_snapshot() {
    let doc = serde_json::to_value(klacht_web::openapi()).unwrap();
    for path in [
        "/api/v1/public/complaints",
        "/api/v1/complaints",
        "/api/v1/complaints/{reference}",
        "/api/v1/complaints/{reference}/{action}",
        "/api/v1/retention",
        "/api/v1/retention/run",
        "/api/v1/privacy/requests",
        "/api/v1/privacy/requests/{id}",
        "/api/v1/privacy/requests/{id}/export",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} documented");
    }
    insta::assert_json_snapshot!("openapi", doc);
}

#[tokio::test]
async fn t10_the_coordinator_revokes_the_complainants_status_links() {
    let app = app("template").await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let other = app.user("o@x.nl", "Otto", &[Role::Staff]).await;
    let (s, created) = app
        .post(
            "/api/v1/public/complaints",
            None::<&str>,
            json!({"name": "Jan", "email": "jan@example.nl", "description": "Niet geholpen.", "privacy_accepted": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{created}");
    assert_eq!(created["letters"], json!(["acknowledgement"]));
    let url = created["status_url"].as_str().unwrap();
    let token = url.rsplit('/').next().unwrap();
    assert!(
        url.starts_with("http://klacht.test/status/") && token.len() >= 43,
        "{url}"
    );
    let hash = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(token.as_bytes()))
    };
    let r = created["reference"].as_str().unwrap();
    let link = app.store.status_link(&hash).await.unwrap().unwrap();
    assert_eq!(link.revoked_at, None);
    // Someone without sight of the dossier cannot; the coordinator can.
    let path = format!("/api/v1/complaints/{r}/status-links/revoke");
    let (s, _) = app.post(&path, Some(&other), json!({})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, v) = app
        .post(
            &path,
            Some(&coord),
            json!({"reason": "Doorgestuurd aan een ander."}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert!(
        app.store
            .status_link(&hash)
            .await
            .unwrap()
            .unwrap()
            .revoked_at
            .is_some()
    );
    let (_, d) = app.get(&format!("/api/v1/complaints/{r}"), &coord).await;
    let last = d["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "status_links_revoked");
    assert_eq!(last["reason"], "Doorgestuurd aan een ander.");
}

/// T17, K8: in the template a director stands in for the coordinator when no coordinator or
/// deputy can act. While the coordinator is away, the director's list and search show the
/// complaints they now coordinate (they could open each, but found none in their list); once
/// the coordinator is back, only the escalated ones again.
#[tokio::test]
async fn t17_k08_a_director_acting_as_coordinator_finds_the_complaints_in_their_list() {
    let app = app("template").await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let director = app.user("d@x.nl", "Dirk", &[Role::Director]).await;
    let r = app
        .register(&coord, "phone", "2026-04-29T10:00:00+02:00")
        .await;
    let (s, _) = app.get(&format!("/api/v1/complaints/{r}"), &director).await;
    assert_eq!(s, StatusCode::NOT_FOUND, "not his while Carla coordinates");
    assert_eq!(app.count(&director).await, 0);

    let carla = app.store.user_by_email("c@x.nl").await.unwrap().unwrap();
    app.store.set_absent(carla.id, true).await.unwrap();
    let (s, _) = app.get(&format!("/api/v1/complaints/{r}"), &director).await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = app.get("/api/v1/complaints?text=opdagen", &director).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["items"][0]["reference"], "2026-0001");
    assert_eq!(app.count(&director).await, 1);

    app.store.set_absent(carla.id, false).await.unwrap();
    assert_eq!(app.count(&director).await, 0);
}

/// A step takes its own fields only: a field of another step is named, and nothing is done.
#[tokio::test]
async fn t12_a_step_refuses_the_fields_of_another_step_and_does_nothing() {
    let app = app("template").await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    app.user("h@x.nl", "Hans", &[Role::Handler]).await;
    let r = app
        .register(&coord, "phone", "2026-04-29T10:00:00+02:00")
        .await;
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{r}/assign"),
            Some(&coord),
            json!({"handler": "h@x.nl", "outcome": "gegrond"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["fields"][0]["field"], "outcome");
    assert_eq!(
        v["fields"][0]["message"],
        "unknown field; expected `expected_version` or `handler`"
    );
    let (_, d) = app.get(&format!("/api/v1/complaints/{r}"), &coord).await;
    assert_eq!(d["handler"], Value::Null);
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{r}/assign"),
            Some(&coord),
            json!({"handler": "h@x.nl"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["handler"]["name"], "Hans", "{v}");
}
