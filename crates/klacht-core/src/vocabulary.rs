//! The words for the domain: what each status, role, capacity, step and register state is
//! called, once per language. Every page, letter, report and feed that shows one of these asks
//! here, so the back office, the reports and the refusals cannot disagree.
//!
//! Where the code used two words for one thing, the regulation's own word was chosen: a
//! recommendation the directors take over is *overgenomen* ("bepaalt of de aanbevelingen
//! overgenomen en geïmplementeerd worden", template regulation), and a complaint that has its
//! decision is *beslist* ("De beslissing op de klacht", KJRW regulation; "er is op de klacht
//! beslist", the notices).
//!
//! What a profile names itself (channels, categories, outcomes, deadlines) is the profile's, not
//! here. The public status page speaks to the complainant in sentences of its own ("Afgehandeld",
//! "Besluit genomen"); those are page texts.

use crate::procedure::{Action, Level, Status};
use crate::profile::{Capacity, RegistrationField};
use crate::reports::{ActionStatus, RecommendationStatus};
use crate::{Form, Lang, Role};

/// A complaint's status, as staff read it.
pub fn status(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Received, Lang::Nl) => "ontvangen",
        (Status::Acknowledged, Lang::Nl) => "bevestigd",
        (Status::InProgress, Lang::Nl) => "in behandeling",
        (Status::Decided, Lang::Nl) => "beslist",
        (Status::Closed, Lang::Nl) => "afgesloten",
        (Status::Withdrawn, Lang::Nl) => "ingetrokken",
        (Status::Duplicate, Lang::Nl) => "dubbel (samengevoegd)",
        (Status::Received, Lang::En) => "received",
        (Status::Acknowledged, Lang::En) => "acknowledged",
        (Status::InProgress, Lang::En) => "in progress",
        (Status::Decided, Lang::En) => "decided",
        (Status::Closed, Lang::En) => "closed",
        (Status::Withdrawn, Lang::En) => "withdrawn",
        (Status::Duplicate, Lang::En) => "duplicate (joined)",
    }
}

/// Where a recommendation stands (T14).
pub fn recommendation_status(s: RecommendationStatus, lang: Lang) -> &'static str {
    match s {
        RecommendationStatus::Proposed => lang.pick("voorgesteld", "proposed"),
        RecommendationStatus::Adopted => lang.pick("overgenomen", "adopted"),
        RecommendationStatus::Rejected => lang.pick("afgewezen", "rejected"),
    }
}

/// Where an improvement action stands (T14).
pub fn action_status(s: ActionStatus, lang: Lang) -> &'static str {
    match s {
        ActionStatus::Open => lang.pick("open", "open"),
        ActionStatus::InProgress => lang.pick("in uitvoering", "in progress"),
        ActionStatus::Done => lang.pick("uitgevoerd", "done"),
        ActionStatus::Cancelled => lang.pick("vervallen", "cancelled"),
    }
}

/// A role of an account.
pub fn role(r: Role, lang: Lang) -> &'static str {
    match (r, lang) {
        (Role::Coordinator, Lang::Nl) => "klachtencoördinator",
        (Role::Coordinator, Lang::En) => "complaints coordinator",
        (Role::Deputy, Lang::Nl) => "plaatsvervanger",
        (Role::Deputy, Lang::En) => "deputy",
        (Role::Handler, Lang::Nl) => "behandelaar",
        (Role::Handler, Lang::En) => "handler",
        (Role::Staff, Lang::Nl) => "medewerker / vrijwilliger",
        (Role::Staff, Lang::En) => "staff member / volunteer",
        (Role::Director, Lang::Nl) => "directeur",
        (Role::Director, Lang::En) => "director",
        (Role::Board, Lang::Nl) => "bestuur",
        (Role::Board, Lang::En) => "board",
        (Role::Registrar, Lang::Nl) => "registrator",
        (Role::Registrar, Lang::En) => "registrar",
        (Role::Admin, Lang::Nl) => "beheerder accounts",
        (Role::Admin, Lang::En) => "account administrator",
    }
}

/// The capacity somebody took a step in, as a noun ("als behandelaar").
pub fn capacity(c: Capacity, lang: Lang) -> &'static str {
    match c {
        Capacity::Coordinator => lang.pick("klachtencoördinator", "complaints coordinator"),
        Capacity::Handler => lang.pick("behandelaar", "handler"),
        Capacity::Involved => lang.pick("betrokkene", "person concerned"),
        Capacity::Director => lang.pick("directeur", "director"),
        Capacity::Board => lang.pick("bestuur", "board"),
        Capacity::Registrar => lang.pick("registrator", "registrar"),
        Capacity::Staff => lang.pick("medewerker", "staff member"),
    }
}

