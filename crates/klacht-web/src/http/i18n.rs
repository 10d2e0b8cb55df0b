//! Every visible string of the public site, in Dutch and English.
//!
//! One flat struct with a `&'static str` per string, so a missing translation is a compile error.
//! Strings with a `{placeholder}` are filled in with [`fill`]; what is filled in is plain text
//! (the template escapes the result).

use klacht_core::Lang;

/// The strings of the public site in one language.
#[derive(Debug)]
pub struct Ui {
    // --- Layout: header, skip link, footer ----------------------------------------------------
    /// The link past the header to the page's content.
    pub skip_link: &'static str,
    /// Accessible name of the language switch's navigation landmark.
    pub language_nav: &'static str,
    /// Accessible name of the footer's navigation.
    pub footer_nav: &'static str,
    /// Footer heading above the organisation's contact details.
    pub footer_contact: &'static str,
    pub footer_form: &'static str,
    pub footer_regulation: &'static str,
    pub footer_leaflet: &'static str,
    /// Labels of the organisation's contact details.
    pub contact_email: &'static str,
    pub contact_phone: &'static str,
    pub contact_address: &'static str,
    pub contact_website: &'static str,

    // --- Errors (GOV.UK / NL Design System pattern) -------------------------------------------
    /// Heading of the error summary.
    pub error_summary_title: &'static str,
    /// Before every field error, for screen readers ("Fout:").
    pub error_prefix: &'static str,
    /// Before the page title when the page shows errors ("Fout: ").
    pub error_title_prefix: &'static str,
    /// A page that could not be rendered.
    pub error_page_title: &'static str,
    pub error_page_text: &'static str,
    pub error_page_home: &'static str,
    /// A posted form that could not be read (not text, or too large): nothing was stored.
    pub bad_form_title: &'static str,
    pub bad_form_text: &'static str,
    /// The database cannot take the request now (503): nothing was stored.
    pub unavailable_title: &'static str,
    pub unavailable_text: &'static str,

    // --- Form page (`GET /`) --------------------------------------------------------------------
    pub form_title: &'static str,
    /// Above the form when the complaint could not be stored though nothing in it was wrong.
    pub form_not_stored: &'static str,
    /// "Read how we deal with complaints in our …" — the link text follows.
    pub form_regulation_before: &'static str,
    pub form_regulation_link: &'static str,
    pub other_ways_heading: &'static str,
    pub other_ways_intro: &'static str,
    pub form_heading: &'static str,
    pub form_required_note: &'static str,
    pub required: &'static str,
    pub optional: &'static str,
    pub section_details: &'static str,
    pub section_complaint: &'static str,
    pub name_label: &'static str,
    pub name_hint: &'static str,
    pub contact_legend: &'static str,
    pub contact_hint: &'static str,
    pub email_label: &'static str,
    pub phone_label: &'static str,
    pub address_label: &'static str,
    pub address_hint: &'static str,
    pub relation_label: &'static str,
    pub relation_choose: &'static str,
    pub behalf_legend: &'static str,
    pub behalf_hint: &'static str,
    pub on_behalf_of_label: &'static str,
    pub date_of_birth_label: &'static str,
    pub date_of_birth_hint: &'static str,
    pub description_label: &'static str,
    pub description_hint: &'static str,
    pub attachments_label: &'static str,
    pub attachments_hint: &'static str,
    /// `{files}` and `{size}` ("10 MB").
    pub attachments_limits: &'static str,
    pub kept_title: &'static str,
    pub kept_hint: &'static str,
    pub kept_remove: &'static str,
    pub privacy_heading: &'static str,
    pub privacy_accepted_label: &'static str,
    pub honeypot_label: &'static str,
    pub submit: &'static str,

    // --- Regulation page (`GET /klachtenregeling`) ---------------------------------------------
    /// `{date}`.
    pub adopted_on: &'static str,
    /// `{version}`.
    pub version: &'static str,
    pub print_hint: &'static str,
    pub regulation_more_heading: &'static str,
    pub regulation_to_form: &'static str,
    pub regulation_to_leaflet: &'static str,

