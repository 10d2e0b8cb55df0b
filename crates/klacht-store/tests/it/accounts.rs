//! Signing in to the back office, on both backends: sessions and their expiry, the second factor
//! (sealed at rest), (de)activation, one-time account links, the secret calendar feed, and the
//! account log with the rule that nobody changes their own roles. Times are injected as `now`, so expiry is tested without waiting.

use crate::support::fixtures::{new_user, ts};
use crate::support::{P, TestDb};
use jiff::{SignedDuration, Timestamp};
use klacht_core::procedure::acting_coordinators;
use klacht_core::{Lang, Role, UserId};
use klacht_store::traits::*;
use klacht_store::{
    Actor, AuditAction, LinkPurpose, NewUser, SecretKey, SessionTimes, StoreError, Unreadable,
};
use sqlx::Row;
use std::collections::BTreeSet;
use std::sync::Arc;

contract!(
    k8_a_session_is_found_by_its_token_and_by_no_other,
    k8_a_session_ends_after_the_idle_time_without_requests,
    k8_a_session_ends_after_the_absolute_time_even_with_requests,
    k8_a_deactivated_users_sessions_and_api_tokens_stop_working,
    t17_a_deactivated_coordinator_counts_as_absent_so_the_deputy_acts,
    k8_nobody_changes_their_own_roles_not_even_an_admin,
    k8_every_account_change_is_logged_with_who_whom_and_when,
    k8_the_account_log_pages_newest_first,
    k8_totp_secrets_are_sealed_with_a_key_kept_outside_the_database,
    k8_plain_totp_secrets_from_before_are_sealed_at_start,
    k8_a_totp_step_is_accepted_once_and_never_an_older_one,
    k8_a_new_password_ends_every_session,
    name_roles_and_language_are_updated,
    k8_the_setup_link_creates_the_first_user_once,
    k8_two_concurrent_setups_create_exactly_one_user,
    k8_two_good_setup_links_used_at_once_create_exactly_one_user,
    k8_a_password_link_sets_the_password_once_and_ends_sessions,
    k8_a_new_calendar_token_replaces_the_old_one,
    purge_removes_ended_sessions_and_spent_links_only,
    k8_secrets_are_stored_only_as_hashes,
    recovery_codes_work_once_are_stored_hashed_and_end_with_the_second_factor,
);

// ---------------------------------------------------------------------------------------------
// Helpers

const T0: &str = "2026-03-02T09:00:00Z";

fn mins(m: i64) -> SignedDuration {
    SignedDuration::from_mins(m)
}

fn at(m: i64) -> Timestamp {
    ts(T0).checked_add(mins(m)).unwrap()
}

const TIMES: SessionTimes = SessionTimes {
    idle: SignedDuration::from_mins(30),
    absolute: SignedDuration::from_hours(2),
};

async fn person(store: &crate::support::Contract, email: &str, roles: &[Role]) -> UserId {
    store
        .create_user(&new_user(email, email, roles), ts(T0))
        .await
        .unwrap()
}

async fn count(db: &TestDb, sql: &str, params: &[P]) -> i64 {
    db.fetch(sql, params).await[0].try_get::<i64, _>(0).unwrap()
}

async fn live(store: &crate::support::Contract, token: &str, now: Timestamp) -> Option<UserId> {
    store
        .session(token, TIMES, now)
        .await
        .unwrap()
        .map(|s| s.user.id)
}

fn first(name: &str) -> NewUser {
    NewUser {
        email: format!("{name}@example.org"),
        name: name.to_owned(),
        roles: BTreeSet::from([Role::Coordinator]),
        password_hash: Some("$argon2id$v=19$first".to_owned()),
    }
}

// ---------------------------------------------------------------------------------------------
// Sessions

async fn k8_a_session_is_found_by_its_token_and_by_no_other(db: TestDb) {
    let store = &db.store;
    let anna = person(store, "anna@example.org", &[Role::Coordinator]).await;
    let ben = person(store, "ben@example.org", &[Role::Handler]).await;

    let a = store
        .create_session(anna, false, TIMES, at(0))
        .await
        .unwrap();
    let a2 = store
        .create_session(anna, true, TIMES, at(0))
        .await
        .unwrap();
    let b = store
        .create_session(ben, false, TIMES, at(0))
        .await
        .unwrap();
    assert_ne!(a.token, a2.token);
    assert_ne!(a.token, a.csrf, "the CSRF token is not the session token");
    assert_ne!(a.csrf, a2.csrf);

    let s = store
        .session(&a.token, TIMES, at(1))
        .await
        .unwrap()
        .expect("Anna's session");
    assert_eq!(s.user.id, anna);
    assert_eq!(s.user.roles, BTreeSet::from([Role::Coordinator]));
    assert_eq!(s.csrf, a.csrf);
    assert!(!s.pending_totp);
    assert_eq!(s.created_at, at(0));
    assert!(s.expires_at > at(1) && s.expires_at <= at(0) + TIMES.absolute);
    // The password was right, the second factor still to come: the session says so.
    let s2 = store
        .session(&a2.token, TIMES, at(1))
        .await
        .unwrap()
        .unwrap();
    assert!(s2.pending_totp);
    assert_eq!(live(store, &b.token, at(1)).await, Some(ben));

    for other in [
        String::new(),
        "0".repeat(64),
        a.token.to_uppercase(),
        format!("{} ", a.token),
        a.csrf.clone(),
    ] {
        assert_eq!(
            live(store, &other, at(1)).await,
            None,
            "{other:?} opens no session"
        );
    }

    // Signing out ends that session and no other.
    store.end_session(&a.token).await.unwrap();
    assert_eq!(live(store, &a.token, at(2)).await, None);
    assert_eq!(live(store, &a2.token, at(2)).await, Some(anna));
    assert_eq!(live(store, &b.token, at(2)).await, Some(ben));
    // Ending all of Anna's leaves Ben's.
    assert_eq!(store.end_sessions_of(anna).await.unwrap(), 1);
    assert_eq!(live(store, &a2.token, at(3)).await, None);
    assert_eq!(live(store, &b.token, at(3)).await, Some(ben));
}

