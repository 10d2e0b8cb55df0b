//! The regulation's versions as stored (T16): drafts, and adopted versions with who adopted them,
//! when, and the date they take effect. Which version is in force on a day is klacht-core's
//! (`klacht_core::profile::versions`); who may draft and adopt, the application's.
//!
//! The types; the SQL is `sql/profiles.rs`.

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_core::UserId;

/// Where a version stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionState {
    /// Saved, not (yet) adopted: in force nowhere.
    Draft,
    /// Adopted: in force from its adoption date.
    Adopted,
}

impl VersionState {
    pub fn as_str(self) -> &'static str {
        match self {
            VersionState::Draft => "draft",
            VersionState::Adopted => "adopted",
        }
    }

    pub fn parse(s: &str) -> Option<VersionState> {
        match s {
            "draft" => Some(VersionState::Draft),
            "adopted" => Some(VersionState::Adopted),
            _ => None,
        }
    }
}

/// A stored version, without its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionRow {
    pub id: i64,
    /// The profile's `name` and `version`.
    pub name: String,
    pub version: String,
    /// The date it takes effect (the profile's `adopted_on`).
    pub adopted_on: Date,
    pub state: VersionState,
    /// When it was first stored.
    pub created_at: Timestamp,
    /// `None`: the operator (`serve --profile`, `profile import`).
    pub created_by: Option<UserId>,
    /// When its adoption was recorded (adopted versions).
    pub adopted_at: Option<Timestamp>,
    /// `None` for an adopted version: the operator.
    pub adopted_by: Option<UserId>,
    pub note: Option<String>,
}

/// What storing a version did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stored {
    pub id: i64,
    /// `false`: a version with the very same text was stored before; `id` is that one's.
    pub created: bool,
    /// Its state now.
    pub state: VersionState,
}
