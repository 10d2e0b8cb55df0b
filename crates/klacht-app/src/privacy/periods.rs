//! Everything else has a period too (issue 15, item 5; K8, T10): what klacht keeps about people
//! besides the complaints goes once past the profile's period (`[retention]`), in the same daily
//! round ([`super::round`]):
//!
//! | what | where | how long |
//! |---|---|---|
//! | back-office sessions | `sessions` | until they end (idle 2 h, at most 12 h) |
//! | setup and set-password links | `account_links` | until used or expired (24 h, 7 days) |
//! | revoked API tokens | `api_tokens` | until revoked |
//! | the read log (K8) | `dossier_reads` | `read_log_months` (24) |
//! | the account log | `account_audit` | `account_log_months` (24) |
//! | staff notices | `notifications` | `notice_days` (180), longer while a round could repeat one |
//! | mail that is not a letter | `outbox` and its `.eml` copies in `DATA/outbox` | `mail_days` (30) after sent or failed |
//! | files no dossier refers to | `DATA/documents` | `upload_hours` (24) |
//! | settled requests of data subjects | `subject_requests` and their log | `request_months` (24) |
//!
//! Kept in memory only, and so without a period here: the sign-in throttle's counts (a day
//! after the last failure, [`crate::accounts::throttle`]), the public form's attachments
//! between attempts (two hours, in klacht-web), the flood limits' counts. A restart forgets
//! them all. Letters to complainants and their `.eml` copies go with the complaint, when it is
//! anonymised.

use crate::App;
use klacht_core::periods::{Cutoffs, cutoffs};
use klacht_store::PurgedRows;
use std::path::Path;
use std::time::SystemTime;

/// What the round removed because its period ran out (on a dry run: would remove).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Purged {
    /// Rows of the database, per kind.
    pub rows: PurgedRows,
    /// `.eml` copies of mail that is not a letter, in the outbox (`mail-*.eml`, and the copies
    /// of staff notices, named by their complaint's reference).
    pub mail_copies: u64,
    /// Stored files that no dossier refers to.
    pub uploads: u64,
    /// Why the purge stopped before it was done, if it did; the next round tries again.
    pub failed: Option<String>,
}

/// Removes (with `dry_run`: counts) everything past its period at the app's clock: the rows
/// (see [`klacht_store::traits::RetentionStore::purge_past_periods`]), the outbox copies of
/// mail that is not a letter (before the rows that name them), and stored files no dossier
/// refers to. A part that fails is
/// logged and named in [`Purged::failed`]; the other parts still run.
pub async fn purge_expired_data(app: &App, dry_run: bool) -> Purged {
    let retention = &app.regulation().profile.retention;
    let cut = cutoffs(retention, app.clock.now());
    let mut out = Purged::default();
    let mut failed = Vec::new();
    if let Some(outbox) = &app.outbox {
        // The copies of staff notices first: their rows name them, and go next.
        match notice_copies(app, outbox, &cut, dry_run).await {
            Ok(n) => out.mail_copies += n,
            Err(e) => failed.push(e),
        }
        match mail_copies(outbox, &cut, dry_run).await {
            Ok(n) => out.mail_copies += n,
            Err(e) => failed.push(format!("the outbox {}: {e}", outbox.display())),
        }
    }
    match app.store.purge_past_periods(&cut, dry_run).await {
        Ok(rows) => out.rows = rows,
        Err(e) => failed.push(format!("the database: {e}")),
    }
    match uploads(app, &cut, dry_run).await {
        Ok(n) => out.uploads = n,
        Err(e) => failed.push(e.to_string()),
    }
    if !failed.is_empty() {
        let why = failed.join("; ");
        tracing::error!(error = %why, "removing data past its period failed in part; the next round tries again");
        out.failed = Some(why);
    }
    out
}

/// Rows of the mail queue read per query when looking for the copies of staff notices.
const PAGE: u32 = 1000;

