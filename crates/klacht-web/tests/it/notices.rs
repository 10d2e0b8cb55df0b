//! Staff notifications through the real application: steps over the JSON API (and the
//! complainant's status page) tell the right people, each notice with one e-mail in their own
//! language that names the complaint and the event but nothing of the complainant; and the
//! deadline job tells of a deadline the working day before and once passed, once each.

use crate::support::app::{self, TestApp};

use jiff::SignedDuration;
use klacht_core::{Lang, Role, UserId};
use klacht_store::{Notice, QueuedMail};
use klacht_web::notices;
use reqwest::StatusCode;
use serde_json::json;

/// Friday 1 May 2026, 09:00 in Amsterdam.
const NOW: &str = "2026-05-01T09:00:00+02:00";

/// What must never appear in a notice or its e-mail: the complainant and their complaint.
const PERSONAL: [&str; 5] = [
    "Jan",
    "Jansen",
    "jan@example.nl",
    "0612345678",
    "kwam niet opdagen",
];

/// The test app with this module's shorthands.
struct App(TestApp);

impl std::ops::Deref for App {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.0
    }
}

impl App {
    async fn new(profile: &str) -> App {
        let source = klacht_core::profile::builtin_source(profile).unwrap();
        App::with_source(source.to_owned()).await
    }

    /// The app with the profile `source` at [`NOW`].
    async fn with_source(source: String) -> App {
        let profile = klacht_core::profile::parse(&source).unwrap();
        let now = NOW.parse().unwrap();
        App(app::start(&source, profile, now, app::PublicUrl::Test, |_| {}).await)
    }

    /// A staff member and their API token.
    async fn user(&self, email: &str, name: &str, roles: &[Role]) -> (UserId, String) {
        let token = self.staff_token(email, name, roles).await;
        (self.user_id(email).await, token)
    }

    /// A complaint from the public form's API; returns its reference and status page URL.
    async fn submit(&self) -> (String, String) {
        let (s, v) = self
            .post(
                "/api/v1/public/complaints",
                None::<&str>,
                json!({"name": "Jan Jansen", "email": "jan@example.nl", "phone": "0612345678",
                       "description": "De vrijwilliger kwam niet opdagen.", "privacy_accepted": true}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        (
            v["reference"].as_str().unwrap().to_owned(),
            v["status_url"].as_str().unwrap().to_owned(),
        )
    }

    /// A complaint registered by staff about `concerns` (an e-mail address).
    async fn register_about(&self, token: &str, concerns: &str) -> String {
        self.register_complaint(
            token,
            json!({"name": "Jan Jansen", "email": "jan@example.nl",
                   "description": "De vrijwilliger kwam niet opdagen.",
                   "channel": "phone", "concerns": concerns}),
        )
        .await
    }

    async fn notices(&self, user: UserId) -> Vec<Notice> {
        self.store.notices(user, None, 100).await.unwrap()
    }

    async fn kinds(&self, user: UserId) -> Vec<String> {
        let mut k: Vec<String> = self
            .notices(user)
            .await
            .into_iter()
            .map(|n| n.kind)
            .collect();
        k.reverse();
        k
    }

    /// Every message waiting in the queue to `to` up to a day from the clock's now.
    async fn mail_to(&self, to: &str) -> Vec<QueuedMail> {
        let until = self
            .now()
            .checked_add(SignedDuration::from_hours(24))
            .unwrap();
        self.mail_to_before(to, until).await
    }
}

fn assert_no_personal_data(m: &QueuedMail) {
    for p in PERSONAL {
        assert!(
            !m.subject.contains(p) && !m.body.contains(p),
            "{p:?} in the mail to {}: {}\n{}",
            m.to,
            m.subject,
            m.body
        );
        assert_ne!(m.to_name.as_deref(), Some(p));
    }
}

#[tokio::test]
async fn t03_a_new_complaint_and_its_handler_are_told_by_mail_without_the_complainant() {
    let app = App::new("template").await;
    let (coord, coord_token) = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (handler, _) = app.user("h@x.nl", "Hanna", &[Role::Handler]).await;
    let (reference, _) = app.submit().await;

    // T3: the complaint lands with the coordinator.
    let listed = app.notices(coord).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].kind, "new_complaint");
    assert_eq!(listed[0].complaint.as_ref().unwrap().to_string(), reference);
    let to_coord = app.mail_to("c@x.nl").await;
    assert_eq!(to_coord.len(), 1);
    assert_eq!(
        to_coord[0].subject,
        format!("Klacht {reference}: nieuwe klacht ontvangen")
    );
    assert!(
        to_coord[0].body.contains(&format!(
            "Er is een nieuwe klacht binnengekomen: {reference}. Bevestig de ontvangst"
        )),
        "{}",
        to_coord[0].body
    );
    assert_no_personal_data(&to_coord[0]);

