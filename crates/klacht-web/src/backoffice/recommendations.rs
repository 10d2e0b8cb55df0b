//! The recommendations register in the back office (T14): the list with a form to propose one,
//! a recommendation's page (its complaints as links, the directors' decision form, the
//! improvement actions with forms to add and update them), and the evaluations of the
//! regulation (T16). The same operations and checks as the JSON API (`api::register`).

use super::{Desk, Frame, Msg};
use crate::http::forms::Text;
use crate::http::i18n::{tr, tr_args};
use crate::http::page_error::PageError;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use jiff::civil::Date;
use klacht_app::register::{self as reg, ActionEdit, EvaluationInput};
use klacht_core::calendar::amsterdam_date;
use klacht_core::register::{may_decide, may_manage, may_read};
use klacht_core::reports::{ActionStatus, RecommendationStatus};
use klacht_core::{Lang, Role};
use klacht_store::{Action, Evaluation, Recommendation};
use serde::Deserialize;
use std::collections::HashMap;

type Errors = Vec<(String, String)>;

/// The form to propose a recommendation.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ProposeForm {
    title: Text,
    text: Text,
}

/// The form to link complaints: references separated by spaces, commas or lines.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LinkForm {
    complaints: Text,
}

/// The directors' decision on a recommendation.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DecideForm {
    /// `adopted` or `rejected`.
    decision: Text,
    reason: Text,
}

/// The form to add an improvement action.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ActionForm {
    description: Text,
    /// The owner's e-mail address.
    owner: Text,
    due: Text,
}

/// The form to change improvement action `id`. Its fields carry the action's id in their names
/// (`status-7`): the recommendation's page has a form per action, and the labels and the links
/// of the error summary point at each field by that name. A field that was not sent changes
/// nothing; one sent empty is empty (an empty result clears it).
#[derive(Debug, Default)]
struct ActionUpdateForm {
    id: i64,
    status: Option<String>,
    result: Option<String>,
    description: Option<String>,
    owner: Option<String>,
    due: Option<String>,
}

impl ActionUpdateForm {
    fn read(id: i64, mut sent: HashMap<String, String>) -> ActionUpdateForm {
        let mut take = |name: &str| {
            sent.remove(&format!("{name}-{id}"))
                .map(|v| v.trim().to_owned())
        };
        ActionUpdateForm {
            id,
            status: take("status"),
            result: take("result"),
            description: take("description"),
            owner: take("owner"),
            due: take("due"),
        }
    }
}

/// What was sent on a recommendation's page, shown again in its form when it comes back.
#[derive(Debug, Default)]
struct Sent {
    link: LinkForm,
    decision: DecideForm,
    action: ActionForm,
    update: Option<ActionUpdateForm>,
}

/// The form to record an evaluation of the regulation (T16).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EvaluationForm {
    year: Text,
    evaluated_on: Text,
    /// `yes` or `no`.
    changed: Text,
    new_version_on: Text,
    notes: Text,
}

pub fn status_label(s: RecommendationStatus, lang: Lang) -> &'static str {
    klacht_core::vocabulary::recommendation_status(s, lang)
}

pub fn action_label(s: ActionStatus, lang: Lang) -> &'static str {
    klacht_core::vocabulary::action_status(s, lang)
}

/// An improvement action as a page shows it.
#[derive(Debug, Clone)]
pub struct ActionRow {
    pub id: i64,
    pub href: String,
    pub description: String,
    pub recommendation: String,
    pub owner: String,
    pub owner_id: i64,
    pub status: String,
    pub status_value: &'static str,
    pub due: String,
    pub due_value: String,
    pub overdue: bool,
    /// Not overdue, and due within [`super::dashboard::ACTIONS_SOON_DAYS`] days (the dashboard
    /// marks it).
    pub due_soon: bool,
    pub result: String,
}

impl ActionRow {
    pub fn new(a: &Action, today: Date, lang: Lang) -> ActionRow {
        ActionRow {
            id: a.id,
            href: format!("/beheer/aanbevelingen/{}#actie-{}", a.recommendation, a.id),
            description: a.description.clone(),
            recommendation: a.recommendation_title.clone(),
            owner: a.owner_name.clone(),
            owner_id: a.owner.0,
            status: action_label(a.status, lang).to_owned(),
            status_value: a.status.as_str(),
            due: super::long_date(a.due, lang),
            due_value: a.due.to_string(),
            overdue: a.overdue(today),
            due_soon: !a.overdue(today)
                && today
                    .checked_add(jiff::Span::new().days(super::dashboard::ACTIONS_SOON_DAYS))
                    .is_ok_and(|soon| a.due <= soon),
            result: a.result.clone().unwrap_or_default(),
        }
    }
}

