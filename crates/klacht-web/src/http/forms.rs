//! Posted forms, for every surface that takes them.

use crate::http::state::AppState;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use axum::response::Response;
use klacht_core::Lang;
use serde::de::DeserializeOwned;

/// A posted form (`application/x-www-form-urlencoded`) as a typed struct; a repeated name (a
/// group of checkboxes) fills a `Vec`. Give every field a default (`Option`, `#[serde(default)]`)
/// so that a missing field reaches the handler, which answers with its page and a message; what
/// cannot be read at all (a body over the limit, a value of the wrong type) gets the page that
/// says the form could not be read (400), never axum's plain-text rejection.
pub struct HtmlForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for HtmlForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let lang = crate::http::lang::choose(request.uri().query(), request.headers());
        let path = request.uri().path().to_owned();
        let bad = |status| crate::http::pages::bad_form_page(state, lang, &path, status);
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|_| bad(StatusCode::PAYLOAD_TOO_LARGE))?;
        read(&bytes).map(HtmlForm).map_err(|e| {
            tracing::info!(error = %e, path, "a form that does not read");
            bad(StatusCode::BAD_REQUEST)
        })
    }
}

/// A posted form is text: one whose body, or what its %-escapes stand for, is not UTF-8 is
/// refused (400, a page that says so) before any handler reads it, instead of being stored with
/// U+FFFD in place of what was sent.
pub async fn text_forms(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, crate::BODY_LIMIT).await else {
        return crate::http::pages::bad_form_page(
            &state,
            Lang::Nl,
            parts.uri.path(),
            StatusCode::PAYLOAD_TOO_LARGE,
        );
    };
    if !form_is_text(&bytes) {
        return crate::http::pages::bad_form_page(
            &state,
            Lang::Nl,
            parts.uri.path(),
            StatusCode::BAD_REQUEST,
        );
    }
    next.run(axum::extract::Request::from_parts(
        parts,
        axum::body::Body::from(bytes),
    ))
    .await
}

/// Whether every name and value of a urlencoded form decodes to UTF-8.
fn form_is_text(body: &[u8]) -> bool {
    std::str::from_utf8(body).is_ok()
        && body.split(|b| *b == b'&').all(|pair| {
            let plain: Vec<u8> = pair
                .iter()
                .map(|b| if *b == b'+' { b' ' } else { *b })
                .collect();
            percent_encoding::percent_decode(&plain)
                .decode_utf8()
                .is_ok()
        })
}

/// Reads a posted form (`application/x-www-form-urlencoded`) into its type. Fields the type
/// does not name are ignored. The form types are `#[serde(default)]`: a field left out reads
/// like one sent empty, and the handler says what is missing in its own words, as for an empty
/// one. A name sent twice for a field taken once is an error.
pub fn read<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, serde_html_form::de::Error> {
    serde_html_form::from_bytes(body)
}

/// A text field of a posted form, trimmed. Empty is "not given" ([`Text::given`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(String);

impl Text {
    /// [`Text::get`] as an owned value, for the requests that own their fields.
    pub fn given(&self) -> Option<String> {
        (!self.0.is_empty()).then(|| self.0.clone())
    }

    /// The text, trimmed; `None` when nothing was typed.
    pub fn get(&self) -> Option<&str> {
        (!self.0.is_empty()).then_some(self.0.as_str())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text(s.trim().to_owned())
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Text::from(s.as_str()))
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

// The templates compare a field with the options they offer.
impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

/// A checkbox: ticked when it was sent with a value (a browser sends nothing for one that is
/// not ticked). Use with `#[serde(default, deserialize_with = "checkbox")]`.
pub fn checkbox<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    use serde::Deserialize;
    Ok(!String::deserialize(d)?.trim().is_empty())
}

/// Checkboxes of one name: the values ticked, trimmed, empty ones left out. Use with
/// `#[serde(default, deserialize_with = "ticked")]`.
pub fn ticked<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde::Deserialize;
    Ok(Vec::<String>::deserialize(d)?
        .iter()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect())
}
