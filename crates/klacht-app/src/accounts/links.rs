//! The one-time links: the setup link that creates the first coordinator (while there are no
//! accounts), and the link with which someone sets their password. A link that was used, has
//! expired or was replaced is `NotFound`.

use super::password::{self, NewPassword};
use super::sessions::{self, SignedIn};
use crate::{App, AppError, FieldProblem, Problem, input};
use klacht_core::Role;
use klacht_store::{AccountLink, LinkPurpose, NewUser, StoreError};

/// The longest name of a person.
pub const NAME_MAX: usize = 200;

fn dead() -> AppError {
    AppError::not_found(
        "This link was used already, has expired or was replaced by a newer one.",
        "Deze link is al gebruikt, verlopen of vervangen door een nieuwere.",
    )
}

async fn live(app: &App, token: &str, purpose: LinkPurpose) -> Result<AccountLink, AppError> {
    // Tokens are 32 random bytes in hex; anything else is not worth a query.
    if token.len() != 64 {
        return Err(dead());
    }
    match app.store.account_link(token, app.clock.now()).await? {
        Some(l) if l.purpose == purpose => Ok(l),
        _ => Err(dead()),
    }
}

/// Whether the setup link `token` still creates the first coordinator: unused, unexpired, and
/// no account exists yet.
pub async fn setup_link_works(app: &App, token: &str) -> Result<bool, AppError> {
    match live(app, token, LinkPurpose::Setup).await {
        Ok(_) => Ok(!app.store.has_users().await?),
        Err(AppError::NotFound { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Whether the password link `token` still works.
pub async fn password_link_works(app: &App, token: &str) -> Result<bool, AppError> {
    match live(app, token, LinkPurpose::Password).await {
        Ok(_) => Ok(true),
        Err(AppError::NotFound { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The first coordinator as they fill in the setup page.
#[derive(Debug, Clone, Default)]
pub struct FirstCoordinator {
    pub name: String,
    pub email: String,
    pub password: NewPassword,
}

/// Uses the setup link: creates the first coordinator (who also administers accounts) with
/// every role the regulation requires of a coordinator (under KJRW also the board's) and their
/// password, and signs them in. `NotFound` when the link no longer works, `Invalid` with
/// the fields that are not right.
pub async fn create_first_coordinator(
    app: &App,
    token: &str,
    c: &FirstCoordinator,
) -> Result<SignedIn, AppError> {
    if !setup_link_works(app, token).await? {
        return Err(dead());
    }
    let mut problems = Vec::new();
    let password = check_first(c, &mut problems);
    let (Some(password), true) = (password, problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let roles = app.regulation().profile.roles.of_coordinator();
    let id = create_first(app, token, c, password, roles).await?;
    sessions::start_complete(app, id).await
}

/// The problems of the first coordinator's name, e-mail address and password (added to
/// `problems`); the password when it will do.
pub(crate) fn check_first<'a>(
    c: &'a FirstCoordinator,
    problems: &mut Vec<FieldProblem>,
) -> Option<&'a str> {
    let name = c.name.trim();
    let email = c.email.trim();
    input::line_field(problems, "name", &Some(name.to_owned()), true, NAME_MAX);
    if !input::looks_like_email(email) {
        problems.push(FieldProblem::of("email", Problem::NotEmail));
    }
    password::check_new(&c.password, email, name, problems)
}

/// Creates the first coordinator through the setup link with `roles` and the administrator's
/// role, the link used in the same transaction. `NotFound` when the link no longer works.
pub(crate) async fn create_first(
    app: &App,
    token: &str,
    c: &FirstCoordinator,
    password: &str,
    roles: std::collections::BTreeSet<Role>,
) -> Result<klacht_core::UserId, AppError> {
    let new = NewUser {
        email: c.email.trim().to_owned(),
        name: c.name.trim().to_owned(),
        roles: roles.into_iter().chain([Role::Admin]).collect(),
        password_hash: Some(password::hash_new(password).await?),
    };
    let id = match app.store.use_setup_link(token, &new, app.clock.now()).await {
        Ok(id) => id,
        // Used meanwhile, or someone made an account meanwhile.
        Err(StoreError::NotFound(_)) => return Err(dead()),
        Err(e) => return Err(e.into()),
    };
    tracing::info!(
        user = id.0,
        "first coordinator created through the setup link"
    );
    Ok(id)
}

/// Uses a password link: sets the password of its user (who then signs in; their sessions
/// end). Returns the user's e-mail address. `NotFound` when the link no longer works, `Invalid`
/// when the password will not do.
pub async fn set_password(app: &App, token: &str, new: &NewPassword) -> Result<String, AppError> {
    let link = live(app, token, LinkPurpose::Password).await?;
    let user = match link.user {
        Some(u) => app.store.user(u).await?.ok_or_else(dead)?,
        None => return Err(dead()),
    };
    let mut problems = Vec::new();
    let Some(password) = password::check_new(new, &user.email, &user.name, &mut problems) else {
        return Err(AppError::Invalid(problems));
    };
    let hash = password::hash_new(password).await?;
    match app
        .store
        .use_password_link(token, &hash, app.clock.now())
        .await
    {
        Ok(_) => Ok(user.email),
        Err(StoreError::NotFound(_)) => Err(dead()),
        Err(e) => Err(e.into()),
    }
}
