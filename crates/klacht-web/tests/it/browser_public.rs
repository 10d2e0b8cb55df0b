//! The public site end to end in a real headless Chromium (tests/it/support/browser.rs): the
//! complaint form used with the keyboard only, its error state, attachments, the English
//! version, the thank-you page, the complainant's status page, a phone-sized screen, the
//! regulation and the leaflet, each page checked with axe-core (WCAG 2.0/2.1 A and AA).
//!
//! Every test starts its own server (a temporary SQLite database, a built-in profile) on a free
//! port, with the clock fixed at Tuesday 23 December 2025, 11:00 in Amsterdam: the complaint is
//! acknowledged by e-mail at once and the answer is due on Monday 5 January 2026 (five working
//! days, with Christmas, New Year's Day and the decreed day off on 2 January in between).
//!
//! The browser says it prefers English (`Accept-Language: en-US`), so the Dutch tests open the
//! form as `/?lang=nl`, the address the Dutch language switch links to.
//!
//! Skipped (passes with a "SKIPPED" line) when Chromium, chromedriver or axe-core is not
//! installed, unless KLACHT_REQUIRE_BROWSER=1. Screenshots go to
//! `<workspace>/target/browser-screenshots/`.

use crate::support::browser;

use crate::support::app::{self, TestApp};

use std::path::Path;

use browser::Browser;
use klacht_core::Reference;
use klacht_core::procedure::EventBody;
use serde_json::Value;

/// Tuesday 23 December 2025, 11:00 in Amsterdam.
const NOW: &str = "2025-12-23T10:00:00Z";

/// What the thank-you page says about the deadlines, per language.
const NL_RECEIVED: &str = "Wij hebben uw klacht op dinsdag 23 december 2025 ontvangen.";
const NL_ACKNOWLEDGED: &str = "U ontvangt een ontvangstbevestiging per e-mail.";
const NL_ANSWER: &str = "Beantwoording: uiterlijk maandag 5 januari 2026.";
const EN_RECEIVED: &str = "We received your complaint on Tuesday 23 December 2025.";
const EN_ACKNOWLEDGED: &str = "You will receive an acknowledgement by email.";
const EN_ANSWER: &str = "Answer: by Monday 5 January 2026 at the latest.";

/// The test app with this module's shorthands.
struct App(TestApp);

impl std::ops::Deref for App {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.0
    }
}

impl App {
    /// The stored complaint with this reference.
    async fn stored(&self, reference: &str) -> klacht_store::Dossier {
        let reference = Reference::try_from(reference.to_owned()).unwrap();
        self.store.load(&reference).await.unwrap().unwrap()
    }
}

/// The real application with the built-in `profile`, on 127.0.0.1 (a free port) with its public
/// address set to that port, so the links it makes (the status link) work in the browser.
async fn app(profile: &str) -> App {
    App(app::builtin(profile, NOW.parse().unwrap(), app::PublicUrl::Real).await)
}

// ----- page helpers ----------------------------------------------------------------------------

/// `<html lang>` of the current page.
async fn page_lang(b: &Browser) -> String {
    b.attr("html", "lang").await.unwrap_or_default()
}

/// The visible text of `<main>`.
async fn main_text(b: &Browser) -> String {
    b.text("main").await
}

