//! A staff member's step on a complaint, as it comes in: a request per action, each with only
//! its own fields ([`ActionRequest`]), and the command it makes, with every missing or bad field
//! named.

use crate::input::{line_field, text_field};
use crate::{App, AppError, FieldProblem, Problem};
use base64::Engine;
use jiff::civil::Date;
use klacht_core::procedure::{
    Action, Command, ComplainantHearing, ConcernsInput, Document, ExternalOutcome, Level, Via,
    WaiverGround,
};
use klacht_core::{Outcome, UserId};
use serde::Deserialize;

/// Largest document accepted through a step.
const MAX_DOCUMENT: usize = 10 * 1024 * 1024;

/// The longest texts a step takes, by field.
const NOTE: usize = 10_000;
const SUMMARY: usize = 20_000;
const TEXT: usize = 20_000;
const REASON: usize = 5_000;
const DESCRIPTION: usize = 10_000;
const DECISION: usize = 50_000;

/// One step of the procedure: `POST /api/v1/complaints/{reference}/{action}`, the body of the
/// action in the path. Each action takes its own fields, and every action takes
/// `expected_version`: the dossier's `version` you acted on; if the complaint changed since, the
/// step is refused with 409 and nothing is stored.
#[derive(Debug, Clone)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), serde(untagged))]
pub enum ActionRequest {
    Acknowledge(AcknowledgeRequest),
    Assign(AssignRequest),
    /// `record-concerns`: who the complaint is about (T8, K3).
    RecordConcerns(ConcernsRequest),
    InformInvolved(NoteRequest),
    RecordHearing(HearingRequest),
    /// `record-complainant-hearing` (Awb 9:10): the complainant's hearing offered, held or
    /// waived (with the ground of lid 2).
    RecordComplainantHearing(ComplainantHearingRequest),
    /// `refer-outside` (issue 18): the complainant went to a body outside the organisation.
    ReferOutside(ReferralRequest),
    /// `record-external-outcome` (issue 18): what that body found.
    RecordExternalOutcome(ExternalOutcomeRequest),
    RecordContact(ContactRequest),
    AddNote(TextRequest),
    AttachDocument(DocumentRequest),
    Extend(ExtendRequest),
    Escalate(EscalateRequest),
    /// `escalation-not-needed`: why (required) a very serious or sensitive complaint does not
    /// go to the board (T9, T18).
    EscalationNotNeeded(ReasonRequest),
    ReferToCommittee(ReasonRequest),
    Classify(ClassifyRequest),
    RecordMeasure(MeasureRequest),
    Decide(DecideRequest),
    SignOff(SignOffRequest),
    Close(VersionRequest),
    Withdraw(ReasonRequest),
    Reopen(ReasonRequest),
    ReportSummary(TextRequest),
    /// `hold`: the reason (required) a closed complaint is held back from anonymisation.
    Hold(ReasonRequest),
    /// `lift-hold`: the hold ends, with an optional reason.
    LiftHold(ReasonRequest),
    /// `anonymise`: the reason (required) a closed complaint's personal data is erased now.
    Anonymise(ReasonRequest),
    /// `rectify`: a detail of the complainant corrected at their request (AVG art. 16).
    Rectify(RectifyRequest),
    /// `mark-duplicate`: this complaint arrived twice; `of` is the other one (the original).
    MarkDuplicate(DuplicateRequest),
    /// `link-related`: this complaint and `with` are related, with an optional note.
    LinkRelated(RelatedRequest),
    /// `unlink-related`: the link with `with` is removed.
    UnlinkRelated(UnlinkRequest),
}

/// `mark-duplicate`: the reference of the complaint this one duplicates (e.g. `2026-0042`).
/// This one joins it: closed as a duplicate, left out of the reports' counts.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DuplicateRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    /// Required: the original complaint's reference.
    #[serde(default)]
    pub of: Option<String>,
}

/// `link-related`: the reference of a related complaint, and why they are related.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RelatedRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    /// Required: the other complaint's reference.
    #[serde(default)]
    pub with: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// `unlink-related`: the reference of the complaint no longer linked.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UnlinkRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    /// Required: the other complaint's reference.
    #[serde(default)]
    pub with: Option<String>,
}

