//! klacht's store on SQLite: [`SqliteStore`], the embedded default (one file, WAL, `synchronous
//! = FULL`), on a typed `sqlx::SqlitePool`. The queries are klacht-store's `sql/`, compiled here
//! with [`Db`] = `sqlx::Sqlite` and this crate's [`dialect`]; the schema is `migrations/`.

mod dialect;
#[path = "../../klacht-store/sql/mod.rs"]
mod sql;

use klacht_store::{Backend, Counts, StoreError};
use sqlx::sqlite::{SqliteConnection, SqlitePoolOptions};
use sqlx::{Connection, Executor, SqlitePool};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The database the shared SQL is compiled for.
pub(crate) type Db = sqlx::Sqlite;
/// The store the shared SQL's `impl Store` blocks belong to.
pub(crate) type Store = SqliteStore;

/// SQLite's largest `max_page_count`: no cap.
const NO_PAGE_CAP: u64 = 4_294_967_294;

/// The store on SQLite. Cheap to clone.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    /// Writes: a single connection. SQLite has one writer at a time, and queueing in the pool
    /// is cheaper and fairer than retrying on SQLITE_BUSY.
    write: SqlitePool,
    /// Reads.
    read: SqlitePool,
    /// New complaints, committed in groups.
    group: sql::group::Group,
    /// The staff as read lately ([`SqliteStore::recent_users`]).
    recent_users: sql::users::Recent,
    /// The most pages the database may hold ([`SqliteStore::limit_sqlite_pages`]); 0: no cap
    /// was ever set.
    page_cap: Arc<AtomicU64>,
}

impl SqliteStore {
    /// Opens (creating if needed) and migrates the database at `url`, `sqlite://PATH`.
    pub async fn connect(url: &str) -> Result<SqliteStore, StoreError> {
        if !url.starts_with("sqlite:") {
            return Err(StoreError::Config(format!(
                "unsupported database URL {url:?} for SQLite; expected sqlite://PATH"
            )));
        }
        let url = if url.contains('?') {
            url.to_owned()
        } else {
            format!("{url}?mode=rwc")
        };
        let page_cap = Arc::new(AtomicU64::new(0));
        let (on_connect, on_acquire) = (page_cap.clone(), page_cap.clone());
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _| {
                let cap = on_connect.load(Ordering::Acquire);
                Box::pin(async move {
                    pragmas(conn).await?;
                    apply_page_cap(conn, cap).await
                })
            })
            .before_acquire(move |conn, _| {
                let cap = on_acquire.load(Ordering::Acquire);
                Box::pin(async move { apply_page_cap(conn, cap).await.map(|()| true) })
            })
            .after_release(|conn, _| Box::pin(clean_after_write(conn)))
            .connect(&url)
            .await?;
        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .after_connect(|conn, _| Box::pin(pragmas(conn)))
            .connect(&url)
            .await?;
        // The schema's migrations, embedded at build time. sqlx records each applied one in
        // `_sqlx_migrations` with the SHA-384 of its SQL and refuses to start when an applied
        // one has changed: a migration, once released, is never edited; a change is a new file.
        sqlx::migrate!("./migrations").run(&write).await?;
        sql::data_migrations::run(&write).await?;
        Ok(SqliteStore {
            group: sql::group::Group::start(write.clone()),
            recent_users: sql::users::Recent::default(),
            page_cap,
            write,
            read,
        })
    }

    pub fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    /// Caps how large the database may grow, in pages of 4 KiB (`PRAGMA max_page_count`); a
    /// write that needs more fails as it would on a full disk. `None` lifts the cap. Takes
    /// effect from the next write. For proving what happens when the disk is full without
    /// filling one.
    pub fn limit_sqlite_pages(&self, pages: Option<u64>) {
        self.page_cap.store(
            pages.map_or(NO_PAGE_CAP, |p| p.clamp(1, NO_PAGE_CAP)),
            Ordering::Release,
        );
    }

    /// SQLite plans without statistics; nothing to do after a bulk load.
    pub async fn analyze(&self) -> Result<(), StoreError> {
        Ok(())
    }

    /// After a burst of work (a deadline round): the idle connections give back the pages they
    /// cached; they read them again when needed. Connections in use are left alone.
    pub async fn release_memory(&self) {
        let mut idle = Vec::new();
        for pool in [&self.read, &self.write] {
            while let Some(conn) = pool.try_acquire() {
                idle.push(conn);
            }
        }
        for conn in &mut idle {
            if let Err(e) = conn.execute("PRAGMA shrink_memory").await {
                tracing::debug!(error = %e, "shrink_memory");
            }
        }
    }

    /// Writes a consistent copy of the database to `to` (`VACUUM INTO`: one read transaction,
    /// writers go on meanwhile), as a single file (rollback journal, not WAL), and returns what
    /// the copy holds. `to` must not exist or be an empty file.
    pub async fn copy_sqlite_into(&self, to: &Path) -> Result<Counts, StoreError> {
        let target = to
            .to_str()
            .ok_or_else(|| StoreError::Config(format!("{} is not a UTF-8 path", to.display())))?;
        sqlx::query("VACUUM INTO $1")
            .bind(target.to_owned())
            .execute(&self.read)
            .await?;
        sqlite_file_counts(to).await
    }

    /// An exported snapshot is PostgreSQL's.
    pub async fn pg_snapshot(&self) -> Result<klacht_store::PgSnapshot, StoreError> {
        Err(StoreError::Config(
            "an exported snapshot is for PostgreSQL".into(),
        ))
    }
}

