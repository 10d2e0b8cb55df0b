//! Setting an organisation up (issue 16, A): from the first-start link, in one form, the
//! organisation's own details, the regulation it starts from (a built-in), the channels the
//! public sees, the date the board adopted it, the first coordinator with every role that
//! regulation requires of a coordinator, and a deputy (T17).
//!
//! The regulation is the built-in's text with the organisation's details put in everywhere the
//! example's stood (core's `profile::edit`), adopted as the organisation's first version (T16);
//! the example version a new installation starts with is retired when nothing was handled under
//! it, so that the public list of versions begins with the organisation's own.
//!
//! A coordinator who is already signed in (the link was used, the set-up not finished) sets up
//! the same way without the account part.

use crate::accounts::admin::{self, By, FirstPassword, NewAccount};
use crate::accounts::links::{self, FirstCoordinator};
use crate::accounts::sessions::{self, SignedIn};
use crate::regulation::{self, Imported};
use crate::{App, AppError, FieldProblem, Problem, input};
use jiff::civil::Date;
use klacht_core::profile::Organisation;
use klacht_core::profile::edit::Draft;
use klacht_core::{Lang, Role, UserId};
use klacht_store::{User, VersionState};

/// The regulations an organisation can start from, in the order the form offers them.
pub const REGULATIONS: [&str; 4] = ["template", "kjrw", "awb", "wkkgz"];

/// The channels the form offers; a regulation without one of them leaves it out.
pub const CHANNELS: [&str; 6] = [
    "web",
    "email",
    "phone",
    "letter",
    "in_person",
    "social_media",
];

/// The example geschilleninstantie in `wkkgz`'s texts, and its website: a care provider names
/// its own (Wkkgz art. 18).
const EXAMPLE_DISPUTES_BODY: (&str, &str) = (
    "Geschilleninstantie Voorbeeld",
    "www.geschilleninstantie-voorbeeld.nl",
);

/// The other ways `kjrw`'s texts name the law shop it was written for, and what each becomes:
/// the organisation's name, or nothing.
const KJRW_NAMES: [(&str, Option<&str>); 4] = [
    (" (Children's and Youth Law Shop Leiden)", None),
    ("KJRW Leiden", Some("")),
    ("de KJRW", Some("")),
    ("the KJRW", Some("")),
];

/// The form as filled in.
#[derive(Debug, Clone, Default)]
pub struct SetUp {
    pub organisation: Organisation,
    /// One of [`REGULATIONS`].
    pub regulation: String,
    /// Ids of [`CHANNELS`].
    pub channels: Vec<String>,
    /// As typed: `YYYY-MM-DD`.
    pub adopted_on: String,
    /// `wkkgz`: the geschilleninstantie the organisation is affiliated with, and its website.
    pub disputes_body: String,
    pub disputes_website: String,
    /// Optional: the deputy's name and e-mail address; they get a link to set their password.
    pub deputy_name: String,
    pub deputy_email: String,
    /// The language of the deputy's e-mail.
    pub language: Lang,
}

/// What the set-up did.
#[derive(Debug, Clone)]
pub struct Done {
    pub version: Imported,
    pub deputy: Option<UserId>,
    /// A deputy was asked for and could not be added (the rest was done): add them on the users'
    /// page.
    pub deputy_not_added: bool,
    /// A session for the new coordinator (the first-start link).
    pub signed_in: Option<SignedIn>,
}

/// Whether the set-up is still to be done: no version of the regulation was adopted by a person
/// yet (only the one the installation started with, or ones the operator imported).
pub async fn needed(app: &App) -> Result<bool, AppError> {
    Ok(app
        .store
        .versions()
        .await?
        .iter()
        .all(|v| v.created_by.is_none() && v.adopted_by.is_none()))
}

fn problem(field: &str, en: &str, nl: &str) -> FieldProblem {
    let mut p = FieldProblem::new(field, en);
    p.message_nl = Some(nl.to_owned());
    p
}

