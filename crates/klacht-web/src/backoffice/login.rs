//! Signing in and out, the second factor, the first coordinator's setup link and the links with
//! which people set their password.
//!
//! Failed sign-ins are throttled per account and address, per address and per account
//! ([`crate::http::auth::throttle`]); nothing locks an account. A wrong e-mail address, a wrong password
//! and an attempt that must wait get the same answer in the same time, so the answer tells
//! nobody whether an account exists. A new session gets a new token after the password and again
//! after the code, so a token seen before signing in is worth nothing after.

use super::{Frame, Msg, encode, field, message, pairs};
use crate::http::auth::{password, session, totp};
use crate::http::client::ClientAddr;
use crate::http::lang::PageLang;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::HashMapStateStore;
use governor::{Quota, RateLimiter};
use klacht_core::{Lang, Role};
use klacht_store::{LinkPurpose, NewUser, StoreError};
use serde::Deserialize;
use std::collections::BTreeSet;
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
    let f = Frame::bare(lang, "Inloggen", "Sign in")
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
    let t = |nl: &str, en: &str| lang.pick(nl, en).to_owned();
    let notice = if q.verlopen.is_some() {
        Some(t(
            "Uw sessie is verlopen. Log opnieuw in. Wat u net wilde opslaan, is niet opgeslagen.",
            "Your session has expired. Please sign in again. What you were about to save has not been saved.",
        ))
    } else if q.uitgelogd.is_some() {
        Some(t("U bent uitgelogd.", "You have signed out."))
    } else {
        None
    };
    let notice = notice.or_else(|| {
        q.email.is_some().then(|| {
            t(
                "Uw wachtwoord is ingesteld. Log nu in.",
                "Your password has been set. Sign in now.",
            )
        })
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

fn with_session(state: &AppState, to: &str, token: &str) -> Response {
    let mut r = Redirect::to(to).into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, session::set(&state.settings, token));
    r
}

/// `POST /beheer/inloggen`.
pub async fn submit(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    ClientAddr(ip): ClientAddr,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let p = pairs(&body);
    let email = field(&p, "email").unwrap_or_default();
    let back = safe_back(field(&p, "terug").as_deref());
    let t = |nl: &str, en: &str| lang.pick(nl, en).to_owned();
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
    if !login_form_genuine(&state, &headers, field(&p, "csrf").as_deref()) {
        return again(
            StatusCode::FORBIDDEN,
            t(
                "Het inlogformulier was verlopen. Probeer het opnieuw.",
                "The sign-in form had expired. Please try again.",
            ),
        );
    }
    if let Err(wait) = state.logins.check_key(&ip) {
        let secs = wait
            .wait_time_from(DefaultClock::default().now())
            .as_secs()
            .max(1);
        return again(
            StatusCode::TOO_MANY_REQUESTS,
            match lang {
                Lang::Nl => format!(
                    "Te veel inlogpogingen vanaf dit adres. Wacht {secs} seconden en probeer het opnieuw."
                ),
                Lang::En => format!(
                    "Too many sign-in attempts from this address. Wait {secs} seconds and try again."
                ),
            },
        );
    }
    let pw = p
        .iter()
        .find(|(k, _)| k == "password")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    if email.is_empty() || pw.is_empty() {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            t(
                "Vul uw e-mailadres en uw wachtwoord in.",
                "Enter your e-mail address and your password.",
            ),
        );
    }
    let now = state.clock.now();
    // One answer for a wrong password, an unknown account and an attempt that must wait.
    let wrong = t(WRONG_NL, WRONG_EN);
    if state.throttle.check(&email, ip, now).is_err() {
        // Not checked and not counted; as slow as a check, so the time tells nothing either.
        password::verify_off_thread(None, pw.to_owned()).await;
        return again(StatusCode::UNAUTHORIZED, wrong);
    }
    let user = match state.store.user_by_email(&email).await {
        Ok(u) => u.filter(|u| u.active),
        Err(e) => return super::failed(&state, lang, "/beheer/inloggen", "sign-in", e),
    };
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = password::verify_off_thread(stored, pw.to_owned()).await;
    let Some(user) = user.filter(|_| ok) else {
        state.throttle.failed(&email, ip, now);
        tracing::info!(%ip, "failed sign-in");
        return again(StatusCode::UNAUTHORIZED, wrong);
    };
    state.throttle.succeeded(&email, ip);
    // A session from before signing in is ended: a fresh token now.
    if let Some(old) = session::token(&headers, &state.settings) {
        let _ = state.store.end_session(&old).await;
    }
    let pending = user.totp;
    match state
        .store
        .create_session(user.id, pending, state.settings.session, now)
        .await
    {
        Ok(s) => {
            tracing::info!(user = user.id.0, second_factor = pending, "signed in");
            let to = if pending {
                format!("/beheer/inloggen/code?terug={}", encode(&back))
            } else {
                back
            };
            with_session(&state, &to, &s.token)
        }
        Err(e) => super::failed(&state, lang, "/beheer/inloggen", "starting a session", e),
    }
}

