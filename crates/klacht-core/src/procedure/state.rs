//! A complaint as it stands: a fold over its events.

use super::event::{
    Complainant, ComplainantHearing, Concerned, DueDate, Event, EventBody, ExternalOutcome, Level,
    OutsidePerson, Registered, WaiverGround,
};
use crate::calendar::Calendar;
use crate::deadlines::{self, Urgency};
use crate::personal::Personal;
use crate::profile::Capacity;
use crate::types::{Actor, Channel, Form, Lang, Outcome, Reference, UserId};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Registered, not yet acknowledged or assigned.
    Received,
    Acknowledged,
    /// Assigned to a handler and being handled.
    InProgress,
    /// A decision was made and told to the complainant.
    Decided,
    Closed,
    Withdrawn,
    /// The same complaint arrived twice: this one joined the other ([`Complaint::duplicate_of`])
    /// and is handled there. A status of its own rather than an outcome, because the reports
    /// leave it out of every count (the original is counted once), while a closed complaint
    /// counts with its outcome; nor is it decided, so no outcome would be true.
    Duplicate,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Received,
        Status::Acknowledged,
        Status::InProgress,
        Status::Decided,
        Status::Closed,
        Status::Withdrawn,
        Status::Duplicate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::Acknowledged => "acknowledged",
            Status::InProgress => "in_progress",
            Status::Decided => "decided",
            Status::Closed => "closed",
            Status::Withdrawn => "withdrawn",
            Status::Duplicate => "duplicate",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// No decision yet: the deadlines that have started still run.
    pub fn awaits_decision(self) -> bool {
        matches!(
            self,
            Status::Received | Status::Acknowledged | Status::InProgress
        )
    }

    /// Still being handled: deadlines run.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Closed | Status::Withdrawn | Status::Duplicate)
    }
}

/// A deadline of one complaint. Deserialize reads it back from the store's projection, which
/// keeps the serialised list beside each complaint for lists and the calendar feed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineState {
    pub id: String,
    pub due: Option<Date>,
    pub met_at: Option<Timestamp>,
    pub extensions: u32,
}

