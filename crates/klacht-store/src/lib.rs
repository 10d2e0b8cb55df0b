//! Persistence for klacht: the dossier as an append-only, hash-chained event log with personal
//! data kept apart, the projection that lists and reports read, users, roles and API tokens.
//!
//! This crate holds what every backend shares: the types a store takes and gives, [`StoreError`],
//! the traits per concern ([`traits`]), the hash chain ([`chain`]) and the sealing of secrets
//! ([`secret`]). The implementations are one crate per backend, `klacht-store-sqlite`
//! (`SqliteStore`, SQLite in WAL mode, the embedded default) and `klacht-store-postgres`
//! (`PgStore`, with native types), each on its own typed sqlx pool with its own `sqlx::migrate!`
//! migrations. `klacht-store-any` picks one from the URL, once, at start.
//!
//! The SQL both backends run is written once, in `sql/` beside this crate's `src/`: each backend
//! crate compiles those files as modules of its own (`#[path = …]`), with its own `Db` type and a
//! small `dialect` module for what differs (row locks, full-text search, how a time, a date, a
//! flag or JSON is stored). They are not part of this crate's module tree.
//!
//! The contract suite (`tests/`) runs every test on both backends, through the traits only.

mod accounts;
mod audit;
pub mod chain;
mod complaints;
mod desk;
mod error;
mod mail_in;
mod notifications;
mod ops;
mod outbox;
mod periods;
mod publications;
mod register;
pub mod secret;
pub mod traits;
mod users;
mod versions;

pub use accounts::{AccountLink, LinkPurpose, NewSession, SealReport, Session, SessionTimes};
pub use audit::{Actor, AuditAction, AuditEntry};
pub use complaints::{
    Append, Cursor, Dossier, ListFilter, ListItem, NewRecord, Page, Scope, Sort, StoredEvent,
};
pub use desk::{LogEntry, NewRequest, SubjectRequest};
pub use error::StoreError;
pub use mail_in::{MailIn, MailInState, NewMailIn, SentLetter, Settle, Taken};
pub use notifications::{DueComplaint, NewNotice, Notice};
pub use ops::{Broken, Counts, PgSnapshot, VERIFY_BATCH, Verification};
pub use outbox::{FollowUp, MailOutcome, MailStatus, NewMail, QueuedMail, StatusLink};
pub use periods::PurgedRows;
pub use publications::{MAX_PUBLISHED_REPORT, Publication, TextReview};
pub use register::{
    Action, ActionChange, Evaluation, MAX_TEXT, MAX_TITLE, NewEvaluation, Recommendation,
    ReportKind, ReportText,
};
pub use secret::{KeyError, SecretKey, Unreadable};
pub use traits::{
    AccountStore, ComplaintStore, DeskStore, DocumentStore, MailInStore, NotificationStore,
    OpsStore, OutboxStore, ProfileStore, PublicationStore, RegisterStore, ReportStore,
    RetentionStore, Stores,
};
pub use users::{NewUser, User};
pub use versions::{Stored, VersionRow, VersionState};

/// Which database is behind a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}
