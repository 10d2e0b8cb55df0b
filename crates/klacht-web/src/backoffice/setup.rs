//! Setting the organisation up (issue 16, A). The first-start link (`/beheer/setup/{token}`)
//! leads to one form: the organisation, the regulation it starts from, the channels the public
//! sees, the date the board adopted it, the first coordinator's account and a deputy. A
//! coordinator who is signed in while the organisation is not set up yet finds the same form,
//! without the account, at `/beheer/inrichten`. The use case is klacht-app's `setup`.

use super::login::{dead_link, name_message, password_message, with_session};
use super::{Desk, Frame};
use crate::http::forms::{HtmlForm, Text};
use crate::http::i18n::SaidHere;
use crate::http::i18n::tr;
use crate::http::lang::PageLang;
use crate::http::page_error::PageError;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use klacht_app::accounts::links::{self, FirstCoordinator};
use klacht_app::accounts::password::NewPassword;
use klacht_app::setup::{self, CHANNELS, REGULATIONS, SetUp};
use klacht_app::{AppError, FieldProblem, Problem};
use klacht_core::Lang;
use klacht_core::profile::Organisation;
use serde::Deserialize;

const SIGNED_IN: &str = "/beheer/inrichten";
const DONE: &str = "/beheer/inrichten/klaar";

type Errors = Vec<(String, String)>;

/// The form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SetupForm {
    csrf: Text,
    name: Text,
    email: Text,
    password: Option<String>,
    password_again: Option<String>,
    org_name: Text,
    org_email: Text,
    org_phone: Text,
    org_address: Text,
    org_website: Text,
    regulation: Text,
    #[serde(deserialize_with = "crate::http::forms::ticked")]
    channels: Vec<String>,
    adopted_on: Text,
    disputes_body: Text,
    disputes_website: Text,
    deputy_name: Text,
    deputy_email: Text,
}

impl SetupForm {
    /// What a new form offers: every channel, today's date.
    fn fresh(today: jiff::civil::Date) -> SetupForm {
        SetupForm {
            regulation: "template".into(),
            channels: CHANNELS
                .iter()
                .filter(|c| **c != "social_media")
                .map(|c| (*c).to_owned())
                .collect(),
            adopted_on: today.to_string().as_str().into(),
            ..SetupForm::default()
        }
    }

    fn set_up(&self, lang: Lang) -> SetUp {
        SetUp {
            organisation: Organisation {
                name: self.org_name.to_string(),
                email: self.org_email.given(),
                phone: self.org_phone.given(),
                address: self.org_address.given(),
                website: self.org_website.given(),
            },
            regulation: self.regulation.to_string(),
            channels: self.channels.clone(),
            adopted_on: self.adopted_on.to_string(),
            disputes_body: self.disputes_body.to_string(),
            disputes_website: self.disputes_website.to_string(),
            deputy_name: self.deputy_name.to_string(),
            deputy_email: self.deputy_email.to_string(),
            language: lang,
        }
    }

    fn first(&self) -> FirstCoordinator {
        FirstCoordinator {
            name: self.name.to_string(),
            email: self.email.to_string(),
            password: NewPassword {
                password: self.password.clone().unwrap_or_default(),
                again: self.password_again.clone().unwrap_or_default(),
            },
        }
    }
}

/// A choice of the form: its value, its label and, for a regulation, what it is for.
pub struct Option_ {
    pub value: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "beheer/setup.html")]
struct SetupPage {
    f: Frame,
    action: String,
    /// The first-start link: the account part too.
    with_account: bool,
    csrf: String,
    form: SetupForm,
    regulations: Vec<Option_>,
    channels: Vec<Option_>,
    /// The roles the regulation in force asks of a coordinator that the signed-in one lacks.
    missing_roles: Vec<String>,
    errors: Errors,
}

impl SetupPage {
    fn error(&self, name: &str) -> Option<&str> {
        super::error_for(&self.errors, name)
    }
}

