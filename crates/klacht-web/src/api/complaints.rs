//! The staff API: list, register, read the dossier, and take each step of the procedure.

use super::dossier::{Dossier, StepAnswer, render};
use super::dto::{ActionRequest, Created, ListEntry, ListPage, StaffComplaint};
use crate::follow;
use crate::http::auth::CurrentUser;
use crate::http::body::{self, Body};
use crate::http::error::{ApiError, ErrorBody, FieldError};
use crate::http::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use klacht_core::calendar::amsterdam_date;
use klacht_core::deadlines;
use klacht_core::procedure::{self, Action, View};
use klacht_core::{Channel, UserId};
use klacht_store::{Cursor, ListFilter, Sort};
use serde::Deserialize;
use utoipa::IntoParams;

/// What was made of a registered complaint, as the API answers.
pub(crate) fn created(state: &AppState, r: klacht_app::complaints::Registered) -> Created {
    Created {
        reference: r.reference.to_string(),
        status: r.complaint.status.as_str().into(),
        received_at: r.complaint.received_at,
        deadlines: super::dossier::deadlines(&r.complaint, &r.loaded, r.at),
        status_url: r
            .status_token
            .map(|token| state.settings.url(&follow::status_path(&token))),
        letters: r.letters.iter().map(|l| l.as_str().to_owned()).collect(),
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Comma-separated statuses: received, acknowledged, in_progress, decided, closed, withdrawn,
    /// duplicate.
    status: Option<String>,
    /// Only complaints with a running deadline that has passed.
    overdue: Option<bool>,
    /// The handler, by e-mail or id.
    assignee: Option<String>,
    category: Option<String>,
    channel: Option<String>,
    severity: Option<String>,
    escalated: Option<bool>,
    sensitive: Option<bool>,
    /// Words from the dossier (description, names, notes), or a reference.
    text: Option<String>,
    /// `newest` (default) or `due`: most urgent deadline first.
    sort: Option<String>,
    /// The `next` of the previous page.
    after: Option<String>,
    /// Page size, 1–500 (default 50).
    limit: Option<u32>,
}

/// List complaints visible to you, filtered, by keyset pages.
#[utoipa::path(
    get,
    path = "/api/v1/complaints",
    tag = "complaints",
    params(ListQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, body = ListPage),
        (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    query: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<ListPage>, ApiError> {
    let Query(q) =
        query.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "bad_query", e.body_text()))?;
    let mut errors = Vec::new();
    let mut bad = |field: &str, msg: &str| {
        errors.push(FieldError {
            field: field.into(),
            message: msg.into(),
        })
    };
    let mut filter = ListFilter::default();
    for s in q
        .status
        .iter()
        .flat_map(|s| s.split(','))
        .filter(|s| !s.is_empty())
    {
        match procedure::Status::parse(s.trim()) {
            Some(st) => filter.statuses.push(st),
            None => bad(
                "status",
                "expected received, acknowledged, in_progress, decided, closed or withdrawn",
            ),
        }
    }
    let today = amsterdam_date(state.clock.now());
    if q.overdue == Some(true) {
        filter.overdue_on = Some(today);
    }
    if let Some(a) = &q.assignee {
        match a.parse::<i64>() {
            Ok(id) => filter.handler = Some(UserId(id)),
            Err(_) => match state.store.user_by_email(a).await? {
                Some(u) => filter.handler = Some(u.id),
                None => bad("assignee", "no staff member with this e-mail"),
            },
        }
    }
    filter.category = q.category.clone();
    if let Some(c) = &q.channel {
        match Channel::parse(c) {
            Some(c) => filter.channel = Some(c),
            None => bad(
                "channel",
                "expected web, email, phone, letter, in_person or social_media",
            ),
        }
    }
    filter.severity = q.severity.clone();
    filter.escalated = q.escalated;
    filter.sensitive = q.sensitive;
    filter.text = q.text.clone();
    let sort = match q.sort.as_deref() {
        None | Some("newest") => Sort::Newest,
        Some("due") => Sort::NextDue,
        Some(_) => {
            bad("sort", "expected newest or due");
            Sort::Newest
        }
    };
    let after = match q.after.as_deref() {
        None => None,
        Some(a) => match Cursor::decode(a) {
            Some(c) => Some(c),
            None => {
                bad("after", "not a cursor from a previous page");
                None
            }
        },
    };
    if q.limit.is_some_and(|l| !(1..=500).contains(&l)) {
        bad("limit", "expected 1 to 500");
    }
    if !errors.is_empty() {
        return Err(ApiError::invalid(errors));
    }
    let page = klacht_app::lists::list(
        &state.app,
        &user,
        &filter,
        sort,
        after.as_ref(),
        q.limit.unwrap_or(50),
    )
    .await?;
    Ok(Json(ListPage {
        next: page.next.map(|c| c.encode()),
        items: page
            .items
            .into_iter()
            .map(|i| ListEntry {
                overdue: i.next_due.is_some_and(|d| deadlines::is_overdue(d, today)),
                reference: i.reference.to_string(),
                status: i.status.as_str().into(),
                channel: i.channel.as_str().into(),
                received_at: i.received_at,
                next_due: i.next_due,
                handler: i.handler.map(|h| h.0),
                categories: i.categories,
                severity: i.severity,
                sensitive: i.sensitive,
                escalation: i.escalation,
                outcome: i.outcome,
            })
            .collect(),
    }))
}

