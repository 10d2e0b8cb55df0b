//! The procedure engine against the rules of `design/rules.md`.
//!
//! Each test is named after the rule it proves (`grep -r t05_` finds the proof of T5). The
//! complaints run on fixed dates: time is injected through `Ctx.now`, and a [`Case`] moves it
//! forward with [`Case::on`].
//!
//! Every step goes through [`Case::attempt`], which also checks what holds for every step:
//! an accepted step was among the allowed ones, its events carry who and when (T12) and
//! replaying the log gives the same state as applying it step by step; a refusal explains itself
//! in Dutch and English and lists the steps this person may take now.

use std::collections::BTreeSet;

use jiff::civil::{Date, date};
use jiff::{Timestamp, ToSpan};
use klacht_core::ladder::Rung;
use klacht_core::procedure::{
    Command, Complainant, ComplainantHearing, Complaint, Ctx, Document, Event, EventBody,
    ExternalOutcome, Level, NewComplaint, Org, Refusal, RefusalKind, Staff, Status, Via, View,
    WaiverGround, allowed_actions, capacities, decide, register, view, visible_to_involved,
};
use klacht_core::profile::{self, Capacity};
use klacht_core::{Actor, Calendar, Channel, Form, Lang, Outcome, Personal, Profile, Role, UserId};
use proptest::prelude::*;

use crate::support::{noon, person};

// ---------------------------------------------------------------------------------------------
// The organisation, the clock and the dossier
// ---------------------------------------------------------------------------------------------

const COORDINATOR: i64 = 1;
const DEPUTY: i64 = 2;
const HANDLER: i64 = 3;
const VOLUNTEER: i64 = 4;
const DIRECTOR: i64 = 5;
const BOARD: i64 = 6;
const ADMIN: i64 = 7;
const REGISTRAR: i64 = 8;
const OTHER: i64 = 9;
/// An id nobody has.
const NOBODY: i64 = 99;

const DEPUTY_NAME: &str = "Dirk Plaatsvervanger";

/// A working Monday without holidays near it: most complaints arrive on it.
fn monday() -> Date {
    date(2026, 3, 2)
}

/// A profile, the Dutch calendar and a staff with one person per role.
struct World {
    profile: Profile,
    calendar: Calendar,
    org: Org,
}

impl World {
    fn with_profile(profile: Profile) -> World {
        // In KJRW the coordinator is a board member (K3), and so is the one who stands in.
        let board = profile.roles.coordinator_must_be == Some(Role::Board);
        let also_board = |r: Role| {
            if board { vec![r, Role::Board] } else { vec![r] }
        };
        World {
            profile,
            calendar: Calendar::dutch(),
            org: Org {
                staff: vec![
                    person(
                        COORDINATOR,
                        "Carla Coördinator",
                        &also_board(Role::Coordinator),
                    ),
                    person(DEPUTY, DEPUTY_NAME, &also_board(Role::Deputy)),
                    person(HANDLER, "Hanna Behandelaar", &[Role::Handler]),
                    person(VOLUNTEER, "Vera Vrijwilliger", &[Role::Staff]),
                    person(DIRECTOR, "Daan Directeur", &[Role::Director]),
                    person(BOARD, "Bert Bestuur", &[Role::Board]),
                    person(ADMIN, "Anna Beheer", &[Role::Admin]),
                    person(REGISTRAR, "Rita Registratie", &[Role::Registrar]),
                    person(OTHER, "Otto Medewerker", &[Role::Staff]),
                ],
            },
        }
    }

    fn template() -> World {
        World::with_profile(profile::builtin("template").expect("the built-in template"))
    }

    fn kjrw() -> World {
        World::with_profile(profile::builtin("kjrw").expect("the built-in kjrw profile"))
    }

    fn awb() -> World {
        World::with_profile(profile::builtin("awb").expect("the built-in awb profile"))
    }

    fn wkkgz() -> World {
        World::with_profile(profile::builtin("wkkgz").expect("the built-in wkkgz profile"))
    }

    fn from_toml(src: &str) -> World {
        match profile::parse(src) {
            Ok(p) => World::with_profile(p),
            Err(errors) => panic!("the edited profile does not parse: {errors:?}"),
        }
    }

    fn staff_mut(&mut self, id: i64) -> &mut Staff {
        self.org
            .staff
            .iter_mut()
            .find(|s| s.id == UserId(id))
            .expect("a staff member of this world")
    }

    fn without(mut self, id: i64) -> World {
        self.org.staff.retain(|s| s.id != UserId(id));
        self
    }

    fn absent(mut self, id: i64) -> World {
        self.staff_mut(id).absent = true;
        self
    }

    fn roles(mut self, id: i64, roles: &[Role]) -> World {
        self.staff_mut(id).roles = roles.iter().copied().collect();
        self
    }

    fn with(mut self, s: Staff) -> World {
        self.org.staff.push(s);
        self
    }

    fn staff(&self, id: i64) -> &Staff {
        self.org
            .get(UserId(id))
            .expect("a staff member of this world")
    }

    fn ctx(&self, today: Date) -> Ctx<'_> {
        Ctx {
            profile: &self.profile,
            calendar: &self.calendar,
            org: &self.org,
            now: noon(today),
        }
    }

    /// Registers a complaint today, by a staff member or (`None`) through the public form.
    fn try_register(
        &self,
        today: Date,
        who: Option<i64>,
        new: NewComplaint,
    ) -> Result<Case<'_>, Refusal> {
        let ctx = self.ctx(today);
        let events = register(&ctx, who.map(|id| self.staff(id)), new).inspect_err(explains)?;
        for e in &events {
            assert_eq!(e.at, ctx.now, "T12: every entry records when");
            let actor = match (who, &e.body) {
                // T5: klacht acknowledges what comes in through the form by itself.
                (None, EventBody::Acknowledged { .. }) => Actor::System,
                (None, _) => Actor::Complainant,
                (Some(id), _) => Actor::Staff(UserId(id)),
            };
            assert_eq!(e.actor, actor, "T12: every entry records who");
        }
        let c = Complaint::replay(&events).expect("the first event is the registration");
        Ok(Case {
            w: self,
            today,
            events,
            c,
        })
    }

    fn register(&self, today: Date, who: Option<i64>, new: NewComplaint) -> Case<'_> {
        self.try_register(today, who, new)
            .unwrap_or_else(|r| panic!("registration refused: {r}"))
    }

    /// A complaint by email received today, registered by the registrar.
    fn open(&self, today: Date) -> Case<'_> {
        self.register(today, Some(REGISTRAR), email(today))
    }

    /// The same, about a staff member.
    fn open_about(&self, today: Date, about: i64) -> Case<'_> {
        self.register(today, Some(REGISTRAR), about_(email(today), about))
    }
}

/// A complaint and its log, at a date.
struct Case<'w> {
    w: &'w World,
    today: Date,
    events: Vec<Event>,
    c: Complaint,
}

impl<'w> Case<'w> {
    /// Moves the clock to `today`.
    fn on(&mut self, today: Date) -> &mut Self {
        assert!(today >= self.today, "time does not run backwards");
        self.today = today;
        self
    }

    fn ctx(&self) -> Ctx<'w> {
        self.w.ctx(self.today)
    }

    /// `who` asks for `cmd`; accepted events are appended and applied.
    fn attempt(&mut self, who: i64, cmd: Command) -> Result<Vec<Event>, Refusal> {
        let ctx = self.ctx();
        let staff = self.w.staff(who);
        let allowed_before = allowed_actions(&ctx, &self.c, staff);
        let action = cmd.action().name();
        match decide(&ctx, &self.c, staff, cmd) {
            Ok(events) => {
                assert!(
                    allowed_before.contains(&action),
                    "{action} was accepted but not among the allowed steps {allowed_before:?}"
                );
                for e in &events {
                    assert_eq!(e.at, ctx.now, "T12: every entry records when");
                    assert_eq!(
                        e.actor,
                        Actor::Staff(UserId(who)),
                        "T12: every entry records who"
                    );
                    self.c.apply(e);
                    self.events.push(e.clone());
                }
                assert_eq!(
                    Complaint::replay(&self.events).as_ref(),
                    Some(&self.c),
                    "replaying the log gives the state"
                );
                Ok(events)
            }
            Err(r) => {
                explains(&r);
                assert_eq!(
                    r.allowed, allowed_before,
                    "a refusal lists what is allowed now"
                );
                Err(r)
            }
        }
    }

    #[track_caller]
    fn ok(&mut self, who: i64, cmd: Command) -> Vec<Event> {
        let what = format!("{cmd:?}");
        self.attempt(who, cmd)
            .unwrap_or_else(|r| panic!("{what} by {who} refused: {r} ({r:?})"))
    }

    #[track_caller]
    fn refused(&mut self, who: i64, cmd: Command) -> Refusal {
        let what = format!("{cmd:?}");
        let version = self.c.version;
        match self.attempt(who, cmd) {
            Ok(events) => panic!("{what} by {who} was accepted: {events:?}"),
            Err(r) => {
                assert_eq!(self.c.version, version, "a refusal changes nothing");
                r
            }
        }
    }

    fn caps(&self, who: i64) -> BTreeSet<Capacity> {
        capacities(
            &self.w.profile,
            &self.w.org,
            Some(&self.c),
            self.w.staff(who),
        )
    }

    fn acts_as_coordinator(&self, who: i64) -> bool {
        self.caps(who).contains(&Capacity::Coordinator)
    }

    fn view(&self, who: i64) -> View {
        view(&self.w.profile, &self.w.org, &self.c, self.w.staff(who))
    }

    fn allowed(&self, who: i64) -> Vec<&'static str> {
        allowed_actions(&self.ctx(), &self.c, self.w.staff(who))
    }

    fn due(&self, id: &str) -> Option<Date> {
        self.c.deadline(id).and_then(|d| d.due)
    }

    fn met(&self, id: &str) -> bool {
        self.c.deadline(id).is_some_and(|d| d.met_at.is_some())
    }

    /// Template: what the registration form needs before closing (K12.2), then the decision.
    fn assign_classify_decide(&mut self) -> &mut Self {
        self.ok(COORDINATOR, assign(HANDLER));
        self.ok(COORDINATOR, classify(&["service"], Some("normal")));
        self.ok(HANDLER, decision(Outcome::Gegrond));
        self
    }
}

/// Every refusal says why in Dutch and in English.
fn explains(r: &Refusal) {
    assert!(!r.message.nl.trim().is_empty(), "a Dutch message: {r:?}");
    let en = r.message.en.as_deref().unwrap_or_default();
    assert!(!en.trim().is_empty(), "an English message: {r:?}");
    assert_ne!(r.message.nl, en, "two languages, not one text twice: {r:?}");
}

fn has_detail(r: &Refusal, part: &str) -> bool {
    r.details.iter().any(|d| d.contains(part))
}

// ---------------------------------------------------------------------------------------------
// New complaints and commands, readable
// ---------------------------------------------------------------------------------------------

fn new_complaint(channel: Channel, received: Date) -> NewComplaint {
    NewComplaint {
        channel,
        received_at: noon(received),
        received_by: None,
        received_where: None,
        concerns: None,
        relation: None,
        complainant: Complainant {
            name: "Jan Klager".into(),
            email: Some("jan@example.nl".into()),
            phone: None,
            address: Some("Breestraat 1, Leiden".into()),
            date_of_birth: None,
        },
        on_behalf_of: None,
        description: "Ik ben niet goed geholpen.".into(),
        language: Lang::Nl,
        resolved_directly: None,
        documents: Vec::new(),
    }
}

fn email(received: Date) -> NewComplaint {
    new_complaint(Channel::Email, received)
}

fn web(received: Date) -> NewComplaint {
    new_complaint(Channel::Web, received)
}

fn about_(new: NewComplaint, who: i64) -> NewComplaint {
    NewComplaint {
        concerns: Some(UserId(who)),
        ..new
    }
}

fn acknowledge() -> Command {
    Command::Acknowledge {
        via: Via::Email,
        note: None,
    }
}

fn assign(handler: i64) -> Command {
    Command::Assign {
        handler: UserId(handler),
    }
}

fn inform_involved() -> Command {
    Command::InformInvolved {
        note: Some("Er is een klacht over je binnengekomen.".into()),
        via: None,
    }
}

fn hearing(held_on: Option<Date>) -> Command {
    Command::RecordHearing {
        summary: "De vrijwilliger herkent de klacht.".into(),
        held_on,
    }
}

/// Awb 9:10: the complainant's hearing, on `on`.
fn complainant_hearing(
    hearing: ComplainantHearing,
    on: Option<Date>,
    ground: Option<WaiverGround>,
) -> Command {
    Command::RecordComplainantHearing {
        hearing,
        on,
        ground,
        note: None,
    }
}

fn contact(measures_communicated: bool) -> Command {
    Command::RecordContact {
        via: Via::Phone,
        on: None,
        summary: "Gebeld met de klager.".into(),
        agreements: Some("We sturen een excuusbrief.".into()),
        measures_communicated,
    }
}

fn note(text: &str) -> Command {
    Command::AddNote { text: text.into() }
}

fn attach() -> Command {
    Command::AttachDocument {
        document: Document {
            sha256: "ab".repeat(32),
            filename: Personal::new("brief.pdf".into()),
            content_type: "application/pdf".into(),
            size: 1234,
        },
    }
}

fn extend(deadline: &str, new_due: Date, reason: &str) -> Command {
    Command::Extend {
        deadline: deadline.into(),
        new_due,
        reason: reason.into(),
        consent: false,
    }
}

fn extend_with_consent(deadline: &str, new_due: Date, reason: &str) -> Command {
    Command::Extend {
        deadline: deadline.into(),
        new_due,
        reason: reason.into(),
        consent: true,
    }
}

fn escalate(to: Level) -> Command {
    Command::Escalate {
        to,
        reason: "Geen oplossing gevonden met de klager.".into(),
    }
}

fn refer_to_committee() -> Command {
    Command::ReferToCommittee {
        reason: "Advies van de klachtencommissie.".into(),
    }
}

fn classify(categories: &[&str], severity: Option<&str>) -> Command {
    Command::Classify {
        categories: categories.iter().map(|c| (*c).to_owned()).collect(),
        severity: severity.map(str::to_owned),
        sensitive: false,
        relation: None,
    }
}

fn classify_sensitive(categories: &[&str], severity: Option<&str>) -> Command {
    Command::Classify {
        categories: categories.iter().map(|c| (*c).to_owned()).collect(),
        severity: severity.map(str::to_owned),
        sensitive: true,
        relation: None,
    }
}

fn measure(description: &str) -> Command {
    Command::RecordMeasure {
        description: description.into(),
    }
}

fn decision(outcome: Outcome) -> Command {
    Command::Decide {
        outcome,
        decision: "Wij geven u gelijk en bieden excuses aan.".into(),
        via: Via::Email,
    }
}

fn withdraw() -> Command {
    Command::Withdraw {
        reason: Some("De klager trekt de klacht in.".into()),
    }
}

fn reopen() -> Command {
    Command::Reopen {
        reason: "De klager is het niet eens met de afhandeling.".into(),
    }
}

/// The template with its text edited, checked to change exactly one place.
fn edit(src: &str, edits: &[(&str, &str)]) -> String {
    let mut out = src.to_owned();
    for (from, to) in edits {
        assert_eq!(
            out.matches(from).count(),
            1,
            "exactly one {from:?} in the profile"
        );
        out = out.replacen(from, to, 1);
    }
    out
}

fn template_source() -> &'static str {
    profile::builtin_source("template").expect("the built-in template")
}

/// An Awb-like regulation (Awb 9:11, 9:14): six weeks to answer, ten with an advisory
/// committee, one extension of at most four weeks, further only with the complainant's consent.
fn awb_like() -> World {
    World::from_toml(&edit(
        template_source(),
        &[
            (
                "[extension]\nbeyond_with_consent = false",
                "[extension]\nmax_count = 1\nmax_weeks = 4\nbeyond_with_consent = true",
            ),
            (
                "working_days = 5\n",
                "weeks = 6\nweeks_with_committee = 10\n",
            ),
        ],
    ))
}

// ---------------------------------------------------------------------------------------------
// Intake: T1, T2, T19, T20, K1, K2, K10 (form), T16
// ---------------------------------------------------------------------------------------------

#[test]
fn t01_relation_types_come_from_the_profile() {
    let w = World::template();
    for relation in [
        "partner",
        "supplier",
        "aid_organisation",
        "client",
        "volunteer",
        "applicant",
        "other",
    ] {
        let new = NewComplaint {
            relation: Some(relation.into()),
            ..email(monday())
        };
        let case = w.register(monday(), Some(OTHER), new);
        assert_eq!(case.c.relation.as_deref(), Some(relation));
    }
    let r = w
        .try_register(
            monday(),
            Some(OTHER),
            NewComplaint {
                relation: Some("donor".into()),
                ..email(monday())
            },
        )
        .err()
        .expect("an unknown relation is refused");
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert!(has_detail(&r, "relation: \"donor\""), "{r:?}");
    assert!(
        has_detail(&r, "partner, supplier"),
        "the details list what is allowed: {r:?}"
    );

    // The KJRW only knows clients (and others): a supplier is not a relation there.
    let k = World::kjrw();
    let r = k
        .try_register(
            monday(),
            Some(OTHER),
            NewComplaint {
                relation: Some("supplier".into()),
                ..email(monday())
            },
        )
        .err()
        .expect("not a KJRW relation");
    assert!(has_detail(&r, "relation"), "{r:?}");
}

#[test]
fn t01_classification_may_set_the_relation_but_only_to_a_known_type() {
    let w = World::template();
    let mut case = w.open(monday());
    assert_eq!(case.c.relation, None);
    let r = case.refused(
        COORDINATOR,
        Command::Classify {
            categories: vec!["service".into()],
            severity: None,
            sensitive: false,
            relation: Some("donor".into()),
        },
    );
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert!(
        has_detail(&r, "relation: \"donor\" is not one of partner"),
        "{r:?}"
    );
    case.ok(
        COORDINATOR,
        Command::Classify {
            categories: vec!["service".into()],
            severity: None,
            sensitive: false,
            relation: Some("supplier".into()),
        },
    );
    assert_eq!(case.c.relation.as_deref(), Some("supplier"));
}

#[test]
fn t02_every_channel_is_recorded_with_its_form() {
    let expected = [
        (Channel::Web, Form::Written),
        (Channel::Email, Form::Written),
        (Channel::Letter, Form::Written),
        (Channel::SocialMedia, Form::Written),
        (Channel::Phone, Form::Oral),
        (Channel::InPerson, Form::Oral),
    ];
    assert_eq!(expected.len(), Channel::ALL.len());
    let w = World::template();
    for (channel, form) in expected {
        let case = w.register(monday(), Some(OTHER), new_complaint(channel, monday()));
        assert_eq!(case.c.channel, channel);
        assert_eq!(case.c.form, form, "{channel:?}");
        let EventBody::Registered(r) = &case.events[0].body else {
            panic!("the first event is the registration");
        };
        assert_eq!(
            (r.channel, r.form),
            (channel, form),
            "recorded on the event too"
        );
    }
}

