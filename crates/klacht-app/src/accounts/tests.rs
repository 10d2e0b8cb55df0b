//! The account use cases against a real (SQLite) store, as the back office and the command line
//! call them.

#![allow(clippy::unwrap_used, clippy::panic)]

use super::admin::{self, By, FirstPassword, NewAccount};
use super::links::{self, FirstCoordinator};
use super::own;
use super::password::NewPassword;
use super::sessions::{self, CodeOutcome};
use super::throttle::Throttle;
use super::totp;
use crate::{App, AppError, Config, FixedClock, Problem};
use jiff::Timestamp;
use klacht_core::procedure::RefusalKind;
use klacht_core::{Lang, Role};
use klacht_store::{NewUser, User};
use klacht_store_any::Store;
use std::collections::BTreeSet;
use std::net::IpAddr;
use std::sync::Arc;

const GOOD: &str = "vier losse woorden passen";

struct Setup {
    app: App,
    _dir: tempfile::TempDir,
}

async fn app() -> Setup {
    app_under("template").await
}

/// The accounts under the built-in regulation `name`.
async fn app_under(name: &str) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::connect(&format!("sqlite://{}", dir.path().join("k.db").display()))
        .await
        .unwrap();
    let source = klacht_core::profile::builtin_source(name).unwrap();
    let profile = klacht_core::profile::parse(source).unwrap();
    let now: Timestamp = "2026-05-04T10:00:00+02:00".parse().unwrap();
    let profiles = crate::profiles::register(&store, profile, source, now)
        .await
        .unwrap();
    let app = App::new(
        store,
        Arc::new(profiles),
        Arc::new(FixedClock::new(now)),
        dir.path().join("documents"),
        Config::new("https://klachten.example.nl/"),
    );
    Setup { app, _dir: dir }
}

