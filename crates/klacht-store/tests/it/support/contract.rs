//! The store as the contract suite sees it: through the traits of `klacht_store::traits`, and
//! nothing else. [`Contract`] has no methods of its own, so every call a test makes on
//! `db.store` goes through a trait, as it would to any backend's implementation; a test that
//! reached for something outside the traits would not compile. The suite runs it over
//! [`Store`], today's implementation; a backend crate runs it over its own.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use klacht_core::procedure::{Complaint, Event, Org};
use klacht_core::reports::{Period, RecommendationLine, ReportInput};
use klacht_core::{Lang, Profile, Reference, UserId};
use klacht_store::traits::*;
use klacht_store::{
    AccountLink, Action, ActionChange, Actor, AuditEntry, Backend, Counts, Cursor, Dossier,
    DueComplaint, Evaluation, FollowUp, LinkPurpose, ListFilter, MailOutcome, MailStatus,
    NewEvaluation, NewMail, NewNotice, NewRecord, NewSession, NewUser, Notice, Page, PgSnapshot,
    QueuedMail, Recommendation, ReportKind, ReportText, Scope, SealReport, SecretKey, Session,
    SessionTimes, Sort, StatusLink, StoreError, Unreadable, User, Verification,
};
use klacht_store::{LogEntry, NewRequest, Stored, SubjectRequest, VersionRow, VersionState};
use klacht_store::{MailIn, MailInState, NewMailIn, SentLetter, Settle, Taken};
use klacht_store::{Publication, TextReview};
use klacht_store_any::Store;
use std::collections::HashSet;
use std::future::Future;
use std::path::Path;
use std::sync::Arc;

/// A store seen only through its traits.
#[derive(Debug, Clone)]
pub struct Contract<S = Store>(S);

impl<S> Contract<S> {
    pub fn new(store: S) -> Self {
        Contract(store)
    }
}

