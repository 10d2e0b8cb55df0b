//! Why a step is refused, and what would be allowed instead.

use crate::types::{Lang, Localized};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalKind {
    /// This person may not take this step under the profile.
    NotPermitted,
    /// The complaint is about this person (K3).
    ConflictOfInterest,
    /// The step does not fit the complaint's state (e.g. closing twice).
    WrongState,
    /// Something is missing before this step (e.g. the registration form, K12.2).
    Incomplete,
    /// The input does not make sense (unknown category, a date in the future, …).
    Invalid,
}

/// A refusal that explains itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    pub kind: RefusalKind,
    pub message: Localized,
    /// What is missing or wrong, one item each (e.g. each incomplete field).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
    /// The steps this person may take on this complaint now.
    pub allowed: Vec<&'static str>,
    /// What only pages say: what is missing or wrong said for people ([`Refusal::explained`])
    /// and the message saying "je" ([`Refusal::je`]). (Boxed, and none when there is
    /// nothing: a refusal stays small enough to return by value.)
    #[serde(skip)]
    for_people: Option<Box<ForPeople>>,
}

/// The part of a refusal only pages show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ForPeople {
    explained: Vec<Explained>,
    message_je: Option<String>,
}

/// One thing missing or wrong, as a page says it; `field` is the form field it is about, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    pub field: Option<String>,
    pub text: Localized,
    /// The Dutch text addressing the reader with "je", where `text` says "u" (see
    /// [`Refusal::je`]).
    pub text_je: Option<String>,
}

impl Explained {
    pub fn new(field: Option<&str>, nl: impl Into<String>, en: impl Into<String>) -> Self {
        Explained {
            field: field.map(str::to_owned),
            text: Localized {
                nl: nl.into(),
                en: Some(en.into()),
            },
            text_je: None,
        }
    }

    /// The same in Dutch addressing the reader with "je" (where the Dutch text says "u").
    pub fn je(mut self, nl: impl Into<String>) -> Self {
        self.text_je = Some(nl.into());
        self
    }

    /// The text in `lang`, with "je" where `informal` and there is a "je" version.
    pub fn said(&self, lang: Lang, informal: bool) -> &str {
        match (&self.text_je, lang) {
            (Some(je), Lang::Nl) if informal => je,
            _ => self.text.get(lang),
        }
    }
}

impl Refusal {
    pub fn new(kind: RefusalKind, nl: impl Into<String>, en: impl Into<String>) -> Self {
        Refusal {
            kind,
            message: Localized {
                nl: nl.into(),
                en: Some(en.into()),
            },
            details: Vec::new(),
            allowed: Vec::new(),
            for_people: None,
        }
    }

    /// The same message in Dutch addressing the reader with "je", for pages under a regulation
    /// that says "je" (`texts.informal`, as kjrw's) where the Dutch message says "u"; see
    /// [`Refusal::said`]. The API keeps the message.
    pub fn je(mut self, nl: impl Into<String>) -> Self {
        self.for_people.get_or_insert_default().message_je = Some(nl.into());
        self
    }

    pub fn invalid(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Refusal::new(RefusalKind::Invalid, nl, en)
    }

    pub fn state(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Refusal::new(RefusalKind::WrongState, nl, en)
    }

    pub fn with_details(mut self, details: Vec<String>) -> Self {
        self.details = details;
        self
    }

    /// Adds what is missing or wrong as people read it (see [`Refusal::explained`]).
    pub fn with_explained(mut self, explained: Vec<Explained>) -> Self {
        self.for_people.get_or_insert_default().explained = explained;
        self
    }

    /// What is missing or wrong, said for people: in both languages, with the regulation's
    /// labels rather than ids and without rule ids. Pages show these; the API has `details`.
    pub fn explained(&self) -> &[Explained] {
        self.for_people.as_deref().map_or(&[], |p| &p.explained)
    }

    /// The Dutch message saying "je", if it has one ([`Refusal::je`]).
    pub fn message_je(&self) -> Option<&str> {
        self.for_people.as_deref()?.message_je.as_deref()
    }

    pub fn message(&self, lang: Lang) -> &str {
        self.message.get(lang)
    }

    /// The message in `lang` as a page says it: with "je" where `informal` (the regulation in
    /// force says "je") and there is a "je" version, else [`Refusal::message`].
    pub fn said(&self, lang: Lang, informal: bool) -> &str {
        match (self.message_je(), lang) {
            (Some(je), Lang::Nl) if informal => je,
            _ => self.message.get(lang),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message.get(Lang::En))?;
        if !self.details.is_empty() {
            write!(f, " ({})", self.details.join("; "))?;
        }
        Ok(())
    }
}

impl std::error::Error for Refusal {}

#[cfg(test)]
mod tests {
    use super::*;

    /// K4: a page under a regulation that says "je" shows a refusal's "je" version in Dutch;
    /// under any other, and in English, the message as it is. A refusal without a "je" version
    /// says its message in both voices.
    #[test]
    fn k4_a_refusal_says_je_in_dutch_only_where_the_regulation_does() {
        let r = Refusal::state(
            "Uw klacht is afgehandeld.",
            "Your complaint has been dealt with.",
        )
        .je("Je klacht is afgehandeld.")
        .with_explained(vec![
            Explained::new(Some("text"), "Schrijf uw bericht.", "Write your message.")
                .je("Schrijf je bericht."),
        ]);
        assert_eq!(r.said(Lang::Nl, true), "Je klacht is afgehandeld.");
        assert_eq!(r.said(Lang::Nl, false), "Uw klacht is afgehandeld.");
        assert_eq!(
            r.said(Lang::En, true),
            "Your complaint has been dealt with."
        );
        assert_eq!(r.message(Lang::Nl), "Uw klacht is afgehandeld.");
        assert_eq!(r.explained()[0].said(Lang::Nl, true), "Schrijf je bericht.");
        assert_eq!(
            r.explained()[0].said(Lang::Nl, false),
            "Schrijf uw bericht."
        );
        assert_eq!(r.explained()[0].said(Lang::En, true), "Write your message.");

        let plain = Refusal::invalid("Kies een categorie.", "Choose a category.");
        assert_eq!(plain.said(Lang::Nl, true), "Kies een categorie.");
        assert!(plain.explained().is_empty());
        // The API's JSON has no "je": the refusal serialises as before.
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["message"]["nl"], "Uw klacht is afgehandeld.");
        assert!(json.get("message_je").is_none() && json.get("for_people").is_none());
    }

    /// A refusal stays small enough to return by value (clippy's `result_large_err`: 128).
    #[test]
    fn a_refusal_stays_small() {
        assert!(std::mem::size_of::<Refusal>() < 128);
    }
}