async fn user(app: &App, email: &str, name: &str, roles: &[Role], password: Option<&str>) -> User {
    let id = app
        .store
        .create_user(
            &NewUser {
                email: email.into(),
                name: name.into(),
                roles: roles.iter().copied().collect(),
                password_hash: password.map(|p| super::password::hash(p).unwrap()),
            },
            app.clock.now(),
        )
        .await
        .unwrap();
    app.store.user(id).await.unwrap().unwrap()
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn fields(e: &AppError) -> Vec<(&str, Problem)> {
    match e {
        AppError::Invalid(p) => p.iter().map(|p| (p.field.as_str(), p.problem)).collect(),
        other => panic!("not invalid: {other:?}"),
    }
}

fn refusal(e: AppError) -> (RefusalKind, String) {
    match e {
        AppError::Refused(r) => (r.kind, r.message(Lang::En).to_owned()),
        other => panic!("not refused: {other:?}"),
    }
}

#[tokio::test]
async fn only_an_administrator_or_the_operator_makes_accounts_and_the_fields_are_checked() {
    let s = app().await;
    let hans = user(&s.app, "hans@example.org", "Hans", &[Role::Handler], None).await;
    let new = NewAccount {
        name: "Nina Nieuw".into(),
        email: "nina@example.org".into(),
        roles: BTreeSet::from([Role::Staff]),
        password: FirstPassword::Later,
        mail_language: Lang::Nl,
    };
    let (kind, message) = refusal(
        admin::add_user(&s.app, By::Admin(&hans), &new)
            .await
            .unwrap_err(),
    );
    assert_eq!(kind, RefusalKind::NotPermitted);
    assert_eq!(
        message,
        "Only an administrator (role ‘admin’) manages users."
    );
    assert_eq!(
        s.app.store.user_by_email("nina@example.org").await.unwrap(),
        None
    );

    let blank = NewAccount {
        name: "  ".into(),
        email: "nina.example.org".into(),
        roles: BTreeSet::new(),
        password: FirstPassword::Given(NewPassword {
            password: GOOD.into(),
            again: "iets anders".into(),
        }),
        mail_language: Lang::Nl,
    };
    let e = admin::add_user(&s.app, By::Operator, &blank)
        .await
        .unwrap_err();
    assert_eq!(
        fields(&e),
        [
            ("name", Problem::Empty),
            ("email", Problem::NotEmail),
            ("roles", Problem::NoRole),
            ("password_again", Problem::NotTheSame),
        ]
    );

    let id = admin::add_user(&s.app, By::Operator, &new).await.unwrap();
    let again = admin::add_user(&s.app, By::Operator, &new)
        .await
        .unwrap_err();
    assert!(matches!(&again, AppError::Duplicate(_)), "{again:?}");
    let nina = s.app.store.user(id).await.unwrap().unwrap();
    assert_eq!(nina.email, "nina@example.org");
    assert_eq!(nina.password_hash, None);
}

#[tokio::test]
async fn an_account_made_in_the_back_office_gets_its_link_by_mail_in_the_admins_language() {
    let s = app().await;
    let ada = user(&s.app, "ada@example.org", "Ada", &[Role::Admin], None).await;
    let new = NewAccount {
        name: "Nina Nieuw".into(),
        email: "Nina@Example.org".into(),
        roles: BTreeSet::from([Role::Handler]),
        password: FirstPassword::Mailed,
        mail_language: Lang::En,
    };
    admin::add_user(&s.app, By::Admin(&ada), &new)
        .await
        .unwrap();
    let later = s.app.clock.now() + jiff::SignedDuration::from_hours(1);
    let mail = s
        .app
        .store
        .claim_mail(later, jiff::SignedDuration::from_mins(1), 10)
        .await
        .unwrap();
    assert_eq!(mail.len(), 1);
    let m = &mail[0];
    assert_eq!(m.to, "nina@example.org");
    assert!(
        m.subject
            .starts_with("Your account for the complaints register of "),
        "{}",
        m.subject
    );
    assert!(
        m.body
            .contains("https://klachten.example.nl/beheer/wachtwoord/"),
        "{}",
        m.body
    );
}

/// K4: the staff account e-mails speak in the regulation's voice: under kjrw the invitation, the
/// new-password link and the cleared second factor say "je" in Dutch; under the model
/// regulation "u". And the refusals of one's own account say "je" on kjrw's pages.
#[tokio::test]
async fn k4_staff_account_mails_say_je_under_kjrw_and_u_under_the_model_regulation() {
    async fn mails(regulation: &str) -> Vec<(String, String)> {
        let s = app_under(regulation).await;
        let ada = user(&s.app, "ada@example.org", "Ada", &[Role::Admin], None).await;
        let new = NewAccount {
            name: "Nina Nieuw".into(),
            email: "nina@example.org".into(),
            roles: BTreeSet::from([Role::Handler]),
            password: FirstPassword::Mailed,
            mail_language: Lang::Nl,
        };
        let id = admin::add_user(&s.app, By::Admin(&ada), &new)
            .await
            .unwrap();
        let nina = s.app.store.user(id).await.unwrap().unwrap();
        admin::send_password_link(&s.app, By::Admin(&ada), &nina)
            .await
            .unwrap();
        admin::reset_second_factor(&s.app, By::Admin(&ada), &nina)
            .await
            .unwrap();
        let later = s.app.clock.now() + jiff::SignedDuration::from_hours(1);
        let mail = s
            .app
            .store
            .claim_mail(later, jiff::SignedDuration::from_mins(1), 10)
            .await
            .unwrap();
        assert_eq!(mail.len(), 3);
        mail.into_iter().map(|m| (m.subject, m.body)).collect()
    }
    fn formal(text: &str) -> Vec<&str> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| matches!(*w, "u" | "U" | "uw" | "Uw"))
            .collect()
    }

    let kjrw = mails("kjrw").await;
    let all: String = kjrw.iter().map(|(s, b)| format!("{s}\n{b}\n")).collect();
    assert_eq!(formal(&all), Vec::<&str>::new(), "{all}");
    assert!(
        kjrw[0]
            .0
            .starts_with("Je account voor de klachtenregistratie van ")
    );
    assert!(
        kjrw[0]
            .1
            .contains("Er is een account voor je gemaakt in klacht"),
        "{}",
        kjrw[0].1
    );
    assert!(
        kjrw[1]
            .1
            .contains("Je huidige wachtwoord blijft werken tot je een nieuw kiest."),
        "{}",
        kjrw[1].1
    );
    assert!(
        kjrw[2]
            .0
            .starts_with("Je tweede factor voor de klachtenregistratie van ")
    );
    assert!(
        kjrw[2]
            .1
            .contains("Bij de volgende keer inloggen stel je een nieuwe in."),
        "{}",
        kjrw[2].1
    );

    let template = mails("template").await;
    assert!(
        template[0]
            .0
            .starts_with("Uw account voor de klachtenregistratie van ")
    );
    assert!(
        template[1]
            .1
            .contains("Uw huidige wachtwoord blijft werken tot u een nieuw kiest."),
        "{}",
        template[1].1
    );
    assert!(
        template[2]
            .0
            .starts_with("Uw tweede factor voor de klachtenregistratie van ")
    );
}

