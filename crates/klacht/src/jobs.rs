//! Background jobs of `klacht serve`.
//!
//! Deadlines: every [`DEADLINE_PERIOD`] (and at start) the handler of each complaint whose
//! running deadline ends by the next working day, or has passed, is told so — with no handler,
//! the acting coordinators ([`klacht_web::notices::deadline_round`]). Each deadline and due date
//! is told once, however often the round runs and on however many instances. The same job
//! tells the register's reminders (the January annual report, the yearly evaluation:
//! [`klacht_web::reminders::register_round`]), each once. And at most every [`SWEEP_EVERY`] it
//! removes stored documents that no dossier refers to once they are older than the profile's
//! `retention.upload_hours` ([`klacht_web::documents::sweep`]).
//!
//! Delivery of the mail queue: letters are queued in the same transaction as the step that
//! calls for them; this job sends them through the [`Mailer`] (the `.eml` outbox or SMTP). A
//! failed send is retried with growing pauses and is never dropped, also not across a restart:
//! the queue is in the database, and a message whose sender died comes back when its lease ends.
//! With several instances on one PostgreSQL database, the lease makes each message go out once.
//!
//! No job dies silently: each runs under [`supervise`], which logs a panic or an unexpected end,
//! marks the job down for `/readyz` and starts it again. A message that cannot be built or sent
//! fails alone, with its reason on the dossier, and delivery goes on with the next.

use jiff::Timestamp;
use klacht_app::delivery;
pub use klacht_app::delivery::Sender;
use klacht_mail::Mailer;
use klacht_store_any::Store;
use klacht_web::AppState;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Notify, watch};

/// Memory is given back after mail work at most this often.
const TRIM_EVERY: Duration = Duration::from_secs(10);
/// After being woken by new mail, wait this long for more before claiming: a burst of new
/// complaints then goes out in a few rounds instead of one round per complaint. A letter leaves
/// at most this much later.
const LINGER: Duration = Duration::from_millis(200);
/// The longest pause between rounds, also when nothing seems due (another instance may queue).
const IDLE: Duration = Duration::from_secs(30);

/// Gives memory that a burst of work freed back to the system. glibc keeps freed pages inside
/// its heaps for reuse; after a deadline round or a burst of mail that is tens of megabytes an
/// idle server holds for nothing.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)] // one libc call without a safe wrapper in std (see SAFETY)
fn trim_freed_memory() {
    // SAFETY: malloc_trim only returns free pages of malloc's heaps to the kernel; it takes
    // malloc's own locks and may be called from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn trim_freed_memory() {}

/// The shortest and longest pause before a job that stopped is started again.
const RESTART_FIRST: Duration = Duration::from_secs(1);
const RESTART_MAX: Duration = Duration::from_secs(300);

/// Runs the job `make` starts until `stop` turns true. When it panics or ends while it should
/// run, that is logged as an error, the job is marked down for `/readyz`, and after a pause (one
/// second, doubling to five minutes while it keeps failing soon after starting) it is started
/// again. `silent_after`: how long the job may go without finishing a round before `/readyz`
/// counts it as hung.
pub async fn supervise<F, Fut>(
    name: &'static str,
    jobs: Arc<klacht_web::health::Jobs>,
    silent_after: Duration,
    mut stop: watch::Receiver<bool>,
    make: F,
) where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let mut pause = RESTART_FIRST;
    loop {
        jobs.started(name, silent_after);
        let began = std::time::Instant::now();
        let outcome = tokio::spawn(make()).await;
        if *stop.borrow() {
            break;
        }
        let why = match outcome {
            Ok(()) => "it ended on its own".to_owned(),
            Err(e) => klacht_app::delivery::panic_text(e),
        };
        tracing::error!(job = name, error = %why, pause_secs = pause.as_secs(), "background job stopped; restarting it");
        jobs.failed(name, why);
        if began.elapsed() > RESTART_MAX {
            pause = RESTART_FIRST;
        }
        tokio::select! {
            () = tokio::time::sleep(pause) => {}
            _ = stop.changed() => break,
        }
        pause = (pause * 2).min(RESTART_MAX);
    }
}

/// Runs until `stop` turns true; finishes the message in hand first. Each round is reported to
/// `jobs` (as "mail").
/// Who letters come from now: `Err` with the reason while they must wait (the regulation in force
/// still has the example organisation's address).
pub type SenderNow = Arc<dyn Fn() -> Result<Sender, String> + Send + Sync>;

