//! Persistence for klacht: the dossier as an append-only, hash-chained event log with personal
//! data kept apart, the projection that lists and reports read, users, roles and API tokens.
//!
//! One implementation serves SQLite (the embedded default, WAL) and PostgreSQL through sqlx's
//! `Any` driver: the SQL is written once with `$n` parameters, which both accept, and the few
//! places where the two differ (migrations, full-text search) are chosen by [`Backend`].

mod accounts;
mod audit;
mod bulk;
mod chain;
mod complaints;
mod data_migrations;
mod documents;
mod error;
mod group;
mod notifications;
mod ops;
mod outbox;
mod profiles;
mod register;
mod reports;
mod secret;
pub mod traits;
mod users;

pub use accounts::{AccountLink, LinkPurpose, NewSession, SealReport, Session, SessionTimes};
pub use audit::{Actor, AuditAction, AuditEntry};
pub use complaints::{
    Cursor, Dossier, ListFilter, ListItem, NewRecord, Page, Scope, Sort, StoredEvent,
};
pub use error::StoreError;
pub use notifications::{DueComplaint, NewNotice, Notice};
pub use ops::{
    Broken, Counts, PgSnapshot, VERIFY_BATCH, Verification, postgres_is_empty, sqlite_file_counts,
};
pub use outbox::{FollowUp, MailOutcome, MailStatus, NewMail, QueuedMail, StatusLink};
pub use register::{
    Action, ActionChange, Evaluation, MAX_TEXT, MAX_TITLE, NewEvaluation, Recommendation,
    ReportKind, ReportText,
};
pub use secret::{KeyError, SecretKey, Unreadable};
pub use traits::{
    AccountStore, ComplaintStore, DocumentStore, NotificationStore, OpsStore, OutboxStore,
    ProfileStore, RegisterStore, ReportStore, Stores,
};
pub use users::{NewUser, User};

use jiff::Timestamp;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How long a request waits for a PostgreSQL connection before the database counts as away.
const POSTGRES_ACQUIRE: Duration = Duration::from_secs(3);

/// SQLite's largest `max_page_count`: no cap.
const NO_PAGE_CAP: u64 = 4_294_967_294;

/// Which database is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The store. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    /// Writes. For SQLite a single connection: SQLite has one writer at a time, and queueing in
    /// the pool is cheaper and fairer than retrying on SQLITE_BUSY.
    write: AnyPool,
    /// Reads.
    read: AnyPool,
    backend: Backend,
    /// New complaints, committed in groups.
    group: group::Group,
    /// The staff as read lately ([`Store::recent_users`]).
    recent_users: users::Recent,
    /// SQLite: the most pages the database may hold ([`Store::limit_sqlite_pages`]); 0: no cap
    /// was ever set.
    page_cap: Arc<AtomicU64>,
}

