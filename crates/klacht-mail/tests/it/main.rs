//! klacht-mail's integration tests, in one binary: the outbox against a real directory
//! (`outbox`) and SMTP against a real server (`smtp`, aiosmtpd from [`support::smtpd`]).

mod support;

mod outbox;
mod smtp;
