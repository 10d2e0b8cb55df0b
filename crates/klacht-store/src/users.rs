//! Staff accounts, roles and API tokens.
//!
//! The types; the SQL that stores and reads them is `sql/users.rs`.

use klacht_core::procedure::Staff;
use klacht_core::{Lang, Role, UserId};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub roles: BTreeSet<Role>,
    pub absent: bool,
    pub password_hash: Option<String>,
    /// A deactivated account cannot sign in or act; it still names who did what.
    pub active: bool,
    /// Has enrolled a second factor (TOTP).
    pub totp: bool,
    /// The language of their notifications.
    pub language: Lang,
}

impl User {
    /// The user as the procedure engine sees them. A deactivated account counts as absent, so
    /// that a deputy acts in its place (T17).
    pub fn staff(&self) -> Staff {
        Staff {
            id: self.id,
            name: self.name.clone(),
            roles: self.roles.clone(),
            absent: self.absent || !self.active,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub roles: BTreeSet<Role>,
    pub password_hash: Option<String>,
}