async fn k8_a_session_ends_after_the_idle_time_without_requests(db: TestDb) {
    let store = &db.store;
    let anna = person(store, "anna@example.org", &[Role::Handler]).await;
    let s = store
        .create_session(anna, false, TIMES, at(0))
        .await
        .unwrap();
    // Requests keep it alive: each one moves the end to 30 minutes after it.
    assert_eq!(live(store, &s.token, at(29)).await, Some(anna));
    assert_eq!(live(store, &s.token, at(58)).await, Some(anna));
    let seen = store
        .session(&s.token, TIMES, at(87))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(seen.expires_at, at(117));
    // 30 minutes without a request: over, and it stays over.
    assert_eq!(live(store, &s.token, at(117)).await, None);
    assert_eq!(live(store, &s.token, at(100)).await, None);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM sessions", &[]).await,
        0,
        "the ended session is removed"
    );

    // A session never used after sign-in ends after the idle time too.
    let t = store
        .create_session(anna, false, TIMES, at(200))
        .await
        .unwrap();
    assert_eq!(live(store, &t.token, at(229)).await, Some(anna));
    let u = store
        .create_session(anna, false, TIMES, at(200))
        .await
        .unwrap();
    assert_eq!(live(store, &u.token, at(230)).await, None);
}

async fn k8_a_session_ends_after_the_absolute_time_even_with_requests(db: TestDb) {
    let store = &db.store;
    let anna = person(store, "anna@example.org", &[Role::Handler]).await;
    let s = store
        .create_session(anna, false, TIMES, at(0))
        .await
        .unwrap();
    // A request every 20 minutes: never idle, but two hours is the end.
    for m in (20..120).step_by(20) {
        let got = store
            .session(&s.token, TIMES, at(m))
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("alive at +{m} min"));
        assert!(got.expires_at <= at(120), "never beyond the absolute end");
    }
    let last = store
        .session(&s.token, TIMES, at(119))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(last.expires_at, at(120));
    assert_eq!(live(store, &s.token, at(120)).await, None);

    // An absolute time shorter than the idle time bounds a fresh session as well.
    let short = SessionTimes {
        idle: mins(30),
        absolute: mins(10),
    };
    let t = store
        .create_session(anna, false, short, at(300))
        .await
        .unwrap();
    assert!(
        store
            .session(&t.token, short, at(309))
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .session(&t.token, short, at(310))
            .await
            .unwrap()
            .is_none()
    );
}

async fn k8_a_deactivated_users_sessions_and_api_tokens_stop_working(db: TestDb) {
    let store = &db.store;
    let anna = person(store, "anna@example.org", &[Role::Handler]).await;
    let ben = person(store, "ben@example.org", &[Role::Handler]).await;
    let s = store
        .create_session(anna, false, TIMES, at(0))
        .await
        .unwrap();
    let api = store.create_token(anna, at(0)).await.unwrap();
    let sb = store
        .create_session(ben, false, TIMES, at(0))
        .await
        .unwrap();
    let api_b = store.create_token(ben, at(0)).await.unwrap();
    assert!(store.user(anna).await.unwrap().unwrap().active);

    store
        .set_active(anna, false, Actor::Operator, at(5))
        .await
        .unwrap();
    let u = store.user(anna).await.unwrap().unwrap();
    assert!(!u.active, "the account reads as deactivated");
    assert_eq!(live(store, &s.token, at(6)).await, None);
    assert_eq!(store.user_by_token(&api).await.unwrap(), None);
    // A session made afterwards (a race with sign-in) does not work either.
    let late = store
        .create_session(anna, false, TIMES, at(6))
        .await
        .unwrap();
    assert_eq!(live(store, &late.token, at(7)).await, None);
    // Ben is not touched.
    assert_eq!(live(store, &sb.token, at(6)).await, Some(ben));
    assert_eq!(
        store.user_by_token(&api_b).await.unwrap().map(|u| u.id),
        Some(ben)
    );
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT COUNT(*) FROM api_tokens WHERE user_id = $1 AND revoked_at = {}",
                db.time_param(2)
            ),
            &[P::I(anna.0), P::I(at(5).as_microsecond())]
        )
        .await,
        1,
        "the token is revoked at the time of deactivation"
    );

    // Reactivating does not bring old sessions or tokens back; new ones work.
    store
        .set_active(anna, true, Actor::Operator, at(10))
        .await
        .unwrap();
    assert!(store.user(anna).await.unwrap().unwrap().active);
    assert_eq!(live(store, &s.token, at(11)).await, None);
    assert_eq!(store.user_by_token(&api).await.unwrap(), None);
    let fresh = store.create_token(anna, at(11)).await.unwrap();
    assert_eq!(
        store.user_by_token(&fresh).await.unwrap().map(|u| u.id),
        Some(anna)
    );
    let again = store
        .create_session(anna, false, TIMES, at(11))
        .await
        .unwrap();
    assert_eq!(live(store, &again.token, at(12)).await, Some(anna));

    let err = store
        .set_active(UserId(anna.0 + ben.0 + 100), false, Actor::Operator, at(12))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
}

async fn t17_a_deactivated_coordinator_counts_as_absent_so_the_deputy_acts(db: TestDb) {
    let store = &db.store;
    let profile = klacht_core::profile::builtin("template").unwrap();
    let cora = person(store, "cora@example.org", &[Role::Coordinator]).await;
    let dave = person(store, "dave@example.org", &[Role::Deputy]).await;
    let acting = |org: &klacht_core::procedure::Org| -> Vec<UserId> {
        acting_coordinators(&profile, org, None)
            .iter()
            .map(|s| s.id)
            .collect()
    };
    let org = store.org().await.unwrap();
    assert_eq!(acting(&org), vec![cora]);

    store
        .set_active(cora, false, Actor::Operator, at(0))
        .await
        .unwrap();
    let org = store.org().await.unwrap();
    assert!(org.get(cora).unwrap().absent, "inactive counts as absent");
    assert!(
        !store.user(cora).await.unwrap().unwrap().absent,
        "but is not marked absent"
    );
    assert_eq!(acting(&org), vec![dave], "the deputy acts in her place");

    store
        .set_active(cora, true, Actor::Operator, at(1))
        .await
        .unwrap();
    assert_eq!(acting(&store.org().await.unwrap()), vec![cora]);
}

