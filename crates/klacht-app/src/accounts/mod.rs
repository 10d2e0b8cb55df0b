//! Staff accounts: passwords, the second factor, the links that set a password or create the
//! first coordinator, and telling someone their second factor was cleared. The back office and
//! the command line use these.

pub mod password;
pub mod totp;

use crate::App;
use jiff::SignedDuration;
use klacht_core::Lang;
use klacht_store::{LinkPurpose, StoreError, User};

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
/// [`PASSWORD_LINK_DAYS`], as a URL under `public_url`. The admin page mails it to the user; only
/// the operator's command line prints it.
pub async fn password_link(
    store: &klacht_store_any::Store,
    public_url: &str,
    user: klacht_core::UserId,
    by: klacht_store::Actor,
    now: jiff::Timestamp,
) -> Result<String, StoreError> {
    let token = store
        .create_password_link(
            user,
            by,
            SignedDuration::from_hours(24 * PASSWORD_LINK_DAYS),
            now,
        )
        .await?;
    Ok(format!(
        "{}/beheer/wachtwoord/{token}",
        public_url.trim_end_matches('/')
    ))
}

/// On a first start (no accounts yet): a new one-time link that creates the first coordinator,
/// replacing any earlier one. `None` once there are accounts.
pub async fn first_start_link(app: &App) -> Result<Option<String>, StoreError> {
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

/// Tells `user` by e-mail (through the mail queue) that `by` (a person's name; `None`: the
/// server's operator) cleared their second factor at `now`, and what to do when they did not
/// expect it. The admin page and `klacht user reset-second-factor` send it.
pub async fn notify_second_factor_reset(
    store: &klacht_store_any::Store,
    org: &str,
    user: &User,
    by: Option<&str>,
    now: jiff::Timestamp,
) -> Result<(), StoreError> {
    let name = &user.name;
    let when = when(now);
    let by = match by {
        Some(b) => b.to_owned(),
        None => user
            .language
            .pick("de beheerder van de server", "the server's operator")
            .to_owned(),
    };
    let (subject, body) = match user.language {
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
    };
    store
        .enqueue_mail(
            &klacht_store::NewMail {
                event: None,
                to: user.email.clone(),
                to_name: Some(name.clone()),
                subject,
                body,
                language: user.language,
            },
            now,
        )
        .await
}
