//! The decision function: a command, checked against person, state and profile, becomes events.

use super::access::{Org, Staff, View, acting_coordinators, capacities, view};
use super::command::{Action, Command, ConcernsInput, NewComplaint};
use super::event::{
    AnonymisedWhy, ComplainantHearing, Concerned, DueDate, Event, EventBody, Level, OutsidePerson,
    Registered, Via,
};
use super::refusal::{Explained, Refusal, RefusalKind};
use super::state::{Complaint, Status};
use crate::Lang;
use crate::calendar::{Calendar, amsterdam_date};
use crate::personal::Personal;
use crate::profile::{Capacity, MetBy, Profile, RegistrationField, StartPoint, Term};
use crate::types::{Actor, Channel, Outcome, Reference};
use jiff::civil::Date;
use jiff::{Timestamp, ToSpan};
use std::collections::BTreeSet;

/// What a decision needs besides the complaint: the regulation, the calendar, the staff and the
/// time (injected, never read from the system clock here).
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    pub profile: &'a Profile,
    pub calendar: &'a Calendar,
    pub org: &'a Org,
    pub now: Timestamp,
}

impl Ctx<'_> {
    fn today(&self) -> Date {
        amsterdam_date(self.now)
    }

    fn due(&self, term: Term, from: Date) -> Date {
        match term {
            Term::WorkingDays(n) => self.calendar.add_working_days(from, n),
            Term::Weeks(n) => self.calendar.add_weeks(from, n),
        }
    }

    /// Due dates of the deadlines that start at `start`, counted from `from`.
    fn starting(&self, start: StartPoint, from: Date, committee: bool) -> Vec<DueDate> {
        self.profile
            .deadlines
            .iter()
            .filter(|d| d.from == start)
            .map(|d| DueDate {
                id: d.id.clone(),
                due: Some(self.due(d.term(committee), from)),
            })
            .collect()
    }
}

/// The longest summary for the reports (T13, K13), in characters.
pub const MAX_REPORT_SUMMARY: usize = 1000;

fn text(s: &str) -> Option<Personal<String>> {
    let t = s.trim();
    (!t.is_empty()).then(|| Personal::new(t.to_owned()))
}

fn required_text(s: &str, field: &str) -> Result<Personal<String>, Refusal> {
    text(s).ok_or_else(|| {
        Refusal::invalid(
            format!("Vul {field} in; dit mag niet leeg zijn."),
            format!("{field} must not be empty."),
        )
        .with_details(vec![field.to_owned()])
    })
}

/// A new complaint becomes its registration (and, for a complaint settled at once, T4, its
/// settlement). `who` is `None` for the public web form.
pub fn register(ctx: &Ctx, who: Option<&Staff>, new: NewComplaint) -> Result<Vec<Event>, Refusal> {
    let profile = ctx.profile;
    let actor = match who {
        None => {
            // The public form, and an e-mail of the complainant's taken from the post tray
            // (issue 17): both come from the complainant without a person in between.
            if !matches!(new.channel, Channel::Web | Channel::Email) {
                return Err(Refusal::new(
                    RefusalKind::NotPermitted,
                    "Zonder medewerker komen alleen klachten via het formulier of per e-mail binnen.",
                    "Without a staff member only complaints by the form or by e-mail come in.",
                ));
            }
            // T4: only a staff member settles a complaint at once and reports it.
            if new.resolved_directly.is_some() {
                return Err(Refusal::new(
                    RefusalKind::NotPermitted,
                    "Alleen een medewerker kan een klacht registreren als direct afgehandeld.",
                    "Only a staff member can register a complaint as resolved directly.",
                ));
            }
            Actor::Complainant
        }
        Some(s) => {
            let caps = capacities(profile, ctx.org, None, s);
            if !profile.steps.register.iter().any(|c| caps.contains(c)) {
                return Err(not_permitted("register", &profile.steps.register));
            }
            Actor::Staff(s.id)
        }
    };
    let mut problems = Vec::new();
    let Some(channel_rule) = profile.channel(new.channel) else {
        let accepted: Vec<&str> = profile.channels.iter().map(|c| c.id.as_str()).collect();
        return Err(Refusal::invalid(
            format!(
                "Deze regeling kent het kanaal {} niet; wel: {}.",
                new.channel.as_str(),
                accepted.join(", ")
            ),
            format!(
                "This regulation does not list the channel {}; it does list: {}.",
                new.channel.as_str(),
                accepted.join(", ")
            ),
        )
        .with_details(vec!["channel".into()]));
    };
    // A little leeway for clocks that differ between the registering device and the server.
    if new.received_at > ctx.now + 5.minutes() {
        problems.push("received_at: lies in the future".to_owned());
    }
    if new.complainant.name.trim().is_empty() {
        problems.push("name: is required".to_owned());
    }
    // What goes on one line (a name in a mail header, an address in a list) holds no line
    // breaks, direction overrides or only invisible characters; texts no stray controls.
    let lines = [
        ("name", Some(&new.complainant.name)),
        ("email", new.complainant.email.as_ref()),
        ("phone", new.complainant.phone.as_ref()),
        ("on_behalf_of", new.on_behalf_of.as_ref()),
        ("received_where", new.received_where.as_ref()),
    ];
    // Blank ones are the business of the checks above (required or not).
    let filled = |v: &&String| !v.trim().is_empty();
    for (field, value) in lines {
        if let Some(Err(p)) = value.filter(filled).map(|v| crate::input::check_line(v)) {
            problems.push(format!("{field}: {}", p.message_en()));
        }
    }
    let texts = [
        ("description", Some(&new.description)),
        ("address", new.complainant.address.as_ref()),
        ("resolved_directly.how", new.resolved_directly.as_ref()),
    ];
    for (field, value) in texts {
        if let Some(Err(p)) = value.filter(filled).map(|v| crate::input::check_text(v)) {
            problems.push(format!("{field}: {}", p.message_en()));
        }
    }
    let has = |o: &Option<String>| o.as_deref().is_some_and(|s| !s.trim().is_empty());
    if !has(&new.complainant.email) && !has(&new.complainant.phone) {
        problems.push("email/phone: one of the two is required".to_owned());
    }
    if new.description.trim().is_empty() {
        problems.push("description: is required".to_owned());
    }
    if let Some(r) = &new.relation
        && profile.relation(r).is_none()
    {
        problems.push(format!(
            "relation: {r:?} is not one of {}",
            ids(profile.relations.iter().map(|r| r.id.as_str()))
        ));
    }
    for (field, id) in [("concerns", new.concerns), ("received_by", new.received_by)] {
        if let Some(id) = id
            && ctx.org.get(id).is_none()
        {
            problems.push(format!("{field}: no staff member with id {id}"));
        }
    }
    if let (Some(s), Some(_)) = (who, &new.resolved_directly)
        && new.concerns == Some(s.id)
    {
        return Err(Refusal::new(
            RefusalKind::ConflictOfInterest,
            "Deze klacht gaat over u; u kunt haar niet zelf direct afhandelen. Registreer haar zonder afhandeling; de coördinator neemt haar over.",
            "This complaint is about you; you cannot settle it yourself. Register it without settling it; the coordinator takes it over.",
        )
        .je("Deze klacht gaat over jou; je kunt haar niet zelf direct afhandelen. Registreer haar zonder afhandeling; de coördinator neemt haar over."));
    }
    if let Some(how) = &new.resolved_directly
        && how.trim().is_empty()
    {
        problems.push("resolved_directly.how: say how it was settled".to_owned());
    }
    if !problems.is_empty() {
        return Err(Refusal::invalid(
            "De klacht is niet compleet of niet juist ingevuld.",
            "The complaint is incomplete or not filled in correctly.",
        )
        .with_details(problems));
    }

    let received_on = amsterdam_date(new.received_at);
    let deadlines = profile
        .deadlines
        .iter()
        .map(|d| DueDate {
            id: d.id.clone(),
            due: (d.from == StartPoint::Receipt).then(|| ctx.due(d.term(false), received_on)),
        })
        .collect();
    let received_by = new.received_by.or(who.map(|s| s.id));
    let has_email = has(&new.complainant.email);
    let registered = Registered {
        profile: profile.key(),
        channel: new.channel,
        form: channel_rule.form,
        received_at: new.received_at,
        received_by,
        received_where: new.received_where.as_deref().and_then(text),
        concerns: new.concerns,
        relation: new.relation,
        complainant: Personal::new(new.complainant),
        on_behalf_of: new.on_behalf_of.as_deref().and_then(text),
        description: Personal::new(new.description.trim().to_owned()),
        language: new.language,
        deadlines,
    };
    let mut events = vec![Event {
        at: ctx.now,
        actor,
        body: EventBody::Registered(Box::new(registered)),
    }];
    let resolved = new.resolved_directly.as_deref().and_then(text);
    let documents = new.documents;
    if let Some(how) = resolved {
        events.push(Event {
            at: ctx.now,
            actor,
            body: EventBody::ResolvedDirectly { how },
        });
    } else if profile.letters.acknowledge_automatically
        && who.is_none()
        && matches!(new.channel, Channel::Web | Channel::Email)
        && has_email
    {
        // T5 at once for what arrives without a person in between (the web form; later inbound
        // e-mail): klacht itself acknowledges, and the acknowledgement letter follows from this
        // event like any other (see `letters::due`). Staff who register a complaint acknowledge
        // it themselves: they may already have answered it.
        let registered = Complaint::replay(&events)
            .ok_or_else(|| Refusal::invalid("registratie mislukt", "registration failed"))?;
        events.push(Event {
            at: ctx.now,
            actor: Actor::System,
            body: EventBody::Acknowledged {
                via: Via::Email,
                note: None,
                meets: meets(ctx, &registered, &[MetBy::Acknowledge]),
            },
        });
    }
    // Documents that came with the complaint follow the registration.
    let attached: Vec<Event> = match actor {
        Actor::Complainant if !documents.is_empty() => vec![Event {
            at: ctx.now,
            actor,
            body: EventBody::ComplainantAdded {
                text: None,
                documents,
                mail: None,
            },
        }],
        _ => documents
            .into_iter()
            .map(|document| Event {
                at: ctx.now,
                actor,
                body: EventBody::DocumentAttached { document },
            })
            .collect(),
    };
    events.splice(1..1, attached);
    Ok(events)
}

