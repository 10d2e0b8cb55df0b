//! The mail queue and the complainant's status links, on both backends: what a step promises is
//! stored with it, delivered once, retried when it fails, and never lost.

use crate::support::fixtures::{World, new_complaint, ts};
use crate::support::{P, TestDb};
use jiff::{SignedDuration, Timestamp};
use klacht_core::procedure::{Event, EventBody};
use klacht_core::{Actor, Channel, Lang};
use klacht_store::traits::*;
use klacht_store::{FollowUp, MailOutcome, NewMail, StoreError};
use std::collections::BTreeSet;
use std::sync::Arc;

contract!(
    t05_a_letter_is_queued_with_its_complaint_and_sent_once,
    a_failed_send_is_retried_later_and_a_refused_one_given_up,
    t05_mail_is_claimed_in_the_order_it_is_due_so_a_retry_does_not_hold_up_newer_mail,
    two_senders_never_claim_the_same_message,
    senders_claiming_and_recording_at_once_do_not_block_each_other,
    a_follow_up_that_fails_stores_nothing,
    status_links_are_found_by_hash_and_revoked_with_a_step,
    concurrent_complaints_are_committed_each_with_its_own_follow_up,
    one_failing_follow_up_among_concurrent_complaints_fails_only_that_one,
);

fn letter_event(at: Timestamp, subject: &str) -> Event {
    Event {
        at,
        actor: Actor::System,
        body: EventBody::Letter(Box::new(klacht_core::procedure::LetterRecord {
            letter: klacht_core::procedure::LetterKind::Acknowledgement,
            via: klacht_core::procedure::Via::Email,
            to: klacht_core::Personal::new("jan@example.nl".into()),
            subject: klacht_core::Personal::new(subject.into()),
            body: klacht_core::Personal::new("Beste Jan, …".into()),
            language: Lang::Nl,
        })),
    }
}

fn mail(event: Option<usize>, to: &str) -> NewMail {
    NewMail {
        event,
        to: to.into(),
        to_name: Some("Jan Klager".into()),
        subject: "Ontvangstbevestiging".into(),
        body: "Beste Jan,\n\nWij hebben uw klacht ontvangen.\n".into(),
        language: Lang::Nl,
    }
}

async fn count(db: &TestDb, sql: &str, params: &[P]) -> i64 {
    use sqlx::Row;
    db.fetch(sql, params).await[0].try_get::<i64, _>(0).unwrap()
}

/// Creates a complaint whose follow-up is one letter event and its mail.
pub(crate) async fn with_letter(w: &World, at: Timestamp, to: &str) -> (i64, String) {
    let rec = w.record(
        None,
        new_complaint(Channel::Web, at, "Jan Klager", "Niet geholpen."),
        at,
    );
    let own = rec.events.len();
    let to = to.to_owned();
    let (id, reference) = w
        .store
        .create_complaint_with(rec, move |reference, _| {
            Ok(FollowUp {
                events: vec![letter_event(at, &format!("Bevestiging {reference}"))],
                mails: vec![mail(Some(own), &to)],
                ..FollowUp::default()
            })
        })
        .await
        .expect("created with its letter");
    (id, reference.to_string())
}

const LEASE: SignedDuration = SignedDuration::from_secs(300);

