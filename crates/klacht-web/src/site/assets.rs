//! The site's stylesheets, compiled into the binary: nothing to deploy beside them.

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;

/// `static/site.css`.
pub const SITE_CSS: &str = include_str!("../../static/site.css");

/// `GET /static/site.css`.
pub async fn css() -> impl IntoResponse {
    stylesheet(SITE_CSS)
}

/// `static/beheer.css`: the back office's additions.
pub const DESK_CSS: &str = include_str!("../../static/beheer.css");

/// `GET /static/beheer.css`.
pub async fn desk_css() -> impl IntoResponse {
    stylesheet(DESK_CSS)
}

/// `/static/print.css`: printable forms (the registration form, K9), kept with the form.
pub const PRINT_CSS: &str = klacht_print::registration::CSS;

/// `GET /static/print.css`.
pub async fn print_css() -> impl IntoResponse {
    stylesheet(PRINT_CSS)
}

fn stylesheet(body: &'static str) -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
}
