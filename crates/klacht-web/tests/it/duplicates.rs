//! The same complaint twice, and related complaints (issue 17, item 7), through the API and the
//! back office: a duplicate joins its original's dossier and is counted once; related complaints
//! show the link on both dossiers; a reference that is not there or not visible is refused in
//! the same words (K8), and the person complained about cannot join or link (K3).

use crate::support::app::{self, TestApp, staff_user};
use crate::support::desk::Desk;

use jiff::Timestamp;
use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

const NOW: &str = "2026-05-04T09:00:00+02:00";

async fn start() -> TestApp {
    app::builtin("template", NOW.parse().unwrap(), app::PublicUrl::Test).await
}

async fn coordinator(app: &TestApp) -> (Desk, String) {
    let (id, secret) = staff_user(
        app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    let token = app.store.create_token(id, Timestamp::now()).await.unwrap();
    (
        Desk::sign_in(app, "coord@example.org", secret.as_deref()).await,
        token,
    )
}

/// A complaint by e-mail, registered by staff (they acknowledge it themselves): its reference.
async fn by_mail(app: &TestApp, token: &str, description: &str) -> String {
    app.register_complaint(
        token,
        json!({"name": "Jan Jansen", "email": "jan@example.nl", "channel": "email",
               "description": description}),
    )
    .await
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
async fn t12_a_duplicate_joins_the_original_and_is_counted_once() {
    let app = start().await;
    let (_, token) = coordinator(&app).await;
    let original = by_mail(&app, &token, "De wachttijd was lang.").await;
    let twice = by_mail(&app, &token, "Nogmaals: de wachttijd was lang.").await;
    assert_eq!(
        app.get_ok("/api/v1/reports/half-year?year=2026&half=1", &token)
            .await["total"],
        2
    );

    let v = app
        .step(&token, &twice, "mark-duplicate", json!({"of": original}))
        .await;
    assert_eq!(v["status"], "duplicate");
    assert_eq!(v["duplicate_of"], original.as_str());
    assert_eq!(kinds(&v).last().unwrap(), "marked_duplicate");
    assert!(
        !v["allowed_actions"]
            .as_array()
            .unwrap()
            .contains(&json!("acknowledge")),
        "{v}"
    );
    // No (second) acknowledgement for the duplicate once it is marked.
    let (s, e) = app
        .post(
            &format!("/api/v1/complaints/{twice}/acknowledge"),
            &token,
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");

    let o = app.dossier(&token, &original).await;
    assert_eq!(o["duplicates"], json!([twice]));
    assert_eq!(kinds(&o).last().unwrap(), "duplicate_joined");
    assert_eq!(
        o["timeline"].as_array().unwrap().last().unwrap()["duplicate"],
        twice.as_str()
    );

    // The reports count one complaint, the annual report too.
    assert_eq!(
        app.get_ok("/api/v1/reports/half-year?year=2026&half=1", &token)
            .await["total"],
        1
    );
    let (s, listed) = app.get("/api/v1/complaints?status=duplicate", &token).await;
    assert_eq!(s, StatusCode::OK, "{listed}");
    assert!(listed.to_string().contains(&twice), "{listed}");

    // Undone by reopening it: a complaint of its own again, on both dossiers, counted again.
    let v = app
        .step(
            &token,
            &twice,
            "reopen",
            json!({"reason": "Toch een andere klacht."}),
        )
        .await;
    assert_eq!(v["status"], "received");
    assert!(v.get("duplicate_of").is_none(), "{v}");
    let o = app.dossier(&token, &original).await;
    assert!(o.get("duplicates").is_none(), "{o}");
    assert_eq!(kinds(&o).last().unwrap(), "duplicate_separated");
    assert_eq!(
        app.get_ok("/api/v1/reports/half-year?year=2026&half=1", &token)
            .await["total"],
        2
    );
}

#[tokio::test]
async fn t12_k08_a_reference_not_there_or_not_visible_is_refused_alike() {
    let app = start().await;
    let (_, token) = coordinator(&app).await;
    let hans = app
        .staff_token("hans@example.org", "Hans Handler", &[Role::Handler])
        .await;
    let mine = by_mail(&app, &token, "De wachttijd was lang.").await;
    let other = by_mail(&app, &token, "Een andere klacht.").await;
    app.step(
        &token,
        &mine,
        "assign",
        json!({"handler": "hans@example.org"}),
    )
    .await;
    let version = app.dossier(&token, &other).await["version"].clone();

    let refused = |v: &Value, reference: &str| {
        assert_eq!(
            v["message"],
            format!("No complaint {reference} is visible to you."),
            "{v}"
        );
    };
    // Hans handles one complaint and does not see the other: the same answer as for none.
    for reference in [other.as_str(), "2026-0099"] {
        let (s, v) = app
            .post(
                &format!("/api/v1/complaints/{mine}/link-related"),
                &hans,
                json!({"with": reference}),
            )
            .await;
        assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
        refused(&v, reference);
    }
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{mine}/mark-duplicate"),
            &token,
            json!({"of": "2026-0099"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    refused(&v, "2026-0099");
    // Not of itself, and a reference is spelled as one.
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{mine}/mark-duplicate"),
            &token,
            json!({"of": mine}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{mine}/mark-duplicate"),
            &token,
            json!({"of": "vorige week"}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v.to_string().contains("of"), "{v}");
    // Nothing was written on the other complaint.
    assert_eq!(app.dossier(&token, &other).await["version"], version);
}

#[tokio::test]
async fn k03_the_person_complained_about_cannot_join_their_complaint_to_another() {
    let app = start().await;
    let (_, token) = coordinator(&app).await;
    let deputy = app
        .staff_token("dirk@example.org", "Dirk Plaatsvervanger", &[Role::Deputy])
        .await;
    let about_carla = app
        .register_complaint(
            &token,
            json!({"name": "Jan Jansen", "email": "jan@example.nl", "channel": "email",
                   "description": "De coördinator was onvriendelijk.",
                   "concerns": "coord@example.org"}),
        )
        .await;
    let other = by_mail(&app, &token, "Dezelfde klacht, per e-mail.").await;
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{other}/mark-duplicate"),
            &token,
            json!({"of": about_carla}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{v}");
    assert_eq!(
        app.dossier(&token, &other).await["status"],
        "received",
        "nothing changed"
    );
    // The deputy, who acts for her on the complaint about her, may.
    let v = app
        .step(
            &deputy,
            &about_carla,
            "mark-duplicate",
            json!({"of": other}),
        )
        .await;
    assert_eq!(v["status"], "duplicate");
}

#[tokio::test]
async fn t12_related_complaints_show_the_link_on_both_dossiers_until_it_is_removed() {
    let app = start().await;
    let (_, token) = coordinator(&app).await;
    let a = by_mail(&app, &token, "De wachttijd was lang.").await;
    let b = by_mail(&app, &token, "Ook mijn buurman wachtte lang.").await;
    let v = app
        .step(
            &token,
            &a,
            "link-related",
            json!({"with": b, "note": "Zelfde spreekuur."}),
        )
        .await;
    assert_eq!(v["related"], json!([b]));
    let w = app.dossier(&token, &b).await;
    assert_eq!(w["related"], json!([a]));
    let last = w["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "related_linked");
    assert_eq!(last["with"], a.as_str());
    assert_eq!(last["note"], "Zelfde spreekuur.");
    // Two complaints still.
    assert_eq!(
        app.get_ok("/api/v1/reports/half-year?year=2026&half=1", &token)
            .await["total"],
        2
    );
    let v = app
        .step(&token, &b, "unlink-related", json!({"with": a}))
        .await;
    assert!(v.get("related").is_none(), "{v}");
    assert_eq!(kinds(&v).last().unwrap(), "related_unlinked");
    let w = app.dossier(&token, &a).await;
    assert!(w.get("related").is_none(), "{w}");
    assert_eq!(kinds(&w).last().unwrap(), "related_unlinked");
}

#[tokio::test]
async fn t12_the_back_office_joins_a_duplicate_and_each_dossier_says_where_it_went() {
    let app = start().await;
    let (mut carla, token) = coordinator(&app).await;
    let original = by_mail(&app, &token, "De wachttijd was lang.").await;
    let twice = by_mail(&app, &token, "Nogmaals: de wachttijd was lang.").await;

    let dossier = carla.get(&format!("/beheer/klachten/{twice}")).await;
    assert!(
        dossier
            .body
            .contains(&format!("/beheer/klachten/{twice}/stap/mark-duplicate")),
        "{}",
        dossier.body
    );
    let path = format!("/beheer/klachten/{twice}/stap/mark-duplicate");
    let form = carla.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("Nummer van de oorspronkelijke klacht"),
        "{}",
        form.body
    );
    let (csrf, version) = (form.csrf(), form.input("version").unwrap());
    // A reference that is not there: said at the field, nothing stored.
    let r = carla
        .post(
            &path,
            &[("csrf", &csrf), ("version", &version), ("of", "2026-0099")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("Er is geen klacht 2026-0099 die u mag inzien."),
        "{}",
        r.body
    );
    let r = carla
        .post(
            &path,
            &[("csrf", &csrf), ("version", &version), ("of", &original)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let page = carla.get(&format!("/beheer/klachten/{twice}")).await;
    assert!(
        page.body.contains(&format!(
            "Deze klacht is dubbel binnengekomen en wordt behandeld als <a href=\"/beheer/klachten/{original}\">Klacht {original}</a>."
        )),
        "{}",
        page.body
    );
    assert!(page.body.contains("dubbel (samengevoegd)"), "{}", page.body);
    let page = carla.get(&format!("/beheer/klachten/{original}")).await;
    assert!(
        page.body.contains(&format!(
            "<a href=\"/beheer/klachten/{twice}\">Klacht {twice}</a>: 0 document(en) en 0 bericht(en) van de klager"
        )),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("Dubbele klacht samengevoegd met deze"),
        "{}",
        page.body
    );

    // Related, from the back office, and both dossiers link.
    let third = by_mail(&app, &token, "Ook mijn buurman wachtte lang.").await;
    let path = format!("/beheer/klachten/{original}/stap/link-related");
    let form = carla.get(&path).await;
    let (csrf, version) = (form.csrf(), form.input("version").unwrap());
    let r = carla
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("with", &third),
                ("note", "Zelfde spreekuur."),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = carla.get(&format!("/beheer/klachten/{third}")).await;
    assert!(page.body.contains("Verwante klachten"), "{}", page.body);
    assert!(
        page.body.contains(&format!(
            "<li><a href=\"/beheer/klachten/{original}\">Klacht {original}</a></li>"
        )),
        "{}",
        page.body
    );
}
