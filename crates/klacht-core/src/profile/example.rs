//! The built-ins `template`, `awb` and `wkkgz` hold example organisations ("Stichting
//! Voorbeeld", "Gemeente Voorbeeld", "Zorggroep Voorbeeld"), and `wkkgz` an example
//! geschilleninstantie in its texts: a profile that still holds one of their names, addresses or
//! contact details shows them on every public page and in every letter. This says where, so that
//! `klacht profile check` can warn before that happens. (`kjrw` is a real organisation's.)

use super::Profile;
use crate::types::Localized;

/// The built-ins whose organisation is an example.
const EXAMPLE_BUILTINS: [&str; 3] = ["template", "awb", "wkkgz"];

/// Example details that stand in the texts themselves rather than in `[organisation]`: the
/// geschilleninstantie of `wkkgz`, which every care provider names for itself (Wkkgz art. 18).
const EXAMPLE_TEXTS: [&str; 2] = [
    "Geschilleninstantie Voorbeeld",
    "www.geschilleninstantie-voorbeeld.nl",
];

/// Every example detail of the built-ins: each example organisation's name, addresses and
/// contact details, also as its channels repeat them.
fn examples() -> Vec<String> {
    let mut out = Vec::new();
    for profile in EXAMPLE_BUILTINS.iter().filter_map(|n| super::builtin(n)) {
        let o = profile.organisation;
        out.extend(
            [Some(o.name), o.email, o.phone, o.address, o.website]
                .into_iter()
                .flatten(),
        );
        out.extend(profile.channels.into_iter().filter_map(|c| c.contact));
    }
    out
}

