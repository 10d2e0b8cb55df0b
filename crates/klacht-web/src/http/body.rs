//! JSON request bodies that report every bad field at once.
//!
//! Wire types have only optional fields and deny unknown ones; a failed field is reported and
//! taken out, and reading goes on, so one request gets one answer naming all its problems.
//! Required fields and formats are then checked by the type's [`Validate`].

use crate::http::error::{ApiError, FieldError};
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use klacht_app::input;
use klacht_core::input::check_line;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Checks of required fields and formats after the shape is right.
pub trait Validate {
    fn validate(&self, errors: &mut Vec<FieldError>);
}

/// Whether the request's `Content-Type` is `mime` (its parameters, such as `charset`, aside).
pub fn has_content_type(headers: &axum::http::HeaderMap, mime: &str) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case(mime))
}

/// A validated JSON body.
pub struct Body<T>(pub T);

impl<S, T> FromRequest<S> for Body<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Validate,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        if !has_content_type(req.headers(), "application/json") {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send the body as JSON with Content-Type: application/json.",
            )
            .nl("Stuur de inhoud als JSON met Content-Type: application/json."));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too_large",
                    format!(
                        "The request is larger than {} MiB.",
                        crate::BODY_LIMIT / (1024 * 1024)
                    ),
                )
                .nl(format!(
                    "Het verzoek is groter dan {} MiB.",
                    crate::BODY_LIMIT / (1024 * 1024)
                ))
            } else {
                ApiError::new(StatusCode::BAD_REQUEST, "bad_request", e.body_text())
            }
        })?;
        parse(&bytes).map(Body)
    }
}

/// Parses and validates a JSON document.
pub fn parse<T: DeserializeOwned + Validate>(bytes: &[u8]) -> Result<T, ApiError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "malformed_json",
            format!("The body is not valid JSON: {e}."),
        )
        .nl(format!("De inhoud is geen geldige JSON: {e}."))
    })?;
    if !value.is_object() {
        return Err(ApiError::invalid(vec![FieldError {
            field: "(body)".into(),
            message: "expected a JSON object".into(),
        }]));
    }
    let (parsed, mut errors) = read_all::<T>(value);
    if let Some(t) = &parsed {
        // A field with a type error was taken out; saying it is also missing would be noise.
        let mut checks = Vec::new();
        t.validate(&mut checks);
        checks.retain(|c| !errors.iter().any(|e| e.field == c.field));
        errors.extend(checks);
    }
    match parsed {
        Some(t) if errors.is_empty() => Ok(t),
        _ => Err(ApiError::invalid(errors)),
    }
}

fn read_all<T: DeserializeOwned>(mut value: Value) -> (Option<T>, Vec<FieldError>) {
    let mut errors = Vec::new();
    // Each round removes one bad field; a body has far fewer fields than this.
    for _ in 0..64 {
        match serde_path_to_error::deserialize::<_, T>(value.clone()) {
            Ok(t) => return (Some(t), errors),
            Err(e) => {
                let mut path: Vec<String> = e
                    .path()
                    .iter()
                    .filter_map(|s| match s {
                        serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                        serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
                        _ => None,
                    })
                    .collect();
                let message = e.inner().to_string();
                if let Some(name) = unknown_field(&message)
                    && path.last().map(String::as_str) != Some(name)
                {
                    path.push(name.to_owned());
                }
                let field = render(&path);
                errors.push(FieldError {
                    field: if field.is_empty() {
                        "(body)".into()
                    } else {
                        field
                    },
                    message: friendly(&message),
                });
                if path.is_empty() || !remove(&mut value, &path) {
                    return (None, errors);
                }
            }
        }
    }
    (None, errors)
}

/// The key serde names in "unknown field `KEY`, expected …" (or "…`, there are no fields"). The
/// key is what the client sent and may hold backticks itself: it ends where serde's own text
/// begins.
fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown field `")?;
    rest.rfind("`, expected ")
        .or_else(|| rest.rfind("`, there are no fields"))
        .and_then(|end| rest.get(..end))
}

fn friendly(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((_, expected)) = rest.split_once("expected ") {
            return format!("unknown field; expected {expected}");
        }
        return "unknown field".into();
    }
    message.to_owned()
}

