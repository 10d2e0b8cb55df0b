//! What happened on a complaint. Events are appended, never changed (T12).

use crate::personal::Personal;
use crate::profile::Capacity;
use crate::types::{Actor, Channel, Form, Lang, Outcome, Reference, UserId};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One entry of the dossier's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub at: Timestamp,
    pub actor: Actor,
    pub body: EventBody,
}

/// A deadline's due date as set by an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueDate {
    pub id: String,
    /// `None` for a deadline that has not started (it runs from a later step).
    pub due: Option<Date>,
}

/// The complainant (NAW, T20; T19 contact details).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Complainant {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// K2: asked where the profile says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<Date>,
}

/// How something reached the complainant or came from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    Email,
    Letter,
    Phone,
    InPerson,
    /// The complainant's status page.
    StatusPage,
}

impl Via {
    /// The ways staff reach the complainant, in the order a step's form offers them.
    pub const STAFF: [Via; 4] = [Via::Email, Via::Letter, Via::Phone, Via::InPerson];

    /// As stored and sent (`email`, `letter`, `phone`, `in_person`, `status_page`).
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Email => "email",
            Via::Letter => "letter",
            Via::Phone => "phone",
            Via::InPerson => "in_person",
            Via::StatusPage => "status_page",
        }
    }
}

/// Escalation level (T9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Director,
    Board,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Director => "director",
            Level::Board => "board",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "director" => Some(Level::Director),
            "board" => Some(Level::Board),
            _ => None,
        }
    }
}

/// A document on the dossier. The file itself lives in the store's file area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Content address (SHA-256, hex) of the stored file.
    pub sha256: String,
    pub filename: Personal<String>,
    pub content_type: String,
    pub size: u64,
}

/// An e-mail from the complainant as the dossier keeps it (issue 17): who it came from and its
/// subject (personal data, erased with the rest), the message it was in the post intake, and
/// how it joined: by itself (a reply to a letter, or the reference from the complainant's
/// address) or added from the post tray by a staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailFacts {
    pub from: Personal<String>,
    pub subject: Personal<String>,
    /// The message in the post intake (`mail_in`).
    pub mail_in: i64,
    /// Added from the post tray by hand, not threaded by itself.
    #[serde(default)]
    pub by_hand: bool,
    /// What was left out (attachments over the limits, refused types), as "name (size)".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<String>,
}

/// A person the complaint is about who has no account (a volunteer without a login, K5): named
/// as staff recorded them. Personal data, so anonymisation erases it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutsidePerson {
    pub name: Personal<String>,
    /// Their role or function, e.g. "vrijwilliger spreekuur".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Personal<String>>,
    /// How to reach them (telephone, address, e-mail), as free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Personal<String>>,
}

/// Who the complaint is about (T8, K3, K5): a staff member with an account, or a person without.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Concerned {
    Staff { user: UserId },
    Person(OutsidePerson),
}

/// Where the hearing of the complainant stands (Awb 9:10): offered, held, or waived on one of
/// the grounds of lid 2. Not the hearing of the person complained about (K6,
/// [`EventBody::HearingRecorded`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplainantHearing {
    /// The complainant was given the opportunity to be heard; no answer yet.
    Offered,
    /// The complainant was heard.
    Held,
    /// No hearing, on a ground of Awb 9:10 lid 2.
    Waived,
}

impl ComplainantHearing {
    pub const ALL: [ComplainantHearing; 3] = [
        ComplainantHearing::Offered,
        ComplainantHearing::Held,
        ComplainantHearing::Waived,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ComplainantHearing::Offered => "offered",
            ComplainantHearing::Held => "held",
            ComplainantHearing::Waived => "waived",
        }
    }

    pub fn parse(s: &str) -> Option<ComplainantHearing> {
        ComplainantHearing::ALL
            .into_iter()
            .find(|h| h.as_str() == s)
    }
}

/// Why the complainant was not heard (Awb 9:10 lid 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaiverGround {
    /// (a) the complaint is manifestly unfounded.
    ManifestlyUnfounded,
    /// (b) the complainant said they do not wish to be heard.
    NotWished,
    /// (c) the complainant did not say within the term given that they wish to be heard.
    NoAnswer,
}

impl WaiverGround {
    pub const ALL: [WaiverGround; 3] = [
        WaiverGround::ManifestlyUnfounded,
        WaiverGround::NotWished,
        WaiverGround::NoAnswer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WaiverGround::ManifestlyUnfounded => "manifestly_unfounded",
            WaiverGround::NotWished => "not_wished",
            WaiverGround::NoAnswer => "no_answer",
        }
    }

    pub fn parse(s: &str) -> Option<WaiverGround> {
        WaiverGround::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// What a body outside the organisation found (issue 18), as its outcome is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExternalOutcome {
    /// The body found the complaint well-founded (gegrond).
    Upheld,
    PartlyUpheld,
    NotUpheld,
    /// The body did not deal with it (niet in behandeling genomen).
    NotDealtWith,
}

