//! Retention and the data-subject desk in the store (K8, T10; AVG art. 12, 16, 17), on both
//! backends: which complaints the round looks at and which are held, what an `anonymised` event
//! takes with it, a correction that rewrites the registration and still verifies (while
//! tampering does not), and the desk's requests with their one extension and settlement.

use crate::support::fixtures::{World, new_complaint, ts};
use crate::support::{P, TestDb};
use jiff::civil::date;
use klacht_core::personal::Personal;
use klacht_core::procedure::Command;
use klacht_core::subject::{Field, Person, RequestKind};
use klacht_core::{Channel, UserId};
use klacht_store::traits::*;
use klacht_store::{ListFilter, LogEntry, NewRequest, Scope, Sort};

contract!(
    t10_the_round_looks_at_ended_complaints_not_anonymised_not_held_longest_ended_first,
    t10_an_anonymised_event_erases_the_personal_data_and_search_entries_and_the_chain_verifies,
    art_16_a_correction_rewrites_the_registration_and_verifies_while_tampering_does_not,
    art_12_a_request_is_extended_once_and_settled_once_with_every_step_logged,
);

fn everything(user: UserId) -> Scope {
    Scope {
        user,
        all: true,
        escalated: false,
        board: false,
        about: None,
        none: false,
    }
}

async fn t10_the_round_looks_at_ended_complaints_not_anonymised_not_held_longest_ended_first(
    db: TestDb,
) {
    let w = World::new(&db.store).await;
    let at = ts("2024-01-02T09:00:00Z");
    let withdraw = Command::Withdraw { reason: None };
    let mut made = Vec::new();
    for (name, ended) in [
        ("Later", "2024-03-01T09:00:00Z"),
        ("Eerder", "2024-02-01T09:00:00Z"),
        ("Bewaard", "2024-01-15T09:00:00Z"),
        ("Gewist", "2024-01-10T09:00:00Z"),
    ] {
        let mut case = w
            .create(
                Some(&w.cora),
                new_complaint(Channel::Phone, at, name, "Niet teruggebeld."),
                at,
            )
            .await;
        w.act(&mut case, &w.cora, withdraw.clone(), ts(ended)).await;
        made.push(case);
    }
    let open = w
        .create(
            Some(&w.cora),
            new_complaint(Channel::Phone, at, "Open", "Loopt nog."),
            at,
        )
        .await;
    let later = made[0].reference.clone();
    let earlier = made[1].reference.clone();
    let held = made[2].reference.clone();
    w.act(
        &mut made[2],
        &w.cora,
        Command::PlaceHold {
            reason: "Zaak bij de rechter.".into(),
        },
        ts("2024-04-01T09:00:00Z"),
    )
    .await;
    w.act(
        &mut made[3],
        &w.cora,
        Command::Anonymise {
            reason: "Verzoek.".into(),
        },
        ts("2024-04-01T09:00:00Z"),
    )
    .await;

    let store = &db.store;
    let all = store
        .retention_candidates(ts("2030-01-01T00:00:00Z"), None, 10)
        .await
        .unwrap();
    assert_eq!(all, [earlier.clone(), later.clone()]);
    let before_march = store
        .retention_candidates(ts("2024-03-01T09:00:00Z"), None, 10)
        .await
        .unwrap();
    assert_eq!(before_march, std::slice::from_ref(&earlier));
    assert_eq!(
        store
            .retention_candidates(ts("2030-01-01T00:00:00Z"), None, 1)
            .await
            .unwrap(),
        std::slice::from_ref(&earlier)
    );
    // The next page starts after the last one seen.
    assert_eq!(
        store
            .retention_candidates(ts("2030-01-01T00:00:00Z"), Some(&earlier), 1)
            .await
            .unwrap(),
        std::slice::from_ref(&later)
    );
    assert_eq!(
        store
            .retention_candidates(ts("2030-01-01T00:00:00Z"), Some(&later), 1)
            .await
            .unwrap(),
        []
    );
    assert_eq!(store.held_complaints(10).await.unwrap(), [held]);
    assert!(!all.contains(&open.reference));
    store.scrub().await.unwrap();
}

async fn t10_an_anonymised_event_erases_the_personal_data_and_search_entries_and_the_chain_verifies(
    db: TestDb,
) {
    let w = World::new(&db.store).await;
    let at = ts("2025-03-10T09:00:00Z");
    let mut case = w
        .create(
            Some(&w.cora),
            new_complaint(Channel::Phone, at, "Zwaantje Quibbelaar", "Fiets gestolen."),
            at,
        )
        .await;
    let kept = w
        .create(
            Some(&w.cora),
            new_complaint(Channel::Phone, at, "Bart Kwelderhuis", "Telefoon."),
            at,
        )
        .await;
    w.act(
        &mut case,
        &w.cora,
        Command::AddNote {
            text: "Sleutel lag bij Quirijn.".into(),
        },
        at,
    )
    .await;
    w.act(&mut case, &w.cora, Command::Withdraw { reason: None }, at)
        .await;
    w.act(
        &mut case,
        &w.cora,
        Command::Anonymise {
            reason: "Verzoek om wissing.".into(),
        },
        at,
    )
    .await;
    let store = &db.store;
    store.scrub().await.unwrap();
    let dossier = store.load(&case.reference).await.unwrap().unwrap();
    assert_eq!(dossier.state.complainant, Personal::Erased);
    assert_eq!(dossier.state.description, Personal::Erased);
    assert_eq!(dossier.state.anonymised_at, Some(at));
    assert_eq!(dossier.events.len(), 4, "the skeleton stays");
    assert_eq!(store.verify_chain(&case.reference).await.unwrap(), None);
    // Only the anonymisation's own reason is personal data of it now.
    let rows = db
        .fetch(
            "SELECT data FROM personal_data WHERE complaint_id = $1",
            &[P::I(case.id)],
        )
        .await;
    assert_eq!(rows.len(), 1);
    for word in ["Quibbelaar", "Quirijn"] {
        let page = store
            .list(
                everything(w.cora.id),
                &ListFilter {
                    text: Some(word.into()),
                    ..ListFilter::default()
                },
                Sort::Newest,
                None,
                10,
            )
            .await
            .unwrap();
        assert!(page.items.is_empty(), "{word} still found");
    }
    let page = store
        .list(
            everything(w.cora.id),
            &ListFilter {
                text: Some("Kwelderhuis".into()),
                ..ListFilter::default()
            },
            Sort::Newest,
            None,
            10,
        )
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].reference, kept.reference);
}

