//! The back office (`/beheer`) end to end in a real headless Chromium (tests/it/support/browser.rs):
//! the full `template` and `kjrw` procedures walked through the step forms the dossier offers, by
//! the people the profile names, each signing in through the login page (password and, where the
//! profile requires it, the code from an authenticator app); the refusals a person sees (K3, K8,
//! closing before the measures were told); axe-core (WCAG 2.0/2.1 A and AA) on every kind of page;
//! and a sign-in and a step with the keyboard only.
//!
//! Every test starts its own server (a temporary SQLite database, a built-in profile) with the
//! clock fixed at Monday 4 May 2026, 09:00 in Amsterdam. The clock moves half a minute before each
//! sign-in with a second factor, so every code is fresh (a code works once).
//!
//! Skipped (passes with a "SKIPPED" line) when Chromium, chromedriver or axe-core is not
//! installed, unless KLACHT_REQUIRE_BROWSER=1. Screenshots go to
//! `<workspace>/target/browser-screenshots/`.

use crate::support::browser;

use crate::support::app;

use app::{PASSWORD, TestApp, staff_user};
use browser::Browser;
use jiff::{SignedDuration, Timestamp};
use klacht_core::Role;
use klacht_web::Clock;
use serde_json::Value;

/// Monday 4 May 2026, 09:00 in Amsterdam.
const NOW: &str = "2026-05-04T09:00:00+02:00";

async fn start(profile: &str) -> TestApp {
    let now: Timestamp = NOW.parse().unwrap();
    app::builtin(profile, now, app::PublicUrl::Real).await
}

/// An API token for the user with this address.
async fn token_for(app: &TestApp, email: &str) -> String {
    let user = app.store.user_by_email(email).await.unwrap().unwrap();
    app.store
        .create_token(user.id, Timestamp::now())
        .await
        .unwrap()
}

/// The kinds of the timeline entries, oldest first.
fn kinds(v: &Value) -> Vec<String> {
    v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap_or_default().to_owned())
        .collect()
}

// ----- page helpers ----------------------------------------------------------------------------

/// The visible text of `<main>`.
async fn main_text(b: &Browser) -> String {
    b.text("main").await
}

/// Signs in through the login page as a person does: address, password, the button; then the
/// code from the authenticator app when the account has one (the clock moves on half a minute
/// first, so the code is fresh). Ends on the dashboard.
async fn sign_in(b: &Browser, app: &TestApp, email: &str, secret: Option<&str>) {
    b.goto(&app.url("/beheer/inloggen")).await;
    b.fill("#email", email).await;
    b.fill("#password", PASSWORD).await;
    b.click("main form button[type=submit]").await;
    if let Some(secret) = secret {
        b.wait_for_url("the code page", |u| u.contains("/beheer/inloggen/code"))
            .await;
        let later = app.clock.now() + SignedDuration::from_secs(31);
        app.clock.set(later);
        let code = klacht_web::auth::totp::code_at(secret, later).unwrap();
        b.fill("#code", &code).await;
        b.click("main form button[type=submit]").await;
    }
    b.wait_for_url("the dashboard", |u| !u.contains("/beheer/inloggen"))
        .await;
    assert!(
        b.exists(".desk-header__user").await,
        "{email} is signed in: {}",
        main_text(b).await
    );
}

/// Signs out with the button in the header.
async fn sign_out(b: &Browser, app: &TestApp) {
    b.goto(&app.url("/beheer")).await;
    b.click(".desk-header__user button[type=submit]").await;
    b.wait_for_url("the sign-in page", |u| u.contains("/beheer/inloggen"))
        .await;
}

/// The step links the dossier offers under "What you can do now", by action name.
async fn offered(b: &Browser) -> Vec<String> {
    let mut out = Vec::new();
    for link in b.find_all(".steps .actions a").await {
        let href = link.attr("href").await.unwrap().unwrap_or_default();
        if let Some((_, action)) = href.rsplit_once("/stap/") {
            out.push(action.to_owned());
        }
    }
    out
}

/// A field of a step form and what to put in it.
enum F<'a> {
    /// Type into a text field or text area.
    Text(&'a str, &'a str),
    /// Choose the option with this value.
    Select(&'a str, &'a str),
    /// Tick a checkbox.
    Tick(&'a str),
    /// Type a date into `<input type=date>` (the browser speaks en-US: month, day, year).
    Date(&'a str, &'a str),
}

