//! How long a complaint's personal data is kept (bewaartermijn, K8, T10; AVG art. 5(1)(e)), and
//! when the daily round anonymises it.
//!
//! A complaint that is closed or withdrawn is kept `retention.months_after_close` calendar months
//! (Europe/Amsterdam) from the day it ended: it is anonymised on the day after the last day kept.
//! A complaint on hold (an external procedure, a legal claim) is skipped until the hold is
//! lifted; one that is open again is not due at all.

use crate::Profile;
use crate::calendar::{amsterdam_date, amsterdam_day_start};
use crate::procedure::{
    AnonymisedWhy, Complaint, Ctx, Event, EventBody, Org, Refusal, Staff, acting_coordinators,
    capacities,
};
use crate::profile::Capacity;
use crate::types::Actor;
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};

/// When the complaint ended (closed or withdrawn), if it has.
pub fn ended_at(c: &Complaint) -> Option<Timestamp> {
    if c.status.is_open() {
        return None;
    }
    c.closed_at.or(c.withdrawn_at)
}

/// The last day the personal data is kept: the day it ended plus `months` calendar months
/// (31 January plus one month is the last day of February). `None` while the complaint is open
/// or once it is anonymised.
pub fn kept_until(months: u32, c: &Complaint) -> Option<Date> {
    if c.anonymised_at.is_some() {
        return None;
    }
    let ended = amsterdam_date(ended_at(c)?);
    ended.checked_add(i64::from(months).months()).ok()
}

/// The day the round anonymises the complaint: the day after [`kept_until`].
pub fn anonymised_on(months: u32, c: &Complaint) -> Option<Date> {
    kept_until(months, c).and_then(|d| d.tomorrow().ok())
}

/// Whether the round anonymises the complaint on `today`: its period is over, it is not held,
/// and no procedure outside still runs on it (a referral whose outcome is not recorded, issue 18:
/// the privacy statements promise to keep a complaint while such a procedure runs).
pub fn due(months: u32, c: &Complaint, today: Date) -> bool {
    c.held_since.is_none()
        && !c.referral_pending()
        && anonymised_on(months, c).is_some_and(|d| d <= today)
}

/// A moment before which every complaint due on `today` ended (and a few others): what the store
/// filters on before [`due`] decides for each. Month arithmetic clamps at the end of a month
/// (31 January + 1 month = 28 February), so the bound keeps a margin of a few days.
pub fn ended_before(months: u32, today: Date) -> Timestamp {
    let back = today
        .checked_sub(i64::from(months).months())
        .unwrap_or(Date::MIN);
    amsterdam_day_start(back.checked_add(4.days()).unwrap_or(back))
}

/// The round's decision on one complaint: the anonymisation, by klacht itself. Refused when the
/// complaint is not (yet) due, held, or anonymised already.
pub fn anonymise_by_retention(ctx: &Ctx, c: &Complaint) -> Result<Vec<Event>, Refusal> {
    let months = ctx.profile.retention.months_after_close;
    let today = amsterdam_date(ctx.now);
    if let Some(at) = c.anonymised_at {
        return Err(already(at));
    }
    if c.held_since.is_some() {
        return Err(Refusal::state(
            "Deze klacht wordt bewust bewaard (bewaring); hef die eerst op.",
            "This complaint is held back on purpose; lift the hold first.",
        ));
    }
    if c.referral_pending() {
        return Err(Refusal::state(
            "Deze klacht ligt nog bij een instantie buiten de organisatie; leg eerst de uitkomst daarvan vast.",
            "This complaint is still with a body outside the organisation; record its outcome first.",
        ));
    }
    if !due(months, c, today) {
        return Err(Refusal::state(
            "De bewaartermijn van deze klacht is nog niet verstreken.",
            "This complaint's retention period has not run out yet.",
        ));
    }
    Ok(vec![Event {
        at: ctx.now,
        actor: Actor::System,
        body: EventBody::Anonymised {
            why: AnonymisedWhy::Retention,
            reason: None,
        },
    }])
}

/// Whether `who` oversees retention — runs the round, sees what it will do and what is held
/// back, and handles the requests of data subjects: whoever may anonymise under the regulation
/// (`steps.anonymise`, the coordinator by default), the deputy acting while the coordinator is
/// absent (T17) included.
pub fn may_oversee(profile: &Profile, org: &Org, who: &Staff) -> Result<(), Refusal> {
    let mut caps = capacities(profile, org, None, who);
    if acting_coordinators(profile, org, None)
        .iter()
        .any(|s| s.id == who.id)
    {
        caps.insert(Capacity::Coordinator);
    }
    if profile.steps.anonymise.iter().any(|c| caps.contains(c)) {
        return Ok(());
    }
    let mut r = crate::procedure::not_permitted("anonymise", &profile.steps.anonymise);
    r.message = crate::Localized {
        nl: "Bewaartermijnen, anonimiseren en verzoeken van betrokkenen zijn voor wie volgens de klachtenregeling mag anonimiseren (de coördinator, of wie voor hem of haar optreedt).".into(),
        en: Some("Retention, anonymisation and the requests of data subjects are for whoever may anonymise under the regulation (the coordinator, or whoever acts for them).".into()),
    };
    Err(r)
}

