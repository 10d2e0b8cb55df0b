//! Retention (K8, T10): which complaints the daily round looks at, which are held back, and
//! making erased data unrecoverable from the database's files.

use super::Ts;
use crate::{Store, dialect};
use klacht_store::*;
use sqlx::Row;

use jiff::Timestamp;
use klacht_core::Reference;

impl Store {
    /// Complaints that ended (closed or withdrawn) before `ended_before`, are not anonymised and
    /// not held back, the longest ended first, after the complaint `after` in that order;
    /// `limit` at most. Which of them are due is the regulation's to say
    /// (`klacht_core::retention::due`).
    pub async fn retention_candidates(
        &self,
        ended_before: Timestamp,
        after: Option<&Reference>,
        limit: u32,
    ) -> Result<Vec<Reference>, StoreError> {
        let held = dialect::HELD;
        let keyset = if after.is_some() {
            " AND (COALESCE(closed_at, decided_at), id) > \
             (SELECT COALESCE(closed_at, decided_at), id FROM complaints WHERE reference = $3)"
        } else {
            ""
        };
        let mut query = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT reference FROM complaints \
             WHERE status IN ('closed', 'withdrawn', 'duplicate') AND anonymised_at IS NULL \
             AND COALESCE(closed_at, decided_at) < $1 AND NOT ({held}){keyset} \
             ORDER BY COALESCE(closed_at, decided_at), id LIMIT $2"
        )))
        .bind(Ts(ended_before))
        .bind(i64::from(limit));
        if let Some(r) = after {
            query = query.bind(r.to_string());
        }
        let rows = query.fetch_all(&self.read).await?;
        references(&rows)
    }

    /// Complaints held back from anonymisation, oldest first; `limit` at most.
    pub async fn held_complaints(&self, limit: u32) -> Result<Vec<Reference>, StoreError> {
        let held = dialect::HELD;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT reference FROM complaints WHERE {held} ORDER BY id LIMIT $1"
        )))
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        references(&rows)
    }

    /// After erasing: rewrites what still holds the erased values on disk. SQLite merges its
    /// full-text indexes (whose deleted words stay in their segments until then) and
    /// checkpoints and truncates the write-ahead log; PostgreSQL vacuums the tables
    /// anonymisation changes.
    pub async fn scrub(&self) -> Result<(), StoreError> {
        for statement in dialect::SCRUB {
            sqlx::query(sqlx::AssertSqlSafe(*statement))
                .execute(&self.write)
                .await?;
        }
        Ok(())
    }
}

fn references(rows: &[super::DbRow]) -> Result<Vec<Reference>, StoreError> {
    rows.iter()
        .map(|r| {
            let s: String = r.try_get(0)?;
            Reference::parse(&s).ok_or_else(|| StoreError::Corrupt(format!("bad reference {s}")))
        })
        .collect()
}