fn regulation_key(name: &str) -> (&'static str, &'static str) {
    match name {
        "kjrw" => ("setup-regulation-kjrw", "setup-regulation-kjrw-hint"),
        "awb" => ("setup-regulation-awb", "setup-regulation-awb-hint"),
        "wkkgz" => ("setup-regulation-wkkgz", "setup-regulation-wkkgz-hint"),
        _ => (
            "setup-regulation-template",
            "setup-regulation-template-hint",
        ),
    }
}

fn channel_key(id: &str) -> &'static str {
    match id {
        "web" => "setup-channel-web",
        "email" => "setup-channel-email",
        "phone" => "setup-channel-phone",
        "letter" => "setup-channel-letter",
        "in_person" => "setup-channel-in-person",
        _ => "setup-channel-social-media",
    }
}

struct Shown<'a> {
    lang: Lang,
    action: String,
    with_account: bool,
    csrf: String,
    user: Option<&'a Desk>,
    missing_roles: Vec<String>,
}

fn page(shown: Shown<'_>, form: SetupForm, errors: Errors) -> Response {
    let lang = shown.lang;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let f = match shown.user {
        Some(desk) => desk.frame(SIGNED_IN, "setup-title"),
        None => Frame::bare(lang, "setup-title"),
    }
    .with_errors(!errors.is_empty());
    let regulations = REGULATIONS
        .iter()
        .map(|r| {
            let (label, hint) = regulation_key(r);
            Option_ {
                value: r,
                label: tr(lang, label),
                hint: tr(lang, hint),
                checked: form.regulation == *r,
            }
        })
        .collect();
    let channels = CHANNELS
        .iter()
        .map(|c| Option_ {
            value: c,
            label: tr(lang, channel_key(c)),
            hint: "",
            checked: form.channels.iter().any(|x| x == c),
        })
        .collect();
    crate::http::pages::html(
        status,
        &SetupPage {
            f,
            action: shown.action,
            with_account: shown.with_account,
            csrf: shown.csrf,
            form,
            regulations,
            channels,
            missing_roles: shown.missing_roles,
            errors,
        },
    )
}

/// A field's problem in the page's language, at the field the summary links to.
fn errors_of(problems: &[FieldProblem], lang: Lang) -> Errors {
    problems
        .iter()
        .map(|p| {
            let anchor = p.field.clone();
            let message = match (p.field.as_str(), &p.problem) {
                ("password" | "password_again", _) => password_message(p, lang),
                ("name" | "deputy_name" | "org_name", _) => {
                    name_message(p, lang, "setup-enter-the-name")
                }
                (_, Problem::NotEmail) => tr(lang, "setup-not-an-e-mail-address").to_owned(),
                (_, Problem::NotPhone) => tr(lang, "setup-not-a-phone-number").to_owned(),
                (_, Problem::Required | Problem::Empty) => {
                    tr(lang, "setup-this-is-required").to_owned()
                }
                _ => p.said_here(lang),
            };
            (anchor, message)
        })
        .collect()
}

/// `GET /beheer/setup/{token}`.
pub async fn link_form(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(token): Path<String>,
) -> Response {
    match links::setup_link_works(&state, &token).await {
        Ok(true) => {
            let today = klacht_core::calendar::amsterdam_date(state.clock.now());
            page(
                link_shown(lang, &token),
                SetupForm::fresh(today),
                Vec::new(),
            )
        }
        Ok(false) => dead_link(lang),
        Err(e) => super::failed(&state, lang, "/beheer/setup", "reading a setup link", e),
    }
}

fn link_shown(lang: Lang, token: &str) -> Shown<'static> {
    Shown {
        lang,
        action: format!("/beheer/setup/{token}"),
        with_account: true,
        csrf: String::new(),
        user: None,
        missing_roles: Vec::new(),
    }
}

/// `POST /beheer/setup/{token}`: sets the organisation up, creates the first coordinator and
/// signs them in.
pub async fn link_submit(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(token): Path<String>,
    HtmlForm(form): HtmlForm<SetupForm>,
) -> Response {
    match setup::with_link(&state, &token, &form.first(), &form.set_up(lang)).await {
        Ok(done) => match &done.signed_in {
            Some(s) => with_session(&state, &done_href(&done), &s.token),
            None => Redirect::to("/beheer/inloggen").into_response(),
        },
        Err(AppError::NotFound { .. }) => dead_link(lang),
        Err(AppError::Invalid(problems)) => {
            let errors = errors_of(&problems, lang);
            let form = SetupForm {
                password: None,
                password_again: None,
                ..form
            };
            page(link_shown(lang, &token), form, errors)
        }
        Err(e) => super::failed(&state, lang, "/beheer/setup", "setting up", e),
    }
}

