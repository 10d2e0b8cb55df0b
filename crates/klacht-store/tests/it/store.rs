//! The store's contract, proved on both backends: every test is written once as
//! `async fn name(db: TestDb)` and runs as `sqlite::name` (a fresh file database) and
//! `postgres::name` (a fresh database on the server at 127.0.0.1:5432, skipped loudly when the
//! server is not there unless `KLACHT_REQUIRE_POSTGRES=1`).
//!
//! Complaints are built through the real procedure engine (`register`, `decide`) and stored with
//! `create_complaint` / `append`, as the application does.

use crate::support::fixtures::{Case, World, new_complaint, new_user, ts};
use crate::support::{P, TestDb};
use jiff::civil::Date;
use klacht_core::personal::Personal;
use klacht_core::procedure::{Command, Complaint, EventBody, Level, Status, Via};
use klacht_core::{Channel, Outcome, Reference, Role, UserId};
use klacht_store::traits::*;
use klacht_store::{
    Cursor, ListFilter, ListItem, NewRecord, Scope, Sort, StoreError, VersionState,
};
use sqlx::Row;
use std::collections::BTreeSet;
use std::sync::Arc;

async fn t16_the_example_version_is_retired_only_while_nothing_was_handled_under_it(db: TestDb) {
    let store = &db.store;
    let template = klacht_core::profile::builtin("template").expect("template");
    let source = klacht_core::profile::builtin_source("template").expect("source");
    // A new installation's example, never used: retired once the organisation set up its own.
    let seed = store
        .register_profile(&template, source, ts("2026-01-02T08:00:00Z"))
        .await
        .expect("seed");
    assert!(store.retire_unused_seed(seed).await.expect("retire"));
    assert_eq!(store.versions().await.expect("versions").len(), 0);
    assert!(!store.retire_unused_seed(seed).await.expect("twice"));

    // One a complaint was handled under stays: its dossier reads its regulation.
    let w = World::new(store).await;
    w.create(
        None,
        new_complaint(
            Channel::Web,
            ts("2026-01-05T09:00:00Z"),
            "Jan Jansen",
            "Te laat.",
        ),
        ts("2026-01-05T09:00:00Z"),
    )
    .await;
    assert!(!store.retire_unused_seed(w.profile_id).await.expect("used"));

    // One a person adopted stays: it is the organisation's own.
    let coordinator = store
        .create_user(
            &new_user("c@x.nl", "Carla", &[Role::Coordinator]),
            ts("2026-01-01T08:00:00Z"),
        )
        .await
        .expect("user");
    let own_text = source.replace("version = \"2025-1\"", "version = \"2026-1\"");
    let own = klacht_core::profile::parse(&own_text).expect("parses");
    let stored = store
        .store_version(
            &own,
            &own_text,
            VersionState::Adopted,
            Some(coordinator),
            None,
            ts("2026-02-01T09:00:00Z"),
        )
        .await
        .expect("adopted");
    assert!(!store.retire_unused_seed(stored.id).await.expect("own"));
    assert_eq!(store.versions().await.expect("versions").len(), 2);
}

async fn t16_versions_are_drafted_adopted_with_who_and_when_and_drafts_discarded(db: TestDb) {
    let store = &db.store;
    let coordinator = store
        .create_user(
            &new_user("c@x.nl", "Carla", &[Role::Coordinator]),
            ts("2026-01-01T08:00:00Z"),
        )
        .await
        .expect("user");
    let template = klacht_core::profile::builtin("template").expect("template");
    let source = klacht_core::profile::builtin_source("template").expect("source");
    // The first version, by the operator (`serve --profile`): adopted.
    let first = store
        .register_profile(&template, source, ts("2026-01-02T08:00:00Z"))
        .await
        .expect("seed");

    // A draft: stored, not adopted, by whom.
    let draft_text = source.replace("version = \"2025-1\"", "version = \"2027-1\"");
    let draft_profile = klacht_core::profile::parse(&draft_text).expect("draft parses");
    let draft = store
        .store_version(
            &draft_profile,
            &draft_text,
            VersionState::Draft,
            Some(coordinator),
            Some("Nieuwe termijnen"),
            ts("2026-11-01T09:00:00Z"),
        )
        .await
        .expect("draft");
    assert!(draft.created);
    assert_eq!(draft.state, VersionState::Draft);
    // The same text again: the same draft.
    let again = store
        .store_version(
            &draft_profile,
            &draft_text,
            VersionState::Draft,
            Some(coordinator),
            None,
            ts("2026-11-02T09:00:00Z"),
        )
        .await
        .expect("draft again");
    assert_eq!((again.id, again.created), (draft.id, false));

    // Adopted with its date set: its text, date and label change, who and when are recorded.
    let adopted_text = draft_text.replace("adopted_on = 2025-01-01", "adopted_on = 2027-01-01");
    let adopted_profile = klacht_core::profile::parse(&adopted_text).expect("parses");
    store
        .adopt_draft(
            draft.id,
            &adopted_profile,
            &adopted_text,
            Some(coordinator),
            Some("Bestuursbesluit van 20 november 2026"),
            ts("2026-11-20T15:00:00Z"),
        )
        .await
        .expect("adopt");
    // Twice: not a draft any more.
    let twice = store
        .adopt_draft(
            draft.id,
            &adopted_profile,
            &adopted_text,
            Some(coordinator),
            None,
            ts("2026-11-20T15:00:01Z"),
        )
        .await;
    assert!(matches!(twice, Err(StoreError::WrongState(_))), "{twice:?}");

    let versions = store.versions().await.expect("versions");
    assert_eq!(versions.len(), 2);
    let (v1, v2) = (&versions[0], &versions[1]);
    assert_eq!(v1.id, first);
    assert_eq!(v1.state, VersionState::Adopted);
    assert_eq!(v1.adopted_on.to_string(), "2025-01-01");
    assert_eq!(v1.adopted_by, None, "the operator");
    assert_eq!(v1.adopted_at, Some(ts("2026-01-02T08:00:00Z")));
    assert_eq!(v2.id, draft.id);
    assert_eq!(v2.state, VersionState::Adopted);
    assert_eq!(v2.version, "2027-1");
    assert_eq!(v2.adopted_on.to_string(), "2027-01-01");
    assert_eq!(v2.created_by, Some(coordinator));
    assert_eq!(v2.created_at, ts("2026-11-01T09:00:00Z"));
    assert_eq!(v2.adopted_by, Some(coordinator));
    assert_eq!(v2.adopted_at, Some(ts("2026-11-20T15:00:00Z")));
    assert_eq!(
        v2.note.as_deref(),
        Some("Bestuursbesluit van 20 november 2026")
    );
    assert_eq!(
        store.profile_source(draft.id).await.expect("source"),
        Some(adopted_text.clone())
    );
    assert_eq!(
        store.version(draft.id).await.expect("one"),
        Some(v2.clone())
    );

    // An adopted version cannot be discarded; a draft can.
    assert!(!store.discard_draft(draft.id).await.expect("discard"));
    let other_text = format!("{draft_text}\n# Nog een concept.\n");
    let other = store
        .store_version(
            &draft_profile,
            &other_text,
            VersionState::Draft,
            Some(coordinator),
            None,
            ts("2026-11-21T09:00:00Z"),
        )
        .await
        .expect("another draft");
    // A draft with the very text of another version cannot be adopted.
    let clash = store
        .adopt_draft(
            other.id,
            &adopted_profile,
            &adopted_text,
            Some(coordinator),
            None,
            ts("2026-11-21T10:00:00Z"),
        )
        .await;
    assert!(matches!(clash, Err(StoreError::Duplicate(_))), "{clash:?}");
    assert!(store.discard_draft(other.id).await.expect("discard"));
    assert_eq!(store.version(other.id).await.expect("gone"), None);
    // Importing a text that is a draft adopts that draft.
    let third_text = format!("{adopted_text}\n# Derde.\n");
    let third = store
        .store_version(
            &adopted_profile,
            &third_text,
            VersionState::Draft,
            Some(coordinator),
            None,
            ts("2026-11-22T09:00:00Z"),
        )
        .await
        .expect("draft");
    let imported = store
        .store_version(
            &adopted_profile,
            &third_text,
            VersionState::Adopted,
            None,
            None,
            ts("2026-11-23T09:00:00Z"),
        )
        .await
        .expect("import");
    assert_eq!(
        (imported.id, imported.created, imported.state),
        (third.id, false, VersionState::Adopted)
    );
    let row = store.version(third.id).await.expect("row").expect("there");
    assert_eq!(row.adopted_at, Some(ts("2026-11-23T09:00:00Z")));
    assert_eq!(row.adopted_by, None);
}

contract!(
    creates_and_loads_a_complaint,
    several_complaints_load_at_once_in_the_order_asked,
    references_are_sequential_per_year_of_receipt,
    references_are_unique_under_concurrency,
    stale_append_conflicts_and_writes_nothing,
    concurrent_appends_at_one_version_let_exactly_one_through,
    hash_chain_reports_the_first_tampered_event,
    t12_a_forged_personal_text_breaks_the_chain,
    anonymisation_keeps_chain_and_timeline,
    users_and_tokens,
    list_pages_cover_every_complaint_once_in_order,
    list_filters_return_exactly_the_expected_set,
    list_text_search_finds_by_description_surname_and_reference,
    list_scope_follows_involvement_and_roles,
    reads_are_listed_newest_first,
    k8_readings_at_the_same_time_are_each_logged,
    profiles_are_stored_once_per_source,
    t16_versions_are_drafted_adopted_with_who_and_when_and_drafts_discarded,
    t16_the_example_version_is_retired_only_while_nothing_was_handled_under_it,
    batch_create_stores_all_with_consecutive_references,
    batch_create_is_all_or_nothing,
    k03_the_person_complained_about_finds_a_complaint_only_by_what_they_see,
    k03_who_it_is_about_recorded_afterwards_lists_and_finds_it_for_them,
    k03_a_complaint_about_its_own_handler_is_listed_as_unassigned_until_reassigned,
    complaints_events_and_report_days_are_stored_in_native_types,
    queries_by_deadline_and_flag_use_their_indexes,
);

// ---------------------------------------------------------------------------------------------
// Helpers

fn scope(user: UserId, all: bool) -> Scope {
    Scope {
        user,
        all,
        escalated: false,
        board: false,
        about: None,
        none: false,
    }
}

fn refs(items: &[ListItem]) -> Vec<String> {
    items.iter().map(|i| i.reference.to_string()).collect()
}

fn ref_set(items: &[ListItem]) -> BTreeSet<String> {
    items.iter().map(|i| i.reference.to_string()).collect()
}

fn expected(cases: &[Case], pred: impl Fn(&Complaint) -> bool) -> BTreeSet<String> {
    cases
        .iter()
        .filter(|c| pred(&c.state))
        .map(|c| c.reference.to_string())
        .collect()
}

/// Every page of a list, following the cursors as a client would (through their text form).
async fn all_pages(
    db: &TestDb,
    scope: Scope,
    filter: &ListFilter,
    sort: Sort,
    limit: u32,
) -> (Vec<ListItem>, Vec<usize>) {
    let mut items = Vec::new();
    let mut sizes = Vec::new();
    let mut cursor: Option<Cursor> = None;
    for _ in 0..1000 {
        let page = db
            .store
            .list(scope, filter, sort, cursor.as_ref(), limit)
            .await
            .expect("list");
        assert!(
            page.items.len() <= usize::try_from(limit).expect("limit"),
            "a page holds at most {limit} items"
        );
        sizes.push(page.items.len());
        items.extend(page.items);
        match page.next {
            Some(next) => {
                let text = next.encode();
                cursor = Some(Cursor::decode(&text).expect("the cursor decodes"));
                assert_eq!(cursor.as_ref(), Some(&next), "cursor round trip of {text}");
            }
            None => return (items, sizes),
        }
    }
    panic!("the list does not end");
}

