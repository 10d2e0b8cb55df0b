//! The data-subject desk (AVG art. 12, 15, 16, 17): a person asks what klacht holds about them
//! (access), to correct it (rectification) or to erase it (erasure). The coordinator registers
//! the request, which gets its own deadline (one month, extendable once by two months with a
//! notice to the person), finds the person's complaints, and answers: an export of their data
//! with other people's left out, a correction on a complaint, or the anonymisation of each
//! complaint that may be anonymised (with the reason for each that may not). Every step is
//! logged on the request.
//!
//! The rules (who the person is, which complaints are theirs, the deadline, what a correction
//! may change) are klacht-core's [`klacht_core::subject`]; anonymising and correcting are steps
//! of the procedure ([`crate::complaints::take_step`]).

use crate::complaints::{self, Opened, StepOptions};
use crate::{App, AppError, privacy};
use jiff::Timestamp;
use jiff::civil::Date;
use klacht_core::calendar::amsterdam_date;
use klacht_core::procedure::{Command, EventBody, Status};
use klacht_core::subject::{self, Field, Person, Relation, RequestKind};
use klacht_core::{Lang, Reference};
use klacht_store::{LogEntry, NewMail, NewRequest, SubjectRequest, User};
use std::collections::BTreeSet;

/// Where the desk's requests are, in the back office.
pub const REQUESTS_PATH: &str = "/beheer/verzoeken";

/// The notice to whoever oversees the desk that a request is due today or on the next working
/// day (or was due and is still open). Detail: `ID:DUE`.
pub const REQUEST_DUE: &str = "request_due";

/// The most requests listed.
const LISTED: u32 = 500;
/// The most complaints a person's search reads.
const SEARCHED: u32 = 500;

/// A request as the coordinator registers it.
#[derive(Debug, Clone, Default)]
pub struct RequestInput {
    pub kind: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// When it was received; default today.
    pub received_on: Option<Date>,
    pub note: Option<String>,
}

/// What is wrong with a request as given, field by field (nothing stored): the kind, each
/// identifier and the note, a receipt date in the future, and no way to identify the person (or
/// an e-mail address or phone number that cannot be one). A form shows them all at once.
pub fn problems(app: &App, input: &RequestInput) -> Vec<crate::FieldProblem> {
    let mut problems = Vec::new();
    if input.kind.as_deref().and_then(RequestKind::parse).is_none() {
        problems.push(crate::FieldProblem::new(
            "kind",
            "expected access, rectification or erasure",
        ));
    }
    for (field, v) in [
        ("name", &input.name),
        ("email", &input.email),
        ("phone", &input.phone),
    ] {
        crate::input::line_field(&mut problems, field, v, false, 200);
    }
    crate::input::text_field(&mut problems, "note", &input.note, false, 5000);
    let today = amsterdam_date(app.clock.now());
    if input.received_on.is_some_and(|d| d > today) {
        problems.push(crate::FieldProblem::new(
            "received_on",
            "lies in the future",
        ));
    }
    if let Err(refusal) = Person::new(
        input.name.as_deref(),
        input.email.as_deref(),
        input.phone.as_deref(),
    ) {
        for p in crate::refusal_fields(&refusal) {
            if !problems.iter().any(|q| q.field == p.field) {
                problems.push(p);
            }
        }
    }
    problems
}

