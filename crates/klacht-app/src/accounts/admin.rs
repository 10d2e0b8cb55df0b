//! Administering accounts: making them, their name and roles, absence (T17), activation, a new
//! password link, clearing a lost second factor. An administrator (role `admin`) does these in
//! the back office, the server's operator some of them on the command line; both through here.
//!
//! So that the admin role cannot take over what it manages: nobody changes their own roles or
//! deactivates themselves, a set-your-password link goes only to its user by e-mail (never onto
//! the admin's screen), a cleared second factor is told to its user by e-mail, and every such
//! change is in the account log, in the same transaction.

use super::password::{self, NewPassword};
use crate::{App, AppError, FieldProblem, Problem, input};
use jiff::Timestamp;
use klacht_core::procedure::{Refusal, RefusalKind};
use klacht_core::{Lang, Role, UserId};
use klacht_store::{Actor, NewMail, NewUser, User};
use std::collections::BTreeSet;

/// Who administers: a signed-in person (who must have the `admin` role) or the operator on the
/// command line.
#[derive(Debug, Clone, Copy)]
pub enum By<'a> {
    Admin(&'a User),
    Operator,
}

impl By<'_> {
    fn actor(self) -> Actor {
        match self {
            By::Admin(u) => Actor::User(u.id),
            By::Operator => Actor::Operator,
        }
    }

    fn is(self, user: UserId) -> bool {
        matches!(self, By::Admin(u) if u.id == user)
    }

    /// Refused unless an administrator or the operator.
    fn may_administer(self) -> Result<(), AppError> {
        match self {
            By::Admin(u) if !u.roles.contains(&Role::Admin) => {
                Err(AppError::Refused(Refusal::new(
                    RefusalKind::NotPermitted,
                    "Alleen een beheerder (rol ‘admin’) beheert gebruikers.",
                    "Only an administrator (role ‘admin’) manages users.",
                )))
            }
            _ => Ok(()),
        }
    }
}

/// The user with this e-mail address (as typed: case and spaces do not matter).
pub async fn by_email(app: &App, email: &str) -> Result<User, AppError> {
    app.store.user_by_email(email).await?.ok_or_else(|| {
        AppError::not_found(
            format!("no user with e-mail {email}"),
            format!("geen gebruiker met e-mailadres {email}"),
        )
    })
}

/// The user with this id.
pub async fn user(app: &App, id: UserId) -> Result<User, AppError> {
    app.store.user(id).await?.ok_or_else(|| {
        AppError::not_found("This user does not exist.", "Deze gebruiker bestaat niet.")
    })
}

/// How a new account gets its first password.
#[derive(Debug, Clone)]
pub enum FirstPassword {
    /// A set-your-password link is e-mailed to them (the back office).
    Mailed,
    /// The operator gives one (`klacht user add --password-stdin`).
    Given(NewPassword),
    /// None yet: the operator makes a link later (`klacht user reset-password`).
    Later,
}

/// A new account as an administrator or the operator fills it in.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub name: String,
    pub email: String,
    pub roles: BTreeSet<Role>,
    pub password: FirstPassword,
    /// The language of the e-mail with a [`FirstPassword::Mailed`] link (the back office: the
    /// administrator's page language; the account itself starts in Dutch).
    pub mail_language: Lang,
}

fn name_problems(problems: &mut Vec<FieldProblem>, name: &str) {
    input::line_field(
        problems,
        "name",
        &Some(name.to_owned()),
        true,
        super::links::NAME_MAX,
    );
}

fn roles_problems(problems: &mut Vec<FieldProblem>, roles: &BTreeSet<Role>) {
    if roles.is_empty() {
        problems.push(FieldProblem::of("roles", Problem::NoRole));
    }
}

