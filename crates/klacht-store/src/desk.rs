//! The data-subject desk (AVG art. 12, 15, 16, 17): a person's request about their data and the
//! log of what was done about it. What a request means and by when it is answered is
//! klacht-core's (`klacht_core::subject`); who may handle it the application's.
//!
//! The types; the SQL that stores and reads them is `sql/desk.rs`.

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_core::UserId;
use klacht_core::subject::{Person, RequestKind};

/// A request to register.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub kind: RequestKind,
    pub person: Person,
    pub received_on: Date,
    pub due_on: Date,
    pub note: Option<String>,
    pub by: UserId,
    pub at: Timestamp,
}

/// A request as stored, with its log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectRequest {
    pub id: i64,
    pub kind: RequestKind,
    pub person: Person,
    pub received_on: Date,
    pub due_on: Date,
    pub note: Option<String>,
    pub registered_by: UserId,
    pub registered_at: Timestamp,
    pub extended_at: Option<Timestamp>,
    pub extension_reason: Option<String>,
    pub completed_at: Option<Timestamp>,
    pub outcome: Option<String>,
    /// Every step taken on it, in order (empty in lists).
    pub log: Vec<LogEntry>,
}

/// A step taken on a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub at: Timestamp,
    /// `None`: klacht itself.
    pub by: Option<UserId>,
    /// `registered`, `extended`, `exported`, `rectified`, `anonymised`, `refused`, `completed`.
    pub action: String,
    /// The complaint it was about, if any.
    pub reference: Option<String>,
    pub detail: Option<String>,
}
