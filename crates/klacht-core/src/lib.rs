//! The regulation engine of klacht: pure Rust, no I/O, no async.
//!
//! - [`calendar`]: working days under the Algemene termijnenwet.
//! - [`deadlines`]: how a deadline stands on a day (urgency, working days late).
//! - [`profile`]: a klachtenregeling as data (TOML), with the built-ins `template`,
//!   `kjrw`, `awb` and `wkkgz`.
//! - [`procedure`]: commands → events → state; the one place a complaint changes.
//! - [`register`]: who keeps the recommendations register and who decides (T14).
//! - [`reminders`]: when the annual report (T15) and the evaluation (T16) are due.
//! - [`reports`]: the half-year and annual report figures, pure over aggregated rows.
//! - [`retention`]: how long personal data is kept, and when the daily round anonymises it.
//! - [`subject`]: requests of a data subject (AVG art. 12, 15, 16, 17).
//! - [`periods`]: how long what is not a complaint is kept (read log, notices, mail, …).
//! - [`personal`]: personal data marked apart from the event skeleton, for anonymisation.
//! - [`input`]: what a line or a text from outside may hold.
//! - [`ladder`]: the rung a complaint was settled on (at once, internally, outside) and the
//!   bodies of the next rung (issue 18).

pub mod calendar;
pub mod deadlines;
pub mod input;
pub mod ladder;
pub mod letters;
pub mod periods;
pub mod personal;
pub mod procedure;
pub mod profile;
pub mod publication;
pub mod register;
pub mod reminders;
pub mod reports;
pub mod retention;
pub mod subject;
pub mod texts;
pub mod types;
pub mod vocabulary;

pub use calendar::{Calendar, CalendarConfig};
pub use personal::Personal;
pub use profile::Profile;
pub use types::*;
