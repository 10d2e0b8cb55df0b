//! `POST /`: the complaint form is sent (T2, T19, K1, K2), and `GET /bedankt/{token}`: the
//! thank-you page with the reference and what happens next, with the real dates.
//!
//! The form is validated by the same rules as the public API (`PublicComplaint`), with the
//! messages said again in the page's language. On any problem the page comes back with every
//! value kept, attachments already received included, and nothing is stored: not the complaint
//! and not its files. Attachments of a form that came back are kept in memory for the next
//! attempt ([`Intake`]), within a budget; they reach the documents directory only when the
//! complaint is stored. A flood from one
//! address gets a page that says so; a filled-in honeypot gets a page too, never a silent drop.

use super::form::{FormProblem, FormValues, KeptFile, render_form, render_form_not_stored};
use super::i18n::fill;
use super::lang::PageLang;
use super::{Page, html};
use crate::documents;
use crate::follow::token_hash;
use crate::http::client::ClientAddr;
use crate::http::i18n::{Tmpl, text_problem, tmpl, tr};
use crate::http::page_error::PageError;
use crate::http::state::{AppState, Settings};
use askama::Template;
use axum::extract::multipart::{Field, Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::HashMapStateStore;
use governor::{Quota, RateLimiter};
use klacht_app::intake::{PublicComplaint, complainant_problems};
use klacht_app::{FieldProblem, Problem};
use klacht_core::calendar::amsterdam_date;
use klacht_core::procedure::{Complainant, Document, NewComplaint};
use klacht_core::profile::MetBy;
use klacht_core::texts::weekday_date;
use klacht_core::{Channel, Lang, Personal};
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::LazyLock;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long attachments of a form that came back with problems are kept for the next attempt.
const KEEP_FOR: Duration = Duration::from_secs(2 * 3600);
/// The memory attachments kept between attempts may take together, at least: enough for one
/// form with every attachment at its largest ([`Intake::new`] raises it to that). Beyond it the
/// oldest go first; whoever comes back for one is asked to choose the file again.
const KEEP_BYTES: usize = 64 * 1024 * 1024;
/// Text fields larger than this are not read into memory.
const MAX_TEXT_FIELD: usize = 256 * 1024;

type Limiter = RateLimiter<IpAddr, HashMapStateStore<IpAddr>, DefaultClock>;

/// A checked attachment of a form that came back, in memory until the form is sent again.
#[derive(Debug, Clone)]
struct Upload {
    document: Document,
    bytes: Arc<Vec<u8>>,
    at: Instant,
}

/// Attachments kept between attempts, and the bytes they hold together.
#[derive(Debug, Default)]
struct Kept {
    uploads: HashMap<String, Upload>,
    bytes: usize,
}

impl Kept {
    fn remove(&mut self, token: &str) {
        if let Some(u) = self.uploads.remove(token) {
            self.bytes = self.bytes.saturating_sub(u.bytes.len());
        }
    }

    /// Drops what is too old, then the oldest until `room` more bytes fit in `budget`.
    fn make_room(&mut self, room: usize, budget: usize) {
        let expired: Vec<String> = self
            .uploads
            .iter()
            .filter(|(_, u)| u.at.elapsed() >= KEEP_FOR)
            .map(|(t, _)| t.clone())
            .collect();
        for t in expired {
            self.remove(&t);
        }
        while self.bytes.saturating_add(room) > budget {
            let Some(oldest) = self
                .uploads
                .iter()
                .min_by_key(|(_, u)| u.at)
                .map(|(t, _)| t.clone())
            else {
                break;
            };
            self.remove(&oldest);
        }
    }
}

/// The form's flood limit per client address (also for additions through a status link), and
/// attachments kept between attempts.
pub struct Intake {
    limiter: Limiter,
    kept: Mutex<Kept>,
    /// The most bytes [`Kept`] holds.
    budget: usize,
}

impl std::fmt::Debug for Intake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Intake").finish_non_exhaustive()
    }
}

impl Intake {
    pub fn new(settings: &Settings) -> Intake {
        let per_hour = NonZeroU32::new(settings.submissions_per_hour).unwrap_or(NonZeroU32::MIN);
        Intake {
            limiter: RateLimiter::hashmap(Quota::per_hour(per_hour)),
            kept: Mutex::new(Kept::default()),
            budget: KEEP_BYTES.max(
                settings
                    .max_attachments
                    .saturating_mul(settings.max_attachment_bytes),
            ),
        }
    }

