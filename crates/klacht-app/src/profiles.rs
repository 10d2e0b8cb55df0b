//! The regulation's versions as the application holds them (T16): every adopted version, the one
//! in force on a day, and every version a complaint refers to, each with its calendar. The
//! versions live in the database; [`Profiles::refresh`] follows what another instance (or the
//! settings pages) adopted, without a restart.

use crate::AppError;
use jiff::Timestamp;
use jiff::civil::Date;
use klacht_core::profile::versions::{self, Adopted};
use klacht_core::{Calendar, Profile};
use klacht_store::VersionState;
use klacht_store_any::Store;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

/// A profile version with its calendar.
#[derive(Debug)]
pub struct Loaded {
    pub id: i64,
    pub profile: Profile,
    pub calendar: Calendar,
    /// When its adoption was recorded (`None`: a draft, or not stored).
    pub adopted_at: Option<Timestamp>,
    /// Where it still holds a built-in's example organisation (`organisation.email`, …, with
    /// the value): the public pages and the dashboard say so, and no letter leaves from an
    /// example address.
    pub examples: Vec<(String, String)>,
}

impl Loaded {
    fn new(id: i64, profile: Profile, adopted_at: Option<Timestamp>) -> Loaded {
        Loaded {
            id,
            calendar: Calendar::new(&profile.calendar),
            examples: klacht_core::profile::example_details(&profile),
            profile,
            adopted_at,
        }
    }

    /// Whether the public pages would show an example organisation's details.
    pub fn shows_examples(&self) -> bool {
        !self.examples.is_empty()
    }

    /// The example address letters would be sent from, if the organisation's e-mail address is
    /// still the example's.
    pub fn example_sender(&self) -> Option<&str> {
        self.examples
            .iter()
            .find(|(key, _)| key == "organisation.email")
            .map(|(_, v)| v.as_str())
    }

    fn adopted(&self) -> Adopted {
        Adopted {
            id: self.id,
            adopted_on: self.profile.adopted_on,
            adopted_at: self.adopted_at.unwrap_or(Timestamp::UNIX_EPOCH),
        }
    }
}

/// The adopted versions, oldest first, never empty.
#[derive(Debug)]
struct Set {
    all: Vec<Arc<Loaded>>,
    /// The last of `all`: what a set always has.
    last: Arc<Loaded>,
}

impl Set {
    fn of(all: Vec<Arc<Loaded>>) -> Option<Set> {
        let last = all.last()?.clone();
        Some(Set { all, last })
    }
}

/// The adopted versions and every version read so far.
#[derive(Debug)]
pub struct Profiles {
    adopted: RwLock<Arc<Set>>,
    cache: RwLock<HashMap<i64, Arc<Loaded>>>,
    /// When [`Profiles::follow`] last looked.
    looked: Mutex<Option<Instant>>,
    /// One refresh at a time: a look that read the versions before an adoption must not
    /// replace, after it, the set that the adoption's own refresh put in.
    refreshing: tokio::sync::Mutex<()>,
}

/// How often [`Profiles::follow`] reads the versions again: a version adopted on another
/// instance is followed here within this time.
pub const FOLLOW_EVERY: Duration = Duration::from_secs(2);

impl Profiles {
    /// One version, in force on every day (tests, tools).
    pub fn new(id: i64, profile: Profile) -> Self {
        let only = Arc::new(Loaded::new(id, profile, None));
        Profiles {
            cache: RwLock::new(HashMap::from([(id, only.clone())])),
            adopted: RwLock::new(Arc::new(Set {
                all: vec![only.clone()],
                last: only,
            })),
            looked: Mutex::new(None),
            refreshing: tokio::sync::Mutex::new(()),
        }
    }

    /// Every adopted version in the database; fails when there is none.
    pub async fn load(store: &Store) -> Result<Profiles, AppError> {
        let adopted = read_adopted(store, &HashMap::new()).await?;
        let cache = adopted.iter().map(|l| (l.id, l.clone())).collect();
        let set = Set::of(adopted).ok_or_else(|| {
            AppError::unexpected("the database holds no adopted version of the regulation")
        })?;
        Ok(Profiles {
            adopted: RwLock::new(Arc::new(set)),
            cache: RwLock::new(cache),
            looked: Mutex::new(Some(Instant::now())),
            refreshing: tokio::sync::Mutex::new(()),
        })
    }

    /// Reads the adopted versions again (another instance or a page may have adopted one);
    /// `true` when they changed.
    pub async fn refresh(&self, store: &Store) -> Result<bool, AppError> {
        let _one_at_a_time = self.refreshing.lock().await;
        let known = self.cache.read().map(|c| c.clone()).unwrap_or_default();
        let adopted = read_adopted(store, &known).await?;
        let current = self.set();
        let same = current.all.len() == adopted.len()
            && current
                .all
                .iter()
                .zip(&adopted)
                .all(|(a, b)| a.id == b.id && a.adopted_at == b.adopted_at);
        let Some(set) = Set::of(adopted).filter(|_| !same) else {
            return Ok(false);
        };
        if let Ok(mut c) = self.cache.write() {
            for l in &set.all {
                c.insert(l.id, l.clone());
            }
        }
        *self.adopted.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(set);
        Ok(true)
    }

