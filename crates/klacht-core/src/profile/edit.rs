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
}
