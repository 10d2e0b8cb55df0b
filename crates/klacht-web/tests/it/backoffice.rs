//! The back office over real HTTP, as a browser without JavaScript uses it: sign-in, sessions,
//! CSRF, the second factor, visibility, steps taken through forms, two people at once.

use crate::support::app;
use crate::support::catalogue;
use crate::support::desk;

use app::{PASSWORD, TestApp, staff_user};
use desk::Desk;
use jiff::{SignedDuration, Timestamp};
use klacht_core::Role;
use klacht_web::Clock;
use reqwest::StatusCode;
use serde_json::{Value, json};

const NOW: &str = "2026-05-04T09:00:00+02:00";

async fn start(profile: &str) -> TestApp {
    app::builtin(profile, NOW.parse().unwrap(), app::PublicUrl::Test).await
}

fn phone_complaint(concerns: Option<&str>) -> Value {
    let mut v = json!({"name": "Jan Jansen", "email": "jan@example.nl", "phone": "0612345678",
        "description": "De vrijwilliger kwam niet opdagen.", "channel": "phone",
        "privacy_accepted": true});
    if let Some(c) = concerns {
        v["concerns"] = json!(c);
    }
    v
}

/// The coordinator (with the second factor the built-in profiles require) and an API token for
/// them.
async fn coordinator(app: &TestApp) -> (Desk, String) {
    let (id, secret) = staff_user(
        app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    let token = app.store.create_token(id, Timestamp::now()).await.unwrap();
    (
        Desk::sign_in(app, "coord@example.org", secret.as_deref()).await,
        token,
    )
}

#[tokio::test]
async fn first_start_link_creates_the_first_coordinator_once() {
    let app = start("template").await;
    let link = klacht_web::first_start_link(&app.state)
        .await
        .unwrap()
        .unwrap();
    let path = link.strip_prefix("http://klacht.test").unwrap().to_owned();
    let mut d = Desk::new(&app);
    let form = d.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("<h1>klacht inrichten</h1>"),
        "{}",
        form.body
    );

    // A weak password is refused with the reason; nothing is created.
    let weak = d
        .post(
            &path,
            &[
                ("name", "Carla"),
                ("email", "carla@example.org"),
                ("password", "kort"),
                ("password_again", "kort"),
            ],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.body.contains("minstens 12 tekens"));
    assert!(!app.store.has_users().await.unwrap());

    let done = d
        .post(
            &path,
            &[
                ("name", "Carla"),
                ("email", "carla@example.org"),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
                ("org_name", "Stichting De Brug"),
                ("org_email", "klachten@debrug.nl"),
                ("regulation", "template"),
                ("channels", "web"),
                ("adopted_on", "2025-12-01"),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert!(d.session().is_some(), "signed in at once");
    let carla = app
        .store
        .user_by_email("carla@example.org")
        .await
        .unwrap()
        .unwrap();
    assert!(carla.roles.contains(&Role::Coordinator) && carla.roles.contains(&Role::Admin));
    // The profile requires a second factor for coordinators: the back office sends her to set
    // one up before anything else.
    let home = d.get("/beheer").await;
    assert_eq!(
        home.location.as_deref(),
        Some("/beheer/account/tweede-factor")
    );
    // The link is spent, and no new one is made once there are users.
    let again = Desk::new(&app).get(&path).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert!(
        klacht_web::first_start_link(&app.state)
            .await
            .unwrap()
            .is_none()
    );
}

/// The app behind a proxy that says where each request comes from (`X-Forwarded-For`), without
/// the per-minute limit per address getting in the way of many attempts in a test.
async fn start_behind_proxy() -> TestApp {
    let source = klacht_core::profile::builtin_source("template").unwrap();
    app::start(
        source,
        klacht_core::profile::parse(source).unwrap(),
        NOW.parse().unwrap(),
        app::PublicUrl::Test,
        |s| {
            s.trust_proxy = true;
            s.logins_per_minute = 100_000;
        },
    )
    .await
}

/// One sign-in from a fresh browser at `ip`: the status, the error shown (if any) and whether a
/// session came of it.
async fn attempt(
    app: &TestApp,
    ip: &str,
    email: &str,
    password: &str,
) -> (StatusCode, String, bool) {
    let mut d = Desk::at_address(app, ip);
    let form = d.get("/beheer/inloggen").await;
    let r = d
        .post(
            "/beheer/inloggen",
            &[
                ("csrf", &form.csrf()),
                ("email", email),
                ("password", password),
                ("terug", "/beheer"),
            ],
        )
        .await;
    let error = r
        .body
        .split("class=\"error-summary\"")
        .nth(1)
        .and_then(|e| e.split("<p>").nth(1))
        .and_then(|e| e.split("</p>").next())
        .unwrap_or("")
        .to_owned();
    (r.status, error, d.session().is_some())
}

#[tokio::test]
async fn k8_an_unknown_account_a_wrong_password_and_a_throttled_attempt_get_one_answer() {
    let app = start_behind_proxy().await;
    staff_user(&app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    // Eight wrong passwords each for an account that exists and one that does not, from one
    // address: the answers are the same, byte for byte, also once attempts must wait.
    let mut answers = std::collections::BTreeSet::new();
    for _ in 0..8 {
        for email in ["hans@example.org", "nobody@example.org"] {
            let (status, error, signed) =
                attempt(&app, "203.0.113.5", email, "not the password").await;
            assert!(!signed);
            answers.insert((status, error));
        }
    }
    assert_eq!(answers.len(), 1, "{answers:#?}");
    let (status, error) = answers.first().unwrap().clone();
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        error,
        "Dit e-mailadres en wachtwoord horen niet bij elkaar, of er is hier te vaak een verkeerd wachtwoord geprobeerd: wacht dan even en probeer het opnieuw."
    );
    // Hans's right password from that address right now must wait too, and says nothing else.
    let right_now = attempt(&app, "203.0.113.5", "hans@example.org", PASSWORD).await;
    assert_eq!(right_now, (status, error, false));
    // Nothing is locked: once the wait is over, the right password works from there as well.
    app.clock
        .set(app.clock.now() + SignedDuration::from_secs(5));
    let later = attempt(&app, "203.0.113.5", "hans@example.org", PASSWORD).await;
    assert!(later.2, "{later:?}");
}

#[tokio::test]
async fn k8_an_attacker_failing_from_elsewhere_does_not_keep_the_real_user_out() {
    let app = start_behind_proxy().await;
    staff_user(&app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    // Fifty wrong passwords from one address, each of them checked (the clock moves past every
    // wait) …
    for _ in 0..50 {
        let (status, _, signed) = attempt(
            &app,
            "203.0.113.66",
            "hans@example.org",
            "guess guess guess",
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert!(!signed);
        app.clock
            .set(app.clock.now() + SignedDuration::from_mins(16));
    }
    // … and 120 more from 40 addresses, three each, all at once.
    for a in 0..40 {
        for _ in 0..3 {
            attempt(
                &app,
                &format!("198.51.100.{a}"),
                "hans@example.org",
                "guess guess guess",
            )
            .await;
        }
    }
    // Those addresses are slowed down now, even with the right password …
    let attacker = attempt(&app, "198.51.100.7", "hans@example.org", PASSWORD).await;
    assert_eq!(attacker.0, StatusCode::UNAUTHORIZED);
    assert!(!attacker.2);
    // … but Hans, at home, signs in at the first try.
    let hans = Desk::at_address(&app, "192.0.2.44")
        .signed_in(&app, "hans@example.org", None)
        .await;
    assert!(hans.session().is_some());
}

#[tokio::test]
async fn the_second_factor_is_asked_and_a_code_works_once() {
    let app = start("template").await;
    let (_, secret) = staff_user(&app, "coord@example.org", "Carla", &[Role::Coordinator]).await;
    let secret = secret.expect("the template profile requires a second factor for coordinators");
    let mut d = Desk::new(&app);
    let form = d.get("/beheer/inloggen").await;
    let csrf = form.csrf();
    let r = d
        .post(
            "/beheer/inloggen",
            &[
                ("csrf", &csrf),
                ("email", "coord@example.org"),
                ("password", PASSWORD),
                ("terug", "/beheer"),
            ],
        )
        .await;
    assert!(r.location.unwrap().starts_with("/beheer/inloggen/code"));
    // The half-way session opens nothing.
    assert!(
        d.get("/beheer")
            .await
            .location
            .unwrap()
            .starts_with("/beheer/inloggen/code")
    );
    let wrong = d
        .post(
            "/beheer/inloggen/code",
            &[("code", "000000"), ("terug", "/beheer")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let code = klacht_web::auth::totp::code_at(&secret, app.clock.now()).unwrap();
    let ok = d
        .post(
            "/beheer/inloggen/code",
            &[("code", &code), ("terug", "/beheer")],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert_eq!(d.get("/beheer").await.status, StatusCode::OK);
    // The same code a second time (someone looking over a shoulder) does not work.
    let mut e = Desk::new(&app);
    let form = e.get("/beheer/inloggen").await;
    let csrf = form.csrf();
    e.post(
        "/beheer/inloggen",
        &[
            ("csrf", &csrf),
            ("email", "coord@example.org"),
            ("password", PASSWORD),
            ("terug", "/beheer"),
        ],
    )
    .await;
    let replay = e
        .post(
            "/beheer/inloggen/code",
            &[("code", &code), ("terug", "/beheer")],
        )
        .await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_expired_session_leads_to_sign_in_and_saves_nothing() {
    let app = start("template").await;
    let (mut d, token) = coordinator(&app).await;
    let reference = app.register_complaint(&token, phone_complaint(None)).await;
    let form = d
        .get(&format!("/beheer/klachten/{reference}/stap/add-note"))
        .await;
    let (csrf, version) = (form.csrf(), form.input("version").unwrap());
    app.clock
        .set(app.clock.now() + SignedDuration::from_hours(3));
    let r = d
        .post(
            &format!("/beheer/klachten/{reference}/stap/add-note"),
            &[("csrf", &csrf), ("version", &version), ("text", "Gebeld.")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let to = r.location.unwrap();
    assert!(
        to.starts_with("/beheer/inloggen") && to.contains("verlopen=1"),
        "{to}"
    );
    let login = d.get(&to).await;
    assert!(login.body.contains("Uw sessie is verlopen"));
    let v = app.dossier(&token, &reference).await;
    assert!(
        !v["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "note_added")
    );
}

#[tokio::test]
async fn k8_forms_without_the_sessions_csrf_token_are_refused() {
    let app = start("template").await;
    let (mut d, token) = coordinator(&app).await;
    let reference = app.register_complaint(&token, phone_complaint(None)).await;
    let form = d
        .get(&format!("/beheer/klachten/{reference}/stap/add-note"))
        .await;
    let version = form.input("version").unwrap();
    for csrf in ["", "0123456789abcdef"] {
        let r = d
            .post(
                &format!("/beheer/klachten/{reference}/stap/add-note"),
                &[("csrf", csrf), ("version", &version), ("text", "Vervalst.")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(r.body.contains("Er is niets opgeslagen"));
    }
    let v = app.dossier(&token, &reference).await;
    assert!(
        !v["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "note_added")
    );
    // The API with the session cookie wants the token in a header for changes.
    let http = reqwest::Client::new();
    let cookie = format!("klacht_session={}", d.session().unwrap());
    let listed = http
        .get(format!("{}/api/v1/complaints", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), StatusCode::OK);
    let posted = http
        .post(format!(
            "{}/api/v1/complaints/{reference}/add-note",
            app.base
        ))
        .header("cookie", &cookie)
        .json(&json!({"text": "via de API"}))
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), StatusCode::FORBIDDEN);
    let with_header = http
        .post(format!(
            "{}/api/v1/complaints/{reference}/add-note",
            app.base
        ))
        .header("cookie", &cookie)
        .header("x-csrf-token", form.csrf())
        .json(&json!({"text": "via de API"}))
        .send()
        .await
        .unwrap();
    assert_eq!(with_header.status(), StatusCode::OK);
}

#[tokio::test]
async fn two_people_at_once_the_second_sees_what_happened_and_nothing_doubles() {
    let app = start("template").await;
    let (mut carla, token) = coordinator(&app).await;
    // Two coordinators share the work (T17 allows several).
    let (_, secret) = staff_user(
        &app,
        "dirk@example.org",
        "Dirk Coördinator",
        &[Role::Coordinator],
    )
    .await;
    let mut dirk = Desk::sign_in(&app, "dirk@example.org", secret.as_deref()).await;
    staff_user(&app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    let reference = app.register_complaint(&token, phone_complaint(None)).await;
    let path = format!("/beheer/klachten/{reference}/stap/assign");
    let carla_form = carla.get(&path).await;
    let dirk_form = dirk.get(&path).await;
    assert_eq!(carla_form.input("version"), dirk_form.input("version"));
    let first = dirk
        .post(
            &path,
            &[
                ("csrf", &dirk_form.csrf()),
                ("version", &dirk_form.input("version").unwrap()),
                ("handler", "hans@example.org"),
            ],
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let second = carla
        .post(
            &path,
            &[
                ("csrf", &carla_form.csrf()),
                ("version", &carla_form.input("version").unwrap()),
                ("handler", "coord@example.org"),
                ("intent", "save"),
            ],
        )
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(second.body.contains("intussen gewijzigd"));
    assert!(
        second.body.contains("Toegewezen aan behandelaar") && second.body.contains("Hans Handler"),
        "what happened is shown"
    );
    // What she chose is still selected, with the new version to save against.
    assert!(second.body.contains("value=\"coord@example.org\" selected"));
    assert_ne!(second.input("version"), carla_form.input("version"));
    let v = app.dossier(&token, &reference).await;
    let assigned = v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "assigned")
        .count();
    assert_eq!(assigned, 1);
    assert_eq!(v["handler"]["name"], "Hans Handler");
}

#[tokio::test]
async fn k3_the_person_complained_about_sees_a_restricted_dossier_and_cannot_decide() {
    let app = start("template").await;
    let (mut carla, token) = coordinator(&app).await;
    staff_user(
        &app,
        "vera@example.org",
        "Vera Vrijwilliger",
        &[Role::Staff],
    )
    .await;
    let reference = app
        .register_complaint(&token, phone_complaint(Some("vera@example.org")))
        .await;
    // The coordinator handles it and takes a handling note.
    let form = carla
        .get(&format!("/beheer/klachten/{reference}/stap/add-note"))
        .await;
    carla
        .post(
            &format!("/beheer/klachten/{reference}/stap/add-note"),
            &[
                ("csrf", &form.csrf()),
                ("version", &form.input("version").unwrap()),
                ("text", "Vertrouwelijke aantekening"),
            ],
        )
        .await;
    let mut vera = Desk::sign_in(&app, "vera@example.org", None).await;
    let page = vera.get(&format!("/beheer/klachten/{reference}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("De vrijwilliger kwam niet opdagen."),
        "she sees the complaint"
    );
    assert!(
        page.body.contains("ze gaat over u"),
        "she is told why she cannot handle it"
    );
    assert!(page.body.contains("Carla Coördinator"), "… and who does");
    assert!(
        !page.body.contains("jan@example.nl"),
        "no contact details of the complainant"
    );
    assert!(
        !page.body.contains("Vertrouwelijke aantekening"),
        "no handling notes"
    );
    // A forged post of the decision is refused by the engine.
    let csrf = page
        .body
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let v = app.dossier(&token, &reference).await;
    let version = v["version"].to_string();
    let r = vera
        .post(
            &format!("/beheer/klachten/{reference}/stap/decide"),
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("outcome", "ongegrond"),
                ("decision", "Niets aan de hand."),
                ("via", "email"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let v = app.dossier(&token, &reference).await;
    assert!(v["decision"].is_null());
}

/// The timeline of a dossier page: each entry's kind and its details (label, value), in order.
pub(crate) fn timeline_of(body: &str) -> Vec<(String, Vec<(String, String)>)> {
    let between = |s: &str, from: &str, to: &str| -> String {
        let start = s.find(from).unwrap() + from.len();
        s[start..][..s[start..].find(to).unwrap()].to_owned()
    };
    let list = between(body, "<ol class=\"timeline\">", "</ol>");
    list.split("<li class=\"timeline__entry\"")
        .skip(1)
        .map(|entry| {
            let kind = between(entry, "<strong>", "</strong>");
            let details = entry
                .split("<div><dt>")
                .skip(1)
                .map(|d| {
                    (
                        between(d, "", "</dt>"),
                        between(d, "<dd class=\"pre\">", "</dd>"),
                    )
                })
                .collect();
            (kind, details)
        })
        .collect()
}

/// A dossier with a step of nearly every kind, to read its timeline.
async fn eventful_dossier(app: &TestApp, token: &str) -> String {
    staff_user(app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    staff_user(app, "vera@example.org", "Vera Vrijwilliger", &[Role::Staff]).await;
    let reference = app
        .register_complaint(token, phone_complaint(Some("vera@example.org")))
        .await;
    let steps = [
        (
            "acknowledge",
            json!({"via": "letter", "note": "Ook gebeld."}),
        ),
        ("assign", json!({"handler": "hans@example.org"})),
        ("inform-involved", json!({"note": "Vera gebeld."})),
        (
            "record-hearing",
            json!({"summary": "Vera legt uit.", "held_on": "2026-05-04"}),
        ),
        (
            "record-contact",
            json!({"via": "phone", "on": "2026-05-04", "summary": "Klager gebeld.",
                "agreements": "Terugbellen vrijdag."}),
        ),
        ("add-note", json!({"text": "Een interne notitie."})),
        (
            "extend",
            json!({"deadline": "answer", "new_due": "2026-05-22",
                "reason": "Meer tijd nodig."}),
        ),
        (
            "classify",
            json!({"categories": ["service", "privacy"], "severity": "serious",
                "sensitive": true, "relation": "client"}),
        ),
        (
            "escalate",
            json!({"to": "director", "reason": "Herhaald wegblijven."}),
        ),
        ("record-measure", json!({"description": "Gedeelde agenda."})),
        (
            "decide",
            json!({"outcome": "gegrond", "decision": "De klacht is terecht.", "via": "letter"}),
        ),
        ("report-summary", json!({"text": "Vergeten afspraak."})),
    ];
    for (action, body) in steps {
        app.step(token, &reference, action, body).await;
    }
    reference
}

/// A complaint withdrawn and reopened, to read its timeline.
async fn withdrawn_dossier(app: &TestApp, token: &str) -> String {
    let reference = app.register_complaint(token, phone_complaint(None)).await;
    let steps = [
        ("withdraw", json!({"reason": "Toch opgelost."})),
        ("reopen", json!({"reason": "Klager belt terug."})),
    ];
    for (action, body) in steps {
        app.step(token, &reference, action, body).await;
    }
    reference
}

/// What [`timeline_of`] reads, written out.
pub(crate) fn entries(list: &[(&str, &[(&str, &str)])]) -> Vec<(String, Vec<(String, String)>)> {
    list.iter()
        .map(|(kind, details)| {
            (
                (*kind).to_owned(),
                details
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect(),
            )
        })
        .collect()
}

#[tokio::test]
async fn t12_k3_the_timeline_shows_each_steps_details_and_the_person_concerned_sees_less() {
    let app = start("template").await;
    let (mut carla, token) = coordinator(&app).await;
    let reference = eventful_dossier(&app, &token).await;
    let page = carla.get(&format!("/beheer/klachten/{reference}")).await;
    assert_eq!(page.status, StatusCode::OK);
    // Each step with its details, labelled and in words (the relation by its label, as every
    // profile value), in the order the page has always shown them.
    assert_eq!(
        timeline_of(&page.body),
        entries(&[
            ("Klacht geregistreerd", &[("Kanaal", "Telefoon")]),
            (
                "Ontvangst bevestigd",
                &[("Toelichting", "Ook gebeld."), ("Via", "brief")]
            ),
            ("Brief aan klager", &[]),
            (
                "Toegewezen aan behandelaar",
                &[("Behandelaar", "Hans Handler")]
            ),
            (
                "Betrokkene geïnformeerd",
                &[
                    ("Betrokkene", "Vera Vrijwilliger"),
                    ("Toelichting", "Vera gebeld.")
                ]
            ),
            (
                "Betrokkene gehoord",
                &[
                    ("Gehouden op", "4 mei 2026"),
                    ("Betrokkene", "Vera Vrijwilliger"),
                    ("Samenvatting", "Vera legt uit.")
                ]
            ),
            (
                "Contact met klager",
                &[
                    ("Afspraken", "Terugbellen vrijdag."),
                    ("Op", "4 mei 2026"),
                    ("Samenvatting", "Klager gebeld."),
                    ("Via", "telefoon")
                ]
            ),
            ("Notitie", &[("Tekst", "Een interne notitie.")]),
            (
                "Termijn verlengd",
                &[
                    ("Met instemming van de klager", "nee"),
                    ("Termijn", "Beantwoording"),
                    ("Nu uiterlijk", "22 mei 2026"),
                    ("Was uiterlijk", "12 mei 2026"),
                    ("Reden", "Meer tijd nodig.")
                ]
            ),
            ("Brief aan klager", &[]),
            (
                "Geclassificeerd",
                &[
                    (
                        "Categorieën",
                        "Privacy en persoonsgegevens, Dienstverlening"
                    ),
                    ("Relatie", "Klant"),
                    ("Gevoelig", "ja"),
                    ("Ernst", "Ernstig")
                ]
            ),
            (
                "Geëscaleerd",
                &[("Reden", "Herhaald wegblijven."), ("Naar", "directeur")]
            ),
            (
                "Maatregel vastgelegd",
                &[("Omschrijving", "Gedeelde agenda.")]
            ),
            (
                "Besluit genomen",
                &[
                    ("Besluit", "De klacht is terecht."),
                    ("Uitkomst", "Gegrond"),
                    ("Via", "brief")
                ]
            ),
            ("Brief aan klager", &[]),
            (
                "Samenvatting voor het verslag",
                &[("Tekst", "Vergeten afspraak.")]
            ),
        ])
    );
    // The dossier's facts name the classification by the profile's labels, never the ids.
    for fact in [
        "<div><dt>Categorieën</dt><dd>Privacy en persoonsgegevens, Dienstverlening</dd></div>",
        "<div><dt>Ernst</dt><dd>Ernstig</dd></div>",
        "<div><dt>Relatie</dt><dd>Klant</dd></div>",
        "<div><dt>Uitkomst</dt><dd>Gegrond</dd></div>",
    ] {
        assert!(page.body.contains(fact), "{fact} in {}", page.body);
    }
    assert!(!page.body.contains("<dd>client</dd>"), "{}", page.body);
    // K3: the person complained about sees the steps that concern them and the outcome, no
    // notes, reasons, letters or contacts.
    let mut vera = Desk::sign_in(&app, "vera@example.org", None).await;
    let page = vera.get(&format!("/beheer/klachten/{reference}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        timeline_of(&page.body),
        entries(&[
            ("Klacht geregistreerd", &[("Kanaal", "Telefoon")]),
            ("Ontvangst bevestigd", &[("Via", "brief")]),
            (
                "Toegewezen aan behandelaar",
                &[("Behandelaar", "Hans Handler")]
            ),
            (
                "Betrokkene geïnformeerd",
                &[("Betrokkene", "Vera Vrijwilliger")]
            ),
            (
                "Termijn verlengd",
                &[
                    ("Met instemming van de klager", "nee"),
                    ("Termijn", "Beantwoording"),
                    ("Nu uiterlijk", "22 mei 2026"),
                    ("Was uiterlijk", "12 mei 2026")
                ]
            ),
            (
                "Besluit genomen",
                &[
                    ("Besluit", "De klacht is terecht."),
                    ("Uitkomst", "Gegrond"),
                    ("Via", "brief")
                ]
            ),
        ])
    );
    let other = withdrawn_dossier(&app, &token).await;
    let page = carla.get(&format!("/beheer/klachten/{other}")).await;
    assert_eq!(
        timeline_of(&page.body),
        entries(&[
            ("Klacht geregistreerd", &[("Kanaal", "Telefoon")]),
            ("Ingetrokken", &[("Reden", "Toch opgelost.")]),
            ("Heropend", &[("Reden", "Klager belt terug.")]),
        ])
    );
}

#[tokio::test]
async fn a_step_form_with_a_field_missing_twice_or_wrong_comes_back_with_the_problem_in_words() {
    let app = start("template").await;
    let (mut carla, token) = coordinator(&app).await;
    let reference = app.register_complaint(&token, phone_complaint(None)).await;
    let path = format!("/beheer/klachten/{reference}/stap/add-note");
    let form = carla.get(&path).await;
    let csrf = form.csrf();
    let version = form.input("version").unwrap();
    // The note left out: the form again, the field named.
    let missing = carla
        .post(&path, &[("csrf", &csrf), ("version", &version)])
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body.contains("Vul dit in."), "{}", missing.body);
    assert!(
        missing.body.contains("id=\"text-error\""),
        "{}",
        missing.body
    );
    // Without the complaint's version: said so, not a bare rejection.
    let no_version = carla
        .post(&path, &[("csrf", &csrf), ("text", "Een notitie.")])
        .await;
    assert_eq!(no_version.status, StatusCode::BAD_REQUEST);
    assert!(no_version.body.contains(
        "Dit formulier mist de versie van de klacht. Open de klacht opnieuw en probeer het nog \
         eens; er is niets opgeslagen."
    ));
    let bad_version = carla
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("version", "één"),
                ("text", "Een notitie."),
            ],
        )
        .await;
    assert_eq!(bad_version.status, StatusCode::BAD_REQUEST);
    assert!(
        bad_version
            .body
            .contains("Dit formulier mist de versie van de klacht.")
    );
    // A field sent twice that is taken once: the page asks to send it again.
    let twice = carla
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("text", "Een notitie."),
                ("text", "Nog een."),
            ],
        )
        .await;
    assert_eq!(twice.status, StatusCode::BAD_REQUEST);
    assert!(
        twice
            .body
            .contains("Het formulier kwam niet goed aan. Probeer het opnieuw."),
        "{}",
        twice.body
    );
    assert!(twice.body.contains("<html"), "a page, not plain text");
    // A date that is not one.
    let contact = format!("/beheer/klachten/{reference}/stap/record-contact");
    let wrong_date = carla
        .post(
            &contact,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("via", "phone"),
                ("on", "gisteren"),
                ("summary", "Gebeld."),
            ],
        )
        .await;
    assert_eq!(wrong_date.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong_date
            .body
            .contains("Vul een datum in (dag-maand-jaar).")
    );
    // What was typed stays.
    assert!(wrong_date.body.contains("value=\"gisteren\""));
    assert!(wrong_date.body.contains(">Gebeld.</textarea>"));
    let v = app.dossier(&token, &reference).await;
    let stored: Vec<&str> = v["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert_eq!(stored, ["registered"], "nothing was stored");
}

#[tokio::test]
async fn k8_a_handler_cannot_open_anothers_complaint_and_every_opening_is_logged() {
    let app = start("template").await;
    let (mut carla, token) = coordinator(&app).await;
    staff_user(&app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    staff_user(&app, "ilse@example.org", "Ilse Handler", &[Role::Handler]).await;
    let reference = app.register_complaint(&token, phone_complaint(None)).await;
    let form = carla
        .get(&format!("/beheer/klachten/{reference}/stap/assign"))
        .await;
    carla
        .post(
            &format!("/beheer/klachten/{reference}/stap/assign"),
            &[
                ("csrf", &form.csrf()),
                ("version", &form.input("version").unwrap()),
                ("handler", "hans@example.org"),
            ],
        )
        .await;
    let mut ilse = Desk::sign_in(&app, "ilse@example.org", None).await;
    let refused = ilse.get(&format!("/beheer/klachten/{reference}")).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert!(!refused.body.contains("Jan Jansen"));
    assert!(
        !ilse.get("/beheer").await.body.contains(&reference),
        "not on her dashboard either"
    );
    let mut hans = Desk::sign_in(&app, "hans@example.org", None).await;
    let his = hans.get(&format!("/beheer/klachten/{reference}")).await;
    assert_eq!(his.status, StatusCode::OK);
    assert!(his.body.contains("jan@example.nl"));
    // The coordinator sees who opened it.
    let seen = carla.get(&format!("/beheer/klachten/{reference}")).await;
    assert!(seen.body.contains("Ingezien door") && seen.body.contains("Hans Handler"));
}

#[tokio::test]
async fn t2_t20_a_phone_complaint_registered_in_the_back_office_with_script_shown_as_text() {
    let app = start("template").await;
    let (mut carla, _) = coordinator(&app).await;
    staff_user(&app, "rita@example.org", "Rita Receptie", &[Role::Staff]).await;
    let form = carla.get("/beheer/klachten/nieuw").await;
    assert_eq!(form.status, StatusCode::OK);
    // Missing fields are named, and what was typed stays.
    let bad = carla
        .post(
            "/beheer/klachten/nieuw",
            &[
                ("csrf", &form.csrf()),
                ("channel", "phone"),
                ("name", "Piet <b>Puk</b>"),
                ("description", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Beschrijf de klacht."));
    // Neither an e-mail address nor a phone number: said once per field, in Dutch.
    assert!(
        bad.body
            .contains("Vul een e-mailadres of telefoonnummer van de klager in.")
    );
    assert!(!bad.body.contains("one of the two"));
    assert!(
        bad.body.contains("Piet &#60;b&#62;Puk&#60;/b&#62;")
            || bad.body.contains("Piet &lt;b&gt;Puk&lt;/b&gt;")
    );
    let ok = carla
        .post(
            "/beheer/klachten/nieuw",
            &[
                ("csrf", &form.csrf()),
                ("channel", "phone"),
                ("received_on", "2026-05-01"),
                ("received_time", "14:30"),
                ("received_by", "rita@example.org"),
                ("received_where", "Telefoon receptie"),
                ("name", "Piet Puk"),
                ("phone", "0201234567"),
                ("address", "Dorpsstraat 1, Ons Dorp"),
                (
                    "description",
                    "<script>alert('x')</script> De bus kwam niet.",
                ),
                ("privacy_accepted", "true"),
                ("language", "nl"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let to = ok.location.unwrap();
    let page = carla.get(&to).await;
    assert!(page.body.contains("Rita Receptie") && page.body.contains("Telefoon receptie"));
    assert!(
        page.body.contains("01-05-2026 14:30"),
        "received when it was, not now"
    );
    assert!(
        !page.body.contains("<script>alert"),
        "script is shown as text"
    );
    assert!(page.body.contains("alert(") && page.body.contains("De bus kwam niet."));
}

#[tokio::test]
async fn t5_the_preview_shows_the_letter_and_stores_nothing() {
    let app = start("template").await;
    let (mut carla, token) = coordinator(&app).await;
    let reference = app.register_complaint(&token, phone_complaint(None)).await;
    let path = format!("/beheer/klachten/{reference}/stap/acknowledge");
    let form = carla.get(&path).await;
    let version = form.input("version").unwrap();
    let preview = carla
        .post(
            &path,
            &[
                ("csrf", &form.csrf()),
                ("version", &version),
                ("via", "email"),
                ("intent", "preview"),
            ],
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.body.contains("Voorbeeld"));
    assert!(
        preview.body.contains("Jan Jansen"),
        "the letter is addressed to the complainant"
    );
    let v = app.dossier(&token, &reference).await;
    assert_eq!(
        v["version"].to_string(),
        version,
        "a preview changes nothing"
    );
    let saved = carla
        .post(
            &path,
            &[
                ("csrf", &form.csrf()),
                ("version", &version),
                ("via", "email"),
                ("intent", "save"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let v = app.dossier(&token, &reference).await;
    assert_eq!(v["status"], "acknowledged");
    assert!(
        v["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "letter")
    );
}

#[tokio::test]
async fn the_dashboard_shows_urgency_and_filters() {
    let app = start("template").await;
    let (mut carla, token) = coordinator(&app).await;
    let old = app.register_complaint(&token, json!({"name": "A", "email": "a@example.nl", "description": "Oud.", "channel": "phone", "privacy_accepted": true, "received_at": "2026-04-01T10:00:00+02:00"})).await;
    let fresh = app.register_complaint(&token, phone_complaint(None)).await;
    let page = carla.get("/beheer").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&old) && page.body.contains(&fresh));
    assert!(
        page.body.contains("te laat"),
        "the April complaint is overdue"
    );
    assert!(page.body.contains("op tijd") || page.body.contains("binnen 1 werkdag"));
    // The filtered table (below "what needs me now", which lists both as new).
    let table = |body: &str| body.split_once("id=\"all-heading\"").unwrap().1.to_owned();
    let overdue = table(&carla.get("/beheer?overdue=1").await.body);
    assert!(overdue.contains(&format!(">{old}<")) && !overdue.contains(&format!(">{fresh}<")));
    let searched = table(&carla.get("/beheer?q=Oud").await.body);
    assert!(searched.contains(&format!(">{old}<")) && !searched.contains(&format!(">{fresh}<")));
    let english = carla.get("/beheer?lang=en").await;
    assert!(english.body.contains("overdue") && english.body.contains("lang=\"en\""));
}

/// Ada, who has only the admin role, signed in (with her second factor).
async fn admin(app: &TestApp) -> (Desk, klacht_core::UserId) {
    let (id, secret) = staff_user(app, "admin@example.org", "Ada Admin", &[Role::Admin]).await;
    (
        Desk::sign_in(app, "admin@example.org", secret.as_deref()).await,
        id,
    )
}

/// The messages queued for `to`, as the mail sender would take them.
async fn mails_to(app: &TestApp, to: &str) -> Vec<klacht_store::QueuedMail> {
    let later = app.clock.now() + SignedDuration::from_hours(24);
    let all = app
        .store
        .claim_mail(later, SignedDuration::from_mins(1), 1000)
        .await
        .unwrap();
    let ids: Vec<i64> = all.iter().map(|m| m.id).collect();
    app.store.release_mail(&ids).await.unwrap();
    all.into_iter().filter(|m| m.to == to).collect()
}

/// The set-your-password link in a message, as a path on the site.
fn link_in(body: &str) -> String {
    let start = body.find("http://klacht.test/beheer/wachtwoord/").unwrap();
    body[start..]
        .split_whitespace()
        .next()
        .unwrap()
        .strip_prefix("http://klacht.test")
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_admin_creates_an_account_and_the_person_sets_a_password() {
    let app = start("template").await;
    let (mut ada, _) = admin(&app).await;
    // The admin reads no dossiers.
    let page = ada.get("/beheer/gebruikers").await;
    assert_eq!(page.status, StatusCode::OK);
    let created = ada
        .post(
            "/beheer/gebruikers",
            &[
                ("csrf", &page.csrf()),
                ("name", "Nina Nieuw"),
                ("email", "nina@example.org"),
                ("roles", "handler"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    // The admin sees that the link was sent, and to where, but not the link.
    assert!(
        created.body.contains("gestuurd naar nina@example.org"),
        "{}",
        created.body
    );
    assert!(
        !created.body.contains("/beheer/wachtwoord/"),
        "{}",
        created.body
    );
    let mails = mails_to(&app, "nina@example.org").await;
    assert_eq!(mails.len(), 1);
    let path = link_in(&mails[0].body);
    let mut nina = Desk::new(&app);
    let set = nina
        .post(
            &path,
            &[("password", PASSWORD), ("password_again", PASSWORD)],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    let nina = Desk::sign_in(&app, "nina@example.org", None).await;
    assert!(nina.session().is_some());
    // The link works once.
    assert_eq!(Desk::new(&app).get(&path).await.status, StatusCode::GONE);
    // Somebody without the admin role may not manage accounts.
    let mut nina = nina;
    assert_eq!(
        nina.get("/beheer/gebruikers").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn k8_an_admin_cannot_give_themselves_a_role_that_reads_dossiers() {
    let app = start("template").await;
    let (mut ada, ada_id) = admin(&app).await;
    let path = format!("/beheer/gebruikers/{}", ada_id.0);
    let page = ada.get(&path).await;
    let r = ada
        .post(
            &path,
            &[
                ("csrf", &page.csrf()),
                ("intent", "details"),
                ("name", "Ada Admin"),
                ("roles", "admin"),
                ("roles", "coordinator"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("U kunt uw eigen rollen niet veranderen"),
        "{}",
        r.body
    );
    let roles = app.store.user(ada_id).await.unwrap().unwrap().roles;
    assert_eq!(roles, std::collections::BTreeSet::from([Role::Admin]));
    // Taking a role away from herself is refused the same way.
    let (_, _) = staff_user(&app, "bob@example.org", "Bob Admin", &[Role::Admin]).await;
    let r = ada
        .post(
            &path,
            &[
                ("csrf", &page.csrf()),
                ("intent", "details"),
                ("name", "Ada Admin"),
                ("roles", "staff"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.store.user(ada_id).await.unwrap().unwrap().roles,
        std::collections::BTreeSet::from([Role::Admin])
    );
}

#[tokio::test]
async fn k8_a_password_link_for_an_existing_user_goes_only_to_them_by_mail() {
    let app = start("template").await;
    let (mut ada, _) = admin(&app).await;
    let (hans, _) = staff_user(&app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    let path = format!("/beheer/gebruikers/{}", hans.0);
    let page = ada.get(&path).await;
    let r = ada
        .post(
            &path,
            &[("csrf", &page.csrf()), ("intent", "password_link")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body
            .contains("Een nieuwe wachtwoordlink is per e-mail naar hans@example.org gestuurd"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("/beheer/wachtwoord/"), "{}", r.body);
    // Hans has it, and it works for him.
    let mails = mails_to(&app, "hans@example.org").await;
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0].subject.contains("nieuw wachtwoord"),
        "{}",
        mails[0].subject
    );
    let link = link_in(&mails[0].body);
    let mut browser = Desk::new(&app);
    let set = browser
        .post(
            &link,
            &[
                ("password", "een ander lang wachtwoord"),
                ("password_again", "een ander lang wachtwoord"),
            ],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);
}

#[tokio::test]
async fn k8_clearing_someones_second_factor_tells_them_by_mail_who_and_when() {
    let app = start("template").await;
    let (mut ada, _) = admin(&app).await;
    let (carla, secret) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    assert!(secret.is_some());
    let path = format!("/beheer/gebruikers/{}", carla.0);
    let page = ada.get(&path).await;
    let r = ada
        .post(&path, &[("csrf", &page.csrf()), ("intent", "reset_totp")])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(!app.store.user(carla).await.unwrap().unwrap().totp);
    let mails = mails_to(&app, "coord@example.org").await;
    assert_eq!(mails.len(), 1);
    let m = &mails[0];
    assert_eq!(
        m.subject,
        "Uw tweede factor voor de klachtenregistratie van Stichting Voorbeeld is gewist"
    );
    // When it happened, in Amsterdam: the clock stands at NOW, Monday 4 May 2026 09:00 (+02:00).
    assert!(
        m.body.contains("Op 04-05-2026 09:00 heeft Ada Admin"),
        "{}",
        m.body
    );
    assert!(
        m.body.contains("Hebt u hier niet om gevraagd?"),
        "{}",
        m.body
    );
}

#[tokio::test]
async fn k8_the_account_log_shows_the_coordinator_who_changed_whose_roles() {
    let app = start("template").await;
    let (mut ada, _) = admin(&app).await;
    let (carla_id, secret) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    let (hans, _) = staff_user(&app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    let path = format!("/beheer/gebruikers/{}", hans.0);
    let page = ada.get(&path).await;
    let r = ada
        .post(
            &path,
            &[
                ("csrf", &page.csrf()),
                ("intent", "details"),
                ("name", "Hans Handler"),
                ("roles", "handler"),
                ("roles", "deputy"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let mut carla = Desk::sign_in(&app, "coord@example.org", secret.as_deref()).await;
    let log = carla.get("/beheer/gebruikers/logboek").await;
    assert_eq!(log.status, StatusCode::OK, "{}", log.body);
    let row = log
        .body
        .split("<tr>")
        .find(|r| r.contains("rollen veranderd:"))
        .unwrap_or_else(|| panic!("{}", log.body));
    assert!(row.contains("Ada Admin"), "{row}");
    assert!(
        row.contains("Hans Handler &#60;hans@example.org&#62;"),
        "{row}"
    );
    assert!(
        row.contains("rollen veranderd: behandelaar → plaatsvervanger, behandelaar"),
        "{row}"
    );
    // The coordinator finds it in the menu; a handler may not read it.
    let home = carla.get("/beheer").await;
    assert!(home.body.contains("href=\"/beheer/gebruikers/logboek\""));
    let _ = carla_id;
    staff_user(&app, "hilde@example.org", "Hilde Handler", &[Role::Handler]).await;
    let mut hilde = Desk::sign_in(&app, "hilde@example.org", None).await;
    assert_eq!(
        hilde.get("/beheer/gebruikers/logboek").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn k8_an_unenrolled_coordinators_session_gets_403_on_the_api() {
    let app = start("template").await;
    let id = app
        .store
        .create_user(
            &klacht_store::NewUser {
                email: "coord@example.org".into(),
                name: "Carla".into(),
                roles: [Role::Coordinator].into(),
                password_hash: Some(klacht_web::password::hash(PASSWORD).unwrap()),
            },
            Timestamp::now(),
        )
        .await
        .unwrap();
    let token = app.store.create_token(id, Timestamp::now()).await.unwrap();
    app.register_complaint(&token, phone_complaint(None)).await;
    // Signed in with the password; the back office wants the second factor set up first …
    let mut d = Desk::sign_in(&app, "coord@example.org", None).await;
    assert_eq!(
        d.get("/beheer").await.location.as_deref(),
        Some("/beheer/account/tweede-factor")
    );
    // … and so does the API with the same session.
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/complaints", app.base))
        .header(reqwest::header::COOKIE, d.cookie())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "second_factor_required", "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("second factor"),
        "{body}"
    );
    // A bearer token (made by the operator for a program) is not held to it.
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/complaints", app.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn k8_common_and_guessable_passwords_are_refused_with_the_reason() {
    let app = start("template").await;
    let link = klacht_web::first_start_link(&app.state)
        .await
        .unwrap()
        .unwrap();
    let path = link.strip_prefix("http://klacht.test").unwrap().to_owned();
    let mut d = Desk::new(&app);
    for weak in ["123456789012", "passwordpass", "carlacarla2026"] {
        let r = d
            .post(
                &path,
                &[
                    ("name", "Carla"),
                    ("email", "carla@example.org"),
                    ("password", weak),
                    ("password_again", weak),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{weak}");
        assert!(
            r.body.contains("te makkelijk te raden"),
            "{weak}: {}",
            r.body
        );
        // The values stay in the form.
        assert!(r.body.contains("value=\"carla@example.org\""), "{weak}");
    }
    assert!(!app.store.has_users().await.unwrap());
}

#[tokio::test]
async fn t12_documents_are_attached_checked_by_content_and_downloaded_by_those_who_may() {
    let app = start("template").await;
    let (mut carla, token) = coordinator(&app).await;
    staff_user(&app, "ilse@example.org", "Ilse Handler", &[Role::Handler]).await;
    let reference = app.register_complaint(&token, phone_complaint(None)).await;
    let page = carla.get(&format!("/beheer/klachten/{reference}")).await;
    let (csrf, version) = (page.csrf(), page.input("version").unwrap());
    let png: Vec<u8> = [b"\x89PNG\r\n\x1a\n".as_slice(), &[0u8; 64]].concat();
    let form = |bytes: Vec<u8>, name: &str| {
        reqwest::multipart::Form::new()
            .text("csrf", csrf.clone())
            .text("version", version.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
            )
    };
    // A program named like a picture is refused; nothing is added.
    let exe = carla
        .post_multipart(
            &format!("/beheer/klachten/{reference}/document"),
            form(b"MZ\x90\x00 not a picture".to_vec(), "foto.png"),
        )
        .await;
    assert_eq!(exe.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(exe.body.contains("alleen PDF"));
    let ok = carla
        .post_multipart(
            &format!("/beheer/klachten/{reference}/document"),
            form(png.clone(), "brief van klager.png"),
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let page = carla.get(&format!("/beheer/klachten/{reference}")).await;
    let href = page
        .body
        .split("href=\"/beheer/klachten/")
        .find(|p| p.contains("/documenten/"))
        .unwrap();
    let href = format!("/beheer/klachten/{}", href.split('"').next().unwrap());
    assert!(page.body.contains("brief van klager.png"));
    let (status, bytes) = carla.bytes(&href).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes, png);
    // A handler of other complaints cannot fetch it.
    let mut ilse = Desk::sign_in(&app, "ilse@example.org", None).await;
    let (status, _) = ilse.bytes(&href).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn k9_the_registration_form_prints_as_html_and_pdf_for_those_who_see_the_whole_dossier() {
    let app = start("template").await;
    let (mut carla, token) = coordinator(&app).await;
    staff_user(
        &app,
        "vera@example.org",
        "Vera Vrijwilliger",
        &[Role::Staff],
    )
    .await;
    let reference = app
        .register_complaint(&token, phone_complaint(Some("vera@example.org")))
        .await;
    let dossier_page = carla.get(&format!("/beheer/klachten/{reference}")).await;
    assert!(dossier_page.body.contains(&format!(
        "/beheer/klachten/{reference}/registratieformulier"
    )));
    let form = carla
        .get(&format!(
            "/beheer/klachten/{reference}/registratieformulier"
        ))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    for value in [
        "Jan Jansen",
        "jan@example.nl",
        "0612345678",
        "De vrijwilliger kwam niet opdagen.",
        &reference,
    ] {
        assert!(form.body.contains(value), "{value} is on the form");
    }
    #[cfg(feature = "pdf")]
    {
        let (status, pdf) = carla
            .bytes(&format!(
                "/beheer/klachten/{reference}/registratieformulier.pdf"
            ))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert!(pdf.starts_with(b"%PDF"));
    }
    // The person complained about signs it (K11) but does not get the whole form with the
    // complainant's contact details.
    let mut vera = Desk::sign_in(&app, "vera@example.org", None).await;
    let refused = vera
        .get(&format!(
            "/beheer/klachten/{reference}/registratieformulier"
        ))
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert!(!refused.body.contains("jan@example.nl"));
}

/// The back office in Dutch shows no English sentence of the catalogue, and in English no Dutch
/// one: the dashboard, registering, a dossier and its steps, the account, reports and
/// recommendations, the registration form and the reports themselves.
#[tokio::test]
async fn dutch_pages_show_no_english_and_english_pages_no_dutch() {
    let app = start("template").await;
    let (mut carla, token) = coordinator(&app).await;
    let reference = app.register_complaint(&token, phone_complaint(None)).await;
    for lang in ["nl", "en"] {
        for path in [
            "/beheer".to_owned(),
            "/beheer/klachten/nieuw".to_owned(),
            format!("/beheer/klachten/{reference}"),
            format!("/beheer/klachten/{reference}/stap/add-note"),
            "/beheer/account".to_owned(),
            "/beheer/meldingen".to_owned(),
            "/beheer/verslagen".to_owned(),
            "/beheer/aanbevelingen".to_owned(),
            "/beheer/evaluaties".to_owned(),
            "/beheer/gebruikers/logboek".to_owned(),
            // The printed documents, in the page's language too.
            format!("/beheer/klachten/{reference}/registratieformulier"),
            "/beheer/verslagen/halfjaar?year=2026&half=1".to_owned(),
            "/beheer/verslagen/jaar?year=2025".to_owned(),
        ] {
            let sep = if path.contains('?') { '&' } else { '?' };
            let page = carla.get(&format!("{path}{sep}lang={lang}")).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            catalogue::assert_only(lang, &path, &page.body);
        }
    }
}

#[tokio::test]
async fn a_form_without_its_fields_gets_its_page_with_what_to_fill_in() {
    let app = start("template").await;
    let (mut ada, _) = admin(&app).await;
    let page = ada.get("/beheer/gebruikers").await;
    // Only the CSRF token: no name, no address, no role.
    let r = ada
        .post("/beheer/gebruikers", &[("csrf", &page.csrf())])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    for message in [
        "Vul de naam in.",
        "Vul een geldig e-mailadres in.",
        "Kies minstens één rol.",
    ] {
        assert!(r.body.contains(message), "{message}: {}", r.body);
    }
    // The account page's password form without the current password.
    let page = ada.get("/beheer/account").await;
    let r = ada
        .post(
            "/beheer/account",
            &[
                ("csrf", &page.csrf()),
                ("intent", "password"),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("Uw huidige wachtwoord klopt niet."),
        "{}",
        r.body
    );
    // The sign-in form without a password.
    let mut nobody = Desk::new(&app);
    let login = nobody.get("/beheer/inloggen").await;
    let r = nobody
        .post(
            "/beheer/inloggen",
            &[
                ("csrf", &login.input("csrf").unwrap()),
                ("email", "ada@example.org"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body.contains("Vul uw e-mailadres en uw wachtwoord in."),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn a_form_value_that_does_not_read_gets_the_page_that_says_so() {
    let app = start("template").await;
    let (mut ada, _) = admin(&app).await;
    let page = ada.get("/beheer/meldingen").await;
    let r = ada
        .post(
            "/beheer/meldingen/gelezen",
            &[("csrf", &page.csrf()), ("id", "seven")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(
        r.body
            .contains("Het formulier kwam niet goed aan. Probeer het opnieuw."),
        "{}",
        r.body
    );
    // Nothing was marked read on the way.
    assert_eq!(r.location, None);
}

#[tokio::test]
async fn t09_the_escalation_form_says_who_is_told_and_that_nobody_holds_a_level() {
    let app = start("template").await;
    let (mut d, token) = coordinator(&app).await;
    staff_user(
        &app,
        "dirk@example.org",
        "Dirk Directeur",
        &[Role::Director],
    )
    .await;
    let reference = app.register_complaint(&token, phone_complaint(None)).await;
    let form = d
        .get(&format!("/beheer/klachten/{reference}/stap/escalate"))
        .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(
        form.body.contains(
            "Wie het hoort — de directeur: Dirk Directeur; het bestuur: niemand, want niemand heeft die rol (voeg eerst iemand met die rol toe onder Gebruikers)."
        ),
        "{}",
        form.body
    );
    staff_user(&app, "bea@example.org", "Bea Bestuur", &[Role::Board]).await;
    let form = d
        .get(&format!("/beheer/klachten/{reference}/stap/escalate"))
        .await;
    assert!(
        form.body
            .contains("Wie het hoort — de directeur: Dirk Directeur; het bestuur: Bea Bestuur."),
        "{}",
        form.body
    );
}
