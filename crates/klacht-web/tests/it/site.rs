//! The public site over real HTTP: the form page, the regulation, the leaflet and the stylesheet,
//! in Dutch and English, from the active profile.

use crate::support::app::{self, Page, TestApp};
use crate::support::catalogue;

use klacht_core::Profile;
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_TYPE, SET_COOKIE};

const NOW: &str = "2026-05-01T09:00:00+02:00";

async fn app(profile: &str) -> TestApp {
    let source = klacht_core::profile::builtin_source(profile).unwrap();
    app_with(source, klacht_core::profile::parse(source).unwrap()).await
}

/// A server whose active profile is `profile` (stored as `source`).
async fn app_with(source: &str, profile: Profile) -> TestApp {
    let now = NOW.parse().unwrap();
    app::start(source, profile, now, app::PublicUrl::Test, |_| {}).await
}

impl Page {
    fn html(&self) -> &str {
        assert_eq!(self.status, StatusCode::OK, "{}", self.body);
        let ct = self.headers[CONTENT_TYPE].to_str().unwrap();
        assert!(ct.starts_with("text/html"), "{ct}");
        &self.body
    }

    fn count(&self, needle: &str) -> usize {
        self.body.matches(needle).count()
    }

    fn pos(&self, needle: &str) -> usize {
        self.body
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the page:\n{}", self.body))
    }
}

/// Every page: one language, one `h1`, the landmarks, no script at all.
fn assert_well_formed(page: &Page, lang: &str) {
    let html = page.html();
    assert!(html.starts_with("<!doctype html>"), "{html}");
    assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{html}");
    assert_eq!(page.count("<h1"), 1, "one h1:\n{html}");
    assert!(html.contains("<main id=\"main\""));
    assert!(html.contains("href=\"#main\""), "skip link");
    assert!(html.contains("<header") && html.contains("<footer"));
    assert!(html.contains("href=\"/static/site.css\""));
    assert!(
        !html.to_lowercase().contains("<script"),
        "no JavaScript:\n{html}"
    );
    assert!(!html.contains(" onclick="), "no JavaScript");
}

const FORM_FIELDS: [&str; 10] = [
    "name=\"name\"",
    "name=\"email\"",
    "name=\"phone\"",
    "name=\"address\"",
    "name=\"relation\"",
    "name=\"on_behalf_of\"",
    "name=\"description\"",
    "name=\"attachments\"",
    "name=\"privacy_accepted\"",
    "name=\"website\"",
];

#[tokio::test]
async fn t02_t19_form_in_dutch_has_every_field_and_the_privacy_statement_before_consent() {
    let app = app("template").await;
    let page = app.page("/", &[]).await;
    assert_well_formed(&page, "nl");
    let html = page.html();
    assert!(html.contains("<title>Een klacht indienen — Stichting Voorbeeld</title>"));
    assert!(html.contains("<h1>Een klacht indienen</h1>"));
    assert!(
        html.contains("<form method=\"post\" action=\"/\" enctype=\"multipart/form-data\""),
        "{html}"
    );
    assert!(!html.contains("novalidate"));
    for field in FORM_FIELDS {
        assert_eq!(page.count(field), 1, "{field}");
    }
    assert!(html.contains("name=\"language\" value=\"nl\""));
    assert!(html.contains("type=\"file\" id=\"attachments\" name=\"attachments\" multiple"));
    for ext in [
        ".pdf", ".jpg", ".png", ".heic", ".docx", ".xlsx", ".pptx", ".odt",
    ] {
        assert!(html.contains(ext), "accept {ext}");
    }
    assert!(html.contains("maximaal 5 bestanden van elk maximaal 10 MB"));
    // Labels for every visible field, required ones marked in text.
    for id in [
        "name",
        "email",
        "phone",
        "address",
        "relation",
        "on_behalf_of",
        "description",
    ] {
        assert!(
            html.contains(&format!("<label class=\"label\" for=\"{id}\">")),
            "{id}"
        );
    }
    assert!(html.contains("(verplicht)") && html.contains("(niet verplicht)"));
    assert!(html.contains("autocomplete=\"name\""));
    assert!(html.contains("autocomplete=\"email\""));
    assert!(html.contains("autocomplete=\"tel\""));
    assert!(html.contains("autocomplete=\"street-address\""));
    assert!(html.contains("aria-describedby=\"contact-hint\""));
    // The relations of the profile, after an empty first choice.
    assert!(html.contains("<option value=\"\">Kies…</option>"));
    assert!(html.contains("<option value=\"supplier\">Leverancier</option>"));
    // The privacy statement (T19), headed, before the consent.
    let statement = page.pos("Privacyverklaring</h3>");
    let text = page.pos("Wat doen wij met uw gegevens?");
    let consent = page.pos("name=\"privacy_accepted\"");
    assert!(statement < text && text < consent);
    assert!(html.contains("Ik heb de privacyverklaring gelezen en ga akkoord"));
    assert!(html.contains("24 maanden"), "variables filled in");
    // The honeypot is out of reach.
    let hp = page.pos("<div class=\"hp\" aria-hidden=\"true\">");
    let website = page.pos("name=\"website\"");
    assert!(hp < website);
    assert!(html.contains("tabindex=\"-1\" autocomplete=\"off\""));
    assert!(html.contains("Laat dit veld leeg"));
    assert!(html.contains("<button class=\"button\" type=\"submit\">Klacht versturen</button>"));
    // The intro and the link to the regulation.
    assert!(html.contains("Heeft u een klacht over Stichting Voorbeeld?"));
    assert!(html.contains("href=\"/klachtenregeling\""));
    // No error state on a fresh form.
    assert!(!html.contains("error-summary"));
    assert!(!html.contains("aria-invalid"));
}

