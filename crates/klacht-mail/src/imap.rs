//! An IMAP mailbox for the intake (issue 17): messages not yet taken are fetched, and a message
//! that has been taken is moved to another folder or flagged, so that it is not taken again.
//!
//! ```text
//! imaps://user:password@imap.example.nl[:993][/FOLDER]      implicit TLS
//! imap://user:password@imap.example.nl[:143][/FOLDER]?starttls=true
//! imap://user:password@127.0.0.1:1143[/FOLDER]               plain, only to this machine (tests)
//! ```
//!
//! User and password are percent-encoded (`@` as `%40`); the folder is `INBOX` when none is
//! given. Certificates are checked against the Mozilla roots (webpki-roots) and, when given,
//! the certificates of a PEM file (a private CA). Errors name the server and the folder, never
//! the password.
//!
//! "Not yet taken" is: in the folder, not deleted, and without the keyword `$KlachtTaken`; on a
//! server that allows no keywords in the folder, not `\Seen`. Several instances may fetch the
//! same message; the caller claims each by `(mailbox, uid_validity, uid)` before it acts on it.

use async_imap::types::Flag;
use futures_util::TryStreamExt;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::rustls;

/// The keyword a message taken in place ([`After::Flag`]) gets.
pub const TAKEN_KEYWORD: &str = "$KlachtTaken";

/// Messages fetched by one [`Mailbox::fetch_new`] at most (the oldest first).
pub const FETCH_BATCH: usize = 20;

/// How long connecting, and each command, may take.
const TIMEOUT: Duration = Duration::from_secs(60);

/// What can go wrong with the mailbox. The texts name server and folder, never the password.
#[derive(Debug, thiserror::Error)]
pub enum ImapError {
    /// The URL cannot be used.
    #[error("invalid IMAP URL: {0}")]
    Config(String),
    /// No connection to the server (DNS, refused, unreachable, no answer in time).
    #[error("cannot connect to IMAP server {server}: {detail}")]
    Connect { server: String, detail: String },
    /// TLS could not be set up (certificate, STARTTLS refused, …).
    #[error("TLS with IMAP server {server} failed: {detail}")]
    Tls { server: String, detail: String },
    /// The server refused the user name or password.
    #[error("IMAP server {server} refused the login of {user}: {detail}")]
    Auth {
        server: String,
        user: String,
        detail: String,
    },
    /// The server answered something else than it should, refused a command, or the
    /// connection broke.
    #[error("IMAP server {server}, folder {folder}: {detail}")]
    Protocol {
        server: String,
        folder: String,
        detail: String,
    },
}

/// One message fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub uid: u32,
    /// The folder's UIDVALIDITY: a UID names the same message only with the same value.
    pub uid_validity: u32,
    /// The whole message (RFC 5322).
    pub raw: Vec<u8>,
}

/// What becomes of a message once it has been taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum After {
    /// Moved into this folder (made when it does not exist).
    Move(String),
    /// Left in place, flagged `\Seen` and `$KlachtTaken`.
    Flag,
}

/// What ended [`Mailbox::idle_or_wait`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wake {
    /// The server told of a change in the folder (IDLE).
    Changed,
    /// The time ran out (or the server has no IDLE and we slept).
    TimedOut,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Security {
    Tls,
    StartTls,
    Plain,
}

/// Where and how to connect; from [`Target::parse`].
#[derive(Clone)]
struct Target {
    security: Security,
    host: String,
    port: u16,
    user: String,
    password: String,
    folder: String,
}

