//! Staff notifications on both backends: written once per dedupe key (also by two instances at
//! once) and mailed once, written with the step they belong to, listed per person newest first
//! in pages, counted unread and marked read; and the deadline job's query over the projection.

use crate::support::fixtures::{Case, World, new_complaint, ts};
use crate::support::{P, TestDb};
use jiff::Timestamp;
use jiff::civil::{Date, date};
use klacht_core::procedure::{Command, Status, Via};
use klacht_core::{Channel, Lang, Outcome, Reference, UserId};
use klacht_store::traits::*;
use klacht_store::{FollowUp, NewMail, NewNotice, StoreError};

contract!(
    a_notice_with_a_dedupe_key_is_written_and_mailed_once,
    two_instances_telling_the_same_deadline_at_once_write_it_once,
    a_step_writes_its_notices_and_their_mail_with_it_or_not_at_all,
    notices_are_listed_per_person_newest_first_in_pages,
    unread_notices_are_counted_and_marked_read_one_or_all_only_ones_own,
    t05_due_by_pages_through_only_the_open_complaints_due_by_a_date,
    known_dedupes_names_the_keys_already_taken,
);

fn notice(user: UserId, kind: &str, dedupe: Option<&str>, mail_to: Option<&str>) -> NewNotice {
    NewNotice {
        user,
        kind: kind.into(),
        detail: Some("answer:2026-03-09".into()),
        dedupe: dedupe.map(str::to_owned),
        mail: mail_to.map(|to| NewMail {
            event: None,
            to: to.into(),
            to_name: Some("Hans Handler".into()),
            subject: "Klacht 2026-0001: termijn verloopt morgen".into(),
            body: "De termijn verloopt op 9 maart 2026.\n".into(),
            language: Lang::Nl,
        }),
    }
}

async fn count(db: &TestDb, sql: &str, params: &[P]) -> i64 {
    use sqlx::Row;
    db.fetch(sql, params).await[0].try_get::<i64, _>(0).unwrap()
}

/// A complaint received by phone at `at`, registered by Sam (not acknowledged).
async fn phoned(w: &World, at: Timestamp) -> Case {
    w.create(
        Some(&w.sam),
        new_complaint(Channel::Phone, at, "Jan Klager", "Niet teruggebeld."),
        at,
    )
    .await
}

async fn a_notice_with_a_dedupe_key_is_written_and_mailed_once(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-03-02T10:00:00Z");
    let case = phoned(&w, at).await;
    let n = notice(
        w.hans.id,
        "deadline_tomorrow",
        Some("deadline:x:answer:2026-03-09:deadline_tomorrow:3"),
        Some("hans@example.org"),
    );
    let written = db
        .store
        .notify(
            Some(case.id),
            Some(&case.reference),
            std::slice::from_ref(&n),
            at,
        )
        .await
        .unwrap();
    assert_eq!(written, 1);
    // The job finds the same deadline again: nothing new, no second mail.
    let again = db
        .store
        .notify(Some(case.id), Some(&case.reference), &[n], at)
        .await
        .unwrap();
    assert_eq!(again, 0);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM notifications", &[]).await,
        1
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND complaint_id = $2 AND seq IS NULL",
            &[P::T("hans@example.org".into()), P::I(case.id)]
        )
        .await,
        1
    );
    let m = db
        .store
        .claim_mail(at, jiff::SignedDuration::from_mins(5), 10)
        .await
        .unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].reference.as_deref(), Some("2026-0001"));
    assert_eq!(m[0].seq, None, "a notice is no letter on the dossier");
    // A notice without a key is a new notice every time.
    let plain = notice(w.hans.id, "assigned", None, None);
    for _ in 0..2 {
        assert_eq!(
            db.store
                .notify(
                    Some(case.id),
                    Some(&case.reference),
                    std::slice::from_ref(&plain),
                    at
                )
                .await
                .unwrap(),
            1
        );
    }
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM notifications", &[]).await,
        3
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM outbox", &[]).await, 1);
}

async fn two_instances_telling_the_same_deadline_at_once_write_it_once(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-03-02T10:00:00Z");
    let case = phoned(&w, at).await;
    let n = notice(
        w.cora.id,
        "overdue",
        Some("deadline:y:acknowledge:2026-03-04:overdue:1"),
        Some("cora@example.org"),
    );
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let store = db.store.clone();
            let n = n.clone();
            let reference = case.reference.clone();
            let id = case.id;
            tokio::spawn(async move { store.notify(Some(id), Some(&reference), &[n], at).await })
        })
        .collect();
    let mut written = 0;
    for t in tasks {
        written += t.await.unwrap().unwrap();
    }
    assert_eq!(written, 1);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM notifications", &[]).await,
        1
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM outbox", &[]).await, 1);
}

