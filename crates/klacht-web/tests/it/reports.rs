//! The report routes over real HTTP (T13, T15, K13): who may read them, how bad parameters are
//! named, the coordinator's summary for the report, and the annual report's anonymity.

use crate::support::app::{self, TestApp};

use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The test app (the template profile on 1 May 2026) with this module's shorthands.
struct App(TestApp);

impl std::ops::Deref for App {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.0
    }
}

async fn app() -> App {
    let now = "2026-05-01T09:00:00+02:00".parse().unwrap();
    App(app::builtin("template", now, app::PublicUrl::Test).await)
}

impl App {
    async fn user(&self, email: &str, roles: &[Role]) -> String {
        self.staff_token(email, email, roles).await
    }

    async fn register(&self, token: &str, channel: &str, received_at: &str) -> String {
        self.register_complaint(
            token,
            json!({"name": "Jan Jansen", "email": "jan@example.nl",
                   "description": "De vrijwilliger kwam niet opdagen.",
                   "channel": channel, "received_at": received_at}),
        )
        .await
    }
}

fn tally<'a>(breakdown: &'a Value, id: &str) -> &'a Value {
    breakdown["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .map(|t| &t["count"])
        .unwrap_or_else(|| panic!("{id} in {breakdown}"))
}

/// Three phone complaints in the first half of 2026 (one in January, one sensitive with a
/// summary), one in December 2025.
async fn three(app: &App, coord: &str) -> String {
    app.register(coord, "phone", "2025-12-15T10:00:00+01:00")
        .await;
    app.register(coord, "phone", "2026-01-05T10:00:00+01:00")
        .await;
    app.register(coord, "phone", "2026-02-02T10:00:00+01:00")
        .await;
    let sensitive = app
        .register(coord, "phone", "2026-03-02T10:00:00+01:00")
        .await;
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{sensitive}/classify"),
            coord,
            json!({"categories": ["privacy"], "severity": "serious", "sensitive": true}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    sensitive
}

#[tokio::test]
async fn t13_half_year_report_counts_the_half_year_and_compares_with_the_one_before() {
    let app = app().await;
    let coord = app.user("c@x.nl", &[Role::Coordinator]).await;
    let sensitive = three(&app, &coord).await;
    let (s, r) = app
        .get("/api/v1/reports/half-year?year=2026&half=1", &coord)
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["total"], 3);
    assert_eq!(
        r["period"],
        json!({"from": "2026-01-01", "to": "2026-06-30"})
    );
    assert_eq!(r["as_of"], "2026-05-01");
    assert_eq!(tally(&r["by_channel"], "phone"), 3);
    assert_eq!(tally(&r["by_form"], "oral"), 3);
    assert_eq!(tally(&r["by_category"], "privacy"), 1);
    assert_eq!(
        r["open_at_end"], 4,
        "December's complaint is still open too"
    );
    assert_eq!(r["previous"]["total"], 1);
    assert_eq!(
        r["previous"]["period"],
        json!({"from": "2025-07-01", "to": "2025-12-31"})
    );
    // The exceptional list names the reference; no summary yet.
    assert_eq!(r["exceptional_total"], 1);
    assert_eq!(r["exceptional"][0]["reference"], sensitive.as_str());
    assert_eq!(r["exceptional"][0]["reasons"], json!(["sensitive"]));
    assert_eq!(r["exceptional"][0]["summary"], "Nog geen samenvatting");
    // Acknowledgement deadlines of January and February passed unmet: late and open.
    let ack = &r["deadlines"][0];
    assert_eq!(ack["id"], "acknowledge");
    assert_eq!(ack["late_open"], 3);
    assert_eq!(ack["late_list"].as_array().unwrap().len(), 3);
    assert_eq!(ack["late_list"][0]["met_on"], Value::Null);

    // A custom period: January only; labels in English.
    let (s, p) = app
        .get(
            "/api/v1/reports/period?from=2026-01-01&to=2026-01-31&lang=en",
            &coord,
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!(p["total"], 1);
    assert_eq!(p["by_form"]["items"][1]["label"], "Oral");
    assert_eq!(
        p["previous"]["period"],
        json!({"from": "2025-12-01", "to": "2025-12-31"})
    );
    assert_eq!(p["previous"]["total"], 1);
}

#[tokio::test]
async fn k13_the_coordinator_writes_the_summary_the_report_shows() {
    let app = app().await;
    let coord = app.user("c@x.nl", &[Role::Coordinator]).await;
    let handler = app.user("h@x.nl", &[Role::Handler]).await;
    let sensitive = three(&app, &coord).await;
    let path = format!("/api/v1/complaints/{sensitive}/report-summary");

    let (s, v) = app.post(&path, &coord, json!({})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["fields"][0]["field"], "text");
    let (s, v) = app
        .post(&path, &coord, json!({"text": "x".repeat(1001)}))
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");

    // The assigned handler sees the complaint, but the summary is the coordinator's.
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{sensitive}/assign"),
            &coord,
            json!({"handler": "h@x.nl"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let (s, v) = app
        .post(&path, &handler, json!({"text": "Mijn versie."}))
        .await;
    assert_eq!(
        s,
        StatusCode::FORBIDDEN,
        "a handler writes no report summary: {v}"
    );

    let text = "Gegevens van een cliënt kwamen bij een derde terecht; procedure aangepast.";
    let (s, v) = app.post(&path, &coord, json!({"text": text})).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        v["timeline"].as_array().unwrap().last().unwrap()["kind"],
        "report_summary_written"
    );

    let (_, r) = app
        .get("/api/v1/reports/half-year?year=2026&half=1", &coord)
        .await;
    assert_eq!(r["exceptional"][0]["summary"], text);
    assert_eq!(r["exceptional"][0]["has_summary"], true);
}

#[tokio::test]
async fn t15_annual_report_is_anonymous_and_hides_small_counts() {
    let app = app().await;
    let coord = app.user("c@x.nl", &[Role::Coordinator]).await;
    let sensitive = three(&app, &coord).await;
    let text = "Een gevoelige klacht over privacy; afgehandeld.";
    let (s, _) = app
        .post(
            &format!("/api/v1/complaints/{sensitive}/report-summary"),
            &coord,
            json!({"text": text}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);

    let (s, r) = app.get("/api/v1/reports/annual?year=2026", &coord).await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(
        r["total"],
        json!({"below": 5}),
        "three received: the total is hidden as the breakdowns' counts are"
    );
    assert_eq!(
        r["period"],
        json!({"from": "2026-01-01", "to": "2026-12-31"})
    );
    // The template's threshold is 5: three is shown as below five, zero as zero.
    assert_eq!(tally(&r["by_channel"], "phone"), &json!({"below": 5}));
    assert_eq!(tally(&r["by_channel"], "web"), 0);
    assert_eq!(r["exceptional"][0]["reference"], Value::Null);
    assert_eq!(r["exceptional"][0]["summary"], text);
    assert!(
        r["deadlines"][0]["late_list"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let body = r.to_string();
    assert!(
        !body.contains(&sensitive),
        "no reference in the annual report"
    );
    assert!(!body.contains("Jan Jansen") && !body.contains("jan@example.nl"));
    assert!(!body.contains("kwam niet opdagen"), "no complaint text");
}

#[tokio::test]
async fn t13_reports_are_for_coordinator_deputy_director_and_board() {
    let app = app().await;
    for (email, role) in [
        ("c@x.nl", Role::Coordinator),
        ("d@x.nl", Role::Deputy),
        ("dir@x.nl", Role::Director),
        ("b@x.nl", Role::Board),
    ] {
        let t = app.user(email, &[role]).await;
        let (s, v) = app.get("/api/v1/reports/annual?year=2026", &t).await;
        assert_eq!(s, StatusCode::OK, "{role:?}: {v}");
    }
    for (email, role) in [
        ("h@x.nl", Role::Handler),
        ("s@x.nl", Role::Staff),
        ("r@x.nl", Role::Registrar),
        ("a@x.nl", Role::Admin),
    ] {
        let t = app.user(email, &[role]).await;
        for path in [
            "/api/v1/reports/half-year?year=2026&half=1",
            "/api/v1/reports/annual?year=2026",
            "/api/v1/reports/period?from=2026-01-01&to=2026-01-31",
        ] {
            let (s, v) = app.get(path, &t).await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{role:?} {path}: {v}");
            assert!(
                v["message"].as_str().unwrap().contains("coordinator"),
                "the refusal says who may: {v}"
            );
        }
    }
    let res = app
        .http
        .get(format!("{}/api/v1/reports/annual?year=2026", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn t13_bad_parameters_are_422_naming_the_field() {
    let app = app().await;
    let coord = app.user("c@x.nl", &[Role::Coordinator]).await;
    for (path, field) in [
        ("/api/v1/reports/half-year?year=2026&half=3", "half"),
        ("/api/v1/reports/half-year?year=2026", "half"),
        ("/api/v1/reports/half-year?year=abc&half=1", "year"),
        ("/api/v1/reports/half-year?year=1850&half=1", "year"),
        ("/api/v1/reports/annual", "year"),
        ("/api/v1/reports/annual?year=20261", "year"),
        ("/api/v1/reports/annual?year=2026&lang=de", "lang"),
        (
            "/api/v1/reports/period?from=2026-13-01&to=2026-12-31",
            "from",
        ),
        ("/api/v1/reports/period?from=2026-01-01", "to"),
        ("/api/v1/reports/period?from=2026-02-01&to=2026-01-31", "to"),
        (
            "/api/v1/reports/period?from=2026-01-01&to=2026-01-31&half=1",
            "half",
        ),
    ] {
        let (s, v) = app.get(path, &coord).await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {v}");
        let fields: Vec<&str> = v["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, vec![field], "{path}: {v}");
    }
}
