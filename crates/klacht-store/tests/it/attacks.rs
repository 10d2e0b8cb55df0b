//! Attack probes against the store, on SQLite and PostgreSQL: classic SQL-injection payloads in
//! every text the store is asked to look up or filter by change nothing and match nothing; stored
//! as a complaint's texts they read back as written; and any search text at all (full-text
//! syntax, quotes, control characters, any Unicode) lists without an error. Plus the list
//! cursor's parser, fuzzed.
//!
//! Case counts are bounded for CI; `KLACHT_FUZZ_CASES=N` runs each property N times.

// The harness is shared with the other store tests; this one uses only part of it.
use crate::support::TestDb;
use crate::support::fixtures::{World, new_complaint, ts};
#[allow(dead_code)]
use klacht_core::Channel;
use klacht_store::traits::*;
use klacht_store::{Cursor, ListFilter, Scope, SessionTimes, Sort};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::collections::BTreeSet;

contract!(
    sql_payloads_in_every_lookup_and_filter_match_nothing_and_change_nothing,
    sql_payloads_as_a_complaints_texts_read_back_as_written_and_find_it,
    any_search_text_lists_without_an_error_and_only_from_what_is_there,
);

fn config(default: u32) -> Config {
    let cases = std::env::var("KLACHT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        max_shrink_iters: 500,
        // The smallest failing input is printed; no files of seeds beside the sources.
        failure_persistence: None,
        ..Config::default()
    }
}

/// Classic payloads: quotes that end a literal, comments, stacked statements, unions, tautologies,
/// sleeps, LIKE wildcards, full-text syntax of SQLite (FTS5) and PostgreSQL (tsquery), encodings.
const PAYLOADS: &[&str] = &[
    "'",
    "''",
    "\"",
    "`",
    "\\",
    "' OR '1'='1",
    "' OR 1=1 --",
    "\" OR \"\"=\"",
    "') OR ('x'='x",
    "1' OR '1'='1' /*",
    "'; DROP TABLE complaints; --",
    "'; DELETE FROM users; --",
    "1; UPDATE users SET active = 0",
    "' UNION SELECT email, name FROM users --",
    "' UNION ALL SELECT NULL, NULL, NULL --",
    "'; SELECT pg_sleep(5); --",
    "' AND 1=(SELECT COUNT(*) FROM sqlite_master) --",
    "1 AND randomblob(1000000000)",
    "%",
    "_",
    "%' --",
    "*",
    "zq*",
    "NEAR(zq xv)",
    "zq OR xv",
    "zq AND NOT xv",
    "^zq",
    "name:zq",
    "{zq xv}:kw",
    "zq & xv | !kw",
    "zq:*",
    "<->",
    "%00",
    "\u{ff07} OR 1=1",
    "$9",
    "?",
    ":zqname",
];

/// The rows of every table that a lookup must not change.
async fn census(db: &TestDb) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for table in [
        "users",
        "user_roles",
        "api_tokens",
        "complaints",
        "events",
        "personal_data",
        "sessions",
        "status_links",
        "account_links",
        "outbox",
    ] {
        let rows = db
            .fetch(&format!("SELECT COUNT(*) FROM {table}"), &[])
            .await;
        let n = sqlx::Row::try_get::<i64, _>(&rows[0], 0).unwrap();
        out.push((table.to_owned(), n));
    }
    out
}

fn everything(user: klacht_core::UserId) -> Scope {
    Scope {
        user,
        all: true,
        escalated: true,
        board: true,
        about: None,
        none: false,
    }
}

async fn listed(db: &TestDb, scope: Scope, filter: &ListFilter, sort: Sort) -> BTreeSet<String> {
    db.store
        .list(scope, filter, sort, None, 500)
        .await
        .unwrap_or_else(|e| panic!("{filter:?} {sort:?}: {e}"))
        .items
        .into_iter()
        .map(|i| i.reference.to_string())
        .collect()
}

