//! The recommendations register (T14), the evaluations of the regulation (T16) and the
//! coordinator's words for a report (T13, T15, K13) as JSON.
//!
//! Who may do what: the coordinator and the deputy propose recommendations, link complaints,
//! manage improvement actions, record evaluations and write report texts; the director and the
//! board decide on recommendations (T14: the directors decide); those four read the register;
//! an action's owner may change the status and result of their own action. The page handlers
//! in `beheer::recommendations` use the same functions.

use super::field;
use crate::http::auth::CurrentUser;
use crate::http::body::{Body, Validate, line_field, text_field};
use crate::http::error::{ApiError, ErrorBody, FieldError};
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use klacht_core::calendar::amsterdam_date;
use klacht_core::reports::{ActionStatus, Period, RecommendationStatus};
use klacht_store::{Action, Evaluation, Recommendation, User};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub(crate) fn may_read(user: &User) -> Result<(), ApiError> {
    Ok(klacht_core::register::may_read(&user.roles)?)
}

pub(crate) fn may_manage(user: &User) -> Result<(), ApiError> {
    Ok(klacht_core::register::may_manage(&user.roles)?)
}

/// An improvement action.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionOut {
    pub id: i64,
    pub recommendation: i64,
    pub description: String,
    /// The owner's e-mail address.
    pub owner: String,
    pub owner_name: String,
    #[schema(value_type = String, format = Date)]
    pub due: Date,
    pub status: ActionStatus,
    pub result: Option<String>,
    /// Not done or cancelled, and due before today.
    pub overdue: bool,
    /// Who changed it last, and when.
    pub updated_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: jiff::Timestamp,
}

/// A recommendation in the register.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecommendationOut {
    pub id: i64,
    pub title: String,
    pub text: String,
    pub status: RecommendationStatus,
    pub created_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
    /// Who decided (a name), when and why.
    pub decided_by: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub decided_at: Option<jiff::Timestamp>,
    pub reason: Option<String>,
    /// References of the complaints it comes from.
    pub complaints: Vec<String>,
    pub actions: Vec<ActionOut>,
}

async fn emails(state: &AppState) -> Result<std::collections::HashMap<i64, String>, ApiError> {
    Ok(state
        .store
        .recent_users()
        .await?
        .iter()
        .map(|u| (u.id.0, u.email.clone()))
        .collect())
}

fn action_out(
    a: &Action,
    today: Date,
    emails: &std::collections::HashMap<i64, String>,
) -> ActionOut {
    ActionOut {
        id: a.id,
        recommendation: a.recommendation,
        description: a.description.clone(),
        owner: emails.get(&a.owner.0).cloned().unwrap_or_default(),
        owner_name: a.owner_name.clone(),
        due: a.due,
        status: a.status,
        result: a.result.clone(),
        overdue: a.overdue(today),
        updated_by: emails.get(&a.updated_by.0).cloned().unwrap_or_default(),
        updated_at: a.updated_at,
    }
}

async fn out(state: &AppState, r: &Recommendation) -> Result<RecommendationOut, ApiError> {
    let today = amsterdam_date(state.clock.now());
    Ok(recommendation_out(r, today, &emails(state).await?))
}

fn recommendation_out(
    r: &Recommendation,
    today: Date,
    emails: &std::collections::HashMap<i64, String>,
) -> RecommendationOut {
    RecommendationOut {
        id: r.id,
        title: r.title.clone(),
        text: r.text.clone(),
        status: r.status,
        created_by: r.created_by_name.clone(),
        created_at: r.created_at,
        decided_by: r.decided_by_name.clone(),
        decided_at: r.decided_at,
        reason: r.reason.clone(),
        complaints: r.complaints.iter().map(ToString::to_string).collect(),
        actions: r
            .actions
            .iter()
            .map(|a| action_out(a, today, emails))
            .collect(),
    }
}

async fn load(state: &AppState, id: i64) -> Result<Recommendation, ApiError> {
    Ok(klacht_app::register::recommendation(state, id).await?)
}

/// A new recommendation.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRecommendation {
    /// Required, at most 200 characters.
    #[serde(default)]
    pub title: Option<String>,
    /// Required: the recommendation itself (staff text, no personal data).
    #[serde(default)]
    pub text: Option<String>,
}

impl Validate for NewRecommendation {
    fn validate(&self, errors: &mut Vec<FieldError>) {
        line_field(errors, "title", &self.title, true, klacht_store::MAX_TITLE);
        text_field(errors, "text", &self.text, true, klacht_store::MAX_TEXT);
    }
}

