//! The application layer of klacht: every use case once — registering a complaint, opening a
//! dossier, taking a step with what follows from it, the complainant's steps, the background
//! rounds, documents, accounts and sessions — for every surface (the JSON API, the public site, the back office, the
//! feeds), the CLI, the demo and the jobs. The rules are klacht-core's; the store keeps what
//! happens; this layer puts them together in one unit of work per use case.

pub mod accounts;
pub mod bench;
pub mod clock;
pub mod complaints;
pub mod delivery;
pub mod demo;
pub mod desk;
pub mod documents;
mod error;
pub mod follow;
pub mod health;
pub mod input;
pub mod intake;
pub mod lists;
pub mod mail_in;
pub mod notices;
pub mod privacy;
pub mod profiles;
pub mod publication;
pub mod register;
pub mod regulation;
pub mod reminders;
pub mod reports;
pub mod settings;
pub mod setup;
pub mod steps;
#[cfg(test)]
mod voice_check;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{AppError, FieldProblem, Problem, refusal_fields, with_sources};
pub use profiles::{Loaded, Profiles};

use klacht_store::SecretKey;
use klacht_store_any::Store;
use std::path::PathBuf;
use std::sync::Arc;

/// What the application is told at start (`klacht serve`'s settings that use cases need).
#[derive(Debug, Clone)]
pub struct Config {
    /// The address the public reaches the site at, without a trailing slash, e.g.
    /// `https://klachten.example.nl`: in letters, links and status links.
    pub public_url: String,
    /// Days a complainant's status link keeps working after the complaint is closed or withdrawn.
    pub status_link_days: u32,
    /// How long back-office sessions last.
    pub session: klacht_store::SessionTimes,
    /// Attachments a complainant may send at once, and bytes each: the form's limits, which
    /// mail in keeps too.
    pub max_attachments: usize,
    pub max_attachment_bytes: usize,
}

impl Config {
    pub fn new(public_url: impl Into<String>) -> Config {
        Config {
            public_url: public_url.into().trim_end_matches('/').to_owned(),
            status_link_days: 90,
            session: klacht_store::SessionTimes::default(),
            max_attachments: 5,
            max_attachment_bytes: 10 * 1024 * 1024,
        }
    }

    /// An absolute URL for a path on this site (`path` starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }
}

/// The application: what every use case works with. Cheap to clone.
#[derive(Debug, Clone)]
pub struct App {
    pub store: Store,
    pub profiles: Arc<Profiles>,
    pub clock: Arc<dyn Clock>,
    /// Where documents are kept: outside any web root.
    pub documents: PathBuf,
    pub config: Arc<Config>,
    /// Woken when mail is queued, so the sender does not wait for its next round.
    pub mail_notify: Arc<tokio::sync::Notify>,
    /// Seals the TOTP secrets in the database. [`App::new`] makes a random one that lives as
    /// long as the process (tests, tools); `serve` gives the data directory's key with
    /// [`App::with_secret_key`].
    pub secret_key: Arc<SecretKey>,
    /// The `.eml` outbox directory, whose copies of an anonymised complaint's mail go with it.
    pub outbox: Option<PathBuf>,
}

impl App {
    pub fn new(
        store: Store,
        profiles: Arc<Profiles>,
        clock: Arc<dyn Clock>,
        documents: PathBuf,
        config: Config,
    ) -> App {
        App {
            store,
            profiles,
            clock,
            documents,
            config: Arc::new(config),
            mail_notify: Arc::default(),
            secret_key: Arc::new(SecretKey::generate()),
            outbox: None,
        }
    }

    /// Where the `.eml` outbox writes (`DATA/outbox`).
    pub fn with_outbox(mut self, dir: PathBuf) -> App {
        self.outbox = Some(dir);
        self
    }

    /// The regulation in force today (Europe/Amsterdam), T16.
    pub fn regulation(&self) -> Arc<Loaded> {
        self.regulation_on(klacht_core::calendar::amsterdam_date(self.clock.now()))
    }

    /// The regulation in force on `day`: the one a complaint received that day is handled under.
    pub fn regulation_on(&self, day: jiff::civil::Date) -> Arc<Loaded> {
        self.profiles.in_force_on(day)
    }

    /// The key that seals the TOTP secrets (kept outside the database).
    pub fn with_secret_key(mut self, key: SecretKey) -> App {
        self.secret_key = Arc::new(key);
        self
    }
}
