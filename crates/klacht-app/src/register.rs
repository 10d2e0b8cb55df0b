//! The recommendations register (T14), the evaluations of the regulation (T16) and the
//! coordinator's words for a report (T13, T15, K13): the use cases behind the API and the back
//! office's pages. Who may do what is klacht-core's ([`klacht_core::register`]).

use crate::{App, AppError, FieldProblem};
use jiff::civil::Date;
use klacht_core::UserId;
use klacht_core::register::{may_change_action, may_decide, may_manage};
use klacht_core::reports::{ActionStatus, Period};
use klacht_store::{Action, ActionChange, NewEvaluation, Recommendation, ReportKind, User};

fn not_found(what: &str, what_nl: &str, id: i64) -> AppError {
    AppError::not_found(
        format!("There is no {what} {id}."),
        format!("Er is geen {what_nl} {id}."),
    )
}

/// The recommendation `id`, or not found.
pub async fn recommendation(app: &App, id: i64) -> Result<Recommendation, AppError> {
    app.store
        .recommendation(id)
        .await?
        .ok_or_else(|| not_found("recommendation", "aanbeveling", id))
}

/// Proposes a recommendation (coordinator, deputy).
pub async fn propose(app: &App, user: &User, title: &str, text: &str) -> Result<i64, AppError> {
    may_manage(&user.roles)?;
    Ok(app
        .store
        .create_recommendation(title, text, user.id, app.clock.now())
        .await?)
}

/// Links complaints by reference (coordinator, deputy).
pub async fn link(app: &App, user: &User, id: i64, references: &[String]) -> Result<(), AppError> {
    may_manage(&user.roles)?;
    recommendation(app, id).await?;
    app.store
        .link_complaints(id, references, user.id, app.clock.now())
        .await?;
    Ok(())
}

/// Adopts or rejects, with the reason (director, board).
pub async fn decide(
    app: &App,
    user: &User,
    id: i64,
    decision: Option<&str>,
    reason: Option<&str>,
) -> Result<(), AppError> {
    may_decide(&user.roles)?;
    recommendation(app, id).await?;
    let mut errors = Vec::new();
    let adopt = match decision.map(str::trim) {
        Some("adopted") => Some(true),
        Some("rejected") => Some(false),
        None | Some("") => {
            errors.push(FieldProblem::new(
                "decision",
                "is required: adopted or rejected",
            ));
            None
        }
        Some(_) => {
            errors.push(FieldProblem::new(
                "decision",
                "expected adopted or rejected",
            ));
            None
        }
    };
    let reason = reason.map(str::trim).unwrap_or("");
    if reason.is_empty() {
        errors.push(FieldProblem::new("reason", "is required: say why"));
    }
    match adopt {
        Some(adopt) if errors.is_empty() => Ok(app
            .store
            .decide_recommendation(id, adopt, reason, user.id, app.clock.now())
            .await?),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// The active staff member with this e-mail address, or the problem with field `name`.
async fn active_user(app: &App, name: &str, email: &str) -> Result<UserId, FieldProblem> {
    match app.store.user_by_email(email).await {
        Ok(Some(u)) if u.active => Ok(u.id),
        Ok(Some(_)) => Err(FieldProblem::new(name, "this account is deactivated")),
        _ => Err(FieldProblem::new(
            name,
            format!("there is no user {email:?}"),
        )),
    }
}

/// A day as typed (`YYYY-MM-DD`), or the problem with field `name`.
pub fn parse_day(
    errors: &mut Vec<FieldProblem>,
    name: &str,
    v: Option<&str>,
    required: bool,
) -> Option<Date> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => {
            if required {
                errors.push(FieldProblem::new(name, "is required (YYYY-MM-DD)"));
            }
            None
        }
        Some(s) => s.parse::<Date>().ok().or_else(|| {
            errors.push(FieldProblem::new(name, "must be a date, YYYY-MM-DD"));
            None
        }),
    }
}

