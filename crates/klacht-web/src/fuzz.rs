//! Property-based fuzzing of the parsers inside this crate that read outside input before any
//! handler sees it: JSON bodies into the API's request types, posted forms, `Accept-Language`
//! and `?lang=`, cookies, the return path's encoding, uploaded file names and the profile's
//! Markdown. (The same inputs over real HTTP are fuzzed in `tests/fuzz.rs`.)
//!
//! Bounded case counts keep the suite fast; `KLACHT_FUZZ_CASES=N` runs every property N times.
#![allow(clippy::unwrap_used)]

use crate::api::dto::{PublicComplaint, StaffComplaint};
use crate::api::publication::ReviewIn;
use crate::http::body::{self, Validate};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use klacht_app::steps::{ClassifyRequest, ContactRequest, DecideRequest, ExtendRequest};
use klacht_core::Lang;
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

fn cases(default: u32) -> Config {
    let cases = std::env::var("KLACHT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        max_shrink_iters: 2_000,
        // The smallest failing input is printed; no files of seeds beside the sources.
        failure_persistence: None,
        ..Config::default()
    }
}

/// The fields of a request body as the OpenAPI document describes its type, so that the
/// fuzzers follow the types instead of a copy of their fields.
fn request_fields(schema: &str) -> Vec<&'static str> {
    let doc = serde_json::to_value(crate::openapi()).unwrap_or_default();
    doc["components"]["schemas"][schema]["properties"]
        .as_object()
        .map(|p| {
            p.keys()
                .map(|k| &*Box::leak(k.clone().into_boxed_str()))
                .collect()
        })
        .unwrap_or_default()
}

static PUBLIC_FIELDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| request_fields("PublicComplaint"));
static STAFF_FIELDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| request_fields("StaffComplaint"));
/// The fields of the steps with the most of them, each its own request type.
static CONTACT_FIELDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| request_fields("ContactRequest"));
static CLASSIFY_FIELDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| request_fields("ClassifyRequest"));
static DECIDE_FIELDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| request_fields("DecideRequest"));
/// A review of a text of the annual report (issue 18).
static REVIEW_FIELDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| request_fields("ReviewIn"));
static EXTEND_FIELDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| request_fields("ExtendRequest"));

/// Strings with what breaks parsers: control characters, markup, quotes, huge and tiny
/// numbers as text, dates at the edges, long runs, any Unicode.
fn nasty_string() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,40}",
        ".{0,40}",
        "[\\x00-\\x1f\\x7f]{1,8}",
        Just(String::new()),
        Just(" ".to_owned()),
        Just("Jan\nJansen".to_owned()),
        Just("<script>alert(1)</script>".to_owned()),
        Just("'; DROP TABLE complaints; --".to_owned()),
        Just("jan@example.nl".to_owned()),
        Just("020 123 45 67".to_owned()),
        Just("2026-02-30".to_owned()),
        Just("-009999-01-01".to_owned()),
        Just("9999-12-31".to_owned()),
        Just("2026-05-04T09:00:00+02:00".to_owned()),
        Just("-009999-01-02T00:00:00Z".to_owned()),
        Just("\u{202e}evil\u{2066}".to_owned()),
        Just("\u{feff}\u{200b}".to_owned()),
        (1usize..70_000).prop_map(|n| "x".repeat(n)),
    ]
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        nasty_string().prop_map(Value::String),
    ]
}

/// Any JSON value, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[^`\\p{C}]{0,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// An object that mostly has the type's own fields (with values of any shape) and now and then
/// one it does not know.
fn object_of(known: &'static [&'static str]) -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        6 => prop::sample::select(known).prop_map(str::to_owned),
        1 => "[a-z_]{1,12}",
    ];
    let value = prop_oneof![
        3 => nasty_string().prop_map(Value::String),
        3 => json_value(),
    ];
    prop::collection::btree_map(key, value, 0..12)
        .prop_map(|m| Value::Object(m.into_iter().collect::<Map<String, Value>>()))
}