/// `document.activeElement.id`.
async fn active_id(b: &Browser) -> String {
    b.eval("return document.activeElement ? document.activeElement.id : '';")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A short description of the focused element: its `name`, else its `id`, else its tag and
/// link target (`A /klachtenregeling`).
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

/// Presses Tab until the focused element's `name` is `name`; returns every stop on the way
/// (see [`focused`]), `name` included. Panics after `max` presses.
async fn tab_to(b: &Browser, name: &str, max: usize) -> Vec<String> {
    let mut stops = Vec::new();
    for _ in 0..max {
        b.press_tab().await;
        let stop = focused(b).await;
        let reached = stop == name;
        stops.push(stop);
        if reached {
            return stops;
        }
    }
    panic!("{max} presses of Tab did not reach `{name}`; focus went to {stops:?}");
}

/// Tab once and check where focus went.
async fn tab_expect(b: &Browser, name: &str) {
    b.press_tab().await;
    let stop = focused(b).await;
    assert_eq!(
        stop,
        name,
        "Tab should move focus to `{name}`, not {}",
        b.active_element_html().await
    );
}

/// The values of `href` of the links matching `css`.
async fn hrefs(b: &Browser, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for link in b.find_all(css).await {
        out.push(link.attr("href").await.unwrap().unwrap_or_default());
    }
    out
}

/// Whether the checkbox matching `css` is checked.
async fn checked(b: &Browser, css: &str) -> bool {
    b.prop(css, "checked").await.as_deref() == Some("true")
}

/// Fills the form's required fields with the mouse-free WebDriver helpers (for the tests about
/// something else than typing).
async fn fill_form(b: &Browser, name: &str, email: &str, description: &str) {
    b.fill("#name", name).await;
    b.fill("#email", email).await;
    b.fill("#description", description).await;
    if !checked(b, "#privacy_accepted").await {
        b.click("#privacy_accepted").await;
    }
}

/// Sends the form with its button and waits for the thank-you page; returns its address.
async fn submit_to_thanks(b: &Browser) -> String {
    b.click("main form button[type=submit]").await;
    b.wait_for_url("the thank-you page", |u| u.contains("/bedankt/"))
        .await
}

/// Chooses several files at once in the `<input type="file" multiple>` matching `css`
/// (chromedriver takes the absolute paths separated by newlines).
async fn upload_all(b: &Browser, css: &str, paths: &[&Path]) {
    let list: Vec<String> = paths
        .iter()
        .map(|p| p.canonicalize().unwrap().to_str().unwrap().to_owned())
        .collect();
    b.find(css).await.send_keys(&list.join("\n")).await.unwrap();
}

/// A small but complete one-page PDF.
const PDF: &str = "%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj
trailer << /Root 1 0 R >>
%%EOF
";

// ----- T19: the form with the keyboard only ----------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn t19_keyboard_only_complaint_reaches_the_thank_you_page() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = app("template").await;

    b.goto(&app.url("/?lang=nl")).await;
    assert_eq!(page_lang(&b).await, "nl");
    assert_eq!(b.title().await, "Een klacht indienen — Stichting Voorbeeld");
    b.assert_no_axe_violations("the form").await;
    b.screenshot("form").await;

    // The first Tab reaches the skip link; then on through the page to the first field.
    let before = tab_to(&b, "name", 40).await;
    assert_eq!(
        before[..3],
        ["A #main", "A /", "A /?lang=en"],
        "the skip link, the organisation's name and the language switch come first"
    );
    assert!(
        before[3..before.len() - 1]
            .iter()
            .all(|stop| stop.starts_with("A ")),
        "only links (the regulation, other ways to complain) before the first field: {before:?}"
    );
    b.type_keys("Zoë de Vries-O'Brien").await;

    // The fields in the order the form shows them.
    tab_expect(&b, "email").await;
    b.type_keys("zoe@example.nl").await;
    for next in [
        "phone",
        "address",
        "relation",
        "on_behalf_of",
        "description",
    ] {
        tab_expect(&b, next).await;
    }
    b.type_keys("Mijn pakket is drie keer niet bezorgd, terwijl ik thuis was.")
        .await;
    tab_expect(&b, "attachments").await;
    // Past the privacy statement (its links, if any) to the consent box.
    let between = tab_to(&b, "privacy_accepted", 10).await;
    assert!(
        between[..between.len() - 1]
            .iter()
            .all(|stop| stop.starts_with("A ")),
        "only links between the file input and the consent box: {between:?}"
    );
    assert!(!checked(&b, "#privacy_accepted").await);
    b.press_space().await;
    assert!(
        checked(&b, "#privacy_accepted").await,
        "Space ticks the box"
    );
    b.press_tab().await;
    assert_eq!(
        b.active_element_attr("type").await.as_deref(),
        Some("submit"),
        "after the consent box comes the send button, not {}",
        b.active_element_html().await
    );
    assert_eq!(
        b.text("main form button[type=submit]").await,
        "Klacht versturen"
    );

    // The values typed key by key arrived in the fields.
    assert_eq!(
        b.prop("#name", "value").await.as_deref(),
        Some("Zoë de Vries-O'Brien")
    );
    assert_eq!(
        b.prop("#email", "value").await.as_deref(),
        Some("zoe@example.nl")
    );

    b.press_enter().await;
    let url = b
        .wait_for_url("the thank-you page", |u| u.contains("/bedankt/"))
        .await;
    assert!(url.starts_with(&app.url("/bedankt/")), "{url}");

    assert_eq!(page_lang(&b).await, "nl");
    assert_eq!(
        b.title().await,
        "Uw klacht is ontvangen — Stichting Voorbeeld"
    );
    assert_eq!(b.text("h1").await, "Uw klacht is ontvangen");
    assert_eq!(b.text(".reference").await, "2025-0001");
    let text = main_text(&b).await;
    for line in [
        NL_RECEIVED,
        "Uw kenmerk is 2025-0001",
        NL_ACKNOWLEDGED,
        NL_ANSWER,
    ] {
        assert!(text.contains(line), "{line:?} not on the page:\n{text}");
    }
    let status_link = b.attr(".status-link a", "href").await.unwrap();
    assert!(
        status_link.starts_with(&app.url("/status/")),
        "{status_link}"
    );
    b.assert_no_axe_violations("the thank-you page").await;
    b.screenshot("thanks").await;

    // What was typed is what was stored.
    let dossier = app.stored("2025-0001").await;
    let complainant = dossier.state.complainant.get().unwrap();
    assert_eq!(complainant.name, "Zoë de Vries-O'Brien");
    assert_eq!(complainant.email.as_deref(), Some("zoe@example.nl"));
    assert_eq!(
        dossier.state.description.get().map(String::as_str),
        Some("Mijn pakket is drie keer niet bezorgd, terwijl ik thuis was.")
    );

    b.close().await;
}

