//! The report figures (T13, T15) on a small crafted data set, built through the real engine and
//! counted by hand, on SQLite and PostgreSQL. Edge cases: a complaint received before the period
//! and decided in it, one spanning the period's end, a reopened and re-decided one, a withdrawn
//! one, one still open at the end, one settled at once (T4).

use crate::support::TestDb;
use crate::support::fixtures::{Case, World, new_complaint};
use jiff::Timestamp;
use jiff::civil::{Date, date};
use klacht_core::procedure::{Command, Level, Via};
use klacht_core::reports::{self, Count, Late, Period, Reason, Report};
use klacht_core::{Channel, Lang, Outcome};
use klacht_store::Backend;
use klacht_store::traits::*;
use sqlx::Row;

contract!(
    t13_half_year_figures_match_the_hand_count,
    t13_previous_period_and_an_empty_period,
    t13_the_latest_report_summary_is_shown_and_erasure_removes_it,
    t13_the_counts_kept_by_triggers_equal_a_recount_of_the_projection,
    t05_a_step_just_after_midnight_in_amsterdam_counts_on_that_day,
    t13_trend_per_month_counts_received_and_decided_per_amsterdam_month,
    t12_t13_a_duplicate_is_left_out_of_every_count_until_it_is_reopened,
    t12_a_step_on_two_complaints_writes_both_or_neither,
    t13_satisfaction_counts_the_answers_about_complaints_closed_in_the_period,
    t13_t15_complaints_closed_in_the_period_are_counted_per_rung_of_the_ladder,
);

/// 09:00 (or `hour`) in Amsterdam on a day.
fn at(y: i16, m: i8, d: i8, hour: i8) -> Timestamp {
    date(y, m, d)
        .at(hour, 0, 0, 0)
        .in_tz("Europe/Amsterdam")
        .unwrap()
        .timestamp()
}

fn decide(outcome: Outcome) -> Command {
    Command::Decide {
        outcome,
        decision: "Wij hebben de klacht onderzocht.".into(),
        via: Via::Email,
    }
}

fn acknowledge() -> Command {
    Command::Acknowledge {
        via: Via::Email,
        note: None,
    }
}

fn classify(categories: &[&str], severity: &str, sensitive: bool) -> Command {
    Command::Classify {
        categories: categories.iter().map(|c| (*c).to_owned()).collect(),
        severity: Some(severity.into()),
        sensitive,
        relation: Some("client".into()),
    }
}

struct Set {
    world: World,
    before: Case,
    late: Case,
    open: Case,
}

/// The crafted set; see the module comment. Created in order of receipt.
async fn crafted(db: &TestDb) -> Set {
    let w = World::new(&db.store).await;
    let (cora, hans, sam) = (w.cora.clone(), w.hans.clone(), w.sam.clone());
    let new = |channel, at| new_complaint(channel, at, "Anna de Vries", "De wachttijd was lang.");

    // Received Monday 30 December 2024, decided Monday 6 January 2025: not received in the
    // first half of 2025, but decided in it.
    let mut before = w
        .create(
            Some(&cora),
            new(Channel::Phone, at(2024, 12, 30, 9)),
            at(2024, 12, 30, 9),
        )
        .await;
    w.act(
        &mut before,
        &cora,
        decide(Outcome::Gegrond),
        at(2025, 1, 6, 10),
    )
    .await;

    // Received Monday 3 February, decided, reopened and decided again: counts once, with its
    // latest outcome. Answer met 12 Feb (due 17 Feb after the reopening): 7 working days.
    let mut reopened = w
        .create(
            Some(&cora),
            new(Channel::Email, at(2025, 2, 3, 9)),
            at(2025, 2, 3, 9),
        )
        .await;
    w.act(&mut reopened, &cora, acknowledge(), at(2025, 2, 3, 10))
        .await;
    w.act(
        &mut reopened,
        &cora,
        decide(Outcome::Gegrond),
        at(2025, 2, 5, 10),
    )
    .await;
    w.act(
        &mut reopened,
        &cora,
        Command::Reopen {
            reason: "Nieuwe feiten.".into(),
        },
        at(2025, 2, 10, 10),
    )
    .await;
    w.act(
        &mut reopened,
        &cora,
        decide(Outcome::Ongegrond),
        at(2025, 2, 12, 10),
    )
    .await;

    // Received Monday 3 March by letter, acknowledged that day, withdrawn on the 5th: the
    // answer deadline lapses.
    let mut withdrawn = w
        .create(
            Some(&cora),
            new(Channel::Letter, at(2025, 3, 3, 9)),
            at(2025, 3, 3, 9),
        )
        .await;
    w.act(&mut withdrawn, &cora, acknowledge(), at(2025, 3, 3, 11))
        .await;
    w.act(
        &mut withdrawn,
        &cora,
        Command::Withdraw { reason: None },
        at(2025, 3, 5, 10),
    )
    .await;

    // Received Tuesday 1 April in person, very serious; acknowledged late on the 7th (due the
    // 3rd: 4 working days), decided late on the 15th (due the 8th: 10 working days).
    let mut late = w
        .create(
            Some(&cora),
            new(Channel::InPerson, at(2025, 4, 1, 9)),
            at(2025, 4, 1, 9),
        )
        .await;
    w.act(
        &mut late,
        &cora,
        classify(&["service"], "very_serious", false),
        at(2025, 4, 1, 12),
    )
    .await;
    w.act(&mut late, &cora, acknowledge(), at(2025, 4, 7, 10))
        .await;
    w.act(
        &mut late,
        &cora,
        Command::Assign { handler: hans.id },
        at(2025, 4, 7, 11),
    )
    .await;
    w.act(
        &mut late,
        &hans,
        decide(Outcome::Opgelost),
        at(2025, 4, 15, 10),
    )
    .await;

    // Monday 12 May, by phone, settled at once by a staff member (T4): decided, on time.
    let mut direct = new(Channel::Phone, at(2025, 5, 12, 9));
    direct.resolved_directly = Some("Meteen teruggebeld en opgelost.".into());
    w.create(Some(&sam), direct, at(2025, 5, 12, 9)).await;

    // Monday 2 June by phone, sensitive, escalated to the board, never acknowledged nor decided:
    // both deadlines late and open (acknowledge due 4 June; answer due 10 June, after Whit
    // Monday).
    let mut open = w
        .create(
            Some(&cora),
            new(Channel::Phone, at(2025, 6, 2, 9)),
            at(2025, 6, 2, 9),
        )
        .await;
    w.act(
        &mut open,
        &cora,
        classify(&["privacy", "communication"], "normal", true),
        at(2025, 6, 2, 10),
    )
    .await;
    w.act(
        &mut open,
        &cora,
        Command::Escalate {
            to: Level::Board,
            reason: "Reputatierisico.".into(),
        },
        at(2025, 6, 3, 10),
    )
    .await;

    // Friday 27 June, decided Thursday 3 July: received in the period, open at its end, decided
    // on time (4 working days) after it.
    let mut spanning = w
        .create(
            Some(&cora),
            new(Channel::Phone, at(2025, 6, 27, 9)),
            at(2025, 6, 27, 9),
        )
        .await;
    w.act(&mut spanning, &cora, acknowledge(), at(2025, 6, 27, 10))
        .await;
    w.act(
        &mut spanning,
        &cora,
        decide(Outcome::Gegrond),
        at(2025, 7, 3, 10),
    )
    .await;

    Set {
        world: w,
        before,
        late,
        open,
    }
}

