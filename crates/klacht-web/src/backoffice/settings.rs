//! The regulation's settings pages (T16): `/beheer/regeling/{id}/instellingen` lists the parts of
//! a version, `/beheer/regeling/{id}/instellingen/{part}` edits one with form fields. A save is
//! klacht-app's `settings::save`: checked as `klacht profile check` checks a file, each error at
//! its field, stored as a draft; the page of the draft then shows it with a link to its
//! comparison with the version in force.

use super::{Desk, Frame};
use crate::http::i18n::SaidHere;
use crate::http::i18n::tr;
use crate::http::page_error::PageError;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use klacht_app::regulation;
use klacht_app::settings::{self, Entry, Form, Kind, PARTS, Part, Shown};
use klacht_core::Lang;
use klacht_store::VersionState;
use serde::Deserialize;

fn base(id: i64) -> String {
    format!("/beheer/regeling/{id}/instellingen")
}

/// A label from the catalogue by a key made at run time (`settings-field-…`).
fn label(lang: Lang, prefix: &str, key: &str) -> String {
    let key = format!("{prefix}-{}", key.replace(['.', '_'], "-"));
    crate::http::i18n::tr_args(lang, &key, &[])
}

/// A form field's element id: its name without the characters a fragment link stumbles on.
fn dom_id(name: &str) -> String {
    format!("f-{}", name.replace(['[', '.'], "-").replace(']', ""))
}

/// Who may: as for the versions of the regulation.
use super::regulation::allowed;

fn not_found(desk: &Desk, path: &str) -> Response {
    super::message_with_link(
        &desk.frame(path, "dossier-not-found"),
        StatusCode::NOT_FOUND,
        tr(desk.lang, "regulation-no-such-version").to_owned(),
        "/beheer/regeling",
        tr(desk.lang, "regulation-to-the-list"),
    )
}

/// An option of a choice or a check box of a list.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// A field as the template shows it.
pub struct FieldView {
    pub id: String,
    pub name: String,
    pub label: String,
    /// `text`, `long`, `number`, `bool`, `choice` or `many`.
    pub kind: &'static str,
    pub value: String,
    pub checked: bool,
    pub required: bool,
    pub options: Vec<Opt>,
    pub error: Option<String>,
}

pub struct EntryView {
    pub index: usize,
    pub legend: String,
    pub remove: bool,
    /// An adopted version has this id (removing it warns).
    pub adopted: bool,
    /// A new entry's id (the empty entry).
    pub id_field: Option<FieldView>,
    pub fields: Vec<FieldView>,
}

fn field_view(s: &Shown, lang: Lang, errors: &[(String, String)]) -> FieldView {
    let id = dom_id(&s.name);
    let key = s.spec.key;
    let options = |values: &[&str], ticked: &dyn Fn(&str) -> bool| -> Vec<Opt> {
        values
            .iter()
            .map(|v| Opt {
                value: (*v).to_owned(),
                label: label(lang, "settings-value", v),
                checked: ticked(v),
            })
            .collect()
    };
    let (kind, options) = match s.spec.kind {
        Kind::Text | Kind::OptText => ("text", Vec::new()),
        Kind::LongText => ("long", Vec::new()),
        Kind::Number | Kind::OptNumber => ("number", Vec::new()),
        Kind::Bool => ("bool", Vec::new()),
        Kind::Choice(v) | Kind::OptChoice(v) => ("choice", options(v, &|x| x == s.value)),
        Kind::Many(v) => ("many", options(v, &|x| s.values.iter().any(|t| t == x))),
    };
    FieldView {
        error: super::error_for(errors, &id).map(str::to_owned),
        label: label(lang, "settings-field", key),
        kind,
        value: s.value.clone(),
        checked: s.value == "true",
        required: matches!(s.spec.kind, Kind::Text | Kind::Number | Kind::Choice(_)),
        options,
        name: s.name.clone(),
        id,
    }
}