impl DeadlineState {
    /// Whether this deadline still runs on a complaint with `status`: started, not met, and the
    /// complaint still awaits a decision. Once decided, closed or withdrawn, nothing can be late
    /// any more.
    pub fn runs_while(&self, status: Status) -> bool {
        status.awaits_decision() && self.met_at.is_none() && self.due.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Measure {
    pub id: u32,
    pub communicated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub outcome: Outcome,
    pub at: Timestamp,
    pub by: Actor,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignOff {
    pub capacity: Capacity,
    pub by: Actor,
    pub at: Timestamp,
    /// Signed on paper on this date by a person without an account; `by` recorded it.
    pub signed_on: Option<Date>,
}

/// The latest record of the complainant's hearing (Awb 9:10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ComplainantHeard {
    pub hearing: ComplainantHearing,
    pub on: Date,
    pub ground: Option<WaiverGround>,
}

impl ComplainantHeard {
    /// Held or waived: what a regulation that hears the complainant asks before a decision.
    pub fn settled(&self) -> bool {
        matches!(
            self.hearing,
            ComplainantHearing::Held | ComplainantHearing::Waived
        )
    }
}

/// A referral outside the organisation (issue 18), and the body's outcome once recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Referral {
    /// The id of the profile's external body.
    pub body: String,
    pub on: Date,
    /// The last day the complainant could go there.
    pub until: Date,
    pub outcome: Option<(ExternalOutcome, Date)>,
}

/// The state of one complaint.
#[derive(Debug, Clone, PartialEq)]
pub struct Complaint {
    pub profile: String,
    pub channel: Channel,
    pub form: Form,
    pub received_at: Timestamp,
    pub received_by: Option<UserId>,
    pub received_where: Option<Personal<String>>,
    /// The staff member the complaint is about now (T8, K3): from the registration, then from
    /// the latest [`EventBody::ConcernsRecorded`].
    pub concerns: Option<UserId>,
    /// The person without an account the complaint is about now, if it is about one (K5).
    pub concerns_person: Option<OutsidePerson>,
    pub relation: Option<String>,
    pub complainant: Personal<Complainant>,
    pub on_behalf_of: Option<Personal<String>>,
    pub description: Personal<String>,
    pub language: Lang,
    pub status: Status,
    pub handler: Option<UserId>,
    pub categories: Vec<String>,
    pub severity: Option<String>,
    pub sensitive: bool,
    pub escalation: Option<Level>,
    /// Why a very serious or sensitive complaint does not go to the board was recorded (T9,
    /// T18); a classification that makes it so anew clears it.
    pub escalation_not_needed: bool,
    pub committee: bool,
    pub deadlines: Vec<DeadlineState>,
    pub acknowledged_at: Option<Timestamp>,
    pub involved_informed_at: Option<Timestamp>,
    pub hearings: u32,
    pub contacts: u32,
    pub notes: u32,
    pub documents: u32,
    pub measures: Vec<Measure>,
    pub decision: Option<Decision>,
    pub sign_offs: Vec<SignOff>,
    pub resolved_directly: bool,
    pub closed_at: Option<Timestamp>,
    pub withdrawn_at: Option<Timestamp>,
    pub reopened: u32,
    /// Letters to the complainant recorded on the dossier.
    pub letters: u32,
    /// Additions by the complainant through the status page.
    pub complainant_additions: u32,
    /// The answer to the satisfaction question, if given.
    pub satisfied: Option<bool>,
    /// The regulation's standard answer the complainant chose, if it has them.
    pub satisfaction_answer: Option<String>,
    /// The complainant is not satisfied after closing: the coordinator is asked to reopen.
    pub reopen_requested: bool,
    /// The coordinator wrote a summary for the reports (T13, K13).
    pub report_summary: bool,
    /// Held back from anonymisation since then (an external procedure, a legal claim).
    pub held_since: Option<Timestamp>,
    /// When the personal data was erased; after that nothing more is added.
    pub anonymised_at: Option<Timestamp>,
    /// The complaint this one is a duplicate of (issue 17), while it is one.
    pub duplicate_of: Option<Reference>,
    /// The complaints that joined this one as duplicates, in the order they joined.
    pub duplicates: Vec<Reference>,
    /// The complaints linked to this one as related, in the order they were linked.
    pub related: Vec<Reference>,
    /// The complainant's hearing (Awb 9:10), as last recorded.
    pub complainant_heard: Option<ComplainantHeard>,
    /// Referrals outside the organisation (issue 18), in the order they were recorded.
    pub referrals: Vec<Referral>,
    /// Number of events: the version for optimistic concurrency.
    pub version: u64,
    pub updated_at: Timestamp,
}

impl Complaint {
    /// The state after the first event, which must be the registration.
    pub fn from_registered(at: Timestamp, r: &Registered) -> Complaint {
        Complaint {
            profile: r.profile.clone(),
            channel: r.channel,
            form: r.form,
            received_at: r.received_at,
            received_by: r.received_by,
            received_where: r.received_where.clone(),
            concerns: r.concerns,
            concerns_person: None,
            relation: r.relation.clone(),
            complainant: r.complainant.clone(),
            on_behalf_of: r.on_behalf_of.clone(),
            description: r.description.clone(),
            language: r.language,
            status: Status::Received,
            handler: None,
            categories: Vec::new(),
            severity: None,
            sensitive: false,
            escalation: None,
            escalation_not_needed: false,
            committee: false,
            deadlines: r
                .deadlines
                .iter()
                .map(|d| DeadlineState {
                    id: d.id.clone(),
                    due: d.due,
                    met_at: None,
                    extensions: 0,
                })
                .collect(),
            acknowledged_at: None,
            involved_informed_at: None,
            hearings: 0,
            contacts: 0,
            notes: 0,
            documents: 0,
            measures: Vec::new(),
            decision: None,
            sign_offs: Vec::new(),
            resolved_directly: false,
            closed_at: None,
            withdrawn_at: None,
            reopened: 0,
            letters: 0,
            complainant_additions: 0,
            satisfied: None,
            satisfaction_answer: None,
            reopen_requested: false,
            report_summary: false,
            held_since: None,
            anonymised_at: None,
            duplicate_of: None,
            duplicates: Vec::new(),
            related: Vec::new(),
            complainant_heard: None,
            referrals: Vec::new(),
            version: 1,
            updated_at: at,
        }
    }