    /// `Err(wait)` when this address sent too much lately.
    pub fn allow(&self, ip: IpAddr) -> Result<(), Duration> {
        if self.limiter.len() > 100_000 {
            self.limiter.retain_recent();
        }
        self.limiter
            .check_key(&ip)
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// Keeps a checked attachment in memory for the next attempt; returns its token.
    fn keep(&self, document: Document, bytes: Arc<Vec<u8>>) -> String {
        let token = crate::follow::new_token();
        if let Ok(mut kept) = self.kept.lock() {
            kept.make_room(bytes.len(), self.budget);
            kept.bytes = kept.bytes.saturating_add(bytes.len());
            kept.uploads.insert(
                token.clone(),
                Upload {
                    document,
                    bytes,
                    at: Instant::now(),
                },
            );
        }
        token
    }

    fn kept(&self, token: &str) -> Option<(Document, Arc<Vec<u8>>)> {
        let kept = self.kept.lock().ok()?;
        kept.uploads
            .get(token)
            .filter(|u| u.at.elapsed() < KEEP_FOR)
            .map(|u| (u.document.clone(), u.bytes.clone()))
    }

    fn forget(&self, tokens: &[String]) {
        if let Ok(mut kept) = self.kept.lock() {
            for t in tokens {
                kept.remove(t);
            }
        }
    }
}

/// The form's messages, in both languages.
struct Texts {
    name_required: &'static str,
    description_required: &'static str,
    contact_required: &'static str,
    email_invalid: &'static str,
    phone_invalid: &'static str,
    too_long: Tmpl,
    not_utf8: &'static str,
    privacy_required: &'static str,
    relation_unknown: &'static str,
    date_of_birth_invalid: &'static str,
    too_many_files: Tmpl,
    file_too_large: Tmpl,
    file_type: Tmpl,
    file_empty: Tmpl,
    file_lost: &'static str,
    not_stored: Tmpl,
    limit_title: &'static str,
    limit_text: Tmpl,
    honeypot_title: &'static str,
    honeypot_text: &'static str,
    bad_form_title: &'static str,
    bad_form_text: &'static str,
    back: &'static str,
    thanks_title: &'static str,
    thanks_received: Tmpl,
    thanks_reference: &'static str,
    thanks_next: &'static str,
    thanks_acknowledged: &'static str,
    thanks_acknowledge_by: Tmpl,
    thanks_answer_by: Tmpl,
    thanks_status: &'static str,
    thanks_status_keep: &'static str,
    thanks_documents: &'static str,
    not_found_title: &'static str,
    not_found_text: &'static str,
}

/// The texts in `lang`, from the catalogue (`locales/*/submit.ftl`).
fn load(lang: Lang) -> Texts {
    Texts {
        name_required: tr(lang, "submit-name-required"),
        description_required: tr(lang, "submit-description-required"),
        contact_required: tr(lang, "submit-contact-required"),
        email_invalid: tr(lang, "submit-email-invalid"),
        phone_invalid: tr(lang, "submit-phone-invalid"),
        too_long: tmpl(lang, "submit-too-long"),
        not_utf8: tr(lang, "submit-not-utf8"),
        privacy_required: tr(lang, "submit-privacy-required"),
        relation_unknown: tr(lang, "submit-relation-unknown"),
        date_of_birth_invalid: tr(lang, "submit-date-of-birth-invalid"),
        too_many_files: tmpl(lang, "submit-too-many-files"),
        file_too_large: tmpl(lang, "submit-file-too-large"),
        file_type: tmpl(lang, "submit-file-type"),
        file_empty: tmpl(lang, "submit-file-empty"),
        file_lost: tr(lang, "submit-file-lost"),
        not_stored: tmpl(lang, "submit-not-stored"),
        limit_title: tr(lang, "submit-limit-title"),
        limit_text: tmpl(lang, "submit-limit-text"),
        honeypot_title: tr(lang, "submit-honeypot-title"),
        honeypot_text: tr(lang, "submit-honeypot-text"),
        bad_form_title: tr(lang, "submit-bad-form-title"),
        bad_form_text: tr(lang, "submit-bad-form-text"),
        back: tr(lang, "submit-back"),
        thanks_title: tr(lang, "submit-thanks-title"),
        thanks_received: tmpl(lang, "submit-thanks-received"),
        thanks_reference: tr(lang, "submit-thanks-reference"),
        thanks_next: tr(lang, "submit-thanks-next"),
        thanks_acknowledged: tr(lang, "submit-thanks-acknowledged"),
        thanks_acknowledge_by: tmpl(lang, "submit-thanks-acknowledge-by"),
        thanks_answer_by: tmpl(lang, "submit-thanks-answer-by"),
        thanks_status: tr(lang, "submit-thanks-status"),
        thanks_status_keep: tr(lang, "submit-thanks-status-keep"),
        thanks_documents: tr(lang, "submit-thanks-documents"),
        not_found_title: tr(lang, "submit-not-found-title"),
        not_found_text: tr(lang, "submit-not-found-text"),
    }
}

static NL: LazyLock<Texts> =
    LazyLock::new(|| crate::http::i18n::in_voice(false, || load(Lang::Nl)));
/// Dutch with "je" (a regulation with `texts.informal`).
static NL_JE: LazyLock<Texts> =
    LazyLock::new(|| crate::http::i18n::in_voice(true, || load(Lang::Nl)));
static EN: LazyLock<Texts> =
    LazyLock::new(|| crate::http::i18n::in_voice(false, || load(Lang::En)));

fn texts(lang: Lang) -> &'static Texts {
    match (lang, crate::http::i18n::informal()) {
        (Lang::Nl, false) => &NL,
        (Lang::Nl, true) => &NL_JE,
        (Lang::En, _) => &EN,
    }
}

