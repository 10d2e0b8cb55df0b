//! The account log: every change of roles, activation and deactivation, password link, password
//! and second factor, with who did it to whom and when. Written in the same transaction as the
//! change it records, so there is no change without its line. Nothing changes or removes a line.
//!
//! The types; the SQL that stores and reads them is `sql/audit.rs`.

use jiff::Timestamp;
use klacht_core::{Role, UserId};
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
    pub fn id(self) -> Option<i64> {
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
    /// New recovery codes were made (with a new second factor, or on request): the old ones no
    /// longer work.
    RecoveryCodesMade,
    /// The person signed in with a recovery code instead of a code from their app.
    RecoveryCodeUsed,
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
            AuditAction::RecoveryCodesMade => "recovery_codes_made",
            AuditAction::RecoveryCodeUsed => "recovery_code_used",
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
            AuditAction::RecoveryCodesMade,
            AuditAction::RecoveryCodeUsed,
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