fn capacity_nl(c: Capacity) -> &'static str {
    match c {
        Capacity::Coordinator => "de coördinator",
        Capacity::Handler => "de behandelaar",
        Capacity::Involved => "de betrokken medewerker",
        Capacity::Director => "de directeur",
        Capacity::Board => "het bestuur",
        Capacity::Registrar => "de registratie",
        Capacity::Staff => "een medewerker",
    }
}

fn capacity_en(c: Capacity) -> &'static str {
    match c {
        Capacity::Coordinator => "the coordinator",
        Capacity::Handler => "the assigned handler",
        Capacity::Involved => "the staff member concerned",
        Capacity::Director => "the director (once escalated)",
        Capacity::Board => "the board (once escalated)",
        Capacity::Registrar => "the registrar",
        Capacity::Staff => "any staff member",
    }
}

pub(crate) fn not_permitted(action: &str, who: &[Capacity]) -> Refusal {
    let nl: Vec<&str> = who.iter().map(|c| capacity_nl(*c)).collect();
    let en: Vec<&str> = who.iter().map(|c| capacity_en(*c)).collect();
    Refusal::new(
        RefusalKind::NotPermitted,
        format!(
            "Volgens de klachtenregeling mag alleen {} de stap '{action}' zetten.",
            nl.join(" of ")
        ),
        format!(
            "Under this regulation only {} may take the step '{action}'.",
            en.join(" or ")
        ),
    )
}

fn ids<'a>(it: impl Iterator<Item = &'a str>) -> String {
    it.collect::<Vec<_>>().join(", ")
}