/// The capacity named by its code (`"handler"`), as [`capacity`] says it; the code itself when
/// it names none.
pub fn capacity_code(code: &str, lang: Lang) -> String {
    let c = match code {
        "coordinator" => Capacity::Coordinator,
        "handler" => Capacity::Handler,
        "involved" => Capacity::Involved,
        "director" => Capacity::Director,
        "board" => Capacity::Board,
        "registrar" => Capacity::Registrar,
        "staff" => Capacity::Staff,
        other => return other.to_owned(),
    };
    capacity(c, lang).to_owned()
}

/// A field of the registration form (K9, K12.2), as a page names what is still missing.
pub fn registration_field(f: RegistrationField, lang: Lang) -> &'static str {
    match f {
        RegistrationField::ComplainantName => lang.pick("naam van de klager", "complainant's name"),
        RegistrationField::ComplainantAddress => lang.pick(
            "adres of woonplaats van de klager",
            "complainant's address or residence",
        ),
        RegistrationField::ComplainantContact => lang.pick(
            "e-mailadres of telefoonnummer van de klager",
            "complainant's e-mail or phone",
        ),
        RegistrationField::Description => {
            lang.pick("omschrijving van de klacht", "description of the complaint")
        }
        RegistrationField::ReceivedBy => {
            lang.pick("wie de klacht ontving", "who received the complaint")
        }
        RegistrationField::Handler => lang.pick(
            "aan wie de klacht is doorgestuurd",
            "who the complaint was forwarded to",
        ),
        RegistrationField::Category => lang.pick("categorie", "category"),
        RegistrationField::Severity => lang.pick("ernst", "severity"),
        RegistrationField::Relation => lang.pick("relatie van de klager", "complainant's relation"),
    }
}

/// Where the hearing of the complainant stands (Awb 9:10).
pub fn complainant_hearing(h: crate::procedure::ComplainantHearing, lang: Lang) -> &'static str {
    use crate::procedure::ComplainantHearing as H;
    match h {
        H::Offered => lang.pick("aangeboden", "offered"),
        H::Held => lang.pick("gehoord", "heard"),
        H::Waived => lang.pick("afgezien van horen", "hearing waived"),
    }
}

/// Why the hearing of the complainant was waived (Awb 9:10 lid 2).
pub fn waiver_ground(g: crate::procedure::WaiverGround, lang: Lang) -> &'static str {
    use crate::procedure::WaiverGround as G;
    match g {
        G::ManifestlyUnfounded => lang.pick(
            "de klacht is kennelijk ongegrond",
            "the complaint is manifestly unfounded",
        ),
        G::NotWished => lang.pick(
            "de klager wil niet gehoord worden",
            "the complainant does not wish to be heard",
        ),
        G::NoAnswer => lang.pick(
            "de klager heeft niet binnen de gestelde termijn laten weten gehoord te willen worden",
            "the complainant did not say within the term given that they wish to be heard",
        ),
    }
}

/// What a body outside found (issue 18).
pub fn external_outcome(o: crate::procedure::ExternalOutcome, lang: Lang) -> &'static str {
    use crate::procedure::ExternalOutcome as O;
    match o {
        O::Upheld => lang.pick("gegrond", "upheld"),
        O::PartlyUpheld => lang.pick("deels gegrond", "partly upheld"),
        O::NotUpheld => lang.pick("ongegrond", "not upheld"),
        O::NotDealtWith => lang.pick("niet in behandeling genomen", "not dealt with"),
    }
}

/// The rung of the ladder on which a complaint was settled (issue 18).
pub fn rung(r: crate::ladder::Rung, lang: Lang) -> &'static str {
    use crate::ladder::Rung;
    match r {
        Rung::AtOnce => lang.pick("direct opgelost", "settled at once"),
        Rung::Internal => lang.pick("intern afgehandeld", "handled internally"),
        Rung::External => lang.pick("buiten de organisatie", "taken outside"),
    }
}

