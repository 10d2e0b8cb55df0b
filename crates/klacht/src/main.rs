//! `klacht`: the binary. CLI, configuration, wiring.

mod ceiling;
mod jobs;
mod ops;
mod private;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use klacht_app::accounts::admin::{self, By, FirstPassword, NewAccount};
use klacht_app::accounts::password::NewPassword;
use klacht_app::{App, AppError};
use klacht_core::Role;
use klacht_store::SecretKey;
use klacht_store_any::Store;
use klacht_web::{AppState, SystemClock};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "klacht",
    version,
    about = "Complaint handling under a Dutch klachtenregeling"
)]
struct Cli {
    /// Data directory: the SQLite database, the outbox and documents.
    #[arg(
        long,
        global = true,
        env = "KLACHT_DATA",
        default_value = "./klacht-data"
    )]
    data: PathBuf,
    /// Database URL; default: SQLite inside the data directory. `postgres://…` for PostgreSQL.
    #[arg(long, global = true, env = "KLACHT_DATABASE_URL")]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web application.
    Serve {
        #[arg(long, env = "KLACHT_LISTEN", default_value = "127.0.0.1:8080")]
        listen: String,
        /// A built-in profile name (template, kjrw, awb, wkkgz) or a profile file.
        #[arg(long, env = "KLACHT_PROFILE", default_value = "template")]
        profile: String,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Staff accounts: add one, or let a locked-out user back in (reset-password,
    /// reset-second-factor).
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Regulation profiles.
    Profile {
        #[command(subcommand)]
        command: ProfileCommand,
    },
    /// Check every dossier: its hash chain, its personal data against the chain's digests, and
    /// that the documents it refers to are in DATA/documents. Exit status 1 lists what does not
    /// verify; safe while klacht serves.
    Verify {
        /// Do not look for the documents (on a machine without the data directory's documents).
        #[arg(long)]
        skip_documents: bool,
    },
    /// Back up the database and the documents into a new or empty directory, with a manifest of
    /// counts and checksums; consistent while klacht serves. PostgreSQL needs pg_dump.
    Backup {
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
    /// Restore a backup into a new or empty data directory (--data), and for PostgreSQL into an
    /// empty database (--database; needs pg_restore); never overwrites. Checks the backup's
    /// checksums first and verifies the result.
    Restore {
        #[arg(long, value_name = "DIR")]
        from: PathBuf,
    },
    /// Erase the personal data of a closed or withdrawn complaint now (on request, AVG art. 17),
    /// keeping its reference, dates, classification, outcome, timeline, counts and hash chain.
    Anonymise {
        /// The complaint's reference, e.g. 2026-0042.
        reference: String,
        /// Why, without names: it stays in the dossier.
        #[arg(long)]
        reason: String,
        /// The profile `serve` runs with.
        #[arg(long, env = "KLACHT_PROFILE", default_value = "template")]
        profile: String,
    },
    /// The retention periods: anonymise what is due (also done daily by `serve`).
    Retention {
        #[command(subcommand)]
        command: RetentionCommand,
    },
    /// Fill the database with realistic complaints, made through the real procedure.
    Demo {
        #[arg(long, default_value_t = 1000)]
        complaints: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, env = "KLACHT_PROFILE", default_value = "template")]
        profile: String,
    },
    /// Mail in: take RFC 5322 messages into the intake, as the mailbox does (a mail server's
    /// pipe, a maildir).
    Mail {
        #[command(subcommand)]
        command: MailCommand,
    },
    /// What this machine can do at most, for scripts/bench.sh.
    #[command(hide = true, subcommand)]
    BenchCeiling(CeilingCommand),
}

#[derive(Subcommand)]
enum RetentionCommand {
    /// Anonymise every complaint closed or withdrawn longer ago than the regulation's retention
    /// period and not held back; print each, one per line.
    Run {
        /// Print what would be anonymised, change nothing.
        #[arg(long)]
        dry_run: bool,
        /// The address the site is reached at, as `serve` has it: the outbox copies of staff
        /// notices are found by names that depend on it.
        #[arg(
            long,
            env = "KLACHT_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
        /// The profile `serve` runs with.
        #[arg(long, env = "KLACHT_PROFILE", default_value = "template")]
        profile: String,
    },
}

#[derive(Subcommand)]
enum CeilingCommand {
    /// The HTTP stack answering the public intake with 201, storing nothing.
    Http {
        #[arg(long, default_value = "127.0.0.1:18080")]
        listen: String,
    },
    /// The rows of public complaints stored through group commit, without HTTP.
    Store {
        #[arg(long, default_value_t = 50_000)]
        complaints: u64,
        #[arg(long, default_value_t = 64)]
        concurrency: u64,
        #[arg(long, env = "KLACHT_PROFILE", default_value = "template")]
        profile: String,
    },
}

