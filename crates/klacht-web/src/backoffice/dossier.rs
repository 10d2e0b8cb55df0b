//! The dossier page and every step of the procedure as a form, with a preview of the letter the
//! step will send. A form carries the version of the complaint it was made from: if someone else
//! took a step meanwhile, the second person sees what happened and keeps what they typed; nothing
//! is stored twice.

use super::dashboard::{UrgencyTag, category_label, channel_label, staff_name, status_label};
use super::{Desk, Frame, Msg, field, fields, message, pairs};
use crate::follow;
use crate::http::error::{ApiError, FieldError};
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use klacht_app::AppError;
use klacht_app::complaints::{self as app, Opened, StepOptions};
use klacht_app::steps::ActionRequest;
use klacht_core::calendar::amsterdam_date;
use klacht_core::deadlines::Urgency;
use klacht_core::personal;
use klacht_core::procedure::{
    self, Action, Ctx, EventBody, Level, Org, View, acting_coordinators, capacities,
};
use klacht_core::profile::Capacity;
use klacht_core::{Actor, Lang, Role};
use serde::Deserialize;
use serde_json::Value;

// --- Labels ---------------------------------------------------------------------------------

/// What an event is called on the timeline.
fn kind_label(kind: &str, lang: Lang) -> String {
    let (nl, en) = match kind {
        "registered" => ("Klacht geregistreerd", "Complaint registered"),
        "resolved_directly" => ("Direct opgelost", "Resolved directly"),
        "acknowledged" => ("Ontvangst bevestigd", "Receipt acknowledged"),
        "assigned" => ("Toegewezen aan behandelaar", "Assigned to a handler"),
        "involved_informed" => ("Betrokkene geïnformeerd", "Person concerned informed"),
        "hearing_recorded" => ("Betrokkene gehoord", "Person concerned heard"),
        "contact_recorded" => ("Contact met klager", "Contact with the complainant"),
        "note_added" => ("Notitie", "Note"),
        "report_summary_written" => ("Samenvatting voor het verslag", "Summary for the report"),
        "document_attached" => ("Document toegevoegd", "Document attached"),
        "extended" => ("Termijn verlengd", "Deadline extended"),
        "escalated" => ("Geëscaleerd", "Escalated"),
        "referred_to_committee" => (
            "Voorgelegd aan adviescommissie",
            "Referred to the advisory committee",
        ),
        "classified" => ("Geclassificeerd", "Classified"),
        "measure_recorded" => ("Maatregel vastgelegd", "Measure recorded"),
        "decided" => ("Besluit genomen", "Decision taken"),
        "signed_off" => (
            "Registratieformulier ondertekend",
            "Registration form signed",
        ),
        "closed" => ("Afgesloten", "Closed"),
        "withdrawn" => ("Ingetrokken", "Withdrawn"),
        "reopened" => ("Heropend", "Reopened"),
        "letter" => ("Brief aan klager", "Letter to the complainant"),
        "complainant_added" => ("Klager vulde aan", "Complainant added information"),
        "satisfaction_answered" => (
            "Klager beantwoordde de tevredenheidsvraag",
            "Complainant answered the satisfaction question",
        ),
        "status_links_revoked" => ("Statuslinks ingetrokken", "Status links revoked"),
        _ => return kind.to_owned(),
    };
    lang.pick(nl, en).to_owned()
}

/// The label of a detail of an event; `None` for what the timeline does not show.
fn key_label(key: &str, lang: Lang) -> Option<&'static str> {
    let (nl, en) = match key {
        "via" => ("Via", "Via"),
        "note" => ("Toelichting", "Note"),
        "handler" => ("Behandelaar", "Handler"),
        "involved" => ("Betrokkene", "Person concerned"),
        "held_on" => ("Gehouden op", "Held on"),
        "summary" => ("Samenvatting", "Summary"),
        "on" => ("Op", "On"),
        "agreements" => ("Afspraken", "Agreements"),
        "text" => ("Tekst", "Text"),
        "deadline" => ("Termijn", "Deadline"),
        "previous_due" => ("Was uiterlijk", "Was due"),
        "new_due" => ("Nu uiterlijk", "Now due"),
        "reason" => ("Reden", "Reason"),
        "consent" => (
            "Met instemming van de klager",
            "With the complainant's consent",
        ),
        "to" => ("Naar", "To"),
        "categories" => ("Categorieën", "Categories"),
        "severity" => ("Ernst", "Severity"),
        "sensitive" => ("Gevoelig", "Sensitive"),
        "relation" => ("Relatie", "Relation"),
        "description" => ("Omschrijving", "Description"),
        "outcome" => ("Uitkomst", "Outcome"),
        "decision" => ("Besluit", "Decision"),
        "capacity" => ("Als", "As"),
        "how" => ("Hoe", "How"),
        "comment" => ("Toelichting", "Comment"),
        "satisfied" => ("Tevreden", "Satisfied"),
        _ => return None,
    };
    Some(lang.pick(nl, en))
}

fn yes_no(b: bool, lang: Lang) -> String {
    match (b, lang) {
        (true, Lang::Nl) => "ja",
        (false, Lang::Nl) => "nee",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    }
    .to_owned()
}