/// The name of a step, as its button and page title say.
pub fn step(a: Action, lang: Lang) -> &'static str {
    let (nl, en) = match a {
        Action::Acknowledge => ("Ontvangst bevestigen", "Acknowledge receipt"),
        Action::Assign => ("Toewijzen", "Assign"),
        Action::RecordConcerns => (
            "Vastleggen over wie de klacht gaat",
            "Record who the complaint is about",
        ),
        Action::InformInvolved => ("Betrokkene informeren", "Inform the person concerned"),
        Action::RecordHearing => ("Hoor betrokkene vastleggen", "Record the hearing"),
        Action::RecordContact => (
            "Contact met klager vastleggen",
            "Record a contact with the complainant",
        ),
        Action::AddNote => ("Notitie toevoegen", "Add a note"),
        Action::AttachDocument => ("Document toevoegen", "Attach a document"),
        Action::Extend => ("Termijn verlengen", "Extend a deadline"),
        Action::Escalate => ("Escaleren", "Escalate"),
        Action::EscalationNotNeeded => (
            "Vastleggen waarom niet naar het bestuur",
            "Record why not to the board",
        ),
        Action::ReferToCommittee => (
            "Aan adviescommissie voorleggen",
            "Refer to the advisory committee",
        ),
        Action::Classify => ("Classificeren", "Classify"),
        Action::RecordMeasure => ("Maatregel vastleggen", "Record a measure"),
        Action::Decide => ("Besluiten", "Decide"),
        Action::SignOff => (
            "Registratieformulier ondertekenen",
            "Sign the registration form",
        ),
        Action::Close => ("Afsluiten", "Close"),
        Action::Withdraw => ("Intrekking vastleggen", "Record withdrawal"),
        Action::Reopen => ("Heropenen", "Reopen"),
        Action::ReportSummary => ("Samenvatting voor het verslag", "Summary for the report"),
        Action::PlaceHold => ("Bewust bewaren", "Hold back from anonymisation"),
        Action::LiftHold => ("Bewaring opheffen", "Lift the hold"),
        Action::Anonymise => ("Nu anonimiseren", "Anonymise now"),
        Action::Rectify => (
            "Gegevens klager corrigeren",
            "Correct the complainant's details",
        ),
        Action::MarkDuplicate => ("Als dubbel markeren", "Mark as a duplicate"),
        Action::LinkRelated => ("Verwante klacht koppelen", "Link a related complaint"),
        Action::UnlinkRelated => ("Koppeling opheffen", "Remove a link"),
        Action::RecordComplainantHearing => (
            "Horen van de klager vastleggen",
            "Record the hearing of the complainant",
        ),
        Action::ReferOutside => (
            "Verwijzing naar buiten vastleggen",
            "Record a referral outside",
        ),
        Action::RecordExternalOutcome => (
            "Uitkomst van buiten vastleggen",
            "Record the outcome from outside",
        ),
    };
    lang.pick(nl, en)
}

/// How a complaint was made (K1): in writing or orally.
pub fn form(f: Form, lang: Lang) -> &'static str {
    match f {
        Form::Written => lang.pick("schriftelijk", "written"),
        Form::Oral => lang.pick("mondeling", "oral"),
    }
}

/// Whom a complaint was escalated to (T9).
pub fn level(l: Level, lang: Lang) -> &'static str {
    match l {
        Level::Director => lang.pick("directeur", "director"),
        Level::Board => lang.pick("bestuur", "board"),
    }
}

/// The level named by its code (`"board"`), as [`level`] says it; the code itself when it names
/// none.
pub fn level_code(code: &str, lang: Lang) -> String {
    match Level::parse(code) {
        Some(l) => level(l, lang).to_owned(),
        None => code.to_owned(),
    }
}

/// How a letter or contact went (`via` of a timeline event), by its code; the code itself when
/// it names none.
pub fn via(code: &str, lang: Lang) -> String {
    let (nl, en) = match code {
        "email" => ("e-mail", "e-mail"),
        "letter" => ("brief", "letter"),
        "phone" => ("telefoon", "phone"),
        "in_person" => ("persoonlijk", "in person"),
        "status_page" => ("statuspagina", "status page"),
        other => return other.to_owned(),
    };
    lang.pick(nl, en).to_owned()
}

