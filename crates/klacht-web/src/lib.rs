//! HTTP for klacht: thin handlers that parse and authorise a request, call the procedure engine
//! through the store, and render. The JSON API lives under `/api/v1` and is described by an
//! OpenAPI document generated from the same code.

mod api;
pub mod auth;
mod beheer;
mod body;
pub mod calendar;
pub mod documents;
mod error;
mod follow;
pub mod notices;
pub mod print;
pub mod reminders;
pub mod reports_view;
mod site;
mod state;

pub use auth::password;
pub use beheer::login::{PASSWORD_LINK_DAYS, first_start_link, password_link};
pub use beheer::users::notify_second_factor_reset;
pub use error::ApiError;
pub use state::{AppState, Clock, FixedClock, Profiles, Settings, SystemClock};

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::routing::get;
use tower_http::trace::TraceLayer;

/// The largest request body accepted (attachments travel base64-encoded in JSON).
pub const BODY_LIMIT: usize = 16 * 1024 * 1024;

/// The whole application.
pub fn router(state: AppState) -> Router {
    let (api, openapi) = api::router(&state.settings.cors_origins).split_for_parts();
    let openapi = std::sync::Arc::new(openapi);
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let doc = openapi.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .merge(api)
        .merge(beheer::router())
        .merge(calendar::routes())
        .merge(
            // The form and the status page take attachments: their own, larger limit.
            site::router().layer(DefaultBodyLimit::max(
                state
                    .settings
                    .max_attachments
                    .saturating_mul(state.settings.max_attachment_bytes)
                    .saturating_add(1024 * 1024),
            )),
        )
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The OpenAPI description of the JSON API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::router(&[]).into_openapi()
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "database not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
