//! Publishing the annual report on both backends (issue 18; T15, Awb 9:12a): the review of a
//! free text is kept with the digest of the text reviewed (the latest review of an item wins),
//! a year's newest publication is what is public, a withdrawal takes it off the list, and a
//! year can be published again; who and when stay with every publication.

use crate::support::TestDb;
use crate::support::fixtures::{World, ts};
use klacht_store::StoreError;
use klacht_store::traits::*;

contract!(
    t15_a_review_is_of_one_text_by_its_digest_and_the_latest_wins,
    t15_a_published_year_is_listed_until_withdrawn_and_can_be_published_again,
    t15_a_review_with_a_malformed_digest_is_refused,
);

const HASH_A: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const HASH_B: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

async fn t15_a_review_is_of_one_text_by_its_digest_and_the_latest_wins(db: TestDb) {
    let w = World::new(&db.store).await;
    assert!(db.store.text_reviews(2025).await.unwrap().is_empty());
    db.store
        .review_text(
            2025,
            "analysis",
            HASH_A,
            false,
            w.cora.id,
            ts("2026-01-05T10:00:00Z"),
        )
        .await
        .unwrap();
    db.store
        .review_text(
            2025,
            "summary:2025-0001",
            HASH_A,
            true,
            w.cora.id,
            ts("2026-01-05T10:01:00Z"),
        )
        .await
        .unwrap();
    // The analysis is changed and reviewed again: the second review replaces the first.
    db.store
        .review_text(
            2025,
            "analysis",
            HASH_B,
            true,
            w.cora.id,
            ts("2026-01-06T09:00:00Z"),
        )
        .await
        .unwrap();
    // Another year's review of the same item is that year's.
    db.store
        .review_text(
            2024,
            "analysis",
            HASH_A,
            false,
            w.cora.id,
            ts("2026-01-06T09:30:00Z"),
        )
        .await
        .unwrap();
    let reviews = db.store.text_reviews(2025).await.unwrap();
    let seen: Vec<(&str, &str, bool)> = reviews
        .iter()
        .map(|r| (r.item.as_str(), r.text_hash.as_str(), r.fit))
        .collect();
    assert_eq!(
        seen,
        [
            ("analysis", HASH_B, true),
            ("summary:2025-0001", HASH_A, true)
        ]
    );
    let analysis = &reviews[0];
    assert_eq!(analysis.year, 2025);
    assert_eq!(analysis.reviewed_by, w.cora.id);
    assert_eq!(analysis.reviewed_at, ts("2026-01-06T09:00:00Z"));
    assert_eq!(db.store.text_reviews(2024).await.unwrap().len(), 1);
}

async fn t15_a_published_year_is_listed_until_withdrawn_and_can_be_published_again(db: TestDb) {
    let w = World::new(&db.store).await;
    assert!(db.store.publications().await.unwrap().is_empty());
    assert_eq!(db.store.publication(2025).await.unwrap(), None);
    assert!(
        !db.store
            .withdraw_publication(2025, w.cora.id, ts("2026-01-10T10:00:00Z"))
            .await
            .unwrap(),
        "nothing to withdraw"
    );
    let first = db
        .store
        .publish(
            2025,
            r#"{"year": 2025, "v": 1}"#,
            w.cora.id,
            ts("2026-01-10T10:00:00Z"),
        )
        .await
        .unwrap();
    db.store
        .publish(
            2024,
            r#"{"year": 2024}"#,
            w.cora.id,
            ts("2026-01-10T11:00:00Z"),
        )
        .await
        .unwrap();
    let second = db
        .store
        .publish(
            2025,
            r#"{"year": 2025, "v": 2}"#,
            w.cora.id,
            ts("2026-01-12T10:00:00Z"),
        )
        .await
        .unwrap();
    assert_ne!(first, second);
    let listed: Vec<(i16, i64)> = db
        .store
        .publications()
        .await
        .unwrap()
        .iter()
        .map(|p| (p.year, p.id))
        .collect();
    assert_eq!(listed, [(2025, second), (2024, second - 1)]);
    let now = db.store.publication(2025).await.unwrap().unwrap();
    let snapshot: serde_json::Value = serde_json::from_str(&now.report).unwrap();
    assert_eq!(snapshot, serde_json::json!({"year": 2025, "v": 2}));
    assert_eq!(now.published_at, ts("2026-01-12T10:00:00Z"));
    assert_eq!(now.published_by, w.cora.id);
    assert!(now.is_public());

    assert!(
        db.store
            .withdraw_publication(2025, w.dirk.id, ts("2026-02-01T10:00:00Z"))
            .await
            .unwrap()
    );
    assert!(
        !db.store
            .withdraw_publication(2025, w.dirk.id, ts("2026-02-01T10:05:00Z"))
            .await
            .unwrap(),
        "withdrawn once"
    );
    let years: Vec<i16> = db
        .store
        .publications()
        .await
        .unwrap()
        .iter()
        .map(|p| p.year)
        .collect();
    assert_eq!(years, [2024]);
    let gone = db.store.publication(2025).await.unwrap().unwrap();
    assert!(!gone.is_public());
    let (by, _, at) = gone.withdrawn.clone().unwrap();
    assert_eq!((by, at), (w.dirk.id, ts("2026-02-01T10:00:00Z")));

    db.store
        .publish(
            2025,
            r#"{"year": 2025, "v": 3}"#,
            w.cora.id,
            ts("2026-03-01T10:00:00Z"),
        )
        .await
        .unwrap();
    let years: Vec<i16> = db
        .store
        .publications()
        .await
        .unwrap()
        .iter()
        .map(|p| p.year)
        .collect();
    assert_eq!(years, [2025, 2024]);
    // The record: three publications of 2025, the latest first, the second one withdrawn.
    let history = db.store.publication_history(2025).await.unwrap();
    let record: Vec<(bool, i64)> = history
        .iter()
        .map(|p| (p.is_public(), p.published_at.as_second()))
        .collect();
    assert_eq!(
        record,
        [
            (true, ts("2026-03-01T10:00:00Z").as_second()),
            (false, ts("2026-01-12T10:00:00Z").as_second()),
            (true, ts("2026-01-10T10:00:00Z").as_second()),
        ]
    );
}

async fn t15_a_review_with_a_malformed_digest_is_refused(db: TestDb) {
    let w = World::new(&db.store).await;
    let err = db
        .store
        .review_text(
            2025,
            "analysis",
            "not-a-hash",
            true,
            w.cora.id,
            ts("2026-01-05T10:00:00Z"),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid { field, .. } if field == "text_hash"),
        "{err:?}"
    );
    assert!(db.store.text_reviews(2025).await.unwrap().is_empty());
}
