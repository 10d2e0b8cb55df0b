//! Retention in the back office over real HTTP (K8, T10): the page `/beheer/bewaartermijn` for
//! whoever may anonymise (what the round anonymises in the coming 30 days, what is held back and
//! why, the retention period in words), and the dossier of a held and of an anonymised complaint
//! with the steps hold, lift-hold and anonymise taken through their forms.
//!
//! The template profile keeps personal data 24 months after a complaint ended. Complaints are
//! closed on Monday 4 May 2026; the pages are read on Thursday 20 April 2028, two weeks before
//! the first of them is due (kept until 4 May 2028, anonymised on 5 May 2028).

use crate::support::app;
use crate::support::catalogue;
use crate::support::desk;

use app::{TestApp, staff_user};
use desk::Desk;
use jiff::Timestamp;
use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::json;

/// Monday 4 May 2026, 09:00 in Amsterdam: the complaints are registered and closed.
const NOW: &str = "2026-05-04T09:00:00+02:00";
/// Thursday 20 April 2028, 10:00 in Amsterdam: the pages are read.
const LATER: &str = "2028-04-20T10:00:00+02:00";

async fn start() -> TestApp {
    app::builtin("template", NOW.parse().unwrap(), app::PublicUrl::Test).await
}

/// The coordinator's and a handler's accounts, and an API token for the coordinator.
async fn people(app: &TestApp) -> (Option<String>, String) {
    let (id, secret) = staff_user(
        app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    staff_user(app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    let token = app.store.create_token(id, Timestamp::now()).await.unwrap();
    (secret, token)
}

/// A phone complaint of Jan Jansen, taken to closed by the coordinator: its reference.
async fn closed_complaint(app: &TestApp, token: &str) -> String {
    let reference = app
        .register_complaint(
            token,
            json!({"name": "Jan Jansen", "email": "jan@example.nl", "phone": "0612345678",
                "description": "De vrijwilliger kwam niet opdagen.", "channel": "phone",
                "privacy_accepted": true}),
        )
        .await;
    app.step(
        token,
        &reference,
        "assign",
        json!({"handler": "hans@example.org"}),
    )
    .await;
    app.step(
        token,
        &reference,
        "classify",
        json!({"categories": ["service"], "severity": "normal"}),
    )
    .await;
    app.step(
        token,
        &reference,
        "decide",
        json!({"outcome": "gegrond", "decision": "U heeft gelijk.", "via": "email"}),
    )
    .await;
    let d = app.step(token, &reference, "close", json!({})).await;
    assert_eq!(d["status"], "closed");
    reference
}

/// The part of `body` from the element with `id` to the end of its table.
fn table<'a>(body: &'a str, id: &str) -> &'a str {
    let start = body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no table #{id} in {body}"));
    let rest = &body[start..];
    &rest[..rest.find("</table>").unwrap()]
}

