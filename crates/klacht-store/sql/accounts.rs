//! Signing in to the back office: sessions, the second factor, one-time account links (the first
//! coordinator's setup link, set-your-password links), the secret calendar feed, and the changes
//! to an account that the account log records.
//!
//! Secrets handed to a browser or a person (session tokens, link tokens, feed tokens) are kept
//! only as their SHA-256, so a copy of the database opens nothing. The TOTP secret, which the
//! server must read back, is sealed with the key kept outside the database ([`SecretKey`]).
//! (Failed sign-ins are throttled by the web layer, per address and account, not here.)

use super::audit;
use super::users::truth;
use super::{Arg, Flag, Ts, bind_all};
use crate::{Store, dialect};
use klacht_store::secret::SEALED_PREFIX;
use klacht_store::*;
use sqlx::Row;

use jiff::{SignedDuration, Timestamp};
use klacht_core::{Lang, UserId};

/// The associated data a user's TOTP secret is sealed with: it opens for that user only.
fn totp_context(user: UserId) -> String {
    format!("klacht totp user {}", user.0)
}

fn random_token() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

fn after(now: Timestamp, d: SignedDuration) -> Timestamp {
    now.checked_add(d).unwrap_or(Timestamp::MAX)
}

impl Store {
    // --- Sessions -------------------------------------------------------------------------------