#[tokio::test]
async fn nobody_changes_their_own_roles_or_deactivates_themselves() {
    let s = app().await;
    let ada = user(&s.app, "ada@example.org", "Ada", &[Role::Admin], None).await;
    let (kind, message) = refusal(
        admin::update_details(
            &s.app,
            By::Admin(&ada),
            &ada,
            "Ada",
            &BTreeSet::from([Role::Admin, Role::Coordinator]),
        )
        .await
        .unwrap_err(),
    );
    assert_eq!(kind, RefusalKind::NotPermitted);
    assert_eq!(
        message,
        "You cannot change your own roles; let another administrator do that. Nothing was saved."
    );
    let (_, message) = refusal(
        admin::set_active(&s.app, By::Admin(&ada), &ada, false)
            .await
            .unwrap_err(),
    );
    assert_eq!(message, "You cannot deactivate your own account.");
    match admin::set_active(&s.app, By::Admin(&ada), &ada, false).await {
        Err(AppError::Refused(r)) => {
            assert_eq!(
                r.said(Lang::Nl, true),
                "Je kunt je eigen account niet deactiveren."
            );
            assert_eq!(
                r.said(Lang::Nl, false),
                "U kunt uw eigen account niet deactiveren."
            );
        }
        other => panic!("not refused: {other:?}"),
    }
    let ada_now = s.app.store.user(ada.id).await.unwrap().unwrap();
    assert_eq!(ada_now.roles, BTreeSet::from([Role::Admin]));
    assert!(ada_now.active);
    // Her own name she may change.
    admin::update_details(&s.app, By::Admin(&ada), &ada, " Ada Lovelace ", &ada.roles)
        .await
        .unwrap();
    assert_eq!(
        s.app.store.user(ada.id).await.unwrap().unwrap().name,
        "Ada Lovelace"
    );
}

