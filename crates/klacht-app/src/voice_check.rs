//! K4 for the texts written in code rather than in the Fluent catalogue: every Dutch text of
//! klacht-core and klacht-app that addresses the reader with "u"/"uw" has a version that says
//! "je" (a refusal's or error's `.je(…)`, a `…_JE` constant, or an `if informal` arm beside it),
//! and no "je" version says "u". The sources are parsed with `syn`; per function (with its
//! closures), and per file for the constants outside functions, at least as many texts say "je"
//! as say "u", unless the function chooses by `informal` itself. A new refusal that says "u"
//! without its "je" fails here, as the i18n check fails a catalogue message without one.

use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};

/// Files whose "u" texts are not for a reader under the regulation's voice: examples and test
/// data, not said to anyone by a page or a message.
const NOT_SAID: &[&str] = &["demo.rs", "bench.rs", "tests.rs", "settings.rs"];

/// Whether `text` addresses the reader formally ("u", "uw", "uzelf"), and whether informally
/// ("je", "jij", "jou", "jouw", "jezelf").
fn says(text: &str) -> (bool, bool) {
    let words = || text.split(|c: char| !c.is_alphanumeric() && c != '+');
    let u = words().any(|w| matches!(w, "u" | "U" | "uw" | "Uw" | "uzelf" | "Uzelf"));
    let je = words().any(|w| {
        let w = w.to_lowercase();
        matches!(&*w, "je" | "jij" | "jou" | "jouw" | "jezelf")
    });
    (u, je)
}

/// The texts of one function (with its closures), or of a file's items outside functions (its
/// constants): a text that says "u" has its "je" version in the same unit.
#[derive(Default)]
struct Unit {
    name: String,
    texts: Vec<String>,
    informal: bool,
}

#[derive(Default)]
struct Texts {
    current: Unit,
    done: Vec<Unit>,
}

impl Texts {
    fn function(&mut self, name: String, walk: impl FnOnce(&mut Self)) {
        let outer = std::mem::replace(
            &mut self.current,
            Unit {
                name,
                ..Unit::default()
            },
        );
        walk(self);
        let unit = std::mem::replace(&mut self.current, outer);
        self.done.push(unit);
    }

    /// The string literals among a macro's tokens (`format!`, `vec!`, …), and its `informal`.
    fn tokens(&mut self, tokens: TokenStream) {
        for tree in tokens {
            match tree {
                TokenTree::Literal(lit) => {
                    if let Ok(lit) = syn::parse2::<syn::LitStr>(TokenTree::Literal(lit).into()) {
                        self.current.texts.push(lit.value());
                    }
                }
                TokenTree::Group(group) => self.tokens(group.stream()),
                TokenTree::Ident(ident) => self.current.informal |= ident == "informal",
                TokenTree::Punct(_) => {}
            }
        }
    }
}

/// `#[test]` or `#[cfg(test)]`: tests say what they like.
fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("test")
            || a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test")
    })
}

impl<'ast> Visit<'ast> for Texts {
    // Doc comments (`#[doc = "…"]`) and other attributes are not said to anyone.
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if !is_test(&m.attrs) {
            visit::visit_item_mod(self, m);
        }
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if !is_test(&f.attrs) {
            self.function(f.sig.ident.to_string(), |t| visit::visit_item_fn(t, f));
        }
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !is_test(&f.attrs) {
            self.function(f.sig.ident.to_string(), |t| visit::visit_impl_item_fn(t, f));
        }
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        self.function(f.sig.ident.to_string(), |t| {
            visit::visit_trait_item_fn(t, f)
        });
    }

    fn visit_lit_str(&mut self, lit: &'ast syn::LitStr) {
        self.current.texts.push(lit.value());
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        visit::visit_macro(self, m);
        self.tokens(m.tokens.clone());
    }

    fn visit_ident(&mut self, ident: &'ast proc_macro2::Ident) {
        self.current.informal |= ident == "informal";
    }
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

#[test]
fn k4_every_text_in_code_that_says_u_has_a_je_version_that_does_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    sources(&root.join("klacht-core/src"), &mut files);
    sources(&root.join("klacht-app/src"), &mut files);
    files.sort();
    let mut wrong = Vec::new();
    let mut je_versions = 0;
    for path in &files {
        let file = syn::parse_file(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.strip_prefix(&root).unwrap_or(path).display();
        let mut texts = Texts::default();
        texts.current.name = "(constants)".into();
        texts.visit_file(&file);
        texts.done.push(texts.current);
        for unit in texts.done {
            // Texts, not keys or names: a word or more.
            let said: Vec<_> = unit.texts.iter().filter(|t| t.contains(' ')).collect();
            let formal: Vec<_> = said.iter().filter(|t| says(t).0).collect();
            let je = said.iter().filter(|t| says(t) == (false, true)).count();
            je_versions += je;
            for t in said.iter().filter(|t| says(t) == (true, true)) {
                wrong.push(format!("{name}: {}: says \"je\" and \"u\": {t}", unit.name));
            }
            if formal.len() > je && !unit.informal {
                wrong.push(format!(
                    "{name}: {}: {} texts say \"u\", {je} say \"je\": {formal:?}",
                    unit.name,
                    formal.len()
                ));
            }
        }
    }
    assert_eq!(
        wrong,
        Vec::<String>::new(),
        "texts saying \"u\" without a \"je\" version, or \"je\" and \"u\""
    );
    // The check read the texts it is about (the refusals, the messages, the staff e-mails).
    assert!(je_versions >= 30, "only {je_versions} \"je\" texts found");
}