/// The answer to a sign-in that did not succeed, whatever the reason.
const WRONG_NL: &str = "Dit e-mailadres en wachtwoord horen niet bij elkaar, of er is hier te vaak een verkeerd wachtwoord geprobeerd: wacht dan even en probeer het opnieuw.";
const WRONG_EN: &str = "This e-mail address and password do not match, or a wrong password was tried here too often: then wait a little and try again.";

#[derive(Template)]
#[template(path = "beheer/code.html")]
struct CodePage {
    f: Frame,
    back: String,
    error: Option<String>,
}

/// The pending session of someone who gave the right password and owes the code.
async fn pending(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<(String, klacht_store::Session)>, StoreError> {
    let Some(token) = session::token(headers, &state.settings) else {
        return Ok(None);
    };
    let s = state
        .store
        .session(&token, state.settings.session, state.clock.now())
        .await?;
    Ok(s.filter(|s| s.pending_totp).map(|s| (token, s)))
}

fn code_page(lang: Lang, status: StatusCode, back: String, error: Option<String>) -> Response {
    let f = Frame::bare(lang, "Inlogcode", "Sign-in code")
        .at("/beheer/inloggen/code")
        .with_errors(error.is_some());
    crate::http::pages::html(status, &CodePage { f, back, error })
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

/// `POST /beheer/inloggen/code`. The pending session's token was set by the password step in
/// this browser, which is what ties the code to it (no CSRF token needed: a forged post gains
/// nothing without the code).
pub async fn code_submit(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    ClientAddr(ip): ClientAddr,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let p = pairs(&body);
    let back = safe_back(field(&p, "terug").as_deref());
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
    let wrong = |status, nl: &str, en: &str| {
        code_page(
            lang,
            status,
            back.clone(),
            Some(lang.pick(nl, en).to_owned()),
        )
    };
    if state.logins.check_key(&ip).is_err() {
        return wrong(
            StatusCode::TOO_MANY_REQUESTS,
            "Te veel pogingen vanaf dit adres. Wacht een minuut en probeer het opnieuw.",
            "Too many attempts from this address. Wait a minute and try again.",
        );
    }
    let now = state.clock.now();
    if let Err(wait) = state.throttle.check(&s.user.email, ip, now) {
        let secs = wait.as_secs().max(1);
        return code_page(
            lang,
            StatusCode::TOO_MANY_REQUESTS,
            back.clone(),
            Some(match lang {
                Lang::Nl => format!(
                    "Te veel verkeerde codes. Wacht {secs} seconden en typ dan de code die uw app op dat moment toont."
                ),
                Lang::En => format!(
                    "Too many wrong codes. Wait {secs} seconds, then type the code your app shows at that moment."
                ),
            }),
        );
    }
    let secret = match state.store.totp_secret(s.user.id, &state.secret_key).await {
        Ok(Some(Ok(secret))) => secret,
        Ok(Some(Err(unreadable))) => {
            tracing::error!(
                user = s.user.id.0,
                error = %unreadable,
                "the second factor cannot be checked: reset it (klacht user reset-second-factor)"
            );
            return wrong(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Uw tweede factor kan niet worden gecontroleerd: de sleutel van de server past er niet bij. Vraag de beheerder uw tweede factor te wissen; daarna stelt u een nieuwe in.",
                "Your second factor cannot be checked: the server's key does not fit it. Ask the administrator to clear your second factor; then you set up a new one.",
            );
        }
        Ok(None) => return Redirect::to("/beheer/inloggen").into_response(),
        Err(e) => {
            return super::failed(
                &state,
                lang,
                "/beheer/inloggen/code",
                "reading the second factor",
                e,
            );
        }
    };
    let code = field(&p, "code").unwrap_or_default();
    let step = totp::check(&secret, &code, now);
    let fresh = match step {
        Some(step) => state
            .store
            .use_totp_step(s.user.id, step)
            .await
            .unwrap_or(false),
        None => false,
    };
    if !fresh {
        state.throttle.failed(&s.user.email, ip, now);
        return wrong(
            StatusCode::UNAUTHORIZED,
            "Deze code klopt niet (of is al gebruikt). Typ de zes cijfers die uw authenticator-app nu toont.",
            "This code is not right (or was used already). Type the six digits your authenticator app shows now.",
        );
    }
    state.throttle.succeeded(&s.user.email, ip);
    let _ = state.store.end_session(&token).await;
    match state
        .store
        .create_session(s.user.id, false, state.settings.session, now)
        .await
    {
        Ok(new) => with_session(&state, &back, &new.token),
        Err(e) => super::failed(
            &state,
            lang,
            "/beheer/inloggen/code",
            "starting a session",
            e,
        ),
    }
}

/// `POST /beheer/uitloggen`.
pub async fn logout(
    State(state): State<AppState>,
    desk: Result<super::Desk, super::NoDesk>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if let Ok(desk) = &desk {
        let p = pairs(&body);
        if let Err(r) = desk.check(field(&p, "csrf").as_deref().unwrap_or("")) {
            return r;
        }
    }
    if let Some(token) = session::token(&headers, &state.settings) {
        let _ = state.store.end_session(&token).await;
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
    /// Setup: also name and e-mail.
    setup: bool,
    action: String,
    name: String,
    email: String,
    errors: Vec<(&'static str, String)>,
}

fn dead_link(lang: Lang) -> Response {
    message(
        &Frame::bare(lang, "Link werkt niet meer", "Link no longer works"),
        StatusCode::GONE,
        Msg {
            nl: "Deze link is al gebruikt, verlopen of vervangen door een nieuwere. Vraag de beheerder om een nieuwe link. (De eerste link bij installatie drukt `klacht serve` opnieuw af zolang er geen gebruikers zijn.)",
            en: "This link was used already, has expired, or was replaced by a newer one. Ask the administrator for a new link. (The first link at installation is printed again by `klacht serve` as long as there are no users.)",
        },
    )
}

async fn link_ok(state: &AppState, token: &str, purpose: LinkPurpose) -> Result<bool, StoreError> {
    if token.len() != 64 {
        return Ok(false);
    }
    let now = state.clock.now();
    Ok(match state.store.account_link(token, now).await? {
        Some(l) if l.purpose == purpose => {
            purpose != LinkPurpose::Setup || !state.store.has_users().await?
        }
        _ => false,
    })
}

fn set_password_page(
    lang: Lang,
    setup: bool,
    token: &str,
    name: String,
    email: String,
    errors: Vec<(&'static str, String)>,
) -> Response {
    let (nl, en, path) = if setup {
        ("De eerste coördinator", "The first coordinator", "setup")
    } else {
        ("Wachtwoord instellen", "Set your password", "wachtwoord")
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let f = Frame::bare(lang, nl, en).with_errors(!errors.is_empty());
    crate::http::pages::html(
        status,
        &SetPasswordPage {
            f,
            setup,
            action: format!("/beheer/{path}/{token}"),
            name,
            email,
            errors,
        },
    )
}

/// `GET /beheer/setup/{token}`.
pub async fn setup_form(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(token): Path<String>,
) -> Response {
    match link_ok(&state, &token, LinkPurpose::Setup).await {
        Ok(true) => set_password_page(lang, true, &token, String::new(), String::new(), Vec::new()),
        Ok(false) => dead_link(lang),
        Err(e) => super::failed(&state, lang, "/beheer/setup", "reading a setup link", e),
    }
}

/// Checks the new password fields (`password`, `password_again`); errors by field.
pub(super) fn check_password(
    lang: Lang,
    p: &[(String, String)],
    email: &str,
    name: &str,
    errors: &mut Vec<(&'static str, String)>,
) -> Option<String> {
    let raw = |n: &str| {
        p.iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let pw = raw("password");
    let again = raw("password_again");
    if let Some((nl, en)) = password::weakness(&pw, email, name) {
        errors.push(("password", lang.pick(nl, en).to_owned()));
        return None;
    }
    if pw != again {
        errors.push((
            "password_again",
            lang.pick(
                "De twee wachtwoorden zijn niet gelijk.",
                "The two passwords are not the same.",
            )
            .to_owned(),
        ));
        return None;
    }
    Some(pw)
}

/// `POST /beheer/setup/{token}`: creates the first coordinator (who also administers accounts)
/// and signs them in.
pub async fn setup_submit(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(token): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    match link_ok(&state, &token, LinkPurpose::Setup).await {
        Ok(true) => {}
        Ok(false) => return dead_link(lang),
        Err(e) => return super::failed(&state, lang, "/beheer/setup", "reading a setup link", e),
    }
    let p = pairs(&body);
    let name = field(&p, "name").unwrap_or_default();
    let email = field(&p, "email").unwrap_or_default();
    let mut errors = Vec::new();
    let t = |nl: &str, en: &str| lang.pick(nl, en).to_owned();
    if name.is_empty() || name.chars().count() > 200 {
        errors.push(("name", t("Vul uw naam in.", "Enter your name.")));
    } else if let Some(problem) = crate::http::body::line_problem(&name, lang) {
        errors.push(("name", problem));
    }
    if !crate::http::body::looks_like_email(&email) {
        errors.push((
            "email",
            t(
                "Vul een e-mailadres in zoals naam@voorbeeld.nl.",
                "Enter an e-mail address like name@example.org.",
            ),
        ));
    }
    let pw = check_password(lang, &p, &email, &name, &mut errors);
    let Some(pw) = pw.filter(|_| errors.is_empty()) else {
        return set_password_page(lang, true, &token, name, email, errors);
    };
    let hash = match password::hash_off_thread(pw).await {
        Ok(h) => h,
        Err(e) => return super::failed(&state, lang, "/beheer/setup", "hashing a password", e),
    };
    let now = state.clock.now();
    let new = NewUser {
        email,
        name,
        roles: BTreeSet::from([Role::Coordinator, Role::Admin]),
        password_hash: Some(hash),
    };
    let id = match state.store.use_setup_link(&token, &new, now).await {
        Ok(id) => id,
        Err(StoreError::NotFound(_)) => return dead_link(lang),
        Err(e) => {
            return super::failed(&state, lang, "/beheer/setup", "creating the first user", e);
        }
    };
    tracing::info!(
        user = id.0,
        "first coordinator created through the setup link"
    );
    match state
        .store
        .create_session(id, false, state.settings.session, now)
        .await
    {
        Ok(s) => with_session(&state, "/beheer", &s.token),
        Err(e) => super::failed(&state, lang, "/beheer/setup", "starting a session", e),
    }
}

/// `GET /beheer/wachtwoord/{token}`.
pub async fn password_form(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(token): Path<String>,
) -> Response {
    match link_ok(&state, &token, LinkPurpose::Password).await {
        Ok(true) => set_password_page(
            lang,
            false,
            &token,
            String::new(),
            String::new(),
            Vec::new(),
        ),
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

/// `POST /beheer/wachtwoord/{token}`: sets the password; the person then signs in.
pub async fn password_submit(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(token): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let now = state.clock.now();
    let link = match state.store.account_link(&token, now).await {
        Ok(Some(l)) if l.purpose == LinkPurpose::Password => l,
        Ok(_) => return dead_link(lang),
        Err(e) => {
            return super::failed(
                &state,
                lang,
                "/beheer/wachtwoord",
                "reading a password link",
                e,
            );
        }
    };
    let (email, name) = match link.user {
        Some(u) => match state.store.user(u).await {
            Ok(Some(u)) => (u.email, u.name),
            Ok(None) => return dead_link(lang),
            Err(e) => {
                return super::failed(&state, lang, "/beheer/wachtwoord", "reading a user", e);
            }
        },
        None => return dead_link(lang),
    };
    let p = pairs(&body);
    let mut errors = Vec::new();
    let Some(pw) = check_password(lang, &p, &email, &name, &mut errors) else {
        return set_password_page(lang, false, &token, String::new(), String::new(), errors);
    };
    let hash = match password::hash_off_thread(pw).await {
        Ok(h) => h,
        Err(e) => {
            return super::failed(&state, lang, "/beheer/wachtwoord", "hashing a password", e);
        }
    };
    match state.store.use_password_link(&token, &hash, now).await {
        Ok(_) => Redirect::to(&format!(
            "/beheer/inloggen?terug=/beheer&email={}",
            encode(&email)
        ))
        .into_response(),
        Err(StoreError::NotFound(_)) => dead_link(lang),
        Err(e) => super::failed(&state, lang, "/beheer/wachtwoord", "setting a password", e),
    }
}
