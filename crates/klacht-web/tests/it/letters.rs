//! Letters on paper (T5, T7, T12): a complainant without an e-mail address gets their letters
//! by post — printed from the dossier with the organisation's letterhead, the date written out,
//! their postal address, the reference and the signer's name and role — and the dossier keeps
//! the letter as an open task until it is marked as sent. Every PDF klacht makes passes
//! poppler's `pdfinfo` and `pdftotext` without a warning.

use crate::support::app::{self, TestApp, staff_user};
use crate::support::desk::{self, Desk};

use jiff::Timestamp;
use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::json;

/// Thursday 3 December 2026.
const NOW: &str = "2026-12-03T10:00:00+01:00";

async fn start() -> TestApp {
    app::builtin("template", NOW.parse().unwrap(), app::PublicUrl::Test).await
}

/// The coordinator in the back office, and an API token for them.
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

/// A complaint by phone from Piet Puk, who gave a phone number and a postal address only.
async fn by_phone_with_address(app: &TestApp, token: &str) -> String {
    app.register_complaint(
        token,
        json!({"name": "Piet Puk", "phone": "0201234567",
               "address": "Dorpsstraat 1\n1234 AB Ons Dorp",
               "description": "De bus kwam niet.", "channel": "phone",
               "privacy_accepted": true}),
    )
    .await
}