async fn three(w: &World) -> BTreeSet<String> {
    let mut refs = BTreeSet::new();
    for (i, (name, text)) in [
        ("Anna de Vries", "De fietsenstalling was dicht."),
        ("Piet Bakker", "Niemand nam de telefoon op."),
        ("Els Smit", "De brief kwam te laat."),
    ]
    .into_iter()
    .enumerate()
    {
        let at = ts(&format!("2025-03-0{}T09:00:00Z", i + 3));
        refs.insert(
            w.create(None, new_complaint(Channel::Web, at, name, text), at)
                .await
                .reference
                .to_string(),
        );
    }
    refs
}

async fn sql_payloads_in_every_lookup_and_filter_match_nothing_and_change_nothing(db: TestDb) {
    let w = World::new(&db.store).await;
    let all = three(&w).await;
    let scope = everything(w.cora.id);
    let now = ts("2025-03-10T09:00:00Z");
    let before = census(&db).await;
    for payload in PAYLOADS {
        for sort in [Sort::Newest, Sort::NextDue] {
            let filters = [
                ListFilter {
                    text: Some((*payload).to_owned()),
                    ..ListFilter::default()
                },
                ListFilter {
                    category: Some((*payload).to_owned()),
                    ..ListFilter::default()
                },
                ListFilter {
                    severity: Some((*payload).to_owned()),
                    ..ListFilter::default()
                },
            ];
            for f in &filters {
                assert_eq!(
                    listed(&db, scope, f, sort).await,
                    BTreeSet::new(),
                    "{payload:?} matched something: {f:?}"
                );
            }
        }
        assert!(db.store.user_by_email(payload).await.unwrap().is_none());
        assert!(db.store.user_by_token(payload).await.unwrap().is_none());
        assert!(
            db.store
                .user_by_calendar_token(payload)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            db.store
                .session(payload, SessionTimes::default(), now)
                .await
                .unwrap()
                .is_none()
        );
        assert!(db.store.status_link(payload).await.unwrap().is_none());
        assert!(db.store.account_link(payload, now).await.unwrap().is_none());
        db.store.end_session(payload).await.unwrap();
    }
    assert_eq!(census(&db).await, before, "a lookup changed the database");
    assert_eq!(
        listed(&db, scope, &ListFilter::default(), Sort::Newest).await,
        all,
        "every complaint is still there"
    );
}

async fn sql_payloads_as_a_complaints_texts_read_back_as_written_and_find_it(db: TestDb) {
    let w = World::new(&db.store).await;
    three(&w).await;
    let scope = everything(w.cora.id);
    for (i, payload) in PAYLOADS.iter().enumerate() {
        let at = ts("2025-03-10T09:00:00Z");
        let name = format!("Kwaadwillende{i} {payload}");
        let description = format!("Zoekwoord{i} {payload} einde");
        let mut new = new_complaint(Channel::Web, at, &name, &description);
        new.complainant.address = Some((*payload).to_owned());
        new.on_behalf_of = Some((*payload).to_owned());
        let case = w.create(None, new, at).await;
        let stored = db.store.load(&case.reference).await.unwrap().unwrap();
        let c = stored.state.complainant.get().unwrap();
        assert_eq!(c.name, name);
        assert_eq!(c.address.as_deref(), Some(*payload));
        assert_eq!(stored.state.description.get().unwrap(), &description);
        assert_eq!(
            stored
                .state
                .on_behalf_of
                .as_ref()
                .and_then(|o| o.get())
                .map(String::as_str),
            Some(*payload)
        );
        let found = listed(
            &db,
            scope,
            &ListFilter {
                text: Some(format!("zoekwoord{i}")),
                ..ListFilter::default()
            },
            Sort::Newest,
        )
        .await;
        assert_eq!(
            found,
            BTreeSet::from([case.reference.to_string()]),
            "{payload:?}"
        );
    }
    // All of it is still one table each, with every complaint in it.
    let rows = db.fetch("SELECT COUNT(*) FROM complaints", &[]).await;
    let n = sqlx::Row::try_get::<i64, _>(&rows[0], 0).unwrap();
    assert_eq!(usize::try_from(n).unwrap(), 3 + PAYLOADS.len());
}

