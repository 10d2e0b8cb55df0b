//! The data-subject desk as JSON (AVG art. 12, 15, 16, 17): register a person's request, see it
//! with their complaints, extend it once, answer it (an export, a correction, erasure) and
//! settle it. For whoever may anonymise (the coordinator). The rules are klacht-core's
//! `subject`; the use cases klacht-app's `desk`.

use crate::http::auth::CurrentUser;
use crate::http::body::{Body, Validate};
use crate::http::error::{ApiError, ErrorBody, FieldError};
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jiff::civil::Date;
use klacht_app::desk::{self, Desk, Export, RequestInput};
use klacht_core::Lang;
use klacht_core::subject::{Field, Person, Relation, RequestKind};
use klacht_store::SubjectRequest;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A person's request about their data.
#[derive(Debug, Serialize, ToSchema)]
pub struct RequestOut {
    pub id: i64,
    /// access, rectification or erasure.
    #[schema(value_type = String)]
    pub kind: RequestKind,
    /// The person as they identified themselves: name, email, phone (what was given).
    #[schema(value_type = Object)]
    pub person: Person,
    #[schema(value_type = String, format = Date)]
    pub received_on: Date,
    /// To be answered by (one month; three once extended).
    #[schema(value_type = String, format = Date)]
    pub due_on: Date,
    pub note: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub extended_at: Option<jiff::Timestamp>,
    pub extension_reason: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub completed_at: Option<jiff::Timestamp>,
    pub outcome: Option<String>,
    /// Every step taken on it, in order.
    pub log: Vec<LogOut>,
}

/// A step taken on a request.
#[derive(Debug, Serialize, ToSchema)]
pub struct LogOut {
    #[schema(value_type = String, format = DateTime)]
    pub at: jiff::Timestamp,
    /// The staff member's id; none for klacht itself.
    pub by: Option<i64>,
    /// registered, extended, told, tell, exported, rectified, anonymised, refused, completed.
    pub action: String,
    pub reference: Option<String>,
    pub detail: Option<String>,
}

fn request_out(r: SubjectRequest) -> RequestOut {
    RequestOut {
        id: r.id,
        kind: r.kind,
        person: r.person,
        received_on: r.received_on,
        due_on: r.due_on,
        note: r.note,
        extended_at: r.extended_at,
        extension_reason: r.extension_reason,
        completed_at: r.completed_at,
        outcome: r.outcome,
        log: r
            .log
            .into_iter()
            .map(|l| LogOut {
                at: l.at,
                by: l.by.map(|u| u.0),
                action: l.action,
                reference: l.reference,
                detail: l.detail,
            })
            .collect(),
    }
}

/// One of the person's complaints.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchOut {
    pub reference: String,
    /// complainant, or represented (made on their behalf).
    #[schema(value_type = String)]
    pub relation: Relation,
    pub status: String,
    #[schema(value_type = String, format = DateTime)]
    pub received_at: jiff::Timestamp,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub anonymised_at: Option<jiff::Timestamp>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub held_since: Option<jiff::Timestamp>,
}

/// A request with the person's complaints.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeskOut {
    pub request: RequestOut,
    pub complaints: Vec<MatchOut>,
    /// It may still be extended (once, within its first month).
    pub may_extend: bool,
}

fn desk_out(d: Desk) -> DeskOut {
    DeskOut {
        request: request_out(d.request),
        complaints: d
            .matches
            .into_iter()
            .map(|m| MatchOut {
                reference: m.reference.to_string(),
                relation: m.relation,
                status: m.status.as_str().to_owned(),
                received_at: m.received_at,
                anonymised_at: m.anonymised_at,
                held_since: m.held_since,
            })
            .collect(),
        may_extend: d.may_extend,
    }
}

/// A request to register: what (`kind`), from whom (at least one of `email`, `phone`, `name`),
/// received when (default today).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRequestBody {
    /// access, rectification or erasure.
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub received_on: Option<Date>,
    #[serde(default)]
    pub note: Option<String>,
}

impl Validate for NewRequestBody {
    fn validate(&self, _errors: &mut Vec<FieldError>) {}
}

