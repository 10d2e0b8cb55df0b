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
    /// What is missing or wrong, said for people: in both languages, with the regulation's
    /// labels rather than ids and without rule ids. Pages show these; the API has `details`.
    /// (A boxed slice: a refusal stays small enough to return by value.)
    #[serde(skip)]
    pub explained: Box<[Explained]>,
}

/// One thing missing or wrong, as a page says it; `field` is the form field it is about, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explained {
    pub field: Option<String>,
    pub text: Localized,
}

impl Explained {
    pub fn new(field: Option<&str>, nl: impl Into<String>, en: impl Into<String>) -> Self {
        Explained {
            field: field.map(str::to_owned),
            text: Localized {
                nl: nl.into(),
                en: Some(en.into()),
            },
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
            explained: Box::default(),
        }
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
        self.explained = explained.into_boxed_slice();
        self
    }

    pub fn message(&self, lang: Lang) -> &str {
        self.message.get(lang)
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
