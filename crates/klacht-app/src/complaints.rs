//! Complaints: registering one, opening a dossier, and the unit of work of every step — open,
//! decide, fold, what follows, append — retried when someone else was first.

use crate::follow::{self, Step};
use crate::{App, AppError, Loaded};
use jiff::Timestamp;
use klacht_core::procedure::{
    self, Complaint, Ctx, Event, EventBody, LetterKind, NewComplaint, Org, Staff, View,
};
use klacht_core::{Reference, UserId};
use klacht_store::{Dossier, MailStatus, NewRecord, StoredEvent, User};
use std::sync::{Arc, Mutex, PoisonError};

/// A complaint as the engine and the store made it at registration.
#[derive(Debug)]
pub struct Registered {
    pub reference: Reference,
    /// The complaint after its registration and the letters that came with it.
    pub complaint: Complaint,
    /// The regulation it is handled under.
    pub loaded: Arc<Loaded>,
    /// The complainant's status link, when one was issued (complaints from the public).
    pub status_token: Option<String>,
    /// The letters sent with the registration.
    pub letters: Vec<LetterKind>,
    /// When it was registered.
    pub at: Timestamp,
}

/// Registers a new complaint through the engine and stores it with what follows from it
/// (letters, their mail, a status link for a complaint from the public, staff notices), all in
/// one transaction. `who` is `None` for the public (the form, the public API).
pub async fn register(
    app: &App,
    who: Option<&User>,
    new: NewComplaint,
) -> Result<Registered, AppError> {
    // T16: under the version in force on the day it was received, also when registered later.
    let loaded = app.regulation_on(klacht_core::calendar::amsterdam_date(new.received_at));
    // The staff: for the engine (staff intake, the ids named) and for who is told of the new
    // complaint (T3, T4), with their e-mail.
    let users = app.store.recent_users().await?;
    let org = Org {
        staff: users.iter().map(User::staff).collect(),
    };
    let now = app.clock.now();
    let ctx = Ctx {
        profile: &loaded.profile,
        calendar: &loaded.calendar,
        org: &org,
        now,
    };
    let staff = who.map(User::staff);
    let events = procedure::register(&ctx, staff.as_ref(), new)?;
    let complaint = Complaint::replay(&events)
        .ok_or_else(|| AppError::unexpected("registration produced no registered event"))?;
    // A complaint from the public has a status link from the start: the thank-you page and the
    // acknowledgement show it.
    let want_link = who.is_none();
    // What the follow-up issued (the status link's token, the state after the letters, the
    // letters), read back once the complaint is stored. The follow-up may run more than once (a
    // group commit that failed is retried alone); the last run is the one stored.
    let issued = Arc::new(Mutex::new(
        None::<(Option<String>, Complaint, Vec<LetterKind>)>,
    ));
    let follow = {
        let (app, loaded, issued, events) =
            (app.clone(), loaded.clone(), issued.clone(), events.clone());
        move |reference: &Reference, after: &Complaint| {
            let step = Step {
                reference,
                before: None,
                after,
                history: &[],
                events: &events,
                org: &org,
                users: &users,
            };
            let (f, token) = follow::follow_up(&app, &loaded, &step, want_link)?;
            let mut end = after.clone();
            f.events.iter().for_each(|e| end.apply(e));
            let letters = f.events.iter().filter_map(letter_kind).collect();
            // Nothing panics while holding the lock, and each run replaces the whole slot: a
            // poisoned lock holds nothing half-written.
            *issued.lock().unwrap_or_else(PoisonError::into_inner) = Some((token, end, letters));
            Ok(f)
        }
    };
    let (_, reference) = app
        .store
        .create_complaint_with(
            NewRecord {
                profile_id: loaded.id,
                events,
                state: complaint.clone(),
            },
            follow,
        )
        .await?;
    app.mail_notify.notify_one();
    // The follow-up ran before the commit; its last run is what was stored.
    let taken = issued.lock().unwrap_or_else(PoisonError::into_inner).take();
    // The store runs the follow-up before every commit: a commit without one is a broken store.
    let (status_token, complaint, letters) = taken.ok_or_else(|| {
        AppError::unexpected(format!(
            "complaint {reference} was stored without its follow-up having run"
        ))
    })?;
    tracing::info!(%reference, channel = complaint.channel.as_str(), "complaint registered");
    Ok(Registered {
        reference,
        complaint,
        loaded,
        status_token,
        letters,
        at: now,
    })
}

