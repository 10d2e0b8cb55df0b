//! The complainant's status page: no account, a secret link (`/status/{token}`).
//!
//! What it shows is only what the complainant may know anyway: the reference, the status in
//! plain words, the deadlines that concern them, the letters we sent them and what they sent us
//! through this page. Nothing of the handling itself (notes, hearings, contacts, names of staff,
//! the person complained about) is read here at all.
//!
//! The complainant can add a message and documents while the complaint runs
//! (`POST /status/{token}`) and answer the satisfaction question after closing
//! (`POST /status/{token}/tevredenheid`). The engine (`klacht_core::procedure::complainant`)
//! decides whether that is possible, within which limits, when the question is asked, which
//! deadlines the complainant watches and when the link expires; this module checks the input,
//! stores it and shows the page.
//!
//! The link stops working when it is revoked, and `settings.status_link_days` days after the
//! complaint was closed or withdrawn (410, [`status_link_expired`]). Every answer carries `X-Robots-Tag: noindex`,
//! `Referrer-Policy: no-referrer` (the secret is in the address) and `Cache-Control: no-store`.

use super::i18n::{file_size, fill};
use super::{Page, PageLang, Ui, error_page, failure_page, html, text_lang, ui};
use crate::documents;
use crate::follow::{status_path, token_hash};
use crate::http::client::ClientAddr;
use crate::http::i18n::SaidHere;
use crate::http::i18n::{Tmpl, tmpl, tr};
use crate::http::page_error::PageError;
use crate::http::state::{AppState, Loaded};
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{DefaultBodyLimit, Multipart, Path, RawQuery, State};
use axum::http::header::{LOCATION, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use jiff::Timestamp;
use klacht_app::AppError;
use klacht_core::calendar::amsterdam_date;
use klacht_core::procedure::{
    Added, AdditionLimits, Complaint, Document, Event, EventBody, Kept, MayAdd, Promise, Refusal,
    SatisfactionChoice, Status, added, answer_satisfaction, asks_satisfaction, complainant_adds,
    may_add, promises, satisfaction_open, status_link_expired,
};
use klacht_core::texts::{long_date, weekday_date};
use klacht_core::{Lang, Personal};
use klacht_store::Dossier;
use std::sync::Arc;
use std::sync::LazyLock;

/// The status page's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        // The upload has its own limits (`settings`), counted while it is read; the router's
        // default limit would cut off a legitimate upload of several large files.
        .route(
            "/status/{token}",
            get(show).post(add).layer(DefaultBodyLimit::disable()),
        )
        .route("/status/{token}/tevredenheid", post(answer))
}

/// The most characters a message or comment may have.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// File types the file input offers (the content decides; see [`documents::sniff`]).
const ACCEPT: &str = super::form::ACCEPT;

// ---- Strings ----------------------------------------------------------------------------------

/// Every visible string of the status pages in one language (besides the shared [`Ui`] ones:
/// the error pattern's, "(niet verplicht)" and the attachment hints).
#[derive(Debug)]
pub struct StatusTexts {
    /// `{reference}`.
    pub title: Tmpl,
    pub intro: &'static str,
    pub reference_label: &'static str,
    pub status_label: &'static str,
    pub status_heading: &'static str,
    pub received: &'static str,
    pub received_text: &'static str,
    pub acknowledged: &'static str,
    pub acknowledged_text: &'static str,
    pub in_progress: &'static str,
    pub in_progress_text: &'static str,
    pub decided: &'static str,
    pub decided_text: &'static str,
    pub closed: &'static str,
    pub closed_text: &'static str,
    pub withdrawn: &'static str,
    pub withdrawn_text: &'static str,
    pub duplicate: &'static str,
    pub duplicate_text: &'static str,
    pub deadlines_heading: &'static str,
    /// `{date}` in each of the deadline sentences.
    pub ack_due: Tmpl,
    pub ack_done: Tmpl,
    pub answer_due: Tmpl,
    pub answer_done: Tmpl,
    pub close_due: Tmpl,
    pub close_done: Tmpl,
    pub deadline_late: Tmpl,
    pub done: &'static str,
    pub letters_heading: &'static str,
    pub letters_none: &'static str,
    /// `{date}`.
    pub letter_sent_on: Tmpl,
    pub additions_heading: &'static str,
    /// `{date}`.
    pub addition_on: Tmpl,
    pub addition_files: &'static str,
    pub add_heading: &'static str,
    pub add_intro: &'static str,
    pub text_label: &'static str,
    /// `{max}`.
    pub text_hint: Tmpl,
    pub files_label: &'static str,
    pub files_again: &'static str,
    pub add_submit: &'static str,
    pub added: &'static str,
    pub no_more_additions: &'static str,
    pub satisfaction_heading: &'static str,
    pub satisfaction_legend: &'static str,
    pub satisfaction_hint: &'static str,
    pub satisfied_yes: &'static str,
    pub satisfied_no: &'static str,
    pub comment_label: &'static str,
    pub comment_hint: &'static str,
    pub satisfaction_submit: &'static str,
    pub thanks_satisfied: &'static str,
    /// What was sent could not be stored now (the database cannot take it).
    pub not_stored: &'static str,
    pub thanks_not_satisfied: &'static str,
    pub answered_satisfied: &'static str,
    pub answered_not_satisfied: &'static str,
    pub satisfaction_answers_hint: &'static str,
    pub thanks_not_satisfied_noted: &'static str,
    pub answered_not_satisfied_noted: &'static str,
    pub your_answer: Tmpl,
    pub err_answer: &'static str,
    pub gone_title: &'static str,
    pub gone_text: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub contact_heading: &'static str,
    // Errors. `{file}`, `{files}`, `{size}` and `{max}` where named.
    pub err_text_long: Tmpl,
    pub err_text_control: &'static str,
    pub err_nothing: &'static str,
    pub err_too_many: Tmpl,
    pub err_too_big: Tmpl,
    pub err_type: Tmpl,
    pub err_file_empty: Tmpl,
    pub err_total: Tmpl,
    pub err_unreadable: &'static str,
    pub err_satisfied: &'static str,
    pub err_comment_long: Tmpl,
    pub err_comment_control: &'static str,
    /// `{minutes}`: the address sent too much lately (`submissions_per_hour`).
    pub err_flood: Tmpl,
    /// `{max}`: the complaint has had `additions_per_complaint` additions.
    pub quota_additions: Tmpl,
    /// `{size}`: what may still be added (`addition_bytes_per_complaint`).
    pub err_quota_bytes: Tmpl,
}

