//! The pages speak one language (issue 16): a refusal on a Dutch page is Dutch — its message and
//! the list of what is missing, with the regulation's labels rather than ids and no rule ids —
//! and English on an English page; and a regulation that says "je" (kjrw) has public pages that
//! say "je" throughout, where the model regulation's say "u".

use crate::support::app::{self, TestApp, staff_user};
use crate::support::desk::Desk;
use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::json;

/// Monday 4 May 2026, 09:00 in Amsterdam.
const NOW: &str = "2026-05-04T09:00:00+02:00";

async fn start(profile: &str) -> TestApp {
    app::builtin(profile, NOW.parse().unwrap(), app::PublicUrl::Test).await
}

/// Sends the step form `action` of `reference` with `fields` as `desk` (in `lang`); the page
/// that comes back.
async fn send_step(
    desk: &mut Desk,
    reference: &str,
    action: &str,
    lang: &str,
    fields: &[(&str, &str)],
) -> crate::support::desk::Page {
    let path = format!("/beheer/klachten/{reference}/stap/{action}");
    let form = desk.get(&format!("{path}?lang={lang}")).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let csrf = form.csrf();
    let version = form.input("version").unwrap();
    let mut sent = vec![
        ("csrf", csrf.as_str()),
        ("version", version.as_str()),
        ("intent", "save"),
    ];
    sent.extend_from_slice(fields);
    desk.post(&path, &sent).await
}

