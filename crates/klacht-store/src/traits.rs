//! What the rest of klacht asks of a store, one trait per concern, so that each backend can be
//! an implementation of its own (issue 14, item 7; see `architecture.md`, "The stores").
//!
//! Two implementations stand behind every trait: `klacht-store-sqlite`'s `SqliteStore` and
//! `klacht-store-postgres`'s `PgStore`, each implementing them by its inherent methods of the
//! same names; `klacht-store-any`'s `Store` (what klacht-app, klacht-web and the binary hold)
//! picks one at start and hands each call to it. The contract suite (`crates/klacht-store/tests`)
//! runs through the traits only, on both, so each backend is held to the same tests. [`Stores`]
//! is all of them together.

use crate::outbox::FollowUp;
use crate::{
    AccountLink, Action, ActionChange, Actor, AuditEntry, Backend, Counts, Cursor, Dossier,
    DueComplaint, Evaluation, LinkPurpose, ListFilter, MailOutcome, MailStatus, NewEvaluation,
    NewMail, NewNotice, NewRecord, NewSession, NewUser, Notice, Page, PgSnapshot, PurgedRows,
    QueuedMail, Recommendation, ReportKind, ReportText, Scope, SealReport, SecretKey, Session,
    SessionTimes, Sort, StatusLink, StoreError, Unreadable, User, Verification,
};
use crate::{LogEntry, NewRequest, Stored, SubjectRequest, VersionRow, VersionState};
use crate::{MailIn, MailInState, NewMailIn, SentLetter, Settle, Taken};
use crate::{Publication, TextReview};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use klacht_core::periods::Cutoffs;
use klacht_core::procedure::{Complaint, Event, Org};
use klacht_core::reports::{Period, RecommendationLine, ReportInput};
use klacht_core::{Lang, Profile, Reference, UserId};
use std::collections::HashSet;
use std::future::Future;
use std::path::Path;
use std::sync::Arc;

/// Every concern of the store: what a backend provides.
pub trait Stores:
    ComplaintStore
    + AccountStore
    + OutboxStore
    + NotificationStore
    + RegisterStore
    + ReportStore
    + DocumentStore
    + RetentionStore
    + DeskStore
    + ProfileStore
    + OpsStore
    + MailInStore
    + PublicationStore
    + Clone
    + 'static
{
}

impl<T> Stores for T where
    T: ComplaintStore
        + AccountStore
        + OutboxStore
        + NotificationStore
        + RegisterStore
        + ReportStore
        + DocumentStore
        + RetentionStore
        + DeskStore
        + ProfileStore
        + OpsStore
        + MailInStore
        + PublicationStore
        + Clone
        + 'static
{
}

