//! The letters of the regulation: which step sends which letter, by which way, and what it says
//! (T5, T6, T7, K7), in the complainant's language. Names carry the rule ids.

use crate::support::{noon, person};
use jiff::civil::{Date, date};
use klacht_core::letters::{self, Delivery, LetterInput};
use klacht_core::procedure::{
    Command, Complainant, ComplainantHearing, Complaint, Ctx, Event, EventBody, LetterKind,
    NewComplaint, Org, SatisfactionChoice, Staff, Status, Via, WaiverGround, answer_satisfaction,
    complainant_adds, decide, register,
};
use klacht_core::{Actor, Calendar, Channel, Lang, Outcome, Profile, Role, UserId, profile};

const COORDINATOR: i64 = 1;
const HANDLER: i64 = 2;
const URL: &str = "https://klachten.example.nl";
const STATUS: &str = "https://klachten.example.nl/status/geheim-token-123";

fn staff(id: i64, roles: &[Role]) -> Staff {
    person(id, &format!("Medewerker {id}"), roles)
}

struct World {
    profile: Profile,
    calendar: Calendar,
    org: Org,
}

impl World {
    fn new(profile: Profile) -> World {
        World {
            profile,
            calendar: Calendar::dutch(),
            org: Org {
                staff: vec![
                    staff(COORDINATOR, &[Role::Coordinator]),
                    staff(HANDLER, &[Role::Handler]),
                ],
            },
        }
    }

    fn template() -> World {
        World::new(profile::builtin("template").expect("built-in"))
    }

    fn builtin(name: &str) -> World {
        World::new(profile::builtin(name).expect("built-in"))
    }

    fn ctx(&self, day: Date) -> Ctx<'_> {
        Ctx {
            profile: &self.profile,
            calendar: &self.calendar,
            org: &self.org,
            now: noon(day),
        }
    }
}

fn web(email: Option<&str>, phone: Option<&str>, lang: Lang) -> NewComplaint {
    NewComplaint {
        channel: Channel::Web,
        received_at: noon(date(2025, 12, 23)),
        received_by: None,
        received_where: None,
        concerns: None,
        relation: None,
        complainant: Complainant {
            name: "Sanne de Vries".into(),
            email: email.map(str::to_owned),
            phone: phone.map(str::to_owned),
            address: None,
            date_of_birth: None,
        },
        on_behalf_of: None,
        description: "De medewerker aan de telefoon was onvriendelijk.".into(),
        language: lang,
        resolved_directly: None,
        documents: Vec::new(),
    }
}

/// A dossier under way: its events and state.
struct Case<'w> {
    w: &'w World,
    events: Vec<Event>,
    c: Complaint,
}

