//! What every handler shares.

use crate::error::ApiError;
use jiff::Timestamp;
use klacht_core::{Calendar, Profile};
use klacht_store::Store;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

/// Where time comes from: the system in production, a fixed or moved time in tests.
pub trait Clock: Send + Sync + std::fmt::Debug {
    fn now(&self) -> Timestamp;
}

#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        // The store keeps microseconds; a finer time would not read back equal.
        let now = Timestamp::now();
        Timestamp::from_microsecond(now.as_microsecond()).unwrap_or(now)
    }
}

/// A clock that says what it is told (tests, demos).
#[derive(Debug)]
pub struct FixedClock(pub RwLock<Timestamp>);

impl FixedClock {
    pub fn new(t: Timestamp) -> Self {
        FixedClock(RwLock::new(t))
    }

    pub fn set(&self, t: Timestamp) {
        if let Ok(mut g) = self.0.write() {
            *g = t;
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
            .read()
            .map(|g| *g)
            .unwrap_or_else(|e| *e.into_inner())
    }
}

/// A profile version with its calendar.
#[derive(Debug)]
pub struct Loaded {
    pub id: i64,
    pub profile: Profile,
    pub calendar: Calendar,
}

/// The profile in force, and every earlier version complaints still refer to (T16).
#[derive(Debug)]
pub struct Profiles {
    active: Arc<Loaded>,
    cache: RwLock<HashMap<i64, Arc<Loaded>>>,
}

impl Profiles {
    pub fn new(id: i64, profile: Profile) -> Self {
        let calendar = Calendar::new(&profile.calendar);
        let active = Arc::new(Loaded {
            id,
            profile,
            calendar,
        });
        Profiles {
            cache: RwLock::new(HashMap::from([(id, active.clone())])),
            active,
        }
    }

    pub fn active(&self) -> Arc<Loaded> {
        self.active.clone()
    }

    /// The version a complaint is handled under.
    pub async fn get(&self, store: &Store, id: i64) -> Result<Arc<Loaded>, ApiError> {
        if let Some(p) = self.cache.read().ok().and_then(|c| c.get(&id).cloned()) {
            return Ok(p);
        }
        let source = store
            .profile_source(id)
            .await?
            .ok_or_else(|| ApiError::internal(format!("profile version {id} is missing")))?;
        let profile = klacht_core::profile::parse(&source).map_err(|e| {
            ApiError::internal(format!("stored profile {id} no longer parses: {e:?}"))
        })?;
        let loaded = Arc::new(Loaded {
            id,
            calendar: Calendar::new(&profile.calendar),
            profile,
        });
        if let Ok(mut c) = self.cache.write() {
            c.insert(id, loaded.clone());
        }
        Ok(loaded)
    }
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub profiles: Arc<Profiles>,
    pub clock: Arc<dyn Clock>,
    /// Where documents are kept: outside any web root.
    pub documents: PathBuf,
}