#[test]
fn k10_form_oral_or_written_follows_the_channel() {
    let w = World::kjrw();
    for (channel, form) in [
        (Channel::InPerson, Form::Oral),
        (Channel::Phone, Form::Oral),
        (Channel::Letter, Form::Written),
        (Channel::Email, Form::Written),
        (Channel::Web, Form::Written),
    ] {
        let case = w.register(monday(), Some(VOLUNTEER), new_complaint(channel, monday()));
        assert_eq!(case.c.form, form, "{channel:?}");
    }
}

#[test]
fn t02_without_a_staff_member_only_web_and_email_complaints_are_registered() {
    let w = World::template();
    let case = w.register(monday(), None, web(monday()));
    assert_eq!(case.c.channel, Channel::Web);
    assert_eq!(case.c.received_by, None, "nobody on the staff received it");
    assert_eq!(case.events[0].actor, Actor::Complainant);
    // An e-mail of the complainant's, made a complaint from the post tray (issue 17).
    let mut mail = web(monday());
    mail.channel = Channel::Email;
    let case = w.register(monday(), None, mail);
    assert_eq!(case.c.channel, Channel::Email);
    assert_eq!(case.events[0].actor, Actor::Complainant);
    for channel in Channel::ALL
        .into_iter()
        .filter(|c| !matches!(c, Channel::Web | Channel::Email))
    {
        let r = w
            .try_register(monday(), None, new_complaint(channel, monday()))
            .err()
            .unwrap_or_else(|| panic!("{channel:?} through the public form"));
        assert_eq!(r.kind, RefusalKind::NotPermitted, "{channel:?}");
    }
}

#[test]
fn t19_line_breaks_direction_overrides_and_invisible_names_are_refused_by_the_engine() {
    let w = World::template();
    type Change = fn(&mut NewComplaint);
    let cases: [(&str, Change); 7] = [
        ("name: contains a line break", |n| {
            n.complainant.name = "Jan\nKlager".into()
        }),
        ("name: contains a line break", |n| {
            n.complainant.name = "Jan\r\nBcc: x@example.org".into()
        }),
        ("email: contains a line break", |n| {
            n.complainant.email = Some("jan@example.nl\r".into())
        }),
        ("phone: contains a line break", |n| {
            n.complainant.phone = Some("020\n1234567".into())
        }),
        (
            "name: contains characters that change the writing direction",
            |n| n.complainant.name = "Jan \u{202E}regalK".into(),
        ),
        ("on_behalf_of: holds no visible characters", |n| {
            n.on_behalf_of = Some("\u{200B}\u{3164}".into())
        }),
        (
            "description: contains a line break or another control character",
            |n| n.description = "Een bel\u{7} in de tekst".into(),
        ),
    ];
    for (expected, change) in cases {
        let mut new = web(monday());
        change(&mut new);
        let r = w
            .try_register(monday(), None, new)
            .err()
            .unwrap_or_else(|| panic!("registered despite {expected}"));
        assert_eq!(r.kind, RefusalKind::Invalid, "{expected}");
        assert!(has_detail(&r, expected), "{expected}: {:?}", r.details);
        explains(&r);
    }
    // Line breaks in the description and the address are fine.
    let mut new = web(monday());
    new.description = "Eerste alinea.\r\n\r\nTweede alinea.".into();
    new.complainant.address = Some("Breestraat 1\n2311 CS Leiden".into());
    w.register(monday(), None, new);
}

#[test]
fn t02_a_channel_the_profile_does_not_list_is_refused() {
    let w = World::from_toml(&edit(
        template_source(),
        &[(
            "[[channels]]\nid = \"social_media\"\nform = \"written\"\nlabel = { nl = \"Social media\", en = \"Social media\" }\n",
            "",
        )],
    ));
    let r = w
        .try_register(
            monday(),
            Some(OTHER),
            new_complaint(Channel::SocialMedia, monday()),
        )
        .err()
        .expect("not a channel of this profile");
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert_eq!(r.details, vec!["channel".to_owned()]);
    assert!(
        r.message
            .en
            .as_deref()
            .is_some_and(|m| m.contains("web, email")),
        "{r:?}"
    );
}

#[test]
fn t02_staff_register_the_other_channels_but_an_admin_does_not() {
    let w = World::template();
    for who in [
        OTHER,
        VOLUNTEER,
        REGISTRAR,
        HANDLER,
        COORDINATOR,
        DIRECTOR,
        BOARD,
    ] {
        let case = w.register(monday(), Some(who), new_complaint(Channel::Phone, monday()));
        assert_eq!(
            case.c.received_by,
            Some(UserId(who)),
            "T20: who received it"
        );
    }
    let r = w
        .try_register(monday(), Some(ADMIN), email(monday()))
        .err()
        .expect("an admin manages accounts, not complaints");
    assert_eq!(r.kind, RefusalKind::NotPermitted);
}

#[test]
fn t19_a_complaint_needs_a_name_a_way_to_reach_the_complainant_and_a_description() {
    let w = World::template();
    let mut new = web(monday());
    new.complainant.name = "  ".into();
    new.complainant.email = None;
    new.complainant.phone = Some(" ".into());
    new.description = "\n".into();
    let r = w
        .try_register(monday(), None, new)
        .err()
        .expect("incomplete");
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert!(has_detail(&r, "name"), "{r:?}");
    assert!(has_detail(&r, "email/phone"), "{r:?}");
    assert!(has_detail(&r, "description"), "{r:?}");
    assert_eq!(r.details.len(), 3, "one detail per problem: {r:?}");

    // A phone number alone is enough.
    let mut new = web(monday());
    new.complainant.email = None;
    new.complainant.phone = Some("06 12345678".into());
    w.register(monday(), None, new);
}

#[test]
fn t20_received_at_in_the_future_is_refused() {
    let w = World::template();
    let today = monday();
    let r = w
        .try_register(
            today,
            Some(OTHER),
            NewComplaint {
                received_at: noon(today) + 1.hour(),
                ..email(today)
            },
        )
        .err()
        .expect("received later than now");
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert!(has_detail(&r, "received_at"), "{r:?}");
    let r = w
        .try_register(today, Some(OTHER), email(today + 1.day()))
        .err()
        .expect("received tomorrow");
    assert!(has_detail(&r, "received_at"), "{r:?}");

    // A clock a little ahead is tolerated; a complaint received last week is fine.
    w.register(
        today,
        Some(OTHER),
        NewComplaint {
            received_at: noon(today) + 2.minutes(),
            ..email(today)
        },
    );
    let case = w.register(today, Some(OTHER), email(today - 7.days()));
    assert_eq!(case.c.received_at, noon(today - 7.days()));
}

#[test]
fn t20_registration_records_who_received_it_where_and_about_whom() {
    let w = World::kjrw();
    let new = NewComplaint {
        received_by: Some(UserId(VOLUNTEER)),
        received_where: Some("spreekuur".into()),
        concerns: Some(UserId(HANDLER)),
        ..new_complaint(Channel::InPerson, monday())
    };
    let case = w.register(monday(), Some(REGISTRAR), new);
    assert_eq!(
        case.c.received_by,
        Some(UserId(VOLUNTEER)),
        "the one who took it in"
    );
    assert_eq!(
        case.c
            .received_where
            .as_ref()
            .and_then(Personal::get)
            .map(String::as_str),
        Some("spreekuur")
    );
    assert_eq!(case.c.concerns, Some(UserId(HANDLER)));

    for (field, new) in [
        (
            "received_by",
            NewComplaint {
                received_by: Some(UserId(NOBODY)),
                ..email(monday())
            },
        ),
        ("concerns", about_(email(monday()), NOBODY)),
    ] {
        let r = w
            .try_register(monday(), Some(REGISTRAR), new)
            .err()
            .expect("unknown staff");
        assert!(has_detail(&r, field), "{r:?}");
    }
}

#[test]
fn k01_a_complaint_on_behalf_of_the_client_keeps_both() {
    let w = World::kjrw();
    let mut new = email(monday());
    new.complainant.name = "Moeder van de cliënt".into();
    new.on_behalf_of = Some("Sam (15)".into());
    new.complainant.date_of_birth = Some(date(2010, 6, 1));
    let case = w.register(monday(), Some(VOLUNTEER), new);
    assert_eq!(
        case.c
            .on_behalf_of
            .as_ref()
            .and_then(Personal::get)
            .map(String::as_str),
        Some("Sam (15)")
    );
    let complainant = case.c.complainant.get().expect("present");
    assert_eq!(complainant.name, "Moeder van de cliënt");
    assert_eq!(
        complainant.date_of_birth,
        Some(date(2010, 6, 1)),
        "K2: date of birth asked"
    );
    assert!(
        w.profile.registration.ask_date_of_birth,
        "K2: the KJRW profile asks it"
    );
}

#[test]
fn t16_a_complaint_is_handled_under_the_profile_version_it_arrived_under() {
    let w = World::template();
    assert_eq!(w.open(monday()).c.profile, "template@2025-1");
    let k = World::kjrw();
    assert_eq!(k.open(monday()).c.profile, "kjrw@1");
}

// ---------------------------------------------------------------------------------------------
// T3: the coordinator receives and assigns
// ---------------------------------------------------------------------------------------------

#[test]
fn t03_a_new_complaint_is_received_without_a_handler() {
    for w in [World::template(), World::kjrw()] {
        let case = w.open(monday());
        assert_eq!(case.c.status, Status::Received);
        assert_eq!(case.c.handler, None);
        assert_eq!(
            case.view(COORDINATOR),
            View::Full,
            "it lands with the coordinator"
        );
        assert!(case.allowed(COORDINATOR).contains(&"assign"));
    }
}

#[test]
fn t03_the_coordinator_assigns_and_the_handler_then_handles() {
    let w = World::template();
    let mut case = w.open(monday());
    assert!(!case.caps(HANDLER).contains(&Capacity::Handler));
    assert_eq!(case.view(HANDLER), View::None, "not theirs yet");
    case.refused(HANDLER, decision(Outcome::Gegrond));

    let events = case.ok(COORDINATOR, assign(HANDLER));
    assert!(
        matches!(events[0].body, EventBody::Assigned { handler, .. } if handler == UserId(HANDLER))
    );
    assert_eq!(case.c.handler, Some(UserId(HANDLER)));
    assert_eq!(case.c.status, Status::InProgress);
    assert!(case.caps(HANDLER).contains(&Capacity::Handler));
    assert_eq!(case.view(HANDLER), View::Full);
    for step in [
        "acknowledge",
        "record-contact",
        "extend",
        "decide",
        "withdraw",
    ] {
        assert!(
            case.allowed(HANDLER).contains(&step),
            "{step}: {:?}",
            case.allowed(HANDLER)
        );
    }
    assert!(
        !case.allowed(HANDLER).contains(&"close"),
        "closing is the coordinator's"
    );

    // Forwarding again: the new handler takes over.
    let r = case.refused(COORDINATOR, assign(HANDLER));
    assert_eq!(r.kind, RefusalKind::WrongState, "already assigned to them");
    case.ok(COORDINATOR, assign(DEPUTY));
    assert!(!case.caps(HANDLER).contains(&Capacity::Handler));
    assert!(case.caps(DEPUTY).contains(&Capacity::Handler));
}

#[test]
fn t03_only_the_coordinator_assigns() {
    let w = World::template();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, assign(HANDLER));
    for who in [HANDLER, OTHER, REGISTRAR, DIRECTOR, DEPUTY] {
        let r = case.refused(who, assign(OTHER));
        assert_eq!(r.kind, RefusalKind::NotPermitted, "{who}");
        assert!(!r.allowed.contains(&"assign"));
    }
}

#[test]
fn t03_assigning_someone_without_a_handler_or_coordinator_role_is_refused() {
    let w = World::template();
    let mut case = w.open(monday());
    for who in [OTHER, VOLUNTEER, DIRECTOR, BOARD, ADMIN, REGISTRAR] {
        let r = case.refused(COORDINATOR, assign(who));
        assert_eq!(r.kind, RefusalKind::Invalid, "{who}");
    }
    let r = case.refused(COORDINATOR, assign(NOBODY));
    assert_eq!(r.details, vec!["handler".to_owned()]);
    // Handlers, coordinators and deputies may be assigned.
    case.ok(COORDINATOR, assign(DEPUTY));
    case.ok(COORDINATOR, assign(COORDINATOR));
    case.ok(COORDINATOR, assign(HANDLER));
}

// ---------------------------------------------------------------------------------------------
// T4: received and settled at once
// ---------------------------------------------------------------------------------------------

#[test]
fn t04_resolved_directly_is_decided_opgelost_with_deadlines_met() {
    let w = World::template();
    let new = NewComplaint {
        resolved_directly: Some("Telefonisch uitgelegd; de klager is tevreden.".into()),
        ..new_complaint(Channel::Phone, monday())
    };
    let case = w.register(monday(), Some(OTHER), new);
    assert_eq!(case.events.len(), 2);
    assert!(
        matches!(&case.events[1].body, EventBody::ResolvedDirectly { how } if how.get().is_some_and(|h| h.starts_with("Telefonisch")))
    );
    assert!(case.c.resolved_directly);
    assert_eq!(case.c.status, Status::Decided);
    let d = case.c.decision.as_ref().expect("a decision");
    assert_eq!(d.outcome, Outcome::Opgelost);
    assert_eq!(d.by, Actor::Staff(UserId(OTHER)));
    for id in ["acknowledge", "answer"] {
        assert!(case.met(id), "{id} met");
    }
    assert_eq!(case.c.next_due(), None, "nothing is due any more");
    // The coordinator sees it and may close it.
    assert_eq!(case.view(COORDINATOR), View::Full);
    assert!(case.allowed(COORDINATOR).contains(&"close"));
    assert_eq!(
        case.view(OTHER),
        View::Full,
        "who took it in keeps sight of it"
    );
}

#[test]
fn t04_k3_nobody_settles_a_complaint_about_themselves() {
    let w = World::template();
    let new = NewComplaint {
        resolved_directly: Some("Zelf opgelost.".into()),
        ..about_(new_complaint(Channel::Phone, monday()), VOLUNTEER)
    };
    let r = w
        .try_register(monday(), Some(VOLUNTEER), new.clone())
        .err()
        .expect("settling a complaint about yourself");
    assert_eq!(r.kind, RefusalKind::ConflictOfInterest);
    // Somebody else may settle it, and the volunteer may register it without settling it.
    w.register(monday(), Some(OTHER), new.clone());
    let case = w.register(
        monday(),
        Some(VOLUNTEER),
        NewComplaint {
            resolved_directly: None,
            ..new
        },
    );
    assert_eq!(case.c.status, Status::Received);
    assert_eq!(
        case.view(VOLUNTEER),
        View::Involved,
        "K3 wins over having taken it in"
    );
}

#[test]
fn t04_resolved_directly_says_how() {
    let w = World::template();
    let r = w
        .try_register(
            monday(),
            Some(OTHER),
            NewComplaint {
                resolved_directly: Some("   ".into()),
                ..new_complaint(Channel::Phone, monday())
            },
        )
        .err()
        .expect("how it was settled is missing");
    assert!(has_detail(&r, "resolved_directly"), "{r:?}");
}

#[test]
fn t04_the_public_form_cannot_register_a_complaint_as_resolved() {
    let w = World::template();
    let r = w
        .try_register(
            monday(),
            None,
            NewComplaint {
                resolved_directly: Some("Opgelost".into()),
                ..web(monday())
            },
        )
        .err()
        .expect("only staff settle a complaint at once (T4)");
    assert_eq!(r.kind, RefusalKind::NotPermitted);
}

#[test]
fn t04_a_complaint_resolved_directly_can_be_closed_by_the_coordinator_kjrw() {
    let w = World::kjrw();
    let new = NewComplaint {
        resolved_directly: Some("Ter plekke opgelost.".into()),
        ..new_complaint(Channel::InPerson, monday())
    };
    let mut case = w.register(monday(), Some(VOLUNTEER), new);
    case.ok(COORDINATOR, classify(&["a"], None));
    case.ok(
        COORDINATOR,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    case.ok(COORDINATOR, Command::Close);
    assert_eq!(case.c.status, Status::Closed);
}

// ---------------------------------------------------------------------------------------------
// T5, T6, K12.4: deadlines
// ---------------------------------------------------------------------------------------------

#[test]
fn t05_acknowledgement_due_in_two_working_days_over_christmas() {
    let w = World::template();
    // Tue 23 Dec 2025: Christmas (25, 26) and the weekend (27, 28) do not count.
    let received = date(2025, 12, 23);
    let mut case = w.open(received);
    assert_eq!(case.due("acknowledge"), Some(date(2025, 12, 29)));
    assert_eq!(case.c.next_due(), Some(date(2025, 12, 29)));
    case.on(date(2025, 12, 24)).ok(REGISTRAR, acknowledge());
    assert!(case.met("acknowledge"));
    assert_eq!(case.c.status, Status::Acknowledged);
    assert_eq!(
        case.c.next_due(),
        case.due("answer"),
        "the answer is due next"
    );
    let r = case.refused(COORDINATOR, acknowledge());
    assert_eq!(r.kind, RefusalKind::WrongState, "acknowledged once");
}

#[test]
fn t05_late_acknowledgement_stays_visible_as_late() {
    let w = World::template();
    let mut case = w.open(date(2025, 12, 23));
    // Overdue: the due date has passed and the deadline is not met.
    case.on(date(2025, 12, 30));
    let d = case.c.deadline("acknowledge").expect("the deadline");
    assert!(d.met_at.is_none() && d.due.is_some_and(|due| due < case.today));
    case.ok(COORDINATOR, acknowledge());
    let d = case.c.deadline("acknowledge").expect("the deadline");
    let met = d.met_at.map(klacht_core::calendar::amsterdam_date);
    assert!(met > d.due, "met after the due date: {met:?} > {:?}", d.due);
}

#[test]
fn t05_the_receipt_day_is_the_dutch_calendar_day() {
    let w = World::template();
    // 00:30 in Amsterdam on Wed 22 April is still Tuesday in UTC.
    let received: Timestamp = "2026-04-21T22:30:00Z".parse().expect("a timestamp");
    let case = w.register(
        date(2026, 4, 22),
        Some(OTHER),
        NewComplaint {
            received_at: received,
            ..email(date(2026, 4, 22))
        },
    );
    assert_eq!(case.due("answer"), Some(date(2026, 4, 30)));
}

#[test]
fn t06_answer_due_in_five_working_days_over_kings_day() {
    let w = World::template();
    // Wed 22 April 2026; King's Day is Monday 27 April.
    let case = w.open(date(2026, 4, 22));
    assert_eq!(case.due("answer"), Some(date(2026, 4, 30)));
    assert_eq!(case.due("acknowledge"), Some(date(2026, 4, 24)));
}

#[test]
fn k12_4_settled_within_four_weeks_moved_past_kings_day() {
    let w = World::kjrw();
    // Mon 30 March 2026 + 4 weeks = Mon 27 April, King's Day: the next working day.
    let case = w.open(date(2026, 3, 30));
    assert_eq!(case.due("settle"), Some(date(2026, 4, 28)));
    let case = w.open(monday());
    assert_eq!(
        case.due("settle"),
        Some(date(2026, 3, 30)),
        "an ordinary four weeks"
    );
}

#[test]
fn k12_4_the_four_week_term_is_not_extended() {
    let w = World::kjrw();
    let mut case = w.open(monday());
    // No deadline of the KJRW is extendable: the step is not offered, and refused.
    assert!(!case.allowed(COORDINATOR).contains(&"extend"));
    let r = case.refused(COORDINATOR, extend("settle", date(2026, 4, 6), "Druk."));
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert_eq!(case.due("settle"), Some(date(2026, 3, 30)));
}

#[test]
fn k12_4_the_decision_settles_the_complaint() {
    let w = World::kjrw();
    let mut case = w.open(monday());
    case.on(date(2026, 3, 20))
        .ok(COORDINATOR, decision(Outcome::DeelsGegrond));
    assert!(case.met("settle"));
}

#[test]
fn t06_extension_records_the_new_date_and_the_reason() {
    let w = World::template();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, assign(HANDLER));
    assert_eq!(case.due("answer"), Some(date(2026, 3, 9)));
    let events = case.on(date(2026, 3, 5)).ok(
        HANDLER,
        extend(
            "answer",
            date(2026, 3, 16),
            "We wachten op informatie van de leverancier.",
        ),
    );
    let EventBody::Extended {
        deadline,
        previous_due,
        new_due,
        reason,
        consent,
    } = &events[0].body
    else {
        panic!("an extension: {events:?}");
    };
    assert_eq!(deadline, "answer");
    assert_eq!(*previous_due, date(2026, 3, 9));
    assert_eq!(*new_due, date(2026, 3, 16));
    assert_eq!(
        reason.get().map(String::as_str),
        Some("We wachten op informatie van de leverancier.")
    );
    assert!(!consent);
    assert_eq!(
        case.due("answer"),
        Some(date(2026, 3, 16)),
        "the state shows the new due date"
    );
    assert_eq!(case.c.deadline("answer").map(|d| d.extensions), Some(1));
    // The template sets no limit: again is fine.
    case.ok(
        HANDLER,
        extend("answer", date(2026, 4, 16), "Nog steeds geen informatie."),
    );
    assert_eq!(case.due("answer"), Some(date(2026, 4, 16)));
}