/// Every item of a filtered list, in one page.
async fn list_all(db: &TestDb, scope: Scope, filter: &ListFilter) -> BTreeSet<String> {
    let page = db
        .store
        .list(scope, filter, Sort::Newest, None, 500)
        .await
        .expect("list");
    assert_eq!(page.next, None);
    let set = ref_set(&page.items);
    assert_eq!(
        set.len(),
        page.items.len(),
        "no complaint twice: {filter:?}"
    );
    set
}

/// The same list page by page (`size` a page), following the cursors: together the whole list
/// in its order, no complaint twice, also where a complaint matches a search in several of its texts.
async fn list_paged(db: &TestDb, scope: Scope, filter: &ListFilter, size: u32) -> BTreeSet<String> {
    let mut after = None;
    let mut seen: Vec<Reference> = Vec::new();
    for _ in 0..1000 {
        let page = db
            .store
            .list(scope, filter, Sort::Newest, after.as_ref(), size)
            .await
            .expect("list");
        assert!(page.items.len() <= size as usize);
        seen.extend(page.items.iter().map(|i| i.reference.clone()));
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let whole = db
        .store
        .list(scope, filter, Sort::Newest, None, 500)
        .await
        .expect("list");
    let whole: Vec<Reference> = whole.items.iter().map(|i| i.reference.clone()).collect();
    assert_eq!(
        seen, whole,
        "pages, in order, make the whole list: {filter:?}"
    );
    let set: BTreeSet<String> = seen.iter().map(ToString::to_string).collect();
    assert_eq!(
        set.len(),
        seen.len(),
        "no complaint twice across pages: {filter:?}"
    );
    set
}

async fn count(db: &TestDb, sql: &str, params: &[P]) -> i64 {
    db.fetch(sql, params).await[0]
        .try_get::<i64, _>(0)
        .expect("a count")
}

fn registered(body: &EventBody) -> &klacht_core::procedure::Registered {
    match body {
        EventBody::Registered(r) => r,
        other => panic!("expected the registration, got {}", other.kind()),
    }
}

const NAMES: [&str; 5] = [
    "Anna de Vries",
    "Piet Bakker",
    "Kees Visser",
    "Els Smit",
    "Joop Mulder",
];
const CATEGORIES: [&[&str]; 4] = [
    &["service"],
    &["communication", "privacy"],
    &["finance"],
    &["fundraising"],
];
const SEVERITIES: [&str; 4] = ["minor", "normal", "serious", "very_serious"];
/// The one complaint of the thirty with its own words, for text search.
const SPECIAL: usize = 17;

/// Thirty complaints of mixed status, channel, category, handler, involvement and
/// registration, received on successive days from Monday 3 March 2025.
async fn thirty(w: &World) -> Vec<Case> {
    let base = Date::new(2025, 3, 3).expect("date");
    let mut cases = Vec::new();
    for i in 0..30_usize {
        let day = base
            .checked_add(jiff::Span::new().days(i64::try_from(i).expect("i")))
            .expect("day");
        let at = |hour: i8| {
            day.at(hour, 0, 0, 0)
                .in_tz("Europe/Amsterdam")
                .expect("time")
                .timestamp()
        };
        let channel = Channel::ALL[i % 6];
        let registrar = if channel == Channel::Web {
            None
        } else if i % 4 == 0 {
            Some(&w.sam)
        } else {
            Some(&w.cora)
        };
        let (name, description) = if i == SPECIAL {
            (
                "Marieke Vermeulen".to_owned(),
                "De fietsenstalling bij de ingang was afgesloten.".to_owned(),
            )
        } else {
            (
                NAMES[i % NAMES.len()].to_owned(),
                format!("Klacht {i}: de wachttijd bij de balie was erg lang."),
            )
        };
        let mut new = new_complaint(channel, at(9), &name, &description);
        new.concerns = if i == 12 {
            Some(w.hans.id)
        } else if i % 5 == 3 && registrar.is_none_or(|r| r.id != w.sam.id) {
            Some(w.sam.id)
        } else {
            None
        };
        let mut case = w.create(registrar, new, at(9)).await;
        let kind = i % 7;
        // A web complaint with an e-mail address was acknowledged on arrival (T5).
        if kind >= 1 && case.state.acknowledged_at.is_none() {
            w.act(
                &mut case,
                &w.cora,
                Command::Acknowledge {
                    via: Via::Email,
                    note: None,
                },
                at(10),
            )
            .await;
        }
        let handler = {
            let first = if i % 2 == 0 { &w.hans } else { &w.hilde };
            if case.state.concerns == Some(first.id) {
                if first.id == w.hans.id {
                    &w.hilde
                } else {
                    &w.hans
                }
            } else {
                first
            }
        };
        if (2..=5).contains(&kind) {
            w.act(
                &mut case,
                &w.cora,
                Command::Assign {
                    handler: handler.id,
                },
                at(11),
            )
            .await;
        }
        if kind >= 2 {
            if i % 4 == 0 {
                // Classified twice: the category index must follow the last classification.
                w.act(
                    &mut case,
                    &w.cora,
                    Command::Classify {
                        categories: vec!["other".into()],
                        severity: None,
                        sensitive: false,
                        relation: None,
                    },
                    at(12),
                )
                .await;
            }
            w.act(
                &mut case,
                &w.cora,
                Command::Classify {
                    categories: CATEGORIES[i % 4].iter().map(|c| (*c).to_owned()).collect(),
                    severity: Some(SEVERITIES[i % 4].to_owned()),
                    sensitive: i % 3 == 1,
                    relation: Some("client".into()),
                },
                at(13),
            )
            .await;
        }
        match kind {
            3 => {
                w.act(
                    &mut case,
                    &w.cora,
                    Command::Escalate {
                        to: Level::Director,
                        reason: "Geen oplossing gevonden.".into(),
                    },
                    at(14),
                )
                .await;
            }
            4 | 5 => {
                w.act(
                    &mut case,
                    handler,
                    Command::Decide {
                        outcome: Outcome::Gegrond,
                        decision: "U heeft gelijk; wij passen het aan.".into(),
                        via: Via::Email,
                    },
                    at(15),
                )
                .await;
                if kind == 5 {
                    w.act(&mut case, &w.cora, Command::Close, at(16)).await;
                }
            }
            6 => {
                w.act(
                    &mut case,
                    &w.cora,
                    Command::Withdraw {
                        reason: Some("De klager trekt de klacht in.".into()),
                    },
                    at(14),
                )
                .await;
            }
            _ => {}
        }
        cases.push(case);
    }
    // The mix is what the list tests rely on.
    let statuses: BTreeSet<&str> = cases.iter().map(|c| c.state.status.as_str()).collect();
    assert_eq!(statuses.len(), 6, "every status occurs: {statuses:?}");
    assert!(cases.iter().any(|c| c.state.concerns == Some(w.sam.id)));
    assert!(cases.iter().any(|c| c.state.received_by == Some(w.sam.id)));
    assert!(cases.iter().any(|c| c.state.escalation.is_some()));
    cases
}

// ---------------------------------------------------------------------------------------------
// 1. Create and load

async fn creates_and_loads_a_complaint(db: TestDb) {
    let w = World::new(&db.store).await;
    let received = ts("2025-03-10T09:15:00Z");
    let mut new = new_complaint(
        Channel::Phone,
        received,
        "Jan Jansen",
        "De wachttijd aan de telefoon was veel te lang.",
    );
    new.received_where = Some("spreekuur Oost".into());
    new.concerns = Some(w.sam.id);
    new.relation = Some("client".into());
    new.complainant.address = Some("Dorpsstraat 1, 1234 AB Ergens".into());
    new.on_behalf_of = Some("Truus Jansen".into());
    let mut case = w
        .create(Some(&w.cora), new, ts("2025-03-10T09:45:00Z"))
        .await;
    assert_eq!(case.reference.to_string(), "2025-0001");

    let d = db
        .store
        .load(&case.reference)
        .await
        .expect("load")
        .expect("found");
    assert_eq!(d.id, case.id);
    assert_eq!(d.reference, case.reference);
    assert_eq!(d.profile_id, w.profile_id);
    assert_eq!(
        d.events.iter().map(|e| e.event.clone()).collect::<Vec<_>>(),
        case.events
    );
    assert_eq!(d.state, case.state);
    let r = registered(&d.events[0].event.body);
    assert_eq!(
        r.complainant.get().map(|c| c.name.as_str()),
        Some("Jan Jansen")
    );
    assert_eq!(
        r.complainant.get().and_then(|c| c.address.as_deref()),
        Some("Dorpsstraat 1, 1234 AB Ergens")
    );
    assert_eq!(
        r.description,
        Personal::new("De wachttijd aan de telefoon was veel te lang.".to_owned())
    );
    assert_eq!(
        r.on_behalf_of,
        Some(Personal::new("Truus Jansen".to_owned()))
    );

    // A few steps later it still loads to the same timeline and state.
    w.act(
        &mut case,
        &w.cora,
        Command::Acknowledge {
            via: Via::Letter,
            note: Some("Brief verstuurd naar de heer Jansen.".into()),
        },
        ts("2025-03-10T10:00:00Z"),
    )
    .await;
    w.act(
        &mut case,
        &w.cora,
        Command::Assign { handler: w.hans.id },
        ts("2025-03-10T10:05:00Z"),
    )
    .await;
    w.act(
        &mut case,
        &w.hans,
        Command::Classify {
            categories: vec!["service".into(), "communication".into()],
            severity: Some("normal".into()),
            sensitive: true,
            relation: None,
        },
        ts("2025-03-11T08:00:00Z"),
    )
    .await;
    w.act(
        &mut case,
        &w.hans,
        Command::AddNote {
            text: "Jansen teruggebeld, voicemail.".into(),
        },
        ts("2025-03-11T08:30:00Z"),
    )
    .await;
    let d = db
        .store
        .load(&case.reference)
        .await
        .expect("load")
        .expect("found");
    assert_eq!(
        d.events.iter().map(|e| e.seq).collect::<Vec<_>>(),
        (1..=5).collect::<Vec<i64>>()
    );
    assert_eq!(
        d.events.iter().map(|e| e.event.clone()).collect::<Vec<_>>(),
        case.events
    );
    assert_eq!(d.state, case.state);
    assert_eq!(d.state.version, 5);

    // The projection.
    let page = db
        .store
        .list(
            scope(w.cora.id, true),
            &ListFilter::default(),
            Sort::Newest,
            None,
            10,
        )
        .await
        .expect("list");
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.next, None);
    let item = &page.items[0];
    assert_eq!(item.reference, case.reference);
    assert_eq!(item.status, Status::InProgress);
    assert_eq!(item.channel, Channel::Phone);
    assert_eq!(item.received_at, received);
    assert!(case.state.next_due().is_some());
    assert_eq!(item.next_due, case.state.next_due());
    assert_eq!(item.handler, Some(w.hans.id));
    assert_eq!(item.concerns, Some(w.sam.id));
    assert_eq!(item.categories, case.state.categories);
    assert_eq!(item.severity.as_deref(), Some("normal"));
    assert!(item.sensitive);
    assert_eq!(item.escalation, None);
    assert_eq!(item.outcome, None);

    // Unknown references are not there.
    assert!(
        db.store
            .load(&Reference::new(2025, 2))
            .await
            .expect("load")
            .is_none()
    );
}

