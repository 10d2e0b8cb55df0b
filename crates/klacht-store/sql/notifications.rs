//! What staff members are told: a list per person in the app, and (optionally) an e-mail queued
//! with each notice in the same transaction.
//!
//! A notice holds no personal data — a kind, the complaint, perhaps a short detail such as a
//! deadline's id — so that anonymising a complaint leaves nothing behind here.

use super::outbox::FollowRows;
use super::{Day, Json, Ts};
use crate::Store;
use klacht_store::*;
use sqlx::Row;

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_core::procedure::Status;
use klacht_core::{Reference, UserId};
use std::collections::HashSet;

/// Dedupe keys per query: well below the bind limits of both databases.
const KEYS_PER_QUERY: usize = 500;

impl Store {
    /// Writes notices outside a step (the deadline job). Returns how many were new.
    pub async fn notify(
        &self,
        complaint_id: Option<i64>,
        reference: Option<&Reference>,
        notices: &[NewNotice],
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        let mut rows = FollowRows::default();
        rows.add_notices(complaint_id, reference, notices, now);
        let mut tx = self.write.begin().await?;
        let n = rows.run(&mut tx).await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Queues one message that belongs to no complaint (an account invitation).
    pub async fn enqueue_mail(&self, m: &NewMail, now: Timestamp) -> Result<(), StoreError> {
        let mut rows = FollowRows::default();
        rows.add_mail(m, now);
        let mut tx = self.write.begin().await?;
        rows.run(&mut tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A user's notices, newest first, `limit` at most, older than notice `before` if given.
    pub async fn notices(
        &self,
        user: UserId,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<Notice>, StoreError> {
        let rows = sqlx::query(
            "SELECT n.id, c.reference, n.kind, n.detail, n.created_at, n.read_at \
             FROM notifications n LEFT JOIN complaints c ON c.id = n.complaint_id \
             WHERE n.user_id = $1 AND n.id < $2 ORDER BY n.id DESC LIMIT $3",
        )
        .bind(user.0)
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                let reference = r
                    .try_get::<Option<String>, _>(1)?
                    .map(|s| {
                        Reference::parse(&s)
                            .ok_or_else(|| StoreError::Corrupt(format!("bad reference {s}")))
                    })
                    .transpose()?;
                Ok(Notice {
                    id: r.try_get(0)?,
                    complaint: reference,
                    kind: r.try_get(2)?,
                    detail: r.try_get(3)?,
                    created_at: r.try_get::<Ts, _>(4)?.0,
                    read_at: r.try_get::<Option<Ts>, _>(5)?.map(|t| t.0),
                })
            })
            .collect()
    }

    /// How many of the user's notices are unread.
    pub async fn unread_notices(&self, user: UserId) -> Result<u64, StoreError> {
        let row = sqlx::query(
            "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        )
        .bind(user.0)
        .fetch_one(&self.read)
        .await?;
        Ok(u64::try_from(row.try_get::<i64, _>(0)?).unwrap_or(0))
    }

    /// Marks the user's notices read: one (`Some(id)`) or all.
    pub async fn mark_notices_read(
        &self,
        user: UserId,
        id: Option<i64>,
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        let done = match id {
            Some(id) => {
                sqlx::query(
                    "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND id = $3 AND read_at IS NULL",
                )
                .bind(Ts(now))
                .bind(user.0)
                .bind(id)
                .execute(&self.write)
                .await?
            }
            None => {
                sqlx::query(
                    "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
                )
                .bind(Ts(now))
                .bind(user.0)
                .execute(&self.write)
                .await?
            }
        };
        Ok(done.rows_affected())
    }

    /// The complaints whose next running deadline is due on or before `by`, most urgent first,
    /// `limit` at most, after the cursor of the previous page ([`DueComplaint::cursor`]).
    /// Reads the projection through its `next_due` index: only complaints due by then are
    /// touched, however many the database holds. (`next_due` is set only while a deadline runs,
    /// that is while the complaint awaits its decision: no status condition is needed, and one
    /// would lead SQLite to the status index instead.)
    pub async fn due_by(
        &self,
        by: Date,
        after: Option<(Date, i64)>,
        limit: u32,
    ) -> Result<Vec<DueComplaint>, StoreError> {
        // No cursor: from before every day a deadline can fall on (both databases hold year 1).
        let (after_due, after_id) = after.unwrap_or((jiff::civil::date(1, 1, 1), 0));
        let rows = sqlx::query(
            "SELECT id, reference, profile_id, status, next_due, handler, concerns, deadlines \
             FROM complaints WHERE next_due IS NOT NULL AND next_due <= $1 \
             AND (next_due, id) > ($2, $3) ORDER BY next_due, id LIMIT $4",
        )
        .bind(Day(by))
        .bind(Day(after_due))
        .bind(after_id)
        .bind(i64::from(limit.clamp(1, 1000)))
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                let id: i64 = r.try_get(0)?;
                let bad = |what: &str| StoreError::Corrupt(format!("complaint {id}: {what}"));
                let reference: String = r.try_get(1)?;
                let status: String = r.try_get(3)?;
                let next_due = r.try_get::<Day, _>(4)?.0;
                let deadlines = r.try_get::<Json, _>(7)?.0;
                Ok(DueComplaint {
                    id,
                    reference: Reference::parse(&reference).ok_or_else(|| bad("reference"))?,
                    profile_id: r.try_get(2)?,
                    status: Status::parse(&status).ok_or_else(|| bad("status"))?,
                    next_due,
                    handler: r.try_get::<Option<i64>, _>(5)?.map(UserId),
                    concerns: r.try_get::<Option<i64>, _>(6)?.map(UserId),
                    deadlines: serde_json::from_str(&deadlines).map_err(|_| bad("deadlines"))?,
                })
            })
            .collect()
    }

    /// Which of these dedupe keys are taken already: lets a job that finds the same deadlines
    /// every round skip what it told before without a write.
    pub async fn known_dedupes(&self, keys: &[String]) -> Result<HashSet<String>, StoreError> {
        let mut known = HashSet::new();
        for chunk in keys.chunks(KEYS_PER_QUERY) {
            let params: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT dedupe FROM notifications WHERE dedupe IN ({})",
                params.join(", ")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for k in chunk {
                q = q.bind(k.clone());
            }
            for r in q.fetch_all(&self.read).await? {
                known.insert(r.try_get::<String, _>(0)?);
            }
        }
        Ok(known)
    }
}