#[test]
fn t06_extension_to_a_day_off_is_refused_with_a_suggestion() {
    let w = World::template();
    let mut case = w.open(monday());
    // Saturday 14 March: Monday 16 March is suggested.
    let r = case.refused(
        COORDINATOR,
        extend("answer", date(2026, 3, 14), "Meer tijd nodig."),
    );
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert_eq!(r.details, vec!["new_due".to_owned()]);
    assert!(r.message.nl.contains("2026-03-16"), "{}", r.message.nl);
    assert!(
        r.message
            .en
            .as_deref()
            .is_some_and(|m| m.contains("2026-03-16")),
        "{r:?}"
    );
    // Liberation Day counts as a day off under the Algemene termijnenwet.
    let r = case.refused(
        COORDINATOR,
        extend("answer", date(2026, 5, 5), "Meer tijd nodig."),
    );
    assert!(r.message.nl.contains("2026-05-06"), "{}", r.message.nl);
}

#[test]
fn t06_extension_needs_a_reason() {
    let w = World::template();
    let mut case = w.open(monday());
    let r = case.refused(COORDINATOR, extend("answer", date(2026, 3, 16), "  "));
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert_eq!(r.details, vec!["reason".to_owned()]);
}

#[test]
fn t06_extension_must_lie_after_the_current_due_date() {
    let w = World::template();
    let mut case = w.open(monday());
    for earlier in [date(2026, 3, 6), date(2026, 3, 9)] {
        let r = case.refused(COORDINATOR, extend("answer", earlier, "Meer tijd nodig."));
        assert_eq!(r.kind, RefusalKind::Invalid);
        assert_eq!(r.details, vec!["new_due".to_owned()]);
        assert!(
            r.message
                .en
                .as_deref()
                .is_some_and(|m| m.contains("after 2026-03-09")),
            "{r:?}"
        );
    }
}

#[test]
fn t06_only_an_extendable_deadline_of_the_profile_is_extended() {
    let w = World::template();
    let mut case = w.open(monday());
    let r = case.refused(
        COORDINATOR,
        extend("acknowledge", date(2026, 3, 10), "Druk."),
    );
    assert_eq!(
        r.kind,
        RefusalKind::Invalid,
        "the acknowledgement term is fixed"
    );
    let r = case.refused(COORDINATOR, extend("settle", date(2026, 3, 10), "Druk."));
    assert!(
        has_detail(&r, "acknowledge, answer"),
        "the details list the deadlines: {r:?}"
    );
    // Not by somebody who is not handling it.
    let r = case.refused(OTHER, extend("answer", date(2026, 3, 16), "Druk."));
    assert_eq!(r.kind, RefusalKind::NotPermitted);
    // Not once answered.
    case.ok(COORDINATOR, decision(Outcome::Ongegrond));
    let r = case.refused(COORDINATOR, extend("answer", date(2026, 3, 16), "Druk."));
    assert_eq!(r.kind, RefusalKind::WrongState);
}

#[test]
fn t06_awb_one_extension_of_at_most_four_weeks() {
    let w = awb_like();
    let mut case = w.open(monday());
    assert_eq!(case.due("answer"), Some(date(2026, 4, 13)), "six weeks");
    case.ok(
        COORDINATOR,
        extend("answer", date(2026, 5, 11), "Complexe klacht."),
    );
    assert_eq!(
        case.due("answer"),
        Some(date(2026, 5, 11)),
        "four weeks more"
    );
    let r = case.refused(
        COORDINATOR,
        extend("answer", date(2026, 5, 18), "Nog complexer."),
    );
    assert_eq!(r.kind, RefusalKind::NotPermitted, "a second extension");
    assert!(
        r.message
            .en
            .as_deref()
            .is_some_and(|m| m.contains("at most 1 time")),
        "{r:?}"
    );
    assert!(
        r.message
            .en
            .as_deref()
            .is_some_and(|m| m.contains("consent")),
        "{r:?}"
    );
    assert_eq!(case.c.deadline("answer").map(|d| d.extensions), Some(1));
}

#[test]
fn t06_awb_beyond_the_limits_only_with_consent() {
    let w = awb_like();
    let mut case = w.open(monday());
    // One day more than four weeks.
    let r = case.refused(
        COORDINATOR,
        extend("answer", date(2026, 5, 12), "Complexe klacht."),
    );
    assert_eq!(r.kind, RefusalKind::NotPermitted);
    assert!(
        r.message
            .en
            .as_deref()
            .is_some_and(|m| m.contains("until 2026-05-11")),
        "{r:?}"
    );
    let events = case.ok(
        COORDINATOR,
        extend_with_consent("answer", date(2026, 5, 12), "Complexe klacht."),
    );
    assert!(
        matches!(events[0].body, EventBody::Extended { consent: true, .. }),
        "consent recorded"
    );
    // A second extension, too, only with consent.
    case.refused(
        COORDINATOR,
        extend("answer", date(2026, 5, 19), "Wachten op advies."),
    );
    let events = case.ok(
        COORDINATOR,
        extend_with_consent("answer", date(2026, 5, 19), "Wachten op advies."),
    );
    assert!(matches!(
        events[0].body,
        EventBody::Extended { consent: true, .. }
    ));
    assert_eq!(case.due("answer"), Some(date(2026, 5, 19)));

    // Within the limits the consent is not needed, and not recorded as used.
    let mut case = w.open(monday());
    let events = case.ok(
        COORDINATOR,
        extend_with_consent("answer", date(2026, 4, 20), "Vakantie."),
    );
    assert!(matches!(
        events[0].body,
        EventBody::Extended { consent: false, .. }
    ));
}

#[test]
fn t06_awb_engaging_a_committee_never_brings_an_extended_date_forward() {
    let w = awb_like();
    let mut case = w.open(monday());
    // Six weeks plus an extension with consent to 19 May lies after ten weeks (11 May).
    case.ok(
        COORDINATOR,
        extend_with_consent("answer", date(2026, 5, 19), "Wij wachten op een getuige."),
    );
    case.ok(COORDINATOR, refer_to_committee());
    assert_eq!(case.due("answer"), Some(date(2026, 5, 19)));
}

#[test]
fn t06_awb_advisory_committee_moves_the_answer_to_ten_weeks() {
    let w = awb_like();
    let mut case = w.open(monday());
    let events = case.ok(COORDINATOR, refer_to_committee());
    assert!(matches!(
        &events[0].body,
        EventBody::ReferredToCommittee { .. }
    ));
    assert!(case.c.committee);
    assert_eq!(
        case.due("answer"),
        Some(date(2026, 5, 11)),
        "ten weeks from receipt"
    );
    assert_eq!(case.due("acknowledge"), Some(date(2026, 3, 4)), "unchanged");
    let r = case.refused(COORDINATOR, refer_to_committee());
    assert_eq!(r.kind, RefusalKind::WrongState, "once");
    let r = case.refused(HANDLER, refer_to_committee());
    assert_eq!(r.kind, RefusalKind::NotPermitted);

    // The template has no committee.
    let t = World::template();
    let r = t.open(monday()).refused(COORDINATOR, refer_to_committee());
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert!(
        !t.open(monday())
            .allowed(COORDINATOR)
            .contains(&"refer-to-committee")
    );
}

#[test]
fn t06_reopening_restarts_the_answer_deadline_from_the_reopen_date() {
    let w = World::template();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, acknowledge());
    case.on(date(2026, 3, 5)).assign_classify_decide();
    assert!(case.met("answer"));
    case.on(date(2026, 3, 11)).ok(COORDINATOR, reopen());
    assert_eq!(case.c.status, Status::InProgress, "back with its handler");
    assert_eq!(
        case.due("answer"),
        Some(date(2026, 3, 18)),
        "five working days from 11 March"
    );
    assert!(!case.met("answer"));
    assert_eq!(
        case.due("acknowledge"),
        Some(date(2026, 3, 4)),
        "the acknowledgement stays done"
    );
    assert!(case.met("acknowledge"));
    assert_eq!(case.c.decision, None);
    assert_eq!(case.c.reopened, 1);

    let k = World::kjrw();
    let mut case = k.open(monday());
    case.ok(COORDINATOR, withdraw());
    case.on(date(2026, 3, 11)).ok(COORDINATOR, reopen());
    assert_eq!(case.c.status, Status::Received);
    assert_eq!(
        case.due("settle"),
        Some(date(2026, 4, 8)),
        "four weeks from 11 March"
    );
}

// ---------------------------------------------------------------------------------------------
// T7: measures are told to the complainant
// ---------------------------------------------------------------------------------------------

#[test]
fn t07_closing_is_refused_while_a_measure_was_not_told() {
    let w = World::template();
    let mut case = w.open(monday());
    case.assign_classify_decide();
    // A measure recorded after the decision has not been told.
    case.ok(HANDLER, measure("Werkinstructie telefoon aangepast."));
    assert_eq!(case.c.measures.len(), 1);
    assert!(!case.c.measures[0].communicated);
    let r = case.refused(COORDINATOR, Command::Close);
    assert_eq!(r.kind, RefusalKind::Incomplete);
    assert!(
        has_detail(&r, "measures: 1 measure(s) not yet told"),
        "{r:?}"
    );
    assert_eq!(r.details.len(), 1, "nothing else is missing: {r:?}");
}

#[test]
fn t07_the_decision_includes_the_measures_recorded_before_it() {
    let w = World::template();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, assign(HANDLER));
    case.ok(COORDINATOR, classify(&["service"], Some("normal")));
    case.ok(HANDLER, measure("Excuusbrief."));
    case.ok(HANDLER, measure("Training voor het team."));
    let events = case.ok(HANDLER, decision(Outcome::Gegrond));
    assert!(
        matches!(&events[0].body, EventBody::Decided { measures_communicated, .. } if *measures_communicated == vec![1, 2]),
        "{events:?}"
    );
    assert!(case.c.measures.iter().all(|m| m.communicated));
    case.ok(COORDINATOR, Command::Close);
    assert_eq!(case.c.status, Status::Closed);
}

#[test]
fn t07_a_contact_that_tells_the_measures_allows_closing() {
    let w = World::template();
    let mut case = w.open(monday());
    case.assign_classify_decide();
    case.ok(HANDLER, measure("Procedure aangepast."));
    // A contact that does not tell them changes nothing.
    case.ok(HANDLER, contact(false));
    case.refused(COORDINATOR, Command::Close);
    let events = case.ok(HANDLER, contact(true));
    assert!(
        matches!(&events[0].body, EventBody::ContactRecorded { measures_communicated, .. } if *measures_communicated == vec![1])
    );
    assert_eq!(case.c.contacts, 2);
    case.ok(COORDINATOR, Command::Close);
    assert_eq!(case.c.status, Status::Closed);
}

// ---------------------------------------------------------------------------------------------
// T8, K5, K6: the staff member involved
// ---------------------------------------------------------------------------------------------

#[test]
fn t08_the_staff_member_complained_about_is_linked_to_the_dossier() {
    let w = World::template();
    let case = w.open_about(monday(), VOLUNTEER);
    assert_eq!(case.c.concerns, Some(UserId(VOLUNTEER)));
    assert_eq!(case.caps(VOLUNTEER), BTreeSet::from([Capacity::Involved]));
    let EventBody::Registered(r) = &case.events[0].body else {
        panic!("registration first");
    };
    assert_eq!(r.concerns, Some(UserId(VOLUNTEER)));
}

#[test]
fn k05_informing_the_volunteer_involved_is_recorded() {
    let w = World::kjrw();
    let mut case = w.open_about(monday(), VOLUNTEER);
    assert_eq!(case.c.involved_informed_at, None);
    let events = case.on(date(2026, 3, 3)).ok(COORDINATOR, inform_involved());
    assert!(
        matches!(events[0].body, EventBody::InvolvedInformed { involved, .. } if involved == Some(UserId(VOLUNTEER)))
    );
    assert_eq!(case.c.involved_informed_at, Some(noon(date(2026, 3, 3))));
    assert!(
        visible_to_involved(&events[0].body),
        "K12: the volunteer sees that they were informed"
    );
}

#[test]
fn k06_hearing_the_volunteer_and_contact_with_the_client_are_recorded() {
    let w = World::kjrw();
    let mut case = w.open_about(monday(), VOLUNTEER);
    case.on(date(2026, 3, 4));
    let events = case.ok(COORDINATOR, hearing(Some(date(2026, 3, 3))));
    assert!(matches!(
        events[0].body,
        EventBody::HearingRecorded { involved, held_on, .. } if involved == Some(UserId(VOLUNTEER)) && held_on == date(2026, 3, 3)
    ));
    let events = case.ok(COORDINATOR, hearing(None));
    assert!(
        matches!(events[0].body, EventBody::HearingRecorded { held_on, .. } if held_on == date(2026, 3, 4)),
        "today by default"
    );
    assert_eq!(case.c.hearings, 2);
    let r = case.refused(COORDINATOR, hearing(Some(date(2026, 3, 5))));
    assert_eq!(r.details, vec!["held_on".to_owned()], "not in the future");
    let r = case.refused(
        COORDINATOR,
        Command::RecordHearing {
            summary: " ".into(),
            held_on: None,
        },
    );
    assert_eq!(r.details, vec!["summary".to_owned()]);

    let events = case.ok(COORDINATOR, contact(false));
    assert!(
        matches!(&events[0].body, EventBody::ContactRecorded { on, agreements, .. } if *on == date(2026, 3, 4) && agreements.is_some())
    );
    assert_eq!(case.c.contacts, 1);
    // In KJRW the coordinator does this, not a handler.
    case.ok(COORDINATOR, assign(HANDLER));
    assert_eq!(
        case.refused(HANDLER, hearing(None)).kind,
        RefusalKind::NotPermitted
    );
}

#[test]
fn k05_k06_informing_and_hearing_need_somebody_complained_about() {
    for w in [World::template(), World::kjrw()] {
        let mut case = w.open(monday());
        assert_eq!(case.c.concerns, None);
        for cmd in [inform_involved(), hearing(None)] {
            let r = case.refused(COORDINATOR, cmd);
            assert_eq!(r.kind, RefusalKind::WrongState);
            assert!(
                r.message
                    .en
                    .as_deref()
                    .is_some_and(|m| m.contains("Record a contact with the complainant")),
                "{r:?}"
            );
        }
        assert!(!case.allowed(COORDINATOR).contains(&"inform-involved"));
        assert!(!case.allowed(COORDINATOR).contains(&"record-hearing"));
    }
}

// ---------------------------------------------------------------------------------------------
// K3, K8: conflict of interest and who sees what
// ---------------------------------------------------------------------------------------------

#[test]
fn k03_the_coordinator_complained_about_does_not_handle_and_is_told_who_does() {
    let w = World::template();
    let mut case = w.open_about(monday(), COORDINATOR);
    assert_eq!(case.caps(COORDINATOR), BTreeSet::from([Capacity::Involved]));
    assert!(case.allowed(COORDINATOR).is_empty());
    for cmd in [
        assign(HANDLER),
        assign(COORDINATOR),
        acknowledge(),
        decision(Outcome::Ongegrond),
        classify(&["service"], None),
        note("Mijn kant van het verhaal."),
        measure("Niets."),
        contact(false),
        extend("answer", date(2026, 3, 16), "Druk."),
        escalate(Level::Director),
        withdraw(),
        Command::Close,
        Command::SignOff {
            involved_signed_on: None,
        },
    ] {
        let what = format!("{cmd:?}");
        let r = case.refused(COORDINATOR, cmd);
        assert_eq!(r.kind, RefusalKind::ConflictOfInterest, "{what}");
        assert!(
            r.message.nl.contains(DEPUTY_NAME),
            "names who acts instead: {}",
            r.message.nl
        );
        assert!(
            r.message
                .en
                .as_deref()
                .is_some_and(|m| m.contains(&format!("Acting instead of you: {DEPUTY_NAME}"))),
            "{r:?}"
        );
        assert!(r.allowed.is_empty());
    }
    // The deputy acts in their place.
    assert!(case.acts_as_coordinator(DEPUTY));
    case.ok(DEPUTY, assign(HANDLER));
    // Nobody can hand the complaint to the one it is about.
    let r = case.refused(DEPUTY, assign(COORDINATOR));
    assert_eq!(r.kind, RefusalKind::ConflictOfInterest);
}

#[test]
fn k03_a_volunteer_complained_about_cannot_be_handler_even_with_the_role() {
    let w = World::template().roles(VOLUNTEER, &[Role::Staff, Role::Handler]);
    let mut case = w.open_about(monday(), VOLUNTEER);
    let r = case.refused(COORDINATOR, assign(VOLUNTEER));
    assert_eq!(r.kind, RefusalKind::ConflictOfInterest);
    assert!(
        r.message.nl.contains("Vera Vrijwilliger"),
        "{}",
        r.message.nl
    );
    assert!(!case.caps(VOLUNTEER).contains(&Capacity::Handler));
}

#[test]
fn k03_when_nobody_else_can_act_the_refusal_asks_for_a_deputy() {
    let w = World::kjrw().without(DEPUTY);
    let mut case = w.open_about(monday(), COORDINATOR);
    let r = case.refused(COORDINATOR, decision(Outcome::Ongegrond));
    assert_eq!(r.kind, RefusalKind::ConflictOfInterest);
    assert!(
        r.message
            .en
            .as_deref()
            .is_some_and(|m| m.contains("appoint a deputy")),
        "{r:?}"
    );
}

