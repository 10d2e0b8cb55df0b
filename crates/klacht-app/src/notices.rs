//! Staff notifications: the words for each kind of notice (one place, for the e-mail and for the
//! back office's list), the e-mail that goes with a notice, the notices of a step, and the
//! deadline round of the background job.
//!
//! Who is told what is decided by `klacht_core::procedure::notices`; here it becomes text. A
//! notice and its e-mail name the complaint's reference, the kind of event and where relevant a
//! deadline's date, and link to the complaint in the back office — never the complainant's name,
//! contact details or the complaint's text: those stay in the dossier (K8, T10).

use crate::AppError;
use crate::{App, Config, Loaded};
use jiff::Timestamp;
use jiff::civil::Date;
use klacht_core::calendar::amsterdam_date;
use klacht_core::deadlines;
use klacht_core::procedure::{
    self, Complaint, Ctx, DeadlineNotice, NoticeKind, Org, StaffNotice, deadline_detail,
    parse_deadline_detail,
};
use klacht_core::texts::{long_date, weekday_date};
use klacht_core::{Lang, Profile, Reference, UserId, vocabulary};
use klacht_i18n::{tr, tr_args_voiced, tr_voiced};
use klacht_store::{NewMail, NewNotice, Notice, User};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// Where a complaint is in the back office, e.g. `/beheer/klachten/2026-0042`.
pub fn complaint_path(reference: &Reference) -> String {
    format!("/beheer/klachten/{reference}")
}

fn deadline_label(profile: &Profile, id: &str, lang: Lang) -> String {
    profile
        .deadline(id)
        .map_or_else(|| id.to_owned(), |d| d.label.get(lang).to_owned())
}

/// The message `key` in `lang`, in the voice of `profile` (the regulation in force): "je" where
/// it says `texts.informal` (kjrw), as the back office's pages do — in the list of notices and in
/// their e-mails alike.
fn say(profile: &Profile, lang: Lang, key: &'static str) -> &'static str {
    tr_voiced(lang, profile.texts.informal, key)
}

/// [`say`] with values.
fn say_args(profile: &Profile, lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    tr_args_voiced(lang, profile.texts.informal, key, values)
}

/// The step on the complaint about someone (K12), by event kind: only those they may see.
fn step_name(kind: &str, lang: Lang) -> &'static str {
    tr(
        lang,
        match kind {
            "acknowledged" => "notice-step-acknowledged",
            "assigned" => "notice-step-assigned",
            "extended" => "notice-step-extended",
            "decided" => "notice-step-decided",
            "signed_off" => "notice-step-signed-off",
            "closed" => "notice-step-closed",
            "withdrawn" => "notice-step-withdrawn",
            "reopened" => "notice-step-reopened",
            _ => "notice-step-other",
        },
    )
}

/// A deadline notice's label and date, from its detail.
fn deadline_of(detail: Option<&str>, lang: Lang, profile: &Profile) -> (String, Option<Date>) {
    match detail.and_then(parse_deadline_detail) {
        Some((id, due)) => (deadline_label(profile, id, lang), Some(due)),
        None => (say(profile, lang, "notice-a-deadline").to_owned(), None),
    }
}

/// The short form of a notice, for an e-mail's subject after the reference ("u bent
/// aangewezen als behandelaar").
pub fn notice_headline(
    kind: NoticeKind,
    detail: Option<&str>,
    lang: Lang,
    profile: &Profile,
) -> String {
    let key = match kind {
        NoticeKind::NewComplaint => "notice-headline-new-complaint",
        NoticeKind::ResolvedDirectly => "notice-headline-resolved-directly",
        NoticeKind::Assigned => "notice-headline-assigned",
        NoticeKind::ConcernsYou => "notice-headline-concerns-you",
        NoticeKind::UpdateOnYourComplaint => "notice-headline-update",
        NoticeKind::Escalated if detail == Some("board") => "notice-headline-escalated-board",
        NoticeKind::Escalated => "notice-headline-escalated-director",
        NoticeKind::SignOffRequested => "notice-headline-sign-off",
        NoticeKind::ReopenRequested => "notice-headline-reopen",
        NoticeKind::ComplainantAdded if detail == Some("email") => {
            "notice-headline-complainant-mailed"
        }
        NoticeKind::ComplainantAdded => "notice-headline-complainant-added",
        NoticeKind::ConsultBoard if detail == Some("board") => {
            "notice-headline-consult-board-board"
        }
        NoticeKind::ConsultBoard => "notice-headline-consult-board",
        NoticeKind::HandlerConcerned => "notice-headline-handler-concerned",
        NoticeKind::LetterBounced => "notice-headline-letter-bounced",
        NoticeKind::DeadlineTomorrow => {
            let (label, due) = deadline_of(detail, lang, profile);
            let date = due.map(|d| long_date(d, lang)).unwrap_or_default();
            return say_args(
                profile,
                lang,
                "notice-headline-deadline-tomorrow",
                &[("label", &label), ("date", &date)],
            );
        }
        NoticeKind::Overdue => {
            let (label, _) = deadline_of(detail, lang, profile);
            return say_args(
                profile,
                lang,
                "notice-headline-overdue",
                &[("label", &label)],
            );
        }
    };
    say(profile, lang, key).to_owned()
}

