//! The data-subject desk: requests and their log (`klacht_store::desk`).

use super::{Day, DbRow, Json, Ts};
use crate::Store;
use klacht_store::*;
use sqlx::Row;

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_core::UserId;
use klacht_core::subject::{Person, RequestKind};

const COLUMNS: &str = "id, kind, person, received_on, due_on, note, registered_by, \
     registered_at, extended_at, extension_reason, completed_at, outcome";

fn request_of(r: &DbRow) -> Result<SubjectRequest, StoreError> {
    let id: i64 = r.try_get(0)?;
    let kind: String = r.try_get(1)?;
    let kind = RequestKind::parse(&kind)
        .ok_or_else(|| StoreError::Corrupt(format!("request {id}: kind {kind}")))?;
    let person: Json = r.try_get(2)?;
    let person: Person = serde_json::from_str(&person.0)
        .map_err(|e| StoreError::Corrupt(format!("request {id}: {e}")))?;
    Ok(SubjectRequest {
        id,
        kind,
        person,
        received_on: r.try_get::<Day, _>(3)?.0,
        due_on: r.try_get::<Day, _>(4)?.0,
        note: r.try_get(5)?,
        registered_by: UserId(r.try_get(6)?),
        registered_at: r.try_get::<Ts, _>(7)?.0,
        extended_at: r.try_get::<Option<Ts>, _>(8)?.map(|t| t.0),
        extension_reason: r.try_get(9)?,
        completed_at: r.try_get::<Option<Ts>, _>(10)?.map(|t| t.0),
        outcome: r.try_get(11)?,
        log: Vec::new(),
    })
}

impl Store {
    /// Registers a request, with its first log entry; returns its id.
    pub async fn create_request(&self, r: &NewRequest) -> Result<i64, StoreError> {
        let person =
            serde_json::to_string(&r.person).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut tx = self.write.begin().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO subject_requests (kind, received_on, due_on, person, note, \
             registered_by, registered_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(r.kind.as_str())
        .bind(Day(r.received_on))
        .bind(Day(r.due_on))
        .bind(Json(person))
        .bind(r.note.as_deref())
        .bind(r.by.0)
        .bind(Ts(r.at))
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        log(&mut tx, id, r.at, Some(r.by), "registered", None, None).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The requests still open (the one due first first), then the settled ones (the latest
    /// first); `limit` at most.
    pub async fn requests(&self, limit: u32) -> Result<Vec<SubjectRequest>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM subject_requests \
             ORDER BY completed_at IS NOT NULL, \
             CASE WHEN completed_at IS NULL THEN due_on END, completed_at DESC, id \
             LIMIT $1"
        )))
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(request_of).collect()
    }

    /// One request with its log.
    pub async fn request(&self, id: i64) -> Result<Option<SubjectRequest>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM subject_requests WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.read)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let mut request = request_of(&row)?;
        let rows = sqlx::query(
            "SELECT at, actor_id, action, reference, detail FROM subject_request_log \
             WHERE request_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&self.read)
        .await?;
        for r in rows {
            request.log.push(LogEntry {
                at: r.try_get::<Ts, _>(0)?.0,
                by: r.try_get::<Option<i64>, _>(1)?.map(UserId),
                action: r.try_get(2)?,
                reference: r.try_get(3)?,
                detail: r.try_get(4)?,
            });
        }
        Ok(Some(request))
    }

    /// Extends an open request once: the new due date and the reason. `false` when it was
    /// extended or settled already (nothing is changed then).
    pub async fn extend_request(
        &self,
        id: i64,
        due_on: Date,
        reason: &str,
        by: UserId,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write.begin().await?;
        let done = sqlx::query(
            "UPDATE subject_requests SET due_on = $1, extended_at = $2, extension_reason = $3 \
             WHERE id = $4 AND extended_at IS NULL AND completed_at IS NULL",
        )
        .bind(Day(due_on))
        .bind(Ts(at))
        .bind(reason)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        log(&mut tx, id, at, Some(by), "extended", None, Some(reason)).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Settles an open request with what was done. `false` when it was settled already.
    pub async fn complete_request(
        &self,
        id: i64,
        outcome: &str,
        by: UserId,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write.begin().await?;
        let done = sqlx::query(
            "UPDATE subject_requests SET completed_at = $1, outcome = $2 \
             WHERE id = $3 AND completed_at IS NULL",
        )
        .bind(Ts(at))
        .bind(outcome)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        log(&mut tx, id, at, Some(by), "completed", None, Some(outcome)).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Adds an entry to a request's log.
    pub async fn log_request(&self, id: i64, entry: &LogEntry) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        log(
            &mut tx,
            id,
            entry.at,
            entry.by,
            &entry.action,
            entry.reference.as_deref(),
            entry.detail.as_deref(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

async fn log(
    tx: &mut super::Tx<'_>,
    id: i64,
    at: Timestamp,
    by: Option<UserId>,
    action: &str,
    reference: Option<&str>,
    detail: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO subject_request_log (request_id, at, actor_id, action, reference, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(Ts(at))
    .bind(by.map(|u| u.0))
    .bind(action)
    .bind(reference)
    .bind(detail)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