/// The texts in `lang`, from the catalogue (`locales/*/status.ftl`).
fn load(lang: Lang) -> StatusTexts {
    StatusTexts {
        title: tmpl(lang, "status-title"),
        intro: tr(lang, "status-intro"),
        reference_label: tr(lang, "status-reference-label"),
        status_label: tr(lang, "status-status-label"),
        status_heading: tr(lang, "status-status-heading"),
        received: tr(lang, "status-received"),
        received_text: tr(lang, "status-received-text"),
        acknowledged: tr(lang, "status-acknowledged"),
        acknowledged_text: tr(lang, "status-acknowledged-text"),
        in_progress: tr(lang, "status-in-progress"),
        in_progress_text: tr(lang, "status-in-progress-text"),
        decided: tr(lang, "status-decided"),
        decided_text: tr(lang, "status-decided-text"),
        closed: tr(lang, "status-closed"),
        closed_text: tr(lang, "status-closed-text"),
        withdrawn: tr(lang, "status-withdrawn"),
        withdrawn_text: tr(lang, "status-withdrawn-text"),
        duplicate: tr(lang, "status-duplicate"),
        duplicate_text: tr(lang, "status-duplicate-text"),
        deadlines_heading: tr(lang, "status-deadlines-heading"),
        ack_due: tmpl(lang, "status-ack-due"),
        ack_done: tmpl(lang, "status-ack-done"),
        answer_due: tmpl(lang, "status-answer-due"),
        answer_done: tmpl(lang, "status-answer-done"),
        close_due: tmpl(lang, "status-close-due"),
        close_done: tmpl(lang, "status-close-done"),
        deadline_late: tmpl(lang, "status-deadline-late"),
        done: tr(lang, "status-done"),
        letters_heading: tr(lang, "status-letters-heading"),
        letters_none: tr(lang, "status-letters-none"),
        letter_sent_on: tmpl(lang, "status-letter-sent-on"),
        additions_heading: tr(lang, "status-additions-heading"),
        addition_on: tmpl(lang, "status-addition-on"),
        addition_files: tr(lang, "status-addition-files"),
        add_heading: tr(lang, "status-add-heading"),
        add_intro: tr(lang, "status-add-intro"),
        text_label: tr(lang, "status-text-label"),
        text_hint: tmpl(lang, "status-text-hint"),
        files_label: tr(lang, "status-files-label"),
        files_again: tr(lang, "status-files-again"),
        add_submit: tr(lang, "status-add-submit"),
        added: tr(lang, "status-added"),
        no_more_additions: tr(lang, "status-no-more-additions"),
        satisfaction_heading: tr(lang, "status-satisfaction-heading"),
        satisfaction_legend: tr(lang, "status-satisfaction-legend"),
        satisfaction_hint: tr(lang, "status-satisfaction-hint"),
        satisfied_yes: tr(lang, "status-satisfied-yes"),
        satisfied_no: tr(lang, "status-satisfied-no"),
        comment_label: tr(lang, "status-comment-label"),
        comment_hint: tr(lang, "status-comment-hint"),
        satisfaction_submit: tr(lang, "status-satisfaction-submit"),
        thanks_satisfied: tr(lang, "status-thanks-satisfied"),
        not_stored: tr(lang, "status-not-stored"),
        thanks_not_satisfied: tr(lang, "status-thanks-not-satisfied"),
        answered_satisfied: tr(lang, "status-answered-satisfied"),
        answered_not_satisfied: tr(lang, "status-answered-not-satisfied"),
        satisfaction_answers_hint: tr(lang, "status-satisfaction-answers-hint"),
        thanks_not_satisfied_noted: tr(lang, "status-thanks-not-satisfied-noted"),
        answered_not_satisfied_noted: tr(lang, "status-answered-not-satisfied-noted"),
        your_answer: tmpl(lang, "status-your-answer"),
        err_answer: tr(lang, "status-err-answer"),
        gone_title: tr(lang, "status-gone-title"),
        gone_text: tr(lang, "status-gone-text"),
        not_found_title: tr(lang, "status-not-found-title"),
        not_found_text: tr(lang, "status-not-found-text"),
        contact_heading: tr(lang, "status-contact-heading"),
        err_text_long: tmpl(lang, "status-err-text-long"),
        err_text_control: tr(lang, "status-err-text-control"),
        err_nothing: tr(lang, "status-err-nothing"),
        err_too_many: tmpl(lang, "status-err-too-many"),
        err_too_big: tmpl(lang, "status-err-too-big"),
        err_type: tmpl(lang, "status-err-type"),
        err_file_empty: tmpl(lang, "status-err-file-empty"),
        err_total: tmpl(lang, "status-err-total"),
        err_unreadable: tr(lang, "status-err-unreadable"),
        err_satisfied: tr(lang, "status-err-satisfied"),
        err_comment_long: tmpl(lang, "status-err-comment-long"),
        err_comment_control: tr(lang, "status-err-comment-control"),
        err_flood: tmpl(lang, "status-err-flood"),
        quota_additions: tmpl(lang, "status-quota-additions"),
        err_quota_bytes: tmpl(lang, "status-err-quota-bytes"),
    }
}

pub static NL: LazyLock<StatusTexts> =
    LazyLock::new(|| crate::http::i18n::in_voice(false, || load(Lang::Nl)));