/// The labels of a profile's list in both languages, each joined by commas: what a person reads
/// where the API names ids.
fn labels<'a>(it: impl Iterator<Item = &'a crate::types::Localized> + Clone) -> (String, String) {
    let join = |lang: Lang| {
        it.clone()
            .map(|l| l.get(lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    (join(Lang::Nl), join(Lang::En))
}

fn who_may_step(profile: &Profile, action: Action) -> &[Capacity] {
    let s = &profile.steps;
    match action {
        Action::Acknowledge => &s.acknowledge,
        Action::Assign => &s.assign,
        Action::RecordConcerns => &s.record_concerns,
        Action::InformInvolved => &s.inform_involved,
        Action::RecordHearing => &s.record_hearing,
        Action::RecordContact => &s.record_contact,
        Action::AddNote => &s.add_note,
        Action::AttachDocument => &s.attach_document,
        Action::Extend => &s.extend,
        Action::Escalate => &s.escalate,
        Action::EscalationNotNeeded => &s.escalation_not_needed,
        Action::ReferToCommittee => &s.refer_to_committee,
        Action::Classify => &s.classify,
        Action::RecordMeasure => &s.record_measure,
        Action::Decide => &s.decide,
        Action::SignOff => &profile.registration.sign_off,
        Action::Close => &s.close,
        Action::Withdraw => &s.withdraw,
        Action::Reopen => &s.reopen,
        Action::ReportSummary => &s.report_summary,
        Action::PlaceHold | Action::LiftHold => &s.hold,
        Action::Anonymise => &s.anonymise,
        Action::Rectify => &s.rectify,
        Action::MarkDuplicate => &s.mark_duplicate,
        Action::LinkRelated | Action::UnlinkRelated => &s.link_related,
        Action::RecordComplainantHearing => &s.record_complainant_hearing,
        Action::ReferOutside => &s.refer_outside,
        Action::RecordExternalOutcome => &s.record_external_outcome,
    }
}

/// Sign-offs still owed (K11): the profile's list, less those that do not apply (no staff member
/// concerned, no handler) and those given.
pub fn pending_sign_offs(profile: &Profile, c: &Complaint) -> Vec<Capacity> {
    profile
        .registration
        .sign_off
        .iter()
        .copied()
        .filter(|cap| match cap {
            Capacity::Involved => c.is_about_someone(),
            // A handler who became the person complained about signs as that person (K3).
            Capacity::Handler => c.handler.is_some() && c.handler != c.concerns,
            _ => true,
        })
        .filter(|cap| !c.sign_offs.iter().any(|s| s.capacity == *cap))
        .collect()
}

/// Checks that `who` may take `action` on `c`; returns the capacities they act in.
fn permission(
    ctx: &Ctx,
    c: &Complaint,
    who: &Staff,
    action: Action,
) -> Result<BTreeSet<Capacity>, Refusal> {
    let caps = capacities(ctx.profile, ctx.org, Some(c), who);
    let allowed: Vec<Capacity> = if action == Action::SignOff {
        let mut pending = pending_sign_offs(ctx.profile, c);
        // K11: a person without an account signs on paper; the coordinator records it.
        if c.concerns_person.is_some() && pending.contains(&Capacity::Involved) {
            pending.push(Capacity::Coordinator);
        }
        pending
    } else {
        who_may_step(ctx.profile, action).to_vec()
    };
    if allowed.iter().any(|a| caps.contains(a)) {
        return Ok(caps);
    }
    if caps.contains(&Capacity::Involved) {
        let deputies: Vec<String> = acting_coordinators(ctx.profile, ctx.org, Some(c))
            .iter()
            .map(|s| s.name.clone())
            .collect();
        let (nl, je, en) = if deputies.is_empty() {
            let nl = "Er is nu niemand anders die als coördinator kan optreden; wijs een plaatsvervanger aan.";
            (
                nl.to_owned(),
                nl.to_owned(),
                "Nobody else can act as coordinator now; appoint a deputy.".to_owned(),
            )
        } else {
            (
                format!("In uw plaats handelt: {}.", deputies.join(", ")),
                format!("In jouw plaats handelt: {}.", deputies.join(", ")),
                format!("Acting instead of you: {}.", deputies.join(", ")),
            )
        };
        return Err(Refusal::new(
            RefusalKind::ConflictOfInterest,
            format!(
                "Deze klacht gaat over u. U kunt haar niet behandelen, er niet over beslissen en niet als coördinator tekenen. {nl}"
            ),
            format!(
                "This complaint is about you. You cannot handle it, decide on it or sign as coordinator. {en}"
            ),
        )
        .je(format!(
            "Deze klacht gaat over jou. Je kunt haar niet behandelen, er niet over beslissen en niet als coördinator tekenen. {je}"
        )));
    }
    if action == Action::SignOff {
        if allowed.is_empty() {
            return Err(Refusal::state(
                "Er hoeft niemand (meer) te tekenen.",
                "No signature is needed (any more).",
            ));
        }
        let mut r = not_permitted(action.name(), &allowed);
        let still = allowed
            .iter()
            .map(|c| capacity_nl(*c))
            .collect::<Vec<_>>()
            .join(", ");
        r.message.nl = format!("Nog te tekenen door: {still}. U bent geen van hen.");
        r = r.je(format!(
            "Nog te tekenen door: {still}. Jij bent geen van hen."
        ));
        r.message.en = Some(format!(
            "Still to sign: {}. You are none of them.",
            allowed
                .iter()
                .map(|c| capacity_en(*c))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        return Err(r);
    }
    // A coordinator who lacks the role the regulation also requires of a coordinator (KJRW: a
    // board member) is told so, rather than only that the coordinator may do this.
    if let Some(required) = ctx.profile.roles.coordinator_must_be
        && allowed.contains(&Capacity::Coordinator)
        && who.has(crate::Role::Coordinator)
        && !who.has(required)
    {
        let (nl, en) = (
            crate::vocabulary::role(required, crate::Lang::Nl),
            crate::vocabulary::role(required, crate::Lang::En),
        );
        return Err(Refusal::new(
            RefusalKind::NotPermitted,
            format!(
                "Volgens deze klachtenregeling moet de coördinator ook de rol '{nl}' hebben; u heeft die rol niet. Vraag de beheerder om u die rol te geven."
            ),
            format!(
                "Under this regulation the coordinator must also hold the role '{en}'; you do not. Ask the administrator to give you that role."
            ),
        )
        .je(format!(
            "Volgens deze klachtenregeling moet de coördinator ook de rol '{nl}' hebben; je hebt die rol niet. Vraag de beheerder om je die rol te geven."
        )));
    }
    Err(not_permitted(action.name(), &allowed))
}

fn status_nl(s: Status) -> &'static str {
    crate::vocabulary::status(s, crate::Lang::Nl)
}

fn wrong_state(c: &Complaint, action: Action, hint_nl: &str, hint_en: &str) -> Refusal {
    Refusal::state(
        format!(
            "De stap „{}” kan niet nu de klacht {} is. {hint_nl}",
            crate::vocabulary::step(action, Lang::Nl),
            status_nl(c.status)
        ),
        format!(
            "The step “{}” is not possible while the complaint is {}. {hint_en}",
            crate::vocabulary::step(action, Lang::En),
            c.status.as_str().replace('_', " ")
        ),
    )
}

/// Whether the state allows `action` at all, whatever the input.
fn state_allows(ctx: &Ctx, c: &Complaint, action: Action) -> Result<(), Refusal> {
    use Status::*;
    let handling = matches!(c.status, Received | Acknowledged | InProgress);
    let reopen_hint = ("Heropen de klacht eerst.", "Reopen the complaint first.");
    let refuse = |nl: &str, en: &str| Err(wrong_state(c, action, nl, en));
    if let Some(at) = c.anonymised_at {
        return Err(crate::retention::already(at));
    }
    match action {
        Action::Acknowledge => {
            if let Some(at) = c.acknowledged_at {
                return Err(Refusal::state(
                    format!("De ontvangst is al bevestigd op {}.", amsterdam_date(at)),
                    format!(
                        "Receipt was already acknowledged on {}.",
                        amsterdam_date(at)
                    ),
                ));
            }
            if !c.status.is_open() {
                return refuse(reopen_hint.0, reopen_hint.1);
            }
        }
        Action::Assign | Action::Extend | Action::ReferToCommittee | Action::Decide => {
            if c.status == Decided && action == Action::Decide {
                return refuse(
                    "Er is al beslist; heropen de klacht om opnieuw te beslissen.",
                    "A decision was already made; reopen the complaint to decide again.",
                );
            }
            if !handling {
                return refuse(reopen_hint.0, reopen_hint.1);
            }
            if action == Action::Extend && ctx.profile.deadlines.iter().all(|d| !d.extendable) {
                return Err(Refusal::invalid(
                    "Deze regeling staat geen verlenging van termijnen toe.",
                    "This regulation allows no deadline to be extended.",
                ));
            }
            if action == Action::ReferToCommittee {
                if c.committee {
                    return Err(Refusal::state(
                        "Er is al een adviescommissie ingeschakeld.",
                        "An advisory committee is already engaged.",
                    ));
                }
                if ctx
                    .profile
                    .deadlines
                    .iter()
                    .all(|d| d.weeks_with_committee.is_none())
                {
                    return Err(Refusal::invalid(
                        "Deze regeling kent geen adviescommissie.",
                        "This regulation has no advisory committee.",
                    ));
                }
            }
        }
        Action::InformInvolved | Action::RecordHearing => {
            if !c.is_about_someone() {
                return Err(Refusal::state(
                    "Deze klacht gaat niet over een bepaalde medewerker; leg eerst vast over wie zij gaat met de stap „Over wie gaat de klacht”, of leg contact met de klager vast met de stap „Contact met klager vastleggen”.",
                    "This complaint is not about a particular staff member; first record who it is about with the step “Who the complaint is about”, or record contacts with the complainant with the step “Record a contact with the complainant”.",
                ));
            }
        }
        Action::RecordConcerns => {
            if !c.status.is_open() {
                return refuse(reopen_hint.0, reopen_hint.1);
            }
        }
        Action::Escalate | Action::Withdraw => {
            if !c.status.is_open() {
                return refuse(reopen_hint.0, reopen_hint.1);
            }
            if action == Action::Escalate && c.escalation == Some(Level::Board) {
                return Err(Refusal::state(
                    "De klacht ligt al bij het bestuur; hoger kan niet.",
                    "The complaint is already with the board; there is no higher level.",
                ));
            }
        }
        Action::EscalationNotNeeded => {
            if !c.status.is_open() {
                return refuse(reopen_hint.0, reopen_hint.1);
            }
            if !c.board_consultation_advised(ctx.profile) {
                return Err(Refusal::state(
                    "Deze klacht is niet als zeer ernstig of gevoelig aangemerkt, of ligt al bij het bestuur; er hoeft niets te worden vastgelegd.",
                    "This complaint is not classified as very serious or sensitive, or is already with the board; there is nothing to record.",
                ));
            }
            if c.escalation_not_needed {
                return Err(Refusal::state(
                    "Er is al vastgelegd waarom deze klacht niet naar het bestuur gaat.",
                    "Why this complaint does not go to the board was already recorded.",
                ));
            }
        }
        Action::RecordMeasure => {
            if !c.status.is_open() {
                return refuse(reopen_hint.0, reopen_hint.1);
            }
        }
        Action::RecordComplainantHearing => {
            // The hearing comes before the decision (Awb 9:10); after it, reopen first.
            if !handling {
                return refuse(reopen_hint.0, reopen_hint.1);
            }
        }
        Action::ReferOutside | Action::RecordExternalOutcome => {
            // The next rung comes after the internal handling (issue 18).
            if !matches!(c.status, Decided | Closed) {
                return refuse(
                    "Een klacht gaat pas naar een instantie buiten de organisatie als er intern is beslist.",
                    "A complaint goes to a body outside the organisation only once it was decided internally.",
                );
            }
            if action == Action::ReferOutside && ctx.profile.external_bodies.is_empty() {
                return Err(Refusal::invalid(
                    "Deze klachtenregeling noemt geen instantie buiten de organisatie.",
                    "This regulation names no body outside the organisation.",
                ));
            }
            if action == Action::RecordExternalOutcome && !c.referral_pending() {
                return Err(Refusal::state(
                    "Er is geen verwijzing naar buiten waarvan de uitkomst nog ontbreekt; leg eerst vast naar welke instantie de klager ging.",
                    "There is no referral outside whose outcome is still missing; first record which body the complainant went to.",
                ));
            }
        }
        Action::SignOff | Action::Close => {
            if c.status != Decided {
                return refuse(
                    "Eerst moet er een beslissing zijn en aan de klager zijn meegedeeld (de stap „Besluiten”).",
                    "First a decision must be made and told to the complainant (the step “Decide”).",
                );
            }
        }
        Action::Reopen => {
            if handling {
                return refuse(
                    "De klacht is nog in behandeling.",
                    "The complaint is still being handled.",
                );
            }
        }
        Action::PlaceHold | Action::Anonymise => {
            if c.status.is_open() {
                return refuse(
                    "Alleen een afgesloten of ingetrokken klacht kan bewust worden bewaard of geanonimiseerd; sluit de klacht eerst af (de stap „Afsluiten”) of leg de intrekking vast (de stap „Intrekking vastleggen”).",
                    "Only a closed or withdrawn complaint can be held back or anonymised; close it first (the step “Close”) or record its withdrawal (the step “Record withdrawal”).",
                );
            }
            if action == Action::PlaceHold
                && let Some(since) = c.held_since
            {
                return Err(Refusal::state(
                    format!(
                        "Deze klacht wordt al bewust bewaard sinds {}.",
                        amsterdam_date(since)
                    ),
                    format!(
                        "This complaint has been held back since {}.",
                        amsterdam_date(since)
                    ),
                ));
            }
            if action == Action::Anonymise && c.held_since.is_some() {
                return Err(Refusal::state(
                    "Deze klacht wordt bewust bewaard (een externe procedure of een rechtsvordering); hef de bewaring eerst op (lift-hold) als zij niet meer nodig is.",
                    "This complaint is held back on purpose (an external procedure or a legal claim); lift the hold first (lift-hold) if it is no longer needed.",
                ));
            }
        }
        Action::LiftHold => {
            if c.held_since.is_none() {
                return Err(Refusal::state(
                    "Deze klacht wordt niet bewust bewaard; er is niets op te heffen.",
                    "This complaint is not held back; there is nothing to lift.",
                ));
            }
        }
        Action::MarkDuplicate => {
            if c.status == Duplicate {
                return Err(Refusal::state(
                    "Deze klacht is al als dubbel gemarkeerd.",
                    "This complaint is already marked as a duplicate.",
                ));
            }
            if !handling {
                return refuse(
                    "Alleen een klacht die nog in behandeling is, kan als dubbel worden gemarkeerd.",
                    "Only a complaint still being handled can be marked as a duplicate.",
                );
            }
            if let Some(first) = c.duplicates.first() {
                return Err(Refusal::state(
                    format!(
                        "Klacht {first} is al bij deze klacht gevoegd; deze klacht is dus zelf het origineel en kan geen dubbele worden."
                    ),
                    format!(
                        "Complaint {first} already joined this one; this complaint is the original and cannot become a duplicate."
                    ),
                ));
            }
        }
        Action::RecordContact
        | Action::AddNote
        | Action::AttachDocument
        | Action::Classify
        | Action::ReportSummary
        | Action::Rectify
        | Action::LinkRelated => {}
        Action::UnlinkRelated => {
            if c.related.is_empty() {
                return Err(Refusal::state(
                    "Deze klacht is met geen andere klacht verbonden.",
                    "This complaint is linked to no other complaint.",
                ));
            }
        }
    }
    Ok(())
}

/// The steps `who` may take on `c` now.
pub fn allowed_actions(ctx: &Ctx, c: &Complaint, who: &Staff) -> Vec<&'static str> {
    Action::ALL
        .into_iter()
        .filter(|a| permission(ctx, c, who, *a).is_ok() && state_allows(ctx, c, *a).is_ok())
        .map(Action::name)
        .collect()
}

/// The server's operator (`klacht anonymise`) erases a closed complaint's personal data on
/// request (AVG art. 17): the coordinator's step with the same checks of the complaint, taken by
/// klacht itself for someone who has the server rather than an account.
pub fn anonymise_by_operator(
    ctx: &Ctx,
    c: &Complaint,
    reason: &str,
) -> Result<Vec<Event>, Refusal> {
    state_allows(ctx, c, Action::Anonymise)?;
    Ok(vec![Event {
        at: ctx.now,
        actor: Actor::System,
        body: EventBody::Anonymised {
            why: AnonymisedWhy::Request,
            reason: Some(required_text(reason, "reason")?),
        },
    }])
}

/// Decides a step on an existing complaint. A step that concerns a second complaint as well
/// ([`counterpart`] names it) is decided with [`decide_pair`]; here it is refused.
pub fn decide(ctx: &Ctx, c: &Complaint, who: &Staff, cmd: Command) -> Result<Vec<Event>, Refusal> {
    decide_inner(ctx, c, who, cmd, None).map(|p| p.here)
}

/// The other complaint of a step that joins or links two (`mark-duplicate`, `link-related`,
/// `unlink-related`, and `reopen` of a duplicate), as the person acting found it.
#[derive(Debug, Clone, Copy)]
pub struct Counterpart<'a> {
    /// The reference of the complaint the step is taken on.
    pub here: &'a Reference,
    /// The other complaint's reference.
    pub there: &'a Reference,
    pub complaint: &'a Complaint,
    /// The regulation the other complaint is handled under (who may see it).
    pub profile: &'a Profile,
}

/// What a step on two complaints appends to each: both in one transaction, or neither.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PairEvents {
    pub here: Vec<Event>,
    pub there: Vec<Event>,
}

/// The other complaint `cmd` on `c` concerns, if any: the one to open and give to
/// [`decide_pair`].
pub fn counterpart(c: &Complaint, cmd: &Command) -> Option<Reference> {
    match cmd {
        Command::MarkDuplicate { of } => Some(of.clone()),
        Command::LinkRelated { with, .. } | Command::UnlinkRelated { with } => Some(with.clone()),
        Command::Reopen { .. } => c.duplicate_of.clone(),
        _ => None,
    }
}

/// Decides a step on `c` that concerns `other` as well ([`counterpart`]): the checks of
/// [`decide`], and that the person acting sees the other complaint whole (K8) and is not the
/// person it is about (K3).
pub fn decide_pair(
    ctx: &Ctx,
    c: &Complaint,
    who: &Staff,
    cmd: Command,
    other: &Counterpart,
) -> Result<PairEvents, Refusal> {
    decide_inner(ctx, c, who, cmd, Some(other))
}

fn decide_inner(
    ctx: &Ctx,
    c: &Complaint,
    who: &Staff,
    cmd: Command,
    other: Option<&Counterpart>,
) -> Result<PairEvents, Refusal> {
    let action = cmd.action();
    let result = permission(ctx, c, who, action)
        .and_then(|caps| state_allows(ctx, c, action).map(|()| caps))
        .and_then(|caps| match (counterpart(c, &cmd), other) {
            (None, _) => build(ctx, c, who, &caps, cmd).map(|here| PairEvents {
                here,
                there: Vec::new(),
            }),
            (Some(wanted), Some(o)) if *o.there == wanted => pair(ctx, c, who, &caps, cmd, o),
            (Some(wanted), _) => Err(Refusal::invalid(
                format!("Deze stap heeft klacht {wanted} nodig; die is niet meegegeven."),
                format!("This step needs complaint {wanted}, which was not given."),
            )),
        });
    result.map_err(|mut r| {
        r.allowed = allowed_actions(ctx, c, who);
        r
    })
}

/// The refusal of a step naming a complaint (in the request's `field`) that does not exist or
/// that the person acting may not see: the same words for both, so that a reference reveals
/// nothing (K8).
pub fn unseen(there: &Reference, field: &str) -> Refusal {
    Refusal::invalid(
        format!("Er is geen klacht {there} die u mag inzien."),
        format!("No complaint {there} is visible to you."),
    )
    .je(format!("Er is geen klacht {there} die je mag inzien."))
    .with_details(vec![field.to_owned()])
}

/// The request's field that names the other complaint of `cmd`.
pub fn counterpart_field(cmd: &Command) -> &'static str {
    match cmd {
        Command::MarkDuplicate { .. } => "of",
        Command::LinkRelated { .. } | Command::UnlinkRelated { .. } => "with",
        _ => "reason",
    }
}

