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
use klacht_core::{Lang, Profile, Reference, UserId};
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

fn capacity_name(capacity: &str, lang: Lang) -> &str {
    match (lang, capacity) {
        (Lang::Nl, "involved") => "betrokken medewerker",
        (Lang::Nl, "coordinator") => "coördinator",
        (Lang::Nl, "handler") => "behandelaar",
        (Lang::Nl, "director") => "directeur",
        (Lang::Nl, "board") => "bestuur",
        (Lang::Nl, "registrar") => "registratie",
        (Lang::En, "involved") => "staff member concerned",
        (Lang::En, "coordinator") => "coordinator",
        (Lang::En, "handler") => "handler",
        (Lang::En, "director") => "director",
        (Lang::En, "board") => "board",
        (Lang::En, "registrar") => "registrar",
        (_, other) => other,
    }
}

/// The step on the complaint about someone (K12), by event kind: only those they may see.
fn step_name(kind: &str, lang: Lang) -> &'static str {
    match (lang, kind) {
        (Lang::Nl, "acknowledged") => "de ontvangst is aan de klager bevestigd",
        (Lang::Nl, "assigned") => "er is een behandelaar aangewezen",
        (Lang::Nl, "extended") => "een termijn is verlengd",
        (Lang::Nl, "decided") => "er is op de klacht beslist",
        (Lang::Nl, "signed_off") => "het registratieformulier is ondertekend",
        (Lang::Nl, "closed") => "de klacht is afgesloten",
        (Lang::Nl, "withdrawn") => "de klacht is ingetrokken",
        (Lang::Nl, "reopened") => "de klacht is heropend",
        (Lang::Nl, _) => "er is een nieuwe stap gezet",
        (Lang::En, "acknowledged") => "receipt was acknowledged to the complainant",
        (Lang::En, "assigned") => "a handler was assigned",
        (Lang::En, "extended") => "a deadline was extended",
        (Lang::En, "decided") => "a decision was made",
        (Lang::En, "signed_off") => "the registration form was signed",
        (Lang::En, "closed") => "the complaint was closed",
        (Lang::En, "withdrawn") => "the complaint was withdrawn",
        (Lang::En, "reopened") => "the complaint was reopened",
        (Lang::En, _) => "a new step was taken",
    }
}

