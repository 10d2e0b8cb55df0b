//! The regulation over time (T16): "Deze klachtenregeling is door het bestuur vastgesteld op …".
//!
//! A version is adopted with an adoption date and takes effect at 00:00 Europe/Amsterdam on that
//! date. A complaint is handled under the version in force on the day it was received — also
//! when it is registered later — and keeps that version. Two versions adopted for the same date:
//! the one adopted last replaces the other before it took effect.

use super::ProfileError;
use crate::types::Role;
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::BTreeSet;

/// An adopted version, as far as deciding which is in force goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Adopted {
    pub id: i64,
    /// The date it takes effect (its `adopted_on`).
    pub adopted_on: Date,
    /// When its adoption was recorded.
    pub adopted_at: Timestamp,
}

impl Adopted {
    fn order(&self) -> (Date, Timestamp, i64) {
        (self.adopted_on, self.adopted_at, self.id)
    }
}

/// The version in force on `day`: the one with the latest adoption date on or before it (of two
/// for the same date, the one adopted last). A day before every version's adoption date — a
/// complaint received before the organisation recorded its first version — falls under the
/// earliest version. `None` only without any version.
pub fn in_force(versions: &[Adopted], day: Date) -> Option<Adopted> {
    let effective = versions
        .iter()
        .filter(|v| v.adopted_on <= day)
        .max_by_key(|v| v.order());
    effective
        .or_else(|| versions.iter().min_by_key(|v| v.order()))
        .copied()
}

/// When a version is (or was, or will be) in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    /// From its adoption date until the day before `until` (the next version's date), or with no
    /// end while it is the latest.
    From { from: Date, until: Option<Date> },
    /// Another version adopted later for the same date replaced it before it took effect.
    Replaced { by: i64 },
}

/// The last day a version applies, given the day the next one takes effect (`until`).
pub fn last_day(until: Date) -> Option<Date> {
    until.yesterday().ok()
}

/// Each version's validity, the versions in the order they take effect.
pub fn validity(versions: &[Adopted]) -> Vec<(Adopted, Validity)> {
    let mut sorted: Vec<Adopted> = versions.to_vec();
    sorted.sort_by_key(Adopted::order);
    let mut out = Vec::with_capacity(sorted.len());
    for (i, v) in sorted.iter().enumerate() {
        let later = sorted.get(i + 1..).unwrap_or(&[]);
        let validity = match later.iter().rfind(|n| n.adopted_on == v.adopted_on) {
            Some(n) => Validity::Replaced { by: n.id },
            None => Validity::From {
                from: v.adopted_on,
                until: later.first().map(|n| n.adopted_on),
            },
        };
        out.push((*v, validity));
    }
    out
}

/// Who may draft and adopt versions of the regulation in klacht: the coordinator, who records
/// what the board decided, and the administrator, who sets the installation up.
pub fn may_manage<'a>(roles: impl IntoIterator<Item = &'a Role>) -> bool {
    let roles: BTreeSet<&Role> = roles.into_iter().collect();
    roles.contains(&Role::Coordinator) || roles.contains(&Role::Admin)
}

/// The profile source with its `adopted_on` set to `date`, everything else (comments, layout)
/// as it was. The source must parse as TOML and have a top-level `adopted_on`.
pub fn set_adopted_on(src: &str, date: Date) -> Result<String, Vec<ProfileError>> {
    let mut draft = super::edit::Draft::parse(src)?;
    if !draft.has("adopted_on") {
        return Err(vec![ProfileError {
            line: 1,
            column: 1,
            path: "adopted_on".into(),
            message:
                "is missing: the date the board adopted this version, e.g. adopted_on = 2025-01-01"
                    .into(),
        }]);
    }
    draft.set_adopted_on(date);
    Ok(draft.source())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn v(id: i64, on: Date, at: i64) -> Adopted {
        Adopted {
            id,
            adopted_on: on,
            adopted_at: Timestamp::from_second(at).unwrap(),
        }
    }

    #[test]
    fn t16_the_version_in_force_is_the_latest_adopted_on_or_before_the_day() {
        let versions = [
            v(1, date(2025, 1, 1), 100),
            v(2, date(2026, 3, 15), 200),
            v(3, date(2027, 1, 1), 300),
        ];
        assert_eq!(in_force(&versions, date(2026, 3, 14)).unwrap().id, 1);
        assert_eq!(in_force(&versions, date(2026, 3, 15)).unwrap().id, 2);
        assert_eq!(in_force(&versions, date(2026, 12, 31)).unwrap().id, 2);
        assert_eq!(in_force(&versions, date(2027, 1, 1)).unwrap().id, 3);
        // Before the first version: the earliest.
        assert_eq!(in_force(&versions, date(2024, 6, 1)).unwrap().id, 1);
        assert_eq!(in_force(&[], date(2024, 6, 1)), None);
    }

    #[test]
    fn t16_of_two_versions_for_the_same_date_the_one_adopted_last_is_in_force() {
        let versions = [
            v(4, date(2026, 3, 15), 500),
            v(2, date(2026, 3, 15), 200),
            v(1, date(2025, 1, 1), 100),
        ];
        assert_eq!(in_force(&versions, date(2026, 4, 1)).unwrap().id, 4);
        let validity = validity(&versions);
        assert_eq!(
            validity.iter().map(|(a, v)| (a.id, *v)).collect::<Vec<_>>(),
            vec![
                (
                    1,
                    Validity::From {
                        from: date(2025, 1, 1),
                        until: Some(date(2026, 3, 15))
                    }
                ),
                (2, Validity::Replaced { by: 4 }),
                (
                    4,
                    Validity::From {
                        from: date(2026, 3, 15),
                        until: None
                    }
                ),
            ]
        );
    }

    #[test]
    fn t16_the_adoption_date_is_rewritten_and_nothing_else() {
        let src = "# The board's version\nname = \"x\"\nadopted_on = 2025-01-01 # vastgesteld\n\n[organisation]\nname = \"adopted_on = 2025-01-01\"\n";
        assert_eq!(
            set_adopted_on(src, date(2027, 2, 1)).unwrap(),
            "# The board's version\nname = \"x\"\nadopted_on = 2027-02-01 # vastgesteld\n\n[organisation]\nname = \"adopted_on = 2025-01-01\"\n"
        );
        let missing = set_adopted_on("name = \"x\"\n", date(2027, 2, 1)).unwrap_err();
        assert_eq!(missing[0].path, "adopted_on");
        let broken = set_adopted_on("name = \n", date(2027, 2, 1)).unwrap_err();
        assert_eq!(broken[0].line, 1);
    }

    #[test]
    fn t16_the_coordinator_and_the_administrator_manage_the_versions() {
        assert!(may_manage(&[Role::Coordinator]));
        assert!(may_manage(&[Role::Admin]));
        assert!(!may_manage(&[Role::Board, Role::Handler, Role::Deputy]));
    }
}