/// Registers a person's request (access, rectification, erasure): due one month after receipt.
#[utoipa::path(
    post,
    path = "/api/v1/privacy/requests",
    tag = "privacy",
    request_body = NewRequestBody,
    security(("bearer" = [])),
    responses(
        (status = 201, body = DeskOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only who may anonymise (the coordinator)", body = ErrorBody),
        (status = 422, description = "No way to identify the person, or a bad field, named", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Body(b): Body<NewRequestBody>,
) -> Result<(StatusCode, Json<DeskOut>), ApiError> {
    let input = RequestInput {
        kind: b.kind,
        name: b.name,
        email: b.email,
        phone: b.phone,
        received_on: b.received_on,
        note: b.note,
    };
    let id = desk::register(&state, &user, &input).await?;
    let d = desk::open(&state, &user, id).await?;
    Ok((StatusCode::CREATED, Json(desk_out(d))))
}

/// Every request, open ones first (due first), then settled ones.
#[utoipa::path(
    get,
    path = "/api/v1/privacy/requests",
    tag = "privacy",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<RequestOut>),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only who may anonymise (the coordinator)", body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Vec<RequestOut>>, ApiError> {
    let requests = desk::list(&state, &user).await?;
    Ok(Json(requests.into_iter().map(request_out).collect()))
}

/// A request with its log and the person's complaints (as complainant or as the one
/// represented).
#[utoipa::path(
    get,
    path = "/api/v1/privacy/requests/{id}",
    tag = "privacy",
    params(("id" = i64, Path, description = "The request's number")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = DeskOut),
        (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<DeskOut>, ApiError> {
    Ok(Json(desk_out(desk::open(&state, &user, id).await?)))
}

/// A reason (extending) or what was done (settling).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextBody {
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub outcome: Option<String>,
}

impl Validate for TextBody {
    fn validate(&self, _errors: &mut Vec<FieldError>) {}
}

/// Extends the request once by two months (art. 12(3)), within its first month, with the
/// reason (`reason`); the person is told by e-mail when they gave an address.
#[utoipa::path(
    post,
    path = "/api/v1/privacy/requests/{id}/extend",
    tag = "privacy",
    params(("id" = i64, Path, description = "The request's number")),
    request_body = TextBody,
    security(("bearer" = [])),
    responses(
        (status = 200, body = DeskOut),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Extended, settled or past its first month", body = ErrorBody),
        (status = 422, description = "No reason", body = ErrorBody),
    )
)]
pub async fn extend(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    Body(b): Body<TextBody>,
) -> Result<Json<DeskOut>, ApiError> {
    desk::extend(&state, &user, id, b.reason.as_deref().unwrap_or_default()).await?;
    Ok(Json(desk_out(desk::open(&state, &user, id).await?)))
}

/// Settles the request with what was done (`outcome`).
#[utoipa::path(
    post,
    path = "/api/v1/privacy/requests/{id}/complete",
    tag = "privacy",
    params(("id" = i64, Path, description = "The request's number")),
    request_body = TextBody,
    security(("bearer" = [])),
    responses(
        (status = 200, body = DeskOut),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Settled already", body = ErrorBody),
        (status = 422, description = "No outcome", body = ErrorBody),
    )
)]
pub async fn complete(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    Body(b): Body<TextBody>,
) -> Result<Json<DeskOut>, ApiError> {
    desk::complete(&state, &user, id, b.outcome.as_deref().unwrap_or_default()).await?;
    Ok(Json(desk_out(desk::open(&state, &user, id).await?)))
}

/// What became of one complaint.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErasedOut {
    pub reference: String,
    pub anonymised: bool,
    /// Why not, and what to do first (held back, still open).
    pub refused: Option<String>,
}

/// Erasure (art. 17): anonymises each of the person's complaints that may be; says for each
/// other one why not.
#[utoipa::path(
    post,
    path = "/api/v1/privacy/requests/{id}/erase",
    tag = "privacy",
    params(("id" = i64, Path, description = "The request's number")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<ErasedOut>),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Settled already", body = ErrorBody),
    )
)]
pub async fn erase(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<Vec<ErasedOut>>, ApiError> {
    let done = desk::erase(&state, &user, id).await?;
    Ok(Json(
        done.into_iter()
            .map(|e| ErasedOut {
                reference: e.reference.to_string(),
                anonymised: e.refused.is_none(),
                refused: e.refused,
            })
            .collect(),
    ))
}

/// A correction on one of the person's complaints.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RectifyBody {
    #[serde(default)]
    pub reference: Option<String>,
    /// name, email, phone, address, date_of_birth or on_behalf_of.
    #[serde(default)]
    pub field: Option<String>,
    /// The correct value; blank clears a detail that is not required.
    #[serde(default)]
    pub value: Option<String>,
}