    // --- Leaflet (`GET /klachtenregeling/folder`) ----------------------------------------------
    pub leaflet_title: &'static str,
    pub leaflet_heading: &'static str,
    /// `{organisation}`.
    pub leaflet_has_regulation: &'static str,
    pub leaflet_free: &'static str,
    pub leaflet_how: &'static str,
    pub leaflet_scan: &'static str,
    pub leaflet_regulation: &'static str,
    pub leaflet_print_hint: &'static str,
    /// Accessible name of the QR code; the URL follows.
    pub qr_label: &'static str,
}

pub const NL: Ui = Ui {
    skip_link: "Direct naar de inhoud",
    language_nav: "Taal",
    footer_nav: "Over klachten",
    footer_contact: "Contact",
    footer_form: "Een klacht indienen",
    footer_regulation: "Klachtenregeling",
    footer_leaflet: "Folder om te printen",
    contact_email: "E-mail",
    contact_phone: "Telefoon",
    contact_address: "Adres",
    contact_website: "Website",

    error_summary_title: "Er is een probleem",
    error_prefix: "Fout:",
    error_title_prefix: "Fout: ",
    error_page_title: "Er ging iets mis",
    error_page_text: "Deze pagina kan nu niet getoond worden. Dat ligt niet aan u. Probeer het later nog eens, of neem contact met ons op via de gegevens hieronder.",
    error_page_home: "Naar de beginpagina",
    bad_form_title: "Dit formulier kon niet worden gelezen",
    bad_form_text: "Wat er verstuurd werd, is geen gewone tekst of is te groot. Er is niets opgeslagen. Ga terug, controleer wat u invulde en verstuur het opnieuw.",
    unavailable_title: "Dit lukt nu even niet",
    unavailable_text: "Onze database is tijdelijk niet beschikbaar. Er is niets opgeslagen of gewijzigd. Probeer het over een paar minuten opnieuw, of neem contact met ons op via de gegevens hieronder.",

    form_title: "Een klacht indienen",
    form_not_stored: "Uw klacht is niet opgeslagen: wij kunnen op dit moment even niets bewaren. Dat ligt niet aan u. Alles wat u invulde staat hieronder nog; probeer het over een paar minuten opnieuw te versturen.",
    form_regulation_before: "Wat wij met uw klacht doen, leest u in onze",
    form_regulation_link: "klachtenregeling",
    other_ways_heading: "Liever op een andere manier?",
    other_ways_intro: "U kunt uw klacht ook op een van deze manieren aan ons doorgeven:",
    form_heading: "Klachtenformulier",
    form_required_note: "Bij elk veld staat of u het moet invullen.",
    required: "(verplicht)",
    optional: "(niet verplicht)",
    section_details: "Uw gegevens",
    section_complaint: "Uw klacht",
    name_label: "Naam",
    name_hint: "Uw voor- en achternaam.",
    contact_legend: "Hoe kunnen wij u bereiken?",
    contact_hint: "Vul uw e-mailadres of uw telefoonnummer in. Eén van de twee is verplicht, allebei mag ook.",
    email_label: "E-mailadres",
    phone_label: "Telefoonnummer",
    address_label: "Adres",
    address_hint: "Straat, huisnummer, postcode en plaats. Alleen nodig als u liever per post antwoord krijgt.",
    relation_label: "Wat is uw relatie met ons?",
    relation_choose: "Kies…",
    behalf_legend: "Klaagt u namens iemand anders?",
    behalf_hint: "Bijvoorbeeld als ouder of voogd van een kind, of als familielid of begeleider. Vul dan hier de naam in van de persoon om wie het gaat. De naam en contactgegevens hierboven zijn dan die van u. Klaagt u voor uzelf? Laat dit veld dan leeg.",
    on_behalf_of_label: "Naam van de persoon namens wie u klaagt",
    date_of_birth_label: "Geboortedatum",
    date_of_birth_hint: "Van uzelf, of als u namens iemand klaagt: van die persoon.",
    description_label: "Wat is uw klacht?",
    description_hint: "Vertel wat er is gebeurd, wanneer dat was en wie erbij betrokken waren. Schrijf ook op wat u van ons verwacht.",
    attachments_label: "Bijlagen",
    attachments_hint: "Bijvoorbeeld een brief, foto of e-mail. Toegestaan: PDF, foto's (JPG, PNG, GIF, WebP, HEIC), Word, Excel, PowerPoint en OpenDocument.",
    attachments_limits: "U kunt maximaal {files} bestanden van elk maximaal {size} toevoegen.",
    kept_title: "Al bijgevoegd:",
    kept_hint: "Deze bestanden hebben wij al. U hoeft ze niet opnieuw te kiezen.",
    kept_remove: "Verwijderen",
    privacy_heading: "Privacyverklaring",
    privacy_accepted_label: "Ik heb de privacyverklaring gelezen en ga akkoord",
    honeypot_label: "Laat dit veld leeg",
    submit: "Klacht versturen",

    adopted_on: "Vastgesteld op {date}",
    version: "Versie {version}",
    print_hint: "Wilt u de klachtenregeling op papier? Druk deze pagina af met de printfunctie van uw browser.",
    regulation_more_heading: "Een klacht indienen",
    regulation_to_form: "Dien een klacht in met het klachtenformulier",
    regulation_to_leaflet: "Folder over de klachtenregeling (1 pagina, om te printen)",

    leaflet_title: "Folder klachtenregeling",
    leaflet_heading: "Niet tevreden? Zeg het ons.",
    leaflet_has_regulation: "{organisation} heeft een klachtenregeling. Daarin staat wat wij doen als u een klacht heeft.",
    leaflet_free: "Een klacht indienen is gratis. U kunt het zelf doen, of iemand vragen het voor u te doen, bijvoorbeeld uw ouder, voogd of begeleider.",
    leaflet_how: "Zo dient u een klacht in",
    leaflet_scan: "Scan de QR-code met uw telefoon, of ga naar:",
    leaflet_regulation: "De hele klachtenregeling staat op:",
    leaflet_print_hint: "Deze folder past op één A4. Druk hem af met de printfunctie van uw browser.",
    qr_label: "QR-code naar",
};