// ----- T19: the error state --------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn t19_error_state_keeps_every_value_and_links_to_each_field() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = app("template").await;
    const NAME: &str = "<script>alert(1)</script>";
    const DESCRIPTION: &str = "De factuur klopt niet & de <b>helpdesk</b> belt niet terug.";

    b.goto(&app.url("/?lang=nl")).await;
    b.fill("#name", NAME).await;
    b.fill("#description", DESCRIPTION).await;
    // No e-mail, no phone, no consent. The browser's own check of `required` would stop the
    // form at the consent box; switch it off to see what the server answers (as it does for a
    // browser without that check).
    b.eval("document.querySelector('main form').noValidate = true;")
        .await;
    b.click("main form button[type=submit]").await;
    b.find(".error-summary").await;

    assert!(
        b.title().await.starts_with("Fout:"),
        "title: {}",
        b.title().await
    );
    assert_eq!(
        b.title().await,
        "Fout: Een klacht indienen — Stichting Voorbeeld"
    );
    // The summary comes first in main, has focus, and links to each field with a problem in the
    // order of the form.
    assert_eq!(
        b.eval("return document.querySelector('main').firstElementChild.className;")
            .await,
        Value::from("error-summary")
    );
    assert!(
        b.eval("return document.activeElement.classList.contains('error-summary');")
            .await
            == Value::Bool(true),
        "the error summary has focus, not {}",
        b.active_element_html().await
    );
    assert_eq!(b.text(".error-summary h2").await, "Er is een probleem");
    // The missing contact details at the e-mail field (the phone field may have its own
    // entry), then the consent box.
    // "E-mail or phone" is one problem, said once at the e-mail field.
    let links = hrefs(&b, ".error-summary a").await;
    assert_eq!(links, ["#email", "#privacy_accepted"]);
    let summary = b.text(".error-summary").await;
    assert!(
        summary.contains("Vul uw e-mailadres of uw telefoonnummer in"),
        "{summary}"
    );
    assert!(
        summary.contains("Geef aan dat u de privacyverklaring heeft gelezen"),
        "{summary}"
    );
    // The messages at the fields, referenced by them.
    for field in ["email", "privacy_accepted"] {
        let described = b
            .attr(&format!("#{field}"), "aria-describedby")
            .await
            .unwrap_or_default();
        assert!(
            described
                .split(' ')
                .any(|id| id == format!("{field}-error")),
            "#{field} aria-describedby={described:?}"
        );
        assert_eq!(
            b.attr(&format!("#{field}"), "aria-invalid")
                .await
                .as_deref(),
            Some("true")
        );
        assert!(
            b.text(&format!("#{field}-error"))
                .await
                .starts_with("Fout:")
        );
    }
    assert!(!b.exists("#name-error").await && !b.exists("#description-error").await);

    // Every value back, as text: no dialog, no script element, the name exactly as typed.
    assert!(
        b.client().get_alert_text().await.is_err(),
        "no alert dialog may open"
    );
    assert_eq!(
        b.eval("return document.querySelectorAll('main script, body script').length;")
            .await,
        Value::from(0)
    );
    assert_eq!(b.prop("#name", "value").await.as_deref(), Some(NAME));
    assert_eq!(
        b.prop("#description", "value").await.as_deref(),
        Some(DESCRIPTION)
    );
    assert_eq!(b.prop("#email", "value").await.as_deref(), Some(""));
    assert!(!checked(&b, "#privacy_accepted").await);

    b.assert_no_axe_violations("the form with errors").await;
    b.screenshot("form-errors").await;

    // Each link in the summary moves focus to its field.
    for link in &links {
        let field = link.trim_start_matches('#');
        b.click(&format!(".error-summary a[href='{link}']")).await;
        assert_eq!(
            active_id(&b).await,
            field,
            "the summary's link to #{field} should focus it, not {}",
            b.active_element_html().await
        );
    }

    // Nothing was stored.
    let reference = Reference::try_from("2025-0001".to_owned()).unwrap();
    assert!(app.store.load(&reference).await.unwrap().is_none());

    b.close().await;
}

