//! What somebody asks to do with a complaint.

use super::event::{
    Complainant, ComplainantHearing, Document, ExternalOutcome, Level, Via, WaiverGround,
};
use crate::types::{Channel, Lang, Outcome, Reference, UserId};
use jiff::Timestamp;
use jiff::civil::Date;

/// A new complaint, from the public form or registered by staff (T2, T4, T20).
#[derive(Debug, Clone, PartialEq)]
pub struct NewComplaint {
    pub channel: Channel,
    pub received_at: Timestamp,
    pub received_by: Option<UserId>,
    pub received_where: Option<String>,
    pub concerns: Option<UserId>,
    pub relation: Option<String>,
    pub complainant: Complainant,
    pub on_behalf_of: Option<String>,
    pub description: String,
    pub language: Lang,
    /// Received and settled at once, and how (T4).
    pub resolved_directly: Option<String>,
    /// Documents that came with the complaint (already stored by content address).
    pub documents: Vec<Document>,
}

/// Who a complaint is about, as staff give it (T8, K3, K5).
#[derive(Debug, Clone, PartialEq)]
pub enum ConcernsInput {
    /// A staff member with an account.
    Staff(UserId),
    /// A person without an account: their name, and if known their role and how to reach them.
    Person {
        name: String,
        role: Option<String>,
        contact: Option<String>,
    },
}

/// A step of the procedure on an existing complaint.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Acknowledge {
        via: Via,
        note: Option<String>,
    },
    Assign {
        handler: UserId,
    },
    /// Record or change who the complaint is about; `None` for nobody in particular.
    RecordConcerns {
        about: Option<ConcernsInput>,
    },
    /// K5: a person without an account is told as `via` says (required for them); a staff member
    /// by a notice.
    InformInvolved {
        note: Option<String>,
        via: Option<Via>,
    },
    RecordHearing {
        summary: String,
        held_on: Option<Date>,
    },
    /// Awb 9:10: the complainant's hearing offered, held or waived (with the ground of lid 2),
    /// on `on` (today when not given), with an optional note.
    RecordComplainantHearing {
        hearing: ComplainantHearing,
        on: Option<Date>,
        ground: Option<WaiverGround>,
        note: Option<String>,
    },
    /// Issue 18: the complainant went to `body` (an id of the profile's `external_bodies`) on
    /// `on` (today when not given), after the internal handling.
    ReferOutside {
        body: String,
        on: Option<Date>,
    },
    /// What the body outside found; `body` names the referral when there are several pending.
    RecordExternalOutcome {
        body: Option<String>,
        outcome: ExternalOutcome,
        on: Option<Date>,
        summary: Option<String>,
    },
    RecordContact {
        via: Via,
        on: Option<Date>,
        summary: String,
        agreements: Option<String>,
        measures_communicated: bool,
    },
    AddNote {
        text: String,
    },
    AttachDocument {
        document: Document,
    },
    Extend {
        deadline: String,
        new_due: Date,
        reason: String,
        consent: bool,
    },
    Escalate {
        to: Level,
        reason: String,
    },
    /// Record why a very serious or sensitive complaint is not escalated (T9, T18).
    EscalationNotNeeded {
        reason: String,
    },
    ReferToCommittee {
        reason: String,
    },
    Classify {
        categories: Vec<String>,
        severity: Option<String>,
        sensitive: bool,
        relation: Option<String>,
    },
    RecordMeasure {
        description: String,
    },
    Decide {
        outcome: Outcome,
        decision: String,
        via: Via,
    },
    /// K11. `involved_signed_on`: the person concerned has no account and signed on paper on
    /// that date; the coordinator records it on their behalf.
    SignOff {
        involved_signed_on: Option<Date>,
    },
    Close,
    Withdraw {
        reason: Option<String>,
    },
    Reopen {
        reason: String,
    },
    /// The coordinator's short summary of this complaint for the board's list of exceptional
    /// complaints (T13, K13) and the annual report (T15): written for the report, so that the
    /// report never shows the complaint's own text.
    WriteReportSummary {
        text: String,
    },
    /// Hold the complaint back from anonymisation, with the reason (an external procedure, a
    /// legal claim).
    PlaceHold {
        reason: String,
    },
    LiftHold {
        reason: Option<String>,
    },
    /// Erase the complaint's personal data now (AVG art. 17), with the reason.
    Anonymise {
        reason: String,
    },
    /// Correct a detail of the complainant at their request (AVG art. 16).
    Rectify {
        field: crate::subject::Field,
        value: String,
    },
    /// This complaint is the same complaint as `of`, which arrived twice (by mail and by the
    /// form, say): it joins `of`'s dossier and is no longer handled or counted by itself (T12).
    MarkDuplicate {
        of: Reference,
    },
    /// This complaint and `with` are related (the same matter, the same complainant): both
    /// dossiers show the link.
    LinkRelated {
        with: Reference,
        note: Option<String>,
    },
    UnlinkRelated {
        with: Reference,
    },
}