impl<'w> Case<'w> {
    fn web(w: &'w World, new: NewComplaint) -> Case<'w> {
        let events = register(&w.ctx(date(2025, 12, 23)), None, new).expect("registered");
        let c = Complaint::replay(&events).expect("replays");
        Case { w, events, c }
    }

    /// Takes a step; returns the step's events.
    fn step(&mut self, day: Date, who: i64, cmd: Command) -> Vec<Event> {
        let who = self.w.org.get(UserId(who)).expect("staff").clone();
        let new = decide(&self.w.ctx(day), &self.c, &who, cmd).expect("step accepted");
        for e in &new {
            self.c.apply(e);
        }
        self.events.extend(new.clone());
        new
    }

    fn letter(&self, step: &[Event], kind: LetterKind) -> (letters::Due, letters::Composed) {
        let due = letters::due(&self.w.profile, &self.c, step)
            .into_iter()
            .find(|d| d.kind == kind)
            .unwrap_or_else(|| panic!("a {kind:?} letter is due after {step:?}"));
        let composed = letters::compose(
            kind,
            &LetterInput {
                profile: &self.w.profile,
                reference: "2025-0042",
                complaint: &self.c,
                history: &self.events,
                trigger: &step[due.trigger],
                public_url: URL,
                status_url: Some(STATUS),
                org: &self.w.org,
            },
        )
        .expect("the letter renders");
        (due, composed)
    }
}

#[test]
fn t05_a_web_complaint_with_email_is_acknowledged_at_once_by_letter() {
    let w = World::template();
    let case = Case::web(&w, web(Some("sanne@example.nl"), None, Lang::Nl));
    assert!(
        matches!(
            &case.events[1],
            Event { actor: Actor::System, body: EventBody::Acknowledged { via: Via::Email, meets, .. }, .. }
                if meets == &vec!["acknowledge".to_owned()]
        ),
        "{:?}",
        case.events
    );
    assert_eq!(case.c.status, Status::Acknowledged);
    let (due, letter) = case.letter(&case.events, LetterKind::Acknowledgement);
    assert_eq!(due.delivery, Delivery::Email("sanne@example.nl".into()));
    assert_eq!(
        letter.subject,
        "Ontvangstbevestiging van uw klacht (2025-0042)"
    );
    assert!(letter.body.starts_with("Beste Sanne de Vries,"));
    assert!(
        letter.body.contains("op 23 december 2025 ontvangen"),
        "{}",
        letter.body
    );
    // Answer: five working days after Tuesday 23 December, skipping Christmas, the weekend, New
    // Year's Day and Friday 2 January (equated to a holiday by decree, as the Friday after a
    // Thursday New Year's Day).
    assert!(
        letter.body.contains("uiterlijk op maandag 5 januari 2026"),
        "{}",
        letter.body
    );
    assert!(letter.body.contains(STATUS));
}

#[test]
fn t05_the_acknowledgement_is_in_the_complainants_language() {
    let w = World::template();
    let case = Case::web(&w, web(Some("sam@example.com"), None, Lang::En));
    let (_, letter) = case.letter(&case.events, LetterKind::Acknowledgement);
    assert_eq!(
        letter.subject,
        "We have received your complaint (2025-0042)"
    );
    assert!(
        letter.body.contains("by Monday 5 January 2026"),
        "{}",
        letter.body
    );
    assert!(letter.body.starts_with("Dear Sanne de Vries,"));
}

#[test]
fn t05_without_an_email_address_nobody_is_acknowledged_automatically() {
    let w = World::template();
    let case = Case::web(&w, web(None, Some("0612345678"), Lang::Nl));
    assert_eq!(case.events.len(), 1, "{:?}", case.events);
    assert_eq!(case.c.status, Status::Received);
    assert!(letters::due(&w.profile, &case.c, &case.events).is_empty());
}

#[test]
fn t05_a_profile_can_leave_the_acknowledgement_to_the_coordinator() {
    let src = profile::builtin_source("template")
        .expect("built-in")
        .replace(
            "acknowledge_automatically = true",
            "acknowledge_automatically = false",
        );
    let w = World::new(profile::parse(&src).expect("parses"));
    let mut case = Case::web(&w, web(Some("sanne@example.nl"), None, Lang::Nl));
    assert_eq!(case.events.len(), 1);
    assert_eq!(case.c.status, Status::Received);
    // The coordinator's acknowledgement by e-mail sends the letter.
    let step = case.step(
        date(2025, 12, 24),
        COORDINATOR,
        Command::Acknowledge {
            via: Via::Email,
            note: None,
        },
    );
    let (due, _) = case.letter(&step, LetterKind::Acknowledgement);
    assert_eq!(due.delivery, Delivery::Email("sanne@example.nl".into()));
    // By phone: no letter.
    let mut case = Case::web(&w, web(Some("sanne@example.nl"), None, Lang::Nl));
    let step = case.step(
        date(2025, 12, 24),
        COORDINATOR,
        Command::Acknowledge {
            via: Via::Phone,
            note: None,
        },
    );
    assert!(letters::due(&w.profile, &case.c, &step).is_empty());
}

#[test]
fn t06_an_extension_tells_the_complainant_the_new_date_and_why() {
    let w = World::template();
    let mut case = Case::web(&w, web(Some("sanne@example.nl"), None, Lang::Nl));
    case.step(
        date(2025, 12, 24),
        COORDINATOR,
        Command::Assign {
            handler: UserId(HANDLER),
        },
    );
    let step = case.step(
        date(2025, 12, 30),
        HANDLER,
        Command::Extend {
            deadline: "answer".into(),
            new_due: date(2026, 1, 9),
            reason: "Wij moeten de opname van het gesprek nog beluisteren.".into(),
            consent: false,
        },
    );
    let (due, letter) = case.letter(&step, LetterKind::Extension);
    assert_eq!(due.delivery, Delivery::Email("sanne@example.nl".into()));
    assert!(letter.subject.contains("2025-0042"));
    for part in [
        "uiterlijk op maandag 5 januari 2026",
        "Wij moeten de opname van het gesprek nog beluisteren.",
        "uiterlijk op vrijdag 9 januari 2026 antwoord",
    ] {
        assert!(letter.body.contains(part), "{part:?} in {}", letter.body);
    }
}

fn decided_case(w: &World, via: Via) -> (Case<'_>, Vec<Event>) {
    decided_case_in(w, via, Lang::Nl)
}

fn decided_case_in(w: &World, via: Via, lang: Lang) -> (Case<'_>, Vec<Event>) {
    let mut case = Case::web(w, web(Some("sanne@example.nl"), None, lang));
    let d = date(2025, 12, 29);
    case.step(
        d,
        COORDINATOR,
        Command::Assign {
            handler: UserId(HANDLER),
        },
    );
    for m in ["Excuusbrief verstuurd.", "Telefoontraining voor het team."] {
        case.step(
            d,
            HANDLER,
            Command::RecordMeasure {
                description: m.into(),
            },
        );
    }
    if w.profile.registration.hear_complainant {
        // Awb 9:10: heard before the decision.
        case.step(
            d,
            HANDLER,
            Command::RecordComplainantHearing {
                hearing: ComplainantHearing::Held,
                on: Some(date(2025, 12, 24)),
                ground: None,
                note: None,
            },
        );
    }
    let step = case.step(
        d,
        HANDLER,
        Command::Decide {
            outcome: Outcome::DeelsGegrond,
            decision: "U heeft deels gelijk: de toon was niet goed.".into(),
            via,
        },
    );
    (case, step)
}

#[test]
fn t07_k07_the_decision_letter_has_the_outcome_and_every_measure() {
    let w = World::template();
    let (case, step) = decided_case(&w, Via::Email);
    let (due, letter) = case.letter(&step, LetterKind::Decision);
    assert_eq!(due.delivery, Delivery::Email("sanne@example.nl".into()));
    for part in [
        "U heeft deels gelijk: de toon was niet goed.",
        "- Excuusbrief verstuurd.",
        "- Telefoontraining voor het team.",
    ] {
        assert!(letter.body.contains(part), "{part:?} in {}", letter.body);
    }
    let label = w
        .profile
        .outcome(Outcome::DeelsGegrond)
        .map(|o| o.label.nl.clone())
        .expect("label");
    assert!(
        letter.body.contains(&format!("Uitkomst: {label}")),
        "{}",
        letter.body
    );
}

#[test]
fn k07_a_decision_told_by_phone_sends_no_letter() {
    let w = World::template();
    let (case, step) = decided_case(&w, Via::Phone);
    assert!(letters::due(&w.profile, &case.c, &step).is_empty());
}

#[test]
fn a_letter_by_post_goes_to_the_postal_address() {
    let w = World::template();
    let mut new = web(None, Some("0612345678"), Lang::Nl);
    new.complainant.address = Some("Breestraat 1\n2311 CH Leiden".into());
    let mut case = Case::web(&w, new);
    let step = case.step(
        date(2025, 12, 24),
        COORDINATOR,
        Command::Acknowledge {
            via: Via::Letter,
            note: None,
        },
    );
    let (due, _) = case.letter(&step, LetterKind::Acknowledgement);
    assert_eq!(
        due.delivery,
        Delivery::Post("Sanne de Vries\nBreestraat 1\n2311 CH Leiden".into())
    );
}

#[test]
fn closing_asks_whether_the_complainant_is_satisfied_and_no_means_reopen() {
    let w = World::template();
    let (mut case, _) = decided_case(&w, Via::Email);
    let src = profile::builtin_source("template").expect("built-in");
    assert!(src.contains("[letters.satisfaction]"));
    let d = date(2025, 12, 30);
    // Template requires a category and severity before closing.
    case.step(
        d,
        COORDINATOR,
        Command::Classify {
            categories: vec!["service".into()],
            severity: Some("normal".into()),
            sensitive: false,
            relation: None,
        },
    );
    let step = case.step(d, COORDINATOR, Command::Close);
    let (_, letter) = case.letter(&step, LetterKind::Satisfaction);
    assert!(
        letter.body.contains(&format!("{STATUS}#tevredenheid")),
        "{}",
        letter.body
    );
    let answer = answer_satisfaction(
        &w.profile,
        &case.c,
        SatisfactionChoice::Answer("niet_opgelost"),
        Some("Nog steeds niet opgelost."),
        noon(d),
    )
    .expect("accepted after closing");
    case.c.apply(&answer[0]);
    assert_eq!(case.c.satisfied, Some(false));
    assert_eq!(case.c.satisfaction_answer.as_deref(), Some("niet_opgelost"));
    assert!(case.c.reopen_requested, "this answer asks to reopen");
    assert!(
        answer_satisfaction(
            &w.profile,
            &case.c,
            SatisfactionChoice::Answer("opgelost"),
            None,
            noon(d)
        )
        .is_err(),
        "once"
    );
    // Reopening answers the request.
    case.step(
        d,
        COORDINATOR,
        Command::Reopen {
            reason: "De klager is niet tevreden.".into(),
        },
    );
    assert!(!case.c.reopen_requested);
}

#[test]
fn the_dossier_copy_hides_the_complainants_secret_link() {
    let w = World::template();
    let case = Case::web(&w, web(Some("sanne@example.nl"), None, Lang::Nl));
    let (due, letter) = case.letter(&case.events, LetterKind::Acknowledgement);
    let EventBody::Letter(record) = letters::record(&due, &letter, Some(STATUS), Lang::Nl) else {
        panic!("a letter record");
    };
    let body = record.body.get().expect("text");
    assert!(!body.contains("geheim-token-123"), "{body}");
    assert!(body.contains(letters::link_placeholder(Lang::Nl)));
    assert_eq!(record.subject.get(), Some(&letter.subject));
    assert_eq!(record.via, Via::Email);
}

#[test]
fn the_complainant_adds_while_the_complaint_runs_and_not_after() {
    let w = World::template();
    let case = Case::web(&w, web(Some("sanne@example.nl"), None, Lang::Nl));
    let added = complainant_adds(
        &case.c,
        Some("Ik heb nog een foto."),
        Vec::new(),
        noon(date(2025, 12, 24)),
    )
    .expect("accepted");
    assert_eq!(added[0].actor, Actor::Complainant);
    let empty = complainant_adds(&case.c, Some("   "), Vec::new(), noon(date(2025, 12, 24)));
    assert!(empty.is_err(), "nothing to add is refused");
    let (mut closed, _) = decided_case(&w, Via::Email);
    let d = date(2025, 12, 30);
    closed.step(
        d,
        COORDINATOR,
        Command::Classify {
            categories: vec!["service".into()],
            severity: Some("normal".into()),
            sensitive: false,
            relation: None,
        },
    );
    closed.step(d, COORDINATOR, Command::Close);
    let r =
        complainant_adds(&closed.c, Some("Nog iets."), Vec::new(), noon(d)).expect_err("closed");
    assert!(r.message.nl.contains("afgehandeld"), "{r:?}");
}

#[test]
fn a_typo_in_a_letter_variable_is_found_when_the_profile_is_checked() {
    let src = profile::builtin_source("template")
        .expect("built-in")
        .replacen("{{ reason }}", "{{ reden }}", 1);
    let errors = profile::check(&src);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].path, "letters.extension.nl");
    assert!(
        errors[0].message.contains("does not exist"),
        "{}",
        errors[0]
    );
    let line = src
        .lines()
        .position(|l| l.starts_with("[letters.extension]"))
        .expect("the table")
        + 1;
    assert!(
        errors[0].line >= line,
        "{} points into the extension letter",
        errors[0]
    );
}