/// The improvement actions of the signed-in person on their dashboard (T14): every one of theirs
/// not done or cancelled, earliest due first, each with a small form for its status and result
/// that comes back to the dashboard.
pub struct MyActions {
    pub rows: Vec<ActionRow>,
    /// The statuses an action may take, for each form.
    pub statuses: Vec<Opt>,
    pub csrf: String,
    /// Said after an action was changed from the dashboard: which, and its status now.
    pub updated: Option<String>,
}

/// The dashboard's [`MyActions`] of `desk`; `updated` is the action just changed from the
/// dashboard (said only to its owner).
pub async fn my_actions(
    state: &AppState,
    desk: &Desk,
    today: Date,
    updated: Option<i64>,
) -> Result<MyActions, klacht_store::StoreError> {
    let lang = desk.lang;
    let me = desk.user.id;
    let rows = state
        .store
        .pending_actions_due_by(me, Date::MAX)
        .await?
        .iter()
        .map(|a| ActionRow::new(a, today, lang))
        .collect();
    let updated = match updated {
        Some(id) => state
            .store
            .action(id)
            .await?
            .filter(|a| a.owner == me)
            .map(|a| {
                tr_args(
                    lang,
                    "dashboard-action-updated",
                    &[
                        ("action", &a.description),
                        ("status", action_label(a.status, lang)),
                    ],
                )
            }),
        None => None,
    };
    Ok(MyActions {
        rows,
        statuses: status_options(lang),
        csrf: desk.csrf.clone(),
        updated,
    })
}

/// The statuses of an improvement action, as a select offers them.
fn status_options(lang: Lang) -> Vec<Opt> {
    ActionStatus::ALL
        .iter()
        .map(|s| Opt {
            value: s.as_str().to_owned(),
            label: action_label(*s, lang).to_owned(),
            id: 0,
        })
        .collect()
}

pub struct Opt {
    pub value: String,
    pub label: String,
    pub id: i64,
}

/// What a page says about a refused or bad request: each bad field with its message in the
/// page's language, or the refusal under `general`.
fn page_errors(e: &PageError, lang: Lang, general: &str) -> Errors {
    let fields = e.fields();
    if fields.is_empty() {
        let msg = e.message_in(lang);
        return vec![(general.to_owned(), msg)];
    }
    fields
        .iter()
        .map(|f| {
            let name = f
                .field
                .split('[')
                .next()
                .unwrap_or(f.field.as_str())
                .to_owned();
            let key = match name.as_str() {
                "title" => Some("recommendations-field-title"),
                "text" => Some("recommendations-field-text"),
                "reason" => Some("recommendations-field-reason"),
                "decision" => Some("recommendations-field-decision"),
                "description" => Some("recommendations-field-description"),
                "owner" => Some("recommendations-field-owner"),
                "due" => Some("recommendations-field-due"),
                "status" => Some("recommendations-field-status"),
                "year" => Some("recommendations-field-year"),
                "evaluated_on" => Some("recommendations-field-evaluated-on"),
                "new_version_on" => Some("recommendations-field-new-version-on"),
                "changed" => Some("recommendations-field-changed"),
                _ => None,
            };
            let msg = if name == "complaints" {
                // Name the reference that is wrong.
                tr_args(
                    lang,
                    "recommendations-field-complaints",
                    &[("detail", &f.message)],
                )
            } else if let Some(key) = key {
                tr(lang, key).to_owned()
            } else {
                format!("{}: {}", f.field, f.message)
            };
            (name, msg)
        })
        .collect()
}

fn refuse(desk: &Desk, path: &str) -> Response {
    super::message(
        &desk.frame(path, "desk-no-access"),
        StatusCode::FORBIDDEN,
        Msg {
            key: "recommendations-the-recommendations-register-is-for-the",
        },
    )
}

