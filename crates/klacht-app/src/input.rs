//! What people type, checked field by field: every problem named with its field, in the same
//! words on every surface (the API answers them, the pages show them).

use crate::{FieldProblem, Problem};
use klacht_core::input::{TextProblem, check_line, check_text};

/// `value` must be given.
pub fn require<T>(problems: &mut Vec<FieldProblem>, field: &str, value: &Option<T>) {
    if value.is_none() {
        problems.push(FieldProblem::of(field, Problem::Required));
    }
}

/// A single-line field (a name, an e-mail address, a phone number, a title): no line breaks,
/// no control characters, no direction overrides, something visible ([`check_line`]).
pub fn line_field(
    problems: &mut Vec<FieldProblem>,
    field: &str,
    value: &Option<String>,
    required: bool,
    max: usize,
) {
    checked_field(problems, field, value, required, max, check_line);
}

/// A field of one or more lines (a description, a note): line breaks and tabs are fine, other
/// control characters are not ([`check_text`]).
pub fn text_field(
    problems: &mut Vec<FieldProblem>,
    field: &str,
    value: &Option<String>,
    required: bool,
    max: usize,
) {
    checked_field(problems, field, value, required, max, check_text);
}

fn checked_field(
    problems: &mut Vec<FieldProblem>,
    field: &str,
    value: &Option<String>,
    required: bool,
    max: usize,
    check: fn(&str) -> Result<(), TextProblem>,
) {
    let problem = match value {
        None if required => Problem::Required,
        Some(v) if required && v.trim().is_empty() => Problem::Empty,
        Some(v) if v.chars().count() > max => Problem::TooLong { max },
        // Blank and optional: whether that is allowed is for the field's own checks.
        Some(v) if v.trim().is_empty() => return,
        Some(v) => match check(v) {
            Ok(()) => return,
            Err(p) => Problem::Text(p),
        },
        None => return,
    };
    problems.push(FieldProblem::of(field, problem));
}

/// Whether `v` looks like an e-mail address (one `@`, a dotted domain, no spaces).
pub fn looks_like_email(v: &str) -> bool {
    let v = v.trim();
    v.len() <= 254
        && v.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.contains(char::is_whitespace)
                && !domain.contains('@')
        })
}

/// An e-mail address, when given.
pub fn email_field(problems: &mut Vec<FieldProblem>, field: &str, value: &Option<String>) {
    if let Some(v) = value
        && !looks_like_email(v)
    {
        problems.push(FieldProblem::of(field, Problem::NotEmail));
    }
}

/// A phone number, when given.
pub fn phone_field(problems: &mut Vec<FieldProblem>, field: &str, value: &Option<String>) {
    if let Some(v) = value {
        let digits = v.chars().filter(char::is_ascii_digit).count();
        let ok = v.len() <= 40
            && (6..=20).contains(&digits)
            && v.chars()
                .all(|c| c.is_ascii_digit() || " +-().".contains(c));
        if !ok {
            problems.push(FieldProblem::of(field, Problem::NotPhone));
        }
    }
}
