//! Property-based fuzzing of every way outside input comes in over HTTP, against the real
//! application (a server on a random port, a fresh SQLite database): the public intake and a
//! staff registration and step as JSON, the list API's query string, the dashboard's filters,
//! the public form as multipart and as a urlencoded post, sign-in, a dossier step posted from its
//! form, path segments, and `Accept-Language`.
//!
//! What must hold for any input: never a 5xx; a refusal of the JSON API is JSON that says why
//! and, as a 422, names real fields; and what is refused stores nothing (complaints and events
//! counted before and after). Case counts are bounded for CI; `KLACHT_FUZZ_CASES=N` runs each
//! property N times.

use crate::support::app;
use crate::support::desk;
use crate::support::fuzz;

use desk::Desk;
use fuzz::{Answer, Server, json_field, json_value, nasty, plausible};
use klacht_core::Role;
use klacht_core::procedure::Action;
use klacht_web::Clock;
use proptest::prelude::*;
use reqwest::StatusCode;
use serde_json::{Map, Value, json};
use std::cell::RefCell;
use std::collections::BTreeSet;

/// Monday 4 May 2026, 09:00 in Amsterdam.
const NOW: &str = "2026-05-04T09:00:00+02:00";

/// The fields of a request body as the OpenAPI document describes its type, so that the
/// fuzzers follow the types instead of a copy of their fields. For a `oneOf` (a step's request,
/// one type per action), the fields of all of them.
fn request_fields(schema: &str) -> Vec<&'static str> {
    let doc = serde_json::to_value(klacht_web::openapi()).unwrap_or_default();
    let schemas = &doc["components"]["schemas"];
    let of = |s: &serde_json::Value| -> Vec<String> {
        s["properties"]
            .as_object()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    };
    let mut fields = of(&schemas[schema]);
    for one in schemas[schema]["oneOf"].as_array().into_iter().flatten() {
        let name = one["$ref"].as_str().unwrap_or_default();
        fields.extend(of(
            &schemas[name.trim_start_matches("#/components/schemas/")]
        ));
    }
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .map(|k| &*Box::leak(k.into_boxed_str()))
        .collect()
}

static PUBLIC_FIELDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| request_fields("PublicComplaint"));
static STAFF_FIELDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| request_fields("StaffComplaint"));
static ACTION_FIELDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| request_fields("ActionRequest"));

const LIST_KEYS: &[&str] = &[
    "status",
    "overdue",
    "assignee",
    "category",
    "channel",
    "severity",
    "escalated",
    "sensitive",
    "text",
    "sort",
    "after",
    "limit",
];

const DATES: &[&str] = &[
    "2026-05-04",
    "2026-05-11",
    "2026-06-30",
    "2026-05-01",
    "2000-01-01",
    "9999-12-31",
    "-009999-01-01",
];

