//! The complaint procedure: commands → events → state.
//!
//! [`decide`] (and [`register`] for a new complaint) is the one place where a complaint changes:
//! it checks who is acting, in what capacity (role and involvement, K3, T17), the state and the
//! profile, and returns the events to append or a [`Refusal`] that says why and what is allowed.
//! [`Complaint`] is a fold over those events.

mod access;
mod command;
mod complainant;
mod decide;
mod event;
mod notices;
mod refusal;
mod state;
mod waiting;

pub use access::{
    Coordinating, ListScope, Org, Staff, View, acting_coordinators, acting_coordinators_for,
    capacities, coordinating, list_scope, seen_by_involved, seen_in, view, visible_to_involved,
};
pub use command::{Action, Command, ConcernsInput, NewComplaint};
pub use complainant::{
    Added, AdditionLimits, Kept, MayAdd, Promise, PromiseView, SatisfactionChoice, added,
    answer_satisfaction, asks_satisfaction, complainant_adds, complainant_mails, may_add, promises,
    revoke_status_links, satisfaction_open, status_link_expired,
};
pub(crate) use decide::not_permitted;
pub use decide::{
    Counterpart, Ctx, PairEvents, allowed_actions, anonymise_by_operator, counterpart,
    counterpart_field, decide, decide_pair, missing_registration, pending_sign_offs, register,
    unseen,
};
pub use event::{
    AnonymisedWhy, Complainant, ComplainantHearing, Concerned, Document, DueDate, Event, EventBody,
    ExternalOutcome, LetterKind, LetterRecord, Level, MailFacts, OutsidePerson, Registered, Via,
    WaiverGround,
};
pub use notices::{
    DeadlineNotice, NoticeKind, StaffNotice, deadline_detail, deadline_notices,
    escalation_recipients, handler_or_coordinators, notices, parse_deadline_detail,
};
pub use refusal::{Explained, Refusal, RefusalKind};
pub use state::{
    ComplainantHeard, Complaint, DeadlineState, Decision, Measure, Referral, SignOff, Status,
};
pub use waiting::{Listed, Waiting, waiting_in, waiting_listed};