// ---------------------------------------------------------------------------------------------
// The built-ins `awb` and `wkkgz`: what the law asks of their letters
// ---------------------------------------------------------------------------------------------

fn assert_contains(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "{part:?} in {text}");
    }
}

#[test]
fn awb_9_6_the_written_acknowledgement_names_the_term_of_six_weeks() {
    let w = World::builtin("awb");
    let case = Case::web(&w, web(Some("sanne@example.nl"), None, Lang::Nl));
    let (due, letter) = case.letter(&case.events, LetterKind::Acknowledgement);
    assert_eq!(due.delivery, Delivery::Email("sanne@example.nl".into()));
    assert_eq!(
        letter.subject,
        "Ontvangstbevestiging van uw klacht (2025-0042)"
    );
    // Six weeks after Tuesday 23 December 2025.
    assert_contains(
        &letter.body,
        &[
            "Geachte Sanne de Vries,",
            "Op 23 december 2025 hebben wij uw klacht ontvangen.",
            "niet betrokken was bij de gedraging waarover u klaagt",
            "U krijgt ons oordeel uiterlijk op dinsdag 3 februari 2026.",
        ],
    );
}

#[test]
fn awb_9_11_the_postponement_letter_gives_the_new_date_and_the_reason() {
    let w = World::builtin("awb");
    let mut case = Case::web(&w, web(Some("sanne@example.nl"), None, Lang::En));
    let step = case.step(
        date(2026, 1, 20),
        COORDINATOR,
        Command::Extend {
            deadline: "settle".into(),
            new_due: date(2026, 3, 3),
            reason: "We are waiting for a witness statement.".into(),
            consent: false,
        },
    );
    let (_, letter) = case.letter(&step, LetterKind::Extension);
    assert_eq!(
        letter.subject,
        "Your complaint 2025-0042: dealing with it is postponed"
    );
    assert_contains(
        &letter.body,
        &[
            "by Tuesday 3 February 2026",
            "We are waiting for a witness statement.",
            "until Tuesday 3 March 2026 at the latest",
            "longer only if you agree to it in writing",
        ],
    );
}

