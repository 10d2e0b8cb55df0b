//! The store klacht runs on, chosen once, at start, from the database URL: [`Store`] is
//! SQLite's [`SqliteStore`] or PostgreSQL's [`PgStore`], and implements every trait of
//! `klacht_store::traits` by handing each call to the one it is. The rest of klacht (klacht-app,
//! klacht-web, the binary) holds a [`Store`] and calls it through those traits
//! (`use klacht_store::traits::*`); nothing above the store names a backend.

pub use klacht_store_postgres::{PgStore, postgres_is_empty};
pub use klacht_store_sqlite::{SqliteStore, sqlite_file_counts};

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use klacht_core::procedure::{Complaint, Event, Org};
use klacht_core::reports::{Period, RecommendationLine, ReportInput};
use klacht_core::{Lang, Profile, Reference, UserId};
use klacht_store::*;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

/// The store: one backend, picked by [`Store::connect`]. Cheap to clone.
#[derive(Debug, Clone)]
pub enum Store {
    Sqlite(SqliteStore),
    Postgres(PgStore),
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `url`: `sqlite://PATH` or
    /// `postgres://…`.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Store::Sqlite(SqliteStore::connect(url).await?))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Store::Postgres(PgStore::connect(url).await?))
        } else {
            Err(StoreError::Config(format!(
                "unsupported database URL {url:?}; expected sqlite://PATH or postgres://…"
            )))
        }
    }

    pub async fn create_complaint(&self, rec: NewRecord) -> Result<(i64, Reference), StoreError> {
        match self {
            Store::Sqlite(s) => s.create_complaint(rec).await,
            Store::Postgres(s) => s.create_complaint(rec).await,
        }
    }

    pub async fn create_complaint_with<F>(
        &self,
        rec: NewRecord,
        follow: F,
    ) -> Result<(i64, Reference), StoreError>
    where
        F: FnMut(&Reference, &Complaint) -> Result<FollowUp, StoreError> + Send + 'static,
    {
        match self {
            Store::Sqlite(s) => s.create_complaint_with(rec, follow).await,
            Store::Postgres(s) => s.create_complaint_with(rec, follow).await,
        }
    }

    pub async fn create_complaints(
        &self,
        recs: Vec<NewRecord>,
    ) -> Result<Vec<(i64, Reference)>, StoreError> {
        match self {
            Store::Sqlite(s) => s.create_complaints(recs).await,
            Store::Postgres(s) => s.create_complaints(recs).await,
        }
    }

    pub async fn append(
        &self,
        id: i64,
        expected_version: u64,
        events: &[Event],
        state: &Complaint,
    ) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.append(id, expected_version, events, state).await,
            Store::Postgres(s) => s.append(id, expected_version, events, state).await,
        }
    }

    pub async fn append_each(&self, steps: &[klacht_store::Append<'_>]) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.append_each(steps).await,
            Store::Postgres(s) => s.append_each(steps).await,
        }
    }

    pub async fn append_with(
        &self,
        id: i64,
        expected_version: u64,
        events: &[Event],
        state: &Complaint,
        follow: &FollowUp,
    ) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => {
                s.append_with(id, expected_version, events, state, follow)
                    .await
            }
            Store::Postgres(s) => {
                s.append_with(id, expected_version, events, state, follow)
                    .await
            }
        }
    }

    pub async fn load(&self, reference: &Reference) -> Result<Option<Dossier>, StoreError> {
        match self {
            Store::Sqlite(s) => s.load(reference).await,
            Store::Postgres(s) => s.load(reference).await,
        }
    }

    pub async fn load_many(&self, references: &[Reference]) -> Result<Vec<Dossier>, StoreError> {
        match self {
            Store::Sqlite(s) => s.load_many(references).await,
            Store::Postgres(s) => s.load_many(references).await,
        }
    }

    pub async fn verify_chain(&self, reference: &Reference) -> Result<Option<i64>, StoreError> {
        match self {
            Store::Sqlite(s) => s.verify_chain(reference).await,
            Store::Postgres(s) => s.verify_chain(reference).await,
        }
    }

    pub async fn log_read(&self, id: i64, user: UserId, now: Timestamp) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.log_read(id, user, now).await,
            Store::Postgres(s) => s.log_read(id, user, now).await,
        }
    }

    pub async fn reads(&self, id: i64, limit: u32) -> Result<Vec<(UserId, Timestamp)>, StoreError> {
        match self {
            Store::Sqlite(s) => s.reads(id, limit).await,
            Store::Postgres(s) => s.reads(id, limit).await,
        }
    }

    pub async fn list(
        &self,
        scope: Scope,
        filter: &ListFilter,
        sort: Sort,
        after: Option<&Cursor>,
        limit: u32,
    ) -> Result<Page, StoreError> {
        match self {
            Store::Sqlite(s) => s.list(scope, filter, sort, after, limit).await,
            Store::Postgres(s) => s.list(scope, filter, sort, after, limit).await,
        }
    }

    pub async fn create_user(&self, new: &NewUser, now: Timestamp) -> Result<UserId, StoreError> {
        match self {
            Store::Sqlite(s) => s.create_user(new, now).await,
            Store::Postgres(s) => s.create_user(new, now).await,
        }
    }

    pub async fn create_user_by(
        &self,
        new: &NewUser,
        by: klacht_store::Actor,
        now: Timestamp,
    ) -> Result<UserId, StoreError> {
        match self {
            Store::Sqlite(s) => s.create_user_by(new, by, now).await,
            Store::Postgres(s) => s.create_user_by(new, by, now).await,
        }
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>, StoreError> {
        match self {
            Store::Sqlite(s) => s.user_by_email(email).await,
            Store::Postgres(s) => s.user_by_email(email).await,
        }
    }

    pub async fn user(&self, id: UserId) -> Result<Option<User>, StoreError> {
        match self {
            Store::Sqlite(s) => s.user(id).await,
            Store::Postgres(s) => s.user(id).await,
        }
    }

    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        match self {
            Store::Sqlite(s) => s.users().await,
            Store::Postgres(s) => s.users().await,
        }
    }

    pub async fn recent_users(&self) -> Result<Arc<Vec<User>>, StoreError> {
        match self {
            Store::Sqlite(s) => s.recent_users().await,
            Store::Postgres(s) => s.recent_users().await,
        }
    }

    pub async fn org(&self) -> Result<Org, StoreError> {
        match self {
            Store::Sqlite(s) => s.org().await,
            Store::Postgres(s) => s.org().await,
        }
    }

    pub async fn set_absent(&self, user: UserId, absent: bool) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.set_absent(user, absent).await,
            Store::Postgres(s) => s.set_absent(user, absent).await,
        }
    }

    pub async fn create_token(&self, user: UserId, now: Timestamp) -> Result<String, StoreError> {
        match self {
            Store::Sqlite(s) => s.create_token(user, now).await,
            Store::Postgres(s) => s.create_token(user, now).await,
        }
    }

    pub async fn user_by_token(&self, token: &str) -> Result<Option<User>, StoreError> {
        match self {
            Store::Sqlite(s) => s.user_by_token(token).await,
            Store::Postgres(s) => s.user_by_token(token).await,
        }
    }

    pub async fn create_session(
        &self,
        user: UserId,
        pending_totp: bool,
        times: SessionTimes,
        now: Timestamp,
    ) -> Result<NewSession, StoreError> {
        match self {
            Store::Sqlite(s) => s.create_session(user, pending_totp, times, now).await,
            Store::Postgres(s) => s.create_session(user, pending_totp, times, now).await,
        }
    }

    pub async fn session(
        &self,
        token: &str,
        times: SessionTimes,
        now: Timestamp,
    ) -> Result<Option<Session>, StoreError> {
        match self {
            Store::Sqlite(s) => s.session(token, times, now).await,
            Store::Postgres(s) => s.session(token, times, now).await,
        }
    }

    pub async fn end_session(&self, token: &str) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.end_session(token).await,
            Store::Postgres(s) => s.end_session(token).await,
        }
    }

    pub async fn end_sessions_of(&self, user: UserId) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(s) => s.end_sessions_of(user).await,
            Store::Postgres(s) => s.end_sessions_of(user).await,
        }
    }

    pub async fn purge_expired(&self, now: Timestamp) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(s) => s.purge_expired(now).await,
            Store::Postgres(s) => s.purge_expired(now).await,
        }
    }

    pub async fn set_password(
        &self,
        user: UserId,
        hash: &str,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.set_password(user, hash, now).await,
            Store::Postgres(s) => s.set_password(user, hash, now).await,
        }
    }

    pub async fn totp_secret(
        &self,
        user: UserId,
        key: &SecretKey,
    ) -> Result<Option<Result<String, Unreadable>>, StoreError> {
        match self {
            Store::Sqlite(s) => s.totp_secret(user, key).await,
            Store::Postgres(s) => s.totp_secret(user, key).await,
        }
    }

    pub async fn enrol_totp(
        &self,
        user: UserId,
        secret: &str,
        key: &SecretKey,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.enrol_totp(user, secret, key, now).await,
            Store::Postgres(s) => s.enrol_totp(user, secret, key, now).await,
        }
    }

    pub async fn clear_totp(
        &self,
        user: UserId,
        by: Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.clear_totp(user, by, now).await,
            Store::Postgres(s) => s.clear_totp(user, by, now).await,
        }
    }

    pub async fn seal_totp_secrets(&self, key: &SecretKey) -> Result<SealReport, StoreError> {
        match self {
            Store::Sqlite(s) => s.seal_totp_secrets(key).await,
            Store::Postgres(s) => s.seal_totp_secrets(key).await,
        }
    }

    pub async fn use_totp_step(&self, user: UserId, step: u64) -> Result<bool, StoreError> {
        match self {
            Store::Sqlite(s) => s.use_totp_step(user, step).await,
            Store::Postgres(s) => s.use_totp_step(user, step).await,
        }
    }

    pub async fn set_recovery_codes(
        &self,
        user: UserId,
        codes: &[String],
        now: Timestamp,
    ) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.set_recovery_codes(user, codes, now).await,
            Store::Postgres(s) => s.set_recovery_codes(user, codes, now).await,
        }
    }

    pub async fn use_recovery_code(
        &self,
        user: UserId,
        code: &str,
        now: Timestamp,
    ) -> Result<Option<u64>, StoreError> {
        match self {
            Store::Sqlite(s) => s.use_recovery_code(user, code, now).await,
            Store::Postgres(s) => s.use_recovery_code(user, code, now).await,
        }
    }

    pub async fn recovery_codes_left(&self, user: UserId) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(s) => s.recovery_codes_left(user).await,
            Store::Postgres(s) => s.recovery_codes_left(user).await,
        }
    }

    pub async fn set_active(
        &self,
        user: UserId,
        active: bool,
        by: Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.set_active(user, active, by, now).await,
            Store::Postgres(s) => s.set_active(user, active, by, now).await,
        }
    }

    pub async fn update_user_details(
        &self,
        user: UserId,
        name: &str,
        roles: &std::collections::BTreeSet<klacht_core::Role>,
        by: Actor,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.update_user_details(user, name, roles, by, now).await,
            Store::Postgres(s) => s.update_user_details(user, name, roles, by, now).await,
        }
    }

    pub async fn set_language(&self, user: UserId, lang: Lang) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.set_language(user, lang).await,
            Store::Postgres(s) => s.set_language(user, lang).await,
        }
    }

    pub async fn new_calendar_token(&self, user: UserId) -> Result<String, StoreError> {
        match self {
            Store::Sqlite(s) => s.new_calendar_token(user).await,
            Store::Postgres(s) => s.new_calendar_token(user).await,
        }
    }

    pub async fn revoke_calendar_token(&self, user: UserId) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.revoke_calendar_token(user).await,
            Store::Postgres(s) => s.revoke_calendar_token(user).await,
        }
    }

    pub async fn has_calendar(&self, user: UserId) -> Result<bool, StoreError> {
        match self {
            Store::Sqlite(s) => s.has_calendar(user).await,
            Store::Postgres(s) => s.has_calendar(user).await,
        }
    }

    pub async fn user_by_calendar_token(&self, token: &str) -> Result<Option<User>, StoreError> {
        match self {
            Store::Sqlite(s) => s.user_by_calendar_token(token).await,
            Store::Postgres(s) => s.user_by_calendar_token(token).await,
        }
    }

    pub async fn has_users(&self) -> Result<bool, StoreError> {
        match self {
            Store::Sqlite(s) => s.has_users().await,
            Store::Postgres(s) => s.has_users().await,
        }
    }

    pub async fn create_account_link(
        &self,
        user: Option<UserId>,
        purpose: LinkPurpose,
        ttl: SignedDuration,
        now: Timestamp,
    ) -> Result<String, StoreError> {
        match self {
            Store::Sqlite(s) => s.create_account_link(user, purpose, ttl, now).await,
            Store::Postgres(s) => s.create_account_link(user, purpose, ttl, now).await,
        }
    }

    pub async fn create_password_link(
        &self,
        user: UserId,
        by: Actor,
        ttl: SignedDuration,
        now: Timestamp,
    ) -> Result<String, StoreError> {
        match self {
            Store::Sqlite(s) => s.create_password_link(user, by, ttl, now).await,
            Store::Postgres(s) => s.create_password_link(user, by, ttl, now).await,
        }
    }

    pub async fn account_link(
        &self,
        token: &str,
        now: Timestamp,
    ) -> Result<Option<AccountLink>, StoreError> {
        match self {
            Store::Sqlite(s) => s.account_link(token, now).await,
            Store::Postgres(s) => s.account_link(token, now).await,
        }
    }

    pub async fn use_setup_link(
        &self,
        token: &str,
        new: &NewUser,
        now: Timestamp,
    ) -> Result<UserId, StoreError> {
        match self {
            Store::Sqlite(s) => s.use_setup_link(token, new, now).await,
            Store::Postgres(s) => s.use_setup_link(token, new, now).await,
        }
    }

    pub async fn use_password_link(
        &self,
        token: &str,
        password_hash: &str,
        now: Timestamp,
    ) -> Result<UserId, StoreError> {
        match self {
            Store::Sqlite(s) => s.use_password_link(token, password_hash, now).await,
            Store::Postgres(s) => s.use_password_link(token, password_hash, now).await,
        }
    }

    pub async fn account_audit(
        &self,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        match self {
            Store::Sqlite(s) => s.account_audit(before, limit).await,
            Store::Postgres(s) => s.account_audit(before, limit).await,
        }
    }

    pub async fn claim_mail(
        &self,
        now: Timestamp,
        lease: jiff::SignedDuration,
        limit: u32,
    ) -> Result<Vec<QueuedMail>, StoreError> {
        match self {
            Store::Sqlite(s) => s.claim_mail(now, lease, limit).await,
            Store::Postgres(s) => s.claim_mail(now, lease, limit).await,
        }
    }

    pub async fn release_mail(&self, ids: &[i64]) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.release_mail(ids).await,
            Store::Postgres(s) => s.release_mail(ids).await,
        }
    }

    pub async fn mail_sent(&self, id: i64, at: Timestamp) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.mail_sent(id, at).await,
            Store::Postgres(s) => s.mail_sent(id, at).await,
        }
    }

    pub async fn mail_failed(
        &self,
        id: i64,
        at: Timestamp,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.mail_failed(id, at, error, retry_at).await,
            Store::Postgres(s) => s.mail_failed(id, at, error, retry_at).await,
        }
    }

    pub async fn record_mail(&self, outcomes: &[MailOutcome]) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.record_mail(outcomes).await,
            Store::Postgres(s) => s.record_mail(outcomes).await,
        }
    }

    pub async fn retry_waiting_mail(&self, now: Timestamp) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(s) => s.retry_waiting_mail(now).await,
            Store::Postgres(s) => s.retry_waiting_mail(now).await,
        }
    }

    pub async fn next_mail_due(&self) -> Result<Option<Timestamp>, StoreError> {
        match self {
            Store::Sqlite(s) => s.next_mail_due().await,
            Store::Postgres(s) => s.next_mail_due().await,
        }
    }

    pub async fn mail_status(&self, complaint_id: i64) -> Result<Vec<MailStatus>, StoreError> {
        match self {
            Store::Sqlite(s) => s.mail_status(complaint_id).await,
            Store::Postgres(s) => s.mail_status(complaint_id).await,
        }
    }

    pub async fn status_link(&self, token_hash: &str) -> Result<Option<StatusLink>, StoreError> {
        match self {
            Store::Sqlite(s) => s.status_link(token_hash).await,
            Store::Postgres(s) => s.status_link(token_hash).await,
        }
    }

    pub async fn notify(
        &self,
        complaint_id: Option<i64>,
        reference: Option<&Reference>,
        notices: &[NewNotice],
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(s) => s.notify(complaint_id, reference, notices, now).await,
            Store::Postgres(s) => s.notify(complaint_id, reference, notices, now).await,
        }
    }

    pub async fn enqueue_mail(&self, m: &NewMail, now: Timestamp) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.enqueue_mail(m, now).await,
            Store::Postgres(s) => s.enqueue_mail(m, now).await,
        }
    }

    pub async fn notices(
        &self,
        user: UserId,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<Notice>, StoreError> {
        match self {
            Store::Sqlite(s) => s.notices(user, before, limit).await,
            Store::Postgres(s) => s.notices(user, before, limit).await,
        }
    }

    pub async fn unread_notices(&self, user: UserId) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(s) => s.unread_notices(user).await,
            Store::Postgres(s) => s.unread_notices(user).await,
        }
    }

    pub async fn mark_notices_read(
        &self,
        user: UserId,
        id: Option<i64>,
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(s) => s.mark_notices_read(user, id, now).await,
            Store::Postgres(s) => s.mark_notices_read(user, id, now).await,
        }
    }

    pub async fn due_by(
        &self,
        by: Date,
        after: Option<(Date, i64)>,
        limit: u32,
    ) -> Result<Vec<DueComplaint>, StoreError> {
        match self {
            Store::Sqlite(s) => s.due_by(by, after, limit).await,
            Store::Postgres(s) => s.due_by(by, after, limit).await,
        }
    }

    pub async fn known_dedupes(&self, keys: &[String]) -> Result<HashSet<String>, StoreError> {
        match self {
            Store::Sqlite(s) => s.known_dedupes(keys).await,
            Store::Postgres(s) => s.known_dedupes(keys).await,
        }
    }

    pub async fn create_recommendation(
        &self,
        title: &str,
        text: &str,
        by: UserId,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        match self {
            Store::Sqlite(s) => s.create_recommendation(title, text, by, now).await,
            Store::Postgres(s) => s.create_recommendation(title, text, by, now).await,
        }
    }

    pub async fn recommendations(&self) -> Result<Vec<Recommendation>, StoreError> {
        match self {
            Store::Sqlite(s) => s.recommendations().await,
            Store::Postgres(s) => s.recommendations().await,
        }
    }

    pub async fn recommendation(&self, id: i64) -> Result<Option<Recommendation>, StoreError> {
        match self {
            Store::Sqlite(s) => s.recommendation(id).await,
            Store::Postgres(s) => s.recommendation(id).await,
        }
    }

    pub async fn link_complaints(
        &self,
        id: i64,
        references: &[String],
        by: UserId,
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(s) => s.link_complaints(id, references, by, now).await,
            Store::Postgres(s) => s.link_complaints(id, references, by, now).await,
        }
    }

    pub async fn decide_recommendation(
        &self,
        id: i64,
        adopt: bool,
        reason: &str,
        by: UserId,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.decide_recommendation(id, adopt, reason, by, now).await,
            Store::Postgres(s) => s.decide_recommendation(id, adopt, reason, by, now).await,
        }
    }

    pub async fn add_action(
        &self,
        recommendation: i64,
        description: &str,
        owner: UserId,
        due: Date,
        by: UserId,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        match self {
            Store::Sqlite(s) => {
                s.add_action(recommendation, description, owner, due, by, now)
                    .await
            }
            Store::Postgres(s) => {
                s.add_action(recommendation, description, owner, due, by, now)
                    .await
            }
        }
    }

    pub async fn action(&self, id: i64) -> Result<Option<Action>, StoreError> {
        match self {
            Store::Sqlite(s) => s.action(id).await,
            Store::Postgres(s) => s.action(id).await,
        }
    }

    pub async fn update_action(
        &self,
        id: i64,
        change: &ActionChange,
        by: UserId,
        now: Timestamp,
    ) -> Result<Action, StoreError> {
        match self {
            Store::Sqlite(s) => s.update_action(id, change, by, now).await,
            Store::Postgres(s) => s.update_action(id, change, by, now).await,
        }
    }

    pub async fn pending_actions_due_by(
        &self,
        owner: UserId,
        by: Date,
    ) -> Result<Vec<Action>, StoreError> {
        match self {
            Store::Sqlite(s) => s.pending_actions_due_by(owner, by).await,
            Store::Postgres(s) => s.pending_actions_due_by(owner, by).await,
        }
    }

    pub async fn overdue_actions(
        &self,
        owner: UserId,
        today: Date,
    ) -> Result<Vec<Action>, StoreError> {
        match self {
            Store::Sqlite(s) => s.overdue_actions(owner, today).await,
            Store::Postgres(s) => s.overdue_actions(owner, today).await,
        }
    }

    pub async fn record_evaluation(
        &self,
        e: &NewEvaluation,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        match self {
            Store::Sqlite(s) => s.record_evaluation(e, now).await,
            Store::Postgres(s) => s.record_evaluation(e, now).await,
        }
    }

    pub async fn evaluations(&self) -> Result<Vec<Evaluation>, StoreError> {
        match self {
            Store::Sqlite(s) => s.evaluations().await,
            Store::Postgres(s) => s.evaluations().await,
        }
    }

    pub async fn latest_evaluation_on(&self) -> Result<Option<Date>, StoreError> {
        match self {
            Store::Sqlite(s) => s.latest_evaluation_on().await,
            Store::Postgres(s) => s.latest_evaluation_on().await,
        }
    }

    pub async fn write_report_text(
        &self,
        kind: ReportKind,
        period: Period,
        text: &str,
        by: UserId,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.write_report_text(kind, period, text, by, now).await,
            Store::Postgres(s) => s.write_report_text(kind, period, text, by, now).await,
        }
    }

    pub async fn report_text(
        &self,
        kind: ReportKind,
        period: Period,
    ) -> Result<Option<ReportText>, StoreError> {
        match self {
            Store::Sqlite(s) => s.report_text(kind, period).await,
            Store::Postgres(s) => s.report_text(kind, period).await,
        }
    }

    pub async fn report_register(
        &self,
        period: Period,
        as_of: Date,
    ) -> Result<Vec<RecommendationLine>, StoreError> {
        match self {
            Store::Sqlite(s) => s.report_register(period, as_of).await,
            Store::Postgres(s) => s.report_register(period, as_of).await,
        }
    }

    pub async fn report_input(
        &self,
        period: Period,
        as_of: Date,
        deadline_ids: &[String],
        very_serious: &[String],
    ) -> Result<ReportInput, StoreError> {
        match self {
            Store::Sqlite(s) => {
                s.report_input(period, as_of, deadline_ids, very_serious)
                    .await
            }
            Store::Postgres(s) => {
                s.report_input(period, as_of, deadline_ids, very_serious)
                    .await
            }
        }
    }

    pub async fn summary_input(
        &self,
        period: Period,
        as_of: Date,
        deadline_ids: &[String],
        very_serious: &[String],
    ) -> Result<ReportInput, StoreError> {
        match self {
            Store::Sqlite(s) => {
                s.summary_input(period, as_of, deadline_ids, very_serious)
                    .await
            }
            Store::Postgres(s) => {
                s.summary_input(period, as_of, deadline_ids, very_serious)
                    .await
            }
        }
    }

    pub async fn referenced_documents(&self) -> Result<HashSet<String>, StoreError> {
        match self {
            Store::Sqlite(s) => s.referenced_documents().await,
            Store::Postgres(s) => s.referenced_documents().await,
        }
    }

    pub async fn retention_candidates(
        &self,
        ended_before: Timestamp,
        after: Option<&Reference>,
        limit: u32,
    ) -> Result<Vec<Reference>, StoreError> {
        match self {
            Store::Sqlite(s) => s.retention_candidates(ended_before, after, limit).await,
            Store::Postgres(s) => s.retention_candidates(ended_before, after, limit).await,
        }
    }

    pub async fn held_complaints(&self, limit: u32) -> Result<Vec<Reference>, StoreError> {
        match self {
            Store::Sqlite(s) => s.held_complaints(limit).await,
            Store::Postgres(s) => s.held_complaints(limit).await,
        }
    }

    pub async fn scrub(&self) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.scrub().await,
            Store::Postgres(s) => s.scrub().await,
        }
    }

    pub async fn create_request(&self, r: &NewRequest) -> Result<i64, StoreError> {
        match self {
            Store::Sqlite(s) => s.create_request(r).await,
            Store::Postgres(s) => s.create_request(r).await,
        }
    }

    pub async fn requests(&self, limit: u32) -> Result<Vec<SubjectRequest>, StoreError> {
        match self {
            Store::Sqlite(s) => s.requests(limit).await,
            Store::Postgres(s) => s.requests(limit).await,
        }
    }

    pub async fn request(&self, id: i64) -> Result<Option<SubjectRequest>, StoreError> {
        match self {
            Store::Sqlite(s) => s.request(id).await,
            Store::Postgres(s) => s.request(id).await,
        }
    }

    pub async fn extend_request(
        &self,
        id: i64,
        due_on: Date,
        reason: &str,
        by: UserId,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        match self {
            Store::Sqlite(s) => s.extend_request(id, due_on, reason, by, at).await,
            Store::Postgres(s) => s.extend_request(id, due_on, reason, by, at).await,
        }
    }

    pub async fn complete_request(
        &self,
        id: i64,
        outcome: &str,
        by: UserId,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        match self {
            Store::Sqlite(s) => s.complete_request(id, outcome, by, at).await,
            Store::Postgres(s) => s.complete_request(id, outcome, by, at).await,
        }
    }

    pub async fn log_request(&self, id: i64, entry: &LogEntry) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.log_request(id, entry).await,
            Store::Postgres(s) => s.log_request(id, entry).await,
        }
    }

    pub async fn purge_past_periods(
        &self,
        cutoffs: &klacht_core::periods::Cutoffs,
        dry_run: bool,
    ) -> Result<PurgedRows, StoreError> {
        match self {
            Store::Sqlite(s) => s.purge_past_periods(cutoffs, dry_run).await,
            Store::Postgres(s) => s.purge_past_periods(cutoffs, dry_run).await,
        }
    }

    pub async fn notice_mail_past(
        &self,
        mail_before: Timestamp,
        after: i64,
        limit: u32,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        match self {
            Store::Sqlite(s) => s.notice_mail_past(mail_before, after, limit).await,
            Store::Postgres(s) => s.notice_mail_past(mail_before, after, limit).await,
        }
    }

    pub async fn register_profile(
        &self,
        profile: &Profile,
        source: &str,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        match self {
            Store::Sqlite(s) => s.register_profile(profile, source, now).await,
            Store::Postgres(s) => s.register_profile(profile, source, now).await,
        }
    }

    pub async fn store_version(
        &self,
        profile: &Profile,
        source: &str,
        state: VersionState,
        by: Option<UserId>,
        note: Option<&str>,
        now: Timestamp,
    ) -> Result<Stored, StoreError> {
        match self {
            Store::Sqlite(s) => s.store_version(profile, source, state, by, note, now).await,
            Store::Postgres(s) => s.store_version(profile, source, state, by, note, now).await,
        }
    }

    pub async fn adopt_draft(
        &self,
        id: i64,
        profile: &Profile,
        source: &str,
        by: Option<UserId>,
        note: Option<&str>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.adopt_draft(id, profile, source, by, note, now).await,
            Store::Postgres(s) => s.adopt_draft(id, profile, source, by, note, now).await,
        }
    }

    pub async fn retire_unused_seed(&self, id: i64) -> Result<bool, StoreError> {
        match self {
            Store::Sqlite(s) => s.retire_unused_seed(id).await,
            Store::Postgres(s) => s.retire_unused_seed(id).await,
        }
    }

    pub async fn discard_draft(&self, id: i64) -> Result<bool, StoreError> {
        match self {
            Store::Sqlite(s) => s.discard_draft(id).await,
            Store::Postgres(s) => s.discard_draft(id).await,
        }
    }

    pub async fn versions(&self) -> Result<Vec<VersionRow>, StoreError> {
        match self {
            Store::Sqlite(s) => s.versions().await,
            Store::Postgres(s) => s.versions().await,
        }
    }

    pub async fn version(&self, id: i64) -> Result<Option<VersionRow>, StoreError> {
        match self {
            Store::Sqlite(s) => s.version(id).await,
            Store::Postgres(s) => s.version(id).await,
        }
    }

    pub async fn profile_ids(&self) -> Result<Vec<i64>, StoreError> {
        match self {
            Store::Sqlite(s) => s.profile_ids().await,
            Store::Postgres(s) => s.profile_ids().await,
        }
    }

    pub async fn profile_source(&self, id: i64) -> Result<Option<String>, StoreError> {
        match self {
            Store::Sqlite(s) => s.profile_source(id).await,
            Store::Postgres(s) => s.profile_source(id).await,
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Store::Sqlite(s) => s.backend(),
            Store::Postgres(s) => s.backend(),
        }
    }

    pub fn limit_sqlite_pages(&self, pages: Option<u64>) {
        match self {
            Store::Sqlite(s) => s.limit_sqlite_pages(pages),
            Store::Postgres(s) => s.limit_sqlite_pages(pages),
        }
    }

    pub async fn check_writable(&self, now: Timestamp) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.check_writable(now).await,
            Store::Postgres(s) => s.check_writable(now).await,
        }
    }

    pub async fn ping(&self) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.ping().await,
            Store::Postgres(s) => s.ping().await,
        }
    }

    pub async fn analyze(&self) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.analyze().await,
            Store::Postgres(s) => s.analyze().await,
        }
    }

    pub async fn release_memory(&self) -> () {
        match self {
            Store::Sqlite(s) => s.release_memory().await,
            Store::Postgres(s) => s.release_memory().await,
        }
    }

    pub async fn close(&self) -> () {
        match self {
            Store::Sqlite(s) => s.close().await,
            Store::Postgres(s) => s.close().await,
        }
    }

    pub async fn verify_all(&self) -> Result<Verification, StoreError> {
        match self {
            Store::Sqlite(s) => s.verify_all().await,
            Store::Postgres(s) => s.verify_all().await,
        }
    }

    pub async fn verify_all_in_batches(&self, batch: u32) -> Result<Verification, StoreError> {
        match self {
            Store::Sqlite(s) => s.verify_all_in_batches(batch).await,
            Store::Postgres(s) => s.verify_all_in_batches(batch).await,
        }
    }

    pub async fn counts(&self) -> Result<Counts, StoreError> {
        match self {
            Store::Sqlite(s) => s.counts().await,
            Store::Postgres(s) => s.counts().await,
        }
    }

    pub async fn copy_sqlite_into(&self, to: &Path) -> Result<Counts, StoreError> {
        match self {
            Store::Sqlite(s) => s.copy_sqlite_into(to).await,
            Store::Postgres(s) => s.copy_sqlite_into(to).await,
        }
    }

    pub async fn pg_snapshot(&self) -> Result<PgSnapshot, StoreError> {
        match self {
            Store::Sqlite(s) => s.pg_snapshot().await,
            Store::Postgres(s) => s.pg_snapshot().await,
        }
    }

    pub async fn take_mail(&self, m: &NewMailIn, now: Timestamp) -> Result<Taken, StoreError> {
        match self {
            Store::Sqlite(s) => s.take_mail(m, now).await,
            Store::Postgres(s) => s.take_mail(m, now).await,
        }
    }

    pub async fn mail_in(&self, id: i64) -> Result<Option<(MailIn, Vec<u8>)>, StoreError> {
        match self {
            Store::Sqlite(s) => s.mail_in(id).await,
            Store::Postgres(s) => s.mail_in(id).await,
        }
    }

    pub async fn mail_in_state(
        &self,
        state: MailInState,
        limit: u32,
    ) -> Result<Vec<MailIn>, StoreError> {
        match self {
            Store::Sqlite(s) => s.mail_in_state(state, limit).await,
            Store::Postgres(s) => s.mail_in_state(state, limit).await,
        }
    }

    pub async fn count_mail_in(&self, state: MailInState) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(s) => s.count_mail_in(state).await,
            Store::Postgres(s) => s.count_mail_in(state).await,
        }
    }

    pub async fn settle_mail(
        &self,
        id: i64,
        from: MailInState,
        settle: &Settle,
    ) -> Result<bool, StoreError> {
        match self {
            Store::Sqlite(s) => s.settle_mail(id, from, settle).await,
            Store::Postgres(s) => s.settle_mail(id, from, settle).await,
        }
    }

    pub async fn delete_expired_mail(&self, now: Timestamp) -> Result<u64, StoreError> {
        match self {
            Store::Sqlite(s) => s.delete_expired_mail(now).await,
            Store::Postgres(s) => s.delete_expired_mail(now).await,
        }
    }

    pub async fn sent_letter(&self, outbox_id: i64) -> Result<Option<SentLetter>, StoreError> {
        match self {
            Store::Sqlite(s) => s.sent_letter(outbox_id).await,
            Store::Postgres(s) => s.sent_letter(outbox_id).await,
        }
    }

    pub async fn mark_bounced(
        &self,
        outbox_id: i64,
        reason: &str,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        match self {
            Store::Sqlite(s) => s.mark_bounced(outbox_id, reason, at).await,
            Store::Postgres(s) => s.mark_bounced(outbox_id, reason, at).await,
        }
    }
}

