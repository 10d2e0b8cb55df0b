//! The dossier page and every step of the procedure as a form, with a preview of the letter the
//! step will send. A form carries the version of the complaint it was made from: if someone else
//! took a step meanwhile, the second person sees what happened and keeps what they typed; nothing
//! is stored twice.

use super::dashboard::{UrgencyTag, category_label, channel_label, staff_name, status_label};
use super::{Desk, Frame, Msg, message};
use crate::http::forms::{Text, checkbox, ticked};
use crate::http::i18n::SaidHere;
use crate::http::i18n::{text_problem, tr, tr_args};
use crate::http::page_error::PageError;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use klacht_app::complaints::{self as app, Opened, StepOptions};
use klacht_app::steps::ActionRequest;
use klacht_app::{AppError, FieldProblem, Problem};
use klacht_core::Personal;
use klacht_core::calendar::amsterdam_date;
use klacht_core::deadlines::Urgency;
use klacht_core::procedure::{
    self, Action, Ctx, EventBody, Org, View, acting_coordinators, capacities,
};
use klacht_core::profile::Capacity;
use klacht_core::{Actor, Lang, Role};
use serde::Deserialize;

// --- Labels ---------------------------------------------------------------------------------

/// What an event is called on the timeline.
fn kind_label(kind: &str, lang: Lang) -> String {
    klacht_core::vocabulary::event_kind(kind, lang)
}

fn yes_no(b: bool, lang: Lang) -> String {
    tr(lang, if b { "desk-yes" } else { "desk-no" }).to_owned()
}

fn capacity_label(c: &str, lang: Lang) -> String {
    klacht_core::vocabulary::capacity_code(c, lang)
}

fn via_label(v: &str, lang: Lang) -> String {
    klacht_core::vocabulary::via(v, lang)
}

/// The name of a step, as its button and page title say.
pub fn action_label(a: Action, lang: Lang) -> &'static str {
    klacht_core::vocabulary::step(a, lang)
}

// --- The dossier --------------------------------------------------------------------------------

/// An entry of the timeline.
pub struct Entry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub kind: String,
    pub details: Vec<(String, String)>,
    /// A letter: subject, text and how its delivery stands.
    pub letter: Option<(String, String, String)>,
    /// Where the letter is printed (print-ready HTML, and from there the PDF).
    pub print: Option<String>,
    pub documents: Vec<(String, String)>,
}

fn actor_name(org: &Org, a: Actor, lang: Lang) -> String {
    match (a, lang) {
        (Actor::Staff(id), _) => staff_name(org, Some(id)),
        (Actor::Complainant, _) => tr(lang, "dossier-the-complainant").into(),
        (Actor::System, _) => "klacht".into(),
    }
}

/// The details of one timeline entry, each a label of the catalogue with its value in words.
/// Text that is erased (anonymised), hidden from this view (K3) or blank is left out.
struct Details<'a> {
    o: &'a Opened,
    lang: Lang,
    out: Vec<(String, String)>,
}

impl Details<'_> {
    fn push(&mut self, key: &'static str, value: String) {
        self.out.push((tr(self.lang, key).to_owned(), value));
    }

    fn text(&mut self, key: &'static str, value: &Personal<String>) {
        if let Some(v) = value.get().filter(|v| !v.trim().is_empty()) {
            self.push(key, v.clone());
        }
    }

    fn text_opt(&mut self, key: &'static str, value: &Option<Personal<String>>) {
        if let Some(v) = value {
            self.text(key, v);
        }
    }

    fn staff(&mut self, key: &'static str, id: klacht_core::UserId) {
        let name = staff_name(&self.o.org, Some(id));
        self.push(key, name);
    }

    /// The person concerned as a step names them: a staff member, or a person without an
    /// account by the name recorded.
    fn involved(&mut self, staff: Option<klacht_core::UserId>, person: Option<&Personal<String>>) {
        match (staff, person) {
            (Some(id), _) => self.staff("dossier-person-concerned", id),
            (None, Some(p)) => self.text("dossier-person-concerned", p),
            (None, None) => {}
        }
    }

    fn via(&mut self, v: procedure::Via) {
        self.push("dossier-via", via_label(v.as_str(), self.lang));
    }

    fn date(&mut self, key: &'static str, d: jiff::civil::Date) {
        self.push(key, super::long_date(d, self.lang));
    }

    fn yes_no(&mut self, key: &'static str, b: bool) {
        self.push(key, yes_no(b, self.lang));
    }
}

/// The details of event `body` as the timeline shows them: an exhaustive match, so that a new
/// event or a renamed field cannot slip past the timeline unnoticed. Within an entry the
/// details come in the order of their field names (as they always have, when they were read
/// from the event's JSON), e.g. `consent`, `deadline`, `new_due`, `previous_due`, `reason`.
fn details(body: &EventBody, o: &Opened, lang: Lang) -> Vec<(String, String)> {
    let mut d = Details {
        o,
        lang,
        out: Vec::new(),
    };
    match body {
        EventBody::Registered(_) => {
            let channel = channel_label(&o.loaded, o.dossier.state.channel, lang);
            d.push("desk-channel", channel);
        }
        EventBody::ResolvedDirectly { how } => d.text("dossier-how", how),
        EventBody::Acknowledged {
            via,
            note,
            meets: _,
        } => {
            d.text_opt("dossier-note", note);
            d.via(*via);
        }
        EventBody::Assigned { handler, meets: _ } => d.staff("desk-handler", *handler),
        EventBody::ConcernsRecorded { about } => match about {
            None => d.push(
                "dossier-who-is-it-about",
                tr(lang, "dossier-nobody-in-particular").to_owned(),
            ),
            Some(procedure::Concerned::Staff { user }) => d.staff("dossier-who-is-it-about", *user),
            Some(procedure::Concerned::Person(p)) => {
                d.text_opt("dossier-concerns-contact", &p.contact);
                if let Some(name) = p.name.get() {
                    d.push(
                        "dossier-who-is-it-about",
                        format!("{name} ({})", tr(lang, "dossier-no-account")),
                    );
                }
                d.text_opt("dossier-concerns-role", &p.role);
            }
        },
        EventBody::InvolvedInformed {
            involved,
            person,
            via,
            note,
        } => {
            d.involved(*involved, person.as_ref());
            d.text_opt("dossier-note", note);
            if let Some(v) = via {
                d.via(*v);
            }
        }
        EventBody::HearingRecorded {
            involved,
            person,
            held_on,
            summary,
            meets: _,
        } => {
            d.date("dossier-held-on", *held_on);
            d.involved(*involved, person.as_ref());
            d.text("dossier-summary", summary);
        }
        EventBody::ReferredOutside { body, on, until } => {
            d.push("dossier-external-body", body_name(o, body, lang));
            d.date("dossier-on", *on);
            d.date("dossier-referral-until", *until);
        }
        EventBody::ExternalOutcomeRecorded {
            body,
            outcome,
            on,
            summary,
        } => {
            d.push("dossier-external-body", body_name(o, body, lang));
            d.date("dossier-on", *on);
            d.push(
                "dossier-external-outcome",
                klacht_core::vocabulary::external_outcome(*outcome, lang).to_owned(),
            );
            d.text_opt("dossier-summary", summary);
        }
        EventBody::ComplainantHearingRecorded {
            hearing,
            on,
            ground,
            note,
        } => {
            if let Some(g) = ground {
                d.push(
                    "dossier-hearing-ground",
                    klacht_core::vocabulary::waiver_ground(*g, lang).to_owned(),
                );
            }
            d.push(
                "dossier-hearing",
                klacht_core::vocabulary::complainant_hearing(*hearing, lang).to_owned(),
            );
            d.text_opt("dossier-note", note);
            d.date("dossier-on", *on);
        }
        EventBody::ContactRecorded {
            via,
            on,
            summary,
            agreements,
            measures_communicated: _,
        } => {
            d.text_opt("dossier-agreements", agreements);
            d.date("dossier-on", *on);
            d.text("dossier-summary", summary);
            d.via(*via);
        }
        EventBody::NoteAdded { text }
        | EventBody::ReportSummaryWritten { text }
        | EventBody::ComplainantAdded {
            text: Some(text),
            documents: _,
            mail: None,
        } => d.text("dossier-text", text),
        EventBody::ComplainantAdded {
            text: None,
            documents: _,
            mail: None,
        } => {}
        EventBody::ComplainantAdded {
            text,
            documents: _,
            mail: Some(m),
        } => {
            d.text("dossier-mail-from", &m.from);
            d.text("dossier-mail-subject", &m.subject);
            d.push(
                "dossier-mail-how",
                tr(
                    lang,
                    if m.by_hand {
                        "dossier-mail-added-from-the-tray"
                    } else {
                        "dossier-mail-threaded"
                    },
                )
                .to_owned(),
            );
            d.text_opt("dossier-text", text);
            if !m.left_out.is_empty() {
                d.push("dossier-mail-left-out", m.left_out.join(", "));
            }
        }
        // The document is a link of its own, not a detail.
        EventBody::DocumentAttached { document: _ } => {}
        EventBody::Extended {
            deadline,
            previous_due,
            new_due,
            reason,
            consent,
        } => {
            d.yes_no("dossier-with-the-complainants-consent", *consent);
            d.push("dossier-deadline", deadline_label(o, deadline, lang));
            d.date("dossier-now-due", *new_due);
            d.date("dossier-was-due", *previous_due);
            d.text("desk-reason", reason);
        }
        EventBody::Escalated {
            to,
            reason,
            deadlines: _,
        } => {
            d.text("desk-reason", reason);
            d.push(
                "desk-to",
                klacht_core::vocabulary::level_code(to.as_str(), lang),
            );
        }
        EventBody::EscalationNotNeeded { reason } => d.text("desk-reason", reason),
        EventBody::ReferredToCommittee {
            reason,
            deadlines: _,
        }
        | EventBody::Reopened {
            reason,
            deadlines: _,
        } => d.text("desk-reason", reason),
        EventBody::Classified {
            categories,
            severity,
            sensitive,
            relation,
        } => {
            let names: Vec<String> = categories
                .iter()
                .map(|c| category_label(&o.loaded, c, lang))
                .collect();
            d.push("dossier-categories", names.join(", "));
            if let Some(r) = relation.as_ref().filter(|r| !r.trim().is_empty()) {
                d.push("dossier-relation", relation_label(o, r, lang));
            }
            d.yes_no("desk-sensitive", *sensitive);
            if let Some(s) = severity {
                d.push("desk-severity", severity_label(o, s, lang));
            }
        }
        EventBody::MeasureRecorded { id: _, description } => {
            d.text("desk-description", description);
        }
        EventBody::Decided {
            outcome,
            decision,
            via,
            measures_communicated: _,
            meets: _,
        } => {
            d.text("recommendation-decision", decision);
            d.push("dossier-outcome", outcome_label(o, *outcome, lang));
            d.via(*via);
        }
        EventBody::SignedOff {
            capacity,
            signed_on,
        } => {
            d.push("dossier-as", capacity_label(capacity.as_str(), lang));
            if let Some(on) = signed_on {
                d.date("dossier-signed-on-paper", *on);
            }
        }
        EventBody::Closed { meets: _ } => {}
        EventBody::Withdrawn { reason } | EventBody::StatusLinksRevoked { reason } => {
            d.text_opt("desk-reason", reason);
        }
        // A letter is shown as a letter (subject, text, delivery), not as details.
        EventBody::Letter(_) => {}
        EventBody::LetterPosted { letter } => {
            let subject = letter_subject(o, *letter)
                .unwrap_or_else(|| tr(lang, "dossier-removed-when-anonymised").to_owned());
            d.push("dossier-letter-posted-which", subject);
        }
        EventBody::SatisfactionAnswered {
            satisfied,
            answer,
            reopen,
            comment,
        } => {
            if let Some(id) = answer {
                let label = o
                    .loaded
                    .profile
                    .satisfaction_answer(id)
                    .map_or_else(|| id.clone(), |a| a.label.get(lang).to_owned());
                d.push("dossier-satisfaction-answer", label);
            }
            d.text_opt("dossier-comment", comment);
            d.yes_no("dossier-satisfaction-reopen", reopen.unwrap_or(!*satisfied));
            d.yes_no("dossier-satisfied", *satisfied);
        }
        EventBody::HoldPlaced { reason } => d.text("desk-reason", reason),
        EventBody::Rectified {
            field,
            value,
            digest: _,
        } => {
            d.push(
                "dossier-rectified-field",
                super::requests::field_label(*field, lang).to_owned(),
            );
            d.text("dossier-rectified-value", value);
        }
        EventBody::HoldLifted { reason } => d.text_opt("desk-reason", reason),
        EventBody::MarkedDuplicate { of } => d.push("dossier-duplicate-of", of.to_string()),
        EventBody::DuplicateJoined { duplicate } | EventBody::DuplicateSeparated { duplicate } => {
            d.push("dossier-duplicate", duplicate.to_string());
        }
        EventBody::RelatedLinked { with, note } => {
            d.text_opt("dossier-note", note);
            d.push("dossier-related", with.to_string());
        }
        EventBody::RelatedUnlinked { with } => d.push("dossier-related", with.to_string()),
        EventBody::Anonymised { why, reason } => {
            d.text_opt("desk-reason", reason);
            let key = match why {
                klacht_core::procedure::AnonymisedWhy::Retention => "dossier-anonymised-retention",
                klacht_core::procedure::AnonymisedWhy::Request => "dossier-anonymised-request",
            };
            d.push("dossier-anonymised-why", tr(lang, key).to_owned());
        }
    }
    d.out
}