impl ExternalOutcome {
    pub const ALL: [ExternalOutcome; 4] = [
        ExternalOutcome::Upheld,
        ExternalOutcome::PartlyUpheld,
        ExternalOutcome::NotUpheld,
        ExternalOutcome::NotDealtWith,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExternalOutcome::Upheld => "upheld",
            ExternalOutcome::PartlyUpheld => "partly_upheld",
            ExternalOutcome::NotUpheld => "not_upheld",
            ExternalOutcome::NotDealtWith => "not_dealt_with",
        }
    }

    pub fn parse(s: &str) -> Option<ExternalOutcome> {
        ExternalOutcome::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// The registration: the first event of every complaint (T20, K9).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Registered {
    /// The profile version it is handled under (T16), `name@version`.
    pub profile: String,
    pub channel: Channel,
    pub form: Form,
    pub received_at: Timestamp,
    /// Who received it (T20); `None` for the web form.
    pub received_by: Option<UserId>,
    /// Where it was received (T20), e.g. "spreekuur".
    pub received_where: Option<Personal<String>>,
    /// The staff member the complaint is about (T8, K5).
    pub concerns: Option<UserId>,
    /// Relation to the organisation (T1).
    pub relation: Option<String>,
    pub complainant: Personal<Complainant>,
    /// The person on whose behalf the complaint is made (K1); the complainant fields then hold
    /// the representative.
    pub on_behalf_of: Option<Personal<String>>,
    pub description: Personal<String>,
    pub language: Lang,
    /// Every deadline of the profile, with its due date where it runs from receipt.
    pub deadlines: Vec<DueDate>,
}

/// Which letter of the regulation (T5, T6, T7, K7, and the satisfaction question).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    /// Ontvangstbevestiging (T5).
    Acknowledgement,
    /// Bericht van verlenging (T6).
    Extension,
    /// Beslissing, with the measures (T7, K7).
    Decision,
    /// Tevredenheidsvraag after closing.
    Satisfaction,
}

impl LetterKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LetterKind::Acknowledgement => "acknowledgement",
            LetterKind::Extension => "extension",
            LetterKind::Decision => "decision",
            LetterKind::Satisfaction => "satisfaction",
        }
    }
}

/// A letter to the complainant, with its full text as sent (T12). An e-mail is queued for
/// delivery in the same transaction; a letter by post is printed from the dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LetterRecord {
    pub letter: LetterKind,
    /// [`Via::Email`] or [`Via::Letter`].
    pub via: Via,
    /// The e-mail address, or the name and postal address.
    pub to: Personal<String>,
    pub subject: Personal<String>,
    /// The text as sent, except that a personal status link is replaced by a placeholder: the
    /// secret belongs to the complainant, not to everyone who reads the dossier.
    pub body: Personal<String>,
    pub language: Lang,
}