async fn t05_a_letter_is_queued_with_its_complaint_and_sent_once(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2025-12-23T10:00:00Z");
    let (id, reference) = with_letter(&w, at, "jan@example.nl").await;
    // The letter is on the dossier, after the complaint's own events, naming the reference.
    let dossier = db
        .store
        .load(&klacht_core::Reference::parse(&reference).unwrap())
        .await
        .unwrap()
        .unwrap();
    let last = dossier.events.last().unwrap();
    let EventBody::Letter(l) = &last.event.body else {
        panic!("the last event is the letter: {:?}", last.event.body)
    };
    assert_eq!(
        l.subject.get().unwrap(),
        &format!("Bevestiging {reference}")
    );
    assert_eq!(dossier.state.letters, 1);
    assert_eq!(
        dossier.state.version,
        u64::try_from(dossier.events.len()).unwrap()
    );
    assert_eq!(
        db.store.verify_chain(&dossier.reference).await.unwrap(),
        None
    );

    // Not sent yet: the dossier says so.
    let status = db.store.mail_status(id).await.unwrap();
    assert_eq!(status.len(), 1);
    assert_eq!(status[0].seq, last.seq);
    assert_eq!((status[0].sent_at, status[0].attempts), (None, 0));

    let claimed = db.store.claim_mail(at, LEASE, 10).await.unwrap();
    assert_eq!(claimed.len(), 1);
    let m = &claimed[0];
    assert_eq!(
        (m.to.as_str(), m.reference.as_deref(), m.seq, m.attempts),
        (
            "jan@example.nl",
            Some(reference.as_str()),
            Some(last.seq),
            1
        )
    );
    assert_eq!(m.body, "Beste Jan,\n\nWij hebben uw klacht ontvangen.\n");
    // Leased: nobody else takes it meanwhile, not even after a minute.
    let later = at.checked_add(SignedDuration::from_secs(60)).unwrap();
    assert!(
        db.store
            .claim_mail(later, LEASE, 10)
            .await
            .unwrap()
            .is_empty()
    );
    db.store.mail_sent(m.id, later).await.unwrap();
    let status = db.store.mail_status(id).await.unwrap();
    assert_eq!(status[0].sent_at, Some(later));
    assert_eq!(status[0].next_attempt_at, None);
    // Delivered: never again, and the queue's copy of the text is gone.
    let much_later = at.checked_add(SignedDuration::from_hours(5)).unwrap();
    assert!(
        db.store
            .claim_mail(much_later, LEASE, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM outbox WHERE body IS NOT NULL",
            &[]
        )
        .await,
        0
    );
    assert_eq!(db.store.next_mail_due().await.unwrap(), None);
}

async fn t05_mail_is_claimed_in_the_order_it_is_due_so_a_retry_does_not_hold_up_newer_mail(
    db: TestDb,
) {
    let w = World::new(&db.store).await;
    let at = ts("2026-03-02T10:00:00Z");
    with_letter(&w, at, "eerste@example.nl").await;
    // The first message fails; it is tried again in an hour.
    let first = db.store.claim_mail(at, LEASE, 1).await.unwrap().remove(0);
    assert_eq!(first.to, "eerste@example.nl");
    let retry = at.checked_add(SignedDuration::from_hours(1)).unwrap();
    db.store
        .mail_failed(first.id, at, "SMTP server away", Some(retry))
        .await
        .unwrap();
    // Later messages, due at once.
    let later = at.checked_add(SignedDuration::from_mins(30)).unwrap();
    with_letter(&w, later, "tweede@example.nl").await;
    with_letter(&w, later, "derde@example.nl").await;
    // Two hours on, everything is due: a round of two takes the two due first, the next round
    // the retry.
    let when = at.checked_add(SignedDuration::from_hours(2)).unwrap();
    let db = &db;
    let claim = |limit| async move {
        let mut to: Vec<String> = db
            .store
            .claim_mail(when, LEASE, limit)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.to)
            .collect();
        to.sort();
        to
    };
    assert_eq!(claim(2).await, ["derde@example.nl", "tweede@example.nl"]);
    assert_eq!(claim(2).await, ["eerste@example.nl"]);
}

