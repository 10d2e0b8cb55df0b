//! What a step brings along besides its events: the letters it calls for (composed by
//! `klacht_core::letters`), their e-mail in the send queue, the complainant's status link, and
//! the staff notices with their e-mail ([`crate::notices`]). Everything here is written in the
//! same transaction as the step.

use crate::notices;
use crate::{App, Loaded};
use base64::Engine;
use klacht_core::letters::{self, Delivery, LetterInput};
use klacht_core::procedure::{Complaint, Event, Org};
use klacht_core::{Actor, Reference};
use klacht_store::{FollowUp, NewMail, StoreError, StoredEvent, User};
use sha2::Digest;

/// A new secret for a status link: 256 random bits, URL-safe.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Only the hash of a token is stored: a copy of the database opens no status page.
pub fn token_hash(token: &str) -> String {
    hex::encode(sha2::Sha256::digest(token.as_bytes()))
}

pub fn status_path(token: &str) -> String {
    format!("/status/{token}")
}

/// A step as [`follow_up`] needs it.
#[derive(Debug, Clone, Copy)]
pub struct Step<'a> {
    pub reference: &'a Reference,
    /// The complaint before the step; `None` for a new complaint.
    pub before: Option<&'a Complaint>,
    /// The complaint after the step's events.
    pub after: &'a Complaint,
    /// The dossier before the step.
    pub history: &'a [StoredEvent],
    /// The step's events, already applied to `after`.
    pub events: &'a [Event],
    /// The staff as the engine sees them, and their accounts (for their e-mail and language).
    pub org: &'a Org,
    pub users: &'a [User],
}

/// The follow-up of a step (or registration): its letters, their mail, a status link where a
/// letter needs one (or `want_link` asks for one), and what staff members are told of it with
/// their e-mail. Returns the follow-up and the new link's token, if one was issued.
pub fn follow_up(
    state: &App,
    loaded: &Loaded,
    step: &Step,
    want_link: bool,
) -> Result<(FollowUp, Option<String>), StoreError> {
    let profile = &loaded.profile;
    let (reference, after, history) = (step.reference, step.after, step.history);
    let notices = notices::step_notices(&state.config, profile, step);
    let org = step.org;
    let step = step.events;
    let due = letters::due(profile, after, step);
    if due.is_empty() && !want_link {
        // Most steps send no letter: no copy of the dossier for them.
        return Ok((
            FollowUp {
                notices,
                ..FollowUp::default()
            },
            None,
        ));
    }
    let mut token = None;
    if want_link || due.iter().any(letters::Due::needs_status_link) {
        token = Some(new_token());
    }
    let status_url = token.as_deref().map(|t| state.config.url(&status_path(t)));
    let mut all: Vec<Event> = history
        .iter()
        .map(|e| e.event.clone())
        .chain(step.iter().cloned())
        .collect();
    let mut follow = FollowUp {
        notices,
        ..FollowUp::default()
    };
    let lang = after.language;
    let reference = reference.to_string();
    let mut state_now = after.clone();
    for d in due {
        // `letters::due` names events of this step.
        let trigger = step.get(d.trigger).ok_or_else(|| {
            StoreError::Corrupt(format!(
                "a letter due for event {} of a step of {}",
                d.trigger,
                step.len()
            ))
        })?;
        let input = LetterInput {
            profile,
            reference: &reference,
            complaint: &state_now,
            history: &all,
            trigger,
            public_url: &state.config.public_url,
            status_url: status_url.as_deref(),
            org,
        };
        let composed = letters::compose(d.kind, &input).map_err(|e| {
            StoreError::Corrupt(format!(
                "the {} letter of profile {} does not render: {e}",
                d.kind.as_str(),
                profile.key()
            ))
        })?;
        let event = Event {
            at: trigger.at,
            // A letter goes out on behalf of whoever took the step; klacht's own
            // acknowledgement is klacht's.
            actor: match trigger.actor {
                Actor::Complainant => Actor::System,
                a => a,
            },
            body: letters::record(&d, &composed, status_url.as_deref(), lang),
        };
        if let Delivery::Email(to) = &d.delivery {
            follow.mails.push(NewMail {
                // Index among all events the call writes: the step's, then the follow-up's.
                event: Some(step.len() + follow.events.len()),
                to: to.clone(),
                to_name: after.complainant.get().map(|c| c.name.clone()),
                subject: composed.subject.clone(),
                body: composed.body.clone(),
                language: lang,
            });
        }
        state_now.apply(&event);
        all.push(event.clone());
        follow.events.push(event);
    }
    if let Some(t) = &token {
        follow.status_links.push(token_hash(t));
    }
    Ok((follow, token))
}