async fn fill_fields(b: &Browser, fields: &[F<'_>]) {
    for f in fields {
        match f {
            F::Text(name, text) => b.fill(&format!("#{name}"), text).await,
            F::Select(name, value) => {
                b.find(&format!("select#{name}"))
                    .await
                    .select_by_value(value)
                    .await
                    .unwrap_or_else(|e| panic!("choose {value} in {name}: {e}"));
            }
            F::Tick(name) => {
                let css = format!("#{name}");
                if b.prop(&css, "checked").await.as_deref() != Some("true") {
                    b.click(&css).await;
                }
            }
            F::Date(name, mmddyyyy) => {
                b.find(&format!("#{name}"))
                    .await
                    .send_keys(mmddyyyy)
                    .await
                    .unwrap();
            }
        }
    }
}

/// On the dossier of `reference`: follows the link to `action` the dossier offers, fills the form
/// and saves it; checks the dossier says the step was taken.
async fn step(b: &Browser, app: &TestApp, reference: &str, action: &str, fields: &[F<'_>]) {
    let dossier = app.url(&format!("/beheer/klachten/{reference}"));
    b.goto(&dossier).await;
    let offered = offered(b).await;
    assert!(
        offered.iter().any(|a| a == action),
        "the dossier offers `{action}`; it offers {offered:?}"
    );
    b.click(&format!(".steps .actions a[href$='/stap/{action}']"))
        .await;
    b.wait_for_url("the step form", |u| u.contains(&format!("/stap/{action}")))
        .await;
    fill_fields(b, fields).await;
    b.click("main form button[value=save]").await;
    let done = b
        .wait_for_url("the dossier after the step", |u| {
            u.contains(&format!("/beheer/klachten/{reference}?gedaan="))
        })
        .await;
    assert!(done.ends_with(&format!("gedaan={action}")), "{done}");
    assert!(
        b.exists(".notice--ok").await,
        "the dossier confirms `{action}`"
    );
}

/// Registers a phone complaint through /beheer/klachten/nieuw (reached through the header's
/// link); returns its reference, read from the dossier's address.
async fn register_phone_complaint(b: &Browser, concerns: &str, received_by: &str) -> String {
    b.click("a[href='/beheer/klachten/nieuw']").await;
    b.wait_for_url("the registration form", |u| {
        u.contains("/beheer/klachten/nieuw")
    })
    .await;
    fill_fields(
        b,
        &[
            F::Select("channel", "phone"),
            F::Select("received_by", received_by),
            F::Text("received_where", "Telefoon receptie"),
            F::Select("concerns", concerns),
            F::Text("name", "Jan Jansen"),
            F::Text("email", "jan@example.nl"),
            F::Text("phone", "0612345678"),
            F::Text(
                "description",
                "De vrijwilliger kwam twee keer niet opdagen en belde niet af.",
            ),
            F::Tick("privacy_accepted"),
        ],
    )
    .await;
    b.click("main form button[type=submit]").await;
    let to = b
        .wait_for_url("the new dossier", |u| {
            u.contains("/beheer/klachten/") && !u.contains("/nieuw")
        })
        .await;
    let path = to.split("/beheer/klachten/").nth(1).unwrap();
    path.split(['?', '/']).next().unwrap().to_owned()
}

// ----- the full procedures ---------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn template_full_procedure_in_the_browser() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = start("template").await;
    let (_, carla_totp) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    staff_user(&app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    staff_user(
        &app,
        "dirk@example.org",
        "Dirk Directeur",
        &[Role::Director],
    )
    .await;
    staff_user(
        &app,
        "vera@example.org",
        "Vera Vrijwilliger",
        &[Role::Staff],
    )
    .await;
    let carla_totp = carla_totp.as_deref();
    let token = token_for(&app, "coord@example.org").await;

    // The coordinator registers the phone call, acknowledges it and hands it to a handler.
    sign_in(&b, &app, "coord@example.org", carla_totp).await;
    let reference = register_phone_complaint(&b, "vera@example.org", "coord@example.org").await;
    step(
        &b,
        &app,
        &reference,
        "acknowledge",
        &[F::Select("via", "phone")],
    )
    .await;
    step(
        &b,
        &app,
        &reference,
        "assign",
        &[F::Select("handler", "hans@example.org")],
    )
    .await;
    sign_out(&b, &app).await;

    // The handler informs and hears the volunteer, needs more time, and escalates.
    sign_in(&b, &app, "hans@example.org", None).await;
    assert!(
        main_text(&b).await.contains(&reference),
        "the complaint is on the handler's dashboard"
    );
    step(
        &b,
        &app,
        &reference,
        "inform-involved",
        &[F::Text("note", "Vera gebeld en de klacht doorgestuurd.")],
    )
    .await;
    step(
        &b,
        &app,
        &reference,
        "record-hearing",
        &[F::Text(
            "summary",
            "Vera zegt dat de afspraak niet in haar agenda stond.",
        )],
    )
    .await;
    step(
        &b,
        &app,
        &reference,
        "classify",
        &[
            F::Tick("categories-1"),
            F::Select("severity", "normal"),
            F::Select("relation", "client"),
        ],
    )
    .await;
    step(
        &b,
        &app,
        &reference,
        "extend",
        &[
            F::Select("deadline", "answer"),
            F::Date("new_due", "05222026"),
            F::Text(
                "reason",
                "De directeur moet eerst met de vrijwilliger praten.",
            ),
        ],
    )
    .await;
    step(
        &b,
        &app,
        &reference,
        "escalate",
        &[
            F::Select("to", "director"),
            F::Text("reason", "Het gaat om herhaald wegblijven."),
        ],
    )
    .await;
    sign_out(&b, &app).await;

    // The director records a measure and decides.
    sign_in(&b, &app, "dirk@example.org", None).await;
    step(
        &b,
        &app,
        &reference,
        "record-measure",
        &[F::Text(
            "description",
            "Afspraken komen voortaan in de gedeelde agenda.",
        )],
    )
    .await;
    step(
        &b,
        &app,
        &reference,
        "decide",
        &[
            F::Select("outcome", "gegrond"),
            F::Text("decision", "De klacht is terecht: de afspraak is vergeten."),
            F::Select("via", "email"),
        ],
    )
    .await;
    // The decision letter told the first measure; this one comes after it.
    step(
        &b,
        &app,
        &reference,
        "record-measure",
        &[F::Text(
            "description",
            "Vera volgt de training afspraken maken.",
        )],
    )
    .await;
    sign_out(&b, &app).await;

    // Closing before the measures were told to the complainant is refused, with the reason.
    sign_in(&b, &app, "coord@example.org", carla_totp).await;
    b.goto(&app.url(&format!("/beheer/klachten/{reference}/stap/close")))
        .await;
    b.click("main form button[value=save]").await;
    let refusal = b.text("[aria-labelledby=refusal-title]").await;
    assert!(
        refusal.to_lowercase().contains("measure") || refusal.contains("maatregel"),
        "the refusal names the measures: {refusal}"
    );
    b.assert_no_axe_violations("the refused close").await;
    assert_eq!(app.dossier(&token, &reference).await["status"], "decided");
    sign_out(&b, &app).await;

    // The handler calls the complainant and tells the measures; the coordinator closes.
    sign_in(&b, &app, "hans@example.org", None).await;
    step(
        &b,
        &app,
        &reference,
        "record-contact",
        &[
            F::Select("via", "phone"),
            F::Text("summary", "Besluit en maatregel telefonisch toegelicht."),
            F::Tick("measures_communicated"),
        ],
    )
    .await;
    sign_out(&b, &app).await;
    sign_in(&b, &app, "coord@example.org", carla_totp).await;
    step(&b, &app, &reference, "close", &[]).await;
    b.screenshot("beheer-template-closed").await;
    let status = b.text("h1 .tag").await.to_lowercase();
    assert!(
        status == "closed" || status == "afgesloten",
        "the dossier says it is closed: {status}"
    );
    let v = app.dossier(&token, &reference).await;
    assert_eq!(v["status"], "closed");
    let k = kinds(&v);
    for kind in [
        "registered",
        "acknowledged",
        "assigned",
        "involved_informed",
        "hearing_recorded",
        "classified",
        "extended",
        "escalated",
        "measure_recorded",
        "decided",
        "contact_recorded",
        "closed",
    ] {
        assert!(k.iter().any(|x| x == kind), "{kind} in the timeline: {k:?}");
    }
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn kjrw_full_procedure_in_the_browser() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = start("kjrw").await;
    // K12: the coordinator is a board member.
    let (_, bea_totp) = staff_user(
        &app,
        "bea@example.org",
        "Bea Bestuurslid",
        &[Role::Coordinator, Role::Board],
    )
    .await;
    staff_user(
        &app,
        "vera@example.org",
        "Vera Vrijwilliger",
        &[Role::Staff],
    )
    .await;
    let bea_totp = bea_totp.as_deref();
    let token = token_for(&app, "bea@example.org").await;

    sign_in(&b, &app, "bea@example.org", bea_totp).await;
    let reference = register_phone_complaint(&b, "vera@example.org", "bea@example.org").await;
    step(
        &b,
        &app,
        &reference,
        "acknowledge",
        &[F::Select("via", "phone")],
    )
    .await;
    step(
        &b,
        &app,
        &reference,
        "assign",
        &[F::Select("handler", "bea@example.org")],
    )
    .await;
    // K5, K6: the volunteer is told and heard.
    step(
        &b,
        &app,
        &reference,
        "inform-involved",
        &[F::Text("note", "Vera op kantoor ingelicht.")],
    )
    .await;
    step(
        &b,
        &app,
        &reference,
        "record-hearing",
        &[F::Text(
            "summary",
            "Vera had zich ziek gemeld maar dat kwam niet door.",
        )],
    )
    .await;
    // This regulation has no extendable deadline: four weeks is four weeks.
    b.goto(&app.url(&format!("/beheer/klachten/{reference}")))
        .await;
    let offered_now = offered(&b).await;
    assert!(
        !offered_now.iter().any(|a| a == "extend"),
        "kjrw offers no extension: {offered_now:?}"
    );
    step(
        &b,
        &app,
        &reference,
        "escalate",
        &[
            F::Select("to", "board"),
            F::Text("reason", "Het bestuur wil meekijken."),
        ],
    )
    .await;
    step(&b, &app, &reference, "classify", &[F::Tick("categories-1")]).await;
    step(
        &b,
        &app,
        &reference,
        "record-measure",
        &[F::Text(
            "description",
            "Ziekmeldingen gaan voortaan via de groepsapp.",
        )],
    )
    .await;
    step(
        &b,
        &app,
        &reference,
        "decide",
        &[
            F::Select("outcome", "opgelost"),
            F::Text("decision", "Samen met Jan is een nieuwe afspraak gemaakt."),
            F::Select("via", "email"),
        ],
    )
    .await;
    // K11: the coordinator signs the registration form …
    step(&b, &app, &reference, "sign-off", &[]).await;
    sign_out(&b, &app).await;

    // … and so does the volunteer, from her restricted view.
    sign_in(&b, &app, "vera@example.org", None).await;
    step(&b, &app, &reference, "sign-off", &[]).await;
    sign_out(&b, &app).await;

    sign_in(&b, &app, "bea@example.org", bea_totp).await;
    step(&b, &app, &reference, "close", &[]).await;
    b.screenshot("beheer-kjrw-closed").await;
    let status = b.text("h1 .tag").await.to_lowercase();
    assert!(
        status == "closed" || status == "afgesloten",
        "the dossier says it is closed: {status}"
    );
    let signed = b.text("main").await;
    assert!(
        signed.contains("Vera Vrijwilliger") && signed.contains("Bea Bestuurslid"),
        "both signatures are on the dossier"
    );
    let v = app.dossier(&token, &reference).await;
    assert_eq!(v["status"], "closed");
    let k = kinds(&v);
    for kind in [
        "registered",
        "acknowledged",
        "assigned",
        "involved_informed",
        "hearing_recorded",
        "escalated",
        "classified",
        "measure_recorded",
        "decided",
        "signed_off",
        "closed",
    ] {
        assert!(k.iter().any(|x| x == kind), "{kind} in the timeline: {k:?}");
    }
    assert_eq!(k.iter().filter(|x| *x == "signed_off").count(), 2);
    b.close().await;
}

// ----- refusals --------------------------------------------------------------------------------

/// Registers a phone complaint through the API as `token` (for the tests about something else
/// than registering); returns its reference.
async fn api_register(app: &TestApp, token: &str, concerns: Option<&str>) -> String {
    let mut body = serde_json::json!({"name": "Jan Jansen", "email": "jan@example.nl",
        "phone": "0612345678", "description": "De vrijwilliger kwam niet opdagen.",
        "channel": "phone", "privacy_accepted": true});
    if let Some(c) = concerns {
        body["concerns"] = serde_json::json!(c);
    }
    app.register_complaint(token, body).await
}

#[tokio::test(flavor = "multi_thread")]
async fn k8_k3_a_volunteer_cannot_open_anothers_complaint_and_the_person_complained_about_cannot_decide()
 {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = start("template").await;
    staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    staff_user(
        &app,
        "vera@example.org",
        "Vera Vrijwilliger",
        &[Role::Staff],
    )
    .await;
    let token = token_for(&app, "coord@example.org").await;
    let about_nobody = api_register(&app, &token, None).await;
    let about_vera = api_register(&app, &token, Some("vera@example.org")).await;

    sign_in(&b, &app, "vera@example.org", None).await;
    // K8: another's complaint is not there for her, and nothing of it shows.
    let dashboard = main_text(&b).await;
    assert!(
        !dashboard.contains(&about_nobody),
        "not on her dashboard: {dashboard}"
    );
    b.goto(&app.url(&format!("/beheer/klachten/{about_nobody}")))
        .await;
    let refused = main_text(&b).await;
    assert!(
        refused.contains(&format!("no complaint {about_nobody} that you may see"))
            || refused.contains(&format!("geen klacht {about_nobody} die u mag inzien")),
        "{refused}"
    );
    assert!(!refused.contains("Jan Jansen") && !refused.contains("opdagen"));
    b.assert_no_axe_violations("the not-found page").await;

    // K3: the complaint about her shows in the restricted view, without a decision to take.
    b.goto(&app.url(&format!("/beheer/klachten/{about_vera}")))
        .await;
    let page = main_text(&b).await;
    assert!(
        page.contains("De vrijwilliger kwam niet opdagen."),
        "{page}"
    );
    assert!(
        page.contains("it is about you") || page.contains("ze gaat over u"),
        "she is told why: {page}"
    );
    assert!(
        !page.contains("jan@example.nl") && !page.contains("0612345678"),
        "no contact details of the complainant"
    );
    let offered_to_her = offered(&b).await;
    assert!(
        !offered_to_her.iter().any(|a| a == "decide" || a == "close"),
        "{offered_to_her:?}"
    );
    b.assert_no_axe_violations("the restricted dossier").await;
    // Going to the decision form by its address and sending it is refused, with the reason.
    b.goto(&app.url(&format!("/beheer/klachten/{about_vera}/stap/decide")))
        .await;
    fill_fields(
        &b,
        &[
            F::Select("outcome", "ongegrond"),
            F::Text("decision", "Niets aan de hand."),
        ],
    )
    .await;
    b.click("main form button[value=save]").await;
    let refusal = b.text("[aria-labelledby=refusal-title]").await;
    assert!(
        (refusal.contains("about you") || refusal.contains("over u"))
            && refusal.contains("Carla Coördinator"),
        "the refusal says why and who acts instead: {refusal}"
    );
    b.screenshot("beheer-k3-refused").await;
    let v = app.dossier(&token, &about_vera).await;
    assert!(v["decision"].is_null(), "nothing decided");
    b.close().await;
}

// ----- accessibility ---------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn wcag_the_back_office_pages_have_no_axe_violations() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = start("template").await;
    let (_, totp) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator, Role::Admin],
    )
    .await;
    staff_user(&app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    let token = token_for(&app, "coord@example.org").await;
    let reference = api_register(&app, &token, None).await;

    b.goto(&app.url("/beheer/inloggen")).await;
    b.assert_no_axe_violations("the sign-in page").await;
    // A wrong password: the page with its error.
    b.fill("#email", "coord@example.org").await;
    b.fill("#password", "not the password").await;
    b.click("main form button[type=submit]").await;
    b.find(".error-summary").await;
    b.assert_no_axe_violations("the sign-in page with an error")
        .await;

    sign_in(&b, &app, "coord@example.org", totp.as_deref()).await;
    b.assert_no_axe_violations("the dashboard").await;
    b.screenshot("beheer-dashboard").await;

    b.goto(&app.url(&format!("/beheer/klachten/{reference}")))
        .await;
    b.assert_no_axe_violations("the dossier").await;
    b.screenshot("beheer-dossier").await;

    // A step form, empty and then sent without what it needs.
    b.goto(&app.url(&format!("/beheer/klachten/{reference}/stap/extend")))
        .await;
    b.assert_no_axe_violations("the extension form").await;
    // The browser itself asks for the required fields; a note of spaces gets past it and the
    // server names the problem.
    b.goto(&app.url(&format!("/beheer/klachten/{reference}/stap/add-note")))
        .await;
    b.fill("#text", "   ").await;
    b.click("main form button[value=save]").await;
    b.find(".error-summary").await;
    assert_eq!(
        b.attr("#text", "aria-invalid").await.as_deref(),
        Some("true")
    );
    b.assert_no_axe_violations("the note form with an error")
        .await;
    b.screenshot("beheer-step-errors").await;

    // The letter preview.
    b.goto(&app.url(&format!("/beheer/klachten/{reference}/stap/acknowledge")))
        .await;
    b.click("main form button[value=preview]").await;
    b.find(".preview").await;
    b.assert_no_axe_violations("the letter preview").await;

    b.goto(&app.url("/beheer/klachten/nieuw")).await;
    b.assert_no_axe_violations("the registration form").await;
    b.click("main form button[type=submit]").await;
    b.find(".error-summary").await;
    b.assert_no_axe_violations("the registration form with errors")
        .await;
    b.screenshot("beheer-register-errors").await;

    b.goto(&app.url("/beheer/account")).await;
    b.assert_no_axe_violations("the account page").await;

    // The reports (issue 5): the choice page, with an error, and a report as its own page.
    b.goto(&app.url("/beheer/verslagen")).await;
    b.assert_no_axe_violations("the reports page").await;
    b.goto(&app.url("/beheer/verslagen/halfjaar?year=2026&half=3"))
        .await;
    b.find(".error-summary").await;
    b.assert_no_axe_violations("the reports page with an error")
        .await;
    b.goto(&app.url("/beheer/verslagen/halfjaar?year=2026&half=1"))
        .await;
    b.find("svg[role=img]").await;
    b.assert_no_axe_violations("the half-year report").await;
    b.screenshot("verslag-halfjaar").await;

    b.goto(&app.url("/beheer/gebruikers")).await;
    b.assert_no_axe_violations("the users page").await;
    b.screenshot("beheer-users").await;
    b.goto(&app.url("/beheer/gebruikers/logboek")).await;
    b.find("h1").await;
    b.assert_no_axe_violations("the account log").await;

    // English too.
    b.goto(&app.url("/beheer?lang=en")).await;
    b.assert_no_axe_violations("the English dashboard").await;
    b.close().await;
}