impl<S: ComplaintStore> ComplaintStore for Contract<S> {
    fn create_complaint(
        &self,
        rec: NewRecord,
    ) -> impl Future<Output = Result<(i64, Reference), StoreError>> + Send {
        ComplaintStore::create_complaint(&self.0, rec)
    }
    fn create_complaint_with<F>(
        &self,
        rec: NewRecord,
        follow: F,
    ) -> impl Future<Output = Result<(i64, Reference), StoreError>> + Send
    where
        F: FnMut(&Reference, &Complaint) -> Result<FollowUp, StoreError> + Send + 'static,
    {
        ComplaintStore::create_complaint_with(&self.0, rec, follow)
    }
    fn create_complaints(
        &self,
        recs: Vec<NewRecord>,
    ) -> impl Future<Output = Result<Vec<(i64, Reference)>, StoreError>> + Send {
        ComplaintStore::create_complaints(&self.0, recs)
    }
    fn append(
        &self,
        id: i64,
        expected_version: u64,
        events: &[Event],
        state: &Complaint,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        ComplaintStore::append(&self.0, id, expected_version, events, state)
    }
    fn append_with(
        &self,
        id: i64,
        expected_version: u64,
        events: &[Event],
        state: &Complaint,
        follow: &FollowUp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        ComplaintStore::append_with(&self.0, id, expected_version, events, state, follow)
    }
    fn append_each(
        &self,
        steps: &[klacht_store::Append<'_>],
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        ComplaintStore::append_each(&self.0, steps)
    }
    fn load(
        &self,
        reference: &Reference,
    ) -> impl Future<Output = Result<Option<Dossier>, StoreError>> + Send {
        ComplaintStore::load(&self.0, reference)
    }
    fn load_many(
        &self,
        references: &[Reference],
    ) -> impl Future<Output = Result<Vec<Dossier>, StoreError>> + Send {
        ComplaintStore::load_many(&self.0, references)
    }
    fn verify_chain(
        &self,
        reference: &Reference,
    ) -> impl Future<Output = Result<Option<i64>, StoreError>> + Send {
        ComplaintStore::verify_chain(&self.0, reference)
    }
    fn log_read(
        &self,
        id: i64,
        user: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        ComplaintStore::log_read(&self.0, id, user, now)
    }
    fn reads(
        &self,
        id: i64,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<(UserId, Timestamp)>, StoreError>> + Send {
        ComplaintStore::reads(&self.0, id, limit)
    }
    fn list(
        &self,
        scope: Scope,
        filter: &ListFilter,
        sort: Sort,
        after: Option<&Cursor>,
        limit: u32,
    ) -> impl Future<Output = Result<Page, StoreError>> + Send {
        ComplaintStore::list(&self.0, scope, filter, sort, after, limit)
    }
}

impl<S: AccountStore> AccountStore for Contract<S> {
    fn create_user(
        &self,
        new: &NewUser,
        now: Timestamp,
    ) -> impl Future<Output = Result<UserId, StoreError>> + Send {
        AccountStore::create_user(&self.0, new, now)
    }
    fn create_user_by(
        &self,
        new: &NewUser,
        by: Actor,
        now: Timestamp,
    ) -> impl Future<Output = Result<UserId, StoreError>> + Send {
        AccountStore::create_user_by(&self.0, new, by, now)
    }
    fn user_by_email(
        &self,
        email: &str,
    ) -> impl Future<Output = Result<Option<User>, StoreError>> + Send {
        AccountStore::user_by_email(&self.0, email)
    }
    fn user(&self, id: UserId) -> impl Future<Output = Result<Option<User>, StoreError>> + Send {
        AccountStore::user(&self.0, id)
    }
    fn users(&self) -> impl Future<Output = Result<Vec<User>, StoreError>> + Send {
        AccountStore::users(&self.0)
    }
    fn recent_users(&self) -> impl Future<Output = Result<Arc<Vec<User>>, StoreError>> + Send {
        AccountStore::recent_users(&self.0)
    }
    fn org(&self) -> impl Future<Output = Result<Org, StoreError>> + Send {
        AccountStore::org(&self.0)
    }
    fn set_absent(
        &self,
        user: UserId,
        absent: bool,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        AccountStore::set_absent(&self.0, user, absent)
    }
    fn create_token(
        &self,
        user: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<String, StoreError>> + Send {
        AccountStore::create_token(&self.0, user, now)
    }
    fn user_by_token(
        &self,
        token: &str,
    ) -> impl Future<Output = Result<Option<User>, StoreError>> + Send {
        AccountStore::user_by_token(&self.0, token)
    }
    fn create_session(
        &self,
        user: UserId,
        pending_totp: bool,
        times: SessionTimes,
        now: Timestamp,
    ) -> impl Future<Output = Result<NewSession, StoreError>> + Send {
        AccountStore::create_session(&self.0, user, pending_totp, times, now)
    }
    fn session(
        &self,
        token: &str,
        times: SessionTimes,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<Session>, StoreError>> + Send {
        AccountStore::session(&self.0, token, times, now)
    }
    fn end_session(&self, token: &str) -> impl Future<Output = Result<(), StoreError>> + Send {
        AccountStore::end_session(&self.0, token)
    }
    fn end_sessions_of(
        &self,
        user: UserId,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        AccountStore::end_sessions_of(&self.0, user)
    }
    fn purge_expired(
        &self,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        AccountStore::purge_expired(&self.0, now)
    }
    fn set_password(
        &self,
        user: UserId,
        hash: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        AccountStore::set_password(&self.0, user, hash, now)
    }
    fn totp_secret(
        &self,
        user: UserId,
        key: &SecretKey,
    ) -> impl Future<Output = Result<Option<Result<String, Unreadable>>, StoreError>> + Send {
        AccountStore::totp_secret(&self.0, user, key)
    }
    fn enrol_totp(
        &self,
        user: UserId,
        secret: &str,
        key: &SecretKey,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        AccountStore::enrol_totp(&self.0, user, secret, key, now)
    }
    fn clear_totp(
        &self,
        user: UserId,
        by: Actor,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        AccountStore::clear_totp(&self.0, user, by, now)
    }
    fn seal_totp_secrets(
        &self,
        key: &SecretKey,
    ) -> impl Future<Output = Result<SealReport, StoreError>> + Send {
        AccountStore::seal_totp_secrets(&self.0, key)
    }
    fn use_totp_step(
        &self,
        user: UserId,
        step: u64,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send {
        AccountStore::use_totp_step(&self.0, user, step)
    }
    fn set_recovery_codes(
        &self,
        user: UserId,
        codes: &[String],
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        AccountStore::set_recovery_codes(&self.0, user, codes, now)
    }
    fn use_recovery_code(
        &self,
        user: UserId,
        code: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<u64>, StoreError>> + Send {
        AccountStore::use_recovery_code(&self.0, user, code, now)
    }
    fn recovery_codes_left(
        &self,
        user: UserId,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        AccountStore::recovery_codes_left(&self.0, user)
    }
    fn set_active(
        &self,
        user: UserId,
        active: bool,
        by: Actor,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        AccountStore::set_active(&self.0, user, active, by, now)
    }
    fn update_user_details(
        &self,
        user: UserId,
        name: &str,
        roles: &std::collections::BTreeSet<klacht_core::Role>,
        by: Actor,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        AccountStore::update_user_details(&self.0, user, name, roles, by, now)
    }
    fn set_language(
        &self,
        user: UserId,
        lang: Lang,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        AccountStore::set_language(&self.0, user, lang)
    }
    fn new_calendar_token(
        &self,
        user: UserId,
    ) -> impl Future<Output = Result<String, StoreError>> + Send {
        AccountStore::new_calendar_token(&self.0, user)
    }
    fn revoke_calendar_token(
        &self,
        user: UserId,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        AccountStore::revoke_calendar_token(&self.0, user)
    }
    fn has_calendar(&self, user: UserId) -> impl Future<Output = Result<bool, StoreError>> + Send {
        AccountStore::has_calendar(&self.0, user)
    }
    fn user_by_calendar_token(
        &self,
        token: &str,
    ) -> impl Future<Output = Result<Option<User>, StoreError>> + Send {
        AccountStore::user_by_calendar_token(&self.0, token)
    }
    fn has_users(&self) -> impl Future<Output = Result<bool, StoreError>> + Send {
        AccountStore::has_users(&self.0)
    }
    fn create_account_link(
        &self,
        user: Option<UserId>,
        purpose: LinkPurpose,
        ttl: SignedDuration,
        now: Timestamp,
    ) -> impl Future<Output = Result<String, StoreError>> + Send {
        AccountStore::create_account_link(&self.0, user, purpose, ttl, now)
    }
    fn create_password_link(
        &self,
        user: UserId,
        by: Actor,
        ttl: SignedDuration,
        now: Timestamp,
    ) -> impl Future<Output = Result<String, StoreError>> + Send {
        AccountStore::create_password_link(&self.0, user, by, ttl, now)
    }
    fn account_link(
        &self,
        token: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<AccountLink>, StoreError>> + Send {
        AccountStore::account_link(&self.0, token, now)
    }
    fn use_setup_link(
        &self,
        token: &str,
        new: &NewUser,
        now: Timestamp,
    ) -> impl Future<Output = Result<UserId, StoreError>> + Send {
        AccountStore::use_setup_link(&self.0, token, new, now)
    }
    fn use_password_link(
        &self,
        token: &str,
        password_hash: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<UserId, StoreError>> + Send {
        AccountStore::use_password_link(&self.0, token, password_hash, now)
    }
    fn account_audit(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<AuditEntry>, StoreError>> + Send {
        AccountStore::account_audit(&self.0, before, limit)
    }
}

impl<S: OutboxStore> OutboxStore for Contract<S> {
    fn claim_mail(
        &self,
        now: Timestamp,
        lease: jiff::SignedDuration,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<QueuedMail>, StoreError>> + Send {
        OutboxStore::claim_mail(&self.0, now, lease, limit)
    }
    fn release_mail(&self, ids: &[i64]) -> impl Future<Output = Result<(), StoreError>> + Send {
        OutboxStore::release_mail(&self.0, ids)
    }
    fn mail_sent(
        &self,
        id: i64,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        OutboxStore::mail_sent(&self.0, id, at)
    }
    fn mail_failed(
        &self,
        id: i64,
        at: Timestamp,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        OutboxStore::mail_failed(&self.0, id, at, error, retry_at)
    }
    fn record_mail(
        &self,
        outcomes: &[MailOutcome],
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        OutboxStore::record_mail(&self.0, outcomes)
    }
    fn retry_waiting_mail(
        &self,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        OutboxStore::retry_waiting_mail(&self.0, now)
    }
    fn next_mail_due(&self) -> impl Future<Output = Result<Option<Timestamp>, StoreError>> + Send {
        OutboxStore::next_mail_due(&self.0)
    }
    fn mail_status(
        &self,
        complaint_id: i64,
    ) -> impl Future<Output = Result<Vec<MailStatus>, StoreError>> + Send {
        OutboxStore::mail_status(&self.0, complaint_id)
    }
    fn status_link(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = Result<Option<StatusLink>, StoreError>> + Send {
        OutboxStore::status_link(&self.0, token_hash)
    }
}

impl<S: NotificationStore> NotificationStore for Contract<S> {
    fn notify(
        &self,
        complaint_id: Option<i64>,
        reference: Option<&Reference>,
        notices: &[NewNotice],
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        NotificationStore::notify(&self.0, complaint_id, reference, notices, now)
    }
    fn enqueue_mail(
        &self,
        m: &NewMail,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        NotificationStore::enqueue_mail(&self.0, m, now)
    }
    fn notices(
        &self,
        user: UserId,
        before: Option<i64>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Notice>, StoreError>> + Send {
        NotificationStore::notices(&self.0, user, before, limit)
    }
    fn unread_notices(&self, user: UserId) -> impl Future<Output = Result<u64, StoreError>> + Send {
        NotificationStore::unread_notices(&self.0, user)
    }
    fn mark_notices_read(
        &self,
        user: UserId,
        id: Option<i64>,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        NotificationStore::mark_notices_read(&self.0, user, id, now)
    }
    fn due_by(
        &self,
        by: Date,
        after: Option<(Date, i64)>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<DueComplaint>, StoreError>> + Send {
        NotificationStore::due_by(&self.0, by, after, limit)
    }
    fn known_dedupes(
        &self,
        keys: &[String],
    ) -> impl Future<Output = Result<HashSet<String>, StoreError>> + Send {
        NotificationStore::known_dedupes(&self.0, keys)
    }
}

impl<S: RegisterStore> RegisterStore for Contract<S> {
    fn create_recommendation(
        &self,
        title: &str,
        text: &str,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send {
        RegisterStore::create_recommendation(&self.0, title, text, by, now)
    }
    fn recommendations(
        &self,
    ) -> impl Future<Output = Result<Vec<Recommendation>, StoreError>> + Send {
        RegisterStore::recommendations(&self.0)
    }
    fn recommendation(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<Recommendation>, StoreError>> + Send {
        RegisterStore::recommendation(&self.0, id)
    }
    fn link_complaints(
        &self,
        id: i64,
        references: &[String],
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        RegisterStore::link_complaints(&self.0, id, references, by, now)
    }
    fn decide_recommendation(
        &self,
        id: i64,
        adopt: bool,
        reason: &str,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        RegisterStore::decide_recommendation(&self.0, id, adopt, reason, by, now)
    }
    fn add_action(
        &self,
        recommendation: i64,
        description: &str,
        owner: UserId,
        due: Date,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send {
        RegisterStore::add_action(&self.0, recommendation, description, owner, due, by, now)
    }
    fn action(&self, id: i64) -> impl Future<Output = Result<Option<Action>, StoreError>> + Send {
        RegisterStore::action(&self.0, id)
    }
    fn update_action(
        &self,
        id: i64,
        change: &ActionChange,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<Action, StoreError>> + Send {
        RegisterStore::update_action(&self.0, id, change, by, now)
    }
    fn pending_actions_due_by(
        &self,
        owner: UserId,
        by: Date,
    ) -> impl Future<Output = Result<Vec<Action>, StoreError>> + Send {
        RegisterStore::pending_actions_due_by(&self.0, owner, by)
    }
    fn overdue_actions(
        &self,
        owner: UserId,
        today: Date,
    ) -> impl Future<Output = Result<Vec<Action>, StoreError>> + Send {
        RegisterStore::overdue_actions(&self.0, owner, today)
    }
    fn record_evaluation(
        &self,
        e: &NewEvaluation,
        now: Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send {
        RegisterStore::record_evaluation(&self.0, e, now)
    }
    fn evaluations(&self) -> impl Future<Output = Result<Vec<Evaluation>, StoreError>> + Send {
        RegisterStore::evaluations(&self.0)
    }
    fn latest_evaluation_on(
        &self,
    ) -> impl Future<Output = Result<Option<Date>, StoreError>> + Send {
        RegisterStore::latest_evaluation_on(&self.0)
    }
    fn write_report_text(
        &self,
        kind: ReportKind,
        period: Period,
        text: &str,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        RegisterStore::write_report_text(&self.0, kind, period, text, by, now)
    }
    fn report_text(
        &self,
        kind: ReportKind,
        period: Period,
    ) -> impl Future<Output = Result<Option<ReportText>, StoreError>> + Send {
        RegisterStore::report_text(&self.0, kind, period)
    }
    fn report_register(
        &self,
        period: Period,
        as_of: Date,
    ) -> impl Future<Output = Result<Vec<RecommendationLine>, StoreError>> + Send {
        RegisterStore::report_register(&self.0, period, as_of)
    }
}

impl<S: ReportStore> ReportStore for Contract<S> {
    fn report_input(
        &self,
        period: Period,
        as_of: Date,
        deadline_ids: &[String],
        very_serious: &[String],
    ) -> impl Future<Output = Result<ReportInput, StoreError>> + Send {
        ReportStore::report_input(&self.0, period, as_of, deadline_ids, very_serious)
    }
    fn summary_input(
        &self,
        period: Period,
        as_of: Date,
        deadline_ids: &[String],
        very_serious: &[String],
    ) -> impl Future<Output = Result<ReportInput, StoreError>> + Send {
        ReportStore::summary_input(&self.0, period, as_of, deadline_ids, very_serious)
    }
}

impl<S: DocumentStore> DocumentStore for Contract<S> {
    fn referenced_documents(
        &self,
    ) -> impl Future<Output = Result<HashSet<String>, StoreError>> + Send {
        DocumentStore::referenced_documents(&self.0)
    }
}

impl<S: RetentionStore> RetentionStore for Contract<S> {
    fn retention_candidates(
        &self,
        ended_before: Timestamp,
        after: Option<&Reference>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Reference>, StoreError>> + Send {
        RetentionStore::retention_candidates(&self.0, ended_before, after, limit)
    }

    fn held_complaints(
        &self,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Reference>, StoreError>> + Send {
        RetentionStore::held_complaints(&self.0, limit)
    }

    fn scrub(&self) -> impl Future<Output = Result<(), StoreError>> + Send {
        RetentionStore::scrub(&self.0)
    }
    fn purge_past_periods(
        &self,
        cutoffs: &klacht_core::periods::Cutoffs,
        dry_run: bool,
    ) -> impl Future<Output = Result<klacht_store::PurgedRows, StoreError>> + Send {
        RetentionStore::purge_past_periods(&self.0, cutoffs, dry_run)
    }
    fn notice_mail_past(
        &self,
        mail_before: Timestamp,
        after: i64,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<(i64, String)>, StoreError>> + Send {
        RetentionStore::notice_mail_past(&self.0, mail_before, after, limit)
    }
}

impl<S: DeskStore> DeskStore for Contract<S> {
    fn create_request(
        &self,
        r: &NewRequest,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send {
        DeskStore::create_request(&self.0, r)
    }

    fn requests(
        &self,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<SubjectRequest>, StoreError>> + Send {
        DeskStore::requests(&self.0, limit)
    }

    fn request(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<SubjectRequest>, StoreError>> + Send {
        DeskStore::request(&self.0, id)
    }

    fn extend_request(
        &self,
        id: i64,
        due_on: Date,
        reason: &str,
        by: UserId,
        at: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send {
        DeskStore::extend_request(&self.0, id, due_on, reason, by, at)
    }

    fn complete_request(
        &self,
        id: i64,
        outcome: &str,
        by: UserId,
        at: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send {
        DeskStore::complete_request(&self.0, id, outcome, by, at)
    }

    fn log_request(
        &self,
        id: i64,
        entry: &LogEntry,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        DeskStore::log_request(&self.0, id, entry)
    }
}

impl<S: ProfileStore> ProfileStore for Contract<S> {
    fn register_profile(
        &self,
        profile: &Profile,
        source: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send {
        ProfileStore::register_profile(&self.0, profile, source, now)
    }
    fn store_version(
        &self,
        profile: &Profile,
        source: &str,
        state: VersionState,
        by: Option<UserId>,
        note: Option<&str>,
        now: Timestamp,
    ) -> impl Future<Output = Result<Stored, StoreError>> + Send {
        ProfileStore::store_version(&self.0, profile, source, state, by, note, now)
    }
    fn adopt_draft(
        &self,
        id: i64,
        profile: &Profile,
        source: &str,
        by: Option<UserId>,
        note: Option<&str>,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        ProfileStore::adopt_draft(&self.0, id, profile, source, by, note, now)
    }
    fn discard_draft(&self, id: i64) -> impl Future<Output = Result<bool, StoreError>> + Send {
        ProfileStore::discard_draft(&self.0, id)
    }
    fn retire_unused_seed(&self, id: i64) -> impl Future<Output = Result<bool, StoreError>> + Send {
        ProfileStore::retire_unused_seed(&self.0, id)
    }
    fn profile_ids(&self) -> impl Future<Output = Result<Vec<i64>, StoreError>> + Send {
        ProfileStore::profile_ids(&self.0)
    }
    fn versions(&self) -> impl Future<Output = Result<Vec<VersionRow>, StoreError>> + Send {
        ProfileStore::versions(&self.0)
    }
    fn version(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<VersionRow>, StoreError>> + Send {
        ProfileStore::version(&self.0, id)
    }

    fn profile_source(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send {
        ProfileStore::profile_source(&self.0, id)
    }
}

impl<S: OpsStore> OpsStore for Contract<S> {
    fn backend(&self) -> Backend {
        OpsStore::backend(&self.0)
    }
    fn limit_sqlite_pages(&self, pages: Option<u64>) {
        OpsStore::limit_sqlite_pages(&self.0, pages)
    }
    fn check_writable(
        &self,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        OpsStore::check_writable(&self.0, now)
    }
    fn ping(&self) -> impl Future<Output = Result<(), StoreError>> + Send {
        OpsStore::ping(&self.0)
    }
    fn analyze(&self) -> impl Future<Output = Result<(), StoreError>> + Send {
        OpsStore::analyze(&self.0)
    }
    fn release_memory(&self) -> impl Future<Output = ()> + Send {
        OpsStore::release_memory(&self.0)
    }
    fn close(&self) -> impl Future<Output = ()> + Send {
        OpsStore::close(&self.0)
    }
    fn verify_all(&self) -> impl Future<Output = Result<Verification, StoreError>> + Send {
        OpsStore::verify_all(&self.0)
    }
    fn verify_all_in_batches(
        &self,
        batch: u32,
    ) -> impl Future<Output = Result<Verification, StoreError>> + Send {
        OpsStore::verify_all_in_batches(&self.0, batch)
    }
    fn counts(&self) -> impl Future<Output = Result<Counts, StoreError>> + Send {
        OpsStore::counts(&self.0)
    }
    fn copy_sqlite_into(
        &self,
        to: &Path,
    ) -> impl Future<Output = Result<Counts, StoreError>> + Send {
        OpsStore::copy_sqlite_into(&self.0, to)
    }
    fn pg_snapshot(&self) -> impl Future<Output = Result<PgSnapshot, StoreError>> + Send {
        OpsStore::pg_snapshot(&self.0)
    }
}

impl<S: MailInStore> MailInStore for Contract<S> {
    fn take_mail(
        &self,
        m: &NewMailIn,
        now: Timestamp,
    ) -> impl Future<Output = Result<Taken, StoreError>> + Send {
        MailInStore::take_mail(&self.0, m, now)
    }
    fn mail_in(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<(MailIn, Vec<u8>)>, StoreError>> + Send {
        MailInStore::mail_in(&self.0, id)
    }
    fn mail_in_state(
        &self,
        state: MailInState,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<MailIn>, StoreError>> + Send {
        MailInStore::mail_in_state(&self.0, state, limit)
    }
    fn count_mail_in(
        &self,
        state: MailInState,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        MailInStore::count_mail_in(&self.0, state)
    }
    fn settle_mail(
        &self,
        id: i64,
        from: MailInState,
        settle: &Settle,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send {
        MailInStore::settle_mail(&self.0, id, from, settle)
    }
    fn delete_expired_mail(
        &self,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        MailInStore::delete_expired_mail(&self.0, now)
    }
    fn sent_letter(
        &self,
        outbox_id: i64,
    ) -> impl Future<Output = Result<Option<SentLetter>, StoreError>> + Send {
        MailInStore::sent_letter(&self.0, outbox_id)
    }
    fn mark_bounced(
        &self,
        outbox_id: i64,
        reason: &str,
        at: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send {
        MailInStore::mark_bounced(&self.0, outbox_id, reason, at)
    }
}

impl<S: PublicationStore> PublicationStore for Contract<S> {
    fn review_text(
        &self,
        year: i16,
        item: &str,
        text_hash: &str,
        fit: bool,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        PublicationStore::review_text(&self.0, year, item, text_hash, fit, by, now)
    }
    fn text_reviews(
        &self,
        year: i16,
    ) -> impl Future<Output = Result<Vec<TextReview>, StoreError>> + Send {
        PublicationStore::text_reviews(&self.0, year)
    }
    fn publish(
        &self,
        year: i16,
        report: &str,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send {
        PublicationStore::publish(&self.0, year, report, by, now)
    }
    fn withdraw_publication(
        &self,
        year: i16,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send {
        PublicationStore::withdraw_publication(&self.0, year, by, now)
    }
    fn publication(
        &self,
        year: i16,
    ) -> impl Future<Output = Result<Option<Publication>, StoreError>> + Send {
        PublicationStore::publication(&self.0, year)
    }
    fn publications(&self) -> impl Future<Output = Result<Vec<Publication>, StoreError>> + Send {
        PublicationStore::publications(&self.0)
    }
    fn publication_history(
        &self,
        year: i16,
    ) -> impl Future<Output = Result<Vec<Publication>, StoreError>> + Send {
        PublicationStore::publication_history(&self.0, year)
    }
}
