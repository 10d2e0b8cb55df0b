//! What staff members are told: a list per person in the app, and (optionally) an e-mail queued
//! with each notice in the same transaction.
//!
//! A notice holds no personal data — a kind, the complaint, perhaps a short detail such as a
//! deadline's id — so that anonymising a complaint leaves nothing behind here.
//!
//! The types; the SQL that stores and reads them is `sql/notifications.rs`.

use crate::outbox::NewMail;

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_core::procedure::{DeadlineState, Status};
use klacht_core::{Reference, UserId};

/// A notice to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotice {
    pub user: UserId,
    /// What happened, e.g. `assigned`, `concerns_you`, `deadline_tomorrow`.
    pub kind: String,
    /// A detail for the text (no personal data), e.g. the deadline's id.
    pub detail: Option<String>,
    /// A notice with a key already written is not written again (nor mailed): background jobs
    /// that find the same deadline twice, or two instances at once, tell it once.
    pub dedupe: Option<String>,
    /// The e-mail that goes with it, queued only when the notice is written.
    pub mail: Option<NewMail>,
}

/// A complaint whose next running deadline is due by some date, as the deadline job needs it:
/// read from the projection, without personal data and without loading the dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueComplaint {
    pub id: i64,
    pub reference: Reference,
    pub profile_id: i64,
    pub status: Status,
    /// The earliest due date among its running deadlines.
    pub next_due: Date,
    pub handler: Option<UserId>,
    pub concerns: Option<UserId>,
    pub deadlines: Vec<DeadlineState>,
}

impl DueComplaint {
    /// Where a page of [`due_by`](crate::traits::NotificationStore::due_by) ends.
    pub fn cursor(&self) -> (Date, i64) {
        (self.next_due, self.id)
    }
}

/// A notice as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: i64,
    pub complaint: Option<Reference>,
    pub kind: String,
    pub detail: Option<String>,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
}