#[tokio::test]
async fn t02_form_page_names_the_other_channels_with_their_contact_details() {
    let app = app("template").await;
    let page = app.page("/", &[]).await;
    let html = page.html();
    assert!(html.contains("<a href=\"mailto:klachten@voorbeeld.nl\">klachten@voorbeeld.nl</a>"));
    assert!(html.contains("<a href=\"tel:0201234567\">020 123 45 67</a>"));
    assert!(html.contains("t.a.v. de klachtencoördinator"));
    assert!(html.contains("Persoonlijk"));
    // The footer has the organisation's contact details and the leaflet.
    assert!(html.contains("Voorbeeldstraat 1, 1234 AB Amsterdam"));
    assert!(html.contains("href=\"/klachtenregeling/folder\""));
    let csp = page.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && !csp.contains("script-src"));
}

#[tokio::test]
async fn form_in_english_from_accept_language() {
    let app = app("template").await;
    let page = app
        .page("/", &[("accept-language", "en-GB,en;q=0.9")])
        .await;
    assert_well_formed(&page, "en");
    let html = page.html();
    assert!(html.contains("<title>Make a complaint — Stichting Voorbeeld</title>"));
    assert!(html.contains("Send complaint"));
    assert!(html.contains("<option value=\"\">Choose…</option>"));
    assert!(html.contains("<option value=\"supplier\">Supplier</option>"));
    assert!(html.contains("What we do with your data"));
    assert!(html.contains("at most 5 files of at most 10 MB each"));
    assert!(html.contains("(optional)"));
    assert!(html.contains("name=\"language\" value=\"en\""));
    for field in FORM_FIELDS {
        assert_eq!(page.count(field), 1, "{field}");
    }
    // The switch leads back to Dutch, in Dutch.
    assert!(html.contains("href=\"/?lang=nl\" lang=\"nl\" hreflang=\"nl\">Nederlands</a>"));
    assert!(
        page.headers.get(SET_COOKIE).is_none(),
        "only a choice is remembered"
    );
    // Dutch is preferred when the browser says so.
    let page = app
        .page("/", &[("accept-language", "de, nl;q=0.8, en;q=0.5")])
        .await;
    assert_well_formed(&page, "nl");
}