/// Dutch with "je" (a regulation with `texts.informal`).
pub static NL_JE: LazyLock<StatusTexts> =
    LazyLock::new(|| crate::http::i18n::in_voice(true, || load(Lang::Nl)));
pub static EN: LazyLock<StatusTexts> =
    LazyLock::new(|| crate::http::i18n::in_voice(false, || load(Lang::En)));

/// The status page's strings for `lang`.
pub fn texts(lang: Lang) -> &'static StatusTexts {
    match (lang, crate::http::i18n::informal()) {
        (Lang::Nl, false) => &NL,
        (Lang::Nl, true) => &NL_JE,
        (Lang::En, _) => &EN,
    }
}

// ---- The page ---------------------------------------------------------------------------------

/// One thing wrong with a submission, at its field and in the error summary.
#[derive(Debug, Clone)]
struct Problem {
    /// `text`, `attachments`, `satisfied`, `answer` or `comment`.
    field: &'static str,
    message: String,
}

impl Problem {
    /// The element the error summary links to.
    fn target(&self) -> &'static str {
        match self.field {
            "satisfied" => "satisfied-yes",
            f => f,
        }
    }
}

/// The fields in page order; the error summary follows it.
const FIELDS: [&str; 5] = ["text", "attachments", "satisfied", "answer", "comment"];

struct DeadlineView {
    label: String,
    label_lang: &'static str,
    text: String,
    done: bool,
}

struct LetterView {
    date: String,
    subject: String,
    body: String,
    lang: &'static str,
}

struct AdditionView {
    date: String,
    text: Option<String>,
    files: Vec<String>,
}

/// The complaint as the complainant sees it.
struct DossierView {
    reference: String,
    status_word: &'static str,
    status_text: &'static str,
    deadlines: Vec<DeadlineView>,
    letters: Vec<LetterView>,
    additions: Vec<AdditionView>,
    /// The complaint is open and its quota not used up: the form to add something is shown.
    can_add: bool,
    /// Why not, when not.
    no_add: String,
    /// The satisfaction section is shown (closed, or answered).
    show_satisfaction: bool,
    /// The satisfaction question is still open: its form is shown.
    ask_satisfaction: bool,
    /// What was answered before ("U heeft laten weten …").
    answered_note: Option<&'static str>,
    /// The regulation's standard answers (issue 18), in its order; none: yes or no.
    answers: Vec<AnswerView>,
    /// The standard answer given, in words ("Uw antwoord: …").
    your_answer: Option<String>,
}

/// A standard answer to the satisfaction question, as a radio button: the first has the id
/// `answer` (the error summary's target), the others `answer-{id}`.
struct AnswerView {
    id: String,
    value: String,
    label: String,
}

/// What a link that does not (or no longer) open shows.
struct Gone {
    title: &'static str,
    text: &'static str,
}

/// What the complainant typed, to put back.
#[derive(Debug, Default, Clone)]
struct Typed {
    text: String,
    comment: String,
    satisfied: Option<bool>,
    /// The standard answer chosen (its id).
    answer: String,
    /// Files were chosen but not kept (an error elsewhere): ask to choose them again.
    files_lost: bool,
}

#[derive(Template)]
#[template(path = "status.html")]
struct StatusPage {
    page: Page,
    ui: &'static Ui,
    t: &'static StatusTexts,
    gone: Option<Gone>,
    view: Option<DossierView>,
    action: String,
    satisfaction_action: String,
    problems: Vec<Problem>,
    /// Why the step was refused, in the page's language.
    refusal: Option<String>,
    /// "Dank u, wij hebben uw aanvulling ontvangen."
    added_banner: Option<&'static str>,
    /// The thank-you after the satisfaction answer.
    answered_banner: Option<&'static str>,
    typed: Typed,
    text_hint: String,
    attachments_hint: String,
    accept: &'static str,
}

impl StatusPage {
    /// The messages for `field`, in order.
    fn errors(&self, field: &str) -> Vec<&str> {
        self.problems
            .iter()
            .filter(|p| p.field == field)
            .map(|p| p.message.as_str())
            .collect()
    }

    fn has_error(&self, field: &str) -> bool {
        self.problems.iter().any(|p| p.field == field)
    }

    /// `form-group`, with the error modifier when `field` has a problem.
    fn group(&self, field: &str) -> &'static str {
        if self.has_error(field) {
            "form-group form-group--error"
        } else {
            "form-group"
        }
    }

    /// ` aria-describedby="…"` (the hint, and the error when there is one) and
    /// ` aria-invalid="true"` for `field`. Only this module's constant ids go in: no escaping
    /// needed.
    fn aria(&self, field: &str, hint: &str, invalid: bool) -> String {
        let mut ids: Vec<String> = Vec::new();
        if !hint.is_empty() {
            ids.push(hint.to_owned());
        }
        if self.has_error(field) {
            ids.push(format!("{field}-error"));
        }
        let mut out = String::new();
        if !ids.is_empty() {
            out.push_str(&format!(" aria-describedby=\"{}\"", ids.join(" ")));
        }
        if invalid && self.has_error(field) {
            out.push_str(" aria-invalid=\"true\"");
        }
        out
    }
}

