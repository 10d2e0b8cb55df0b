//! A person's data (AVG art. 15) in words, for the "Uw gegevens" document klacht-print lays out:
//! the back office's download and the JSON API's `?format=pdf` make it alike from
//! `klacht_app::desk::export`.

use klacht_app::desk::Export;
use klacht_core::calendar::amsterdam_date;
use klacht_core::subject::{Field, Relation};
use klacht_core::{Channel, Lang};
use klacht_i18n::tr_voiced;

/// A moment in Amsterdam time, its month written out: "21 november 2026, 14:05".
fn when(t: jiff::Timestamp, lang: Lang) -> String {
    let dt = klacht_core::calendar::amsterdam_datetime(t);
    format!(
        "{}, {:02}:{:02}",
        klacht_core::texts::long_date(dt.date(), lang),
        dt.hour(),
        dt.minute()
    )
}

fn field_key(f: Field) -> &'static str {
    match f {
        Field::Name => "personal-name",
        Field::Email => "personal-email",
        Field::Phone => "personal-phone",
        Field::Address => "personal-address",
        Field::DateOfBirth => "personal-date-of-birth",
        Field::OnBehalfOf => "personal-on-behalf-of",
    }
}

/// The export in words, for the "Uw gegevens" document.
pub fn document(
    x: &Export,
    loaded: &klacht_app::Loaded,
    lang: Lang,
) -> klacht_print::personal::PersonalData {
    use klacht_print::personal::{ComplaintData, LetterData, PersonalData};
    let date = |t: jiff::Timestamp| klacht_core::texts::long_date(amsterdam_date(t), lang);
    // The person is addressed as the regulation's letters address them ("je" under kjrw),
    // whether the back office or the API asks.
    let informal = loaded.profile.texts.informal;
    let t = |k: &'static str| tr_voiced(lang, informal, k).to_owned();
    let mut person = Vec::new();
    for (key, v) in [
        ("personal-name", &x.person.name),
        ("personal-email", &x.person.email),
        ("personal-phone", &x.person.phone),
    ] {
        if let Some(v) = v {
            person.push((t(key), v.clone()));
        }
    }
    let complaints = x
        .complaints
        .iter()
        .map(|c| {
            let mut facts = vec![
                (
                    t("personal-relation"),
                    t(match c.relation {
                        Relation::Complainant => "personal-relation-complainant",
                        Relation::Represented => "personal-relation-represented",
                    }),
                ),
                (t("personal-received"), date(c.received_at)),
                (
                    t("personal-channel"),
                    Channel::parse(&c.channel)
                        .map(|ch| {
                            loaded
                                .profile
                                .channels
                                .iter()
                                .find(|x| x.id == ch)
                                .map(|x| x.label.get(lang).to_owned())
                                .unwrap_or_else(|| c.channel.clone())
                        })
                        .unwrap_or_else(|| c.channel.clone()),
                ),
                (
                    t("personal-status"),
                    klacht_core::procedure::Status::parse(&c.status)
                        .map(|s| klacht_core::vocabulary::status(s, lang).to_owned())
                        .unwrap_or_else(|| c.status.clone()),
                ),
            ];
            if let Some(o) = &c.outcome {
                let label = loaded
                    .profile
                    .outcomes
                    .iter()
                    .find(|x| x.id.as_str() == o)
                    .map(|x| x.label.get(lang).to_owned())
                    .unwrap_or_else(|| o.clone());
                facts.push((t("personal-outcome"), label));
            }
            if let Some(at) = c.closed_at {
                facts.push((t("personal-ended"), date(at)));
            }
            let mut details = Vec::new();
            if let Some(obj) = c.details.as_object() {
                for f in Field::ALL {
                    if let Some(v) = obj.get(f.as_str()).and_then(|v| v.as_str()) {
                        // A date of birth with its month written out, as every date here.
                        let v = match (f, v.parse::<jiff::civil::Date>()) {
                            (Field::DateOfBirth, Ok(d)) => klacht_core::texts::long_date(d, lang),
                            _ => v.to_owned(),
                        };
                        details.push((t(field_key(f)), v));
                    }
                }
            }
            let satisfaction = match (c.satisfied, &c.satisfaction_comment) {
                (None, None) => None,
                (s, comment) => {
                    let yes_no = match s {
                        Some(true) => t("personal-satisfied-yes"),
                        Some(false) => t("personal-satisfied-no"),
                        None => String::new(),
                    };
                    Some(
                        [Some(yes_no), comment.clone()]
                            .into_iter()
                            .flatten()
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                }
            };
            ComplaintData {
                reference: c.reference.clone(),
                facts,
                details,
                description: c.description.clone(),
                additions: c
                    .additions
                    .iter()
                    .map(|a| (when(a.at, lang), a.text.clone()))
                    .collect(),
                letters: c
                    .letters
                    .iter()
                    .map(|l| LetterData {
                        sent: when(l.at, lang),
                        subject: l.subject.clone(),
                        text: l.text.clone(),
                    })
                    .collect(),
                satisfaction,
            }
        })
        .collect();
    PersonalData {
        lang,
        informal,
        organisation: x.organisation.clone(),
        request: x.request,
        made_on: date(x.made_at),
        person,
        complaints,
    }
}
