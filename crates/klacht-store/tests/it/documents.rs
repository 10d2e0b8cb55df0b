//! Which stored files the dossiers refer to (for the sweep of files nobody refers to), on both
//! backends.

use crate::support::TestDb;
use crate::support::fixtures::{World, new_complaint, ts};
use klacht_core::Channel;
use klacht_core::personal::Personal;
use klacht_core::procedure::{Command, Document};
use klacht_store::traits::*;
use std::collections::HashSet;

contract!(
    every_document_a_dossier_names_is_referenced_until_it_is_anonymised,
    referenced_documents_are_read_past_a_page_of_a_thousand,
);

fn doc(sha: &str, name: &str) -> Document {
    Document {
        sha256: sha.to_owned(),
        filename: Personal::new(name.to_owned()),
        content_type: "application/pdf".to_owned(),
        size: 10,
    }
}

async fn every_document_a_dossier_names_is_referenced_until_it_is_anonymised(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2025-03-10T09:00:00Z");
    assert!(db.store.referenced_documents().await.unwrap().is_empty());
    // From the public, with two files: one `complainant_added` event.
    let mut web = new_complaint(Channel::Web, at, "Anna Klager", "Met bijlagen.");
    web.documents = vec![doc("aa01", "brief.pdf"), doc("aa02", "foto.pdf")];
    w.create(None, web, at).await;
    // Registered by staff, a document attached later: `document_attached`.
    let mut case = w
        .create(
            Some(&w.cora),
            new_complaint(Channel::Phone, at, "Bob Beller", "Telefonisch."),
            at,
        )
        .await;
    w.act(
        &mut case,
        &w.cora,
        Command::AttachDocument {
            document: doc("bb01", "verslag.pdf"),
        },
        at,
    )
    .await;
    // A complaint without documents adds nothing.
    w.create(
        None,
        new_complaint(Channel::Web, at, "Cas Zonder", "Geen bijlage."),
        at,
    )
    .await;
    let expected: HashSet<String> = ["aa01", "aa02", "bb01"].map(str::to_owned).into();
    assert_eq!(db.store.referenced_documents().await.unwrap(), expected);
    // Anonymised: the dossier no longer counts as referring to its file, so that it goes too.
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
    let expected: HashSet<String> = ["aa01", "aa02"].map(str::to_owned).into();
    assert_eq!(db.store.referenced_documents().await.unwrap(), expected);
}

async fn referenced_documents_are_read_past_a_page_of_a_thousand(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2025-03-10T09:00:00Z");
    let records = (0..1001)
        .map(|i| {
            let mut c = new_complaint(Channel::Web, at, &format!("Klager{i}"), "Bijlage.");
            c.documents = vec![doc(&format!("{i:04}"), "brief.pdf")];
            w.record(None, c, at)
        })
        .collect();
    db.store.create_complaints(records).await.unwrap();
    let found = db.store.referenced_documents().await.unwrap();
    assert_eq!(found.len(), 1001);
    assert!(found.contains("0000") && found.contains("1000"));
}
