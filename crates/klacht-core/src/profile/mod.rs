//! A klachtenregeling as data.
//!
//! A profile says everything in which one organisation's regulation differs from another's:
//! deadlines, channels, categories, severities, outcomes, who may do which step, who signs off,
//! retention, reports and the texts. The procedure engine reads it; nothing about a particular
//! regulation is written in code. Built-ins: [`builtin`] (`template`, `kjrw`, `awb` and `wkkgz`).

pub mod date;
pub mod edit;
mod example;
mod load;
pub mod versions;

pub use example::example_details;

pub use load::{ProfileError, check, parse};

use crate::calendar::CalendarConfig;
use crate::types::{Channel, Form, Localized, Outcome, Role};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The built-in profiles, by name: the model regulation for charities (`template`), the
/// Kinder- en Jongerenrechtswinkel Leiden's (`kjrw`), a public body's under the Algemene wet
/// bestuursrecht, chapter 9 (`awb`), and a care provider's under the Wet kwaliteit, klachten en
/// geschillen zorg (`wkkgz`).
pub const BUILTIN: [(&str, &str); 4] = [
    ("template", include_str!("builtin/template.toml")),
    ("kjrw", include_str!("builtin/kjrw.toml")),
    ("awb", include_str!("builtin/awb.toml")),
    ("wkkgz", include_str!("builtin/wkkgz.toml")),
];

/// The names of the built-in profiles, for a message: `template, kjrw, awb, wkkgz`.
pub fn builtin_names() -> String {
    BUILTIN.map(|(n, _)| n).join(", ")
}

/// The TOML text of a built-in profile.
pub fn builtin_source(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
}

/// A built-in profile, parsed. The built-ins are checked by the tests, so this only fails for an
/// unknown name.
pub fn builtin(name: &str) -> Option<Profile> {
    parse(builtin_source(name)?).ok()
}

/// A klachtenregeling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Short name, e.g. `template`.
    pub name: String,
    /// Version of the regulation (T16), e.g. `2025-1`.
    pub version: String,
    /// Date the board adopted this version (T16): "vastgesteld op".
    #[serde(deserialize_with = "date::deserialize")]
    pub adopted_on: Date,
    pub title: Localized,
    pub organisation: Organisation,
    #[serde(default)]
    pub calendar: CalendarConfig,
    /// Named deadlines, in the order they are shown.
    pub deadlines: Vec<Deadline>,
    #[serde(default)]
    pub extension: Extension,
    /// Relation types of a complainant (T1).
    pub relations: Vec<Choice>,
    /// Channels the organisation accepts and their form (K10, T2).
    pub channels: Vec<ChannelRule>,
    /// Nature categories (K10); a complaint may have several.
    pub categories: Vec<Choice>,
    pub severities: Vec<Severity>,
    /// The outcome codes this regulation uses (K7).
    pub outcomes: Vec<OutcomeChoice>,
    /// The standard answers to the satisfaction question (issue 18), beside the free comment.
    /// None: the complainant answers yes or no.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub satisfaction_answers: Vec<SatisfactionAnswer>,
    #[serde(default)]
    pub roles: Roles,
    #[serde(default)]
    pub steps: Steps,
    #[serde(default)]
    pub registration: Registration,
    pub retention: Retention,
    #[serde(default)]
    pub reports: Reports,
    pub texts: Texts,
    pub letters: Letters,
    /// The next rung of the ladder (issue 18; Awb 9:12 lid 2): the bodies outside the
    /// organisation a complainant may go to after the internal handling, in the order the
    /// decision letter names them. Empty where the regulation names none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub external_bodies: Vec<ExternalBody>,
}

/// A body outside the organisation that deals with complaints after the internal handling
/// (the Nationale ombudsman, a municipal ombudsman, a geschilleninstantie, an external
/// complaints committee), and the period in which a complainant may go there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalBody {
    /// Name used in the API and on the dossier (`nationale_ombudsman`).
    pub id: String,
    pub kind: BodyKind,
    pub name: Localized,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// How many months the complainant has to go there …
    pub months: u32,
    /// … counted from the decision (the default) or from receipt of the complaint.
    #[serde(default = "decision", skip_serializing_if = "is_decision")]
    pub from: PeriodFrom,
}

