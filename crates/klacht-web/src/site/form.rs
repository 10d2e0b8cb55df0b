//! `GET /`: how to complain, and the complaint form (T2, T19, K1, K2). The same page in its error
//! state is what the form's POST handler answers with ([`render_form`]).

use super::i18n::{file_size, fill};

use super::{ChannelView, Page, PageLang, Ui, channel_views, html, text_failed, text_lang, ui};
use crate::http::markdown;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use klacht_core::Lang;
use klacht_core::texts::public_text;
use pulldown_cmark::HeadingLevel;

/// What the complainant typed, to put back into the form.
#[derive(Debug, Default, Clone)]
pub struct FormValues {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub relation: String,
    pub on_behalf_of: String,
    pub date_of_birth: String,
    pub description: String,
    pub privacy_accepted: bool,
}

/// One thing wrong with a submission, shown at its field and in the error summary.
#[derive(Debug, Clone)]
pub struct FormProblem {
    /// The form field's name, which is also its element id: `name`, `email`, `phone`,
    /// `address`, `relation`, `on_behalf_of`, `date_of_birth`, `description`, `attachments`,
    /// `privacy_accepted`.
    pub field: &'static str,
    /// Already in the page's language.
    pub message: String,
}

/// An attachment received on an earlier attempt, kept so it need not be chosen again.
#[derive(Debug, Clone)]
pub struct KeptFile {
    pub token: String,
    pub filename: String,
    pub size: u64,
}

/// The fields in the order the form shows them; the error summary follows this order.
pub const FIELDS: [&str; 10] = [
    "name",
    "email",
    "phone",
    "address",
    "date_of_birth",
    "relation",
    "on_behalf_of",
    "description",
    "attachments",
    "privacy_accepted",
];

/// File types the form accepts (the `accept` attribute): extensions and their media types.
pub const ACCEPT: &str = ".pdf,.jpg,.jpeg,.png,.gif,.webp,.heic,.heif,\
.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,\
application/pdf,image/jpeg,image/png,image/gif,image/webp,image/heic,image/heif";

/// The file extensions in [`ACCEPT`], lower case, without the dot: for checking an upload.
#[allow(dead_code)] // until the POST handler checks uploads against it
pub const ATTACHMENT_EXTENSIONS: [&str; 17] = [
    "pdf", "jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "doc", "docx", "xls", "xlsx",
    "ppt", "pptx", "odt", "ods", "odp",
];

struct KeptView {
    token: String,
    filename: String,
    size: String,
}

struct RelationOption {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "form.html")]
struct FormPage<'a> {
    page: Page,
    ui: &'static Ui,
    intro_html: Option<String>,
    intro_lang: &'static str,
    channels: Vec<ChannelView>,
    relations: Vec<RelationOption>,
    ask_date_of_birth: bool,
    values: &'a FormValues,
    problems: Vec<&'a FormProblem>,
    kept: Vec<KeptView>,
    privacy_html: String,
    privacy_lang: &'static str,
    accept: &'static str,
    attachments_limits: String,
    /// Why the complaint was not stored although nothing in it was wrong (the database could
    /// not take it): said above the form, which keeps every value.
    not_stored: Option<&'static str>,
}

impl FormPage<'_> {
    /// The message for `field`, if it has one (the first, when there are several).
    fn error(&self, field: &str) -> Option<&str> {
        self.problems
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.message.as_str())
    }

    fn has_error(&self, field: &str) -> bool {
        self.error(field).is_some()
    }

    /// The input's `aria-describedby` and `aria-invalid` attributes (with a leading space), or
    /// nothing. `hint` is the id of the hint that describes it ("" for none). Only ids built from
    /// this module's constant field names go in, so the result needs no escaping.
    fn aria(&self, field: &str, hint: &str) -> String {
        let mut ids: Vec<String> = Vec::new();
        if !hint.is_empty() {
            ids.push(hint.to_owned());
        }
        if self.has_error(field) {
            ids.push(format!("{field}-error"));
        }
        let mut out = String::new();
        if !ids.is_empty() {
            out.push_str(&format!(" aria-describedby=\"{}\"", ids.join(" ")));
        }
        if self.has_error(field) {
            out.push_str(" aria-invalid=\"true\"");
        }
        out
    }

    /// The id of the hint describing `field`: its own when it has one, else `shared` ("" for none).
    fn hint_id(&self, field: &str, hint: &str, shared: &str) -> String {
        if hint.is_empty() {
            shared.to_owned()
        } else {
            format!("{field}-hint")
        }
    }

    /// `form-group` with the error modifier when `field` has a problem.
    fn group(&self, field: &str) -> &'static str {
        if self.has_error(field) {
            "form-group form-group--error"
        } else {
            "form-group"
        }
    }
}

