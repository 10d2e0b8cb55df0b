//! Where time comes from: the system in production, a fixed or moved time in tests and demos.

use jiff::Timestamp;
use std::sync::RwLock;

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
