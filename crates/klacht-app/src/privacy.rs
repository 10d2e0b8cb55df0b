//! Privacy the software keeps (K8, T10; AVG art. 5(1)(e) and 17): the daily retention round,
//! anonymising a closed complaint now (the coordinator's step, or the operator's command), what
//! the round will do in the coming days, and the complaints held back on purpose.
//!
//! Anonymising is an `anonymised` event, decided by the engine
//! ([`klacht_core::retention`], [`klacht_core::procedure::decide`]) and stored like every step;
//! the store erases the complaint's personal data, search entries, mail and status links in the
//! same transaction. The files go after it ([`remove_files`]): the documents no other dossier
//! refers to, and the `.eml` copies of its mail. Then the database's files are scrubbed
//! ([`klacht_store::traits::RetentionStore::scrub`]).

use crate::complaints::{self, Opened};
use crate::{App, AppError};
use jiff::Timestamp;
use jiff::civil::Date;
use klacht_core::Reference;
use klacht_core::calendar::amsterdam_date;
use klacht_core::procedure::{self, EventBody};
use klacht_core::retention;
use std::collections::BTreeSet;

mod periods;
pub use periods::{Purged, purge_expired_data, upload_grace};

/// Whether `user` oversees retention (runs the round, sees the outlook and the holds): the
/// regulation's rule ([`retention::may_oversee`]) with the staff as they are now.
pub async fn may_oversee(app: &App, user: &klacht_store::User) -> Result<(), AppError> {
    let users = app.store.users().await?;
    let org = procedure::Org {
        staff: users.iter().map(klacht_store::User::staff).collect(),
    };
    retention::may_oversee(&app.regulation().profile, &org, &user.staff())?;
    Ok(())
}

/// Complaints read per query of the round.
const BATCH: u32 = 500;

/// A complaint the round anonymises (or, on a dry run, would).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub reference: Reference,
    /// The day it ended (closed or withdrawn).
    pub ended_on: Date,
    /// The day the round anonymises it: the day after its retention period.
    pub anonymised_on: Date,
}

/// What a retention round did, or on a dry run would do.
#[derive(Debug, Clone, Default)]
pub struct Round {
    pub dry_run: bool,
    /// Anonymised now (on a dry run: due now).
    pub anonymised: Vec<Due>,
    /// Due, but anonymising failed; tried again next round.
    pub failed: Vec<(Reference, String)>,
    /// What else went because its period ran out (on a dry run: would go).
    pub purged: Purged,
}

/// The daily round: anonymises every complaint whose retention period ran out (closed or
/// withdrawn more than the regulation's months ago, Europe/Amsterdam) and that is not held back.
/// Each complaint once, also with several instances: the step is appended at the version it was
/// decided on, and a complaint anonymised meanwhile by another instance is refused and skipped.
/// A complaint that fails is logged, listed and tried again next round; the others go on.
pub async fn round(app: &App, dry_run: bool) -> Result<Round, AppError> {
    let today = amsterdam_date(app.clock.now());
    let mut out = Round {
        dry_run,
        ..Round::default()
    };
    // The dossiers as they were before: which files they held.
    let mut erased = Vec::new();
    for due in due_by(app, today).await?.0 {
        if dry_run {
            out.anonymised.push(due);
            continue;
        }
        let reference = due.reference.to_string();
        let step = complaints::system_step(app, &reference, true, |o, ctx| {
            Ok(retention::anonymise_by_retention(ctx, &o.dossier.state)?)
        })
        .await;
        match step {
            Ok(before) => {
                erased.push(before.dossier);
                out.anonymised.push(due);
            }
            // Anonymised or held meanwhile (another instance, a coordinator): nothing to do.
            Err(AppError::Refused(_)) => {}
            Err(e) => {
                let why = crate::with_sources(&e);
                tracing::error!(%reference, error = %why, "anonymising a complaint whose retention period ran out failed; tried again next round");
                out.failed.push((due.reference, why));
            }
        }
    }
    if !erased.is_empty() {
        remove_files(app, &erased).await;
    }
    out.purged = purge_expired_data(app, dry_run).await;
    if (!erased.is_empty() || out.purged.rows.total() > 0) && !dry_run {
        scrub(app).await;
    }
    Ok(out)
}