// ---------------------------------------------------------------------------------------------
// Failed sign-ins, second factor, password

async fn k8_a_totp_step_is_accepted_once_and_never_an_older_one(db: TestDb) {
    let store = &db.store;
    let anna = person(store, "anna@example.org", &[Role::Handler]).await;
    let ben = person(store, "ben@example.org", &[Role::Handler]).await;
    let key = SecretKey::generate();
    assert!(!store.user(anna).await.unwrap().unwrap().totp);
    assert_eq!(store.totp_secret(anna, &key).await.unwrap(), None);

    store
        .enrol_totp(anna, "JBSWY3DPEHPK3PXP", &key, at(0))
        .await
        .unwrap();
    assert!(store.user(anna).await.unwrap().unwrap().totp);
    assert_eq!(
        store.totp_secret(anna, &key).await.unwrap(),
        Some(Ok("JBSWY3DPEHPK3PXP".to_owned()))
    );
    assert!(!store.user(ben).await.unwrap().unwrap().totp);

    let step = 59_000_000_u64;
    assert!(store.use_totp_step(anna, step).await.unwrap());
    assert!(
        !store.use_totp_step(anna, step).await.unwrap(),
        "the same code twice"
    );
    assert!(
        !store.use_totp_step(anna, step - 1).await.unwrap(),
        "an older code"
    );
    assert!(store.use_totp_step(anna, step + 1).await.unwrap());
    assert!(!store.use_totp_step(anna, step).await.unwrap());
    // Another user's steps are their own.
    assert!(store.use_totp_step(ben, step).await.unwrap());

    // Two attempts with one code at the same moment: one gets in.
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.use_totp_step(anna, step + 2).await.unwrap() })
        })
        .collect();
    let mut accepted = 0;
    for t in tasks {
        accepted += usize::from(t.await.unwrap());
    }
    assert_eq!(accepted, 1, "a code is good once, also under concurrency");

    // Removing the second factor.
    store
        .clear_totp(anna, Actor::User(anna), at(1))
        .await
        .unwrap();
    assert!(!store.user(anna).await.unwrap().unwrap().totp);
    assert_eq!(store.totp_secret(anna, &key).await.unwrap(), None);
    let err = store
        .enrol_totp(UserId(anna.0 + ben.0 + 100), "X", &key, at(1))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
}

async fn k8_a_new_password_ends_every_session(db: TestDb) {
    let store = &db.store;
    let anna = person(store, "anna@example.org", &[Role::Handler]).await;
    let ben = person(store, "ben@example.org", &[Role::Handler]).await;
    let s1 = store
        .create_session(anna, false, TIMES, at(0))
        .await
        .unwrap();
    let s2 = store
        .create_session(anna, false, TIMES, at(0))
        .await
        .unwrap();
    let sb = store
        .create_session(ben, false, TIMES, at(0))
        .await
        .unwrap();
    store
        .set_password(anna, "$argon2id$v=19$x", at(1))
        .await
        .unwrap();
    assert_eq!(live(store, &s1.token, at(1)).await, None);
    assert_eq!(live(store, &s2.token, at(1)).await, None);
    assert_eq!(live(store, &sb.token, at(1)).await, Some(ben));
    assert_eq!(
        store
            .user(anna)
            .await
            .unwrap()
            .unwrap()
            .password_hash
            .as_deref(),
        Some("$argon2id$v=19$x")
    );
    let err = store
        .set_password(UserId(anna.0 + ben.0 + 100), "x", at(1))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
}

async fn name_roles_and_language_are_updated(db: TestDb) {
    let store = &db.store;
    let anna = person(store, "anna@example.org", &[Role::Handler, Role::Staff]).await;
    assert_eq!(store.user(anna).await.unwrap().unwrap().language, Lang::Nl);
    store
        .update_user_details(
            anna,
            "  Anna de Vries ",
            &BTreeSet::from([Role::Coordinator]),
            Actor::Operator,
            at(0),
        )
        .await
        .unwrap();
    let u = store.user(anna).await.unwrap().unwrap();
    assert_eq!(u.name, "Anna de Vries");
    assert_eq!(u.roles, BTreeSet::from([Role::Coordinator]));
    assert_eq!(
        store.org().await.unwrap().get(anna).unwrap().roles,
        BTreeSet::from([Role::Coordinator])
    );
    // No roles at all is allowed (an account that can do nothing).
    store
        .update_user_details(anna, "Anna", &BTreeSet::new(), Actor::Operator, at(0))
        .await
        .unwrap();
    assert!(store.user(anna).await.unwrap().unwrap().roles.is_empty());

    store.set_language(anna, Lang::En).await.unwrap();
    assert_eq!(store.user(anna).await.unwrap().unwrap().language, Lang::En);

    let nobody = UserId(anna.0 + 100);
    let err = store
        .update_user_details(
            nobody,
            "X",
            &BTreeSet::from([Role::Admin]),
            Actor::Operator,
            at(0),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM user_roles WHERE user_id = $1",
            &[P::I(nobody.0)]
        )
        .await,
        0,
        "nothing written for an unknown user"
    );
    let err = store.set_language(nobody, Lang::En).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
}