    /// Folds a whole event list. `None` if it does not start with a registration.
    pub fn replay<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<Complaint> {
        let mut events = events.into_iter();
        let first = events.next()?;
        let EventBody::Registered(r) = &first.body else {
            return None;
        };
        let mut c = Complaint::from_registered(first.at, r);
        for e in events {
            c.apply(e);
        }
        Some(c)
    }

    pub fn deadline(&self, id: &str) -> Option<&DeadlineState> {
        self.deadlines.iter().find(|d| d.id == id)
    }

    fn set_dues(&mut self, dues: &[DueDate]) {
        for d in dues {
            if let Some(state) = self.deadlines.iter_mut().find(|s| s.id == d.id) {
                state.due = d.due;
                state.met_at = None;
            }
        }
    }

    fn meet(&mut self, ids: &[String], at: Timestamp) {
        for id in ids {
            if let Some(state) = self.deadlines.iter_mut().find(|s| &s.id == id)
                && state.met_at.is_none()
            {
                state.met_at = Some(at);
            }
        }
    }

    fn communicate(&mut self, ids: &[u32]) {
        for m in &mut self.measures {
            if ids.contains(&m.id) {
                m.communicated = true;
            }
        }
    }

    /// Applies one event.
    pub fn apply(&mut self, e: &Event) {
        self.version += 1;
        self.updated_at = e.at;
        match &e.body {
            // A second registration cannot occur; the engine never emits one.
            EventBody::Registered(_) => {}
            EventBody::ResolvedDirectly { .. } => {
                self.resolved_directly = true;
                self.status = Status::Decided;
                self.decision = Some(Decision {
                    outcome: Outcome::Opgelost,
                    at: e.at,
                    by: e.actor,
                });
                let all: Vec<String> = self.deadlines.iter().map(|d| d.id.clone()).collect();
                self.meet(&all, e.at);
            }
            EventBody::Acknowledged { meets, .. } => {
                self.acknowledged_at = Some(e.at);
                self.meet(meets, e.at);
                if self.status == Status::Received {
                    self.status = Status::Acknowledged;
                }
            }
            EventBody::Assigned { handler, meets } => {
                self.handler = Some(*handler);
                self.meet(meets, e.at);
                if matches!(self.status, Status::Received | Status::Acknowledged) {
                    self.status = Status::InProgress;
                }
            }
            EventBody::ConcernsRecorded { about } => {
                let (staff, person) = match about {
                    Some(Concerned::Staff { user }) => (Some(*user), None),
                    Some(Concerned::Person(p)) => (None, Some(p.clone())),
                    None => (None, None),
                };
                self.concerns = staff;
                self.concerns_person = person;
                // Someone else now: they have not been told (K5) nor signed (K11).
                self.involved_informed_at = None;
                self.sign_offs.retain(|s| s.capacity != Capacity::Involved);
            }
            EventBody::InvolvedInformed { .. } => self.involved_informed_at = Some(e.at),
            EventBody::HearingRecorded { meets, .. } => {
                self.hearings += 1;
                self.meet(meets, e.at);
            }
            EventBody::ComplainantHearingRecorded {
                hearing,
                on,
                ground,
                ..
            } => {
                self.complainant_heard = Some(ComplainantHeard {
                    hearing: *hearing,
                    on: *on,
                    ground: *ground,
                });
            }
            EventBody::ReferredOutside { body, on, until } => self.referrals.push(Referral {
                body: body.clone(),
                on: *on,
                until: *until,
                outcome: None,
            }),
            EventBody::ExternalOutcomeRecorded {
                body, outcome, on, ..
            } => {
                if let Some(r) = self
                    .referrals
                    .iter_mut()
                    .rev()
                    .find(|r| &r.body == body && r.outcome.is_none())
                {
                    r.outcome = Some((*outcome, *on));
                }
            }
            EventBody::ContactRecorded {
                measures_communicated,
                ..
            } => {
                self.contacts += 1;
                self.communicate(measures_communicated);
            }
            EventBody::NoteAdded { .. } => self.notes += 1,
            EventBody::DocumentAttached { .. } => self.documents += 1,
            EventBody::Extended {
                deadline, new_due, ..
            } => {
                if let Some(d) = self.deadlines.iter_mut().find(|d| &d.id == deadline) {
                    d.due = Some(*new_due);
                    d.extensions += 1;
                }
            }
            EventBody::Escalated { to, deadlines, .. } => {
                self.escalation = Some(self.escalation.map_or(*to, |l| l.max(*to)));
                self.set_dues(deadlines);
            }
            EventBody::EscalationNotNeeded { .. } => self.escalation_not_needed = true,
            EventBody::ReferredToCommittee { deadlines, .. } => {
                self.committee = true;
                self.set_dues(deadlines);
            }
            EventBody::Classified {
                categories,
                severity,
                sensitive,
                relation,
            } => {
                if *severity != self.severity || (*sensitive && !self.sensitive) {
                    self.escalation_not_needed = false;
                }
                self.categories = categories.clone();
                self.severity = severity.clone();
                self.sensitive = *sensitive;
                if relation.is_some() {
                    self.relation = relation.clone();
                }
            }
            EventBody::MeasureRecorded { id, .. } => self.measures.push(Measure {
                id: *id,
                communicated: false,
            }),
            EventBody::Decided {
                outcome,
                measures_communicated,
                meets,
                ..
            } => {
                self.decision = Some(Decision {
                    outcome: *outcome,
                    at: e.at,
                    by: e.actor,
                });
                self.communicate(measures_communicated);
                self.meet(meets, e.at);
                self.status = Status::Decided;
            }
            EventBody::SignedOff {
                capacity,
                signed_on,
            } => self.sign_offs.push(SignOff {
                capacity: *capacity,
                by: e.actor,
                at: e.at,
                signed_on: *signed_on,
            }),
            EventBody::Closed { meets } => {
                self.meet(meets, e.at);
                self.status = Status::Closed;
                self.closed_at = Some(e.at);
            }
            EventBody::Withdrawn { .. } => {
                self.status = Status::Withdrawn;
                self.withdrawn_at = Some(e.at);
                self.decision = Some(Decision {
                    outcome: Outcome::Ingetrokken,
                    at: e.at,
                    by: e.actor,
                });
            }
            EventBody::Reopened { deadlines, .. } => {
                self.reopened += 1;
                self.reopen_requested = false;
                self.satisfied = None;
                self.satisfaction_answer = None;
                self.status = if self.handler.is_some() {
                    Status::InProgress
                } else if self.acknowledged_at.is_some() {
                    Status::Acknowledged
                } else {
                    Status::Received
                };
                self.decision = None;
                self.sign_offs.clear();
                self.closed_at = None;
                self.withdrawn_at = None;
                self.duplicate_of = None;
                self.set_dues(deadlines);
            }
            EventBody::Letter(_) => self.letters += 1,
            EventBody::ComplainantAdded { documents, .. } => {
                self.complainant_additions += 1;
                self.documents += u32::try_from(documents.len()).unwrap_or(u32::MAX);
            }
            EventBody::SatisfactionAnswered {
                satisfied,
                answer,
                reopen,
                ..
            } => {
                self.satisfied = Some(*satisfied);
                self.satisfaction_answer = answer.clone();
                self.reopen_requested = reopen.unwrap_or(!*satisfied);
            }
            EventBody::StatusLinksRevoked { .. } | EventBody::LetterPosted { .. } => {}
            EventBody::ReportSummaryWritten { .. } => self.report_summary = true,
            EventBody::HoldPlaced { .. } => self.held_since = Some(e.at),
            EventBody::HoldLifted { .. } => self.held_since = None,
            EventBody::Anonymised { .. } => self.anonymised_at = Some(e.at),
            EventBody::MarkedDuplicate { of } => {
                self.status = Status::Duplicate;
                self.duplicate_of = Some(of.clone());
                // Retention runs from here, as from a closing.
                self.closed_at = Some(e.at);
            }
            EventBody::DuplicateJoined { duplicate } => {
                if !self.duplicates.contains(duplicate) {
                    self.duplicates.push(duplicate.clone());
                }
            }
            EventBody::DuplicateSeparated { duplicate } => {
                self.duplicates.retain(|d| d != duplicate);
            }
            EventBody::RelatedLinked { with, .. } => {
                if !self.related.contains(with) {
                    self.related.push(with.clone());
                }
            }
            EventBody::RelatedUnlinked { with } => self.related.retain(|r| r != with),
            EventBody::Rectified { field, value, .. } => {
                if let Some(v) = value.get() {
                    // Checked when it was decided; a stored correction that no longer applies
                    // (it cannot) leaves the state as it was.
                    let _ = crate::subject::correct(
                        &mut self.complainant,
                        &mut self.on_behalf_of,
                        *field,
                        v,
                    );
                }
            }
        }
    }

