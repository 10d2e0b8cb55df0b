//! The recommendations register on both backends (T14, T16, T13, K13): recommendations linked
//! to complaints by reference, decided once with a reason, improvement actions only on an
//! adopted one and owned by an active user, the owner's overdue actions, evaluations, the
//! report texts (latest wins) and which recommendations a period's report shows.

use crate::support::TestDb;
use crate::support::fixtures::{World, new_complaint, ts};
use jiff::civil::date;
use klacht_core::Channel;
use klacht_core::reports::{ActionStatus, Count, Period, RecommendationStatus};
use klacht_store::traits::*;
use klacht_store::{ActionChange, NewEvaluation, ReportKind, StoreError};

contract!(
    t14_a_recommendation_links_complaints_by_reference_all_or_nothing,
    t14_a_recommendation_is_decided_once_with_a_reason_and_keeps_who_and_when,
    t14_actions_only_on_an_adopted_recommendation_owned_by_an_active_user,
    t14_overdue_actions_of_an_owner_are_those_pending_and_due_before_today,
    t16_evaluations_are_recorded_with_who_when_and_whether_changed,
    t15_the_latest_report_text_for_exactly_that_report_wins,
    t13_a_period_report_shows_the_recommendations_that_bear_on_it,
);

async fn t14_a_recommendation_links_complaints_by_reference_all_or_nothing(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-02-02T10:00:00Z");
    let a = w
        .create(
            Some(&w.sam),
            new_complaint(Channel::Phone, at, "Jan", "Niet teruggebeld."),
            at,
        )
        .await;
    let b = w
        .create(
            Some(&w.sam),
            new_complaint(Channel::Phone, at, "Piet", "Weer niet."),
            at,
        )
        .await;
    let id = db
        .store
        .create_recommendation(
            "Terugbelnotitie",
            "Leg elk terugbelverzoek vast.",
            w.cora.id,
            at,
        )
        .await
        .unwrap();
    let err = db
        .store
        .link_complaints(
            id,
            &[a.reference.to_string(), "2026-0999".into()],
            w.cora.id,
            at,
        )
        .await
        .unwrap_err();
    match err {
        StoreError::Invalid { field, message } => {
            assert_eq!(field, "complaints[1]");
            assert!(message.contains("2026-0999"), "{message}");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    let r = db.store.recommendation(id).await.unwrap().unwrap();
    assert!(
        r.complaints.is_empty(),
        "nothing linked after an unknown reference"
    );
    let added = db
        .store
        .link_complaints(
            id,
            &[a.reference.to_string(), b.reference.to_string()],
            w.cora.id,
            at,
        )
        .await
        .unwrap();
    assert_eq!(added, 2);
    // Linking again changes nothing.
    let again = db
        .store
        .link_complaints(id, &[a.reference.to_string()], w.cora.id, at)
        .await
        .unwrap();
    assert_eq!(again, 0);
    let r = db.store.recommendation(id).await.unwrap().unwrap();
    assert_eq!(r.complaints, vec![a.reference.clone(), b.reference.clone()]);
    assert_eq!(r.status, RecommendationStatus::Proposed);
    assert_eq!(r.created_by_name, "Cora Coördinator");
    let bad = db
        .store
        .create_recommendation("  ", "tekst", w.cora.id, at)
        .await
        .unwrap_err();
    assert!(
        matches!(bad, StoreError::Invalid { ref field, .. } if field == "title"),
        "{bad:?}"
    );
}

async fn t14_a_recommendation_is_decided_once_with_a_reason_and_keeps_who_and_when(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-02-02T10:00:00Z");
    let id = db
        .store
        .create_recommendation("Titel", "Tekst", w.cora.id, at)
        .await
        .unwrap();
    let no_reason = db
        .store
        .decide_recommendation(id, true, " ", w.dirk.id, at)
        .await
        .unwrap_err();
    assert!(matches!(no_reason, StoreError::Invalid { ref field, .. } if field == "reason"));
    let decided_at = ts("2026-02-10T14:00:00Z");
    db.store
        .decide_recommendation(id, true, "Past in het beleid.", w.dirk.id, decided_at)
        .await
        .unwrap();
    let r = db.store.recommendation(id).await.unwrap().unwrap();
    assert_eq!(r.status, RecommendationStatus::Adopted);
    assert_eq!(r.decided_by, Some(w.dirk.id));
    assert_eq!(r.decided_by_name.as_deref(), Some("Dirk Directeur"));
    assert_eq!(r.decided_at, Some(decided_at));
    assert_eq!(r.reason.as_deref(), Some("Past in het beleid."));
    let twice = db
        .store
        .decide_recommendation(id, false, "Toch niet.", w.dirk.id, decided_at)
        .await
        .unwrap_err();
    assert!(matches!(twice, StoreError::WrongState(_)), "{twice:?}");
    let r = db.store.recommendation(id).await.unwrap().unwrap();
    assert_eq!(
        r.status,
        RecommendationStatus::Adopted,
        "the first decision stands"
    );
    let missing = db
        .store
        .decide_recommendation(9999, true, "x", w.dirk.id, at)
        .await
        .unwrap_err();
    assert!(matches!(missing, StoreError::NotFound(_)));
}

async fn t14_actions_only_on_an_adopted_recommendation_owned_by_an_active_user(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-02-02T10:00:00Z");
    let id = db
        .store
        .create_recommendation("Titel", "Tekst", w.cora.id, at)
        .await
        .unwrap();
    let due = date(2026, 3, 1);
    let early = db
        .store
        .add_action(id, "Formulier maken", w.hans.id, due, w.cora.id, at)
        .await
        .unwrap_err();
    assert!(matches!(early, StoreError::WrongState(_)), "{early:?}");
    db.store
        .decide_recommendation(id, true, "Goed idee.", w.dirk.id, at)
        .await
        .unwrap();
    db.store
        .set_active(w.hilde.id, false, klacht_store::Actor::Operator, at)
        .await
        .unwrap();
    let inactive = db
        .store
        .add_action(id, "Formulier maken", w.hilde.id, due, w.cora.id, at)
        .await
        .unwrap_err();
    assert!(matches!(inactive, StoreError::Invalid { ref field, .. } if field == "owner"));
    let aid = db
        .store
        .add_action(id, "Formulier maken", w.hans.id, due, w.cora.id, at)
        .await
        .unwrap();
    let later = ts("2026-03-05T09:00:00Z");
    let a = db
        .store
        .update_action(
            aid,
            &ActionChange {
                status: Some(ActionStatus::Done),
                result: Some(Some("Formulier staat op intranet.".into())),
                ..ActionChange::default()
            },
            w.hans.id,
            later,
        )
        .await
        .unwrap();
    assert_eq!(a.status, ActionStatus::Done);
    assert_eq!(a.result.as_deref(), Some("Formulier staat op intranet."));
    assert_eq!(a.updated_by, w.hans.id);
    assert_eq!(a.updated_at, later);
    assert_eq!(a.status_changed_at, later);
    assert_eq!(a.created_by, w.cora.id);
    assert_eq!(a.owner_name, "Hans Handler");
    // A change without a new status keeps when the status last changed.
    let a = db
        .store
        .update_action(
            aid,
            &ActionChange {
                result: Some(Some("En gemaild.".into())),
                ..ActionChange::default()
            },
            w.cora.id,
            ts("2026-03-06T09:00:00Z"),
        )
        .await
        .unwrap();
    assert_eq!(a.status_changed_at, later);
    let r = db.store.recommendation(id).await.unwrap().unwrap();
    assert_eq!(r.actions.len(), 1);
    assert_eq!(r.actions[0].result.as_deref(), Some("En gemaild."));
}

async fn t14_overdue_actions_of_an_owner_are_those_pending_and_due_before_today(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-02-02T10:00:00Z");
    let id = db
        .store
        .create_recommendation("Titel", "Tekst", w.cora.id, at)
        .await
        .unwrap();
    db.store
        .decide_recommendation(id, true, "Ja.", w.dirk.id, at)
        .await
        .unwrap();
    let add = |desc: &'static str, owner, due| {
        let s = db.store.clone();
        let cora = w.cora.id;
        async move { s.add_action(id, desc, owner, due, cora, at).await.unwrap() }
    };
    let past = add("verlopen", w.hans.id, date(2026, 3, 1)).await;
    let today_due = add("vandaag", w.hans.id, date(2026, 3, 10)).await;
    let soon = add("binnenkort", w.hans.id, date(2026, 3, 15)).await;
    let done = add("klaar", w.hans.id, date(2026, 2, 20)).await;
    let other = add("van Hilde", w.hilde.id, date(2026, 2, 20)).await;
    let progress = add("bezig", w.hans.id, date(2026, 2, 25)).await;
    for (aid, s) in [
        (done, ActionStatus::Done),
        (progress, ActionStatus::InProgress),
    ] {
        db.store
            .update_action(
                aid,
                &ActionChange {
                    status: Some(s),
                    ..ActionChange::default()
                },
                w.hans.id,
                at,
            )
            .await
            .unwrap();
    }
    let today = date(2026, 3, 10);
    let overdue: Vec<i64> = db
        .store
        .overdue_actions(w.hans.id, today)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(
        overdue,
        vec![progress, past],
        "earliest due first; not done, not today's, not Hilde's"
    );
    let soon_list: Vec<i64> = db
        .store
        .pending_actions_due_by(w.hans.id, date(2026, 3, 17))
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(soon_list, vec![progress, past, today_due, soon]);
    let hilde: Vec<i64> = db
        .store
        .overdue_actions(w.hilde.id, today)
        .await
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(hilde, vec![other]);
}

async fn t16_evaluations_are_recorded_with_who_when_and_whether_changed(db: TestDb) {
    let w = World::new(&db.store).await;
    let now = ts("2026-03-02T10:00:00Z");
    assert_eq!(db.store.latest_evaluation_on().await.unwrap(), None);
    let future = db
        .store
        .record_evaluation(
            &NewEvaluation {
                year: 2025,
                evaluated_on: date(2026, 3, 3),
                evaluated_by: w.cora.id,
                changed: false,
                new_version_on: None,
                notes: None,
            },
            now,
        )
        .await
        .unwrap_err();
    assert!(matches!(future, StoreError::Invalid { ref field, .. } if field == "evaluated_on"));
    let unchanged_version = db
        .store
        .record_evaluation(
            &NewEvaluation {
                year: 2025,
                evaluated_on: date(2026, 3, 1),
                evaluated_by: w.cora.id,
                changed: false,
                new_version_on: Some(date(2026, 3, 1)),
                notes: None,
            },
            now,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(unchanged_version, StoreError::Invalid { ref field, .. } if field == "new_version_on")
    );
    db.store
        .record_evaluation(
            &NewEvaluation {
                year: 2024,
                evaluated_on: date(2025, 2, 1),
                evaluated_by: w.cora.id,
                changed: false,
                new_version_on: None,
                notes: None,
            },
            now,
        )
        .await
        .unwrap();
    db.store
        .record_evaluation(
            &NewEvaluation {
                year: 2025,
                evaluated_on: date(2026, 2, 27),
                evaluated_by: w.cora.id,
                changed: true,
                new_version_on: Some(date(2026, 3, 1)),
                notes: Some("Termijnen verkort.".into()),
            },
            now,
        )
        .await
        .unwrap();
    let list = db.store.evaluations().await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].year, 2025);
    assert!(list[0].changed);
    assert_eq!(list[0].new_version_on, Some(date(2026, 3, 1)));
    assert_eq!(list[0].evaluated_by_name, "Cora Coördinator");
    assert_eq!(list[0].notes.as_deref(), Some("Termijnen verkort."));
    assert!(!list[1].changed);
    assert_eq!(
        db.store.latest_evaluation_on().await.unwrap(),
        Some(date(2026, 2, 27))
    );
}