/// What happened. Serialised with `kind`, which is what the timeline shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventBody {
    Registered(Box<Registered>),
    /// Received and settled at once by whoever took it (T4).
    ResolvedDirectly {
        how: Personal<String>,
    },
    /// Ontvangstbevestiging (T5).
    Acknowledged {
        via: Via,
        note: Option<Personal<String>>,
        meets: Vec<String>,
    },
    /// Forwarded to a handler (T3, T20).
    Assigned {
        handler: UserId,
        meets: Vec<String>,
    },
    /// Who the complaint is about was recorded or changed (T8, K3): `None` for nobody in
    /// particular. It replaces the registration's `concerns` from here on.
    ConcernsRecorded {
        about: Option<Concerned>,
    },
    /// The person concerned was informed (K5, K12): a staff member by a notice, a person without
    /// an account (`person`, their name) as `via` says.
    InvolvedInformed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        involved: Option<UserId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        person: Option<Personal<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        via: Option<Via>,
        note: Option<Personal<String>>,
    },
    /// The person concerned was heard (K6): a staff member (`involved`) or a person without an
    /// account (`person`, their name).
    HearingRecorded {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        involved: Option<UserId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        person: Option<Personal<String>>,
        held_on: Date,
        summary: Personal<String>,
        meets: Vec<String>,
    },
    /// The hearing of the complainant (Awb 9:10): offered, held or waived (with the ground), on
    /// `on`. The latest one counts.
    ComplainantHearingRecorded {
        hearing: ComplainantHearing,
        on: Date,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ground: Option<WaiverGround>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<Personal<String>>,
    },
    /// The complainant took the complaint outside (issue 18): to `body` (an id of the profile's
    /// `external_bodies`) on `on`; `until` is the last day they could go there, from the body's
    /// period.
    ReferredOutside {
        body: String,
        on: Date,
        until: Date,
    },
    /// What the body outside found, on `on`.
    ExternalOutcomeRecorded {
        body: String,
        outcome: ExternalOutcome,
        on: Date,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        summary: Option<Personal<String>>,
    },
    /// A contact with the complainant about the settlement (T20: dates, agreements, actions).
    ContactRecorded {
        via: Via,
        on: Date,
        summary: Personal<String>,
        agreements: Option<Personal<String>>,
        /// The measures recorded so far were told to the complainant (T7).
        measures_communicated: Vec<u32>,
    },
    NoteAdded {
        text: Personal<String>,
    },
    DocumentAttached {
        document: Document,
    },
    /// Verlenging, with reason (T6).
    Extended {
        deadline: String,
        previous_due: Date,
        new_due: Date,
        reason: Personal<String>,
        /// Beyond the profile's limits, with the complainant's consent.
        consent: bool,
    },
    /// Escalated to the director or board (T9).
    Escalated {
        to: Level,
        reason: Personal<String>,
        /// Deadlines that start now.
        deadlines: Vec<DueDate>,
    },
    /// A very serious or sensitive complaint is not escalated to the board, and why (T9, T18).
    EscalationNotNeeded {
        reason: Personal<String>,
    },
    /// An advisory committee is engaged (Awb 9:14): the longer term applies.
    ReferredToCommittee {
        reason: Personal<String>,
        deadlines: Vec<DueDate>,
    },
    /// Classification (K10, T18).
    Classified {
        categories: Vec<String>,
        severity: Option<String>,
        sensitive: bool,
        relation: Option<String>,
    },
    /// A measure taken or to be taken (T7).
    MeasureRecorded {
        id: u32,
        description: Personal<String>,
    },
    /// The decision, told to the complainant (K7), with the measures it includes (T7).
    Decided {
        outcome: Outcome,
        decision: Personal<String>,
        via: Via,
        measures_communicated: Vec<u32>,
        meets: Vec<String>,
    },
    /// A signature on the registration form (K11). With `signed_on`, the person concerned has no
    /// account: they signed on paper on that date and the actor recorded it on their behalf.
    SignedOff {
        capacity: Capacity,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        signed_on: Option<Date>,
    },
    Closed {
        meets: Vec<String>,
    },
    Withdrawn {
        reason: Option<Personal<String>>,
    },
    Reopened {
        reason: Personal<String>,
        /// Deadlines that run again from now.
        deadlines: Vec<DueDate>,
    },
    /// A letter to the complainant (T5, T6, T7, K7).
    Letter(Box<LetterRecord>),
    /// A letter by post ([`Via::Letter`]) was printed and sent (T12): `letter` is the sequence
    /// number of its [`EventBody::Letter`] in the dossier. Until then the dossier shows it as a
    /// letter still to post.
    LetterPosted {
        letter: i64,
    },
    /// The complainant added information or documents through their status page, or (with
    /// `mail`) wrote an e-mail that joined the dossier (issue 17).
    ComplainantAdded {
        text: Option<Personal<String>>,
        documents: Vec<Document>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        mail: Option<MailFacts>,
    },
    /// The complainant answered the satisfaction question (issue 18): satisfied or not, the
    /// regulation's standard answer they chose (if it has them), and whether the answer asks
    /// the coordinator to reopen. Before standard answers, "not satisfied" asked to reopen: an
    /// event without `reopen` reads so.
    SatisfactionAnswered {
        satisfied: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        answer: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reopen: Option<bool>,
        comment: Option<Personal<String>>,
    },
    /// The coordinator wrote (or rewrote) the short summary of this complaint for the reports
    /// (T13, K13, T15). The latest one counts. Kept apart like all staff text, so anonymisation
    /// erases it with the rest.
    ReportSummaryWritten {
        text: Personal<String>,
    },
    /// The complainant's status links were revoked (for example, a link reached someone else).
    StatusLinksRevoked {
        reason: Option<Personal<String>>,
    },
    /// Held back from anonymisation on purpose (an external procedure, a legal claim): the
    /// retention round skips the complaint until the hold is lifted.
    HoldPlaced {
        reason: Personal<String>,
    },
    HoldLifted {
        reason: Option<Personal<String>>,
    },
    /// A detail of the complainant corrected at their request (AVG art. 16). The registration's
    /// personal data is rewritten with the correction, so the old value is nowhere but in the
    /// chain's history, as the registration's digest; `digest` is the digest of the rewritten
    /// data, filled in by the store, so that `klacht verify` tells a correction from tampering.
    Rectified {
        field: crate::subject::Field,
        value: Personal<String>,
        #[serde(default)]
        digest: Option<String>,
    },
    /// This complaint is the same as `of`, which it joined (issue 17): it is no longer handled
    /// by itself, the reports leave it out (they count `of`), and its dossier says where it went.
    MarkedDuplicate {
        of: Reference,
    },
    /// The complaint `duplicate` arrived twice and joined this one: its messages and documents
    /// are this dossier's too (shown from its own dossier, not copied).
    DuplicateJoined {
        duplicate: Reference,
    },
    /// `duplicate`, joined earlier, was reopened as a complaint of its own.
    DuplicateSeparated {
        duplicate: Reference,
    },
    /// This complaint and `with` are related; each dossier shows the link.
    RelatedLinked {
        with: Reference,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<Personal<String>>,
    },
    RelatedUnlinked {
        with: Reference,
    },
    /// The complaint's personal data was erased (K8, T10; AVG art. 5(1)(e) and 17): every
    /// personal value of the events before this one, its letters' mail, status links and
    /// documents. The skeleton, the counts and the hash chain stay. Nothing follows it.
    Anonymised {
        why: AnonymisedWhy,
        /// Why, in the coordinator's words (on request); given without names.
        reason: Option<Personal<String>>,
    },
}