    /// A referral outside whose outcome is not recorded yet: the complaint is needed for a
    /// procedure that still runs, so retention keeps it (issue 18).
    pub fn referral_pending(&self) -> bool {
        self.referrals.iter().any(|r| r.outcome.is_none())
    }

    /// Whether the complaint is about someone in particular: a staff member or a person without
    /// an account.
    pub fn is_about_someone(&self) -> bool {
        self.concerns.is_some() || self.concerns_person.is_some()
    }

    /// The handler is the person the complaint is about now (K3): they can no longer handle it,
    /// and the complaint needs a new handler.
    pub fn needs_new_handler(&self) -> bool {
        self.handler.is_some() && self.handler == self.concerns && self.status.awaits_decision()
    }

    /// The earliest due date among deadlines that are running (not met) while the complaint is
    /// open: what the dashboard sorts and filters on.
    pub fn next_due(&self) -> Option<Date> {
        self.next_deadline().map(|(_, due)| due)
    }

    /// The running deadline due first (of two due the same day, the first in the profile's
    /// order), with its due date: what a notice names as the next deadline.
    pub fn next_deadline(&self) -> Option<(&DeadlineState, Date)> {
        self.deadlines
            .iter()
            .filter(|d| self.is_running(d))
            .filter_map(|d| d.due.map(|due| (d, due)))
            .min_by_key(|(_, due)| *due)
    }

