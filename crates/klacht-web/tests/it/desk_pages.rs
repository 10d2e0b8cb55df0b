//! The data-subject desk in the back office over real HTTP (AVG art. 12, 15, 16, 17; K8, T10):
//! `/beheer/verzoeken` for whoever may oversee retention (the coordinator), the form that
//! registers a request, and a request's page with its steps: extend, export (JSON and PDF),
//! correct, erase and settle.
//!
//! Jan Jansen (jan@example.nl) has two complaints, registered on Monday 4 May 2026: one closed,
//! with a staff member's note, and one still open. Piet Pietersen has one of his own. Jan's
//! e-mail asking to erase his data arrived on Friday 8 May 2026 (due on Monday 8 June 2026); the
//! coordinator registers it on Monday 11 May 2026.

use crate::support::app;
use crate::support::catalogue;
use crate::support::desk;

use app::{TestApp, staff_user};
use desk::Desk;
use jiff::Timestamp;
use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::json;

/// Monday 4 May 2026, 09:00 in Amsterdam: the complaints are registered.
const NOW: &str = "2026-05-04T09:00:00+02:00";
/// Monday 11 May 2026, 10:00 in Amsterdam: the request is registered.
const LATER: &str = "2026-05-11T10:00:00+02:00";
/// What a staff member noted on Jan's closed complaint: never in his copy.
const STAFF_NOTE: &str = "Interne notitie: Jan belde boos op maandag.";

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

async fn register(app: &TestApp, token: &str, name: &str, email: &str, text: &str) -> String {
    app.register_complaint(
        token,
        json!({"name": name, "email": email, "phone": "0612345678",
            "description": text, "channel": "phone", "privacy_accepted": true}),
    )
    .await
}

/// Jan's closed complaint (with a staff note), his open one, and Piet's: their references.
async fn complaints(app: &TestApp, token: &str) -> (String, String, String) {
    let closed = register(
        app,
        token,
        "Jan Jansen",
        "jan@example.nl",
        "De vrijwilliger kwam niet opdagen.",
    )
    .await;
    app.step(
        token,
        &closed,
        "assign",
        json!({"handler": "hans@example.org"}),
    )
    .await;
    app.step(token, &closed, "add-note", json!({"text": STAFF_NOTE}))
        .await;
    app.step(
        token,
        &closed,
        "classify",
        json!({"categories": ["service"], "severity": "normal"}),
    )
    .await;
    app.step(
        token,
        &closed,
        "decide",
        json!({"outcome": "gegrond", "decision": "U heeft gelijk.", "via": "email"}),
    )
    .await;
    let d = app.step(token, &closed, "close", json!({})).await;
    assert_eq!(d["status"], "closed");
    let open = register(
        app,
        token,
        "Jan Jansen",
        "jan@example.nl",
        "Mijn tweede klacht: de terugbelafspraak werd niet nagekomen.",
    )
    .await;
    let piet = register(
        app,
        token,
        "Piet Pietersen",
        "piet@example.nl",
        "Een klacht van Piet.",
    )
    .await;
    (closed, open, piet)
}

/// The part of `body` from the element with `id` to the end of its table (or list).
fn part<'a>(body: &'a str, id: &str, end: &str) -> &'a str {
    let start = body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in {body}"));
    let rest = &body[start..];
    &rest[..rest.find(end).unwrap()]
}

/// Posts `fields` to `path` with the CSRF token of the page at `from`.
async fn post(d: &mut Desk, from: &str, path: &str, fields: &[(&str, &str)]) -> desk::Page {
    let page = d.get(from).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let csrf = page.csrf();
    let mut sent = vec![("csrf", csrf.as_str())];
    sent.extend_from_slice(fields);
    d.post(path, &sent).await
}

