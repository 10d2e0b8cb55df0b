//! How a deadline stands on a day (T5, T6, K12.4): on time, due within one working day, or
//! overdue by so many working days of the organisation's calendar. The dashboard, the dossier,
//! the API, the deadline notices and the status page all ask here, so that they agree.
//!
//! A deadline is overdue from the day after its due day. "Due soon" runs up to and including
//! the next working day after today, so that on a Friday a deadline due on Monday is already
//! flagged (the notices call it "deadline_tomorrow").

use crate::calendar::Calendar;
use jiff::civil::Date;

/// How a complaint's (next) deadline stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    /// No running deadline.
    None,
    /// Due after the next working day.
    OnTime,
    /// Due today or by the next working day.
    DueSoon,
    /// Past due, by this many working days. At least 1: a deadline due on a Friday is overdue
    /// on Saturday, shown as one working day late although no working day has passed yet.
    Overdue(i64),
}

impl Urgency {
    pub fn is_overdue(self) -> bool {
        matches!(self, Urgency::Overdue(_))
    }
}

/// Whether a deadline due on `due` has passed on `today`: `today` is after the due day.
pub fn is_overdue(due: Date, today: Date) -> bool {
    due < today
}

/// The last day a deadline counts as due soon, seen on `today`: the first working day after
/// `today`. A deadline due on or before it is [`Urgency::DueSoon`] (or overdue).
pub fn due_soon_until(calendar: &Calendar, today: Date) -> Date {
    calendar.next_working_day_on_or_after(today.tomorrow().unwrap_or(today))
}

/// How many working days late a deadline due on `due` is on `today`: the working days after
/// the due day up to and including today; 0 when it has not passed, and also on the days off
/// straight after it (due on a Friday, 0 on Saturday and Sunday, 1 on Monday).
pub fn working_days_late(calendar: &Calendar, due: Date, today: Date) -> i64 {
    if !is_overdue(due, today) {
        return 0;
    }
    calendar.working_days_between(due, today)
}

/// The urgency of a running deadline due on `due` (`None`: no running deadline), seen on
/// `today`, in working days of `calendar`.
pub fn urgency(calendar: &Calendar, due: Option<Date>, today: Date) -> Urgency {
    let Some(due) = due else { return Urgency::None };
    if is_overdue(due, today) {
        return Urgency::Overdue(working_days_late(calendar, due, today).max(1));
    }
    if due <= due_soon_until(calendar, today) {
        Urgency::DueSoon
    } else {
        Urgency::OnTime
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::CalendarConfig;
    use jiff::civil::date;

    fn cal() -> Calendar {
        Calendar::new(&CalendarConfig::default())
    }

    // June 2026 has no public holiday: Monday 8 to Friday 12, the weekend, Monday 15.

    #[test]
    fn t05_t06_no_running_deadline_has_no_urgency() {
        assert_eq!(urgency(&cal(), None, date(2026, 6, 9)), Urgency::None);
    }

    #[test]
    fn t05_t06_due_after_the_next_working_day_is_on_time() {
        let tuesday = date(2026, 6, 9);
        assert_eq!(
            urgency(&cal(), Some(date(2026, 6, 11)), tuesday),
            Urgency::OnTime
        );
        assert_eq!(
            urgency(&cal(), Some(date(2026, 6, 10)), tuesday),
            Urgency::DueSoon
        );
    }

    #[test]
    fn t05_t06_due_today_or_the_next_working_day_is_due_soon() {
        let friday = date(2026, 6, 12);
        assert_eq!(urgency(&cal(), Some(friday), friday), Urgency::DueSoon);
        // Over the weekend: Monday is the next working day after Friday.
        assert_eq!(due_soon_until(&cal(), friday), date(2026, 6, 15));
        assert_eq!(
            urgency(&cal(), Some(date(2026, 6, 15)), friday),
            Urgency::DueSoon
        );
        assert_eq!(
            urgency(&cal(), Some(date(2026, 6, 16)), friday),
            Urgency::OnTime
        );
    }

    #[test]
    fn t05_due_soon_skips_public_holidays() {
        // Wednesday 24 December 2025: the next working day is Monday 29 December (Christmas,
        // Boxing Day and the weekend in between).
        let today = date(2025, 12, 24);
        assert_eq!(due_soon_until(&cal(), today), date(2025, 12, 29));
        assert_eq!(
            urgency(&cal(), Some(date(2025, 12, 29)), today),
            Urgency::DueSoon
        );
        assert_eq!(
            urgency(&cal(), Some(date(2025, 12, 30)), today),
            Urgency::OnTime
        );
    }

    #[test]
    fn t05_t06_overdue_counts_working_days_late() {
        let due = date(2026, 6, 9);
        assert!(!is_overdue(due, due));
        assert!(is_overdue(due, date(2026, 6, 10)));
        assert_eq!(working_days_late(&cal(), due, due), 0);
        assert_eq!(working_days_late(&cal(), due, date(2026, 6, 8)), 0);
        assert_eq!(working_days_late(&cal(), due, date(2026, 6, 10)), 1);
        // Wednesday, Thursday, Friday, Monday.
        assert_eq!(working_days_late(&cal(), due, date(2026, 6, 15)), 4);
        assert_eq!(
            urgency(&cal(), Some(due), date(2026, 6, 15)),
            Urgency::Overdue(4)
        );
        assert!(Urgency::Overdue(4).is_overdue());
        assert!(!Urgency::DueSoon.is_overdue());
        assert!(!Urgency::None.is_overdue());
    }

    #[test]
    fn t05_overdue_over_a_weekend_is_at_least_one_working_day() {
        let friday = date(2026, 6, 12);
        let saturday = date(2026, 6, 13);
        assert!(is_overdue(friday, saturday));
        assert_eq!(working_days_late(&cal(), friday, saturday), 0);
        assert_eq!(urgency(&cal(), Some(friday), saturday), Urgency::Overdue(1));
        assert_eq!(working_days_late(&cal(), friday, date(2026, 6, 15)), 1);
    }

    #[test]
    fn t05_days_late_skip_holidays() {
        // Due Tuesday 23 December 2025, seen on Monday 5 January 2026: 24, 29, 30 and 31
        // December and 5 January (Christmas, New Year and Friday 2 January, equated by
        // decree, are not working days).
        assert_eq!(
            working_days_late(&cal(), date(2025, 12, 23), date(2026, 1, 5)),
            5
        );
    }
}