/// The other complaint of a pair step is there for `who`: another one, seen whole, not about
/// them, not anonymised. `field`: the request's field that named it.
fn check_other(ctx: &Ctx, who: &Staff, field: &str, o: &Counterpart) -> Result<(), Refusal> {
    let there = o.there;
    if o.there == o.here {
        return Err(Refusal::invalid(
            format!("Klacht {there} is deze klacht zelf; geef het nummer van een andere klacht."),
            format!(
                "Complaint {there} is this complaint itself; give another complaint's reference."
            ),
        )
        .with_details(vec![field.to_owned()]));
    }
    match view(o.profile, ctx.org, o.complaint, who) {
        View::Full => {}
        View::Involved => {
            return Err(Refusal::new(
                RefusalKind::ConflictOfInterest,
                format!(
                    "Klacht {there} gaat over u; u kunt haar niet met een andere klacht verbinden of samenvoegen."
                ),
                format!(
                    "Complaint {there} is about you; you cannot link or join it with another complaint."
                ),
            )
            .je(format!(
                "Klacht {there} gaat over jou; je kunt haar niet met een andere klacht verbinden of samenvoegen."
            )));
        }
        View::None => return Err(unseen(there, field)),
    }
    if o.complaint.anonymised_at.is_some() {
        return Err(Refusal::state(
            format!("Klacht {there} is geanonimiseerd; daar komt niets meer bij."),
            format!("Complaint {there} is anonymised; nothing more is added to it."),
        ));
    }
    Ok(())
}

/// Builds a step on two complaints (see [`decide_pair`]).
fn pair(
    ctx: &Ctx,
    c: &Complaint,
    who: &Staff,
    caps: &BTreeSet<Capacity>,
    cmd: Command,
    o: &Counterpart,
) -> Result<PairEvents, Refusal> {
    let event = |body| Event {
        at: ctx.now,
        actor: Actor::Staff(who.id),
        body,
    };
    let here = o.here.clone();
    match cmd {
        Command::MarkDuplicate { of } => {
            check_other(ctx, who, "of", o)?;
            if let Some(original) = &o.complaint.duplicate_of {
                return Err(Refusal::invalid(
                    format!(
                        "Klacht {of} is zelf een dubbele van klacht {original}; markeer deze klacht als dubbel van {original}."
                    ),
                    format!(
                        "Complaint {of} is itself a duplicate of complaint {original}; mark this complaint as a duplicate of {original}."
                    ),
                )
                .with_details(vec!["of".into()]));
            }
            Ok(PairEvents {
                here: vec![event(EventBody::MarkedDuplicate { of })],
                there: vec![event(EventBody::DuplicateJoined { duplicate: here })],
            })
        }
        Command::LinkRelated { with, note } => {
            check_other(ctx, who, "with", o)?;
            if c.related.contains(&with) {
                return Err(Refusal::state(
                    format!("Deze klacht is al verbonden met klacht {with}."),
                    format!("This complaint is already linked to complaint {with}."),
                ));
            }
            let note = optional_text(
                "note",
                note.as_deref(),
                "De toelichting is niet juist ingevuld.",
                "The note is not filled in correctly.",
            )?;
            Ok(PairEvents {
                here: vec![event(EventBody::RelatedLinked {
                    with,
                    note: note.clone(),
                })],
                there: vec![event(EventBody::RelatedLinked { with: here, note })],
            })
        }
        Command::UnlinkRelated { with } => {
            check_other(ctx, who, "with", o)?;
            if !c.related.contains(&with) {
                return Err(Refusal::state(
                    format!("Deze klacht is niet verbonden met klacht {with}."),
                    format!("This complaint is not linked to complaint {with}."),
                ));
            }
            Ok(PairEvents {
                here: vec![event(EventBody::RelatedUnlinked { with })],
                there: vec![event(EventBody::RelatedUnlinked { with: here })],
            })
        }
        cmd @ Command::Reopen { .. } => {
            // Undoing a duplicate: it is a complaint of its own again, and the original's
            // dossier says so. An anonymised original takes nothing more.
            let anonymised = o.complaint.anonymised_at.is_some();
            if !anonymised {
                check_other(ctx, who, counterpart_field(&cmd), o)?;
            }
            let here_events = build(ctx, c, who, caps, cmd)?;
            let there_events = if anonymised {
                Vec::new()
            } else {
                vec![event(EventBody::DuplicateSeparated { duplicate: here })]
            };
            Ok(PairEvents {
                here: here_events,
                there: there_events,
            })
        }
        _ => Err(Refusal::invalid(
            "Deze stap gaat niet over een tweede klacht.",
            "This step does not concern a second complaint.",
        )),
    }
}