/// A token as [`crate::follow::new_token`] makes them (URL-safe base64). Anything else is not
/// looked up, and never echoed into a page.
fn plausible(token: &str) -> bool {
    (16..=128).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The page for a link that does not open: 404 (unknown) or 410 (revoked or expired), with the
/// organisation's contact details.
fn gone_page(state: &AppState, lang: Lang, path: &str, status: StatusCode) -> Response {
    let t = texts(lang);
    let gone = if status == StatusCode::NOT_FOUND {
        Gone {
            title: t.not_found_title,
            text: t.not_found_text,
        }
    } else {
        Gone {
            title: t.gone_title,
            text: t.gone_text,
        }
    };
    let page = Page::new(state, lang, path, gone.title);
    let template = StatusPage {
        page,
        ui: ui(lang),
        t,
        gone: Some(gone),
        view: None,
        action: String::new(),
        satisfaction_action: String::new(),
        problems: Vec::new(),
        refusal: None,
        added_banner: None,
        answered_banner: None,
        typed: Typed::default(),
        text_hint: String::new(),
        attachments_hint: String::new(),
        accept: ACCEPT,
    };
    super::private(html(status, &template))
}

/// A complaint opened through a valid link.
struct Opened {
    token: String,
    dossier: Dossier,
    loaded: Arc<Loaded>,
    now: Timestamp,
}

/// Finds the complaint behind `token`, or the response to give instead (404, 410, 500).
async fn open(state: &AppState, lang: Lang, token: &str) -> Result<Opened, Response> {
    if !plausible(token) {
        return Err(gone_page(state, lang, "/", StatusCode::NOT_FOUND));
    }
    let path = status_path(token);
    let failed = |what: &str, error: &PageError| {
        tracing::error!(error = %error, "status page: {what}");
        super::private(failure_page(state, lang, &path, error))
    };
    let link = match state.store.status_link(&token_hash(token)).await {
        Ok(Some(link)) => link,
        Ok(None) => return Err(gone_page(state, lang, &path, StatusCode::NOT_FOUND)),
        Err(e) => return Err(failed("looking up the link", &e.into())),
    };
    if link.revoked_at.is_some() {
        return Err(gone_page(state, lang, &path, StatusCode::GONE));
    }
    let dossier = match state.store.load(&link.reference).await {
        Ok(Some(d)) => d,
        Ok(None) => return Err(gone_page(state, lang, &path, StatusCode::NOT_FOUND)),
        Err(e) => return Err(failed("loading the complaint", &e.into())),
    };
    let now = state.clock.now();
    if status_link_expired(&dossier.state, state.settings.status_link_days, now) {
        return Err(gone_page(state, lang, &path, StatusCode::GONE));
    }
    let loaded = match state.profiles.get(&state.store, dossier.profile_id).await {
        Ok(l) => l,
        Err(e) => return Err(failed("loading the profile", &e.into())),
    };
    Ok(Opened {
        token: token.to_owned(),
        dossier,
        loaded,
        now,
    })
}

/// What [`render`] shows besides the complaint.
#[derive(Default)]
struct Extra {
    problems: Vec<Problem>,
    refusal: Option<String>,
    added: bool,
    answered: bool,
    typed: Typed,
}

/// The status page of an opened complaint.
fn render(state: &AppState, lang: Lang, o: &Opened, status: StatusCode, extra: Extra) -> Response {
    let t = texts(lang);
    let u = ui(lang);
    let path = status_path(&o.token);
    let c = &o.dossier.state;
    let reference = o.dossier.reference.to_string();
    let title = fill(t.title, &[("reference", &reference)]);
    let has_errors = !extra.problems.is_empty() || extra.refusal.is_some();
    let mut problems = extra.problems;
    problems.sort_by_key(|p| {
        FIELDS
            .iter()
            .position(|f| *f == p.field)
            .unwrap_or(FIELDS.len())
    });
    let answered_banner = match (extra.answered, c.satisfied) {
        (true, Some(true)) => Some(t.thanks_satisfied),
        (true, Some(false)) if c.reopen_requested => Some(t.thanks_not_satisfied),
        (true, Some(false)) => Some(t.thanks_not_satisfied_noted),
        _ => None,
    };
    let profile = &o.loaded.profile;
    let answers = profile
        .satisfaction_answers
        .iter()
        .enumerate()
        .map(|(i, a)| AnswerView {
            id: if i == 0 {
                "answer".to_owned()
            } else {
                format!("answer-{}", a.id)
            },
            value: a.id.clone(),
            label: a.label.get(lang).to_owned(),
        })
        .collect();
    let your_answer = c
        .satisfaction_answer
        .as_deref()
        .and_then(|id| profile.satisfaction_answer(id))
        .map(|a| fill(t.your_answer, &[("answer", a.label.get(lang))]));
    let ask_satisfaction = asks_satisfaction(&o.loaded.profile, c);
    let view = DossierView {
        reference,
        status_word: status_word(t, c.status),
        status_text: status_text(t, c.status),
        deadlines: deadlines(t, lang, &o.loaded, c, o.now),
        letters: letters(t, lang, &o.dossier),
        additions: additions(t, lang, &o.dossier),
        can_add: matches!(may_add_now(state, &o.dossier), MayAdd::Yes { .. }),
        no_add: match may_add_now(state, &o.dossier) {
            MayAdd::NotOpen => t.no_more_additions.to_owned(),
            MayAdd::Yes { .. } | MayAdd::UsedUp => fill(
                t.quota_additions,
                &[("max", &state.settings.additions_per_complaint.to_string())],
            ),
        },
        show_satisfaction: ask_satisfaction || c.satisfied.is_some(),
        ask_satisfaction,
        // The banner says it already, right after answering.
        answered_note: match (answered_banner, c.satisfied) {
            (None, Some(true)) => Some(t.answered_satisfied),
            (None, Some(false)) if c.reopen_requested => Some(t.answered_not_satisfied),
            (None, Some(false)) => Some(t.answered_not_satisfied_noted),
            _ => None,
        },
        answers,
        your_answer,
    };
    let max_bytes = u64::try_from(state.settings.max_attachment_bytes).unwrap_or(u64::MAX);
    let limits = fill(
        u.attachments_limits,
        &[
            ("files", &state.settings.max_attachments.to_string()),
            ("size", &file_size(max_bytes, lang)),
        ],
    );
    let template = StatusPage {
        page: Page::new(state, lang, &path, title).with_errors(has_errors),
        ui: u,
        t,
        gone: None,
        view: Some(view),
        satisfaction_action: format!("{path}/tevredenheid"),
        action: path,
        problems,
        refusal: extra.refusal,
        added_banner: extra.added.then_some(t.added),
        answered_banner,
        typed: extra.typed,
        text_hint: fill(t.text_hint, &[("max", &number(MAX_TEXT_CHARS, lang))]),
        attachments_hint: format!("{} {limits}", u.attachments_hint),
        accept: ACCEPT,
    };
    super::private(html(status, &template))
}

/// "20.000" / "20,000".
fn number(n: usize, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Nl => '.',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

fn status_word(t: &StatusTexts, s: Status) -> &'static str {
    match s {
        Status::Received => t.received,
        Status::Acknowledged => t.acknowledged,
        Status::InProgress => t.in_progress,
        Status::Decided => t.decided,
        Status::Closed => t.closed,
        Status::Withdrawn => t.withdrawn,
        Status::Duplicate => t.duplicate,
    }
}

fn status_text(t: &StatusTexts, s: Status) -> &'static str {
    match s {
        Status::Received => t.received_text,
        Status::Acknowledged => t.acknowledged_text,
        Status::InProgress => t.in_progress_text,
        Status::Decided => t.decided_text,
        Status::Closed => t.closed_text,
        Status::Withdrawn => t.withdrawn_text,
        Status::Duplicate => t.duplicate_text,
    }
}