fn letter_kind(e: &Event) -> Option<LetterKind> {
    match &e.body {
        EventBody::Letter(l) => Some(l.letter),
        _ => None,
    }
}

/// A dossier opened for a use case: the complaint, its regulation, the staff, its letters'
/// delivery.
#[derive(Debug)]
pub struct Opened {
    pub dossier: Dossier,
    pub loaded: Arc<Loaded>,
    pub org: Org,
    /// The staff's accounts (their e-mail and language, for notices).
    pub users: Vec<User>,
    /// How each e-mailed letter's delivery stands.
    pub mail: Vec<MailStatus>,
}

fn parse_reference(s: &str) -> Result<Reference, AppError> {
    Reference::parse(s).ok_or_else(|| {
        AppError::not_found(
            format!("{s:?} is not a complaint reference (like 2026-0042)."),
            format!("{s:?} is geen klachtnummer (zoals 2026-0042)."),
        )
    })
}

/// Not there, or not for this person: the same answer, so that a reference reveals nothing.
pub fn invisible(reference: &str) -> AppError {
    AppError::not_found(
        format!("No complaint {reference} is visible to you."),
        format!("Er is geen klacht {reference} die u mag inzien."),
    )
    .je(format!("Er is geen klacht {reference} die je mag inzien."))
}

/// Opens the dossier of `reference` (who may see it is the caller's to decide, with
/// [`procedure::view`]).
pub async fn open(app: &App, reference: &str) -> Result<Opened, AppError> {
    let r = parse_reference(reference)?;
    let dossier = app
        .store
        .load(&r)
        .await?
        .ok_or_else(|| invisible(reference))?;
    let loaded = app.profiles.get(&app.store, dossier.profile_id).await?;
    let users = app.store.users().await?;
    let org = Org {
        staff: users.iter().map(User::staff).collect(),
    };
    let mail = app.store.mail_status(dossier.id).await?;
    Ok(Opened {
        dossier,
        loaded,
        org,
        users,
        mail,
    })
}

/// Logs that `reader` was shown the dossier `o` (K8): the coordinator sees who opened it. Every
/// surface that shows a dossier, a document of it or its registration form calls this before
/// it answers: no read without its log entry.
pub async fn log_read(app: &App, o: &Opened, reader: UserId) -> Result<(), AppError> {
    app.store
        .log_read(o.dossier.id, reader, app.clock.now())
        .await?;
    Ok(())
}

/// What a step brings besides its command.
#[derive(Debug, Clone, Copy, Default)]
pub struct StepOptions<'a> {
    /// The version the person saw; `None`: decide anew on a concurrent change.
    pub expected: Option<u64>,
    /// End the complainant's status links with the step.
    pub revoke_links: bool,
    /// Who is shown the dossier as the answer: their read is logged with the step (K8), unless
    /// the step took the complaint out of their sight.
    pub reader: Option<UserId>,
    /// A document the step refers to: stored only once the complaint exists, this person sees
    /// it and the engine allows the step, right before the step is stored. A refused or
    /// unauthorised upload writes nothing; a file whose step then fails to store is an orphan
    /// that [`crate::documents::sweep`] removes.
    pub file: Option<&'a [u8]>,
}