#[test]
fn awb_9_12_the_decision_names_the_ombudsman_and_the_year_to_go_there() {
    let w = World::builtin("awb");
    let (case, step) = decided_case_in(&w, Via::Email, Lang::Nl);
    let (_, letter) = case.letter(&step, LetterKind::Decision);
    assert_eq!(letter.subject, "Ons oordeel over uw klacht 2025-0042");
    assert_contains(
        &letter.body,
        &[
            "U bent op 24 december 2025 gehoord.\n\nOns oordeel: Deels gegrond",
            "U heeft deels gelijk: de toon was niet goed.",
            "- Excuusbrief verstuurd.",
            "een klacht indienen bij de Nationale ombudsman, https://www.nationaleombudsman.nl. Dat kan tot en met 29 december 2026.",
        ],
    );
    let (case, step) = decided_case_in(&w, Via::Email, Lang::En);
    let (_, letter) = case.letter(&step, LetterKind::Decision);
    assert_eq!(letter.subject, "Our judgment on your complaint 2025-0042");
    assert_contains(
        &letter.body,
        &[
            "You were heard on 24 December 2025.\n\nOur judgment: Partly well-founded",
            "complain to the National Ombudsman (Nationale ombudsman), https://www.nationaleombudsman.nl. You can do so until 29 December 2026.",
        ],
    );
}

