//! The reports in the back office (T13, T15, K13): `/beheer/verslagen` chooses a half year, a
//! year or a period (GET forms, no JavaScript) and links to the formats; the report itself is
//! `/beheer/verslagen/halfjaar?year&half`, `/beheer/verslagen/jaar?year` or
//! `/beheer/verslagen/periode?from&to`, each with `format=html` (a standalone, print-ready page,
//! the default), `format=pdf` or `format=csv`. The same readers and the same parameter checks
//! as the JSON API (`/api/v1/reports/...`); a bad parameter re-shows the form with the field
//! named and the input kept (422).

use super::{Desk, Frame, Msg, message};
use crate::http::i18n::tr;
use crate::http::report_query::{
    self as query, BadParam, Params, Problem, RawQuery, Reader, custom_period, half_year_period,
    year_period,
};
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use klacht_core::Lang;
use klacht_core::calendar::amsterdam_date;
use klacht_core::reports::Period;
use klacht_print::report::{self as print, Doc, Kind};

/// The formats a report comes in here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    Pdf,
    Csv,
}

const FORMATS: &[(&str, Format)] = &[
    ("html", Format::Html),
    #[cfg(feature = "pdf")]
    ("pdf", Format::Pdf),
    ("csv", Format::Csv),
];

/// Which report a route makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    HalfYear,
    Annual,
    Period,
}

impl Which {
    fn path(self) -> &'static str {
        match self {
            Which::HalfYear => "/beheer/verslagen/halfjaar",
            Which::Annual => "/beheer/verslagen/jaar",
            Which::Period => "/beheer/verslagen/periode",
        }
    }

    fn api(self) -> &'static str {
        match self {
            Which::HalfYear => "/api/v1/reports/half-year",
            Which::Annual => "/api/v1/reports/annual",
            Which::Period => "/api/v1/reports/period",
        }
    }

    fn params(self) -> &'static [&'static str] {
        match self {
            Which::HalfYear => &["year", "half", "format"],
            Which::Annual => &["year", "format"],
            Which::Period => &["from", "to", "format"],
        }
    }
}

/// What the choice page shows in its fields (as typed, when re-shown).
#[derive(Debug, Clone, Default)]
pub struct Values {
    pub year: String,
    pub half: String,
    pub annual_year: String,
    pub from: String,
    pub to: String,
    /// The format asked for, on the form that failed.
    pub format: String,
}

#[derive(Template)]
#[template(path = "beheer/reports.html")]
struct ChoicePage<'a> {
    f: &'a Frame,
    v: Values,
    /// Which form the errors belong to.
    failed: Option<&'static str>,
    errors: Vec<(String, String)>,
    formats: Vec<(&'static str, &'static str)>,
    /// Ready links: the last half year and the last year, each in every format.
    quick: Vec<Quick>,
}

/// A ready link to a recent report, in every format, and to writing its analysis for those who
/// may.
struct Quick {
    name: String,
    links: Vec<(String, &'static str)>,
    analysis: Option<String>,
    /// The annual report's publication, for those who may publish.
    publication: Option<String>,
}

impl ChoicePage<'_> {
    /// The format to show as chosen in the form `form`.
    fn chosen(&self, form: &str) -> &str {
        if self.failed == Some(form) {
            &self.v.format
        } else {
            ""
        }
    }

    /// The chosen format is none of those offered (kept, to be corrected).
    fn unknown_format(&self, form: &str) -> bool {
        let f = self.chosen(form);
        !f.is_empty() && !self.formats.iter().any(|(id, _)| *id == f)
    }

    /// The message for `field` in the form `form`, if any.
    fn error(&self, form: &str, field: &str) -> Option<&str> {
        if self.failed != Some(form) {
            return None;
        }
        super::error_for(&self.errors, field)
    }
}

fn format_label(f: Format) -> &'static str {
    match f {
        Format::Html => "HTML",
        Format::Pdf => "PDF",
        Format::Csv => "CSV",
    }
}

fn formats() -> Vec<(&'static str, &'static str)> {
    FORMATS
        .iter()
        .map(|(id, f)| (*id, format_label(*f)))
        .collect()
}

/// Refuses those who may not read the reports, with a page that says so.
fn reader(desk: &Desk) -> Result<(), Response> {
    klacht_core::reports::may_read(&desk.user.roles).map_err(|_| {
        message(
            &desk.frame("/beheer/verslagen", "desk-no-access"),
            StatusCode::FORBIDDEN,
            Msg {
                key: "reports-the-reports-are-for-the-coordinator-the",
            },
        )
    })
}

fn choice_page(status: StatusCode, page: ChoicePage<'_>) -> Response {
    crate::http::pages::html(status, &page)
}

