//! The account log: every change of roles, activation and deactivation, password link, password
//! and second factor, with who did it to whom and when. Written in the same transaction as the
//! change it records, so there is no change without its line. Nothing changes or removes a line.

use crate::{Store, StoreError, from_micros, micros};
use jiff::Timestamp;
use klacht_core::{Role, UserId};
use sqlx::Row;
use std::collections::BTreeSet;

/// Who made a change to an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// A signed-in user (an administrator, or the person themselves).
    User(UserId),
    /// The server's operator, through the `klacht` command line.
    Operator,
}

impl Actor {
    fn id(self) -> Option<i64> {
        match self {
            Actor::User(u) => Some(u.0),
            Actor::Operator => None,
        }
    }
}

/// What happened to an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    /// The account was made, with its first roles.
    Created,
    /// Its roles changed.
    Roles,
    Activated,
    Deactivated,
    /// A set-your-password link was made and mailed to the person (or printed for the operator).
    PasswordLink,
    /// The password was set (through a link or on the account page).
    PasswordSet,
    /// Someone else cleared the second factor: the person enrols again at the next sign-in.
    SecondFactorReset,
    SecondFactorEnrolled,
    /// The person removed their own second factor (where their roles do not require one).
    SecondFactorRemoved,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Created => "created",
            AuditAction::Roles => "roles",
            AuditAction::Activated => "activated",
            AuditAction::Deactivated => "deactivated",
            AuditAction::PasswordLink => "password_link",
            AuditAction::PasswordSet => "password_set",
            AuditAction::SecondFactorReset => "second_factor_reset",
            AuditAction::SecondFactorEnrolled => "second_factor_enrolled",
            AuditAction::SecondFactorRemoved => "second_factor_removed",
        }
    }

    pub fn parse(s: &str) -> Option<AuditAction> {
        [
            AuditAction::Created,
            AuditAction::Roles,
            AuditAction::Activated,
            AuditAction::Deactivated,
            AuditAction::PasswordLink,
            AuditAction::PasswordSet,
            AuditAction::SecondFactorReset,
            AuditAction::SecondFactorEnrolled,
            AuditAction::SecondFactorRemoved,
        ]
        .into_iter()
        .find(|a| a.as_str() == s)
    }
}

/// One line of the account log, with the names as they are now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: Timestamp,
    pub actor: Actor,
    /// The actor's name; `None` for the operator.
    pub actor_name: Option<String>,
    pub subject: UserId,
    pub subject_name: String,
    pub subject_email: String,
    pub action: AuditAction,
    /// For [`AuditAction::Roles`]: the roles before.
    pub roles_before: Option<BTreeSet<Role>>,
    /// For [`AuditAction::Created`] and [`AuditAction::Roles`]: the roles after.
    pub roles_after: Option<BTreeSet<Role>>,
}

fn codes(roles: &BTreeSet<Role>) -> Vec<&'static str> {
    roles.iter().map(|r| r.as_str()).collect()
}

/// The `detail` of a change of roles (or of the first roles, `before` = `None`).
pub(crate) fn roles_detail(before: Option<&BTreeSet<Role>>, after: &BTreeSet<Role>) -> String {
    let mut v = serde_json::Map::new();
    if let Some(b) = before {
        v.insert("before".into(), serde_json::json!(codes(b)));
    }
    v.insert("after".into(), serde_json::json!(codes(after)));
    serde_json::Value::Object(v).to_string()
}

fn parse_roles(
    detail: &serde_json::Value,
    key: &str,
) -> Result<Option<BTreeSet<Role>>, StoreError> {
    let Some(list) = detail.get(key).and_then(|l| l.as_array()) else {
        return Ok(None);
    };
    list.iter()
        .map(|r| {
            r.as_str()
                .and_then(Role::parse)
                .ok_or_else(|| StoreError::Corrupt(format!("account log role {r}")))
        })
        .collect::<Result<BTreeSet<_>, _>>()
        .map(Some)
}

/// Writes one line inside `tx`.
pub(crate) async fn record(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    by: Actor,
    subject: UserId,
    action: AuditAction,
    detail: Option<String>,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO account_audit (at, actor_id, subject_id, action, detail) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(micros(now))
    .bind(by.id())
    .bind(subject.0)
    .bind(action.as_str())
    .bind(detail)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// The account log, newest first: up to `limit` lines older than line `before` (all when
    /// `None`).
    pub async fn account_audit(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT a.id, a.at, a.actor_id, actor.name, a.subject_id, s.name, s.email, a.action, a.detail \
             FROM account_audit a \
             JOIN users s ON s.id = a.subject_id \
             LEFT JOIN users actor ON actor.id = a.actor_id \
             WHERE a.id < $1 ORDER BY a.id DESC LIMIT $2",
        )
        .bind(before.unwrap_or(i64::MAX))
        .bind(i64::from(limit))
        .fetch_all(&self.read)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let action: String = r.try_get(7)?;
            let detail = match r.try_get::<Option<String>, _>(8)? {
                Some(d) => serde_json::from_str(&d)
                    .map_err(|e| StoreError::Corrupt(format!("account log detail: {e}")))?,
                None => serde_json::Value::Null,
            };
            out.push(AuditEntry {
                id: r.try_get(0)?,
                at: from_micros(r.try_get(1)?)?,
                actor: match r.try_get::<Option<i64>, _>(2)? {
                    Some(id) => Actor::User(UserId(id)),
                    None => Actor::Operator,
                },
                actor_name: r.try_get(3)?,
                subject: UserId(r.try_get(4)?),
                subject_name: r.try_get(5)?,
                subject_email: r.try_get(6)?,
                action: AuditAction::parse(&action)
                    .ok_or_else(|| StoreError::Corrupt(format!("account log action {action:?}")))?,
                roles_before: parse_roles(&detail, "before")?,
                roles_after: parse_roles(&detail, "after")?,
            });
        }
        Ok(out)
    }
}
