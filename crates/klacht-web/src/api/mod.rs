//! The JSON API under `/api/v1`.

pub(crate) mod complaints;
pub(crate) mod dto;
mod public;
pub(crate) mod register;
pub(crate) mod reports;

use crate::error::{ApiError, FieldError};
use crate::state::AppState;
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