/// How the site presents itself and what it accepts.
#[derive(clap::Args)]
struct SiteArgs {
    /// The address the public reaches the site at (used in letters, links and the QR code);
    /// default: http:// and the listen address.
    #[arg(long, env = "KLACHT_PUBLIC_URL")]
    public_url: Option<String>,
    /// Origins whose own web pages may post complaints to the public API (comma-separated).
    #[arg(long, env = "KLACHT_CORS_ORIGINS", value_delimiter = ',')]
    cors_origins: Vec<String>,
    /// Attachments per submission.
    #[arg(long, env = "KLACHT_MAX_ATTACHMENTS", default_value_t = 5)]
    max_attachments: usize,
    /// Megabytes per attachment.
    #[arg(long, env = "KLACHT_MAX_ATTACHMENT_MB", default_value_t = 10)]
    max_attachment_mb: usize,
    /// Days a complainant's status link keeps working after closing.
    #[arg(long, env = "KLACHT_STATUS_LINK_DAYS", default_value_t = 90)]
    status_link_days: u32,
    /// Submissions per client address per hour (the form, the public API and additions through a
    /// status link together).
    #[arg(long, env = "KLACHT_SUBMISSIONS_PER_HOUR", default_value_t = 30)]
    submissions_per_hour: u32,
    /// Additions a complainant may send through their status link, per complaint.
    #[arg(long, env = "KLACHT_ADDITIONS_PER_COMPLAINT", default_value_t = 20)]
    additions_per_complaint: u32,
    /// Megabytes of files a complainant may add through their status link, per complaint.
    #[arg(long, env = "KLACHT_ADDITION_MB_PER_COMPLAINT", default_value_t = 50)]
    addition_mb_per_complaint: u64,
    /// Seconds a client has to send a request's header; an idle kept-alive connection is closed
    /// after this time too.
    #[arg(long, env = "KLACHT_HEADER_TIMEOUT_SECS", default_value_t = 10)]
    header_timeout_secs: u64,
    /// Seconds a client has to send a request's body, plus one for every 8 kB received (a large
    /// upload over a slow line goes through; a trickle is cut off).
    #[arg(long, env = "KLACHT_BODY_TIMEOUT_SECS", default_value_t = 60)]
    body_timeout_secs: u64,
    /// Take the client address from the last entry of X-Forwarded-For. Only behind a reverse
    /// proxy that sets that header: without one, any client can choose its own address this way
    /// and so escape the flood limit of the form and status page and the throttling of sign-ins.
    #[arg(long, env = "KLACHT_TRUST_PROXY")]
    trust_proxy: bool,
    /// Send mail over SMTP (`smtp://host:port`, `smtps://user:pass@host:465`); without it every
    /// message is written as an .eml file to DATA/outbox.
    #[arg(long, env = "KLACHT_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The sender of letters; default: the profile's organisation e-mail address.
    #[arg(long, env = "KLACHT_MAIL_FROM")]
    mail_from: Option<String>,
    /// Letters answer to the sender's address with the complaint's reference as a plus-address
    /// (`klachten+2026-0042@…`); only for a mail server that delivers those to the mailbox.
    #[arg(long, env = "KLACHT_MAIL_REPLY_PLUS")]
    reply_plus: bool,
    /// Take mail in from this IMAP mailbox (`imaps://user:pass@host[:port][/FOLDER]`, or
    /// `imap://…?starttls=true`); replies join their dossier, the rest goes to the post tray.
    #[arg(long, env = "KLACHT_IMAP_URL", hide_env_values = true)]
    imap_url: Option<String>,
    /// What is done with a message once taken: `move:FOLDER` (made when missing) or `flag`
    /// (marked read and `$KlachtTaken`, left in place).
    #[arg(
        long,
        env = "KLACHT_IMAP_AFTER",
        default_value = "move:Klacht-verwerkt"
    )]
    imap_after: String,
    /// Extra certificate authorities (a PEM file) trusted for the IMAP server, e.g. an
    /// organisation's own.
    #[arg(long, env = "KLACHT_IMAP_CA")]
    imap_ca: Option<PathBuf>,
}

impl SiteArgs {
    /// The mailbox to take mail in from, if one is set.
    fn imap(&self) -> Result<Option<jobs::MailIn>> {
        let Some(url) = &self.imap_url else {
            return Ok(None);
        };
        let after = match self.imap_after.split_once(':') {
            Some(("move", folder)) if !folder.trim().is_empty() => {
                klacht_mail::imap::After::Move(folder.trim().to_owned())
            }
            None if self.imap_after == "flag" => klacht_mail::imap::After::Flag,
            _ => bail!(
                "--imap-after must be move:FOLDER or flag, not {:?}",
                self.imap_after
            ),
        };
        Ok(Some(jobs::MailIn {
            url: url.clone(),
            after,
            ca: self.imap_ca.clone(),
        }))
    }
}

