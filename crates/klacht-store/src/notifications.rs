//! What staff members are told: a list per person in the app, and (optionally) an e-mail queued
//! with each notice in the same transaction.
//!
//! A notice holds no personal data — a kind, the complaint, perhaps a short detail such as a
//! deadline's id — so that anonymising a complaint leaves nothing behind here.

use crate::outbox::NewMail;
use crate::{Store, StoreError, from_micros, micros};
use jiff::Timestamp;
use klacht_core::{Reference, UserId};
use sqlx::{Any, Row, Transaction};

/// A notice to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotice {
    pub user: UserId,
    /// What happened, e.g. `assigned`, `concerns_you`, `deadline_tomorrow`.
    pub kind: String,
    /// A detail for the text (no personal data), e.g. the deadline's id.
    pub detail: Option<String>,
    /// A notice with a key already written is not written again (nor mailed): background jobs
    /// that find the same deadline twice, or two instances at once, tell it once.
    pub dedupe: Option<String>,
    /// The e-mail that goes with it, queued only when the notice is written.
    pub mail: Option<NewMail>,
}

/// A notice as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: i64,
    pub complaint: Option<Reference>,
    pub kind: String,
    pub detail: Option<String>,
    pub created_at: Timestamp,
    pub read_at: Option<Timestamp>,
}

impl Store {
    /// Writes notices about complaint `complaint_id` (if any) and queues their mail.
    pub(crate) async fn write_notices(
        &self,
        tx: &mut Transaction<'_, Any>,
        complaint_id: Option<i64>,
        reference: Option<&Reference>,
        notices: &[NewNotice],
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        let mut written = 0;
        for n in notices {
            let done = sqlx::query(
                "INSERT INTO notifications (user_id, complaint_id, kind, detail, dedupe, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
            )
            .bind(n.user.0)
            .bind(complaint_id)
            .bind(n.kind.clone())
            .bind(n.detail.clone())
            .bind(n.dedupe.clone())
            .bind(micros(now))
            .execute(&mut **tx)
            .await?;
            if done.rows_affected() == 0 {
                continue;
            }
            written += 1;
            if let Some(m) = &n.mail {
                self.queue_mail(tx, complaint_id, None, reference, m, now)
                    .await?;
            }
        }
        Ok(written)
    }

    /// Writes notices outside a step (the deadline job). Returns how many were new.
    pub async fn notify(
        &self,
        complaint_id: Option<i64>,
        reference: Option<&Reference>,
        notices: &[NewNotice],
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        let mut tx = self.write.begin().await?;
        let n = self
            .write_notices(&mut tx, complaint_id, reference, notices, now)
            .await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Queues one message that belongs to no complaint (an account invitation).
    pub async fn enqueue_mail(&self, m: &NewMail, now: Timestamp) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        self.queue_mail(&mut tx, None, None, None, m, now).await?;
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
                    created_at: from_micros(r.try_get(4)?)?,
                    read_at: r
                        .try_get::<Option<i64>, _>(5)?
                        .map(from_micros)
                        .transpose()?,
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
                .bind(micros(now))
                .bind(user.0)
                .bind(id)
                .execute(&self.write)
                .await?
            }
            None => {
                sqlx::query(
                    "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
                )
                .bind(micros(now))
                .bind(user.0)
                .execute(&self.write)
                .await?
            }
        };
        Ok(done.rows_affected())
    }
}