// ----- Attachments ------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn t19_upload_of_a_pdf_and_refusal_of_a_disguised_file() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = app("template").await;
    let files = tempfile::tempdir().unwrap();
    let pdf = files.path().join("rapport.pdf");
    std::fs::write(&pdf, PDF).unwrap();
    let fake = files.path().join("brief.pdf");
    std::fs::write(&fake, "Dit is gewoon tekst, geen PDF.\n").unwrap();

    b.goto(&app.url("/?lang=nl")).await;
    fill_form(
        &b,
        "Ada de Bruijn",
        "ada@example.nl",
        "Zie de bijgevoegde brief.",
    )
    .await;
    upload_all(&b, "#attachments", &[&pdf, &fake]).await;
    b.click("main form button[type=submit]").await;
    b.find(".error-summary").await;

    // One problem: the disguised file, named, at the attachments.
    assert_eq!(hrefs(&b, ".error-summary a").await, ["#attachments"]);
    let error = b.text("#attachments-error").await;
    assert!(
        error.contains("brief.pdf is geen PDF, afbeelding of kantoordocument"),
        "{error}"
    );
    // The real PDF is kept, listed, and may be removed; the refused file is not kept.
    let kept = b.find_all(".kept__file").await;
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].text().await.unwrap(), "rapport.pdf (1 kB)");
    assert_eq!(
        b.prop(".kept__item label", "textContent").await.as_deref(),
        Some("Verwijderen rapport.pdf"),
        "the remove box names the file"
    );
    assert!(!checked(&b, ".kept__item input[type=checkbox]").await);
    // The rest is kept too.
    assert_eq!(
        b.prop("#name", "value").await.as_deref(),
        Some("Ada de Bruijn")
    );
    assert_eq!(
        b.prop("#email", "value").await.as_deref(),
        Some("ada@example.nl")
    );
    assert!(checked(&b, "#privacy_accepted").await);
    b.assert_no_axe_violations("the form with a refused file and a kept one")
        .await;
    b.screenshot("form-upload-error").await;

    // Send again without removing anything or choosing the file again.
    submit_to_thanks(&b).await;
    assert_eq!(b.text(".reference").await, "2025-0001");
    let text = main_text(&b).await;
    assert!(text.contains("Meegestuurde bestanden"), "{text}");
    assert!(text.contains("rapport.pdf"), "{text}");
    assert!(!text.contains("brief.pdf"), "{text}");

    // Stored once, as a PDF.
    let dossier = app.stored("2025-0001").await;
    assert_eq!(dossier.state.documents, 1);
    let stored: Vec<_> = dossier
        .events
        .iter()
        .filter_map(|e| match &e.event.body {
            EventBody::ComplainantAdded { documents, .. } => Some(documents),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].filename.get().map(String::as_str),
        Some("rapport.pdf")
    );
    assert_eq!(stored[0].content_type, "application/pdf");
    assert_eq!(stored[0].size, PDF.len() as u64);

    b.close().await;
}

