//! The test harness: one fresh database per test, on SQLite and on PostgreSQL, and direct SQL
//! access to it for what the store itself does not offer (tampering, anonymisation, inspection).

pub mod contract;
pub mod fixtures;

pub use contract::Contract;

use klacht_store::{Backend, OpsStore};
use klacht_store_any::Store;
use sqlx::AnyConnection;
use sqlx::any::{AnyRow, install_default_drivers};
use sqlx::{Connection, Executor};
use std::future::Future;
use std::time::Duration;
use tokio::sync::OnceCell;

/// The PostgreSQL server the suite runs against (trust auth).
pub const PG_SERVER: &str = "postgres://postgres@127.0.0.1:5432";
/// The maintenance database to create and drop the per-test databases from.
pub const PG_ADMIN_DB: &str = "test";

fn pg_admin_url() -> String {
    format!("{PG_SERVER}/{PG_ADMIN_DB}")
}

/// A fresh database with a store connected to it.
#[derive(Debug, Clone)]
pub struct TestDb {
    /// The store under test, through its traits only.
    pub store: Contract,
    /// The URL the store was opened with, for direct SQL.
    pub url: String,
}

/// A bind parameter for [`TestDb::exec`] and [`TestDb::fetch`].
#[derive(Debug, Clone)]
pub enum P {
    I(i64),
    T(String),
}

impl TestDb {
    pub fn backend(&self) -> Backend {
        self.store.backend()
    }

    /// The SQL for parameter `$n`, bound as Unix microseconds, as a time of this backend:
    /// SQLite stores the microseconds, PostgreSQL a `timestamptz` (migration 0010).
    pub fn time_param(&self, n: usize) -> String {
        match self.backend() {
            Backend::Sqlite => format!("${n}"),
            Backend::Postgres => format!("(TIMESTAMPTZ 'epoch' + ${n} * INTERVAL '1 microsecond')"),
        }
    }

    /// A connection of its own to the test database, beside the store's pools.
    pub async fn raw(&self) -> AnyConnection {
        install_default_drivers();
        let mut conn = AnyConnection::connect(&self.url)
            .await
            .expect("direct connection to the test database");
        if self.backend() == Backend::Sqlite {
            conn.execute("PRAGMA busy_timeout = 10000")
                .await
                .expect("busy timeout");
        }
        conn
    }

    /// Runs one statement with `$n` parameters; returns the rows affected.
    pub async fn exec(&self, sql: &str, params: &[P]) -> u64 {
        let mut conn = self.raw().await;
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
        for p in params {
            q = match p {
                P::I(i) => q.bind(*i),
                P::T(t) => q.bind(t.clone()),
            };
        }
        let done = q
            .execute(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        let _ = conn.close().await;
        done.rows_affected()
    }

    /// Runs one query with `$n` parameters and returns its rows.
    pub async fn fetch(&self, sql: &str, params: &[P]) -> Vec<AnyRow> {
        let mut conn = self.raw().await;
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
        for p in params {
            q = match p {
                P::I(i) => q.bind(*i),
                P::T(t) => q.bind(t.clone()),
            };
        }
        let rows = q
            .fetch_all(&mut conn)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
        let _ = conn.close().await;
        rows
    }

    /// What anonymisation does to a complaint: deletes its personal data (and on SQLite the
    /// full-text rows that belong to it, by rowid). Returns the number of personal_data rows.
    pub async fn erase_personal_data(&self, complaint_id: i64) -> u64 {
        if self.backend() == Backend::Sqlite {
            for index in ["personal_search", "involved_search"] {
                self.exec(
                    &format!(
                        "DELETE FROM {index} WHERE rowid IN \
                         (SELECT complaint_id * 65536 + seq FROM personal_data WHERE complaint_id = $1)"
                    ),
                    &[P::I(complaint_id)],
                )
                .await;
            }
        }
        self.exec(
            "DELETE FROM personal_data WHERE complaint_id = $1",
            &[P::I(complaint_id)],
        )
        .await
    }
}

/// Runs `test` on a fresh SQLite file database in a temporary directory.
pub async fn run_sqlite<F, Fut>(test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}/klacht.db", dir.path().display());
    let store = Store::connect(&url).await.expect("open the SQLite store");
    assert_eq!(store.backend(), Backend::Sqlite);
    let db = TestDb {
        store: Contract::new(store.clone()),
        url,
    };
    let outcome = tokio::spawn(test(db)).await;
    store.close().await;
    drop(dir);
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

static PG_REACHABLE: OnceCell<Result<(), String>> = OnceCell::const_new();

/// Whether the PostgreSQL server answers (and if not, why); checked once per test binary, with
/// a short timeout.
async fn pg_reachable() -> &'static Result<(), String> {
    PG_REACHABLE
        .get_or_init(|| async {
            install_default_drivers();
            let attempt = tokio::time::timeout(
                Duration::from_secs(3),
                AnyConnection::connect(&pg_admin_url()),
            )
            .await;
            match attempt {
                Ok(Ok(conn)) => {
                    let _ = conn.close().await;
                    Ok(())
                }
                Ok(Err(e)) => Err(e.to_string()),
                Err(_) => Err("no answer within 3 s".to_owned()),
            }
        })
        .await
}

const PG_SKIP: &str =
    "SKIPPED: PostgreSQL not reachable at 127.0.0.1:5432 — store suite ran on SQLite only";

/// Runs `test` on a fresh PostgreSQL database, created for it and dropped afterwards. Skips
/// (loudly) when the server cannot be reached, unless `KLACHT_REQUIRE_POSTGRES=1`.
pub async fn run_postgres<F, Fut>(test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    if let Err(why) = pg_reachable().await {
        if std::env::var("KLACHT_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
            panic!("{PG_SKIP} ({why}); KLACHT_REQUIRE_POSTGRES=1 demands PostgreSQL");
        }
        // Once, and straight to the stderr handle: libtest captures `eprintln!` of passing tests.
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "\n*** {PG_SKIP} ({why}) ***\n");
        });
        return;
    }
    let db_name = format!("klacht_t_{:016x}", rand::random::<u64>());
    {
        let mut admin = AnyConnection::connect(&pg_admin_url())
            .await
            .expect("connect to the PostgreSQL maintenance database");
        admin
            .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {db_name}")))
            .await
            .expect("create the test database");
        let _ = admin.close().await;
    }
    let url = format!("{PG_SERVER}/{db_name}");
    let outcome =
        match Store::connect(&url).await {
            Ok(store) => {
                assert_eq!(store.backend(), Backend::Postgres);
                let db = TestDb {
                    store: Contract::new(store.clone()),
                    url,
                };
                let outcome = tokio::spawn(test(db)).await;
                store.close().await;
                outcome.map_err(|e| e.into_panic())
            }
            Err(e) => Err(Box::new(format!("open the PostgreSQL store: {e}"))
                as Box<dyn std::any::Any + Send>),
        };
    // Best effort: a failure to drop leaves a database behind, not a failed test.
    if let Ok(mut admin) = AnyConnection::connect(&pg_admin_url()).await {
        let dropped = admin
            .execute(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {db_name} WITH (FORCE)"
            )))
            .await;
        if let Err(e) = dropped {
            eprintln!("could not drop test database {db_name}: {e}");
        }
        let _ = admin.close().await;
    }
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Generates, for each test function `async fn name(db: TestDb)`, a `sqlite::name` and a
/// `postgres::name` test.
macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    crate::support::run_sqlite(super::$name).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    crate::support::run_postgres(super::$name).await;
                }
            )*
        }
    };
}