fn gone(desk: &Desk, path: &str) -> Response {
    super::message(
        &desk.frame(path, "dossier-not-found"),
        StatusCode::NOT_FOUND,
        Msg {
            key: "recommendations-this-recommendation-does-not-exist",
        },
    )
}

#[derive(Template)]
#[template(path = "beheer/recommendations.html")]
struct ListPage {
    f: Frame,
    csrf: String,
    manages: bool,
    rows: Vec<ListRow>,
    sent: ProposeForm,
    errors: Errors,
}

struct ListRow {
    id: i64,
    title: String,
    status: String,
    created: String,
    complaints: usize,
    actions: usize,
    open_actions: usize,
}

impl ListPage {
    fn error(&self, name: &str) -> Option<&str> {
        super::error_for(&self.errors, name)
    }
}

const LIST: &str = "/beheer/aanbevelingen";
/// The dashboard, where an owner may change their actions too.
const DASHBOARD: &str = "/beheer";

async fn list_page(
    state: &AppState,
    desk: &Desk,
    sent: ProposeForm,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let list = match state.store.recommendations().await {
        Ok(l) => l,
        Err(e) => return super::failed(state, desk.lang, LIST, "reading the register", e),
    };
    let lang = desk.lang;
    let page = ListPage {
        f: desk
            .frame(LIST, "desk-recommendations")
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        manages: may_manage(&desk.user.roles).is_ok(),
        rows: list
            .iter()
            .map(|r| ListRow {
                id: r.id,
                title: r.title.clone(),
                status: status_label(r.status, lang).to_owned(),
                created: super::long_date(amsterdam_date(r.created_at), lang),
                complaints: r.complaints.len(),
                actions: r.actions.len(),
                open_actions: r.actions.iter().filter(|a| a.status.is_pending()).count(),
            })
            .collect(),
        sent,
        errors,
    };
    crate::http::pages::html(status, &page)
}