/// What a notice says, in a sentence or two: the text of the back office's list and of the
/// e-mail, naming the complaint's reference (a list of notices reads without its links).
/// `profile` names deadlines (the active one will do: labels rarely change).
pub fn notice_text(
    kind: NoticeKind,
    detail: Option<&str>,
    reference: Option<&Reference>,
    lang: Lang,
    profile: &Profile,
) -> String {
    let reference = reference.map_or_else(
        || say(profile, lang, "notice-no-reference").to_owned(),
        ToString::to_string,
    );
    let reference = reference.as_str();
    let key = match kind {
        NoticeKind::NewComplaint => "notice-text-new-complaint",
        NoticeKind::ResolvedDirectly => "notice-text-resolved-directly",
        NoticeKind::Assigned => "notice-text-assigned",
        NoticeKind::ConcernsYou => "notice-text-concerns-you",
        NoticeKind::UpdateOnYourComplaint => {
            let step = step_name(detail.unwrap_or_default(), lang);
            return say_args(
                profile,
                lang,
                "notice-text-update",
                &[("step", step), ("reference", reference)],
            );
        }
        NoticeKind::Escalated if detail == Some("board") => "notice-text-escalated-board",
        NoticeKind::Escalated => "notice-text-escalated-director",
        NoticeKind::SignOffRequested => {
            let capacity = vocabulary::capacity_code(detail.unwrap_or_default(), lang);
            return say_args(
                profile,
                lang,
                "notice-text-sign-off",
                &[("capacity", &capacity), ("reference", reference)],
            );
        }
        NoticeKind::ReopenRequested => "notice-text-reopen",
        NoticeKind::ComplainantAdded if detail == Some("email") => "notice-text-complainant-mailed",
        NoticeKind::ComplainantAdded => "notice-text-complainant-added",
        NoticeKind::ConsultBoard if detail == Some("board") => "notice-text-consult-board-board",
        NoticeKind::ConsultBoard => "notice-text-consult-board",
        NoticeKind::HandlerConcerned => "notice-text-handler-concerned",
        NoticeKind::LetterBounced => "notice-text-letter-bounced",
        NoticeKind::DeadlineTomorrow | NoticeKind::Overdue => {
            let (label, due) = deadline_of(detail, lang, profile);
            let date = due.map(|d| weekday_date(d, lang)).unwrap_or_default();
            let key = if kind == NoticeKind::Overdue {
                "notice-text-overdue"
            } else {
                "notice-text-deadline-tomorrow"
            };
            return say_args(
                profile,
                lang,
                key,
                &[("label", &label), ("date", &date), ("reference", reference)],
            );
        }
    };
    say_args(profile, lang, key, &[("reference", reference)])
}

/// An e-mail's subject: "Klacht 2026-0042: u bent aangewezen als behandelaar".
pub fn notice_subject(
    reference: &Reference,
    kind: NoticeKind,
    detail: Option<&str>,
    lang: Lang,
    profile: &Profile,
) -> String {
    let headline = notice_headline(kind, detail, lang, profile);
    say_args(
        profile,
        lang,
        "notice-mail-subject",
        &[
            ("reference", &reference.to_string()),
            ("headline", &headline),
        ],
    )
}

/// What a notice's e-mail is about.
#[derive(Debug, Clone, Copy)]
pub struct About<'a> {
    pub reference: &'a Reference,
    pub kind: NoticeKind,
    pub detail: Option<&'a str>,
    /// The complaint's next running deadline (id, due date), told with a step's notice.
    pub next_deadline: Option<(&'a str, Date)>,
}