fn as_of() -> Date {
    date(2025, 7, 15)
}

/// The profile's deadline ids and the severities at which the board is consulted.
fn named(w: &World) -> (Vec<String>, Vec<String>) {
    let ids = w.profile.deadlines.iter().map(|d| d.id.clone()).collect();
    let very_serious = w
        .profile
        .severities
        .iter()
        .filter(|s| s.consult_board)
        .map(|s| s.id.clone())
        .collect();
    (ids, very_serious)
}

async fn half_year(db: &TestDb, w: &World, period: Period) -> Report {
    let (ids, very_serious) = named(w);
    let input = db
        .store
        .report_input(period, as_of(), &ids, &very_serious)
        .await
        .expect("report input");
    reports::report(&w.profile, &w.calendar, &input, as_of(), Lang::Nl)
}

fn count(r: &reports::Breakdown, id: &str) -> Count {
    r.items
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("{id} in the breakdown"))
        .count
}

use Count::Exact as E;

async fn t13_half_year_figures_match_the_hand_count(db: TestDb) {
    let set = crafted(&db).await;
    let w = &set.world;
    let r = half_year(&db, w, Period::half_year(2025, 1).unwrap()).await;

    // Received in the period: all but the one from December.
    assert_eq!(r.total, E(6));
    assert_eq!(count(&r.by_channel, "phone"), E(3));
    assert_eq!(count(&r.by_channel, "email"), E(1));
    assert_eq!(count(&r.by_channel, "letter"), E(1));
    assert_eq!(count(&r.by_channel, "in_person"), E(1));
    assert_eq!(count(&r.by_channel, "web"), E(0));
    assert_eq!(count(&r.by_form, "oral"), E(4));
    assert_eq!(count(&r.by_form, "written"), E(2));
    assert_eq!(count(&r.by_category, "service"), E(1));
    assert_eq!(count(&r.by_category, "privacy"), E(1));
    assert_eq!(count(&r.by_category, "communication"), E(1));
    assert_eq!(r.by_category.unclassified, E(4));
    assert_eq!(count(&r.by_severity, "very_serious"), E(1));
    assert_eq!(count(&r.by_severity, "normal"), E(1));
    assert_eq!(r.by_severity.unclassified, E(4));
    assert_eq!(count(&r.by_relation, "client"), E(2));
    assert_eq!(r.escalations.board, E(1));
    assert_eq!(r.escalations.director, E(0));

    // Decided in the period: December's (gegrond), the reopened one once with its latest
    // outcome (ongegrond), the late one and the one settled at once (opgelost). The one
    // decided in July is not; the withdrawn one is counted apart.
    assert_eq!(r.decided, E(4));
    assert_eq!(count(&r.outcomes, "gegrond"), E(1));
    assert_eq!(count(&r.outcomes, "ongegrond"), E(1));
    assert_eq!(count(&r.outcomes, "opgelost"), E(2));
    assert_eq!(r.withdrawn, E(1));
    // Open at the end of June: the one still open and the one decided in July.
    assert_eq!(r.open_at_end, E(2));

    let ack = &r.deadlines[0];
    assert_eq!(ack.id, "acknowledge");
    assert_eq!(
        (
            ack.on_time,
            ack.late,
            ack.late_open,
            ack.pending,
            ack.lapsed
        ),
        (E(4), E(2), E(1), E(0), E(0))
    );
    assert_eq!(ack.share_on_time, Some(66.7));
    // Working days taken: 0, 0, 4, 0, 0.
    assert_eq!(ack.median_working_days, Some(0));
    assert_eq!(ack.p90_working_days, Some(4));
    let late_ref = set.late.reference.to_string();
    let open_ref = set.open.reference.to_string();
    assert_eq!(
        ack.late_list,
        vec![
            Late {
                reference: late_ref.clone(),
                due: date(2025, 4, 3),
                met_on: Some(date(2025, 4, 7)),
            },
            Late {
                reference: open_ref.clone(),
                due: date(2025, 6, 4),
                met_on: None,
            },
        ]
    );

    let answer = &r.deadlines[1];
    assert_eq!(answer.id, "answer");
    assert_eq!(
        (
            answer.on_time,
            answer.late,
            answer.late_open,
            answer.pending,
            answer.lapsed
        ),
        (E(3), E(2), E(1), E(0), E(1))
    );
    assert_eq!(answer.share_on_time, Some(60.0));
    // Working days taken: 7 (reopened), 10 (late), 0 (at once), 4 (spanning).
    assert_eq!(answer.median_working_days, Some(4));
    assert_eq!(answer.p90_working_days, Some(10));
    assert_eq!(
        answer.late_list,
        vec![
            Late {
                reference: late_ref.clone(),
                due: date(2025, 4, 8),
                met_on: Some(date(2025, 4, 15)),
            },
            Late {
                reference: open_ref.clone(),
                due: date(2025, 6, 10),
                met_on: None,
            },
        ]
    );
    assert!(answer.late_list_complete);

    // Exceptional: the very serious one and the sensitive one escalated to the board.
    assert_eq!(r.exceptional_total, E(2));
    let listed: Vec<(Option<String>, Vec<Reason>, bool)> = r
        .exceptional
        .iter()
        .map(|e| (e.reference.clone(), e.reasons.clone(), e.has_summary))
        .collect();
    assert_eq!(
        listed,
        vec![
            (Some(late_ref), vec![Reason::VerySerious], false),
            (
                Some(open_ref),
                vec![Reason::Sensitive, Reason::EscalatedToBoard],
                false
            ),
        ]
    );
    assert_eq!(r.exceptional[0].summary, "Nog geen samenvatting");
    let _ = &set.before;
}

