//! The account log: every change of roles, activation and deactivation, password link, password
//! and second factor, with who did it to whom and when. Written in the same transaction as the
//! change it records, so there is no change without its line. Nothing changes or removes a line.

use super::{Json, Ts, Tx};
use crate::Store;
use klacht_store::*;
use sqlx::Row;

use jiff::Timestamp;
use klacht_core::{Role, UserId};
use std::collections::BTreeSet;

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
    tx: &mut Tx<'_>,
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
    .bind(Ts(now))
    .bind(by.id())
    .bind(subject.0)
    .bind(action.as_str())
    .bind(detail.map(Json))
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
            let detail = match r.try_get::<Option<Json>, _>(8)? {
                Some(Json(d)) => serde_json::from_str(&d)
                    .map_err(|e| StoreError::Corrupt(format!("account log detail: {e}")))?,
                None => serde_json::Value::Null,
            };
            out.push(AuditEntry {
                id: r.try_get(0)?,
                at: r.try_get::<Ts, _>(1)?.0,
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
