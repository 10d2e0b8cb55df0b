//! What every handler shares.

use klacht_store_any::Store;
use std::path::PathBuf;
use std::sync::Arc;

pub use klacht_app::{App, Clock, FixedClock, Loaded, Profiles, SystemClock};

/// How this installation is configured (from the command line and environment of `serve`).
#[derive(Clone, Debug)]
pub struct Settings {
    /// The address the public reaches this site at, without a trailing slash, e.g.
    /// `https://klachten.example.nl`. Used in letters, the leaflet's QR code and status links.
    pub public_url: String,
    /// Attachments per submission (form, API, status page).
    pub max_attachments: usize,
    /// Bytes per attachment.
    pub max_attachment_bytes: usize,
    /// Days a complainant's status link keeps working after the complaint is closed or withdrawn.
    pub status_link_days: u32,
    /// Origins (`https://www.example.nl`) whose pages may post to the public API from a browser.
    pub cors_origins: Vec<String>,
    /// Submissions per client address per hour before the form asks to wait.
    pub submissions_per_hour: u32,
    /// Trust `X-Forwarded-For` from the proxy in front (only behind a reverse proxy).
    pub trust_proxy: bool,
    /// How long back-office sessions last.
    pub session: klacht_store::SessionTimes,
    /// Sign-in attempts per client address per minute.
    pub logins_per_minute: u32,
    /// Additions (a message and/or files) a complainant may send through their status link, per
    /// complaint. Each also counts against `submissions_per_hour` of their address.
    pub additions_per_complaint: u32,
    /// Bytes of files a complainant may add through their status link, per complaint, all
    /// additions together (the form's own attachments not counted).
    pub addition_bytes_per_complaint: u64,
    /// How long a client has to send a request's header, counted from connecting or, on a
    /// kept-alive connection, from the end of the previous answer: an idle kept-alive
    /// connection is closed after this time too.
    pub header_timeout: std::time::Duration,
    /// How long a client has to send a request's body, at least ([`Settings::body_min_rate`]).
    pub body_timeout: std::time::Duration,
    /// Every this many bytes of a body received give it a second more than `body_timeout`: a
    /// large upload over a slow line arrives, a trickle is cut off. 0: `body_timeout` is all.
    pub body_min_rate: u64,
}

impl Settings {
    /// The defaults of `klacht serve`, reachable at `public_url`.
    pub fn new(public_url: impl Into<String>) -> Settings {
        Settings {
            public_url: public_url.into().trim_end_matches('/').to_owned(),
            max_attachments: 5,
            max_attachment_bytes: 10 * 1024 * 1024,
            status_link_days: 90,
            cors_origins: Vec::new(),
            submissions_per_hour: 30,
            trust_proxy: false,
            session: klacht_store::SessionTimes::default(),
            logins_per_minute: 10,
            additions_per_complaint: 20,
            addition_bytes_per_complaint: 50 * 1024 * 1024,
            header_timeout: std::time::Duration::from_secs(10),
            body_timeout: std::time::Duration::from_secs(60),
            body_min_rate: 8 * 1024,
        }
    }

    /// An absolute URL for a path on this site (`path` starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }
}

/// What every handler shares: the application (its use cases and what they work with, which
/// this dereferences to) and what only HTTP needs.
#[derive(Clone, Debug)]
pub struct AppState {
    pub app: App,
    pub settings: Arc<Settings>,
    /// The public form's flood limit and the attachments it keeps between attempts.
    pub intake: Arc<crate::site::submit::Intake>,
    /// Sign-in attempts per client address.
    pub logins: Arc<crate::backoffice::login::Limiter>,
    /// The background jobs' health, for `/readyz`.
    pub jobs: Arc<crate::http::health::Jobs>,
    /// Failed sign-ins per account and address: growing waits instead of a lock-out.
    pub throttle: Arc<klacht_app::accounts::throttle::Throttle>,
}

impl AppState {
    pub fn new(
        store: Store,
        profiles: Arc<Profiles>,
        clock: Arc<dyn Clock>,
        documents: PathBuf,
        settings: Settings,
    ) -> AppState {
        let mut config = klacht_app::Config::new(settings.public_url.clone());
        config.status_link_days = settings.status_link_days;
        config.session = settings.session;
        config.max_attachments = settings.max_attachments;
        config.max_attachment_bytes = settings.max_attachment_bytes;
        AppState {
            app: App::new(store, profiles, clock, documents, config),
            intake: Arc::new(crate::site::submit::Intake::new(&settings)),
            logins: Arc::new(crate::backoffice::login::limiter(
                settings.logins_per_minute,
            )),
            throttle: Arc::default(),
            settings: Arc::new(settings),
            jobs: Arc::default(),
        }
    }

    /// Where the `.eml` outbox writes: an anonymised complaint's copies go from there.
    pub fn with_outbox(mut self, dir: PathBuf) -> AppState {
        self.app = self.app.with_outbox(dir);
        self
    }

    /// The key that seals the TOTP secrets (kept outside the database); without it, a random
    /// one that lives as long as the process (tests, tools).
    pub fn with_secret_key(mut self, key: klacht_store::SecretKey) -> AppState {
        self.app = self.app.with_secret_key(key);
        self
    }
}

impl std::ops::Deref for AppState {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}