#[test]
fn awb_9_10_the_decision_says_the_complainant_did_not_wish_to_be_heard() {
    let w = World::builtin("awb");
    for (lang, expected) in [
        (
            Lang::Nl,
            "U hebt laten weten dat u niet gehoord wilt worden.\n\nOns oordeel: Gegrond",
        ),
        (
            Lang::En,
            "You let us know that you did not wish to be heard.\n\nOur judgment: Well-founded",
        ),
    ] {
        let mut case = Case::web(&w, web(Some("sanne@example.nl"), None, lang));
        let d = date(2025, 12, 29);
        case.step(
            d,
            COORDINATOR,
            Command::Assign {
                handler: UserId(HANDLER),
            },
        );
        case.step(
            d,
            HANDLER,
            Command::RecordComplainantHearing {
                hearing: ComplainantHearing::Waived,
                on: None,
                ground: Some(WaiverGround::NotWished),
                note: Some("Telefonisch gemeld.".into()),
            },
        );
        let step = case.step(
            d,
            HANDLER,
            Command::Decide {
                outcome: Outcome::Gegrond,
                decision: "U heeft gelijk.".into(),
                via: Via::Email,
            },
        );
        let (_, letter) = case.letter(&step, LetterKind::Decision);
        assert_contains(&letter.body, &[expected]);
    }
}