/// The complaints due for anonymisation on `day` or before, not held back, longest ended first;
/// and apart, those whose period ran out by then but that a body outside the organisation still
/// has (a referral without its outcome, issue 18): the round keeps them.
async fn due_by(app: &App, day: Date) -> Result<(Vec<Due>, Vec<Due>), AppError> {
    // The store's filter uses the shortest period of every version of the regulation (a
    // complaint is kept by the version it was handled under); each complaint is then judged by
    // its own version's period.
    let mut months = app.regulation().profile.retention.months_after_close;
    for id in app.store.profile_ids().await? {
        let loaded = app.profiles.get(&app.store, id).await?;
        months = months.min(loaded.profile.retention.months_after_close);
    }
    let bound = retention::ended_before(months, day);
    let mut out = Vec::new();
    let mut kept = Vec::new();
    let mut after: Option<Reference> = None;
    loop {
        let batch = app
            .store
            .retention_candidates(bound, after.as_ref(), BATCH)
            .await?;
        let full = batch.len() == usize::try_from(BATCH).unwrap_or(usize::MAX);
        for r in &batch {
            let o = complaints::open(app, &r.to_string()).await?;
            if let Some(due) = due_of(&o, day) {
                out.push(due);
            } else if let Some(due) = kept_for_referral(&o, day) {
                kept.push(due);
            }
        }
        match batch.last() {
            Some(last) if full => after = Some(last.clone()),
            _ => break,
        }
    }
    Ok((out, kept))
}

/// A complaint whose period ran out by `day` but that the round keeps because a body outside
/// still has it (issue 18).
fn kept_for_referral(o: &Opened, day: Date) -> Option<Due> {
    let c = &o.dossier.state;
    let months = o.loaded.profile.retention.months_after_close;
    if !c.referral_pending() || c.held_since.is_some() {
        return None;
    }
    let anonymised_on = retention::anonymised_on(months, c)?;
    (anonymised_on <= day).then_some(Due {
        reference: o.dossier.reference.clone(),
        ended_on: amsterdam_date(retention::ended_at(c)?),
        anonymised_on,
    })
}

fn due_of(o: &Opened, day: Date) -> Option<Due> {
    let c = &o.dossier.state;
    let months = o.loaded.profile.retention.months_after_close;
    if !retention::due(months, c, day) {
        return None;
    }
    Some(Due {
        reference: o.dossier.reference.clone(),
        ended_on: amsterdam_date(retention::ended_at(c)?),
        anonymised_on: retention::anonymised_on(months, c)?,
    })
}

/// A complaint held back from anonymisation.
#[derive(Debug, Clone)]
pub struct Held {
    pub reference: Reference,
    pub since: Timestamp,
    /// The reason given with the hold (personal data of the dossier: for those who see it).
    pub reason: Option<String>,
    /// When its retention period ends or ended.
    pub kept_until: Option<Date>,
}

/// What the round will anonymise in the coming `days` (from today on), and what is held back.
#[derive(Debug, Clone, Default)]
pub struct Outlook {
    pub today: Date,
    pub until: Date,
    pub due: Vec<Due>,
    pub held: Vec<Held>,
    /// Due by `until`, but kept while a body outside the organisation has them (issue 18).
    pub kept_for_referral: Vec<Due>,
}

/// The most complaints listed as held back.
const HELD_SHOWN: u32 = 1000;

/// What the round will anonymise from today until `days` from now, and every complaint held
/// back, with its reason and when its period ends.
pub async fn outlook(app: &App, days: u32) -> Result<Outlook, AppError> {
    let today = amsterdam_date(app.clock.now());
    let until = today
        .checked_add(jiff::Span::new().days(i64::from(days)))
        .unwrap_or(today);
    let (due, kept_for_referral) = due_by(app, until).await?;
    let mut held = Vec::new();
    for r in app.store.held_complaints(HELD_SHOWN).await? {
        let o = complaints::open(app, &r.to_string()).await?;
        let c = &o.dossier.state;
        let Some(since) = c.held_since else { continue };
        let reason = o
            .dossier
            .events
            .iter()
            .rev()
            .find_map(|e| match &e.event.body {
                EventBody::HoldPlaced { reason } => reason.get().cloned(),
                _ => None,
            });
        let months = o.loaded.profile.retention.months_after_close;
        // The period as if it were not held.
        let mut unheld = c.clone();
        unheld.held_since = None;
        held.push(Held {
            reference: r,
            since,
            reason,
            kept_until: retention::kept_until(months, &unheld),
        });
    }
    Ok(Outlook {
        today,
        until,
        due,
        held,
        kept_for_referral,
    })
}