/// The deadlines the complainant watches ([`promises`]), in their words.
fn deadlines(
    t: &StatusTexts,
    lang: Lang,
    loaded: &Loaded,
    c: &Complaint,
    now: Timestamp,
) -> Vec<DeadlineView> {
    promises(&loaded.profile, c, amsterdam_date(now))
        .into_iter()
        .map(|p| {
            let (due_text, done_text) = match p.promise {
                Promise::Acknowledgement => (t.ack_due, t.ack_done),
                Promise::Answer => (t.answer_due, t.answer_done),
                Promise::Settlement => (t.close_due, t.close_done),
            };
            let (text, done) = match p.kept {
                Kept::Done(met) => (
                    fill(
                        done_text,
                        &[("date", &long_date(amsterdam_date(met), lang))],
                    ),
                    true,
                ),
                Kept::Late => (
                    fill(t.deadline_late, &[("date", &weekday_date(p.due, lang))]),
                    false,
                ),
                Kept::Due => (
                    fill(due_text, &[("date", &weekday_date(p.due, lang))]),
                    false,
                ),
            };
            let label = &p.deadline.label;
            DeadlineView {
                label: label.get(lang).to_owned(),
                label_lang: text_lang(label, lang),
                text,
                done,
            }
        })
        .collect()
}

/// Every letter sent to the complainant, as recorded on the dossier (the status link in it
/// replaced by a placeholder), newest first.
fn letters(t: &StatusTexts, lang: Lang, d: &Dossier) -> Vec<LetterView> {
    let mut out: Vec<LetterView> = d
        .events
        .iter()
        .filter_map(|e| match &e.event.body {
            EventBody::Letter(l) => Some(LetterView {
                date: fill(
                    t.letter_sent_on,
                    &[("date", &long_date(amsterdam_date(e.event.at), lang))],
                ),
                subject: l.subject.get()?.clone(),
                // The layout keeps line breaks; a trailing one would show as an empty line.
                body: l.body.get()?.trim_end().to_owned(),
                lang: l.language.code(),
            }),
            _ => None,
        })
        .collect();
    out.reverse();
    out
}

/// What the complainant added themselves (through this page, or files with the form), oldest
/// first.
fn additions(t: &StatusTexts, lang: Lang, d: &Dossier) -> Vec<AdditionView> {
    d.events
        .iter()
        .filter_map(|e| match &e.event.body {
            EventBody::ComplainantAdded {
                text, documents, ..
            } => Some(AdditionView {
                date: fill(
                    t.addition_on,
                    &[("date", &long_date(amsterdam_date(e.event.at), lang))],
                ),
                text: text
                    .as_ref()
                    .and_then(|p| p.get())
                    .map(|t| t.trim_end().to_owned()),
                files: documents
                    .iter()
                    .filter_map(|doc| {
                        let name = doc.filename.get()?;
                        Some(format!("{name} ({})", file_size(doc.size, lang)))
                    })
                    .collect(),
            }),
            _ => None,
        })
        .collect()
}

/// What the complainant added through the status page so far ([`added`]).
fn added_so_far(d: &Dossier) -> Added {
    added(d.events.iter().map(|e| &e.event))
}

/// The limits of the status page's additions per complaint, from the settings.
fn addition_limits(state: &AppState) -> AdditionLimits {
    AdditionLimits {
        count: state.settings.additions_per_complaint,
        bytes: state.settings.addition_bytes_per_complaint,
    }
}

/// What the complainant may still add to the complaint ([`may_add`]).
fn may_add_now(state: &AppState, d: &Dossier) -> MayAdd {
    may_add(&d.state, added_so_far(d), addition_limits(state))
}

/// `added=1` / `answered=1` in the query string.
fn flag(query: Option<&str>, name: &str) -> bool {
    query
        .unwrap_or_default()
        .split('&')
        .any(|pair| pair == format!("{name}=1"))
}

/// A 303 to `location`, private like the page.
fn see_other(location: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(location) {
        r.headers_mut().insert(LOCATION, v);
    }
    super::private(r)
}

// ---- GET ----------------------------------------------------------------------------------------

/// `GET /status/{token}`.
async fn show(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(token): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let o = match open(&state, lang, &token).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let extra = Extra {
        added: flag(query.as_deref(), "added"),
        answered: flag(query.as_deref(), "answered"),
        ..Extra::default()
    };
    render(&state, lang, &o, StatusCode::OK, extra)
}

// ---- Adding a message and documents ------------------------------------------------------------

/// A file as received.
struct Upload {
    filename: String,
    bytes: Vec<u8>,
    /// Larger than allowed: the bytes were not kept.
    too_big: bool,
}

/// The form as received, within limits.
#[derive(Default)]
struct Received {
    text: String,
    text_too_long: bool,
    files: Vec<Upload>,
    /// Files beyond the allowed number (their content is not kept).
    extra_files: usize,
    /// The whole upload exceeded what any valid submission can be: reading stopped.
    too_large: bool,
}