/// The steps, by their names in the API (`POST /api/v1/complaints/{reference}/{action}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Acknowledge,
    Assign,
    RecordConcerns,
    InformInvolved,
    RecordHearing,
    RecordContact,
    AddNote,
    AttachDocument,
    Extend,
    Escalate,
    EscalationNotNeeded,
    ReferToCommittee,
    Classify,
    RecordMeasure,
    Decide,
    SignOff,
    Close,
    Withdraw,
    Reopen,
    ReportSummary,
    PlaceHold,
    LiftHold,
    Anonymise,
    Rectify,
    MarkDuplicate,
    LinkRelated,
    UnlinkRelated,
    RecordComplainantHearing,
    ReferOutside,
    RecordExternalOutcome,
}

impl Action {
    pub const ALL: [Action; 30] = [
        Action::Acknowledge,
        Action::Assign,
        Action::RecordConcerns,
        Action::InformInvolved,
        Action::RecordHearing,
        Action::RecordComplainantHearing,
        Action::RecordContact,
        Action::AddNote,
        Action::AttachDocument,
        Action::Extend,
        Action::Escalate,
        Action::EscalationNotNeeded,
        Action::ReferToCommittee,
        Action::Classify,
        Action::RecordMeasure,
        Action::Decide,
        Action::SignOff,
        Action::Close,
        Action::Withdraw,
        Action::Reopen,
        Action::ReportSummary,
        Action::PlaceHold,
        Action::LiftHold,
        Action::Anonymise,
        Action::Rectify,
        Action::MarkDuplicate,
        Action::LinkRelated,
        Action::UnlinkRelated,
        Action::ReferOutside,
        Action::RecordExternalOutcome,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Action::Acknowledge => "acknowledge",
            Action::Assign => "assign",
            Action::RecordConcerns => "record-concerns",
            Action::InformInvolved => "inform-involved",
            Action::RecordHearing => "record-hearing",
            Action::RecordContact => "record-contact",
            Action::AddNote => "add-note",
            Action::AttachDocument => "attach-document",
            Action::Extend => "extend",
            Action::Escalate => "escalate",
            Action::EscalationNotNeeded => "escalation-not-needed",
            Action::ReferToCommittee => "refer-to-committee",
            Action::Classify => "classify",
            Action::RecordMeasure => "record-measure",
            Action::Decide => "decide",
            Action::SignOff => "sign-off",
            Action::Close => "close",
            Action::Withdraw => "withdraw",
            Action::Reopen => "reopen",
            Action::ReportSummary => "report-summary",
            Action::PlaceHold => "hold",
            Action::LiftHold => "lift-hold",
            Action::Anonymise => "anonymise",
            Action::Rectify => "rectify",
            Action::MarkDuplicate => "mark-duplicate",
            Action::LinkRelated => "link-related",
            Action::UnlinkRelated => "unlink-related",
            Action::RecordComplainantHearing => "record-complainant-hearing",
            Action::ReferOutside => "refer-outside",
            Action::RecordExternalOutcome => "record-external-outcome",
        }
    }

    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == s)
    }

    /// How the step reaches the complainant when staff do not say: the acknowledgement (T5)
    /// and the decision (K7) by e-mail, a contact with the complainant (K6) by phone. `None` for
    /// the steps that reach no one that way (they take no `via`).
    pub fn default_via(self) -> Option<Via> {
        match self {
            Action::Acknowledge | Action::Decide => Some(Via::Email),
            Action::RecordContact => Some(Via::Phone),
            Action::Assign
            | Action::RecordConcerns
            | Action::InformInvolved
            | Action::RecordHearing
            | Action::AddNote
            | Action::AttachDocument
            | Action::Extend
            | Action::Escalate
            | Action::EscalationNotNeeded
            | Action::ReferToCommittee
            | Action::Classify
            | Action::RecordMeasure
            | Action::SignOff
            | Action::Close
            | Action::Withdraw
            | Action::Reopen
            | Action::ReportSummary
            | Action::PlaceHold
            | Action::LiftHold
            | Action::Anonymise
            | Action::Rectify
            | Action::MarkDuplicate
            | Action::LinkRelated
            | Action::UnlinkRelated
            | Action::RecordComplainantHearing
            | Action::ReferOutside
            | Action::RecordExternalOutcome => None,
        }
    }
}