impl Target {
    fn parse(url: &str) -> Result<Target, ImapError> {
        let bad = |why: &str| ImapError::Config(why.to_owned());
        let parsed = url::Url::parse(url)
            .map_err(|e| ImapError::Config(format!("{e} (expected imaps://user:password@host)")))?;
        let starttls = parsed
            .query_pairs()
            .any(|(k, v)| k == "starttls" && (v == "true" || v == "1" || v == "yes"));
        let host = parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| bad("no host"))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let security = match (parsed.scheme(), starttls) {
            ("imaps", false) => Security::Tls,
            ("imaps", true) => return Err(bad("imaps:// is TLS already; starttls is for imap://")),
            ("imap", true) => Security::StartTls,
            ("imap", false) => {
                if !["127.0.0.1", "localhost", "::1"].contains(&host.as_str()) {
                    return Err(bad(
                        "plain imap:// sends the password readable; use imaps:// or imap://…?starttls=true (plain only to 127.0.0.1 or localhost)",
                    ));
                }
                Security::Plain
            }
            (other, _) => {
                return Err(ImapError::Config(format!(
                    "scheme {other}: is not imap or imaps"
                )));
            }
        };
        let port = parsed.port().unwrap_or(match security {
            Security::Tls => 993,
            Security::StartTls | Security::Plain => 143,
        });
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|c| c.into_owned())
        };
        let user = decode(parsed.username()).map_err(|_| bad("the user name is not UTF-8"))?;
        if user.is_empty() {
            return Err(bad("no user name (imaps://user:password@host)"));
        }
        let password = decode(parsed.password().unwrap_or_default())
            .map_err(|_| bad("the password is not UTF-8"))?;
        let folder = decode(parsed.path().trim_start_matches('/'))
            .map_err(|_| bad("the folder is not UTF-8"))?;
        let folder = if folder.is_empty() {
            "INBOX".to_owned()
        } else {
            folder
        };
        Ok(Target {
            security,
            host,
            port,
            user,
            password,
            folder,
        })
    }

    fn server(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }
}

/// A connection of either kind; boxed so that one session type serves both.
trait Io: AsyncRead + AsyncWrite + Unpin + Send + Sync + std::fmt::Debug {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + Sync + std::fmt::Debug> Io for T {}
type Conn = Box<dyn Io>;
type Session = async_imap::Session<Conn>;

/// A mailbox folder, logged in and selected. After any error the connection may be gone:
/// drop the mailbox and [`Mailbox::connect`] again (after a pause).
///
/// Note: at `trace` level the `async_imap` crate logs the commands it sends, LOGIN with the
/// password among them; keep that target below `trace` in production.
pub struct Mailbox {
    session: Option<Session>,
    target: Target,
    uid_validity: u32,
    idle: bool,
    moves: bool,
    uidplus: bool,
    keywords: bool,
    /// Folders made or seen to exist in this session.
    folders: HashSet<String>,
}

impl std::fmt::Debug for Mailbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

async fn within<T, E>(
    what: impl std::future::Future<Output = Result<T, E>>,
    late: impl FnOnce() -> ImapError,
    err: impl FnOnce(E) -> ImapError,
) -> Result<T, ImapError> {
    match tokio::time::timeout(TIMEOUT, what).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(err(e)),
        Err(_) => Err(late()),
    }
}

fn tls_config(extra_roots: Option<&Path>) -> Result<rustls::ClientConfig, String> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = extra_roots {
        use rustls_pki_types::pem::PemObject;
        let pem = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut n = 0;
        for cert in rustls_pki_types::CertificateDer::pem_slice_iter(&pem) {
            let cert = cert.map_err(|e| format!("{}: {e}", path.display()))?;
            roots
                .add(cert)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            n += 1;
        }
        if n == 0 {
            return Err(format!("{}: no PEM certificate in it", path.display()));
        }
    }
    rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())
        .map(|b| b.with_root_certificates(roots).with_no_client_auth())
}