/// Each field named in an error is one of the type's fields (or a path beneath one), a key the
/// body had, or the body as a whole.
fn names_fields<T: DeserializeOwned + Validate>(
    bytes: &[u8],
    known: &[&str],
    sent: Option<&Value>,
) -> Result<Option<T>, TestCaseError> {
    match body::parse::<T>(bytes) {
        Ok(t) => Ok(Some(t)),
        Err(e) => {
            prop_assert!(
                e.status == StatusCode::BAD_REQUEST || e.status == StatusCode::UNPROCESSABLE_ENTITY,
                "status {} for {:?}",
                e.status,
                String::from_utf8_lossy(bytes)
            );
            if e.status == StatusCode::UNPROCESSABLE_ENTITY {
                prop_assert!(!e.body.fields.is_empty(), "a 422 names no field");
                for f in &e.body.fields {
                    let head = f
                        .field
                        .split(['.', '['])
                        .next()
                        .unwrap_or_default()
                        .to_owned();
                    let in_body = sent
                        .and_then(Value::as_object)
                        .is_some_and(|m| m.contains_key(&f.field) || m.contains_key(&head));
                    prop_assert!(
                        f.field == "(body)" || known.contains(&head.as_str()) || in_body,
                        "unexpected field name {:?} ({})",
                        f.field,
                        f.message
                    );
                    prop_assert!(!f.message.trim().is_empty(), "no message for {}", f.field);
                }
            } else {
                prop_assert_eq!(e.body.error.as_str(), "malformed_json");
            }
            Ok(None)
        }
    }
}

proptest! {
    #![proptest_config(cases(500))]

    #[test]
    fn any_bytes_as_a_json_body_are_read_or_refused_with_400_or_422(
        bytes in prop::collection::vec(any::<u8>(), 0..512),
    ) {
        names_fields::<PublicComplaint>(&bytes, &PUBLIC_FIELDS, None)?;
        names_fields::<StaffComplaint>(&bytes, &STAFF_FIELDS, None)?;
        names_fields::<ContactRequest>(&bytes, &CONTACT_FIELDS, None)?;
        names_fields::<DecideRequest>(&bytes, &DECIDE_FIELDS, None)?;
        names_fields::<ReviewIn>(&bytes, &REVIEW_FIELDS, None)?;
    }

    #[test]
    fn any_json_value_is_read_or_refused_naming_its_fields(v in json_value()) {
        let bytes = serde_json::to_vec(&v).unwrap();
        names_fields::<PublicComplaint>(&bytes, &PUBLIC_FIELDS, Some(&v))?;
        names_fields::<StaffComplaint>(&bytes, &STAFF_FIELDS, Some(&v))?;
        names_fields::<ContactRequest>(&bytes, &CONTACT_FIELDS, Some(&v))?;
        names_fields::<DecideRequest>(&bytes, &DECIDE_FIELDS, Some(&v))?;
        names_fields::<ReviewIn>(&bytes, &REVIEW_FIELDS, Some(&v))?;
    }

    #[test]
    fn t19_a_public_complaint_of_any_shape_passes_only_when_complete(v in object_of(&PUBLIC_FIELDS)) {
        let bytes = serde_json::to_vec(&v).unwrap();
        if let Some(c) = names_fields::<PublicComplaint>(&bytes, &PUBLIC_FIELDS, Some(&v))? {
            let filled = |o: &Option<String>| o.as_deref().is_some_and(|s| !s.trim().is_empty());
            prop_assert!(filled(&c.name), "accepted without a name: {v}");
            prop_assert!(filled(&c.description), "accepted without a description: {v}");
            prop_assert!(filled(&c.email) || filled(&c.phone), "accepted without contact: {v}");
            prop_assert_eq!(c.privacy_accepted, Some(true));
            prop_assert!(c.name.as_ref().is_some_and(|n| n.chars().count() <= 200));
            prop_assert!(c.description.as_ref().is_some_and(|d| d.chars().count() <= 20_000));
        }
    }

    #[test]
    fn a_staff_registration_of_any_shape_is_read_or_refused_naming_its_fields(
        v in object_of(&STAFF_FIELDS),
    ) {
        let bytes = serde_json::to_vec(&v).unwrap();
        if let Some(c) = names_fields::<StaffComplaint>(&bytes, &STAFF_FIELDS, Some(&v))? {
            prop_assert!(c.channel.as_deref().and_then(klacht_core::Channel::parse).is_some());
        }
    }

    #[test]
    fn a_step_of_any_shape_is_read_or_refused_naming_its_fields(
        contact in object_of(&CONTACT_FIELDS),
        classify in object_of(&CLASSIFY_FIELDS),
        decide in object_of(&DECIDE_FIELDS),
        extend in object_of(&EXTEND_FIELDS),
    ) {
        // The fields come from the OpenAPI document: each type is there.
        for fields in [&*CONTACT_FIELDS, &*CLASSIFY_FIELDS, &*DECIDE_FIELDS, &*EXTEND_FIELDS] {
            prop_assert!(fields.contains(&"expected_version"), "{fields:?}");
        }
        let bytes = serde_json::to_vec(&contact).unwrap();
        names_fields::<ContactRequest>(&bytes, &CONTACT_FIELDS, Some(&contact))?;
        let bytes = serde_json::to_vec(&classify).unwrap();
        names_fields::<ClassifyRequest>(&bytes, &CLASSIFY_FIELDS, Some(&classify))?;
        let bytes = serde_json::to_vec(&decide).unwrap();
        names_fields::<DecideRequest>(&bytes, &DECIDE_FIELDS, Some(&decide))?;
        let bytes = serde_json::to_vec(&extend).unwrap();
        names_fields::<ExtendRequest>(&bytes, &EXTEND_FIELDS, Some(&extend))?;
    }
}

