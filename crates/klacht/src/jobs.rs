//! Background jobs of `klacht serve`.
//!
//! Delivery of the mail queue: letters are queued in the same transaction as the step that
//! calls for them; this job sends them through the [`Mailer`] (the `.eml` outbox or SMTP). A
//! failed send is retried with growing pauses and is never dropped, also not across a restart:
//! the queue is in the database, and a message whose sender died comes back when its lease ends.
//! With several instances on one PostgreSQL database, the lease makes each message go out once.

use jiff::{SignedDuration, Timestamp};
use klacht_mail::{Address, Mail, MailError, Mailer};
use klacht_store::{QueuedMail, Store};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, watch};

/// How long a claimed message is ours before another sender may take it.
const LEASE: SignedDuration = SignedDuration::from_mins(10);
/// Messages per round.
const BATCH: u32 = 20;
/// The longest pause between rounds, also when nothing seems due (another instance may queue).
const IDLE: Duration = Duration::from_secs(30);

/// The pause before attempt `attempts + 1`: one minute, doubling, at most six hours.
pub fn backoff(attempts: u32) -> SignedDuration {
    let minutes = 1i64 << attempts.saturating_sub(1).min(9);
    SignedDuration::from_mins(minutes.min(360))
}

/// Who letters come from and how their Message-IDs end.
#[derive(Debug, Clone)]
pub struct Sender {
    pub from: Address,
    pub domain: String,
}

fn mail_of(m: &QueuedMail, sender: &Sender) -> Mail {
    Mail {
        from: sender.from.clone(),
        reply_to: None,
        to: Address {
            name: m.to_name.clone(),
            email: m.to.clone(),
        },
        subject: m.subject.clone(),
        body: m.body.clone(),
        language: m.language.code().to_owned(),
        reference: m.reference.clone(),
        // Stable across retries: the same letter is recognisably the same message.
        message_id: format!(
            "klacht.{}.{}@{}",
            m.reference.as_deref().unwrap_or("mail"),
            m.id,
            sender.domain
        ),
    }
}

async fn deliver_one(store: &Store, mailer: &Mailer, sender: &Sender, m: &QueuedMail) {
    let result = mailer.send(&mail_of(m, sender)).await;
    let now = Timestamp::now();
    let recorded = match result {
        Ok(sent) => {
            tracing::info!(id = m.id, reference = ?m.reference, detail = %sent.detail, "mail sent");
            store.mail_sent(m.id, now).await
        }
        Err(e) => {
            let retry = (!e.is_permanent()).then(|| {
                now.checked_add(backoff(m.attempts))
                    .unwrap_or(Timestamp::MAX)
            });
            log_failure(m, &e, retry);
            store.mail_failed(m.id, now, &e.to_string(), retry).await
        }
    };
    if let Err(e) = recorded {
        // The lease runs out and the message is tried again: at worst a second copy, never none.
        tracing::error!(id = m.id, error = %e, "could not record the outcome of a send");
    }
}

fn log_failure(m: &QueuedMail, e: &MailError, retry: Option<Timestamp>) {
    match retry {
        Some(at) => {
            tracing::warn!(id = m.id, attempts = m.attempts, error = %e, retry_at = %at, "mail not sent; will retry")
        }
        None => {
            tracing::error!(id = m.id, error = %e, "mail refused for good; the dossier shows it as not sent")
        }
    }
}

/// Runs until `stop` turns true; finishes the message in hand first.
pub async fn deliver_mail(
    store: Store,
    mailer: Arc<Mailer>,
    sender: Sender,
    wake: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
) {
    tracing::info!(mailer = %mailer.describe(), "mail delivery started");
    loop {
        if *stop.borrow() {
            break;
        }
        let batch = match store.claim_mail(Timestamp::now(), LEASE, BATCH).await {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the mail queue");
                Vec::new()
            }
        };
        for (i, m) in batch.iter().enumerate() {
            if *stop.borrow() {
                // Give back what was not tried, so it goes at once after a restart.
                let ids: Vec<i64> = batch[i..].iter().map(|m| m.id).collect();
                if let Err(e) = store.release_mail(&ids).await {
                    tracing::warn!(error = %e, "could not give back unsent mail; it waits for its lease");
                }
                break;
            }
            deliver_one(&store, &mailer, &sender, m).await;
        }
        if batch.len() == usize::try_from(BATCH).unwrap_or(usize::MAX) {
            continue;
        }
        let pause = match store.next_mail_due().await {
            Ok(Some(at)) => Timestamp::now()
                .duration_until(at)
                .try_into()
                .unwrap_or(Duration::ZERO)
                .min(IDLE),
            _ => IDLE,
        };
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(pause) => {}
            _ = stop.changed() => {}
        }
    }
    tracing::info!("mail delivery stopped");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_six_hours() {
        let mins: Vec<i64> = (1..=12).map(|a| backoff(a).as_mins()).collect();
        assert_eq!(mins, [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360, 360]);
    }
}
