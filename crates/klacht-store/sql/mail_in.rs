//! Mail in: each message taken once (its source and key are the claim), the post tray, and the
//! letters that replies and bounces name.

use super::{Flag, Ts};
use crate::Store;
use jiff::Timestamp;
use klacht_core::{Reference, UserId};
use klacht_store::*;
use sqlx::Row;

const COLUMNS: &str = "m.id, m.source, m.message_id, m.arrived_at, m.taken_at, m.sender, \
    m.sender_name, m.subject, m.kind, m.problem, m.truncated, m.state, c.reference, m.reason, \
    m.decided_by, m.decided_at";

fn mail_of(r: &super::DbRow) -> Result<MailIn, StoreError> {
    let state: String = r.try_get(11)?;
    let reference: Option<String> = r.try_get(12)?;
    Ok(MailIn {
        id: r.try_get(0)?,
        source: r.try_get(1)?,
        message_id: r.try_get(2)?,
        arrived_at: r.try_get::<Ts, _>(3)?.0,
        taken_at: r.try_get::<Ts, _>(4)?.0,
        sender: r.try_get(5)?,
        sender_name: r.try_get(6)?,
        subject: r.try_get(7)?,
        kind: r.try_get(8)?,
        problem: r.try_get(9)?,
        truncated: r.try_get::<Flag, _>(10)?.0,
        state: MailInState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("mail state {state:?}")))?,
        complaint: reference.as_deref().and_then(Reference::parse),
        reason: r.try_get(13)?,
        decided_by: r.try_get::<Option<i64>, _>(14)?.map(UserId),
        decided_at: r.try_get::<Option<Ts>, _>(15)?.map(|t| t.0),
    })
}

impl Store {
    pub async fn take_mail(&self, m: &NewMailIn, now: Timestamp) -> Result<Taken, StoreError> {
        let inserted = sqlx::query(
            "INSERT INTO mail_in (source, source_key, message_id, arrived_at, taken_at, sender, \
             sender_name, subject, kind, problem, raw, truncated, state, delete_after) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
             ON CONFLICT (source, source_key) DO NOTHING RETURNING id",
        )
        .bind(m.source.clone())
        .bind(m.source_key.clone())
        .bind(m.message_id.clone())
        .bind(Ts(m.arrived_at))
        .bind(Ts(now))
        .bind(m.sender.clone())
        .bind(m.sender_name.clone())
        .bind(m.subject.clone())
        .bind(m.kind.clone())
        .bind(m.problem.clone())
        .bind(m.raw.clone())
        .bind(Flag(m.truncated))
        .bind(m.state.as_str())
        .bind(m.delete_after.map(Ts))
        .fetch_optional(&self.write)
        .await?;
        if let Some(r) = inserted {
            return Ok(Taken::New(r.try_get(0)?));
        }
        let before = sqlx::query("SELECT id FROM mail_in WHERE source = $1 AND source_key = $2")
            .bind(m.source.clone())
            .bind(m.source_key.clone())
            .fetch_one(&self.write)
            .await?;
        Ok(Taken::Before(before.try_get(0)?))
    }

    pub async fn mail_in(&self, id: i64) -> Result<Option<(MailIn, Vec<u8>)>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS}, m.raw FROM mail_in m LEFT JOIN complaints c ON c.id = m.complaint_id \
             WHERE m.id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.read)
        .await?;
        row.map(|r| {
            let raw: Option<Vec<u8>> = r.try_get(16)?;
            Ok((mail_of(&r)?, raw.unwrap_or_default()))
        })
        .transpose()
    }

    pub async fn mail_in_state(
        &self,
        state: MailInState,
        limit: u32,
    ) -> Result<Vec<MailIn>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM mail_in m LEFT JOIN complaints c ON c.id = m.complaint_id \
             WHERE m.state = $1 ORDER BY m.arrived_at, m.id LIMIT $2"
        )))
        .bind(state.as_str())
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(mail_of).collect()
    }

    pub async fn count_mail_in(&self, state: MailInState) -> Result<u64, StoreError> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_in WHERE state = $1")
            .bind(state.as_str())
            .fetch_one(&self.read)
            .await?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    pub async fn settle_mail(
        &self,
        id: i64,
        from: MailInState,
        s: &Settle,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE mail_in SET state = $1, complaint_id = $2, reason = $3, decided_by = $4, \
             decided_at = $5, delete_after = $6 WHERE id = $7 AND state = $8",
        )
        .bind(s.state.as_str())
        .bind(s.complaint_id)
        .bind(s.reason.clone())
        .bind(s.by.map(|u| u.0))
        .bind(Ts(s.at))
        .bind(s.delete_after.map(Ts))
        .bind(id)
        .bind(from.as_str())
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn delete_expired_mail(&self, now: Timestamp) -> Result<u64, StoreError> {
        let done =
            sqlx::query("DELETE FROM mail_in WHERE delete_after IS NOT NULL AND delete_after < $1")
                .bind(Ts(now))
                .execute(&self.write)
                .await?;
        Ok(done.rows_affected())
    }

    pub async fn sent_letter(&self, outbox_id: i64) -> Result<Option<SentLetter>, StoreError> {
        let row = sqlx::query(
            "SELECT o.id, o.complaint_id, c.reference, o.seq, o.recipient FROM outbox o \
             JOIN complaints c ON c.id = o.complaint_id WHERE o.id = $1 AND o.seq IS NOT NULL",
        )
        .bind(outbox_id)
        .fetch_optional(&self.read)
        .await?;
        row.map(|r| {
            let reference: String = r.try_get(2)?;
            Ok(SentLetter {
                outbox_id: r.try_get(0)?,
                complaint_id: r.try_get(1)?,
                reference: Reference::parse(&reference)
                    .ok_or_else(|| StoreError::Corrupt(format!("reference {reference:?}")))?,
                seq: r.try_get(3)?,
                recipient: r.try_get(4)?,
            })
        })
        .transpose()
    }

    pub async fn mark_bounced(
        &self,
        outbox_id: i64,
        reason: &str,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let done =
            sqlx::query("UPDATE outbox SET bounced_at = $1, bounce_reason = $2 WHERE id = $3")
                .bind(Ts(at))
                .bind(reason.to_owned())
                .bind(outbox_id)
                .execute(&self.write)
                .await?;
        Ok(done.rows_affected() > 0)
    }
}