/// Takes `action` on `reference` through its form in the back office: the answer to the post.
async fn step_form(
    d: &mut Desk,
    reference: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> desk::Page {
    let path = format!("/beheer/klachten/{reference}/stap/{action}");
    let form = d.get(&path).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let csrf = form.csrf();
    let version = form.input("version").unwrap();
    let mut sent = vec![
        ("csrf", csrf.as_str()),
        ("version", version.as_str()),
        ("intent", "save"),
    ];
    sent.extend_from_slice(fields);
    d.post(&path, &sent).await
}

#[tokio::test]
async fn t10_k08_the_retention_page_is_for_the_coordinator_only() {
    let app = start().await;
    let (secret, _) = people(&app).await;

    let mut hans = Desk::sign_in(&app, "hans@example.org", None).await;
    let home = hans.get("/beheer").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        !home.body.contains("/beheer/bewaartermijn"),
        "the handler's menu has no retention page: {}",
        home.body
    );
    let refused = hans.get("/beheer/bewaartermijn").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        refused.body.contains(
            "zijn voor wie volgens de klachtenregeling mag anonimiseren (de coördinator, of wie voor hem of haar optreedt)."
        ),
        "{}",
        refused.body
    );
    assert!(!refused.body.contains("Binnenkort geanonimiseerd"));

    let mut carla = Desk::sign_in(&app, "coord@example.org", secret.as_deref()).await;
    let home = carla.get("/beheer").await;
    assert!(
        home.body
            .contains("<a href=\"/beheer/bewaartermijn\">Bewaren en anonimiseren</a>"),
        "the coordinator's menu offers the page: {}",
        home.body
    );
    let page = carla.get("/beheer/bewaartermijn").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1>Bewaren en anonimiseren</h1>"));
    assert!(
        page.body
            .contains("aria-current=\"page\">Bewaren en anonimiseren")
    );
    // Nothing has ended yet.
    assert!(
        page.body
            .contains("In die tijd bereikt geen klacht het einde van haar bewaartermijn.")
    );
    assert!(page.body.contains("Er wordt geen klacht bewust bewaard."));

    // Without a session: to the sign-in page.
    let mut nobody = Desk::new(&app);
    let out = nobody.get("/beheer/bewaartermijn").await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        out.location.as_deref(),
        Some("/beheer/inloggen?terug=%2Fbeheer%2Fbewaartermijn")
    );
}

