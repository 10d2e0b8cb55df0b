//! The parameters of a report (a half year, a year, any period; the language), read from a
//! query as text so that each bad value is named: the JSON API and the back office's report
//! pages read them alike.

use crate::http::error::{ApiError, FieldError};
use axum::extract::Query;
use axum::http::StatusCode;
use jiff::civil::Date;
use klacht_core::Lang;
use klacht_core::reports::{self, Period, PeriodError};
use klacht_store::User;
use std::collections::HashMap;

fn field(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
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
pub type Params = HashMap<String, String>;

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

pub type RawQuery = Result<Query<Params>, axum::extract::rejection::QueryRejection>;

/// What every report route does around reading its own parameters: checks the reader, allows
/// only `allowed` (and `lang`), and answers 422 naming every bad field. `period` reads the
/// route's own parameters, pushing what is wrong, and makes the period from them if it can.
pub fn request(
    user: &User,
    query: RawQuery,
    allowed: &[&str],
    period: impl FnOnce(&Params, &mut Vec<FieldError>) -> Option<Result<Period, FieldError>>,
) -> Result<(Period, Lang), ApiError> {
    reports::may_read(&user.roles)?;
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
pub fn half_year_period(
    q: &Params,
    errors: &mut Vec<FieldError>,
) -> Option<Result<Period, FieldError>> {
    let year = int::<i16>(q, "year", errors);
    let half = int::<u8>(q, "half", errors);
    Some(Period::half_year(year?, half?).map_err(|e| period_error(&e)))
}

/// The calendar year of the parameter `year`.
pub fn year_period(q: &Params, errors: &mut Vec<FieldError>) -> Option<Result<Period, FieldError>> {
    Some(Period::year(int::<i16>(q, "year", errors)?).map_err(|e| period_error(&e)))
}

/// The period of the parameters `from` and `to`.
pub fn custom_period(
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