fn entry_view(
    e: &Entry,
    form: &Form,
    lang: Lang,
    errors: &[(String, String)],
    new: bool,
) -> EntryView {
    let fields: Vec<FieldView> = e
        .fields
        .iter()
        .map(|s| field_view(s, lang, errors))
        .collect();
    let list = form.part.list.map(|l| l.key).unwrap_or_default();
    let id_field = new.then(|| {
        let name = format!("{list}[{}].id", e.index);
        let id = dom_id(&name);
        let ids = form.part.list.and_then(|l| l.ids);
        FieldView {
            error: super::error_for(errors, &id).map(str::to_owned),
            label: tr(lang, "settings-new-id").to_owned(),
            kind: if ids.is_some() { "choice" } else { "text" },
            value: e.id.clone(),
            checked: false,
            required: false,
            options: ids
                .map(|ids| {
                    std::iter::once(Opt {
                        value: String::new(),
                        label: tr(lang, "settings-none").to_owned(),
                        checked: e.id.is_empty(),
                    })
                    .chain(ids.iter().map(|v| Opt {
                        value: (*v).to_owned(),
                        label: label(lang, "settings-value", v),
                        checked: e.id == *v,
                    }))
                    .collect()
                })
                .unwrap_or_default(),
            name,
            id,
        }
    });
    EntryView {
        index: e.index,
        legend: if new {
            tr(lang, "settings-new-entry").to_owned()
        } else {
            e.id.clone()
        },
        remove: e.remove,
        adopted: form.adopted_ids.contains(&e.id),
        id_field,
        fields,
    }
}

// ---------------------------------------------------------------------------------------------
// The overview.

pub struct PartLink {
    pub href: String,
    pub title: String,
    pub hint: String,
}

#[derive(Template)]
#[template(path = "beheer/settings.html")]
struct OverviewPage {
    f: Frame,
    id: i64,
    label: String,
    draft: bool,
    parts: Vec<PartLink>,
}

/// `GET /beheer/regeling/{id}/instellingen`.
pub async fn overview(State(state): State<AppState>, desk: Desk, Path(id): Path<i64>) -> Response {
    let path = base(id);
    if let Err(r) = allowed(&desk, &path) {
        return r;
    }
    let version = match regulation::read(&state, id, true)
        .await
        .map_err(PageError::from)
    {
        Ok((v, _)) => v,
        Err(e) if e.is_theirs() => return not_found(&desk, &path),
        Err(e) => return super::failed(&state, desk.lang, &path, "reading a version", e),
    };
    let label_ = format!("{} {}", version.row.name, version.row.version);
    let page = OverviewPage {
        f: desk.frame_titled(
            &path,
            &format!("{} — {label_}", tr(desk.lang, "settings-title")),
        ),
        id,
        label: label_,
        draft: version.row.state == VersionState::Draft,
        parts: PARTS
            .iter()
            .map(|p| PartLink {
                href: format!("{path}/{}", p.slug),
                title: label(desk.lang, "settings-part", p.slug),
                hint: label(desk.lang, "settings-hint", p.slug),
            })
            .collect(),
    };
    crate::http::pages::html(StatusCode::OK, &page)
}

// ---------------------------------------------------------------------------------------------
// One part.

