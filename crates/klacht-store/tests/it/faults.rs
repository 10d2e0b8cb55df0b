//! Faults of the database itself: a full disk on SQLite (made on demand with the store's page
//! cap, `PRAGMA max_page_count`, so that no root and no small filesystem are needed) and a
//! commit that fails on PostgreSQL. What must hold: a write that failed is never acknowledged,
//! every acknowledged one is stored, no reference is handed out twice, and the first write after
//! the fault passes without a restart.

use crate::support::fixtures::{World, new_complaint, ts};
use crate::support::{TestDb, run_postgres, run_sqlite};
#[allow(dead_code, unused_macros)] // shared with store.rs, which uses all of it
use klacht_core::procedure::Command;
use klacht_core::{Channel, Reference};
use klacht_store::traits::*;
use klacht_store::{Backend, StoreError};
use std::collections::BTreeSet;

/// Starts `n` new complaints at once; returns, in order, what each caller was told.
async fn burst(w: &World, n: usize, tag: &str) -> Vec<Result<Reference, StoreError>> {
    let at = ts("2026-03-02T10:00:00Z");
    let mut tasks = Vec::new();
    for i in 0..n {
        let new = new_complaint(
            Channel::Web,
            at,
            &format!("Klager {tag} {i}"),
            &format!(
                "Klacht {tag} nummer {i}, met een beschrijving die ruimte vraagt. {}",
                "x".repeat(600)
            ),
        );
        let rec = w.record(None, new, at);
        let store = w.store.clone();
        tasks.push(tokio::spawn(async move {
            store.create_complaint(rec).await.map(|(_, r)| r)
        }));
    }
    let mut out = Vec::new();
    for t in tasks {
        out.push(t.await.expect("task"));
    }
    out
}

async fn stored_references(db: &TestDb) -> Vec<String> {
    db.fetch("SELECT reference FROM complaints ORDER BY reference", &[])
        .await
        .iter()
        .map(|r| sqlx::Row::try_get::<String, _>(r, 0).unwrap())
        .collect()
}

async fn page_count(db: &TestDb) -> u64 {
    let rows = db.fetch("PRAGMA page_count", &[]).await;
    let n: i64 = sqlx::Row::try_get(&rows[0], 0).unwrap();
    u64::try_from(n).unwrap()
}

/// Asserts what was acknowledged against what is stored: every acknowledged reference once in
/// the database with an intact chain, and nothing stored that was not acknowledged.
async fn acknowledged_equals_stored(db: &TestDb, acknowledged: &[Reference]) {
    let unique: BTreeSet<String> = acknowledged.iter().map(ToString::to_string).collect();
    assert_eq!(
        unique.len(),
        acknowledged.len(),
        "a reference was handed out twice"
    );
    let stored = stored_references(db).await;
    let stored_set: BTreeSet<String> = stored.iter().cloned().collect();
    assert_eq!(
        stored.len(),
        stored_set.len(),
        "a reference is stored twice"
    );
    let lost: Vec<&String> = unique.difference(&stored_set).collect();
    assert!(lost.is_empty(), "acknowledged and not stored: {lost:?}");
    let unacknowledged: Vec<&String> = stored_set.difference(&unique).collect();
    assert!(
        unacknowledged.is_empty(),
        "stored without being acknowledged: {unacknowledged:?}"
    );
    for r in acknowledged {
        assert_eq!(db.store.verify_chain(r).await.expect("verify"), None, "{r}");
    }
}

fn split(results: Vec<Result<Reference, StoreError>>) -> (Vec<Reference>, Vec<StoreError>) {
    let mut ok = Vec::new();
    let mut failed = Vec::new();
    for r in results {
        match r {
            Ok(r) => ok.push(r),
            Err(e) => failed.push(e),
        }
    }
    (ok, failed)
}

#[tokio::test]
async fn a_full_disk_acknowledges_only_what_it_stored_and_the_next_write_passes_without_a_restart()
{
    run_sqlite(|db| async move {
        let w = World::new(&db.store).await;
        let mut acknowledged = Vec::new();
        let (ok, failed) = split(burst(&w, 20, "voor").await);
        assert_eq!((ok.len(), failed.len()), (20, 0));
        acknowledged.extend(ok);

        // Three times: the disk fills up under a burst, then space comes back.
        for round in 0..3 {
            let room = page_count(&db).await + 8;
            db.store.limit_sqlite_pages(Some(room));
            let (ok, failed) = split(burst(&w, 120, &format!("vol{round}")).await);
            assert!(
                failed.len() >= 60,
                "round {round}: the disk was full, yet {} of 120 were acknowledged",
                ok.len()
            );
            for e in &failed {
                assert!(
                    matches!(e, StoreError::Unavailable(_)),
                    "round {round}: a full disk is 'unavailable', not {e:?}"
                );
            }
            acknowledged.extend(ok);
            // Reads go on while the disk is full.
            assert!(!stored_references(&db).await.is_empty());

            db.store.limit_sqlite_pages(None);
            let first = burst(&w, 1, &format!("daarna{round}")).await;
            let (ok, failed) = split(first);
            assert!(
                failed.is_empty(),
                "round {round}: the first write after space returned failed: {failed:?}"
            );
            acknowledged.extend(ok);
            let (ok, failed) = split(burst(&w, 40, &format!("weer{round}")).await);
            assert_eq!((ok.len(), failed.len()), (40, 0), "round {round}");
            acknowledged.extend(ok);
            acknowledged_equals_stored(&db, &acknowledged).await;
        }
    })
    .await;
}