fn given(v: &Option<String>) -> Option<String> {
    v.as_ref()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// The organisation as it will be stored: trimmed, blanks left out.
fn organisation(s: &SetUp) -> Organisation {
    let o = &s.organisation;
    Organisation {
        name: o.name.trim().to_owned(),
        email: given(&o.email),
        phone: given(&o.phone),
        address: given(&o.address),
        website: given(&o.website),
    }
}

/// Every problem of the form's regulation part, and the regulation's text when there is none.
/// `taken`: the version labels stored already.
fn regulation_text(
    taken: &[String],
    s: &SetUp,
    problems: &mut Vec<FieldProblem>,
) -> Option<String> {
    let o = organisation(s);
    input::line_field(problems, "org_name", &Some(o.name.clone()), true, 200);
    match &o.email {
        None => problems.push(problem(
            "org_email",
            "enter the address complainants write to and letters come from",
            "vul het adres in waar klagers naartoe schrijven en waar de brieven vandaan komen",
        )),
        Some(e) if !input::looks_like_email(e) => {
            problems.push(FieldProblem::of("org_email", Problem::NotEmail));
        }
        Some(_) => {}
    }
    input::phone_field(problems, "org_phone", &o.phone);
    input::line_field(problems, "org_address", &o.address, false, 300);
    if let Some(w) = &o.website
        && !(w.starts_with("https://") || w.starts_with("http://"))
    {
        problems.push(problem(
            "org_website",
            "write the whole address, starting with https://",
            "schrijf het hele adres, beginnend met https://",
        ));
    }
    let chosen: Vec<&str> = CHANNELS
        .into_iter()
        .filter(|c| s.channels.iter().any(|x| x == c))
        .collect();
    if chosen.is_empty() {
        problems.push(problem(
            "channels",
            "choose at least one way to complain",
            "kies ten minste één manier om te klagen",
        ));
    }
    if chosen.contains(&"phone") && o.phone.is_none() {
        problems.push(problem(
            "org_phone",
            "enter the phone number, or do not offer complaints by phone",
            "vul het telefoonnummer in, of bied klagen per telefoon niet aan",
        ));
    }
    if chosen.contains(&"letter") && o.address.is_none() {
        problems.push(problem(
            "org_address",
            "enter the postal address, or do not offer complaints by letter",
            "vul het postadres in, of bied klagen per brief niet aan",
        ));
    }
    let adopted_on = s.adopted_on.trim().parse::<Date>().ok();
    if adopted_on.is_none() {
        problems.push(problem(
            "adopted_on",
            "enter the date the board adopted the regulation, like 2027-01-01",
            "vul de datum in waarop het bestuur de regeling vaststelde, zoals 2027-01-01",
        ));
    }
    let source = REGULATIONS
        .contains(&s.regulation.as_str())
        .then(|| klacht_core::profile::builtin_source(&s.regulation))
        .flatten();
    let Some(source) = source else {
        problems.push(
            problem(
                "regulation",
                "choose the regulation to start from",
                "kies de regeling waarmee u begint",
            )
            .je("kies de regeling waarmee je begint"),
        );
        return None;
    };
    let wkkgz = s.regulation == "wkkgz";
    let body = s.disputes_body.trim();
    let body_site = s.disputes_website.trim();
    if wkkgz {
        input::line_field(problems, "disputes_body", &Some(body.to_owned()), true, 200);
        input::line_field(
            problems,
            "disputes_website",
            &Some(body_site.to_owned()),
            true,
            200,
        );
    }
    if !problems.is_empty() {
        return None;
    }
    let mut draft = match Draft::parse(source) {
        Ok(d) => d,
        Err(e) => {
            if let AppError::Invalid(p) = regulation::profile_problems(&e) {
                problems.extend(p);
            }
            return None;
        }
    };
    draft.set_organisation(&o);
    if s.regulation == "kjrw" {
        for (from, to) in KJRW_NAMES {
            draft.replace_everywhere(from, to.map_or("", |_| o.name.as_str()));
        }
    }
    if wkkgz {
        draft.replace_everywhere(EXAMPLE_DISPUTES_BODY.0, body);
        let site = body_site
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        draft.replace_everywhere(EXAMPLE_DISPUTES_BODY.1, site);
    }
    let offered: Vec<&str> = chosen
        .iter()
        .copied()
        .filter(|c| draft.channels().iter().any(|x| x == c))
        .collect();
    draft.keep_channels(&offered);
    let adopted_on = adopted_on?;
    draft.set_adopted_on(adopted_on);
    draft.set_version(&label(taken, adopted_on));
    Some(draft.source())
}

/// The new version's label: the adoption year and a number, `2027-1`, the next free one.
fn label(taken: &[String], adopted_on: Date) -> String {
    let mut label = format!("{}-1", adopted_on.year());
    while taken.contains(&label) {
        label = regulation::next_label(&label);
    }
    label
}

fn deputy_problems(s: &SetUp, coordinator_email: &str, problems: &mut Vec<FieldProblem>) {
    let name = s.deputy_name.trim();
    let email = s.deputy_email.trim();
    match (name.is_empty(), email.is_empty()) {
        (true, true) => {}
        (false, true) => problems.push(problem(
            "deputy_email",
            "enter the deputy's e-mail address: they get a link to set their password",
            "vul het e-mailadres van de plaatsvervanger in: die krijgt een link om een wachtwoord te kiezen",
        )),
        (true, false) => problems.push(problem(
            "deputy_name",
            "enter the deputy's name",
            "vul de naam van de plaatsvervanger in",
        )),
        (false, false) => {
            input::line_field(
                problems,
                "deputy_name",
                &Some(name.to_owned()),
                true,
                links::NAME_MAX,
            );
            if !input::looks_like_email(email) {
                problems.push(FieldProblem::of("deputy_email", Problem::NotEmail));
            } else if email.eq_ignore_ascii_case(coordinator_email.trim()) {
                problems.push(problem(
                    "deputy_email",
                    "the deputy is someone else than the coordinator",
                    "de plaatsvervanger is iemand anders dan de coördinator",
                ));
            }
        }
    }
}

/// Sets the organisation up through the first-start link: checks everything first, then makes
/// the first coordinator (with every role the chosen regulation requires of one, and the
/// administrator's), adopts the regulation as theirs, retires the unused example, adds the
/// deputy and signs the coordinator in. `NotFound` when the link no longer works.
pub async fn with_link(
    app: &App,
    token: &str,
    first: &FirstCoordinator,
    s: &SetUp,
) -> Result<Done, AppError> {
    if !links::setup_link_works(app, token).await? {
        return Err(AppError::not_found(
            "This link was used already, has expired or was replaced by a newer one.",
            "Deze link is al gebruikt, verlopen of vervangen door een nieuwere.",
        ));
    }
    let mut problems = Vec::new();
    let source = regulation_text(&labels(app).await?, s, &mut problems);
    let password = links::check_first(first, &mut problems);
    deputy_problems(s, &first.email, &mut problems);
    let (Some(source), Some(password), true) = (source, password, problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let profile =
        klacht_core::profile::parse(&source).map_err(|e| regulation::profile_problems(&e))?;
    let id =
        links::create_first(app, token, first, password, profile.roles.of_coordinator()).await?;
    let user = crate::accounts::admin::user(app, id).await?;
    let mut done = adopt_and_add_deputy(app, &user, &source, s).await?;
    done.signed_in = Some(sessions::start_complete(app, id).await?);
    Ok(done)
}

/// Sets the organisation up for a coordinator who is signed in, while [`needed`]. Their roles
/// stay as they are (nobody changes their own); [`missing_roles`] says what an administrator
/// still has to give.
pub async fn signed_in(app: &App, by: &User, s: &SetUp) -> Result<Done, AppError> {
    regulation::permitted(Some(by))?;
    if !needed(app).await? {
        return Err(AppError::WrongState(
            "the organisation was set up already; change the regulation on its own pages".into(),
        ));
    }
    let mut problems = Vec::new();
    let source = regulation_text(&labels(app).await?, s, &mut problems);
    deputy_problems(s, &by.email, &mut problems);
    if !s.deputy_email.trim().is_empty() && !by.roles.contains(&Role::Admin) {
        problems.push(problem(
            "deputy_email",
            "only an administrator adds an account; leave the deputy out and ask them",
            "alleen een beheerder maakt een account aan; laat de plaatsvervanger leeg en vraag het de beheerder",
        ));
    }
    let (Some(source), true) = (source, problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    adopt_and_add_deputy(app, by, &source, s).await
}

async fn labels(app: &App) -> Result<Vec<String>, AppError> {
    Ok(app
        .store
        .versions()
        .await?
        .into_iter()
        .map(|v| v.version)
        .collect())
}

/// The roles the regulation in force requires of a coordinator that `user` lacks.
pub fn missing_roles(app: &App, user: &User) -> Vec<Role> {
    app.regulation()
        .profile
        .roles
        .of_coordinator()
        .into_iter()
        .filter(|r| !user.roles.contains(r))
        .collect()
}

async fn adopt_and_add_deputy(
    app: &App,
    by: &User,
    source: &str,
    s: &SetUp,
) -> Result<Done, AppError> {
    let seeds: Vec<i64> = app
        .store
        .versions()
        .await?
        .iter()
        .filter(|v| v.state == VersionState::Adopted && v.created_by.is_none())
        .map(|v| v.id)
        .collect();
    let version = regulation::import(
        app,
        Some(by),
        source,
        None,
        Some(match s.language {
            Lang::Nl => "Ingericht bij de eerste start",
            Lang::En => "Set up at first start",
        }),
    )
    .await?;
    for id in seeds {
        if id != version.id && app.store.retire_unused_seed(id).await? {
            tracing::info!(
                id,
                "the example regulation the installation started with is retired"
            );
        }
    }
    app.profiles.refresh(&app.store).await?;
    let deputy = if s.deputy_email.trim().is_empty() {
        None
    } else {
        let new = NewAccount {
            name: s.deputy_name.trim().to_owned(),
            email: s.deputy_email.trim().to_owned(),
            roles: [Role::Deputy].into(),
            password: FirstPassword::Mailed,
            mail_language: s.language,
        };
        match admin::add_user(app, By::Admin(by), &new).await {
            Ok(id) => Some(id),
            // The regulation is adopted: the set-up is not undone for this; the page says so
            // and the deputy is added on the users' page.
            Err(e) => {
                tracing::warn!(error = %crate::with_sources(&e), "the deputy was not added at set-up");
                None
            }
        }
    };
    Ok(Done {
        deputy_not_added: deputy.is_none() && !s.deputy_email.trim().is_empty(),
        version,
        deputy,
        signed_in: None,
    })
}
