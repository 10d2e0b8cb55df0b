//! Mail waiting to go out, and the complainant's status links.
//!
//! A step that calls for a letter writes the letter event, the queued mail and any new status
//! link in one transaction ([`FollowUp`]); a background job then delivers the queue. Claiming
//! takes a lease, so several instances on one PostgreSQL database never send a message twice at
//! the same time, and a message whose sender died is picked up again when the lease ends.

use super::bulk::Insert;
use super::{Arg, Ts, Tx};
use crate::{Store, dialect};
use klacht_store::*;
use sqlx::Row;

use jiff::Timestamp;
use klacht_core::{Lang, Reference};

/// The follow-up rows of a batch of complaints (status links, mail, notices), gathered and then
/// written table by table.
#[derive(Default)]
pub(crate) struct FollowRows {
    revoke: Vec<(i64, Ts)>,
    links: Vec<[Arg; 3]>,
    mails: Vec<[Arg; 10]>,
    notices: Vec<[Arg; 6]>,
    /// The mail of each notice, sent only if the notice is new (its dedupe key was free).
    notice_mails: Vec<(Option<String>, [Arg; 10])>,
    reads: Vec<[Arg; 3]>,
}

/// The outbox row of one message.
fn mail_row(
    complaint_id: Option<i64>,
    seq: Option<i64>,
    reference: Option<&Reference>,
    m: &NewMail,
    now: Timestamp,
) -> [Arg; 10] {
    let id = |v: Option<i64>| v.map_or(Arg::NullInt, Arg::Int);
    let text = |v: Option<String>| v.map_or(Arg::Null, Arg::Text);
    [
        id(complaint_id),
        id(seq),
        text(reference.map(|r| r.to_string())),
        Arg::Text(m.to.clone()),
        text(m.to_name.clone()),
        Arg::Text(m.subject.clone()),
        Arg::Text(m.body.clone()),
        Arg::Text(m.language.code().into()),
        Arg::Ts(now),
        Arg::Ts(now),
    ]
}

const OUTBOX_INSERT: &str = "INSERT INTO outbox (complaint_id, seq, reference, recipient, \
    recipient_name, subject, body, language, created_at, next_attempt_at)";

impl FollowRows {
    /// A step's follow-up. `first_seq` is the sequence number of the first event the call wrote
    /// (for [`NewMail::event`]).
    pub(crate) fn add(
        &mut self,
        complaint_id: i64,
        reference: &Reference,
        first_seq: i64,
        follow: &FollowUp,
        now: Timestamp,
    ) {
        if follow.revoke_status_links {
            self.revoke.push((complaint_id, Ts(now)));
        }
        for hash in &follow.status_links {
            self.links.push([
                Arg::Text(hash.clone()),
                Arg::Int(complaint_id),
                Arg::Ts(now),
            ]);
        }
        for m in &follow.mails {
            let seq = m
                .event
                .map(|i| first_seq + i64::try_from(i).unwrap_or(i64::MAX));
            self.mails
                .push(mail_row(Some(complaint_id), seq, Some(reference), m, now));
        }
        self.add_notices(Some(complaint_id), Some(reference), &follow.notices, now);
        if let Some(user) = follow.read_by {
            self.reads
                .push([Arg::Int(complaint_id), Arg::Int(user.0), Arg::Ts(now)]);
        }
    }

    pub(crate) fn add_notices(
        &mut self,
        complaint_id: Option<i64>,
        reference: Option<&Reference>,
        notices: &[NewNotice],
        now: Timestamp,
    ) {
        for n in notices {
            self.notices.push([
                Arg::Int(n.user.0),
                complaint_id.map_or(Arg::NullInt, Arg::Int),
                Arg::Text(n.kind.clone()),
                n.detail.clone().map_or(Arg::Null, Arg::Text),
                n.dedupe.clone().map_or(Arg::Null, Arg::Text),
                Arg::Ts(now),
            ]);
            if let Some(m) = &n.mail {
                self.notice_mails.push((
                    n.dedupe.clone(),
                    mail_row(complaint_id, None, reference, m, now),
                ));
            }
        }
    }

    pub(crate) fn add_mail(&mut self, m: &NewMail, now: Timestamp) {
        self.mails.push(mail_row(None, None, None, m, now));
    }