async fn t13_previous_period_and_an_empty_period(db: TestDb) {
    let set = crafted(&db).await;
    let w = &set.world;
    let previous = Period::half_year(2025, 1).unwrap().previous();
    let r = half_year(&db, w, previous).await;
    assert_eq!(r.period, Period::half_year(2024, 2).unwrap());
    assert_eq!(r.total, E(1));
    assert_eq!(r.decided, E(0));
    // December's complaint was still open on 31 December.
    assert_eq!(r.open_at_end, E(1));

    // The second half of 2025: nothing received except after the period... the July decision
    // counts there.
    let h2 = half_year(&db, w, Period::half_year(2025, 2).unwrap()).await;
    assert_eq!(h2.total, E(0));
    assert_eq!(count(&h2.outcomes, "gegrond"), E(1));
    assert_eq!(h2.deadlines[1].share_on_time, None);
    assert!(h2.exceptional.is_empty());

    // The comparison reads only the counts; its summary is the full input's.
    let (ids, very_serious) = named(w);
    for p in [Period::half_year(2025, 1).unwrap(), previous] {
        let full = db
            .store
            .report_input(p, as_of(), &ids, &very_serious)
            .await
            .expect("report input");
        let counts = db
            .store
            .summary_input(p, as_of(), &ids, &very_serious)
            .await
            .expect("summary input");
        assert_eq!(
            reports::summary(&w.profile, &w.calendar, &counts, as_of()),
            reports::summary(&w.profile, &w.calendar, &full, as_of()),
            "{p:?}"
        );
    }
}

async fn t13_the_latest_report_summary_is_shown_and_erasure_removes_it(db: TestDb) {
    let mut set = crafted(&db).await;
    let cora = set.world.cora.clone();
    for text in [
        "Eerste versie.",
        "Klacht over reputatie; het bestuur is ingelicht.",
    ] {
        set.world
            .act(
                &mut set.open,
                &cora,
                Command::WriteReportSummary { text: text.into() },
                at(2025, 7, 1, 10),
            )
            .await;
    }
    let period = Period::half_year(2025, 1).unwrap();
    let r = half_year(&db, &set.world, period).await;
    let open = r
        .exceptional
        .iter()
        .find(|e| e.reference.as_deref() == Some(&set.open.reference.to_string()))
        .unwrap();
    assert!(open.has_summary);
    assert_eq!(
        open.summary,
        "Klacht over reputatie; het bestuur is ingelicht."
    );

    // Anonymisation erases the summary with the rest of the personal data.
    db.erase_personal_data(set.open.id).await;
    let r = half_year(&db, &set.world, period).await;
    let open = r
        .exceptional
        .iter()
        .find(|e| e.reference.as_deref() == Some(&set.open.reference.to_string()))
        .unwrap();
    assert!(!open.has_summary);
    assert_eq!(open.summary, "Nog geen samenvatting");
}

