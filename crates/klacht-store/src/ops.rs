//! For the operator: every dossier checked at once (`klacht verify`), what the database holds,
//! and consistent copies of it while it takes writes (`klacht backup`).

use crate::chain::{self, Link};
use crate::{Backend, Store, StoreError};
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Connection, Row, Transaction};
use std::collections::BTreeMap;
use std::path::Path;

/// Complaints read per batch by [`Store::verify_all`]: a few queries per batch instead of two
/// per complaint, with a batch's events (some thousands) in memory at a time.
pub const VERIFY_BATCH: u32 = 500;

/// The events of a chain with what [`first_broken`] needs, in this column order.
pub(crate) const CHAIN_COLUMNS: &str = "e.seq, e.at, e.actor_type, e.actor_id, e.kind, e.body, \
     e.pii_digest, e.hash, p.salt, p.data, e.complaint_id";

/// What [`Store::verify_all`] found.
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

/// A PostgreSQL snapshot held open: `pg_dump --snapshot=ID` then sees exactly the data that
/// [`PgSnapshot::counts`] counted, whatever is committed meanwhile. Dropping it ends it.
#[derive(Debug)]
pub struct PgSnapshot {
    tx: Transaction<'static, Any>,
    id: String,
    counts: Counts,
}

impl PgSnapshot {
    /// The snapshot's name, for `pg_dump --snapshot`.
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Ends the snapshot (read only: nothing to commit).
    pub async fn finish(self) -> Result<(), StoreError> {
        self.tx.rollback().await?;
        Ok(())
    }
}

/// The first event of one complaint's chain that does not verify, or `None`. `rows` are its
/// events in `seq` order with [`CHAIN_COLUMNS`].
pub(crate) fn first_broken(
    reference: &str,
    last_hash: &str,
    rows: &[AnyRow],
) -> Result<Option<i64>, StoreError> {
    let mut prev = chain::seed(reference);
    let mut expected_seq = 1;
    for r in rows {
        let seq: i64 = r.try_get(0)?;
        let actor_type: String = r.try_get(2)?;
        let kind: String = r.try_get(4)?;
        let body: String = r.try_get(5)?;
        let digest: Option<String> = r.try_get(6)?;
        let stored: String = r.try_get(7)?;
        // Personal data still present must match the digest the chain covers; erased data
        // (no row) is fine: that is anonymisation, not tampering.
        let salt: Option<String> = r.try_get(8)?;
        let data: Option<String> = r.try_get(9)?;
        if let (Some(salt), Some(data)) = (salt, data)
            && digest.as_deref() != Some(chain::pii_digest(&salt, &data).as_str())
        {
            return Ok(Some(seq));
        }
        let hash = chain::next(
            &prev,
            &Link {
                seq,
                at: r.try_get(1)?,
                actor_type: &actor_type,
                actor_id: r.try_get(3)?,
                kind: &kind,
                body: &body,
                pii_digest: digest.as_deref(),
            },
        );
        if seq != expected_seq || hash != stored {
            return Ok(Some(seq));
        }
        prev = hash;
        expected_seq += 1;
    }
    Ok((prev != last_hash).then_some(expected_seq))
}

/// A read transaction that sees one moment: a complaint's last hash and its events agree even
/// while steps are appended. SQLite's read transaction (WAL) is a snapshot from its first read;
/// PostgreSQL needs REPEATABLE READ for that (READ COMMITTED gives each statement its own).
pub(crate) async fn snapshot_tx(store: &Store) -> Result<Transaction<'static, Any>, StoreError> {
    let mut tx = store.read.begin().await?;
    if store.backend == Backend::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await?;
    }
    Ok(tx)
}

/// Adds the content addresses a stored event body refers to (`"sha256"` of a document, at any
/// depth) to `out`.
fn documents_in(body: &str, reference: &str, out: &mut BTreeMap<String, String>) {
    // Most events have no document; skip parsing those.
    if !body.contains("\"sha256\"") {
        return;
    }
    fn walk(v: &serde_json::Value, reference: &str, out: &mut BTreeMap<String, String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v) {
                        ("sha256", serde_json::Value::String(sha)) => {
                            out.entry(sha.clone())
                                .or_insert_with(|| reference.to_owned());
                        }
                        _ => walk(v, reference, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, reference, out)),
            _ => {}
        }
    }
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(body) {
        walk(&v, reference, out);
    }
}

impl Store {
    /// Checks every complaint's hash chain and personal-data digests (T12), in batches of
    /// [`VERIFY_BATCH`], and lists every complaint that does not verify with its first broken
    /// event. Safe while the server runs: each batch reads one consistent moment.
    pub async fn verify_all(&self) -> Result<Verification, StoreError> {
        self.verify_all_in_batches(VERIFY_BATCH).await
    }

