//! The public site: server-rendered HTML (askama), no JavaScript, Dutch first with English.
//!
//! Every page template embeds a [`Page`] (`templates/base.html` reads it) and takes its strings
//! from [`i18n::ui`]. The language comes from the [`PageLang`] extractor.

pub mod accessibility;
pub mod annual;
mod assets;
pub mod form;
pub(crate) mod regulation;
pub mod status;
pub mod submit;

// For the pages that post back to the form and the complainant's status pages.
pub(crate) use crate::http::i18n::{self, Ui, ui};
pub(crate) use crate::http::lang::{self, PageLang};
pub(crate) use crate::http::pages::{
    Page, error_page, failure_page, headers, html, private, tel_href, text_failed, text_lang,
};
#[allow(unused_imports)]
pub use form::{FormProblem, FormValues, KeptFile, render_form};

use crate::http::state::AppState;
use axum::Router;
use axum::middleware::from_fn;
use axum::routing::get;
use klacht_core::Lang;

/// The public site's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(form::show).post(submit::submit))
        .route("/bedankt/{token}", get(submit::thanks))
        .route("/klachtenregeling", get(regulation::show))
        .route("/klachtenregeling/folder", get(regulation::leaflet))
        .route("/klachtenregeling/versies", get(regulation::versions))
        .route("/klachtenregeling/versies/{id}", get(regulation::version))
        .route(accessibility::PATH, get(accessibility::show))
        .route(annual::PATH, get(annual::index))
        .route("/jaarverslag/{year}", get(annual::show))
        .route("/static/site.css", get(assets::css))
        .route("/static/beheer.css", get(assets::desk_css))
        .route("/static/print.css", get(assets::print_css))
        .merge(status::routes())
        .layer(from_fn(headers))
        .layer(from_fn(lang::remember))
}

/// One way to complain, as the form page and the leaflet list it.
#[derive(Debug, Clone)]
pub struct ChannelView {
    pub label: String,
    /// How to use it: an address, a phone number, the short link.
    pub contact: Option<String>,
    /// `mailto:`, `tel:` or the form's address, where the contact is one.
    pub href: Option<String>,
}

/// The profile's channels in `lang`, with their contact details (the organisation's own email,
/// phone and address where the channel names none). A channel nobody could use from the page
/// (social media or a letter without an address) is left out. The web form itself only with
/// `with_web`, showing the short link.
pub(crate) fn channel_views(state: &AppState, lang: Lang, with_web: bool) -> Vec<ChannelView> {
    use klacht_core::Channel;
    let loaded = state.regulation();
    let profile = &loaded.profile;
    let o = &profile.organisation;
    let given = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
    profile
        .channels
        .iter()
        .filter_map(|c| {
            let own = given(&c.contact);
            let (contact, href) = match c.id {
                Channel::Web if with_web => (
                    Some(short_link(&state.settings.public_url)),
                    Some(format!("{}/", state.settings.public_url)),
                ),
                Channel::Web => return None,
                Channel::Email => {
                    let email = own.or_else(|| given(&o.email))?;
                    let href = format!("mailto:{email}");
                    (Some(email), Some(href))
                }
                Channel::Phone => {
                    let phone = own.or_else(|| given(&o.phone))?;
                    let href = tel_href(&phone);
                    (Some(phone), Some(href))
                }
                Channel::Letter => {
                    let address =
                        own.or_else(|| given(&o.address).map(|a| format!("{}, {a}", o.name)))?;
                    (Some(address), None)
                }
                Channel::InPerson => (own, None),
                Channel::SocialMedia => (Some(own?), None),
            };
            Some(ChannelView {
                label: c.label.get(lang).to_owned(),
                contact,
                href,
            })
        })
        .collect()
}

/// The public URL as people type it: without `https://` (`klachten.voorbeeld.nl`).
pub fn short_link(public_url: &str) -> String {
    let url = public_url
        .strip_prefix("https://")
        .or_else(|| public_url.strip_prefix("http://"))
        .unwrap_or(public_url);
    url.trim_end_matches('/').to_owned()
}
