//! Publishing the annual report (issue 18; T15, Awb 9:12a), next to the reports:
//! `/beheer/verslagen/publicatie?year=Y` lists every free text the annual report of `Y` would
//! show (the exceptional complaints' summaries, the analysis, the recommendations' and the
//! improvement actions' texts) with its review, a fit / not fit choice for each, a button that
//! publishes the year after a confirmation of what becomes public, and one that withdraws it.
//! Coordinator and deputy (those who write the report's texts). The public pages are the
//! site's `/jaarverslag`.

use super::{Desk, Frame};
use crate::http::forms::Text;
use crate::http::i18n::tr;
use crate::http::page_error::PageError;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use klacht_app::publication::{Overview, ReviewState};
use klacht_core::calendar::amsterdam_date;
use serde::Deserialize;
use std::collections::HashMap;

pub const PATH: &str = "/beheer/verslagen/publicatie";

/// The back-office address of `year`'s publication.
pub fn href(year: i16) -> String {
    format!("{PATH}?year={year}")
}

struct ItemView {
    kind: &'static str,
    item: String,
    text: String,
    hash: String,
    state_label: &'static str,
    reviewed: Option<(String, String)>,
    /// An id for the form's label.
    anchor: String,
}

struct HistoryLine {
    published: String,
    withdrawn: Option<String>,
}

#[derive(Template)]
#[template(path = "beheer/publication.html")]
struct PublicationPage {
    f: Frame,
    csrf: String,
    year: i16,
    ended: bool,
    public_since: Option<String>,
    items: Vec<ItemView>,
    fit: usize,
    left_out: usize,
    threshold: u32,
    history: Vec<HistoryLine>,
    report_href: String,
    errors: Vec<(String, String)>,
}

impl PublicationPage {
    fn error(&self, name: &str) -> Option<&str> {
        super::error_for(&self.errors, name)
    }
}

fn refused(desk: &Desk, e: &PageError) -> Response {
    let label = tr(desk.lang, "analysis-to-the-reports");
    super::refusal(desk, PATH, e, "/beheer/verslagen", label)
}

/// The year a form was posted for, once the poster may publish (the register's keepers).
fn permitted_year(desk: &Desk, raw: Option<&str>) -> Result<i16, Response> {
    klacht_core::register::may_manage(&desk.user.roles)
        .map_err(|e| refused(desk, &PageError::from(e)))?;
    year_of(desk, raw)
}

/// The page again, with the message `key` at `field`.
async fn again(
    state: &AppState,
    desk: &Desk,
    year: i16,
    field: &str,
    key: &'static str,
    status: StatusCode,
) -> Response {
    let errors = vec![(field.to_owned(), tr(desk.lang, key).to_owned())];
    page(state, desk, year, errors, status).await
}

fn year_of(desk: &Desk, raw: Option<&str>) -> Result<i16, Response> {
    match raw.map(str::trim).and_then(|y| y.parse::<i16>().ok()) {
        Some(y) if (2000..=2200).contains(&y) => Ok(y),
        _ => Err(super::message_with_link(
            &desk.frame(PATH, "publication-title").with_errors(true),
            StatusCode::UNPROCESSABLE_ENTITY,
            tr(desk.lang, "publication-bad-year").to_owned(),
            "/beheer/verslagen",
            tr(desk.lang, "analysis-to-the-reports"),
        )),
    }
}

fn state_label(s: ReviewState) -> &'static str {
    match s {
        ReviewState::Unreviewed => "publication-state-unreviewed",
        ReviewState::Changed => "publication-state-changed",
        ReviewState::Fit => "publication-state-fit",
        ReviewState::NotFit => "publication-state-not-fit",
    }
}