/// A deadline notice's label and date, from its detail.
fn deadline_of(detail: Option<&str>, lang: Lang, profile: &Profile) -> (String, Option<Date>) {
    match detail.and_then(parse_deadline_detail) {
        Some((id, due)) => (deadline_label(profile, id, lang), Some(due)),
        None => (
            match lang {
                Lang::Nl => "een termijn".to_owned(),
                Lang::En => "a deadline".to_owned(),
            },
            None,
        ),
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
    let nl = lang == Lang::Nl;
    let pick = |n: &str, e: &str| lang.pick(n, e).to_owned();
    match kind {
        NoticeKind::NewComplaint => pick("nieuwe klacht ontvangen", "new complaint received"),
        NoticeKind::ResolvedDirectly => pick(
            "direct afgehandeld, ter kennisname",
            "resolved directly, for your information",
        ),
        NoticeKind::Assigned => pick(
            "u bent aangewezen als behandelaar",
            "you have been assigned as handler",
        ),
        NoticeKind::ConcernsYou => pick("een klacht over u", "a complaint about you"),
        NoticeKind::UpdateOnYourComplaint => pick(
            "nieuwe stap in de klacht over u",
            "a new step in the complaint about you",
        ),
        NoticeKind::Escalated => match detail {
            Some("board") => pick("voorgelegd aan het bestuur", "escalated to the board"),
            _ => pick(
                "aan u voorgelegd als directeur",
                "escalated to you as director",
            ),
        },
        NoticeKind::SignOffRequested => {
            pick("uw handtekening is nodig", "your signature is needed")
        }
        NoticeKind::ReopenRequested => pick(
            "de klager vraagt om heropening",
            "the complainant asks to reopen",
        ),
        NoticeKind::ComplainantAdded => pick(
            "de klager heeft iets toegevoegd",
            "the complainant added something",
        ),
        NoticeKind::DeadlineTomorrow => {
            let (label, due) = deadline_of(detail, lang, profile);
            let date = due.map(|d| long_date(d, lang)).unwrap_or_default();
            if nl {
                format!("termijn '{label}' verloopt op {date}")
            } else {
                format!("deadline '{label}' ends on {date}")
            }
        }
        NoticeKind::Overdue => {
            let (label, _) = deadline_of(detail, lang, profile);
            if nl {
                format!("termijn '{label}' is verstreken")
            } else {
                format!("deadline '{label}' has passed")
            }
        }
    }
}

/// What a notice says, in a sentence or two: the text of the back office's list and of the
/// e-mail. `profile` names deadlines (the active one will do: labels rarely change).
pub fn notice_text(
    kind: NoticeKind,
    detail: Option<&str>,
    lang: Lang,
    profile: &Profile,
) -> String {
    let nl = lang == Lang::Nl;
    let pick = |n: &str, e: &str| lang.pick(n, e).to_owned();
    match kind {
        NoticeKind::NewComplaint => pick(
            "Er is een nieuwe klacht binnengekomen. Bevestig de ontvangst en wijs een behandelaar aan.",
            "A new complaint has come in. Acknowledge its receipt and assign a handler.",
        ),
        NoticeKind::ResolvedDirectly => pick(
            "Een medewerker heeft een klacht geregistreerd die meteen is afgehandeld. Zij wordt u ter kennisname gemeld.",
            "A staff member registered a complaint that was resolved at once. It is reported to you for your information.",
        ),
        NoticeKind::Assigned => pick(
            "U bent aangewezen als behandelaar van deze klacht.",
            "You have been assigned to handle this complaint.",
        ),
        NoticeKind::ConcernsYou => pick(
            "Er is een klacht over u ingediend. De coördinator informeert u hierover; u kunt de klacht inzien en wordt op de hoogte gehouden van de afhandeling.",
            "A complaint has been made about you. The coordinator informs you of it; you can read the complaint and will be kept informed of how it is handled.",
        ),
        NoticeKind::UpdateOnYourComplaint => {
            let step = step_name(detail.unwrap_or_default(), lang);
            if nl {
                format!("In de klacht over u: {step}.")
            } else {
                format!("In the complaint about you: {step}.")
            }
        }
        NoticeKind::Escalated => match detail {
            Some("board") => pick(
                "De klacht is aan het bestuur voorgelegd. U kunt het dossier inzien en meebeslissen.",
                "The complaint has been escalated to the board. You can read the file and take part in the decision.",
            ),
            _ => pick(
                "De klacht is aan u als directeur voorgelegd: er is nog geen oplossing gevonden.",
                "The complaint has been escalated to you as director: no solution has been found yet.",
            ),
        },
        NoticeKind::SignOffRequested => {
            let cap = capacity_name(detail.unwrap_or_default(), lang);
            if nl {
                format!(
                    "Er is op de klacht beslist. Uw handtekening op het registratieformulier is nodig (als {cap}) voordat de klacht kan worden afgesloten."
                )
            } else {
                format!(
                    "A decision has been made on the complaint. Your signature on the registration form is needed (as {cap}) before it can be closed."
                )
            }
        }
        NoticeKind::ReopenRequested => pick(
            "De klager is niet tevreden met de afhandeling en vraagt de klacht te heropenen.",
            "The complainant is not satisfied with how the complaint was handled and asks to reopen it.",
        ),
        NoticeKind::ComplainantAdded => pick(
            "De klager heeft via de statuspagina een bericht of stukken aan de klacht toegevoegd.",
            "The complainant added a message or documents to the complaint through the status page.",
        ),
        NoticeKind::DeadlineTomorrow => {
            let (label, due) = deadline_of(detail, lang, profile);
            let date = due.map(|d| weekday_date(d, lang)).unwrap_or_default();
            if nl {
                format!("De termijn '{label}' verloopt op {date}.")
            } else {
                format!("The deadline '{label}' ends on {date}.")
            }
        }
        NoticeKind::Overdue => {
            let (label, due) = deadline_of(detail, lang, profile);
            let date = due.map(|d| weekday_date(d, lang)).unwrap_or_default();
            if nl {
                format!("De termijn '{label}' is verstreken: die liep tot en met {date}.")
            } else {
                format!("The deadline '{label}' has passed: it ran until {date}.")
            }
        }
    }
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
    match lang {
        Lang::Nl => format!("Klacht {reference}: {headline}"),
        Lang::En => format!("Complaint {reference}: {headline}"),
    }
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
    let nl = lang == Lang::Nl;
    let mut body = String::new();
    body.push_str(&if nl {
        format!("Beste {},\n\n", to.name)
    } else {
        format!("Dear {},\n\n", to.name)
    });
    body.push_str(&notice_text(about.kind, about.detail, lang, profile));
    body.push_str("\n\n");
    if let Some((id, due)) = about.next_deadline {
        let label = deadline_label(profile, id, lang);
        let date = weekday_date(due, lang);
        body.push_str(&if nl {
            format!("Eerstvolgende termijn: '{label}', tot en met {date}.\n\n")
        } else {
            format!("Next deadline: '{label}', until {date}.\n\n")
        });
    }
    let link = config.url(&complaint_path(about.reference));
    body.push_str(&if nl {
        format!(
            "Bekijk klacht {} in het klachtenregister:\n{link}\n\n\
             Dit bericht noemt bewust geen gegevens van de klager; die staan in het dossier.\n",
            about.reference
        )
    } else {
        format!(
            "See complaint {} in the complaints register:\n{link}\n\n\
             This message deliberately names no details of the complainant; they are in the file.\n",
            about.reference
        )
    });
    body.push_str(&format!("\n-- \n{}\n", profile.organisation.name));
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
        crate::reminders::describe(&n.kind, n.detail.as_deref(), lang)
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
            notice_text(kind, n.detail.as_deref(), lang, profile),
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
    let active = state.profiles.active();
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
