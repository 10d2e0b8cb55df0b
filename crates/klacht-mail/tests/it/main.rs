//! klacht-mail's integration tests, in one binary: the outbox against a real directory
//! (`outbox`) and SMTP against a real server (`smtp`, aiosmtpd from [`support::smtpd`]).
// Tests stop where an expectation fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

mod inbound;
mod outbox;
mod smtp;
