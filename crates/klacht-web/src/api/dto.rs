//! What goes over the wire: request bodies (every field optional at the serde level, so that all
//! problems are reported together, then validated) and responses.

use crate::http::body::{Validate, email_field, line_field, phone_field, require, text_field};
use crate::http::error::FieldError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

fn bad(errors: &mut Vec<FieldError>, field: &str, message: impl Into<String>) {
    errors.push(FieldError {
        field: field.into(),
        message: message.into(),
    });
}

/// A complaint from the public form or the organisation's own website.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicComplaint {
    /// Required.
    #[serde(default)]
    pub name: Option<String>,
    /// Email or phone is required.
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// Required: what the complaint is about.
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    /// The person on whose behalf the complaint is made (K1); the contact fields then belong to
    /// the representative.
    #[serde(default)]
    pub on_behalf_of: Option<String>,
    /// Must be `true`: the privacy statement was shown and accepted (T19).
    #[serde(default)]
    pub privacy_accepted: Option<bool>,
    /// Relation to the organisation (T1), one of the profile's relation ids.
    #[serde(default)]
    pub relation: Option<String>,
    /// `nl` (default) or `en`: the language of the letters.
    #[serde(default)]
    pub language: Option<String>,
    /// Date of birth (K2), where the profile asks for it.
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub date_of_birth: Option<jiff::civil::Date>,
}

pub(crate) fn validate_complainant(c: &PublicComplaint, errors: &mut Vec<FieldError>) {
    line_field(errors, "name", &c.name, true, 200);
    text_field(errors, "description", &c.description, true, 20_000);
    line_field(errors, "email", &c.email, false, 254);
    line_field(errors, "phone", &c.phone, false, 40);
    text_field(errors, "address", &c.address, false, 500);
    line_field(errors, "on_behalf_of", &c.on_behalf_of, false, 200);
    line_field(errors, "relation", &c.relation, false, 100);
    email_field(errors, "email", &c.email);
    phone_field(errors, "phone", &c.phone);
    let blank = |o: &Option<String>| o.as_deref().is_none_or(|s| s.trim().is_empty());
    if blank(&c.email) && blank(&c.phone) {
        bad(
            errors,
            "email",
            "give an e-mail address or a phone number (one of the two is required)",
        );
        bad(
            errors,
            "phone",
            "give an e-mail address or a phone number (one of the two is required)",
        );
    }
    if let Some(l) = &c.language
        && l != "nl"
        && l != "en"
    {
        bad(errors, "language", "expected \"nl\" or \"en\"");
    }
}

impl Validate for PublicComplaint {
    fn validate(&self, errors: &mut Vec<FieldError>) {
        validate_complainant(self, errors);
        if self.privacy_accepted != Some(true) {
            bad(
                errors,
                "privacy_accepted",
                "must be true: the complainant has read and accepted the privacy statement",
            );
        }
    }
}

/// Received and settled at once (T4).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolvedDirectly {
    #[serde(default)]
    pub how: Option<String>,
}

/// A complaint registered by staff, from any channel (T2, T4, T20).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffComplaint {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub on_behalf_of: Option<String>,
    /// Accepted for symmetry with the public form; not required when staff register.
    #[serde(default)]
    pub privacy_accepted: Option<bool>,
    #[serde(default)]
    pub relation: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub date_of_birth: Option<jiff::civil::Date>,
    /// Required: web, email, phone, letter, in_person or social_media.
    #[serde(default)]
    pub channel: Option<String>,
    /// When it was received (RFC 3339); default now. Not in the future.
    #[serde(default)]
    pub received_at: Option<String>,
    /// E-mail of the staff member the complaint is about (T8, K5).
    #[serde(default)]
    pub concerns: Option<String>,
    /// E-mail of who received it (T20); default: you.
    #[serde(default)]
    pub received_by: Option<String>,
    /// Where it was received (T20).
    #[serde(default)]
    pub received_where: Option<String>,
    #[serde(default)]
    pub resolved_directly: Option<ResolvedDirectly>,
}

impl StaffComplaint {
    pub fn complainant(&self) -> PublicComplaint {
        PublicComplaint {
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            description: self.description.clone(),
            address: self.address.clone(),
            on_behalf_of: self.on_behalf_of.clone(),
            privacy_accepted: self.privacy_accepted,
            relation: self.relation.clone(),
            language: self.language.clone(),
            date_of_birth: self.date_of_birth,
        }
    }
}

