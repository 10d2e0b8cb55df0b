//! The coordinator's words in a report (K13, T15, T13): `/beheer/verslagen/analyse` shows the
//! analysis and recommendations written for one report (half year, year or period) in a text
//! area and saves a new version. The report generates its figures from the data; this is the
//! only text of the coordinator's own in it, and the annual report is published, so the form
//! asks for no names or other personal data. Coordinator and deputy write; the latest version
//! is the one the report shows (web page and PDF; the CSV holds only its tables).

use super::{Desk, Frame};
use crate::http::forms::Text;
use crate::http::i18n::SaidHere;
use crate::http::i18n::tr;
use crate::http::page_error::PageError;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use klacht_app::register::report_period;
use klacht_core::Lang;
use klacht_core::reports::Period;
use klacht_store::ReportKind;
use serde::Deserialize;
use std::collections::HashMap;

const PATH: &str = "/beheer/verslagen/analyse";

#[derive(Template)]
#[template(path = "beheer/analysis.html")]
struct AnalysisPage {
    f: Frame,
    csrf: String,
    kind: String,
    from: String,
    to: String,
    /// "het halfjaarverslag 2026-H1" and the like.
    name: String,
    report_href: String,
    text: String,
    last: Option<(String, String)>,
    errors: Vec<(String, String)>,
}

impl AnalysisPage {
    fn error(&self, name: &str) -> Option<&str> {
        super::error_for(&self.errors, name)
    }
}

/// The link to the analysis of a report, for the reports page.
pub fn href(kind: ReportKind, period: Period) -> String {
    format!(
        "{PATH}?kind={}&from={}&to={}",
        kind.as_str(),
        period.from,
        period.to
    )
}

/// The report's own page, where the text is shown.
fn report_href(kind: ReportKind, p: Period) -> String {
    match kind {
        ReportKind::HalfYear => format!(
            "/beheer/verslagen/halfjaar?year={}&half={}",
            p.from.year(),
            if p.from.month() == 1 { 1 } else { 2 }
        ),
        ReportKind::Annual => format!("/beheer/verslagen/jaar?year={}", p.from.year()),
        ReportKind::Period => format!("/beheer/verslagen/periode?from={}&to={}", p.from, p.to),
    }
}

fn report_name(kind: ReportKind, p: Period, lang: Lang) -> String {
    match kind {
        ReportKind::HalfYear => {
            let half = if p.from.month() == 1 { 1 } else { 2 };
            format!(
                "{} {}-H{half}",
                tr(lang, "analysis-the-half-year-report"),
                p.from.year()
            )
        }
        ReportKind::Annual => format!(
            "{} {}",
            tr(lang, "analysis-the-annual-report"),
            p.from.year()
        ),
        ReportKind::Period => format!(
            "{} {} – {}",
            tr(lang, "analysis-the-report-on"),
            p.from,
            p.to
        ),
    }
}

fn refused(desk: &Desk, e: &PageError) -> Response {
    let label = tr(desk.lang, "analysis-to-the-reports");
    super::refusal(desk, PATH, e, "/beheer/verslagen", label)
}

/// The report a request names, or the page that says what is wrong with its parameters.
fn which(
    desk: &Desk,
    kind: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(ReportKind, Period), Response> {
    report_period(kind, from, to)
        .map_err(PageError::from)
        .map_err(|e| {
            let f = desk.frame(PATH, "analysis-unknown-report");
            let named: Vec<String> = e
                .fields()
                .iter()
                .map(|f| format!("{}: {}", f.field, f.said_here(desk.lang)))
                .collect();
            super::message_with_link(
                &f,
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "{} {}",
                    tr(
                        desk.lang,
                        "analysis-this-address-names-no-report-that-exists"
                    ),
                    named.join("; ")
                ),
                "/beheer/verslagen",
                tr(desk.lang, "analysis-to-the-reports"),
            )
        })
}

async fn page(
    state: &AppState,
    desk: &Desk,
    kind: ReportKind,
    period: Period,
    typed: Option<String>,
    errors: Vec<(String, String)>,
    status: StatusCode,
) -> Response {
    let lang = desk.lang;
    let stored = match state.store.report_text(kind, period).await {
        Ok(t) => t,
        Err(e) => return super::failed(state, lang, PATH, "reading a report text", e),
    };
    let name = report_name(kind, period, lang);
    let title = format!(
        "{} {name}",
        tr(lang, "analysis-analysis-and-recommendations-for")
    );
    let page = AnalysisPage {
        f: desk
            .frame_titled(PATH, &title)
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        kind: kind.as_str().to_owned(),
        from: period.from.to_string(),
        to: period.to.to_string(),
        name,
        report_href: report_href(kind, period),
        text: typed.unwrap_or_else(|| stored.as_ref().map(|t| t.text.clone()).unwrap_or_default()),
        last: stored.map(|t| (t.written_by_name, super::when(t.written_at))),
        errors,
    };
    crate::http::pages::html(status, &page)
}

/// `GET /beheer/verslagen/analyse?kind&from&to`: the text as it stands, to change.
pub async fn form(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(e) = klacht_core::register::may_manage(&desk.user.roles).map_err(PageError::from) {
        return refused(&desk, &e);
    }
    let get = |k: &str| q.get(k).map(String::as_str);
    match which(&desk, get("kind"), get("from"), get("to")) {
        Ok((kind, period)) => {
            page(
                &state,
                &desk,
                kind,
                period,
                None,
                Vec::new(),
                StatusCode::OK,
            )
            .await
        }
        Err(r) => r,
    }
}

/// The analysis form: which report (as in the address of [`form`]) and the text.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AnalysisForm {
    kind: Text,
    from: Text,
    to: Text,
    text: Text,
}

/// `POST /beheer/verslagen/analyse`: saves a new version and shows the report with it.
pub async fn save(State(state): State<AppState>, desk: Desk, body: axum::body::Bytes) -> Response {
    let sent: AnalysisForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    if let Err(e) = klacht_core::register::may_manage(&desk.user.roles).map_err(PageError::from) {
        return refused(&desk, &e);
    }
    let (kind, period) = match which(&desk, sent.kind.get(), sent.from.get(), sent.to.get()) {
        Ok(w) => w,
        Err(r) => return r,
    };
    let text = sent.text.as_str().to_owned();
    let written =
        klacht_app::register::write_report_text(&state, &desk.user, kind, period, &text).await;
    match written {
        Ok(_) => Redirect::to(&report_href(kind, period)).into_response(),
        Err(klacht_app::AppError::Invalid(_)) => {
            let msg = tr(desk.lang, "analysis-write-the-analysis-at-most-20-000");
            let errors = vec![("text".to_owned(), msg.to_owned())];
            page(
                &state,
                &desk,
                kind,
                period,
                Some(text),
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => super::failed(&state, desk.lang, PATH, "writing a report text", e),
    }
}
