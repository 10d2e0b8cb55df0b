use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[source] sqlx::Error),
    /// The database cannot take the request now: the disk is full, it cannot be reached, it is
    /// shutting down, or no connection came in time. Nothing was stored; the same request can
    /// succeed later without anything else changing.
    #[error("database unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The complaint changed since it was read (optimistic concurrency).
    #[error("the complaint changed since it was read (now at version {current})")]
    Conflict { current: u64 },
    /// A unique value exists already (an e-mail address, …).
    #[error("{0} exists already")]
    Duplicate(String),
    #[error("not found: {0}")]
    NotFound(String),
    /// A value the caller sent that cannot be used (an unknown complaint reference, an
    /// inactive owner): `field` names it.
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// The record is not in a state that allows this (deciding a recommendation twice).
    #[error("{0}")]
    WrongState(String),
    #[error("configuration: {0}")]
    Config(String),
    /// Stored data that does not read back: a bug or tampering.
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        if unavailable(&e) {
            StoreError::Unavailable(e)
        } else {
            StoreError::Database(e)
        }
    }
}

/// Whether a database error is about the database's circumstances rather than the request:
/// trying the same again later can succeed.
fn unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(d) => {
            if d.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                // SQLite's primary result code is the low byte of the extended one: BUSY,
                // LOCKED, NOMEM, READONLY, IOERR, FULL, CANTOPEN, PROTOCOL.
                d.code()
                    .and_then(|c| c.parse::<i32>().ok())
                    .is_some_and(|c| matches!(c & 0xff, 5 | 6 | 7 | 8 | 10 | 13 | 14 | 15))
            } else if d
                .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
                .is_some()
            {
                // SQLSTATE classes: 08 connection, 53 insufficient resources (disk full, out
                // of memory, too many connections), 57P0x shutting down or starting up, 58
                // system errors (I/O); 40001/40P01 a serialisation failure or deadlock;
                // 25006 a read-only database (a standby after a fail-over).
                d.code().is_some_and(|c| {
                    c == "25006"
                        || c.starts_with("08")
                        || c.starts_with("53")
                        || c.starts_with("57P")
                        || c.starts_with("58")
                        || c == "40001"
                        || c == "40P01"
                })
            } else {
                false
            }
        }
        _ => false,
    }
}

impl StoreError {
    pub fn is_unique_violation(e: &sqlx::Error) -> bool {
        e.as_database_error()
            .is_some_and(|d| d.is_unique_violation())
    }
}
