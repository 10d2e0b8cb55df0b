//! Each backend's store implements the traits of `klacht_store::traits` by its inherent methods
//! of the same names (and so does `klacht-store-any`'s `Store`, which hands each to its backend).

use crate::Store;
use klacht_store::*;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use klacht_core::procedure::{Complaint, Event, Org};
use klacht_core::reports::{Period, RecommendationLine, ReportInput};
use klacht_core::{Lang, Profile, Reference, UserId};
use std::collections::HashSet;
use std::future::Future;
use std::path::Path;
use std::sync::Arc;

impl ComplaintStore for Store {
    fn create_complaint(
        &self,
        rec: NewRecord,
    ) -> impl Future<Output = Result<(i64, Reference), StoreError>> + Send {
        Store::create_complaint(self, rec)
    }
    fn create_complaint_with<F>(
        &self,
        rec: NewRecord,
        follow: F,
    ) -> impl Future<Output = Result<(i64, Reference), StoreError>> + Send
    where
        F: FnMut(&Reference, &Complaint) -> Result<FollowUp, StoreError> + Send + 'static,
    {
        Store::create_complaint_with(self, rec, follow)
    }
    fn create_complaints(
        &self,
        recs: Vec<NewRecord>,
    ) -> impl Future<Output = Result<Vec<(i64, Reference)>, StoreError>> + Send {
        Store::create_complaints(self, recs)
    }
    fn append(
        &self,
        id: i64,
        expected_version: u64,
        events: &[Event],
        state: &Complaint,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::append(self, id, expected_version, events, state)
    }
    fn append_with(
        &self,
        id: i64,
        expected_version: u64,
        events: &[Event],
        state: &Complaint,
        follow: &FollowUp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::append_with(self, id, expected_version, events, state, follow)
    }
    fn append_each(
        &self,
        steps: &[Append<'_>],
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::append_each(self, steps)
    }
    fn load(
        &self,
        reference: &Reference,
    ) -> impl Future<Output = Result<Option<Dossier>, StoreError>> + Send {
        Store::load(self, reference)
    }
    fn load_many(
        &self,
        references: &[Reference],
    ) -> impl Future<Output = Result<Vec<Dossier>, StoreError>> + Send {
        Store::load_many(self, references)
    }
    fn verify_chain(
        &self,
        reference: &Reference,
    ) -> impl Future<Output = Result<Option<i64>, StoreError>> + Send {
        Store::verify_chain(self, reference)
    }
    fn log_read(
        &self,
        id: i64,
        user: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::log_read(self, id, user, now)
    }
    fn reads(
        &self,
        id: i64,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<(UserId, Timestamp)>, StoreError>> + Send {
        Store::reads(self, id, limit)
    }
    fn list(
        &self,
        scope: Scope,
        filter: &ListFilter,
        sort: Sort,
        after: Option<&Cursor>,
        limit: u32,
    ) -> impl Future<Output = Result<Page, StoreError>> + Send {
        Store::list(self, scope, filter, sort, after, limit)
    }
}

impl AccountStore for Store {
    fn create_user(
        &self,
        new: &NewUser,
        now: Timestamp,
    ) -> impl Future<Output = Result<UserId, StoreError>> + Send {
        Store::create_user(self, new, now)
    }
    fn create_user_by(
        &self,
        new: &NewUser,
        by: klacht_store::Actor,
        now: Timestamp,
    ) -> impl Future<Output = Result<UserId, StoreError>> + Send {
        Store::create_user_by(self, new, by, now)
    }
    fn user_by_email(
        &self,
        email: &str,
    ) -> impl Future<Output = Result<Option<User>, StoreError>> + Send {
        Store::user_by_email(self, email)
    }
    fn user(&self, id: UserId) -> impl Future<Output = Result<Option<User>, StoreError>> + Send {
        Store::user(self, id)
    }
    fn users(&self) -> impl Future<Output = Result<Vec<User>, StoreError>> + Send {
        Store::users(self)
    }
    fn recent_users(&self) -> impl Future<Output = Result<Arc<Vec<User>>, StoreError>> + Send {
        Store::recent_users(self)
    }
    fn org(&self) -> impl Future<Output = Result<Org, StoreError>> + Send {
        Store::org(self)
    }
    fn set_absent(
        &self,
        user: UserId,
        absent: bool,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::set_absent(self, user, absent)
    }
    fn create_token(
        &self,
        user: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<String, StoreError>> + Send {
        Store::create_token(self, user, now)
    }
    fn user_by_token(
        &self,
        token: &str,
    ) -> impl Future<Output = Result<Option<User>, StoreError>> + Send {
        Store::user_by_token(self, token)
    }
    fn create_session(
        &self,
        user: UserId,
        pending_totp: bool,
        times: SessionTimes,
        now: Timestamp,
    ) -> impl Future<Output = Result<NewSession, StoreError>> + Send {
        Store::create_session(self, user, pending_totp, times, now)
    }
    fn session(
        &self,
        token: &str,
        times: SessionTimes,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<Session>, StoreError>> + Send {
        Store::session(self, token, times, now)
    }
    fn end_session(&self, token: &str) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::end_session(self, token)
    }
    fn end_sessions_of(
        &self,
        user: UserId,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        Store::end_sessions_of(self, user)
    }
    fn purge_expired(
        &self,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        Store::purge_expired(self, now)
    }
    fn set_password(
        &self,
        user: UserId,
        hash: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::set_password(self, user, hash, now)
    }
    fn totp_secret(
        &self,
        user: UserId,
        key: &SecretKey,
    ) -> impl Future<Output = Result<Option<Result<String, Unreadable>>, StoreError>> + Send {
        Store::totp_secret(self, user, key)
    }
    fn enrol_totp(
        &self,
        user: UserId,
        secret: &str,
        key: &SecretKey,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::enrol_totp(self, user, secret, key, now)
    }
    fn clear_totp(
        &self,
        user: UserId,
        by: Actor,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::clear_totp(self, user, by, now)
    }
    fn seal_totp_secrets(
        &self,
        key: &SecretKey,
    ) -> impl Future<Output = Result<SealReport, StoreError>> + Send {
        Store::seal_totp_secrets(self, key)
    }
    fn use_totp_step(
        &self,
        user: UserId,
        step: u64,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send {
        Store::use_totp_step(self, user, step)
    }
    fn set_recovery_codes(
        &self,
        user: UserId,
        codes: &[String],
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::set_recovery_codes(self, user, codes, now)
    }
    fn use_recovery_code(
        &self,
        user: UserId,
        code: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<u64>, StoreError>> + Send {
        Store::use_recovery_code(self, user, code, now)
    }
    fn recovery_codes_left(
        &self,
        user: UserId,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        Store::recovery_codes_left(self, user)
    }
    fn set_active(
        &self,
        user: UserId,
        active: bool,
        by: Actor,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::set_active(self, user, active, by, now)
    }
    fn update_user_details(
        &self,
        user: UserId,
        name: &str,
        roles: &std::collections::BTreeSet<klacht_core::Role>,
        by: Actor,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::update_user_details(self, user, name, roles, by, now)
    }
    fn set_language(
        &self,
        user: UserId,
        lang: Lang,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::set_language(self, user, lang)
    }
    fn new_calendar_token(
        &self,
        user: UserId,
    ) -> impl Future<Output = Result<String, StoreError>> + Send {
        Store::new_calendar_token(self, user)
    }
    fn revoke_calendar_token(
        &self,
        user: UserId,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::revoke_calendar_token(self, user)
    }
    fn has_calendar(&self, user: UserId) -> impl Future<Output = Result<bool, StoreError>> + Send {
        Store::has_calendar(self, user)
    }
    fn user_by_calendar_token(
        &self,
        token: &str,
    ) -> impl Future<Output = Result<Option<User>, StoreError>> + Send {
        Store::user_by_calendar_token(self, token)
    }
    fn has_users(&self) -> impl Future<Output = Result<bool, StoreError>> + Send {
        Store::has_users(self)
    }
    fn create_account_link(
        &self,
        user: Option<UserId>,
        purpose: LinkPurpose,
        ttl: SignedDuration,
        now: Timestamp,
    ) -> impl Future<Output = Result<String, StoreError>> + Send {
        Store::create_account_link(self, user, purpose, ttl, now)
    }
    fn create_password_link(
        &self,
        user: UserId,
        by: Actor,
        ttl: SignedDuration,
        now: Timestamp,
    ) -> impl Future<Output = Result<String, StoreError>> + Send {
        Store::create_password_link(self, user, by, ttl, now)
    }
    fn account_link(
        &self,
        token: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<AccountLink>, StoreError>> + Send {
        Store::account_link(self, token, now)
    }
    fn use_setup_link(
        &self,
        token: &str,
        new: &NewUser,
        now: Timestamp,
    ) -> impl Future<Output = Result<UserId, StoreError>> + Send {
        Store::use_setup_link(self, token, new, now)
    }
    fn use_password_link(
        &self,
        token: &str,
        password_hash: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<UserId, StoreError>> + Send {
        Store::use_password_link(self, token, password_hash, now)
    }
    fn account_audit(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<AuditEntry>, StoreError>> + Send {
        Store::account_audit(self, before, limit)
    }
}

impl OutboxStore for Store {
    fn claim_mail(
        &self,
        now: Timestamp,
        lease: jiff::SignedDuration,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<QueuedMail>, StoreError>> + Send {
        Store::claim_mail(self, now, lease, limit)
    }
    fn release_mail(&self, ids: &[i64]) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::release_mail(self, ids)
    }
    fn mail_sent(
        &self,
        id: i64,
        at: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::mail_sent(self, id, at)
    }
    fn mail_failed(
        &self,
        id: i64,
        at: Timestamp,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::mail_failed(self, id, at, error, retry_at)
    }
    fn record_mail(
        &self,
        outcomes: &[MailOutcome],
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::record_mail(self, outcomes)
    }
    fn retry_waiting_mail(
        &self,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        Store::retry_waiting_mail(self, now)
    }
    fn next_mail_due(&self) -> impl Future<Output = Result<Option<Timestamp>, StoreError>> + Send {
        Store::next_mail_due(self)
    }
    fn mail_status(
        &self,
        complaint_id: i64,
    ) -> impl Future<Output = Result<Vec<MailStatus>, StoreError>> + Send {
        Store::mail_status(self, complaint_id)
    }
    fn status_link(
        &self,
        token_hash: &str,
    ) -> impl Future<Output = Result<Option<StatusLink>, StoreError>> + Send {
        Store::status_link(self, token_hash)
    }
}

impl NotificationStore for Store {
    fn notify(
        &self,
        complaint_id: Option<i64>,
        reference: Option<&Reference>,
        notices: &[NewNotice],
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        Store::notify(self, complaint_id, reference, notices, now)
    }
    fn enqueue_mail(
        &self,
        m: &NewMail,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::enqueue_mail(self, m, now)
    }
    fn notices(
        &self,
        user: UserId,
        before: Option<i64>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Notice>, StoreError>> + Send {
        Store::notices(self, user, before, limit)
    }
    fn unread_notices(&self, user: UserId) -> impl Future<Output = Result<u64, StoreError>> + Send {
        Store::unread_notices(self, user)
    }
    fn mark_notices_read(
        &self,
        user: UserId,
        id: Option<i64>,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        Store::mark_notices_read(self, user, id, now)
    }
    fn due_by(
        &self,
        by: Date,
        after: Option<(Date, i64)>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<DueComplaint>, StoreError>> + Send {
        Store::due_by(self, by, after, limit)
    }
    fn known_dedupes(
        &self,
        keys: &[String],
    ) -> impl Future<Output = Result<HashSet<String>, StoreError>> + Send {
        Store::known_dedupes(self, keys)
    }
}

impl RegisterStore for Store {
    fn create_recommendation(
        &self,
        title: &str,
        text: &str,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send {
        Store::create_recommendation(self, title, text, by, now)
    }
    fn recommendations(
        &self,
    ) -> impl Future<Output = Result<Vec<Recommendation>, StoreError>> + Send {
        Store::recommendations(self)
    }
    fn recommendation(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<Recommendation>, StoreError>> + Send {
        Store::recommendation(self, id)
    }
    fn link_complaints(
        &self,
        id: i64,
        references: &[String],
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        Store::link_complaints(self, id, references, by, now)
    }
    fn decide_recommendation(
        &self,
        id: i64,
        adopt: bool,
        reason: &str,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::decide_recommendation(self, id, adopt, reason, by, now)
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
        Store::add_action(self, recommendation, description, owner, due, by, now)
    }
    fn action(&self, id: i64) -> impl Future<Output = Result<Option<Action>, StoreError>> + Send {
        Store::action(self, id)
    }
    fn update_action(
        &self,
        id: i64,
        change: &ActionChange,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<Action, StoreError>> + Send {
        Store::update_action(self, id, change, by, now)
    }
    fn pending_actions_due_by(
        &self,
        owner: UserId,
        by: Date,
    ) -> impl Future<Output = Result<Vec<Action>, StoreError>> + Send {
        Store::pending_actions_due_by(self, owner, by)
    }
    fn overdue_actions(
        &self,
        owner: UserId,
        today: Date,
    ) -> impl Future<Output = Result<Vec<Action>, StoreError>> + Send {
        Store::overdue_actions(self, owner, today)
    }
    fn record_evaluation(
        &self,
        e: &NewEvaluation,
        now: Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send {
        Store::record_evaluation(self, e, now)
    }
    fn evaluations(&self) -> impl Future<Output = Result<Vec<Evaluation>, StoreError>> + Send {
        Store::evaluations(self)
    }
    fn latest_evaluation_on(
        &self,
    ) -> impl Future<Output = Result<Option<Date>, StoreError>> + Send {
        Store::latest_evaluation_on(self)
    }
    fn write_report_text(
        &self,
        kind: ReportKind,
        period: Period,
        text: &str,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::write_report_text(self, kind, period, text, by, now)
    }
    fn report_text(
        &self,
        kind: ReportKind,
        period: Period,
    ) -> impl Future<Output = Result<Option<ReportText>, StoreError>> + Send {
        Store::report_text(self, kind, period)
    }
    fn report_register(
        &self,
        period: Period,
        as_of: Date,
    ) -> impl Future<Output = Result<Vec<RecommendationLine>, StoreError>> + Send {
        Store::report_register(self, period, as_of)
    }
}

impl ReportStore for Store {
    fn report_input(
        &self,
        period: Period,
        as_of: Date,
        deadline_ids: &[String],
        very_serious: &[String],
    ) -> impl Future<Output = Result<ReportInput, StoreError>> + Send {
        Store::report_input(self, period, as_of, deadline_ids, very_serious)
    }
    fn summary_input(
        &self,
        period: Period,
        as_of: Date,
        deadline_ids: &[String],
        very_serious: &[String],
    ) -> impl Future<Output = Result<ReportInput, StoreError>> + Send {
        Store::summary_input(self, period, as_of, deadline_ids, very_serious)
    }
}

impl DocumentStore for Store {
    fn referenced_documents(
        &self,
    ) -> impl Future<Output = Result<HashSet<String>, StoreError>> + Send {
        Store::referenced_documents(self)
    }
}

impl RetentionStore for Store {
    fn retention_candidates(
        &self,
        ended_before: Timestamp,
        after: Option<&Reference>,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Reference>, StoreError>> + Send {
        Store::retention_candidates(self, ended_before, after, limit)
    }

    fn held_complaints(
        &self,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<Reference>, StoreError>> + Send {
        Store::held_complaints(self, limit)
    }

    fn scrub(&self) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::scrub(self)
    }

    fn purge_past_periods(
        &self,
        cutoffs: &klacht_core::periods::Cutoffs,
        dry_run: bool,
    ) -> impl Future<Output = Result<PurgedRows, StoreError>> + Send {
        Store::purge_past_periods(self, cutoffs, dry_run)
    }

    fn notice_mail_past(
        &self,
        mail_before: Timestamp,
        after: i64,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<(i64, String)>, StoreError>> + Send {
        Store::notice_mail_past(self, mail_before, after, limit)
    }
}

impl DeskStore for Store {
    fn create_request(
        &self,
        r: &NewRequest,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send {
        Store::create_request(self, r)
    }

    fn requests(
        &self,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<SubjectRequest>, StoreError>> + Send {
        Store::requests(self, limit)
    }

    fn request(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<SubjectRequest>, StoreError>> + Send {
        Store::request(self, id)
    }

    fn extend_request(
        &self,
        id: i64,
        due_on: Date,
        reason: &str,
        by: UserId,
        at: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send {
        Store::extend_request(self, id, due_on, reason, by, at)
    }

    fn complete_request(
        &self,
        id: i64,
        outcome: &str,
        by: UserId,
        at: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send {
        Store::complete_request(self, id, outcome, by, at)
    }

    fn log_request(
        &self,
        id: i64,
        entry: &LogEntry,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::log_request(self, id, entry)
    }
}

impl ProfileStore for Store {
    fn register_profile(
        &self,
        profile: &Profile,
        source: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send {
        Store::register_profile(self, profile, source, now)
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
        Store::store_version(self, profile, source, state, by, note, now)
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
        Store::adopt_draft(self, id, profile, source, by, note, now)
    }
    fn discard_draft(&self, id: i64) -> impl Future<Output = Result<bool, StoreError>> + Send {
        Store::discard_draft(self, id)
    }
    fn retire_unused_seed(&self, id: i64) -> impl Future<Output = Result<bool, StoreError>> + Send {
        Store::retire_unused_seed(self, id)
    }
    fn profile_ids(&self) -> impl Future<Output = Result<Vec<i64>, StoreError>> + Send {
        Store::profile_ids(self)
    }
    fn versions(&self) -> impl Future<Output = Result<Vec<VersionRow>, StoreError>> + Send {
        Store::versions(self)
    }
    fn version(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<VersionRow>, StoreError>> + Send {
        Store::version(self, id)
    }

    fn profile_source(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<String>, StoreError>> + Send {
        Store::profile_source(self, id)
    }
}

impl OpsStore for Store {
    fn backend(&self) -> Backend {
        Store::backend(self)
    }
    fn limit_sqlite_pages(&self, pages: Option<u64>) {
        Store::limit_sqlite_pages(self, pages)
    }
    fn check_writable(
        &self,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::check_writable(self, now)
    }
    fn ping(&self) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::ping(self)
    }
    fn analyze(&self) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::analyze(self)
    }
    fn release_memory(&self) -> impl Future<Output = ()> + Send {
        Store::release_memory(self)
    }
    fn close(&self) -> impl Future<Output = ()> + Send {
        Store::close(self)
    }
    fn verify_all(&self) -> impl Future<Output = Result<Verification, StoreError>> + Send {
        Store::verify_all(self)
    }
    fn verify_all_in_batches(
        &self,
        batch: u32,
    ) -> impl Future<Output = Result<Verification, StoreError>> + Send {
        Store::verify_all_in_batches(self, batch)
    }
    fn counts(&self) -> impl Future<Output = Result<Counts, StoreError>> + Send {
        Store::counts(self)
    }
    fn copy_sqlite_into(
        &self,
        to: &Path,
    ) -> impl Future<Output = Result<Counts, StoreError>> + Send {
        Store::copy_sqlite_into(self, to)
    }
    fn pg_snapshot(&self) -> impl Future<Output = Result<PgSnapshot, StoreError>> + Send {
        Store::pg_snapshot(self)
    }
}

impl MailInStore for Store {
    fn take_mail(
        &self,
        m: &NewMailIn,
        now: Timestamp,
    ) -> impl Future<Output = Result<Taken, StoreError>> + Send {
        Store::take_mail(self, m, now)
    }
    fn mail_in(
        &self,
        id: i64,
    ) -> impl Future<Output = Result<Option<(MailIn, Vec<u8>)>, StoreError>> + Send {
        Store::mail_in(self, id)
    }
    fn mail_in_state(
        &self,
        state: MailInState,
        limit: u32,
    ) -> impl Future<Output = Result<Vec<MailIn>, StoreError>> + Send {
        Store::mail_in_state(self, state, limit)
    }
    fn count_mail_in(
        &self,
        state: MailInState,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        Store::count_mail_in(self, state)
    }
    fn settle_mail(
        &self,
        id: i64,
        from: MailInState,
        settle: &Settle,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send {
        Store::settle_mail(self, id, from, settle)
    }
    fn delete_expired_mail(
        &self,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send {
        Store::delete_expired_mail(self, now)
    }
    fn sent_letter(
        &self,
        outbox_id: i64,
    ) -> impl Future<Output = Result<Option<SentLetter>, StoreError>> + Send {
        Store::sent_letter(self, outbox_id)
    }
    fn mark_bounced(
        &self,
        outbox_id: i64,
        reason: &str,
        at: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send {
        Store::mark_bounced(self, outbox_id, reason, at)
    }
}

impl PublicationStore for Store {
    fn review_text(
        &self,
        year: i16,
        item: &str,
        text_hash: &str,
        fit: bool,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        Store::review_text(self, year, item, text_hash, fit, by, now)
    }
    fn text_reviews(
        &self,
        year: i16,
    ) -> impl Future<Output = Result<Vec<TextReview>, StoreError>> + Send {
        Store::text_reviews(self, year)
    }
    fn publish(
        &self,
        year: i16,
        report: &str,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<i64, StoreError>> + Send {
        Store::publish(self, year, report, by, now)
    }
    fn withdraw_publication(
        &self,
        year: i16,
        by: UserId,
        now: Timestamp,
    ) -> impl Future<Output = Result<bool, StoreError>> + Send {
        Store::withdraw_publication(self, year, by, now)
    }
    fn publication(
        &self,
        year: i16,
    ) -> impl Future<Output = Result<Option<Publication>, StoreError>> + Send {
        Store::publication(self, year)
    }
    fn publications(&self) -> impl Future<Output = Result<Vec<Publication>, StoreError>> + Send {
        Store::publications(self)
    }
    fn publication_history(
        &self,
        year: i16,
    ) -> impl Future<Output = Result<Vec<Publication>, StoreError>> + Send {
        Store::publication_history(self, year)
    }
}
