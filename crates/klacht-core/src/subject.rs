//! Requests of a data subject (verzoeken van betrokkenen, AVG art. 12, 15, 16, 17): who the
//! person is, which complaints are theirs, what they may correct, and by when the organisation
//! answers.
//!
//! A request is answered within one month of receipt; once, when needed, that is extended by two
//! more months, and the person is told why within the first month (art. 12(3)). The months are
//! calendar months; a period that ends on a Saturday, Sunday or public holiday ends on the next
//! working day (Algemene termijnenwet, the same calendar as the regulation's deadlines).

use crate::calendar::Calendar;
use crate::personal::Personal;
use crate::procedure::{Complainant, Complaint, Refusal};
use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// What the person asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// Inzage (art. 15): a copy of their data.
    Access,
    /// Rectificatie (art. 16): a correction of their data.
    Rectification,
    /// Wissing (art. 17): erasure of their data.
    Erasure,
}

impl RequestKind {
    pub const ALL: [RequestKind; 3] = [
        RequestKind::Access,
        RequestKind::Rectification,
        RequestKind::Erasure,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::Access => "access",
            RequestKind::Rectification => "rectification",
            RequestKind::Erasure => "erasure",
        }
    }

    pub fn parse(s: &str) -> Option<RequestKind> {
        RequestKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The person a request is from, as far as they identified themselves: by e-mail address,
/// phone number or name (at least one).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Person {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

impl Person {
    /// The person, from what was given (blank counts as not given). Refused without any way to
    /// identify them, or with an e-mail address or phone number that cannot be one.
    pub fn new(
        name: Option<&str>,
        email: Option<&str>,
        phone: Option<&str>,
    ) -> Result<Person, Refusal> {
        let given = |s: Option<&str>| {
            s.map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let p = Person {
            name: given(name),
            email: given(email),
            phone: given(phone),
        };
        if p.name.is_none() && p.email.is_none() && p.phone.is_none() {
            return Err(Refusal::invalid(
                "Geef aan wie het verzoek doet: een e-mailadres, een telefoonnummer of een naam.",
                "Say who makes the request: an e-mail address, a phone number or a name.",
            )
            .with_details(vec!["email".into(), "phone".into(), "name".into()]));
        }
        if let Some(e) = &p.email
            && !e.contains('@')
        {
            return Err(Refusal::invalid(
                format!("{e} is geen e-mailadres."),
                format!("{e} is not an e-mail address."),
            )
            .with_details(vec!["email".into()]));
        }
        if let Some(t) = &p.phone
            && digits(t).len() < 6
        {
            return Err(Refusal::invalid(
                format!("{t} is geen telefoonnummer."),
                format!("{t} is not a phone number."),
            )
            .with_details(vec!["phone".into()]));
        }
        Ok(p)
    }

    /// The words a full-text search finds this person's complaints by: each identifier given.
    pub fn search_terms(&self) -> Vec<String> {
        [&self.email, &self.phone, &self.name]
            .into_iter()
            .flatten()
            .cloned()
            .collect()
    }
}

/// A phone number's digits, with a Dutch `+31`/`0031` prefix written as `0`: `+31 6 1234 5678`
/// and `06-12345678` are the same number.
fn digits(s: &str) -> String {
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    if let Some(rest) = d.strip_prefix("0031") {
        return format!("0{rest}");
    }
    if s.trim_start().starts_with('+')
        && let Some(rest) = d.strip_prefix("31")
    {
        return format!("0{rest}");
    }
    d
}

/// A name compared without case and without extra blanks.
fn folded(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// How the person stands to a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// They made it (or made it for someone else: the representative).
    Complainant,
    /// It was made on their behalf (K1).
    Represented,
}

/// Whether the complaint is the person's. The same e-mail address or phone number as the
/// complainant's makes it theirs; their name as that of the person on whose behalf it was made
/// makes them the one represented (the contact details are then the representative's);
/// otherwise a different contact detail makes it someone else's, and without one the
/// complainant's name decides. The coordinator checks the identity before
/// acting on a name alone.
pub fn relation(c: &Complaint, p: &Person) -> Option<Relation> {
    let complainant = c.complainant.get()?;
    // Each contact detail both the person gave and the complaint holds: the same or not.
    let email = match (&p.email, &complainant.email) {
        (Some(g), Some(h)) => Some(g.trim().eq_ignore_ascii_case(h.trim())),
        _ => None,
    };
    let phone = match (&p.phone, &complainant.phone) {
        (Some(g), Some(h)) => Some(digits(g) == digits(h)),
        _ => None,
    };
    if email == Some(true) || phone == Some(true) {
        return Some(Relation::Complainant);
    }
    let name = folded(p.name.as_deref()?);
    // The contact details of a complaint made for someone are the representative's.
    if c.on_behalf_of
        .as_ref()
        .and_then(|r| r.get())
        .is_some_and(|r| folded(r) == name)
    {
        return Some(Relation::Represented);
    }
    if email == Some(false) || phone == Some(false) {
        return None;
    }
    (folded(&complainant.name) == name).then_some(Relation::Complainant)
}

/// The day a request received on `received` is to be answered: one calendar month later, on the
/// next working day if that is not one.
pub fn due(calendar: &Calendar, received: Date) -> Date {
    months_after(calendar, received, 1)
}

/// The same, extended once by two months (three months after receipt).
pub fn extended_due(calendar: &Calendar, received: Date) -> Date {
    months_after(calendar, received, 3)
}

fn months_after(calendar: &Calendar, received: Date, months: i64) -> Date {
    let end = received.checked_add(months.months()).unwrap_or(received);
    calendar.next_working_day_on_or_after(end)
}

/// A field of the complainant's details that a rectification corrects (art. 16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    Email,
    Phone,
    Address,
    DateOfBirth,
    /// The name of the person on whose behalf the complaint was made.
    OnBehalfOf,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::Name,
        Field::Email,
        Field::Phone,
        Field::Address,
        Field::DateOfBirth,
        Field::OnBehalfOf,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Address => "address",
            Field::DateOfBirth => "date_of_birth",
            Field::OnBehalfOf => "on_behalf_of",
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// Applies a correction to the complainant's details as registered: `value` blank clears an
/// optional detail. Refused for a name left empty, an e-mail address or date that cannot be
/// one, a text with control characters, the name of a person represented on a complaint made
/// by the complainant for themselves (there is none to correct), data that was erased, or a
/// value that is already the one registered.
pub fn correct(
    complainant: &mut Personal<Complainant>,
    on_behalf_of: &mut Option<Personal<String>>,
    field: Field,
    value: &str,
) -> Result<(), Refusal> {
    let value = value.trim();
    let bad =
        |nl: String, en: String| Refusal::invalid(nl, en).with_details(vec!["value".to_owned()]);
    if let Err(p) = crate::input::check_line(value)
        && !value.is_empty()
    {
        return Err(bad(p.message_nl().to_owned(), p.message_en().to_owned()));
    }
    let optional = || (!value.is_empty()).then(|| value.to_owned());
    let erased = || {
        Refusal::state(
            "De gegevens van deze klacht zijn gewist; er is niets meer te corrigeren.",
            "This complaint's data was erased; there is nothing left to correct.",
        )
    };
    if field == Field::OnBehalfOf {
        let Some(represented) = on_behalf_of.as_mut() else {
            return Err(Refusal::state(
                "Deze klacht is niet namens iemand anders ingediend.",
                "This complaint was not made on someone else's behalf.",
            ));
        };
        let Personal::Present(name) = represented else {
            return Err(erased());
        };
        if value.is_empty() {
            return Err(bad(
                "Vul de juiste naam in.".into(),
                "Fill in the correct name.".into(),
            ));
        }
        if name.as_str() == value {
            return Err(unchanged());
        }
        *name = value.to_owned();
        return Ok(());
    }
    let Personal::Present(c) = complainant else {
        return Err(erased());
    };
    let before = c.clone();
    match field {
        Field::Name => {
            if value.is_empty() {
                return Err(bad(
                    "Vul de juiste naam in.".into(),
                    "Fill in the correct name.".into(),
                ));
            }
            c.name = value.to_owned();
        }
        Field::Email => {
            if !value.is_empty() && !value.contains('@') {
                return Err(bad(
                    format!("{value} is geen e-mailadres."),
                    format!("{value} is not an e-mail address."),
                ));
            }
            c.email = optional();
        }
        Field::Phone => c.phone = optional(),
        Field::Address => c.address = optional(),
        Field::DateOfBirth => {
            c.date_of_birth = match optional() {
                None => None,
                Some(d) => Some(d.parse::<Date>().map_err(|_| {
                    bad(
                        format!("{d} is geen datum (jjjj-mm-dd)."),
                        format!("{d} is not a date (yyyy-mm-dd)."),
                    )
                })?),
            }
        }
        Field::OnBehalfOf => {}
    }
    if *c == before {
        return Err(unchanged());
    }
    Ok(())
}

fn unchanged() -> Refusal {
    Refusal::state(
        "Dit is al het gegeven zoals het geregistreerd staat.",
        "This is already the detail as registered.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn art_12_a_request_is_answered_within_a_month_moved_past_weekends_and_holidays() {
        let cal = Calendar::dutch();
        // 5 January 2026 + 1 month = Thursday 5 February.
        assert_eq!(due(&cal, day("2026-01-05")), day("2026-02-05"));
        // 31 January + 1 month = 28 February 2026, a Saturday: Monday 2 March.
        assert_eq!(due(&cal, day("2026-01-31")), day("2026-03-02"));
        // 27 March + 1 month = 27 April 2026, King's Day: Tuesday 28 April.
        assert_eq!(due(&cal, day("2026-03-27")), day("2026-04-28"));
        // Extended once by two months: three months after receipt.
        assert_eq!(extended_due(&cal, day("2026-01-05")), day("2026-04-07"));
    }

    #[test]
    fn art_12_a_request_needs_a_way_to_identify_the_person() {
        let r = Person::new(None, Some("  "), None).unwrap_err();
        assert_eq!(r.details, ["email", "phone", "name"]);
        assert!(
            r.message(crate::Lang::En)
                .contains("Say who makes the request")
        );
        let r = Person::new(None, Some("jan.example.nl"), None).unwrap_err();
        assert_eq!(r.details, ["email"]);
        let r = Person::new(None, None, Some("12-34")).unwrap_err();
        assert_eq!(r.details, ["phone"]);
        let p = Person::new(Some(" Jan  Jansen "), None, Some("06-12345678")).unwrap_or_default();
        assert_eq!(p.name.as_deref(), Some("Jan  Jansen"));
        assert_eq!(p.search_terms(), ["06-12345678", "Jan  Jansen"]);
    }

    #[test]
    fn phone_numbers_are_the_same_with_or_without_the_country_code() {
        assert_eq!(digits("+31 6 1234 5678"), "0612345678");
        assert_eq!(digits("0031612345678"), "0612345678");
        assert_eq!(digits("06-12345678"), "0612345678");
    }
}
