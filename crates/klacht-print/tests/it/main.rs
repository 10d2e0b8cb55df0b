//! The registration form (K9, T20) as HTML and as PDF, from a dossier built through the real
//! procedure engine: every field the regulation asks for is on it, the completeness check
//! (K12.2) says what is missing, and the signature lines (K11) follow the profile.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use jiff::Timestamp;
use jiff::civil::{Date, date};
use jiff::tz::TimeZone;
use klacht_core::procedure::{
    Command, Complainant, Complaint, Ctx, Event, EventBody, LetterKind, LetterRecord, Level,
    NewComplaint, Org, Staff, Via, decide, register,
};
use klacht_core::{
    Actor, Calendar, Channel, Lang, Outcome, Personal, Profile, Reference, Role, UserId,
};
use klacht_print::registration::{RegistrationForm, render_html};

const COORDINATOR: i64 = 1;
const DEPUTY: i64 = 2;
const HANDLER: i64 = 3;
const VOLUNTEER: i64 = 4;
const DESK: i64 = 5;

const NAME: &str = "Zoë van den Ĳssel";
const ADDRESS: &str = "Breestraat 1, 2311 CH Leiden";
const EMAIL: &str = "zoe@example.nl";
const PHONE: &str = "06 1234 5678";
const ON_BEHALF: &str = "Daan van den Ĳssel";
const WHERE: &str = "Spreekuur Breestraat";
const DESCRIPTION: &str =
    "De vrijwilliger kwam twee keer niet opdagen.\nMijn reiskosten van € 12,50 zijn niet vergoed.";
const HEARING: &str = "Vera erkent dat zij de afspraak is vergeten.";
const EXTENSION: &str = "Wachten op de reactie van de vrijwilliger.";
const ESCALATION: &str = "Ernstige klacht, het bestuur is geraadpleegd.";
const MEASURE: &str = "Vrijwilligers krijgen een herinnering per sms.";
const CONTACT: &str = "Gebeld met de klager over de oplossing.";
const AGREEMENT: &str = "Reiskosten worden vóór 1 april vergoed.";
const DECISION: &str = "De klacht is gegrond. Wij vergoeden € 12,50 en verontschuldigen ons.";

fn person(id: i64, name: &str, roles: &[Role]) -> Staff {
    Staff {
        id: UserId(id),
        name: name.to_owned(),
        roles: roles.iter().copied().collect(),
        absent: false,
    }
}

fn noon(d: Date) -> Timestamp {
    d.at(12, 0, 0, 0)
        .to_zoned(TimeZone::UTC)
        .unwrap()
        .timestamp()
}

/// A profile, the Dutch calendar and the KJRW staff: the coordinator is a board member (K3).
struct World {
    profile: Profile,
    calendar: Calendar,
    org: Org,
}

impl World {
    fn new(profile: &str) -> World {
        let mut profile = klacht_core::profile::builtin(profile).unwrap();
        // KJRW sets no extension; this shop allows one, so the form can show it (T6).
        for d in &mut profile.deadlines {
            d.extendable = true;
        }
        World {
            profile,
            calendar: Calendar::dutch(),
            org: Org {
                staff: vec![
                    person(
                        COORDINATOR,
                        "Carla Coördinator",
                        &[Role::Coordinator, Role::Board],
                    ),
                    person(DEPUTY, "Dirk Plaatsvervanger", &[Role::Deputy, Role::Board]),
                    person(HANDLER, "Hanna Behandelaar", &[Role::Handler]),
                    person(VOLUNTEER, "Vera Vrijwilliger", &[Role::Staff]),
                    person(DESK, "Otto Balie", &[Role::Staff]),
                ],
            },
        }
    }

    fn staff(&self, id: i64) -> &Staff {
        self.org.get(UserId(id)).unwrap()
    }

    fn ctx(&self, now: Timestamp) -> Ctx<'_> {
        Ctx {
            profile: &self.profile,
            calendar: &self.calendar,
            org: &self.org,
            now,
        }
    }
}