#[test]
fn awb_9_10_a_template_decision_letter_says_nothing_of_a_hearing() {
    let w = World::template();
    let (case, step) = decided_case_in(&w, Via::Email, Lang::Nl);
    let (_, letter) = case.letter(&step, LetterKind::Decision);
    assert!(!letter.body.contains("gehoord"), "{}", letter.body);
}

#[test]
fn wkkgz_art_15_the_acknowledgement_offers_the_klachtenfunctionaris_free_of_charge() {
    let w = World::builtin("wkkgz");
    let case = Case::web(&w, web(Some("sanne@example.nl"), None, Lang::Nl));
    let (_, letter) = case.letter(&case.events, LetterKind::Acknowledgement);
    assert_contains(
        &letter.body,
        &[
            "Onze klachtenfunctionaris is uw aanspreekpunt.",
            "kan u kosteloos adviseren",
            "U krijgt ons oordeel uiterlijk op dinsdag 3 februari 2026.",
        ],
    );
}

#[test]
fn wkkgz_art_17_18_the_decision_names_the_geschilleninstantie_and_the_year() {
    let w = World::builtin("wkkgz");
    let (case, step) = decided_case_in(&w, Via::Email, Lang::Nl);
    let (_, letter) = case.letter(&step, LetterKind::Decision);
    assert_eq!(letter.subject, "Ons oordeel over uw klacht 2025-0042");
    assert_contains(
        &letter.body,
        &[
            "welke beslissingen wij nemen en wanneer de maatregelen zijn gerealiseerd",
            "Ons oordeel: Deels gegrond",
            "- Telefoontraining voor het team.",
            "als geschil voorleggen aan de Geschilleninstantie Voorbeeld",
            "binnen een jaar nadat u uw klacht bij ons indiende",
        ],
    );
    let (case, step) = decided_case_in(&w, Via::Email, Lang::En);
    let (_, letter) = case.letter(&step, LetterKind::Decision);
    assert_contains(
        &letter.body,
        &[
            "put your complaint as a dispute to the Geschilleninstantie Voorbeeld",
            "within one year of making your complaint to us",
        ],
    );
}

/// The end of the template's Dutch letters, signed.
fn signed_by(name_and_role: &str) -> String {
    format!("Met vriendelijke groet,\n\n{name_and_role}\nStichting Voorbeeld")
}

