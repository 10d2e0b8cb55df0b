//! A real IMAP server for tests: Debian's Dovecot (`apt-get install dovecot-imapd`) started as a
//! child process with a configuration of its own in a temporary directory: 127.0.0.1 on a free
//! port, one user (`klacht`, password `geheim`) from a passwd file, a Maildir under the
//! directory. [`Dovecot::start`] serves plain IMAP; [`Dovecot::start_tls`] also implicit TLS and
//! STARTTLS with a certificate of a test CA made by the `openssl` command ([`Dovecot::ca`]).
//! Stopped (by its own process id) when dropped; the system's Dovecot service is not touched.
//!
//! Without `dovecot` (or `openssl` for TLS) the start prints a `SKIPPED: …` line and gives
//! None, so the test returns early — unless `KLACHT_REQUIRE_IMAP=1` (CI), where that fails.
// Each test uses a different part of this file.
#![allow(dead_code)]

use std::fs;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

pub const USER: &str = "klacht";
pub const PASSWORD: &str = "geheim";

/// A running Dovecot; stopped when dropped.
pub struct Dovecot {
    child: Child,
    dir: TempDir,
    /// Plain IMAP (STARTTLS offered when TLS is on).
    pub port: u16,
    /// Implicit TLS, with [`Dovecot::start_tls`].
    pub imaps_port: Option<u16>,
}

fn require() -> bool {
    std::env::var("KLACHT_REQUIRE_IMAP").as_deref() == Ok("1")
}

fn skip(what: &str) {
    assert!(!require(), "KLACHT_REQUIRE_IMAP=1 but {what}");
    println!("SKIPPED: {what}");
}

