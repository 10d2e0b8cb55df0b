//! What the test modules share: a real SMTP server and a real IMAP server.

pub mod dovecot;
pub mod smtpd;