async fn k8_nobody_changes_their_own_roles_not_even_an_admin(db: TestDb) {
    let store = &db.store;
    let ada = person(store, "ada@example.org", &[Role::Admin]).await;
    let bob = person(store, "bob@example.org", &[Role::Admin]).await;
    // Ada, an administrator only, gives herself the coordinator's role: refused, nothing stored.
    let err = store
        .update_user_details(
            ada,
            "Ada",
            &BTreeSet::from([Role::Admin, Role::Coordinator]),
            Actor::User(ada),
            at(1),
        )
        .await
        .unwrap_err();
    match err {
        StoreError::Invalid { field, message } => {
            assert_eq!(field, "roles");
            assert!(message.contains("own roles"), "{message}");
        }
        e => panic!("expected Invalid on roles, got {e:?}"),
    }
    let u = store.user(ada).await.unwrap().unwrap();
    assert_eq!(u.roles, BTreeSet::from([Role::Admin]));
    assert_eq!(u.name, "ada@example.org", "the name was not saved either");
    assert!(store.account_audit(None, 10).await.unwrap().is_empty());
    // Her own name, with her roles as they are, she may change.
    store
        .update_user_details(
            ada,
            "Ada Admin",
            &BTreeSet::from([Role::Admin]),
            Actor::User(ada),
            at(2),
        )
        .await
        .unwrap();
    assert_eq!(store.user(ada).await.unwrap().unwrap().name, "Ada Admin");
    // Another administrator may give her the role (and the account log says who did).
    store
        .update_user_details(
            ada,
            "Ada Admin",
            &BTreeSet::from([Role::Admin, Role::Coordinator]),
            Actor::User(bob),
            at(3),
        )
        .await
        .unwrap();
    assert_eq!(
        store.user(ada).await.unwrap().unwrap().roles,
        BTreeSet::from([Role::Admin, Role::Coordinator])
    );
    let log = store.account_audit(None, 10).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].actor, log[0].subject, log[0].action),
        (Actor::User(bob), ada, AuditAction::Roles)
    );
}

