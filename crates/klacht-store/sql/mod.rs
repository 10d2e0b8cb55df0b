//! The SQL both backends run, written once. Not a module of `klacht-store`: each backend crate
//! compiles this directory as a module of its own (`#[path = "../../klacht-store/sql/mod.rs"]
//! mod sql;`), where `crate::Db` is its sqlx database (`sqlx::Sqlite` or `sqlx::Postgres`),
//! `crate::Store` its store (its pools, the group commit's writer, the users read lately), and
//! `crate::dialect` what its SQL does differently: row locks, the full-text search, how a
//! time, a date, a flag or JSON is stored. So the queries are typed for one database each, with
//! no generic bounds, and still exist once.

pub(crate) mod accounts;
pub(crate) mod audit;
pub(crate) mod bulk;
pub(crate) mod complaints;
pub(crate) mod data_migrations;
pub(crate) mod desk;
pub(crate) mod documents;
pub(crate) mod group;
pub(crate) mod mail_in;
pub(crate) mod notifications;
pub(crate) mod ops;
pub(crate) mod outbox;
pub(crate) mod periods;
pub(crate) mod profiles;
pub(crate) mod publications;
pub(crate) mod register;
pub(crate) mod reports;
pub(crate) mod retention;
pub(crate) mod traits;
pub(crate) mod users;

use jiff::Timestamp;
use jiff::civil::Date;

// The values whose storage differs by backend: each dialect implements sqlx's `Type`, `Encode`
// and `Decode` for them (SQLite: microseconds, ISO text, 0/1, text; PostgreSQL: timestamptz,
// date, boolean, jsonb).

/// A time, exact to the microsecond (the hash chain covers event times).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ts(pub Timestamp);

/// A calendar date (Europe/Amsterdam).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Day(pub Date);

/// A yes/no column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Flag(pub bool);

/// A JSON document, as its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Json(pub String);

/// A row of this backend.
pub(crate) type DbRow = <crate::Db as sqlx::Database>::Row;
/// A transaction of this backend.
pub(crate) type Tx<'c> = sqlx::Transaction<'c, crate::Db>;
/// A pool of this backend.
pub(crate) type Pool = sqlx::Pool<crate::Db>;
/// A query of this backend with its arguments.
pub(crate) type Query<'q> =
    sqlx::query::Query<'q, crate::Db, <crate::Db as sqlx::Database>::Arguments>;

/// A bind parameter of dynamically built SQL.
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    Int(i64),
    Text(String),
    /// A NULL of a text column.
    Null,
    /// A NULL of an integer column: PostgreSQL rejects a text-typed NULL there.
    NullInt,
    /// A time ([`Ts`]).
    Ts(Timestamp),
    /// A NULL of a time column.
    NullTs,
    /// A date ([`Day`]).
    Day(Date),
    /// A NULL of a date column.
    NullDay,
    /// A yes/no ([`Flag`]).
    Flag(bool),
    /// A NULL of a yes/no column.
    NullFlag,
    /// JSON ([`Json`]).
    Json(String),
}

/// Binds `args` in order.
pub(crate) fn bind_all(mut q: Query<'_>, args: Vec<Arg>) -> Query<'_> {
    for a in args {
        q = match a {
            Arg::Int(i) => q.bind(i),
            Arg::Text(t) => q.bind(t),
            Arg::Null => q.bind(None::<String>),
            Arg::NullInt => q.bind(None::<i64>),
            Arg::Ts(t) => q.bind(Ts(t)),
            Arg::NullTs => q.bind(None::<Ts>),
            Arg::Day(d) => q.bind(Day(d)),
            Arg::NullDay => q.bind(None::<Day>),
            Arg::Flag(f) => q.bind(Flag(f)),
            Arg::NullFlag => q.bind(None::<Flag>),
            Arg::Json(j) => q.bind(Json(j)),
        };
    }
    q
}
