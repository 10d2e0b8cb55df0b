//! Complaints: creating, appending, loading and listing.
//!
//! The types; the SQL that stores and reads them is `sql/complaints.rs`.

use jiff::Timestamp;
use klacht_core::procedure::{Complaint, Event, Status};
use klacht_core::{Channel, Reference, UserId};
use serde_json::Value;

/// A complaint to create: its first events and the state they fold to.
#[derive(Debug, Clone)]
pub struct NewRecord {
    pub profile_id: i64,
    pub events: Vec<Event>,
    pub state: Complaint,
}

/// Events to append to one complaint read at `expected_version`, with the state they fold to
/// and what follows from them: one part of [`crate::traits::ComplaintStore::append_each`].
#[derive(Debug, Clone, Copy)]
pub struct Append<'a> {
    pub id: i64,
    pub expected_version: u64,
    pub events: &'a [Event],
    pub state: &'a Complaint,
    pub follow: &'a crate::FollowUp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub seq: i64,
    pub event: Event,
}

/// A complaint as loaded: its events (with personal data where not erased) and state.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub id: i64,
    pub reference: Reference,
    pub profile_id: i64,
    pub events: Vec<StoredEvent>,
    pub state: Complaint,
}

/// Whose complaints a list shows (K3, K8): core's rule, asked of many complaints at once.
pub use klacht_core::procedure::ListScope as Scope;

#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Empty: any status.
    pub statuses: Vec<Status>,
    /// Only complaints with a running deadline due before this date.
    pub overdue_on: Option<jiff::civil::Date>,
    pub handler: Option<UserId>,
    /// Only complaints without a handler (what a coordinator still has to assign), or whose
    /// handler is the person they came to be about, who may not handle them (K3).
    pub unassigned: bool,
    pub category: Option<String>,
    pub channel: Option<Channel>,
    pub severity: Option<String>,
    pub escalated: Option<bool>,
    pub sensitive: Option<bool>,
    /// Full text over the dossiers' personal data and texts, or an exact reference.
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest registration first.
    #[default]
    Newest,
    /// Most urgent running deadline first; complaints without one are left out.
    NextDue,
}

/// Where a page ends; opaque to clients.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    Newest { id: i64 },
    NextDue { due: String, id: i64 },
}

impl Cursor {
    pub fn encode(&self) -> String {
        match self {
            Cursor::Newest { id } => format!("n.{id}"),
            Cursor::NextDue { due, id } => format!("d.{due}.{id}"),
        }
    }

    pub fn decode(s: &str) -> Option<Cursor> {
        let mut parts = s.split('.');
        match (parts.next()?, parts.next(), parts.next(), parts.next()) {
            ("n", Some(id), None, None) => Some(Cursor::Newest {
                id: id.parse().ok()?,
            }),
            ("d", Some(due), Some(id), None) => {
                due.parse::<jiff::civil::Date>().ok()?;
                Some(Cursor::NextDue {
                    due: due.to_owned(),
                    id: id.parse().ok()?,
                })
            }
            _ => None,
        }
    }
}

/// A row of a list: no personal data.
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub reference: Reference,
    pub status: Status,
    pub channel: Channel,
    pub received_at: Timestamp,
    pub next_due: Option<jiff::civil::Date>,
    pub handler: Option<UserId>,
    pub concerns: Option<UserId>,
    pub categories: Vec<String>,
    pub severity: Option<String>,
    pub sensitive: bool,
    pub escalation: Option<String>,
    pub outcome: Option<String>,
    pub deadlines: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub items: Vec<ListItem>,
    pub next: Option<Cursor>,
}