/// What a SQLite database file holds, read without migrating or otherwise changing it.
pub async fn sqlite_file_counts(path: &Path) -> Result<Counts, StoreError> {
    let url = format!("sqlite://{}?mode=ro", path.display());
    let mut conn = SqliteConnection::connect(&url).await?;
    let row = sqlx::query(sql::ops::COUNTS).fetch_one(&mut conn).await;
    let _ = conn.close().await;
    sql::ops::counts_of(&row?)
}

async fn pragmas(conn: &mut SqliteConnection) -> Result<(), sqlx::Error> {
    // synchronous = FULL: a 201 means the complaint is on disk, also after a power cut.
    // secure_delete: what a delete frees is overwritten with zeros, so that anonymised personal
    // data does not stay readable in the file (K8, T10).
    conn.execute(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
         PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
    )
    .await
    .map(|_| ())
}

/// The page cap of [`SqliteStore::limit_sqlite_pages`], on a new connection and on every reuse.
async fn apply_page_cap(conn: &mut SqliteConnection, cap: u64) -> Result<(), sqlx::Error> {
    if cap != 0 {
        conn.execute(sqlx::AssertSqlSafe(format!(
            "PRAGMA max_page_count = {cap}"
        )))
        .await?;
    }
    Ok(())
}

/// Before the write connection goes back to the pool: whether it is clean. After a failed
/// write (a full disk, an I/O error) SQLite may have rolled the transaction back by itself, and
/// sqlx's own count of open transactions then disagrees with the connection: the next `BEGIN`
/// would become a savepoint inside a transaction that is never committed, and every write
/// after it would be acknowledged and lost. So the connection is probed: `BEGIN` fails inside a
/// transaction, and sqlx must count none. A connection that is not clean is closed; the pool
/// opens a fresh one for the next write.
async fn clean_after_write(conn: &mut SqliteConnection) -> Result<bool, sqlx::Error> {
    if conn.execute("BEGIN").await.is_err() {
        tracing::warn!("the write connection was left inside a transaction; opening a new one");
        return Ok(false);
    }
    conn.execute("ROLLBACK").await?;
    if conn.is_in_transaction() {
        tracing::warn!("the write connection lost track of its transaction; opening a new one");
        return Ok(false);
    }
    Ok(true)
}
