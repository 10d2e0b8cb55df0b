//! "What needs me now" on the dashboard (issue 16) and the alert of a very serious or sensitive
//! complaint (T9, T18): through the real application, steps over the JSON API, the dashboard
//! read as its HTML.

use crate::support::app::{self, TestApp, staff_user};
use crate::support::desk::Desk;

use jiff::{SignedDuration, Timestamp};
use klacht_core::{Role, UserId};
use klacht_store::QueuedMail;
use reqwest::StatusCode;
use serde_json::json;

/// Friday 1 May 2026, 09:00 in Amsterdam.
const NOW: &str = "2026-05-01T09:00:00+02:00";

const FLAG: &str = "Zeer ernstig / gevoelig — overleg met het bestuur nodig";

async fn start() -> TestApp {
    let source = klacht_core::profile::builtin_source("template").unwrap();
    let profile = klacht_core::profile::parse(source).unwrap();
    app::start(
        source,
        profile,
        NOW.parse().unwrap(),
        app::PublicUrl::Test,
        |_| {},
    )
    .await
}

/// A staff member who signs in to the back office, with an API token; returns their id too.
async fn person(app: &TestApp, email: &str, name: &str, roles: &[Role]) -> (UserId, String, Desk) {
    let (id, secret) = staff_user(app, email, name, roles).await;
    let token = app.store.create_token(id, Timestamp::now()).await.unwrap();
    let desk = Desk::sign_in(app, email, secret.as_deref()).await;
    (id, token, desk)
}