#[tokio::test]
async fn t10_k08_the_desk_is_for_the_coordinator_only() {
    let app = start().await;
    let (secret, token) = people(&app).await;
    complaints(&app, &token).await;
    app.set_clock(LATER);
    let mut carla = Desk::sign_in(&app, "coord@example.org", secret.as_deref()).await;
    let created = post(
        &mut carla,
        "/beheer/verzoeken/nieuw",
        "/beheer/verzoeken/nieuw",
        &[("kind", "access"), ("email", "jan@example.nl")],
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert_eq!(created.location.as_deref(), Some("/beheer/verzoeken/1"));
    let home = carla.get("/beheer").await;
    assert!(
        home.body
            .contains("<a href=\"/beheer/verzoeken\">Verzoeken over persoonsgegevens</a>"),
        "the coordinator's menu offers the desk: {}",
        home.body
    );

    let mut hans = Desk::sign_in(&app, "hans@example.org", None).await;
    let home = hans.get("/beheer").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        !home.body.contains("/beheer/verzoeken"),
        "neither the menu nor the dashboard shows the desk to a handler: {}",
        home.body
    );
    for path in [
        "/beheer/verzoeken",
        "/beheer/verzoeken/nieuw",
        "/beheer/verzoeken/1",
        "/beheer/verzoeken/1/gegevens.json",
    ] {
        let refused = hans.get(path).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{path}");
        assert!(
            refused.body.contains(
                "Bewaartermijnen, anonimiseren en verzoeken van betrokkenen zijn voor wie volgens de klachtenregeling mag anonimiseren"
            ),
            "{path}: {}",
            refused.body
        );
        assert!(!refused.body.contains("jan@example.nl"), "{path}");
    }
    // A handler's post is refused too, and changes nothing.
    let page = hans.get("/beheer").await;
    let csrf = page.csrf();
    let refused = hans
        .post(
            "/beheer/verzoeken/1/afronden",
            &[("csrf", csrf.as_str()), ("outcome", "Klaar.")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let refused = hans
        .post(
            "/beheer/verzoeken/nieuw",
            &[
                ("csrf", csrf.as_str()),
                ("kind", "erasure"),
                ("email", "x@example.nl"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let list = carla.get("/beheer/verzoeken").await;
    assert!(!list.body.contains("x@example.nl"));
    assert!(
        list.body
            .contains("Er zijn nog geen afgehandelde verzoeken.")
    );

    // A post without the session's token is refused.
    let forged = carla
        .post(
            "/beheer/verzoeken/1/afronden",
            &[("csrf", "nope"), ("outcome", "Klaar.")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(
        carla
            .get("/beheer/verzoeken/1")
            .await
            .body
            .contains("<dd>nog niet</dd>")
    );

    // Without a session: to the sign-in page.
    let mut nobody = Desk::new(&app);
    let out = nobody.get("/beheer/verzoeken").await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        out.location.as_deref(),
        Some("/beheer/inloggen?terug=%2Fbeheer%2Fverzoeken")
    );
}

#[tokio::test]
async fn art_12_registering_with_bad_input_names_each_field_and_stores_nothing() {
    let app = start().await;
    let (secret, _) = people(&app).await;
    app.set_clock(LATER);
    let mut carla = Desk::sign_in(&app, "coord@example.org", secret.as_deref()).await;

    let form = carla.get("/beheer/verzoeken/nieuw").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(
        form.input("received_on").as_deref(),
        Some("2026-05-11"),
        "received today unless said otherwise"
    );

    // No kind, nobody to identify, received in the future, a note with a control character.
    let bad = post(
        &mut carla,
        "/beheer/verzoeken/nieuw",
        "/beheer/verzoeken/nieuw",
        &[
            ("kind", ""),
            ("name", ""),
            ("email", ""),
            ("phone", ""),
            ("received_on", "2026-06-01"),
            ("note", "Gebeld\u{7}"),
        ],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &bad.body;
    assert!(
        body.contains("<title>Fout: Verzoek registreren — klacht</title>"),
        "{body}"
    );
    for (field, message) in [
        (
            "kind",
            "Kies wat de persoon vraagt: inzage, rectificatie of wissing.",
        ),
        (
            "name",
            "Geef aan wie het verzoek doet: een e-mailadres, een telefoonnummer of een naam.",
        ),
        ("received_on", "De datum van ontvangst ligt in de toekomst."),
    ] {
        assert!(
            body.contains(&format!("<li><a href=\"#{field}\">{message}</a></li>")),
            "{field} in the summary: {body}"
        );
    }
    assert_eq!(
        body.matches("Geef aan wie het verzoek doet").count(),
        4,
        "said once above the form, and at each of the three fields: {body}"
    );
    for field in ["kind", "name", "email", "phone", "received_on", "note"] {
        assert!(
            body.contains(&format!("id=\"{field}-error\"")),
            "{field} at its field: {body}"
        );
    }
    assert!(body.contains("<li><a href=\"#note\">"), "{body}");
    assert!(
        body.contains("value=\"2026-06-01\""),
        "what was typed stays: {body}"
    );

    // A date that is not one, an address that is not one.
    let bad = post(
        &mut carla,
        "/beheer/verzoeken/nieuw",
        "/beheer/verzoeken/nieuw",
        &[
            ("kind", "access"),
            ("email", "jan-zonder-apenstaartje"),
            ("received_on", "vorige week"),
        ],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains(
            "<li><a href=\"#received_on\">Vul de datum van ontvangst in als datum, bijvoorbeeld 2026-12-06.</a></li>"
        ),
        "{}",
        bad.body
    );
    assert!(
        bad.body.contains(
            "<li><a href=\"#email\">jan-zonder-apenstaartje is geen e-mailadres.</a></li>"
        ),
        "{}",
        bad.body
    );
    assert!(
        bad.body
            .contains("id=\"kind-access\" name=\"kind\" value=\"access\" checked"),
        "the kind chosen stays chosen: {}",
        bad.body
    );

    // In English.
    let en = post(
        &mut carla,
        "/beheer/verzoeken/nieuw?lang=en",
        "/beheer/verzoeken/nieuw",
        &[("kind", "")],
    )
    .await;
    assert!(
        en.body.contains(
            "<li><a href=\"#kind\">Choose what the person asks: access, rectification or erasure.</a></li>"
        ),
        "{}",
        en.body
    );

    let list = carla.get("/beheer/verzoeken?lang=nl").await;
    assert!(
        list.body.contains("Er zijn geen open verzoeken."),
        "nothing was stored: {}",
        list.body
    );
    assert!(app.store.requests(10).await.unwrap().is_empty());
}

#[tokio::test]
async fn art_17_k08_an_erasure_request_from_registration_to_settlement() {
    let app = start().await;
    let (secret, token) = people(&app).await;
    let (closed, open, piet) = complaints(&app, &token).await;
    app.set_clock(LATER);
    let mut carla = Desk::sign_in(&app, "coord@example.org", secret.as_deref()).await;

    let created = post(
        &mut carla,
        "/beheer/verzoeken/nieuw",
        "/beheer/verzoeken/nieuw",
        &[
            ("kind", "erasure"),
            ("name", ""),
            ("email", "jan@example.nl"),
            ("phone", ""),
            ("received_on", "2026-05-08"),
            ("note", "Per e-mail ontvangen; identiteit nagevraagd."),
        ],
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let path = created.location.clone().unwrap();
    assert_eq!(path, "/beheer/verzoeken/1");

    let page = carla.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(body.contains("<h1>Verzoek 1</h1>"), "{body}");
    assert!(body.contains("<div><dt>Soort verzoek</dt><dd>Wissing (art. 17)</dd></div>"));
    assert!(body.contains("<div><dt>E-mailadres</dt><dd>jan@example.nl</dd></div>"));
    assert!(
        body.contains("<div><dt>Ontvangen</dt><dd>8 mei 2026</dd></div>"),
        "{body}"
    );
    assert!(
        body.contains("<div><dt>Uiterlijk</dt><dd>8 juni 2026</dd></div>"),
        "{body}"
    );
    assert!(body.contains("Per e-mail ontvangen; identiteit nagevraagd."));
    let matches = part(body, "matches", "</table>");
    assert!(
        matches.contains(&format!(
            "<th scope=\"row\"><a href=\"/beheer/klachten/{closed}\">{closed}</a></th>\n        <td>klager</td>\n        <td>afgesloten</td>\n        <td>4 mei 2026</td>"
        )),
        "{matches}"
    );
    assert!(
        matches.contains(&format!(
            "<a href=\"/beheer/klachten/{open}\">{open}</a></th>\n        <td>klager</td>\n        <td>ontvangen</td>"
        )),
        "{matches}"
    );
    assert!(!matches.contains(&piet), "not Piet's: {matches}");
    assert!(body.contains("href=\"/beheer/verzoeken/1/gegevens.json\">Download als JSON</a>"));
    assert!(body.contains(">Met twee maanden verlengen</button>"));
    assert!(body.contains(">Definitief wissen</button>"));
    assert!(part(body, "log", "</table>").contains("<td>Geregistreerd</td>"));

    // The list and the dashboard show it with its due date.
    let list = carla.get("/beheer/verzoeken").await;
    let row = part(&list.body, "open", "</table>");
    assert!(
        row.contains("<a href=\"/beheer/verzoeken/1\">Verzoek 1</a></th>\n      <td>Wissing (art. 17)</td>\n      <td>jan@example.nl</td>\n      <td>8 mei 2026</td>\n      <td>8 juni 2026</td>"),
        "{row}"
    );
    let home = carla.get("/beheer").await;
    let row = part(&home.body, "requests", "</table>");
    assert!(row.contains("<td>8 juni 2026</td>"), "{row}");
    assert!(!row.contains("te laat"));

    // Extended once, with the reason, told by e-mail: due three months after receipt (8 August
    // 2026 is a Saturday: Monday 10 August).
    let no_reason = post(
        &mut carla,
        &path,
        "/beheer/verzoeken/1/verlengen",
        &[("reason", " ")],
    )
    .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        no_reason
            .body
            .contains("<li><a href=\"#reason\">Vul dit in.</a></li>"),
        "{}",
        no_reason.body
    );
    let done = post(
        &mut carla,
        &path,
        "/beheer/verzoeken/1/verlengen",
        &[("reason", "De klachten moeten uit het archief komen.")],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = carla.get(&path).await;
    assert!(
        page.body
            .contains("<div><dt>Uiterlijk</dt><dd>10 augustus 2026</dd></div>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<div><dt>verlengd</dt><dd>11 mei 2026: De klachten moeten uit het archief komen.</dd></div>"), "{}", page.body);
    assert!(
        !page.body.contains("Met twee maanden verlengen"),
        "once only"
    );
    assert!(
        part(&page.body, "log", "</table>")
            .contains("<td>Persoon per e-mail op de hoogte gebracht</td>")
    );

    // The export: JSON and PDF, Jan's data and not the staff note.
    let (status, headers, json) = carla.download("/beheer/verzoeken/1/gegevens.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"gegevens-verzoek-1.json\""
    );
    let text = String::from_utf8(json).unwrap();
    assert!(text.contains("\"name\": \"Jan Jansen\""), "{text}");
    assert!(text.contains("De vrijwilliger kwam niet opdagen."));
    assert!(!text.contains("Interne notitie"), "{text}");
    assert!(!text.contains("Hans Handler"), "{text}");
    #[cfg(feature = "pdf")]
    {
        let (status, headers, pdf) = carla.download("/beheer/verzoeken/1/gegevens.pdf").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers["content-type"], "application/pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        let text = pdf_text(&pdf);
        for expected in [
            "Uw gegevens",
            "Verzoek 1",
            "Gemaakt op 11 mei 2026",
            "Naam Jan Jansen",
            "E-mailadres jan@example.nl",
            &format!("Klacht {closed}"),
            &format!("Klacht {open}"),
            "De vrijwilliger kwam niet opdagen.",
            "de terugbelafspraak werd niet nagekomen",
            "Pagina 1 van",
        ] {
            assert!(text.contains(expected), "{expected:?} in {text}");
        }
        assert!(!text.contains("Interne notitie"), "no staff note: {text}");
        assert!(!text.contains("Hans Handler"), "no staff names: {text}");
        assert!(!text.contains("Piet"), "nobody else: {text}");
        // As CI reads it (poppler), with its first page as a picture to look at.
        if let Some(dir) = rendered(&pdf, "gegevens-verzoek-1") {
            let text = std::fs::read_to_string(dir.join("gegevens-verzoek-1.txt")).unwrap();
            assert!(text.contains("Uw gegevens"), "{text}");
            assert!(text.contains("Jan Jansen"), "{text}");
            assert!(!text.contains("Interne notitie"), "{text}");
        }
    }
    let page = carla.get(&path).await;
    assert!(part(&page.body, "log", "</table>").contains("<td>Gegevens gedownload</td>"));

    // A correction on the closed complaint.
    let done = post(
        &mut carla,
        &path,
        "/beheer/verzoeken/1/corrigeren",
        &[
            ("reference", &closed),
            ("field", "phone"),
            ("value", "0687654321"),
        ],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let log = carla.get(&path).await.body;
    let log = part(&log, "log", "</table>");
    assert!(
        log.contains(&format!("<td>Gegeven verbeterd</td>\n        <td><a href=\"/beheer/klachten/{closed}\">{closed}</a></td>\n        <td class=\"pre\">Telefoonnummer</td>")),
        "{log}"
    );
    let dossier = carla.get(&format!("/beheer/klachten/{closed}")).await;
    assert!(dossier.body.contains("0687654321"), "corrected");

    // Erasure needs the confirmation; without it nothing changes.
    let unconfirmed = post(&mut carla, &path, "/beheer/verzoeken/1/wissen", &[]).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unconfirmed.body.contains(
        "<li><a href=\"#confirm\">Vink aan dat u begrijpt dat het wissen niet ongedaan kan worden gemaakt.</a></li>"
    ), "{}", unconfirmed.body);
    assert!(
        carla
            .get(&format!("/beheer/klachten/{closed}"))
            .await
            .body
            .contains("Jan Jansen")
    );

    let erased = post(
        &mut carla,
        &path,
        "/beheer/verzoeken/1/wissen",
        &[("confirm", "true")],
    )
    .await;
    assert_eq!(erased.status, StatusCode::OK, "{}", erased.body);
    let what = part(&erased.body, "erased", "</ul>");
    assert!(
        what.contains(&format!(
            "<li><a href=\"/beheer/klachten/{closed}\">{closed}</a>: geanonimiseerd.</li>"
        )),
        "{what}"
    );
    assert!(
        what.contains(&format!("<li><a href=\"/beheer/klachten/{open}\">{open}</a>: niet gewist: De stap „Nu anonimiseren” kan niet nu de klacht ontvangen is. Alleen een afgesloten of ingetrokken klacht kan bewust worden bewaard of geanonimiseerd; sluit de klacht eerst af (de stap „Afsluiten”) of leg de intrekking vast (de stap „Intrekking vastleggen”).</li>")),
        "{what}"
    );
    // Its data gone, the anonymised complaint is no longer found among Jan's; the log keeps it.
    assert!(
        !part(&erased.body, "matches", "</table>").contains(&closed),
        "{}",
        erased.body
    );
    let log = part(&erased.body, "log", "</table>");
    assert!(
        log.contains(&format!("<td>Geanonimiseerd</td>\n        <td><a href=\"/beheer/klachten/{closed}\">{closed}</a></td>")),
        "{log}"
    );
    assert!(
        log.contains(&format!(
            "<td>Niet gewist</td>\n        <td><a href=\"/beheer/klachten/{open}\">{open}</a></td>"
        )),
        "{log}"
    );
    let dossier = carla.get(&format!("/beheer/klachten/{closed}")).await;
    assert!(!dossier.body.contains("Jan Jansen"), "erased");
    let dossier = carla.get(&format!("/beheer/klachten/{open}")).await;
    assert!(dossier.body.contains("Jan Jansen"), "still being handled");

    // Settled, with what was done.
    let empty = post(
        &mut carla,
        &path,
        "/beheer/verzoeken/1/afronden",
        &[("outcome", "")],
    )
    .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty
            .body
            .contains("<li><a href=\"#outcome\">Vul dit in.</a></li>"),
        "{}",
        empty.body
    );
    let done = post(
        &mut carla,
        &path,
        "/beheer/verzoeken/1/afronden",
        &[(
            "outcome",
            "Eén klacht gewist; de open klacht wordt na afhandeling gewist.",
        )],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = carla.get(&path).await;
    assert!(page.body.contains("<div><dt>Afgehandeld</dt><dd>11 mei 2026: Eén klacht gewist; de open klacht wordt na afhandeling gewist.</dd></div>"), "{}", page.body);
    assert!(
        !page
            .body
            .contains("<form method=\"post\" action=\"/beheer/verzoeken/1/"),
        "no step is offered any more"
    );
    let list = carla.get("/beheer/verzoeken").await;
    assert!(list.body.contains("Er zijn geen open verzoeken."));
    assert!(part(&list.body, "settled", "</table>").contains("<td>11 mei 2026</td>"));
    let home = carla.get("/beheer").await;
    assert!(!home.body.contains("id=\"requests\""), "off the dashboard");

    // Both languages, one at a time.
    for lang in ["nl", "en"] {
        for p in [
            "/beheer/verzoeken",
            "/beheer/verzoeken/nieuw",
            path.as_str(),
        ] {
            let page = carla.get(&format!("{p}?lang={lang}")).await;
            assert_eq!(page.status, StatusCode::OK, "{p}");
            catalogue::assert_only(lang, p, &page.body);
        }
    }
}

#[tokio::test]
async fn art_12_a_request_past_its_due_date_is_marked_late() {
    let app = start().await;
    let (secret, _) = people(&app).await;
    app.set_clock(LATER);
    let mut carla = Desk::sign_in(&app, "coord@example.org", secret.as_deref()).await;
    // Received on Wednesday 1 April 2026: due on Friday 1 May 2026.
    let created = post(
        &mut carla,
        "/beheer/verzoeken/nieuw",
        "/beheer/verzoeken/nieuw",
        &[
            ("kind", "access"),
            ("phone", "06 1234 5678"),
            ("received_on", "2026-04-01"),
        ],
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let list = carla.get("/beheer/verzoeken").await;
    assert!(
        part(&list.body, "open", "</table>")
            .contains("<td>1 mei 2026 <span class=\"tag tag--late\">te laat</span></td>"),
        "{}",
        list.body
    );
    let home = carla.get("/beheer").await;
    assert!(
        part(&home.body, "requests", "</table>")
            .contains("<td>1 mei 2026 <span class=\"tag tag--late\">te laat</span></td>"),
        "{}",
        home.body
    );
    let page = carla.get("/beheer/verzoeken/1").await;
    assert!(
        !page.body.contains("Met twee maanden verlengen"),
        "too late to extend"
    );
}

/// The text of a PDF, its lines joined by single spaces.
#[cfg(feature = "pdf")]
fn pdf_text(pdf: &[u8]) -> String {
    let raw = pdf_extract::extract_text_from_mem(pdf).expect("the PDF reads back");
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The API's export as the document: `?format=pdf` (in English with `lang=en`), with the
/// person's own words and nothing of the staff; a format it does not know is named.
#[cfg(feature = "pdf")]
#[tokio::test]
async fn art_15_the_api_exports_the_persons_data_as_pdf() {
    let app = start().await;
    let (_, token) = people(&app).await;
    let (closed, _, _) = complaints(&app, &token).await;
    app.set_clock(LATER);
    let (status, created) = app
        .post(
            "/api/v1/privacy/requests",
            token.as_str(),
            json!({"kind": "access", "name": "Jan Jansen", "received_on": "2026-05-08"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["request"]["id"]
        .as_i64()
        .or_else(|| created["id"].as_i64())
        .unwrap_or_else(|| panic!("{created}"));
    let get = |q: &str| {
        reqwest::Client::new()
            .get(app.url(&format!("/api/v1/privacy/requests/{id}/export{q}")))
            .bearer_auth(&token)
            .send()
    };
    let r = get("?format=pdf&lang=en").await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf = r.bytes().await.unwrap();
    let text = pdf_text(&pdf);
    for expected in [
        "Your data",
        "Made on 11 May 2026",
        "Name Jan Jansen",
        &format!("Complaint {closed}"),
        "De vrijwilliger kwam niet opdagen.",
        "Page 1 of",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    assert!(!text.contains("Interne notitie"), "no staff note: {text}");
    assert!(!text.contains("Piet"), "nobody else: {text}");

    let json = get("").await.unwrap();
    assert_eq!(json.headers()["content-type"], "application/json");
    let bad = get("?format=docx").await.unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("expected json or pdf"));
}

/// Writes `pdf` beside the report artifacts as `name.pdf`, its text as `name.txt` (pdftotext)
/// and its first page as `name-pagina.png` (pdftoppm): the folder, or `None` when poppler is not
/// installed (required with KLACHT_REQUIRE_BROWSER=1, as on CI).
#[cfg(feature = "pdf")]
fn rendered(pdf: &[u8], name: &str) -> Option<std::path::PathBuf> {
    use std::process::Command;
    let found = Command::new("pdftotext").arg("-v").output().is_ok()
        && Command::new("pdftoppm").arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var("KLACHT_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "pdftotext and pdftoppm are required (KLACHT_REQUIRE_BROWSER=1): install poppler-utils"
        );
        eprintln!("SKIPPED: poppler-utils is not installed");
        return None;
    }
    let tmp = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.parent().unwrap_or(&tmp).join("report-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.pdf"));
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg(dir.join(format!("{name}.txt")))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new("pdftoppm")
        .args(["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&file)
        .arg(dir.join(format!("{name}-pagina")))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(dir)
}
