//! Migrations of data that need the application's code (SQL alone cannot compute them), each
//! run once, at start, after the schema's migrations. Each claims its row in
//! `data_migrations` in the transaction that does the work, so with several instances starting
//! at once one does it and the others find it done.

use super::complaints::{involved_text, read_event, search_rowid};
use super::{Arg, Pool, Ts};
use crate::dialect;
use klacht_store::*;
use sqlx::Row;

/// Complaints per batch of the backfill.
const BATCH: i64 = 500;

pub(crate) async fn run(write: &Pool) -> Result<(), StoreError> {
    involved_search(write).await
}

/// Fills the index of what the person complained about sees (K3) for the complaints stored
/// before it existed; new ones are indexed as they are written.
async fn involved_search(write: &Pool) -> Result<(), StoreError> {
    let mut tx = write.begin().await?;
    let claimed = sqlx::query(
        "INSERT INTO data_migrations (name, done_at) VALUES ('involved_search', $1) \
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(Ts(jiff::Timestamp::now()))
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        return Ok(());
    }
    let mut after = 0_i64;
    let mut indexed = 0_u64;
    loop {
        let ids: Vec<i64> = sqlx::query(
            "SELECT id FROM complaints WHERE concerns IS NOT NULL AND id > $1 ORDER BY id LIMIT $2",
        )
        .bind(after)
        .bind(BATCH)
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect::<Result<_, _>>()?;
        let (Some(first), Some(last)) = (ids.first().copied(), ids.last().copied()) else {
            break;
        };
        after = last;
        let rows = sqlx::query(
            "SELECT e.seq, e.at, e.actor_type, e.actor_id, e.body, p.data, e.complaint_id \
             FROM events e JOIN personal_data p ON p.complaint_id = e.complaint_id AND p.seq = e.seq \
             JOIN complaints c ON c.id = e.complaint_id \
             WHERE c.concerns IS NOT NULL AND e.complaint_id BETWEEN $1 AND $2",
        )
        .bind(first)
        .bind(last)
        .fetch_all(&mut *tx)
        .await?;
        let mut sqlite =
            super::bulk::Insert::new("INSERT INTO involved_search (rowid, text)", 2, "");
        for r in &rows {
            let event = read_event(r)?;
            let complaint: i64 = r.try_get(6)?;
            let Some(text) = involved_text(&event.event.body)? else {
                continue;
            };
            indexed += 1;
            match dialect::BACKEND {
                Backend::Sqlite => sqlite.push([
                    Arg::Int(search_rowid(complaint, event.seq)?),
                    Arg::Text(text),
                ])?,
                Backend::Postgres => {
                    sqlx::query(
                        "UPDATE personal_data SET involved_text = $1 \
                         WHERE complaint_id = $2 AND seq = $3",
                    )
                    .bind(text)
                    .bind(complaint)
                    .bind(event.seq)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        sqlite.run(&mut tx).await?;
    }
    tx.commit().await?;
    if indexed > 0 {
        tracing::info!(
            entries = indexed,
            "indexed what the people complained about see of their complaints (K3)"
        );
    }
    Ok(())
}
