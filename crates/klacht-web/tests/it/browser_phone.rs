//! The back office on a phone (issue 16): at a 390 CSS pixel wide screen every back-office page
//! fits without sideways scrolling (WCAG 1.4.10, reflow). One server with a complaint that has a
//! full timeline and long words in it, a recommendation with an action, a draft version of the
//! regulation, a request of a data subject and a letter to post; a phone-sized Chromium opens
//! every page of `/beheer` (the routes of `backoffice/mod.rs`) and every step form the dossier
//! offers, and measures `document.documentElement.scrollWidth` on each. A page that is too wide
//! is named with the elements that stick out.
//!
//! Skipped (passes with a "SKIPPED" line) when Chromium, chromedriver or axe-core is not
//! installed, unless KLACHT_REQUIRE_BROWSER=1.

use crate::support::app::{self, PASSWORD, TestApp, staff_user};
use crate::support::browser::Browser;
use crate::support::desk::Desk;
use jiff::{SignedDuration, Timestamp};
use klacht_core::Role;
use klacht_web::Clock;
use serde_json::json;

/// Monday 4 May 2026, 09:00 in Amsterdam.
const NOW: &str = "2026-05-04T09:00:00+02:00";

/// The phone's width in CSS pixels.
const PHONE: u64 = 390;

/// A word without a place to break, as people paste them (an address, a file name).
const LONG_WORD: &str = "https://www.voorbeeld.nl/klachten/bijlagen/verslag-van-het-gesprek-met-de-vrijwilliger-2026-05-04.pdf";

/// The elements that stick out past the phone's right edge (the outermost ones: their parent
/// still fits; not those inside a region that scrolls by itself), each as
/// `tag#id.class (right edge)`.
const STICKING_OUT: &str = "
    const w = document.documentElement.clientWidth;
    const scrolled = (e) => {
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
            if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true;
        }
        return false;
    };
    const out = [];
    for (const e of document.querySelectorAll('body *')) {
        const r = e.getBoundingClientRect();
        const p = e.parentElement ? e.parentElement.getBoundingClientRect() : null;
        if (r.width > 0 && r.right > w + 0.5 && (!p || p.right <= w + 0.5) && !scrolled(e)) {
            const cls = typeof e.className === 'string' && e.className.trim()
                ? '.' + e.className.trim().split(/\\s+/).join('.') : '';
            out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + cls
                + ' (' + Math.round(r.right) + ' px)');
        }
    }
    return out.slice(0, 8).join(', ');";

/// The phone browser, and the pages found too wide so far.
struct Phone {
    b: Browser,
    too_wide: Vec<String>,
    seen: usize,
}

impl Phone {
    /// Measures the page now open, under `name`.
    async fn measure(&mut self, name: &str) {
        self.seen += 1;
        let width = self
            .b
            .eval("return document.documentElement.scrollWidth;")
            .await
            .as_u64()
            .unwrap_or(u64::MAX);
        if width > PHONE {
            let what = self.b.eval(STICKING_OUT).await;
            self.too_wide.push(format!(
                "{name} ({}) is {width} px wide: {}",
                self.b.current_url().await,
                what.as_str().unwrap_or_default()
            ));
        }
    }

    /// Opens `path` of `app` and measures it under `name`.
    async fn open(&mut self, app: &TestApp, path: &str, name: &str) {
        self.b.goto(&app.url(path)).await;
        self.measure(name).await;
    }

    /// The `href` of every element matching `css` on the page now open.
    async fn links(&self, css: &str) -> Vec<String> {
        let mut out = Vec::new();
        for a in self.b.find_all(css).await {
            if let Ok(Some(href)) = a.attr("href").await {
                out.push(href);
            }
        }
        out
    }
}

