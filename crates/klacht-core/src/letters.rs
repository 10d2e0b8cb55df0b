//! The letters the regulation promises the complainant (T5, T6, T7, K7, and the satisfaction
//! question): which step calls for which letter, how it is delivered, and its text from the
//! profile in the complainant's language.
//!
//! The engine decides the steps; this module only reads the events a step produced. The caller
//! records each letter as an [`EventBody::Letter`] in the same transaction as the step, so a
//! letter is never promised without being on the dossier and in the send queue.

use crate::Personal;
use crate::calendar::amsterdam_date;
use crate::procedure::{Complaint, Event, EventBody, LetterKind, LetterRecord, Via};
use crate::profile::{Letter, Profile};
use crate::texts::{TextError, base_context, long_date, render, weekday_date};
use crate::types::Lang;
use serde_json::{Map, Value, json};

/// How a letter reaches the complainant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// By e-mail to this address.
    Email(String),
    /// Printed and posted to this name and address.
    Post(String),
}

/// A letter a step calls for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub kind: LetterKind,
    /// Index, in the step's events, of the event that calls for it.
    pub trigger: usize,
    pub delivery: Delivery,
}

impl Due {
    /// Whether the text links to the complainant's status page (a link must be issued first).
    pub fn needs_status_link(&self) -> bool {
        matches!(
            self.kind,
            LetterKind::Acknowledgement | LetterKind::Satisfaction
        )
    }
}

/// A letter's subject and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub subject: String,
    pub body: String,
}

fn email_of(c: &Complaint) -> Option<String> {
    c.complainant
        .get()
        .and_then(|p| p.email.clone())
        .filter(|e| !e.trim().is_empty())
}

fn postal_of(c: &Complaint) -> Option<String> {
    let p = c.complainant.get()?;
    let address = p.address.as_deref().filter(|a| !a.trim().is_empty())?;
    Some(format!("{}\n{}", p.name, address))
}

/// Delivery by the channel the step names, falling back to what the complainant gave us.
fn by(via: Via, c: &Complaint) -> Option<Delivery> {
    match via {
        Via::Email => email_of(c)
            .map(Delivery::Email)
            .or_else(|| postal_of(c).map(Delivery::Post)),
        // In writing, by post; where there is no postal address, in writing by e-mail.
        Via::Letter => postal_of(c)
            .map(Delivery::Post)
            .or_else(|| email_of(c).map(Delivery::Email)),
        // Told by phone, in person or on the status page: recorded by the step itself.
        Via::Phone | Via::InPerson | Via::StatusPage => None,
    }
}

/// The letters that `events` — one step's events, already applied to `after` — call for.
///
/// - an acknowledgement by e-mail or letter (T5);
/// - an extension, by e-mail or else by post (T6: the complainant is told);
/// - a decision by e-mail or letter, with the measures (T7, K7);
/// - after closing, the satisfaction question by e-mail, where the profile has one.
pub fn due(profile: &Profile, after: &Complaint, events: &[Event]) -> Vec<Due> {
    let mut out = Vec::new();
    for (trigger, e) in events.iter().enumerate() {
        let letter = match &e.body {
            EventBody::Acknowledged { via, .. } => {
                by(*via, after).map(|d| (LetterKind::Acknowledgement, d))
            }
            EventBody::Extended { .. } => by(Via::Email, after).map(|d| (LetterKind::Extension, d)),
            EventBody::Decided { via, .. } => by(*via, after).map(|d| (LetterKind::Decision, d)),
            EventBody::Closed { .. } if profile.letters.satisfaction.is_some() => {
                email_of(after).map(|a| (LetterKind::Satisfaction, Delivery::Email(a)))
            }
            _ => None,
        };
        if let Some((kind, delivery)) = letter {
            out.push(Due {
                kind,
                trigger,
                delivery,
            });
        }
    }
    out
}

/// What a letter's text may refer to.
pub struct LetterInput<'a> {
    pub profile: &'a Profile,
    /// The complaint's reference, e.g. `2026-0042`.
    pub reference: &'a str,
    /// The complaint after the step.
    pub complaint: &'a Complaint,
    /// Every event of the dossier up to and including the step's (for the measures).
    pub history: &'a [Event],
    /// The event that calls for the letter.
    pub trigger: &'a Event,
    /// The site's public address (for `form_url` and `regulation_url`).
    pub public_url: &'a str,
    /// The complainant's status page, for letters that link to it.
    pub status_url: Option<&'a str>,
}

