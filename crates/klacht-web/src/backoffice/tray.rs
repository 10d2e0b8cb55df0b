//! The post tray (`/beheer/postvak`, issue 17): mail that did not join a dossier by itself, for
//! the acting coordinator or a registrar. Each message shows its sender, subject, text (as plain
//! text: an HTML mail is read as text, nothing of its markup runs) and attachments, and is dealt
//! with in one step: made a complaint (the fields taken from the mail, edited first), added to an
//! existing complaint, or marked not a complaint with a reason. The use cases are
//! `klacht_app::mail_in`'s.

use super::Desk;
use crate::http::forms::Text;
use crate::http::i18n::SaidHere;
use crate::http::i18n::tr;
use crate::http::page_error::PageError;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use klacht_app::mail_in::{self, AsComplaint};
use klacht_store::MailIn;
use serde::Deserialize;

const LIST: &str = "/beheer/postvak";

type Errors = Vec<(String, String)>;

fn path_of(id: i64) -> String {
    format!("{LIST}/{id}")
}

fn to_dashboard(desk: &Desk, path: &str, e: PageError, state: &AppState) -> Response {
    if e.is_forbidden() {
        return super::refusal(
            desk,
            path,
            &e,
            "/beheer",
            tr(desk.lang, "dossier-to-the-dashboard"),
        );
    }
    if e.is_not_found() {
        return super::message_with_link(
            &desk.frame(path, "dossier-not-found"),
            StatusCode::NOT_FOUND,
            e.message_in(desk.lang),
            LIST,
            tr(desk.lang, "tray-back-to-the-tray"),
        );
    }
    super::failed(state, desk.lang, path, "the post tray", e)
}

/// A message in the list.
pub struct Row {
    pub href: String,
    pub arrived: String,
    pub from: String,
    pub subject: String,
    pub kind: String,
}

fn kind_label(m: &MailIn, lang: klacht_core::Lang) -> String {
    let key = match m.kind.as_str() {
        "malformed" => "tray-kind-malformed",
        "bounce" => "tray-kind-bounce",
        "auto_reply" => "tray-kind-auto-reply",
        "list" => "tray-kind-list",
        _ => "tray-kind-mail",
    };
    tr(lang, key).to_owned()
}

fn from_of(m: &MailIn) -> String {
    match (&m.sender_name, &m.sender) {
        (Some(n), Some(e)) => format!("{n} <{e}>"),
        (None, Some(e)) => e.clone(),
        (Some(n), None) => n.clone(),
        (None, None) => String::new(),
    }
}

#[derive(Template)]
#[template(path = "beheer/tray.html")]
struct ListPage {
    f: super::Frame,
    rows: Vec<Row>,
    done: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    gedaan: Option<String>,
}

/// `GET /beheer/postvak`.
pub async fn list(
    State(state): State<AppState>,
    desk: Desk,
    Query(q): Query<ListQuery>,
) -> Response {
    let mail = match mail_in::tray_for(&state, &desk.user).await {
        Ok(m) => m,
        Err(e) => return to_dashboard(&desk, LIST, PageError::from(e), &state),
    };
    let rows = mail
        .iter()
        .map(|m| Row {
            href: path_of(m.id),
            arrived: super::when(m.arrived_at),
            from: from_of(m),
            subject: m
                .subject
                .clone()
                .unwrap_or_else(|| tr(desk.lang, "tray-no-subject").to_owned()),
            kind: kind_label(m, desk.lang),
        })
        .collect();
    let page = ListPage {
        f: desk.frame(LIST, "tray-title"),
        rows,
        done: q.gedaan.is_some(),
    };
    crate::http::pages::html(StatusCode::OK, &page)
}

/// An attachment as the page lists it.
pub struct AttachmentView {
    pub name: String,
    pub kind: String,
    pub size: String,
}

#[derive(Template)]
#[template(path = "beheer/tray_message.html")]
struct MessagePage {
    f: super::Frame,
    csrf: String,
    id: i64,
    arrived: String,
    from: String,
    subject: String,
    kind: String,
    problem: Option<String>,
    truncated: bool,
    text: String,
    attachments: Vec<AttachmentView>,
    left_out: Vec<AttachmentView>,
    /// Still in the tray: the three ways on.
    open: bool,
    /// Where it went, when no longer in the tray.
    went: Option<String>,
    form: Sent,
    errors: Errors,
}

impl MessagePage {
    fn error(&self, name: &str) -> Option<&str> {
        super::error_for(&self.errors, name)
    }
}

/// What the forms of a message send (each form its own fields).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct Sent {
    #[serde(default)]
    name: Text,
    #[serde(default)]
    email: Text,
    #[serde(default)]
    description: Text,
    #[serde(default)]
    language: Text,
    #[serde(default)]
    reference: Text,
    #[serde(default)]
    reason: Text,
}

fn size(n: usize) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} kB", n.div_ceil(1024))
    }
}