async fn start_tls(
    tcp: TcpStream,
    target: &Target,
    extra_roots: Option<&Path>,
) -> Result<Conn, ImapError> {
    let tls = |detail: String| ImapError::Tls {
        server: target.server(),
        detail,
    };
    let config = tls_config(extra_roots).map_err(tls)?;
    let name = rustls_pki_types::ServerName::try_from(target.host.clone())
        .map_err(|e| tls(format!("{}: {e}", target.host)))?;
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let stream = within(
        connector.connect(name, tcp),
        || tls("no TLS handshake within 60 s".into()),
        |e| tls(e.to_string()),
    )
    .await?;
    Ok(Box::new(stream))
}

/// Reads the server's greeting.
async fn greeting<T>(client: &mut async_imap::Client<T>, server: &str) -> Result<(), ImapError>
where
    T: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug,
{
    let connect_err = |detail: String| ImapError::Connect {
        server: server.to_owned(),
        detail,
    };
    let greeting = within(
        client.read_response(),
        || connect_err("no greeting within 60 s".into()),
        |e| connect_err(e.to_string()),
    )
    .await?;
    match greeting {
        Some(_) => Ok(()),
        None => Err(connect_err("the server closed the connection".into())),
    }
}

impl Mailbox {
    /// Connects, logs in and selects the folder of `url` (see the module's documentation).
    /// `tls_roots_extra`: a PEM file of certificates to trust besides the public roots.
    pub async fn connect(url: &str, tls_roots_extra: Option<&Path>) -> Result<Mailbox, ImapError> {
        let target = Target::parse(url)?;
        let server = target.server();
        let connect_err = |detail: String| ImapError::Connect {
            server: server.clone(),
            detail,
        };
        let proto = |detail: String| ImapError::Protocol {
            server: server.clone(),
            folder: target.folder.clone(),
            detail,
        };
        let tcp = within(
            TcpStream::connect((target.host.as_str(), target.port)),
            || connect_err("no connection within 60 s".into()),
            |e| connect_err(e.to_string()),
        )
        .await?;
        let client: async_imap::Client<Conn> = match target.security {
            Security::Tls => {
                let conn = start_tls(tcp, &target, tls_roots_extra).await?;
                let mut client = async_imap::Client::new(conn);
                greeting(&mut client, &server).await?;
                client
            }
            Security::Plain => {
                let mut client = async_imap::Client::new(Box::new(tcp) as Conn);
                greeting(&mut client, &server).await?;
                client
            }
            Security::StartTls => {
                let mut plain = async_imap::Client::new(tcp);
                greeting(&mut plain, &server).await?;
                within(
                    plain.run_command_and_check_ok("STARTTLS", None),
                    || proto("no answer to STARTTLS within 60 s".into()),
                    |e| ImapError::Tls {
                        server: server.clone(),
                        detail: format!("STARTTLS refused: {e}"),
                    },
                )
                .await?;
                // No greeting after STARTTLS.
                async_imap::Client::new(
                    start_tls(plain.into_inner(), &target, tls_roots_extra).await?,
                )
            }
        };
        let session =
            match tokio::time::timeout(TIMEOUT, client.login(&target.user, &target.password)).await
            {
                Ok(Ok(s)) => s,
                Ok(Err((async_imap::error::Error::No(detail), _))) => {
                    return Err(ImapError::Auth {
                        server,
                        user: target.user.clone(),
                        detail: detail.trim().to_owned(),
                    });
                }
                Ok(Err((e, _))) => return Err(proto(format!("login failed: {e}"))),
                Err(_) => return Err(proto("no answer to LOGIN within 60 s".into())),
            };
        let mut mailbox = Mailbox {
            session: Some(session),
            target,
            uid_validity: 0,
            idle: false,
            moves: false,
            uidplus: false,
            keywords: false,
            folders: HashSet::new(),
        };
        mailbox.start().await?;
        Ok(mailbox)
    }

