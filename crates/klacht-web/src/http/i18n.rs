//! Every visible string of the web pages, in Dutch and English: one catalogue of Fluent messages,
//! `locales/{nl,en}/*.ftl` in this crate, read into the binary when it is built. Adding a
//! language is adding a directory of `.ftl` files with the same keys (a test holds every
//! language to the same keys).
//!
//! [`tr`] gives a message without values; a message with values (`{ $date }`) is a [`Tmpl`],
//! filled in with [`fill`]. What is filled in is plain text (the template escapes the result).
//! The public site reads its strings through typed structs ([`Ui`] here, the form's and the
//! status page's own), so a page names only fields that exist.

use klacht_core::Lang;
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
pub fn text_problem(lang: Lang, p: klacht_core::input::TextProblem) -> &'static str {
    use klacht_core::input::TextProblem;
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

/// The strings of the public site in one language.
#[derive(Debug)]
pub struct Ui {
    // --- Layout: header, skip link, footer ----------------------------------------------------
    /// The link past the header to the page's content.
    pub skip_link: &'static str,
    /// Accessible name of the language switch's navigation landmark.
    pub language_nav: &'static str,
    /// Accessible name of the footer's navigation.
    pub footer_nav: &'static str,
    /// Footer heading above the organisation's contact details.
    pub footer_contact: &'static str,
    pub footer_form: &'static str,
    pub footer_regulation: &'static str,
    pub footer_leaflet: &'static str,
    /// Labels of the organisation's contact details.
    pub contact_email: &'static str,
    pub contact_phone: &'static str,
    pub contact_address: &'static str,
    pub contact_website: &'static str,

    // --- Errors (GOV.UK / NL Design System pattern) -------------------------------------------
    /// Heading of the error summary.
    pub error_summary_title: &'static str,
    /// Before every field error, for screen readers ("Fout:").
    pub error_prefix: &'static str,
    /// Before the page title when the page shows errors ("Fout: ").
    pub error_title_prefix: &'static str,
    /// A page that could not be rendered.
    pub error_page_title: &'static str,
    pub error_page_text: &'static str,
    pub error_page_home: &'static str,
    /// A posted form that could not be read (not text, or too large): nothing was stored.
    pub bad_form_title: &'static str,
    pub bad_form_text: &'static str,
    /// The database cannot take the request now (503): nothing was stored.
    pub unavailable_title: &'static str,
    pub unavailable_text: &'static str,

    // --- Form page (`GET /`) --------------------------------------------------------------------
    pub form_title: &'static str,
    /// Above the form when the complaint could not be stored though nothing in it was wrong.
    pub form_not_stored: &'static str,
    /// "Read how we deal with complaints in our …" — the link text follows.
    pub form_regulation_before: &'static str,
    pub form_regulation_link: &'static str,
    pub other_ways_heading: &'static str,
    pub other_ways_intro: &'static str,
    pub form_heading: &'static str,
    pub form_required_note: &'static str,
    pub required: &'static str,
    pub optional: &'static str,
    pub section_details: &'static str,
    pub section_complaint: &'static str,
    pub name_label: &'static str,
    pub name_hint: &'static str,
    pub contact_legend: &'static str,
    pub contact_hint: &'static str,
    pub email_label: &'static str,
    pub phone_label: &'static str,
    pub address_label: &'static str,
    pub address_hint: &'static str,
    pub relation_label: &'static str,
    pub relation_choose: &'static str,
    pub behalf_legend: &'static str,
    pub behalf_hint: &'static str,
    pub on_behalf_of_label: &'static str,
    pub date_of_birth_label: &'static str,
    pub date_of_birth_hint: &'static str,
    pub description_label: &'static str,
    pub description_hint: &'static str,
    pub attachments_label: &'static str,
    pub attachments_hint: &'static str,
    /// `{files}` and `{size}` ("10 MB").
    pub attachments_limits: Tmpl,
    pub kept_title: &'static str,
    pub kept_hint: &'static str,
    pub kept_remove: &'static str,
    pub privacy_heading: &'static str,
    pub privacy_accepted_label: &'static str,
    pub honeypot_label: &'static str,
    pub submit: &'static str,