/// A complaint by phone from someone with a postal address and no e-mail address: the dossier's
/// open task "letters to post" and the printed letter pass axe, and the task ends with its
/// button (T5, T12).
#[tokio::test(flavor = "multi_thread")]
async fn wcag_t12_a_letter_to_post_is_printed_and_marked_sent_in_the_browser() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = start("template").await;
    let (_, totp) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    let token = token_for(&app, "coord@example.org").await;
    let reference = app
        .register_complaint(
            &token,
            serde_json::json!({"name": "Piet Puk", "phone": "0201234567",
                "address": "Dorpsstraat 1\n1234 AB Ons Dorp",
                "description": "De bus kwam niet.", "channel": "phone",
                "privacy_accepted": true}),
        )
        .await;
    app.step(
        &token,
        &reference,
        "acknowledge",
        serde_json::json!({"via": "email"}),
    )
    .await;
    sign_in(&b, &app, "coord@example.org", totp.as_deref()).await;
    b.goto(&app.url(&format!("/beheer/klachten/{reference}")))
        .await;
    b.find("#letters-to-post").await;
    b.assert_no_axe_violations("the dossier with a letter to post")
        .await;
    b.click("#letters-to-post a").await;
    b.find(".letter__subject").await;
    let text = main_text(&b).await;
    for expected in [
        "Stichting Voorbeeld",
        "Piet Puk",
        "4 mei 2026",
        &format!("Ons kenmerk: {reference}"),
        "Carla Coördinator",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    assert!(!text.contains("[persoonlijke link"), "{text}");
    b.assert_no_axe_violations("the printed letter").await;
    b.screenshot("beheer-brief").await;
    b.goto(&app.url(&format!("/beheer/klachten/{reference}")))
        .await;
    b.click("#letters-to-post form button[type=submit]").await;
    b.find(".notice--ok").await;
    assert!(!b.exists("#letters-to-post").await);
    b.assert_no_axe_violations("the dossier after posting")
        .await;
    b.close().await;
}

// ----- the keyboard only -----------------------------------------------------------------------

