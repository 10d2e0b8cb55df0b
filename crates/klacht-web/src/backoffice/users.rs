//! The administrator's pages: accounts, their roles, absence and the deputy (T17). The admin
//! role manages accounts and reads no dossiers (the engine gives a pure admin no capacity).
//!
//! So that the admin role cannot take over what it manages: nobody changes their own roles, a
//! set-your-password link goes only to its user by e-mail (never onto the admin's screen), a
//! cleared second factor is told to its user by e-mail, and every such change is in the account
//! log (`/beheer/gebruikers/logboek`) that the coordinators read too.

use super::{Desk, Frame, Msg, field, fields, message, pairs};
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use klacht_core::procedure::acting_coordinators;
use klacht_core::{Lang, Role, UserId};
use klacht_store::{Actor, AuditAction, AuditEntry, NewUser, StoreError, User};
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
    /// A new account's name and the address its set-your-password link was mailed to.
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

fn states(u: &User, lang: Lang) -> Vec<String> {
    let t = |nl: &str, en: &str| lang.pick(nl, en).to_owned();
    let mut s = Vec::new();
    if !u.active {
        s.push(t("gedeactiveerd", "deactivated"));
    }
    if u.absent {
        s.push(t("afwezig", "absent"));
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

fn parse_roles(p: &[(String, String)]) -> BTreeSet<Role> {
    fields(p, "roles")
        .iter()
        .filter_map(|r| Role::parse(r))
        .collect()
}

/// `POST /beheer/gebruikers`: a new account, without a password: the person sets one through
/// the link e-mailed to them (the admin sees only that it was sent).
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
    } else if let Some(problem) = crate::http::body::line_problem(&name, lang) {
        errors.push(("name".to_owned(), problem));
    }
    if !crate::http::body::looks_like_email(&email) {
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
    let id = match state
        .store
        .create_user_by(&new, Actor::User(desk.user.id), now)
        .await
    {
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
    let invited = invite(
        &state,
        Invite {
            id,
            name: &name,
            email: &email,
            lang,
            new: true,
        },
        Actor::User(desk.user.id),
    )
    .await;
    match invited {
        Ok(()) => {
            users_page(
                &state,
                &desk,
                String::new(),
                String::new(),
                BTreeSet::from([Role::Staff]),
                Vec::new(),
                Some((name, email.trim().to_lowercase())),
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

/// Whom a password link goes to.
struct Invite<'a> {
    id: UserId,
    name: &'a str,
    email: &'a str,
    lang: Lang,
    /// A new account (or a new link for an existing one).
    new: bool,
}

/// Makes a password link for the user (recorded in the account log) and mails it to them, and
/// only to them: whoever asked for it does not see it.
async fn invite(state: &AppState, to: Invite<'_>, by: Actor) -> Result<(), StoreError> {
    let link = klacht_app::accounts::password_link(
        &state.store,
        &state.settings.public_url,
        to.id,
        by,
        state.clock.now(),
    )
    .await?;
    let org = state.profiles.active().profile.organisation.name.clone();
    let (name, days) = (to.name, klacht_app::accounts::PASSWORD_LINK_DAYS);
    let (subject, body) = match (to.lang, to.new) {
        (Lang::Nl, true) => (
            format!("Uw account voor de klachtenregistratie van {org}"),
            format!(
                "Beste {name},\n\nEr is een account voor u gemaakt in klacht, de klachtenregistratie van {org}. Kies via deze link uw wachtwoord (de link werkt één keer en {days} dagen):\n\n{link}\n\nHebt u dit niet verwacht? Dan kunt u dit bericht negeren.\n"
            ),
        ),
        (Lang::En, true) => (
            format!("Your account for the complaints register of {org}"),
            format!(
                "Dear {name},\n\nAn account was made for you in klacht, the complaints register of {org}. Choose your password through this link (it works once, for {days} days):\n\n{link}\n\nDid you not expect this? Then you can ignore this message.\n"
            ),
        ),
        (Lang::Nl, false) => (
            format!("Een nieuw wachtwoord voor de klachtenregistratie van {org}"),
            format!(
                "Beste {name},\n\nEr is een link gemaakt waarmee u een nieuw wachtwoord kiest voor uw account in klacht, de klachtenregistratie van {org} (de link werkt één keer en {days} dagen; eerdere links werken niet meer):\n\n{link}\n\nUw huidige wachtwoord blijft werken tot u een nieuw kiest. Hebt u hier niet om gevraagd? Gebruik de link dan niet en meld het aan de klachtencoördinator.\n"
            ),
        ),
        (Lang::En, false) => (
            format!("A new password for the complaints register of {org}"),
            format!(
                "Dear {name},\n\nA link was made with which you choose a new password for your account in klacht, the complaints register of {org} (it works once, for {days} days; earlier links no longer work):\n\n{link}\n\nYour current password keeps working until you choose a new one. Did you not ask for this? Then do not use the link, and tell the complaints coordinator.\n"
            ),
        ),
    };
    state
        .store
        .enqueue_mail(
            &klacht_store::NewMail {
                event: None,
                to: to.email.to_owned(),
                to_name: Some(name.to_owned()),
                subject,
                body,
                language: to.lang,
            },
            state.clock.now(),
        )
        .await?;
    state.mail_notify.notify_one();
    Ok(())
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
    let own_roles = || {
        t(
            "U kunt uw eigen rollen niet veranderen; laat een andere beheerder dat doen. Er is niets opgeslagen.",
            "You cannot change your own roles; let another administrator do that. Nothing was saved.",
        )
    };
    let result: Result<String, String> = match field(&p, "intent").as_deref() {
        Some("details") => {
            let name = field(&p, "name").unwrap_or_default();
            let roles = parse_roles(&p);
            if name.is_empty() {
                Err(t("Vul de naam in.", "Enter the name."))
            } else if let Some(problem) = crate::http::body::line_problem(&name, lang) {
                Err(problem)
            } else if roles.is_empty() {
                Err(t("Kies minstens één rol.", "Choose at least one role."))
            } else if me && roles != user.roles {
                // An admin who could give themselves `coordinator` could read every dossier.
                Err(own_roles())
            } else {
                match state
                    .store
                    .update_user_details(user.id, &name, &roles, Actor::User(desk.user.id), now)
                    .await
                {
                    Ok(()) => Ok(t("Naam en rollen opgeslagen.", "Name and roles saved.")),
                    Err(StoreError::Invalid { field, .. }) if field == "roles" => Err(own_roles()),
                    Err(e) => Err(e.to_string()),
                }
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
                    .set_active(user.id, active, Actor::User(desk.user.id), now)
                    .await
                    .map(|_| {
                        if active {
                            t("Account geactiveerd.", "Account activated.")
                        } else {
                            t(
                                "Account gedeactiveerd: sessies, API-tokens en agenda-adres werken niet meer.",
                                "Account deactivated: its sessions, API tokens and calendar address no longer work.",
                            )
                        }
                    })
                    .map_err(|e| e.to_string())
            }
        }
        Some("reset_totp") => {
            let org = state.profiles.active().profile.organisation.name.clone();
            let done = async {
                state
                    .store
                    .clear_totp(user.id, Actor::User(desk.user.id), now)
                    .await?;
                klacht_app::accounts::notify_second_factor_reset(&state.store, &org, &user, Some(&desk.user.name), now)
                    .await
            };
            let done = done.await;
            state.mail_notify.notify_one();
            done.map(|_| match lang {
                Lang::Nl => format!(
                    "Tweede factor gewist; bij de volgende keer inloggen stelt de gebruiker een nieuwe in. {} krijgt hierover een e-mail.",
                    user.email
                ),
                Lang::En => format!(
                    "Second factor cleared; the user sets up a new one at the next sign-in. {} gets an e-mail about it.",
                    user.email
                ),
            })
            .map_err(|e| e.to_string())
        }
        Some("password_link") => invite(
            &state,
            Invite {
                id: user.id,
                name: &user.name,
                email: &user.email,
                lang: user.language,
                new: false,
            },
            Actor::User(desk.user.id),
        )
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
        _ => lang.pick("geen", "none").to_owned(),
    }
}

/// What a line of the account log says happened.
fn log_text(e: &AuditEntry, lang: Lang) -> String {
    let t = |nl: &str, en: &str| lang.pick(nl, en).to_owned();
    match e.action {
        AuditAction::Created => format!(
            "{} {}",
            t(
                "account gemaakt met de rollen:",
                "account made with the roles:"
            ),
            roles_text(e.roles_after.as_ref(), lang)
        ),
        AuditAction::Roles => format!(
            "{} {} → {}",
            t("rollen veranderd:", "roles changed:"),
            roles_text(e.roles_before.as_ref(), lang),
            roles_text(e.roles_after.as_ref(), lang)
        ),
        AuditAction::Activated => t("account geactiveerd", "account activated"),
        AuditAction::Deactivated => t("account gedeactiveerd", "account deactivated"),
        AuditAction::PasswordLink => t("wachtwoordlink gestuurd", "password link sent"),
        AuditAction::PasswordSet => t("wachtwoord ingesteld", "password set"),
        AuditAction::SecondFactorReset => t(
            "tweede factor gewist (opnieuw instellen bij inloggen)",
            "second factor cleared (set up again at sign-in)",
        ),
        AuditAction::SecondFactorEnrolled => t("tweede factor ingesteld", "second factor set up"),
        AuditAction::SecondFactorRemoved => t(
            "tweede factor zelf uitgezet",
            "second factor turned off by the user",
        ),
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
            &desk.frame("/beheer/gebruikers/logboek", "Geen toegang", "No access"),
            StatusCode::FORBIDDEN,
            Msg {
                nl: "Alleen de klachtencoördinator en de beheerder lezen het accountlogboek.",
                en: "Only the complaints coordinator and the administrator read the account log.",
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
                (Actor::User(id), _) if *id == e.subject => lang
                    .pick("de gebruiker zelf", "the user themselves")
                    .to_owned(),
                (Actor::User(_), Some(name)) => name.clone(),
                (Actor::User(id), None) => format!("#{id}"),
                (Actor::Operator, _) => lang
                    .pick(
                        "de beheerder van de server (opdrachtregel)",
                        "the server's operator (command line)",
                    )
                    .to_owned(),
            },
            subject: format!("{} <{}>", e.subject_name, e.subject_email),
            subject_href: admin.then(|| format!("/beheer/gebruikers/{}", e.subject.0)),
            what: log_text(e, lang),
        })
        .collect();
    let page = LogPage {
        f: desk.frame(
            "/beheer/gebruikers/logboek",
            "Accountlogboek",
            "Account log",
        ),
        rows,
        older,
    };
    crate::http::pages::html(StatusCode::OK, &page)
}
