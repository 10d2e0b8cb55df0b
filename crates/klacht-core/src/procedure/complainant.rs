//! What the complainant does through their status page, without an account: add information or
//! documents while the complaint runs, and answer the satisfaction question after closing.
//! The secret link is checked by the caller; here, the state decides.

use super::access::Org;
use super::access::{Staff, View, view};
use super::event::{Document, Event, EventBody};
use super::refusal::{Refusal, RefusalKind};
use super::state::{Complaint, Status};
use crate::personal::Personal;
use crate::profile::Profile;
use crate::types::Actor;
use jiff::Timestamp;

fn clean(text: Option<&str>) -> Option<Personal<String>> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| Personal::new(t.to_owned()))
}

/// The complainant adds a message and/or documents to a complaint that is still being handled.
pub fn complainant_adds(
    c: &Complaint,
    text: Option<&str>,
    documents: Vec<Document>,
    now: Timestamp,
) -> Result<Vec<Event>, Refusal> {
    if !c.status.is_open() {
        return Err(Refusal::new(
            RefusalKind::WrongState,
            "Uw klacht is afgehandeld; u kunt niets meer toevoegen. Neem contact met ons op als u iets wilt laten weten.",
            "Your complaint has been dealt with; you can no longer add to it. Please contact us if you want to tell us something.",
        ));
    }
    let text = clean(text);
    if text.is_none() && documents.is_empty() {
        return Err(Refusal::invalid(
            "Schrijf een bericht of kies een bestand om toe te voegen.",
            "Write a message or choose a file to add.",
        )
        .with_details(vec!["text".into()]));
    }
    Ok(vec![Event {
        at: now,
        actor: Actor::Complainant,
        body: EventBody::ComplainantAdded { text, documents },
    }])
}

/// The complainant answers the satisfaction question of a closed complaint, once per closing.
pub fn answer_satisfaction(
    c: &Complaint,
    satisfied: bool,
    comment: Option<&str>,
    now: Timestamp,
) -> Result<Vec<Event>, Refusal> {
    if c.status != Status::Closed {
        return Err(Refusal::new(
            RefusalKind::WrongState,
            "Wij vragen naar uw tevredenheid nadat uw klacht is afgehandeld.",
            "We ask whether you are satisfied once your complaint has been dealt with.",
        ));
    }
    if c.satisfied.is_some() {
        return Err(Refusal::new(
            RefusalKind::WrongState,
            "U heeft deze vraag al beantwoord. Dank u wel.",
            "You have already answered this question. Thank you.",
        ));
    }
    Ok(vec![Event {
        at: now,
        actor: Actor::Complainant,
        body: EventBody::SatisfactionAnswered {
            satisfied,
            comment: clean(comment),
        },
    }])
}

/// A staff member who sees the whole dossier revokes every status link of the complaint.
pub fn revoke_status_links(
    profile: &Profile,
    org: &Org,
    c: &Complaint,
    who: &Staff,
    reason: Option<&str>,
    now: Timestamp,
) -> Result<Vec<Event>, Refusal> {
    if view(profile, org, c, who) != View::Full {
        return Err(Refusal::new(
            RefusalKind::NotPermitted,
            "Alleen wie het hele dossier mag zien, kan de links van de klager intrekken.",
            "Only someone who may see the whole dossier can revoke the complainant's links.",
        ));
    }
    Ok(vec![Event {
        at: now,
        actor: Actor::Staff(who.id),
        body: EventBody::StatusLinksRevoked {
            reason: clean(reason),
        },
    }])
}