/// The e-mail to `to` that goes with a notice, in their language.
pub fn notice_mail(config: &Config, profile: &Profile, to: &User, about: &About) -> NewMail {
    let lang = to.language;
    let reference = about.reference.to_string();
    let mut body = say_args(profile, lang, "notice-mail-greeting", &[("name", &to.name)]);
    body.push_str("\n\n");
    body.push_str(&notice_text(
        about.kind,
        about.detail,
        Some(about.reference),
        lang,
        profile,
    ));
    body.push_str("\n\n");
    if let Some((id, due)) = about.next_deadline {
        let label = deadline_label(profile, id, lang);
        let date = weekday_date(due, lang);
        body.push_str(&say_args(
            profile,
            lang,
            "notice-mail-next-deadline",
            &[("label", &label), ("date", &date)],
        ));
        body.push_str("\n\n");
    }
    let link = config.url(&complaint_path(about.reference));
    body.push_str(&say_args(
        profile,
        lang,
        "notice-mail-see",
        &[("reference", &reference)],
    ));
    body.push_str(&format!("\n{link}\n\n"));
    body.push_str(say(profile, lang, "notice-mail-no-details"));
    body.push_str(&format!("\n\n-- \n{}\n", profile.organisation.name));
    NewMail {
        event: None,
        to: to.email.clone(),
        to_name: Some(to.name.clone()),
        subject: notice_subject(about.reference, about.kind, about.detail, lang, profile),
        body,
        language: lang,
    }
}

/// The next running deadline of `c`: its id and due date.
fn next_deadline(c: &Complaint) -> Option<(&str, Date)> {
    c.next_deadline().map(|(d, due)| (d.id.as_str(), due))
}

/// Writes what the engine decided about whom into notices with their e-mail. Deactivated
/// accounts are told nothing; unknown ones neither.
fn to_notices(
    config: &Config,
    profile: &Profile,
    users: &[User],
    reference: &Reference,
    next: Option<(&str, Date)>,
    wanted: impl IntoIterator<Item = (StaffNotice, Option<String>)>,
) -> Vec<NewNotice> {
    let by_id: HashMap<UserId, &User> = users.iter().map(|u| (u.id, u)).collect();
    wanted
        .into_iter()
        .filter_map(|(n, dedupe)| {
            let user = by_id.get(&n.user).filter(|u| u.active)?;
            // Deadlines are the job's to tell; the personal notices to the person complained
            // about need none.
            let next = match n.kind {
                NoticeKind::ConcernsYou
                | NoticeKind::UpdateOnYourComplaint
                | NoticeKind::SignOffRequested
                | NoticeKind::DeadlineTomorrow
                | NoticeKind::Overdue => None,
                _ => next,
            };
            let mail = notice_mail(
                config,
                profile,
                user,
                &About {
                    reference,
                    kind: n.kind,
                    detail: n.detail.as_deref(),
                    next_deadline: next,
                },
            );
            Some(NewNotice {
                user: n.user,
                kind: n.kind.as_str().to_owned(),
                detail: n.detail,
                dedupe,
                mail: Some(mail),
            })
        })
        .collect()
}

/// The notices of a step (or, for a new complaint, of its registration), with their e-mail,
/// ready for `FollowUp::notices`.
pub(crate) fn step_notices(
    config: &Config,
    profile: &Profile,
    step: &crate::follow::Step,
) -> Vec<NewNotice> {
    let wanted = procedure::notices(profile, step.org, step.before, step.after, step.events);
    if wanted.is_empty() {
        return Vec::new();
    }
    to_notices(
        config,
        profile,
        step.users,
        step.reference,
        next_deadline(step.after),
        wanted.into_iter().map(|n| (n, None)),
    )
}

/// A notice as the back office lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoticeView {
    pub id: i64,
    /// The kind as stored (`assigned`, `overdue`, …).
    pub kind: String,
    /// What it says, in the reader's language ([`notice_text`]).
    pub text: String,
    /// Short form ([`notice_headline`]), e.g. for a title.
    pub headline: String,
    /// The complaint's reference, if it is about one.
    pub reference: Option<String>,
    /// Where it leads: the complaint in the back office ([`complaint_path`]).
    pub href: Option<String>,
    pub created_at: Timestamp,
    pub read: bool,
}

