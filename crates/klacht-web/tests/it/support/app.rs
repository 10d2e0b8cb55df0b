//! The one test application of klacht-web's integration tests (`spawn_app`): a fresh SQLite
//! database in a temporary directory (or a store of the caller's), a profile, an injected fixed
//! clock and the whole router served as `klacht serve` serves it on a free port of 127.0.0.1,
//! with an HTTP client and helpers for staff tokens, JSON requests and registering a complaint.
//! What differed between the copies the test files used to have is a parameter: the profile (a
//! built-in or any source), the clock, the public URL, the settings, and whether the client
//! follows redirects.
#![allow(dead_code)]

use jiff::{SignedDuration, Timestamp};
use klacht_core::{Profile, Role, UserId};
use klacht_store::QueuedMail;
use klacht_store_any::Store;
use klacht_web::{AppState, Clock, FixedClock, Profiles, Settings};
use reqwest::StatusCode;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;

/// A running application.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// A client for the tests' requests: follows redirects unless [`TestApp::without_redirects`].
    pub http: reqwest::Client,
    pub store: Store,
    pub clock: Arc<FixedClock>,
    pub documents: PathBuf,
    /// The application's state, for what runs beside the requests (the background jobs).
    pub state: AppState,
    pub dir: tempfile::TempDir,
}

/// Where the site says it lives (in letters and links).
pub enum PublicUrl {
    /// `http://klacht.test`: links are checked as text.
    Test,
    /// The server's own address: links can be followed (browser tests).
    Real,
}

/// An answer read as a page: its status, headers and text.
pub struct Page {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    pub async fn read(res: reqwest::Response) -> Page {
        Page {
            status: res.status(),
            headers: res.headers().clone(),
            body: res.text().await.unwrap(),
        }
    }
}

/// A bearer token for a request, or none: `&str`, `&String` or an option of one
/// (`None::<&str>` for none).
pub trait Token {
    fn bearer(&self) -> Option<&str>;
}

impl Token for str {
    fn bearer(&self) -> Option<&str> {
        Some(self)
    }
}

impl Token for String {
    fn bearer(&self) -> Option<&str> {
        Some(self)
    }
}

impl<T: Token + ?Sized> Token for Option<&T> {
    fn bearer(&self) -> Option<&str> {
        self.and_then(|t| t.bearer())
    }
}

impl<T: Token + ?Sized> Token for &T {
    fn bearer(&self) -> Option<&str> {
        (**self).bearer()
    }
}

/// A client that follows no redirects: for tests that look at the 303s themselves.
pub fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Starts the application with `profile` (parsed from `source`) at `now`; `settings` may change
/// the defaults.
pub async fn start(
    source: &str,
    profile: Profile,
    now: Timestamp,
    public_url: PublicUrl,
    settings: impl FnOnce(&mut Settings),
) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("klacht.db").display());
    let store = Store::connect(&url).await.unwrap();
    start_on(dir, store, source, profile, now, public_url, settings).await
}

/// [`start`] on a store of the caller's (PostgreSQL, say), with `dir` for documents.
pub async fn start_on(
    dir: tempfile::TempDir,
    store: Store,
    source: &str,
    profile: Profile,
    now: Timestamp,
    public_url: PublicUrl,
    settings: impl FnOnce(&mut Settings),
) -> TestApp {
    let stored = klacht_core::profile::parse(source).unwrap();
    let id = store.register_profile(&stored, source, now).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let mut s = Settings::new(match public_url {
        PublicUrl::Test => "http://klacht.test".to_owned(),
        PublicUrl::Real => base.clone(),
    });
    settings(&mut s);
    let clock = Arc::new(FixedClock::new(now));
    let documents = dir.path().join("documents");
    let state = AppState::new(
        store.clone(),
        Arc::new(Profiles::new(id, profile)),
        clock.clone(),
        documents.clone(),
        s,
    );
    // Served as `klacht serve` serves it: the same connection settings and layers.
    tokio::spawn(klacht_web::serve(
        listener,
        state.clone(),
        std::future::pending(),
    ));
    TestApp {
        base,
        http: reqwest::Client::new(),
        store,
        clock,
        documents,
        state,
        dir,
    }
}

/// [`start`] with the built-in profile `name` (stored as its source) and `settings`.
pub async fn builtin_with(
    name: &str,
    now: Timestamp,
    public_url: PublicUrl,
    settings: impl FnOnce(&mut Settings),
) -> TestApp {
    let source = klacht_core::profile::builtin_source(name).unwrap();
    start(
        source,
        klacht_core::profile::parse(source).unwrap(),
        now,
        public_url,
        settings,
    )
    .await
}

/// [`start`] with a built-in profile and the default settings.
pub async fn builtin(name: &str, now: Timestamp, public_url: PublicUrl) -> TestApp {
    builtin_with(name, now, public_url, |_| {}).await
}