/// A page with a heading, a text and a way back.
#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage {
    page: Page,
    text: String,
    back: &'static str,
}

fn message(
    state: &AppState,
    lang: Lang,
    status: StatusCode,
    title: &str,
    text: String,
) -> Response {
    let page = Page::new(state, lang, "/", title);
    html(
        status,
        &MessagePage {
            page,
            text,
            back: texts(lang).back,
        },
    )
}

pub(super) fn not_found(state: &AppState, lang: Lang) -> Response {
    let t = texts(lang);
    message(
        state,
        lang,
        StatusCode::NOT_FOUND,
        t.not_found_title,
        t.not_found_text.to_owned(),
    )
}

/// What came in with the form.
#[derive(Default)]
struct Received {
    values: FormValues,
    language: Option<Lang>,
    honeypot: String,
    kept: Vec<String>,
    remove: Vec<String>,
    files: Vec<(String, Vec<u8>)>,
    oversized: Vec<String>,
    not_utf8: Vec<&'static str>,
}

const TEXT_FIELDS: [&str; 8] = [
    "name",
    "email",
    "phone",
    "address",
    "relation",
    "on_behalf_of",
    "date_of_birth",
    "description",
];

/// Reads a part up to `max` bytes; `Err(())` when it is larger (the rest is read and dropped,
/// so the browser gets our answer instead of a reset connection).
async fn read_part(field: &mut Field<'_>, max: usize) -> Result<Result<Vec<u8>, ()>, ()> {
    let mut buf = Vec::new();
    let mut over = false;
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                if !over && buf.len() + chunk.len() <= max {
                    buf.extend_from_slice(&chunk);
                } else {
                    over = true;
                    buf.clear();
                }
            }
            Ok(None) => return Ok(if over { Err(()) } else { Ok(buf) }),
            Err(_) => return Err(()),
        }
    }
}