    app.step(
        &coord_token,
        &reference,
        "assign",
        json!({"handler": "h@x.nl"}),
    )
    .await;
    let listed = app.notices(handler).await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0].kind, "assigned");
    assert_eq!(listed[0].read_at, None);
    assert_eq!(app.store.unread_notices(handler).await.unwrap(), 1);
    let mails = app.mail_to("h@x.nl").await;
    assert_eq!(mails.len(), 1, "one e-mail to the handler");
    let m = &mails[0];
    assert_eq!(
        m.subject,
        format!("Klacht {reference}: u bent aangewezen als behandelaar")
    );
    assert_eq!(m.to_name.as_deref(), Some("Hanna"));
    assert_eq!(m.language, Lang::Nl);
    assert_eq!(m.seq, None, "no letter on the dossier");
    assert!(m.body.starts_with("Beste Hanna,"), "{}", m.body);
    assert!(
        m.body
            .contains(&format!("http://klacht.test/beheer/klachten/{reference}")),
        "{}",
        m.body
    );
    // Received Friday 1 May; 5 May is Bevrijdingsdag: the answer is due Monday 11 May.
    assert!(m.body.contains("maandag 11 mei 2026"), "{}", m.body);
    assert_no_personal_data(m);
    // The coordinator who assigned is not told of their own step.
    assert_eq!(app.notices(coord).await.len(), 1);

    // The list's words are the mail's.
    let view = notices::describe(
        &app.notices(handler).await[0],
        Lang::En,
        &app.state.regulation().profile,
    );
    assert_eq!(
        view.text,
        format!("You have been assigned to handle complaint {reference}.")
    );
    assert_eq!(
        view.href.as_deref(),
        Some(format!("/beheer/klachten/{reference}").as_str())
    );
    assert!(!view.read);
}

#[tokio::test]
async fn t09_escalation_reaches_the_director_in_their_language_but_not_one_complained_about() {
    let app = App::new("template").await;
    let (_, coord) = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (director, _) = app.user("d@x.nl", "Daan", &[Role::Director]).await;
    let (accused, _) = app.user("d2@x.nl", "Dora", &[Role::Director]).await;
    let (board, _) = app.user("b@x.nl", "Bert", &[Role::Board]).await;
    app.store.set_language(director, Lang::En).await.unwrap();
    let reference = app.register_about(&coord, "d2@x.nl").await;
    app.step(
        &coord,
        &reference,
        "escalate",
        json!({"to": "director", "reason": "Geen oplossing gevonden."}),
    )
    .await;
    assert_eq!(app.kinds(director).await, ["escalated"]);
    assert!(app.notices(accused).await.is_empty(), "K3");
    assert!(app.notices(board).await.is_empty(), "not the board's yet");
    let mails = app.mail_to("d@x.nl").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(
        mails[0].subject,
        format!("Complaint {reference}: escalated to you as director")
    );
    assert_eq!(mails[0].language, Lang::En);
    assert!(mails[0].body.starts_with("Dear Daan,"), "{}", mails[0].body);
    assert!(
        !mails[0].body.contains("Geen oplossing"),
        "the reason is the dossier's"
    );
    assert_no_personal_data(&mails[0]);
    assert!(app.mail_to("d2@x.nl").await.is_empty());

    app.step(
        &coord,
        &reference,
        "escalate",
        json!({"to": "board", "reason": "Zeer ernstig."}),
    )
    .await;
    assert_eq!(app.kinds(board).await, ["escalated"]);
    assert_eq!(
        app.mail_to("b@x.nl").await[0].subject,
        format!("Klacht {reference}: voorgelegd aan het bestuur")
    );
}