async fn message_page(
    state: &AppState,
    desk: &Desk,
    id: i64,
    sent: Option<Sent>,
    errors: Errors,
) -> Response {
    let path = path_of(id);
    let (m, parsed) = match mail_in::message(state, &desk.user, id).await {
        Ok(x) => x,
        Err(e) => return to_dashboard(desk, &path, PageError::from(e), state),
    };
    let lang = desk.lang;
    let open = m.state == klacht_store::MailInState::Tray;
    let went = (!open).then(|| {
        let key = format!("tray-went-{}", m.state.as_str().replace('_', "-"));
        let what = crate::http::i18n::tr_args(lang, &key, &[]);
        match &m.complaint {
            Some(r) => format!("{what} {r}"),
            None => what,
        }
    });
    let form = sent.unwrap_or_else(|| Sent {
        name: Text::from(
            (parsed
                .from
                .as_ref()
                .and_then(|a| a.name.clone())
                .unwrap_or_default())
            .as_str(),
        ),
        email: Text::from(
            (parsed
                .from
                .as_ref()
                .map(|a| a.email.clone())
                .unwrap_or_default())
            .as_str(),
        ),
        description: Text::from(parsed.text.as_str()),
        ..Sent::default()
    });
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = MessagePage {
        f: desk
            .frame(&path, "tray-message-title")
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        id,
        arrived: super::when(m.arrived_at),
        from: from_of(&m),
        subject: m
            .subject
            .clone()
            .unwrap_or_else(|| tr(lang, "tray-no-subject").to_owned()),
        kind: kind_label(&m, lang),
        problem: m.problem.clone(),
        truncated: m.truncated,
        text: if parsed.malformed.is_some() {
            parsed.raw_text.clone().unwrap_or_default()
        } else {
            parsed.text.clone()
        },
        attachments: parsed
            .attachments
            .iter()
            .map(|a| AttachmentView {
                name: a.name.clone(),
                kind: a.content_type.clone(),
                size: size(a.bytes.len()),
            })
            .collect(),
        left_out: parsed
            .left_out
            .iter()
            .map(|a| AttachmentView {
                name: a.name.clone(),
                kind: a.content_type.clone(),
                size: size(a.size),
            })
            .collect(),
        open,
        went,
        form,
        errors,
    };
    crate::http::pages::html(status, &page)
}

/// `GET /beheer/postvak/{id}`.
pub async fn show(State(state): State<AppState>, desk: Desk, Path(id): Path<i64>) -> Response {
    message_page(&state, &desk, id, None, Vec::new()).await
}

/// The form again with `e` at its fields (or under `general`), or the error page.
async fn again(
    state: &AppState,
    desk: &Desk,
    id: i64,
    sent: Sent,
    e: klacht_app::AppError,
    general: &str,
) -> Response {
    let e = PageError::from(e);
    if !e.is_theirs() || e.is_forbidden() || e.is_not_found() {
        return to_dashboard(desk, &path_of(id), e, state);
    }
    let fields = e.fields();
    let errors: Errors = if fields.is_empty() {
        vec![(general.to_owned(), e.message_in(desk.lang))]
    } else {
        fields
            .iter()
            .map(|f| (f.field.clone(), f.said_here(desk.lang)))
            .collect()
    };
    message_page(state, desk, id, Some(sent), errors).await
}

/// `POST /beheer/postvak/{id}/klacht`: makes a complaint of it; to its dossier.
pub async fn register(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Response {
    let sent: Sent = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let c = AsComplaint {
        name: sent.name.as_str().to_owned(),
        email: sent.email.as_str().to_owned(),
        description: sent.description.as_str().to_owned(),
        language: sent.language.given(),
    };
    match mail_in::register_from(&state, &desk.user, id, &c).await {
        Ok(r) => Redirect::to(&format!("/beheer/klachten/{}?geregistreerd=1", r.reference))
            .into_response(),
        Err(e) => again(&state, &desk, id, sent, e, "register").await,
    }
}

/// `POST /beheer/postvak/{id}/toevoegen`: adds it to an existing complaint; to its dossier.
pub async fn add(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Response {
    let sent: Sent = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    if sent.reference.get().is_none() {
        let errors = vec![(
            "reference".to_owned(),
            tr(desk.lang, "tray-give-a-reference").to_owned(),
        )];
        return message_page(&state, &desk, id, Some(sent), errors).await;
    }
    match mail_in::add_to(&state, &desk.user, id, sent.reference.as_str()).await {
        Ok(r) => Redirect::to(&format!("/beheer/klachten/{r}")).into_response(),
        Err(e @ klacht_app::AppError::NotFound { .. }) => {
            let errors = vec![(
                "reference".to_owned(),
                PageError::from(e).message_in(desk.lang),
            )];
            message_page(&state, &desk, id, Some(sent), errors).await
        }
        Err(e) => again(&state, &desk, id, sent, e, "reference").await,
    }
}

/// `POST /beheer/postvak/{id}/geen-klacht`: not a complaint, with the reason; back to the tray.
pub async fn not_a_complaint(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Response {
    let sent: Sent = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    match mail_in::not_a_complaint(&state, &desk.user, id, sent.reason.as_str()).await {
        Ok(()) => Redirect::to(&format!("{LIST}?gedaan=1")).into_response(),
        Err(e) => again(&state, &desk, id, sent, e, "reason").await,
    }
}
