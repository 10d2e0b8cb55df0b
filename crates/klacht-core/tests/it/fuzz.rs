//! Property-based fuzzing of the parsers in the engine that take outside input: the profile TOML
//! (`klacht profile check FILE`, `klacht profile import`, the regulation versions over the API)
//! and the small parsers of what arrives in URLs and forms (references, channels, roles, …).
//!
//! Each property runs a bounded number of cases so the suite stays fast in CI; set
//! `KLACHT_FUZZ_CASES=N` to run every property N times instead (see the README).

use klacht_core::procedure::{Action, Level, NoticeKind, Status, parse_deadline_detail};
use klacht_core::profile::{self, ProfileError};
use klacht_core::{Channel, Lang, Outcome, Reference, Role};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// The case count: `default`, or `KLACHT_FUZZ_CASES` when set.
fn cases(default: u32) -> Config {
    let cases = std::env::var("KLACHT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        // A failure is shrunk, but not for ever.
        max_shrink_iters: 2_000,
        // The smallest failing input is printed; no files of seeds beside the sources.
        failure_persistence: None,
        ..Config::default()
    }
}

const BUILTINS: [(&str, &str); 4] = profile::BUILTIN;

fn builtin(i: usize) -> &'static str {
    BUILTINS[i % BUILTINS.len()].1
}

/// Text with the characters that matter to TOML and to the checks: quotes, brackets, equals,
/// newlines, escapes, digits, dates, and any other character now and then.
fn tomlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("=".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("\"\"\"".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("[[".to_owned()),
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\\".to_owned()),
        Just("\\u".to_owned()),
        Just(",".to_owned()),
        Just(".".to_owned()),
        Just("#".to_owned()),
        Just(" ".to_owned()),
        Just("2026-02-30".to_owned()),
        Just("9999-12-31".to_owned()),
        Just("-1".to_owned()),
        Just("4294967296".to_owned()),
        Just("1e400".to_owned()),
        Just("nan".to_owned()),
        Just("true".to_owned()),
        Just("deadlines".to_owned()),
        Just("working_days".to_owned()),
        Just("weeks".to_owned()),
        Just("{{ reference }}".to_owned()),
        Just("{% if %}".to_owned()),
        "[a-z_]{1,12}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

/// One change to a profile's text.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    ReplaceLine(usize, String),
    SwapLines(usize, usize),
    Insert(usize, String),
    Truncate(usize),
    /// Replaces the n-th number in the text.
    Number(usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let number = prop_oneof![
        Just("0".to_owned()),
        Just("-1".to_owned()),
        Just("4294967295".to_owned()),
        Just("4294967296".to_owned()),
        Just("9223372036854775807".to_owned()),
        Just("99999999999999999999".to_owned()),
        Just("1.5".to_owned()),
        Just("\"2\"".to_owned()),
        (0u64..100_000).prop_map(|n| n.to_string()),
    ];
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), tomlish()).prop_map(|(i, s)| Mutation::ReplaceLine(i, s)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), tomlish()).prop_map(|(i, s)| Mutation::Insert(i, s)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), number).prop_map(|(i, n)| Mutation::Number(i, n)),
    ]
}