#[test]
fn t07_a_letter_is_signed_with_the_signers_name_and_role() {
    let w = World::template();
    let (case, step) = decided_case(&w, Via::Email);
    let (_, letter) = case.letter(&step, LetterKind::Decision);
    // The handler decided: their name and role, then the organisation.
    assert!(
        letter
            .body
            .contains(&signed_by("Medewerker 2\nBehandelaar")),
        "{}",
        letter.body
    );
    assert!(!letter.body.contains("groet,\n\nStichting Voorbeeld"));
}

#[test]
fn t06_the_coordinators_letter_is_signed_as_the_complaints_coordinator() {
    let w = World::template();
    let mut case = Case::web(&w, web(Some("sanne@example.nl"), None, Lang::Nl));
    let step = case.step(
        date(2025, 12, 30),
        COORDINATOR,
        Command::Extend {
            deadline: "answer".into(),
            new_due: date(2026, 1, 9),
            reason: "Wij wachten op een verslag.".into(),
            consent: false,
        },
    );
    let (_, letter) = case.letter(&step, LetterKind::Extension);
    assert!(
        letter
            .body
            .contains(&signed_by("Medewerker 1\nKlachtencoördinator")),
        "{}",
        letter.body
    );
}

#[test]
fn t05_klachts_own_acknowledgement_is_signed_by_the_coordinators_function() {
    let w = World::template();
    let case = Case::web(&w, web(Some("sam@example.com"), None, Lang::En));
    let (_, letter) = case.letter(&case.events, LetterKind::Acknowledgement);
    assert!(
        letter
            .body
            .contains("Kind regards,\n\nComplaints coordinator\nStichting Voorbeeld"),
        "{}",
        letter.body
    );
}

#[test]
fn t12_signing_keeps_a_signed_text_and_replaces_the_organisation_alone() {
    let sig = "Carla de Vries\nKlachtencoördinator\nStichting Voorbeeld";
    // An older profile's letter ends in the organisation's name: that line becomes the signature.
    assert_eq!(
        letters::sign(
            "Beste Sanne,\n\nMet vriendelijke groet,\n\nStichting Voorbeeld\n",
            "Stichting Voorbeeld",
            sig
        ),
        "Beste Sanne,\n\nMet vriendelijke groet,\n\nCarla de Vries\nKlachtencoördinator\nStichting Voorbeeld\n"
    );
    // Signed already (`{{ signature }}` in the profile): left as it is.
    let signed = format!("Beste Sanne,\n\nGroet,\n\n{sig}\n");
    assert_eq!(letters::sign(&signed, "Stichting Voorbeeld", sig), signed);
    // Any other ending: the signature follows.
    assert_eq!(
        letters::sign("Beste Sanne,\n\nTot ziens.", "Stichting Voorbeeld", sig),
        "Beste Sanne,\n\nTot ziens.\n\nCarla de Vries\nKlachtencoördinator\nStichting Voorbeeld\n"
    );
}

/// A complaint by phone from someone with a postal address and no e-mail address.
fn by_phone_with_address(w: &World) -> Case<'_> {
    let mut new = web(None, Some("0612345678"), Lang::Nl);
    new.complainant.address = Some("Breestraat 1\n2311 CH Leiden".into());
    Case::web(w, new)
}

#[test]
fn t05_an_acknowledgement_by_email_without_an_email_address_is_recorded_by_post() {
    let w = World::template();
    let mut case = by_phone_with_address(&w);
    let step = case.step(
        date(2025, 12, 24),
        COORDINATOR,
        Command::Acknowledge {
            via: Via::Email,
            note: None,
        },
    );
    assert!(
        matches!(
            &step[0].body,
            EventBody::Acknowledged {
                via: Via::Letter,
                ..
            }
        ),
        "{step:?}"
    );
    let (due, _) = case.letter(&step, LetterKind::Acknowledgement);
    assert_eq!(
        due.delivery,
        Delivery::Post("Sanne de Vries\nBreestraat 1\n2311 CH Leiden".into())
    );
}