async fn receive(mut multipart: Multipart, settings: &Settings) -> Result<Received, ()> {
    let mut r = Received::default();
    while let Some(mut field) = multipart.next_field().await.map_err(|_| ())? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "attachments" {
            let filename = documents::clean_filename(field.file_name().unwrap_or_default());
            let read = read_part(&mut field, settings.max_attachment_bytes).await?;
            match read {
                // A file input left empty sends a nameless, empty part.
                Ok(bytes)
                    if bytes.is_empty() && field.file_name().unwrap_or_default().is_empty() => {}
                Ok(bytes) => r.files.push((filename, bytes)),
                Err(()) => r.oversized.push(filename),
            }
            continue;
        }
        let Ok(bytes) = read_part(&mut field, MAX_TEXT_FIELD).await? else {
            continue;
        };
        let Some(&field_name) = TEXT_FIELDS.iter().find(|f| **f == name) else {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            match name.as_str() {
                "website" => r.honeypot = text,
                "language" => r.language = super::lang::from_query(Some(&format!("lang={text}"))),
                "privacy_accepted" => r.values.privacy_accepted = !text.is_empty(),
                "kept" => r.kept.push(text),
                "remove_kept" => r.remove.push(text),
                _ => {}
            }
            continue;
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                r.not_utf8.push(field_name);
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        let v = &mut r.values;
        match field_name {
            "name" => v.name = text,
            "email" => v.email = text,
            "phone" => v.phone = text,
            "address" => v.address = text,
            "relation" => v.relation = text,
            "on_behalf_of" => v.on_behalf_of = text,
            "date_of_birth" => v.date_of_birth = text,
            _ => v.description = text,
        }
    }
    Ok(r)
}

fn some(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn field_static(field: &str) -> &'static str {
    super::form::FIELDS
        .iter()
        .find(|f| **f == field)
        .copied()
        .unwrap_or("description")
}

/// A field's problem, said in the page's language: by its kind, not its English words.
fn localize(e: &FieldProblem, t: &Texts, lang: Lang) -> String {
    match e.problem {
        Problem::NoContact => return t.contact_required.to_owned(),
        Problem::TooLong { max } => return fill(t.too_long, &[("max", &max.to_string())]),
        Problem::Text(p) => return text_problem(lang, p).to_owned(),
        _ => {}
    }
    match e.field.as_str() {
        "name" => t.name_required.to_owned(),
        "description" => t.description_required.to_owned(),
        "email" => t.email_invalid.to_owned(),
        "phone" => t.phone_invalid.to_owned(),
        "privacy_accepted" => t.privacy_required.to_owned(),
        _ => e.message.clone(),
    }
}

/// `POST /`.
pub async fn submit(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    PageLang(page_lang): PageLang,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    if let Err(wait) = state.intake.allow(ip) {
        let t = texts(page_lang);
        let minutes = wait.as_secs().div_ceil(60).max(1).to_string();
        tracing::warn!(%ip, "form submissions over the limit");
        let mut r = message(
            &state,
            page_lang,
            StatusCode::TOO_MANY_REQUESTS,
            t.limit_title,
            fill(t.limit_text, &[("minutes", &minutes)]),
        );
        if let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return r;
    }
    let received = match multipart {
        Ok(m) => receive(m, &state.settings).await,
        Err(_) => Err(()),
    };
    let Ok(r) = received else {
        let t = texts(page_lang);
        return message(
            &state,
            page_lang,
            StatusCode::BAD_REQUEST,
            t.bad_form_title,
            t.bad_form_text.to_owned(),
        );
    };
    let lang = r.language.unwrap_or(page_lang);
    let t = texts(lang);
    if !r.honeypot.trim().is_empty() {
        tracing::warn!(%ip, "form honeypot filled in");
        return message(
            &state,
            lang,
            StatusCode::BAD_REQUEST,
            t.honeypot_title,
            t.honeypot_text.to_owned(),
        );
    }
    intake(&state, lang, r).await
}