/// What kind of body comes next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    NationaleOmbudsman,
    MunicipalOmbudsman,
    Geschilleninstantie,
    ExternalCommittee,
}

impl BodyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BodyKind::NationaleOmbudsman => "nationale_ombudsman",
            BodyKind::MunicipalOmbudsman => "municipal_ombudsman",
            BodyKind::Geschilleninstantie => "geschilleninstantie",
            BodyKind::ExternalCommittee => "external_committee",
        }
    }
}

/// Where the period to go to an external body starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodFrom {
    /// The date of the decision (Wet Nationale ombudsman art. 12: within a year).
    Decision,
    /// The date the complaint was received (Wkkgz art. 18: within a year of complaining).
    Receipt,
}

fn decision() -> PeriodFrom {
    PeriodFrom::Decision
}

fn is_decision(p: &PeriodFrom) -> bool {
    *p == PeriodFrom::Decision
}

impl ExternalBody {
    /// The last day on which the complainant may go there: `months` after the decision (or the
    /// receipt), as the period runs.
    pub fn until(&self, decided_on: Date, received_on: Date) -> Date {
        let start = match self.from {
            PeriodFrom::Decision => decided_on,
            PeriodFrom::Receipt => received_on,
        };
        start
            .checked_add(jiff::Span::new().months(i64::from(self.months)))
            .unwrap_or(start)
    }
}

impl Profile {
    pub fn external_body(&self, id: &str) -> Option<&ExternalBody> {
        self.external_bodies.iter().find(|b| b.id == id)
    }

    pub fn deadline(&self, id: &str) -> Option<&Deadline> {
        self.deadlines.iter().find(|d| d.id == id)
    }

    pub fn channel(&self, channel: Channel) -> Option<&ChannelRule> {
        self.channels.iter().find(|c| c.id == channel)
    }

    pub fn category(&self, id: &str) -> Option<&Choice> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn severity(&self, id: &str) -> Option<&Severity> {
        self.severities.iter().find(|c| c.id == id)
    }

    pub fn satisfaction_answer(&self, id: &str) -> Option<&SatisfactionAnswer> {
        self.satisfaction_answers.iter().find(|a| a.id == id)
    }

    pub fn relation(&self, id: &str) -> Option<&Choice> {
        self.relations.iter().find(|c| c.id == id)
    }

    pub fn outcome(&self, outcome: Outcome) -> Option<&OutcomeChoice> {
        self.outcomes.iter().find(|o| o.id == outcome)
    }

    /// A stable identity of this version: name and version.
    pub fn key(&self) -> String {
        format!("{}@{}", self.name, self.version)
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
}

/// A named deadline (termijn).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// Name used in the API (`acknowledge`, `answer`, `settle`, …).
    pub id: String,
    pub label: Localized,
    /// Term in working days (weekends and holidays excluded) …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<u32>,
    /// … or in weeks (moved to the next working day when it ends on a day off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weeks: Option<u32>,
    /// When the term starts: `receipt`, or the step after which it runs (e.g. `escalate`).
    #[serde(default = "receipt")]
    pub from: StartPoint,
    /// The step that meets it.
    pub met_by: MetBy,
    /// Whether it may be extended under the [`Extension`] rules (T6).
    #[serde(default)]
    pub extendable: bool,
    /// The term when an advisory committee is engaged (Awb 9:14), in weeks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weeks_with_committee: Option<u32>,
    /// Rule id of the regulation this comes from, for the reader (`T5`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

fn receipt() -> StartPoint {
    StartPoint::Receipt
}

/// A term's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    WorkingDays(u32),
    Weeks(u32),
}