async fn k8_every_account_change_is_logged_with_who_whom_and_when(db: TestDb) {
    let store = &db.store;
    let key = SecretKey::generate();
    let ada = person(store, "ada@example.org", &[Role::Admin]).await;
    let nina = store
        .create_user_by(
            &new_user("nina@example.org", "Nina", &[Role::Handler]),
            Actor::User(ada),
            at(1),
        )
        .await
        .unwrap();
    let link = store
        .create_password_link(nina, Actor::User(ada), SignedDuration::from_hours(1), at(2))
        .await
        .unwrap();
    store
        .use_password_link(&link, "$argon2id$v=19$nina", at(3))
        .await
        .unwrap();
    store
        .update_user_details(
            nina,
            "Nina",
            &BTreeSet::from([Role::Coordinator]),
            Actor::User(ada),
            at(4),
        )
        .await
        .unwrap();
    store
        .enrol_totp(nina, "JBSWY3DPEHPK3PXP", &key, at(5))
        .await
        .unwrap();
    let s = store
        .create_session(nina, false, TIMES, at(5))
        .await
        .unwrap();
    store
        .clear_totp(nina, Actor::User(ada), at(6))
        .await
        .unwrap();
    assert_eq!(
        live(store, &s.token, at(6)).await,
        None,
        "a reset ends her sessions"
    );
    store
        .set_active(nina, false, Actor::User(ada), at(7))
        .await
        .unwrap();
    store
        .set_active(nina, true, Actor::Operator, at(8))
        .await
        .unwrap();
    store
        .set_password(nina, "$argon2id$v=19$again", at(9))
        .await
        .unwrap();
    store
        .clear_totp(nina, Actor::User(nina), at(10))
        .await
        .unwrap();
    // Asking again for the same name and roles changes nothing and logs nothing.
    store
        .update_user_details(
            nina,
            "Nina",
            &BTreeSet::from([Role::Coordinator]),
            Actor::User(ada),
            at(11),
        )
        .await
        .unwrap();

    let log = store.account_audit(None, 100).await.unwrap();
    let lines: Vec<(Timestamp, Actor, UserId, AuditAction)> = log
        .iter()
        .map(|e| (e.at, e.actor, e.subject, e.action))
        .collect();
    let ada_ = Actor::User(ada);
    assert_eq!(
        lines,
        vec![
            (
                at(10),
                Actor::User(nina),
                nina,
                AuditAction::SecondFactorRemoved
            ),
            (at(9), Actor::User(nina), nina, AuditAction::PasswordSet),
            (at(8), Actor::Operator, nina, AuditAction::Activated),
            (at(7), ada_, nina, AuditAction::Deactivated),
            (at(6), ada_, nina, AuditAction::SecondFactorReset),
            (
                at(5),
                Actor::User(nina),
                nina,
                AuditAction::SecondFactorEnrolled
            ),
            (at(4), ada_, nina, AuditAction::Roles),
            (at(3), Actor::User(nina), nina, AuditAction::PasswordSet),
            (at(2), ada_, nina, AuditAction::PasswordLink),
            (at(1), ada_, nina, AuditAction::Created),
        ],
        "newest first"
    );
    let roles = &log[6];
    assert_eq!(roles.roles_before, Some(BTreeSet::from([Role::Handler])));
    assert_eq!(roles.roles_after, Some(BTreeSet::from([Role::Coordinator])));
    assert_eq!(roles.actor_name.as_deref(), Some("ada@example.org"));
    assert_eq!(
        (roles.subject_name.as_str(), roles.subject_email.as_str()),
        ("Nina", "nina@example.org")
    );
    assert_eq!(log[9].roles_after, Some(BTreeSet::from([Role::Handler])));
    assert_eq!(log[2].actor_name, None, "the operator has no name");

    // A password link for nobody is refused and logs nothing.
    let err = store
        .create_password_link(
            UserId(ada.0 + nina.0 + 100),
            Actor::User(ada),
            SignedDuration::from_hours(1),
            at(12),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    assert_eq!(store.account_audit(None, 100).await.unwrap().len(), 10);
}

async fn k8_the_account_log_pages_newest_first(db: TestDb) {
    let store = &db.store;
    let ada = person(store, "ada@example.org", &[Role::Admin]).await;
    let nina = person(store, "nina@example.org", &[Role::Handler]).await;
    for m in 0..7 {
        store
            .set_active(nina, m % 2 == 1, Actor::User(ada), at(m))
            .await
            .unwrap();
    }
    let first = store.account_audit(None, 3).await.unwrap();
    assert_eq!(
        first.iter().map(|e| e.at).collect::<Vec<_>>(),
        vec![at(6), at(5), at(4)]
    );
    let second = store.account_audit(Some(first[2].id), 3).await.unwrap();
    assert_eq!(
        second.iter().map(|e| e.at).collect::<Vec<_>>(),
        vec![at(3), at(2), at(1)]
    );
    let last = store.account_audit(Some(second[2].id), 3).await.unwrap();
    assert_eq!(last.iter().map(|e| e.at).collect::<Vec<_>>(), vec![at(0)]);
    assert_eq!(last[0].action, AuditAction::Deactivated);
}

async fn k8_totp_secrets_are_sealed_with_a_key_kept_outside_the_database(db: TestDb) {
    let store = &db.store;
    let key = SecretKey::generate();
    let anna = person(store, "anna@example.org", &[Role::Coordinator]).await;
    let ben = person(store, "ben@example.org", &[Role::Coordinator]).await;
    let secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    store.enrol_totp(anna, secret, &key, at(0)).await.unwrap();
    let raw: String = db
        .fetch(
            "SELECT totp_secret FROM users WHERE id = $1",
            &[P::I(anna.0)],
        )
        .await[0]
        .try_get(0)
        .unwrap();
    assert!(!raw.contains(secret), "stored as is: {raw}");
    assert!(!raw.contains("JBSWY3DP"), "{raw}");
    assert!(raw.starts_with("sealed:v1:"), "{raw}");
    assert_eq!(
        store.totp_secret(anna, &key).await.unwrap(),
        Some(Ok(secret.to_owned()))
    );
    // Another key (the key file lost and made anew) opens nothing.
    assert_eq!(
        store
            .totp_secret(anna, &SecretKey::generate())
            .await
            .unwrap(),
        Some(Err(Unreadable))
    );
    // Anna's sealed secret copied onto Ben's account does not open for Ben.
    db.exec(
        "UPDATE users SET totp_secret = $1 WHERE id = $2",
        &[P::T(raw.clone()), P::I(ben.0)],
    )
    .await;
    assert_eq!(
        store.totp_secret(ben, &key).await.unwrap(),
        Some(Err(Unreadable))
    );
    let report = store.seal_totp_secrets(&key).await.unwrap();
    assert_eq!(report.sealed, 0);
    assert_eq!(report.unreadable, vec![ben]);
}

async fn k8_plain_totp_secrets_from_before_are_sealed_at_start(db: TestDb) {
    let store = &db.store;
    let key = SecretKey::generate();
    let anna = person(store, "anna@example.org", &[Role::Coordinator]).await;
    let ben = person(store, "ben@example.org", &[Role::Handler]).await;
    // As an older version stored it.
    db.exec(
        "UPDATE users SET totp_secret = $1 WHERE id = $2",
        &[P::T("JBSWY3DPEHPK3PXP".into()), P::I(anna.0)],
    )
    .await;
    assert_eq!(
        store.totp_secret(anna, &key).await.unwrap(),
        Some(Ok("JBSWY3DPEHPK3PXP".to_owned()))
    );
    let report = store.seal_totp_secrets(&key).await.unwrap();
    assert_eq!((report.sealed, report.unreadable.len()), (1, 0));
    let raw: String = db
        .fetch(
            "SELECT totp_secret FROM users WHERE id = $1",
            &[P::I(anna.0)],
        )
        .await[0]
        .try_get(0)
        .unwrap();
    assert!(
        raw.starts_with("sealed:v1:") && !raw.contains("JBSWY3DP"),
        "{raw}"
    );
    assert_eq!(
        store.totp_secret(anna, &key).await.unwrap(),
        Some(Ok("JBSWY3DPEHPK3PXP".to_owned()))
    );
    assert_eq!(store.totp_secret(ben, &key).await.unwrap(), None);
    // A second start finds nothing left to seal.
    assert_eq!(store.seal_totp_secrets(&key).await.unwrap().sealed, 0);
}

// ---------------------------------------------------------------------------------------------
// One-time links

async fn k8_the_setup_link_creates_the_first_user_once(db: TestDb) {
    let store = &db.store;
    let ttl = SignedDuration::from_hours(24);
    assert!(!store.has_users().await.unwrap());

    // An expired setup link fails and creates nobody.
    let old = store
        .create_account_link(None, LinkPurpose::Setup, ttl, at(0))
        .await
        .unwrap();
    let late = at(0) + ttl;
    assert_eq!(store.account_link(&old, late).await.unwrap(), None);
    let err = store
        .use_setup_link(&old, &first("cora"), late)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    assert!(!store.has_users().await.unwrap());

    // A new setup link replaces the older one.
    let token = store
        .create_account_link(None, LinkPurpose::Setup, ttl, at(1))
        .await
        .unwrap();
    assert_ne!(token, old);
    assert_eq!(store.account_link(&old, at(2)).await.unwrap(), None);
    let link = store.account_link(&token, at(2)).await.unwrap().unwrap();
    assert_eq!(link.purpose, LinkPurpose::Setup);
    assert_eq!(link.user, None);
    assert_eq!(link.expires_at, at(1) + ttl);

    let id = store
        .use_setup_link(&token, &first("cora"), at(3))
        .await
        .unwrap();
    let cora = store.user(id).await.unwrap().unwrap();
    assert_eq!(cora.email, "cora@example.org");
    assert_eq!(cora.roles, BTreeSet::from([Role::Coordinator]));
    assert_eq!(cora.password_hash.as_deref(), Some("$argon2id$v=19$first"));
    assert!(cora.active);
    assert!(store.has_users().await.unwrap());
    // The account log has who made the first account (she herself), with its roles and password.
    let log = store.account_audit(None, 10).await.unwrap();
    let lines: Vec<_> = log
        .iter()
        .map(|e| (e.at, e.actor, e.subject, e.action))
        .collect();
    assert_eq!(
        lines,
        vec![
            (at(3), Actor::User(id), id, AuditAction::PasswordSet),
            (at(3), Actor::User(id), id, AuditAction::Created),
        ]
    );
    assert_eq!(
        log[1].roles_after,
        Some(BTreeSet::from([Role::Coordinator]))
    );

    // Spent: not shown again, not usable again.
    assert_eq!(store.account_link(&token, at(4)).await.unwrap(), None);
    let err = store
        .use_setup_link(&token, &first("eve"), at(4))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");

    // A fresh setup link once somebody exists: not offered, and it creates nobody.
    let another = store
        .create_account_link(None, LinkPurpose::Setup, ttl, at(5))
        .await
        .unwrap();
    assert_eq!(store.account_link(&another, at(6)).await.unwrap(), None);
    let err = store
        .use_setup_link(&another, &first("eve"), at(6))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    assert_eq!(store.users().await.unwrap().len(), 1);
    assert!(
        store
            .user_by_email("eve@example.org")
            .await
            .unwrap()
            .is_none()
    );

    // A password link is no setup link.
    let pw = store
        .create_account_link(Some(id), LinkPurpose::Password, ttl, at(7))
        .await
        .unwrap();
    assert!(
        store
            .use_setup_link(&pw, &first("eve"), at(8))
            .await
            .is_err()
    );
    assert_eq!(store.users().await.unwrap().len(), 1);
    // … and the failed attempt did not spend it.
    assert!(store.account_link(&pw, at(8)).await.unwrap().is_some());
}

async fn k8_two_concurrent_setups_create_exactly_one_user(db: TestDb) {
    let store = db.store.clone();
    let ttl = SignedDuration::from_hours(1);

    // Eight uses of one link at once.
    let token = store
        .create_account_link(None, LinkPurpose::Setup, ttl, at(0))
        .await
        .unwrap();
    let barrier = Arc::new(tokio::sync::Barrier::new(8));
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let (store, token, barrier) = (store.clone(), token.clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                store
                    .use_setup_link(&token, &first(&format!("c{i}")), at(1))
                    .await
            })
        })
        .collect();
    let mut made = Vec::new();
    for t in tasks {
        match t.await.unwrap() {
            Ok(id) => made.push(id),
            Err(StoreError::NotFound(_)) => {}
            Err(e) => panic!("a losing setup fails as NotFound, not {e:?}"),
        }
    }
    assert_eq!(made.len(), 1, "exactly one first user");
    assert_eq!(store.users().await.unwrap().len(), 1);
}

