//! What goes over the wire: request bodies (every field optional at the serde level, so that all
//! problems are reported together, then validated) and responses.

use crate::http::body::Validate;
use crate::http::error::FieldError;
use serde::Serialize;
use utoipa::ToSchema;

pub use klacht_app::intake::{PublicComplaint, StaffComplaint};
pub use klacht_app::steps::ActionRequest;
use klacht_app::steps::{
    AcknowledgeRequest, AssignRequest, Checked, ClassifyRequest, ComplainantHearingRequest,
    ConcernsRequest, ContactRequest, DecideRequest, DocumentRequest, DuplicateRequest,
    EscalateRequest, ExtendRequest, ExternalOutcomeRequest, HearingRequest, MeasureRequest,
    NoteRequest, ReasonRequest, RectifyRequest, ReferralRequest, RelatedRequest, SignOffRequest,
    TextRequest, UnlinkRequest, VersionRequest,
};

/// The request types of klacht-app, checked as it checks them when a body is read.
macro_rules! validated_by_app {
    ($($t:ty),*) => {$(
        impl Validate for $t {
            fn validate(&self, errors: &mut Vec<FieldError>) {
                errors.extend(self.problems().into_iter().map(FieldError::from));
            }
        }
    )*};
}
validated_by_app!(
    PublicComplaint,
    StaffComplaint,
    AcknowledgeRequest,
    AssignRequest,
    ConcernsRequest,
    NoteRequest,
    HearingRequest,
    ComplainantHearingRequest,
    ReferralRequest,
    ExternalOutcomeRequest,
    ContactRequest,
    TextRequest,
    DocumentRequest,
    ExtendRequest,
    EscalateRequest,
    ReasonRequest,
    ClassifyRequest,
    MeasureRequest,
    DecideRequest,
    VersionRequest,
    SignOffRequest,
    RectifyRequest,
    DuplicateRequest,
    RelatedRequest,
    UnlinkRequest
);

/// The answer to a submitted or registered complaint.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// The complaint's reference, e.g. `2026-0042`.
    pub reference: String,
    pub status: String,
    #[schema(value_type = String, format = DateTime)]
    pub received_at: jiff::Timestamp,
    /// Every deadline with its due date (YYYY-MM-DD), as the regulation sets it.
    pub deadlines: std::collections::BTreeMap<String, super::dossier::DeadlineOut>,
    /// The complainant's own page for this complaint (status, letters, adding information), a
    /// secret link: show it to the complainant only. Present for public submissions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_url: Option<String>,
    /// Letters sent with the registration, e.g. `["acknowledgement"]`.
    pub letters: Vec<String>,
}

/// A page of complaints.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListPage {
    pub items: Vec<ListEntry>,
    /// Pass as `after` to get the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ListEntry {
    pub reference: String,
    pub status: String,
    pub channel: String,
    #[schema(value_type = String, format = DateTime)]
    pub received_at: jiff::Timestamp,
    /// The earliest running deadline.
    #[schema(value_type = Option<String>, format = Date)]
    pub next_due: Option<jiff::civil::Date>,
    /// Whether that deadline has passed.
    pub overdue: bool,
    pub handler: Option<i64>,
    pub categories: Vec<String>,
    pub severity: Option<String>,
    pub sensitive: bool,
    pub escalation: Option<String>,
    pub outcome: Option<String>,
}
