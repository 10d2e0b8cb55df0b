//! What the daily round removes once past its period (K8, T10), on both backends: each kind goes
//! exactly when it is past its cut-off and the rest stays; a notice that a round could write
//! again stays; mail still waiting is never dropped; a dry run counts the same and removes
//! nothing.

use crate::support::TestDb;
use crate::support::fixtures::{World, new_complaint, ts};
use jiff::civil::date;
use jiff::{SignedDuration, Timestamp};
use klacht_core::periods::Cutoffs;
use klacht_core::procedure::Command;
use klacht_core::reminders::{ANNUAL_REPORT_DUE, EVALUATION_DUE};
use klacht_core::{Channel, Lang};
use klacht_store::traits::*;
use klacht_store::{
    Actor, LinkPurpose, NewEvaluation, NewMail, NewNotice, PurgedRows, SessionTimes,
};

contract!(
    k08_sessions_links_and_tokens_that_open_nothing_go_and_the_live_ones_stay,
    k08_the_read_log_and_the_account_log_go_after_their_period_and_the_newer_lines_stay,
    k08_old_notices_go_unless_a_round_could_write_them_again,
    k08_mail_that_is_not_a_letter_goes_after_its_period_letters_and_waiting_mail_stay,
    k08_a_dry_run_counts_what_would_go_and_removes_nothing,
    k08_a_settled_request_of_a_data_subject_goes_after_its_period_with_its_log,
);

async fn k08_a_settled_request_of_a_data_subject_goes_after_its_period_with_its_log(db: TestDb) {
    use klacht_core::subject::{Person, RequestKind};
    let w = World::new(&db.store).await;
    let store = &db.store;
    let request = |email: &str, at: &str| klacht_store::NewRequest {
        kind: RequestKind::Access,
        person: Person {
            email: Some(email.into()),
            ..Person::default()
        },
        received_on: jiff::civil::date(2024, 5, 1),
        due_on: jiff::civil::date(2024, 6, 3),
        note: None,
        by: w.cora.id,
        at: ts(at),
    };
    // Settled the day before the cut-off, on it, and not at all.
    let old = store
        .create_request(&request("oud@x.nl", "2024-05-01T10:00:00Z"))
        .await
        .unwrap();
    let kept = store
        .create_request(&request("bewaard@x.nl", "2024-05-01T10:00:00Z"))
        .await
        .unwrap();
    let open = store
        .create_request(&request("open@x.nl", "2024-05-01T10:00:00Z"))
        .await
        .unwrap();
    store
        .complete_request(
            old,
            "Overzicht gestuurd.",
            w.cora.id,
            ts("2024-06-14T21:59:00Z"),
        )
        .await
        .unwrap();
    store
        .complete_request(
            kept,
            "Overzicht gestuurd.",
            w.cora.id,
            ts("2024-06-14T22:00:00Z"),
        )
        .await
        .unwrap();
    let dry = store.purge_past_periods(&cutoffs(), true).await.unwrap();
    assert_eq!(dry.requests, 1);
    assert!(
        store.request(old).await.unwrap().is_some(),
        "a dry run removes nothing"
    );
    let done = store.purge_past_periods(&cutoffs(), false).await.unwrap();
    assert_eq!(done.requests, 1);
    assert_eq!(store.request(old).await.unwrap(), None);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM subject_request_log").await,
        3,
        "only the log of the kept request (registered, completed) and the open one (registered)"
    );
    assert_eq!(store.request(kept).await.unwrap().unwrap().log.len(), 2);
    assert_eq!(store.request(open).await.unwrap().unwrap().log.len(), 1);
}

/// The round's moment: 15 June 2026, with the cut-offs as the template's periods give them.
fn cutoffs() -> Cutoffs {
    Cutoffs {
        now: ts("2026-06-15T10:00:00Z"),
        reads_before: ts("2024-06-14T22:00:00Z"),
        account_log_before: ts("2024-06-14T22:00:00Z"),
        notices_before: ts("2025-12-16T23:00:00Z"),
        annual_reminders_before: ts("2025-12-16T23:00:00Z"),
        mail_before: ts("2026-05-15T22:00:00Z"),
        upload_grace: SignedDuration::from_hours(24),
        requests_before: ts("2024-06-14T22:00:00Z"),
    }
}