/// A complaint's timeline, moved on step by step through the engine.
struct Case<'w> {
    world: &'w World,
    events: Vec<Event>,
    state: Complaint,
}

impl<'w> Case<'w> {
    fn register(world: &'w World, who: Option<i64>, new: NewComplaint) -> Case<'w> {
        let now = new.received_at;
        let events = register(&world.ctx(now), who.map(|id| world.staff(id)), new)
            .unwrap_or_else(|r| panic!("registration refused: {r:?}"));
        let state = Complaint::replay(&events).unwrap();
        Case {
            world,
            events,
            state,
        }
    }

    fn step(&mut self, who: i64, on: Date, cmd: Command) {
        let staff = self.world.staff(who);
        let events = decide(&self.world.ctx(noon(on)), &self.state, staff, cmd.clone())
            .unwrap_or_else(|r| panic!("{} may not {cmd:?}: {r:?}", staff.name));
        for e in &events {
            self.state.apply(e);
        }
        self.events.extend(events);
    }

    /// A letter to the complainant, as the web layer records it beside a step (T12).
    fn letter(&mut self, on: Date, letter: LetterKind) {
        let e = Event {
            at: noon(on),
            actor: Actor::Staff(UserId(COORDINATOR)),
            body: EventBody::Letter(Box::new(LetterRecord {
                letter,
                via: Via::Email,
                to: Personal::new(EMAIL.into()),
                subject: Personal::new("Uw klacht".into()),
                body: Personal::new("Beste Zoë, …".into()),
                language: Lang::Nl,
            })),
        };
        self.state.apply(&e);
        self.events.push(e);
    }

    fn form(&self, lang: Lang) -> RegistrationForm {
        RegistrationForm::new(
            &Reference::new(2026, 7),
            &self.state,
            &self.events,
            &self.world.profile,
            &self.world.org,
            lang,
            noon(date(2026, 3, 20)),
        )
    }
}

fn monday() -> Date {
    date(2026, 3, 2)
}

/// A KJRW complaint taken in at the office hours, on behalf of a client, about a volunteer.
fn in_person() -> NewComplaint {
    NewComplaint {
        channel: Channel::InPerson,
        received_at: monday()
            .at(14, 35, 0, 0)
            .to_zoned(TimeZone::get("Europe/Amsterdam").unwrap())
            .unwrap()
            .timestamp(),
        received_by: Some(UserId(DESK)),
        received_where: Some(WHERE.to_owned()),
        concerns: Some(UserId(VOLUNTEER)),
        relation: Some("client".to_owned()),
        complainant: Complainant {
            name: NAME.to_owned(),
            email: Some(EMAIL.to_owned()),
            phone: Some(PHONE.to_owned()),
            address: Some(ADDRESS.to_owned()),
            date_of_birth: Some(date(2009, 5, 17)),
        },
        on_behalf_of: Some(ON_BEHALF.to_owned()),
        description: DESCRIPTION.to_owned(),
        language: Lang::Nl,
        resolved_directly: None,
        documents: Vec::new(),
    }
}

/// The whole procedure, up to the coordinator's signature: the volunteer has not signed yet.
fn handled(world: &World) -> Case<'_> {
    let mut case = Case::register(world, Some(DESK), in_person());
    let c = COORDINATOR;
    case.step(
        c,
        date(2026, 3, 3),
        Command::Acknowledge {
            via: Via::Email,
            note: None,
        },
    );
    case.letter(date(2026, 3, 3), LetterKind::Acknowledgement);
    case.step(
        c,
        date(2026, 3, 3),
        Command::Classify {
            categories: vec!["a".into(), "c".into()],
            severity: Some("serious".into()),
            sensitive: true,
            relation: None,
        },
    );
    case.step(
        c,
        date(2026, 3, 4),
        Command::Assign {
            handler: UserId(HANDLER),
        },
    );
    case.step(
        c,
        date(2026, 3, 4),
        Command::InformInvolved {
            note: None,
            via: None,
        },
    );
    case.step(
        c,
        date(2026, 3, 5),
        Command::RecordHearing {
            summary: HEARING.into(),
            held_on: Some(date(2026, 3, 5)),
        },
    );
    case.step(
        c,
        date(2026, 3, 9),
        Command::Extend {
            deadline: "settle".into(),
            new_due: date(2026, 4, 13),
            reason: EXTENSION.into(),
            consent: true,
        },
    );
    case.step(
        c,
        date(2026, 3, 10),
        Command::Escalate {
            to: Level::Board,
            reason: ESCALATION.into(),
        },
    );
    case.step(
        c,
        date(2026, 3, 11),
        Command::RecordMeasure {
            description: MEASURE.into(),
        },
    );
    case.step(
        c,
        date(2026, 3, 12),
        Command::RecordContact {
            via: Via::Phone,
            on: Some(date(2026, 3, 12)),
            summary: CONTACT.into(),
            agreements: Some(AGREEMENT.into()),
            measures_communicated: true,
        },
    );
    case.step(
        c,
        date(2026, 3, 16),
        Command::Decide {
            outcome: Outcome::Gegrond,
            decision: DECISION.into(),
            via: Via::Email,
        },
    );
    case.letter(date(2026, 3, 16), LetterKind::Decision);
    case.step(
        c,
        date(2026, 3, 17),
        Command::SignOff {
            involved_signed_on: None,
        },
    );
    case
}

