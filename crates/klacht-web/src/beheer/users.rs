//! The administrator's pages: accounts, their roles, absence and the deputy (T17). The admin
//! role manages accounts and reads no dossiers (the engine gives a pure admin no capacity).

use super::{Desk, Frame, Msg, field, fields, message, pairs};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use klacht_core::procedure::acting_coordinators;
use klacht_core::{Lang, Role, UserId};
use klacht_store::{NewUser, StoreError, User};
use std::collections::BTreeSet;

pub fn role_label(r: Role, lang: Lang) -> &'static str {
    match (r, lang) {
        (Role::Coordinator, Lang::Nl) => "klachtencoördinator",
        (Role::Coordinator, Lang::En) => "complaints coordinator",
        (Role::Deputy, Lang::Nl) => "plaatsvervanger",
        (Role::Deputy, Lang::En) => "deputy",
        (Role::Handler, Lang::Nl) => "behandelaar",
        (Role::Handler, Lang::En) => "handler",
        (Role::Staff, Lang::Nl) => "medewerker / vrijwilliger",
        (Role::Staff, Lang::En) => "staff member / volunteer",
        (Role::Director, Lang::Nl) => "directeur",
        (Role::Director, Lang::En) => "director",
        (Role::Board, Lang::Nl) => "bestuur",
        (Role::Board, Lang::En) => "board",
        (Role::Registrar, Lang::Nl) => "registrator",
        (Role::Registrar, Lang::En) => "registrar",
        (Role::Admin, Lang::Nl) => "beheerder accounts",
        (Role::Admin, Lang::En) => "account administrator",
    }
}

pub struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub roles: String,
    pub state: Vec<String>,
}