    /// Writes everything; returns how many notices were new.
    pub(crate) async fn run(self, tx: &mut Tx<'_>) -> Result<u64, StoreError> {
        for (complaint_id, at) in self.revoke {
            sqlx::query(
                "UPDATE status_links SET revoked_at = $1 WHERE complaint_id = $2 AND revoked_at IS NULL",
            )
            .bind(at)
            .bind(complaint_id)
            .execute(&mut **tx)
            .await?;
        }
        let mut links = Insert::new(
            "INSERT INTO status_links (token_hash, complaint_id, created_at)",
            3,
            "",
        );
        for row in self.links {
            links.push(row)?;
        }
        links.run(tx).await?;
        let mut notices = Insert::new(
            "INSERT INTO notifications (user_id, complaint_id, kind, detail, dedupe, created_at)",
            6,
            "ON CONFLICT DO NOTHING RETURNING dedupe",
        );
        for row in self.notices {
            notices.push(row)?;
        }
        let new = notices.run(tx).await?;
        // A notice with a dedupe key that was taken is not new, and neither is its mail.
        let mut fresh = std::collections::HashSet::new();
        for row in &new {
            if let Some(d) = row.try_get::<Option<String>, _>(0)? {
                fresh.insert(d);
            }
        }
        let mut mails = Insert::new(OUTBOX_INSERT, 10, "");
        for row in self.mails {
            mails.push(row)?;
        }
        for (dedupe, row) in self.notice_mails {
            if dedupe.is_none_or(|d| fresh.remove(&d)) {
                mails.push(row)?;
            }
        }
        mails.run(tx).await?;
        let mut reads = Insert::new(
            "INSERT INTO dossier_reads (complaint_id, user_id, at)",
            3,
            "",
        );
        for row in self.reads {
            reads.push(row)?;
        }
        reads.run(tx).await?;
        Ok(u64::try_from(new.len()).unwrap_or(u64::MAX))
    }
}

impl Store {
    /// Claims up to `limit` messages that are due, for `lease` (nobody else sends them
    /// meanwhile). Each claim counts as an attempt.
    pub async fn claim_mail(
        &self,
        now: Timestamp,
        lease: jiff::SignedDuration,
        limit: u32,
    ) -> Result<Vec<QueuedMail>, StoreError> {
        let until = now
            .checked_add(lease)
            .map_err(|e| StoreError::Corrupt(format!("lease: {e}")))?;
        // The messages due first, chosen once (a MATERIALIZED CTE: as a subquery of the UPDATE,
        // PostgreSQL may run it again per row, and its LIMIT then no longer holds), in the
        // order their index (`outbox_due`) gives them without sorting: with a backlog (a mail
        // server away for a day) every round would otherwise sort all of it. On PostgreSQL
        // the choice skips rows another instance has locked (claiming or recording them)
        // instead of waiting for them: two instances waiting on each other's rows deadlocked.
        // The conditions are repeated in the UPDATE: PostgreSQL re-checks them on a row another
        // instance updated meanwhile, so two instances cannot claim the same message. SQLite
        // has one writer at a time and no row locks.
        let skip_locked = dialect::FOR_UPDATE_SKIP_LOCKED;
        let sql = format!(
            "WITH due AS MATERIALIZED (SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL \
                 AND next_attempt_at <= $2 AND (lease_until IS NULL OR lease_until <= $2) \
                 ORDER BY next_attempt_at, id LIMIT $3{skip_locked}) \
             UPDATE outbox SET lease_until = $1, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM due) \
             AND sent_at IS NULL AND failed_at IS NULL AND (lease_until IS NULL OR lease_until <= $2) \
             RETURNING id, complaint_id, seq, reference, recipient, recipient_name, subject, body, language, attempts"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(Ts(until))
            .bind(Ts(now))
            .bind(i64::from(limit))
            .fetch_all(&self.write)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let attempts: i64 = r.try_get(9)?;
            out.push(QueuedMail {
                id: r.try_get(0)?,
                complaint_id: r.try_get(1)?,
                seq: r.try_get(2)?,
                reference: r.try_get(3)?,
                to: r.try_get::<Option<String>, _>(4)?.unwrap_or_default(),
                to_name: r.try_get(5)?,
                subject: r.try_get::<Option<String>, _>(6)?.unwrap_or_default(),
                body: r.try_get::<Option<String>, _>(7)?.unwrap_or_default(),
                language: match r.try_get::<String, _>(8)?.as_str() {
                    "en" => Lang::En,
                    _ => Lang::Nl,
                },
                attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
            });
        }
        out.sort_by_key(|m| m.id);
        Ok(out)
    }

