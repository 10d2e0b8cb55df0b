//! Retention over the JSON API (issue 15; K8, T10): the round anonymises a closed complaint the
//! day after its retention period and not before, once, also with two rounds at the same time;
//! a hold keeps it and is listed; the coordinator anonymises a closed complaint on request; bad
//! requests are refused with what to do, and change nothing.

use crate::support::app::{self, TestApp};
use base64::Engine;
use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// How many files are under `dir`.
fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .map(|e| {
                let p = e.path();
                if p.is_dir() { walk(&p) } else { 1 }
            })
            .sum()
    })
}

/// The template keeps personal data 24 months after closing.
const RECEIVED: &str = "2024-01-08T10:00:00+01:00";
const CLOSED: &str = "2024-01-15T16:00:00+01:00";

struct Site {
    app: TestApp,
    coordinator: String,
    handler: String,
}

async fn site() -> Site {
    let app = app::builtin("template", RECEIVED.parse().unwrap(), app::PublicUrl::Test).await;
    let coordinator = app
        .staff_token("c@x.nl", "Carla", &[Role::Coordinator])
        .await;
    let handler = app.staff_token("h@x.nl", "Hanna", &[Role::Handler]).await;
    Site {
        app,
        coordinator,
        handler,
    }
}

impl Site {
    /// A complaint by phone from `name`, received at [`RECEIVED`]; handled and closed at
    /// [`CLOSED`] unless `open`.
    async fn complaint(&self, name: &str, open: bool) -> String {
        let a = &self.app;
        a.set_clock(RECEIVED);
        let r = a
            .register_complaint(
                &self.coordinator,
                json!({"name": name, "phone": "0201234567", "description": "Niemand belde terug.",
                       "channel": "phone", "received_at": RECEIVED}),
            )
            .await;
        let c = &self.coordinator;
        a.step(c, &r, "assign", json!({"handler": "h@x.nl"})).await;
        if open {
            return r;
        }
        a.step(
            c,
            &r,
            "classify",
            json!({"categories": ["service"], "severity": "minor"}),
        )
        .await;
        a.step(
            &self.handler,
            &r,
            "decide",
            json!({"outcome": "gegrond", "decision": "U krijgt gelijk.", "via": "phone"}),
        )
        .await;
        a.set_clock(CLOSED);
        a.step(c, &r, "close", json!({})).await;
        r
    }