// ---------------------------------------------------------------------------------------------
// 2. References

async fn references_are_sequential_per_year_of_receipt(db: TestDb) {
    let w = World::new(&db.store).await;
    let web = |at: &str, name: &str| {
        (
            new_complaint(Channel::Web, ts(at), name, "Het formulier deed het niet."),
            ts(at),
        )
    };
    let mut got = Vec::new();
    for (at, name) in [
        ("2025-02-01T10:00:00Z", "Een"),
        ("2025-06-01T10:00:00Z", "Twee"),
        ("2026-01-05T10:00:00Z", "Drie"),
        // 00:30 on 1 January in Amsterdam: a 2026 complaint, though still 2025 in UTC.
        ("2025-12-31T23:30:00Z", "Vier"),
        // 23:30 on 31 December in Amsterdam: 2025.
        ("2025-12-31T22:30:00Z", "Vijf"),
        ("2026-02-01T10:00:00Z", "Zes"),
    ] {
        let (new, now) = web(at, name);
        got.push(w.create(None, new, now).await.reference.to_string());
    }
    assert_eq!(
        got,
        [
            "2025-0001",
            "2025-0002",
            "2026-0001",
            "2026-0002",
            "2025-0003",
            "2026-0003"
        ]
    );
    for r in &got {
        let r = Reference::parse(r).expect("reference");
        let d = db.store.load(&r).await.expect("load").expect("found");
        assert_eq!(d.reference, r);
    }
}

async fn references_are_unique_under_concurrency(db: TestDb) {
    let w = World::new(&db.store).await;
    let n = 50_usize;
    let records: Vec<NewRecord> = (0..n)
        .map(|i| {
            let at = ts("2025-05-06T10:00:00Z");
            let new = new_complaint(
                Channel::Web,
                at,
                &format!("Klager Nummer{i}"),
                &format!("Gelijktijdige klacht {i}."),
            );
            w.record(None, new, at)
        })
        .collect();
    let barrier = Arc::new(tokio::sync::Barrier::new(n));
    let mut tasks = Vec::new();
    for rec in records.clone() {
        let store = db.store.clone();
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            store.create_complaint(rec).await
        }));
    }
    let mut created = Vec::new();
    for t in tasks {
        created.push(t.await.expect("task").expect("create under concurrency"));
    }
    let ids: BTreeSet<i64> = created.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids.len(), n, "distinct ids");
    let references: BTreeSet<Reference> = created.iter().map(|(_, r)| r.clone()).collect();
    assert_eq!(references.len(), n, "distinct references");
    assert!(references.iter().all(|r| r.year() == 2025));
    let mut numbers: Vec<u32> = references.iter().map(Reference::number).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=50).collect::<Vec<u32>>());
    // Each reference holds the complaint it was handed out for, with an intact chain.
    for (rec, (id, reference)) in records.iter().zip(&created) {
        let d = db
            .store
            .load(reference)
            .await
            .expect("load")
            .expect("found");
        assert_eq!(d.id, *id);
        assert_eq!(
            d.events.iter().map(|e| e.event.clone()).collect::<Vec<_>>(),
            rec.events
        );
        assert_eq!(
            db.store.verify_chain(reference).await.expect("verify"),
            None
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Optimistic concurrency

async fn stale_append_conflicts_and_writes_nothing(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2025-04-01T09:00:00Z");
    let mut case = w
        .create(
            Some(&w.cora),
            new_complaint(
                Channel::Email,
                at,
                "Piet Bakker",
                "Geen antwoord op mijn mail.",
            ),
            at,
        )
        .await;
    let read_at_v1 = case.state.clone();
    w.act(
        &mut case,
        &w.cora,
        Command::Acknowledge {
            via: Via::Email,
            note: None,
        },
        ts("2025-04-01T10:00:00Z"),
    )
    .await;
    assert_eq!(case.state.version, 2);

    // Someone who read version 1 now adds a note.
    let (events, next) = w.decide(
        &read_at_v1,
        &w.cora,
        Command::AddNote {
            text: "Verloren notitie over Bakker.".into(),
        },
        ts("2025-04-01T10:05:00Z"),
    );
    let err = db
        .store
        .append(case.id, 1, &events, &next)
        .await
        .expect_err("a stale append fails");
    assert!(
        matches!(err, StoreError::Conflict { current: 2 }),
        "expected Conflict at version 2, got {err:?}"
    );
    // A version from the future is just as wrong.
    let err = db
        .store
        .append(case.id, 7, &events, &next)
        .await
        .expect_err("a future version fails");
    assert!(
        matches!(err, StoreError::Conflict { current: 2 }),
        "{err:?}"
    );

    // Nothing was written: not the event, not its personal data, not the projection.
    let d = db
        .store
        .load(&case.reference)
        .await
        .expect("load")
        .expect("found");
    assert_eq!(
        d.events.iter().map(|e| e.event.clone()).collect::<Vec<_>>(),
        case.events
    );
    assert_eq!(d.state, case.state);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM events WHERE complaint_id = $1",
            &[P::I(case.id)]
        )
        .await,
        2
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM personal_data WHERE complaint_id = $1 AND seq > 2",
            &[P::I(case.id)]
        )
        .await,
        0
    );
    let page = db
        .store
        .list(
            scope(w.cora.id, true),
            &ListFilter::default(),
            Sort::Newest,
            None,
            10,
        )
        .await
        .expect("list");
    assert_eq!(page.items[0].status, Status::Acknowledged);
    assert_eq!(
        db.store
            .verify_chain(&case.reference)
            .await
            .expect("verify"),
        None
    );

    // With the current version the same step goes through.
    w.act(
        &mut case,
        &w.cora,
        Command::AddNote {
            text: "Notitie over Bakker.".into(),
        },
        ts("2025-04-01T10:06:00Z"),
    )
    .await;
    let d = db
        .store
        .load(&case.reference)
        .await
        .expect("load")
        .expect("found");
    assert_eq!(d.events.len(), 3);
    assert_eq!(d.state, case.state);
    assert_eq!(
        db.store
            .verify_chain(&case.reference)
            .await
            .expect("verify"),
        None
    );

    // An unknown complaint is not a conflict.
    let err = db
        .store
        .append(case.id + 1000, 3, &events, &next)
        .await
        .expect_err("no such complaint");
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
}

async fn concurrent_appends_at_one_version_let_exactly_one_through(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2025-04-02T09:00:00Z");
    let case = w
        .create(
            Some(&w.cora),
            new_complaint(Channel::Email, at, "Els Smit", "Niemand belde terug."),
            at,
        )
        .await;
    // Ten people read version 1 and each add a note at the same moment.
    let n = 10;
    let barrier = Arc::new(tokio::sync::Barrier::new(n));
    let mut tasks = Vec::new();
    for i in 0..n {
        let (events, next) = w.decide(
            &case.state,
            &w.cora,
            Command::AddNote {
                text: format!("Gelijktijdige notitie {i}."),
            },
            ts("2025-04-02T10:00:00Z"),
        );
        let (store, barrier, id) = (db.store.clone(), barrier.clone(), case.id);
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            store
                .append(id, 1, &events, &next)
                .await
                .map(|()| (events, next))
        }));
    }
    let mut won = Vec::new();
    for t in tasks {
        match t.await.expect("task") {
            Ok(w) => won.push(w),
            Err(StoreError::Conflict { current: 2 }) => {}
            Err(e) => panic!("expected success or Conflict at version 2, got {e:?}"),
        }
    }
    assert_eq!(won.len(), 1, "exactly one append at version 1 goes through");
    let (events, state) = won.pop().expect("the winner");
    let d = db
        .store
        .load(&case.reference)
        .await
        .expect("load")
        .expect("found");
    let mut timeline = case.events.clone();
    timeline.extend(events);
    assert_eq!(
        d.events.iter().map(|e| e.event.clone()).collect::<Vec<_>>(),
        timeline
    );
    assert_eq!(d.state, state);
    assert_eq!(
        db.store
            .verify_chain(&case.reference)
            .await
            .expect("verify"),
        None
    );
}

// ---------------------------------------------------------------------------------------------
// 4. Hash chain and anonymisation

async fn hash_chain_reports_the_first_tampered_event(db: TestDb) {
    let w = World::new(&db.store).await;
    let mut cases = Vec::new();
    for (i, name) in ["Kees Visser", "Els Smit", "Joop Mulder"]
        .iter()
        .enumerate()
    {
        let at = ts(&format!("2025-04-0{}T09:00:00Z", i + 1));
        let mut case = w
            .create(
                Some(&w.cora),
                new_complaint(Channel::Letter, at, name, "De factuur klopt niet."),
                at,
            )
            .await;
        w.act(
            &mut case,
            &w.cora,
            Command::Acknowledge {
                via: Via::Letter,
                note: None,
            },
            at,
        )
        .await;
        w.act(
            &mut case,
            &w.cora,
            Command::Assign { handler: w.hans.id },
            at,
        )
        .await;
        w.act(
            &mut case,
            &w.hans,
            Command::AddNote {
                text: format!("Gebeld met {name}."),
            },
            at,
        )
        .await;
        assert_eq!(
            db.store
                .verify_chain(&case.reference)
                .await
                .expect("verify"),
            None,
            "intact"
        );
        cases.push(case);
    }

    // Rewrite who the first complaint was assigned to (event 3).
    let row = &db
        .fetch(
            "SELECT body FROM events WHERE complaint_id = $1 AND seq = 3",
            &[P::I(cases[0].id)],
        )
        .await[0];
    let original: String = row.try_get(0).expect("body");
    let mut body: serde_json::Value = serde_json::from_str(&original).expect("json body");
    assert_eq!(body["kind"], "assigned");
    body["handler"] = serde_json::json!(w.hilde.id.0);
    let changed = db
        .exec(
            "UPDATE events SET body = $1 WHERE complaint_id = $2 AND seq = 3",
            &[P::T(body.to_string()), P::I(cases[0].id)],
        )
        .await;
    assert_eq!(changed, 1);
    assert_eq!(
        db.store
            .verify_chain(&cases[0].reference)
            .await
            .expect("verify"),
        Some(3)
    );
    // The chains are per complaint: the others are unaffected.
    assert_eq!(
        db.store
            .verify_chain(&cases[1].reference)
            .await
            .expect("verify"),
        None
    );
    // Putting the original back restores it.
    db.exec(
        "UPDATE events SET body = $1 WHERE complaint_id = $2 AND seq = 3",
        &[P::T(original), P::I(cases[0].id)],
    )
    .await;
    assert_eq!(
        db.store
            .verify_chain(&cases[0].reference)
            .await
            .expect("verify"),
        None
    );

    // Backdating the acknowledgement (event 2) is caught too.
    // A day earlier: microseconds on SQLite, a timestamptz on PostgreSQL (migration 0011).
    let day_earlier = match db.backend() {
        klacht_store::Backend::Sqlite => "at - 86400000000",
        klacht_store::Backend::Postgres => "at - INTERVAL '1 day'",
    };
    db.exec(
        &format!("UPDATE events SET at = {day_earlier} WHERE complaint_id = $1 AND seq = 2"),
        &[P::I(cases[1].id)],
    )
    .await;
    assert_eq!(
        db.store
            .verify_chain(&cases[1].reference)
            .await
            .expect("verify"),
        Some(2)
    );

    // Cutting off the last event: the chain no longer reaches the recorded last hash.
    db.exec(
        "DELETE FROM events WHERE complaint_id = $1 AND seq = 4",
        &[P::I(cases[2].id)],
    )
    .await;
    assert_eq!(
        db.store
            .verify_chain(&cases[2].reference)
            .await
            .expect("verify"),
        Some(4)
    );

    let err = db
        .store
        .verify_chain(&Reference::new(2030, 1))
        .await
        .expect_err("unknown reference");
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
}