    /// Reads the capabilities and selects the folder.
    async fn start(&mut self) -> Result<(), ImapError> {
        let t = self.target.clone();
        let session = self.session()?;
        let caps = within(
            session.capabilities(),
            late("CAPABILITY", &t),
            failed("CAPABILITY", &t),
        )
        .await?;
        let selected = within(
            session.select(&t.folder),
            late("SELECT", &t),
            failed("SELECT", &t),
        )
        .await?;
        self.idle = caps.has_str("IDLE");
        self.moves = caps.has_str("MOVE");
        self.uidplus = caps.has_str("UIDPLUS");
        self.uid_validity = selected.uid_validity.unwrap_or(0);
        self.keywords = selected
            .permanent_flags
            .iter()
            .any(|f| matches!(f, Flag::MayCreate) || *f == Flag::Custom(TAKEN_KEYWORD.into()));
        Ok(())
    }

    /// The session, while the connection lasts.
    fn session(&mut self) -> Result<&mut Session, ImapError> {
        match self.session.as_mut() {
            Some(session) => Ok(session),
            None => Err(ImapError::Protocol {
                server: self.target.server(),
                folder: self.target.folder.clone(),
                detail: "the connection was lost; connect again".into(),
            }),
        }
    }

    fn protocol(&self, detail: String) -> ImapError {
        ImapError::Protocol {
            server: self.target.server(),
            folder: self.target.folder.clone(),
            detail,
        }
    }

    /// `imaps://user@host:port/FOLDER` (or `imap://…`, `…?starttls=true`), for the log; never
    /// the password.
    pub fn describe(&self) -> String {
        let t = &self.target;
        let (scheme, tail) = match t.security {
            Security::Tls => ("imaps", ""),
            Security::StartTls => ("imap", "?starttls=true"),
            Security::Plain => ("imap", ""),
        };
        format!("{scheme}://{}@{}/{}{tail}", t.user, t.server(), t.folder)
    }

    /// The folder's UIDVALIDITY at selection.
    pub fn uid_validity(&self) -> u32 {
        self.uid_validity
    }

    /// Whether the server offers IDLE (else [`Mailbox::idle_or_wait`] sleeps).
    pub fn has_idle(&self) -> bool {
        self.idle
    }

    /// The messages in the folder not yet taken, the oldest first, at most [`FETCH_BATCH`]
    /// (call again until it gives none). They are read without being marked seen.
    pub async fn fetch_new(&mut self) -> Result<Vec<Fetched>, ImapError> {
        let query = if self.keywords {
            format!("UNDELETED UNKEYWORD {TAKEN_KEYWORD}")
        } else {
            "UNDELETED UNSEEN".to_owned()
        };
        let t = self.target.clone();
        let uid_validity = self.uid_validity;
        let session = self.session()?;
        let mut uids: Vec<u32> = within(
            session.uid_search(&query),
            late("UID SEARCH", &t),
            failed("UID SEARCH", &t),
        )
        .await?
        .into_iter()
        .collect();
        uids.sort_unstable();
        uids.truncate(FETCH_BATCH);
        let mut out = Vec::with_capacity(uids.len());
        for uid in uids {
            let stream = within(
                session.uid_fetch(uid.to_string(), "(UID BODY.PEEK[])"),
                late("UID FETCH", &t),
                failed("UID FETCH", &t),
            )
            .await?;
            let fetches: Vec<async_imap::types::Fetch> = within(
                stream.try_collect(),
                late("UID FETCH", &t),
                failed("UID FETCH", &t),
            )
            .await?;
            // A message expunged meanwhile by another client gives nothing.
            if let Some(raw) = fetches
                .iter()
                .find(|f| f.uid == Some(uid))
                .and_then(|f| f.body())
            {
                out.push(Fetched {
                    uid,
                    uid_validity,
                    raw: raw.to_vec(),
                });
            }
        }
        self.drain();
        Ok(out)
    }