async fn a_failed_send_is_retried_later_and_a_refused_one_given_up(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-03-02T10:00:00Z");
    let (id, _) = with_letter(&w, at, "jan@example.nl").await;
    let m = db.store.claim_mail(at, LEASE, 10).await.unwrap().remove(0);
    let retry = at.checked_add(SignedDuration::from_mins(2)).unwrap();
    db.store
        .mail_failed(m.id, at, "SMTP server refused the connection", Some(retry))
        .await
        .unwrap();
    let s = &db.store.mail_status(id).await.unwrap()[0];
    assert_eq!(s.sent_at, None);
    assert_eq!(s.next_attempt_at, Some(retry));
    assert_eq!(
        s.last_error.as_deref(),
        Some("SMTP server refused the connection")
    );
    assert_eq!(db.store.next_mail_due().await.unwrap(), Some(retry));
    // Not before its time.
    let early = at.checked_add(SignedDuration::from_mins(1)).unwrap();
    assert!(
        db.store
            .claim_mail(early, LEASE, 10)
            .await
            .unwrap()
            .is_empty()
    );
    // A restart makes it due at once.
    assert_eq!(db.store.retry_waiting_mail(early).await.unwrap(), 1);
    assert_eq!(db.store.next_mail_due().await.unwrap(), Some(early));
    let again = db.store.claim_mail(retry, LEASE, 10).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].attempts, 2);
    // A sender that stops gives back what it did not try: due again, the attempt not counted.
    db.store.release_mail(&[again[0].id]).await.unwrap();
    let held = db.store.claim_mail(retry, LEASE, 10).await.unwrap();
    assert_eq!(held.len(), 1, "given back: claimable at once");
    assert_eq!(
        held[0].attempts, 2,
        "the given-back claim was not an attempt"
    );
    // A sender that dies holding the lease: the message comes back when the lease ends.
    let after_lease = retry.checked_add(LEASE).unwrap();
    let third = db.store.claim_mail(after_lease, LEASE, 10).await.unwrap();
    assert_eq!(third.len(), 1, "an expired lease frees the message");
    assert_eq!(third[0].attempts, 3);
    db.store
        .mail_failed(third[0].id, after_lease, "550 no such user", None)
        .await
        .unwrap();
    let s = &db.store.mail_status(id).await.unwrap()[0];
    assert_eq!(s.failed_at, Some(after_lease));
    assert_eq!(s.next_attempt_at, None);
    let far = after_lease
        .checked_add(SignedDuration::from_hours(48))
        .unwrap();
    assert!(
        db.store
            .claim_mail(far, LEASE, 10)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn two_senders_never_claim_the_same_message(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-03-02T10:00:00Z");
    for i in 0..30 {
        with_letter(&w, at, &format!("klager{i}@example.nl")).await;
    }
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let store = db.store.clone();
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let got = store.claim_mail(at, LEASE, 3).await.unwrap();
                if got.is_empty() {
                    return mine;
                }
                mine.extend(got.into_iter().map(|m| m.id));
            }
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let unique: BTreeSet<i64> = all.iter().copied().collect();
    assert_eq!(all.len(), 30, "every message claimed exactly once: {all:?}");
    assert_eq!(unique.len(), 30);
}

/// Four senders claiming and recording at once (as two instances with their mail jobs do) never
/// fail on each other's locks, and every message is sent once.
async fn senders_claiming_and_recording_at_once_do_not_block_each_other(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-03-02T10:00:00Z");
    for i in 0..80 {
        with_letter(&w, at, &format!("klager{i}@example.nl")).await;
    }
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let store = db.store.clone();
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let got = store
                    .claim_mail(at, LEASE, 3)
                    .await
                    .expect("claiming does not fail on another sender's locks");
                if got.is_empty() {
                    return mine;
                }
                let outcomes: Vec<MailOutcome> = got
                    .iter()
                    .rev()
                    .map(|m| MailOutcome::Sent { id: m.id, at })
                    .collect();
                store
                    .record_mail(&outcomes)
                    .await
                    .expect("recording does not fail on another sender's locks");
                mine.extend(got.into_iter().map(|m| m.id));
            }
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let unique: BTreeSet<i64> = all.iter().copied().collect();
    assert_eq!(all.len(), 80, "every message claimed exactly once");
    assert_eq!(unique.len(), 80);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL",
            &[]
        )
        .await,
        0
    );
}

async fn a_follow_up_that_fails_stores_nothing(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-03-02T10:00:00Z");
    let rec = w.record(
        None,
        new_complaint(Channel::Web, at, "Jan Klager", "Niet geholpen."),
        at,
    );
    let err = db
        .store
        .create_complaint_with(rec, |_, _| {
            Err(StoreError::Corrupt("the letter does not render".into()))
        })
        .await
        .expect_err("the follow-up failed");
    assert!(matches!(err, StoreError::Corrupt(_)));
    for table in [
        "complaints",
        "events",
        "outbox",
        "status_links",
        "reference_counters",
    ] {
        assert_eq!(
            count(&db, &format!("SELECT COUNT(*) FROM {table}"), &[]).await,
            0,
            "{table}"
        );
    }
}

