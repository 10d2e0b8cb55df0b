//! Profile versions in use (T16): each complaint is handled under the version it arrived under.

use super::{Day, Ts};
use crate::Store;
use klacht_store::*;
use sqlx::Row;

use jiff::Timestamp;
use klacht_core::Profile;

impl Store {
    /// Records this profile version (by content) if new; returns its id.
    pub async fn register_profile(
        &self,
        profile: &Profile,
        source: &str,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        let sha = chain::sha256_hex(source.as_bytes());
        if let Some(id) = self.profile_id_by_sha(&sha).await? {
            return Ok(id);
        }
        let inserted = sqlx::query(
            "INSERT INTO profiles (name, version, adopted_on, sha256, source, first_used) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING",
        )
        .bind(profile.name.clone())
        .bind(profile.version.clone())
        .bind(Day(profile.adopted_on))
        .bind(sha.clone())
        .bind(source.to_owned())
        .bind(Ts(now))
        .execute(&self.write)
        .await;
        inserted?;
        self.profile_id_by_sha(&sha)
            .await?
            .ok_or_else(|| StoreError::Corrupt("profile vanished after insert".into()))
    }

    async fn profile_id_by_sha(&self, sha: &str) -> Result<Option<i64>, StoreError> {
        Ok(sqlx::query("SELECT id FROM profiles WHERE sha256 = $1")
            .bind(sha.to_owned())
            .fetch_optional(&self.write)
            .await?
            .map(|r| r.try_get::<i64, _>(0))
            .transpose()?)
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
