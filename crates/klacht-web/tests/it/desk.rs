//! The data-subject desk over the JSON API (issue 15 item 4; AVG art. 12, 15, 16, 17; K8, T10):
//! a request gets its own deadline, is extended once with a notice to the person, finds the
//! person's complaints, and is answered with an export of their data only, a correction, or
//! erasure of what may be erased, each step logged; bad requests change nothing.

use crate::support::app::{self, TestApp};
use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

const START: &str = "2026-01-12T10:00:00+01:00";

struct Site {
    app: TestApp,
    coordinator: String,
    handler: String,
}

async fn site() -> Site {
    site_under("template", &[Role::Coordinator]).await
}

/// [`site`] under the built-in regulation `profile`, its coordinator with `roles`.
async fn site_under(profile: &str, roles: &[Role]) -> Site {
    let app = app::builtin(profile, START.parse().unwrap(), app::PublicUrl::Test).await;
    let coordinator = app.staff_token("c@x.nl", "Carla Coordinator", roles).await;
    let handler = app
        .staff_token("h@x.nl", "Hanna Handler", &[Role::Handler])
        .await;
    Site {
        app,
        coordinator,
        handler,
    }
}

impl Site {
    /// A complaint by e-mail from `person` (JSON fields), assigned; closed unless `open`.
    async fn complaint(&self, person: Value, open: bool) -> String {
        let a = &self.app;
        let mut body = person;
        body["description"] = json!("De rolstoelingang was op slot.");
        body["channel"] = json!("email");
        let r = a.register_complaint(&self.coordinator, body).await;
        let c = &self.coordinator;
        a.step(c, &r, "assign", json!({"handler": "h@x.nl"})).await;
        a.step(
            &self.handler,
            &r,
            "add-note",
            json!({"text": "Collega Wubbo Zeldenrust had de sleutel."}),
        )
        .await;
        if !open {
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
                json!({"outcome": "gegrond", "decision": "De ingang gaat voortaan om acht uur open."}),
            )
            .await;
            a.step(c, &r, "close", json!({})).await;
        }
        r
    }

    async fn request(&self, body: Value) -> (StatusCode, Value) {
        self.app
            .post("/api/v1/privacy/requests", &self.coordinator, body)
            .await
    }

    async fn act(&self, id: i64, action: &str, body: Value) -> (StatusCode, Value) {
        self.app
            .post(
                &format!("/api/v1/privacy/requests/{id}/{action}"),
                &self.coordinator,
                body,
            )
            .await
    }

    async fn desk(&self, id: i64) -> Value {
        self.app
            .get_ok(&format!("/api/v1/privacy/requests/{id}"), &self.coordinator)
            .await
    }
}

/// How many reads of the dossier `reference` are logged (read from the store: no read itself).
async fn reads_of(s: &Site, reference: &str) -> usize {
    let r = klacht_core::Reference::parse(reference).unwrap();
    let id = s.app.store.load(&r).await.unwrap().unwrap().id;
    s.app.store.reads(id, 1000).await.unwrap().len()
}