async fn intake(state: &AppState, lang: Lang, r: Received) -> Response {
    let t = texts(lang);
    let loaded = state.regulation();
    let profile = &loaded.profile;
    let v = &r.values;
    let mut problems: Vec<FormProblem> = Vec::new();
    let mut problem = |field: &str, message: String| {
        let field = field_static(field);
        if !problems.iter().any(|p| p.field == field) {
            problems.push(FormProblem { field, message });
        }
    };
    for f in &r.not_utf8 {
        problem(f, t.not_utf8.to_owned());
    }
    // The same rules as the public API.
    let api = PublicComplaint {
        name: some(&v.name),
        email: some(&v.email),
        phone: some(&v.phone),
        description: some(&v.description),
        address: some(&v.address),
        on_behalf_of: some(&v.on_behalf_of),
        privacy_accepted: Some(v.privacy_accepted),
        relation: some(&v.relation),
        language: Some(lang.code().to_owned()),
        date_of_birth: None,
    };
    let mut errors = Vec::new();
    complainant_problems(&api, &mut errors);
    if !v.privacy_accepted {
        errors.push(FieldProblem::new("privacy_accepted", "must be true"));
    }
    for e in &errors {
        // "E-mail or phone" is one problem: said once, at the e-mail field (the hint of the
        // fieldset covers both).
        if e.field == "phone" && e.problem == Problem::NoContact {
            continue;
        }
        problem(&e.field, localize(e, t, lang));
    }
    if let Some(rel) = &api.relation
        && profile.relation(rel).is_none()
    {
        problem("relation", t.relation_unknown.to_owned());
    }
    let today = amsterdam_date(state.clock.now());
    let date_of_birth = match some(&v.date_of_birth) {
        None => None,
        Some(d) => match d.parse::<jiff::civil::Date>() {
            Ok(d) if d <= today && d.year() >= 1900 => Some(d),
            _ => {
                problem("date_of_birth", t.date_of_birth_invalid.to_owned());
                None
            }
        },
    };

    // Attachments: those kept from an earlier attempt, then the new ones. All in memory: a file
    // reaches the documents directory only with the complaint that refers to it.
    let mut kept: Vec<(String, Document, Arc<Vec<u8>>)> = Vec::new();
    for tok in r.kept.iter().filter(|tok| !r.remove.contains(tok)) {
        match state.intake.kept(tok) {
            Some((d, bytes)) => kept.push((tok.clone(), d, bytes)),
            // Gone (hours later, a restart, or pushed out by others): sending the complaint
            // without it would lose it silently.
            None => problem("attachments", t.file_lost.to_owned()),
        }
    }
    let max = state.settings.max_attachments;
    let max_size = super::i18n::file_size(
        u64::try_from(state.settings.max_attachment_bytes).unwrap_or(u64::MAX),
        lang,
    );
    for name in &r.oversized {
        problem(
            "attachments",
            fill(t.file_too_large, &[("file", name), ("max", &max_size)]),
        );
    }
    let files_sent = r.files.len();
    for (name, bytes) in r.files {
        if bytes.is_empty() {
            problem("attachments", fill(t.file_empty, &[("file", &name)]));
            continue;
        }
        let Some(content_type) = documents::sniff(&bytes) else {
            problem("attachments", fill(t.file_type, &[("file", &name)]));
            continue;
        };
        if kept.len() >= max {
            problem(
                "attachments",
                fill(t.too_many_files, &[("max", &max.to_string())]),
            );
            continue;
        }
        let document = Document {
            sha256: documents::address(&bytes),
            filename: Personal::new(name),
            content_type: content_type.to_owned(),
            size: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
        };
        let bytes = Arc::new(bytes);
        let token = state.intake.keep(document.clone(), bytes.clone());
        kept.push((token, document, bytes));
    }
    if files_sent + r.kept.len() > max + r.remove.len()
        && !problems.iter().any(|p| p.field == "attachments")
    {
        problems.push(FormProblem {
            field: "attachments",
            message: fill(t.too_many_files, &[("max", &max.to_string())]),
        });
    }
    let kept_view = |kept: &[(String, Document, Arc<Vec<u8>>)]| -> Vec<KeptFile> {
        kept.iter()
            .map(|(token, d, _)| KeptFile {
                token: token.clone(),
                filename: d.filename.get().cloned().unwrap_or_default(),
                size: d.size,
            })
            .collect()
    };
    if !problems.is_empty() {
        return render_form(state, lang, v, &problems, &kept_view(&kept));
    }
    // Everything checks: now the files go to disk, before the complaint that refers to them.
    // Should storing the complaint fail after all, the sweep removes them.
    for (_, d, bytes) in &kept {
        if let Err(e) = documents::store(&state.documents, bytes).await {
            // A full disk, most likely: the page comes back with everything typed and kept.
            tracing::error!(error = %e, sha = %d.sha256, "storing an attachment");
            return render_form_not_stored(state, lang, v, &kept_view(&kept));
        }
    }

    let new = NewComplaint {
        channel: Channel::Web,
        received_at: state.clock.now(),
        received_by: None,
        received_where: None,
        concerns: None,
        relation: api.relation.clone(),
        complainant: Complainant {
            name: v.name.trim().to_owned(),
            email: api.email.clone(),
            phone: api.phone.clone(),
            address: api.address.clone(),
            date_of_birth,
        },
        on_behalf_of: api.on_behalf_of.clone(),
        description: v.description.trim().to_owned(),
        language: lang,
        resolved_directly: None,
        documents: kept.iter().map(|(_, d, _)| d.clone()).collect(),
    };
    match klacht_app::complaints::register(state, None, new)
        .await
        .map_err(PageError::from)
    {
        Ok(registered) => {
            let tokens: Vec<String> = kept.iter().map(|(t, _, _)| t.clone()).collect();
            state.intake.forget(&tokens);
            // A complaint from the public is registered with its status link.
            let Some(token) = registered.status_token else {
                tracing::error!(reference = %registered.reference, "a complaint from the form without a status link");
                return super::error_page(state, lang, "/");
            };
            let to = format!("/bedankt/{token}?lang={}", lang.code());
            Redirect::to(&to).into_response()
        }
        Err(e) if e.is_unavailable() => render_form_not_stored(state, lang, v, &kept_view(&kept)),
        Err(e) if e.is_theirs() => {
            let reason = e.message_in(lang);
            let problems = [FormProblem {
                field: "description",
                message: fill(t.not_stored, &[("reason", &reason)]),
            }];
            render_form(state, lang, v, &problems, &kept_view(&kept))
        }
        Err(e) => {
            tracing::error!(error = ?e, "storing a complaint from the form");
            super::error_page(state, lang, "/")
        }
    }
}