impl Checked for DuplicateRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        line_field(&mut problems, "of", &self.of, false, 20);
        problems
    }
}
impl Checked for RelatedRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        line_field(&mut problems, "with", &self.with, false, 20);
        text_field(&mut problems, "note", &self.note, false, NOTE);
        problems
    }
}
impl Checked for UnlinkRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        line_field(&mut problems, "with", &self.with, false, 20);
        problems
    }
}

/// A complaint's reference in field `name`: required, and spelled as one (`2026-0042`).
fn reference(
    errors: &mut Vec<FieldProblem>,
    name: &str,
    v: &Option<String>,
) -> klacht_core::Reference {
    let given = need(errors, name, v);
    if given.is_empty() {
        return klacht_core::Reference::new(0, 0);
    }
    match klacht_core::Reference::parse(&given) {
        Some(r) => r,
        None => {
            errors.push(
                FieldProblem::new(
                    name,
                    format!("{given:?} is not a complaint reference (like 2026-0042)"),
                )
                .nl(format!("{given:?} is geen klachtnummer (zoals 2026-0042).")),
            );
            klacht_core::Reference::new(0, 0)
        }
    }
}

/// `rectify`: which detail (`name`, `email`, `phone`, `address`, `date_of_birth`,
/// `on_behalf_of`) and its correct value (blank clears an optional detail).
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RectifyRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    #[serde(default)]
    pub field: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
}

impl Checked for RectifyRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        line_field(&mut problems, "value", &self.value, false, 500);
        problems
    }
}

/// `acknowledge`: how the acknowledgement went out (default email) and a note.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcknowledgeRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    /// email, letter, phone or in_person.
    #[serde(default)]
    pub via: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// `assign`: the handler, by e-mail (a handler or coordinator).
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    #[serde(default)]
    pub handler: Option<String>,
}

/// `record-concerns`: who the complaint is about from now on (T8, K3). Exactly one of: `staff`
/// (a staff member, by e-mail), `name` (a person without an account, with `role` and `contact`
/// if known), or `nobody`: true.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConcernsRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    /// A staff member's e-mail address.
    #[serde(default)]
    pub staff: Option<String>,
    /// The name of a person without an account (a volunteer without a login).
    #[serde(default)]
    pub name: Option<String>,
    /// Their role or function, e.g. "vrijwilliger spreekuur".
    #[serde(default)]
    pub role: Option<String>,
    /// How to reach them.
    #[serde(default)]
    pub contact: Option<String>,
    /// The complaint is about nobody in particular.
    #[serde(default)]
    pub nobody: Option<bool>,
}

/// `inform-involved`: a note; for a person without an account (they get no notice), `via`:
/// how they were told (email, letter, phone or in_person), required for them.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NoteRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    #[serde(default)]
    pub note: Option<String>,
    /// For a person without an account: email, letter, phone or in_person.
    #[serde(default)]
    pub via: Option<String>,
}

/// `sign-off` (K11). `involved_signed_on`: the person concerned has no account and signed the
/// registration form on paper on that date; the coordinator records it on their behalf.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignOffRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub involved_signed_on: Option<Date>,
}

/// `record-hearing`: what was said, and when.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HearingRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    /// Required.
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub held_on: Option<Date>,
}

/// `record-complainant-hearing` (Awb 9:10): `hearing` is `offered`, `held` or `waived`; `on`
/// the day (default today, never in the future); `ground` is required with `waived` and only
/// then: `manifestly_unfounded`, `not_wished` or `no_answer` (Awb 9:10 lid 2).
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ComplainantHearingRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    /// Required: offered, held or waived.
    #[serde(default)]
    pub hearing: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub on: Option<Date>,
    /// With waived: manifestly_unfounded, not_wished or no_answer.
    #[serde(default)]
    pub ground: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// `refer-outside` (issue 18): `body` is the id of one of the regulation's external bodies (e.g.
/// `nationale_ombudsman`); `on` the day the complainant went there (default today). The last day
/// they could go there is computed from the body's period.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReferralRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    /// Required.
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub on: Option<Date>,
}

/// `record-external-outcome` (issue 18): `outcome` is `upheld`, `partly_upheld`, `not_upheld` or
/// `not_dealt_with`; `on` its date (default today); `body` only when the complaint is with
/// several bodies at once.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExternalOutcomeRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    #[serde(default)]
    pub body: Option<String>,
    /// Required.
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub on: Option<Date>,
    #[serde(default)]
    pub summary: Option<String>,
}

