//! What SQLite's SQL does differently, for the shared queries of `sql/`.

use klacht_store::Backend;

/// For the few places where the backends take different paths (the full-text index: FTS5
/// tables beside the data here, a `tsvector` column there).
pub(crate) const BACKEND: Backend = Backend::Sqlite;

/// A row about to be changed needs no lock: SQLite has one writer at a time, and a write
/// transaction holds it.
pub(crate) const FOR_UPDATE: &str = "";

/// Claiming work: the single writer already serialises the claims.
pub(crate) const FOR_UPDATE_SKIP_LOCKED: &str = "";

/// The first account: the UPDATE that spends the link already holds the single write lock.
pub(crate) const LOCK_USERS: Option<&str> = None;

/// A read transaction in WAL mode is a snapshot from its first read already.
pub(crate) const SNAPSHOT: Option<&str> = None;

/// Parameters of a multi-row INSERT are plain `?`: SQLite looks a numbered parameter's name up
/// by walking a list, once per parameter, quadratic in a statement of thousands; `?` is
/// positional.
pub(crate) const NUMBERED_PARAMS: bool = false;

/// A complaint is sensitive (a flag, 0/1), written as in the index of flagged complaints
/// (migration 0005): SQLite uses a partial index only for a query with its condition.
pub(crate) const SENSITIVE: &str = "sensitive <> 0";

/// A complaint held back from anonymisation (a flag, 0/1), written as in its partial index
/// (migration 0013).
pub(crate) const HELD: &str = "held <> 0";

/// What makes erased data unrecoverable from the files. The full-text indexes are contentless:
/// a deleted entry's words cannot be looked up to remove them, so the delete leaves a marker and
/// the words stay in the index's segments until they are merged ('optimize' merges them all;
/// their 'secure-delete' option, migration 0013, then drops every trace). Then the write-ahead
/// log, which still holds the pages as they were, is checkpointed and truncated. In the
/// database file itself `secure_delete` (on every connection) has zeroed what the deletes freed.
pub(crate) const SCRUB: &[&str] = &[
    "INSERT INTO personal_search (personal_search) VALUES ('optimize')",
    "INSERT INTO involved_search (involved_search) VALUES ('optimize')",
    "PRAGMA wal_checkpoint(TRUNCATE)",
];

/// The month (`YYYY-MM`) of a date column (ISO text).
pub(crate) fn month_of(column: &str) -> String {
    format!("substr({column}, 1, 7)")
}

/// A day of `report_deadlines` (due, met), or NULL for none: that is '' here.
pub(crate) fn day_or_null(column: &str) -> String {
    format!("NULLIF({column}, '')")
}

// How values are stored here: a time as Unix microseconds (INTEGER), a date as ISO text, a flag
// as 0/1, JSON as text. The wrappers are `sql/`'s names for them ([`Ts`], [`Day`], [`Flag`],
// [`Json`]); PostgreSQL stores the same wrappers in its native types.

use crate::sql::{Day, Flag, Json, Ts};
use jiff::Timestamp;
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::sqlite::{SqliteArgumentsBuffer, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Encode, Sqlite, Type};

/// Implements `Type`, `Encode` and `Decode` of a wrapper through the type it is stored as.
macro_rules! stored_as {
    ($wrapper:ty, $repr:ty, |$v:ident| $to:expr, |$r:ident| $from:expr) => {
        impl Type<Sqlite> for $wrapper {
            fn type_info() -> SqliteTypeInfo {
                <$repr as Type<Sqlite>>::type_info()
            }
            fn compatible(ty: &SqliteTypeInfo) -> bool {
                <$repr as Type<Sqlite>>::compatible(ty)
            }
        }
        impl Encode<'_, Sqlite> for $wrapper {
            fn encode_by_ref(
                &self,
                buf: &mut SqliteArgumentsBuffer,
            ) -> Result<IsNull, BoxDynError> {
                let $v = self;
                <$repr as Encode<Sqlite>>::encode($to, buf)
            }
        }
        impl<'r> Decode<'r, Sqlite> for $wrapper {
            fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
                let $r = <$repr as Decode<Sqlite>>::decode(value)?;
                $from
            }
        }
    };
}

stored_as!(Ts, i64, |v| v.0.as_microsecond(), |r| Ok(Ts(
    Timestamp::from_microsecond(r)?
)));
stored_as!(Day, String, |v| v.0.to_string(), |r| Ok(Day(r.parse()?)));
stored_as!(Flag, i64, |v| i64::from(v.0), |r| Ok(Flag(r != 0)));
stored_as!(Json, String, |v| v.0.clone(), |r| Ok(Json(r)));

/// A list that walks one index in order: SQLite's planner is told which (see the list query).
pub(crate) fn indexed_by(index: &str) -> String {
    format!(" INDEXED BY {index}")
}
