//! The regulation's settings pages as use cases (T16): every part of a version — the
//! organisation, the channels, the lists, the deadlines, the roles and steps, the registration,
//! retention, reports, the texts and the letters — shown as form fields and changed from a form.
//!
//! One mechanism for all of them: a part is a set of fields, each a value at a path of the
//! regulation's TOML (the path `klacht profile check` gives its errors at, so an error lands at
//! its field), and a list part (categories, …) is the same for each of its entries, with an entry
//! to add and entries to remove. Only the values that differ from the version's are written, with
//! core's `profile::edit`, so the file keeps its comments and layout and the draft's comparison
//! with the version in force shows only what was changed. Every save is checked as `profile
//! check` checks a file; a text that does not pass is never stored.
//!
//! Saving a part of an adopted version makes a new draft of it; saving a part of a draft stores
//! the changed text as a draft and discards the one it replaces, so that the list of versions
//! holds one draft per change in progress.

use crate::regulation;
use crate::{App, AppError, FieldProblem};
use klacht_core::profile::ProfileError;
use klacht_core::profile::edit::{Draft, Field};
use klacht_store::{User, VersionState};
use serde_json::Value as Json;

/// How a field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A line of text that must be there.
    Text,
    /// A line of text; empty leaves the key out.
    OptText,
    /// Several lines (a text of the regulation, a letter's body); empty leaves it out.
    LongText,
    /// A whole number.
    Number,
    /// A whole number; empty leaves the key out.
    OptNumber,
    /// Yes or no (a check box).
    Bool,
    /// One of these values.
    Choice(&'static [&'static str]),
    /// One of these values or none.
    OptChoice(&'static [&'static str]),
    /// Any of these values (check boxes), in the order the file had them.
    Many(&'static [&'static str]),
}

/// A field: the key of its value (for a list part, within an entry) and how it is edited. The
/// label is `settings-field-` and the key with `-` for `.`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub key: &'static str,
    pub kind: Kind,
}

const fn f(key: &'static str, kind: Kind) -> Spec {
    Spec { key, kind }
}

/// The list of a list part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct List {
    /// The array of tables (`categories`).
    pub key: &'static str,
    /// The fields of an entry besides its id.
    pub fields: &'static [Spec],
    /// The ids an entry may have (channels, outcomes); `None`: any short name.
    pub ids: Option<&'static [&'static str]>,
}

/// A part of the regulation with its own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// Its address under `/beheer/regeling/{id}/instellingen/`, and its title's key
    /// (`settings-part-…`).
    pub slug: &'static str,
    /// Fields outside a list, by their full path.
    pub fields: &'static [Spec],
    pub list: Option<List>,
}

const CAPACITIES: &[&str] = &[
    "coordinator",
    "handler",
    "involved",
    "director",
    "board",
    "registrar",
    "staff",
];
const ROLES: &[&str] = &[
    "coordinator",
    "deputy",
    "handler",
    "staff",
    "director",
    "board",
    "registrar",
    "admin",
];
const CHANNELS: &[&str] = &[
    "web",
    "email",
    "phone",
    "letter",
    "in_person",
    "social_media",
];
const OUTCOMES: &[&str] = &[
    "gegrond",
    "deels_gegrond",
    "ongegrond",
    "ingetrokken",
    "niet_ontvankelijk",
    "opgelost",
];
const FORMS: &[&str] = &["written", "oral"];
const STARTS: &[&str] = &["receipt", "acknowledge", "assign", "escalate", "decide"];
const MET_BY: &[&str] = &["acknowledge", "assign", "hearing", "decide", "close"];
const REGISTRATION_FIELDS: &[&str] = &[
    "complainant_name",
    "complainant_address",
    "complainant_contact",
    "description",
    "received_by",
    "handler",
    "category",
    "severity",
    "relation",
];

const LABEL: [Spec; 2] = [f("label.nl", Kind::Text), f("label.en", Kind::OptText)];
/// Issue 18: the kinds of body outside, and where their period starts.
const BODY_KINDS: &[&str] = &[
    "nationale_ombudsman",
    "municipal_ombudsman",
    "geschilleninstantie",
    "external_committee",
];
const PERIOD_FROM: &[&str] = &["decision", "receipt"];

