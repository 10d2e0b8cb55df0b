//! Throttling failed sign-ins, instead of locking accounts.
//!
//! A lock-out per account lets anyone keep its owner out (five wrong passwords every quarter of
//! an hour), and an answer that says "locked" tells that the account exists. Instead, failures
//! are counted three ways, and each count that passes its free number makes the next attempt
//! wait, the wait doubling with every further failure:
//!
//! - per account and client address: after 5 failures, 4 seconds doubling up to 15 minutes. This
//!   is what stops guessing one person's password from one place;
//! - per client address, whatever the account (unknown ones too): after 20 failures, the same
//!   delays. This stops trying many accounts from one place;
//! - per account, from every address: after 100 failures, 1 second doubling up to 30 seconds —
//!   and only for addresses that have themselves failed on that account. This slows a guessing
//!   attack spread over many addresses, while a person at an address that has not been failing
//!   always has their password checked: nobody elsewhere can keep them out.
//!
//! An attempt that must wait is not checked and not counted, and gets the same answer as a wrong
//! password (the sign-in page adds that there may have been too many attempts). Counts are
//! forgotten a day after their last failure. A right password ends the count of its account and
//! address; the other two counts run out by themselves, so that one good account does not wipe
//! an address's record of trying others.
//!
//! The counts live in memory, per instance (like the form's flood limit): a restart forgets them,
//! and behind a load balancer each instance counts for itself. IPv6 addresses count per /64, the
//! block one connection usually has. Each table holds at most [`MAX_ENTRIES`]; when full, the
//! counts that ran out go first, then the oldest.

use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;

/// When a count starts to slow attempts down, and how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Failures without any wait.
    pub free: u32,
    /// The wait after the first failure past `free`; it doubles with each further one …
    pub first: SignedDuration,
    /// … up to this.
    pub max: SignedDuration,
}

impl Policy {
    /// The wait after the `failures`-th failure.
    pub fn delay(&self, failures: u32) -> SignedDuration {
        if failures <= self.free {
            return SignedDuration::ZERO;
        }
        let doublings = (failures - self.free - 1).min(30);
        let secs = self
            .first
            .as_secs()
            .saturating_mul(1_i64 << doublings)
            .min(self.max.as_secs());
        SignedDuration::from_secs(secs)
    }
}

/// Per account and address.
pub const PAIR: Policy = Policy {
    free: 5,
    first: SignedDuration::from_secs(4),
    max: SignedDuration::from_mins(15),
};
/// Per address, whatever the account.
pub const ADDRESS: Policy = Policy {
    free: 20,
    first: SignedDuration::from_secs(4),
    max: SignedDuration::from_mins(15),
};
/// Per account, from every address (applied only to addresses that failed on it themselves).
pub const ACCOUNT: Policy = Policy {
    free: 100,
    first: SignedDuration::from_secs(1),
    max: SignedDuration::from_secs(30),
};
/// A count is forgotten this long after its last failure.
pub const FORGET: SignedDuration = SignedDuration::from_hours(24);
/// The most counts each table keeps.
pub const MAX_ENTRIES: usize = 100_000;

/// Where attempts come from: an IPv4 address, or an IPv6 /64.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Origin {
    V4(u32),
    V6(u64),
}