#[tokio::test]
async fn k05_k11_k12_the_volunteer_is_informed_kept_informed_and_asked_with_the_coordinator_to_sign()
 {
    // The template, with the signatures of KJRW (K11: the volunteer involved and the coordinator).
    let source = klacht_core::profile::builtin_source("template")
        .unwrap()
        .replace(
            "sign_off = []",
            "sign_off = [\"involved\", \"coordinator\"]",
        );
    let app = App::with_source(source).await;
    let (coord, coord_token) = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (_, handler) = app.user("h@x.nl", "Hanna", &[Role::Handler]).await;
    let (volunteer, volunteer_token) = app.user("v@x.nl", "Vera", &[Role::Staff]).await;
    let reference = app.register_about(&coord_token, "v@x.nl").await;
    assert!(
        app.notices(volunteer).await.is_empty(),
        "not before they are informed"
    );
    app.step(
        &coord_token,
        &reference,
        "assign",
        json!({"handler": "h@x.nl"}),
    )
    .await;
    assert!(app.notices(volunteer).await.is_empty());
    app.step(&handler, &reference, "inform-involved", json!({}))
        .await;
    assert_eq!(app.kinds(volunteer).await, ["concerns_you"]);
    let m = &app.mail_to("v@x.nl").await[0];
    assert_eq!(m.subject, format!("Klacht {reference}: een klacht over u"));
    assert_no_personal_data(m);
    // Handling notes are not the volunteer's to see (K3), nor to hear of.
    app.step(&handler, &reference, "add-note", json!({"text": "Intern."}))
        .await;
    assert_eq!(app.notices(volunteer).await.len(), 1);
    app.step(
        &handler,
        &reference,
        "decide",
        json!({"outcome": "gegrond", "decision": "U krijgt gelijk.", "via": "email"}),
    )
    .await;
    assert_eq!(
        app.kinds(volunteer).await,
        ["concerns_you", "sign_off_requested"]
    );
    assert_eq!(
        app.kinds(coord).await,
        ["sign_off_requested"],
        "the coordinator, who took no part in the decision"
    );
    let volunteer_detail = app.notices(volunteer).await[0].detail.clone();
    assert_eq!(volunteer_detail.as_deref(), Some("involved"));
    assert_eq!(
        app.mail_to("c@x.nl").await.last().unwrap().subject,
        format!("Klacht {reference}: uw handtekening is nodig")
    );
    // The volunteer signs: the coordinator hears nothing new, the volunteer neither (own step).
    app.step(&volunteer_token, &reference, "sign-off", json!({}))
        .await;
    assert_eq!(app.notices(coord).await.len(), 1);
    assert_eq!(app.notices(volunteer).await.len(), 2);
    app.step(&coord_token, &reference, "sign-off", json!({}))
        .await;
    // K12: the volunteer hears of the coordinator's signature.
    assert_eq!(
        app.kinds(volunteer).await,
        [
            "concerns_you",
            "sign_off_requested",
            "update_on_your_complaint"
        ]
    );
    for m in app.mail_to("v@x.nl").await {
        assert_no_personal_data(&m);
    }
}