/// Every part, in the order of the overview.
pub const PARTS: &[Part] = &[
    Part {
        slug: "versie",
        fields: &[f("version", Kind::Text)],
        list: None,
    },
    Part {
        slug: "organisatie",
        fields: &[
            f("organisation.name", Kind::Text),
            f("organisation.email", Kind::OptText),
            f("organisation.phone", Kind::OptText),
            f("organisation.address", Kind::OptText),
            f("organisation.website", Kind::OptText),
        ],
        list: None,
    },
    Part {
        slug: "kanalen",
        fields: &[],
        list: Some(List {
            key: "channels",
            fields: &[
                LABEL[0],
                LABEL[1],
                f("form", Kind::Choice(FORMS)),
                f("contact", Kind::OptText),
            ],
            ids: Some(CHANNELS),
        }),
    },
    Part {
        slug: "categorieen",
        fields: &[],
        list: Some(List {
            key: "categories",
            fields: &LABEL,
            ids: None,
        }),
    },
    Part {
        slug: "ernst",
        fields: &[],
        list: Some(List {
            key: "severities",
            fields: &[LABEL[0], LABEL[1], f("consult_board", Kind::Bool)],
            ids: None,
        }),
    },
    Part {
        slug: "uitkomsten",
        fields: &[],
        list: Some(List {
            key: "outcomes",
            fields: &LABEL,
            ids: Some(OUTCOMES),
        }),
    },
    Part {
        slug: "relaties",
        fields: &[],
        list: Some(List {
            key: "relations",
            fields: &LABEL,
            ids: None,
        }),
    },
    Part {
        slug: "tevredenheid",
        fields: &[],
        list: Some(List {
            key: "satisfaction_answers",
            fields: &[
                LABEL[0],
                LABEL[1],
                f("satisfied", Kind::Bool),
                f("reopen", Kind::Bool),
            ],
            ids: None,
        }),
    },
    Part {
        slug: "externe-instanties",
        fields: &[],
        list: Some(List {
            key: "external_bodies",
            fields: &[
                f("kind", Kind::Choice(BODY_KINDS)),
                f("name.nl", Kind::Text),
                f("name.en", Kind::OptText),
                f("website", Kind::OptText),
                f("months", Kind::Number),
                f("from", Kind::Choice(PERIOD_FROM)),
            ],
            ids: None,
        }),
    },
    Part {
        slug: "termijnen",
        fields: &[
            f("extension.max_count", Kind::OptNumber),
            f("extension.max_weeks", Kind::OptNumber),
            f("extension.max_working_days", Kind::OptNumber),
            f("extension.beyond_with_consent", Kind::Bool),
        ],
        list: Some(List {
            key: "deadlines",
            fields: &[
                LABEL[0],
                LABEL[1],
                f("working_days", Kind::OptNumber),
                f("weeks", Kind::OptNumber),
                f("weeks_with_committee", Kind::OptNumber),
                f("from", Kind::Choice(STARTS)),
                f("met_by", Kind::Choice(MET_BY)),
                f("extendable", Kind::Bool),
            ],
            ids: None,
        }),
    },
    Part {
        slug: "rollen",
        fields: &[
            f("roles.deputies", Kind::Many(ROLES)),
            f("roles.second_factor", Kind::Many(ROLES)),
            f("roles.coordinator_must_be", Kind::OptChoice(ROLES)),
        ],
        list: None,
    },
    Part {
        slug: "stappen",
        fields: &[
            f("steps.register", Kind::Many(CAPACITIES)),
            f("steps.acknowledge", Kind::Many(CAPACITIES)),
            f("steps.assign", Kind::Many(CAPACITIES)),
            f("steps.record_concerns", Kind::Many(CAPACITIES)),
            f("steps.inform_involved", Kind::Many(CAPACITIES)),
            f("steps.record_hearing", Kind::Many(CAPACITIES)),
            f("steps.record_contact", Kind::Many(CAPACITIES)),
            f("steps.add_note", Kind::Many(CAPACITIES)),
            f("steps.attach_document", Kind::Many(CAPACITIES)),
            f("steps.extend", Kind::Many(CAPACITIES)),
            f("steps.escalate", Kind::Many(CAPACITIES)),
            f("steps.escalation_not_needed", Kind::Many(CAPACITIES)),
            f("steps.refer_to_committee", Kind::Many(CAPACITIES)),
            f("steps.classify", Kind::Many(CAPACITIES)),
            f("steps.record_measure", Kind::Many(CAPACITIES)),
            f("steps.decide", Kind::Many(CAPACITIES)),
            f("steps.close", Kind::Many(CAPACITIES)),
            f("steps.withdraw", Kind::Many(CAPACITIES)),
            f("steps.reopen", Kind::Many(CAPACITIES)),
            f("steps.report_summary", Kind::Many(CAPACITIES)),
            f("steps.hold", Kind::Many(CAPACITIES)),
            f("steps.anonymise", Kind::Many(CAPACITIES)),
            f("steps.rectify", Kind::Many(CAPACITIES)),
            f("steps.mark_duplicate", Kind::Many(CAPACITIES)),
            f("steps.link_related", Kind::Many(CAPACITIES)),
            f("steps.record_complainant_hearing", Kind::Many(CAPACITIES)),
            f("steps.refer_outside", Kind::Many(CAPACITIES)),
            f("steps.record_external_outcome", Kind::Many(CAPACITIES)),
        ],
        list: None,
    },
    Part {
        slug: "registratie",
        fields: &[
            f("registration.required", Kind::Many(REGISTRATION_FIELDS)),
            f("registration.sign_off", Kind::Many(CAPACITIES)),
            f("registration.ask_date_of_birth", Kind::Bool),
            f("registration.hear_complainant", Kind::Bool),
        ],
        list: None,
    },
    Part {
        slug: "bewaren",
        fields: &[
            f("retention.months_after_close", Kind::Number),
            f("retention.read_log_months", Kind::Number),
            f("retention.account_log_months", Kind::Number),
            f("retention.request_months", Kind::Number),
            f("retention.notice_days", Kind::Number),
            f("retention.mail_days", Kind::Number),
            f("retention.upload_hours", Kind::Number),
        ],
        list: None,
    },
    Part {
        slug: "rapportages",
        fields: &[
            f("reports.half_year", Kind::Bool),
            f("reports.annual", Kind::Bool),
            f("reports.small_count_threshold", Kind::Number),
            f("reports.annual_report_month", Kind::Number),
            f("reports.evaluation_month", Kind::Number),
        ],
        list: None,
    },
    Part {
        slug: "teksten",
        fields: &[
            f("title.nl", Kind::Text),
            f("title.en", Kind::OptText),
            f("texts.intro.nl", Kind::LongText),
            f("texts.intro.en", Kind::LongText),
            f("texts.regulation.nl", Kind::LongText),
            f("texts.regulation.en", Kind::LongText),
            f("texts.privacy.nl", Kind::LongText),
            f("texts.privacy.en", Kind::LongText),
            f("texts.informal", Kind::Bool),
        ],
        list: None,
    },
    Part {
        slug: "brieven",
        fields: &[
            f("letters.acknowledge_automatically", Kind::Bool),
            f("letters.acknowledgement.subject.nl", Kind::Text),
            f("letters.acknowledgement.subject.en", Kind::OptText),
            f("letters.acknowledgement.body.nl", Kind::LongText),
            f("letters.acknowledgement.body.en", Kind::LongText),
            f("letters.extension.subject.nl", Kind::Text),
            f("letters.extension.subject.en", Kind::OptText),
            f("letters.extension.body.nl", Kind::LongText),
            f("letters.extension.body.en", Kind::LongText),
            f("letters.decision.subject.nl", Kind::Text),
            f("letters.decision.subject.en", Kind::OptText),
            f("letters.decision.body.nl", Kind::LongText),
            f("letters.decision.body.en", Kind::LongText),
            f("letters.satisfaction.subject.nl", Kind::OptText),
            f("letters.satisfaction.subject.en", Kind::OptText),
            f("letters.satisfaction.body.nl", Kind::LongText),
            f("letters.satisfaction.body.en", Kind::LongText),
        ],
        list: None,
    },
];

