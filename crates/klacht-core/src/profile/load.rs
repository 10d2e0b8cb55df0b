//! Reading a profile from TOML, and explaining everything wrong with it.
//!
//! `parse` does not stop at the first mistake: syntax errors are all reported (the parser
//! recovers), every section and every entry of a list is read on its own so that one bad entry
//! does not hide the next, and the meaning is checked afterwards (unique ids, references
//! between sections, exactly one term per deadline, …). Each error carries its line.

use super::{Capacity, Profile, StartPoint};
use serde::de::{DeserializeOwned, IntoDeserializer};
use std::collections::HashSet;
use std::fmt;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One thing wrong with a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// 1-based line in the profile file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// Where in the profile, e.g. `deadlines[1].weeks`.
    pub path: String,
    /// What is wrong and what is expected.
    pub message: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(
                f,
                "line {}, column {}: {}",
                self.line, self.column, self.message
            )
        } else {
            write!(
                f,
                "line {}, column {}: {}: {}",
                self.line, self.column, self.path, self.message
            )
        }
    }
}

/// Reads and checks a profile.
pub fn parse(src: &str) -> Result<Profile, Vec<ProfileError>> {
    let (root, syntax) = DeTable::parse_recoverable(src);
    if !syntax.is_empty() {
        return Err(syntax
            .iter()
            .map(|e| error_at(src, e.span().unwrap_or(0..0), "", clean(e.message())))
            .collect());
    }
    let doc = Doc { src, root: &root };
    let mut errors = doc.check_sections();
    if !errors.is_empty() {
        return Err(errors);
    }
    let profile: Profile = match Profile::deserialize(root.clone().into_deserializer()) {
        Ok(p) => p,
        Err(e) => return Err(vec![doc.toml_error("", &e)]),
    };
    errors.extend(
        validate(&profile)
            .into_iter()
            .map(|(path, message)| doc.at_path(&path, message)),
    );
    if errors.is_empty() {
        // The texts' variables, tried with sample values (a typo would otherwise surface as a
        // failing step, much later).
        errors.extend(
            crate::letters::check(&profile)
                .into_iter()
                .map(|(path, message)| {
                    let path: Vec<Seg> = path.into_iter().map(Seg::Key).collect();
                    doc.at_path(&path, message)
                }),
        );
    }
    if errors.is_empty() {
        Ok(profile)
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

/// Like [`parse`], for callers that only want the verdict.
pub fn check(src: &str) -> Vec<ProfileError> {
    parse(src).err().unwrap_or_default()
}

use serde::Deserialize;

/// A path into the document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Seg {
    Key(&'static str),
    Index(usize),
}

fn render_path(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

struct Doc<'a, 'i> {
    src: &'a str,
    root: &'a Spanned<DeTable<'i>>,
}

/// How a top-level section is read.
enum Shape {
    /// One value of a type.
    One(fn(&Spanned<DeValue<'_>>) -> Result<(), toml::de::Error>),
    /// A list (array of tables) whose entries are read one by one.
    Each(fn(&Spanned<DeValue<'_>>) -> Result<(), toml::de::Error>),
    /// Such a list that may also be empty.
    EachOrNone(fn(&Spanned<DeValue<'_>>) -> Result<(), toml::de::Error>),
}

fn one<T: DeserializeOwned>(v: &Spanned<DeValue<'_>>) -> Result<(), toml::de::Error> {
    T::deserialize(v.clone().into_deserializer()).map(|_| ())
}

/// Every top-level key, whether it must be there, and how to read it.
const SECTIONS: &[(&str, bool, Shape)] = &[
    ("name", true, Shape::One(one::<String>)),
    ("version", true, Shape::One(one::<String>)),
    ("adopted_on", true, Shape::One(one::<super::date::TomlDate>)),
    ("title", true, Shape::One(one::<crate::Localized>)),
    ("organisation", true, Shape::One(one::<super::Organisation>)),
    ("calendar", false, Shape::One(one::<crate::CalendarConfig>)),
    ("deadlines", true, Shape::Each(one::<super::Deadline>)),
    ("extension", false, Shape::One(one::<super::Extension>)),
    ("relations", true, Shape::Each(one::<super::Choice>)),
    ("channels", true, Shape::Each(one::<super::ChannelRule>)),
    ("categories", true, Shape::Each(one::<super::Choice>)),
    ("severities", true, Shape::Each(one::<super::Severity>)),
    ("outcomes", true, Shape::Each(one::<super::OutcomeChoice>)),
    (
        "satisfaction_answers",
        false,
        Shape::Each(one::<super::SatisfactionAnswer>),
    ),
    ("roles", false, Shape::One(one::<super::Roles>)),
    ("steps", false, Shape::One(one::<super::Steps>)),
    (
        "registration",
        false,
        Shape::One(one::<super::Registration>),
    ),
    ("retention", true, Shape::One(one::<super::Retention>)),
    ("reports", false, Shape::One(one::<super::Reports>)),
    ("texts", true, Shape::One(one::<super::Texts>)),
    ("letters", true, Shape::One(one::<super::Letters>)),
    (
        "external_bodies",
        false,
        Shape::EachOrNone(one::<super::ExternalBody>),
    ),
];

impl Doc<'_, '_> {
    fn check_sections(&self) -> Vec<ProfileError> {
        let mut errors = Vec::new();
        let table = self.root.get_ref();
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            let Some((_, _, shape)) = SECTIONS.iter().find(|(n, _, _)| *n == name) else {
                let known: Vec<&str> = SECTIONS.iter().map(|(n, _, _)| *n).collect();
                errors.push(error_at(
                    self.src,
                    key.span(),
                    name,
                    format!("unknown section; expected one of: {}", known.join(", ")),
                ));
                continue;
            };
            match shape {
                Shape::One(check) => {
                    if let Err(e) = check(value) {
                        errors.push(self.toml_error(name, &e));
                    }
                }
                Shape::Each(check) | Shape::EachOrNone(check) => match value.get_ref() {
                    DeValue::Array(items) => {
                        if items.is_empty() && matches!(shape, Shape::Each(_)) {
                            errors.push(error_at(
                                self.src,
                                value.span(),
                                name,
                                "must have at least one entry".into(),
                            ));
                        }
                        for (i, item) in items.iter().enumerate() {
                            if let Err(e) = check(item) {
                                errors.push(self.toml_error(&format!("{name}[{i}]"), &e));
                            }
                        }
                    }
                    other => errors.push(error_at(
                        self.src,
                        value.span(),
                        name,
                        format!(
                            "expected a list of tables ([[{name}]]), found {}",
                            other.type_str()
                        ),
                    )),
                },
            }
        }
        for (name, required, _) in SECTIONS {
            if *required && table.get(*name).is_none() {
                errors.push(error_at(
                    self.src,
                    0..0,
                    name,
                    "is missing; every profile must have it".into(),
                ));
            }
        }
        errors.sort_by_key(|e| (e.line, e.column));
        errors
    }

    fn toml_error(&self, path: &str, e: &toml::de::Error) -> ProfileError {
        error_at(self.src, e.span().unwrap_or(0..0), path, clean(e.message()))
    }

    /// The error at the deepest part of `path` that exists in the document.
    fn at_path(&self, path: &[Seg], message: String) -> ProfileError {
        let mut span = 0..0;
        let mut current: Option<&Spanned<DeValue<'_>>> = None;
        for seg in path {
            let next = match (seg, current.map(|c| c.get_ref())) {
                (Seg::Key(k), None) => self.root.get_ref().get(*k),
                (Seg::Key(k), Some(DeValue::Table(t))) => t.get(*k),
                (Seg::Index(i), Some(DeValue::Array(a))) => a.get(*i),
                _ => None,
            };
            match next {
                Some(v) => {
                    span = v.span();
                    current = Some(v);
                }
                None => break,
            }
        }
        error_at(self.src, span, &render_path(path), message)
    }
}

pub(super) fn error_at(src: &str, span: Range<usize>, path: &str, message: String) -> ProfileError {
    let start = span.start.min(src.len());
    let before = src.get(..start).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    ProfileError {
        line,
        column,
        path: path.to_owned(),
        message,
    }
}

/// toml's messages end with a newline and sometimes repeat context; keep the first sentence block.
fn clean(message: &str) -> String {
    message.trim().to_owned()
}

type Problem = (Vec<Seg>, String);

fn unique_ids<'a>(
    section: &'static str,
    ids: impl Iterator<Item = &'a str>,
    problems: &mut Vec<Problem>,
) {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        if !is_identifier(id) {
            problems.push((
                vec![Seg::Key(section), Seg::Index(i), Seg::Key("id")],
                format!("{id:?} is not a valid id; expected lowercase letters, digits and _"),
            ));
        }
        if !seen.insert(id) {
            problems.push((
                vec![Seg::Key(section), Seg::Index(i), Seg::Key("id")],
                format!("id {id:?} is used twice; every entry needs its own id"),
            ));
        }
    }
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Checks of meaning, after the shape is right. Returns each problem with its path.
fn validate(p: &Profile) -> Vec<Problem> {
    let mut problems: Vec<Problem> = Vec::new();
    let mut at = |path: Vec<Seg>, msg: String| problems.push((path, msg));

    if !is_identifier(&p.name) {
        at(
            vec![Seg::Key("name")],
            "expected a short name of lowercase letters, digits and _".into(),
        );
    }
    if p.version.trim().is_empty() {
        at(
            vec![Seg::Key("version")],
            "must not be empty; e.g. \"2025-1\"".into(),
        );
    }
    if p.organisation.name.trim().is_empty() {
        at(
            vec![Seg::Key("organisation"), Seg::Key("name")],
            "must not be empty".into(),
        );
    }
    for (i, d) in p.deadlines.iter().enumerate() {
        let here = |k: &'static str| vec![Seg::Key("deadlines"), Seg::Index(i), Seg::Key(k)];
        match (d.working_days, d.weeks) {
            (Some(_), Some(_)) => at(
                here("weeks"),
                "give either working_days or weeks, not both".into(),
            ),
            (None, None) => at(
                vec![Seg::Key("deadlines"), Seg::Index(i)],
                "needs a term: working_days = N or weeks = N".into(),
            ),
            _ => {}
        }
        for (key, value) in [
            ("working_days", d.working_days),
            ("weeks", d.weeks),
            ("weeks_with_committee", d.weeks_with_committee),
        ] {
            if let Some(v) = value
                && !(1..=260).contains(&v)
            {
                at(here(key), format!("{v} is out of range; expected 1 to 260"));
            }
        }
        if d.from != StartPoint::Receipt && d.extendable {
            // Allowed, but only the receipt-based deadlines are announced in the acknowledgement.
        }
        if d.label.nl.trim().is_empty() {
            at(here("label"), "needs a Dutch label (nl)".into());
        }
    }
    let mut problems_ids = Vec::new();
    unique_ids(
        "deadlines",
        p.deadlines.iter().map(|d| d.id.as_str()),
        &mut problems_ids,
    );
    unique_ids(
        "relations",
        p.relations.iter().map(|c| c.id.as_str()),
        &mut problems_ids,
    );
    unique_ids(
        "categories",
        p.categories.iter().map(|c| c.id.as_str()),
        &mut problems_ids,
    );
    unique_ids(
        "severities",
        p.severities.iter().map(|c| c.id.as_str()),
        &mut problems_ids,
    );
    unique_ids(
        "channels",
        p.channels.iter().map(|c| c.id.as_str()),
        &mut problems_ids,
    );
    unique_ids(
        "outcomes",
        p.outcomes.iter().map(|c| c.id.as_str()),
        &mut problems_ids,
    );
    unique_ids(
        "satisfaction_answers",
        p.satisfaction_answers.iter().map(|a| a.id.as_str()),
        &mut problems_ids,
    );
    for (path, msg) in problems_ids {
        at(path, msg);
    }
    for (i, a) in p.satisfaction_answers.iter().enumerate() {
        if a.satisfied && a.reopen {
            at(
                vec![
                    Seg::Key("satisfaction_answers"),
                    Seg::Index(i),
                    Seg::Key("reopen"),
                ],
                "only an answer that is not satisfied can ask to reopen the complaint".into(),
            );
        }
    }
    if !p.satisfaction_answers.is_empty()
        && (p.satisfaction_answers.iter().all(|a| a.satisfied)
            || p.satisfaction_answers.iter().all(|a| !a.satisfied))
    {
        at(
            vec![Seg::Key("satisfaction_answers")],
            "needs at least one answer that is satisfied and one that is not".into(),
        );
    }
    if p.deadlines.iter().all(|d| d.from != StartPoint::Receipt) {
        at(
            vec![Seg::Key("deadlines")],
            "at least one deadline must run from receipt".into(),
        );
    }
    if p.extension.max_weeks.is_some() && p.extension.max_working_days.is_some() {
        at(
            vec![Seg::Key("extension"), Seg::Key("max_working_days")],
            "give either max_weeks or max_working_days, not both".into(),
        );
    }
    if p.extension.max_count == Some(0) && p.deadlines.iter().any(|d| d.extendable) {
        at(
            vec![Seg::Key("extension"), Seg::Key("max_count")],
            "is 0 while a deadline is extendable; remove `extendable` or allow an extension".into(),
        );
    }
    if p.channel(crate::Channel::Web).is_none() {
        at(
            vec![Seg::Key("channels")],
            "must include the web form (id = \"web\"): the regulation promises a form on the website (T11, T19)".into(),
        );
    }
    for (i, c) in p.registration.sign_off.iter().enumerate() {
        if !matches!(
            c,
            Capacity::Coordinator | Capacity::Involved | Capacity::Handler | Capacity::Director
        ) {
            at(
                vec![
                    Seg::Key("registration"),
                    Seg::Key("sign_off"),
                    Seg::Index(i),
                ],
                format!(
                    "{:?} cannot sign the registration form; expected coordinator, involved, handler or director",
                    c.as_str()
                ),
            );
        }
    }
    let steps = [
        ("register", &p.steps.register),
        ("acknowledge", &p.steps.acknowledge),
        ("assign", &p.steps.assign),
        ("record_concerns", &p.steps.record_concerns),
        ("inform_involved", &p.steps.inform_involved),
        ("record_hearing", &p.steps.record_hearing),
        ("record_contact", &p.steps.record_contact),
        ("add_note", &p.steps.add_note),
        ("attach_document", &p.steps.attach_document),
        ("extend", &p.steps.extend),
        ("escalate", &p.steps.escalate),
        ("escalation_not_needed", &p.steps.escalation_not_needed),
        ("refer_to_committee", &p.steps.refer_to_committee),
        ("classify", &p.steps.classify),
        ("record_measure", &p.steps.record_measure),
        ("decide", &p.steps.decide),
        ("close", &p.steps.close),
        ("withdraw", &p.steps.withdraw),
        ("reopen", &p.steps.reopen),
        ("report_summary", &p.steps.report_summary),
        ("mark_duplicate", &p.steps.mark_duplicate),
        ("link_related", &p.steps.link_related),
        (
            "record_complainant_hearing",
            &p.steps.record_complainant_hearing,
        ),
        ("refer_outside", &p.steps.refer_outside),
        ("record_external_outcome", &p.steps.record_external_outcome),
    ];
    for (name, who) in steps {
        if who.is_empty() {
            at(
                vec![Seg::Key("steps"), Seg::Key(name)],
                "nobody could take this step; name at least one capacity".into(),
            );
        }
        if name != "attach_document" && name != "add_note" && who.contains(&Capacity::Involved) {
            at(
                vec![Seg::Key("steps"), Seg::Key(name)],
                "the person a complaint is about may not handle it (K3); remove \"involved\""
                    .into(),
            );
        }
    }
    let mut body_ids = Vec::new();
    unique_ids(
        "external_bodies",
        p.external_bodies.iter().map(|b| b.id.as_str()),
        &mut body_ids,
    );
    for (path, msg) in body_ids {
        at(path, msg);
    }
    for (i, b) in p.external_bodies.iter().enumerate() {
        let here = |k: &'static str| vec![Seg::Key("external_bodies"), Seg::Index(i), Seg::Key(k)];
        if b.name.nl.trim().is_empty() {
            at(here("name"), "needs a Dutch name (nl)".into());
        }
        if !(1..=120).contains(&b.months) {
            at(
                here("months"),
                format!("{} is out of range; expected 1 to 120 months", b.months),
            );
        }
        if let Some(w) = &b.website
            && !(w.starts_with("https://") || w.starts_with("http://"))
        {
            at(
                here("website"),
                format!("{w:?} is not a web address; expected one starting with https://"),
            );
        }
    }
    if p.roles.deputies.contains(&crate::Role::Coordinator)
        || p.roles.deputies.contains(&crate::Role::Admin)
    {
        at(
            vec![Seg::Key("roles"), Seg::Key("deputies")],
            "a deputy stands in for the coordinator; expected roles such as deputy or director"
                .into(),
        );
    }
    if p.retention.months_after_close == 0 {
        at(
            vec![Seg::Key("retention"), Seg::Key("months_after_close")],
            "must be at least 1 month".into(),
        );
    }
    let r = &p.retention;
    for (key, value, unit, max, why) in [
        (
            "read_log_months",
            r.read_log_months,
            "months",
            1200,
            "the read log must show who opened a dossier (K8)",
        ),
        (
            "account_log_months",
            r.account_log_months,
            "months",
            1200,
            "the account log must show who was given access",
        ),
        (
            "request_months",
            r.request_months,
            "months",
            1200,
            "a settled request of a data subject is the proof that it was answered",
        ),
        (
            "notice_days",
            r.notice_days,
            "days",
            36_500,
            "a notice must stay until its reader could see it",
        ),
        (
            "mail_days",
            r.mail_days,
            "days",
            36_500,
            "mail must stay until it was sent",
        ),
        (
            "upload_hours",
            r.upload_hours,
            "hours",
            8_760,
            "a file is stored before the step that refers to it, and 0 would remove it in between",
        ),
    ] {
        if value == 0 {
            at(
                vec![Seg::Key("retention"), Seg::Key(key)],
                format!("must be at least 1 ({unit}): {why}"),
            );
        } else if value > max {
            at(
                vec![Seg::Key("retention"), Seg::Key(key)],
                format!("{value} is out of range; expected 1 to {max} {unit}"),
            );
        }
    }
    for (key, month) in [
        ("annual_report_month", p.reports.annual_report_month),
        ("evaluation_month", p.reports.evaluation_month),
    ] {
        if !(1..=12).contains(&month) {
            at(
                vec![Seg::Key("reports"), Seg::Key(key)],
                format!("{month} is not a month; expected 1 to 12"),
            );
        }
    }
    if p.texts.regulation.nl.trim().is_empty() {
        at(
            vec![Seg::Key("texts"), Seg::Key("regulation")],
            "the regulation text (nl) must not be empty: it is published (T11)".into(),
        );
    }
    if p.texts.privacy.nl.trim().is_empty() {
        at(
            vec![Seg::Key("texts"), Seg::Key("privacy")],
            "the privacy statement (nl) must not be empty: the form shows it (T19)".into(),
        );
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{BUILTIN, builtin};

    #[test]
    fn t16_builtin_profiles_parse_and_carry_adoption_date() {
        for (name, src) in BUILTIN {
            let p = parse(src).unwrap_or_else(|e| {
                panic!(
                    "{name}: {}",
                    e.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            });
            assert_eq!(p.name, name);
            assert!(!p.version.is_empty());
        }
    }

    /// Every place in `value` that holds Dutch text without English, or either one empty.
    fn untranslated(value: &serde_json::Value, at: &str, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(nl) = map.get("nl") {
                    let filled = |v: Option<&serde_json::Value>| {
                        v.and_then(|v| v.as_str())
                            .is_some_and(|t| !t.trim().is_empty())
                    };
                    if !filled(Some(nl)) || !filled(map.get("en")) {
                        out.push(at.to_owned());
                    }
                }
                for (k, v) in map {
                    untranslated(v, &format!("{at}.{k}"), out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    untranslated(v, &format!("{at}[{i}]"), out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn t11_every_builtin_label_text_and_letter_is_in_dutch_and_english() {
        for (name, _) in BUILTIN {
            let p = builtin(name).unwrap_or_else(|| panic!("{name}"));
            let value = serde_json::to_value(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut missing = Vec::new();
            untranslated(&value, name, &mut missing);
            assert_eq!(missing, Vec::<String>::new(), "{name}");
            // Every text a built-in may have, it has: the form's introduction and the
            // satisfaction question too.
            assert!(p.texts.intro.is_some(), "{name}");
            assert!(p.letters.satisfaction.is_some(), "{name}");
        }
        let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["template", "kjrw", "awb", "wkkgz"]);
        assert_eq!(
            crate::profile::builtin_names(),
            "template, kjrw, awb, wkkgz"
        );
    }

    fn errors_of(src: &str) -> Vec<ProfileError> {
        parse(src).err().unwrap_or_default()
    }

    fn template_with(find: &str, replace: &str) -> String {
        let src = crate::profile::builtin_source("template").unwrap_or_default();
        assert!(src.contains(find), "template has {find:?}");
        src.replacen(find, replace, 1)
    }

    #[test]
    fn profile_check_reports_syntax_errors_with_their_line() {
        let errs = errors_of("name = \"x\"\nversion = \n");
        assert!(!errs.is_empty());
        assert_eq!(errs[0].line, 2, "{errs:?}");
    }

    #[test]
    fn profile_check_reports_every_bad_entry_not_just_the_first() {
        let src = template_with("working_days = 2", "working_days = \"two\"");
        let src = src.replacen("form = \"oral\"", "form = \"spoken\"", 1);
        let errs = errors_of(&src);
        assert!(errs.len() >= 2, "{errs:#?}");
        let line_of = |needle: &str| {
            src.lines()
                .position(|l| l.contains(needle))
                .map(|i| i + 1)
                .unwrap_or(0)
        };
        assert!(
            errs.iter()
                .any(|e| e.line == line_of("working_days = \"two\"")),
            "{errs:#?}"
        );
        let spoken = errs
            .iter()
            .find(|e| e.line == line_of("form = \"spoken\""))
            .unwrap_or_else(|| panic!("no error on the channel form: {errs:#?}"));
        assert!(
            spoken.message.contains("written") && spoken.message.contains("oral"),
            "says what is expected: {spoken}"
        );
    }

    #[test]
    fn profile_check_explains_meaning_errors_at_their_line() {
        let src = template_with("working_days = 2", "working_days = 2\nweeks = 1");
        let errs = errors_of(&src);
        let line = src.lines().position(|l| l == "weeks = 1").map(|i| i + 1);
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert_eq!(Some(errs[0].line), line);
        assert!(errs[0].message.contains("not both"));
    }

    #[test]
    fn profile_check_rejects_unknown_sections_and_fields() {
        let src = format!(
            "{}\n[colours]\nred = 1\n",
            crate::profile::builtin_source("kjrw").unwrap_or_default()
        );
        let errs = errors_of(&src);
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert!(errs[0].message.contains("unknown section"));
        let src = template_with("working_days = 2", "working_days = 2\nworkdays = 3");
        let errs = errors_of(&src);
        assert!(
            errs.iter().any(|e| e.message.contains("workdays")),
            "{errs:#?}"
        );
    }

    #[test]
    fn profile_check_reports_missing_sections() {
        let errs = errors_of("name = \"x\"\n");
        assert!(
            errs.iter()
                .any(|e| e.path == "deadlines" && e.message.contains("missing"))
        );
        assert!(errs.iter().any(|e| e.path == "letters"));
    }

    #[test]
    fn k3_a_profile_cannot_let_the_involved_person_decide() {
        let src = template_with(
            "decide = [\"coordinator\", \"handler\", \"director\"]",
            "decide = [\"involved\"]",
        );
        let errs = errors_of(&src);
        assert!(errs.iter().any(|e| e.message.contains("K3")), "{errs:#?}");
    }

    #[test]
    fn t13_a_satisfied_answer_cannot_ask_to_reopen_and_answers_need_both_kinds() {
        let src = template_with(
            "en = \"Yes, my complaint has been resolved\" }\nsatisfied = true",
            "en = \"Yes, my complaint has been resolved\" }\nsatisfied = true\nreopen = true",
        );
        let errs = errors_of(&src);
        let line = src
            .lines()
            .position(|l| l == "reopen = true")
            .map(|i| i + 1);
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert_eq!(Some(errs[0].line), line);
        assert_eq!(
            errs[0].message,
            "only an answer that is not satisfied can ask to reopen the complaint"
        );
        let all_happy = crate::profile::builtin_source("template")
            .unwrap_or_default()
            .replace("satisfied = false", "satisfied = true")
            .replace("reopen = true\n", "");
        let errs = errors_of(&all_happy);
        assert!(
            errs.iter().any(|e| e.path == "satisfaction_answers"
                && e.message == "needs at least one answer that is satisfied and one that is not"),
            "{errs:#?}"
        );
    }

    #[test]
    fn duplicate_ids_are_reported() {
        let p = builtin("template").map(|p| p.categories.len()).unwrap_or(0);
        assert!(p > 1);
        let src = template_with("id = \"service\"", "id = \"communication\"");
        let errs = errors_of(&src);
        assert!(
            errs.iter().any(|e| e.message.contains("used twice")),
            "{errs:#?}"
        );
    }

    #[test]
    fn k08_a_profile_without_the_other_periods_gets_their_defaults() {
        let p = builtin("template").unwrap_or_else(|| panic!("template"));
        assert_eq!(p.retention.months_after_close, 24);
        assert_eq!(p.retention.read_log_months, 24);
        assert_eq!(p.retention.account_log_months, 24);
        assert_eq!(p.retention.notice_days, 180);
        assert_eq!(p.retention.mail_days, 30);
        assert_eq!(p.retention.upload_hours, 24);
    }

    #[test]
    fn k08_profile_check_refuses_a_period_of_zero_or_beyond_reason_at_its_line() {
        let src = template_with(
            "months_after_close = 24",
            "months_after_close = 24\nread_log_months = 0\nnotice_days = 7\nupload_hours = 0\nmail_days = 99999",
        );
        let errs = errors_of(&src);
        let line_of = |needle: &str| {
            src.lines()
                .position(|l| l.starts_with(needle))
                .map(|i| i + 1)
                .unwrap_or(0)
        };
        let texts: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                format!(
                    "line {}, column 19: retention.read_log_months: must be at least 1 (months): the read log must show who opened a dossier (K8)",
                    line_of("read_log_months")
                ),
                format!(
                    "line {}, column 16: retention.upload_hours: must be at least 1 (hours): a file is stored before the step that refers to it, and 0 would remove it in between",
                    line_of("upload_hours")
                ),
                format!(
                    "line {}, column 13: retention.mail_days: 99999 is out of range; expected 1 to 36500 days",
                    line_of("mail_days")
                ),
            ]
        );
        let ok = template_with(
            "months_after_close = 24",
            "months_after_close = 24\nread_log_months = 6\naccount_log_months = 60\nnotice_days = 1\nmail_days = 7\nupload_hours = 2",
        );
        let p = parse(&ok).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (
                p.retention.read_log_months,
                p.retention.account_log_months,
                p.retention.notice_days,
                p.retention.mail_days,
                p.retention.upload_hours
            ),
            (6, 60, 1, 7, 2)
        );
    }

    const OMBUDSMAN: &str = "\n[[external_bodies]]\nid = \"nationale_ombudsman\"\nkind = \"nationale_ombudsman\"\nname = { nl = \"Nationale ombudsman\", en = \"National Ombudsman\" }\nwebsite = \"https://www.nationaleombudsman.nl\"\nmonths = 12\n";

    #[test]
    fn awb_9_12_external_bodies_are_read_with_their_period() {
        let src = format!(
            "{}{OMBUDSMAN}",
            crate::profile::builtin_source("template").unwrap_or_default()
        );
        let p = parse(&src).unwrap_or_else(|e| panic!("{e:?}"));
        let b = p
            .external_body("nationale_ombudsman")
            .unwrap_or_else(|| panic!("the body"));
        assert_eq!(b.months, 12);
        assert_eq!(b.from, crate::profile::PeriodFrom::Decision);
        assert_eq!(
            b.until(
                jiff::civil::date(2026, 3, 31),
                jiff::civil::date(2026, 1, 5)
            ),
            jiff::civil::date(2027, 3, 31)
        );
        let template = builtin("template").unwrap_or_else(|| panic!("template"));
        assert!(template.external_bodies.is_empty());
    }

    #[test]
    fn awb_9_12_profile_check_explains_a_bad_external_body_at_its_line() {
        let base = crate::profile::builtin_source("template").unwrap_or_default();
        let bad = OMBUDSMAN
            .replace("months = 12", "months = 0")
            .replace("https://www.", "www.");
        let src = format!("{base}{bad}{bad}");
        let errs = errors_of(&src);
        let texts: Vec<String> = errs.iter().map(ToString::to_string).collect();
        let line_of = |needle: &str| {
            src.lines()
                .position(|l| l.starts_with(needle))
                .map(|i| i + 1)
                .unwrap_or(0)
        };
        let first_website = line_of("website = \"www.");
        assert!(
            texts.contains(&format!(
                "line {first_website}, column 11: external_bodies[0].website: \"www.nationaleombudsman.nl\" is not a web address; expected one starting with https://"
            )),
            "{texts:#?}"
        );
        assert!(
            texts.contains(&format!(
                "line {}, column 10: external_bodies[0].months: 0 is out of range; expected 1 to 120 months",
                line_of("months = 0")
            )),
            "{texts:#?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t
                    .contains("external_bodies[1].id: id \"nationale_ombudsman\" is used twice")),
            "{texts:#?}"
        );
        let unknown = format!(
            "{base}{}",
            OMBUDSMAN.replace("kind = \"nationale_ombudsman\"", "kind = \"ombudsvrouw\"")
        );
        let errs = errors_of(&unknown);
        assert!(
            errs.iter()
                .any(|e| e.path == "external_bodies[0]" && e.message.contains("ombudsvrouw")),
            "{errs:#?}"
        );
    }

    #[test]
    fn nothing_panics_on_garbage() {
        for src in [
            "",
            "\u{0}",
            "[[deadlines]]\n[[deadlines]]",
            "deadlines = 3",
            "adopted_on = 2025-13-45",
            "name = [1,2]",
        ] {
            let _ = errors_of(src);
        }
    }
}