#[tokio::test]
async fn the_complainants_addition_and_request_to_reopen_reach_staff_from_the_status_page() {
    let app = App::new("template").await;
    let (coord, coord_token) = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (handler, _) = app.user("h@x.nl", "Hanna", &[Role::Handler]).await;
    let (reference, status_url) = app.submit().await;
    let path = status_url.trim_start_matches("http://klacht.test");
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let add = |text: &'static str| {
        browser
            .post(format!("{}{path}", app.base))
            .multipart(reqwest::multipart::Form::new().text("text", text))
            .send()
    };
    // No handler yet: the coordinator hears of it.
    assert_eq!(
        add("Ik wil nog iets toevoegen.").await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.kinds(coord).await,
        ["new_complaint", "complainant_added"]
    );
    let mails = app.mail_to("c@x.nl").await;
    assert_eq!(mails.len(), 2);
    assert_eq!(
        mails[1].subject,
        format!("Klacht {reference}: de klager heeft iets toegevoegd")
    );
    assert!(
        !mails[1].body.contains("Ik wil nog"),
        "the message is the dossier's"
    );
    assert_no_personal_data(&mails[1]);
    // Once assigned, the handler does.
    app.step(
        &coord_token,
        &reference,
        "assign",
        json!({"handler": "h@x.nl"}),
    )
    .await;
    assert_eq!(
        add("Nog een bericht.").await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.kinds(handler).await, ["assigned", "complainant_added"]);
    assert_eq!(app.notices(coord).await.len(), 2);

    // Handled and closed; the complainant is not satisfied and asks to look again (the
    // template's standard answer that asks it): the coordinator is asked to reopen.
    app.step(
        &coord_token,
        &reference,
        "classify",
        json!({"categories": ["service"], "severity": "normal"}),
    )
    .await;
    app.step(
        &coord_token,
        &reference,
        "decide",
        json!({"outcome": "ongegrond", "decision": "Ongegrond.", "via": "email"}),
    )
    .await;
    app.step(&coord_token, &reference, "close", json!({})).await;
    let res = browser
        .post(format!("{}{path}/tevredenheid", app.base))
        .form(&[
            ("answer", "niet_opgelost"),
            ("comment", "Jan Jansen is boos."),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.kinds(coord).await,
        ["new_complaint", "complainant_added", "reopen_requested"]
    );
    let last = app.mail_to("c@x.nl").await.pop().unwrap();
    assert_eq!(
        last.subject,
        format!("Klacht {reference}: de klager vraagt om heropening")
    );
    assert_no_personal_data(&last);
    assert!(!last.body.contains("boos"));
}