fn done_href(done: &setup::Done) -> String {
    if done.deputy_not_added {
        format!("{DONE}?plaatsvervanger=0")
    } else {
        DONE.to_owned()
    }
}

async fn signed_in_shown<'a>(state: &AppState, desk: &'a Desk) -> Shown<'a> {
    Shown {
        lang: desk.lang,
        action: SIGNED_IN.to_owned(),
        with_account: false,
        csrf: desk.csrf.clone(),
        user: Some(desk),
        missing_roles: setup::missing_roles(state, &desk.user)
            .into_iter()
            .map(|r| super::users::role_label(r, desk.lang).to_owned())
            .collect(),
    }
}

/// Refused unless a manager of the regulation, while the organisation is not set up.
async fn open(state: &AppState, desk: &Desk) -> Result<(), Response> {
    let refusal = |e: AppError| {
        super::refusal(
            desk,
            SIGNED_IN,
            &PageError::from(e),
            "/beheer",
            tr(desk.lang, "dossier-to-the-dashboard"),
        )
    };
    klacht_app::regulation::permitted(Some(&desk.user)).map_err(refusal)?;
    match setup::needed(state).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(Redirect::to("/beheer/regeling").into_response()),
        Err(e) => Err(super::failed(state, desk.lang, SIGNED_IN, "the set-up", e)),
    }
}

/// `GET /beheer/inrichten`.
pub async fn form(State(state): State<AppState>, desk: Desk) -> Response {
    if let Err(r) = open(&state, &desk).await {
        return r;
    }
    let today = klacht_core::calendar::amsterdam_date(state.clock.now());
    let shown = signed_in_shown(&state, &desk).await;
    page(shown, SetupForm::fresh(today), Vec::new())
}

/// `POST /beheer/inrichten`.
pub async fn submit(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let form: SetupForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    if let Err(r) = open(&state, &desk).await {
        return r;
    }
    match setup::signed_in(&state, &desk.user, &form.set_up(desk.lang)).await {
        Ok(done) => Redirect::to(&done_href(&done)).into_response(),
        Err(AppError::Invalid(problems)) => {
            let errors = errors_of(&problems, desk.lang);
            let shown = signed_in_shown(&state, &desk).await;
            page(shown, form, errors)
        }
        Err(e) => super::failed(&state, desk.lang, SIGNED_IN, "setting up", e),
    }
}

#[derive(Template)]
#[template(path = "beheer/setup_done.html")]
struct DonePage {
    f: Frame,
    organisation: String,
    version: String,
    from: String,
    in_force: bool,
    deputy_not_added: bool,
    public_url: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DoneQuery {
    plaatsvervanger: Option<String>,
}

/// `GET /beheer/inrichten/klaar`: what was set up and what comes next.
pub async fn done(
    State(state): State<AppState>,
    desk: Desk,
    axum::extract::Query(q): axum::extract::Query<DoneQuery>,
) -> Response {
    let versions = match klacht_app::regulation::list(&state, false).await {
        Ok(v) => v,
        Err(e) => return super::failed(&state, desk.lang, DONE, "the set-up", e),
    };
    let Some(latest) = versions.iter().max_by_key(|v| v.row.adopted_at) else {
        return Redirect::to("/beheer").into_response();
    };
    let page = DonePage {
        f: desk.frame(DONE, "setup-done-title"),
        organisation: state.regulation().profile.organisation.name.clone(),
        version: format!("{} {}", latest.row.name, latest.row.version),
        from: super::long_date(latest.row.adopted_on, desk.lang),
        in_force: latest.in_force,
        deputy_not_added: q.plaatsvervanger.as_deref() == Some("0"),
        public_url: state.config.url("/"),
    };
    crate::http::pages::html(StatusCode::OK, &page)
}
