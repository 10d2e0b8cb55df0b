//! Recovery codes, over real HTTP as a browser without JavaScript uses the back office: shown
//! once when the second factor is set up, each signs in once instead of a code from the app, a
//! wrong or used one is refused with a message that says so, the account page says how many are
//! left, and new ones stop the old ones. Every use is in the account log.

use crate::support::app;
use crate::support::desk;

use app::{PASSWORD, TestApp};
use desk::{Desk, Page};
use jiff::Timestamp;
use klacht_core::Role;
use klacht_store::{Actor, AuditAction};
use klacht_web::Clock;
use reqwest::StatusCode;

const NOW: &str = "2026-05-04T09:00:00+02:00";
const EMAIL: &str = "coord@example.org";

/// The template profile (a coordinator needs a second factor), without the per-minute limit on
/// sign-ins getting in the way of the many here.
async fn start() -> TestApp {
    let source = klacht_core::profile::builtin_source("template").unwrap();
    app::start(
        source,
        klacht_core::profile::parse(source).unwrap(),
        NOW.parse().unwrap(),
        app::PublicUrl::Test,
        |s| s.logins_per_minute = 1000,
    )
    .await
}

/// A coordinator with a password and no second factor yet.
async fn coordinator(app: &TestApp) -> klacht_core::UserId {
    app.store
        .create_user(
            &klacht_store::NewUser {
                email: EMAIL.into(),
                name: "Carla Coördinator".into(),
                roles: [Role::Coordinator].into_iter().collect(),
                password_hash: Some(klacht_web::password::hash(PASSWORD).unwrap()),
            },
            Timestamp::now(),
        )
        .await
        .unwrap()
}

/// The codes a page shows (`<code class="secret">…</code>`).
fn codes(page: &Page) -> Vec<String> {
    page.body
        .split("<code class=\"secret\">")
        .skip(1)
        .filter_map(|rest| rest.split_once("</code>").map(|(c, _)| c.to_owned()))
        .collect()
}

/// The password step in a new browser; it must lead to the code step.
async fn password_step(app: &TestApp) -> Desk {
    let mut d = Desk::new(app);
    let csrf = d.get("/beheer/inloggen").await.csrf();
    let r = d
        .post(
            "/beheer/inloggen",
            &[
                ("csrf", &csrf),
                ("email", EMAIL),
                ("password", PASSWORD),
                ("terug", "/beheer"),
            ],
        )
        .await;
    assert!(
        r.location
            .as_deref()
            .is_some_and(|l| l.starts_with("/beheer/inloggen/code")),
        "{}",
        r.body
    );
    d
}

async fn recovery(d: &mut Desk, code: &str) -> Page {
    d.post(
        "/beheer/inloggen/code",
        &[("recovery_code", code), ("terug", "/beheer")],
    )
    .await
}

const REFUSED: &str = "Deze herstelcode klopt niet of is al gebruikt. Elke herstelcode werkt één keer: typ een andere code van uw lijst.";

async fn log(app: &TestApp) -> Vec<(Actor, AuditAction)> {
    app.store
        .account_audit(None, 50)
        .await
        .unwrap()
        .iter()
        .rev()
        .map(|e| (e.actor, e.action))
        .collect()
}