impl From<IpAddr> for Origin {
    fn from(ip: IpAddr) -> Origin {
        match ip {
            IpAddr::V4(v4) => Origin::V4(u32::from(v4)),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => Origin::V4(u32::from(v4)),
                None => Origin::V6((u128::from(v6) >> 64) as u64),
            },
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Count {
    failures: u32,
    last: Timestamp,
    /// No attempt is checked before this.
    until: Timestamp,
}

#[derive(Debug)]
struct Table<K>(HashMap<K, Count>);

impl<K: Hash + Eq + Clone> Table<K> {
    fn live(&self, k: &K, now: Timestamp) -> Option<Count> {
        self.0
            .get(k)
            .copied()
            .filter(|c| now.duration_since(c.last) < FORGET)
    }

    fn waits(&self, k: &K, now: Timestamp) -> Option<SignedDuration> {
        let c = self.live(k, now)?;
        (c.until > now).then(|| c.until.duration_since(now))
    }

    fn fail(&mut self, k: K, policy: Policy, now: Timestamp) {
        let failures = self
            .live(&k, now)
            .map_or(1, |c| c.failures.saturating_add(1));
        if !self.0.contains_key(&k) && self.0.len() >= MAX_ENTRIES {
            self.make_room(now);
        }
        let until = now.checked_add(policy.delay(failures)).unwrap_or(now);
        self.0.insert(
            k,
            Count {
                failures,
                last: now,
                until,
            },
        );
    }

    /// Drops the counts that ran out; when that is not enough, the older half.
    fn make_room(&mut self, now: Timestamp) {
        self.0
            .retain(|_, c| now.duration_since(c.last) < FORGET || c.until > now);
        if self.0.len() >= MAX_ENTRIES {
            let mut lasts: Vec<Timestamp> = self.0.values().map(|c| c.last).collect();
            lasts.sort_unstable();
            let cut = lasts.get(lasts.len() / 2).copied().unwrap_or(now);
            self.0.retain(|_, c| c.last > cut);
        }
    }
}

#[derive(Debug)]
struct Tables {
    pairs: Table<(String, Origin)>,
    origins: Table<Origin>,
    accounts: Table<String>,
}

/// The sign-in throttle of one instance.
#[derive(Debug)]
pub struct Throttle(Mutex<Tables>);

impl Default for Throttle {
    fn default() -> Self {
        Throttle(Mutex::new(Tables {
            pairs: Table(HashMap::new()),
            origins: Table(HashMap::new()),
            accounts: Table(HashMap::new()),
        }))
    }
}

/// The account as counted: the address as typed, without case or surrounding space (unknown
/// addresses are counted like known ones, so counting reveals nothing).
fn account_key(account: &str) -> String {
    account.trim().to_lowercase()
}

impl Throttle {
    fn tables(&self) -> std::sync::MutexGuard<'_, Tables> {
        // A panic while holding the lock leaves plain counts behind: still usable.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `Err(wait)` when an attempt to sign in to `account` from `ip` must not be checked now.
    pub fn check(&self, account: &str, ip: IpAddr, now: Timestamp) -> Result<(), SignedDuration> {
        let (account, origin) = (account_key(account), Origin::from(ip));
        let t = self.tables();
        let pair = (account.clone(), origin);
        let mut wait = t.pairs.waits(&pair, now);
        wait = wait.max(t.origins.waits(&origin, now));
        // The account-wide wait holds only for addresses that failed on this account: one that
        // has not been failing is always checked.
        if t.pairs.live(&pair, now).is_some() {
            wait = wait.max(t.accounts.waits(&account, now));
        }
        match wait {
            Some(w) if w > SignedDuration::ZERO => Err(w),
            _ => Ok(()),
        }
    }

    /// Counts a failed attempt (a wrong password or code, an unknown account).
    pub fn failed(&self, account: &str, ip: IpAddr, now: Timestamp) {
        let (account, origin) = (account_key(account), Origin::from(ip));
        let mut t = self.tables();
        t.pairs.fail((account.clone(), origin), PAIR, now);
        t.origins.fail(origin, ADDRESS, now);
        t.accounts.fail(account, ACCOUNT, now);
    }

    /// A right password (and code): the count of this account at this address ends.
    pub fn succeeded(&self, account: &str, ip: IpAddr) {
        let (account, origin) = (account_key(account), Origin::from(ip));
        self.tables().pairs.0.remove(&(account, origin));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn t(secs: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + secs).unwrap()
    }

    #[test]
    fn the_wait_doubles_from_four_seconds_to_a_quarter_of_an_hour() {
        let waits: Vec<i64> = (1..=16).map(|n| PAIR.delay(n).as_secs()).collect();
        assert_eq!(
            waits,
            [
                0, 0, 0, 0, 0, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900
            ]
        );
        assert_eq!(ACCOUNT.delay(100).as_secs(), 0);
        assert_eq!(ACCOUNT.delay(101).as_secs(), 1);
        assert_eq!(ACCOUNT.delay(120).as_secs(), 30);
        assert_eq!(PAIR.delay(u32::MAX).as_secs(), 900);
    }

    #[test]
    fn five_failures_make_that_address_wait_for_that_account_only() {
        let th = Throttle::default();
        let a: IpAddr = "203.0.113.7".parse().unwrap();
        let b: IpAddr = "198.51.100.1".parse().unwrap();
        for _ in 0..5 {
            assert_eq!(th.check("anna@example.org", a, t(0)), Ok(()));
            th.failed("Anna@Example.org ", a, t(0));
        }
        th.failed("anna@example.org", a, t(0));
        assert_eq!(
            th.check("anna@example.org", a, t(1)),
            Err(SignedDuration::from_secs(3))
        );
        assert_eq!(th.check("anna@example.org", a, t(4)), Ok(()));
        // Another address, another account: not held up.
        assert_eq!(th.check("anna@example.org", b, t(1)), Ok(()));
        assert_eq!(th.check("ben@example.org", a, t(1)), Ok(()));
        // A day without failures forgets the count.
        th.failed("anna@example.org", a, t(10));
        assert!(th.check("anna@example.org", a, t(11)).is_err());
        assert_eq!(th.check("anna@example.org", a, t(10 + 86_400)), Ok(()));
    }

    #[test]
    fn ipv6_addresses_count_per_64_block() {
        let th = Throttle::default();
        for i in 0..21 {
            let ip: IpAddr = format!("2001:db8:1:2::{i:x}").parse().unwrap();
            th.failed(&format!("user{i}@example.org"), ip, t(0));
        }
        let same_block: IpAddr = "2001:db8:1:2:ffff::1".parse().unwrap();
        let other_block: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert!(th.check("new@example.org", same_block, t(1)).is_err());
        assert_eq!(th.check("new@example.org", other_block, t(1)), Ok(()));
    }

    #[test]
    fn a_full_table_drops_the_oldest_counts_first() {
        let mut table: Table<u32> = Table(HashMap::new());
        for i in 0..u32::try_from(MAX_ENTRIES).unwrap() {
            table.fail(i, PAIR, t(i64::from(i / 10)));
        }
        table.fail(u32::MAX, PAIR, t(10_001));
        assert!(table.0.len() <= MAX_ENTRIES / 2 + 1, "{}", table.0.len());
        assert!(table.0.contains_key(&u32::MAX));
        assert!(!table.0.contains_key(&0));
    }
}