    /// Whether a deadline still runs: started, not met, and the complaint still awaits a
    /// decision. Once decided, closed or withdrawn, nothing can be late any more.
    pub fn is_running(&self, d: &DeadlineState) -> bool {
        d.runs_while(self.status)
    }

    /// Whether a deadline is running and its due date lies before `today`.
    pub fn is_overdue(&self, d: &DeadlineState, today: Date) -> bool {
        self.is_running(d) && d.due.is_some_and(|due| deadlines::is_overdue(due, today))
    }

    /// How a deadline of this complaint stands on `today` ([`deadlines::urgency`]);
    /// [`Urgency::None`] when it does not run.
    pub fn urgency(&self, d: &DeadlineState, calendar: &Calendar, today: Date) -> Urgency {
        if self.is_running(d) {
            deadlines::urgency(calendar, d.due, today)
        } else {
            Urgency::None
        }
    }

    /// How many working days a deadline of this complaint is late on `today`
    /// ([`deadlines::working_days_late`]); 0 when it does not run or has not passed.
    pub fn working_days_late(&self, d: &DeadlineState, calendar: &Calendar, today: Date) -> i64 {
        match d.due {
            Some(due) if self.is_running(d) => deadlines::working_days_late(calendar, due, today),
            _ => 0,
        }
    }

