//! The recommendations register (T14): recommendations linked to the complaints they come
//! from, the directors' decision on each, the improvement actions of an adopted one; the yearly
//! evaluation of the regulation (T16); and the coordinator's words for a report (T13, T15,
//! K13).
//!
//! Every row keeps who made it and when; a decision keeps by whom, when and why; an action
//! keeps who changed it last and when its status last changed. Who may do what is checked by
//! the caller (the web layer); the store checks what the data requires: a decision only on a
//! proposed recommendation and with a reason, actions only on an adopted one, an owner who is
//! an active user, complaints that exist.
//!
//! The types; the SQL that stores and reads them is `sql/register.rs`.

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_core::reports::{ActionStatus, Period, RecommendationStatus};
use klacht_core::{Reference, UserId};

/// The longest title, text, reason, description, result or note accepted (characters).
pub const MAX_TITLE: usize = 200;
pub const MAX_TEXT: usize = 20_000;

/// A recommendation with its complaints and actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    pub id: i64,
    pub title: String,
    pub text: String,
    pub created_by: UserId,
    pub created_by_name: String,
    pub created_at: Timestamp,
    pub status: RecommendationStatus,
    pub decided_by: Option<UserId>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<Timestamp>,
    pub reason: Option<String>,
    /// The complaints it comes from, in reference order.
    pub complaints: Vec<Reference>,
    /// Its improvement actions, in the order they were added.
    pub actions: Vec<Action>,
}

/// An improvement action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub id: i64,
    pub recommendation: i64,
    /// The recommendation's title (for lists outside it, such as the dashboard).
    pub recommendation_title: String,
    pub description: String,
    pub owner: UserId,
    pub owner_name: String,
    pub due: Date,
    pub status: ActionStatus,
    pub result: Option<String>,
    pub created_by: UserId,
    pub created_at: Timestamp,
    pub updated_by: UserId,
    pub updated_at: Timestamp,
    pub status_changed_at: Timestamp,
}

impl Action {
    /// Not done or cancelled, and due before `today` ([`klacht_core::deadlines::is_overdue`]).
    pub fn overdue(&self, today: Date) -> bool {
        self.status.is_pending() && klacht_core::deadlines::is_overdue(self.due, today)
    }
}

/// A change to an action; `None` leaves a value as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionChange {
    pub description: Option<String>,
    pub owner: Option<UserId>,
    pub due: Option<Date>,
    pub status: Option<ActionStatus>,
    /// `Some(None)` clears the result.
    pub result: Option<Option<String>>,
}

/// A new evaluation of the regulation (T16).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvaluation {
    /// The year evaluated.
    pub year: i32,
    pub evaluated_on: Date,
    pub evaluated_by: UserId,
    /// Whether the regulation was changed as a result.
    pub changed: bool,
    /// The day a new version was adopted, if one was.
    pub new_version_on: Option<Date>,
    pub notes: Option<String>,
}

/// A recorded evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub id: i64,
    pub year: i32,
    pub evaluated_on: Date,
    pub evaluated_by: UserId,
    pub evaluated_by_name: String,
    pub changed: bool,
    pub new_version_on: Option<Date>,
    pub notes: Option<String>,
    pub recorded_at: Timestamp,
}

/// Which report a text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    HalfYear,
    Annual,
    Period,
}

impl ReportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::HalfYear => "half_year",
            ReportKind::Annual => "annual",
            ReportKind::Period => "period",
        }
    }

    pub fn parse(s: &str) -> Option<ReportKind> {
        [ReportKind::HalfYear, ReportKind::Annual, ReportKind::Period]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// The coordinator's text for a report (the latest written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportText {
    pub kind: ReportKind,
    pub period: Period,
    pub text: String,
    pub written_by: UserId,
    pub written_by_name: String,
    pub written_at: Timestamp,
}
