//! One's own account: notifications, language, password, the second factor (TOTP) and the
//! calendar feed.

use super::{Desk, Frame};
use crate::http::auth::totp;
use crate::http::i18n::{tr, tr_count};
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use klacht_app::AppError;
use klacht_app::accounts::password::NewPassword;
use klacht_app::accounts::{calendar as feed, own, recovery};
use klacht_core::Lang;
use serde::Deserialize;

// --- Notifications ------------------------------------------------------------------------------

pub struct NoticeRow {
    pub id: i64,
    pub text: String,
    pub href: Option<String>,
    pub at: String,
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "beheer/notices.html")]
struct NoticesPage {
    f: Frame,
    csrf: String,
    rows: Vec<NoticeRow>,
    older: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct NoticesQuery {
    voor: Option<i64>,
}

/// `GET /beheer/meldingen`: my notifications, newest first.
pub async fn notices(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<NoticesQuery>,
) -> Response {
    let lang = desk.lang;
    let list = match state.store.notices(desk.user.id, q.voor, 51).await {
        Ok(l) => l,
        Err(e) => {
            return super::failed(
                &state,
                lang,
                "/beheer/meldingen",
                "reading notifications",
                e,
            );
        }
    };
    let older = (list.len() > 50)
        .then(|| {
            list.get(49)
                .map(|n| format!("/beheer/meldingen?voor={}", n.id))
        })
        .flatten();
    let profile = &state.regulation().profile;
    let rows = list
        .iter()
        .take(50)
        .map(|n| {
            let v = crate::notices::describe(n, lang, profile);
            NoticeRow {
                id: n.id,
                text: v.text,
                href: v.href,
                at: super::when(n.created_at),
                unread: n.read_at.is_none(),
            }
        })
        .collect();
    let page = NoticesPage {
        f: desk.frame("/beheer/meldingen", "desk-notifications"),
        csrf: desk.csrf.clone(),
        rows,
        older,
    };
    crate::http::pages::html(StatusCode::OK, &page)
}

/// The "mark read" buttons' form: one notification (`id`) or, without it, all.
#[derive(Debug, Default, Deserialize)]
pub struct ReadForm {
    id: Option<i64>,
}

/// `POST /beheer/meldingen/gelezen`: marks one (`id`) or all notifications read.
pub async fn notices_read(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let form: ReadForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    match klacht_app::notices::mark_read(&state, &desk.user, form.id).await {
        Ok(()) => Redirect::to("/beheer/meldingen").into_response(),
        Err(e) => super::failed(
            &state,
            desk.lang,
            "/beheer/meldingen",
            "marking notifications read",
            e,
        ),
    }
}

// --- Account ------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "beheer/account.html")]
struct AccountPage {
    f: Frame,
    csrf: String,
    email: String,
    roles: String,
    language: &'static str,
    totp: bool,
    totp_required: bool,
    /// With a second factor: how many unused recovery codes are left, as a sentence.
    recovery_left_text: String,
    calendar: bool,
    /// Shown once, right after it was made.
    calendar_url: Option<String>,
    notice: Option<String>,
    errors: Vec<(&'static str, String)>,
}

fn role_names(desk: &Desk) -> String {
    desk.user
        .roles
        .iter()
        .map(|r| super::users::role_label(*r, desk.lang))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn account_page(
    state: &AppState,
    desk: &Desk,
    notice: Option<String>,
    errors: Vec<(&'static str, String)>,
    calendar_url: Option<String>,
) -> Response {
    let calendar = match state.store.has_calendar(desk.user.id).await {
        Ok(c) => c,
        Err(e) => {
            return super::failed(
                state,
                desk.lang,
                "/beheer/account",
                "reading the account",
                e,
            );
        }
    };
    let recovery_left = if desk.user.totp {
        match recovery::left(state, &desk.user).await {
            Ok(n) => n,
            Err(e) => {
                return super::failed(
                    state,
                    desk.lang,
                    "/beheer/account",
                    "counting recovery codes",
                    e,
                );
            }
        }
    } else {
        0
    };
    let loaded = state.regulation();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = AccountPage {
        f: desk
            .frame("/beheer/account", "desk-my-account")
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        email: desk.user.email.clone(),
        roles: role_names(desk),
        language: desk.user.language.code(),
        totp: desk.user.totp,
        totp_required: loaded.profile.roles.needs_second_factor(&desk.user.roles),
        recovery_left_text: tr_count(
            desk.lang,
            "account-recovery-codes-left",
            "count",
            i64::try_from(recovery_left).unwrap_or(i64::MAX),
        ),
        calendar,
        calendar_url,
        notice,
        errors,
    };
    crate::http::pages::html(status, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct AccountQuery {
    klaar: Option<String>,
}

/// `GET /beheer/account`.
pub async fn show(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<AccountQuery>,
) -> Response {
    let t = |key: &'static str| tr(desk.lang, key).to_owned();
    let notice = match q.klaar.as_deref() {
        Some("tweede-factor") => Some(t("account-second-factor-set-up-from-now-on-signing")),
        Some("taal") => Some(t("account-language-saved")),
        Some("herstelcode") => Some(t("account-you-signed-in-with-a-recovery-code")),
        _ => None,
    };
    account_page(&state, &desk, notice, Vec::new(), None).await
}

/// The account page's forms as posted: `intent` says which.
#[derive(Debug, Default, Deserialize)]
pub struct AccountForm {
    intent: Option<String>,
    language: Option<String>,
    current_password: Option<String>,
    password: Option<String>,
    password_again: Option<String>,
}

/// `POST /beheer/account`: language, or a new password (with the current one).
pub async fn update(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let lang = desk.lang;
    let form: AccountForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    match form.intent.as_deref().map(str::trim) {
        Some("language") => {
            let l = form
                .language
                .as_deref()
                .and_then(|l| Lang::parse(l.trim()))
                .unwrap_or(Lang::Nl);
            match own::set_language(&state, &desk.user, l).await {
                Ok(()) => Redirect::to("/beheer/account?klaar=taal").into_response(),
                Err(e) => super::failed(&state, lang, "/beheer/account", "saving the language", e),
            }
        }
        Some("password") => {
            let change = own::PasswordChange {
                current: form.current_password.unwrap_or_default(),
                new: NewPassword {
                    password: form.password.unwrap_or_default(),
                    again: form.password_again.unwrap_or_default(),
                },
            };
            // Every session ends, this one too: sign in again with the new password.
            match own::change_password(&state, &desk.user, &change).await {
                Ok(()) => Redirect::to("/beheer/inloggen?terug=/beheer/account").into_response(),
                Err(AppError::Invalid(problems)) => {
                    let mut errors = Vec::new();
                    if problems.iter().any(|p| p.field == "current_password") {
                        errors.push((
                            "current_password",
                            tr(lang, "account-your-current-password-is-not-right").to_owned(),
                        ));
                    }
                    errors.extend(super::login::password_errors(&problems, lang));
                    account_page(&state, &desk, None, errors, None).await
                }
                Err(e) => super::failed(&state, lang, "/beheer/account", "saving a password", e),
            }
        }
        _ => Redirect::to("/beheer/account").into_response(),
    }
}

// --- Second factor ------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "beheer/totp.html")]
struct TotpPage {
    f: Frame,
    csrf: String,
    secret: String,
    /// The secret in groups of four, for typing.
    grouped: String,
    qr: Option<klacht_print::qr::Qr>,
    required: bool,
    enrolled: bool,
    error: Option<String>,
}

fn totp_page(state: &AppState, desk: &Desk, secret: String, error: Option<String>) -> Response {
    let loaded = state.regulation();
    let issuer = format!("klacht {}", loaded.profile.organisation.name);
    let url = totp::url(&secret, &issuer, &desk.user.email).unwrap_or_default();
    let grouped = secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let page = TotpPage {
        f: desk
            .frame("/beheer/account/tweede-factor", "account-second-factor")
            .with_errors(error.is_some()),
        csrf: desk.csrf.clone(),
        qr: klacht_print::qr::Qr::new(&url).ok(),
        secret,
        grouped,
        required: loaded.profile.roles.needs_second_factor(&desk.user.roles),
        enrolled: desk.user.totp,
        error,
    };
    crate::http::pages::html(status, &page)
}

/// `GET /beheer/account/tweede-factor`: a new secret to scan. Nothing is stored until a code
/// from it comes back.
pub async fn totp_form(State(state): State<AppState>, desk: Desk) -> Response {
    totp_page(&state, &desk, totp::new_secret(), None)
}

/// The second-factor page's form as posted.
#[derive(Debug, Default, Deserialize)]
pub struct TotpForm {
    intent: Option<String>,
    secret: Option<String>,
    code: Option<String>,
}

/// `POST /beheer/account/tweede-factor`: enrol (the secret with a code made from it) or, where
/// the profile does not require one, remove the second factor.
pub async fn totp_submit(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let lang = desk.lang;
    let form: TotpForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    if form.intent.as_deref().map(str::trim) == Some("remove") {
        return match own::remove_second_factor(&state, &desk.user).await {
            // Refused: the profile requires one of this person; the page offers no removal.
            Ok(()) | Err(AppError::Refused(_)) => Redirect::to("/beheer/account").into_response(),
            Err(e) => super::failed(
                &state,
                lang,
                "/beheer/account",
                "removing the second factor",
                e,
            ),
        };
    }
    let secret = form.secret.unwrap_or_default();
    let code = form.code.unwrap_or_default();
    match own::enrol_second_factor(&state, &desk.user, &secret, &code).await {
        Ok(codes) => recovery_codes_page(&desk, codes, true),
        Err(AppError::Invalid(_)) => {
            let error = match lang {
                Lang::Nl => {
                    "Deze code klopt niet. Scan de QR-code (of typ de sleutel) in uw authenticator-app en typ de zes cijfers die de app nu toont."
                }
                Lang::En => {
                    "This code is not right. Scan the QR code (or type the key) into your authenticator app and type the six digits it shows now."
                }
            };
            // The same secret again, so that what the app has scanned still fits.
            let secret = totp::usable_secret(&secret).unwrap_or_else(totp::new_secret);
            totp_page(&state, &desk, secret, Some(error.to_owned()))
        }
        Err(e) => super::failed(
            &state,
            lang,
            "/beheer/account",
            "saving the second factor",
            e,
        ),
    }
}

// --- Recovery codes -----------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "beheer/recovery_codes.html")]
struct RecoveryCodesPage {
    f: Frame,
    codes: Vec<String>,
    /// Right after setting up the second factor (else: new codes on request).
    enrolled_now: bool,
}

/// The recovery codes just made, shown this once (the answer to the post that made them: the
/// page is not kept, `Cache-Control: no-store`).
fn recovery_codes_page(desk: &Desk, codes: Vec<String>, enrolled_now: bool) -> Response {
    let page = RecoveryCodesPage {
        f: desk.frame(
            "/beheer/account/herstelcodes",
            "recovery-your-recovery-codes",
        ),
        codes,
        enrolled_now,
    };
    crate::http::pages::html(StatusCode::OK, &page)
}

/// `POST /beheer/account/herstelcodes`: new recovery codes (the old ones stop working), shown
/// once.
pub async fn new_recovery_codes(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    if let Err(r) = desk.posted::<NoFields>(&body) {
        return r;
    }
    match own::new_recovery_codes(&state, &desk.user).await {
        Ok(codes) => recovery_codes_page(&desk, codes, false),
        // Without a second factor the page offers no codes.
        Err(AppError::Refused(_)) => Redirect::to("/beheer/account").into_response(),
        Err(e) => super::failed(
            &state,
            desk.lang,
            "/beheer/account",
            "making recovery codes",
            e,
        ),
    }
}

/// A form with nothing but its CSRF token.
#[derive(Debug, Default, Deserialize)]
struct NoFields {}

// --- Calendar feed ------------------------------------------------------------------------------

/// The calendar feed's buttons: a new address, or `intent=stop`.
#[derive(Debug, Default, Deserialize)]
pub struct CalendarForm {
    intent: Option<String>,
}

/// `POST /beheer/account/agenda`: a new secret feed address (the old one stops), or none.
pub async fn calendar(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let lang = desk.lang;
    let form: CalendarForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    if form.intent.as_deref().map(str::trim) == Some("stop") {
        return match feed::stop_feed(&state, &desk.user).await {
            Ok(()) => Redirect::to("/beheer/account").into_response(),
            Err(e) => super::failed(
                &state,
                lang,
                "/beheer/account",
                "stopping the calendar feed",
                e,
            ),
        };
    }
    match feed::new_feed(&state, &desk.user).await {
        Ok(token) => {
            let url = state.settings.url(&crate::http::links::feed_path(&token));
            account_page(&state, &desk, None, Vec::new(), Some(url)).await
        }
        Err(e) => super::failed(&state, lang, "/beheer/account", "making a calendar feed", e),
    }
}