/// Decides on the complaint as it stands and stores the step with what follows from it (its
/// letters, their mail, what `options` ask). Commands are intentions: if someone else appended
/// meanwhile and no version is expected, the complaint is read again and decided anew, up to
/// three times, rather than failing. Returns the complaint as stored after the step (shown
/// without reading it back) and the step's time.
///
/// Once the step is stored, nothing fails the answer: an error means nothing was stored.
pub async fn take_step<F>(
    app: &App,
    reference: &str,
    staff: &Staff,
    options: StepOptions<'_>,
    decide: F,
) -> Result<(Opened, Timestamp), AppError>
where
    F: Fn(&Opened, &Ctx) -> Result<Vec<Event>, AppError>,
{
    let StepOptions {
        expected,
        revoke_links,
        reader,
        file,
    } = options;
    let mut current = 0;
    for attempt in 0..3 {
        let mut o = open(app, reference).await?;
        current = o.dossier.state.version;
        if procedure::view(&o.loaded.profile, &o.org, &o.dossier.state, staff) == View::None {
            return Err(invisible(reference));
        }
        if let Some(v) = expected
            && v != current
        {
            return Err(AppError::Conflict { current });
        }
        let now = app.clock.now();
        let ctx = Ctx {
            profile: &o.loaded.profile,
            calendar: &o.loaded.calendar,
            org: &o.org,
            now,
        };
        let events = decide(&o, &ctx)?;
        let reader = reader.filter(|_| {
            let mut next = o.dossier.state.clone();
            events.iter().for_each(|e| next.apply(e));
            procedure::view(&o.loaded.profile, &o.org, &next, staff) != View::None
        });
        let extra = Extra {
            in_round: false,
            revoke_links,
            reader,
            file,
        };
        match store_step(app, &o.dossier, &o.loaded, &o.org, &o.users, events, extra).await {
            Ok((_, next)) if next.anonymised_at.is_some() => {
                // What is shown now is the dossier as stored, without what was just erased.
                return Ok((open(app, reference).await?, now));
            }
            Ok((written, next)) => {
                match app.store.mail_status(o.dossier.id).await {
                    Ok(mail) => o.mail = mail,
                    // The step is stored; the answer shows the letters' delivery as before.
                    Err(e) => {
                        tracing::warn!(error = %e, %reference, "reading the mail status after a step")
                    }
                }
                let first = i64::try_from(o.dossier.state.version).unwrap_or(i64::MAX);
                o.dossier.events.extend(
                    (first + 1..)
                        .zip(written)
                        .map(|(seq, event)| StoredEvent { seq, event }),
                );
                o.dossier.state = next;
                return Ok((o, now));
            }
            Err(AppError::Conflict { current: c }) if expected.is_none() && attempt < 2 => {
                current = c;
                continue;
            }
            Err(e) => return Err(e),
        }
    }
    Err(AppError::Conflict { current })
}

/// Takes `cmd` on `reference` for `staff`: a step on one complaint ([`take_step`] with
/// [`procedure::decide`]) or, when it concerns a second complaint as well (marking a duplicate,
/// linking or unlinking a related complaint, reopening a duplicate: [`procedure::counterpart`]),
/// a step on both, stored in one transaction: both dossiers show it, or neither. The other
/// complaint must be one `staff` sees whole; one that does not exist is refused with the same
/// words as one they may not see. Returns the first complaint as stored after the step.
pub async fn take_command(
    app: &App,
    reference: &str,
    staff: &Staff,
    options: StepOptions<'_>,
    cmd: procedure::Command,
) -> Result<(Opened, Timestamp), AppError> {
    let mut current = 0;
    for attempt in 0..3 {
        let mut o = open(app, reference).await?;
        current = o.dossier.state.version;
        if procedure::view(&o.loaded.profile, &o.org, &o.dossier.state, staff) == View::None {
            return Err(invisible(reference));
        }
        let Some(there_ref) = procedure::counterpart(&o.dossier.state, &cmd) else {
            return take_step(app, reference, staff, options, |o, ctx| {
                Ok(procedure::decide(
                    ctx,
                    &o.dossier.state,
                    staff,
                    cmd.clone(),
                )?)
            })
            .await;
        };
        if let Some(v) = options.expected
            && v != current
        {
            return Err(AppError::Conflict { current });
        }
        let Some(there) = app.store.load(&there_ref).await? else {
            return Err(procedure::unseen(&there_ref, procedure::counterpart_field(&cmd)).into());
        };
        let there_loaded = app.profiles.get(&app.store, there.profile_id).await?;
        let now = app.clock.now();
        let ctx = Ctx {
            profile: &o.loaded.profile,
            calendar: &o.loaded.calendar,
            org: &o.org,
            now,
        };
        let other = procedure::Counterpart {
            here: &o.dossier.reference,
            there: &there.reference,
            complaint: &there.state,
            profile: &there_loaded.profile,
        };
        let pair = procedure::decide_pair(&ctx, &o.dossier.state, staff, cmd.clone(), &other)?;
        let follow_of = |dossier: &Dossier, loaded: &Loaded, events: &[Event]| {
            let mut next = dossier.state.clone();
            events.iter().for_each(|e| next.apply(e));
            let step = Step {
                reference: &dossier.reference,
                before: Some(&dossier.state),
                after: &next,
                history: &dossier.events,
                events,
                org: &o.org,
                users: &o.users,
            };
            follow::follow_up(app, loaded, &step, false).map(|(f, _)| (f, next))
        };
        let (mut here_follow, mut here_next) = follow_of(&o.dossier, &o.loaded, &pair.here)?;
        here_follow.read_by = options.reader;
        let (there_follow, there_next) = follow_of(&there, &there_loaded, &pair.there)?;
        let stored = app
            .store
            .append_each(&[
                klacht_store::Append {
                    id: o.dossier.id,
                    expected_version: o.dossier.state.version,
                    events: &pair.here,
                    state: &here_next,
                    follow: &here_follow,
                },
                klacht_store::Append {
                    id: there.id,
                    expected_version: there.state.version,
                    events: &pair.there,
                    state: &there_next,
                    follow: &there_follow,
                },
            ])
            .await
            .map_err(AppError::from);
        match stored {
            Ok(()) => {
                let sends =
                    |f: &klacht_store::FollowUp| !f.mails.is_empty() || !f.notices.is_empty();
                if sends(&here_follow) || sends(&there_follow) {
                    app.mail_notify.notify_one();
                }
                let first = i64::try_from(o.dossier.state.version).unwrap_or(i64::MAX);
                for e in &here_follow.events {
                    here_next.apply(e);
                }
                let written = pair.here.into_iter().chain(here_follow.events);
                o.dossier.events.extend(
                    (first + 1..)
                        .zip(written)
                        .map(|(seq, event)| StoredEvent { seq, event }),
                );
                o.dossier.state = here_next;
                if let Ok(mail) = app.store.mail_status(o.dossier.id).await {
                    o.mail = mail;
                }
                return Ok((o, now));
            }
            // Someone changed one of the two meanwhile: decide anew on both as they stand (a
            // change to this one is refused above when the person acted on a version).
            Err(AppError::Conflict { current: c }) if attempt < 2 => {
                current = c;
                continue;
            }
            Err(e) => return Err(e),
        }
    }
    Err(AppError::Conflict { current })
}