/// Tells whoever oversees the desk (the coordinator, or the deputy acting) of each open request
/// due by the next working day, by notice and e-mail, as complaints' deadlines are told: once
/// per request and due date (an extension's new date is told anew), also when the round repeats
/// and on several instances. Returns how many notices were written now.
pub async fn reminder_round(app: &App) -> Result<u64, AppError> {
    let now = app.clock.now();
    let today = amsterdam_date(now);
    let loaded = app.regulation();
    let by = klacht_core::deadlines::due_soon_until(&loaded.calendar, today);
    let due: Vec<SubjectRequest> = app
        .store
        .requests(LISTED)
        .await?
        .into_iter()
        .filter(|r| r.completed_at.is_none() && r.due_on <= by)
        .collect();
    if due.is_empty() {
        return Ok(0);
    }
    let users = app.store.recent_users().await?;
    let org = klacht_core::procedure::Org {
        staff: users.iter().map(User::staff).collect(),
    };
    let profile = &loaded.profile;
    let overseers: Vec<&User> = users
        .iter()
        .filter(|u| {
            u.active && klacht_core::retention::may_oversee(profile, &org, &u.staff()).is_ok()
        })
        .collect();
    let mut notices = Vec::new();
    for r in &due {
        let detail = format!("{}:{}", r.id, r.due_on);
        for u in &overseers {
            notices.push(klacht_store::NewNotice {
                user: u.id,
                kind: REQUEST_DUE.to_owned(),
                detail: Some(detail.clone()),
                dedupe: Some(format!("{REQUEST_DUE}:{}:{}:{}", r.id, r.due_on, u.id.0)),
                mail: Some(crate::reminders::mail(
                    &app.config,
                    profile,
                    u,
                    REQUEST_DUE,
                    &detail,
                )),
            });
        }
    }
    let written = app.store.notify(None, None, &notices, now).await?;
    if written > 0 {
        app.mail_notify.notify_one();
    }
    Ok(written)
}