/// A short description of the focused element: its `name`, else its `id`, else its tag and link
/// target (`A /beheer`).
async fn focused(b: &Browser) -> String {
    b.eval(
        "const e = document.activeElement;
         if (!e || e === document.body) return 'BODY';
         if (e.name) return e.name;
         if (e.id) return '#' + e.id;
         return e.tagName + ' ' + (e.getAttribute('href') || e.getAttribute('type') || '');",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

/// Presses Tab until the focused element is `target` (see [`focused`]); panics after `max`.
async fn tab_to(b: &Browser, target: &str, max: usize) -> Vec<String> {
    let mut stops = Vec::new();
    for _ in 0..max {
        b.press_tab().await;
        let stop = focused(b).await;
        let reached = stop == target;
        stops.push(stop);
        if reached {
            return stops;
        }
    }
    panic!("{max} presses of Tab did not reach `{target}`; focus went to {stops:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn keyboard_only_sign_in_with_the_code_and_take_a_step() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = start("template").await;
    let (_, totp) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    let totp = totp.unwrap();
    let token = token_for(&app, "coord@example.org").await;
    let reference = api_register(&app, &token, None).await;

    b.goto(&app.url("/beheer/inloggen")).await;
    // The skip link comes first.
    b.press_tab().await;
    assert_eq!(focused(&b).await, "A #main");
    tab_to(&b, "email", 10).await;
    b.type_keys("coord@example.org").await;
    b.press_tab().await;
    assert_eq!(focused(&b).await, "password");
    b.type_keys(PASSWORD).await;
    b.press_enter().await;
    b.wait_for_url("the code page", |u| u.contains("/beheer/inloggen/code"))
        .await;
    let later = app.clock.now() + SignedDuration::from_secs(31);
    app.clock.set(later);
    let code = klacht_web::auth::totp::code_at(&totp, later).unwrap();
    tab_to(&b, "code", 10).await;
    b.type_keys(&code).await;
    b.press_enter().await;
    b.wait_for_url("the dashboard", |u| !u.contains("/beheer/inloggen"))
        .await;

    // From the dashboard to the complaint, to its note form, and the note saved.
    tab_to(&b, &format!("A /beheer/klachten/{reference}"), 40).await;
    b.press_enter().await;
    b.wait_for_url("the dossier", |u| {
        u.ends_with(&format!("/beheer/klachten/{reference}"))
    })
    .await;
    tab_to(
        &b,
        &format!("A /beheer/klachten/{reference}/stap/add-note"),
        40,
    )
    .await;
    b.press_enter().await;
    b.wait_for_url("the note form", |u| u.contains("/stap/add-note"))
        .await;
    tab_to(&b, "text", 20).await;
    b.type_keys("Klager teruggebeld; hij wacht op het besluit.")
        .await;
    b.press_tab().await;
    assert_eq!(
        focused(&b).await,
        "intent",
        "after the note comes the save button, not {}",
        b.active_element_html().await
    );
    b.press_enter().await;
    b.wait_for_url("the dossier after the note", |u| {
        u.contains("gedaan=add-note")
    })
    .await;
    assert!(b.exists(".notice--ok").await);
    assert!(
        main_text(&b)
            .await
            .contains("Klager teruggebeld; hij wacht op het besluit."),
        "the note is in the timeline"
    );
    let v = app.dossier(&token, &reference).await;
    assert!(kinds(&v).iter().any(|k| k == "note_added"));
    b.close().await;
}

/// Waits until the page's source has `needle` (after a form that leads back to the same
/// address, where waiting for the address says nothing); returns the source.
async fn wait_for_source(b: &Browser, needle: &str) -> String {
    let mut source = String::new();
    for _ in 0..100 {
        source = b.source().await;
        if source.contains(needle) {
            return source;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the page never showed {needle:?}: {source}");
}

/// The recommendations register as people click through it (T14, T16): the coordinator
/// proposes a recommendation and links the complaint it comes from, the director adopts it,
/// the coordinator gives it an improvement action owned by a handler, and once it is overdue the
/// handler finds it on their dashboard and marks it done. Every page, also one with errors,
/// without axe violations.
#[tokio::test(flavor = "multi_thread")]
async fn t14_t16_the_register_in_the_browser_from_proposal_to_done_action() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = start("template").await;
    let (_, totp) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    staff_user(
        &app,
        "diana@example.org",
        "Diana Directeur",
        &[Role::Director],
    )
    .await;
    staff_user(&app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    let token = token_for(&app, "coord@example.org").await;
    let reference = api_register(&app, &token, None).await;

    sign_in(&b, &app, "coord@example.org", totp.as_deref()).await;
    b.click("a[href='/beheer/aanbevelingen']").await;
    b.wait_for_url("the register", |u| u.ends_with("/beheer/aanbevelingen"))
        .await;
    b.assert_no_axe_violations("the register").await;
    // Proposed without a title: named, the text kept.
    b.fill("#text", "Bel elke klager binnen twee dagen terug.")
        .await;
    b.click("form[action='/beheer/aanbevelingen'] button[type=submit]")
        .await;
    b.find(".error-summary").await;
    assert_eq!(
        b.attr("#title", "aria-invalid").await.as_deref(),
        Some("true")
    );
    assert_eq!(
        b.prop("#text", "value").await.as_deref(),
        Some("Bel elke klager binnen twee dagen terug.")
    );
    b.assert_no_axe_violations("the register with an error")
        .await;
    b.fill("#title", "Terugbellen binnen twee dagen").await;
    b.click("form[action='/beheer/aanbevelingen'] button[type=submit]")
        .await;
    let page = b
        .wait_for_url("the recommendation", |u| {
            u.contains("/beheer/aanbevelingen/") && !u.ends_with("/aanbevelingen/")
        })
        .await;
    let page = page.split(['?', '#']).next().unwrap_or_default().to_owned();
    b.fill("#complaints", &reference).await;
    b.click("form[action$='/klachten'] button[type=submit]")
        .await;
    b.find(&format!("main a[href='/beheer/klachten/{reference}']"))
        .await;
    b.assert_no_axe_violations("a proposed recommendation")
        .await;
    b.screenshot("beheer-recommendation-proposed").await;
    sign_out(&b, &app).await;

    // The director decides (T14: the directors adopt or reject, with why).
    let b = Browser::start().await.expect("a second browser session");
    sign_in(&b, &app, "diana@example.org", None).await;
    b.goto(&page).await;
    b.click("#decision-adopted").await;
    b.fill("#reason", "Past in het beleid; de wachttijd was te lang.")
        .await;
    b.click("form[action$='/besluit'] button[type=submit]")
        .await;
    // The decision stands on the page with who took it.
    wait_for_source(&b, "Past in het beleid; de wachttijd was te lang.").await;
    let text = main_text(&b).await;
    assert!(text.contains("Diana Directeur"), "{text}");
    b.assert_no_axe_violations("an adopted recommendation")
        .await;
    sign_out(&b, &app).await;

    // The coordinator adds an improvement action for Hans, due on Friday 8 May 2026.
    let b = Browser::start().await.expect("a third browser session");
    sign_in(&b, &app, "coord@example.org", totp.as_deref()).await;
    b.goto(&page).await;
    fill_fields(
        &b,
        &[
            F::Text("description", "Belschema voor de balie maken."),
            F::Select("owner", "hans@example.org"),
            F::Date("due", "05082026"),
        ],
    )
    .await;
    b.click("form[action$='/acties'] button[type=submit]").await;
    wait_for_source(&b, "Belschema voor de balie maken.").await;
    let text = main_text(&b).await;
    assert!(text.contains("Hans Handler"), "{text}");
    b.assert_no_axe_violations("a recommendation with an action")
        .await;
    b.goto(&app.url("/beheer/evaluaties")).await;
    b.assert_no_axe_violations("the evaluations").await;
    // The coordinator's analysis for the report (K13): written, then shown in the report.
    b.goto(&app.url("/beheer/verslagen")).await;
    b.click("a[href^='/beheer/verslagen/analyse?kind=half_year']")
        .await;
    b.wait_for_url("the analysis", |u| u.contains("/beheer/verslagen/analyse"))
        .await;
    b.assert_no_axe_violations("the analysis form").await;
    b.fill("#text", "Terugbellen blijft het zwakke punt.").await;
    b.click("main form button[type=submit]").await;
    b.wait_for_url("the half-year report", |u| {
        u.contains("/beheer/verslagen/halfjaar")
    })
    .await;
    assert!(
        b.source()
            .await
            .contains("Terugbellen blijft het zwakke punt.")
    );
    // The annual report's publication (T15): every free text with its review, publishing asks
    // for a confirmation first.
    b.goto(&app.url("/beheer/verslagen")).await;
    b.click("a[href^='/beheer/verslagen/publicatie?year=']")
        .await;
    b.wait_for_url("the publication", |u| {
        u.contains("/beheer/verslagen/publicatie")
    })
    .await;
    b.assert_no_axe_violations("the publication of the annual report")
        .await;
    b.screenshot("publication").await;
    b.click("form[action$='/publiceren'] button[type=submit]")
        .await;
    wait_for_source(&b, "error-summary").await;
    b.assert_no_axe_violations("the publication without its confirmation")
        .await;
    sign_out(&b, &app).await;

    // A week later the action is overdue: Hans sees it on his dashboard and marks it done.
    app.clock
        .set(app.clock.now() + SignedDuration::from_hours(7 * 24));
    let b = Browser::start().await.expect("a fourth browser session");
    sign_in(&b, &app, "hans@example.org", None).await;
    let dashboard = main_text(&b).await;
    assert!(
        dashboard.contains("Belschema voor de balie maken."),
        "the overdue action is on its owner's dashboard: {dashboard}"
    );
    assert!(
        b.exists("main .tag--late").await,
        "marked overdue: {dashboard}"
    );
    b.assert_no_axe_violations("the dashboard with an overdue action")
        .await;
    b.click("main a[href*='/beheer/aanbevelingen/']").await;
    b.wait_for_url("the recommendation", |u| u.starts_with(&page))
        .await;
    let status = b.find_all("select[name^='status']").await;
    assert_eq!(status.len(), 1, "one action to update");
    status[0]
        .select_by_value("done")
        .await
        .expect("choose done");
    b.fill(
        "textarea[name^='result']",
        "Het belschema hangt bij de balie.",
    )
    .await;
    b.click("form.action-form button[type=submit]").await;
    wait_for_source(&b, "Het belschema hangt bij de balie.").await;
    b.goto(&app.url("/beheer")).await;
    let dashboard = main_text(&b).await;
    assert!(
        !dashboard.contains("Belschema voor de balie maken."),
        "a done action leaves the dashboard: {dashboard}"
    );
    sign_out(&b, &app).await;
}

// ----- retention (K8, T10) ---------------------------------------------------------------------

/// Takes a complaint registered with [`api_register`] to closed through the API.
async fn api_close(app: &TestApp, token: &str, reference: &str) {
    let step = |action: &'static str, body: Value| app.step(token, reference, action, body);
    step("assign", serde_json::json!({"handler": "hans@example.org"})).await;
    step(
        "classify",
        serde_json::json!({"categories": ["service"], "severity": "normal"}),
    )
    .await;
    step(
        "decide",
        serde_json::json!({"outcome": "gegrond", "decision": "U heeft gelijk.", "via": "email"}),
    )
    .await;
    let closed = step("close", serde_json::json!({})).await;
    assert_eq!(closed["status"], "closed");
}

/// A closed complaint, two years on (the template keeps personal data 24 months): the
/// coordinator holds it back with a reason, finds it on the retention page (reached through the
/// menu), lifts the hold from there, anonymises it on request, and sees the notice at the top of
/// the dossier and the entry on its timeline. axe-core on the retention page, on the anonymise
/// form and on the anonymised dossier. (The browser asks for English.)
#[tokio::test(flavor = "multi_thread")]
async fn t10_k08_hold_lift_and_anonymise_a_closed_complaint_in_the_browser() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = start("template").await;
    let (_, carla_totp) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    staff_user(&app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    let token = token_for(&app, "coord@example.org").await;
    let reference = api_register(&app, &token, None).await;
    api_close(&app, &token, &reference).await;
    // Another, closed the same day, that nobody holds back.
    let other = api_register(&app, &token, None).await;
    api_close(&app, &token, &other).await;
    // Thursday 20 April 2028: kept until 4 May 2028.
    app.clock.set("2028-04-20T10:00:00+02:00".parse().unwrap());

    sign_in(&b, &app, "coord@example.org", carla_totp.as_deref()).await;
    step(
        &b,
        &app,
        &reference,
        "hold",
        &[F::Text(
            "reason",
            "Procedure bij de Nationale ombudsman loopt nog.",
        )],
    )
    .await;
    assert_eq!(
        b.text("#held strong").await,
        "Held back on purpose since 20 April 2028: Procedure bij de Nationale ombudsman loopt nog."
    );
    assert!(
        !offered(&b).await.contains(&"anonymise".to_owned()),
        "a held complaint is not anonymised"
    );
    b.assert_no_axe_violations("a held dossier").await;
    b.screenshot("beheer-bewust-bewaard").await;

    b.click("nav a[href='/beheer/bewaartermijn']").await;
    b.wait_for_url("the retention page", |u| {
        u.ends_with("/beheer/bewaartermijn")
    })
    .await;
    assert_eq!(b.text("h1").await, "Retention and anonymisation");
    let due = b.text("#due tbody tr").await;
    assert!(
        due.contains(&other) && due.contains("4 May 2026") && due.contains("5 May 2028"),
        "{due}"
    );
    let held = b.text("#held tbody tr").await;
    assert!(
        held.contains(&reference)
            && held.contains("20 April 2028")
            && held.contains("Procedure bij de Nationale ombudsman loopt nog.")
            && held.contains("4 May 2028"),
        "{held}"
    );
    assert!(
        main_text(&b)
            .await
            .contains("until 24 months after it was closed or withdrawn"),
        "the period in words"
    );
    b.assert_no_axe_violations("the retention page").await;
    b.client().set_window_size(1280, 1400).await.unwrap();
    b.screenshot("beheer-bewaartermijn").await;

    b.click("#held a[href$='/stap/lift-hold']").await;
    b.wait_for_url("the lift-hold form", |u| u.ends_with("/stap/lift-hold"))
        .await;
    b.fill("#reason", "De ombudsman heeft de zaak afgesloten.")
        .await;
    b.click("main form button[value=save]").await;
    b.wait_for_url("the dossier after lifting", |u| {
        u.ends_with("gedaan=lift-hold")
    })
    .await;
    assert!(!b.exists("#held").await, "no longer held");

    // The anonymisation: its form says it is final.
    b.click(".steps .actions a[href$='/stap/anonymise']").await;
    b.wait_for_url("the anonymise form", |u| u.ends_with("/stap/anonymise"))
        .await;
    assert_eq!(
        b.text(".irreversible strong").await,
        "Note: anonymising is final."
    );
    assert_eq!(
        b.text("main form button[value=save]").await,
        "Anonymise for good"
    );
    b.assert_no_axe_violations("the anonymise form").await;
    b.screenshot("beheer-anonimiseren").await;
    fill_fields(
        &b,
        &[
            F::Text(
                "reason",
                "Verzoek om verwijdering (art. 17 AVG) van 18 april.",
            ),
            F::Tick("confirm"),
        ],
    )
    .await;
    b.click("main form button[value=save]").await;
    b.wait_for_url("the anonymised dossier", |u| {
        u.ends_with("gedaan=anonymise")
    })
    .await;
    assert_eq!(
        b.text("#anonymised strong").await,
        "Anonymised on 20 April 2028 (on request)"
    );
    let timeline = b.text(".timeline").await;
    assert!(
        timeline.contains("Anonymised")
            && timeline.contains("on request, before the retention period ended")
            && timeline.contains("Verzoek om verwijdering (art. 17 AVG) van 18 april."),
        "{timeline}"
    );
    let text = main_text(&b).await;
    assert!(!text.contains("Jan Jansen"), "{text}");
    assert!(text.contains("Removed when anonymised."), "{text}");
    assert!(offered(&b).await.is_empty(), "nothing more to do");
    b.assert_no_axe_violations("the anonymised dossier").await;
    b.client().set_window_size(1280, 2400).await.unwrap();
    b.screenshot("beheer-geanonimiseerd").await;
    // In Dutch.
    b.goto(&app.url(&format!("/beheer/klachten/{reference}?lang=nl")))
        .await;
    assert_eq!(
        b.text("#anonymised strong").await,
        "Geanonimiseerd op 20 april 2028 (op verzoek)"
    );
    b.assert_no_axe_violations("the anonymised dossier in Dutch")
        .await;
    sign_out(&b, &app).await;
}

// ----- the data-subject desk (AVG art. 12, 15, 17; K8, T10) ----------------------------------------

/// GETs `href` with the browser's cookies (a download the browser would save, not show): its
/// status and content type.
async fn fetch_as_browser(b: &Browser, app: &TestApp, href: &str) -> (u16, String, Vec<u8>) {
    let cookies = b.client().get_all_cookies().await.unwrap();
    let header = cookies
        .iter()
        .map(|c| format!("{}={}", c.name(), c.value()))
        .collect::<Vec<_>>()
        .join("; ");
    let r = reqwest::Client::new()
        .get(app.url(href))
        .header("cookie", header)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let kind = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, kind, r.bytes().await.unwrap().to_vec())
}

/// Jan Jansen e-mails that his data be erased. The coordinator finds the desk through the menu,
/// registers the request (after a first try without a kind or a person), sees his two
/// complaints (one closed, one still open), downloads his data, erases — the closed complaint is
/// anonymised, the open one refused with what to do first — and settles the request. axe-core on
/// the list, the form (empty and with its errors) and the request's page before and after the
/// erasure. (The browser asks for English.)
#[tokio::test(flavor = "multi_thread")]
async fn art_17_t10_k08_an_erasure_request_at_the_desk_in_the_browser() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = start("template").await;
    let (_, carla_totp) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    staff_user(&app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    let token = token_for(&app, "coord@example.org").await;
    let closed = api_register(&app, &token, None).await;
    api_close(&app, &token, &closed).await;
    let open = api_register(&app, &token, None).await;
    // Monday 11 May 2026.
    app.clock.set("2026-05-11T10:00:00+02:00".parse().unwrap());

    sign_in(&b, &app, "coord@example.org", carla_totp.as_deref()).await;
    b.click("nav a[href='/beheer/verzoeken']").await;
    b.wait_for_url("the desk", |u| u.ends_with("/beheer/verzoeken"))
        .await;
    assert_eq!(b.text("h1").await, "Requests about personal data");
    assert!(main_text(&b).await.contains("There are no open requests."));
    b.assert_no_axe_violations("the desk's empty list").await;

    b.click("main a[href='/beheer/verzoeken/nieuw']").await;
    b.wait_for_url("the form", |u| u.ends_with("/beheer/verzoeken/nieuw"))
        .await;
    assert_eq!(
        b.prop("#received_on", "value").await.as_deref(),
        Some("2026-05-11"),
        "received today"
    );
    b.assert_no_axe_violations("the request form").await;
    b.click("main form button[type=submit]").await;
    b.wait_for_url("the form with its errors", |u| {
        u.ends_with("/beheer/verzoeken/nieuw")
    })
    .await;
    let summary = b.text(".error-summary").await;
    assert!(
        summary.contains("Choose what the person asks: access, rectification or erasure.")
            && summary.contains(
                "Say who makes the request: an e-mail address, a phone number or a name."
            ),
        "{summary}"
    );
    b.assert_no_axe_violations("the request form with its errors")
        .await;
    b.screenshot("beheer-verzoek-fouten").await;

    b.click("#kind-erasure").await;
    b.fill("#email", "jan@example.nl").await;
    b.fill("#note", "Per e-mail ontvangen; identiteit nagevraagd.")
        .await;
    b.click("main form button[type=submit]").await;
    b.wait_for_url("the request's page", |u| u.ends_with("/beheer/verzoeken/1"))
        .await;
    assert_eq!(b.text("h1").await, "Request 1");
    let details = b.text("dl.details").await;
    assert!(
        details.contains("Erasure (art. 17)")
            && details.contains("jan@example.nl")
            && details.contains("11 May 2026")
            && details.contains("11 June 2026"),
        "{details}"
    );
    let rows: Vec<String> = {
        let mut v = Vec::new();
        for r in b.find_all("#matches tbody tr").await {
            v.push(r.text().await.unwrap());
        }
        v
    };
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows.iter()
            .any(|r| r.contains(&closed) && r.contains("complainant") && r.contains("closed")),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains(&open) && r.contains("complainant") && r.contains("received")),
        "{rows:?}"
    );
    assert_eq!(
        b.attr(
            &format!("#matches a[href='/beheer/klachten/{closed}']"),
            "href"
        )
        .await
        .as_deref(),
        Some(format!("/beheer/klachten/{closed}").as_str()),
        "linked to its dossier"
    );
    b.assert_no_axe_violations("the request's page").await;
    b.client().set_window_size(1280, 2600).await.unwrap();
    b.screenshot("beheer-verzoek").await;

    // The export: the download links answer.
    let href = b.attr("a[href$='/gegevens.json']", "href").await.unwrap();
    let (status, kind, body) = fetch_as_browser(&b, &app, &href).await;
    assert_eq!((status, kind.as_str()), (200, "application/json"));
    let text = String::from_utf8(body).unwrap();
    assert!(
        text.contains("Jan Jansen") && text.contains(&closed),
        "{text}"
    );
    #[cfg(feature = "pdf")]
    {
        let href = b.attr("a[href$='/gegevens.pdf']", "href").await.unwrap();
        let (status, kind, body) = fetch_as_browser(&b, &app, &href).await;
        assert_eq!((status, kind.as_str()), (200, "application/pdf"));
        assert!(body.starts_with(b"%PDF-"));
    }

    // Erasure: first without the confirmation (nothing happens), then confirmed.
    b.click("form[action$='/wissen'] button[type=submit]").await;
    b.wait_for_url("the page with the missing confirmation", |u| {
        u.ends_with("/wissen")
    })
    .await;
    assert_eq!(
        b.text(".error-summary").await,
        "There is a problem\nTick the box to confirm you understand that erasing cannot be undone."
    );
    assert_eq!(
        b.find_all("#matches tbody tr").await.len(),
        2,
        "nothing erased"
    );
    b.assert_no_axe_violations("the request's page with an error")
        .await;
    b.click("#confirm").await;
    b.click("form[action$='/wissen'] button[type=submit]").await;
    b.wait_for_url("what was erased", |u| u.ends_with("/wissen"))
        .await;
    // The address was the same before (the page with the error): wait for the answer's list.
    b.find("#erased li").await;
    let erased: Vec<String> = {
        let mut v = Vec::new();
        for r in b.find_all("#erased li").await {
            v.push(r.text().await.unwrap());
        }
        v
    };
    assert!(
        erased.contains(&format!("{closed}: anonymised.")),
        "{erased:?}"
    );
    assert!(
        erased.iter().any(|e| e.starts_with(&format!("{open}: not erased:"))
            && e.contains("Only a closed or withdrawn complaint can be held back or anonymised; close it first (the step “Close”) or record its withdrawal (the step “Record withdrawal”).")),
        "{erased:?}"
    );
    b.assert_no_axe_violations("the request's page after the erasure")
        .await;
    b.screenshot("beheer-verzoek-gewist").await;

    // Settled.
    b.fill(
        "#outcome",
        "One complaint erased; the open one will be erased once handled.",
    )
    .await;
    b.click("form[action$='/afronden'] button[type=submit]")
        .await;
    b.wait_for_url("the settled request", |u| {
        u.ends_with("/beheer/verzoeken/1")
    })
    .await;
    assert!(
        b.text("dl.details").await.contains(
            "11 May 2026: One complaint erased; the open one will be erased once handled."
        ),
    );
    assert!(
        !b.exists("form[action$='/wissen']").await,
        "nothing left to do"
    );
    let log = b.text("#log").await;
    assert!(
        log.contains("Registered")
            && log.contains("Data downloaded")
            && log.contains("Anonymised")
            && log.contains("Not erased")
            && log.contains("Settled"),
        "{log}"
    );

    b.click("nav a[href='/beheer/verzoeken']").await;
    b.wait_for_url("the desk", |u| u.ends_with("/beheer/verzoeken"))
        .await;
    let settled = b.text("#settled tbody").await;
    assert!(
        settled.contains("Request 1") && settled.contains("jan@example.nl"),
        "{settled}"
    );
    b.assert_no_axe_violations("the desk's list").await;
    b.screenshot("beheer-verzoeken").await;
    sign_out(&b, &app).await;
}

// ----- T16: the regulation's versions -----------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn t16_a_version_drafted_and_adopted_in_the_browser_for_a_later_date_applies_to_complaints_received_from_then()
 {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = start("template").await;
    let (_, carla_totp) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    sign_in(&b, &app, "coord@example.org", carla_totp.as_deref()).await;
    b.click("nav a[href='/beheer/regeling']").await;
    b.wait_for_url("the versions", |u| u.ends_with("/beheer/regeling"))
        .await;
    assert_eq!(b.text("h1").await, "Complaints procedure");
    assert!(b.text("#versions tbody").await.contains("template 2025-1"));
    b.assert_no_axe_violations("the versions in the back office")
        .await;

    b.click("main a[href='/beheer/regeling/nieuw']").await;
    b.wait_for_url("the draft form", |u| u.ends_with("/beheer/regeling/nieuw"))
        .await;
    b.assert_no_axe_violations("the draft form").await;
    // The coordinator changes the label and the answer term in the text area (as pasted).
    let text: String = b
        .eval("return document.querySelector('#toml').value;")
        .await
        .as_str()
        .unwrap()
        .to_owned();
    assert!(text.contains("version = \"2025-1\""));
    let changed = text
        .replace("version = \"2025-1\"", "version = \"2027-1\"")
        .replace("working_days = 5\nfrom", "working_days = 10\nfrom");
    b.eval(&format!(
        "document.querySelector('#toml').value = {}; return true;",
        serde_json::to_string(&changed).unwrap()
    ))
    .await;
    b.fill("#note", "Langere antwoordtermijn").await;
    b.click("main form button[type=submit]").await;
    b.wait_for_url("the draft", |u| u.ends_with("/beheer/regeling/2"))
        .await;
    assert_eq!(b.text("h1").await, "template 2027-1");
    let diff = b.text("pre.diff").await;
    assert!(diff.contains("- working_days = 5"), "{diff}");
    assert!(diff.contains("+ working_days = 10"), "{diff}");
    b.assert_no_axe_violations("a draft with its difference")
        .await;
    b.screenshot("beheer-regeling-concept").await;

    b.eval("document.querySelector('#adopted_on').value = '2027-01-01'; return true;")
        .await;
    b.click("#confirm").await;
    b.click("form[action$='/vaststellen'] button[type=submit]")
        .await;
    // The address stays the same: wait until the page is the adopted version's, without the form.
    b.wait_until(
        "the adopted version, without its form",
        "form[action$='/vaststellen']",
        false,
    )
    .await;
    let facts = b.text("dl.details").await;
    assert!(facts.contains("Not yet in effect"), "{facts}");
    assert!(facts.contains("1 January 2027"), "{facts}");

    // The public list, and the version itself.
    b.goto(&app.url("/klachtenregeling/versies?lang=nl")).await;
    assert_eq!(b.text("h1").await, "Versies van de klachtenregeling");
    let rows = b.text("table.versions tbody").await;
    assert!(
        rows.contains("2027-1") && rows.contains("Gaat nog in"),
        "{rows}"
    );
    b.assert_no_axe_violations("the public list of versions")
        .await;
    b.click("table.versions a[href='/klachtenregeling/versies/2']")
        .await;
    b.wait_for_url("a version", |u| u.ends_with("/klachtenregeling/versies/2"))
        .await;
    assert!(
        b.text(".notice")
            .await
            .contains("Deze versie van de klachtenregeling gaat in op 1 januari 2027.")
    );
    b.assert_no_axe_violations("a version not yet in effect")
        .await;
    b.screenshot("klachtenregeling-versie").await;

    // January 2027: a complaint received by phone on 31 December, registered now, is handled
    // under the version in force that day; one received today under the new version. Each
    // dossier says which (the pages are in Dutch since the public list was opened in Dutch).
    sign_out(&b, &app).await;
    app.set_clock("2027-01-04T10:00:00+01:00");
    sign_in(&b, &app, "coord@example.org", carla_totp.as_deref()).await;
    let mut under = Vec::new();
    for received_on in ["2026-12-31", "2027-01-04"] {
        b.goto(&app.url("/beheer/klachten/nieuw")).await;
        fill_fields(
            &b,
            &[
                F::Select("channel", "phone"),
                F::Text("name", "Jan Jansen"),
                F::Text("phone", "0612345678"),
                F::Text("description", "Niemand belde terug."),
                F::Tick("privacy_accepted"),
            ],
        )
        .await;
        b.eval(&format!(
            "document.querySelector('#received_on').value = '{received_on}'; return true;"
        ))
        .await;
        b.click("main form button[type=submit]").await;
        b.wait_for_url("the new dossier", |u| {
            u.contains("/beheer/klachten/") && !u.contains("/nieuw")
        })
        .await;
        let details = b.text("dl.details").await;
        under.push(
            details
                .lines()
                .find(|l| l.contains("die gold op de dag van ontvangst"))
                .unwrap_or_default()
                .trim()
                .to_owned(),
        );
    }
    assert_eq!(
        under,
        [
            "Versie 2025-1, die gold op de dag van ontvangst",
            "Versie 2027-1, die gold op de dag van ontvangst"
        ]
    );
    b.click("dl.details a[href='/klachtenregeling/versies/2']")
        .await;
    b.wait_for_url("the complaint's version", |u| {
        u.ends_with("/klachtenregeling/versies/2")
    })
    .await;
    b.close().await;
}

// ----- Issue 16 A: a new organisation sets itself up ------------------------------------------

/// From the first-start link through the set-up (starting from `regulation`) and the second
/// factor to the organisation's first complaint on its own public form, under its own name.
async fn a_new_organisation_sets_itself_up_and_takes_its_first_complaint(regulation: &str) {
    let Some(b) = Browser::start().await else {
        return;
    };
    // A new installation starts with the example regulation.
    let app = start("template").await;
    let link = klacht_web::first_start_link(&app.state)
        .await
        .unwrap()
        .expect("a first-start link");
    let path = link
        .strip_prefix(&app.url(""))
        .expect("on this server")
        .to_owned();
    b.goto(&app.url(&format!("{path}?lang=nl"))).await;
    assert_eq!(b.text("h1").await, "klacht inrichten");
    b.assert_no_axe_violations("the set-up form").await;

    b.fill("#org_name", "Stichting De Brug").await;
    b.fill("#org_email", "klachten@debrug.nl").await;
    b.fill("#org_address", "Kade 4, 2311 AA Leiden").await;
    b.click(&format!("#regulation-{regulation}")).await;
    // Not by phone: the organisation gave no number.
    b.click("#channels-phone").await;
    b.eval("document.querySelector('#adopted_on').value = '2026-04-01'; return true;")
        .await;
    b.fill("#name", "Carla de Vries").await;
    b.fill("#email", "carla@debrug.nl").await;
    b.fill("#password", PASSWORD).await;
    b.fill("#password_again", PASSWORD).await;
    b.fill("#deputy_name", "Dirk Jansen").await;
    b.fill("#deputy_email", "dirk@debrug.nl").await;
    b.screenshot(&format!("inrichten-{regulation}")).await;
    b.click("main form button[type=submit]").await;

    // The regulation asks a second factor of a coordinator: set up first, with the key shown.
    b.wait_for_url("the second factor", |u| {
        u.contains("/beheer/account/tweede-factor")
    })
    .await;
    let secret = b
        .attr("input[name=secret]", "value")
        .await
        .expect("the key");
    let code = klacht_web::auth::totp::code_at(&secret, app.clock.now()).unwrap();
    b.fill("#code", &code).await;
    b.click("main form button[type=submit]").await;
    // The recovery codes come back at the same address: wait for them.
    b.wait_until(
        "the recovery codes",
        "main a.button[href='/beheer/account']",
        true,
    )
    .await;

    // Her roles are what the chosen regulation asks of a coordinator.
    let carla = app
        .store
        .user_by_email("carla@debrug.nl")
        .await
        .unwrap()
        .unwrap();
    let mut expected = vec![Role::Coordinator, Role::Admin];
    if regulation == "kjrw" {
        expected.push(Role::Board);
    }
    assert_eq!(carla.roles, expected.into_iter().collect());

    b.goto(&app.url("/beheer/inrichten/klaar")).await;
    assert!(
        main_text(&b).await.contains("Stichting De Brug"),
        "{}",
        main_text(&b).await
    );
    b.assert_no_axe_violations("the set-up done").await;
    // The dashboard no longer warns of example details.
    b.goto(&app.url("/beheer")).await;
    assert!(!b.exists(".example-banner").await, "no example banner");

    // The public form is the organisation's, without the example banner or the phone channel.
    b.goto(&app.url("/?lang=nl")).await;
    assert_eq!(b.title().await, "Een klacht indienen — Stichting De Brug");
    let page = main_text(&b).await;
    assert!(!page.contains("Voorbeeld"), "{page}");
    assert!(page.contains("klachten@debrug.nl"), "{page}");
    b.fill("#name", "Sem Bakker").await;
    b.fill("#email", "sem@example.nl").await;
    b.fill("#description", "Mijn vraag werd niet beantwoord.")
        .await;
    if b.exists("#date_of_birth").await {
        b.eval("document.querySelector('#date_of_birth').value = '2010-03-15'; return true;")
            .await;
    }
    b.click("#privacy_accepted").await;
    b.click("main form button[type=submit]").await;
    b.wait_for_url("the thank-you page", |u| u.contains("/bedankt/"))
        .await;
    let reference = b.text(".reference").await;

    // Its acknowledgement is the organisation's, sent from its own address.
    let dossier = app
        .store
        .load(&klacht_core::Reference::try_from(reference.clone()).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(dossier.state.profile.split('@').next(), Some(regulation));
    let letter = dossier
        .events
        .iter()
        .find_map(|e| match &e.event.body {
            klacht_core::procedure::EventBody::Letter(l) => Some(l.body.get().cloned()),
            _ => None,
        })
        .flatten()
        .expect("an acknowledgement");
    assert!(letter.contains("Stichting De Brug"), "{letter}");
    assert!(!letter.contains("Voorbeeld"), "{letter}");
    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn t16_a_charity_sets_itself_up_from_the_first_start_link_and_takes_its_first_complaint() {
    a_new_organisation_sets_itself_up_and_takes_its_first_complaint("template").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn t16_a_law_shop_sets_itself_up_under_kjrw_and_takes_its_first_complaint() {
    a_new_organisation_sets_itself_up_and_takes_its_first_complaint("kjrw").await;
}

#[tokio::test]
async fn t16_a_part_of_the_regulation_is_changed_with_its_form_compared_and_adopted_in_the_browser()
{
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = start("template").await;
    let (_, carla_totp) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    sign_in(&b, &app, "coord@example.org", carla_totp.as_deref()).await;
    b.goto(&app.url("/beheer/regeling/1")).await;
    b.click("main a[href='/beheer/regeling/1/instellingen']")
        .await;
    b.wait_for_url("the settings", |u| {
        u.ends_with("/beheer/regeling/1/instellingen")
    })
    .await;
    assert_eq!(b.text("h1").await, "Settings");
    b.assert_no_axe_violations("the settings of a version")
        .await;

    b.click("main a[href='/beheer/regeling/1/instellingen/termijnen']")
        .await;
    b.wait_for_url("the deadlines", |u| u.ends_with("/instellingen/termijnen"))
        .await;
    b.assert_no_axe_violations("the deadlines' form").await;
    // A mistake first: said at the field, in the summary, nothing stored.
    b.fill("#f-deadlines-1-working_days", "0").await;
    b.click("main form button[type=submit]").await;
    b.wait_until("the form back with its error", ".error-summary", true)
        .await;
    assert!(
        b.text(".error-summary")
            .await
            .contains("0 is out of range; expected 1 to 260")
    );
    b.assert_no_axe_violations("the deadlines' form with an error")
        .await;
    b.fill("#f-deadlines-1-working_days", "7").await;
    b.click("main form button[type=submit]").await;
    b.wait_for_url("the saved draft", |u| {
        u.ends_with("/beheer/regeling/2/instellingen/termijnen?opgeslagen=1")
    })
    .await;
    // A version adopted needs its own name.
    b.goto(&app.url("/beheer/regeling/2/instellingen/versie"))
        .await;
    b.fill("#f-version", "2027-1").await;
    b.click("main form button[type=submit]").await;
    b.wait_for_url("the renamed draft", |u| u.contains("/beheer/regeling/3/"))
        .await;
    b.click(".notice a[href='/beheer/regeling/3']").await;
    b.wait_for_url("the draft", |u| u.ends_with("/beheer/regeling/3"))
        .await;
    let diff = b.text("pre.diff").await;
    assert!(diff.contains("- working_days = 5"), "{diff}");
    assert!(diff.contains("+ working_days = 7"), "{diff}");
    assert!(diff.contains("+ version = \"2027-1\""), "{diff}");

    b.click("main a[href='/beheer/regeling/3/brieven']").await;
    b.wait_for_url("the letters", |u| u.ends_with("/beheer/regeling/3/brieven"))
        .await;
    b.assert_no_axe_violations("the letters' preview").await;
    b.goto(&app.url("/beheer/regeling/3")).await;

    b.eval("document.querySelector('#adopted_on').value = '2027-01-01'; return true;")
        .await;
    b.click("#confirm").await;
    b.click("form[action$='/vaststellen'] button[type=submit]")
        .await;
    b.wait_until(
        "the adopted version, without its form",
        "form[action$='/vaststellen']",
        false,
    )
    .await;
    let facts = b.text("dl.details").await;
    assert!(facts.contains("1 January 2027"), "{facts}");
    b.close().await;
}

// ----- Issue 17: the post tray -------------------------------------------------------------------

/// T2, K10: the coordinator makes a complaint of an e-mail in the post tray, in the browser:
/// the tray and the message pass axe, the details come from the mail, and the complaint is an
/// e-mail complaint acknowledged at once.
#[tokio::test(flavor = "multi_thread")]
async fn t02_the_coordinator_makes_a_complaint_of_an_email_in_the_post_tray() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = start("template").await;
    let (_, carla_totp) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    let taken = klacht_app::mail_in::take(
        &app.state,
        klacht_app::mail_in::Incoming {
            source: "imap://klachten@mail.example.nl/INBOX".into(),
            key: Some("7:1".into()),
            arrived_at: None,
            raw: b"From: Els de Wit <els@example.nl>\r\nTo: klachten@voorbeeld.nl\r\nSubject: Klacht over de telefoon\r\nMessage-ID: <els-1@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nNiemand nam op, drie dagen lang.\r\n".to_vec(),
        },
    )
    .await
    .unwrap();
    sign_in(&b, &app, "coord@example.org", carla_totp.as_deref()).await;
    b.click("nav a[href='/beheer/postvak']").await;
    b.wait_for_url("the post tray", |u| u.ends_with("/beheer/postvak"))
        .await;
    assert!(b.text("#tray").await.contains("Klacht over de telefoon"));
    b.assert_no_axe_violations("the post tray").await;
    b.click(&format!("#tray a[href='/beheer/postvak/{}']", taken.id()))
        .await;
    b.wait_for_url("the message", |u| u.contains("/beheer/postvak/"))
        .await;
    b.assert_no_axe_violations("a message in the post tray")
        .await;
    b.screenshot("beheer-postvak-bericht").await;
    let description: String = b
        .eval("return document.querySelector('#description').value;")
        .await
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(description, "Niemand nam op, drie dagen lang.");
    b.click("#register button[type=submit]").await;
    b.wait_for_url("the new dossier", |u| u.contains("/beheer/klachten/"))
        .await;
    let details = b.text("dl.details").await;
    assert!(details.contains("Els de Wit"), "{details}");
    assert!(
        details.contains("(schriftelijk)") || details.contains("(written)"),
        "{details}"
    );
    b.close().await;
}

/// The annual report's publication (T15) in the browser: a summary reviewed fit with its
/// button, the year published after the confirmation; each state of the page passes axe.
#[tokio::test(flavor = "multi_thread")]
async fn t15_the_publication_of_the_annual_report_in_the_browser() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = start("template").await;
    let (_, totp) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    let token = token_for(&app, "coord@example.org").await;
    let reference = app
        .register_complaint(
            &token,
            serde_json::json!({"name": "Jan Jansen", "email": "jan@example.nl",
                   "description": "Mijn dossier is zoek.",
                   "channel": "phone", "received_at": "2025-03-02T10:00:00+01:00"}),
        )
        .await;
    for (action, body) in [
        (
            "classify",
            serde_json::json!({"categories": ["privacy"], "sensitive": true}),
        ),
        (
            "report-summary",
            serde_json::json!({"text": "Een dossier raakte zoek; de werkwijze is aangepast."}),
        ),
    ] {
        let (status, v) = app
            .post(
                &format!("/api/v1/complaints/{reference}/{action}"),
                &token,
                body,
            )
            .await;
        assert_eq!(status, reqwest::StatusCode::OK, "{v}");
    }
    sign_in(&b, &app, "coord@example.org", totp.as_deref()).await;
    b.goto(&app.url("/beheer/verslagen/publicatie?year=2025&lang=nl"))
        .await;
    assert!(
        main_text(&b)
            .await
            .contains("niet beoordeeld, wordt weggelaten")
    );
    b.assert_no_axe_violations("the publication with an unreviewed text")
        .await;
    b.click("form[action$='/beoordeling'] button[value=yes]")
        .await;
    wait_for_source(&b, "geschikt, wordt gepubliceerd").await;
    b.assert_no_axe_violations("the publication with a text found fit")
        .await;
    b.screenshot("publication-reviewed").await;
    b.click("#confirm").await;
    b.click("form[action$='/publiceren'] button[type=submit]")
        .await;
    wait_for_source(&b, "Openbaar sinds").await;
    b.assert_no_axe_violations("the publication once published")
        .await;
    b.goto(&app.url("/jaarverslag/2025")).await;
    assert!(
        main_text(&b)
            .await
            .contains("Een dossier raakte zoek; de werkwijze is aangepast.")
    );
    b.close().await;
}