async fn art_16_a_correction_rewrites_the_registration_and_verifies_while_tampering_does_not(
    db: TestDb,
) {
    let w = World::new(&db.store).await;
    let at = ts("2025-03-10T09:00:00Z");
    let mut case = w
        .create(
            Some(&w.cora),
            new_complaint(Channel::Phone, at, "Jan Jansen", "Niet teruggebeld."),
            at,
        )
        .await;
    w.act(
        &mut case,
        &w.cora,
        Command::Rectify {
            field: Field::Name,
            value: "Jan Janssen".into(),
        },
        at,
    )
    .await;
    let store = &db.store;
    let dossier = store.load(&case.reference).await.unwrap().unwrap();
    assert_eq!(
        dossier.state.complainant.get().map(|c| c.name.as_str()),
        Some("Jan Janssen")
    );
    let rows = db
        .fetch(
            "SELECT data FROM personal_data WHERE complaint_id = $1 AND seq = 1",
            &[P::I(case.id)],
        )
        .await;
    let data: String = sqlx::Row::get(&rows[0], 0);
    assert!(
        data.contains("Jan Janssen") && !data.contains("Jan Jansen\""),
        "{data}"
    );
    assert_eq!(store.verify_chain(&case.reference).await.unwrap(), None);
    let found = store
        .list(
            everything(w.cora.id),
            &ListFilter {
                text: Some("Janssen".into()),
                ..ListFilter::default()
            },
            Sort::Newest,
            None,
            10,
        )
        .await
        .unwrap();
    assert_eq!(found.items.len(), 1, "found by the corrected name");
    // Changing the registration otherwise breaks the chain at the registration.
    db.exec(
        "UPDATE personal_data SET data = REPLACE(data, 'Janssen', 'Pietersen') \
         WHERE complaint_id = $1 AND seq = 1",
        &[P::I(case.id)],
    )
    .await;
    assert_eq!(store.verify_chain(&case.reference).await.unwrap(), Some(1));
}

async fn art_12_a_request_is_extended_once_and_settled_once_with_every_step_logged(db: TestDb) {
    let w = World::new(&db.store).await;
    let store = &db.store;
    let at = ts("2026-01-12T09:00:00Z");
    let new = |kind, email: &str, received| NewRequest {
        kind,
        person: Person {
            email: Some(email.into()),
            ..Person::default()
        },
        received_on: received,
        due_on: received.checked_add(jiff::ToSpan::months(1)).unwrap(),
        note: None,
        by: w.cora.id,
        at,
    };
    let a = store
        .create_request(&new(RequestKind::Access, "a@x.nl", date(2026, 1, 12)))
        .await
        .unwrap();
    let b = store
        .create_request(&new(RequestKind::Erasure, "b@x.nl", date(2026, 1, 5)))
        .await
        .unwrap();
    let listed: Vec<i64> = store
        .requests(10)
        .await
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(listed, [b, a], "due first first");
    assert!(
        store
            .extend_request(a, date(2026, 4, 13), "Archief.", w.cora.id, at)
            .await
            .unwrap()
    );
    assert!(
        !store
            .extend_request(a, date(2026, 7, 13), "Nog eens.", w.cora.id, at)
            .await
            .unwrap(),
        "once"
    );
    store
        .log_request(
            a,
            &LogEntry {
                at,
                by: Some(w.cora.id),
                action: "exported".into(),
                reference: None,
                detail: Some("2 complaint(s)".into()),
            },
        )
        .await
        .unwrap();
    assert!(
        store
            .complete_request(a, "Overzicht gestuurd.", w.cora.id, at)
            .await
            .unwrap()
    );
    assert!(
        !store
            .complete_request(a, "Nog eens.", w.cora.id, at)
            .await
            .unwrap()
    );
    let r = store.request(a).await.unwrap().unwrap();
    assert_eq!(r.due_on, date(2026, 4, 13));
    assert_eq!(r.extension_reason.as_deref(), Some("Archief."));
    assert_eq!(r.outcome.as_deref(), Some("Overzicht gestuurd."));
    assert_eq!(r.person.email.as_deref(), Some("a@x.nl"));
    let log: Vec<&str> = r.log.iter().map(|l| l.action.as_str()).collect();
    assert_eq!(log, ["registered", "extended", "exported", "completed"]);
    let listed: Vec<i64> = store
        .requests(10)
        .await
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(listed, [b, a], "open before settled");
    assert_eq!(store.request(9999).await.unwrap(), None);
}
