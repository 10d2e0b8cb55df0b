//! The half-year board report (T13) and the anonymised annual report (T15, K13), as pure
//! computations.
//!
//! The store hands over small aggregated inputs ([`ReportInput`]): the complaints received in the
//! period counted by each property apart, decisions by outcome, deadlines grouped by day of
//! receipt, due day, day met and whether they still run (each group with its count), plus the
//! short lists that name complaints. Their size depends on the days and values in the period,
//! not on the number of complaints. [`report`] turns those weighted rows into the [`Report`]. Nothing here reads a
//! complaint's own text: the only free text in a report is the summary the coordinator wrote for
//! it ([`crate::procedure::Command::WriteReportSummary`]).
//!
//! # Definitions
//!
//! A period runs from `from` to `to`, both days included, in Europe/Amsterdam.
//!
//! - **Received in the period** (`total` and every breakdown: category, severity, channel, form,
//!   relation, escalation, the exceptional complaints, deadline compliance): the complaint's
//!   day of receipt lies in the period. Breakdowns count the classification as it stands now.
//!   Categories are multi-valued (K10): a complaint counts once under each of its categories, so
//!   the category counts may add up to more than `total`; `unclassified` counts those without.
//! - **Decided in the period** (`decided`, `outcomes`): the complaint's latest decision was
//!   taken in the period, whenever it was received. A complaint that was reopened and decided
//!   again counts once, in the period of its latest decision, with its latest outcome; one that
//!   was reopened and is not decided again counts in no period until it is. A complaint settled
//!   at once (T4) is decided, with outcome `opgelost`, when it was registered.
//! - **Withdrawn in the period** (`withdrawn`): withdrawn in the period (and not reopened since).
//!   Withdrawn complaints are not among `decided` and `outcomes`.
//! - **Open at the end of the period** (`open_at_end`): received on or before `to`, and not
//!   decided or withdrawn by the end of `to`, as far as the present state tells: a complaint
//!   decided before the end and reopened after it counts as open. (A decision taken minutes
//!   before the receipt time that was entered counts as taken at receipt.)
//! - **Escalations**: complaints received in the period that are escalated now, by their highest
//!   level (T9).
//! - **Exceptional complaints** (T13, T18): received in the period and sensitive, or of a
//!   severity at which the regulation asks to consult the board ("very serious", T9), or
//!   escalated to the board. Each with the coordinator's summary, or "nog geen samenvatting".
//! - **Deadline compliance**, per named deadline of the profile, over the complaints received in
//!   the period (the deadline's present due date, after extensions and reopening):
//!   - *on time*: met on or before its due date (Amsterdam day);
//!   - *late*: met after its due date, or not met while the complaint still awaits a decision
//!     and the due date lies before the report's `as_of` day (`late_open` of these);
//!   - *pending*: not met, the complaint awaits a decision, and the due date is `as_of` or
//!     later; not counted in the share;
//!   - *lapsed*: not met and no longer running (withdrawn, or decided without it); not counted;
//!   - *not started*: a deadline that runs from a later step that was not taken; not counted.
//!
//!   `share_on_time` = on time / (on time + late), in percent with one decimal. Working days
//!   taken = the working days after the day of receipt up to and including the day the deadline
//!   was met (the day of receipt does not count, as for due dates), over the deadlines met; the
//!   median and the 90th percentile are by nearest rank (the smallest value that at least half,
//!   or 90 %, of the values do not exceed). The late list names reference, deadline, due date
//!   and the day met (none while still open), the earliest due first, at most
//!   [`LATE_LIST_MAX`] per deadline.
//! - **Previous period**: the calendar half year or year before a half year or year; for any
//!   other period, the same number of days immediately before it. Its [`Summary`] is computed
//!   by the same definitions.
//!
//! - **The ladder** (issue 18; `ladder`): the complaints closed in the period (closed now, and
//!   closed in it) by the rung they were settled on ([`crate::ladder::rung`]): *outside* when a
//!   referral to a body outside was recorded, *at once* when it was settled at once (T4), else
//!   *internal*; each rung's share of them in percent, one decimal. The annual report hides a
//!   small count and its share, and every share when the number closed is small.
//! - **Recommendations** (T13, T14; `recommendations`): from the register, the
//!   recommendations made on or before the end of `to` that were made in the period, or
//!   decided in the period, or are still proposed, or have an improvement action not done or
//!   cancelled, or have an action whose status changed in the period; oldest first, each with
//!   all its actions. Status, decision and actions are shown as they stand now (as the
//!   classification is); an action is *overdue* when it is not done or cancelled and due before
//!   the report's `as_of` day. The annual report shows them without who decided, without the
//!   complaints' references and owners' names, and the number of complaints hidden when small.
//! - **Analysis** (K13, T15; `analysis`): the text the coordinator wrote for exactly this
//!   report (kind — half year, annual, other period — and days), the latest written.
//!
//! The annual report ([`Report::anonymise`]) is anonymous by construction: no references, no
//! late list, no names or contact data (a report never has those), no free text except the
//! summaries written for it, and every count from 1 up to the profile's
//! `reports.small_count_threshold` (exclusive) shown as `{"below": N}` — the total too, and the
//! previous period's: a total of two beside breakdowns that all show `< 5` would tell them.

use crate::calendar::Calendar;
use crate::procedure::Level;
use crate::profile::Profile;
use crate::types::{Channel, Form, Lang, Outcome, Reference};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// The most late deadlines listed per deadline in the half-year report.
pub const LATE_LIST_MAX: usize = 200;
/// The most exceptional complaints listed (their number is always exact).
pub const EXCEPTIONAL_LIST_MAX: usize = 500;

/// A bad period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("year: expected a year from 2000 to 2200")]
    Year,
    #[error("half: expected 1 or 2")]
    Half,
    #[error("to: must not lie before from")]
    Reversed,
    #[error("to: a period is at most {MAX_DAYS} days")]
    TooLong,
}

/// The longest custom period, in days (ten years).
pub const MAX_DAYS: i32 = 3660;

/// A period of days, both ends included (Europe/Amsterdam).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Period {
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub from: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub to: Date,
}

fn check_year(year: i16) -> Result<(), PeriodError> {
    if (2000..=2200).contains(&year) {
        Ok(())
    } else {
        Err(PeriodError::Year)
    }
}

fn date(y: i16, m: i8, d: i8) -> Result<Date, PeriodError> {
    Date::new(y, m, d).map_err(|_| PeriodError::Year)
}

impl Period {
    pub fn new(from: Date, to: Date) -> Result<Period, PeriodError> {
        if to < from {
            return Err(PeriodError::Reversed);
        }
        check_year(from.year())?;
        check_year(to.year())?;
        let days = (to - from).get_days();
        if days >= MAX_DAYS {
            return Err(PeriodError::TooLong);
        }
        Ok(Period { from, to })
    }

    /// The first (January–June) or second (July–December) half of `year` (T13).
    pub fn half_year(year: i16, half: u8) -> Result<Period, PeriodError> {
        check_year(year)?;
        match half {
            1 => Ok(Period {
                from: date(year, 1, 1)?,
                to: date(year, 6, 30)?,
            }),
            2 => Ok(Period {
                from: date(year, 7, 1)?,
                to: date(year, 12, 31)?,
            }),
            _ => Err(PeriodError::Half),
        }
    }

    /// The calendar year (T15).
    pub fn year(year: i16) -> Result<Period, PeriodError> {
        check_year(year)?;
        Ok(Period {
            from: date(year, 1, 1)?,
            to: date(year, 12, 31)?,
        })
    }

    /// Number of days, both ends included.
    pub fn days(&self) -> i32 {
        (self.to - self.from).get_days() + 1
    }

