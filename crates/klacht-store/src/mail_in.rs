//! Mail in (issue 17): the messages taken from the mailbox or imported, each once, and where
//! each went. See the migration `0019_mail_in.sql` for the columns.

use jiff::Timestamp;
use klacht_core::{Reference, UserId};

/// Where a message taken in went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MailInState {
    /// In the post tray, for the coordinator.
    Tray,
    /// Joined a dossier by itself (a reply to one of its letters, or its reference from its
    /// complainant's address).
    Threaded,
    /// Made into a new complaint from the tray.
    Registered,
    /// Added to an existing complaint from the tray.
    Added,
    /// Marked not a complaint, with a reason; deleted at its `delete_after`.
    NotComplaint,
    /// An automatic reply, out-of-office or list mail: never answered.
    Ignored,
    /// A delivery status notification of one of our letters: the letter is marked.
    Bounce,
}

impl MailInState {
    pub const ALL: [MailInState; 7] = [
        MailInState::Tray,
        MailInState::Threaded,
        MailInState::Registered,
        MailInState::Added,
        MailInState::NotComplaint,
        MailInState::Ignored,
        MailInState::Bounce,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MailInState::Tray => "tray",
            MailInState::Threaded => "threaded",
            MailInState::Registered => "registered",
            MailInState::Added => "added",
            MailInState::NotComplaint => "not_complaint",
            MailInState::Ignored => "ignored",
            MailInState::Bounce => "bounce",
        }
    }

    pub fn parse(s: &str) -> Option<MailInState> {
        MailInState::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A message to take in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMailIn {
    /// The mailbox (`imap://user@host/INBOX`) or `import`.
    pub source: String,
    /// Within the source, what makes the message itself: `{uidvalidity}:{uid}`, or the
    /// Message-ID (the SHA-256 of the message without one).
    pub source_key: String,
    pub message_id: Option<String>,
    /// When it arrived (the mailbox's date, else the message's, else when it was taken).
    pub arrived_at: Timestamp,
    pub sender: Option<String>,
    pub sender_name: Option<String>,
    pub subject: Option<String>,
    /// What it is: `normal`, `auto_reply`, `list`, `bounce` or `malformed`.
    pub kind: String,
    /// Why it could not be read, for a malformed message.
    pub problem: Option<String>,
    /// The message as received, or as much of it as is kept.
    pub raw: Vec<u8>,
    /// `raw` is not all of it: the message was larger than what is kept.
    pub truncated: bool,
    /// Where it goes at once (the tray, ignored, …).
    pub state: MailInState,
    /// When it is deleted, if it is kept only briefly (ignored).
    pub delete_after: Option<Timestamp>,
}

/// Whether a message was new.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// Taken now, with this id.
    New(i64),
    /// Taken before (by this or another instance), with this id.
    Before(i64),
}

/// A message taken in, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailIn {
    pub id: i64,
    pub source: String,
    pub message_id: Option<String>,
    pub arrived_at: Timestamp,
    pub taken_at: Timestamp,
    pub sender: Option<String>,
    pub sender_name: Option<String>,
    pub subject: Option<String>,
    pub kind: String,
    pub problem: Option<String>,
    pub truncated: bool,
    pub state: MailInState,
    /// The complaint it went to.
    pub complaint: Option<Reference>,
    pub reason: Option<String>,
    pub decided_by: Option<UserId>,
    pub decided_at: Option<Timestamp>,
}

/// What became of a message in the tray.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settle {
    pub state: MailInState,
    /// The complaint it went to (by its database id).
    pub complaint_id: Option<i64>,
    pub reason: Option<String>,
    pub by: Option<UserId>,
    pub at: Timestamp,
    /// When it is deleted (not a complaint, ignored).
    pub delete_after: Option<Timestamp>,
}

/// The letter a queued message was, as a bounce or a reply finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentLetter {
    pub outbox_id: i64,
    pub complaint_id: i64,
    pub reference: Reference,
    /// Its letter event in the dossier.
    pub seq: i64,
    pub recipient: Option<String>,
}
