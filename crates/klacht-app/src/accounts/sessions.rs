//! Signing in and out: a session after the password, and where the person has a second factor,
//! a new one after the code. A new session gets a new token after the password and again after
//! the code, so a token seen before signing in is worth nothing after.
//!
//! Failed attempts are throttled ([`Throttle`]), never locked. A wrong e-mail address, a wrong
//! password and an attempt that must wait all come back as `None`, after the same work, so the
//! answer tells nobody whether an account exists.

use super::password;
use super::throttle::Throttle;
use super::{recovery, totp};
use crate::{App, AppError, FieldProblem, Problem};
use jiff::SignedDuration;
use klacht_core::UserId;
use klacht_store::Session;
use std::net::IpAddr;

/// A session just started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    pub user: UserId,
    /// For the session cookie.
    pub token: String,
    /// The password was right; the code from the authenticator app is still to come.
    pub pending_second_factor: bool,
}

/// The live session with this token, kept alive (idle timeout), whether complete or still
/// waiting for the code. `None`: no such session, ended, expired, or its user deactivated.
pub async fn current(app: &App, token: &str) -> Result<Option<Session>, AppError> {
    Ok(app
        .store
        .session(token, app.config.session, app.clock.now())
        .await?)
}

/// The session of someone who gave the right password and still owes the code.
pub async fn pending(app: &App, token: &str) -> Result<Option<Session>, AppError> {
    Ok(current(app, token).await?.filter(|s| s.pending_totp))
}

/// Ends a session (signing out, or replacing it with a new one). A session that cannot be ended
/// now still ends by itself when idle; that is logged, not refused.
pub async fn end(app: &App, token: &str) {
    if let Err(e) = app.store.end_session(token).await {
        tracing::warn!(error = %e, "ending a session");
    }
}

async fn start(app: &App, user: UserId, pending: bool) -> Result<SignedIn, AppError> {
    let s = app
        .store
        .create_session(user, pending, app.config.session, app.clock.now())
        .await?;
    Ok(SignedIn {
        user,
        token: s.token,
        pending_second_factor: pending,
    })
}

/// The password step, from client address `ip`. `replacing`: a session this browser had before
/// signing in, which ends. `Invalid` when the e-mail address or the password is blank; `None`
/// when they do not match an active account or this attempt has to wait ([`Throttle`]).
pub async fn sign_in(
    app: &App,
    throttle: &Throttle,
    ip: IpAddr,
    email: &str,
    password: &str,
    replacing: Option<&str>,
) -> Result<Option<SignedIn>, AppError> {
    let email = email.trim();
    let mut problems = Vec::new();
    if email.is_empty() {
        problems.push(FieldProblem::of("email", Problem::Required));
    }
    if password.is_empty() {
        problems.push(FieldProblem::of("password", Problem::Required));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let now = app.clock.now();
    if throttle.check(email, ip, now).is_err() {
        // Not checked and not counted; as slow as a check, so the time tells nothing either.
        password::verify_off_thread(None, password.to_owned()).await;
        return Ok(None);
    }
    let user = app.store.user_by_email(email).await?.filter(|u| u.active);
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = password::verify_off_thread(stored, password.to_owned()).await;
    let Some(user) = user.filter(|_| ok) else {
        throttle.failed(email, ip, now);
        tracing::info!(%ip, "failed sign-in");
        return Ok(None);
    };
    throttle.succeeded(email, ip);
    if let Some(old) = replacing {
        end(app, old).await;
    }
    let signed_in = start(app, user.id, user.totp).await?;
    tracing::info!(user = user.id.0, second_factor = user.totp, "signed in");
    Ok(Some(signed_in))
}

/// What came of a code given for a pending session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeOutcome {
    /// Right: the pending session ended and this complete one started.
    SignedIn(SignedIn),
    /// Too many wrong codes from here: not checked, not counted; try again after this long.
    Wait(SignedDuration),
    /// Wrong, or used before (a code works once).
    Wrong,
    /// The stored secret does not open with this instance's key: nobody can check it until the
    /// second factor is reset (logged with what the operator can do).
    Unreadable,
    /// The user has no second factor (any more): sign in again.
    NotEnrolled,
    /// A recovery code was right (and is spent): the pending session ended and this complete
    /// one started; `left` codes remain.
    RecoveryCodeUsed { signed_in: SignedIn, left: u64 },
}

/// The second-factor step: `code` for the pending session `token` (its [`pending`] session
/// `session`), from client address `ip`.
pub async fn second_factor(
    app: &App,
    throttle: &Throttle,
    ip: IpAddr,
    token: &str,
    session: &Session,
    code: &str,
) -> Result<CodeOutcome, AppError> {
    let user = &session.user;
    let now = app.clock.now();
    if let Err(wait) = throttle.check(&user.email, ip, now) {
        return Ok(CodeOutcome::Wait(wait));
    }
    let secret = match app.store.totp_secret(user.id, &app.secret_key).await? {
        Some(Ok(secret)) => secret,
        Some(Err(unreadable)) => {
            tracing::error!(
                user = user.id.0,
                error = %unreadable,
                "the second factor cannot be checked: reset it (klacht user reset-second-factor)"
            );
            return Ok(CodeOutcome::Unreadable);
        }
        None => return Ok(CodeOutcome::NotEnrolled),
    };
    let fresh = match totp::check(&secret, code, now) {
        Some(step) => app.store.use_totp_step(user.id, step).await?,
        None => false,
    };
    if !fresh {
        throttle.failed(&user.email, ip, now);
        return Ok(CodeOutcome::Wrong);
    }
    throttle.succeeded(&user.email, ip);
    end(app, token).await;
    Ok(CodeOutcome::SignedIn(start(app, user.id, false).await?))
}

/// The second-factor step with a recovery code instead of a code from the app: `code` for the
/// pending session `token` (its [`pending`] session `session`), from client address `ip`. A
/// recovery code works once; wrong ones count against the same throttle as wrong codes. It
/// works even where the stored secret cannot be read ([`CodeOutcome::Unreadable`]): that is
/// what it is for.
pub async fn recovery_code(
    app: &App,
    throttle: &Throttle,
    ip: IpAddr,
    token: &str,
    session: &Session,
    code: &str,
) -> Result<CodeOutcome, AppError> {
    let user = &session.user;
    let now = app.clock.now();
    if let Err(wait) = throttle.check(&user.email, ip, now) {
        return Ok(CodeOutcome::Wait(wait));
    }
    if !user.totp {
        return Ok(CodeOutcome::NotEnrolled);
    }
    let left = match recovery::plain(code) {
        Some(code) => app.store.use_recovery_code(user.id, &code, now).await?,
        None => None,
    };
    let Some(left) = left else {
        throttle.failed(&user.email, ip, now);
        tracing::info!(%ip, user = user.id.0, "wrong recovery code");
        return Ok(CodeOutcome::Wrong);
    };
    throttle.succeeded(&user.email, ip);
    end(app, token).await;
    tracing::info!(user = user.id.0, left, "signed in with a recovery code");
    Ok(CodeOutcome::RecoveryCodeUsed {
        signed_in: start(app, user.id, false).await?,
        left,
    })
}

/// The first coordinator, just made through the setup link, is signed in at once.
pub(crate) async fn start_complete(app: &App, user: UserId) -> Result<SignedIn, AppError> {
    start(app, user, false).await
}