/// The schema's migrations, one directory per backend, embedded at build time. sqlx records
/// each applied one in `_sqlx_migrations` with the SHA-384 of its SQL and refuses to start when
/// an applied one has changed: a migration, once released, is never edited; a change is a new
/// file. (Until issue 14 the list was built by hand from the same files with the same versions,
/// so databases made then carry the same checksums: `crates/klacht/tests/migration.rs` proves it
/// on databases of that time.)
fn migrator(backend: Backend) -> Migrator {
    match backend {
        Backend::Sqlite => sqlx::migrate!("migrations/sqlite"),
        Backend::Postgres => sqlx::migrate!("migrations/postgres"),
    }
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `url`: `sqlite://PATH` or
    /// `postgres://…`.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::Config(format!(
                "unsupported database URL {url:?}; expected sqlite://PATH or postgres://…"
            )));
        };
        let page_cap = Arc::new(AtomicU64::new(0));
        let (write, read) = match backend {
            Backend::Sqlite => {
                let url = if url.contains('?') {
                    url.to_owned()
                } else {
                    format!("{url}?mode=rwc")
                };
                let (on_connect, on_acquire) = (page_cap.clone(), page_cap.clone());
                let write = AnyPoolOptions::new()
                    .max_connections(1)
                    .acquire_timeout(Duration::from_secs(30))
                    .after_connect(move |conn, meta| {
                        let cap = on_connect.load(Ordering::Acquire);
                        Box::pin(async move {
                            sqlite_pragmas(conn, meta).await?;
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
                let read = AnyPoolOptions::new()
                    .max_connections(4)
                    .after_connect(sqlite_pragmas)
                    .connect(&url)
                    .await?;
                (write, read)
            }
            Backend::Postgres => {
                // A short wait for a connection: with the database away, a request is answered
                // within seconds that nothing was stored (503), instead of hanging.
                let pool = AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(POSTGRES_ACQUIRE)
                    .after_connect(postgres_settings)
                    .connect(url)
                    .await?;
                (pool.clone(), pool)
            }
        };
        migrator(backend).run(&write).await?;
        data_migrations::run(&write, backend).await?;
        Ok(Store {
            group: group::Group::start(write.clone(), backend),
            recent_users: users::Recent::default(),
            page_cap,
            write,
            read,
            backend,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// SQLite: caps how large the database may grow, in pages of 4 KiB (`PRAGMA
    /// max_page_count`); a write that needs more fails as it would on a full disk. `None` lifts
    /// the cap. Takes effect from the next write. For proving what happens when the disk is
    /// full without filling one; PostgreSQL ignores it.
    pub fn limit_sqlite_pages(&self, pages: Option<u64>) {
        self.page_cap.store(
            pages.map_or(NO_PAGE_CAP, |p| p.clamp(1, NO_PAGE_CAP)),
            Ordering::Release,
        );
    }

    /// Whether the database takes a write (for `/readyz`): a row of `health` is written and
    /// committed, so a full disk or a read-only database shows, not only one that is away.
    pub async fn check_writable(&self, now: Timestamp) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO health (id, checked_at) VALUES (1, $1) \
             ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
        )
        .bind(micros(now))
        .execute(&self.write)
        .await?;
        Ok(())
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.read).await?;
        Ok(())
    }

    /// After a bulk load: PostgreSQL's planner learns the new sizes now instead of at the next
    /// autovacuum (the reports' counting queries depend on it), and the tables are vacuumed now,
    /// so that index-only scans work and autovacuum does not descend on a million fresh rows
    /// while the first users work. SQLite plans without statistics; nothing to do there.
    pub async fn analyze(&self) -> Result<(), StoreError> {
        if self.backend == Backend::Postgres {
            (&self.write).execute("VACUUM (ANALYZE)").await?;
        }
        Ok(())
    }

    /// After a burst of work (a deadline round): SQLite's idle connections give back the pages
    /// they cached; they read them again when needed. Connections in use are left alone.
    /// PostgreSQL keeps its cache in the server; nothing to do there.
    pub async fn release_memory(&self) {
        if self.backend != Backend::Sqlite {
            return;
        }
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

    /// Finishes outstanding work and closes the connections.
    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}

type Pragmas<'c> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), sqlx::Error>> + Send + 'c>>;

fn sqlite_pragmas(
    conn: &mut sqlx::AnyConnection,
    _: sqlx::pool::PoolConnectionMetadata,
) -> Pragmas<'_> {
    Box::pin(async move {
        // synchronous = FULL: a 201 means the complaint is on disk, also after a power cut.
        conn.execute(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
             PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;",
        )
        .await
        .map(|_| ())
    })
}

/// The page cap of [`Store::limit_sqlite_pages`], on a new connection and on every reuse.
async fn apply_page_cap(conn: &mut sqlx::AnyConnection, cap: u64) -> Result<(), sqlx::Error> {
    if cap != 0 {
        conn.execute(sqlx::AssertSqlSafe(format!(
            "PRAGMA max_page_count = {cap}"
        )))
        .await?;
    }
    Ok(())
}

/// Before SQLite's write connection goes back to the pool: whether it is clean. After a failed
/// write (a full disk, an I/O error) SQLite may have rolled the transaction back by itself, and
/// sqlx's own count of open transactions then disagrees with the connection: the next `BEGIN`
/// would become a savepoint inside a transaction that is never committed, and every write
/// after it would be acknowledged and lost. So the connection is probed: `BEGIN` fails inside a
/// transaction, and sqlx must count none. A connection that is not clean is closed; the pool
/// opens a fresh one for the next write.
async fn clean_after_write(conn: &mut sqlx::AnyConnection) -> Result<bool, sqlx::Error> {
    use sqlx::Connection;
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

fn postgres_settings(
    conn: &mut sqlx::AnyConnection,
    _: sqlx::pool::PoolConnectionMetadata,
) -> Pragmas<'_> {
    Box::pin(async move {
        // No JIT compilation: klacht's queries are short, and compiling one whose cost estimate
        // passes jit_above_cost takes tens of milliseconds, longer than running it.
        conn.execute("SET jit = off").await.map(|_| ())
    })
}

/// A bind parameter of dynamically built SQL.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    Int(i64),
    Text(String),
    /// A NULL of a text column.
    Null,
    /// A NULL of an integer column: PostgreSQL rejects a text-typed NULL there.
    NullInt,
}

/// Binds `args` in order.
pub(crate) fn bind_all<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    args: Vec<Arg>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for a in args {
        q = match a {
            Arg::Int(i) => q.bind(i),
            Arg::Text(t) => q.bind(t),
            Arg::Null => q.bind(None::<String>),
            Arg::NullInt => q.bind(None::<i64>),
        };
    }
    q
}

/// Microseconds since the Unix epoch: how times are stored.
pub(crate) fn micros(t: Timestamp) -> i64 {
    t.as_microsecond()
}

pub(crate) fn from_micros(us: i64) -> Result<Timestamp, StoreError> {
    Timestamp::from_microsecond(us).map_err(|e| StoreError::Corrupt(format!("bad time {us}: {e}")))
}