/// A step klacht takes by itself (the retention round, the operator's command): decided on the
/// complaint as it stands and stored with what follows from it, read again and decided anew when
/// someone else appended meanwhile (up to three times). Returns the complaint after the step.
/// `in_round`: one of many steps of a round, which removes the files of what it anonymised and
/// scrubs the database once, at its end.
pub async fn system_step<F>(
    app: &App,
    reference: &str,
    in_round: bool,
    decide: F,
) -> Result<Opened, AppError>
where
    F: Fn(&Opened, &Ctx) -> Result<Vec<Event>, AppError>,
{
    let mut current = 0;
    for _ in 0..3 {
        let mut o = open(app, reference).await?;
        let ctx = Ctx {
            profile: &o.loaded.profile,
            calendar: &o.loaded.calendar,
            org: &o.org,
            now: app.clock.now(),
        };
        let events = decide(&o, &ctx)?;
        let extra = Extra {
            in_round,
            ..Extra::default()
        };
        match store_step(app, &o.dossier, &o.loaded, &o.org, &o.users, events, extra).await {
            Ok((_, next)) => {
                o.dossier.state = next;
                return Ok(o);
            }
            Err(AppError::Conflict { current: c }) => current = c,
            Err(e) => return Err(e),
        }
    }
    Err(AppError::Conflict { current })
}

/// What a step stores beside its events and their follow-up.
#[derive(Debug, Clone, Copy, Default)]
struct Extra<'a> {
    /// A step of a round that removes files and scrubs the database once, at its end.
    in_round: bool,
    revoke_links: bool,
    reader: Option<UserId>,
    file: Option<&'a [u8]>,
}

/// Stores the `events` decided on `dossier` with what follows from them (letters, their mail,
/// status links, staff notices) in one transaction. Returns every event written (the step's,
/// then its letters') and the complaint after them. [`AppError::Conflict`] when someone else
/// appended first: nothing was stored then.
async fn store_step(
    app: &App,
    dossier: &Dossier,
    loaded: &Loaded,
    org: &Org,
    users: &[User],
    mut events: Vec<Event>,
    extra: Extra<'_>,
) -> Result<(Vec<Event>, Complaint), AppError> {
    let mut next = dossier.state.clone();
    for e in &events {
        next.apply(e);
    }
    let step = Step {
        reference: &dossier.reference,
        before: Some(&dossier.state),
        after: &next,
        history: &dossier.events,
        events: &events,
        org,
        users,
    };
    let (mut follow, _) = follow::follow_up(app, loaded, &step, false)?;
    follow.revoke_status_links = extra.revoke_links;
    follow.read_by = extra.reader;
    if let Some(bytes) = extra.file {
        // Stored by content: a second attempt after a conflict finds it there already.
        crate::documents::store(&app.documents, bytes)
            .await
            .map_err(|e| AppError::io("storing a document", e))?;
    }
    app.store
        .append_with(dossier.id, dossier.state.version, &events, &next, &follow)
        .await?;
    if !follow.mails.is_empty() || !follow.notices.is_empty() {
        app.mail_notify.notify_one();
    }
    if next.anonymised_at.is_some() && dossier.state.anonymised_at.is_none() && !extra.in_round {
        // The database forgot the personal data with the step; the files go now (a round does
        // this once for all it anonymised).
        crate::privacy::remove_files(app, std::slice::from_ref(dossier)).await;
        crate::privacy::scrub(app).await;
    }
    for e in &follow.events {
        next.apply(e);
    }
    events.extend(follow.events);
    Ok((events, next))
}