proptest! {
    #![proptest_config(cases(64))]

    /// serde_json stops at 128 levels: deeper bodies are a 400, never a stack overflow.
    #[test]
    fn deeply_nested_json_is_a_400(depth in 129usize..20_000, object in any::<bool>()) {
        let (open, close) = if object { ("{\"a\":", "}") } else { ("[", "]") };
        let text = format!("{}1{}", open.repeat(depth), close.repeat(depth));
        let e = body::parse::<PublicComplaint>(text.as_bytes()).err();
        prop_assert_eq!(e.map(|e| e.status), Some(StatusCode::BAD_REQUEST));
    }
}

fn accept_language(v: &[u8]) -> Option<HeaderMap> {
    let mut h = HeaderMap::new();
    h.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_bytes(v).ok()?);
    Some(h)
}

/// Header bytes: what a header value may hold (visible ASCII, space, tab, and bytes ≥ 0x80).
fn header_bytes() -> impl Strategy<Value = Vec<u8>> {
    let b = prop_oneof![
        4 => prop::sample::select(b"enlENL-;q=0.1, *".to_vec()),
        2 => 0x20u8..0x7f,
        1 => 0x80u8..=0xff,
        1 => Just(b'\t'),
    ];
    prop::collection::vec(b, 0..64)
}

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn any_accept_language_chooses_dutch_or_english_and_english_first_wins(v in header_bytes()) {
        if let Some(h) = accept_language(&v) {
            let _ = crate::http::lang::choose(None, &h);
        }
        // Whatever follows, a list that starts with plain `en` is answered in English. (A value
        // with bytes beyond ASCII is not text, and is ignored as a whole.)
        let mut first = b"en,".to_vec();
        first.extend(v.iter().filter(|b| b.is_ascii()));
        if let Some(h) = accept_language(&first) {
            prop_assert_eq!(crate::http::lang::choose(None, &h), Lang::En);
        }
    }

    #[test]
    fn any_query_string_chooses_a_language_only_from_lang(q in "\\PC{0,40}") {
        let chosen = crate::http::lang::from_query(Some(&q));
        let named: Vec<&str> = q
            .split('&')
            .filter_map(|p| p.split_once('='))
            .filter(|(k, _)| *k == "lang")
            .map(|(_, v)| v)
            .collect();
        if chosen.is_some() {
            prop_assert!(!named.is_empty(), "{q:?} chose {chosen:?}");
        }
    }

    #[test]
    fn any_cookie_header_reads_only_a_short_non_empty_value(v in header_bytes(), tail in "[a-f0-9]{0,140}") {
        let mut raw = v.clone();
        raw.extend(b"; klacht_session=");
        raw.extend(tail.as_bytes());
        let mut h = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_bytes(&raw) {
            h.insert(header::COOKIE, value);
        }
        if let Some(value) = crate::http::auth::session::read(&h, "klacht_session") {
            prop_assert!(!value.is_empty() && value.len() <= 128, "{value:?}");
        }
    }

    #[test]
    fn any_posted_form_reads_into_its_type_trimmed_or_is_refused(
        bytes in prop::collection::vec(any::<u8>(), 0..256),
        names in prop::collection::vec("(a|b|c|csrf)=[ a-z%0-9+]{0,6}", 0..8),
    ) {
        use crate::http::forms::{Text, checkbox, ticked};
        #[derive(Debug, Default, serde::Deserialize)]
        #[serde(default)]
        struct Form {
            a: Text,
            #[serde(deserialize_with = "checkbox")]
            b: bool,
            #[serde(deserialize_with = "ticked")]
            c: Vec<String>,
        }
        let named = names.join("&");
        for body in [bytes.as_slice(), named.as_bytes()] {
            // Read or refused (a name sent twice that is taken once), never a panic.
            if let Ok(f) = crate::http::forms::read::<Form>(body) {
                prop_assert_eq!(f.a.as_str().trim(), f.a.as_str());
                prop_assert_eq!(f.a.get().is_none(), f.a.is_empty());
                // A field given is trimmed and not empty (what the pairs and `field` reading it
                // replaced promised).
                if let Some(v) = f.a.get() {
                    prop_assert!(!v.is_empty() && v.trim() == v);
                }
                prop_assert!(f.c.iter().all(|v| !v.is_empty() && v.trim() == v), "{:?}", f.c);
                // A checkbox counts as ticked only when something was sent.
                prop_assert!(!f.b || !body.is_empty());
            }
        }
    }

    #[test]
    fn a_return_path_survives_its_encoding_into_a_query(s in "\\PC{0,60}") {
        let encoded = crate::backoffice::encode(&s);
        #[derive(Debug, serde::Deserialize)]
        struct Back {
            terug: String,
        }
        let back = crate::http::forms::read::<Back>(format!("terug={encoded}").as_bytes());
        prop_assert_eq!(back.map(|b| b.terug).ok(), Some(s));
    }

    #[test]
    fn an_uploaded_file_name_loses_paths_and_control_characters(name in "\\PC{0,300}|[\\x00-\\x1f/\\\\. a]{0,30}") {
        let clean = crate::documents::clean_filename(&name);
        prop_assert!(!clean.is_empty());
        prop_assert!(clean.chars().count() <= 200);
        prop_assert!(!clean.contains(['/', '\\']), "{clean:?}");
        prop_assert!(!clean.chars().any(char::is_control), "{clean:?}");
        prop_assert_eq!(clean.trim(), clean.as_str());
    }
}