#[test]
fn k03_k11_the_coordinator_complained_about_signs_only_as_the_one_involved() {
    let w = World::kjrw();
    let mut case = w.open_about(monday(), COORDINATOR);
    case.ok(DEPUTY, classify(&["a"], Some("normal")));
    case.ok(DEPUTY, decision(Outcome::Ongegrond));
    assert_eq!(case.allowed(COORDINATOR), vec!["sign-off"]);
    let events = case.ok(
        COORDINATOR,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    assert_eq!(events.len(), 1);
    assert!(matches!(
        events[0].body,
        EventBody::SignedOff {
            capacity: Capacity::Involved,
            signed_on: None
        }
    ));
    // Not a second time, as coordinator.
    let r = case.refused(
        COORDINATOR,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    assert_eq!(r.kind, RefusalKind::ConflictOfInterest);
    assert!(
        r.message
            .en
            .as_deref()
            .is_some_and(|m| m.contains("sign as coordinator")),
        "{r:?}"
    );
    case.ok(
        DEPUTY,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    let capacities: Vec<(Capacity, Actor)> = case
        .c
        .sign_offs
        .iter()
        .map(|s| (s.capacity, s.by))
        .collect();
    assert_eq!(
        capacities,
        vec![
            (Capacity::Involved, Actor::Staff(UserId(COORDINATOR))),
            (Capacity::Coordinator, Actor::Staff(UserId(DEPUTY))),
        ]
    );
    let r = case.refused(COORDINATOR, Command::Close);
    assert_eq!(r.kind, RefusalKind::ConflictOfInterest);
    case.ok(DEPUTY, Command::Close);
}

/// A dossier with an entry of every kind the handling produces.
fn full_dossier(w: &World) -> Case<'_> {
    let mut case = w.open_about(monday(), VOLUNTEER);
    case.ok(COORDINATOR, acknowledge());
    case.ok(COORDINATOR, assign(HANDLER));
    case.ok(HANDLER, inform_involved());
    case.ok(HANDLER, hearing(None));
    case.ok(HANDLER, contact(false));
    case.ok(
        HANDLER,
        note("De vrijwilliger was die dag ziek; de klager was boos."),
    );
    case.ok(HANDLER, attach());
    case.ok(
        HANDLER,
        extend("answer", date(2026, 3, 16), "Wachten op de vrijwilliger."),
    );
    case.ok(
        COORDINATOR,
        classify_sensitive(&["communication"], Some("serious")),
    );
    case.ok(HANDLER, escalate(Level::Director));
    case.ok(HANDLER, measure("Gesprek met de vrijwilliger."));
    case.ok(DIRECTOR, decision(Outcome::DeelsGegrond));
    case.ok(COORDINATOR, Command::Close);
    case
}

#[test]
fn k03_k08_who_sees_the_dossier() {
    let w = World::template().with(person(10, "Nina Nieuw", &[Role::Staff, Role::Admin]));
    let case = full_dossier(&w);
    assert_eq!(
        case.view(VOLUNTEER),
        View::Involved,
        "the one complained about"
    );
    assert_eq!(case.view(COORDINATOR), View::Full);
    assert_eq!(
        case.view(DEPUTY),
        View::Full,
        "the deputy oversees every complaint"
    );
    assert_eq!(case.view(HANDLER), View::Full);
    assert_eq!(
        case.view(DIRECTOR),
        View::Full,
        "once escalated to the director"
    );
    assert_eq!(case.view(REGISTRAR), View::Full, "took it in");
    assert_eq!(
        case.view(ADMIN),
        View::None,
        "an admin manages accounts only"
    );
    assert_eq!(case.view(OTHER), View::None, "no involvement, no access");
    assert_eq!(case.view(10), View::None);
    assert_eq!(case.view(BOARD), View::None, "not escalated to the board");

    // What the one involved sees of the timeline.
    let seen: Vec<&str> = case
        .events
        .iter()
        .filter(|e| visible_to_involved(&e.body))
        .map(|e| e.body.kind())
        .collect();
    assert_eq!(
        seen,
        vec![
            "registered",
            "acknowledged",
            "assigned",
            "involved_informed",
            "extended",
            "decided",
            "closed"
        ]
    );
    for hidden in [
        "note_added",
        "hearing_recorded",
        "contact_recorded",
        "document_attached",
        "classified",
        "escalated",
        "measure_recorded",
    ] {
        assert!(
            case.events.iter().any(|e| e.body.kind() == hidden),
            "the dossier has a {hidden}"
        );
        assert!(
            !seen.contains(&hidden),
            "{hidden} is hidden from the one involved"
        );
    }
}

#[test]
fn k03_a_deputy_complained_about_sees_only_what_concerns_them() {
    let w = World::template();
    let case = w.open_about(monday(), DEPUTY);
    assert_eq!(
        case.view(DEPUTY),
        View::Involved,
        "K3 wins over the deputy role"
    );
    let case = w.open_about(monday(), COORDINATOR);
    assert_eq!(
        case.view(COORDINATOR),
        View::Involved,
        "K3 wins over the coordinator role"
    );
}

// ---------------------------------------------------------------------------------------------
// T17: the deputy
// ---------------------------------------------------------------------------------------------

#[test]
fn t17_the_deputy_does_not_act_while_the_coordinator_can() {
    let w = World::template();
    let mut case = w.open(monday());
    assert!(case.acts_as_coordinator(COORDINATOR));
    assert!(!case.acts_as_coordinator(DEPUTY));
    assert!(!case.acts_as_coordinator(DIRECTOR));
    let r = case.refused(DEPUTY, assign(HANDLER));
    assert_eq!(r.kind, RefusalKind::NotPermitted);
    // Also not when the complaint is about somebody else.
    let case = w.open_about(monday(), VOLUNTEER);
    assert!(!case.acts_as_coordinator(DEPUTY));
}

#[test]
fn t17_the_deputy_acts_when_the_coordinator_is_absent() {
    let w = World::template().absent(COORDINATOR);
    let mut case = w.open(monday());
    assert!(!case.acts_as_coordinator(COORDINATOR), "absent");
    assert!(case.acts_as_coordinator(DEPUTY));
    assert!(!case.acts_as_coordinator(DIRECTOR), "the deputy goes first");
    case.ok(DEPUTY, assign(HANDLER));
    case.ok(DEPUTY, classify(&["service"], Some("minor")));
    case.ok(DEPUTY, decision(Outcome::Ongegrond));
    case.ok(DEPUTY, Command::Close);
    assert_eq!(case.c.status, Status::Closed);
    assert_eq!(
        case.refused(COORDINATOR, reopen()).kind,
        RefusalKind::NotPermitted
    );
}

#[test]
fn t17_k3_the_deputy_acts_when_the_coordinator_is_complained_about() {
    let w = World::template();
    let mut case = w.open_about(monday(), COORDINATOR);
    assert!(case.acts_as_coordinator(DEPUTY));
    case.ok(DEPUTY, assign(HANDLER));
    case.ok(DEPUTY, classify(&["service"], Some("minor")));
    case.ok(DEPUTY, decision(Outcome::Ongegrond));
    case.ok(DEPUTY, Command::Close);
}

#[test]
fn t17_another_coordinator_acts_before_the_deputy() {
    let w = World::template().with(person(10, "Kees Coördinator", &[Role::Coordinator]));
    let case = w.open_about(monday(), COORDINATOR);
    assert!(case.acts_as_coordinator(10));
    assert!(!case.acts_as_coordinator(DEPUTY));
}

#[test]
fn t17_template_the_director_deputises_when_there_is_no_deputy() {
    // No deputy at all.
    let w = World::template().without(DEPUTY).absent(COORDINATOR);
    let mut case = w.open(monday());
    assert!(case.acts_as_coordinator(DIRECTOR));
    case.ok(DIRECTOR, assign(HANDLER));
    case.ok(DIRECTOR, classify(&["service"], Some("minor")));
    case.ok(DIRECTOR, decision(Outcome::Gegrond));
    case.ok(DIRECTOR, Command::Close);

    // The deputy is absent too.
    let w = World::template().absent(COORDINATOR).absent(DEPUTY);
    assert!(w.open(monday()).acts_as_coordinator(DIRECTOR));

    // The deputy is the one complained about.
    let w = World::template().absent(COORDINATOR);
    let case = w.open_about(monday(), DEPUTY);
    assert!(case.acts_as_coordinator(DIRECTOR));
    assert!(!case.acts_as_coordinator(DEPUTY));

    // But not while the coordinator is there.
    let w = World::template().without(DEPUTY);
    let mut case = w.open(monday());
    assert!(!case.acts_as_coordinator(DIRECTOR));
    assert_eq!(
        case.refused(DIRECTOR, assign(HANDLER)).kind,
        RefusalKind::NotPermitted
    );
}

#[test]
fn t17_k3_kjrw_the_coordinator_must_be_a_board_member() {
    // A coordinator without the board role cannot act as coordinator; the deputy (a board
    // member) acts.
    let w = World::kjrw().roles(COORDINATOR, &[Role::Coordinator]);
    let mut case = w.open(monday());
    assert!(!case.acts_as_coordinator(COORDINATOR));
    assert_eq!(
        case.refused(COORDINATOR, assign(HANDLER)).kind,
        RefusalKind::NotPermitted
    );
    assert!(case.acts_as_coordinator(DEPUTY));
    case.ok(DEPUTY, assign(HANDLER));

    // A deputy must be a board member too; otherwise nobody acts.
    let w = World::kjrw()
        .absent(COORDINATOR)
        .roles(DEPUTY, &[Role::Deputy]);
    let case = w.open(monday());
    assert!(
        w.org
            .staff
            .iter()
            .all(|s| !case.acts_as_coordinator(s.id.0))
    );

    // The director does not deputise in KJRW.
    let w = World::kjrw().absent(COORDINATOR).absent(DEPUTY);
    let case = w.open(monday());
    assert!(!case.acts_as_coordinator(DIRECTOR));
    assert!(
        !case.acts_as_coordinator(BOARD),
        "a board member without a coordinator role"
    );
}

// ---------------------------------------------------------------------------------------------
// T9, T18: escalation and the board
// ---------------------------------------------------------------------------------------------

#[test]
fn t09_escalation_to_the_director_then_the_board() {
    let w = World::template();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, assign(HANDLER));
    assert_eq!(case.c.escalation, None);
    let events = case.ok(HANDLER, escalate(Level::Director));
    assert!(
        matches!(&events[0].body, EventBody::Escalated { to: Level::Director, reason, .. } if reason.is_present())
    );
    assert_eq!(case.c.escalation, Some(Level::Director));
    assert!(case.caps(DIRECTOR).contains(&Capacity::Director));
    assert!(!case.caps(BOARD).contains(&Capacity::Board));
    case.ok(COORDINATOR, escalate(Level::Board));
    assert_eq!(case.c.escalation, Some(Level::Board));
    assert!(case.caps(BOARD).contains(&Capacity::Board));
    assert_eq!(case.view(BOARD), View::Full);
    case.ok(BOARD, note("Besproken in de bestuursvergadering."));
}

#[test]
fn t09_escalating_to_the_same_level_twice_is_refused() {
    let w = World::template();
    let mut case = w.open(monday());
    let r = case.refused(
        COORDINATOR,
        Command::Escalate {
            to: Level::Director,
            reason: "".into(),
        },
    );
    assert_eq!(r.details, vec!["reason".to_owned()], "with a reason");
    case.ok(COORDINATOR, escalate(Level::Director));
    let r = case.refused(COORDINATOR, escalate(Level::Director));
    assert_eq!(r.kind, RefusalKind::WrongState);
    case.ok(COORDINATOR, escalate(Level::Board));
    for level in [Level::Board, Level::Director] {
        let r = case.refused(COORDINATOR, escalate(level));
        assert_eq!(r.kind, RefusalKind::WrongState, "{level:?}");
    }
    assert!(!case.allowed(COORDINATOR).contains(&"escalate"));
}

#[test]
fn t09_the_director_decides_only_once_escalated() {
    let w = World::template();
    let mut case = w.open(monday());
    assert!(!case.caps(DIRECTOR).contains(&Capacity::Director));
    assert_eq!(case.view(DIRECTOR), View::None);
    let r = case.refused(DIRECTOR, decision(Outcome::Gegrond));
    assert_eq!(r.kind, RefusalKind::NotPermitted);
    assert!(
        r.message
            .en
            .as_deref()
            .is_some_and(|m| m.contains("the director (once escalated)")),
        "{r:?}"
    );
    case.ok(COORDINATOR, escalate(Level::Director));
    case.ok(DIRECTOR, decision(Outcome::Gegrond));
    assert_eq!(
        case.c.decision.as_ref().map(|d| d.by),
        Some(Actor::Staff(UserId(DIRECTOR)))
    );
}

#[test]
fn t09_a_very_serious_complaint_advises_consulting_the_board() {
    let w = World::template();
    let mut case = w.open(monday());
    assert!(!case.c.board_consultation_advised(&w.profile));
    case.ok(COORDINATOR, classify(&["service"], Some("serious")));
    assert!(!case.c.board_consultation_advised(&w.profile));
    case.ok(COORDINATOR, classify(&["service"], Some("very_serious")));
    assert!(case.c.board_consultation_advised(&w.profile));
    case.ok(COORDINATOR, escalate(Level::Director));
    assert!(
        case.c.board_consultation_advised(&w.profile),
        "the director is not the board"
    );
    case.ok(COORDINATOR, escalate(Level::Board));
    assert!(!case.c.board_consultation_advised(&w.profile));
}

#[test]
fn t18_a_sensitive_complaint_advises_consulting_the_board_until_escalated() {
    for w in [World::template(), World::kjrw()] {
        let mut case = w.open(monday());
        let category = w.profile.categories[0].id.clone();
        case.ok(
            COORDINATOR,
            classify_sensitive(&[category.as_str()], Some("normal")),
        );
        assert!(case.c.sensitive);
        assert!(case.c.board_consultation_advised(&w.profile));
        case.ok(COORDINATOR, escalate(Level::Board));
        assert!(!case.c.board_consultation_advised(&w.profile));
    }
}

#[test]
fn t09_t18_a_recorded_reason_ends_the_flag_until_a_new_classification_raises_it() {
    let w = World::template();
    let mut case = w.open(monday());
    let not_needed = |reason: &str| Command::EscalationNotNeeded {
        reason: reason.into(),
    };
    let r = case.refused(COORDINATOR, not_needed("Niet nodig."));
    assert_eq!(r.kind, RefusalKind::WrongState, "nothing to record yet");
    case.ok(COORDINATOR, assign(HANDLER));
    case.ok(HANDLER, classify(&["service"], Some("very_serious")));
    assert!(case.c.awaits_board_consultation(&w.profile));
    let r = case.refused(HANDLER, not_needed("Niet nodig."));
    assert_eq!(r.kind, RefusalKind::NotPermitted, "the coordinator's step");
    let r = case.refused(COORDINATOR, not_needed("  "));
    assert_eq!(r.kind, RefusalKind::Invalid, "a reason is required");
    case.ok(COORDINATOR, not_needed("Met de voorzitter besproken."));
    assert!(!case.c.awaits_board_consultation(&w.profile));
    assert!(
        case.c.board_consultation_advised(&w.profile),
        "the advice stands; the flag is answered"
    );
    let r = case.refused(COORDINATOR, not_needed("Nogmaals."));
    assert_eq!(r.kind, RefusalKind::WrongState, "recorded once");
    // Marked sensitive later: asked anew.
    case.ok(
        COORDINATOR,
        classify_sensitive(&["service"], Some("very_serious")),
    );
    assert!(case.c.awaits_board_consultation(&w.profile));
}

#[test]
fn k03_k06_what_waits_on_whom() {
    use klacht_core::procedure::{Waiting, waiting_in};
    let w = World::template();
    let today = monday();
    let waits = |case: &Case, who: i64| {
        waiting_in(
            &w.profile,
            &w.calendar,
            &w.org,
            &case.c,
            w.staff(who),
            today,
        )
    };
    let mut case = w.open_about(today, VOLUNTEER);
    assert_eq!(waits(&case, COORDINATOR), [Waiting::Unassigned]);
    assert_eq!(waits(&case, DEPUTY), [], "the coordinator acts");
    assert_eq!(waits(&case, VOLUNTEER), [], "K3");
    case.ok(COORDINATOR, assign(HANDLER));
    assert_eq!(waits(&case, HANDLER), [Waiting::Hearing, Waiting::Decision]);
    assert_eq!(waits(&case, COORDINATOR), []);
    case.ok(HANDLER, hearing(Some(today)));
    assert_eq!(waits(&case, HANDLER), [Waiting::Decision]);

    let about_coordinator = w.open_about(today, COORDINATOR);
    assert_eq!(waits(&about_coordinator, COORDINATOR), [], "K3");
    assert_eq!(waits(&about_coordinator, DEPUTY), [Waiting::Unassigned]);
}

#[test]
fn k11_kjrw_the_coordinators_signature_waits_on_them_not_the_volunteers_on_their_list() {
    use klacht_core::procedure::{Waiting, waiting_in};
    let w = World::kjrw();
    let mut case = w.open_about(monday(), VOLUNTEER);
    case.ok(COORDINATOR, classify(&["a"], Some("normal")));
    case.ok(COORDINATOR, decision(Outcome::Gegrond));
    let waits = |case: &Case, who: i64| {
        waiting_in(
            &w.profile,
            &w.calendar,
            &w.org,
            &case.c,
            w.staff(who),
            monday(),
        )
    };
    assert_eq!(
        waits(&case, COORDINATOR),
        [Waiting::Unassigned, Waiting::SignOff]
    );
    assert_eq!(waits(&case, VOLUNTEER), []);
    case.ok(
        COORDINATOR,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    assert_eq!(waits(&case, COORDINATOR), [Waiting::Unassigned]);
}

// ---------------------------------------------------------------------------------------------
// K10: classification
// ---------------------------------------------------------------------------------------------

#[test]
fn k10_a_complaint_may_have_several_categories() {
    let w = World::kjrw();
    let mut case = w.open(monday());
    let events = case.ok(COORDINATOR, classify(&["c", "a", "a"], Some("serious")));
    assert!(
        matches!(&events[0].body, EventBody::Classified { categories, .. } if *categories == vec!["a".to_owned(), "c".to_owned()])
    );
    assert_eq!(case.c.categories, vec!["a", "c"]);
    assert_eq!(case.c.severity.as_deref(), Some("serious"));
    // Classifying again replaces the classification.
    case.ok(COORDINATOR, classify(&["a", "b", "c"], None));
    assert_eq!(case.c.categories, vec!["a", "b", "c"]);
    assert_eq!(case.c.severity, None);
}

#[test]
fn k10_unknown_category_or_severity_is_refused_with_what_is_allowed() {
    let w = World::kjrw();
    let mut case = w.open(monday());
    let r = case.refused(COORDINATOR, classify(&["a", "d"], Some("minor")));
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert!(
        has_detail(&r, "categories: \"d\" is not one of a, b, c"),
        "{r:?}"
    );
    assert!(
        has_detail(
            &r,
            "severity: \"minor\" is not one of normal, serious, very_serious"
        ),
        "{r:?}"
    );
    assert_eq!(r.details.len(), 2);
    let r = case.refused(COORDINATOR, classify(&[], None));
    assert!(
        has_detail(&r, "categories: choose at least one of a, b, c"),
        "{r:?}"
    );
    // A template category is not a KJRW category.
    let r = case.refused(COORDINATOR, classify(&["service"], None));
    assert!(has_detail(&r, "\"service\""), "{r:?}");
    assert!(case.c.categories.is_empty());
}

#[test]
fn k09_k10_the_coordinator_classifies() {
    let w = World::kjrw();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, assign(HANDLER));
    for who in [HANDLER, OTHER, REGISTRAR] {
        assert_eq!(
            case.refused(who, classify(&["a"], None)).kind,
            RefusalKind::NotPermitted
        );
    }
}

// ---------------------------------------------------------------------------------------------
// K7: the decision
// ---------------------------------------------------------------------------------------------

#[test]
fn k07_the_decision_is_recorded_with_an_outcome_of_the_profile() {
    let w = World::kjrw();
    let mut case = w.open(monday());
    let events = case.on(date(2026, 3, 10)).ok(
        COORDINATOR,
        Command::Decide {
            outcome: Outcome::DeelsGegrond,
            decision: "Je hebt deels gelijk.".into(),
            via: Via::Letter,
        },
    );
    assert!(
        matches!(&events[0].body, EventBody::Decided { outcome: Outcome::DeelsGegrond, via: Via::Letter, decision, .. } if decision.is_present())
    );
    assert_eq!(case.c.status, Status::Decided);
    let d = case.c.decision.as_ref().expect("decided");
    assert_eq!(d.outcome, Outcome::DeelsGegrond);
    assert_eq!(d.at, noon(date(2026, 3, 10)));
    assert_eq!(d.by, Actor::Staff(UserId(COORDINATOR)));
    let r = w.open(monday()).refused(
        COORDINATOR,
        Command::Decide {
            outcome: Outcome::Gegrond,
            decision: " ".into(),
            via: Via::Email,
        },
    );
    assert_eq!(
        r.details,
        vec!["decision".to_owned()],
        "the decision is written down"
    );
}

#[test]
fn k07_deciding_twice_is_refused_until_reopened() {
    let w = World::template();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, decision(Outcome::Ongegrond));
    let r = case.refused(COORDINATOR, decision(Outcome::Gegrond));
    assert_eq!(r.kind, RefusalKind::WrongState);
    assert!(
        r.message
            .en
            .as_deref()
            .is_some_and(|m| m.contains("reopen")),
        "{r:?}"
    );
    assert!(r.allowed.contains(&"reopen"));
    case.ok(COORDINATOR, reopen());
    case.ok(COORDINATOR, decision(Outcome::Gegrond));
    assert_eq!(
        case.c.decision.as_ref().map(|d| d.outcome),
        Some(Outcome::Gegrond)
    );
}