impl SiteArgs {
    fn settings(&self, listen: &str) -> Result<klacht_web::Settings> {
        let public_url = self
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{listen}"));
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            bail!("--public-url must start with http:// or https://, not {public_url:?}");
        }
        if self.max_attachment_mb == 0 || self.max_attachment_mb > 100 {
            bail!("--max-attachment-mb must be between 1 and 100");
        }
        if self.submissions_per_hour == 0 {
            bail!("--submissions-per-hour must be at least 1");
        }
        for (flag, secs) in [
            ("--header-timeout-secs", self.header_timeout_secs),
            ("--body-timeout-secs", self.body_timeout_secs),
        ] {
            if !(1..=86_400).contains(&secs) {
                bail!("{flag} must be between 1 and 86400 (a day), not {secs}");
            }
        }
        for o in &self.cors_origins {
            if !(o.starts_with("http://") || o.starts_with("https://")) || o.ends_with('/') {
                bail!(
                    "a CORS origin looks like https://www.example.nl (no path, no trailing /), not {o:?}"
                );
            }
        }
        let mut s = klacht_web::Settings::new(public_url);
        s.cors_origins.clone_from(&self.cors_origins);
        s.max_attachments = self.max_attachments;
        s.max_attachment_bytes = self.max_attachment_mb * 1024 * 1024;
        s.status_link_days = self.status_link_days;
        s.submissions_per_hour = self.submissions_per_hour;
        s.additions_per_complaint = self.additions_per_complaint;
        s.addition_bytes_per_complaint = self.addition_mb_per_complaint.saturating_mul(1024 * 1024);
        s.header_timeout = std::time::Duration::from_secs(self.header_timeout_secs);
        s.body_timeout = std::time::Duration::from_secs(self.body_timeout_secs);
        s.trust_proxy = self.trust_proxy;
        Ok(s)
    }
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a staff account.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// coordinator, deputy, handler, staff, director, board, registrar, admin (repeatable).
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        /// Read a password from standard input (for signing in to the back office).
        #[arg(long)]
        password_stdin: bool,
        /// The profile `serve` runs with.
        #[arg(long, env = "KLACHT_PROFILE", default_value = "template")]
        profile: String,
    },
    /// Print a one-time link with which a locked-out user sets a new password (for the operator
    /// to pass on; the admin page only ever e-mails such a link to the user). It works once, for
    /// 7 days, and stops earlier links; setting the password ends the user's sessions. In the
    /// account log.
    ResetPassword {
        #[arg(long)]
        email: String,
        /// The address the site is reached at, as `serve` has it.
        #[arg(
            long,
            env = "KLACHT_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
        /// The profile `serve` runs with.
        #[arg(long, env = "KLACHT_PROFILE", default_value = "template")]
        profile: String,
    },
    /// Clear the user's second factor (TOTP) and its recovery codes, for someone who lost both:
    /// their sessions end, they set up a new one at their next sign-in, and are told by e-mail.
    /// In the account log.
    ResetSecondFactor {
        #[arg(long)]
        email: String,
        /// The profile `serve` runs with (the e-mail names the organisation).
        #[arg(long, env = "KLACHT_PROFILE", default_value = "template")]
        profile: String,
    },
}