#[derive(Template)]
#[template(path = "beheer/settings_part.html")]
struct PartPage {
    f: Frame,
    csrf: String,
    id: i64,
    label: String,
    draft: bool,
    title: String,
    hint: String,
    action: String,
    saved: bool,
    fields: Vec<FieldView>,
    entries: Vec<EntryView>,
    new_entry: Option<EntryView>,
    errors: Vec<(String, String)>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PartQuery {
    /// Set after a save.
    opgeslagen: Option<String>,
}

fn part_page(
    desk: &Desk,
    id: i64,
    part: &Part,
    form: &Form,
    errors: Vec<(String, String)>,
    saved: bool,
) -> Response {
    let lang = desk.lang;
    let action = format!("{}/{}", base(id), part.slug);
    let title = label(lang, "settings-part", part.slug);
    let label_ = format!("{} {}", form.version.row.name, form.version.row.version);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = PartPage {
        f: desk
            .frame_titled(&action, &format!("{title} — {label_}"))
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        id,
        label: label_,
        draft: form.version.row.state == VersionState::Draft,
        hint: label(lang, "settings-hint", part.slug),
        title,
        action,
        saved,
        fields: form
            .fields
            .iter()
            .map(|s| field_view(s, lang, &errors))
            .collect(),
        entries: form
            .entries
            .iter()
            .map(|e| entry_view(e, form, lang, &errors, false))
            .collect(),
        new_entry: form
            .new_entry
            .as_ref()
            .map(|e| entry_view(e, form, lang, &errors, true)),
        errors,
    };
    crate::http::pages::html(status, &page)
}

/// `GET /beheer/regeling/{id}/instellingen/{part}`.
pub async fn show(
    State(state): State<AppState>,
    desk: Desk,
    Path((id, slug)): Path<(i64, String)>,
    Query(q): Query<PartQuery>,
) -> Response {
    let path = format!("{}/{slug}", base(id));
    if let Err(r) = allowed(&desk, &path) {
        return r;
    }
    let Some(part) = settings::part(&slug) else {
        return not_found(&desk, &path);
    };
    match settings::form(&state, &desk.user, id, part, None)
        .await
        .map_err(PageError::from)
    {
        Ok(form) => part_page(&desk, id, part, &form, Vec::new(), q.opgeslagen.is_some()),
        Err(e) if e.is_theirs() => not_found(&desk, &path),
        Err(e) => super::failed(
            &state,
            desk.lang,
            &path,
            "showing a part of the regulation",
            e,
        ),
    }
}

/// `POST /beheer/regeling/{id}/instellingen/{part}`: saves the part as a draft and shows the
/// draft's part again; else the form as typed with every error at its field.
pub async fn save(
    State(state): State<AppState>,
    desk: Desk,
    Path((id, slug)): Path<(i64, String)>,
    body: axum::body::Bytes,
) -> Response {
    let sent: Vec<(String, String)> = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let path = format!("{}/{slug}", base(id));
    if let Err(r) = allowed(&desk, &path) {
        return r;
    }
    let Some(part) = settings::part(&slug) else {
        return not_found(&desk, &path);
    };
    let sent: Vec<(String, String)> = sent.into_iter().filter(|(k, _)| k != "csrf").collect();
    match settings::save(&state, &desk.user, id, part, &sent)
        .await
        .map_err(PageError::from)
    {
        Ok(saved) => {
            Redirect::to(&format!("{}/{slug}?opgeslagen=1", base(saved.id))).into_response()
        }
        Err(e) if e.is_theirs() && !e.fields().is_empty() => {
            let errors: Vec<(String, String)> = e
                .fields()
                .iter()
                .map(|p| (dom_id(&p.field), p.said_here(desk.lang)))
                .collect();
            match settings::form(&state, &desk.user, id, part, Some(&sent)).await {
                Ok(form) => part_page(&desk, id, part, &form, errors, false),
                Err(e) => super::failed(
                    &state,
                    desk.lang,
                    &path,
                    "showing a part of the regulation",
                    e,
                ),
            }
        }
        Err(e) if e.is_theirs() => not_found(&desk, &path),
        Err(e) => super::failed(
            &state,
            desk.lang,
            &path,
            "saving a part of the regulation",
            e,
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// The letters' preview.

pub struct LetterView {
    pub title: String,
    pub lang_label: &'static str,
    pub lang: &'static str,
    pub subject: String,
    pub body: String,
    pub problem: String,
}

#[derive(Template)]
#[template(path = "beheer/settings_letters.html")]
struct LettersPage {
    f: Frame,
    id: i64,
    label: String,
    letters: Vec<LetterView>,
}

/// `GET /beheer/regeling/{id}/brieven`: each letter of the version, in Dutch and in English, as
/// written for an example complaint.
pub async fn letters(State(state): State<AppState>, desk: Desk, Path(id): Path<i64>) -> Response {
    let path = format!("/beheer/regeling/{id}/brieven");
    if let Err(r) = allowed(&desk, &path) {
        return r;
    }
    let loaded = match state.profiles.get(&state.store, id).await {
        Ok(l) => l,
        Err(_) => return not_found(&desk, &path),
    };
    let profile = &loaded.profile;
    let label_ = format!("{} {}", profile.name, profile.version);
    let now = state.clock.now();
    let mut letters = Vec::new();
    for (lang, code, key) in [
        (Lang::Nl, "nl", "settings-in-dutch"),
        (Lang::En, "en", "settings-in-english"),
    ] {
        for l in settings::letter_examples(profile, lang, &state.settings.public_url, now) {
            let (subject, body, problem) = match l.letter {
                Ok(c) => (c.subject, c.body, String::new()),
                Err(e) => (String::new(), String::new(), e),
            };
            letters.push(LetterView {
                title: label(desk.lang, "settings-letter", l.kind.as_str()),
                lang_label: tr(desk.lang, key),
                lang: code,
                subject,
                body,
                problem,
            });
        }
    }
    let page = LettersPage {
        f: desk.frame_titled(
            &path,
            &format!("{} — {label_}", tr(desk.lang, "settings-letter-preview")),
        ),
        id,
        label: label_,
        letters,
    };
    crate::http::pages::html(StatusCode::OK, &page)
}