/// Two different setup links that are both good (as after two `klacht setup` at the same
/// moment) used at once: still one first user. The first link is hidden while the second is
/// made, because a new setup link replaces the older ones.
async fn k8_two_good_setup_links_used_at_once_create_exactly_one_user(db: TestDb) {
    let store = db.store.clone();
    let ttl = SignedDuration::from_hours(1);
    for round in 0..5 {
        db.exec("DELETE FROM account_links", &[]).await;
        db.exec("DELETE FROM account_audit", &[]).await;
        db.exec("DELETE FROM user_roles", &[]).await;
        db.exec("DELETE FROM users", &[]).await;
        let a = store
            .create_account_link(None, LinkPurpose::Setup, ttl, at(0))
            .await
            .unwrap();
        db.exec("UPDATE account_links SET purpose = 'hidden'", &[])
            .await;
        let b = store
            .create_account_link(None, LinkPurpose::Setup, ttl, at(0))
            .await
            .unwrap();
        db.exec(
            "UPDATE account_links SET purpose = 'setup' WHERE purpose = 'hidden'",
            &[],
        )
        .await;
        assert!(store.account_link(&a, at(1)).await.unwrap().is_some());
        assert!(store.account_link(&b, at(1)).await.unwrap().is_some());
        let barrier = Arc::new(tokio::sync::Barrier::new(2));
        let tasks: Vec<_> = [a, b]
            .into_iter()
            .enumerate()
            .map(|(i, token)| {
                let (store, barrier) = (store.clone(), barrier.clone());
                tokio::spawn(async move {
                    barrier.wait().await;
                    store
                        .use_setup_link(&token, &first(&format!("r{round}x{i}")), at(1))
                        .await
                })
            })
            .collect();
        let mut ok = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(_) => ok += 1,
                Err(StoreError::NotFound(_)) => {}
                Err(e) => panic!("a losing setup fails as NotFound, not {e:?}"),
            }
        }
        assert_eq!(ok, 1, "round {round}: exactly one first user");
        assert_eq!(store.users().await.unwrap().len(), 1, "round {round}");
    }
}