fn quick_links(today: jiff::civil::Date, manages: bool) -> Vec<Quick> {
    let (y, m) = (today.year(), today.month());
    let (hy, half) = if m <= 6 { (y - 1, 2) } else { (y, 1) };
    let links = |base: String| -> Vec<(String, &'static str)> {
        FORMATS
            .iter()
            .map(|(id, f)| (format!("{base}&format={id}"), format_label(*f)))
            .collect()
    };
    let analysis = |kind, period: Result<Period, _>| {
        period
            .ok()
            .filter(|_| manages)
            .map(|p| super::analysis::href(kind, p))
    };
    vec![
        Quick {
            name: format!("{hy}-H{half}"),
            links: links(format!("/beheer/verslagen/halfjaar?year={hy}&half={half}")),
            analysis: analysis(
                klacht_store::ReportKind::HalfYear,
                Period::half_year(hy, half),
            ),
            publication: None,
        },
        Quick {
            name: format!("{}", y - 1),
            links: links(format!("/beheer/verslagen/jaar?year={}", y - 1)),
            analysis: analysis(klacht_store::ReportKind::Annual, Period::year(y - 1)),
            publication: manages.then(|| super::publication::href(y - 1)),
        },
    ]
}

/// `GET /beheer/verslagen`: choose a report.
pub async fn index(State(state): State<AppState>, desk: Desk) -> Response {
    if let Err(r) = reader(&desk) {
        return r;
    }
    let today = amsterdam_date(state.clock.now());
    let (year, half) = if today.month() <= 6 {
        (today.year() - 1, 2)
    } else {
        (today.year(), 1)
    };
    let f = desk.frame("/beheer/verslagen", "desk-reports");
    let page = ChoicePage {
        f: &f,
        v: Values {
            year: year.to_string(),
            half: half.to_string(),
            annual_year: (today.year() - 1).to_string(),
            from: format!("{}-01-01", today.year()),
            to: today.to_string(),
            format: String::new(),
        },
        failed: None,
        errors: Vec::new(),
        formats: formats(),
        quick: quick_links(
            today,
            klacht_core::register::may_manage(&desk.user.roles).is_ok(),
        ),
    };
    choice_page(StatusCode::OK, page)
}

fn read_format(q: &Params, errors: &mut Vec<BadParam>) -> Format {
    match q.get("format").map(|s| s.trim()) {
        None | Some("") => Format::Html,
        Some(f) => FORMATS
            .iter()
            .find(|(id, _)| *id == f)
            .map(|(_, f)| *f)
            .unwrap_or_else(|| {
                errors.push(BadParam::new("format", Problem::Format));
                Format::Html
            }),
    }
}

async fn show(state: AppState, desk: Desk, which: Which, query: RawQuery) -> Response {
    if let Err(r) = reader(&desk) {
        return r;
    }
    let q: Params = match query {
        Ok(Query(q)) => q,
        Err(_) => Params::new(),
    };
    let read: Reader = match which {
        Which::HalfYear => half_year_period,
        Which::Annual => year_period,
        Which::Period => custom_period,
    };
    let mut format_errors = Vec::new();
    let format = read_format(&q, &mut format_errors);
    let period = match query::check(&q, which.params(), read) {
        Ok((p, _)) if format_errors.is_empty() => p,
        other => {
            let mut fields = other.err().unwrap_or_default();
            fields.extend(format_errors);
            return refused(&state, &desk, which, &q, fields);
        }
    };
    let lang = desk.lang;
    let stored_as = match which {
        Which::HalfYear => klacht_store::ReportKind::HalfYear,
        Which::Annual => klacht_store::ReportKind::Annual,
        Which::Period => klacht_store::ReportKind::Period,
    };
    let report =
        match klacht_app::reports::report(&state, &desk.user, stored_as, period, lang).await {
            Ok(r) => r,
            Err(e) => {
                return super::failed(&state, lang, which.path(), "computing a report", e);
            }
        };
    let kind = match which {
        Which::HalfYear => Kind::HalfYear {
            year: period.from.year(),
            half: if period.from.month() == 1 { 1 } else { 2 },
        },
        Which::Annual => Kind::Annual {
            year: period.from.year(),
        },
        Which::Period => Kind::Period,
    };
    let organisation = state.regulation().profile.organisation.name.clone();
    let mut doc = print::build(&report, kind, lang, &organisation);
    let (from, to) = (period.from.to_string(), period.to.to_string());
    let base = match which {
        Which::HalfYear => format!(
            "year={}&half={}",
            period.from.year(),
            match kind {
                Kind::HalfYear { half, .. } => half,
                _ => 1,
            }
        ),
        Which::Annual => format!("year={}", period.from.year()),
        Which::Period => format!("from={}&to={}", from, to),
    };
    let stem = doc.file_stem(&from, &to);
    match format {
        Format::Html => {
            for (id, f) in FORMATS {
                if *f != Format::Html {
                    doc.links.push((
                        format!("{}?{base}&format={id}", which.path()),
                        format!(
                            "{} ({})",
                            tr(doc.lang, "reports-download"),
                            format_label(*f)
                        ),
                    ));
                }
            }
            doc.links.push((
                format!("{}?{base}&lang={}", which.api(), lang.code()),
                tr(doc.lang, "reports-the-figures-as-json").to_owned(),
            ));
            doc.links.push((
                "/beheer/verslagen".to_owned(),
                tr(doc.lang, "reports-choose-another-report").to_owned(),
            ));
            match print::render_html(&doc) {
                Ok(html) => {
                    let mut r = axum::response::Html(html).into_response();
                    if let Ok(v) = HeaderValue::from_str(&crate::http::pages::report_csp()) {
                        r.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
                    }
                    r
                }
                Err(e) => {
                    let e = klacht_app::AppError::fault("the report page", e);
                    super::failed(&state, lang, which.path(), "rendering a report", e)
                }
            }
        }
        Format::Csv => match print::render_csv(&doc) {
            Ok(bytes) => super::download(
                bytes,
                "text/csv; charset=utf-8",
                "attachment",
                &format!("{stem}.csv"),
            ),
            Err(e) => {
                let e = klacht_app::AppError::fault("the report as CSV", e);
                super::failed(&state, lang, which.path(), "writing a report as CSV", e)
            }
        },
        Format::Pdf => pdf(&state, lang, which, &doc, &stem),
    }
}

