//! Who among the staff is told what: about a step of the procedure, or about a deadline that is
//! near or past. The back office lists these notices per person and e-mails each one; the texts
//! and the mail are the web layer's, the storage the store's. Here only the rules:
//!
//! - T3: a new complaint lands with the acting coordinators; T4: so does one settled at once.
//! - The handler hears of their assignment, and of what the complainant adds.
//! - K5: the person complained about is told when the coordinator takes the inform step; K12:
//!   from then on, of every later step they may see.
//! - T9: an escalation reaches every director (or, for the board, every board member).
//! - T9, T18: a classification as very serious or sensitive tells the acting coordinators, who
//!   consult the board or record why not; where the severity asks the board to be consulted
//!   (`consult_board`), every board member too — never the person complained about (K3).
//! - K11: the decision asks everyone whose signature the profile requires.
//! - An unsatisfied complainant's request to reopen goes to the acting coordinators.
//! - A running deadline that ends by the next working day, or has passed, is told to the handler
//!   (with none, the acting coordinators).
//!
//! Whatever the rule: nobody is told of their own step, nobody who may not see the complaint is
//! told of it, the person complained about is never told as director, board member or coordinator
//! (K3), and where a present colleague stands in (T17) the absent are not told. One step tells a
//! person one thing: the most specific.

use super::access::{Org, Staff, View, acting_coordinators, acting_coordinators_for, view};
use super::access::{capacities, visible_to_involved};
use super::decide::{Ctx, pending_sign_offs};
use super::event::{Event, EventBody, Level};
use super::state::{Complaint, DeadlineState, Status};
use crate::calendar::amsterdam_date;
use crate::deadlines::{Urgency, urgency};
use crate::profile::{Capacity, Profile};
use crate::types::{Actor, Reference, Role, UserId};
use jiff::civil::Date;
use std::collections::BTreeSet;