/// The values of every T20 field as the Dutch form writes them.
const T20_VALUES: [&str; 24] = [
    // NAW and contact details, on whose behalf, relation, date of birth (T20, T19, K1, K2, T1)
    NAME,
    ADDRESS,
    EMAIL,
    PHONE,
    ON_BEHALF,
    "Cliënt",
    "17 mei 2009",
    // when, where and by whom established; reported, received, forwarded (T20)
    "2 maart 2026, 14:35",
    WHERE,
    "Otto Balie",
    "Tijdens het spreekuur",
    "Hanna Behandelaar (4 maart 2026)",
    "Vera Vrijwilliger",
    // description and classification (T20, K10, T18)
    "Mijn reiskosten van € 12,50 zijn niet vergoed.",
    "a. Werkwijze van/bejegening door de vrijwilliger",
    "c. Praktijkvoering in het algemeen",
    "Ernstig",
    // handling: hearing, extension, escalation (K6, T6, T9)
    HEARING,
    EXTENSION,
    ESCALATION,
    // settlement: how, measures (T20, T7); contacts: date, agreements, actions (T20)
    DECISION,
    MEASURE,
    CONTACT,
    AGREEMENT,
];

fn text_of(html: &str) -> String {
    // Values are HTML-escaped; the test values hold nothing that escapes except the apostrophe.
    html.replace("&#39;", "'").replace("&#x27;", "'")
}

#[test]
fn t20_every_registration_field_is_on_the_html_form() {
    let world = World::new("kjrw");
    let case = handled(&world);
    let html = text_of(&render_html(&case.form(Lang::Nl)).unwrap());
    for value in T20_VALUES {
        assert!(html.contains(value), "missing {value:?} in\n{html}");
    }
    // How it was settled: outcome, when and by whom (T20, K7), and how it was told.
    for value in [
        "Gegrond",
        "16 maart 2026",
        "Carla Coördinator",
        "Meegedeeld aan de klager via",
        // Contact: its date and channel.
        "12 maart 2026",
        "telefoon",
        // The letters sent to the complainant.
        "Ontvangstbevestiging",
        "Beslissing",
        // Reference and the regulation's version (T16).
        "2026-0007",
        "Klachtenregeling KJRW Leiden, versie 1 (vastgesteld op 1 januari 2024)",
    ] {
        assert!(html.contains(value), "missing {value:?}");
    }
}