    /// Marks the message `uid` as taken: moved to a folder, or flagged in place. Taking a
    /// message that is gone already (another instance took it) is no error.
    pub async fn taken(&mut self, uid: u32, after: &After) -> Result<(), ImapError> {
        let set = uid.to_string();
        let taken = if self.keywords {
            format!("\\Seen {TAKEN_KEYWORD}")
        } else {
            "\\Seen".to_owned()
        };
        match after {
            After::Flag => {
                self.store(&set, &format!("+FLAGS.SILENT ({taken})"))
                    .await?
            }
            After::Move(folder) => {
                self.ensure_folder(folder).await?;
                let t = self.target.clone();
                if self.moves {
                    let session = self.session()?;
                    within(
                        session.uid_mv(&set, folder),
                        late("UID MOVE", &t),
                        failed("UID MOVE", &t),
                    )
                    .await?;
                } else {
                    let session = self.session()?;
                    within(
                        session.uid_copy(&set, folder),
                        late("UID COPY", &t),
                        failed("UID COPY", &t),
                    )
                    .await?;
                    // Flagged taken too, so that it is not taken again should EXPUNGE fail.
                    self.store(&set, &format!("+FLAGS.SILENT (\\Deleted {taken})"))
                        .await?;
                    let uidplus = self.uidplus;
                    let session = self.session()?;
                    if uidplus {
                        let stream = within(
                            session.uid_expunge(&set),
                            late("UID EXPUNGE", &t),
                            failed("UID EXPUNGE", &t),
                        )
                        .await?;
                        let _: Vec<u32> = within(
                            stream.try_collect(),
                            late("UID EXPUNGE", &t),
                            failed("UID EXPUNGE", &t),
                        )
                        .await?;
                    } else {
                        // Without UIDPLUS there is only the whole EXPUNGE; it also removes
                        // what others marked deleted in this folder, as their mail client would.
                        let stream = within(
                            session.expunge(),
                            late("EXPUNGE", &t),
                            failed("EXPUNGE", &t),
                        )
                        .await?;
                        let _: Vec<u32> = within(
                            stream.try_collect(),
                            late("EXPUNGE", &t),
                            failed("EXPUNGE", &t),
                        )
                        .await?;
                    }
                }
            }
        }
        self.drain();
        Ok(())
    }

    async fn store(&mut self, set: &str, flags: &str) -> Result<(), ImapError> {
        let t = self.target.clone();
        let session = self.session()?;
        let stream = within(
            session.uid_store(set, flags),
            late("UID STORE", &t),
            failed("UID STORE", &t),
        )
        .await?;
        let _: Vec<async_imap::types::Fetch> = within(
            stream.try_collect(),
            late("UID STORE", &t),
            failed("UID STORE", &t),
        )
        .await?;
        Ok(())
    }

    /// Makes `folder` unless it exists.
    async fn ensure_folder(&mut self, folder: &str) -> Result<(), ImapError> {
        if self.folders.contains(folder) {
            return Ok(());
        }
        let t = self.target.clone();
        let session = self.session()?;
        let stream = within(
            session.list(Some(""), Some(folder)),
            late("LIST", &t),
            failed("LIST", &t),
        )
        .await?;
        let names: Vec<async_imap::types::Name> =
            within(stream.try_collect(), late("LIST", &t), failed("LIST", &t)).await?;
        if !names.iter().any(|n| n.name() == folder) {
            within(session.create(folder), late("CREATE", &t), |e| {
                ImapError::Protocol {
                    server: t.server(),
                    folder: t.folder.clone(),
                    detail: format!("cannot create the folder {folder}: {e}"),
                }
            })
            .await?;
        }
        self.folders.insert(folder.to_owned());
        Ok(())
    }