async fn count(db: &TestDb, sql: &str) -> i64 {
    use sqlx::Row;
    db.fetch(sql, &[]).await[0].try_get::<i64, _>(0).unwrap()
}

const TIMES: SessionTimes = SessionTimes {
    idle: SignedDuration::from_hours(2),
    absolute: SignedDuration::from_hours(12),
};

async fn k08_sessions_links_and_tokens_that_open_nothing_go_and_the_live_ones_stay(db: TestDb) {
    let w = World::new(&db.store).await;
    let store = &db.store;
    let (hans, hilde) = (w.hans.id, w.hilde.id);
    // Links: one used, one expired yesterday, one good for another week.
    let used = store
        .create_account_link(
            Some(hans),
            LinkPurpose::Password,
            SignedDuration::from_hours(24 * 7),
            ts("2026-06-14T10:00:00Z"),
        )
        .await
        .unwrap();
    store
        .use_password_link(&used, "$argon2id$x", ts("2026-06-14T11:00:00Z"))
        .await
        .unwrap();
    store
        .create_account_link(
            Some(hilde),
            LinkPurpose::Password,
            SignedDuration::from_hours(24),
            ts("2026-06-13T10:00:00Z"),
        )
        .await
        .unwrap();
    store
        .create_account_link(
            None,
            LinkPurpose::Setup,
            SignedDuration::from_hours(24 * 7),
            ts("2026-06-15T09:00:00Z"),
        )
        .await
        .unwrap();
    // Sessions (after Hans set his password, which ends his sessions): one that ended at
    // 08:00 (idle since 06:00), one that runs until 11:30.
    store
        .create_session(hans, false, TIMES, ts("2026-06-15T06:00:00Z"))
        .await
        .unwrap();
    let live = store
        .create_session(hilde, false, TIMES, ts("2026-06-15T09:30:00Z"))
        .await
        .unwrap();
    // Tokens: Hans keeps his; Sam's is revoked when his account is deactivated.
    let kept = store
        .create_token(hans, ts("2026-06-01T10:00:00Z"))
        .await
        .unwrap();
    store
        .create_token(w.sam.id, ts("2026-06-01T10:00:00Z"))
        .await
        .unwrap();
    store
        .set_active(w.sam.id, false, Actor::Operator, ts("2026-06-02T10:00:00Z"))
        .await
        .unwrap();

    let purged = store.purge_past_periods(&cutoffs(), false).await.unwrap();
    assert_eq!(
        purged,
        PurgedRows {
            sessions: 1,
            account_links: 2,
            api_tokens: 1,
            ..PurgedRows::default()
        }
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM sessions").await, 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM account_links").await, 1);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM account_links WHERE purpose = 'setup'"
        )
        .await,
        1
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM api_tokens").await, 1);
    // What stays still works.
    let session = store
        .session(&live.token, TIMES, ts("2026-06-15T10:00:00Z"))
        .await
        .unwrap();
    assert_eq!(session.map(|s| s.user.id), Some(hilde));
    assert_eq!(
        store.user_by_token(&kept).await.unwrap().map(|u| u.id),
        Some(hans)
    );
    // Nothing more the next time.
    assert_eq!(
        store.purge_past_periods(&cutoffs(), false).await.unwrap(),
        PurgedRows::default()
    );
}