/// The part with this address.
pub fn part(slug: &str) -> Option<&'static Part> {
    PARTS.iter().find(|p| p.slug == slug)
}

/// A field as a form shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The form field's name: the value's path (`deadlines[1].working_days`).
    pub name: String,
    pub spec: Spec,
    /// The value as text (a check box: `true` when ticked).
    pub value: String,
    /// The values ticked ([`Kind::Many`]).
    pub values: Vec<String>,
}

/// An entry of a list part as a form shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub index: usize,
    pub id: String,
    /// Ticked for removal (a form sent back).
    pub remove: bool,
    pub fields: Vec<Shown>,
}

/// A part's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub part: &'static Part,
    /// The version the form shows.
    pub version: regulation::Version,
    pub fields: Vec<Shown>,
    pub entries: Vec<Entry>,
    /// The empty entry to add one (a list part); its id field is `{list}[{n}].id`.
    pub new_entry: Option<Entry>,
    /// Ids of the list that an adopted version has: removing one leaves the complaints that
    /// have it with their own version's label, but new complaints cannot choose it.
    pub adopted_ids: Vec<String>,
}

/// A posted form: its fields by name, in order (a name may come more than once).
pub type Sent = [(String, String)];

fn sent_all<'a>(sent: &'a Sent, name: &str) -> Vec<&'a str> {
    sent.iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

fn sent_one<'a>(sent: &'a Sent, name: &str) -> Option<&'a str> {
    sent.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The effective value at `path` of a parsed regulation (defaults filled in).
fn at<'a>(json: &'a Json, path: &str) -> Option<&'a Json> {
    let mut here = json;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, i)) => (k, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        here = here.get(key)?;
        if let Some(i) = index {
            here = here.get(i)?;
        }
    }
    Some(here)
}

