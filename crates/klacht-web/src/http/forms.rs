//! Posted forms, for every surface that takes them.

use crate::http::state::AppState;
use axum::http::{StatusCode, header};
use axum::response::Response;
use klacht_core::Lang;

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