/// `record-contact`: a contact with the complainant (default by phone).
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    /// email, letter, phone or in_person.
    #[serde(default)]
    pub via: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub on: Option<Date>,
    /// Required.
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub agreements: Option<String>,
    #[serde(default)]
    pub measures_communicated: Option<bool>,
}

/// `add-note`, `report-summary`: a text.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TextRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    /// Required.
    #[serde(default)]
    pub text: Option<String>,
}

/// `attach-document`: a document, base64-encoded (at most 10 MiB).
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DocumentRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    #[serde(default)]
    pub filename: Option<String>,
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(default)]
    pub content_base64: Option<String>,
}

/// `extend`: a deadline's new due date, why, and whether the complainant agreed.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExtendRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    /// The deadline's id, e.g. `answer`.
    #[serde(default)]
    pub deadline: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub new_due: Option<Date>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub consent: Option<bool>,
}

/// `escalate`: to the director or the board, and why.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EscalateRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    /// director or board.
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// `refer-to-committee`, `reopen` (a reason required), `withdraw` (a reason if given).
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReasonRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// `classify`: categories (the profile's ids), severity, sensitivity, the relation.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClassifyRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    #[serde(default)]
    pub categories: Option<Vec<String>>,
    #[serde(default)]
    pub severity: Option<String>,
    #[serde(default)]
    pub sensitive: Option<bool>,
    #[serde(default)]
    pub relation: Option<String>,
}

/// `record-measure`: what was done about it.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MeasureRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    #[serde(default)]
    pub description: Option<String>,
}

/// `decide`: the outcome, the decision's text, and how it went out (default email).
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DecideRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    /// gegrond, deels_gegrond, ongegrond, niet_ontvankelijk or opgelost.
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub decision: Option<String>,
    /// email, letter, phone or in_person.
    #[serde(default)]
    pub via: Option<String>,
}

/// `close`: nothing but the version.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VersionRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
}

/// The problems of a request's texts: each named text at most so long, without control
/// characters; a filename a single line.
fn texts(fields: &[(&str, &Option<String>, usize)]) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    for (name, value, max) in fields {
        text_field(&mut problems, name, value, false, *max);
    }
    problems
}

/// Every request's checks of its texts (what each action needs, [`command`] checks).
pub trait Checked {
    fn problems(&self) -> Vec<FieldProblem>;
}

impl Checked for AcknowledgeRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        texts(&[("note", &self.note, NOTE)])
    }
}
impl Checked for AssignRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        Vec::new()
    }
}
impl Checked for ConcernsRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        for (name, value) in [
            ("staff", &self.staff),
            ("name", &self.name),
            ("role", &self.role),
            ("contact", &self.contact),
        ] {
            line_field(&mut problems, name, value, false, 200);
        }
        problems
    }
}
impl Checked for SignOffRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        Vec::new()
    }
}
impl Checked for NoteRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        texts(&[("note", &self.note, NOTE)])
    }
}
impl Checked for HearingRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        texts(&[("summary", &self.summary, SUMMARY)])
    }
}
impl Checked for ComplainantHearingRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        texts(&[("note", &self.note, NOTE)])
    }
}
impl Checked for ReferralRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        line_field(&mut problems, "body", &self.body, false, 40);
        problems
    }
}
impl Checked for ExternalOutcomeRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = texts(&[("summary", &self.summary, SUMMARY)]);
        line_field(&mut problems, "body", &self.body, false, 40);
        problems
    }
}
impl Checked for ContactRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        texts(&[
            ("summary", &self.summary, SUMMARY),
            ("agreements", &self.agreements, NOTE),
        ])
    }
}
impl Checked for TextRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        texts(&[("text", &self.text, TEXT)])
    }
}
impl Checked for DocumentRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        let mut problems = Vec::new();
        line_field(&mut problems, "filename", &self.filename, false, 255);
        problems
    }
}
impl Checked for ExtendRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        texts(&[("reason", &self.reason, REASON)])
    }
}
impl Checked for EscalateRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        texts(&[("reason", &self.reason, REASON)])
    }
}
impl Checked for ReasonRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        texts(&[("reason", &self.reason, REASON)])
    }
}
impl Checked for ClassifyRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        Vec::new()
    }
}
impl Checked for MeasureRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        texts(&[("description", &self.description, DESCRIPTION)])
    }
}
impl Checked for DecideRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        texts(&[("decision", &self.decision, DECISION)])
    }
}
impl Checked for VersionRequest {
    fn problems(&self) -> Vec<FieldProblem> {
        Vec::new()
    }
}