    /// Waits for news in the folder for at most `max`: with IDLE when the server offers it
    /// (woken by a new message), else by sleeping `max`. Then call [`Mailbox::fetch_new`].
    pub async fn idle_or_wait(&mut self, max: Duration) -> Result<Wake, ImapError> {
        if !self.idle {
            tokio::time::sleep(max).await;
            return Ok(Wake::TimedOut);
        }
        let session = self
            .session
            .take()
            .ok_or_else(|| self.protocol("the connection was lost; connect again".into()))?;
        let mut handle = session.idle();
        within(
            handle.init(),
            || self.protocol("no answer to IDLE within 60 s".into()),
            |e| self.protocol(format!("IDLE: {e}")),
        )
        .await?;
        let (wait, _stop) = handle.wait_with_timeout(max);
        let woke = wait
            .await
            .map_err(|e| self.protocol(format!("IDLE: {e}")))?;
        let session = within(
            handle.done(),
            || self.protocol("no answer to DONE within 60 s".into()),
            |e| self.protocol(format!("DONE: {e}")),
        )
        .await?;
        self.session = Some(session);
        self.drain();
        Ok(match woke {
            async_imap::extensions::idle::IdleResponse::NewData(_) => Wake::Changed,
            async_imap::extensions::idle::IdleResponse::Timeout
            | async_imap::extensions::idle::IdleResponse::ManualInterrupt => Wake::TimedOut,
        })
    }

    /// Logs out.
    pub async fn logout(mut self) -> Result<(), ImapError> {
        let t = self.target.clone();
        let session = self.session()?;
        within(session.logout(), late("LOGOUT", &t), failed("LOGOUT", &t)).await
    }

    /// Drops the server's unsolicited responses (the library keeps a bounded queue of them).
    fn drain(&mut self) {
        if let Some(session) = &self.session {
            while session.unsolicited_responses.try_recv().is_ok() {}
        }
    }
}

fn late(command: &'static str, t: &Target) -> impl FnOnce() -> ImapError + use<> {
    let (server, folder) = (t.server(), t.folder.clone());
    move || ImapError::Protocol {
        server,
        folder,
        detail: format!("no answer to {command} within 60 s"),
    }
}

fn failed(
    command: &'static str,
    t: &Target,
) -> impl FnOnce(async_imap::error::Error) -> ImapError + use<> {
    let (server, folder) = (t.server(), t.folder.clone());
    move |e| ImapError::Protocol {
        server,
        folder,
        detail: format!("{command}: {e}"),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn urls_give_security_port_user_and_folder() {
        let t =
            Target::parse("imaps://klachten%40org.nl:ge%2Fheim@imap.org.nl/Klachten%20in").unwrap();
        assert_eq!(t.security, Security::Tls);
        assert_eq!((t.host.as_str(), t.port), ("imap.org.nl", 993));
        assert_eq!(t.user, "klachten@org.nl");
        assert_eq!(t.password, "ge/heim");
        assert_eq!(t.folder, "Klachten in");

        let t = Target::parse("imap://u:p@imap.org.nl?starttls=true").unwrap();
        assert_eq!((t.security, t.port), (Security::StartTls, 143));
        assert_eq!(t.folder, "INBOX");

        let t = Target::parse("imap://u:p@127.0.0.1:1143/INBOX").unwrap();
        assert_eq!((t.security, t.port), (Security::Plain, 1143));
    }

    #[test]
    fn unsafe_or_broken_urls_are_refused_without_the_password() {
        for url in [
            "imap://u:secret@imap.org.nl",
            "imaps://u:secret@imap.org.nl?starttls=true",
            "pop3://u:secret@imap.org.nl",
            "imaps://imap.org.nl",
            "not a url secret",
        ] {
            let e = Target::parse(url).err().unwrap().to_string();
            assert!(e.starts_with("invalid IMAP URL: "), "{e}");
            assert!(!e.contains("secret"), "{url}: {e}");
        }
        assert_eq!(
            Target::parse("imap://u:secret@imap.org.nl")
                .err()
                .unwrap()
                .to_string(),
            "invalid IMAP URL: plain imap:// sends the password readable; use imaps:// or imap://…?starttls=true (plain only to 127.0.0.1 or localhost)"
        );
    }
}
