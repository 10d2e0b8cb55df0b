//! klacht-mail's integration tests, in one binary: the outbox against a real directory
//! (`outbox`), SMTP against a real server (`smtp`, aiosmtpd from [`support::smtpd`]), mail in
//! (`inbound`, fixtures and fuzzing) and IMAP against a real Dovecot (`imap`, from
//! [`support::dovecot`]).
// Tests stop where an expectation fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

mod imap;
mod inbound;
mod outbox;
mod smtp;