async fn k8_a_password_link_sets_the_password_once_and_ends_sessions(db: TestDb) {
    let store = &db.store;
    let ttl = SignedDuration::from_hours(1);
    let anna = person(store, "anna@example.org", &[Role::Handler]).await;
    let ben = person(store, "ben@example.org", &[Role::Handler]).await;
    let s = store
        .create_session(anna, false, TIMES, at(0))
        .await
        .unwrap();
    let sb = store
        .create_session(ben, false, TIMES, at(0))
        .await
        .unwrap();

    let token = store
        .create_account_link(Some(anna), LinkPurpose::Password, ttl, at(1))
        .await
        .unwrap();
    let link = store.account_link(&token, at(2)).await.unwrap().unwrap();
    assert_eq!(link.user, Some(anna));
    assert_eq!(link.purpose, LinkPurpose::Password);
    assert_eq!(link.expires_at, at(1) + ttl);
    // Checking the link (showing the form) does not spend it.
    assert!(store.account_link(&token, at(3)).await.unwrap().is_some());

    assert_eq!(
        store
            .use_password_link(&token, "$argon2id$v=19$one", at(4))
            .await
            .unwrap(),
        anna
    );
    let u = store.user(anna).await.unwrap().unwrap();
    assert_eq!(u.password_hash.as_deref(), Some("$argon2id$v=19$one"));
    assert_eq!(live(store, &s.token, at(5)).await, None, "her sessions end");
    assert_eq!(live(store, &sb.token, at(5)).await, Some(ben));

    // Once only.
    assert_eq!(store.account_link(&token, at(5)).await.unwrap(), None);
    let err = store
        .use_password_link(&token, "$argon2id$v=19$two", at(5))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    assert_eq!(
        store
            .user(anna)
            .await
            .unwrap()
            .unwrap()
            .password_hash
            .as_deref(),
        Some("$argon2id$v=19$one")
    );

    // Expired: refused, nothing changes.
    let expiring = store
        .create_account_link(Some(anna), LinkPurpose::Password, ttl, at(10))
        .await
        .unwrap();
    let late = at(10) + ttl;
    assert_eq!(store.account_link(&expiring, late).await.unwrap(), None);
    let err = store
        .use_password_link(&expiring, "$argon2id$v=19$late", late)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    assert_eq!(
        store
            .user(anna)
            .await
            .unwrap()
            .unwrap()
            .password_hash
            .as_deref(),
        Some("$argon2id$v=19$one")
    );

    // A newer link replaces the user's older one, not somebody else's.
    let older = store
        .create_account_link(Some(anna), LinkPurpose::Password, ttl, at(20))
        .await
        .unwrap();
    let for_ben = store
        .create_account_link(Some(ben), LinkPurpose::Password, ttl, at(20))
        .await
        .unwrap();
    let newer = store
        .create_account_link(Some(anna), LinkPurpose::Password, ttl, at(21))
        .await
        .unwrap();
    assert_eq!(store.account_link(&older, at(22)).await.unwrap(), None);
    assert!(store.use_password_link(&older, "x", at(22)).await.is_err());
    assert!(store.account_link(&newer, at(22)).await.unwrap().is_some());
    assert_eq!(
        store
            .use_password_link(&for_ben, "$argon2id$v=19$ben", at(22))
            .await
            .unwrap(),
        ben
    );
    assert_eq!(live(store, &sb.token, at(23)).await, None);

    // Unknown tokens and setup links are no password links.
    assert!(store.use_password_link("", "x", at(23)).await.is_err());
    let setup = store
        .create_account_link(None, LinkPurpose::Setup, ttl, at(23))
        .await
        .unwrap();
    assert!(store.use_password_link(&setup, "x", at(24)).await.is_err());
    assert_eq!(
        store
            .user(anna)
            .await
            .unwrap()
            .unwrap()
            .password_hash
            .as_deref(),
        Some("$argon2id$v=19$one")
    );
}

// ---------------------------------------------------------------------------------------------
// Calendar feed

async fn k8_a_new_calendar_token_replaces_the_old_one(db: TestDb) {
    let store = &db.store;
    let anna = person(store, "anna@example.org", &[Role::Handler]).await;
    let ben = person(store, "ben@example.org", &[Role::Handler]).await;
    assert!(!store.has_calendar(anna).await.unwrap());
    assert_eq!(store.user_by_calendar_token("").await.unwrap(), None);

    let first = store.new_calendar_token(anna).await.unwrap();
    let for_ben = store.new_calendar_token(ben).await.unwrap();
    assert!(store.has_calendar(anna).await.unwrap());
    assert_eq!(
        store
            .user_by_calendar_token(&first)
            .await
            .unwrap()
            .map(|u| u.id),
        Some(anna)
    );
    assert_eq!(
        store
            .user_by_calendar_token(&for_ben)
            .await
            .unwrap()
            .map(|u| u.id),
        Some(ben)
    );
    // The feed token is no API token and the other way round.
    assert_eq!(store.user_by_token(&first).await.unwrap(), None);
    let api = store.create_token(anna, at(0)).await.unwrap();
    assert_eq!(store.user_by_calendar_token(&api).await.unwrap(), None);

    let second = store.new_calendar_token(anna).await.unwrap();
    assert_ne!(first, second);
    assert_eq!(store.user_by_calendar_token(&first).await.unwrap(), None);
    assert_eq!(
        store
            .user_by_calendar_token(&second)
            .await
            .unwrap()
            .map(|u| u.id),
        Some(anna)
    );

    store.revoke_calendar_token(anna).await.unwrap();
    assert!(!store.has_calendar(anna).await.unwrap());
    assert_eq!(store.user_by_calendar_token(&second).await.unwrap(), None);

    // Deactivating revokes the feed, as it does sessions and tokens: activating again does not
    // bring the old address back.
    let third = store.new_calendar_token(anna).await.unwrap();
    store
        .set_active(anna, false, Actor::Operator, at(1))
        .await
        .unwrap();
    assert_eq!(store.user_by_calendar_token(&third).await.unwrap(), None);
    store
        .set_active(anna, true, Actor::Operator, at(2))
        .await
        .unwrap();
    assert_eq!(store.user_by_calendar_token(&third).await.unwrap(), None);
    assert!(!store.has_calendar(anna).await.unwrap());
    assert!(
        store
            .user_by_calendar_token(&for_ben)
            .await
            .unwrap()
            .is_some()
    );

    let err = store
        .new_calendar_token(UserId(anna.0 + ben.0 + 100))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
}

// ---------------------------------------------------------------------------------------------
// Housekeeping

