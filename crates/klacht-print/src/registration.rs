//! The registration form (K9, T20): every field the regulation asks for, the completeness check
//! before closing (K12.2) and the signatures (K11), as print-ready HTML and, with the `pdf`
//! feature, as PDF.
//!
//! [`RegistrationForm`] is built once from the stored dossier (its state and events, lent by the
//! caller: this crate reads no store), in one language. Both renderings
//! walk the same sections and fields, so the PDF never shows less than the page.
//!
//! The form holds the whole dossier as a coordinator sees it (contact details, summaries of
//! hearings and contacts): serve it only to someone with the full view of the complaint.

#[cfg(feature = "pdf")]
pub use crate::pdf::render_pdf;

use crate::Table;
use askama::Template;
use jiff::Timestamp;
use jiff::civil::Date;
use klacht_core::calendar::amsterdam_datetime;
use klacht_core::procedure::{Complaint, Event, EventBody, LetterKind, Level, Org, Status, Via};
use klacht_core::profile::{Capacity, RegistrationField};
use klacht_core::texts::long_date;
use klacht_core::{Actor, Lang, Outcome, Personal, Profile, Reference, UserId};
use klacht_i18n::tr;
use std::sync::LazyLock;

/// One line of the form: a label and what was registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: String,
    /// `None`: not filled in.
    pub value: Option<String>,
    /// The completeness check (K12.2) requires this field and it is not filled in.
    pub missing: bool,
    /// Free text of several lines (the description, the decision): shown as a paragraph.
    pub long: bool,
}

/// A part of the form under its own heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Stable, for anchors and tests: `complainant`, `receipt`, …
    pub id: &'static str,
    pub heading: String,
    pub fields: Vec<Field>,
    pub tables: Vec<Table>,
}

/// A signature line (K11): signed in the dossier (who, when), or empty, to sign on paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// In which capacity: "Coördinator", "Betrokken medewerker".
    pub capacity: String,
    /// Who signed (or, for an empty line, who is expected to sign, where known).
    pub name: Option<String>,
    /// When it was signed off in the dossier; `None` for an empty line.
    pub signed_on: Option<String>,
    /// The profile requires this signature before closing.
    pub required: bool,
}

/// The fixed words of the form, in one language.
#[derive(Debug)]
pub struct Words {
    pub title: &'static str,
    pub confidential: &'static str,
    pub not_filled: &'static str,
    pub required_missing: &'static str,
    pub none: &'static str,
    pub completeness: &'static str,
    pub complete: &'static str,
    pub incomplete: &'static str,
    pub unsigned: &'static str,
    pub signatures: &'static str,
    pub signatures_intro: &'static str,
    pub no_signatures: &'static str,
    pub signed_in_dossier: &'static str,
    pub name: &'static str,
    pub date: &'static str,
    pub signature: &'static str,
    /// `{page}` and `{pages}`.
    pub page: &'static str,
    pub print_hint: &'static str,
    pub pdf_link: &'static str,
    pub back_link: &'static str,
}

impl Words {
    /// The words in `lang`, from the catalogue (`locales/*/print.ftl`).
    fn load(lang: Lang) -> Words {
        Words {
            title: tr(lang, "registration-words-title"),
            confidential: tr(lang, "registration-words-confidential"),
            not_filled: tr(lang, "registration-words-not-filled"),
            required_missing: tr(lang, "registration-words-required-missing"),
            none: tr(lang, "registration-words-none"),
            completeness: tr(lang, "registration-words-completeness"),
            complete: tr(lang, "registration-words-complete"),
            incomplete: tr(lang, "registration-words-incomplete"),
            unsigned: tr(lang, "registration-words-unsigned"),
            signatures: tr(lang, "registration-words-signatures"),
            signatures_intro: tr(lang, "registration-words-signatures-intro"),
            no_signatures: tr(lang, "registration-words-no-signatures"),
            signed_in_dossier: tr(lang, "registration-words-signed-in-dossier"),
            name: tr(lang, "registration-words-name"),
            date: tr(lang, "registration-words-date"),
            signature: tr(lang, "registration-words-signature"),
            page: tr(lang, "registration-words-page"),
            print_hint: tr(lang, "registration-words-print-hint"),
            pdf_link: tr(lang, "registration-words-pdf-link"),
            back_link: tr(lang, "registration-words-back-link"),
        }
    }
}