// ----- English ----------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn en_the_form_in_english_by_the_visible_switch() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = app("template").await;

    b.goto(&app.url("/?lang=nl")).await;
    assert_eq!(page_lang(&b).await, "nl");
    assert_eq!(b.text(".lang-switch a").await, "English");
    assert_eq!(
        b.attr(".lang-switch a", "lang").await.as_deref(),
        Some("en")
    );
    b.click(".lang-switch a").await;
    b.wait_for_url("the English form", |u| u.ends_with("/?lang=en"))
        .await;
    assert_eq!(page_lang(&b).await, "en");
    assert_eq!(b.title().await, "Make a complaint — Stichting Voorbeeld");
    assert_eq!(b.text("h1").await, "Make a complaint");
    assert_eq!(b.text(".lang-switch a").await, "Nederlands");
    assert_eq!(
        b.text("main form button[type=submit]").await,
        "Send complaint"
    );
    b.assert_no_axe_violations("the English form").await;
    b.screenshot("form-en").await;

    fill_form(
        &b,
        "John Smith",
        "john@example.com",
        "The parcel was not delivered although I was at home.",
    )
    .await;
    let url = submit_to_thanks(&b).await;
    assert!(url.contains("lang=en"), "{url}");
    assert_eq!(page_lang(&b).await, "en");
    assert_eq!(
        b.title().await,
        "Your complaint has been received — Stichting Voorbeeld"
    );
    assert_eq!(b.text(".reference").await, "2025-0001");
    let text = main_text(&b).await;
    for line in [
        EN_RECEIVED,
        "Your reference is 2025-0001",
        EN_ACKNOWLEDGED,
        EN_ANSWER,
    ] {
        assert!(text.contains(line), "{line:?} not on the page:\n{text}");
    }
    b.assert_no_axe_violations("the English thank-you page")
        .await;
    b.screenshot("thanks-en").await;

    // The complaint is handled in English: its language is stored.
    let dossier = app.stored("2025-0001").await;
    assert_eq!(dossier.state.language, klacht_core::Lang::En);

    b.close().await;
}

