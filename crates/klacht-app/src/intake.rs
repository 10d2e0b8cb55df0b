//! Complaints coming in: what the public form, the public API and staff intake send, checked
//! alike, and registered through [`crate::complaints::register`].

use crate::complaints::Registered;
use crate::input::{email_field, line_field, phone_field, require, text_field};
use crate::{App, AppError, FieldProblem, Problem};
use jiff::Timestamp;
use klacht_core::procedure::{Complainant, NewComplaint};
use klacht_core::{Channel, Lang, UserId};
use klacht_store::User;
use serde::Deserialize;

fn bad(errors: &mut Vec<FieldProblem>, field: &str, message: impl Into<String>) {
    errors.push(FieldProblem::new(field, message.into()));
}

/// A complaint from the public form or the organisation's own website.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub date_of_birth: Option<jiff::civil::Date>,
}

/// The complainant's fields, as the form, the public API and staff intake check them.
pub fn complainant_problems(c: &PublicComplaint, errors: &mut Vec<FieldProblem>) {
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
        errors.push(FieldProblem::of("email", Problem::NoContact));
        errors.push(FieldProblem::of("phone", Problem::NoContact));
    }
    if let Some(l) = &c.language
        && l != "nl"
        && l != "en"
    {
        bad(errors, "language", "expected \"nl\" or \"en\"");
    }
}

impl PublicComplaint {
    /// Every problem of a complaint from the public, named.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut list = Vec::new();
        let errors = &mut list;
        complainant_problems(self, errors);
        if self.privacy_accepted != Some(true) {
            bad(
                errors,
                "privacy_accepted",
                "must be true: the complainant has read and accepted the privacy statement",
            );
        }
        list
    }
}

/// Received and settled at once (T4).
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResolvedDirectly {
    #[serde(default)]
    pub how: Option<String>,
}

/// A complaint registered by staff, from any channel (T2, T4, T20).
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
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

impl StaffComplaint {
    /// Every problem of a complaint registered by staff, named.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut list = Vec::new();
        let errors = &mut list;
        complainant_problems(&self.complainant(), errors);
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
        list
    }
}

/// The letters' language: `nl` unless `en` is asked for.
pub fn lang(l: Option<&str>) -> Lang {
    l.and_then(Lang::parse).unwrap_or_default()
}

/// The complainant as the engine takes them: trimmed, blanks left out.
pub fn complainant(c: &PublicComplaint) -> Complainant {
    let clean = |o: &Option<String>| {
        o.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    Complainant {
        name: c.name.as_deref().unwrap_or_default().trim().to_owned(),
        email: clean(&c.email),
        phone: clean(&c.phone),
        address: clean(&c.address),
        date_of_birth: c.date_of_birth,
    }
}

/// A complaint from the public through the API (T2, T19), received now.
pub async fn register_public(app: &App, c: &PublicComplaint) -> Result<Registered, AppError> {
    let problems = c.problems();
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let new = NewComplaint {
        channel: Channel::Web,
        received_at: app.clock.now(),
        received_by: None,
        received_where: None,
        concerns: None,
        relation: c.relation.clone(),
        complainant: complainant(c),
        on_behalf_of: c.on_behalf_of.clone(),
        description: c.description.clone().unwrap_or_default(),
        language: lang(c.language.as_deref()),
        resolved_directly: None,
        documents: Vec::new(),
    };
    crate::complaints::register(app, None, new).await
}

/// A complaint taken in by `user` from any channel (T2, T4, T20): the API's and the back
/// office's way in.
pub async fn register_staff(
    app: &App,
    user: &User,
    c: &StaffComplaint,
) -> Result<Registered, AppError> {
    let mut errors = c.problems();
    let mut by_email =
        async |field: &str, email: &Option<String>| -> Result<Option<UserId>, AppError> {
            let Some(e) = email else { return Ok(None) };
            match app.store.user_by_email(e).await? {
                Some(u) => Ok(Some(u.id)),
                None => {
                    errors.push(FieldProblem::new(
                        field,
                        format!("no staff member with e-mail {e}"),
                    ));
                    Ok(None)
                }
            }
        };
    let concerns = by_email("concerns", &c.concerns).await?;
    let received_by = by_email("received_by", &c.received_by).await?;
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let now = app.clock.now();
    let received_at = c
        .received_at
        .as_deref()
        .and_then(|t| t.parse::<Timestamp>().ok())
        .unwrap_or(now);
    let public = c.complainant();
    let new = NewComplaint {
        channel: c
            .channel
            .as_deref()
            .and_then(Channel::parse)
            .unwrap_or(Channel::Web),
        received_at,
        received_by: received_by.or(Some(user.id)),
        received_where: c.received_where.clone(),
        concerns,
        relation: c.relation.clone(),
        complainant: complainant(&public),
        on_behalf_of: c.on_behalf_of.clone(),
        description: c.description.clone().unwrap_or_default(),
        language: lang(c.language.as_deref()),
        resolved_directly: c.resolved_directly.as_ref().and_then(|r| r.how.clone()),
        documents: Vec::new(),
    };
    crate::complaints::register(app, Some(user), new).await
}