pub struct RoleBox {
    pub value: &'static str,
    pub label: &'static str,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "beheer/users.html")]
struct UsersPage {
    f: Frame,
    csrf: String,
    rows: Vec<UserRow>,
    acting: String,
    deputies: String,
    roles: Vec<RoleBox>,
    name: String,
    email: String,
    errors: Vec<(String, String)>,
    /// A new account's set-your-password link, shown once.
    created: Option<(String, String)>,
}

fn forbidden(desk: &Desk) -> Response {
    message(
        &desk.frame("/beheer/gebruikers", "Geen toegang", "No access"),
        StatusCode::FORBIDDEN,
        Msg {
            nl: "Alleen een beheerder (rol ‘admin’) beheert gebruikers.",
            en: "Only an administrator (role ‘admin’) manages users.",
        },
    )
}

fn role_boxes(lang: Lang, checked: &BTreeSet<Role>) -> Vec<RoleBox> {
    Role::ALL
        .iter()
        .map(|r| RoleBox {
            value: r.as_str(),
            label: role_label(*r, lang),
            checked: checked.contains(r),
        })
        .collect()
}

fn states(u: &User, lang: Lang, now: jiff::Timestamp) -> Vec<String> {
    let t = |nl: &str, en: &str| lang.pick(nl, en).to_owned();
    let mut s = Vec::new();
    if !u.active {
        s.push(t("gedeactiveerd", "deactivated"));
    }
    if u.absent {
        s.push(t("afwezig", "absent"));
    }
    if u.locked_until.is_some_and(|l| l > now) {
        s.push(t(
            "geblokkeerd na mislukte pogingen",
            "locked after failed attempts",
        ));
    }
    if u.password_hash.is_none() {
        s.push(t("nog geen wachtwoord", "no password yet"));
    }
    if u.totp {
        s.push(t("tweede factor aan", "second factor on"));
    }
    s
}

async fn users_page(
    state: &AppState,
    desk: &Desk,
    name: String,
    email: String,
    roles: BTreeSet<Role>,
    errors: Vec<(String, String)>,
    created: Option<(String, String)>,
) -> Response {
    let lang = desk.lang;
    let users = match state.store.users().await {
        Ok(u) => u,
        Err(e) => return super::failed(state, lang, "/beheer/gebruikers", "reading users", e),
    };
    let loaded = state.profiles.active();
    let org = klacht_core::procedure::Org {
        staff: users.iter().map(User::staff).collect(),
    };
    let acting = acting_coordinators(&loaded.profile, &org, None)
        .iter()
        .map(|s| s.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let deputies = loaded
        .profile
        .roles
        .deputies
        .iter()
        .map(|r| role_label(*r, lang))
        .collect::<Vec<_>>()
        .join(", ");
    let now = state.clock.now();
    let rows = users
        .iter()
        .map(|u| UserRow {
            id: u.id.0,
            name: u.name.clone(),
            email: u.email.clone(),
            roles: u
                .roles
                .iter()
                .map(|r| role_label(*r, lang))
                .collect::<Vec<_>>()
                .join(", "),
            state: states(u, lang, now),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = UsersPage {
        f: desk
            .frame("/beheer/gebruikers", "Gebruikers", "Users")
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        rows,
        acting,
        deputies,
        roles: role_boxes(lang, &roles),
        name,
        email,
        errors,
        created,
    };
    crate::site::html(status, &page)
}

/// `GET /beheer/gebruikers`.
pub async fn list(State(state): State<AppState>, desk: Desk) -> Response {
    if !desk.has(Role::Admin) {
        return forbidden(&desk);
    }
    users_page(
        &state,
        &desk,
        String::new(),
        String::new(),
        BTreeSet::from([Role::Staff]),
        Vec::new(),
        None,
    )
    .await
}

fn parse_roles(p: &[(String, String)]) -> BTreeSet<Role> {
    fields(p, "roles")
        .iter()
        .filter_map(|r| Role::parse(r))
        .collect()
}

/// `POST /beheer/gebruikers`: a new account, without a password: the person sets one through
/// the link (shown here and e-mailed to them).
pub async fn create(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let lang = desk.lang;
    let p = pairs(&body);
    if let Err(r) = desk.check(field(&p, "csrf").as_deref().unwrap_or("")) {
        return r;
    }
    if !desk.has(Role::Admin) {
        return forbidden(&desk);
    }
    let t = |nl: &str, en: &str| lang.pick(nl, en).to_owned();
    let name = field(&p, "name").unwrap_or_default();
    let email = field(&p, "email").unwrap_or_default();
    let roles = parse_roles(&p);
    let mut errors = Vec::new();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(("name".to_owned(), t("Vul de naam in.", "Enter the name.")));
    }
    if !crate::body::looks_like_email(&email) {
        errors.push((
            "email".to_owned(),
            t(
                "Vul een geldig e-mailadres in.",
                "Enter a valid e-mail address.",
            ),
        ));
    }
    if roles.is_empty() {
        errors.push((
            "roles-1".to_owned(),
            t("Kies minstens één rol.", "Choose at least one role."),
        ));
    }
    if !errors.is_empty() {
        return users_page(&state, &desk, name, email, roles, errors, None).await;
    }
    let now = state.clock.now();
    let new = NewUser {
        email: email.clone(),
        name: name.clone(),
        roles: roles.clone(),
        password_hash: None,
    };
    let id = match state.store.create_user(&new, now).await {
        Ok(id) => id,
        Err(StoreError::Duplicate(_)) => {
            let errors = vec![(
                "email".to_owned(),
                t(
                    "Er is al een account met dit e-mailadres.",
                    "There is already an account with this e-mail address.",
                ),
            )];
            return users_page(&state, &desk, name, email, roles, errors, None).await;
        }
        Err(e) => return super::failed(&state, lang, "/beheer/gebruikers", "creating a user", e),
    };
    tracing::info!(user = id.0, by = desk.user.id.0, "account created");
    match invite(&state, id, &name, &email, lang).await {
        Ok(link) => {
            users_page(
                &state,
                &desk,
                String::new(),
                String::new(),
                BTreeSet::from([Role::Staff]),
                Vec::new(),
                Some((name, link)),
            )
            .await
        }
        Err(e) => super::failed(
            &state,
            lang,
            "/beheer/gebruikers",
            "making a password link",
            e,
        ),
    }
}

/// Makes a password link for the user and mails it to them.
async fn invite(
    state: &AppState,
    id: UserId,
    name: &str,
    email: &str,
    lang: Lang,
) -> Result<String, StoreError> {
    let link = super::login::password_link(state, id).await?;
    let org = state.profiles.active().profile.organisation.name.clone();
    let (subject, body) = match lang {
        Lang::Nl => (
            format!("Uw account voor de klachtenregistratie van {org}"),
            format!(
                "Beste {name},\n\nEr is een account voor u gemaakt in klacht, de klachtenregistratie van {org}. Kies via deze link uw wachtwoord (de link werkt één keer en {} dagen):\n\n{link}\n\nHebt u dit niet verwacht? Dan kunt u dit bericht negeren.\n",
                super::login::PASSWORD_LINK_DAYS
            ),
        ),
        Lang::En => (
            format!("Your account for the complaints register of {org}"),
            format!(
                "Dear {name},\n\nAn account was made for you in klacht, the complaints register of {org}. Choose your password through this link (it works once, for {} days):\n\n{link}\n\nDid you not expect this? Then you can ignore this message.\n",
                super::login::PASSWORD_LINK_DAYS
            ),
        ),
    };
    state
        .store
        .enqueue_mail(
            &klacht_store::NewMail {
                event: None,
                to: email.to_owned(),
                to_name: Some(name.to_owned()),
                subject,
                body,
                language: lang,
            },
            state.clock.now(),
        )
        .await?;
    state.mail_notify.notify_one();
    Ok(link)
}

#[derive(Template)]
#[template(path = "beheer/user.html")]
struct UserPage {
    f: Frame,
    csrf: String,
    id: i64,
    name: String,
    email: String,
    roles: Vec<RoleBox>,
    active: bool,
    absent: bool,
    totp: bool,
    state: Vec<String>,
    notice: Option<String>,
    error: Option<String>,
}

async fn user_page(
    state: &AppState,
    desk: &Desk,
    id: i64,
    notice: Option<String>,
    error: Option<String>,
) -> Response {
    let lang = desk.lang;
    let u = match state.store.user(UserId(id)).await {
        Ok(Some(u)) => u,
        Ok(None) => {
            return message(
                &desk.frame("/beheer/gebruikers", "Niet gevonden", "Not found"),
                StatusCode::NOT_FOUND,
                Msg {
                    nl: "Deze gebruiker bestaat niet.",
                    en: "This user does not exist.",
                },
            );
        }
        Err(e) => return super::failed(state, lang, "/beheer/gebruikers", "reading a user", e),
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = UserPage {
        f: desk
            .frame(&format!("/beheer/gebruikers/{id}"), &u.name, &u.name)
            .with_errors(error.is_some()),
        csrf: desk.csrf.clone(),
        id,
        roles: role_boxes(lang, &u.roles),
        state: states(&u, lang, state.clock.now()),
        active: u.active,
        absent: u.absent,
        totp: u.totp,
        name: u.name,
        email: u.email,
        notice,
        error,
    };
    crate::site::html(status, &page)
}

/// `GET /beheer/gebruikers/{id}`.
pub async fn show(State(state): State<AppState>, desk: Desk, Path(id): Path<i64>) -> Response {
    if !desk.has(Role::Admin) {
        return forbidden(&desk);
    }
    user_page(&state, &desk, id, None, None).await
}

/// `POST /beheer/gebruikers/{id}`: change name and roles, absence, (de)activate, reset the second
/// factor, send a new password link.
pub async fn update(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Response {
    let lang = desk.lang;
    let p = pairs(&body);
    if let Err(r) = desk.check(field(&p, "csrf").as_deref().unwrap_or("")) {
        return r;
    }
    if !desk.has(Role::Admin) {
        return forbidden(&desk);
    }
    let t = |nl: &str, en: &str| lang.pick(nl, en).to_owned();
    let user = match state.store.user(UserId(id)).await {
        Ok(Some(u)) => u,
        Ok(None) => return user_page(&state, &desk, id, None, None).await,
        Err(e) => return super::failed(&state, lang, "/beheer/gebruikers", "reading a user", e),
    };
    let me = user.id == desk.user.id;
    let now = state.clock.now();
    let result: Result<String, String> = match field(&p, "intent").as_deref() {
        Some("details") => {
            let name = field(&p, "name").unwrap_or_default();
            let roles = parse_roles(&p);
            if name.is_empty() {
                Err(t("Vul de naam in.", "Enter the name."))
            } else if roles.is_empty() {
                Err(t("Kies minstens één rol.", "Choose at least one role."))
            } else if me && !roles.contains(&Role::Admin) {
                Err(t(
                    "U kunt uw eigen beheerdersrol niet afnemen; laat een andere beheerder dat doen.",
                    "You cannot remove your own administrator role; let another administrator do that.",
                ))
            } else {
                state
                    .store
                    .update_user_details(user.id, &name, &roles)
                    .await
                    .map(|_| t("Naam en rollen opgeslagen.", "Name and roles saved."))
                    .map_err(|e| e.to_string())
            }
        }
        Some("absent") => {
            let absent = field(&p, "absent").as_deref() == Some("1");
            state
                .store
                .set_absent(user.id, absent)
                .await
                .map(|_| {
                    if absent {
                        t(
                            "Als afwezig gemarkeerd: een plaatsvervanger neemt het over (T17).",
                            "Marked absent: a deputy takes over (T17).",
                        )
                    } else {
                        t("Weer aanwezig.", "Present again.")
                    }
                })
                .map_err(|e| e.to_string())
        }
        Some("active") => {
            let active = field(&p, "active").as_deref() == Some("1");
            if me && !active {
                Err(t(
                    "U kunt uw eigen account niet deactiveren.",
                    "You cannot deactivate your own account.",
                ))
            } else {
                state
                    .store
                    .set_active(user.id, active, now)
                    .await
                    .map(|_| {
                        if active {
                            t("Account geactiveerd.", "Account activated.")
                        } else {
                            t(
                                "Account gedeactiveerd: sessies en API-tokens werken niet meer.",
                                "Account deactivated: its sessions and API tokens no longer work.",
                            )
                        }
                    })
                    .map_err(|e| e.to_string())
            }
        }
        Some("reset_totp") => {
            let done = async {
                state.store.set_totp(user.id, None).await?;
                state.store.end_sessions_of(user.id).await
            };
            done.await
                .map(|_| t("Tweede factor gewist; bij de volgende keer inloggen stelt de gebruiker een nieuwe in.", "Second factor cleared; the user sets up a new one at the next sign-in."))
                .map_err(|e| e.to_string())
        }
        Some("password_link") => invite(&state, user.id, &user.name, &user.email, user.language)
            .await
            .map(|link| match lang {
                Lang::Nl => format!(
                    "Nieuwe wachtwoordlink gemaakt en naar {} gemaild: {link}",
                    user.email
                ),
                Lang::En => format!(
                    "New password link made and mailed to {}: {link}",
                    user.email
                ),
            })
            .map_err(|e| e.to_string()),
        _ => Err(t("Onbekende actie.", "Unknown action.")),
    };
    match result {
        Ok(notice) => {
            tracing::info!(user = user.id.0, by = desk.user.id.0, "account changed");
            user_page(&state, &desk, id, Some(notice), None).await
        }
        Err(e) => user_page(&state, &desk, id, None, Some(e)).await,
    }
}
