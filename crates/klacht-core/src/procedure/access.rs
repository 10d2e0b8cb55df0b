//! Who may do what on a complaint: capacities from roles and involvement (K3, T17, K8).

use super::event::{Complainant, EventBody, Level};
use super::state::Complaint;
use crate::personal::Personal;
use crate::profile::{Capacity, Profile};
use crate::types::{Role, UserId};
use std::collections::BTreeSet;

/// A staff member as the engine needs to know them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub id: UserId,
    pub name: String,
    pub roles: BTreeSet<Role>,
    /// Marked absent: a deputy acts in their place (T17).
    pub absent: bool,
}

impl Staff {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// The organisation's staff, as far as the procedure needs it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Org {
    pub staff: Vec<Staff>,
}

impl Org {
    pub fn get(&self, id: UserId) -> Option<&Staff> {
        self.staff.iter().find(|s| s.id == id)
    }
}

fn meets_coordinator_condition(profile: &Profile, s: &Staff) -> bool {
    profile.roles.coordinator_must_be.is_none_or(|r| s.has(r))
}

fn available(concerns: Option<UserId>, s: &Staff) -> bool {
    !s.absent && concerns != Some(s.id)
}

/// The people who may act as coordinator on this complaint: the coordinators who are present and
/// not complained about; failing those, the first deputy role that has such a person (T17, K3).
pub fn acting_coordinators<'a>(
    profile: &Profile,
    org: &'a Org,
    complaint: Option<&Complaint>,
) -> Vec<&'a Staff> {
    acting_coordinators_for(profile, org, complaint.and_then(|c| c.concerns))
}

/// [`acting_coordinators`] for a complaint known only by whom it is about (`concerns`), as the
/// projection has it: the background jobs need no whole dossier.
pub fn acting_coordinators_for<'a>(
    profile: &Profile,
    org: &'a Org,
    concerns: Option<UserId>,
) -> Vec<&'a Staff> {
    let eligible = |s: &&Staff| meets_coordinator_condition(profile, s) && available(concerns, s);
    let coordinators: Vec<&Staff> = org
        .staff
        .iter()
        .filter(|s| s.has(Role::Coordinator))
        .filter(eligible)
        .collect();
    if !coordinators.is_empty() {
        return coordinators;
    }
    for role in &profile.roles.deputies {
        let deputies: Vec<&Staff> = org
            .staff
            .iter()
            .filter(|s| s.has(*role))
            .filter(eligible)
            .collect();
        if !deputies.is_empty() {
            return deputies;
        }
    }
    Vec::new()
}

/// The capacities in which `who` may act on `complaint` (or on a new complaint, with `None`).
pub fn capacities(
    profile: &Profile,
    org: &Org,
    complaint: Option<&Complaint>,
    who: &Staff,
) -> BTreeSet<Capacity> {
    let mut caps = BTreeSet::new();
    if let Some(c) = complaint
        && c.concerns == Some(who.id)
    {
        // K3: the person complained about takes part only as the one involved.
        caps.insert(Capacity::Involved);
        return caps;
    }
    if who.roles.iter().all(|r| *r == Role::Admin) {
        return caps;
    }
    caps.insert(Capacity::Staff);
    if who.has(Role::Registrar) {
        caps.insert(Capacity::Registrar);
    }
    let coordinating = match complaint {
        // Anyone holding the coordinator role may register; acting on a complaint follows T17.
        None => who.has(Role::Coordinator) && meets_coordinator_condition(profile, who),
        Some(_) => acting_coordinators(profile, org, complaint)
            .iter()
            .any(|s| s.id == who.id),
    };
    if coordinating {
        caps.insert(Capacity::Coordinator);
    }
    if let Some(c) = complaint {
        if c.handler == Some(who.id) {
            caps.insert(Capacity::Handler);
        }
        if who.has(Role::Director) && c.escalation.is_some() {
            caps.insert(Capacity::Director);
        }
        if who.has(Role::Board) && c.escalation == Some(Level::Board) {
            caps.insert(Capacity::Board);
        }
    } else {
        if who.has(Role::Director) {
            caps.insert(Capacity::Director);
        }
        if who.has(Role::Board) {
            caps.insert(Capacity::Board);
        }
    }
    caps
}

/// How much of a dossier somebody may see (K8, T10, K3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Everything, including handling notes.
    Full,
    /// The person complained about: the complaint and what they must do, never the handling
    /// notes (K3, K5, K6, K11).
    Involved,
    /// Not at all.
    None,
}

