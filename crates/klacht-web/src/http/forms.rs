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
        serde_html_form::from_bytes(&bytes)
            .map(HtmlForm)
            .map_err(|e| {
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