impl ActionRequest {
    /// The request of `action` without any field (a step sent without a body).
    pub fn empty(action: Action) -> ActionRequest {
        match action {
            Action::Acknowledge => ActionRequest::Acknowledge(AcknowledgeRequest::default()),
            Action::Assign => ActionRequest::Assign(AssignRequest::default()),
            Action::RecordConcerns => ActionRequest::RecordConcerns(ConcernsRequest::default()),
            Action::InformInvolved => ActionRequest::InformInvolved(NoteRequest::default()),
            Action::RecordHearing => ActionRequest::RecordHearing(HearingRequest::default()),
            Action::RecordComplainantHearing => {
                ActionRequest::RecordComplainantHearing(ComplainantHearingRequest::default())
            }
            Action::ReferOutside => ActionRequest::ReferOutside(ReferralRequest::default()),
            Action::RecordExternalOutcome => {
                ActionRequest::RecordExternalOutcome(ExternalOutcomeRequest::default())
            }
            Action::RecordContact => ActionRequest::RecordContact(ContactRequest::default()),
            Action::AddNote => ActionRequest::AddNote(TextRequest::default()),
            Action::AttachDocument => ActionRequest::AttachDocument(DocumentRequest::default()),
            Action::Extend => ActionRequest::Extend(ExtendRequest::default()),
            Action::Escalate => ActionRequest::Escalate(EscalateRequest::default()),
            Action::ReferToCommittee => ActionRequest::ReferToCommittee(ReasonRequest::default()),
            Action::EscalationNotNeeded => {
                ActionRequest::EscalationNotNeeded(ReasonRequest::default())
            }
            Action::Classify => ActionRequest::Classify(ClassifyRequest::default()),
            Action::RecordMeasure => ActionRequest::RecordMeasure(MeasureRequest::default()),
            Action::Decide => ActionRequest::Decide(DecideRequest::default()),
            Action::SignOff => ActionRequest::SignOff(SignOffRequest::default()),
            Action::Close => ActionRequest::Close(VersionRequest::default()),
            Action::Withdraw => ActionRequest::Withdraw(ReasonRequest::default()),
            Action::Reopen => ActionRequest::Reopen(ReasonRequest::default()),
            Action::ReportSummary => ActionRequest::ReportSummary(TextRequest::default()),
            Action::PlaceHold => ActionRequest::Hold(ReasonRequest::default()),
            Action::LiftHold => ActionRequest::LiftHold(ReasonRequest::default()),
            Action::Anonymise => ActionRequest::Anonymise(ReasonRequest::default()),
            Action::Rectify => ActionRequest::Rectify(RectifyRequest::default()),
            Action::MarkDuplicate => ActionRequest::MarkDuplicate(DuplicateRequest::default()),
            Action::LinkRelated => ActionRequest::LinkRelated(RelatedRequest::default()),
            Action::UnlinkRelated => ActionRequest::UnlinkRelated(UnlinkRequest::default()),
        }
    }

    /// The action this request is for.
    pub fn action(&self) -> Action {
        match self {
            ActionRequest::Acknowledge(_) => Action::Acknowledge,
            ActionRequest::Assign(_) => Action::Assign,
            ActionRequest::RecordConcerns(_) => Action::RecordConcerns,
            ActionRequest::InformInvolved(_) => Action::InformInvolved,
            ActionRequest::RecordHearing(_) => Action::RecordHearing,
            ActionRequest::RecordComplainantHearing(_) => Action::RecordComplainantHearing,
            ActionRequest::ReferOutside(_) => Action::ReferOutside,
            ActionRequest::RecordExternalOutcome(_) => Action::RecordExternalOutcome,
            ActionRequest::RecordContact(_) => Action::RecordContact,
            ActionRequest::AddNote(_) => Action::AddNote,
            ActionRequest::AttachDocument(_) => Action::AttachDocument,
            ActionRequest::Extend(_) => Action::Extend,
            ActionRequest::Escalate(_) => Action::Escalate,
            ActionRequest::ReferToCommittee(_) => Action::ReferToCommittee,
            ActionRequest::EscalationNotNeeded(_) => Action::EscalationNotNeeded,
            ActionRequest::Classify(_) => Action::Classify,
            ActionRequest::RecordMeasure(_) => Action::RecordMeasure,
            ActionRequest::Decide(_) => Action::Decide,
            ActionRequest::SignOff(_) => Action::SignOff,
            ActionRequest::Close(_) => Action::Close,
            ActionRequest::Withdraw(_) => Action::Withdraw,
            ActionRequest::Reopen(_) => Action::Reopen,
            ActionRequest::ReportSummary(_) => Action::ReportSummary,
            ActionRequest::Hold(_) => Action::PlaceHold,
            ActionRequest::LiftHold(_) => Action::LiftHold,
            ActionRequest::Anonymise(_) => Action::Anonymise,
            ActionRequest::Rectify(_) => Action::Rectify,
            ActionRequest::MarkDuplicate(_) => Action::MarkDuplicate,
            ActionRequest::LinkRelated(_) => Action::LinkRelated,
            ActionRequest::UnlinkRelated(_) => Action::UnlinkRelated,
        }
    }