    /// Advice the regulation gives for this complaint now (T9, T18): very serious or sensitive
    /// complaints prompt a consultation of the board.
    pub fn board_consultation_advised(&self, profile: &crate::Profile) -> bool {
        let very_serious = self
            .severity
            .as_deref()
            .and_then(|s| profile.severity(s))
            .is_some_and(|s| s.consult_board);
        (very_serious || self.sensitive) && self.escalation != Some(Level::Board)
    }

    /// Whether the severity of this complaint asks the board to be consulted (T9): the
    /// profile's `consult_board`. Sensitive alone (T18) asks it of the coordinator only.
    pub fn very_serious(&self, profile: &crate::Profile) -> bool {
        self.severity
            .as_deref()
            .and_then(|s| profile.severity(s))
            .is_some_and(|s| s.consult_board)
    }

    /// Flagged on the acting coordinator's dashboard (T9, T18): the board's consultation is
    /// advised, the complaint is still open, and nobody recorded why it is not needed.
    pub fn awaits_board_consultation(&self, profile: &crate::Profile) -> bool {
        self.status.is_open()
            && self.board_consultation_advised(profile)
            && !self.escalation_not_needed
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::calendar::CalendarConfig;
    use crate::types::Form;
    use jiff::civil::date;

    fn complaint(deadlines: Vec<DeadlineState>) -> Complaint {
        let now: Timestamp = "2026-06-08T10:00:00Z".parse().unwrap();
        let mut c = Complaint::from_registered(
            now,
            &Registered {
                profile: "template@1".into(),
                channel: Channel::Web,
                form: Form::Written,
                received_at: now,
                received_by: None,
                received_where: None,
                concerns: None,
                relation: None,
                complainant: Personal::new(Complainant::default()),
                on_behalf_of: None,
                description: Personal::new("x".into()),
                language: Lang::Nl,
                deadlines: Vec::new(),
            },
        );
        c.deadlines = deadlines;
        c
    }

    fn deadline(id: &str, due: Option<Date>, met: bool) -> DeadlineState {
        DeadlineState {
            id: id.into(),
            due,
            met_at: met.then(|| "2026-06-09T10:00:00Z".parse().unwrap()),
            extensions: 0,
        }
    }

    #[test]
    fn t05_t06_the_next_deadline_is_the_running_one_due_first() {
        let c = complaint(vec![
            deadline("acknowledge", Some(date(2026, 6, 10)), true),
            deadline("answer", Some(date(2026, 6, 15)), false),
            deadline("settle", Some(date(2026, 6, 15)), false),
            deadline("hearing", None, false),
        ]);
        let (d, due) = c.next_deadline().unwrap();
        assert_eq!((d.id.as_str(), due), ("answer", date(2026, 6, 15)));
        assert_eq!(c.next_due(), Some(date(2026, 6, 15)));
        let mut decided = c.clone();
        decided.status = Status::Decided;
        assert!(decided.next_deadline().is_none());
        assert_eq!(decided.next_due(), None);
    }

    #[test]
    fn t05_t06_only_a_running_deadline_is_urgent_or_late() {
        let cal = Calendar::new(&CalendarConfig::default());
        let met = deadline("acknowledge", Some(date(2026, 6, 9)), true);
        let running = deadline("answer", Some(date(2026, 6, 9)), false);
        let mut c = complaint(vec![met.clone(), running.clone()]);
        let today = date(2026, 6, 15);
        assert_eq!(c.urgency(&met, &cal, today), Urgency::None);
        assert_eq!(c.working_days_late(&met, &cal, today), 0);
        assert!(!c.is_overdue(&met, today));
        assert_eq!(c.urgency(&running, &cal, today), Urgency::Overdue(4));
        assert_eq!(c.working_days_late(&running, &cal, today), 4);
        assert!(c.is_overdue(&running, today));
        c.status = Status::Decided;
        assert_eq!(c.urgency(&running, &cal, today), Urgency::None);
        assert_eq!(c.working_days_late(&running, &cal, today), 0);
        assert!(!c.is_overdue(&running, today));
    }
}