#[test]
fn t05_without_an_email_or_postal_address_a_written_acknowledgement_is_refused() {
    let w = World::template();
    let case = Case::web(&w, web(None, Some("0612345678"), Lang::Nl));
    let who = w.org.get(UserId(COORDINATOR)).expect("staff").clone();
    for via in [Via::Email, Via::Letter] {
        let refused = decide(
            &w.ctx(date(2025, 12, 24)),
            &case.c,
            &who,
            Command::Acknowledge { via, note: None },
        )
        .expect_err("no address to write to");
        assert!(
            refused.message.nl.contains("per telefoon of persoonlijk"),
            "{refused:?}"
        );
    }
    // By phone it is recorded as it went.
    let told = decide(
        &w.ctx(date(2025, 12, 24)),
        &case.c,
        &who,
        Command::Acknowledge {
            via: Via::Phone,
            note: None,
        },
    )
    .expect("by phone");
    assert!(matches!(
        told[0].body,
        EventBody::Acknowledged {
            via: Via::Phone,
            ..
        }
    ));
}

#[test]
fn t12_a_letter_by_post_waits_to_be_posted_until_it_is_marked_sent() {
    let w = World::template();
    let mut case = by_phone_with_address(&w);
    let step = case.step(
        date(2025, 12, 24),
        COORDINATOR,
        Command::Acknowledge {
            via: Via::Letter,
            note: None,
        },
    );
    let (due, letter) = case.letter(&step, LetterKind::Acknowledgement);
    let record = Event {
        at: step[0].at,
        actor: step[0].actor,
        body: letters::record(&due, &letter, Some(STATUS), Lang::Nl),
    };
    case.c.apply(&record);
    case.events.push(record);
    let numbered = |events: &[Event]| -> Vec<(i64, Event)> {
        (1..).zip(events.iter().cloned()).collect::<Vec<_>>()
    };
    let all = numbered(&case.events);
    let letter_seq = i64::try_from(case.events.len()).expect("small");
    assert_eq!(
        letters::to_post(all.iter().map(|(s, e)| (*s, e))),
        vec![letter_seq]
    );
    let coordinator = w.org.get(UserId(COORDINATOR)).expect("staff");
    let posted = letters::mark_posted(
        &w.profile,
        &w.org,
        &case.c,
        coordinator,
        all.iter().map(|(s, e)| (*s, e)),
        letter_seq,
        noon(date(2025, 12, 24)),
    )
    .expect("marked");
    assert_eq!(
        posted[0].body,
        EventBody::LetterPosted { letter: letter_seq }
    );
    case.events.extend(posted);
    let all = numbered(&case.events);
    assert!(letters::to_post(all.iter().map(|(s, e)| (*s, e))).is_empty());
    // Once only; and only a letter by post.
    for seq in [letter_seq, 1] {
        assert!(
            letters::mark_posted(
                &w.profile,
                &w.org,
                &case.c,
                coordinator,
                all.iter().map(|(s, e)| (*s, e)),
                seq,
                noon(date(2025, 12, 24)),
            )
            .is_err()
        );
    }
}

#[test]
fn t12_on_paper_the_personal_link_becomes_how_to_reach_us_with_the_reference() {
    let w = World::template();
    let case = Case::web(&w, web(Some("sanne@example.nl"), None, Lang::Nl));
    let (due, letter) = case.letter(&case.events, LetterKind::Acknowledgement);
    let EventBody::Letter(record) = letters::record(&due, &letter, Some(STATUS), Lang::Nl) else {
        panic!("a letter record");
    };
    let stored = record.body.get().expect("text");
    let paper = letters::on_paper(stored, &w.profile, "2025-0042", Lang::Nl);
    assert!(!paper.contains("[persoonlijke link"), "{paper}");
    assert!(
        paper.contains(
            "Dat kan via telefoon 020 123 45 67, e-mail klachten@voorbeeld.nl of post aan \
             Voorbeeldstraat 1, 1234 AB Amsterdam, met vermelding van uw kenmerk 2025-0042."
        ),
        "{paper}"
    );
}