pub const EN: Ui = Ui {
    skip_link: "Skip to main content",
    language_nav: "Language",
    footer_nav: "About complaints",
    footer_contact: "Contact",
    footer_form: "Make a complaint",
    footer_regulation: "Complaints procedure",
    footer_leaflet: "Printable leaflet",
    contact_email: "Email",
    contact_phone: "Phone",
    contact_address: "Address",
    contact_website: "Website",

    error_summary_title: "There is a problem",
    error_prefix: "Error:",
    error_title_prefix: "Error: ",
    error_page_title: "Something went wrong",
    error_page_text: "This page cannot be shown right now. This is not your fault. Please try again later, or contact us using the details below.",
    error_page_home: "Go to the home page",
    bad_form_title: "This form could not be read",
    bad_form_text: "What was sent is not plain text or is too large. Nothing was stored. Go back, check what you filled in and send it again.",
    unavailable_title: "This cannot be done right now",
    unavailable_text: "Our database is temporarily unavailable. Nothing was stored or changed. Please try again in a few minutes, or contact us using the details below.",

    form_title: "Make a complaint",
    form_not_stored: "Your complaint was not stored: we cannot save anything right now. This is not your fault. Everything you filled in is still below; please try sending it again in a few minutes.",
    form_regulation_before: "What we do with your complaint is described in our",
    form_regulation_link: "complaints procedure",
    other_ways_heading: "Prefer another way?",
    other_ways_intro: "You can also give us your complaint in one of these ways:",
    form_heading: "Complaint form",
    form_required_note: "Each field says whether you have to fill it in.",
    required: "(required)",
    optional: "(optional)",
    section_details: "Your details",
    section_complaint: "Your complaint",
    name_label: "Name",
    name_hint: "Your first name and surname.",
    contact_legend: "How can we reach you?",
    contact_hint: "Fill in your email address or your phone number. One of the two is required; you may give both.",
    email_label: "Email address",
    phone_label: "Phone number",
    address_label: "Address",
    address_hint: "Street, house number, postcode and town. Only needed if you would rather have our answer by post.",
    relation_label: "What is your relationship with us?",
    relation_choose: "Choose…",
    behalf_legend: "Are you complaining on behalf of someone else?",
    behalf_hint: "For example as the parent or guardian of a child, or as a relative or support worker. Then fill in the name of the person the complaint is about. The name and contact details above are then yours. Complaining for yourself? Leave this field empty.",
    on_behalf_of_label: "Name of the person you are complaining for",
    date_of_birth_label: "Date of birth",
    date_of_birth_hint: "Yours, or if you are complaining for someone else: theirs.",
    description_label: "What is your complaint?",
    description_hint: "Tell us what happened, when it was and who was involved. Please also write what you expect from us.",
    attachments_label: "Attachments",
    attachments_hint: "For example a letter, photo or email. Allowed: PDF, photos (JPG, PNG, GIF, WebP, HEIC), Word, Excel, PowerPoint and OpenDocument.",
    attachments_limits: "You can add at most {files} files of at most {size} each.",
    kept_title: "Already attached:",
    kept_hint: "We already have these files. You do not need to choose them again.",
    kept_remove: "Remove",
    privacy_heading: "Privacy statement",
    privacy_accepted_label: "I have read the privacy statement and agree",
    honeypot_label: "Leave this field empty",
    submit: "Send complaint",

    adopted_on: "Adopted on {date}",
    version: "Version {version}",
    print_hint: "Would you like the complaints procedure on paper? Print this page with your browser's print function.",
    regulation_more_heading: "Make a complaint",
    regulation_to_form: "Make a complaint with the complaint form",
    regulation_to_leaflet: "Leaflet about the complaints procedure (1 page, to print)",

    leaflet_title: "Complaints leaflet",
    leaflet_heading: "Not happy? Tell us.",
    leaflet_has_regulation: "{organisation} has a complaints procedure. It says what we do when you have a complaint.",
    leaflet_free: "Making a complaint is free. You can do it yourself, or ask someone to do it for you, for example your parent, guardian or support worker.",
    leaflet_how: "How to make a complaint",
    leaflet_scan: "Scan the QR code with your phone, or go to:",
    leaflet_regulation: "The full complaints procedure is at:",
    leaflet_print_hint: "This leaflet fits on one A4 page. Print it with your browser's print function.",
    qr_label: "QR code linking to",
};

