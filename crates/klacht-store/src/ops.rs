//! For the operator: every dossier checked at once (`klacht verify`), what the database holds,
//! and consistent copies of it while it takes writes (`klacht backup`).
//!
//! The types; the SQL that stores and reads them is `sql/ops.rs`.

use crate::StoreError;
use std::collections::BTreeMap;

/// Complaints read per batch by [`verify_all`](crate::traits::OpsStore::verify_all): a few
/// queries per batch instead of two per complaint, with a batch's events (some thousands) in
/// memory at a time.
pub const VERIFY_BATCH: u32 = 500;

/// What [`verify_all`](crate::traits::OpsStore::verify_all) found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verification {
    /// Complaints checked.
    pub complaints: u64,
    /// Every complaint whose chain or personal data does not verify, by id.
    pub broken: Vec<Broken>,
    /// The documents the dossiers refer to (content address), each with the first reference
    /// that does: the files belong in the documents directory.
    pub documents: BTreeMap<String, String>,
}

/// A complaint whose dossier does not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub reference: String,
    /// The first event that does not verify; one past the last event when events are missing
    /// at the end (the complaint's last hash is not where the chain ends).
    pub seq: i64,
}

/// Rows in the main tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    pub complaints: i64,
    pub events: i64,
    pub users: i64,
}

/// How a held snapshot ends: the backend's read-only transaction, rolled back.
pub type EndSnapshot =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), StoreError>> + Send>>;

/// A PostgreSQL snapshot held open: `pg_dump --snapshot=ID` then sees exactly the data that
/// [`PgSnapshot::counts`] counted, whatever is committed meanwhile. Dropping it ends it.
pub struct PgSnapshot {
    /// Owns the transaction that holds the snapshot; dropped unpolled, it rolls back as well.
    end: EndSnapshot,
    id: String,
    counts: Counts,
}

impl std::fmt::Debug for PgSnapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgSnapshot")
            .field("id", &self.id)
            .field("counts", &self.counts)
            .finish_non_exhaustive()
    }
}

impl PgSnapshot {
    /// For a backend: the snapshot `id` held by the transaction that `end` rolls back.
    pub fn new(id: String, counts: Counts, end: EndSnapshot) -> PgSnapshot {
        PgSnapshot { end, id, counts }
    }

    /// The snapshot's name, for `pg_dump --snapshot`.
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Ends the snapshot (read only: nothing to commit).
    pub async fn finish(self) -> Result<(), StoreError> {
        self.end.await
    }
}
