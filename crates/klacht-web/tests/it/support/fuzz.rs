//! Property-based fuzzing over real HTTP: a server of its own in a runtime of its own (proptest's
//! runner is synchronous and blocks on each request), bounded case counts that
//! `KLACHT_FUZZ_CASES` raises, rows counted straight from the database, and the checks every
//! answer must pass. (`#[path]`-included beside `app.rs`.)
#![allow(dead_code, clippy::unwrap_used)]

use super::app::{self, TestApp};
use jiff::Timestamp;
use klacht_web::Settings;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use reqwest::StatusCode;
use serde_json::Value;
use std::future::Future;

/// `default` cases, or `KLACHT_FUZZ_CASES` when set (for a longer run by hand).
pub fn config(default: u32) -> Config {
    let cases = std::env::var("KLACHT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        // Shrinking sends requests too; a few hundred steps find a small input.
        max_shrink_iters: 500,
        // The smallest failing input is printed; no files of seeds beside the sources.
        failure_persistence: None,
        ..Config::default()
    }
}

/// The application on a port of its own, and a runtime to drive it from a synchronous test.
pub struct Server {
    pub rt: tokio::runtime::Runtime,
    pub app: TestApp,
    /// Follows no redirects: a 303 and where it leads are what is checked.
    pub http: reqwest::Client,
    pool: sqlx::SqlitePool,
}

impl Server {
    /// The built-in `profile` at `now`, with the flood limits out of the way (the fuzzers send
    /// hundreds of requests from one address) and `settings` applied after.
    pub fn start(profile: &str, now: &str, settings: impl FnOnce(&mut Settings)) -> Server {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let source = klacht_core::profile::builtin_source(profile).unwrap();
        let parsed = klacht_core::profile::parse(source).unwrap();
        let now: Timestamp = now.parse().unwrap();
        let app = rt.block_on(app::start(source, parsed, now, app::PublicUrl::Test, |s| {
            s.submissions_per_hour = 1_000_000;
            s.logins_per_minute = 1_000_000;
            settings(s);
        }));
        let url = format!("sqlite://{}", app.dir.path().join("klacht.db").display());
        let pool = rt.block_on(sqlx::SqlitePool::connect(&url)).unwrap();
        Server {
            rt,
            app,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            pool,
        }
    }

    pub fn block_on<F: Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }

    /// The rows in `table` now.
    pub async fn rows(&self, table: &str) -> i64 {
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// The number of events on the complaint `reference`.
    pub async fn events(&self, reference: &str) -> usize {
        match klacht_core::Reference::parse(reference) {
            Some(r) => self
                .app
                .store
                .load(&r)
                .await
                .unwrap()
                .map_or(0, |d| d.events.len()),
            None => 0,
        }
    }

    /// Runs `test` on `cases` values of `strategy` (or `KLACHT_FUZZ_CASES`); a failure is shrunk
    /// and reported with the smallest input found. Returns how many cases ran.
    pub fn run<S: Strategy>(
        &self,
        cases: u32,
        strategy: S,
        test: impl Fn(S::Value) -> Result<(), TestCaseError>,
    ) -> u32 {
        let config = config(cases);
        let ran = config.cases;
        let mut runner = TestRunner::new(config);
        if let Err(e) = runner.run(&strategy, test) {
            panic!("{e}");
        }
        ran
    }
}

/// That a fuzzer also reached the path where input is accepted: at least `percent` of the
/// cases that `ran` (it would prove little if every input were refused).
pub fn reached(what: &str, count: u32, ran: u32, percent: u32) {
    assert!(
        count >= ran * percent / 100,
        "{what}: only {count} of {ran} cases got through (expected {percent} %)"
    );
}

/// What came back.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub location: Option<String>,
    pub content_type: String,
    pub body: String,
}

impl Answer {
    pub async fn read(r: reqwest::Response) -> Answer {
        let status = r.status();
        let header = |name: reqwest::header::HeaderName| {
            r.headers()
                .get(name)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        };
        let location = header(reqwest::header::LOCATION);
        let content_type = header(reqwest::header::CONTENT_TYPE).unwrap_or_default();
        Answer {
            status,
            location,
            content_type,
            body: r.text().await.unwrap_or_default(),
        }
    }