/// A change to an improvement action. The owner may send only `status` and `result`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionUpdate {
    /// open, in_progress, done or cancelled.
    #[serde(default)]
    pub status: Option<String>,
    /// What came of it; an empty text clears it.
    #[serde(default)]
    pub result: Option<String>,
    /// Coordinator and deputy only.
    #[serde(default)]
    pub description: Option<String>,
    /// Coordinator and deputy only: the new owner's e-mail address.
    #[serde(default)]
    pub owner: Option<String>,
    /// Coordinator and deputy only: YYYY-MM-DD.
    #[serde(default)]
    pub due: Option<String>,
}

impl Validate for ActionUpdate {
    fn validate(&self, errors: &mut Vec<FieldError>) {
        text_field(
            errors,
            "result",
            &self.result,
            false,
            klacht_store::MAX_TEXT,
        );
        text_field(
            errors,
            "description",
            &self.description,
            false,
            klacht_store::MAX_TEXT,
        );
    }
}

/// The register, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/recommendations",
    tag = "register",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<RecommendationOut>),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only coordinator, deputy, director and board", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Vec<RecommendationOut>>, ApiError> {
    may_read(&user)?;
    let today = amsterdam_date(state.clock.now());
    let emails = emails(&state).await?;
    let list = state.store.recommendations().await?;
    Ok(Json(
        list.iter()
            .map(|r| recommendation_out(r, today, &emails))
            .collect(),
    ))
}

/// Proposes a recommendation (T14): coordinator and deputy.
#[utoipa::path(
    post,
    path = "/api/v1/recommendations",
    tag = "register",
    request_body = NewRecommendation,
    security(("bearer" = [])),
    responses(
        (status = 201, body = RecommendationOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only coordinator and deputy", body = ErrorBody),
        (status = 422, description = "A missing or bad title or text, named", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Body(b): Body<NewRecommendation>,
) -> Result<(StatusCode, Json<RecommendationOut>), ApiError> {
    let id = klacht_app::register::propose(
        &state,
        &user,
        b.title.as_deref().unwrap_or(""),
        b.text.as_deref().unwrap_or(""),
    )
    .await?;
    let r = load(&state, id).await?;
    Ok((StatusCode::CREATED, Json(out(&state, &r).await?)))
}

/// One recommendation with its complaints and improvement actions.
#[utoipa::path(
    get,
    path = "/api/v1/recommendations/{id}",
    tag = "register",
    params(("id" = i64, Path, description = "The recommendation's number")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = RecommendationOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only coordinator, deputy, director and board", body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<RecommendationOut>, ApiError> {
    may_read(&user)?;
    let r = load(&state, id).await?;
    Ok(Json(out(&state, &r).await?))
}

/// The directors' decision.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// `adopted` or `rejected`.
    #[serde(default)]
    pub decision: Option<String>,
    /// Required: why.
    #[serde(default)]
    pub reason: Option<String>,
}

impl Validate for DecisionRequest {
    fn validate(&self, errors: &mut Vec<FieldError>) {
        text_field(
            errors,
            "reason",
            &self.reason,
            false,
            klacht_store::MAX_TEXT,
        );
    }
}

/// Adopts or rejects a proposed recommendation, with the reason (T14): director and board.
#[utoipa::path(
    post,
    path = "/api/v1/recommendations/{id}/decision",
    tag = "register",
    params(("id" = i64, Path, description = "The recommendation's number")),
    request_body = DecisionRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, body = RecommendationOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only director and board", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Decided already", body = ErrorBody),
        (status = 422, description = "A missing decision or reason, named", body = ErrorBody),
    )
)]
pub async fn decision(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    Body(b): Body<DecisionRequest>,
) -> Result<Json<RecommendationOut>, ApiError> {
    klacht_app::register::decide(
        &state,
        &user,
        id,
        b.decision.as_deref(),
        b.reason.as_deref(),
    )
    .await?;
    let r = load(&state, id).await?;
    Ok(Json(out(&state, &r).await?))
}

/// Complaints to link.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkRequest {
    /// Complaint references, e.g. `["2026-0001"]`.
    #[serde(default)]
    pub complaints: Option<Vec<String>>,
}

impl Validate for LinkRequest {
    fn validate(&self, errors: &mut Vec<FieldError>) {
        if self.complaints.as_ref().is_none_or(Vec::is_empty) {
            errors.push(field("complaints", "name at least one complaint reference"));
        }
    }
}

