//! `GET /klachtenregeling`: the regulation in force, rendered from the active profile, so what is
//! published is what the system enforces (T11, T16). `GET /klachtenregeling/folder`: a one-page
//! leaflet to hand out, with a short link and a QR code (K4).

use super::i18n::fill;

use super::{ChannelView, Page, Ui, channel_views, error_page, html, short_link, text_failed};
use super::{PageLang, text_lang, ui};
use crate::http::markdown;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Path as UrlPath, State};
use axum::http::StatusCode;
use axum::response::Response;
use klacht_core::profile::versions::{self, Validity};
use klacht_core::texts::{long_date, public_text};
use klacht_core::{Lang, Profile};
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
    /// On an earlier, later or replaced version: which it is, and the way to the one in force.
    notice: Option<String>,
}

/// `GET /klachtenregeling`.
pub async fn show(State(state): State<AppState>, PageLang(lang): PageLang) -> Response {
    let loaded = state.regulation();
    render(&state, lang, "/klachtenregeling", &loaded.profile, None)
}

fn render(
    state: &AppState,
    lang: Lang,
    path: &str,
    profile: &Profile,
    notice: Option<String>,
) -> Response {
    let t = ui(lang);
    let text = match public_text(
        profile,
        &profile.texts.regulation,
        lang,
        &state.settings.public_url,
    ) {
        Ok(text) => text,
        Err(e) => return text_failed(state, lang, path, "regulation", &e),
    };
    let (heading, body_html) = markdown::split_title(&text, HeadingLevel::H2);
    let title = profile.title.get(lang).to_owned();
    let template = RegulationPage {
        page: Page::new(state, lang, path, title.clone()),
        ui: t,
        heading: heading.filter(|h| !h.is_empty()).unwrap_or(title),
        body_html,
        text_lang: text_lang(&profile.texts.regulation, lang),
        adopted: fill(
            t.adopted_on,
            &[("date", &long_date(profile.adopted_on, lang))],
        ),
        version: fill(t.version, &[("version", &profile.version)]),
        notice,
    };
    html(StatusCode::OK, &template)
}

/// A row of the list of versions.
struct VersionLine {
    href: String,
    version: String,
    from: String,
    until: String,
    status: &'static str,
}

#[derive(Template)]
#[template(path = "versions.html")]
struct VersionsPage {
    page: Page,
    ui: &'static Ui,
    versions: Vec<VersionLine>,
}

/// `GET /klachtenregeling/versies`: every adopted version, the latest first, with the days it is
/// (or was, or will be) in force (T16).
pub async fn versions(State(state): State<AppState>, PageLang(lang): PageLang) -> Response {
    const PATH: &str = "/klachtenregeling/versies";
    let t = ui(lang);
    let list = match klacht_app::regulation::list(&state, false).await {
        Ok(list) => list,
        Err(e) => {
            tracing::error!(error = %klacht_app::with_sources(&e), "the regulation's versions could not be read");
            return error_page(&state, lang, PATH);
        }
    };
    let today = klacht_core::calendar::amsterdam_date(state.clock.now());
    let mut versions: Vec<VersionLine> = list
        .iter()
        .map(|v| {
            let (from, until, status) = match v.validity {
                Some(Validity::From { from, until }) => (
                    long_date(from, lang),
                    until
                        .and_then(versions::last_day)
                        .map(|d| long_date(d, lang))
                        .unwrap_or_default(),
                    if v.in_force {
                        t.versions_now
                    } else if from > today {
                        t.versions_future
                    } else {
                        t.versions_past
                    },
                ),
                _ => (
                    long_date(v.row.adopted_on, lang),
                    String::new(),
                    t.versions_replaced,
                ),
            };
            VersionLine {
                href: format!("{PATH}/{}", v.row.id),
                version: v.row.version.clone(),
                from,
                until,
                status,
            }
        })
        .collect();
    versions.reverse();
    let template = VersionsPage {
        page: Page::new(&state, lang, PATH, t.versions_title),
        ui: t,
        versions,
    };
    html(StatusCode::OK, &template)
}

/// `GET /klachtenregeling/versies/{id}`: one adopted version, as the regulation page shows the
/// one in force, saying when it was (or will be) in force.
pub async fn version(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    UrlPath(id): UrlPath<String>,
) -> Response {
    let path = format!("/klachtenregeling/versies/{id}");
    let Ok(id) = id.parse::<i64>() else {
        return super::submit::not_found(&state, lang);
    };
    let t = ui(lang);
    let version = match klacht_app::regulation::list(&state, false).await {
        Ok(list) => list.into_iter().find(|v| v.row.id == id),
        Err(e) => {
            tracing::error!(error = %klacht_app::with_sources(&e), "the regulation's versions could not be read");
            return error_page(&state, lang, &path);
        }
    };
    let Some(version) = version else {
        return super::submit::not_found(&state, lang);
    };
    let loaded = match state.profiles.get(&state.store, id).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(error = %klacht_app::with_sources(&e), id, "a version of the regulation could not be read");
            return error_page(&state, lang, &path);
        }
    };
    let today = klacht_core::calendar::amsterdam_date(state.clock.now());
    let notice = match version.validity {
        _ if version.in_force => None,
        Some(Validity::From { from, .. }) if from > today => Some(fill(
            t.version_notice_future,
            &[("from", &long_date(from, lang))],
        )),
        Some(Validity::From { from, until }) => Some(fill(
            t.version_notice_past,
            &[
                ("from", &long_date(from, lang)),
                (
                    "until",
                    &until
                        .and_then(versions::last_day)
                        .map(|d| long_date(d, lang))
                        .unwrap_or_default(),
                ),
            ],
        )),
        _ => Some(t.version_notice_replaced.to_owned()),
    };
    render(&state, lang, &path, &loaded.profile, notice)
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