/// The refusal for anything asked of an anonymised complaint.
pub fn already(at: Timestamp) -> Refusal {
    let day = amsterdam_date(at);
    Refusal::state(
        format!(
            "Deze klacht is op {day} geanonimiseerd; er kan niets meer aan worden gedaan of toegevoegd."
        ),
        format!("This complaint was anonymised on {day}; nothing more can be done to it or added."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedure::{Status, register};
    use crate::{Calendar, profile};

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    /// A complaint closed at `closed` (Amsterdam time as an instant).
    fn closed(closed: &str) -> Complaint {
        let p = profile::builtin("template").unwrap_or_else(|| panic!("no template"));
        let cal = Calendar::dutch();
        let org = crate::procedure::Org::default();
        let received = at("2024-01-02T10:00:00+01:00");
        let ctx = Ctx {
            profile: &p,
            calendar: &cal,
            org: &org,
            now: received,
        };
        let new = crate::procedure::NewComplaint {
            channel: crate::Channel::Web,
            received_at: received,
            received_by: None,
            received_where: None,
            concerns: None,
            relation: None,
            complainant: crate::procedure::Complainant {
                name: "Jan".into(),
                email: Some("jan@example.nl".into()),
                ..Default::default()
            },
            on_behalf_of: None,
            description: "Te laat.".into(),
            language: crate::Lang::Nl,
            resolved_directly: None,
            documents: Vec::new(),
        };
        let events = register(&ctx, None, new).unwrap_or_else(|e| panic!("{e}"));
        let mut c = Complaint::replay(&events).unwrap_or_else(|| panic!("no registration"));
        c.status = Status::Closed;
        c.closed_at = Some(at(closed));
        c
    }

    #[test]
    fn t10_a_closed_complaint_is_kept_its_months_and_anonymised_the_day_after() {
        // Closed late on 15 January 2024, Amsterdam time (already the 16th in no zone but UTC+1).
        let c = closed("2024-01-15T23:30:00+01:00");
        assert_eq!(kept_until(24, &c), Some(day("2026-01-15")));
        assert_eq!(anonymised_on(24, &c), Some(day("2026-01-16")));
        assert!(!due(24, &c, day("2026-01-15")));
        assert!(due(24, &c, day("2026-01-16")));
    }

    #[test]
    fn t10_months_are_calendar_months_that_end_at_the_end_of_a_short_month() {
        let c = closed("2025-01-31T12:00:00+01:00");
        assert_eq!(kept_until(1, &c), Some(day("2025-02-28")));
        assert_eq!(anonymised_on(1, &c), Some(day("2025-03-01")));
    }

    #[test]
    fn t10_open_held_or_anonymised_complaints_are_not_due() {
        let mut c = closed("2020-01-15T12:00:00+01:00");
        assert!(due(24, &c, day("2026-12-06")));
        c.held_since = Some(at("2026-01-01T00:00:00Z"));
        assert!(!due(24, &c, day("2026-12-06")), "held");
        c.held_since = None;
        c.status = Status::InProgress;
        assert!(!due(24, &c, day("2026-12-06")), "open again");
        c.status = Status::Closed;
        c.anonymised_at = Some(at("2026-01-01T00:00:00Z"));
        assert_eq!(kept_until(24, &c), None, "anonymised");
    }

    #[test]
    fn awb_9_12_a_complaint_with_a_referral_outside_is_kept_until_its_outcome() {
        let mut c = closed("2020-01-15T12:00:00+01:00");
        c.referrals.push(crate::procedure::Referral {
            body: "nationale_ombudsman".into(),
            on: day("2020-02-01"),
            until: day("2021-01-15"),
            outcome: None,
        });
        assert!(
            !due(24, &c, day("2026-12-06")),
            "the ombudsman has not answered"
        );
        if let Some(r) = c.referrals.first_mut() {
            r.outcome = Some((
                crate::procedure::ExternalOutcome::NotUpheld,
                day("2020-09-01"),
            ));
        }
        assert!(
            due(24, &c, day("2026-12-06")),
            "answered: the period applies"
        );
    }

    #[test]
    fn t10_a_withdrawn_complaint_counts_from_its_withdrawal() {
        let mut c = closed("2024-03-10T12:00:00+01:00");
        c.closed_at = None;
        c.status = Status::Withdrawn;
        c.withdrawn_at = Some(at("2024-03-10T12:00:00+01:00"));
        assert_eq!(anonymised_on(6, &c), Some(day("2024-09-11")));
    }

    #[test]
    fn t10_the_store_filter_keeps_every_complaint_that_is_due() {
        // For each day of two years and several periods: a complaint due on `today` ended
        // before the filter's moment.
        let base = closed("2024-01-15T12:00:00+01:00");
        let mut today = day("2026-01-01");
        while today < day("2028-01-01") {
            for months in [1, 6, 24] {
                let bound = ended_before(months, today);
                for back in 0..5 {
                    let ended = today
                        .checked_sub(i64::from(months).months())
                        .and_then(|d| d.checked_sub(back.days()))
                        .unwrap_or_else(|e| panic!("{e}"));
                    let mut c = base.clone();
                    c.closed_at = Some(at(&format!("{ended}T23:59:00+01:00")));
                    if due(months, &c, today) {
                        assert!(
                            c.closed_at.is_some_and(|t| t < bound),
                            "{ended} is due on {today} after {months} months but not before {bound}"
                        );
                    }
                }
            }
            today = today.tomorrow().unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