async fn purge_removes_ended_sessions_and_spent_links_only(db: TestDb) {
    let store = &db.store;
    let ttl = SignedDuration::from_hours(1);
    let anna = person(store, "anna@example.org", &[Role::Handler]).await;
    let ben = person(store, "ben@example.org", &[Role::Handler]).await;
    let used = store
        .create_account_link(Some(anna), LinkPurpose::Password, ttl, at(0))
        .await
        .unwrap();
    store.use_password_link(&used, "x", at(1)).await.unwrap();
    let _expired = store
        .create_account_link(
            Some(ben),
            LinkPurpose::Password,
            SignedDuration::from_mins(5),
            at(0),
        )
        .await
        .unwrap();
    let good = store
        .create_account_link(None, LinkPurpose::Setup, ttl, at(0))
        .await
        .unwrap();
    let ended = store
        .create_session(anna, false, TIMES, at(1))
        .await
        .unwrap();
    let alive = store
        .create_session(ben, false, TIMES, at(20))
        .await
        .unwrap();
    // At +35 min: Anna's session ended (idle), Ben's runs; one link used, one expired.
    assert_eq!(store.purge_expired(at(35)).await.unwrap(), 3);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM sessions", &[]).await, 1);
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM account_links", &[]).await,
        1
    );
    assert_eq!(live(store, &alive.token, at(36)).await, Some(ben));
    assert_eq!(live(store, &ended.token, at(36)).await, None);
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM account_links WHERE purpose = 'setup'",
            &[]
        )
        .await,
        1,
        "the good link stays: {good}"
    );
    assert_eq!(store.purge_expired(at(36)).await.unwrap(), 0);
}

async fn k8_secrets_are_stored_only_as_hashes(db: TestDb) {
    let store = &db.store;
    let anna = person(store, "anna@example.org", &[Role::Handler]).await;
    let s = store
        .create_session(anna, false, TIMES, at(0))
        .await
        .unwrap();
    let link = store
        .create_account_link(
            Some(anna),
            LinkPurpose::Password,
            SignedDuration::from_hours(1),
            at(0),
        )
        .await
        .unwrap();
    let feed = store.new_calendar_token(anna).await.unwrap();
    for token in [&s.token, &link, &feed] {
        assert_eq!(token.len(), 64, "256 bits, hex");
    }
    let mut stored = Vec::new();
    for sql in [
        "SELECT token_hash FROM sessions",
        "SELECT token_hash FROM account_links",
        "SELECT calendar_token_hash FROM users WHERE calendar_token_hash IS NOT NULL",
    ] {
        for r in db.fetch(sql, &[]).await {
            stored.push(r.try_get::<String, _>(0).unwrap());
        }
    }
    assert_eq!(stored.len(), 3);
    for value in &stored {
        for secret in [&s.token, &link, &feed] {
            assert!(!value.contains(secret.as_str()), "a secret is stored as is");
        }
    }
}

async fn recovery_codes_work_once_are_stored_hashed_and_end_with_the_second_factor(db: TestDb) {
    let store = &db.store;
    let anna = person(store, "anna@example.org", &[Role::Handler]).await;
    let ben = person(store, "ben@example.org", &[Role::Handler]).await;
    let key = SecretKey::generate();
    store
        .enrol_totp(anna, "JBSWY3DPEHPK3PXP", &key, at(0))
        .await
        .unwrap();
    let codes: Vec<String> = ["abcdefghjkmnpqrs", "stuvwxyz23456789", "mnpqrstuvwxyz234"]
        .map(str::to_owned)
        .to_vec();
    store.set_recovery_codes(anna, &codes, at(1)).await.unwrap();
    assert_eq!(store.recovery_codes_left(anna).await.unwrap(), 3);
    assert_eq!(store.recovery_codes_left(ben).await.unwrap(), 0);
    // Only their hashes are stored.
    let stored = db.fetch("SELECT code_hash FROM recovery_codes", &[]).await;
    assert_eq!(stored.len(), 3);
    for r in &stored {
        let value: String = r.try_get(0).unwrap();
        assert_eq!(value.len(), 64, "SHA-256, hex");
        assert!(codes.iter().all(|c| !value.contains(c.as_str())));
    }
    // Each works once, for its own user only.
    assert_eq!(
        store
            .use_recovery_code(ben, &codes[0], at(2))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .use_recovery_code(anna, &codes[0], at(2))
            .await
            .unwrap(),
        Some(2)
    );
    assert_eq!(
        store
            .use_recovery_code(anna, &codes[0], at(3))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .use_recovery_code(anna, "nothing-of-hers", at(3))
            .await
            .unwrap(),
        None
    );
    // Used at the same moment from two places: one gets in.
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let store = store.clone();
            let code = codes[1].clone();
            tokio::spawn(async move { store.use_recovery_code(anna, &code, at(4)).await.unwrap() })
        })
        .collect();
    let mut accepted = Vec::new();
    for t in tasks {
        accepted.extend(t.await.unwrap());
    }
    assert_eq!(
        accepted,
        vec![1],
        "a code is good once, also under concurrency"
    );
    // New codes stop the old ones.
    store
        .set_recovery_codes(anna, &["zzzzzzzzzzzzzzzz".to_owned()], at(5))
        .await
        .unwrap();
    assert_eq!(
        store
            .use_recovery_code(anna, &codes[2], at(5))
            .await
            .unwrap(),
        None
    );
    assert_eq!(store.recovery_codes_left(anna).await.unwrap(), 1);
    // Clearing the second factor ends them.
    store
        .clear_totp(anna, Actor::Operator, at(6))
        .await
        .unwrap();
    assert_eq!(store.recovery_codes_left(anna).await.unwrap(), 0);
    // In the account log, as done by Anna herself.
    let log: Vec<(Actor, AuditAction)> = store
        .account_audit(None, 20)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.subject == anna)
        .map(|e| (e.actor, e.action))
        .rev()
        .collect();
    assert_eq!(
        log,
        vec![
            (Actor::User(anna), AuditAction::SecondFactorEnrolled),
            (Actor::User(anna), AuditAction::RecoveryCodesMade),
            (Actor::User(anna), AuditAction::RecoveryCodeUsed),
            (Actor::User(anna), AuditAction::RecoveryCodeUsed),
            (Actor::User(anna), AuditAction::RecoveryCodesMade),
            (Actor::Operator, AuditAction::SecondFactorReset),
        ]
    );
    // Unknown user: nothing to make codes for.
    let err = store
        .set_recovery_codes(UserId(anna.0 + ben.0 + 100), &codes, at(7))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
}