/// How often a queue held back by an example sender address looks whether it may go.
const HELD_LOOK_EVERY: Duration = Duration::from_secs(3);
/// How often a queue held back by an example sender address is said in the log.
const HELD_WARNING_EVERY: Duration = Duration::from_secs(600);

pub async fn deliver_mail(
    store: Store,
    mailer: Arc<Mailer>,
    sender_now: SenderNow,
    wake: Arc<Notify>,
    jobs: Arc<klacht_web::health::Jobs>,
    mut stop: watch::Receiver<bool>,
) {
    tracing::info!(mailer = %mailer.describe(), "mail delivery started");
    // Now that this instance runs, mail waiting from before goes at once (here rather than
    // before serving: with a long queue this takes seconds, and the site should be up).
    let waiting = delivery::retry_waiting(&store).await;
    if waiting > 0 {
        tracing::info!(waiting, "mail waiting from before the restart is tried now");
    }
    let mut trimmed = std::time::Instant::now();
    let mut warned: Option<std::time::Instant> = None;
    loop {
        if *stop.borrow() {
            break;
        }
        jobs.beat(MAIL_JOB);
        let sender = match sender_now() {
            Ok(s) => s,
            Err(why) => {
                // Nothing leaves from an example address: the letters stay queued, and go once
                // the organisation's own address is adopted.
                if warned.is_none_or(|at: std::time::Instant| at.elapsed() >= HELD_WARNING_EVERY) {
                    tracing::warn!(reason = %why, "letters wait: they are not sent from an example address");
                    warned = Some(std::time::Instant::now());
                }
                tokio::select! {
                    () = tokio::time::sleep(HELD_LOOK_EVERY) => {}
                    _ = stop.changed() => {}
                }
                continue;
            }
        };
        let claimed = delivery::round(&store, &mailer, &sender, || *stop.borrow()).await;
        if claimed == usize::try_from(delivery::BATCH).unwrap_or(usize::MAX) {
            continue;
        }
        let pause = match delivery::next_due(&store).await {
            Some(at) => Timestamp::now()
                .duration_until(at)
                .try_into()
                .unwrap_or(Duration::ZERO)
                .min(IDLE),
            None => IDLE,
        };
        if claimed > 0 && trimmed.elapsed() >= TRIM_EVERY {
            // The queue is (nearly) empty after work: a good moment to give memory back.
            trim_freed_memory();
            trimmed = std::time::Instant::now();
        }
        tokio::select! {
            () = wake.notified() => {
                tokio::select! {
                    () = tokio::time::sleep(LINGER) => {}
                    _ = stop.changed() => {}
                }
            }
            () = tokio::time::sleep(pause) => {}
            _ = stop.changed() => {}
        }
    }
    tracing::info!("mail delivery stopped");
}

/// The jobs' names, as `/readyz` and the log give them.
pub const MAIL_JOB: &str = "mail";
pub const MAIL_IN_JOB: &str = "mail-in";
/// The mailbox is looked at (or waited on with IDLE) at least this often.
const MAIL_IN_WAIT: Duration = Duration::from_secs(60);
/// The longest pause before connecting again after a fault.
const MAIL_IN_RETRY_MAX: Duration = Duration::from_secs(300);
/// A round at least every [`MAIL_IN_WAIT`]; hung after several missed.
pub const MAIL_IN_SILENT_AFTER: Duration = Duration::from_secs(15 * 60);
pub const DEADLINE_JOB: &str = "deadlines";
/// How long each may go without a round before `/readyz` counts it as hung: generous, so that a
/// slow mail server (each send may take its time-out) does not take the site out of service.
pub const MAIL_SILENT_AFTER: Duration = Duration::from_secs(3600);
pub const DEADLINE_SILENT_AFTER: Duration = Duration::from_secs(3 * 15 * 60 + 300);

/// How often the deadlines are looked at. A deadline is told by the working day before, so a
/// quarter of an hour is prompt enough; the round reads only what is due.
pub const DEADLINE_PERIOD: Duration = Duration::from_secs(15 * 60);

/// How often the documents directory is swept for files no dossier refers to.
pub const SWEEP_EVERY: Duration = Duration::from_secs(3600);