#[tokio::test]
async fn choosing_a_language_sets_a_cookie_that_is_remembered() {
    let app = app("template").await;
    let page = app.page("/?lang=en", &[("accept-language", "nl")]).await;
    assert_well_formed(&page, "en");
    assert_eq!(
        page.headers[SET_COOKIE].to_str().unwrap(),
        "klacht_lang=en; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly"
    );
    assert!(page.body.contains("Make a complaint"));
    let page = app
        .page(
            "/klachtenregeling",
            &[("cookie", "klacht_lang=en"), ("accept-language", "nl")],
        )
        .await;
    assert_well_formed(&page, "en");
    // The query beats the cookie, and the switch in Dutch offers English.
    let page = app
        .page("/klachtenregeling?lang=nl", &[("cookie", "klacht_lang=en")])
        .await;
    assert_well_formed(&page, "nl");
    assert!(
        page.headers[SET_COOKIE]
            .to_str()
            .unwrap()
            .starts_with("klacht_lang=nl;")
    );
    assert!(
        page.body
            .contains("href=\"/klachtenregeling?lang=en\" lang=\"en\" hreflang=\"en\">English</a>")
    );
}

#[tokio::test]
async fn k01_k02_kjrw_asks_the_date_of_birth_and_lets_a_representative_complain() {
    let app = app("kjrw").await;
    let page = app.page("/", &[]).await;
    assert_well_formed(&page, "nl");
    let html = page.html();
    assert!(html.contains("type=\"date\" id=\"date_of_birth\" name=\"date_of_birth\""));
    // kjrw says "je", as its regulation does.
    assert!(html.contains("Klaag je namens iemand anders?"));
    assert!(html.contains("ouder of voogd"));
    assert!(html.contains("name=\"on_behalf_of\""));
    assert!(html.contains("Stichting Kinder- en Jongerenrechtswinkel Leiden"));
    let template = app_for_template_without_date_of_birth().await;
    assert!(!template.contains("date_of_birth"));
    assert!(template.contains("Klaagt u namens iemand anders?"));
}

async fn app_for_template_without_date_of_birth() -> String {
    app("template").await.page("/", &[]).await.html().to_owned()
}

#[tokio::test]
async fn t11_regulation_page_renders_the_profile_in_force() {
    let app = app("template").await;
    let page = app.page("/klachtenregeling", &[]).await;
    assert_well_formed(&page, "nl");
    let html = page.html();
    assert!(html.contains("<title>Klachtenregeling — Stichting Voorbeeld</title>"));
    assert!(
        html.contains(">Klachtenregeling Stichting Voorbeeld</h1>"),
        "{html}"
    );
    assert!(html.contains("Vastgesteld op 1 januari 2025"));
    assert!(html.contains("Versie 2025-1"));
    assert!(html.contains("<h2>Doelstelling</h2>"));
    assert!(
        html.contains("<h2>Bijlage 1 – Klachtenprocedure</h2>"),
        "headings keep their order"
    );
    assert!(html.contains("binnen 2 werkdagen een ontvangstbevestiging"));
    assert!(html.contains("<a href=\"http://klacht.test/\">online klachtenformulier</a>"));
    assert!(!html.contains("{{"), "every variable filled in");
    assert!(html.contains("href=\"/klachtenregeling/folder\""));
    assert!(html.contains("href=\"/\""));

    let page = app
        .page("/klachtenregeling", &[("accept-language", "en")])
        .await;
    assert_well_formed(&page, "en");
    let html = page.html();
    assert!(html.contains(">Complaints procedure of Stichting Voorbeeld</h1>"));
    assert!(html.contains("Adopted on 1 January 2025"));
    assert!(html.contains("Version 2025-1"));

    let app = self::app("kjrw").await;
    let page = app.page("/klachtenregeling", &[]).await;
    assert_well_formed(&page, "nl");
    assert!(page.body.contains(">Klachtenregeling KJRW Leiden</h1>"));
    assert!(page.body.contains("Vastgesteld op 1 januari 2024"));
}

