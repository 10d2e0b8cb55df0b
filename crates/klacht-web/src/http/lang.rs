//! Which language a page is shown in: `?lang=` first, then the `klacht_lang` cookie, then the
//! browser's `Accept-Language`; Dutch when nothing says otherwise.

use axum::extract::{FromRequestParts, Request};
use axum::http::header::{ACCEPT_LANGUAGE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use klacht_core::Lang;
use std::convert::Infallible;

/// The cookie that remembers a visitor's choice of language.
pub const COOKIE_NAME: &str = "klacht_lang";

/// The language of the page being requested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(PageLang(choose(parts.uri.query(), &parts.headers)))
    }
}

/// The language for a request with this query string and these headers.
pub fn choose(query: Option<&str>, headers: &HeaderMap) -> Lang {
    from_query(query)
        .or_else(|| from_cookie(headers))
        .or_else(|| from_accept_language(headers))
        .unwrap_or_default()
}

fn parse(code: &str) -> Option<Lang> {
    Lang::parse(&code.trim().to_ascii_lowercase())
}

/// `lang=nl|en` in the query string.
pub fn from_query(query: Option<&str>) -> Option<Lang> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| parse(v))
}

fn from_cookie(headers: &HeaderMap) -> Option<Lang> {
    crate::http::auth::session::read(headers, COOKIE_NAME).and_then(|v| parse(&v))
}

/// The most preferred of Dutch and English in `Accept-Language` (q-values respected; a
/// language with `q=0` is refused, not chosen).
fn from_accept_language(headers: &HeaderMap) -> Option<Lang> {
    let mut best: Option<(u16, Lang)> = None;
    for value in headers.get_all(ACCEPT_LANGUAGE) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("");
            let Some(lang) = parse(primary) else { continue };
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .map(quality)
                .next()
                .unwrap_or(1000);
            // The first of equal preference wins, as the browser listed it first.
            if q > 0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, lang));
            }
        }
    }
    best.map(|(_, lang)| lang)
}

/// A q-value in thousandths; an unreadable one counts as 0 (not acceptable).
fn quality(q: &str) -> u16 {
    let q = q.trim();
    let (int, frac) = q.split_once('.').unwrap_or((q, ""));
    let whole: u16 = match int {
        "0" => 0,
        "1" => 1000,
        _ => return 0,
    };
    let digits: String = frac.chars().take(3).collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return 0;
    }
    let thousandths = format!("{digits:0<3}").parse::<u16>().unwrap_or(0);
    (whole + thousandths).min(1000)
}

/// The `Set-Cookie` header value that remembers `lang` for a year.
pub fn cookie(lang: Lang) -> HeaderValue {
    HeaderValue::from_static(match lang {
        Lang::Nl => "klacht_lang=nl; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        Lang::En => "klacht_lang=en; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
    })
}

/// Middleware: when the visitor chose a language with `?lang=`, remember it in a cookie.
pub async fn remember(request: Request, next: Next) -> Response {
    let chosen = from_query(request.uri().query());
    let mut response = next.run(request).await;
    if let Some(lang) = chosen {
        response.headers_mut().append(SET_COOKIE, cookie(lang));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn query_beats_cookie_beats_accept_language() {
        let h = headers(&[("cookie", "a=b; klacht_lang=en"), ("accept-language", "nl")]);
        assert_eq!(choose(Some("x=1&lang=nl"), &h), Lang::Nl);
        assert_eq!(choose(None, &h), Lang::En);
        assert_eq!(choose(Some("lang=fr"), &h), Lang::En);
        assert_eq!(
            choose(None, &headers(&[("accept-language", "nl")])),
            Lang::Nl
        );
        assert_eq!(choose(None, &HeaderMap::new()), Lang::Nl);
    }

    #[test]
    fn accept_language_respects_q_values() {
        let pick = |v: &'static str| choose(None, &headers(&[("accept-language", v)]));
        assert_eq!(pick("en-GB,en;q=0.9"), Lang::En);
        assert_eq!(pick("de-DE, en;q=0.5, nl;q=0.8"), Lang::Nl);
        assert_eq!(pick("nl;q=0.2, en-US;q=0.7"), Lang::En);
        assert_eq!(pick("en;q=0, fr"), Lang::Nl);
        assert_eq!(pick("fr, de"), Lang::Nl);
        assert_eq!(pick("en, nl"), Lang::En);
        assert_eq!(pick("nl-BE;q=1.0, en;q=1"), Lang::Nl);
        assert_eq!(pick("en;q=garbage, nl;q=0.1"), Lang::Nl);
    }
}