#[cfg(feature = "pdf")]
fn pdf(state: &AppState, lang: Lang, which: Which, doc: &Doc, stem: &str) -> Response {
    match print::render_pdf(doc) {
        Ok(bytes) => super::download(bytes, "application/pdf", "inline", &format!("{stem}.pdf")),
        Err(e) => {
            let e = klacht_app::AppError::fault("the report as PDF", e);
            super::failed(state, lang, which.path(), "rendering a report as PDF", e)
        }
    }
}

#[cfg(not(feature = "pdf"))]
fn pdf(state: &AppState, lang: Lang, which: Which, _doc: &Doc, _stem: &str) -> Response {
    // Not reached: `format=pdf` is refused when the build has no PDF.
    super::failed(
        state,
        lang,
        which.path(),
        "rendering a report as PDF",
        klacht_app::AppError::unexpected("this build has no PDF"),
    )
}

/// The choice page again, with the bad fields named and what was typed kept (422).
fn refused(
    state: &AppState,
    desk: &Desk,
    which: Which,
    q: &Params,
    fields: Vec<BadParam>,
) -> Response {
    let today = amsterdam_date(state.clock.now());
    let get = |k: &str| q.get(k).cloned().unwrap_or_default();
    let mut v = Values {
        format: get("format"),
        ..Values::default()
    };
    let form = match which {
        Which::HalfYear => {
            v.year = get("year");
            v.half = get("half");
            "halfjaar"
        }
        Which::Annual => {
            v.annual_year = get("year");
            "jaar"
        }
        Which::Period => {
            v.from = get("from");
            v.to = get("to");
            "periode"
        }
    };
    let errors = fields
        .into_iter()
        .map(|e| {
            let m = e.message(desk.lang);
            (e.field, m)
        })
        .collect();
    let f = desk.frame(which.path(), "desk-reports").with_errors(true);
    let page = ChoicePage {
        f: &f,
        v,
        failed: Some(form),
        errors,
        formats: formats(),
        quick: quick_links(
            today,
            klacht_core::register::may_manage(&desk.user.roles).is_ok(),
        ),
    };
    choice_page(StatusCode::UNPROCESSABLE_ENTITY, page)
}

/// `GET /beheer/verslagen/halfjaar?year&half[&format]`.
pub async fn half_year(State(state): State<AppState>, desk: Desk, query: RawQuery) -> Response {
    show(state, desk, Which::HalfYear, query).await
}

/// `GET /beheer/verslagen/jaar?year[&format]`: anonymised (T15, K13).
pub async fn annual(State(state): State<AppState>, desk: Desk, query: RawQuery) -> Response {
    show(state, desk, Which::Annual, query).await
}

/// `GET /beheer/verslagen/periode?from&to[&format]`.
pub async fn period(State(state): State<AppState>, desk: Desk, query: RawQuery) -> Response {
    show(state, desk, Which::Period, query).await
}