    /// Gives back claims that were not tried (a sender that stops): due again at once, and the
    /// claim no longer counts as an attempt.
    pub async fn release_mail(&self, ids: &[i64]) -> Result<(), StoreError> {
        // One transaction, one commit, however many were given back.
        let mut tx = self.write.begin().await?;
        for id in ids {
            sqlx::query(
                "UPDATE outbox SET lease_until = NULL, attempts = attempts - 1 \
                 WHERE id = $1 AND sent_at IS NULL AND failed_at IS NULL AND attempts > 0",
            )
            .bind(*id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The message was delivered: its body goes (the dossier keeps the letter).
    pub async fn mail_sent(&self, id: i64, at: Timestamp) -> Result<(), StoreError> {
        self.record_mail(&[MailOutcome::Sent { id, at }]).await
    }

    /// The attempt failed: try again at `retry_at`, or (`None`) give up for good.
    pub async fn mail_failed(
        &self,
        id: i64,
        at: Timestamp,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        self.record_mail(&[MailOutcome::Failed {
            id,
            at,
            error: error.to_owned(),
            retry_at,
        }])
        .await
    }

    /// Records how the sends of a batch went, in one transaction.
    pub async fn record_mail(&self, outcomes: &[MailOutcome]) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        for o in outcomes {
            let q = match o {
                MailOutcome::Sent { id, at } => sqlx::query(
                    "UPDATE outbox SET sent_at = $1, lease_until = NULL, last_error = NULL, body = NULL \
                     WHERE id = $2",
                )
                .bind(Ts(*at))
                .bind(*id),
                MailOutcome::Failed {
                    id,
                    error,
                    retry_at: Some(next),
                    ..
                } => sqlx::query(
                    "UPDATE outbox SET lease_until = NULL, last_error = $1, next_attempt_at = $2 WHERE id = $3",
                )
                .bind(error.clone())
                .bind(Ts(*next))
                .bind(*id),
                MailOutcome::Failed {
                    id,
                    at,
                    error,
                    retry_at: None,
                } => sqlx::query(
                    "UPDATE outbox SET lease_until = NULL, last_error = $1, failed_at = $2 WHERE id = $3",
                )
                .bind(error.clone())
                .bind(Ts(*at))
                .bind(*id),
            };
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Makes every waiting message due now (at start-up: an operator who restarts after fixing
    /// the mail settings expects mail to flow, not a backoff). Leases stay: another instance may
    /// be sending right now. Returns how many messages wait.
    pub async fn retry_waiting_mail(&self, now: Timestamp) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1 WHERE sent_at IS NULL AND failed_at IS NULL",
        )
        .bind(Ts(now))
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected())
    }

    /// When the next queued message is due, if any (so the sender can sleep until then).
    pub async fn next_mail_due(&self) -> Result<Option<Timestamp>, StoreError> {
        let row = sqlx::query(
            "SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > next_attempt_at \
             THEN lease_until ELSE next_attempt_at END) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL",
        )
        .fetch_one(&self.read)
        .await?;
        Ok(row.try_get::<Option<Ts>, _>(0)?.map(|t| t.0))
    }

    /// The delivery of every letter of a complaint, by letter event.
    pub async fn mail_status(&self, complaint_id: i64) -> Result<Vec<MailStatus>, StoreError> {
        let rows = sqlx::query(
            "SELECT seq, attempts, sent_at, failed_at, next_attempt_at, last_error, bounced_at, \
             bounce_reason FROM outbox WHERE complaint_id = $1 AND seq IS NOT NULL ORDER BY seq",
        )
        .bind(complaint_id)
        .fetch_all(&self.read)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let sent_at = r.try_get::<Option<Ts>, _>(2)?.map(|t| t.0);
            let failed_at = r.try_get::<Option<Ts>, _>(3)?.map(|t| t.0);
            let attempts: i64 = r.try_get(1)?;
            out.push(MailStatus {
                seq: r.try_get(0)?,
                attempts: u32::try_from(attempts).unwrap_or(u32::MAX),
                next_attempt_at: if sent_at.is_none() && failed_at.is_none() {
                    Some(r.try_get::<Ts, _>(4)?.0)
                } else {
                    None
                },
                sent_at,
                failed_at,
                last_error: r.try_get(5)?,
                bounced_at: r.try_get::<Option<Ts>, _>(6)?.map(|t| t.0),
                bounce_reason: r.try_get(7)?,
            });
        }
        Ok(out)
    }

    /// The status link with this token hash, revoked or not.
    pub async fn status_link(&self, token_hash: &str) -> Result<Option<StatusLink>, StoreError> {
        let row = sqlx::query(
            "SELECT s.complaint_id, c.reference, s.created_at, s.revoked_at FROM status_links s \
             JOIN complaints c ON c.id = s.complaint_id WHERE s.token_hash = $1",
        )
        .bind(token_hash.to_owned())
        .fetch_optional(&self.read)
        .await?;
        let Some(r) = row else { return Ok(None) };
        let reference: String = r.try_get(1)?;
        Ok(Some(StatusLink {
            complaint_id: r.try_get(0)?,
            reference: Reference::parse(&reference)
                .ok_or_else(|| StoreError::Corrupt(format!("bad reference {reference}")))?,
            created_at: r.try_get::<Ts, _>(2)?.0,
            revoked_at: r.try_get::<Option<Ts>, _>(3)?.map(|t| t.0),
        }))
    }
}
