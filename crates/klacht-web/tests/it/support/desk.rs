//! A browser-like HTTP client for the back office: keeps cookies, does not follow redirects, and
//! reads the CSRF token and the complaint version out of pages. (`#[path]`-included beside
//! `app.rs`.)
#![allow(dead_code, clippy::unwrap_used)]

use super::app::{PASSWORD, TestApp};
use klacht_web::Clock;
use reqwest::StatusCode;
use std::collections::BTreeMap;

pub struct Desk {
    pub base: String,
    http: reqwest::Client,
    cookies: BTreeMap<String, String>,
    /// The client address sent as `X-Forwarded-For` (for an app started with `trust_proxy`).
    from: Option<String>,
}

pub struct Page {
    pub status: StatusCode,
    pub location: Option<String>,
    pub body: String,
}

impl Page {
    /// The value of the first hidden or text input named `name`.
    pub fn input(&self, name: &str) -> Option<String> {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self.body.find(&marker)? + marker.len();
        let end = self.body[start..].find('"')?;
        Some(self.body[start..start + end].to_owned())
    }

    pub fn csrf(&self) -> String {
        self.input("csrf")
            .expect("the page has a form with a CSRF token")
    }
}

impl Desk {
    pub fn new(app: &TestApp) -> Desk {
        Desk {
            base: app.base.clone(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: BTreeMap::new(),
            from: None,
        }
    }

    /// A browser at client address `ip` (the app must trust `X-Forwarded-For`).
    pub fn at_address(app: &TestApp, ip: &str) -> Desk {
        Desk {
            from: Some(ip.to_owned()),
            ..Desk::new(app)
        }
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let r = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header(reqwest::header::COOKIE, self.cookie_header());
        match &self.from {
            Some(ip) => r.header("x-forwarded-for", ip),
            None => r,
        }
    }

    /// The session cookie as a `Cookie` header value (for calling the API with the session).
    pub fn cookie(&self) -> String {
        self.cookie_header()
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn read(&mut self, r: reqwest::Response) -> Page {
        for c in r.headers().get_all(reqwest::header::SET_COOKIE) {
            let c = c.to_str().unwrap();
            let (pair, attrs) = c.split_once(';').unwrap_or((c, ""));
            let (k, v) = pair.split_once('=').unwrap();
            if v.is_empty() || attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), v.to_owned());
            }
        }
        Page {
            status: r.status(),
            location: r
                .headers()
                .get(reqwest::header::LOCATION)
                .map(|l| l.to_str().unwrap().to_owned()),
            body: r.text().await.unwrap(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let r = self
            .request(reqwest::Method::GET, path)
            .send()
            .await
            .unwrap();
        self.read(r).await
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let r = self
            .request(reqwest::Method::POST, path)
            .form(form)
            .send()
            .await
            .unwrap();
        self.read(r).await
    }

    pub async fn post_multipart(&mut self, path: &str, form: reqwest::multipart::Form) -> Page {
        let r = self
            .request(reqwest::Method::POST, path)
            .multipart(form)
            .send()
            .await
            .unwrap();
        self.read(r).await
    }

    /// Raw bytes of a GET (downloads).
    pub async fn bytes(&mut self, path: &str) -> (StatusCode, Vec<u8>) {
        let r = self
            .request(reqwest::Method::GET, path)
            .send()
            .await
            .unwrap();
        (r.status(), r.bytes().await.unwrap().to_vec())
    }

    /// A GET with its headers (downloads: type and file name).
    pub async fn download(
        &mut self,
        path: &str,
    ) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
        let r = self
            .request(reqwest::Method::GET, path)
            .send()
            .await
            .unwrap();
        let headers = r.headers().clone();
        (r.status(), headers, r.bytes().await.unwrap().to_vec())
    }

    pub fn session(&self) -> Option<&String> {
        self.cookies.get("klacht_session")
    }

    pub fn forget_cookies(&mut self) {
        self.cookies.clear();
    }

    /// Signs in with [`PASSWORD`] (and the second factor, moving the clock half a minute on so
    /// that each sign-in has a fresh code).
    pub async fn sign_in(app: &TestApp, email: &str, totp: Option<&str>) -> Desk {
        Desk::new(app).signed_in(app, email, totp).await
    }

    /// [`Desk::sign_in`] in this browser.
    pub async fn signed_in(self, app: &TestApp, email: &str, totp: Option<&str>) -> Desk {
        let mut d = self;
        let form = d.get("/beheer/inloggen").await;
        let csrf = form.csrf();
        let r = d
            .post(
                "/beheer/inloggen",
                &[
                    ("csrf", &csrf),
                    ("email", email),
                    ("password", PASSWORD),
                    ("terug", "/beheer"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        if let Some(secret) = totp {
            assert!(
                r.location
                    .as_deref()
                    .unwrap()
                    .starts_with("/beheer/inloggen/code")
            );
            let later = app.clock.now() + jiff::SignedDuration::from_secs(31);
            app.clock.set(later);
            let code = klacht_web::auth::totp::code_at(secret, later).unwrap();
            let r = d
                .post(
                    "/beheer/inloggen/code",
                    &[("code", &code), ("terug", "/beheer")],
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        }
        d
    }
}