    /// The period before: the previous half year or year for those, else as many days just
    /// before.
    pub fn previous(&self) -> Period {
        let (y, m, d) = (self.from.year(), self.from.month(), self.from.day());
        let is_last = |t: Date| t.tomorrow().is_ok_and(|n| n.day() == 1);
        if d == 1 && is_last(self.to) && y == self.to.year() {
            let whole_year = m == 1 && self.to.month() == 12;
            let half = (m == 1 && self.to.month() == 6) || (m == 7 && self.to.month() == 12);
            let prev = if whole_year {
                Period::year(y - 1)
            } else if half && m == 1 {
                Period::half_year(y - 1, 2)
            } else if half {
                Period::half_year(y, 1)
            } else {
                Err(PeriodError::Year)
            };
            if let Ok(p) = prev {
                return p;
            }
        }
        let to = self.from.yesterday().unwrap_or(self.from);
        let from = to
            .checked_sub(jiff::Span::new().days(i64::from(self.days() - 1)))
            .unwrap_or(to);
        Period { from, to }
    }
}

/// Complaints received in the period with this sensitivity, escalation and severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagGroup {
    pub sensitive: bool,
    pub escalation: Option<Level>,
    pub severity: Option<String>,
    pub count: u64,
}

/// Complaints received in the period, counted by each property apart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Received {
    pub by_channel: Vec<(Channel, Form, u64)>,
    pub by_relation: Vec<(Option<String>, u64)>,
    pub by_flags: Vec<FlagGroup>,
    /// By the set of categories a complaint has (K10: several per complaint).
    pub by_categories: Vec<(Vec<String>, u64)>,
}

/// Complaints whose latest decision (or withdrawal) lies in the period, by outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecidedGroup {
    pub outcome: Outcome,
    pub count: u64,
}

/// Deadlines of complaints received in the period that share these values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineGroup {
    pub deadline: String,
    pub received_on: Date,
    /// `None`: not started.
    pub due: Option<Date>,
    /// The day (Amsterdam) it was met.
    pub met_on: Option<Date>,
    /// The complaint still awaits a decision (its deadlines run).
    pub awaiting_decision: bool,
    pub count: u64,
}

/// A late deadline of a complaint received in the period (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateCandidate {
    pub reference: Reference,
    pub deadline: String,
    pub due: Date,
    pub met_on: Option<Date>,
}

/// An exceptional complaint with what the report may show of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExceptionalRow {
    pub reference: Reference,
    pub sensitive: bool,
    pub severity: Option<String>,
    pub escalation: Option<Level>,
    /// The latest summary written for the report, if any (and not erased).
    pub summary: Option<String>,
}

/// Complaints closed in the period (their latest closing, and closed still) that share these
/// values, and what their complainants answered to the satisfaction question (issue 18).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SatisfactionGroup {
    pub categories: Vec<String>,
    pub outcome: Option<Outcome>,
    pub severity: Option<String>,
    /// `None`: not answered (yet).
    pub satisfied: Option<bool>,
    /// The regulation's standard answer chosen, if any.
    pub answer: Option<String>,
    pub count: u64,
}

/// What the store gathers for one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportInput {
    pub period: Period,
    pub received: Received,
    pub decided: Vec<DecidedGroup>,
    pub open_at_end: u64,
    pub deadlines: Vec<DeadlineGroup>,
    /// Late deadlines, the earliest due first, at least the first [`LATE_LIST_MAX`] of each
    /// deadline (or all).
    pub late: Vec<LateCandidate>,
    /// Exceptional complaints, the earliest received first, at most [`EXCEPTIONAL_LIST_MAX`].
    pub exceptional: Vec<ExceptionalRow>,
    /// Received and decided per calendar month of the period (the part of it in the period);
    /// months without any may be left out.
    pub by_month: Vec<MonthInput>,
    /// The complaints closed in the period and the satisfaction answers about them.
    pub satisfaction: Vec<SatisfactionGroup>,

    // Issue 18: the ladder.
    /// Complaints closed in the period, by the rung they were settled on.
    pub closed_by_rung: Vec<(crate::ladder::Rung, u64)>,
}

/// Complaints received (day of receipt) and decided (latest decision, withdrawals not
/// included) in one calendar month, as far as it lies in the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthInput {
    pub year: i16,
    pub month: i8,
    pub received: u64,
    pub decided: u64,
}

/// A count, or in the annual report a small one hidden as `{"below": N}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Count {
    Exact(u64),
    Below { below: u32 },
}

impl Count {
    /// The exact number, if shown.
    pub fn exact(self) -> Option<u64> {
        match self {
            Count::Exact(n) => Some(n),
            Count::Below { .. } => None,
        }
    }

    fn hide_below(&mut self, threshold: u32) {
        if let Count::Exact(n) = *self
            && n > 0
            && n < u64::from(threshold)
        {
            *self = Count::Below { below: threshold };
        }
    }
}

/// One value of a breakdown.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tally {
    pub id: String,
    pub label: String,
    pub count: Count,
}

/// Counts by the values of one property; `unclassified` for complaints without a value.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Breakdown {
    pub items: Vec<Tally>,
    pub unclassified: Count,
}

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Escalations {
    /// Escalated to the director (and not further).
    pub director: Count,
    /// Escalated to the board.
    pub board: Count,
}

/// The trend per month: received and decided in one calendar month of the period (only the
/// days of it in the period).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    pub received: Count,
    /// Latest decisions taken in the month (withdrawals not included).
    pub decided: Count,
}

/// Every calendar month that `period` touches, the first first.
pub fn months(period: Period) -> Vec<(i16, i8)> {
    let mut out = Vec::new();
    let (mut y, mut m) = (period.from.year(), period.from.month());
    let end = (period.to.year(), period.to.month());
    while (y, m) <= end {
        out.push((y, m));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// A late deadline (no names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Late {
    pub reference: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub due: Date,
    /// The day it was met; `null` while still open.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub met_on: Option<Date>,
}

/// Compliance with one named deadline.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeadlineCompliance {
    pub id: String,
    pub label: String,
    pub on_time: Count,
    pub late: Count,
    /// Of the late ones: not met yet, the complaint still open.
    pub late_open: Count,
    pub pending: Count,
    pub lapsed: Count,
    pub not_started: Count,
    /// On time / (on time + late), percent, one decimal.
    pub share_on_time: Option<f64>,
    pub median_working_days: Option<i64>,
    pub p90_working_days: Option<i64>,
    /// Empty in the annual report.
    pub late_list: Vec<Late>,
    /// Whether `late_list` names every late deadline.
    pub late_list_complete: bool,
}

/// Why a complaint is exceptional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Complex or sensitive (T18).
    Sensitive,
    /// A severity at which the board is consulted (T9).
    VerySerious,
    /// Escalated to the board (T9).
    EscalatedToBoard,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Exceptional {
    /// `null` in the annual report.
    pub reference: Option<String>,
    pub reasons: Vec<Reason>,
    /// The coordinator's summary for the report, or "Nog geen samenvatting".
    pub summary: String,
    pub has_summary: bool,
}

/// The headline figures of a period, for comparison.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Summary {
    pub period: Period,
    /// Complaints received in the period (hidden when small in the annual report).
    pub total: Count,
    pub decided: Count,
    pub withdrawn: Count,
    pub open_at_end: Count,
    pub escalated: Count,
    pub exceptional: Count,
    /// Per deadline: on time / (on time + late), percent.
    pub share_on_time: BTreeMap<String, Option<f64>>,
}

/// A report over a period. See the module documentation for every definition.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Report {
    pub period: Period,
    /// The day the figures were computed (deadlines not yet due then are pending).
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub as_of: Date,
    /// Complaints received in the period (hidden when small in the annual report).
    pub total: Count,
    pub by_category: Breakdown,
    pub by_severity: Breakdown,
    pub by_channel: Breakdown,
    /// Oral or written (K10).
    pub by_form: Breakdown,
    /// Relation type (T1).
    pub by_relation: Breakdown,
    pub escalations: Escalations,
    /// Decided in the period (withdrawals not included).
    pub decided: Count,
    pub outcomes: Breakdown,
    pub withdrawn: Count,
    pub open_at_end: Count,
    pub deadlines: Vec<DeadlineCompliance>,
    pub exceptional_total: Count,
    pub exceptional: Vec<Exceptional>,
    /// Received and decided per calendar month of the period, every month, the first first.
    pub by_month: Vec<MonthCount>,
    /// The same figures for the previous period.
    pub previous: Option<Summary>,
    /// The recommendations register as it bears on the period (T13, T14): see
    /// [`RecommendationLine`]. Filled in by the caller from the register.
    pub recommendations: Vec<RecommendationLine>,
    /// The coordinator's analysis written for this report (K13, T15), if any.
    pub analysis: Option<String>,
    /// How satisfied the complainants of the complaints closed in the period were (a report
    /// published before it was counted reads without: none closed).
    #[serde(default)]
    pub satisfaction: Satisfaction,

    // Issue 18: the ladder.
    /// The complaints closed in the period by the rung they were settled on (at once,
    /// internally, outside), with each rung's share. (Empty in a report published before it
    /// was counted.)
    #[serde(default)]
    pub ladder: Ladder,
}