/// Each place in `profile` that still holds one of the built-ins' example details, as the
/// profile's key path (`organisation.email`, `channels.phone.contact`, `texts.regulation.nl`,
/// `letters.decision.body.en`) with the value.
pub fn example_details(profile: &Profile) -> Vec<(String, String)> {
    let examples = examples();
    let is_example = |v: &str| examples.iter().any(|e| e.eq_ignore_ascii_case(v.trim()));
    let o = &profile.organisation;
    let mut out = Vec::new();
    for (key, value) in [
        ("name", Some(&o.name)),
        ("email", o.email.as_ref()),
        ("phone", o.phone.as_ref()),
        ("address", o.address.as_ref()),
        ("website", o.website.as_ref()),
    ] {
        if let Some(v) = value.filter(|v| is_example(v)) {
            out.push((format!("organisation.{key}"), v.clone()));
        }
    }
    for c in &profile.channels {
        if let Some(v) = c.contact.as_ref().filter(|v| is_example(v)) {
            out.push((format!("channels.{}.contact", c.id.as_str()), v.clone()));
        }
    }
    // In a text, an example is found anywhere: the organisation's name written out, or the
    // example geschilleninstantie.
    let in_text: Vec<(&str, String)> = examples
        .iter()
        .map(String::as_str)
        .chain(EXAMPLE_TEXTS)
        .map(|e| (e, e.to_lowercase()))
        .collect();
    let t = &profile.texts;
    let l = &profile.letters;
    let mut texts: Vec<(String, &Localized)> = vec![
        ("texts.regulation".into(), &t.regulation),
        ("texts.privacy".into(), &t.privacy),
    ];
    texts.extend(t.intro.as_ref().map(|i| ("texts.intro".into(), i)));
    for (name, letter) in [
        ("acknowledgement", Some(&l.acknowledgement)),
        ("extension", Some(&l.extension)),
        ("decision", Some(&l.decision)),
        ("satisfaction", l.satisfaction.as_ref()),
    ] {
        if let Some(letter) = letter {
            texts.push((format!("letters.{name}.subject"), &letter.subject));
            texts.push((format!("letters.{name}.body"), &letter.body));
        }
    }
    for (key, text) in texts {
        for (lang, text) in [("nl", Some(&text.nl)), ("en", text.en.as_ref())] {
            let Some(text) = text.map(|t| t.to_lowercase()) else {
                continue;
            };
            if let Some((found, _)) = in_text.iter().find(|(_, e)| text.contains(e.as_str())) {
                out.push((format!("{key}.{lang}"), (*found).to_owned()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_templates_example_organisation_is_found_wherever_it_still_stands() {
        let template = crate::profile::builtin("template").unwrap_or_else(|| panic!("template"));
        let found: Vec<String> = example_details(&template)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(
            found,
            [
                "organisation.name",
                "organisation.email",
                "organisation.phone",
                "organisation.address",
                "organisation.website",
                "channels.email.contact",
                "channels.phone.contact",
                "channels.letter.contact",
            ]
        );
        let mut own = template.clone();
        own.organisation.name = "Stichting De Brug".into();
        own.organisation.email = Some("klachten@debrug.nl".into());
        own.organisation.phone = None;
        own.organisation.address = None;
        own.organisation.website = None;
        let found: Vec<String> = example_details(&own).into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            found,
            [
                "channels.email.contact",
                "channels.phone.contact",
                "channels.letter.contact"
            ],
            "the channels repeat the example's details"
        );
        let kjrw = crate::profile::builtin("kjrw").unwrap_or_else(|| panic!("kjrw"));
        assert_eq!(example_details(&kjrw), Vec::<(String, String)>::new());
    }

    fn found_in(name: &str) -> Vec<String> {
        let p = crate::profile::builtin(name).unwrap_or_else(|| panic!("{name}"));
        example_details(&p).into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn the_awb_example_municipality_is_found_wherever_it_still_stands() {
        assert_eq!(
            found_in("awb"),
            [
                "organisation.name",
                "organisation.email",
                "organisation.phone",
                "organisation.address",
                "organisation.website",
                "channels.email.contact",
                "channels.letter.contact",
                "channels.phone.contact",
            ]
        );
    }

    #[test]
    fn the_wkkgz_example_care_provider_and_its_geschilleninstantie_are_found() {
        assert_eq!(
            found_in("wkkgz"),
            [
                "organisation.name",
                "organisation.email",
                "organisation.phone",
                "organisation.address",
                "organisation.website",
                "channels.email.contact",
                "channels.phone.contact",
                "channels.letter.contact",
                "texts.regulation.nl",
                "texts.regulation.en",
                "letters.decision.body.nl",
                "letters.decision.body.en",
            ]
        );
        // A care provider that filled in its own details and its own geschilleninstantie is told
        // nothing.
        let src = crate::profile::builtin_source("wkkgz")
            .unwrap_or_default()
            .replace("Zorggroep Voorbeeld", "Zorgcentrum De Linde")
            .replace("zorggroepvoorbeeld.nl", "delinde.nl")
            .replace("0123 98 76 54", "030 765 43 21")
            .replace(
                "Zorglaan 1, 1234 AB Voorbeeld",
                "Lindelaan 4, 3511 AA Utrecht",
            )
            .replace("Geschilleninstantie Voorbeeld", "Geschilleninstantie Zorg")
            .replace(
                "www.geschilleninstantie-voorbeeld.nl",
                "www.geschilleninstantie.example",
            );
        let own = crate::profile::parse(&src).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(example_details(&own), Vec::<(String, String)>::new());
        // The example municipality's name written out in a text of another profile is found too.
        let mut template =
            crate::profile::builtin("template").unwrap_or_else(|| panic!("template"));
        template.organisation.name = "Stichting De Brug".into();
        template
            .texts
            .privacy
            .nl
            .push_str("\nVragen? Bel Gemeente Voorbeeld.");
        let found: Vec<(String, String)> = example_details(&template)
            .into_iter()
            .filter(|(k, _)| k.starts_with("texts"))
            .collect();
        assert_eq!(
            found,
            [(
                "texts.privacy.nl".to_owned(),
                "Gemeente Voorbeeld".to_owned()
            )]
        );
    }
}
