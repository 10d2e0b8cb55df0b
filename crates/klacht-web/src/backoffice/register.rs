//! Registering a complaint taken by phone, letter, in person, e-mail or social media (T2), with
//! who received it, where and when (T20), or one resolved directly with how (T4). The same
//! checks and the same registration as `POST /api/v1/complaints`.

use super::{Desk, Frame};
use crate::http::forms::{Text, checkbox};
use crate::http::i18n::SaidHere;
use crate::http::i18n::{text_problem, tr};
use crate::http::page_error::PageError;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use klacht_app::intake::{ResolvedDirectly, StaffComplaint, register_staff};
use klacht_app::{FieldProblem, Problem};
use klacht_core::{Channel, Lang, Role};
use serde::Deserialize;

pub struct Opt {
    pub value: String,
    pub label: String,
}

/// The registration form as posted, and as the page shows it again.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RegisterForm {
    channel: Text,
    /// The day and time it was received, in Amsterdam time (the time 12:00 when left out).
    received_on: Text,
    received_time: Text,
    received_by: Text,
    received_where: Text,
    concerns: Text,
    name: Text,
    email: Text,
    phone: Text,
    address: Text,
    on_behalf_of: Text,
    relation: Text,
    language: Text,
    description: Text,
    /// Staff record the consent given by phone or in person; the form asks for it.
    #[serde(deserialize_with = "checkbox")]
    privacy_accepted: bool,
    /// Resolved directly (T4), with how.
    #[serde(deserialize_with = "checkbox")]
    resolved: bool,
    how: Text,
}

#[derive(Template)]
#[template(path = "beheer/register.html")]
struct RegisterPage {
    f: Frame,
    csrf: String,
    form: RegisterForm,
    errors: Vec<(String, String)>,
    channels: Vec<Opt>,
    staff: Vec<Opt>,
    relations: Vec<Opt>,
    today: String,
    now_time: String,
}

impl RegisterPage {
    fn error(&self, name: &str) -> Option<&str> {
        super::error_for(&self.errors, name)
    }
}

fn page(
    state: &AppState,
    desk: &Desk,
    users: &[klacht_store::User],
    sent: Option<RegisterForm>,
    errors: Vec<(String, String)>,
) -> RegisterPage {
    let lang = desk.lang;
    let loaded = state.regulation();
    let now = state.clock.now();
    let z = klacht_core::calendar::amsterdam_datetime(now);
    // A new form: received by phone, by the one who fills it in.
    let form = sent.unwrap_or_else(|| RegisterForm {
        received_by: Text::from(desk.user.email.as_str()),
        channel: Text::from("phone"),
        ..RegisterForm::default()
    });
    RegisterPage {
        f: desk
            .frame("/beheer/klachten/nieuw", "desk-register-a-complaint")
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        form,
        errors,
        channels: loaded
            .profile
            .channels
            .iter()
            .map(|c| Opt {
                value: c.id.as_str().into(),
                label: c.label.get(lang).to_owned(),
            })
            .collect(),
        staff: users
            .iter()
            .filter(|u| u.active && u.roles.iter().any(|r| *r != Role::Admin))
            .map(|u| Opt {
                value: u.email.clone(),
                label: u.name.clone(),
            })
            .collect(),
        relations: loaded
            .profile
            .relations
            .iter()
            .map(|c| Opt {
                value: c.id.clone(),
                label: c.label.get(lang).to_owned(),
            })
            .collect(),
        today: z.date().to_string(),
        now_time: z.strftime("%H:%M").to_string(),
    }
}

/// `GET /beheer/klachten/nieuw`.
pub async fn form(State(state): State<AppState>, desk: Desk) -> Response {
    match state.store.users().await {
        Ok(users) => crate::http::pages::html(
            StatusCode::OK,
            &page(&state, &desk, &users, None, Vec::new()),
        ),
        Err(e) => super::failed(
            &state,
            desk.lang,
            "/beheer/klachten/nieuw",
            "reading the staff",
            e,
        ),
    }
}

