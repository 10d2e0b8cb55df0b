//! The recommendations register over real HTTP (T14, T13, T15, T16, K13): the full T14 flow
//! through the API and the back office, the register in the half-year and annual reports, the
//! coordinator's analysis, the evaluation record and the January and evaluation reminders.

use crate::support::app::{self, TestApp};
use crate::support::desk;

use jiff::{SignedDuration, Timestamp};
use klacht_core::{Role, UserId};
use klacht_store::{Notice, QueuedMail};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The test app (the template profile) with this module's shorthands.
struct App(TestApp);

impl std::ops::Deref for App {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.0
    }
}

impl App {
    /// The app with the clock at `now`.
    async fn new(now: &str) -> App {
        App(app::builtin("template", now.parse().unwrap(), app::PublicUrl::Test).await)
    }

    async fn token(&self, email: &str, name: &str, roles: &[Role]) -> String {
        self.staff_token(email, name, roles).await
    }

    /// A complaint registered by phone on 20 April 2026.
    async fn complaint(&self, token: &str) -> String {
        self.register_complaint(
            token,
            json!({"name": "Jan Jansen", "email": "jan@example.nl",
                   "description": "Niemand belde terug.", "channel": "phone",
                   "received_at": "2026-04-20T10:00:00+02:00"}),
        )
        .await
    }

    async fn notices(&self, user: UserId) -> Vec<Notice> {
        self.store.notices(user, None, 100).await.unwrap()
    }

    /// Every message waiting in the queue to `to`, up to 400 days after the later of the real
    /// time and the clock's.
    async fn mail_to(&self, to: &str) -> Vec<QueuedMail> {
        let until = Timestamp::now()
            .max(self.now())
            .checked_add(SignedDuration::from_hours(24 * 400))
            .unwrap();
        self.mail_to_before(to, until).await
    }
}

