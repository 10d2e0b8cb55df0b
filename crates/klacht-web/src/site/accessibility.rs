//! `GET /toegankelijkheid`: the accessibility statement (toegankelijkheidsverklaring) of the
//! public pages, in the form Dutch public bodies publish one: the standard (WCAG 2.1 AA, as
//! EN 301 549 asks), how far the pages meet it, what is tested and how, what is not, and whom to
//! tell about a problem — the organisation of the profile in force, with its e-mail address and
//! phone number.
//!
//! What the statement says was tested is what klacht-web's tests do (`tests/it/site.rs`,
//! `tests/it/browser_public.rs`): change one, and the other with it.

use super::i18n::{Tmpl, fill, tmpl, tr};
use super::{Page, PageLang, Ui, html, ui};
use crate::http::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::{Date, date};
use klacht_core::Lang;
use klacht_core::texts::long_date;
use std::sync::LazyLock;

/// The path of the statement.
pub const PATH: &str = "/toegankelijkheid";

/// The day this statement was drawn up: when what it says was last checked against the tests.
/// Move it on whenever the statement or the tests it describes change.
pub const STATEMENT_DATE: Date = date(2026, 12, 6);

/// Every string of the statement in one language.
#[derive(Debug)]
pub struct AccessibilityTexts {
    pub title: &'static str,
    /// `{organisation}`, `{site}`.
    pub intro: Tmpl,
    pub standard_heading: &'static str,
    pub standard_text: &'static str,
    pub status_heading: &'static str,
    pub status_text: &'static str,
    pub tested_heading: &'static str,
    pub tested_intro: &'static str,
    pub tested_axe: &'static str,
    pub tested_keyboard: &'static str,
    pub tested_no_javascript: &'static str,
    pub tested_phone: &'static str,
    pub tested_language: &'static str,
    pub gaps_heading: &'static str,
    pub gaps_documents: &'static str,
    /// `{organisation}`.
    pub gaps_texts: Tmpl,
    pub gaps_people: &'static str,
    pub gaps_zoom: &'static str,
    pub gaps_automatic: &'static str,
    pub contact_heading: &'static str,
    pub contact_text: &'static str,
    pub contact_organisation: &'static str,
    pub contact_complaint: &'static str,
    /// `{date}`.
    pub date: Tmpl,
}

fn load(lang: Lang) -> AccessibilityTexts {
    AccessibilityTexts {
        title: tr(lang, "accessibility-title"),
        intro: tmpl(lang, "accessibility-intro"),
        standard_heading: tr(lang, "accessibility-standard-heading"),
        standard_text: tr(lang, "accessibility-standard-text"),
        status_heading: tr(lang, "accessibility-status-heading"),
        status_text: tr(lang, "accessibility-status-text"),
        tested_heading: tr(lang, "accessibility-tested-heading"),
        tested_intro: tr(lang, "accessibility-tested-intro"),
        tested_axe: tr(lang, "accessibility-tested-axe"),
        tested_keyboard: tr(lang, "accessibility-tested-keyboard"),
        tested_no_javascript: tr(lang, "accessibility-tested-no-javascript"),
        tested_phone: tr(lang, "accessibility-tested-phone"),
        tested_language: tr(lang, "accessibility-tested-language"),
        gaps_heading: tr(lang, "accessibility-gaps-heading"),
        gaps_documents: tr(lang, "accessibility-gaps-documents"),
        gaps_texts: tmpl(lang, "accessibility-gaps-texts"),
        gaps_people: tr(lang, "accessibility-gaps-people"),
        gaps_zoom: tr(lang, "accessibility-gaps-zoom"),
        gaps_automatic: tr(lang, "accessibility-gaps-automatic"),
        contact_heading: tr(lang, "accessibility-contact-heading"),
        contact_text: tr(lang, "accessibility-contact-text"),
        contact_organisation: tr(lang, "accessibility-contact-organisation"),
        contact_complaint: tr(lang, "accessibility-contact-complaint"),
        date: tmpl(lang, "accessibility-date"),
    }
}

static NL: LazyLock<AccessibilityTexts> =
    LazyLock::new(|| crate::http::i18n::in_voice(false, || load(Lang::Nl)));
/// Dutch with "je" (a regulation with `texts.informal`).
static NL_JE: LazyLock<AccessibilityTexts> =
    LazyLock::new(|| crate::http::i18n::in_voice(true, || load(Lang::Nl)));
static EN: LazyLock<AccessibilityTexts> =
    LazyLock::new(|| crate::http::i18n::in_voice(false, || load(Lang::En)));

fn texts(lang: Lang) -> &'static AccessibilityTexts {
    match (lang, crate::http::i18n::informal()) {
        (Lang::Nl, false) => &NL,
        (Lang::Nl, true) => &NL_JE,
        (Lang::En, _) => &EN,
    }
}

#[derive(Template)]
#[template(path = "accessibility.html")]
struct AccessibilityPage {
    page: Page,
    ui: &'static Ui,
    t: &'static AccessibilityTexts,
    intro: String,
    gaps_texts: String,
    date: String,
}

/// `GET /toegankelijkheid`.
pub async fn show(State(state): State<AppState>, PageLang(lang): PageLang) -> Response {
    let t = texts(lang);
    let page = Page::new(&state, lang, PATH, t.title);
    let site = super::short_link(&state.settings.public_url);
    let template = AccessibilityPage {
        intro: fill(
            t.intro,
            &[("organisation", &page.org_name), ("site", &site)],
        ),
        gaps_texts: fill(t.gaps_texts, &[("organisation", &page.org_name)]),
        date: fill(t.date, &[("date", &long_date(STATEMENT_DATE, lang))]),
        page,
        ui: ui(lang),
        t,
    };
    html(StatusCode::OK, &template)
}
