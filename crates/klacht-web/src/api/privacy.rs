//! Retention as JSON (K8, T10): what the daily round will anonymise and what is held back, and
//! running the round. Holding, lifting and anonymising one complaint are steps
//! (`POST /api/v1/complaints/{reference}/hold|lift-hold|anonymise`).

use crate::http::auth::CurrentUser;
use crate::http::body::{Body, Validate};
use crate::http::error::{ApiError, ErrorBody, FieldError};
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use klacht_app::privacy::{self, Due};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// The longest outlook, in days.
const MAX_DAYS: u32 = 366;

/// A complaint the round anonymises (or would).
#[derive(Debug, Serialize, ToSchema)]
pub struct DueOut {
    pub reference: String,
    /// The day it was closed or withdrawn.
    #[schema(value_type = String, format = Date)]
    pub ended_on: Date,
    /// The day the round anonymises it: the day after its retention period.
    #[schema(value_type = String, format = Date)]
    pub anonymised_on: Date,
}

fn due_out(d: Due) -> DueOut {
    DueOut {
        reference: d.reference.to_string(),
        ended_on: d.ended_on,
        anonymised_on: d.anonymised_on,
    }
}

/// A complaint held back from anonymisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct HeldOut {
    pub reference: String,
    #[schema(value_type = String, format = DateTime)]
    pub since: jiff::Timestamp,
    pub reason: Option<String>,
    /// When its retention period ends or ended (were it not held).
    #[schema(value_type = Option<String>, format = Date)]
    pub kept_until: Option<Date>,
}

/// What the round will anonymise from `today` to `until`, and every complaint held back.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutlookOut {
    #[schema(value_type = String, format = Date)]
    pub today: Date,
    #[schema(value_type = String, format = Date)]
    pub until: Date,
    pub due: Vec<DueOut>,
    pub held: Vec<HeldOut>,
    /// Due by `until`, but kept while a body outside the organisation has them: a referral
    /// whose outcome is not recorded (issue 18).
    pub kept_for_referral: Vec<DueOut>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct OutlookQuery {
    /// How many days ahead, 0–366 (default 30).
    days: Option<u32>,
}

/// What the retention round will anonymise in the coming days (default 30), and the complaints
/// held back with their reasons: for whoever may anonymise (the coordinator).
#[utoipa::path(
    get,
    path = "/api/v1/retention",
    tag = "privacy",
    params(OutlookQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, body = OutlookOut),
        (status = 400, description = "A bad query", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only who may anonymise (the coordinator)", body = ErrorBody),
        (status = 422, description = "Too many days", body = ErrorBody),
    )
)]
pub async fn outlook(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    query: Result<Query<OutlookQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<OutlookOut>, ApiError> {
    let Query(q) =
        query.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "bad_query", e.body_text()))?;
    privacy::may_oversee(&state, &user).await?;
    let days = q.days.unwrap_or(30);
    if days > MAX_DAYS {
        return Err(ApiError::invalid(vec![FieldError {
            field: "days".into(),
            message: format!("at most {MAX_DAYS}"),
        }]));
    }
    let o = privacy::outlook(&state, days).await?;
    Ok(Json(OutlookOut {
        today: o.today,
        until: o.until,
        due: o.due.into_iter().map(due_out).collect(),
        kept_for_referral: o.kept_for_referral.into_iter().map(due_out).collect(),
        held: o
            .held
            .into_iter()
            .map(|h| HeldOut {
                reference: h.reference.to_string(),
                since: h.since,
                reason: h.reason,
                kept_until: h.kept_until,
            })
            .collect(),
    }))
}

/// Running the retention round.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunRequest {
    /// Say what would be anonymised; change nothing.
    #[serde(default)]
    pub dry_run: bool,
}

impl Validate for RunRequest {
    fn validate(&self, _errors: &mut Vec<FieldError>) {}
}

/// A complaint the round could not anonymise (tried again next round).
#[derive(Debug, Serialize, ToSchema)]
pub struct FailedOut {
    pub reference: String,
    pub error: String,
}

/// What a round did (or, on a dry run, would do).
#[derive(Debug, Serialize, ToSchema)]
pub struct RoundOut {
    pub dry_run: bool,
    /// Anonymised now; on a dry run, due now.
    pub anonymised: Vec<DueOut>,
    pub failed: Vec<FailedOut>,
    /// What else went because its period ran out (on a dry run: would go).
    pub purged: PurgedOut,
}

/// What the round removed besides complaints, each by its period in the profile's
/// `[retention]` (on a dry run: would remove).
#[derive(Debug, Serialize, ToSchema)]
pub struct PurgedOut {
    /// Back-office sessions that ended.
    pub sessions: u64,
    /// Setup and set-password links used or expired.
    pub account_links: u64,
    /// Revoked API tokens.
    pub api_tokens: u64,
    /// Lines of the read log older than `read_log_months`.
    pub reads: u64,
    /// Lines of the account log older than `account_log_months`.
    pub account_log: u64,
    /// Staff notices older than `notice_days`.
    pub notices: u64,
    /// Mail that is not a letter, sent or failed longer than `mail_days` ago.
    pub mail: u64,
    /// Requests of data subjects settled longer than `request_months` ago, with their log.
    pub requests: u64,
    /// Their `.eml` copies in the outbox.
    pub mail_copies: u64,
    /// Stored files no dossier refers to, older than `upload_hours`.
    pub uploads: u64,
    /// Why removing stopped before it was done, if it did; the next round tries again.
    pub failed: Option<String>,
}

fn purged_out(p: privacy::Purged) -> PurgedOut {
    let r = p.rows;
    PurgedOut {
        sessions: r.sessions,
        account_links: r.account_links,
        api_tokens: r.api_tokens,
        reads: r.reads,
        account_log: r.account_log,
        notices: r.notices,
        mail: r.mail,
        requests: r.requests,
        mail_copies: p.mail_copies,
        uploads: p.uploads,
        failed: p.failed,
    }
}

/// Runs the retention round now (also done daily by `klacht serve`): anonymises every complaint
/// closed or withdrawn longer ago than the regulation's retention period and not held back.
#[utoipa::path(
    post,
    path = "/api/v1/retention/run",
    tag = "privacy",
    request_body = RunRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, body = RoundOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only who may anonymise (the coordinator)", body = ErrorBody),
        (status = 503, description = "The database cannot take it now; nothing was anonymised", body = ErrorBody),
    )
)]
pub async fn run(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Body(b): Body<RunRequest>,
) -> Result<Json<RoundOut>, ApiError> {
    privacy::may_oversee(&state, &user).await?;
    let round = privacy::round(&state, b.dry_run).await?;
    Ok(Json(RoundOut {
        dry_run: round.dry_run,
        anonymised: round.anonymised.into_iter().map(due_out).collect(),
        failed: round
            .failed
            .into_iter()
            .map(|(r, error)| FailedOut {
                reference: r.to_string(),
                error,
            })
            .collect(),
        purged: purged_out(round.purged),
    }))
}
