//! klacht's store on PostgreSQL: [`PgStore`], for when one machine is not enough, on a typed
//! `sqlx::PgPool`. The queries are klacht-store's `sql/`, compiled here with [`Db`] =
//! `sqlx::Postgres` and this crate's [`dialect`]; the schema is `migrations/`.

mod dialect;
#[path = "../../klacht-store/sql/mod.rs"]
mod sql;

use klacht_store::{Backend, Counts, PgSnapshot, StoreError};
use sqlx::postgres::{PgConnection, PgPoolOptions};
use sqlx::{Connection, Executor, PgPool, Row};
use std::path::Path;
use std::time::Duration;

/// The database the shared SQL is compiled for.
pub(crate) type Db = sqlx::Postgres;
/// The store the shared SQL's `impl Store` blocks belong to.
pub(crate) type Store = PgStore;

/// How long a request waits for a connection before the database counts as away.
const ACQUIRE: Duration = Duration::from_secs(3);

/// The store on PostgreSQL. Cheap to clone.
#[derive(Debug, Clone)]
pub struct PgStore {
    /// Writes; the same pool as `read` (the server orders the writers).
    write: PgPool,
    /// Reads.
    read: PgPool,
    /// New complaints, committed in groups.
    group: sql::group::Group,
    /// The staff as read lately ([`PgStore::recent_users`]).
    recent_users: sql::users::Recent,
}

impl PgStore {
    /// Connects to and migrates the database at `url`, `postgres://…`.
    pub async fn connect(url: &str) -> Result<PgStore, StoreError> {
        if !(url.starts_with("postgres:") || url.starts_with("postgresql:")) {
            return Err(StoreError::Config(format!(
                "unsupported database URL {url:?} for PostgreSQL; expected postgres://…"
            )));
        }
        // A short wait for a connection: with the database away, a request is answered within
        // seconds that nothing was stored (503), instead of hanging.
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(ACQUIRE)
            .after_connect(|conn, _| {
                Box::pin(async move {
                    // No JIT compilation: klacht's queries are short, and compiling one whose
                    // cost estimate passes jit_above_cost takes tens of milliseconds, longer
                    // than running it.
                    conn.execute("SET jit = off").await.map(|_| ())
                })
            })
            .connect(url)
            .await?;
        // The schema's migrations, embedded at build time. sqlx records each applied one in
        // `_sqlx_migrations` with the SHA-384 of its SQL and refuses to start when an applied
        // one has changed: a migration, once released, is never edited; a change is a new file.
        sqlx::migrate!("./migrations").run(&pool).await?;
        sql::data_migrations::run(&pool).await?;
        Ok(PgStore {
            group: sql::group::Group::start(pool.clone()),
            recent_users: sql::users::Recent::default(),
            write: pool.clone(),
            read: pool,
        })
    }

    pub fn backend(&self) -> Backend {
        Backend::Postgres
    }

    /// The page cap is SQLite's; PostgreSQL ignores it.
    pub fn limit_sqlite_pages(&self, _pages: Option<u64>) {}

    /// After a bulk load: the planner learns the new sizes now instead of at the next
    /// autovacuum (the reports' counting queries depend on it), and the tables are vacuumed now,
    /// so that index-only scans work and autovacuum does not descend on a million fresh rows
    /// while the first users work.
    pub async fn analyze(&self) -> Result<(), StoreError> {
        (&self.write).execute("VACUUM (ANALYZE)").await?;
        Ok(())
    }

    /// PostgreSQL keeps its cache in the server; nothing to give back here.
    pub async fn release_memory(&self) {}

    /// A file copy of the database is SQLite's.
    pub async fn copy_sqlite_into(&self, _to: &Path) -> Result<Counts, StoreError> {
        Err(StoreError::Config(
            "a file copy of the database is for SQLite; use pg_dump for PostgreSQL".into(),
        ))
    }

    /// Opens a snapshot that `pg_dump --snapshot` can share, and counts in it.
    pub async fn pg_snapshot(&self) -> Result<PgSnapshot, StoreError> {
        let mut tx = sql::ops::snapshot_tx(self).await?;
        let row = sqlx::query("SELECT pg_export_snapshot()")
            .fetch_one(&mut *tx)
            .await?;
        let id: String = row.try_get(0)?;
        let counts =
            sql::ops::counts_of(&sqlx::query(sql::ops::COUNTS).fetch_one(&mut *tx).await?)?;
        let end = Box::pin(async move { tx.rollback().await.map_err(StoreError::from) });
        Ok(PgSnapshot::new(id, counts, end))
    }
}

/// Whether the PostgreSQL database at `url` has no tables of its own yet (a restore target).
pub async fn postgres_is_empty(url: &str) -> Result<bool, StoreError> {
    let mut conn = PgConnection::connect(url).await?;
    let row = sqlx::query(
        "SELECT COUNT(*) FROM information_schema.tables \
         WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
    )
    .fetch_one(&mut conn)
    .await;
    let _ = conn.close().await;
    let n: i64 = row?.try_get(0)?;
    Ok(n == 0)
}