#[test]
fn k07_withdrawn_is_not_a_decision() {
    let w = World::template();
    let mut case = w.open(monday());
    let r = case.refused(COORDINATOR, decision(Outcome::Ingetrokken));
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert!(
        r.message
            .en
            .as_deref()
            .is_some_and(|m| m.contains("withdraw")),
        "{r:?}"
    );
    case.ok(COORDINATOR, withdraw());
    assert_eq!(
        case.c.decision.as_ref().map(|d| d.outcome),
        Some(Outcome::Ingetrokken)
    );
}

#[test]
fn k07_an_outcome_the_profile_does_not_use_is_refused() {
    let w = World::from_toml(&edit(
        template_source(),
        &[(
            "[[outcomes]]\nid = \"niet_ontvankelijk\"\nlabel = { nl = \"Niet ontvankelijk\", en = \"Inadmissible\" }\n",
            "",
        )],
    ));
    let mut case = w.open(monday());
    let r = case.refused(COORDINATOR, decision(Outcome::NietOntvankelijk));
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert!(
        has_detail(&r, "outcome: expected one of gegrond, deels_gegrond"),
        "{r:?}"
    );
    assert!(!has_detail(&r, "niet_ontvankelijk"), "{r:?}");
}

#[test]
fn k07_in_kjrw_only_the_coordinator_decides() {
    let w = World::kjrw();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, assign(HANDLER));
    case.ok(COORDINATOR, escalate(Level::Director));
    for who in [HANDLER, DIRECTOR, DEPUTY] {
        assert_eq!(
            case.refused(who, decision(Outcome::Gegrond)).kind,
            RefusalKind::NotPermitted,
            "{who}"
        );
    }
    case.ok(COORDINATOR, decision(Outcome::Gegrond));
}

// ---------------------------------------------------------------------------------------------
// K11: signatures on the registration form
// ---------------------------------------------------------------------------------------------

/// KJRW: a complaint about the volunteer, classified and decided.
fn kjrw_decided(w: &World) -> Case<'_> {
    let mut case = w.open_about(monday(), VOLUNTEER);
    case.ok(COORDINATOR, classify(&["a"], Some("normal")));
    case.ok(COORDINATOR, decision(Outcome::Gegrond));
    case
}