async fn t15_the_latest_report_text_for_exactly_that_report_wins(db: TestDb) {
    let w = World::new(&db.store).await;
    let year = Period::year(2025).unwrap();
    let half = Period::half_year(2025, 1).unwrap();
    assert_eq!(
        db.store
            .report_text(ReportKind::Annual, year)
            .await
            .unwrap(),
        None
    );
    db.store
        .write_report_text(
            ReportKind::Annual,
            year,
            "Eerste versie.",
            w.cora.id,
            ts("2026-01-10T10:00:00Z"),
        )
        .await
        .unwrap();
    db.store
        .write_report_text(
            ReportKind::Annual,
            year,
            "Tweede versie.",
            w.cora.id,
            ts("2026-01-11T10:00:00Z"),
        )
        .await
        .unwrap();
    db.store
        .write_report_text(
            ReportKind::HalfYear,
            half,
            "Halfjaar.",
            w.cora.id,
            ts("2026-01-12T10:00:00Z"),
        )
        .await
        .unwrap();
    let t = db
        .store
        .report_text(ReportKind::Annual, year)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(t.text, "Tweede versie.");
    assert_eq!(t.written_by_name, "Cora Coördinator");
    assert_eq!(t.written_at, ts("2026-01-11T10:00:00Z"));
    // The same days as another kind, or a different period, are other reports.
    assert_eq!(
        db.store
            .report_text(ReportKind::Period, year)
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        db.store
            .report_text(ReportKind::HalfYear, half)
            .await
            .unwrap()
            .unwrap()
            .text,
        "Halfjaar."
    );
    let empty = db
        .store
        .write_report_text(
            ReportKind::Annual,
            year,
            "",
            w.cora.id,
            ts("2026-01-12T10:00:00Z"),
        )
        .await
        .unwrap_err();
    assert!(matches!(empty, StoreError::Invalid { ref field, .. } if field == "text"));
}

