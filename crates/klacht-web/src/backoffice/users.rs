//! The administrator's pages: accounts, their roles, absence and the deputy (T17). The admin
//! role manages accounts and reads no dossiers (the engine gives a pure admin no capacity).
//!
//! What each change does, and what keeps the admin role from taking over what it manages, is
//! `klacht_app::accounts::admin`; every such change is in the account log
//! (`/beheer/gebruikers/logboek`) that the coordinators read too.

use super::{Desk, Frame, Msg, message};
use crate::http::i18n::SaidHere;
use crate::http::i18n::tr;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use klacht_app::AppError;
use klacht_app::accounts::admin::{self, By, FirstPassword, NewAccount};
use klacht_core::procedure::acting_coordinators;
use klacht_core::{Lang, Role, UserId};
use klacht_store::{Actor, AuditAction, AuditEntry, User};
use serde::Deserialize;
use std::collections::BTreeSet;

pub fn role_label(r: Role, lang: Lang) -> &'static str {
    klacht_core::vocabulary::role(r, lang)
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
    /// A new account's name and the address its set-your-password link was mailed to.
    created: Option<(String, String)>,
}

fn forbidden(desk: &Desk) -> Response {
    message(
        &desk.frame("/beheer/gebruikers", "desk-no-access"),
        StatusCode::FORBIDDEN,
        Msg {
            key: "users-only-an-administrator-role-admin-manages",
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

fn states(u: &User, lang: Lang) -> Vec<String> {
    let t = |key: &'static str| tr(lang, key).to_owned();
    let mut s = Vec::new();
    if !u.active {
        s.push(t("users-deactivated"));
    }
    if u.absent {
        s.push(t("users-absent"));
    }
    if u.password_hash.is_none() {
        s.push(t("users-no-password-yet"));
    }
    if u.totp {
        s.push(t("users-second-factor-on"));
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
    let loaded = state.regulation();
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
            state: states(u, lang),
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = UsersPage {
        f: desk
            .frame("/beheer/gebruikers", "desk-users")
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
    crate::http::pages::html(status, &page)
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

/// The roles ticked: unknown values are left out (the page offers only known ones).
fn parse_roles(values: &[String]) -> BTreeSet<Role> {
    values
        .iter()
        .filter_map(|r| Role::parse(r.trim()))
        .collect()
}

/// The new account form as posted.
#[derive(Debug, Default, Deserialize)]
pub struct CreateForm {
    name: Option<String>,
    email: Option<String>,
    /// One per ticked checkbox.
    #[serde(default)]
    roles: Vec<String>,
}

/// A problem with the name as the pages say it.
fn name_error(p: &klacht_app::FieldProblem, lang: Lang) -> String {
    super::login::name_message(p, lang, "users-enter-the-name")
}

/// `POST /beheer/gebruikers`: a new account, without a password: the person sets one through
/// the link e-mailed to them (the admin sees only that it was sent).
pub async fn create(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let lang = desk.lang;
    let form: CreateForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    if !desk.has(Role::Admin) {
        return forbidden(&desk);
    }
    let t = |key: &'static str| tr(lang, key).to_owned();
    let new = NewAccount {
        name: form.name.unwrap_or_default().trim().to_owned(),
        email: form.email.unwrap_or_default().trim().to_owned(),
        roles: parse_roles(&form.roles),
        password: FirstPassword::Mailed,
        mail_language: lang,
    };
    let errors = match admin::add_user(&state, By::Admin(&desk.user), &new).await {
        Ok(id) => {
            tracing::info!(user = id.0, by = desk.user.id.0, "account created");
            return users_page(
                &state,
                &desk,
                String::new(),
                String::new(),
                BTreeSet::from([Role::Staff]),
                Vec::new(),
                Some((new.name, new.email.to_lowercase())),
            )
            .await;
        }
        Err(AppError::Invalid(problems)) => problems
            .iter()
            .filter_map(|p| match p.field.as_str() {
                "name" => Some(("name".to_owned(), name_error(p, lang))),
                "email" => Some(("email".to_owned(), t("users-enter-a-valid-e-mail-address"))),
                "roles" => Some(("roles-1".to_owned(), t("users-choose-at-least-one-role"))),
                _ => None,
            })
            .collect(),
        Err(AppError::Duplicate(_)) => vec![(
            "email".to_owned(),
            t("users-there-is-already-an-account-with-this-e"),
        )],
        Err(e) => return super::failed(&state, lang, "/beheer/gebruikers", "creating a user", e),
    };
    users_page(&state, &desk, new.name, new.email, new.roles, errors, None).await
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
                &desk.frame("/beheer/gebruikers", "dossier-not-found"),
                StatusCode::NOT_FOUND,
                Msg {
                    key: "users-this-user-does-not-exist",
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
            .frame_titled(&format!("/beheer/gebruikers/{id}"), &u.name)
            .with_errors(error.is_some()),
        csrf: desk.csrf.clone(),
        id,
        roles: role_boxes(lang, &u.roles),
        state: states(&u, lang),
        active: u.active,
        absent: u.absent,
        totp: u.totp,
        name: u.name,
        email: u.email,
        notice,
        error,
    };
    crate::http::pages::html(status, &page)
}

/// `GET /beheer/gebruikers/{id}`.
pub async fn show(State(state): State<AppState>, desk: Desk, Path(id): Path<i64>) -> Response {
    if !desk.has(Role::Admin) {
        return forbidden(&desk);
    }
    user_page(&state, &desk, id, None, None).await
}

/// The account page's forms as posted: `intent` says which.
#[derive(Debug, Default, Deserialize)]
pub struct UpdateForm {
    intent: Option<String>,
    name: Option<String>,
    #[serde(default)]
    roles: Vec<String>,
    absent: Option<String>,
    active: Option<String>,
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
    let form: UpdateForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    if !desk.has(Role::Admin) {
        return forbidden(&desk);
    }
    let t = |key: &'static str| tr(lang, key).to_owned();
    let user = match admin::user(&state, UserId(id)).await {
        Ok(u) => u,
        Err(AppError::NotFound { .. }) => return user_page(&state, &desk, id, None, None).await,
        Err(e) => return super::failed(&state, lang, "/beheer/gebruikers", "reading a user", e),
    };
    let by = By::Admin(&desk.user);
    let on = |v: &Option<String>| v.as_deref().map(str::trim) == Some("1");
    // What was done, or why not (a refusal carries its own words below).
    let result: Result<String, AppError> = match form.intent.as_deref().map(str::trim) {
        Some("details") => {
            let name = form.name.as_deref().unwrap_or_default();
            admin::update_details(&state, by, &user, name, &parse_roles(&form.roles))
                .await
                .map(|()| t("users-name-and-roles-saved"))
        }
        Some("absent") => {
            let absent = on(&form.absent);
            admin::set_absent(&state, by, &user, absent)
                .await
                .map(|()| {
                    if absent {
                        t("users-marked-absent-a-deputy-takes-over-t17")
                    } else {
                        t("users-present-again")
                    }
                })
        }
        Some("active") => {
            let active = on(&form.active);
            admin::set_active(&state, by, &user, active)
                .await
                .map(|()| {
                    if active {
                        t("users-account-activated")
                    } else {
                        t("users-account-deactivated-its-sessions-api")
                    }
                })
        }
        Some("reset_totp") => admin::reset_second_factor(&state, by, &user)
            .await
            .map(|()| match lang {
                Lang::Nl => format!(
                    "Tweede factor gewist; bij de volgende keer inloggen stelt de gebruiker een nieuwe in. {} krijgt hierover een e-mail.",
                    user.email
                ),
                Lang::En => format!(
                    "Second factor cleared; the user sets up a new one at the next sign-in. {} gets an e-mail about it.",
                    user.email
                ),
            }),
        Some("password_link") => admin::send_password_link(&state, by, &user)
            .await
            .map(|()| match lang {
                Lang::Nl => format!(
                    "Een nieuwe wachtwoordlink is per e-mail naar {} gestuurd. Alleen de gebruiker krijgt de link te zien.",
                    user.email
                ),
                Lang::En => format!(
                    "A new password link was sent by e-mail to {}. Only the user gets to see the link.",
                    user.email
                ),
            }),
        _ => return user_page(&state, &desk, id, None, Some(t("users-unknown-action"))).await,
    };
    let error = match result {
        Ok(notice) => {
            tracing::info!(user = user.id.0, by = desk.user.id.0, "account changed");
            return user_page(&state, &desk, id, Some(notice), None).await;
        }
        // The first problem, as the page has room for one: the name's before the roles'.
        Err(AppError::Invalid(problems)) => match problems.first() {
            Some(p) if p.field == "name" => name_error(p, lang),
            _ => t("users-choose-at-least-one-role"),
        },
        Err(AppError::Refused(r)) => r.said_here(lang),
        Err(e) => {
            return super::failed(&state, lang, "/beheer/gebruikers", "changing an account", e);
        }
    };
    user_page(&state, &desk, id, None, Some(error)).await
}

// --- The account log ----------------------------------------------------------------------------

/// Lines of the account log per page.
const LOG_PAGE: u32 = 50;

pub struct LogRow {
    pub at: String,
    pub actor: String,
    pub subject: String,
    pub subject_href: Option<String>,
    pub what: String,
}

#[derive(Template)]
#[template(path = "beheer/account_log.html")]
struct LogPage {
    f: Frame,
    rows: Vec<LogRow>,
    older: Option<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct LogQuery {
    voor: Option<i64>,
}

fn roles_text(roles: Option<&BTreeSet<Role>>, lang: Lang) -> String {
    match roles {
        Some(r) if !r.is_empty() => r
            .iter()
            .map(|r| role_label(*r, lang))
            .collect::<Vec<_>>()
            .join(", "),
        _ => tr(lang, "users-none").to_owned(),
    }
}

/// What a line of the account log says happened.
fn log_text(e: &AuditEntry, lang: Lang) -> String {
    let t = |key: &'static str| tr(lang, key).to_owned();
    match e.action {
        AuditAction::Created => format!(
            "{} {}",
            t("users-account-made-with-the-roles"),
            roles_text(e.roles_after.as_ref(), lang)
        ),
        AuditAction::Roles => format!(
            "{} {} → {}",
            t("users-roles-changed"),
            roles_text(e.roles_before.as_ref(), lang),
            roles_text(e.roles_after.as_ref(), lang)
        ),
        AuditAction::Activated => t("users-account-activated-2"),
        AuditAction::Deactivated => t("users-account-deactivated"),
        AuditAction::PasswordLink => t("users-password-link-sent"),
        AuditAction::PasswordSet => t("users-password-set"),
        AuditAction::SecondFactorReset => t("users-second-factor-cleared-set-up-again-at"),
        AuditAction::SecondFactorEnrolled => t("users-second-factor-set-up"),
        AuditAction::SecondFactorRemoved => t("users-second-factor-turned-off-by-the-user"),
        AuditAction::RecoveryCodesMade => t("users-new-recovery-codes-made"),
        AuditAction::RecoveryCodeUsed => t("users-signed-in-with-a-recovery-code"),
    }
}

/// Who may read the account log: the coordinators (who must be able to see what the account
/// administrators do) and the administrators.
pub fn may_read_log(user: &User) -> bool {
    user.roles.contains(&Role::Coordinator) || user.roles.contains(&Role::Admin)
}

/// `GET /beheer/gebruikers/logboek`: the account log, newest first, 50 lines a page.
pub async fn log(
    State(state): State<AppState>,
    desk: Desk,
    axum::extract::Query(q): axum::extract::Query<LogQuery>,
) -> Response {
    let lang = desk.lang;
    if !may_read_log(&desk.user) {
        return message(
            &desk.frame("/beheer/gebruikers/logboek", "desk-no-access"),
            StatusCode::FORBIDDEN,
            Msg {
                key: "users-only-the-complaints-coordinator-and-the",
            },
        );
    }
    let lines = match state.store.account_audit(q.voor, LOG_PAGE + 1).await {
        Ok(l) => l,
        Err(e) => {
            return super::failed(
                &state,
                lang,
                "/beheer/gebruikers/logboek",
                "reading the account log",
                e,
            );
        }
    };
    let older = (lines.len() > LOG_PAGE as usize)
        .then(|| {
            lines
                .get(LOG_PAGE as usize - 1)
                .map(|e| format!("/beheer/gebruikers/logboek?voor={}", e.id))
        })
        .flatten();
    let admin = desk.has(Role::Admin);
    let rows = lines
        .iter()
        .take(LOG_PAGE as usize)
        .map(|e| LogRow {
            at: super::when(e.at),
            actor: match (&e.actor, &e.actor_name) {
                (Actor::User(id), _) if *id == e.subject => {
                    tr(lang, "users-the-user-themselves").to_owned()
                }
                (Actor::User(_), Some(name)) => name.clone(),
                (Actor::User(id), None) => format!("#{id}"),
                (Actor::Operator, _) => {
                    tr(lang, "users-the-servers-operator-command-line").to_owned()
                }
            },
            subject: format!("{} <{}>", e.subject_name, e.subject_email),
            subject_href: admin.then(|| format!("/beheer/gebruikers/{}", e.subject.0)),
            what: log_text(e, lang),
        })
        .collect();
    let page = LogPage {
        f: desk.frame("/beheer/gebruikers/logboek", "desk-account-log"),
        rows,
        older,
    };
    crate::http::pages::html(StatusCode::OK, &page)
}