    /// The dossier's version the step was taken on, if the request says.
    pub fn expected_version(&self) -> Option<u64> {
        match self {
            ActionRequest::Acknowledge(r) => r.expected_version,
            ActionRequest::Assign(r) => r.expected_version,
            ActionRequest::RecordConcerns(r) => r.expected_version,
            ActionRequest::InformInvolved(r) => r.expected_version,
            ActionRequest::RecordHearing(r) => r.expected_version,
            ActionRequest::RecordComplainantHearing(r) => r.expected_version,
            ActionRequest::ReferOutside(r) => r.expected_version,
            ActionRequest::RecordExternalOutcome(r) => r.expected_version,
            ActionRequest::RecordContact(r) => r.expected_version,
            ActionRequest::AddNote(r) | ActionRequest::ReportSummary(r) => r.expected_version,
            ActionRequest::AttachDocument(r) => r.expected_version,
            ActionRequest::Extend(r) => r.expected_version,
            ActionRequest::Escalate(r) => r.expected_version,
            ActionRequest::ReferToCommittee(r)
            | ActionRequest::EscalationNotNeeded(r)
            | ActionRequest::Withdraw(r)
            | ActionRequest::Reopen(r)
            | ActionRequest::Hold(r)
            | ActionRequest::LiftHold(r)
            | ActionRequest::Anonymise(r) => r.expected_version,
            ActionRequest::Classify(r) => r.expected_version,
            ActionRequest::RecordMeasure(r) => r.expected_version,
            ActionRequest::Decide(r) => r.expected_version,
            ActionRequest::SignOff(r) => r.expected_version,
            ActionRequest::Close(r) => r.expected_version,
            ActionRequest::Rectify(r) => r.expected_version,
            ActionRequest::MarkDuplicate(r) => r.expected_version,
            ActionRequest::LinkRelated(r) => r.expected_version,
            ActionRequest::UnlinkRelated(r) => r.expected_version,
        }
    }

    /// Every problem of the request's texts, named.
    pub fn problems(&self) -> Vec<FieldProblem> {
        match self {
            ActionRequest::Acknowledge(r) => r.problems(),
            ActionRequest::Assign(r) => r.problems(),
            ActionRequest::RecordConcerns(r) => r.problems(),
            ActionRequest::InformInvolved(r) => r.problems(),
            ActionRequest::RecordHearing(r) => r.problems(),
            ActionRequest::RecordComplainantHearing(r) => r.problems(),
            ActionRequest::ReferOutside(r) => r.problems(),
            ActionRequest::RecordExternalOutcome(r) => r.problems(),
            ActionRequest::RecordContact(r) => r.problems(),
            ActionRequest::AddNote(r) | ActionRequest::ReportSummary(r) => r.problems(),
            ActionRequest::AttachDocument(r) => r.problems(),
            ActionRequest::Extend(r) => r.problems(),
            ActionRequest::Escalate(r) => r.problems(),
            ActionRequest::ReferToCommittee(r)
            | ActionRequest::EscalationNotNeeded(r)
            | ActionRequest::Withdraw(r)
            | ActionRequest::Reopen(r)
            | ActionRequest::Hold(r)
            | ActionRequest::LiftHold(r)
            | ActionRequest::Anonymise(r) => r.problems(),
            ActionRequest::Classify(r) => r.problems(),
            ActionRequest::RecordMeasure(r) => r.problems(),
            ActionRequest::Decide(r) => r.problems(),
            ActionRequest::SignOff(r) => r.problems(),
            ActionRequest::Close(r) => r.problems(),
            ActionRequest::Rectify(r) => r.problems(),
            ActionRequest::MarkDuplicate(r) => r.problems(),
            ActionRequest::LinkRelated(r) => r.problems(),
            ActionRequest::UnlinkRelated(r) => r.problems(),
        }
    }
}