pub fn view(profile: &Profile, org: &Org, complaint: &Complaint, who: &Staff) -> View {
    let caps = capacities(profile, org, Some(complaint), who);
    if caps.contains(&Capacity::Involved) {
        return View::Involved;
    }
    let handles = [
        Capacity::Coordinator,
        Capacity::Handler,
        Capacity::Director,
        Capacity::Board,
    ]
    .iter()
    .any(|c| caps.contains(c));
    // Coordinators and deputies oversee every complaint not about themselves; whoever took a
    // complaint in keeps sight of it.
    if handles
        || who.has(Role::Coordinator)
        || who.has(Role::Deputy)
        || (complaint.received_by == Some(who.id) && caps.contains(&Capacity::Staff))
    {
        View::Full
    } else {
        View::None
    }
}

/// Whose complaints a list or a search shows someone (K8, K3): a complaint is in their list
/// exactly when their [`view`] of it is not [`View::None`]. The same rule as `view`, in a form a
/// store can ask for many complaints at once: their own involvement (as handler, as the one who
/// took it in, as the person complained about, in restricted form), what their roles oversee,
/// and the complaints on which they act as coordinator (T17).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListScope {
    pub user: UserId,
    /// Every complaint (those about themselves in restricted form): coordinators and deputies,
    /// and whoever acts as coordinator while no coordinator can (T17).
    pub all: bool,
    /// Directors: escalated complaints.
    pub escalated: bool,
    /// Board: complaints escalated to the board.
    pub board: bool,
    /// The complaints about this person: the one coordinator (or deputy) who would act on
    /// everything else is complained about there, and this person acts in their place (T17, K3).
    pub about: Option<UserId>,
    /// Nothing but what concerns them: an account that only administers accounts.
    pub none: bool,
}

/// On which complaints someone acts as coordinator (T17, K3): [`acting_coordinators_for`] turned
/// around, for a list, a search or a feed that cannot ask it complaint by complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coordinating {
    me: UserId,
    /// On every complaint except those about themselves.
    pub everywhere: bool,
    /// Only on the complaints about this person, who alone would act before them.
    pub about: Option<UserId>,
}

impl Coordinating {
    /// Whether they act as coordinator on a complaint about `concerns`.
    pub fn on(&self, concerns: Option<UserId>) -> bool {
        concerns != Some(self.me)
            && (self.everywhere || (self.about.is_some() && concerns == self.about))
    }
}

/// On which complaints `who` acts as coordinator. The candidates are tried in order (the
/// coordinators, then each deputy role): a tier acts when it has someone present, meeting the
/// profile's condition and not complained about. So `who` acts on a complaint when every tier
/// before theirs has nobody for it: each is empty, or holds only the person it is about.
pub fn coordinating(profile: &Profile, org: &Org, who: &Staff) -> Coordinating {
    let none = Coordinating {
        me: who.id,
        everywhere: false,
        about: None,
    };
    if who.absent || !meets_coordinator_condition(profile, who) {
        return none;
    }
    let tiers = std::iter::once(Role::Coordinator).chain(profile.roles.deputies.iter().copied());
    let mut about: Option<UserId> = None;
    for role in tiers {
        if who.has(role) {
            return Coordinating {
                me: who.id,
                everywhere: about.is_none(),
                about,
            };
        }
        let present: Vec<UserId> = org
            .staff
            .iter()
            .filter(|s| s.has(role) && !s.absent && meets_coordinator_condition(profile, s))
            .map(|s| s.id)
            .collect();
        match present.as_slice() {
            [] => {}
            [only] if about.is_none_or(|a| a == *only) => about = Some(*only),
            _ => return none,
        }
    }
    none
}

/// The scope of `who`'s lists and searches under `profile`, with `org` as it stands.
pub fn list_scope(profile: &Profile, org: &Org, who: &Staff) -> ListScope {
    let Coordinating {
        everywhere, about, ..
    } = coordinating(profile, org, who);
    ListScope {
        user: who.id,
        all: who.has(Role::Coordinator) || who.has(Role::Deputy) || everywhere,
        escalated: who.has(Role::Director),
        board: who.has(Role::Board),
        about,
        none: who.roles.iter().all(|r| *r == Role::Admin),
    }
}

impl ListScope {
    /// Whether `c` is in the list: what a store's query for this scope must select.
    pub fn includes(&self, c: &Complaint) -> bool {
        if c.concerns == Some(self.user) {
            return true;
        }
        if self.none {
            return false;
        }
        c.handler == Some(self.user)
            || c.received_by == Some(self.user)
            || self.all
            || (self.escalated && c.escalation.is_some())
            || (self.board && c.escalation == Some(Level::Board))
            || (self.about.is_some() && c.concerns == self.about)
    }
}

