//! klacht-web's integration tests, in one binary: the real application on a free port with a
//! fresh database and an injected clock ([`support::app`]), driven over HTTP, by a cookie-keeping
//! desk client ([`support::desk`]), by property-based fuzzers ([`support::fuzz`]) and in a real
//! headless Chromium ([`support::browser`]).
//!
//! `cargo test -p klacht-web --test it` runs them all; `cargo test -p klacht-web --test it fuzz::`
//! runs one module.
// Tests stop where an expectation fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

mod action_owners;
mod annual_publication;
mod api;
mod attacks;
mod backoffice;
mod browser_backoffice;
mod browser_phone;
mod browser_public;
mod browser_smoke;
mod calendar;
mod concerns;
mod desk;
mod desk_pages;
mod duplicates;
mod faults;
mod files;
mod form;
mod fuzz;
mod hearing;
mod http_limits;
mod ladder;
mod language;
mod letters;
mod notices;
mod periods;
mod privacy;
mod privacy_pages;
mod recovery_codes;
mod register;
mod report_formats;
mod reports;
mod settings;
mod setup;
mod site;
mod status_page;
mod tray;
mod versions;
mod waiting;
