//! The data-subject desk in the back office (AVG art. 12, 15, 16, 17; K8, T10):
//! `/beheer/verzoeken` lists the requests of people about their data (open ones first, late ones
//! marked), a form registers one, and a request's page shows the person, its dates and log, the
//! person's complaints and the steps that fit: extend once, export (JSON and PDF), correct a
//! detail, erase (confirmed, with what became of each complaint) and settle. For whoever may
//! oversee retention (the coordinator, or the deputy acting for them). The same use cases as
//! `/api/v1/privacy/requests` (`klacht_app::desk`).

use super::{Desk, Frame};
use crate::http::forms::Text;
use crate::http::i18n::SaidHere;
use crate::http::i18n::{tr, tr_args};
use crate::http::page_error::PageError;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use klacht_app::FieldProblem;
use klacht_app::desk::{self, Erased, Export, RequestInput};
use klacht_core::Lang;
use klacht_core::calendar::amsterdam_date;
use klacht_core::subject::{Field, Relation, RequestKind};
use klacht_store::SubjectRequest;
use serde::Deserialize;

const LIST: &str = "/beheer/verzoeken";
const NEW: &str = "/beheer/verzoeken/nieuw";

type Errors = Vec<(String, String)>;

fn path_of(id: i64) -> String {
    format!("{LIST}/{id}")
}

pub fn kind_label(k: RequestKind, lang: Lang) -> &'static str {
    tr(
        lang,
        match k {
            RequestKind::Access => "requests-kind-access",
            RequestKind::Rectification => "requests-kind-rectification",
            RequestKind::Erasure => "requests-kind-erasure",
        },
    )
}

fn relation_label(r: Relation, lang: Lang) -> &'static str {
    tr(
        lang,
        match r {
            Relation::Complainant => "requests-relation-complainant",
            Relation::Represented => "requests-relation-represented",
        },
    )
}

/// What a correctable detail of the complainant is called (here and on the dossier's step).
pub(super) fn field_label(f: Field, lang: Lang) -> &'static str {
    tr(
        lang,
        match f {
            Field::Name => "requests-field-name",
            Field::Email => "requests-field-email",
            Field::Phone => "requests-field-phone",
            Field::Address => "requests-field-address",
            Field::DateOfBirth => "requests-field-date-of-birth",
            Field::OnBehalfOf => "requests-field-on-behalf-of",
        },
    )
}

