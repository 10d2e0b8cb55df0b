//! klacht's texts in every language: one catalogue of Fluent messages, `locales/{nl,en}/*.ftl`
//! in this crate, read into the binary when it is built. The web pages, the staff's notices and
//! their e-mails, and the printed reports all read it. Adding a language is adding a directory
//! of `.ftl` files with the same keys (a test holds every language to the same keys) and its
//! `Lang`.
//!
//! [`tr`] gives a message without values; a message with values (`{ $date }`) is filled in with
//! [`tr_args`] (or kept as a [`Tmpl`] and filled in with [`fill`]). What is filled in is plain
//! text: whoever shows the result escapes it.

use klacht_core::Lang;
use klacht_core::input::TextProblem;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, PoisonError, RwLock};

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "nl",
        // Plain text in, plain text out: no Unicode isolation marks around filled-in values.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

// The Dutch messages that address the reader, with "je" instead of "u", for a regulation that
// says "je" (`texts.informal`, as kjrw's): `locales-informal/nl`, only the messages that differ;
// every other message is the catalogue's.
fluent_templates::static_loader! {
    static INFORMAL = {
        locales: "./locales-informal",
        fallback_language: "nl",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

fn language(lang: Lang) -> LanguageIdentifier {
    match lang {
        Lang::Nl => langid!("nl"),
        Lang::En => langid!("en"),
    }
}

/// Messages already looked up, kept for the life of the process (a fixed set: one per key and
/// language), so a page can hold them as `&'static str`.
static LOOKED_UP: LazyLock<RwLock<HashMap<(Lang, &'static str), &'static str>>> =
    LazyLock::new(|| RwLock::new(HashMap::new()));

/// The message `key` in `lang`. A key the catalogue lacks reads as the key itself (the test
/// `every_key_in_every_language` keeps that from happening).
pub fn tr(lang: Lang, key: &'static str) -> &'static str {
    if let Some(text) = LOOKED_UP
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&(lang, key))
    {
        return text;
    }
    let text = LOCALES.try_lookup(&language(lang), key);
    let mut cache = LOOKED_UP.write().unwrap_or_else(PoisonError::into_inner);
    cache.entry((lang, key)).or_insert_with(|| match text {
        Some(text) => Box::leak(text.into_boxed_str()),
        None => key,
    })
}

/// Informal messages already looked up (see [`LOOKED_UP`]).
static LOOKED_UP_INFORMAL: LazyLock<RwLock<HashMap<&'static str, &'static str>>> =
    LazyLock::new(|| RwLock::new(HashMap::new()));

/// The message `key` in `lang`, addressing the reader with "je" where `informal` and the
/// message is Dutch and has an informal version ([`INFORMAL`]); else as [`tr`].
pub fn tr_voiced(lang: Lang, informal: bool, key: &'static str) -> &'static str {
    if !informal || lang != Lang::Nl {
        return tr(lang, key);
    }
    if let Some(text) = LOOKED_UP_INFORMAL
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(key)
    {
        return text;
    }
    let Some(text) = INFORMAL.try_lookup(&language(lang), key) else {
        return tr(lang, key);
    };
    let mut cache = LOOKED_UP_INFORMAL
        .write()
        .unwrap_or_else(PoisonError::into_inner);
    cache
        .entry(key)
        .or_insert_with(|| Box::leak(text.into_boxed_str()))
}

/// [`tr_args`], addressing the reader with "je" where `informal` (see [`tr_voiced`]).
pub fn tr_args_voiced(lang: Lang, informal: bool, key: &str, values: &[(&str, &str)]) -> String {
    if informal && lang == Lang::Nl {
        let args = arguments(values);
        if let Some(text) = INFORMAL.try_lookup_with_args(&language(lang), key, &args) {
            return text;
        }
    }
    tr_args(lang, key, values)
}

/// [`tr_count`], addressing the reader with "je" where `informal` (see [`tr_voiced`]).
pub fn tr_count_voiced(
    lang: Lang,
    informal: bool,
    key: &str,
    name: &'static str,
    n: i64,
) -> String {
    if informal && lang == Lang::Nl {
        let args: HashMap<Cow<'static, str>, FluentValue> =
            HashMap::from([(Cow::Borrowed(name), FluentValue::from(n))]);
        if let Some(text) = INFORMAL.try_lookup_with_args(&language(lang), key, &args) {
            return text;
        }
    }
    tr_count(lang, key, name, n)
}

/// [`fill`], addressing the reader with "je" where `informal` (see [`tr_voiced`]).
pub fn fill_voiced(template: Tmpl, informal: bool, values: &[(&str, &str)]) -> String {
    tr_args_voiced(template.lang, informal, template.key, values)
}

fn arguments(values: &[(&str, &str)]) -> HashMap<Cow<'static, str>, FluentValue<'static>> {
    values
        .iter()
        .map(|(name, value)| {
            (
                Cow::Owned((*name).to_owned()),
                FluentValue::from((*value).to_owned()),
            )
        })
        .collect()
}

/// The message `key` in `lang` with its values (`{ $name }`) filled in.
pub fn tr_args(lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = values
        .iter()
        .map(|(name, value)| {
            (
                Cow::Owned((*name).to_owned()),
                FluentValue::from((*value).to_owned()),
            )
        })
        .collect();
    LOCALES
        .try_lookup_with_args(&language(lang), key, &args)
        .unwrap_or_else(|| key.to_owned())
}

/// The message `key` in `lang` with the number `name` = `n`, by which a message may choose its
/// plural (`{ $days -> [one] … *[other] … }`).
pub fn tr_count(lang: Lang, key: &str, name: &'static str, n: i64) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> =
        HashMap::from([(Cow::Borrowed(name), FluentValue::from(n))]);
    LOCALES
        .try_lookup_with_args(&language(lang), key, &args)
        .unwrap_or_else(|| key.to_owned())
}

/// What is wrong with a typed text, as a sentence without its full stop.
pub fn text_problem(lang: Lang, p: TextProblem) -> &'static str {
    tr(
        lang,
        match p {
            TextProblem::ControlCharacter => "text-problem-control",
            TextProblem::DirectionOverride => "text-problem-direction",
            TextProblem::NothingVisible => "text-problem-invisible",
        },
    )
}

/// A message with values still to fill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tmpl {
    lang: Lang,
    key: &'static str,
}

/// The message `key` in `lang`, to be filled in with [`fill`].
pub fn tmpl(lang: Lang, key: &'static str) -> Tmpl {
    Tmpl { lang, key }
}

/// `template` with every `{ $name }` replaced by its value.
pub fn fill(template: Tmpl, values: &[(&str, &str)]) -> String {
    tr_args(template.lang, template.key, values)
}

/// The catalogue itself: every language has the same keys, every key reads, and no text is left
/// untranslated.
#[cfg(test)]
mod catalogue {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    const LANGS: [Lang; 2] = [Lang::Nl, Lang::En];

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
    }

    /// Per file, its keys with their source text, for one language directory.
    fn keys(lang: Lang) -> BTreeMap<String, BTreeMap<String, String>> {
        keys_in(&root().join(lang.code()))
    }

    /// Per file, its keys with their source text (a message over several lines whole), for the
    /// directory `dir`.
    fn keys_in(dir: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(name.ends_with(".ftl"), "only .ftl files in locales: {name}");
            let text = std::fs::read_to_string(&path).unwrap();
            let mut keys = BTreeMap::new();
            let mut current: Option<String> = None;
            for line in text.lines() {
                if let Some((key, value)) = line.split_once(" =")
                    && !line.starts_with([' ', '#'])
                {
                    assert!(
                        !key.is_empty()
                            && key
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                        "{name}: a key is lowercase words joined by '-': {key}"
                    );
                    assert!(
                        keys.insert(key.to_owned(), value.trim().to_owned())
                            .is_none(),
                        "{name}: {key} twice"
                    );
                    current = Some(key.to_owned());
                } else if (line.starts_with(' ') || line.is_empty())
                    && let Some(key) = &current
                {
                    // A blank line inside a message (between its paragraphs) belongs to it.
                    let v = keys.get_mut(key).unwrap();
                    v.push('\n');
                    v.push_str(line.trim());
                } else {
                    current = None;
                }
            }
            files.insert(name, keys);
        }
        files
    }

    #[test]
    fn every_key_in_every_language() {
        let nl = keys(Lang::Nl);
        for lang in LANGS {
            let other = keys(lang);
            assert_eq!(
                other.keys().collect::<Vec<_>>(),
                nl.keys().collect::<Vec<_>>(),
                "{}: the same files as nl",
                lang.code()
            );
            for (file, keys) in &nl {
                let theirs: BTreeSet<&String> = other[file].keys().collect();
                let ours: BTreeSet<&String> = keys.keys().collect();
                assert_eq!(
                    theirs.symmetric_difference(&ours).collect::<Vec<_>>(),
                    Vec::<&&String>::new(),
                    "{}/{file}: keys only one of nl and {} has",
                    lang.code(),
                    lang.code()
                );
                for (key, text) in &other[file] {
                    // Every message parses and reads in every language, without falling back,
                    // given the values it names.
                    let args: HashMap<String, FluentValue> = text
                        .split("{ $")
                        .skip(1)
                        .filter_map(|rest| rest.split_once(' '))
                        .map(|(name, _)| (name.to_owned(), FluentValue::from("x")))
                        .collect();
                    let read = LOCALES.lookup_single_language(&language(lang), key, Some(&args));
                    assert!(
                        read.is_ok(),
                        "{}: {key} does not read: {read:?}",
                        lang.code()
                    );
                }
            }
        }
        assert!(nl.values().map(BTreeMap::len).sum::<usize>() > 100);
    }

    /// The informal Dutch messages (kjrw's "je"): each is a message of the catalogue with the
    /// same values, reads, and says "je", never "u" or "uw"; and the Dutch messages that say "u"
    /// of the pages that follow the regulation's voice (the public site, the back office and its
    /// set-up, the staff's notices, the annual report's publication) all have one.
    #[test]
    fn every_informal_message_replaces_one_and_says_je() {
        let files = keys(Lang::Nl);
        let nl: BTreeMap<String, String> = files
            .values()
            .flat_map(|keys| keys.iter().map(|(k, t)| (k.clone(), t.clone())))
            .collect();
        let says_u = |text: &str| {
            text.split(|c: char| !c.is_alphanumeric() && c != '+')
                .any(|w| matches!(w, "u" | "U" | "uw" | "Uw" | "uzelf" | "Uzelf"))
        };
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales-informal/nl");
        let mut informal = BTreeSet::new();
        for (file, messages) in keys_in(&dir) {
            assert!(
                files.contains_key(&file),
                "{file}: not a file of locales/nl"
            );
            for (key, text) in messages {
                let formal = nl
                    .get(&key)
                    .unwrap_or_else(|| panic!("{key}: not a message of locales/nl"));
                let values = |t: &str| -> BTreeSet<String> {
                    t.split("{ $")
                        .skip(1)
                        .filter_map(|r| r.split_once(' ').map(|(n, _)| n.to_owned()))
                        .collect()
                };
                assert_eq!(values(&text), values(formal), "{key}: the same values");
                // The same selectors, with the same variants.
                let variants = |t: &str| -> Vec<String> {
                    t.lines()
                        .map(str::trim)
                        .filter(|l| l.starts_with('[') || l.starts_with("*["))
                        .filter_map(|l| l.split_once(']').map(|(v, _)| v.to_owned()))
                        .collect()
                };
                assert_eq!(
                    variants(&text),
                    variants(formal),
                    "{key}: the same variants"
                );
                assert!(!says_u(&text), "{key} says \"u\": {text}");
                let args: HashMap<String, FluentValue> = values(&text)
                    .into_iter()
                    .map(|n| (n, FluentValue::from("x")))
                    .collect();
                assert!(
                    INFORMAL
                        .lookup_single_language(&language(Lang::Nl), &key, Some(&args))
                        .is_ok(),
                    "{key} reads"
                );
                assert!(
                    informal.insert(key.clone()),
                    "{key}: twice in locales-informal"
                );
            }
        }
        // Whole files, and of print.ftl the person's own data ("Uw gegevens", AVG art. 15);
        // its other documents (letters, the registration form) keep their own words.
        let voiced = [
            "site.ftl",
            "submit.ftl",
            "status.ftl",
            "accessibility.ftl",
            "backoffice.ftl",
            "setup.ftl",
            "notices.ftl",
            "publication.ftl",
        ];
        let missing: Vec<String> = files
            .into_iter()
            .flat_map(|(file, keys)| keys.into_iter().map(move |(k, t)| (file.clone(), k, t)))
            .filter(|(file, key, _)| {
                voiced.contains(&file.as_str())
                    || (file == "print.ftl" && key.starts_with("personal-"))
            })
            .filter(|(_, key, text)| says_u(text) && !informal.contains(key))
            .map(|(_, key, _)| key)
            .collect();
        assert_eq!(
            missing,
            Vec::<String>::new(),
            "messages in the regulation's voice without a \"je\" version"
        );
        assert_eq!(
            tr_voiced(Lang::Nl, true, "submit-name-required"),
            "Vul je naam in"
        );
        assert_eq!(
            tr_voiced(Lang::Nl, false, "submit-name-required"),
            "Vul uw naam in"
        );
        assert_eq!(
            tr_voiced(Lang::En, true, "submit-name-required"),
            "Enter your name"
        );
    }

    /// A sentence that is the same in Dutch and English was not translated. A single word or a
    /// name may be the same in both ("Contact", "Website").
    #[test]
    fn no_text_is_left_untranslated() {
        let nl = keys(Lang::Nl);
        let en = keys(Lang::En);
        let mut same = Vec::new();
        for (file, keys) in &nl {
            for (key, value) in keys {
                let words = value
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphabetic));
                if en[file].get(key) == Some(value) && words.count() >= 3 {
                    same.push(format!("{file}: {key} = {value}"));
                }
            }
        }
        assert_eq!(same, Vec::<String>::new());
    }

    /// Every key the code and the templates name is in the catalogue.
    #[test]
    fn every_key_used_exists() {
        let nl: BTreeSet<String> = keys(Lang::Nl)
            .into_values()
            .flat_map(BTreeMap::into_keys)
            .collect();
        let prefixes: BTreeSet<String> = nl
            .iter()
            .filter_map(|k| k.split_once('-').map(|(p, _)| format!("{p}-")))
            .collect();
        // The crates that say something to people: their code and their templates.
        let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut missing = Vec::new();
        let mut used = 0;
        let mut stack: Vec<PathBuf> = ["klacht-web", "klacht-app", "klacht-print"]
            .iter()
            .flat_map(|c| [crates.join(c).join("src"), crates.join(c).join("templates")])
            .filter(|d| d.is_dir())
            .collect();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let pieces: Vec<&str> = text.split('"').collect();
                for (i, literal) in pieces.iter().enumerate().skip(1).step_by(2) {
                    // A key is what `tr(lang, "…")`, `tmpl(…)`, `tr_args(…)` or a template's
                    // `f.t("…")` names.
                    let before = pieces[i - 1].trim_end();
                    let tail: String = before
                        .chars()
                        .rev()
                        .take(30)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    let named = before.ends_with(".t(")
                        || (before.ends_with(',')
                            && ["tr(", "tmpl(", "tr_args("]
                                .iter()
                                .any(|f| tail.contains(f)));
                    let key_like = named
                        && literal.contains('-')
                        && literal
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                    if key_like && prefixes.iter().any(|p| literal.starts_with(p.as_str())) {
                        used += 1;
                        if !nl.contains(*literal) {
                            missing.push(format!("{}: {literal}", path.display()));
                        }
                    }
                }
            }
        }
        assert_eq!(missing, Vec::<String>::new());
        assert!(used > 100, "the code names its texts by key ({used} found)");
    }
}