fn as_text(v: Option<&Json>) -> String {
    match v {
        Some(Json::String(s)) => s.clone(),
        Some(Json::Number(n)) => n.to_string(),
        Some(Json::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn as_list(v: Option<&Json>) -> Vec<String> {
    match v {
        Some(Json::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

fn shown_from_version(json: &Json, name: String, spec: Spec) -> Shown {
    let v = at(json, &name);
    Shown {
        value: match spec.kind {
            Kind::Bool => (v == Some(&Json::Bool(true))).to_string(),
            _ => as_text(v),
        },
        values: as_list(v),
        name,
        spec,
    }
}

fn shown_from_form(sent: &Sent, name: String, spec: Spec) -> Shown {
    Shown {
        value: match spec.kind {
            Kind::Bool => sent_one(sent, &name).is_some().to_string(),
            _ => sent_one(sent, &name).unwrap_or_default().to_owned(),
        },
        values: sent_all(sent, &name)
            .into_iter()
            .map(str::to_owned)
            .collect(),
        name,
        spec,
    }
}

/// The regulation of version `source` as JSON, defaults filled in.
fn effective(source: &str) -> Result<Json, AppError> {
    let profile = klacht_core::profile::parse(source).map_err(|e| {
        AppError::unexpected(format!(
            "a stored version does not parse: {}",
            e.first().map(ToString::to_string).unwrap_or_default()
        ))
    })?;
    serde_json::to_value(&profile).map_err(|e| AppError::unexpected(e.to_string()))
}

/// The ids of list `key` in any adopted version.
async fn adopted_ids(app: &App, key: &str) -> Result<Vec<String>, AppError> {
    let mut ids = Vec::new();
    for v in app.store.versions().await? {
        if v.state != VersionState::Adopted {
            continue;
        }
        if let Some(src) = app.store.profile_source(v.id).await?
            && let Ok(json) = effective(&src)
        {
            for e in at(&json, key)
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(id) = e.get("id").and_then(Json::as_str)
                    && !ids.iter().any(|i| i == id)
                {
                    ids.push(id.to_owned());
                }
            }
        }
    }
    Ok(ids)
}

/// The form of `part` for version `id`: its values, or — `sent` — the values as typed.
pub async fn form(
    app: &App,
    by: &User,
    id: i64,
    part: &'static Part,
    sent: Option<&Sent>,
) -> Result<Form, AppError> {
    regulation::permitted(Some(by))?;
    let (version, source) = regulation::read(app, id, true).await?;
    let json = effective(&source)?;
    let show = |name: String, spec: Spec| match sent {
        Some(s) => shown_from_form(s, name, spec),
        None => shown_from_version(&json, name, spec),
    };
    let fields = part
        .fields
        .iter()
        .map(|s| show(s.key.to_owned(), *s))
        .collect();
    let (mut entries, mut new_entry, mut ids) = (Vec::new(), None, Vec::new());
    if let Some(list) = part.list {
        let existing = at(&json, list.key)
            .and_then(Json::as_array)
            .cloned()
            .unwrap_or_default();
        for (i, e) in existing.iter().enumerate() {
            entries.push(Entry {
                index: i,
                id: as_text(e.get("id")),
                remove: sent
                    .is_some_and(|s| sent_all(s, "remove").contains(&i.to_string().as_str())),
                fields: list
                    .fields
                    .iter()
                    .map(|s| show(format!("{}[{i}].{}", list.key, s.key), *s))
                    .collect(),
            });
        }
        let n = existing.len();
        let id_name = format!("{}[{n}].id", list.key);
        new_entry = Some(Entry {
            index: n,
            id: sent
                .and_then(|s| sent_one(s, &id_name))
                .unwrap_or_default()
                .to_owned(),
            remove: false,
            fields: list
                .fields
                .iter()
                .map(|s| {
                    let name = format!("{}[{n}].{}", list.key, s.key);
                    match sent {
                        Some(sent) => shown_from_form(sent, name, *s),
                        None => Shown {
                            name,
                            spec: *s,
                            value: String::new(),
                            values: Vec::new(),
                        },
                    }
                })
                .collect(),
        });
        ids = adopted_ids(app, list.key).await?;
    }
    Ok(Form {
        part,
        version,
        fields,
        entries,
        new_entry,
        adopted_ids: ids,
    })
}

fn problem(field: &str, en: String, nl: String) -> FieldProblem {
    let mut p = FieldProblem::new(field, en);
    p.message_nl = Some(nl);
    p
}

/// The value typed into a field, `None` when it is what the version has.
fn typed(
    spec: Spec,
    name: &str,
    sent: &Sent,
    json: &Json,
    problems: &mut Vec<FieldProblem>,
) -> Option<Field> {
    let now = at(json, name);
    let one = sent_one(sent, name)
        .map(|v| v.replace("\r\n", "\n"))
        .unwrap_or_default();
    let trimmed = one.trim();
    match spec.kind {
        Kind::Text | Kind::OptText | Kind::Choice(_) | Kind::OptChoice(_) => {
            if trimmed == as_text(now) {
                return None;
            }
            if trimmed.is_empty() && !matches!(spec.kind, Kind::Text) {
                return Some(Field::Absent);
            }
            Some(Field::Text(trimmed.to_owned()))
        }
        Kind::LongText => {
            let text = if trimmed.is_empty() {
                String::new()
            } else {
                format!("{}\n", one.trim_end())
            };
            if text.trim_end() == as_text(now).trim_end() {
                return None;
            }
            if text.is_empty() {
                return Some(Field::Absent);
            }
            Some(Field::Text(text))
        }
        Kind::Number | Kind::OptNumber => {
            if trimmed == as_text(now) {
                return None;
            }
            if trimmed.is_empty() {
                return match spec.kind {
                    Kind::OptNumber => Some(Field::Absent),
                    _ => {
                        problems.push(problem(
                            name,
                            "give a number".into(),
                            "vul een getal in".into(),
                        ));
                        None
                    }
                };
            }
            match trimmed.parse::<i64>() {
                Ok(n) => Some(Field::Int(n)),
                Err(_) => {
                    problems.push(problem(
                        name,
                        format!("{trimmed:?} is not a whole number"),
                        format!("{trimmed:?} is geen heel getal"),
                    ));
                    None
                }
            }
        }
        Kind::Bool => {
            let ticked = sent_one(sent, name).is_some();
            (ticked != (now == Some(&Json::Bool(true)))).then_some(Field::Bool(ticked))
        }
        Kind::Many(allowed) => {
            let ticked: Vec<&str> = sent_all(sent, name)
                .into_iter()
                .filter(|v| allowed.contains(v))
                .collect();
            let before = as_list(now);
            let same =
                before.len() == ticked.len() && before.iter().all(|b| ticked.contains(&b.as_str()));
            if same {
                return None;
            }
            // The order of the file for what stays (deputies stand in in that order), then the
            // new ones in the form's order.
            let mut list: Vec<String> = before
                .into_iter()
                .filter(|b| ticked.contains(&b.as_str()))
                .collect();
            for t in allowed {
                if ticked.contains(t) && !list.iter().any(|l| l == t) {
                    list.push((*t).to_owned());
                }
            }
            Some(Field::List(list))
        }
    }
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The draft that now has the change (or `id` itself when nothing changed).
    pub id: i64,
    pub changed: bool,
}

/// Applies a part's form to version `id` and stores the result as a draft (see the module).
/// Every problem comes back as [`AppError::Invalid`] at the form field it concerns (its name),
/// in English and Dutch; nothing is stored then.
pub async fn save(
    app: &App,
    by: &User,
    id: i64,
    part: &'static Part,
    sent: &Sent,
) -> Result<Saved, AppError> {
    regulation::permitted(Some(by))?;
    let (version, source) = regulation::read(app, id, true).await?;
    let json = effective(&source)?;
    let mut draft = Draft::parse(&source).map_err(|e| regulation::profile_problems(&e))?;
    let mut problems = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for s in part.fields {
        names.push(s.key.to_owned());
        if let Some(v) = typed(*s, s.key, sent, &json, &mut problems) {
            draft.set(s.key, v);
        }
    }
    // Where each entry of the new text was in the form (entries removed shift the others).
    let mut places: Vec<usize> = Vec::new();
    if let Some(list) = part.list {
        let n = draft.count(list.key);
        for i in 0..n {
            for s in list.fields {
                let name = format!("{}[{i}].{}", list.key, s.key);
                if let Some(v) = typed(*s, &name, sent, &json, &mut problems) {
                    draft.set(&name, v);
                }
                names.push(name);
            }
        }
        places.extend(0..n);
        let id_name = format!("{}[{n}].id", list.key);
        let new_id = sent_one(sent, &id_name).unwrap_or_default().trim();
        let filled = list.fields.iter().any(|s| {
            let name = format!("{}[{n}].{}", list.key, s.key);
            !matches!(s.kind, Kind::Bool | Kind::Choice(_))
                && sent_one(sent, &name).is_some_and(|v| !v.trim().is_empty())
        });
        names.push(id_name.clone());
        if !new_id.is_empty() {
            draft.add_entry(list.key, new_id);
            for s in list.fields {
                let name = format!("{}[{n}].{}", list.key, s.key);
                let empty = Json::Null;
                if let Some(v) = typed(*s, &name, sent, &empty, &mut problems)
                    && v != Field::Absent
                {
                    draft.set(&name, v);
                }
                names.push(name);
            }
            places.push(n);
        } else if filled {
            problems.push(problem(
                &id_name,
                "give the new entry an id: a short name of lowercase letters, digits and _".into(),
                "geef de nieuwe regel een id: een korte naam van kleine letters, cijfers en _"
                    .into(),
            ));
        }
        let mut removed: Vec<usize> = sent_all(sent, "remove")
            .into_iter()
            .filter_map(|v| v.parse().ok())
            .filter(|i| *i < n)
            .collect();
        removed.sort_unstable();
        removed.dedup();
        for i in removed.into_iter().rev() {
            draft.remove_entry(list.key, i);
            places.remove(i);
        }
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let changed = draft.source();
    if changed == source {
        return Ok(Saved { id, changed: false });
    }
    if let Err(errors) = klacht_core::profile::parse(&changed) {
        let list = part.list.map(|l| l.key);
        return Err(AppError::Invalid(
            errors
                .iter()
                .map(|e| at_field(e, list, &places, &names))
                .collect(),
        ));
    }
    let stored = regulation::save_draft(app, by, &changed, None).await?;
    if stored.id != id && version.row.state == VersionState::Draft {
        regulation::discard(app, by, id).await?;
    }
    Ok(Saved {
        id: stored.id,
        changed: true,
    })
}

/// A profile error at the form field it concerns: the field of that path, the first field under
/// it (`deadlines[1].label` → its Dutch label), or the nearest field above it
/// (`registration.sign_off[0]`); else `part`, for the top of the form.
fn at_field(
    e: &ProfileError,
    list: Option<&str>,
    places: &[usize],
    names: &[String],
) -> FieldProblem {
    let mut path = e.path.clone();
    if let Some(key) = list
        && let Some(rest) = path.strip_prefix(&format!("{key}["))
        && let Some((i, tail)) = rest.split_once(']')
        && let Some(place) = i.parse::<usize>().ok().and_then(|i| places.get(i))
    {
        path = format!("{key}[{place}]{tail}");
    }
    let field = names
        .iter()
        .find(|n| **n == path)
        .or_else(|| {
            names.iter().find(|n| {
                n.strip_prefix(path.as_str())
                    .is_some_and(|r| r.starts_with('.') || r.starts_with('['))
            })
        })
        .or_else(|| {
            names
                .iter()
                .filter(|n| {
                    path.strip_prefix(n.as_str())
                        .is_some_and(|r| r.starts_with('.') || r.starts_with('['))
                })
                .max_by_key(|n| n.len())
        })
        .cloned()
        .unwrap_or_else(|| "part".to_owned());
    let (en, nl) = if field == "part" {
        let at = if e.path.is_empty() {
            String::new()
        } else {
            format!(" ({})", e.path)
        };
        (
            format!("{}{at}", e.message),
            format!("{}{at}", dutch(&e.message)),
        )
    } else {
        (e.message.clone(), dutch(&e.message))
    };
    problem(&field, en, nl)
}

/// `profile check`'s messages in Dutch, for the Dutch pages; one it does not know stays as it is.
pub fn dutch(message: &str) -> String {
    const FIXED: &[(&str, &str)] = &[
        ("must not be empty", "mag niet leeg zijn"),
        (
            "must have at least one entry",
            "moet minstens één regel hebben",
        ),
        (
            "is missing; every profile must have it",
            "ontbreekt; elke regeling moet dit hebben",
        ),
        (
            "expected a short name of lowercase letters, digits and _",
            "verwacht een korte naam van kleine letters, cijfers en _",
        ),
        (
            "give either working_days or weeks, not both",
            "geef werkdagen of weken, niet allebei",
        ),
        (
            "needs a term: working_days = N or weeks = N",
            "heeft een termijn nodig: een aantal werkdagen of weken",
        ),
        (
            "needs a Dutch label (nl)",
            "heeft een Nederlandse naam nodig",
        ),
        (
            "needs a Dutch name (nl)",
            "heeft een Nederlandse naam nodig",
        ),
        (
            "at least one deadline must run from receipt",
            "minstens één termijn moet lopen vanaf de ontvangst",
        ),
        (
            "give either max_weeks or max_working_days, not both",
            "geef een maximum in weken of in werkdagen, niet allebei",
        ),
        (
            "is 0 while a deadline is extendable; remove `extendable` or allow an extension",
            "is 0 terwijl een termijn verlengd kan worden; maak de termijn niet verlengbaar of sta een verlenging toe",
        ),
        (
            "nobody could take this step; name at least one capacity",
            "niemand zou deze stap kunnen zetten; kies minstens één hoedanigheid",
        ),
        ("must be at least 1 month", "moet minstens 1 maand zijn"),
        (
            "the regulation text (nl) must not be empty: it is published (T11)",
            "de tekst van de regeling (nl) mag niet leeg zijn: hij wordt gepubliceerd (T11)",
        ),
        (
            "the privacy statement (nl) must not be empty: the form shows it (T19)",
            "de privacyverklaring (nl) mag niet leeg zijn: het formulier toont haar (T19)",
        ),
    ];
    if let Some((_, nl)) = FIXED.iter().find(|(en, _)| *en == message) {
        return (*nl).to_owned();
    }
    if let Some((value, rest)) = message.split_once(" is out of range; expected 1 to ") {
        let rest = rest
            .replace("days", "dagen")
            .replace("hours", "uur")
            .replace("months", "maanden");
        return format!("{value} valt buiten het bereik; verwacht 1 tot en met {rest}");
    }
    if let Some(rest) = message.strip_prefix("must be at least 1 (") {
        let unit = rest.split(')').next().unwrap_or_default();
        let unit = match unit {
            "days" => "dagen",
            "hours" => "uur",
            "months" => "maanden",
            other => other,
        };
        return format!("moet minstens 1 zijn ({unit})");
    }
    if let Some(id) = message
        .strip_prefix("id ")
        .and_then(|r| r.strip_suffix(" is used twice; every entry needs its own id"))
    {
        return format!("id {id} komt twee keer voor; elke regel heeft een eigen id nodig");
    }
    if let Some(id) =
        message.strip_suffix(" is not a valid id; expected lowercase letters, digits and _")
    {
        return format!("{id} is geen geldige id; gebruik kleine letters, cijfers en _");
    }
    if let Some(w) =
        message.strip_suffix(" is not a web address; expected one starting with https://")
    {
        return format!("{w} is geen webadres; verwacht een adres dat begint met https://");
    }
    if let Some(m) = message.strip_suffix(" is not a month; expected 1 to 12") {
        return format!("{m} is geen maand; verwacht 1 tot en met 12");
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t16_profile_check_messages_read_in_dutch() {
        assert_eq!(
            dutch("0 is out of range; expected 1 to 260"),
            "0 valt buiten het bereik; verwacht 1 tot en met 260"
        );
        assert_eq!(
            dutch("id \"service\" is used twice; every entry needs its own id"),
            "id \"service\" komt twee keer voor; elke regel heeft een eigen id nodig"
        );
    }

    #[test]
    fn t16_an_error_lands_at_its_field_also_after_a_removal() {
        let names: Vec<String> = [
            "categories[0].label.nl",
            "categories[2].label.nl",
            "categories[3].id",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect();
        let e = ProfileError {
            line: 1,
            column: 1,
            path: "categories[1].label".into(),
            message: "needs a Dutch label (nl)".into(),
        };
        // Entry 1 was removed: the new text's entry 1 is the form's entry 2.
        let p = at_field(&e, Some("categories"), &[0, 2, 3], &names);
        assert_eq!(p.field, "categories[2].label.nl");
        assert_eq!(
            p.message_nl.as_deref(),
            Some("heeft een Nederlandse naam nodig")
        );
    }
}

/// A letter of a version, written for an example complaint (the settings' preview).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterExample {
    pub kind: klacht_core::procedure::LetterKind,
    /// The letter, or why this version cannot write it for the example (a step it refuses).
    pub letter: Result<klacht_core::letters::Composed, String>,
}

/// Every letter of `profile` as the complainant would get it in `lang`, for an example complaint
/// received at `now` through the web form and handled by one coordinator: acknowledged,
/// extended, decided, closed — taking the steps as the procedure takes them and writing each
/// letter as `follow` writes it for a real complaint.
pub fn letter_examples(
    profile: &klacht_core::Profile,
    lang: klacht_core::Lang,
    public_url: &str,
    now: jiff::Timestamp,
) -> Vec<LetterExample> {
    use klacht_core::letters::{self, LetterInput};
    use klacht_core::procedure::{
        Command, Complainant, Complaint, Ctx, Event, LetterKind, NewComplaint, Org, Staff, Via,
        decide, register,
    };
    use klacht_core::{Calendar, Channel, Role, UserId};

    let carla = Staff {
        id: UserId(1),
        name: "Carla de Vries".into(),
        roles: [Role::Coordinator, Role::Handler].into_iter().collect(),
        absent: false,
    };
    let org = Org {
        staff: vec![carla.clone()],
    };
    let calendar = Calendar::dutch();
    let ctx = Ctx {
        profile,
        calendar: &calendar,
        org: &org,
        now,
    };
    let mut out: Vec<LetterExample> = Vec::new();
    let kinds = [
        LetterKind::Acknowledgement,
        LetterKind::Extension,
        LetterKind::Decision,
        LetterKind::Satisfaction,
    ];
    let status_url = format!("{}/status/voorbeeld", public_url.trim_end_matches('/'));
    let new = NewComplaint {
        channel: Channel::Web,
        received_at: now,
        received_by: None,
        received_where: None,
        concerns: None,
        relation: None,
        complainant: Complainant {
            name: "Sanne de Vries".into(),
            email: Some("sanne@example.nl".into()),
            phone: None,
            address: None,
            date_of_birth: None,
        },
        on_behalf_of: None,
        description: lang
            .pick(
                "De medewerker aan de telefoon was onvriendelijk.",
                "The staff member on the phone was unfriendly.",
            )
            .into(),
        language: lang,
        resolved_directly: None,
        documents: Vec::new(),
    };
    let mut events: Vec<Event> = Vec::new();
    let mut complaint: Option<Complaint> = None;
    let write = |kind: LetterKind,
                 step: &[Event],
                 all: &[Event],
                 c: &Complaint,
                 out: &mut Vec<LetterExample>| {
        for due in letters::due(profile, c, step) {
            if due.kind != kind || out.iter().any(|l| l.kind == kind) {
                continue;
            }
            let Some(trigger) = step.get(due.trigger) else {
                continue;
            };
            let letter = letters::compose(
                kind,
                &LetterInput {
                    profile,
                    reference: "2026-0042",
                    complaint: c,
                    history: all,
                    trigger,
                    public_url,
                    status_url: Some(&status_url),
                    org: &org,
                },
            )
            .map_err(|e| e.to_string());
            out.push(LetterExample { kind, letter });
        }
    };
    match register(&ctx, None, new) {
        Ok(step) => {
            events.extend(step.iter().cloned());
            if let Some(c) = Complaint::replay(&events) {
                write(LetterKind::Acknowledgement, &step, &events, &c, &mut out);
                complaint = Some(c);
            }
        }
        Err(e) => {
            return kinds
                .into_iter()
                .map(|kind| LetterExample {
                    kind,
                    letter: Err(e.message(lang).to_owned()),
                })
                .collect();
        }
    }
    let who = &carla;
    let first = |list: Vec<String>| list.into_iter().next();
    let outcome = profile
        .outcomes
        .iter()
        .map(|o| o.id)
        .find(|o| *o != klacht_core::Outcome::Ingetrokken);
    let extendable = profile
        .deadlines
        .iter()
        .find(|d| d.extendable)
        .map(|d| d.id.clone());
    let mut commands: Vec<(LetterKind, Command)> = vec![
        (
            LetterKind::Acknowledgement,
            Command::Acknowledge {
                via: Via::Email,
                note: None,
            },
        ),
        (LetterKind::Extension, Command::Assign { handler: who.id }),
    ];
    if let Some(deadline) = extendable {
        commands.push((
            LetterKind::Extension,
            Command::Extend {
                deadline,
                new_due: klacht_core::calendar::amsterdam_date(now)
                    .checked_add(jiff::Span::new().days(14))
                    .unwrap_or_else(|_| klacht_core::calendar::amsterdam_date(now)),
                reason: lang
                    .pick(
                        "Wij willen eerst met de medewerker spreken.",
                        "We want to speak to the staff member first.",
                    )
                    .into(),
                consent: false,
            },
        ));
    }
    commands.push((
        LetterKind::Decision,
        Command::RecordMeasure {
            description: lang
                .pick("Excuusbrief verstuurd.", "Letter of apology sent.")
                .into(),
        },
    ));
    if let Some(outcome) = outcome {
        commands.push((
            LetterKind::Decision,
            Command::Decide {
                outcome,
                decision: lang
                    .pick(
                        "U heeft deels gelijk: de toon was niet goed.",
                        "You are partly right: the tone was not right.",
                    )
                    .into(),
                via: Via::Email,
            },
        ));
    }
    commands.push((
        LetterKind::Satisfaction,
        Command::Classify {
            categories: first(profile.categories.iter().map(|c| c.id.clone()).collect())
                .into_iter()
                .collect(),
            severity: first(profile.severities.iter().map(|s| s.id.clone()).collect()),
            sensitive: false,
            relation: first(profile.relations.iter().map(|r| r.id.clone()).collect()),
        },
    ));
    commands.push((LetterKind::Satisfaction, Command::Close));
    let mut refused: Vec<(LetterKind, String)> = Vec::new();
    for (kind, cmd) in commands {
        let Some(c) = complaint.as_mut() else { break };
        if matches!(cmd, Command::Acknowledge { .. })
            && out.iter().any(|l| l.kind == LetterKind::Acknowledgement)
        {
            continue;
        }
        match decide(&ctx, c, who, cmd) {
            Ok(step) => {
                for e in &step {
                    c.apply(e);
                }
                events.extend(step.iter().cloned());
                for k in kinds {
                    write(k, &step, &events, c, &mut out);
                }
            }
            Err(e) => refused.push((kind, e.message(lang).to_owned())),
        }
    }
    kinds
        .into_iter()
        .map(|kind| {
            out.iter()
                .find(|l| l.kind == kind)
                .cloned()
                .unwrap_or_else(|| LetterExample {
                    kind,
                    letter: Err(refused
                        .iter()
                        .find(|(k, _)| *k == kind)
                        .map(|(_, m)| m.clone())
                        .unwrap_or_else(|| {
                            lang.pick(
                                "deze versie schrijft deze brief niet",
                                "this version does not write this letter",
                            )
                            .to_owned()
                        })),
                })
        })
        .collect()
}