fn meets(ctx: &Ctx, c: &Complaint, by: &[MetBy]) -> Vec<String> {
    ctx.profile
        .deadlines
        .iter()
        .filter(|d| by.contains(&d.met_by))
        .filter(|d| {
            c.deadline(&d.id)
                .is_some_and(|s| s.met_at.is_none() && s.due.is_some())
        })
        .map(|d| d.id.clone())
        .collect()
}

fn uncommunicated(c: &Complaint) -> Vec<u32> {
    c.measures
        .iter()
        .filter(|m| !m.communicated)
        .map(|m| m.id)
        .collect()
}

/// What is missing from the registration form (K9, K12.2, T20).
pub fn missing_registration(profile: &Profile, c: &Complaint) -> Vec<RegistrationField> {
    let complainant = c.complainant.get();
    let filled = |o: Option<&String>| o.is_some_and(|s| !s.trim().is_empty());
    profile
        .registration
        .required
        .iter()
        .copied()
        .filter(|f| !match f {
            RegistrationField::ComplainantName => {
                complainant.is_some_and(|p| !p.name.trim().is_empty())
            }
            RegistrationField::ComplainantAddress => {
                complainant.is_some_and(|p| filled(p.address.as_ref()))
            }
            RegistrationField::ComplainantContact => {
                complainant.is_some_and(|p| filled(p.email.as_ref()) || filled(p.phone.as_ref()))
            }
            RegistrationField::Description => {
                c.description.get().is_some_and(|d| !d.trim().is_empty())
            }
            RegistrationField::ReceivedBy => c.received_by.is_some() || c.channel == Channel::Web,
            // Whoever decided handled it, also when it was settled at once (T4).
            RegistrationField::Handler => {
                c.handler.is_some()
                    || c.decision
                        .as_ref()
                        .is_some_and(|d| matches!(d.by, Actor::Staff(_)))
            }
            RegistrationField::Category => !c.categories.is_empty(),
            RegistrationField::Severity => c.severity.is_some(),
            RegistrationField::Relation => c.relation.is_some(),
        })
        .collect()
}

/// The longest name, role or contact of a person without an account, in characters.
const MAX_PERSON_LINE: usize = 200;

/// `record-concerns` (T8, K3): who the complaint is about from now on.
fn record_concerns(
    ctx: &Ctx,
    c: &Complaint,
    about: Option<ConcernsInput>,
) -> Result<EventBody, Refusal> {
    let about = match about {
        None => {
            if !c.is_about_someone() {
                return Err(Refusal::state(
                    "Deze klacht gaat al niet over een bepaalde persoon.",
                    "This complaint is already about nobody in particular.",
                ));
            }
            None
        }
        Some(ConcernsInput::Staff(user)) => {
            let Some(s) = ctx.org.get(user) else {
                return Err(Refusal::invalid(
                    format!("Er is geen medewerker met id {user}."),
                    format!("There is no staff member with id {user}."),
                )
                .with_details(vec!["staff".into()]));
            };
            if c.concerns == Some(user) {
                return Err(Refusal::state(
                    format!("Deze klacht gaat al over {}.", s.name),
                    format!("This complaint is already about {}.", s.name),
                ));
            }
            Some(Concerned::Staff { user })
        }
        Some(ConcernsInput::Person {
            name,
            role,
            contact,
        }) => {
            let mut problems = Vec::new();
            let mut line = |field: &str, v: &str| -> Option<Personal<String>> {
                let t = v.trim();
                if t.is_empty() {
                    return None;
                }
                if let Err(p) = crate::input::check_line(t) {
                    problems.push(format!("{field}: {}", p.message_en()));
                } else if t.chars().count() > MAX_PERSON_LINE {
                    problems.push(format!("{field}: at most {MAX_PERSON_LINE} characters"));
                }
                Some(Personal::new(t.to_owned()))
            };
            let name = line("name", &name);
            let role = role.as_deref().and_then(|r| line("role", r));
            let contact = contact.as_deref().and_then(|r| line("contact", r));
            let name = match name {
                Some(n) => n,
                None => required_text("", "name")?,
            };
            if !problems.is_empty() {
                return Err(Refusal::invalid(
                    "De gegevens van deze persoon zijn niet juist ingevuld.",
                    "This person's details are not filled in correctly.",
                )
                .with_details(problems));
            }
            Some(Concerned::Person(OutsidePerson {
                name,
                role,
                contact,
            }))
        }
    };
    Ok(EventBody::ConcernsRecorded { about })
}

/// The refusal of a decision before the complainant was heard or the hearing waived, under a
/// regulation that asks it (Awb 9:10; `registration.hear_complainant`).
fn unheard(c: &Complaint) -> Refusal {
    let step_nl = crate::vocabulary::step(Action::RecordComplainantHearing, Lang::Nl);
    let step_en = crate::vocabulary::step(Action::RecordComplainantHearing, Lang::En);
    let (nl, en) = match c.complainant_heard {
        Some(h) if h.hearing == ComplainantHearing::Offered => (
            format!(
                "De klager is op {} uitgenodigd om gehoord te worden, maar nog niet gehoord.",
                h.on
            ),
            format!(
                "The complainant was invited to be heard on {}, but has not been heard yet.",
                h.on
            ),
        ),
        _ => (
            "De klager is nog niet gehoord.".to_owned(),
            "The complainant has not been heard yet.".to_owned(),
        ),
    };
    let explain_nl = format!(
        "Volgens de klachtenregeling krijgt de klager de gelegenheid gehoord te worden voordat er wordt beslist. Leg met de stap „{step_nl}” vast dat de klager is gehoord, of waarom van horen is afgezien (de klacht is kennelijk ongegrond, de klager wil niet gehoord worden, of heeft niet binnen de gestelde termijn gereageerd)."
    );
    let explain_en = format!(
        "Under the regulation the complainant is given the opportunity to be heard before a decision. Record with the step “{step_en}” that the complainant was heard, or why the hearing was waived (the complaint is manifestly unfounded, the complainant does not wish to be heard, or did not answer within the term given)."
    );
    Refusal::new(
        RefusalKind::Incomplete,
        format!("{nl} {explain_nl}"),
        format!("{en} {explain_en}"),
    )
    .with_details(vec![
        "complainant_hearing: not held or waived (Awb 9:10); record-complainant-hearing first"
            .to_owned(),
    ])
    .with_explained(vec![Explained::new(None, explain_nl, explain_en)])
}

/// `record-complainant-hearing` (Awb 9:10): offered, held or waived, on a day not in the future;
/// waived needs a ground of lid 2, and only waived takes one.
fn complainant_hearing(
    ctx: &Ctx,
    hearing: ComplainantHearing,
    on: Option<Date>,
    ground: Option<super::event::WaiverGround>,
    note: Option<&str>,
) -> Result<EventBody, Refusal> {
    let on = happened_on(
        ctx,
        on,
        "on",
        "Deze datum ligt in de toekomst; leg het horen vast op of na de dag waarop het gebeurde.",
        "This date lies in the future; record the hearing on or after the day it happened.",
    )?;
    match (hearing, ground) {
        (ComplainantHearing::Waived, None) => {
            return Err(Refusal::invalid(
                "Geef aan waarom van horen is afgezien: de klacht is kennelijk ongegrond, de klager wil niet gehoord worden, of de klager heeft niet binnen de gestelde termijn laten weten gehoord te willen worden.",
                "Say why the hearing was waived: the complaint is manifestly unfounded, the complainant does not wish to be heard, or did not say within the term given that they wish to be heard.",
            )
            .with_details(vec![
                "ground: required when waived: manifestly_unfounded, not_wished or no_answer"
                    .into(),
            ]));
        }
        (ComplainantHearing::Offered | ComplainantHearing::Held, Some(_)) => {
            return Err(Refusal::invalid(
                "Een reden om van horen af te zien hoort alleen bij „afgezien”.",
                "A ground for waiving the hearing goes only with “waived”.",
            )
            .with_details(vec!["ground: only with waived".into()]));
        }
        _ => {}
    }
    let note = optional_text(
        "note",
        note,
        "De toelichting is niet juist ingevuld.",
        "The note is not filled in correctly.",
    )?;
    Ok(EventBody::ComplainantHearingRecorded {
        hearing,
        on,
        ground,
        note,
    })
}