/// T12: the complaint text itself (kept apart as personal data) cannot be rewritten unnoticed.
async fn t12_a_forged_personal_text_breaks_the_chain(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2025-04-01T09:00:00Z");
    let case = w
        .create(
            Some(&w.cora),
            new_complaint(Channel::Letter, at, "Kees Visser", "De factuur klopt niet."),
            at,
        )
        .await;
    assert_eq!(
        db.store
            .verify_chain(&case.reference)
            .await
            .expect("verify"),
        None
    );
    db.exec(
        "UPDATE personal_data SET data = REPLACE(data, 'factuur', 'service') WHERE complaint_id = $1 AND seq = 1",
        &[P::I(case.id)],
    )
    .await;
    assert_eq!(
        db.store
            .verify_chain(&case.reference)
            .await
            .expect("verify"),
        Some(1),
        "the rewritten registration is reported"
    );
}

async fn anonymisation_keeps_chain_and_timeline(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2025-05-12T09:00:00Z");
    let mut new = new_complaint(
        Channel::InPerson,
        at,
        "Jan Jansen",
        "Jansen werd onvriendelijk te woord gestaan.",
    );
    new.received_where = Some("balie Jansenplein".into());
    new.on_behalf_of = Some("Truus Jansen".into());
    new.complainant.address = Some("Jansenstraat 1".into());
    let mut case = w.create(Some(&w.cora), new, at).await;
    let mut other = w
        .create(
            Some(&w.cora),
            new_complaint(Channel::Email, at, "Piet Bakker", "Te laat geleverd."),
            at,
        )
        .await;
    w.act(
        &mut other,
        &w.cora,
        Command::AddNote {
            text: "Bakker belde.".into(),
        },
        at,
    )
    .await;
    let steps = [
        (
            &w.cora,
            Command::Acknowledge {
                via: Via::Letter,
                note: Some("Brief aan Jansen.".into()),
            },
        ),
        (&w.cora, Command::Assign { handler: w.hans.id }),
        (
            &w.hans,
            Command::RecordContact {
                via: Via::Phone,
                on: None,
                summary: "Met Jan Jansen gesproken.".into(),
                agreements: Some("Jansen krijgt excuses.".into()),
                measures_communicated: false,
            },
        ),
        (
            &w.hans,
            Command::AddNote {
                text: "Jansen is tevreden.".into(),
            },
        ),
        (
            &w.hans,
            Command::Decide {
                outcome: Outcome::Gegrond,
                decision: "Wij bieden de heer Jansen excuses aan.".into(),
                via: Via::Email,
            },
        ),
    ];
    for (who, cmd) in steps {
        w.act(&mut case, who, cmd, ts("2025-05-12T10:00:00Z")).await;
    }
    let before = db
        .store
        .load(&case.reference)
        .await
        .expect("load")
        .expect("found");
    assert_eq!(before.state, case.state);

    // The skeleton never held the name.
    let leaks = |rows: &[sqlx::any::AnyRow]| -> Vec<String> {
        rows.iter()
            .map(|r| r.try_get::<String, _>(0).expect("body"))
            .filter(|b| b.to_lowercase().contains("jansen"))
            .collect()
    };
    let bodies = db.fetch("SELECT body FROM events", &[]).await;
    assert_eq!(bodies.len(), case.events.len() + other.events.len());
    assert_eq!(
        leaks(&bodies),
        Vec::<String>::new(),
        "names in event bodies"
    );
    assert!(
        count(
            &db,
            "SELECT COUNT(*) FROM personal_data WHERE complaint_id = $1",
            &[P::I(case.id)]
        )
        .await
            > 0
    );

    let jansen = ListFilter {
        text: Some("Jansen".into()),
        ..ListFilter::default()
    };
    let everyone = scope(w.cora.id, true);
    let case_only = BTreeSet::from([case.reference.to_string()]);
    assert_eq!(list_all(&db, everyone, &jansen).await, case_only);
    // Its name stands in several of its texts; pages of one still show it once.
    assert_eq!(list_paged(&db, everyone, &jansen, 1).await, case_only);

    let erased = db.erase_personal_data(case.id).await;
    assert!(erased >= 5, "personal data rows deleted: {erased}");
    assert_eq!(
        list_all(&db, everyone, &jansen).await,
        BTreeSet::new(),
        "an anonymised complaint is not found by the name it held"
    );

    assert_eq!(
        db.store
            .verify_chain(&case.reference)
            .await
            .expect("verify"),
        None,
        "the chain survives anonymisation"
    );
    let after = db
        .store
        .load(&case.reference)
        .await
        .expect("load after anonymisation")
        .expect("found");
    assert_eq!(after.events.len(), before.events.len());
    for (a, b) in after.events.iter().zip(&before.events) {
        assert_eq!(a.seq, b.seq);
        assert_eq!(a.event.at, b.event.at);
        assert_eq!(a.event.actor, b.event.actor);
        assert_eq!(a.event.body.kind(), b.event.body.kind());
    }
    let r = registered(&after.events[0].event.body);
    assert_eq!(r.complainant, Personal::Erased);
    assert_eq!(r.description, Personal::Erased);
    assert_eq!(r.received_where, Some(Personal::Erased));
    assert_eq!(r.on_behalf_of, Some(Personal::Erased));
    for e in &after.events {
        match &e.event.body {
            EventBody::Acknowledged { note, .. } => assert_eq!(note, &Some(Personal::Erased)),
            EventBody::ContactRecorded {
                summary,
                agreements,
                ..
            } => {
                assert_eq!(summary, &Personal::Erased);
                assert_eq!(agreements, &Some(Personal::Erased));
            }
            EventBody::NoteAdded { text } => assert_eq!(text, &Personal::Erased),
            EventBody::Decided { decision, .. } => assert_eq!(decision, &Personal::Erased),
            // Events without personal data come back unchanged.
            EventBody::Assigned { .. } => {
                let b = before
                    .events
                    .iter()
                    .find(|x| x.seq == e.seq)
                    .expect("same seq");
                assert_eq!(e.event, b.event);
            }
            EventBody::Registered(_) => {}
            other => panic!("unexpected event {}", other.kind()),
        }
    }
    assert_eq!(after.state.complainant, Personal::Erased);
    assert_eq!(after.state.description, Personal::Erased);
    assert_eq!(after.state.version, before.state.version);
    assert_eq!(after.state.status, Status::Decided);
    assert_eq!(after.state.handler, Some(w.hans.id));
    assert_eq!(after.state.decision, before.state.decision);
    assert_eq!(after.state.deadlines, before.state.deadlines);
    assert!(
        !serde_json::to_string(&after.events.iter().map(|e| &e.event).collect::<Vec<_>>())
            .expect("json")
            .to_lowercase()
            .contains("jansen")
    );

    // Nothing in the database names the complainant any more; the other complaint is untouched.
    assert_eq!(
        leaks(&db.fetch("SELECT data FROM personal_data", &[]).await),
        Vec::<String>::new()
    );
    let still = db
        .store
        .load(&other.reference)
        .await
        .expect("load")
        .expect("found");
    assert_eq!(still.state, other.state);
    assert_eq!(
        db.store
            .verify_chain(&other.reference)
            .await
            .expect("verify"),
        None
    );
}

// ---------------------------------------------------------------------------------------------
// 5. Users and tokens

async fn users_and_tokens(db: TestDb) {
    let store = &db.store;
    let now = ts("2025-01-02T08:00:00Z");
    let anna = store
        .create_user(
            &new_user(
                "Anna.Coordinator@Example.ORG",
                "  Anna de Coördinator ",
                &[Role::Coordinator, Role::Handler],
            ),
            now,
        )
        .await
        .expect("create");
    let ben = store
        .create_user(
            &new_user("ben@example.org", "Ben Beheer", &[Role::Admin]),
            now,
        )
        .await
        .expect("create");
    assert_ne!(anna, ben);

    for spelling in [
        "anna.coordinator@example.org",
        "ANNA.COORDINATOR@EXAMPLE.ORG",
        " Anna.Coordinator@Example.ORG ",
    ] {
        let u = store
            .user_by_email(spelling)
            .await
            .expect("by email")
            .unwrap_or_else(|| panic!("{spelling:?} finds Anna"));
        assert_eq!(u.id, anna);
        assert_eq!(u.email, "anna.coordinator@example.org");
        assert_eq!(u.name, "Anna de Coördinator");
        assert_eq!(u.roles, BTreeSet::from([Role::Coordinator, Role::Handler]));
        assert!(!u.absent);
        assert_eq!(u.password_hash, None);
    }
    assert!(
        store
            .user_by_email("nobody@example.org")
            .await
            .expect("by email")
            .is_none()
    );

    let err = store
        .create_user(
            &new_user("anna.COORDINATOR@example.org", "Anna twee", &[Role::Staff]),
            now,
        )
        .await
        .expect_err("duplicate e-mail");
    assert!(matches!(err, StoreError::Duplicate(_)), "{err:?}");
    // The failed attempt left nothing behind.
    assert_eq!(store.users().await.expect("users").len(), 2);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM user_roles", &[]).await, 3);

    // Tokens.
    let token = store.create_token(anna, now).await.expect("token");
    let token2 = store.create_token(anna, now).await.expect("token");
    let token_ben = store.create_token(ben, now).await.expect("token");
    assert_ne!(token, token2);
    assert_eq!(
        store
            .user_by_token(&token)
            .await
            .expect("by token")
            .map(|u| u.id),
        Some(anna)
    );
    assert_eq!(
        store
            .user_by_token(&token2)
            .await
            .expect("by token")
            .map(|u| u.id),
        Some(anna)
    );
    let b = store
        .user_by_token(&token_ben)
        .await
        .expect("by token")
        .expect("ben");
    assert_eq!(b.id, ben);
    assert_eq!(b.roles, BTreeSet::from([Role::Admin]));
    for unknown in [
        format!("klacht_{}", "0".repeat(64)),
        String::new(),
        token.to_uppercase(),
        format!("{token} "),
    ] {
        assert!(
            store
                .user_by_token(&unknown)
                .await
                .expect("by token")
                .is_none(),
            "{unknown:?} is no token"
        );
    }
    let rows = db
        .fetch("SELECT token_hash FROM api_tokens ORDER BY id", &[])
        .await;
    assert_eq!(rows.len(), 3);
    for r in &rows {
        let stored: String = r.try_get(0).expect("hash");
        for t in [&token, &token2, &token_ben] {
            let secret = t.trim_start_matches("klacht_");
            assert!(
                !stored.contains(secret) && !stored.contains(t.as_str()),
                "the token itself is stored"
            );
        }
    }

    // The organisation as the engine sees it.
    let org = store.org().await.expect("org");
    assert_eq!(org.staff.len(), 2);
    let a = org.get(anna).expect("anna in org");
    assert_eq!(a.name, "Anna de Coördinator");
    assert_eq!(a.roles, BTreeSet::from([Role::Coordinator, Role::Handler]));
    assert!(!a.absent);
    assert_eq!(
        org.get(ben).map(|s| s.roles.clone()),
        Some(BTreeSet::from([Role::Admin]))
    );

    store.set_absent(anna, true).await.expect("absent");
    assert!(
        store
            .org()
            .await
            .expect("org")
            .get(anna)
            .expect("anna")
            .absent
    );
    assert!(
        !store
            .org()
            .await
            .expect("org")
            .get(ben)
            .expect("ben")
            .absent
    );
    assert!(
        store
            .user_by_email("anna.coordinator@example.org")
            .await
            .expect("by email")
            .expect("anna")
            .absent
    );
    store.set_absent(anna, false).await.expect("present");
    assert!(
        !store
            .org()
            .await
            .expect("org")
            .get(anna)
            .expect("anna")
            .absent
    );
    let err = store
        .set_absent(UserId(anna.0 + ben.0 + 100), true)
        .await
        .expect_err("unknown user");
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
}

