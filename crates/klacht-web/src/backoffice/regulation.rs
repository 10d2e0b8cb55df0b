//! The regulation's versions in the back office (T11, T16), for the coordinator and the
//! administrator: `/beheer/regeling` lists every version with when it applies; a new version is
//! written as a draft (from the one in force, or any other), checked as `klacht profile check`
//! checks it with every error at its line, previewed as the public page will read, compared with
//! the version in force, and adopted with the date it takes effect — or discarded. The use cases
//! are klacht-app's `regulation`, as for `/api/v1/regulation/versions`.

use super::{Desk, Frame};
use crate::http::forms::Text;
use crate::http::i18n::SaidHere;
use crate::http::i18n::tr;
use crate::http::page_error::PageError;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use klacht_app::regulation::{self, Line, Version};
use klacht_core::Lang;
use klacht_core::profile::versions::{self, Validity};
use klacht_store::VersionState;
use serde::Deserialize;

const LIST: &str = "/beheer/regeling";
const NEW: &str = "/beheer/regeling/nieuw";

type Errors = Vec<(String, String)>;

fn path_of(id: i64) -> String {
    format!("{LIST}/{id}")
}

/// Only the coordinator and the administrator; others get the refusal's page.
pub(super) fn allowed(desk: &Desk, path: &str) -> Result<(), Response> {
    regulation::permitted(Some(&desk.user)).map_err(|e| {
        super::refusal(
            desk,
            path,
            &PageError::from(e),
            "/beheer",
            tr(desk.lang, "dossier-to-the-dashboard"),
        )
    })
}

/// A version as a row of the list and the head of its page.
pub struct Row {
    pub id: i64,
    pub href: String,
    pub label: String,
    pub draft: bool,
    pub status: &'static str,
    pub from: String,
    pub until: String,
    pub note: String,
    pub adopted: String,
}

fn row(v: &Version, today: Date, lang: Lang) -> Row {
    let t = |k| tr(lang, k);
    let (status, from, until) = match (v.row.state, v.validity) {
        (VersionState::Draft, _) => (t("regulation-draft"), String::new(), String::new()),
        (_, Some(Validity::From { from, until })) => (
            if v.in_force {
                t("regulation-in-force")
            } else if from > today {
                t("regulation-future")
            } else {
                t("regulation-past")
            },
            super::long_date(from, lang),
            until
                .and_then(versions::last_day)
                .map(|d| super::long_date(d, lang))
                .unwrap_or_default(),
        ),
        (_, _) => (
            t("regulation-replaced"),
            super::long_date(v.row.adopted_on, lang),
            String::new(),
        ),
    };
    Row {
        id: v.row.id,
        href: path_of(v.row.id),
        label: format!("{} {}", v.row.name, v.row.version),
        draft: v.row.state == VersionState::Draft,
        status,
        from,
        until,
        note: v.row.note.clone().unwrap_or_default(),
        adopted: v.row.adopted_at.map(super::when).unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "beheer/regulation_list.html")]
struct ListPage {
    f: Frame,
    rows: Vec<Row>,
}

/// `GET /beheer/regeling`.
pub async fn list(State(state): State<AppState>, desk: Desk) -> Response {
    if let Err(r) = allowed(&desk, LIST) {
        return r;
    }
    let versions = match regulation::list(&state, true).await {
        Ok(v) => v,
        Err(e) => return super::failed(&state, desk.lang, LIST, "listing the versions", e),
    };
    let today = klacht_core::calendar::amsterdam_date(state.clock.now());
    let mut rows: Vec<Row> = versions.iter().map(|v| row(v, today, desk.lang)).collect();
    rows.reverse();
    let page = ListPage {
        f: desk.frame(LIST, "regulation-title"),
        rows,
    };
    crate::http::pages::html(StatusCode::OK, &page)
}

fn not_found(desk: &Desk, path: &str) -> Response {
    super::message_with_link(
        &desk.frame(path, "dossier-not-found"),
        StatusCode::NOT_FOUND,
        tr(desk.lang, "regulation-no-such-version").to_owned(),
        LIST,
        tr(desk.lang, "regulation-to-the-list"),
    )
}

// ---------------------------------------------------------------------------------------------
// A new draft.

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewQuery {
    /// The version to start from (default: the one in force).
    van: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DraftForm {
    toml: Text,
    note: Text,
}

#[derive(Template)]
#[template(path = "beheer/regulation_edit.html")]
struct EditPage {
    f: Frame,
    csrf: String,
    toml: String,
    note: String,
    from: String,
    errors: Errors,
}

impl EditPage {
    fn error(&self, name: &str) -> Option<&str> {
        super::error_for(&self.errors, name)
    }
}

fn edit_page(desk: &Desk, toml: String, note: String, from: String, errors: Errors) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = EditPage {
        f: desk
            .frame(NEW, "regulation-new-title")
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        toml,
        note,
        from,
        errors,
    };
    crate::http::pages::html(status, &page)
}