/// Whether the person complained about sees this entry of the timeline: the complaint, the
/// steps that concern them and the outcome, but no handling notes, hearing or contact summaries,
/// documents or reasons (K3). Not who the complaint was recorded as being about: an earlier
/// record may name someone else, whose name is not theirs to read; the dossier says it is
/// about them, and informing them (K5) is a step they see.
pub fn visible_to_involved(body: &EventBody) -> bool {
    matches!(
        body,
        EventBody::Registered(_)
            | EventBody::Acknowledged { .. }
            | EventBody::Assigned { .. }
            | EventBody::InvolvedInformed { .. }
            | EventBody::Extended { .. }
            | EventBody::Decided { .. }
            | EventBody::SignedOff { .. }
            | EventBody::Closed { .. }
            | EventBody::Withdrawn { .. }
            | EventBody::Reopened { .. }
    )
}

/// The entry as someone with `view` of the dossier sees it: whole in the full view, as
/// [`seen_by_involved`] for the person complained about, not at all without a view.
pub fn seen_in(view: View, body: &EventBody) -> Option<std::borrow::Cow<'_, EventBody>> {
    match view {
        View::Full => Some(std::borrow::Cow::Borrowed(body)),
        View::Involved => seen_by_involved(body).map(std::borrow::Cow::Owned),
        View::None => None,
    }
}