/// Takes a step through its back-office form.
async fn step(d: &mut Desk, reference: &str, action: &str, fields: &[(&str, &str)]) -> desk::Page {
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

/// The links to print the letters on a dossier page, in order.
fn print_links(body: &str, reference: &str) -> Vec<String> {
    let prefix = format!("href=\"/beheer/klachten/{reference}/brieven/");
    let mut links: Vec<String> = body
        .match_indices(&prefix)
        .map(|(i, _)| {
            let rest = &body[i + "href=\"".len()..];
            rest[..rest.find('"').unwrap()].to_owned()
        })
        .filter(|l| !l.ends_with("/verstuurd"))
        .collect();
    links.dedup();
    links
}

#[tokio::test]
async fn t5_t12_a_complainant_without_email_gets_the_acknowledgement_by_post_printed_from_the_dossier()
 {
    let app = start().await;
    let (mut carla, token) = coordinator(&app).await;
    let reference = by_phone_with_address(&app, &token).await;

    // The coordinator acknowledges "by e-mail" (the form's default): there is no e-mail address,
    // so it is recorded, and goes, by post.
    let done = step(&mut carla, &reference, "acknowledge", &[("via", "email")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let v = app.dossier(&token, &reference).await;
    let acknowledged = v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "acknowledged")
        .unwrap()
        .clone();
    assert_eq!(acknowledged["via"], "letter", "{acknowledged}");
    let letter = v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "letter")
        .unwrap()
        .clone();
    assert_eq!(letter["via"], "letter", "{letter}");
    assert_eq!(
        letter["to"], "Piet Puk\nDorpsstraat 1\n1234 AB Ons Dorp",
        "{letter}"
    );

    // The dossier offers the letter to print, as an open task.
    let page = carla.get(&format!("/beheer/klachten/{reference}")).await;
    assert!(
        page.body.contains("Brieven om per post te versturen"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("per post: nog af te drukken en te versturen")
    );
    let links = print_links(&page.body, &reference);
    assert_eq!(links.len(), 1, "{links:?}");
    let letter = &links[0];
    assert!(
        page.body
            .contains(&format!("<a href=\"{letter}\">Brief afdrukken"))
    );

    // The printable letter.
    let printed = carla.get(letter).await;
    assert_eq!(printed.status, StatusCode::OK, "{}", printed.body);
    let html = &printed.body;
    for expected in [
        "<html lang=\"nl\">",
        "<p class=\"letter__org\">Stichting Voorbeeld</p>",
        "<span>Voorbeeldstraat 1, 1234 AB Amsterdam</span>",
        "<span>Telefoon 020 123 45 67</span>",
        "<span>E-mail klachten@voorbeeld.nl</span>",
        "<span>Website https://www.voorbeeld.nl</span>",
        "<span>Piet Puk</span>",
        "<span>Dorpsstraat 1</span>",
        "<span>1234 AB Ons Dorp</span>",
        "<p class=\"letter__date\">3 december 2026</p>",
        &format!("<p class=\"letter__reference\">Ons kenmerk: {reference}</p>"),
        &format!("Ontvangstbevestiging van uw klacht ({reference})"),
        "Beste Piet Puk,",
        &format!("met vermelding van uw kenmerk {reference}"),
        "Met vriendelijke groet,</p>",
        "<p>Carla Coördinator<br>Klachtencoördinator<br>Stichting Voorbeeld</p>",
    ] {
        assert!(html.contains(expected), "{expected:?} in {html}");
    }
    assert!(!html.contains("[persoonlijke link"), "{html}");
    assert!(
        !html.contains("/status/"),
        "no status link on paper: {html}"
    );

    #[cfg(feature = "pdf")]
    {
        let pdf_path = format!("{letter}/pdf");
        assert!(html.contains(&format!("href=\"{pdf_path}\"")));
        let (status, headers, pdf) = carla.download(&pdf_path).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers["content-type"], "application/pdf");
        let text = pdf_text(&pdf);
        for expected in [
            "Stichting Voorbeeld",
            "Voorbeeldstraat 1, 1234 AB Amsterdam",
            "Telefoon 020 123 45 67",
            "Piet Puk Dorpsstraat 1 1234 AB Ons Dorp",
            "3 december 2026",
            &format!("Ons kenmerk: {reference}"),
            "Carla Coördinator Klachtencoördinator Stichting Voorbeeld",
        ] {
            assert!(text.contains(expected), "{expected:?} in {text}");
        }
        assert!(!text.contains("[persoonlijke link"), "{text}");
        poppler_is_content(&pdf, "brief");
    }

    // Marked as sent: the open task is gone, the letter says when it went.
    let version = page.input("version").unwrap();
    let marked = carla
        .post(
            &format!("{letter}/verstuurd"),
            &[("csrf", &page.csrf()), ("version", &version)],
        )
        .await;
    assert_eq!(marked.status, StatusCode::SEE_OTHER, "{}", marked.body);
    let page = carla.get(&marked.location.unwrap()).await;
    assert!(!page.body.contains("Brieven om per post te versturen"));
    assert!(
        page.body
            .contains("De brief is gemarkeerd als per post verstuurd."),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("(per post verstuurd op 03-12-2026 10:00)"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Brief per post verstuurd"));
    // Once only.
    let again = carla
        .post(
            &format!("{letter}/verstuurd"),
            &[
                ("csrf", &page.csrf()),
                ("version", &page.input("version").unwrap()),
            ],
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.body
    );
    assert!(
        again
            .body
            .contains("Deze brief wacht niet op verzending per post")
    );
}

#[tokio::test]
async fn t7_t12_every_letter_can_be_printed_and_an_emailed_one_is_signed_by_its_sender() {
    let app = start().await;
    let (mut carla, token) = coordinator(&app).await;
    let reference = app
        .register_complaint(
            &token,
            json!({"name": "Jan Jansen", "email": "jan@example.nl",
                   "description": "Niemand belde terug.", "channel": "phone",
                   "privacy_accepted": true}),
        )
        .await;
    let done = step(&mut carla, &reference, "acknowledge", &[("via", "email")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    // By e-mail, signed with the coordinator's name and role.
    let until = Timestamp::now()
        .max(app.now())
        .checked_add(jiff::SignedDuration::from_hours(24))
        .unwrap();
    let mail = app.mail_to_before("jan@example.nl", until).await;
    assert_eq!(mail.len(), 1);
    assert!(
        mail[0].body.contains(
            "Met vriendelijke groet,\n\nCarla Coördinator\nKlachtencoördinator\nStichting Voorbeeld"
        ),
        "{}",
        mail[0].body
    );
    // No task to post it, but it can be printed all the same.
    let page = carla.get(&format!("/beheer/klachten/{reference}")).await;
    assert!(!page.body.contains("Brieven om per post te versturen"));
    let links = print_links(&page.body, &reference);
    assert_eq!(links.len(), 1, "{links:?}");
    let printed = carla.get(&links[0]).await;
    assert_eq!(printed.status, StatusCode::OK);
    assert!(printed.body.contains("<span>Jan Jansen</span>"));
    assert!(!printed.body.contains("[persoonlijke link"));
    // Marking an e-mailed letter as posted is refused.
    let refused = carla
        .post(
            &format!("{}/verstuurd", links[0]),
            &[
                ("csrf", &page.csrf()),
                ("version", &page.input("version").unwrap()),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A letter that is not there, and a handler who does not see the dossier.
    let missing = carla
        .get(&format!("/beheer/klachten/{reference}/brieven/999"))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        missing
            .body
            .contains("Deze brief staat niet in dit dossier.")
    );
    let (_, secret) = staff_user(&app, "h@example.org", "Hans Handler", &[Role::Handler]).await;
    let mut hans = Desk::sign_in(&app, "h@example.org", secret.as_deref()).await;
    let hidden = hans.get(&links[0]).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    assert!(!hidden.body.contains("Jan Jansen"));
}

/// The text of a PDF, its whitespace squashed.
#[cfg(feature = "pdf")]
fn pdf_text(pdf: &[u8]) -> String {
    let raw = pdf_extract::extract_text_from_mem(pdf).expect("the PDF reads back");
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether poppler's tool `name` is installed; if not, says so (the check is skipped), unless
/// KLACHT_REQUIRE_BROWSER=1 (CI), where it fails.
#[cfg(feature = "pdf")]
fn tool(name: &str) -> bool {
    let found = std::process::Command::new(name).arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var("KLACHT_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "{name} is required (KLACHT_REQUIRE_BROWSER=1): install poppler-utils"
        );
        eprintln!("SKIPPED: {name} is not installed");
    }
    found
}

/// poppler reads `pdf` without a word on stderr: `pdfinfo` (structure, metadata) and
/// `pdftotext` (every page's text). Skipped with a SKIPPED line without poppler.
#[cfg(feature = "pdf")]
fn poppler_is_content(pdf: &[u8], name: &str) {
    // Kept in `target/report-artifacts/` to be looked at.
    let tmp = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.parent().unwrap_or(&tmp).join("report-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.pdf"));
    std::fs::write(&file, pdf).unwrap();
    for (tool_name, args) in [("pdfinfo", vec![]), ("pdftotext", vec!["-layout"])] {
        if !tool(tool_name) {
            continue;
        }
        let mut cmd = std::process::Command::new(tool_name);
        cmd.args(&args).arg(&file);
        if tool_name == "pdftotext" {
            cmd.arg("-");
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{tool_name} {name}: {out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "",
            "{tool_name} warns about the {name} PDF"
        );
        if tool_name == "pdfinfo" {
            let info = String::from_utf8_lossy(&out.stdout);
            assert!(info.contains("Tagged:          yes"), "{info}");
            assert!(info.contains("Creator:         klacht"), "{info}");
        }
    }
}

/// Every PDF klacht makes — the registration form, the half-year report, the person's data
/// (AVG art. 15) and a letter — is read by poppler without a warning or an error.
#[cfg(feature = "pdf")]
#[tokio::test]
async fn k9_t13_every_pdf_klacht_makes_reads_in_poppler_without_a_warning() {
    let app = start().await;
    let (mut carla, token) = coordinator(&app).await;
    let reference = by_phone_with_address(&app, &token).await;
    for (name, at) in [
        ("Jan Jansen", "2026-03-02T10:00:00+01:00"),
        ("Els de Groot-van Oudshoorn", "2026-04-07T10:00:00+02:00"),
    ] {
        app.register_complaint(
            &token,
            json!({"name": name, "email": "jan@example.nl", "phone": "0612345678",
                   "description": "Niemand belde terug.", "channel": "phone",
                   "received_at": at, "privacy_accepted": true}),
        )
        .await;
    }
    let done = step(&mut carla, &reference, "acknowledge", &[("via", "letter")]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = carla.get(&format!("/beheer/klachten/{reference}")).await;
    let letter = print_links(&page.body, &reference).remove(0);

    // An access request for Jan's data.
    let form = carla.get("/beheer/verzoeken/nieuw").await;
    let created = carla
        .post(
            "/beheer/verzoeken/nieuw",
            &[
                ("csrf", &form.csrf()),
                ("kind", "access"),
                ("name", ""),
                ("email", "jan@example.nl"),
                ("phone", ""),
                ("received_on", "2026-12-01"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let request = created.location.unwrap();

    for (name, path) in [
        (
            "registratieformulier",
            format!("/beheer/klachten/{reference}/registratieformulier.pdf"),
        ),
        (
            "klachtenverslag",
            "/beheer/verslagen/halfjaar?year=2026&half=1&format=pdf".to_owned(),
        ),
        ("gegevens", format!("{request}/gegevens.pdf")),
        ("brief", format!("{letter}/pdf")),
    ] {
        let (status, headers, pdf) = carla.download(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(headers["content-type"], "application/pdf", "{path}");
        poppler_is_content(&pdf, name);
    }
}