/// What a timeline event is called, by its kind; the kind itself when it names none.
pub fn event_kind(kind: &str, lang: Lang) -> String {
    let (nl, en) = match kind {
        "registered" => ("Klacht geregistreerd", "Complaint registered"),
        "resolved_directly" => ("Direct opgelost", "Resolved directly"),
        "acknowledged" => ("Ontvangst bevestigd", "Receipt acknowledged"),
        "assigned" => ("Toegewezen aan behandelaar", "Assigned to a handler"),
        "concerns_recorded" => (
            "Vastgelegd over wie de klacht gaat",
            "Recorded who the complaint is about",
        ),
        "involved_informed" => ("Betrokkene geïnformeerd", "Person concerned informed"),
        "hearing_recorded" => ("Betrokkene gehoord", "Person concerned heard"),
        "contact_recorded" => ("Contact met klager", "Contact with the complainant"),
        "complainant_hearing_recorded" => ("Horen van de klager", "Hearing of the complainant"),
        "referred_outside" => (
            "Klacht voorgelegd buiten de organisatie",
            "Complaint taken outside the organisation",
        ),
        "external_outcome_recorded" => (
            "Uitkomst van de instantie buiten",
            "Outcome of the body outside",
        ),
        "note_added" => ("Notitie", "Note"),
        "report_summary_written" => ("Samenvatting voor het verslag", "Summary for the report"),
        "hold_placed" => ("Bewust bewaard", "Held back from anonymisation"),
        "hold_lifted" => ("Bewaring opgeheven", "Hold lifted"),
        "anonymised" => ("Geanonimiseerd", "Anonymised"),
        "rectified" => (
            "Gegevens gecorrigeerd op verzoek",
            "Details corrected on request",
        ),
        "document_attached" => ("Document toegevoegd", "Document attached"),
        "marked_duplicate" => (
            "Als dubbel samengevoegd met een andere klacht",
            "Joined another complaint as a duplicate",
        ),
        "duplicate_joined" => (
            "Dubbele klacht samengevoegd met deze",
            "Duplicate complaint joined this one",
        ),
        "duplicate_separated" => (
            "Dubbele klacht weer afzonderlijk",
            "Duplicate complaint separate again",
        ),
        "related_linked" => ("Verwante klacht gekoppeld", "Related complaint linked"),
        "related_unlinked" => ("Koppeling opgeheven", "Link removed"),
        "extended" => ("Termijn verlengd", "Deadline extended"),
        "escalated" => ("Geëscaleerd", "Escalated"),
        "escalation_not_needed" => (
            "Niet naar het bestuur, met reden",
            "Not to the board, with the reason",
        ),
        "referred_to_committee" => (
            "Voorgelegd aan adviescommissie",
            "Referred to the advisory committee",
        ),
        "classified" => ("Geclassificeerd", "Classified"),
        "measure_recorded" => ("Maatregel vastgelegd", "Measure recorded"),
        "decided" => ("Besluit genomen", "Decision taken"),
        "signed_off" => (
            "Registratieformulier ondertekend",
            "Registration form signed",
        ),
        "closed" => ("Afgesloten", "Closed"),
        "withdrawn" => ("Ingetrokken", "Withdrawn"),
        "reopened" => ("Heropend", "Reopened"),
        "letter" => ("Brief aan klager", "Letter to the complainant"),
        "letter_posted" => ("Brief per post verstuurd", "Letter sent by post"),
        "complainant_added" => ("Klager vulde aan", "Complainant added information"),
        "satisfaction_answered" => (
            "Klager beantwoordde de tevredenheidsvraag",
            "Complainant answered the satisfaction question",
        ),
        "status_links_revoked" => ("Statuslinks ingetrokken", "Status links revoked"),
        _ => return kind.to_owned(),
    };
    lang.pick(nl, en).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_word_per_thing_the_regulations_words() {
        assert_eq!(
            recommendation_status(RecommendationStatus::Adopted, Lang::Nl),
            "overgenomen"
        );
        assert_eq!(status(Status::Decided, Lang::Nl), "beslist");
        assert_eq!(status(Status::Decided, Lang::En), "decided");
        assert_eq!(role(Role::Coordinator, Lang::Nl), "klachtencoördinator");
        assert_eq!(capacity_code("handler", Lang::En), "handler");
        assert_eq!(capacity_code("nobody", Lang::Nl), "nobody");
        assert_eq!(step(Action::Decide, Lang::Nl), "Besluiten");
        assert_eq!(event_kind("decided", Lang::En), "Decision taken");
        assert_eq!(via("in_person", Lang::Nl), "persoonlijk");
        assert_eq!(form(Form::Oral, Lang::Nl), "mondeling");
        assert_eq!(level_code("board", Lang::En), "board");
        assert_eq!(level_code("nobody", Lang::Nl), "nobody");
    }
}