static NL: LazyLock<Words> = LazyLock::new(|| Words::load(Lang::Nl));
static EN: LazyLock<Words> = LazyLock::new(|| Words::load(Lang::En));

impl Words {
    /// What stands for a value not filled in, and after a required one.
    pub fn blanks(&self) -> (&'static str, &'static str) {
        (self.not_filled, self.required_missing)
    }

    pub fn get(lang: Lang) -> &'static Words {
        match lang {
            Lang::Nl => &NL,
            Lang::En => &EN,
        }
    }
}

/// The registration form of one complaint, ready to render.
#[derive(Debug, Clone)]
pub struct RegistrationForm {
    pub lang: Lang,
    pub words: &'static Words,
    pub organisation: String,
    pub reference: String,
    /// Reference, regulation and version (T16), status, printed on.
    pub meta: Vec<Field>,
    /// The completeness check (K12.2): required fields not filled in, by label.
    pub missing: Vec<String>,
    /// Required signatures (K11) not yet given, by capacity.
    pub unsigned: Vec<String>,
    pub sections: Vec<Section>,
    pub signatures: Vec<Signature>,
    /// Where the HTML page links to the PDF (set by the route; `None`: no link).
    pub pdf_href: Option<String>,
    /// Where the HTML page links back to the dossier (set by the route; `None`: no link).
    pub back_href: Option<String>,
}

/// How the form writes dates, times, names and personal data.
struct Writer<'a> {
    lang: Lang,
    org: &'a Org,
    profile: &'a Profile,
}

