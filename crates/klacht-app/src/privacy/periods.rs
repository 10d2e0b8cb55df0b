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
//! | mail that is not a letter | `outbox`, `DATA/outbox/mail-*.eml` | `mail_days` (30) after sent or failed |
//! | files no dossier refers to | `DATA/documents` | `upload_hours` (24) |
//!
//! Kept in memory only, and so without a period here: the sign-in throttle's counts (a day
//! after the last failure, [`crate::accounts::throttle`]), the public form's attachments
//! between attempts (two hours, in klacht-web), the flood limits' counts. A restart forgets
//! them all. Letters to complainants, their `.eml` copies and the copies of staff notices
//! about a complaint (named by its reference) go with the complaint, when it is anonymised.

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
    /// `.eml` copies of mail that is not a letter, in the outbox (`mail-*.eml`).
    pub mail_copies: u64,
    /// Stored files that no dossier refers to.
    pub uploads: u64,
    /// Why the purge stopped before it was done, if it did; the next round tries again.
    pub failed: Option<String>,
}

/// Removes (with `dry_run`: counts) everything past its period at the app's clock: the rows
/// (see [`klacht_store::traits::RetentionStore::purge_past_periods`]), the outbox copies of
/// mail that is not a letter, and stored files no dossier refers to. A part that fails is
/// logged and named in [`Purged::failed`]; the other parts still run.
pub async fn purge_expired_data(app: &App, dry_run: bool) -> Purged {
    let retention = &app.profiles.active().profile.retention;
    let cut = cutoffs(retention, app.clock.now());
    let mut out = Purged::default();
    let mut failed = Vec::new();
    match app.store.purge_past_periods(&cut, dry_run).await {
        Ok(rows) => out.rows = rows,
        Err(e) => failed.push(format!("the database: {e}")),
    }
    if let Some(outbox) = &app.outbox {
        match mail_copies(outbox, &cut, dry_run).await {
            Ok(n) => out.mail_copies = n,
            Err(e) => failed.push(format!("the outbox {}: {e}", outbox.display())),
        }
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
    let retention = &app.profiles.active().profile.retention;
    cutoffs(retention, app.clock.now()).upload_grace.unsigned_abs()
}
