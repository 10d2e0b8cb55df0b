//! When the register reminds the coordinators (T15, T16). The background round asks here on
//! every pass; each reminder carries a key per person, so that it is told once however often
//! the round runs:
//!
//! - **Annual report** (T15, K13): in January, "write the annual report over last year".
//!   Key `annual_report:YEAR:USER`.
//! - **Evaluate the regulation** (T16): when the later of the latest recorded evaluation and
//!   the regulation's adoption date lies a year or more back (no evaluation in the past twelve
//!   months, and the regulation in force for over a year). Key `evaluation:DAY:USER` with DAY
//!   that later date: recording an evaluation starts the next year's count, and its reminder is
//!   new.
//!
//! Whom: every active coordinator ([`reminds`]). The reminders name no complaint and no
//! personal data.

use crate::types::{Role, UserId};
use jiff::Span;
use jiff::civil::Date;
use std::collections::BTreeSet;

/// The notice kind of [`Reminder::AnnualReport`], as stored.
pub const ANNUAL_REPORT_DUE: &str = "annual_report_due";
/// The notice kind of [`Reminder::Evaluation`], as stored.
pub const EVALUATION_DUE: &str = "evaluation_due";

/// A reminder of the register that is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    /// T15: write the annual report over `year`.
    AnnualReport { year: i16 },
    /// T16: the regulation has not been evaluated since `since` (its latest evaluation, or its
    /// adoption when that is later), a year or more ago.
    Evaluation { since: Date },
}

impl Reminder {
    /// The notice kind, as stored ([`ANNUAL_REPORT_DUE`], [`EVALUATION_DUE`]).
    pub fn kind(self) -> &'static str {
        match self {
            Reminder::AnnualReport { .. } => ANNUAL_REPORT_DUE,
            Reminder::Evaluation { .. } => EVALUATION_DUE,
        }
    }

    /// The notice's detail, as stored: the year (`2025`) or the day since when (`2025-01-01`).
    pub fn detail(self) -> String {
        match self {
            Reminder::AnnualReport { year } => year.to_string(),
            Reminder::Evaluation { since } => since.to_string(),
        }
    }

    /// The key that makes the reminder once per person and period:
    /// `annual_report:2025:7`, `evaluation:2025-01-01:7`.
    pub fn dedupe(self, user: UserId) -> String {
        let period = match self {
            Reminder::AnnualReport { .. } => "annual_report",
            Reminder::Evaluation { .. } => "evaluation",
        };
        format!("{period}:{}:{}", self.detail(), user.0)
    }

    /// A stored notice read back (kind and detail), if it is one of these.
    pub fn parse(kind: &str, detail: Option<&str>) -> Option<Reminder> {
        match kind {
            ANNUAL_REPORT_DUE => Some(Reminder::AnnualReport {
                year: detail?.parse().ok()?,
            }),
            EVALUATION_DUE => Some(Reminder::Evaluation {
                since: detail?.parse().ok()?,
            }),
            _ => None,
        }
    }
}

/// The reminders due on `today`, for a regulation adopted on `adopted_on` and last evaluated
/// on `latest_evaluation` (none recorded yet: `None`). The annual report first.
pub fn due(today: Date, adopted_on: Date, latest_evaluation: Option<Date>) -> Vec<Reminder> {
    let mut out = Vec::new();
    if today.month() == 1 {
        out.push(Reminder::AnnualReport {
            year: today.year() - 1,
        });
    }
    let since = latest_evaluation.map_or(adopted_on, |e| e.max(adopted_on));
    let year_later = since.checked_add(Span::new().years(1)).ok();
    if year_later.is_some_and(|d| d <= today) {
        out.push(Reminder::Evaluation { since });
    }
    out
}