/// How many complainants answered one of the regulation's standard answers.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnswerTally {
    pub id: String,
    pub label: String,
    /// Whether the answer means satisfied.
    pub satisfied: bool,
    pub count: Count,
}

/// The satisfaction answers about the complaints closed in the period with one value of a
/// property (a category, an outcome, a severity; `id` empty: without one).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SatisfactionTally {
    pub id: String,
    pub label: String,
    pub closed: Count,
    pub answered: Count,
    pub satisfied: Count,
    pub not_satisfied: Count,
}

/// How satisfied the complainants were (issue 18, ISO 10002): of the complaints closed in the
/// period (closed still; each complainant is asked once it is closed), how many answered, how
/// many were satisfied, which standard answer they chose, per category, outcome and severity.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Satisfaction {
    pub closed: Count,
    pub answered: Count,
    /// Answered / closed, percent, one decimal.
    pub response_rate: Option<f64>,
    pub satisfied: Count,
    pub not_satisfied: Count,
    /// Satisfied / answered, percent, one decimal.
    pub share_satisfied: Option<f64>,
    /// Per standard answer, in the regulation's order (answers no longer in it after them).
    pub by_answer: Vec<AnswerTally>,
    pub by_category: Vec<SatisfactionTally>,
    pub by_outcome: Vec<SatisfactionTally>,
    pub by_severity: Vec<SatisfactionTally>,
}

impl Default for Satisfaction {
    fn default() -> Satisfaction {
        Satisfaction {
            closed: Count::Exact(0),
            answered: Count::Exact(0),
            response_rate: None,
            satisfied: Count::Exact(0),
            not_satisfied: Count::Exact(0),
            share_satisfied: None,
            by_answer: Vec::new(),
            by_category: Vec::new(),
            by_outcome: Vec::new(),
            by_severity: Vec::new(),
        }
    }
}

/// The complaints closed in the period by rung (issue 18): how Dutch complaint handling is
/// judged (the Nationale ombudsman's ladder).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ladder {
    /// Complaints closed in the period.
    pub closed: Count,
    /// `at_once`, `internal` and `external`, in that order.
    pub rungs: Vec<RungShare>,
}

/// One rung of the ladder in a report.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RungShare {
    pub id: String,
    pub label: String,
    pub count: Count,
    /// Percent of the complaints closed in the period, one decimal; `null` when none were closed
    /// (or, in the annual report, when the count is hidden).
    pub share: Option<f64>,
}

/// No complaint closed: what a report published before the ladder was counted reads as.
impl Default for Ladder {
    fn default() -> Self {
        Ladder {
            closed: Count::Exact(0),
            rungs: Vec::new(),
        }
    }
}

fn ladder(input: &ReportInput, lang: Lang) -> Ladder {
    use crate::ladder::Rung;
    let closed: u64 = input.closed_by_rung.iter().map(|(_, n)| n).sum();
    let rungs = Rung::ALL
        .into_iter()
        .map(|r| {
            let n: u64 = input
                .closed_by_rung
                .iter()
                .filter(|(x, _)| *x == r)
                .map(|(_, n)| n)
                .sum();
            RungShare {
                id: r.as_str().to_owned(),
                label: crate::vocabulary::rung(r, lang).to_owned(),
                count: Count::Exact(n),
                share: share(n, closed - n),
            }
        })
        .collect();
    Ladder {
        closed: Count::Exact(closed),
        rungs,
    }
}

/// Where a recommendation stands (T14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecommendationStatus {
    /// Awaiting the directors' decision.
    Proposed,
    Adopted,
    Rejected,
}

/// Where an improvement action stands (T14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Cancelled,
}

impl RecommendationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RecommendationStatus::Proposed => "proposed",
            RecommendationStatus::Adopted => "adopted",
            RecommendationStatus::Rejected => "rejected",
        }
    }

    pub fn parse(s: &str) -> Option<RecommendationStatus> {
        [
            RecommendationStatus::Proposed,
            RecommendationStatus::Adopted,
            RecommendationStatus::Rejected,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] = [
        ActionStatus::Open,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Still to be carried out (open or in progress).
    pub fn is_pending(self) -> bool {
        matches!(self, ActionStatus::Open | ActionStatus::InProgress)
    }
}

/// A (structural) recommendation as a report shows it (T13, T14).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecommendationLine {
    pub id: i64,
    pub title: String,
    /// The recommendation as written for the register (staff text, never complaint text).
    pub text: String,
    pub status: RecommendationStatus,
    /// Who decided (a name); `null` in the annual report.
    pub decided_by: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub decided_on: Option<Date>,
    /// Why it was adopted or rejected.
    pub reason: Option<String>,
    /// References of the complaints it comes from; empty in the annual report.
    pub complaints: Vec<String>,
    /// How many complaints it comes from.
    pub complaint_count: Count,
    pub actions: Vec<ActionLine>,
}

/// An improvement action of an adopted recommendation (T14).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionLine {
    pub id: i64,
    pub description: String,
    /// The owner's name; `null` in the annual report.
    pub owner: Option<String>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub due: Date,
    pub status: ActionStatus,
    /// What came of it.
    pub result: Option<String>,
    /// Not done or cancelled, and due before the report's `as_of` day.
    pub overdue: bool,
}

/// Every value the profile names, in its order and with its label, then the values no longer
/// in it (an older version), which still count, under their id: each with its entry of
/// `counts` (the default where it has none).
fn in_profile_order<'a, T: Copy + Default>(
    known: impl Iterator<Item = (&'a str, String)>,
    counts: &BTreeMap<String, T>,
) -> Vec<(String, String, T)> {
    let mut out: Vec<(String, String, T)> = known
        .map(|(id, label)| {
            let n = counts.get(id).copied().unwrap_or_default();
            (id.to_owned(), label, n)
        })
        .collect();
    for (id, n) in counts {
        if !out.iter().any(|(known, _, _)| known == id) {
            out.push((id.clone(), id.clone(), *n));
        }
    }
    out
}

fn labelled<'a>(
    known: impl Iterator<Item = (&'a str, String)>,
    counts: &BTreeMap<String, u64>,
    unclassified: u64,
) -> Breakdown {
    Breakdown {
        items: in_profile_order(known, counts)
            .into_iter()
            .map(|(id, label, n)| Tally {
                id,
                label,
                count: Count::Exact(n),
            })
            .collect(),
        unclassified: Count::Exact(unclassified),
    }
}

fn add(map: &mut BTreeMap<String, u64>, key: &str, n: u64) {
    *map.entry(key.to_owned()).or_insert(0) += n;
}

/// The value below which at least `p` percent of the weighted values lie (nearest rank).
fn percentile(sorted: &[(i64, u64)], p: u64) -> Option<i64> {
    let n: u64 = sorted.iter().map(|(_, w)| w).sum();
    if n == 0 {
        return None;
    }
    let rank = (n * p).div_ceil(100).max(1);
    let mut seen = 0;
    for (v, w) in sorted {
        seen += w;
        if seen >= rank {
            return Some(*v);
        }
    }
    sorted.last().map(|(v, _)| *v)
}

fn share(on_time: u64, late: u64) -> Option<f64> {
    let n = on_time + late;
    // Integer arithmetic first, so that the one decimal is exact rounding (half up).
    (n > 0).then(|| ((on_time * 2000 + n) / (2 * n)) as f64 / 10.0)
}

fn very_serious(profile: &Profile, severity: Option<&str>) -> bool {
    severity
        .and_then(|s| profile.severity(s))
        .is_some_and(|s| s.consult_board)
}