impl Writer<'_> {
    fn t(&self, key: &'static str) -> String {
        tr(self.lang, key).to_owned()
    }

    fn date(&self, d: Date) -> String {
        long_date(d, self.lang)
    }

    /// "2 maart 2026, 13:05", in Dutch time.
    fn moment(&self, ts: Timestamp) -> String {
        let dt = amsterdam_datetime(ts);
        format!(
            "{}, {:02}:{:02}",
            long_date(dt.date(), self.lang),
            dt.hour(),
            dt.minute()
        )
    }

    fn day(&self, ts: Timestamp) -> String {
        long_date(amsterdam_datetime(ts).date(), self.lang)
    }

    fn staff(&self, id: UserId) -> String {
        match self.org.get(id) {
            Some(s) => s.name.clone(),
            // An account that no longer exists: the number still identifies who it was.
            None => format!("{} #{id}", tr(self.lang, "registration-staff-member")),
        }
    }

    /// The person concerned as a step names them: a staff member, or a person without an
    /// account by the name recorded.
    fn involved(&self, staff: Option<UserId>, person: Option<&Personal<String>>) -> String {
        match (staff, person) {
            (Some(id), _) => self.staff(id),
            (None, Some(p)) => self.personal(p),
            (None, None) => String::new(),
        }
    }

    /// Who the complaint is about now: a staff member, or a person without an account with
    /// their role.
    fn concerned(&self, c: &Complaint) -> Option<String> {
        if let Some(id) = c.concerns {
            return Some(self.staff(id));
        }
        let p = c.concerns_person.as_ref()?;
        let name = self.personal(&p.name);
        Some(match p.role.as_ref().and_then(|r| self.text(r)) {
            Some(role) => format!("{name} ({role})"),
            None => name,
        })
    }

    fn actor(&self, a: Actor) -> String {
        match a {
            Actor::Staff(id) => self.staff(id),
            Actor::Complainant => self.t("registration-the-complainant"),
            Actor::System => self.t("registration-klacht-automatic"),
        }
    }

    /// Personal data as registered, or a note that anonymisation removed it.
    fn personal(&self, p: &Personal<String>) -> String {
        match p.get() {
            Some(v) => v.clone(),
            None => self.erased(),
        }
    }

    fn erased(&self) -> String {
        self.t("registration-removed-when-anonymised")
    }

    fn text(&self, p: &Personal<String>) -> Option<String> {
        let v = self.personal(p);
        (!v.trim().is_empty()).then_some(v)
    }

    fn opt_text(&self, p: Option<&Personal<String>>) -> Option<String> {
        p.and_then(|p| self.text(p))
    }

    fn yes_no(&self, b: bool) -> String {
        self.t(if b {
            "registration-yes"
        } else {
            "registration-no"
        })
    }

    fn via(&self, v: Via) -> String {
        match v {
            Via::Email => self.t("registration-email"),
            Via::Letter => self.t("registration-letter"),
            Via::Phone => self.t("registration-phone"),
            Via::InPerson => self.t("registration-in-person"),
            Via::StatusPage => self.t("registration-status-page"),
        }
    }

    fn level(&self, l: Level) -> String {
        klacht_core::vocabulary::level(l, self.lang).to_owned()
    }

    fn capacity(&self, c: Capacity) -> String {
        match c {
            Capacity::Coordinator => self.t("registration-coordinator"),
            Capacity::Handler => self.t("registration-handler"),
            Capacity::Involved => self.t("registration-staff-member-or-volunteer-involved"),
            Capacity::Director => self.t("registration-director"),
            Capacity::Board => self.t("registration-board"),
            Capacity::Registrar => self.t("registration-registrar"),
            Capacity::Staff => self.t("registration-staff-member-2"),
        }
    }

    fn status(&self, s: Status) -> String {
        match s {
            Status::Received => self.t("registration-received"),
            Status::Acknowledged => self.t("registration-acknowledged"),
            Status::InProgress => self.t("registration-being-handled"),
            Status::Decided => self.t("registration-decided"),
            Status::Closed => self.t("registration-closed"),
            Status::Withdrawn => self.t("registration-withdrawn"),
            Status::Duplicate => self.t("registration-duplicate"),
        }
    }

    fn letter(&self, k: LetterKind) -> String {
        match k {
            LetterKind::Acknowledgement => self.t("registration-acknowledgement"),
            LetterKind::Extension => self.t("registration-notice-of-extension"),
            LetterKind::Decision => self.t("registration-decision"),
            LetterKind::Satisfaction => self.t("registration-satisfaction-question"),
        }
    }

    fn outcome(&self, o: Outcome) -> String {
        match self.profile.outcome(o) {
            Some(c) => c.label.get(self.lang).to_owned(),
            None => o.as_str().replace('_', " "),
        }
    }

    fn deadline(&self, id: &str) -> String {
        match self.profile.deadline(id) {
            Some(d) => d.label.get(self.lang).to_owned(),
            None => id.to_owned(),
        }
    }

    fn registration_field(&self, f: RegistrationField) -> String {
        match f {
            RegistrationField::ComplainantName => self.t("registration-complainants-name"),
            RegistrationField::ComplainantAddress => {
                self.t("registration-complainants-address-and-place-of")
            }
            RegistrationField::ComplainantContact => {
                self.t("registration-complainants-email-address-or-phone")
            }
            RegistrationField::Description => self.t("registration-description-of-the-complaint"),
            RegistrationField::ReceivedBy => self.t("registration-received-by"),
            RegistrationField::Handler => self.t("registration-forwarded-to-handler"),
            RegistrationField::Category => self.t("registration-nature-of-the-complaint"),
            RegistrationField::Severity => self.t("registration-severity"),
            RegistrationField::Relation => self.t("registration-relation-to-the-organisation"),
        }
    }
}

fn field(label: String, value: Option<String>) -> Field {
    Field {
        label,
        value: value.filter(|v| !v.trim().is_empty()),
        missing: false,
        long: false,
    }
}

fn long(label: String, value: Option<String>) -> Field {
    Field {
        long: true,
        ..field(label, value)
    }
}

fn table(caption: String, columns: Vec<(String, f32)>, rows: Vec<Vec<String>>) -> Table {
    let (columns, widths) = columns.into_iter().unzip();
    Table {
        caption,
        columns,
        widths,
        rows,
    }
}

/// What the timeline says beyond the folded state: texts, dates and the history of each step.
#[derive(Default)]
struct History {
    registered_by: Option<Actor>,
    assignments: Vec<(Timestamp, UserId)>,
    acknowledged: Option<(Timestamp, Via)>,
    informed: Vec<(Timestamp, String)>,
    hearings: Vec<Vec<String>>,
    contacts: Vec<Vec<String>>,
    letters: Vec<Vec<String>>,
    extensions: Vec<Vec<String>>,
    escalations: Vec<Vec<String>>,
    reopenings: Vec<Vec<String>>,
    measures: Vec<(u32, String)>,
    /// How it was settled since the last reopening: the decision text and how it was told.
    decision: Option<(String, Option<Via>)>,
    withdrawn_reason: Option<String>,
    satisfaction: Option<(bool, Option<String>)>,
}

