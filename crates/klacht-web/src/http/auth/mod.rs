//! Who is asking: a staff member with an API token (`Authorization: Bearer …`) or a back-office
//! session (cookie, plus the `X-CSRF-Token` header on anything that changes data).

pub use klacht_app::accounts::{password, throttle, totp};
pub mod session;

use crate::http::error::ApiError;
use crate::http::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use klacht_store::User;

/// The signed-in staff member.
pub struct CurrentUser(pub User);

/// The header that carries the session's CSRF token when the API is used with the session.
pub const CSRF_HEADER: &str = "x-csrf-token";

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let unauthorized = |msg: &str, nl: &str| {
            ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", msg).nl(nl)
        };
        let Some(header) = parts.headers.get(axum::http::header::AUTHORIZATION) else {
            return from_session(parts, state).await?.ok_or_else(|| {
                unauthorized(
                    "Sign in: send Authorization: Bearer TOKEN (from `klacht token create`), or use the back-office session.",
                    "Log in: stuur Authorization: Bearer TOKEN (van `klacht token create`), of gebruik de sessie van de backoffice.",
                )
            });
        };
        let token = header
            .to_str()
            .ok()
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty() && t.len() <= 200)
            .ok_or_else(|| {
                unauthorized(
                    "The Authorization header must be `Bearer TOKEN`.",
                    "De Authorization-header moet `Bearer TOKEN` zijn.",
                )
            })?;
        match state.store.user_by_token(token).await? {
            Some(user) => Ok(CurrentUser(user)),
            None => Err(unauthorized(
                "This token is not valid (unknown or revoked).",
                "Dit token is niet geldig (onbekend of ingetrokken).",
            )),
        }
    }
}

/// The user of a complete back-office session, if the request has one. Requests that change
/// data must carry the session's CSRF token in `X-CSRF-Token`.
async fn from_session(parts: &Parts, state: &AppState) -> Result<Option<CurrentUser>, ApiError> {
    let Some(token) = session::token(&parts.headers, &state.settings) else {
        return Ok(None);
    };
    let Some(s) = klacht_app::accounts::sessions::current(state, &token)
        .await?
        .filter(|s| !s.pending_totp)
    else {
        return Ok(None);
    };
    // The back office sends whoever must have a second factor and has none to set one up before
    // anything else; the API with the same session holds them to it too. (A bearer token is made
    // by the operator for a program and is not held to it.)
    let profile = state.regulation();
    if !s.user.totp && profile.profile.roles.needs_second_factor(&s.user.roles) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "second_factor_required",
            "Set up your second factor first: in the back office at /beheer/account/tweede-factor. Until then the API does not serve this session.",
        )
        .nl("Stel eerst uw tweede factor in: in de backoffice op /beheer/account/tweede-factor. Tot dan bedient de API deze sessie niet."));
    }
    let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        let sent = parts
            .headers
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if !session::same_secret(sent, &s.csrf) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "csrf",
                "With the back-office session, send the page's CSRF token in the X-CSRF-Token header.",
            )
            .nl("Stuur bij de sessie van de backoffice het CSRF-token van de pagina mee in de header X-CSRF-Token."));
        }
    }
    Ok(Some(CurrentUser(s.user)))
}
