//! What every page has, on every surface: the layout's data, rendering a template, the error
//! pages, the security headers and the marking of private pages.

use crate::http::i18n::{Ui, ui};
use crate::http::page_error::PageError;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::Request;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, VARY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use klacht_core::{Lang, Localized};

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
    /// The regulation still holds a built-in's example organisation: every page says so.
    pub example: bool,
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
        let loaded = state.regulation();
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
            example: loaded.shows_examples(),
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
        crate::http::i18n::tr(self.other_lang(), "language-name")
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

pub fn tel_href(phone: &str) -> String {
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
/// stored. The cause is logged where the error was made ([`PageError`]).
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
        HeaderValue::from(crate::http::error::RETRY_AFTER_SECS),
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
pub fn failure_page(state: &AppState, lang: Lang, path: &str, e: &PageError) -> Response {
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
pub async fn headers(request: Request, next: Next) -> Response {
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
pub fn private(mut response: Response) -> Response {
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
pub fn text_failed(
    state: &AppState,
    lang: Lang,
    path: &str,
    what: &str,
    error: &klacht_core::texts::TextError,
) -> Response {
    tracing::error!(text = what, error = %error, lang = lang.code(), "a profile text does not render");
    error_page(state, lang, path)
}

/// The Content-Security-Policy of a report's standalone page (the back office's reports, the
/// published annual reports): no script, the report's own inline style only, by its hash.
pub fn report_csp() -> String {
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD
        .encode(sha2::Sha256::digest(klacht_print::report::CSS));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; img-src 'self' data:; form-action 'self'; \
         base-uri 'none'; frame-ancestors 'none'"
    )
}
