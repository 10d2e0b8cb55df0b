//! Signing in and out, the second factor, and the links with
//! which people set their password.
//!
//! What signing in is — the throttle, the second factor, the links — is klacht-app's
//! (`klacht_app::accounts::{sessions, links}`); these pages ask for it and carry the cookies. A
//! wrong e-mail address, a wrong password and an attempt that must wait get the same answer.

use super::{Frame, Msg, encode, message};
use crate::http::auth::session;
use crate::http::client::ClientAddr;
use crate::http::forms::HtmlForm;
use crate::http::i18n::SaidHere;
use crate::http::i18n::tr;
use crate::http::i18n::tr_args;
use crate::http::lang::PageLang;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::HashMapStateStore;
use governor::{Quota, RateLimiter};
use klacht_app::accounts::links;
use klacht_app::accounts::password::NewPassword;
use klacht_app::accounts::sessions::{self, CodeOutcome};
use klacht_app::{AppError, FieldProblem, Problem};
use klacht_core::Lang;
use serde::Deserialize;
use std::net::IpAddr;
use std::num::NonZeroU32;

/// Sign-in attempts per client address.
pub type Limiter = RateLimiter<IpAddr, HashMapStateStore<IpAddr>, DefaultClock>;

pub fn limiter(per_minute: u32) -> Limiter {
    RateLimiter::hashmap(Quota::per_minute(
        NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN),
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct LoginQuery {
    terug: Option<String>,
    verlopen: Option<String>,
    uitgelogd: Option<String>,
    email: Option<String>,
}

#[derive(Template)]
#[template(path = "beheer/login.html")]
struct LoginPage {
    f: Frame,
    csrf: String,
    email: String,
    back: String,
    notice: Option<String>,
    error: Option<String>,
}

/// Only a path inside the back office is a place to return to (never another site); a control
/// character would make the redirect's `Location` invalid.
fn safe_back(back: Option<&str>) -> String {
    match back {
        Some(b)
            if b.starts_with("/beheer")
                && !b.starts_with("//")
                && !b.contains('\\')
                && !b.contains(char::is_control) =>
        {
            b.to_owned()
        }
        _ => "/beheer".to_owned(),
    }
}

fn login_page(
    state: &AppState,
    lang: Lang,
    status: StatusCode,
    email: String,
    back: String,
    notice: Option<String>,
    error: Option<String>,
) -> Response {
    let token = hex::encode(rand::random::<[u8; 32]>());
    let f = Frame::bare(lang, "login-sign-in")
        .at("/beheer/inloggen")
        .with_errors(error.is_some());
    let page = LoginPage {
        f,
        csrf: token.clone(),
        email,
        back,
        notice,
        error,
    };
    let mut r = crate::http::pages::html(status, &page);
    r.headers_mut().append(
        header::SET_COOKIE,
        session::set_login(&state.settings, &token),
    );
    r
}

/// `GET /beheer/inloggen`.
pub async fn form(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Query(q): Query<LoginQuery>,
) -> Response {
    let t = |key: &'static str| tr(lang, key).to_owned();
    let notice = if q.verlopen.is_some() {
        Some(t("login-your-session-has-expired-please-sign-in"))
    } else if q.uitgelogd.is_some() {
        Some(t("login-you-have-signed-out"))
    } else {
        None
    };
    let notice = notice.or_else(|| {
        q.email
            .is_some()
            .then(|| t("login-your-password-has-been-set-sign-in-now"))
    });
    login_page(
        &state,
        lang,
        StatusCode::OK,
        q.email.clone().unwrap_or_default(),
        safe_back(q.terug.as_deref()),
        notice,
        None,
    )
}

/// Whether the posted form carries the token of the sign-in form this browser was given.
fn login_form_genuine(state: &AppState, headers: &HeaderMap, sent: Option<&str>) -> bool {
    match (
        session::read(headers, session::login_cookie_name(&state.settings)),
        sent,
    ) {
        (Some(cookie), Some(sent)) => session::same_secret(&cookie, sent),
        _ => false,
    }
}

pub(super) fn with_session(state: &AppState, to: &str, token: &str) -> Response {
    let mut r = Redirect::to(to).into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, session::set(&state.settings, token));
    r
}

/// The sign-in form as posted.
#[derive(Debug, Default, Deserialize)]
pub struct SignInForm {
    csrf: Option<String>,
    email: Option<String>,
    /// As typed: spaces in a password are part of it.
    password: Option<String>,
    terug: Option<String>,
}

/// `POST /beheer/inloggen`.
pub async fn submit(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    ClientAddr(ip): ClientAddr,
    headers: HeaderMap,
    HtmlForm(form): HtmlForm<SignInForm>,
) -> Response {
    let email = form.email.as_deref().unwrap_or_default().trim().to_owned();
    let back = safe_back(form.terug.as_deref().map(str::trim));
    let t = |key: &'static str| tr(lang, key).to_owned();
    let again = |status, error: String| {
        login_page(
            &state,
            lang,
            status,
            email.clone(),
            back.clone(),
            None,
            Some(error),
        )
    };
    if !login_form_genuine(&state, &headers, form.csrf.as_deref().map(str::trim)) {
        return again(
            StatusCode::FORBIDDEN,
            t("login-the-sign-in-form-had-expired-please-try"),
        );
    }
    if let Err(wait) = state.logins.check_key(&ip) {
        let secs = wait
            .wait_time_from(DefaultClock::default().now())
            .as_secs()
            .max(1);
        return again(
            StatusCode::TOO_MANY_REQUESTS,
            tr_args(
                lang,
                "login-too-many-sign-in-attempts-from-this",
                &[("secs", &secs.to_string())],
            ),
        );
    }
    let old = session::token(&headers, &state.settings);
    let signed_in = sessions::sign_in(
        &state,
        &state.throttle,
        ip,
        &email,
        form.password.as_deref().unwrap_or_default(),
        old.as_deref(),
    )
    .await;
    match signed_in {
        Ok(Some(s)) => {
            let to = if s.pending_second_factor {
                format!("/beheer/inloggen/code?terug={}", encode(&back))
            } else {
                back
            };
            with_session(&state, &to, &s.token)
        }
        // One answer for a wrong password, an unknown account and an attempt that must wait.
        Ok(None) => again(StatusCode::UNAUTHORIZED, t(WRONG)),
        Err(AppError::Invalid(_)) => again(
            StatusCode::UNPROCESSABLE_ENTITY,
            t("login-enter-your-e-mail-address-and-your"),
        ),
        Err(e) => super::failed(&state, lang, "/beheer/inloggen", "sign-in", e),
    }
}

/// The one answer to a wrong password, an unknown address and an attempt that has to wait.
const WRONG: &str = "login-wrong-password";

#[derive(Template)]
#[template(path = "beheer/code.html")]
struct CodePage {
    f: Frame,
    back: String,
    error: Option<String>,
    /// The field the error is about: `code` or `recovery_code`.
    error_field: &'static str,
}

/// The pending session of someone who gave the right password and owes the code, with its
/// token.
async fn pending(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<(String, klacht_store::Session)>, AppError> {
    let Some(token) = session::token(headers, &state.settings) else {
        return Ok(None);
    };
    Ok(sessions::pending(state, &token).await?.map(|s| (token, s)))
}

fn code_page(lang: Lang, status: StatusCode, back: String, error: Option<String>) -> Response {
    code_page_on(lang, status, back, error, "code")
}

fn code_page_on(
    lang: Lang,
    status: StatusCode,
    back: String,
    error: Option<String>,
    error_field: &'static str,
) -> Response {
    let f = Frame::bare(lang, "code-sign-in-code")
        .at("/beheer/inloggen/code")
        .with_errors(error.is_some());
    crate::http::pages::html(
        status,
        &CodePage {
            f,
            back,
            error,
            error_field,
        },
    )
}

/// `GET /beheer/inloggen/code`.
pub async fn code_form(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    headers: HeaderMap,
    Query(q): Query<LoginQuery>,
) -> Response {
    match pending(&state, &headers).await {
        Ok(Some(_)) => code_page(lang, StatusCode::OK, safe_back(q.terug.as_deref()), None),
        Ok(None) => Redirect::to("/beheer/inloggen?verlopen=1").into_response(),
        Err(e) => super::failed(
            &state,
            lang,
            "/beheer/inloggen/code",
            "reading the session",
            e,
        ),
    }
}

/// The code form as posted.
#[derive(Debug, Default, Deserialize)]
pub struct CodeForm {
    code: Option<String>,
    /// Instead of `code`: one of the person's recovery codes.
    recovery_code: Option<String>,
    terug: Option<String>,
}

/// `POST /beheer/inloggen/code`. The pending session's token was set by the password step in
/// this browser, which is what ties the code to it (no CSRF token needed: a forged post gains
/// nothing without the code).
pub async fn code_submit(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    ClientAddr(ip): ClientAddr,
    headers: HeaderMap,
    HtmlForm(form): HtmlForm<CodeForm>,
) -> Response {
    let back = safe_back(form.terug.as_deref().map(str::trim));
    let (token, s) = match pending(&state, &headers).await {
        Ok(Some(x)) => x,
        Ok(None) => return Redirect::to("/beheer/inloggen?verlopen=1").into_response(),
        Err(e) => {
            return super::failed(
                &state,
                lang,
                "/beheer/inloggen/code",
                "reading the session",
                e,
            );
        }
    };
    // A recovery code (its own form on the page) instead of the app's code.
    let recovery = form.recovery_code.as_deref().filter(|c| {
        !c.trim().is_empty() && form.code.as_deref().is_none_or(|c| c.trim().is_empty())
    });
    let field = if recovery.is_some() {
        "recovery_code"
    } else {
        "code"
    };
    let wrong = |status, key: &'static str| {
        code_page_on(
            lang,
            status,
            back.clone(),
            Some(tr(lang, key).to_owned()),
            field,
        )
    };
    if state.logins.check_key(&ip).is_err() {
        return wrong(
            StatusCode::TOO_MANY_REQUESTS,
            "login-too-many-attempts-from-this-address-wait",
        );
    }
    let outcome = match recovery {
        Some(code) => sessions::recovery_code(&state, &state.throttle, ip, &token, &s, code).await,
        None => {
            let code = form.code.as_deref().unwrap_or_default();
            sessions::second_factor(&state, &state.throttle, ip, &token, &s, code).await
        }
    };
    match outcome {
        Ok(CodeOutcome::SignedIn(new)) => with_session(&state, &back, &new.token),
        // To the account page, which says how many codes are left and how to set up the second
        // factor again.
        Ok(CodeOutcome::RecoveryCodeUsed { signed_in, .. }) => with_session(
            &state,
            "/beheer/account?klaar=herstelcode",
            &signed_in.token,
        ),
        Ok(CodeOutcome::Wait(wait)) => code_page_on(
            lang,
            StatusCode::TOO_MANY_REQUESTS,
            back.clone(),
            Some(tr_args(
                lang,
                "login-too-many-wrong-codes-wait-secs-seconds",
                &[("secs", &wait.as_secs().max(1).to_string())],
            )),
            field,
        ),
        Ok(CodeOutcome::Wrong) if recovery.is_some() => wrong(
            StatusCode::UNAUTHORIZED,
            "login-this-recovery-code-is-not-right-or-was-used",
        ),
        Ok(CodeOutcome::Wrong) => wrong(
            StatusCode::UNAUTHORIZED,
            "login-this-code-is-not-right-or-was-used",
        ),
        Ok(CodeOutcome::Unreadable) => wrong(
            StatusCode::INTERNAL_SERVER_ERROR,
            "login-your-second-factor-cannot-be-checked-the",
        ),
        Ok(CodeOutcome::NotEnrolled) => Redirect::to("/beheer/inloggen").into_response(),
        Err(e) => super::failed(&state, lang, "/beheer/inloggen/code", "checking a code", e),
    }
}

/// The sign-out button's form.
#[derive(Debug, Default, Deserialize)]
pub struct SignOutForm {
    csrf: Option<String>,
}

/// `POST /beheer/uitloggen`.
pub async fn logout(
    State(state): State<AppState>,
    desk: Result<super::Desk, super::NoDesk>,
    headers: HeaderMap,
    HtmlForm(form): HtmlForm<SignOutForm>,
) -> Response {
    if let Ok(desk) = &desk
        && let Err(r) = desk.check(form.csrf.as_deref().unwrap_or_default().trim())
    {
        return r;
    }
    if let Some(token) = session::token(&headers, &state.settings) {
        sessions::end(&state, &token).await;
    }
    let mut r = Redirect::to("/beheer/inloggen?uitgelogd=1").into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, session::clear(&state.settings));
    r
}

