//! Staff accounts, roles and API tokens.

use super::{Arg, DbRow, Flag, Ts, Tx, bind_all};
use crate::Store;
use klacht_store::*;
use sqlx::Row;

use jiff::Timestamp;
use klacht_core::procedure::Org;
use klacht_core::{Lang, Role, UserId};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long [`Store::recent_users`] serves a list it read.
pub const RECENT: Duration = Duration::from_secs(1);

/// The list [`Store::recent_users`] serves, shared by the store's clones.
#[derive(Debug, Clone, Default)]
pub(crate) struct Recent(Arc<Mutex<Option<Read>>>);

/// A list of users and when it was read.
type Read = (Instant, Arc<Vec<User>>);

impl Recent {
    fn get(&self) -> Option<Arc<Vec<User>>> {
        let slot = self.0.lock().ok()?;
        let (at, users) = slot.as_ref()?;
        (at.elapsed() < RECENT).then(|| users.clone())
    }

    fn put(&self, users: Arc<Vec<User>>) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some((Instant::now(), users));
        }
    }

    /// A user was added or changed through this store: read again next time.
    pub(crate) fn forget(&self) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = None;
        }
    }
}

/// Inserts an account with its roles, inside `tx`.
pub(crate) async fn insert_user(
    tx: &mut Tx<'_>,
    new: &NewUser,
    now: Timestamp,
) -> Result<UserId, StoreError> {
    let email = normalise_email(&new.email);
    let row = sqlx::query(
        "INSERT INTO users (email, name, password_hash, absent, created_at) \
         VALUES ($1, $2, $3, FALSE, $4) RETURNING id",
    )
    .bind(email.clone())
    .bind(new.name.trim().to_owned())
    .bind(new.password_hash.clone())
    .bind(Ts(now))
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| {
        if StoreError::is_unique_violation(&e) {
            StoreError::Duplicate(format!("a user with e-mail {email}"))
        } else {
            e.into()
        }
    })?;
    let id: i64 = row.try_get(0)?;
    for role in &new.roles {
        sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
            .bind(id)
            .bind(role.as_str())
            .execute(&mut **tx)
            .await?;
    }
    Ok(UserId(id))
}

/// E-mail addresses compare without case.
pub(crate) fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

impl Store {
    pub async fn create_user(&self, new: &NewUser, now: Timestamp) -> Result<UserId, StoreError> {
        self.recent_users.forget();
        let mut tx = self.write.begin().await?;
        let id = insert_user(&mut tx, new, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// [`Store::create_user`] by `by` (an administrator, the operator), recorded in the account
    /// log with the roles given, in the same transaction.
    pub async fn create_user_by(
        &self,
        new: &NewUser,
        by: klacht_store::Actor,
        now: Timestamp,
    ) -> Result<UserId, StoreError> {
        self.recent_users.forget();
        let mut tx = self.write.begin().await?;
        let id = insert_user(&mut tx, new, now).await?;
        super::audit::record(
            &mut tx,
            by,
            id,
            AuditAction::Created,
            Some(super::audit::roles_detail(None, &new.roles)),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn users_where(&self, clause: &str, arg: Option<Arg>) -> Result<Vec<User>, StoreError> {
        let sql = format!(
            "SELECT u.id, u.email, u.name, u.absent, u.password_hash, r.role, u.active, \
             u.totp_secret IS NOT NULL, u.language \
             FROM users u LEFT JOIN user_roles r ON r.user_id = u.id {clause} ORDER BY u.id"
        );
        let q = bind_all(
            sqlx::query(sqlx::AssertSqlSafe(sql)),
            arg.into_iter().collect(),
        );
        let rows = q.fetch_all(&self.read).await?;
        let mut users: BTreeMap<i64, User> = BTreeMap::new();
        for row in rows {
            let id: i64 = row.try_get(0)?;
            let user = users.entry(id).or_insert(User {
                id: UserId(id),
                email: row.try_get(1)?,
                name: row.try_get(2)?,
                roles: BTreeSet::new(),
                absent: row.try_get::<Flag, _>(3)?.0,
                password_hash: row.try_get(4)?,
                active: row.try_get::<Flag, _>(6)?.0,
                totp: truth(&row, 7)?,
                language: Lang::parse(&row.try_get::<String, _>(8)?).unwrap_or(Lang::Nl),
            });
            if let Some(role) = row.try_get::<Option<String>, _>(5)? {
                let role = Role::parse(&role)
                    .ok_or_else(|| StoreError::Corrupt(format!("unknown role {role:?}")))?;
                user.roles.insert(role);
            }
        }
        Ok(users.into_values().collect())
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        // No address holds a NUL (PostgreSQL cannot even compare one): nobody has it.
        if email.contains('\0') {
            return Ok(None);
        }
        Ok(self
            .users_where(
                "WHERE u.email = $1",
                Some(Arg::Text(normalise_email(email))),
            )
            .await?
            .into_iter()
            .next())
    }

    pub async fn user(&self, id: UserId) -> Result<Option<User>, StoreError> {
        Ok(self
            .users_where("WHERE u.id = $1", Some(Arg::Int(id.0)))
            .await?
            .into_iter()
            .next())
    }

    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        self.users_where("", None).await
    }

    /// Every user, as read at most [`RECENT`] ago or since the last change made through this
    /// store. For the public intake, which needs the staff for every complaint (whom to tell):
    /// under load one read a second instead of one per complaint. What another instance
    /// changes shows within the second.
    pub async fn recent_users(&self) -> Result<Arc<Vec<User>>, StoreError> {
        if let Some(users) = self.recent_users.get() {
            return Ok(users);
        }
        let users = Arc::new(self.users().await?);
        self.recent_users.put(users.clone());
        Ok(users)
    }

    /// The staff as the procedure engine sees them.
    pub async fn org(&self) -> Result<Org, StoreError> {
        Ok(Org {
            staff: self.users().await?.iter().map(User::staff).collect(),
        })
    }

    /// Marks someone absent or present (T17: the deputy acts while the coordinator is absent).
    pub async fn set_absent(&self, user: UserId, absent: bool) -> Result<(), StoreError> {
        self.recent_users.forget();
        let done = sqlx::query("UPDATE users SET absent = $1 WHERE id = $2")
            .bind(Flag(absent))
            .bind(user.0)
            .execute(&self.write)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("user {user}")));
        }
        Ok(())
    }

    /// Creates an API token for `user` and returns it. Only its hash is stored.
    pub async fn create_token(&self, user: UserId, now: Timestamp) -> Result<String, StoreError> {
        let token = format!("klacht_{}", hex::encode(rand::random::<[u8; 32]>()));
        sqlx::query("INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3)")
            .bind(user.0)
            .bind(chain::token_hash(&token))
            .bind(Ts(now))
            .execute(&self.write)
            .await?;
        Ok(token)
    }

    /// The user a (not revoked) token belongs to.
    pub async fn user_by_token(&self, token: &str) -> Result<Option<User>, StoreError> {
        let row = sqlx::query(
            "SELECT user_id FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(chain::token_hash(token))
        .fetch_optional(&self.read)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let id: i64 = row.try_get(0)?;
        Ok(self.user(UserId(id)).await?.filter(|u| u.active))
    }
}

/// A boolean expression's value: SQLite answers an integer, PostgreSQL a boolean.
pub(crate) fn truth(row: &DbRow, i: usize) -> Result<bool, StoreError> {
    match row.try_get::<bool, _>(i) {
        Ok(b) => Ok(b),
        Err(_) => Ok(row.try_get::<i64, _>(i)? != 0),
    }
}