/// Whether someone with `roles` (and active) is reminded: the coordinator writes the annual
/// report (T15) and sees to the evaluation (T16).
pub fn reminds(roles: &BTreeSet<Role>, active: bool) -> bool {
    active && roles.contains(&Role::Coordinator)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const ADOPTED: Date = date(2025, 1, 1);

    #[test]
    fn t15_in_january_the_annual_report_over_last_year_is_due() {
        assert_eq!(
            due(date(2027, 1, 4), ADOPTED, Some(date(2026, 12, 1))),
            [Reminder::AnnualReport { year: 2026 }]
        );
        assert_eq!(
            due(date(2027, 1, 31), ADOPTED, Some(date(2026, 12, 1))),
            [Reminder::AnnualReport { year: 2026 }]
        );
        assert!(due(date(2026, 12, 31), ADOPTED, Some(date(2026, 12, 1))).is_empty());
        assert!(due(date(2027, 2, 1), ADOPTED, Some(date(2026, 12, 1))).is_empty());
    }

    #[test]
    fn t16_a_year_after_adoption_without_evaluation_the_evaluation_is_due() {
        assert!(due(date(2025, 12, 31), ADOPTED, None).is_empty());
        assert_eq!(
            due(date(2026, 1, 1), ADOPTED, None),
            [
                Reminder::AnnualReport { year: 2025 },
                Reminder::Evaluation { since: ADOPTED }
            ]
        );
        assert_eq!(
            due(date(2026, 5, 1), ADOPTED, None),
            [Reminder::Evaluation { since: ADOPTED }]
        );
    }

    #[test]
    fn t16_an_evaluation_starts_the_next_years_count() {
        let evaluated = date(2026, 4, 30);
        assert!(due(date(2027, 4, 29), ADOPTED, Some(evaluated)).is_empty());
        assert_eq!(
            due(date(2027, 4, 30), ADOPTED, Some(evaluated)),
            [Reminder::Evaluation { since: evaluated }]
        );
    }

    #[test]
    fn t16_a_newer_adoption_counts_from_its_own_date() {
        // Evaluated before the new version was adopted: the year runs from the adoption.
        let adopted = date(2026, 3, 1);
        assert!(due(date(2027, 2, 28), adopted, Some(date(2025, 6, 1))).is_empty());
        assert_eq!(
            due(date(2027, 3, 1), adopted, Some(date(2025, 6, 1))),
            [Reminder::Evaluation { since: adopted }]
        );
    }

    #[test]
    fn t16_29_february_counts_a_year_to_28_february() {
        let since = date(2028, 2, 29);
        assert!(due(date(2029, 2, 27), ADOPTED, Some(since)).is_empty());
        assert_eq!(
            due(date(2029, 2, 28), ADOPTED, Some(since)),
            [Reminder::Evaluation { since }]
        );
    }

    #[test]
    fn t15_t16_reminders_are_stored_with_kind_detail_and_key() {
        let annual = Reminder::AnnualReport { year: 2026 };
        assert_eq!(annual.kind(), "annual_report_due");
        assert_eq!(annual.detail(), "2026");
        assert_eq!(annual.dedupe(UserId(7)), "annual_report:2026:7");
        let evaluation = Reminder::Evaluation {
            since: date(2025, 1, 1),
        };
        assert_eq!(evaluation.kind(), "evaluation_due");
        assert_eq!(evaluation.detail(), "2025-01-01");
        assert_eq!(evaluation.dedupe(UserId(7)), "evaluation:2025-01-01:7");
        assert_eq!(
            Reminder::parse("annual_report_due", Some("2026")),
            Some(annual)
        );
        assert_eq!(
            Reminder::parse("evaluation_due", Some("2025-01-01")),
            Some(evaluation)
        );
        assert_eq!(Reminder::parse("evaluation_due", Some("gisteren")), None);
        assert_eq!(Reminder::parse("overdue", Some("2026")), None);
    }

    #[test]
    fn t15_t16_only_active_coordinators_are_reminded() {
        let roles = |r: &[Role]| r.iter().copied().collect::<BTreeSet<Role>>();
        assert!(reminds(&roles(&[Role::Coordinator]), true));
        assert!(reminds(&roles(&[Role::Handler, Role::Coordinator]), true));
        assert!(!reminds(&roles(&[Role::Coordinator]), false));
        assert!(!reminds(
            &roles(&[Role::Deputy, Role::Director, Role::Board]),
            true
        ));
        assert!(!reminds(&roles(&[]), true));
    }
}
