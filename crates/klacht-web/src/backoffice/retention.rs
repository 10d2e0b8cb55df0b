//! Retention in the back office (K8, T10; AVG art. 5(1)(e)): `/beheer/bewaartermijn` shows
//! whoever may anonymise (the coordinator) what the daily round will anonymise in the coming
//! 30 days, every complaint held back on purpose with its reason and when its period ends (with
//! the way to lift the hold), and the regulation's retention period in words. The same outlook
//! as `GET /api/v1/retention`; holding, lifting and anonymising are steps on the dossier.

use super::Desk;
use crate::http::i18n::{tr, tr_count};
use crate::http::page_error::PageError;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use klacht_app::privacy;
use klacht_core::calendar::amsterdam_date;
use klacht_core::procedure::Action;

const PATH: &str = "/beheer/bewaartermijn";

/// How many days ahead the page looks.
const DAYS: u32 = 30;

/// A complaint the round will anonymise.
struct DueRow {
    reference: String,
    ended_on: String,
    anonymised_on: String,
    /// Its period already ran out: the next round takes it.
    next_round: bool,
}

/// A complaint held back from anonymisation.
struct HeldRow {
    reference: String,
    since: String,
    reason: String,
    kept_until: String,
    /// Its period ran out already: only the hold keeps it.
    overdue: bool,
    lift_href: String,
}

#[derive(Template)]
#[template(path = "beheer/retention.html")]
struct RetentionPage {
    f: super::Frame,
    /// The regulation's retention period, in a sentence.
    period: String,
    /// "the coming 30 days (until and including 5 January 2027)".
    until: String,
    due: Vec<DueRow>,
    held: Vec<HeldRow>,
    /// Due, but kept while a body outside the organisation has them (issue 18).
    kept_for_referral: Vec<DueRow>,
}

/// `GET /beheer/bewaartermijn`.
pub async fn show(State(state): State<AppState>, desk: Desk) -> Response {
    let lang = desk.lang;
    if let Err(e) = privacy::may_oversee(&state, &desk.user)
        .await
        .map_err(PageError::from)
    {
        if e.is_forbidden() {
            return super::refusal(
                &desk,
                PATH,
                &e,
                "/beheer",
                tr(lang, "dossier-to-the-dashboard"),
            );
        }
        return super::failed(&state, lang, PATH, "checking who oversees retention", e);
    }
    let outlook = match privacy::outlook(&state, DAYS).await {
        Ok(o) => o,
        Err(e) => {
            return super::failed(&state, lang, PATH, "reading the retention outlook", e);
        }
    };
    let months = state.regulation().profile.retention.months_after_close;
    let today = outlook.today;
    let date = |d| super::long_date(d, lang);
    let page = RetentionPage {
        f: desk.frame(PATH, "desk-retention"),
        period: tr_count(lang, "retention-the-period", "months", i64::from(months)),
        until: crate::http::i18n::tr_args(
            lang,
            "retention-until",
            &[("days", &DAYS.to_string()), ("date", &date(outlook.until))],
        ),
        kept_for_referral: outlook
            .kept_for_referral
            .iter()
            .map(|d| DueRow {
                reference: d.reference.to_string(),
                ended_on: date(d.ended_on),
                anonymised_on: date(d.anonymised_on),
                next_round: d.anonymised_on <= today,
            })
            .collect(),
        due: outlook
            .due
            .into_iter()
            .map(|d| DueRow {
                reference: d.reference.to_string(),
                ended_on: date(d.ended_on),
                anonymised_on: date(d.anonymised_on),
                next_round: d.anonymised_on <= today,
            })
            .collect(),
        held: outlook
            .held
            .into_iter()
            .map(|h| {
                let reference = h.reference.to_string();
                HeldRow {
                    lift_href: format!(
                        "/beheer/klachten/{reference}/stap/{}",
                        Action::LiftHold.name()
                    ),
                    reference,
                    since: date(amsterdam_date(h.since)),
                    reason: h.reason.unwrap_or_default(),
                    kept_until: h.kept_until.map(date).unwrap_or_default(),
                    overdue: h.kept_until.is_some_and(|k| k < today),
                }
            })
            .collect(),
    };
    crate::http::pages::html(StatusCode::OK, &page)
}
