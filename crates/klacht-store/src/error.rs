use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
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

impl StoreError {
    pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
        e.as_database_error()
            .is_some_and(|d| d.is_unique_violation())
    }
}