impl Deadline {
    /// The term that applies; `committee` when an advisory committee was engaged.
    pub fn term(&self, committee: bool) -> Term {
        match (
            committee,
            self.weeks_with_committee,
            self.working_days,
            self.weeks,
        ) {
            (true, Some(w), _, _) => Term::Weeks(w),
            (_, _, Some(d), _) => Term::WorkingDays(d),
            (_, _, None, Some(w)) => Term::Weeks(w),
            // The loader guarantees exactly one of the two; zero days is the harmless reading.
            (_, _, None, None) => Term::WorkingDays(0),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartPoint {
    Receipt,
    Acknowledge,
    Assign,
    Escalate,
    Decide,
}

/// The step that meets a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetBy {
    Acknowledge,
    Assign,
    Hearing,
    Decide,
    Close,
}

/// Verlenging (T6; Awb 9:11 lid 2; Wkkgz art. 17).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// How many extensions per deadline; none = no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_count: Option<u32>,
    /// The most one extension may add, in weeks …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_weeks: Option<u32>,
    /// … or in working days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_working_days: Option<u32>,
    /// Whether going beyond those limits is allowed with the complainant's written consent.
    #[serde(default)]
    pub beyond_with_consent: bool,
}

/// An entry of a configurable list: id for the data, label for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelRule {
    pub id: Channel,
    pub form: Form,
    pub label: Localized,
    /// How to use it, shown on the public page (an address, a phone number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Severity {
    pub id: String,
    pub label: Localized,
    /// Zeer ernstig: the coordinator consults the board (T9).
    #[serde(default)]
    pub consult_board: bool,
}

/// A standard answer to the satisfaction question: what it says, whether it means the
/// complainant is satisfied, and whether it asks the coordinator to reopen the complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SatisfactionAnswer {
    pub id: String,
    pub label: Localized,
    /// The answer means the complainant is satisfied (left out: not satisfied).
    #[serde(default)]
    pub satisfied: bool,
    /// Choosing it asks the coordinator to reopen (only an answer that is not satisfied can).
    #[serde(default)]
    pub reopen: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeChoice {
    pub id: Outcome,
    pub label: Localized,
}

/// How roles map onto the regulation's functions (T17, K3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Roles {
    /// Roles that stand in for the coordinator when no coordinator can act (absent, or the
    /// complaint is about them), in order of precedence.
    #[serde(default = "default_deputies")]
    pub deputies: Vec<Role>,
    /// A role the coordinator must also hold (KJRW: the coordinator is a board member).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinator_must_be: Option<Role>,
    /// Roles whose holders must sign in to the back office with a second factor (TOTP) besides
    /// their password: those who read every dossier or manage the accounts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub second_factor: Vec<Role>,
}

impl Roles {
    /// Every role the regulation requires of a coordinator: the coordinator's own, and the one
    /// the coordinator must also hold (KJRW: a board member).
    pub fn of_coordinator(&self) -> BTreeSet<Role> {
        std::iter::once(Role::Coordinator)
            .chain(self.coordinator_must_be)
            .collect()
    }

    /// Whether someone with these roles must use a second factor.
    pub fn needs_second_factor<'a>(&self, roles: impl IntoIterator<Item = &'a Role>) -> bool {
        roles.into_iter().any(|r| self.second_factor.contains(r))
    }
}

fn default_deputies() -> Vec<Role> {
    vec![Role::Deputy]
}

impl Default for Roles {
    fn default() -> Self {
        Roles {
            deputies: default_deputies(),
            coordinator_must_be: None,
            second_factor: Vec::new(),
        }
    }
}

/// In what capacity somebody may take a step on a complaint. Derived from their roles and their
/// involvement in that complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Capacity {
    /// The coordinator, or the deputy acting for the coordinator (T17).
    Coordinator,
    /// The handler this complaint is assigned to.
    Handler,
    /// The staff member the complaint is about (K5, K6, K11).
    Involved,
    /// The director, on a complaint escalated to the director (T9).
    Director,
    /// The board, on a complaint escalated to the board (T9).
    Board,
    /// Somebody with the registrar role.
    Registrar,
    /// Any staff member with a role other than admin.
    Staff,
}

impl Capacity {
    pub fn as_str(self) -> &'static str {
        match self {
            Capacity::Coordinator => "coordinator",
            Capacity::Handler => "handler",
            Capacity::Involved => "involved",
            Capacity::Director => "director",
            Capacity::Board => "board",
            Capacity::Registrar => "registrar",
            Capacity::Staff => "staff",
        }
    }
}