/// The profile's name for deadline `id`; the id itself when the profile names none.
fn deadline_label(o: &Opened, id: &str, lang: Lang) -> String {
    o.loaded
        .profile
        .deadline(id)
        .map(|d| d.label.get(lang).to_owned())
        .unwrap_or_else(|| id.to_owned())
}

/// The profile's name for severity `id`; the id itself when the profile names none.
fn severity_label(o: &Opened, id: &str, lang: Lang) -> String {
    o.loaded
        .profile
        .severities
        .iter()
        .find(|x| x.id == id)
        .map(|x| x.label.get(lang).to_owned())
        .unwrap_or_else(|| id.to_owned())
}

/// The profile's name for relation `id` (T1); the id itself when the profile names none.
fn relation_label(o: &Opened, id: &str, lang: Lang) -> String {
    o.loaded
        .profile
        .relation(id)
        .map(|x| x.label.get(lang).to_owned())
        .unwrap_or_else(|| id.to_owned())
}

/// Who each level of escalation tells, by name, before the step is saved; a level nobody holds
/// is said plainly, with what to do.
fn escalation_hint(
    users: &[klacht_store::User],
    concerns: Option<klacht_core::UserId>,
    lang: Lang,
) -> String {
    use klacht_core::procedure::{Level, Org, escalation_recipients};
    let org = Org {
        staff: users
            .iter()
            .filter(|u| u.active)
            .map(klacht_store::User::staff)
            .collect(),
    };
    let told = |level: Level| {
        let names: Vec<&str> = escalation_recipients(&org, level, concerns)
            .into_iter()
            .filter_map(|id| users.iter().find(|u| u.id == id).map(|u| u.name.as_str()))
            .collect();
        if names.is_empty() {
            tr(lang, "dossier-escalation-nobody").to_owned()
        } else {
            names.join(", ")
        }
    };
    crate::http::i18n::tr_args(
        lang,
        "dossier-escalation-who-is-told",
        &[
            ("director", &told(Level::Director)),
            ("board", &told(Level::Board)),
        ],
    )
}

/// The profile's name for an outcome; its code when the profile does not use it.
fn outcome_label(o: &Opened, outcome: klacht_core::Outcome, lang: Lang) -> String {
    o.loaded
        .profile
        .outcomes
        .iter()
        .find(|x| x.id == outcome)
        .map(|x| x.label.get(lang).to_owned())
        .unwrap_or_else(|| outcome.as_str().to_owned())
}

/// The subject of the letter recorded as event `seq`, if it is still there.
fn letter_subject(o: &Opened, seq: i64) -> Option<String> {
    o.dossier.events.iter().find_map(|e| match &e.event.body {
        EventBody::Letter(l) if e.seq == seq => l.subject.get().cloned(),
        _ => None,
    })
}

fn delivery_text(o: &Opened, seq: i64, via: procedure::Via, lang: Lang) -> String {
    let t = |key: &'static str| tr(lang, key).to_owned();
    if via != procedure::Via::Email {
        let posted = o.dossier.events.iter().find_map(|e| match e.event.body {
            EventBody::LetterPosted { letter } if letter == seq => Some(e.event.at),
            _ => None,
        });
        return match posted {
            Some(at) => tr_args(
                lang,
                "dossier-letter-posted-on",
                &[("date", &super::when(at))],
            ),
            None => t("dossier-by-post-to-be-printed-and-sent"),
        };
    }
    match o.mail.iter().find(|m| m.seq == seq) {
        Some(m) if m.bounced_at.is_some() => tr_args(
            lang,
            "dossier-letter-bounced",
            &[
                ("date", &super::when(m.bounced_at.unwrap_or_default())),
                ("reason", m.bounce_reason.as_deref().unwrap_or_default()),
            ],
        ),
        Some(m) if m.sent_at.is_some() => tr_args(
            lang,
            "dossier-letter-sent-by-e-mail-on",
            &[("date", &super::when(m.sent_at.unwrap_or_default()))],
        ),
        Some(m) if m.failed_at.is_some() => t("dossier-not-delivered-the-mail-server-refused-it"),
        Some(m) => tr_args(
            lang,
            "dossier-letter-waiting-to-be-sent",
            &[("attempts", &m.attempts.to_string())],
        ),
        None => t("dossier-by-e-mail"),
    }
}

/// The timeline as `who` may see it.
pub fn timeline(o: &Opened, view: View, lang: Lang, since: i64) -> Vec<Entry> {
    let reference = o.dossier.reference.to_string();
    let mut out = Vec::new();
    for e in o.dossier.events.iter().filter(|e| e.seq > since) {
        // Each entry as this person sees it (K3).
        let Some(body) = procedure::seen_in(view, &e.event.body) else {
            continue;
        };
        let body = &*body;
        let mut letter = None;
        let mut print = None;
        let mut documents = Vec::new();
        match body {
            EventBody::Letter(l) if view == View::Full => {
                if l.body.is_present() {
                    print = Some(letter_href(&reference, e.seq));
                }
                // Erased with the complaint's personal data: said so.
                let removed = || tr(lang, "dossier-removed-when-anonymised").to_owned();
                letter = Some((
                    l.subject.get().cloned().unwrap_or_else(removed),
                    l.body.get().cloned().unwrap_or_else(removed),
                    delivery_text(o, e.seq, l.via, lang),
                ));
            }
            EventBody::DocumentAttached { document } => {
                documents.push(doc_link(&reference, document));
            }
            EventBody::ComplainantAdded { documents: d, .. } => {
                documents.extend(d.iter().map(|d| doc_link(&reference, d)));
            }
            _ => {}
        }
        let details = details(body, o, lang);
        // The files of an anonymised complaint are removed with its personal data.
        if view == View::Involved || o.dossier.state.anonymised_at.is_some() {
            documents.clear();
        }
        out.push(Entry {
            seq: e.seq,
            at: super::when(e.event.at),
            actor: actor_name(&o.org, e.event.actor, lang),
            kind: kind_label(body.kind(), lang),
            details,
            letter,
            print,
            documents,
        });
    }
    out
}

/// The printable letter recorded as event `seq`.
fn letter_href(reference: &str, seq: i64) -> String {
    format!("/beheer/klachten/{reference}/brieven/{seq}")
}

fn doc_link(reference: &str, d: &procedure::Document) -> (String, String) {
    (
        d.filename
            .get()
            .cloned()
            .unwrap_or_else(|| "document".into()),
        format!("/beheer/klachten/{reference}/documenten/{}", d.sha256),
    )
}

pub struct DeadlineRow {
    pub label: String,
    pub due: String,
    pub met: String,
    pub urgency: Urgency,
    pub urgency_label: String,
    pub extensions: u32,
}