/// A complaint from the public form (acknowledged automatically, no handler).
async fn submit(app: &TestApp) -> String {
    let (s, v) = app
        .post(
            "/api/v1/public/complaints",
            None::<&str>,
            json!({"name": "Jan Jansen", "email": "jan@example.nl",
                   "description": "De vrijwilliger kwam niet opdagen.", "privacy_accepted": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    v["reference"].as_str().unwrap().to_owned()
}

/// The dashboard's "What needs me now" section, as HTML.
async fn now_section(desk: &mut Desk) -> String {
    let page = desk.get("/beheer").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let start = page.body.find("id=\"now-heading\"").expect("the section");
    let end = page.body.find("id=\"all-heading\"").expect("the table");
    page.body[start..end].to_owned()
}

/// The table of one reason in that section (by its id, e.g. `unassigned`), or `None`.
fn group<'a>(section: &'a str, id: &str) -> Option<&'a str> {
    let start = section.find(&format!("id=\"waiting-{id}\""))?;
    let rest = &section[start..];
    Some(&rest[..rest.find("</table>").unwrap_or(rest.len())])
}

/// How many complaints the table of one reason lists.
fn rows(section: &str, id: &str) -> usize {
    group(section, id)
        .unwrap_or_default()
        .matches("<th scope=\"row\">")
        .count()
}

async fn kinds(app: &TestApp, user: UserId) -> Vec<String> {
    let mut k: Vec<String> = app
        .store
        .notices(user, None, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.kind)
        .collect();
    k.reverse();
    k
}

async fn mail_to(app: &TestApp, to: &str) -> Vec<QueuedMail> {
    let until = app
        .now()
        .checked_add(SignedDuration::from_hours(24))
        .unwrap();
    app.mail_to_before(to, until).await
}

#[tokio::test]
async fn t09_a_very_serious_classification_tells_the_coordinator_and_the_board_and_stays_flagged_until_escalated()
 {
    let app = start().await;
    let (coord, coord_token, mut coord_desk) =
        person(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (_, handler_token, _) = person(&app, "h@x.nl", "Hanna", &[Role::Handler]).await;
    let (board, _, _) = person(&app, "b@x.nl", "Bert", &[Role::Board]).await;
    let reference = submit(&app).await;
    app.step(
        &coord_token,
        &reference,
        "assign",
        json!({"handler": "h@x.nl"}),
    )
    .await;
    app.step(
        &handler_token,
        &reference,
        "classify",
        json!({"categories": ["service"], "severity": "very_serious"}),
    )
    .await;

    assert_eq!(kinds(&app, coord).await, ["new_complaint", "consult_board"]);
    assert_eq!(kinds(&app, board).await, ["consult_board"]);
    let to_coord = mail_to(&app, "c@x.nl").await;
    let alert = to_coord
        .iter()
        .find(|m| m.subject.contains("bestuur"))
        .expect("the alert by mail");
    assert_eq!(
        alert.subject,
        format!("Klacht {reference}: zeer ernstig of gevoelig: overleg met het bestuur")
    );
    assert!(
        alert.body.contains(&format!(
            "Klacht {reference} is aangemerkt als zeer ernstig of gevoelig. Overleg met het bestuur"
        )),
        "{}",
        alert.body
    );
    let to_board = mail_to(&app, "b@x.nl").await;
    assert_eq!(to_board.len(), 1);
    assert_eq!(
        to_board[0].subject,
        format!("Klacht {reference}: zeer ernstig: de coördinator overlegt met het bestuur")
    );
    assert!(!to_board[0].body.contains("Jansen"), "{}", to_board[0].body);

    // Flagged for the coordinator, and it stays so on every later look.
    for _ in 0..2 {
        let now = now_section(&mut coord_desk).await;
        let flagged = group(&now, "board_consultation").expect("flagged");
        assert!(flagged.contains(FLAG), "{flagged}");
        assert!(flagged.contains(&reference), "{flagged}");
    }

    app.step(
        &coord_token,
        &reference,
        "escalate",
        json!({"to": "board", "reason": "Zeer ernstig: bestuur beslist mee."}),
    )
    .await;
    let now = now_section(&mut coord_desk).await;
    assert_eq!(group(&now, "board_consultation"), None, "{now}");
    assert!(!now.contains(FLAG), "{now}");
}

#[tokio::test]
async fn t18_a_sensitive_classification_tells_the_coordinator_not_the_board_and_a_recorded_reason_ends_the_flag()
 {
    let app = start().await;
    let (coord, coord_token, mut coord_desk) =
        person(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (_, handler_token, _) = person(&app, "h@x.nl", "Hanna", &[Role::Handler]).await;
    let (board, _, _) = person(&app, "b@x.nl", "Bert", &[Role::Board]).await;
    let reference = submit(&app).await;
    app.step(
        &coord_token,
        &reference,
        "assign",
        json!({"handler": "h@x.nl"}),
    )
    .await;
    app.step(
        &handler_token,
        &reference,
        "classify",
        json!({"categories": ["service"], "severity": "normal", "sensitive": true}),
    )
    .await;
    assert_eq!(kinds(&app, coord).await, ["new_complaint", "consult_board"]);
    assert!(
        kinds(&app, board).await.is_empty(),
        "sensitive alone is not the board's"
    );
    assert!(mail_to(&app, "b@x.nl").await.is_empty());
    assert_eq!(
        mail_to(&app, "c@x.nl")
            .await
            .iter()
            .filter(|m| m.subject
                == format!("Klacht {reference}: zeer ernstig of gevoelig: overleg met het bestuur"))
            .count(),
        1
    );
    let now = now_section(&mut coord_desk).await;
    assert!(
        group(&now, "board_consultation")
            .unwrap()
            .contains(&reference)
    );

    // The dossier offers the step beside the escalation.
    let dossier = coord_desk
        .get(&format!("/beheer/klachten/{reference}"))
        .await;
    let escalate = dossier
        .body
        .find(&format!("/beheer/klachten/{reference}/stap/escalate\""))
        .expect("the escalation");
    let not_needed = dossier
        .body
        .find(&format!(
            "/beheer/klachten/{reference}/stap/escalation-not-needed\""
        ))
        .expect("the reason why not");
    assert!(not_needed > escalate);
    assert!(
        dossier
            .body
            .contains("Vastleggen waarom niet naar het bestuur")
    );

    // A reason is required.
    let (s, v) = app
        .post(
            &format!("/api/v1/complaints/{reference}/escalation-not-needed"),
            coord_token.as_str(),
            json!({"reason": "  "}),
        )
        .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(group(&now_section(&mut coord_desk).await, "board_consultation").is_some());

    // The handler may not record it: the coordinator's step.
    let (s, _) = app
        .post(
            &format!("/api/v1/complaints/{reference}/escalation-not-needed"),
            handler_token.as_str(),
            json!({"reason": "Niet nodig."}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    app.step(
        &coord_token,
        &reference,
        "escalation-not-needed",
        json!({"reason": "Met de voorzitter besproken: wij handelen dit zelf af."}),
    )
    .await;
    let now = now_section(&mut coord_desk).await;
    assert_eq!(group(&now, "board_consultation"), None, "{now}");
    let dossier = coord_desk
        .get(&format!("/beheer/klachten/{reference}"))
        .await;
    assert!(dossier.body.contains("Niet naar het bestuur, met reden"));
    assert!(
        dossier
            .body
            .contains("Met de voorzitter besproken: wij handelen dit zelf af.")
    );
    assert!(dossier.body.contains("/stap/escalate\""));
    assert!(!dossier.body.contains("/stap/escalation-not-needed\""));
}

#[tokio::test]
async fn k03_a_complaint_about_the_coordinator_waits_on_the_deputy_not_on_the_coordinator() {
    let app = start().await;
    let (_, _, mut coord_desk) = person(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (_, deputy_token, mut deputy_desk) = person(&app, "d@x.nl", "Dirk", &[Role::Deputy]).await;
    let about = app
        .register_complaint(
            &deputy_token,
            json!({"name": "Jan Jansen", "email": "jan@example.nl",
                   "description": "De coördinator kwam niet opdagen.",
                   "channel": "phone", "concerns": "c@x.nl"}),
        )
        .await;
    let other = submit(&app).await;

    let carla = now_section(&mut coord_desk).await;
    assert!(!carla.contains(&about), "K3: not on Carla's list\n{carla}");
    assert!(group(&carla, "unassigned").unwrap().contains(&other));
    let dirk = now_section(&mut deputy_desk).await;
    let unassigned = group(&dirk, "unassigned").expect("the deputy acts");
    assert!(unassigned.contains(&about), "{dirk}");
    assert!(unassigned.contains("Nog geen behandelaar: wijs er een aan"));
    assert!(!dirk.contains(&other), "Carla acts on that one\n{dirk}");
}

#[tokio::test]
async fn t03_a_web_complaint_acknowledged_automatically_waits_on_the_coordinator_until_assigned() {
    let app = start().await;
    let (_, coord_token, mut coord_desk) =
        person(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    person(&app, "h@x.nl", "Hanna", &[Role::Handler]).await;
    let reference = submit(&app).await;
    let d = app.dossier(&coord_token, &reference).await;
    assert_eq!(d["status"], "acknowledged", "{d}");

    let now = now_section(&mut coord_desk).await;
    let unassigned = group(&now, "unassigned").expect("waiting for a handler");
    assert!(unassigned.contains(&reference), "{now}");
    assert!(unassigned.contains("Nog geen behandelaar: wijs er een aan"));
    assert!(
        unassigned.contains("11 mei 2026"),
        "the answer's due date\n{unassigned}"
    );

    app.step(
        &coord_token,
        &reference,
        "assign",
        json!({"handler": "h@x.nl"}),
    )
    .await;
    let now = now_section(&mut coord_desk).await;
    assert!(!now.contains(&reference), "{now}");
    assert!(now.contains("Er wacht nu niets op u."), "{now}");
}

#[tokio::test]
async fn t05_t06_the_handler_sees_what_is_due_by_the_next_working_day_and_what_is_overdue() {
    let app = start().await;
    let (_, coord_token, _) = person(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (_, secret) = staff_user(&app, "h@x.nl", "Hanna", &[Role::Handler]).await;
    let secret = secret.as_deref();
    let mut handler_desk = Desk::sign_in(&app, "h@x.nl", secret).await;
    let reference = submit(&app).await;
    app.step(
        &coord_token,
        &reference,
        "assign",
        json!({"handler": "h@x.nl"}),
    )
    .await;

    // Received Friday 1 May; 5 May is Bevrijdingsdag: the answer is due Monday 11 May.
    let now = now_section(&mut handler_desk).await;
    let decision = group(&now, "decision").expect("the decision waits on the handler");
    assert!(decision.contains(&reference));
    assert!(decision.contains("Uw besluit"));
    assert_eq!(group(&now, "due_soon"), None);
    assert_eq!(group(&now, "overdue"), None);

    // Friday 8 May: due on the next working day.
    app.set_clock("2026-05-08T10:00:00+02:00");
    // A week on, the session has ended: sign in again.
    let mut handler_desk = Desk::sign_in(&app, "h@x.nl", secret).await;
    let now = now_section(&mut handler_desk).await;
    let soon = group(&now, "due_soon").expect("due by the next working day");
    assert!(soon.contains(&reference), "{now}");
    assert!(soon.contains("Termijn verloopt vandaag of de volgende werkdag; Uw besluit"));
    assert!(soon.contains("11 mei 2026"), "{soon}");
    assert_eq!(
        group(&now, "decision"),
        None,
        "listed once, under its most pressing reason"
    );

    // Tuesday 12 May: overdue.
    app.set_clock("2026-05-12T10:00:00+02:00");
    let mut handler_desk = Desk::sign_in(&app, "h@x.nl", secret).await;
    let now = now_section(&mut handler_desk).await;
    let late = group(&now, "overdue").expect("overdue");
    assert!(late.contains(&reference), "{now}");
    assert!(late.contains("Termijn verstreken"), "{late}");
    assert_eq!(group(&now, "due_soon"), None);

    // Decided: nothing waits on the handler any more (the template asks no signature).
    app.step(
        &coord_token,
        &reference,
        "decide",
        json!({"outcome": "gegrond", "decision": "Wij bieden excuses aan."}),
    )
    .await;
    let now = now_section(&mut handler_desk).await;
    assert!(!now.contains(&reference), "{now}");
}

/// A complaint that turns out to be about its own handler has, in effect, no handler (K3): the
/// acting coordinator is told at once and it waits on them until someone else is assigned.
#[tokio::test]
async fn k03_a_complaint_that_comes_to_be_about_its_handler_waits_on_the_coordinator_until_reassigned()
 {
    let app = start().await;
    let (carla, coord_token, mut coord_desk) =
        person(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (_, hanna_token, mut hanna_desk) = person(&app, "h@x.nl", "Hanna", &[Role::Handler]).await;
    person(&app, "i@x.nl", "Ivo", &[Role::Handler]).await;
    let reference = submit(&app).await;
    app.step(
        &coord_token,
        &reference,
        "assign",
        json!({"handler": "h@x.nl"}),
    )
    .await;
    let now = now_section(&mut coord_desk).await;
    assert!(
        group(&now, "unassigned").is_none_or(|g| !g.contains(&reference)),
        "{now}"
    );
    assert!(now_section(&mut hanna_desk).await.contains(&reference));
    assert_eq!(kinds(&app, carla).await, ["new_complaint"]);

    // Hanna finds that the complaint is about her and says so herself.
    app.step(
        &hanna_token,
        &reference,
        "record-concerns",
        json!({"staff": "h@x.nl"}),
    )
    .await;
    assert_eq!(
        kinds(&app, carla).await,
        ["new_complaint", "handler_concerned"]
    );
    let notices = coord_desk.get("/beheer/meldingen").await;
    assert!(
        notices.body.contains(&format!(
            "Klacht {reference} gaat nu over de medewerker die haar behandelt. Die mag haar niet meer behandelen: wijs een andere behandelaar aan."
        )),
        "{}",
        notices.body
    );
    let now = now_section(&mut coord_desk).await;
    let unassigned = group(&now, "unassigned").expect("waiting for another handler");
    assert!(unassigned.contains(&reference), "{now}");
    assert!(
        !now_section(&mut hanna_desk).await.contains(&reference),
        "K3"
    );

    app.step(
        &coord_token,
        &reference,
        "assign",
        json!({"handler": "i@x.nl"}),
    )
    .await;
    let now = now_section(&mut coord_desk).await;
    assert!(
        group(&now, "unassigned").is_none_or(|g| !g.contains(&reference)),
        "{now}"
    );
}

/// The list of what waits reads 10 complaints per question. With 11 unassigned complaints the
/// dashboard says that more waits and links to the whole list, which has all 11; with 10 it
/// says nothing more.
#[tokio::test]
async fn t03_t17_more_waiting_than_shown_links_to_the_whole_list() {
    let app = start().await;
    let (_, coord_token, mut coord_desk) =
        person(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let mut references = Vec::new();
    for n in 1..=11 {
        if n == 11 {
            let now = now_section(&mut coord_desk).await;
            assert_eq!(rows(&now, "unassigned"), 10);
            assert!(!now.contains("Er wacht meer dan hier staat"), "{now}");
        }
        references.push(
            app.register_complaint(
                &coord_token,
                json!({"name": "Jan Jansen", "email": "jan@example.nl",
                       "description": "Niemand belde terug.", "channel": "phone"}),
            )
            .await,
        );
    }
    let now = now_section(&mut coord_desk).await;
    assert_eq!(rows(&now, "unassigned"), 10);
    assert!(
        now.contains("Er wacht meer dan hier staat. Alles staat in de lijst:"),
        "{now}"
    );
    assert!(
        now.contains(
            "<a href=\"/beheer?status=open&#38;assignee=none\">Open klachten die nog niet zijn toegewezen</a>"
        ),
        "{now}"
    );
    // None of them is due by tomorrow: that question found all there is.
    assert!(!now.contains("sort=due"), "{now}");

    let all = coord_desk.get("/beheer?status=open&assignee=none").await;
    assert_eq!(all.status, StatusCode::OK);
    let table = &all.body[all.body.find("id=\"all-heading\"").expect("the table")..];
    for r in &references {
        assert!(table.contains(&format!(">{r}</a>")), "{r} in the list");
    }
    assert!(
        all.body
            .contains("<option value=\"none\" selected>Nog niemand</option>"),
        "the filter shows what it lists"
    );
}