/// Registers a request; its id. Refused with every [`problems`] of the input.
pub async fn register(app: &App, user: &User, input: &RequestInput) -> Result<i64, AppError> {
    privacy::may_oversee(app, user).await?;
    let problems = problems(app, input);
    let kind = input.kind.as_deref().and_then(RequestKind::parse);
    let (Some(kind), true) = (kind, problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let today = amsterdam_date(app.clock.now());
    let received_on = input.received_on.unwrap_or(today);
    let person = Person::new(
        input.name.as_deref(),
        input.email.as_deref(),
        input.phone.as_deref(),
    )?;
    let calendar = &app.regulation().calendar;
    let id = app
        .store
        .create_request(&NewRequest {
            kind,
            person,
            received_on,
            due_on: subject::due(calendar, received_on),
            note: input
                .note
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
            by: user.id,
            at: app.clock.now(),
        })
        .await?;
    Ok(id)
}

/// The requests, open ones first (due first), for whoever oversees retention.
pub async fn list(app: &App, user: &User) -> Result<Vec<SubjectRequest>, AppError> {
    privacy::may_oversee(app, user).await?;
    Ok(app.store.requests(LISTED).await?)
}

/// A complaint of the person's.
#[derive(Debug, Clone)]
pub struct Match {
    pub reference: Reference,
    pub relation: Relation,
    pub status: Status,
    pub received_at: Timestamp,
    pub anonymised_at: Option<Timestamp>,
    pub held_since: Option<Timestamp>,
}

/// A request with its log and the person's complaints.
#[derive(Debug, Clone)]
pub struct Desk {
    pub request: SubjectRequest,
    pub matches: Vec<Match>,
    /// Open, not extended, and its first month not over: it may still be extended.
    pub may_extend: bool,
}

/// A request that is not (or no longer) in a state for this, said in both languages.
fn state(nl: String, en: String) -> AppError {
    AppError::Refused(klacht_core::procedure::Refusal::state(nl, en))
}

fn not_found(id: i64) -> AppError {
    AppError::not_found(
        format!("There is no request {id}."),
        format!("Er is geen verzoek {id}."),
    )
}

/// A request with its log and the person's complaints.
pub async fn open(app: &App, user: &User, id: i64) -> Result<Desk, AppError> {
    privacy::may_oversee(app, user).await?;
    let request = app.store.request(id).await?.ok_or_else(|| not_found(id))?;
    let matches = matches(app, user, &request.person).await?;
    let today = amsterdam_date(app.clock.now());
    let may_extend =
        request.completed_at.is_none() && request.extended_at.is_none() && today <= request.due_on;
    Ok(Desk {
        request,
        matches,
        may_extend,
    })
}

/// Every complaint where the person is the complainant or the one represented: found by the
/// full-text search on each identifier they gave, then judged one by one by core's rule; in
/// reference order.
async fn matches(app: &App, user: &User, person: &Person) -> Result<Vec<Match>, AppError> {
    let mut seen = BTreeSet::new();
    for term in person.search_terms() {
        let filter = klacht_store::ListFilter {
            text: Some(term),
            ..klacht_store::ListFilter::default()
        };
        let page = crate::lists::list(
            app,
            user,
            &filter,
            klacht_store::Sort::Newest,
            None,
            SEARCHED,
        )
        .await?;
        seen.extend(page.items.into_iter().map(|i| i.reference));
    }
    let mut out = Vec::new();
    for reference in seen {
        let o = complaints::open(app, &reference.to_string()).await?;
        let c = &o.dossier.state;
        if let Some(relation) = subject::relation(c, person) {
            out.push(Match {
                reference,
                relation,
                status: c.status,
                received_at: c.received_at,
                anonymised_at: c.anonymised_at,
                held_since: c.held_since,
            });
        }
    }
    Ok(out)
}

/// The request, open: refused when it was settled already.
async fn open_request(app: &App, id: i64) -> Result<SubjectRequest, AppError> {
    let r = app.store.request(id).await?.ok_or_else(|| not_found(id))?;
    unsettled(&r)?;
    Ok(r)
}

/// Refused when the request was settled already.
fn unsettled(r: &SubjectRequest) -> Result<(), AppError> {
    let Some(at) = r.completed_at else {
        return Ok(());
    };
    let (id, day) = (r.id, amsterdam_date(at));
    Err(state(
        format!(
            "Verzoek {id} is op {day} afgerond; registreer een nieuw verzoek voor een nieuwe vraag."
        ),
        format!("Request {id} was settled on {day}; register a new one for a new question."),
    ))
}

async fn log(
    app: &App,
    id: i64,
    by: &User,
    action: &str,
    reference: Option<&Reference>,
    detail: Option<String>,
) -> Result<(), AppError> {
    app.store
        .log_request(
            id,
            &LogEntry {
                at: app.clock.now(),
                by: Some(by.id),
                action: action.to_owned(),
                reference: reference.map(Reference::to_string),
                detail,
            },
        )
        .await?;
    Ok(())
}

/// Extends an open request once by two months (art. 12(3)), within its first month, with the
/// reason; the person is told by e-mail when they gave an address (else the log says to tell
/// them otherwise). The new due date.
pub async fn extend(app: &App, user: &User, id: i64, reason: &str) -> Result<Date, AppError> {
    privacy::may_oversee(app, user).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::Invalid(vec![crate::FieldProblem::of(
            "reason",
            crate::Problem::Required,
        )]));
    }
    let r = open_request(app, id).await?;
    if let Some(at) = r.extended_at {
        let day = amsterdam_date(at);
        return Err(state(
            format!("Verzoek {id} is al op {day} verlengd; verlengen kan één keer."),
            format!("Request {id} was extended on {day} already; it can be extended once."),
        ));
    }
    let today = amsterdam_date(app.clock.now());
    if today > r.due_on {
        return Err(state(
            format!(
                "Verzoek {id} moest op {} beantwoord zijn: een verlenging meldt u binnen de eerste maand.",
                r.due_on
            ),
            format!(
                "Request {id} was due on {}: an extension is told within the first month.",
                r.due_on
            ),
        )
        .je(format!(
            "Verzoek {id} moest op {} beantwoord zijn: een verlenging meld je binnen de eerste maand.",
            r.due_on
        )));
    }
    let loaded = app.regulation();
    let due = subject::extended_due(&loaded.calendar, r.received_on);
    if !app
        .store
        .extend_request(id, due, reason, user.id, app.clock.now())
        .await?
    {
        return Err(state(
            format!("Verzoek {id} is intussen verlengd of afgerond."),
            format!("Request {id} was extended or settled meanwhile."),
        ));
    }
    let org = &loaded.profile.organisation.name;
    // The person is addressed as the regulation's own letters address them ("je" under kjrw).
    let informal = loaded.profile.texts.informal;
    match &r.person.email {
        Some(email) => {
            let lang = Lang::Nl;
            let received = r.received_on.to_string();
            let due_text = due.to_string();
            let name = r.person.name.clone().unwrap_or_else(|| email.clone());
            let values = [
                ("org", org.as_str()),
                ("received", received.as_str()),
                ("due", due_text.as_str()),
                ("reason", reason),
                ("name", name.as_str()),
            ];
            app.store
                .enqueue_mail(
                    &NewMail {
                        event: None,
                        to: email.clone(),
                        to_name: r.person.name.clone(),
                        subject: klacht_i18n::tr_args_voiced(
                            lang,
                            informal,
                            "desk-extension-subject",
                            &values,
                        ),
                        body: klacht_i18n::tr_args_voiced(
                            lang,
                            informal,
                            "desk-extension-body",
                            &values,
                        ),
                        language: lang,
                    },
                    app.clock.now(),
                )
                .await?;
            app.mail_notify.notify_one();
            log(
                app,
                id,
                user,
                "told",
                None,
                Some(format!("e-mail to {email}")),
            )
            .await?;
        }
        None => {
            log(
                app,
                id,
                user,
                "tell",
                None,
                Some("no e-mail address: tell the person by post or phone".into()),
            )
            .await?;
        }
    }
    Ok(due)
}

