//! What SQLite's SQL does differently, for the shared queries of `sql/`.

use klacht_store::Backend;

/// For the few places where the backends take different paths (the full-text index: FTS5
/// tables beside the data here, a `tsvector` column there).
pub(crate) const BACKEND: Backend = Backend::Sqlite;

/// A row about to be changed needs no lock: SQLite has one writer at a time, and a write
/// transaction holds it.
pub(crate) const FOR_UPDATE: &str = "";

/// Claiming work: the single writer already serialises the claims.
pub(crate) const FOR_UPDATE_SKIP_LOCKED: &str = "";

/// The first account: the UPDATE that spends the link already holds the single write lock.
pub(crate) const LOCK_USERS: Option<&str> = None;

/// A read transaction in WAL mode is a snapshot from its first read already.
pub(crate) const SNAPSHOT: Option<&str> = None;

/// Parameters of a multi-row INSERT are plain `?`: SQLite looks a numbered parameter's name up
/// by walking a list, once per parameter, quadratic in a statement of thousands; `?` is
/// positional.
pub(crate) const NUMBERED_PARAMS: bool = false;
