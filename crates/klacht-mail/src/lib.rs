//! Mail for klacht. Out: letters to complainants (T5, T6, T7, K7) and notifications to staff.
//! In: messages read from an IMAP mailbox ([`imap`]) or a pipe, parsed and classified
//! ([`inbound`]), and tied to the letters they answer by thread keys ([`letter_message_id`],
//! [`letter_of`]).
//!
//! A [`Mail`] is turned into one RFC 5322 message by lettre's builder (module `message`); the
//! [`Mailer`] then hands it to one of two real implementations:
//!
//! * [`Outbox`] writes each message as an `.eml` file into a directory. It is the default when
//!   no SMTP server is configured, so development, demos and tests never mail a real person,
//!   and an operator can still open every letter in a mail client.
//! * [`Smtp`] delivers to an SMTP server (plain, STARTTLS or implicit TLS via rustls).
//!
//! Both take the same bytes, so what lands in the outbox is exactly what SMTP would send.
//! The caller decides about retries: [`MailError::is_permanent`] tells it whether trying the
//! same mail again can ever help. A retried mail keeps its `Message-ID`, so a recipient (or
//! the outbox) recognises a second copy as the same letter.

mod error;
pub mod imap;
pub mod inbound;
mod message;
mod outbox;
mod smtp;
mod thread;

use std::path::PathBuf;

pub use error::MailError;
pub use outbox::{Outbox, file_name as outbox_file_name};
pub use smtp::Smtp;
pub use thread::{
    LetterKey, NO_REFERENCE, letter_message_id, letter_of, reference_in, reply_to_address,
};

/// One outgoing message: a letter to a complainant or a notification to staff. Plain text, UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    /// The organisation, e.g. name "Stichting Voorbeeld", email "klachten@voorbeeld.nl".
    pub from: Address,
    /// Where answers should go when that is not `from` (e.g. the handler's own desk).
    pub reply_to: Option<Address>,
    /// The recipient; the name is optional.
    pub to: Address,
    pub subject: String,
    /// Plain text; any Unicode and lines of any length (lettre picks the transfer encoding).
    pub body: String,
    /// Language tag of the letter ("nl" or "en"), sent as `Content-Language`.
    pub language: String,
    /// Complaint reference such as "2026-0042", sent as `X-Klacht-Reference` so replies and
    /// bounces can be matched to the dossier.
    pub reference: Option<String>,
    /// Globally unique id without angle brackets, e.g.
    /// "klacht.2026-0042.17.3@klachten.voorbeeld.nl". Used as `Message-ID` so that a retried
    /// send is recognisable as the same message.
    pub message_id: String,
}

/// A mailbox: an email address with an optional display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub name: Option<String>,
    pub email: String,
}

impl Address {
    /// An address with a display name.
    pub fn new(name: impl Into<String>, email: impl Into<String>) -> Self {
        Self {
            name: Some(name.into()),
            email: email.into(),
        }
    }

    /// An address without a display name.
    pub fn email_only(email: impl Into<String>) -> Self {
        Self {
            name: None,
            email: email.into(),
        }
    }
}

/// What a successful send reports, for the log and the dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    /// The `.eml` path (outbox) or the SMTP server's final response (SMTP).
    pub detail: String,
}

/// Where outgoing mail goes; chosen once at startup from the configuration.
#[derive(Debug)]
pub enum Mailer {
    Outbox(Outbox),
    Smtp(Smtp),
}

impl Mailer {
    /// Chooses the implementation from the configuration.
    ///
    /// `smtp_url`: `None` gives an [`Outbox`] writing to `outbox_dir`. Otherwise an SMTP URL as
    /// lettre's `from_url` reads it: `smtp://host:port` (plain, port 25 by default),
    /// `smtp://host:port?tls=required` or `?tls=opportunistic` (STARTTLS, port 587 by default),
    /// `smtps://host:port` (implicit TLS, port 465 by default), each with optional
    /// percent-encoded `user:password@`.
    pub fn from_config(smtp_url: Option<&str>, outbox_dir: PathBuf) -> Result<Mailer, MailError> {
        match smtp_url {
            None => Ok(Mailer::Outbox(Outbox::new(outbox_dir))),
            Some(url) => Ok(Mailer::Smtp(Smtp::from_url(url)?)),
        }
    }

    /// Builds the message and delivers it.
    pub async fn send(&self, mail: &Mail) -> Result<Sent, MailError> {
        let message = message::build(mail)?;
        match self {
            Mailer::Outbox(outbox) => outbox.deliver(mail, &message).await,
            Mailer::Smtp(smtp) => smtp.deliver(message).await,
        }
    }

    /// "outbox /path" or "SMTP host:port (…)" for the startup log; never contains a password.
    pub fn describe(&self) -> String {
        match self {
            Mailer::Outbox(outbox) => outbox.describe(),
            Mailer::Smtp(smtp) => smtp.describe(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_names_the_target_but_never_the_password() {
        let smtp = Mailer::from_config(Some("smtp://user:secret@host:25"), PathBuf::from("/x"))
            .expect("valid URL");
        assert_eq!(smtp.describe(), "SMTP host:25 (plain, with login)");

        let outbox = Mailer::from_config(None, PathBuf::from("/var/lib/klacht/outbox"))
            .expect("outbox needs no checks");
        assert_eq!(outbox.describe(), "outbox /var/lib/klacht/outbox");
    }
}