/// The way given, else the procedure's default for `action` ([`Action::default_via`]).
fn via(v: Option<&str>, action: Action, errors: &mut Vec<FieldProblem>) -> Via {
    let default = match action.default_via() {
        Some(default) => default,
        None => {
            // Only the steps with a default take a `via`: this is never reached.
            errors.push(
                FieldProblem::new("via", "this step takes no via")
                    .nl("Bij deze stap hoort geen manier van versturen."),
            );
            Via::Email
        }
    };
    match v {
        None => default,
        Some("email") => Via::Email,
        Some("letter") => Via::Letter,
        Some("phone") => Via::Phone,
        Some("in_person") => Via::InPerson,
        Some(_) => {
            errors.push(
                FieldProblem::new("via", "expected email, letter, phone or in_person")
                    .nl("Kies hoe het gaat: per e-mail, per brief, per telefoon of persoonlijk."),
            );
            default
        }
    }
}

/// A way given where a step takes one only sometimes (`inform-involved`).
fn optional_via(v: Option<&str>, errors: &mut Vec<FieldProblem>) -> Option<Via> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some("email") => Some(Via::Email),
        Some("letter") => Some(Via::Letter),
        Some("phone") => Some(Via::Phone),
        Some("in_person") => Some(Via::InPerson),
        Some(_) => {
            errors.push(FieldProblem::new(
                "via",
                "expected email, letter, phone or in_person",
            ));
            None
        }
    }
}

fn need(errors: &mut Vec<FieldProblem>, name: &str, v: &Option<String>) -> String {
    match v.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => s.to_owned(),
        _ => {
            // Typed, so that each page says it in its own language ("Vul dit in.").
            errors.push(FieldProblem::of(name, Problem::Required));
            String::new()
        }
    }
}

