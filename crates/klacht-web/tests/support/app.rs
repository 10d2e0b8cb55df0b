//! The real application for a test: a fresh SQLite database in a temporary directory, a profile,
//! a fixed clock and the whole router on a free port of 127.0.0.1. Shared by the HTTP and
//! browser tests (`#[path = "support/app.rs"] mod app;`).
#![allow(dead_code, clippy::unwrap_used)]

use jiff::Timestamp;
use klacht_core::Profile;
use klacht_store::Store;
use klacht_web::{AppState, FixedClock, Profiles, Settings};
use std::path::PathBuf;
use std::sync::Arc;

/// A running application.
pub struct Running {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
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

/// Starts the application with `profile` (parsed from `source`) at `now`; `settings` may change
/// the defaults.
pub async fn start(
    source: &str,
    profile: Profile,
    now: Timestamp,
    public_url: PublicUrl,
    settings: impl FnOnce(&mut Settings),
) -> Running {
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
) -> Running {
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
    Running {
        base,
        store,
        clock,
        documents,
        state,
        dir,
    }
}

/// [`start`] with a built-in profile and the default settings.
pub async fn builtin(name: &str, now: Timestamp, public_url: PublicUrl) -> Running {
    let source = klacht_core::profile::builtin_source(name).unwrap();
    start(
        source,
        klacht_core::profile::parse(source).unwrap(),
        now,
        public_url,
        |_| {},
    )
    .await
}

/// A staff member with `roles` and an API token for them (returned).
pub async fn staff_token(
    store: &Store,
    email: &str,
    name: &str,
    roles: &[klacht_core::Role],
) -> String {
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
    app: &Running,
    email: &str,
    name: &str,
    roles: &[klacht_core::Role],
) -> (klacht_core::UserId, Option<String>) {
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
        .profiles
        .active()
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
