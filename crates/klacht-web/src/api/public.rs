//! Submitting a complaint without an account (T2, T19).

use super::dto::{Created, PublicComplaint};
use crate::http::body::Body;
use crate::http::client::ClientAddr;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Submit a complaint. `201` means it is stored durably; the reference identifies it from now on.
#[utoipa::path(
    post,
    path = "/api/v1/public/complaints",
    tag = "public",
    request_body = PublicComplaint,
    responses(
        (status = 201, description = "Stored", body = Created),
        (status = 400, description = "Malformed JSON", body = ErrorBody),
        (status = 413, description = "Too large", body = ErrorBody),
        (status = 415, description = "Not JSON", body = ErrorBody),
        (status = 422, description = "Bad fields, each named; nothing stored", body = ErrorBody),
        (status = 429, description = "Too many submissions from this address; nothing stored. `Retry-After` says after how many seconds to try again", body = ErrorBody),
    )
)]
pub async fn submit(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    Body(c): Body<PublicComplaint>,
) -> Result<(StatusCode, Json<Created>), Response> {
    if let Err(wait) = state.intake.allow(ip) {
        let secs = wait.as_secs().max(1);
        let mut r = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_requests",
            format!("Too many complaints from this address in a short time; try again in {secs} seconds."),
        )
        .nl(format!(
            "Te veel klachten vanaf dit adres in korte tijd; probeer het over {secs} seconden opnieuw."
        ))
        .into_response();
        // Clients that back off by themselves read when to try again here.
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        return Err(r);
    }
    let registered = klacht_app::intake::register_public(&state, &c)
        .await
        .map_err(|e| ApiError::from(e).into_response())?;
    let created = super::complaints::created(&state, registered);
    Ok((StatusCode::CREATED, Json(created)))
}