/// Removes stored documents no dossier refers to (older than the grace); logs what it did.
async fn sweep_documents(state: &AppState) {
    // The regulation's period for files no dossier refers to (`retention.upload_hours`).
    let grace = klacht_app::privacy::upload_grace(state);
    match klacht_web::documents::sweep(&state.documents, &state.store, grace).await {
        Ok(swept) if swept.files > 0 => tracing::info!(
            files = swept.files,
            bytes = swept.bytes,
            "removed stored documents that no dossier refers to"
        ),
        Ok(_) => {}
        // Tried again next time; nothing is lost by waiting.
        Err(e) => tracing::warn!(error = %e, "sweeping the documents directory failed"),
    }
}

/// The retention round (K8, T10): anonymises what the regulation's period says is due; logs
/// what it did. Once a day, on the first deadline round of the day (Europe/Amsterdam). Whether
/// the round ran (a complaint that failed alone is tried again tomorrow; a round that failed as a
/// whole at the next deadline round).
async fn retention_round(state: &AppState) -> bool {
    // Mail in kept only briefly (automatic replies, bounces, not a complaint): gone at its time.
    match klacht_app::mail_in::clean_up(state).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(
            messages = n,
            "mail in: deleted messages past retention.mail_days"
        ),
        Err(e) => {
            tracing::warn!(error = %klacht_app::with_sources(&e), "mail in: deleting old messages failed; tried again tomorrow")
        }
    }
    match klacht_app::privacy::round(state, false).await {
        Ok(round) => {
            if !round.anonymised.is_empty() {
                let references: Vec<String> = round
                    .anonymised
                    .iter()
                    .map(|d| d.reference.to_string())
                    .collect();
                tracing::info!(count = references.len(), references = %references.join(" "), "anonymised complaints whose retention period ran out");
            }
            if !round.failed.is_empty() {
                tracing::error!(
                    count = round.failed.len(),
                    "complaints due for anonymisation could not be anonymised; tried again tomorrow"
                );
            }
            let p = &round.purged;
            let (rows, files) = (p.rows.total(), p.mail_copies + p.uploads);
            if rows + files > 0 {
                tracing::info!(
                    sessions = p.rows.sessions,
                    account_links = p.rows.account_links,
                    api_tokens = p.rows.api_tokens,
                    reads = p.rows.reads,
                    account_log = p.rows.account_log,
                    notices = p.rows.notices,
                    mail = p.rows.mail,
                    requests = p.rows.requests,
                    mail_copies = p.mail_copies,
                    uploads = p.uploads,
                    "removed what was past its retention period"
                );
            }
            true
        }
        Err(e) => {
            tracing::error!(error = %klacht_app::with_sources(&e), "the retention round failed; tried again at the next deadline round");
            false
        }
    }
}