fn template(profile: &Profile, kind: LetterKind) -> Option<&Letter> {
    let l = &profile.letters;
    match kind {
        LetterKind::Acknowledgement => Some(&l.acknowledgement),
        LetterKind::Extension => Some(&l.extension),
        LetterKind::Decision => Some(&l.decision),
        LetterKind::Satisfaction => l.satisfaction.as_ref(),
    }
}

fn text(p: &Personal<String>) -> String {
    p.get().cloned().unwrap_or_default()
}

/// The variables of a letter: the profile's common ones plus the complaint's and the step's.
fn context(input: &LetterInput, lang: Lang) -> Map<String, Value> {
    let c = input.complaint;
    let mut ctx = base_context(input.profile, lang, input.public_url);
    ctx.insert("reference".into(), json!(input.reference));
    let person = c.complainant.get();
    ctx.insert(
        "complainant".into(),
        json!({
            "name": person.map(|p| p.name.clone()).unwrap_or_default(),
            "email": person.and_then(|p| p.email.clone()).unwrap_or_default(),
        }),
    );
    ctx.insert(
        "on_behalf_of".into(),
        json!(c.on_behalf_of.as_ref().map(text).unwrap_or_default()),
    );
    ctx.insert(
        "received_on".into(),
        json!(long_date(amsterdam_date(c.received_at), lang)),
    );
    let mut deadlines = Map::new();
    for d in &input.profile.deadlines {
        let due = c
            .deadline(&d.id)
            .and_then(|s| s.due)
            .map(|due| weekday_date(due, lang))
            .unwrap_or_default();
        deadlines.insert(d.id.clone(), json!(due));
    }
    ctx.insert("deadlines".into(), Value::Object(deadlines));
    let status_url = input.status_url.unwrap_or_default();
    ctx.insert("status_url".into(), json!(status_url));
    ctx.insert(
        "satisfaction_url".into(),
        json!(if status_url.is_empty() {
            String::new()
        } else {
            format!("{status_url}#tevredenheid")
        }),
    );
    // The step's own details, empty where the step has none.
    let (mut reason, mut previous_due, mut new_due) = (String::new(), String::new(), String::new());
    let (mut outcome, mut decision, mut measures) = (String::new(), String::new(), Vec::new());
    match &input.trigger.body {
        EventBody::Extended {
            previous_due: p,
            new_due: n,
            reason: r,
            ..
        } => {
            reason = text(r);
            previous_due = weekday_date(*p, lang);
            new_due = weekday_date(*n, lang);
        }
        EventBody::Decided {
            outcome: o,
            decision: d,
            measures_communicated,
            ..
        } => {
            outcome = input
                .profile
                .outcome(*o)
                .map(|c| c.label.get(lang).to_owned())
                .unwrap_or_else(|| o.as_str().to_owned());
            decision = text(d);
            // Every measure told with this decision, and those told before (T7: the letter
            // lists all measures taken or to be taken).
            measures = input
                .history
                .iter()
                .filter_map(|e| match &e.body {
                    EventBody::MeasureRecorded { id, description } => Some((*id, description)),
                    _ => None,
                })
                .filter(|(id, _)| {
                    measures_communicated.contains(id)
                        || c.measures.iter().any(|m| m.id == *id && m.communicated)
                })
                .map(|(_, d)| text(d))
                .collect();
        }
        _ => {}
    }
    ctx.insert("reason".into(), json!(reason));
    ctx.insert("previous_due".into(), json!(previous_due));
    ctx.insert("new_due".into(), json!(new_due));
    ctx.insert("outcome".into(), json!(outcome));
    ctx.insert("decision".into(), json!(decision));
    ctx.insert("measures".into(), json!(measures));
    ctx
}

/// The letter's subject and text in the complainant's language.
pub fn compose(kind: LetterKind, input: &LetterInput) -> Result<Composed, TextError> {
    let lang = input.complaint.language;
    let letter = template(input.profile, kind).ok_or_else(|| TextError {
        message: format!("the profile has no {} letter", kind.as_str()),
    })?;
    let ctx = context(input, lang);
    let subject = render(letter.subject.get(lang), &ctx)?;
    let body = render(letter.body.get(lang), &ctx)?;
    Ok(Composed {
        // A subject is one line, whatever the profile's author typed.
        subject: subject.split_whitespace().collect::<Vec<_>>().join(" "),
        body,
    })
}

/// What stands in the dossier's copy of a letter where the complainant's status link was.
pub fn link_placeholder(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "[persoonlijke link van de klager]",
        Lang::En => "[the complainant's personal link]",
    }
}