/// The recount the migration does for existing complaints, as rows to compare.
async fn recount(db: &TestDb) -> (Vec<String>, Vec<String>, Vec<String>) {
    let sqlite = db.backend() == Backend::Sqlite;
    let json = if sqlite {
        "json_each(c.deadlines) j"
    } else {
        "jsonb_array_elements(c.deadlines) j"
    };
    let (id, due, met_at) = if sqlite {
        (
            "json_extract(j.value, '$.id')",
            "json_extract(j.value, '$.due')",
            "json_extract(j.value, '$.met_at')",
        )
    } else {
        (
            "j.value ->> 'id'",
            "j.value ->> 'due'",
            "j.value ->> 'met_at'",
        )
    };
    // PostgreSQL: the flag is a boolean and the categories jsonb (migration 0011); the counts
    // keep '0'/'1' and the text of the categories.
    let (sensitive, categories) = if sqlite {
        ("sensitive", "categories")
    } else {
        (
            "CASE WHEN sensitive THEN '1' ELSE '0' END",
            "categories::text",
        )
    };
    let received = db
        .fetch(
            &format!(
                "SELECT received_on || ' ' || dim || ' ' || value || ' ' || CAST(n AS TEXT) FROM ( \
                 SELECT received_on, 'channel' AS dim, channel || '|' || form AS value, COUNT(*) AS n FROM complaints GROUP BY 1, 2, 3 \
                 UNION ALL SELECT received_on, 'relation', COALESCE(relation, ''), COUNT(*) FROM complaints GROUP BY 1, 2, 3 \
                 UNION ALL SELECT received_on, 'flags', {sensitive} || '|' || COALESCE(escalation, '') || '|' || COALESCE(severity, ''), COUNT(*) FROM complaints GROUP BY 1, 2, 3 \
                 UNION ALL SELECT received_on, 'categories', {categories}, COUNT(*) FROM complaints GROUP BY 1, 2, 3) x ORDER BY 1"
            ),
            &[],
        )
        .await;
    let deadlines = db
        .fetch(
            &format!(
                "SELECT received_on || ' ' || ({id}) || ' ' || COALESCE(({due}), '') || ' ' || COALESCE(({met_at}), '') \
                 || ' ' || status FROM complaints c, {json} ORDER BY 1"
            ),
            &[],
        )
        .await;
    let late = db
        .fetch(
            "SELECT CAST(complaint_id AS TEXT) || ' ' || deadline || ' ' || due || ' ' || met_on \
             FROM report_late ORDER BY 1",
            &[],
        )
        .await;
    let text = |rows: Vec<sqlx::any::AnyRow>| -> Vec<String> {
        rows.iter()
            .map(|r| r.try_get::<String, _>(0).unwrap())
            .collect()
    };
    (text(received), text(deadlines), text(late))
}

async fn t13_the_counts_kept_by_triggers_equal_a_recount_of_the_projection(db: TestDb) {
    let mut set = crafted(&db).await;
    let cora = set.world.cora.clone();
    // Reclassify: the old values leave the counts, the new ones enter.
    set.world
        .act(
            &mut set.open,
            &cora,
            classify(&["finance"], "minor", false),
            at(2025, 7, 2, 10),
        )
        .await;
    let (received, deadline_rows, _) = recount(&db).await;
    let kept = db
        .fetch(
            "SELECT day || ' ' || dim || ' ' || value || ' ' || CAST(n AS TEXT) FROM report_received \
             WHERE n <> 0 ORDER BY 1",
            &[],
        )
        .await;
    let kept: Vec<String> = kept.iter().map(|r| r.try_get(0).unwrap()).collect();
    assert_eq!(kept, received);
    // The hour of a decision in Unix microseconds / 3,600,000,000 (PostgreSQL keeps timestamptz).
    let hour = if db.backend() == Backend::Sqlite {
        "max(decided_at, received_at) / 3600000000"
    } else {
        "CAST(EXTRACT(EPOCH FROM GREATEST(decided_at, received_at)) * 1000000 AS BIGINT) / 3600000000"
    };
    let decided = |sql: String| {
        let db = db.clone();
        async move {
            db.fetch(&sql, &[])
                .await
                .iter()
                .map(|r| r.try_get::<String, _>(0).unwrap())
                .collect::<Vec<String>>()
        }
    };
    assert_eq!(
        decided(
            "SELECT CAST(hour AS TEXT) || ' ' || outcome || ' ' || CAST(n AS TEXT) \
             FROM report_decided WHERE n <> 0 ORDER BY 1"
                .into()
        )
        .await,
        decided(format!(
            "SELECT CAST({hour} AS TEXT) || ' ' || outcome \
             || ' ' || CAST(COUNT(*) AS TEXT) FROM complaints WHERE decided_at IS NOT NULL \
             GROUP BY {hour}, outcome ORDER BY 1"
        ))
        .await
    );
    // One deadline row per deadline of every complaint; the kept counts add up to that.
    let n: i64 = db
        .fetch("SELECT CAST(SUM(n) AS BIGINT) FROM report_deadlines", &[])
        .await[0]
        .try_get(0)
        .unwrap();
    assert_eq!(usize::try_from(n).unwrap(), deadline_rows.len());
    let negative: i64 = db
        .fetch("SELECT COUNT(*) FROM report_deadlines WHERE n < 0", &[])
        .await[0]
        .try_get(0)
        .unwrap();
    assert_eq!(negative, 0);
    // Met late: December's acknowledgement (met by the decision on 6 January) and the late
    // complaint's two deadlines, nothing else.
    let (_, _, late) = recount(&db).await;
    assert_eq!(
        late,
        vec![
            format!("{} acknowledge 2025-01-02 2025-01-06", set.before.id),
            format!("{} acknowledge 2025-04-03 2025-04-07", set.late.id),
            format!("{} answer 2025-04-08 2025-04-15", set.late.id),
        ]
    );
    // After the reclassification the open complaint is exceptional only for its escalation.
    let r = half_year(&db, &set.world, Period::half_year(2025, 1).unwrap()).await;
    assert_eq!(r.exceptional_total, E(2));
    assert_eq!(r.exceptional[1].reasons, vec![Reason::EscalatedToBoard]);
    assert_eq!(count(&r.by_severity, "minor"), E(1));
    assert_eq!(count(&r.by_category, "finance"), E(1));
    assert_eq!(count(&r.by_category, "privacy"), E(0));
}

