//! What PostgreSQL's SQL does differently, for the shared queries of `sql/`.

use klacht_store::Backend;

/// For the few places where the backends take different paths (the full-text index: a
/// `tsvector` column here, FTS5 tables on SQLite).
pub(crate) const BACKEND: Backend = Backend::Postgres;

/// Appending to a complaint locks its row, so that concurrent steps queue instead of failing
/// late on the version check.
pub(crate) const FOR_UPDATE: &str = " FOR UPDATE";

/// Claiming work with several instances: each row is claimed once, and nobody waits for a row
/// another instance holds.
pub(crate) const FOR_UPDATE_SKIP_LOCKED: &str = " FOR UPDATE SKIP LOCKED";

/// Under READ COMMITTED a count does not see a first user that another transaction (a second
/// setup link, `create_user`) is inserting; this lock waits for such a transaction, and makes
/// it wait for this one, so there is one first user.
pub(crate) const LOCK_USERS: Option<&str> = Some("LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE");

/// READ COMMITTED gives each statement its own snapshot; one moment needs REPEATABLE READ.
pub(crate) const SNAPSHOT: Option<&str> =
    Some("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");

/// Parameters of a multi-row INSERT are numbered (`$n`), which PostgreSQL requires.
pub(crate) const NUMBERED_PARAMS: bool = true;

/// A complaint held back from anonymisation, written as in its partial index (migration 0013).
pub(crate) const HELD: &str = "held";

/// What makes erased data go from the tables' pages: a plain VACUUM of what anonymisation
/// changes (no lock that stops the site, unlike VACUUM FULL).
pub(crate) const SCRUB: &[&str] = &[
    "VACUUM personal_data",
    "VACUUM outbox",
    "VACUUM status_links",
];

/// A complaint is sensitive: a boolean here, written as in the index of flagged complaints
/// (migration 0011), so that the planner sees the query within it.
pub(crate) const SENSITIVE: &str = "sensitive";

/// The month (`YYYY-MM`) of a `date` column.
pub(crate) fn month_of(column: &str) -> String {
    format!("to_char({column}, 'YYYY-MM')")
}

/// A day of `report_deadlines` (due, met), or NULL for none: that is `-infinity` here, since
/// the columns are part of its primary key (migration 0011).
pub(crate) fn day_or_null(column: &str) -> String {
    format!("NULLIF({column}, '-infinity')")
}

// How values are stored here, natively: a time as `timestamptz`, a date as `date`, a flag as
// `boolean`, JSON as `jsonb`. The wrappers are `sql/`'s names for them ([`Ts`], [`Day`],
// [`Flag`], [`Json`]); SQLite stores the same wrappers as integers and text. sqlx has no jiff
// support, so the binary formats are written here: a `timestamptz` is microseconds since
// 2000-01-01 UTC (exact: the hash chain covers event times), a `date` days since 2000-01-01, a
// `jsonb` a version byte (1) and the JSON text.

use crate::sql::{Day, Flag, Json, Ts};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::postgres::{PgArgumentBuffer, PgTypeInfo, PgValueFormat, PgValueRef};
use sqlx::{Decode, Encode, Postgres, Type};

/// 2000-01-01T00:00:00Z in Unix microseconds: PostgreSQL's epoch.
const PG_EPOCH_US: i64 = 946_684_800_000_000;

/// 2000-01-01, PostgreSQL's epoch for dates.
const PG_EPOCH_DAY: Date = jiff::civil::date(2000, 1, 1);

/// The binary format of these values: sqlx asks for binary results of prepared statements.
fn binary<'r>(value: &PgValueRef<'r>, what: &str) -> Result<&'r [u8], BoxDynError> {
    match value.format() {
        PgValueFormat::Binary => value.as_bytes(),
        PgValueFormat::Text => Err(format!("a {what} in text format").into()),
    }
}

impl Type<Postgres> for Ts {
    fn type_info() -> PgTypeInfo {
        PgTypeInfo::with_name("timestamptz")
    }
}

impl Encode<'_, Postgres> for Ts {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        let since = self
            .0
            .as_microsecond()
            .checked_sub(PG_EPOCH_US)
            .ok_or("time out of range")?;
        buf.extend_from_slice(&since.to_be_bytes());
        Ok(IsNull::No)
    }
}

impl<'r> Decode<'r, Postgres> for Ts {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        let bytes: [u8; 8] = binary(&value, "timestamptz")?.try_into()?;
        let us = i64::from_be_bytes(bytes)
            .checked_add(PG_EPOCH_US)
            .ok_or("time out of range")?;
        Ok(Ts(Timestamp::from_microsecond(us)?))
    }
}

impl Type<Postgres> for Day {
    fn type_info() -> PgTypeInfo {
        PgTypeInfo::with_name("date")
    }
}

impl Encode<'_, Postgres> for Day {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        let days: i32 = self.0.since(PG_EPOCH_DAY)?.get_days();
        buf.extend_from_slice(&days.to_be_bytes());
        Ok(IsNull::No)
    }
}

impl<'r> Decode<'r, Postgres> for Day {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        let bytes: [u8; 4] = binary(&value, "date")?.try_into()?;
        let days = i32::from_be_bytes(bytes);
        Ok(Day(PG_EPOCH_DAY.checked_add(
            SignedDuration::from_hours(i64::from(days) * 24),
        )?))
    }
}

impl Type<Postgres> for Flag {
    fn type_info() -> PgTypeInfo {
        <bool as Type<Postgres>>::type_info()
    }
}

impl Encode<'_, Postgres> for Flag {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        <bool as Encode<Postgres>>::encode_by_ref(&self.0, buf)
    }
}

impl<'r> Decode<'r, Postgres> for Flag {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(Flag(<bool as Decode<Postgres>>::decode(value)?))
    }
}

impl Type<Postgres> for Json {
    fn type_info() -> PgTypeInfo {
        PgTypeInfo::with_name("jsonb")
    }
}

impl Encode<'_, Postgres> for Json {
    fn encode_by_ref(&self, buf: &mut PgArgumentBuffer) -> Result<IsNull, BoxDynError> {
        buf.push(1);
        buf.extend_from_slice(self.0.as_bytes());
        Ok(IsNull::No)
    }
}

impl<'r> Decode<'r, Postgres> for Json {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        match binary(&value, "jsonb")?.split_first() {
            Some((1, text)) => Ok(Json(std::str::from_utf8(text)?.to_owned())),
            _ => Err("a jsonb value of an unknown version".into()),
        }
    }
}

/// A list that walks one index in order: PostgreSQL's planner finds it by itself, from the
/// statistics it keeps.
pub(crate) fn indexed_by(_index: &str) -> String {
    String::new()
}
