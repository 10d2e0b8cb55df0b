//! A letter to the complainant on paper (T5, T6, T7, K7, T12): the organisation's letterhead,
//! the date written out, the complainant's name and postal address, "Ons kenmerk", the subject,
//! the text as recorded in the dossier and the signature of whoever sent it — as print-ready
//! HTML and, with the `pdf` feature, as PDF.
//!
//! The text is the dossier's copy: where the e-mailed text had the complainant's personal status
//! link, paper says how to follow the complaint without one
//! ([`klacht_core::letters::on_paper`]); a letter recorded before letters were signed gets its
//! signature here ([`klacht_core::letters::sign`]). Serve it only to someone with the full view.

#[cfg(feature = "pdf")]
pub use crate::pdf::render_letter_pdf as render_pdf;

use askama::Template;
use klacht_core::calendar::amsterdam_date;
use klacht_core::letters;
use klacht_core::procedure::{Complaint, Event, EventBody, Org, Via};
use klacht_core::texts::long_date;
use klacht_core::{Lang, Profile, Reference};
use klacht_i18n::{tr, tr_args};

/// One letter of a dossier, ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedLetter {
    /// The letter's language (the complainant's).
    pub lang: Lang,
    pub organisation: String,
    /// The letterhead under the organisation's name: postal address, phone, e-mail, website.
    pub letterhead: Vec<String>,
    /// The complainant's name and postal address, a line each.
    pub recipient: Vec<String>,
    /// "6 december 2026".
    pub date: String,
    pub reference: String,
    /// "Ons kenmerk: 2026-0042".
    pub our_reference: String,
    pub subject: String,
    /// The text, signed, in paragraphs (blank lines apart); each paragraph in its lines.
    pub paragraphs: Vec<Vec<String>>,
    /// Where the HTML page links to the PDF (set by the route).
    pub pdf_href: Option<String>,
    /// Where the HTML page links back to the dossier (set by the route).
    pub back_href: Option<String>,
}

/// Why a letter cannot be printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoLetter {
    /// No letter has this number in the dossier.
    NotFound,
    /// Erased with the complaint's personal data.
    Anonymised,
}

fn lines(s: &str) -> impl Iterator<Item = String> + '_ {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
}

impl PrintedLetter {
    /// The letter recorded as event `seq` of the dossier (`events` with their sequence numbers).
    pub fn new<'a>(
        reference: &Reference,
        state: &Complaint,
        events: impl IntoIterator<Item = (i64, &'a Event)>,
        seq: i64,
        profile: &Profile,
        org: &Org,
    ) -> Result<PrintedLetter, NoLetter> {
        let event = events
            .into_iter()
            .find(|(s, _)| *s == seq)
            .map(|(_, e)| e)
            .ok_or(NoLetter::NotFound)?;
        let EventBody::Letter(record) = &event.body else {
            return Err(NoLetter::NotFound);
        };
        let lang = record.language;
        let (Some(subject), Some(body)) = (record.subject.get(), record.body.get()) else {
            return Err(NoLetter::Anonymised);
        };
        let o = &profile.organisation;
        let reference = reference.to_string();
        let signer = letters::signer(profile, org, state, event.actor, lang);
        let signature = letters::signature(&signer, &o.name);
        let body = letters::sign(
            &letters::on_paper(body, profile, &reference, lang),
            &o.name,
            &signature,
        );
        let paragraphs = body
            .split("\n\n")
            .map(|p| {
                p.lines()
                    .map(|l| l.trim_end().to_owned())
                    .collect::<Vec<_>>()
            })
            .filter(|p| p.iter().any(|l| !l.trim().is_empty()))
            .collect();
        let recipient: Vec<String> = match (record.via, record.to.get()) {
            (Via::Letter, Some(to)) => lines(to).collect(),
            _ => state
                .complainant
                .get()
                .map(|p| {
                    std::iter::once(p.name.clone())
                        .chain(p.address.as_deref().map(lines).into_iter().flatten())
                        .collect()
                })
                .unwrap_or_default(),
        };
        let mut letterhead: Vec<String> = o
            .address
            .as_deref()
            .map(lines)
            .into_iter()
            .flatten()
            .collect();
        for (key, value) in [
            ("letter-phone", &o.phone),
            ("letter-email", &o.email),
            ("letter-website", &o.website),
        ] {
            if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                letterhead.push(tr_args(lang, key, &[("value", v)]));
            }
        }
        Ok(PrintedLetter {
            lang,
            organisation: o.name.clone(),
            letterhead,
            recipient,
            date: long_date(amsterdam_date(event.at), lang),
            our_reference: tr_args(lang, "letter-our-reference", &[("reference", &reference)]),
            reference,
            subject: subject.clone(),
            paragraphs,
            pdf_href: None,
            back_href: None,
        })
    }

    /// The document's title: "Brief 2026-0042, 6 december 2026".
    pub fn title(&self) -> String {
        tr_args(
            self.lang,
            "letter-title",
            &[("reference", &self.reference), ("date", &self.date)],
        )
    }

    pub fn t(&self, key: &'static str) -> &'static str {
        tr(self.lang, key)
    }
}

#[derive(Template)]
#[template(path = "letter.html")]
struct LetterPage<'a> {
    letter: &'a PrintedLetter,
}

/// The letter as a standalone, print-ready HTML page (styled by `/static/print.css`).
pub fn render_html(letter: &PrintedLetter) -> Result<String, askama::Error> {
    LetterPage { letter }.render()
}
