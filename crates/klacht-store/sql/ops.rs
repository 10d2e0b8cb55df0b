//! For the operator: every dossier checked at once (`klacht verify`), what the database holds,
//! and consistent copies of it while it takes writes (`klacht backup`).

use super::{DbRow, Ts, Tx};
use crate::{Store, dialect};
use klacht_store::chain::Link;
use klacht_store::*;
use sqlx::Row;

use std::collections::BTreeMap;

/// The events of a chain with what [`first_broken`] needs, in this column order.
pub(crate) const CHAIN_COLUMNS: &str = "e.seq, e.at, e.actor_type, e.actor_id, e.kind, e.body, \
     e.pii_digest, e.hash, p.salt, p.data, e.complaint_id";

/// The first event of one complaint's chain that does not verify, or `None`. `rows` are its
/// events in `seq` order with [`CHAIN_COLUMNS`].
pub(crate) fn first_broken(
    reference: &str,
    last_hash: &str,
    rows: &[DbRow],
) -> Result<Option<i64>, StoreError> {
    let mut prev = chain::seed(reference);
    let mut expected_seq = 1;
    // A correction (AVG art. 16) rewrote the registration's personal data: its digest then is
    // the one the latest `rectified` event records (the chain covers that event).
    let mut corrected: Option<String> = None;
    for r in rows {
        let kind: String = r.try_get(4)?;
        if kind == "rectified" {
            let body: String = r.try_get(5)?;
            let v: serde_json::Value = serde_json::from_str(&body)
                .map_err(|e| StoreError::Corrupt(format!("{reference}: {e}")))?;
            corrected = v
                .get("digest")
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned);
        }
    }
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
        if let (Some(salt), Some(data)) = (salt, data) {
            let actual = chain::pii_digest(&salt, &data);
            let rectified = seq == 1 && corrected.as_deref() == Some(actual.as_str());
            if digest.as_deref() != Some(actual.as_str()) && !rectified {
                return Ok(Some(seq));
            }
        }
        let hash = chain::next(
            &prev,
            &Link {
                seq,
                at: r.try_get::<Ts, _>(1)?.0.as_microsecond(),
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
pub(crate) async fn snapshot_tx(store: &Store) -> Result<Tx<'static>, StoreError> {
    let mut tx = store.read.begin().await?;
    if let Some(set) = dialect::SNAPSHOT {
        sqlx::query(set).execute(&mut *tx).await?;
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
                "SELECT id, reference, last_hash, anonymised_at IS NOT NULL \
                 FROM complaints WHERE id > $1 ORDER BY id LIMIT $2",
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
                // An anonymised complaint's documents went with its personal data.
                let anonymised: bool = c.try_get(3)?;
                while owners.get(i).is_some_and(|&o| o < id) {
                    i += 1;
                }
                let start = i;
                while owners.get(i) == Some(&id) {
                    i += 1;
                }
                let own = events.get(start..i).unwrap_or_default();
                for r in own.iter().filter(|_| !anonymised) {
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

    /// Whether the database takes a write (for `/readyz`): a row of `health` is written and
    /// committed, so a full disk or a read-only database shows, not only one that is away.
    pub async fn check_writable(&self, now: jiff::Timestamp) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO health (id, checked_at) VALUES (1, $1) \
             ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
        )
        .bind(Ts(now))
        .execute(&self.write)
        .await?;
        Ok(())
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.read).await?;
        Ok(())
    }

    /// Finishes outstanding work and closes the connections.
    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}

pub(crate) const COUNTS: &str = "SELECT (SELECT COUNT(*) FROM complaints), (SELECT COUNT(*) FROM events), \
     (SELECT COUNT(*) FROM users)";

pub(crate) fn counts_of(row: &DbRow) -> Result<Counts, StoreError> {
    Ok(Counts {
        complaints: row.try_get(0)?,
        events: row.try_get(1)?,
        users: row.try_get(2)?,
    })
}

async fn count(tx: &mut Tx<'static>) -> Result<Counts, StoreError> {
    counts_of(&sqlx::query(COUNTS).fetch_one(&mut **tx).await?)
}