/// The entry as the person complained about sees it, or `None` when they do not see it (K3):
/// the complaint with the complainant's name but not their contact details or where it was
/// received, the steps that concern them and the outcome, but no notes or reasons. Their view
/// of the dossier and what their search finds are both this, so a search never finds them a
/// word they cannot read.
pub fn seen_by_involved(body: &EventBody) -> Option<EventBody> {
    if !visible_to_involved(body) {
        return None;
    }
    let mut seen = body.clone();
    match &mut seen {
        EventBody::Registered(r) => {
            r.complainant = match &r.complainant {
                Personal::Present(c) => Personal::new(Complainant {
                    name: c.name.clone(),
                    ..Complainant::default()
                }),
                Personal::Erased => Personal::Erased,
            };
            r.received_where = None;
        }
        EventBody::Acknowledged { note, .. } | EventBody::InvolvedInformed { note, .. } => {
            *note = None;
        }
        EventBody::Extended { reason, .. } | EventBody::Reopened { reason, .. } => {
            *reason = Personal::Erased;
        }
        EventBody::Withdrawn { reason } => *reason = None,
        _ => {}
    }
    Some(seen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedure::event::{Registered, Via};
    use crate::types::{Channel, Form, Lang};
    use proptest::prelude::*;

    const ROLES: [Role; 8] = [
        Role::Coordinator,
        Role::Deputy,
        Role::Handler,
        Role::Staff,
        Role::Director,
        Role::Board,
        Role::Registrar,
        Role::Admin,
    ];

    fn staff_member(id: i64, roles: &[bool], absent: bool) -> Staff {
        Staff {
            id: UserId(id),
            name: format!("S{id}"),
            roles: ROLES
                .iter()
                .zip(roles)
                .filter(|(_, on)| **on)
                .map(|(r, _)| *r)
                .collect(),
            absent,
        }
    }

    fn a_complaint() -> Complaint {
        let registered = EventBody::Registered(Box::new(Registered {
            profile: "template@1".into(),
            channel: Channel::Web,
            form: Form::Written,
            received_at: "2026-03-02T10:00:00Z".parse().unwrap_or_default(),
            received_by: None,
            received_where: None,
            concerns: None,
            relation: None,
            complainant: Personal::new(Complainant::default()),
            on_behalf_of: None,
            description: text("Een klacht."),
            language: Lang::Nl,
            deadlines: Vec::new(),
        }));
        let event = crate::procedure::Event {
            at: "2026-03-02T10:00:00Z".parse().unwrap_or_default(),
            actor: crate::types::Actor::Complainant,
            body: registered,
        };
        Complaint::replay([&event]).unwrap_or_else(|| panic!("a registration"))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() })]

        /// K8, K3: a complaint is in someone's list or search exactly when their view of it is
        /// not none, whatever their roles, absence and involvement.
        #[test]
        fn k08_the_list_scope_agrees_with_the_view(
            roles in prop::collection::vec(prop::collection::vec(any::<bool>(), 8), 4),
            absent in prop::collection::vec(any::<bool>(), 4),
            who in 0usize..4,
            handler in prop::option::of(0usize..4),
            received_by in prop::option::of(0usize..4),
            concerns in prop::option::of(0usize..4),
            escalation in prop::option::of(prop_oneof![Just(Level::Director), Just(Level::Board)]),
            profile in prop_oneof![Just("template"), Just("kjrw"), Just("awb"), Just("wkkgz")],
        ) {
            let profile = crate::profile::builtin(profile).unwrap_or_else(|| panic!("built-in"));
            let staff: Vec<Staff> = (0..4)
                .map(|i| staff_member(i64::try_from(i).unwrap_or(0), &roles[i], absent[i]))
                .collect();
            // The engine assigns no complaint to, and takes none in by, an account that only
            // administers accounts.
            let admin_only = |i: usize| staff[i].roles.iter().all(|r| *r == Role::Admin);
            prop_assume!(!handler.is_some_and(admin_only) && !received_by.is_some_and(admin_only));
            let org = Org { staff: staff.clone() };
            let mut c = a_complaint();
            c.handler = handler.map(|i| staff[i].id);
            c.received_by = received_by.map(|i| staff[i].id);
            c.concerns = concerns.map(|i| staff[i].id);
            c.escalation = escalation;
            let person = &staff[who];
            prop_assert_eq!(
                list_scope(&profile, &org, person).includes(&c),
                view(&profile, &org, &c, person) != View::None,
                "{:?} on a complaint handled by {:?}, taken in by {:?}, about {:?}, escalated to {:?}",
                person.roles, c.handler, c.received_by, c.concerns, c.escalation
            );
        }

        /// T17, K3: someone acts as coordinator on a complaint about `concerns` exactly when the
        /// procedure names them among its acting coordinators.
        #[test]
        fn t17_coordinating_agrees_with_the_acting_coordinators(
            roles in prop::collection::vec(prop::collection::vec(any::<bool>(), 8), 4),
            absent in prop::collection::vec(any::<bool>(), 4),
            who in 0usize..4,
            concerns in prop::option::of(0usize..5),
            profile in prop_oneof![Just("template"), Just("kjrw"), Just("awb"), Just("wkkgz")],
        ) {
            let profile = crate::profile::builtin(profile).unwrap_or_else(|| panic!("built-in"));
            let staff: Vec<Staff> = (0..4)
                .map(|i| staff_member(i64::try_from(i).unwrap_or(0), &roles[i], absent[i]))
                .collect();
            let org = Org { staff: staff.clone() };
            let person = &staff[who];
            let concerns = concerns.map(|i| UserId(i64::try_from(i).unwrap_or(0)));
            prop_assert_eq!(
                coordinating(&profile, &org, person).on(concerns),
                acting_coordinators_for(&profile, &org, concerns).iter().any(|s| s.id == person.id),
                "{:?} on a complaint about {:?}", person.roles, concerns
            );
        }
    }

    fn text(s: &str) -> Personal<String> {
        Personal::new(s.to_owned())
    }

    #[test]
    fn k03_the_involved_sees_the_complaint_and_the_complainants_name_only() {
        let registered = EventBody::Registered(Box::new(Registered {
            profile: "template@1".into(),
            channel: Channel::Phone,
            form: Form::Oral,
            received_at: "2026-03-02T10:00:00Z".parse().unwrap_or_default(),
            received_by: None,
            received_where: Some(text("spreekuur Oost")),
            concerns: Some(UserId(4)),
            relation: None,
            complainant: Personal::new(Complainant {
                name: "Anna Klager".into(),
                email: Some("anna@example.nl".into()),
                phone: Some("06 1234 5678".into()),
                address: Some("Dorpsstraat 1".into()),
                date_of_birth: None,
            }),
            on_behalf_of: None,
            description: text("De vrijwilliger was onbeleefd."),
            language: Lang::Nl,
            deadlines: Vec::new(),
        }));
        let Some(EventBody::Registered(seen)) = seen_by_involved(&registered) else {
            panic!("the registration is seen");
        };
        assert_eq!(
            seen.complainant,
            Personal::new(Complainant {
                name: "Anna Klager".into(),
                ..Complainant::default()
            })
        );
        assert_eq!(seen.received_where, None);
        assert_eq!(seen.description, text("De vrijwilliger was onbeleefd."));
    }

    #[test]
    fn k03_notes_reasons_hearings_and_letters_stay_hidden_from_the_involved() {
        let hidden = [
            EventBody::NoteAdded {
                text: text("intern"),
            },
            EventBody::HearingRecorded {
                involved: Some(UserId(4)),
                person: None,
                held_on: jiff::civil::date(2026, 3, 3),
                summary: text("verhoor"),
                meets: Vec::new(),
            },
            EventBody::ContactRecorded {
                via: Via::Phone,
                on: jiff::civil::date(2026, 3, 3),
                summary: text("gebeld"),
                agreements: None,
                measures_communicated: Vec::new(),
            },
        ];
        for b in &hidden {
            assert_eq!(seen_by_involved(b), None, "{}", b.kind());
        }
        let acknowledged = EventBody::Acknowledged {
            via: Via::Email,
            note: Some(text("intern")),
            meets: Vec::new(),
        };
        assert_eq!(
            seen_by_involved(&acknowledged),
            Some(EventBody::Acknowledged {
                via: Via::Email,
                note: None,
                meets: Vec::new(),
            })
        );
        let withdrawn = EventBody::Withdrawn {
            reason: Some(text("persoonlijk")),
        };
        assert_eq!(
            seen_by_involved(&withdrawn),
            Some(EventBody::Withdrawn { reason: None })
        );
    }
}
