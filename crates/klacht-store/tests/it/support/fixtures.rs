//! A small organisation and complaints built through the real procedure engine.

use super::Contract;
use jiff::Timestamp;
use klacht_core::procedure::{
    Command, Complainant, Complaint, Ctx, Event, NewComplaint, Org, Staff, decide, register,
};
use klacht_core::{Calendar, Channel, Lang, Profile, Reference, Role};
use klacht_store::traits::*;
use klacht_store::{NewRecord, NewUser};
use std::collections::BTreeSet;

/// A timestamp from RFC 3339 text. Whole seconds: the store keeps microseconds.
pub fn ts(s: &str) -> Timestamp {
    s.parse().unwrap_or_else(|e| panic!("timestamp {s:?}: {e}"))
}

pub fn new_user(email: &str, name: &str, roles: &[Role]) -> NewUser {
    NewUser {
        email: email.to_owned(),
        name: name.to_owned(),
        roles: roles.iter().copied().collect::<BTreeSet<_>>(),
        password_hash: None,
    }
}

/// A complaint as it comes in.
pub fn new_complaint(
    channel: Channel,
    received_at: Timestamp,
    name: &str,
    description: &str,
) -> NewComplaint {
    NewComplaint {
        channel,
        received_at,
        received_by: None,
        received_where: None,
        concerns: None,
        relation: None,
        complainant: Complainant {
            name: name.to_owned(),
            email: Some(format!(
                "{}@example.nl",
                name.to_lowercase().replace(' ', ".")
            )),
            phone: Some("06 1234 5678".to_owned()),
            address: None,
            date_of_birth: None,
        },
        on_behalf_of: None,
        description: description.to_owned(),
        language: Lang::Nl,
        resolved_directly: None,
        documents: Vec::new(),
    }
}

/// A complaint as stored: its id, reference and the timeline and state the engine produced.
#[derive(Debug, Clone)]
pub struct Case {
    pub id: i64,
    pub reference: Reference,
    pub events: Vec<Event>,
    pub state: Complaint,
}

/// The template profile, registered in the store, and five staff members.
pub struct World {
    pub store: Contract,
    pub profile: Profile,
    pub profile_id: i64,
    pub calendar: Calendar,
    pub org: Org,
    /// Coordinator.
    pub cora: Staff,
    /// Handler.
    pub hans: Staff,
    /// Handler.
    pub hilde: Staff,
    /// Staff member: registers complaints and is complained about.
    pub sam: Staff,
    /// Director.
    pub dirk: Staff,
}

impl World {
    pub async fn new(store: &Contract) -> World {
        let now = ts("2025-01-02T08:00:00Z");
        let people: [(&str, &str, &[Role]); 5] = [
            ("cora@example.org", "Cora Coördinator", &[Role::Coordinator]),
            ("hans@example.org", "Hans Handler", &[Role::Handler]),
            ("hilde@example.org", "Hilde Handler", &[Role::Handler]),
            ("sam@example.org", "Sam Staff", &[Role::Staff]),
            ("dirk@example.org", "Dirk Directeur", &[Role::Director]),
        ];
        for (email, name, roles) in people {
            store
                .create_user(&new_user(email, name, roles), now)
                .await
                .expect("create user");
        }
        let org = store.org().await.expect("org");
        let find = |email: &str| -> Staff {
            let name = people
                .iter()
                .find(|p| p.0 == email)
                .map(|p| p.1)
                .expect("known person");
            org.staff
                .iter()
                .find(|s| s.name == name)
                .cloned()
                .unwrap_or_else(|| panic!("{name} in org()"))
        };
        let (cora, hans, hilde, sam, dirk) = (
            find("cora@example.org"),
            find("hans@example.org"),
            find("hilde@example.org"),
            find("sam@example.org"),
            find("dirk@example.org"),
        );
        let profile = klacht_core::profile::builtin("template").expect("template profile");
        let source = klacht_core::profile::builtin_source("template").expect("template source");
        let profile_id = store
            .register_profile(&profile, source, now)
            .await
            .expect("register profile");
        World {
            store: store.clone(),
            profile,
            profile_id,
            calendar: Calendar::dutch(),
            org,
            cora,
            hans,
            hilde,
            sam,
            dirk,
        }
    }

    pub fn ctx(&self, now: Timestamp) -> Ctx<'_> {
        Ctx {
            profile: &self.profile,
            calendar: &self.calendar,
            org: &self.org,
            now,
        }
    }

    /// Registers a complaint through the engine, without storing it.
    pub fn record(&self, who: Option<&Staff>, new: NewComplaint, now: Timestamp) -> NewRecord {
        let events = register(&self.ctx(now), who, new).expect("the engine registers it");
        let state = Complaint::replay(&events).expect("a registration");
        NewRecord {
            profile_id: self.profile_id,
            events,
            state,
        }
    }

    /// Registers and stores a complaint.
    pub async fn create(&self, who: Option<&Staff>, new: NewComplaint, now: Timestamp) -> Case {
        let rec = self.record(who, new, now);
        let (events, state) = (rec.events.clone(), rec.state.clone());
        let (id, reference) = self
            .store
            .create_complaint(rec)
            .await
            .expect("create complaint");
        Case {
            id,
            reference,
            events,
            state,
        }
    }

    /// Decides a step through the engine, without storing it: the events and the new state.
    pub fn decide(
        &self,
        state: &Complaint,
        who: &Staff,
        cmd: Command,
        now: Timestamp,
    ) -> (Vec<Event>, Complaint) {
        let events = decide(&self.ctx(now), state, who, cmd.clone())
            .unwrap_or_else(|r| panic!("{} may {cmd:?}: {r:?}", who.name));
        let mut next = state.clone();
        for e in &events {
            next.apply(e);
        }
        (events, next)
    }

    /// Decides a step on `here` that concerns `there` as well (a duplicate, a related link) and
    /// appends each one's events in one transaction.
    pub async fn act_pair(
        &self,
        here: &mut Case,
        there: &mut Case,
        who: &Staff,
        cmd: Command,
        now: Timestamp,
    ) {
        let other = klacht_core::procedure::Counterpart {
            here: &here.reference,
            there: &there.reference,
            complaint: &there.state,
            profile: &self.profile,
        };
        let pair =
            klacht_core::procedure::decide_pair(&self.ctx(now), &here.state, who, cmd, &other)
                .unwrap_or_else(|r| panic!("{} may take the step: {r:?}", who.name));
        let (mut a, mut b) = (here.state.clone(), there.state.clone());
        pair.here.iter().for_each(|e| a.apply(e));
        pair.there.iter().for_each(|e| b.apply(e));
        let none = klacht_store::FollowUp::default();
        self.store
            .append_each(&[
                klacht_store::Append {
                    id: here.id,
                    expected_version: here.state.version,
                    events: &pair.here,
                    state: &a,
                    follow: &none,
                },
                klacht_store::Append {
                    id: there.id,
                    expected_version: there.state.version,
                    events: &pair.there,
                    state: &b,
                    follow: &none,
                },
            ])
            .await
            .expect("append both");
        here.events.extend(pair.here);
        here.state = a;
        there.events.extend(pair.there);
        there.state = b;
    }

    /// Decides a step and appends it to the stored complaint.
    pub async fn act(&self, case: &mut Case, who: &Staff, cmd: Command, now: Timestamp) {
        let (events, next) = self.decide(&case.state, who, cmd, now);
        self.store
            .append(case.id, case.state.version, &events, &next)
            .await
            .expect("append");
        case.events.extend(events);
        case.state = next;
    }
}