/// Links complaints the recommendation comes from (coordinator, deputy). All or nothing: an
/// unknown reference is a 422 naming it.
#[utoipa::path(
    post,
    path = "/api/v1/recommendations/{id}/complaints",
    tag = "register",
    params(("id" = i64, Path, description = "The recommendation's number")),
    request_body = LinkRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, body = RecommendationOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only coordinator and deputy", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "An unknown or bad reference, named", body = ErrorBody),
    )
)]
pub async fn complaints(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    Body(b): Body<LinkRequest>,
) -> Result<Json<RecommendationOut>, ApiError> {
    klacht_app::register::link(&state, &user, id, &b.complaints.unwrap_or_default()).await?;
    let r = load(&state, id).await?;
    Ok(Json(out(&state, &r).await?))
}

/// A new improvement action.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAction {
    #[serde(default)]
    pub description: Option<String>,
    /// The owner's e-mail address (an active user).
    #[serde(default)]
    pub owner: Option<String>,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub due: Option<String>,
}

impl Validate for NewAction {
    fn validate(&self, errors: &mut Vec<FieldError>) {
        text_field(
            errors,
            "description",
            &self.description,
            true,
            klacht_store::MAX_TEXT,
        );
    }
}

/// Adds an improvement action to an adopted recommendation (coordinator, deputy).
#[utoipa::path(
    post,
    path = "/api/v1/recommendations/{id}/actions",
    tag = "register",
    params(("id" = i64, Path, description = "The recommendation's number")),
    request_body = NewAction,
    security(("bearer" = [])),
    responses(
        (status = 201, body = ActionOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only coordinator and deputy", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "The recommendation is not adopted", body = ErrorBody),
        (status = 422, description = "A missing or bad description, owner or due date, named", body = ErrorBody),
    )
)]
pub async fn actions(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    Body(b): Body<NewAction>,
) -> Result<(StatusCode, Json<ActionOut>), ApiError> {
    let aid = klacht_app::register::add_action(
        &state,
        &user,
        id,
        b.description.as_deref(),
        b.owner.as_deref(),
        b.due.as_deref(),
    )
    .await?;
    let a = state
        .store
        .action(aid)
        .await?
        .ok_or_else(|| ApiError::internal(format!("the action {aid} just added is gone")))?;
    let today = amsterdam_date(state.clock.now());
    Ok((
        StatusCode::CREATED,
        Json(action_out(&a, today, &emails(&state).await?)),
    ))
}

/// Changes an improvement action: its owner the status and result, the coordinator and deputy
/// anything.
#[utoipa::path(
    post,
    path = "/api/v1/recommendations/actions/{id}",
    tag = "register",
    params(("id" = i64, Path, description = "The action's number")),
    request_body = ActionUpdate,
    security(("bearer" = [])),
    responses(
        (status = 200, body = ActionOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not the owner, coordinator or deputy; or an owner changing more than status and result", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "A bad status, owner or due date, named", body = ErrorBody),
    )
)]
pub async fn action(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    Body(b): Body<ActionUpdate>,
) -> Result<Json<ActionOut>, ApiError> {
    let edit = klacht_app::register::ActionEdit {
        status: b.status,
        result: b.result,
        description: b.description,
        owner: b.owner,
        due: b.due,
    };
    let a = klacht_app::register::update_action(&state, &user, id, &edit).await?;
    let today = amsterdam_date(state.clock.now());
    Ok(Json(action_out(&a, today, &emails(&state).await?)))
}

/// An evaluation of the regulation (T16).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EvaluationOut {
    pub id: i64,
    /// The year evaluated.
    pub year: i32,
    #[schema(value_type = String, format = Date)]
    pub evaluated_on: Date,
    /// Who evaluated (a name).
    pub evaluated_by: String,
    /// Whether the regulation was changed.
    pub changed: bool,
    #[schema(value_type = Option<String>, format = Date)]
    pub new_version_on: Option<Date>,
    pub notes: Option<String>,
}

fn evaluation_out(e: Evaluation) -> EvaluationOut {
    EvaluationOut {
        id: e.id,
        year: e.year,
        evaluated_on: e.evaluated_on,
        evaluated_by: e.evaluated_by_name,
        changed: e.changed,
        new_version_on: e.new_version_on,
        notes: e.notes,
    }
}

