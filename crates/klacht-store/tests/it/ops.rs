//! The operator's checks and copies (`klacht verify`, `klacht backup`), on both backends:
//! every dossier checked in batches with each broken one listed, the documents the dossiers
//! refer to, and a copy that holds one consistent moment while complaints keep coming in.

use crate::support::fixtures::{Case, World, new_complaint, ts};
use crate::support::{P, TestDb};
#[allow(dead_code)] // shared with store.rs, which uses all of it
use klacht_core::procedure::{Command, Document};
use klacht_core::{Channel, Personal};
use klacht_store::traits::*;
use klacht_store::{Backend, Broken};
use klacht_store_any::Store;

contract!(
    t12_verify_all_lists_every_broken_dossier_with_its_first_bad_event,
    verify_all_names_the_documents_the_dossiers_refer_to,
    a_copy_taken_while_complaints_come_in_is_one_consistent_moment,
);

async fn complaints(w: &World, n: usize) -> Vec<Case> {
    let mut cases = Vec::new();
    for i in 0..n {
        let at = ts(&format!("2025-04-{:02}T09:00:00Z", i + 1));
        let mut case = w
            .create(
                Some(&w.cora),
                new_complaint(
                    Channel::Letter,
                    at,
                    &format!("Kees Visser{i}"),
                    "De factuur klopt niet.",
                ),
                at,
            )
            .await;
        w.act(
            &mut case,
            &w.cora,
            Command::AddNote {
                text: format!("Gebeld met Visser{i}."),
            },
            at,
        )
        .await;
        cases.push(case);
    }
    cases
}

async fn t12_verify_all_lists_every_broken_dossier_with_its_first_bad_event(db: TestDb) {
    let w = World::new(&db.store).await;
    let cases = complaints(&w, 7).await;
    let intact = db.store.verify_all().await.unwrap();
    assert_eq!(intact.complaints, 7);
    assert_eq!(intact.broken, Vec::new());

    // A rewritten event body (complaint 1, its note), a forged personal text (complaint 4, its
    // registration) and a dossier whose last event was removed (complaint 6).
    db.exec(
        "UPDATE events SET body = REPLACE(body, 'note', 'notes') WHERE complaint_id = $1 AND kind = 'note_added'",
        &[P::I(cases[1].id)],
    )
    .await;
    assert_eq!(
        db.exec(
            "UPDATE personal_data SET data = REPLACE(data, 'factuur', 'service') WHERE complaint_id = $1 AND seq = 1",
            &[P::I(cases[4].id)],
        )
        .await,
        1
    );
    let last = i64::try_from(cases[6].events.len()).unwrap();
    db.exec(
        "DELETE FROM personal_data WHERE complaint_id = $1 AND seq = $2",
        &[P::I(cases[6].id), P::I(last)],
    )
    .await;
    assert_eq!(
        db.exec(
            "DELETE FROM events WHERE complaint_id = $1 AND seq = $2",
            &[P::I(cases[6].id), P::I(last)],
        )
        .await,
        1
    );
    // Anonymisation is not tampering.
    db.erase_personal_data(cases[2].id).await;

    let expected = vec![
        Broken {
            reference: cases[1].reference.to_string(),
            seq: last,
        },
        Broken {
            reference: cases[4].reference.to_string(),
            seq: 1,
        },
        Broken {
            reference: cases[6].reference.to_string(),
            seq: last,
        },
    ];
    // Batches of 3 (a broken dossier at a batch's start, middle and end), of 1, and the default
    // all find the same.
    for batch in [3, 1, 500] {
        let found = db.store.verify_all_in_batches(batch).await.unwrap();
        assert_eq!(found.complaints, 7, "batch {batch}");
        assert_eq!(found.broken, expected, "batch {batch}");
    }
}

async fn verify_all_names_the_documents_the_dossiers_refer_to(db: TestDb) {
    let w = World::new(&db.store).await;
    let mut cases = complaints(&w, 2).await;
    let sha = "ab".repeat(32);
    w.act(
        &mut cases[1],
        &w.cora,
        Command::AttachDocument {
            document: Document {
                sha256: sha.clone(),
                filename: Personal::new("brief van Visser.pdf".to_owned()),
                content_type: "application/pdf".into(),
                size: 1234,
            },
        },
        ts("2025-04-20T09:00:00Z"),
    )
    .await;
    let found = db.store.verify_all().await.unwrap();
    assert_eq!(found.broken, Vec::new());
    assert_eq!(
        found.documents.into_iter().collect::<Vec<_>>(),
        vec![(sha, cases[1].reference.to_string())]
    );
}

async fn a_copy_taken_while_complaints_come_in_is_one_consistent_moment(db: TestDb) {
    let w = World::new(&db.store).await;
    complaints(&w, 20).await;
    // Complaints keep coming in while the copy is taken.
    let writer = {
        let store = db.store.clone();
        let records: Vec<_> = (0..60)
            .map(|i| {
                let at = ts("2025-05-01T09:00:00Z");
                w.record(
                    None,
                    new_complaint(Channel::Web, at, &format!("Els Smit{i}"), "Niemand belde."),
                    at,
                )
            })
            .collect();
        tokio::spawn(async move {
            for r in records {
                store.create_complaint(r).await.unwrap();
            }
        })
    };
    match db.backend() {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            let copy = dir.path().join("copy.db");
            let counts = db.store.copy_sqlite_into(&copy).await.unwrap();
            writer.await.unwrap();
            assert!(counts.complaints >= 20, "{counts:?}");
            assert_eq!(counts.users, 5);
            // One file, no write-ahead log beside it.
            let names: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            assert_eq!(names, vec!["copy.db".to_owned()]);
            assert_eq!(
                klacht_store_any::sqlite_file_counts(&copy).await.unwrap(),
                counts
            );
            let opened = Store::connect(&format!("sqlite://{}", copy.display()))
                .await
                .unwrap();
            let v = opened.verify_all().await.unwrap();
            assert_eq!(v.broken, Vec::new());
            assert_eq!(i64::try_from(v.complaints).unwrap(), counts.complaints);
            opened.close().await;
        }
        Backend::Postgres => {
            let snapshot = db.store.pg_snapshot().await.unwrap();
            let counts = snapshot.counts();
            assert!(counts.complaints >= 20, "{counts:?}");
            assert!(!snapshot.id().is_empty());
            writer.await.unwrap();
            snapshot.finish().await.unwrap();
            assert_eq!(db.store.counts().await.unwrap().complaints, 80);
        }
    }
}
