//! The report figures as JSON: the half-year board report (T13), the anonymised annual report
//! (T15, K13) and the same figures for any period. What is counted, and how, is defined in
//! `klacht_core::reports`.

use crate::http::auth::CurrentUser;
use crate::http::error::{ApiError, ErrorBody};
use crate::http::state::AppState;
use axum::Json;
use axum::extract::State;
use klacht_core::reports::Report;
use klacht_store::ReportKind;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::http::report_query::{RawQuery, custom_period, half_year_period, request, year_period};

#[derive(Debug, Deserialize, IntoParams)]
#[allow(dead_code)] // documents the parameters; they are read as text to name bad ones
pub struct HalfYearQuery {
    /// The year, e.g. 2026.
    year: i16,
    /// 1 (January–June) or 2 (July–December).
    half: u8,
    /// Labels in `nl` (default) or `en`.
    lang: Option<String>,
}

/// The half-year board report (T13): exact counts, with references of late and exceptional
/// complaints, and the previous half year for comparison.
#[utoipa::path(
    get,
    path = "/api/v1/reports/half-year",
    tag = "reports",
    params(HalfYearQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Report),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only coordinator, deputy, director and board", body = ErrorBody),
        (status = 422, description = "A bad year or half, named", body = ErrorBody),
    )
)]
pub async fn half_year(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    query: RawQuery,
) -> Result<Json<Report>, ApiError> {
    let (period, lang) = request(&user, query, &["year", "half"], half_year_period)?;
    let report = klacht_app::reports::report(&state, &user, ReportKind::HalfYear, period, lang);
    Ok(Json(report.await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[allow(dead_code)]
pub struct AnnualQuery {
    /// The calendar year, e.g. 2026.
    year: i16,
    /// Labels in `nl` (default) or `en`.
    lang: Option<String>,
}

/// The annual report (T15, K13), anonymised by construction: no references, no late list,
/// no text but the summaries written for the report, and every count from 1 below the
/// profile's `reports.small_count_threshold` shown as `{"below": N}`, the total too.
#[utoipa::path(
    get,
    path = "/api/v1/reports/annual",
    tag = "reports",
    params(AnnualQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Report),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only coordinator, deputy, director and board", body = ErrorBody),
        (status = 422, description = "A bad year, named", body = ErrorBody),
    )
)]
pub async fn annual(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    query: RawQuery,
) -> Result<Json<Report>, ApiError> {
    let (period, lang) = request(&user, query, &["year"], year_period)?;
    let report = klacht_app::reports::report(&state, &user, ReportKind::Annual, period, lang);
    Ok(Json(report.await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[allow(dead_code)]
pub struct PeriodQuery {
    /// First day, YYYY-MM-DD.
    from: String,
    /// Last day (included), YYYY-MM-DD; at most ten years after `from`.
    to: String,
    /// Labels in `nl` (default) or `en`.
    lang: Option<String>,
}

/// The board report's figures for any period (exact counts, with references), and the period
/// of the same length before it.
#[utoipa::path(
    get,
    path = "/api/v1/reports/period",
    tag = "reports",
    params(PeriodQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Report),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only coordinator, deputy, director and board", body = ErrorBody),
        (status = 422, description = "A bad from or to, named", body = ErrorBody),
    )
)]
pub async fn period(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    query: RawQuery,
) -> Result<Json<Report>, ApiError> {
    let (period, lang) = request(&user, query, &["from", "to"], custom_period)?;
    let report = klacht_app::reports::report(&state, &user, ReportKind::Period, period, lang);
    Ok(Json(report.await?))
}