/// What the form says about a field that is wrong: by the kind of problem, in the page's
/// language; a problem the form has no sentence for, as klacht-app words it.
fn message(e: &FieldProblem, lang: Lang) -> String {
    let key = match (e.field.as_str(), &e.problem) {
        (_, Problem::NoContact) => "register-error-contact",
        ("name", Problem::Required | Problem::Empty) => "register-error-name",
        ("description", Problem::Required | Problem::Empty) => "register-error-description",
        ("email", Problem::NotEmail) => "register-error-email",
        ("received_at", _) => "register-enter-a-valid-date-and-time-received",
        ("resolved_directly.how", Problem::Required | Problem::Empty) => "register-error-how",
        (_, Problem::Text(p)) => return format!("{}.", text_problem(lang, *p)),
        _ => return e.said_here(lang),
    };
    tr(lang, key).to_owned()
}

/// `POST /beheer/klachten/nieuw`.
pub async fn submit(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let lang = desk.lang;
    let sent: RegisterForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let users = match state.store.users().await {
        Ok(u) => u,
        Err(e) => {
            return super::failed(
                &state,
                lang,
                "/beheer/klachten/nieuw",
                "reading the staff",
                e,
            );
        }
    };
    let mut errors: Vec<FieldProblem> = Vec::new();
    // Date and time as typed, in Amsterdam time.
    let received_at = match (sent.received_on.get(), sent.received_time.get()) {
        (None, _) => None,
        (Some(d), t) => {
            let t = t.unwrap_or("12:00");
            match format!("{d}T{t}")
                .parse::<jiff::civil::DateTime>()
                .ok()
                .and_then(|dt| dt.in_tz("Europe/Amsterdam").ok())
            {
                Some(z) if z.timestamp() <= state.clock.now() => Some(z.timestamp().to_string()),
                Some(_) => {
                    errors.push(FieldProblem::new(
                        "received_on",
                        tr(lang, "register-the-date-received-is-in-the-future"),
                    ));
                    None
                }
                None => {
                    errors.push(FieldProblem::new(
                        "received_on",
                        tr(lang, "register-enter-a-valid-date-and-time-received"),
                    ));
                    None
                }
            }
        }
    };
    let c = StaffComplaint {
        name: sent.name.given(),
        email: sent.email.given(),
        phone: sent.phone.given(),
        description: sent.description.given(),
        address: sent.address.given(),
        on_behalf_of: sent.on_behalf_of.given(),
        privacy_accepted: Some(sent.privacy_accepted),
        relation: sent.relation.given(),
        language: sent.language.given(),
        date_of_birth: None,
        channel: sent.channel.given(),
        received_at,
        concerns: sent.concerns.given(),
        received_by: sent.received_by.given(),
        received_where: sent.received_where.given(),
        resolved_directly: sent.resolved.then(|| ResolvedDirectly {
            how: sent.how.given(),
        }),
    };
    if c.channel.as_deref().and_then(Channel::parse) == Some(Channel::Web) {
        errors.push(FieldProblem::new(
            "channel",
            tr(lang, "register-complaints-sent-through-the-website-are"),
        ));
    }
    errors.extend(c.problems());
    let shown = |errors: Vec<FieldProblem>| -> Vec<(String, String)> {
        errors
            .iter()
            .map(|e| {
                let f = match e.field.as_str() {
                    "resolved_directly.how" => "how".to_owned(),
                    "received_at" => "received_on".to_owned(),
                    other => other.to_owned(),
                };
                (f, message(e, lang))
            })
            .collect()
    };
    if !errors.is_empty() {
        let pg = page(&state, &desk, &users, Some(sent), shown(errors));
        return crate::http::pages::html(StatusCode::UNPROCESSABLE_ENTITY, &pg);
    }
    match register_staff(&state, &desk.user, &c)
        .await
        .map_err(PageError::from)
    {
        Ok(registered) => Redirect::to(&format!(
            "/beheer/klachten/{}?geregistreerd=1",
            registered.reference
        ))
        .into_response(),
        Err(e) if e.is_theirs() => {
            let mut list = e.fields();
            if list.is_empty() {
                list.push(FieldProblem::new("description", e.message_in(lang)));
            }
            let pg = page(&state, &desk, &users, Some(sent), shown(list));
            crate::http::pages::html(e.status(), &pg)
        }
        Err(e) => super::failed(
            &state,
            lang,
            "/beheer/klachten/nieuw",
            "registering a complaint",
            e,
        ),
    }
}
