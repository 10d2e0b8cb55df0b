//! The owner of an improvement action (T14) sees all their open actions on their own dashboard
//! and updates one there, without going through the register (issue 16).

use crate::support::app::{self, TestApp, staff_user};
use crate::support::desk::Desk;
use klacht_core::Role;
use reqwest::StatusCode;

/// Monday 4 May 2026, 09:00 in Amsterdam.
const NOW: &str = "2026-05-04T09:00:00+02:00";

/// Posts a back-office form as `desk`, the CSRF token read from `form_page`; returns where it
/// leads.
async fn post(desk: &mut Desk, form_page: &str, path: &str, fields: &[(&str, &str)]) -> String {
    let csrf = desk.get(form_page).await.csrf();
    let mut sent = vec![("csrf", csrf.as_str())];
    sent.extend_from_slice(fields);
    let r = desk.post(path, &sent).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}: {}", r.body);
    r.location.unwrap_or_default()
}

/// An adopted recommendation with two actions for Hans: one due this week, one in two months.
/// Returns the recommendation's path and the two actions' ids.
async fn register_with_actions(app: &TestApp) -> (String, i64, i64) {
    let (_, totp) = staff_user(
        app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator, Role::Director],
    )
    .await;
    let mut carla = Desk::sign_in(app, "coord@example.org", totp.as_deref()).await;
    let at = post(
        &mut carla,
        "/beheer/aanbevelingen",
        "/beheer/aanbevelingen",
        &[
            ("title", "Terugbellen binnen twee dagen"),
            ("text", "Bel elke klager binnen twee dagen terug."),
        ],
    )
    .await;
    let page = at.split('#').next().unwrap().to_owned();
    post(
        &mut carla,
        &page,
        &format!("{page}/besluit"),
        &[("decision", "adopted"), ("reason", "Past in het beleid.")],
    )
    .await;
    let mut ids = Vec::new();
    for (description, due) in [
        ("Belschema voor de balie maken.", "2026-05-08"),
        ("Terugbelregel in de jaarlijkse training.", "2026-07-01"),
    ] {
        let at = post(
            &mut carla,
            &page,
            &format!("{page}/acties"),
            &[
                ("description", description),
                ("owner", "hans@example.org"),
                ("due", due),
            ],
        )
        .await;
        ids.push(at.rsplit("#actie-").next().unwrap().parse::<i64>().unwrap());
    }
    (page, ids[0], ids[1])
}

#[tokio::test]
async fn t14_the_owner_who_is_not_coordinator_updates_their_action_from_the_dashboard() {
    let app = app::builtin("template", NOW.parse().unwrap(), app::PublicUrl::Test).await;
    staff_user(&app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    let (page, soon, later) = register_with_actions(&app).await;

    let mut hans = Desk::sign_in(&app, "hans@example.org", None).await;
    let dashboard = hans.get("/beheer").await;
    assert_eq!(dashboard.status, StatusCode::OK);
    // All his open actions, also the one not due for two months, each with its own form.
    assert!(dashboard.body.contains("Mijn open verbeteracties"));
    for (id, description) in [
        (soon, "Belschema voor de balie maken."),
        (later, "Terugbelregel in de jaarlijkse training."),
    ] {
        assert!(
            dashboard.body.contains(description),
            "{description} on the dashboard: {}",
            dashboard.body
        );
        assert!(
            dashboard.body.contains(&format!(
                "<form method=\"post\" action=\"/beheer/acties/{id}\""
            )),
            "a form for action {id}"
        );
    }
    assert!(
        dashboard
            .body
            .contains("<span class=\"tag tag--soon\">binnenkort</span>")
    );

    // He marks the first done, with its result, and comes back to his dashboard.
    let csrf = dashboard.csrf();
    let sent = hans
        .post(
            &format!("/beheer/acties/{soon}"),
            &[
                ("csrf", &csrf),
                ("terug", "/beheer"),
                (&format!("status-{soon}"), "done"),
                (
                    &format!("result-{soon}"),
                    "Het belschema hangt bij de balie.",
                ),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let back = sent.location.unwrap();
    assert_eq!(back, format!("/beheer?actie={soon}#acties"));
    let dashboard = hans.get(&back).await;
    assert!(
        dashboard.body.contains(
            "Verbeteractie „Belschema voor de balie maken.” bijgewerkt; de status is nu: uitgevoerd."
        ),
        "{}",
        dashboard.body
    );
    // Done, it leaves his list; the other stays.
    assert!(
        !dashboard
            .body
            .contains(&format!("action=\"/beheer/acties/{soon}\""))
    );
    assert!(
        dashboard
            .body
            .contains(&format!("action=\"/beheer/acties/{later}\""))
    );
    // The register says the same.
    let recommendation = hans.get(&page).await;
    assert!(
        recommendation
            .body
            .contains("Het belschema hangt bij de balie.")
    );

    // Another address to come back to is not followed: the register's page, as before.
    let csrf = dashboard.csrf();
    let sent = hans
        .post(
            &format!("/beheer/acties/{later}"),
            &[
                ("csrf", &csrf),
                ("terug", "https://elders.example/"),
                (&format!("status-{later}"), "in_progress"),
            ],
        )
        .await;
    assert_eq!(
        sent.location.as_deref(),
        Some(format!("{page}#actie-{later}").as_str())
    );
}