/// Who may take each step. The engine adds what no profile can switch off: nobody acts on a
/// complaint about themselves except as the one involved (K3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Steps {
    #[serde(default = "staff_and_up")]
    pub register: Vec<Capacity>,
    #[serde(default = "coordinator_handler_registrar")]
    pub acknowledge: Vec<Capacity>,
    #[serde(default = "coordinator")]
    pub assign: Vec<Capacity>,
    /// Recording or changing who the complaint is about (T8, K3).
    #[serde(default = "coordinator_handler")]
    pub record_concerns: Vec<Capacity>,
    #[serde(default = "coordinator_handler")]
    pub inform_involved: Vec<Capacity>,
    #[serde(default = "coordinator_handler")]
    pub record_hearing: Vec<Capacity>,
    #[serde(default = "coordinator_handler")]
    pub record_contact: Vec<Capacity>,
    #[serde(default = "handling")]
    pub add_note: Vec<Capacity>,
    #[serde(default = "handling")]
    pub attach_document: Vec<Capacity>,
    #[serde(default = "coordinator_handler")]
    pub extend: Vec<Capacity>,
    #[serde(default = "coordinator_handler")]
    pub escalate: Vec<Capacity>,
    #[serde(default = "coordinator")]
    pub refer_to_committee: Vec<Capacity>,
    #[serde(default = "coordinator")]
    pub classify: Vec<Capacity>,
    #[serde(default = "handling")]
    pub record_measure: Vec<Capacity>,
    #[serde(default = "handling")]
    pub decide: Vec<Capacity>,
    #[serde(default = "coordinator")]
    pub close: Vec<Capacity>,
    #[serde(default = "coordinator_handler")]
    pub withdraw: Vec<Capacity>,
    #[serde(default = "coordinator")]
    pub reopen: Vec<Capacity>,
    /// The short summary for the reports (T13, K13): the coordinator (or the deputy acting).
    #[serde(default = "coordinator")]
    pub report_summary: Vec<Capacity>,
    /// Holding a complaint back from anonymisation, and lifting the hold.
    #[serde(default = "coordinator")]
    pub hold: Vec<Capacity>,
    /// Anonymising a closed complaint before its retention period ends (AVG art. 17).
    #[serde(default = "coordinator")]
    pub anonymise: Vec<Capacity>,
    /// Correcting the complainant's details at their request (AVG art. 16).
    #[serde(default = "coordinator")]
    pub rectify: Vec<Capacity>,
    /// Recording, with a reason, why a very serious or sensitive complaint is not escalated to
    /// the board (T9, T18): this ends the dashboard's flag as an escalation would.
    #[serde(default = "coordinator")]
    pub escalation_not_needed: Vec<Capacity>,
    /// Marking a complaint that arrived twice as a duplicate of the other (issue 17): the
    /// coordinator, who supervises registration (T12).
    #[serde(default = "coordinator")]
    pub mark_duplicate: Vec<Capacity>,
    /// Linking complaints as related, and removing such a link.
    #[serde(default = "coordinator_handler")]
    pub link_related: Vec<Capacity>,
    /// Recording the hearing of the complainant (Awb 9:10): offered, held or waived.
    #[serde(default = "coordinator_handler")]
    pub record_complainant_hearing: Vec<Capacity>,
    /// Recording that the complainant went to a body outside (issue 18), and its outcome.
    #[serde(default = "coordinator")]
    pub refer_outside: Vec<Capacity>,
    #[serde(default = "coordinator")]
    pub record_external_outcome: Vec<Capacity>,
}

fn staff_and_up() -> Vec<Capacity> {
    vec![Capacity::Staff]
}
fn coordinator() -> Vec<Capacity> {
    vec![Capacity::Coordinator]
}
fn coordinator_handler() -> Vec<Capacity> {
    vec![Capacity::Coordinator, Capacity::Handler]
}
fn coordinator_handler_registrar() -> Vec<Capacity> {
    vec![
        Capacity::Coordinator,
        Capacity::Handler,
        Capacity::Registrar,
    ]
}
fn handling() -> Vec<Capacity> {
    vec![
        Capacity::Coordinator,
        Capacity::Handler,
        Capacity::Director,
        Capacity::Board,
    ]
}