/// A stored notice, ready for the back office's list in `lang`.
pub fn describe(n: &Notice, lang: Lang, profile: &Profile) -> NoticeView {
    if let Some((text, headline, href)) =
        crate::reminders::describe(&n.kind, n.detail.as_deref(), lang, profile.texts.informal)
    {
        return NoticeView {
            id: n.id,
            kind: n.kind.clone(),
            text,
            headline,
            reference: None,
            href: Some(href),
            created_at: n.created_at,
            read: n.read_at.is_some(),
        };
    }
    let (text, headline) = match NoticeKind::parse(&n.kind) {
        Some(kind) => (
            notice_text(
                kind,
                n.detail.as_deref(),
                n.complaint.as_ref(),
                lang,
                profile,
            ),
            notice_headline(kind, n.detail.as_deref(), lang, profile),
        ),
        // A kind from a newer version: its name says more than nothing.
        None => (n.kind.replace('_', " "), n.kind.replace('_', " ")),
    };
    NoticeView {
        id: n.id,
        kind: n.kind.clone(),
        text,
        headline,
        reference: n.complaint.as_ref().map(ToString::to_string),
        href: n.complaint.as_ref().map(complaint_path),
        created_at: n.created_at,
        read: n.read_at.is_some(),
    }
}

/// What one deadline round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeadlineRound {
    /// Complaints with a running deadline due by the next working day (or past).
    pub complaints: usize,
    /// Notices written now (the others were told before).
    pub written: u64,
}

/// Complaints read per page of a deadline round.
const ROUND_PAGE: u32 = 200;

/// One round of the deadline job: tells the handler (or, with none, the acting coordinators)
/// of every running deadline that ends by the next working day ("deadline_tomorrow") or has
/// passed ("overdue"), once per deadline and due date — also when rounds repeat, and when two
/// instances run them on one database. Reads only the complaints due by the next working day,
/// a page at a time, from the projection.
pub async fn deadline_round(state: &App) -> Result<DeadlineRound, AppError> {
    let now = state.clock.now();
    let today = amsterdam_date(now);
    let active = state.regulation();
    // By the active calendar; each complaint is then judged by its own profile's.
    let by = deadlines::due_soon_until(&active.calendar, today);
    let mut round = DeadlineRound::default();
    let mut page = state.store.due_by(by, None, ROUND_PAGE).await?;
    if page.is_empty() {
        // The usual case between deadlines: one indexed query, nothing else.
        return Ok(round);
    }
    let users = state.store.users().await?;
    let org = Org {
        staff: users.iter().map(User::staff).collect(),
    };
    while !page.is_empty() {
        round.complaints += page.len();
        let mut found: Vec<(
            &klacht_store::DueComplaint,
            Vec<DeadlineNotice>,
            Arc<Loaded>,
        )> = Vec::with_capacity(page.len());
        for c in &page {
            let loaded = state.profiles.get(&state.store, c.profile_id).await?;
            let ctx = Ctx {
                profile: &loaded.profile,
                calendar: &loaded.calendar,
                org: &org,
                now,
            };
            let due =
                procedure::deadline_notices(&ctx, c.status, c.handler, c.concerns, &c.deadlines);
            if !due.is_empty() {
                found.push((c, due, loaded));
            }
        }
        let keys: Vec<String> = found
            .iter()
            .flat_map(|(c, due, _)| due.iter().map(|d| d.dedupe(&c.reference)))
            .collect();
        let known = state.store.known_dedupes(&keys).await?;
        for (c, due, loaded) in found {
            let fresh = due.into_iter().filter_map(|d| {
                let key = d.dedupe(&c.reference);
                (!known.contains(&key)).then(|| {
                    (
                        StaffNotice {
                            user: d.user,
                            kind: d.kind,
                            detail: Some(deadline_detail(&d.deadline, d.due)),
                        },
                        Some(key),
                    )
                })
            });
            let notices = to_notices(
                &state.config,
                &loaded.profile,
                &users,
                &c.reference,
                None,
                fresh,
            );
            if !notices.is_empty() {
                round.written += state
                    .store
                    .notify(Some(c.id), Some(&c.reference), &notices, now)
                    .await?;
            }
        }
        let full = page.len() >= usize::try_from(ROUND_PAGE).unwrap_or(usize::MAX);
        page = match page.last() {
            Some(last) if full => {
                state
                    .store
                    .due_by(by, Some(last.cursor()), ROUND_PAGE)
                    .await?
            }
            _ => Vec::new(),
        };
    }
    if round.written > 0 {
        state.mail_notify.notify_one();
    }
    Ok(round)
}

/// Marks one of `user`'s notifications (`id`), or all of them (`None`), read.
pub async fn mark_read(app: &App, user: &User, id: Option<i64>) -> Result<(), AppError> {
    app.store
        .mark_notices_read(user.id, id, app.clock.now())
        .await?;
    Ok(())
}