    // --- Regulation page (`GET /klachtenregeling`) ---------------------------------------------
    /// `{date}`.
    pub adopted_on: Tmpl,
    /// `{version}`.
    pub version: Tmpl,
    pub print_hint: &'static str,
    pub regulation_more_heading: &'static str,
    pub regulation_to_form: &'static str,
    pub regulation_to_leaflet: &'static str,

    // --- Leaflet (`GET /klachtenregeling/folder`) ----------------------------------------------
    pub leaflet_title: &'static str,
    pub leaflet_heading: &'static str,
    /// `{organisation}`.
    pub leaflet_has_regulation: Tmpl,
    pub leaflet_free: &'static str,
    pub leaflet_how: &'static str,
    pub leaflet_scan: &'static str,
    pub leaflet_regulation: &'static str,
    pub leaflet_print_hint: &'static str,
    /// Accessible name of the QR code; the URL follows.
    pub qr_label: &'static str,
}

/// The texts in `lang`, from the catalogue (`locales/*/site.ftl`).
fn load(lang: Lang) -> Ui {
    Ui {
        skip_link: tr(lang, "site-skip-link"),
        language_nav: tr(lang, "site-language-nav"),
        footer_nav: tr(lang, "site-footer-nav"),
        footer_contact: tr(lang, "site-footer-contact"),
        footer_form: tr(lang, "site-footer-form"),
        footer_regulation: tr(lang, "site-footer-regulation"),
        footer_leaflet: tr(lang, "site-footer-leaflet"),
        contact_email: tr(lang, "site-contact-email"),
        contact_phone: tr(lang, "site-contact-phone"),
        contact_address: tr(lang, "site-contact-address"),
        contact_website: tr(lang, "site-contact-website"),
        error_summary_title: tr(lang, "site-error-summary-title"),
        error_prefix: tr(lang, "site-error-prefix"),
        error_title_prefix: tr(lang, "site-error-title-prefix"),
        error_page_title: tr(lang, "site-error-page-title"),
        error_page_text: tr(lang, "site-error-page-text"),
        error_page_home: tr(lang, "site-error-page-home"),
        bad_form_title: tr(lang, "site-bad-form-title"),
        bad_form_text: tr(lang, "site-bad-form-text"),
        unavailable_title: tr(lang, "site-unavailable-title"),
        unavailable_text: tr(lang, "site-unavailable-text"),
        form_title: tr(lang, "site-form-title"),
        form_not_stored: tr(lang, "site-form-not-stored"),
        form_regulation_before: tr(lang, "site-form-regulation-before"),
        form_regulation_link: tr(lang, "site-form-regulation-link"),
        other_ways_heading: tr(lang, "site-other-ways-heading"),
        other_ways_intro: tr(lang, "site-other-ways-intro"),
        form_heading: tr(lang, "site-form-heading"),
        form_required_note: tr(lang, "site-form-required-note"),
        required: tr(lang, "site-required"),
        optional: tr(lang, "site-optional"),
        section_details: tr(lang, "site-section-details"),
        section_complaint: tr(lang, "site-section-complaint"),
        name_label: tr(lang, "site-name-label"),
        name_hint: tr(lang, "site-name-hint"),
        contact_legend: tr(lang, "site-contact-legend"),
        contact_hint: tr(lang, "site-contact-hint"),
        email_label: tr(lang, "site-email-label"),
        phone_label: tr(lang, "site-phone-label"),
        address_label: tr(lang, "site-address-label"),
        address_hint: tr(lang, "site-address-hint"),
        relation_label: tr(lang, "site-relation-label"),
        relation_choose: tr(lang, "site-relation-choose"),
        behalf_legend: tr(lang, "site-behalf-legend"),
        behalf_hint: tr(lang, "site-behalf-hint"),
        on_behalf_of_label: tr(lang, "site-on-behalf-of-label"),
        date_of_birth_label: tr(lang, "site-date-of-birth-label"),
        date_of_birth_hint: tr(lang, "site-date-of-birth-hint"),
        description_label: tr(lang, "site-description-label"),
        description_hint: tr(lang, "site-description-hint"),
        attachments_label: tr(lang, "site-attachments-label"),
        attachments_hint: tr(lang, "site-attachments-hint"),
        attachments_limits: tmpl(lang, "site-attachments-limits"),
        kept_title: tr(lang, "site-kept-title"),
        kept_hint: tr(lang, "site-kept-hint"),
        kept_remove: tr(lang, "site-kept-remove"),
        privacy_heading: tr(lang, "site-privacy-heading"),
        privacy_accepted_label: tr(lang, "site-privacy-accepted-label"),
        honeypot_label: tr(lang, "site-honeypot-label"),
        submit: tr(lang, "site-submit"),
        adopted_on: tmpl(lang, "site-adopted-on"),
        version: tmpl(lang, "site-version"),
        print_hint: tr(lang, "site-print-hint"),
        regulation_more_heading: tr(lang, "site-regulation-more-heading"),
        regulation_to_form: tr(lang, "site-regulation-to-form"),
        regulation_to_leaflet: tr(lang, "site-regulation-to-leaflet"),
        leaflet_title: tr(lang, "site-leaflet-title"),
        leaflet_heading: tr(lang, "site-leaflet-heading"),
        leaflet_has_regulation: tmpl(lang, "site-leaflet-has-regulation"),
        leaflet_free: tr(lang, "site-leaflet-free"),
        leaflet_how: tr(lang, "site-leaflet-how"),
        leaflet_scan: tr(lang, "site-leaflet-scan"),
        leaflet_regulation: tr(lang, "site-leaflet-regulation"),
        leaflet_print_hint: tr(lang, "site-leaflet-print-hint"),
        qr_label: tr(lang, "site-qr-label"),
    }
}