impl Default for Steps {
    fn default() -> Self {
        Steps {
            register: staff_and_up(),
            acknowledge: coordinator_handler_registrar(),
            assign: coordinator(),
            record_concerns: coordinator_handler(),
            inform_involved: coordinator_handler(),
            record_hearing: coordinator_handler(),
            record_contact: coordinator_handler(),
            add_note: handling(),
            attach_document: handling(),
            extend: coordinator_handler(),
            escalate: coordinator_handler(),
            refer_to_committee: coordinator(),
            classify: coordinator(),
            record_measure: handling(),
            decide: handling(),
            close: coordinator(),
            withdraw: coordinator_handler(),
            reopen: coordinator(),
            report_summary: coordinator(),
            hold: coordinator(),
            anonymise: coordinator(),
            rectify: coordinator(),
            escalation_not_needed: coordinator(),
            mark_duplicate: coordinator(),
            link_related: coordinator_handler(),
            record_complainant_hearing: coordinator_handler(),
            refer_outside: coordinator(),
            record_external_outcome: coordinator(),
        }
    }
}

/// The registration form (K9, T20) and intake questions (K2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// Fields that must be filled before a complaint can be closed (K12.2).
    #[serde(default = "default_required")]
    pub required: Vec<RegistrationField>,
    /// Ask the complainant's date of birth (K2: clients are minors or young people).
    #[serde(default)]
    pub ask_date_of_birth: bool,
    /// Who signs the registration form before the complaint is closed (K11).
    #[serde(default)]
    pub sign_off: Vec<Capacity>,
    /// The complainant is heard, or the hearing waived on a ground of Awb 9:10 lid 2, before a
    /// decision is taken (`record-complainant-hearing`); without it, deciding is refused.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hear_complainant: bool,
}

fn default_required() -> Vec<RegistrationField> {
    vec![
        RegistrationField::ComplainantName,
        RegistrationField::Description,
        RegistrationField::ReceivedBy,
        RegistrationField::Category,
    ]
}

impl Default for Registration {
    fn default() -> Self {
        Registration {
            required: default_required(),
            ask_date_of_birth: false,
            sign_off: Vec::new(),
            hear_complainant: false,
        }
    }
}

/// A field of the registration form (T20).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationField {
    /// NAW: name.
    ComplainantName,
    /// NAW: address and residence.
    ComplainantAddress,
    /// A way to reach the complainant (email or phone).
    ComplainantContact,
    Description,
    /// Who received the complaint (a staff member, or the web form).
    ReceivedBy,
    /// To whom it was forwarded for handling.
    Handler,
    /// Nature category (K10).
    Category,
    Severity,
    Relation,
}

impl RegistrationField {
    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationField::ComplainantName => "complainant_name",
            RegistrationField::ComplainantAddress => "complainant_address",
            RegistrationField::ComplainantContact => "complainant_contact",
            RegistrationField::Description => "description",
            RegistrationField::ReceivedBy => "received_by",
            RegistrationField::Handler => "handler",
            RegistrationField::Category => "category",
            RegistrationField::Severity => "severity",
            RegistrationField::Relation => "relation",
        }
    }
}