/// `GET /beheer/aanbevelingen`.
pub async fn list(State(state): State<AppState>, desk: Desk) -> Response {
    if may_read(&desk.user.roles).is_err() {
        return refuse(&desk, LIST);
    }
    list_page(
        &state,
        &desk,
        ProposeForm::default(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /beheer/aanbevelingen`: proposes one.
pub async fn create(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let sent: ProposeForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    match reg::propose(&state, &desk.user, sent.title.as_str(), sent.text.as_str())
        .await
        .map_err(PageError::from)
    {
        Ok(id) => Redirect::to(&format!("{LIST}/{id}")).into_response(),
        Err(e) if e.is_forbidden() => refuse_manage(&desk, LIST, &e),
        Err(e) if e.is_theirs() => {
            let errors = page_errors(&e, desk.lang, "title");
            list_page(&state, &desk, sent, errors, e.status()).await
        }
        Err(e) => super::failed(&state, desk.lang, LIST, "proposing", e),
    }
}

fn refuse_manage(desk: &Desk, path: &str, e: &PageError) -> Response {
    super::refusal(desk, path, e, path, tr(desk.lang, "recommendations-back"))
}

#[derive(Template)]
#[template(path = "beheer/recommendation.html")]
struct DetailPage {
    f: Frame,
    csrf: String,
    id: i64,
    title: String,
    text: String,
    status: String,
    proposed: bool,
    adopted: bool,
    created_by: String,
    created: String,
    decided_by: String,
    decided: String,
    reason: String,
    complaints: Vec<String>,
    actions: Vec<ActionRow>,
    manages: bool,
    decides: bool,
    reads: bool,
    me: i64,
    staff: Vec<Opt>,
    statuses: Vec<Opt>,
    sent: Sent,
    errors: Errors,
}

impl DetailPage {
    fn error(&self, name: &str) -> Option<&str> {
        super::error_for(&self.errors, name)
    }

    /// An action's form may change it: coordinator, deputy, or its owner.
    fn may_update(&self, a: &ActionRow) -> bool {
        self.manages || a.owner_id == self.me
    }

    /// Whether the action's owner is among the active staff the owner list offers.
    fn owner_listed(&self, a: &ActionRow) -> bool {
        self.staff.iter().any(|s| s.id == a.owner_id)
    }

    /// What action `a`'s form sent, when it is the one that came back.
    fn update_of(&self, a: &ActionRow) -> Option<&ActionUpdateForm> {
        self.sent.update.as_ref().filter(|u| u.id == a.id)
    }

    /// The status action `a`'s form shows: what was sent when the form comes back, else stored.
    fn action_status(&self, a: &ActionRow) -> String {
        self.update_of(a)
            .and_then(|u| u.status.clone())
            .unwrap_or_else(|| a.status_value.to_owned())
    }

    /// The result action `a`'s form shows: what was sent when the form comes back, else stored.
    fn action_result(&self, a: &ActionRow) -> String {
        self.update_of(a)
            .and_then(|u| u.result.clone())
            .unwrap_or_else(|| a.result.clone())
    }

    /// The due date action `a`'s form shows: what was sent when the form comes back, else
    /// stored.
    fn action_due(&self, a: &ActionRow) -> String {
        self.update_of(a)
            .and_then(|u| u.due.clone())
            .unwrap_or_else(|| a.due_value.clone())
    }
}

async fn detail_page(
    state: &AppState,
    desk: &Desk,
    r: &Recommendation,
    sent: Sent,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let lang = desk.lang;
    let today = amsterdam_date(state.clock.now());
    let users = match state.store.recent_users().await {
        Ok(u) => u,
        Err(e) => return super::failed(state, lang, LIST, "reading the staff", e),
    };
    let path = format!("{LIST}/{}", r.id);
    let page = DetailPage {
        f: desk
            .frame_titled(&path, &r.title)
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        id: r.id,
        title: r.title.clone(),
        text: r.text.clone(),
        status: status_label(r.status, lang).to_owned(),
        proposed: r.status == RecommendationStatus::Proposed,
        adopted: r.status == RecommendationStatus::Adopted,
        created_by: r.created_by_name.clone(),
        created: super::when(r.created_at),
        decided_by: r.decided_by_name.clone().unwrap_or_default(),
        decided: r.decided_at.map(super::when).unwrap_or_default(),
        reason: r.reason.clone().unwrap_or_default(),
        complaints: r.complaints.iter().map(ToString::to_string).collect(),
        actions: r
            .actions
            .iter()
            .map(|a| ActionRow::new(a, today, lang))
            .collect(),
        manages: may_manage(&desk.user.roles).is_ok(),
        decides: may_decide(&desk.user.roles).is_ok(),
        reads: may_read(&desk.user.roles).is_ok(),
        me: desk.user.id.0,
        staff: users
            .iter()
            .filter(|u| u.active && u.roles.iter().any(|r| *r != Role::Admin))
            .map(|u| Opt {
                value: u.email.clone(),
                label: u.name.clone(),
                id: u.id.0,
            })
            .collect(),
        statuses: status_options(lang),
        sent,
        errors,
    };
    crate::http::pages::html(status, &page)
}

/// Loads a recommendation for `desk`: readers, and owners of one of its actions.
async fn visible(state: &AppState, desk: &Desk, id: i64) -> Result<Recommendation, Response> {
    let path = format!("{LIST}/{id}");
    let r = match state.store.recommendation(id).await {
        Ok(Some(r)) => r,
        Ok(None) => return Err(gone(desk, &path)),
        Err(e) => {
            return Err(super::failed(
                state,
                desk.lang,
                &path,
                "reading a recommendation",
                e,
            ));
        }
    };
    if may_read(&desk.user.roles).is_ok() || r.actions.iter().any(|a| a.owner == desk.user.id) {
        Ok(r)
    } else {
        Err(refuse(desk, &path))
    }
}

/// `GET /beheer/aanbevelingen/{id}`.
pub async fn show(State(state): State<AppState>, desk: Desk, Path(id): Path<i64>) -> Response {
    match visible(&state, &desk, id).await {
        Ok(r) => {
            detail_page(
                &state,
                &desk,
                &r,
                Sent::default(),
                Vec::new(),
                StatusCode::OK,
            )
            .await
        }
        Err(resp) => resp,
    }
}

/// After a form on the recommendation's page: back to it, or the page again with the errors.
async fn after(
    state: &AppState,
    desk: &Desk,
    id: i64,
    sent: Sent,
    result: Result<String, PageError>,
    general: &str,
    action: Option<i64>,
) -> Response {
    let path = format!("{LIST}/{id}");
    match result {
        Ok(anchor) => Redirect::to(&format!("{path}{anchor}")).into_response(),
        Err(e) if e.is_forbidden() => refuse_manage(desk, &path, &e),
        Err(e) if e.is_not_found() => gone(desk, &path),
        Err(e) if e.is_theirs() => match visible(state, desk, id).await {
            Ok(r) => {
                let mut errors = page_errors(&e, desk.lang, general);
                // An action's fields are named after the action on the page.
                if let Some(aid) = action {
                    for (name, _) in &mut errors {
                        if name != general {
                            *name = format!("{name}-{aid}");
                        }
                    }
                }
                detail_page(state, desk, &r, sent, errors, e.status()).await
            }
            Err(resp) => resp,
        },
        Err(e) => super::failed(state, desk.lang, &path, "changing the register", e),
    }
}

/// `POST /beheer/aanbevelingen/{id}/klachten`: links complaints (references separated by
/// spaces, commas or lines).
pub async fn link(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Response {
    let sent: LinkForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let refs: Vec<String> = sent
        .complaints
        .as_str()
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let result = reg::link(&state, &desk.user, id, &refs)
        .await
        .map_err(PageError::from)
        .map(|()| "#klachten".to_owned());
    let sent = Sent {
        link: sent,
        ..Sent::default()
    };
    after(&state, &desk, id, sent, result, "complaints", None).await
}

/// `POST /beheer/aanbevelingen/{id}/besluit`: the directors' decision.
pub async fn decide(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Response {
    let sent: DecideForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let result = reg::decide(
        &state,
        &desk.user,
        id,
        sent.decision.get(),
        sent.reason.get(),
    )
    .await
    .map_err(PageError::from)
    .map(|()| "#besluit".to_owned());
    let sent = Sent {
        decision: sent,
        ..Sent::default()
    };
    after(&state, &desk, id, sent, result, "decision", None).await
}

/// `POST /beheer/aanbevelingen/{id}/acties`: adds an improvement action.
pub async fn add_action(
    State(state): State<AppState>,
    desk: Desk,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Response {
    let sent: ActionForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let result = reg::add_action(
        &state,
        &desk.user,
        id,
        sent.description.get(),
        sent.owner.get(),
        sent.due.get(),
    )
    .await
    .map_err(PageError::from)
    .map(|aid| format!("#actie-{aid}"));
    let sent = Sent {
        action: sent,
        ..Sent::default()
    };
    after(&state, &desk, id, sent, result, "description", None).await
}

/// `POST /beheer/acties/{id}`: changes an improvement action (its owner: status and result).
pub async fn update_action(
    State(state): State<AppState>,
    desk: Desk,
    Path(aid): Path<i64>,
    body: axum::body::Bytes,
) -> Response {
    let (sent, to_dashboard) = match desk.posted::<HashMap<String, String>>(&body) {
        // The dashboard's form comes back to the dashboard; any other address is not followed.
        Ok(f) => {
            let back = f.get("terug").is_some_and(|t| t == DASHBOARD);
            (ActionUpdateForm::read(aid, f), back)
        }
        Err(r) => return r,
    };
    let a = match state.store.action(aid).await {
        Ok(Some(a)) => a,
        Ok(None) => return gone(&desk, LIST),
        Err(e) => return super::failed(&state, desk.lang, LIST, "reading an action", e),
    };
    let manager = may_manage(&desk.user.roles).is_ok();
    let update = ActionEdit {
        status: sent.status.clone(),
        result: sent.result.clone(),
        description: if manager {
            sent.description.clone()
        } else {
            None
        },
        // Empty: the owner stays (a deactivated owner is not in the list to choose from).
        owner: if manager {
            sent.owner.clone().filter(|o| !o.is_empty())
        } else {
            None
        },
        due: if manager {
            sent.due.clone().filter(|d| !d.is_empty())
        } else {
            None
        },
    };
    let result = reg::update_action(&state, &desk.user, aid, &update)
        .await
        .map_err(PageError::from)
        .map(|_| format!("#actie-{aid}"));
    if to_dashboard && result.is_ok() {
        return Redirect::to(&format!("{DASHBOARD}?actie={aid}#acties")).into_response();
    }
    after(
        &state,
        &desk,
        a.recommendation,
        Sent {
            update: Some(sent),
            ..Sent::default()
        },
        result,
        &format!("status-{aid}"),
        Some(aid),
    )
    .await
}

#[derive(Template)]
#[template(path = "beheer/evaluations.html")]
struct EvaluationsPage {
    f: Frame,
    csrf: String,
    manages: bool,
    rows: Vec<EvaluationRow>,
    adopted_on: String,
    sent: EvaluationForm,
    errors: Errors,
    this_year: i16,
    today: String,
}

struct EvaluationRow {
    year: i32,
    evaluated_on: String,
    by: String,
    changed: bool,
    new_version_on: String,
    notes: String,
}

impl EvaluationsPage {
    fn error(&self, name: &str) -> Option<&str> {
        super::error_for(&self.errors, name)
    }
}

const EVALUATIONS: &str = "/beheer/evaluaties";

async fn evaluations_page(
    state: &AppState,
    desk: &Desk,
    sent: EvaluationForm,
    errors: Errors,
    status: StatusCode,
) -> Response {
    let lang = desk.lang;
    let list: Vec<Evaluation> = match state.store.evaluations().await {
        Ok(l) => l,
        Err(e) => return super::failed(state, lang, EVALUATIONS, "reading evaluations", e),
    };
    let today = amsterdam_date(state.clock.now());
    let loaded = state.regulation();
    let page = EvaluationsPage {
        f: desk
            .frame(EVALUATIONS, "recommendations-evaluations-of-the-regulation")
            .with_errors(!errors.is_empty()),
        csrf: desk.csrf.clone(),
        manages: may_manage(&desk.user.roles).is_ok(),
        rows: list
            .into_iter()
            .map(|e| EvaluationRow {
                year: e.year,
                evaluated_on: super::long_date(e.evaluated_on, lang),
                by: e.evaluated_by_name,
                changed: e.changed,
                new_version_on: e
                    .new_version_on
                    .map(|d| super::long_date(d, lang))
                    .unwrap_or_default(),
                notes: e.notes.unwrap_or_default(),
            })
            .collect(),
        adopted_on: super::long_date(loaded.profile.adopted_on, lang),
        sent,
        errors,
        this_year: today.year(),
        today: today.to_string(),
    };
    crate::http::pages::html(status, &page)
}

/// `GET /beheer/evaluaties`.
pub async fn evaluations(State(state): State<AppState>, desk: Desk) -> Response {
    if may_read(&desk.user.roles).is_err() {
        return refuse(&desk, EVALUATIONS);
    }
    evaluations_page(
        &state,
        &desk,
        EvaluationForm::default(),
        Vec::new(),
        StatusCode::OK,
    )
    .await
}

/// `POST /beheer/evaluaties`: records one.
pub async fn evaluate(
    State(state): State<AppState>,
    desk: Desk,
    body: axum::body::Bytes,
) -> Response {
    let sent: EvaluationForm = match desk.posted(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let mut pre = Vec::new();
    let year = match sent.year.get() {
        None => None,
        Some(y) => y.parse::<i32>().ok().or_else(|| {
            pre.push((
                "year".to_owned(),
                tr(desk.lang, "recommendations-enter-a-year").to_owned(),
            ));
            None
        }),
    };
    let changed = match sent.changed.get() {
        Some("yes") => Some(true),
        Some("no") => Some(false),
        _ => None,
    };
    let input = EvaluationInput {
        year,
        evaluated_on: sent.evaluated_on.get(),
        changed,
        new_version_on: sent.new_version_on.get(),
        notes: sent.notes.get(),
    };
    let result = reg::evaluate(&state, &desk.user, &input)
        .await
        .map_err(PageError::from);
    match result {
        Ok(_) => Redirect::to(EVALUATIONS).into_response(),
        Err(e) if e.is_forbidden() => refuse_manage(&desk, EVALUATIONS, &e),
        Err(e) if e.is_theirs() => {
            let mut errors = pre;
            for (f, m) in page_errors(&e, desk.lang, "year") {
                if !errors.iter().any(|(g, _)| *g == f) {
                    errors.push((f, m));
                }
            }
            evaluations_page(&state, &desk, sent, errors, e.status()).await
        }
        Err(e) => super::failed(&state, desk.lang, EVALUATIONS, "recording an evaluation", e),
    }
}
