//! What the test modules share: a real SMTP server.

pub mod smtpd;
