//! The built-in `template`'s organisation is an example ("Stichting Voorbeeld"): a profile that
//! still holds its name, addresses or contact details shows them on every public page and in
//! every letter. This says where, so that `klacht profile check` can warn before that happens.

use super::Profile;

/// Each place in `profile` that still holds one of the template's example details, as the
/// profile's key path (`organisation.email`, `channels.phone.contact`) with the value.
pub fn example_details(profile: &Profile) -> Vec<(String, String)> {
    let Some(template) = super::builtin("template") else {
        return Vec::new();
    };
    let example = &template.organisation;
    let examples: Vec<&str> = [
        Some(&example.name),
        example.email.as_ref(),
        example.phone.as_ref(),
        example.address.as_ref(),
        example.website.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .chain(
        template
            .channels
            .iter()
            .filter_map(|c| c.contact.as_deref()),
    )
    .collect();
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
}
