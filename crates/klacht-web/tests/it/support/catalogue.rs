//! The texts of the catalogue (`crates/klacht-i18n/locales/{nl,en}/*.ftl`), to check that a page in one language
//! shows none of the other's.

use std::collections::BTreeMap;
use std::path::Path;

/// Per file and key, the text as the .ftl file has it (one-line messages only).
fn texts(lang: &str) -> BTreeMap<(String, String), String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../klacht-i18n/locales")
        .join(lang);
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            if let Some((key, value)) = line.split_once(" = ")
                && !line.starts_with([' ', '#'])
            {
                out.insert((file.clone(), key.to_owned()), value.to_owned());
            }
        }
    }
    out
}

/// The sentences of language `other` (at least three words, different from the other
/// language's, without values filled in or characters a page escapes) that a page in the other
/// language must not show.
pub fn sentences_of(other: &str) -> Vec<String> {
    let mine = texts(if other == "nl" { "en" } else { "nl" });
    let theirs = texts(other);
    let sentences: Vec<String> = theirs
        .into_iter()
        .filter(|(id, text)| mine.get(id) != Some(text))
        .map(|(_, text)| text)
        .filter(|text| {
            text.split_whitespace().count() >= 3
                && !text.contains(['{', '}', '&', '<', '>', '"', '\''])
        })
        .collect();
    assert!(
        sentences.len() > 100,
        "{other}: {} sentences",
        sentences.len()
    );
    sentences
}

/// Fails when `body`, a page in `lang`, shows a sentence of the other language.
pub fn assert_only(lang: &str, path: &str, body: &str) {
    let other = if lang == "nl" { "en" } else { "nl" };
    let found: Vec<String> = sentences_of(other)
        .into_iter()
        .filter(|s| body.contains(s.as_str()))
        .collect();
    assert_eq!(
        found,
        Vec::<String>::new(),
        "{path} in {lang} shows {other} text"
    );
    assert!(
        body.contains(&format!("lang=\"{lang}\"")),
        "{path}: lang=\"{lang}\""
    );
}
