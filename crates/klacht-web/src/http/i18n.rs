//! The web pages' texts: the catalogue of `klacht-i18n` (Fluent, `crates/klacht-i18n/locales`),
//! and the public site's strings as typed structs ([`Ui`] here, the form's and the status page's
//! own), so a page names only fields that exist.

use klacht_core::Lang;
use std::sync::LazyLock;

pub use klacht_i18n::{Tmpl, text_problem, tmpl};

tokio::task_local! {
    /// Whether this request's pages address the reader with "je" (the public site and the back
    /// office under a regulation with `texts.informal`, as kjrw's); see [`voice`].
    static INFORMAL: bool;
}

/// Whether this request's pages say "je" instead of "u".
pub fn informal() -> bool {
    INFORMAL.try_with(|v| *v).unwrap_or(false)
}

/// Runs `f` with the texts saying "je" or "u", whatever the request's: to build the strings of
/// one voice once.
pub fn in_voice<R>(informal: bool, f: impl FnOnce() -> R) -> R {
    INFORMAL.sync_scope(informal, f)
}

/// The message `key` in `lang`, in this request's voice ([`klacht_i18n::tr_voiced`]).
pub fn tr(lang: Lang, key: &'static str) -> &'static str {
    klacht_i18n::tr_voiced(lang, informal(), key)
}

/// The message `key` in `lang` with its values filled in, in this request's voice.
pub fn tr_args(lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    klacht_i18n::tr_args_voiced(lang, informal(), key, values)
}

/// The message `key` in `lang` with the number `name` = `n`, in this request's voice.
pub fn tr_count(lang: Lang, key: &str, name: &'static str, n: i64) -> String {
    klacht_i18n::tr_count_voiced(lang, informal(), key, name, n)
}

/// `template` filled in, in this request's voice.
pub fn fill(template: Tmpl, values: &[(&str, &str)]) -> String {
    klacht_i18n::fill_voiced(template, informal(), values)
}

/// What a use case or the regulation said, as this request's page says it: with "je" where the
/// regulation in force says "je" ([`informal`]) and the text has a "je" version (a refusal's
/// message, what it explains, a field's problem, what is not found). The API keeps "u".
pub trait SaidHere {
    fn said_here(&self, lang: Lang) -> String;
}

impl SaidHere for klacht_app::FieldProblem {
    fn said_here(&self, lang: Lang) -> String {
        self.said(lang, informal())
    }
}

impl SaidHere for klacht_core::procedure::Refusal {
    fn said_here(&self, lang: Lang) -> String {
        self.said(lang, informal()).to_owned()
    }
}

impl SaidHere for klacht_core::procedure::Explained {
    fn said_here(&self, lang: Lang) -> String {
        self.said(lang, informal()).to_owned()
    }
}

/// The public site's and the back office's layer: their pages say "je" when the regulation in
/// force does (`texts.informal`), as its own texts and letters do.
pub async fn voice(
    axum::extract::State(state): axum::extract::State<crate::http::state::AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let informal = state.regulation().profile.texts.informal;
    INFORMAL.scope(informal, next.run(request)).await
}

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
    /// The accessibility statement (`/toegankelijkheid`).
    pub footer_accessibility: &'static str,
    /// The published annual reports.
    pub footer_annual: &'static str,
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
    pub attachments_limits: Tmpl,
    pub kept_title: &'static str,
    pub kept_hint: &'static str,
    pub kept_remove: &'static str,
    pub privacy_heading: &'static str,
    pub privacy_accepted_label: &'static str,
    pub honeypot_label: &'static str,
    pub submit: &'static str,

    // --- Regulation page (`GET /klachtenregeling`) ---------------------------------------------
    /// `{date}`.
    pub adopted_on: Tmpl,
    /// `{version}`.
    pub version: Tmpl,
    pub print_hint: &'static str,
    pub regulation_more_heading: &'static str,
    pub regulation_to_form: &'static str,
    pub regulation_to_leaflet: &'static str,
    pub regulation_to_versions: &'static str,
    /// Every page while the regulation holds an example organisation.
    pub example_heading: &'static str,
    pub example_text: &'static str,

    // --- The versions (`GET /klachtenregeling/versies`, `…/versies/{id}`) ----------------------
    pub versions_title: &'static str,
    pub versions_intro: &'static str,
    pub versions_version: &'static str,
    pub versions_from: &'static str,
    pub versions_until: &'static str,
    pub versions_status: &'static str,
    pub versions_now: &'static str,
    pub versions_future: &'static str,
    pub versions_past: &'static str,
    pub versions_replaced: &'static str,
    /// `{from}`, `{until}`.
    pub version_notice_past: Tmpl,
    /// `{from}`.
    pub version_notice_future: Tmpl,
    pub version_notice_replaced: &'static str,
    pub version_to_current: &'static str,

    // --- Leaflet (`GET /klachtenregeling/folder`) ----------------------------------------------
    pub leaflet_title: &'static str,
    pub leaflet_heading: &'static str,
    /// `{organisation}`.
    pub leaflet_has_regulation: Tmpl,
    pub leaflet_free: &'static str,
    pub leaflet_how: &'static str,
    pub leaflet_scan: &'static str,
    pub leaflet_regulation: &'static str,
    pub leaflet_print_hint: &'static str,
    /// Accessible name of the QR code; the URL follows.
    pub qr_label: &'static str,
}