/// `refer-outside` (issue 18): the complainant went to one of the regulation's external bodies.
fn refer_outside(
    ctx: &Ctx,
    c: &Complaint,
    body: &str,
    on: Option<Date>,
) -> Result<EventBody, Refusal> {
    let profile = ctx.profile;
    let Some(b) = profile.external_body(body.trim()) else {
        let (nl, en) = labels(profile.external_bodies.iter().map(|b| &b.name));
        return Err(Refusal::invalid(
            format!("Deze regeling kent die instantie niet; kies uit: {nl}."),
            format!("This regulation names no such body; choose from: {en}."),
        )
        .with_details(vec![format!(
            "body: expected one of {}",
            ids(profile.external_bodies.iter().map(|b| b.id.as_str()))
        )]));
    };
    let on = happened_on(
        ctx,
        on,
        "on",
        "Deze datum ligt in de toekomst.",
        "This date lies in the future.",
    )?;
    if c.referrals
        .iter()
        .any(|r| r.body == b.id && r.outcome.is_none())
    {
        return Err(Refusal::state(
            format!(
                "De klacht ligt al bij {}; leg eerst de uitkomst daarvan vast.",
                b.name.get(Lang::Nl)
            ),
            format!(
                "The complaint is already with {}; record its outcome first.",
                b.name.get(Lang::En)
            ),
        ));
    }
    let decided_on = c
        .decision
        .as_ref()
        .map_or_else(|| ctx.today(), |d| amsterdam_date(d.at));
    Ok(EventBody::ReferredOutside {
        body: b.id.clone(),
        on,
        until: b.until(decided_on, amsterdam_date(c.received_at)),
    })
}

/// `record-external-outcome` (issue 18): what the body outside found, for the pending referral
/// (named by `body` when there are several).
fn external_outcome(
    ctx: &Ctx,
    c: &Complaint,
    body: Option<&str>,
    outcome: super::event::ExternalOutcome,
    on: Option<Date>,
    summary: Option<&str>,
) -> Result<EventBody, Refusal> {
    let pending: Vec<&super::state::Referral> =
        c.referrals.iter().filter(|r| r.outcome.is_none()).collect();
    let referral = match body.map(str::trim).filter(|b| !b.is_empty()) {
        Some(b) => pending.iter().find(|r| r.body == b).copied(),
        None if pending.len() == 1 => pending.first().copied(),
        None => None,
    };
    let Some(referral) = referral else {
        return Err(Refusal::invalid(
            "Geef aan van welke instantie de uitkomst is: een waar de klacht nu ligt.",
            "Say which body the outcome is from: one the complaint is with now.",
        )
        .with_details(vec![format!(
            "body: expected one of {}",
            ids(pending.iter().map(|r| r.body.as_str()))
        )]));
    };
    let on = happened_on(
        ctx,
        on,
        "on",
        "Deze datum ligt in de toekomst.",
        "This date lies in the future.",
    )?;
    if on < referral.on {
        return Err(Refusal::invalid(
            format!(
                "De uitkomst kan niet van vóór de verwijzing ({}) zijn.",
                referral.on
            ),
            format!(
                "The outcome cannot be from before the referral ({}).",
                referral.on
            ),
        )
        .with_details(vec!["on".into()]));
    }
    let summary = optional_text(
        "summary",
        summary,
        "De samenvatting is niet juist ingevuld.",
        "The summary is not filled in correctly.",
    )?;
    Ok(EventBody::ExternalOutcomeRecorded {
        body: referral.body.clone(),
        outcome,
        on,
        summary,
    })
}

/// K11: the coordinator records the signature that a person without an account gave on paper
/// on `on`.
fn sign_for_involved(
    ctx: &Ctx,
    c: &Complaint,
    caps: &BTreeSet<Capacity>,
    pending: &[Capacity],
    on: Date,
) -> Result<EventBody, Refusal> {
    if c.concerns_person.is_none() || !pending.contains(&Capacity::Involved) {
        return Err(Refusal::state(
            "Er is geen handtekening van een persoon zonder account vast te leggen: alleen wie geen account heeft, tekent op papier.",
            "There is no signature of a person without an account to record: only someone without an account signs on paper.",
        ));
    }
    if !caps.contains(&Capacity::Coordinator) {
        return Err(not_permitted("sign-off", &[Capacity::Coordinator]));
    }
    if on > ctx.today() {
        return Err(Refusal::invalid(
            "Een handtekening kan niet in de toekomst zijn gezet.",
            "A signature cannot have been given in the future.",
        )
        .with_details(vec!["involved_signed_on".into()]));
    }
    Ok(EventBody::SignedOff {
        capacity: Capacity::Involved,
        signed_on: Some(on),
    })
}

