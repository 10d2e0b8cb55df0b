//! Why a mail could not be sent, worded for the operator who reads the log.

use std::path::PathBuf;

/// Everything that can go wrong between a [`crate::Mail`] and its delivery.
///
/// The caller retries a failed letter later unless [`MailError::is_permanent`] says that
/// retrying cannot help; so only faults of the message itself are permanent. Faults of the
/// setup (server down, wrong password, full disk) are not: the letter is fine and must go out
/// once the operator has fixed the setup.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The mail configuration is unusable (only from [`crate::Mailer::from_config`]).
    #[error("invalid mail configuration: {0}")]
    Config(String),

    /// An address of the mail cannot be used (`role` is "From", "To" or "Reply-To").
    #[error("invalid {role} address {address:?}: {reason}")]
    Address {
        role: &'static str,
        address: String,
        reason: String,
    },

    /// The mail cannot be turned into a message (bad Message-ID, language tag, …).
    #[error("cannot build mail {message_id:?}: {reason}")]
    Message { message_id: String, reason: String },

    /// The outbox file could not be written.
    #[error("cannot write {} to the outbox: {source}", path.display())]
    Outbox {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Nothing accepted the TCP connection.
    #[error("SMTP server {server} refused the connection: {detail}")]
    ConnectionRefused { server: String, detail: String },

    /// The connection could not be set up for another reason (DNS, unreachable network, …).
    #[error("cannot connect to SMTP server {server}: {detail}")]
    Connect { server: String, detail: String },

    /// The server did not answer in time.
    #[error("SMTP server {server} did not answer in time: {detail}")]
    Timeout { server: String, detail: String },

    /// TLS could not be established (certificate, protocol, STARTTLS not offered, …).
    #[error("TLS with SMTP server {server} failed: {detail}")]
    Tls { server: String, detail: String },

    /// The server refused the login; the credentials in the SMTP URL need fixing.
    #[error("SMTP server {server} refused the login ({code}): {detail}")]
    Auth {
        server: String,
        code: u16,
        detail: String,
    },

    /// The server refused the message for now (4xx); it may accept it later.
    #[error("SMTP server {server} temporarily refused the mail ({code}): {detail}")]
    Deferred {
        server: String,
        code: u16,
        detail: String,
    },

    /// The server refused the message for good (5xx), e.g. an unknown recipient.
    #[error("SMTP server {server} rejected the mail ({code}): {detail}")]
    Rejected {
        server: String,
        code: u16,
        detail: String,
    },

    /// Any other failure in the SMTP exchange (dropped connection, garbled answer, …).
    #[error("SMTP exchange with {server} failed: {detail}")]
    Smtp { server: String, detail: String },
}

impl MailError {
    /// True when sending the same mail again can never succeed, so it must not be retried:
    /// a bad address or message, or a 5xx rejection of the mail by the SMTP server.
    /// A bad configuration counts as permanent because the same call fails again.
    pub fn is_permanent(&self) -> bool {
        match self {
            MailError::Config(_)
            | MailError::Address { .. }
            | MailError::Message { .. }
            | MailError::Rejected { .. } => true,
            MailError::Outbox { .. }
            | MailError::ConnectionRefused { .. }
            | MailError::Connect { .. }
            | MailError::Timeout { .. }
            | MailError::Tls { .. }
            | MailError::Auth { .. }
            | MailError::Deferred { .. }
            | MailError::Smtp { .. } => false,
        }
    }
}
