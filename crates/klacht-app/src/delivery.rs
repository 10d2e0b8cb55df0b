//! Delivery of the mail queue, a round at a time: letters and staff notices are queued in the
//! same transaction as the step that calls for them; a round claims a batch with a lease (so
//! that with several instances each message goes out once, and one whose sender died comes back
//! when its lease ends), sends each through the [`Mailer`] (the `.eml` outbox or SMTP) and
//! records the outcomes. A failed send is retried with growing pauses and never dropped; a
//! message that cannot be built or sent fails alone, with its reason on the dossier, and the
//! round goes on with the next. When and how often rounds run is the scheduler's business
//! (`klacht serve`).

use jiff::{SignedDuration, Timestamp};
use klacht_mail::{Address, Mail, MailError, Mailer};
use klacht_store::{MailOutcome, QueuedMail};
use klacht_store_any::Store;
use std::sync::Arc;

/// How long a claimed message is ours before another sender may take it.
const LEASE: SignedDuration = SignedDuration::from_mins(10);
/// Messages per round. Claiming and recording a round are one write transaction each, which on
/// SQLite share the one writer with the intake: a round of 500 held it long enough to raise
/// the intake's p99 (measured: 45-50 ms against 38 ms with 50).
pub const BATCH: u32 = 50;

/// The pause before attempt `attempts + 1`: one minute, doubling, at most six hours.
pub fn backoff(attempts: u32) -> SignedDuration {
    let minutes = 1i64 << attempts.saturating_sub(1).min(9);
    SignedDuration::from_mins(minutes.min(360))
}

/// Who letters come from and how their Message-IDs end.
#[derive(Clone)]
pub struct Sender {
    pub from: Address,
    pub domain: String,
    /// The key of the tags in Message-IDs: [`thread_key`] of the server's secret key.
    pub thread_key: [u8; 32],
    /// Letters of a complaint answer to `from` with the reference as a plus-address
    /// (`klachten+2026-0042@…`), for a mail server that delivers those to the same mailbox.
    pub reply_plus: bool,
}

impl std::fmt::Debug for Sender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sender")
            .field("from", &self.from)
            .field("domain", &self.domain)
            .field("thread_key", &"…")
            .field("reply_plus", &self.reply_plus)
            .finish()
    }
}

/// The key that tags the Message-IDs of letters (see [`klacht_mail::letter_of`]): a subkey of
/// the server's secret key for this purpose alone. Replies and bounces are tied to a letter
/// with the same key, so it must not change while letters may still be answered.
pub fn thread_key(secret: &klacht_store::SecretKey) -> [u8; 32] {
    secret.subkey("mail thread key v1")
}

/// Where a letter of complaint `reference` is answered: the sender's address, with the
/// reference as a plus-address where so configured. Staff notices have none.
fn reply_to(sender: &Sender, reference: Option<&str>) -> Option<Address> {
    let reference = reference?;
    let email = if sender.reply_plus {
        klacht_mail::reply_to_address(&sender.from.email, reference)
    } else {
        sender.from.email.clone()
    };
    Some(Address {
        name: sender.from.name.clone(),
        email,
    })
}

fn mail_of(m: &QueuedMail, sender: &Sender) -> Mail {
    Mail {
        from: sender.from.clone(),
        reply_to: reply_to(sender, m.reference.as_deref()),
        to: Address {
            name: m.to_name.clone(),
            email: m.to.clone(),
        },
        subject: m.subject.clone(),
        body: m.body.clone(),
        language: m.language.code().to_owned(),
        reference: m.reference.clone(),
        message_id: message_id(
            m.reference.as_deref(),
            m.id,
            &sender.domain,
            &sender.thread_key,
        ),
    }
}

/// The Message-ID of the queued message `id`, `klacht.{reference}.{id}.{tag}@{domain}` (see
/// [`klacht_mail::letter_message_id`]): stable across retries, so the same letter is
/// recognisably the same message (and its outbox copy is found again by its name), and
/// unguessable, so that only a real answer to a letter is threaded by it.
pub fn message_id(reference: Option<&str>, id: i64, domain: &str, thread_key: &[u8]) -> String {
    klacht_mail::letter_message_id(reference, id, domain, thread_key)
}

/// How Message-IDs end: the host of the public address (`localhost` without one).
pub fn mail_domain(public_url: &str) -> String {
    url::Url::parse(public_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_owned())
}

/// What a task that panicked or was cancelled said, for the log and the dossier.
pub fn panic_text(e: tokio::task::JoinError) -> String {
    if !e.is_panic() {
        return e.to_string();
    }
    let payload = e.into_panic();
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned());
    format!("panicked: {text}")
}