async fn k08_the_read_log_and_the_account_log_go_after_their_period_and_the_newer_lines_stay(
    db: TestDb,
) {
    let w = World::new(&db.store).await;
    let store = &db.store;
    let case = w
        .create(
            Some(&w.sam),
            new_complaint(
                Channel::Phone,
                ts("2024-01-10T09:00:00Z"),
                "Jan Klager",
                "Niet teruggebeld.",
            ),
            ts("2024-01-10T09:00:00Z"),
        )
        .await;
    // Read on 1 March 2024 and 14 June 2024 at 21:59 UTC (23:59 in Amsterdam: the last day
    // past the period), and on 15 June 2024 at 00:00 in Amsterdam and in 2026 (kept).
    for at in [
        "2024-03-01T10:00:00Z",
        "2024-06-14T21:59:59Z",
        "2024-06-14T22:00:00Z",
        "2026-06-01T10:00:00Z",
    ] {
        store.log_read(case.id, w.hans.id, ts(at)).await.unwrap();
    }
    // The account log: Sam deactivated in 2023 and activated again in 2025.
    store
        .set_active(w.sam.id, false, Actor::Operator, ts("2023-05-01T10:00:00Z"))
        .await
        .unwrap();
    store
        .set_active(w.sam.id, true, Actor::Operator, ts("2025-05-01T10:00:00Z"))
        .await
        .unwrap();
    assert_eq!(count(&db, "SELECT COUNT(*) FROM account_audit").await, 2);

    let purged = store.purge_past_periods(&cutoffs(), false).await.unwrap();
    assert_eq!(
        purged,
        PurgedRows {
            reads: 2,
            account_log: 1,
            ..PurgedRows::default()
        }
    );
    let reads = store.reads(case.id, 10).await.unwrap();
    assert_eq!(
        reads.iter().map(|(_, at)| *at).collect::<Vec<_>>(),
        [ts("2026-06-01T10:00:00Z"), ts("2024-06-14T22:00:00Z")]
    );
    let log = store.account_audit(None, 10).await.unwrap();
    assert_eq!(
        log.iter().map(|l| l.at).collect::<Vec<_>>(),
        [ts("2025-05-01T10:00:00Z")]
    );
}

fn notice(user: klacht_core::UserId, kind: &str, dedupe: Option<&str>) -> NewNotice {
    NewNotice {
        user,
        kind: kind.into(),
        detail: None,
        dedupe: dedupe.map(str::to_owned),
        mail: None,
    }
}

async fn k08_old_notices_go_unless_a_round_could_write_them_again(db: TestDb) {
    let w = World::new(&db.store).await;
    let store = &db.store;
    let old = ts("2025-10-01T10:00:00Z");
    let recent = ts("2026-03-01T10:00:00Z");
    let hans = w.hans.id;
    // A complaint whose deadlines still run, and one withdrawn (none runs).
    let running = w
        .create(
            Some(&w.sam),
            new_complaint(Channel::Phone, old, "Jan Klager", "Niet teruggebeld."),
            old,
        )
        .await;
    let mut ended = w
        .create(
            Some(&w.sam),
            new_complaint(Channel::Phone, old, "Piet Klager", "Te laat."),
            old,
        )
        .await;
    w.act(&mut ended, &w.cora, Command::Withdraw { reason: None }, old)
        .await;
    let about = |case: &crate::support::fixtures::Case, n: Vec<NewNotice>, at: Timestamp| {
        let (id, reference) = (case.id, case.reference.clone());
        async move {
            store
                .notify(Some(id), Some(&reference), &n, at)
                .await
                .unwrap()
        }
    };
    // Old: an assignment (no key) and a deadline notice, each of both complaints.
    for case in [&running, &ended] {
        let key = format!(
            "deadline:{}:answer:2025-10-08:overdue:{}",
            case.reference, hans
        );
        about(
            case,
            vec![
                notice(hans, "assigned", None),
                notice(hans, "overdue", Some(&key)),
            ],
            old,
        )
        .await;
    }
    // Recent: an assignment.
    about(&ended, vec![notice(hans, "assigned", None)], recent).await;
    // The register's reminders: last year's annual report (old), the evaluation asked for in
    // 2024 (an evaluation was recorded since) and in 2025 (none since).
    let cora = w.cora.id;
    store
        .notify(
            None,
            None,
            &[
                notice(cora, ANNUAL_REPORT_DUE, Some("annual_report:2024:1")),
                notice(cora, EVALUATION_DUE, Some("evaluation:2024-01-01:1")),
            ],
            ts("2025-01-06T10:00:00Z"),
        )
        .await
        .unwrap();
    store
        .record_evaluation(
            &NewEvaluation {
                year: 2024,
                evaluated_on: date(2025, 2, 1),
                evaluated_by: cora,
                changed: false,
                new_version_on: None,
                notes: None,
            },
            ts("2025-02-01T10:00:00Z"),
        )
        .await
        .unwrap();
    store
        .notify(
            None,
            None,
            &[notice(
                cora,
                EVALUATION_DUE,
                Some("evaluation:2025-02-01:1"),
            )],
            ts("2025-10-02T10:00:00Z"),
        )
        .await
        .unwrap();
    assert_eq!(count(&db, "SELECT COUNT(*) FROM notifications").await, 8);

    let purged = store.purge_past_periods(&cutoffs(), false).await.unwrap();
    // Gone: both old assignments, the withdrawn complaint's deadline notice, the annual report
    // reminder and the evaluation reminder an evaluation answered.
    assert_eq!(
        purged,
        PurgedRows {
            notices: 5,
            ..PurgedRows::default()
        }
    );
    let mut left: Vec<String> = store
        .notices(hans, None, 10)
        .await
        .unwrap()
        .into_iter()
        .map(|n| {
            format!(
                "{} {}",
                n.kind,
                n.complaint.map(|r| r.to_string()).unwrap_or_default()
            )
        })
        .collect();
    left.extend(
        store
            .notices(cora, None, 10)
            .await
            .unwrap()
            .into_iter()
            .map(|n| n.kind),
    );
    assert_eq!(
        left,
        [
            format!("assigned {}", ended.reference),
            format!("overdue {}", running.reference),
            EVALUATION_DUE.to_owned(),
        ]
    );
    // The deadline notice that stays keeps its key: the round does not tell it again.
    let key = format!(
        "deadline:{}:answer:2025-10-08:overdue:{}",
        running.reference, hans
    );
    assert_eq!(store.known_dedupes(&[key]).await.unwrap().len(), 1);
}