#[test]
fn k9_the_html_form_is_a_standalone_accessible_document() {
    let world = World::new("kjrw");
    let mut form = handled(&world).form(Lang::Nl);
    form.pdf_href = Some("registratieformulier.pdf".into());
    let html = render_html(&form).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<html lang=\"nl\">"));
    assert!(html.contains("<title>Klachtenregistratieformulier 2026-0007 – Stichting"));
    assert!(html.contains("<link rel=\"stylesheet\" href=\"/static/print.css\">"));
    // The CSP allows only the stylesheet: no inline style, no script.
    assert!(!html.contains("<style") && !html.contains(" style="));
    assert!(!html.to_lowercase().contains("<script"));
    // One h1, then h2 per part, h3 within: no level skipped.
    assert_eq!(html.matches("<h1").count(), 1);
    let first_h2 = html.find("<h2").unwrap();
    let first_h3 = html.find("<h3").unwrap();
    assert!(html.find("<h1").unwrap() < first_h2 && first_h2 < first_h3);
    // Tables have captions and column headers; fields are a definition list.
    assert_eq!(
        html.matches("<table").count(),
        html.matches("<caption>").count()
    );
    assert!(html.contains("<th scope=\"col\">Samenvatting</th>"));
    assert!(html.contains("<dt>Naam</dt>"));
    assert!(html.contains("href=\"registratieformulier.pdf\""));
}

#[test]
fn k12_2_the_form_lists_what_is_missing_before_closing() {
    let world = World::new("kjrw");
    // A complaint through the website, not yet classified, without an e-mail address or phone.
    let mut new = in_person();
    new.channel = Channel::Web;
    new.received_by = None;
    new.received_where = None;
    new.concerns = None;
    let mut case = Case::register(&world, None, new);
    case.state.complainant = Personal::new(Complainant {
        name: NAME.into(),
        ..Complainant::default()
    });
    let form = case.form(Lang::Nl);
    assert_eq!(
        form.missing,
        vec![
            "E-mailadres of telefoonnummer klager".to_owned(),
            "Aard van de klacht".to_owned(),
        ]
    );
    assert!(!form.is_complete());
    let html = render_html(&form).unwrap();
    assert!(html.contains("completeness--todo"));
    assert!(html.contains("Nog niet ingevuld (nodig om de klacht af te sluiten):"));
    assert!(html.contains("<li>Aard van de klacht</li>"));
    // The field itself is marked where it stands on the form.
    let nature = html.find("<dt>Aard van de klacht</dt>").unwrap();
    assert!(html[nature..].starts_with(
        "<dt>Aard van de klacht</dt>\n      <dd><span class=\"empty\">niet ingevuld</span> <strong class=\"missing\">(verplicht, ontbreekt)</strong>"
    ));
    // The website received it: that is who received it (T20), so that field is complete.
    assert!(html.contains("Klachtenformulier op de website"));
}

#[test]
fn k11_signature_lines_follow_the_profile_and_the_sign_offs() {
    let world = World::new("kjrw");
    let case = handled(&world);
    let form = case.form(Lang::Nl);
    // KJRW: the volunteer involved and the coordinator sign; the coordinator has.
    assert_eq!(form.signatures.len(), 2);
    let involved = &form.signatures[0];
    assert_eq!(involved.capacity, "Betrokken medewerker of vrijwilliger");
    assert_eq!(involved.name.as_deref(), Some("Vera Vrijwilliger"));
    assert_eq!(involved.signed_on, None);
    let coordinator = &form.signatures[1];
    assert_eq!(coordinator.capacity, "Coördinator");
    assert_eq!(coordinator.name.as_deref(), Some("Carla Coördinator"));
    assert_eq!(
        coordinator.signed_on.as_deref(),
        Some("17 maart 2026, 13:00")
    );
    assert_eq!(form.unsigned, vec!["Betrokken medewerker of vrijwilliger"]);
    assert!(form.missing.is_empty());
    let html = render_html(&form).unwrap();
    assert!(html.contains("Afgetekend in het dossier"));
    assert_eq!(html.matches("blank--signature").count(), 1, "{html}");

    // The model regulation asks no signatures.
    let template = World::new("template");
    let mut new = in_person();
    new.relation = None;
    let form = Case::register(&template, Some(DESK), new).form(Lang::Nl);
    assert!(form.signatures.is_empty());
    assert!(
        render_html(&form)
            .unwrap()
            .contains("Deze klachtenregeling vraagt geen ondertekening")
    );
}