fn capacity_label(c: &str, lang: Lang) -> String {
    let (nl, en) = match c {
        "coordinator" => ("klachtencoördinator", "complaints coordinator"),
        "handler" => ("behandelaar", "handler"),
        "involved" => ("betrokkene", "person concerned"),
        "director" => ("directeur", "director"),
        "board" => ("bestuur", "board"),
        "registrar" => ("registrator", "registrar"),
        "staff" => ("medewerker", "staff member"),
        other => return other.to_owned(),
    };
    lang.pick(nl, en).to_owned()
}

fn via_label(v: &str, lang: Lang) -> String {
    let (nl, en) = match v {
        "email" => ("e-mail", "e-mail"),
        "letter" => ("brief", "letter"),
        "phone" => ("telefoon", "phone"),
        "in_person" => ("persoonlijk", "in person"),
        "status_page" => ("statuspagina", "status page"),
        other => return other.to_owned(),
    };
    lang.pick(nl, en).to_owned()
}

/// The name of a step, as its button and page title say.
pub fn action_label(a: Action, lang: Lang) -> &'static str {
    let (nl, en) = match a {
        Action::Acknowledge => ("Ontvangst bevestigen", "Acknowledge receipt"),
        Action::Assign => ("Toewijzen", "Assign"),
        Action::InformInvolved => ("Betrokkene informeren", "Inform the person concerned"),
        Action::RecordHearing => ("Hoor betrokkene vastleggen", "Record the hearing"),
        Action::RecordContact => (
            "Contact met klager vastleggen",
            "Record a contact with the complainant",
        ),
        Action::AddNote => ("Notitie toevoegen", "Add a note"),
        Action::AttachDocument => ("Document toevoegen", "Attach a document"),
        Action::Extend => ("Termijn verlengen", "Extend a deadline"),
        Action::Escalate => ("Escaleren", "Escalate"),
        Action::ReferToCommittee => (
            "Aan adviescommissie voorleggen",
            "Refer to the advisory committee",
        ),
        Action::Classify => ("Classificeren", "Classify"),
        Action::RecordMeasure => ("Maatregel vastleggen", "Record a measure"),
        Action::Decide => ("Besluiten", "Decide"),
        Action::SignOff => (
            "Registratieformulier ondertekenen",
            "Sign the registration form",
        ),
        Action::Close => ("Afsluiten", "Close"),
        Action::Withdraw => ("Intrekking vastleggen", "Record withdrawal"),
        Action::Reopen => ("Heropenen", "Reopen"),
        Action::ReportSummary => ("Samenvatting voor het verslag", "Summary for the report"),
    };
    lang.pick(nl, en)
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
    pub documents: Vec<(String, String)>,
}

fn actor_name(org: &Org, a: Actor, lang: Lang) -> String {
    match (a, lang) {
        (Actor::Staff(id), _) => staff_name(org, Some(id)),
        (Actor::Complainant, Lang::Nl) => "klager".into(),
        (Actor::Complainant, Lang::En) => "complainant".into(),
        (Actor::System, _) => "klacht".into(),
    }
}