// ---------------------------------------------------------------------------------------------
// 6. Lists

/// A list that needs what only the timeline holds ("Wat nu van mij vraagt") reads its dossiers
/// in one query: each whole, with its own personal data, in the order asked.
async fn several_complaints_load_at_once_in_the_order_asked(db: TestDb) {
    let w = World::new(&db.store).await;
    let mut first = w
        .create(
            Some(&w.cora),
            new_complaint(
                Channel::Phone,
                ts("2025-03-10T09:15:00Z"),
                "Jan Jansen",
                "Niemand belde terug.",
            ),
            ts("2025-03-10T09:45:00Z"),
        )
        .await;
    w.act(
        &mut first,
        &w.cora,
        Command::Assign { handler: w.hans.id },
        ts("2025-03-10T10:05:00Z"),
    )
    .await;
    let second = w
        .create(
            Some(&w.cora),
            new_complaint(
                Channel::Email,
                ts("2025-03-11T09:15:00Z"),
                "Fatima Bakker",
                "De folder was onleesbaar.",
            ),
            ts("2025-03-11T09:45:00Z"),
        )
        .await;
    let missing = Reference::parse("2025-0099").expect("reference");
    let loaded = db
        .store
        .load_many(&[second.reference.clone(), missing, first.reference.clone()])
        .await
        .expect("load_many");
    assert_eq!(
        loaded
            .iter()
            .map(|d| (d.reference.to_string(), d.events.len()))
            .collect::<Vec<_>>(),
        [("2025-0002".to_owned(), 1), ("2025-0001".to_owned(), 2)]
    );
    let described = |d: &klacht_store::Dossier| {
        let r = registered(&d.events[0].event.body);
        (
            r.complainant.get().map(|c| c.name.clone()),
            r.description.get().cloned(),
        )
    };
    assert_eq!(
        described(&loaded[0]),
        (
            Some("Fatima Bakker".to_owned()),
            Some("De folder was onleesbaar.".to_owned())
        )
    );
    assert_eq!(
        described(&loaded[1]),
        (
            Some("Jan Jansen".to_owned()),
            Some("Niemand belde terug.".to_owned())
        )
    );
    assert_eq!(loaded[1].state.handler, Some(w.hans.id));
    assert_eq!(loaded[0].state.handler, None);
    assert_eq!(
        (loaded[1].id, loaded[1].profile_id),
        (first.id, w.profile_id)
    );
    assert!(db.store.load_many(&[]).await.expect("none").is_empty());
}

async fn list_pages_cover_every_complaint_once_in_order(db: TestDb) {
    let w = World::new(&db.store).await;
    let cases = thirty(&w).await;
    let all = scope(w.cora.id, true);

    // Newest first.
    let mut newest: Vec<&Case> = cases.iter().collect();
    newest.sort_by_key(|c| std::cmp::Reverse(c.id));
    let newest: Vec<String> = newest.iter().map(|c| c.reference.to_string()).collect();
    for (limit, sizes) in [
        (7_u32, vec![7, 7, 7, 7, 2]),
        (10, vec![10, 10, 10]),
        (30, vec![30]),
        (1, vec![1; 30]),
    ] {
        let (items, got_sizes) =
            all_pages(&db, all, &ListFilter::default(), Sort::Newest, limit).await;
        assert_eq!(refs(&items), newest, "newest first, pages of {limit}");
        assert_eq!(got_sizes, sizes, "page sizes for {limit}");
    }

    // Most urgent deadline first; those without a running deadline are left out.
    let mut due: Vec<(Date, i64, String)> = cases
        .iter()
        .filter_map(|c| {
            c.state
                .next_due()
                .map(|d| (d, c.id, c.reference.to_string()))
        })
        .collect();
    due.sort();
    let due_refs: Vec<String> = due.iter().map(|d| d.2.clone()).collect();
    assert!(
        due_refs.len() >= 10 && due_refs.len() < 30,
        "{}",
        due_refs.len()
    );
    for limit in [1_u32, 4, 5, 100] {
        let (items, _) = all_pages(&db, all, &ListFilter::default(), Sort::NextDue, limit).await;
        assert_eq!(refs(&items), due_refs, "by next due, pages of {limit}");
        for item in &items {
            let case = cases
                .iter()
                .find(|c| c.reference == item.reference)
                .expect("known");
            assert_eq!(item.next_due, case.state.next_due());
            assert_eq!(item.status, case.state.status);
            assert_eq!(item.channel, case.state.channel);
        }
    }
    // Several complaints share a due date, so the tie-break on id is exercised.
    let dates: BTreeSet<Date> = due.iter().map(|d| d.0).collect();
    assert!(dates.len() < due.len(), "some due dates are shared");

    // Paging with a filter and a scope at once.
    let filter = ListFilter {
        statuses: vec![Status::Received, Status::Acknowledged, Status::InProgress],
        ..ListFilter::default()
    };
    let (items, _) = all_pages(&db, scope(w.hans.id, false), &filter, Sort::NextDue, 2).await;
    let hans: Vec<String> = due
        .iter()
        .filter(|d| {
            let c = cases.iter().find(|c| c.id == d.1).expect("case");
            c.state.handler == Some(w.hans.id) || c.state.concerns == Some(w.hans.id)
        })
        .map(|d| d.2.clone())
        .collect();
    assert!(!hans.is_empty());
    assert_eq!(refs(&items), hans);

    // A cursor of one order does not continue another.
    let first = db
        .store
        .list(all, &ListFilter::default(), Sort::Newest, None, 5)
        .await
        .expect("list");
    let cursor = first.next.expect("more");
    let err = db
        .store
        .list(all, &ListFilter::default(), Sort::NextDue, Some(&cursor), 5)
        .await
        .expect_err("wrong cursor");
    assert!(
        matches!(&err, StoreError::Invalid { field, .. } if field == "after"),
        "{err:?}"
    );
}

async fn list_filters_return_exactly_the_expected_set(db: TestDb) {
    let w = World::new(&db.store).await;
    let mut cases = thirty(&w).await;
    // One of them arrived twice (issue 17): the status filter finds it as a duplicate.
    let twice = cases
        .iter()
        .rposition(|c| c.state.status.awaits_decision())
        .expect("one still being handled");
    let (first, rest) = cases.split_at_mut(twice);
    let original = first.first_mut().expect("an earlier one");
    let of = original.reference.clone();
    w.act_pair(
        rest.first_mut().expect("the duplicate"),
        original,
        &w.cora,
        Command::MarkDuplicate { of },
        ts("2025-04-10T10:00:00Z"),
    )
    .await;
    let all = scope(w.cora.id, true);
    let check = |filter: ListFilter, want: BTreeSet<String>, nonempty: bool| {
        let db = &db;
        async move {
            if nonempty {
                assert!(!want.is_empty(), "vacuous expectation for {filter:?}");
            }
            let got = list_all(db, all, &filter).await;
            assert_eq!(got, want, "{filter:?}");
        }
    };

    assert_eq!(list_all(&db, all, &ListFilter::default()).await.len(), 30);
    for status in Status::ALL {
        check(
            ListFilter {
                statuses: vec![status],
                ..ListFilter::default()
            },
            expected(&cases, |s| s.status == status),
            true,
        )
        .await;
    }
    check(
        ListFilter {
            statuses: vec![Status::Decided, Status::Closed, Status::Withdrawn],
            ..ListFilter::default()
        },
        expected(&cases, |s| {
            matches!(
                s.status,
                Status::Decided | Status::Closed | Status::Withdrawn
            )
        }),
        true,
    )
    .await;
    check(
        ListFilter {
            unassigned: true,
            ..ListFilter::default()
        },
        expected(&cases, |s| s.handler.is_none() || s.handler == s.concerns),
        true,
    )
    .await;
    for channel in Channel::ALL {
        check(
            ListFilter {
                channel: Some(channel),
                ..ListFilter::default()
            },
            expected(&cases, |s| s.channel == channel),
            true,
        )
        .await;
    }
    for category in [
        "service",
        "communication",
        "privacy",
        "finance",
        "fundraising",
    ] {
        check(
            ListFilter {
                category: Some(category.into()),
                ..ListFilter::default()
            },
            expected(&cases, |s| s.categories.iter().any(|c| c == category)),
            true,
        )
        .await;
    }
    // "other" was replaced by a later classification everywhere it was used.
    assert!(cases.iter().any(|c| c.events.iter().any(
        |e| matches!(&e.body, EventBody::Classified { categories, .. } if categories == &["other"])
    )));
    check(
        ListFilter {
            category: Some("other".into()),
            ..ListFilter::default()
        },
        BTreeSet::new(),
        false,
    )
    .await;
    for handler in [w.hans.id, w.hilde.id] {
        check(
            ListFilter {
                handler: Some(handler),
                ..ListFilter::default()
            },
            expected(&cases, |s| s.handler == Some(handler)),
            true,
        )
        .await;
    }
    check(
        ListFilter {
            handler: Some(w.cora.id),
            ..ListFilter::default()
        },
        BTreeSet::new(),
        false,
    )
    .await;
    let mut dues: Vec<Date> = cases.iter().filter_map(|c| c.state.next_due()).collect();
    dues.sort();
    let cut = dues[dues.len() / 2];
    let overdue = expected(&cases, |s| s.next_due().is_some_and(|d| d < cut));
    assert!(overdue.len() < dues.len());
    check(
        ListFilter {
            overdue_on: Some(cut),
            ..ListFilter::default()
        },
        overdue,
        true,
    )
    .await;
    for escalated in [true, false] {
        check(
            ListFilter {
                escalated: Some(escalated),
                ..ListFilter::default()
            },
            expected(&cases, |s| s.escalation.is_some() == escalated),
            true,
        )
        .await;
    }
    for sensitive in [true, false] {
        check(
            ListFilter {
                sensitive: Some(sensitive),
                ..ListFilter::default()
            },
            expected(&cases, |s| s.sensitive == sensitive),
            true,
        )
        .await;
    }
    check(
        ListFilter {
            severity: Some("serious".into()),
            ..ListFilter::default()
        },
        expected(&cases, |s| s.severity.as_deref() == Some("serious")),
        true,
    )
    .await;
    // Filters combine.
    check(
        ListFilter {
            statuses: vec![Status::InProgress, Status::Decided],
            handler: Some(w.hans.id),
            sensitive: Some(false),
            ..ListFilter::default()
        },
        expected(&cases, |s| {
            matches!(s.status, Status::InProgress | Status::Decided)
                && s.handler == Some(w.hans.id)
                && !s.sensitive
        }),
        true,
    )
    .await;
}