/// Posts a back-office form as `desk`: the CSRF token read from `form_page`.
async fn post(desk: &mut Desk, form_page: &str, path: &str, fields: &[(&str, &str)]) -> String {
    let csrf = desk.get(form_page).await.csrf();
    let mut sent = vec![("csrf", csrf.as_str())];
    sent.extend_from_slice(fields);
    let r = desk.post(path, &sent).await;
    assert_eq!(
        r.status,
        reqwest::StatusCode::SEE_OTHER,
        "{path}: {}",
        r.body
    );
    r.location.unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_back_office_page_fits_a_390_px_phone_screen() {
    let Some(b) = Browser::start_mobile().await else {
        return;
    };
    let now: Timestamp = NOW.parse().unwrap();
    let app = app::builtin("template", now, app::PublicUrl::Real).await;
    let mut phone = Phone {
        b,
        too_wide: Vec::new(),
        seen: 0,
    };
    // The first-start link, before anyone has an account.
    let link = klacht_web::first_start_link(&app.state)
        .await
        .unwrap()
        .unwrap();
    phone.b.goto(&link).await;
    assert_eq!(
        phone.b.eval("return innerWidth;").await,
        json!(PHONE),
        "the phone's screen"
    );
    phone.measure("the setup page").await;

    let (_, totp) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator-Bestuursvoorzitter",
        &[Role::Coordinator, Role::Admin, Role::Director],
    )
    .await;
    staff_user(&app, "hans@example.org", "Hans Handler", &[Role::Handler]).await;
    staff_user(
        &app,
        "vera.vrijwilligerscoordinatie@example.org",
        "Vera Vrijwilliger",
        &[Role::Staff],
    )
    .await;
    let token = app
        .staff_token("api@example.org", "Api", &[Role::Coordinator])
        .await;

    // A complaint with a full timeline, long words in it.
    let description = format!("De vrijwilliger kwam niet opdagen. Zie {LONG_WORD}");
    let full = app
        .register_complaint(
            &token,
            json!({"name": "Jan Jansen-Vanderbroeckhuizen", "email": "jan.jansen-vanderbroeckhuizen@example.nl",
                "phone": "0612345678", "address": "Dorpsstraat 1\n1234 AB Ons Dorp",
                "description": description, "channel": "phone", "privacy_accepted": true,
                "concerns": "vera.vrijwilligerscoordinatie@example.org"}),
        )
        .await;
    let step =
        |action: &'static str, body: serde_json::Value| app.step(&token, &full, action, body);
    step("acknowledge", json!({"via": "email"})).await;
    step("assign", json!({"handler": "hans@example.org"})).await;
    step("inform-involved", json!({"note": LONG_WORD})).await;
    step(
        "record-hearing",
        json!({"summary": format!("Gesprek gevoerd. {LONG_WORD}")}),
    )
    .await;
    step(
        "classify",
        json!({"categories": ["service"], "severity": "normal", "relation": "client"}),
    )
    .await;
    step(
        "extend",
        json!({"deadline": "answer", "new_due": "2026-05-22", "reason": "De directeur moet eerst met de vrijwilliger praten."}),
    )
    .await;
    step(
        "escalate",
        json!({"to": "director", "reason": "Herhaald wegblijven."}),
    )
    .await;
    step(
        "record-measure",
        json!({"description": "Afspraken komen voortaan in de gedeelde agenda."}),
    )
    .await;
    step(
        "decide",
        json!({"outcome": "gegrond", "decision": format!("De klacht is terecht. {LONG_WORD}"), "via": "email"}),
    )
    .await;
    step("add-note", json!({"text": LONG_WORD})).await;
    // One by phone from someone without e-mail: a letter to post.
    let by_post = app
        .register_complaint(
            &token,
            json!({"name": "Piet Puk", "phone": "0201234567",
                "address": "Dorpsstraat 1\n1234 AB Ons Dorp",
                "description": "De bus kwam niet.", "channel": "phone",
                "privacy_accepted": true}),
        )
        .await;
    app.step(&token, &by_post, "acknowledge", json!({"via": "email"}))
        .await;
    // One fresh: the acknowledgement's form and its letter preview.
    let fresh = app
        .register_complaint(
            &token,
            json!({"name": "Els Eerst", "email": "els@example.nl",
                "description": "Niemand belde terug.", "channel": "phone",
                "privacy_accepted": true}),
        )
        .await;

    // The register, a draft version of the regulation and a request, as the coordinator makes
    // them.
    let mut carla = Desk::sign_in(&app, "coord@example.org", totp.as_deref()).await;
    let recommendation = post(
        &mut carla,
        "/beheer/aanbevelingen",
        "/beheer/aanbevelingen",
        &[
            ("title", "Terugbellen binnen twee dagen"),
            (
                "text",
                &format!("Bel elke klager binnen twee dagen terug. {LONG_WORD}"),
            ),
        ],
    )
    .await;
    let recommendation = recommendation.split('#').next().unwrap().to_owned();
    post(
        &mut carla,
        &recommendation,
        &format!("{recommendation}/klachten"),
        &[("complaints", &full)],
    )
    .await;
    post(
        &mut carla,
        &recommendation,
        &format!("{recommendation}/besluit"),
        &[("decision", "adopted"), ("reason", "Past in het beleid.")],
    )
    .await;
    post(
        &mut carla,
        &recommendation,
        &format!("{recommendation}/acties"),
        &[
            ("description", "Belschema voor de balie maken."),
            ("owner", "coord@example.org"),
            ("due", "2026-05-08"),
        ],
    )
    .await;
    let source = klacht_core::profile::builtin_source("template").unwrap();
    let draft = post(
        &mut carla,
        "/beheer/regeling/nieuw",
        "/beheer/regeling/nieuw",
        &[
            (
                "toml",
                &source
                    .replace("version = \"2025-1\"", "version = \"2027-1\"")
                    .replace("working_days = 5\nfrom", "working_days = 10\nfrom"),
            ),
            ("note", "Langere antwoordtermijn"),
        ],
    )
    .await;
    let request = post(
        &mut carla,
        "/beheer/verzoeken/nieuw",
        "/beheer/verzoeken/nieuw",
        &[
            ("kind", "access"),
            ("email", "jan.jansen-vanderbroeckhuizen@example.nl"),
        ],
    )
    .await;

    // Signing in: the page, the code page, then every page of the back office.
    phone
        .open(&app, "/beheer/inloggen", "the sign-in page")
        .await;
    phone.b.fill("#email", "coord@example.org").await;
    phone.b.fill("#password", "not the password").await;
    phone.b.click("main form button[type=submit]").await;
    phone.b.find(".error-summary").await;
    phone.measure("the sign-in page with an error").await;
    phone.b.fill("#email", "coord@example.org").await;
    phone.b.fill("#password", PASSWORD).await;
    phone.b.click("main form button[type=submit]").await;
    phone
        .b
        .wait_for_url("the code page", |u| u.contains("/beheer/inloggen/code"))
        .await;
    phone.measure("the code page").await;
    let later = app.clock.now() + SignedDuration::from_secs(31);
    app.clock.set(later);
    let code = klacht_web::auth::totp::code_at(totp.as_deref().unwrap(), later).unwrap();
    phone.b.fill("#code", &code).await;
    phone.b.click("main form button[type=submit]").await;
    phone
        .b
        .wait_for_url("the dashboard", |u| !u.contains("/beheer/inloggen"))
        .await;
    phone.measure("the dashboard").await;
    phone
        .open(&app, "/beheer?lang=en", "the English dashboard")
        .await;
    phone
        .open(
            &app,
            "/beheer?lang=nl&q=Jansen&status=open",
            "the dashboard, filtered",
        )
        .await;

    let dossier = format!("/beheer/klachten/{full}");
    phone.open(&app, &dossier, "the dossier").await;
    let forms = phone.links(".steps .actions a").await;
    assert!(forms.len() >= 3, "the dossier offers steps: {forms:?}");
    for href in forms {
        phone
            .open(&app, &href, &format!("the step form {href}"))
            .await;
    }
    phone
        .open(&app, &format!("{dossier}/stap/add-note"), "the note form")
        .await;
    phone.b.fill("#text", "   ").await;
    phone.b.click("main form button[value=save]").await;
    phone.b.find(".error-summary").await;
    phone.measure("the note form with an error").await;
    // Closing before a decision: refused, with what to do first.
    phone
        .open(
            &app,
            &format!("/beheer/klachten/{by_post}/stap/close"),
            "the close form",
        )
        .await;
    phone.b.click("main form button[value=save]").await;
    phone.b.find("[aria-labelledby=refusal-title]").await;
    phone.measure("the close form refused").await;
    phone
        .open(
            &app,
            &format!("{dossier}/registratieformulier"),
            "the registration form to print",
        )
        .await;
    phone
        .open(&app, &format!("{dossier}?lang=en"), "the English dossier")
        .await;

    phone
        .open(
            &app,
            &format!("/beheer/klachten/{fresh}/stap/acknowledge"),
            "the acknowledgement form",
        )
        .await;
    phone.b.click("main form button[value=preview]").await;
    phone.b.find(".preview").await;
    phone.measure("the letter preview").await;

    phone
        .open(
            &app,
            &format!("/beheer/klachten/{by_post}"),
            "a dossier with a letter to post",
        )
        .await;
    let letters = phone.links("#letters-to-post a").await;
    assert!(!letters.is_empty(), "a letter to post");
    for href in letters {
        phone.open(&app, &href, "the printed letter").await;
    }

    phone
        .open(
            &app,
            "/beheer/klachten/nieuw",
            "the registration of a complaint",
        )
        .await;
    phone.b.click("main form button[type=submit]").await;
    phone.b.find(".error-summary").await;
    phone
        .measure("the registration of a complaint with errors")
        .await;

    phone
        .open(&app, "/beheer/aanbevelingen", "the recommendations")
        .await;
    phone
        .open(&app, &recommendation, "a recommendation with an action")
        .await;
    phone
        .open(&app, "/beheer/evaluaties", "the evaluations")
        .await;

    phone.open(&app, "/beheer/verslagen", "the reports").await;
    let reports: Vec<String> = phone
        .links("main a[href^='/beheer/verslagen/']")
        .await
        .into_iter()
        .filter(|h| !h.contains("format=") || h.contains("format=html"))
        .collect();
    assert!(!reports.is_empty(), "the reports page links its reports");
    for href in reports {
        phone.open(&app, &href, &format!("the report {href}")).await;
    }
    phone
        .open(
            &app,
            "/beheer/verslagen/halfjaar?year=2026&half=3",
            "the reports with an error",
        )
        .await;
    phone
        .open(
            &app,
            "/beheer/verslagen/jaar?year=2026",
            "the annual report",
        )
        .await;
    phone
        .open(
            &app,
            "/beheer/verslagen/periode?from=2026-01-01&to=2026-06-30",
            "the report over a period",
        )
        .await;

    phone
        .open(&app, "/beheer/bewaartermijn", "the retention page")
        .await;
    phone
        .open(&app, "/beheer/regeling", "the versions of the regulation")
        .await;
    phone
        .open(&app, "/beheer/regeling/nieuw", "the draft form")
        .await;
    phone
        .open(&app, &draft, "a draft with its difference")
        .await;
    phone
        .open(&app, &format!("{draft}/voorbeeld"), "the draft's preview")
        .await;
    phone
        .open(&app, "/beheer/regeling/1", "the version in force")
        .await;
    phone
        .open(&app, "/beheer/regeling/1/instellingen", "the settings")
        .await;
    let parts = phone
        .links("main a[href^='/beheer/regeling/1/instellingen/']")
        .await;
    assert!(parts.len() >= 15, "{parts:?}");
    for href in &parts {
        phone.open(&app, href, "a part of the settings").await;
    }
    phone
        .open(&app, "/beheer/regeling/1/brieven", "the letters' preview")
        .await;
    phone
        .open(&app, "/beheer/inrichten", "the set-up of the organisation")
        .await;
    // A message in the post tray, with a long subject and a long address.
    let taken = klacht_app::mail_in::take(
        &app.state,
        klacht_app::mail_in::Incoming {
            source: "imap://klachten@mail.example.nl/INBOX".into(),
            key: Some("1:1".into()),
            arrived_at: None,
            raw: b"From: Wilhelmina van Oosterhout-Zuidervaart <wilhelmina.vanoosterhoutzuidervaart@voorbeeldorganisatie.example.nl>\r\nTo: klachten@voorbeeld.nl\r\nSubject: Klacht over de bereikbaarheid van de telefonische hulplijn gedurende de zomermaanden\r\nMessage-ID: <phone-1@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nNiemand nam op.\r\n".to_vec(),
        },
    )
    .await
    .unwrap();
    phone.open(&app, "/beheer/postvak", "the post tray").await;
    phone
        .open(
            &app,
            &format!("/beheer/postvak/{}", taken.id()),
            "a message in the post tray",
        )
        .await;

    phone.open(&app, "/beheer/verzoeken", "the requests").await;
    phone
        .open(&app, "/beheer/verzoeken/nieuw", "the request form")
        .await;
    phone.open(&app, &request, "a request").await;

    phone.open(&app, "/beheer/meldingen", "the notices").await;
    phone.open(&app, "/beheer/account", "the account").await;
    phone
        .open(&app, "/beheer/account/tweede-factor", "the second factor")
        .await;
    phone.open(&app, "/beheer/gebruikers", "the users").await;
    phone
        .open(&app, "/beheer/gebruikers/logboek", "the account log")
        .await;
    let users = phone.links("main a[href^='/beheer/gebruikers/']").await;
    for href in users.iter().filter(|h| !h.ends_with("/logboek")).take(2) {
        phone.open(&app, href, "a user").await;
    }

    assert!(phone.seen >= 40, "{} pages measured", phone.seen);
    assert!(
        phone.too_wide.is_empty(),
        "wider than a {PHONE} px phone:\n{}",
        phone.too_wide.join("\n")
    );
    phone.b.close().await;
}
