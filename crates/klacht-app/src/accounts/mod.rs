//! Staff accounts: signing in and out ([`sessions`]), the one-time links that create the first
//! coordinator or set a password ([`links`]), one's own account ([`own`]) and calendar feed
//! ([`calendar`]), administering accounts ([`admin`]) and API tokens ([`tokens`]), with what
//! they rest on: passwords, the second factor and its recovery codes ([`recovery`]), and the
//! sign-in throttle. The back office and the
//! command line use these.

pub mod admin;
pub mod calendar;
pub mod links;
pub mod own;
pub mod password;
pub mod recovery;
pub mod sessions;
pub mod throttle;
pub mod tokens;
pub mod totp;

use crate::{App, AppError};
use jiff::SignedDuration;
use klacht_store::LinkPurpose;

/// How long a set-your-password link works.
pub const PASSWORD_LINK_DAYS: i64 = 7;
/// How long the first coordinator's setup link works (a restart prints a new one).
pub const SETUP_LINK_HOURS: i64 = 24;

/// A moment as staff read it: day and time in Amsterdam.
pub fn when(t: jiff::Timestamp) -> String {
    klacht_core::calendar::amsterdam_datetime(t)
        .strftime("%d-%m-%Y %H:%M")
        .to_string()
}

/// Makes a new set-your-password link for `user` by `by` (recorded in the account log), good for
/// [`PASSWORD_LINK_DAYS`], as a URL on this site. The admin page mails it to the user
/// ([`admin::send_password_link`]); only the operator's command line prints it.
pub async fn password_link(
    app: &App,
    user: klacht_core::UserId,
    by: klacht_store::Actor,
) -> Result<String, AppError> {
    let token = app
        .store
        .create_password_link(
            user,
            by,
            SignedDuration::from_hours(24 * PASSWORD_LINK_DAYS),
            app.clock.now(),
        )
        .await?;
    Ok(app.config.url(&format!("/beheer/wachtwoord/{token}")))
}

/// On a first start (no accounts yet): a new one-time link that creates the first coordinator,
/// replacing any earlier one. `None` once there are accounts.
pub async fn first_start_link(app: &App) -> Result<Option<String>, AppError> {
    if app.store.has_users().await? {
        return Ok(None);
    }
    let token = app
        .store
        .create_account_link(
            None,
            LinkPurpose::Setup,
            SignedDuration::from_hours(SETUP_LINK_HOURS),
            app.clock.now(),
        )
        .await?;
    Ok(Some(app.config.url(&format!("/beheer/setup/{token}"))))
}

/// Seals every second-factor secret still stored in plain text (by a version before sealing)
/// with the app's key, and finds those that this key does not open. `serve` runs it at start.
pub async fn seal_second_factors(app: &App) -> Result<klacht_store::SealReport, AppError> {
    Ok(app.store.seal_totp_secrets(&app.secret_key).await?)
}

#[cfg(test)]
mod tests;