// ----- The status page --------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn status_page_shows_the_letters_and_accepts_an_addition() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = app("template").await;

    b.goto(&app.url("/?lang=nl")).await;
    fill_form(
        &b,
        "Piet Jansen",
        "piet@example.nl",
        "De monteur kwam niet opdagen.",
    )
    .await;
    submit_to_thanks(&b).await;
    b.click(".status-link a").await;
    let url = b
        .wait_for_url("the status page", |u| u.contains("/status/"))
        .await;
    assert!(url.starts_with(&app.url("/status/")), "{url}");

    assert_eq!(page_lang(&b).await, "nl");
    assert_eq!(b.text("h1").await, "Uw klacht 2025-0001");
    let facts = b.text(".facts").await;
    assert!(facts.contains("2025-0001"), "{facts}");
    // The acknowledgement letter, sent at once by e-mail.
    let letters = b.find_all(".letter-list .letter").await;
    assert_eq!(letters.len(), 1, "one letter so far");
    let subject = b.text(".letter summary").await;
    assert!(
        subject.contains("Ontvangstbevestiging van uw klacht (2025-0001)"),
        "{subject}"
    );
    // Open the letter from the keyboard: its summary is a stop in the Tab order.
    tab_to_selector(&b, ".letter summary", 40).await;
    b.press_enter().await;
    let body = b.text(".letter__body").await;
    assert!(body.contains("Beste Piet Jansen"), "{body}");
    assert!(body.contains("maandag 5 januari 2026"), "{body}");
    b.assert_no_axe_violations("the status page").await;

    // Add a message with the keyboard: on to the text field, type, Tab past the file input to
    // the button, Enter.
    tab_to(&b, "text", 20).await;
    b.type_keys("Ik ben morgen de hele dag thuis.").await;
    tab_expect(&b, "attachments").await;
    b.press_tab().await;
    assert_eq!(
        b.active_element_attr("type").await.as_deref(),
        Some("submit"),
        "{}",
        b.active_element_html().await
    );
    b.press_enter().await;
    b.find(".notice").await;
    assert_eq!(
        b.text(".notice").await,
        "Dank u, wij hebben uw aanvulling ontvangen."
    );
    let additions = b.text(".addition-list").await;
    assert!(
        additions.contains("Ik ben morgen de hele dag thuis."),
        "{additions}"
    );
    b.assert_no_axe_violations("the status page after an addition")
        .await;
    b.screenshot("status").await;

    let dossier = app.stored("2025-0001").await;
    assert_eq!(dossier.state.complainant_additions, 1);

    b.close().await;
}

/// Presses Tab until the element matching `css` has focus.
async fn tab_to_selector(b: &Browser, css: &str, max: usize) {
    let script = format!(
        "return document.activeElement === document.querySelector({});",
        Value::from(css)
    );
    for _ in 0..max {
        b.press_tab().await;
        if b.eval(&script).await == Value::Bool(true) {
            return;
        }
    }
    panic!("{max} presses of Tab did not reach `{css}`");
}

// ----- A phone, the regulation and the leaflet --------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn t19_the_form_on_a_phone() {
    let Some(b) = Browser::start_mobile().await else {
        return;
    };
    let app = app("template").await;

    b.goto(&app.url("/?lang=nl")).await;
    assert_eq!(
        b.eval("return [innerWidth, innerHeight];").await,
        serde_json::json!([390, 844])
    );
    // WCAG 1.4.10: no sideways scrolling at 390 CSS pixels.
    assert_eq!(
        b.eval("return document.documentElement.scrollWidth <= innerWidth;")
            .await,
        Value::Bool(true),
        "the page is wider than the phone: {}",
        b.eval("return document.documentElement.scrollWidth;").await
    );
    b.assert_no_axe_violations("the form on a phone").await;
    b.screenshot("form-mobile").await;

    b.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn t11_the_regulation_and_the_leaflet_pass_axe() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = app("template").await;

    b.goto(&app.url("/klachtenregeling?lang=nl")).await;
    assert_eq!(page_lang(&b).await, "nl");
    assert!(b.text("h1").await.contains("Klachtenregeling"));
    b.assert_no_axe_violations("the regulation").await;
    b.screenshot("regulation").await;

    // From the footer, as a visitor would.
    b.click("footer a[href='/klachtenregeling/folder']").await;
    b.wait_for_url("the leaflet", |u| u.ends_with("/klachtenregeling/folder"))
        .await;
    assert_eq!(
        page_lang(&b).await,
        "nl",
        "the choice of Dutch is remembered"
    );
    assert!(b.exists(".leaflet__qr svg").await);
    let form_link = b.attr(".leaflet__qr a", "href").await.unwrap();
    assert_eq!(form_link, app.url("/"));
    b.assert_no_axe_violations("the leaflet").await;
    b.screenshot("leaflet").await;

    b.close().await;
}