impl History {
    fn read<'e>(w: &Writer<'_>, events: impl IntoIterator<Item = &'e Event>) -> History {
        let mut h = History::default();
        for e in events {
            match &e.body {
                EventBody::Registered(_) => h.registered_by = Some(e.actor),
                EventBody::ResolvedDirectly { how } => {
                    h.decision = Some((w.personal(how), None));
                }
                EventBody::Acknowledged { via, .. } => h.acknowledged = Some((e.at, *via)),
                EventBody::Assigned { handler, .. } => h.assignments.push((e.at, *handler)),
                EventBody::InvolvedInformed {
                    involved, person, ..
                } => h
                    .informed
                    .push((e.at, w.involved(*involved, person.as_ref()))),
                EventBody::HearingRecorded {
                    involved,
                    person,
                    held_on,
                    summary,
                    ..
                } => h.hearings.push(vec![
                    w.date(*held_on),
                    w.involved(*involved, person.as_ref()),
                    w.personal(summary),
                ]),
                // Issue 18: the next rung is on the dossier and in the reports, not on the form.
                EventBody::ReferredOutside { .. } | EventBody::ExternalOutcomeRecorded { .. } => {}
                // Awb 9:10: the complainant's hearing is a contact about the settlement (T20).
                EventBody::ComplainantHearingRecorded {
                    hearing,
                    on,
                    ground,
                    note,
                } => {
                    let what = klacht_core::vocabulary::complainant_hearing(*hearing, w.lang);
                    let summary = match ground {
                        Some(g) => format!(
                            "{what}: {}",
                            klacht_core::vocabulary::waiver_ground(*g, w.lang)
                        ),
                        None => what.to_owned(),
                    };
                    h.contacts.push(vec![
                        w.date(*on),
                        String::new(),
                        summary,
                        w.opt_text(note.as_ref()).unwrap_or_default(),
                        w.t("registration-no"),
                    ]);
                }
                EventBody::ContactRecorded {
                    via,
                    on,
                    summary,
                    agreements,
                    measures_communicated,
                } => {
                    let measures = if measures_communicated.is_empty() {
                        w.t("registration-no")
                    } else {
                        let numbers: Vec<String> = measures_communicated
                            .iter()
                            .map(|m| m.to_string())
                            .collect();
                        format!("{} ({})", w.t("registration-yes"), numbers.join(", "))
                    };
                    h.contacts.push(vec![
                        w.date(*on),
                        w.via(*via),
                        w.personal(summary),
                        w.opt_text(agreements.as_ref()).unwrap_or_default(),
                        measures,
                    ]);
                }
                EventBody::Extended {
                    deadline,
                    previous_due,
                    new_due,
                    reason,
                    consent,
                } => h.extensions.push(vec![
                    w.day(e.at),
                    w.deadline(deadline),
                    w.date(*previous_due),
                    w.date(*new_due),
                    w.personal(reason),
                    w.yes_no(*consent),
                ]),
                EventBody::Escalated { to, reason, .. } => {
                    h.escalations
                        .push(vec![w.day(e.at), w.level(*to), w.personal(reason)]);
                }
                EventBody::EscalationNotNeeded { reason } => h.escalations.push(vec![
                    w.day(e.at),
                    w.t("registration-not-to-the-board"),
                    w.personal(reason),
                ]),
                EventBody::ReferredToCommittee { reason, .. } => h.escalations.push(vec![
                    w.day(e.at),
                    w.t("registration-advisory-committee"),
                    w.personal(reason),
                ]),
                EventBody::MeasureRecorded { id, description } => {
                    h.measures.push((*id, w.personal(description)));
                }
                EventBody::Decided { decision, via, .. } => {
                    h.decision = Some((w.personal(decision), Some(*via)));
                }
                EventBody::Withdrawn { reason } => {
                    h.withdrawn_reason = w.opt_text(reason.as_ref());
                }
                EventBody::Reopened { reason, .. } => {
                    h.reopenings.push(vec![w.day(e.at), w.personal(reason)]);
                    h.decision = None;
                    h.withdrawn_reason = None;
                    h.satisfaction = None;
                }
                EventBody::Letter(l) => {
                    h.letters
                        .push(vec![w.day(e.at), w.letter(l.letter), w.via(l.via)]);
                }
                EventBody::SatisfactionAnswered {
                    satisfied, comment, ..
                } => {
                    h.satisfaction = Some((*satisfied, w.opt_text(comment.as_ref())));
                }
                // The form names who it is about now (the state), not who it was about before.
                EventBody::ConcernsRecorded { .. }
                | EventBody::NoteAdded { .. }
                | EventBody::ReportSummaryWritten { .. }
                | EventBody::DocumentAttached { .. }
                | EventBody::Classified { .. }
                | EventBody::SignedOff { .. }
                | EventBody::Closed { .. }
                | EventBody::ComplainantAdded { .. }
                | EventBody::StatusLinksRevoked { .. }
                | EventBody::LetterPosted { .. }
                | EventBody::HoldPlaced { .. }
                | EventBody::HoldLifted { .. }
                | EventBody::Anonymised { .. }
                | EventBody::Rectified { .. }
                // The dossier shows the joined and linked complaints; the form is this one's.
                | EventBody::MarkedDuplicate { .. }
                | EventBody::DuplicateJoined { .. }
                | EventBody::DuplicateSeparated { .. }
                | EventBody::RelatedLinked { .. }
                | EventBody::RelatedUnlinked { .. } => {}
            }
        }
        h
    }
}