fn exceptional_group(profile: &Profile, g: &FlagGroup) -> bool {
    g.sensitive
        || very_serious(profile, g.severity.as_deref())
        || g.escalation == Some(Level::Board)
}

/// The headline figures of a period.
pub fn summary(
    profile: &Profile,
    calendar: &Calendar,
    input: &ReportInput,
    as_of: Date,
) -> Summary {
    let r = report(profile, calendar, input, as_of, Lang::Nl);
    Summary {
        period: r.period,
        total: r.total,
        decided: r.decided,
        withdrawn: r.withdrawn,
        open_at_end: r.open_at_end,
        escalated: Count::Exact(
            r.escalations.director.exact().unwrap_or(0) + r.escalations.board.exact().unwrap_or(0),
        ),
        exceptional: r.exceptional_total,
        share_on_time: r
            .deadlines
            .iter()
            .map(|d| (d.id.clone(), d.share_on_time))
            .collect(),
    }
}

/// The report over `input.period`, as the figures stand on `as_of`, with labels in `lang`.
pub fn report(
    profile: &Profile,
    calendar: &Calendar,
    input: &ReportInput,
    as_of: Date,
    lang: Lang,
) -> Report {
    let mut total = 0;
    let (mut cats, mut sevs, mut chans, mut forms, mut rels) = (
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
        BTreeMap::new(),
    );
    let (mut no_cat, mut no_sev, mut no_rel) = (0, 0, 0);
    let (mut director, mut board, mut exceptional_total) = (0, 0, 0);
    let received = &input.received;
    for (channel, form, n) in &received.by_channel {
        total += n;
        add(&mut chans, channel.as_str(), *n);
        add(&mut forms, form.as_str(), *n);
    }
    for (categories, n) in &received.by_categories {
        if categories.is_empty() {
            no_cat += n;
        }
        for c in categories {
            add(&mut cats, c, *n);
        }
    }
    for (relation, n) in &received.by_relation {
        match relation {
            Some(r) => add(&mut rels, r, *n),
            None => no_rel += n,
        }
    }
    for g in &received.by_flags {
        let n = g.count;
        match &g.severity {
            Some(s) => add(&mut sevs, s, n),
            None => no_sev += n,
        }
        match g.escalation {
            Some(Level::Director) => director += n,
            Some(Level::Board) => board += n,
            None => {}
        }
        if exceptional_group(profile, g) {
            exceptional_total += n;
        }
    }

    let mut outcomes = BTreeMap::new();
    let (mut decided, mut withdrawn) = (0, 0);
    for g in &input.decided {
        if g.outcome == Outcome::Ingetrokken {
            withdrawn += g.count;
        } else {
            decided += g.count;
            add(&mut outcomes, g.outcome.as_str(), g.count);
        }
    }

    let form_label = |f: Form| match f {
        Form::Written => lang.pick("Schriftelijk", "Written").to_owned(),
        Form::Oral => lang.pick("Mondeling", "Oral").to_owned(),
    };
    let deadlines = profile
        .deadlines
        .iter()
        .map(|d| compliance(calendar, &d.id, d.label.get(lang), input, as_of))
        .collect();

    let placeholder = lang.pick("Nog geen samenvatting", "No summary yet");
    let exceptional = input
        .exceptional
        .iter()
        .take(EXCEPTIONAL_LIST_MAX)
        .map(|e| {
            let mut reasons = Vec::new();
            if e.sensitive {
                reasons.push(Reason::Sensitive);
            }
            if very_serious(profile, e.severity.as_deref()) {
                reasons.push(Reason::VerySerious);
            }
            if e.escalation == Some(Level::Board) {
                reasons.push(Reason::EscalatedToBoard);
            }
            Exceptional {
                reference: Some(e.reference.to_string()),
                reasons,
                summary: e.summary.clone().unwrap_or_else(|| placeholder.to_owned()),
                has_summary: e.summary.is_some(),
            }
        })
        .collect();

    Report {
        period: input.period,
        as_of,
        total: Count::Exact(total),
        by_category: labelled(
            profile
                .categories
                .iter()
                .map(|c| (c.id.as_str(), c.label.get(lang).to_owned())),
            &cats,
            no_cat,
        ),
        by_severity: labelled(
            profile
                .severities
                .iter()
                .map(|c| (c.id.as_str(), c.label.get(lang).to_owned())),
            &sevs,
            no_sev,
        ),
        by_channel: labelled(
            profile
                .channels
                .iter()
                .map(|c| (c.id.as_str(), c.label.get(lang).to_owned())),
            &chans,
            0,
        ),
        by_form: labelled(
            [Form::Written, Form::Oral]
                .into_iter()
                .map(|f| (f.as_str(), form_label(f))),
            &forms,
            0,
        ),
        by_relation: labelled(
            profile
                .relations
                .iter()
                .map(|c| (c.id.as_str(), c.label.get(lang).to_owned())),
            &rels,
            no_rel,
        ),
        escalations: Escalations {
            director: Count::Exact(director),
            board: Count::Exact(board),
        },
        decided: Count::Exact(decided),
        outcomes: labelled(
            profile
                .outcomes
                .iter()
                .filter(|o| o.id != Outcome::Ingetrokken)
                .map(|o| (o.id.as_str(), o.label.get(lang).to_owned())),
            &outcomes,
            0,
        ),
        withdrawn: Count::Exact(withdrawn),
        open_at_end: Count::Exact(input.open_at_end),
        deadlines,
        exceptional_total: Count::Exact(exceptional_total),
        exceptional,
        by_month: months(input.period)
            .into_iter()
            .map(|(y, m)| {
                let (received, decided) = input
                    .by_month
                    .iter()
                    .filter(|i| (i.year, i.month) == (y, m))
                    .fold((0, 0), |(r, d), i| (r + i.received, d + i.decided));
                MonthCount {
                    month: format!("{y:04}-{m:02}"),
                    received: Count::Exact(received),
                    decided: Count::Exact(decided),
                }
            })
            .collect(),
        previous: None,
        recommendations: Vec::new(),
        analysis: None,
        ladder: ladder(input, lang),
        satisfaction: satisfaction(profile, &input.satisfaction, lang),
    }
}

/// Counts of closed, answered, satisfied and not satisfied, per value.
#[derive(Default, Clone, Copy)]
struct Answers {
    closed: u64,
    answered: u64,
    satisfied: u64,
}

impl Answers {
    fn add(&mut self, g: &SatisfactionGroup) {
        self.closed += g.count;
        if let Some(s) = g.satisfied {
            self.answered += g.count;
            if s {
                self.satisfied += g.count;
            }
        }
    }

    fn tally(self, id: &str, label: String) -> SatisfactionTally {
        SatisfactionTally {
            id: id.to_owned(),
            label,
            closed: Count::Exact(self.closed),
            answered: Count::Exact(self.answered),
            satisfied: Count::Exact(self.satisfied),
            not_satisfied: Count::Exact(self.answered - self.satisfied),
        }
    }
}

/// The tallies of one property ([`in_profile_order`]), then those without a value (`id`
/// empty), when there are any.
fn answer_tallies<'a>(
    known: impl Iterator<Item = (&'a str, String)>,
    counts: &BTreeMap<String, Answers>,
    none: Answers,
    lang: Lang,
) -> Vec<SatisfactionTally> {
    let mut out: Vec<SatisfactionTally> = in_profile_order(known, counts)
        .into_iter()
        .map(|(id, label, a)| a.tally(&id, label))
        .collect();
    if none.closed > 0 {
        out.push(none.tally("", lang.pick("Niet ingedeeld", "Unclassified").to_owned()));
    }
    out
}