#[tokio::test]
async fn awb_9_12_the_regulation_of_a_public_body_names_the_ombudsman_in_both_languages() {
    let app = app("awb").await;
    let page = app.page("/klachtenregeling", &[]).await;
    assert_well_formed(&page, "nl");
    let html = page.html();
    assert!(
        html.contains("<title>Klachtenregeling — Gemeente Voorbeeld</title>"),
        "{html}"
    );
    assert!(html.contains(">Klachtenregeling Gemeente Voorbeeld</h1>"));
    assert!(html.contains("Vastgesteld op 1 januari 2026"));
    assert!(html.contains("<h2>1. Wat is een klacht?</h2>"), "{html}");
    assert!(html.contains("Wij handelen uw klacht af binnen 6 weken na ontvangst."));
    assert!(html.contains("dan is dat binnen tien weken (artikel 9:11, eerste lid)"));
    assert!(html.contains(
        "Dan kunt u een klacht indienen bij de Nationale ombudsman (www.nationaleombudsman.nl)."
    ));
    assert!(html.contains("Dat moet binnen een jaar nadat wij u ons oordeel hebben gestuurd"));
    assert!(!html.contains("{{"), "every variable filled in");

    let page = app
        .page("/klachtenregeling", &[("accept-language", "en")])
        .await;
    assert_well_formed(&page, "en");
    let html = page.html();
    assert!(html.contains(">Complaints procedure of Gemeente Voorbeeld</h1>"));
    assert!(html.contains("Adopted on 1 January 2026"));
    assert!(html.contains("We deal with your complaint within 6 weeks of receiving it."));
    assert!(html.contains("you can complain to the National Ombudsman (Nationale ombudsman, www.nationaleombudsman.nl)"));
    assert!(html.contains("within one year of the date we sent you our judgment"));
    assert!(!html.contains("{{"));

    // The form says what the Awb promises, and what is not a complaint.
    let html = app.page("/", &[]).await.html().to_owned();
    assert!(html.contains(
        "U krijgt binnen 5 werkdagen een schriftelijke ontvangstbevestiging en binnen 6 weken ons oordeel."
    ));
    assert!(html.contains("Inwoner"));
}

#[tokio::test]
async fn wkkgz_art_15_18_the_regulation_of_a_care_provider_names_the_klachtenfunctionaris_and_the_geschilleninstantie()
 {
    let app = app("wkkgz").await;
    let page = app.page("/klachtenregeling", &[]).await;
    assert_well_formed(&page, "nl");
    let html = page.html();
    assert!(
        html.contains("<title>Klachtenregeling — Zorggroep Voorbeeld</title>"),
        "{html}"
    );
    assert!(html.contains(">Klachtenregeling Zorggroep Voorbeeld</h1>"));
    assert!(
        html.contains("<h2>2. De klachtenfunctionaris</h2>"),
        "{html}"
    );
    assert!(
        html.contains("U kunt altijd kosteloos terecht bij de klachtenfunctionaris (artikel 15).")
    );
    assert!(html.contains("uiterlijk binnen 6 weken nadat u uw klacht indiende"));
    assert!(html.contains("één keer met ten hoogste vier weken verlengen"));
    assert!(
        html.contains("de Geschilleninstantie Voorbeeld (www.geschilleninstantie-voorbeeld.nl)")
    );
    assert!(html.contains("Dat moet binnen een jaar nadat u uw klacht bij ons indiende."));
    assert!(!html.contains("{{"), "every variable filled in");

    let page = app
        .page("/klachtenregeling", &[("accept-language", "en")])
        .await;
    assert_well_formed(&page, "en");
    let html = page.html();
    assert!(html.contains(">Complaints procedure of Zorggroep Voorbeeld</h1>"));
    assert!(html.contains("<h2>2. The complaints officer</h2>"));
    assert!(
        html.contains(
            "You can always turn to the complaints officer, free of charge (article 15)."
        )
    );
    assert!(
        html.contains("the Geschilleninstantie Voorbeeld (www.geschilleninstantie-voorbeeld.nl)")
    );
    assert!(html.contains("You must do so within one year of making your complaint to us."));
    assert!(!html.contains("{{"));

    // The form offers the klachtenfunctionaris's help before the complaint is written.
    let html = app.page("/", &[]).await.html().to_owned();
    assert!(html.contains("Onze klachtenfunctionaris helpt u gratis: 0123 98 76 54."));
    assert!(html.contains("Nabestaande"));
}

