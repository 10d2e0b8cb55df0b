//! Signing in to the back office: sessions, the second factor, one-time account links (the first
//! coordinator's setup link, set-your-password links), the secret calendar feed, and the changes
//! to an account that the account log records.
//!
//! Secrets handed to a browser or a person (session tokens, link tokens, feed tokens) are kept
//! only as their SHA-256, so a copy of the database opens nothing. The TOTP secret, which the
//! server must read back, is sealed with the key kept outside the database ([`SecretKey`]).
//! (Failed sign-ins are throttled by the web layer, per address and account, not here.)
//!
//! The types; the SQL that stores and reads them is `sql/accounts.rs`.

use crate::users::User;

use jiff::{SignedDuration, Timestamp};
use klacht_core::UserId;

/// How long sessions last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionTimes {
    /// A session ends after this long without a request.
    pub idle: SignedDuration,
    /// … and after this long in any case.
    pub absolute: SignedDuration,
}

impl Default for SessionTimes {
    fn default() -> Self {
        SessionTimes {
            idle: SignedDuration::from_hours(2),
            absolute: SignedDuration::from_hours(12),
        }
    }
}

/// A session as created: the token goes into the cookie, the CSRF token into every form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token: String,
    pub csrf: String,
}

/// A live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    pub csrf: String,
    /// The password was right; the second factor is still to come.
    pub pending_totp: bool,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// What a one-time account link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    /// Creates the first coordinator; good only while there are no users.
    Setup,
    /// Lets its user set a (new) password.
    Password,
}

impl LinkPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Setup => "setup",
            LinkPurpose::Password => "password",
        }
    }
}

/// A one-time link that is still good.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountLink {
    pub user: Option<UserId>,
    pub purpose: LinkPurpose,
    pub expires_at: Timestamp,
}

/// What [`AccountStore::seal_totp_secrets`](crate::traits::AccountStore::seal_totp_secrets) found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SealReport {
    /// Secrets that were stored in plain text and are sealed now.
    pub sealed: u64,
    /// Users whose sealed secret does not open with this key (made with another key): they
    /// cannot pass the second factor until it is reset.
    pub unreadable: Vec<UserId>,
}