/// A step the complainant takes through their status link (adding information, answering the
/// satisfaction question) on `dossier`, opened by that link: decided by `step` on the complaint
/// as it stands and stored with what follows from it. When someone else appended meanwhile the
/// complaint is read again and the step decided anew, up to three times. On success `dossier`
/// holds the complaint after the step.
pub async fn complainant_step<F>(
    app: &App,
    dossier: &mut Dossier,
    loaded: &Loaded,
    step: F,
) -> Result<(), AppError>
where
    F: Fn(&Complaint) -> Result<Vec<Event>, procedure::Refusal>,
{
    // The staff, for who is told of what the complainant did (the handler, the coordinators).
    let users = app.store.users().await?;
    let org = Org {
        staff: users.iter().map(User::staff).collect(),
    };
    let mut current = dossier.state.version;
    for attempt in 0..3 {
        let events = step(&dossier.state)?;
        match store_step(app, dossier, loaded, &org, &users, events, Extra::default()).await {
            Ok((_, next)) => {
                dossier.state = next;
                return Ok(());
            }
            Err(AppError::Conflict { current: c }) if attempt < 2 => {
                current = c;
                *dossier = app
                    .store
                    .load(&dossier.reference)
                    .await?
                    .ok_or_else(|| invisible(&dossier.reference.to_string()))?;
            }
            Err(e) => return Err(e),
        }
    }
    Err(AppError::Conflict { current })
}

/// Marks the letter by post recorded as event `letter` as printed and sent (T12), by `staff`,
/// who must see the whole dossier; the dossier's open task for it ends. `expected`: the version
/// the person saw.
pub async fn mark_letter_posted(
    app: &App,
    reference: &str,
    staff: &Staff,
    letter: i64,
    expected: Option<u64>,
) -> Result<(Opened, Timestamp), AppError> {
    take_step(
        app,
        reference,
        staff,
        StepOptions {
            expected,
            ..StepOptions::default()
        },
        |o, ctx| {
            Ok(klacht_core::letters::mark_posted(
                &o.loaded.profile,
                &o.org,
                &o.dossier.state,
                staff,
                o.dossier.events.iter().map(|e| (e.seq, &e.event)),
                letter,
                ctx.now,
            )?)
        },
    )
    .await
}

/// A letter a step would send, as its preview shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterPreview {
    pub subject: String,
    pub body: String,
    pub via: procedure::Via,
}

/// The letters `cmd` would send if `staff` took it now on `o`, without taking it: what the step
/// form's preview shows. Refused as the step itself would be.
pub fn preview(
    app: &App,
    o: &Opened,
    staff: &Staff,
    cmd: procedure::Command,
) -> Result<Vec<LetterPreview>, AppError> {
    let ctx = Ctx {
        profile: &o.loaded.profile,
        calendar: &o.loaded.calendar,
        org: &o.org,
        now: app.clock.now(),
    };
    let events = procedure::decide(&ctx, &o.dossier.state, staff, cmd)?;
    let mut next = o.dossier.state.clone();
    for e in &events {
        next.apply(e);
    }
    let step = Step {
        reference: &o.dossier.reference,
        before: Some(&o.dossier.state),
        after: &next,
        history: &o.dossier.events,
        events: &events,
        org: &o.org,
        users: &o.users,
    };
    let (f, _) = follow::follow_up(app, &o.loaded, &step, false)?;
    Ok(f.events
        .iter()
        .filter_map(|e| match &e.body {
            EventBody::Letter(l) => Some(LetterPreview {
                subject: l.subject.get().cloned().unwrap_or_default(),
                body: l.body.get().cloned().unwrap_or_default(),
                via: l.via,
            }),
            _ => None,
        })
        .collect())
}