impl Validate for StaffComplaint {
    fn validate(&self, errors: &mut Vec<FieldError>) {
        validate_complainant(&self.complainant(), errors);
        match self.channel.as_deref() {
            None => require(errors, "channel", &self.channel),
            Some(c) if klacht_core::Channel::parse(c).is_none() => bad(
                errors,
                "channel",
                "expected one of web, email, phone, letter, in_person, social_media",
            ),
            _ => {}
        }
        if let Some(t) = &self.received_at
            && t.parse::<jiff::Timestamp>().is_err()
        {
            bad(
                errors,
                "received_at",
                "expected an RFC 3339 time like 2026-03-30T10:15:00+02:00",
            );
        }
        email_field(errors, "concerns", &self.concerns);
        email_field(errors, "received_by", &self.received_by);
        line_field(errors, "received_where", &self.received_where, false, 200);
        if let Some(r) = &self.resolved_directly {
            text_field(errors, "resolved_directly.how", &r.how, true, 5_000);
        }
    }
}

/// The answer to a submitted or registered complaint.
#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    /// The complaint's reference, e.g. `2026-0042`.
    pub reference: String,
    pub status: String,
    #[schema(value_type = String, format = DateTime)]
    pub received_at: jiff::Timestamp,
    /// Every deadline with its due date (YYYY-MM-DD), as the regulation sets it.
    #[schema(value_type = Object)]
    pub deadlines: serde_json::Value,
    /// The complainant's own page for this complaint (status, letters, adding information), a
    /// secret link: show it to the complainant only. Present for public submissions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_url: Option<String>,
    /// Letters sent with the registration, e.g. `["acknowledgement"]`.
    pub letters: Vec<String>,
}

/// One step of the procedure: `POST /api/v1/complaints/{reference}/{action}`. Which fields apply
/// depends on the action:
///
/// - `acknowledge`: `via` (email, letter, phone, in_person; default email), `note`
/// - `assign`: `handler` (e-mail of a handler or coordinator)
/// - `inform-involved`: `note`
/// - `record-hearing`: `summary`, `held_on`
/// - `record-contact`: `via`, `on`, `summary`, `agreements`, `measures_communicated`
/// - `add-note`: `text`
/// - `attach-document`: `filename`, `content_type`, `content_base64`
/// - `extend`: `deadline`, `new_due`, `reason`, `consent`
/// - `escalate`: `to` (director or board), `reason`
/// - `refer-to-committee`: `reason`
/// - `classify`: `categories`, `severity`, `sensitive`, `relation`
/// - `record-measure`: `description`
/// - `decide`: `outcome`, `decision`, `via`
/// - `sign-off`, `close`: nothing
/// - `withdraw`: `reason` (optional)
/// - `reopen`: `reason`
///
/// Every action takes `expected_version`: the dossier's `version` you acted on; if the complaint
/// changed since, the step is refused with 409 and nothing is stored.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    #[serde(default)]
    pub via: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub handler: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub held_on: Option<jiff::civil::Date>,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub on: Option<jiff::civil::Date>,
    #[serde(default)]
    pub agreements: Option<String>,
    #[serde(default)]
    pub measures_communicated: Option<bool>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub filename: Option<String>,
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(default)]
    pub content_base64: Option<String>,
    #[serde(default)]
    pub deadline: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<String>, format = Date)]
    pub new_due: Option<jiff::civil::Date>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub consent: Option<bool>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub categories: Option<Vec<String>>,
    #[serde(default)]
    pub severity: Option<String>,
    #[serde(default)]
    pub sensitive: Option<bool>,
    #[serde(default)]
    pub relation: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub decision: Option<String>,
}

impl Validate for ActionRequest {
    fn validate(&self, errors: &mut Vec<FieldError>) {
        for (name, v, max) in [
            ("note", &self.note, 10_000),
            ("summary", &self.summary, 20_000),
            ("agreements", &self.agreements, 10_000),
            ("text", &self.text, 20_000),
            ("reason", &self.reason, 5_000),
            ("description", &self.description, 10_000),
            ("decision", &self.decision, 50_000),
        ] {
            text_field(errors, name, v, false, max);
        }
        line_field(errors, "filename", &self.filename, false, 255);
    }
}

/// A page of complaints.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListPage {
    pub items: Vec<ListEntry>,
    /// Pass as `after` to get the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ListEntry {
    pub reference: String,
    pub status: String,
    pub channel: String,
    #[schema(value_type = String, format = DateTime)]
    pub received_at: jiff::Timestamp,
    /// The earliest running deadline.
    #[schema(value_type = Option<String>, format = Date)]
    pub next_due: Option<jiff::civil::Date>,
    /// Whether that deadline has passed.
    pub overdue: bool,
    pub handler: Option<i64>,
    pub categories: Vec<String>,
    pub severity: Option<String>,
    pub sensitive: bool,
    pub escalation: Option<String>,
    pub outcome: Option<String>,
}