/// The outbox copies of staff notices about a complaint sent before the mail's cut-off. They
/// are named by the complaint's reference like its letters (`2026-0042-<hash>.eml`), so they
/// are found by the name the outbox gave them: the reference and the hash of the Message-ID
/// the delivery gave the queued message. (A copy written under another public address, whose
/// host ends the Message-ID, is not found so; it goes with the complaint's letters.)
async fn notice_copies(app: &App, dir: &Path, cut: &Cutoffs, dry_run: bool) -> Result<u64, String> {
    let domain = crate::delivery::mail_domain(&app.config.public_url);
    let thread_key = crate::delivery::thread_key(&app.secret_key);
    let mut after = 0;
    let mut n = 0;
    loop {
        let page = app
            .store
            .notice_mail_past(cut.mail_before, after, PAGE)
            .await
            .map_err(|e| format!("the database: {e}"))?;
        for (id, reference) in &page {
            let message_id =
                crate::delivery::message_id(Some(reference), *id, &domain, &thread_key);
            let path = dir.join(klacht_mail::outbox_file_name(Some(reference), &message_id));
            let gone = if dry_run {
                tokio::fs::try_exists(&path).await
            } else {
                match tokio::fs::remove_file(&path).await {
                    Ok(()) => Ok(true),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
                    Err(e) => Err(e),
                }
            };
            if gone.map_err(|e| format!("the outbox copy {}: {e}", path.display()))? {
                n += 1;
            }
        }
        match page.last() {
            Some((last, _)) if page.len() == usize::try_from(PAGE).unwrap_or(usize::MAX) => {
                after = *last;
            }
            _ => return Ok(n),
        }
    }
}

/// The outbox copies (`mail-*.eml`: mail of no complaint, such as set-password links, second
/// factor notices and the register's reminders) written before the mail's cut-off.
async fn mail_copies(dir: &Path, cut: &Cutoffs, dry_run: bool) -> std::io::Result<u64> {
    let before = SystemTime::from(cut.mail_before);
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(entries) => entries,
        // No mail written yet (or mail goes over SMTP).
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let mut n = 0;
    while let Some(entry) = entries.next_entry().await? {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with("mail-") && name.ends_with(".eml")) {
            continue;
        }
        let Ok(meta) = entry.metadata().await else {
            continue;
        };
        if !meta.is_file() || meta.modified().is_ok_and(|m| m >= before) {
            continue;
        }
        if !dry_run {
            match tokio::fs::remove_file(entry.path()).await {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            }
        }
        n += 1;
    }
    Ok(n)
}

/// Stored files no dossier refers to, older than the upload period (the same sweep the server
/// runs every hour, [`crate::documents::sweep`]).
async fn uploads(
    app: &App,
    cut: &Cutoffs,
    dry_run: bool,
) -> Result<u64, crate::documents::SweepError> {
    let grace = cut.upload_grace.unsigned_abs();
    let swept =
        crate::documents::sweep_or_count(&app.documents, &app.store, grace, dry_run).await?;
    Ok(swept.files)
}