async fn status_links_are_found_by_hash_and_revoked_with_a_step(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-03-02T10:00:00Z");
    let rec = w.record(
        None,
        new_complaint(Channel::Web, at, "Jan Klager", "Niet geholpen."),
        at,
    );
    let (id, reference) = db
        .store
        .create_complaint_with(rec, |_, _| {
            Ok(FollowUp {
                status_links: vec!["a".repeat(64), "b".repeat(64)],
                ..FollowUp::default()
            })
        })
        .await
        .unwrap();
    let link = db
        .store
        .status_link(&"a".repeat(64))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((link.complaint_id, &link.reference), (id, &reference));
    assert_eq!((link.created_at, link.revoked_at), (at, None));
    assert_eq!(db.store.status_link(&"c".repeat(64)).await.unwrap(), None);
    // Revoking comes with its event, in one transaction.
    let dossier = db.store.load(&reference).await.unwrap().unwrap();
    let later = at.checked_add(SignedDuration::from_hours(1)).unwrap();
    let revoked = Event {
        at: later,
        actor: Actor::System,
        body: EventBody::StatusLinksRevoked { reason: None },
    };
    let mut next = dossier.state.clone();
    next.apply(&revoked);
    db.store
        .append_with(
            id,
            dossier.state.version,
            &[revoked],
            &next,
            &FollowUp {
                revoke_status_links: true,
                ..FollowUp::default()
            },
        )
        .await
        .unwrap();
    for h in ["a", "b"] {
        let l = db.store.status_link(&h.repeat(64)).await.unwrap().unwrap();
        assert_eq!(l.revoked_at, Some(later), "link {h}");
    }
}

/// Starts `n` complaints at once (they are committed in groups); `fails` names the one whose
/// follow-up cannot be made. Each follow-up is a letter naming the complaint's reference, mailed
/// to an address of its own.
async fn at_once(
    w: &World,
    n: usize,
    fails: Option<usize>,
) -> Vec<Result<(i64, klacht_core::Reference), StoreError>> {
    let at = ts("2026-03-02T10:00:00Z");
    let barrier = Arc::new(tokio::sync::Barrier::new(n));
    let mut tasks = Vec::new();
    for i in 0..n {
        let rec = w.record(
            None,
            new_complaint(Channel::Web, at, &format!("Klager {i}"), "Tegelijk."),
            at,
        );
        let own = rec.events.len();
        let store = w.store.clone();
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            store
                .create_complaint_with(rec, move |reference, _| {
                    if fails == Some(i) {
                        return Err(StoreError::Corrupt("the letter does not render".into()));
                    }
                    Ok(FollowUp {
                        events: vec![letter_event(at, &format!("Bevestiging {reference}"))],
                        mails: vec![mail(Some(own), &format!("klager{i}@example.nl"))],
                        ..FollowUp::default()
                    })
                })
                .await
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.expect("task"));
    }
    out
}

async fn concurrent_complaints_are_committed_each_with_its_own_follow_up(db: TestDb) {
    let w = World::new(&db.store).await;
    let n = 150;
    let made: Vec<_> = at_once(&w, n, None)
        .await
        .into_iter()
        .map(|r| r.expect("stored"))
        .collect();
    let numbers: BTreeSet<u32> = made.iter().map(|(_, r)| r.number()).collect();
    assert_eq!(numbers, (1..=150).collect(), "one reference each, no gaps");
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM complaints", &[]).await,
        150
    );
    // Every letter and its mail belong to the complaint they were made for.
    for (id, reference) in &made {
        let d = db.store.load(reference).await.unwrap().unwrap();
        assert_eq!(d.id, *id);
        let subject = d.events.iter().find_map(|e| match &e.event.body {
            EventBody::Letter(l) => l.subject.get().cloned(),
            _ => None,
        });
        assert_eq!(subject, Some(format!("Bevestiging {reference}")));
        let rows = db
            .fetch(
                "SELECT reference, seq FROM outbox WHERE complaint_id = $1",
                &[P::I(*id)],
            )
            .await;
        assert_eq!(rows.len(), 1, "{reference}: one mail");
        let r: String = sqlx::Row::try_get(&rows[0], 0).unwrap();
        assert_eq!(r, reference.to_string());
    }
}

async fn one_failing_follow_up_among_concurrent_complaints_fails_only_that_one(db: TestDb) {
    let w = World::new(&db.store).await;
    let out = at_once(&w, 40, Some(13)).await;
    for (i, r) in out.iter().enumerate() {
        match (i, r) {
            (13, Err(StoreError::Corrupt(_))) => {}
            (13, other) => panic!("the failing one: {other:?}"),
            (_, Err(e)) => panic!("complaint {i} failed with the other: {e}"),
            (_, Ok(_)) => {}
        }
    }
    let numbers: BTreeSet<u32> = out
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|(_, r)| r.number())
        .collect();
    assert_eq!(numbers, (1..=39).collect(), "the failed one took no number");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM complaints", &[]).await, 39);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM outbox", &[]).await, 39);
}