impl Command {
    pub fn action(&self) -> Action {
        match self {
            Command::Acknowledge { .. } => Action::Acknowledge,
            Command::Assign { .. } => Action::Assign,
            Command::RecordConcerns { .. } => Action::RecordConcerns,
            Command::InformInvolved { .. } => Action::InformInvolved,
            Command::RecordHearing { .. } => Action::RecordHearing,
            Command::RecordContact { .. } => Action::RecordContact,
            Command::AddNote { .. } => Action::AddNote,
            Command::AttachDocument { .. } => Action::AttachDocument,
            Command::Extend { .. } => Action::Extend,
            Command::Escalate { .. } => Action::Escalate,
            Command::EscalationNotNeeded { .. } => Action::EscalationNotNeeded,
            Command::ReferToCommittee { .. } => Action::ReferToCommittee,
            Command::Classify { .. } => Action::Classify,
            Command::RecordMeasure { .. } => Action::RecordMeasure,
            Command::Decide { .. } => Action::Decide,
            Command::SignOff { .. } => Action::SignOff,
            Command::Close => Action::Close,
            Command::Withdraw { .. } => Action::Withdraw,
            Command::Reopen { .. } => Action::Reopen,
            Command::WriteReportSummary { .. } => Action::ReportSummary,
            Command::PlaceHold { .. } => Action::PlaceHold,
            Command::LiftHold { .. } => Action::LiftHold,
            Command::Anonymise { .. } => Action::Anonymise,
            Command::Rectify { .. } => Action::Rectify,
            Command::MarkDuplicate { .. } => Action::MarkDuplicate,
            Command::LinkRelated { .. } => Action::LinkRelated,
            Command::UnlinkRelated { .. } => Action::UnlinkRelated,
            Command::RecordComplainantHearing { .. } => Action::RecordComplainantHearing,
            Command::ReferOutside { .. } => Action::ReferOutside,
            Command::RecordExternalOutcome { .. } => Action::RecordExternalOutcome,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t05_k7_acknowledgement_and_decision_go_by_email_unless_staff_say_otherwise() {
        assert_eq!(Action::Acknowledge.default_via(), Some(Via::Email));
        assert_eq!(Action::Decide.default_via(), Some(Via::Email));
    }

    #[test]
    fn k6_a_contact_with_the_complainant_is_by_phone_unless_staff_say_otherwise() {
        assert_eq!(Action::RecordContact.default_via(), Some(Via::Phone));
    }

    #[test]
    fn steps_that_take_no_via_have_no_default() {
        let with: Vec<Action> = Action::ALL
            .into_iter()
            .filter(|a| a.default_via().is_some())
            .collect();
        assert_eq!(
            with,
            [Action::Acknowledge, Action::RecordContact, Action::Decide]
        );
    }

    #[test]
    fn via_names_are_the_stored_ones() {
        for via in [
            Via::Email,
            Via::Letter,
            Via::Phone,
            Via::InPerson,
            Via::StatusPage,
        ] {
            assert_eq!(
                serde_json::to_value(via).ok(),
                Some(serde_json::Value::String(via.as_str().to_owned()))
            );
        }
        assert_eq!(
            Via::STAFF.map(Via::as_str),
            ["email", "letter", "phone", "in_person"]
        );
    }
}