#[derive(Subcommand)]
enum MailCommand {
    /// Take each FILE (one message each; standard input when none is given) into the intake:
    /// a reply to a letter or a bounce joins its dossier, the rest goes to the post tray. A
    /// message taken before is not taken again. Prints one line per message: the file, where
    /// it went, its id. Exit status 1 when a file could not be read or stored.
    Import {
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The address the site is reached at, as `serve` has it (for the notices' links).
        #[arg(
            long,
            env = "KLACHT_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
        /// The profile `serve` runs with.
        #[arg(long, env = "KLACHT_PROFILE", default_value = "template")]
        profile: String,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Print a new API token for a user.
    Create {
        #[arg(long)]
        email: String,
        /// The profile `serve` runs with.
        #[arg(long, env = "KLACHT_PROFILE", default_value = "template")]
        profile: String,
    },
}

#[derive(Subcommand)]
enum ProfileCommand {
    /// Check a profile file and explain every error with its line.
    Check { file: PathBuf },
    /// Print a built-in profile as TOML: template (a charity's model regulation), kjrw (the
    /// KJRW Leiden's), awb (a public body's, Awb chapter 9) or wkkgz (a care provider's, Wkkgz).
    Show {
        #[arg(default_value = "template")]
        name: String,
    },
    /// Adopt a version of the regulation from a profile file: checked as `check` checks it, then
    /// stored in the database, in force from its adoption date (00:00 Europe/Amsterdam) for
    /// every instance. A new database takes it as its first version.
    Import {
        file: PathBuf,
        /// The date it takes effect, instead of the file's `adopted_on` (YYYY-MM-DD).
        #[arg(long)]
        adopted_on: Option<String>,
        /// What changed, or the board's decision it records.
        #[arg(long)]
        note: Option<String>,
    },
    /// Print a stored version of the regulation as TOML: the one in force today, or VERSION (its
    /// number, as `GET /api/v1/regulation/versions` and the back office show it).
    Export { version: Option<i64> },
}

async fn known_user(app: &App, email: &str) -> Result<klacht_store::User> {
    match admin::by_email(app, email).await {
        Ok(user) => Ok(user),
        Err(AppError::NotFound { message, .. }) => {
            bail!("{message}; create one with `klacht user add`")
        }
        Err(e) => Err(app_error(e)),
    }
}

/// The public address the operator's commands assume when they are not told (`serve`'s default).
const DEFAULT_PUBLIC_URL: &str = "http://127.0.0.1:8080";

/// The application for an operator's command: the database, with `profile` recorded as `serve`
/// records it (once per version) so that what the command does is under the regulation in force.
async fn operator_app(cli: &Cli, profile: &str, public_url: &str) -> Result<App> {
    let (profile, source) = load_profile(profile)?;
    let store = Store::connect(&database_url(cli)?).await?;
    // An operator's command does not make the first version: only `serve` (or `profile import`)
    // does, so that `user add` before the first `serve --profile kjrw` leaves kjrw to be the first.
    let (profiles, _) =
        klacht_app::profiles::open(&store, profile, &source, false, jiff::Timestamp::now())
            .await
            .map_err(app_error)?;
    Ok(App::new(
        store,
        Arc::new(profiles),
        Arc::new(SystemClock),
        documents_dir(&cli.data),
        klacht_app::Config::new(public_url),
    )
    .with_outbox(outbox_dir(&cli.data)))
}

/// `klacht mail import`: each file (or standard input) as one message into the intake.
async fn mail_import(
    cli: &Cli,
    files: &[PathBuf],
    public_url: &str,
    profile: &str,
) -> Result<std::process::ExitCode> {
    use klacht_app::mail_in::{self, Incoming, Outcome};
    let app = operator_app(cli, profile, public_url)
        .await?
        .with_secret_key(secret_key(&cli.data)?);
    let mut inputs: Vec<(String, std::io::Result<Vec<u8>>)> = Vec::new();
    if files.is_empty() {
        let mut raw = Vec::new();
        let read = std::io::stdin().read_to_end(&mut raw).map(|_| raw);
        inputs.push(("-".to_owned(), read));
    } else {
        for f in files {
            inputs.push((f.display().to_string(), std::fs::read(f)));
        }
    }
    let mut failed = false;
    for (name, read) in inputs {
        let raw = match read {
            Ok(raw) => raw,
            Err(e) => {
                eprintln!("error: {name}: cannot read it: {e}");
                failed = true;
                continue;
            }
        };
        let incoming = Incoming {
            source: mail_in::IMPORTED.to_owned(),
            key: None,
            arrived_at: None,
            raw,
        };
        match mail_in::take(&app, incoming).await {
            Ok(outcome) => {
                let (what, reference) = match &outcome {
                    Outcome::Tray(_) => ("tray", None),
                    Outcome::Threaded(_, r) => ("threaded", Some(r.to_string())),
                    Outcome::Bounce(_, r) => ("bounce", r.as_ref().map(ToString::to_string)),
                    Outcome::Ignored(_) => ("ignored", None),
                    Outcome::Before(_) => ("taken-before", None),
                };
                println!(
                    "{name}\t{what}\t{}\t{}",
                    outcome.id(),
                    reference.unwrap_or_default()
                );
            }
            Err(e) => {
                eprintln!("error: {name}: {:#}", app_error(e));
                failed = true;
            }
        }
    }
    app.store.close().await;
    Ok(if failed {
        std::process::ExitCode::FAILURE
    } else {
        std::process::ExitCode::SUCCESS
    })
}

/// What the retention round removed besides complaints, one line per kind (tab-separated,
/// like the complaints above it), each by its period in the profile's `[retention]`.
fn print_purged(p: &klacht_app::privacy::Purged, dry_run: bool) {
    let verb = if dry_run { "would remove" } else { "removed" };
    let r = &p.rows;
    for (n, what) in [
        (r.sessions, "back-office sessions that ended"),
        (r.account_links, "setup and password links used or expired"),
        (r.api_tokens, "revoked API tokens"),
        (r.reads, "read-log lines past read_log_months"),
        (r.account_log, "account-log lines past account_log_months"),
        (r.notices, "staff notices past notice_days"),
        (r.mail, "mails that are not letters past mail_days"),
        (
            r.requests,
            "settled requests of data subjects past request_months",
        ),
        (p.mail_copies, "outbox copies (mail-*.eml) past mail_days"),
        (
            p.uploads,
            "stored files no dossier refers to, past upload_hours",
        ),
    ] {
        println!("{n}\t{verb}\t{what}");
    }
}

/// An application error as the command line says it: each field problem as the option it came
/// from (`--name contains a line break …`).
fn app_error(e: AppError) -> anyhow::Error {
    match e {
        AppError::Invalid(problems) => anyhow::anyhow!(
            problems
                .iter()
                .map(|p| match p.field.as_str() {
                    // The password's own words say what to do.
                    "password" | "password_again" => p.message.clone(),
                    "roles" => format!("--role: {}", p.message),
                    field => format!("--{field} {}", p.message),
                })
                .collect::<Vec<_>>()
                .join("\n")
        ),
        AppError::NotFound { message, .. } => anyhow::anyhow!(message),
        AppError::Refused(r) => anyhow::anyhow!(r.message(klacht_core::Lang::En).to_owned()),
        e => anyhow::anyhow!(klacht_app::with_sources(&e)),
    }
}

/// The key that seals the TOTP secrets: `KLACHT_SECRET_KEY` (hex or base64 of 32 bytes), or
/// DATA/secret.key, made on the first start.
fn secret_key(data: &Path) -> Result<SecretKey> {
    if let Ok(text) = std::env::var("KLACHT_SECRET_KEY") {
        return SecretKey::parse(&text).context("KLACHT_SECRET_KEY");
    }
    let path = data.join("secret.key");
    let (key, made) = SecretKey::load_or_create(&path)?;
    if made {
        tracing::warn!(
            path = %path.display(),
            "made a new secret key for the second factors: back it up apart from the database; without it every second factor must be set up again"
        );
    }
    Ok(key)
}

/// The database's URL; creates the data directory and SQLite's file (both private) when missing.
fn database_url(cli: &Cli) -> Result<String> {
    if let Some(url) = &cli.database {
        if let Some(path) = private::sqlite_path(url) {
            private::create_sqlite_file(&path)?;
        }
        return Ok(url.clone());
    }
    private::create_dir(&cli.data)?;
    let path = cli.data.join("klacht.db");
    private::create_sqlite_file(&path)?;
    Ok(format!("sqlite://{}", path.display()))
}

/// Where the database is, without creating anything.
fn database_target(cli: &Cli) -> ops::Target {
    match &cli.database {
        Some(url) => match private::sqlite_path(url) {
            Some(path) => ops::Target::Sqlite(path),
            None => ops::Target::Postgres(url.clone()),
        },
        None => ops::Target::Sqlite(cli.data.join("klacht.db")),
    }
}

/// The database to `what` (verify, back up), which must exist: a mistyped --data must not
/// check or back up a new empty database.
fn existing_database(cli: &Cli, what: &str) -> Result<ops::Target> {
    let target = database_target(cli);
    if let ops::Target::Sqlite(path) = &target
        && !path.is_file()
    {
        bail!(
            "there is no database at {} to {what}; give the data directory with --data (or \
             KLACHT_DATA), or the database with --database",
            path.display()
        );
    }
    Ok(target)
}

/// A built-in name or a file; returns the profile and its source text.
pub(crate) fn load_profile(name_or_file: &str) -> Result<(klacht_core::Profile, String)> {
    let source = match klacht_core::profile::builtin_source(name_or_file) {
        Some(s) => s.to_owned(),
        None => std::fs::read_to_string(name_or_file).with_context(|| {
            format!(
                "{name_or_file:?} is neither a built-in profile ({}) nor a readable file",
                klacht_core::profile::builtin_names()
            )
        })?,
    };
    match klacht_core::profile::parse(&source) {
        Ok(p) => Ok((p, source)),
        Err(errors) => {
            let list: Vec<String> = errors
                .iter()
                .map(|e| format!("  {name_or_file}: {e}"))
                .collect();
            bail!("the profile has errors:\n{}", list.join("\n"))
        }
    }
}

fn main() -> std::process::ExitCode {
    private_files();
    few_malloc_arenas();
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(start()),
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Whatever klacht or a library creates is for klacht's own user only (the data directory holds
/// personal data); where klacht creates files it also says so explicitly.
#[cfg(unix)]
#[allow(unsafe_code)] // one libc call without a safe wrapper in std (see SAFETY)
fn private_files() {
    // SAFETY: umask only sets the process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

#[cfg(not(unix))]
fn private_files() {}

/// glibc gives each thread that allocates its own arena, up to eight per core, and keeps what a
/// burst freed in each: an idle server then holds several megabytes it does not use. Two arenas
/// are plenty on the small machines klacht is made for. Must run before any thread starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)] // one libc call without a safe wrapper in std (see SAFETY)
fn few_malloc_arenas() {
    // SAFETY: mallopt only sets a malloc parameter; called once, before other threads exist.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn few_malloc_arenas() {}

async fn start() -> std::process::ExitCode {
    let mut filter = tracing_subscriber::EnvFilter::try_from_env("KLACHT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    // The IMAP client logs each command it sends at trace level, the LOGIN with its password
    // too: never below info, whatever KLACHT_LOG asks.
    if let Ok(quiet) = "async_imap=info".parse() {
        filter = filter.add_directive(quiet);
    }
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    match run(Cli::parse()).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<std::process::ExitCode> {
    match &cli.command {
        Command::Profile {
            command:
                ProfileCommand::Import {
                    file,
                    adopted_on,
                    note,
                },
        } => return profile_import(&cli, file, adopted_on.as_deref(), note.as_deref()).await,
        Command::Profile {
            command: ProfileCommand::Export { version },
        } => return profile_export(&cli, *version).await,
        Command::Profile { command } => return profile(command),
        Command::Mail {
            command:
                MailCommand::Import {
                    files,
                    public_url,
                    profile,
                },
        } => return mail_import(&cli, files, public_url, profile).await,
        Command::Serve {
            listen,
            profile,
            site,
        } => serve(&cli, listen, profile, site).await?,
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    name,
                    roles,
                    password_stdin,
                    profile,
                },
        } => {
            let mut set = BTreeSet::new();
            for r in roles {
                set.insert(Role::parse(r).with_context(|| {
                    format!("unknown role {r:?}; expected coordinator, deputy, handler, staff, director, board, registrar or admin")
                })?);
            }
            let password = if *password_stdin {
                let mut pw = String::new();
                std::io::stdin()
                    .read_to_string(&mut pw)
                    .context("reading the password")?;
                let pw = pw.trim_end_matches(['\n', '\r']).to_owned();
                // Typed once, on a terminal the operator sees.
                FirstPassword::Given(NewPassword {
                    again: pw.clone(),
                    password: pw,
                })
            } else {
                FirstPassword::Later
            };
            let app = operator_app(&cli, profile, DEFAULT_PUBLIC_URL).await?;
            let new = NewAccount {
                email: email.clone(),
                name: name.clone(),
                roles: set,
                password,
                mail_language: klacht_core::Lang::Nl,
            };
            let id = admin::add_user(&app, By::Operator, &new)
                .await
                .map_err(app_error)?;
            eprintln!("created user {id} <{}>", email.trim().to_lowercase());
        }
        Command::User {
            command:
                UserCommand::ResetPassword {
                    email,
                    public_url,
                    profile,
                },
        } => {
            if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
                bail!("--public-url must start with http:// or https://, not {public_url:?}");
            }
            let app = operator_app(&cli, profile, public_url).await?;
            let user = known_user(&app, email).await?;
            let link = admin::operator_password_link(&app, &user)
                .await
                .map_err(app_error)?;
            eprintln!(
                "a one-time link for {} <{}>: it works once, for {} days; earlier links no longer work",
                user.name,
                user.email,
                klacht_app::accounts::PASSWORD_LINK_DAYS
            );
            println!("{link}");
        }
        Command::User {
            command: UserCommand::ResetSecondFactor { email, profile },
        } => {
            let app = operator_app(&cli, profile, DEFAULT_PUBLIC_URL).await?;
            let user = known_user(&app, email).await?;
            admin::reset_second_factor(&app, By::Operator, &user)
                .await
                .map_err(app_error)?;
            eprintln!(
                "cleared the second factor of {} <{}>: they set up a new one at their next sign-in; an e-mail telling them is queued",
                user.name, user.email
            );
        }
        Command::Token {
            command: TokenCommand::Create { email, profile },
        } => {
            let app = operator_app(&cli, profile, DEFAULT_PUBLIC_URL).await?;
            let user = known_user(&app, email).await?;
            let token = klacht_app::accounts::tokens::create(&app, &user)
                .await
                .map_err(app_error)?;
            println!("{token}");
        }
        Command::Anonymise {
            reference,
            reason,
            profile,
        } => {
            let app = operator_app(&cli, profile, DEFAULT_PUBLIC_URL).await?;
            let at = klacht_app::privacy::anonymise_by_operator(&app, reference, reason)
                .await
                .map_err(app_error)?;
            eprintln!(
                "anonymised {reference} at {}: its personal data, documents, mail and status links are erased; the reference, dates, classification, outcome and timeline stay",
                klacht_core::calendar::amsterdam_datetime(at)
            );
        }
        Command::Retention {
            command:
                RetentionCommand::Run {
                    dry_run,
                    public_url,
                    profile,
                },
        } => {
            let app = operator_app(&cli, profile, public_url).await?;
            let round = klacht_app::privacy::round(&app, *dry_run)
                .await
                .map_err(app_error)?;
            let verb = if *dry_run {
                "would anonymise"
            } else {
                "anonymised"
            };
            for d in &round.anonymised {
                println!(
                    "{}\t{verb}\tended {}\tdue {}",
                    d.reference, d.ended_on, d.anonymised_on
                );
            }
            for (reference, why) in &round.failed {
                eprintln!("{reference}: not anonymised: {why}");
            }
            eprintln!(
                "{} {} complaint(s) whose retention period ran out",
                verb,
                round.anonymised.len()
            );
            print_purged(&round.purged, *dry_run);
            if !round.failed.is_empty() {
                bail!(
                    "{} complaint(s) could not be anonymised",
                    round.failed.len()
                );
            }
            if let Some(why) = &round.purged.failed {
                bail!("removing what is past its period stopped: {why}");
            }
        }
        Command::Verify { skip_documents } => {
            let db = existing_database(&cli, "verify")?;
            let documents = documents_dir(&cli.data);
            return ops::verify(&db.url(), (!skip_documents).then_some(documents.as_path())).await;
        }
        Command::Backup { to } => {
            let db = existing_database(&cli, "back up")?;
            return ops::backup(&db, &cli.data, to).await;
        }
        Command::Restore { from } => {
            return ops::restore(from, &cli.data, &database_target(&cli)).await;
        }
        Command::Demo {
            complaints,
            seed,
            profile,
        } => {
            let (profile, source) = load_profile(profile)?;
            let store = Store::connect(&database_url(&cli)?).await?;
            klacht_app::demo::run(&store, profile, &source, *complaints, *seed)
                .await
                .map_err(|e| anyhow::anyhow!(klacht_app::with_sources(&e)))?;
        }
        Command::BenchCeiling(CeilingCommand::Http { listen }) => ceiling::http(listen).await?,
        Command::BenchCeiling(CeilingCommand::Store {
            complaints,
            concurrency,
            profile,
        }) => {
            let (profile, source) = load_profile(profile)?;
            let store = Store::connect(&database_url(&cli)?).await?;
            ceiling::store(store, profile, &source, *complaints, *concurrency).await?;
        }
    }
    Ok(std::process::ExitCode::SUCCESS)
}

fn profile(command: &ProfileCommand) -> Result<std::process::ExitCode> {
    match command {
        ProfileCommand::Show { name } => match klacht_core::profile::builtin_source(name) {
            Some(src) => {
                print!("{src}");
                Ok(std::process::ExitCode::SUCCESS)
            }
            None => bail!(
                "no built-in profile {name:?}; the built-ins are: {}",
                klacht_core::profile::builtin_names()
            ),
        },
        ProfileCommand::Check { file } => {
            let source = std::fs::read_to_string(file)
                .with_context(|| format!("reading {}", file.display()))?;
            let errors = klacht_core::profile::check(&source);
            if errors.is_empty() {
                // It is a regulation klacht can run; whether it is the organisation's own is
                // another matter: the template's example details would show on every page.
                let examples = klacht_core::profile::parse(&source)
                    .map(|p| klacht_core::profile::example_details(&p))
                    .unwrap_or_default();
                for (key, value) in &examples {
                    println!(
                        "{}: warning: {key} is still the example's ({value}): fill in your organisation's own",
                        file.display()
                    );
                }
                if examples.is_empty() {
                    println!("{}: ok", file.display());
                } else {
                    println!(
                        "{}: ok, but with {} example detail(s) that the public pages and letters would show",
                        file.display(),
                        examples.len()
                    );
                }
                Ok(std::process::ExitCode::SUCCESS)
            } else {
                print_profile_errors(file, &errors);
                Ok(std::process::ExitCode::from(1))
            }
        }
        ProfileCommand::Import { .. } | ProfileCommand::Export { .. } => {
            bail!("import and export need the database")
        }
    }
}

/// A profile's errors as `FILE:LINE:COLUMN: path: message`, then their count.
fn print_profile_errors(file: &Path, errors: &[klacht_core::profile::ProfileError]) {
    for e in errors {
        println!(
            "{}:{}:{}: {}{}",
            file.display(),
            e.line,
            e.column,
            if e.path.is_empty() {
                String::new()
            } else {
                format!("{}: ", e.path)
            },
            e.message
        );
    }
    println!("{} error(s)", errors.len());
}

/// `klacht profile import FILE [--adopted-on DATE] [--note TEXT]`.
async fn profile_import(
    cli: &Cli,
    file: &Path,
    adopted_on: Option<&str>,
    note: Option<&str>,
) -> Result<std::process::ExitCode> {
    let source =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let date = match adopted_on {
        Some(d) => Some(d.parse::<jiff::civil::Date>().map_err(|_| {
            anyhow::anyhow!("--adopted-on must be a date like 2027-01-01, not {d:?}")
        })?),
        None => None,
    };
    // The errors as `profile check` gives them, with the lines of the file as it is.
    let set = match date {
        Some(d) => klacht_core::profile::versions::set_adopted_on(&source, d),
        None => Ok(source.clone()),
    };
    let errors = match &set {
        Ok(s) => klacht_core::profile::check(s),
        Err(e) => e.clone(),
    };
    if !errors.is_empty() {
        print_profile_errors(file, &errors);
        return Ok(std::process::ExitCode::from(1));
    }
    private::create_dir(&cli.data)?;
    let store = Store::connect(&database_url(cli)?).await?;
    // The database's versions; a new database the file's, for this run only (`import` stores it).
    let parsed = klacht_core::profile::parse(&source)
        .map_err(|_| anyhow::anyhow!("{} does not parse", file.display()))?;
    let (profiles, _) =
        klacht_app::profiles::open(&store, parsed, &source, false, jiff::Timestamp::now())
            .await
            .map_err(app_error)?;
    let app = App::new(
        store,
        Arc::new(profiles),
        Arc::new(SystemClock),
        documents_dir(&cli.data),
        klacht_app::Config::new(DEFAULT_PUBLIC_URL),
    );
    let imported = klacht_app::regulation::import(&app, None, &source, date, note)
        .await
        .map_err(app_error)?;
    let today = klacht_core::calendar::amsterdam_date(jiff::Timestamp::now());
    let when = if imported.adopted_on > today {
        "takes effect on"
    } else {
        "in force from"
    };
    if imported.created {
        eprintln!(
            "adopted version {}: {} {}, {when} {}",
            imported.id, imported.name, imported.version, imported.adopted_on
        );
    } else {
        eprintln!(
            "this text is version {} already ({} {}, {when} {}): nothing changed",
            imported.id, imported.name, imported.version, imported.adopted_on
        );
    }
    println!("{}", imported.id);
    Ok(std::process::ExitCode::SUCCESS)
}

/// `klacht profile export [VERSION]`.
async fn profile_export(cli: &Cli, version: Option<i64>) -> Result<std::process::ExitCode> {
    let db = existing_database(cli, "export from")?;
    let store = Store::connect(&db.url()).await?;
    let profiles = klacht_app::Profiles::load(&store)
        .await
        .map_err(app_error)?;
    let id = match version {
        Some(v) => v,
        None => {
            profiles
                .in_force_on(klacht_core::calendar::amsterdam_date(jiff::Timestamp::now()))
                .id
        }
    };
    let source = store
        .profile_source(id)
        .await?
        .with_context(|| format!("there is no version {id} of the regulation"))?;
    print!("{source}");
    Ok(std::process::ExitCode::SUCCESS)
}

async fn serve(cli: &Cli, listen: &str, profile_arg: &str, site: &SiteArgs) -> Result<()> {
    let (profile, source) = load_profile(profile_arg)?;
    let settings = site.settings(listen)?;
    private::create_dir(&cli.data)?;
    let url = database_url(cli)?;
    // A data directory made before klacht kept it private, or by hand.
    private::tighten_data(&cli.data, private::sqlite_path(&url).as_deref());
    let store = Store::connect(&url).await?;
    let key = profile.key();
    let (profiles, opened) =
        klacht_app::profiles::open(&store, profile, &source, true, jiff::Timestamp::now())
            .await
            .map_err(app_error)?;
    let today = klacht_core::calendar::amsterdam_date(jiff::Timestamp::now());
    let in_force = profiles.in_force_on(today).profile.key();
    match opened {
        klacht_app::profiles::Opened::Ignored => tracing::warn!(
            given = %key,
            in_force = %in_force,
            "--profile is not used: the database holds the regulation's versions, and this is not one of them. \
             Adopt it with `klacht profile import FILE [--adopted-on DATE]` or on the back office's regulation pages"
        ),
        klacht_app::profiles::Opened::Seeded => {
            tracing::info!(profile = %key, "the regulation's first version, adopted")
        }
        _ => {}
    }
    tracing::info!(profile = %in_force, "regulation profile in force");
    let state = AppState::new(
        store.clone(),
        Arc::new(profiles),
        Arc::new(SystemClock),
        documents_dir(&cli.data),
        settings,
    )
    .with_secret_key(secret_key(&cli.data)?)
    .with_outbox(outbox_dir(&cli.data));
    let sealed = klacht_app::accounts::seal_second_factors(&state)
        .await
        .map_err(app_error)?;
    if sealed.sealed > 0 {
        tracing::info!(
            count = sealed.sealed,
            "sealed second-factor secrets stored in plain text"
        );
    }
    if !sealed.unreadable.is_empty() {
        tracing::error!(
            users = ?sealed.unreadable.iter().map(|u| u.0).collect::<Vec<_>>(),
            "second-factor secrets that this key does not open (another key?): these users cannot sign in until `klacht user reset-second-factor`"
        );
    }
    let mailer = klacht_mail::Mailer::from_config(site.smtp_url.as_deref(), outbox_dir(&cli.data))
        .context("configuring outgoing mail (KLACHT_SMTP_URL)")?;
    let sender = mail_sender(site, &state)?;
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("listening on {listen}"))?;
    tracing::info!("klacht serves on http://{}", listener.local_addr()?);
    // First start: the one way in is a one-time link that sets the organisation up and creates
    // the first coordinator.
    if let Some(link) = klacht_app::accounts::first_start_link(&state)
        .await
        .map_err(app_error)?
    {
        println!(
            "klacht has no users yet. Open this link once to set your organisation up and create \
             the first coordinator (it works for 24 hours; restarting prints a new one):\n\n    {link}\n"
        );
    }
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    // Each job under a supervisor: a panic or an unexpected end is logged, shown by /readyz, and
    // the job starts again.
    let mailer = Arc::new(mailer);
    let delivery = tokio::spawn(jobs::supervise(
        jobs::MAIL_JOB,
        state.jobs.clone(),
        jobs::MAIL_SILENT_AFTER,
        stop_rx.clone(),
        {
            let (store, wake, health, stop) = (
                store.clone(),
                state.mail_notify.clone(),
                state.jobs.clone(),
                stop_rx.clone(),
            );
            move || {
                jobs::deliver_mail(
                    store.clone(),
                    mailer.clone(),
                    sender.clone(),
                    wake.clone(),
                    health.clone(),
                    stop.clone(),
                )
            }
        },
    ));
    let mail_in = site.imap()?.map(|settings| {
        tokio::spawn(jobs::supervise(
            jobs::MAIL_IN_JOB,
            state.jobs.clone(),
            jobs::MAIL_IN_SILENT_AFTER,
            stop_rx.clone(),
            {
                let (state, stop) = (state.clone(), stop_rx.clone());
                move || jobs::take_mail_in(state.clone(), settings.clone(), stop.clone())
            },
        ))
    });
    let deadlines = tokio::spawn(jobs::supervise(
        jobs::DEADLINE_JOB,
        state.jobs.clone(),
        jobs::DEADLINE_SILENT_AFTER,
        stop_rx.clone(),
        {
            let (state, stop) = (state.clone(), stop_rx);
            move || jobs::watch_deadlines(state.clone(), jobs::DEADLINE_PERIOD, stop.clone())
        },
    ));
    klacht_web::serve(listener, state, shutdown()).await;
    // In-flight requests have finished; let the sender finish the message in hand, then the
    // database.
    let _ = stop_tx.send(true);
    let _ = delivery.await;
    let _ = deadlines.await;
    if let Some(mail_in) = mail_in {
        let _ = mail_in.await;
    }
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// The From of letters, as it is when a round of mail starts: the organisation's name (of the
/// regulation in force) with `--mail-from`, or its e-mail address; while that is still the
/// example organisation's (and no `--mail-from` is given), letters to be sent over SMTP wait.
fn mail_sender(site: &SiteArgs, state: &AppState) -> Result<jobs::SenderNow> {
    if let Some(f) = &site.mail_from
        && !f.contains('@')
    {
        bail!("--mail-from {f:?} is not an e-mail address");
    }
    let host = klacht_app::delivery::mail_domain(&state.settings.public_url);
    let mail_from = site.mail_from.clone();
    let smtp = site.smtp_url.is_some();
    let app = state.app.clone();
    let thread_key = klacht_app::delivery::thread_key(&app.secret_key);
    let reply_plus = site.reply_plus;
    Ok(Arc::new(move || {
        // A version adopted elsewhere is followed also while no request comes in.
        app.profiles
            .follow(&app.store, klacht_app::profiles::FOLLOW_EVERY);
        let loaded = app.regulation();
        let org = &loaded.profile.organisation;
        let email = match (&mail_from, &org.email) {
            (Some(f), _) => f.clone(),
            (None, Some(e)) if !e.trim().is_empty() => {
                // Over SMTP a letter leaves; into the `.eml` outbox (trying klacht out) it does not.
                if let Some(example) = loaded.example_sender().filter(|_| smtp) {
                    return Err(format!(
                        "the regulation in force still has the example address {example}: adopt a version with the organisation's own (or give --mail-from)"
                    ));
                }
                e.clone()
            }
            _ => format!("klachten@{host}"),
        };
        Ok(jobs::Sender {
            from: klacht_mail::Address::new(org.name.clone(), email),
            domain: host.clone(),
            thread_key,
            reply_plus,
        })
    }))
}

pub(crate) fn documents_dir(data: &Path) -> PathBuf {
    data.join("documents")
}

/// Where the `.eml` outbox writes when no SMTP server is configured.
fn outbox_dir(data: &Path) -> PathBuf {
    data.join("outbox")
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
    tracing::info!("shutting down: finishing requests in flight");
}