async fn a_step_writes_its_notices_and_their_mail_with_it_or_not_at_all(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-03-02T10:00:00Z");
    let case = phoned(&w, at).await;
    let (events, next) = w.decide(
        &case.state,
        &w.cora,
        Command::Assign { handler: w.hans.id },
        at,
    );
    let follow = FollowUp {
        notices: vec![notice(
            w.hans.id,
            "assigned",
            None,
            Some("hans@example.org"),
        )],
        ..FollowUp::default()
    };
    // A stale version: the step is refused, and so are its notices.
    let stale = db
        .store
        .append_with(case.id, case.state.version - 1, &events, &next, &follow)
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    assert!(
        db.store
            .notices(w.hans.id, None, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM outbox", &[]).await, 0);

    db.store
        .append_with(case.id, case.state.version, &events, &next, &follow)
        .await
        .unwrap();
    let listed = db.store.notices(w.hans.id, None, 10).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].kind, "assigned");
    assert_eq!(listed[0].complaint, Some(case.reference.clone()));
    assert_eq!(listed[0].created_at, at);
    assert_eq!(listed[0].read_at, None);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM outbox WHERE complaint_id = $1 AND seq IS NULL AND recipient = $2",
            &[P::I(case.id), P::T("hans@example.org".into())]
        )
        .await,
        1
    );

    // A new complaint's notices come with it.
    let rec = w.record(
        None,
        new_complaint(Channel::Web, at, "Els Klager", "Geen antwoord."),
        at,
    );
    let cora = w.cora.id;
    let (_, reference) = db
        .store
        .create_complaint_with(rec, move |_, _| {
            Ok(FollowUp {
                notices: vec![notice(
                    cora,
                    "new_complaint",
                    None,
                    Some("cora@example.org"),
                )],
                ..FollowUp::default()
            })
        })
        .await
        .unwrap();
    let listed = db.store.notices(cora, None, 10).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].complaint, Some(reference));
}

