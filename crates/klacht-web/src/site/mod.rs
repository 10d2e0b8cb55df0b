//! The public site: server-rendered HTML (askama), no JavaScript, Dutch first with English.
//!
//! Every page template embeds a [`Page`] (`templates/base.html` reads it) and takes its strings
//! from [`i18n::ui`]. The language comes from the [`PageLang`] extractor.

mod assets;
pub mod form;
pub mod i18n;
pub mod lang;
pub mod markdown;
pub(crate) mod regulation;
pub mod status;
pub mod submit;

// For the pages that post back to the form and the complainant's status pages.
#[allow(unused_imports)]
pub use form::{FormProblem, FormValues, KeptFile, render_form};
pub use i18n::{Ui, ui};
pub use lang::PageLang;

use crate::error::ApiError;
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::Request;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, VARY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{Next, from_fn};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use klacht_core::{Lang, Localized};

/// The public site's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(form::show).post(submit::submit))
        .route("/bedankt/{token}", get(submit::thanks))
        .route("/klachtenregeling", get(regulation::show))
        .route("/klachtenregeling/folder", get(regulation::leaflet))
        .route("/static/site.css", get(assets::css))
        .route("/static/beheer.css", get(assets::desk_css))
        .route("/static/print.css", get(assets::print_css))
        .merge(status::routes())
        .layer(from_fn(headers))
        .layer(from_fn(lang::remember))
}

/// What every page shows around its content: the layout's data.
#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    pub ui: &'static Ui,
    pub org_name: String,
    /// The path of this page, for the language switch (`/`, `/klachtenregeling`, …).
    pub path: String,
    /// The page's own title, without the organisation.
    pub title: String,
    /// Prefixes the `<title>` with "Fout: " / "Error: ".
    pub has_errors: bool,
    /// The organisation's contact details, for the footer.
    pub contact: Contact,
}

/// The organisation's contact details as the footer shows them.
#[derive(Debug, Clone, Default)]
pub struct Contact {
    pub email: Option<String>,
    pub phone: Option<String>,
    /// `tel:` address of `phone` (digits and `+` only).
    pub phone_href: Option<String>,
    pub address: Option<String>,
    pub website: Option<String>,
}

impl Page {
    /// A page at `path` titled `title`, for the active profile's organisation.
    pub fn new(state: &AppState, lang: Lang, path: &str, title: impl Into<String>) -> Page {
        let loaded = state.profiles.active();
        let o = &loaded.profile.organisation;
        let nonempty = |s: &Option<String>| s.clone().filter(|s| !s.trim().is_empty());
        let phone = nonempty(&o.phone);
        Page {
            lang,
            ui: ui(lang),
            org_name: o.name.clone(),
            path: path.to_owned(),
            title: title.into(),
            has_errors: false,
            contact: Contact {
                email: nonempty(&o.email),
                phone_href: phone.as_deref().map(tel_href),
                phone,
                address: nonempty(&o.address),
                website: nonempty(&o.website).filter(|w| w.starts_with("http")),
            },
        }
    }

    /// The same page, marked as showing errors (or not).
    pub fn with_errors(mut self, has_errors: bool) -> Page {
        self.has_errors = has_errors;
        self
    }

    /// `nl` / `en`, for `<html lang>`.
    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// The text of `<title>`: "Fout: Een klacht indienen — Stichting Voorbeeld".
    pub fn full_title(&self) -> String {
        let prefix = if self.has_errors {
            self.ui.error_title_prefix
        } else {
            ""
        };
        format!("{prefix}{} — {}", self.title, self.org_name)
    }

    /// The language the switch offers.
    pub fn other_lang(&self) -> Lang {
        match self.lang {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    /// The switch's text, in the language it switches to.
    pub fn other_lang_name(&self) -> &'static str {
        match self.other_lang() {
            Lang::Nl => "Nederlands",
            Lang::En => "English",
        }
    }

    /// This page in the other language.
    pub fn switch_href(&self) -> String {
        format!("{}?lang={}", self.path, self.other_lang().code())
    }
}

/// `lang` as the `lang` attribute of a profile text: Dutch when the text has no English version.
pub fn text_lang(text: &Localized, lang: Lang) -> &'static str {
    match (lang, &text.en) {
        (Lang::En, Some(_)) => "en",
        _ => "nl",
    }
}

