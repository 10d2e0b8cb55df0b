//! What waits on whom: the dashboard's "What needs me now". A complaint waits on the acting
//! coordinator while it has no handler (T3, T17) and while a very serious or sensitive complaint
//! awaits the board's consultation or a recorded reason why not (T9, T18); on its handler for
//! the hearing (K6), the decision and a signature (K11); and on either when a running deadline
//! ends by the next working day or has passed (T5, T6). Never on the person it is about as
//! coordinator or handler (K3).

use super::access::{Coordinating, Org, Staff, capacities};
use super::decide::pending_sign_offs;
use super::state::{Complaint, Status};
use crate::calendar::Calendar;
use crate::deadlines::{Urgency, urgency};
use crate::profile::{Capacity, Profile};
use crate::types::UserId;
use jiff::civil::Date;

/// Why a complaint waits on someone, the most pressing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Waiting {
    /// A running deadline has passed.
    Overdue,
    /// A running deadline ends today or on the next working day.
    DueSoon,
    /// Very serious or sensitive: consult the board, or record why not (T9, T18).
    BoardConsultation,
    /// Nobody handles it yet (T3), or its handler is the person it has come to be about (K3).
    Unassigned,
    /// The person complained about is still to be heard (K6).
    Hearing,
    /// The decision is still to be made.
    Decision,
    /// Decided; a signature of theirs is still owed (K11).
    SignOff,
}

impl Waiting {
    pub fn as_str(self) -> &'static str {
        match self {
            Waiting::Overdue => "overdue",
            Waiting::DueSoon => "due_soon",
            Waiting::BoardConsultation => "board_consultation",
            Waiting::Unassigned => "unassigned",
            Waiting::Hearing => "hearing",
            Waiting::Decision => "decision",
            Waiting::SignOff => "sign_off",
        }
    }
}

/// A complaint as a list has it (the store's projection): enough for every reason but the
/// hearing, the signature and the board's consultation, which [`waiting_in`] adds.
#[derive(Debug, Clone, Copy)]
pub struct Listed {
    pub status: Status,
    pub handler: Option<UserId>,
    pub concerns: Option<UserId>,
    pub next_due: Option<Date>,
}

/// Why `listed` waits on `me`, who acts as coordinator as `coordinating` says (T17, K3).
pub fn waiting_listed(
    profile: &Profile,
    calendar: &Calendar,
    coordinating: &Coordinating,
    me: UserId,
    listed: Listed,
    today: Date,
) -> Vec<Waiting> {
    let mut out = Vec::new();
    if !listed.status.is_open() || listed.concerns == Some(me) {
        return out;
    }
    let coordinates = coordinating.on(listed.concerns);
    let handles = listed.handler == Some(me);
    if handles || coordinates {
        match urgency(calendar, listed.next_due, today) {
            Urgency::Overdue(_) => out.push(Waiting::Overdue),
            Urgency::DueSoon => out.push(Waiting::DueSoon),
            Urgency::OnTime | Urgency::None => {}
        }
    }
    // A handler the complaint has come to be about may not handle it (K3): as good as none.
    if coordinates && (listed.handler.is_none() || listed.handler == listed.concerns) {
        out.push(Waiting::Unassigned);
    }
    let may_decide = (handles && profile.steps.decide.contains(&Capacity::Handler))
        || (handles && coordinates && profile.steps.decide.contains(&Capacity::Coordinator));
    if listed.status.awaits_decision() && may_decide {
        out.push(Waiting::Decision);
    }
    out
}

/// Why `c` waits on `who`, from the whole dossier: [`waiting_listed`] and the hearing (K6),
/// the signature (K11) and the board's consultation (T9, T18).
pub fn waiting_in(
    profile: &Profile,
    calendar: &Calendar,
    org: &Org,
    c: &Complaint,
    who: &Staff,
    today: Date,
) -> Vec<Waiting> {
    let caps = capacities(profile, org, Some(c), who);
    if caps.contains(&Capacity::Involved) || !c.status.is_open() || c.anonymised_at.is_some() {
        return Vec::new();
    }
    let coordinates = caps.contains(&Capacity::Coordinator);
    let handles = caps.contains(&Capacity::Handler);
    let mut out = Vec::new();
    if handles || coordinates {
        match urgency(calendar, c.next_due(), today) {
            Urgency::Overdue(_) => out.push(Waiting::Overdue),
            Urgency::DueSoon => out.push(Waiting::DueSoon),
            Urgency::OnTime | Urgency::None => {}
        }
    }
    if coordinates && c.awaits_board_consultation(profile) {
        out.push(Waiting::BoardConsultation);
    }
    if coordinates && (c.handler.is_none() || c.handler == c.concerns) {
        out.push(Waiting::Unassigned);
    }
    let may = |step: &[Capacity]| handles && step.iter().any(|s| caps.contains(s));
    if c.status.awaits_decision() {
        if c.concerns.is_some() && c.hearings == 0 && may(&profile.steps.record_hearing) {
            out.push(Waiting::Hearing);
        }
        if may(&profile.steps.decide) {
            out.push(Waiting::Decision);
        }
    }
    if c.status == Status::Decided
        && pending_sign_offs(profile, c)
            .iter()
            .any(|cap| *cap != Capacity::Involved && caps.contains(cap))
    {
        out.push(Waiting::SignOff);
    }
    out
}