/// The tags the Markdown renderer may write.
const TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "img",
    "em",
    "strong",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "blockquote",
    "hr",
    "br",
    "del",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
];

fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<script>alert(1)</script>".to_owned()),
        Just("<img src=x onerror=alert(1)>".to_owned()),
        Just("<a href=\"javascript:alert(1)\">x</a>".to_owned()),
        Just("[x](javascript:alert(1))".to_owned()),
        Just("[x](JaVaScRiPt:alert(1))".to_owned()),
        Just("[x]( javascript:alert(1) )".to_owned()),
        Just("[x](java\tscript:alert(1))".to_owned()),
        Just("[x](javascript&#58;alert(1))".to_owned()),
        Just("[x](&#106;avascript:alert(1))".to_owned()),
        Just("[x](data:text/html;base64,PHNjcmlwdD4=)".to_owned()),
        Just("![i](vbscript:x)".to_owned()),
        Just("[x]: javascript:alert(1)\n\n[x]".to_owned()),
        Just("<javascript:alert(1)>".to_owned()),
        Just("[ok](https://voorbeeld.nl)".to_owned()),
        Just("\n\n".to_owned()),
        Just("# ".to_owned()),
        Just("| a | b |\n|---|---|\n| c | d |\n".to_owned()),
        Just("`".to_owned()),
        Just("\"".to_owned()),
        Just("<".to_owned()),
        Just("&".to_owned()),
        "\\PC{0,10}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
}

proptest! {
    #![proptest_config(cases(500))]

    #[test]
    fn t11_any_profile_markdown_renders_only_known_tags_and_safe_links(src in markdownish()) {
        let html = crate::http::markdown::to_html(&src, pulldown_cmark::HeadingLevel::H2);
        // Every `<` the renderer wrote opens a known tag (text has `&lt;`), and every link or
        // image in a tag goes somewhere safe.
        for part in html.split('<').skip(1) {
            let tag = part.split('>').next().unwrap_or_default();
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            prop_assert!(TAGS.contains(&name.as_str()), "tag <{}> in {html}", tag);
            for attr in ["href=\"", "src=\""] {
                for rest in tag.split(attr).skip(1) {
                    let url = unescape(rest.split('"').next().unwrap_or_default())
                        .to_ascii_lowercase();
                    let scheme = url.split_once(':').map(|(s, _)| s.to_owned());
                    if let Some(s) = scheme.filter(|s| !s.contains(['/', '?', '#'])) {
                        prop_assert!(
                            ["http", "https", "mailto", "tel"].contains(&s.trim()),
                            "{attr}{url} in {html}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn an_unknown_key_with_a_backtick_is_named_as_sent_beside_the_other_errors() {
    let e = body::parse::<PublicComplaint>(br#"{"a`b": 1, "email": "geen adres"}"#)
        .err()
        .unwrap();
    let fields: Vec<&str> = e.body.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(fields.contains(&"a`b"), "{fields:?}");
    assert!(fields.contains(&"email"), "{fields:?}");
}