/// The dossiers: new complaints (committed in groups), appending events to a hash-chained log,
/// loading, verifying a chain, the log of who read a dossier, and the lists.
pub trait ComplaintStore: Send + Sync {
    /// Stores a new complaint and gives it the next reference of its year.
    fn create_complaint(
        &self,
        rec: NewRecord,
    ) -> impl Future<Output = Result<(i64, Reference), StoreError>> + Send;
    /// Stores a new complaint with what follows from it (letters that name its reference, their
    /// mail, a status link), all in one transaction. `follow` gets the new reference and the
    /// state after the complaint's own events; it may be called more than once (when the group
    /// it was committed with failed, it is tried again alone), so it must not count on running
    /// once.
    ///
    /// Returns once the complaint is durable. Complaints arriving while another group is being
    /// written are committed together, with one fsync (the group commit of `sql/group.rs`).
    fn create_complaint_with<F>(
        &self,
        rec: NewRecord,
        follow: F,
    ) -> impl Future<Output = Result<(i64, Reference), StoreError>> + Send
    where
        F: FnMut(&Reference, &Complaint) -> Result<FollowUp, StoreError> + Send + 'static;
    /// Stores several new complaints in one transaction (one fsync), in order.
    fn create_complaints(
        &self,
        recs: Vec<NewRecord>,
    ) -> impl Future<Output = Result<Vec<(i64, Reference)>, StoreError>> + Send;
    /// Appends events to a complaint read at `expected_version`, and updates its projection to
    /// `state`, in one transaction. Fails with [`StoreError::Conflict`] if someone else appended
    /// in between; nothing is written then.
    fn append(
        &self,
        id: i64,
        expected_version: u64,
        events: &[Event],
        state: &Complaint,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// [`ComplaintStore::append`] with what follows from the step: its letters' events (applied to
    /// `state` here), their mail and status links, in the same transaction.
    fn append_with(
        &self,
        id: i64,
        expected_version: u64,
        events: &[Event],
        state: &Complaint,
        follow: &FollowUp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// [`ComplaintStore::append_with`] for several complaints in one transaction (a step that
    /// joins or links two complaints): all are written, or none. [`StoreError::Conflict`] when
    /// any of them changed since it was read.
    fn append_each(
        &self,
        steps: &[crate::Append<'_>],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Loads a complaint with its whole timeline.
    fn load(
        &self,
        reference: &Reference,
    ) -> impl Future<Output = Result<Option<Dossier>, StoreError>> + Send;
    /// Loads several complaints with their whole timelines at once, in the order asked; a
    /// reference not there is left out.
    fn load_many(
        &self,
        references: &[Reference],
    ) -> impl Future<Output = Result<Vec<Dossier>, StoreError>> + Send;
    /// Recomputes a complaint's hash chain. `Ok(None)` if intact, else the first bad position.
    fn verify_chain(
        &self,
        reference: &Reference,
    ) -> impl Future<Output = Result<Option<i64>, StoreError>> + Send;
    /// Records that `user` opened the dossier (K8).
    /// Returns once the entry is durable; entries arriving together share a commit.
    fn log_read(
        &self,
        id: i64,
        user: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Who opened a dossier, newest first, `limit` at most.
    fn reads(
        &self,
        id: i64,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<(UserId, Timestamp)>, StoreError>> + Send;
    /// A page of complaints, by keyset: stable and fast however deep the page.
    fn list(
        &self,
        scope: Scope,
        filter: &ListFilter,
        sort: Sort,
        after: Option<&Cursor>,
        limit: u32,
    ) -> impl Future<Output = Result<Page, StoreError>> + Send;
}

/// Staff accounts: users and their roles, API tokens, sessions, set-password and setup links,
/// second factors, calendar addresses, and the account log.
pub trait AccountStore: Send + Sync {
    fn create_user(
        &self,
        new: &NewUser,
        now: Timestamp,
    ) -> impl Future<Output = Result<UserId, StoreError>> + Send;
    /// [`AccountStore::create_user`] by `by` (an administrator, the operator), recorded in the
    /// account log with the roles given, in the same transaction.
    fn create_user_by(
        &self,
        new: &NewUser,
        by: crate::Actor,
        now: Timestamp,
    ) -> impl Future<Output = Result<UserId, StoreError>> + Send;
    fn user_by_email(
        &self,
        email: &str,
    ) -> impl Future<Output = Result<Option<User>, StoreError>> + Send;
    fn user(&self, id: UserId) -> impl Future<Output = Result<Option<User>, StoreError>> + Send;
    fn users(&self) -> impl Future<Output = Result<Vec<User>, StoreError>> + Send;
    /// Every user, as read at most a second (`RECENT`) ago or since the last change made through this
    /// store. For the public intake, which needs the staff for every complaint (whom to tell):
    /// under load one read a second instead of one per complaint. What another instance
    /// changes shows within the second.
    fn recent_users(&self) -> impl Future<Output = Result<Arc<Vec<User>>, StoreError>> + Send;
    /// The staff as the procedure engine sees them.
    fn org(&self) -> impl Future<Output = Result<Org, StoreError>> + Send;
    /// Marks someone absent or present (T17: the deputy acts while the coordinator is absent).
    fn set_absent(
        &self,
        user: UserId,
        absent: bool,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Creates an API token for `user` and returns it. Only its hash is stored.
    fn create_token(
        &self,
        user: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<String, StoreError>> + Send;
    /// The user a (not revoked) token belongs to.
    fn user_by_token(
        &self,
        token: &str,
    ) -> impl Future<Output = Result<Option<User>, StoreError>> + Send;
    /// Starts a session for `user`.
    fn create_session(
        &self,
        user: UserId,
        pending_totp: bool,
        times: SessionTimes,
        now: Timestamp,
    ) -> impl Future<Output = Result<NewSession, StoreError>> + Send;
    /// The live session with this token, if any, and keeps it alive (idle timeout). Sessions of
    /// deactivated users are not live.
    fn session(
        &self,
        token: &str,
        times: SessionTimes,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<Session>, StoreError>> + Send;
    /// Ends one session (signing out).
    fn end_session(&self, token: &str) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Ends every session of `user` (new password, deactivated, reset second factor).
    fn end_sessions_of(&self, user: UserId)
    -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Removes sessions that ended, and used or expired links.
    fn purge_expired(&self, now: Timestamp)
    -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// The user sets a new password (an argon2id PHC string) themselves; ends their sessions.
    fn set_password(
        &self,
        user: UserId,
        hash: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// The user's TOTP secret (base32), if they enrolled one: `Err(Unreadable)` inside when it
    /// was sealed with another key (or altered). A secret from before sealing is read as it is.
    fn totp_secret(
        &self,
        user: UserId,
        key: &SecretKey,
    ) -> impl Future<Output = Result<Option<Result<String, Unreadable>>, StoreError>> + Send;
    /// The user enrols a second factor: `secret` (base32) is stored sealed with `key`, and
    /// recorded in the account log.
    fn enrol_totp(
        &self,
        user: UserId,
        secret: &str,
        key: &SecretKey,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Clears the user's second factor, by themselves (removed, where their roles do not need
    /// one) or by someone else (reset: they enrol again at the next sign-in). A reset also ends
    /// their sessions. Recorded in the account log.
    fn clear_totp(
        &self,
        user: UserId,
        by: Actor,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Seals every TOTP secret still stored in plain text (from before sealing), and lists the
    /// users whose sealed secret does not open with `key`. Run at every start.
    fn seal_totp_secrets(
        &self,
        key: &SecretKey,
    ) -> impl Future<Output = Result<SealReport, StoreError>> + Send;
    /// Records that the TOTP code of time step `step` was used; false when that step (or a later
    /// one) was used before, so a code cannot be replayed.
    fn use_totp_step(
        &self,
        user: UserId,
        step: u64,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// Replaces the user's recovery codes with `codes` (made plain): only their SHA-256 is
    /// stored; the old codes stop working. In the account log. A new or cleared second factor
    /// removes them ([`AccountStore::enrol_totp`], [`AccountStore::clear_totp`]).
    fn set_recovery_codes(
        &self,
        user: UserId,
        codes: &[String],
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Uses one of the user's recovery codes: it works once. `Some` with how many are left when
    /// it was one of theirs and unused (in the account log), `None` otherwise.
    fn use_recovery_code(
        &self,
        user: UserId,
        code: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<u64>, StoreError>> + Send;
    /// How many unused recovery codes the user has.
    fn recovery_codes_left(
        &self,
        user: UserId,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Activates or deactivates an account, by `by`, recorded in the account log. Deactivating
    /// ends its sessions and revokes its API tokens and its calendar feed; activating again
    /// brings none of them back.
    fn set_active(
        &self,
        user: UserId,
        active: bool,
        by: Actor,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Replaces the user's name and roles, by `by`; a change of roles is recorded in the account
    /// log. Nobody changes their own roles (`Invalid` on `roles`): otherwise an administrator
    /// could make themselves coordinator and read every dossier.
    fn update_user_details(
        &self,
        user: UserId,
        name: &str,
        roles: &std::collections::BTreeSet<klacht_core::Role>,
        by: Actor,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// The language of the user's notifications.
    fn set_language(
        &self,
        user: UserId,
        lang: Lang,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Makes a new secret calendar-feed token for `user` (the old feed URL stops working).
    fn new_calendar_token(
        &self,
        user: UserId,
    ) -> impl Future<Output = Result<String, StoreError>> + Send;
    /// Stops the user's calendar feed.
    fn revoke_calendar_token(
        &self,
        user: UserId,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Whether the user has a calendar feed.
    fn has_calendar(&self, user: UserId) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// The (active) user whose calendar feed this token opens.
    fn user_by_calendar_token(
        &self,
        token: &str,
    ) -> impl Future<Output = Result<Option<User>, StoreError>> + Send;
    /// Whether any account exists (the setup link works only while none does).
    fn has_users(&self) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// Makes a one-time link token, good for `ttl`. A new setup link replaces older ones; a new
    /// password link replaces the user's older ones.
    fn create_account_link(
        &self,
        user: Option<UserId>,
        purpose: LinkPurpose,
        ttl: SignedDuration,
        now: Timestamp,
    ) -> impl Future<Output = Result<String, StoreError>> + Send;
    /// A new set-your-password link for `user`, made by `by` (replacing the user's older ones),
    /// recorded in the account log.
    fn create_password_link(
        &self,
        user: UserId,
        by: Actor,
        ttl: SignedDuration,
        now: Timestamp,
    ) -> impl Future<Output = Result<String, StoreError>> + Send;
    /// The link with this token, if it is unused and unexpired.
    fn account_link(
        &self,
        token: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<AccountLink>, StoreError>> + Send;
    /// Uses the setup link: creates the first account, in one transaction with spending the
    /// link, and only while no account exists. `NotFound` when the link is not (or no longer)
    /// good.
    fn use_setup_link(
        &self,
        token: &str,
        new: &crate::NewUser,
        now: Timestamp,
    ) -> impl Future<Output = Result<UserId, StoreError>> + Send;
    /// Uses a password link: sets the user's password in one transaction with spending the link,
    /// and ends their sessions. Returns the user. `NotFound` when the link is not good.
    fn use_password_link(
        &self,
        token: &str,
        password_hash: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<UserId, StoreError>> + Send;
    /// The account log, newest first: up to `limit` lines older than line `before` (all when
    /// `None`).
    fn account_audit(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<AuditEntry>, StoreError>> + Send;
}

/// The mail queue: claiming with a lease, marking sent or failed, retrying, and what each letter of
/// a dossier came to; the complainants' status links.
pub trait OutboxStore: Send + Sync {
    /// Claims up to `limit` messages that are due, for `lease` (nobody else sends them
    /// meanwhile). Each claim counts as an attempt.
    fn claim_mail(
        &self,
        now: Timestamp,
        lease: jiff::SignedDuration,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<QueuedMail>, StoreError>> + Send;
    /// Gives back claims that were not tried (a sender that stops): due again at once, and the
    /// claim no longer counts as an attempt.
    fn release_mail(&self, ids: &[i64]) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// The message was delivered: its body goes (the dossier keeps the letter).
    fn mail_sent(
        &self,
        id: i64,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// The attempt failed: try again at `retry_at`, or (`None`) give up for good.
    fn mail_failed(
        &self,
        id: i64,
        at: Timestamp,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Records how the sends of a batch went, in one transaction.
    fn record_mail(
        &self,
        outcomes: &[MailOutcome],
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Makes every waiting message due now (at start-up: an operator who restarts after fixing
    /// the mail settings expects mail to flow, not a backoff). Leases stay: another instance may
    /// be sending right now. Returns how many messages wait.
    fn retry_waiting_mail(
        &self,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// When the next queued message is due, if any (so the sender can sleep until then).
    fn next_mail_due(&self) -> impl Future<Output = Result<Option<Timestamp>, StoreError>> + Send;
    /// The delivery of every letter of a complaint, by letter event.
    fn mail_status(
        &self,
        complaint_id: i64,
    ) -> impl Future<Output = Result<Vec<MailStatus>, StoreError>> + Send;
    /// The status link with this token hash, revoked or not.
    fn status_link(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = Result<Option<StatusLink>, StoreError>> + Send;
}

/// Staff notices and the deadline round: notices with their dedupe keys, mail queued for staff, and
/// the complaints with a deadline due.
pub trait NotificationStore: Send + Sync {
    /// Writes notices outside a step (the deadline job). Returns how many were new.
    fn notify(
        &self,
        complaint_id: Option<i64>,
        reference: Option<&Reference>,
        notices: &[NewNotice],
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Queues one message that belongs to no complaint (an account invitation).
    fn enqueue_mail(
        &self,
        m: &NewMail,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// A user's notices, newest first, `limit` at most, older than notice `before` if given.
    fn notices(
        &self,
        user: UserId,
        before: Option<i64>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Notice>, StoreError>> + Send;
    /// How many of the user's notices are unread.
    fn unread_notices(&self, user: UserId) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Marks the user's notices read: one (`Some(id)`) or all.
    fn mark_notices_read(
        &self,
        user: UserId,
        id: Option<i64>,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// The complaints whose next running deadline is due on or before `by`, most urgent first,
    /// `limit` at most, after the cursor of the previous page ([`DueComplaint::cursor`]).
    /// Reads the projection through its `next_due` index: only complaints due by then are
    /// touched, however many the database holds. (`next_due` is set only while a deadline runs,
    /// that is while the complaint awaits its decision: no status condition is needed, and one
    /// would lead SQLite to the status index instead.)
    fn due_by(
        &self,
        by: Date,
        after: Option<(Date, i64)>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<DueComplaint>, StoreError>> + Send;
    /// Which of these dedupe keys are taken already: lets a job that finds the same deadlines
    /// every round skip what it told before without a write.
    fn known_dedupes(
        &self,
        keys: &[String],
    ) -> impl Future<Output = Result<HashSet<String>, StoreError>> + Send;
}

/// The recommendations register (T14), the evaluations of the regulation (T16) and the texts
/// written for the reports (T13, T15).
pub trait RegisterStore: Send + Sync {
    /// Proposes a recommendation (T14). Returns its id.
    fn create_recommendation(
        &self,
        title: &str,
        text: &str,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;
    /// Every recommendation, newest first, with its complaints and actions.
    fn recommendations(
        &self,
    ) -> impl Future<Output = Result<Vec<Recommendation>, StoreError>> + Send;
    /// One recommendation.
    fn recommendation(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<Recommendation>, StoreError>> + Send;
    /// Links complaints, by reference, to a recommendation. All or nothing: an unknown
    /// reference is an error naming it (`complaints`), and nothing is linked. Linking one that
    /// is linked already changes nothing. Returns how many were new.
    fn link_complaints(
        &self,
        id: i64,
        references: &[String],
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// The directors' decision (T14): adopts or rejects a proposed recommendation, with the
    /// reason. A recommendation is decided once: deciding one that is not proposed (also when
    /// two decide at once) is [`StoreError::WrongState`].
    fn decide_recommendation(
        &self,
        id: i64,
        adopt: bool,
        reason: &str,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Adds an improvement action to an adopted recommendation. Returns its id.
    fn add_action(
        &self,
        recommendation: i64,
        description: &str,
        owner: UserId,
        due: Date,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;
    /// One improvement action.
    fn action(&self, id: i64) -> impl Future<Output = Result<Option<Action>, StoreError>> + Send;
    /// Changes an action; records who and when, and when its status last changed.
    fn update_action(
        &self,
        id: i64,
        change: &ActionChange,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<Action, StoreError>> + Send;
    /// The owner's actions not done or cancelled that are due on or before `by`, earliest due
    /// first (the dashboard: overdue ones and those due soon).
    fn pending_actions_due_by(
        &self,
        owner: UserId,
        by: Date,
    ) -> impl Future<Output = Result<Vec<Action>, StoreError>> + Send;
    /// The owner's overdue actions: not done or cancelled, and due before `today`.
    fn overdue_actions(
        &self,
        owner: UserId,
        today: Date,
    ) -> impl Future<Output = Result<Vec<Action>, StoreError>> + Send;
    /// Records an evaluation of the regulation (T16). Returns its id.
    fn record_evaluation(
        &self,
        e: &NewEvaluation,
        now: Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;
    /// Every evaluation, the latest evaluated first.
    fn evaluations(&self) -> impl Future<Output = Result<Vec<Evaluation>, StoreError>> + Send;
    /// The day of the latest evaluation, if any.
    fn latest_evaluation_on(&self)
    -> impl Future<Output = Result<Option<Date>, StoreError>> + Send;
    /// Writes the coordinator's text for a report; the latest written is the one in force.
    fn write_report_text(
        &self,
        kind: ReportKind,
        period: Period,
        text: &str,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// The text in force for a report: the latest written for exactly this kind and period.
    fn report_text(
        &self,
        kind: ReportKind,
        period: Period,
    ) -> impl Future<Output = Result<Option<ReportText>, StoreError>> + Send;
    /// The register as a report over `period` shows it (see the definition in
    /// `klacht_core::reports`): the recommendations made on or before the period's last day
    /// that were made or decided in the period, are still proposed, have an action still to be
    /// carried out, or have an action whose status changed in the period. Oldest first. With
    /// names and references; the annual report strips them ([`klacht_core::reports::Report::anonymise`]).
    fn report_register(
        &self,
        period: Period,
        as_of: Date,
    ) -> impl Future<Output = Result<Vec<RecommendationLine>, StoreError>> + Send;
}

/// The counted rows the reports are computed from (T13, T15).
pub trait ReportStore: Send + Sync {
    /// What the reports count for `period` (see `klacht_core::reports` for the definitions):
    /// the complaints received in it, by channel and form, relation, flags (sensitive,
    /// escalation, severity) and categories; decisions in it by outcome; the number open at its
    /// end; the deadlines of the complaints received in it by due day, day met and whether they
    /// still run; the late deadlines (the earliest due first, up to twice
    /// [`LATE_LIST_MAX`](klacht_core::reports::LATE_LIST_MAX) per deadline of `deadline_ids`); and the exceptional complaints
    /// (sensitive, escalated to the board, or of a severity in `very_serious`) with the latest
    /// summary written for the report. `as_of` is the day the report is made.
    ///
    /// The counts come from `report_received`, `report_deadlines` (per day of receipt) and
    /// `report_decided` (per hour of decision), which triggers keep in the transaction that
    /// writes the projection, whatever path writes it: a report reads rows per day and value,
    /// not per complaint. The late list reads `report_late` and the index on `next_due`.
    fn report_input(
        &self,
        period: Period,
        as_of: Date,
        deadline_ids: &[String],
        very_serious: &[String],
    ) -> impl Future<Output = Result<ReportInput, StoreError>> + Send;
    /// What [`klacht_core::reports::summary`] needs of a period (the previous one, for
    /// comparison): the counts of [`ReportStore::report_input`], without the lists that name
    /// complaints and without the months.
    fn summary_input(
        &self,
        period: Period,
        as_of: Date,
        deadline_ids: &[String],
        very_serious: &[String],
    ) -> impl Future<Output = Result<ReportInput, StoreError>> + Send;
}

/// Which stored documents the dossiers refer to.
pub trait DocumentStore: Send + Sync {
    /// The content address (SHA-256, hex) of every document a dossier that is not anonymised
    /// refers to.
    fn referenced_documents(
        &self,
    ) -> impl Future<Output = Result<HashSet<String>, StoreError>> + Send;
}

/// Retention (K8, T10): what the daily round looks at; anonymising itself is an `anonymised`
/// event appended like any other ([`ComplaintStore::append_with`] erases the personal data in
/// the same transaction).
pub trait RetentionStore: Send + Sync {
    /// Complaints that ended (closed or withdrawn) before `ended_before`, not anonymised, not
    /// held back; the longest ended first, after `after` in that order, `limit` at most.
    fn retention_candidates(
        &self,
        ended_before: Timestamp,
        after: Option<&Reference>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Reference>, StoreError>> + Send;
    /// Complaints held back from anonymisation, oldest first, `limit` at most.
    fn held_complaints(
        &self,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Reference>, StoreError>> + Send;
    /// Rewrites what may still hold erased values in the database's files (full-text segments,
    /// the write-ahead log, dead rows).
    fn scrub(&self) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Removes what is past its period at `cutoffs` (sessions that ended, used or expired
    /// links, revoked API tokens, old lines of the read log and the account log, old staff
    /// notices that no round could write again, old mail that is not a letter), and returns how
    /// many rows of each went; with `dry_run` only counts them. In batches, each its own short
    /// transaction, so the intake is not kept waiting behind a large first purge.
    fn purge_past_periods(
        &self,
        cutoffs: &Cutoffs,
        dry_run: bool,
    ) -> impl Future<Output = Result<PurgedRows, StoreError>> + Send;
    /// The staff notices' mail about a complaint (not letters) sent before `mail_before`, as
    /// (id, reference): what their outbox copies are named by. `limit` at most, after id
    /// `after`, in id order. Read before [`RetentionStore::purge_past_periods`] removes them.
    fn notice_mail_past(
        &self,
        mail_before: Timestamp,
        after: i64,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<(i64, String)>, StoreError>> + Send;
}

/// The data-subject desk (AVG art. 12, 15, 16, 17): requests and what was done about them.
pub trait DeskStore: Send + Sync {
    /// Registers a request with its first log entry; its id.
    fn create_request(
        &self,
        r: &NewRequest,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;
    /// Open requests (due first first), then settled ones (latest first); `limit` at most.
    fn requests(
        &self,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<SubjectRequest>, StoreError>> + Send;
    /// One request with its log.
    fn request(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<SubjectRequest>, StoreError>> + Send;
    /// Extends an open request once; `false` when extended or settled already.
    fn extend_request(
        &self,
        id: i64,
        due_on: Date,
        reason: &str,
        by: UserId,
        at: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// Settles an open request; `false` when settled already.
    fn complete_request(
        &self,
        id: i64,
        outcome: &str,
        by: UserId,
        at: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// Adds an entry to a request's log.
    fn log_request(
        &self,
        id: i64,
        entry: &LogEntry,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
}

/// The regulation profiles in force, each version kept with its source.
pub trait ProfileStore: Send + Sync {
    /// Records this profile version (by content) if new; returns its id.
    fn register_profile(
        &self,
        profile: &Profile,
        source: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;
    /// Stores a version (by content) as a draft or adopted; the same text stored before keeps
    /// its id (and a draft of it is adopted when `state` says so).
    fn store_version(
        &self,
        profile: &Profile,
        source: &str,
        state: VersionState,
        by: Option<UserId>,
        note: Option<&str>,
        now: Timestamp,
    ) -> impl Future<Output = Result<Stored, StoreError>> + Send;
    /// Adopts draft `id` with its text as it now reads (its adoption date set).
    fn adopt_draft(
        &self,
        id: i64,
        profile: &Profile,
        source: &str,
        by: Option<UserId>,
        note: Option<&str>,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Deletes draft `id`; `false` when there is no such draft.
    fn discard_draft(&self, id: i64) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// Deletes adopted version `id` when the operator stored it, nobody adopted it in the back
    /// office and no complaint was handled under it (the example a new installation starts
    /// with, once the organisation set up its own); `false` otherwise.
    fn retire_unused_seed(&self, id: i64) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// Every stored profile version, oldest first.
    fn profile_ids(&self) -> impl Future<Output = Result<Vec<i64>, StoreError>> + Send;
    /// Every stored version without its text, oldest first.
    fn versions(&self) -> impl Future<Output = Result<Vec<VersionRow>, StoreError>> + Send;
    /// One stored version without its text.
    fn version(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<VersionRow>, StoreError>> + Send;
    /// The TOML source of a stored profile version.
    fn profile_source(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send;
}

/// Operating the database: health for /readyz, counts and verification for `klacht verify`,
/// backups, and housekeeping.
pub trait OpsStore: Send + Sync {
    fn backend(&self) -> Backend;
    /// SQLite: caps how large the database may grow, in pages of 4 KiB (`PRAGMA
    /// max_page_count`); a write that needs more fails as it would on a full disk. `None` lifts
    /// the cap. Takes effect from the next write. For proving what happens when the disk is
    /// full without filling one; PostgreSQL ignores it.
    fn limit_sqlite_pages(&self, pages: Option<u64>);
    /// Whether the database takes a write (for `/readyz`): a row of `health` is written and
    /// committed, so a full disk or a read-only database shows, not only one that is away.
    fn check_writable(&self, now: Timestamp)
    -> impl Future<Output = Result<(), StoreError>> + Send;
    /// Whether the database answers (for `/readyz`).
    fn ping(&self) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// After a bulk load: PostgreSQL's planner learns the new sizes now instead of at the next
    /// autovacuum (the reports' counting queries depend on it), and the tables are vacuumed now,
    /// so that index-only scans work and autovacuum does not descend on a million fresh rows
    /// while the first users work. SQLite plans without statistics; nothing to do there.
    fn analyze(&self) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// After a burst of work (a deadline round): SQLite's idle connections give back the pages
    /// they cached; they read them again when needed. Connections in use are left alone.
    /// PostgreSQL keeps its cache in the server; nothing to do there.
    fn release_memory(&self) -> impl Future<Output = ()> + Send;
    /// Finishes outstanding work and closes the connections.
    fn close(&self) -> impl Future<Output = ()> + Send;
    /// Checks every complaint's hash chain and personal-data digests (T12), in batches of
    /// [`VERIFY_BATCH`](crate::VERIFY_BATCH), and lists every complaint that does not verify with its first broken
    /// event. Safe while the server runs: each batch reads one consistent moment.
    fn verify_all(&self) -> impl Future<Output = Result<Verification, StoreError>> + Send;
    /// [`OpsStore::verify_all`] with `batch` complaints per batch (at least 1).
    fn verify_all_in_batches(
        &self,
        batch: u32,
    ) -> impl Future<Output = Result<Verification, StoreError>> + Send;
    /// How many complaints, events and users the database holds now.
    fn counts(&self) -> impl Future<Output = Result<Counts, StoreError>> + Send;
    /// SQLite: writes a consistent copy of the database to `to` (`VACUUM INTO`: one read
    /// transaction, writers go on meanwhile), as a single file (rollback journal, not WAL),
    /// and returns what the copy holds. `to` must not exist or be an empty file.
    fn copy_sqlite_into(
        &self,
        to: &Path,
    ) -> impl Future<Output = Result<Counts, StoreError>> + Send;
    /// PostgreSQL: opens a snapshot that `pg_dump --snapshot` can share, and counts in it.
    fn pg_snapshot(&self) -> impl Future<Output = Result<PgSnapshot, StoreError>> + Send;
}

/// Mail in (issue 17): each message taken once, the post tray, and the letters a reply or a
/// bounce names.
pub trait MailInStore: Send + Sync {
    /// Takes a message in: `New` when nobody took it before (the claim is its source and key),
    /// `Before` with the earlier one's id when it was taken already (by another instance, an
    /// earlier run that died before it marked the message on the server, a second import).
    fn take_mail(
        &self,
        m: &NewMailIn,
        now: Timestamp,
    ) -> impl Future<Output = Result<Taken, StoreError>> + Send;
    /// A message taken in, with what is kept of it as received.
    fn mail_in(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<(MailIn, Vec<u8>)>, StoreError>> + Send;
    /// The messages in `state`, oldest first, at most `limit`.
    fn mail_in_state(
        &self,
        state: MailInState,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<MailIn>, StoreError>> + Send;
    /// How many messages are in `state` (by the index on the state).
    fn count_mail_in(
        &self,
        state: MailInState,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// Moves a message from `from` to where `settle` says; `false` when it was not in `from`
    /// (someone else dealt with it first).
    fn settle_mail(
        &self,
        id: i64,
        from: MailInState,
        settle: &Settle,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// Deletes the messages whose `delete_after` has passed; how many.
    fn delete_expired_mail(
        &self,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;
    /// The letter queued as outbox message `outbox_id`, if it was a letter of a complaint.
    fn sent_letter(
        &self,
        outbox_id: i64,
    ) -> impl Future<Output = Result<Option<SentLetter>, StoreError>> + Send;
    /// Marks outbox message `outbox_id` as come back, with the reason; `false` when there is no
    /// such message.
    fn mark_bounced(
        &self,
        outbox_id: i64,
        reason: &str,
        at: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
}

/// Publishing the annual report (issue 18; T15, Awb 9:12a): reviews of its free texts and the
/// publications of a year.
pub trait PublicationStore: Send + Sync {
    /// Records the review of one free text of `year`'s annual report, as the text with digest
    /// `text_hash`; replaces an earlier review of the same item.
    fn review_text(
        &self,
        year: i16,
        item: &str,
        text_hash: &str,
        fit: bool,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;
    /// The reviews of `year`'s texts, by item.
    fn text_reviews(
        &self,
        year: i16,
    ) -> impl Future<Output = Result<Vec<TextReview>, StoreError>> + Send;
    /// Publishes `year` with `report` (its JSON) as the public report, replacing what was
    /// public for that year. Returns the publication's id.
    fn publish(
        &self,
        year: i16,
        report: &str,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send;
    /// Withdraws `year`'s public report; `false` when none was public.
    fn withdraw_publication(
        &self,
        year: i16,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send;
    /// `year`'s latest publication (withdrawn or not), if it was ever published.
    fn publication(
        &self,
        year: i16,
    ) -> impl Future<Output = Result<Option<Publication>, StoreError>> + Send;
    /// Every year's latest publication that is public now, the latest year first.
    fn publications(&self) -> impl Future<Output = Result<Vec<Publication>, StoreError>> + Send;
    /// Every publication of `year`, withdrawn ones too, the latest first (the record).
    fn publication_history(
        &self,
        year: i16,
    ) -> impl Future<Output = Result<Vec<Publication>, StoreError>> + Send;
}