fn fields(v: &Value) -> Vec<String> {
    v["fields"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| f["field"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn t14_t13_k13_the_register_from_proposal_to_done_action_and_into_the_reports() {
    let app = App::new("2026-05-01T09:00:00+02:00").await;
    let coord = app
        .token("c@x.nl", "Carla Coördinator", &[Role::Coordinator])
        .await;
    let director = app
        .token("d@x.nl", "Dirk Directeur", &[Role::Director])
        .await;
    let handler_token = app.token("h-api@x.nl", "Henk", &[Role::Handler]).await;
    let (handler_id, _) = app::staff_user(&app, "h@x.nl", "Hanna Handler", &[Role::Handler]).await;
    let a = app.complaint(&coord).await;
    let b = app.complaint(&coord).await;

    // The coordinator proposes; bad input is named.
    let (s, v) = app
        .post(
            "/api/v1/recommendations",
            &coord,
            json!({"title": " ", "text": "x", "colour": 1}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(fields(&v), ["colour", "title"]);
    let (s, v) = app
        .post(
            "/api/v1/recommendations",
            &coord,
            json!({"title": "Terugbellen vastleggen", "text": "Leg elk terugbelverzoek vast in het telefoonschrift."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["status"], "proposed");
    let id = v["id"].as_i64().unwrap();

    // A handler may not propose, nor read the register.
    let (s, v) = app
        .post(
            "/api/v1/recommendations",
            &handler_token,
            json!({"title": "t", "text": "t"}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    assert!(v["message_nl"].as_str().unwrap().contains("coördinator"));
    let (s, _) = app
        .get(&format!("/api/v1/recommendations/{id}"), &handler_token)
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // Link two complaints; an unknown reference is named and nothing is linked.
    let path = format!("/api/v1/recommendations/{id}/complaints");
    let (s, v) = app
        .post(&path, &coord, json!({"complaints": [a, "2026-0999"]}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(fields(&v), ["complaints[1]"]);
    assert!(
        v["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("2026-0999")
    );
    let (s, v) = app.post(&path, &coord, json!({"complaints": [a, b]})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["complaints"], json!([a, b]));
    let (s, _) = app
        .post(&path, &handler_token, json!({"complaints": [a]}))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // The directors decide: not the coordinator, not the handler; a reason is required.
    let decision = format!("/api/v1/recommendations/{id}/decision");
    for t in [&coord, &handler_token] {
        let (s, v) = app
            .post(&decision, t, json!({"decision": "adopted", "reason": "ja"}))
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
        assert!(v["message_nl"].as_str().unwrap().contains("directie"));
    }
    let (s, v) = app
        .post(&decision, &director, json!({"decision": "maybe"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(fields(&v), ["decision", "reason"]);
    // An action before the decision: refused.
    let (s, _) = app
        .post(
            &format!("/api/v1/recommendations/{id}/actions"),
            &coord,
            json!({"description": "x", "owner": "h@x.nl", "due": "2026-06-01"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, v) = app
        .post(
            &decision,
            &director,
            json!({"decision": "adopted", "reason": "Voorkomt herhaling; past in het budget."}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["status"], "adopted");
    assert_eq!(v["decided_by"], "Dirk Directeur");
    assert_eq!(v["reason"], "Voorkomt herhaling; past in het budget.");
    assert!(v["decided_at"].as_str().unwrap().starts_with("2026-05-01"));
    let (s, _) = app
        .post(
            &decision,
            &director,
            json!({"decision": "rejected", "reason": "toch niet"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "decided once");

    // The coordinator adds an action owned by the handler.
    let actions = format!("/api/v1/recommendations/{id}/actions");
    let (s, v) = app
        .post(
            &actions,
            &coord,
            json!({"description": "x", "owner": "nobody@x.nl", "due": "1 juni"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(fields(&v), ["owner", "due"]);
    let (s, v) = app
        .post(
            &actions,
            &coord,
            json!({"description": "Telefoonschrift invoeren", "owner": "h@x.nl", "due": "2026-06-01"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["status"], "open");
    assert_eq!(v["owner_name"], "Hanna Handler");
    let action = v["id"].as_i64().unwrap();

    // On the handler's dashboard at once, not yet marked (due in a month).
    let mut hanna = desk::Desk::sign_in(&app, "h@x.nl", None).await;
    let page = hanna.get("/beheer").await;
    assert!(
        page.body.contains("Telefoonschrift invoeren"),
        "{}",
        page.body
    );
    let item = &page.body[page.body.find(&format!("id=\"actie-{action}\"")).unwrap()..];
    let item = &item[..item.find("</li>").unwrap()];
    assert!(
        !item.contains("tag--late") && !item.contains("tag--soon"),
        "{item}"
    );
    // After the due date: overdue, with a link to it.
    app.set_clock("2026-06-02T09:00:00+02:00");
    // (A month later: a new session.)
    let mut hanna = desk::Desk::sign_in(&app, "h@x.nl", None).await;
    let page = hanna.get("/beheer").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Mijn open verbeteracties"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Telefoonschrift invoeren"));
    assert!(page.body.contains("tag--late"));
    let href = format!("/beheer/aanbevelingen/{id}#actie-{action}");
    assert!(page.body.contains(&href), "{}", page.body);
    // The recommendation's page shows her action with a form; she may not change the due date.
    let page = hanna.get(&format!("/beheer/aanbevelingen/{id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains(&format!("name=\"status-{action}\"")));
    assert!(!page.body.contains(&format!("name=\"due-{action}\"")));
    let csrf = page.csrf();
    let done = hanna
        .post(
            &format!("/beheer/acties/{action}"),
            &[
                ("csrf", csrf.as_str()),
                (&format!("status-{action}"), "done"),
                (
                    &format!("result-{action}"),
                    "Telefoonschrift staat in gebruik sinds 1 juni.",
                ),
                (&format!("due-{action}"), "2027-01-01"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = hanna.get("/beheer").await;
    assert!(
        !page.body.contains("Telefoonschrift invoeren"),
        "done: off the dashboard"
    );
    let (s, v) = app
        .get(&format!("/api/v1/recommendations/{id}"), &coord)
        .await;
    assert_eq!(s, StatusCode::OK);
    let act = &v["actions"][0];
    assert_eq!(act["status"], "done");
    assert_eq!(
        act["result"],
        "Telefoonschrift staat in gebruik sinds 1 juni."
    );
    assert_eq!(
        act["due"], "2026-06-01",
        "the owner's form does not move the due date"
    );
    assert_eq!(act["updated_by"], "h@x.nl");
    assert_eq!(act["overdue"], false);
    // Through the API, another handler may not change her action.
    let (s, _) = app
        .post(
            &format!("/api/v1/recommendations/actions/{action}"),
            &handler_token,
            json!({"status": "open"}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // The half-year report lists it with its complaints and the action's status.
    let (s, v) = app
        .get("/api/v1/reports/half-year?year=2026&half=1", &director)
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let rec = &v["recommendations"][0];
    assert_eq!(rec["title"], "Terugbellen vastleggen");
    assert_eq!(rec["status"], "adopted");
    assert_eq!(rec["complaints"], json!([a, b]));
    assert_eq!(rec["complaint_count"], 2);
    assert_eq!(rec["decided_by"], "Dirk Directeur");
    assert_eq!(rec["decided_on"], "2026-05-01");
    assert_eq!(rec["actions"][0]["status"], "done");
    assert_eq!(rec["actions"][0]["owner"], "Hanna Handler");
    assert_eq!(v["analysis"], Value::Null);

    // The coordinator writes the annual analysis; the annual report shows it and the register
    // without references or names.
    let (s, v) = app
        .send_json(
            reqwest::Method::PUT,
            "/api/v1/reports/texts",
            &coord,
            Some(
                json!({"kind": "half_year", "from": "2026-01-01", "to": "2026-12-31", "text": "x"}),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(fields(&v), ["from"]);
    let (s, _) = app
        .send_json(
            reqwest::Method::PUT,
            "/api/v1/reports/texts",
            &director,
            Some(json!({"kind": "annual", "from": "2026-01-01", "to": "2026-12-31", "text": "x"})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = app
        .send_json(
            reqwest::Method::PUT,
            "/api/v1/reports/texts",
            &coord,
            Some(json!({"kind": "annual", "from": "2026-01-01", "to": "2026-12-31",
                        "text": "Terugbelverzoeken bleven liggen; het telefoonschrift lost dat op."})),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = app.get("/api/v1/reports/annual?year=2026", &director).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        v["analysis"],
        "Terugbelverzoeken bleven liggen; het telefoonschrift lost dat op."
    );
    let rec = &v["recommendations"][0];
    assert_eq!(rec["title"], "Terugbellen vastleggen");
    assert_eq!(rec["complaints"], json!([]));
    assert_eq!(rec["decided_by"], Value::Null);
    assert_eq!(rec["complaint_count"], json!({"below": 5}));
    assert_eq!(rec["actions"][0]["owner"], Value::Null);
    assert_eq!(rec["actions"][0]["status"], "done");
    let text = v.to_string();
    for secret in [a.as_str(), b.as_str(), "Hanna", "Dirk"] {
        assert!(!text.contains(secret), "{secret} in the annual report");
    }
    // The half-year report has its own text (none written).
    let (_, v) = app
        .get("/api/v1/reports/half-year?year=2026&half=1", &director)
        .await;
    assert_eq!(v["analysis"], Value::Null);
    let _ = handler_id;
}

#[tokio::test]
async fn t14_the_pages_keep_input_name_errors_and_let_the_director_decide() {
    let app = App::new("2026-05-01T09:00:00+02:00").await;
    let (_, secret) = app::staff_user(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    app::staff_user(&app, "d@x.nl", "Dirk", &[Role::Director]).await;
    app::staff_user(&app, "h@x.nl", "Hanna", &[Role::Handler]).await;
    let mut carla = desk::Desk::sign_in(&app, "c@x.nl", secret.as_deref()).await;
    let page = carla.get("/beheer/aanbevelingen").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body
            .contains("href=\"/beheer/aanbevelingen\" aria-current=\"page\"")
    );
    let csrf = page.csrf();
    let bad = carla
        .post(
            "/beheer/aanbevelingen",
            &[
                ("csrf", csrf.as_str()),
                ("title", ""),
                ("text", "Mijn tekst blijft staan."),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("error-summary"));
    assert!(bad.body.contains("Geef de aanbeveling een titel"));
    assert!(bad.body.contains("Mijn tekst blijft staan."));
    assert!(bad.body.contains("<title>Fout: "));
    let ok = carla
        .post(
            "/beheer/aanbevelingen",
            &[
                ("csrf", csrf.as_str()),
                ("title", "Wachttijd"),
                ("text", "Korter wachten."),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let at = ok.location.unwrap();
    let page = carla.get(&at).await;
    assert!(page.body.contains("Wachttijd"));
    assert!(
        !page.body.contains("name=\"decision\""),
        "the coordinator does not decide"
    );
    let linked = carla
        .post(
            &format!("{at}/klachten"),
            &[("csrf", csrf.as_str()), ("complaints", "2026-0042")],
        )
        .await;
    assert_eq!(linked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(linked.body.contains("2026-0042"));

    // The handler has no register.
    let mut hanna = desk::Desk::sign_in(&app, "h@x.nl", None).await;
    let page = hanna.get("/beheer/aanbevelingen").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(
        !hanna
            .get("/beheer")
            .await
            .body
            .contains("/beheer/aanbevelingen")
    );

    // The director decides on the page; without a reason the form comes back.
    let mut dirk = desk::Desk::sign_in(&app, "d@x.nl", None).await;
    let page = dirk.get(&at).await;
    assert!(page.body.contains("name=\"decision\""));
    let csrf = page.csrf();
    let bad = dirk
        .post(
            &format!("{at}/besluit"),
            &[("csrf", csrf.as_str()), ("decision", "rejected")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Geef de reden van het besluit."));
    assert!(bad.body.contains("value=\"rejected\" checked"));
    let done = dirk
        .post(
            &format!("{at}/besluit"),
            &[
                ("csrf", csrf.as_str()),
                ("decision", "rejected"),
                ("reason", "Geen capaciteit."),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = dirk.get(&at).await;
    assert!(page.body.contains("afgewezen"));
    assert!(page.body.contains("Geen capaciteit."));
    assert!(!page.body.contains("name=\"decision\""), "decided once");
}

#[tokio::test]
async fn t16_the_evaluation_is_recorded_and_reminded_once_a_year() {
    // The template regulation was adopted on 1 January 2025: over a year ago on 1 May 2026.
    let app = App::new("2026-05-01T09:00:00+02:00").await;
    let coord = app.token("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let board = app.token("b@x.nl", "Bea", &[Role::Board]).await;
    let carla = app.store.user_by_email("c@x.nl").await.unwrap().unwrap().id;
    let round = || klacht_web::reminders::register_round(&app.state);

    let (a, b) = tokio::join!(round(), round());
    assert_eq!(
        a.unwrap() + b.unwrap(),
        1,
        "one notice, also with two instances at once"
    );
    assert_eq!(round().await.unwrap(), 0);
    let n = app.notices(carla).await;
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].kind, "evaluation_due");
    assert_eq!(n[0].detail.as_deref(), Some("2025-01-01"));
    let mails = app.mail_to("c@x.nl").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].subject, "Evalueer de klachtenregeling");
    assert!(
        mails[0]
            .body
            .contains("http://klacht.test/beheer/evaluaties"),
        "{}",
        mails[0].body
    );

    // Recording it: the board may not, the coordinator may; bad fields are named.
    let (s, _) = app
        .post(
            "/api/v1/evaluations",
            &board,
            json!({"year": 2025, "evaluated_on": "2026-04-30", "changed": false}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, v) = app
        .post("/api/v1/evaluations", &coord, json!({"year": 2025, "evaluated_on": "2026-05-02", "changed": false, "new_version_on": "2026-05-01"}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(fields(&v), ["evaluated_on"]);
    let (s, v) = app
        .post(
            "/api/v1/evaluations",
            &coord,
            json!({"year": 2025, "evaluated_on": "2026-04-30", "changed": true,
                   "new_version_on": "2026-04-30", "notes": "Termijn voor ontvangstbevestiging ingekort."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["evaluated_by"], "Carla");
    let (s, v) = app.get("/api/v1/evaluations", &board).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v[0]["changed"], true);
    assert_eq!(v[0]["new_version_on"], "2026-04-30");

    // Evaluated: no reminder until a year after.
    app.set_clock("2027-04-29T09:00:00+02:00");
    assert_eq!(round().await.unwrap(), 0);
    app.set_clock("2027-04-30T09:00:00+02:00");
    assert_eq!(round().await.unwrap(), 1);
    let n = app.notices(carla).await;
    assert_eq!(n[0].detail.as_deref(), Some("2026-04-30"));

    // The notices page links to the evaluations page.
    let (_, secret) = app::staff_user(&app, "c2@x.nl", "Cor", &[Role::Coordinator]).await;
    assert_eq!(
        round().await.unwrap(),
        1,
        "a new coordinator is told too, once"
    );
    let mut cor = desk::Desk::sign_in(&app, "c2@x.nl", secret.as_deref()).await;
    let page = cor.get("/beheer/meldingen").await;
    assert!(
        page.body.contains("href=\"/beheer/evaluaties\""),
        "{}",
        page.body
    );
    let page = cor.get("/beheer/evaluaties").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Termijn voor ontvangstbevestiging ingekort.")
    );
    assert!(page.body.contains("name=\"evaluated_on\""));
}

#[tokio::test]
async fn t15_in_january_the_coordinator_is_asked_once_for_the_annual_report() {
    let app = App::new("2026-12-31T09:00:00+01:00").await;
    app.token("c@x.nl", "Carla", &[Role::Coordinator]).await;
    app.token("h@x.nl", "Hanna", &[Role::Handler]).await;
    let carla = app.store.user_by_email("c@x.nl").await.unwrap().unwrap().id;
    let hanna = app.store.user_by_email("h@x.nl").await.unwrap().unwrap().id;
    // An evaluation recorded lately: only the annual report is at stake here.
    app.store
        .record_evaluation(
            &klacht_store::NewEvaluation {
                year: 2026,
                evaluated_on: jiff::civil::date(2026, 12, 1),
                evaluated_by: carla,
                changed: false,
                new_version_on: None,
                notes: None,
            },
            app.state.clock.now(),
        )
        .await
        .unwrap();
    let round = || klacht_web::reminders::register_round(&app.state);
    assert_eq!(round().await.unwrap(), 0, "December: nothing");
    app.set_clock("2027-01-04T08:00:00+01:00");
    let (a, b) = tokio::join!(round(), round());
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    app.set_clock("2027-01-20T08:00:00+01:00");
    assert_eq!(round().await.unwrap(), 0, "once");
    let n = app.notices(carla).await;
    assert_eq!(n.len(), 1);
    assert_eq!(n[0].kind, "annual_report_due");
    assert_eq!(n[0].detail.as_deref(), Some("2026"));
    assert!(app.notices(hanna).await.is_empty(), "only the coordinator");
    let mails = app.mail_to("c@x.nl").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].subject, "Schrijf het jaarverslag over 2026");
    assert!(
        mails[0]
            .body
            .contains("http://klacht.test/beheer/verslagen")
    );
    let view = klacht_web::notices::describe(
        &n[0],
        klacht_core::Lang::En,
        &klacht_core::profile::builtin("template").unwrap(),
    );
    assert_eq!(view.href.as_deref(), Some("/beheer/verslagen"));
    assert!(view.text.contains("annual report for 2026"));
    app.set_clock("2027-02-01T08:00:00+01:00");
    assert_eq!(round().await.unwrap(), 0, "February: nothing new");
}

#[tokio::test]
async fn t14_the_coordinator_adds_and_changes_actions_on_the_page_and_a_deactivated_owner_stays() {
    let app = App::new("2026-05-01T09:00:00+02:00").await;
    let (_, secret) = app::staff_user(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let director = app.token("d@x.nl", "Dirk", &[Role::Director]).await;
    let (hanna, _) = app::staff_user(&app, "h@x.nl", "Hanna", &[Role::Handler]).await;
    let coord = app.token("c-api@x.nl", "Cas", &[Role::Coordinator]).await;
    let (_, v) = app
        .post(
            "/api/v1/recommendations",
            &coord,
            json!({"title": "Folder", "text": "Maak een folder."}),
        )
        .await;
    let id = v["id"].as_i64().unwrap();
    let (s, _) = app
        .post(
            &format!("/api/v1/recommendations/{id}/decision"),
            &director,
            json!({"decision": "adopted", "reason": "Goedkoop."}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let mut carla = desk::Desk::sign_in(&app, "c@x.nl", secret.as_deref()).await;
    let at = format!("/beheer/aanbevelingen/{id}");
    let page = carla.get(&at).await;
    let csrf = page.csrf();
    let bad = carla
        .post(
            &format!("{at}/acties"),
            &[
                ("csrf", csrf.as_str()),
                ("description", "Folder drukken"),
                ("owner", "h@x.nl"),
                ("due", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("href=\"#due\""), "{}", bad.body);
    assert!(bad.body.contains("Folder drukken"), "input kept");
    let ok = carla
        .post(
            &format!("{at}/acties"),
            &[
                ("csrf", csrf.as_str()),
                ("description", "Folder drukken"),
                ("owner", "h@x.nl"),
                ("due", "2026-06-15"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let action = ok
        .location
        .unwrap()
        .rsplit("#actie-")
        .next()
        .unwrap()
        .parse::<i64>()
        .unwrap();

    // Hanna leaves; the coordinator moves the due date without choosing a new owner.
    app.store
        .set_active(
            hanna,
            false,
            klacht_store::Actor::Operator,
            app.state.clock.now(),
        )
        .await
        .unwrap();
    let page = carla.get(&at).await;
    assert!(page.body.contains("(account niet actief)"), "{}", page.body);
    let moved = carla
        .post(
            &format!("/beheer/acties/{action}"),
            &[
                ("csrf", csrf.as_str()),
                (&format!("status-{action}"), "in_progress"),
                (&format!("result-{action}"), ""),
                (&format!("owner-{action}"), ""),
                (&format!("due-{action}"), "2026-07-01"),
            ],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let a = app.store.action(action).await.unwrap().unwrap();
    assert_eq!(a.owner, hanna, "the owner stays");
    assert_eq!(a.due, jiff::civil::date(2026, 7, 1));
    assert_eq!(a.status, klacht_core::reports::ActionStatus::InProgress);
    // Choosing the deactivated account through the API is refused, naming the field.
    let (s, v) = app
        .post(
            &format!("/api/v1/recommendations/actions/{action}"),
            &coord,
            json!({"owner": "h@x.nl"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(fields(&v), ["owner"]);
}

#[tokio::test]
async fn t16_an_evaluation_with_a_wrong_year_comes_back_with_the_problem_and_what_was_typed() {
    let app = App::new("2026-05-01T09:00:00+02:00").await;
    let (_, secret) = app::staff_user(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let mut carla = desk::Desk::sign_in(&app, "c@x.nl", secret.as_deref()).await;
    let form = carla.get("/beheer/evaluaties").await;
    let page = carla
        .post(
            "/beheer/evaluaties",
            &[
                ("csrf", &form.csrf()),
                ("year", "twintig"),
                ("evaluated_on", "2026-04-30"),
                ("changed", "no"),
                ("notes", "Goed gegaan."),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Vul een jaartal in."), "{}", page.body);
    assert!(page.body.contains(">Goed gegaan.</textarea>"));
    assert!(page.body.contains("value=\"twintig\""));
    assert!(
        page.body
            .contains("id=\"changed-no\" name=\"changed\" value=\"no\" checked")
    );
    assert!(app.store.evaluations().await.unwrap().is_empty());
}

#[tokio::test]
async fn t14_a_recommendation_without_a_title_comes_back_with_the_text_kept() {
    let app = App::new("2026-05-01T09:00:00+02:00").await;
    let (_, secret) = app::staff_user(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let mut carla = desk::Desk::sign_in(&app, "c@x.nl", secret.as_deref()).await;
    let form = carla.get("/beheer/aanbevelingen").await;
    // The title field left out altogether, as a hand-made post would.
    let page = carla
        .post(
            "/beheer/aanbevelingen",
            &[("csrf", &form.csrf()), ("text", "  Meer intervisie.  ")],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("Geef de aanbeveling een titel (ten hoogste 200 tekens)."),
        "{}",
        page.body
    );
    assert!(page.body.contains(">Meer intervisie.</textarea>"));
    assert!(app.store.recommendations().await.unwrap().is_empty());
}