/// The person in one line: name, e-mail address, phone number (what they gave).
fn person_line(r: &SubjectRequest) -> String {
    let p = &r.person;
    [&p.name, &p.email, &p.phone]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks the signed-in person may oversee the desk; else the refusal's page.
async fn allowed(state: &AppState, desk: &Desk, path: &str) -> Result<(), Response> {
    match klacht_app::privacy::may_oversee(state, &desk.user)
        .await
        .map_err(PageError::from)
    {
        Ok(()) => Ok(()),
        Err(e) if e.is_forbidden() => Err(super::refusal(
            desk,
            path,
            &e,
            "/beheer",
            tr(desk.lang, "dossier-to-the-dashboard"),
        )),
        Err(e) => Err(super::failed(
            state,
            desk.lang,
            path,
            "checking who oversees the desk",
            e,
        )),
    }
}

/// The message for a field problem, in the page's words where the page has them.
fn field_message(p: &FieldProblem, lang: Lang) -> String {
    use klacht_app::Problem;
    match (p.field.as_str(), p.problem) {
        ("kind", _) => tr(lang, "requests-choose-a-kind").to_owned(),
        ("received_on", _) => tr(lang, "requests-received-not-in-the-future").to_owned(),
        (_, Problem::Required) => tr(lang, "dossier-fill-this-in").to_owned(),
        (_, Problem::Text(t)) => format!("{}.", crate::http::i18n::text_problem(lang, t)),
        _ => p.said_here(lang),
    }
}

/// What a page says about a failed step: each bad field, or the refusal under `general`.
fn page_errors(e: &PageError, lang: Lang, general: &str) -> Errors {
    let fields = e.fields();
    if fields.is_empty() {
        return vec![(general.to_owned(), e.message_in(lang))];
    }
    fields
        .iter()
        .map(|f| (f.field.clone(), field_message(f, lang)))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The list.

/// A request in the list.
pub struct ListRow {
    pub id: i64,
    pub kind: &'static str,
    pub person: String,
    pub received: String,
    pub due: String,
    /// Open and past its due date.
    pub late: bool,
    pub extended: bool,
    /// The day it was settled, if it was.
    pub settled: Option<String>,
}

pub fn list_row(r: &SubjectRequest, today: Date, lang: Lang) -> ListRow {
    ListRow {
        id: r.id,
        kind: kind_label(r.kind, lang),
        person: person_line(r),
        received: super::long_date(r.received_on, lang),
        due: super::long_date(r.due_on, lang),
        late: r.completed_at.is_none() && r.due_on < today,
        extended: r.extended_at.is_some(),
        settled: r
            .completed_at
            .map(|t| super::long_date(amsterdam_date(t), lang)),
    }
}

#[derive(Template)]
#[template(path = "beheer/requests.html")]
struct ListPage {
    f: Frame,
    open: Vec<ListRow>,
    settled: Vec<ListRow>,
}

/// `GET /beheer/verzoeken`.
pub async fn list(State(state): State<AppState>, desk: Desk) -> Response {
    if let Err(r) = allowed(&state, &desk, LIST).await {
        return r;
    }
    let all = match desk::list(&state, &desk.user).await {
        Ok(l) => l,
        Err(e) => return super::failed(&state, desk.lang, LIST, "listing the requests", e),
    };
    let today = amsterdam_date(state.clock.now());
    let (open, settled): (Vec<_>, Vec<_>) = all.iter().partition(|r| r.completed_at.is_none());
    let page = ListPage {
        f: desk.frame(LIST, "requests-title"),
        open: open.iter().map(|r| list_row(r, today, desk.lang)).collect(),
        settled: settled
            .iter()
            .map(|r| list_row(r, today, desk.lang))
            .collect(),
    };
    crate::http::pages::html(StatusCode::OK, &page)
}

// ---------------------------------------------------------------------------------------------
// Registering one.

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct NewForm {
    kind: Text,
    name: Text,
    email: Text,
    phone: Text,
    received_on: Text,
    note: Text,
}

pub struct Opt {
    pub value: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "beheer/request_new.html")]
struct NewPage {
    f: Frame,
    csrf: String,
    kinds: Vec<Opt>,
    sent: NewForm,
    errors: Errors,
    /// The errors above the form: in the form's order, a message said once (no way to identify
    /// the person is one problem of three fields).
    summary: Errors,
}

impl NewPage {
    fn error(&self, name: &str) -> Option<&str> {
        super::error_for(&self.errors, name)
    }
}

fn new_page(desk: &Desk, sent: NewForm, mut errors: Errors, status: StatusCode) -> Response {
    const ORDER: [&str; 6] = ["kind", "name", "email", "phone", "received_on", "note"];
    errors.sort_by_key(|(field, _)| ORDER.iter().position(|f| f == field));
    let mut summary: Errors = Vec::new();
    for (field, message) in &errors {
        if !summary.iter().any(|(_, m)| m == message) {
            summary.push((field.clone(), message.clone()));
        }
    }
    let page = NewPage {
        f: desk
            .frame(NEW, "requests-new-title")
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        kinds: RequestKind::ALL
            .into_iter()
            .map(|k| Opt {
                value: k.as_str(),
                label: kind_label(k, desk.lang),
            })
            .collect(),
        sent,
        errors,
        summary,
    };
    crate::http::pages::html(status, &page)
}

/// `GET /beheer/verzoeken/nieuw`: the form, received today.
pub async fn new_form(State(state): State<AppState>, desk: Desk) -> Response {
    if let Err(r) = allowed(&state, &desk, NEW).await {
        return r;
    }
    let today = amsterdam_date(state.clock.now()).to_string();
    let sent = NewForm {
        received_on: Text::from(today.as_str()),
        ..NewForm::default()
    };
    new_page(&desk, sent, Vec::new(), StatusCode::OK)
}

/// `POST /beheer/verzoeken/nieuw`: registers it and shows its page; else the form again with
/// every problem at its field.
pub async fn create(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let sent: NewForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let lang = desk.lang;
    let received_on = sent.received_on.get().map(str::parse::<Date>);
    let input = RequestInput {
        kind: sent.kind.given(),
        name: sent.name.given(),
        email: sent.email.given(),
        phone: sent.phone.given(),
        received_on: received_on.clone().and_then(Result::ok),
        note: sent.note.given(),
    };
    let mut errors: Errors = Vec::new();
    if let Some(Err(_)) = received_on {
        errors.push((
            "received_on".into(),
            tr(lang, "requests-received-as-a-date").to_owned(),
        ));
    }
    if errors.is_empty() {
        match desk::register(&state, &desk.user, &input)
            .await
            .map_err(PageError::from)
        {
            Ok(id) => return Redirect::to(&path_of(id)).into_response(),
            Err(e) if e.is_forbidden() => {
                return super::refusal(
                    &desk,
                    NEW,
                    &e,
                    "/beheer",
                    tr(lang, "dossier-to-the-dashboard"),
                );
            }
            Err(e) if e.is_theirs() => {
                errors = page_errors(&e, lang, "kind");
            }
            Err(e) => return super::failed(&state, lang, NEW, "registering a request", e),
        }
    } else {
        errors.extend(
            desk::problems(&state, &input)
                .iter()
                .filter(|p| p.field != "received_on")
                .map(|p| (p.field.clone(), field_message(p, lang))),
        );
    }
    new_page(&desk, sent, errors, StatusCode::UNPROCESSABLE_ENTITY)
}

// ---------------------------------------------------------------------------------------------
// A request's page.

struct LogRow {
    at: String,
    by: String,
    what: String,
    reference: Option<String>,
    detail: String,
}

struct MatchRow {
    reference: String,
    relation: &'static str,
    status: &'static str,
    received: String,
    anonymised: Option<String>,
    held: Option<String>,
}

/// What was sent on the request's page, shown again when its form comes back.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct StepForm {
    reason: Text,
    reference: Text,
    field: Text,
    value: Text,
    #[serde(deserialize_with = "crate::http::forms::checkbox")]
    confirm: bool,
    outcome: Text,
}

struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "beheer/request.html")]
struct RequestPage {
    f: Frame,
    csrf: String,
    id: i64,
    kind: &'static str,
    name: String,
    email: String,
    phone: String,
    received: String,
    due: String,
    late: bool,
    note: String,
    registered_by: String,
    extended: Option<String>,
    extension_reason: String,
    settled: Option<String>,
    outcome: String,
    log: Vec<LogRow>,
    matches: Vec<MatchRow>,
    may_extend: bool,
    /// Complaints that may still be corrected or erased (not anonymised).
    references: Vec<Choice>,
    fields: Vec<Choice>,
    pdf: bool,
    sent: StepForm,
    errors: Errors,
    /// After an erasure: what became of each complaint.
    erased: Vec<(String, Option<String>)>,
}

impl RequestPage {
    fn error(&self, name: &str) -> Option<&str> {
        super::error_for(&self.errors, name)
    }
}

async fn request_page(
    state: &AppState,
    desk: &Desk,
    id: i64,
    sent: StepForm,
    errors: Errors,
    erased: &[Erased],
    status: StatusCode,
) -> Response {
    let path = path_of(id);
    let lang = desk.lang;
    let d = match desk::open(state, &desk.user, id)
        .await
        .map_err(PageError::from)
    {
        Ok(d) => d,
        Err(e) if e.is_forbidden() => {
            return super::refusal(
                desk,
                &path,
                &e,
                "/beheer",
                tr(lang, "dossier-to-the-dashboard"),
            );
        }
        Err(e) if e.is_not_found() => {
            return super::message_with_link(
                &desk.frame(&path, "dossier-not-found"),
                StatusCode::NOT_FOUND,
                e.message_in(lang),
                LIST,
                tr(lang, "requests-to-the-list"),
            );
        }
        Err(e) => return super::failed(state, lang, &path, "opening a request", e),
    };
    let org = match state.store.org().await {
        Ok(o) => o,
        Err(e) => return super::failed(state, lang, &path, "reading the staff", e),
    };
    let today = amsterdam_date(state.clock.now());
    let r = &d.request;
    let date = |t: jiff::Timestamp| super::long_date(amsterdam_date(t), lang);
    let log = r
        .log
        .iter()
        .map(|l| {
            let key = match l.action.as_str() {
                "registered" => Some("requests-log-registered"),
                "extended" => Some("requests-log-extended"),
                "told" => Some("requests-log-told"),
                "tell" => Some("requests-log-tell"),
                "exported" => Some("requests-log-exported"),
                "rectified" => Some("requests-log-rectified"),
                "anonymised" => Some("requests-log-anonymised"),
                "refused" => Some("requests-log-refused"),
                "completed" => Some("requests-log-completed"),
                _ => None,
            };
            let detail = match l.action.as_str() {
                // A field's name: in words.
                "rectified" => l
                    .detail
                    .as_deref()
                    .and_then(Field::parse)
                    .map(|f| field_label(f, lang).to_owned())
                    .unwrap_or_default(),
                // Said by the line itself.
                "exported" | "told" | "tell" | "anonymised" => String::new(),
                _ => l.detail.clone().unwrap_or_default(),
            };
            LogRow {
                at: super::when(l.at),
                by: super::dashboard::staff_name(&org, l.by),
                what: key.map_or_else(|| l.action.clone(), |k| tr(lang, k).to_owned()),
                reference: l.reference.clone(),
                detail,
            }
        })
        .collect();
    let open_refs: Vec<String> = d
        .matches
        .iter()
        .filter(|m| m.anonymised_at.is_none())
        .map(|m| m.reference.to_string())
        .collect();
    let page = RequestPage {
        f: desk
            .frame_titled(
                &path,
                &tr_args(lang, "requests-request-title", &[("id", &id.to_string())]),
            )
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        id,
        kind: kind_label(r.kind, lang),
        name: r.person.name.clone().unwrap_or_default(),
        email: r.person.email.clone().unwrap_or_default(),
        phone: r.person.phone.clone().unwrap_or_default(),
        received: super::long_date(r.received_on, lang),
        due: super::long_date(r.due_on, lang),
        late: r.completed_at.is_none() && r.due_on < today,
        note: r.note.clone().unwrap_or_default(),
        registered_by: super::dashboard::staff_name(&org, Some(r.registered_by)),
        extended: r.extended_at.map(date),
        extension_reason: r.extension_reason.clone().unwrap_or_default(),
        settled: r.completed_at.map(date),
        outcome: r.outcome.clone().unwrap_or_default(),
        log,
        matches: d
            .matches
            .iter()
            .map(|m| MatchRow {
                reference: m.reference.to_string(),
                relation: relation_label(m.relation, lang),
                status: super::dashboard::status_label(m.status, lang),
                received: date(m.received_at),
                anonymised: m.anonymised_at.map(date),
                held: m.held_since.map(date),
            })
            .collect(),
        may_extend: d.may_extend,
        references: open_refs
            .iter()
            .map(|r| Choice {
                value: r.clone(),
                label: r.clone(),
                selected: sent.reference == r.as_str(),
            })
            .collect(),
        fields: Field::ALL
            .into_iter()
            .map(|f| Choice {
                value: f.as_str().to_owned(),
                label: field_label(f, lang).to_owned(),
                selected: sent.field == f.as_str(),
            })
            .collect(),
        pdf: cfg!(feature = "pdf"),
        sent,
        errors,
        erased: erased
            .iter()
            .map(|e| {
                let why = match lang {
                    Lang::Nl => e.refused_nl.clone().or_else(|| e.refused.clone()),
                    Lang::En => e.refused.clone(),
                };
                (e.reference.to_string(), why)
            })
            .collect(),
    };
    crate::http::pages::html(status, &page)
}