#[test]
fn k11_kjrw_closing_needs_the_volunteer_and_the_coordinator_to_sign() {
    let w = World::kjrw();
    let mut case = w.open_about(monday(), VOLUNTEER);
    let r = case.refused(
        VOLUNTEER,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    assert_eq!(
        r.kind,
        RefusalKind::WrongState,
        "nothing to sign before the decision"
    );
    case.ok(COORDINATOR, classify(&["a"], Some("normal")));
    case.ok(COORDINATOR, decision(Outcome::Gegrond));
    assert_eq!(
        case.allowed(VOLUNTEER),
        vec!["sign-off"],
        "the only step of the one involved"
    );

    let r = case.refused(COORDINATOR, Command::Close);
    assert_eq!(r.kind, RefusalKind::Incomplete);
    assert!(
        has_detail(&r, "sign-off: involved has not signed (K11)"),
        "{r:?}"
    );
    assert!(
        has_detail(&r, "sign-off: coordinator has not signed (K11)"),
        "{r:?}"
    );

    case.on(date(2026, 3, 4)).ok(
        VOLUNTEER,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    let r = case.refused(COORDINATOR, Command::Close);
    assert_eq!(
        r.details,
        vec!["sign-off: coordinator has not signed (K11)".to_owned()]
    );

    case.on(date(2026, 3, 5)).ok(
        COORDINATOR,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    let signed: Vec<(Capacity, Actor, Timestamp)> = case
        .c
        .sign_offs
        .iter()
        .map(|s| (s.capacity, s.by, s.at))
        .collect();
    assert_eq!(
        signed,
        vec![
            (
                Capacity::Involved,
                Actor::Staff(UserId(VOLUNTEER)),
                noon(date(2026, 3, 4))
            ),
            (
                Capacity::Coordinator,
                Actor::Staff(UserId(COORDINATOR)),
                noon(date(2026, 3, 5))
            ),
        ],
        "who signed and when"
    );
    case.ok(COORDINATOR, Command::Close);
    assert_eq!(case.c.status, Status::Closed);
}

#[test]
fn k11_signing_twice_is_refused() {
    let w = World::kjrw();
    let mut case = kjrw_decided(&w);
    case.ok(
        VOLUNTEER,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    case.refused(
        VOLUNTEER,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    case.ok(
        COORDINATOR,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    let r = case.refused(
        COORDINATOR,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    assert_eq!(r.kind, RefusalKind::WrongState);
    assert!(
        r.message
            .en
            .as_deref()
            .is_some_and(|m| m.contains("No signature is needed")),
        "{r:?}"
    );
    assert_eq!(case.c.sign_offs.len(), 2);
}

#[test]
fn k11_nobody_else_signs() {
    let w = World::kjrw();
    let mut case = kjrw_decided(&w);
    for who in [OTHER, HANDLER, DIRECTOR, BOARD, REGISTRAR, DEPUTY] {
        let r = case.refused(
            who,
            Command::SignOff {
                involved_signed_on: None,
            },
        );
        assert_eq!(r.kind, RefusalKind::NotPermitted, "{who}");
        assert!(
            r.message
                .en
                .as_deref()
                .is_some_and(|m| m.contains("Still to sign")),
            "{r:?}"
        );
    }
    assert!(case.c.sign_offs.is_empty());
}

#[test]
fn k11_without_a_volunteer_involved_only_the_coordinator_signs() {
    let w = World::kjrw();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, classify(&["c"], None));
    case.ok(COORDINATOR, decision(Outcome::Opgelost));
    let r = case.refused(COORDINATOR, Command::Close);
    assert_eq!(
        r.details,
        vec!["sign-off: coordinator has not signed (K11)".to_owned()]
    );
    case.ok(
        COORDINATOR,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    case.ok(COORDINATOR, Command::Close);
}

#[test]
fn k11_reopening_clears_the_signatures() {
    let w = World::kjrw();
    let mut case = kjrw_decided(&w);
    case.ok(
        VOLUNTEER,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    case.ok(
        COORDINATOR,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    case.ok(COORDINATOR, Command::Close);
    case.ok(COORDINATOR, reopen());
    assert!(case.c.sign_offs.is_empty());
    case.ok(COORDINATOR, decision(Outcome::Gegrond));
    assert_eq!(case.refused(COORDINATOR, Command::Close).details.len(), 2);
}

#[test]
fn k11_the_template_needs_no_signature() {
    let w = World::template();
    let mut case = w.open_about(monday(), VOLUNTEER);
    case.assign_classify_decide();
    let r = case.refused(
        COORDINATOR,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    assert_eq!(r.kind, RefusalKind::WrongState);
    assert!(!case.allowed(COORDINATOR).contains(&"sign-off"));
    assert!(case.allowed(VOLUNTEER).is_empty());
    case.ok(COORDINATOR, Command::Close);
}

// ---------------------------------------------------------------------------------------------
// K9, K12.2: the registration form is complete before closing
// ---------------------------------------------------------------------------------------------

#[test]
fn k12_2_closing_is_refused_while_the_registration_form_is_incomplete() {
    let w = World::template();
    // From the web form: nobody on the staff received it, which is complete for the web.
    let mut case = w.register(monday(), None, web(monday()));
    case.ok(COORDINATOR, decision(Outcome::Ongegrond));
    let r = case.refused(COORDINATOR, Command::Close);
    assert_eq!(r.kind, RefusalKind::Incomplete);
    assert_eq!(
        r.details,
        vec![
            "registration: category is empty (K12.2)".to_owned(),
            "registration: severity is empty (K12.2)".to_owned(),
        ],
        "the coordinator who decided counts as the one who handled it"
    );
    case.ok(COORDINATOR, classify(&["service", "communication"], None));
    let r = case.refused(COORDINATOR, Command::Close);
    assert_eq!(r.details.len(), 1, "{r:?}");
    assert!(has_detail(&r, "severity"));
}

#[test]
fn t04_k12_2_a_complaint_settled_at_once_can_be_closed_without_assigning_it() {
    let w = World::template();
    let new = NewComplaint {
        resolved_directly: Some("Telefonisch uitgelegd; de klager is tevreden.".into()),
        ..new_complaint(Channel::Phone, monday())
    };
    let mut case = w.register(monday(), Some(OTHER), new);
    case.ok(
        COORDINATOR,
        Command::Classify {
            categories: vec!["service".into()],
            severity: Some("minor".into()),
            sensitive: false,
            relation: None,
        },
    );
    case.ok(COORDINATOR, Command::Close);
    assert_eq!(case.c.status, Status::Closed);
}

#[test]
fn k09_k12_2_kjrw_registration_needs_a_category() {
    let w = World::kjrw();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, decision(Outcome::Ongegrond));
    case.ok(
        COORDINATOR,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    let r = case.refused(COORDINATOR, Command::Close);
    assert_eq!(
        r.details,
        vec!["registration: category is empty (K12.2)".to_owned()]
    );
    case.ok(COORDINATOR, classify(&["b"], None));
    case.ok(COORDINATOR, Command::Close);
}

#[test]
fn k12_2_close_lists_everything_missing_at_once() {
    let w = World::kjrw();
    let mut case = w.open_about(monday(), VOLUNTEER);
    case.ok(COORDINATOR, decision(Outcome::Gegrond));
    case.ok(COORDINATOR, measure("Extra begeleiding."));
    let r = case.refused(COORDINATOR, Command::Close);
    assert_eq!(
        r.details.len(),
        4,
        "category, measure, two signatures: {r:?}"
    );
    assert!(has_detail(&r, "category"));
    assert!(has_detail(&r, "measures"));
    assert!(has_detail(&r, "sign-off: involved"));
    assert!(has_detail(&r, "sign-off: coordinator"));
}

#[test]
fn k12_2_closing_needs_a_decision_first() {
    let w = World::template();
    let mut case = w.open(monday());
    let r = case.refused(COORDINATOR, Command::Close);
    assert_eq!(r.kind, RefusalKind::WrongState);
    assert!(
        r.message
            .en
            .as_deref()
            .is_some_and(|m| m.contains("the step “Decide”")),
        "{r:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Withdrawing and reopening (K7: the outcome `ingetrokken`)
// ---------------------------------------------------------------------------------------------

#[test]
fn k07_a_withdrawn_complaint_is_terminal_until_reopened() {
    let w = World::template();
    let mut case = w.open_about(monday(), VOLUNTEER);
    case.ok(COORDINATOR, assign(HANDLER));
    case.on(date(2026, 3, 3)).ok(HANDLER, withdraw());
    assert_eq!(case.c.status, Status::Withdrawn);
    assert_eq!(case.c.withdrawn_at, Some(noon(date(2026, 3, 3))));
    assert_eq!(case.c.next_due(), None, "no deadline runs");
    for cmd in [
        acknowledge(),
        assign(COORDINATOR),
        extend("answer", date(2026, 3, 16), "Druk."),
        escalate(Level::Director),
        measure("Iets."),
        decision(Outcome::Gegrond),
        withdraw(),
        Command::Close,
    ] {
        let what = format!("{cmd:?}");
        let r = case.refused(COORDINATOR, cmd);
        assert_eq!(r.kind, RefusalKind::WrongState, "{what}");
    }
    let allowed = case.allowed(COORDINATOR);
    for step in [
        "acknowledge",
        "assign",
        "extend",
        "escalate",
        "record-measure",
        "decide",
        "withdraw",
        "close",
        "sign-off",
    ] {
        assert!(
            !allowed.contains(&step),
            "{step} on a withdrawn complaint: {allowed:?}"
        );
    }
    assert!(allowed.contains(&"reopen"));
    assert!(
        !case.allowed(HANDLER).contains(&"reopen"),
        "reopening is the coordinator's"
    );

    case.on(date(2026, 3, 10)).ok(COORDINATOR, reopen());
    assert_eq!(case.c.status, Status::InProgress);
    assert_eq!(case.c.withdrawn_at, None);
    assert_eq!(case.c.decision, None);
    case.ok(HANDLER, decision(Outcome::Gegrond));
}

#[test]
fn k07_reopening_an_open_complaint_is_refused() {
    let w = World::template();
    let mut case = w.open(monday());
    for status in [Status::Received, Status::Acknowledged, Status::InProgress] {
        match status {
            Status::Acknowledged => {
                case.ok(COORDINATOR, acknowledge());
            }
            Status::InProgress => {
                case.ok(COORDINATOR, assign(HANDLER));
            }
            _ => {}
        }
        assert_eq!(case.c.status, status);
        let r = case.refused(COORDINATOR, reopen());
        assert_eq!(r.kind, RefusalKind::WrongState, "{status:?}");
    }
    case.ok(HANDLER, decision(Outcome::Gegrond));
    let r = case.refused(COORDINATOR, Command::Reopen { reason: "".into() });
    assert_eq!(r.details, vec!["reason".to_owned()], "reopening says why");
    case.ok(COORDINATOR, reopen());
}

// ---------------------------------------------------------------------------------------------
// T12: the dossier is an append-only timeline with who and when
// ---------------------------------------------------------------------------------------------

#[test]
fn t12_every_step_is_an_entry_with_who_and_when() {
    let w = World::template();
    let case = full_dossier(&w);
    // `Case::attempt` checked who and when for each step; here the timeline as a whole.
    assert_eq!(
        case.c.version,
        u64::try_from(case.events.len()).expect("small")
    );
    assert_eq!(case.events.len(), 14);
    assert!(case.events.windows(2).all(|p| p[0].at <= p[1].at));
    // Stored as JSON and read back, the log gives the same complaint.
    let json = serde_json::to_string(&case.events).expect("serialisable");
    let back: Vec<Event> = serde_json::from_str(&json).expect("readable");
    assert_eq!(back, case.events);
    assert_eq!(Complaint::replay(&back), Some(case.c.clone()));
    assert_eq!(
        Complaint::replay(&case.events[1..]),
        None,
        "a log starts with the registration"
    );
}

// ---------------------------------------------------------------------------------------------
// Refusals explain themselves
// ---------------------------------------------------------------------------------------------

#[test]
fn refusals_list_the_allowed_steps_and_speak_dutch_and_english() {
    let w = World::kjrw();
    let mut case = w.open_about(monday(), VOLUNTEER);
    let r = case.refused(OTHER, decision(Outcome::Gegrond));
    assert_eq!(r.kind, RefusalKind::NotPermitted);
    assert!(
        r.allowed.is_empty(),
        "a staff member without a part here may do nothing"
    );
    assert!(
        r.message.nl.contains("coördinator") && r.message.nl.contains("'decide'"),
        "{}",
        r.message.nl
    );

    let r = case.refused(COORDINATOR, Command::Close);
    assert_eq!(r.kind, RefusalKind::WrongState);
    assert_eq!(
        r.allowed,
        vec![
            "acknowledge",
            "assign",
            "record-concerns",
            "inform-involved",
            "record-hearing",
            "record-complainant-hearing",
            "record-contact",
            "add-note",
            "attach-document",
            "escalate",
            "classify",
            "record-measure",
            "decide",
            "withdraw",
            "report-summary",
            "rectify",
            "mark-duplicate",
            "link-related",
        ]
    );
    assert!(
        !r.allowed.contains(&"close")
            && !r.allowed.contains(&"sign-off")
            && !r.allowed.contains(&"reopen")
    );

    let r = case.refused(VOLUNTEER, note("Ik ben het er niet mee eens."));
    assert_eq!(r.kind, RefusalKind::ConflictOfInterest);
    assert!(r.allowed.is_empty());
    assert_eq!(r.to_string(), r.message.en.clone().unwrap_or_default());
    assert!(!r.message(Lang::Nl).is_empty() && r.message(Lang::Nl) != r.message(Lang::En));
}

// ---------------------------------------------------------------------------------------------
// Properties over arbitrary sequences of steps
// ---------------------------------------------------------------------------------------------

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("  ".to_owned()),
        Just("tekst".to_owned())
    ]
}

fn staff_id() -> impl Strategy<Value = i64> {
    prop_oneof![(1i64..=9), Just(NOBODY)]
}

fn some_categories() -> impl Strategy<Value = Vec<String>> {
    proptest::sample::subsequence(vec!["a", "c", "service", "privacy", "bogus"], 0..=3)
        .prop_map(|v| v.into_iter().map(str::to_owned).collect())
}

fn some_severity() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(
        proptest::sample::select(vec!["minor", "normal", "very_serious", "bogus"])
            .prop_map(str::to_owned),
    )
}

fn some_via() -> impl Strategy<Value = Via> {
    proptest::sample::select(vec![
        Via::Email,
        Via::Letter,
        Via::Phone,
        Via::InPerson,
        Via::StatusPage,
    ])
}

fn some_level() -> impl Strategy<Value = Level> {
    prop_oneof![Just(Level::Director), Just(Level::Board)]
}

fn some_date() -> impl Strategy<Value = Option<Date>> {
    proptest::option::of((0i64..90).prop_map(|n| monday() + n.days()))
}

fn any_command() -> impl Strategy<Value = Command> {
    prop_oneof![
        (some_via(), proptest::option::of(text()))
            .prop_map(|(via, note)| Command::Acknowledge { via, note }),
        staff_id().prop_map(|h| Command::Assign { handler: UserId(h) }),
        proptest::option::of(text()).prop_map(|note| Command::InformInvolved { note, via: None }),
        (text(), some_date())
            .prop_map(|(summary, held_on)| Command::RecordHearing { summary, held_on }),
        (
            some_via(),
            some_date(),
            text(),
            proptest::option::of(text()),
            any::<bool>()
        )
            .prop_map(|(via, on, summary, agreements, measures_communicated)| {
                Command::RecordContact {
                    via,
                    on,
                    summary,
                    agreements,
                    measures_communicated,
                }
            }),
        text().prop_map(|text| Command::AddNote { text }),
        Just(attach()),
        (
            proptest::sample::select(vec!["acknowledge", "answer", "settle", "bogus"]),
            0i64..120,
            text(),
            any::<bool>()
        )
            .prop_map(|(deadline, n, reason, consent)| Command::Extend {
                deadline: deadline.to_owned(),
                new_due: monday() + n.days(),
                reason,
                consent,
            }),
        (some_level(), text()).prop_map(|(to, reason)| Command::Escalate { to, reason }),
        text().prop_map(|reason| Command::ReferToCommittee { reason }),
        (
            some_categories(),
            some_severity(),
            any::<bool>(),
            proptest::option::of(proptest::sample::select(vec![
                "client", "supplier", "bogus"
            ]))
        )
            .prop_map(
                |(categories, severity, sensitive, relation)| Command::Classify {
                    categories,
                    severity,
                    sensitive,
                    relation: relation.map(str::to_owned),
                }
            ),
        text().prop_map(|description| Command::RecordMeasure { description }),
        (
            proptest::sample::select(Outcome::ALL.to_vec()),
            text(),
            some_via()
        )
            .prop_map(|(outcome, decision, via)| Command::Decide {
                outcome,
                decision,
                via
            }),
        Just(Command::SignOff {
            involved_signed_on: None,
        }),
        Just(Command::SignOff {
            involved_signed_on: None,
        }),
        Just(Command::Close),
        Just(Command::Close),
        proptest::option::of(text()).prop_map(|reason| Command::Withdraw { reason }),
        text().prop_map(|reason| Command::Reopen { reason }),
    ]
}

#[derive(Debug, Clone)]
struct Scenario {
    kjrw: bool,
    awb: bool,
    coordinator_absent: bool,
    deputy_absent: bool,
    registrar: Option<i64>,
    concerns: Option<i64>,
    channel: Channel,
    resolved_directly: bool,
    /// Who, what, and how many days later.
    steps: Vec<(i64, Command, i64)>,
}

fn any_scenario() -> impl Strategy<Value = Scenario> {
    (
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        proptest::option::of(1i64..=9),
        proptest::option::of(1i64..=9),
        proptest::sample::select(Channel::ALL.to_vec()),
        proptest::bool::weighted(0.1),
        proptest::collection::vec(((1i64..=9), any_command(), 0i64..3), 1..60),
    )
        .prop_map(
            |(
                (kjrw, awb, coordinator_absent, deputy_absent),
                registrar,
                concerns,
                channel,
                resolved_directly,
                steps,
            )| Scenario {
                kjrw,
                awb: awb && !kjrw,
                coordinator_absent,
                deputy_absent,
                registrar,
                concerns,
                channel,
                resolved_directly,
                steps,
            },
        )
}

fn run_scenario(s: &Scenario) -> Result<(), TestCaseError> {
    let mut w = if s.kjrw {
        World::kjrw()
    } else if s.awb {
        awb_like()
    } else {
        World::template()
    };
    if s.coordinator_absent {
        w = w.absent(COORDINATOR);
    }
    if s.deputy_absent {
        w = w.absent(DEPUTY);
    }
    let mut today = monday();
    let new = NewComplaint {
        concerns: s.concerns.map(UserId),
        resolved_directly: s.resolved_directly.then(|| "Direct opgelost.".to_owned()),
        ..new_complaint(s.channel, today)
    };
    let Ok(events) = register(&w.ctx(today), s.registrar.map(|id| w.staff(id)), new) else {
        return Ok(());
    };
    let mut log = events.clone();
    let mut state = Complaint::replay(&events).expect("a registration");
    for (who, cmd, days) in &s.steps {
        today += (*days).days();
        let ctx = w.ctx(today);
        let staff = w.staff(*who);
        let allowed = allowed_actions(&ctx, &state, staff);
        let action = cmd.action().name();
        match decide(&ctx, &state, staff, cmd.clone()) {
            Ok(events) => {
                prop_assert!(
                    allowed.contains(&action),
                    "{action} accepted but not allowed: {allowed:?}"
                );
                if state.concerns == Some(staff.id) {
                    for e in &events {
                        prop_assert!(
                            matches!(
                                e.body,
                                EventBody::SignedOff {
                                    capacity: Capacity::Involved,
                                    ..
                                }
                            ),
                            "K3: the one complained about got {:?}",
                            e.body
                        );
                    }
                }
                for e in &events {
                    state.apply(e);
                    log.push(e.clone());
                }
            }
            Err(r) => {
                prop_assert_eq!(&r.allowed, &allowed);
                prop_assert!(!r.message.nl.trim().is_empty());
                prop_assert!(
                    r.message
                        .en
                        .as_deref()
                        .is_some_and(|m| !m.trim().is_empty())
                );
            }
        }
        let replayed = Complaint::replay(&log);
        prop_assert_eq!(replayed.as_ref(), Some(&state));
    }
    let json = serde_json::to_string(&log).expect("serialisable");
    let back: Vec<Event> = serde_json::from_str(&json).expect("readable");
    prop_assert_eq!(Complaint::replay(&back), Some(state));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Replaying the accepted events gives the state applied step by step (also after a JSON
    /// round trip), and the person complained about never gets anything accepted but their own
    /// signature (K3, K11).
    #[test]
    fn k03_t12_replay_equals_incremental_and_the_involved_only_signs(s in any_scenario()) {
        run_scenario(&s)?;
    }
}

// ---------------------------------------------------------------------------------------------
// The summary for the reports
// ---------------------------------------------------------------------------------------------

#[test]
fn k13_the_report_summary_is_written_by_the_coordinator_or_the_acting_deputy() {
    let summary = |t: &str| Command::WriteReportSummary { text: t.into() };
    let w = World::template();
    let mut case = w.open_about(monday(), VOLUNTEER);
    assert_eq!(
        case.refused(HANDLER, summary("Mijn versie.")).kind,
        RefusalKind::NotPermitted
    );
    assert_eq!(
        case.refused(DEPUTY, summary("Niet waarnemend.")).kind,
        RefusalKind::NotPermitted,
        "the deputy acts only when the coordinator cannot"
    );
    assert_eq!(
        case.refused(COORDINATOR, summary("  ")).kind,
        RefusalKind::Invalid
    );
    assert_eq!(
        case.refused(COORDINATOR, summary(&"x".repeat(1001))).kind,
        RefusalKind::Invalid,
        "a summary is short"
    );
    let events = case.ok(
        COORDINATOR,
        summary("Klacht over bejegening; excuses aangeboden."),
    );
    assert!(matches!(
        &events[0].body,
        EventBody::ReportSummaryWritten { text }
            if text.get().map(String::as_str) == Some("Klacht over bejegening; excuses aangeboden.")
    ));
    assert!(case.c.report_summary);
    // The volunteer concerned does not see what the coordinator writes for the board.
    assert!(!klacht_core::procedure::visible_to_involved(
        &events[0].body
    ));

    let w = World::template().absent(COORDINATOR);
    let mut case = w.open_about(monday(), VOLUNTEER);
    case.ok(DEPUTY, summary("Door de plaatsvervanger."));
    assert!(case.c.report_summary);
}

fn hold(reason: &str) -> Command {
    Command::PlaceHold {
        reason: reason.into(),
    }
}

fn anonymise(reason: &str) -> Command {
    Command::Anonymise {
        reason: reason.into(),
    }
}

/// A complaint decided and closed on the day it came in.
fn closed_case(w: &World) -> Case<'_> {
    let mut case = w.open(monday());
    case.assign_classify_decide();
    case.ok(COORDINATOR, Command::Close);
    assert_eq!(case.c.status, Status::Closed);
    case
}

#[test]
fn t10_an_open_complaint_is_neither_held_nor_anonymised_and_says_to_close_it_first() {
    let w = World::template();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, assign(HANDLER));
    for cmd in [hold("Rechtszaak."), anonymise("Verzoek art. 17 AVG.")] {
        let r = case.refused(COORDINATOR, cmd);
        assert_eq!(r.kind, RefusalKind::WrongState);
        assert!(
            r.message(Lang::Nl).contains("sluit de klacht eerst af"),
            "{}",
            r.message(Lang::Nl)
        );
        assert!(r.message(Lang::En).contains("close it first"));
    }
    assert_eq!(case.c.held_since, None);
    assert_eq!(case.c.anonymised_at, None);
}

#[test]
fn t10_k8_a_hold_is_the_coordinators_needs_a_reason_and_blocks_anonymising_until_lifted() {
    let w = World::template();
    let mut case = closed_case(&w);
    let r = case.refused(HANDLER, hold("Rechtszaak."));
    assert_eq!(r.kind, RefusalKind::NotPermitted);
    let r = case.refused(COORDINATOR, hold("   "));
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert_eq!(r.details, ["reason"]);

    case.on(date(2026, 3, 4)).ok(
        COORDINATOR,
        hold("Klager heeft een rechtszaak aangespannen."),
    );
    assert_eq!(case.c.held_since, Some(noon(date(2026, 3, 4))));
    let r = case.refused(COORDINATOR, hold("Nog een keer."));
    assert!(r.message(Lang::En).contains("held back since 2026-03-04"));
    let r = case.refused(COORDINATOR, anonymise("Verzoek art. 17 AVG."));
    assert!(r.message(Lang::En).contains("lift the hold first"));
    assert!(!case.allowed(COORDINATOR).contains(&"anonymise"));

    case.ok(COORDINATOR, Command::LiftHold { reason: None });
    assert_eq!(case.c.held_since, None);
    let r = case.refused(COORDINATOR, Command::LiftHold { reason: None });
    assert!(r.message(Lang::En).contains("nothing to lift"));
    assert!(case.allowed(COORDINATOR).contains(&"anonymise"));
}

#[test]
fn t10_k8_an_anonymised_complaint_takes_no_step_any_more() {
    let w = World::template();
    let mut case = closed_case(&w);
    let r = case.refused(HANDLER, anonymise("Verzoek art. 17 AVG."));
    assert_eq!(
        r.kind,
        RefusalKind::NotPermitted,
        "anonymising is the coordinator's"
    );
    let r = case.refused(COORDINATOR, anonymise(" "));
    assert_eq!(r.details, ["reason"]);

    let events = case
        .on(date(2026, 3, 5))
        .ok(COORDINATOR, anonymise("Verzoek art. 17 AVG."));
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].body.kind(), "anonymised");
    assert_eq!(case.c.anonymised_at, Some(noon(date(2026, 3, 5))));
    assert_eq!(case.c.status, Status::Closed, "the status stays");
    assert_eq!(
        case.c.decision.as_ref().map(|d| d.outcome),
        Some(Outcome::Gegrond)
    );

    for cmd in [
        reopen(),
        note("Nog iets."),
        anonymise("Nog eens."),
        hold("Later."),
    ] {
        let what = format!("{cmd:?}");
        let r = case.refused(COORDINATOR, cmd);
        assert_eq!(r.kind, RefusalKind::WrongState, "{what}");
        assert!(
            r.message(Lang::Nl).contains("op 2026-03-05 geanonimiseerd"),
            "{what}: {}",
            r.message(Lang::Nl)
        );
    }
    assert_eq!(case.allowed(COORDINATOR), Vec::<&str>::new());
    assert!(
        klacht_core::procedure::answer_satisfaction(
            &case.w.profile,
            &case.c,
            klacht_core::procedure::SatisfactionChoice::Answer("opgelost"),
            None,
            noon(date(2026, 3, 6))
        )
        .is_err(),
        "the complainant cannot answer any more either"
    );
}

#[test]
fn t10_the_retention_round_anonymises_only_what_is_due_and_not_held() {
    let w = World::template();
    let mut case = closed_case(&w);
    let months = w.profile.retention.months_after_close;
    let last = monday()
        .checked_add(i64::from(months).months())
        .expect("a date");
    let ctx = |d: Date| w.ctx(d);
    let r = klacht_core::retention::anonymise_by_retention(&ctx(last), &case.c).unwrap_err();
    assert!(r.message(Lang::En).contains("has not run out yet"));
    let day_after = last.tomorrow().expect("a date");
    let events =
        klacht_core::retention::anonymise_by_retention(&ctx(day_after), &case.c).expect("due");
    assert_eq!(events[0].actor, Actor::System);
    assert_eq!(
        events[0].body,
        EventBody::Anonymised {
            why: klacht_core::procedure::AnonymisedWhy::Retention,
            reason: None
        }
    );
    case.ok(COORDINATOR, hold("Klacht bij de Nationale ombudsman."));
    let r = klacht_core::retention::anonymise_by_retention(&ctx(day_after), &case.c).unwrap_err();
    assert!(r.message(Lang::En).contains("held back"));
}

#[test]
fn art_15_a_persons_complaints_are_found_by_a_contact_detail_or_else_by_name() {
    use klacht_core::subject::{Person, Relation, relation};
    let w = World::template();
    let mut new = new_complaint(Channel::Email, monday());
    new.complainant = Complainant {
        name: "Mr. Jan  Jansen".into(),
        email: Some("Jan@Example.nl".into()),
        phone: Some("+31 6 1234 5678".into()),
        ..Complainant::default()
    };
    new.on_behalf_of = Some("Pim Jansen".into());
    let case = w.register(monday(), Some(REGISTRAR), new);
    let p = |name: Option<&str>, email: Option<&str>, phone: Option<&str>| {
        Person::new(name, email, phone).expect("a person")
    };
    assert_eq!(
        relation(&case.c, &p(None, Some("jan@example.nl "), None)),
        Some(Relation::Complainant)
    );
    assert_eq!(
        relation(&case.c, &p(None, None, Some("06-12345678"))),
        Some(Relation::Complainant)
    );
    // Another e-mail address is another person, whatever the name.
    assert_eq!(
        relation(
            &case.c,
            &p(Some("Mr. Jan Jansen"), Some("jan@elders.nl"), None)
        ),
        None
    );
    // Another address but the same phone: the phone decides.
    assert_eq!(
        relation(&case.c, &p(None, Some("jan@elders.nl"), Some("0612345678"))),
        Some(Relation::Complainant)
    );
    assert_eq!(
        relation(&case.c, &p(Some("mr. jan jansen"), None, None)),
        Some(Relation::Complainant)
    );
    assert_eq!(
        relation(&case.c, &p(Some("Pim Jansen"), None, None)),
        Some(Relation::Represented)
    );
    assert_eq!(relation(&case.c, &p(Some("Piet Jansen"), None, None)), None);
}

#[test]
fn art_16_a_correction_changes_the_detail_and_refuses_what_cannot_be() {
    let w = World::template();
    let mut case = w.open(monday());
    let fix = |field: &str, value: &str| Command::Rectify {
        field: klacht_core::subject::Field::parse(field).expect("a field"),
        value: value.into(),
    };
    let before = case.c.complainant.get().cloned().expect("present");
    case.ok(COORDINATOR, fix("email", "nieuw@example.nl"));
    assert_eq!(
        case.c.complainant.get().and_then(|c| c.email.clone()),
        Some("nieuw@example.nl".into())
    );
    assert_eq!(
        case.c.complainant.get().map(|c| c.name.clone()),
        Some(before.name)
    );
    let r = case.refused(COORDINATOR, fix("email", "nieuw@example.nl"));
    assert!(
        r.message(Lang::En)
            .contains("already the detail as registered")
    );
    let r = case.refused(COORDINATOR, fix("name", " "));
    assert_eq!(r.details, ["value"]);
    let r = case.refused(COORDINATOR, fix("date_of_birth", "31-12-1990"));
    assert!(r.message(Lang::En).contains("is not a date"));
    let r = case.refused(COORDINATOR, fix("phone", "06\n123"));
    assert_eq!(r.details, ["value"]);
    case.ok(COORDINATOR, fix("date_of_birth", "1990-12-31"));
    assert_eq!(
        case.c.complainant.get().and_then(|c| c.date_of_birth),
        Some(date(1990, 12, 31))
    );
    let r = case.refused(HANDLER, fix("name", "Iemand Anders"));
    assert_eq!(r.kind, RefusalKind::NotPermitted);
}

#[test]
fn t10_t17_retention_is_overseen_by_the_coordinator_or_the_deputy_acting_for_them() {
    use klacht_core::retention::may_oversee;
    let w = World::template();
    assert!(may_oversee(&w.profile, &w.org, w.staff(COORDINATOR)).is_ok());
    assert!(may_oversee(&w.profile, &w.org, w.staff(DEPUTY)).is_err());
    let r = may_oversee(&w.profile, &w.org, w.staff(HANDLER)).unwrap_err();
    assert_eq!(r.kind, RefusalKind::NotPermitted);
    assert!(r.message(Lang::En).starts_with(
        "Retention, anonymisation and the requests of data subjects are for whoever may anonymise"
    ));
    let w = World::template().absent(COORDINATOR);
    assert!(may_oversee(&w.profile, &w.org, w.staff(DEPUTY)).is_ok());
}

#[test]
fn k03_a_coordinator_without_the_board_role_kjrw_asks_is_told_why_steps_are_refused() {
    let w = World::kjrw().roles(COORDINATOR, &[Role::Coordinator]);
    let mut case = w.open(monday());
    let r = case.refused(COORDINATOR, assign(HANDLER));
    assert_eq!(r.kind, RefusalKind::NotPermitted);
    assert!(
        r.message(Lang::Nl).starts_with(
            "Volgens deze klachtenregeling moet de coördinator ook de rol 'bestuur' hebben"
        ),
        "{}",
        r.message(Lang::Nl)
    );
    assert!(
        r.message(Lang::En)
            .contains("Ask the administrator to give you that role.")
    );
}

// ---------------------------------------------------------------------------------------------
// The built-in `awb`: Algemene wet bestuursrecht, titel 9.1
// ---------------------------------------------------------------------------------------------

#[test]
fn awb_9_11_six_weeks_after_receipt_moved_past_a_holiday() {
    let w = World::awb();
    // Monday 2 March 2026: six weeks later is Monday 13 April, a working day.
    let case = w.open(monday());
    assert_eq!(case.due("settle"), Some(date(2026, 4, 13)));
    // Awb 9:6: the written acknowledgement within a week of working days.
    assert_eq!(case.due("acknowledge"), Some(date(2026, 3, 9)));
    // Monday 16 March: six weeks later is King's Day, Monday 27 April; the term ends on Tuesday
    // 28 April (Algemene termijnenwet).
    let case = w.open(date(2026, 3, 16));
    assert_eq!(case.due("settle"), Some(date(2026, 4, 28)));
    // A complaint sent on Saturday 14 March: six weeks end on Saturday 25 April, then the
    // weekend and King's Day.
    let case = w.register(date(2026, 3, 14), None, web(date(2026, 3, 14)));
    assert_eq!(case.due("settle"), Some(date(2026, 4, 28)));
}

#[test]
fn awb_9_11_ten_weeks_with_the_advisory_committee() {
    let w = World::awb();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, refer_to_committee());
    assert_eq!(case.due("settle"), Some(date(2026, 5, 11)), "ten weeks");
    assert_eq!(case.due("acknowledge"), Some(date(2026, 3, 9)), "unchanged");
    // Received on 16 March, ten weeks end on Monday 25 May, Whit Monday: Tuesday 26 May.
    let mut case = w.open(date(2026, 3, 16));
    case.ok(COORDINATOR, refer_to_committee());
    assert_eq!(case.due("settle"), Some(date(2026, 5, 26)));
}

#[test]
fn awb_9_11_one_extension_of_four_weeks_a_second_only_with_written_consent() {
    let w = World::awb();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, assign(HANDLER));
    let events = case.ok(
        HANDLER,
        extend(
            "settle",
            date(2026, 5, 11),
            "Wij wachten op de verklaring van een getuige.",
        ),
    );
    assert!(matches!(
        events[0].body,
        EventBody::Extended { consent: false, .. }
    ));
    assert_eq!(
        case.due("settle"),
        Some(date(2026, 5, 11)),
        "four weeks more"
    );
    let r = case.refused(
        HANDLER,
        extend("settle", date(2026, 5, 18), "De getuige is op vakantie."),
    );
    assert_eq!(r.kind, RefusalKind::NotPermitted, "a second extension");
    assert_eq!(
        r.message.en.as_deref(),
        Some(
            "Under the regulation: the deadline may be extended at most 1 time(s). Going further needs the complainant's written consent (consent)."
        )
    );
    let events = case.ok(
        HANDLER,
        extend_with_consent("settle", date(2026, 5, 18), "De getuige is op vakantie."),
    );
    assert!(matches!(
        events[0].body,
        EventBody::Extended { consent: true, .. }
    ));
    assert_eq!(case.due("settle"), Some(date(2026, 5, 18)));
    assert_eq!(case.c.deadline("settle").map(|d| d.extensions), Some(2));
}

#[test]
fn awb_9_11_an_extension_of_more_than_four_weeks_needs_written_consent() {
    let w = World::awb();
    let mut case = w.open(monday());
    let r = case.refused(
        COORDINATOR,
        extend("settle", date(2026, 5, 12), "Complexe klacht."),
    );
    assert_eq!(r.kind, RefusalKind::NotPermitted);
    assert_eq!(
        r.message.nl,
        "Volgens de regeling: een verlenging loopt tot uiterlijk 2026-05-11. Verder verlengen kan alleen met schriftelijke instemming van de klager (consent)."
    );
    case.ok(
        COORDINATOR,
        extend_with_consent("settle", date(2026, 5, 12), "Complexe klacht."),
    );
    assert_eq!(case.due("settle"), Some(date(2026, 5, 12)));
}

#[test]
fn awb_9_10_both_sides_are_heard_and_the_hearing_has_no_term_of_its_own() {
    let w = World::awb();
    let mut case = w.open_about(monday(), VOLUNTEER);
    let ids: Vec<&str> = case.c.deadlines.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        ["acknowledge", "settle"],
        "no deadline for the hearing"
    );
    case.ok(COORDINATOR, assign(HANDLER));
    // Awb 9:9: the person complained about gets the complaint.
    case.ok(HANDLER, inform_involved());
    // Awb 9:10 lid 1: the person complained about is heard, and the complainant.
    case.on(date(2026, 3, 10));
    let events = case.ok(HANDLER, hearing(Some(date(2026, 3, 9))));
    assert!(matches!(
        &events[0].body,
        EventBody::HearingRecorded { involved, meets, .. }
            if *involved == Some(UserId(VOLUNTEER)) && meets.is_empty()
    ));
    case.ok(
        HANDLER,
        complainant_hearing(ComplainantHearing::Held, None, None),
    );
    // Nobody hears or judges a complaint about themselves (Awb 9:7).
    let r = case.refused(VOLUNTEER, hearing(None));
    assert_eq!(r.kind, RefusalKind::ConflictOfInterest);
    let r = case.refused(VOLUNTEER, decision(Outcome::Ongegrond));
    assert_eq!(r.kind, RefusalKind::ConflictOfInterest);
    case.ok(HANDLER, decision(Outcome::Ongegrond));
    assert!(case.met("settle"));
}

#[test]
fn awb_9_10_the_complainant_may_go_unheard_without_a_deadline_left_running() {
    // A complaint about the body's conduct in general, judged manifestly unfounded without a
    // hearing (Awb 9:10 lid 2): nothing stays behind.
    let w = World::awb();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, assign(HANDLER));
    let r = case.refused(HANDLER, hearing(None));
    assert_eq!(r.kind, RefusalKind::WrongState, "no staff member to hear");
    case.ok(
        HANDLER,
        complainant_hearing(
            ComplainantHearing::Waived,
            None,
            Some(WaiverGround::ManifestlyUnfounded),
        ),
    );
    case.ok(HANDLER, decision(Outcome::Ongegrond));
    assert!(case.met("settle"));
    assert!(case.c.next_deadline().is_none());
}

#[test]
fn awb_9_10_no_decision_before_the_complainant_is_heard_or_the_hearing_waived() {
    let w = World::awb();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, assign(HANDLER));
    let r = case.refused(HANDLER, decision(Outcome::Ongegrond));
    assert_eq!(r.kind, RefusalKind::Incomplete);
    assert!(
        r.message
            .nl
            .starts_with("De klager is nog niet gehoord. Volgens de klachtenregeling"),
        "{}",
        r.message.nl
    );
    assert!(
        r.message
            .en
            .as_deref()
            .unwrap_or_default()
            .contains("Record with the step “Record the hearing of the complainant”"),
        "{r:?}"
    );
    assert!(r.allowed.contains(&"record-complainant-hearing"));
    // Offered alone is not enough.
    case.on(date(2026, 3, 4));
    case.ok(
        HANDLER,
        complainant_hearing(ComplainantHearing::Offered, Some(date(2026, 3, 3)), None),
    );
    let r = case.refused(HANDLER, decision(Outcome::Ongegrond));
    assert_eq!(r.kind, RefusalKind::Incomplete);
    assert!(
        r.message
            .nl
            .starts_with("De klager is op 2026-03-03 uitgenodigd om gehoord te worden"),
        "{}",
        r.message.nl
    );
    case.on(date(2026, 3, 11));
    let events = case.ok(
        HANDLER,
        complainant_hearing(ComplainantHearing::Held, Some(date(2026, 3, 10)), None),
    );
    assert_eq!(events[0].body.kind(), "complainant_hearing_recorded");
    case.ok(HANDLER, decision(Outcome::Ongegrond));
    assert_eq!(case.c.status, Status::Decided);
}

#[test]
fn awb_9_10_a_waived_hearing_allows_the_decision_with_its_ground() {
    let w = World::awb();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, assign(HANDLER));
    // Waived needs a ground of lid 2; a ground goes only with waived.
    let r = case.refused(
        HANDLER,
        complainant_hearing(ComplainantHearing::Waived, None, None),
    );
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert!(has_detail(&r, "ground"));
    let r = case.refused(
        HANDLER,
        complainant_hearing(
            ComplainantHearing::Held,
            None,
            Some(WaiverGround::NotWished),
        ),
    );
    assert_eq!(r.kind, RefusalKind::Invalid);
    case.ok(
        HANDLER,
        complainant_hearing(
            ComplainantHearing::Waived,
            None,
            Some(WaiverGround::NotWished),
        ),
    );
    let heard = case.c.complainant_heard.expect("recorded");
    assert_eq!(
        (heard.hearing, heard.on, heard.ground),
        (
            ComplainantHearing::Waived,
            date(2026, 3, 2),
            Some(WaiverGround::NotWished)
        )
    );
    case.ok(HANDLER, decision(Outcome::Gegrond));
}