async fn t05_a_step_just_after_midnight_in_amsterdam_counts_on_that_day(db: TestDb) {
    let w = World::new(&db.store).await;
    let cora = w.cora.clone();
    let new = |at| new_complaint(Channel::Phone, at, "Piet Bakker", "Niemand belde terug.");
    // Summer: received Monday 2 June 2025, acknowledgement due Wednesday 4 June. Acknowledged
    // at 00:30 on Thursday in Amsterdam, which is still Wednesday 22:30 in UTC: late.
    let mut summer = w
        .create(Some(&cora), new(at(2025, 6, 2, 9)), at(2025, 6, 2, 9))
        .await;
    let just_after = "2025-06-04T22:30:00Z".parse::<Timestamp>().unwrap();
    w.act(&mut summer, &cora, acknowledge(), just_after).await;
    // Winter: received Monday 3 February, due Wednesday 5 February; acknowledged at 23:30 on
    // Wednesday in Amsterdam (22:30 UTC): on time.
    let mut winter = w
        .create(Some(&cora), new(at(2025, 2, 3, 9)), at(2025, 2, 3, 9))
        .await;
    w.act(
        &mut winter,
        &cora,
        acknowledge(),
        "2025-02-05T22:30:00Z".parse().unwrap(),
    )
    .await;
    let r = half_year(&db, &w, Period::half_year(2025, 1).unwrap()).await;
    let ack = &r.deadlines[0];
    assert_eq!((ack.on_time, ack.late), (E(1), E(1)));
    assert_eq!(
        ack.late_list,
        vec![Late {
            reference: summer.reference.to_string(),
            due: date(2025, 6, 4),
            met_on: Some(date(2025, 6, 5)),
        }]
    );
    // Working days taken: Tue, Wed, Thu = 3 (summer), Tue, Wed = 2 (winter).
    assert_eq!(ack.median_working_days, Some(2));
    assert_eq!(ack.p90_working_days, Some(3));
}

fn months(r: &Report) -> Vec<(String, Count, Count)> {
    r.by_month
        .iter()
        .map(|m| (m.month.clone(), m.received, m.decided))
        .collect()
}

async fn t13_trend_per_month_counts_received_and_decided_per_amsterdam_month(db: TestDb) {
    let set = crafted(&db).await;
    let r = half_year(&db, &set.world, Period::half_year(2025, 1).unwrap()).await;
    // Received: February (reopened), March (withdrawn), April (late), May (at once), June (open,
    // spanning). Decided, the latest decision, withdrawals apart: January (December's),
    // February (the reopened one once), April (late), May (at once); July's not in June.
    let m = |s: &str, r, d| (s.to_owned(), E(r), E(d));
    assert_eq!(
        months(&r),
        vec![
            m("2025-01", 0, 1),
            m("2025-02", 1, 1),
            m("2025-03", 1, 0),
            m("2025-04", 1, 1),
            m("2025-05", 1, 1),
            m("2025-06", 2, 0),
        ]
    );

    // At the edge of a month in Amsterdam: received at 23:30 on 30 April (21:30 UTC) counts in
    // April; decided at 00:30 on 1 May (22:30 UTC on 30 April) counts in May.
    let cora = set.world.cora.clone();
    let received = "2025-04-30T21:30:00Z".parse::<Timestamp>().unwrap();
    let mut edge = set
        .world
        .create(
            Some(&cora),
            new_complaint(Channel::Web, received, "Piet Bakker", "Geen antwoord."),
            received,
        )
        .await;
    set.world
        .act(
            &mut edge,
            &cora,
            decide(Outcome::Ongegrond),
            "2025-04-30T22:30:00Z".parse().unwrap(),
        )
        .await;
    // A custom period cut in the middle of months counts only its own days.
    let part = Period::new(date(2025, 4, 10), date(2025, 5, 1)).unwrap();
    let r = half_year(&db, &set.world, part).await;
    assert_eq!(
        months(&r),
        vec![m("2025-04", 1, 1), m("2025-05", 0, 1)],
        "April: the edge one received, the late one decided on the 15th; May: the edge one \
         decided just after midnight"
    );
}

/// The crafted set, and the same complaint again: received Wednesday 2 April by e-mail,
/// classified very serious and sensitive, acknowledged late on the 8th (due the 4th), then marked
/// a duplicate of the late one on the 9th.
async fn with_duplicate(db: &TestDb) -> (Set, Case) {
    let mut set = crafted(db).await;
    let cora = set.world.cora.clone();
    let w = &set.world;
    let mut twice = w
        .create(
            Some(&cora),
            new_complaint(
                Channel::Email,
                at(2025, 4, 2, 9),
                "Anna de Vries",
                "Nogmaals: de wachttijd was lang.",
            ),
            at(2025, 4, 2, 9),
        )
        .await;
    w.act(
        &mut twice,
        &cora,
        classify(&["finance"], "very_serious", true),
        at(2025, 4, 2, 10),
    )
    .await;
    w.act(&mut twice, &cora, acknowledge(), at(2025, 4, 8, 10))
        .await;
    let of = set.late.reference.clone();
    w.act_pair(
        &mut twice,
        &mut set.late,
        &cora,
        Command::MarkDuplicate { of },
        at(2025, 4, 9, 10),
    )
    .await;
    (set, twice)
}

