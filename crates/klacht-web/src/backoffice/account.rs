//! One's own account: notifications, language, password, the second factor (TOTP) and the
//! calendar feed.

use super::{Desk, Frame, field, pairs};
use crate::http::auth::{password, totp};
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
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
    let profile = &state.profiles.active().profile;
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
        f: desk.frame("/beheer/meldingen", "Meldingen", "Notifications"),
        csrf: desk.csrf.clone(),
        rows,
        older,
    };
    crate::http::pages::html(StatusCode::OK, &page)
}

/// `POST /beheer/meldingen/gelezen`: marks one (`id`) or all notifications read.
pub async fn notices_read(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let p = pairs(&body);
    if let Err(r) = desk.check(field(&p, "csrf").as_deref().unwrap_or("")) {
        return r;
    }
    let id = field(&p, "id").and_then(|i| i.parse::<i64>().ok());
    match state
        .store
        .mark_notices_read(desk.user.id, id, state.clock.now())
        .await
    {
        Ok(_) => Redirect::to("/beheer/meldingen").into_response(),
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
    let loaded = state.profiles.active();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = AccountPage {
        f: desk
            .frame("/beheer/account", "Mijn account", "My account")
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        email: desk.user.email.clone(),
        roles: role_names(desk),
        language: desk.user.language.code(),
        totp: desk.user.totp,
        totp_required: loaded.profile.roles.needs_second_factor(&desk.user.roles),
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
    let t = |nl: &str, en: &str| desk.lang.pick(nl, en).to_owned();
    let notice = match q.klaar.as_deref() {
        Some("tweede-factor") => Some(t(
            "Tweede factor ingesteld. Voortaan vraagt het inloggen ook om een code uit uw app.",
            "Second factor set up. From now on, signing in also asks for a code from your app.",
        )),
        Some("taal") => Some(t("Taal opgeslagen.", "Language saved.")),
        _ => None,
    };
    account_page(&state, &desk, notice, Vec::new(), None).await
}

/// `POST /beheer/account`: language, or a new password (with the current one).
pub async fn update(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let lang = desk.lang;
    let p = pairs(&body);
    if let Err(r) = desk.check(field(&p, "csrf").as_deref().unwrap_or("")) {
        return r;
    }
    let t = |nl: &str, en: &str| lang.pick(nl, en).to_owned();
    match field(&p, "intent").as_deref() {
        Some("language") => {
            let l = field(&p, "language")
                .and_then(|l| Lang::parse(&l))
                .unwrap_or(Lang::Nl);
            match state.store.set_language(desk.user.id, l).await {
                Ok(()) => Redirect::to("/beheer/account?klaar=taal").into_response(),
                Err(e) => super::failed(&state, lang, "/beheer/account", "saving the language", e),
            }
        }
        Some("password") => {
            let raw = |n: &str| {
                p.iter()
                    .find(|(k, _)| k == n)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            let current = raw("current_password");
            let ok = password::verify_off_thread(desk.user.password_hash.clone(), current).await;
            let mut errors = Vec::new();
            if !ok {
                errors.push((
                    "current_password",
                    t(
                        "Uw huidige wachtwoord klopt niet.",
                        "Your current password is not right.",
                    ),
                ));
            }
            let new = super::login::check_password(
                lang,
                &p,
                &desk.user.email,
                &desk.user.name,
                &mut errors,
            );
            let Some(new) = new.filter(|_| errors.is_empty()) else {
                return account_page(&state, &desk, None, errors, None).await;
            };
            let hash = match password::hash_off_thread(new).await {
                Ok(h) => h,
                Err(e) => {
                    return super::failed(&state, lang, "/beheer/account", "hashing a password", e);
                }
            };
            // Every session ends, this one too: sign in again with the new password.
            match state
                .store
                .set_password(desk.user.id, &hash, state.clock.now())
                .await
            {
                Ok(()) => Redirect::to("/beheer/inloggen?terug=/beheer/account").into_response(),
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
    let loaded = state.profiles.active();
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
            .frame(
                "/beheer/account/tweede-factor",
                "Tweede factor",
                "Second factor",
            )
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

/// `POST /beheer/account/tweede-factor`: enrol (the secret with a code made from it) or, where
/// the profile does not require one, remove the second factor.
pub async fn totp_submit(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let lang = desk.lang;
    let p = pairs(&body);
    if let Err(r) = desk.check(field(&p, "csrf").as_deref().unwrap_or("")) {
        return r;
    }
    let loaded = state.profiles.active();
    if field(&p, "intent").as_deref() == Some("remove") {
        if loaded.profile.roles.needs_second_factor(&desk.user.roles) {
            return Redirect::to("/beheer/account").into_response();
        }
        return match state
            .store
            .clear_totp(
                desk.user.id,
                klacht_store::Actor::User(desk.user.id),
                state.clock.now(),
            )
            .await
        {
            Ok(()) => Redirect::to("/beheer/account").into_response(),
            Err(e) => super::failed(
                &state,
                lang,
                "/beheer/account",
                "removing the second factor",
                e,
            ),
        };
    }
    let secret: String = field(&p, "secret")
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_uppercase();
    let code = field(&p, "code").unwrap_or_default();
    let now = state.clock.now();
    let Some(step) = (secret.len() >= 16)
        .then(|| totp::check(&secret, &code, now))
        .flatten()
    else {
        let error = match lang {
            Lang::Nl => {
                "Deze code klopt niet. Scan de QR-code (of typ de sleutel) in uw authenticator-app en typ de zes cijfers die de app nu toont."
            }
            Lang::En => {
                "This code is not right. Scan the QR code (or type the key) into your authenticator app and type the six digits it shows now."
            }
        };
        let secret = if secret.len() >= 16 {
            secret
        } else {
            totp::new_secret()
        };
        return totp_page(&state, &desk, secret, Some(error.to_owned()));
    };
    let stored = async {
        state
            .store
            .enrol_totp(desk.user.id, &secret, &state.secret_key, now)
            .await?;
        state.store.use_totp_step(desk.user.id, step).await
    };
    match stored.await {
        Ok(_) => {
            tracing::info!(user = desk.user.id.0, "second factor enrolled");
            Redirect::to("/beheer/account?klaar=tweede-factor").into_response()
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

// --- Calendar feed ------------------------------------------------------------------------------

/// `POST /beheer/account/agenda`: a new secret feed address (the old one stops), or none.
pub async fn calendar(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let lang = desk.lang;
    let p = pairs(&body);
    if let Err(r) = desk.check(field(&p, "csrf").as_deref().unwrap_or("")) {
        return r;
    }
    if field(&p, "intent").as_deref() == Some("stop") {
        return match state.store.revoke_calendar_token(desk.user.id).await {
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
    match state.store.new_calendar_token(desk.user.id).await {
        Ok(token) => {
            let url = state.settings.url(&crate::http::links::feed_path(&token));
            account_page(&state, &desk, None, Vec::new(), Some(url)).await
        }
        Err(e) => super::failed(&state, lang, "/beheer/account", "making a calendar feed", e),
    }
}