/// The dossier's record of a letter. `body` is the text as sent with the status link (if any)
/// replaced by [`link_placeholder`].
pub fn record(due: &Due, composed: &Composed, status_url: Option<&str>, lang: Lang) -> EventBody {
    let body = match status_url {
        Some(url) if !url.is_empty() => composed.body.replace(url, link_placeholder(lang)),
        _ => composed.body.clone(),
    };
    let (via, to) = match &due.delivery {
        Delivery::Email(a) => (Via::Email, a.clone()),
        Delivery::Post(a) => (Via::Letter, a.clone()),
    };
    EventBody::Letter(Box::new(LetterRecord {
        letter: due.kind,
        via,
        to: Personal::new(to),
        subject: Personal::new(composed.subject.clone()),
        body: Personal::new(body),
        language: lang,
    }))
}

/// Renders every text and letter of `profile` in both languages with sample values, so that a
/// typo in a variable is found when the profile is checked or loaded, not when a step fails.
/// Each problem comes with its place in the profile (e.g. `["letters", "decision", "nl"]`).
pub fn check(profile: &Profile) -> Vec<(Vec<&'static str>, String)> {
    use crate::procedure::{Complainant, Ctx, NewComplaint, Org, register};
    use crate::types::{Channel, Outcome};
    let calendar = crate::Calendar::new(&profile.calendar);
    let org = Org::default();
    let now = jiff::Timestamp::from_second(1_767_225_600).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let ctx = Ctx {
        profile,
        calendar: &calendar,
        org: &org,
        now,
    };
    let mut problems = Vec::new();
    for lang in [Lang::Nl, Lang::En] {
        for (name, t) in [
            ("regulation", Some(&profile.texts.regulation)),
            ("privacy", Some(&profile.texts.privacy)),
            ("intro", profile.texts.intro.as_ref()),
        ] {
            if let Some(t) = t
                && let Err(e) = crate::texts::public_text(profile, t, lang, "https://example.nl")
            {
                problems.push((vec!["texts", name, lang.code()], e.message));
            }
        }
        let new = NewComplaint {
            channel: Channel::Web,
            received_at: now,
            received_by: None,
            received_where: None,
            concerns: None,
            relation: None,
            complainant: Complainant {
                name: "Voorbeeld".into(),
                email: Some("voorbeeld@example.nl".into()),
                phone: None,
                address: None,
                date_of_birth: None,
            },
            on_behalf_of: None,
            description: "Voorbeeld".into(),
            language: lang,
            resolved_directly: None,
            documents: Vec::new(),
        };
        // A profile without the web channel has no complaint to try its letters on.
        let Ok(mut events) = register(&ctx, None, new) else {
            continue;
        };
        let today = crate::calendar::amsterdam_date(now);
        let triggers = [
            (
                LetterKind::Acknowledgement,
                EventBody::Closed { meets: Vec::new() },
            ),
            (
                LetterKind::Extension,
                EventBody::Extended {
                    deadline: profile
                        .deadlines
                        .first()
                        .map(|d| d.id.clone())
                        .unwrap_or_default(),
                    previous_due: today,
                    new_due: today,
                    reason: Personal::new("Voorbeeld".into()),
                    consent: false,
                },
            ),
            (
                LetterKind::Decision,
                EventBody::Decided {
                    outcome: Outcome::Gegrond,
                    decision: Personal::new("Voorbeeld".into()),
                    via: Via::Email,
                    measures_communicated: vec![1],
                    meets: Vec::new(),
                },
            ),
            (
                LetterKind::Satisfaction,
                EventBody::Closed { meets: Vec::new() },
            ),
        ];
        events.push(Event {
            at: now,
            actor: crate::Actor::System,
            body: EventBody::MeasureRecorded {
                id: 1,
                description: Personal::new("Voorbeeld".into()),
            },
        });
        let Some(complaint) = Complaint::replay(&events) else {
            continue;
        };
        for (kind, body) in triggers {
            if template(profile, kind).is_none() {
                continue;
            }
            let trigger = Event {
                at: now,
                actor: crate::Actor::System,
                body,
            };
            let input = LetterInput {
                profile,
                reference: "2026-0001",
                complaint: &complaint,
                history: &events,
                trigger: &trigger,
                public_url: "https://example.nl",
                status_url: Some("https://example.nl/status/x"),
            };
            if let Err(e) = compose(kind, &input) {
                problems.push((vec!["letters", kind.as_str(), lang.code()], e.message));
            }
        }
    }
    problems
}