/// NUL, which PostgreSQL cannot hold in text: a lookup or filter with it finds nothing, as any
/// other unknown text does (it was a database error on PostgreSQL, answered with a 500 by the API
/// and the pages: `GET /api/v1/complaints?text=%00`, signing in as `a%00b`).
mod a_nul_character_in_a_lookup_or_filter_is_no_database_error {
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn sqlite() {
        crate::support::run_sqlite(super::nul_lookups).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn postgres() {
        crate::support::run_postgres(super::nul_lookups).await;
    }
}

async fn nul_lookups(db: TestDb) {
    let w = World::new(&db.store).await;
    three(&w).await;
    let scope = everything(w.cora.id);
    let mut failures = Vec::new();
    for nul in ["\u{0}", "a\u{0}b"] {
        for (what, filter) in [
            (
                "text",
                ListFilter {
                    text: Some(nul.to_owned()),
                    ..ListFilter::default()
                },
            ),
            (
                "category",
                ListFilter {
                    category: Some(nul.to_owned()),
                    ..ListFilter::default()
                },
            ),
            (
                "severity",
                ListFilter {
                    severity: Some(nul.to_owned()),
                    ..ListFilter::default()
                },
            ),
        ] {
            if let Err(e) = db.store.list(scope, &filter, Sort::Newest, None, 50).await {
                failures.push(format!("list {what}={nul:?}: {e}"));
            }
        }
        if let Err(e) = db.store.user_by_email(nul).await {
            failures.push(format!("user_by_email({nul:?}): {e}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Search text: any Unicode, full-text and SQL syntax, control characters.
fn search_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(PAYLOADS.to_vec()).prop_map(str::to_owned),
        Just("fietsenstalling".to_owned()),
        Just("Bakker".to_owned()),
        Just(" ".to_owned()),
        // NUL is its own probe above: PostgreSQL refuses it.
        "[\\x01-\\x1f\\x7f]",
        "\\PC{1,6}",
        "[a-z]{1,8}",
    ];
    prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
}

async fn any_search_text_lists_without_an_error_and_only_from_what_is_there(db: TestDb) {
    let w = World::new(&db.store).await;
    let all = three(&w).await;
    let scope = everything(w.cora.id);
    let mut runner = TestRunner::new(config(150));
    let handle = tokio::runtime::Handle::current();
    let outcome = runner.run(&(search_text(), any::<bool>()), |(text, due)| {
        let sort = if due { Sort::NextDue } else { Sort::Newest };
        let filter = ListFilter {
            text: Some(text.clone()),
            ..ListFilter::default()
        };
        let page = tokio::task::block_in_place(|| {
            handle.block_on(db.store.list(scope, &filter, sort, None, 500))
        });
        let page = page.map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
        for item in &page.items {
            prop_assert!(all.contains(&item.reference.to_string()));
        }
        Ok(())
    });
    if let Err(e) = outcome {
        panic!("{e}");
    }
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn a_list_cursor_decodes_only_from_its_own_encoding(s in "\\PC{0,24}|[nd]\\.[0-9.-]{0,20}") {
        if let Some(c) = Cursor::decode(&s) {
            prop_assert_eq!(Cursor::decode(&c.encode()), Some(c));
        }
    }

    #[test]
    fn every_cursor_round_trips(id in any::<i64>(), due in prop::option::of((1i16..=9999, 1i8..=12, 1i8..=28))) {
        let c = match due {
            None => Cursor::Newest { id },
            Some((y, m, d)) => Cursor::NextDue {
                due: jiff::civil::Date::new(y, m, d).unwrap().to_string(),
                id,
            },
        };
        prop_assert_eq!(Cursor::decode(&c.encode()), Some(c));
    }
}