fn build(
    ctx: &Ctx,
    c: &Complaint,
    who: &Staff,
    caps: &BTreeSet<Capacity>,
    cmd: Command,
) -> Result<Vec<Event>, Refusal> {
    let profile = ctx.profile;
    let body = match cmd {
        Command::Acknowledge { via, note } => EventBody::Acknowledged {
            // Recorded as the letter really goes (by post for a complainant without e-mail).
            via: crate::letters::written_via(via, c)?,
            note: note.as_deref().and_then(text),
            meets: meets(ctx, c, &[MetBy::Acknowledge]),
        },
        Command::Assign { handler } => {
            let Some(h) = ctx.org.get(handler) else {
                return Err(Refusal::invalid(
                    format!("Er is geen medewerker met id {handler}."),
                    format!("There is no staff member with id {handler}."),
                )
                .with_details(vec!["handler".into()]));
            };
            if c.concerns == Some(handler) {
                return Err(Refusal::new(
                    RefusalKind::ConflictOfInterest,
                    format!(
                        "{} kan deze klacht niet behandelen: zij gaat over hem of haar.",
                        h.name
                    ),
                    format!("{} cannot handle this complaint: it is about them.", h.name),
                ));
            }
            if !(h.has(crate::Role::Handler)
                || h.has(crate::Role::Coordinator)
                || h.has(crate::Role::Deputy))
            {
                return Err(Refusal::invalid(
                    format!("{} heeft geen rol als behandelaar of coördinator.", h.name),
                    format!("{} holds no handler or coordinator role.", h.name),
                ));
            }
            if c.handler == Some(handler) {
                return Err(Refusal::state(
                    format!("De klacht is al toegewezen aan {}.", h.name),
                    format!("The complaint is already assigned to {}.", h.name),
                ));
            }
            EventBody::Assigned {
                handler,
                meets: meets(ctx, c, &[MetBy::Assign]),
            }
        }
        Command::RecordConcerns { about } => record_concerns(ctx, c, about)?,
        Command::InformInvolved { note, via } => {
            let person = c.concerns_person.as_ref().map(|p| p.name.clone());
            if person.is_some() && via.is_none() {
                // No account, so no notice: the step records how they were told (K5).
                return Err(Refusal::invalid(
                    "Deze persoon heeft geen account en krijgt dus geen bericht van klacht; geef aan hoe u hem of haar heeft ingelicht.",
                    "This person has no account, so klacht sends them no notice; say how you told them.",
                )
                .je("Deze persoon heeft geen account en krijgt dus geen bericht van klacht; geef aan hoe je hem of haar hebt ingelicht.")
                .with_details(vec!["via".into()]));
            }
            EventBody::InvolvedInformed {
                involved: c.concerns,
                via: if person.is_some() { via } else { None },
                person,
                note: note.as_deref().and_then(text),
            }
        }
        Command::RecordHearing { summary, held_on } => {
            let held_on = happened_on(
                ctx,
                held_on,
                "held_on",
                "Een gesprek kan niet in de toekomst zijn gevoerd.",
                "A hearing cannot have been held in the future.",
            )?;
            EventBody::HearingRecorded {
                involved: c.concerns,
                person: c.concerns_person.as_ref().map(|p| p.name.clone()),
                held_on,
                summary: required_text(&summary, "summary")?,
                meets: meets(ctx, c, &[MetBy::Hearing]),
            }
        }
        Command::RecordComplainantHearing {
            hearing,
            on,
            ground,
            note,
        } => complainant_hearing(ctx, hearing, on, ground, note.as_deref())?,
        Command::ReferOutside { body, on } => refer_outside(ctx, c, &body, on)?,
        Command::RecordExternalOutcome {
            body,
            outcome,
            on,
            summary,
        } => external_outcome(ctx, c, body.as_deref(), outcome, on, summary.as_deref())?,
        Command::RecordContact {
            via,
            on,
            summary,
            agreements,
            measures_communicated,
        } => {
            let on = happened_on(
                ctx,
                on,
                "on",
                "Een contact kan niet in de toekomst hebben plaatsgevonden.",
                "A contact cannot have taken place in the future.",
            )?;
            EventBody::ContactRecorded {
                via,
                on,
                summary: required_text(&summary, "summary")?,
                agreements: agreements.as_deref().and_then(text),
                measures_communicated: if measures_communicated {
                    uncommunicated(c)
                } else {
                    Vec::new()
                },
            }
        }
        Command::AddNote { text: t } => EventBody::NoteAdded {
            text: required_text(&t, "text")?,
        },
        Command::AttachDocument { document } => EventBody::DocumentAttached { document },
        Command::Extend {
            deadline,
            new_due,
            reason,
            consent,
        } => extend(ctx, c, &deadline, new_due, &reason, consent)?,
        Command::Escalate { to, reason } => {
            if c.escalation.is_some_and(|l| l >= to) {
                return Err(Refusal::state(
                    "De klacht is al op dit niveau geëscaleerd.",
                    "The complaint is already escalated to this level.",
                ));
            }
            EventBody::Escalated {
                to,
                reason: required_text(&reason, "reason")?,
                deadlines: ctx.starting(StartPoint::Escalate, ctx.today(), c.committee),
            }
        }
        Command::EscalationNotNeeded { reason } => EventBody::EscalationNotNeeded {
            reason: required_text(&reason, "reason")?,
        },
        Command::ReferToCommittee { reason } => {
            let received_on = amsterdam_date(c.received_at);
            let deadlines = profile
                .deadlines
                .iter()
                .filter(|d| d.weeks_with_committee.is_some() && d.from == StartPoint::Receipt)
                .map(|d| {
                    // The longer term never brings forward a date already extended to later.
                    let committee = ctx.due(d.term(true), received_on);
                    let current = c.deadline(&d.id).and_then(|s| s.due);
                    DueDate {
                        id: d.id.clone(),
                        due: Some(current.map_or(committee, |cur| cur.max(committee))),
                    }
                })
                .collect();
            EventBody::ReferredToCommittee {
                reason: required_text(&reason, "reason")?,
                deadlines,
            }
        }
        Command::Classify {
            categories,
            severity,
            sensitive,
            relation,
        } => {
            let mut problems = Vec::new();
            let mut explained = Vec::new();
            let (cat_nl, cat_en) = labels(profile.categories.iter().map(|c| &c.label));
            if categories.is_empty() {
                problems.push(format!(
                    "categories: choose at least one of {}",
                    ids(profile.categories.iter().map(|c| c.id.as_str()))
                ));
                explained.push(Explained::new(
                    Some("categories"),
                    format!("Kies ten minste één categorie: {cat_nl}."),
                    format!("Choose at least one category: {cat_en}."),
                ));
            }
            for cat in &categories {
                if profile.category(cat).is_none() {
                    problems.push(format!(
                        "categories: {cat:?} is not one of {}",
                        ids(profile.categories.iter().map(|c| c.id.as_str()))
                    ));
                    explained.push(Explained::new(
                        Some("categories"),
                        format!("Deze regeling kent die categorie niet; kies uit: {cat_nl}."),
                        format!("This regulation has no such category; choose from: {cat_en}."),
                    ));
                }
            }
            if let Some(s) = &severity
                && profile.severity(s).is_none()
            {
                problems.push(format!(
                    "severity: {s:?} is not one of {}",
                    ids(profile.severities.iter().map(|c| c.id.as_str()))
                ));
                let (nl, en) = labels(profile.severities.iter().map(|c| &c.label));
                explained.push(Explained::new(
                    Some("severity"),
                    format!("Deze regeling kent die ernst niet; kies uit: {nl}."),
                    format!("This regulation has no such severity; choose from: {en}."),
                ));
            }
            if let Some(r) = &relation
                && profile.relation(r).is_none()
            {
                problems.push(format!(
                    "relation: {r:?} is not one of {}",
                    ids(profile.relations.iter().map(|c| c.id.as_str()))
                ));
                let (nl, en) = labels(profile.relations.iter().map(|c| &c.label));
                explained.push(Explained::new(
                    Some("relation"),
                    format!("Deze regeling kent die relatie niet; kies uit: {nl}."),
                    format!("This regulation has no such relation; choose from: {en}."),
                ));
            }
            if !problems.is_empty() {
                return Err(Refusal::invalid(
                    "De classificatie past niet bij deze regeling.",
                    "The classification does not fit this regulation.",
                )
                .with_details(problems)
                .with_explained(explained));
            }
            let mut categories = categories;
            categories.sort();
            categories.dedup();
            EventBody::Classified {
                categories,
                severity,
                sensitive,
                relation,
            }
        }
        Command::RecordMeasure { description } => EventBody::MeasureRecorded {
            id: u32::try_from(c.measures.len()).unwrap_or(u32::MAX - 1) + 1,
            description: required_text(&description, "description")?,
        },
        Command::Decide {
            outcome,
            decision,
            via,
        } => {
            if outcome == Outcome::Ingetrokken {
                return Err(Refusal::invalid(
                    "Een ingetrokken klacht registreert u met withdraw.",
                    "Record a withdrawn complaint with withdraw.",
                )
                .je("Een ingetrokken klacht registreer je met withdraw."));
            }
            if profile.outcome(outcome).is_none() {
                return Err(Refusal::invalid(
                    format!("Deze regeling kent de uitkomst {} niet.", outcome.as_str()),
                    format!("This regulation has no outcome {}.", outcome.as_str()),
                )
                .with_details(vec![format!(
                    "outcome: expected one of {}",
                    ids(profile.outcomes.iter().map(|o| o.id.as_str()))
                )])
                .with_explained(vec![{
                    let (nl, en) = labels(profile.outcomes.iter().map(|o| &o.label));
                    Explained::new(
                        Some("outcome"),
                        format!("Kies een van de uitkomsten van deze regeling: {nl}."),
                        format!("Choose one of this regulation's outcomes: {en}."),
                    )
                }]));
            }
            if profile.registration.hear_complainant
                && !c.complainant_heard.is_some_and(|h| h.settled())
            {
                return Err(unheard(c));
            }
            if via == Via::StatusPage && c.complainant.get().is_none() {
                return Err(Refusal::invalid(
                    "De klager is niet meer bereikbaar.",
                    "The complainant can no longer be reached.",
                ));
            }
            EventBody::Decided {
                outcome,
                decision: required_text(&decision, "decision")?,
                via: crate::letters::written_via(via, c)?,
                measures_communicated: uncommunicated(c),
                meets: meets(ctx, c, &[MetBy::Decide, MetBy::Acknowledge]),
            }
        }
        Command::SignOff { involved_signed_on } => {
            let pending = pending_sign_offs(profile, c);
            let actor = Actor::Staff(who.id);
            if let Some(on) = involved_signed_on {
                return sign_for_involved(ctx, c, caps, &pending, on).map(|body| {
                    vec![Event {
                        at: ctx.now,
                        actor,
                        body,
                    }]
                });
            }
            let signing: Vec<Capacity> = pending.into_iter().filter(|p| caps.contains(p)).collect();
            if signing.is_empty() {
                let name = c
                    .concerns_person
                    .as_ref()
                    .and_then(|p| p.name.get().cloned())
                    .unwrap_or_default();
                return Err(Refusal::invalid(
                    format!(
                        "{name} heeft geen account en tekent op papier: geef de datum waarop hij of zij tekende, dan legt u de handtekening namens hem of haar vast."
                    ),
                    format!(
                        "{name} has no account and signs on paper: give the date they signed, and you record the signature on their behalf."
                    ),
                )
                .je(format!(
                    "{name} heeft geen account en tekent op papier: geef de datum waarop hij of zij tekende, dan leg je de handtekening namens hem of haar vast."
                ))
                .with_details(vec!["involved_signed_on".into()]));
            }
            return Ok(signing
                .into_iter()
                .map(|capacity| Event {
                    at: ctx.now,
                    actor,
                    body: EventBody::SignedOff {
                        capacity,
                        signed_on: None,
                    },
                })
                .collect());
        }
        Command::Close => {
            let empty = missing_registration(profile, c);
            let mut missing: Vec<String> = empty
                .iter()
                .map(|f| format!("registration: {} is empty (K12.2)", f.as_str()))
                .collect();
            let mut explained: Vec<Explained> = empty
                .iter()
                .map(|f| {
                    Explained::new(
                        None,
                        format!(
                            "Op het registratieformulier ontbreekt nog: {}.",
                            crate::vocabulary::registration_field(*f, Lang::Nl)
                        ),
                        format!(
                            "The registration form still lacks: {}.",
                            crate::vocabulary::registration_field(*f, Lang::En)
                        ),
                    )
                })
                .collect();
            let untold = uncommunicated(c);
            if !untold.is_empty() {
                missing.push(format!(
                    "measures: {} measure(s) not yet told to the complainant (T7); record a contact with measures_communicated",
                    untold.len()
                ));
                explained.push(Explained::new(
                    None,
                    format!(
                        "Nog niet alle maatregelen zijn aan de klager verteld ({}). Leg een contact met de klager vast en vink aan dat de maatregelen zijn verteld.",
                        untold.len()
                    ),
                    format!(
                        "Not every measure has been told to the complainant yet ({}). Record a contact with the complainant and tick that the measures were told.",
                        untold.len()
                    ),
                ));
            }
            for cap in pending_sign_offs(profile, c) {
                missing.push(format!("sign-off: {} has not signed (K11)", cap.as_str()));
                explained.push(Explained::new(
                    None,
                    format!(
                        "Het registratieformulier is nog niet ondertekend door: {}.",
                        crate::vocabulary::capacity(cap, Lang::Nl)
                    ),
                    format!(
                        "The registration form has not been signed yet by: {}.",
                        crate::vocabulary::capacity(cap, Lang::En)
                    ),
                ));
            }
            if !missing.is_empty() {
                return Err(Refusal::new(
                    RefusalKind::Incomplete,
                    "De klacht kan nog niet worden afgesloten.",
                    "The complaint cannot be closed yet.",
                )
                .with_details(missing)
                .with_explained(explained));
            }
            EventBody::Closed {
                meets: meets(ctx, c, &[MetBy::Close]),
            }
        }
        Command::Withdraw { reason } => EventBody::Withdrawn {
            reason: reason.as_deref().and_then(text),
        },
        Command::Reopen { reason } => {
            let today = ctx.today();
            let deadlines = profile
                .deadlines
                .iter()
                .filter(|d| matches!(d.met_by, MetBy::Decide | MetBy::Close))
                .filter(|d| c.deadline(&d.id).is_some_and(|s| s.due.is_some()))
                .map(|d| DueDate {
                    id: d.id.clone(),
                    due: Some(ctx.due(d.term(c.committee), today)),
                })
                .collect();
            EventBody::Reopened {
                reason: required_text(&reason, "reason")?,
                deadlines,
            }
        }
        Command::WriteReportSummary { text: t } => {
            let summary = required_text(&t, "text")?;
            if t.trim().chars().count() > MAX_REPORT_SUMMARY {
                return Err(Refusal::invalid(
                    format!(
                        "Een samenvatting voor het verslag is kort: ten hoogste {MAX_REPORT_SUMMARY} tekens."
                    ),
                    format!("A summary for the report is short: at most {MAX_REPORT_SUMMARY} characters."),
                )
                .with_details(vec!["text".into()]));
            }
            EventBody::ReportSummaryWritten { text: summary }
        }
        Command::PlaceHold { reason } => EventBody::HoldPlaced {
            reason: required_text(&reason, "reason")?,
        },
        Command::LiftHold { reason } => EventBody::HoldLifted {
            reason: reason.as_deref().and_then(text),
        },
        Command::Anonymise { reason } => EventBody::Anonymised {
            why: AnonymisedWhy::Request,
            reason: Some(required_text(&reason, "reason")?),
        },
        Command::MarkDuplicate { .. }
        | Command::LinkRelated { .. }
        | Command::UnlinkRelated { .. } => {
            return Err(Refusal::invalid(
                "Deze stap heeft een tweede klacht nodig.",
                "This step needs a second complaint.",
            ));
        }
        Command::Rectify { field, value } => {
            let value = value.trim().to_owned();
            let mut complainant = c.complainant.clone();
            let mut on_behalf_of = c.on_behalf_of.clone();
            crate::subject::correct(&mut complainant, &mut on_behalf_of, field, &value)?;
            EventBody::Rectified {
                field,
                value: Personal::new(value),
                digest: None,
            }
        }
    };
    Ok(vec![Event {
        at: ctx.now,
        actor: Actor::Staff(who.id),
        body,
    }])
}

