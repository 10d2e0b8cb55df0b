//! How long klacht keeps what it stores about people besides the complaints themselves (K8,
//! T10; AVG art. 5(1)(e)): the read log, the account log, staff notices, mail that is not a
//! letter, files no dossier refers to; and sessions, links and tokens that open nothing any
//! more. The periods are the profile's ([`crate::profile::Retention`]); this module turns them
//! into the moments before which each is past its period, on a given day (Europe/Amsterdam),
//! for the daily round to remove.
//!
//! A period in months or days counts whole calendar days, like the complaints' own period: a
//! line written on 3 March with a period of one month is kept through 3 April and removed from
//! 4 April on.

use crate::calendar::{amsterdam_date, amsterdam_day_start};
use crate::profile::Retention;
use crate::reminders::{self, Reminder};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp, ToSpan};

/// The moments before which each kind of data is past its period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cutoffs {
    /// Now: sessions that ended and links that expired before it go, and so do used links and
    /// revoked API tokens.
    pub now: Timestamp,
    /// Lines of the read log (K8) from before this go.
    pub reads_before: Timestamp,
    /// Lines of the account log from before this go.
    pub account_log_before: Timestamp,
    /// Staff notices made before this go (unless the rounds could make them again).
    pub notices_before: Timestamp,
    /// The annual report reminders made before this go: [`Cutoffs::notices_before`], but in
    /// January (when the reminder over last year may be written) not before the year began.
    pub annual_reminders_before: Timestamp,
    /// Mail that is not a letter, sent or failed for good before this, goes with its copies.
    pub mail_before: Timestamp,
    /// How old a stored file no dossier refers to must be to go.
    pub upload_grace: SignedDuration,
    /// Requests of data subjects settled before this go, with their log.
    pub requests_before: Timestamp,
}

/// The day `n` units before `today`, at its start in Europe/Amsterdam: what was written before
/// it has been kept `n` whole units.
fn day_start_before(today: Date, span: jiff::Span) -> Timestamp {
    amsterdam_day_start(today.checked_sub(span).unwrap_or(Date::MIN))
}

/// The cut-offs of `retention` at `now`.
pub fn cutoffs(retention: &Retention, now: Timestamp) -> Cutoffs {
    let today = amsterdam_date(now);
    let notices_before = day_start_before(today, i64::from(retention.notice_days).days());
    // The annual report reminder over last year may be written on any day of January: only
    // reminders from before this year are past any chance of being written again then.
    let in_january = reminders::due(today, today, Some(today))
        .iter()
        .any(|r| matches!(r, Reminder::AnnualReport { .. }));
    let annual_reminders_before = if in_january {
        let new_year = jiff::civil::date(today.year(), 1, 1);
        notices_before.min(amsterdam_day_start(new_year))
    } else {
        notices_before
    };
    Cutoffs {
        now,
        reads_before: day_start_before(today, i64::from(retention.read_log_months).months()),
        account_log_before: day_start_before(
            today,
            i64::from(retention.account_log_months).months(),
        ),
        notices_before,
        annual_reminders_before,
        mail_before: day_start_before(today, i64::from(retention.mail_days).days()),
        upload_grace: SignedDuration::from_hours(i64::from(retention.upload_hours)),
        requests_before: day_start_before(today, i64::from(retention.request_months).months()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn retention() -> Retention {
        crate::profile::builtin("template")
            .map(|p| p.retention)
            .unwrap_or_else(|| panic!("template"))
    }

    #[test]
    fn k08_each_period_counts_whole_days_in_amsterdam() {
        // 15 May 2026, 10:00 in Amsterdam (summer time).
        let c = cutoffs(&retention(), at("2026-05-15T08:00:00Z"));
        // 24 months: what was read before 15 May 2024 (Amsterdam) goes.
        assert_eq!(c.reads_before, at("2024-05-14T22:00:00Z"));
        assert_eq!(c.account_log_before, at("2024-05-14T22:00:00Z"));
        // 180 days back is 16 November 2025 (winter time).
        assert_eq!(c.notices_before, at("2025-11-15T23:00:00Z"));
        assert_eq!(c.annual_reminders_before, c.notices_before);
        // 30 days back is 15 April 2026.
        assert_eq!(c.mail_before, at("2026-04-14T22:00:00Z"));
        assert_eq!(c.upload_grace, SignedDuration::from_hours(24));
        assert_eq!(c.now, at("2026-05-15T08:00:00Z"));
    }

    #[test]
    fn t15_in_january_no_annual_reminder_of_this_year_goes_however_short_the_period() {
        let mut r = retention();
        r.notice_days = 7;
        let c = cutoffs(&r, at("2027-01-20T12:00:00Z"));
        assert_eq!(c.notices_before, at("2027-01-12T23:00:00Z"));
        assert_eq!(c.annual_reminders_before, at("2026-12-31T23:00:00Z"));
        let c = cutoffs(&r, at("2027-02-20T12:00:00Z"));
        assert_eq!(c.annual_reminders_before, at("2027-02-12T23:00:00Z"));
    }
}
