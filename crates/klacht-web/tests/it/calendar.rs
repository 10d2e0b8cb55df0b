//! The per-user calendar feed over real HTTP: which deadlines a person's secret iCalendar address
//! shows, that it shows no personal data, and that it parses as iCalendar.

use crate::support::app::{self, TestApp};

use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use jiff::Timestamp;
use klacht_core::{Lang, Role, UserId};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::BTreeMap;

const NOW: &str = "2026-05-01T09:00:00+02:00";
const NAME: &str = "Jan Jansen";
const EMAIL: &str = "jan.jansen@example.nl";
const DESCRIPTION: &str = "De vrijwilliger kwam niet opdagen bij het spreekuur.";

/// A fetched feed.
struct Feed {
    status: StatusCode,
    headers: reqwest::header::HeaderMap,
    body: String,
}

impl Feed {
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The events, parsed back: UID → (start date, summary, description, url).
    fn events(&self) -> BTreeMap<String, (String, String, String, String)> {
        let cal: Calendar = self
            .body
            .parse()
            .unwrap_or_else(|e| panic!("the feed parses as iCalendar: {e}\n{}", self.body));
        let mut out = BTreeMap::new();
        for c in &cal.components {
            let CalendarComponent::Event(e) = c else {
                panic!("only events in the feed: {c:?}")
            };
            let Some(DatePerhapsTime::Date(start)) = e.get_start() else {
                panic!("an all-day event: {e:?}")
            };
            let Some(DatePerhapsTime::Date(end)) = e.get_end() else {
                panic!("an all-day event: {e:?}")
            };
            assert_eq!(end, start.succ_opt().unwrap(), "one day long");
            assert!(e.get_timestamp().is_some(), "DTSTAMP");
            let uid = e.get_uid().unwrap().to_owned();
            let fresh = out.insert(
                uid.clone(),
                (
                    start.to_string(),
                    e.get_summary().unwrap().to_owned(),
                    e.get_description().unwrap().to_owned(),
                    e.get_url().unwrap().to_owned(),
                ),
            );
            assert!(fresh.is_none(), "UID {uid} once");
        }
        out
    }

    fn dates(&self) -> BTreeMap<String, String> {
        self.events()
            .into_iter()
            .map(|(uid, (date, ..))| (uid, date))
            .collect()
    }
}

/// The test app (the template profile at [`NOW`]) with this module's shorthands.
struct App(TestApp);

impl std::ops::Deref for App {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.0
    }
}

async fn app() -> App {
    App(app::builtin("template", NOW.parse().unwrap(), app::PublicUrl::Test).await)
}

impl App {
    /// A staff member: their API token and id.
    async fn user(&self, email: &str, name: &str, roles: &[Role]) -> (String, UserId) {
        let token = self.staff_token(email, name, roles).await;
        (token, self.user_id(email).await)
    }

    async fn register(&self, token: &str, received_at: &str, extra: Value) -> String {
        let mut body = json!({"name": NAME, "email": EMAIL, "description": DESCRIPTION,
                              "channel": "email", "received_at": received_at});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        self.register_complaint(token, body).await
    }

    /// The deadlines the dossier shows as running: UID → due date.
    async fn running(&self, token: &str, reference: &str) -> BTreeMap<String, String> {
        let d = self
            .get_ok(&format!("/api/v1/complaints/{reference}"), token)
            .await;
        let mut out = BTreeMap::new();
        for (id, dl) in d["deadlines"].as_object().unwrap() {
            if dl["met_at"].is_null() && dl["due"].is_string() {
                out.insert(
                    format!("{reference}-{id}@klacht.test"),
                    dl["due"].as_str().unwrap().to_owned(),
                );
            }
        }
        out
    }

    async fn feed_at(&self, path: &str) -> Feed {
        let res = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        Feed {
            status: res.status(),
            headers: res.headers().clone(),
            body: res.text().await.unwrap(),
        }
    }

    async fn feed(&self, calendar_token: &str) -> Feed {
        let f = self.feed_at(&format!("/agenda/{calendar_token}.ics")).await;
        assert_eq!(f.status, StatusCode::OK, "{}", f.body);
        f
    }
}