/// Adds an improvement action to an adopted recommendation (coordinator, deputy).
pub async fn add_action(
    app: &App,
    user: &User,
    id: i64,
    description: Option<&str>,
    owner: Option<&str>,
    due: Option<&str>,
) -> Result<i64, AppError> {
    may_manage(&user.roles)?;
    recommendation(app, id).await?;
    let mut errors = Vec::new();
    if description.map(str::trim).unwrap_or("").is_empty() {
        errors.push(FieldProblem::new("description", "is required"));
    }
    let owner = match owner.map(str::trim).filter(|s| !s.is_empty()) {
        None => {
            errors.push(FieldProblem::new(
                "owner",
                "is required (a user's e-mail address)",
            ));
            None
        }
        Some(o) => active_user(app, "owner", o)
            .await
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let due = parse_day(&mut errors, "due", due, true);
    match (owner, due) {
        (Some(owner), Some(due)) if errors.is_empty() => Ok(app
            .store
            .add_action(
                id,
                description.unwrap_or(""),
                owner,
                due,
                user.id,
                app.clock.now(),
            )
            .await?),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// A change to an improvement action, as typed. The owner may send only `status` and `result`.
#[derive(Debug, Clone, Default)]
pub struct ActionEdit {
    /// open, in_progress, done or cancelled.
    pub status: Option<String>,
    /// What came of it; an empty text clears it.
    pub result: Option<String>,
    /// Coordinator and deputy only.
    pub description: Option<String>,
    /// Coordinator and deputy only: the new owner's e-mail address.
    pub owner: Option<String>,
    /// Coordinator and deputy only: YYYY-MM-DD.
    pub due: Option<String>,
}

/// Changes an action: the coordinator and deputy anything, its owner the status and result.
pub async fn update_action(
    app: &App,
    user: &User,
    id: i64,
    u: &ActionEdit,
) -> Result<Action, AppError> {
    let current = app
        .store
        .action(id)
        .await?
        .ok_or_else(|| not_found("improvement action", "verbeteractie", id))?;
    let beyond_status = u.description.is_some() || u.owner.is_some() || u.due.is_some();
    may_change_action(&user.roles, current.owner == user.id, beyond_status)?;
    let mut errors = Vec::new();
    let status = match u.status.as_deref().map(str::trim) {
        None => None,
        Some(s) => ActionStatus::parse(s).or_else(|| {
            errors.push(FieldProblem::new(
                "status",
                "expected open, in_progress, done or cancelled",
            ));
            None
        }),
    };
    let new_owner = match u.owner.as_deref().map(str::trim) {
        None => None,
        Some(o) => active_user(app, "owner", o)
            .await
            .map_err(|e| errors.push(e))
            .ok(),
    };
    let due = parse_day(&mut errors, "due", u.due.as_deref(), false);
    if let Some(d) = &u.description
        && d.trim().is_empty()
    {
        errors.push(FieldProblem::new("description", "must not be empty"));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let change = ActionChange {
        description: u.description.clone(),
        owner: new_owner,
        due,
        status,
        result: u.result.as_ref().map(|r| {
            let r = r.trim();
            (!r.is_empty()).then(|| r.to_owned())
        }),
    };
    Ok(app
        .store
        .update_action(id, &change, user.id, app.clock.now())
        .await?)
}

/// An evaluation of the regulation, as typed.
#[derive(Debug, Clone, Default)]
pub struct EvaluationInput<'a> {
    pub year: Option<i32>,
    pub evaluated_on: Option<&'a str>,
    pub changed: Option<bool>,
    pub new_version_on: Option<&'a str>,
    pub notes: Option<&'a str>,
}

/// Records an evaluation (coordinator, deputy).
pub async fn evaluate(app: &App, user: &User, e: &EvaluationInput<'_>) -> Result<i64, AppError> {
    may_manage(&user.roles)?;
    let mut errors = Vec::new();
    if e.year.is_none() {
        errors.push(FieldProblem::new("year", "is required"));
    }
    let on = parse_day(&mut errors, "evaluated_on", e.evaluated_on, true);
    let new_on = parse_day(&mut errors, "new_version_on", e.new_version_on, false);
    if e.changed.is_none() {
        errors.push(FieldProblem::new("changed", "is required: true or false"));
    }
    match (e.year, on, e.changed) {
        (Some(year), Some(on), Some(changed)) if errors.is_empty() => Ok(app
            .store
            .record_evaluation(
                &NewEvaluation {
                    year,
                    evaluated_on: on,
                    evaluated_by: user.id,
                    changed,
                    new_version_on: new_on,
                    notes: e.notes.map(str::to_owned),
                },
                app.clock.now(),
            )
            .await?),
        _ => Err(AppError::Invalid(errors)),
    }
}

/// Checks a report kind and period as a report text names them.
pub fn report_period(
    kind: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(ReportKind, Period), AppError> {
    let mut errors = Vec::new();
    let kind = match kind.map(str::trim) {
        None | Some("") => {
            errors.push(FieldProblem::new(
                "kind",
                "is required: half_year, annual or period",
            ));
            None
        }
        Some(k) => ReportKind::parse(k).or_else(|| {
            errors.push(FieldProblem::new(
                "kind",
                "expected half_year, annual or period",
            ));
            None
        }),
    };
    let from = parse_day(&mut errors, "from", from, true);
    let to = parse_day(&mut errors, "to", to, true);
    if let (Some(kind), Some(from), Some(to)) = (kind, from, to) {
        match Period::new(from, to) {
            Err(e) => errors.push(FieldProblem::new("to", e.to_string())),
            Ok(p) => {
                let fits = match kind {
                    ReportKind::HalfYear => [1, 2]
                        .iter()
                        .any(|h| Period::half_year(from.year(), *h).ok() == Some(p)),
                    ReportKind::Annual => Period::year(from.year()).ok() == Some(p),
                    ReportKind::Period => true,
                };
                if fits && errors.is_empty() {
                    return Ok((kind, p));
                }
                if !fits {
                    errors.push(FieldProblem::new(
                        "from",
                        match kind {
                            ReportKind::HalfYear => "a half year runs from 1 January to 30 June or from 1 July to 31 December",
                            _ => "a year runs from 1 January to 31 December",
                        },
                    ));
                }
            }
        }
    }
    Err(AppError::Invalid(errors))
}

/// Writes the coordinator's analysis and recommendations for a report (K13, T15, T13):
/// coordinator and deputy. The latest written is the one the report shows.
pub async fn write_report_text(
    app: &App,
    user: &User,
    kind: ReportKind,
    period: Period,
    text: &str,
) -> Result<klacht_store::ReportText, AppError> {
    may_manage(&user.roles)?;
    app.store
        .write_report_text(kind, period, text, user.id, app.clock.now())
        .await?;
    app.store
        .report_text(kind, period)
        .await?
        .ok_or_else(|| AppError::unexpected("the report text just written is gone"))
}