/// The texts in `lang`, from the catalogue (`locales/*/site.ftl`).
fn load(lang: Lang) -> Ui {
    Ui {
        skip_link: tr(lang, "site-skip-link"),
        language_nav: tr(lang, "site-language-nav"),
        footer_nav: tr(lang, "site-footer-nav"),
        footer_contact: tr(lang, "site-footer-contact"),
        footer_form: tr(lang, "site-footer-form"),
        footer_regulation: tr(lang, "site-footer-regulation"),
        footer_leaflet: tr(lang, "site-footer-leaflet"),
        footer_accessibility: tr(lang, "site-footer-accessibility"),
        footer_annual: tr(lang, "site-footer-annual"),
        contact_email: tr(lang, "site-contact-email"),
        contact_phone: tr(lang, "site-contact-phone"),
        contact_address: tr(lang, "site-contact-address"),
        contact_website: tr(lang, "site-contact-website"),
        error_summary_title: tr(lang, "site-error-summary-title"),
        error_prefix: tr(lang, "site-error-prefix"),
        error_title_prefix: tr(lang, "site-error-title-prefix"),
        error_page_title: tr(lang, "site-error-page-title"),
        error_page_text: tr(lang, "site-error-page-text"),
        error_page_home: tr(lang, "site-error-page-home"),
        bad_form_title: tr(lang, "site-bad-form-title"),
        bad_form_text: tr(lang, "site-bad-form-text"),
        unavailable_title: tr(lang, "site-unavailable-title"),
        unavailable_text: tr(lang, "site-unavailable-text"),
        form_title: tr(lang, "site-form-title"),
        form_not_stored: tr(lang, "site-form-not-stored"),
        form_regulation_before: tr(lang, "site-form-regulation-before"),
        form_regulation_link: tr(lang, "site-form-regulation-link"),
        other_ways_heading: tr(lang, "site-other-ways-heading"),
        other_ways_intro: tr(lang, "site-other-ways-intro"),
        form_heading: tr(lang, "site-form-heading"),
        form_required_note: tr(lang, "site-form-required-note"),
        required: tr(lang, "site-required"),
        optional: tr(lang, "site-optional"),
        section_details: tr(lang, "site-section-details"),
        section_complaint: tr(lang, "site-section-complaint"),
        name_label: tr(lang, "site-name-label"),
        name_hint: tr(lang, "site-name-hint"),
        contact_legend: tr(lang, "site-contact-legend"),
        contact_hint: tr(lang, "site-contact-hint"),
        email_label: tr(lang, "site-email-label"),
        phone_label: tr(lang, "site-phone-label"),
        address_label: tr(lang, "site-address-label"),
        address_hint: tr(lang, "site-address-hint"),
        relation_label: tr(lang, "site-relation-label"),
        relation_choose: tr(lang, "site-relation-choose"),
        behalf_legend: tr(lang, "site-behalf-legend"),
        behalf_hint: tr(lang, "site-behalf-hint"),
        on_behalf_of_label: tr(lang, "site-on-behalf-of-label"),
        date_of_birth_label: tr(lang, "site-date-of-birth-label"),
        date_of_birth_hint: tr(lang, "site-date-of-birth-hint"),
        description_label: tr(lang, "site-description-label"),
        description_hint: tr(lang, "site-description-hint"),
        attachments_label: tr(lang, "site-attachments-label"),
        attachments_hint: tr(lang, "site-attachments-hint"),
        attachments_limits: tmpl(lang, "site-attachments-limits"),
        kept_title: tr(lang, "site-kept-title"),
        kept_hint: tr(lang, "site-kept-hint"),
        kept_remove: tr(lang, "site-kept-remove"),
        privacy_heading: tr(lang, "site-privacy-heading"),
        privacy_accepted_label: tr(lang, "site-privacy-accepted-label"),
        honeypot_label: tr(lang, "site-honeypot-label"),
        submit: tr(lang, "site-submit"),
        adopted_on: tmpl(lang, "site-adopted-on"),
        version: tmpl(lang, "site-version"),
        print_hint: tr(lang, "site-print-hint"),
        regulation_more_heading: tr(lang, "site-regulation-more-heading"),
        regulation_to_form: tr(lang, "site-regulation-to-form"),
        regulation_to_leaflet: tr(lang, "site-regulation-to-leaflet"),
        regulation_to_versions: tr(lang, "site-regulation-to-versions"),
        example_heading: tr(lang, "site-example-heading"),
        example_text: tr(lang, "site-example-text"),
        versions_title: tr(lang, "site-versions-title"),
        versions_intro: tr(lang, "site-versions-intro"),
        versions_version: tr(lang, "site-versions-version"),
        versions_from: tr(lang, "site-versions-from"),
        versions_until: tr(lang, "site-versions-until"),
        versions_status: tr(lang, "site-versions-status"),
        versions_now: tr(lang, "site-versions-now"),
        versions_future: tr(lang, "site-versions-future"),
        versions_past: tr(lang, "site-versions-past"),
        versions_replaced: tr(lang, "site-versions-replaced"),
        version_notice_past: tmpl(lang, "site-version-notice-past"),
        version_notice_future: tmpl(lang, "site-version-notice-future"),
        version_notice_replaced: tr(lang, "site-version-notice-replaced"),
        version_to_current: tr(lang, "site-version-to-current"),
        leaflet_title: tr(lang, "site-leaflet-title"),
        leaflet_heading: tr(lang, "site-leaflet-heading"),
        leaflet_has_regulation: tmpl(lang, "site-leaflet-has-regulation"),
        leaflet_free: tr(lang, "site-leaflet-free"),
        leaflet_how: tr(lang, "site-leaflet-how"),
        leaflet_scan: tr(lang, "site-leaflet-scan"),
        leaflet_regulation: tr(lang, "site-leaflet-regulation"),
        leaflet_print_hint: tr(lang, "site-leaflet-print-hint"),
        qr_label: tr(lang, "site-qr-label"),
    }
}