async fn t12_t13_a_duplicate_is_left_out_of_every_count_until_it_is_reopened(db: TestDb) {
    let (mut set, mut twice) = with_duplicate(&db).await;
    let period = Period::half_year(2025, 1).unwrap();
    let r = half_year(&db, &set.world, period).await;
    // Exactly the hand count of the set without it (t13_half_year_figures_match_the_hand_count).
    assert_eq!(r.total, E(6));
    assert_eq!(count(&r.by_channel, "email"), E(1));
    assert_eq!(count(&r.by_form, "written"), E(2));
    assert_eq!(count(&r.by_category, "finance"), E(0));
    assert_eq!(count(&r.by_severity, "very_serious"), E(1));
    assert_eq!(count(&r.by_relation, "client"), E(2));
    assert_eq!(r.decided, E(4));
    assert_eq!(r.withdrawn, E(1));
    assert_eq!(r.open_at_end, E(2));
    let ack = &r.deadlines[0];
    assert_eq!(
        (
            ack.on_time,
            ack.late,
            ack.late_open,
            ack.pending,
            ack.lapsed
        ),
        (E(4), E(2), E(1), E(0), E(0))
    );
    assert_eq!(ack.late_list.len(), 2, "{:?}", ack.late_list);
    assert!(
        ack.late_list
            .iter()
            .all(|l| l.reference != twice.reference.to_string())
    );
    assert_eq!(r.exceptional_total, E(2));
    assert_eq!(r.exceptional.len(), 2);
    // The annual report counts the year the same way.
    let (ids, very_serious) = named(&set.world);
    let input = db
        .store
        .report_input(Period::year(2025).unwrap(), as_of(), &ids, &very_serious)
        .await
        .expect("report input");
    let year = reports::report(
        &set.world.profile,
        &set.world.calendar,
        &input,
        as_of(),
        Lang::Nl,
    );
    assert_eq!(year.total, E(6));

    // Reopened, it is a complaint of its own again and counted: seven, two by e-mail, three
    // exceptional, the acknowledgement late three times.
    let cora = set.world.cora.clone();
    set.world
        .act_pair(
            &mut twice,
            &mut set.late,
            &cora,
            Command::Reopen {
                reason: "Toch een andere klacht.".into(),
            },
            at(2025, 4, 10, 10),
        )
        .await;
    let r = half_year(&db, &set.world, period).await;
    assert_eq!(r.total, E(7));
    assert_eq!(count(&r.by_channel, "email"), E(2));
    assert_eq!(count(&r.by_category, "finance"), E(1));
    assert_eq!(r.exceptional_total, E(3));
    assert_eq!(r.deadlines[0].late, E(3));
}

async fn t12_a_step_on_two_complaints_writes_both_or_neither(db: TestDb) {
    let (set, twice) = with_duplicate(&db).await;
    let reload = |r: klacht_core::Reference| {
        let store = db.store.clone();
        async move { store.load(&r).await.expect("load").expect("there") }
    };
    let original = reload(set.late.reference.clone()).await;
    let duplicate = reload(twice.reference.clone()).await;
    assert_eq!(original.state.duplicates, vec![twice.reference.clone()]);
    assert_eq!(
        duplicate.state.duplicate_of,
        Some(set.late.reference.clone())
    );
    assert_eq!(
        original.events.last().map(|e| e.event.body.kind()),
        Some("duplicate_joined")
    );
    // A stale version of either one writes nothing on both.
    let w = &set.world;
    let cora = w.cora.clone();
    let link = Command::LinkRelated {
        with: set.before.reference.clone(),
        note: None,
    };
    let other = klacht_core::procedure::Counterpart {
        here: &original.reference,
        there: &set.before.reference,
        complaint: &set.before.state,
        profile: &w.profile,
    };
    let pair = klacht_core::procedure::decide_pair(
        &w.ctx(at(2025, 4, 11, 10)),
        &original.state,
        &cora,
        link,
        &other,
    )
    .expect("may link");
    let (mut a, mut b) = (original.state.clone(), set.before.state.clone());
    pair.here.iter().for_each(|e| a.apply(e));
    pair.there.iter().for_each(|e| b.apply(e));
    let none = klacht_store::FollowUp::default();
    let stale = db
        .store
        .append_each(&[
            klacht_store::Append {
                id: original.id,
                expected_version: original.state.version,
                events: &pair.here,
                state: &a,
                follow: &none,
            },
            klacht_store::Append {
                id: set.before.id,
                expected_version: set.before.state.version - 1,
                events: &pair.there,
                state: &b,
                follow: &none,
            },
        ])
        .await;
    assert!(
        matches!(stale, Err(klacht_store::StoreError::Conflict { .. })),
        "{stale:?}"
    );
    let after = reload(original.reference.clone()).await;
    assert_eq!(after.state.version, original.state.version);
    assert!(after.state.related.is_empty());
}

/// The complainant answers the satisfaction question with the template's answer `id`.
async fn answer(w: &World, case: &mut Case, id: &str, now: Timestamp) {
    let events = klacht_core::procedure::answer_satisfaction(
        &w.profile,
        &case.state,
        klacht_core::procedure::SatisfactionChoice::Answer(id),
        Some("Zo ging het."),
        now,
    )
    .expect("the question is open");
    let mut next = case.state.clone();
    events.iter().for_each(|e| next.apply(e));
    w.store
        .append(case.id, case.state.version, &events, &next)
        .await
        .expect("append");
    case.events.extend(events);
    case.state = next;
}

