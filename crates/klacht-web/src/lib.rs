//! HTTP for klacht: thin handlers that parse and authorise a request, call the application
//! layer (`klacht_app`), and render. The JSON API lives under `/api/v1` and is described by an
//! OpenAPI document generated from the same code.

// The surfaces: each uses `http` and `klacht_app`, never another surface (.ci/run checks).
mod api;
mod backoffice;
pub mod feeds;
mod site;

pub mod http;

// Property-based fuzzing of the crate's internal parsers (tests only).
#[cfg(test)]
mod fuzz;

pub use http::auth::{self, password};
pub use http::error::ApiError;
pub use http::health;
pub use http::server::serve;
pub use http::state::{App, AppState, Clock, FixedClock, Profiles, Settings, SystemClock};
pub use klacht_app::accounts::first_start_link;
pub use klacht_app::{documents, follow, notices, reminders};

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use tower_http::trace::TraceLayer;

/// The largest request body accepted (attachments travel base64-encoded in JSON).
pub const BODY_LIMIT: usize = 16 * 1024 * 1024;

/// The layers of the pages people read (the public site and the back office): forms read as
/// text, and the texts in the voice of the regulation in force.
fn pages(router: Router<AppState>, state: &AppState) -> Router<AppState> {
    router
        .layer(from_fn_with_state(state.clone(), http::forms::text_forms))
        .layer(from_fn_with_state(state.clone(), http::i18n::voice))
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let (api, openapi) = api::router(&state.settings.cors_origins).split_for_parts();
    let api = api.layer(axum::middleware::from_fn(api::json_errors));
    let openapi = std::sync::Arc::new(openapi);
    let timing = http::server::BodyTiming {
        timeout: state.settings.body_timeout,
        min_rate: state.settings.body_min_rate,
    };
    let https = http::server::is_https(&state.settings.public_url);
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
        // Staff read the back office in the regulation's voice too ("je" under kjrw).
        .merge(pages(backoffice::router(), &state))
        .merge(feeds::routes())
        .merge(
            // The form and the status page take attachments: their own, larger limit.
            pages(site::router(), &state).layer(DefaultBodyLimit::max(
                state
                    .settings
                    .max_attachments
                    .saturating_mul(state.settings.max_attachment_bytes)
                    .saturating_add(1024 * 1024),
            )),
        )
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(from_fn_with_state(state.clone(), follow_versions))
        .layer(from_fn_with_state(timing, http::server::body_deadline))
        .layer(from_fn_with_state(https, http::server::response_headers))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The OpenAPI description of the JSON API.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::router(&[]).into_openapi()
}

/// Each request is answered under the regulation's versions as adopted anywhere: another
/// instance's adoption is followed within [`klacht_app::profiles::FOLLOW_EVERY`] (T16).
async fn follow_versions(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    state
        .profiles
        .follow(&state.store, klacht_app::profiles::FOLLOW_EVERY);
    next.run(request).await
}

async fn healthz() -> &'static str {
    "ok"
}

/// Ready when the database and the documents directory take a write (not only a read: a full
/// disk or a read-only database is not ready) and every background job runs. Otherwise `503` with `Retry-After` and a line
/// per problem.
async fn readyz(State(state): State<AppState>) -> axum::response::Response {
    use axum::response::IntoResponse;
    let mut problems: Vec<String> = klacht_app::health::write_problems(&state)
        .await
        .into_iter()
        .map(str::to_owned)
        .collect();
    problems.extend(state.jobs.problems());
    if problems.is_empty() {
        return (StatusCode::OK, "ready").into_response();
    }
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(
            axum::http::header::RETRY_AFTER,
            http::error::RETRY_AFTER_SECS.to_string(),
        )],
        problems.join("\n"),
    )
        .into_response()
}