/// `GET /beheer/verzoeken/{id}`.
pub async fn show(State(state): State<AppState>, desk: Desk, Path(id): Path<i64>) -> Response {
    request_page(
        &state,
        &desk,
        id,
        StepForm::default(),
        Vec::new(),
        &[],
        StatusCode::OK,
    )
    .await
}

/// A step's outcome: to the request's page, or the page again with what was wrong.
async fn after(
    state: &AppState,
    desk: &Desk,
    id: i64,
    sent: StepForm,
    done: Result<(), klacht_app::AppError>,
    general: &str,
    what: &str,
) -> Response {
    match done.map_err(PageError::from) {
        Ok(()) => Redirect::to(&path_of(id)).into_response(),
        Err(e) if e.is_forbidden() || e.is_not_found() => {
            request_page(state, desk, id, sent, Vec::new(), &[], e.status()).await
        }
        Err(e) if e.is_theirs() => {
            let errors = page_errors(&e, desk.lang, general);
            request_page(state, desk, id, sent, errors, &[], e.status()).await
        }
        Err(e) => super::failed(state, desk.lang, &path_of(id), what, e),
    }
}

/// `POST /beheer/verzoeken/{id}/verlengen`: extends it once by two months, with the reason.
pub async fn extend(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Response {
    let sent: StepForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let done = desk::extend(&state, &desk.user, id, sent.reason.as_str())
        .await
        .map(|_| ());
    after(
        &state,
        &desk,
        id,
        sent,
        done,
        "reason",
        "extending a request",
    )
    .await
}

/// `POST /beheer/verzoeken/{id}/corrigeren`: corrects one detail on one complaint.
pub async fn rectify(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Response {
    let sent: StepForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let lang = desk.lang;
    let mut errors = Vec::new();
    if sent.reference.is_empty() {
        errors.push((
            "reference".to_owned(),
            tr(lang, "requests-choose-a-complaint").to_owned(),
        ));
    }
    let field = Field::parse(sent.field.as_str());
    if field.is_none() {
        errors.push((
            "field".to_owned(),
            tr(lang, "requests-choose-a-field").to_owned(),
        ));
    }
    let (Some(field), true) = (field, errors.is_empty()) else {
        return request_page(
            &state,
            &desk,
            id,
            sent,
            errors,
            &[],
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let done = desk::rectify(
        &state,
        &desk.user,
        id,
        sent.reference.as_str(),
        field,
        sent.value.as_str(),
    )
    .await;
    after(
        &state,
        &desk,
        id,
        sent,
        done,
        "value",
        "correcting a detail",
    )
    .await
}

/// `POST /beheer/verzoeken/{id}/wissen`: once confirmed, anonymises each of the person's
/// complaints that may be, and shows what became of each.
pub async fn erase(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Response {
    let sent: StepForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    if !sent.confirm {
        let errors = vec![(
            "confirm".to_owned(),
            tr(desk.lang, "requests-confirm-the-erasure").to_owned(),
        )];
        return request_page(
            &state,
            &desk,
            id,
            sent,
            errors,
            &[],
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    match desk::erase(&state, &desk.user, id)
        .await
        .map_err(PageError::from)
    {
        Ok(done) => {
            request_page(
                &state,
                &desk,
                id,
                StepForm::default(),
                Vec::new(),
                &done,
                StatusCode::OK,
            )
            .await
        }
        Err(e) if e.is_theirs() => {
            let errors = page_errors(&e, desk.lang, "confirm");
            request_page(&state, &desk, id, sent, errors, &[], e.status()).await
        }
        Err(e) => super::failed(&state, desk.lang, &path_of(id), "erasing", e),
    }
}

/// `POST /beheer/verzoeken/{id}/afronden`: settles it with what was done.
pub async fn complete(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Response {
    let sent: StepForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let done = desk::complete(&state, &desk.user, id, sent.outcome.as_str()).await;
    after(
        &state,
        &desk,
        id,
        sent,
        done,
        "outcome",
        "settling a request",
    )
    .await
}

// ---------------------------------------------------------------------------------------------
// The export.

/// The export, or the page that says why not.
async fn exported(state: &AppState, desk: &Desk, id: i64) -> Result<Export, Response> {
    match desk::export(state, &desk.user, id)
        .await
        .map_err(PageError::from)
    {
        Ok(x) => Ok(x),
        Err(e) if e.is_theirs() => Err(request_page(
            state,
            desk,
            id,
            StepForm::default(),
            Vec::new(),
            &[],
            e.status(),
        )
        .await),
        Err(e) => Err(super::failed(
            state,
            desk.lang,
            &path_of(id),
            "exporting a person's data",
            e,
        )),
    }
}

/// `GET /beheer/verzoeken/{id}/gegevens.json`: the person's data as JSON, to download.
pub async fn export_json(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
) -> Response {
    let x = match exported(&state, &desk, id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    match serde_json::to_vec_pretty(&x) {
        Ok(bytes) => super::download(
            bytes,
            "application/json",
            "attachment",
            &format!("gegevens-verzoek-{id}.json"),
        ),
        Err(e) => super::failed(
            &state,
            desk.lang,
            &path_of(id),
            "writing the export",
            klacht_app::AppError::fault("the export as JSON", e),
        ),
    }
}

/// `GET /beheer/verzoeken/{id}/gegevens.pdf`: "Uw gegevens", the person's data as PDF.
#[cfg(feature = "pdf")]
pub async fn export_pdf(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
) -> Response {
    let x = match exported(&state, &desk, id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let data = crate::http::personal::document(&x, &state.regulation(), desk.lang);
    match klacht_print::personal::render_pdf(&data) {
        Ok(bytes) => super::download(
            bytes,
            "application/pdf",
            "attachment",
            &format!("gegevens-verzoek-{id}.pdf"),
        ),
        Err(e) => super::failed(
            &state,
            desk.lang,
            &path_of(id),
            "rendering a person's data as PDF",
            klacht_app::AppError::fault("the export as PDF", e),
        ),
    }
}