pub static NL: LazyLock<Ui> = LazyLock::new(|| load(Lang::Nl));
pub static EN: LazyLock<Ui> = LazyLock::new(|| load(Lang::En));

/// The strings for `lang`.
pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// A file size as people read it: "120 kB", "1,5 MB" / "1.5 MB".
pub fn file_size(bytes: u64, lang: Lang) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    let (whole, tenths, unit) = if bytes >= MB {
        (bytes / MB, (bytes % MB) * 10 / MB, "MB")
    } else if bytes >= KB {
        (bytes / KB, 0, "kB")
    } else if bytes == 0 {
        (0, 0, "kB")
    } else {
        // Anything under a kilobyte reads as 1 kB: nobody needs bytes.
        (1, 0, "kB")
    };
    if tenths == 0 {
        format!("{whole} {unit}")
    } else {
        let sep = match lang {
            Lang::Nl => ',',
            Lang::En => '.',
        };
        format!("{whole}{sep}{tenths} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(file_size(10 * 1024 * 1024, Lang::Nl), "10 MB");
        assert_eq!(file_size(120 * 1024 + 7, Lang::Nl), "120 kB");
        assert_eq!(file_size(1536 * 1024, Lang::Nl), "1,5 MB");
        assert_eq!(file_size(1536 * 1024, Lang::En), "1.5 MB");
        assert_eq!(file_size(5, Lang::En), "1 kB");
    }

    #[test]
    fn a_number_chooses_the_plural() {
        let overdue = |lang, n| tr_count(lang, "dashboard-urgency-overdue", "days", n);
        assert_eq!(overdue(Lang::Nl, 1), "te laat: 1 werkdag");
        assert_eq!(overdue(Lang::Nl, 3), "te laat: 3 werkdagen");
        assert_eq!(overdue(Lang::En, 1), "overdue: 1 working day");
        assert_eq!(overdue(Lang::En, 12), "overdue: 12 working days");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill(
                ui(Lang::Nl).attachments_limits,
                &[("files", "5"), ("size", "10 MB")]
            ),
            "U kunt maximaal 5 bestanden van elk maximaal 10 MB toevoegen."
        );
    }
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
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(root().join(lang.code())).unwrap() {
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
                } else if line.starts_with(' ')
                    && let Some(key) = &current
                {
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
        let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut missing = Vec::new();
        let mut used = 0;
        let mut stack = vec![crate_dir.join("src"), crate_dir.join("templates")];
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