// --- One-time links ---------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "beheer/set_password.html")]
struct SetPasswordPage {
    f: Frame,
    action: String,
    errors: Vec<(&'static str, String)>,
}

pub(super) fn dead_link(lang: Lang) -> Response {
    message(
        &Frame::bare(lang, "login-link-no-longer-works"),
        StatusCode::GONE,
        Msg {
            key: "login-this-link-was-used-already-has-expired",
        },
    )
}

fn set_password_page(lang: Lang, token: &str, errors: Vec<(&'static str, String)>) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let f = Frame::bare(lang, "set-password-set-your-password").with_errors(!errors.is_empty());
    crate::http::pages::html(
        status,
        &SetPasswordPage {
            f,
            action: format!("/beheer/wachtwoord/{token}"),
            errors,
        },
    )
}

/// The message of a password field's problem, in the page's language.
pub(super) fn password_message(p: &FieldProblem, lang: Lang) -> String {
    match p.problem {
        Problem::NotTheSame => tr(lang, "login-the-two-passwords-are-not-the-same").to_owned(),
        _ => p.said_here(lang),
    }
}

/// The field problems of a new password (`password`, `password_again`), for the page.
pub(super) fn password_errors(
    problems: &[FieldProblem],
    lang: Lang,
) -> Vec<(&'static str, String)> {
    problems
        .iter()
        .filter_map(|p| match p.field.as_str() {
            "password" => Some(("password", password_message(p, lang))),
            "password_again" => Some(("password_again", password_message(p, lang))),
            _ => None,
        })
        .collect()
}

/// A name field's problem as the pages say it: a character it may not hold, or else "enter …"
/// (`missing`).
pub(super) fn name_message(p: &FieldProblem, lang: Lang, missing: &'static str) -> String {
    match p.problem {
        Problem::Text(t) => match lang {
            Lang::Nl => format!("Dit veld {}.", t.message_nl()),
            Lang::En => format!("This field {}.", t.message_en()),
        },
        _ => tr(lang, missing).to_owned(),
    }
}

/// `GET /beheer/wachtwoord/{token}`.
pub async fn password_form(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(token): Path<String>,
) -> Response {
    match links::password_link_works(&state, &token).await {
        Ok(true) => set_password_page(lang, &token, Vec::new()),
        Ok(false) => dead_link(lang),
        Err(e) => super::failed(
            &state,
            lang,
            "/beheer/wachtwoord",
            "reading a password link",
            e,
        ),
    }
}

/// A new password as posted (the password link's page; one's account page adds the current
/// one).
#[derive(Debug, Default, Deserialize)]
pub struct PasswordForm {
    password: Option<String>,
    password_again: Option<String>,
}

impl PasswordForm {
    fn new_password(self) -> NewPassword {
        NewPassword {
            password: self.password.unwrap_or_default(),
            again: self.password_again.unwrap_or_default(),
        }
    }
}

/// `POST /beheer/wachtwoord/{token}`: sets the password; the person then signs in.
pub async fn password_submit(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(token): Path<String>,
    HtmlForm(form): HtmlForm<PasswordForm>,
) -> Response {
    match links::set_password(&state, &token, &form.new_password()).await {
        Ok(email) => Redirect::to(&format!(
            "/beheer/inloggen?terug=/beheer&email={}",
            encode(&email)
        ))
        .into_response(),
        Err(AppError::NotFound { .. }) => dead_link(lang),
        Err(AppError::Invalid(problems)) => {
            set_password_page(lang, &token, password_errors(&problems, lang))
        }
        Err(e) => super::failed(&state, lang, "/beheer/wachtwoord", "setting a password", e),
    }
}
