//! Small domain types shared by every layer.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A staff account, as numbered by the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub i64);

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Language of a text or of the person it is for. Dutch first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    /// The text of a Dutch / English pair in this language.
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in Dutch and, where given, English (falls back to Dutch).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub nl: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Localized {
    pub fn new(nl: &str, en: &str) -> Self {
        Localized {
            nl: nl.to_owned(),
            en: Some(en.to_owned()),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => self.en.as_deref().unwrap_or(&self.nl),
        }
    }
}

/// How a complaint reached the organisation (T2). The names are part of the public interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Web,
    Email,
    Phone,
    Letter,
    InPerson,
    SocialMedia,
}

impl Channel {
    pub const ALL: [Channel; 6] = [
        Channel::Web,
        Channel::Email,
        Channel::Phone,
        Channel::Letter,
        Channel::InPerson,
        Channel::SocialMedia,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Email => "email",
            Channel::Phone => "phone",
            Channel::Letter => "letter",
            Channel::InPerson => "in_person",
            Channel::SocialMedia => "social_media",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// Wijze van indiening (K10): mondeling of schriftelijk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    Written,
    Oral,
}

impl Form {
    pub fn as_str(self) -> &'static str {
        match self {
            Form::Written => "written",
            Form::Oral => "oral",
        }
    }
}

/// A role a staff member holds. One person may hold several. Fixed by the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Klachtencoördinator.
    Coordinator,
    /// Plaatsvervanger of the coordinator (T17).
    Deputy,
    /// Klachtenbehandelaar.
    Handler,
    /// Medewerker or vrijwilliger.
    Staff,
    /// Directeur.
    Director,
    /// Bestuur.
    Board,
    /// Registers complaints (e.g. the financial administration in the template, T12).
    Registrar,
    /// Manages accounts; does not read dossiers.
    Admin,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Coordinator,
        Role::Deputy,
        Role::Handler,
        Role::Staff,
        Role::Director,
        Role::Board,
        Role::Registrar,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Deputy => "deputy",
            Role::Handler => "handler",
            Role::Staff => "staff",
            Role::Director => "director",
            Role::Board => "board",
            Role::Registrar => "registrar",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Uitkomst of a complaint (K7). A profile chooses which of these it uses and how it names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Gegrond,
    DeelsGegrond,
    Ongegrond,
    Ingetrokken,
    NietOntvankelijk,
    Opgelost,
}

impl Outcome {
    pub const ALL: [Outcome; 6] = [
        Outcome::Gegrond,
        Outcome::DeelsGegrond,
        Outcome::Ongegrond,
        Outcome::Ingetrokken,
        Outcome::NietOntvankelijk,
        Outcome::Opgelost,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Gegrond => "gegrond",
            Outcome::DeelsGegrond => "deels_gegrond",
            Outcome::Ongegrond => "ongegrond",
            Outcome::Ingetrokken => "ingetrokken",
            Outcome::NietOntvankelijk => "niet_ontvankelijk",
            Outcome::Opgelost => "opgelost",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// Who did something on a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "id")]
pub enum Actor {
    /// A staff member.
    Staff(UserId),
    /// The complainant, through the public form or the status page.
    Complainant,
    /// klacht itself (a background job).
    System,
}

/// The human reference of a complaint: the year it was received and a number, sequential per year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Reference {
    year: i16,
    number: u32,
}

impl Reference {
    pub fn new(year: i16, number: u32) -> Self {
        Reference { year, number }
    }

    pub fn year(&self) -> i16 {
        self.year
    }

    pub fn number(&self) -> u32 {
        self.number
    }

    /// Parses `2026-0042`. Anything else is not a reference.
    pub fn parse(s: &str) -> Option<Reference> {
        let (year, number) = s.split_once('-')?;
        if year.len() != 4 || number.len() < 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i16 = year.parse().ok()?;
        let number: u32 = number.parse().ok()?;
        // One spelling per reference: no superfluous leading zeros beyond the 4-digit padding.
        (Reference { year, number }.to_string() == s && number > 0)
            .then_some(Reference { year, number })
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:04}", self.year, self.number)
    }
}

impl TryFrom<String> for Reference {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Reference::parse(&s).ok_or_else(|| format!("not a complaint reference: {s:?}"))
    }
}

impl From<Reference> for String {
    fn from(r: Reference) -> String {
        r.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_round_trips_and_rejects_other_spellings() {
        let r = Reference::new(2026, 42);
        assert_eq!(r.to_string(), "2026-0042");
        assert_eq!(Reference::parse("2026-0042"), Some(r));
        assert_eq!(
            Reference::parse("2026-12345").map(|r| r.number()),
            Some(12345)
        );
        for bad in [
            "2026-042",
            "2026-00042",
            "26-0042",
            "2026-0000",
            "2026-00a2",
            "",
            "2026_0042",
            "2026-+042",
        ] {
            assert_eq!(Reference::parse(bad), None, "{bad}");
        }
    }
}