async fn page(
    state: &AppState,
    desk: &Desk,
    year: i16,
    errors: Vec<(String, String)>,
    status: StatusCode,
) -> Response {
    let lang = desk.lang;
    let o: Overview = match klacht_app::publication::overview(state, &desk.user, year, lang).await {
        Ok(o) => o,
        Err(klacht_app::AppError::Refused(r)) => {
            return refused(desk, &PageError::from(klacht_app::AppError::Refused(r)));
        }
        Err(e) => return super::failed(state, lang, PATH, "reading a publication", e),
    };
    let title = format!("{} {year}", tr(lang, "publication-title"));
    let items: Vec<ItemView> = o
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| ItemView {
            kind: it.text.kind.label(lang),
            item: it.text.item.clone(),
            text: it.text.text.clone(),
            hash: it.hash.clone(),
            state_label: tr(lang, state_label(it.state)),
            reviewed: it
                .review
                .as_ref()
                .map(|r| (r.reviewed_by_name.clone(), super::when(r.reviewed_at))),
            anchor: format!("text-{}", i + 1),
        })
        .collect();
    let fit = o.fit();
    let page = PublicationPage {
        f: desk
            .frame_titled(PATH, &title)
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        year,
        ended: o.ended,
        public_since: o
            .public()
            .map(|p| format!("{} ({})", super::when(p.published_at), p.published_by_name)),
        left_out: items.len() - fit,
        fit,
        items,
        threshold: state.regulation().profile.reports.small_count_threshold,
        history: o
            .history
            .iter()
            .map(|p| HistoryLine {
                published: format!("{} ({})", super::when(p.published_at), p.published_by_name),
                withdrawn: p
                    .withdrawn
                    .as_ref()
                    .map(|(_, name, at)| format!("{} ({name})", super::when(*at))),
            })
            .collect(),
        report_href: format!("/beheer/verslagen/jaar?year={year}"),
        errors,
    };
    crate::http::pages::html(status, &page)
}

/// `GET /beheer/verslagen/publicatie?year=Y` (the year before this one by default).
pub async fn show(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let default = (amsterdam_date(state.clock.now()).year() - 1).to_string();
    let raw = q.get("year").map(String::as_str).unwrap_or(&default);
    match permitted_year(&desk, Some(raw)) {
        Ok(year) => page(&state, &desk, year, Vec::new(), StatusCode::OK).await,
        Err(r) => r,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReviewForm {
    year: Text,
    item: Text,
    hash: Text,
    fit: Text,
}

/// `POST /beheer/verslagen/publicatie/beoordeling`: one text fit (`fit=yes`) or not (`fit=no`).
pub async fn review(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let sent: ReviewForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let year = match permitted_year(&desk, sent.year.get()) {
        Ok(y) => y,
        Err(r) => return r,
    };
    let fit = match sent.fit.get() {
        Some("yes") => true,
        Some("no") => false,
        _ => {
            return again(
                &state,
                &desk,
                year,
                "texts",
                "publication-choose-fit",
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let done = klacht_app::publication::review(
        &state,
        &desk.user,
        year,
        sent.item.as_str(),
        sent.hash.as_str(),
        fit,
    )
    .await;
    match done {
        Ok(()) => Redirect::to(&href(year)).into_response(),
        Err(klacht_app::AppError::WrongState(_) | klacht_app::AppError::NotFound { .. }) => {
            again(
                &state,
                &desk,
                year,
                "texts",
                "publication-text-changed",
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e @ klacht_app::AppError::Refused(_)) => refused(&desk, &PageError::from(e)),
        Err(e) => super::failed(&state, desk.lang, PATH, "reviewing a text", e),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct YearForm {
    year: Text,
    confirm: Text,
}

/// `POST /beheer/verslagen/publicatie/publiceren`: publishes the year (with `confirm`).
pub async fn publish(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let sent: YearForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let year = match permitted_year(&desk, sent.year.get()) {
        Ok(y) => y,
        Err(r) => return r,
    };
    if sent.confirm.get() != Some("yes") {
        return again(
            &state,
            &desk,
            year,
            "confirm",
            "publication-confirm-first",
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    match klacht_app::publication::publish(&state, &desk.user, year).await {
        Ok(_) => Redirect::to(&href(year)).into_response(),
        Err(klacht_app::AppError::Invalid(_)) => {
            again(
                &state,
                &desk,
                year,
                "confirm",
                "publication-year-not-over",
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e @ klacht_app::AppError::Refused(_)) => refused(&desk, &PageError::from(e)),
        Err(e) => super::failed(&state, desk.lang, PATH, "publishing an annual report", e),
    }
}

/// `POST /beheer/verslagen/publicatie/intrekken`: withdraws the year's public report.
pub async fn withdraw(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let sent: YearForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let year = match permitted_year(&desk, sent.year.get()) {
        Ok(y) => y,
        Err(r) => return r,
    };
    match klacht_app::publication::withdraw(&state, &desk.user, year).await {
        Ok(()) => Redirect::to(&href(year)).into_response(),
        Err(klacht_app::AppError::NotFound { .. }) => {
            again(
                &state,
                &desk,
                year,
                "withdraw",
                "publication-not-public",
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e @ klacht_app::AppError::Refused(_)) => refused(&desk, &PageError::from(e)),
        Err(e) => super::failed(&state, desk.lang, PATH, "withdrawing an annual report", e),
    }
}