#[tokio::test]
async fn t10_k08_the_retention_page_lists_what_the_round_anonymises_and_what_is_held() {
    let app = start().await;
    let (secret, token) = people(&app).await;
    let due = closed_complaint(&app, &token).await;
    let held = closed_complaint(&app, &token).await;
    // Closed six weeks later: due on 16 June 2028, after the page's 30 days.
    app.set_clock("2026-06-15T11:00:00+02:00");
    let later = closed_complaint(&app, &token).await;

    app.set_clock(LATER);
    app.step(
        &token,
        &held,
        "hold",
        json!({"reason": "Procedure bij de Nationale ombudsman loopt nog."}),
    )
    .await;
    let mut carla = Desk::sign_in(&app, "coord@example.org", secret.as_deref()).await;
    let page = carla.get("/beheer/bewaartermijn").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = &page.body;
    assert!(
        body.contains(
            "De klachtenregeling bewaart de persoonsgegevens van een klacht tot 24 maanden nadat zij is afgesloten of ingetrokken."
        ),
        "{body}"
    );
    assert!(body.contains("De komende 30 dagen, tot en met 20 mei 2028."));

    let soon = table(body, "due");
    assert!(
        soon.contains(&format!(
            "<th scope=\"row\"><a href=\"/beheer/klachten/{due}\">{due}</a></th>\n        <td>4 mei 2026</td>\n        <td>5 mei 2028</td>"
        )),
        "{soon}"
    );
    assert!(!soon.contains(&held), "a held complaint is not due: {soon}");
    assert!(!soon.contains(&later), "due after 30 days: {soon}");
    assert!(!soon.contains("bij de volgende ronde"));

    let kept = table(body, "held");
    assert!(
        kept.contains(&format!("<a href=\"/beheer/klachten/{held}\">{held}</a>")),
        "{kept}"
    );
    assert!(kept.contains("<td>20 april 2028</td>"), "{kept}");
    assert!(kept.contains("Procedure bij de Nationale ombudsman loopt nog."));
    assert!(kept.contains("<td>4 mei 2028</td>"), "{kept}");
    assert!(
        kept.contains(&format!(
            "<a href=\"/beheer/klachten/{held}/stap/lift-hold\">Bewaring opheffen<span class=\"visually-hidden\"> {held}</span></a>"
        )),
        "{kept}"
    );
    assert!(!kept.contains(&due) && !kept.contains(&later));

    // In English.
    let en = carla.get("/beheer/bewaartermijn?lang=en").await;
    assert!(en.body.contains("<h1>Retention and anonymisation</h1>"));
    assert!(en.body.contains(
        "The complaints regulation keeps the personal data of a complaint until 24 months after it was closed or withdrawn."
    ));
    assert!(
        en.body
            .contains("The coming 30 days, up to and including 20 May 2028.")
    );
    assert!(table(&en.body, "due").contains("<td>5 May 2028</td>"));
    assert!(table(&en.body, "held").contains("<td>20 April 2028</td>"));

    // Two weeks on, the period of the held complaint ran out: only the hold keeps it, and the
    // other is due at the next round.
    app.set_clock("2028-05-06T10:00:00+02:00");
    let mut carla = Desk::sign_in(&app, "coord@example.org", secret.as_deref()).await;
    let page = carla.get("/beheer/bewaartermijn").await;
    assert!(
        table(&page.body, "held")
            .contains("4 mei 2028 <span class=\"tag tag--soon\">verstreken</span>"),
        "{}",
        page.body
    );
    assert!(
        table(&page.body, "due")
            .contains("5 mei 2028 <span class=\"tag tag--late\">bij de volgende ronde</span>"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn t10_k08_hold_lift_and_anonymise_through_the_dossiers_forms() {
    let app = start().await;
    let (secret, token) = people(&app).await;
    let reference = closed_complaint(&app, &token).await;
    app.set_clock(LATER);
    let mut carla = Desk::sign_in(&app, "coord@example.org", secret.as_deref()).await;
    let dossier = format!("/beheer/klachten/{reference}");

    // The closed complaint offers the hold and the anonymisation, not the lifting.
    let page = carla.get(&dossier).await;
    assert!(
        page.body
            .contains(&format!("href=\"{dossier}/stap/hold\">Bewust bewaren</a>"))
    );
    assert!(page.body.contains(&format!(
        "href=\"{dossier}/stap/anonymise\">Nu anonimiseren</a>"
    )));
    assert!(!page.body.contains("/stap/lift-hold"));

    // A hold needs its reason.
    let no_reason = step_form(&mut carla, &reference, "hold", &[("reason", "")]).await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("Vul dit in."), "{}", no_reason.body);
    let done = step_form(
        &mut carla,
        &reference,
        "hold",
        &[("reason", "Rechtszaak over de schadevergoeding loopt.")],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = carla.get(&dossier).await;
    assert!(
        page.body.contains(
            "<strong>Bewust bewaard sinds 20 april 2028: Rechtszaak over de schadevergoeding loopt.</strong>"
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!(
        "<a href=\"{dossier}/stap/lift-hold\">Bewaring opheffen</a>"
    )));
    // Held: it cannot be anonymised until the hold is lifted.
    assert!(!page.body.contains("/stap/anonymise"));

    let lifted = step_form(&mut carla, &reference, "lift-hold", &[("reason", "")]).await;
    assert_eq!(lifted.status, StatusCode::SEE_OTHER, "{}", lifted.body);
    let page = carla.get(&dossier).await;
    assert!(!page.body.contains("Bewust bewaard sinds"), "{}", page.body);
    assert!(page.body.contains("Bewaring opgeheven"), "on the timeline");

    // The anonymisation's form says it is final, and asks to confirm that.
    let form = carla.get(&format!("{dossier}/stap/anonymise")).await;
    assert!(
        form.body
            .contains("<strong>Let op: anonimiseren is definitief.</strong>")
    );
    assert!(form.body.contains("Dit kan niet ongedaan worden gemaakt."));
    assert!(form.body.contains(">Definitief anonimiseren</button>"));
    assert!(!form.body.contains(">Opslaan</button>"));
    let unconfirmed = step_form(
        &mut carla,
        &reference,
        "anonymise",
        &[(
            "reason",
            "Verzoek om verwijdering (art. 17 AVG) van 18 april.",
        )],
    )
    .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        unconfirmed.body.contains(
            "Vink aan dat u begrijpt dat het anonimiseren niet ongedaan kan worden gemaakt."
        ),
        "{}",
        unconfirmed.body
    );
    assert!(
        unconfirmed
            .body
            .contains("Verzoek om verwijdering (art. 17 AVG) van 18 april."),
        "what was typed stays"
    );
    assert!(
        carla.get(&dossier).await.body.contains("Jan Jansen"),
        "nothing changed"
    );

    let done = step_form(
        &mut carla,
        &reference,
        "anonymise",
        &[
            (
                "reason",
                "Verzoek om verwijdering (art. 17 AVG) van 18 april.",
            ),
            ("confirm", "true"),
        ],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = carla.get(&dossier).await;
    let body = &page.body;
    assert!(
        body.contains("<strong>Geanonimiseerd op 20 april 2028 (op verzoek)</strong>"),
        "{body}"
    );
    assert!(body.contains("De persoonsgegevens van deze klacht zijn gewist."));
    assert!(
        body.contains("<div><dt>De klager</dt><dd>Verwijderd bij het anonimiseren.</dd></div>"),
        "{body}"
    );
    assert!(body.contains(
        "De persoonsgegevens op het registratieformulier zijn bij het anonimiseren verwijderd"
    ));
    assert!(
        !body.contains("Nog niet compleet"),
        "no missing fields to complete: {body}"
    );
    // The decision letter is on the timeline, its text erased.
    assert!(
        body.contains("<summary>Verwijderd bij het anonimiseren. <span class=\"meta\">"),
        "{body}"
    );
    assert!(!body.contains("U heeft gelijk."), "{body}");
    for gone in [
        "Jan Jansen",
        "jan@example.nl",
        "0612345678",
        "kwam niet opdagen",
        "Rechtszaak",
    ] {
        assert!(!body.contains(gone), "{gone} is erased: {body}");
    }
    assert!(
        !body.contains("/stap/"),
        "no step is offered any more: {body}"
    );
    assert!(body.contains("Er is nu geen stap voor u."));

    // In English.
    let en = carla.get(&format!("{dossier}?lang=en")).await;
    assert!(
        en.body
            .contains("<strong>Anonymised on 20 April 2028 (on request)</strong>")
    );
}

#[tokio::test]
async fn t10_k08_the_dossier_of_a_complaint_the_round_anonymised_says_so() {
    let app = start().await;
    let (secret, token) = people(&app).await;
    let reference = closed_complaint(&app, &token).await;
    // The day after the last day kept.
    app.set_clock("2028-05-05T03:00:00+02:00");
    let round = klacht_app::privacy::round(&app.state, false).await.unwrap();
    assert_eq!(round.anonymised.len(), 1);
    let mut carla = Desk::sign_in(&app, "coord@example.org", secret.as_deref()).await;
    let page = carla.get(&format!("/beheer/klachten/{reference}")).await;
    assert!(
        page.body
            .contains("<strong>Geanonimiseerd op 5 mei 2028 (bewaartermijn verstreken)</strong>"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Jan Jansen"));
    let list = carla.get("/beheer/bewaartermijn").await;
    assert!(!list.body.contains(&reference), "done: no longer due");
}

/// The retention page, a held dossier, the anonymise form and an anonymised dossier in Dutch
/// show no English sentence of the catalogue, and in English no Dutch one.
#[tokio::test]
async fn t10_k08_the_retention_pages_speak_one_language() {
    let app = start().await;
    let (secret, token) = people(&app).await;
    let due = closed_complaint(&app, &token).await;
    let held = closed_complaint(&app, &token).await;
    let gone = closed_complaint(&app, &token).await;
    app.set_clock(LATER);
    app.step(
        &token,
        &held,
        "hold",
        json!({"reason": "Procedure bij de Nationale ombudsman loopt nog."}),
    )
    .await;
    app.step(
        &token,
        &gone,
        "anonymise",
        json!({"reason": "Verzoek om verwijdering."}),
    )
    .await;
    let mut carla = Desk::sign_in(&app, "coord@example.org", secret.as_deref()).await;
    for lang in ["nl", "en"] {
        for path in [
            "/beheer/bewaartermijn".to_owned(),
            format!("/beheer/klachten/{held}"),
            format!("/beheer/klachten/{due}/stap/anonymise"),
            format!("/beheer/klachten/{gone}"),
        ] {
            let page = carla.get(&format!("{path}?lang={lang}")).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            catalogue::assert_only(lang, &path, &page.body);
        }
    }
}