/// Register a complaint received by phone, letter, in person, e-mail or social media, or one
/// settled at once (T4).
#[utoipa::path(
    post,
    path = "/api/v1/complaints",
    tag = "complaints",
    request_body = StaffComplaint,
    security(("bearer" = [])),
    responses(
        (status = 201, body = Created),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn register(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Body(c): Body<StaffComplaint>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let registered = klacht_app::intake::register_staff(&state, &user, &c).await?;
    Ok((StatusCode::CREATED, Json(created(&state, registered))))
}

use klacht_app::complaints::{StepOptions, invisible, open, take_command, take_step};

/// The dossier: fields, status, classification, deadlines and timeline (K8: every opening is
/// logged).
#[utoipa::path(
    get,
    path = "/api/v1/complaints/{reference}",
    tag = "complaints",
    params(("reference" = String, Path, description = "e.g. 2026-0042")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The dossier", body = Dossier),
        (status = 401, body = ErrorBody),
        (status = 404, description = "Unknown, or not visible to you", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(reference): Path<String>,
) -> Result<Json<Dossier>, ApiError> {
    let o = open(&state, &reference).await?;
    let staff = user.staff();
    let view = procedure::view(&o.loaded.profile, &o.org, &o.dossier.state, &staff);
    if view == View::None {
        return Err(invisible(&reference).into());
    }
    klacht_app::complaints::log_read(&state, &o, user.id).await?;
    Ok(Json(render(&o, &staff, view, state.clock.now())?))
}

/// The body of a step, read as the request of `action`: its own fields only.
fn step_body(action: Action, bytes: &[u8]) -> Result<ActionRequest, ApiError> {
    use body::parse;
    Ok(match action {
        Action::Acknowledge => ActionRequest::Acknowledge(parse(bytes)?),
        Action::Assign => ActionRequest::Assign(parse(bytes)?),
        Action::RecordConcerns => ActionRequest::RecordConcerns(parse(bytes)?),
        Action::InformInvolved => ActionRequest::InformInvolved(parse(bytes)?),
        Action::RecordHearing => ActionRequest::RecordHearing(parse(bytes)?),
        Action::RecordComplainantHearing => ActionRequest::RecordComplainantHearing(parse(bytes)?),
        Action::ReferOutside => ActionRequest::ReferOutside(parse(bytes)?),
        Action::RecordExternalOutcome => ActionRequest::RecordExternalOutcome(parse(bytes)?),
        Action::RecordContact => ActionRequest::RecordContact(parse(bytes)?),
        Action::AddNote => ActionRequest::AddNote(parse(bytes)?),
        Action::AttachDocument => ActionRequest::AttachDocument(parse(bytes)?),
        Action::Extend => ActionRequest::Extend(parse(bytes)?),
        Action::Escalate => ActionRequest::Escalate(parse(bytes)?),
        Action::ReferToCommittee => ActionRequest::ReferToCommittee(parse(bytes)?),
        Action::EscalationNotNeeded => ActionRequest::EscalationNotNeeded(parse(bytes)?),
        Action::Classify => ActionRequest::Classify(parse(bytes)?),
        Action::RecordMeasure => ActionRequest::RecordMeasure(parse(bytes)?),
        Action::Decide => ActionRequest::Decide(parse(bytes)?),
        Action::SignOff => ActionRequest::SignOff(parse(bytes)?),
        Action::Close => ActionRequest::Close(parse(bytes)?),
        Action::MarkDuplicate => ActionRequest::MarkDuplicate(parse(bytes)?),
        Action::LinkRelated => ActionRequest::LinkRelated(parse(bytes)?),
        Action::UnlinkRelated => ActionRequest::UnlinkRelated(parse(bytes)?),
        Action::Withdraw => ActionRequest::Withdraw(parse(bytes)?),
        Action::Reopen => ActionRequest::Reopen(parse(bytes)?),
        Action::ReportSummary => ActionRequest::ReportSummary(parse(bytes)?),
        Action::PlaceHold => ActionRequest::Hold(parse(bytes)?),
        Action::LiftHold => ActionRequest::LiftHold(parse(bytes)?),
        Action::Anonymise => ActionRequest::Anonymise(parse(bytes)?),
        Action::Rectify => ActionRequest::Rectify(parse(bytes)?),
    })
}

/// Take one step of the procedure. The body's fields depend on the action (see
/// `ActionRequest`); a refusal says why and which steps you may take now.
#[utoipa::path(
    post,
    path = "/api/v1/complaints/{reference}/{action}",
    tag = "complaints",
    params(
        ("reference" = String, Path, description = "e.g. 2026-0042"),
        ("action" = String, Path, description = "acknowledge, assign, record-concerns, inform-involved, record-hearing, record-complainant-hearing (Awb 9:10: hearing offered, held or waived with its ground), refer-outside and record-external-outcome (after the decision: the complainant went to a body outside, and what it found), record-contact, add-note, attach-document, extend, escalate, escalation-not-needed, refer-to-committee, classify, record-measure, decide, sign-off, close, withdraw, reopen, report-summary, hold, lift-hold, anonymise, rectify"),
    ),
    request_body = ActionRequest,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Done; the updated dossier (or, when the step took it out of your sight, its reference and status)", body = StepAnswer),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Not permitted, or the complaint is about you (K3)", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Not possible in this state, incomplete, or changed meanwhile", body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn act(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path((reference, action)): Path<(String, String)>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Json<StepAnswer>, ApiError> {
    let Some(action) = Action::parse(&action) else {
        let all: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
        return Err(ApiError::not_found(format!(
            "There is no step {action:?}; the steps are: {}.",
            all.join(", ")
        )));
    };
    let request: ActionRequest = if bytes.iter().all(u8::is_ascii_whitespace) {
        ActionRequest::empty(action)
    } else {
        let is_json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send the body as JSON with Content-Type: application/json.",
            ));
        }
        step_body(action, &bytes)?
    };
    let expected = request.expected_version();
    let (cmd, file) = klacht_app::steps::command(&state, request).await?;
    let staff = user.staff();
    let (o, now) = take_command(
        &state,
        &reference,
        &staff,
        StepOptions {
            expected,
            reader: Some(user.id),
            file: file.as_deref(),
            ..StepOptions::default()
        },
        cmd,
    )
    .await?;
    tracing::info!(%reference, action = action.name(), user = user.id.0, "step taken");
    let view = procedure::view(&o.loaded.profile, &o.org, &o.dossier.state, &staff);
    if view == View::None {
        // The step took the complaint out of this person's sight.
        return Ok(Json(StepAnswer::OutOfSight {
            reference,
            status: o.dossier.state.status.as_str().into(),
        }));
    }
    // The answer shows the dossier: that read was logged with the step (K8).
    Ok(Json(StepAnswer::Dossier(Box::new(render(
        &o, &staff, view, now,
    )?))))
}

