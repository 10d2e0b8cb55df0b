//! Publishing the annual report as JSON (issue 18; T15, Awb 9:12a): the free texts of a year's
//! annual report with their reviews and the publications of the year; a review of one text
//! (as the text with that SHA-256); publishing and withdrawing. Coordinator and deputy, as in
//! the back office (`/beheer/verslagen/publicatie`); the public pages are `/jaarverslag`.

use crate::http::auth::CurrentUser;
use crate::http::body::{Body, Validate, line_field};
use crate::http::error::{ApiError, ErrorBody, FieldError};
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use klacht_core::Lang;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One free text of the annual report with its review.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TextOut {
    /// Where the text sits: `summary:{reference}`, `analysis`, `recommendation:{id}:title`,
    /// `…:text`, `…:reason`, `action:{id}:description`, `action:{id}:result`.
    pub item: String,
    /// What kind of text it is, in Dutch.
    pub kind: String,
    pub text: String,
    /// The SHA-256 (hex) of the text as it is now: what a review names.
    pub text_hash: String,
    /// `unreviewed`, `changed` (reviewed, then changed: unreviewed again), `fit` or `not_fit`.
    /// Only `fit` texts are published.
    pub review: String,
}

/// One publication of the year.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicationOut {
    pub id: i64,
    #[schema(value_type = String, format = DateTime)]
    pub published_at: jiff::Timestamp,
    pub published_by: String,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub withdrawn_at: Option<jiff::Timestamp>,
    pub withdrawn_by: Option<String>,
}

/// A year's annual report and its publication.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct YearOut {
    pub year: i16,
    /// Whether the year's report is public now at `/jaarverslag/{year}`.
    pub public: bool,
    /// The public address of the year's report.
    pub public_url: String,
    /// The year is over: it may be published.
    pub may_publish: bool,
    pub texts: Vec<TextOut>,
    /// Every publication of the year, the latest first.
    pub history: Vec<PublicationOut>,
}

async fn year_out(
    state: &AppState,
    user: &klacht_store::User,
    year: i16,
) -> Result<YearOut, ApiError> {
    check_year(year)?;
    let o = klacht_app::publication::overview(state, user, year, Lang::Nl).await?;
    Ok(YearOut {
        year,
        public: o.public().is_some(),
        public_url: format!("{}/jaarverslag/{year}", state.settings.public_url),
        may_publish: o.ended,
        texts: o
            .items
            .iter()
            .map(|i| TextOut {
                item: i.text.item.clone(),
                kind: i.text.kind.label(Lang::Nl).to_owned(),
                text: i.text.text.clone(),
                text_hash: i.hash.clone(),
                review: i.state.as_str().to_owned(),
            })
            .collect(),
        history: o
            .history
            .iter()
            .map(|p| PublicationOut {
                id: p.id,
                published_at: p.published_at,
                published_by: p.published_by_name.clone(),
                withdrawn_at: p.withdrawn.as_ref().map(|w| w.2),
                withdrawn_by: p.withdrawn.as_ref().map(|w| w.1.clone()),
            })
            .collect(),
    })
}

fn check_year(year: i16) -> Result<(), ApiError> {
    if (2000..=2200).contains(&year) {
        Ok(())
    } else {
        Err(ApiError::invalid(vec![super::field(
            "year",
            "expected a year from 2000 to 2200",
        )]))
    }
}

/// The free texts of `year`'s annual report with their reviews, and its publications.
#[utoipa::path(
    get,
    path = "/api/v1/reports/annual/{year}/publication",
    tag = "reports",
    params(("year" = i16, Path, description = "The calendar year")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = YearOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only coordinator and deputy", body = ErrorBody),
        (status = 422, description = "A bad year", body = ErrorBody),
    )
)]
pub async fn get(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(year): Path<i16>,
) -> Result<Json<YearOut>, ApiError> {
    Ok(Json(year_out(&state, &user, year).await?))
}

/// A review of one text.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewIn {
    /// The text's `item`.
    #[serde(default)]
    pub item: Option<String>,
    /// The `text_hash` of the text that was read: refused (409) when the text changed since.
    #[serde(default)]
    pub text_hash: Option<String>,
    /// Fit for publication.
    #[serde(default)]
    pub fit: Option<bool>,
}

impl Validate for ReviewIn {
    fn validate(&self, errors: &mut Vec<FieldError>) {
        line_field(errors, "item", &self.item, true, 200);
        line_field(errors, "text_hash", &self.text_hash, true, 64);
        if self.fit.is_none() {
            errors.push(super::field("fit", "is required: true or false"));
        }
    }
}

/// Marks one text of `year`'s annual report fit (or not fit) for publication.
#[utoipa::path(
    post,
    path = "/api/v1/reports/annual/{year}/publication/reviews",
    tag = "reports",
    params(("year" = i16, Path, description = "The calendar year")),
    request_body = ReviewIn,
    security(("bearer" = [])),
    responses(
        (status = 200, body = YearOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only coordinator and deputy", body = ErrorBody),
        (status = 404, description = "No such text", body = ErrorBody),
        (status = 409, description = "The text changed since it was read", body = ErrorBody),
        (status = 422, description = "A missing or bad field, named", body = ErrorBody),
    )
)]
pub async fn review(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(year): Path<i16>,
    Body(b): Body<ReviewIn>,
) -> Result<Json<YearOut>, ApiError> {
    check_year(year)?;
    klacht_app::publication::review(
        &state,
        &user,
        year,
        b.item.as_deref().unwrap_or(""),
        b.text_hash.as_deref().unwrap_or(""),
        b.fit.unwrap_or(false),
    )
    .await?;
    Ok(Json(year_out(&state, &user, year).await?))
}

/// Publishes `year`'s annual report (a year that is over) at `/jaarverslag/{year}`: the
/// anonymised report with only the texts reviewed fit, frozen as it is now; replaces what was
/// public for the year.
#[utoipa::path(
    post,
    path = "/api/v1/reports/annual/{year}/publication",
    tag = "reports",
    params(("year" = i16, Path, description = "The calendar year")),
    security(("bearer" = [])),
    responses(
        (status = 201, body = YearOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only coordinator and deputy", body = ErrorBody),
        (status = 422, description = "A bad year, or one not over yet", body = ErrorBody),
    )
)]
pub async fn publish(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(year): Path<i16>,
) -> Result<(StatusCode, Json<YearOut>), ApiError> {
    check_year(year)?;
    klacht_app::publication::publish(&state, &user, year).await?;
    Ok((
        StatusCode::CREATED,
        Json(year_out(&state, &user, year).await?),
    ))
}

/// Withdraws `year`'s public annual report: its page answers 410 Gone and it leaves the list.
#[utoipa::path(
    delete,
    path = "/api/v1/reports/annual/{year}/publication",
    tag = "reports",
    params(("year" = i16, Path, description = "The calendar year")),
    security(("bearer" = [])),
    responses(
        (status = 200, body = YearOut),
        (status = 401, body = ErrorBody),
        (status = 403, description = "Only coordinator and deputy", body = ErrorBody),
        (status = 404, description = "The year's report is not public", body = ErrorBody),
        (status = 422, description = "A bad year", body = ErrorBody),
    )
)]
pub async fn withdraw(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    Path(year): Path<i16>,
) -> Result<Json<YearOut>, ApiError> {
    check_year(year)?;
    klacht_app::publication::withdraw(&state, &user, year).await?;
    Ok(Json(year_out(&state, &user, year).await?))
}