fn render(path: &[String]) -> String {
    let mut out = String::new();
    for p in path {
        if p.bytes().all(|b| b.is_ascii_digit()) && !out.is_empty() {
            out.push_str(&format!("[{p}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(p);
        }
    }
    out
}

fn remove(value: &mut Value, path: &[String]) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let mut cur = value;
    for p in parents {
        cur = match cur {
            Value::Object(m) => match m.get_mut(p) {
                Some(v) => v,
                None => return false,
            },
            Value::Array(a) => match p.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                Some(v) => v,
                None => return false,
            },
            _ => return false,
        };
    }
    match cur {
        Value::Object(m) => m.remove(last).is_some(),
        Value::Array(a) => match last.parse::<usize>() {
            Ok(i) if i < a.len() => {
                a.remove(i);
                true
            }
            _ => false,
        },
        _ => false,
    }
}

/// The field checks of [`klacht_app::input`], for the API's own request types.
fn checked(errors: &mut Vec<FieldError>, check: impl FnOnce(&mut Vec<klacht_app::FieldProblem>)) {
    let mut problems = Vec::new();
    check(&mut problems);
    errors.extend(problems.into_iter().map(FieldError::from));
}

pub fn require<T>(errors: &mut Vec<FieldError>, field: &str, value: &Option<T>) {
    checked(errors, |p| input::require(p, field, value));
}

/// [`input::line_field`].
pub fn line_field(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &Option<String>,
    required: bool,
    max: usize,
) {
    checked(errors, |p| {
        input::line_field(p, field, value, required, max)
    });
}

/// [`input::text_field`].
pub fn text_field(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: &Option<String>,
    required: bool,
    max: usize,
) {
    checked(errors, |p| {
        input::text_field(p, field, value, required, max)
    });
}

/// What is wrong with a single line typed on a page (a staff member's name), said in `lang`, or
/// `None`.
pub fn line_problem(value: &str, lang: klacht_core::Lang) -> Option<String> {
    check_line(value)
        .err()
        .map(|p| format!("{}.", crate::http::i18n::text_problem(lang, p)))
}

pub use klacht_app::input::looks_like_email;

/// [`input::email_field`].
pub fn email_field(errors: &mut Vec<FieldError>, field: &str, value: &Option<String>) {
    checked(errors, |p| input::email_field(p, field, value));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        count: Option<u32>,
        #[serde(default)]
        tags: Option<Vec<String>>,
    }

    impl Validate for Sample {
        fn validate(&self, errors: &mut Vec<FieldError>) {
            text_field(errors, "name", &self.name, true, 10);
        }
    }

    #[test]
    fn fields_that_are_right_are_read() {
        let s = parse::<Sample>(br#"{"name": "Jan", "count": 3, "tags": ["a"]}"#).ok();
        let s = s.unwrap_or_else(|| panic!("parses"));
        assert_eq!((s.count, s.tags), (Some(3), Some(vec!["a".to_owned()])));
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let err = parse::<Sample>(br#"{"count": "three", "colour": "red", "tags": [1]}"#)
            .err()
            .map(|e| e.body.fields)
            .unwrap_or_default();
        let fields: Vec<&str> = err.iter().map(|f| f.field.as_str()).collect();
        assert!(fields.contains(&"count"), "{err:?}");
        assert!(fields.contains(&"colour"), "{err:?}");
        assert!(fields.contains(&"tags[0]"), "{err:?}");
        assert!(
            fields.contains(&"name"),
            "required field after type errors: {err:?}"
        );
    }

    #[test]
    fn malformed_json_is_a_400_and_a_non_object_a_422() {
        assert_eq!(
            parse::<Sample>(b"{\"name\": ").err().map(|e| e.status),
            Some(StatusCode::BAD_REQUEST)
        );
        assert_eq!(
            parse::<Sample>(b"[1]").err().map(|e| e.status),
            Some(StatusCode::UNPROCESSABLE_ENTITY)
        );
        assert!(parse::<Sample>(br#"{"name": "Jan"}"#).is_ok());
    }
}
