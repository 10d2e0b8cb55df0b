//! The regulation's versions as JSON (T11, T16): every version with when it is in force, one
//! version with its TOML, and adopting a new one. The use cases are klacht-app's `regulation`.

use crate::http::auth::CurrentUser;
use crate::http::body::{Body, Validate, has_content_type};
use crate::http::error::{ApiError, ErrorBody, FieldError};
use crate::http::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::http::StatusCode;
use jiff::civil::Date;
use klacht_app::regulation::{self, Version};
use klacht_core::profile::versions::Validity;
use klacht_store::VersionState;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A version of the regulation.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionOut {
    /// Its number (`klacht profile export NUMBER`).
    pub id: i64,
    /// The profile's `name` and `version`.
    pub name: String,
    pub version: String,
    /// draft or adopted.
    pub state: String,
    /// The date it takes effect (00:00 Europe/Amsterdam).
    #[schema(value_type = String, format = Date)]
    pub adopted_on: Date,
    /// Whether it is the version in force today.
    pub in_force: bool,
    /// The day the next version takes effect, when there is one.
    #[schema(value_type = Option<String>, format = Date)]
    pub in_force_until: Option<Date>,
    /// Another version adopted later for the same date replaced it before it took effect.
    pub replaced_by: Option<i64>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub adopted_at: Option<jiff::Timestamp>,
    /// The staff member's id; none for the operator.
    pub adopted_by: Option<i64>,
    pub note: Option<String>,
}

fn version_out(v: Version) -> VersionOut {
    let (in_force_until, replaced_by) = match v.validity {
        Some(Validity::From { until, .. }) => (until, None),
        Some(Validity::Replaced { by }) => (None, Some(by)),
        None => (None, None),
    };
    VersionOut {
        id: v.row.id,
        name: v.row.name,
        version: v.row.version,
        state: v.row.state.as_str().to_owned(),
        adopted_on: v.row.adopted_on,
        in_force: v.in_force,
        in_force_until,
        replaced_by,
        created_at: v.row.created_at,
        adopted_at: v.row.adopted_at,
        adopted_by: v.row.adopted_by.map(|u| u.0),
        note: v.row.note,
    }
}

/// A version with its text.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionWithText {
    #[serde(flatten)]
    pub version: VersionOut,
    /// The profile as TOML, as `klacht profile export` prints it.
    pub toml: String,
}

/// Every version, oldest first: the adopted ones with when each is in force, and for the
/// coordinator and the administrator also the drafts.
#[utoipa::path(
    get,
    path = "/api/v1/regulation/versions",
    tag = "regulation",
    security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<VersionOut>),
        (status = 401, body = ErrorBody),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Vec<VersionOut>>, ApiError> {
    let versions = regulation::list(&state, regulation::may_manage(&user)).await?;
    Ok(Json(versions.into_iter().map(version_out).collect()))
}

/// One version with its TOML.
#[utoipa::path(
    get,
    path = "/api/v1/regulation/versions/{id}",
    tag = "regulation",
    params(("id" = i64, Path, description = "The version's number")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = VersionWithText),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<VersionWithText>, ApiError> {
    let (version, toml) = regulation::read(&state, id, regulation::may_manage(&user)).await?;
    Ok(Json(VersionWithText {
        version: version_out(version),
        toml,
    }))
}

/// A version to adopt, as JSON.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVersionBody {
    /// The profile as TOML (`klacht profile show template` to start from).
    #[serde(default)]
    pub toml: Option<String>,
    /// The date it takes effect, instead of the TOML's `adopted_on`.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub adopted_on: Option<Date>,
    /// What changed, or the board's decision it records.
    #[serde(default)]
    pub note: Option<String>,
}

impl Validate for NewVersionBody {
    fn validate(&self, errors: &mut Vec<FieldError>) {
        if self.toml.as_deref().is_none_or(|t| t.trim().is_empty()) {
            errors.push(FieldError {
                field: "toml".into(),
                message: "is required: the profile as TOML".into(),
            });
        }
    }
}

/// With a TOML body: `?adopted_on=DATE&note=TEXT`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct TomlQuery {
    /// The date it takes effect, instead of the TOML's `adopted_on`.
    #[serde(default)]
    #[param(value_type = Option<String>, format = Date)]
    pub adopted_on: Option<Date>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Adopts a version of the regulation: the TOML (as JSON `{"toml", "adopted_on", "note"}`, or
/// the TOML itself with `Content-Type: application/toml` and `?adopted_on=`), checked as `klacht
/// profile check` checks it. It takes effect at 00:00 Europe/Amsterdam on its adoption date, on
/// every instance; a complaint is handled under the version in force on the day it was
/// received. `201` for a new version, `200` when this very text was adopted before. Only the
/// coordinator and the administrator.
#[utoipa::path(
    post,
    path = "/api/v1/regulation/versions",
    tag = "regulation",
    params(TomlQuery),
    request_body(content(
        (NewVersionBody = "application/json"),
        (String = "application/toml"),
    )),
    security(("bearer" = [])),
    responses(
        (status = 201, body = VersionWithText),
        (status = 200, description = "This text was adopted before", body = VersionWithText),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only the coordinator or the administrator", body = ErrorBody),
        (status = 422, description = "Every error of the profile, each with its line and column", body = ErrorBody),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    request: Request,
) -> Result<(StatusCode, Json<VersionWithText>), ApiError> {
    let is_toml = has_content_type(request.headers(), "application/toml");
    let (toml, adopted_on, note) = if is_toml {
        let Query(q) = Query::<TomlQuery>::try_from_uri(request.uri())
            .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "bad_query", e.body_text()))?;
        let bytes = Bytes::from_request(request, &state)
            .await
            .map_err(|e| ApiError::new(e.status(), "bad_request", e.body_text()))?;
        let toml = String::from_utf8(bytes.to_vec()).map_err(|_| {
            ApiError::invalid(vec![FieldError {
                field: "toml".into(),
                message: "is not UTF-8 text".into(),
            }])
        })?;
        (toml, q.adopted_on, q.note)
    } else {
        let Body(b) = Body::<NewVersionBody>::from_request(request, &state).await?;
        (b.toml.unwrap_or_default(), b.adopted_on, b.note)
    };
    let imported =
        regulation::import(&state, Some(&user), &toml, adopted_on, note.as_deref()).await?;
    let (version, toml) = regulation::read(&state, imported.id, true).await?;
    let status = if imported.created && version.row.state == VersionState::Adopted {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(VersionWithText {
            version: version_out(version),
            toml,
        }),
    ))
}