#[test]
fn t20_the_form_speaks_english_with_the_profile_labels() {
    let world = World::new("kjrw");
    let form = handled(&world).form(Lang::En);
    let html = text_of(&render_html(&form).unwrap());
    for value in [
        "<html lang=\"en\">",
        "Complaint registration form",
        "Complainant",
        "Date and time reported",
        "2 March 2026, 14:35",
        "Client",
        "In person, at the office hours",
        "a. Working method or treatment by the volunteer",
        "Serious",
        "Well-founded",
        "Contacts with the complainant about the settlement",
        "Still to be signed:",
    ] {
        assert!(html.contains(value), "missing {value:?}");
    }
}

#[test]
fn t10_anonymised_personal_data_is_shown_as_removed() {
    let world = World::new("kjrw");
    let mut case = handled(&world);
    case.state.complainant = Personal::Erased;
    case.state.description = Personal::Erased;
    let html = render_html(&case.form(Lang::Nl)).unwrap();
    assert!(!html.contains(NAME) && !html.contains(EMAIL));
    assert!(html.contains("[verwijderd bij anonimisering]"));
}

#[cfg(feature = "pdf")]
mod pdf {
    use super::*;
    use klacht_print::registration::render_pdf;

    /// The text of a PDF, with its lines joined by single spaces (a value may wrap).
    fn text(pdf: &[u8]) -> String {
        let raw = pdf_extract::extract_text_from_mem(pdf).expect("the PDF reads back");
        raw.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn squash(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn t20_k9_every_registration_field_is_in_the_pdf_with_dutch_characters() {
        let world = World::new("kjrw");
        let pdf = render_pdf(&handled(&world).form(Lang::Nl)).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "a PDF file");
        let text = text(&pdf);
        for value in T20_VALUES {
            assert!(
                text.contains(&squash(value)),
                "missing {value:?} in\n{text}"
            );
        }
        for value in [
            "Klachtenregistratieformulier",
            "2026-0007",
            "Vertrouwelijk",
            "Gegrond",
            "Afgetekend in het dossier",
            "Nog te ondertekenen:",
            "Pagina 1 van",
        ] {
            assert!(text.contains(value), "missing {value:?} in\n{text}");
        }
    }

    #[test]
    fn k9_a_long_dossier_runs_over_pages_without_losing_text() {
        let world = World::new("kjrw");
        let mut new = in_person();
        let long: Vec<String> = (1..=120)
            .map(|i| format!("Zin {i} van een lange klacht over de vrijwilliger, met ë en ĳ."))
            .collect();
        new.description = long.join(" ");
        let case = Case::register(&world, Some(DESK), new);
        let pdf = render_pdf(&case.form(Lang::En)).unwrap();
        let text = text(&pdf);
        assert!(text.contains("Page 1 of"), "{text}");
        assert!(text.contains("Page 2 of"), "{text}");
        for i in [1, 60, 120] {
            assert!(
                text.contains(&format!("Zin {i} van een lange klacht")),
                "sentence {i} in\n{text}"
            );
        }
        assert!(text.contains("Complaint registration form"));
    }

    /// "Uw gegevens" (AVG art. 15): everything it is given reads back from the PDF, in order,
    /// with Dutch characters, a long letter wrapped, and the page furniture.
    #[test]
    fn art_15_the_persons_data_reads_back_from_its_pdf() {
        use klacht_print::personal::{ComplaintData, LetterData, PersonalData};
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        let letter = "Beste Jan, wij hebben uw klacht ontvangen. ".repeat(40);
        let data = PersonalData {
            lang: Lang::Nl,
            informal: false,
            organisation: "Stichting Één Ĳsselstein".into(),
            request: 7,
            made_on: "6 december 2026".into(),
            person: vec![pair("E-mailadres", "jan@example.nl")],
            complaints: vec![ComplaintData {
                reference: "2026-0001".into(),
                facts: vec![pair("Ontvangen", "4 mei 2026")],
                details: vec![
                    pair("Naam", "Jan Jansen"),
                    pair("Adres", "Dorpsstraat 1, Ĳsselstein"),
                ],
                description: Some("De vrijwilliger kwam niet opdagen; dat kostte € 12,50.".into()),
                additions: vec![pair("05-05-2026 10:00", "Ik wil nog iets toevoegen.")],
                letters: vec![LetterData {
                    sent: "04-05-2026 09:05".into(),
                    subject: "Ontvangstbevestiging".into(),
                    text: letter.clone(),
                }],
                satisfaction: Some("Tevreden.".into()),
            }],
        };
        let pdf = klacht_print::personal::render_pdf(&data).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = text(&pdf);
        let mut at = 0;
        for expected in [
            "Stichting Één Ĳsselstein",
            "Uw gegevens",
            "Verzoek 7",
            "Gemaakt op 6 december 2026",
            "E-mailadres jan@example.nl",
            "Gegevens van anderen staan er niet in.",
            "Klacht 2026-0001",
            "Ontvangen 4 mei 2026",
            "Naam Jan Jansen",
            "Adres Dorpsstraat 1, Ĳsselstein",
            "Uw omschrijving van de klacht",
            "dat kostte € 12,50.",
            "Wat u later hebt toegevoegd",
            "05-05-2026 10:00",
            "Ik wil nog iets toevoegen.",
            "Tevreden.",
            "Brieven aan u",
            "04-05-2026 09:05 — Ontvangstbevestiging",
        ] {
            let found = text[at..]
                .find(expected)
                .unwrap_or_else(|| panic!("{expected:?} after position {at} in {text}"));
            at += found + expected.len();
        }
        // The letter runs on to the second page, all of it.
        assert_eq!(text.matches("Beste Jan,").count(), 40, "{text}");
        assert!(text.ends_with("uw klacht ontvangen."), "{text}");
        assert!(
            text.contains("Vertrouwelijk") && text.contains("Pagina 1 van 2"),
            "{text}"
        );

        // Under a regulation that says "je" (kjrw) the document addresses the person so, as
        // its letters do.
        let je = PersonalData {
            informal: true,
            ..data
        };
        assert_eq!(je.title(), "Jouw gegevens — verzoek 7");
        let text = self::text(&klacht_print::personal::render_pdf(&je).unwrap());
        let mut at = 0;
        for expected in [
            "Jouw gegevens",
            "Dit zijn de gegevens over jou die wij bewaren bij je klachten",
            "Je gegevens zoals vastgelegd",
            "Jouw omschrijving van de klacht",
            "Wat je later hebt toegevoegd",
            "Brieven aan jou",
        ] {
            let found = text[at..]
                .find(expected)
                .unwrap_or_else(|| panic!("{expected:?} after position {at} in {text}"));
            at += found + expected.len();
        }
        assert!(!text.contains("Uw gegevens"), "{text}");
    }
}

/// K5, K11: a complaint that turns out to be about a volunteer without an account names them
/// (with their role) as the one it concerns, in the informing, and on the signature the
/// coordinator recorded for them with the date they signed on paper.
#[test]
fn k11_a_person_without_an_account_signs_on_paper_and_the_form_says_who_recorded_it() {
    let world = World::new("kjrw");
    let mut case = handled(&world);
    let c = COORDINATOR;
    case.step(
        c,
        date(2026, 3, 17),
        Command::RecordConcerns {
            about: Some(klacht_core::procedure::ConcernsInput::Person {
                name: "Piet Vrijwilliger".into(),
                role: Some("gastheer".into()),
                contact: None,
            }),
        },
    );
    case.step(
        c,
        date(2026, 3, 18),
        Command::SignOff {
            involved_signed_on: Some(date(2026, 3, 18)),
        },
    );
    let html = text_of(&render_html(&case.form(Lang::Nl)).unwrap());
    assert!(
        html.contains("<dd><span class=\"value\">Piet Vrijwilliger (gastheer)</span></dd>"),
        "{html}"
    );
    assert!(
        html.contains("<dd>Piet Vrijwilliger (gastheer) (vastgelegd door: Carla Coördinator)</dd>"),
        "{html}"
    );
    assert!(html.contains("<dd>18 maart 2026</dd>"), "{html}");
}
