//! Locked out, as the operator lets someone back in with the binary against a running `klacht
//! serve`: `klacht user reset-password` prints a link that works once and lets the person sign in
//! with the new password (and no longer with the old one, nor in the sessions they had), and
//! `klacht user reset-second-factor` clears the second factor and its recovery codes, ends the
//! person's sessions, and makes the next sign-in ask them to set up a new one.

use crate::cli::{serve, store_of, terminate};
use crate::support::{command, klacht, text};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

const OLD: &str = "correct horse battery staple";
const NEW: &str = "vier losse woorden passen";

/// `klacht user add` with a password from standard input.
fn add_user(data: &Path, email: &str, role: &str) {
    let mut child = command(data, None)
        .args([
            "user",
            "add",
            "--email",
            email,
            "--name",
            "Hanna Handler",
            "--role",
            role,
            "--password-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{OLD}\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// A browser without JavaScript: keeps cookies, follows no redirects.
struct Browser {
    base: String,
    http: reqwest::Client,
    cookies: BTreeMap<String, String>,
}

/// An answer: status, where it redirects to, the page.
struct Answer {
    status: u16,
    location: Option<String>,
    body: String,
}

impl Answer {
    /// The value of the input named `name`.
    fn input(&self, name: &str) -> String {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self.body.find(&marker).unwrap() + marker.len();
        let end = self.body[start..].find('"').unwrap();
        self.body[start..start + end].to_owned()
    }
}

impl Browser {
    fn new(base: &str) -> Browser {
        Browser {
            base: base.to_owned(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: BTreeMap::new(),
        }
    }

    async fn send(&mut self, r: reqwest::RequestBuilder) -> Answer {
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let r = r
            .header(reqwest::header::COOKIE, cookie)
            .send()
            .await
            .unwrap();
        for c in r.headers().get_all(reqwest::header::SET_COOKIE) {
            let c = c.to_str().unwrap();
            let (pair, attrs) = c.split_once(';').unwrap_or((c, ""));
            let (k, v) = pair.split_once('=').unwrap();
            if v.is_empty() || attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), v.to_owned());
            }
        }
        Answer {
            status: r.status().as_u16(),
            location: r
                .headers()
                .get(reqwest::header::LOCATION)
                .map(|l| l.to_str().unwrap().to_owned()),
            body: r.text().await.unwrap(),
        }
    }

    async fn get(&mut self, path: &str) -> Answer {
        let r = self.http.get(format!("{}{path}", self.base));
        self.send(r).await
    }

    async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Answer {
        let r = self.http.post(format!("{}{path}", self.base)).form(form);
        self.send(r).await
    }

    /// The password step of signing in.
    async fn sign_in(&mut self, email: &str, password: &str) -> Answer {
        let csrf = self.get("/beheer/inloggen").await.input("csrf");
        self.post(
            "/beheer/inloggen",
            &[
                ("csrf", &csrf),
                ("email", email),
                ("password", password),
                ("terug", "/beheer"),
            ],
        )
        .await
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn locked_out_reset_password_link_works_once_and_signs_in_with_the_new_password() {
    let dir = tempfile::tempdir().unwrap();
    add_user(dir.path(), "hanna@example.org", "handler");
    let server = serve(dir.path(), "template");
    // Hanna is signed in somewhere, then forgets her password.
    let mut elsewhere = Browser::new(&server.base);
    let r = elsewhere.sign_in("hanna@example.org", OLD).await;
    assert_eq!((r.status, r.location.as_deref()), (303, Some("/beheer")));
    assert_eq!(elsewhere.get("/beheer").await.status, 200);

    let out = klacht(
        dir.path(),
        &[
            "user",
            "reset-password",
            "--email",
            "hanna@example.org",
            "--public-url",
            &server.base,
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let link = text(&out.stdout).trim().to_owned();
    let path = link
        .strip_prefix(&server.base)
        .unwrap_or_else(|| panic!("{link}"))
        .to_owned();
    assert!(path.starts_with("/beheer/wachtwoord/"), "{path}");
    assert!(
        text(&out.stderr).contains("it works once, for 7 days"),
        "{}",
        text(&out.stderr)
    );

    let mut b = Browser::new(&server.base);
    let form = b.get(&path).await;
    assert_eq!(form.status, 200, "{}", form.body);
    let set = b
        .post(&path, &[("password", NEW), ("password_again", NEW)])
        .await;
    assert_eq!(set.status, 303, "{}", set.body);
    assert!(
        set.location
            .as_deref()
            .unwrap()
            .starts_with("/beheer/inloggen?"),
        "{:?}",
        set.location
    );
    // The link works once.
    let again = b
        .post(&path, &[("password", OLD), ("password_again", OLD)])
        .await;
    assert_eq!(again.status, 410);
    assert!(
        again
            .body
            .contains("Deze link is al gebruikt, verlopen of vervangen door een nieuwere."),
        "{}",
        again.body
    );
    assert_eq!(b.get(&path).await.status, 410);
    // Her old session ended with the new password.
    let old_session = elsewhere.get("/beheer").await;
    assert_eq!(old_session.status, 303);
    assert!(
        old_session
            .location
            .unwrap()
            .starts_with("/beheer/inloggen"),
    );
    // The old password no longer works; the new one does.
    assert_eq!(b.sign_in("hanna@example.org", OLD).await.status, 401);
    let r = b.sign_in("hanna@example.org", NEW).await;
    assert_eq!((r.status, r.location.as_deref()), (303, Some("/beheer")));
    assert_eq!(b.get("/beheer").await.status, 200);

    // In the account log: the link by the operator, the password set by Hanna.
    let store = store_of(dir.path()).await;
    let hanna = store
        .user_by_email("hanna@example.org")
        .await
        .unwrap()
        .unwrap();
    let log: Vec<_> = store
        .account_audit(None, 10)
        .await
        .unwrap()
        .iter()
        .map(|e| (e.actor, e.action))
        .collect();
    assert_eq!(
        log[..2],
        [
            (
                klacht_store::Actor::User(hanna.id),
                klacht_store::AuditAction::PasswordSet
            ),
            (
                klacht_store::Actor::Operator,
                klacht_store::AuditAction::PasswordLink
            ),
        ]
    );
    let _ = terminate(server);
}

#[tokio::test(flavor = "multi_thread")]
async fn locked_out_reset_second_factor_ends_sessions_and_the_next_sign_in_asks_to_set_one_up() {
    let dir = tempfile::tempdir().unwrap();
    add_user(dir.path(), "carla@example.org", "coordinator");
    // The server makes its key on the first start; the second factor is sealed with it.
    let server = serve(dir.path(), "template");
    let key = std::fs::read(dir.path().join("secret.key")).unwrap();
    let key = klacht_store::SecretKey::from_bytes(key.try_into().unwrap());
    let store = store_of(dir.path()).await;
    let carla = store
        .user_by_email("carla@example.org")
        .await
        .unwrap()
        .unwrap();
    let secret = klacht_app::accounts::totp::new_secret();
    let now = jiff::Timestamp::now();
    store
        .enrol_totp(carla.id, &secret, &key, now)
        .await
        .unwrap();
    store
        .set_recovery_codes(carla.id, &["abcdefghjkmnpqrs".to_owned()], now)
        .await
        .unwrap();
    // Carla signs in with her code.
    let mut b = Browser::new(&server.base);
    let r = b.sign_in("carla@example.org", OLD).await;
    assert_eq!(r.status, 303);
    assert!(
        r.location
            .as_deref()
            .unwrap()
            .starts_with("/beheer/inloggen/code"),
        "{:?}",
        r.location
    );
    let code = klacht_app::accounts::totp::code_at(&secret, jiff::Timestamp::now()).unwrap();
    let r = b
        .post(
            "/beheer/inloggen/code",
            &[("code", &code), ("terug", "/beheer")],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(b.get("/beheer").await.status, 200);

    // Her phone is lost, and her recovery codes with it: the operator clears the second factor.
    let out = klacht(
        dir.path(),
        &[
            "user",
            "reset-second-factor",
            "--email",
            "carla@example.org",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!store.user(carla.id).await.unwrap().unwrap().totp);
    assert_eq!(store.recovery_codes_left(carla.id).await.unwrap(), 0);
    // Her session ended.
    let ended = b.get("/beheer").await;
    assert_eq!(ended.status, 303);
    assert!(ended.location.unwrap().starts_with("/beheer/inloggen"));
    // The next sign-in asks no code, and the back office sends her to set up a new one first.
    let mut c = Browser::new(&server.base);
    let r = c.sign_in("carla@example.org", OLD).await;
    assert_eq!((r.status, r.location.as_deref()), (303, Some("/beheer")));
    let home = c.get("/beheer").await;
    assert_eq!(
        (home.status, home.location.as_deref()),
        (303, Some("/beheer/account/tweede-factor"))
    );
    let setup = c.get("/beheer/account/tweede-factor").await;
    assert_eq!(setup.status, 200);
    assert!(
        setup.body.contains(
            "Voor uw rol vraagt de klachtenregeling van uw organisatie een tweede factor."
        ),
        "{}",
        setup.body
    );
    let log = store.account_audit(None, 1).await.unwrap();
    assert_eq!(
        (log[0].actor, log[0].action),
        (
            klacht_store::Actor::Operator,
            klacht_store::AuditAction::SecondFactorReset
        )
    );
    let _ = terminate(server);
}

#[test]
fn locked_out_the_help_says_what_the_reset_commands_do() {
    let dir = tempfile::tempdir().unwrap();
    let help = |cmd: &str| {
        let out = klacht(dir.path(), &["user", cmd, "--help"]);
        assert!(out.status.success());
        text(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let password = help("reset-password");
    assert!(
        password.contains("It works once, for 7 days, and stops earlier links"),
        "{password}"
    );
    let second = help("reset-second-factor");
    assert!(
        second.contains("Clear the user's second factor (TOTP) and its recovery codes"),
        "{second}"
    );
}