#[tokio::test]
async fn signing_in_answers_none_alike_for_a_wrong_password_an_unknown_address_and_a_wait() {
    let s = app().await;
    let hans = user(
        &s.app,
        "hans@example.org",
        "Hans",
        &[Role::Handler],
        Some(GOOD),
    )
    .await;
    let throttle = Throttle::default();
    let here = ip("192.0.2.7");
    let e = sessions::sign_in(&s.app, &throttle, here, " ", "", None)
        .await
        .unwrap_err();
    assert_eq!(
        fields(&e),
        [
            ("email", Problem::Required),
            ("password", Problem::Required)
        ]
    );
    let unknown = sessions::sign_in(&s.app, &throttle, here, "nobody@example.org", GOOD, None)
        .await
        .unwrap();
    assert_eq!(unknown, None);
    let signed_in = sessions::sign_in(&s.app, &throttle, here, "Hans@Example.org ", GOOD, None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(signed_in.user, hans.id);
    assert!(!signed_in.pending_second_factor);
    let session = sessions::current(&s.app, &signed_in.token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(session.user.id, hans.id);
    // Six wrong passwords from one address: the right one from there has to wait now …
    for _ in 0..6 {
        let wrong = sessions::sign_in(&s.app, &throttle, here, "hans@example.org", "wrong", None)
            .await
            .unwrap();
        assert_eq!(wrong, None);
    }
    let waiting = sessions::sign_in(&s.app, &throttle, here, "hans@example.org", GOOD, None)
        .await
        .unwrap();
    assert_eq!(waiting, None);
    // … and from elsewhere it works, replacing the session that browser had.
    let elsewhere = sessions::sign_in(
        &s.app,
        &throttle,
        ip("198.51.100.1"),
        "hans@example.org",
        GOOD,
        Some(&signed_in.token),
    )
    .await
    .unwrap();
    assert!(elsewhere.is_some());
    assert_eq!(
        sessions::current(&s.app, &signed_in.token).await.unwrap(),
        None
    );
}

#[tokio::test]
async fn a_second_factor_set_up_signs_in_with_a_code_once() {
    let s = app().await;
    let carla = user(
        &s.app,
        "carla@example.org",
        "Carla",
        &[Role::Coordinator],
        Some(GOOD),
    )
    .await;
    let secret = totp::new_secret();
    let now = s.app.clock.now();
    let e = own::enrol_second_factor(&s.app, &carla, &secret, "12345")
        .await
        .unwrap_err();
    assert_eq!(fields(&e), [("code", Problem::WrongCode)]);
    let e = own::enrol_second_factor(&s.app, &carla, "too short", "123456")
        .await
        .unwrap_err();
    assert_eq!(fields(&e), [("code", Problem::WrongCode)]);
    assert!(!s.app.store.user(carla.id).await.unwrap().unwrap().totp);
    let code = totp::code_at(&secret, now).unwrap();
    // Typed back in lower case and groups of four, as the page shows it.
    let typed = secret
        .to_lowercase()
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    own::enrol_second_factor(&s.app, &carla, &typed, &code)
        .await
        .unwrap();
    // The template requires a second factor of coordinators: she cannot remove it.
    let carla = s.app.store.user(carla.id).await.unwrap().unwrap();
    let (kind, _) = refusal(own::remove_second_factor(&s.app, &carla).await.unwrap_err());
    assert_eq!(kind, RefusalKind::NotPermitted);

    let throttle = Throttle::default();
    let here = ip("192.0.2.8");
    let first = sessions::sign_in(&s.app, &throttle, here, "carla@example.org", GOOD, None)
        .await
        .unwrap()
        .unwrap();
    assert!(first.pending_second_factor);
    let pending = sessions::pending(&s.app, &first.token)
        .await
        .unwrap()
        .unwrap();
    // The code used to set it up does not work again.
    let used = sessions::second_factor(&s.app, &throttle, here, &first.token, &pending, &code)
        .await
        .unwrap();
    assert_eq!(used, CodeOutcome::Wrong);
    let next = totp::code_at(&secret, now + jiff::SignedDuration::from_secs(30)).unwrap();
    let done = sessions::second_factor(&s.app, &throttle, here, &first.token, &pending, &next)
        .await
        .unwrap();
    let CodeOutcome::SignedIn(complete) = done else {
        panic!("{done:?}");
    };
    assert!(!complete.pending_second_factor);
    assert_ne!(complete.token, first.token);
    assert_eq!(sessions::current(&s.app, &first.token).await.unwrap(), None);
    let session = sessions::current(&s.app, &complete.token)
        .await
        .unwrap()
        .unwrap();
    assert!(!session.pending_totp);
}

#[tokio::test]
async fn the_setup_link_makes_one_first_coordinator_with_a_strong_password() {
    let s = app().await;
    let link = super::first_start_link(&s.app).await.unwrap().unwrap();
    let token = link
        .strip_prefix("https://klachten.example.nl/beheer/setup/")
        .unwrap()
        .to_owned();
    assert!(links::setup_link_works(&s.app, &token).await.unwrap());
    let weak = FirstCoordinator {
        name: "Carla".into(),
        email: "carla@example.org".into(),
        password: NewPassword {
            password: "123456789012".into(),
            again: "123456789012".into(),
        },
    };
    let e = links::create_first_coordinator(&s.app, &token, &weak)
        .await
        .unwrap_err();
    let AppError::Invalid(problems) = &e else {
        panic!("{e:?}");
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "password");
    assert_eq!(problems[0].problem, Problem::WeakPassword);
    assert!(
        problems[0]
            .message_nl
            .as_deref()
            .unwrap()
            .starts_with("Dit wachtwoord is te makkelijk te raden"),
        "{problems:?}"
    );
    let good = FirstCoordinator {
        password: NewPassword {
            password: GOOD.into(),
            again: GOOD.into(),
        },
        ..weak
    };
    let signed_in = links::create_first_coordinator(&s.app, &token, &good)
        .await
        .unwrap();
    let carla = s.app.store.user(signed_in.user).await.unwrap().unwrap();
    assert_eq!(
        carla.roles,
        BTreeSet::from([Role::Coordinator, Role::Admin])
    );
    assert!(!links::setup_link_works(&s.app, &token).await.unwrap());
    let again = links::create_first_coordinator(&s.app, &token, &good)
        .await
        .unwrap_err();
    assert!(matches!(again, AppError::NotFound { .. }), "{again:?}");
    assert_eq!(super::first_start_link(&s.app).await.unwrap(), None);
}

#[test]
fn a_typed_back_secret_is_made_plain() {
    assert_eq!(
        totp::usable_secret("abcd efgh ijkl mnop").as_deref(),
        Some("ABCDEFGHIJKLMNOP")
    );
    assert_eq!(totp::usable_secret("abcd efgh ijkl"), None);
}

/// Under KJRW the coordinator is a board member (K3): the first coordinator made through the
/// setup link gets the board's role too, so that the coordinator's steps are theirs.
#[tokio::test]
async fn k03_under_kjrw_the_first_coordinator_is_also_a_board_member() {
    let s = app_under("kjrw").await;
    let link = super::first_start_link(&s.app).await.unwrap().unwrap();
    let token = link
        .strip_prefix("https://klachten.example.nl/beheer/setup/")
        .unwrap()
        .to_owned();
    let first = FirstCoordinator {
        name: "Bea Bestuur".into(),
        email: "bea@example.org".into(),
        password: NewPassword {
            password: GOOD.into(),
            again: GOOD.into(),
        },
    };
    let signed_in = links::create_first_coordinator(&s.app, &token, &first)
        .await
        .unwrap();
    let bea = s.app.store.user(signed_in.user).await.unwrap().unwrap();
    assert_eq!(
        bea.roles,
        BTreeSet::from([Role::Coordinator, Role::Board, Role::Admin])
    );
    let org = klacht_core::procedure::Org {
        staff: vec![bea.staff()],
    };
    let profile = &s.app.regulation().profile;
    assert_eq!(
        klacht_core::procedure::acting_coordinators(profile, &org, None)
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        [bea.id],
        "she acts as coordinator"
    );
}