/// Settles an open request with what was done.
pub async fn complete(app: &App, user: &User, id: i64, outcome: &str) -> Result<(), AppError> {
    privacy::may_oversee(app, user).await?;
    let outcome = outcome.trim();
    if outcome.is_empty() {
        return Err(AppError::Invalid(vec![crate::FieldProblem::of(
            "outcome",
            crate::Problem::Required,
        )]));
    }
    open_request(app, id).await?;
    if !app
        .store
        .complete_request(id, outcome, user.id, app.clock.now())
        .await?
    {
        return Err(state(
            format!("Verzoek {id} is intussen afgerond."),
            format!("Request {id} was settled meanwhile."),
        ));
    }
    Ok(())
}

/// What became of one complaint when the person's data was erased.
#[derive(Debug, Clone)]
pub struct Erased {
    pub reference: Reference,
    /// `None`: anonymised now. Else why not, and what to do first.
    pub refused: Option<String>,
    /// The same in Dutch, for the back office's page.
    pub refused_nl: Option<String>,
}

/// Erasure (art. 17): anonymises each of the person's complaints that may be (closed or
/// withdrawn, not held back), with the request as the reason; says for each other one why not.
pub async fn erase(app: &App, user: &User, id: i64) -> Result<Vec<Erased>, AppError> {
    let desk = open(app, user, id).await?;
    unsettled(&desk.request)?;
    let reason = format!("Verzoek om wissing (art. 17 AVG), verzoek {id}");
    let mut out = Vec::new();
    for m in desk.matches.iter().filter(|m| m.anonymised_at.is_none()) {
        let r = m.reference.to_string();
        let step =
            complaints::take_step(app, &r, &user.staff(), StepOptions::default(), |o, ctx| {
                Ok(klacht_core::procedure::decide(
                    ctx,
                    &o.dossier.state,
                    &user.staff(),
                    Command::Anonymise {
                        reason: reason.clone(),
                    },
                )?)
            })
            .await;
        let (refused, refused_nl) = match step {
            Ok(_) => (None, None),
            Err(AppError::Refused(refusal)) => (
                Some(refusal.message(Lang::En).to_owned()),
                Some(refusal.message(Lang::Nl).to_owned()),
            ),
            Err(e) => return Err(e),
        };
        let (action, detail) = match &refused {
            None => ("anonymised", None),
            Some(why) => ("refused", Some(why.clone())),
        };
        log(app, id, user, action, Some(&m.reference), detail).await?;
        out.push(Erased {
            reference: m.reference.clone(),
            refused,
            refused_nl,
        });
    }
    Ok(out)
}

/// Rectification (art. 16): corrects a detail of the person's registration on one of their
/// complaints.
pub async fn rectify(
    app: &App,
    user: &User,
    id: i64,
    reference: &str,
    field: Field,
    value: &str,
) -> Result<(), AppError> {
    let desk = open(app, user, id).await?;
    unsettled(&desk.request)?;
    let Some(m) = desk
        .matches
        .iter()
        .find(|m| m.reference.to_string() == reference)
    else {
        return Err(state(
            format!("{reference} is geen klacht van de persoon van verzoek {id}."),
            format!("{reference} is not among the complaints of the person of request {id}."),
        ));
    };
    let staff = user.staff();
    complaints::take_step(app, reference, &staff, StepOptions::default(), |o, ctx| {
        Ok(klacht_core::procedure::decide(
            ctx,
            &o.dossier.state,
            &staff,
            Command::Rectify {
                field,
                value: value.to_owned(),
            },
        )?)
    })
    .await?;
    log(
        app,
        id,
        user,
        "rectified",
        Some(&m.reference),
        Some(field.as_str().to_owned()),
    )
    .await
}