async fn notices_are_listed_per_person_newest_first_in_pages(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-03-02T10:00:00Z");
    let case = phoned(&w, at).await;
    for i in 0..5i64 {
        let when = at.checked_add(jiff::SignedDuration::from_mins(i)).unwrap();
        let kind = format!("kind_{i}");
        db.store
            .notify(
                Some(case.id),
                Some(&case.reference),
                &[
                    notice(w.hans.id, &kind, None, None),
                    notice(w.hilde.id, "other", None, None),
                ],
                when,
            )
            .await
            .unwrap();
    }
    // One without a complaint (e.g. about the person's account).
    db.store
        .notify(None, None, &[notice(w.hans.id, "kind_5", None, None)], at)
        .await
        .unwrap();
    let first = db.store.notices(w.hans.id, None, 4).await.unwrap();
    let kinds: Vec<&str> = first.iter().map(|n| n.kind.as_str()).collect();
    assert_eq!(kinds, ["kind_5", "kind_4", "kind_3", "kind_2"]);
    assert_eq!(first[0].complaint, None);
    assert_eq!(first[1].complaint, Some(case.reference.clone()));
    assert_eq!(first[1].detail.as_deref(), Some("answer:2026-03-09"));
    assert!(first.windows(2).all(|p| p[0].id > p[1].id));
    let rest = db
        .store
        .notices(w.hans.id, Some(first[3].id), 4)
        .await
        .unwrap();
    let kinds: Vec<&str> = rest.iter().map(|n| n.kind.as_str()).collect();
    assert_eq!(kinds, ["kind_1", "kind_0"]);
    assert!(
        db.store
            .notices(w.hans.id, Some(rest[1].id), 4)
            .await
            .unwrap()
            .is_empty()
    );
    // Nobody sees another's list.
    let hilde = db.store.notices(w.hilde.id, None, 50).await.unwrap();
    assert_eq!(hilde.len(), 5);
    assert!(hilde.iter().all(|n| n.kind == "other"));
    assert!(
        db.store
            .notices(w.dirk.id, None, 50)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn unread_notices_are_counted_and_marked_read_one_or_all_only_ones_own(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-03-02T10:00:00Z");
    let case = phoned(&w, at).await;
    let mine: Vec<NewNotice> = (0..3)
        .map(|_| notice(w.hans.id, "assigned", None, None))
        .collect();
    db.store
        .notify(Some(case.id), Some(&case.reference), &mine, at)
        .await
        .unwrap();
    db.store
        .notify(
            Some(case.id),
            Some(&case.reference),
            &[notice(w.hilde.id, "assigned", None, None)],
            at,
        )
        .await
        .unwrap();
    assert_eq!(db.store.unread_notices(w.hans.id).await.unwrap(), 3);
    assert_eq!(db.store.unread_notices(w.hilde.id).await.unwrap(), 1);
    let later = ts("2026-03-02T11:00:00Z");
    let hans = db.store.notices(w.hans.id, None, 10).await.unwrap();
    let hilde = db.store.notices(w.hilde.id, None, 10).await.unwrap();

    // One.
    assert_eq!(
        db.store
            .mark_notices_read(w.hans.id, Some(hans[0].id), later)
            .await
            .unwrap(),
        1
    );
    assert_eq!(db.store.unread_notices(w.hans.id).await.unwrap(), 2);
    let read = db.store.notices(w.hans.id, None, 10).await.unwrap();
    assert_eq!(read[0].read_at, Some(later));
    assert_eq!(read[1].read_at, None);
    // Again: already read, the time it was first read stays.
    assert_eq!(
        db.store
            .mark_notices_read(w.hans.id, Some(hans[0].id), ts("2026-03-03T09:00:00Z"))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        db.store.notices(w.hans.id, None, 1).await.unwrap()[0].read_at,
        Some(later)
    );
    // Somebody else's notice is not Hans's to mark.
    assert_eq!(
        db.store
            .mark_notices_read(w.hans.id, Some(hilde[0].id), later)
            .await
            .unwrap(),
        0
    );
    assert_eq!(db.store.unread_notices(w.hilde.id).await.unwrap(), 1);
    // All of his own; Hilde's stays unread.
    assert_eq!(
        db.store
            .mark_notices_read(w.hans.id, None, later)
            .await
            .unwrap(),
        2
    );
    assert_eq!(db.store.unread_notices(w.hans.id).await.unwrap(), 0);
    assert_eq!(db.store.unread_notices(w.hilde.id).await.unwrap(), 1);
}

/// Every complaint `due_by` gives, page by page.
async fn all_due(db: &TestDb, by: Date, page: u32) -> Vec<(Reference, Date)> {
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let items = db.store.due_by(by, after, page).await.unwrap();
        assert!(items.len() <= usize::try_from(page).unwrap());
        let Some(last) = items.last() else { break };
        after = Some(last.cursor());
        out.extend(items.iter().map(|i| (i.reference.clone(), i.next_due)));
    }
    out
}

async fn t05_due_by_pages_through_only_the_open_complaints_due_by_a_date(db: TestDb) {
    let w = World::new(&db.store).await;
    // Received Monday 2 to Friday 6 March 2026: acknowledgement due two working days later.
    let days = [2, 3, 4, 5, 6];
    let mut cases = Vec::new();
    for d in days {
        let at = ts(&format!("2026-03-0{d}T10:00:00+01:00"));
        cases.push(phoned(&w, at).await);
        cases.push(phoned(&w, at).await);
    }
    // One of Monday's is acknowledged (its next deadline is the answer, 9 March), one of
    // Tuesday's is decided (nothing runs).
    let on = ts("2026-03-03T12:00:00+01:00");
    w.act(
        &mut cases[0],
        &w.cora,
        Command::Acknowledge {
            via: Via::Phone,
            note: None,
        },
        on,
    )
    .await;
    w.act(
        &mut cases[2],
        &w.cora,
        Command::Decide {
            outcome: Outcome::Gegrond,
            decision: "Gegrond.".into(),
            via: Via::Letter,
        },
        on,
    )
    .await;
    assert_eq!(cases[2].state.status, Status::Decided);

    let due = all_due(&db, date(2026, 3, 6), 3).await;
    let expected: Vec<(Reference, Date)> = vec![
        (cases[1].reference.clone(), date(2026, 3, 4)),
        (cases[3].reference.clone(), date(2026, 3, 5)),
        (cases[4].reference.clone(), date(2026, 3, 6)),
        (cases[5].reference.clone(), date(2026, 3, 6)),
    ];
    assert_eq!(due, expected, "most urgent first, decided ones left out");
    // Page sizes do not change the answer.
    assert_eq!(all_due(&db, date(2026, 3, 6), 1).await, expected);
    assert_eq!(all_due(&db, date(2026, 3, 6), 100).await, expected);
    // Later dates take in more, earlier ones less.
    assert_eq!(all_due(&db, date(2026, 3, 3), 10).await, []);
    let by_tenth = all_due(&db, date(2026, 3, 10), 10).await;
    assert_eq!(by_tenth.len(), 9, "{by_tenth:?}");
    assert!(by_tenth.contains(&(cases[0].reference.clone(), date(2026, 3, 9))));

    // What the job needs comes with each: the deadlines, the handler, the status.
    let first = &db.store.due_by(date(2026, 3, 4), None, 10).await.unwrap()[0];
    assert_eq!(first.id, cases[1].id);
    assert_eq!(first.profile_id, w.profile_id);
    assert_eq!(first.status, Status::Received);
    assert_eq!(first.handler, None);
    assert_eq!(first.deadlines, cases[1].state.deadlines);
}

async fn known_dedupes_names_the_keys_already_taken(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-03-02T10:00:00Z");
    db.store
        .notify(
            None,
            None,
            &[
                notice(w.hans.id, "overdue", Some("k1"), None),
                notice(w.hans.id, "overdue", Some("k2"), None),
            ],
            at,
        )
        .await
        .unwrap();
    let mut asked: Vec<String> = (0..1200).map(|i| format!("other{i}")).collect();
    asked.push("k2".into());
    let known = db.store.known_dedupes(&asked).await.unwrap();
    assert_eq!(known.len(), 1);
    assert!(known.contains("k2"));
    assert!(db.store.known_dedupes(&[]).await.unwrap().is_empty());
}