// ----- The accessibility statement ---------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn accessibility_statement_from_the_footer_passes_axe_in_both_languages() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = app("template").await;

    // From the form's footer, as a visitor would, with the keyboard.
    b.goto(&app.url("/?lang=nl")).await;
    tab_to_selector(&b, "footer a[href='/toegankelijkheid']", 80).await;
    b.press_enter().await;
    b.wait_for_url("the statement", |u| u.ends_with("/toegankelijkheid"))
        .await;
    assert_eq!(page_lang(&b).await, "nl");
    assert_eq!(b.text("h1").await, "Toegankelijkheidsverklaring");
    let text = main_text(&b).await;
    assert!(text.contains("WCAG) 2.1 op niveau AA"), "{text}");
    assert!(text.contains("klachten@voorbeeld.nl"), "{text}");
    assert!(text.contains("020 123 45 67"), "{text}");
    b.assert_no_axe_violations("the accessibility statement")
        .await;
    b.screenshot("accessibility-statement").await;

    // In English by the visible switch.
    b.click(".lang-switch a").await;
    b.wait_for_url("the English statement", |u| u.contains("lang=en"))
        .await;
    assert_eq!(page_lang(&b).await, "en");
    assert_eq!(b.text("h1").await, "Accessibility statement");
    b.assert_no_axe_violations("the English accessibility statement")
        .await;

    // On a phone-sized screen too: no sideways scrolling.
    b.close().await;
    let Some(b) = Browser::start_mobile().await else {
        return;
    };
    b.goto(&app.url("/toegankelijkheid?lang=nl")).await;
    assert_eq!(
        b.eval("return document.documentElement.scrollWidth <= innerWidth;")
            .await,
        Value::Bool(true)
    );
    b.assert_no_axe_violations("the accessibility statement on a phone")
        .await;
    b.close().await;
}

// ----- The built-ins awb and wkkgz ---------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn awb_wkkgz_the_form_and_the_regulation_pass_axe_in_both_languages() {
    let Some(b) = Browser::start().await else {
        return;
    };
    for (profile, names) in [
        ("awb", ["Nationale ombudsman", "National Ombudsman"]),
        (
            "wkkgz",
            [
                "Geschilleninstantie Voorbeeld",
                "Geschilleninstantie Voorbeeld",
            ],
        ),
    ] {
        let app = app(profile).await;
        for (lang, name) in [("nl", names[0]), ("en", names[1])] {
            b.goto(&app.url(&format!("/?lang={lang}"))).await;
            assert_eq!(page_lang(&b).await, lang);
            b.assert_no_axe_violations(&format!("the {profile} form ({lang})"))
                .await;
            b.goto(&app.url(&format!("/klachtenregeling?lang={lang}")))
                .await;
            assert_eq!(page_lang(&b).await, lang);
            assert!(main_text(&b).await.contains(name), "{profile} {lang}");
            b.assert_no_axe_violations(&format!("the {profile} regulation ({lang})"))
                .await;
        }
        b.screenshot(&format!("regulation-{profile}")).await;
    }
    b.close().await;
}