    /// Starts a session for `user`.
    pub async fn create_session(
        &self,
        user: UserId,
        pending_totp: bool,
        times: SessionTimes,
        now: Timestamp,
    ) -> Result<NewSession, StoreError> {
        let token = random_token();
        let csrf = random_token();
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, pending_totp, created_at, seen_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $5, $6)",
        )
        .bind(chain::token_hash(&token))
        .bind(user.0)
        .bind(csrf.clone())
        .bind(Flag(pending_totp))
        .bind(Ts(now))
        .bind(Ts(after(now, times.idle.min(times.absolute))))
        .execute(&self.write)
        .await?;
        Ok(NewSession { token, csrf })
    }

    /// The live session with this token, if any, and keeps it alive (idle timeout). Sessions of
    /// deactivated users are not live.
    pub async fn session(
        &self,
        token: &str,
        times: SessionTimes,
        now: Timestamp,
    ) -> Result<Option<Session>, StoreError> {
        let hash = chain::token_hash(token);
        let row = sqlx::query(
            "SELECT user_id, csrf_token, pending_totp, created_at, seen_at, expires_at \
             FROM sessions WHERE token_hash = $1",
        )
        .bind(hash.clone())
        .fetch_optional(&self.read)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let user_id: i64 = row.try_get(0)?;
        let created_at = row.try_get::<Ts, _>(3)?.0;
        let seen_at = row.try_get::<Ts, _>(4)?.0;
        let expires_at = row.try_get::<Ts, _>(5)?.0;
        if expires_at <= now {
            self.end_session(token).await?;
            return Ok(None);
        }
        let Some(user) = self.user(UserId(user_id)).await?.filter(|u| u.active) else {
            return Ok(None);
        };
        // Write the new expiry at most once a minute, not on every request.
        let expires_at = if now.duration_since(seen_at) >= SignedDuration::from_mins(1) {
            let expires = after(now, times.idle).min(after(created_at, times.absolute));
            sqlx::query("UPDATE sessions SET seen_at = $1, expires_at = $2 WHERE token_hash = $3")
                .bind(Ts(now))
                .bind(Ts(expires))
                .bind(hash)
                .execute(&self.write)
                .await?;
            expires
        } else {
            expires_at
        };
        Ok(Some(Session {
            user,
            csrf: row.try_get(1)?,
            pending_totp: row.try_get::<Flag, _>(2)?.0,
            created_at,
            expires_at,
        }))
    }

    /// Ends one session (signing out).
    pub async fn end_session(&self, token: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(chain::token_hash(token))
            .execute(&self.write)
            .await?;
        Ok(())
    }

    /// Ends every session of `user` (new password, deactivated, reset second factor).
    pub async fn end_sessions_of(&self, user: UserId) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.0)
            .execute(&self.write)
            .await?;
        Ok(done.rows_affected())
    }

    /// Removes sessions that ended, and used or expired links.
    pub async fn purge_expired(&self, now: Timestamp) -> Result<u64, StoreError> {
        let s = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(Ts(now))
            .execute(&self.write)
            .await?;
        let l =
            sqlx::query("DELETE FROM account_links WHERE expires_at <= $1 OR used_at IS NOT NULL")
                .bind(Ts(now))
                .execute(&self.write)
                .await?;
        Ok(s.rows_affected() + l.rows_affected())
    }

    // --- Passwords, second factor, account state ----------------------------------------------------

    /// The user sets a new password (an argon2id PHC string) themselves; ends their sessions.
    pub async fn set_password(
        &self,
        user: UserId,
        hash: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash.to_owned())
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("user {user}")));
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            Actor::User(user),
            user,
            AuditAction::PasswordSet,
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The user's TOTP secret (base32), if they enrolled one: `Err(Unreadable)` inside when it
    /// was sealed with another key (or altered). A secret from before sealing is read as it is.
    pub async fn totp_secret(
        &self,
        user: UserId,
        key: &SecretKey,
    ) -> Result<Option<Result<String, Unreadable>>, StoreError> {
        let row = sqlx::query("SELECT totp_secret FROM users WHERE id = $1")
            .bind(user.0)
            .fetch_optional(&self.read)
            .await?;
        let stored: Option<String> = match row {
            Some(r) => r.try_get(0)?,
            None => None,
        };
        Ok(stored.map(|s| {
            if s.starts_with(SEALED_PREFIX) {
                key.open(&s, &totp_context(user))
            } else {
                Ok(s)
            }
        }))
    }

    /// The user enrols a second factor: `secret` (base32) is stored sealed with `key`, and
    /// recorded in the account log.
    pub async fn enrol_totp(
        &self,
        user: UserId,
        secret: &str,
        key: &SecretKey,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let sealed = key.seal(secret, &totp_context(user));
        self.change_totp(user, Some(sealed), Actor::User(user), now)
            .await
    }

    /// Clears the user's second factor, by themselves (removed, where their roles do not need
    /// one) or by someone else (reset: they enrol again at the next sign-in). A reset also ends
    /// their sessions. Recorded in the account log.
    pub async fn clear_totp(
        &self,
        user: UserId,
        by: Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.change_totp(user, None, by, now).await
    }

    async fn change_totp(
        &self,
        user: UserId,
        sealed: Option<String>,
        by: Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let action = match (&sealed, by == Actor::User(user)) {
            (Some(_), _) => AuditAction::SecondFactorEnrolled,
            (None, true) => AuditAction::SecondFactorRemoved,
            (None, false) => AuditAction::SecondFactorReset,
        };
        let mut tx = self.write.begin().await?;
        let done =
            sqlx::query("UPDATE users SET totp_secret = $1, totp_last_step = NULL WHERE id = $2")
                .bind(sealed)
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("user {user}")));
        }
        if action == AuditAction::SecondFactorReset {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
        }
        // Recovery codes belong to the second factor they were made with.
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        audit::record(&mut tx, by, user, action, None, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Seals every TOTP secret still stored in plain text (from before sealing), and lists the
    /// users whose sealed secret does not open with `key`. Run at every start.
    pub async fn seal_totp_secrets(&self, key: &SecretKey) -> Result<SealReport, StoreError> {
        let rows = sqlx::query("SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL")
            .fetch_all(&self.write)
            .await?;
        let mut report = SealReport::default();
        for r in rows {
            let user = UserId(r.try_get(0)?);
            let stored: String = r.try_get(1)?;
            if stored.starts_with(SEALED_PREFIX) {
                if key.open(&stored, &totp_context(user)).is_err() {
                    report.unreadable.push(user);
                }
                continue;
            }
            // Only the value read is replaced: a secret changed meanwhile stays as it is.
            let done =
                sqlx::query("UPDATE users SET totp_secret = $1 WHERE id = $2 AND totp_secret = $3")
                    .bind(key.seal(&stored, &totp_context(user)))
                    .bind(user.0)
                    .bind(stored)
                    .execute(&self.write)
                    .await?;
            report.sealed += done.rows_affected();
        }
        Ok(report)
    }

    /// Records that the TOTP code of time step `step` was used; false when that step (or a later
    /// one) was used before, so a code cannot be replayed.
    pub async fn use_totp_step(&self, user: UserId, step: u64) -> Result<bool, StoreError> {
        let step = i64::try_from(step).unwrap_or(i64::MAX);
        let done = sqlx::query(
            "UPDATE users SET totp_last_step = $1 WHERE id = $2 \
             AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step)
        .bind(user.0)
        .execute(&self.write)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Replaces the user's recovery codes with `codes` (as the user types them, already made
    /// plain): only their SHA-256 is stored; the old codes stop working. Recorded in the account
    /// log as done by the user.
    pub async fn set_recovery_codes(
        &self,
        user: UserId,
        codes: &[String],
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        for code in codes {
            sqlx::query(
                "INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES ($1, $2, $3)",
            )
            .bind(user.0)
            .bind(chain::token_hash(code))
            .bind(Ts(now))
            .execute(&mut *tx)
            .await
            .map_err(|e| {
                if e.as_database_error()
                    .is_some_and(|d| d.is_foreign_key_violation())
                {
                    StoreError::NotFound(format!("user {user}"))
                } else {
                    e.into()
                }
            })?;
        }
        audit::record(
            &mut tx,
            Actor::User(user),
            user,
            AuditAction::RecoveryCodesMade,
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Uses one of the user's recovery codes (made plain as in [`Store::set_recovery_codes`]):
    /// it works once. `Some` with how many codes the user has left when it was one of theirs and
    /// unused (recorded in the account log), `None` otherwise.
    pub async fn use_recovery_code(
        &self,
        user: UserId,
        code: &str,
        now: Timestamp,
    ) -> Result<Option<u64>, StoreError> {
        let mut tx = self.write.begin().await?;
        let spent = sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1 AND code_hash = $2")
            .bind(user.0)
            .bind(chain::token_hash(code))
            .execute(&mut *tx)
            .await?;
        if spent.rows_affected() != 1 {
            return Ok(None);
        }
        let left: i64 = sqlx::query("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1")
            .bind(user.0)
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        audit::record(
            &mut tx,
            Actor::User(user),
            user,
            AuditAction::RecoveryCodeUsed,
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(u64::try_from(left).unwrap_or(0)))
    }

    /// How many unused recovery codes the user has.
    pub async fn recovery_codes_left(&self, user: UserId) -> Result<u64, StoreError> {
        let left: i64 = sqlx::query("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1")
            .bind(user.0)
            .fetch_one(&self.read)
            .await?
            .try_get(0)?;
        Ok(u64::try_from(left).unwrap_or(0))
    }

    /// Activates or deactivates an account, by `by`, recorded in the account log. Deactivating
    /// ends its sessions and revokes its API tokens and its calendar feed; activating again
    /// brings none of them back.
    pub async fn set_active(
        &self,
        user: UserId,
        active: bool,
        by: Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.recent_users.forget();
        let mut tx = self.write.begin().await?;
        let done = sqlx::query("UPDATE users SET active = $1 WHERE id = $2")
            .bind(Flag(active))
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("user {user}")));
        }
        if !active {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
            )
            .bind(Ts(now))
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE users SET calendar_token_hash = NULL WHERE id = $1")
                .bind(user.0)
                .execute(&mut *tx)
                .await?;
        }
        let action = if active {
            AuditAction::Activated
        } else {
            AuditAction::Deactivated
        };
        audit::record(&mut tx, by, user, action, None, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces the user's name and roles, by `by`; a change of roles is recorded in the account
    /// log. Nobody changes their own roles (`Invalid` on `roles`): otherwise an administrator
    /// could make themselves coordinator and read every dossier.
    pub async fn update_user_details(
        &self,
        user: UserId,
        name: &str,
        roles: &std::collections::BTreeSet<klacht_core::Role>,
        by: Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.recent_users.forget();
        let mut tx = self.write.begin().await?;
        let done = sqlx::query("UPDATE users SET name = $1 WHERE id = $2")
            .bind(name.trim().to_owned())
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("user {user}")));
        }
        let before = sqlx::query("SELECT role FROM user_roles WHERE user_id = $1")
            .bind(user.0)
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| {
                let role: String = r.try_get(0)?;
                klacht_core::Role::parse(&role)
                    .ok_or_else(|| StoreError::Corrupt(format!("unknown role {role:?}")))
            })
            .collect::<Result<std::collections::BTreeSet<_>, _>>()?;
        if &before == roles {
            tx.commit().await?;
            return Ok(());
        }
        if by == Actor::User(user) {
            return Err(StoreError::Invalid {
                field: "roles".into(),
                message: "nobody changes their own roles; another administrator does".into(),
            });
        }
        sqlx::query("DELETE FROM user_roles WHERE user_id = $1")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        for role in roles {
            sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
                .bind(user.0)
                .bind(role.as_str())
                .execute(&mut *tx)
                .await?;
        }
        audit::record(
            &mut tx,
            by,
            user,
            AuditAction::Roles,
            Some(audit::roles_detail(Some(&before), roles)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The language of the user's notifications.
    pub async fn set_language(&self, user: UserId, lang: Lang) -> Result<(), StoreError> {
        self.recent_users.forget();
        self.update_user(
            "UPDATE users SET language = $1 WHERE id = $2",
            Arg::Text(lang.code().to_owned()),
            user,
        )
        .await
    }

    async fn update_user(
        &self,
        sql: &'static str,
        arg: Arg,
        user: UserId,
    ) -> Result<(), StoreError> {
        let q = bind_all(sqlx::query(sql), vec![arg]);
        let done = q.bind(user.0).execute(&self.write).await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("user {user}")));
        }
        Ok(())
    }

    // --- Calendar feed --------------------------------------------------------------------------

    /// Makes a new secret calendar-feed token for `user` (the old feed URL stops working).
    pub async fn new_calendar_token(&self, user: UserId) -> Result<String, StoreError> {
        let token = random_token();
        self.update_user(
            "UPDATE users SET calendar_token_hash = $1 WHERE id = $2",
            Arg::Text(chain::token_hash(&token)),
            user,
        )
        .await?;
        Ok(token)
    }

    /// Stops the user's calendar feed.
    pub async fn revoke_calendar_token(&self, user: UserId) -> Result<(), StoreError> {
        self.update_user(
            "UPDATE users SET calendar_token_hash = $1 WHERE id = $2",
            Arg::Null,
            user,
        )
        .await
    }

    /// Whether the user has a calendar feed.
    pub async fn has_calendar(&self, user: UserId) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT calendar_token_hash IS NOT NULL FROM users WHERE id = $1")
            .bind(user.0)
            .fetch_optional(&self.read)
            .await?;
        match row {
            Some(r) => truth(&r, 0),
            None => Ok(false),
        }
    }

    /// The (active) user whose calendar feed this token opens.
    pub async fn user_by_calendar_token(&self, token: &str) -> Result<Option<User>, StoreError> {
        let row = sqlx::query("SELECT id FROM users WHERE calendar_token_hash = $1")
            .bind(chain::token_hash(token))
            .fetch_optional(&self.read)
            .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(self
            .user(UserId(row.try_get(0)?))
            .await?
            .filter(|u| u.active))
    }

    // --- One-time account links -------------------------------------------------------------------

    /// Whether any account exists (the setup link works only while none does).
    pub async fn has_users(&self) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) FROM users")
            .fetch_one(&self.read)
            .await?;
        Ok(row.try_get::<i64, _>(0)? > 0)
    }

    /// Makes a one-time link token, good for `ttl`. A new setup link replaces older ones; a new
    /// password link replaces the user's older ones.
    pub async fn create_account_link(
        &self,
        user: Option<UserId>,
        purpose: LinkPurpose,
        ttl: SignedDuration,
        now: Timestamp,
    ) -> Result<String, StoreError> {
        let token = random_token();
        let mut tx = self.write.begin().await?;
        match user {
            Some(u) => {
                sqlx::query("DELETE FROM account_links WHERE user_id = $1 AND purpose = $2")
                    .bind(u.0)
                    .bind(purpose.as_str())
                    .execute(&mut *tx)
                    .await?
            }
            None => {
                sqlx::query("DELETE FROM account_links WHERE user_id IS NULL AND purpose = $1")
                    .bind(purpose.as_str())
                    .execute(&mut *tx)
                    .await?
            }
        };
        sqlx::query(
            "INSERT INTO account_links (token_hash, user_id, purpose, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(chain::token_hash(&token))
        .bind(user.map(|u| u.0))
        .bind(purpose.as_str())
        .bind(Ts(now))
        .bind(Ts(after(now, ttl)))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// A new set-your-password link for `user`, made by `by` (replacing the user's older ones),
    /// recorded in the account log.
    pub async fn create_password_link(
        &self,
        user: UserId,
        by: Actor,
        ttl: SignedDuration,
        now: Timestamp,
    ) -> Result<String, StoreError> {
        let token = random_token();
        let mut tx = self.write.begin().await?;
        sqlx::query("DELETE FROM account_links WHERE user_id = $1 AND purpose = 'password'")
            .bind(user.0)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO account_links (token_hash, user_id, purpose, created_at, expires_at) \
             VALUES ($1, $2, 'password', $3, $4)",
        )
        .bind(chain::token_hash(&token))
        .bind(user.0)
        .bind(Ts(now))
        .bind(Ts(after(now, ttl)))
        .execute(&mut *tx)
        .await
        .map_err(|e| {
            if e.as_database_error()
                .is_some_and(|d| d.is_foreign_key_violation())
            {
                StoreError::NotFound(format!("user {user}"))
            } else {
                e.into()
            }
        })?;
        audit::record(&mut tx, by, user, AuditAction::PasswordLink, None, now).await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The link with this token, if it is unused and unexpired.
    pub async fn account_link(
        &self,
        token: &str,
        now: Timestamp,
    ) -> Result<Option<AccountLink>, StoreError> {
        let row = sqlx::query(
            "SELECT user_id, purpose, expires_at FROM account_links \
             WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(chain::token_hash(token))
        .bind(Ts(now))
        .fetch_optional(&self.read)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let purpose = match row.try_get::<String, _>(1)?.as_str() {
            "setup" => LinkPurpose::Setup,
            "password" => LinkPurpose::Password,
            other => return Err(StoreError::Corrupt(format!("link purpose {other:?}"))),
        };
        // A setup link is good only while there is nobody: otherwise the page would offer a
        // form that `use_setup_link` then refuses.
        if purpose == LinkPurpose::Setup && self.has_users().await? {
            return Ok(None);
        }
        Ok(Some(AccountLink {
            user: row.try_get::<Option<i64>, _>(0)?.map(UserId),
            purpose,
            expires_at: row.try_get::<Ts, _>(2)?.0,
        }))
    }

    /// Uses the setup link: creates the first account, in one transaction with spending the
    /// link, and only while no account exists. `NotFound` when the link is not (or no longer)
    /// good.
    pub async fn use_setup_link(
        &self,
        token: &str,
        new: &NewUser,
        now: Timestamp,
    ) -> Result<UserId, StoreError> {
        self.recent_users.forget();
        let mut tx = self.write.begin().await?;
        if let Some(lock) = dialect::LOCK_USERS {
            // Under READ COMMITTED the count below does not see a first user that another
            // transaction (a second setup link, `create_user`) is inserting; this lock waits for
            // such a transaction, and makes it wait for this one, so there is one first user.
            // SQLite needs nothing: the UPDATE below already holds its single write lock.
            sqlx::query(lock).execute(&mut *tx).await?;
        }
        let spent = sqlx::query(
            "UPDATE account_links SET used_at = $1 WHERE token_hash = $2 AND purpose = 'setup' \
             AND used_at IS NULL AND expires_at > $1",
        )
        .bind(Ts(now))
        .bind(chain::token_hash(token))
        .execute(&mut *tx)
        .await?;
        let users: i64 = sqlx::query("SELECT COUNT(*) FROM users")
            .fetch_one(&mut *tx)
            .await?
            .try_get(0)?;
        if spent.rows_affected() != 1 || users > 0 {
            return Err(StoreError::NotFound(
                "a setup link that is still good".into(),
            ));
        }
        let id = super::users::insert_user(&mut tx, new, now).await?;
        // The first coordinator makes their own account, roles and password.
        audit::record(
            &mut tx,
            Actor::User(id),
            id,
            AuditAction::Created,
            Some(audit::roles_detail(None, &new.roles)),
            now,
        )
        .await?;
        audit::record(
            &mut tx,
            Actor::User(id),
            id,
            AuditAction::PasswordSet,
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Uses a password link: sets the user's password in one transaction with spending the link,
    /// and ends their sessions. Returns the user. `NotFound` when the link is not good.
    pub async fn use_password_link(
        &self,
        token: &str,
        password_hash: &str,
        now: Timestamp,
    ) -> Result<UserId, StoreError> {
        let mut tx = self.write.begin().await?;
        let row = sqlx::query(
            "UPDATE account_links SET used_at = $1 WHERE token_hash = $2 AND purpose = 'password' \
             AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
        )
        .bind(Ts(now))
        .bind(chain::token_hash(token))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(user) = row
            .map(|r| r.try_get::<Option<i64>, _>(0))
            .transpose()?
            .flatten()
        else {
            return Err(StoreError::NotFound(
                "a password link that is still good".into(),
            ));
        };
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash.to_owned())
            .bind(user)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            Actor::User(UserId(user)),
            UserId(user),
            AuditAction::PasswordSet,
            None,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(UserId(user))
    }
}