impl Store {
    pub async fn review_text(
        &self,
        year: i16,
        item: &str,
        text_hash: &str,
        fit: bool,
        by: UserId,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        match self {
            Store::Sqlite(s) => s.review_text(year, item, text_hash, fit, by, now).await,
            Store::Postgres(s) => s.review_text(year, item, text_hash, fit, by, now).await,
        }
    }

    pub async fn text_reviews(&self, year: i16) -> Result<Vec<TextReview>, StoreError> {
        match self {
            Store::Sqlite(s) => s.text_reviews(year).await,
            Store::Postgres(s) => s.text_reviews(year).await,
        }
    }

    pub async fn publish(
        &self,
        year: i16,
        report: &str,
        by: UserId,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        match self {
            Store::Sqlite(s) => s.publish(year, report, by, now).await,
            Store::Postgres(s) => s.publish(year, report, by, now).await,
        }
    }

    pub async fn withdraw_publication(
        &self,
        year: i16,
        by: UserId,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        match self {
            Store::Sqlite(s) => s.withdraw_publication(year, by, now).await,
            Store::Postgres(s) => s.withdraw_publication(year, by, now).await,
        }
    }

    pub async fn publication(&self, year: i16) -> Result<Option<Publication>, StoreError> {
        match self {
            Store::Sqlite(s) => s.publication(year).await,
            Store::Postgres(s) => s.publication(year).await,
        }
    }

    pub async fn publications(&self) -> Result<Vec<Publication>, StoreError> {
        match self {
            Store::Sqlite(s) => s.publications().await,
            Store::Postgres(s) => s.publications().await,
        }
    }

    pub async fn publication_history(&self, year: i16) -> Result<Vec<Publication>, StoreError> {
        match self {
            Store::Sqlite(s) => s.publication_history(year).await,
            Store::Postgres(s) => s.publication_history(year).await,
        }
    }
}

// The traits, each method handed to the one of the same name above.
#[path = "../../klacht-store/sql/traits.rs"]
mod traits;
