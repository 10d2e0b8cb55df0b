//! What the test modules share: fixed times and staff members.

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use klacht_core::procedure::Staff;
use klacht_core::{Role, UserId};

/// Noon UTC: the same calendar day in Amsterdam, in summer and in winter.
pub fn noon(d: Date) -> Timestamp {
    d.at(12, 0, 0, 0)
        .to_zoned(TimeZone::UTC)
        .expect("a valid date")
        .timestamp()
}

/// A staff member who is present, with `roles`.
pub fn person(id: i64, name: &str, roles: &[Role]) -> Staff {
    Staff {
        id: UserId(id),
        name: name.to_owned(),
        roles: roles.iter().copied().collect(),
        absent: false,
    }
}