fn letter_event(at: Timestamp) -> klacht_core::procedure::Event {
    use klacht_core::procedure::{Event, EventBody, LetterKind, LetterRecord, Via};
    Event {
        at,
        actor: klacht_core::Actor::System,
        body: EventBody::Letter(Box::new(LetterRecord {
            letter: LetterKind::Acknowledgement,
            via: Via::Email,
            to: klacht_core::Personal::new("jan@example.nl".into()),
            subject: klacht_core::Personal::new("Ontvangstbevestiging".into()),
            body: klacht_core::Personal::new("Beste Jan, …".into()),
            language: Lang::Nl,
        })),
    }
}

fn mail(to: &str) -> NewMail {
    NewMail {
        event: None,
        to: to.into(),
        to_name: Some("Hans Handler".into()),
        subject: "Stel uw wachtwoord in".into(),
        body: "Via deze link stelt u uw wachtwoord in.\n".into(),
        language: Lang::Nl,
    }
}

async fn k08_mail_that_is_not_a_letter_goes_after_its_period_letters_and_waiting_mail_stay(
    db: TestDb,
) {
    let w = World::new(&db.store).await;
    let store = &db.store;
    let lease = SignedDuration::from_mins(10);
    let queued = ts("2026-05-01T10:00:00Z");
    // A letter to a complainant, queued with its complaint and sent on 1 May.
    let rec = w.record(
        None,
        new_complaint(Channel::Web, queued, "Jan Klager", "Niet geholpen."),
        queued,
    );
    let own = rec.events.len();
    let (complaint, reference) = store
        .create_complaint_with(rec, move |_, _| {
            Ok(klacht_store::FollowUp {
                events: vec![letter_event(queued)],
                mails: vec![NewMail {
                    event: Some(own),
                    ..mail("jan@example.nl")
                }],
                ..klacht_store::FollowUp::default()
            })
        })
        .await
        .unwrap();
    // Four set-password mails: sent on 1 May, failed for good on 1 May, sent on 20 May, and
    // one still waiting since 1 May (its server away).
    for to in [
        "a@example.org",
        "b@example.org",
        "c@example.org",
        "d@example.org",
    ] {
        store.enqueue_mail(&mail(to), queued).await.unwrap();
    }
    // A staff notice about the complaint, mailed, sent on 1 May: not a letter either.
    store
        .notify(
            Some(complaint),
            Some(&reference),
            &[NewNotice {
                mail: Some(mail("hans@example.org")),
                ..notice(w.hans.id, "assigned", None)
            }],
            queued,
        )
        .await
        .unwrap();
    let claimed = store.claim_mail(queued, lease, 10).await.unwrap();
    assert_eq!(claimed.len(), 6);
    let id_of = |to: &str| claimed.iter().find(|m| m.to == to).unwrap().id;
    store
        .mail_sent(id_of("jan@example.nl"), queued)
        .await
        .unwrap();
    store
        .mail_sent(id_of("a@example.org"), queued)
        .await
        .unwrap();
    store
        .mail_sent(id_of("hans@example.org"), queued)
        .await
        .unwrap();
    store
        .mail_failed(id_of("b@example.org"), queued, "550 no such user", None)
        .await
        .unwrap();
    store
        .mail_sent(id_of("c@example.org"), ts("2026-05-20T10:00:00Z"))
        .await
        .unwrap();
    store
        .mail_failed(
            id_of("d@example.org"),
            queued,
            "421 try later",
            Some(ts("2026-06-15T11:00:00Z")),
        )
        .await
        .unwrap();

    // The notice's mail is found by what its outbox copy is named by, before it goes; the
    // set-password mails have no complaint (their copies are `mail-*.eml`).
    assert_eq!(
        store
            .notice_mail_past(cutoffs().mail_before, 0, 10)
            .await
            .unwrap(),
        [(id_of("hans@example.org"), reference.to_string())]
    );
    assert_eq!(
        store
            .notice_mail_past(cutoffs().mail_before, id_of("hans@example.org"), 10)
            .await
            .unwrap(),
        []
    );
    let purged = store.purge_past_periods(&cutoffs(), false).await.unwrap();
    assert_eq!(
        purged,
        PurgedRows {
            mail: 3,
            ..PurgedRows::default()
        }
    );
    let left: Vec<String> = db
        .fetch("SELECT recipient FROM outbox ORDER BY recipient", &[])
        .await
        .iter()
        .map(|r| sqlx::Row::try_get(r, 0).unwrap())
        .collect();
    assert_eq!(left, ["c@example.org", "d@example.org", "jan@example.nl"]);
    // The waiting one is still sent.
    let again = store
        .claim_mail(ts("2026-06-15T11:00:00Z"), lease, 10)
        .await
        .unwrap();
    assert_eq!(
        again.iter().map(|m| m.to.as_str()).collect::<Vec<_>>(),
        ["d@example.org"]
    );
}