fn tel_href(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    format!("tel:{digits}")
}

/// `template` rendered as a page with `status`; a template that fails to render is logged and
/// answered with a plain 500 page (never a panic).
pub fn html<T: Template>(status: StatusCode, template: &T) -> Response {
    match template.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "a page template failed to render");
            bare_error()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Page,
    title: &'static str,
    text: &'static str,
}

/// The "something went wrong" page (500), in the page's language, with the organisation's
/// contact details. Log the cause before calling this.
pub fn error_page(state: &AppState, lang: Lang, path: &str) -> Response {
    let t = ui(lang);
    let page = Page::new(state, lang, path, t.error_page_title);
    html(
        StatusCode::INTERNAL_SERVER_ERROR,
        &ErrorPage {
            page,
            title: t.error_page_title,
            text: t.error_page_text,
        },
    )
}

/// The database cannot take the request now: `503` with `Retry-After`, saying that nothing was
/// stored. The cause is logged where the error was made ([`ApiError::unavailable`]).
pub fn unavailable_page(state: &AppState, lang: Lang, path: &str) -> Response {
    let t = ui(lang);
    let page = Page::new(state, lang, path, t.unavailable_title);
    let mut r = html(
        StatusCode::SERVICE_UNAVAILABLE,
        &ErrorPage {
            page,
            title: t.unavailable_title,
            text: t.unavailable_text,
        },
    );
    r.headers_mut().insert(
        axum::http::header::RETRY_AFTER,
        HeaderValue::from(crate::error::RETRY_AFTER_SECS),
    );
    r
}

/// A form that could not be read (not text, or too large): nothing was stored.
pub fn bad_form_page(state: &AppState, lang: Lang, path: &str, status: StatusCode) -> Response {
    let t = ui(lang);
    let page = Page::new(state, lang, path, t.bad_form_title);
    html(
        status,
        &ErrorPage {
            page,
            title: t.bad_form_title,
            text: t.bad_form_text,
        },
    )
}

/// The page for an error: [`unavailable_page`] when the database cannot take the request,
/// else [`error_page`].
pub fn failure_page(state: &AppState, lang: Lang, path: &str, e: &ApiError) -> Response {
    if e.is_unavailable() {
        unavailable_page(state, lang, path)
    } else {
        error_page(state, lang, path)
    }
}

/// The last resort when even the error page does not render.
fn bare_error() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Html(
            "<!doctype html><html lang=\"nl\"><meta charset=\"utf-8\"><title>Er ging iets mis</title>\
             <h1>Er ging iets mis</h1><p>Probeer het later nog eens.</p>\
             <p lang=\"en\">Something went wrong. Please try again later.</p></html>",
        ),
    )
        .into_response()
}

/// Security and caching headers for every page of the public site. No page runs script; forms
/// post only to this site; the referrer never leaves it (status links carry a secret).
async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, name, value: &'static str| {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    };
    set(
        h,
        CONTENT_SECURITY_POLICY,
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
         base-uri 'none'; frame-ancestors 'none'",
    );
    set(h, X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, X_FRAME_OPTIONS, "DENY");
    set(h, REFERRER_POLICY, "same-origin");
    let is_html = h
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html {
        // The language follows the cookie and Accept-Language; pages may hold what was typed.
        set(h, VARY, "Accept-Language, Cookie");
        set(h, CACHE_CONTROL, "no-store");
    }
    response
}

/// A page whose address holds the complainant's secret (status and thank-you pages): never
/// indexed, never cached, and its address never sent on as a referrer.
pub(crate) fn private(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(
        axum::http::HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex"),
    );
    h.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A profile text that does not render: logged, and answered with the error page.
pub(crate) fn text_failed(
    state: &AppState,
    lang: Lang,
    path: &str,
    what: &str,
    error: &klacht_core::texts::TextError,
) -> Response {
    tracing::error!(text = what, error = %error, lang = lang.code(), "a profile text does not render");
    error_page(state, lang, path)
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
    let loaded = state.profiles.active();
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