/// Reads the multipart form, keeping within the limits of `settings` while reading.
async fn receive(
    mut form: Multipart,
    max_files: usize,
    max_file: usize,
) -> Result<Received, axum::extract::multipart::MultipartError> {
    // A message of 20 000 characters is at most 80 000 bytes of UTF-8.
    let max_text = MAX_TEXT_CHARS * 4;
    let max_total = max_files
        .saturating_mul(max_file)
        .saturating_add(max_text)
        .saturating_add(1024 * 1024);
    let mut total: usize = 0;
    let mut got = Received::default();
    while let Some(mut field) = form.next_field().await? {
        let name = field.name().unwrap_or_default().to_owned();
        let raw_name = field.file_name().map(str::to_owned);
        let (limit, keep) = match name.as_str() {
            "text" => (max_text, true),
            "attachments" => (max_file, got.files.len() < max_files),
            _ => (0, false),
        };
        let mut bytes = Vec::new();
        let mut over = false;
        while let Some(chunk) = field.chunk().await? {
            total = total.saturating_add(chunk.len());
            if total > max_total {
                got.too_large = true;
                return Ok(got);
            }
            if !keep || over {
                continue;
            }
            if bytes.len() + chunk.len() > limit {
                over = true;
                if name == "text" {
                    // Kept up to the limit, to give back rather than lose what was typed.
                    let room = limit.saturating_sub(bytes.len());
                    bytes.extend_from_slice(chunk.get(..room).unwrap_or(&chunk));
                } else {
                    bytes = Vec::new();
                }
            } else {
                bytes.extend_from_slice(&chunk);
            }
        }
        match name.as_str() {
            "text" => {
                got.text = String::from_utf8_lossy(&bytes).into_owned();
                got.text_too_long = over;
            }
            "attachments" => {
                // A file input without a file sends an empty part with an empty name.
                let Some(raw_name) = raw_name else { continue };
                if raw_name.trim().is_empty() && bytes.is_empty() && !over {
                    continue;
                }
                if keep {
                    got.files.push(Upload {
                        filename: documents::clean_filename(&raw_name),
                        bytes,
                        too_big: over,
                    });
                } else {
                    got.extra_files += 1;
                }
            }
            _ => {}
        }
    }
    Ok(got)
}

/// Checks a typed text, with line ends normalised. The text returned has no control characters
/// (besides line ends and tabs): when it had any, that is a problem, and the cleaned text goes
/// back into the form for the complainant to check.
fn check_text(
    text: &str,
    too_long: bool,
    field: &'static str,
    long: Tmpl,
    control: &str,
    lang: Lang,
    problems: &mut Vec<Problem>,
) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if too_long || text.chars().count() > MAX_TEXT_CHARS {
        problems.push(Problem {
            field,
            message: fill(long, &[("max", &number(MAX_TEXT_CHARS, lang))]),
        });
    }
    let allowed = |c: &char| !c.is_control() || *c == '\n' || *c == '\t';
    if text.chars().all(|c| allowed(&c)) {
        return text;
    }
    if !problems.iter().any(|p| p.field == field) {
        problems.push(Problem {
            field,
            message: control.to_owned(),
        });
    }
    text.chars().filter(allowed).collect()
}