fn extend(
    ctx: &Ctx,
    c: &Complaint,
    deadline: &str,
    new_due: Date,
    reason: &str,
    consent: bool,
) -> Result<EventBody, Refusal> {
    let profile = ctx.profile;
    let Some(rule) = profile.deadline(deadline) else {
        return Err(Refusal::invalid(
            format!("Deze regeling kent geen termijn '{deadline}'."),
            format!("This regulation has no deadline '{deadline}'."),
        )
        .with_details(vec![format!(
            "deadline: expected one of {}",
            ids(profile.deadlines.iter().map(|d| d.id.as_str()))
        )])
        .with_explained(vec![{
            let (nl, en) = labels(profile.deadlines.iter().map(|d| &d.label));
            Explained::new(
                Some("deadline"),
                format!("Kies een van de termijnen van deze regeling: {nl}."),
                format!("Choose one of this regulation's deadlines: {en}."),
            )
        }]));
    };
    if !rule.extendable {
        return Err(Refusal::invalid(
            format!("De termijn '{deadline}' kan volgens de regeling niet worden verlengd."),
            format!("The regulation does not allow the deadline '{deadline}' to be extended."),
        ));
    }
    let state = c.deadline(deadline);
    let Some(current) = state.and_then(|s| s.due) else {
        return Err(Refusal::state(
            format!("De termijn '{deadline}' loopt nog niet."),
            format!("The deadline '{deadline}' has not started."),
        ));
    };
    if state.is_some_and(|s| s.met_at.is_some()) {
        return Err(Refusal::state(
            format!("Aan de termijn '{deadline}' is al voldaan."),
            format!("The deadline '{deadline}' has already been met."),
        ));
    }
    let reason = required_text(reason, "reason")?;
    if new_due <= current {
        return Err(Refusal::invalid(
            format!("De nieuwe datum moet na {current} liggen."),
            format!("The new date must be after {current}."),
        )
        .with_details(vec!["new_due".into()]));
    }
    if !ctx.calendar.is_working_day(new_due) {
        let next = ctx.calendar.next_working_day_on_or_after(new_due);
        return Err(Refusal::invalid(
            format!("{new_due} is geen werkdag; kies bijvoorbeeld {next}."),
            format!("{new_due} is not a working day; choose for example {next}."),
        )
        .with_details(vec!["new_due".into()]));
    }
    let ext = &profile.extension;
    let count = state.map_or(0, |s| s.extensions);
    let latest = match (ext.max_weeks, ext.max_working_days) {
        (Some(w), _) => Some(ctx.calendar.next_working_day_on_or_after(
            current.saturating_add(jiff::Span::new().days(i64::from(w) * 7)),
        )),
        (None, Some(d)) => Some(ctx.calendar.add_working_days(current, d)),
        (None, None) => None,
    };
    let over_count = ext.max_count.is_some_and(|m| count >= m);
    let over_length = latest.is_some_and(|l| new_due > l);
    if (over_count || over_length) && !(ext.beyond_with_consent && consent) {
        let mut nl = Vec::new();
        let mut en = Vec::new();
        if over_count {
            let m = ext.max_count.unwrap_or(0);
            nl.push(format!(
                "de termijn mag ten hoogste {m} keer worden verlengd"
            ));
            en.push(format!("the deadline may be extended at most {m} time(s)"));
        }
        if let (true, Some(l)) = (over_length, latest) {
            nl.push(format!("een verlenging loopt tot uiterlijk {l}"));
            en.push(format!("an extension may run until {l} at the latest"));
        }
        let (cnl, cen) = if ext.beyond_with_consent {
            (
                " Verder verlengen kan alleen met schriftelijke instemming van de klager (consent).",
                " Going further needs the complainant's written consent (consent).",
            )
        } else {
            ("", "")
        };
        return Err(Refusal::new(
            RefusalKind::NotPermitted,
            format!("Volgens de regeling: {}.{cnl}", nl.join("; ")),
            format!("Under the regulation: {}.{cen}", en.join("; ")),
        ));
    }
    Ok(EventBody::Extended {
        deadline: deadline.to_owned(),
        previous_due: current,
        new_due,
        reason,
        consent: consent && (over_count || over_length),
    })
}

/// The day a step says something happened: `on`, or today when not given; never in the future
/// (refused with `nl`/`en`, naming `field`).
fn happened_on(
    ctx: &Ctx,
    on: Option<Date>,
    field: &str,
    nl: &str,
    en: &str,
) -> Result<Date, Refusal> {
    let on = on.unwrap_or_else(|| ctx.today());
    if on > ctx.today() {
        return Err(Refusal::invalid(nl, en).with_details(vec![field.into()]));
    }
    Ok(on)
}

/// An optional free text of a step (a note, a summary): left out when blank, refused with
/// `nl`/`en` (and the field's problem in the details) when it holds what cannot be kept, else
/// personal data of the dossier.
fn optional_text(
    field: &str,
    text: Option<&str>,
    nl: &str,
    en: &str,
) -> Result<Option<Personal<String>>, Refusal> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if let Err(p) = crate::input::check_text(text) {
        return Err(
            Refusal::invalid(nl, en).with_details(vec![format!("{field}: {}", p.message_en())])
        );
    }
    Ok(Some(Personal::new(text.to_owned())))
}