/// Makes an account, in the account log with its roles; its first password as `new.password`
/// says. `Invalid` with the fields that are not right, `Duplicate` when the e-mail address has
/// an account.
pub async fn add_user(app: &App, by: By<'_>, new: &NewAccount) -> Result<UserId, AppError> {
    by.may_administer()?;
    let name = new.name.trim();
    let email = new.email.trim();
    let mut problems = Vec::new();
    name_problems(&mut problems, name);
    if !input::looks_like_email(email) {
        problems.push(FieldProblem::of("email", Problem::NotEmail));
    }
    roles_problems(&mut problems, &new.roles);
    let password = match &new.password {
        FirstPassword::Given(p) => password::check_new(p, email, name, &mut problems),
        FirstPassword::Mailed | FirstPassword::Later => None,
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let password_hash = match password {
        Some(p) => Some(password::hash_new(p).await?),
        None => None,
    };
    let account = NewUser {
        email: email.to_owned(),
        name: name.to_owned(),
        roles: new.roles.clone(),
        password_hash,
    };
    let id = app
        .store
        .create_user_by(&account, by.actor(), app.clock.now())
        .await?;
    tracing::info!(user = id.0, "account created");
    if matches!(new.password, FirstPassword::Mailed) {
        let mut user = user(app, id).await?;
        user.language = new.mail_language;
        invite(app, by, &user, Invitation::NewAccount).await?;
    }
    Ok(id)
}

/// Replaces `user`'s name and roles. Nobody changes their own roles (refused: an administrator
/// who could make themselves coordinator could read every dossier); a change of roles is in the
/// account log.
pub async fn update_details(
    app: &App,
    by: By<'_>,
    user: &User,
    name: &str,
    roles: &BTreeSet<Role>,
) -> Result<(), AppError> {
    by.may_administer()?;
    let name = name.trim();
    let mut problems = Vec::new();
    name_problems(&mut problems, name);
    roles_problems(&mut problems, roles);
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let own_roles = || {
        AppError::Refused(Refusal::new(
            RefusalKind::NotPermitted,
            "U kunt uw eigen rollen niet veranderen; laat een andere beheerder dat doen. Er is niets opgeslagen.",
            "You cannot change your own roles; let another administrator do that. Nothing was saved.",
        )
        .je("Je kunt je eigen rollen niet veranderen; laat een andere beheerder dat doen. Er is niets opgeslagen."))
    };
    if by.is(user.id) && *roles != user.roles {
        return Err(own_roles());
    }
    match app
        .store
        .update_user_details(user.id, name, roles, by.actor(), app.clock.now())
        .await
    {
        Ok(()) => Ok(()),
        // The store refuses it too, should the check above ever be bypassed.
        Err(klacht_store::StoreError::Invalid { field, .. }) if field == "roles" => {
            Err(own_roles())
        }
        Err(e) => Err(e.into()),
    }
}

/// Marks `user` absent or present again (T17: the deputy acts while the coordinator is absent).
pub async fn set_absent(app: &App, by: By<'_>, user: &User, absent: bool) -> Result<(), AppError> {
    by.may_administer()?;
    Ok(app.store.set_absent(user.id, absent).await?)
}

/// Activates or deactivates `user`, in the account log. Deactivating ends their sessions and
/// revokes their API tokens and calendar feed; activating brings none of them back. Nobody
/// deactivates themselves.
pub async fn set_active(app: &App, by: By<'_>, user: &User, active: bool) -> Result<(), AppError> {
    by.may_administer()?;
    if !active && by.is(user.id) {
        return Err(AppError::Refused(
            Refusal::new(
                RefusalKind::NotPermitted,
                "U kunt uw eigen account niet deactiveren.",
                "You cannot deactivate your own account.",
            )
            .je("Je kunt je eigen account niet deactiveren."),
        ));
    }
    Ok(app
        .store
        .set_active(user.id, active, by.actor(), app.clock.now())
        .await?)
}

/// Clears `user`'s second factor ("phone lost"): they set up a new one at their next sign-in,
/// their sessions end, it is in the account log, and they are told by e-mail who did it and
/// when, and what to do if they did not ask for it.
pub async fn reset_second_factor(app: &App, by: By<'_>, user: &User) -> Result<(), AppError> {
    by.may_administer()?;
    let now = app.clock.now();
    app.store.clear_totp(user.id, by.actor(), now).await?;
    let by_name = match by {
        By::Admin(admin) => Some(admin.name.as_str()),
        By::Operator => None,
    };
    let (org, informal) = sender(app);
    let (subject, body) = second_factor_cleared(&org, informal, user, by_name, now);
    queue(app, user, subject, body).await
}

/// Makes a new set-your-password link for `user` (earlier ones stop working; in the account
/// log) and e-mails it to them, and only to them: whoever asked for it does not see it.
pub async fn send_password_link(app: &App, by: By<'_>, user: &User) -> Result<(), AppError> {
    by.may_administer()?;
    invite(app, by, user, Invitation::NewPassword).await
}

/// A set-your-password link for `user` by the operator, to print: only the command line shows a
/// link (`klacht user reset-password`).
pub async fn operator_password_link(app: &App, user: &User) -> Result<String, AppError> {
    super::password_link(app, user.id, Actor::Operator).await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Invitation {
    NewAccount,
    NewPassword,
}

/// Who sends an account's e-mails (the organisation's name) and whether the regulation in force
/// says "je" (`texts.informal`).
fn sender(app: &App) -> (String, bool) {
    let loaded = app.regulation();
    (
        loaded.profile.organisation.name.clone(),
        loaded.profile.texts.informal,
    )
}

async fn invite(app: &App, by: By<'_>, to: &User, what: Invitation) -> Result<(), AppError> {
    let link = super::password_link(app, to.id, by.actor()).await?;
    let (org, informal) = sender(app);
    let (name, days) = (&to.name, super::PASSWORD_LINK_DAYS);
    // In Dutch the message says "je" where the regulation in force does (`texts.informal`).
    let (subject, body) = match (to.language, what) {
        (Lang::Nl, Invitation::NewAccount) if informal => (
            format!("Je account voor de klachtenregistratie van {org}"),
            format!(
                "Beste {name},\n\nEr is een account voor je gemaakt in klacht, de klachtenregistratie van {org}. Kies via deze link je wachtwoord (de link werkt één keer en {days} dagen):\n\n{link}\n\nHeb je dit niet verwacht? Dan kun je dit bericht negeren.\n"
            ),
        ),
        (Lang::Nl, Invitation::NewAccount) => (
            format!("Uw account voor de klachtenregistratie van {org}"),
            format!(
                "Beste {name},\n\nEr is een account voor u gemaakt in klacht, de klachtenregistratie van {org}. Kies via deze link uw wachtwoord (de link werkt één keer en {days} dagen):\n\n{link}\n\nHebt u dit niet verwacht? Dan kunt u dit bericht negeren.\n"
            ),
        ),
        (Lang::En, Invitation::NewAccount) => (
            format!("Your account for the complaints register of {org}"),
            format!(
                "Dear {name},\n\nAn account was made for you in klacht, the complaints register of {org}. Choose your password through this link (it works once, for {days} days):\n\n{link}\n\nDid you not expect this? Then you can ignore this message.\n"
            ),
        ),
        (Lang::Nl, Invitation::NewPassword) if informal => (
            format!("Een nieuw wachtwoord voor de klachtenregistratie van {org}"),
            format!(
                "Beste {name},\n\nEr is een link gemaakt waarmee je een nieuw wachtwoord kiest voor je account in klacht, de klachtenregistratie van {org} (de link werkt één keer en {days} dagen; eerdere links werken niet meer):\n\n{link}\n\nJe huidige wachtwoord blijft werken tot je een nieuw kiest. Heb je hier niet om gevraagd? Gebruik de link dan niet en meld het aan de klachtencoördinator.\n"
            ),
        ),
        (Lang::Nl, Invitation::NewPassword) => (
            format!("Een nieuw wachtwoord voor de klachtenregistratie van {org}"),
            format!(
                "Beste {name},\n\nEr is een link gemaakt waarmee u een nieuw wachtwoord kiest voor uw account in klacht, de klachtenregistratie van {org} (de link werkt één keer en {days} dagen; eerdere links werken niet meer):\n\n{link}\n\nUw huidige wachtwoord blijft werken tot u een nieuw kiest. Hebt u hier niet om gevraagd? Gebruik de link dan niet en meld het aan de klachtencoördinator.\n"
            ),
        ),
        (Lang::En, Invitation::NewPassword) => (
            format!("A new password for the complaints register of {org}"),
            format!(
                "Dear {name},\n\nA link was made with which you choose a new password for your account in klacht, the complaints register of {org} (it works once, for {days} days; earlier links no longer work):\n\n{link}\n\nYour current password keeps working until you choose a new one. Did you not ask for this? Then do not use the link, and tell the complaints coordinator.\n"
            ),
        ),
    };
    queue(app, to, subject, body).await
}

/// Queues a message to `to` and wakes the sender.
async fn queue(app: &App, to: &User, subject: String, body: String) -> Result<(), AppError> {
    app.store
        .enqueue_mail(
            &NewMail {
                event: None,
                to: to.email.clone(),
                to_name: Some(to.name.clone()),
                subject,
                body,
                language: to.language,
            },
            app.clock.now(),
        )
        .await?;
    app.mail_notify.notify_one();
    Ok(())
}

/// The message that tells `user` that `by` (a person's name; `None`: the server's operator)
/// cleared their second factor at `now`; in Dutch with "je" where `informal` (the regulation in
/// force says "je").
fn second_factor_cleared(
    org: &str,
    informal: bool,
    user: &User,
    by: Option<&str>,
    now: Timestamp,
) -> (String, String) {
    let name = &user.name;
    let when = super::when(now);
    let by = match by {
        Some(b) => b.to_owned(),
        None => user
            .language
            .pick("de beheerder van de server", "the server's operator")
            .to_owned(),
    };
    match user.language {
        Lang::Nl if informal => (
            format!("Je tweede factor voor de klachtenregistratie van {org} is gewist"),
            format!(
                "Beste {name},\n\nOp {when} heeft {by} de tweede factor van je account in klacht, de klachtenregistratie van {org}, gewist: de inlogcode uit je authenticator-app werkt niet meer. Bij de volgende keer inloggen stel je een nieuwe in. Je wachtwoord is niet veranderd.\n\nHeb je hier niet om gevraagd? Neem dan meteen contact op met de klachtencoördinator: iemand kan proberen je account over te nemen. Kies ook een nieuw wachtwoord onder ‘Mijn account’.\n"
            ),
        ),
        Lang::Nl => (
            format!("Uw tweede factor voor de klachtenregistratie van {org} is gewist"),
            format!(
                "Beste {name},\n\nOp {when} heeft {by} de tweede factor van uw account in klacht, de klachtenregistratie van {org}, gewist: de inlogcode uit uw authenticator-app werkt niet meer. Bij de volgende keer inloggen stelt u een nieuwe in. Uw wachtwoord is niet veranderd.\n\nHebt u hier niet om gevraagd? Neem dan meteen contact op met de klachtencoördinator: iemand kan proberen uw account over te nemen. Kies ook een nieuw wachtwoord onder ‘Mijn account’.\n"
            ),
        ),
        Lang::En => (
            format!("Your second factor for the complaints register of {org} was cleared"),
            format!(
                "Dear {name},\n\nOn {when} (Amsterdam time), {by} cleared the second factor of your account in klacht, the complaints register of {org}: the sign-in code from your authenticator app no longer works. At your next sign-in you set up a new one. Your password has not changed.\n\nDid you not ask for this? Then contact the complaints coordinator at once: someone may be trying to take over your account. Also choose a new password under ‘My account’.\n"
            ),
        ),
    }
}