/// How old a stored file no dossier refers to must be before the sweep removes it, by the
/// regulation in force.
pub fn upload_grace(app: &App) -> std::time::Duration {
    let retention = &app.regulation().profile.retention;
    cutoffs(retention, app.clock.now())
        .upload_grace
        .unsigned_abs()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::delivery::{Sender, mail_domain, round};
    use crate::{Config, FixedClock, Profiles};
    use jiff::{SignedDuration, Timestamp};
    use klacht_core::procedure::{
        Complainant, Complaint, Ctx, Event, EventBody, LetterKind, LetterRecord, NewComplaint, Via,
        register,
    };
    use klacht_core::{Actor, Calendar, Channel, Lang, Personal, Role};
    use klacht_mail::{Address, Mailer};
    use klacht_store::{FollowUp, NewMail, NewRecord, NewUser};
    use klacht_store_any::Store;
    use std::sync::Arc;

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".eml"))
            .collect();
        n.sort();
        n
    }

    /// A complaint's letter to the complainant and a staff notice about it go out through the
    /// real outbox, each as a copy named by the reference. Past `mail_days` the notice's row and
    /// its copy go, found by the name the outbox gave it; the letter and its copy stay (they go
    /// with the complaint). A dry run first counts the same and removes nothing.
    #[tokio::test]
    async fn k08_a_staff_notices_outbox_copy_goes_with_its_mail_and_the_letters_stays() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&format!("sqlite://{}", dir.path().join("k.db").display()))
            .await
            .unwrap();
        let source = klacht_core::profile::builtin_source("template").unwrap();
        let profile = klacht_core::profile::parse(source).unwrap();
        // Delivery stamps the real time; the round runs 31 days later (template: 30 days).
        let now = Timestamp::now();
        let profile_id = store.register_profile(&profile, source, now).await.unwrap();
        store
            .create_user(
                &NewUser {
                    email: "c@x.nl".into(),
                    name: "Carla".into(),
                    roles: [Role::Coordinator].into_iter().collect(),
                    password_hash: None,
                },
                now,
            )
            .await
            .unwrap();
        let org = store.org().await.unwrap();
        let calendar = Calendar::new(&profile.calendar);
        let ctx = Ctx {
            profile: &profile,
            calendar: &calendar,
            org: &org,
            now,
        };
        let events = register(
            &ctx,
            None,
            NewComplaint {
                channel: Channel::Web,
                received_at: now,
                received_by: None,
                received_where: None,
                concerns: None,
                relation: None,
                complainant: Complainant {
                    name: "Els Goed".into(),
                    email: Some("els@example.nl".into()),
                    ..Complainant::default()
                },
                on_behalf_of: None,
                description: "Niets gehoord.".into(),
                language: Lang::Nl,
                resolved_directly: None,
                documents: Vec::new(),
            },
        )
        .unwrap();
        let state = Complaint::replay(&events).unwrap();
        let mail = |event: Option<usize>, to: &str| NewMail {
            event,
            to: to.into(),
            to_name: None,
            subject: "Uw klacht".into(),
            body: "Beste,".into(),
            language: Lang::Nl,
        };
        let letter = Event {
            at: now,
            actor: Actor::System,
            body: EventBody::Letter(Box::new(LetterRecord {
                letter: LetterKind::Acknowledgement,
                via: Via::Email,
                to: Personal::new("els@example.nl".into()),
                subject: Personal::new("Uw klacht".into()),
                body: Personal::new("Beste,".into()),
                language: Lang::Nl,
            })),
        };
        let follow = FollowUp {
            events: vec![letter],
            mails: vec![
                mail(Some(events.len()), "els@example.nl"),
                mail(None, "c@x.nl"),
            ],
            ..FollowUp::default()
        };
        let (_, reference) = store
            .create_complaint_with(
                NewRecord {
                    profile_id,
                    events,
                    state,
                },
                move |_, _| Ok(follow.clone()),
            )
            .await
            .unwrap();
        let outbox = dir.path().join("outbox");
        let clock = Arc::new(FixedClock::new(now));
        let app = App::new(
            store.clone(),
            Arc::new(Profiles::new(profile_id, profile)),
            clock.clone(),
            dir.path().join("documents"),
            Config::new("https://klachten.example.nl"),
        )
        .with_outbox(outbox.clone());
        // Delivered as `klacht serve` delivers: Message-IDs end in the public address's host.
        let mailer = Arc::new(Mailer::from_config(None, outbox.clone()).unwrap());
        let sender = Sender {
            from: Address::new("Stichting Voorbeeld", "klachten@example.nl"),
            domain: mail_domain(&app.config.public_url),
            thread_key: crate::delivery::thread_key(&app.secret_key),
            reply_plus: false,
        };
        assert_eq!(round(&store, &mailer, &sender, || false).await, 2);
        let both = names(&outbox);
        assert_eq!(both.len(), 2, "{both:?}");
        assert!(
            both.iter().all(|n| n.starts_with(&format!("{reference}-"))),
            "{both:?}"
        );
        let letter_copy = both
            .iter()
            .find(|n| {
                std::fs::read_to_string(outbox.join(n))
                    .unwrap()
                    .contains("To: els@example.nl")
            })
            .unwrap()
            .clone();

        // A day before the period ends: nothing goes.
        clock.set(now + SignedDuration::from_hours(29 * 24));
        let early = purge_expired_data(&app, true).await;
        assert_eq!(early, Purged::default());
        // 31 days on: the notice's mail and its copy.
        clock.set(now + SignedDuration::from_hours(31 * 24));
        let expected = Purged {
            rows: PurgedRows {
                mail: 1,
                ..PurgedRows::default()
            },
            mail_copies: 1,
            ..Purged::default()
        };
        assert_eq!(purge_expired_data(&app, true).await, expected);
        assert_eq!(names(&outbox), both);
        assert_eq!(purge_expired_data(&app, false).await, expected);
        assert_eq!(names(&outbox), [letter_copy]);
        assert_eq!(purge_expired_data(&app, false).await, Purged::default());
    }
}