fn satisfaction(profile: &Profile, groups: &[SatisfactionGroup], lang: Lang) -> Satisfaction {
    let mut all = Answers::default();
    let (mut cats, mut outcomes, mut sevs) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
    let (mut no_cat, mut no_outcome, mut no_sev) =
        (Answers::default(), Answers::default(), Answers::default());
    let mut answers: BTreeMap<String, u64> = BTreeMap::new();
    for g in groups {
        all.add(g);
        if g.categories.is_empty() {
            no_cat.add(g);
        }
        for c in &g.categories {
            cats.entry(c.clone())
                .or_insert_with(Answers::default)
                .add(g);
        }
        match g.outcome {
            Some(o) => outcomes
                .entry(o.as_str().to_owned())
                .or_insert_with(Answers::default)
                .add(g),
            None => no_outcome.add(g),
        }
        match &g.severity {
            Some(s) => sevs
                .entry(s.clone())
                .or_insert_with(Answers::default)
                .add(g),
            None => no_sev.add(g),
        }
        if let (Some(_), Some(a)) = (g.satisfied, &g.answer) {
            *answers.entry(a.clone()).or_insert(0) += g.count;
        }
    }
    let known = profile
        .satisfaction_answers
        .iter()
        .map(|a| (a.id.as_str(), a.label.get(lang).to_owned()));
    let by_answer: Vec<AnswerTally> = in_profile_order(known, &answers)
        .into_iter()
        .map(|(id, label, n)| AnswerTally {
            // An answer of an older version of the regulation: which way it went is in the
            // groups.
            satisfied: match profile.satisfaction_answer(&id) {
                Some(a) => a.satisfied,
                None => groups
                    .iter()
                    .any(|g| g.answer.as_ref() == Some(&id) && g.satisfied == Some(true)),
            },
            id,
            label,
            count: Count::Exact(n),
        })
        .collect();
    Satisfaction {
        closed: Count::Exact(all.closed),
        answered: Count::Exact(all.answered),
        response_rate: share(all.answered, all.closed - all.answered),
        satisfied: Count::Exact(all.satisfied),
        not_satisfied: Count::Exact(all.answered - all.satisfied),
        share_satisfied: share(all.satisfied, all.answered - all.satisfied),
        by_answer,
        by_category: answer_tallies(
            profile
                .categories
                .iter()
                .map(|c| (c.id.as_str(), c.label.get(lang).to_owned())),
            &cats,
            no_cat,
            lang,
        ),
        by_outcome: answer_tallies(
            profile
                .outcomes
                .iter()
                .filter(|o| o.id != Outcome::Ingetrokken)
                .map(|o| (o.id.as_str(), o.label.get(lang).to_owned())),
            &outcomes,
            no_outcome,
            lang,
        ),
        by_severity: answer_tallies(
            profile
                .severities
                .iter()
                .map(|c| (c.id.as_str(), c.label.get(lang).to_owned())),
            &sevs,
            no_sev,
            lang,
        ),
    }
}

fn compliance(
    calendar: &Calendar,
    id: &str,
    label: &str,
    input: &ReportInput,
    as_of: Date,
) -> DeadlineCompliance {
    let (mut on_time, mut late, mut late_open, mut pending, mut lapsed, mut not_started) =
        (0, 0, 0, 0, 0, 0);
    let mut taken: BTreeMap<i64, u64> = BTreeMap::new();
    for g in input.deadlines.iter().filter(|g| g.deadline == id) {
        let n = g.count;
        let Some(due) = g.due else {
            not_started += n;
            continue;
        };
        match g.met_on {
            Some(met_on) => {
                if met_on <= due {
                    on_time += n;
                } else {
                    late += n;
                }
                *taken
                    .entry(calendar.working_days_between(g.received_on, met_on))
                    .or_insert(0) += n;
            }
            None if !g.awaiting_decision => lapsed += n,
            None if due < as_of => {
                late += n;
                late_open += n;
            }
            None => pending += n,
        }
    }
    let sorted: Vec<(i64, u64)> = taken.into_iter().collect();
    let late_list: Vec<Late> = input
        .late
        .iter()
        .filter(|c| c.deadline == id)
        .filter_map(|c| {
            let met_on = c.met_on;
            let is_late = match met_on {
                Some(m) => m > c.due,
                None => c.due < as_of,
            };
            is_late.then(|| Late {
                reference: c.reference.to_string(),
                due: c.due,
                met_on,
            })
        })
        .take(LATE_LIST_MAX)
        .collect();
    DeadlineCompliance {
        id: id.to_owned(),
        label: label.to_owned(),
        on_time: Count::Exact(on_time),
        late: Count::Exact(late),
        late_open: Count::Exact(late_open),
        pending: Count::Exact(pending),
        lapsed: Count::Exact(lapsed),
        not_started: Count::Exact(not_started),
        share_on_time: share(on_time, late),
        median_working_days: percentile(&sorted, 50),
        p90_working_days: percentile(&sorted, 90),
        late_list_complete: u64::try_from(late_list.len()).unwrap_or(u64::MAX) == late,
        late_list,
    }
}

impl Report {
    /// The annual report's form (T15, K13): no references, no late list, small counts hidden.
    pub fn anonymise(mut self, threshold: u32) -> Report {
        let hide = |c: &mut Count| c.hide_below(threshold);
        for b in [
            &mut self.by_category,
            &mut self.by_severity,
            &mut self.by_channel,
            &mut self.by_form,
            &mut self.by_relation,
            &mut self.outcomes,
        ] {
            b.items.iter_mut().for_each(|t| hide(&mut t.count));
            hide(&mut b.unclassified);
        }
        hide(&mut self.escalations.director);
        hide(&mut self.escalations.board);
        hide(&mut self.total);
        hide(&mut self.decided);
        hide(&mut self.withdrawn);
        hide(&mut self.open_at_end);
        hide(&mut self.exceptional_total);
        for d in &mut self.deadlines {
            let counted = d.on_time.exact().unwrap_or(0) + d.late.exact().unwrap_or(0);
            if counted < u64::from(threshold) {
                // A share or median over a handful of complaints tells about those complaints.
                d.share_on_time = None;
                d.median_working_days = None;
                d.p90_working_days = None;
            }
            for c in [
                &mut d.on_time,
                &mut d.late,
                &mut d.late_open,
                &mut d.pending,
                &mut d.lapsed,
                &mut d.not_started,
            ] {
                hide(c);
            }
            d.late_list.clear();
            d.late_list_complete = false;
        }
        for e in &mut self.exceptional {
            e.reference = None;
        }
        for m in &mut self.by_month {
            hide(&mut m.received);
            hide(&mut m.decided);
        }
        // A share tells the count it comes from: hidden with it.
        hide(&mut self.ladder.closed);
        for r in &mut self.ladder.rungs {
            hide(&mut r.count);
            if matches!(r.count, Count::Below { .. })
                || matches!(self.ladder.closed, Count::Below { .. })
            {
                r.share = None;
            }
        }
        for r in &mut self.recommendations {
            r.decided_by = None;
            r.complaints.clear();
            hide(&mut r.complaint_count);
            for a in &mut r.actions {
                a.owner = None;
            }
        }
        if let Some(p) = &mut self.previous {
            for c in [
                &mut p.total,
                &mut p.decided,
                &mut p.withdrawn,
                &mut p.open_at_end,
                &mut p.escalated,
                &mut p.exceptional,
            ] {
                hide(c);
            }
        }
        let s = &mut self.satisfaction;
        // A rate over a handful of complainants tells about those complainants.
        if s.closed.exact().unwrap_or(0) < u64::from(threshold) {
            s.response_rate = None;
        }
        if s.answered.exact().unwrap_or(0) < u64::from(threshold) {
            s.share_satisfied = None;
        }
        for c in [
            &mut s.closed,
            &mut s.answered,
            &mut s.satisfied,
            &mut s.not_satisfied,
        ] {
            hide(c);
        }
        s.by_answer.iter_mut().for_each(|a| hide(&mut a.count));
        for t in s
            .by_category
            .iter_mut()
            .chain(s.by_outcome.iter_mut())
            .chain(s.by_severity.iter_mut())
        {
            for c in [
                &mut t.closed,
                &mut t.answered,
                &mut t.satisfied,
                &mut t.not_satisfied,
            ] {
                hide(c);
            }
        }
        self
    }
}

/// Who reads the reports: those who oversee complaint handling (T13, T15).
pub const READERS: [crate::types::Role; 4] = [
    crate::types::Role::Coordinator,
    crate::types::Role::Deputy,
    crate::types::Role::Director,
    crate::types::Role::Board,
];