/// `klacht anonymise REFERENCE --reason TEXT`: the operator erases a closed complaint's
/// personal data now, on request. Refused for an open, held or anonymised complaint, with what
/// to do first.
pub async fn anonymise_by_operator(
    app: &App,
    reference: &str,
    reason: &str,
) -> Result<Timestamp, AppError> {
    if reason.trim().is_empty() {
        return Err(AppError::Invalid(vec![crate::FieldProblem::of(
            "reason",
            crate::Problem::Required,
        )]));
    }
    let o = complaints::system_step(app, reference, false, |o, ctx| {
        Ok(procedure::anonymise_by_operator(
            ctx,
            &o.dossier.state,
            reason,
        )?)
    })
    .await?;
    o.dossier
        .state
        .anonymised_at
        .ok_or_else(|| AppError::unexpected("anonymising stored no anonymisation"))
}

/// After complaints' personal data was erased from the database: removes the files that held
/// it — each of their documents no dossier that is not anonymised refers to, and the `.eml`
/// copies of their mail in the outbox. `dossiers` as they were before (their events name the
/// documents). A file that cannot be removed is logged as an error; documents are also swept
/// later as unreferenced.
pub async fn remove_files(app: &App, dossiers: &[klacht_store::Dossier]) {
    let mut documents = BTreeSet::new();
    for e in dossiers.iter().flat_map(|o| &o.events) {
        match &e.event.body {
            EventBody::DocumentAttached { document } => {
                documents.insert(document.sha256.clone());
            }
            EventBody::ComplainantAdded { documents: d, .. } => {
                documents.extend(d.iter().map(|d| d.sha256.clone()));
            }
            _ => {}
        }
    }
    if !documents.is_empty() {
        match app.store.referenced_documents().await {
            Ok(live) => {
                for sha in documents.difference(&live.into_iter().collect()) {
                    let path = crate::documents::path_of(&app.documents, sha);
                    match tokio::fs::remove_file(&path).await {
                        Ok(()) => {}
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => {
                            tracing::error!(document = %sha, error = %e, "removing a document of an anonymised complaint failed; the sweep tries again")
                        }
                    }
                }
            }
            Err(e) => {
                tracing::error!(error = %e, "reading which documents are still referred to failed; the sweep removes the anonymised complaints' documents later")
            }
        }
    }
    if let Some(outbox) = &app.outbox {
        let references: BTreeSet<String> =
            dossiers.iter().map(|o| o.reference.to_string()).collect();
        if let Err(e) = remove_mail_copies(outbox, &references).await {
            tracing::error!(error = %e, "removing the outbox copies of anonymised complaints' mail failed");
        }
    }
}

/// Removes `REFERENCE-*.eml` of each reference from the outbox directory (the outbox names each
/// message so), in one pass over the directory.
async fn remove_mail_copies(
    dir: &std::path::Path,
    references: &BTreeSet<String>,
) -> std::io::Result<()> {
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    while let Some(entry) = entries.next_entry().await? {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let of_one = name
            .strip_suffix(".eml")
            .and_then(|n| n.rsplit_once('-'))
            .is_some_and(|(reference, _)| references.contains(reference));
        if of_one {
            tokio::fs::remove_file(entry.path()).await?;
        }
    }
    Ok(())
}

/// Rewrites what may still hold erased values in the database's files; a failure is logged
/// (the next round tries again).
pub async fn scrub(app: &App) {
    if let Err(e) = app.store.scrub().await {
        tracing::error!(error = %e, "scrubbing the database after anonymising failed; the next round tries again");
    }
}