/// Runs a deadline round at once and then every `period`, until `stop` turns true.
pub async fn watch_deadlines(state: AppState, period: Duration, mut stop: watch::Receiver<bool>) {
    tracing::info!(every_secs = period.as_secs(), "deadline reminders started");
    let mut swept: Option<std::time::Instant> = None;
    // The day the retention round last finished (Europe/Amsterdam).
    let mut retained: Option<jiff::civil::Date> = None;
    loop {
        if *stop.borrow() {
            break;
        }
        state.jobs.beat(DEADLINE_JOB);
        state
            .profiles
            .follow(&state.store, klacht_app::profiles::FOLLOW_EVERY);
        let today = klacht_core::calendar::amsterdam_date(state.clock.now());
        if retained != Some(today) && retention_round(&state).await {
            retained = Some(today);
        }
        if swept.is_none_or(|at| at.elapsed() >= SWEEP_EVERY) {
            swept = Some(std::time::Instant::now());
            sweep_documents(&state).await;
        }
        match klacht_web::notices::deadline_round(&state).await {
            Ok(round) if round.written > 0 => {
                tracing::info!(
                    complaints = round.complaints,
                    notices = round.written,
                    "deadline reminders written"
                );
            }
            Ok(_) => {}
            Err(e) => {
                // Told next round: the dedupe key makes a retry harmless.
                tracing::warn!(error = %klacht_app::with_sources(&e), "deadline round failed");
            }
        }
        match klacht_app::desk::reminder_round(&state).await {
            Ok(n) if n > 0 => tracing::info!(
                notices = n,
                "reminders of requests of data subjects written"
            ),
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %klacht_app::with_sources(&e), "reminders of requests of data subjects failed")
            }
        }
        match klacht_web::reminders::register_round(&state).await {
            Ok(n) if n > 0 => tracing::info!(notices = n, "register reminders written"),
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(error = %klacht_app::with_sources(&e), "register reminders failed")
            }
        }
        state.store.release_memory().await;
        trim_freed_memory();
        tokio::select! {
            () = tokio::time::sleep(period) => {}
            _ = stop.changed() => {}
        }
    }
    tracing::info!("deadline reminders stopped");
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use klacht_core::procedure::{Complainant, Complaint, Ctx, NewComplaint, register};
    use klacht_core::{Calendar, Channel, Lang, Role, UserId};
    use klacht_store::{NewRecord, NewUser};
    use klacht_web::{FixedClock, Profiles, Settings};

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    /// A complaint through the web form, received at `at`.
    fn web_complaint(at: Timestamp, name: &str, email: &str, description: &str) -> NewComplaint {
        NewComplaint {
            channel: Channel::Web,
            received_at: at,
            received_by: None,
            received_where: None,
            concerns: None,
            relation: None,
            complainant: Complainant {
                name: name.into(),
                email: Some(email.into()),
                ..Complainant::default()
            },
            on_behalf_of: None,
            description: description.into(),
            language: Lang::Nl,
            resolved_directly: None,
            documents: Vec::new(),
        }
    }

    /// A store with the template, a coordinator, and a web complaint of Friday 1 May 2026
    /// (answer due Monday 11 May), stored without follow-up.
    async fn world(dir: &std::path::Path) -> (AppState, Arc<FixedClock>, UserId) {
        let store = Store::connect(&format!("sqlite://{}", dir.join("k.db").display()))
            .await
            .unwrap();
        let source = klacht_core::profile::builtin_source("template").unwrap();
        let profile = klacht_core::profile::parse(source).unwrap();
        let received = at("2026-05-01T09:00:00+02:00");
        let profile_id = store
            .register_profile(&profile, source, received)
            .await
            .unwrap();
        let coordinator = store
            .create_user(
                &NewUser {
                    email: "c@x.nl".into(),
                    name: "Carla".into(),
                    roles: [Role::Coordinator].into_iter().collect(),
                    password_hash: None,
                },
                received,
            )
            .await
            .unwrap();
        let calendar = Calendar::new(&profile.calendar);
        let org = store.org().await.unwrap();
        let ctx = Ctx {
            profile: &profile,
            calendar: &calendar,
            org: &org,
            now: received,
        };
        let new = web_complaint(
            received,
            "Jan Jansen",
            "jan@example.nl",
            "Niet teruggebeld.",
        );
        let events = register(&ctx, None, new).unwrap();
        let state = Complaint::replay(&events).unwrap();
        store
            .create_complaint(NewRecord {
                profile_id,
                events,
                state,
            })
            .await
            .unwrap();
        let clock = Arc::new(FixedClock::new(received));
        let state = AppState::new(
            store,
            Arc::new(Profiles::new(profile_id, profile)),
            clock.clone(),
            dir.join("documents"),
            Settings::new("http://klacht.test"),
        );
        (state, clock, coordinator)
    }

    async fn kinds(store: &Store, user: UserId) -> Vec<String> {
        let mut k: Vec<String> = store
            .notices(user, None, 50)
            .await
            .unwrap()
            .into_iter()
            .map(|n| n.kind)
            // The register's reminders (the regulation is due for evaluation) run beside.
            .filter(|k| !k.ends_with("_due"))
            .collect();
        k.reverse();
        k
    }

    /// Waits (a few seconds at most) until `user` has `n` notices.
    async fn until(store: &Store, user: UserId, n: usize) {
        for _ in 0..300 {
            if kinds(store, user).await.len() >= n {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("{n} notices expected, found {:?}", kinds(store, user).await);
    }

    #[tokio::test]
    async fn t05_the_job_tells_the_deadline_the_working_day_before_and_once_passed_once_each() {
        let dir = tempfile::tempdir().unwrap();
        let (state, clock, coordinator) = world(dir.path()).await;
        let store = state.store.clone();
        // Friday 8 May: the answer is due on the next working day, Monday 11 May.
        clock.set(at("2026-05-08T09:00:00+02:00"));
        let (stop_tx, stop_rx) = watch::channel(false);
        let period = Duration::from_millis(20);
        let job = tokio::spawn(watch_deadlines(state, period, stop_rx));
        until(&store, coordinator, 1).await;
        // Many rounds later: still told once.
        tokio::time::sleep(period * 10).await;
        assert_eq!(kinds(&store, coordinator).await, ["deadline_tomorrow"]);
        // Tuesday 12 May: passed.
        clock.set(at("2026-05-12T09:00:00+02:00"));
        until(&store, coordinator, 2).await;
        tokio::time::sleep(period * 10).await;
        assert_eq!(
            kinds(&store, coordinator).await,
            ["deadline_tomorrow", "overdue"]
        );
        // One e-mail each.
        let later = at("2026-05-13T09:00:00+02:00");
        let mail = store
            .claim_mail(later, jiff::SignedDuration::from_mins(1), 50)
            .await
            .unwrap();
        let mail: Vec<_> = mail.into_iter().filter(|m| m.reference.is_some()).collect();
        let subjects: Vec<&str> = mail.iter().map(|m| m.subject.as_str()).collect();
        assert_eq!(
            subjects,
            [
                "Klacht 2026-0001: termijn 'Beantwoording' verloopt op 11 mei 2026",
                "Klacht 2026-0001: termijn 'Beantwoording' is verstreken",
            ]
        );
        assert!(mail.iter().all(|m| m.to == "c@x.nl"));
        // It stops when told to.
        stop_tx.send(true).unwrap();
        tokio::time::timeout(Duration::from_secs(5), job)
            .await
            .unwrap()
            .unwrap();
    }

    #[tokio::test]
    async fn a_job_that_panics_is_marked_down_logged_and_started_again() {
        let health = Arc::new(klacht_web::health::Jobs::default());
        let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (stop_tx, stop_rx) = watch::channel(false);
        let job = tokio::spawn(supervise(
            "proef",
            health.clone(),
            Duration::from_secs(60),
            stop_rx.clone(),
            {
                let (runs, stop) = (runs.clone(), stop_rx);
                move || {
                    let (runs, mut stop) = (runs.clone(), stop.clone());
                    async move {
                        if runs.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 {
                            panic!("een fout in de eerste ronde");
                        }
                        let _ = stop.changed().await;
                    }
                }
            },
        ));
        // Down between the panic and the restart a second later.
        let mut seen_down = false;
        for _ in 0..300 {
            let problems = health.problems();
            if problems.iter().any(|p| {
                p == "background job proef is down (panicked: een fout in de eerste ronde); it is being restarted"
            }) {
                seen_down = true;
            }
            if runs.load(std::sync::atomic::Ordering::SeqCst) == 2 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert!(seen_down, "readiness showed the job down");
        assert_eq!(
            runs.load(std::sync::atomic::Ordering::SeqCst),
            2,
            "started again"
        );
        let status = health.status("proef").unwrap();
        assert!(status.running);
        assert_eq!(status.restarts, 1);
        assert!(health.problems().is_empty());
        stop_tx.send(true).unwrap();
        tokio::time::timeout(Duration::from_secs(5), job)
            .await
            .unwrap()
            .unwrap();
    }

    #[tokio::test]
    async fn the_deadline_job_removes_an_old_document_no_dossier_refers_to() {
        let dir = tempfile::tempdir().unwrap();
        let (state, _, _) = world(dir.path()).await;
        let orphan = klacht_web::documents::store(&state.documents, b"%PDF-1.4 nobody's")
            .await
            .unwrap();
        let path = klacht_web::documents::path_of(&state.documents, &orphan);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(std::time::SystemTime::now() - Duration::from_secs(25 * 3600))
            .unwrap();
        let (stop_tx, stop_rx) = watch::channel(false);
        let job = tokio::spawn(watch_deadlines(state, Duration::from_secs(60), stop_rx));
        for _ in 0..500 {
            if !path.exists() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert!(
            !path.exists(),
            "the orphan is removed in the job's first round"
        );
        stop_tx.send(true).unwrap();
        job.await.unwrap();
    }
}

/// The mailbox mail is taken in from (`KLACHT_IMAP_URL`).
#[derive(Clone)]
pub struct MailIn {
    pub url: String,
    pub after: klacht_mail::imap::After,
    pub ca: Option<std::path::PathBuf>,
}

/// Takes mail in from the mailbox until `stop` turns true (issue 17): each new message is
/// claimed in the database by the mailbox, its UIDVALIDITY and UID (so that with several
/// instances, or after a crash between taking and marking, it is taken once), sent where it
/// belongs ([`klacht_app::mail_in::take`]) and then moved or flagged on the server. Between
/// rounds it waits with IDLE where the server has it. A fault (the server or the database away)
/// is logged and reported to `/readyz`; the job connects again after a pause that grows to five
/// minutes, and a message whose taking failed stays on the server for the next round.
pub async fn take_mail_in(state: AppState, settings: MailIn, mut stop: watch::Receiver<bool>) {
    use klacht_app::mail_in::{self, Incoming};
    use klacht_mail::imap::Mailbox;
    let mut pause = Duration::from_secs(1);
    while !*stop.borrow() {
        state.jobs.beat(MAIL_IN_JOB);
        let mut mailbox = match Mailbox::connect(&settings.url, settings.ca.as_deref()).await {
            Ok(m) => m,
            Err(e) => {
                tracing::error!(error = %e, retry_secs = pause.as_secs(), "mail in: cannot reach the mailbox");
                state.jobs.failed(MAIL_IN_JOB, e.to_string());
                tokio::select! {
                    () = tokio::time::sleep(pause) => {}
                    _ = stop.changed() => {}
                }
                pause = (pause * 2).min(MAIL_IN_RETRY_MAX);
                continue;
            }
        };
        let source = mailbox.describe();
        tracing::info!(mailbox = %source, idle = mailbox.has_idle(), "mail in: connected");
        'rounds: while !*stop.borrow() {
            state.jobs.beat(MAIL_IN_JOB);
            let fetched = match mailbox.fetch_new().await {
                Ok(f) => f,
                Err(e) => {
                    tracing::error!(mailbox = %source, error = %e, "mail in: reading the mailbox failed; connecting again");
                    state.jobs.failed(MAIL_IN_JOB, e.to_string());
                    break 'rounds;
                }
            };
            let full = fetched.len() >= klacht_mail::imap::FETCH_BATCH;
            for f in fetched {
                let incoming = Incoming {
                    source: source.clone(),
                    key: Some(format!("{}:{}", f.uid_validity, f.uid)),
                    arrived_at: None,
                    raw: f.raw,
                };
                match mail_in::take(&state, incoming).await {
                    Ok(mail_in::Outcome::Before(id)) => {
                        // Another instance claimed it and is marking it now, or died before it
                        // could: only in the second case (a claim older than a round) is it
                        // marked here, so that the folder gets one copy.
                        if !mail_in::claim_abandoned(&state, id).await {
                            continue;
                        }
                    }
                    Ok(outcome) => {
                        tracing::debug!(uid = f.uid, ?outcome, "mail in: taken");
                    }
                    Err(e) => {
                        // Left on the server: taken at the next round, once the database answers.
                        tracing::error!(uid = f.uid, error = %klacht_app::with_sources(&e), "mail in: could not take a message; it stays in the mailbox");
                        state.jobs.failed(MAIL_IN_JOB, klacht_app::with_sources(&e));
                        break 'rounds;
                    }
                }
                if let Err(e) = mailbox.taken(f.uid, &settings.after).await {
                    // Claimed in the database already: the next round marks it without taking
                    // it again.
                    tracing::error!(uid = f.uid, error = %e, "mail in: could not mark a message taken on the server");
                    state.jobs.failed(MAIL_IN_JOB, e.to_string());
                    break 'rounds;
                }
            }
            pause = Duration::from_secs(1);
            if full {
                continue;
            }
            tokio::select! {
                woke = mailbox.idle_or_wait(MAIL_IN_WAIT) => {
                    if let Err(e) = woke {
                        tracing::warn!(error = %e, "mail in: waiting for new mail failed; connecting again");
                        break 'rounds;
                    }
                }
                _ = stop.changed() => break 'rounds,
            }
        }
        if *stop.borrow() {
            let _ = mailbox.logout().await;
            break;
        }
        tokio::select! {
            () = tokio::time::sleep(pause) => {}
            _ = stop.changed() => {}
        }
        pause = (pause * 2).min(MAIL_IN_RETRY_MAX);
    }
    tracing::info!("mail in stopped");
}