/// The text of a page as a person reads it: without its tags, scripts and styles.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        out.push(' ');
        let tail = &rest[start..];
        let skip_to = if tail.starts_with("<style") {
            "</style>"
        } else if tail.starts_with("<script") {
            "</script>"
        } else {
            ">"
        };
        match tail.find(skip_to) {
            Some(end) => rest = &tail[end + skip_to.len()..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// The words of `text` that address the reader formally ("u", "uw", "uzelf").
fn formal_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '+')
        .filter(|w| matches!(*w, "u" | "U" | "uw" | "Uw" | "uzelf" | "Uzelf"))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn k10_k3_a_refused_step_on_a_dutch_page_says_it_in_dutch_without_rule_ids() {
    let app = start("template").await;
    let (_, totp) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    staff_user(
        &app,
        "vera@example.org",
        "Vera Vrijwilliger",
        &[Role::Staff],
    )
    .await;
    let token = app
        .staff_token("api@example.org", "Api", &[Role::Coordinator])
        .await;
    let complaint = |concerns: Option<&str>| {
        let mut v = json!({"name": "Jan Jansen", "email": "jan@example.nl",
            "description": "De vrijwilliger kwam niet opdagen.", "channel": "phone",
            "privacy_accepted": true});
        if let Some(c) = concerns {
            v["concerns"] = json!(c);
        }
        v
    };
    let reference = app.register_complaint(&token, complaint(None)).await;
    let mut carla = Desk::sign_in(&app, "coord@example.org", totp.as_deref()).await;

    // A classification without a category: the profile's labels, in Dutch.
    let refused = send_step(
        &mut carla,
        &reference,
        "classify",
        "nl",
        &[("severity", "normal")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = visible(&refused.body);
    assert!(
        text.contains("De classificatie past niet bij deze regeling."),
        "{text}"
    );
    assert!(
        text.contains(
            "Kies ten minste één categorie: Dienstverlening, Communicatie en bejegening, \
             Fondsenwerving en donaties, Financiën en administratie, Privacy en persoonsgegevens, \
             Overig."
        ),
        "{text}"
    );
    assert!(!text.contains("choose at least one"), "{text}");
    assert!(!text.contains("categories:"), "{text}");

    // The same in English on an English page.
    let refused = send_step(
        &mut carla,
        &reference,
        "classify",
        "en",
        &[("severity", "normal")],
    )
    .await;
    let text = visible(&refused.body);
    assert!(
        text.contains("Choose at least one category: Service, Communication and treatment,"),
        "{text}"
    );
    assert!(!text.contains("Kies ten minste"), "{text}");

    // A field left out: its problem in Dutch too.
    let refused = send_step(
        &mut carla,
        &reference,
        "extend",
        "nl",
        &[("deadline", "answer"), ("reason", "Meer tijd nodig.")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = visible(&refused.body);
    assert!(text.contains("Vul de nieuwe datum in."), "{text}");
    assert!(!text.contains("is required"), "{text}");

    // Closing too early: what the registration form lacks, by its Dutch name, no rule ids.
    app.step(
        &token,
        &reference,
        "assign",
        json!({"handler": "coord@example.org"}),
    )
    .await;
    app.step(
        &token,
        &reference,
        "decide",
        json!({"outcome": "gegrond", "decision": "U heeft gelijk.", "via": "email"}),
    )
    .await;
    let refused = send_step(&mut carla, &reference, "close", "nl", &[]).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    let text = visible(&refused.body);
    assert!(
        text.contains("De klacht kan nog niet worden afgesloten."),
        "{text}"
    );
    assert!(
        text.contains("Op het registratieformulier ontbreekt nog: categorie."),
        "{text}"
    );
    assert!(!text.contains("(K"), "no rule id: {text}");
    assert!(!text.contains("registration:"), "{text}");

    // The person complained about may not decide: said without "(K3)".
    let about_vera = app
        .register_complaint(&token, complaint(Some("vera@example.org")))
        .await;
    let mut vera = Desk::sign_in(&app, "vera@example.org", None).await;
    let refused = send_step(
        &mut vera,
        &about_vera,
        "decide",
        "nl",
        &[("outcome", "ongegrond"), ("decision", "Niets aan de hand.")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let text = visible(&refused.body);
    assert!(
        text.contains(
            "Deze klacht gaat over u. U kunt haar niet behandelen, er niet over beslissen en niet \
             als coördinator tekenen."
        ),
        "{text}"
    );
    assert!(!text.contains("(K"), "no rule id: {text}");
}

#[tokio::test]
async fn k4_kjrw_public_pages_say_je_and_the_model_regulations_say_u() {
    let kjrw = start("kjrw").await;
    let pages = [
        "/?lang=nl",
        "/klachtenregeling?lang=nl",
        "/klachtenregeling/folder?lang=nl",
        "/toegankelijkheid?lang=nl",
    ];
    for path in pages {
        let page = kjrw.page(path, &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        let text = visible(&page.body);
        assert_eq!(
            formal_words(&text),
            Vec::<String>::new(),
            "{path} says \"je\": {text}"
        );
    }
    let form = visible(&kjrw.page("/?lang=nl", &[]).await.body);
    for phrase in [
        "Wat is je klacht?",
        "Hoe kunnen wij je bereiken?",
        "Klaag je namens iemand anders?",
        "Jouw gegevens",
    ] {
        assert!(form.contains(phrase), "{phrase:?} on the kjrw form: {form}");
    }
    // A form sent without a name: the problem in "je" too.
    let sent = kjrw
        .http
        .post(kjrw.url("/"))
        .form(&[
            ("description", "Niemand belde terug."),
            ("email", "jan@example.nl"),
        ])
        .send()
        .await
        .unwrap();
    let text = visible(&sent.text().await.unwrap());
    assert!(
        text.contains("Vul je naam in") || text.contains("Het formulier"),
        "{text}"
    );
    assert_eq!(formal_words(&text), Vec::<String>::new(), "{text}");

    // The model regulation's pages keep "u"; English stays English.
    let template = start("template").await;
    let form = visible(&template.page("/?lang=nl", &[]).await.body);
    assert!(form.contains("Wat is uw klacht?"), "{form}");
    let english = visible(&kjrw.page("/?lang=en", &[]).await.body);
    assert!(english.contains("Your details"), "{english}");
}

/// The back office speaks in the regulation's voice too: under kjrw a signed-in coordinator's
/// dashboard, dossier and account page say "je" and never "u"/"uw"; under the model regulation
/// the same pages say "u".
#[tokio::test]
async fn k4_kjrw_back_office_says_je_and_the_model_regulations_say_u() {
    /// The dashboard with nothing waiting, a dossier and the account page, in Dutch, as a
    /// coordinator sees them: their visible text.
    async fn back_office(profile: &str) -> [(String, String); 3] {
        let app = start(profile).await;
        let (_, totp) = staff_user(
            &app,
            "coord@example.org",
            "Carla Coördinator",
            &[Role::Coordinator],
        )
        .await;
        let mut carla = Desk::sign_in(&app, "coord@example.org", totp.as_deref()).await;
        let dashboard = carla.get("/beheer?lang=nl").await;
        assert_eq!(dashboard.status, StatusCode::OK, "{}", dashboard.body);
        let token = app
            .staff_token("api@example.org", "Api", &[Role::Coordinator])
            .await;
        let reference = app
            .register_complaint(
                &token,
                json!({"name": "Jan Jansen", "email": "jan@example.nl",
                    "description": "Niemand belde terug.", "channel": "phone",
                    "privacy_accepted": true}),
            )
            .await;
        let dossier_path = format!("/beheer/klachten/{reference}?lang=nl");
        let dossier = carla.get(&dossier_path).await;
        assert_eq!(dossier.status, StatusCode::OK, "{}", dossier.body);
        let account = carla.get("/beheer/account?lang=nl").await;
        assert_eq!(account.status, StatusCode::OK, "{}", account.body);
        [
            ("/beheer".to_owned(), visible(&dashboard.body)),
            (dossier_path, visible(&dossier.body)),
            ("/beheer/account".to_owned(), visible(&account.body)),
        ]
    }

    let [dashboard, dossier, account] = back_office("kjrw").await;
    assert!(
        dashboard.1.contains("Er wacht nu niets op je."),
        "{}",
        dashboard.1
    );
    assert!(dossier.1.contains("Wat je nu kunt doen"), "{}", dossier.1);
    assert!(
        account.1.contains(
            "Een geheim adres met de termijnen van je klachten, voor Outlook of Google Agenda."
        ),
        "{}",
        account.1
    );
    for (path, text) in [&dashboard, &dossier, &account] {
        assert_eq!(
            formal_words(text),
            Vec::<String>::new(),
            "{path} under kjrw says \"je\": {text}"
        );
    }

    let [dashboard, dossier, account] = back_office("template").await;
    assert!(
        dashboard.1.contains("Er wacht nu niets op u."),
        "{}",
        dashboard.1
    );
    assert!(!dashboard.1.contains("op je."), "{}", dashboard.1);
    assert!(dossier.1.contains("Wat u nu kunt doen"), "{}", dossier.1);
    assert!(
        account.1.contains(
            "Een geheim adres met de termijnen van uw klachten, voor Outlook of Google Agenda."
        ),
        "{}",
        account.1
    );
}

/// K4: what the regulation's engine and the use cases say in code speaks in the regulation's
/// voice too. Under kjrw the public status page of a closed complaint refuses an addition with
/// "je", and the back office refuses a step naming a complaint that is not there with "je";
/// under the model regulation both say "u". The API keeps its words.
#[tokio::test]
async fn k4_kjrw_refusals_written_in_code_say_je_and_the_model_regulations_say_u() {
    /// The Dutch page refusing an addition to a closed complaint, and the Dutch step form
    /// refusing to mark it a duplicate of 2026-0099: their visible text.
    async fn refusals(profile: &str) -> (String, String) {
        let app = start(profile).await;
        let (_, totp) = staff_user(
            &app,
            "coord@example.org",
            "Carla Coördinator",
            &[Role::Coordinator, Role::Board],
        )
        .await;
        let token = app
            .staff_token("api@example.org", "Api", &[Role::Coordinator, Role::Board])
            .await;
        let sent = app
            .http
            .post(app.url("/api/v1/public/complaints"))
            .json(&json!({"name": "Jan Jansen", "email": "jan@example.nl",
                "description": "Niemand belde terug.", "privacy_accepted": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(sent.status(), StatusCode::CREATED);
        let v: serde_json::Value = sent.json().await.unwrap();
        let reference = v["reference"].as_str().unwrap().to_owned();
        let status_path = v["status_url"]
            .as_str()
            .unwrap()
            .strip_prefix("http://klacht.test")
            .unwrap()
            .to_owned();

        // A second complaint, to mark as a duplicate of one that is not there.
        let mut carla = Desk::sign_in(&app, "coord@example.org", totp.as_deref()).await;
        let other = app
            .register_complaint(
                &token,
                json!({"name": "Piet Pietersen", "email": "piet@example.nl",
                    "description": "Nog een klacht.", "channel": "phone",
                    "privacy_accepted": true}),
            )
            .await;
        let duplicate = send_step(
            &mut carla,
            &other,
            "mark-duplicate",
            "nl",
            &[("of", "2026-0099")],
        )
        .await;
        assert_eq!(
            duplicate.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            duplicate.body
        );

        let category = if profile == "kjrw" { "a" } else { "service" };
        app.step(
            &token,
            &reference,
            "classify",
            json!({"categories": [category], "severity": "normal"}),
        )
        .await;
        app.step(
            &token,
            &reference,
            "decide",
            json!({"outcome": "gegrond", "decision": "Wij bellen voortaan terug.", "via": "email"}),
        )
        .await;
        if profile == "kjrw" {
            // Art. 5 (K11): the coordinator signs the registration form.
            app.step(&token, &reference, "sign-off", json!({})).await;
        }
        let closed = app.step(&token, &reference, "close", json!({})).await;
        assert_eq!(closed["status"], "closed", "{closed}");
        let added = app
            .http
            .post(app.url(&status_path))
            .header("accept-language", "nl")
            .multipart(reqwest::multipart::Form::new().text("text", "Nog iets"))
            .send()
            .await
            .unwrap();
        assert_eq!(added.status(), StatusCode::CONFLICT);
        let added = visible(&added.text().await.unwrap());
        (added, visible(&duplicate.body))
    }

    let (added, duplicate) = refusals("kjrw").await;
    assert!(
        added.contains(
            "Je klacht is afgehandeld; je kunt niets meer toevoegen. Neem contact met ons op als je iets wilt laten weten."
        ),
        "{added}"
    );
    assert_eq!(formal_words(&added), Vec::<String>::new(), "{added}");
    assert!(
        duplicate.contains("Er is geen klacht 2026-0099 die je mag inzien."),
        "{duplicate}"
    );
    assert_eq!(
        formal_words(&duplicate),
        Vec::<String>::new(),
        "{duplicate}"
    );

    let (added, duplicate) = refusals("template").await;
    assert!(
        added.contains(
            "Uw klacht is afgehandeld; u kunt niets meer toevoegen. Neem contact met ons op als u iets wilt laten weten."
        ),
        "{added}"
    );
    assert!(
        duplicate.contains("Er is geen klacht 2026-0099 die u mag inzien."),
        "{duplicate}"
    );
}