impl RegistrationForm {
    /// The form of complaint `reference` as stored: its `state` and the `events` it was folded
    /// from, in order; handled under `profile` (the version the complaint pins, T16), with names
    /// from `org`, in `lang`, printed at `now`.
    pub fn new<'e>(
        reference: &Reference,
        state: &Complaint,
        events: impl IntoIterator<Item = &'e Event>,
        profile: &Profile,
        org: &Org,
        lang: Lang,
        now: Timestamp,
    ) -> RegistrationForm {
        let w = Writer { lang, org, profile };
        let c = state;
        let h = History::read(&w, events);
        let missing_fields = klacht_core::procedure::missing_registration(profile, c);
        let is_missing = |f: RegistrationField| missing_fields.contains(&f);
        let required = |mut field: Field, f: RegistrationField| {
            field.missing = is_missing(f);
            field
        };

        let meta = vec![
            field(w.t("registration-reference"), Some(reference.to_string())),
            field(
                w.t("registration-complaints-procedure"),
                Some(format!(
                    "{}, {} {} ({} {})",
                    profile.title.get(lang),
                    w.t("registration-version"),
                    profile.version,
                    w.t("registration-adopted-on"),
                    w.date(profile.adopted_on),
                )),
            ),
            field(w.t("registration-status"), Some(w.status(c.status))),
            field(w.t("registration-printed-on"), Some(w.moment(now))),
        ];

        // NAW (T20), contact details (T19), representation (K1), age (K2), relation (T1).
        let person = c.complainant.get();
        let erased = !c.complainant.is_present();
        let of_person = |get: fn(&klacht_core::procedure::Complainant) -> Option<String>| {
            if erased {
                Some(w.erased())
            } else {
                person.and_then(get)
            }
        };
        let mut complainant = vec![
            required(
                field(
                    w.t("registration-name"),
                    of_person(|p| Some(p.name.clone())),
                ),
                RegistrationField::ComplainantName,
            ),
            required(
                field(
                    w.t("registration-address-and-place-of-residence"),
                    of_person(|p| p.address.clone()),
                ),
                RegistrationField::ComplainantAddress,
            ),
            required(
                field(
                    w.t("registration-email-address"),
                    of_person(|p| p.email.clone()),
                ),
                RegistrationField::ComplainantContact,
            ),
            required(
                field(
                    w.t("registration-phone-number"),
                    of_person(|p| p.phone.clone()),
                ),
                RegistrationField::ComplainantContact,
            ),
        ];
        let date_of_birth = person.and_then(|p| p.date_of_birth);
        if profile.registration.ask_date_of_birth || date_of_birth.is_some() {
            complainant.push(field(
                w.t("registration-date-of-birth"),
                if erased {
                    Some(w.erased())
                } else {
                    date_of_birth.map(|d| w.date(d))
                },
            ));
        }
        if let Some(on_behalf_of) = &c.on_behalf_of {
            complainant.push(field(
                w.t("registration-complaint-made-on-behalf-of"),
                w.text(on_behalf_of),
            ));
        }
        complainant.push(required(
            field(
                w.t("registration-relation-to-the-organisation"),
                c.relation.as_deref().map(|r| match profile.relation(r) {
                    Some(choice) => choice.label.get(lang).to_owned(),
                    None => r.to_owned(),
                }),
            ),
            RegistrationField::Relation,
        ));

        // When, where and by whom the complaint was established; reported, received, forwarded
        // (T20, T3, T8).
        let channel = profile
            .channel(c.channel)
            .map(|ch| ch.label.get(lang).to_owned())
            .unwrap_or_else(|| c.channel.as_str().to_owned());
        let received_by = match c.received_by {
            Some(id) => Some(w.staff(id)),
            // The public form: nobody took it in; the form itself is the receiving point.
            None if c.channel == klacht_core::Channel::Web => Some(channel.clone()),
            None => None,
        };
        let forwarded: Vec<String> = h
            .assignments
            .iter()
            .map(|(at, id)| format!("{} ({})", w.staff(*id), w.day(*at)))
            .collect();
        let handler = if forwarded.is_empty() {
            // Settled at once (T4): whoever settled it handled it.
            c.handler.map(|id| w.staff(id)).or_else(|| {
                c.decision
                    .as_ref()
                    .filter(|_| c.resolved_directly)
                    .map(|d| w.actor(d.by))
            })
        } else {
            Some(forwarded.join("; "))
        };
        let receipt = vec![
            field(
                w.t("registration-date-and-time-reported"),
                Some(w.moment(c.received_at)),
            ),
            field(
                w.t("registration-where-it-was-established"),
                w.opt_text(c.received_where.as_ref()),
            ),
            required(
                field(w.t("registration-received-by"), received_by),
                RegistrationField::ReceivedBy,
            ),
            field(w.t("registration-came-in-through"), Some(channel)),
            field(
                w.t("registration-registered-by"),
                h.registered_by.map(|a| w.actor(a)),
            ),
            required(
                field(w.t("registration-forwarded-to"), handler),
                RegistrationField::Handler,
            ),
            field(w.t("registration-concerns-staff-member"), w.concerned(c)),
        ];

        let description = vec![required(
            long(
                w.t("registration-description-of-the-complaint"),
                w.text(&c.description),
            ),
            RegistrationField::Description,
        )];

        // K10: how it was submitted and its nature; severity and sensitivity (T9, T18).
        let categories: Vec<String> = c
            .categories
            .iter()
            .map(|id| match profile.category(id) {
                Some(choice) => choice.label.get(lang).to_owned(),
                None => id.clone(),
            })
            .collect();
        let classification = vec![
            field(
                w.t("registration-how-it-was-submitted"),
                Some(klacht_core::vocabulary::form(c.form, w.lang).to_owned()),
            ),
            required(
                field(
                    w.t("registration-nature-of-the-complaint"),
                    (!categories.is_empty()).then(|| categories.join("\n")),
                ),
                RegistrationField::Category,
            ),
            required(
                field(
                    w.t("registration-severity"),
                    c.severity.as_deref().map(|s| match profile.severity(s) {
                        Some(sev) => sev.label.get(lang).to_owned(),
                        None => s.to_owned(),
                    }),
                ),
                RegistrationField::Severity,
            ),
            field(
                w.t("registration-sensitive-complaint"),
                Some(w.yes_no(c.sensitive)),
            ),
        ];

        // The course of the handling: acknowledgement (T5), the one involved informed and heard
        // (K5, K6), the deadlines and their extensions (T6, K12.4), escalation (T9), reopening.
        let informed: Vec<String> = h
            .informed
            .iter()
            .map(|(at, who)| format!("{who} ({})", w.day(*at)))
            .collect();
        let handling_fields = vec![
            field(
                w.t("registration-receipt-acknowledged"),
                h.acknowledged
                    .map(|(at, via)| format!("{} ({})", w.day(at), w.via(via))),
            ),
            field(
                w.t("registration-person-involved-informed"),
                (!informed.is_empty()).then(|| informed.join("; ")),
            ),
        ];
        let deadlines: Vec<Vec<String>> = c
            .deadlines
            .iter()
            .map(|d| {
                vec![
                    w.deadline(&d.id),
                    d.due
                        .map(|due| w.date(due))
                        .unwrap_or_else(|| w.t("registration-not-started")),
                    d.met_at.map(|at| w.day(at)).unwrap_or_default(),
                    d.extensions.to_string(),
                ]
            })
            .collect();
        let handling_tables = vec![
            table(
                w.t("registration-hearings"),
                vec![
                    (w.t("registration-date"), 1.2),
                    (w.t("registration-heard"), 1.3),
                    (w.t("registration-summary"), 3.5),
                ],
                h.hearings,
            ),
            table(
                w.t("registration-deadlines"),
                vec![
                    (w.t("registration-deadline"), 2.0),
                    (w.t("registration-due"), 1.4),
                    (w.t("registration-met-on"), 1.4),
                    (w.t("registration-extended"), 0.8),
                ],
                deadlines,
            ),
            table(
                w.t("registration-extensions"),
                vec![
                    (w.t("registration-date"), 1.1),
                    (w.t("registration-deadline"), 1.3),
                    (w.t("registration-was"), 1.1),
                    (w.t("registration-becomes"), 1.1),
                    (w.t("registration-reason"), 2.2),
                    (w.t("registration-with-consent"), 1.2),
                ],
                h.extensions,
            ),
            table(
                w.t("registration-escalations"),
                vec![
                    (w.t("registration-date"), 1.2),
                    (w.t("registration-to"), 1.2),
                    (w.t("registration-reason"), 3.6),
                ],
                h.escalations,
            ),
            table(
                w.t("registration-reopenings"),
                vec![
                    (w.t("registration-date"), 1.2),
                    (w.t("registration-reason"), 4.8),
                ],
                h.reopenings,
            ),
        ];

        // How it was settled: when, by whom, how (T20, K7), the measures (T7), and what the
        // complainant said about it.
        let decision = c.decision.as_ref();
        let how = match &h.decision {
            Some((text, _)) => Some(text.clone()),
            None if c.status == Status::Withdrawn => h.withdrawn_reason.clone(),
            None => None,
        };
        let communicated = |id: u32| {
            c.measures
                .iter()
                .find(|m| m.id == id)
                .is_some_and(|m| m.communicated)
        };
        let measures: Vec<Vec<String>> = h
            .measures
            .iter()
            .map(|(id, text)| vec![id.to_string(), text.clone(), w.yes_no(communicated(*id))])
            .collect();
        let mut settlement = vec![
            field(
                w.t("registration-outcome"),
                decision.map(|d| w.outcome(d.outcome)),
            ),
            field(w.t("registration-when"), decision.map(|d| w.moment(d.at))),
            field(w.t("registration-by-whom"), decision.map(|d| w.actor(d.by))),
            long(w.t("registration-how-the-decision"), how),
            field(
                w.t("registration-told-to-the-complainant-by"),
                h.decision
                    .as_ref()
                    .and_then(|(_, via)| via.map(|v| w.via(v))),
            ),
        ];
        if c.resolved_directly {
            settlement.push(field(
                w.t("registration-resolved-directly"),
                Some(w.yes_no(true)),
            ));
        }
        settlement.push(field(
            w.t("registration-closed-on"),
            c.closed_at.map(|at| w.moment(at)),
        ));
        if let Some((satisfied, comment)) = &h.satisfaction {
            let answer = if *satisfied {
                w.t("registration-satisfied")
            } else {
                w.t("registration-not-satisfied")
            };
            settlement.push(field(
                w.t("registration-complainants-satisfaction"),
                Some(match comment {
                    Some(comment) => format!("{answer}: {comment}"),
                    None => answer,
                }),
            ));
        }
        let measures_table = table(
            w.t("registration-measures"),
            vec![
                (w.t("registration-no-2"), 0.5),
                (w.t("registration-measure"), 4.3),
                (w.t("registration-told-to-the-complainant"), 1.4),
            ],
            measures,
        );

        // Contacts with the complainant about the settlement: dates, agreements, actions (T20),
        // and the letters sent (T12).
        let contacts = vec![
            table(
                w.t("registration-contacts"),
                vec![
                    (w.t("registration-date"), 1.2),
                    (w.t("registration-by"), 0.9),
                    (w.t("registration-discussed-and-done"), 2.2),
                    (w.t("registration-agreements"), 1.8),
                    (w.t("registration-measures-told"), 1.0),
                ],
                h.contacts,
            ),
            table(
                w.t("registration-letters-to-the-complainant"),
                vec![
                    (w.t("registration-date"), 1.2),
                    (w.t("registration-letter-2"), 3.0),
                    (w.t("registration-by"), 1.2),
                ],
                h.letters,
            ),
        ];

        let sections = vec![
            Section {
                id: "complainant",
                heading: w.t("registration-complainant"),
                fields: complainant,
                tables: vec![],
            },
            Section {
                id: "receipt",
                heading: w.t("registration-report-and-receipt"),
                fields: receipt,
                tables: vec![],
            },
            Section {
                id: "description",
                heading: w.t("registration-the-complaint"),
                fields: description,
                tables: vec![],
            },
            Section {
                id: "classification",
                heading: w.t("registration-classification"),
                fields: classification,
                tables: vec![],
            },
            Section {
                id: "handling",
                heading: w.t("registration-handling"),
                fields: handling_fields,
                tables: handling_tables,
            },
            Section {
                id: "settlement",
                heading: w.t("registration-settlement"),
                fields: settlement,
                tables: vec![measures_table],
            },
            Section {
                id: "contacts",
                heading: w.t("registration-contacts-with-the-complainant-about-the"),
                fields: vec![],
                tables: contacts,
            },
        ];

        // K11: who signs is the profile's choice. A sign-off in the dossier shows who and when;
        // a missing one leaves a line to sign on paper, with the name where it is known.
        let mut signatures: Vec<Signature> = Vec::new();
        let mut unsigned = Vec::new();
        for cap in &profile.registration.sign_off {
            let given: Vec<_> = c.sign_offs.iter().filter(|s| s.capacity == *cap).collect();
            if given.is_empty() {
                unsigned.push(w.capacity(*cap));
                signatures.push(Signature {
                    capacity: w.capacity(*cap),
                    name: match cap {
                        Capacity::Involved => w.concerned(c),
                        Capacity::Handler => c.handler.map(|id| w.staff(id)),
                        _ => None,
                    },
                    signed_on: None,
                    required: true,
                });
            }
            for s in given {
                // A person without an account signed on paper; the coordinator recorded it.
                let (name, on) = match s.signed_on {
                    Some(d) => (
                        w.concerned(c).map(|n| {
                            format!(
                                "{n} ({}: {})",
                                w.t("registration-recorded-by"),
                                w.actor(s.by)
                            )
                        }),
                        w.date(d),
                    ),
                    None => (Some(w.actor(s.by)), w.moment(s.at)),
                };
                signatures.push(Signature {
                    capacity: w.capacity(*cap),
                    name,
                    signed_on: Some(on),
                    required: true,
                });
            }
        }
        for s in &c.sign_offs {
            if !profile.registration.sign_off.contains(&s.capacity) {
                signatures.push(Signature {
                    capacity: w.capacity(s.capacity),
                    name: Some(w.actor(s.by)),
                    signed_on: Some(w.moment(s.at)),
                    required: false,
                });
            }
        }

        RegistrationForm {
            lang,
            words: Words::get(lang),
            organisation: profile.organisation.name.clone(),
            reference: reference.to_string(),
            meta,
            missing: missing_fields
                .iter()
                .map(|f| w.registration_field(*f))
                .collect(),
            unsigned,
            sections,
            signatures,
            pdf_href: None,
            back_href: None,
        }
    }

    /// Every required field is filled in and every required signature given.
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.unsigned.is_empty()
    }

    /// "Klachtenregistratieformulier 2026-0001".
    pub fn title(&self) -> String {
        format!("{} {}", self.words.title, self.reference)
    }
}

#[derive(Template)]
#[template(path = "registration.html")]
struct RegistrationPage<'a> {
    form: &'a RegistrationForm,
}

/// The style of the HTML form: A4 on paper, a sheet on screen. The page links it as
/// `/static/print.css`, where the web server serves it (a file of its own, so that the page's
/// Content-Security-Policy can keep `style-src 'self'`).
pub const CSS: &str = include_str!("registration.css");

/// The form as a standalone, print-ready HTML page (styled by [`CSS`] at `/static/print.css`).
pub fn render_html(form: &RegistrationForm) -> Result<String, askama::Error> {
    RegistrationPage { form }.render()
}
