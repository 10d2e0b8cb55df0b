//! Changing a regulation's TOML from a form — the set-up and the settings pages — so that what is
//! stored is still the file an organisation can read: every comment, every blank line and the
//! order of the sections stay where they were; only the values asked for change.
//!
//! The result is checked like any other version (`parse`): an edit never makes a profile that
//! `klacht profile check` would refuse without saying so.

use super::{Organisation, ProfileError};
use jiff::civil::Date;
use toml_edit::visit_mut::VisitMut;
use toml_edit::{DocumentMut, Formatted, Item, Table, value};

/// A regulation's TOML being changed.
#[derive(Debug, Clone)]
pub struct Draft {
    doc: DocumentMut,
}

impl Draft {
    /// Reads a regulation's TOML; a syntax error comes back with its line, as `profile check`
    /// gives it.
    pub fn parse(src: &str) -> Result<Draft, Vec<ProfileError>> {
        src.parse::<DocumentMut>()
            .map(|doc| Draft { doc })
            .map_err(|e| {
                vec![super::load::error_at(
                    src,
                    e.span().unwrap_or(0..0),
                    "",
                    e.message().trim().to_owned(),
                )]
            })
    }

    /// The TOML as it now reads.
    pub fn source(&self) -> String {
        self.doc.to_string()
    }

    /// Whether the file sets a top-level `key`.
    pub fn has(&self, key: &str) -> bool {
        self.doc.contains_key(key)
    }

    /// The version's label (`version = "…"`).
    pub fn set_version(&mut self, label: &str) {
        set_keeping_decor(self.doc.as_table_mut(), "version", value(label));
    }

    /// The date the board adopted this version (`adopted_on`), T16.
    pub fn set_adopted_on(&mut self, date: Date) {
        let date = match date.to_string().parse::<toml_edit::Datetime>() {
            Ok(d) => d,
            // A civil date always reads back as a TOML date.
            Err(_) => return,
        };
        set_keeping_decor(self.doc.as_table_mut(), "adopted_on", value(date));
    }

    /// The organisation's own details. Every place that repeated the details it replaces — a
    /// channel's contact, a text, a letter — gets the new ones, so that no example address is
    /// left behind where the public or a complainant reads it. A detail left out is removed
    /// from `[organisation]`, and a channel whose contact was only that detail loses its
    /// contact.
    pub fn set_organisation(&mut self, new: &Organisation) {
        let old = self.organisation();
        let pairs = [
            (Some(old.name.clone()), Some(new.name.clone())),
            (old.email.clone(), new.email.clone()),
            (old.phone.clone(), new.phone.clone()),
            (old.address.clone(), new.address.clone()),
            (old.website.clone(), new.website.clone()),
        ];
        for (before, after) in pairs {
            let Some(before) = before.filter(|b| !b.trim().is_empty()) else {
                continue;
            };
            match after.filter(|a| !a.trim().is_empty()) {
                Some(after) if after != before => self.replace_everywhere(&before, &after),
                Some(_) => {}
                None => self.drop_contacts_equal_to(&before),
            }
        }
        let table = self.table_mut("organisation");
        for (key, v) in [
            ("name", Some(&new.name)),
            ("email", new.email.as_ref()),
            ("phone", new.phone.as_ref()),
            ("address", new.address.as_ref()),
            ("website", new.website.as_ref()),
        ] {
            match v.filter(|v| !v.trim().is_empty()) {
                Some(v) => set_keeping_decor(table, key, value(v.as_str())),
                None => {
                    table.remove(key);
                }
            }
        }
    }

    /// Replaces `from` by `to` in every text value outside `[organisation]` (channels' contacts,
    /// texts, letters, labels): for a detail written out in a text, such as an example
    /// geschilleninstantie.
    pub fn replace_everywhere(&mut self, from: &str, to: &str) {
        if from.is_empty() {
            return;
        }
        let organisation = self.doc.remove("organisation");
        Replace { from, to }.visit_document_mut(&mut self.doc);
        if let Some(o) = organisation {
            self.doc.insert("organisation", o);
        }
    }