/// A person's data in one complaint, as they get it (art. 15): theirs only.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ExportedComplaint {
    pub reference: String,
    pub relation: Relation,
    pub received_at: Timestamp,
    pub channel: String,
    pub status: String,
    pub outcome: Option<String>,
    pub closed_at: Option<Timestamp>,
    /// Their details as registered (as the complainant), or their name (as the one represented).
    pub details: serde_json::Value,
    pub description: Option<String>,
    /// What they added through their status page, with when.
    pub additions: Vec<Dated>,
    /// Letters sent to them, with when, subject and text (as the complainant).
    pub letters: Vec<Letter>,
    /// Their answer to the satisfaction question.
    pub satisfied: Option<bool>,
    pub satisfaction_comment: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Dated {
    pub at: Timestamp,
    pub text: String,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Letter {
    pub at: Timestamp,
    pub subject: String,
    pub text: String,
}

/// The export of a person's data (art. 15).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Export {
    pub request: i64,
    pub organisation: String,
    pub made_at: Timestamp,
    pub person: Person,
    pub complaints: Vec<ExportedComplaint>,
}

/// Access (art. 15): the person's data across their complaints — their details, their own
/// words, what they added, the letters sent to them, their satisfaction answer — and nothing of
/// anyone else's: no staff notes, hearings, names of staff or of the person complained about;
/// the one represented gets no data of their representative. Logged on the request, and as a
/// read of each dossier it draws from (K8).
pub async fn export(app: &App, user: &User, id: i64) -> Result<Export, AppError> {
    let desk = open(app, user, id).await?;
    let mut complaints = Vec::new();
    for m in desk.matches.iter().filter(|m| m.anonymised_at.is_none()) {
        let o = complaints::open(app, &m.reference.to_string()).await?;
        // The export shows the dossier's personal data: a read like any other (K8).
        complaints::log_read(app, &o, user.id).await?;
        complaints.push(exported(&o, m.relation));
    }
    log(
        app,
        id,
        user,
        "exported",
        None,
        Some(format!("{} complaint(s)", complaints.len())),
    )
    .await?;
    Ok(Export {
        request: id,
        organisation: app.regulation().profile.organisation.name.clone(),
        made_at: app.clock.now(),
        person: desk.request.person,
        complaints,
    })
}

fn exported(o: &Opened, relation: Relation) -> ExportedComplaint {
    let c = &o.dossier.state;
    let theirs = relation == Relation::Complainant;
    let details = match relation {
        Relation::Complainant => c
            .complainant
            .get()
            .and_then(|x| serde_json::to_value(x).ok())
            .unwrap_or(serde_json::Value::Null),
        Relation::Represented => serde_json::json!({
            "name": c.on_behalf_of.as_ref().and_then(|p| p.get()).cloned(),
        }),
    };
    let mut additions = Vec::new();
    let mut letters = Vec::new();
    let mut comment = None;
    for e in &o.dossier.events {
        match &e.event.body {
            EventBody::ComplainantAdded { text: Some(t), .. } if theirs => {
                if let Some(t) = t.get() {
                    additions.push(Dated {
                        at: e.event.at,
                        text: t.clone(),
                    });
                }
            }
            EventBody::Letter(l) if theirs => {
                if let (Some(subject), Some(text)) = (l.subject.get(), l.body.get()) {
                    letters.push(Letter {
                        at: e.event.at,
                        subject: subject.clone(),
                        text: text.clone(),
                    });
                }
            }
            EventBody::SatisfactionAnswered {
                comment: Some(t), ..
            } if theirs => comment = t.get().cloned(),
            _ => {}
        }
    }
    ExportedComplaint {
        reference: o.dossier.reference.to_string(),
        relation,
        received_at: c.received_at,
        channel: c.channel.as_str().to_owned(),
        status: c.status.as_str().to_owned(),
        outcome: c.decision.as_ref().map(|d| d.outcome.as_str().to_owned()),
        closed_at: c.closed_at.or(c.withdrawn_at),
        details,
        description: c.description.get().cloned(),
        additions,
        letters,
        satisfied: if theirs { c.satisfied } else { None },
        satisfaction_comment: comment,
    }
}
