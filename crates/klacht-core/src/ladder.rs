//! The Nationale ombudsman's ladder (issue 18): a complaint is settled at once (T4, Awb 9:5),
//! handled internally (the procedure), or taken outside to a body the regulation names
//! (`external_bodies`; Awb 9:12 lid 2). The rung is read from the complaint's state; the bodies
//! come from the profile.

use crate::calendar::amsterdam_date;
use crate::procedure::{Complaint, Status};
use crate::profile::Profile;
use crate::texts::long_date;
use crate::types::Lang;
use jiff::civil::Date;
use serde::Serialize;

/// The rung on which a complaint was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rung {
    /// Received and settled at once (T4; Awb 9:5).
    AtOnce,
    /// Handled by the organisation's own procedure.
    Internal,
    /// Taken to a body outside the organisation (a referral was recorded).
    External,
}

impl Rung {
    pub const ALL: [Rung; 3] = [Rung::AtOnce, Rung::Internal, Rung::External];

    pub fn as_str(self) -> &'static str {
        match self {
            Rung::AtOnce => "at_once",
            Rung::Internal => "internal",
            Rung::External => "external",
        }
    }
}

/// The rung of a settled complaint (decided or closed); `None` while it is handled, and for a
/// withdrawn complaint or a duplicate, which were not settled. A referral outside counts over
/// everything: the complaint went up the ladder, however it was settled inside.
pub fn rung(c: &Complaint) -> Option<Rung> {
    if !matches!(c.status, Status::Decided | Status::Closed) {
        return None;
    }
    Some(if !c.referrals.is_empty() {
        Rung::External
    } else if c.resolved_directly {
        Rung::AtOnce
    } else {
        Rung::Internal
    })
}

/// One body of the next rung as a letter names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextRung {
    pub name: String,
    pub website: String,
    /// The last day the complainant may go there, as a long date ("29 december 2026").
    pub until: String,
}

/// The bodies of the next rung for a complaint decided on `decided_on`, each with the last day
/// the complainant may go there: what the decision letter names (Awb 9:12 lid 2).
pub fn next_rung(profile: &Profile, c: &Complaint, decided_on: Date, lang: Lang) -> Vec<NextRung> {
    let received_on = amsterdam_date(c.received_at);
    profile
        .external_bodies
        .iter()
        .map(|b| NextRung {
            name: b.name.get(lang).to_owned(),
            website: b.website.clone().unwrap_or_default(),
            until: long_date(b.until(decided_on, received_on), lang),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::Personal;
    use crate::procedure::{Complainant, Event, EventBody, ExternalOutcome, Registered};
    use crate::types::{Actor, Channel, Form, Outcome};
    use jiff::Timestamp;
    use jiff::civil::date;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn event(when: &str, body: EventBody) -> Event {
        Event {
            at: at(when),
            actor: Actor::System,
            body,
        }
    }

    fn registered() -> Event {
        event(
            "2026-03-02T09:00:00Z",
            EventBody::Registered(Box::new(Registered {
                profile: "awb@2026-1".into(),
                channel: Channel::Web,
                form: Form::Written,
                received_at: at("2026-03-02T09:00:00Z"),
                received_by: None,
                received_where: None,
                concerns: None,
                relation: None,
                complainant: Personal::new(Complainant::default()),
                on_behalf_of: None,
                description: Personal::new("x".into()),
                language: Lang::Nl,
                deadlines: Vec::new(),
            })),
        )
    }

    fn decided() -> Event {
        event(
            "2026-03-31T10:00:00Z",
            EventBody::Decided {
                outcome: Outcome::Ongegrond,
                decision: Personal::new("x".into()),
                via: crate::procedure::Via::Email,
                measures_communicated: Vec::new(),
                meets: Vec::new(),
            },
        )
    }

    fn closed() -> Event {
        event(
            "2026-04-01T10:00:00Z",
            EventBody::Closed { meets: Vec::new() },
        )
    }

    #[test]
    fn t13_the_rung_is_at_once_internal_or_external() {
        let open = Complaint::replay(&[registered()]).unwrap();
        assert_eq!(rung(&open), None, "still handled");

        let at_once = Complaint::replay(&[
            registered(),
            event(
                "2026-03-02T09:00:00Z",
                EventBody::ResolvedDirectly {
                    how: Personal::new("Aan de telefoon opgelost.".into()),
                },
            ),
            closed(),
        ])
        .unwrap();
        assert_eq!(rung(&at_once), Some(Rung::AtOnce));

        let internal = Complaint::replay(&[registered(), decided(), closed()]).unwrap();
        assert_eq!(rung(&internal), Some(Rung::Internal));

        let referral = event(
            "2026-05-04T10:00:00Z",
            EventBody::ReferredOutside {
                body: "nationale_ombudsman".into(),
                on: date(2026, 5, 4),
                until: date(2027, 3, 31),
            },
        );
        let external =
            Complaint::replay(&[registered(), decided(), closed(), referral.clone()]).unwrap();
        assert_eq!(rung(&external), Some(Rung::External));
        assert!(external.referral_pending());
        let answered = Complaint::replay(&[
            registered(),
            decided(),
            closed(),
            referral,
            event(
                "2026-09-01T10:00:00Z",
                EventBody::ExternalOutcomeRecorded {
                    body: "nationale_ombudsman".into(),
                    outcome: ExternalOutcome::NotUpheld,
                    on: date(2026, 9, 1),
                    summary: None,
                },
            ),
        ])
        .unwrap();
        assert_eq!(rung(&answered), Some(Rung::External));
        assert!(!answered.referral_pending());
        assert_eq!(
            answered.referrals[0].outcome,
            Some((ExternalOutcome::NotUpheld, date(2026, 9, 1)))
        );

        let withdrawn = Complaint::replay(&[
            registered(),
            event(
                "2026-03-03T09:00:00Z",
                EventBody::Withdrawn { reason: None },
            ),
        ])
        .unwrap();
        assert_eq!(
            rung(&withdrawn),
            None,
            "a withdrawn complaint was not settled"
        );
    }

    #[test]
    fn awb_9_12_the_next_rung_names_the_body_and_the_last_day() {
        let awb = crate::profile::builtin("awb").unwrap();
        let c = Complaint::replay(&[registered(), decided()]).unwrap();
        assert_eq!(
            next_rung(&awb, &c, date(2026, 3, 31), Lang::Nl),
            vec![NextRung {
                name: "Nationale ombudsman".into(),
                website: "https://www.nationaleombudsman.nl".into(),
                until: "31 maart 2027".into(),
            }]
        );
        // Wkkgz art. 18: a year from the complaint, not from the decision.
        let wkkgz = crate::profile::builtin("wkkgz").unwrap();
        let next = next_rung(&wkkgz, &c, date(2026, 3, 31), Lang::En);
        assert_eq!(next.len(), 1);
        assert_eq!(next[0].until, "2 March 2027");
        let template = crate::profile::builtin("template").unwrap();
        assert!(next_rung(&template, &c, date(2026, 3, 31), Lang::Nl).is_empty());
    }
}
