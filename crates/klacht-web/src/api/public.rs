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
use klacht_core::Channel;
use klacht_core::procedure::{Complainant, NewComplaint};

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
    let now = state.clock.now();
    let new = NewComplaint {
        channel: Channel::Web,
        received_at: now,
        received_by: None,
        received_where: None,
        concerns: None,
        relation: c.relation.clone(),
        complainant: complainant(&c),
        on_behalf_of: c.on_behalf_of.clone(),
        description: c.description.clone().unwrap_or_default(),
        language: lang(c.language.as_deref()),
        resolved_directly: None,
        documents: Vec::new(),
    };
    let created = super::complaints::create(&state, None, new)
        .await
        .map_err(IntoResponse::into_response)?;
    Ok((StatusCode::CREATED, Json(created)))
}

pub(crate) fn lang(l: Option<&str>) -> klacht_core::Lang {
    l.and_then(klacht_core::Lang::parse).unwrap_or_default()
}

pub(crate) fn complainant(c: &PublicComplaint) -> Complainant {
    let clean = |o: &Option<String>| {
        o.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    Complainant {
        name: c.name.as_deref().unwrap_or_default().trim().to_owned(),
        email: clean(&c.email),
        phone: clean(&c.phone),
        address: clean(&c.address),
        date_of_birth: c.date_of_birth,
    }
}
