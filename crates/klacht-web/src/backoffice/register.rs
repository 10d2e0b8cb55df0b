//! Registering a complaint taken by phone, letter, in person, e-mail or social media (T2), with
//! who received it, where and when (T20), or one resolved directly with how (T4). The same
//! checks and the same registration as `POST /api/v1/complaints`.

use super::{Desk, Frame, field, pairs};
use crate::http::body::Validate;
use crate::http::error::ApiError;
use crate::http::error::FieldError;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use klacht_app::intake::{ResolvedDirectly, StaffComplaint, register_staff};
use klacht_core::{Channel, Lang, Role};

pub struct Opt {
    pub value: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "beheer/register.html")]
struct RegisterPage {
    f: Frame,
    csrf: String,
    values: Vec<(String, String)>,
    errors: Vec<(String, String)>,
    channels: Vec<Opt>,
    staff: Vec<Opt>,
    relations: Vec<Opt>,
    today: String,
    now_time: String,
}

impl RegisterPage {
    fn v(&self, name: &str) -> String {
        field(&self.values, name).unwrap_or_default()
    }

    fn error(&self, name: &str) -> Option<&str> {
        super::error_for(&self.errors, name)
    }

    fn checked(&self, name: &str) -> bool {
        field(&self.values, name).is_some()
    }
}

fn page(
    state: &AppState,
    desk: &Desk,
    users: &[klacht_store::User],
    values: Vec<(String, String)>,
    errors: Vec<(String, String)>,
) -> RegisterPage {
    let lang = desk.lang;
    let loaded = state.profiles.active();
    let now = state.clock.now();
    let z = klacht_core::calendar::amsterdam_datetime(now);
    let mut values = values;
    if values.is_empty() {
        values.push(("received_by".into(), desk.user.email.clone()));
        values.push(("channel".into(), "phone".into()));
    }
    RegisterPage {
        f: desk
            .frame(
                "/beheer/klachten/nieuw",
                "Klacht registreren",
                "Register a complaint",
            )
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        values,
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
            &page(&state, &desk, &users, Vec::new(), Vec::new()),
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

fn message(e: &FieldError, lang: Lang) -> String {
    let nl = match e.field.as_str() {
        "name" => "Vul de naam van de klager in.",
        "description" => "Beschrijf de klacht.",
        "contact" | "email" | "phone"
            if e.message.contains("one of") || e.message.contains("email or phone") =>
        {
            "Vul een e-mailadres of telefoonnummer van de klager in."
        }
        "email" => "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
        "received_at" => "Vul een geldige datum en tijd in.",
        "resolved_directly.how" => "Beschrijf hoe de klacht direct is opgelost.",
        _ => "",
    };
    if lang == Lang::Nl && !nl.is_empty() {
        nl.to_owned()
    } else {
        format!("{}: {}", e.field, e.message)
    }
}

/// `POST /beheer/klachten/nieuw`.
pub async fn submit(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let lang = desk.lang;
    let p = pairs(&body);
    if let Err(r) = desk.check(field(&p, "csrf").as_deref().unwrap_or("")) {
        return r;
    }
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
    let mut errors: Vec<FieldError> = Vec::new();
    // Date and time as typed, in Amsterdam time.
    let received_at = match (field(&p, "received_on"), field(&p, "received_time")) {
        (None, _) => None,
        (Some(d), t) => {
            let t = t.unwrap_or_else(|| "12:00".into());
            match format!("{d}T{t}")
                .parse::<jiff::civil::DateTime>()
                .ok()
                .and_then(|dt| dt.in_tz("Europe/Amsterdam").ok())
            {
                Some(z) if z.timestamp() <= state.clock.now() => Some(z.timestamp().to_string()),
                Some(_) => {
                    errors.push(FieldError {
                        field: "received_on".into(),
                        message: match lang {
                            Lang::Nl => "De datum van ontvangst ligt in de toekomst.".into(),
                            Lang::En => "The date received is in the future.".into(),
                        },
                    });
                    None
                }
                None => {
                    errors.push(FieldError {
                        field: "received_on".into(),
                        message: match lang {
                            Lang::Nl => "Vul een geldige datum en tijd van ontvangst in.".into(),
                            Lang::En => "Enter a valid date and time received.".into(),
                        },
                    });
                    None
                }
            }
        }
    };
    let resolved = field(&p, "resolved").is_some();
    let c = StaffComplaint {
        name: field(&p, "name"),
        email: field(&p, "email"),
        phone: field(&p, "phone"),
        description: field(&p, "description"),
        address: field(&p, "address"),
        on_behalf_of: field(&p, "on_behalf_of"),
        // Staff record the consent given by phone or in person; the form asks for it.
        privacy_accepted: Some(field(&p, "privacy_accepted").is_some()),
        relation: field(&p, "relation"),
        language: field(&p, "language"),
        date_of_birth: None,
        channel: field(&p, "channel"),
        received_at,
        concerns: field(&p, "concerns"),
        received_by: field(&p, "received_by"),
        received_where: field(&p, "received_where"),
        resolved_directly: resolved.then(|| ResolvedDirectly {
            how: field(&p, "how"),
        }),
    };
    if c.channel.as_deref().and_then(Channel::parse) == Some(Channel::Web) {
        errors.push(FieldError {
            field: "channel".into(),
            message: match lang {
                Lang::Nl => "Via de website ingediende klachten registreert klacht zelf; kies hoe de klacht binnenkwam.".into(),
                Lang::En => "Complaints sent through the website are registered by klacht itself; choose how this one came in.".into(),
            },
        });
    }
    c.validate(&mut errors);
    let shown = |errors: Vec<FieldError>| -> Vec<(String, String)> {
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
        let pg = page(&state, &desk, &users, p, shown(errors));
        return crate::http::pages::html(StatusCode::UNPROCESSABLE_ENTITY, &pg);
    }
    match register_staff(&state, &desk.user, &c)
        .await
        .map_err(ApiError::from)
    {
        Ok(registered) => Redirect::to(&format!(
            "/beheer/klachten/{}?geregistreerd=1",
            registered.reference
        ))
        .into_response(),
        Err(e) if e.status.is_client_error() => {
            let mut list = e.body.fields.clone();
            if list.is_empty() {
                list.push(FieldError {
                    field: "description".into(),
                    message: e.message_in(lang),
                });
            }
            let pg = page(&state, &desk, &users, p, shown(list));
            crate::http::pages::html(e.status, &pg)
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