fn apply(src: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = src.lines().map(str::to_owned).collect();
    let n = lines.len().max(1);
    match m {
        Mutation::DeleteLine(i) => {
            if !lines.is_empty() {
                lines.remove(i % n);
            }
        }
        Mutation::DuplicateLine(i) => {
            if let Some(l) = lines.get(i % n).cloned() {
                lines.insert(i % n, l);
            }
        }
        Mutation::ReplaceLine(i, s) => {
            if let Some(l) = lines.get_mut(i % n) {
                *l = s.clone();
            }
        }
        Mutation::SwapLines(a, b) => {
            if !lines.is_empty() {
                lines.swap(a % n, b % n);
            }
        }
        Mutation::Insert(at, s) => {
            let mut text = lines.join("\n");
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert_str(at, s);
            return text;
        }
        Mutation::Truncate(at) => {
            let mut text = lines.join("\n");
            let mut at = at % (text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.truncate(at);
            return text;
        }
        Mutation::Number(k, with) => {
            let text = lines.join("\n");
            let numbers: Vec<(usize, usize)> = number_spans(&text);
            if numbers.is_empty() {
                return text;
            }
            let (start, end) = numbers[k % numbers.len()];
            return format!("{}{with}{}", &text[..start], &text[end..]);
        }
    }
    lines.join("\n")
}

/// Where the integers in `text` are (runs of ASCII digits after `= `).
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i + 2 < bytes.len() {
        if bytes[i] == b'=' && bytes[i + 1] == b' ' && bytes[i + 2].is_ascii_digit() {
            let start = i + 2;
            let mut end = start;
            while end < bytes.len() && bytes[end].is_ascii_digit() {
                end += 1;
            }
            // A date (`2025-01-01`) is not a number.
            if bytes.get(end) != Some(&b'-') {
                spans.push((start, end));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    spans
}

/// Every error is placed on a line of the file (or just past its end, for a file that stops
/// too early), at a column from 1, and says so when printed.
fn assert_placed(src: &str, errors: &[ProfileError]) -> Result<(), TestCaseError> {
    let lines = src.split('\n').count().max(1);
    for e in errors {
        prop_assert!(
            e.line >= 1 && e.line <= lines + 1,
            "line {} of a {lines}-line file: {e}",
            e.line
        );
        prop_assert!(e.column >= 1, "column {}: {e}", e.column);
        prop_assert!(
            !e.message.trim().is_empty(),
            "an error without a message: {e:?}"
        );
        let shown = e.to_string();
        let prefix = format!("line {}, column {}: ", e.line, e.column);
        prop_assert!(shown.starts_with(&prefix), "{shown}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(300))]

    #[test]
    fn profile_check_of_any_text_never_panics_and_places_every_error(src in tomlish()) {
        let errors = profile::check(&src);
        assert_placed(&src, &errors)?;
        // `check` is the verdict of `parse`.
        prop_assert_eq!(errors.is_empty(), profile::parse(&src).is_ok());
    }

    #[test]
    fn profile_check_of_any_unicode_never_panics(src in "\\PC{0,400}") {
        let errors = profile::check(&src);
        assert_placed(&src, &errors)?;
        prop_assert!(!errors.is_empty(), "a profile from nothing: {src:?}");
    }
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn mutated_builtin_profiles_never_panic_and_every_error_has_its_line(
        which in 0..BUILTINS.len(),
        changes in prop::collection::vec(mutation(), 1..4),
    ) {
        let mut src = builtin(which).to_owned();
        for m in &changes {
            src = apply(&src, m);
        }
        let errors = profile::check(&src);
        assert_placed(&src, &errors)?;
        prop_assert_eq!(errors.is_empty(), profile::parse(&src).is_ok());
    }

    #[test]
    fn a_line_of_garbage_before_a_section_is_reported_at_its_own_line(
        which in 0..BUILTINS.len(),
        header in any::<usize>(),
        garbage in "[@!$%^&*()<>?|~`]{1,20}",
    ) {
        let src = builtin(which);
        let lines: Vec<&str> = src.lines().collect();
        let headers: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                let l = l.trim_end();
                l.starts_with('[')
                    && l.ends_with(']')
                    && l.trim_matches(|c| c == '[' || c == ']')
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
            })
            .map(|(i, _)| i)
            .collect();
        prop_assume!(!headers.is_empty());
        let at = headers[header % headers.len()];
        let mut changed: Vec<&str> = lines.clone();
        changed.insert(at, &garbage);
        let changed = changed.join("\n");
        let errors = profile::check(&changed);
        assert_placed(&changed, &errors)?;
        // The garbage is line `at + 1` (1-based).
        prop_assert!(
            errors.iter().any(|e| e.line == at + 1),
            "garbage on line {} not reported there: {:?}",
            at + 1,
            errors
        );
    }
}

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn a_reference_parses_only_in_its_one_spelling(s in "\\PC{0,16}|[0-9]{4}-[0-9+ -]{0,8}") {
        if let Some(r) = Reference::parse(&s) {
            prop_assert_eq!(r.to_string(), s);
            prop_assert!(r.number() > 0);
        }
    }

    #[test]
    fn every_reference_round_trips(year in 0i16..=9999, number in 1u32..=u32::MAX) {
        let r = Reference::new(year, number);
        prop_assert_eq!(Reference::parse(&r.to_string()), Some(r));
    }

    #[test]
    fn the_small_parsers_accept_only_their_own_names(s in "\\PC{0,24}") {
        // Each either refuses the text or gives a value that is spelled exactly so.
        if let Some(c) = Channel::parse(&s) { prop_assert_eq!(c.as_str(), s.as_str()); }
        if let Some(r) = Role::parse(&s) { prop_assert_eq!(r.as_str(), s.as_str()); }
        if let Some(o) = Outcome::parse(&s) { prop_assert_eq!(o.as_str(), s.as_str()); }
        if let Some(st) = Status::parse(&s) { prop_assert_eq!(st.as_str(), s.as_str()); }
        if let Some(a) = Action::parse(&s) { prop_assert_eq!(a.name(), s.as_str()); }
        if let Some(l) = Level::parse(&s) { prop_assert_eq!(l.as_str(), s.as_str()); }
        if let Some(k) = NoticeKind::parse(&s) { prop_assert_eq!(k.as_str(), s.as_str()); }
        if let Some(l) = Lang::parse(&s) { prop_assert_eq!(l.code(), s.as_str()); }
    }

    #[test]
    fn a_deadline_notice_detail_parses_or_is_refused(s in "\\PC{0,32}|[a-z]{1,8}:[0-9-]{1,12}") {
        // The detail is written by the deadline job; read back, the id is all before the last
        // colon and the date what follows it.
        if let Some((id, due)) = parse_deadline_detail(&s) {
            let (want_id, date) = s.rsplit_once(':').unwrap();
            prop_assert_eq!(id, want_id);
            prop_assert_eq!(Some(due), date.parse().ok());
        }
    }
}