async fn t13_satisfaction_counts_the_answers_about_complaints_closed_in_the_period(db: TestDb) {
    let w = World::new(&db.store).await;
    let cora = w.cora.clone();
    // A complaint received and classified on `day`, decided with `outcome` and closed the
    // day after.
    let closed = |day: Timestamp,
                  categories: &'static [&'static str],
                  severity: &'static str,
                  outcome: Outcome| {
        let w = &w;
        let cora = &cora;
        async move {
            let new = new_complaint(Channel::Phone, day, "Anna de Vries", "Het duurde lang.");
            let mut case = w.create(Some(cora), new, day).await;
            w.act(&mut case, cora, classify(categories, severity, false), day)
                .await;
            let next = day
                .checked_add(jiff::SignedDuration::from_hours(24))
                .unwrap();
            w.act(&mut case, cora, decide(outcome), next).await;
            w.act(&mut case, cora, Command::Close, next).await;
            case
        }
    };
    // Closed in December 2024, answered: another period.
    let mut early = closed(at(2024, 12, 2, 9), &["service"], "normal", Outcome::Gegrond).await;
    answer(&w, &mut early, "opgelost", at(2024, 12, 10, 9)).await;
    // Closed in the first half of 2025: two answered "opgelost", one "niet_opgelost", one
    // "te_lang", one not answered.
    for d in [3, 4] {
        let mut c = closed(at(2025, 2, d, 9), &["service"], "normal", Outcome::Gegrond).await;
        answer(&w, &mut c, "opgelost", at(2025, 2, 20, 9)).await;
    }
    let mut c = closed(
        at(2025, 3, 3, 9),
        &["service", "privacy"],
        "serious",
        Outcome::Ongegrond,
    )
    .await;
    answer(&w, &mut c, "niet_opgelost", at(2025, 3, 20, 9)).await;
    let mut c = closed(
        at(2025, 4, 7, 9),
        &["privacy"],
        "serious",
        Outcome::Ongegrond,
    )
    .await;
    answer(&w, &mut c, "te_lang", at(2025, 4, 20, 9)).await;
    closed(at(2025, 5, 5, 9), &["service"], "minor", Outcome::Gegrond).await;
    // Closed, answered, then reopened: running again, not counted until it is closed again.
    let mut again = closed(at(2025, 5, 12, 9), &["service"], "normal", Outcome::Gegrond).await;
    answer(&w, &mut again, "te_lang", at(2025, 5, 20, 9)).await;
    w.act(
        &mut again,
        &cora,
        Command::Reopen {
            reason: "De klager is niet tevreden.".into(),
        },
        at(2025, 5, 21, 9),
    )
    .await;
    // Decided, not closed: not asked yet.
    let day = at(2025, 6, 2, 9);
    let mut decided = w
        .create(
            Some(&cora),
            new_complaint(Channel::Phone, day, "Bert Jansen", "Niemand belde terug."),
            day,
        )
        .await;
    w.act(&mut decided, &cora, decide(Outcome::Gegrond), day)
        .await;

    let r = half_year(&db, &w, Period::half_year(2025, 1).unwrap()).await;
    let s = &r.satisfaction;
    assert_eq!((s.closed, s.answered), (E(5), E(4)));
    assert_eq!(s.response_rate, Some(80.0));
    assert_eq!((s.satisfied, s.not_satisfied), (E(2), E(2)));
    assert_eq!(s.share_satisfied, Some(50.0));
    let answers: Vec<(&str, Count)> = s
        .by_answer
        .iter()
        .map(|a| (a.id.as_str(), a.count))
        .collect();
    assert_eq!(
        answers,
        [
            ("opgelost", E(2)),
            ("goed_behandeld", E(0)),
            ("te_lang", E(1)),
            ("niet_gehoord", E(0)),
            ("niet_opgelost", E(1)),
        ]
    );
    let tally = |t: &[reports::SatisfactionTally], id: &str| {
        t.iter()
            .find(|x| x.id == id)
            .map(|x| (x.closed, x.answered, x.satisfied, x.not_satisfied))
    };
    assert_eq!(
        tally(&s.by_category, "service"),
        Some((E(4), E(3), E(2), E(1)))
    );
    assert_eq!(
        tally(&s.by_category, "privacy"),
        Some((E(2), E(2), E(0), E(2)))
    );
    assert_eq!(
        tally(&s.by_outcome, "gegrond"),
        Some((E(3), E(2), E(2), E(0)))
    );
    assert_eq!(
        tally(&s.by_outcome, "ongegrond"),
        Some((E(2), E(2), E(0), E(2)))
    );
    assert_eq!(
        tally(&s.by_severity, "minor"),
        Some((E(1), E(0), E(0), E(0)))
    );
    assert_eq!(
        tally(&s.by_severity, "serious"),
        Some((E(2), E(2), E(0), E(2)))
    );

    // Closed again in the second half, answered again: counted there, once.
    w.act(
        &mut again,
        &cora,
        decide(Outcome::Gegrond),
        at(2025, 7, 1, 9),
    )
    .await;
    w.act(&mut again, &cora, Command::Close, at(2025, 7, 1, 10))
        .await;
    answer(&w, &mut again, "goed_behandeld", at(2025, 7, 2, 9)).await;
    let r = half_year(&db, &w, Period::half_year(2025, 2).unwrap()).await;
    assert_eq!(
        (r.satisfaction.closed, r.satisfaction.satisfied),
        (E(1), E(1))
    );
    let r = half_year(&db, &w, Period::half_year(2025, 1).unwrap()).await;
    assert_eq!(r.satisfaction.closed, E(5), "the first half stands");
}