/// The template's two deadlines of `reference` as a feed must show them, UID → due date: the
/// acknowledgement 2 working days and the answer 5 working days after receipt (T5, T6), worked out
/// by hand where they are used. Around these dates Monday 27 April (King's Day) and Tuesday 5 May
/// (Liberation Day) are no working days; Friday 1 May is one.
fn due(reference: &str, acknowledge: &str, answer: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        (
            format!("{reference}-acknowledge@klacht.test"),
            acknowledge.to_owned(),
        ),
        (format!("{reference}-answer@klacht.test"), answer.to_owned()),
    ])
}

fn only(feed: &BTreeMap<String, String>, reference: &str) -> BTreeMap<String, String> {
    feed.iter()
        .filter(|(uid, _)| uid.starts_with(&format!("{reference}-")))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

#[tokio::test]
async fn k8_a_handlers_feed_lists_their_complaints_deadlines_without_personal_data() {
    let app = app().await;
    let (carla, _) = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (_, hans) = app.user("h@x.nl", "Hans", &[Role::Handler]).await;
    let (_, hilde) = app.user("hi@x.nl", "Hilde", &[Role::Handler]).await;
    let mine = app
        .register(&carla, "2026-04-29T10:00:00+02:00", json!({}))
        .await;
    let theirs = app
        .register(&carla, "2026-04-30T10:00:00+02:00", json!({}))
        .await;
    let nobodys = app
        .register(&carla, "2026-04-30T11:00:00+02:00", json!({}))
        .await;
    app.step(&carla, &mine, "assign", json!({"handler": "h@x.nl"}))
        .await;
    app.step(&carla, &theirs, "assign", json!({"handler": "hi@x.nl"}))
        .await;
    let hans_feed = app.store.new_calendar_token(hans).await.unwrap();
    let hilde_feed = app.store.new_calendar_token(hilde).await.unwrap();

    let f = app.feed(&hans_feed).await;
    assert_eq!(f.header("content-type"), "text/calendar; charset=utf-8");
    assert_eq!(f.header("cache-control"), "no-store");
    assert_eq!(f.header("x-robots-tag"), "noindex");
    assert_eq!(f.header("referrer-policy"), "no-referrer");
    assert!(f.body.starts_with("BEGIN:VCALENDAR\r\n"), "{}", f.body);
    assert!(f.body.contains("\r\nVERSION:2.0\r\n"));

    // Exactly the running deadlines of Hans's complaint, on their due dates.
    // Received Wednesday 29 April: acknowledgement Thursday 30 April (1), Friday 1 May (2); answer
    // Monday 4 May (3), Wednesday 6 May (4), Thursday 7 May (5).
    let want = due(&mine, "2026-05-01", "2026-05-07");
    assert_eq!(app.running(&carla, &mine).await, want, "the dossier agrees");
    assert!(want.contains_key(&format!("{mine}-answer@klacht.test")));
    assert_eq!(f.dates(), want, "{}", f.body);
    let events = f.events();
    let (date, summary, description, url) = &events[&format!("{mine}-answer@klacht.test")];
    assert_eq!(
        summary,
        &format!("Klacht {mine}: Beantwoording uiterlijk vandaag")
    );
    assert_eq!(url, &format!("http://klacht.test/beheer/klachten/{mine}"));
    assert!(description.contains(url.as_str()), "{description}");
    assert_eq!(date, "2026-05-07");
    assert!(
        f.body.contains("DTSTART;VALUE=DATE:20260507\r\n"),
        "{}",
        f.body
    );
    // No personal data, and nothing of the other complaints.
    for secret in [
        NAME,
        "Jansen",
        EMAIL,
        DESCRIPTION,
        "spreekuur",
        "Hans",
        "Carla",
    ] {
        assert!(!f.body.contains(secret), "{secret:?} in the feed");
    }
    assert!(!f.body.contains(&theirs) && !f.body.contains(&nobodys));

    // Hilde sees hers, not Hans's; neither sees the unassigned one.
    let g = app.feed(&hilde_feed).await.dates();
    // Received Thursday 30 April: acknowledgement Friday 1 May (1), Monday 4 May (2); answer
    // Wednesday 6 May (3), Thursday 7 May (4), Friday 8 May (5).
    assert_eq!(g, due(&theirs, "2026-05-04", "2026-05-08"));

    // Fetched again: the same UIDs, so a calendar updates instead of adding events.
    assert_eq!(app.feed(&hans_feed).await.dates(), want);

    // In the user's language.
    app.store.set_language(hans, Lang::En).await.unwrap();
    let events = app.feed(&hans_feed).await.events();
    assert_eq!(
        events[&format!("{mine}-answer@klacht.test")].1,
        format!("Complaint {mine}: Answer due today")
    );
}

#[tokio::test]
async fn t17_a_coordinators_feed_has_the_unassigned_complaints_and_a_deputy_takes_over() {
    let app = app().await;
    let (carla, carla_id) = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (_, dave) = app.user("d@x.nl", "Dave", &[Role::Deputy]).await;
    let (_, hans) = app.user("h@x.nl", "Hans", &[Role::Handler]).await;
    let open = app
        .register(&carla, "2026-04-29T10:00:00+02:00", json!({}))
        .await;
    let assigned = app
        .register(&carla, "2026-04-29T11:00:00+02:00", json!({}))
        .await;
    app.step(&carla, &assigned, "assign", json!({"handler": "h@x.nl"}))
        .await;
    // A complaint about Carla herself: her deputy coordinates it (K3, T17).
    let about_carla = app
        .register(
            &carla,
            "2026-04-30T10:00:00+02:00",
            json!({"concerns": "c@x.nl"}),
        )
        .await;
    let carla_feed = app.store.new_calendar_token(carla_id).await.unwrap();
    let dave_feed = app.store.new_calendar_token(dave).await.unwrap();
    let hans_feed = app.store.new_calendar_token(hans).await.unwrap();

    // `open` was received on Wednesday 29 April, `about_carla` on Thursday 30 April (see `due`
    // and the feed test above for the count).
    let c = app.feed(&carla_feed).await.dates();
    assert_eq!(
        c,
        due(&open, "2026-05-01", "2026-05-07"),
        "only the unassigned one"
    );
    let d = app.feed(&dave_feed).await.dates();
    assert_eq!(d, due(&about_carla, "2026-05-04", "2026-05-08"));
    assert!(only(&app.feed(&hans_feed).await.dates(), &open).is_empty());

    // Carla away: Dave coordinates everything unassigned; Carla's feed shows none of it.
    app.store.set_absent(carla_id, true).await.unwrap();
    let d = app.feed(&dave_feed).await.dates();
    let mut want = due(&open, "2026-05-01", "2026-05-07");
    want.extend(due(&about_carla, "2026-05-04", "2026-05-08"));
    assert_eq!(d, want);
    assert!(app.feed(&carla_feed).await.dates().is_empty());
    app.store.set_absent(carla_id, false).await.unwrap();

    // Deactivated counts as absent too — and her feed stops working.
    app.store
        .set_active(
            carla_id,
            false,
            klacht_store::Actor::Operator,
            Timestamp::now(),
        )
        .await
        .unwrap();
    assert_eq!(app.feed(&dave_feed).await.dates(), want);
    let gone = app.feed_at(&format!("/agenda/{carla_feed}.ics")).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_closed_complaints_deadlines_leave_the_feed() {
    let app = app().await;
    let (carla, _) = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (_, hans) = app.user("h@x.nl", "Hans", &[Role::Handler]).await;
    let done = app
        .register(&carla, "2026-04-28T10:00:00+02:00", json!({}))
        .await;
    let still = app
        .register(&carla, "2026-04-29T10:00:00+02:00", json!({}))
        .await;
    for r in [&done, &still] {
        app.step(&carla, r, "assign", json!({"handler": "h@x.nl"}))
            .await;
    }
    let feed = app.store.new_calendar_token(hans).await.unwrap();
    assert!(!only(&app.feed(&feed).await.dates(), &done).is_empty());

    // Acknowledged: that deadline is met and leaves; the answer stays.
    app.step(&carla, &done, "acknowledge", json!({"via": "email"}))
        .await;
    let after_ack = only(&app.feed(&feed).await.dates(), &done);
    assert_eq!(
        after_ack.keys().cloned().collect::<Vec<_>>(),
        vec![format!("{done}-answer@klacht.test")]
    );

    app.step(
        &carla,
        &done,
        "classify",
        json!({"categories": ["service"], "severity": "normal"}),
    )
    .await;
    app.step(
        &carla,
        &done,
        "decide",
        json!({"outcome": "gegrond", "decision": "U heeft gelijk."}),
    )
    .await;
    assert!(only(&app.feed(&feed).await.dates(), &done).is_empty());
    app.step(&carla, &done, "close", json!({})).await;
    let f = app.feed(&feed).await;
    assert!(!f.body.contains(&done), "{}", f.body);
    // `still`, received on Wednesday 29 April, with both deadlines running.
    assert_eq!(f.dates(), due(&still, "2026-05-01", "2026-05-07"));
}

#[tokio::test]
async fn k8_an_unknown_replaced_or_revoked_token_is_404() {
    let app = app().await;
    let (carla, _) = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (_, hans) = app.user("h@x.nl", "Hans", &[Role::Handler]).await;
    let r = app
        .register(&carla, "2026-04-29T10:00:00+02:00", json!({}))
        .await;
    app.step(&carla, &r, "assign", json!({"handler": "h@x.nl"}))
        .await;
    let old = app.store.new_calendar_token(hans).await.unwrap();
    assert_eq!(app.feed(&old).await.status, StatusCode::OK);
    let new = app.store.new_calendar_token(hans).await.unwrap();

    for path in [
        format!("/agenda/{old}.ics"),
        format!("/agenda/{}.ics", "0".repeat(64)),
        format!("/agenda/{new}"),
        format!("/agenda/{new}.ics.ics"),
        format!("/agenda/{}.ics", new.to_uppercase()),
        "/agenda/.ics".to_owned(),
    ] {
        let f = app.feed_at(&path).await;
        assert_eq!(f.status, StatusCode::NOT_FOUND, "{path}");
        assert!(f.header("content-type").starts_with("text/plain"), "{path}");
        assert_eq!(f.header("cache-control"), "no-store");
        assert_eq!(f.header("x-robots-tag"), "noindex");
        assert!(!f.body.contains(&r), "{path}");
    }
    // An API token opens no feed.
    let f = app.feed_at(&format!("/agenda/{carla}.ics")).await;
    assert_eq!(f.status, StatusCode::NOT_FOUND);

    assert!(!app.feed(&new).await.dates().is_empty());
    app.store.revoke_calendar_token(hans).await.unwrap();
    let f = app.feed_at(&format!("/agenda/{new}.ics")).await;
    assert_eq!(f.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn k8_a_deactivated_users_feed_stays_revoked_after_reactivation() {
    let app = app().await;
    let (carla, _) = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let (_, hans) = app.user("h@x.nl", "Hans", &[Role::Handler]).await;
    let r = app
        .register(&carla, "2026-04-29T10:00:00+02:00", json!({}))
        .await;
    app.step(&carla, &r, "assign", json!({"handler": "h@x.nl"}))
        .await;
    let feed = app.store.new_calendar_token(hans).await.unwrap();
    assert_eq!(app.feed(&feed).await.status, StatusCode::OK);

    // Deactivated and activated again (as after leaving and coming back): the old secret
    // address, which may still sit in a calendar service somewhere, does not work again.
    app.store
        .set_active(hans, false, klacht_store::Actor::Operator, Timestamp::now())
        .await
        .unwrap();
    app.store
        .set_active(hans, true, klacht_store::Actor::Operator, Timestamp::now())
        .await
        .unwrap();
    let f = app.feed_at(&format!("/agenda/{feed}.ics")).await;
    assert_eq!(f.status, StatusCode::NOT_FOUND);
    assert!(!f.body.contains(&r));
    assert!(!app.store.has_calendar(hans).await.unwrap());
    // A new address made afterwards works.
    let again = app.store.new_calendar_token(hans).await.unwrap();
    assert_eq!(app.feed(&again).await.status, StatusCode::OK);
}

#[tokio::test]
async fn an_empty_feed_is_still_a_calendar() {
    let app = app().await;
    let (_, hans) = app.user("h@x.nl", "Hans", &[Role::Handler]).await;
    let token = app.store.new_calendar_token(hans).await.unwrap();
    let f = app.feed(&token).await;
    assert!(f.events().is_empty());
    let cal: Calendar = f.body.parse().unwrap();
    assert_eq!(
        cal.get_name(),
        Some("Klachttermijnen – Stichting Voorbeeld")
    );
    assert!(f.body.ends_with("END:VCALENDAR\r\n"));
}