async fn k08_a_dry_run_counts_what_would_go_and_removes_nothing(db: TestDb) {
    let w = World::new(&db.store).await;
    let store = &db.store;
    let case = w
        .create(
            Some(&w.sam),
            new_complaint(
                Channel::Phone,
                ts("2024-01-10T09:00:00Z"),
                "Jan Klager",
                "Niet teruggebeld.",
            ),
            ts("2024-01-10T09:00:00Z"),
        )
        .await;
    for at in [
        "2024-03-01T10:00:00Z",
        "2024-04-01T10:00:00Z",
        "2026-06-01T10:00:00Z",
    ] {
        store.log_read(case.id, w.hans.id, ts(at)).await.unwrap();
    }
    store
        .create_session(w.hans.id, false, TIMES, ts("2026-06-14T06:00:00Z"))
        .await
        .unwrap();
    store
        .enqueue_mail(&mail("a@example.org"), ts("2026-05-01T10:00:00Z"))
        .await
        .unwrap();
    let claimed = store
        .claim_mail(
            ts("2026-05-01T10:00:00Z"),
            SignedDuration::from_mins(10),
            10,
        )
        .await
        .unwrap();
    store
        .mail_sent(claimed[0].id, ts("2026-05-01T10:00:00Z"))
        .await
        .unwrap();
    let expected = PurgedRows {
        sessions: 1,
        reads: 2,
        mail: 1,
        ..PurgedRows::default()
    };
    let tables = async || {
        (
            count(&db, "SELECT COUNT(*) FROM dossier_reads").await,
            count(&db, "SELECT COUNT(*) FROM sessions").await,
            count(&db, "SELECT COUNT(*) FROM outbox").await,
        )
    };
    assert_eq!(tables().await, (3, 1, 1));
    // Twice: a dry run changes nothing, so it says the same again.
    for _ in 0..2 {
        assert_eq!(
            store.purge_past_periods(&cutoffs(), true).await.unwrap(),
            expected
        );
        assert_eq!(tables().await, (3, 1, 1));
    }
    assert_eq!(
        store.purge_past_periods(&cutoffs(), false).await.unwrap(),
        expected
    );
    assert_eq!(tables().await, (1, 0, 0));
}