/// Why the complainant's links are revoked.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevokeLinks {
    /// E.g. "the link was forwarded to someone else".
    #[serde(default)]
    pub reason: Option<String>,
}

/// The complainant's status links were revoked.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Revoked {
    pub reference: String,
    /// `revoked`.
    pub status_links: String,
}

impl crate::http::body::Validate for RevokeLinks {
    fn validate(&self, errors: &mut Vec<FieldError>) {
        crate::http::body::text_field(errors, "reason", &self.reason, false, 2000);
    }
}

/// Revoke every status link of the complainant (e.g. a link reached someone else). Recorded on
/// the dossier. The complainant gets a new link with the next letter that carries one.
#[utoipa::path(
    post,
    path = "/api/v1/complaints/{reference}/status-links/revoke",
    tag = "complaints",
    params(("reference" = String, Path, description = "e.g. 2026-0042")),
    request_body = RevokeLinks,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Revoked", body = Revoked),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only someone who sees the whole dossier may", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    )
)]
pub async fn revoke_links(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(reference): Path<String>,
    Body(req): Body<RevokeLinks>,
) -> Result<Json<Revoked>, ApiError> {
    let staff = user.staff();
    let options = StepOptions {
        revoke_links: true,
        ..StepOptions::default()
    };
    take_step(&state, &reference, &staff, options, |o, ctx| {
        Ok(procedure::revoke_status_links(
            ctx.profile,
            ctx.org,
            &o.dossier.state,
            &staff,
            req.reason.as_deref(),
            ctx.now,
        )?)
    })
    .await?;
    tracing::info!(%reference, user = user.id.0, "status links revoked");
    Ok(Json(Revoked {
        reference,
        status_links: "revoked".into(),
    }))
}