/// `GET /beheer/regeling/nieuw[?van=ID]`: the text of a version to change into a new one.
pub async fn new_form(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<NewQuery>,
) -> Response {
    if let Err(r) = allowed(&desk, NEW) {
        return r;
    }
    let id = q.van.unwrap_or_else(|| state.regulation().id);
    match regulation::read(&state, id, true).await {
        Ok((v, toml)) => {
            let from = format!("{} {}", v.row.name, v.row.version);
            edit_page(&desk, toml, String::new(), from, Vec::new())
        }
        Err(e) => super::failed(&state, desk.lang, NEW, "reading a version", e),
    }
}

/// The messages of a profile's errors, each at the text field, with its line.
fn toml_errors(e: &PageError, lang: Lang) -> Errors {
    e.fields()
        .iter()
        .map(|p| {
            let message = p.said_here(lang);
            let message = if p.field == "toml" || p.field == "version" {
                message
            } else {
                format!("{message} ({})", p.field)
            };
            ("toml".to_owned(), message)
        })
        .collect()
}

/// `POST /beheer/regeling/nieuw`: saves the text as a draft and shows it; else the text again
/// with every error.
pub async fn create(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let sent: DraftForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    if let Err(r) = allowed(&desk, NEW) {
        return r;
    }
    let toml = sent.toml.get().unwrap_or_default().to_owned();
    let note = sent.note.get().unwrap_or_default().to_owned();
    if toml.is_empty() {
        let errors = vec![(
            "toml".to_owned(),
            tr(desk.lang, "regulation-toml-required").to_owned(),
        )];
        return edit_page(&desk, toml, note, String::new(), errors);
    }
    match regulation::save_draft(&state, &desk.user, &format!("{toml}\n"), Some(&note))
        .await
        .map_err(PageError::from)
    {
        Ok(stored) => Redirect::to(&path_of(stored.id)).into_response(),
        Err(e) if e.is_theirs() => {
            let errors = toml_errors(&e, desk.lang);
            edit_page(&desk, toml, note, String::new(), errors)
        }
        Err(e) => super::failed(&state, desk.lang, NEW, "saving a draft", e),
    }
}

// ---------------------------------------------------------------------------------------------
// One version.

/// A line of a comparison.
pub struct DiffLine {
    /// `same`, `removed`, `added` or `skipped`.
    pub kind: &'static str,
    pub text: String,
}

fn diff_lines(old: &str, new: &str, lang: Lang) -> Vec<DiffLine> {
    regulation::compare(old, new)
        .into_iter()
        .map(|l| match l {
            Line::Same(t) => DiffLine {
                kind: "same",
                text: t,
            },
            Line::Removed(t) => DiffLine {
                kind: "removed",
                text: t,
            },
            Line::Added(t) => DiffLine {
                kind: "added",
                text: t,
            },
            Line::Skipped(n) => DiffLine {
                kind: "skipped",
                text: crate::http::i18n::tr_count(
                    lang,
                    "regulation-lines-unchanged",
                    "count",
                    i64::try_from(n).unwrap_or(i64::MAX),
                ),
            },
        })
        .collect()
}

#[derive(Template)]
#[template(path = "beheer/regulation_version.html")]
struct VersionPage {
    f: Frame,
    csrf: String,
    v: Row,
    toml: String,
    /// The version compared with: the one in force, or the one chosen; none when it is this one.
    against: Option<Row>,
    diff: Vec<DiffLine>,
    /// Every other version to compare with: (id, label, chosen).
    others: Vec<(i64, String, bool)>,
    /// The adoption form's date (a draft): sent, or today.
    adopt_on: String,
    adopt_note: String,
    errors: Errors,
}

impl VersionPage {
    fn error(&self, name: &str) -> Option<&str> {
        super::error_for(&self.errors, name)
    }
}

async fn version_page(
    state: &AppState,
    desk: &Desk,
    id: i64,
    compare_with: Option<i64>,
    adopt_on: Option<String>,
    adopt_note: String,
    errors: Errors,
) -> Response {
    let path = path_of(id);
    let today = klacht_core::calendar::amsterdam_date(state.clock.now());
    let (version, toml) = match regulation::read(state, id, true)
        .await
        .map_err(PageError::from)
    {
        Ok(v) => v,
        Err(e) if e.is_theirs() => return not_found(desk, &path),
        Err(e) => return super::failed(state, desk.lang, &path, "reading a version", e),
    };
    let all = match regulation::list(state, true).await {
        Ok(v) => v,
        Err(e) => return super::failed(state, desk.lang, &path, "listing the versions", e),
    };
    let other = compare_with
        .filter(|o| all.iter().any(|v| v.row.id == *o))
        .unwrap_or(state.regulation().id);
    let others = all
        .iter()
        .rev()
        .filter(|v| v.row.id != id)
        .map(|v| {
            let label = format!("{} {}", v.row.name, v.row.version);
            (v.row.id, label, v.row.id == other)
        })
        .collect();
    let (against, diff) = if other == id {
        (None, Vec::new())
    } else {
        match regulation::read(state, other, true).await {
            Ok((cv, ctoml)) => (
                Some(row(&cv, today, desk.lang)),
                diff_lines(&ctoml, &toml, desk.lang),
            ),
            Err(e) => return super::failed(state, desk.lang, &path, "reading a version", e),
        }
    };
    let v = row(&version, today, desk.lang);
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = VersionPage {
        f: desk
            .frame_titled(
                &path,
                &format!("{} — {}", tr(desk.lang, "regulation-title"), v.label),
            )
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        v,
        toml,
        against,
        diff,
        others,
        adopt_on: adopt_on.unwrap_or_else(|| today.to_string()),
        adopt_note,
        errors,
    };
    crate::http::pages::html(status, &page)
}

