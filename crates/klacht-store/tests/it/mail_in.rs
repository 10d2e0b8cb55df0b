//! Mail in (issue 17), on both backends: each message is taken once, also when two instances
//! or two imports take it at the same time; the tray is dealt with once; a bounce marks its
//! letter; what is not a complaint is deleted when its time is up.

use crate::outbox::with_letter;
use crate::support::TestDb;
use crate::support::fixtures::{World, ts};
use jiff::{SignedDuration, Timestamp};
use klacht_store::traits::*;
use klacht_store::{MailInState, NewMailIn, Settle, Taken};
use std::sync::Arc;

contract!(
    t02_a_message_is_taken_once_also_by_two_instances_at_once,
    t12_a_message_in_the_tray_is_dealt_with_once_and_one_not_a_complaint_is_deleted_in_time,
    t12_a_bounce_marks_the_letter_it_names_as_come_back,
);

fn message(key: &str, state: MailInState) -> NewMailIn {
    NewMailIn {
        source: "imap://klachten@mail.example.org/INBOX".into(),
        source_key: key.into(),
        message_id: Some(format!("{key}@example.nl")),
        arrived_at: ts("2026-05-04T08:15:00Z"),
        sender: Some("jan@example.nl".into()),
        sender_name: Some("Jan Klager".into()),
        subject: Some("Klacht over de gastheer".into()),
        kind: "normal".into(),
        problem: None,
        raw: b"From: jan@example.nl\r\nSubject: Klacht over de gastheer\r\n\r\nHallo.\r\n".to_vec(),
        truncated: false,
        state,
        delete_after: None,
    }
}

async fn t02_a_message_is_taken_once_also_by_two_instances_at_once(db: TestDb) {
    let now = ts("2026-05-04T08:16:00Z");
    let store = Arc::new(db.store.clone());
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .take_mail(&message("7:42", MailInState::Tray), now)
                .await
                .unwrap()
        }));
    }
    let mut new = 0;
    let mut ids = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            Taken::New(id) => {
                new += 1;
                ids.push(id);
            }
            Taken::Before(id) => ids.push(id),
        }
    }
    assert_eq!(new, 1, "taken exactly once");
    ids.dedup();
    assert_eq!(ids.len(), 1, "every instance names the same message");

    // The same UID under another UIDVALIDITY is another message; the same key from another
    // mailbox too.
    assert!(matches!(
        db.store
            .take_mail(&message("8:42", MailInState::Tray), now)
            .await
            .unwrap(),
        Taken::New(_)
    ));
    let mut other = message("7:42", MailInState::Tray);
    other.source = "import".into();
    assert!(matches!(
        db.store.take_mail(&other, now).await.unwrap(),
        Taken::New(_)
    ));
    let tray = db.store.mail_in_state(MailInState::Tray, 10).await.unwrap();
    assert_eq!(tray.len(), 3);
    let (first, raw) = db.store.mail_in(ids[0]).await.unwrap().unwrap();
    assert_eq!(first.subject.as_deref(), Some("Klacht over de gastheer"));
    assert_eq!(first.arrived_at, ts("2026-05-04T08:15:00Z"));
    assert_eq!(first.taken_at, now);
    assert!(raw.ends_with(b"\r\n\r\nHallo.\r\n"));
}

async fn t12_a_message_in_the_tray_is_dealt_with_once_and_one_not_a_complaint_is_deleted_in_time(
    db: TestDb,
) {
    let now = ts("2026-05-04T08:16:00Z");
    let w = World::new(&db.store).await;
    let Taken::New(id) = db
        .store
        .take_mail(&message("1:1", MailInState::Tray), now)
        .await
        .unwrap()
    else {
        panic!("new")
    };
    assert_eq!(db.store.count_mail_in(MailInState::Tray).await.unwrap(), 1);
    let not_one = Settle {
        state: MailInState::NotComplaint,
        complaint_id: None,
        reason: Some("Reclame".into()),
        by: Some(w.cora.id),
        at: now,
        delete_after: Some(now + SignedDuration::from_hours(24 * 30)),
    };
    assert!(
        db.store
            .settle_mail(id, MailInState::Tray, &not_one)
            .await
            .unwrap()
    );
    // A second coordinator who clicked at the same time finds it gone from the tray.
    assert!(
        !db.store
            .settle_mail(id, MailInState::Tray, &not_one)
            .await
            .unwrap()
    );
    assert!(
        db.store
            .mail_in_state(MailInState::Tray, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(db.store.count_mail_in(MailInState::Tray).await.unwrap(), 0);
    assert_eq!(
        db.store
            .count_mail_in(MailInState::NotComplaint)
            .await
            .unwrap(),
        1
    );
    let (m, _) = db.store.mail_in(id).await.unwrap().unwrap();
    assert_eq!(m.state, MailInState::NotComplaint);
    assert_eq!(m.reason.as_deref(), Some("Reclame"));
    assert_eq!(m.decided_by, Some(w.cora.id));

    // An automatic reply, taken in with its own time to go.
    let mut away = message("1:2", MailInState::Ignored);
    away.delete_after = Some(now + SignedDuration::from_hours(24 * 30));
    let Taken::New(away_id) = db.store.take_mail(&away, now).await.unwrap() else {
        panic!("new")
    };

    // Kept for their period, then gone; what is in the tray stays.
    let waiting = db
        .store
        .take_mail(&message("1:3", MailInState::Tray), now)
        .await
        .unwrap();
    let day_29: Timestamp = now + SignedDuration::from_hours(24 * 29);
    assert_eq!(db.store.delete_expired_mail(day_29).await.unwrap(), 0);
    let day_31: Timestamp = now + SignedDuration::from_hours(24 * 31);
    assert_eq!(db.store.delete_expired_mail(day_31).await.unwrap(), 2);
    assert!(db.store.mail_in(id).await.unwrap().is_none());
    assert!(db.store.mail_in(away_id).await.unwrap().is_none());
    let Taken::New(waiting) = waiting else {
        panic!("new")
    };
    assert!(db.store.mail_in(waiting).await.unwrap().is_some());
}

async fn t12_a_bounce_marks_the_letter_it_names_as_come_back(db: TestDb) {
    let at = ts("2026-05-04T08:00:00Z");
    let w = World::new(&db.store).await;
    let (complaint_id, reference) = with_letter(&w, at, "jan@example.nl").await;
    let claimed = db
        .store
        .claim_mail(at, SignedDuration::from_mins(5), 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let outbox_id = claimed[0].id;
    let letter = db.store.sent_letter(outbox_id).await.unwrap().unwrap();
    assert_eq!(letter.complaint_id, complaint_id);
    assert_eq!(letter.reference.to_string(), reference);
    assert_eq!(letter.recipient.as_deref(), Some("jan@example.nl"));
    assert!(
        db.store
            .sent_letter(outbox_id + 1000)
            .await
            .unwrap()
            .is_none()
    );

    let later = ts("2026-05-04T09:00:00Z");
    assert!(
        db.store
            .mark_bounced(outbox_id, "550 5.1.1 user unknown", later)
            .await
            .unwrap()
    );
    let status = db.store.mail_status(complaint_id).await.unwrap();
    assert_eq!(status[0].seq, letter.seq);
    assert_eq!(status[0].bounced_at, Some(later));
    assert_eq!(
        status[0].bounce_reason.as_deref(),
        Some("550 5.1.1 user unknown")
    );
    assert!(
        !db.store
            .mark_bounced(outbox_id + 1000, "x", later)
            .await
            .unwrap()
    );
}
