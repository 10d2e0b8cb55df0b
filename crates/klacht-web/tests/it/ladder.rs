//! The ombudsman's ladder (issue 18; Awb 9:12 lid 2) under the built-in `awb`: the rung a
//! complaint was settled on in the API's dossier and the back office, a referral outside and
//! its outcome as steps, the decision letter naming the next rung, and retention keeping a
//! complaint while the body outside has not answered.

use crate::support::app::{self, TestApp, staff_user};
use crate::support::desk::Desk;

use jiff::Timestamp;
use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

const RECEIVED: &str = "2024-01-08T10:00:00+01:00";
const DECIDED: &str = "2024-01-12T10:00:00+01:00";
const CLOSED: &str = "2024-01-15T16:00:00+01:00";

struct Site {
    app: TestApp,
    coordinator: String,
    handler: String,
}

async fn site(profile: &str) -> Site {
    let app = app::builtin(profile, RECEIVED.parse().unwrap(), app::PublicUrl::Test).await;
    let (c, _) = staff_user(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let coordinator = app.store.create_token(c, Timestamp::now()).await.unwrap();
    let handler = app.staff_token("h@x.nl", "Hanna", &[Role::Handler]).await;
    Site {
        app,
        coordinator,
        handler,
    }
}

impl Site {
    /// A complaint by e-mail, heard, decided at [`DECIDED`] and closed at [`CLOSED`] (awb).
    async fn closed(&self) -> String {
        let a = &self.app;
        a.set_clock(RECEIVED);
        let r = a
            .register_complaint(
                &self.coordinator,
                json!({"name": "Greet Grevelink", "email": "greet@example.nl",
                       "description": "Niemand belde terug.", "channel": "email",
                       "received_at": RECEIVED}),
            )
            .await;
        let (c, h) = (&self.coordinator, &self.handler);
        a.step(c, &r, "assign", json!({"handler": "h@x.nl"})).await;
        a.step(c, &r, "classify", json!({"categories": ["treatment"]}))
            .await;
        a.step(
            h,
            &r,
            "record-complainant-hearing",
            json!({"hearing": "held"}),
        )
        .await;
        a.set_clock(DECIDED);
        a.step(
            h,
            &r,
            "decide",
            json!({"outcome": "ongegrond", "decision": "Wij vinden de klacht ongegrond."}),
        )
        .await;
        a.set_clock(CLOSED);
        a.step(c, &r, "close", json!({})).await;
        r
    }

    async fn dossier(&self, r: &str) -> Value {
        self.app.dossier(&self.coordinator, r).await
    }

    async fn anonymised_by_round(&self) -> Vec<String> {
        let (s, v) = self
            .app
            .post(
                "/api/v1/retention/run",
                &self.coordinator,
                json!({"dry_run": false}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        v["anonymised"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["reference"].as_str().unwrap().to_owned())
            .collect()
    }
}

#[tokio::test]
async fn awb_9_12_a_referral_to_the_ombudsman_makes_the_rung_external_and_keeps_the_complaint() {
    let s = site("awb").await;
    let r = s.closed().await;
    let d = s.dossier(&r).await;
    assert_eq!(d["rung"], "internal", "{d}");
    assert!(d.get("referrals").is_none(), "{d}");

    // The decision letter names the next rung and the last day to go there.
    let letters = s
        .app
        .mail_to_before("greet@example.nl", "2024-02-01T00:00:00Z".parse().unwrap())
        .await;
    let decision = letters
        .iter()
        .find(|m| m.subject == format!("Ons oordeel over uw klacht {r}"))
        .expect("the decision letter");
    assert!(
        decision.body.contains(
            "Dan kunt u een klacht indienen bij de Nationale ombudsman, https://www.nationaleombudsman.nl. Dat kan tot en met 12 januari 2025."
        ),
        "{}",
        decision.body
    );

    // The handler may not record it; an unknown body is named.
    s.app.set_clock("2024-02-05T10:00:00+01:00");
    let path = format!("/api/v1/complaints/{r}/refer-outside");
    let (st, v) = s
        .app
        .post(
            &path,
            s.handler.as_str(),
            json!({"body": "nationale_ombudsman"}),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN, "{v}");
    let (st, v) = s
        .app
        .post(
            &path,
            s.coordinator.as_str(),
            json!({"body": "ombudsvrouw"}),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v.to_string().contains("nationale_ombudsman"), "{v}");
    let d = s
        .app
        .step(
            &s.coordinator,
            &r,
            "refer-outside",
            json!({"body": "nationale_ombudsman", "on": "2024-02-01"}),
        )
        .await;
    assert_eq!(d["rung"], "external", "{d}");
    assert_eq!(
        d["referrals"],
        json!([{"body": "nationale_ombudsman", "on": "2024-02-01", "until": "2025-01-12",
                "outcome": null, "outcome_on": null}])
    );

    // Past its retention period (24 months after closing), the round keeps it: the ombudsman
    // has not answered.
    s.app.set_clock("2026-02-01T10:00:00+01:00");
    let outlook = s
        .app
        .get_ok("/api/v1/retention?days=30", &s.coordinator)
        .await;
    assert_eq!(outlook["due"], json!([]), "{outlook}");
    assert_eq!(
        outlook["kept_for_referral"],
        json!([{"reference": r, "ended_on": "2024-01-15", "anonymised_on": "2026-01-16"}])
    );
    let (_, secret) = staff_user(&s.app, "c4@x.nl", "Coen", &[Role::Coordinator]).await;
    let mut desk = Desk::sign_in(&s.app, "c4@x.nl", secret.as_deref()).await;
    let page = desk.get("/beheer/bewaartermijn").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for expected in [
        "Bewaard zolang een instantie buiten de organisatie oordeelt".to_owned(),
        format!(
            "<a href=\"/beheer/klachten/{r}\">{r}</a> · Anders geanonimiseerd op 16 januari 2026"
        ),
    ] {
        assert!(page.body.contains(&expected), "{expected}: {}", page.body);
    }
    assert_eq!(s.anonymised_by_round().await, Vec::<String>::new());
    assert_eq!(
        s.dossier(&r).await["complainant"]["name"],
        "Greet Grevelink"
    );

    let d = s
        .app
        .step(
            &s.coordinator,
            &r,
            "record-external-outcome",
            json!({"outcome": "not_upheld", "on": "2024-06-03",
                   "summary": "De ombudsman acht de klacht niet gegrond."}),
        )
        .await;
    assert_eq!(d["referrals"][0]["outcome"], "not_upheld", "{d}");
    assert_eq!(d["referrals"][0]["outcome_on"], "2024-06-03", "{d}");
    assert_eq!(d["rung"], "external");
    assert_eq!(s.anonymised_by_round().await, vec![r.clone()]);
    let d = s.dossier(&r).await;
    assert_eq!(d["complainant"], Value::Null);
    assert_eq!(d["rung"], "external", "the rung stays after anonymisation");
}

#[tokio::test]
async fn awb_9_12_the_back_office_records_the_referral_and_shows_the_rung() {
    let s = site("awb").await;
    let r = s.closed().await;
    s.app.set_clock("2024-02-05T10:00:00+01:00");
    // A coordinator who signs in (with a second factor, as awb asks of coordinators).
    let (_, secret) = staff_user(&s.app, "c2@x.nl", "Coby", &[Role::Coordinator]).await;
    let mut desk = Desk::sign_in(&s.app, "c2@x.nl", secret.as_deref()).await;

    let page = desk.get(&format!("/beheer/klachten/{r}")).await;
    assert!(
        page.body
            .contains("Afgehandeld op de trede: <strong>intern afgehandeld</strong>"),
        "{}",
        page.body
    );
    let path = format!("/beheer/klachten/{r}/stap/refer-outside");
    assert!(page.body.contains(&format!("{path}\"")), "{}", page.body);
    let form = desk.get(&path).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(
        form.body.contains("<option value=\"nationale_ombudsman\""),
        "{}",
        form.body
    );
    let (csrf, version) = (form.csrf(), form.input("version").unwrap());
    let res = desk
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("body", "nationale_ombudsman"),
                ("on", "2024-02-01"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = desk.get(&format!("/beheer/klachten/{r}")).await;
    for expected in [
        "Afgehandeld op de trede: <strong>buiten de organisatie</strong>",
        "Klacht voorgelegd buiten de organisatie",
        "1 februari 2024",
        "12 januari 2025",
        "De uitkomst is nog niet bekend; de klacht wordt zolang niet geanonimiseerd.",
        "/stap/record-external-outcome\"",
    ] {
        assert!(page.body.contains(expected), "{expected}: {}", page.body);
    }
}

#[tokio::test]
async fn t04_t13_a_complaint_settled_at_once_is_on_the_first_rung_and_the_template_names_no_body() {
    let s = site("template").await;
    let r = s
        .app
        .register_complaint(
            &s.coordinator,
            json!({"name": "Jan Jansen", "phone": "0201234567", "channel": "phone",
                   "description": "De folder was verouderd.",
                   "resolved_directly": {"how": "Nieuwe folder meegegeven."}}),
        )
        .await;
    let d = s.dossier(&r).await;
    assert_eq!(d["rung"], "at_once", "{d}");
    let allowed: Vec<&str> = d["allowed_actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(!allowed.contains(&"refer-outside"), "{allowed:?}");
    let (st, v) = s
        .app
        .post(
            &format!("/api/v1/complaints/{r}/refer-outside"),
            s.coordinator.as_str(),
            json!({"body": "nationale_ombudsman"}),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(
        v.to_string()
            .contains("Deze klachtenregeling noemt geen instantie buiten de organisatie."),
        "{v}"
    );
}

#[tokio::test]
async fn t13_the_half_year_report_shows_the_share_per_rung_in_json_and_in_the_back_office() {
    let s = site("template").await;
    let a = &s.app;
    a.set_clock(RECEIVED);
    // Settled at once, closed the same day; one handled internally and closed.
    let at_once = a
        .register_complaint(
            &s.coordinator,
            json!({"name": "Jan Jansen", "phone": "0201234567", "channel": "phone",
                   "description": "De folder was verouderd.", "received_at": RECEIVED,
                   "resolved_directly": {"how": "Nieuwe folder meegegeven."}}),
        )
        .await;
    let internal = a
        .register_complaint(
            &s.coordinator,
            json!({"name": "Greet Grevelink", "phone": "0201234567", "channel": "phone",
                   "description": "Niemand belde terug.", "received_at": RECEIVED}),
        )
        .await;
    let c = &s.coordinator;
    a.step(c, &internal, "assign", json!({"handler": "h@x.nl"}))
        .await;
    for r in [&at_once, &internal] {
        a.step(
            c,
            r,
            "classify",
            json!({"categories": ["service"], "severity": "minor"}),
        )
        .await;
    }
    a.step(
        &s.handler,
        &internal,
        "decide",
        json!({"outcome": "gegrond", "decision": "U krijgt gelijk.", "via": "phone"}),
    )
    .await;
    a.set_clock(CLOSED);
    for r in [&at_once, &internal] {
        a.step(c, r, "close", json!({})).await;
    }

    let v = a
        .get_ok("/api/v1/reports/half-year?year=2024&half=1", c)
        .await;
    assert_eq!(
        v["ladder"],
        json!({"closed": 2, "rungs": [
            {"id": "at_once", "label": "direct opgelost", "count": 1, "share": 50.0},
            {"id": "internal", "label": "intern afgehandeld", "count": 1, "share": 50.0},
            {"id": "external", "label": "buiten de organisatie", "count": 0, "share": 0.0},
        ]})
    );

    let (_, secret) = staff_user(a, "c3@x.nl", "Cees", &[Role::Coordinator]).await;
    let mut desk = Desk::sign_in(a, "c3@x.nl", secret.as_deref()).await;
    let page = desk
        .get("/beheer/verslagen/halfjaar?year=2024&half=1")
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for expected in [
        "Afgesloten klachten per trede (2 afgesloten)",
        "direct opgelost",
        "intern afgehandeld",
        "50,0 %",
    ] {
        assert!(page.body.contains(expected), "{expected}: {}", page.body);
    }
}