/// `GET /`: the empty form.
pub async fn show(State(state): State<AppState>, PageLang(lang): PageLang) -> Response {
    render_form(&state, lang, &FormValues::default(), &[], &[])
}

/// The form page with `values` filled in, `problems` shown at their fields and in an error
/// summary, and the `kept` attachments listed. `200` without problems, `422` with.
pub fn render_form(
    state: &AppState,
    lang: Lang,
    values: &FormValues,
    problems: &[FormProblem],
    kept: &[KeptFile],
) -> Response {
    form_page(state, lang, values, problems, kept, None)
}

/// The form back with every value and kept attachment when the complaint could not be stored
/// because the database cannot take it now (a full disk, the database away): `503` with
/// `Retry-After` and a plain message above the form.
pub fn render_form_not_stored(
    state: &AppState,
    lang: Lang,
    values: &FormValues,
    kept: &[KeptFile],
) -> Response {
    let mut r = form_page(
        state,
        lang,
        values,
        &[],
        kept,
        Some(ui(lang).form_not_stored),
    );
    r.headers_mut().insert(
        axum::http::header::RETRY_AFTER,
        axum::http::HeaderValue::from(crate::http::error::RETRY_AFTER_SECS),
    );
    r
}

fn form_page(
    state: &AppState,
    lang: Lang,
    values: &FormValues,
    problems: &[FormProblem],
    kept: &[KeptFile],
    not_stored: Option<&'static str>,
) -> Response {
    let loaded = state.regulation();
    let profile = &loaded.profile;
    let public_url = &state.settings.public_url;
    let t = ui(lang);

    let intro = match &profile.texts.intro {
        Some(intro) => match public_text(profile, intro, lang, public_url) {
            Ok(text) => Some((
                markdown::to_html(&text, HeadingLevel::H2),
                text_lang(intro, lang),
            )),
            Err(e) => return text_failed(state, lang, "/", "intro", &e),
        },
        None => None,
    };
    let privacy = match public_text(profile, &profile.texts.privacy, lang, public_url) {
        Ok(text) => markdown::to_html(&text, HeadingLevel::H4),
        Err(e) => return text_failed(state, lang, "/", "privacy", &e),
    };

    let mut sorted: Vec<&FormProblem> = problems.iter().collect();
    sorted.sort_by_key(|p| {
        FIELDS
            .iter()
            .position(|f| *f == p.field)
            .unwrap_or(FIELDS.len())
    });

    let (intro_html, intro_lang) = match intro {
        Some((h, l)) => (Some(h), l),
        None => (None, lang.code()),
    };
    let template = FormPage {
        page: Page::new(state, lang, "/", t.form_title)
            .with_errors(!problems.is_empty() || not_stored.is_some()),
        ui: t,
        intro_html,
        intro_lang,
        channels: channel_views(state, lang, false),
        relations: profile
            .relations
            .iter()
            .map(|r| RelationOption {
                selected: r.id == values.relation,
                value: r.id.clone(),
                label: r.label.get(lang).to_owned(),
            })
            .collect(),
        ask_date_of_birth: profile.registration.ask_date_of_birth,
        values,
        problems: sorted,
        kept: kept
            .iter()
            .map(|k| KeptView {
                token: k.token.clone(),
                filename: k.filename.clone(),
                size: file_size(k.size, lang),
            })
            .collect(),
        privacy_html: privacy,
        privacy_lang: text_lang(&profile.texts.privacy, lang),
        accept: ACCEPT,
        attachments_limits: fill(
            t.attachments_limits,
            &[
                ("files", &state.settings.max_attachments.to_string()),
                (
                    "size",
                    &file_size(
                        u64::try_from(state.settings.max_attachment_bytes).unwrap_or(u64::MAX),
                        lang,
                    ),
                ),
            ],
        ),
        not_stored,
    };
    let status = if not_stored.is_some() {
        StatusCode::SERVICE_UNAVAILABLE
    } else if problems.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    html(status, &template)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::http::state::{FixedClock, Profiles, Settings};
    use std::sync::Arc;

    async fn state(dir: &std::path::Path) -> AppState {
        let url = format!("sqlite://{}", dir.join("klacht.db").display());
        let store = klacht_store_any::Store::connect(&url).await.unwrap();
        let profile = klacht_core::profile::builtin("template").unwrap();
        let now: jiff::Timestamp = "2026-05-01T09:00:00+02:00".parse().unwrap();
        AppState::new(
            store,
            Arc::new(Profiles::new(1, profile)),
            Arc::new(FixedClock::new(now)),
            dir.join("documents"),
            Settings::new("http://klacht.test"),
        )
    }

    async fn body(response: Response) -> (StatusCode, String) {
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn t19_the_error_state_follows_the_error_summary_pattern_and_keeps_every_value() {
        let dir = tempfile::tempdir().unwrap();
        let state = state(dir.path()).await;
        let values = FormValues {
            name: "<script>alert(1)</script>".into(),
            email: "jan@@example".into(),
            phone: String::new(),
            address: "Straat 1 & \"zo\"".into(),
            relation: "supplier".into(),
            on_behalf_of: "Kees".into(),
            date_of_birth: String::new(),
            description: "Het ging </textarea><b>mis</b>".into(),
            privacy_accepted: true,
        };
        let problems = [
            FormProblem {
                field: "privacy_accepted",
                message: "Ga akkoord met de privacyverklaring".into(),
            },
            FormProblem {
                field: "email",
                message: "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl".into(),
            },
            FormProblem {
                field: "attachments",
                message: "brief.exe is geen toegestaan bestandstype".into(),
            },
        ];
        let kept = [KeptFile {
            token: "tok-1\"x".into(),
            filename: "rapport.pdf".into(),
            size: 120 * 1024,
        }];
        let (status, html) = body(render_form(&state, Lang::Nl, &values, &problems, &kept)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(html.contains("<title>Fout: Een klacht indienen — Stichting Voorbeeld</title>"));
        // The summary comes first in main, in the order of the form.
        let main = html.find("<main").unwrap();
        let summary = html
            .find("class=\"error-summary\" role=\"alert\" tabindex=\"-1\"")
            .unwrap();
        let h1 = html.find("<h1>").unwrap();
        assert!(main < summary && summary < h1);
        assert!(html.contains(">Er is een probleem</h2>"));
        let email = html.find("<li><a href=\"#email\">Vul een geldig").unwrap();
        let files = html.find("<li><a href=\"#attachments\">brief.exe").unwrap();
        let privacy = html
            .find("<li><a href=\"#privacy_accepted\">Ga akkoord")
            .unwrap();
        assert!(email < files && files < privacy);
        // At the field: the message above the input, referenced by it; the group marked.
        assert!(html.contains(
            "<p class=\"field-error\" id=\"email-error\"><span class=\"visually-hidden\">Fout:</span> Vul een geldig"
        ));
        assert!(
            html.contains("aria-describedby=\"contact-hint email-error\" aria-invalid=\"true\"")
        );
        assert!(html.contains(
            "aria-describedby=\"attachments-hint attachments-error\" aria-invalid=\"true\""
        ));
        assert!(html.contains("aria-describedby=\"privacy_accepted-error\" aria-invalid=\"true\""));
        assert_eq!(html.matches("aria-invalid").count(), 3);
        assert!(html.contains("<div class=\"form-group form-group--error\">"));
        assert!(html.find("id=\"email-error\"").unwrap() < html.find("id=\"email\"").unwrap());
        // Every value back, inert.
        assert!(!html.contains("<script>"));
        assert!(
            html.contains("value=\"&#60;script&#62;alert(1)&#60;/script&#62;\"")
                || html.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""),
            "{html}"
        );
        assert!(html.contains("value=\"jan@@example\""));
        assert!(!html.contains("</textarea><b>"));
        assert!(html.contains("<option value=\"supplier\" selected>Leverancier</option>"));
        assert!(html.contains("value=\"Kees\""));
        assert!(html.contains("value=\"yes\" required checked"));
        // Kept files: listed, sent back, removable.
        assert!(html.contains("Al bijgevoegd:"));
        assert!(html.contains("rapport.pdf (120 kB)"));
        assert!(
            html.contains("name=\"kept\" value=\"tok-1&#34;x\"")
                || html.contains("name=\"kept\" value=\"tok-1&quot;x\""),
            "{html}"
        );
        assert!(html.contains("name=\"remove_kept\" value=\"tok-1"));
    }

    #[tokio::test]
    async fn an_empty_form_is_200_without_error_markup() {
        let dir = tempfile::tempdir().unwrap();
        let state = state(dir.path()).await;
        let (status, html) = body(render_form(
            &state,
            Lang::En,
            &FormValues::default(),
            &[],
            &[],
        ))
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("<title>Make a complaint — Stichting Voorbeeld</title>"));
        assert!(!html.contains("error"), "no error markup at all");
        assert!(!html.contains("Already attached"));
    }
}