#[test]
fn awb_9_10_the_hearing_is_not_in_the_future_and_comes_before_the_decision() {
    let w = World::awb();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, assign(HANDLER));
    let r = case.refused(
        HANDLER,
        complainant_hearing(ComplainantHearing::Held, Some(date(2026, 3, 3)), None),
    );
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert!(has_detail(&r, "on"));
    // Only the handler or the coordinator records it, as the profile's steps say.
    let r = case.refused(
        OTHER,
        complainant_hearing(ComplainantHearing::Held, None, None),
    );
    assert_eq!(r.kind, RefusalKind::NotPermitted);
    case.ok(
        COORDINATOR,
        complainant_hearing(ComplainantHearing::Held, None, None),
    );
    case.ok(HANDLER, decision(Outcome::Gegrond));
    let r = case.refused(
        HANDLER,
        complainant_hearing(ComplainantHearing::Held, None, None),
    );
    assert_eq!(r.kind, RefusalKind::WrongState);
}

#[test]
fn awb_9_10_the_template_decides_without_a_hearing_of_the_complainant() {
    let w = World::template();
    assert!(!w.profile.registration.hear_complainant);
    for name in ["kjrw", "wkkgz"] {
        let p = profile::builtin(name).expect("a built-in");
        assert!(!p.registration.hear_complainant, "{name}");
    }
    let mut case = w.open(monday());
    case.assign_classify_decide();
    assert_eq!(case.c.status, Status::Decided);
    assert_eq!(case.c.complainant_heard, None);
}

fn refer(body: &str, on: Option<Date>) -> Command {
    Command::ReferOutside {
        body: body.into(),
        on,
    }
}

fn external(outcome: ExternalOutcome, on: Option<Date>) -> Command {
    Command::RecordExternalOutcome {
        body: None,
        outcome,
        on,
        summary: Some("De ombudsman acht de klacht niet gegrond.".into()),
    }
}

#[test]
fn awb_9_12_a_referral_outside_comes_after_the_decision_with_the_last_day_from_the_body() {
    let w = World::awb();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, assign(HANDLER));
    let r = case.refused(COORDINATOR, refer("nationale_ombudsman", None));
    assert_eq!(r.kind, RefusalKind::WrongState, "not before the decision");
    case.ok(
        HANDLER,
        complainant_hearing(ComplainantHearing::Held, None, None),
    );
    case.on(date(2026, 3, 31));
    case.ok(HANDLER, decision(Outcome::Ongegrond));
    assert_eq!(klacht_core::ladder::rung(&case.c), Some(Rung::Internal));

    case.on(date(2026, 5, 4));
    let r = case.refused(COORDINATOR, refer("ombudsvrouw", None));
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert!(has_detail(&r, "body: expected one of nationale_ombudsman"));
    assert_eq!(
        r.message.nl,
        "Deze regeling kent die instantie niet; kies uit: Nationale ombudsman."
    );
    // The coordinator's step, not the handler's.
    let r = case.refused(HANDLER, refer("nationale_ombudsman", None));
    assert_eq!(r.kind, RefusalKind::NotPermitted);
    let r = case.refused(
        COORDINATOR,
        refer("nationale_ombudsman", Some(date(2026, 5, 5))),
    );
    assert_eq!(r.kind, RefusalKind::Invalid, "not in the future");
    let events = case.ok(
        COORDINATOR,
        refer("nationale_ombudsman", Some(date(2026, 5, 1))),
    );
    assert_eq!(
        events[0].body,
        EventBody::ReferredOutside {
            body: "nationale_ombudsman".into(),
            on: date(2026, 5, 1),
            until: date(2027, 3, 31),
        }
    );
    assert_eq!(klacht_core::ladder::rung(&case.c), Some(Rung::External));
    let r = case.refused(COORDINATOR, refer("nationale_ombudsman", None));
    assert_eq!(r.kind, RefusalKind::WrongState, "already there");

    // The outcome: not before the referral, not in the future.
    let r = case.refused(
        COORDINATOR,
        external(ExternalOutcome::NotUpheld, Some(date(2026, 4, 30))),
    );
    assert_eq!(r.kind, RefusalKind::Invalid);
    case.ok(
        COORDINATOR,
        external(ExternalOutcome::NotUpheld, Some(date(2026, 5, 4))),
    );
    assert_eq!(
        case.c.referrals[0].outcome,
        Some((ExternalOutcome::NotUpheld, date(2026, 5, 4)))
    );
    assert!(!case.c.referral_pending());
    let r = case.refused(COORDINATOR, external(ExternalOutcome::Upheld, None));
    assert_eq!(r.kind, RefusalKind::WrongState, "nothing pending");
    assert_eq!(case.c.status, Status::Decided);
}

#[test]
fn t13_a_regulation_without_external_bodies_records_no_referral() {
    let w = World::template();
    let mut case = w.open(monday());
    case.assign_classify_decide();
    let r = case.refused(COORDINATOR, refer("nationale_ombudsman", None));
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert_eq!(
        r.message.en.as_deref(),
        Some("This regulation names no body outside the organisation.")
    );
    assert!(!case.allowed(COORDINATOR).contains(&"refer-outside"));
    assert_eq!(klacht_core::ladder::rung(&case.c), Some(Rung::Internal));
}

#[test]
fn t04_a_complaint_settled_at_once_is_on_the_first_rung() {
    let w = World::template();
    let mut new = email(monday());
    new.resolved_directly = Some("Aan de telefoon opgelost.".into());
    let case = w.register(monday(), Some(HANDLER), new);
    assert_eq!(klacht_core::ladder::rung(&case.c), Some(Rung::AtOnce));
}

#[test]
fn awb_9_7_the_one_complained_about_does_not_handle_it() {
    let w = World::awb();
    let mut case = w.open_about(monday(), HANDLER);
    let r = case.refused(COORDINATOR, assign(HANDLER));
    assert_eq!(r.kind, RefusalKind::ConflictOfInterest);
    case.ok(COORDINATOR, assign(COORDINATOR));
}

// ---------------------------------------------------------------------------------------------
// The built-in `wkkgz`: Wet kwaliteit, klachten en geschillen zorg
// ---------------------------------------------------------------------------------------------

#[test]
fn wkkgz_art_17_six_weeks_after_the_complaint() {
    let w = World::wkkgz();
    let case = w.open(monday());
    assert_eq!(case.due("settle"), Some(date(2026, 4, 13)));
    let case = w.open(date(2026, 3, 16));
    assert_eq!(
        case.due("settle"),
        Some(date(2026, 4, 28)),
        "past King's Day"
    );
    // The Wkkgz knows no advisory committee.
    let mut case = w.open(monday());
    let r = case.refused(COORDINATOR, refer_to_committee());
    assert_eq!(r.kind, RefusalKind::Invalid);
}

#[test]
fn wkkgz_art_17_one_extension_of_at_most_four_weeks_and_no_more_even_with_consent() {
    let w = World::wkkgz();
    let mut case = w.open(monday());
    // Four weeks and a day: refused, also with the complainant's consent.
    for cmd in [
        extend("settle", date(2026, 5, 12), "Zorgvuldig onderzoek."),
        extend_with_consent("settle", date(2026, 5, 12), "Zorgvuldig onderzoek."),
    ] {
        let r = case.refused(COORDINATOR, cmd);
        assert_eq!(r.kind, RefusalKind::NotPermitted);
        assert_eq!(
            r.message.en.as_deref(),
            Some("Under the regulation: an extension may run until 2026-05-11 at the latest.")
        );
    }
    case.on(date(2026, 4, 10));
    case.ok(
        COORDINATOR,
        extend(
            "settle",
            date(2026, 5, 11),
            "Wij vragen het advies van de arts.",
        ),
    );
    assert_eq!(case.due("settle"), Some(date(2026, 5, 11)));
    for cmd in [
        extend("settle", date(2026, 5, 18), "Nog niet klaar."),
        extend_with_consent("settle", date(2026, 5, 18), "Nog niet klaar."),
    ] {
        let r = case.refused(COORDINATOR, cmd);
        assert_eq!(r.kind, RefusalKind::NotPermitted, "a second extension");
        assert_eq!(
            r.message.en.as_deref(),
            Some("Under the regulation: the deadline may be extended at most 1 time(s).")
        );
    }
    assert_eq!(case.c.deadline("settle").map(|d| d.extensions), Some(1));
}

#[test]
fn wkkgz_art_17_the_care_provider_judges_not_the_klachtenfunctionaris() {
    let w = World::wkkgz();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, assign(HANDLER));
    let r = case.refused(COORDINATOR, decision(Outcome::Gegrond));
    assert_eq!(r.kind, RefusalKind::NotPermitted);
    let r = case.refused(COORDINATOR, measure("Gesprek met het team."));
    assert_eq!(r.kind, RefusalKind::NotPermitted);
    case.ok(HANDLER, measure("Gesprek met het team."));
    case.ok(HANDLER, decision(Outcome::Gegrond));
    assert!(case.met("settle"));
}

// ---------------------------------------------------------------------------------------------
// Who the complaint is about, recorded or changed on any complaint (T8, K3, K5, K6, K11)
// ---------------------------------------------------------------------------------------------

fn about_staff(who: i64) -> Command {
    Command::RecordConcerns {
        about: Some(klacht_core::procedure::ConcernsInput::Staff(UserId(who))),
    }
}

fn about_person(name: &str, role: Option<&str>) -> Command {
    Command::RecordConcerns {
        about: Some(klacht_core::procedure::ConcernsInput::Person {
            name: name.into(),
            role: role.map(Into::into),
            contact: Some("06 9876 5432".into()),
        }),
    }
}

fn about_nobody() -> Command {
    Command::RecordConcerns { about: None }
}

fn sign_on_paper(on: Date) -> Command {
    Command::SignOff {
        involved_signed_on: Some(on),
    }
}

#[test]
fn k03_a_handler_who_becomes_the_person_complained_about_loses_the_dossier_and_every_step() {
    let w = World::template();
    let mut case = w.open(monday());
    case.ok(COORDINATOR, assign(HANDLER));
    case.ok(HANDLER, note("Eerste gesprek gepland."));
    assert_eq!(case.view(HANDLER), View::Full);

    case.ok(COORDINATOR, about_staff(HANDLER));
    assert_eq!(case.c.concerns, Some(UserId(HANDLER)));
    // At once: only the restricted view of the one involved, and no step of a handler.
    assert_eq!(case.view(HANDLER), View::Involved);
    assert_eq!(case.caps(HANDLER), BTreeSet::from([Capacity::Involved]));
    assert!(
        case.allowed(HANDLER).is_empty(),
        "{:?}",
        case.allowed(HANDLER)
    );
    let r = case.refused(HANDLER, note("Ik handel het zelf af."));
    assert_eq!(r.kind, RefusalKind::ConflictOfInterest);
    // The complaint needs a new handler, and it cannot be them.
    assert!(case.c.needs_new_handler());
    let r = case.refused(COORDINATOR, assign(HANDLER));
    assert_eq!(r.kind, RefusalKind::ConflictOfInterest);
    assert!(
        r.message.nl.contains("Hanna Behandelaar"),
        "{}",
        r.message.nl
    );
    case.ok(COORDINATOR, assign(DEPUTY));
    assert!(!case.c.needs_new_handler());
    assert_eq!(case.view(DEPUTY), View::Full);
}