/// Issue 18: a hand-counted set for the ladder, under the template with the Nationale ombudsman
/// added as its external body. Closed in the first half of 2025: one settled at once, two
/// handled internally, one taken to the ombudsman after closing (outside). Not counted: one
/// decided in the period but not closed, one closed in December 2024, one closed in the period
/// and reopened.
async fn t13_t15_complaints_closed_in_the_period_are_counted_per_rung_of_the_ladder(db: TestDb) {
    let mut w = World::new(&db.store).await;
    w.profile
        .external_bodies
        .push(klacht_core::profile::ExternalBody {
            id: "nationale_ombudsman".into(),
            kind: klacht_core::profile::BodyKind::NationaleOmbudsman,
            name: klacht_core::Localized {
                nl: "Nationale ombudsman".into(),
                en: Some("National Ombudsman".into()),
            },
            website: None,
            months: 12,
            from: klacht_core::profile::PeriodFrom::Decision,
        });
    let (cora, hans) = (w.cora.clone(), w.hans.clone());
    let new = |at| {
        new_complaint(
            Channel::Phone,
            at,
            "Anna de Vries",
            "De wachttijd was lang.",
        )
    };
    let close = Command::Close;
    let handled = async |w: &World, received: Timestamp, closed: Timestamp| {
        let mut c = w.create(Some(&cora), new(received), received).await;
        let assign = Command::Assign { handler: hans.id };
        w.act(&mut c, &cora, assign, received).await;
        w.act(
            &mut c,
            &cora,
            classify(&["service"], "normal", false),
            received,
        )
        .await;
        w.act(&mut c, &hans, decide(Outcome::Ongegrond), closed)
            .await;
        w.act(&mut c, &cora, close.clone(), closed).await;
        c
    };

    // Settled at once on 13 January, closed the same day.
    let mut at_once_new = new(at(2025, 1, 13, 9));
    at_once_new.resolved_directly = Some("Aan de telefoon uitgelegd.".into());
    let mut at_once = w.create(Some(&cora), at_once_new, at(2025, 1, 13, 9)).await;
    w.act(
        &mut at_once,
        &cora,
        classify(&["service"], "normal", false),
        at(2025, 1, 13, 10),
    )
    .await;
    w.act(&mut at_once, &cora, close.clone(), at(2025, 1, 13, 11))
        .await;

    // Two handled internally, closed in March and in June.
    handled(&w, at(2025, 3, 3, 9), at(2025, 3, 10, 9)).await;
    handled(&w, at(2025, 6, 2, 9), at(2025, 6, 30, 9)).await;
    // Closed in April, then taken to the ombudsman in May: outside.
    let mut outside = handled(&w, at(2025, 4, 1, 9), at(2025, 4, 7, 9)).await;
    w.act(
        &mut outside,
        &cora,
        Command::ReferOutside {
            body: "nationale_ombudsman".into(),
            on: None,
        },
        at(2025, 5, 12, 9),
    )
    .await;

    // Not counted: closed in December 2024; decided in the period but not closed; closed in the
    // period and reopened.
    handled(&w, at(2024, 12, 2, 9), at(2024, 12, 16, 9)).await;
    let mut not_closed = w
        .create(Some(&cora), new(at(2025, 2, 3, 9)), at(2025, 2, 3, 9))
        .await;
    w.act(
        &mut not_closed,
        &cora,
        decide(Outcome::Gegrond),
        at(2025, 2, 4, 9),
    )
    .await;
    let mut reopened = handled(&w, at(2025, 5, 5, 9), at(2025, 5, 6, 9)).await;
    w.act(
        &mut reopened,
        &cora,
        Command::Reopen {
            reason: "Nieuwe feiten.".into(),
        },
        at(2025, 5, 20, 9),
    )
    .await;

    let period = Period::half_year(2025, 1).expect("period");
    let r = half_year(&db, &w, period).await;
    assert_eq!(r.ladder.closed, E(4), "{:?}", r.ladder);
    let rungs: Vec<(&str, Count, Option<f64>)> = r
        .ladder
        .rungs
        .iter()
        .map(|x| (x.id.as_str(), x.count, x.share))
        .collect();
    assert_eq!(
        rungs,
        [
            ("at_once", E(1), Some(25.0)),
            ("internal", E(2), Some(50.0)),
            ("external", E(1), Some(25.0)),
        ]
    );
    // The annual report hides every one of these small counts, and the shares.
    let (ids, very_serious) = named(&w);
    let input = db
        .store
        .report_input(
            Period::year(2025).expect("year"),
            as_of(),
            &ids,
            &very_serious,
        )
        .await
        .expect("report input");
    let annual = reports::report(&w.profile, &w.calendar, &input, as_of(), Lang::Nl).anonymise(5);
    assert_eq!(annual.ladder.closed, Count::Below { below: 5 });
    assert!(annual.ladder.rungs.iter().all(|x| x.share.is_none()));
    // December 2024 has the one closed then, internally.
    let dec = db
        .store
        .report_input(
            Period::new(date(2024, 12, 1), date(2024, 12, 31)).expect("period"),
            as_of(),
            &ids,
            &very_serious,
        )
        .await
        .expect("report input");
    assert_eq!(
        dec.closed_by_rung,
        vec![(klacht_core::ladder::Rung::Internal, 1)]
    );
}