/// Bewaartermijnen: how long personal data is kept (K8, T10; AVG art. 5(1)(e)). The complaint
/// itself by `months_after_close`; everything else klacht stores about people by the periods
/// below, each applied by the same daily round ([`crate::periods`]). Each period but the first
/// may be left out; the defaults are what the built-ins use.
///
/// Kept without a period of its own, because it opens nothing once it ends: a back-office
/// session (ended by its idle and absolute time-out, configuration) and a setup or password
/// link (used, or past its validity) and a revoked API token go at the next round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// Months after closing after which personal data is anonymised.
    pub months_after_close: u32,
    /// Months a line of the read log (who opened which dossier when, K8) is kept. 24 by
    /// default: the log must reach back over a complaint's handling and the time in which a
    /// breach of confidentiality comes to light; as long as the built-ins keep the complaint
    /// after closing, so a dossier's reads go at about the time its personal data does.
    #[serde(default = "twenty_four")]
    pub read_log_months: u32,
    /// Months a line of the account log (roles, (de)activation, password links, second factors)
    /// is kept. 24 by default, as the read log: who could read dossiers must be traceable as
    /// long as who did.
    #[serde(default = "twenty_four")]
    pub account_log_months: u32,
    /// Days a staff member's notice (an assignment, a deadline, a reminder) is kept. 180 by
    /// default: long after the deadline it warned of; what the procedure must record of it is
    /// in the dossier itself (K5, K12). A notice that the deadline round or the reminders could
    /// write again (its complaint still has a deadline running, the evaluation it asked for is
    /// not recorded, January's annual report reminder in January) stays until it cannot, so
    /// nobody is told twice.
    #[serde(default = "one_hundred_eighty")]
    pub notice_days: u32,
    /// Days mail that is not a letter to a complainant (set-password links, second-factor
    /// notices, staff notices and reminders) is kept after it was sent or failed for good: its
    /// recipient and subject in the database (the text goes once sent) and the `mail-*.eml`
    /// copies in the outbox. 30 by default: long enough to answer "I never got the link".
    /// Letters go with their complaint (`months_after_close`).
    #[serde(default = "thirty")]
    pub mail_days: u32,
    /// Hours a stored file that no dossier refers to is kept (an upload whose step was refused
    /// or failed after the file was stored). 24 by default: far longer than any request takes
    /// between storing a file and storing the step that refers to it.
    #[serde(default = "twenty_four")]
    pub upload_hours: u32,
    /// Months a settled request of a data subject (AVG art. 15–17) is kept with its log, from
    /// when it was settled: who asked what and what was done is the proof that it was answered
    /// (art. 5(2)). 24 by default, as the read log.
    #[serde(default = "twenty_four")]
    pub request_months: u32,
}

fn twenty_four() -> u32 {
    24
}
fn one_hundred_eighty() -> u32 {
    180
}
fn thirty() -> u32 {
    30
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reports {
    /// Half-year board report (T13).
    #[serde(default = "yes")]
    pub half_year: bool,
    /// Annual report (T15, K13).
    #[serde(default = "yes")]
    pub annual: bool,
    /// Counts below this are shown as "< N" in the anonymised annual report.
    #[serde(default = "five")]
    pub small_count_threshold: u32,
    /// Month (1–12) in which the annual report is due (T15: January).
    #[serde(default = "one")]
    pub annual_report_month: u8,
    /// Month in which the regulation is evaluated each year (T16).
    #[serde(default = "one")]
    pub evaluation_month: u8,
}

fn yes() -> bool {
    true
}
fn five() -> u32 {
    5
}
fn one() -> u8 {
    1
}

impl Default for Reports {
    fn default() -> Self {
        Reports {
            half_year: true,
            annual: true,
            small_count_threshold: 5,
            annual_report_month: 1,
            evaluation_month: 1,
        }
    }
}

/// Texts shown to the public.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    /// The regulation as published (T11), Markdown.
    pub regulation: Localized,
    /// How personal data is handled (T19).
    pub privacy: Localized,
    /// A short introduction above the form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<Localized>,
    /// The public pages address the complainant with "je" instead of "u" (Dutch), as the
    /// regulation's own texts do (kjrw).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub informal: bool,
}

/// A letter: subject and body, with `{{ variables }}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Letter {
    pub subject: Localized,
    pub body: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Letters {
    /// Send the acknowledgement by e-mail as soon as a complaint arrives through the web form or
    /// by e-mail (T5), instead of waiting for someone to take the acknowledge step.
    #[serde(default)]
    pub acknowledge_automatically: bool,
    /// Ontvangstbevestiging (T5).
    pub acknowledgement: Letter,
    /// Bericht van verlenging (T6).
    pub extension: Letter,
    /// Beslissing, with the measures (T7, K7).
    pub decision: Letter,
    /// Tevredenheidsvraag after closing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<Letter>,
}

#[cfg(test)]
mod roles_tests {
    use super::*;

    #[test]
    fn k03_t17_a_coordinator_holds_every_role_the_regulation_requires() {
        let template = builtin("template").unwrap_or_else(|| panic!("template"));
        assert_eq!(
            template.roles.of_coordinator(),
            BTreeSet::from([Role::Coordinator])
        );
        let kjrw = builtin("kjrw").unwrap_or_else(|| panic!("kjrw"));
        assert_eq!(
            kjrw.roles.of_coordinator(),
            BTreeSet::from([Role::Coordinator, Role::Board])
        );
    }
}