#[tokio::test]
async fn t05_t06_the_deadline_job_tells_the_working_day_before_and_once_passed_once_each() {
    let app = App::new("template").await;
    let (coord, coord_token) = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (handler, _) = app.user("h@x.nl", "Hanna", &[Role::Handler]).await;
    // Friday 1 May: acknowledged at once; the answer is due Monday 11 May.
    let (reference, _) = app.submit().await;
    let round = || notices::deadline_round(&app.state);
    let deadline_kinds = |kinds: Vec<String>| -> Vec<String> {
        kinds.into_iter().filter(|k| k != "new_complaint").collect()
    };

    app.set_clock("2026-05-07T12:00:00+02:00");
    let r = round().await.unwrap();
    assert_eq!(r.written, 0, "Thursday: not yet");
    assert!(deadline_kinds(app.kinds(coord).await).is_empty());

    // Friday 8 May: the next working day is Monday 11 May, the due date. No handler yet: the
    // coordinator is told.
    app.set_clock("2026-05-08T07:00:00+02:00");
    let r = round().await.unwrap();
    assert_eq!((r.complaints, r.written), (1, 1));
    // The job runs again (every quarter of an hour; or a second instance at the same time).
    let (a, b) = tokio::join!(round(), round());
    assert_eq!(a.unwrap().written + b.unwrap().written, 0);
    app.set_clock("2026-05-08T16:00:00+02:00");
    assert_eq!(round().await.unwrap().written, 0);
    assert_eq!(
        deadline_kinds(app.kinds(coord).await),
        ["deadline_tomorrow"]
    );
    let n = &app.notices(coord).await[0];
    assert_eq!(n.detail.as_deref(), Some("answer:2026-05-11"));
    let mails: Vec<QueuedMail> = app
        .mail_to("c@x.nl")
        .await
        .into_iter()
        .filter(|m| m.subject.contains("termijn"))
        .collect();
    assert_eq!(mails.len(), 1, "one e-mail");
    assert_eq!(
        mails[0].subject,
        format!("Klacht {reference}: termijn 'Beantwoording' verloopt op 11 mei 2026")
    );
    assert!(
        mails[0].body.contains(&format!(
            "De termijn 'Beantwoording' van klacht {reference} verloopt op maandag 11 mei 2026."
        )),
        "{}",
        mails[0].body
    );
    assert_no_personal_data(&mails[0]);

    // Monday, the due date: a handler is assigned, and the job tells them the deadline is today
    // (the coordinator was told already).
    app.set_clock("2026-05-11T10:00:00+02:00");
    app.step(
        &coord_token,
        &reference,
        "assign",
        json!({"handler": "h@x.nl"}),
    )
    .await;
    assert_eq!(round().await.unwrap().written, 1);
    assert_eq!(round().await.unwrap().written, 0);
    // Tuesday 12 May the deadline has passed: the handler is told, once.
    app.set_clock("2026-05-12T09:00:00+02:00");
    assert_eq!(round().await.unwrap().written, 1);
    assert_eq!(round().await.unwrap().written, 0);
    assert_eq!(
        app.kinds(handler).await,
        ["assigned", "deadline_tomorrow", "overdue"]
    );
    assert_eq!(
        deadline_kinds(app.kinds(coord).await),
        ["deadline_tomorrow"]
    );
    let overdue = app.mail_to("h@x.nl").await;
    assert_eq!(overdue.len(), 3);
    assert_eq!(
        overdue[2].subject,
        format!("Klacht {reference}: termijn 'Beantwoording' is verstreken")
    );
    assert_no_personal_data(&overdue[2]);

    // Extended to a new date: that date is told anew, the day before.
    app.step(
        &coord_token,
        &reference,
        "extend",
        json!({"deadline": "answer", "new_due": "2026-05-19", "reason": "Meer tijd nodig."}),
    )
    .await;
    app.set_clock("2026-05-18T09:00:00+02:00");
    assert_eq!(round().await.unwrap().written, 1);
    assert_eq!(
        app.kinds(handler).await,
        [
            "assigned",
            "deadline_tomorrow",
            "overdue",
            "deadline_tomorrow"
        ]
    );
    // Decided: nothing runs, nothing is told.
    app.step(
        &coord_token,
        &reference,
        "decide",
        json!({"outcome": "gegrond", "decision": "Gegrond.", "via": "email"}),
    )
    .await;
    app.set_clock("2026-05-25T09:00:00+02:00");
    let r = round().await.unwrap();
    assert_eq!((r.complaints, r.written), (0, 0));
}