/// `?met=`: the version to compare with (else the one in force).
#[derive(Debug, Default, Deserialize)]
pub struct CompareQuery {
    met: Option<String>,
}

/// `GET /beheer/regeling/{id}[?met={other}]`.
pub async fn show(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    Query(q): Query<CompareQuery>,
) -> Response {
    if let Err(r) = allowed(&desk, &path_of(id)) {
        return r;
    }
    let with = q.met.and_then(|m| m.trim().parse::<i64>().ok());
    version_page(&state, &desk, id, with, None, String::new(), Vec::new()).await
}

/// `GET /beheer/regeling/{id}/voorbeeld`: the public page as this version will read.
pub async fn preview(State(state): State<AppState>, desk: Desk, Path(id): Path<i64>) -> Response {
    let path = format!("{}/voorbeeld", path_of(id));
    if let Err(r) = allowed(&desk, &path) {
        return r;
    }
    let loaded = match state.profiles.get(&state.store, id).await {
        Ok(l) => l,
        Err(_) => return not_found(&desk, &path),
    };
    let text = match klacht_core::texts::public_text(
        &loaded.profile,
        &loaded.profile.texts.regulation,
        desk.lang,
        &state.settings.public_url,
    ) {
        Ok(t) => t,
        Err(e) => {
            return super::failed(
                &state,
                desk.lang,
                &path,
                "the regulation's text of a draft",
                klacht_app::AppError::unexpected(e.to_string()),
            );
        }
    };
    let page = PreviewPage {
        f: desk.frame_titled(
            &path,
            &format!(
                "{} — {} {}",
                tr(desk.lang, "regulation-preview"),
                loaded.profile.name,
                loaded.profile.version
            ),
        ),
        back: path_of(id),
        body_html: crate::http::markdown::to_html(&text, pulldown_cmark::HeadingLevel::H2),
    };
    crate::http::pages::html(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "beheer/regulation_preview.html")]
struct PreviewPage {
    f: Frame,
    back: String,
    body_html: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AdoptForm {
    adopted_on: Text,
    note: Text,
    confirm: Text,
}

/// `POST /beheer/regeling/{id}/vaststellen`: adopts a draft with the date it takes effect.
pub async fn adopt(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Response {
    let sent: AdoptForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let path = path_of(id);
    if let Err(r) = allowed(&desk, &path) {
        return r;
    }
    let lang = desk.lang;
    let on = sent.adopted_on.get().unwrap_or_default().to_owned();
    let note = sent.note.get().unwrap_or_default().to_owned();
    let mut errors: Errors = Vec::new();
    let date = on.parse::<Date>().ok();
    if date.is_none() {
        errors.push((
            "adopted_on".into(),
            tr(lang, "regulation-adopted-on-as-a-date").to_owned(),
        ));
    }
    if sent.confirm.get().is_none() {
        errors.push((
            "confirm".into(),
            tr(lang, "regulation-confirm-the-adoption").to_owned(),
        ));
    }
    if let (Some(date), true) = (date, errors.is_empty()) {
        match regulation::adopt(&state, &desk.user, id, date, Some(&note))
            .await
            .map_err(PageError::from)
        {
            Ok(_) => return Redirect::to(&path).into_response(),
            Err(e) if e.is_theirs() => {
                let fields = e.fields();
                if fields.is_empty() {
                    errors.push(("adopted_on".into(), e.message_in(lang)));
                } else {
                    errors.extend(
                        fields
                            .iter()
                            .map(|p| ("adopted_on".to_owned(), p.said_here(lang))),
                    );
                }
            }
            Err(e) => return super::failed(&state, lang, &path, "adopting a version", e),
        }
    }
    version_page(&state, &desk, id, None, Some(on), note, errors).await
}

/// `POST /beheer/regeling/{id}/verwijderen`: discards a draft.
pub async fn discard(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Response {
    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    struct Empty {}
    if let Err(r) = desk.posted::<Empty>(&body) {
        return r;
    }
    let path = path_of(id);
    if let Err(r) = allowed(&desk, &path) {
        return r;
    }
    match regulation::discard(&state, &desk.user, id)
        .await
        .map_err(PageError::from)
    {
        Ok(()) => Redirect::to(LIST).into_response(),
        Err(e) if e.is_theirs() => not_found(&desk, &path),
        Err(e) => super::failed(&state, desk.lang, &path, "discarding a draft", e),
    }
}
