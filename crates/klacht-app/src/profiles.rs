//! The regulation's versions as the application holds them: the one in force, and every earlier
//! version complaints still refer to (T16), each with its calendar.

use crate::AppError;
use klacht_core::{Calendar, Profile};
use klacht_store_any::Store;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

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
    pub async fn get(&self, store: &Store, id: i64) -> Result<Arc<Loaded>, AppError> {
        if let Some(p) = self.cache.read().ok().and_then(|c| c.get(&id).cloned()) {
            return Ok(p);
        }
        let source = store
            .profile_source(id)
            .await?
            .ok_or_else(|| AppError::unexpected(format!("profile version {id} is missing")))?;
        let profile = klacht_core::profile::parse(&source).map_err(|e| {
            AppError::unexpected(format!("stored profile {id} no longer parses: {e:?}"))
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

/// Records `profile` (its TOML `source`) as a version complaints may refer to — once: a version
/// stored before keeps its id — and holds it as the one in force. `serve` and the operator's
/// commands start with it.
pub async fn register(
    store: &Store,
    profile: Profile,
    source: &str,
    now: jiff::Timestamp,
) -> Result<Profiles, AppError> {
    let id = store.register_profile(&profile, source, now).await?;
    Ok(Profiles::new(id, profile))
}