    /// [`Store::verify_all`] with `batch` complaints per batch (at least 1).
    pub async fn verify_all_in_batches(&self, batch: u32) -> Result<Verification, StoreError> {
        let batch = i64::from(batch.max(1));
        let mut out = Verification::default();
        let mut after = i64::MIN;
        loop {
            let mut tx = snapshot_tx(self).await?;
            let complaints = sqlx::query(
                "SELECT id, reference, last_hash FROM complaints WHERE id > $1 ORDER BY id LIMIT $2",
            )
            .bind(after)
            .bind(batch)
            .fetch_all(&mut *tx)
            .await?;
            let (Some(first), Some(last)) = (complaints.first(), complaints.last()) else {
                tx.rollback().await?;
                break;
            };
            let (first, last): (i64, i64) = (first.try_get(0)?, last.try_get(0)?);
            // The batch's ids are consecutive in the table, so the range holds their events and
            // no others; one query, read in (complaint, seq) order off the unique index.
            let events = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT {CHAIN_COLUMNS} FROM events e \
                 LEFT JOIN personal_data p ON p.complaint_id = e.complaint_id AND p.seq = e.seq \
                 WHERE e.complaint_id >= $1 AND e.complaint_id <= $2 \
                 ORDER BY e.complaint_id, e.seq"
            )))
            .bind(first)
            .bind(last)
            .fetch_all(&mut *tx)
            .await?;
            tx.rollback().await?;
            // Both lists are in complaint order: walk them side by side. Events of an id not in
            // the batch (rows deleted from complaints under their events) belong to nobody and
            // are passed over.
            let owners: Vec<i64> = events
                .iter()
                .map(|r| r.try_get::<i64, _>(10))
                .collect::<Result<_, _>>()?;
            let mut i = 0;
            for c in &complaints {
                let id: i64 = c.try_get(0)?;
                let reference: String = c.try_get(1)?;
                let last_hash: String = c.try_get(2)?;
                while owners.get(i).is_some_and(|&o| o < id) {
                    i += 1;
                }
                let start = i;
                while owners.get(i) == Some(&id) {
                    i += 1;
                }
                let own = events.get(start..i).unwrap_or_default();
                for r in own {
                    let body: String = r.try_get(5)?;
                    documents_in(&body, &reference, &mut out.documents);
                }
                if let Some(seq) = first_broken(&reference, &last_hash, own)? {
                    out.broken.push(Broken { reference, seq });
                }
                out.complaints += 1;
            }
            after = last;
        }
        Ok(out)
    }

    /// How many complaints, events and users the database holds now.
    pub async fn counts(&self) -> Result<Counts, StoreError> {
        let mut tx = snapshot_tx(self).await?;
        let counts = count(&mut tx).await?;
        tx.rollback().await?;
        Ok(counts)
    }

    /// SQLite: writes a consistent copy of the database to `to` (`VACUUM INTO`: one read
    /// transaction, writers go on meanwhile), as a single file (rollback journal, not WAL),
    /// and returns what the copy holds. `to` must not exist or be an empty file.
    pub async fn copy_sqlite_into(&self, to: &Path) -> Result<Counts, StoreError> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::Config(
                "a file copy of the database is for SQLite; use pg_dump for PostgreSQL".into(),
            ));
        }
        let target = to
            .to_str()
            .ok_or_else(|| StoreError::Config(format!("{} is not a UTF-8 path", to.display())))?;
        sqlx::query("VACUUM INTO $1")
            .bind(target.to_owned())
            .execute(&self.read)
            .await?;
        sqlite_file_counts(to).await
    }

    /// PostgreSQL: opens a snapshot that `pg_dump --snapshot` can share, and counts in it.
    pub async fn pg_snapshot(&self) -> Result<PgSnapshot, StoreError> {
        if self.backend != Backend::Postgres {
            return Err(StoreError::Config(
                "an exported snapshot is for PostgreSQL".into(),
            ));
        }
        let mut tx = snapshot_tx(self).await?;
        let row = sqlx::query("SELECT pg_export_snapshot()")
            .fetch_one(&mut *tx)
            .await?;
        let id: String = row.try_get(0)?;
        let counts = count(&mut tx).await?;
        Ok(PgSnapshot { tx, id, counts })
    }
}

const COUNTS: &str = "SELECT (SELECT COUNT(*) FROM complaints), (SELECT COUNT(*) FROM events), \
     (SELECT COUNT(*) FROM users)";

fn counts_of(row: &AnyRow) -> Result<Counts, StoreError> {
    Ok(Counts {
        complaints: row.try_get(0)?,
        events: row.try_get(1)?,
        users: row.try_get(2)?,
    })
}

async fn count(tx: &mut Transaction<'static, Any>) -> Result<Counts, StoreError> {
    counts_of(&sqlx::query(COUNTS).fetch_one(&mut **tx).await?)
}

/// What a SQLite database file holds, read without migrating or otherwise changing it.
pub async fn sqlite_file_counts(path: &Path) -> Result<Counts, StoreError> {
    sqlx::any::install_default_drivers();
    let url = format!("sqlite://{}?mode=ro", path.display());
    let mut conn = AnyConnection::connect(&url).await?;
    let row = sqlx::query(COUNTS).fetch_one(&mut conn).await;
    let _ = conn.close().await;
    counts_of(&row?)
}

/// Whether the PostgreSQL database at `url` has no tables of its own yet (a restore target).
pub async fn postgres_is_empty(url: &str) -> Result<bool, StoreError> {
    sqlx::any::install_default_drivers();
    let mut conn = AnyConnection::connect(url).await?;
    let row = sqlx::query(
        "SELECT COUNT(*) FROM information_schema.tables \
         WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
    )
    .fetch_one(&mut conn)
    .await;
    let _ = conn.close().await;
    let n: i64 = row?.try_get(0)?;
    Ok(n == 0)
}