fn value_text(key: &str, v: &Value, o: &Opened, lang: Lang) -> Option<String> {
    let loaded = &o.loaded;
    Some(match (key, v) {
        (_, Value::Null) => return None,
        ("handler" | "involved", Value::Number(n)) => {
            staff_name(&o.org, n.as_i64().map(klacht_core::UserId))
        }
        ("via", Value::String(s)) => via_label(s, lang),
        ("capacity", Value::String(s)) => capacity_label(s, lang),
        ("to", Value::String(s)) => match (s.as_str(), lang) {
            ("director", Lang::Nl) => "directeur".into(),
            ("director", Lang::En) => "director".into(),
            ("board", Lang::Nl) => "bestuur".into(),
            ("board", Lang::En) => "board".into(),
            (other, _) => other.to_owned(),
        },
        ("categories", Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(|c| category_label(loaded, c, lang))
            .collect::<Vec<_>>()
            .join(", "),
        ("outcome", Value::String(s)) => loaded
            .profile
            .outcomes
            .iter()
            .find(|x| x.id.as_str() == s)
            .map(|x| x.label.get(lang).to_owned())
            .unwrap_or_else(|| s.clone()),
        ("deadline", Value::String(s)) => loaded
            .profile
            .deadline(s)
            .map(|d| d.label.get(lang).to_owned())
            .unwrap_or_else(|| s.clone()),
        ("severity", Value::String(s)) => loaded
            .profile
            .severities
            .iter()
            .find(|x| &x.id == s)
            .map(|x| x.label.get(lang).to_owned())
            .unwrap_or_else(|| s.clone()),
        ("held_on" | "on" | "previous_due" | "new_due", Value::String(s)) => s
            .parse::<jiff::civil::Date>()
            .map(|d| super::long_date(d, lang))
            .unwrap_or_else(|_| s.clone()),
        (_, Value::Bool(b)) => yes_no(*b, lang),
        (_, Value::String(s)) if s.trim().is_empty() => return None,
        (_, Value::String(s)) => s.clone(),
        (_, Value::Number(n)) => n.to_string(),
        _ => return None,
    })
}

fn delivery_text(o: &Opened, seq: i64, via: procedure::Via, lang: Lang) -> String {
    let t = |nl: &str, en: &str| lang.pick(nl, en).to_owned();
    if via != procedure::Via::Email {
        return t(
            "per post: nog af te drukken en te versturen",
            "by post: to be printed and sent",
        );
    }
    match o.mail.iter().find(|m| m.seq == seq) {
        Some(m) if m.sent_at.is_some() => match lang {
            Lang::Nl => format!(
                "verzonden per e-mail op {}",
                super::when(m.sent_at.unwrap_or_default())
            ),
            Lang::En => format!(
                "sent by e-mail on {}",
                super::when(m.sent_at.unwrap_or_default())
            ),
        },
        Some(m) if m.failed_at.is_some() => t(
            "NIET bezorgd: de mailserver weigerde het bericht. Neem op een andere manier contact op.",
            "NOT delivered: the mail server refused it. Contact the complainant another way.",
        ),
        Some(m) => match lang {
            Lang::Nl => format!("wacht op verzending ({} pogingen)", m.attempts),
            Lang::En => format!("waiting to be sent ({} attempts)", m.attempts),
        },
        None => t("per e-mail", "by e-mail"),
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
        let mut json = serde_json::to_value(body).unwrap_or(Value::Null);
        personal::plain(&mut json);
        let kind = json
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let mut details = Vec::new();
        let mut letter = None;
        let mut documents = Vec::new();
        match body {
            EventBody::Registered(_) => {
                details.push((
                    match lang {
                        Lang::Nl => "Kanaal".into(),
                        Lang::En => "Channel".into(),
                    },
                    channel_label(&o.loaded, o.dossier.state.channel, lang),
                ));
            }
            EventBody::Letter(l) if view == View::Full => {
                letter = Some((
                    l.subject.get().cloned().unwrap_or_default(),
                    l.body.get().cloned().unwrap_or_default(),
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
        if let Value::Object(map) = &json
            && !matches!(body, EventBody::Registered(_) | EventBody::Letter(_))
        {
            for (k, v) in map {
                if let (Some(label), Some(text)) = (key_label(k, lang), value_text(k, v, o, lang)) {
                    details.push((label.to_owned(), text));
                }
            }
        }
        if view == View::Involved {
            documents.clear();
        }
        out.push(Entry {
            seq: e.seq,
            at: super::when(e.event.at),
            actor: actor_name(&o.org, e.event.actor, lang),
            kind: kind_label(&kind, lang),
            details,
            letter,
            documents,
        });
    }
    out
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
    received_by: String,
    received_where: String,
    complainant: Vec<(String, String)>,
    on_behalf_of: String,
    description: String,
    concerns: String,
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
}

#[derive(Debug, Default, Deserialize)]
pub struct DossierQuery {
    gedaan: Option<String>,
    geregistreerd: Option<String>,
}

fn not_visible(lang: Lang, reference: &str) -> Response {
    let f = Frame::bare(lang, "Niet gevonden", "Not found");
    let text = match lang {
        Lang::Nl => format!("Er is geen klacht {reference} die u mag inzien."),
        Lang::En => format!("There is no complaint {reference} that you may see."),
    };
    super::message_with_link(
        &f,
        StatusCode::NOT_FOUND,
        text,
        "/beheer",
        match lang {
            Lang::Nl => "Naar het overzicht",
            Lang::En => "To the dashboard",
        },
    )
}

/// Opens a dossier for `desk`, or the page that says it is not there for them.
async fn open_for(
    state: &AppState,
    desk: &Desk,
    reference: &str,
) -> Result<(Opened, View), Response> {
    let o = match app::open(state, reference).await.map_err(ApiError::from) {
        Ok(o) => o,
        Err(e) if e.status == StatusCode::NOT_FOUND => {
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
    let now = state.clock.now();
    if let Err(e) = state.store.log_read(o.dossier.id, desk.user.id, now).await {
        // No read without its log entry.
        return super::failed(&state, lang, "/beheer", "logging a read", e);
    }
    let staff = desk.user.staff();
    let c = &o.dossier.state;
    let profile = &o.loaded.profile;
    let full = view == View::Full;
    let t = |nl: &str, en: &str| lang.pick(nl, en).to_owned();
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
            t("(niemand: stel een plaatsvervanger in)", "(nobody: appoint a deputy)")
        } else {
            deputies.join(", ")
        };
        match lang {
            Lang::Nl => format!("U kunt deze klacht niet behandelen of erover beslissen: ze gaat over u. De klacht wordt behandeld door: {who}. U ziet de klacht en wat u moet doen (gehoord worden, ondertekenen), niet de aantekeningen van de behandeling."),
            Lang::En => format!("You cannot handle or decide on this complaint: it is about you. It is handled by: {who}. You see the complaint and what you must do (be heard, sign), not the handling notes."),
        }
    });
    let mut complainant = Vec::new();
    let cp = &c.complainant;
    let plain = |p: &Option<klacht_core::Personal<String>>| {
        p.as_ref()
            .and_then(|p| p.get().cloned())
            .unwrap_or_default()
    };
    let mut cj = serde_json::to_value(cp).unwrap_or(Value::Null);
    personal::plain(&mut cj);
    if let Value::Object(m) = cj {
        for (k, label) in [
            ("name", t("Naam", "Name")),
            ("email", t("E-mail", "E-mail")),
            ("phone", t("Telefoon", "Phone")),
            ("address", t("Adres", "Address")),
            ("date_of_birth", t("Geboortedatum", "Date of birth")),
        ] {
            if !full && k != "name" {
                continue;
            }
            if let Some(v) = m.get(k).and_then(Value::as_str).filter(|v| !v.is_empty()) {
                complainant.push((label, v.to_owned()));
            }
        }
    }
    let mut classification = Vec::new();
    if !c.categories.is_empty() {
        classification.push((
            t("Categorieën", "Categories"),
            c.categories
                .iter()
                .map(|x| category_label(&o.loaded, x, lang))
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    if let Some(s) = &c.severity {
        classification.push((
            t("Ernst", "Severity"),
            value_text("severity", &Value::String(s.clone()), &o, lang).unwrap_or_default(),
        ));
    }
    classification.push((t("Gevoelig", "Sensitive"), yes_no(c.sensitive, lang)));
    if let Some(r) = &c.relation {
        classification.push((t("Relatie", "Relation"), r.clone()));
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
        decision.push((
            t("Uitkomst", "Outcome"),
            value_text(
                "outcome",
                &Value::String(d.outcome.as_str().into()),
                &o,
                lang,
            )
            .unwrap_or_default(),
        ));
        decision.push((t("Op", "On"), super::when(d.at)));
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
                    format!(
                        "{text} ({})",
                        t("meegedeeld aan klager", "told to the complainant")
                    )
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
    let missing = if full {
        procedure::missing_registration(profile, c)
            .iter()
            .map(|f| registration_field_label(f.as_str(), lang))
            .collect()
    } else {
        Vec::new()
    };
    let mut advice = Vec::new();
    if full && c.board_consultation_advised(profile) && c.escalation != Some(Level::Board) {
        advice.push(t(
            "Deze klacht is zeer ernstig of gevoelig: de regeling vraagt de coördinator het bestuur te raadplegen (T9).",
            "This complaint is very serious or sensitive: the regulation asks the coordinator to consult the board (T9).",
        ));
    }
    let allowed: Vec<Action> = procedure::allowed_actions(&ctx, c, &staff)
        .into_iter()
        .filter_map(Action::parse)
        .collect();
    let can_attach = full && allowed.contains(&Action::AttachDocument);
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
        .map(|a| match lang {
            Lang::Nl => format!("Opgeslagen: {}.", action_label(a, lang).to_lowercase()),
            Lang::En => format!("Saved: {}.", action_label(a, lang).to_lowercase()),
        })
        .or_else(|| {
            q.geregistreerd.is_some().then(|| {
                t(
                    "De klacht is geregistreerd. De termijnen lopen vanaf de ontvangst.",
                    "The complaint is registered. The deadlines run from its receipt.",
                )
            })
        });
    let entries = timeline(&o, view, lang, 0);
    let title = format!("{} {}", t("Klacht", "Complaint"), reference);
    let page = DossierPage {
        f: desk.frame(&format!("/beheer/klachten/{reference}"), &title, &title),
        reference: reference.clone(),
        full,
        done,
        status: status_label(c.status, lang),
        channel: channel_label(&o.loaded, c.channel, lang),
        form: match (c.form, lang) {
            (klacht_core::Form::Written, Lang::Nl) => "schriftelijk",
            (klacht_core::Form::Written, Lang::En) => "written",
            (klacht_core::Form::Oral, Lang::Nl) => "mondeling",
            (klacht_core::Form::Oral, Lang::En) => "oral",
        },
        received: super::when(c.received_at),
        received_by: staff_name(&o.org, c.received_by),
        received_where: if full {
            plain(&c.received_where)
        } else {
            String::new()
        },
        complainant,
        on_behalf_of: plain(&c.on_behalf_of),
        description: c.description.get().cloned().unwrap_or_default(),
        concerns: staff_name(&o.org, c.concerns),
        handler: staff_name(&o.org, c.handler),
        classification,
        escalation: match (c.escalation, lang) {
            (Some(Level::Director), Lang::Nl) => "directeur".into(),
            (Some(Level::Director), Lang::En) => "director".into(),
            (Some(Level::Board), Lang::Nl) => "bestuur".into(),
            (Some(Level::Board), Lang::En) => "board".into(),
            (None, _) => String::new(),
        },
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
    };
    crate::http::pages::html(StatusCode::OK, &page)
}

fn registration_field_label(f: &str, lang: Lang) -> String {
    let (nl, en) = match f {
        "complainant_name" => ("naam van de klager", "complainant's name"),
        "complainant_address" => (
            "adres of woonplaats van de klager",
            "complainant's address or residence",
        ),
        "received_by" => ("wie de klacht ontving", "who received the complaint"),
        "complainant_contact" => (
            "e-mailadres of telefoonnummer van de klager",
            "complainant's e-mail or phone",
        ),
        "description" => ("omschrijving van de klacht", "description of the complaint"),
        "handler" => (
            "aan wie de klacht is doorgestuurd",
            "who the complaint was forwarded to",
        ),
        "category" => ("categorie", "category"),
        "severity" => ("ernst", "severity"),
        "relation" => ("relatie van de klager", "complainant's relation"),
        other => return other.replace('_', " "),
    };
    lang.pick(nl, en).to_owned()
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
        Err(e) => return super::failed(&state, desk.lang, "/beheer", "reading a document", e),
    };
    if let Err(e) = state
        .store
        .log_read(o.dossier.id, desk.user.id, state.clock.now())
        .await
    {
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
fn inputs(a: Action, o: &Opened, users: &[klacht_store::User], lang: Lang) -> Vec<Input> {
    let l = |nl: &str, en: &str| lang.pick(nl, en).to_owned();
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
                input(
                    "via",
                    InputKind::Select,
                    l("Hoe bevestigd", "How acknowledged"),
                ),
                via_options(a, lang),
            ),
            hint(
                input(
                    "note",
                    InputKind::Area,
                    l("Toelichting (niet in de brief)", "Note (not in the letter)"),
                ),
                l(
                    "Bijvoorbeeld: telefonisch bevestigd en uitleg gegeven.",
                    "For example: confirmed by phone and explained.",
                ),
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
                input("handler", InputKind::Select, l("Behandelaar", "Handler")),
                staff,
            ))]
        }
        Action::InformInvolved => vec![input("note", InputKind::Area, l("Toelichting", "Note"))],
        Action::RecordHearing => vec![
            hint(
                input(
                    "held_on",
                    InputKind::Date,
                    l("Datum van het gesprek", "Date of the meeting"),
                ),
                l("Leeg laten: vandaag.", "Leave empty: today."),
            ),
            req(input(
                "summary",
                InputKind::Area,
                l(
                    "Samenvatting van wat de betrokkene zei",
                    "Summary of what the person concerned said",
                ),
            )),
        ],
        Action::RecordContact => vec![
            opts(
                input("via", InputKind::Select, l("Hoe", "How")),
                via_options(a, lang),
            ),
            hint(
                input("on", InputKind::Date, l("Datum", "Date")),
                l("Leeg laten: vandaag.", "Leave empty: today."),
            ),
            req(input(
                "summary",
                InputKind::Area,
                l("Wat is besproken", "What was discussed"),
            )),
            input(
                "agreements",
                InputKind::Area,
                l("Afspraken en acties", "Agreements and actions"),
            ),
            input(
                "measures_communicated",
                InputKind::Check,
                l(
                    "De vastgelegde maatregelen zijn aan de klager meegedeeld",
                    "The recorded measures were told to the complainant",
                ),
            ),
        ],
        Action::AddNote => vec![req(input("text", InputKind::Area, l("Notitie", "Note")))],
        Action::ReportSummary => vec![req(input(
            "text",
            InputKind::Area,
            l(
                "Korte samenvatting voor het verslag aan het bestuur (zonder namen)",
                "Short summary for the report to the board (no names)",
            ),
        ))],
        Action::AttachDocument => Vec::new(),
        Action::Extend => vec![
            req(opts(
                input(
                    "deadline",
                    InputKind::Select,
                    l("Welke termijn", "Which deadline"),
                ),
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
            req(input(
                "new_due",
                InputKind::Date,
                l("Nieuwe uiterste datum", "New due date"),
            )),
            req(hint(
                input(
                    "reason",
                    InputKind::Area,
                    l(
                        "Reden (komt in de brief aan de klager)",
                        "Reason (goes into the letter to the complainant)",
                    ),
                ),
                String::new(),
            )),
            input(
                "consent",
                InputKind::Check,
                l(
                    "De klager stemde schriftelijk in met een langere verlenging",
                    "The complainant agreed in writing to a longer extension",
                ),
            ),
        ],
        Action::Escalate => vec![
            req(opts(
                input("to", InputKind::Select, l("Naar", "To")),
                vec![
                    ("director".into(), l("de directeur", "the director")),
                    ("board".into(), l("het bestuur", "the board")),
                ],
            )),
            req(input("reason", InputKind::Area, l("Reden", "Reason"))),
        ],
        Action::ReferToCommittee => {
            vec![req(input("reason", InputKind::Area, l("Reden", "Reason")))]
        }
        Action::Classify => {
            let mut cats = opts(
                input(
                    "categories",
                    InputKind::Checks,
                    l("Categorieën", "Categories"),
                ),
                profile
                    .categories
                    .iter()
                    .map(|x| (x.id.clone(), x.label.get(lang).to_owned()))
                    .collect(),
            );
            cats.checked = c.categories.clone();
            let mut sev = opts(
                input("severity", InputKind::Select, l("Ernst", "Severity")),
                std::iter::once((String::new(), l("(niet bepaald)", "(not set)")))
                    .chain(
                        profile
                            .severities
                            .iter()
                            .map(|x| (x.id.clone(), x.label.get(lang).to_owned())),
                    )
                    .collect(),
            );
            sev.value = c.severity.clone().unwrap_or_default();
            let mut sens = input("sensitive", InputKind::Check, l("Gevoelig", "Sensitive"));
            if c.sensitive {
                sens.checked = vec!["true".into()];
            }
            let mut rel = opts(
                input(
                    "relation",
                    InputKind::Select,
                    l("Relatie van de klager", "Complainant's relation"),
                ),
                std::iter::once((String::new(), l("(niet bepaald)", "(not set)")))
                    .chain(
                        profile
                            .relations
                            .iter()
                            .map(|x| (x.id.clone(), x.label.get(lang).to_owned())),
                    )
                    .collect(),
            );
            rel.value = c.relation.clone().unwrap_or_default();
            vec![cats, sev, sens, rel]
        }
        Action::RecordMeasure => vec![req(input(
            "description",
            InputKind::Area,
            l("Maatregel", "Measure"),
        ))],
        Action::Decide => vec![
            req(opts(
                input("outcome", InputKind::Select, l("Uitkomst", "Outcome")),
                profile
                    .outcomes
                    .iter()
                    .map(|x| (x.id.as_str().to_owned(), x.label.get(lang).to_owned()))
                    .collect(),
            )),
            req(hint(
                input(
                    "decision",
                    InputKind::Area,
                    l(
                        "Besluit met motivering (komt in de brief)",
                        "Decision with reasons (goes into the letter)",
                    ),
                ),
                String::new(),
            )),
            opts(
                input(
                    "via",
                    InputKind::Select,
                    l("Hoe meegedeeld", "How communicated"),
                ),
                via_options(a, lang),
            ),
        ],
        Action::SignOff | Action::Close => Vec::new(),
        Action::Withdraw => vec![input(
            "reason",
            InputKind::Area,
            l(
                "Reden (als de klager die gaf)",
                "Reason (if the complainant gave one)",
            ),
        )],
        Action::Reopen => vec![req(input("reason", InputKind::Area, l("Reden", "Reason")))],
    }
}

/// What a step does, in a sentence above its form.
fn intro(a: Action, lang: Lang) -> String {
    let (nl, en) = match a {
        Action::SignOff => (
            "U ondertekent hiermee het registratieformulier van deze klacht (K11).",
            "You hereby sign the registration form of this complaint (K11).",
        ),
        Action::Close => (
            "U sluit de klacht af. Dat kan pas als het registratieformulier compleet is, de vereiste handtekeningen er zijn en de maatregelen aan de klager zijn meegedeeld.",
            "You close the complaint. That is possible only once the registration form is complete, the required signatures are there and the measures were told to the complainant.",
        ),
        Action::Acknowledge => (
            "Bevestig de klager dat de klacht is ontvangen (T5).",
            "Confirm to the complainant that the complaint was received (T5).",
        ),
        Action::Decide => (
            "Leg het besluit vast; de klager krijgt het met de motivering en de maatregelen (T7, K7).",
            "Record the decision; the complainant receives it with the reasons and the measures (T7, K7).",
        ),
        Action::Extend => (
            "Verleng een termijn; de klager krijgt een brief met de reden en de nieuwe datum (T6).",
            "Extend a deadline; the complainant receives a letter with the reason and the new date (T6).",
        ),
        _ => ("", ""),
    };
    lang.pick(nl, en).to_owned()
}

/// Turns the posted fields into the API's request, so that the back office and the API check
/// them the same way.
/// The step's form as the request of `action`: the fields the step's form shows.
fn request(p: &[(String, String)], action: Action, lang: Lang) -> (ActionRequest, Vec<FieldError>) {
    use klacht_app::steps::{
        AcknowledgeRequest, AssignRequest, ClassifyRequest, ContactRequest, DecideRequest,
        EscalateRequest, ExtendRequest, HearingRequest, MeasureRequest, NoteRequest, ReasonRequest,
        TextRequest, VersionRequest,
    };
    let mut errors = Vec::new();
    let mut date = |name: &str| -> Option<jiff::civil::Date> {
        let v = field(p, name)?;
        match v.parse::<jiff::civil::Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                errors.push(FieldError {
                    field: name.into(),
                    message: lang
                        .pick(
                            "Vul een datum in (dag-maand-jaar).",
                            "Enter a date (day-month-year).",
                        )
                        .to_owned(),
                });
                None
            }
        }
    };
    let checked = |name: &str| Some(field(p, name).is_some());
    let text = |name: &str| field(p, name);
    let expected_version = None;
    let r = match action {
        Action::Acknowledge => ActionRequest::Acknowledge(AcknowledgeRequest {
            expected_version,
            via: text("via"),
            note: text("note"),
        }),
        Action::Assign => ActionRequest::Assign(AssignRequest {
            expected_version,
            handler: text("handler"),
        }),
        Action::InformInvolved => ActionRequest::InformInvolved(NoteRequest {
            expected_version,
            note: text("note"),
        }),
        Action::RecordHearing => ActionRequest::RecordHearing(HearingRequest {
            expected_version,
            summary: text("summary"),
            held_on: date("held_on"),
        }),
        Action::RecordContact => ActionRequest::RecordContact(ContactRequest {
            expected_version,
            via: text("via"),
            on: date("on"),
            summary: text("summary"),
            agreements: text("agreements"),
            measures_communicated: checked("measures_communicated"),
        }),
        Action::AddNote => ActionRequest::AddNote(TextRequest {
            expected_version,
            text: text("text"),
        }),
        Action::ReportSummary => ActionRequest::ReportSummary(TextRequest {
            expected_version,
            text: text("text"),
        }),
        // Documents come through their own form (multipart); see `attach`.
        Action::AttachDocument => ActionRequest::empty(Action::AttachDocument),
        Action::Extend => ActionRequest::Extend(ExtendRequest {
            expected_version,
            deadline: text("deadline"),
            new_due: date("new_due"),
            reason: text("reason"),
            consent: checked("consent"),
        }),
        Action::Escalate => ActionRequest::Escalate(EscalateRequest {
            expected_version,
            to: text("to"),
            reason: text("reason"),
        }),
        Action::ReferToCommittee => ActionRequest::ReferToCommittee(ReasonRequest {
            expected_version,
            reason: text("reason"),
        }),
        Action::Withdraw => ActionRequest::Withdraw(ReasonRequest {
            expected_version,
            reason: text("reason"),
        }),
        Action::Reopen => ActionRequest::Reopen(ReasonRequest {
            expected_version,
            reason: text("reason"),
        }),
        Action::Classify => ActionRequest::Classify(ClassifyRequest {
            expected_version,
            categories: Some(fields(p, "categories")),
            severity: text("severity"),
            sensitive: checked("sensitive"),
            relation: text("relation"),
        }),
        Action::RecordMeasure => ActionRequest::RecordMeasure(MeasureRequest {
            expected_version,
            description: text("description"),
        }),
        Action::Decide => ActionRequest::Decide(DecideRequest {
            expected_version,
            outcome: text("outcome"),
            decision: text("decision"),
            via: text("via"),
        }),
        Action::SignOff => ActionRequest::SignOff(VersionRequest { expected_version }),
        Action::Close => ActionRequest::Close(VersionRequest { expected_version }),
    };
    errors.extend(r.problems().into_iter().map(FieldError::from));
    (r, errors)
}

/// Puts what was posted back into the fields.
fn refill(inputs: &mut [Input], p: &[(String, String)]) {
    for i in inputs {
        match i.kind {
            InputKind::Checks => i.checked = fields(p, i.name),
            InputKind::Check => {
                i.checked = if field(p, i.name).is_some() {
                    vec!["true".into()]
                } else {
                    Vec::new()
                }
            }
            _ => i.value = field(p, i.name).unwrap_or_default(),
        }
    }
}

fn field_message(e: &FieldError, lang: Lang) -> String {
    match (e.message.as_str(), lang) {
        ("is required", Lang::Nl) => "Vul dit in.".into(),
        ("is required", Lang::En) => "Fill this in.".into(),
        (m, Lang::Nl) => match crate::http::body::text_problem_nl(m) {
            Some(nl) => format!("Dit veld {nl}."),
            None => m.to_owned(),
        },
        (m, Lang::En) => m.to_owned(),
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
    let page = step_page(&desk, &o, &o.users, a, Vec::new(), None);
    crate::http::pages::html(StatusCode::OK, &page)
}

fn step_page(
    desk: &Desk,
    o: &Opened,
    users: &[klacht_store::User],
    a: Action,
    p: Vec<(String, String)>,
    version: Option<u64>,
) -> StepPage {
    let lang = desk.lang;
    let reference = o.dossier.reference.to_string();
    let mut ins = inputs(a, o, users, lang);
    if !p.is_empty() {
        refill(&mut ins, &p);
    }
    let title = format!("{} — {reference}", action_label(a, lang));
    StepPage {
        f: desk.frame(
            &format!("/beheer/klachten/{reference}/stap/{}", a.name()),
            &title,
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
    let p = pairs(&body);
    if let Err(r) = desk.check(field(&p, "csrf").as_deref().unwrap_or("")) {
        return r;
    }
    let Some(a) = parse_action(&action) else {
        return not_visible(lang, &reference);
    };
    let (o, _) = match open_for(&state, &desk, &reference).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let Some(version) = field(&p, "version").and_then(|v| v.parse::<u64>().ok()) else {
        return message(
            &desk.frame("/beheer", "Formulier onvolledig", "Form incomplete"),
            StatusCode::BAD_REQUEST,
            Msg {
                nl: "Dit formulier mist de versie van de klacht. Open de klacht opnieuw en probeer het nog eens; er is niets opgeslagen.",
                en: "This form lacks the complaint's version. Open the complaint again and retry; nothing was saved.",
            },
        );
    };
    let (req, field_errors) = request(&p, a, lang);
    let mut page = step_page(&desk, &o, &o.users, a, p.clone(), Some(version));
    if !field_errors.is_empty() {
        return invalid(page, field_errors, lang);
    }
    let (cmd, file) = match klacht_app::steps::command(&state, req).await {
        Ok(c) => c,
        Err(e) => return refused(page, e.into(), lang),
    };
    let staff = desk.user.staff();
    if field(&p, "intent").as_deref() == Some("preview") {
        return match preview(&state, &o, &staff, cmd) {
            Ok(letters) => {
                page.preview = Some(letters);
                crate::http::pages::html(StatusCode::OK, &page)
            }
            Err(e) => refused(page, e, lang),
        };
    }
    let taken = app::take_step(
        &state,
        &reference,
        &staff,
        StepOptions {
            expected: Some(version),
            file: file.as_deref(),
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
                Err(e) => return refused(page, e.into(), lang),
            };
            let view = procedure::view(
                &fresh.loaded.profile,
                &fresh.org,
                &fresh.dossier.state,
                &staff,
            );
            let mut again = step_page(&desk, &fresh, &fresh.users, a, p, None);
            again.changed = timeline(&fresh, view, lang, i64::try_from(version).unwrap_or(0));
            again.f.has_errors = true;
            crate::http::pages::html(StatusCode::CONFLICT, &again)
        }
        Err(e) => refused(page, e.into(), lang),
    }
}

fn invalid(mut page: StepPage, errors: Vec<FieldError>, lang: Lang) -> Response {
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

fn refused(mut page: StepPage, e: ApiError, lang: Lang) -> Response {
    if !e.body.fields.is_empty() {
        let fields = e.body.fields.clone();
        return invalid(page, fields, lang);
    }
    let msg = match lang {
        Lang::Nl => e
            .body
            .message_nl
            .clone()
            .unwrap_or_else(|| e.body.message.clone()),
        Lang::En => e.body.message.clone(),
    };
    page.refusal = Some(msg);
    page.refusal_details = e.body.details.clone();
    page.f.has_errors = true;
    // The form comes back with what was typed and the message: on a full disk or with the
    // database away that is 503 with Retry-After; any other fault of ours is a 500.
    let status = if e.status.is_server_error() && !e.is_unavailable() {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        e.status
    };
    e.with_retry_after(crate::http::pages::html(status, &page))
}

/// The letters the step would send, without taking it.
fn preview(
    state: &AppState,
    o: &Opened,
    staff: &procedure::Staff,
    cmd: procedure::Command,
) -> Result<Vec<(String, String, String)>, ApiError> {
    let now = state.clock.now();
    let ctx = Ctx {
        profile: &o.loaded.profile,
        calendar: &o.loaded.calendar,
        org: &o.org,
        now,
    };
    let events = procedure::decide(&ctx, &o.dossier.state, staff, cmd)?;
    let mut next = o.dossier.state.clone();
    for e in &events {
        next.apply(e);
    }
    let step = follow::Step {
        reference: &o.dossier.reference,
        before: Some(&o.dossier.state),
        after: &next,
        history: &o.dossier.events,
        events: &events,
        org: &o.org,
        users: &o.users,
    };
    let (f, _) = follow::follow_up(state, &o.loaded, &step, false)?;
    Ok(f.events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::Letter(l) => Some((
                l.subject.get().cloned().unwrap_or_default(),
                l.body.get().cloned().unwrap_or_default(),
                via_label(
                    match l.via {
                        procedure::Via::Email => "email",
                        _ => "letter",
                    },
                    state_lang(o),
                ),
            )),
            _ => None,
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
    let problem = |nl: &str, en: &str| {
        let f = desk
            .frame(&back, "Document niet toegevoegd", "Document not attached")
            .with_errors(true);
        super::message_with_link(
            &f,
            StatusCode::UNPROCESSABLE_ENTITY,
            lang.pick(nl, en).to_owned(),
            &back,
            match lang {
                Lang::Nl => "Terug naar de klacht",
                Lang::En => "Back to the complaint",
            },
        )
    };
    let Ok(mut form) = form else {
        return problem(
            "Het formulier kwam niet goed aan. Probeer het opnieuw.",
            "The form did not arrive properly. Please try again.",
        );
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
                        return problem(
                            "Het bestand is te groot of kwam niet goed aan.",
                            "The file is too large or did not arrive properly.",
                        );
                    }
                }
            }
            Ok(None) => break,
            Err(_) => {
                return problem(
                    "Het bestand is te groot of kwam niet goed aan.",
                    "The file is too large or did not arrive properly.",
                );
            }
        }
    }
    if let Err(r) = desk.check(&csrf) {
        return r;
    }
    let Some((filename, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return problem("Kies een bestand.", "Choose a file.");
    };
    if bytes.len() > state.settings.max_attachment_bytes {
        return problem(
            "Het bestand is groter dan toegestaan.",
            "The file is larger than allowed.",
        );
    }
    let Some(content_type) = crate::documents::sniff(&bytes) else {
        return problem(
            "Dit soort bestand kan niet worden toegevoegd: alleen PDF, afbeeldingen en kantoordocumenten.",
            "This kind of file cannot be attached: only PDF, images and office documents.",
        );
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
            let e = ApiError::from(e);
            let msg = e.message_in(lang);
            let f = desk
                .frame(&back, "Document niet toegevoegd", "Document not attached")
                .with_errors(true);
            super::message_with_link(
                &f,
                e.status,
                msg,
                &back,
                match lang {
                    Lang::Nl => "Terug naar de klacht",
                    Lang::En => "Back to the complaint",
                },
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
    let now = state.clock.now();
    if let Err(e) = state.store.log_read(o.dossier.id, desk.user.id, now).await {
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
        now,
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
            e,
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
            e,
        ),
    }
}
