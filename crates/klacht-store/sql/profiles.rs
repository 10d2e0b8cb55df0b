//! The regulation's versions (T16): each complaint is handled under the version in force on the
//! day it was received; drafts wait for adoption.

use super::{Day, Ts};
use crate::Store;
use klacht_store::*;
use sqlx::Row;

use jiff::Timestamp;
use klacht_core::{Profile, UserId};

const VERSION_COLUMNS: &str = "id, name, version, adopted_on, state, first_used, created_by, \
     adopted_at, adopted_by, note";

fn version_row(r: &super::DbRow) -> Result<VersionRow, StoreError> {
    let state: String = r.try_get(4)?;
    Ok(VersionRow {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        version: r.try_get(2)?,
        adopted_on: r.try_get::<Day, _>(3)?.0,
        state: VersionState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("unknown version state {state:?}")))?,
        created_at: r.try_get::<Ts, _>(5)?.0,
        created_by: r.try_get::<Option<i64>, _>(6)?.map(UserId),
        adopted_at: r.try_get::<Option<Ts>, _>(7)?.map(|t| t.0),
        adopted_by: r.try_get::<Option<i64>, _>(8)?.map(UserId),
        note: r.try_get(9)?,
    })
}

impl Store {
    /// Records this profile version (by content) as adopted by the operator if new — the first
    /// version of a new database; returns its id.
    pub async fn register_profile(
        &self,
        profile: &Profile,
        source: &str,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        Ok(self
            .store_version(profile, source, VersionState::Adopted, None, None, now)
            .await?
            .id)
    }

    /// Stores a version (by content) as a draft or adopted. The same text stored before is not
    /// stored again: its id comes back, and a draft of it is adopted when `state` says so.
    pub async fn store_version(
        &self,
        profile: &Profile,
        source: &str,
        state: VersionState,
        by: Option<UserId>,
        note: Option<&str>,
        now: Timestamp,
    ) -> Result<Stored, StoreError> {
        let sha = chain::sha256_hex(source.as_bytes());
        if let Some((id, before)) = self.version_by_sha(&sha).await? {
            if before == VersionState::Draft && state == VersionState::Adopted {
                self.mark_adopted(id, by, note, now).await?;
            }
            let state = if before == VersionState::Adopted {
                before
            } else {
                state
            };
            return Ok(Stored {
                id,
                created: false,
                state,
            });
        }
        let adopted = state == VersionState::Adopted;
        sqlx::query(
            "INSERT INTO profiles (name, version, adopted_on, sha256, source, first_used, state, \
             created_by, adopted_at, adopted_by, note) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (sha256) DO NOTHING",
        )
        .bind(profile.name.clone())
        .bind(profile.version.clone())
        .bind(Day(profile.adopted_on))
        .bind(sha.clone())
        .bind(source.to_owned())
        .bind(Ts(now))
        .bind(state.as_str())
        .bind(by.map(|u| u.0))
        .bind(adopted.then_some(Ts(now)))
        .bind(if adopted { by.map(|u| u.0) } else { None })
        .bind(note.map(str::to_owned))
        .execute(&self.write)
        .await?;
        let (id, state) = self
            .version_by_sha(&sha)
            .await?
            .ok_or_else(|| StoreError::Corrupt("profile vanished after insert".into()))?;
        Ok(Stored {
            id,
            created: true,
            state,
        })
    }

    async fn mark_adopted(
        &self,
        id: i64,
        by: Option<UserId>,
        note: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE profiles SET state = 'adopted', adopted_at = $2, adopted_by = $3, \
             note = COALESCE($4, note) WHERE id = $1 AND state = 'draft'",
        )
        .bind(id)
        .bind(Ts(now))
        .bind(by.map(|u| u.0))
        .bind(note.map(str::to_owned))
        .execute(&self.write)
        .await?;
        Ok(())
    }

    /// Adopts draft `id` with its text as it now reads (`source`, its adoption date set). Fails
    /// with [`StoreError::WrongState`] when it is no longer a draft, and with
    /// [`StoreError::Duplicate`] when another version has this very text.
    pub async fn adopt_draft(
        &self,
        id: i64,
        profile: &Profile,
        source: &str,
        by: Option<UserId>,
        note: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let sha = chain::sha256_hex(source.as_bytes());
        if let Some((other, _)) = self.version_by_sha(&sha).await?
            && other != id
        {
            return Err(StoreError::Duplicate(format!("version {other}")));
        }
        let done = sqlx::query(
            "UPDATE profiles SET state = 'adopted', name = $2, version = $3, adopted_on = $4, \
             sha256 = $5, source = $6, adopted_at = $7, adopted_by = $8, note = COALESCE($9, note) \
             WHERE id = $1 AND state = 'draft'",
        )
        .bind(id)
        .bind(profile.name.clone())
        .bind(profile.version.clone())
        .bind(Day(profile.adopted_on))
        .bind(sha)
        .bind(source.to_owned())
        .bind(Ts(now))
        .bind(by.map(|u| u.0))
        .bind(note.map(str::to_owned))
        .execute(&self.write)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::WrongState(format!(
                "version {id} is not a draft (any more)"
            )));
        }
        Ok(())
    }

    /// Deletes draft `id`; `false` when there is no such draft.
    pub async fn discard_draft(&self, id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query("DELETE FROM profiles WHERE id = $1 AND state = 'draft'")
            .bind(id)
            .execute(&self.write)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Deletes adopted version `id` when the operator stored it (`serve --profile` on a new
    /// database, `profile import`), nobody adopted it in the back office and no complaint was
    /// handled under it: the example regulation a new installation starts with, once the
    /// organisation has set up its own. `false` when it is not such a version.
    pub async fn retire_unused_seed(&self, id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "DELETE FROM profiles WHERE id = $1 AND created_by IS NULL AND adopted_by IS NULL \
             AND NOT EXISTS (SELECT 1 FROM complaints WHERE profile_id = $1)",
        )
        .bind(id)
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn version_by_sha(&self, sha: &str) -> Result<Option<(i64, VersionState)>, StoreError> {
        let row = sqlx::query("SELECT id, state FROM profiles WHERE sha256 = $1")
            .bind(sha.to_owned())
            .fetch_optional(&self.write)
            .await?;
        row.map(|r| {
            let state: String = r.try_get(1)?;
            Ok((
                r.try_get::<i64, _>(0)?,
                VersionState::parse(&state).unwrap_or(VersionState::Adopted),
            ))
        })
        .transpose()
    }

    /// Every stored profile version, oldest first.
    pub async fn profile_ids(&self) -> Result<Vec<i64>, StoreError> {
        let rows = sqlx::query("SELECT id FROM profiles ORDER BY id")
            .fetch_all(&self.read)
            .await?;
        rows.iter()
            .map(|r| r.try_get::<i64, _>(0).map_err(StoreError::from))
            .collect()
    }

    /// Every stored version without its text, oldest first.
    pub async fn versions(&self) -> Result<Vec<VersionRow>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {VERSION_COLUMNS} FROM profiles ORDER BY id"
        )))
        .fetch_all(&self.read)
        .await?;
        rows.iter().map(version_row).collect()
    }

    /// One stored version without its text.
    pub async fn version(&self, id: i64) -> Result<Option<VersionRow>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {VERSION_COLUMNS} FROM profiles WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(version_row).transpose()
    }

    /// The TOML source of a stored profile version.
    pub async fn profile_source(&self, id: i64) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query("SELECT source FROM profiles WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.read)
            .await?
            .map(|r| r.try_get::<String, _>(0))
            .transpose()?)
    }
}
