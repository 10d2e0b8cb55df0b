//! Mail waiting to go out, and the complainant's status links.
//!
//! A step that calls for a letter writes the letter event, the queued mail and any new status
//! link in one transaction ([`FollowUp`]); a background job then delivers the queue. Claiming
//! takes a lease, so several instances on one PostgreSQL database never send a message twice at
//! the same time, and a message whose sender died is picked up again when the lease ends.
//!
//! The types; the SQL that stores and reads them is `sql/outbox.rs`.

use jiff::Timestamp;
use klacht_core::procedure::Event;
use klacht_core::{Lang, Reference};

/// An e-mail to queue with a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMail {
    /// The letter event it delivers, as an index among all events written by the call (a new
    /// complaint's own events first, then the follow-up's). `None` for a notification to staff.
    pub event: Option<usize>,
    pub to: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub body: String,
    pub language: Lang,
}

/// What a step brings along, written in the same transaction as its events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FollowUp {
    /// Events after the step's own (e.g. letters, which need the new complaint's reference).
    pub events: Vec<Event>,
    pub mails: Vec<NewMail>,
    /// New status links, by the SHA-256 (hex) of their token.
    pub status_links: Vec<String>,
    /// Revoke every status link of the complaint.
    pub revoke_status_links: bool,
    /// What staff members are told about the step (with their e-mail).
    pub notices: Vec<crate::NewNotice>,
    /// Who reads the dossier as the answer to the step (K8): logged in the same transaction,
    /// so that a step is never stored without the read of its answer, nor the other way.
    pub read_by: Option<klacht_core::UserId>,
}

/// How one send went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailOutcome {
    /// Delivered: the body goes (the dossier keeps the letter).
    Sent { id: i64, at: Timestamp },
    /// Not delivered: try again at `retry_at`, or (`None`) give up for good.
    Failed {
        id: i64,
        at: Timestamp,
        error: String,
        retry_at: Option<Timestamp>,
    },
}

/// A queued message, claimed for sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedMail {
    pub id: i64,
    pub complaint_id: Option<i64>,
    pub seq: Option<i64>,
    pub reference: Option<String>,
    pub to: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub body: String,
    pub language: Lang,
    /// Attempts so far, this one included.
    pub attempts: u32,
}

/// How a letter's delivery stands, for the dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailStatus {
    /// The letter event.
    pub seq: i64,
    pub attempts: u32,
    pub sent_at: Option<Timestamp>,
    /// Given up: the server refused the message for good (e.g. the address does not exist).
    pub failed_at: Option<Timestamp>,
    pub next_attempt_at: Option<Timestamp>,
    pub last_error: Option<String>,
    /// It came back: a delivery status notification named it, with this reason.
    pub bounced_at: Option<Timestamp>,
    pub bounce_reason: Option<String>,
}

/// A status link as found by its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLink {
    pub complaint_id: i64,
    pub reference: Reference,
    pub created_at: Timestamp,
    pub revoked_at: Option<Timestamp>,
}