#[tokio::test]
async fn t16_regulation_page_shows_the_adoption_date_and_version_of_the_version_in_force() {
    let source = klacht_core::profile::builtin_source("template")
        .unwrap()
        .replace("version = \"2025-1\"", "version = \"2026-2\"")
        .replace("adopted_on = 2025-01-01", "adopted_on = 2026-03-15");
    let app = app_with(&source, klacht_core::profile::parse(&source).unwrap()).await;
    let page = app.page("/klachtenregeling", &[]).await;
    let html = page.html();
    assert!(html.contains("Vastgesteld op 15 maart 2026"), "{html}");
    assert!(html.contains("Versie 2026-2"));
    assert!(html.contains("door het bestuur vastgesteld op 15 maart 2026"));
    let page = app
        .page("/klachtenregeling", &[("accept-language", "en")])
        .await;
    assert!(page.html().contains("Adopted on 15 March 2026"));
}

#[tokio::test]
async fn k04_leaflet_has_a_qr_code_and_the_short_link() {
    let app = app("template").await;
    let page = app.page("/klachtenregeling/folder", &[]).await;
    assert_well_formed(&page, "nl");
    let html = page.html();
    assert!(html.contains("<title>Folder klachtenregeling — Stichting Voorbeeld</title>"));
    assert!(
        html.contains("page--leaflet"),
        "the print style keeps it to one page"
    );
    let svg = page.pos("<svg");
    assert!(html[svg..].starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(html[svg..].contains("role=\"img\""));
    assert!(html.contains("<title id=\"qr-title\">QR-code naar http://klacht.test/</title>"));
    assert!(html.contains("<path fill=\"#000\" d=\"M4 4h7v1h-7z"));
    assert!(html.contains(">klacht.test</a>"), "the short link");
    assert!(html.contains("klacht.test/klachtenregeling"));
    assert!(html.contains("Stichting Voorbeeld heeft een klachtenregeling."));
    assert!(html.contains("klachten@voorbeeld.nl"));
    assert!(html.contains("020 123 45 67"));
    assert!(html.contains("Een klacht indienen is gratis."));

    let page = app.page("/klachtenregeling/folder?lang=en", &[]).await;
    assert_well_formed(&page, "en");
    assert!(page.body.contains("QR code linking to http://klacht.test/"));
    assert!(
        page.body
            .contains("Stichting Voorbeeld has a complaints procedure.")
    );
}

#[tokio::test]
async fn stylesheet_is_served_with_print_and_error_styles() {
    let app = app("template").await;
    let page = app.page("/static/site.css", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers[CONTENT_TYPE], "text/css; charset=utf-8");
    assert_eq!(page.headers[CACHE_CONTROL], "public, max-age=3600");
    for rule in [
        "@media print",
        ".error-summary",
        ".form-group--error",
        ".visually-hidden",
        ":focus-visible",
        "min-height: 44px",
    ] {
        assert!(page.body.contains(rule), "{rule}");
    }
}

#[tokio::test]
async fn k9_the_registration_form_stylesheet_is_served_for_a4() {
    let app = app("kjrw").await;
    let page = app.page("/static/print.css", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers[CONTENT_TYPE], "text/css; charset=utf-8");
    assert_eq!(page.headers[CACHE_CONTROL], "public, max-age=3600");
    for rule in ["@page", "size: A4", "@media print", ".visually-hidden"] {
        assert!(page.body.contains(rule), "{rule}");
    }
}

#[tokio::test]
async fn t11_t19_raw_html_in_a_profile_text_is_rendered_inert() {
    let source = klacht_core::profile::builtin_source("template")
        .unwrap()
        .replace(
            "Heeft u een klacht over {{ organisation.name }}? Met dit formulier",
            "<script>alert('intro')</script> Heeft u een klacht? <img src=x onerror=alert(1)> Met dit formulier",
        )
        .replace(
            "## Doelstelling",
            "<script>alert('regeling')</script>\n\n## Doelstelling\n\n[klik](javascript:alert(1))",
        )
        .replace(
            "**Wat doen wij met uw gegevens?**",
            "<iframe src=\"https://evil.example\"></iframe> **Wat doen wij met uw gegevens?**",
        );
    let app = app_with(&source, klacht_core::profile::parse(&source).unwrap()).await;
    for path in ["/", "/klachtenregeling"] {
        let page = app.page(path, &[]).await;
        assert_well_formed(&page, "nl");
        let html = page.html();
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<iframe"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }
    let form = app.page("/", &[]).await;
    assert!(form.body.contains("&lt;script&gt;alert("));
    assert!(form.body.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(form.body.contains("&lt;iframe src="));
    let regulation = app.page("/klachtenregeling", &[]).await;
    assert!(regulation.body.contains("&lt;script&gt;alert("));
    assert!(regulation.body.contains("klik"));
}

#[tokio::test]
async fn t11_a_text_that_does_not_render_is_a_clear_500_page_not_a_panic() {
    let source = klacht_core::profile::builtin_source("template").unwrap();
    let mut profile = klacht_core::profile::parse(source).unwrap();
    profile.texts.regulation.nl = "# Regeling\n\n{{ niet.bestaand }}".into();
    profile.texts.privacy.nl = "{% if %}".into();
    let app = app_with(source, profile).await;
    for path in ["/klachtenregeling", "/"] {
        let page = app.page(path, &[]).await;
        assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        assert!(
            page.body.contains("<h1>Er ging iets mis</h1>"),
            "{}",
            page.body
        );
        assert!(
            page.body.contains("klachten@voorbeeld.nl"),
            "contact details"
        );
    }
    // The English texts still render.
    let page = app
        .page("/klachtenregeling", &[("accept-language", "en")])
        .await;
    assert_eq!(page.status, StatusCode::OK);
}

/// Dutch pages show no English sentence of the catalogue, and English pages no Dutch one.
#[tokio::test]
async fn dutch_pages_show_no_english_and_english_pages_no_dutch() {
    let app = app("template").await;
    for lang in ["nl", "en"] {
        for path in [
            "/",
            "/klachtenregeling",
            "/klachtenregeling/folder",
            "/toegankelijkheid",
            "/jaarverslag",
        ] {
            let page = app.page(&format!("{path}?lang={lang}"), &[]).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            catalogue::assert_only(lang, path, &page.body);
        }
        let empty = app
            .http
            .post(format!("{}/?lang={lang}", app.base))
            .form(&[("name", "")])
            .send()
            .await
            .unwrap();
        catalogue::assert_only(lang, "POST /", &empty.text().await.unwrap());
    }
}

/// The text of `<main>`, tags and line breaks left out, spaces collapsed.
fn main_text(html: &str) -> String {
    let start = html.find("<main").unwrap();
    let end = html.find("</main>").unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#39;", "'")
        .replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The accessibility statement (toegankelijkheidsverklaring), Dutch first and in English: the
/// standard, what is tested, the gaps, and the template profile's organisation as the contact.
#[tokio::test]
async fn accessibility_statement_in_dutch_and_english_names_the_standard_the_tests_and_the_contact()
{
    let app = app("template").await;
    // Dutch without asking.
    let nl = app.page("/toegankelijkheid", &[]).await;
    assert_well_formed(&nl, "nl");
    assert!(
        nl.body
            .contains("<title>Toegankelijkheidsverklaring — Stichting Voorbeeld</title>"),
        "{}",
        nl.body
    );
    let text = main_text(&nl.body);
    for expected in [
        "Toegankelijkheidsverklaring",
        "Stichting Voorbeeld wil dat iedereen deze website kan gebruiken",
        "de openbare pagina's van klacht.test",
        "Web Content Accessibility Guidelines (WCAG) 2.1 op niveau AA",
        "EN 301 549",
        "Deze website voldoet gedeeltelijk aan de eisen.",
        "axe-core",
        "met alleen het toetsenbord ingevuld en verstuurd",
        "geen JavaScript",
        "390 pixels breed",
        "pdf-bestanden en foto's, controleren wij niet op toegankelijkheid",
        "schermlezer",
        "Organisatie Stichting Voorbeeld",
        "E-mail klachten@voorbeeld.nl",
        "Telefoon 020 123 45 67",
        "Deze verklaring is opgesteld op 6 december 2026.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    assert!(nl.body.contains("href=\"mailto:klachten@voorbeeld.nl\""));
    assert!(nl.body.contains("href=\"tel:0201234567\""), "{}", nl.body);
    // The switch leads to the English statement.
    assert!(nl.body.contains("href=\"/toegankelijkheid?lang=en\""));

    let en = app.page("/toegankelijkheid?lang=en", &[]).await;
    assert_well_formed(&en, "en");
    let text = main_text(&en.body);
    for expected in [
        "Accessibility statement",
        "Stichting Voorbeeld wants everyone to be able to use this website",
        "Web Content Accessibility Guidelines (WCAG) 2.1 at level AA",
        "EN 301 549",
        "This website partially meets the requirements.",
        "with the keyboard only",
        "PDF files and photos, are not checked for accessibility",
        "Organisation Stichting Voorbeeld",
        "Email klachten@voorbeeld.nl",
        "Phone 020 123 45 67",
        "This statement was drawn up on 6 December 2026.",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
}

/// Another organisation's statement names that organisation, and leaves out what its profile
/// does not give (kjrw has no phone number).
#[tokio::test]
async fn accessibility_statement_takes_the_contact_from_the_profile_in_force() {
    let app = app("kjrw").await;
    let page = app.page("/toegankelijkheid?lang=nl", &[]).await;
    assert_well_formed(&page, "nl");
    let text = main_text(&page.body);
    assert!(
        text.contains("Organisatie Stichting Kinder- en Jongerenrechtswinkel Leiden"),
        "{text}"
    );
    assert!(text.contains("E-mail bestuur.leiden@kjr.w.eu"), "{text}");
    assert!(!text.contains("Telefoon"), "{text}");
    assert!(!text.contains("Stichting Voorbeeld"), "{text}");
}

/// Every public page links to the accessibility statement from its footer: the form, the
/// thank-you page, the status page, the regulation, the leaflet, the statement itself and the
/// error pages, in both languages.
#[tokio::test]
async fn accessibility_statement_is_linked_from_every_public_pages_footer() {
    let app = app("template").await;
    // A complaint through the form, for the thank-you and status pages (the client follows the
    // redirect to the thank-you page).
    let form = reqwest::multipart::Form::new()
        .text("name", "Sanne de Vries")
        .text("email", "sanne@example.nl")
        .text("phone", "")
        .text(
            "description",
            "De medewerker aan de telefoon was onvriendelijk.",
        )
        .text("privacy_accepted", "yes")
        .text("website", "")
        .text("language", "nl");
    let thanks = app
        .http
        .post(app.url("/"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let thanks_path = thanks.url().path().to_owned();
    assert!(thanks_path.starts_with("/bedankt/"), "{thanks_path}");
    let thanks = Page::read(thanks).await;
    let start = thanks.pos("http://klacht.test/status/") + "http://klacht.test".len();
    let status_path: String = thanks.body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '-' || *c == '_')
        .collect();
    let footer_link = |lang: &str| match lang {
        "nl" => "<li><a href=\"/toegankelijkheid\">Toegankelijkheid</a></li>",
        _ => "<li><a href=\"/toegankelijkheid\">Accessibility</a></li>",
    };
    for lang in ["nl", "en"] {
        for path in [
            "/",
            thanks_path.as_str(),
            status_path.as_str(),
            "/klachtenregeling",
            "/klachtenregeling/folder",
            "/toegankelijkheid",
        ] {
            let page = app.page(&format!("{path}?lang={lang}"), &[]).await;
            assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
            let footer = &page.body[page.pos("<footer")..];
            assert!(
                footer.contains(footer_link(lang)),
                "{path} in {lang}: no link to the statement in the footer:\n{footer}"
            );
        }
        // A status link that does not exist: the page that says so has the footer too.
        let gone = app
            .page(&format!("/status/{}?lang={lang}", "x".repeat(43)), &[])
            .await;
        assert_ne!(gone.status, StatusCode::OK);
        assert!(gone.body.contains(footer_link(lang)), "{}", gone.body);
    }
}