    async fn run(&self, dry_run: bool) -> Value {
        let (s, v) = self
            .app
            .post(
                "/api/v1/retention/run",
                &self.coordinator,
                json!({"dry_run": dry_run}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        v
    }

    fn refs(v: &Value) -> Vec<String> {
        v.as_array()
            .map(|a| {
                a.iter()
                    .map(|x| x["reference"].as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    async fn complainant(&self, r: &str) -> Value {
        self.app.dossier(&self.coordinator, r).await["complainant"].clone()
    }

    async fn kinds(&self, r: &str) -> Vec<String> {
        self.app.dossier(&self.coordinator, r).await["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].as_str().unwrap().to_owned())
            .collect()
    }
}

#[tokio::test]
async fn t10_the_round_anonymises_a_closed_complaint_the_day_after_its_retention_period_not_before()
{
    let s = site().await;
    let r = s.complaint("Greet Grevelink", false).await;
    let pdf = b"%PDF-1.4\n% verklaring van Greet\n%%EOF\n";
    s.app
        .step(
            &s.coordinator,
            &r,
            "attach-document",
            json!({"filename": "verklaring.pdf", "content_type": "application/pdf",
                   "content_base64": base64::engine::general_purpose::STANDARD.encode(pdf)}),
        )
        .await;
    let files = || -> usize { walk(&s.app.documents) };
    assert_eq!(files(), 1, "the document is stored");

    // The last day kept: 15 January 2026. The outlook sees it coming, the round leaves it.
    s.app.set_clock("2026-01-15T23:00:00+01:00");
    let outlook = s
        .app
        .get_ok("/api/v1/retention?days=30", &s.coordinator)
        .await;
    assert_eq!(outlook["today"], "2026-01-15");
    assert_eq!(outlook["until"], "2026-02-14");
    assert_eq!(
        outlook["due"],
        json!([{"reference": r, "ended_on": "2024-01-15", "anonymised_on": "2026-01-16"}])
    );
    assert_eq!(
        Site::refs(&s.run(false).await["anonymised"]),
        Vec::<String>::new()
    );
    assert_eq!(s.complainant(&r).await["name"], "Greet Grevelink");

    // The next day: a dry run says it and changes nothing; the round does it, once.
    s.app.set_clock("2026-01-16T01:00:00+01:00");
    let dry = s.run(true).await;
    assert_eq!(dry["dry_run"], true);
    assert_eq!(Site::refs(&dry["anonymised"]), vec![r.clone()]);
    assert_eq!(s.complainant(&r).await["name"], "Greet Grevelink");
    let round = s.run(false).await;
    assert_eq!(
        round["anonymised"],
        json!([{"reference": r, "ended_on": "2024-01-15", "anonymised_on": "2026-01-16"}])
    );
    assert_eq!(round["failed"], json!([]));
    assert_eq!(s.complainant(&r).await, Value::Null);
    assert_eq!(files(), 0, "the document went with the rest");
    let dossier = s.app.dossier(&s.coordinator, &r).await;
    let last = dossier["timeline"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["kind"], "anonymised");
    assert_eq!(last["actor"]["type"], "system", "{last}");
    assert_eq!(last["why"], "retention", "{last}");
    assert_eq!(dossier["status"], "closed");
    assert_eq!(
        Site::refs(&s.run(false).await["anonymised"]),
        Vec::<String>::new()
    );
    assert_eq!(
        s.kinds(&r)
            .await
            .iter()
            .filter(|k| *k == "anonymised")
            .count(),
        1
    );
}

#[tokio::test]
async fn t10_two_rounds_at_once_anonymise_each_complaint_once() {
    let s = site().await;
    let mut refs = Vec::new();
    for name in ["Anna Aalders", "Bram Bos", "Cor Claassen", "Dirk Dekker"] {
        refs.push(s.complaint(name, false).await);
    }
    s.app.set_clock("2026-06-01T12:00:00+02:00");
    let (a, b) = tokio::join!(
        klacht_app::privacy::round(&s.app.state, false),
        klacht_app::privacy::round(&s.app.state, false)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    let mut done: Vec<String> = a
        .anonymised
        .iter()
        .chain(&b.anonymised)
        .map(|d| d.reference.to_string())
        .collect();
    done.sort();
    assert_eq!(done, refs, "each complaint in one round's list");
    assert!(a.failed.is_empty() && b.failed.is_empty());
    for r in &refs {
        assert_eq!(
            s.kinds(r)
                .await
                .iter()
                .filter(|k| *k == "anonymised")
                .count(),
            1,
            "{r}"
        );
    }
}

#[tokio::test]
async fn t10_a_held_complaint_is_skipped_and_listed_until_the_hold_is_lifted() {
    let s = site().await;
    let r = s.complaint("Henk Hoogland", false).await;
    s.app.set_clock("2025-03-03T10:00:00+01:00");
    let v = s
        .app
        .step(
            &s.coordinator,
            &r,
            "hold",
            json!({"reason": "Klager heeft de zaak voorgelegd aan de Nationale ombudsman."}),
        )
        .await;
    assert_eq!(v["status"], "closed", "{v}");

    s.app.set_clock("2026-06-01T12:00:00+02:00");
    assert_eq!(
        Site::refs(&s.run(false).await["anonymised"]),
        Vec::<String>::new()
    );
    let outlook = s.app.get_ok("/api/v1/retention", &s.coordinator).await;
    assert_eq!(outlook["due"], json!([]));
    assert_eq!(
        outlook["held"],
        json!([{"reference": r, "since": "2025-03-03T09:00:00Z",
                "reason": "Klager heeft de zaak voorgelegd aan de Nationale ombudsman.",
                "kept_until": "2026-01-15"}])
    );
    assert_eq!(s.complainant(&r).await["name"], "Henk Hoogland");

    s.app
        .step(
            &s.coordinator,
            &r,
            "lift-hold",
            json!({"reason": "Ombudsman heeft beslist."}),
        )
        .await;
    let outlook = s.app.get_ok("/api/v1/retention", &s.coordinator).await;
    assert_eq!(outlook["held"], json!([]));
    assert_eq!(Site::refs(&outlook["due"]), vec![r.clone()]);
    assert_eq!(
        Site::refs(&s.run(false).await["anonymised"]),
        vec![r.clone()]
    );
    let kinds = s.kinds(&r).await;
    assert_eq!(
        kinds[kinds.len() - 3..],
        ["hold_placed", "hold_lifted", "anonymised"]
    );
}

#[tokio::test]
async fn t10_the_coordinator_anonymises_a_closed_complaint_on_request_with_the_reason() {
    let s = site().await;
    let r = s.complaint("Ilse IJzerman", false).await;
    let other = s.complaint("Joop Jonker", false).await;
    s.app.set_clock("2024-02-01T10:00:00+01:00");
    let v = s
        .app
        .step(
            &s.coordinator,
            &r,
            "anonymise",
            json!({"reason": "Verzoek om verwijdering (art. 17 AVG) van 1 februari."}),
        )
        .await;
    assert_eq!(v["complainant"], Value::Null, "{v}");
    let last = v["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "anonymised");
    assert_eq!(last["why"], "request");
    assert_eq!(
        last["reason"],
        "Verzoek om verwijdering (art. 17 AVG) van 1 februari."
    );
    assert_eq!(last["at"], "2024-02-01T09:00:00Z");
    // The search no longer finds the name; the other complaint is found by its own.
    let (_, found) = s
        .app
        .get("/api/v1/complaints?text=IJzerman", &s.coordinator)
        .await;
    assert_eq!(found["items"], json!([]));
    let (_, found) = s
        .app
        .get("/api/v1/complaints?text=Jonker", &s.coordinator)
        .await;
    assert_eq!(Site::refs(&found["items"]), vec![other]);
}

#[tokio::test]
async fn t10_k8_bad_requests_are_refused_with_what_to_do_and_change_nothing() {
    let s = site().await;
    let open = s.complaint("Karel Kok", true).await;
    let closed = s.complaint("Lies Lammers", false).await;
    let post = |r: &str, action: &str, token: &str, body: Value| {
        let path = format!("/api/v1/complaints/{r}/{action}");
        let token = token.to_owned();
        let app = &s.app;
        async move { app.post(&path, &token, body).await }
    };
    let reason = json!({"reason": "Verzoek van de klager."});

    // A reference that does not exist.
    let (st, v) = post("2024-9999", "anonymise", &s.coordinator, reason.clone()).await;
    assert_eq!(st, StatusCode::NOT_FOUND, "{v}");
    // An open complaint: close it first.
    let (st, v) = post(&open, "anonymise", &s.coordinator, reason.clone()).await;
    assert_eq!(st, StatusCode::CONFLICT, "{v}");
    assert!(
        v["message"].as_str().unwrap().contains("close it first"),
        "{v}"
    );
    let (st, v) = post(&open, "hold", &s.coordinator, reason.clone()).await;
    assert_eq!(st, StatusCode::CONFLICT, "{v}");
    assert!(
        v["message"].as_str().unwrap().contains("close it first"),
        "{v}"
    );
    // Without a reason.
    let (st, v) = post(&closed, "anonymise", &s.coordinator, json!({})).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["fields"][0]["field"], "reason", "{v}");
    // Not the handler's to do.
    let (st, v) = post(&closed, "anonymise", &s.handler, reason.clone()).await;
    assert_eq!(st, StatusCode::FORBIDDEN, "{v}");
    let (st, _) = s.app.get("/api/v1/retention", &s.handler).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, _) = s
        .app
        .post("/api/v1/retention/run", &s.handler, json!({}))
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    // Too far ahead.
    let (st, v) = s
        .app
        .get("/api/v1/retention?days=999", &s.coordinator)
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    // Nothing changed.
    assert_eq!(s.complainant(&open).await["name"], "Karel Kok");
    assert_eq!(s.complainant(&closed).await["name"], "Lies Lammers");
    // Already anonymised: refused, says when.
    s.app.set_clock("2024-02-01T10:00:00+01:00");
    s.app
        .step(&s.coordinator, &closed, "anonymise", reason.clone())
        .await;
    let (st, v) = post(&closed, "anonymise", &s.coordinator, reason.clone()).await;
    assert_eq!(st, StatusCode::CONFLICT, "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("was anonymised on 2024-02-01"),
        "{v}"
    );
    let (st, v) = post(
        &closed,
        "add-note",
        &s.coordinator,
        json!({"text": "Nog iets."}),
    )
    .await;
    assert_eq!(st, StatusCode::CONFLICT, "{v}");
}

#[tokio::test]
async fn t10_a_correction_replaces_the_old_value_everywhere_but_the_chain_which_still_verifies() {
    let s = site().await;
    let r = s.complaint("Marja Mulder", true).await;
    let v = s
        .app
        .step(
            &s.coordinator,
            &r,
            "rectify",
            json!({"field": "phone", "value": "0687654321"}),
        )
        .await;
    assert_eq!(
        v["complainant"],
        json!({"name": "Marja Mulder", "phone": "0687654321"})
    );
    let dossier = s.app.dossier(&s.coordinator, &r).await;
    let timeline = dossier["timeline"].as_array().unwrap();
    assert_eq!(
        timeline[0]["complainant"]["phone"], "0687654321",
        "{dossier}"
    );
    let last = timeline.last().unwrap();
    assert_eq!(last["kind"], "rectified");
    assert_eq!(last["field"], "phone");
    assert_eq!(last["value"], "0687654321");
    assert!(!dossier.to_string().contains("0201234567"), "{dossier}");
    // Found by the new number, not by the old.
    let (_, found) = s
        .app
        .get("/api/v1/complaints?text=0687654321", &s.coordinator)
        .await;
    assert_eq!(Site::refs(&found["items"]), vec![r.clone()]);
    let (_, found) = s
        .app
        .get("/api/v1/complaints?text=0201234567", &s.coordinator)
        .await;
    assert_eq!(found["items"], json!([]));
    // The chain verifies; the correction is told apart from tampering.
    let reference = klacht_core::Reference::parse(&r).unwrap();
    assert_eq!(s.app.store.verify_chain(&reference).await.unwrap(), None);

    // Bad corrections change nothing.
    for (body, field) in [
        (json!({"field": "email", "value": "geen-adres"}), "value"),
        (json!({"field": "shoe_size", "value": "42"}), "field"),
    ] {
        let (st, v) = s
            .app
            .post(
                &format!("/api/v1/complaints/{r}/rectify"),
                &s.coordinator,
                body,
            )
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        assert!(v.to_string().contains(field), "{v}");
    }
    let (st, v) = s
        .app
        .post(
            &format!("/api/v1/complaints/{r}/rectify"),
            &s.coordinator,
            json!({"field": "on_behalf_of", "value": "Piet"}),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("not made on someone else's behalf")
    );
    let (st, _) = s
        .app
        .post(
            &format!("/api/v1/complaints/{r}/rectify"),
            &s.handler,
            json!({"field": "name", "value": "Marja de Mulder"}),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert_eq!(
        s.complainant(&r).await,
        json!({"name": "Marja Mulder", "phone": "0687654321"})
    );
}

#[tokio::test]
async fn t10_t19_the_privacy_statement_says_what_klacht_does_with_the_regulations_period() {
    let s = site().await;
    let html = s.app.page("/", &[]).await.body;
    for said in [
        "tot 24 maanden nadat uw klacht is afgesloten of ingetrokken",
        "De dag daarna worden ze vanzelf geanonimiseerd",
        "de brieven, de bijlagen en de links naar uw klacht worden gewist",
        "Wij leggen vast wie uw dossier wanneer heeft geopend",
        "Wij antwoorden binnen een maand",
    ] {
        assert!(html.contains(said), "{said}");
    }
    let html = s.app.page("/?lang=en", &[]).await.body;
    assert!(
        html.contains("until 24 months after your complaint has been closed or withdrawn"),
        "{html}"
    );
}

#[tokio::test]
async fn t10_a_complaint_is_kept_by_the_period_of_the_version_it_was_handled_under() {
    use klacht_core::procedure::{Command, Complainant, Complaint, Ctx, NewComplaint, Org};
    let s = site().await;
    // An earlier version of the regulation kept complaints one month; the one in force, 24.
    let source = klacht_core::profile::builtin_source("template")
        .unwrap()
        .replace("months_after_close = 24", "months_after_close = 1")
        .replace("version = \"2025-1\"", "version = \"2023-1\"");
    let short = klacht_core::profile::parse(&source).unwrap();
    let at: jiff::Timestamp = RECEIVED.parse().unwrap();
    let profile_id = s
        .app
        .store
        .register_profile(&short, &source, at)
        .await
        .unwrap();
    let users = s.app.store.users().await.unwrap();
    let org = Org {
        staff: users.iter().map(klacht_store::User::staff).collect(),
    };
    let carla = users.iter().find(|u| u.email == "c@x.nl").unwrap().staff();
    let calendar = klacht_core::Calendar::new(&short.calendar);
    let ctx = Ctx {
        profile: &short,
        calendar: &calendar,
        org: &org,
        now: at,
    };
    let new = NewComplaint {
        channel: klacht_core::Channel::Phone,
        received_at: at,
        received_by: Some(carla.id),
        received_where: None,
        concerns: None,
        relation: None,
        complainant: Complainant {
            name: "Oude Regeling".into(),
            phone: Some("0201234567".into()),
            ..Complainant::default()
        },
        on_behalf_of: None,
        description: "Onder de oude regeling.".into(),
        language: klacht_core::Lang::Nl,
        resolved_directly: None,
        documents: Vec::new(),
    };
    let events = klacht_core::procedure::register(&ctx, Some(&carla), new).unwrap();
    let state = Complaint::replay(&events).unwrap();
    let (id, reference) = s
        .app
        .store
        .create_complaint(klacht_store::NewRecord {
            profile_id,
            events,
            state: state.clone(),
        })
        .await
        .unwrap();
    let withdrawn =
        klacht_core::procedure::decide(&ctx, &state, &carla, Command::Withdraw { reason: None })
            .unwrap();
    let mut next = state.clone();
    withdrawn.iter().for_each(|e| next.apply(e));
    s.app
        .store
        .append(id, state.version, &withdrawn, &next)
        .await
        .unwrap();

    // Withdrawn on 8 January 2024: kept through 8 February under its own version.
    s.app.set_clock("2024-02-08T12:00:00+01:00");
    assert_eq!(
        Site::refs(&s.run(true).await["anonymised"]),
        Vec::<String>::new()
    );
    s.app.set_clock("2024-02-09T12:00:00+01:00");
    let round = s.run(false).await;
    assert_eq!(
        round["anonymised"],
        json!([{"reference": reference.to_string(), "ended_on": "2024-01-08", "anonymised_on": "2024-02-09"}])
    );
}