/// Every notice about a complaint names its reference in its own words, in both languages: the
/// list at /beheer/meldingen shows only those words (the link is on them), and the e-mail's body
/// begins with them.
#[test]
fn every_notice_text_names_its_complaints_reference() {
    let profile = klacht_core::profile::builtin("template").unwrap();
    let reference = klacht_core::Reference::new(2026, 42);
    let cases: [(&str, Option<&str>, &str, &str); 17] = [
        (
            "new_complaint",
            None,
            "Er is een nieuwe klacht binnengekomen: 2026-0042. Bevestig de ontvangst en wijs een behandelaar aan.",
            "A new complaint has come in: 2026-0042. Acknowledge its receipt and assign a handler.",
        ),
        (
            "resolved_directly",
            None,
            "Een medewerker heeft klacht 2026-0042 geregistreerd, die meteen is afgehandeld. Zij wordt u ter kennisname gemeld.",
            "A staff member registered complaint 2026-0042, which was resolved at once. It is reported to you for your information.",
        ),
        (
            "assigned",
            None,
            "U bent aangewezen als behandelaar van klacht 2026-0042.",
            "You have been assigned to handle complaint 2026-0042.",
        ),
        (
            "concerns_you",
            None,
            "Er is een klacht over u ingediend: 2026-0042. De coördinator informeert u hierover; u kunt de klacht inzien en wordt op de hoogte gehouden van de afhandeling.",
            "A complaint has been made about you: 2026-0042. The coordinator informs you of it; you can read the complaint and will be kept informed of how it is handled.",
        ),
        (
            "update_on_your_complaint",
            Some("decided"),
            "In de klacht over u (2026-0042): er is op de klacht beslist.",
            "In the complaint about you (2026-0042): a decision was made.",
        ),
        (
            "escalated",
            Some("board"),
            "Klacht 2026-0042 is aan het bestuur voorgelegd. U kunt het dossier inzien en meebeslissen.",
            "Complaint 2026-0042 has been escalated to the board. You can read the file and take part in the decision.",
        ),
        (
            "escalated",
            Some("director"),
            "Klacht 2026-0042 is aan u als directeur voorgelegd: er is nog geen oplossing gevonden.",
            "Complaint 2026-0042 has been escalated to you as director: no solution has been found yet.",
        ),
        (
            "sign_off_requested",
            Some("involved"),
            "Er is op klacht 2026-0042 beslist. Uw handtekening op het registratieformulier is nodig (als betrokkene) voordat de klacht kan worden afgesloten.",
            "A decision has been made on complaint 2026-0042. Your signature on the registration form is needed (as person concerned) before it can be closed.",
        ),
        (
            "reopen_requested",
            None,
            "De klager is niet tevreden met de afhandeling van klacht 2026-0042 en vraagt haar te heropenen.",
            "The complainant is not satisfied with how complaint 2026-0042 was handled and asks to reopen it.",
        ),
        (
            "complainant_added",
            None,
            "De klager heeft via de statuspagina een bericht of stukken aan klacht 2026-0042 toegevoegd.",
            "The complainant added a message or documents to complaint 2026-0042 through the status page.",
        ),
        (
            "deadline_tomorrow",
            Some("answer:2026-05-11"),
            "De termijn 'Beantwoording' van klacht 2026-0042 verloopt op maandag 11 mei 2026.",
            "The deadline 'Answer' of complaint 2026-0042 ends on Monday 11 May 2026.",
        ),
        (
            "overdue",
            Some("answer:2026-05-11"),
            "De termijn 'Beantwoording' van klacht 2026-0042 is verstreken: die liep tot en met maandag 11 mei 2026.",
            "The deadline 'Answer' of complaint 2026-0042 has passed: it ran until Monday 11 May 2026.",
        ),
        (
            "consult_board",
            None,
            "Klacht 2026-0042 is aangemerkt als zeer ernstig of gevoelig. Overleg met het bestuur en leg de klacht voor, of leg in het dossier vast waarom dat niet nodig is.",
            "Complaint 2026-0042 has been classified as very serious or sensitive. Consult the board and escalate it, or record in the file why that is not needed.",
        ),
        (
            "consult_board",
            Some("board"),
            "Klacht 2026-0042 is aangemerkt als zeer ernstig. Volgens de klachtenregeling overlegt de coördinator hierover met het bestuur.",
            "Complaint 2026-0042 has been classified as very serious. Under the complaints regulation the coordinator consults the board about it.",
        ),
        (
            "complainant_added",
            Some("email"),
            "Er is een e-mail van de klager bij klacht 2026-0042 gekomen. Lees hem in het dossier.",
            "An e-mail from the complainant has joined complaint 2026-0042. Read it in the file.",
        ),
        (
            "letter_bounced",
            None,
            "Een brief van klacht 2026-0042 kwam onbestelbaar terug. Zoek een andere weg om de klager te bereiken, bijvoorbeeld per post of telefoon.",
            "A letter of complaint 2026-0042 came back undelivered. Find another way to reach the complainant, for example by post or phone.",
        ),
        (
            "handler_concerned",
            None,
            "Klacht 2026-0042 gaat nu over de medewerker die haar behandelt. Die mag haar niet meer behandelen: wijs een andere behandelaar aan.",
            "Complaint 2026-0042 is now about the staff member handling it, who may no longer handle it: assign another handler.",
        ),
    ];
    let kinds: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.0).collect();
    assert_eq!(
        kinds.len(),
        klacht_core::procedure::NoticeKind::ALL.len(),
        "every kind of notice"
    );
    for (kind, detail, nl, en) in cases {
        let notice = Notice {
            id: 1,
            complaint: Some(reference.clone()),
            kind: kind.to_owned(),
            detail: detail.map(str::to_owned),
            created_at: NOW.parse::<jiff::Timestamp>().unwrap(),
            read_at: None,
        };
        assert_eq!(notices::describe(&notice, Lang::Nl, &profile).text, nl);
        assert_eq!(notices::describe(&notice, Lang::En, &profile).text, en);
    }
}

