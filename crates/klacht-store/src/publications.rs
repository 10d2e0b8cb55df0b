//! Publishing the annual report (issue 18; T15, Awb 9:12a): the coordinator's reviews of its
//! free texts, and the publications of a year with the report as published.

use jiff::Timestamp;
use klacht_core::UserId;

/// The longest report snapshot a publication stores (bytes of JSON).
pub const MAX_PUBLISHED_REPORT: usize = 4 * 1024 * 1024;

/// The review of one free text of a year's annual report, as that exact text (its digest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextReview {
    pub year: i16,
    /// Where the text sits (see `klacht_core::publication::FreeText::item`).
    pub item: String,
    /// The SHA-256 (hex) of the text that was reviewed.
    pub text_hash: String,
    /// Fit for publication.
    pub fit: bool,
    pub reviewed_by: UserId,
    pub reviewed_by_name: String,
    pub reviewed_at: Timestamp,
}

/// One publication of a year's annual report, with the report as published (JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    pub id: i64,
    pub year: i16,
    /// The published report as its JSON text (a snapshot made at publication).
    pub report: String,
    pub published_by: UserId,
    pub published_by_name: String,
    pub published_at: Timestamp,
    /// Who withdrew it and when; `None` while it is public.
    pub withdrawn: Option<(UserId, String, Timestamp)>,
}

impl Publication {
    /// Public now: not withdrawn.
    pub fn is_public(&self) -> bool {
        self.withdrawn.is_none()
    }
}