#[tokio::test]
async fn recovery_codes_are_shown_once_and_each_signs_in_once() {
    let app = start().await;
    let carla = coordinator(&app).await;

    // Setting up the second factor (the back office sends her there first) shows ten codes.
    let mut d = Desk::sign_in(&app, EMAIL, None).await;
    assert_eq!(
        d.get("/beheer").await.location.as_deref(),
        Some("/beheer/account/tweede-factor")
    );
    let setup = d.get("/beheer/account/tweede-factor").await;
    let secret = setup.input("secret").unwrap();
    let code = klacht_web::auth::totp::code_at(&secret, app.clock.now()).unwrap();
    let shown = d
        .post(
            "/beheer/account/tweede-factor",
            &[
                ("csrf", &setup.csrf()),
                ("secret", &secret),
                ("code", &code),
            ],
        )
        .await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    assert!(
        shown.body.contains("<h1>Uw herstelcodes</h1>"),
        "{}",
        shown.body
    );
    assert!(shown.body.contains("U ziet deze codes alleen nu."));
    assert!(shown.body.contains("Tweede factor ingesteld."));
    let list = codes(&shown);
    assert_eq!(list.len(), 10, "{}", shown.body);
    for c in &list {
        assert_eq!(c.len(), 19, "{c}");
        assert_eq!(c.matches('-').count(), 3, "{c}");
    }
    let distinct: std::collections::BTreeSet<&String> = list.iter().collect();
    assert_eq!(distinct.len(), 10);
    // … and never again: not on the account page, not on the set-up page.
    let account = d.get("/beheer/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(
        account.body.contains("U heeft nog 10 herstelcodes."),
        "{}",
        account.body
    );
    for page in [&account, &d.get("/beheer/account/tweede-factor").await] {
        assert!(list.iter().all(|c| !page.body.contains(c.as_str())));
    }

    // A new browser: password, then a recovery code instead of the app's code.
    let mut e = password_step(&app).await;
    let code_page = e.get("/beheer/inloggen/code?terug=/beheer").await;
    assert!(code_page.body.contains("Geen toegang tot uw app?"));
    assert!(code_page.body.contains("name=\"recovery_code\""));
    // Typed in capitals with spaces for dashes: still the code.
    let typed = list[0].to_uppercase().replace('-', " ");
    let used = recovery(&mut e, &typed).await;
    assert_eq!(used.status, StatusCode::SEE_OTHER, "{}", used.body);
    assert_eq!(
        used.location.as_deref(),
        Some("/beheer/account?klaar=herstelcode")
    );
    let account = e.get("/beheer/account?klaar=herstelcode").await;
    assert_eq!(account.status, StatusCode::OK, "{}", account.body);
    assert!(
        account
            .body
            .contains("U bent ingelogd met een herstelcode; die werkt niet nog eens."),
        "{}",
        account.body
    );
    assert!(
        account.body.contains("U heeft nog 9 herstelcodes."),
        "{}",
        account.body
    );

    // The same code a second time is refused, with a message that says why.
    let mut f = password_step(&app).await;
    let again = recovery(&mut f, &list[0]).await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    assert!(again.body.contains(REFUSED), "{}", again.body);
    assert!(
        again.body.contains("href=\"#recovery_code\""),
        "{}",
        again.body
    );
    assert!(again.body.contains("aria-invalid=\"true\""));
    // Not signed in: the back office still asks for the code.
    assert!(
        f.get("/beheer")
            .await
            .location
            .unwrap()
            .starts_with("/beheer/inloggen/code")
    );
    // A code that was never one, and something that is no code at all.
    for wrong in ["abcd-efgh-jkmn-pqrs", "123456789"] {
        let r = recovery(&mut f, wrong).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{wrong}");
        assert!(r.body.contains(REFUSED), "{wrong}: {}", r.body);
    }
    // Another of her codes still works in the same browser.
    let ok = recovery(&mut f, &list[1]).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(f.get("/beheer").await.status, StatusCode::OK);
    assert_eq!(app.store.recovery_codes_left(carla).await.unwrap(), 8);

    // New codes: shown once, and the old ones stop working.
    let account = f.get("/beheer/account").await;
    assert!(account.body.contains("U heeft nog 8 herstelcodes."));
    let renewed = f
        .post("/beheer/account/herstelcodes", &[("csrf", &account.csrf())])
        .await;
    assert_eq!(renewed.status, StatusCode::OK, "{}", renewed.body);
    assert!(
        renewed
            .body
            .contains("Uw eerdere herstelcodes werken niet meer.")
    );
    let new_list = codes(&renewed);
    assert_eq!(new_list.len(), 10);
    assert!(new_list.iter().all(|c| !list.contains(c)));
    let mut g = password_step(&app).await;
    let old = recovery(&mut g, &list[2]).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    assert!(old.body.contains(REFUSED));
    let new = recovery(&mut g, &new_list[0]).await;
    assert_eq!(new.status, StatusCode::SEE_OTHER, "{}", new.body);
    // Without a valid CSRF token no new codes are made.
    let forged = g
        .post("/beheer/account/herstelcodes", &[("csrf", "forged")])
        .await;
    assert_ne!(forged.status, StatusCode::OK);
    assert_eq!(app.store.recovery_codes_left(carla).await.unwrap(), 9);

    // The account log has every step, done by Carla herself.
    let me = Actor::User(carla);
    assert_eq!(
        log(&app).await,
        vec![
            (me, AuditAction::SecondFactorEnrolled),
            (me, AuditAction::RecoveryCodesMade),
            (me, AuditAction::RecoveryCodeUsed),
            (me, AuditAction::RecoveryCodeUsed),
            (me, AuditAction::RecoveryCodesMade),
            (me, AuditAction::RecoveryCodeUsed),
        ]
    );
    let page = g.get("/beheer/gebruikers/logboek").await;
    assert!(
        page.body.contains("ingelogd met een herstelcode"),
        "{}",
        page.body
    );
    assert!(page.body.contains("nieuwe herstelcodes gemaakt"));
}

/// Clearing the second factor ("phone lost", by an admin or the operator) also ends the recovery
/// codes made with it.
#[tokio::test]
async fn recovery_codes_end_with_the_second_factor_they_were_made_with() {
    let app = start().await;
    let carla = coordinator(&app).await;
    app.store
        .enrol_totp(
            carla,
            "JBSWY3DPEHPK3PXP",
            &app.state.secret_key,
            Timestamp::now(),
        )
        .await
        .unwrap();
    let codes: Vec<String> = (0..10).map(|i| format!("abcdefghjkmnpq{i}{i}")).collect();
    app.store
        .set_recovery_codes(carla, &codes, Timestamp::now())
        .await
        .unwrap();
    assert_eq!(app.store.recovery_codes_left(carla).await.unwrap(), 10);
    app.store
        .clear_totp(carla, Actor::Operator, Timestamp::now())
        .await
        .unwrap();
    assert_eq!(app.store.recovery_codes_left(carla).await.unwrap(), 0);
    assert_eq!(
        app.store
            .use_recovery_code(carla, &codes[0], Timestamp::now())
            .await
            .unwrap(),
        None
    );
}

/// In English the refusal is English.
#[tokio::test]
async fn recovery_codes_a_wrong_one_is_refused_in_the_pages_language() {
    let app = start().await;
    let carla = coordinator(&app).await;
    app.store
        .enrol_totp(
            carla,
            "JBSWY3DPEHPK3PXP",
            &app.state.secret_key,
            Timestamp::now(),
        )
        .await
        .unwrap();
    let mut d = password_step(&app).await;
    let r = d
        .post(
            "/beheer/inloggen/code?lang=en",
            &[
                ("recovery_code", "abcd-efgh-jkmn-pqrs"),
                ("terug", "/beheer"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(
        r.body.contains(
            "This recovery code is not right or was used already. Each recovery code works once: type another code from your list."
        ),
        "{}",
        r.body
    );
}
