//! The JSON API under `/api/v1`.

pub(crate) mod complaints;
mod desk;
pub(crate) mod dossier;
pub(crate) mod dto;
mod privacy;
mod public;
pub(crate) mod publication;
pub(crate) mod register;
mod regulation;
pub(crate) mod reports;

use crate::http::error::{ApiError, FieldError};
use crate::http::state::AppState;
use axum::http::{HeaderValue, Method, Uri, header};
use tower_http::cors::{AllowOrigin, CorsLayer};
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "klacht",
        description = "Complaint handling under a Dutch klachtenregeling. Staff routes take `Authorization: Bearer TOKEN` (from `klacht token create`).",
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "public", description = "For complainants and the organisation's own website."),
        (name = "complaints", description = "For staff: the dossier and every step of the procedure."),
        (name = "register", description = "The recommendations register (T14): recommendations, the directors' decisions, improvement actions; the evaluations of the regulation (T16)."),
        (name = "reports", description = "For the coordinator, deputy, director and board: the half-year (T13) and annual (T15) report figures."),
        (name = "regulation", description = "The regulation's versions (T11, T16): each with the date it takes effect; adopting a new one."),
        (name = "privacy", description = "Retention (K8, T10): what the daily round will anonymise, what is held back, and running the round; the requests of data subjects (AVG art. 12, 15, 16, 17)."),
    )
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The API. With `cors_origins`, the public submission accepts posts from those origins' own
/// pages (and only that route: the staff API is never opened to other sites).
pub fn router(cors_origins: &[String]) -> OpenApiRouter<AppState> {
    let mut public = OpenApiRouter::new().routes(routes!(public::submit));
    let origins: Vec<HeaderValue> = cors_origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    if !origins.is_empty() {
        public = public.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([Method::POST])
                .allow_headers([header::CONTENT_TYPE, header::ACCEPT_LANGUAGE])
                .max_age(std::time::Duration::from_secs(3600)),
        );
    }
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(public)
        .routes(routes!(complaints::list, complaints::register))
        .routes(routes!(complaints::get))
        .routes(routes!(complaints::act))
        .routes(routes!(complaints::revoke_links))
        .routes(routes!(reports::half_year))
        .routes(routes!(reports::annual))
        .routes(routes!(reports::period))
        .routes(routes!(
            publication::get,
            publication::publish,
            publication::withdraw
        ))
        .routes(routes!(publication::review))
        .routes(routes!(privacy::outlook))
        .routes(routes!(privacy::run))
        .routes(routes!(desk::list, desk::create))
        .routes(routes!(desk::get))
        .routes(routes!(desk::extend))
        .routes(routes!(desk::complete))
        .routes(routes!(desk::erase))
        .routes(routes!(desk::rectify))
        .routes(routes!(desk::export))
        .routes(routes!(regulation::list, regulation::create))
        .routes(routes!(regulation::get))
        .routes(routes!(register::list, register::create))
        .routes(routes!(register::get))
        .routes(routes!(register::decision))
        .routes(routes!(register::complaints))
        .routes(routes!(register::actions))
        .routes(routes!(register::action))
        .routes(routes!(register::evaluations, register::record_evaluation))
        .routes(routes!(register::report_text))
}

pub async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(format!("There is nothing at {}.", uri.path()))
        .nl(format!("Op {} is niets te vinden.", uri.path()))
}

/// A bad field of a request, named, with what is wrong.
pub(crate) fn field(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

/// Every answer of the API that is an error is its JSON error body ([`ApiError`]), also where
/// axum answered before a handler ran: a path that does not parse (400), a method the route does
/// not take (405), a body over the limit (413). Their plain text, if any, becomes the message.
pub(crate) async fn json_errors(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let allow = parts
        .headers
        .get(header::ALLOW)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let mut e = match status {
        axum::http::StatusCode::METHOD_NOT_ALLOWED => ApiError::new(
            status,
            "method_not_allowed",
            format!("{path} does not take {method}; it takes {allow}."),
        )
        .nl(format!("{path} neemt geen {method} aan, wel {allow}.")),
        axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
            let mib = crate::BODY_LIMIT / (1024 * 1024);
            ApiError::new(
                status,
                "too_large",
                format!("The request is larger than {mib} MiB."),
            )
            .nl(format!("Het verzoek is groter dan {mib} MiB."))
        }
        _ => {
            let reason = status.canonical_reason().unwrap_or("error");
            let detail = if text.is_empty() {
                reason.to_owned()
            } else {
                text
            };
            ApiError::new(
                status,
                &reason.to_lowercase().replace(' ', "_"),
                format!("The request could not be handled: {detail}."),
            )
            .nl(format!("Het verzoek kon niet worden verwerkt: {detail}."))
        }
    };
    e.retry_after = parts
        .headers
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    let mut answer = e.into_response();
    for name in [header::ALLOW, header::WWW_AUTHENTICATE] {
        if let Some(v) = parts.headers.get(&name) {
            answer.headers_mut().insert(name, v.clone());
        }
    }
    answer
}
