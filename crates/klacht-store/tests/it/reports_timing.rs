//! How long the report queries and their computation take on a real database (T13, T15 must
//! stay under a second at a million complaints). Not run by default:
//!
//! ```text
//! klacht demo --data /tmp/d --complaints 100000
//! KLACHT_TIMING_DB=sqlite:///tmp/d/klacht.db cargo test --release -p klacht-store \
//!     --test reports_timing -- --ignored --nocapture
//! ```

use jiff::civil::date;
use klacht_core::reports::{self, Period};
use klacht_core::{Calendar, Lang};
use klacht_store_any::Store;
use std::time::Instant;

#[tokio::test]
#[ignore = "needs KLACHT_TIMING_DB, a database filled by `klacht demo`"]
async fn t13_t15_report_timing() {
    let url = std::env::var("KLACHT_TIMING_DB").expect("KLACHT_TIMING_DB");
    let t = Instant::now();
    let store = Store::connect(&url).await.unwrap();
    println!("connect (and migrate) {:?}", t.elapsed());
    let profile = klacht_core::profile::builtin("template").unwrap();
    let calendar = Calendar::dutch();
    let ids: Vec<String> = profile.deadlines.iter().map(|d| d.id.clone()).collect();
    let very: Vec<String> = profile
        .severities
        .iter()
        .filter(|s| s.consult_board)
        .map(|s| s.id.clone())
        .collect();
    let today = klacht_core::calendar::amsterdam_date(jiff::Timestamp::now());
    let y = today.year();
    let periods = [
        (
            "half-year (current)",
            Period::half_year(y, if today.month() > 6 { 2 } else { 1 }).unwrap(),
        ),
        (
            "half-year (previous)",
            Period::half_year(y, if today.month() > 6 { 1 } else { 2 })
                .unwrap()
                .previous(),
        ),
        ("year (last)", Period::year(y - 1).unwrap()),
        ("two years", Period::new(date(y - 2, 1, 1), today).unwrap()),
    ];
    for (name, p) in periods {
        for round in 0..2 {
            let t = Instant::now();
            let input = store.report_input(p, today, &ids, &very).await.unwrap();
            let queried = t.elapsed();
            let before = store
                .report_input(p.previous(), today, &ids, &very)
                .await
                .unwrap();
            let both = t.elapsed();
            let mut r = reports::report(&profile, &calendar, &input, today, Lang::Nl);
            r.previous = Some(reports::summary(&profile, &calendar, &before, today));
            let total = t.elapsed();
            println!(
                "{name} {}..{} round {round}: total {} complaints; rows: {} flags, {} deadline, {} late; \
                 query {queried:?}, with previous period {both:?}, computed {total:?}",
                p.from,
                p.to,
                r.total.exact().unwrap_or(0),
                input.received.by_flags.len(),
                input.deadlines.len(),
                input.late.len(),
            );
        }
    }
}