/// A new evaluation record; the one who sends it is recorded as the evaluator.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEvaluationRequest {
    /// The year evaluated, e.g. 2026.
    #[serde(default)]
    pub year: Option<i32>,
    /// YYYY-MM-DD, not in the future.
    #[serde(default)]
    pub evaluated_on: Option<String>,
    /// Whether the regulation was changed as a result.
    #[serde(default)]
    pub changed: Option<bool>,
    /// YYYY-MM-DD: when a new version was adopted (only when changed).
    #[serde(default)]
    pub new_version_on: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

impl Validate for NewEvaluationRequest {
    fn validate(&self, errors: &mut Vec<FieldError>) {
        crate::http::body::require(errors, "year", &self.year);
        crate::http::body::require(errors, "changed", &self.changed);
        text_field(errors, "notes", &self.notes, false, klacht_store::MAX_TEXT);
    }
}

/// The evaluations of the regulation (T16), the latest first.
#[utoipa::path(
    get,
    path = "/api/v1/evaluations",
    tag = "register",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<EvaluationOut>),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only coordinator, deputy, director and board", body = ErrorBody),
    )
)]
pub async fn evaluations(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Vec<EvaluationOut>>, ApiError> {
    may_read(&user)?;
    Ok(Json(
        state
            .store
            .evaluations()
            .await?
            .into_iter()
            .map(evaluation_out)
            .collect(),
    ))
}

/// Records an evaluation of the regulation (T16): coordinator and deputy.
#[utoipa::path(
    post,
    path = "/api/v1/evaluations",
    tag = "register",
    request_body = NewEvaluationRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, body = EvaluationOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only coordinator and deputy", body = ErrorBody),
        (status = 422, description = "A missing or bad field, named", body = ErrorBody),
    )
)]
pub async fn record_evaluation(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Body(b): Body<NewEvaluationRequest>,
) -> Result<(StatusCode, Json<EvaluationOut>), ApiError> {
    let input = klacht_app::register::EvaluationInput {
        year: b.year,
        evaluated_on: b.evaluated_on.as_deref(),
        changed: b.changed,
        new_version_on: b.new_version_on.as_deref(),
        notes: b.notes.as_deref(),
    };
    let id = klacht_app::register::evaluate(&state, &user, &input).await?;
    let e = state
        .store
        .evaluations()
        .await?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| ApiError::internal("the evaluation just recorded is gone"))?;
    Ok((StatusCode::CREATED, Json(evaluation_out(e))))
}

/// The coordinator's words for a report.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportTextRequest {
    /// `half_year`, `annual` or `period`.
    #[serde(default)]
    pub kind: Option<String>,
    /// The report's first day, YYYY-MM-DD (1 January or 1 July for half_year, 1 January for
    /// annual).
    #[serde(default)]
    pub from: Option<String>,
    /// The report's last day, YYYY-MM-DD.
    #[serde(default)]
    pub to: Option<String>,
    /// The analysis and recommendations, as the report shows them (no personal data).
    #[serde(default)]
    pub text: Option<String>,
}

impl Validate for ReportTextRequest {
    fn validate(&self, errors: &mut Vec<FieldError>) {
        text_field(errors, "text", &self.text, true, klacht_store::MAX_TEXT);
    }
}

/// The text as stored.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportTextOut {
    pub kind: String,
    pub period: Period,
    pub text: String,
    pub written_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub written_at: jiff::Timestamp,
}

/// Writes the coordinator's analysis and recommendations for a report (K13, T15, T13):
/// coordinator and deputy. The latest written is the one the report shows.
#[utoipa::path(
    put,
    path = "/api/v1/reports/texts",
    tag = "reports",
    request_body = ReportTextRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, body = ReportTextOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only coordinator and deputy", body = ErrorBody),
        (status = 422, description = "A missing or bad kind, from, to or text, named", body = ErrorBody),
    )
)]
pub async fn report_text(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Body(b): Body<ReportTextRequest>,
) -> Result<Json<ReportTextOut>, ApiError> {
    may_manage(&user)?;
    let (kind, period) =
        klacht_app::register::report_period(b.kind.as_deref(), b.from.as_deref(), b.to.as_deref())?;
    let t = klacht_app::register::write_report_text(
        &state,
        &user,
        kind,
        period,
        b.text.as_deref().unwrap_or(""),
    )
    .await?;
    Ok(Json(ReportTextOut {
        kind: kind.as_str().to_owned(),
        period,
        text: t.text,
        written_by: t.written_by_name,
        written_at: t.written_at,
    }))
}