fn has(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
        || Command::new(program)
            .arg("version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("local addr").port()
}

fn dovecot_binary() -> Option<PathBuf> {
    ["dovecot", "/usr/sbin/dovecot"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| has(&p.to_string_lossy()))
}

impl Dovecot {
    /// Plain IMAP on 127.0.0.1, or None (after the SKIPPED line) without Dovecot.
    pub fn start() -> Option<Dovecot> {
        Self::launch(false)
    }

    /// Plain IMAP with STARTTLS and implicit TLS on a second port, with a certificate for
    /// 127.0.0.1 and localhost from a test CA ([`Dovecot::ca`]).
    pub fn start_tls() -> Option<Dovecot> {
        Self::launch(true)
    }

    fn launch(tls: bool) -> Option<Dovecot> {
        let Some(binary) = dovecot_binary() else {
            skip("dovecot is not installed (apt-get install dovecot-imapd)");
            return None;
        };
        if tls && !has("openssl") {
            skip("openssl is not installed (for the test certificate)");
            return None;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        // Dovecot's own users (login, auth) must reach the directory; mail is kept by a
        // user other than root (Dovecot refuses root), or by us when we are not root.
        set_mode(d, 0o755);
        let me = fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(0);
        let (uid, gid) = if me == 0 {
            (65534, 65534)
        } else {
            let m = fs::metadata(d).expect("metadata");
            (m.uid(), m.gid())
        };
        for sub in ["run", "state", "home"] {
            fs::create_dir(d.join(sub)).expect("mkdir");
        }
        if me == 0 {
            std::os::unix::fs::chown(d.join("home"), Some(uid), Some(gid)).expect("chown home");
        }
        fs::write(d.join("passwd"), format!("{USER}:{{PLAIN}}{PASSWORD}\n")).expect("passwd");
        let port = free_port();
        let imaps_port = tls.then(free_port);
        let ssl = if tls {
            make_certificates(d);
            format!(
                "ssl = yes\nssl_cert = <{0}/server.pem\nssl_key = <{0}/server.key\n",
                d.display()
            )
        } else {
            "ssl = no\n".to_owned()
        };
        let unprivileged = if me == 0 {
            String::new()
        } else {
            let user = std::env::var("USER").unwrap_or_else(|_| uid.to_string());
            format!(
                "default_internal_user = {user}\ndefault_login_user = {user}\ndefault_internal_group = {gid}\n\
                 service anvil {{\n  chroot =\n}}\nservice imap-login {{\n  chroot =\n}}\n"
            )
        };
        let config = format!(
            r#"base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
{ssl}disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={d}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps}
  }}
}}
{unprivileged}"#,
            d = d.display(),
            imaps = imaps_port.unwrap_or(0),
        );
        fs::write(d.join("dovecot.conf"), config).expect("config");
        let log = fs::File::create(d.join("stdout.log")).expect("log file");
        let child = Command::new(binary)
            .arg("-F")
            .arg("-c")
            .arg(d.join("dovecot.conf"))
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("log file"))
            .stderr(log)
            .spawn()
            .expect("start dovecot");
        let mut server = Dovecot {
            child,
            dir,
            port,
            imaps_port,
        };
        server.wait_until_listening(port);
        if let Some(p) = imaps_port {
            server.wait_until_listening(p);
        }
        Some(server)
    }

    fn wait_until_listening(&mut self, port: u16) {
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("dovecot exited ({status}):\n{}", self.log());
            }
            assert!(
                Instant::now() < deadline,
                "dovecot not listening on {address} after 10 s:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// What Dovecot printed and logged so far.
    pub fn log(&self) -> String {
        let read = |name: &str| fs::read_to_string(self.dir.path().join(name)).unwrap_or_default();
        format!("{}{}", read("stdout.log"), read("dovecot.log"))
    }

    /// The PEM file of the test CA (with [`Dovecot::start_tls`]).
    pub fn ca(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    /// `imap://klacht:geheim@127.0.0.1:PORT/FOLDER`.
    pub fn url(&self, folder: &str) -> String {
        format!("imap://{USER}:{PASSWORD}@127.0.0.1:{}/{folder}", self.port)
    }

    /// `imaps://…` on the TLS port, to `host` (`127.0.0.1` or `localhost`).
    pub fn imaps_url(&self, host: &str, folder: &str) -> String {
        let port = self.imaps_port.expect("started with TLS");
        format!("imaps://{USER}:{PASSWORD}@{host}:{port}/{folder}")
    }

    /// `imap://…?starttls=true` to `host`.
    pub fn starttls_url(&self, host: &str, folder: &str) -> String {
        format!(
            "imap://{USER}:{PASSWORD}@{host}:{}/{folder}?starttls=true",
            self.port
        )
    }

    /// A second connection of our own (plain IMAP, logged in), as another mail client.
    pub async fn client(&self) -> async_imap::Session<tokio::net::TcpStream> {
        let tcp = tokio::net::TcpStream::connect(("127.0.0.1", self.port))
            .await
            .expect("connect");
        let mut client = async_imap::Client::new(tcp);
        client
            .read_response()
            .await
            .expect("greeting")
            .expect("greeting");
        client
            .login(USER, PASSWORD)
            .await
            .map_err(|(e, _)| e)
            .expect("login")
    }

    /// Puts `raw` into `folder` with IMAP APPEND, as a mail server's delivery would.
    pub async fn append(&self, folder: &str, raw: &[u8]) {
        let mut session = self.client().await;
        session
            .append(folder, None, None, raw)
            .await
            .expect("APPEND");
        session.logout().await.expect("LOGOUT");
    }

    /// The messages in `folder` and the flags of each, by UID (another client's view).
    pub async fn flags(&self, folder: &str) -> Vec<(u32, Vec<String>)> {
        use futures_util::TryStreamExt;
        let mut session = self.client().await;
        session.select(folder).await.expect("SELECT");
        let fetches: Vec<_> = session
            .uid_fetch("1:*", "(UID FLAGS)")
            .await
            .expect("FETCH")
            .try_collect()
            .await
            .expect("FETCH");
        let mut out: Vec<(u32, Vec<String>)> = fetches
            .iter()
            .map(|f| {
                let mut flags: Vec<String> = f.flags().map(|f| format!("{f:?}")).collect();
                flags.sort();
                (f.uid.unwrap_or(0), flags)
            })
            .collect();
        out.sort();
        let _ = session.logout().await;
        out
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        // SIGTERM to the master by its own pid, so that it stops its children; then reap it.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

/// A test CA and a certificate for 127.0.0.1 and localhost signed by it (P-256 keys).
fn make_certificates(d: &Path) {
    let run = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(d)
            .output()
            .expect("openssl");
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];
    run(&[
        &["req", "-x509", "-nodes"][..],
        &ec,
        &[
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=klacht test CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    ]
    .concat());
    run(&[
        &["req", "-nodes"][..],
        &ec,
        &[
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=localhost",
        ],
    ]
    .concat());
    fs::write(
        d.join("server.ext"),
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n",
    )
    .expect("ext");
    run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "server.ext",
    ]);
    // Dovecot reads the key as root before dropping privileges; keep it private anyway.
    set_mode(&d.join("server.key"), 0o600);
    set_mode(&d.join("ca.key"), 0o600);
}