async fn list_text_search_finds_by_description_surname_and_reference(db: TestDb) {
    let w = World::new(&db.store).await;
    let cases = thirty(&w).await;
    let all = scope(w.cora.id, true);
    let special = &cases[SPECIAL];
    let search = |text: &str| ListFilter {
        text: Some(text.to_owned()),
        ..ListFilter::default()
    };
    let only_special: BTreeSet<String> = BTreeSet::from([special.reference.to_string()]);

    for text in [
        "fietsenstalling",
        "Fietsenstalling",
        "Vermeulen",
        "vermeulen",
        "Marieke Vermeulen",
    ] {
        assert_eq!(
            list_all(&db, all, &search(text)).await,
            only_special,
            "{text:?}"
        );
    }
    let reference = special.reference.to_string();
    assert_eq!(list_all(&db, all, &search(&reference)).await, only_special);
    assert_eq!(
        list_all(&db, all, &search(&format!("  {reference} "))).await,
        only_special
    );
    let others: BTreeSet<String> = cases
        .iter()
        .filter(|c| c.id != special.id)
        .map(|c| c.reference.to_string())
        .collect();
    assert_eq!(list_all(&db, all, &search("wachttijd")).await, others);
    assert_eq!(list_paged(&db, all, &search("wachttijd"), 2).await, others);
    assert_eq!(
        list_all(&db, all, &search("Bakker")).await,
        expected(&cases, |s| {
            s.complainant.get().is_some_and(|c| c.name == "Piet Bakker")
        })
    );
    assert!(
        list_all(&db, all, &search("onbekendwoord"))
            .await
            .is_empty()
    );
    // Search characters are words, not syntax.
    assert!(list_all(&db, all, &search("\"Vermeulen OR *")).await.len() <= 1);
    // Text search respects the scope.
    let hans = scope(w.hans.id, false);
    assert_eq!(
        list_all(&db, hans, &search("wachttijd")).await,
        expected(&cases, |s| {
            s.description.get().is_some_and(|d| d.contains("wachttijd"))
                && (s.handler == Some(w.hans.id) || s.concerns == Some(w.hans.id))
        })
    );

    // Once its personal data is gone, its words and name no longer find it; its reference does.
    assert!(db.erase_personal_data(special.id).await > 0);
    for text in ["fietsenstalling", "Vermeulen", "Marieke"] {
        assert!(
            list_all(&db, all, &search(text)).await.is_empty(),
            "{text:?} still finds the anonymised complaint"
        );
    }
    assert_eq!(list_all(&db, all, &search(&reference)).await, only_special);
    assert_eq!(list_all(&db, all, &search("wachttijd")).await, others);
}

/// Who sees a complaint in a list, as documented on [`Scope`].
fn visible(s: &Complaint, scope: Scope) -> bool {
    let me = Some(scope.user);
    s.concerns == me
        || s.handler == me
        || s.received_by == me
        || scope.all
        || (scope.escalated && s.escalation.is_some())
        || (scope.board && s.escalation == Some(Level::Board))
}

async fn list_scope_follows_involvement_and_roles(db: TestDb) {
    let w = World::new(&db.store).await;
    let cases = thirty(&w).await;
    let everyone: BTreeSet<String> = cases.iter().map(|c| c.reference.to_string()).collect();

    // The coordinator (all) sees everything.
    let all = scope(w.cora.id, true);
    assert_eq!(list_all(&db, all, &ListFilter::default()).await, everyone);

    // A handler sees what is assigned to them, and what is about them.
    let hans = scope(w.hans.id, false);
    let want = expected(&cases, |s| visible(s, hans));
    assert_eq!(
        want,
        expected(&cases, |s| s.handler == Some(w.hans.id)
            || s.concerns == Some(w.hans.id))
    );
    assert!(
        cases[12].state.concerns == Some(w.hans.id) && cases[12].state.handler != Some(w.hans.id)
    );
    assert!(want.contains(&cases[12].reference.to_string()));
    assert_eq!(list_all(&db, hans, &ListFilter::default()).await, want);

    // A staff member sees what they took in and, always, what is about them.
    let sam = scope(w.sam.id, false);
    let want = expected(&cases, |s| {
        s.received_by == Some(w.sam.id) || s.concerns == Some(w.sam.id)
    });
    assert!(
        cases
            .iter()
            .any(|c| c.state.concerns == Some(w.sam.id) && c.state.received_by != Some(w.sam.id))
    );
    assert_eq!(want, expected(&cases, |s| visible(s, sam)));
    assert_eq!(list_all(&db, sam, &ListFilter::default()).await, want);
    // Also when they hold an overseeing role.
    let sam_all = scope(w.sam.id, true);
    assert_eq!(
        list_all(&db, sam_all, &ListFilter::default()).await,
        everyone
    );

    // A director sees the escalated complaints; without that, nothing.
    let dirk = Scope {
        user: w.dirk.id,
        all: false,
        escalated: true,
        board: false,
        about: None,
        none: false,
    };
    let want = expected(&cases, |s| s.escalation.is_some());
    assert!(!want.is_empty());
    assert_eq!(list_all(&db, dirk, &ListFilter::default()).await, want);
    assert!(
        list_all(&db, scope(w.dirk.id, false), &ListFilter::default())
            .await
            .is_empty()
    );
    // Nothing went to the board.
    let board = Scope {
        user: w.dirk.id,
        all: false,
        escalated: false,
        board: true,
        about: None,
        none: false,
    };
    assert!(
        list_all(&db, board, &ListFilter::default())
            .await
            .is_empty()
    );

    // Someone with no involvement and no role sees nothing.
    assert!(
        list_all(&db, scope(UserId(9999), false), &ListFilter::default())
            .await
            .is_empty()
    );
}

// ---------------------------------------------------------------------------------------------
// 7. Reads

async fn reads_are_listed_newest_first(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2025-03-03T09:00:00Z");
    let a = w
        .create(
            None,
            new_complaint(Channel::Web, at, "Anna de Vries", "Klacht a."),
            at,
        )
        .await;
    let b = w
        .create(
            None,
            new_complaint(Channel::Web, at, "Piet Bakker", "Klacht b."),
            at,
        )
        .await;
    let (t1, t2, t3) = (
        ts("2025-03-04T09:00:00Z"),
        ts("2025-03-05T09:00:00Z"),
        ts("2025-03-06T09:00:00Z"),
    );
    assert!(db.store.reads(a.id, 100).await.expect("reads").is_empty());
    // Logged out of time order on purpose.
    db.store.log_read(a.id, w.hans.id, t2).await.expect("log");
    db.store.log_read(a.id, w.cora.id, t1).await.expect("log");
    db.store.log_read(b.id, w.hans.id, t2).await.expect("log");
    db.store.log_read(a.id, w.cora.id, t3).await.expect("log");
    assert_eq!(
        db.store.reads(a.id, 100).await.expect("reads"),
        vec![(w.cora.id, t3), (w.hans.id, t2), (w.cora.id, t1)]
    );
    assert_eq!(
        db.store.reads(b.id, 100).await.expect("reads"),
        vec![(w.hans.id, t2)]
    );
}

// ---------------------------------------------------------------------------------------------
// 8. Profiles

async fn profiles_are_stored_once_per_source(db: TestDb) {
    let store = &db.store;
    let now = ts("2025-01-02T08:00:00Z");
    let template = klacht_core::profile::builtin("template").expect("template");
    let source = klacht_core::profile::builtin_source("template").expect("source");
    let id1 = store
        .register_profile(&template, source, now)
        .await
        .expect("register");
    let id2 = store
        .register_profile(&template, source, ts("2025-06-01T08:00:00Z"))
        .await
        .expect("register again");
    assert_eq!(id1, id2);
    // The date the regulation was adopted and the time of first use, as stored (a date and a
    // timestamptz on PostgreSQL, text and microseconds on SQLite): the same day and moment.
    let stored = db
        .fetch(
            &format!(
                "SELECT CAST(adopted_on AS TEXT) FROM profiles WHERE id = $1 AND first_used = {}",
                db.time_param(2)
            ),
            &[P::I(id1), P::I(now.as_microsecond())],
        )
        .await;
    assert_eq!(
        stored.len(),
        1,
        "first_used is the time of the first registration"
    );
    assert_eq!(
        stored[0].try_get::<String, _>(0).expect("adopted_on"),
        template.adopted_on.to_string()
    );

    let edited = format!("{source}\n# Lokale aanpassing.\n");
    let id3 = store
        .register_profile(&template, &edited, now)
        .await
        .expect("register edited");
    assert_ne!(id3, id1);

    let kjrw = klacht_core::profile::builtin("kjrw").expect("kjrw");
    let kjrw_source = klacht_core::profile::builtin_source("kjrw").expect("kjrw source");
    let id4 = store
        .register_profile(&kjrw, kjrw_source, now)
        .await
        .expect("register kjrw");
    assert!(id4 != id1 && id4 != id3);

    // Registering the same new source from many places at once still gives one id.
    let racing = format!("{source}\n# Nog een versie.\n");
    let mut tasks = Vec::new();
    for _ in 0..10 {
        let (store, profile, racing) = (store.clone(), template.clone(), racing.clone());
        tasks.push(tokio::spawn(async move {
            store.register_profile(&profile, &racing, now).await
        }));
    }
    let mut ids = BTreeSet::new();
    for t in tasks {
        ids.insert(t.await.expect("task").expect("register concurrently"));
    }
    assert_eq!(ids.len(), 1, "{ids:?}");
    let id5 = ids.into_iter().next().expect("one id");

    assert_eq!(
        store.profile_source(id1).await.expect("source").as_deref(),
        Some(source)
    );
    assert_eq!(
        store.profile_source(id3).await.expect("source"),
        Some(edited)
    );
    assert_eq!(
        store.profile_source(id4).await.expect("source").as_deref(),
        Some(kjrw_source)
    );
    assert_eq!(
        store.profile_source(id5).await.expect("source"),
        Some(racing)
    );
    assert_eq!(
        store
            .profile_source(id1 + id3 + id4 + id5 + 1)
            .await
            .expect("source"),
        None
    );
    assert_eq!(count(&db, "SELECT COUNT(*) FROM profiles", &[]).await, 4);
}

// ---------------------------------------------------------------------------------------------
// 9. Batches

async fn batch_create_stores_all_with_consecutive_references(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2025-02-03T09:00:00Z");
    let first = w
        .create(
            None,
            new_complaint(Channel::Web, at, "Eerste Klager", "Voor de batch."),
            at,
        )
        .await;
    assert_eq!(first.reference.to_string(), "2025-0001");
    let records: Vec<NewRecord> = (0..100_i64)
        .map(|i| {
            let at = ts("2025-02-04T09:00:00Z")
                .checked_add(jiff::SignedDuration::from_mins(i))
                .expect("time");
            let channel = Channel::ALL[usize::try_from(i).expect("i") % 6];
            let who = (channel != Channel::Web).then_some(&w.cora);
            w.record(
                who,
                new_complaint(
                    channel,
                    at,
                    &format!("Import Klager{i}"),
                    &format!("Geïmporteerde klacht {i}."),
                ),
                at,
            )
        })
        .collect();
    let created = db
        .store
        .create_complaints(records.clone())
        .await
        .expect("batch");
    assert_eq!(created.len(), 100);
    let numbers: Vec<u32> = created.iter().map(|(_, r)| r.number()).collect();
    assert_eq!(numbers, (2..=101).collect::<Vec<u32>>());
    assert!(created.iter().all(|(_, r)| r.year() == 2025));
    assert!(created.windows(2).all(|p| p[0].0 < p[1].0), "ids in order");

    let (items, _) = all_pages(
        &db,
        scope(w.cora.id, true),
        &ListFilter::default(),
        Sort::Newest,
        500,
    )
    .await;
    assert_eq!(items.len(), 101);
    for (rec, (id, reference)) in records.iter().zip(&created) {
        let d = db
            .store
            .load(reference)
            .await
            .expect("load")
            .expect("found");
        assert_eq!(d.id, *id);
        assert_eq!(
            d.events.iter().map(|e| e.event.clone()).collect::<Vec<_>>(),
            rec.events
        );
        assert_eq!(d.state, rec.state);
        assert_eq!(
            db.store.verify_chain(reference).await.expect("verify"),
            None
        );
    }
    // An empty batch is no error.
    assert!(
        db.store
            .create_complaints(Vec::new())
            .await
            .expect("empty batch")
            .is_empty()
    );
}