/// `POST /status/{token}`: a message and/or documents from the complainant.
///
/// Within limits, checked before anything is read: the address's `submissions_per_hour` (shared
/// with the form) and the complaint's `additions_per_complaint`; the files' bytes against
/// `addition_bytes_per_complaint` once they are read.
async fn add(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    ClientAddr(ip): ClientAddr,
    Path(token): Path<String>,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let o = match open(&state, lang, &token).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let t = texts(lang);
    let settings = &state.settings;
    if let Err(wait) = state.intake.allow(ip) {
        tracing::warn!(%ip, "status page additions over the limit");
        let minutes = wait.as_secs().div_ceil(60).max(1).to_string();
        let extra = Extra {
            refusal: Some(fill(t.err_flood, &[("minutes", &minutes)])),
            ..Extra::default()
        };
        let mut r = render(&state, lang, &o, StatusCode::TOO_MANY_REQUESTS, extra);
        if let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            r.headers_mut().insert(RETRY_AFTER, v);
        }
        return r;
    }
    let so_far = added_so_far(&o.dossier);
    let bytes_left = match may_add(&o.dossier.state, so_far, addition_limits(&state)) {
        MayAdd::Yes { bytes_left } => bytes_left,
        // The engine refuses it below ([`complainant_adds`]), and says why.
        MayAdd::NotOpen => 0,
        MayAdd::UsedUp => {
            tracing::warn!(reference = %o.dossier.reference, added = so_far.count, "status page additions: the complaint's quota is used up");
            let extra = Extra {
                refusal: Some(fill(
                    t.quota_additions,
                    &[("max", &settings.additions_per_complaint.to_string())],
                )),
                ..Extra::default()
            };
            return render(&state, lang, &o, StatusCode::CONFLICT, extra);
        }
    };
    let unreadable = |o: &Opened, status| {
        let extra = Extra {
            problems: vec![Problem {
                field: "text",
                message: t.err_unreadable.to_owned(),
            }],
            ..Extra::default()
        };
        render(&state, lang, o, status, extra)
    };
    let Ok(form) = form else {
        return unreadable(&o, StatusCode::BAD_REQUEST);
    };
    let got = match receive(
        form,
        settings.max_attachments,
        settings.max_attachment_bytes,
    )
    .await
    {
        Ok(got) => got,
        Err(e) => {
            tracing::info!(error = %e, "status page: an addition could not be read");
            return unreadable(&o, StatusCode::BAD_REQUEST);
        }
    };

    let mut problems = Vec::new();
    let text = check_text(
        &got.text,
        got.text_too_long,
        "text",
        t.err_text_long,
        t.err_text_control,
        lang,
        &mut problems,
    );
    let max_bytes = u64::try_from(settings.max_attachment_bytes).unwrap_or(u64::MAX);
    let file_problem = |message: Tmpl, file: &str| Problem {
        field: "attachments",
        message: fill(
            message,
            &[
                ("file", file),
                ("size", &file_size(max_bytes, lang)),
                ("files", &settings.max_attachments.to_string()),
            ],
        ),
    };
    if got.too_large {
        problems.push(file_problem(t.err_total, ""));
    }
    if got.extra_files > 0 {
        problems.push(file_problem(t.err_too_many, ""));
    }
    // Each file checked by its content, never by its name.
    let mut checked: Vec<(Document, &[u8])> = Vec::new();
    for f in &got.files {
        if f.too_big {
            problems.push(file_problem(t.err_too_big, &f.filename));
        } else if f.bytes.is_empty() {
            problems.push(file_problem(t.err_file_empty, &f.filename));
        } else if let Some(mime) = documents::sniff(&f.bytes) {
            checked.push((
                Document {
                    sha256: documents::address(&f.bytes),
                    filename: Personal::new(f.filename.clone()),
                    content_type: mime.to_owned(),
                    size: u64::try_from(f.bytes.len()).unwrap_or(u64::MAX),
                },
                &f.bytes,
            ));
        } else {
            problems.push(file_problem(t.err_type, &f.filename));
        }
    }
    let sending: u64 = checked.iter().map(|(d, _)| d.size).sum();
    if sending > bytes_left {
        problems.push(Problem {
            field: "attachments",
            message: fill(t.err_quota_bytes, &[("size", &file_size(bytes_left, lang))]),
        });
    }
    let nothing = text.trim().is_empty() && got.files.is_empty() && got.extra_files == 0;
    if nothing && !got.too_large {
        problems.push(Problem {
            field: "text",
            message: t.err_nothing.to_owned(),
        });
    }
    let sent_files = !got.files.is_empty() || got.extra_files > 0 || got.too_large;
    let typed = Typed {
        text: text.clone(),
        files_lost: sent_files,
        ..Typed::default()
    };
    let c = &o.dossier.state;
    // On a complaint that no longer runs the engine's refusal says more than field errors.
    if !problems.is_empty() && c.status.is_open() {
        let extra = Extra {
            problems,
            typed,
            ..Extra::default()
        };
        return render(&state, lang, &o, StatusCode::UNPROCESSABLE_ENTITY, extra);
    }
    let documents: Vec<Document> = checked.iter().map(|(d, _)| d.clone()).collect();
    let text = Some(text.as_str()).filter(|t| !t.trim().is_empty());
    if let Err(r) = complainant_adds(c, text, documents.clone(), o.now) {
        return refused(&state, lang, &o, &r, typed);
    }
    for (doc, bytes) in &checked {
        if let Err(e) = documents::store(&state.documents, bytes).await {
            // A full disk, most likely: what was typed comes back; the files must be sent again.
            tracing::error!(error = %e, sha = %doc.sha256, "status page: storing a document failed");
            return not_stored(&state, lang, &o, true, typed);
        }
    }
    let now = o.now;
    let step = |c: &Complaint| complainant_adds(c, text, documents.clone(), now);
    match append(&state, o, step).await {
        Appended::Done(o) => {
            tracing::info!(reference = %o.dossier.reference, files = documents.len(), "the complainant added to their complaint");
            see_other(&format!("{}?added=1", status_path(&o.token)))
        }
        Appended::Refused(o, r) => refused(&state, lang, &o, &r, typed),
        Appended::Failed(o, unavailable) => not_stored(&state, lang, &o, unavailable, typed),
    }
}

/// The page with the engine's refusal, in the page's language (409).
fn refused(state: &AppState, lang: Lang, o: &Opened, r: &Refusal, typed: Typed) -> Response {
    let extra = Extra {
        refusal: Some(r.said_here(lang)),
        typed,
        ..Extra::default()
    };
    render(state, lang, o, StatusCode::CONFLICT, extra)
}

enum Appended {
    Done(Opened),
    Refused(Opened, Refusal),
    /// Not stored; `true` when the database could not take it now (try again later).
    Failed(Opened, bool),
}

/// Takes the complainant's step ([`klacht_app::complaints::complainant_step`]) and says how it
/// went, for the page.
async fn append<F>(state: &AppState, mut o: Opened, step: F) -> Appended
where
    F: Fn(&Complaint) -> Result<Vec<Event>, Refusal>,
{
    match klacht_app::complaints::complainant_step(state, &mut o.dossier, &o.loaded, step).await {
        Ok(()) => Appended::Done(o),
        Err(AppError::Refused(r)) => Appended::Refused(o, r),
        Err(e) => {
            tracing::error!(error = %klacht_app::with_sources(&e), reference = %o.dossier.reference, "status page: the step was not stored");
            let unavailable = e.is_unavailable();
            Appended::Failed(o, unavailable)
        }
    }
}

/// The page after a step that was not stored: with the database unable to take it, the status
/// page again with what was typed and a message to try later (503, `Retry-After`); else the
/// error page.
fn not_stored(
    state: &AppState,
    lang: Lang,
    o: &Opened,
    unavailable: bool,
    typed: Typed,
) -> Response {
    if !unavailable {
        return super::private(error_page(state, lang, &status_path(&o.token)));
    }
    let extra = Extra {
        refusal: Some(texts(lang).not_stored.to_owned()),
        typed,
        ..Extra::default()
    };
    let mut r = render(state, lang, o, StatusCode::SERVICE_UNAVAILABLE, extra);
    r.headers_mut().insert(
        RETRY_AFTER,
        HeaderValue::from(crate::http::error::RETRY_AFTER_SECS),
    );
    r
}

// ---- Satisfaction -------------------------------------------------------------------------------

