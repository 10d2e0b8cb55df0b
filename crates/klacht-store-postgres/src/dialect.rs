//! What PostgreSQL's SQL does differently, for the shared queries of `sql/`.

use klacht_store::Backend;

/// For the few places where the backends take different paths (the full-text index: a
/// `tsvector` column here, FTS5 tables on SQLite).
pub(crate) const BACKEND: Backend = Backend::Postgres;

/// Appending to a complaint locks its row, so that concurrent steps queue instead of failing
/// late on the version check.
pub(crate) const FOR_UPDATE: &str = " FOR UPDATE";

/// Claiming work with several instances: each row is claimed once, and nobody waits for a row
/// another instance holds.
pub(crate) const FOR_UPDATE_SKIP_LOCKED: &str = " FOR UPDATE SKIP LOCKED";

/// Under READ COMMITTED a count does not see a first user that another transaction (a second
/// setup link, `create_user`) is inserting; this lock waits for such a transaction, and makes
/// it wait for this one, so there is one first user.
pub(crate) const LOCK_USERS: Option<&str> = Some("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE");

/// READ COMMITTED gives each statement its own snapshot; one moment needs REPEATABLE READ.
pub(crate) const SNAPSHOT: Option<&str> =
    Some("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");

/// Parameters of a multi-row INSERT are numbered (`$n`), which PostgreSQL requires.
pub(crate) const NUMBERED_PARAMS: bool = true;