async fn t13_a_period_report_shows_the_recommendations_that_bear_on_it(db: TestDb) {
    let w = World::new(&db.store).await;
    let st = &db.store;
    let c = w
        .create(
            Some(&w.sam),
            new_complaint(Channel::Phone, ts("2025-03-01T10:00:00Z"), "Jan", "x"),
            ts("2025-03-01T10:00:00Z"),
        )
        .await;
    // Made in 2025 H1, rejected in H1: only H1 shows it.
    let rejected = st
        .create_recommendation("Afgewezen", "t", w.cora.id, ts("2025-02-01T10:00:00Z"))
        .await
        .unwrap();
    st.decide_recommendation(
        rejected,
        false,
        "Te duur.",
        w.dirk.id,
        ts("2025-03-01T10:00:00Z"),
    )
    .await
    .unwrap();
    // Made in H1, adopted in H1, an action done in H2: H1 and H2 show it; 2026 H1 does not.
    let adopted = st
        .create_recommendation("Aangenomen", "t", w.cora.id, ts("2025-04-01T10:00:00Z"))
        .await
        .unwrap();
    st.link_complaints(
        adopted,
        &[c.reference.to_string()],
        w.cora.id,
        ts("2025-04-01T10:00:00Z"),
    )
    .await
    .unwrap();
    st.decide_recommendation(adopted, true, "Ja.", w.dirk.id, ts("2025-04-02T10:00:00Z"))
        .await
        .unwrap();
    let aid = st
        .add_action(
            adopted,
            "Doen",
            w.hans.id,
            date(2025, 8, 1),
            w.cora.id,
            ts("2025-04-03T10:00:00Z"),
        )
        .await
        .unwrap();
    st.update_action(
        aid,
        &ActionChange {
            status: Some(ActionStatus::Done),
            result: Some(Some("Gedaan.".into())),
            ..ActionChange::default()
        },
        w.hans.id,
        ts("2025-09-01T10:00:00Z"),
    )
    .await
    .unwrap();
    // Adopted in H1 with an action still open: every later period shows it, as overdue once due.
    let open = st
        .create_recommendation("Loopt nog", "t", w.cora.id, ts("2025-05-01T10:00:00Z"))
        .await
        .unwrap();
    st.decide_recommendation(open, true, "Ja.", w.dirk.id, ts("2025-05-02T10:00:00Z"))
        .await
        .unwrap();
    st.add_action(
        open,
        "Nog doen",
        w.hans.id,
        date(2025, 10, 1),
        w.cora.id,
        ts("2025-05-03T10:00:00Z"),
    )
    .await
    .unwrap();
    // Proposed in 2026: not in 2025's reports (made after them), in 2026 H1.
    let later = st
        .create_recommendation("Later", "t", w.cora.id, ts("2026-01-15T10:00:00Z"))
        .await
        .unwrap();

    let as_of = date(2026, 2, 1);
    let ids =
        |v: &[klacht_core::reports::RecommendationLine]| v.iter().map(|r| r.id).collect::<Vec<_>>();
    let h1 = st
        .report_register(Period::half_year(2025, 1).unwrap(), as_of)
        .await
        .unwrap();
    assert_eq!(ids(&h1), vec![rejected, adopted, open]);
    let h2 = st
        .report_register(Period::half_year(2025, 2).unwrap(), as_of)
        .await
        .unwrap();
    assert_eq!(ids(&h2), vec![adopted, open]);
    let next = st
        .report_register(Period::half_year(2026, 1).unwrap(), as_of)
        .await
        .unwrap();
    assert_eq!(ids(&next), vec![open, later]);

    let line = h1.iter().find(|r| r.id == adopted).unwrap();
    assert_eq!(line.complaints, vec![c.reference.to_string()]);
    assert_eq!(line.complaint_count, Count::Exact(1));
    assert_eq!(line.decided_by.as_deref(), Some("Dirk Directeur"));
    assert_eq!(line.decided_on, Some(date(2025, 4, 2)));
    assert_eq!(line.actions[0].status, ActionStatus::Done);
    assert_eq!(line.actions[0].result.as_deref(), Some("Gedaan."));
    assert_eq!(line.actions[0].owner.as_deref(), Some("Hans Handler"));
    assert!(!line.actions[0].overdue);
    let o = h2.iter().find(|r| r.id == open).unwrap();
    assert!(
        o.actions[0].overdue,
        "open and due 1 October, as of 1 February"
    );
    let r = h1.iter().find(|r| r.id == rejected).unwrap();
    assert_eq!(r.status, RecommendationStatus::Rejected);
    assert_eq!(r.reason.as_deref(), Some("Te duur."));
}