#[test]
fn k03_t17_the_acting_coordinator_follows_who_the_complaint_is_about_now() {
    let w = World::template();
    let mut case = w.open(monday());
    assert!(case.acts_as_coordinator(COORDINATOR));
    assert!(!case.acts_as_coordinator(DEPUTY));

    case.ok(COORDINATOR, about_staff(COORDINATOR));
    assert!(!case.acts_as_coordinator(COORDINATOR));
    assert!(case.acts_as_coordinator(DEPUTY), "the deputy takes over");
    assert_eq!(case.view(COORDINATOR), View::Involved);

    // The deputy puts it right: it is about nobody in particular after all.
    case.ok(DEPUTY, about_nobody());
    assert_eq!(case.c.concerns, None);
    assert!(case.acts_as_coordinator(COORDINATOR));
    assert_eq!(case.view(COORDINATOR), View::Full);
    let r = case.refused(COORDINATOR, about_nobody());
    assert_eq!(r.kind, RefusalKind::WrongState);
}

#[test]
fn t08_a_web_complaint_gets_who_it_is_about_recorded_afterwards() {
    let w = World::template();
    let mut case = w.register(monday(), None, web(monday()));
    assert_eq!(case.c.concerns, None);
    assert!(case.allowed(COORDINATOR).contains(&"record-concerns"));
    let events = case.ok(COORDINATOR, about_staff(VOLUNTEER));
    assert_eq!(
        events[0].body,
        EventBody::ConcernsRecorded {
            about: Some(klacht_core::procedure::Concerned::Staff {
                user: UserId(VOLUNTEER)
            })
        }
    );
    assert_eq!(case.c.concerns, Some(UserId(VOLUNTEER)));
    assert_eq!(case.view(VOLUNTEER), View::Involved);
    // Nobody who merely works there may change it.
    let r = case.refused(OTHER, about_nobody());
    assert_eq!(r.kind, RefusalKind::NotPermitted);
    // Then someone without an account: the staff member is no longer involved.
    case.ok(
        COORDINATOR,
        about_person("Piet Vrijwilliger", Some("gastheer")),
    );
    assert_eq!(case.c.concerns, None);
    assert_eq!(
        case.c
            .concerns_person
            .as_ref()
            .and_then(|p| p.name.get())
            .map(String::as_str),
        Some("Piet Vrijwilliger")
    );
    assert_eq!(case.view(VOLUNTEER), View::None);
    let r = case.refused(COORDINATOR, about_person("  ", None));
    assert_eq!(r.kind, RefusalKind::Invalid);
}

#[test]
fn k05_k06_a_volunteer_without_an_account_is_informed_and_heard() {
    let w = World::template();
    let mut case = w.open(monday());
    case.ok(
        COORDINATOR,
        about_person("Piet Vrijwilliger", Some("gastheer")),
    );
    // No account, so no notice: how they were told is part of the step.
    let r = case.refused(COORDINATOR, inform_involved());
    assert_eq!(r.kind, RefusalKind::Invalid);
    assert!(has_detail(&r, "via"), "{r:?}");
    let events = case.ok(
        COORDINATOR,
        Command::InformInvolved {
            note: Some("Gebeld en de klacht voorgelezen.".into()),
            via: Some(Via::Phone),
        },
    );
    assert_eq!(
        events[0].body,
        EventBody::InvolvedInformed {
            involved: None,
            person: Some(Personal::new("Piet Vrijwilliger".into())),
            via: Some(Via::Phone),
            note: Some(Personal::new("Gebeld en de klacht voorgelezen.".into())),
        }
    );
    assert!(case.c.involved_informed_at.is_some());
    let before = case.c.clone();
    let events = case.on(date(2026, 3, 4)).ok(COORDINATOR, hearing(None));
    let notices =
        klacht_core::procedure::notices(&w.profile, &w.org, Some(&before), &case.c, &events);
    assert!(notices.is_empty(), "{notices:?}");
    assert!(matches!(
        &events[0].body,
        EventBody::HearingRecorded { involved: None, person: Some(p), held_on, .. }
            if p.get().map(String::as_str) == Some("Piet Vrijwilliger") && *held_on == date(2026, 3, 4)
    ));
    assert_eq!(case.c.hearings, 1);
}

#[test]
fn k11_sign_off_follows_the_current_person() {
    let w = World::kjrw();
    let mut case = w.open_about(monday(), VOLUNTEER);
    // It turns out to be about a volunteer without an account, not Vera.
    case.ok(COORDINATOR, about_person("Piet Vrijwilliger", None));
    case.ok(COORDINATOR, classify(&["a"], Some("normal")));
    case.ok(COORDINATOR, decision(Outcome::Gegrond));
    assert_eq!(case.view(VOLUNTEER), View::None, "Vera no longer signs");
    let r = case.refused(
        VOLUNTEER,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    assert_eq!(r.kind, RefusalKind::NotPermitted);

    // The coordinator signs for themselves; Piet's signature is still owed.
    let events = case.ok(
        COORDINATOR,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    assert_eq!(
        events.iter().map(|e| e.body.clone()).collect::<Vec<_>>(),
        vec![EventBody::SignedOff {
            capacity: Capacity::Coordinator,
            signed_on: None
        }]
    );
    let r = case.refused(COORDINATOR, Command::Close);
    assert_eq!(
        r.details,
        vec!["sign-off: involved has not signed (K11)".to_owned()]
    );
    // Without the date Piet signed on paper the coordinator cannot record it.
    let r = case.refused(
        COORDINATOR,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    assert!(
        r.message.nl.contains("Piet Vrijwilliger"),
        "{}",
        r.message.nl
    );
    let r = case.refused(COORDINATOR, sign_on_paper(date(2026, 3, 9)));
    assert_eq!(r.kind, RefusalKind::Invalid, "not in the future");
    case.on(date(2026, 3, 5))
        .ok(COORDINATOR, sign_on_paper(date(2026, 3, 4)));
    let involved: Vec<(Actor, Option<Date>)> = case
        .c
        .sign_offs
        .iter()
        .filter(|s| s.capacity == Capacity::Involved)
        .map(|s| (s.by, s.signed_on))
        .collect();
    assert_eq!(
        involved,
        vec![(Actor::Staff(UserId(COORDINATOR)), Some(date(2026, 3, 4)))]
    );
    case.ok(COORDINATOR, Command::Close);
    assert_eq!(case.c.status, Status::Closed);
}

#[test]
fn k11_a_staff_member_who_becomes_the_person_concerned_signs_and_the_earlier_one_no_longer_counts()
{
    let w = World::kjrw();
    let mut case = w.open_about(monday(), VOLUNTEER);
    case.ok(COORDINATOR, classify(&["a"], Some("normal")));
    case.ok(COORDINATOR, decision(Outcome::Gegrond));
    case.ok(
        VOLUNTEER,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    case.ok(COORDINATOR, about_staff(OTHER));
    assert!(
        case.c
            .sign_offs
            .iter()
            .all(|s| s.capacity != Capacity::Involved),
        "Vera's signature was for someone else"
    );
    assert_eq!(case.allowed(OTHER), vec!["sign-off"]);
    let r = case.refused(COORDINATOR, sign_on_paper(date(2026, 3, 2)));
    assert_eq!(
        r.kind,
        RefusalKind::WrongState,
        "Otto has an account and signs himself"
    );
    case.ok(
        OTHER,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    case.ok(
        COORDINATOR,
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    case.ok(COORDINATOR, Command::Close);
}

#[test]
fn t12_events_stored_before_who_it_is_about_could_change_still_read_and_write_the_same() {
    for stored in [
        serde_json::json!({"kind": "involved_informed", "involved": 4, "note": null}),
        serde_json::json!({"kind": "hearing_recorded", "involved": 4, "held_on": "2026-03-03",
            "summary": {"$pii": "verhoor"}, "meets": ["hearing"]}),
        serde_json::json!({"kind": "signed_off", "capacity": "involved"}),
    ] {
        let body: EventBody =
            serde_json::from_value(stored.clone()).unwrap_or_else(|e| panic!("{stored}: {e}"));
        assert_eq!(serde_json::to_value(&body).ok(), Some(stored));
    }
    let old: EventBody = serde_json::from_value(
        serde_json::json!({"kind": "involved_informed", "involved": 4, "note": null}),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        old,
        EventBody::InvolvedInformed {
            involved: Some(UserId(4)),
            person: None,
            via: None,
            ..
        }
    ));
}

#[test]
fn k08_a_person_without_an_account_is_personal_data_that_anonymisation_erases() {
    let body = EventBody::ConcernsRecorded {
        about: Some(klacht_core::procedure::Concerned::Person(
            klacht_core::procedure::OutsidePerson {
                name: Personal::new("Piet Vrijwilliger".into()),
                role: Some(Personal::new("gastheer".into())),
                contact: Some(Personal::new("06 9876 5432".into())),
            },
        )),
    };
    let mut value = serde_json::to_value(&body).unwrap_or_default();
    let pii = klacht_core::personal::split(&mut value);
    assert_eq!(
        pii,
        vec![
            serde_json::json!("06 9876 5432"),
            serde_json::json!("Piet Vrijwilliger"),
            serde_json::json!("gastheer"),
        ]
    );
    assert!(!value.to_string().contains("Piet"), "{value}");
}

// ---------------------------------------------------------------------------------------------
// The same complaint twice, and related complaints (issue 17)
// ---------------------------------------------------------------------------------------------

fn reference(s: &str) -> klacht_core::Reference {
    klacht_core::Reference::parse(s).expect("a reference")
}

/// `who` takes a step on `here` that concerns `there` as well: both logs get their events, or
/// neither does.
fn pair_step<'w>(
    here: &mut Case<'w>,
    here_ref: &str,
    there: &mut Case<'w>,
    there_ref: &str,
    who: i64,
    cmd: Command,
) -> Result<(), Refusal> {
    let ctx = here.ctx();
    let staff = here.w.staff(who);
    let (h, t) = (reference(here_ref), reference(there_ref));
    let other = klacht_core::procedure::Counterpart {
        here: &h,
        there: &t,
        complaint: &there.c,
        profile: &there.w.profile,
    };
    let allowed_before = allowed_actions(&ctx, &here.c, staff);
    let action = cmd.action().name();
    let events = klacht_core::procedure::decide_pair(&ctx, &here.c, staff, cmd, &other)
        .inspect_err(explains)?;
    assert!(
        allowed_before.contains(&action),
        "{action} among {allowed_before:?}"
    );
    for (case, evs) in [(&mut *here, events.here), (&mut *there, events.there)] {
        for e in evs {
            assert_eq!(
                e.actor,
                Actor::Staff(UserId(who)),
                "T12: every entry records who"
            );
            case.c.apply(&e);
            case.events.push(e);
        }
        assert_eq!(Complaint::replay(&case.events).as_ref(), Some(&case.c));
    }
    Ok(())
}

fn mark_duplicate(of: &str) -> Command {
    Command::MarkDuplicate { of: reference(of) }
}

fn kinds(c: &Case) -> Vec<&'static str> {
    c.events.iter().map(|e| e.body.kind()).collect()
}

#[test]
fn t12_a_duplicate_joins_the_original_and_is_counted_once() {
    let w = World::template();
    let mut original = w.register(monday(), None, web(monday()));
    let mut twice = w.register(monday(), Some(REGISTRAR), email(monday()));
    pair_step(
        &mut twice,
        "2026-0002",
        &mut original,
        "2026-0001",
        COORDINATOR,
        mark_duplicate("2026-0001"),
    )
    .unwrap_or_else(|r| panic!("refused: {r}"));
    assert_eq!(twice.c.status, Status::Duplicate);
    assert_eq!(twice.c.duplicate_of, Some(reference("2026-0001")));
    assert!(!twice.c.status.is_open(), "no longer handled by itself");
    assert_eq!(twice.c.next_due(), None, "no deadline runs on a duplicate");
    assert_eq!(original.c.duplicates, vec![reference("2026-0002")]);
    assert_eq!(kinds(&original).last(), Some(&"duplicate_joined"));
    assert_eq!(kinds(&twice).last(), Some(&"marked_duplicate"));
    // No second acknowledgement for the duplicate once it is marked.
    assert!(!twice.allowed(COORDINATOR).contains(&"acknowledge"));
    let r = twice.refused(COORDINATOR, acknowledge());
    assert_eq!(r.kind, RefusalKind::WrongState);
    // Its dossier keeps what it holds: it is read from there, not copied.
    assert_eq!(original.c.documents, 0);
}

#[test]
fn t12_a_complaint_is_not_a_duplicate_of_itself_of_a_duplicate_or_once_decided() {
    let w = World::template();
    let mut first = w.open(monday());
    let mut second = w.open(monday());
    let mut third = w.open(monday());
    let r = pair_step(
        &mut second,
        "2026-0002",
        &mut first,
        "2026-0002",
        COORDINATOR,
        mark_duplicate("2026-0002"),
    )
    .expect_err("not of itself");
    assert!(has_detail(&r, "of"), "{r:?}");
    pair_step(
        &mut second,
        "2026-0002",
        &mut first,
        "2026-0001",
        COORDINATOR,
        mark_duplicate("2026-0001"),
    )
    .unwrap_or_else(|r| panic!("refused: {r}"));
    // Pointing at a duplicate is refused, naming the original to point at instead.
    let r = pair_step(
        &mut third,
        "2026-0003",
        &mut second,
        "2026-0002",
        COORDINATOR,
        mark_duplicate("2026-0002"),
    )
    .expect_err("not of a duplicate");
    assert!(r.message.nl.contains("2026-0001"), "{}", r.message.nl);
    // An original with a duplicate joined does not become a duplicate itself.
    let r = pair_step(
        &mut first,
        "2026-0001",
        &mut third,
        "2026-0003",
        COORDINATOR,
        mark_duplicate("2026-0003"),
    )
    .expect_err("an original stays one");
    assert!(r.message.nl.contains("2026-0002"), "{}", r.message.nl);
    // Only while it is being handled.
    third.assign_classify_decide();
    let r = pair_step(
        &mut third,
        "2026-0003",
        &mut first,
        "2026-0001",
        COORDINATOR,
        mark_duplicate("2026-0001"),
    )
    .expect_err("decided");
    assert_eq!(r.kind, RefusalKind::WrongState);
}

#[test]
fn k03_k08_the_person_complained_about_in_either_complaint_may_not_join_or_link_them() {
    let w = World::template();
    let mut about_carla = w.open_about(monday(), COORDINATOR);
    let mut other = w.open(monday());
    // The coordinator may act on the second, but the first is about her.
    let r = pair_step(
        &mut other,
        "2026-0002",
        &mut about_carla,
        "2026-0001",
        COORDINATOR,
        mark_duplicate("2026-0001"),
    )
    .expect_err("K3");
    assert_eq!(r.kind, RefusalKind::ConflictOfInterest);
    let r = pair_step(
        &mut other,
        "2026-0002",
        &mut about_carla,
        "2026-0001",
        COORDINATOR,
        Command::LinkRelated {
            with: reference("2026-0001"),
            note: None,
        },
    )
    .expect_err("K3");
    assert_eq!(r.kind, RefusalKind::ConflictOfInterest);
    // The deputy acts on the complaint about her, and oversees the other.
    pair_step(
        &mut about_carla,
        "2026-0001",
        &mut other,
        "2026-0002",
        DEPUTY,
        mark_duplicate("2026-0002"),
    )
    .unwrap_or_else(|r| panic!("refused: {r}"));
    // A handler who cannot see the other complaint is told it is not there (K8).
    let mut handled = w.open(monday());
    let mut unseen = w.open(monday());
    handled.ok(COORDINATOR, assign(HANDLER));
    let r = pair_step(
        &mut handled,
        "2026-0003",
        &mut unseen,
        "2026-0004",
        HANDLER,
        Command::LinkRelated {
            with: reference("2026-0004"),
            note: None,
        },
    )
    .expect_err("K8");
    assert!(
        r.message
            .nl
            .contains("Er is geen klacht 2026-0004 die u mag inzien")
    );
    assert!(has_detail(&r, "with"), "{r:?}");
    assert!(
        unseen.events.len() == 1,
        "nothing written on the unseen complaint"
    );
}

#[test]
fn t12_related_complaints_are_linked_on_both_dossiers_and_unlinked_again() {
    let w = World::template();
    let mut a = w.open(monday());
    let mut b = w.open(monday());
    pair_step(
        &mut a,
        "2026-0001",
        &mut b,
        "2026-0002",
        COORDINATOR,
        Command::LinkRelated {
            with: reference("2026-0002"),
            note: Some("Zelfde spreekuur".into()),
        },
    )
    .unwrap_or_else(|r| panic!("refused: {r}"));
    assert_eq!(a.c.related, vec![reference("2026-0002")]);
    assert_eq!(b.c.related, vec![reference("2026-0001")]);
    assert_eq!(kinds(&b).last(), Some(&"related_linked"));
    let r = pair_step(
        &mut b,
        "2026-0002",
        &mut a,
        "2026-0001",
        COORDINATOR,
        Command::LinkRelated {
            with: reference("2026-0001"),
            note: None,
        },
    )
    .expect_err("already linked");
    assert_eq!(r.kind, RefusalKind::WrongState);
    pair_step(
        &mut b,
        "2026-0002",
        &mut a,
        "2026-0001",
        COORDINATOR,
        Command::UnlinkRelated {
            with: reference("2026-0001"),
        },
    )
    .unwrap_or_else(|r| panic!("refused: {r}"));
    assert!(a.c.related.is_empty() && b.c.related.is_empty());
    assert_eq!(kinds(&a).last(), Some(&"related_unlinked"));
    // The counts are untouched: related complaints are two complaints.
    assert_eq!(a.c.status, Status::Received);
}

#[test]
fn t12_reopening_a_duplicate_makes_it_a_complaint_of_its_own_again() {
    let w = World::template();
    let mut original = w.open(monday());
    let mut twice = w.open(monday());
    pair_step(
        &mut twice,
        "2026-0002",
        &mut original,
        "2026-0001",
        COORDINATOR,
        mark_duplicate("2026-0001"),
    )
    .unwrap_or_else(|r| panic!("refused: {r}"));
    // Reopening it alone would leave the original's dossier wrong: it needs the original.
    let r = twice.refused(COORDINATOR, reopen());
    assert!(r.message.nl.contains("2026-0001"), "{}", r.message.nl);
    twice.on(date(2026, 3, 4));
    pair_step(
        &mut twice,
        "2026-0002",
        &mut original,
        "2026-0001",
        COORDINATOR,
        reopen(),
    )
    .unwrap_or_else(|r| panic!("refused: {r}"));
    assert_eq!(twice.c.status, Status::Received);
    assert_eq!(twice.c.duplicate_of, None);
    assert!(original.c.duplicates.is_empty());
    assert_eq!(kinds(&original).last(), Some(&"duplicate_separated"));
    assert!(twice.allowed(COORDINATOR).contains(&"acknowledge"));
}