/// The satisfaction form as posted. Fields left out read as sent empty; the page says what is
/// missing.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct SatisfactionForm {
    /// `yes` or `no`; anything else is no answer (a regulation without standard answers).
    satisfied: String,
    /// The id of one of the regulation's standard answers.
    answer: String,
    comment: String,
}

/// `POST /status/{token}/tevredenheid`: the answer to the satisfaction question.
async fn answer(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    let o = match open(&state, lang, &token).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let t = texts(lang);
    let Ok(form) = crate::http::forms::read::<SatisfactionForm>(&body) else {
        let path = format!("/status/{token}");
        return crate::http::pages::bad_form_page(&state, lang, &path, StatusCode::BAD_REQUEST);
    };
    let satisfied = match form.satisfied.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    let own = std::sync::Arc::clone(&o.loaded);
    let profile = &own.profile;
    let with_answers = !profile.satisfaction_answers.is_empty();
    let answer = profile.satisfaction_answer(form.answer.trim());
    let mut problems = Vec::new();
    if with_answers && answer.is_none() {
        problems.push(Problem {
            field: "answer",
            message: t.err_answer.to_owned(),
        });
    } else if !with_answers && satisfied.is_none() {
        problems.push(Problem {
            field: "satisfied",
            message: t.err_satisfied.to_owned(),
        });
    }
    let comment = check_text(
        &form.comment,
        false,
        "comment",
        t.err_comment_long,
        t.err_comment_control,
        lang,
        &mut problems,
    );
    let typed = Typed {
        comment: comment.clone(),
        satisfied,
        answer: answer.map(|a| a.id.clone()).unwrap_or_default(),
        ..Typed::default()
    };
    if !problems.is_empty() && satisfaction_open(&o.dossier.state) {
        let extra = Extra {
            problems,
            typed,
            ..Extra::default()
        };
        return render(&state, lang, &o, StatusCode::UNPROCESSABLE_ENTITY, extra);
    }
    // Not askable: the engine refuses whatever the answer, and says why.
    let choice = match answer {
        Some(a) => SatisfactionChoice::Answer(&a.id),
        None => SatisfactionChoice::Plain(satisfied.unwrap_or(false)),
    };
    let satisfied = answer.map_or(satisfied.unwrap_or(false), |a| a.satisfied);
    let comment = Some(comment.as_str()).filter(|c| !c.trim().is_empty());
    let now = o.now;
    let step = |c: &Complaint| answer_satisfaction(profile, c, choice, comment, now);
    match append(&state, o, step).await {
        Appended::Done(o) => {
            tracing::info!(reference = %o.dossier.reference, satisfied, answer = answer.map(|a| a.id.as_str()), "the complainant answered the satisfaction question");
            see_other(&format!(
                "{}?answered=1#tevredenheid",
                status_path(&o.token)
            ))
        }
        Appended::Refused(o, r) => refused(&state, lang, &o, &r, typed),
        Appended::Failed(o, unavailable) => not_stored(&state, lang, &o, unavailable, typed),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_satisfaction_form_decodes() {
        let form: SatisfactionForm =
            crate::http::forms::read(b"satisfied=no&comment=Te+laat%21%0D%0Aecht%3F&x=%zz%4")
                .unwrap();
        assert_eq!(form.satisfied, "no");
        assert_eq!(form.comment, "Te laat!\r\necht?");
        let form: SatisfactionForm =
            crate::http::forms::read("comment=caf%C3%A9".as_bytes()).unwrap();
        assert_eq!(
            (form.satisfied.as_str(), form.comment.as_str()),
            ("", "café")
        );
        let empty: SatisfactionForm = crate::http::forms::read(b"").unwrap();
        assert_eq!((empty.satisfied.as_str(), empty.comment.as_str()), ("", ""));
        assert!(
            crate::http::forms::read::<SatisfactionForm>(b"satisfied=yes&satisfied=no").is_err()
        );
    }

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(number(20_000, Lang::Nl), "20.000");
        assert_eq!(number(20_000, Lang::En), "20,000");
        assert_eq!(number(5, Lang::En), "5");
        assert_eq!(number(1_234_567, Lang::Nl), "1.234.567");
    }

    #[test]
    fn only_token_shaped_paths_are_looked_up() {
        assert!(plausible("abcdefghijklmnopqrstuvwxyz0123456789-_ABCDE"));
        assert!(!plausible("short"));
        assert!(!plausible("abcdefghijklmnop<script>"));
        assert!(!plausible(&"a".repeat(200)));
    }

    #[test]
    fn texts_are_checked_for_length_and_control_characters() {
        let mut p = Vec::new();
        let t = check_text(
            "a\r\nb\tc",
            false,
            "text",
            tmpl(Lang::Nl, "status-err-text-long"),
            "ctrl",
            Lang::Nl,
            &mut p,
        );
        assert_eq!(t, "a\nb\tc");
        assert!(p.is_empty());
        let t = check_text(
            "a\u{7}b\u{0}",
            false,
            "text",
            tmpl(Lang::Nl, "status-err-text-long"),
            "ctrl",
            Lang::Nl,
            &mut p,
        );
        assert_eq!(p[0].message, "ctrl");
        assert_eq!(t, "ab", "returned cleaned, to check and send again");
        let long = "é".repeat(MAX_TEXT_CHARS + 1);
        check_text(
            &long,
            false,
            "text",
            tmpl(Lang::Nl, "status-err-text-long"),
            "ctrl",
            Lang::Nl,
            &mut p,
        );
        assert_eq!(
            p[1].message,
            "Uw bericht is te lang. Gebruik maximaal 20.000 tekens, of stuur de rest als bestand mee."
        );
        // Exactly the limit, in characters rather than bytes, is fine.
        let mut q = Vec::new();
        check_text(
            &"é".repeat(MAX_TEXT_CHARS),
            false,
            "text",
            tmpl(Lang::Nl, "status-err-text-long"),
            "c",
            Lang::Nl,
            &mut q,
        );
        assert!(q.is_empty());
    }
}
