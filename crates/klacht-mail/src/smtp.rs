//! Delivery to an SMTP server with lettre's async transport.
//!
//! TLS is rustls with the `ring` provider and the webpki (Mozilla) roots, so the binary needs no
//! OpenSSL and no cmake, and behaves the same on every host. Each send opens its own connection:
//! letters go out a few at a time, and a fresh connection never trips over one the server has
//! silently closed.

use std::error::Error as _;
use std::fmt;
use std::io;
use std::time::Duration;

use lettre::transport::smtp::Error as SmtpError;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use url::Url;

use crate::{MailError, Sent};

/// How long to wait for the TCP (and TLS) connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// Upper bound for a whole send: lettre only times out the connect, and a server that stops
/// answering halfway must not hang the caller for ever.
const SEND_TIMEOUT: Duration = Duration::from_secs(120);

/// Sends through one SMTP server.
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    /// "host:port", for log lines and error messages.
    server: String,
    security: &'static str,
    login: bool,
}

impl fmt::Debug for Smtp {
    /// By hand, so that the credentials inside the transport can never reach a log.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Smtp")
            .field("server", &self.server)
            .field("security", &self.security)
            .field("login", &self.login)
            .finish_non_exhaustive()
    }
}

impl Smtp {
    /// Reads an SMTP URL the way lettre's `from_url` does (see [`crate::Mailer::from_config`]);
    /// the URL is parsed here as well only to name the server in messages without the password.
    pub fn from_url(url: &str) -> Result<Self, MailError> {
        let config = |reason: String| MailError::Config(format!("SMTP URL: {reason}"));
        let parsed = Url::parse(url).map_err(|e| config(e.to_string()))?;
        let tls = parsed
            .query_pairs()
            .find(|(key, _)| key == "tls")
            .map(|(_, value)| value.into_owned());
        let (security, default_port) = match (parsed.scheme(), tls.as_deref()) {
            ("smtp", None) => ("plain", 25),
            ("smtp", Some("required")) => ("STARTTLS", 587),
            ("smtp", Some("opportunistic")) => ("STARTTLS if offered", 587),
            ("smtps", _) => ("implicit TLS", 465),
            (scheme, tls) => {
                return Err(config(format!(
                    "unknown scheme {scheme:?} or tls={tls:?}; use smtp://, \
                     smtp://…?tls=required, smtp://…?tls=opportunistic or smtps://"
                )));
            }
        };
        let host = parsed
            .host_str()
            .filter(|host| !host.is_empty())
            .ok_or_else(|| config("no host".to_owned()))?;
        let server = format!("{host}:{}", parsed.port().unwrap_or(default_port));
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| config(format!("unusable for {server}: {e}")))?
            .timeout(Some(CONNECT_TIMEOUT))
            .build();
        Ok(Self {
            transport,
            server,
            security,
            login: parsed.password().is_some(),
        })
    }

    /// "host:port" of the server.
    pub fn server(&self) -> &str {
        &self.server
    }

    pub(crate) fn describe(&self) -> String {
        let login = if self.login { ", with login" } else { "" };
        format!("SMTP {} ({}{login})", self.server, self.security)
    }

    /// Sends; `Sent::detail` is the server's final answer.
    pub(crate) async fn deliver(&self, message: Message) -> Result<Sent, MailError> {
        let raw = message.formatted();
        // lettre ends DATA with "\r\n.\r\n" whether or not the message already ends with a
        // line break, which would add an empty line to every letter. The first CRLF of that
        // terminator ends the last line (RFC 5321 4.1.1.4), so hand over the message without its
        // own final CRLF: the server then stores exactly the bytes the outbox would write.
        let raw = raw.strip_suffix(b"\r\n").unwrap_or(&raw);
        let send = self.transport.send_raw(message.envelope(), raw);
        match tokio::time::timeout(SEND_TIMEOUT, send).await {
            Err(_elapsed) => Err(MailError::Timeout {
                server: self.server.clone(),
                detail: format!("no end of the exchange within {} s", SEND_TIMEOUT.as_secs()),
            }),
            Ok(Err(error)) => Err(self.classify(&error)),
            Ok(Ok(response)) => Ok(Sent {
                detail: format!(
                    "{} answered {} {}",
                    self.server,
                    u16::from(response.code()),
                    response.message().collect::<Vec<_>>().join(" ")
                ),
            }),
        }
    }

    /// Only a 5xx about the mail is permanent; see [`MailError::is_permanent`].
    fn classify(&self, error: &SmtpError) -> MailError {
        let server = self.server.clone();
        // lettre's own text starts with its error kind ("Connection error: …"); the source is
        // the part that tells the operator what happened.
        let detail = error
            .source()
            .map_or_else(|| error.to_string(), ToString::to_string);
        if let Some(code) = error.status() {
            let code = u16::from(code);
            return if matches!(code, 530 | 534 | 535 | 538) {
                // Authentication required / too weak / credentials invalid / needs encryption:
                // the setup is wrong, not the letter.
                MailError::Auth {
                    server,
                    code,
                    detail,
                }
            } else if error.is_permanent() {
                MailError::Rejected {
                    server,
                    code,
                    detail,
                }
            } else {
                MailError::Deferred {
                    server,
                    code,
                    detail,
                }
            };
        }
        if error.is_timeout() {
            return MailError::Timeout { server, detail };
        }
        match io_error_kind(error) {
            Some(io::ErrorKind::ConnectionRefused) => {
                return MailError::ConnectionRefused { server, detail };
            }
            Some(
                io::ErrorKind::HostUnreachable
                | io::ErrorKind::NetworkUnreachable
                | io::ErrorKind::AddrNotAvailable,
            ) => return MailError::Connect { server, detail },
            _ => {}
        }
        if error.is_tls() {
            return MailError::Tls { server, detail };
        }
        MailError::Smtp {
            server,
            detail: error.to_string(),
        }
    }
}

fn io_error_kind(error: &SmtpError) -> Option<io::ErrorKind> {
    let mut source = error.source();
    while let Some(inner) = source {
        if let Some(io_error) = inner.downcast_ref::<io::Error>() {
            return Some(io_error.kind());
        }
        source = inner.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_hides_the_password() {
        let smtp = Smtp::from_url("smtp://user:secret@host:25").expect("valid URL");
        let text = smtp.describe();
        assert!(text.starts_with("SMTP host:25"), "{text}");
        assert!(!text.contains("secret"), "{text}");
        assert!(!format!("{smtp:?}").contains("secret"));
    }

    #[test]
    fn default_ports_and_security_follow_the_scheme() {
        for (url, expected) in [
            ("smtp://mail.example.nl", "SMTP mail.example.nl:25 (plain)"),
            (
                "smtp://mail.example.nl?tls=required",
                "SMTP mail.example.nl:587 (STARTTLS)",
            ),
            (
                "smtps://a%40b:p%40ss@mail.example.nl",
                "SMTP mail.example.nl:465 (implicit TLS, with login)",
            ),
        ] {
            let smtp = Smtp::from_url(url).expect("valid URL");
            assert_eq!(smtp.describe(), expected);
        }
    }

    #[test]
    fn bad_urls_are_configuration_errors_without_the_password() {
        for url in [
            "http://user:secret@host",
            "smtp://user:secret@host?tls=sometimes",
            "not a url",
        ] {
            let error = Smtp::from_url(url).expect_err("refused");
            assert!(matches!(error, MailError::Config(_)), "{error}");
            assert!(!error.to_string().contains("secret"), "{error}");
        }
    }
}
