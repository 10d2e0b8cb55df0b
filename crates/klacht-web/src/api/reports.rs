//! The report figures as JSON: the half-year board report (T13), the anonymised annual report
//! (T15, K13) and the same figures for any period. What is counted, and how, is defined in
//! `klacht_core::reports`.

use super::field;
use crate::http::auth::CurrentUser;
use crate::http::error::{ApiError, ErrorBody, FieldError};
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use klacht_core::Lang;
use klacht_core::reports::{self, Period, PeriodError, Report};
use klacht_store::{ReportKind, User};
use serde::Deserialize;
use std::collections::HashMap;
use utoipa::IntoParams;

pub(crate) fn may_read(user: &User) -> Result<(), ApiError> {
    Ok(reports::may_read(&user.roles)?)
}

fn period_error(e: &PeriodError) -> FieldError {
    let name = match e {
        PeriodError::Year => "year",
        PeriodError::Half => "half",
        PeriodError::Reversed | PeriodError::TooLong => "to",
    };
    let message = e.to_string();
    let message = message
        .split_once(": ")
        .map_or(message.clone(), |(_, m)| m.to_owned());
    field(name, message)
}

/// Query parameters, read as text so that a bad value is a 422 that names its field.
pub(crate) type Params = HashMap<String, String>;

/// The required parameter `name`, parsed; `missing` and `bad` say what is wrong otherwise.
fn required<T: std::str::FromStr>(
    q: &Params,
    name: &str,
    (missing, bad): (&str, &str),
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match q.get(name).map(|s| s.trim()) {
        None | Some("") => {
            errors.push(field(name, missing));
            None
        }
        Some(s) => s.parse().ok().or_else(|| {
            errors.push(field(name, bad));
            None
        }),
    }
}

fn int<T: std::str::FromStr>(q: &Params, name: &str, errors: &mut Vec<FieldError>) -> Option<T> {
    required(q, name, ("is required", "must be a whole number"), errors)
}

fn day(q: &Params, name: &str, errors: &mut Vec<FieldError>) -> Option<Date> {
    required(
        q,
        name,
        ("is required (YYYY-MM-DD)", "must be a date, YYYY-MM-DD"),
        errors,
    )
}

fn lang(q: &Params, errors: &mut Vec<FieldError>) -> Lang {
    match q.get("lang").map(String::as_str) {
        None => Lang::Nl,
        Some(l) => Lang::parse(l).unwrap_or_else(|| {
            errors.push(field("lang", "expected nl or en"));
            Lang::Nl
        }),
    }
}

fn only(q: &Params, allowed: &[&str], errors: &mut Vec<FieldError>) {
    for k in q.keys() {
        if !allowed.contains(&k.as_str()) && k != "lang" {
            errors.push(field(k, "is not a parameter of this report"));
        }
    }
}

pub(crate) type RawQuery = Result<Query<Params>, axum::extract::rejection::QueryRejection>;

/// What every report route does around reading its own parameters: checks the reader, allows
/// only `allowed` (and `lang`), and answers 422 naming every bad field. `period` reads the
/// route's own parameters, pushing what is wrong, and makes the period from them if it can.
pub(crate) fn request(
    user: &User,
    query: RawQuery,
    allowed: &[&str],
    period: impl FnOnce(&Params, &mut Vec<FieldError>) -> Option<Result<Period, FieldError>>,
) -> Result<(Period, Lang), ApiError> {
    may_read(user)?;
    let q = query
        .map(|Query(q)| q)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "bad_query", e.body_text()))?;
    let mut errors = Vec::new();
    only(&q, allowed, &mut errors);
    let period = period(&q, &mut errors);
    let lang = lang(&q, &mut errors);
    let period = period.and_then(|p| p.map_err(|e| errors.push(e)).ok());
    match period.filter(|_| errors.is_empty()) {
        Some(p) => Ok((p, lang)),
        None => Err(ApiError::invalid(errors)),
    }
}

/// The half year of the parameters `year` and `half`.
pub(crate) fn half_year_period(
    q: &Params,
    errors: &mut Vec<FieldError>,
) -> Option<Result<Period, FieldError>> {
    let year = int::<i16>(q, "year", errors);
    let half = int::<u8>(q, "half", errors);
    Some(Period::half_year(year?, half?).map_err(|e| period_error(&e)))
}

/// The calendar year of the parameter `year`.
pub(crate) fn year_period(
    q: &Params,
    errors: &mut Vec<FieldError>,
) -> Option<Result<Period, FieldError>> {
    Some(Period::year(int::<i16>(q, "year", errors)?).map_err(|e| period_error(&e)))
}

/// The period of the parameters `from` and `to`.
pub(crate) fn custom_period(
    q: &Params,
    errors: &mut Vec<FieldError>,
) -> Option<Result<Period, FieldError>> {
    let from = day(q, "from", errors);
    let to = day(q, "to", errors);
    let (f, t) = (from?, to?);
    Some(Period::new(f, t).map_err(|e| {
        let mut fe = period_error(&e);
        if e == PeriodError::Year {
            fe.field = if (2000..=2200).contains(&f.year()) {
                "to"
            } else {
                "from"
            }
            .into();
        }
        fe
    }))
}

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
/// profile's `reports.small_count_threshold` shown as `{"below": N}`. The total is exact.
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