    /// Keeps only the channels whose id is in `keep`, in their order in the file.
    pub fn keep_channels(&mut self, keep: &[&str]) {
        if let Some(channels) = self
            .doc
            .get_mut("channels")
            .and_then(Item::as_array_of_tables_mut)
        {
            channels.retain(|t| {
                t.get("id")
                    .and_then(Item::as_str)
                    .is_some_and(|id| keep.contains(&id))
            });
        }
    }

    /// The ids of the channels, in their order in the file.
    pub fn channels(&self) -> Vec<String> {
        self.doc
            .get("channels")
            .and_then(Item::as_array_of_tables)
            .map(|a| {
                a.iter()
                    .filter_map(|t| t.get("id").and_then(Item::as_str).map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The value at `path` (as `profile check` writes paths: `deadlines[1].working_days`,
    /// `texts.regulation.nl`), as a form shows it; `None` when the file does not set it.
    pub fn get(&self, path: &str) -> Option<Field> {
        get_in_table(self.doc.as_table(), &segments(path)?)
    }

    /// Sets the value at `path`, keeping the comment or spacing around the value that was there;
    /// `Field::Absent` removes the key. Tables on the way are made when missing (in an entry of
    /// a list, inline: a new entry's `label = { nl = "…", en = "…" }`). Returns `false` when the
    /// path cannot be followed (an entry that is not there, a value where a table was expected).
    pub fn set(&mut self, path: &str, field: Field) -> bool {
        match segments(path) {
            Some(segs) => walk_table(self.doc.as_table_mut(), &segs, field, false),
            None => false,
        }
    }

    /// How many entries the array of tables `key` has (`categories`, `deadlines`).
    pub fn count(&self, key: &str) -> usize {
        self.doc
            .get(key)
            .and_then(Item::as_array_of_tables)
            .map_or(0, toml_edit::ArrayOfTables::len)
    }

    /// Adds an entry with `id` at the end of the array of tables `key`, after its last entry;
    /// returns its index.
    pub fn add_entry(&mut self, key: &str, id: &str) -> Option<usize> {
        if !self.doc.contains_key(key) {
            self.doc
                .insert(key, Item::ArrayOfTables(toml_edit::ArrayOfTables::new()));
        }
        let array = self.doc.get_mut(key)?.as_array_of_tables_mut()?;
        let mut t = Table::new();
        t.insert("id", value(id));
        array.push(t);
        Some(array.len() - 1)
    }

    /// Removes entry `index` of the array of tables `key`.
    pub fn remove_entry(&mut self, key: &str, index: usize) -> bool {
        match self.doc.get_mut(key).and_then(Item::as_array_of_tables_mut) {
            Some(a) if index < a.len() => {
                a.remove(index);
                true
            }
            _ => false,
        }
    }

    /// `[organisation]` as the file has it now.
    fn organisation(&self) -> Organisation {
        let get = |k: &str| {
            self.doc
                .get("organisation")
                .and_then(|o| o.get(k))
                .and_then(Item::as_str)
                .map(str::to_owned)
        };
        Organisation {
            name: get("name").unwrap_or_default(),
            email: get("email"),
            phone: get("phone"),
            address: get("address"),
            website: get("website"),
        }
    }

    /// Removes each channel's contact that is exactly `detail`.
    fn drop_contacts_equal_to(&mut self, detail: &str) {
        if let Some(channels) = self
            .doc
            .get_mut("channels")
            .and_then(Item::as_array_of_tables_mut)
        {
            for t in channels.iter_mut() {
                if t.get("contact").and_then(Item::as_str) == Some(detail) {
                    t.remove("contact");
                }
            }
        }
    }

    /// A top-level table, made when the file has none.
    fn table_mut(&mut self, key: &str) -> &mut Table {
        if !self.doc.get(key).is_some_and(Item::is_table) {
            self.doc.insert(key, Item::Table(Table::new()));
        }
        match self.doc.get_mut(key).and_then(Item::as_table_mut) {
            Some(t) => t,
            // Just made a table there.
            None => unreachable!("a table was inserted under {key}"),
        }
    }
}

/// Sets `key` to `item`, keeping the key's comment above it and the spacing around the value
/// that was there.
fn set_keeping_decor(table: &mut Table, key: &str, item: Item) {
    if let Some(old) = table.get_mut(key).and_then(Item::as_value_mut)
        && let Item::Value(mut new) = item.clone()
    {
        *new.decor_mut() = old.decor().clone();
        *old = new;
        return;
    }
    table.insert(key, item);
}

/// A value of a regulation as a form edits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    Text(String),
    Int(i64),
    Bool(bool),
    List(Vec<String>),
    /// Not set: the key is removed.
    Absent,
}

impl Field {
    /// The TOML value; a text of several lines written as the file writes them (`"""`).
    fn into_value(self) -> Option<toml_edit::Value> {
        Some(match self {
            Field::Text(t) if t.contains('\n') => multiline(&t),
            Field::Text(t) => toml_edit::Value::from(t),
            Field::Int(i) => toml_edit::Value::from(i),
            Field::Bool(b) => toml_edit::Value::from(b),
            Field::List(l) => {
                toml_edit::Value::Array(l.into_iter().map(toml_edit::Value::from).collect())
            }
            Field::Absent => return None,
        })
    }
}

/// A text of several lines as a multi-line basic string, the way the built-ins write texts.
fn multiline(text: &str) -> toml_edit::Value {
    let mut out = String::from("\"\"\"\n");
    let mut quotes = 0;
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => {
                quotes += 1;
                if quotes == 3 {
                    out.push_str("\\\"");
                    quotes = 0;
                    continue;
                }
                out.push('"');
                continue;
            }
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
        quotes = 0;
    }
    // A quote right before the closing delimiter would end the string early.
    if quotes > 0 {
        out.pop();
        out.push_str("\\\"");
    }
    out.push_str("\"\"\"");
    out.parse::<toml_edit::Value>()
        .unwrap_or_else(|_| toml_edit::Value::from(text))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Key(String),
    Index(usize),
}

/// `a.b[2].c` as its parts; `None` for a path that is not one.
fn segments(path: &str) -> Option<Vec<Seg>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if key.is_empty() {
            return None;
        }
        out.push(Seg::Key(key.to_owned()));
        while let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            out.push(Seg::Index(r[..end].parse().ok()?));
            rest = &r[end + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

fn get_in_table(t: &Table, segs: &[Seg]) -> Option<Field> {
    match segs {
        [Seg::Key(k)] => field_of(t.get(k)?.as_value()?),
        [Seg::Key(k), rest @ ..] => match t.get(k)? {
            Item::Table(inner) => get_in_table(inner, rest),
            Item::ArrayOfTables(a) => match rest {
                [Seg::Index(i), rest @ ..] => get_in_table(a.get(*i)?, rest),
                _ => None,
            },
            Item::Value(toml_edit::Value::InlineTable(inner)) => get_in_inline(inner, rest),
            _ => None,
        },
        _ => None,
    }
}

fn get_in_inline(t: &toml_edit::InlineTable, segs: &[Seg]) -> Option<Field> {
    match segs {
        [Seg::Key(k)] => field_of(t.get(k)?),
        [Seg::Key(k), rest @ ..] => match t.get(k)? {
            toml_edit::Value::InlineTable(inner) => get_in_inline(inner, rest),
            _ => None,
        },
        _ => None,
    }
}

fn field_of(v: &toml_edit::Value) -> Option<Field> {
    Some(match v {
        toml_edit::Value::String(s) => Field::Text(s.value().clone()),
        toml_edit::Value::Integer(i) => Field::Int(*i.value()),
        toml_edit::Value::Boolean(b) => Field::Bool(*b.value()),
        toml_edit::Value::Array(a) => Field::List(
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        ),
        toml_edit::Value::Datetime(d) => Field::Text(d.value().to_string()),
        _ => return None,
    })
}

fn walk_table(t: &mut Table, segs: &[Seg], field: Field, in_entry: bool) -> bool {
    match segs {
        [Seg::Key(k)] => {
            match field.into_value() {
                Some(v) => set_keeping_decor(t, k, Item::Value(v)),
                None => {
                    t.remove(k);
                }
            }
            true
        }
        [Seg::Key(k), rest @ ..] => {
            if !t.contains_key(k) {
                if matches!(rest.first(), Some(Seg::Index(_))) {
                    return false;
                }
                let fresh = if in_entry {
                    Item::Value(toml_edit::Value::InlineTable(toml_edit::InlineTable::new()))
                } else {
                    Item::Table(Table::new())
                };
                t.insert(k, fresh);
            }
            match t.get_mut(k) {
                Some(Item::Table(inner)) => walk_table(inner, rest, field, in_entry),
                Some(Item::ArrayOfTables(a)) => match rest {
                    [Seg::Index(i), rest @ ..] => match a.get_mut(*i) {
                        Some(entry) => walk_table(entry, rest, field, true),
                        None => false,
                    },
                    _ => false,
                },
                Some(Item::Value(toml_edit::Value::InlineTable(inner))) => {
                    walk_inline(inner, rest, field)
                }
                _ => false,
            }
        }
        _ => false,
    }
}

fn walk_inline(t: &mut toml_edit::InlineTable, segs: &[Seg], field: Field) -> bool {
    match segs {
        [Seg::Key(k)] => {
            match field.into_value() {
                Some(mut v) => {
                    if let Some(old) = t.get(k) {
                        *v.decor_mut() = old.decor().clone();
                    }
                    t.insert(k, v);
                }
                None => {
                    t.remove(k);
                }
            }
            true
        }
        [Seg::Key(k), rest @ ..] => {
            if !t.contains_key(k) {
                t.insert(
                    k,
                    toml_edit::Value::InlineTable(toml_edit::InlineTable::new()),
                );
            }
            match t.get_mut(k) {
                Some(toml_edit::Value::InlineTable(inner)) => walk_inline(inner, rest, field),
                _ => false,
            }
        }
        _ => false,
    }
}

struct Replace<'a> {
    from: &'a str,
    to: &'a str,
}

impl VisitMut for Replace<'_> {
    fn visit_string_mut(&mut self, node: &mut Formatted<String>) {
        if node.value().contains(self.from) {
            let decor = node.decor().clone();
            let mut changed = Formatted::new(node.value().replace(self.from, self.to));
            *changed.decor_mut() = decor;
            *node = changed;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{builtin_source, example_details, parse};
    use jiff::civil::date;

    fn ours() -> Organisation {
        Organisation {
            name: "Stichting De Brug".into(),
            email: Some("klachten@debrug.nl".into()),
            phone: None,
            address: Some("Kade 4, 2311 AA Leiden".into()),
            website: Some("https://www.debrug.nl".into()),
        }
    }

    #[test]
    fn t16_the_set_up_replaces_every_example_detail_and_keeps_the_comments() {
        let src = builtin_source("template").unwrap_or_default();
        let mut d = Draft::parse(src).expect("the template parses");
        d.set_organisation(&ours());
        d.keep_channels(&["web", "email", "letter"]);
        d.set_adopted_on(date(2027, 2, 1));
        d.set_version("2027-1");
        let out = d.source();
        let p = parse(&out).expect("the changed template still parses");
        assert_eq!(p.organisation.name, "Stichting De Brug");
        assert_eq!(p.organisation.phone, None);
        assert_eq!(p.adopted_on, date(2027, 2, 1));
        assert_eq!(p.version, "2027-1");
        let channels: Vec<_> = p.channels.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(channels, ["web", "email", "letter"]);
        let contacts: Vec<_> = p
            .channels
            .iter()
            .filter_map(|c| c.contact.clone())
            .collect();
        assert_eq!(
            contacts,
            [
                "klachten@debrug.nl",
                "Stichting De Brug, t.a.v. de klachtencoördinator, Kade 4, 2311 AA Leiden"
            ]
        );
        assert_eq!(example_details(&p), Vec::<(String, String)>::new());
        // The file is still the organisation's to read: its comments stay.
        assert!(out.contains("# The organisation's own closing days"));
        assert!(out.contains("# T5: \"De klagende relatie krijgt binnen 2 werkdagen"));
        // Also the comment right above a value that changed.
        assert!(out.contains(
            "# \"Deze klachtenregeling is door het bestuur vastgesteld op …\" (T16)\nadopted_on = 2027-02-01\n"
        ));
    }

    #[test]
    fn t16_a_real_organisations_name_written_in_the_texts_is_replaced_too() {
        let src = builtin_source("kjrw").unwrap_or_default();
        let mut d = Draft::parse(src).expect("kjrw parses");
        d.set_organisation(&ours());
        let out = d.source();
        assert!(!out.contains("bestuur.leiden@kjr.w.eu"));
        let p = parse(&out).expect("the changed kjrw still parses");
        assert!(
            p.texts.regulation.nl.contains(
                "door een vrijwilliger van de Stichting De Brug, door of namens de cliënt"
            )
        );
        assert!(
            !p.texts
                .regulation
                .nl
                .contains("Jongerenrechtswinkel Leiden")
        );
        // The comments are the file's, not the public's: they stay as written.
        assert!(out.starts_with(
            "# Klachtenregeling van de Stichting Kinder- en Jongerenrechtswinkel Leiden."
        ));
    }

    #[test]
    fn a_file_that_does_not_parse_says_where() {
        let e = Draft::parse("name = \"x\"\n[organisation\n").expect_err("bad TOML");
        assert_eq!(e[0].line, 2);
    }

    #[test]
    fn t16_a_value_set_from_a_form_changes_that_line_only() {
        let src = builtin_source("template").unwrap_or_default();
        let mut d = Draft::parse(src).expect("the template parses");
        assert_eq!(d.get("deadlines[1].working_days"), Some(Field::Int(5)));
        assert!(d.set("deadlines[1].working_days", Field::Int(7)));
        assert!(d.set("reports.half_year", Field::Bool(false)));
        assert!(d.set("categories[0].label.en", Field::Text("Our service".into())));
        let out = d.source();
        let changed: Vec<_> = src
            .lines()
            .zip(out.lines())
            .filter(|(a, b)| a != b)
            .map(|(_, b)| b)
            .collect();
        assert_eq!(
            changed,
            [
                "working_days = 5".replace('5', "7").as_str(),
                "label = { nl = \"Dienstverlening\", en = \"Our service\" }",
                "half_year = true".replace("true", "false").as_str(),
            ]
        );
        assert_eq!(src.lines().count(), out.lines().count());
        assert!(out.contains("# T5: \"De klagende relatie krijgt binnen 2 werkdagen"));
        let p = parse(&out).expect("still a regulation");
        assert_eq!(p.deadlines[1].working_days, Some(7));
    }

    #[test]
    fn t16_an_entry_is_added_and_removed_and_a_text_kept_multiline() {
        let src = builtin_source("template").unwrap_or_default();
        let mut d = Draft::parse(src).expect("the template parses");
        let n = d.count("categories");
        assert_eq!(d.add_entry("categories", "housing"), Some(n));
        assert!(d.set(
            &format!("categories[{n}].label.nl"),
            Field::Text("Huisvesting".into())
        ));
        assert!(d.set(
            &format!("categories[{n}].label.en"),
            Field::Text("Housing".into())
        ));
        assert!(d.remove_entry("categories", 0));
        let tricky = "Line \"one\" \\ \"\"\"three\"\"\".\nLine two.\n";
        assert!(d.set("texts.privacy.en", Field::Text(tricky.into())));
        assert!(!d.set("categories[99].label.nl", Field::Text("x".into())));
        let out = d.source();
        let p = parse(&out).expect("still a regulation");
        let ids: Vec<_> = p.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.first(), Some(&"communication"));
        assert_eq!(ids.last(), Some(&"housing"));
        assert_eq!(
            p.categories.last().and_then(|c| c.label.en.clone()),
            Some("Housing".to_owned())
        );
        assert_eq!(p.texts.privacy.en.as_deref(), Some(tricky));
        assert!(out.contains("privacy.en = \"\"\"\nLine \"one\""));
        assert!(out.contains("# The organisation's own closing days"));
    }
}
