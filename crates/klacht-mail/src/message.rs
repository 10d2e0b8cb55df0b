//! Turning a [`Mail`] into an RFC 5322 message with lettre's builder.
//!
//! Both implementations send exactly these bytes, so header encoding (encoded-words for a
//! non-ASCII subject or name, the body's transfer encoding, line folding) is lettre's job and
//! is the same everywhere.

use lettre::Message;
use lettre::message::Mailbox;
use lettre::message::header::{self, ContentType, Header, HeaderName, HeaderValue};

use crate::{Address, Mail, MailError};

/// `Content-Language` (RFC 3282): lets the recipient's client pick spelling and speech.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ContentLanguage(pub(crate) String);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.trim().to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `X-Klacht-Reference`: the complaint reference, so that replies and bounces can be
/// matched to the dossier without reading the subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KlachtReference(pub(crate) String);

impl Header for KlachtReference {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("X-Klacht-Reference")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.trim().to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// Builds the message; every fault found here is a fault of the mail, so permanent.
pub(crate) fn build(mail: &Mail) -> Result<Message, MailError> {
    let invalid = |reason: String| MailError::Message {
        message_id: mail.message_id.clone(),
        reason,
    };
    check_message_id(&mail.message_id).map_err(invalid)?;
    check_language(&mail.language).map_err(invalid)?;
    // A header is one line: a line break would end it (and start another header of the
    // sender's choosing), and lettre refuses to encode one.
    if mail.subject.chars().any(char::is_control) {
        return Err(invalid(format!(
            "the subject {:?} contains a line break or another control character",
            mail.subject
        )));
    }

    let mut builder = Message::builder()
        .from(mailbox("From", &mail.from)?)
        .to(mailbox("To", &mail.to)?)
        .subject(mail.subject.as_str())
        .date_now()
        .message_id(Some(format!("<{}>", mail.message_id)))
        .header(header::MIME_VERSION_1_0)
        .header(ContentLanguage(mail.language.clone()))
        .header(ContentType::TEXT_PLAIN);
    if let Some(reply_to) = &mail.reply_to {
        builder = builder.reply_to(mailbox("Reply-To", reply_to)?);
    }
    if let Some(reference) = &mail.reference {
        if reference.is_empty() || reference.chars().any(char::is_control) {
            return Err(invalid(format!("unusable reference {reference:?}")));
        }
        builder = builder.header(KlachtReference(reference.clone()));
    }
    builder
        .body(mail.body.clone())
        .map_err(|e| invalid(e.to_string()))
}

fn mailbox(role: &'static str, address: &Address) -> Result<Mailbox, MailError> {
    if let Some(name) = &address.name
        && name.chars().any(char::is_control)
    {
        return Err(MailError::Address {
            role,
            address: address.email.clone(),
            reason: format!("the name {name:?} contains a line break or another control character"),
        });
    }
    let email = address
        .email
        .parse::<lettre::Address>()
        .map_err(|e| MailError::Address {
            role,
            address: address.email.clone(),
            reason: e.to_string(),
        })?;
    let name = address.name.clone().filter(|name| !name.trim().is_empty());
    Ok(Mailbox::new(name, email))
}

/// A Message-ID must be `id-left "@" id-right` in printable ASCII (RFC 5322 3.6.4); anything
/// else would be mangled by lettre's encoder and no longer recognisable on a retry.
fn check_message_id(id: &str) -> Result<(), String> {
    let printable = id
        .bytes()
        .all(|b| b.is_ascii_graphic() && b != b'<' && b != b'>');
    match id.split_once('@') {
        Some((left, right)) if printable && !left.is_empty() && !right.is_empty() => Ok(()),
        _ => Err(format!(
            "Message-ID {id:?} is not of the form left@right in printable ASCII without <>"
        )),
    }
}

/// A language tag such as "nl" or "en-GB" (RFC 5646 letters, digits and hyphens).
fn check_language(tag: &str) -> Result<(), String> {
    let valid = !tag.is_empty()
        && tag.len() <= 35
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "language {tag:?} is not a language tag like \"nl\""
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::MessageParser;

    fn letter() -> Mail {
        Mail {
            from: Address::new("Stichting Voorbeeld", "klachten@voorbeeld.nl"),
            reply_to: Some(Address::new(
                "Afdeling Klachten",
                "behandelaar@voorbeeld.nl",
            )),
            to: Address::new("Jan de Vries", "jan@example.nl"),
            subject: "Uw klacht — één".to_owned(),
            body: "Geachte heer De Vries,\n\nWij hebben uw klacht ontvangen.\n".to_owned(),
            language: "nl".to_owned(),
            reference: Some("2026-0042".to_owned()),
            message_id: "klacht.2026-0042.17.3@klachten.voorbeeld.nl".to_owned(),
        }
    }

    fn formatted(mail: &Mail) -> String {
        let message = build(mail).expect("message builds");
        String::from_utf8(message.formatted()).expect("formatted message is ASCII")
    }

    #[test]
    fn message_has_all_headers() {
        let raw = formatted(&letter());
        let head = raw.split("\r\n\r\n").next().expect("header block");
        for expected in [
            "From: \"Stichting Voorbeeld\" <klachten@voorbeeld.nl>\r\n",
            "Reply-To: \"Afdeling Klachten\" <behandelaar@voorbeeld.nl>\r\n",
            "To: \"Jan de Vries\" <jan@example.nl>\r\n",
            "Message-ID: <klacht.2026-0042.17.3@klachten.voorbeeld.nl>\r\n",
            "Content-Language: nl\r\n",
            "X-Klacht-Reference: 2026-0042\r\n",
            "Content-Type: text/plain; charset=utf-8\r\n",
            "MIME-Version: 1.0\r\n",
            "Date: ",
        ] {
            assert!(head.contains(expected), "missing {expected:?} in\n{head}");
        }
    }

    #[test]
    fn non_ascii_subject_is_an_encoded_word_and_decodes_back() {
        let raw = formatted(&letter());
        let subject_line = raw
            .lines()
            .find(|line| line.starts_with("Subject: "))
            .expect("Subject header");
        assert!(subject_line.contains("=?utf-8?"), "{subject_line}");

        let parsed = MessageParser::default()
            .parse(raw.as_bytes())
            .expect("parses");
        assert_eq!(parsed.subject(), Some("Uw klacht — één"));
        assert_eq!(
            parsed.message_id(),
            Some("klacht.2026-0042.17.3@klachten.voorbeeld.nl")
        );
        assert_eq!(
            parsed.body_text(0).map(|text| text.replace("\r\n", "\n")),
            Some(letter().body)
        );
    }

    #[test]
    fn without_reference_or_reply_to_those_headers_are_absent() {
        let mail = Mail {
            reference: None,
            reply_to: None,
            ..letter()
        };
        let raw = formatted(&mail);
        assert!(!raw.contains("X-Klacht-Reference"));
        assert!(!raw.contains("Reply-To"));
    }

    #[test]
    fn bad_address_is_a_permanent_error_naming_the_address() {
        let mail = Mail {
            to: Address::email_only("jan.example.nl"),
            ..letter()
        };
        let error = build(&mail).expect_err("address without @ is refused");
        assert!(matches!(error, MailError::Address { role: "To", .. }));
        assert!(error.is_permanent());
        assert!(error.to_string().contains("jan.example.nl"), "{error}");
    }

    #[test]
    fn bad_message_id_and_language_are_permanent_errors() {
        for mail in [
            Mail {
                message_id: "<a@b>".to_owned(),
                ..letter()
            },
            Mail {
                message_id: "no-at-sign".to_owned(),
                ..letter()
            },
            Mail {
                language: "nl\r\nBcc: x@y".to_owned(),
                ..letter()
            },
        ] {
            let error = build(&mail).expect_err("refused");
            assert!(error.is_permanent(), "{error}");
        }
    }
}
