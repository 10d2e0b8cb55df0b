//! K4 for the texts written in code rather than in the Fluent catalogue: every Dutch text of
//! klacht-core and klacht-app that addresses the reader with "u"/"uw" has a version that says
//! "je" (a refusal's or error's `.je(…)`, a `…_JE` constant, or an `if informal` arm beside it),
//! and no "je" version says "u". The texts are read from the sources, as the i18n check reads
//! the catalogue: a new refusal that says "u" without its "je" fails here.

use std::path::{Path, PathBuf};

/// Files whose "u" texts are not for a reader under the regulation's voice: examples and test
/// data, not said to anyone by a page or a message.
const NOT_SAID: &[&str] = &["demo.rs", "bench.rs", "tests.rs", "settings.rs"];

/// How far (in characters of source) after a "u" text its "je" version may stand; an
/// `if informal` arm may stand anywhere before it in the same function.
const AFTER: usize = 700;

/// One string literal in a source file: its text and where it starts and ends.
struct Literal {
    text: String,
    start: usize,
    end: usize,
}

/// The words of `text` that address the reader formally (as the web tests count them).
fn formal_words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '+')
        .filter(|w| matches!(*w, "u" | "U" | "uw" | "Uw" | "uzelf" | "Uzelf"))
        .collect()
}

/// The string literals of `src` outside comments, with `\u{…}` escapes left out.
fn literals(src: &str) -> Vec<Literal> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            // A character literal ('"', '\'', 'x'): not the start of a string.
            b'\'' if b.get(i + 2) == Some(&b'\'') => i += 3,
            b'\'' if b.get(i + 1) == Some(&b'\\') && b.get(i + 3) == Some(&b'\'') => i += 4,
            b'"' => {
                let start = i;
                i += 1;
                let mut text = String::new();
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                text.push_str(&src[start + 1..i.min(b.len())]);
                let text = strip_unicode_escapes(&text);
                out.push(Literal {
                    text,
                    start,
                    end: i,
                });
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

fn strip_unicode_escapes(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find("\\u{") {
        out.push_str(&rest[..at]);
        rest = rest[at..].find('}').map_or("", |end| &rest[at + end + 1..]);
    }
    out.push_str(rest);
    out
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "tests") {
                sources(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs")
            && !NOT_SAID.iter().any(|n| path.ends_with(n))
        {
            out.push(path);
        }
    }
}

/// The text of the `.je(…)` call starting at `at` (after its opening parenthesis), to its
/// closing one.
fn call_at(src: &str, at: usize) -> &str {
    enclosed(src, at, '(', ')')
}

/// The text from `at` (after an `open`) to the `close` that ends it.
fn enclosed(src: &str, at: usize, open: char, close: char) -> &str {
    let mut depth = 1;
    for (i, c) in src[at..].char_indices() {
        match c {
            c if c == open => depth += 1,
            c if c == close => {
                depth -= 1;
                if depth == 0 {
                    return &src[at..at + i];
                }
            }
            _ => {}
        }
    }
    &src[at..]
}

#[test]
fn k4_every_text_in_code_that_says_u_has_a_je_version_that_does_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    sources(&root.join("klacht-core/src"), &mut files);
    sources(&root.join("klacht-app/src"), &mut files);
    files.sort();
    let mut missing = Vec::new();
    let mut formal_je = Vec::new();
    let mut je_versions = 0;
    for path in &files {
        let full = std::fs::read_to_string(path).unwrap();
        // Tests say what they like.
        let src = full.split("#[cfg(test)]").next().unwrap_or_default();
        let name = path
            .strip_prefix(&root)
            .unwrap_or(path)
            .display()
            .to_string();
        // Every "je" version: its texts say no "u".
        let mut from = 0;
        while let Some(at) = src[from..].find(".je(") {
            let call = call_at(src, from + at + 4);
            for l in literals(call) {
                je_versions += 1;
                if !formal_words(&l.text).is_empty() {
                    formal_je.push(format!("{name}: {}", l.text));
                }
            }
            from += at + 4;
        }
        for l in literals(src) {
            if formal_words(&l.text).is_empty() || !l.text.contains(' ') {
                continue;
            }
            let after = &src[l.end..src.len().min(l.end + AFTER)];
            let before = &src[..l.start];
            let function = ["\nfn ", "\npub fn ", "\npub(crate) fn ", "\n    fn "]
                .iter()
                .filter_map(|f| before.rfind(f))
                .max()
                .unwrap_or(0);
            let before = &before[function..];
            let answered = after.contains(".je(")
                || after.contains("_JE")
                || before.contains(" if informal")
                || before.contains("if profile.texts.informal");
            if !answered {
                missing.push(format!("{name}: {}", l.text));
            }
        }
        // An `if informal` arm or a `_JE` constant says no "u" either.
        for marker in [
            " if informal => (",
            " if informal && lang == Lang::Nl {",
            "_JE: &str = ",
        ] {
            let mut from = 0;
            while let Some(at) = src[from..].find(marker) {
                let start = from + at + marker.len();
                let arm = match marker.chars().last() {
                    Some('(') => enclosed(src, start, '(', ')'),
                    Some('{') => enclosed(src, start, '{', '}'),
                    _ => &src[start..src[start..].find(';').map_or(src.len(), |e| start + e)],
                };
                for l in literals(arm) {
                    je_versions += 1;
                    if !formal_words(&l.text).is_empty() {
                        formal_je.push(format!("{name}: {}", l.text));
                    }
                }
                from = start;
            }
        }
    }
    assert_eq!(
        missing,
        Vec::<String>::new(),
        "texts saying \"u\" without a \"je\" version"
    );
    assert_eq!(
        formal_je,
        Vec::<String>::new(),
        "\"je\" versions that say \"u\""
    );
    // The check read the texts it is about (the refusals, the messages, the staff e-mails).
    assert!(je_versions >= 30, "only {je_versions} \"je\" texts found");
}