async fn batch_create_is_all_or_nothing(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2025-02-03T09:00:00Z");
    let good = |i: usize| {
        w.record(
            None,
            new_complaint(Channel::Web, at, &format!("Klager{i}"), "Batch."),
            at,
        )
    };
    let mut bad = good(99);
    bad.profile_id = w.profile_id + 1000; // no such profile
    let err = db
        .store
        .create_complaints(vec![good(1), good(2), bad, good(3)])
        .await
        .expect_err("a batch with a bad record fails");
    assert!(matches!(err, StoreError::Database(_)), "{err:?}");
    for table in [
        "complaints",
        "events",
        "personal_data",
        "complaint_categories",
        "reference_counters",
    ] {
        assert_eq!(
            count(&db, &format!("SELECT COUNT(*) FROM {table}"), &[]).await,
            0,
            "{table} after the failed batch"
        );
    }
    // The reference numbers were not used up.
    let next = w
        .create(
            None,
            new_complaint(Channel::Web, at, "Later", "Na de batch."),
            at,
        )
        .await;
    assert_eq!(next.reference.to_string(), "2025-0001");
}

async fn k8_readings_at_the_same_time_are_each_logged(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2025-03-03T09:00:00Z");
    let c = w
        .create(
            None,
            new_complaint(Channel::Web, at, "Anna de Vries", "Klacht."),
            at,
        )
        .await;
    // Readings that arrive together share a commit; each is still its own entry.
    let barrier = Arc::new(tokio::sync::Barrier::new(40));
    let mut tasks = Vec::new();
    for i in 0..40_i64 {
        let (store, barrier) = (db.store.clone(), barrier.clone());
        let who = if i % 2 == 0 { w.cora.id } else { w.hans.id };
        let when = ts("2025-03-04T09:00:00Z") + jiff::SignedDuration::from_secs(i);
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            store.log_read(c.id, who, when).await
        }));
    }
    for t in tasks {
        t.await.expect("task").expect("logged");
    }
    let reads = db.store.reads(c.id, 100).await.expect("reads");
    assert_eq!(reads.len(), 40);
    assert_eq!(reads.iter().filter(|(u, _)| *u == w.cora.id).count(), 20);
    assert_eq!(reads[0].1, ts("2025-03-04T09:00:39Z"), "newest first");
}

/// Words only a text hidden from the person complained about holds (K3): the complainant's
/// contact details, where it was received, notes, the hearing, contacts, reasons, measures.
const HIDDEN_WORDS: [&str; 11] = [
    "contactadresje@example.nl",
    "98765432",
    "Verborgenstraat",
    "Zuidwijk",
    "ontvangstnotitie",
    "handelingsnotitie",
    "informatienotitie",
    "verhoorsamenvatting",
    "contactsamenvatting",
    "verlengingsreden",
    "maatregelwoord",
];

/// The oracle of the search leak: for the person a complaint is about, every word of their
/// view finds it, no word of a hidden text does, not even by its first letters; for the
/// coordinator every word does. Both sort orders (SQLite walks its index for the newest first),
/// and again after the index of what they see was rebuilt from the stored data (as for
/// complaints stored before it existed).
async fn k03_the_person_complained_about_finds_a_complaint_only_by_what_they_see(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-03-02T10:00:00Z");
    // Other complaints, so that a search has something to walk past.
    for i in 0..12 {
        w.create(
            None,
            new_complaint(
                Channel::Web,
                at,
                &format!("Ander{i}"),
                "Over de zichtbaarwoord-les ook.",
            ),
            at,
        )
        .await;
    }
    let mut new = new_complaint(
        Channel::Phone,
        at,
        "Anna Klaagster",
        "De begeleider bij de zichtbaarwoord-cursus was onvriendelijk.",
    );
    new.concerns = Some(w.sam.id);
    new.received_where = Some("spreekuur Zuidwijk".into());
    new.complainant.email = Some("contactadresje@example.nl".into());
    new.complainant.phone = Some("06 98765432".into());
    new.complainant.address = Some("Verborgenstraat 12".into());
    let mut case = w.create(Some(&w.cora), new, at).await;
    let steps = [
        Command::Acknowledge {
            via: Via::Letter,
            note: Some("ontvangstnotitie".into()),
        },
        Command::AddNote {
            text: "handelingsnotitie".into(),
        },
        Command::InformInvolved {
            note: Some("informatienotitie".into()),
            via: None,
        },
        Command::RecordHearing {
            summary: "verhoorsamenvatting".into(),
            held_on: Some(Date::constant(2026, 3, 2)),
        },
        Command::RecordContact {
            via: Via::Phone,
            on: Some(Date::constant(2026, 3, 2)),
            summary: "contactsamenvatting".into(),
            agreements: None,
            measures_communicated: false,
        },
        Command::RecordMeasure {
            description: "maatregelwoord".into(),
        },
    ];
    for cmd in steps {
        w.act(&mut case, &w.cora, cmd, at).await;
    }
    let deadline = case.state.deadlines[1].id.clone();
    let due = case.state.deadlines[1].due.expect("a running deadline");
    w.act(
        &mut case,
        &w.cora,
        Command::Extend {
            deadline,
            new_due: due.checked_add(jiff::Span::new().days(7)).expect("a date"),
            reason: "verlengingsreden".into(),
            consent: false,
        },
        at,
    )
    .await;
    let sam = scope(w.sam.id, false);
    let cora = scope(w.cora.id, true);
    let only: BTreeSet<String> = BTreeSet::from([case.reference.to_string()]);
    let search = |text: &str| ListFilter {
        text: Some(text.to_owned()),
        ..ListFilter::default()
    };
    let check = |round: &'static str| {
        let (db, w, only) = (&db, &w, only.clone());
        async move {
            let _ = w;
            for sort in [Sort::Newest, Sort::NextDue] {
                let find = |who: Scope, text: &str| {
                    let filter = search(text);
                    async move {
                        let page = db
                            .store
                            .list(who, &filter, sort, None, 500)
                            .await
                            .expect("list");
                        ref_set(&page.items)
                    }
                };
                for word in ["zichtbaarwoord", "Klaagster", "begeleider"] {
                    assert_eq!(find(sam, word).await, only, "{round} {sort:?}: {word:?}");
                }
                for word in HIDDEN_WORDS {
                    assert!(
                        find(sam, word).await.is_empty(),
                        "{round} {sort:?}: {word:?} finds the complaint for the person it is about"
                    );
                    assert_eq!(
                        find(cora, word).await,
                        only,
                        "{round} {sort:?}: the coordinator, {word:?}"
                    );
                }
                if db.backend() == klacht_store::Backend::Sqlite {
                    // SQLite matches prefixes: the first letters of a hidden word find nothing.
                    for prefix in ["verhoor", "handel", "contactad", "Verborgen", "ontvangstn"] {
                        assert!(
                            find(sam, prefix).await.is_empty(),
                            "{round} {sort:?}: {prefix:?}"
                        );
                    }
                }
            }
        }
    };
    check("as written").await;
    // Pages of the person's search keep their order across the merge of the two indexes.
    assert_eq!(
        list_paged(&db, sam, &search("zichtbaarwoord"), 1).await,
        only
    );

    // The index of what they see, rebuilt from the stored data at start.
    match db.backend() {
        klacht_store::Backend::Sqlite => {
            db.exec("DELETE FROM involved_search", &[]).await;
        }
        klacht_store::Backend::Postgres => {
            db.exec("UPDATE personal_data SET involved_text = NULL", &[])
                .await;
        }
    }
    assert!(
        list_all(&db, sam, &search("zichtbaarwoord"))
            .await
            .is_empty()
    );
    db.exec(
        "DELETE FROM data_migrations WHERE name = 'involved_search'",
        &[],
    )
    .await;
    let again = klacht_store_any::Store::connect(&db.url)
        .await
        .expect("reopen");
    let reopened = TestDb {
        store: crate::support::Contract::new(again),
        url: db.url.clone(),
    };
    let found = reopened
        .store
        .list(sam, &search("zichtbaarwoord"), Sort::Newest, None, 50)
        .await
        .expect("list");
    assert_eq!(ref_set(&found.items), only);
    for word in HIDDEN_WORDS {
        let page = reopened
            .store
            .list(sam, &search(word), Sort::Newest, None, 50)
            .await
            .expect("list");
        assert!(page.items.is_empty(), "after the rebuild: {word:?}");
    }
    reopened.store.close().await;
    check("after the rebuild").await;
}

/// PostgreSQL keeps the complaints' times, days, flag and JSON, the event times and the report
/// days in its own types (migrations 0010, 0011); SQLite keeps integers and text. Both hold the
/// same values.
async fn complaints_events_and_report_days_are_stored_in_native_types(db: TestDb) {
    let w = World::new(&db.store).await;
    let received = ts("2025-03-10T23:15:00.123456Z");
    let new = new_complaint(
        Channel::Email,
        received,
        "Jan Jansen",
        "De wachttijd aan de telefoon was veel te lang.",
    );
    let case = w.create(Some(&w.cora), new, received).await;
    let wanted: &[(&str, &str, &str, &str)] = &[
        // table, column, PostgreSQL, SQLite (the storage class of the value)
        (
            "complaints",
            "received_at",
            "timestamp with time zone",
            "integer",
        ),
        ("complaints", "received_on", "date", "text"),
        (
            "complaints",
            "updated_at",
            "timestamp with time zone",
            "integer",
        ),
        (
            "complaints",
            "decided_at",
            "timestamp with time zone",
            "null",
        ),
        (
            "complaints",
            "closed_at",
            "timestamp with time zone",
            "null",
        ),
        ("complaints", "next_due", "date", "text"),
        ("complaints", "sensitive", "boolean", "integer"),
        ("complaints", "deadlines", "jsonb", "text"),
        ("complaints", "categories", "jsonb", "text"),
        ("events", "at", "timestamp with time zone", "integer"),
        ("report_received", "day", "date", "text"),
        ("report_deadlines", "day", "date", "text"),
        ("report_deadlines", "due", "date", "text"),
        ("report_deadlines", "met_on", "date", "text"),
        ("report_late", "day", "date", "null"),
        ("report_late", "due", "date", "null"),
        ("report_late", "met_on", "date", "null"),
        ("report_decided", "hour", "bigint", "null"),
    ];
    for (table, column, pg, sqlite) in wanted {
        let got: String = match db.backend() {
            klacht_store::Backend::Postgres => db
                .fetch(
                    "SELECT CAST(data_type AS TEXT) FROM information_schema.columns \
                     WHERE table_schema = 'public' AND table_name = $1 AND column_name = $2",
                    &[P::T((*table).into()), P::T((*column).into())],
                )
                .await
                .first()
                .unwrap_or_else(|| panic!("no column {table}.{column}"))
                .try_get(0)
                .unwrap(),
            klacht_store::Backend::Sqlite => {
                // The storage class of the value written for the complaint ("null" where it
                // wrote none: no decision, nothing late).
                let sql = format!("SELECT typeof({column}) FROM {table} ORDER BY 1 DESC LIMIT 1");
                db.fetch(&sql, &[])
                    .await
                    .first()
                    .map_or("null".to_owned(), |r| r.try_get(0).unwrap())
            }
        };
        let want = match db.backend() {
            klacht_store::Backend::Postgres => pg,
            klacht_store::Backend::Sqlite => sqlite,
        };
        assert_eq!(&got, want, "{table}.{column}");
    }
    // The values as the database sees them: the time to the microsecond, the day of receipt in
    // Amsterdam (already the 11th at 23:15 UTC), the flag (not sensitive) and the JSON.
    let (time, day, yes, json) = match db.backend() {
        klacht_store::Backend::Postgres => (
            "CAST(EXTRACT(EPOCH FROM received_at) * 1000000 AS BIGINT)",
            "CAST(received_on AS TEXT)",
            "CASE WHEN sensitive THEN 1 ELSE 0 END",
            "CAST(jsonb_typeof(deadlines) AS TEXT) || ' ' || CAST(jsonb_typeof(categories) AS TEXT)",
        ),
        klacht_store::Backend::Sqlite => (
            "received_at",
            "received_on",
            "sensitive",
            "json_type(deadlines) || ' ' || json_type(categories)",
        ),
    };
    let row = &db
        .fetch(
            &format!("SELECT {time}, {day}, {yes}, {json} FROM complaints WHERE id = $1"),
            &[P::I(case.id)],
        )
        .await[0];
    assert_eq!(row.try_get::<i64, _>(0).unwrap(), received.as_microsecond());
    assert_eq!(row.try_get::<String, _>(1).unwrap(), "2025-03-11");
    assert_eq!(row.try_get::<i64, _>(2).unwrap(), 0);
    assert_eq!(row.try_get::<String, _>(3).unwrap(), "array array");
    let d = db.store.load(&case.reference).await.unwrap().unwrap();
    assert_eq!(d.events[0].event.at, received);
    assert_eq!(d.state, case.state);
    assert_eq!(db.store.verify_chain(&case.reference).await.unwrap(), None);
}