pub static NL: LazyLock<Ui> = LazyLock::new(|| in_voice(false, || load(Lang::Nl)));
/// Dutch with "je" (see [`informal`]).
pub static NL_JE: LazyLock<Ui> = LazyLock::new(|| in_voice(true, || load(Lang::Nl)));
pub static EN: LazyLock<Ui> = LazyLock::new(|| in_voice(false, || load(Lang::En)));

/// The strings for `lang`, in this request's voice.
pub fn ui(lang: Lang) -> &'static Ui {
    match (lang, informal()) {
        (Lang::Nl, false) => &NL,
        (Lang::Nl, true) => &NL_JE,
        (Lang::En, _) => &EN,
    }
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
    fn a_number_chooses_the_plural() {
        let overdue = |lang, n| tr_count(lang, "dashboard-urgency-overdue", "days", n);
        assert_eq!(overdue(Lang::Nl, 1), "te laat: 1 werkdag");
        assert_eq!(overdue(Lang::Nl, 3), "te laat: 3 werkdagen");
        assert_eq!(overdue(Lang::En, 1), "overdue: 1 working day");
        assert_eq!(overdue(Lang::En, 12), "overdue: 12 working days");
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill(
                ui(Lang::Nl).attachments_limits,
                &[("files", "5"), ("size", "10 MB")]
            ),
            "U kunt maximaal 5 bestanden van elk maximaal 10 MB toevoegen."
        );
    }
}