/// A staff member with `roles` and an API token for them (returned).
pub async fn staff_token(store: &Store, email: &str, name: &str, roles: &[Role]) -> String {
    let id = store
        .create_user(
            &klacht_store::NewUser {
                email: email.into(),
                name: name.into(),
                roles: roles.iter().copied().collect(),
                password_hash: None,
            },
            Timestamp::now(),
        )
        .await
        .unwrap();
    store.create_token(id, Timestamp::now()).await.unwrap()
}

/// A password every test user has.
pub const PASSWORD: &str = "correct horse battery staple";

/// A staff member who signs in to the back office with [`PASSWORD`] and, where the profile
/// requires a second factor for their roles, a TOTP secret (returned).
pub async fn staff_user(
    app: &TestApp,
    email: &str,
    name: &str,
    roles: &[Role],
) -> (UserId, Option<String>) {
    let id = app
        .store
        .create_user(
            &klacht_store::NewUser {
                email: email.into(),
                name: name.into(),
                roles: roles.iter().copied().collect(),
                password_hash: Some(klacht_web::password::hash(PASSWORD).unwrap()),
            },
            Timestamp::now(),
        )
        .await
        .unwrap();
    let needs = app
        .state
        .regulation()
        .profile
        .roles
        .needs_second_factor(roles);
    let secret = if needs {
        let s = klacht_web::auth::totp::new_secret();
        app.store
            .enrol_totp(id, &s, &app.state.secret_key, Timestamp::now())
            .await
            .unwrap();
        Some(s)
    } else {
        None
    };
    (id, secret)
}

impl TestApp {
    /// The same application, its client following no redirects.
    pub fn without_redirects(mut self) -> TestApp {
        self.http = no_redirects();
        self
    }

    /// `base` + `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Moves the injected clock to `t` (an RFC 3339 timestamp).
    pub fn set_clock(&self, t: &str) {
        self.clock.set(t.parse().unwrap());
    }

    /// A staff member with `roles` and an API token for them (returned).
    pub async fn staff_token(&self, email: &str, name: &str, roles: &[Role]) -> String {
        staff_token(&self.store, email, name, roles).await
    }

    /// The id of the user with this e-mail address.
    pub async fn user_id(&self, email: &str) -> UserId {
        self.store.user_by_email(email).await.unwrap().unwrap().id
    }

    /// Sends `body` (if any) as JSON with `method` to `path`, as `token` (a bearer token) if
    /// given: the status and the JSON answer (`null` when the answer is not JSON).
    pub async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        token: impl Token,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.http.request(method, self.url(path));
        if let Some(t) = token.bearer() {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// POSTs `body` as JSON to `path` (see [`TestApp::send_json`]).
    pub async fn post(&self, path: &str, token: impl Token, body: Value) -> (StatusCode, Value) {
        self.send_json(reqwest::Method::POST, path, token, Some(body))
            .await
    }

    /// GETs `path` as JSON (see [`TestApp::send_json`]).
    pub async fn get(&self, path: &str, token: impl Token) -> (StatusCode, Value) {
        self.send_json(reqwest::Method::GET, path, token, None)
            .await
    }

    /// GETs `path` as `token` and asserts a 200: the JSON answer.
    pub async fn get_ok(&self, path: &str, token: &str) -> Value {
        let (status, v) = self.get(path, token).await;
        assert_eq!(status, StatusCode::OK, "{path}: {v}");
        v
    }

    /// Registers a complaint as staff (`POST /api/v1/complaints`, asserted 201): its reference.
    pub async fn register_complaint(&self, token: &str, body: Value) -> String {
        let (s, v) = self.post("/api/v1/complaints", token, body).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        v["reference"].as_str().unwrap().to_owned()
    }

    /// The complaint as the JSON API gives it to `token` (asserted 200).
    pub async fn dossier(&self, token: &str, reference: &str) -> Value {
        self.get_ok(&format!("/api/v1/complaints/{reference}"), token)
            .await
    }

    /// Takes the step `action` on `reference` as `token` (asserted 200): the answer.
    pub async fn step(&self, token: &str, reference: &str, action: &str, body: Value) -> Value {
        let (s, v) = self
            .post(
                &format!("/api/v1/complaints/{reference}/{action}"),
                token,
                body,
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{action}: {v}");
        v
    }

    /// GETs `path` with `headers` (name, value): the answer as a [`Page`].
    pub async fn page(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        let mut req = self.http.get(self.url(path));
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        Page::read(req.send().await.unwrap()).await
    }

    /// The clock's time now.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Every message to `to` waiting in the queue to be sent before `until` (claimed and given
    /// back: nothing is sent).
    pub async fn mail_to_before(&self, to: &str, until: Timestamp) -> Vec<QueuedMail> {
        let all = self
            .store
            .claim_mail(until, SignedDuration::from_mins(1), 1000)
            .await
            .unwrap();
        let ids: Vec<i64> = all.iter().map(|m| m.id).collect();
        self.store.release_mail(&ids).await.unwrap();
        all.into_iter().filter(|m| m.to == to).collect()
    }
}
