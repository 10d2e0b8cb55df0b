//! One's own account: the language of one's notifications, one's password and one's second
//! factor. What an administrator does to someone else's account is in [`super::admin`].

use super::password::{self, NewPassword};
use super::{recovery, totp};
use crate::{App, AppError, FieldProblem, Problem};
use klacht_core::Lang;
use klacht_core::procedure::{Refusal, RefusalKind};
use klacht_store::{Actor, User};

/// The language of `user`'s notifications and e-mails.
pub async fn set_language(app: &App, user: &User, lang: Lang) -> Result<(), AppError> {
    Ok(app.store.set_language(user.id, lang).await?)
}

/// A new password, with the current one.
#[derive(Debug, Clone, Default)]
pub struct PasswordChange {
    pub current: String,
    pub new: NewPassword,
}

/// `user` chooses a new password. Every session of theirs ends, the one they are in too: they
/// sign in again with the new password. `Invalid` when the current password is not right (on
/// `current_password`) or the new one will not do.
pub async fn change_password(
    app: &App,
    user: &User,
    change: &PasswordChange,
) -> Result<(), AppError> {
    let right =
        password::verify_off_thread(user.password_hash.clone(), change.current.clone()).await;
    let mut problems = Vec::new();
    if !right {
        problems.push(FieldProblem::of("current_password", Problem::WrongPassword));
    }
    let new = password::check_new(&change.new, &user.email, &user.name, &mut problems);
    let (Some(new), true) = (new, problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let hash = password::hash_new(new).await?;
    Ok(app
        .store
        .set_password(user.id, &hash, app.clock.now())
        .await?)
}

/// `user` sets up a second factor: `secret` (as shown to them, spaces and case as typed) with a
/// `code` their authenticator app made from it. Stored sealed, in the account log, and the
/// code counts as used. Returns their new recovery codes ([`recovery::make_new`]; any older
/// ones stop working), to show this once. `Invalid` on `code` when the code does not fit the
/// secret (or the secret is no secret of ours: see [`totp::usable_secret`]).
pub async fn enrol_second_factor(
    app: &App,
    user: &User,
    secret: &str,
    code: &str,
) -> Result<Vec<String>, AppError> {
    let now = app.clock.now();
    let Some((secret, step)) =
        totp::usable_secret(secret).and_then(|s| totp::check(&s, code, now).map(|step| (s, step)))
    else {
        return Err(AppError::Invalid(vec![FieldProblem::of(
            "code",
            Problem::WrongCode,
        )]));
    };
    app.store
        .enrol_totp(user.id, &secret, &app.secret_key, now)
        .await?;
    app.store.use_totp_step(user.id, step).await?;
    tracing::info!(user = user.id.0, "second factor enrolled");
    recovery::make_new(app, user).await
}

/// Whether the profile in force requires a second factor of `user` (by their roles).
pub fn second_factor_required(app: &App, user: &User) -> bool {
    app.regulation()
        .profile
        .roles
        .needs_second_factor(&user.roles)
}

/// `user` turns their second factor off: refused where the profile requires one for their
/// roles. In the account log.
pub async fn remove_second_factor(app: &App, user: &User) -> Result<(), AppError> {
    if second_factor_required(app, user) {
        return Err(AppError::Refused(
            Refusal::new(
                RefusalKind::NotPermitted,
                "Uw rollen vereisen een tweede factor; u kunt die niet uitzetten.",
                "Your roles require a second factor; you cannot turn it off.",
            )
            .je("Je rollen vereisen een tweede factor; je kunt die niet uitzetten."),
        ));
    }
    Ok(app
        .store
        .clear_totp(user.id, Actor::User(user.id), app.clock.now())
        .await?)
}

/// `user` makes new recovery codes: the old ones stop working. Returns them, to show this once.
/// Refused without a second factor (the codes stand in for it).
pub async fn new_recovery_codes(app: &App, user: &User) -> Result<Vec<String>, AppError> {
    if !user.totp {
        return Err(AppError::Refused(
            Refusal::new(
                RefusalKind::NotPermitted,
                "Stel eerst een tweede factor in; daarbij krijgt u herstelcodes.",
                "Set up a second factor first; you get recovery codes with it.",
            )
            .je("Stel eerst een tweede factor in; daarbij krijg je herstelcodes."),
        ));
    }
    recovery::make_new(app, user).await
}