/// The strings for `lang`.
pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// `template` with every `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A file size as people read it: "120 kB", "1,5 MB" / "1.5 MB".
pub fn file_size(bytes: u64, lang: Lang) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    let (whole, tenths, unit) = if bytes >= MB {
        (bytes / MB, (bytes % MB) * 10 / MB, "MB")
    } else if bytes >= KB {
        (bytes / KB, 0, "kB")
    } else if bytes == 0 {
        (0, 0, "kB")
    } else {
        // Anything under a kilobyte reads as 1 kB: nobody needs bytes.
        (1, 0, "kB")
    };
    if tenths == 0 {
        format!("{whole} {unit}")
    } else {
        let sep = match lang {
            Lang::Nl => ',',
            Lang::En => '.',
        };
        format!("{whole}{sep}{tenths} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(file_size(10 * 1024 * 1024, Lang::Nl), "10 MB");
        assert_eq!(file_size(120 * 1024 + 7, Lang::Nl), "120 kB");
        assert_eq!(file_size(1536 * 1024, Lang::Nl), "1,5 MB");
        assert_eq!(file_size(1536 * 1024, Lang::En), "1.5 MB");
        assert_eq!(file_size(5, Lang::En), "1 kB");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill(NL.attachments_limits, &[("files", "5"), ("size", "10 MB")]),
            "U kunt maximaal 5 bestanden van elk maximaal 10 MB toevoegen."
        );
    }
}