/// Percent-encodes one path segment (everything but unreserved characters).
fn segment(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// An object of the type's fields, each present or not, with a value from `value`, and now and
/// then a key the type does not know.
fn object(fields: Vec<(&'static str, f64, BoxedStrategy<Value>)>) -> impl Strategy<Value = Value> {
    let parts: Vec<_> = fields
        .into_iter()
        .map(|(name, p, v)| prop::option::weighted(p, v).prop_map(move |v| (name, v)))
        .collect();
    (
        parts,
        prop::option::weighted(0.1, ("[a-z_]{1,10}", json_value())),
    )
        .prop_map(|(parts, extra)| {
            let mut m = Map::new();
            for (name, v) in parts {
                if let Some(v) = v {
                    m.insert(name.to_owned(), v);
                }
            }
            if let Some((k, v)) = extra {
                m.insert(k, v);
            }
            Value::Object(m)
        })
}

fn privacy() -> BoxedStrategy<Value> {
    prop_oneof![6 => Just(json!(true)), 1 => json_value()].boxed()
}

fn public_complaint() -> impl Strategy<Value = Value> {
    object(vec![
        (
            "name",
            0.97,
            json_field(&["Jan Jansen", "Ännie O'Brien-de Vries"]),
        ),
        (
            "email",
            0.8,
            json_field(&["jan@example.nl", "a.b+c@sub.example.org"]),
        ),
        (
            "phone",
            0.4,
            json_field(&["020 123 45 67", "+31 (0)6-12345678"]),
        ),
        (
            "description",
            0.97,
            json_field(&["De bus kwam niet.", "Lang verhaal.\nMet regels."]),
        ),
        (
            "address",
            0.3,
            json_field(&["Voorbeeldstraat 1, Amsterdam"]),
        ),
        ("on_behalf_of", 0.2, json_field(&["Tim (zoon)"])),
        ("privacy_accepted", 0.95, privacy()),
        (
            "relation",
            0.3,
            json_field(&["client", "partner", "volunteer", "other"]),
        ),
        ("language", 0.3, json_field(&["nl", "en"])),
        ("date_of_birth", 0.2, json_field(DATES)),
    ])
}

fn staff_complaint() -> impl Strategy<Value = Value> {
    let resolved = prop_oneof![
        3 => json_field(&["Meteen opgelost aan de telefoon."]).prop_map(|how| json!({"how": how})),
        1 => json_value(),
    ]
    .boxed();
    object(vec![
        ("name", 0.97, json_field(&["Jan Jansen"])),
        ("email", 0.8, json_field(&["jan@example.nl"])),
        ("phone", 0.5, json_field(&["0612345678"])),
        ("description", 0.97, json_field(&["Niemand belde terug."])),
        ("address", 0.2, json_field(&["Dorpsweg 2"])),
        ("on_behalf_of", 0.1, json_field(&["Tim"])),
        ("privacy_accepted", 0.3, privacy()),
        ("relation", 0.2, json_field(&["client", "partner"])),
        ("language", 0.2, json_field(&["nl", "en"])),
        ("date_of_birth", 0.2, json_field(DATES)),
        (
            "channel",
            0.97,
            json_field(&[
                "phone",
                "letter",
                "email",
                "in_person",
                "social_media",
                "web",
            ]),
        ),
        (
            "received_at",
            0.5,
            json_field(&[
                "2026-05-04T08:00:00+02:00",
                "2026-05-01T16:59:59Z",
                "2026-05-04T09:00:00Z",
                "1900-01-01T00:00:00Z",
                "2025-12-24T23:59:59+01:00",
                "-009999-01-02T00:00:00Z",
                "9999-12-30T00:00:00Z",
            ]),
        ),
        (
            "concerns",
            0.3,
            json_field(&["hans@example.org", "nobody@example.org"]),
        ),
        (
            "received_by",
            0.2,
            json_field(&["hans@example.org", "carla@example.org"]),
        ),
        ("received_where", 0.2, json_field(&["Balie"])),
        ("resolved_directly", 0.2, resolved),
    ])
}

/// The fields that fit `action`, each there almost always, with plausible values (and now and
/// then a nasty one): these get past the checks often enough to take steps.
fn fitting_step(action: &str) -> BoxedStrategy<Value> {
    let past = &["2026-05-04", "2026-05-01", "2026-04-30"];
    let fields: Vec<(&'static str, f64, BoxedStrategy<Value>)> = match action {
        "acknowledge" => vec![("via", 0.7, json_field(&["email", "letter", "phone"]))],
        "assign" => vec![(
            "handler",
            0.97,
            json_field(&["hans@example.org", "cora@example.org", "dirk@example.org"]),
        )],
        "inform-involved" => vec![("note", 0.5, json_field(&["U bent ingelicht."]))],
        "record-hearing" => vec![
            (
                "summary",
                0.95,
                json_field(&["Gesproken met de vrijwilliger."]),
            ),
            ("held_on", 0.95, json_field(past)),
        ],
        "record-contact" => vec![
            (
                "via",
                0.95,
                json_field(&["phone", "email", "letter", "in_person"]),
            ),
            ("on", 0.95, json_field(past)),
            ("summary", 0.95, json_field(&["Gebeld met de klager."])),
            ("measures_communicated", 0.5, Just(json!(true)).boxed()),
        ],
        "add-note" => vec![("text", 0.97, json_field(&["Aantekening.", "<b>vet</b>"]))],
        "attach-document" => vec![
            ("filename", 0.95, json_field(&["brief.pdf"])),
            ("content_type", 0.5, json_field(&["application/pdf"])),
            (
                "content_base64",
                0.95,
                json_field(&["JVBERi0xLjQKJSVFT0YK"]),
            ),
        ],
        "extend" => vec![
            ("deadline", 0.97, json_field(&["answer", "acknowledge"])),
            (
                "new_due",
                0.95,
                json_field(&["2026-05-18", "2026-05-20", "2026-06-30"]),
            ),
            ("reason", 0.97, json_field(&["Meer tijd nodig."])),
        ],
        "escalate" => vec![
            ("to", 0.97, json_field(&["director", "board"])),
            ("reason", 0.97, json_field(&["Geen oplossing."])),
        ],
        "refer-to-committee" | "withdraw" | "reopen" => {
            vec![("reason", 0.9, json_field(&["Op verzoek."]))]
        }
        "classify" => vec![
            (
                "categories",
                0.95,
                prop::collection::vec(plausible(&["service", "privacy", "finance"]), 1..3)
                    .prop_map(|v| json!(v))
                    .boxed(),
            ),
            (
                "severity",
                0.95,
                json_field(&["minor", "normal", "serious", "very_serious"]),
            ),
            (
                "sensitive",
                0.5,
                any::<bool>().prop_map(Value::Bool).boxed(),
            ),
        ],
        "record-measure" => vec![("description", 0.97, json_field(&["Excuses aangeboden."]))],
        "decide" => vec![
            (
                "outcome",
                0.97,
                json_field(&["gegrond", "deels_gegrond", "ongegrond", "opgelost"]),
            ),
            ("decision", 0.97, json_field(&["Wij geven u gelijk."])),
            ("via", 0.8, json_field(&["email", "letter"])),
        ],
        "report-summary" => vec![("text", 0.97, json_field(&["Kort verslag."]))],
        _ => Vec::new(),
    };
    object(fields).boxed()
}

/// A step: its action, and mostly a body that fits it, else any body of the step's fields.
fn step_request() -> impl Strategy<Value = (String, Value)> {
    action_name().prop_flat_map(|action| {
        let body = prop_oneof![3 => fitting_step(&action), 1 => step_body().boxed()];
        (Just(action), body)
    })
}

/// A JSON value as it is typed into a form field.
fn as_form_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn step_body() -> impl Strategy<Value = Value> {
    let number = prop_oneof![
        3 => (0u64..12).prop_map(Value::from),
        1 => json_value(),
    ]
    .boxed();
    let flag = prop_oneof![3 => any::<bool>().prop_map(Value::Bool), 1 => json_value()].boxed();
    let categories = prop_oneof![
        3 => prop::collection::vec(
            plausible(&["service", "communication", "privacy", "finance", "other"]),
            0..3
        )
        .prop_map(|v| json!(v)),
        1 => json_value(),
    ]
    .boxed();
    object(vec![
        ("expected_version", 0.3, number),
        (
            "via",
            0.4,
            json_field(&["email", "letter", "phone", "in_person"]),
        ),
        ("note", 0.3, json_field(&["Gebeld."])),
        (
            "handler",
            0.3,
            json_field(&["hans@example.org", "carla@example.org", "dirk@example.org"]),
        ),
        (
            "summary",
            0.3,
            json_field(&["Gesproken met de vrijwilliger."]),
        ),
        ("held_on", 0.3, json_field(DATES)),
        ("on", 0.3, json_field(DATES)),
        ("agreements", 0.2, json_field(&["Terugbellen."])),
        ("measures_communicated", 0.3, flag.clone()),
        ("text", 0.3, json_field(&["Aantekening."])),
        ("filename", 0.2, json_field(&["brief.pdf", "../x.pdf"])),
        (
            "content_type",
            0.2,
            json_field(&["application/pdf", "text/html"]),
        ),
        (
            "content_base64",
            0.2,
            json_field(&["JVBERi0xLjQKJSVFT0YK", "!!!", "TVqQAAMAAAAEAAAA"]),
        ),
        ("deadline", 0.3, json_field(&["acknowledge", "answer"])),
        ("new_due", 0.3, json_field(DATES)),
        ("reason", 0.4, json_field(&["Meer tijd nodig."])),
        ("consent", 0.2, flag.clone()),
        ("to", 0.3, json_field(&["director", "board"])),
        ("categories", 0.3, categories),
        (
            "severity",
            0.3,
            json_field(&["minor", "normal", "serious", "very_serious"]),
        ),
        ("sensitive", 0.2, flag),
        ("relation", 0.2, json_field(&["client"])),
        ("description", 0.3, json_field(&["Excuses aangeboden."])),
        (
            "outcome",
            0.3,
            json_field(&["gegrond", "deels_gegrond", "ongegrond", "opgelost"]),
        ),
        ("decision", 0.3, json_field(&["Wij geven u gelijk."])),
    ])
}

/// A request body: mostly a JSON object of the right kind, else any JSON, else any bytes; and
/// the content type it is sent with.
fn json_request(
    object: impl Strategy<Value = Value> + 'static,
) -> impl Strategy<Value = (Option<&'static str>, Vec<u8>)> {
    let body = prop_oneof![
        6 => object.prop_map(|v| serde_json::to_vec(&v).unwrap()),
        1 => json_value().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        1 => prop::collection::vec(any::<u8>(), 0..300),
    ];
    let content_type = prop_oneof![
        10 => Just(Some("application/json")),
        1 => Just(Some("application/json; charset=utf-8")),
        1 => Just(Some("text/plain")),
        1 => Just(None),
    ];
    (content_type, body)
}

/// The keys of a JSON body, for checking that a 422 names only what exists or was sent.
fn keys(body: &[u8]) -> Vec<String> {
    serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v.as_object().map(|m| m.keys().cloned().collect()))
        .unwrap_or_default()
}

fn post_json(
    s: &Server,
    path: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> reqwest::RequestBuilder {
    let mut r = s.http.post(format!("{}{path}", s.app.base)).body(body);
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    if let Some(ct) = content_type {
        r = r.header("content-type", ct);
    }
    r
}

#[test]
fn t19_the_public_intake_answers_any_body_with_201_stored_or_a_4xx_naming_the_field() {
    let s = Server::start("template", NOW, |_| {});
    let seen = RefCell::new(BTreeSet::new());
    let ran = s.run(400, json_request(public_complaint()), |(ct, body)| {
        s.block_on(async {
            let before = s.rows("complaints").await;
            let sent_keys = keys(&body);
            let a = Answer::read(
                post_json(&s, "/api/v1/public/complaints", None, ct, body.clone())
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            let sent = String::from_utf8_lossy(&body).into_owned();
            a.no_server_error(&sent)?;
            let after = s.rows("complaints").await;
            if a.status == StatusCode::CREATED {
                let v: Value = serde_json::from_str(&a.body).unwrap();
                let reference = v["reference"].as_str().unwrap_or_default().to_owned();
                prop_assert!(klacht_core::Reference::parse(&reference).is_some(), "{v}");
                prop_assert_eq!(
                    after,
                    before + 1,
                    "a 201 that stored {} complaints",
                    after - before
                );
                prop_assert!(
                    seen.borrow_mut().insert(reference.clone()),
                    "{reference} given twice"
                );
                prop_assert!(s.events(&reference).await > 0);
            } else {
                a.api_refusal(&PUBLIC_FIELDS, &sent_keys)?;
                prop_assert_eq!(
                    after,
                    before,
                    "refused with {} but stored: {}",
                    a.status,
                    sent
                );
            }
            Ok(())
        })
    });
    fuzz::reached(
        "stored",
        u32::try_from(seen.borrow().len()).unwrap(),
        ran,
        5,
    );
}

/// The coordinator (with an API token), a handler and a director; and `n` complaints.
fn staffed(s: &Server, n: usize) -> (String, Vec<String>) {
    s.block_on(async {
        let token = app::staff_token(
            &s.app.store,
            "carla@example.org",
            "Carla",
            &[Role::Coordinator],
        )
        .await;
        app::staff_token(&s.app.store, "hans@example.org", "Hans", &[Role::Handler]).await;
        app::staff_token(&s.app.store, "dirk@example.org", "Dirk", &[Role::Director]).await;
        let mut refs = Vec::new();
        for i in 0..n {
            let r = s
                .http
                .post(format!("{}/api/v1/complaints", s.app.base))
                .bearer_auth(&token)
                .json(
                    &json!({"name": format!("Klager {i}"), "email": "k@example.nl",
                    "description": "De vrijwilliger kwam niet opdagen.", "channel": "phone",
                    "concerns": if i % 3 == 2 { Some("hans@example.org") } else { None }}),
                )
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::CREATED);
            let v: Value = r.json().await.unwrap();
            refs.push(v["reference"].as_str().unwrap().to_owned());
        }
        (token, refs)
    })
}

#[test]
fn t02_a_staff_registration_of_any_body_is_stored_or_refused_without_a_trace() {
    let s = Server::start("template", NOW, |_| {});
    let (token, _) = staffed(&s, 0);
    let stored = RefCell::new(0u32);
    let ran = s.run(250, json_request(staff_complaint()), |(ct, body)| {
        s.block_on(async {
            let before = s.rows("complaints").await;
            let sent_keys = keys(&body);
            let a = Answer::read(
                post_json(&s, "/api/v1/complaints", Some(&token), ct, body.clone())
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            let sent = String::from_utf8_lossy(&body).into_owned();
            a.no_server_error(&sent)?;
            let after = s.rows("complaints").await;
            if a.status == StatusCode::CREATED {
                prop_assert_eq!(after, before + 1);
                *stored.borrow_mut() += 1;
            } else {
                a.api_refusal(&STAFF_FIELDS, &sent_keys)?;
                prop_assert_eq!(
                    after,
                    before,
                    "refused with {} but stored: {}",
                    a.status,
                    sent
                );
            }
            Ok(())
        })
    });
    fuzz::reached("stored", *stored.borrow(), ran, 3);
}

fn action_name() -> impl Strategy<Value = String> {
    let names: Vec<String> = Action::ALL.iter().map(|a| a.name().to_owned()).collect();
    prop_oneof![8 => prop::sample::select(names), 1 => nasty()]
}

#[test]
fn t12_a_step_with_any_body_is_taken_or_refused_and_a_refusal_changes_nothing() {
    let s = Server::start("template", NOW, |_| {});
    let (token, refs) = staffed(&s, 6);
    let reference = prop_oneof![8 => prop::sample::select(refs.clone()), 1 => nasty()];
    let taken = RefCell::new(0u32);
    let ran = s.run(
        300,
        (
            reference,
            step_request().prop_flat_map(|(action, body)| (Just(action), json_request(Just(body)))),
        ),
        |(reference, (action, (ct, body)))| {
            s.block_on(async {
                let before = s.events(&reference).await;
                let sent_keys = keys(&body);
                let path = format!(
                    "/api/v1/complaints/{}/{}",
                    segment(&reference),
                    segment(&action)
                );
                let a = Answer::read(
                    post_json(&s, &path, Some(&token), ct, body.clone())
                        .send()
                        .await
                        .unwrap(),
                )
                .await;
                let sent = (path, String::from_utf8_lossy(&body).into_owned());
                a.no_server_error(&sent)?;
                let after = s.events(&reference).await;
                if a.status.is_success() {
                    prop_assert!(
                        after > before,
                        "{} but nothing appended: {sent:?}",
                        a.status
                    );
                    *taken.borrow_mut() += 1;
                } else {
                    a.api_refusal_of_a_step(&ACTION_FIELDS, &sent_keys)?;
                    prop_assert_eq!(
                        after,
                        before,
                        "refused with {} but appended: {:?}",
                        a.status,
                        sent
                    );
                }
                Ok(())
            })
        },
    );
    fuzz::reached("steps taken", *taken.borrow(), ran, 4);
}

fn list_query() -> impl Strategy<Value = Vec<(String, String)>> {
    let pair = prop_oneof![
        (
            Just("status".to_owned()),
            plausible(&[
                "received",
                "acknowledged,in_progress",
                "closed,",
                ",,",
                "decided"
            ])
        ),
        (
            Just("overdue".to_owned()),
            plausible(&["true", "false", "1", "yes"])
        ),
        (
            Just("assignee".to_owned()),
            plausible(&["hans@example.org", "2", "-1", "9223372036854775808"])
        ),
        (
            Just("category".to_owned()),
            plausible(&["service", "privacy"])
        ),
        (
            Just("channel".to_owned()),
            plausible(&["phone", "web", "fax"])
        ),
        (
            Just("severity".to_owned()),
            plausible(&["serious", "minor"])
        ),
        (Just("escalated".to_owned()), plausible(&["true", "false"])),
        (Just("sensitive".to_owned()), plausible(&["true", "false"])),
        (
            Just("text".to_owned()),
            plausible(&[
                "Klager",
                "bus",
                "2026-0001",
                "\"a OR *",
                "NEAR(a b)",
                "a:b",
                "-x",
                "^"
            ])
        ),
        (Just("sort".to_owned()), plausible(&["newest", "due"])),
        (
            Just("after".to_owned()),
            plausible(&[
                "n.3",
                "d.2026-05-06.2",
                "d.2026-13-45.1",
                "n.-9223372036854775808",
                "n.",
                "x"
            ])
        ),
        (
            Just("limit".to_owned()),
            plausible(&["1", "500", "501", "0", "4294967296"])
        ),
        ("[a-z_]{1,8}", nasty()),
    ];
    prop::collection::vec(pair, 0..5)
}

#[test]
fn k08_the_list_api_answers_any_query_with_a_page_or_a_4xx_naming_the_parameter() {
    let s = Server::start("template", NOW, |_| {});
    let (token, _) = staffed(&s, 5);
    s.run(300, list_query(), |pairs| {
        s.block_on(async {
            let query = serde_urlencoded::to_string(&pairs).unwrap();
            let a = Answer::read(
                s.http
                    .get(format!("{}/api/v1/complaints?{query}", s.app.base))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            a.no_server_error(&query)?;
            if a.status == StatusCode::OK {
                let v: Value = serde_json::from_str(&a.body).unwrap();
                prop_assert!(v["items"].is_array(), "{v}");
            } else {
                let sent: Vec<String> = pairs.iter().map(|(k, _)| k.clone()).collect();
                a.api_refusal(LIST_KEYS, &sent)?;
                if a.status == StatusCode::BAD_REQUEST {
                    // The query did not even read: the message names the parameter.
                    prop_assert!(
                        sent.iter().any(|k| a.body.contains(k.as_str())),
                        "a 400 that names none of {sent:?}: {}",
                        a.body
                    );
                }
            }
            Ok(())
        })
    });
}

/// A signed-in coordinator's desk (with the second factor).
fn coordinator_desk(s: &Server) -> Desk {
    s.block_on(async {
        let (_, secret) =
            app::staff_user(&s.app, "cora@example.org", "Cora", &[Role::Coordinator]).await;
        Desk::sign_in(&s.app, "cora@example.org", secret.as_deref()).await
    })
}

#[test]
fn k08_the_dashboard_answers_any_filter_with_a_page() {
    let s = Server::start("template", NOW, |_| {});
    staffed(&s, 4);
    let desk = tokio::sync::Mutex::new(coordinator_desk(&s));
    let dashboard_query = prop::collection::vec(
        prop_oneof![
            (
                Just("q".to_owned()),
                plausible(&["Klager", "2026-0002", "\"", "*", "OR"])
            ),
            (
                Just("status".to_owned()),
                plausible(&["received", "closed"])
            ),
            (Just("overdue".to_owned()), plausible(&["1"])),
            (Just("pagina".to_owned()), plausible(&["2", "0", "-1"])),
            (Just("na".to_owned()), plausible(&["n.2", "d.2026-05-06.1"])),
            (Just("lang".to_owned()), plausible(&["en", "nl"])),
            ("[a-z_]{1,8}", nasty()),
        ],
        0..5,
    );
    s.run(200, dashboard_query, |pairs| {
        s.block_on(async {
            let query = serde_urlencoded::to_string(&pairs).unwrap();
            let page = desk.lock().await.get(&format!("/beheer?{query}")).await;
            prop_assert!(
                page.status == StatusCode::OK || page.status.is_client_error(),
                "{} for {query}: {}",
                page.status,
                page.body.chars().take(400).collect::<String>()
            );
            Ok(())
        })
    });
}

#[test]
fn any_path_segment_is_answered_without_a_server_error() {
    let s = Server::start("template", NOW, |_| {});
    let (token, refs) = staffed(&s, 2);
    let desk = tokio::sync::Mutex::new(coordinator_desk(&s));
    let templates = prop::sample::select(vec![
        "/api/v1/complaints/{}",
        "/api/v1/recommendations/{}",
        "/beheer/klachten/{}",
        "/beheer/klachten/{}/stap/decide",
        "/beheer/klachten/2026-0001/stap/{}",
        "/beheer/klachten/{}/registratieformulier",
        "/beheer/klachten/2026-0001/documenten/{}",
        "/beheer/aanbevelingen/{}",
        "/beheer/gebruikers/{}",
        "/beheer/setup/{}",
        "/beheer/wachtwoord/{}",
        "/status/{}",
        "/bedankt/{}",
        "/agenda/{}",
    ]);
    let value = prop_oneof![1 => prop::sample::select(refs.clone()), 4 => nasty()];
    s.run(300, (templates, value), |(template, value)| {
        s.block_on(async {
            let path = template.replace("{}", &segment(&value));
            let a = if path.starts_with("/api/") {
                Answer::read(
                    s.http
                        .get(format!("{}{path}", s.app.base))
                        .bearer_auth(&token)
                        .send()
                        .await
                        .unwrap(),
                )
                .await
            } else {
                let p = desk.lock().await.get(&path).await;
                Answer {
                    status: p.status,
                    location: p.location,
                    content_type: String::new(),
                    body: p.body,
                }
            };
            a.no_server_error(&path)?;
            if path.starts_with("/api/v1/complaints/") && !a.status.is_success() {
                a.api_refusal(&[], &[])?;
            }
            Ok(())
        })
    });
}

#[test]
fn any_accept_language_gives_the_form_in_dutch_or_english() {
    let s = Server::start("template", NOW, |_| {});
    let value = prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(b"enlENL-;q=0.1, *".to_vec()),
            2 => 0x20u8..0x7f,
            1 => 0x80u8..=0xff,
        ],
        0..60,
    );
    s.run(200, value, |v| {
        s.block_on(async {
            let Ok(header) = reqwest::header::HeaderValue::from_bytes(&v) else {
                return Ok(());
            };
            let a = Answer::read(
                s.http
                    .get(format!("{}/", s.app.base))
                    .header("accept-language", header)
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            prop_assert_eq!(a.status, StatusCode::OK);
            prop_assert!(
                a.body.contains("<html lang=\"nl\"") || a.body.contains("<html lang=\"en\""),
                "{}",
                a.body.chars().take(300).collect::<String>()
            );
            Ok(())
        })
    });
}

/// One part of a multipart body.
#[derive(Debug, Clone)]
struct Part {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    body: Vec<u8>,
}

fn text_part(name: &'static str, values: &[&str]) -> BoxedStrategy<Part> {
    plausible(values)
        .prop_map(move |v| Part {
            name: name.to_owned(),
            filename: None,
            content_type: None,
            body: v.into_bytes(),
        })
        .boxed()
}

fn file_part() -> BoxedStrategy<Part> {
    let pdf = prop::collection::vec(any::<u8>(), 0..1500).prop_map(|tail| {
        let mut b = b"%PDF-1.4\n".to_vec();
        b.extend(tail);
        b
    });
    let png = prop::collection::vec(any::<u8>(), 0..1500).prop_map(|tail| {
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        b.extend(tail);
        b
    });
    let bytes = prop_oneof![
        3 => pdf,
        1 => png,
        1 => prop::collection::vec(any::<u8>(), 0..1500),
        1 => Just(Vec::new()),
        1 => (2049usize..5000).prop_map(|n| {
            let mut b = b"%PDF-1.4\n".to_vec();
            b.resize(n, b' ');
            b
        }),
    ];
    let filename = prop::option::weighted(
        0.9,
        plausible(&[
            "brief.pdf",
            "foto.png",
            "",
            "../../etc/passwd",
            "a\"b.pdf",
            "C:\\x\\y.pdf",
        ]),
    );
    let content_type = prop::option::weighted(
        0.5,
        plausible(&[
            "application/pdf",
            "image/png",
            "text/html",
            "application/octet-stream",
        ]),
    );
    (bytes, filename, content_type)
        .prop_map(|(body, filename, content_type)| Part {
            name: "attachments".to_owned(),
            filename,
            content_type,
            body,
        })
        .boxed()
}

fn form_parts() -> impl Strategy<Value = Vec<Part>> {
    let base = (
        prop::option::weighted(0.9, text_part("name", &["Sanne de Vries"])),
        prop::option::weighted(0.85, text_part("email", &["sanne@example.nl"])),
        prop::option::weighted(
            0.9,
            text_part("description", &["De medewerker was onvriendelijk."]),
        ),
        prop::option::weighted(0.85, text_part("privacy_accepted", &["yes", "on"])),
        prop::option::weighted(0.3, text_part("phone", &["020 123 45 67"])),
        prop::option::weighted(0.5, text_part("website", &[""])),
    );
    let other = prop_oneof![
        text_part("address", &["Dorpsweg 2"]),
        text_part("relation", &["client", "partner"]),
        text_part("on_behalf_of", &["Tim"]),
        text_part("date_of_birth", DATES),
        text_part("language", &["nl", "en", "fr"]),
        text_part("kept", &["0123456789abcdef"]),
        text_part("remove_kept", &["0123456789abcdef"]),
        file_part(),
        (nasty(), nasty()).prop_map(|(name, v)| Part {
            name,
            filename: None,
            content_type: None,
            body: v.into_bytes(),
        }),
    ];
    (
        base,
        prop::collection::vec(other, 0..5),
        any::<prop::sample::Index>(),
    )
        .prop_map(|((a, b, c, d, e, f), mut more, at)| {
            let mut parts: Vec<Part> = [a, b, c, d, e, f].into_iter().flatten().collect();
            // The extra parts go anywhere among the others.
            let i = at.index(parts.len() + 1);
            let tail = parts.split_off(i);
            parts.append(&mut more);
            parts.extend(tail);
            parts
        })
}

/// How the multipart body is framed: right, or wrong in one of the ways clients get it wrong.
#[derive(Debug, Clone)]
enum Framing {
    Right,
    OtherBoundaryInHeader,
    NoBoundaryParameter,
    QuotedBoundary,
    Truncated(usize),
    NoClosingBoundary,
    BareLineFeeds,
}

fn framing() -> impl Strategy<Value = Framing> {
    prop_oneof![
        12 => Just(Framing::Right),
        1 => Just(Framing::OtherBoundaryInHeader),
        1 => Just(Framing::NoBoundaryParameter),
        1 => Just(Framing::QuotedBoundary),
        1 => any::<usize>().prop_map(Framing::Truncated),
        1 => Just(Framing::NoClosingBoundary),
        1 => Just(Framing::BareLineFeeds),
    ]
}

fn multipart(parts: &[Part], boundary: &str, framing: &Framing) -> (String, Vec<u8>) {
    let nl: &[u8] = if matches!(framing, Framing::BareLineFeeds) {
        b"\n"
    } else {
        b"\r\n"
    };
    let mut body = Vec::new();
    for p in parts {
        body.extend(b"--");
        body.extend(boundary.as_bytes());
        body.extend(nl);
        body.extend(format!("Content-Disposition: form-data; name=\"{}\"", p.name).as_bytes());
        if let Some(f) = &p.filename {
            body.extend(format!("; filename=\"{f}\"").as_bytes());
        }
        body.extend(nl);
        if let Some(ct) = &p.content_type {
            body.extend(format!("Content-Type: {ct}").as_bytes());
            body.extend(nl);
        }
        body.extend(nl);
        body.extend(&p.body);
        body.extend(nl);
    }
    if !matches!(framing, Framing::NoClosingBoundary) {
        body.extend(b"--");
        body.extend(boundary.as_bytes());
        body.extend(b"--");
        body.extend(nl);
    }
    if let Framing::Truncated(at) = framing {
        body.truncate(at % (body.len() + 1));
    }
    let content_type = match framing {
        Framing::OtherBoundaryInHeader => format!("multipart/form-data; boundary={boundary}x"),
        Framing::NoBoundaryParameter => "multipart/form-data".to_owned(),
        Framing::QuotedBoundary => format!("multipart/form-data; boundary=\"{boundary}\""),
        _ => format!("multipart/form-data; boundary={boundary}"),
    };
    (content_type, body)
}

#[test]
fn t19_the_public_form_answers_any_multipart_post_and_a_refused_form_stores_no_complaint() {
    let s = Server::start("template", NOW, |settings| {
        settings.max_attachments = 2;
        settings.max_attachment_bytes = 2048;
    });
    let stored = RefCell::new(0u32);
    let boundary = "[A-Za-z0-9'+_.-]{1,69}";
    let ran = s.run(
        300,
        (form_parts(), boundary, framing()),
        |(parts, boundary, framing)| {
            s.block_on(async {
                // A quoted boundary may hold the characters that need the quotes.
                let boundary = match framing {
                    Framing::QuotedBoundary => format!("{boundary}/:=?(),"),
                    _ => boundary,
                };
                let (content_type, body) = multipart(&parts, &boundary, &framing);
                let before = s.rows("complaints").await;
                let a = Answer::read(
                    s.http
                        .post(format!("{}/", s.app.base))
                        .header("content-type", content_type.clone())
                        .body(body)
                        .send()
                        .await
                        .unwrap(),
                )
                .await;
                let sent = (&parts, &boundary, &framing);
                a.no_server_error(&sent)?;
                let after = s.rows("complaints").await;
                if a.status == StatusCode::SEE_OTHER {
                    let to = a.location.clone().unwrap_or_default();
                    prop_assert!(to.starts_with("/bedankt/"), "{to}");
                    prop_assert_eq!(after, before + 1);
                    *stored.borrow_mut() += 1;
                } else {
                    prop_assert!(a.status.is_client_error(), "{} for {:?}", a.status, sent);
                    prop_assert!(
                        a.content_type.starts_with("text/html"),
                        "{}",
                        a.content_type
                    );
                    prop_assert_eq!(
                        after,
                        before,
                        "refused with {} but stored: {:?}",
                        a.status,
                        sent
                    );
                }
                Ok(())
            })
        },
    );
    fuzz::reached("stored", *stored.borrow(), ran, 7);
}

#[test]
fn t19_a_urlencoded_post_of_the_public_form_is_refused_with_a_page_and_stores_nothing() {
    let s = Server::start("template", NOW, |_| {});
    let pairs = prop::collection::vec(
        (
            prop_oneof![
                prop::sample::select(vec!["name", "email", "description", "privacy_accepted"])
                    .prop_map(str::to_owned),
                nasty()
            ],
            nasty(),
        ),
        0..6,
    );
    s.run(100, pairs, |pairs| {
        s.block_on(async {
            let before = s.rows("complaints").await;
            let a = Answer::read(
                s.http
                    .post(format!("{}/", s.app.base))
                    .form(&pairs)
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            a.no_server_error(&pairs)?;
            prop_assert!(a.status.is_client_error(), "{}", a.status);
            prop_assert_eq!(s.rows("complaints").await, before);
            Ok(())
        })
    });
}

/// The sign-in form as a browser gets it: its cookie and its token.
async fn login_form(s: &Server) -> (String, String) {
    let r = s
        .http
        .get(format!("{}/beheer/inloggen", s.app.base))
        .send()
        .await
        .unwrap();
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .find(|c| c.starts_with("klacht_login="))
        .and_then(|c| c.split(';').next())
        .unwrap()
        .to_owned();
    let body = r.text().await.unwrap();
    let csrf = body
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    (cookie, csrf)
}

#[derive(Debug, Clone)]
enum Token {
    Right,
    Absent,
    Other(String),
}

/// Where sign-in may send someone back to: a page of the back office, never elsewhere.
fn return_path() -> BoxedStrategy<String> {
    prop_oneof![
        3 => plausible(&[
            "/beheer",
            "/beheer/klachten/2026-0001?lang=en",
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "/beheer/../../x",
            "javascript:alert(1)",
            "/beheer@evil.example",
            " /beheer",
        ]),
        1 => "\\PC{0,40}",
        1 => "/beheer[\\x00-\\x1f\\x7f]{1,3}x",
    ]
    .boxed()
}

#[test]
fn sign_in_answers_any_form_without_a_server_error_and_returns_only_into_the_back_office() {
    let s = Server::start("template", NOW, |_| {});
    s.block_on(async {
        app::staff_user(&s.app, "hans@example.org", "Hans", &[Role::Handler]).await;
        app::staff_user(&s.app, "cora@example.org", "Cora", &[Role::Coordinator]).await;
    });
    let token = prop_oneof![
        6 => Just(Token::Right),
        1 => Just(Token::Absent),
        1 => nasty().prop_map(Token::Other),
    ];
    let email = plausible(&[
        "hans@example.org",
        "cora@example.org",
        "HANS@example.org",
        "nobody@example.org",
    ]);
    let password = plausible(&[app::PASSWORD, app::PASSWORD, "wrong"]);
    let extra = prop::collection::vec(("[a-z]{1,6}", nasty()), 0..2);
    let signed_in = RefCell::new(0u32);
    let ran = s.run(
        150,
        (
            token,
            prop::option::weighted(0.95, email),
            password,
            return_path(),
            extra,
        ),
        |(token, email, password, back, extra)| {
            s.block_on(async {
                // A quarter of an hour later each time: a lock-out from earlier cases has ended.
                let later = s.app.clock.now() + jiff::SignedDuration::from_mins(16);
                s.app.clock.set(later);
                let (cookie, csrf) = login_form(&s).await;
                let mut form: Vec<(String, String)> = Vec::new();
                match &token {
                    Token::Right => form.push(("csrf".into(), csrf)),
                    Token::Absent => {}
                    Token::Other(t) => form.push(("csrf".into(), t.clone())),
                }
                if let Some(e) = &email {
                    form.push(("email".into(), e.clone()));
                }
                form.push(("password".into(), password.clone()));
                form.push(("terug".into(), back.clone()));
                form.extend(extra.iter().cloned());
                let a = Answer::read(
                    s.http
                        .post(format!("{}/beheer/inloggen", s.app.base))
                        .header("cookie", &cookie)
                        .form(&form)
                        .send()
                        .await
                        .unwrap(),
                )
                .await;
                a.no_server_error(&form)?;
                if a.status == StatusCode::SEE_OTHER {
                    let to = a.location.clone().unwrap_or_default();
                    prop_assert!(
                        to.starts_with("/beheer") && !to.starts_with("//") && !to.contains('\\'),
                        "sent to {to:?} after signing in with {form:?}"
                    );
                    *signed_in.borrow_mut() += 1;
                } else {
                    prop_assert!(a.status.is_client_error(), "{}", a.status);
                }
                Ok(())
            })
        },
    );
    fuzz::reached("signed in", *signed_in.borrow(), ran, 8);
}

fn step_form() -> impl Strategy<Value = Vec<(String, String)>> {
    let pair = prop_oneof![
        (
            Just("via".to_owned()),
            plausible(&["email", "letter", "phone"])
        ),
        (Just("note".to_owned()), nasty()),
        (
            Just("handler".to_owned()),
            plausible(&["hans@example.org", "cora@example.org"])
        ),
        (Just("summary".to_owned()), plausible(&["Gesproken."])),
        (Just("held_on".to_owned()), plausible(DATES)),
        (Just("on".to_owned()), plausible(DATES)),
        (Just("agreements".to_owned()), nasty()),
        (
            Just("measures_communicated".to_owned()),
            plausible(&["true", "on"])
        ),
        (Just("text".to_owned()), plausible(&["Aantekening."])),
        (
            Just("deadline".to_owned()),
            plausible(&["acknowledge", "answer"])
        ),
        (Just("new_due".to_owned()), plausible(DATES)),
        (Just("reason".to_owned()), plausible(&["Meer tijd nodig."])),
        (Just("consent".to_owned()), plausible(&["true"])),
        (Just("to".to_owned()), plausible(&["director", "board"])),
        (
            Just("categories".to_owned()),
            plausible(&["service", "privacy"])
        ),
        (
            Just("severity".to_owned()),
            plausible(&["minor", "serious"])
        ),
        (Just("sensitive".to_owned()), plausible(&["true"])),
        (Just("description".to_owned()), plausible(&["Excuses."])),
        (
            Just("outcome".to_owned()),
            plausible(&["gegrond", "ongegrond", "opgelost"])
        ),
        (
            Just("decision".to_owned()),
            plausible(&["Wij geven u gelijk."])
        ),
        (Just("intent".to_owned()), plausible(&["preview", "save"])),
        ("[a-z_]{1,10}", nasty()),
    ];
    prop::collection::vec(pair, 0..3)
}

#[test]
fn t12_a_dossier_step_posted_from_any_form_is_taken_or_refused_and_a_refusal_changes_nothing() {
    let s = Server::start("template", NOW, |_| {});
    let (_, refs) = staffed(&s, 5);
    let desk = tokio::sync::Mutex::new(coordinator_desk(&s));
    let csrf = s.block_on(async { desk.lock().await.get("/beheer").await.csrf() });
    let token = prop_oneof![
        8 => Just(Token::Right),
        1 => Just(Token::Absent),
        1 => nasty().prop_map(Token::Other),
    ];
    let version = prop_oneof![6 => Just(None), 1 => nasty().prop_map(Some)];
    let reference = prop_oneof![8 => prop::sample::select(refs.clone()), 1 => nasty()];
    let taken = RefCell::new(0u32);
    let ran = s.run(
        250,
        (reference, step_request(), token, version, step_form()),
        |(reference, (action, fitting), token, version, pairs)| {
            s.block_on(async {
                let before = s.events(&reference).await;
                let current = match klacht_core::Reference::parse(&reference) {
                    Some(r) => s
                        .app
                        .store
                        .load(&r)
                        .await
                        .unwrap()
                        .map_or(0, |d| d.state.version),
                    None => 0,
                };
                let mut form: Vec<(String, String)> = Vec::new();
                match &token {
                    Token::Right => form.push(("csrf".into(), csrf.clone())),
                    Token::Absent => {}
                    Token::Other(t) => form.push(("csrf".into(), t.clone())),
                }
                form.push((
                    "version".into(),
                    version.clone().unwrap_or(current.to_string()),
                ));
                for (k, v) in fitting.as_object().into_iter().flatten() {
                    match v {
                        Value::Array(items) => {
                            form.extend(items.iter().map(|i| (k.clone(), as_form_value(i))));
                        }
                        // A box that is not ticked is not sent.
                        Value::Bool(false) => {}
                        other => form.push((k.clone(), as_form_value(other))),
                    }
                }
                form.extend(pairs.iter().cloned());
                let path = format!(
                    "/beheer/klachten/{}/stap/{}",
                    segment(&reference),
                    segment(&action)
                );
                let borrowed: Vec<(&str, &str)> =
                    form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let page = desk.lock().await.post(&path, &borrowed).await;
                let sent = (&path, &form);
                prop_assert!(
                    !page.status.is_server_error(),
                    "{} for {sent:?}: {}",
                    page.status,
                    page.body.chars().take(500).collect::<String>()
                );
                let after = s.events(&reference).await;
                if page.status == StatusCode::SEE_OTHER {
                    let to = page.location.clone().unwrap_or_default();
                    prop_assert!(
                        to.starts_with(&format!("/beheer/klachten/{reference}")),
                        "{to} after {sent:?}"
                    );
                    prop_assert!(after > before, "303 but nothing appended: {sent:?}");
                    *taken.borrow_mut() += 1;
                } else {
                    prop_assert!(
                        page.status == StatusCode::OK || page.status.is_client_error(),
                        "{} for {sent:?}",
                        page.status
                    );
                    prop_assert_eq!(
                        after,
                        before,
                        "answered {} but appended: {:?}",
                        page.status,
                        sent
                    );
                }
                // Every post that reaches the step's route is checked for its token first.
                if !matches!(token, Token::Right) && !reference.is_empty() && !action.is_empty() {
                    prop_assert_eq!(page.status, StatusCode::FORBIDDEN);
                }
                Ok(())
            })
        },
    );
    fuzz::reached("steps taken", *taken.borrow(), ran, 4);
}

#[test]
fn a_step_refused_as_invalid_names_the_field() {
    let s = Server::start("template", NOW, |_| {});
    // The third complaint is about Hans: a hearing can be recorded on it.
    let (token, refs) = staffed(&s, 3);
    s.block_on(async {
        for (reference, action, body, field) in [
            (
                &refs[2],
                "record-hearing",
                json!({"summary": "Gesproken.", "held_on": "2026-05-05"}),
                "held_on",
            ),
            (
                &refs[0],
                "record-contact",
                json!({"summary": "Gebeld.", "via": "phone", "on": "2026-05-05"}),
                "on",
            ),
            (
                &refs[0],
                "extend",
                json!({"deadline": "answer", "new_due": "2026-05-09", "reason": "Meer tijd nodig."}),
                "new_due",
            ),
        ] {
            let a = Answer::read(
                s.http
                    .post(format!("{}/api/v1/complaints/{reference}/{action}", s.app.base))
                    .bearer_auth(&token)
                    .json(&body)
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{action}: {}", a.body);
            let v: Value = serde_json::from_str(&a.body).unwrap();
            let named: Vec<&str> = v["fields"]
                .as_array()
                .map(|f| f.iter().filter_map(|f| f["field"].as_str()).collect())
                .unwrap_or_default();
            assert_eq!(named, vec![field], "{action}: {v}");
        }
    });
}

#[test]
fn the_api_answers_a_malformed_id_and_a_wrong_method_with_its_json_error() {
    let s = Server::start("template", NOW, |_| {});
    let (token, refs) = staffed(&s, 1);
    s.block_on(async {
        for (method, path) in [
            (
                reqwest::Method::GET,
                "/api/v1/recommendations/abc".to_owned(),
            ),
            (
                reqwest::Method::GET,
                format!("/api/v1/complaints/{}/assign", refs[0]),
            ),
            (reqwest::Method::DELETE, "/api/v1/complaints".to_owned()),
            (
                reqwest::Method::POST,
                format!("/api/v1/complaints/{}/add-note", refs[0]),
            ),
        ] {
            // The last: a step's body over the limit.
            let body = if method == reqwest::Method::POST {
                format!(
                    "{{\"text\": \"{}\"}}",
                    "x".repeat(klacht_web::BODY_LIMIT + 1)
                )
            } else {
                String::new()
            };
            let a = Answer::read(
                s.http
                    .request(method.clone(), format!("{}{path}", s.app.base))
                    .bearer_auth(&token)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await
                    .unwrap(),
            )
            .await;
            assert!(a.status.is_client_error(), "{method} {path}: {}", a.status);
            let v: Value = serde_json::from_str(&a.body).unwrap_or_else(|e| {
                panic!(
                    "{method} {path}: {} {:?} is not JSON ({e})",
                    a.status, a.body
                )
            });
            assert!(v["error"].is_string() && v["message"].is_string(), "{v}");
        }
    });
}

fn addition_parts() -> impl Strategy<Value = Vec<Part>> {
    let part = prop_oneof![
        4 => text_part("text", &["Nog een foto van de brief.", "Bel mij terug."]),
        3 => file_part(),
        1 => text_part("satisfied", &["yes", "no"]),
        1 => (nasty(), nasty()).prop_map(|(name, v)| Part {
            name,
            filename: None,
            content_type: None,
            body: v.into_bytes(),
        }),
    ];
    prop::collection::vec(part, 0..4)
}

#[test]
fn t12_the_status_page_answers_any_addition_and_a_refused_one_adds_nothing() {
    let s = Server::start("template", NOW, |settings| {
        settings.max_attachments = 2;
        settings.max_attachment_bytes = 2048;
    });
    let (reference, path) = s.block_on(async {
        let r = s
            .http
            .post(format!("{}/api/v1/public/complaints", s.app.base))
            .json(
                &json!({"name": "Jan", "email": "jan@example.nl", "description": "Klacht.",
                "privacy_accepted": true}),
            )
            .send()
            .await
            .unwrap();
        let v: Value = r.json().await.unwrap();
        let url = v["status_url"].as_str().unwrap();
        (
            v["reference"].as_str().unwrap().to_owned(),
            url.strip_prefix("http://klacht.test").unwrap().to_owned(),
        )
    });
    let added = RefCell::new(0u32);
    let boundary = "[A-Za-z0-9'+_.-]{1,69}";
    let ran = s.run(
        200,
        (addition_parts(), boundary, framing()),
        |(parts, boundary, framing)| {
            s.block_on(async {
                let (content_type, body) = multipart(&parts, &boundary, &framing);
                let before = s.events(&reference).await;
                let a = Answer::read(
                    s.http
                        .post(format!("{}{path}", s.app.base))
                        .header("content-type", content_type)
                        .body(body)
                        .send()
                        .await
                        .unwrap(),
                )
                .await;
                let sent = (&parts, &boundary, &framing);
                a.no_server_error(&sent)?;
                let after = s.events(&reference).await;
                if a.status == StatusCode::SEE_OTHER {
                    prop_assert!(after > before, "303 but nothing added: {sent:?}");
                    *added.borrow_mut() += 1;
                } else {
                    prop_assert!(a.status.is_client_error(), "{} for {:?}", a.status, sent);
                    prop_assert_eq!(
                        after,
                        before,
                        "refused with {} but added: {:?}",
                        a.status,
                        sent
                    );
                }
                Ok(())
            })
        },
    );
    fuzz::reached("added", *added.borrow(), ran, 5);
}