#[derive(Template)]
#[template(path = "beheer/dossier.html")]
struct DossierPage {
    f: Frame,
    reference: String,
    full: bool,
    done: Option<String>,
    status: &'static str,
    channel: String,
    form: &'static str,
    received: String,
    /// The version of the regulation the complaint is handled under (T16): its label and its
    /// public page.
    regulation: (String, String),
    received_by: String,
    received_where: String,
    complainant: Vec<(String, String)>,
    on_behalf_of: String,
    description: String,
    concerns: String,
    /// The form that records or changes who the complaint is about, for whoever may.
    record_concerns: Option<String>,
    handler: String,
    classification: Vec<(String, String)>,
    escalation: String,
    deadlines: Vec<DeadlineRow>,
    decision: Vec<(String, String)>,
    measures: Vec<String>,
    sign_offs: Vec<(String, String, String)>,
    missing: Vec<String>,
    /// "You cannot handle this: it concerns you — the deputy is …".
    conflict: Option<String>,
    advice: Vec<String>,
    actions: Vec<(String, &'static str)>,
    entries: Vec<Entry>,
    reads: Vec<(String, String)>,
    satisfied: Option<String>,
    reopen_requested: bool,
    /// May attach documents: the upload form.
    can_attach: bool,
    csrf: String,
    version: u64,
    /// "Geanonimiseerd op 3 december 2026 (op verzoek)": the personal data are gone (K8, T10).
    anonymised: Option<String>,
    /// "Bewust bewaard sinds 1 december 2026: reason" while held back from anonymisation.
    held: Option<String>,
    /// The form that lifts the hold, for whoever may.
    lift_hold: Option<String>,
    /// The registration form's personal data were erased: no completeness to check.
    registration_anonymised: bool,
    /// Letters by post still to print and send: (subject, print link, "mark as sent" action).
    to_post: Vec<(String, String, String)>,
    /// The complaint this one is a duplicate of (issue 17), in the full view.
    duplicate_of: Option<String>,
    /// The complaints that joined this one as duplicates: each reference, and what its own
    /// dossier holds (documents and messages of the complainant) when this person sees it.
    duplicates: Vec<(String, String)>,
    /// The complaints linked as related.
    related: Vec<String>,
    /// The rung of the ladder it was settled on (issue 18), in words, once decided or closed.
    rung: Option<String>,
    /// Each referral outside, in a sentence: the body, when, until when, and its outcome.
    referrals: Vec<String>,
}

/// The name of the regulation's external body `id`, in `lang` (the id itself when the
/// regulation no longer names it).
fn body_name(o: &Opened, id: &str, lang: Lang) -> String {
    o.loaded
        .profile
        .external_body(id)
        .map_or_else(|| id.to_owned(), |b| b.name.get(lang).to_owned())
}

/// A referral outside, as the dossier says it.
fn referral_line(o: &Opened, r: &procedure::Referral, lang: Lang) -> String {
    let mut line = tr_args(
        lang,
        "dossier-referral-line",
        &[
            ("body", body_name(o, &r.body, lang).as_str()),
            ("on", super::long_date(r.on, lang).as_str()),
            ("until", super::long_date(r.until, lang).as_str()),
        ],
    );
    match r.outcome {
        Some((outcome, on)) => {
            line.push(' ');
            line.push_str(&tr_args(
                lang,
                "dossier-referral-outcome",
                &[
                    (
                        "outcome",
                        klacht_core::vocabulary::external_outcome(outcome, lang),
                    ),
                    ("on", super::long_date(on, lang).as_str()),
                ],
            ));
        }
        None => {
            line.push(' ');
            line.push_str(tr(lang, "dossier-referral-pending"));
        }
    }
    line
}

#[derive(Debug, Default, Deserialize)]
pub struct DossierQuery {
    gedaan: Option<String>,
    geregistreerd: Option<String>,
}

fn not_visible(lang: Lang, reference: &str) -> Response {
    let f = Frame::bare(lang, "dossier-not-found");
    let text = tr_args(
        lang,
        "dossier-there-is-no-complaint-reference-that-you",
        &[("reference", reference)],
    );
    super::message_with_link(
        &f,
        StatusCode::NOT_FOUND,
        text,
        "/beheer",
        tr(lang, "dossier-to-the-dashboard"),
    )
}

/// Opens a dossier for `desk`, or the page that says it is not there for them.
async fn open_for(
    state: &AppState,
    desk: &Desk,
    reference: &str,
) -> Result<(Opened, View), Response> {
    let o = match app::open(state, reference).await.map_err(PageError::from) {
        Ok(o) => o,
        Err(e) if e.is_not_found() => {
            return Err(not_visible(desk.lang, reference));
        }
        Err(e) => {
            return Err(super::failed(
                state,
                desk.lang,
                "/beheer",
                "opening a dossier",
                e,
            ));
        }
    };
    let view = procedure::view(
        &o.loaded.profile,
        &o.org,
        &o.dossier.state,
        &desk.user.staff(),
    );
    if view == View::None {
        return Err(not_visible(desk.lang, reference));
    }
    Ok((o, view))
}

/// `GET /beheer/klachten/{reference}`. Every opening is logged (K8).
pub async fn show(
    State(state): State<AppState>,
    desk: Desk,
    Path(reference): Path<String>,
    Query(q): Query<DossierQuery>,
) -> Response {
    let lang = desk.lang;
    let (o, view) = match open_for(&state, &desk, &reference).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    if let Err(e) = app::log_read(&state, &o, desk.user.id).await {
        // No read without its log entry.
        return super::failed(&state, lang, "/beheer", "logging a read", e);
    }
    let now = state.clock.now();
    let staff = desk.user.staff();
    let c = &o.dossier.state;
    let profile = &o.loaded.profile;
    let full = view == View::Full;
    let t = |key: &'static str| tr(lang, key).to_owned();
    let today = amsterdam_date(now);
    let ctx = Ctx {
        profile,
        calendar: &o.loaded.calendar,
        org: &o.org,
        now,
    };
    let caps = capacities(profile, &o.org, Some(c), &staff);
    let conflict = caps.contains(&Capacity::Involved).then(|| {
        let deputies: Vec<String> = acting_coordinators(profile, &o.org, Some(c))
            .iter()
            .map(|s| s.name.clone())
            .collect();
        let who = if deputies.is_empty() {
            t("dossier-nobody-appoint-a-deputy")
        } else {
            deputies.join(", ")
        };
        tr_args(
            lang,
            "dossier-you-cannot-handle-or-decide-on-this",
            &[("who", &who.to_string())],
        )
    });
    let mut complainant = Vec::new();
    let cp = &c.complainant;
    let plain = |p: &Option<klacht_core::Personal<String>>| {
        p.as_ref()
            .and_then(|p| p.get().cloned())
            .unwrap_or_default()
    };
    // Anonymised: said so. The person complained about sees the name only (K3).
    if c.anonymised_at.is_some() && cp.get().is_none() {
        complainant.push((
            t("register-the-complainant"),
            t("dossier-removed-when-anonymised"),
        ));
    }
    if let Some(cp) = cp.get() {
        let date_of_birth = cp.date_of_birth.map(|d| d.to_string());
        // (label, value, shown to the person complained about)
        let rows = [
            (t("desk-name"), Some(&cp.name), true),
            (t("desk-e-mail"), cp.email.as_ref(), false),
            (t("dossier-phone"), cp.phone.as_ref(), false),
            (t("dossier-address"), cp.address.as_ref(), false),
            (t("dossier-date-of-birth"), date_of_birth.as_ref(), false),
        ];
        for (label, value, involved_sees) in rows {
            if !full && !involved_sees {
                continue;
            }
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                complainant.push((label, v.clone()));
            }
        }
    }
    let mut classification = Vec::new();
    if !c.categories.is_empty() {
        classification.push((
            t("dossier-categories"),
            c.categories
                .iter()
                .map(|x| category_label(&o.loaded, x, lang))
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    if let Some(s) = &c.severity {
        classification.push((t("desk-severity"), severity_label(&o, s, lang)));
    }
    classification.push((t("desk-sensitive"), yes_no(c.sensitive, lang)));
    if let Some(r) = &c.relation {
        classification.push((t("dossier-relation"), relation_label(&o, r, lang)));
    }
    let deadlines = c
        .deadlines
        .iter()
        .map(|d| {
            let u = c.urgency(d, &o.loaded.calendar, today);
            DeadlineRow {
                label: profile
                    .deadline(&d.id)
                    .map(|p| p.label.get(lang).to_owned())
                    .unwrap_or_else(|| d.id.clone()),
                due: d.due.map(|x| super::long_date(x, lang)).unwrap_or_default(),
                met: d.met_at.map(super::when).unwrap_or_default(),
                urgency_label: u.label(lang),
                urgency: u,
                extensions: d.extensions,
            }
        })
        .collect();
    let mut decision = Vec::new();
    if let Some(d) = &c.decision {
        decision.push((t("dossier-outcome"), outcome_label(&o, d.outcome, lang)));
        decision.push((t("dossier-on"), super::when(d.at)));
    }
    let measure_text = |id: u32| {
        o.dossier.events.iter().find_map(|e| match &e.event.body {
            EventBody::MeasureRecorded { id: i, description } if *i == id => {
                description.get().cloned()
            }
            _ => None,
        })
    };
    let measures = if full {
        c.measures
            .iter()
            .map(|m| {
                let text = measure_text(m.id).unwrap_or_default();
                if m.communicated {
                    format!("{text} ({})", t("dossier-told-to-the-complainant"))
                } else {
                    text
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let sign_offs = c
        .sign_offs
        .iter()
        .map(|s| {
            (
                capacity_label(s.capacity.as_str(), lang),
                actor_name(&o.org, s.by, lang),
                super::when(s.at),
            )
        })
        .collect();
    // An anonymised registration form lacks the personal data on purpose.
    let missing = if full && c.anonymised_at.is_none() {
        procedure::missing_registration(profile, c)
            .iter()
            .map(|f| registration_field_label(f.as_str(), lang))
            .collect()
    } else {
        Vec::new()
    };
    let mut advice = Vec::new();
    if full && c.awaits_board_consultation(profile) {
        advice.push(t("dossier-this-complaint-is-very-serious-or"));
    }
    let allowed: Vec<Action> = procedure::allowed_actions(&ctx, c, &staff)
        .into_iter()
        .filter_map(Action::parse)
        .collect();
    let can_attach = full && allowed.contains(&Action::AttachDocument);
    let may_lift_hold = allowed.contains(&Action::LiftHold);
    let record_concerns = allowed.contains(&Action::RecordConcerns).then(|| {
        format!(
            "/beheer/klachten/{reference}/stap/{}",
            Action::RecordConcerns.name()
        )
    });
    // K3: the handler became the person complained about and can no longer handle it.
    if full && c.needs_new_handler() {
        advice.push(tr_args(
            lang,
            "dossier-handler-is-concerned",
            &[("name", &staff_name(&o.org, c.handler))],
        ));
    }
    let actions = allowed
        .into_iter()
        .filter(|a| *a != Action::AttachDocument)
        .map(|a| {
            (
                format!("/beheer/klachten/{reference}/stap/{}", a.name()),
                action_label(a, lang),
            )
        })
        .collect();
    // K8: the coordinator sees who opened the dossier.
    let reads = if full && (desk.has(Role::Coordinator) || desk.has(Role::Deputy)) {
        match state.store.reads(o.dossier.id, 50).await {
            Ok(r) => r
                .into_iter()
                .map(|(u, at)| (staff_name(&o.org, Some(u)), super::when(at)))
                .collect(),
            Err(e) => return super::failed(&state, lang, "/beheer", "reading the read log", e),
        }
    } else {
        Vec::new()
    };
    let done = q
        .gedaan
        .as_deref()
        .and_then(Action::parse)
        .map(|a| {
            tr_args(
                lang,
                "dossier-saved-step",
                &[("step", &action_label(a, lang).to_lowercase())],
            )
        })
        .or_else(|| {
            (q.gedaan.as_deref() == Some("letter-posted"))
                .then(|| t("dossier-the-letter-is-marked-as-sent"))
        })
        .or_else(|| {
            q.geregistreerd
                .is_some()
                .then(|| t("dossier-the-complaint-is-registered-the"))
        });
    let entries = timeline(&o, view, lang, 0);
    // The open task of a letter by post: print it, send it, mark it as sent (T12).
    let to_post = if full && c.anonymised_at.is_none() {
        klacht_core::letters::to_post(o.dossier.events.iter().map(|e| (e.seq, &e.event)))
            .into_iter()
            .map(|seq| {
                let href = letter_href(&reference, seq);
                (
                    letter_subject(&o, seq).unwrap_or_default(),
                    href.clone(),
                    format!("{href}/verstuurd"),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let (anonymised, held) = privacy_notices(&o, lang);
    let lift_hold = (held.is_some() && may_lift_hold).then(|| {
        format!(
            "/beheer/klachten/{reference}/stap/{}",
            Action::LiftHold.name()
        )
    });
    // What each joined duplicate holds, read from its own dossier (nothing is copied): shown to
    // whoever sees that dossier whole, who finds it there.
    let mut duplicates = Vec::new();
    for d in c.duplicates.iter().filter(|_| full) {
        let held = match app::open(&state, &d.to_string()).await {
            Ok(dup)
                if procedure::view(&dup.loaded.profile, &dup.org, &dup.dossier.state, &staff)
                    == View::Full =>
            {
                tr_args(
                    lang,
                    "dossier-duplicate-holds",
                    &[
                        ("documents", &dup.dossier.state.documents.to_string()),
                        (
                            "messages",
                            &dup.dossier.state.complainant_additions.to_string(),
                        ),
                    ],
                )
            }
            _ => String::new(),
        };
        duplicates.push((d.to_string(), held));
    }
    let title = format!("{} {}", t("desk-complaint"), reference);
    let page = DossierPage {
        f: desk.frame_titled(&format!("/beheer/klachten/{reference}"), &title),
        reference: reference.clone(),
        full,
        done,
        status: status_label(c.status, lang),
        channel: channel_label(&o.loaded, c.channel, lang),
        form: klacht_core::vocabulary::form(c.form, lang),
        received: super::when(c.received_at),
        regulation: (
            tr_args(
                lang,
                "dossier-regulation-version",
                &[("version", o.loaded.profile.version.as_str())],
            ),
            format!("/klachtenregeling/versies/{}", o.loaded.id),
        ),
        received_by: staff_name(&o.org, c.received_by),
        received_where: if full {
            plain(&c.received_where)
        } else {
            String::new()
        },
        complainant,
        on_behalf_of: plain(&c.on_behalf_of),
        description: c.description.get().cloned().unwrap_or_default(),
        concerns: concerned_label(&o, full, lang),
        record_concerns,
        handler: staff_name(&o.org, c.handler),
        classification,
        escalation: c
            .escalation
            .map(|l| klacht_core::vocabulary::level(l, lang).to_owned())
            .unwrap_or_default(),
        deadlines,
        decision,
        measures,
        sign_offs,
        missing,
        conflict,
        advice,
        actions,
        entries,
        reads,
        satisfied: c.satisfied.map(|s| yes_no(s, lang)),
        reopen_requested: c.reopen_requested,
        can_attach,
        csrf: desk.csrf.clone(),
        version: c.version,
        registration_anonymised: anonymised.is_some(),
        anonymised,
        held,
        lift_hold,
        to_post,
        duplicate_of: c
            .duplicate_of
            .as_ref()
            .filter(|_| full)
            .map(ToString::to_string),
        duplicates,
        related: if full {
            c.related.iter().map(ToString::to_string).collect()
        } else {
            Vec::new()
        },
        rung: klacht_core::ladder::rung(c)
            .map(|r| klacht_core::vocabulary::rung(r, lang).to_owned()),
        referrals: c
            .referrals
            .iter()
            .map(|r| referral_line(&o, r, lang))
            .collect(),
    };
    crate::http::pages::html(StatusCode::OK, &page)
}

/// Who the complaint is about now, in words: a staff member, or a person without an account with
/// their role (and, in the full view, how to reach them); empty for nobody in particular.
fn concerned_label(o: &Opened, full: bool, lang: Lang) -> String {
    let c = &o.dossier.state;
    if c.concerns.is_some() {
        return staff_name(&o.org, c.concerns);
    }
    let Some(p) = &c.concerns_person else {
        return String::new();
    };
    let name = p
        .name
        .get()
        .cloned()
        .unwrap_or_else(|| tr(lang, "dossier-removed-when-anonymised").to_owned());
    let mut extra = vec![tr(lang, "dossier-no-account").to_owned()];
    if let Some(r) = p.role.as_ref().and_then(|r| r.get()) {
        extra.insert(0, r.clone());
    }
    if full && let Some(k) = p.contact.as_ref().and_then(|k| k.get()) {
        extra.push(k.clone());
    }
    format!("{name} ({})", extra.join(", "))
}

/// The notices at the top of an anonymised dossier (when and why) and of one held back from
/// anonymisation (since when and why, as the last hold gave it).
fn privacy_notices(o: &Opened, lang: Lang) -> (Option<String>, Option<String>) {
    let c = &o.dossier.state;
    let anonymised = c.anonymised_at.map(|at| {
        let why = o
            .dossier
            .events
            .iter()
            .rev()
            .find_map(|e| match &e.event.body {
                EventBody::Anonymised { why, .. } => Some(*why),
                _ => None,
            });
        let key = match why {
            Some(procedure::AnonymisedWhy::Retention) => "dossier-banner-anonymised-retention",
            _ => "dossier-banner-anonymised-request",
        };
        tr_args(
            lang,
            key,
            &[("date", &super::long_date(amsterdam_date(at), lang))],
        )
    });
    let held = c.held_since.map(|since| {
        let reason = o
            .dossier
            .events
            .iter()
            .rev()
            .find_map(|e| match &e.event.body {
                EventBody::HoldPlaced { reason } => reason.get().cloned(),
                _ => None,
            })
            .unwrap_or_default();
        tr_args(
            lang,
            "dossier-banner-held",
            &[
                ("date", &super::long_date(amsterdam_date(since), lang)),
                ("reason", &reason),
            ],
        )
    });
    (anonymised, held)
}

fn registration_field_label(f: &str, lang: Lang) -> String {
    let key = match f {
        "complainant_name" => "dossier-complainants-name",
        "complainant_address" => "dossier-complainants-address-or-residence",
        "received_by" => "dossier-who-received-the-complaint",
        "complainant_contact" => "dossier-complainants-e-mail-or-phone",
        "description" => "dossier-description-of-the-complaint",
        "handler" => "dossier-who-the-complaint-was-forwarded-to",
        "category" => "dossier-category",
        "severity" => "dossier-severity",
        "relation" => "dossier-complainants-relation-2",
        other => return other.replace('_', " "),
    };
    tr(lang, key).to_owned()
}

/// `GET /beheer/klachten/{reference}/documenten/{sha256}`: a document of the dossier, for those
/// who see the whole dossier.
pub async fn document(
    State(state): State<AppState>,
    desk: Desk,
    Path((reference, sha)): Path<(String, String)>,
) -> Response {
    let (o, view) = match open_for(&state, &desk, &reference).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let found = o.dossier.events.iter().find_map(|e| match &e.event.body {
        EventBody::DocumentAttached { document } if document.sha256 == sha => {
            Some(document.clone())
        }
        EventBody::ComplainantAdded { documents, .. } => {
            documents.iter().find(|d| d.sha256 == sha).cloned()
        }
        _ => None,
    });
    let (Some(doc), View::Full) = (found, view) else {
        return not_visible(desk.lang, &reference);
    };
    let path = crate::documents::path_of(&state.documents, &doc.sha256);
    let bytes = match tokio::fs::read(&path).await {
        Ok(b) => b,
        Err(e) => {
            let e = AppError::io("reading a document", e);
            return super::failed(&state, desk.lang, "/beheer", "reading a document", e);
        }
    };
    if let Err(e) = app::log_read(&state, &o, desk.user.id).await {
        return super::failed(&state, desk.lang, "/beheer", "logging a read", e);
    }
    let name = doc
        .filename
        .get()
        .cloned()
        .unwrap_or_else(|| "document".into())
        .replace(['"', '\\', '\r', '\n'], "_");
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        super::encode(&name).replace('+', "%20")
    );
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        doc.content_type
            .parse()
            .unwrap_or(axum::http::HeaderValue::from_static(
                "application/octet-stream",
            )),
    );
    if let Ok(v) = disposition.parse() {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        axum::http::HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    r
}

// --- Steps ------------------------------------------------------------------------------------

/// A field of a step form.
pub struct Input {
    pub name: &'static str,
    pub label: String,
    pub hint: String,
    pub kind: InputKind,
    pub value: String,
    pub options: Vec<(String, String)>,
    /// Checked values (checkboxes).
    pub checked: Vec<String>,
    pub required: bool,
    pub error: Option<String>,
}

#[derive(PartialEq, Eq)]
pub enum InputKind {
    /// One line of text.
    Line,
    Area,
    Date,
    Select,
    Check,
    Checks,
}

impl Input {
    pub fn is(&self, k: &str) -> bool {
        matches!(
            (&self.kind, k),
            (InputKind::Area, "area")
                | (InputKind::Date, "date")
                | (InputKind::Select, "select")
                | (InputKind::Check, "check")
                | (InputKind::Checks, "checks")
        )
    }

    /// The value sent in this field when the form comes back (`pick` chooses it).
    fn typed(mut self, sent: Option<&StepForm>, pick: fn(&StepForm) -> &Text) -> Input {
        if let Some(s) = sent {
            self.value = pick(s).to_string();
        }
        self
    }

    /// A checkbox as sent when the form comes back.
    fn ticked(mut self, sent: Option<&StepForm>, pick: fn(&StepForm) -> bool) -> Input {
        if let Some(s) = sent {
            self.checked = if pick(s) {
                vec!["true".into()]
            } else {
                Vec::new()
            };
        }
        self
    }

    /// Checkboxes of one name as sent when the form comes back.
    fn ticked_all(mut self, sent: Option<&StepForm>, pick: fn(&StepForm) -> &Vec<String>) -> Input {
        if let Some(s) = sent {
            self.checked = pick(s).clone();
        }
        self
    }

    pub fn is_checked(&self, v: &str) -> bool {
        self.checked.iter().any(|c| c == v)
    }

    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if !self.hint.is_empty() {
            ids.push(format!("{}-hint", self.name));
        }
        if self.error.is_some() {
            ids.push(format!("{}-error", self.name));
        }
        ids.join(" ")
    }
}

#[derive(Template)]
#[template(path = "beheer/step.html")]
struct StepPage {
    f: Frame,
    reference: String,
    action: &'static str,
    intro: String,
    version: u64,
    csrf: String,
    inputs: Vec<Input>,
    errors: Vec<(String, String)>,
    refusal: Option<String>,
    refusal_details: Vec<String>,
    /// Someone else changed the complaint meanwhile: what happened.
    changed: Vec<Entry>,
    preview: Option<Vec<(String, String, String)>>,
    sends_letter: bool,
    /// The step cannot be undone (anonymising): its intro is a warning and its button says so.
    irreversible: bool,
}

fn input(name: &'static str, kind: InputKind, label: String) -> Input {
    Input {
        name,
        label,
        hint: String::new(),
        kind,
        value: String::new(),
        options: Vec::new(),
        checked: Vec::new(),
        required: false,
        error: None,
    }
}

/// The ways to choose from for step `a`, its default ([`Action::default_via`]) first: the one
/// selected when the form opens.
fn via_options(a: Action, lang: Lang) -> Vec<(String, String)> {
    let mut ways = procedure::Via::STAFF;
    if let Some(at) = a
        .default_via()
        .and_then(|d| ways.iter().position(|w| *w == d))
    {
        ways.rotate_left(at);
    }
    ways.iter()
        .map(|v| (v.as_str().to_owned(), via_label(v.as_str(), lang)))
        .collect()
}

/// The fields of step `a` on complaint `o`, in `lang`.
fn inputs(
    a: Action,
    o: &Opened,
    users: &[klacht_store::User],
    lang: Lang,
    sent: Option<&StepForm>,
) -> Vec<Input> {
    let l = |key: &'static str| tr(lang, key).to_owned();
    let req = |mut i: Input| {
        i.required = true;
        i
    };
    let hint = |mut i: Input, h: String| {
        i.hint = h;
        i
    };
    let opts = |mut i: Input, o: Vec<(String, String)>| {
        i.options = o;
        i
    };
    let profile = &o.loaded.profile;
    let c = &o.dossier.state;
    match a {
        Action::Acknowledge => vec![
            opts(
                input("via", InputKind::Select, l("dossier-how-acknowledged"))
                    .typed(sent, |s| &s.via),
                via_options(a, lang),
            ),
            hint(
                input("note", InputKind::Area, l("dossier-note-not-in-the-letter"))
                    .typed(sent, |s| &s.note),
                l("dossier-for-example-confirmed-by-phone-and"),
            ),
        ],
        Action::Assign => {
            let staff: Vec<(String, String)> = o
                .org
                .staff
                .iter()
                .filter(|s| !s.absent && c.concerns != Some(s.id))
                .filter(|s| s.roles.iter().any(|r| *r != Role::Admin))
                .filter_map(|s| {
                    let u = users.iter().find(|u| u.id == s.id && u.active)?;
                    Some((u.email.clone(), s.name.clone()))
                })
                .collect();
            vec![req(opts(
                input("handler", InputKind::Select, l("desk-handler")).typed(sent, |s| &s.handler),
                staff,
            ))]
        }
        Action::RecordConcerns => {
            let mut staff: Vec<(String, String)> =
                vec![(String::new(), l("dossier-not-a-staff-member"))];
            staff.extend(
                o.org
                    .staff
                    .iter()
                    .filter(|s| s.roles.iter().any(|r| *r != Role::Admin))
                    .filter_map(|s| {
                        let u = users.iter().find(|u| u.id == s.id && u.active)?;
                        Some((u.email.clone(), s.name.clone()))
                    }),
            );
            vec![
                hint(
                    opts(
                        input("staff", InputKind::Select, l("dossier-concerns-staff"))
                            .typed(sent, |s| &s.staff),
                        staff,
                    ),
                    l("dossier-concerns-staff-hint"),
                ),
                hint(
                    input("name", InputKind::Line, l("dossier-concerns-name"))
                        .typed(sent, |s| &s.name),
                    l("dossier-concerns-name-hint"),
                ),
                input("role", InputKind::Line, l("dossier-concerns-role")).typed(sent, |s| &s.role),
                input("contact", InputKind::Line, l("dossier-concerns-contact"))
                    .typed(sent, |s| &s.contact),
                input("nobody", InputKind::Check, l("dossier-concerns-nobody"))
                    .ticked(sent, |s| s.nobody),
            ]
        }
        Action::InformInvolved => {
            let mut fields =
                vec![input("note", InputKind::Area, l("dossier-note")).typed(sent, |s| &s.note)];
            // A person without an account gets no notice: the step says how they were told (K5).
            if c.concerns_person.is_some() {
                fields.insert(
                    0,
                    req(opts(
                        input("via", InputKind::Select, l("dossier-how-informed"))
                            .typed(sent, |s| &s.via),
                        via_options(a, lang),
                    )),
                );
            }
            fields
        }
        Action::RecordHearing => vec![
            hint(
                input("held_on", InputKind::Date, l("dossier-date-of-the-meeting"))
                    .typed(sent, |s| &s.held_on),
                l("dossier-leave-empty-today"),
            ),
            req(input(
                "summary",
                InputKind::Area,
                l("dossier-summary-of-what-the-person-concerned"),
            )
            .typed(sent, |s| &s.summary)),
        ],
        Action::ReferOutside => vec![
            req(opts(
                input("body", InputKind::Select, l("dossier-external-body"))
                    .typed(sent, |s| &s.body),
                profile
                    .external_bodies
                    .iter()
                    .map(|b| (b.id.clone(), b.name.get(lang).to_owned()))
                    .collect(),
            )),
            hint(
                input("on", InputKind::Date, l("dossier-referral-on")).typed(sent, |s| &s.on),
                l("dossier-leave-empty-today"),
            ),
        ],
        Action::RecordExternalOutcome => {
            let pending: Vec<(String, String)> = c
                .referrals
                .iter()
                .filter(|r| r.outcome.is_none())
                .map(|r| (r.body.clone(), body_name(o, &r.body, lang)))
                .collect();
            let mut fields = vec![
                req(opts(
                    input("outcome", InputKind::Select, l("dossier-external-outcome"))
                        .typed(sent, |s| &s.outcome),
                    procedure::ExternalOutcome::ALL
                        .into_iter()
                        .map(|x| {
                            (
                                x.as_str().to_owned(),
                                klacht_core::vocabulary::external_outcome(x, lang).to_owned(),
                            )
                        })
                        .collect(),
                )),
                hint(
                    input("on", InputKind::Date, l("dossier-date")).typed(sent, |s| &s.on),
                    l("dossier-leave-empty-today"),
                ),
                input("summary", InputKind::Area, l("dossier-summary")).typed(sent, |s| &s.summary),
            ];
            if pending.len() > 1 {
                fields.insert(
                    0,
                    req(opts(
                        input("body", InputKind::Select, l("dossier-external-body"))
                            .typed(sent, |s| &s.body),
                        pending,
                    )),
                );
            }
            fields
        }
        Action::RecordComplainantHearing => vec![
            req(opts(
                input("hearing", InputKind::Select, l("dossier-hearing"))
                    .typed(sent, |s| &s.hearing),
                procedure::ComplainantHearing::ALL
                    .into_iter()
                    .map(|h| {
                        (
                            h.as_str().to_owned(),
                            klacht_core::vocabulary::complainant_hearing(h, lang).to_owned(),
                        )
                    })
                    .collect(),
            )),
            hint(
                input("on", InputKind::Date, l("dossier-date")).typed(sent, |s| &s.on),
                l("dossier-leave-empty-today"),
            ),
            hint(
                opts(
                    input("ground", InputKind::Select, l("dossier-hearing-ground"))
                        .typed(sent, |s| &s.ground),
                    std::iter::once((String::new(), l("dossier-hearing-ground-none")))
                        .chain(procedure::WaiverGround::ALL.into_iter().map(|g| {
                            (
                                g.as_str().to_owned(),
                                klacht_core::vocabulary::waiver_ground(g, lang).to_owned(),
                            )
                        }))
                        .collect(),
                ),
                l("dossier-hearing-ground-hint"),
            ),
            input("note", InputKind::Area, l("dossier-note")).typed(sent, |s| &s.note),
        ],
        Action::RecordContact => vec![
            opts(
                input("via", InputKind::Select, l("dossier-how")).typed(sent, |s| &s.via),
                via_options(a, lang),
            ),
            hint(
                input("on", InputKind::Date, l("dossier-date")).typed(sent, |s| &s.on),
                l("dossier-leave-empty-today"),
            ),
            req(
                input("summary", InputKind::Area, l("dossier-what-was-discussed"))
                    .typed(sent, |s| &s.summary),
            ),
            input(
                "agreements",
                InputKind::Area,
                l("dossier-agreements-and-actions"),
            )
            .typed(sent, |s| &s.agreements),
            input(
                "measures_communicated",
                InputKind::Check,
                l("dossier-the-recorded-measures-were-told-to-the"),
            )
            .ticked(sent, |s| s.measures_communicated),
        ],
        Action::AddNote => vec![req(
            input("text", InputKind::Area, l("dossier-note-2")).typed(sent, |s| &s.text)
        )],
        Action::ReportSummary => vec![req(input(
            "text",
            InputKind::Area,
            l("dossier-short-summary-for-the-report-to-the"),
        )
        .typed(sent, |s| &s.text))],
        Action::AttachDocument => Vec::new(),
        Action::Extend => vec![
            req(opts(
                input("deadline", InputKind::Select, l("dossier-which-deadline"))
                    .typed(sent, |s| &s.deadline),
                c.deadlines
                    .iter()
                    .filter(|d| c.is_running(d))
                    .map(|d| {
                        let name = profile
                            .deadline(&d.id)
                            .map(|p| p.label.get(lang).to_owned())
                            .unwrap_or_else(|| d.id.clone());
                        let due = d.due.map(|x| super::long_date(x, lang)).unwrap_or_default();
                        (d.id.clone(), format!("{name} ({due})"))
                    })
                    .collect(),
            )),
            req(input("new_due", InputKind::Date, l("dossier-new-due-date"))
                .typed(sent, |s| &s.new_due)),
            req(hint(
                input(
                    "reason",
                    InputKind::Area,
                    l("dossier-reason-goes-into-the-letter-to-the"),
                )
                .typed(sent, |s| &s.reason),
                String::new(),
            )),
            input(
                "consent",
                InputKind::Check,
                l("dossier-the-complainant-agreed-in-writing-to-a"),
            )
            .ticked(sent, |s| s.consent),
        ],
        Action::Escalate => vec![
            req(hint(
                opts(
                    input("to", InputKind::Select, l("desk-to")).typed(sent, |s| &s.to),
                    vec![
                        ("director".into(), l("dossier-the-director")),
                        ("board".into(), l("dossier-the-board")),
                    ],
                ),
                escalation_hint(users, c.concerns, lang),
            )),
            req(input("reason", InputKind::Area, l("desk-reason")).typed(sent, |s| &s.reason)),
        ],
        Action::ReferToCommittee => {
            vec![req(
                input("reason", InputKind::Area, l("desk-reason")).typed(sent, |s| &s.reason)
            )]
        }
        Action::EscalationNotNeeded => vec![req(hint(
            input("reason", InputKind::Area, l("desk-reason")).typed(sent, |s| &s.reason),
            l("dossier-escalation-not-needed-hint"),
        ))],
        Action::Classify => {
            let mut cats = opts(
                input("categories", InputKind::Checks, l("dossier-categories"))
                    .ticked_all(sent, |s| &s.categories),
                profile
                    .categories
                    .iter()
                    .map(|x| (x.id.clone(), x.label.get(lang).to_owned()))
                    .collect(),
            );
            // A new form shows the classification as it stands; a form sent back, what was sent.
            if sent.is_none() {
                cats.checked = c.categories.clone();
            }
            let mut sev = opts(
                input("severity", InputKind::Select, l("desk-severity"))
                    .typed(sent, |s| &s.severity),
                std::iter::once((String::new(), l("dossier-not-set")))
                    .chain(
                        profile
                            .severities
                            .iter()
                            .map(|x| (x.id.clone(), x.label.get(lang).to_owned())),
                    )
                    .collect(),
            );
            if sent.is_none() {
                sev.value = c.severity.clone().unwrap_or_default();
            }
            let mut sens = input("sensitive", InputKind::Check, l("desk-sensitive"))
                .ticked(sent, |s| s.sensitive);
            if sent.is_none() && c.sensitive {
                sens.checked = vec!["true".into()];
            }
            let mut rel = opts(
                input(
                    "relation",
                    InputKind::Select,
                    l("dossier-complainants-relation"),
                )
                .typed(sent, |s| &s.relation),
                std::iter::once((String::new(), l("dossier-not-set")))
                    .chain(
                        profile
                            .relations
                            .iter()
                            .map(|x| (x.id.clone(), x.label.get(lang).to_owned())),
                    )
                    .collect(),
            );
            if sent.is_none() {
                rel.value = c.relation.clone().unwrap_or_default();
            }
            vec![cats, sev, sens, rel]
        }
        Action::RecordMeasure => vec![req(input(
            "description",
            InputKind::Area,
            l("dossier-measure"),
        )
        .typed(sent, |s| &s.description))],
        Action::Decide => vec![
            req(hint(
                opts(
                    input("outcome", InputKind::Select, l("dossier-outcome"))
                        .typed(sent, |s| &s.outcome),
                    profile
                        .outcomes
                        .iter()
                        .map(|x| (x.id.as_str().to_owned(), x.label.get(lang).to_owned()))
                        .collect(),
                ),
                l("dossier-outcome-which-to-choose"),
            )),
            req(hint(
                input(
                    "decision",
                    InputKind::Area,
                    l("dossier-decision-with-reasons-goes-into-the"),
                )
                .typed(sent, |s| &s.decision),
                String::new(),
            )),
            opts(
                input("via", InputKind::Select, l("dossier-how-communicated"))
                    .typed(sent, |s| &s.via),
                via_options(a, lang),
            ),
        ],
        Action::SignOff => {
            // K11: a person without an account signs on paper; the coordinator records it.
            let on_paper = c.concerns_person.is_some()
                && procedure::pending_sign_offs(profile, c).contains(&Capacity::Involved);
            if on_paper {
                let name = c
                    .concerns_person
                    .as_ref()
                    .and_then(|p| p.name.get().cloned())
                    .unwrap_or_default();
                vec![hint(
                    input(
                        "involved_signed_on",
                        InputKind::Date,
                        l("dossier-involved-signed-on"),
                    )
                    .typed(sent, |s| &s.involved_signed_on),
                    tr_args(lang, "dossier-involved-signed-on-hint", &[("name", &name)]),
                )]
            } else {
                Vec::new()
            }
        }
        Action::Close => Vec::new(),
        Action::Withdraw => vec![
            input(
                "reason",
                InputKind::Area,
                l("dossier-reason-if-the-complainant-gave-one"),
            )
            .typed(sent, |s| &s.reason),
        ],
        Action::Reopen => vec![req(
            input("reason", InputKind::Area, l("desk-reason")).typed(sent, |s| &s.reason)
        )],
        Action::PlaceHold => vec![req(hint(
            input("reason", InputKind::Area, l("desk-reason")).typed(sent, |s| &s.reason),
            l("dossier-hold-reason-hint"),
        ))],
        Action::LiftHold => {
            vec![input("reason", InputKind::Area, l("desk-reason")).typed(sent, |s| &s.reason)]
        }
        Action::Anonymise => vec![
            req(hint(
                input("reason", InputKind::Area, l("desk-reason")).typed(sent, |s| &s.reason),
                l("dossier-anonymise-reason-hint"),
            )),
            // It cannot be undone: said in so many words, and ticked before it is done.
            req(
                input("confirm", InputKind::Check, l("dossier-anonymise-confirm"))
                    .ticked(sent, |s| s.confirm),
            ),
        ],
        Action::MarkDuplicate => vec![req(hint(
            input("of", InputKind::Line, l("dossier-duplicate-of-field")).typed(sent, |s| &s.of),
            l("dossier-duplicate-of-hint"),
        ))],
        Action::LinkRelated => vec![
            req(hint(
                input("with", InputKind::Line, l("dossier-related-with-field"))
                    .typed(sent, |s| &s.with),
                l("dossier-related-with-hint"),
            )),
            input("note", InputKind::Area, l("dossier-note")).typed(sent, |s| &s.note),
        ],
        Action::UnlinkRelated => vec![req(opts(
            input("with", InputKind::Select, l("dossier-related-with-field"))
                .typed(sent, |s| &s.with),
            c.related
                .iter()
                .map(|r| (r.to_string(), r.to_string()))
                .collect(),
        ))],
        Action::Rectify => vec![
            req(opts(
                input("field", InputKind::Select, l("dossier-rectified-field"))
                    .typed(sent, |s| &s.field),
                klacht_core::subject::Field::ALL
                    .into_iter()
                    .map(|f| {
                        (
                            f.as_str().to_owned(),
                            super::requests::field_label(f, lang).to_owned(),
                        )
                    })
                    .collect(),
            )),
            hint(
                input("value", InputKind::Area, l("dossier-rectified-value"))
                    .typed(sent, |s| &s.value),
                l("dossier-rectify-value-hint"),
            ),
        ],
    }
}

/// What a step does, in a sentence above its form.
fn intro(a: Action, lang: Lang) -> String {
    let key = match a {
        Action::SignOff => "dossier-you-hereby-sign-the-registration-form-of",
        Action::Close => "dossier-you-close-the-complaint-that-is-possible",
        Action::Acknowledge => "dossier-confirm-to-the-complainant-that-the",
        Action::Decide => "dossier-record-the-decision-the-complainant",
        Action::Extend => "dossier-extend-a-deadline-the-complainant",
        Action::PlaceHold => "dossier-intro-hold",
        Action::Anonymise => "dossier-intro-anonymise",
        Action::EscalationNotNeeded => "dossier-intro-escalation-not-needed",
        Action::MarkDuplicate => "dossier-intro-mark-duplicate",
        Action::LinkRelated => "dossier-intro-link-related",
        Action::RecordComplainantHearing => "dossier-intro-complainant-hearing",
        Action::ReferOutside => "dossier-intro-refer-outside",
        Action::RecordExternalOutcome => "dossier-intro-external-outcome",
        _ => "",
    };
    tr(lang, key).to_owned()
}

/// A step's form as posted: every field any step's form has (each step reads its own, see
/// [`request`]), the complaint's version it was made from, and whether to preview.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StepForm {
    version: Text,
    /// `preview`: show the letters, take no step.
    intent: Text,
    via: Text,
    note: Text,
    handler: Text,
    held_on: Text,
    summary: Text,
    on: Text,
    agreements: Text,
    #[serde(deserialize_with = "checkbox")]
    measures_communicated: bool,
    text: Text,
    deadline: Text,
    new_due: Text,
    reason: Text,
    #[serde(deserialize_with = "checkbox")]
    consent: bool,
    to: Text,
    #[serde(deserialize_with = "ticked")]
    categories: Vec<String>,
    severity: Text,
    #[serde(deserialize_with = "checkbox")]
    sensitive: bool,
    relation: Text,
    /// `record-concerns`: a staff member (e-mail), or a person without an account, or nobody.
    staff: Text,
    name: Text,
    role: Text,
    contact: Text,
    #[serde(deserialize_with = "checkbox")]
    nobody: bool,
    /// `sign-off`: the date a person without an account signed on paper.
    involved_signed_on: Text,
    /// `rectify`: which detail, and its correct value.
    field: Text,
    value: Text,
    description: Text,
    outcome: Text,
    decision: Text,
    /// Anonymising: "I understand this cannot be undone".
    #[serde(deserialize_with = "checkbox")]
    confirm: bool,
    /// `mark-duplicate`: the original complaint's reference.
    of: Text,
    /// `link-related`, `unlink-related`: the other complaint's reference.
    with: Text,
    /// `record-complainant-hearing`: offered, held or waived, and the ground of a waiver.
    hearing: Text,
    ground: Text,
    /// `refer-outside`, `record-external-outcome`: the external body's id.
    body: Text,
}

/// The step's form as the request of `action` (the fields its form shows), so that the back
/// office and the API check them the same way; with a date that is not one named.
fn request(f: &StepForm, action: Action, lang: Lang) -> (ActionRequest, Vec<FieldProblem>) {
    use klacht_app::steps::{
        AcknowledgeRequest, AssignRequest, ClassifyRequest, ComplainantHearingRequest,
        ConcernsRequest, ContactRequest, DecideRequest, DuplicateRequest, EscalateRequest,
        ExtendRequest, ExternalOutcomeRequest, HearingRequest, MeasureRequest, NoteRequest,
        ReasonRequest, RectifyRequest, ReferralRequest, RelatedRequest, SignOffRequest,
        TextRequest, UnlinkRequest, VersionRequest,
    };
    let mut errors = Vec::new();
    let mut date = |name: &str, sent: &Text| -> Option<jiff::civil::Date> {
        let v = sent.get()?;
        match v.parse::<jiff::civil::Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                // Said in the page's language already.
                errors.push(FieldProblem::new(
                    name,
                    tr(lang, "dossier-enter-a-date-day-month-year"),
                ));
                None
            }
        }
    };
    let expected_version = None;
    let r = match action {
        Action::Acknowledge => ActionRequest::Acknowledge(AcknowledgeRequest {
            expected_version,
            via: f.via.given(),
            note: f.note.given(),
        }),
        Action::Assign => ActionRequest::Assign(AssignRequest {
            expected_version,
            handler: f.handler.given(),
        }),
        Action::RecordConcerns => ActionRequest::RecordConcerns(ConcernsRequest {
            expected_version,
            staff: f.staff.given(),
            name: f.name.given(),
            role: f.role.given(),
            contact: f.contact.given(),
            nobody: Some(f.nobody),
        }),
        Action::InformInvolved => ActionRequest::InformInvolved(NoteRequest {
            expected_version,
            note: f.note.given(),
            via: f.via.given(),
        }),
        Action::RecordHearing => ActionRequest::RecordHearing(HearingRequest {
            expected_version,
            summary: f.summary.given(),
            held_on: date("held_on", &f.held_on),
        }),
        Action::ReferOutside => ActionRequest::ReferOutside(ReferralRequest {
            expected_version,
            body: f.body.given(),
            on: date("on", &f.on),
        }),
        Action::RecordExternalOutcome => {
            ActionRequest::RecordExternalOutcome(ExternalOutcomeRequest {
                expected_version,
                body: f.body.given(),
                outcome: f.outcome.given(),
                on: date("on", &f.on),
                summary: f.summary.given(),
            })
        }
        Action::RecordComplainantHearing => {
            ActionRequest::RecordComplainantHearing(ComplainantHearingRequest {
                expected_version,
                hearing: f.hearing.given(),
                on: date("on", &f.on),
                ground: f.ground.given(),
                note: f.note.given(),
            })
        }
        Action::RecordContact => ActionRequest::RecordContact(ContactRequest {
            expected_version,
            via: f.via.given(),
            on: date("on", &f.on),
            summary: f.summary.given(),
            agreements: f.agreements.given(),
            measures_communicated: Some(f.measures_communicated),
        }),
        Action::AddNote => ActionRequest::AddNote(TextRequest {
            expected_version,
            text: f.text.given(),
        }),
        Action::ReportSummary => ActionRequest::ReportSummary(TextRequest {
            expected_version,
            text: f.text.given(),
        }),
        // Documents come through their own form (multipart); see `attach`.
        Action::AttachDocument => ActionRequest::empty(Action::AttachDocument),
        Action::Extend => ActionRequest::Extend(ExtendRequest {
            expected_version,
            deadline: f.deadline.given(),
            new_due: date("new_due", &f.new_due),
            reason: f.reason.given(),
            consent: Some(f.consent),
        }),
        Action::Escalate => ActionRequest::Escalate(EscalateRequest {
            expected_version,
            to: f.to.given(),
            reason: f.reason.given(),
        }),
        Action::ReferToCommittee => ActionRequest::ReferToCommittee(ReasonRequest {
            expected_version,
            reason: f.reason.given(),
        }),
        Action::EscalationNotNeeded => ActionRequest::EscalationNotNeeded(ReasonRequest {
            expected_version,
            reason: f.reason.given(),
        }),
        Action::Withdraw => ActionRequest::Withdraw(ReasonRequest {
            expected_version,
            reason: f.reason.given(),
        }),
        Action::Reopen => ActionRequest::Reopen(ReasonRequest {
            expected_version,
            reason: f.reason.given(),
        }),
        Action::PlaceHold => ActionRequest::Hold(ReasonRequest {
            expected_version,
            reason: f.reason.given(),
        }),
        Action::LiftHold => ActionRequest::LiftHold(ReasonRequest {
            expected_version,
            reason: f.reason.given(),
        }),
        Action::Anonymise => ActionRequest::Anonymise(ReasonRequest {
            expected_version,
            reason: f.reason.given(),
        }),
        Action::Rectify => ActionRequest::Rectify(RectifyRequest {
            expected_version,
            field: f.field.given(),
            value: Some(f.value.given().unwrap_or_default()),
        }),
        Action::Classify => ActionRequest::Classify(ClassifyRequest {
            expected_version,
            categories: Some(f.categories.clone()),
            severity: f.severity.given(),
            sensitive: Some(f.sensitive),
            relation: f.relation.given(),
        }),
        Action::RecordMeasure => ActionRequest::RecordMeasure(MeasureRequest {
            expected_version,
            description: f.description.given(),
        }),
        Action::Decide => ActionRequest::Decide(DecideRequest {
            expected_version,
            outcome: f.outcome.given(),
            decision: f.decision.given(),
            via: f.via.given(),
        }),
        Action::SignOff => ActionRequest::SignOff(SignOffRequest {
            expected_version,
            involved_signed_on: date("involved_signed_on", &f.involved_signed_on),
        }),
        Action::Close => ActionRequest::Close(VersionRequest { expected_version }),
        Action::MarkDuplicate => ActionRequest::MarkDuplicate(DuplicateRequest {
            expected_version,
            of: f.of.given(),
        }),
        Action::LinkRelated => ActionRequest::LinkRelated(RelatedRequest {
            expected_version,
            with: f.with.given(),
            note: f.note.given(),
        }),
        Action::UnlinkRelated => ActionRequest::UnlinkRelated(UnlinkRequest {
            expected_version,
            with: f.with.given(),
        }),
    };
    errors.extend(r.problems());
    if action == Action::Anonymise && !f.confirm {
        errors.push(FieldProblem::new(
            "confirm",
            tr(lang, "dossier-anonymise-confirm-error"),
        ));
    }
    (r, errors)
}

/// A field's problem in the page's language, by its kind.
fn field_message(e: &FieldProblem, lang: Lang) -> String {
    match e.problem {
        Problem::Required => tr(lang, "dossier-fill-this-in").to_owned(),
        Problem::Text(p) => format!("{}.", text_problem(lang, p)),
        _ => e.said_here(lang),
    }
}

fn parse_action(action: &str) -> Option<Action> {
    Action::parse(action).filter(|a| *a != Action::AttachDocument)
}

/// `GET /beheer/klachten/{reference}/stap/{action}`.
pub async fn step_form(
    State(state): State<AppState>,
    desk: Desk,
    Path((reference, action)): Path<(String, String)>,
) -> Response {
    let Some(a) = parse_action(&action) else {
        return not_visible(desk.lang, &reference);
    };
    let (o, _) = match open_for(&state, &desk, &reference).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let page = step_page(&desk, &o, &o.users, a, None, None);
    crate::http::pages::html(StatusCode::OK, &page)
}

fn step_page(
    desk: &Desk,
    o: &Opened,
    users: &[klacht_store::User],
    a: Action,
    sent: Option<&StepForm>,
    version: Option<u64>,
) -> StepPage {
    let lang = desk.lang;
    let reference = o.dossier.reference.to_string();
    let ins = inputs(a, o, users, lang, sent);
    let title = format!("{} — {reference}", action_label(a, lang));
    StepPage {
        f: desk.frame_titled(
            &format!("/beheer/klachten/{reference}/stap/{}", a.name()),
            &title,
        ),
        reference,
        action: a.name(),
        intro: intro(a, lang),
        version: version.unwrap_or(o.dossier.state.version),
        csrf: desk.csrf.clone(),
        inputs: ins,
        errors: Vec::new(),
        refusal: None,
        refusal_details: Vec::new(),
        changed: Vec::new(),
        preview: None,
        sends_letter: matches!(
            a,
            Action::Acknowledge
                | Action::Extend
                | Action::Decide
                | Action::Close
                | Action::Escalate
                | Action::Reopen
        ),
        irreversible: a == Action::Anonymise,
    }
}

/// `POST /beheer/klachten/{reference}/stap/{action}`: preview the letter, or take the step.
pub async fn step_submit(
    State(state): State<AppState>,
    desk: Desk,
    Path((reference, action)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Response {
    let lang = desk.lang;
    let sent: StepForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let Some(a) = parse_action(&action) else {
        return not_visible(lang, &reference);
    };
    let (o, _) = match open_for(&state, &desk, &reference).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(version) = sent.version.get().and_then(|v| v.parse::<u64>().ok()) else {
        return message(
            &desk.frame("/beheer", "dossier-form-incomplete"),
            StatusCode::BAD_REQUEST,
            Msg {
                key: "dossier-this-form-lacks-the-complaints-version",
            },
        );
    };
    let (req, field_errors) = request(&sent, a, lang);
    let mut page = step_page(&desk, &o, &o.users, a, Some(&sent), Some(version));
    if !field_errors.is_empty() {
        return invalid(page, field_errors, lang);
    }
    let (cmd, file) = match klacht_app::steps::command(&state, req).await {
        Ok(c) => c,
        Err(e) => return refused(page, e, lang),
    };
    let staff = desk.user.staff();
    if sent.intent == "preview" {
        return match preview(&state, &o, &staff, cmd) {
            Ok(letters) => {
                page.preview = Some(letters);
                crate::http::pages::html(StatusCode::OK, &page)
            }
            Err(e) => refused(page, e, lang),
        };
    }
    let taken = app::take_command(
        &state,
        &reference,
        &staff,
        StepOptions {
            expected: Some(version),
            file: file.as_deref(),
            ..StepOptions::default()
        },
        cmd,
    )
    .await;
    match taken {
        Ok(_) => {
            tracing::info!(%reference, action = a.name(), user = desk.user.id.0, "step taken in the back office");
            Redirect::to(&format!("/beheer/klachten/{reference}?gedaan={}", a.name()))
                .into_response()
        }
        Err(AppError::Conflict { .. }) => {
            // Someone else was first: show what happened, keep what was typed.
            let fresh = match app::open(&state, &reference).await {
                Ok(f) => f,
                Err(e) => return refused(page, e, lang),
            };
            let view = procedure::view(
                &fresh.loaded.profile,
                &fresh.org,
                &fresh.dossier.state,
                &staff,
            );
            let mut again = step_page(&desk, &fresh, &fresh.users, a, Some(&sent), None);
            again.changed = timeline(&fresh, view, lang, i64::try_from(version).unwrap_or(0));
            again.f.has_errors = true;
            crate::http::pages::html(StatusCode::CONFLICT, &again)
        }
        Err(e) => refused(page, e, lang),
    }
}

fn invalid(mut page: StepPage, errors: Vec<FieldProblem>, lang: Lang) -> Response {
    for e in &errors {
        let msg = field_message(e, lang);
        if let Some(i) = page.inputs.iter_mut().find(|i| i.name == e.field) {
            i.error = Some(msg.clone());
        }
        page.errors.push((e.field.clone(), msg));
    }
    page.f.has_errors = true;
    crate::http::pages::html(StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// The step's form again, with what went wrong: the fields named, or the refusal.
fn refused(mut page: StepPage, e: AppError, lang: Lang) -> Response {
    let e = match e {
        AppError::Invalid(fields) => return invalid(page, fields, lang),
        e => PageError::from(e),
    };
    page.refusal = Some(e.message_in(lang));
    page.refusal_details = e.details_in(lang);
    page.f.has_errors = true;
    // The form comes back with what was typed and the message: on a full disk or with the
    // database away that is 503 with Retry-After; any other fault of ours is a 500.
    e.with_retry_after(crate::http::pages::html(e.status(), &page))
}

/// The letters the step would send, without taking it.
/// The letters of the step's preview: subject, text and how they go out, in words.
fn preview(
    state: &AppState,
    o: &Opened,
    staff: &procedure::Staff,
    cmd: procedure::Command,
) -> Result<Vec<(String, String, String)>, AppError> {
    Ok(app::preview(state, o, staff, cmd)?
        .into_iter()
        .map(|l| {
            let via = match l.via {
                procedure::Via::Email => "email",
                _ => "letter",
            };
            (l.subject, l.body, via_label(via, state_lang(o)))
        })
        .collect())
}

fn state_lang(o: &Opened) -> Lang {
    o.dossier.state.language
}

/// `POST /beheer/klachten/{reference}/document`: attaches a document (multipart: `csrf`,
/// `version`, `file`). Checked by its content like the complainant's; stored by content address.
pub async fn attach(
    State(state): State<AppState>,
    desk: Desk,
    Path(reference): Path<String>,
    form: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let lang = desk.lang;
    let back = format!("/beheer/klachten/{reference}");
    let problem = |key: &'static str| {
        let f = desk
            .frame(&back, "dossier-document-not-attached")
            .with_errors(true);
        super::message_with_link(
            &f,
            StatusCode::UNPROCESSABLE_ENTITY,
            tr(lang, key).to_owned(),
            &back,
            tr(lang, "dossier-back-to-the-complaint"),
        )
    };
    let Ok(mut form) = form else {
        return problem("dossier-the-form-did-not-arrive-properly-please");
    };
    let (mut csrf, mut version, mut file) = (String::new(), None, None);
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                let filename = field.file_name().map(str::to_owned);
                match field.bytes().await {
                    Ok(bytes) => match name.as_str() {
                        "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
                        "version" => {
                            version = String::from_utf8_lossy(&bytes).trim().parse::<u64>().ok()
                        }
                        "file" => file = Some((filename.unwrap_or_default(), bytes)),
                        _ => {}
                    },
                    Err(_) => {
                        return problem("dossier-the-file-is-too-large-or-did-not-arrive");
                    }
                }
            }
            Ok(None) => break,
            Err(_) => {
                return problem("dossier-the-file-is-too-large-or-did-not-arrive");
            }
        }
    }
    if let Err(r) = desk.check(&csrf) {
        return r;
    }
    let Some((filename, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return problem("dossier-choose-a-file");
    };
    if bytes.len() > state.settings.max_attachment_bytes {
        return problem("dossier-the-file-is-larger-than-allowed");
    }
    let Some(content_type) = crate::documents::sniff(&bytes) else {
        return problem("dossier-this-kind-of-file-cannot-be-attached");
    };
    // Stored only once the complaint exists, this person sees it and may attach to it
    // (`StepOptions::file`): a refused upload leaves nothing on disk.
    let document = procedure::Document {
        sha256: crate::documents::address(&bytes),
        filename: klacht_core::Personal::new(crate::documents::clean_filename(&filename)),
        content_type: content_type.to_owned(),
        size: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
    };
    let staff = desk.user.staff();
    let cmd = procedure::Command::AttachDocument { document };
    match app::take_step(
        &state,
        &reference,
        &staff,
        StepOptions {
            expected: version,
            file: Some(&bytes),
            ..StepOptions::default()
        },
        |o, ctx| {
            Ok(procedure::decide(
                ctx,
                &o.dossier.state,
                &staff,
                cmd.clone(),
            )?)
        },
    )
    .await
    {
        Ok(_) => Redirect::to(&format!("{back}?gedaan=attach-document")).into_response(),
        Err(AppError::NotFound { .. }) => not_visible(lang, &reference),
        Err(e) => {
            let e = PageError::from(e);
            let msg = e.message_in(lang);
            let f = desk
                .frame(&back, "dossier-document-not-attached")
                .with_errors(true);
            super::message_with_link(
                &f,
                e.status(),
                msg,
                &back,
                tr(lang, "dossier-back-to-the-complaint"),
            )
        }
    }
}

/// The registration form (K9, T20) of a dossier, for those who see the whole dossier: print-ready
/// HTML, or (`pdf`) the same as PDF. Opening it is a read (K8).
async fn registration_form(
    state: &AppState,
    desk: &Desk,
    reference: &str,
) -> Result<klacht_print::registration::RegistrationForm, Response> {
    let (o, view) = open_for(state, desk, reference).await?;
    if view != View::Full {
        return Err(not_visible(desk.lang, reference));
    }
    if let Err(e) = app::log_read(state, &o, desk.user.id).await {
        return Err(super::failed(
            state,
            desk.lang,
            "/beheer",
            "logging a read",
            e,
        ));
    }
    let mut form = klacht_print::registration::RegistrationForm::new(
        &o.dossier.reference,
        &o.dossier.state,
        o.dossier.events.iter().map(|stored| &stored.event),
        &o.loaded.profile,
        &o.org,
        desk.lang,
        state.clock.now(),
    );
    form.back_href = Some(format!("/beheer/klachten/{reference}"));
    if cfg!(feature = "pdf") {
        form.pdf_href = Some(format!(
            "/beheer/klachten/{reference}/registratieformulier.pdf"
        ));
    }
    Ok(form)
}

/// `GET /beheer/klachten/{reference}/registratieformulier`.
pub async fn print_form(
    State(state): State<AppState>,
    desk: Desk,
    Path(reference): Path<String>,
) -> Response {
    let form = match registration_form(&state, &desk, &reference).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    match klacht_print::registration::render_html(&form) {
        Ok(html) => axum::response::Html(html).into_response(),
        Err(e) => super::failed(
            &state,
            desk.lang,
            "/beheer",
            "rendering the registration form",
            AppError::fault("the registration form", e),
        ),
    }
}

/// `GET /beheer/klachten/{reference}/registratieformulier.pdf`.
#[cfg(feature = "pdf")]
pub async fn print_pdf(
    State(state): State<AppState>,
    desk: Desk,
    Path(reference): Path<String>,
) -> Response {
    let form = match registration_form(&state, &desk, &reference).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    match klacht_print::registration::render_pdf(&form) {
        Ok(bytes) => super::download(
            bytes,
            "application/pdf",
            "inline",
            &format!("registratieformulier-{reference}.pdf"),
        ),
        Err(e) => super::failed(
            &state,
            desk.lang,
            "/beheer",
            "rendering the registration form as PDF",
            AppError::fault("the registration form as PDF", e),
        ),
    }
}

// --- Letters on paper ---------------------------------------------------------------------------

/// The letter recorded as event `seq` of a dossier, ready to print, for those who see the whole
/// dossier. Opening it is a read (K8).
async fn printed_letter(
    state: &AppState,
    desk: &Desk,
    reference: &str,
    seq: &str,
) -> Result<klacht_print::letter::PrintedLetter, Response> {
    let (o, view) = open_for(state, desk, reference).await?;
    if view != View::Full {
        return Err(not_visible(desk.lang, reference));
    }
    let no_letter = |key: &'static str| {
        let f = desk.frame("/beheer", "dossier-letter-not-found");
        super::message_with_link(
            &f,
            StatusCode::NOT_FOUND,
            tr(desk.lang, key).to_owned(),
            &format!("/beheer/klachten/{reference}"),
            tr(desk.lang, "dossier-back-to-the-complaint"),
        )
    };
    let Ok(seq) = seq.parse::<i64>() else {
        return Err(no_letter("dossier-there-is-no-such-letter"));
    };
    if let Err(e) = app::log_read(state, &o, desk.user.id).await {
        return Err(super::failed(
            state,
            desk.lang,
            "/beheer",
            "logging a read",
            e,
        ));
    }
    let mut letter = klacht_print::letter::PrintedLetter::new(
        &o.dossier.reference,
        &o.dossier.state,
        o.dossier.events.iter().map(|e| (e.seq, &e.event)),
        seq,
        &o.loaded.profile,
        &o.org,
    )
    .map_err(|e| {
        no_letter(match e {
            klacht_print::letter::NoLetter::NotFound => "dossier-there-is-no-such-letter",
            klacht_print::letter::NoLetter::Anonymised => "dossier-removed-when-anonymised",
        })
    })?;
    letter.back_href = Some(format!("/beheer/klachten/{reference}"));
    if cfg!(feature = "pdf") {
        letter.pdf_href = Some(format!("{}/pdf", letter_href(reference, seq)));
    }
    Ok(letter)
}

/// `GET /beheer/klachten/{reference}/brieven/{seq}`: the letter, print-ready.
pub async fn print_letter(
    State(state): State<AppState>,
    desk: Desk,
    Path((reference, seq)): Path<(String, String)>,
) -> Response {
    let letter = match printed_letter(&state, &desk, &reference, &seq).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    match klacht_print::letter::render_html(&letter) {
        Ok(html) => axum::response::Html(html).into_response(),
        Err(e) => super::failed(
            &state,
            desk.lang,
            "/beheer",
            "rendering a letter",
            AppError::fault("the letter", e),
        ),
    }
}

/// `GET /beheer/klachten/{reference}/brieven/{seq}/pdf`: the letter as PDF.
#[cfg(feature = "pdf")]
pub async fn print_letter_pdf(
    State(state): State<AppState>,
    desk: Desk,
    Path((reference, seq)): Path<(String, String)>,
) -> Response {
    let letter = match printed_letter(&state, &desk, &reference, &seq).await {
        Ok(l) => l,
        Err(r) => return r,
    };
    match klacht_print::letter::render_pdf(&letter) {
        Ok(bytes) => super::download(
            bytes,
            "application/pdf",
            "inline",
            &format!("brief-{reference}-{seq}.pdf"),
        ),
        Err(e) => super::failed(
            &state,
            desk.lang,
            "/beheer",
            "rendering a letter as PDF",
            AppError::fault("the letter as PDF", e),
        ),
    }
}

#[derive(Debug, Deserialize)]
pub struct PostedForm {
    #[serde(default)]
    version: Option<String>,
}

/// `POST /beheer/klachten/{reference}/brieven/{seq}/verstuurd`: the letter by post was printed
/// and sent; its open task on the dossier ends.
pub async fn letter_posted(
    State(state): State<AppState>,
    desk: Desk,
    Path((reference, seq)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Response {
    let lang = desk.lang;
    let sent: PostedForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let back = format!("/beheer/klachten/{reference}");
    let refused = |e: AppError| {
        let e = PageError::from(e);
        let f = desk
            .frame(&back, "dossier-letter-not-marked")
            .with_errors(true);
        super::message_with_link(
            &f,
            e.status(),
            e.message_in(lang),
            &back,
            tr(lang, "dossier-back-to-the-complaint"),
        )
    };
    let Ok(seq) = seq.parse::<i64>() else {
        return refused(AppError::not_found(
            "There is no such letter in this dossier.",
            "Deze brief staat niet in dit dossier.",
        ));
    };
    let staff = desk.user.staff();
    let expected = sent.version.as_deref().and_then(|v| v.parse::<u64>().ok());
    match app::mark_letter_posted(&state, &reference, &staff, seq, expected).await {
        Ok(_) => {
            tracing::info!(%reference, letter = seq, user = desk.user.id.0, "letter marked as posted");
            Redirect::to(&format!("{back}?gedaan=letter-posted")).into_response()
        }
        Err(AppError::NotFound { .. }) => not_visible(lang, &reference),
        Err(e) => refused(e),
    }
}