    /// Never a server error, whatever was sent.
    pub fn no_server_error(&self, sent: &dyn std::fmt::Debug) -> Result<(), TestCaseError> {
        prop_assert!(
            !self.status.is_server_error(),
            "{} for {:?}: {}",
            self.status,
            sent,
            self.body.chars().take(600).collect::<String>()
        );
        Ok(())
    }

    /// A refusal of the JSON API: JSON that says what is wrong in English and Dutch, and a 422
    /// names every bad field (one of `known`, or a key that was sent).
    pub fn api_refusal(&self, known: &[&str], sent_keys: &[String]) -> Result<(), TestCaseError> {
        self.refusal(known, sent_keys, false)
    }

    /// [`Answer::api_refusal`], where a 422 of the procedure engine (it says which steps are
    /// `allowed`) may name no field: a known gap, proven by the ignored
    /// `a_step_refused_as_invalid_names_the_field` in tests/it/fuzz.rs.
    pub fn api_refusal_of_a_step(
        &self,
        known: &[&str],
        sent_keys: &[String],
    ) -> Result<(), TestCaseError> {
        self.refusal(known, sent_keys, true)
    }

    fn refusal(
        &self,
        known: &[&str],
        sent_keys: &[String],
        engine_may_name_none: bool,
    ) -> Result<(), TestCaseError> {
        prop_assert!(self.status.is_client_error(), "{}", self.status);
        let v: Value = serde_json::from_str(&self.body).map_err(|e| {
            TestCaseError::fail(format!(
                "a {} without JSON ({e}): {}",
                self.status, self.body
            ))
        })?;
        prop_assert!(
            v["error"].as_str().is_some_and(|s| !s.is_empty()),
            "no error code: {v}"
        );
        prop_assert!(
            v["message"].as_str().is_some_and(|s| !s.is_empty()),
            "no message: {v}"
        );
        if self.status == StatusCode::UNPROCESSABLE_ENTITY {
            let fields = v["fields"].as_array().cloned().unwrap_or_default();
            let engine = v.get("allowed").is_some();
            prop_assert!(
                !fields.is_empty() || (engine && engine_may_name_none),
                "a 422 that names no field: {v}"
            );
            for f in fields {
                let name = f["field"].as_str().unwrap_or_default();
                let head = name.split(['.', '[']).next().unwrap_or_default();
                prop_assert!(
                    name == "(body)"
                        || known.contains(&head)
                        || sent_keys.iter().any(|k| k == name || k == head),
                    "a 422 names {name:?}, which is no field: {v}"
                );
                prop_assert!(
                    f["message"].as_str().is_some_and(|m| !m.trim().is_empty()),
                    "no message for {name}: {v}"
                );
            }
        }
        Ok(())
    }
}

/// Strings that break parsers: control characters, markup, quotes, SQL, dates at the edges,
/// invisible and right-to-left characters, long runs, any Unicode.
pub fn nasty() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        "\\PC{0,30}",
        ".{0,30}",
        "[\\x00-\\x1f\\x7f]{1,6}",
        Just(String::new()),
        Just("   ".to_owned()),
        Just("<script>alert(1)</script>".to_owned()),
        Just("\"><img src=x onerror=alert(1)>".to_owned()),
        Just("' OR '1'='1".to_owned()),
        Just("'; DROP TABLE complaints; --".to_owned()),
        Just("%00".to_owned()),
        Just("../../etc/passwd".to_owned()),
        Just("2026-02-30".to_owned()),
        Just("-009999-01-01".to_owned()),
        Just("9999-12-31".to_owned()),
        Just("\u{202e}kcatta\u{2066}".to_owned()),
        Just("\u{200b}\u{feff}".to_owned()),
        Just("18446744073709551616".to_owned()),
        Just("-1".to_owned()),
        (200usize..3_000).prop_map(|n| "ä".repeat(n)),
    ]
}

/// One of `plausible` mostly, else something nasty.
pub fn plausible(values: &[&str]) -> BoxedStrategy<String> {
    let values: Vec<String> = values.iter().map(|s| (*s).to_owned()).collect();
    prop_oneof![7 => prop::sample::select(values), 1 => nasty()].boxed()
}

/// Any JSON value, a few levels deep.
pub fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        nasty().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{0,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A JSON field's value: as a string from `values` (mostly), or any JSON at all.
pub fn json_field(values: &[&str]) -> BoxedStrategy<Value> {
    prop_oneof![12 => plausible(values).prop_map(Value::String), 1 => json_value()].boxed()
}
