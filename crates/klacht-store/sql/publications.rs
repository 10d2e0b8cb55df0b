//! Publishing the annual report: reviews of its free texts, and the publications of a year
//! (the newest row of a year is what the public sees, unless it was withdrawn).

use super::{Flag, Json, Ts};
use crate::Store;
use jiff::Timestamp;
use klacht_core::UserId;
use klacht_store::*;
use sqlx::Row;

const COLUMNS: &str = "p.id, p.year, p.report, p.published_by, u.name, p.published_at, \
    p.withdrawn_by, w.name, p.withdrawn_at";
const FROM: &str = "FROM publications p JOIN users u ON u.id = p.published_by \
    LEFT JOIN users w ON w.id = p.withdrawn_by";

fn year_of(r: &super::DbRow, i: usize) -> Result<i16, StoreError> {
    let y: i32 = r.try_get(i)?;
    i16::try_from(y).map_err(|_| StoreError::Corrupt(format!("publication year {y}")))
}

fn publication_of(r: &super::DbRow) -> Result<Publication, StoreError> {
    let withdrawn_by: Option<i64> = r.try_get(6)?;
    let withdrawn_name: Option<String> = r.try_get(7)?;
    let withdrawn_at: Option<Ts> = r.try_get(8)?;
    Ok(Publication {
        id: r.try_get(0)?,
        year: year_of(r, 1)?,
        report: r.try_get::<Json, _>(2)?.0,
        published_by: UserId(r.try_get(3)?),
        published_by_name: r.try_get(4)?,
        published_at: r.try_get::<Ts, _>(5)?.0,
        withdrawn: match (withdrawn_by, withdrawn_at) {
            (Some(by), Some(at)) => Some((UserId(by), withdrawn_name.unwrap_or_default(), at.0)),
            _ => None,
        },
    })
}

impl Store {
    pub async fn review_text(
        &self,
        year: i16,
        item: &str,
        text_hash: &str,
        fit: bool,
        by: UserId,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let invalid = |field: &str, message: &str| StoreError::Invalid {
            field: field.to_owned(),
            message: message.to_owned(),
        };
        if item.trim().is_empty() || item.len() > 200 {
            return Err(invalid("item", "is required, at most 200 characters"));
        }
        if text_hash.len() != 64 || !text_hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid("text_hash", "is not a SHA-256 in hex"));
        }
        sqlx::query(
            "INSERT INTO publication_reviews (year, item, text_hash, fit, reviewed_by, reviewed_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (year, item) DO UPDATE SET text_hash = excluded.text_hash, \
             fit = excluded.fit, reviewed_by = excluded.reviewed_by, \
             reviewed_at = excluded.reviewed_at",
        )
        .bind(i32::from(year))
        .bind(item.to_owned())
        .bind(text_hash.to_ascii_lowercase())
        .bind(Flag(fit))
        .bind(by.0)
        .bind(Ts(now))
        .execute(&self.write)
        .await?;
        Ok(())
    }

    pub async fn text_reviews(&self, year: i16) -> Result<Vec<TextReview>, StoreError> {
        let rows = sqlx::query(
            "SELECT r.year, r.item, r.text_hash, r.fit, r.reviewed_by, u.name, r.reviewed_at \
             FROM publication_reviews r JOIN users u ON u.id = r.reviewed_by \
             WHERE r.year = $1 ORDER BY r.item",
        )
        .bind(i32::from(year))
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(TextReview {
                    year: year_of(r, 0)?,
                    item: r.try_get(1)?,
                    text_hash: r.try_get(2)?,
                    fit: r.try_get::<Flag, _>(3)?.0,
                    reviewed_by: UserId(r.try_get(4)?),
                    reviewed_by_name: r.try_get(5)?,
                    reviewed_at: r.try_get::<Ts, _>(6)?.0,
                })
            })
            .collect()
    }

    pub async fn publish(
        &self,
        year: i16,
        report: &str,
        by: UserId,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        if report.len() > MAX_PUBLISHED_REPORT {
            return Err(StoreError::Invalid {
                field: "report".to_owned(),
                message: format!("is larger than {MAX_PUBLISHED_REPORT} bytes"),
            });
        }
        let row = sqlx::query(
            "INSERT INTO publications (year, report, published_by, published_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(i32::from(year))
        .bind(Json(report.to_owned()))
        .bind(by.0)
        .bind(Ts(now))
        .fetch_one(&self.write)
        .await?;
        Ok(row.try_get(0)?)
    }

    pub async fn withdraw_publication(
        &self,
        year: i16,
        by: UserId,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE publications SET withdrawn_by = $1, withdrawn_at = $2 \
             WHERE id = (SELECT MAX(id) FROM publications WHERE year = $3) \
             AND withdrawn_at IS NULL",
        )
        .bind(by.0)
        .bind(Ts(now))
        .bind(i32::from(year))
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn publication(&self, year: i16) -> Result<Option<Publication>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} WHERE p.year = $1 ORDER BY p.id DESC LIMIT 1"
        )))
        .bind(i32::from(year))
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(publication_of).transpose()
    }

    pub async fn publications(&self) -> Result<Vec<Publication>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} \
             WHERE p.id IN (SELECT MAX(id) FROM publications GROUP BY year) \
             AND p.withdrawn_at IS NULL ORDER BY p.year DESC"
        )))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(publication_of).collect()
    }

    pub async fn publication_history(&self, year: i16) -> Result<Vec<Publication>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} WHERE p.year = $1 ORDER BY p.id DESC"
        )))
        .bind(i32::from(year))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(publication_of).collect()
    }
}
