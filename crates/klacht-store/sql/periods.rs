//! Removing what is past its period (K8, T10): sessions, links and tokens that open nothing any
//! more, and the read log, the account log, staff notices and mail that is not a letter once
//! older than the profile says (`klacht_core::periods`). Each kind is one condition, used as it
//! is for the dry run's count and for the deletion, so the two cannot disagree.

use super::{Arg, bind_all};
use crate::Store;
use klacht_core::periods::Cutoffs;
use klacht_core::reminders::{ANNUAL_REPORT_DUE, EVALUATION_DUE};
use klacht_store::*;
use sqlx::Row;

/// Rows deleted per statement: each batch is a short transaction of its own, so that a first
/// purge of years of read log does not hold SQLite's one writer (and the intake) for long.
const BATCH: i64 = 1000;

/// One kind of row that goes after its period: the table (as `t` in the condition), its key,
/// and which rows are past it.
struct Purge {
    table: &'static str,
    key: &'static str,
    condition: &'static str,
    args: Vec<Arg>,
}

fn purges(c: &Cutoffs) -> [Purge; 9] {
    [
        Purge {
            table: "sessions",
            key: "token_hash",
            condition: "t.expires_at <= $1",
            args: vec![Arg::Ts(c.now)],
        },
        Purge {
            table: "account_links",
            key: "token_hash",
            condition: "(t.expires_at <= $1 OR t.used_at IS NOT NULL)",
            args: vec![Arg::Ts(c.now)],
        },
        Purge {
            table: "api_tokens",
            key: "id",
            condition: "t.revoked_at IS NOT NULL",
            args: vec![],
        },
        Purge {
            table: "dossier_reads",
            key: "id",
            condition: "t.at < $1",
            args: vec![Arg::Ts(c.reads_before)],
        },
        Purge {
            table: "account_audit",
            key: "id",
            condition: "t.at < $1",
            args: vec![Arg::Ts(c.account_log_before)],
        },
        // A notice with a dedupe key may be one the rounds would write again once it is gone,
        // and so tell someone twice: a deadline notice while its complaint still has a
        // deadline running, the evaluation reminder until an evaluation is recorded after it,
        // January's annual report reminder during January. Those stay until they cannot come
        // back.
        Purge {
            table: "notifications",
            key: "id",
            condition: "t.created_at < $1 AND (t.dedupe IS NULL \
                 OR (t.kind = $2 AND t.created_at < $3) \
                 OR (t.kind = $4 AND EXISTS (SELECT 1 FROM evaluations e WHERE e.recorded_at > t.created_at)) \
                 OR (t.kind NOT IN ($2, $4) AND NOT EXISTS \
                     (SELECT 1 FROM complaints c WHERE c.id = t.complaint_id AND c.next_due IS NOT NULL)))",
            args: vec![
                Arg::Ts(c.notices_before),
                Arg::Text(ANNUAL_REPORT_DUE.to_owned()),
                Arg::Ts(c.annual_reminders_before),
                Arg::Text(EVALUATION_DUE.to_owned()),
            ],
        },
        // Not a letter (no letter event: `seq` is NULL), done with: sent, or failed for good.
        // Mail still waiting is never dropped. Written as in its partial index (migration 0014).
        Purge {
            table: "outbox",
            key: "id",
            condition: "t.seq IS NULL AND (t.sent_at IS NOT NULL OR t.failed_at IS NOT NULL) \
                 AND COALESCE(t.sent_at, t.failed_at) < $1",
            args: vec![Arg::Ts(c.mail_before)],
        },
        // A settled request of a data subject: its log first, then the request.
        Purge {
            table: "subject_request_log",
            key: "id",
            condition: "EXISTS (SELECT 1 FROM subject_requests r \
                 WHERE r.id = t.request_id AND r.completed_at < $1)",
            args: vec![Arg::Ts(c.requests_before)],
        },
        Purge {
            table: "subject_requests",
            key: "id",
            condition: "t.completed_at < $1",
            args: vec![Arg::Ts(c.requests_before)],
        },
    ]
}

impl Store {
    /// Removes (or with `dry_run` counts) what is past its period at `cutoffs`.
    pub async fn purge_past_periods(
        &self,
        cutoffs: &Cutoffs,
        dry_run: bool,
    ) -> Result<PurgedRows, StoreError> {
        let mut counts = [0_u64; 9];
        for (count, p) in counts.iter_mut().zip(purges(cutoffs)) {
            *count = if dry_run {
                self.count_past(p).await?
            } else {
                self.delete_past(p).await?
            };
        }
        let [
            sessions,
            account_links,
            api_tokens,
            reads,
            account_log,
            notices,
            mail,
            _request_log,
            requests,
        ] = counts;
        Ok(PurgedRows {
            sessions,
            account_links,
            api_tokens,
            reads,
            account_log,
            notices,
            mail,
            requests,
        })
    }

    /// The mail of a complaint that is not a letter (staff notices about it), sent before
    /// `mail_before`: id and reference, by which its outbox copy is named; `limit` at most,
    /// after id `after`.
    pub async fn notice_mail_past(
        &self,
        mail_before: jiff::Timestamp,
        after: i64,
        limit: u32,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT t.id, t.reference FROM outbox t \
             WHERE t.seq IS NULL AND (t.sent_at IS NOT NULL OR t.failed_at IS NOT NULL) \
             AND COALESCE(t.sent_at, t.failed_at) < $1 \
             AND t.sent_at IS NOT NULL AND t.reference IS NOT NULL AND t.id > $2 \
             ORDER BY t.id LIMIT $3",
        )
        .bind(super::Ts(mail_before))
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
            .collect()
    }

    async fn count_past(&self, p: Purge) -> Result<u64, StoreError> {
        let sql = format!("SELECT COUNT(*) FROM {} t WHERE {}", p.table, p.condition);
        let row = bind_all(sqlx::query(sqlx::AssertSqlSafe(sql)), p.args)
            .fetch_one(&self.read)
            .await?;
        Ok(u64::try_from(row.try_get::<i64, _>(0)?).unwrap_or(0))
    }

    async fn delete_past(&self, p: Purge) -> Result<u64, StoreError> {
        let limit = p.args.len() + 1;
        let sql = format!(
            "DELETE FROM {table} WHERE {key} IN \
             (SELECT t.{key} FROM {table} t WHERE {condition} LIMIT ${limit})",
            table = p.table,
            key = p.key,
            condition = p.condition,
        );
        let mut total = 0_u64;
        loop {
            let mut args = p.args.clone();
            args.push(Arg::Int(BATCH));
            let done = bind_all(sqlx::query(sqlx::AssertSqlSafe(sql.clone())), args)
                .execute(&self.write)
                .await?;
            let n = done.rows_affected();
            total += n;
            if n < u64::try_from(BATCH).unwrap_or(u64::MAX) {
                return Ok(total);
            }
        }
    }
}