/// Whether someone with `roles` reads the reports.
pub fn may_read(
    roles: &std::collections::BTreeSet<crate::types::Role>,
) -> Result<(), crate::procedure::Refusal> {
    if READERS.iter().any(|r| roles.contains(r)) {
        return Ok(());
    }
    Err(crate::procedure::Refusal::new(
        crate::procedure::RefusalKind::NotPermitted,
        "De verslagen zijn voor de coördinator, de plaatsvervanger, de directeur en het bestuur.",
        "The reports are for the coordinator, the deputy, the director and the board.",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn template() -> Profile {
        crate::profile::builtin("template").expect("template")
    }

    fn reference(n: u32) -> Reference {
        Reference::new(2026, n)
    }

    fn met(y: i16, m: i8, d: i8) -> Option<Date> {
        Some(date(y, m, d))
    }

    fn answer(
        received_on: Date,
        due: Option<Date>,
        met_on: Option<Date>,
        awaiting_decision: bool,
        count: u64,
    ) -> DeadlineGroup {
        DeadlineGroup {
            deadline: "answer".into(),
            received_on,
            due,
            met_on,
            awaiting_decision,
            count,
        }
    }

    fn late(n: u32, due: Date, met_on: Option<Date>) -> LateCandidate {
        LateCandidate {
            reference: reference(n),
            deadline: "answer".into(),
            due,
            met_on,
        }
    }

    fn flags(
        sensitive: bool,
        escalation: Option<Level>,
        severity: Option<&str>,
        count: u64,
    ) -> FlagGroup {
        FlagGroup {
            sensitive,
            escalation,
            severity: severity.map(str::to_owned),
            count,
        }
    }

    /// A small, hand-counted first half of 2026: four web complaints (client, normal, privacy
    /// and service), two by phone (very serious, escalated to the director), one letter
    /// (sensitive, escalated to the board, service, from a relation type an older profile had).
    fn input() -> ReportInput {
        ReportInput {
            period: Period::half_year(2026, 1).expect("period"),
            received: Received {
                by_channel: vec![
                    (Channel::Web, Form::Written, 4),
                    (Channel::Phone, Form::Oral, 2),
                    (Channel::Letter, Form::Written, 1),
                ],
                by_relation: vec![
                    (Some("client".into()), 4),
                    (None, 2),
                    (Some("donor".into()), 1),
                ],
                by_flags: vec![
                    flags(false, None, Some("normal"), 4),
                    flags(false, Some(Level::Director), Some("very_serious"), 2),
                    flags(true, Some(Level::Board), None, 1),
                ],
                by_categories: vec![
                    (vec!["privacy".into(), "service".into()], 4),
                    (Vec::new(), 2),
                    (vec!["service".into()], 1),
                ],
            },
            decided: vec![
                DecidedGroup {
                    outcome: Outcome::Gegrond,
                    count: 3,
                },
                DecidedGroup {
                    outcome: Outcome::Ongegrond,
                    count: 1,
                },
                DecidedGroup {
                    outcome: Outcome::Ingetrokken,
                    count: 2,
                },
            ],
            open_at_end: 5,
            deadlines: vec![
                // Received Friday 24 April; Monday 27 April is King's Day: met Tuesday = 1 day.
                answer(
                    date(2026, 4, 24),
                    Some(date(2026, 5, 4)),
                    met(2026, 4, 28),
                    false,
                    2,
                ),
                // Met the day after it was due: late, 6 working days.
                answer(
                    date(2026, 3, 2),
                    Some(date(2026, 3, 9)),
                    met(2026, 3, 10),
                    false,
                    1,
                ),
                // Met on the day it was due: on time, 5 working days.
                answer(
                    date(2026, 3, 2),
                    Some(date(2026, 3, 9)),
                    met(2026, 3, 9),
                    false,
                    1,
                ),
                // Late, 6 working days.
                answer(
                    date(2026, 6, 1),
                    Some(date(2026, 6, 8)),
                    met(2026, 6, 9),
                    false,
                    1,
                ),
                // Not met, still open, due before the report's day: late and open.
                answer(date(2026, 6, 25), Some(date(2026, 7, 2)), None, true, 1),
                // Not met, still open, not yet due: pending.
                answer(date(2026, 6, 29), Some(date(2026, 7, 20)), None, true, 3),
                // Withdrawn before it was met: lapsed.
                answer(date(2026, 5, 4), Some(date(2026, 5, 11)), None, false, 1),
                // A deadline that never started.
                answer(date(2026, 5, 6), None, None, true, 1),
            ],
            late: vec![
                late(2, date(2026, 3, 9), met(2026, 3, 10)),
                late(4, date(2026, 6, 8), met(2026, 6, 9)),
                late(5, date(2026, 7, 2), None),
            ],
            exceptional: vec![
                ExceptionalRow {
                    reference: reference(7),
                    sensitive: true,
                    severity: None,
                    escalation: Some(Level::Board),
                    summary: Some("Klacht over de omgang met een gevoelig dossier.".into()),
                },
                ExceptionalRow {
                    reference: reference(8),
                    sensitive: false,
                    severity: Some("very_serious".into()),
                    escalation: Some(Level::Director),
                    summary: None,
                },
            ],
            by_month: vec![
                month(3, 2, 1),
                month(4, 2, 2),
                month(5, 1, 0),
                month(6, 1, 1),
                // A second row for the same month adds up.
                month(6, 1, 0),
            ],
            closed_by_rung: vec![
                (crate::ladder::Rung::AtOnce, 1),
                (crate::ladder::Rung::Internal, 6),
                (crate::ladder::Rung::External, 1),
            ],
            satisfaction: vec![
                answered(
                    &["service"],
                    Some("gegrond"),
                    Some("normal"),
                    Some("opgelost"),
                    3,
                ),
                answered(
                    &["service", "privacy"],
                    Some("ongegrond"),
                    Some("serious"),
                    Some("te_lang"),
                    1,
                ),
                answered(
                    &["privacy"],
                    Some("ongegrond"),
                    Some("serious"),
                    Some("niet_opgelost"),
                    2,
                ),
                // Not answered.
                answered(&["service"], Some("gegrond"), Some("normal"), None, 4),
                // An answer of an older version of the regulation, satisfied.
                SatisfactionGroup {
                    categories: Vec::new(),
                    outcome: Outcome::parse("opgelost"),
                    severity: None,
                    satisfied: Some(true),
                    answer: Some("prima".into()),
                    count: 1,
                },
            ],
        }
    }

    /// Closed complaints with these values, answered with `answer` of the template (or not).
    fn answered(
        categories: &[&str],
        outcome: Option<&str>,
        severity: Option<&str>,
        answer: Option<&str>,
        count: u64,
    ) -> SatisfactionGroup {
        let template = template();
        SatisfactionGroup {
            categories: categories.iter().map(|c| (*c).to_owned()).collect(),
            outcome: outcome.and_then(Outcome::parse),
            severity: severity.map(str::to_owned),
            satisfied: answer
                .and_then(|a| template.satisfaction_answer(a))
                .map(|a| a.satisfied),
            answer: answer.map(str::to_owned),
            count,
        }
    }

    #[test]
    fn t13_t15_the_share_settled_per_rung_among_complaints_closed_in_the_period() {
        let r = report(&template(), &Calendar::dutch(), &input(), as_of(), Lang::Nl);
        assert_eq!(r.ladder.closed, E(8));
        let rungs: Vec<(&str, &str, Count, Option<f64>)> = r
            .ladder
            .rungs
            .iter()
            .map(|x| (x.id.as_str(), x.label.as_str(), x.count, x.share))
            .collect();
        assert_eq!(
            rungs,
            [
                ("at_once", "direct opgelost", E(1), Some(12.5)),
                ("internal", "intern afgehandeld", E(6), Some(75.0)),
                ("external", "buiten de organisatie", E(1), Some(12.5)),
            ]
        );
        // The annual report hides the small counts and the shares that would tell them.
        let a = r.anonymise(5);
        let rungs: Vec<(Count, Option<f64>)> =
            a.ladder.rungs.iter().map(|x| (x.count, x.share)).collect();
        assert_eq!(a.ladder.closed, E(8));
        assert_eq!(
            rungs,
            [
                (Count::Below { below: 5 }, None),
                (E(6), Some(75.0)),
                (Count::Below { below: 5 }, None),
            ]
        );
        let mut none = input();
        none.closed_by_rung.clear();
        let r = report(&template(), &Calendar::dutch(), &none, as_of(), Lang::En);
        assert_eq!(r.ladder.closed, E(0));
        assert!(
            r.ladder
                .rungs
                .iter()
                .all(|x| x.share.is_none() && x.count == E(0))
        );
        assert_eq!(r.ladder.rungs[2].label, "taken outside");
    }

    fn month(month: i8, received: u64, decided: u64) -> MonthInput {
        MonthInput {
            year: 2026,
            month,
            received,
            decided,
        }
    }

    fn as_of() -> Date {
        date(2026, 7, 15)
    }

    fn counts(b: &Breakdown) -> Vec<(&str, Count)> {
        b.items.iter().map(|t| (t.id.as_str(), t.count)).collect()
    }

    use Count::Exact as E;

    #[test]
    fn t13_satisfaction_counts_answers_of_complaints_closed_in_the_period() {
        let r = report(&template(), &Calendar::dutch(), &input(), as_of(), Lang::Nl);
        let s = &r.satisfaction;
        // 3 + 1 + 2 + 4 + 1 closed; 4 not answered.
        assert_eq!(s.closed, E(11));
        assert_eq!(s.answered, E(7));
        assert_eq!(s.response_rate, Some(63.6));
        // opgelost 3 and the older "prima" 1; te_lang 1 and niet_opgelost 2.
        assert_eq!((s.satisfied, s.not_satisfied), (E(4), E(3)));
        assert_eq!(s.share_satisfied, Some(57.1));
        let by_answer: Vec<(&str, bool, Count)> = s
            .by_answer
            .iter()
            .map(|a| (a.id.as_str(), a.satisfied, a.count))
            .collect();
        assert_eq!(
            by_answer,
            [
                ("opgelost", true, E(3)),
                ("goed_behandeld", true, E(0)),
                ("te_lang", false, E(1)),
                ("niet_gehoord", false, E(0)),
                ("niet_opgelost", false, E(2)),
                ("prima", true, E(1)),
            ]
        );
        let row = |tallies: &[SatisfactionTally], id: &str| {
            tallies.iter().find(|t| t.id == id).map(|t| {
                (
                    t.label.clone(),
                    t.closed,
                    t.answered,
                    t.satisfied,
                    t.not_satisfied,
                )
            })
        };
        // A complaint with two categories counts under each.
        assert_eq!(
            row(&s.by_category, "service"),
            Some(("Dienstverlening".into(), E(8), E(4), E(3), E(1)))
        );
        assert_eq!(
            row(&s.by_category, "privacy"),
            Some(("Privacy en persoonsgegevens".into(), E(3), E(3), E(0), E(3)))
        );
        assert_eq!(
            row(&s.by_category, ""),
            Some(("Niet ingedeeld".into(), E(1), E(1), E(1), E(0)))
        );
        assert_eq!(
            row(&s.by_outcome, "ongegrond"),
            Some(("Ongegrond".into(), E(3), E(3), E(0), E(3)))
        );
        assert_eq!(
            row(&s.by_outcome, "gegrond"),
            Some(("Gegrond".into(), E(7), E(3), E(3), E(0)))
        );
        assert_eq!(
            row(&s.by_severity, "serious"),
            Some(("Ernstig".into(), E(3), E(3), E(0), E(3)))
        );
        assert_eq!(
            row(&s.by_severity, "minor"),
            Some(("Licht".into(), E(0), E(0), E(0), E(0)))
        );

        // The annual report hides what is below the threshold, and the rates over few.
        let anon = r.clone().anonymise(5);
        let s = &anon.satisfaction;
        assert_eq!((s.closed, s.answered), (E(11), E(7)));
        assert_eq!(s.response_rate, Some(63.6));
        assert_eq!(
            (s.satisfied, s.not_satisfied),
            (Count::Below { below: 5 }, Count::Below { below: 5 })
        );
        assert_eq!(s.share_satisfied, Some(57.1));
        assert_eq!(s.by_answer[1].count, E(0), "zero is not hidden");
        assert_eq!(s.by_answer[0].count, Count::Below { below: 5 });
        assert_eq!(
            row(&s.by_category, "service").map(|t| (t.1, t.2)),
            Some((E(8), Count::Below { below: 5 }))
        );
        let anon = r.anonymise(8);
        assert_eq!(
            anon.satisfaction.share_satisfied, None,
            "7 answers are too few"
        );
        assert_eq!(anon.satisfaction.response_rate, Some(63.6));
    }

    #[test]
    fn t13_total_and_breakdowns_count_complaints_received_in_the_period() {
        let r = report(&template(), &Calendar::dutch(), &input(), as_of(), Lang::Nl);
        assert_eq!(r.total, E(7));
        // K10: several categories per complaint; every category of the profile is shown.
        assert_eq!(
            counts(&r.by_category),
            vec![
                ("service", E(5)),
                ("communication", E(0)),
                ("fundraising", E(0)),
                ("finance", E(0)),
                ("privacy", E(4)),
                ("other", E(0)),
            ]
        );
        assert_eq!(r.by_category.unclassified, E(2));
        assert_eq!(
            counts(&r.by_severity),
            vec![
                ("minor", E(0)),
                ("normal", E(4)),
                ("serious", E(0)),
                ("very_serious", E(2))
            ]
        );
        assert_eq!(r.by_severity.unclassified, E(1));
        assert_eq!(
            counts(&r.by_channel)[..4],
            [
                ("web", E(4)),
                ("email", E(0)),
                ("phone", E(2)),
                ("letter", E(1))
            ]
        );
        assert_eq!(counts(&r.by_form), vec![("written", E(5)), ("oral", E(2))]);
        assert_eq!(r.by_form.items[1].label, "Mondeling");
        let rel = counts(&r.by_relation);
        assert!(rel.contains(&("client", E(4))));
        // A value of an older profile version still counts, under its id, after the others.
        assert_eq!(rel.last(), Some(&("donor", E(1))));
        assert_eq!(r.by_relation.unclassified, E(2));
        assert_eq!(r.escalations.director, E(2));
        assert_eq!(r.escalations.board, E(1));
        assert_eq!(r.open_at_end, E(5));
    }

    #[test]
    fn t13_outcomes_count_decisions_and_withdrawals_apart() {
        let r = report(&template(), &Calendar::dutch(), &input(), as_of(), Lang::En);
        assert_eq!(r.decided, E(4));
        assert_eq!(r.withdrawn, E(2));
        let outcomes = counts(&r.outcomes);
        assert!(outcomes.contains(&("gegrond", E(3))));
        assert!(outcomes.contains(&("ongegrond", E(1))));
        assert!(outcomes.contains(&("opgelost", E(0))));
        assert!(
            !outcomes.iter().any(|(id, _)| *id == "ingetrokken"),
            "withdrawals are counted apart, not as an outcome"
        );
    }

    #[test]
    fn t13_deadline_compliance_by_hand() {
        let r = report(&template(), &Calendar::dutch(), &input(), as_of(), Lang::Nl);
        let a = r
            .deadlines
            .iter()
            .find(|d| d.id == "answer")
            .expect("answer");
        assert_eq!(a.on_time, E(3));
        assert_eq!(a.late, E(3));
        assert_eq!(a.late_open, E(1));
        assert_eq!(a.pending, E(3));
        assert_eq!(a.lapsed, E(1));
        assert_eq!(a.not_started, E(1));
        assert_eq!(a.share_on_time, Some(50.0));
        // Working days taken: 1, 1, 6, 5, 6 → sorted 1 1 5 6 6.
        assert_eq!(a.median_working_days, Some(5));
        assert_eq!(a.p90_working_days, Some(6));
        assert_eq!(
            a.late_list,
            vec![
                Late {
                    reference: "2026-0002".into(),
                    due: date(2026, 3, 9),
                    met_on: Some(date(2026, 3, 10)),
                },
                Late {
                    reference: "2026-0004".into(),
                    due: date(2026, 6, 8),
                    met_on: Some(date(2026, 6, 9)),
                },
                Late {
                    reference: "2026-0005".into(),
                    due: date(2026, 7, 2),
                    met_on: None,
                },
            ]
        );
        assert!(a.late_list_complete);
        // A deadline with nothing to count shows zeros and no share.
        let ack = r
            .deadlines
            .iter()
            .find(|d| d.id == "acknowledge")
            .expect("acknowledge");
        assert_eq!((ack.on_time, ack.late), (E(0), E(0)));
        assert_eq!(ack.share_on_time, None);
        assert_eq!(ack.median_working_days, None);
    }

    #[test]
    fn t13_a_deadline_due_after_the_report_day_is_pending_not_late() {
        // The same input, computed on 1 July: the deadline due 2 July is not late yet.
        let r = report(
            &template(),
            &Calendar::dutch(),
            &input(),
            date(2026, 7, 1),
            Lang::Nl,
        );
        let a = &r.deadlines[1];
        assert_eq!((a.late, a.late_open, a.pending), (E(2), E(0), E(4)));
        assert_eq!(a.late_list.len(), 2);
    }

    #[test]
    fn percentiles_are_by_nearest_rank_over_weights() {
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(percentile(&[(3, 1)], 90), Some(3));
        let four = [(1, 1), (2, 1), (3, 1), (4, 1)];
        assert_eq!(percentile(&four, 50), Some(2));
        assert_eq!(percentile(&four, 90), Some(4));
        // Nine complaints took 2 days, one took 30: the 90th percentile is 2.
        assert_eq!(percentile(&[(2, 9), (30, 1)], 90), Some(2));
        assert_eq!(percentile(&[(2, 8), (30, 2)], 90), Some(30));
        assert_eq!(share(2, 1), Some(66.7));
        assert_eq!(share(1, 2), Some(33.3));
        assert_eq!(share(0, 0), None);
    }

    #[test]
    fn t13_exceptional_complaints_show_reasons_and_the_summary_written_for_the_report() {
        let r = report(&template(), &Calendar::dutch(), &input(), as_of(), Lang::Nl);
        assert_eq!(r.exceptional_total, E(3));
        assert_eq!(
            r.exceptional,
            vec![
                Exceptional {
                    reference: Some("2026-0007".into()),
                    reasons: vec![Reason::Sensitive, Reason::EscalatedToBoard],
                    summary: "Klacht over de omgang met een gevoelig dossier.".into(),
                    has_summary: true,
                },
                Exceptional {
                    reference: Some("2026-0008".into()),
                    reasons: vec![Reason::VerySerious],
                    summary: "Nog geen samenvatting".into(),
                    has_summary: false,
                },
            ]
        );
    }

    #[test]
    fn t13_trend_per_month_lists_every_month_of_the_period_with_received_and_decided() {
        let r = report(&template(), &Calendar::dutch(), &input(), as_of(), Lang::Nl);
        let got: Vec<(&str, Count, Count)> = r
            .by_month
            .iter()
            .map(|m| (m.month.as_str(), m.received, m.decided))
            .collect();
        assert_eq!(
            got,
            vec![
                ("2026-01", E(0), E(0)),
                ("2026-02", E(0), E(0)),
                ("2026-03", E(2), E(1)),
                ("2026-04", E(2), E(2)),
                ("2026-05", E(1), E(0)),
                ("2026-06", E(2), E(1)),
            ]
        );
        let received: u64 = r.by_month.iter().filter_map(|m| m.received.exact()).sum();
        assert_eq!(Some(received), r.total.exact());
        let anon = r.anonymise(5);
        assert_eq!(anon.by_month[0].received, E(0), "zero is not hidden");
        assert_eq!(anon.by_month[2].received, Count::Below { below: 5 });
        assert_eq!(anon.by_month[3].decided, Count::Below { below: 5 });
        let json = serde_json::to_value(&anon).expect("json");
        assert_eq!(json["by_month"][2]["month"], "2026-03");
        assert_eq!(json["by_month"][2]["received"]["below"], 5);
    }

    #[test]
    fn months_of_a_period_cross_the_year() {
        let p = Period::new(date(2025, 11, 15), date(2026, 2, 1)).expect("period");
        assert_eq!(
            months(p),
            vec![(2025, 11), (2025, 12), (2026, 1), (2026, 2)]
        );
        let one = Period::new(date(2026, 5, 3), date(2026, 5, 3)).expect("period");
        assert_eq!(months(one), vec![(2026, 5)]);
    }

    #[test]
    fn t15_annual_report_hides_a_small_total_as_its_breakdowns() {
        let mut r = report(&template(), &Calendar::dutch(), &input(), as_of(), Lang::Nl);
        r.previous = Some(summary(&template(), &Calendar::dutch(), &input(), as_of()));
        let strict = r.clone().anonymise(10);
        assert_eq!(strict.total, Count::Below { below: 10 });
        let json = serde_json::to_value(&strict).expect("json");
        assert_eq!(json["total"], serde_json::json!({"below": 10}));
        assert_eq!(json["previous"]["total"], serde_json::json!({"below": 10}));
        let half_year = serde_json::to_value(&r).expect("json");
        assert_eq!(half_year["total"], 7, "the half-year report is exact");
    }

    #[test]
    fn t15_annual_report_hides_small_counts_references_and_late_lists() {
        let r = report(&template(), &Calendar::dutch(), &input(), as_of(), Lang::Nl).anonymise(5);
        assert_eq!(r.total, E(7), "seven is not small");
        let cats = counts(&r.by_category);
        assert_eq!(cats[0], ("service", E(5)));
        assert_eq!(cats[1], ("communication", E(0)), "zero is not hidden");
        assert_eq!(cats[4], ("privacy", Count::Below { below: 5 }));
        assert_eq!(r.escalations.board, Count::Below { below: 5 });
        assert!(r.exceptional.iter().all(|e| e.reference.is_none()));
        assert_eq!(
            r.exceptional[0].summary,
            "Klacht over de omgang met een gevoelig dossier."
        );
        let a = &r.deadlines[1];
        assert!(a.late_list.is_empty());
        assert_eq!(a.late, Count::Below { below: 5 });
        // Six deadlines counted: enough for a share at threshold 5, not at 10.
        assert_eq!(a.share_on_time, Some(50.0));
        let strict =
            report(&template(), &Calendar::dutch(), &input(), as_of(), Lang::Nl).anonymise(10);
        assert_eq!(strict.deadlines[1].share_on_time, None);
        assert_eq!(strict.deadlines[1].median_working_days, None);
        let json = serde_json::to_value(&r).expect("json");
        assert_eq!(json["by_category"]["items"][4]["count"]["below"], 5);
        assert_eq!(json["by_category"]["items"][0]["count"], 5);
    }

    #[test]
    fn periods_half_years_years_and_the_one_before() {
        let h1 = Period::half_year(2026, 1).expect("h1");
        assert_eq!((h1.from, h1.to), (date(2026, 1, 1), date(2026, 6, 30)));
        let h2 = Period::half_year(2026, 2).expect("h2");
        assert_eq!((h2.from, h2.to), (date(2026, 7, 1), date(2026, 12, 31)));
        assert_eq!(h1.previous(), Period::half_year(2025, 2).expect("p"));
        assert_eq!(h2.previous(), h1);
        assert_eq!(
            Period::year(2026).expect("y").previous(),
            Period::year(2025).expect("y")
        );
        let ten = Period::new(date(2026, 3, 10), date(2026, 3, 19)).expect("custom");
        assert_eq!(ten.days(), 10);
        assert_eq!(
            ten.previous(),
            Period::new(date(2026, 2, 28), date(2026, 3, 9)).expect("p")
        );
        assert_eq!(Period::half_year(2026, 3), Err(PeriodError::Half));
        assert_eq!(Period::year(1999), Err(PeriodError::Year));
        assert_eq!(
            Period::new(date(2026, 3, 10), date(2026, 3, 9)),
            Err(PeriodError::Reversed)
        );
        assert_eq!(
            Period::new(date(2010, 1, 1), date(2026, 1, 1)),
            Err(PeriodError::TooLong)
        );
    }
}