// ----- K2: the date of birth (kjrw) -------------------------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn k2_kjrw_asks_the_date_of_birth_and_takes_it_from_the_keyboard() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = app("kjrw").await;

    b.goto(&app.url("/?lang=nl")).await;
    assert_eq!(
        b.attr("#date_of_birth", "type").await.as_deref(),
        Some("date")
    );
    b.assert_no_axe_violations("the kjrw form").await;

    b.fill("#name", "Sem Bakker").await;
    b.fill("#email", "sem@example.nl").await;
    b.fill(
        "#description",
        "Mijn voogd reageert niet op mijn berichten.",
    )
    .await;
    // Into the date field with Tab, and the date typed as digits; the browser's locale
    // (en-US) orders them month, day, year.
    b.click("#on_behalf_of").await;
    tab_to(&b, "date_of_birth", 3).await;
    b.type_keys("03152010").await;
    assert_eq!(
        b.prop("#date_of_birth", "value").await.as_deref(),
        Some("2010-03-15")
    );
    b.click("#privacy_accepted").await;
    submit_to_thanks(&b).await;
    assert!(b.text(".reference").await.starts_with("2025-"));
    b.assert_no_axe_violations("the kjrw thank-you page").await;

    let reference = b.text(".reference").await;
    let dossier = app.stored(&reference).await;
    let complainant = dossier.state.complainant.get().unwrap();
    assert_eq!(
        complainant.date_of_birth,
        Some(jiff::civil::date(2010, 3, 15))
    );

    b.close().await;
}

// ----- The published annual reports (issue 18; T15) ---------------------------------------------

#[tokio::test(flavor = "multi_thread")]
async fn t15_the_published_annual_reports_pass_axe() {
    let Some(b) = Browser::start().await else {
        return;
    };
    let app = app("template").await;

    // None published yet: the list says so, reached from the footer.
    b.goto(&app.url("/klachtenregeling?lang=nl")).await;
    b.click("footer a[href='/jaarverslag']").await;
    b.wait_for_url("the annual reports", |u| u.ends_with("/jaarverslag"))
        .await;
    assert!(
        main_text(&b)
            .await
            .contains("Er is nog geen jaarverslag gepubliceerd.")
    );
    b.assert_no_axe_violations("the empty list of annual reports")
        .await;

    // The coordinator publishes 2024 (the clock stands in December 2025).
    let (_, secret) = app::staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[klacht_core::Role::Coordinator],
    )
    .await;
    let mut coord =
        crate::support::desk::Desk::sign_in(&app, "coord@example.org", secret.as_deref()).await;
    let csrf = coord
        .get("/beheer/verslagen/publicatie?year=2024")
        .await
        .csrf();
    let done = coord
        .post(
            "/beheer/verslagen/publicatie/publiceren",
            &[("csrf", &csrf), ("year", "2024"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(done.status, reqwest::StatusCode::SEE_OTHER, "{}", done.body);

    b.goto(&app.url("/jaarverslag?lang=nl")).await;
    b.assert_no_axe_violations("the list of annual reports")
        .await;
    b.screenshot("annual-reports").await;
    b.click("main a[href='/jaarverslag/2024']").await;
    b.wait_for_url("the annual report 2024", |u| {
        u.ends_with("/jaarverslag/2024")
    })
    .await;
    assert_eq!(page_lang(&b).await, "nl");
    assert!(b.exists("a[href='/jaarverslag']").await);
    b.assert_no_axe_violations("the published annual report 2024")
        .await;
    b.screenshot("annual-report-2024").await;

    b.goto(&app.url("/jaarverslag/2024?lang=en")).await;
    assert_eq!(page_lang(&b).await, "en");
    b.assert_no_axe_violations("the published annual report 2024 in English")
        .await;

    b.close().await;
}
