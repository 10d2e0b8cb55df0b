//! Who is asking: a staff member with an API token (`Authorization: Bearer …`).

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use klacht_store::User;

/// The signed-in staff member.
pub struct CurrentUser(pub User);

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let unauthorized = |msg: &str, nl: &str| {
            ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", msg).nl(nl)
        };
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .ok_or_else(|| {
                unauthorized(
                    "Sign in: send Authorization: Bearer TOKEN (from `klacht token create`).",
                    "Log in: stuur Authorization: Bearer TOKEN (van `klacht token create`).",
                )
            })?;
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
