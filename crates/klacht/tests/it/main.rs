//! The `klacht` binary's integration tests, in one binary: the binary as a user and an operator
//! run it (`cli`, `ops`), its letters over real SMTP (`mail`), a real full disk (`disk_full`, on
//! the small filesystem `.ci/run` mounts) and databases of earlier versions migrated in place
//! (`migration`, on the fixtures in `tests/fixtures/migration`). Each test runs the built binary
//! in a data directory of its own ([`support`]).
//!
//! `cargo test -p klacht --test it` runs them all; `cargo test -p klacht --test it disk_full`
//! the disk-full test alone.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

mod cli;
mod disk_full;
mod locked_out;
mod mail;
mod mail_in;
mod migration;
mod ops;
mod privacy;