    /// [`Profiles::refresh`] at most every `every`, in the background: each request and each
    /// background round asks, without waiting; one of them starts a look. A database that does
    /// not answer leaves the versions as they were: it is logged, and the next look tries again.
    pub fn follow(self: &Arc<Self>, store: &Store, every: Duration) {
        {
            let mut looked = self.looked.lock().unwrap_or_else(PoisonError::into_inner);
            if looked.is_some_and(|t| t.elapsed() < every) {
                return;
            }
            *looked = Some(Instant::now());
        }
        let (profiles, store) = (self.clone(), store.clone());
        tokio::spawn(async move {
            match profiles.refresh(&store).await {
                Ok(true) => tracing::info!("the regulation's adopted versions changed: followed"),
                Ok(false) => {}
                Err(e) => tracing::warn!(
                    error = %crate::with_sources(&e),
                    "could not read the regulation's versions; going on with those known"
                ),
            }
        });
    }

    fn set(&self) -> Arc<Set> {
        self.adopted
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The adopted versions, oldest first.
    pub fn all_adopted(&self) -> Vec<Arc<Loaded>> {
        self.set().all.clone()
    }

    /// The version in force on `day` (core's `versions::in_force`).
    pub fn in_force_on(&self, day: Date) -> Arc<Loaded> {
        let set = self.set();
        let keys: Vec<Adopted> = set.all.iter().map(|l| l.adopted()).collect();
        let chosen = versions::in_force(&keys, day).map(|a| a.id);
        set.all
            .iter()
            .find(|l| Some(l.id) == chosen)
            .unwrap_or(&set.last)
            .clone()
    }

    /// The version a complaint is handled under (also a draft, for a preview).
    pub async fn get(&self, store: &Store, id: i64) -> Result<Arc<Loaded>, AppError> {
        if let Some(p) = self.cache.read().ok().and_then(|c| c.get(&id).cloned()) {
            return Ok(p);
        }
        let row = store
            .version(id)
            .await?
            .ok_or_else(|| AppError::unexpected(format!("profile version {id} is missing")))?;
        let loaded = Arc::new(
            read_one(store, id, row.adopted_at)
                .await?
                .map_err(AppError::unexpected)?,
        );
        // Drafts change when adopted (their date is set): only adopted versions are kept.
        if row.state == VersionState::Adopted
            && let Ok(mut c) = self.cache.write()
        {
            c.insert(id, loaded.clone());
        }
        Ok(loaded)
    }
}

/// A stored version, read and parsed: the outer error is the store's, the inner one says that
/// the text no longer parses (a version stored by an earlier klacht that today's checks refuse).
async fn read_one(
    store: &Store,
    id: i64,
    adopted_at: Option<Timestamp>,
) -> Result<Result<Loaded, String>, AppError> {
    let source = store
        .profile_source(id)
        .await?
        .ok_or_else(|| AppError::unexpected(format!("profile version {id} is missing")))?;
    Ok(klacht_core::profile::parse(&source)
        .map(|profile| Loaded::new(id, profile, adopted_at))
        .map_err(|e| format!("stored profile {id} no longer parses: {e:?}")))
}

async fn read_adopted(
    store: &Store,
    known: &HashMap<i64, Arc<Loaded>>,
) -> Result<Vec<Arc<Loaded>>, AppError> {
    let mut out = Vec::new();
    for row in store.versions().await? {
        if row.state != VersionState::Adopted {
            continue;
        }
        match known.get(&row.id) {
            Some(l) if l.adopted_at == row.adopted_at => out.push(l.clone()),
            _ => match read_one(store, row.id, row.adopted_at).await? {
                Ok(l) => out.push(Arc::new(l)),
                // Loud, and left out of the choice of the version in force rather than stopping
                // every page; its complaints say so when opened (`get`).
                Err(why) => tracing::error!(
                    version = row.id,
                    error = %why,
                    "an adopted version of the regulation no longer reads; it is left out"
                ),
            },
        }
    }
    Ok(out)
}

/// What [`open`] did with the profile it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// The database had no version: the given profile is its first, adopted.
    Seeded,
    /// The database has its versions; the given profile is one of them.
    Stored,
    /// The database has its versions and the given profile is not among them: it is not used.
    /// `klacht profile import` (or the settings pages) adopt a new version.
    Ignored,
    /// The database had no version and was left so (an operator's command): the given profile
    /// is used for this run only.
    Unstored,
}

/// The versions for `serve` and the operator's commands: the database's when it has them;
/// otherwise `profile` (its TOML `source`) becomes the first version (`seed`) or is used for
/// this run only.
pub async fn open(
    store: &Store,
    profile: Profile,
    source: &str,
    seed: bool,
    now: Timestamp,
) -> Result<(Profiles, Opened), AppError> {
    let rows = store.versions().await?;
    if rows.iter().any(|r| r.state == VersionState::Adopted) {
        let profiles = Profiles::load(store).await?;
        let opened = if profiles.all_adopted().iter().any(|l| l.profile == profile) {
            Opened::Stored
        } else {
            Opened::Ignored
        };
        return Ok((profiles, opened));
    }
    if !seed {
        return Ok((Profiles::new(0, profile), Opened::Unstored));
    }
    store.register_profile(&profile, source, now).await?;
    Ok((Profiles::load(store).await?, Opened::Seeded))
}

/// Records `profile` (its TOML `source`) as the first version of a new database, or loads the
/// database's versions when it has them.
pub async fn register(
    store: &Store,
    profile: Profile,
    source: &str,
    now: Timestamp,
) -> Result<Profiles, AppError> {
    Ok(open(store, profile, source, true, now).await?.0)
}
