//! The letters the regulation promises the complainant (T5, T6, T7, K7, and the satisfaction
//! question): which step calls for which letter, how it is delivered, and its text from the
//! profile in the complainant's language.
//!
//! The engine decides the steps; this module only reads the events a step produced. The caller
//! records each letter as an [`EventBody::Letter`] in the same transaction as the step, so a
//! letter is never promised without being on the dossier and in the send queue.

use crate::calendar::amsterdam_date;
use crate::procedure::{
    Complaint, Event, EventBody, LetterKind, LetterRecord, Org, Refusal, RefusalKind, Staff, Via,
    View,
};
use crate::profile::Capacity;
use crate::profile::{Letter, Profile};
use crate::texts::{TextError, base_context, long_date, render, weekday_date};
use crate::types::Lang;
use crate::{Actor, Personal, Role};
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

/// The way a step that tells the complainant in writing (acknowledgement, decision) is recorded:
/// the way its letter really goes. "By e-mail" to a complainant without an e-mail address is a
/// letter by post when they gave a postal address ([`due`] sends it so). "By letter" stays "by
/// letter" (in writing; without a postal address [`due`] sends it by e-mail, as it always did).
/// A complainant who can be reached neither way is told by phone or in person, so the step is
/// refused with that advice. Other ways are kept as given.
pub fn written_via(via: Via, c: &Complaint) -> Result<Via, Refusal> {
    if !matches!(via, Via::Email | Via::Letter) {
        return Ok(via);
    }
    match by(via, c) {
        Some(Delivery::Post(_)) => Ok(Via::Letter),
        Some(Delivery::Email(_)) => Ok(via),
        None => Err(Refusal::new(
            RefusalKind::Invalid,
            "De klager heeft geen e-mailadres en geen postadres: er kan geen brief naar toe. \
             Laat het de klager per telefoon of persoonlijk weten, of vul eerst een adres aan.",
            "The complainant has no e-mail address and no postal address: no letter can reach \
             them. Tell the complainant by phone or in person, or add an address first.",
        )),
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
    /// The staff, for the name and role of whoever signs the letter (the trigger's actor).
    pub org: &'a Org,
}

/// Who signs a letter: the staff member who took the step, with the role they took it in;
/// klacht's own letters (the acknowledgement of a complaint from the web form) are signed by
/// the complaints coordinator's function, without a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub name: Option<String>,
    /// "Klachtencoördinator", "Behandelaar", …
    pub role: String,
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The role `who` acts in on `c`, as a letter names it.
fn role_label(
    profile: &crate::Profile,
    org: &Org,
    c: &Complaint,
    who: &Staff,
    lang: Lang,
) -> String {
    let caps = crate::procedure::capacities(profile, org, Some(c), who);
    let role = match caps.iter().next() {
        Some(Capacity::Coordinator) if !who.has(Role::Coordinator) => lang
            .pick(
                "plaatsvervangend klachtencoördinator",
                "deputy complaints coordinator",
            )
            .to_owned(),
        Some(cap) => crate::vocabulary::capacity(*cap, lang).to_owned(),
        None => who
            .roles
            .iter()
            .next()
            .map(|r| crate::vocabulary::role(*r, lang).to_owned())
            .unwrap_or_else(|| lang.pick("medewerker", "staff member").to_owned()),
    };
    capitalised(&role)
}

/// Who signs a letter written by `actor` on `c`.
pub fn signer(
    profile: &crate::Profile,
    org: &Org,
    c: &Complaint,
    actor: Actor,
    lang: Lang,
) -> Signer {
    let coordinator = || Signer {
        name: None,
        role: capitalised(crate::vocabulary::capacity(Capacity::Coordinator, lang)),
    };
    match actor {
        Actor::Staff(id) => match org.get(id) {
            Some(who) => Signer {
                name: Some(who.name.clone()).filter(|n| !n.trim().is_empty()),
                role: role_label(profile, org, c, who, lang),
            },
            None => coordinator(),
        },
        Actor::Complainant | Actor::System => coordinator(),
    }
}

/// The signature under a letter: the signer's name, their role and the organisation, a line
/// each ("Carla de Vries\nKlachtencoördinator\nStichting Voorbeeld").
pub fn signature(s: &Signer, organisation: &str) -> String {
    s.name
        .iter()
        .map(String::as_str)
        .chain([s.role.as_str(), organisation])
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Signs `body` with `signature`: a body that has it already is left as it is; one that ends in
/// the organisation's name alone (how the profiles' letters ended before they were signed) has
/// that line replaced by the signature; any other gets it added at the end.
pub fn sign(body: &str, organisation: &str, signature: &str) -> String {
    if signature.is_empty() || body.contains(signature) {
        return body.to_owned();
    }
    let trimmed = body.trim_end();
    let ending = body.get(trimmed.len()..).unwrap_or_default();
    let (rest, last) = match trimmed.rsplit_once('\n') {
        Some((rest, last)) => (format!("{rest}\n"), last),
        None => (String::new(), trimmed),
    };
    if !organisation.trim().is_empty() && last.trim() == organisation.trim() {
        return format!("{rest}{signature}{ending}");
    }
    format!("{trimmed}\n\n{signature}\n")
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
    let who = signer(input.profile, input.org, c, input.trigger.actor, lang);
    ctx.insert(
        "signature".into(),
        json!(signature(&who, &input.profile.organisation.name)),
    );
    ctx.insert(
        "signer".into(),
        json!({
            "name": who.name.clone().unwrap_or_default(),
            "role": who.role,
        }),
    );
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
    ctx.insert(
        "complainant_hearing".into(),
        json!(hearing_sentence(c, lang, input.profile.texts.informal)),
    );
    // The next rung (Awb 9:12 lid 2), counted from the step's day: the decision's.
    ctx.insert(
        "next_rung".into(),
        json!(crate::ladder::next_rung(
            input.profile,
            c,
            amsterdam_date(input.trigger.at),
            lang
        )),
    );
    ctx
}

/// What the decision letter says of the complainant's hearing (Awb 9:10), from the latest
/// record: empty when there is none, or it was only offered. In Dutch with "je" where
/// `informal` (the regulation says "je").
pub fn hearing_sentence(c: &Complaint, lang: Lang, informal: bool) -> String {
    use crate::procedure::{ComplainantHearing, WaiverGround};
    let Some(h) = c.complainant_heard else {
        return String::new();
    };
    if informal && lang == Lang::Nl {
        return match (h.hearing, h.ground) {
            (ComplainantHearing::Held, _) => format!("Je bent op {} gehoord.", long_date(h.on, lang)),
            (ComplainantHearing::Waived, Some(WaiverGround::NotWished)) => {
                "Je hebt laten weten dat je niet gehoord wilt worden.".to_owned()
            }
            (ComplainantHearing::Waived, Some(WaiverGround::ManifestlyUnfounded)) => {
                "Wij hebben je niet gehoord, omdat je klacht kennelijk ongegrond is.".to_owned()
            }
            (ComplainantHearing::Waived, Some(WaiverGround::NoAnswer)) => {
                "Wij hebben je niet gehoord, omdat je niet binnen de gestelde termijn hebt laten weten dat je gehoord wilt worden.".to_owned()
            }
            (ComplainantHearing::Offered, _) | (ComplainantHearing::Waived, None) => String::new(),
        };
    }
    match (h.hearing, h.ground) {
        (ComplainantHearing::Held, _) => match lang {
            Lang::Nl => format!("U bent op {} gehoord.", long_date(h.on, lang)),
            Lang::En => format!("You were heard on {}.", long_date(h.on, lang)),
        },
        (ComplainantHearing::Waived, Some(WaiverGround::NotWished)) => lang
            .pick(
                "U hebt laten weten dat u niet gehoord wilt worden.",
                "You let us know that you did not wish to be heard.",
            )
            .to_owned(),
        (ComplainantHearing::Waived, Some(WaiverGround::ManifestlyUnfounded)) => lang
            .pick(
                "Wij hebben u niet gehoord, omdat uw klacht kennelijk ongegrond is.",
                "We did not hear you, because your complaint is manifestly unfounded.",
            )
            .to_owned(),
        (ComplainantHearing::Waived, Some(WaiverGround::NoAnswer)) => lang
            .pick(
                "Wij hebben u niet gehoord, omdat u niet binnen de gestelde termijn hebt laten weten dat u gehoord wilt worden.",
                "We did not hear you, because you did not tell us within the term we set that you wished to be heard.",
            )
            .to_owned(),
        (ComplainantHearing::Offered, _) | (ComplainantHearing::Waived, None) => String::new(),
    }
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
    // Signed by whoever took the step, whether or not the profile's text asks for
    // `{{ signature }}` (older profiles end in the organisation's name alone).
    let signed = ctx
        .get("signature")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let body = sign(&body, &input.profile.organisation.name, signed);
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

/// A letter's text for paper: where the e-mailed text had the complainant's personal status
/// link (in the dossier's copy, [`link_placeholder`]), the printed letter says how to follow
/// the complaint without one — by phone, e-mail or post, with the reference. The placeholder is
/// never printed.
pub fn on_paper(body: &str, profile: &crate::Profile, reference: &str, lang: Lang) -> String {
    let o = &profile.organisation;
    let ways: Vec<String> = [
        (lang.pick("telefoon", "phone"), o.phone.as_deref()),
        (lang.pick("e-mail", "e-mail"), o.email.as_deref()),
        (lang.pick("post aan", "post to"), o.address.as_deref()),
    ]
    .into_iter()
    .filter_map(|(how, v)| {
        v.map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| format!("{how} {}", v.replace('\n', ", ")))
    })
    .collect();
    let ways = match ways.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), lang.pick("of", "or")),
        None => o.name.clone(),
    };
    let instead = match lang {
        Lang::Nl if profile.texts.informal => {
            format!("{ways}, met vermelding van je kenmerk {reference}")
        }
        Lang::Nl => format!("{ways}, met vermelding van uw kenmerk {reference}"),
        Lang::En => format!("{ways}, quoting your reference {reference}"),
    };
    let mut out = body.to_owned();
    for l in [Lang::Nl, Lang::En] {
        let placeholder = link_placeholder(l);
        // The satisfaction question's link goes to a part of the page.
        out = out
            .replace(&format!("{placeholder}#tevredenheid"), &instead)
            .replace(placeholder, &instead);
    }
    out
}

