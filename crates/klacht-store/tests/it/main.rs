//! The store's tests in one binary: the contract every backend keeps (each test runs on SQLite and
//! on PostgreSQL, see `support`), attacks, faults and operations.

// Tests stop where an expectation fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[macro_use]
mod support;

mod accounts;
mod attacks;
mod documents;
mod faults;
mod mail_in;
mod notifications;
mod ops;
mod outbox;
mod periods;
mod publications;
mod register;
mod reports;
mod reports_timing;
mod retention;
mod store;