/// The thank-you page.
#[derive(Template)]
#[template(path = "thanks.html")]
struct ThanksPage {
    page: Page,
    received: String,
    reference_label: &'static str,
    reference: String,
    next_title: &'static str,
    next: Vec<String>,
    status_text: &'static str,
    status_url: String,
    status_keep: &'static str,
    documents_title: &'static str,
    documents: Vec<String>,
}

/// `GET /bedankt/{token}`: shown once the complaint is stored (and again on reload).
pub async fn thanks(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(token): Path<String>,
) -> Response {
    let t = texts(lang);
    let link = match state.store.status_link(&token_hash(&token)).await {
        Ok(Some(l)) if l.revoked_at.is_none() => l,
        Ok(_) => return not_found(&state, lang),
        Err(e) => {
            tracing::error!(error = %e, "reading a status link");
            return super::error_page(&state, lang, "/");
        }
    };
    let dossier = match state.store.load(&link.reference).await {
        Ok(Some(d)) => d,
        Ok(None) => return not_found(&state, lang),
        Err(e) => {
            tracing::error!(error = %e, "loading a complaint for its thank-you page");
            return super::error_page(&state, lang, "/");
        }
    };
    let loaded = match state.profiles.get(&state.store, dossier.profile_id).await {
        Ok(l) => l,
        Err(_) => return super::error_page(&state, lang, "/"),
    };
    let c = &dossier.state;
    let mut next = Vec::new();
    for d in &loaded.profile.deadlines {
        let Some(s) = c.deadline(&d.id) else { continue };
        let Some(due) = s.due else { continue };
        let date = weekday_date(due, lang);
        if d.met_by == MetBy::Acknowledge {
            if s.met_at.is_some() {
                next.push(t.thanks_acknowledged.to_owned());
            } else {
                next.push(fill(t.thanks_acknowledge_by, &[("date", &date)]));
            }
        } else if s.met_at.is_none() {
            next.push(fill(
                t.thanks_answer_by,
                &[("label", d.label.get(lang)), ("date", &date)],
            ));
        }
    }
    let documents = dossier
        .events
        .iter()
        .filter_map(|e| match &e.event.body {
            klacht_core::procedure::EventBody::ComplainantAdded { documents, .. } => {
                Some(documents)
            }
            _ => None,
        })
        .flatten()
        .map(|d| d.filename.get().cloned().unwrap_or_default())
        .collect();
    let page = Page::new(&state, lang, &format!("/bedankt/{token}"), t.thanks_title);
    super::private(html(
        StatusCode::OK,
        &ThanksPage {
            page,
            received: fill(
                t.thanks_received,
                &[("date", &weekday_date(amsterdam_date(c.received_at), lang))],
            ),
            reference_label: t.thanks_reference,
            reference: dossier.reference.to_string(),
            next_title: t.thanks_next,
            next,
            status_text: t.thanks_status,
            status_url: state.settings.url(&crate::follow::status_path(&token)),
            status_keep: t.thanks_status_keep,
            documents_title: t.thanks_documents,
            documents,
        },
    ))
}