/// The queries of the deadlines (due, late, the dashboard) and of the exceptional complaints
/// find their rows through their indexes, whatever type the columns have (migration 0011 made
/// them dates, times and a boolean on PostgreSQL). The planner is told to avoid reading the
/// whole table (the test database is small), so a plan without the index means it cannot use it.
async fn queries_by_deadline_and_flag_use_their_indexes(db: TestDb) {
    let w = World::new(&db.store).await;
    for day in 1..=5 {
        let received = ts(&format!("2025-03-0{day}T09:00:00Z"));
        let new = new_complaint(
            Channel::Email,
            received,
            "Jan Jansen",
            "Te laat geantwoord.",
        );
        w.create(Some(&w.cora), new, received).await;
    }
    let sqlite = db.backend() == klacht_store::Backend::Sqlite;
    // The literals as each database stores them.
    let (day, later_day, start, end, sensitive) = if sqlite {
        (
            "'2025-01-01'",
            "'2026-01-01'",
            ts("2025-01-01T00:00:00Z").as_microsecond().to_string(),
            ts("2026-01-01T00:00:00Z").as_microsecond().to_string(),
            "sensitive <> 0",
        )
    } else {
        (
            "DATE '2025-01-01'",
            "DATE '2026-01-01'",
            "TIMESTAMPTZ '2025-01-01T00:00:00Z'".to_owned(),
            "TIMESTAMPTZ '2026-01-01T00:00:00Z'".to_owned(),
            "sensitive",
        )
    };
    let hint = |index: &str| {
        if sqlite {
            format!(" INDEXED BY {index}")
        } else {
            String::new()
        }
    };
    let queries = [
        // Store::due_by
        (
            format!(
                "SELECT id FROM complaints WHERE next_due IS NOT NULL AND next_due <= {later_day} \
                 AND (next_due, id) > ({day}, 0) ORDER BY next_due, id LIMIT 10"
            ),
            &["complaints_next_due", "complaints_overdue"][..],
        ),
        // The overdue ones of a report's period (Store::late).
        (
            format!(
                "SELECT reference FROM complaints WHERE next_due IS NOT NULL \
                 AND next_due < {later_day} AND next_due >= {day} AND received_at >= {start} \
                 AND received_at < {end} ORDER BY next_due, id LIMIT 10"
            ),
            &["complaints_next_due", "complaints_overdue"][..],
        ),
        // The overdue ones, most urgent first, as the dashboard and "what needs me now" ask:
        // `next_due < d` alone (it implies the partial indexes' `next_due IS NOT NULL`).
        (
            format!(
                "SELECT id FROM complaints WHERE next_due < {later_day} ORDER BY next_due, id LIMIT 26"
            ),
            &["complaints_next_due", "complaints_overdue"][..],
        ),
        // The dashboard: one handler's, most urgent first.
        (
            "SELECT id FROM complaints WHERE next_due IS NOT NULL AND handler = 1 \
             ORDER BY next_due, id LIMIT 10"
                .to_owned(),
            &["complaints_handler_due"][..],
        ),
        // The exceptional complaints of a period (Store::exceptional).
        (
            format!(
                "SELECT id, received_at FROM complaints WHERE received_at >= {start} \
                 AND received_at < {end} AND ({sensitive} OR escalation = 'board') \
                 ORDER BY received_at LIMIT 10"
            ),
            &["complaints_flagged"][..],
        ),
        // The dashboard's open complaints and what waits for the coordinator, newest first
        // (issue 16): walked in the index of the open ones, as the store writes the query
        // (SQLite is told the index, and refuses a query whose condition is not the index's).
        (
            format!(
                "SELECT id FROM complaints{} WHERE status IN ('received', 'acknowledged', \
                 'in_progress', 'decided') AND (handler IS NULL OR handler = concerns) \
                 ORDER BY id DESC LIMIT 11",
                hint("complaints_open")
            ),
            &["complaints_open"][..],
        ),
        (
            format!(
                "SELECT id FROM complaints{} WHERE status IN ('received', 'acknowledged', \
                 'in_progress', 'decided') AND {sensitive} ORDER BY id DESC LIMIT 11",
                hint("complaints_open_sensitive")
            ),
            &["complaints_open_sensitive"][..],
        ),
        // The satisfaction answers of the complaints closed in a report's period (issue 18):
        // from the index alone.
        (
            format!(
                "SELECT categories, outcome, severity, satisfied, satisfaction_answer, COUNT(*) \
                 FROM complaints{} WHERE status = 'closed' AND closed_at >= {start} \
                 AND closed_at < {end} \
                 GROUP BY categories, outcome, severity, satisfied, satisfaction_answer",
                hint("complaints_closed_report")
            ),
            &["complaints_closed_report"][..],
        ),
        // The dashboard filtered by severity, newest first.
        (
            "SELECT id FROM complaints WHERE severity = 'minor' ORDER BY id DESC LIMIT 51"
                .to_owned(),
            &["complaints_severity_id"][..],
        ),
    ];
    let mut conn = db.raw().await;
    if !sqlite {
        sqlx::query("SET enable_seqscan = off")
            .execute(&mut conn)
            .await
            .unwrap();
    }
    for (sql, indexes) in &queries {
        let explain = if sqlite {
            format!("EXPLAIN QUERY PLAN {sql}")
        } else {
            format!("EXPLAIN (COSTS OFF) {sql}")
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(explain))
            .fetch_all(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        // SQLite: id, parent, notused, detail; PostgreSQL: one line of text per row.
        let plan: Vec<String> = rows
            .iter()
            .map(|r| r.try_get::<String, _>(if sqlite { 3 } else { 0 }).unwrap())
            .collect();
        assert!(
            plan.iter().any(|l| indexes.iter().any(|i| l.contains(i))),
            "{sql}: no index of {indexes:?} in {plan:#?}"
        );
    }
    let _ = sqlx::Connection::close(conn).await;
}

/// T8, K3: a complaint that comes in about nobody and is recorded afterwards as about a staff
/// member: from then on it is in their list (in their restricted view) and their search finds
/// it by what they see of the events stored before; recorded as about a person without an
/// account, it leaves their list again, and the coordinator still finds it.
async fn k03_who_it_is_about_recorded_afterwards_lists_and_finds_it_for_them(db: TestDb) {
    let w = World::new(&db.store).await;
    let at = ts("2026-03-02T10:00:00Z");
    let new = new_complaint(
        Channel::Web,
        at,
        "Anna Klaagster",
        "De begeleider bij de laterwoord-cursus was onvriendelijk.",
    );
    let mut case = w.create(None, new, at).await;
    w.act(
        &mut case,
        &w.cora,
        Command::AddNote {
            text: "geheimenotitie".into(),
        },
        at,
    )
    .await;
    let sam = scope(w.sam.id, false);
    let cora = scope(w.cora.id, true);
    let only: BTreeSet<String> = BTreeSet::from([case.reference.to_string()]);
    let search = |text: &str| ListFilter {
        text: Some(text.to_owned()),
        ..ListFilter::default()
    };
    assert!(list_all(&db, sam, &ListFilter::default()).await.is_empty());

    w.act(
        &mut case,
        &w.cora,
        Command::RecordConcerns {
            about: Some(klacht_core::procedure::ConcernsInput::Staff(w.sam.id)),
        },
        at,
    )
    .await;
    assert_eq!(case.state.concerns, Some(w.sam.id));
    assert_eq!(list_all(&db, sam, &ListFilter::default()).await, only);
    for word in ["laterwoord", "Klaagster"] {
        assert_eq!(list_all(&db, sam, &search(word)).await, only, "{word:?}");
    }
    assert!(
        list_all(&db, sam, &search("geheimenotitie"))
            .await
            .is_empty()
    );
    assert_eq!(list_all(&db, cora, &search("geheimenotitie")).await, only);

    w.act(
        &mut case,
        &w.cora,
        Command::RecordConcerns {
            about: Some(klacht_core::procedure::ConcernsInput::Person {
                name: "Piet Vrijwilliger".into(),
                role: Some("gastheer".into()),
                contact: None,
            }),
        },
        at,
    )
    .await;
    assert!(list_all(&db, sam, &ListFilter::default()).await.is_empty());
    assert_eq!(list_all(&db, cora, &search("Vrijwilliger")).await, only);
    let loaded = db
        .store
        .load(&case.reference)
        .await
        .expect("load")
        .expect("there");
    assert_eq!(loaded.state.concerns, None);
    assert_eq!(
        loaded
            .state
            .concerns_person
            .as_ref()
            .and_then(|p| p.name.get())
            .map(String::as_str),
        Some("Piet Vrijwilliger")
    );
}

/// K3, T3: a complaint that comes to be about its own handler has, in effect, no handler: the
/// coordinator's "unassigned" list holds it until someone else is assigned.
async fn k03_a_complaint_about_its_own_handler_is_listed_as_unassigned_until_reassigned(
    db: TestDb,
) {
    let w = World::new(&db.store).await;
    let at = ts("2026-03-02T10:00:00Z");
    let new = new_complaint(Channel::Web, at, "Anna Klaagster", "Niemand belde terug.");
    let mut case = w.create(None, new, at).await;
    let unassigned = ListFilter {
        unassigned: true,
        ..ListFilter::default()
    };
    let cora = scope(w.cora.id, true);
    let only: BTreeSet<String> = BTreeSet::from([case.reference.to_string()]);
    assert_eq!(list_all(&db, cora, &unassigned).await, only);
    w.act(
        &mut case,
        &w.cora,
        Command::Assign { handler: w.hans.id },
        at,
    )
    .await;
    assert!(list_all(&db, cora, &unassigned).await.is_empty());
    w.act(
        &mut case,
        &w.cora,
        Command::RecordConcerns {
            about: Some(klacht_core::procedure::ConcernsInput::Staff(w.hans.id)),
        },
        at,
    )
    .await;
    assert_eq!(list_all(&db, cora, &unassigned).await, only);
    w.act(
        &mut case,
        &w.cora,
        Command::Assign { handler: w.cora.id },
        at,
    )
    .await;
    assert!(list_all(&db, cora, &unassigned).await.is_empty());
}