/// Under a regulation that says "je" (kjrw) a notice speaks to the staff member with "je", in
/// the back office's list and in its e-mail's subject alike, as the back office does; the
/// register's reminder too.
#[test]
fn k4_under_kjrw_a_notice_says_je() {
    let kjrw = klacht_core::profile::builtin("kjrw").unwrap();
    let reference = klacht_core::Reference::new(2026, 42);
    let describe = |kind: &str, detail: Option<&str>| {
        let notice = Notice {
            id: 1,
            complaint: Some(reference.clone()),
            kind: kind.to_owned(),
            detail: detail.map(str::to_owned),
            created_at: NOW.parse::<jiff::Timestamp>().unwrap(),
            read_at: None,
        };
        notices::describe(&notice, Lang::Nl, &kjrw)
    };
    let assigned = describe("assigned", None);
    assert_eq!(
        assigned.text,
        "Je bent aangewezen als behandelaar van klacht 2026-0042."
    );
    assert_eq!(assigned.headline, "je bent aangewezen als behandelaar");
    assert_eq!(
        describe("concerns_you", None).text,
        "Er is een klacht over jou ingediend: 2026-0042. De coördinator informeert je hierover; \
         je kunt de klacht inzien en wordt op de hoogte gehouden van de afhandeling."
    );
    assert_eq!(
        describe("update_on_your_complaint", Some("decided")).text,
        "In de klacht over jou (2026-0042): er is op de klacht beslist."
    );
    assert_eq!(
        notices::notice_subject(
            &reference,
            klacht_core::procedure::NoticeKind::SignOffRequested,
            Some("coordinator"),
            Lang::Nl,
            &kjrw,
        ),
        "Klacht 2026-0042: jouw handtekening is nodig"
    );
    let annual = notices::describe(
        &Notice {
            id: 2,
            complaint: None,
            kind: klacht_web::reminders::ANNUAL_REPORT_DUE.to_owned(),
            detail: Some("2026".to_owned()),
            created_at: NOW.parse::<jiff::Timestamp>().unwrap(),
            read_at: None,
        },
        Lang::Nl,
        &kjrw,
    );
    assert_eq!(
        annual.text,
        "Het is januari: schrijf het jaarverslag over 2026. De cijfers maakt klacht uit de \
         gegevens; jij voegt de analyse en de aanbevelingen toe."
    );
    // English has no "je".
    let notice = Notice {
        id: 1,
        complaint: Some(reference.clone()),
        kind: "assigned".to_owned(),
        detail: None,
        created_at: NOW.parse::<jiff::Timestamp>().unwrap(),
        read_at: None,
    };
    assert_eq!(
        notices::describe(&notice, Lang::En, &kjrw).text,
        "You have been assigned to handle complaint 2026-0042."
    );
}

/// The list of notices at /beheer/meldingen says which complaint each is about.
#[tokio::test]
async fn the_notices_page_names_each_complaints_reference() {
    let app = App::new("template").await;
    let (_, secret) = app::staff_user(&app, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (reference, _) = app.submit().await;
    let mut carla = crate::support::desk::Desk::sign_in(&app, "c@x.nl", secret.as_deref()).await;
    let page = carla.get("/beheer/meldingen").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!(
            "<a href=\"/beheer/klachten/{reference}\">Er is een nieuwe klacht binnengekomen: {reference}. Bevestig de ontvangst en wijs een behandelaar aan.</a>"
        )),
        "{}",
        page.body
    );
}