/// Why a complaint was anonymised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnonymisedWhy {
    /// The regulation's retention period after closing ran out (the daily round).
    Retention,
    /// At a person's request (AVG art. 17), or the coordinator's decision, before the period
    /// ran out.
    Request,
}

impl AnonymisedWhy {
    pub fn as_str(self) -> &'static str {
        match self {
            AnonymisedWhy::Retention => "retention",
            AnonymisedWhy::Request => "request",
        }
    }
}

impl EventBody {
    /// The kind as shown on the timeline and stored in the log.
    pub fn kind(&self) -> &'static str {
        match self {
            EventBody::Registered(_) => "registered",
            EventBody::ResolvedDirectly { .. } => "resolved_directly",
            EventBody::Acknowledged { .. } => "acknowledged",
            EventBody::Assigned { .. } => "assigned",
            EventBody::ConcernsRecorded { .. } => "concerns_recorded",
            EventBody::InvolvedInformed { .. } => "involved_informed",
            EventBody::HearingRecorded { .. } => "hearing_recorded",
            EventBody::ComplainantHearingRecorded { .. } => "complainant_hearing_recorded",
            EventBody::ReferredOutside { .. } => "referred_outside",
            EventBody::ExternalOutcomeRecorded { .. } => "external_outcome_recorded",
            EventBody::ContactRecorded { .. } => "contact_recorded",
            EventBody::NoteAdded { .. } => "note_added",
            EventBody::DocumentAttached { .. } => "document_attached",
            EventBody::Extended { .. } => "extended",
            EventBody::Escalated { .. } => "escalated",
            EventBody::EscalationNotNeeded { .. } => "escalation_not_needed",
            EventBody::ReferredToCommittee { .. } => "referred_to_committee",
            EventBody::Classified { .. } => "classified",
            EventBody::MeasureRecorded { .. } => "measure_recorded",
            EventBody::Decided { .. } => "decided",
            EventBody::SignedOff { .. } => "signed_off",
            EventBody::Closed { .. } => "closed",
            EventBody::Withdrawn { .. } => "withdrawn",
            EventBody::Reopened { .. } => "reopened",
            EventBody::Letter(_) => "letter",
            EventBody::LetterPosted { .. } => "letter_posted",
            EventBody::ComplainantAdded { .. } => "complainant_added",
            EventBody::SatisfactionAnswered { .. } => "satisfaction_answered",
            EventBody::StatusLinksRevoked { .. } => "status_links_revoked",
            EventBody::ReportSummaryWritten { .. } => "report_summary_written",
            EventBody::HoldPlaced { .. } => "hold_placed",
            EventBody::HoldLifted { .. } => "hold_lifted",
            EventBody::Anonymised { .. } => "anonymised",
            EventBody::Rectified { .. } => "rectified",
            EventBody::MarkedDuplicate { .. } => "marked_duplicate",
            EventBody::DuplicateJoined { .. } => "duplicate_joined",
            EventBody::DuplicateSeparated { .. } => "duplicate_separated",
            EventBody::RelatedLinked { .. } => "related_linked",
            EventBody::RelatedUnlinked { .. } => "related_unlinked",
        }
    }
}