fn actions(desk: &Value) -> Vec<String> {
    desk["request"]["log"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["action"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn art_12_a_request_needs_a_person_and_a_kind_and_is_due_a_month_after_receipt() {
    let s = site().await;
    for (body, field) in [
        (json!({"kind": "access"}), "email"),
        (json!({"kind": "inzage", "email": "a@b.nl"}), "kind"),
        (json!({"kind": "access", "email": "geen adres"}), "email"),
        (
            json!({"kind": "access", "email": "a@b.nl", "received_on": "2026-02-01"}),
            "received_on",
        ),
        (json!({"kind": "access", "name": "Jan\nJansen"}), "name"),
    ] {
        let (st, v) = s.request(body.clone()).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {v}");
        assert!(v.to_string().contains(field), "{body}: {v}");
    }
    let (st, _) = s
        .app
        .post(
            "/api/v1/privacy/requests",
            &s.handler,
            json!({"kind": "access", "email": "a@b.nl"}),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    assert_eq!(
        s.app
            .get_ok("/api/v1/privacy/requests", &s.coordinator)
            .await,
        json!([]),
        "nothing was stored"
    );

    // Received on Saturday 31 January: a month is 28 February, a Saturday: due Monday 2 March.
    let (st, v) = s
        .request(json!({"kind": "access", "email": "a@b.nl", "received_on": "2026-01-10"}))
        .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    assert_eq!(v["request"]["due_on"], "2026-02-10");
    s.app.set_clock("2026-02-02T09:00:00+01:00");
    let (_, v) = s
        .request(json!({"kind": "erasure", "phone": "06 1234 5678", "received_on": "2026-01-31"}))
        .await;
    assert_eq!(v["request"]["due_on"], "2026-03-02");
    assert_eq!(v["request"]["person"], json!({"phone": "06 1234 5678"}));
    assert_eq!(actions(&v), ["registered"]);
    // Listed open, due first first.
    let list = s
        .app
        .get_ok("/api/v1/privacy/requests", &s.coordinator)
        .await;
    let dues: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["due_on"].as_str().unwrap())
        .collect();
    assert_eq!(dues, ["2026-02-10", "2026-03-02"]);
}

/// K4: under a regulation that says "je" (kjrw) the person hears of the extension as its
/// letters address them, with "je".
#[tokio::test]
async fn k4_art_12_3_under_kjrw_the_extension_is_told_with_je() {
    let s = site_under("kjrw", &[Role::Coordinator, Role::Board]).await;
    let (st, v) = s
        .request(json!({"kind": "access", "name": "Fenna Fokkema", "email": "fenna@example.org"}))
        .await;
    assert_eq!(st, StatusCode::CREATED, "{v}");
    let id = v["request"]["id"].as_i64().unwrap();
    s.app.set_clock("2026-02-12T17:00:00+01:00");
    let (st, v) = s
        .act(
            id,
            "extend",
            json!({"reason": "Een deel van het dossier ligt in het archief."}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let mail = s.app.mail_to_before("fenna@example.org", s.app.now()).await;
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0]
            .subject
            .starts_with("Je verzoek over je gegevens bij "),
        "{}",
        mail[0].subject
    );
    assert!(
        mail[0].subject.ends_with(": wij hebben meer tijd nodig"),
        "{}",
        mail[0].subject
    );
    assert!(
        mail[0]
            .body
            .contains("ontvingen wij je verzoek over je persoonsgegevens."),
        "{}",
        mail[0].body
    );
    assert!(
        mail[0]
            .body
            .contains("Je hoort uiterlijk op 2026-04-13 van ons."),
        "{}",
        mail[0].body
    );
    let says_u = |t: &str| {
        t.split(|c: char| !c.is_alphanumeric())
            .any(|w| matches!(w, "u" | "U" | "uw" | "Uw"))
    };
    assert!(!says_u(&mail[0].subject), "{}", mail[0].subject);
    assert!(!says_u(&mail[0].body), "{}", mail[0].body);
}

#[tokio::test]
async fn art_12_3_a_request_is_extended_once_within_its_first_month_and_the_person_is_told() {
    let s = site().await;
    let (_, v) = s
        .request(json!({"kind": "access", "name": "Fenna Fokkema", "email": "fenna@example.org"}))
        .await;
    let id = v["request"]["id"].as_i64().unwrap();
    assert_eq!(v["request"]["due_on"], "2026-02-12");
    assert_eq!(v["may_extend"], true);
    let (st, v) = s.act(id, "extend", json!({})).await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");

    s.app.set_clock("2026-02-12T17:00:00+01:00");
    let (st, v) = s
        .act(
            id,
            "extend",
            json!({"reason": "Uw klachten liggen deels in het archief."}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    // Three months after 12 January: 12 April, a Sunday: Monday 13 April.
    assert_eq!(v["request"]["due_on"], "2026-04-13");
    assert_eq!(
        v["request"]["extension_reason"],
        "Uw klachten liggen deels in het archief."
    );
    assert_eq!(v["may_extend"], false);
    assert_eq!(actions(&v), ["registered", "extended", "told"]);
    let mail = s.app.mail_to_before("fenna@example.org", s.app.now()).await;
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].subject.contains("wij hebben meer tijd nodig"),
        "{}",
        mail[0].subject
    );
    assert!(
        mail[0].body.contains("Beste Fenna Fokkema"),
        "{}",
        mail[0].body
    );
    assert!(
        mail[0].body.contains("uiterlijk op 2026-04-13"),
        "{}",
        mail[0].body
    );
    assert!(
        mail[0]
            .body
            .contains("Uw klachten liggen deels in het archief.")
    );

    let (st, v) = s.act(id, "extend", json!({"reason": "Nog langer."})).await;
    assert_eq!(st, StatusCode::CONFLICT, "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("can be extended once"),
        "{v}"
    );

    // Past its first month, an extension is too late.
    s.app.set_clock("2026-01-12T10:00:00+01:00");
    let (_, v) = s
        .request(json!({"kind": "access", "phone": "0612345678"}))
        .await;
    let late = v["request"]["id"].as_i64().unwrap();
    s.app.set_clock("2026-02-13T09:00:00+01:00");
    let (st, v) = s.act(late, "extend", json!({"reason": "Druk."})).await;
    assert_eq!(st, StatusCode::CONFLICT, "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("within the first month"),
        "{v}"
    );
    assert_eq!(s.desk(late).await["request"]["due_on"], "2026-02-12");
}

#[tokio::test]
async fn art_15_the_export_holds_the_persons_data_and_nobody_elses() {
    let s = site().await;
    let own = s
        .complaint(
            json!({"name": "Gerrit Gorter", "email": "gerrit@example.org", "address": "Dorpsstraat 1, Winsum"}),
            false,
        )
        .await;
    let represented = s
        .complaint(
            json!({"name": "Wilma Wester", "email": "wilma@example.org", "on_behalf_of": "Gerrit Gorter"}),
            true,
        )
        .await;
    let _other = s
        .complaint(
            json!({"name": "Harm Hoekstra", "email": "harm@example.org"}),
            false,
        )
        .await;
    let (_, v) = s
        .request(json!({"kind": "access", "name": "Gerrit Gorter", "email": "gerrit@example.org"}))
        .await;
    let id = v["request"]["id"].as_i64().unwrap();
    let found: Vec<(String, String)> = v["complaints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["reference"].as_str().unwrap().to_owned(),
                c["relation"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (own.clone(), "complainant".to_owned()),
            (represented.clone(), "represented".to_owned())
        ]
    );

    let (reads_own, reads_represented) =
        (reads_of(&s, &own).await, reads_of(&s, &represented).await);
    let export = s
        .app
        .get_ok(
            &format!("/api/v1/privacy/requests/{id}/export"),
            &s.coordinator,
        )
        .await;
    let text = export.to_string();
    let complaints = export["complaints"].as_array().unwrap();
    assert_eq!(complaints.len(), 2);
    assert_eq!(complaints[0]["reference"], own.as_str());
    assert_eq!(
        complaints[0]["details"],
        json!({"name": "Gerrit Gorter", "email": "gerrit@example.org", "address": "Dorpsstraat 1, Winsum"})
    );
    assert_eq!(complaints[0]["outcome"], "gegrond");
    assert!(
        text.contains("De ingang gaat voortaan om acht uur open."),
        "the decision letter: {text}"
    );
    assert_eq!(complaints[1]["details"], json!({"name": "Gerrit Gorter"}));
    assert_eq!(complaints[1]["letters"], json!([]));
    // The decision letter as Gerrit received it, signed by the handler who sent it (T7).
    assert!(
        complaints[0]["letters"][0]["text"]
            .as_str()
            .unwrap()
            .contains("Met vriendelijke groet,\n\nHanna Handler\nBehandelaar\nStichting Voorbeeld"),
        "{text}"
    );
    // Nobody else's data: not the representative, not the staff note, no staff names beyond
    // the signature of a letter sent to the person, not the other complaint.
    let mut without_letters = export.clone();
    for c in without_letters["complaints"].as_array_mut().unwrap() {
        c["letters"] = json!([]);
    }
    let text = without_letters.to_string();
    for other in [
        "Wilma",
        "wilma@example.org",
        "Wubbo Zeldenrust",
        "Hanna Handler",
        "Carla Coordinator",
        "Harm Hoekstra",
    ] {
        assert!(!text.contains(other), "{other} in the export: {text}");
    }
    let letters = export.to_string();
    for other in ["Wilma", "Wubbo Zeldenrust", "Harm Hoekstra"] {
        assert!(!letters.contains(other), "{other} in the export: {letters}");
    }
    assert_eq!(actions(&s.desk(id).await), ["registered", "exported"]);
    // A read of each dossier it drew from, as the coordinator sees on the dossier (K8).
    for (r, before) in [(&own, reads_own), (&represented, reads_represented)] {
        assert_eq!(reads_of(&s, r).await, before + 1, "{r}");
    }
}

#[tokio::test]
async fn art_17_erasure_anonymises_what_may_be_and_says_why_not_for_the_rest() {
    let s = site().await;
    let person = json!({"name": "Ineke Idema", "email": "ineke@example.org"});
    let closed = s.complaint(person.clone(), false).await;
    let open = s.complaint(person.clone(), true).await;
    let held = s.complaint(person.clone(), false).await;
    s.app
        .step(
            &s.coordinator,
            &held,
            "hold",
            json!({"reason": "Zaak bij de rechter."}),
        )
        .await;
    let (_, v) = s
        .request(json!({"kind": "erasure", "email": "ineke@example.org"}))
        .await;
    let id = v["request"]["id"].as_i64().unwrap();
    assert_eq!(v["complaints"].as_array().unwrap().len(), 3);

    let (st, v) = s.act(id, "erase", json!({})).await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let by_ref = |r: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|x| x["reference"] == r)
            .cloned()
            .unwrap()
    };
    assert_eq!(by_ref(&closed)["anonymised"], true);
    assert_eq!(by_ref(&open)["anonymised"], false);
    assert!(
        by_ref(&open)["refused"]
            .as_str()
            .unwrap()
            .contains("close it first"),
        "{v}"
    );
    assert!(
        by_ref(&held)["refused"]
            .as_str()
            .unwrap()
            .contains("lift the hold first"),
        "{v}"
    );
    assert_eq!(
        s.app.dossier(&s.coordinator, &closed).await["complainant"],
        Value::Null
    );
    assert_eq!(
        s.app.dossier(&s.coordinator, &open).await["complainant"]["name"],
        "Ineke Idema"
    );
    let last = s.app.dossier(&s.coordinator, &closed).await["timeline"]
        .as_array()
        .unwrap()
        .last()
        .cloned()
        .unwrap();
    assert_eq!(last["kind"], "anonymised");
    assert_eq!(
        last["reason"],
        format!("Verzoek om wissing (art. 17 AVG), verzoek {id}")
    );

    let (st, v) = s
        .act(
            id,
            "complete",
            json!({"outcome": "1 klacht gewist; 1 nog open, 1 bewaard voor de rechter."}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    let desk = s.desk(id).await;
    let log = actions(&desk);
    assert_eq!(log.first().map(String::as_str), Some("registered"));
    assert_eq!(log.last().map(String::as_str), Some("completed"));
    assert_eq!(log.iter().filter(|a| *a == "anonymised").count(), 1);
    assert_eq!(log.iter().filter(|a| *a == "refused").count(), 2);
    assert_eq!(
        desk["request"]["outcome"],
        "1 klacht gewist; 1 nog open, 1 bewaard voor de rechter."
    );
    // Settled: nothing more.
    let (st, v) = s.act(id, "erase", json!({})).await;
    assert_eq!(st, StatusCode::CONFLICT, "{v}");
    let (st, _) = s.act(9999, "erase", json!({})).await;
    assert_eq!(st, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn art_16_a_correction_through_the_desk_on_the_persons_complaint_only() {
    let s = site().await;
    let own = s
        .complaint(
            json!({"name": "Jelle Jongsma", "email": "jelle@example.org"}),
            true,
        )
        .await;
    let other = s
        .complaint(
            json!({"name": "Klaas Kuipers", "email": "klaas@example.org"}),
            true,
        )
        .await;
    let (_, v) = s
        .request(json!({"kind": "rectification", "email": "jelle@example.org"}))
        .await;
    let id = v["request"]["id"].as_i64().unwrap();
    let (st, v) = s
        .act(
            id,
            "rectify",
            json!({"reference": own, "field": "name", "value": "Jelle Jongsma-de Vries"}),
        )
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(
        s.app.dossier(&s.coordinator, &own).await["complainant"]["name"],
        "Jelle Jongsma-de Vries"
    );
    assert_eq!(actions(&v), ["registered", "rectified"]);
    let (st, v) = s
        .act(
            id,
            "rectify",
            json!({"reference": other, "field": "name", "value": "Iemand"}),
        )
        .await;
    assert_eq!(st, StatusCode::CONFLICT, "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("is not among the complaints")
    );
    let (st, v) = s
        .act(
            id,
            "rectify",
            json!({"reference": own, "field": "shoe_size"}),
        )
        .await;
    assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(
        s.app.dossier(&s.coordinator, &other).await["complainant"]["name"],
        "Klaas Kuipers"
    );
}

#[tokio::test]
async fn art_12_a_request_due_by_the_next_working_day_is_told_to_the_coordinator_once() {
    let s = site().await;
    // Received Monday 12 January: due Thursday 12 February.
    let (_, v) = s
        .request(json!({"kind": "access", "email": "lieke@example.org"}))
        .await;
    let id = v["request"]["id"].as_i64().unwrap();
    let round = || klacht_app::desk::reminder_round(&s.app.state);
    let coordinator = s.app.user_id("c@x.nl").await;
    let handler = s.app.user_id("h@x.nl").await;
    let told = |user| {
        let store = s.app.store.clone();
        async move {
            store
                .notices(user, None, 50)
                .await
                .unwrap()
                .into_iter()
                .filter(|n| n.kind == "request_due")
                .map(|n| n.detail.unwrap_or_default())
                .collect::<Vec<_>>()
        }
    };
    // Tuesday 10 February: not yet.
    s.app.set_clock("2026-02-10T08:00:00+01:00");
    assert_eq!(round().await.unwrap(), 0);
    // Wednesday 11 February, the working day before: told once, the coordinator only.
    s.app.set_clock("2026-02-11T08:00:00+01:00");
    assert_eq!(round().await.unwrap(), 1);
    assert_eq!(round().await.unwrap(), 0, "once");
    assert_eq!(told(coordinator).await, [format!("{id}:2026-02-12")]);
    assert_eq!(told(handler).await, Vec::<String>::new());
    let mail = s.app.mail_to_before("c@x.nl", s.app.now()).await;
    let mail: Vec<_> = mail
        .iter()
        .filter(|m| m.subject.contains("van een betrokkene"))
        .collect();
    assert_eq!(mail.len(), 1);
    assert_eq!(
        mail[0].subject,
        format!("Verzoek {id} van een betrokkene moet uiterlijk 12 februari 2026 beantwoord zijn")
    );
    assert!(
        mail[0].body.contains(&format!("/beheer/verzoeken/{id}")),
        "{}",
        mail[0].body
    );
    // Extended: the new date is told when it comes near; settled: nothing more.
    s.act(id, "extend", json!({"reason": "Archief."})).await;
    assert_eq!(round().await.unwrap(), 0);
    s.app.set_clock("2026-04-10T08:00:00+02:00");
    assert_eq!(round().await.unwrap(), 1);
    s.act(id, "complete", json!({"outcome": "Overzicht gestuurd."}))
        .await;
    s.app.set_clock("2026-04-14T08:00:00+02:00");
    assert_eq!(round().await.unwrap(), 0);
}