/// What a staff member is told. [`NoticeKind::as_str`] is what the store keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoticeKind {
    /// A complaint came in (T3).
    NewComplaint,
    /// A complaint was registered as settled at once (T4).
    ResolvedDirectly,
    /// You were made the handler.
    Assigned,
    /// A complaint is about you and you are now informed of it (K5).
    ConcernsYou,
    /// A later step on the complaint about you (K12). Detail: the event's kind, e.g. `decided`.
    UpdateOnYourComplaint,
    /// Escalated to you (T9). Detail: the level, `director` or `board`.
    Escalated,
    /// The decision is made and your signature is needed (K11). Detail: the capacity you sign in.
    SignOffRequested,
    /// The complainant is not satisfied and asks to reopen the complaint.
    ReopenRequested,
    /// The complainant added a message or documents through the status page, or (detail
    /// `email`) an e-mail of theirs joined the dossier.
    ComplainantAdded,
    /// A running deadline ends today or on the next working day. Detail: [`deadline_detail`].
    DeadlineTomorrow,
    /// A running deadline has passed. Detail: [`deadline_detail`].
    Overdue,
    /// Classified very serious or sensitive: the board is to be consulted (T9, T18). Detail:
    /// `board` for a board member, none for the acting coordinator.
    ConsultBoard,
    /// The complaint is now about its own handler, who may no longer handle it (K3): the acting
    /// coordinator is to assign another.
    HandlerConcerned,
    /// A letter to the complainant came back undelivered (a bounce, issue 17): the handler (or
    /// the acting coordinator) is to reach them another way.
    LetterBounced,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 14] = [
        NoticeKind::NewComplaint,
        NoticeKind::ResolvedDirectly,
        NoticeKind::Assigned,
        NoticeKind::ConcernsYou,
        NoticeKind::UpdateOnYourComplaint,
        NoticeKind::Escalated,
        NoticeKind::SignOffRequested,
        NoticeKind::ReopenRequested,
        NoticeKind::ComplainantAdded,
        NoticeKind::DeadlineTomorrow,
        NoticeKind::Overdue,
        NoticeKind::ConsultBoard,
        NoticeKind::HandlerConcerned,
        NoticeKind::LetterBounced,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::NewComplaint => "new_complaint",
            NoticeKind::ResolvedDirectly => "resolved_directly",
            NoticeKind::Assigned => "assigned",
            NoticeKind::ConcernsYou => "concerns_you",
            NoticeKind::UpdateOnYourComplaint => "update_on_your_complaint",
            NoticeKind::Escalated => "escalated",
            NoticeKind::SignOffRequested => "sign_off_requested",
            NoticeKind::ReopenRequested => "reopen_requested",
            NoticeKind::ComplainantAdded => "complainant_added",
            NoticeKind::DeadlineTomorrow => "deadline_tomorrow",
            NoticeKind::Overdue => "overdue",
            NoticeKind::ConsultBoard => "consult_board",
            NoticeKind::HandlerConcerned => "handler_concerned",
            NoticeKind::LetterBounced => "letter_bounced",
        }
    }

    pub fn parse(s: &str) -> Option<NoticeKind> {
        NoticeKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One person to tell one thing. The detail holds no personal data (see each kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffNotice {
    pub user: UserId,
    pub kind: NoticeKind,
    pub detail: Option<String>,
}

/// The detail of a deadline notice: the deadline's id and its due date, `answer:2026-05-06`.
pub fn deadline_detail(deadline: &str, due: Date) -> String {
    format!("{deadline}:{due}")
}

/// The deadline id and due date of a [`deadline_detail`].
pub fn parse_deadline_detail(detail: &str) -> Option<(&str, Date)> {
    let (id, due) = detail.rsplit_once(':')?;
    Some((id, due.parse().ok()?))
}

/// Collects notices in the order of precedence: the first one for a person wins.
#[derive(Default)]
struct Out(Vec<StaffNotice>);

impl Out {
    fn add(&mut self, user: UserId, kind: NoticeKind, detail: Option<&str>) {
        self.0.push(StaffNotice {
            user,
            kind,
            detail: detail.map(str::to_owned),
        });
    }

    fn add_all(&mut self, users: impl IntoIterator<Item = UserId>, kind: NoticeKind, d: &str) {
        for u in users {
            self.add(u, kind, (!d.is_empty()).then_some(d));
        }
    }
}

/// The present ones of `people`; if none is present, all of them: somebody must hear of it, and
/// an absent person reads their list on return.
fn present_or_all(people: &[&Staff]) -> Vec<UserId> {
    let present: Vec<UserId> = people.iter().filter(|s| !s.absent).map(|s| s.id).collect();
    if present.is_empty() {
        people.iter().map(|s| s.id).collect()
    } else {
        present
    }
}

/// The handler if present; otherwise (or with none) the acting coordinators, who can reassign.
pub fn handler_or_coordinators(
    profile: &Profile,
    org: &Org,
    handler: Option<UserId>,
    concerns: Option<UserId>,
) -> Vec<UserId> {
    // A handler who became the person complained about no longer handles it (K3).
    let present = handler
        .filter(|h| concerns != Some(*h))
        .filter(|h| org.get(*h).is_some_and(|s| !s.absent));
    if let Some(h) = present {
        return vec![h];
    }
    let coordinators: Vec<UserId> = acting_coordinators_for(profile, org, concerns)
        .iter()
        .map(|s| s.id)
        .collect();
    if coordinators.is_empty() {
        handler.into_iter().collect()
    } else {
        coordinators
    }
}

/// T9: everyone of the level's role, never the person complained about (K3).
/// Who is told when a complaint is escalated to `to`: the holders of that level's role who are
/// present (all of them when none is), never the person the complaint is about. Empty when
/// nobody holds the role: the escalation form says so before it is saved.
pub fn escalation_recipients(org: &Org, to: Level, concerns: Option<UserId>) -> Vec<UserId> {
    let role = match to {
        Level::Director => Role::Director,
        Level::Board => Role::Board,
    };
    let holders: Vec<&Staff> = org
        .staff
        .iter()
        .filter(|s| s.has(role) && concerns != Some(s.id))
        .collect();
    present_or_all(&holders)
}

/// K11: who is asked to sign after the decision on `c`, and in which capacity.
fn sign_off_recipients(profile: &Profile, org: &Org, c: &Complaint) -> Vec<(UserId, Capacity)> {
    let mut out = Vec::new();
    for cap in pending_sign_offs(profile, c) {
        let people: Vec<UserId> = match cap {
            // Personal signatures: nobody else can give them.
            Capacity::Involved => c.concerns.into_iter().collect(),
            Capacity::Handler => c.handler.into_iter().collect(),
            Capacity::Coordinator => acting_coordinators(profile, org, Some(c))
                .iter()
                .map(|s| s.id)
                .collect(),
            Capacity::Director | Capacity::Board | Capacity::Registrar => {
                let holders: Vec<&Staff> = org
                    .staff
                    .iter()
                    .filter(|s| capacities(profile, org, Some(c), s).contains(&cap))
                    .collect();
                present_or_all(&holders)
            }
            // Anyone may sign in this capacity: nobody in particular is asked.
            Capacity::Staff => Vec::new(),
        };
        out.extend(people.into_iter().map(|p| (p, cap)));
    }
    out
}

/// Who is told what about `step`: the events of one step (or of a new complaint's registration,
/// with `before` = `None`), already applied to give `after`.
pub fn notices(
    profile: &Profile,
    org: &Org,
    before: Option<&Complaint>,
    after: &Complaint,
    step: &[Event],
) -> Vec<StaffNotice> {
    let mut out = Out::default();
    let coordinators = || -> Vec<UserId> {
        acting_coordinators(profile, org, Some(after))
            .iter()
            .map(|s| s.id)
            .collect()
    };
    match before {
        None => {
            let settled = step
                .iter()
                .any(|e| matches!(e.body, EventBody::ResolvedDirectly { .. }));
            let kind = if settled {
                NoticeKind::ResolvedDirectly
            } else {
                NoticeKind::NewComplaint
            };
            out.add_all(coordinators(), kind, "");
        }
        Some(before) => {
            for e in step {
                match &e.body {
                    EventBody::Assigned { handler, .. } => {
                        out.add(*handler, NoticeKind::Assigned, None);
                    }
                    // A person without an account gets no notice: the step says how they were told.
                    EventBody::InvolvedInformed {
                        involved: Some(involved),
                        ..
                    } => {
                        out.add(*involved, NoticeKind::ConcernsYou, None);
                    }
                    EventBody::Escalated { to, .. } => out.add_all(
                        escalation_recipients(org, *to, after.concerns),
                        NoticeKind::Escalated,
                        to.as_str(),
                    ),
                    EventBody::Decided { .. } => {
                        for (user, cap) in sign_off_recipients(profile, org, after) {
                            out.add(user, NoticeKind::SignOffRequested, Some(cap.as_str()));
                        }
                    }
                    EventBody::Classified { .. }
                        if (before.severity != after.severity
                            || before.sensitive != after.sensitive)
                            && after.awaits_board_consultation(profile) =>
                    {
                        out.add_all(coordinators(), NoticeKind::ConsultBoard, "");
                        if after.very_serious(profile) {
                            out.add_all(
                                escalation_recipients(org, Level::Board, after.concerns),
                                NoticeKind::ConsultBoard,
                                "board",
                            );
                        }
                    }
                    EventBody::ConcernsRecorded { .. }
                        if after.handler.is_some() && after.handler == after.concerns =>
                    {
                        out.add_all(coordinators(), NoticeKind::HandlerConcerned, "");
                    }
                    EventBody::ComplainantAdded { mail, .. } => out.add_all(
                        handler_or_coordinators(profile, org, after.handler, after.concerns),
                        NoticeKind::ComplainantAdded,
                        if mail.is_some() { "email" } else { "" },
                    ),
                    EventBody::SatisfactionAnswered { .. } if after.reopen_requested => {
                        out.add_all(coordinators(), NoticeKind::ReopenRequested, "")
                    }
                    _ => {}
                }
            }
            // K12: after, and only after, they were informed (K5).
            if let Some(involved) = after.concerns
                && before.involved_informed_at.is_some()
            {
                for e in step.iter().filter(|e| {
                    visible_to_involved(&e.body)
                        && !matches!(e.body, EventBody::InvolvedInformed { .. })
                }) {
                    out.add(
                        involved,
                        NoticeKind::UpdateOnYourComplaint,
                        Some(e.body.kind()),
                    );
                }
            }
        }
    }
    let actors: BTreeSet<UserId> = step
        .iter()
        .filter_map(|e| match e.actor {
            Actor::Staff(id) => Some(id),
            Actor::Complainant | Actor::System => None,
        })
        .collect();
    let mut told = BTreeSet::new();
    out.0
        .into_iter()
        .filter(|n| !actors.contains(&n.user))
        .filter(|n| {
            // The board is told it will be consulted (T9) before it can open the complaint; the
            // notice names no more than its reference.
            org.get(n.user).is_some_and(|s| {
                (n.kind == NoticeKind::ConsultBoard && after.concerns != Some(s.id))
                    || view(profile, org, after, s) != View::None
            })
        })
        .filter(|n| told.insert(n.user))
        .collect()
}

/// A deadline notice of the background job: who, what, and which deadline on which date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineNotice {
    pub user: UserId,
    /// [`NoticeKind::DeadlineTomorrow`] or [`NoticeKind::Overdue`].
    pub kind: NoticeKind,
    pub deadline: String,
    pub due: Date,
}

impl DeadlineNotice {
    pub fn detail(&self) -> String {
        deadline_detail(&self.deadline, self.due)
    }

    /// Makes each notice be written once per due date, however often and on however many
    /// instances the job runs; an extension (a new due date) is told anew.
    pub fn dedupe(&self, reference: &Reference) -> String {
        format!(
            "deadline:{reference}:{}:{}:{}:{}",
            self.deadline,
            self.due,
            self.kind.as_str(),
            self.user
        )
    }
}

/// The deadline notices for a complaint as the projection has it (status, handler, the person
/// it is about, its deadlines), on the day of `ctx.now` (Europe/Amsterdam): every running
/// deadline that ends by the next working day, or has passed.
pub fn deadline_notices(
    ctx: &Ctx,
    status: Status,
    handler: Option<UserId>,
    concerns: Option<UserId>,
    deadlines: &[DeadlineState],
) -> Vec<DeadlineNotice> {
    if !status.awaits_decision() {
        return Vec::new();
    }
    let today = amsterdam_date(ctx.now);
    let mut out = Vec::new();
    for d in deadlines.iter().filter(|d| d.met_at.is_none()) {
        let Some(due) = d.due else { continue };
        let kind = match urgency(ctx.calendar, Some(due), today) {
            Urgency::Overdue(_) => NoticeKind::Overdue,
            Urgency::DueSoon => NoticeKind::DeadlineTomorrow,
            Urgency::OnTime | Urgency::None => continue,
        };
        for user in handler_or_coordinators(ctx.profile, ctx.org, handler, concerns) {
            out.push(DeadlineNotice {
                user,
                kind,
                deadline: d.id.clone(),
                due,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::Calendar;
    use crate::procedure::{Command, Complainant, NewComplaint, decide, register};
    use crate::types::{Channel, Lang, Outcome};
    use jiff::Timestamp;
    use jiff::civil::date;
    use jiff::tz::TimeZone;

    const COORDINATOR: UserId = UserId(1);
    const DEPUTY: UserId = UserId(2);
    const HANDLER: UserId = UserId(3);
    const VOLUNTEER: UserId = UserId(4);
    const DIRECTOR: UserId = UserId(5);
    const DIRECTOR_2: UserId = UserId(6);
    const BOARD: UserId = UserId(7);
    const REGISTRAR: UserId = UserId(8);

    fn person(id: UserId, roles: &[Role]) -> Staff {
        Staff {
            id,
            name: format!("person {id}"),
            roles: roles.iter().copied().collect(),
            absent: false,
        }
    }

    struct World {
        profile: Profile,
        calendar: Calendar,
        org: Org,
        now: Timestamp,
    }

    /// Noon in Amsterdam on `d`.
    fn noon(d: Date) -> Timestamp {
        d.at(12, 0, 0, 0)
            .to_zoned(TimeZone::get("Europe/Amsterdam").unwrap())
            .unwrap()
            .timestamp()
    }

    impl World {
        fn new(profile: &str) -> World {
            let profile = crate::profile::builtin(profile).unwrap();
            // KJRW's coordinator (and the one standing in) sit on the board (K3).
            let board = profile.roles.coordinator_must_be == Some(Role::Board);
            let with_board = |r: Role| {
                if board { vec![r, Role::Board] } else { vec![r] }
            };
            World {
                profile,
                calendar: Calendar::dutch(),
                org: Org {
                    staff: vec![
                        person(COORDINATOR, &with_board(Role::Coordinator)),
                        person(DEPUTY, &with_board(Role::Deputy)),
                        person(HANDLER, &[Role::Handler]),
                        person(VOLUNTEER, &[Role::Staff]),
                        person(DIRECTOR, &[Role::Director]),
                        person(DIRECTOR_2, &[Role::Director]),
                        person(BOARD, &[Role::Board]),
                        person(REGISTRAR, &[Role::Registrar]),
                    ],
                },
                // Monday 2 March 2026: no holiday near.
                now: noon(date(2026, 3, 2)),
            }
        }

        fn ctx(&self) -> Ctx<'_> {
            Ctx {
                profile: &self.profile,
                calendar: &self.calendar,
                org: &self.org,
                now: self.now,
            }
        }

        fn staff(&self, id: UserId) -> Staff {
            self.org.get(id).cloned().unwrap()
        }

        fn absent(&mut self, id: UserId) {
            for s in &mut self.org.staff {
                if s.id == id {
                    s.absent = true;
                }
            }
        }

        fn new_complaint(&self, concerns: Option<UserId>, settled: Option<&str>) -> NewComplaint {
            NewComplaint {
                channel: Channel::Phone,
                received_at: self.now,
                received_by: None,
                received_where: None,
                concerns,
                relation: None,
                complainant: Complainant {
                    name: "Jan Klager".into(),
                    email: Some("jan@example.nl".into()),
                    ..Complainant::default()
                },
                on_behalf_of: None,
                description: "Niet teruggebeld.".into(),
                language: Lang::Nl,
                resolved_directly: settled.map(str::to_owned),
                documents: Vec::new(),
            }
        }

        /// Registers a complaint (by `who`, or the public form) and returns its notices and state.
        fn register(
            &self,
            who: Option<UserId>,
            new: NewComplaint,
        ) -> (Vec<StaffNotice>, Complaint) {
            let who = who.map(|id| self.staff(id));
            let events = register(&self.ctx(), who.as_ref(), new).unwrap();
            let c = Complaint::replay(&events).unwrap();
            (notices(&self.profile, &self.org, None, &c, &events), c)
        }

        /// Takes a step and returns its notices; `c` becomes the state after it.
        fn step(&self, c: &mut Complaint, who: UserId, cmd: Command) -> Vec<StaffNotice> {
            let events = decide(&self.ctx(), c, &self.staff(who), cmd).unwrap();
            self.apply(c, &events)
        }

        fn apply(&self, c: &mut Complaint, events: &[Event]) -> Vec<StaffNotice> {
            let before = c.clone();
            for e in events {
                c.apply(e);
            }
            notices(&self.profile, &self.org, Some(&before), c, events)
        }

        /// A complaint about the volunteer, registered by the coordinator.
        fn about_volunteer(&self) -> Complaint {
            self.register(Some(COORDINATOR), self.new_complaint(Some(VOLUNTEER), None))
                .1
        }
    }

    fn told(ns: &[StaffNotice]) -> Vec<(UserId, NoticeKind, Option<&str>)> {
        ns.iter()
            .map(|n| (n.user, n.kind, n.detail.as_deref()))
            .collect()
    }

    fn decide_cmd() -> Command {
        Command::Decide {
            outcome: Outcome::Gegrond,
            decision: "U krijgt gelijk.".into(),
            via: crate::procedure::Via::Email,
        }
    }

    #[test]
    fn kinds_have_one_name_each_and_read_back() {
        let names: BTreeSet<&str> = NoticeKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(names.len(), NoticeKind::ALL.len());
        for k in NoticeKind::ALL {
            assert_eq!(NoticeKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(NoticeKind::parse("nonsense"), None);
        let d = deadline_detail("answer", date(2026, 5, 6));
        assert_eq!(d, "answer:2026-05-06");
        assert_eq!(
            parse_deadline_detail(&d),
            Some(("answer", date(2026, 5, 6)))
        );
        assert_eq!(parse_deadline_detail("answer"), None);
    }

    #[test]
    fn t03_a_web_complaint_lands_with_the_coordinator() {
        let w = World::new("template");
        let (ns, _) = w.register(None, {
            let mut n = w.new_complaint(None, None);
            n.channel = Channel::Web;
            n
        });
        assert_eq!(told(&ns), [(COORDINATOR, NoticeKind::NewComplaint, None)]);
    }

    #[test]
    fn t03_a_complaint_registered_by_staff_is_told_to_the_coordinator_not_to_the_registrar() {
        let w = World::new("template");
        let (ns, _) = w.register(Some(VOLUNTEER), w.new_complaint(None, None));
        assert_eq!(told(&ns), [(COORDINATOR, NoticeKind::NewComplaint, None)]);
        // The coordinator who registers it knows already.
        let (ns, _) = w.register(Some(COORDINATOR), w.new_complaint(None, None));
        assert!(ns.is_empty(), "{ns:?}");
    }

    #[test]
    fn t04_a_complaint_resolved_directly_is_reported_to_the_coordinator() {
        let w = World::new("template");
        let (ns, c) = w.register(
            Some(VOLUNTEER),
            w.new_complaint(None, Some("Meteen teruggebeld.")),
        );
        assert!(c.resolved_directly);
        assert_eq!(
            told(&ns),
            [(COORDINATOR, NoticeKind::ResolvedDirectly, None)]
        );
    }

    #[test]
    fn t17_an_absent_coordinator_is_not_told_while_a_deputy_acts() {
        let mut w = World::new("template");
        w.absent(COORDINATOR);
        let (ns, _) = w.register(Some(VOLUNTEER), w.new_complaint(None, None));
        assert_eq!(told(&ns), [(DEPUTY, NoticeKind::NewComplaint, None)]);
    }

    #[test]
    fn k03_the_coordinator_complained_about_is_not_told_as_coordinator() {
        let w = World::new("template");
        let (ns, _) = w.register(Some(VOLUNTEER), w.new_complaint(Some(COORDINATOR), None));
        assert_eq!(told(&ns), [(DEPUTY, NoticeKind::NewComplaint, None)]);
    }

    #[test]
    fn t03_the_handler_is_told_of_their_assignment() {
        let w = World::new("template");
        let mut c = w.about_volunteer();
        let ns = w.step(&mut c, COORDINATOR, Command::Assign { handler: HANDLER });
        assert_eq!(told(&ns), [(HANDLER, NoticeKind::Assigned, None)]);
    }

    #[test]
    fn k03_a_complaint_that_comes_to_be_about_its_handler_tells_the_coordinator_to_reassign() {
        let w = World::new("template");
        let mut c = w.about_volunteer();
        w.step(&mut c, COORDINATOR, Command::Assign { handler: HANDLER });
        let about = |who| Command::RecordConcerns {
            about: Some(super::super::command::ConcernsInput::Staff(who)),
        };
        // The handler says it is about them: the coordinator hears of it.
        let ns = w.step(&mut c, HANDLER, about(HANDLER));
        assert_eq!(
            told(&ns),
            [(COORDINATOR, NoticeKind::HandlerConcerned, None)]
        );
        // About someone else again: nothing to reassign.
        let ns = w.step(&mut c, COORDINATOR, about(VOLUNTEER));
        assert_eq!(told(&ns), []);
    }

    #[test]
    fn t12_nobody_is_told_of_their_own_step() {
        let w = World::new("template");
        let mut c = w.about_volunteer();
        let ns = w.step(
            &mut c,
            COORDINATOR,
            Command::Assign {
                handler: COORDINATOR,
            },
        );
        assert!(ns.is_empty(), "{ns:?}");
        // Steps that concern nobody in particular tell nobody.
        let ns = w.step(
            &mut c,
            COORDINATOR,
            Command::AddNote {
                text: "Gebeld.".into(),
            },
        );
        assert!(ns.is_empty(), "{ns:?}");
    }

    #[test]
    fn k05_the_person_complained_about_is_told_when_informed_not_before() {
        let w = World::new("kjrw");
        let (ns, mut c) = w.register(Some(COORDINATOR), w.new_complaint(Some(VOLUNTEER), None));
        assert!(
            ns.iter().all(|n| n.user != VOLUNTEER),
            "not at registration: {ns:?}"
        );
        let ns = w.step(
            &mut c,
            COORDINATOR,
            Command::Acknowledge {
                via: crate::procedure::Via::Email,
                note: None,
            },
        );
        assert!(ns.is_empty(), "not informed yet, so not told: {ns:?}");
        let ns = w.step(
            &mut c,
            COORDINATOR,
            Command::InformInvolved {
                note: None,
                via: None,
            },
        );
        assert_eq!(told(&ns), [(VOLUNTEER, NoticeKind::ConcernsYou, None)]);
    }

    #[test]
    fn k12_once_informed_the_involved_person_hears_of_each_step_they_may_see() {
        let w = World::new("template");
        let mut c = w.about_volunteer();
        w.step(
            &mut c,
            COORDINATOR,
            Command::InformInvolved {
                note: None,
                via: None,
            },
        );
        let ns = w.step(&mut c, COORDINATOR, Command::Assign { handler: HANDLER });
        assert_eq!(
            told(&ns),
            [
                (HANDLER, NoticeKind::Assigned, None),
                (
                    VOLUNTEER,
                    NoticeKind::UpdateOnYourComplaint,
                    Some("assigned")
                ),
            ]
        );
        // Handling notes are not theirs to see (K3), so not theirs to hear of.
        let ns = w.step(
            &mut c,
            HANDLER,
            Command::AddNote {
                text: "Intern.".into(),
            },
        );
        assert!(ns.is_empty(), "{ns:?}");
        let ns = w.step(&mut c, HANDLER, decide_cmd());
        assert_eq!(
            told(&ns),
            [(
                VOLUNTEER,
                NoticeKind::UpdateOnYourComplaint,
                Some("decided")
            )]
        );
    }

    #[test]
    fn t09_escalation_reaches_every_present_director_never_the_one_complained_about() {
        let mut w = World::new("template");
        w.absent(DIRECTOR_2);
        let mut c = w.about_volunteer();
        let ns = w.step(
            &mut c,
            COORDINATOR,
            Command::Escalate {
                to: Level::Director,
                reason: "Geen oplossing.".into(),
            },
        );
        assert_eq!(
            told(&ns),
            [(DIRECTOR, NoticeKind::Escalated, Some("director"))]
        );
        // A complaint about a director reaches the other one, also when absent: nobody else can.
        let (_, mut c) = w.register(Some(VOLUNTEER), w.new_complaint(Some(DIRECTOR), None));
        let ns = w.step(
            &mut c,
            COORDINATOR,
            Command::Escalate {
                to: Level::Director,
                reason: "Geen oplossing.".into(),
            },
        );
        assert_eq!(
            told(&ns),
            [(DIRECTOR_2, NoticeKind::Escalated, Some("director"))]
        );
    }

    #[test]
    fn t09_escalation_to_the_board_reaches_every_board_member() {
        let w = World::new("template");
        let mut c = w.about_volunteer();
        let ns = w.step(
            &mut c,
            COORDINATOR,
            Command::Escalate {
                to: Level::Board,
                reason: "Zeer ernstig.".into(),
            },
        );
        assert_eq!(told(&ns), [(BOARD, NoticeKind::Escalated, Some("board"))]);
    }

    #[test]
    fn k11_the_decision_asks_the_involved_person_and_the_coordinator_to_sign() {
        // The profile says who signs (K11: the volunteer involved and the coordinator).
        let mut w = World::new("template");
        w.profile.registration.sign_off = vec![Capacity::Involved, Capacity::Coordinator];
        let mut c = w.about_volunteer();
        w.step(&mut c, COORDINATOR, Command::Assign { handler: HANDLER });
        let ns = w.step(&mut c, HANDLER, decide_cmd());
        assert_eq!(
            told(&ns),
            [
                (VOLUNTEER, NoticeKind::SignOffRequested, Some("involved")),
                (
                    COORDINATOR,
                    NoticeKind::SignOffRequested,
                    Some("coordinator")
                ),
            ]
        );
    }

    #[test]
    fn k11_kjrw_the_coordinator_decides_and_the_informed_volunteer_is_asked_to_sign() {
        let w = World::new("kjrw");
        let mut c = w.about_volunteer();
        w.step(
            &mut c,
            COORDINATOR,
            Command::InformInvolved {
                note: None,
                via: None,
            },
        );
        let ns = w.step(&mut c, COORDINATOR, decide_cmd());
        // Not the coordinator, whose own step it is; the request wins over the mere update
        // (one step, one notice each).
        assert_eq!(
            told(&ns),
            [(VOLUNTEER, NoticeKind::SignOffRequested, Some("involved"))]
        );
    }

    #[test]
    fn k08_nobody_who_may_not_see_the_complaint_is_asked_to_sign() {
        let mut w = World::new("template");
        w.profile.registration.sign_off = vec![Capacity::Registrar, Capacity::Handler];
        let mut c = w.about_volunteer();
        w.step(&mut c, COORDINATOR, Command::Assign { handler: HANDLER });
        let ns = w.step(&mut c, COORDINATOR, decide_cmd());
        // The registrar could sign but may not read this dossier: not told of it.
        assert_eq!(
            told(&ns),
            [(HANDLER, NoticeKind::SignOffRequested, Some("handler"))]
        );
    }

    #[test]
    fn an_answer_that_asks_to_reopen_tells_the_coordinator_and_no_other_does() {
        use crate::procedure::{SatisfactionChoice, answer_satisfaction};
        let w = World::new("template");
        let mut c = w.about_volunteer();
        // As if handled and closed: only the status matters to the answer.
        c.status = Status::Closed;
        let answer = |id| {
            answer_satisfaction(
                &w.profile,
                &c,
                SatisfactionChoice::Answer(id),
                Some("Nee."),
                w.now,
            )
            .unwrap()
        };
        let ns = w.apply(&mut c.clone(), &answer("niet_opgelost"));
        assert_eq!(
            told(&ns),
            [(COORDINATOR, NoticeKind::ReopenRequested, None)]
        );
        // Not satisfied, without asking to reopen: counted in the reports, nobody is woken.
        assert!(w.apply(&mut c.clone(), &answer("te_lang")).is_empty());
        assert!(w.apply(&mut c.clone(), &answer("opgelost")).is_empty());
        // A regulation without standard answers: "no" asks to reopen, as before.
        let mut plain = w.profile.clone();
        plain.satisfaction_answers.clear();
        let no =
            answer_satisfaction(&plain, &c, SatisfactionChoice::Plain(false), None, w.now).unwrap();
        assert_eq!(
            told(&w.apply(&mut c.clone(), &no)),
            [(COORDINATOR, NoticeKind::ReopenRequested, None)]
        );
    }

    #[test]
    fn what_the_complainant_adds_goes_to_the_handler_or_else_the_coordinator() {
        let mut w = World::new("template");
        let mut c = w.about_volunteer();
        let add =
            crate::procedure::complainant_adds(&c, Some("Nog iets."), Vec::new(), w.now).unwrap();
        let ns = w.apply(&mut c.clone(), &add);
        assert_eq!(
            told(&ns),
            [(COORDINATOR, NoticeKind::ComplainantAdded, None)]
        );
        w.step(&mut c, COORDINATOR, Command::Assign { handler: HANDLER });
        let ns = w.apply(&mut c.clone(), &add);
        assert_eq!(told(&ns), [(HANDLER, NoticeKind::ComplainantAdded, None)]);
        // The handler away: the one who can reassign hears of it.
        w.absent(HANDLER);
        let ns = w.apply(&mut c.clone(), &add);
        assert_eq!(
            told(&ns),
            [(COORDINATOR, NoticeKind::ComplainantAdded, None)]
        );
    }

    #[test]
    fn t05_a_deadline_is_told_the_working_day_before_and_once_passed() {
        let mut w = World::new("template");
        // Received Monday 2 March: acknowledge by Wednesday 4 March.
        let c = w.about_volunteer();
        let ack = c.deadline("acknowledge").and_then(|d| d.due).unwrap();
        assert_eq!(ack, date(2026, 3, 4));
        let on = |w: &mut World, d: Date| {
            w.now = noon(d);
            deadline_notices(&w.ctx(), c.status, c.handler, c.concerns, &c.deadlines)
        };
        assert!(on(&mut w, date(2026, 3, 2)).is_empty(), "two days ahead");
        let tomorrow = on(&mut w, date(2026, 3, 3));
        assert_eq!(
            tomorrow,
            [DeadlineNotice {
                user: COORDINATOR,
                kind: NoticeKind::DeadlineTomorrow,
                deadline: "acknowledge".into(),
                due: ack,
            }]
        );
        assert_eq!(
            on(&mut w, date(2026, 3, 4))[0].kind,
            NoticeKind::DeadlineTomorrow
        );
        let late = on(&mut w, date(2026, 3, 5));
        assert_eq!(late.len(), 1);
        assert_eq!(late[0].kind, NoticeKind::Overdue);
        assert_eq!(late[0].detail(), "acknowledge:2026-03-04");
        let reference = Reference::new(2026, 42);
        assert_eq!(
            late[0].dedupe(&reference),
            "deadline:2026-0042:acknowledge:2026-03-04:overdue:1"
        );
        assert_ne!(late[0].dedupe(&reference), tomorrow[0].dedupe(&reference));
    }

    #[test]
    fn t05_a_deadline_on_monday_is_told_on_friday() {
        let mut w = World::new("template");
        // Friday 6 March; due Monday 9 March.
        w.now = noon(date(2026, 3, 6));
        let deadlines = [DeadlineState {
            id: "answer".into(),
            due: Some(date(2026, 3, 9)),
            met_at: None,
            extensions: 0,
        }];
        let ns = deadline_notices(
            &w.ctx(),
            Status::InProgress,
            Some(HANDLER),
            None,
            &deadlines,
        );
        assert_eq!(ns.len(), 1);
        assert_eq!(
            (ns[0].user, ns[0].kind),
            (HANDLER, NoticeKind::DeadlineTomorrow)
        );
        // Met, or decided: nothing runs, nothing is told.
        let met = [DeadlineState {
            met_at: Some(w.now),
            ..deadlines[0].clone()
        }];
        assert!(
            deadline_notices(&w.ctx(), Status::InProgress, Some(HANDLER), None, &met).is_empty()
        );
        assert!(
            deadline_notices(&w.ctx(), Status::Decided, Some(HANDLER), None, &deadlines).is_empty()
        );
    }

    #[test]
    fn t17_a_deadline_of_an_absent_handler_goes_to_the_acting_coordinators() {
        let mut w = World::new("template");
        w.absent(HANDLER);
        w.absent(COORDINATOR);
        w.now = noon(date(2026, 3, 10));
        let deadlines = [DeadlineState {
            id: "answer".into(),
            due: Some(date(2026, 3, 9)),
            met_at: None,
            extensions: 0,
        }];
        let ns = deadline_notices(
            &w.ctx(),
            Status::InProgress,
            Some(HANDLER),
            None,
            &deadlines,
        );
        let users: Vec<UserId> = ns.iter().map(|n| n.user).collect();
        assert_eq!(users, [DEPUTY]);
        // K3: the deputy complained about is passed over for the next who stands in (template:
        // the directors).
        let ns = deadline_notices(
            &w.ctx(),
            Status::InProgress,
            Some(HANDLER),
            Some(DEPUTY),
            &deadlines,
        );
        let users: Vec<UserId> = ns.iter().map(|n| n.user).collect();
        assert_eq!(users, [DIRECTOR, DIRECTOR_2]);
    }
}