/// Sends one message; its outcome is recorded with the rest of its batch. Sent in a task of its
/// own, so that whatever goes wrong in building or sending it (even a panic in a library) is
/// this message's failure, not the delivery's.
async fn deliver_one(mailer: &Arc<Mailer>, sender: &Sender, m: &QueuedMail) -> MailOutcome {
    let mail = mail_of(m, sender);
    let sending = {
        let mailer = mailer.clone();
        tokio::spawn(async move { mailer.send(&mail).await })
    };
    let result = match sending.await {
        Ok(result) => result,
        Err(e) => {
            let why = panic_text(e);
            tracing::error!(id = m.id, error = %why, "building or sending a message panicked; it is marked failed");
            let at = Timestamp::now();
            return MailOutcome::Failed {
                id: m.id,
                at,
                error: format!("the message could not be built or sent: {why}"),
                retry_at: None,
            };
        }
    };
    let at = Timestamp::now();
    match result {
        Ok(sent) => {
            tracing::info!(id = m.id, reference = ?m.reference, detail = %sent.detail, "mail sent");
            MailOutcome::Sent { id: m.id, at }
        }
        Err(e) => {
            let retry_at = (!e.is_permanent()).then(|| {
                at.checked_add(backoff(m.attempts))
                    .unwrap_or(Timestamp::MAX)
            });
            log_failure(m, &e, retry_at);
            MailOutcome::Failed {
                id: m.id,
                at,
                error: e.to_string(),
                retry_at,
            }
        }
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

/// Makes the mail that waits for a later attempt due now, as after a restart: an instance that
/// just started tries everything waiting at once. Returns how many.
pub async fn retry_waiting(store: &Store) -> u64 {
    match store.retry_waiting_mail(Timestamp::now()).await {
        Ok(waiting) => waiting,
        Err(e) => {
            tracing::warn!(error = %e, "could not make waiting mail due; it goes at its time");
            0
        }
    }
}

/// One round: claims up to [`BATCH`] messages that are due, sends them until `stop` says to
/// stop (what was not tried is given back, so it goes at once after a restart), and records
/// the outcomes in one transaction. Returns how many were claimed: a full batch means more may
/// be waiting.
pub async fn round(
    store: &Store,
    mailer: &Arc<Mailer>,
    sender: &Sender,
    stop: impl Fn() -> bool,
) -> usize {
    let batch = match store.claim_mail(Timestamp::now(), LEASE, BATCH).await {
        Ok(b) => b,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the mail queue");
            return 0;
        }
    };
    let mut outcomes = Vec::with_capacity(batch.len());
    for (i, m) in batch.iter().enumerate() {
        if stop() {
            let ids: Vec<i64> = batch.iter().skip(i).map(|m| m.id).collect();
            if let Err(e) = store.release_mail(&ids).await {
                tracing::warn!(error = %e, "could not give back unsent mail; it waits for its lease");
            }
            break;
        }
        outcomes.push(deliver_one(mailer, sender, m).await);
    }
    if !outcomes.is_empty()
        && let Err(e) = store.record_mail(&outcomes).await
    {
        // Recorded in one transaction (one write, not one per message, so delivery does not
        // crowd out new complaints). If that fails the leases run out and the messages are
        // tried again: at worst a second copy, never none.
        tracing::error!(messages = outcomes.len(), error = %e, "could not record the outcome of sends");
    }
    batch.len()
}

/// When the next message is due, if any is waiting.
pub async fn next_due(store: &Store) -> Option<Timestamp> {
    store.next_mail_due().await.ok().flatten()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use klacht_core::procedure::{
        Complainant, Complaint, Ctx, Event, EventBody, LetterKind, LetterRecord, NewComplaint, Via,
        register,
    };
    use klacht_core::{Actor, Calendar, Channel, Lang, Personal, Role};
    use klacht_store::{FollowUp, NewMail, NewRecord, NewUser};

    /// A message queued before names were checked (a line break in the recipient's name) cannot
    /// be built: it fails for good with its reason on the dossier, and the round goes on with
    /// the next message.
    #[tokio::test]
    async fn a_message_that_cannot_be_built_fails_alone_with_its_reason_and_the_round_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&format!("sqlite://{}", dir.path().join("k.db").display()))
            .await
            .unwrap();
        let source = klacht_core::profile::builtin_source("template").unwrap();
        let profile = klacht_core::profile::parse(source).unwrap();
        let now: Timestamp = "2026-05-01T10:00:00+02:00".parse().unwrap();
        let profile_id = store.register_profile(&profile, source, now).await.unwrap();
        store
            .create_user(
                &NewUser {
                    email: "c@x.nl".into(),
                    name: "Carla".into(),
                    roles: [Role::Coordinator].into_iter().collect(),
                    password_hash: None,
                },
                now,
            )
            .await
            .unwrap();
        let org = store.org().await.unwrap();
        let calendar = Calendar::new(&profile.calendar);
        let ctx = Ctx {
            profile: &profile,
            calendar: &calendar,
            org: &org,
            now,
        };
        let new = NewComplaint {
            channel: Channel::Web,
            received_at: now,
            received_by: None,
            received_where: None,
            concerns: None,
            relation: None,
            complainant: Complainant {
                name: "Els Goed".into(),
                email: Some("good@example.nl".into()),
                ..Complainant::default()
            },
            on_behalf_of: None,
            description: "Niets gehoord.".into(),
            language: Lang::Nl,
            resolved_directly: None,
            documents: Vec::new(),
        };
        let events = register(&ctx, None, new).unwrap();
        let state = Complaint::replay(&events).unwrap();
        let mail = |event: Option<usize>, to: &str, name: &str| NewMail {
            event,
            to: to.into(),
            to_name: Some(name.into()),
            subject: "Uw klacht".into(),
            body: "Beste klager,".into(),
            language: Lang::Nl,
        };
        let letter = Event {
            at: now,
            actor: Actor::System,
            body: EventBody::Letter(Box::new(LetterRecord {
                letter: LetterKind::Acknowledgement,
                via: Via::Email,
                to: Personal::new("bad@example.nl".into()),
                subject: Personal::new("Uw klacht".into()),
                body: Personal::new("Beste klager,".into()),
                language: Lang::Nl,
            })),
        };
        // The letter to the complainant (after the complaint's own events) cannot be built; a
        // notice to staff after it can.
        let follow = FollowUp {
            events: vec![letter],
            mails: vec![
                mail(
                    Some(events.len()),
                    "bad@example.nl",
                    "Jan\r\nBcc: iemand@example.org",
                ),
                mail(None, "good@example.nl", "Els Goed"),
            ],
            ..FollowUp::default()
        };
        let (id, _) = store
            .create_complaint_with(
                NewRecord {
                    profile_id,
                    events,
                    state,
                },
                move |_, _| Ok(follow.clone()),
            )
            .await
            .unwrap();
        let outbox = dir.path().join("outbox");
        let mailer = Arc::new(Mailer::from_config(None, outbox.clone()).unwrap());
        let sender = Sender {
            from: Address::new("Stichting Voorbeeld", "klachten@voorbeeld.nl"),
            domain: "klacht.test".into(),
            thread_key: [3; 32],
            reply_plus: false,
        };
        assert_eq!(round(&store, &mailer, &sender, || false).await, 2);
        let files: Vec<_> = std::fs::read_dir(&outbox)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        assert!(
            std::fs::read_to_string(&files[0])
                .unwrap()
                .contains("good@example.nl")
        );
        let status = store.mail_status(id).await.unwrap();
        assert_eq!(status.len(), 1);
        assert!(status[0].failed_at.is_some(), "failed for good: {status:?}");
        assert_eq!(status[0].next_attempt_at, None);
        let error = status[0].last_error.clone().unwrap_or_default();
        assert!(
            error.contains("contains a line break or another control character"),
            "{error}"
        );
        // Nothing more is due: the failed one is not tried again.
        assert_eq!(round(&store, &mailer, &sender, || false).await, 0);
    }

    #[test]
    fn a_letters_message_id_is_tied_to_the_servers_key() {
        let secret = klacht_store::SecretKey::from_bytes([9; 32]);
        let key = thread_key(&secret);
        let id = message_id(Some("2026-0042"), 17, "klachten.voorbeeld.nl", &key);
        assert!(id.starts_with("klacht.2026-0042.17."), "{id}");
        assert!(id.ends_with("@klachten.voorbeeld.nl"), "{id}");
        assert_eq!(
            klacht_mail::letter_of(&id, &key),
            Some(klacht_mail::LetterKey {
                reference: "2026-0042".into(),
                id: 17
            })
        );
        let other = thread_key(&klacht_store::SecretKey::from_bytes([8; 32]));
        assert_eq!(klacht_mail::letter_of(&id, &other), None);
        // The subkey, not the secret key itself, tags the letters.
        assert_eq!(klacht_mail::letter_of(&id, &[9; 32]), None);
    }

    #[test]
    fn retries_wait_longer_each_time_up_to_six_hours() {
        let mins: Vec<i64> = (1..=12).map(|a| backoff(a).as_mins()).collect();
        assert_eq!(mins, [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360, 360]);
    }
}
