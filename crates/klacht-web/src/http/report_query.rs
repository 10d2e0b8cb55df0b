//! The parameters of a report (a half year, a year, any period; the language), read from a
//! query as text so that each bad value is named: the JSON API and the back office's report
//! pages read them alike.

use crate::http::error::{ApiError, FieldError};
use crate::http::i18n::{tr, tr_count};
use axum::extract::Query;
use axum::http::StatusCode;
use jiff::civil::Date;
use klacht_core::Lang;
use klacht_core::reports::{self, MAX_DAYS, Period, PeriodError};
use klacht_store::User;
use std::collections::HashMap;

/// What is wrong with one parameter of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A number is missing.
    Required,
    NotWhole,
    /// A date is missing.
    DateRequired,
    NotDate,
    /// `lang` is not a language klacht speaks.
    NotLang,
    /// Not a parameter of this report.
    Unknown,
    /// The period the parameters make is not one.
    Period(PeriodError),
    /// `format` names no format this build makes.
    Format,
}

/// A bad parameter: which, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadParam {
    pub field: String,
    pub problem: Problem,
}

impl BadParam {
    pub fn new(field: &str, problem: Problem) -> BadParam {
        BadParam {
            field: field.into(),
            problem,
        }
    }

    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let key = match self.problem {
            Problem::Required => "report-param-required",
            Problem::NotWhole => "report-param-not-whole",
            Problem::DateRequired => "report-param-date-required",
            Problem::NotDate => "report-param-not-date",
            Problem::NotLang => "report-param-not-lang",
            Problem::Unknown => "report-param-unknown",
            Problem::Period(PeriodError::Year) => "report-param-year",
            Problem::Period(PeriodError::Half) => "report-param-half",
            Problem::Period(PeriodError::Reversed) => "report-param-reversed",
            Problem::Period(PeriodError::TooLong) => {
                return tr_count(lang, "report-param-too-long", "days", MAX_DAYS.into());
            }
            Problem::Format if cfg!(feature = "pdf") => "report-param-format-pdf",
            Problem::Format => "report-param-format",
        };
        tr(lang, key).to_owned()
    }
}

/// The API's 422: every bad parameter with its message in English.
pub fn invalid(bad: &[BadParam]) -> ApiError {
    ApiError::invalid(
        bad.iter()
            .map(|b| FieldError {
                field: b.field.clone(),
                message: b.message(Lang::En),
            })
            .collect(),
    )
}

fn period_error(e: PeriodError) -> BadParam {
    let name = match e {
        PeriodError::Year => "year",
        PeriodError::Half => "half",
        PeriodError::Reversed | PeriodError::TooLong => "to",
    };
    BadParam::new(name, Problem::Period(e))
}

/// Query parameters, read as text so that a bad value is a 422 that names its field.
pub type Params = HashMap<String, String>;

/// The required parameter `name`, parsed; `missing` and `bad` say what is wrong otherwise.
fn required<T: std::str::FromStr>(
    q: &Params,
    name: &str,
    (missing, bad): (Problem, Problem),
    errors: &mut Vec<BadParam>,
) -> Option<T> {
    match q.get(name).map(|s| s.trim()) {
        None | Some("") => {
            errors.push(BadParam::new(name, missing));
            None
        }
        Some(s) => s.parse().ok().or_else(|| {
            errors.push(BadParam::new(name, bad));
            None
        }),
    }
}

fn int<T: std::str::FromStr>(q: &Params, name: &str, errors: &mut Vec<BadParam>) -> Option<T> {
    required(q, name, (Problem::Required, Problem::NotWhole), errors)
}

fn day(q: &Params, name: &str, errors: &mut Vec<BadParam>) -> Option<Date> {
    required(q, name, (Problem::DateRequired, Problem::NotDate), errors)
}

fn lang(q: &Params, errors: &mut Vec<BadParam>) -> Lang {
    match q.get("lang").map(String::as_str) {
        None => Lang::Nl,
        Some(l) => Lang::parse(l).unwrap_or_else(|| {
            errors.push(BadParam::new("lang", Problem::NotLang));
            Lang::Nl
        }),
    }
}

fn only(q: &Params, allowed: &[&str], errors: &mut Vec<BadParam>) {
    for k in q.keys() {
        if !allowed.contains(&k.as_str()) && k != "lang" {
            errors.push(BadParam::new(k, Problem::Unknown));
        }
    }
}

pub type RawQuery = Result<Query<Params>, axum::extract::rejection::QueryRejection>;

/// Reads a route's own parameters, pushing what is wrong, and makes the period from them if it
/// can.
pub type Reader = fn(&Params, &mut Vec<BadParam>) -> Option<Result<Period, BadParam>>;

/// The period and language of `q`, allowing only `allowed` (and `lang`), or every bad
/// parameter.
pub fn check(
    q: &Params,
    allowed: &[&str],
    period: Reader,
) -> Result<(Period, Lang), Vec<BadParam>> {
    let mut errors = Vec::new();
    only(q, allowed, &mut errors);
    let period = period(q, &mut errors);
    let lang = lang(q, &mut errors);
    let period = period.and_then(|p| p.map_err(|e| errors.push(e)).ok());
    match period.filter(|_| errors.is_empty()) {
        Some(p) => Ok((p, lang)),
        None => Err(errors),
    }
}

/// What every report route of the API does around reading its own parameters: checks the
/// reader, and answers 422 naming every bad field.
pub fn request(
    user: &User,
    query: RawQuery,
    allowed: &[&str],
    period: Reader,
) -> Result<(Period, Lang), ApiError> {
    reports::may_read(&user.roles)?;
    let q = query
        .map(|Query(q)| q)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "bad_query", e.body_text()))?;
    check(&q, allowed, period).map_err(|bad| invalid(&bad))
}

/// The half year of the parameters `year` and `half`.
pub fn half_year_period(
    q: &Params,
    errors: &mut Vec<BadParam>,
) -> Option<Result<Period, BadParam>> {
    let year = int::<i16>(q, "year", errors);
    let half = int::<u8>(q, "half", errors);
    Some(Period::half_year(year?, half?).map_err(period_error))
}

/// The calendar year of the parameter `year`.
pub fn year_period(q: &Params, errors: &mut Vec<BadParam>) -> Option<Result<Period, BadParam>> {
    Some(Period::year(int::<i16>(q, "year", errors)?).map_err(period_error))
}

/// The period of the parameters `from` and `to`.
pub fn custom_period(q: &Params, errors: &mut Vec<BadParam>) -> Option<Result<Period, BadParam>> {
    let from = day(q, "from", errors);
    let to = day(q, "to", errors);
    let (f, t) = (from?, to?);
    Some(Period::new(f, t).map_err(|e| {
        let mut bad = period_error(e);
        if bad.problem == Problem::Period(PeriodError::Year) {
            bad.field = if (2000..=2200).contains(&f.year()) {
                "to"
            } else {
                "from"
            }
            .into();
        }
        bad
    }))
}