/// The letters still to be printed and posted: every letter by post ([`Via::Letter`]) among
/// `events` (with their sequence numbers) that no [`EventBody::LetterPosted`] marks as sent.
pub fn to_post<'a>(events: impl IntoIterator<Item = (i64, &'a Event)>) -> Vec<i64> {
    let mut letters = Vec::new();
    let mut posted = Vec::new();
    for (seq, e) in events {
        match &e.body {
            EventBody::Letter(l) if l.via == Via::Letter => letters.push(seq),
            EventBody::LetterPosted { letter } => posted.push(*letter),
            _ => {}
        }
    }
    letters.retain(|l| !posted.contains(l));
    letters
}

/// Marks the letter by post `letter` (its sequence number) as printed and sent, by `who`, who
/// must see the whole dossier. Refused for a letter that is not waiting to be posted.
pub fn mark_posted<'a>(
    profile: &crate::Profile,
    org: &Org,
    c: &Complaint,
    who: &Staff,
    events: impl IntoIterator<Item = (i64, &'a Event)>,
    letter: i64,
    now: jiff::Timestamp,
) -> Result<Vec<Event>, Refusal> {
    if let Some(at) = c.anonymised_at {
        return Err(crate::retention::already(at));
    }
    if crate::procedure::view(profile, org, c, who) != View::Full {
        return Err(Refusal::new(
            RefusalKind::NotPermitted,
            "Alleen wie het hele dossier mag zien, kan een brief als verstuurd markeren.",
            "Only someone who may see the whole dossier can mark a letter as sent.",
        ));
    }
    if !to_post(events).contains(&letter) {
        return Err(Refusal::new(
            RefusalKind::Invalid,
            "Deze brief wacht niet op verzending per post (al verstuurd, of geen brief per post).",
            "This letter is not waiting to be posted (already sent, or not a letter by post).",
        ));
    }
    Ok(vec![Event {
        at: now,
        actor: Actor::Staff(who.id),
        body: EventBody::LetterPosted { letter },
    }])
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
                org: &org,
            };
            if let Err(e) = compose(kind, &input) {
                problems.push((vec!["letters", kind.as_str(), lang.code()], e.message));
            }
        }
    }
    problems
}