#[tokio::test]
async fn a_full_disk_refuses_steps_and_read_logs_and_they_pass_once_space_returns() {
    run_sqlite(|db| async move {
        let w = World::new(&db.store).await;
        let at = ts("2026-03-02T10:00:00Z");
        let mut case = w
            .create(
                None,
                new_complaint(Channel::Web, at, "Anna Klager", "Een klacht."),
                at,
            )
            .await;
        let note = |i: usize| Command::AddNote {
            text: format!("Notitie {i}: {}", "tekst die ruimte vraagt ".repeat(200)),
        };
        db.store.limit_sqlite_pages(Some(page_count(&db).await));
        // Steps fill what room the pages still have; then each is refused, and none of the
        // refused ones is in the dossier.
        let mut refused = 0;
        for i in 0..60 {
            let (events, next) = w.decide(&case.state, &w.cora, note(i), at);
            match db
                .store
                .append(case.id, case.state.version, &events, &next)
                .await
            {
                Ok(()) if refused == 0 => {
                    case.events.extend(events);
                    case.state = next;
                }
                Ok(()) => panic!("step {i} was acknowledged after {refused} were refused"),
                Err(e) => {
                    assert!(matches!(e, StoreError::Unavailable(_)), "{e:?}");
                    refused += 1;
                }
            }
            if refused == 3 {
                break;
            }
        }
        assert_eq!(refused, 3, "60 long notes fitted on a full disk");
        let mut reads_refused = 0;
        for _ in 0..300 {
            if let Err(e) = db.store.log_read(case.id, w.cora.id, at).await {
                assert!(matches!(e, StoreError::Unavailable(_)), "{e:?}");
                reads_refused += 1;
            }
        }
        assert!(reads_refused > 0, "300 read-log entries fitted in no pages");

        db.store.limit_sqlite_pages(None);
        let (events, next) = w.decide(&case.state, &w.cora, note(99), at);
        db.store
            .append(case.id, case.state.version, &events, &next)
            .await
            .expect("the first step after space returned");
        case.state = next;
        db.store
            .log_read(case.id, w.cora.id, at)
            .await
            .expect("the first read log after space returned");
        let d = db.store.load(&case.reference).await.unwrap().unwrap();
        assert_eq!(d.state.version, case.state.version);
        assert_eq!(d.events.len(), usize::try_from(case.state.version).unwrap());
        assert_eq!(db.store.verify_chain(&case.reference).await.unwrap(), None);
    })
    .await;
}

/// PostgreSQL: a commit that fails (here a deferred constraint, checked at COMMIT) is an error
/// for every caller of the group, the next commit passes, and what was acknowledged is stored.
#[tokio::test]
async fn postgres_a_failing_commit_acknowledges_nothing_and_the_next_commit_passes() {
    run_postgres(|db| async move {
        assert_eq!(db.backend(), Backend::Postgres);
        let w = World::new(&db.store).await;
        db.exec("CREATE TABLE commit_fault (on_ BOOLEAN NOT NULL)", &[])
            .await;
        db.exec("INSERT INTO commit_fault VALUES (false)", &[])
            .await;
        db.exec(
            "CREATE FUNCTION fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
             IF (SELECT on_ FROM commit_fault) THEN RAISE EXCEPTION 'disk full (test)' \
             USING ERRCODE = '53100'; END IF; RETURN NULL; END $$",
            &[],
        )
        .await;
        db.exec(
            "CREATE CONSTRAINT TRIGGER fail_commit AFTER INSERT ON complaints \
             DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fail_commit()",
            &[],
        )
        .await;
        let mut acknowledged = Vec::new();
        let (ok, _) = split(burst(&w, 10, "voor").await);
        assert_eq!(ok.len(), 10);
        acknowledged.extend(ok);
        db.exec("UPDATE commit_fault SET on_ = true", &[]).await;
        let (ok, failed) = split(burst(&w, 60, "vol").await);
        assert_eq!((ok.len(), failed.len()), (0, 60));
        for e in &failed {
            assert!(matches!(e, StoreError::Unavailable(_)), "{e:?}");
        }
        db.exec("UPDATE commit_fault SET on_ = false", &[]).await;
        let (ok, failed) = split(burst(&w, 30, "daarna").await);
        assert_eq!((ok.len(), failed.len()), (30, 0));
        acknowledged.extend(ok);
        acknowledged_equals_stored(&db, &acknowledged).await;
    })
    .await;
}
