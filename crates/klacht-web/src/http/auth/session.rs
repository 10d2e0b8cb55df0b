//! The back-office session cookie. The cookie holds a random token; the database holds its hash
//! (so several instances share sessions and a copy of the database opens none).
//!
//! The cookie is `HttpOnly` (no script reads it), `SameSite=Lax` (other sites' forms do not send
//! it; links from a notification e-mail still do), and over HTTPS `Secure` with the `__Host-`
//! prefix (only this host, only encrypted). Every form also carries the session's CSRF token.

use crate::http::state::Settings;
use axum::http::header::COOKIE;
use axum::http::{HeaderMap, HeaderValue};

/// Whether this installation is served over HTTPS (its public URL says so).
pub fn secure(settings: &Settings) -> bool {
    settings.public_url.starts_with("https://")
}

/// The session cookie's name.
pub fn cookie_name(settings: &Settings) -> &'static str {
    if secure(settings) {
        "__Host-klacht_session"
    } else {
        "klacht_session"
    }
}

/// The name of the cookie that carries the sign-in form's CSRF token before there is a session.
pub fn login_cookie_name(settings: &Settings) -> &'static str {
    if secure(settings) {
        "__Host-klacht_login"
    } else {
        "klacht_login"
    }
}

fn cookie(settings: &Settings, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure(settings) {
        c.push_str("; Secure");
    }
    // Tokens are hex: always a valid header value.
    HeaderValue::from_str(&c)
        .unwrap_or_else(|_| HeaderValue::from_static("klacht_session=; Max-Age=0"))
}

/// `Set-Cookie` for a new session (a browser-session cookie: it goes when the browser closes;
/// the server ends it sooner when idle).
pub fn set(settings: &Settings, token: &str) -> HeaderValue {
    cookie(settings, cookie_name(settings), token, None)
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear(settings: &Settings) -> HeaderValue {
    cookie(settings, cookie_name(settings), "", Some(0))
}

/// `Set-Cookie` for the sign-in form's token.
pub fn set_login(settings: &Settings, token: &str) -> HeaderValue {
    cookie(settings, login_cookie_name(settings), token, Some(3600))
}

/// The value of cookie `name` in the request.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty() && v.len() <= 128)
        .map(|(_, v)| v.to_owned())
}

/// The session token in the request, if any.
pub fn token(headers: &HeaderMap, settings: &Settings) -> Option<String> {
    read(headers, cookie_name(settings))
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