impl Validate for RectifyBody {
    fn validate(&self, errors: &mut Vec<FieldError>) {
        if self
            .reference
            .as_deref()
            .is_none_or(|r| r.trim().is_empty())
        {
            errors.push(FieldError {
                field: "reference".into(),
                message: "is required: the complaint to correct".into(),
            });
        }
        if self.field.as_deref().and_then(Field::parse).is_none() {
            errors.push(FieldError {
                field: "field".into(),
                message: "expected name, email, phone, address, date_of_birth or on_behalf_of"
                    .into(),
            });
        }
    }
}

/// Rectification (art. 16): corrects a detail of the person on one of their complaints.
#[utoipa::path(
    post,
    path = "/api/v1/privacy/requests/{id}/rectify",
    tag = "privacy",
    params(("id" = i64, Path, description = "The request's number")),
    request_body = RectifyBody,
    security(("bearer" = [])),
    responses(
        (status = 200, body = DeskOut),
        (status = 404, body = ErrorBody),
        (status = 409, description = "Not one of the person's complaints, or settled", body = ErrorBody),
        (status = 422, description = "A bad field or value, named", body = ErrorBody),
    )
)]
pub async fn rectify(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    Body(b): Body<RectifyBody>,
) -> Result<Json<DeskOut>, ApiError> {
    let field = b
        .field
        .as_deref()
        .and_then(Field::parse)
        .ok_or_else(|| ApiError::internal("a validated field did not parse"))?;
    desk::rectify(
        &state,
        &user,
        id,
        b.reference.as_deref().unwrap_or_default().trim(),
        field,
        b.value.as_deref().unwrap_or_default(),
    )
    .await?;
    Ok(Json(desk_out(desk::open(&state, &user, id).await?)))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// `json` (default), or `pdf`: the document "Uw gegevens" to give the person.
    format: Option<String>,
    /// The document's language: `nl` (default) or `en`.
    lang: Option<String>,
}

/// Access (art. 15): the person's data across their complaints, with nobody else's, as JSON or
/// (`format=pdf`) as the document "Uw gegevens". Logged on the request.
#[utoipa::path(
    get,
    path = "/api/v1/privacy/requests/{id}/export",
    tag = "privacy",
    params(("id" = i64, Path, description = "The request's number"), ExportQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The export: JSON, or with `format=pdf` a PDF document",
            content(
                (Object = "application/json"),
                (String = "application/pdf"),
            )),
        (status = 400, description = "A bad query", body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 422, description = "An unknown format or language", body = ErrorBody),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
    query: Result<Query<ExportQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) =
        query.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "bad_query", e.body_text()))?;
    let mut bad = Vec::new();
    let pdf = match q.format.as_deref() {
        None | Some("json") => false,
        Some("pdf") => true,
        Some(_) => {
            bad.push(FieldError {
                field: "format".into(),
                message: "expected json or pdf".into(),
            });
            false
        }
    };
    let lang = match q.lang.as_deref() {
        None | Some("nl") => Lang::Nl,
        Some("en") => Lang::En,
        Some(_) => {
            bad.push(FieldError {
                field: "lang".into(),
                message: "expected nl or en".into(),
            });
            Lang::Nl
        }
    };
    if !bad.is_empty() {
        return Err(ApiError::invalid(bad));
    }
    let x = desk::export(&state, &user, id).await?;
    if pdf {
        return pdf_of(&state, &x, lang, id);
    }
    Ok(Json(x).into_response())
}

#[cfg(feature = "pdf")]
fn pdf_of(state: &AppState, x: &Export, lang: Lang, id: i64) -> Result<Response, ApiError> {
    let data = crate::http::personal::document(x, &state.regulation(), lang);
    let bytes = klacht_print::personal::render_pdf(&data).map_err(|e| {
        tracing::error!(error = %e, "rendering a person's data as PDF");
        ApiError::internal("rendering the PDF")
    })?;
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = axum::http::HeaderValue::from_str(&format!(
        "attachment; filename=\"gegevens-verzoek-{id}.pdf\""
    )) {
        h.insert(axum::http::header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// Without the `pdf` feature there is no PDF to make.
#[cfg(not(feature = "pdf"))]
fn pdf_of(_: &AppState, _: &Export, _: Lang, _: i64) -> Result<Response, ApiError> {
    Err(ApiError::new(
        StatusCode::NOT_IMPLEMENTED,
        "no_pdf",
        "this build makes no PDFs; ask for JSON",
    ))
}
