//! "Uw gegevens" (AVG art. 15): the data klacht holds about one person across their complaints,
//! as a short document they can read — the organisation, the request's number, the day it was
//! made, and per complaint its facts, their details as registered, their own description, what
//! they added and the letters sent to them. With the `pdf` feature, as an A4 PDF.
//!
//! The caller decides what is theirs (klacht-app's export leaves other people's data out) and
//! puts it in words; this module only lays it out.

#[cfg(feature = "pdf")]
pub use crate::pdf::render_personal_pdf as render_pdf;

use klacht_core::Lang;
use klacht_i18n::{tr_args_voiced, tr_voiced};

/// The person's data, in words, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalData {
    pub lang: Lang,
    /// Addressed with "je" (the regulation in force says `texts.informal`, as kjrw), as its
    /// letters are.
    pub informal: bool,
    pub organisation: String,
    /// The request's number.
    pub request: i64,
    /// The day the document was made, as people read it ("6 december 2026").
    pub made_on: String,
    /// How the person identified themselves: label and value.
    pub person: Vec<(String, String)>,
    pub complaints: Vec<ComplaintData>,
}

/// One of the person's complaints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintData {
    pub reference: String,
    /// Received, channel, status, outcome, closed, how they stand to it: label and value.
    pub facts: Vec<(String, String)>,
    /// Their details as registered: label and value.
    pub details: Vec<(String, String)>,
    /// The complaint in their words.
    pub description: Option<String>,
    /// What they added later: when, and the text.
    pub additions: Vec<(String, String)>,
    pub letters: Vec<LetterData>,
    /// Their answer to the satisfaction question, in words.
    pub satisfaction: Option<String>,
}

/// A letter sent to the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterData {
    pub sent: String,
    pub subject: String,
    pub text: String,
}

impl PersonalData {
    /// The catalogue's text `key` in the document's language.
    pub fn t(&self, key: &'static str) -> &'static str {
        tr_voiced(self.lang, self.informal, key)
    }

    /// "Uw gegevens — verzoek 7".
    pub fn title(&self) -> String {
        tr_args_voiced(
            self.lang,
            self.informal,
            "personal-title-of-request",
            &[("request", &self.request.to_string())],
        )
    }
}