/// Turns a step's request into a command, naming every missing or bad field. With
/// `attach-document`, also the document's bytes: they are stored only once the step is allowed
/// ([`crate::complaints::take_step`] with the file), never for a request that is refused.
pub async fn command(
    app: &App,
    request: ActionRequest,
) -> Result<(Command, Option<Vec<u8>>), AppError> {
    let mut file = None;
    let mut e = request.problems();
    let cmd = match request {
        ActionRequest::Acknowledge(r) => Command::Acknowledge {
            via: via(r.via.as_deref(), Action::Acknowledge, &mut e),
            note: r.note,
        },
        ActionRequest::Assign(r) => {
            let email = need(&mut e, "handler", &r.handler);
            let handler = if email.is_empty() {
                UserId(0)
            } else {
                match app.store.user_by_email(&email).await? {
                    Some(u) => u.id,
                    None => {
                        e.push(
                            FieldProblem::new(
                                "handler",
                                format!("no staff member with e-mail {email}"),
                            )
                            .nl(format!(
                                "Er is geen medewerker met het e-mailadres {email}."
                            )),
                        );
                        UserId(0)
                    }
                }
            };
            Command::Assign { handler }
        }
        ActionRequest::RecordConcerns(r) => {
            let given = |o: &Option<String>| {
                o.as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
            };
            let (staff, name) = (given(&r.staff), given(&r.name));
            let nobody = r.nobody.unwrap_or(false);
            let chosen =
                usize::from(staff.is_some()) + usize::from(name.is_some()) + usize::from(nobody);
            let about = if chosen != 1 {
                e.push(FieldProblem::new(
                    "staff",
                    "give exactly one of staff (an e-mail address), name (a person without an account) or nobody: true",
                ));
                None
            } else if let Some(email) = staff {
                match app.store.user_by_email(&email).await? {
                    Some(u) => Some(ConcernsInput::Staff(u.id)),
                    None => {
                        e.push(FieldProblem::new(
                            "staff",
                            format!("no staff member with e-mail {email}"),
                        ));
                        None
                    }
                }
            } else {
                name.map(|name| ConcernsInput::Person {
                    name,
                    role: given(&r.role),
                    contact: given(&r.contact),
                })
            };
            Command::RecordConcerns { about }
        }
        ActionRequest::InformInvolved(r) => Command::InformInvolved {
            note: r.note,
            via: optional_via(r.via.as_deref(), &mut e),
        },
        ActionRequest::RecordHearing(r) => Command::RecordHearing {
            summary: need(&mut e, "summary", &r.summary),
            held_on: r.held_on,
        },
        ActionRequest::RecordComplainantHearing(r) => {
            let hearing = match r.hearing.as_deref().map(str::trim) {
                Some(h) if !h.is_empty() => match ComplainantHearing::parse(h) {
                    Some(h) => h,
                    None => {
                        e.push(
                            FieldProblem::new("hearing", "expected offered, held or waived")
                                .nl("Kies: aangeboden, gehoord of afgezien van horen."),
                        );
                        ComplainantHearing::Offered
                    }
                },
                _ => {
                    e.push(FieldProblem::of("hearing", Problem::Required));
                    ComplainantHearing::Offered
                }
            };
            let ground = match r.ground.as_deref().map(str::trim) {
                Some(g) if !g.is_empty() => match WaiverGround::parse(g) {
                    Some(g) => Some(g),
                    None => {
                        e.push(
                            FieldProblem::new(
                                "ground",
                                "expected manifestly_unfounded, not_wished or no_answer",
                            )
                            .nl("Kies een van de redenen om van horen af te zien."),
                        );
                        None
                    }
                },
                _ => None,
            };
            Command::RecordComplainantHearing {
                hearing,
                on: r.on,
                ground,
                note: r.note,
            }
        }
        ActionRequest::ReferOutside(r) => Command::ReferOutside {
            body: need(&mut e, "body", &r.body),
            on: r.on,
        },
        ActionRequest::RecordExternalOutcome(r) => {
            let outcome = match r.outcome.as_deref().map(str::trim) {
                Some(o) if !o.is_empty() => match ExternalOutcome::parse(o) {
                    Some(o) => o,
                    None => {
                        e.push(
                            FieldProblem::new(
                                "outcome",
                                "expected upheld, partly_upheld, not_upheld or not_dealt_with",
                            )
                            .nl("Kies een van de uitkomsten."),
                        );
                        ExternalOutcome::NotDealtWith
                    }
                },
                _ => {
                    e.push(FieldProblem::of("outcome", Problem::Required));
                    ExternalOutcome::NotDealtWith
                }
            };
            Command::RecordExternalOutcome {
                body: r.body,
                outcome,
                on: r.on,
                summary: r.summary,
            }
        }
        ActionRequest::RecordContact(r) => Command::RecordContact {
            via: via(r.via.as_deref(), Action::RecordContact, &mut e),
            on: r.on,
            summary: need(&mut e, "summary", &r.summary),
            agreements: r.agreements,
            measures_communicated: r.measures_communicated.unwrap_or(false),
        },
        ActionRequest::AddNote(r) => Command::AddNote {
            text: need(&mut e, "text", &r.text),
        },
        ActionRequest::AttachDocument(r) => {
            let filename = need(&mut e, "filename", &r.filename);
            let content_type = need(&mut e, "content_type", &r.content_type);
            let data = need(&mut e, "content_base64", &r.content_base64);
            let bytes = match base64::engine::general_purpose::STANDARD.decode(data.as_bytes()) {
                Ok(b) => b,
                Err(_) if data.is_empty() => Vec::new(),
                Err(_) => {
                    e.push(FieldProblem::new("content_base64", "is not valid base64"));
                    Vec::new()
                }
            };
            if bytes.len() > MAX_DOCUMENT {
                e.push(FieldProblem::new(
                    "content_base64",
                    format!(
                        "the document is larger than {} MiB",
                        MAX_DOCUMENT / (1024 * 1024)
                    ),
                ));
            }
            if !data.is_empty() && bytes.is_empty() && e.is_empty() {
                e.push(FieldProblem::new("content_base64", "the document is empty"));
            }
            if !e.is_empty() {
                return Err(AppError::Invalid(e));
            }
            let document = Document {
                sha256: crate::documents::address(&bytes),
                filename: klacht_core::Personal::new(filename),
                content_type,
                size: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
            };
            file = Some(bytes);
            Command::AttachDocument { document }
        }
        ActionRequest::Extend(r) => {
            let deadline = need(&mut e, "deadline", &r.deadline);
            if r.new_due.is_none() {
                e.push(
                    FieldProblem::new("new_due", "is required (YYYY-MM-DD)")
                        .nl("Vul de nieuwe datum in."),
                );
            }
            Command::Extend {
                deadline,
                new_due: r.new_due.unwrap_or_default(),
                reason: need(&mut e, "reason", &r.reason),
                consent: r.consent.unwrap_or(false),
            }
        }
        ActionRequest::Escalate(r) => {
            let to = match r.to.as_deref() {
                Some("director") => Level::Director,
                Some("board") => Level::Board,
                _ => {
                    e.push(
                        FieldProblem::new("to", "expected director or board")
                            .nl("Kies de directeur of het bestuur."),
                    );
                    Level::Director
                }
            };
            Command::Escalate {
                to,
                reason: need(&mut e, "reason", &r.reason),
            }
        }
        ActionRequest::ReferToCommittee(r) => Command::ReferToCommittee {
            reason: need(&mut e, "reason", &r.reason),
        },
        ActionRequest::EscalationNotNeeded(r) => Command::EscalationNotNeeded {
            reason: need(&mut e, "reason", &r.reason),
        },
        ActionRequest::Classify(r) => {
            if r.categories.is_none() {
                e.push(
                    FieldProblem::new("categories", "is required: a list of category ids")
                        .nl("Kies ten minste één categorie."),
                );
            }
            Command::Classify {
                categories: r.categories.unwrap_or_default(),
                severity: r.severity,
                sensitive: r.sensitive.unwrap_or(false),
                relation: r.relation,
            }
        }
        ActionRequest::RecordMeasure(r) => Command::RecordMeasure {
            description: need(&mut e, "description", &r.description),
        },
        ActionRequest::Decide(r) => {
            let outcome = match r.outcome.as_deref().map(Outcome::parse) {
                Some(Some(o)) => o,
                _ => {
                    e.push(
                        FieldProblem::new(
                            "outcome",
                            "expected gegrond, deels_gegrond, ongegrond, niet_ontvankelijk or opgelost",
                        )
                        .nl("Kies een van de uitkomsten."),
                    );
                    Outcome::Gegrond
                }
            };
            Command::Decide {
                outcome,
                decision: need(&mut e, "decision", &r.decision),
                via: via(r.via.as_deref(), Action::Decide, &mut e),
            }
        }
        ActionRequest::SignOff(r) => Command::SignOff {
            involved_signed_on: r.involved_signed_on,
        },
        ActionRequest::Close(_) => Command::Close,
        ActionRequest::Withdraw(r) => Command::Withdraw { reason: r.reason },
        ActionRequest::Reopen(r) => Command::Reopen {
            reason: need(&mut e, "reason", &r.reason),
        },
        ActionRequest::ReportSummary(r) => Command::WriteReportSummary {
            text: need(&mut e, "text", &r.text),
        },
        ActionRequest::Hold(r) => Command::PlaceHold {
            reason: need(&mut e, "reason", &r.reason),
        },
        ActionRequest::LiftHold(r) => Command::LiftHold { reason: r.reason },
        ActionRequest::Anonymise(r) => Command::Anonymise {
            reason: need(&mut e, "reason", &r.reason),
        },
        ActionRequest::Rectify(r) => {
            let field = match r.field.as_deref().map(klacht_core::subject::Field::parse) {
                Some(Some(f)) => f,
                _ => {
                    e.push(FieldProblem::new(
                        "field",
                        "expected name, email, phone, address, date_of_birth or on_behalf_of",
                    ));
                    klacht_core::subject::Field::Name
                }
            };
            Command::Rectify {
                field,
                value: r.value.unwrap_or_default(),
            }
        }
        ActionRequest::MarkDuplicate(r) => Command::MarkDuplicate {
            of: reference(&mut e, "of", &r.of),
        },
        ActionRequest::LinkRelated(r) => Command::LinkRelated {
            with: reference(&mut e, "with", &r.with),
            note: r.note,
        },
        ActionRequest::UnlinkRelated(r) => Command::UnlinkRelated {
            with: reference(&mut e, "with", &r.with),
        },
    };
    if e.is_empty() {
        Ok((cmd, file))
    } else {
        Err(AppError::Invalid(e))
    }
}
