//! `GET /klachtenregeling`: the regulation in force, rendered from the active profile, so what is
//! published is what the system enforces (T11, T16). `GET /klachtenregeling/folder`: a one-page
//! leaflet to hand out, with a short link and a QR code (K4).

use super::i18n::fill;

use super::markdown;
use super::{ChannelView, Page, Ui, channel_views, error_page, html, short_link, text_failed};
use super::{PageLang, text_lang, ui};
use crate::http::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use klacht_core::texts::{long_date, public_text};
use klacht_print::qr::Qr;
use pulldown_cmark::HeadingLevel;

#[derive(Template)]
#[template(path = "regulation.html")]
struct RegulationPage {
    page: Page,
    ui: &'static Ui,
    heading: String,
    body_html: String,
    text_lang: &'static str,
    adopted: String,
    version: String,
}

/// `GET /klachtenregeling`.
pub async fn show(State(state): State<AppState>, PageLang(lang): PageLang) -> Response {
    const PATH: &str = "/klachtenregeling";
    let loaded = state.profiles.active();
    let profile = &loaded.profile;
    let t = ui(lang);
    let text = match public_text(
        profile,
        &profile.texts.regulation,
        lang,
        &state.settings.public_url,
    ) {
        Ok(text) => text,
        Err(e) => return text_failed(&state, lang, PATH, "regulation", &e),
    };
    let (heading, body_html) = markdown::split_title(&text, HeadingLevel::H2);
    let title = profile.title.get(lang).to_owned();
    let template = RegulationPage {
        page: Page::new(&state, lang, PATH, title.clone()),
        ui: t,
        heading: heading.filter(|h| !h.is_empty()).unwrap_or(title),
        body_html,
        text_lang: text_lang(&profile.texts.regulation, lang),
        adopted: fill(
            t.adopted_on,
            &[("date", &long_date(profile.adopted_on, lang))],
        ),
        version: fill(t.version, &[("version", &profile.version)]),
    };
    html(StatusCode::OK, &template)
}

#[derive(Template)]
#[template(path = "leaflet.html")]
struct LeafletPage {
    page: Page,
    ui: &'static Ui,
    has_regulation: String,
    channels: Vec<ChannelView>,
    form_url: String,
    short_link: String,
    regulation_link: String,
    qr: Qr,
}

/// `GET /klachtenregeling/folder`.
pub async fn leaflet(State(state): State<AppState>, PageLang(lang): PageLang) -> Response {
    const PATH: &str = "/klachtenregeling/folder";
    let t = ui(lang);
    let page = Page::new(&state, lang, PATH, t.leaflet_title);
    let form_url = format!("{}/", state.settings.public_url);
    let qr = match Qr::new(&form_url) {
        Ok(qr) => qr,
        Err(e) => {
            tracing::error!(error = %e, url = form_url, "no QR code for the public URL");
            return error_page(&state, lang, PATH);
        }
    };
    let short = short_link(&state.settings.public_url);
    let template = LeafletPage {
        has_regulation: fill(
            t.leaflet_has_regulation,
            &[("organisation", &page.org_name)],
        ),
        page,
        ui: t,
        channels: channel_views(&state, lang, true),
        form_url,
        regulation_link: format!("{short}/klachtenregeling"),
        short_link: short,
        qr,
    };
    html(StatusCode::OK, &template)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_qr_code_is_a_square_of_unit_runs() {
        let qr = Qr::new("https://klachten.voorbeeld.nl/").expect("encodes");
        assert!(qr.size >= 29, "{}", qr.size);
        assert!(qr.path.starts_with("M4 4h7v1h-7z"), "{}", &qr.path[..40]);
        assert!(
            qr.path
                .chars()
                .all(|c| c.is_ascii_digit() || "Mhvz -".contains(c))
        );
    }
}
