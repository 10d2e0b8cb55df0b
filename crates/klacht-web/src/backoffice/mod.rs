//! The back office (`/beheer`): where the coordinator, handlers, the people complained about,
//! the director and the board do their part of the regulation. Server-rendered HTML that works
//! without JavaScript, Dutch first with English, every form protected by the session's CSRF
//! token. The JSON API under `/api/v1` is the same operations.
//!
//! Pages take a [`Desk`] (the signed-in staff member); without a session they lead to the
//! sign-in page. Texts sit in the templates as pairs: `{{ f.t("desk-complaints") }}`.

// Handlers answer early with a finished page (`Result<_, Response>`), as axum handlers do.
#![allow(clippy::result_large_err)]

pub mod account;
pub mod analysis;
pub mod dashboard;
pub mod dossier;
pub mod login;
pub mod publication;
pub mod recommendations;
pub mod register;
pub mod regulation;
pub mod reports;
pub mod requests;
pub mod retention;
pub mod settings;
pub mod setup;
pub mod tray;
pub mod users;

use crate::http::auth::session;
use crate::http::i18n::tr;
use crate::http::lang::PageLang;
use crate::http::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use klacht_core::{Lang, Role};
use klacht_store::User;

/// The back office's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/beheer", get(dashboard::show))
        .route("/beheer/", get(|| async { Redirect::to("/beheer") }))
        .route("/beheer/inloggen", get(login::form).post(login::submit))
        .route(
            "/beheer/inloggen/code",
            get(login::code_form).post(login::code_submit),
        )
        .route("/beheer/uitloggen", post(login::logout))
        .route(
            "/beheer/setup/{token}",
            get(setup::link_form).post(setup::link_submit),
        )
        .route("/beheer/inrichten", get(setup::form).post(setup::submit))
        .route("/beheer/inrichten/klaar", get(setup::done))
        .route(
            "/beheer/wachtwoord/{token}",
            get(login::password_form).post(login::password_submit),
        )
        .route(
            "/beheer/klachten/nieuw",
            get(register::form).post(register::submit),
        )
        .route("/beheer/klachten/{reference}", get(dossier::show))
        .route(
            "/beheer/klachten/{reference}/stap/{action}",
            get(dossier::step_form).post(dossier::step_submit),
        )
        .route(
            "/beheer/klachten/{reference}/document",
            post(dossier::attach),
        )
        .route(
            "/beheer/klachten/{reference}/documenten/{sha256}",
            get(dossier::document),
        )
        .route(
            "/beheer/aanbevelingen",
            get(recommendations::list).post(recommendations::create),
        )
        .route("/beheer/aanbevelingen/{id}", get(recommendations::show))
        .route(
            "/beheer/aanbevelingen/{id}/klachten",
            post(recommendations::link),
        )
        .route(
            "/beheer/aanbevelingen/{id}/besluit",
            post(recommendations::decide),
        )
        .route(
            "/beheer/aanbevelingen/{id}/acties",
            post(recommendations::add_action),
        )
        .route("/beheer/acties/{id}", post(recommendations::update_action))
        .route(
            "/beheer/evaluaties",
            get(recommendations::evaluations).post(recommendations::evaluate),
        )
        .route("/beheer/verslagen", get(reports::index))
        .route(
            "/beheer/verslagen/analyse",
            get(analysis::form).post(analysis::save),
        )
        .route(publication::PATH, get(publication::show))
        .route(
            "/beheer/verslagen/publicatie/beoordeling",
            post(publication::review),
        )
        .route(
            "/beheer/verslagen/publicatie/publiceren",
            post(publication::publish),
        )
        .route(
            "/beheer/verslagen/publicatie/intrekken",
            post(publication::withdraw),
        )
        .route("/beheer/verslagen/halfjaar", get(reports::half_year))
        .route("/beheer/verslagen/jaar", get(reports::annual))
        .route("/beheer/verslagen/periode", get(reports::period))
        .route("/beheer/postvak", get(tray::list))
        .route("/beheer/postvak/{id}", get(tray::show))
        .route("/beheer/postvak/{id}/klacht", post(tray::register))
        .route("/beheer/postvak/{id}/toevoegen", post(tray::add))
        .route(
            "/beheer/postvak/{id}/geen-klacht",
            post(tray::not_a_complaint),
        )
        .route("/beheer/bewaartermijn", get(retention::show))
        .route("/beheer/regeling", get(regulation::list))
        .route(
            "/beheer/regeling/nieuw",
            get(regulation::new_form).post(regulation::create),
        )
        .route("/beheer/regeling/{id}", get(regulation::show))
        .route("/beheer/regeling/{id}/voorbeeld", get(regulation::preview))
        .route("/beheer/regeling/{id}/brieven", get(settings::letters))
        .route(
            "/beheer/regeling/{id}/instellingen",
            get(settings::overview),
        )
        .route(
            "/beheer/regeling/{id}/instellingen/{part}",
            get(settings::show).post(settings::save),
        )
        .route("/beheer/regeling/{id}/vaststellen", post(regulation::adopt))
        .route(
            "/beheer/regeling/{id}/verwijderen",
            post(regulation::discard),
        )
        .route("/beheer/verzoeken", get(requests::list))
        .route(
            "/beheer/verzoeken/nieuw",
            get(requests::new_form).post(requests::create),
        )
        .route("/beheer/verzoeken/{id}", get(requests::show))
        .route("/beheer/verzoeken/{id}/verlengen", post(requests::extend))
        .route("/beheer/verzoeken/{id}/corrigeren", post(requests::rectify))
        .route("/beheer/verzoeken/{id}/wissen", post(requests::erase))
        .route("/beheer/verzoeken/{id}/afronden", post(requests::complete))
        .route(
            "/beheer/verzoeken/{id}/gegevens.json",
            get(requests::export_json),
        )
        .route("/beheer/meldingen", get(account::notices))
        .route("/beheer/meldingen/gelezen", post(account::notices_read))
        .route("/beheer/account", get(account::show).post(account::update))
        .route(
            "/beheer/account/tweede-factor",
            get(account::totp_form).post(account::totp_submit),
        )
        .route(
            "/beheer/account/herstelcodes",
            post(account::new_recovery_codes),
        )
        .route("/beheer/account/agenda", post(account::calendar))
        .route("/beheer/gebruikers", get(users::list).post(users::create))
        .route("/beheer/gebruikers/logboek", get(users::log))
        .route(
            "/beheer/gebruikers/{id}",
            get(users::show).post(users::update),
        )
        .route(
            "/beheer/klachten/{reference}/registratieformulier",
            get(dossier::print_form),
        )
        .route(
            "/beheer/klachten/{reference}/brieven/{seq}",
            get(dossier::print_letter),
        )
        .route(
            "/beheer/klachten/{reference}/brieven/{seq}/verstuurd",
            post(dossier::letter_posted),
        )
        .merge(pdf_routes())
        .layer(axum::middleware::from_fn(headers))
        .layer(axum::middleware::from_fn(crate::http::lang::remember))
}

#[cfg(feature = "pdf")]
fn pdf_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/beheer/klachten/{reference}/registratieformulier.pdf",
            get(dossier::print_pdf),
        )
        .route(
            "/beheer/verzoeken/{id}/gegevens.pdf",
            get(requests::export_pdf),
        )
        .route(
            "/beheer/klachten/{reference}/brieven/{seq}/pdf",
            get(dossier::print_letter_pdf),
        )
}

#[cfg(not(feature = "pdf"))]
fn pdf_routes() -> Router<AppState> {
    Router::new()
}

/// Back-office pages hold personal data: never cached, never indexed, never framed; no script
/// runs (a stored text with `<script>` is escaped by the templates and blocked here besides).
async fn headers(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
                 base-uri 'none'; frame-ancestors 'none'",
            ),
        );
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        axum::http::HeaderName::from_static("x-robots-tag"),
        HeaderValue::from_static("noindex, nofollow"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// The signed-in staff member of a back-office page.
#[derive(Debug, Clone)]
pub struct Desk {
    pub user: User,
    /// The session's CSRF token, for every form.
    pub csrf: String,
    pub lang: Lang,
    /// Unread notifications (the header shows the count).
    pub unread: u64,
    /// Oversees retention (the navigation offers the page; the page checks again).
    pub retention: bool,
}

impl Desk {
    /// Checks a posted form's CSRF token; a mismatch is answered with a page that explains.
    pub fn check(&self, sent: &str) -> Result<(), Response> {
        if session::same_secret(sent, &self.csrf) {
            Ok(())
        } else {
            Err(message(
                &Frame::bare(self.lang, "desk-form-expired"),
                StatusCode::FORBIDDEN,
                Msg {
                    key: "desk-this-form-no-longer-belongs-to-your",
                },
            ))
        }
    }

    /// Reads a posted form into its type `T`, after checking its CSRF token (a mismatch is
    /// answered as [`Desk::check`] does). A form that cannot be read as `T` (a field sent twice
    /// that is taken once) is answered with a page that asks to send it again: never axum's
    /// plain-text rejection.
    pub fn posted<T: serde::de::DeserializeOwned>(&self, body: &[u8]) -> Result<T, Response> {
        /// The token alone, read first: a form that is wrong elsewhere is still checked.
        #[derive(serde::Deserialize)]
        struct Token {
            #[serde(default)]
            csrf: String,
        }
        let token = crate::http::forms::read::<Token>(body).map(|t| t.csrf);
        self.check(token.as_deref().unwrap_or(""))?;
        crate::http::forms::read::<T>(body).map_err(|e| {
            tracing::info!(error = %e, "a back-office form that cannot be read");
            message(
                &self
                    .frame("/beheer", "dossier-form-incomplete")
                    .with_errors(true),
                StatusCode::BAD_REQUEST,
                Msg {
                    key: "dossier-the-form-did-not-arrive-properly-please",
                },
            )
        })
    }

    pub fn has(&self, role: Role) -> bool {
        self.user.roles.contains(&role)
    }

    /// The layout's data for a page titled by the catalogue's text `title`.
    pub fn frame(&self, path: &str, title: &'static str) -> Frame {
        self.frame_titled(path, tr(self.lang, title))
    }

    /// The layout's data for a page titled `title` (already in the page's language).
    pub fn frame_titled(&self, path: &str, title: &str) -> Frame {
        Frame {
            lang: self.lang,
            title: title.to_owned(),
            path: path.to_owned(),
            user: Some(NavUser {
                name: self.user.name.clone(),
                csrf: self.csrf.clone(),
                unread: self.unread,
                admin: self.has(Role::Admin),
                account_log: users::may_read_log(&self.user),
                registers: self.user.roles.iter().any(|r| *r != Role::Admin),
                register_reader: klacht_core::register::may_read(&self.user.roles).is_ok(),
                reports: klacht_core::reports::may_read(&self.user.roles).is_ok(),
                retention: self.retention,
                regulation: klacht_app::regulation::may_manage(&self.user),
                tray: self
                    .user
                    .roles
                    .iter()
                    .any(|r| matches!(r, Role::Coordinator | Role::Deputy | Role::Registrar)),
            }),
            has_errors: false,
        }
    }
}

/// What a request without a (complete) session gets.
pub enum NoDesk {
    /// To the sign-in page, and back here afterwards.
    SignIn {
        back: String,
        expired: bool,
    },
    /// The password was right; the code is still to come.
    Code,
    /// The profile requires a second factor for this person's roles and they have none yet.
    Enrol,
    Failed(Response),
}

impl IntoResponse for NoDesk {
    fn into_response(self) -> Response {
        match self {
            NoDesk::SignIn { back, expired } => {
                let mut to = format!("/beheer/inloggen?terug={}", encode(&back));
                if expired {
                    to.push_str("&verlopen=1");
                }
                Redirect::to(&to).into_response()
            }
            NoDesk::Code => Redirect::to("/beheer/inloggen/code").into_response(),
            NoDesk::Enrol => Redirect::to("/beheer/account/tweede-factor").into_response(),
            NoDesk::Failed(r) => r,
        }
    }
}

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|q| q.trim_start_matches('=').to_owned())
        .unwrap_or_default()
}

impl FromRequestParts<AppState> for Desk {
    type Rejection = NoDesk;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, NoDesk> {
        let lang = PageLang::from_request_parts(parts, state)
            .await
            .map(|l| l.0)
            .unwrap_or_default();
        let path = parts
            .extensions
            .get::<OriginalUri>()
            .map(|u| u.0.path().to_owned())
            .unwrap_or_else(|| parts.uri.path().to_owned());
        let back = if parts.method == Method::GET {
            parts
                .extensions
                .get::<OriginalUri>()
                .and_then(|u| u.0.path_and_query().map(|p| p.to_string()))
                .unwrap_or_else(|| path.clone())
        } else {
            path.clone()
        };
        let had_cookie = session::token(&parts.headers, &state.settings);
        let failed = |e: &dyn std::fmt::Display| {
            tracing::error!(error = %e, "reading the session");
            NoDesk::Failed(crate::http::pages::error_page(state, lang, &path))
        };
        let Some(token) = had_cookie else {
            return Err(NoDesk::SignIn {
                back,
                expired: false,
            });
        };
        let Some(s) = klacht_app::accounts::sessions::current(state, &token)
            .await
            .map_err(|e| failed(&e))?
        else {
            return Err(NoDesk::SignIn {
                back,
                expired: true,
            });
        };
        if s.pending_totp {
            return Err(NoDesk::Code);
        }
        let loaded = state.regulation();
        let enrolling = path == "/beheer/account/tweede-factor" || path == "/beheer/uitloggen";
        if !s.user.totp && loaded.profile.roles.needs_second_factor(&s.user.roles) && !enrolling {
            return Err(NoDesk::Enrol);
        }
        let unread = state
            .store
            .unread_notices(s.user.id)
            .await
            .map_err(|e| failed(&e))?;
        // Who may anonymise, as `klacht_app::privacy::may_oversee` judges it: the rule does not
        // look at the other staff for no complaint in particular, so none are read for the menu.
        let retention = klacht_core::retention::may_oversee(
            &loaded.profile,
            &klacht_core::procedure::Org { staff: Vec::new() },
            &s.user.staff(),
        )
        .is_ok();
        Ok(Desk {
            user: s.user,
            csrf: s.csrf,
            lang,
            unread,
            retention,
        })
    }
}

/// The signed-in person as the header shows them.
#[derive(Debug, Clone)]
pub struct NavUser {
    pub name: String,
    pub csrf: String,
    pub unread: u64,
    pub admin: bool,
    /// Reads the account log (coordinators, admins).
    pub account_log: bool,
    /// May register complaints (anyone with a role other than admin).
    pub registers: bool,
    /// Reads the recommendations register (T14).
    pub register_reader: bool,
    /// Reads the reports (coordinator, deputy, director, board).
    pub reports: bool,
    /// Oversees retention: what is anonymised soon, what is held back (the coordinator).
    pub retention: bool,
    /// Drafts and adopts versions of the regulation (the coordinator, the administrator).
    pub regulation: bool,
    /// Works the post tray (the coordinator, the deputy, a registrar; the page checks again).
    pub tray: bool,
}

/// What the back office's layout (`templates/beheer/base.html`) shows around every page.
#[derive(Debug, Clone)]
pub struct Frame {
    pub lang: Lang,
    pub title: String,
    /// This page's path, for the language switch and the current navigation item.
    pub path: String,
    /// Signed in: the navigation.
    pub user: Option<NavUser>,
    pub has_errors: bool,
}

impl Frame {
    /// A page without a signed-in user (sign-in, setup, errors), titled by the catalogue's
    /// text `title`.
    pub fn bare(lang: Lang, title: &'static str) -> Frame {
        Frame {
            lang,
            title: tr(lang, title).to_owned(),
            path: String::new(),
            user: None,
            has_errors: false,
        }
    }

    pub fn at(mut self, path: &str) -> Frame {
        self.path = path.to_owned();
        self
    }

    pub fn with_errors(mut self, errors: bool) -> Frame {
        self.has_errors = errors;
        self
    }

    /// The catalogue's text `key` in the page's language.
    pub fn t(&self, key: &'static str) -> &'static str {
        tr(self.lang, key)
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn full_title(&self) -> String {
        let prefix = if self.has_errors {
            self.t("desk-error-2")
        } else {
            ""
        };
        format!("{prefix}{} — klacht", self.title)
    }

    /// The language switch's target.
    pub fn switch_href(&self) -> String {
        let other = self.switch_lang();
        let path = if self.path.is_empty() {
            "/beheer"
        } else {
            &self.path
        };
        format!("{path}?lang={other}")
    }

    /// The language the switch offers.
    fn other_lang(&self) -> Lang {
        match self.lang {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }

    /// The switch's text, in the language it switches to.
    pub fn switch_label(&self) -> &'static str {
        tr(self.other_lang(), "language-name")
    }

    pub fn switch_lang(&self) -> &'static str {
        self.other_lang().code()
    }

    /// `aria-current="page"` for the navigation item of this page.
    pub fn current(&self, prefix: &str) -> bool {
        if prefix == "/beheer" {
            self.path == "/beheer"
        } else {
            self.path.starts_with(prefix)
        }
    }
}

/// A text of the catalogue, to be said in the page's language.
#[derive(Debug, Clone, Copy)]
pub struct Msg {
    pub key: &'static str,
}

#[derive(Template)]
#[template(path = "beheer/message.html")]
struct MessagePage<'a> {
    f: &'a Frame,
    text: String,
    link: Option<(String, String)>,
}

/// A page that only says something (an error, a refusal, a dead link).
pub fn message(f: &Frame, status: StatusCode, msg: Msg) -> Response {
    let text = f.t(msg.key).to_owned();
    crate::http::pages::html(
        status,
        &MessagePage {
            f,
            text,
            link: None,
        },
    )
}

/// A page that says something and offers one way on.
pub fn message_with_link(
    f: &Frame,
    status: StatusCode,
    text: String,
    href: &str,
    label: &str,
) -> Response {
    crate::http::pages::html(
        status,
        &MessagePage {
            f,
            text,
            link: Some((href.to_owned(), label.to_owned())),
        },
    )
}

/// A generated file: `how` is `inline` (shown by the browser) or `attachment` (saved), `name`
/// an ASCII file name.
pub fn download(bytes: Vec<u8>, content_type: &'static str, how: &str, name: &str) -> Response {
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("{how}; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// A refusal (403) on `path` with the reason the use case gave, in the page's language, and one way
/// on: `back` with its `label`.
pub fn refusal(
    desk: &Desk,
    path: &str,
    e: &crate::http::page_error::PageError,
    back: &str,
    label: &str,
) -> Response {
    message_with_link(
        &desk.frame(path, "desk-no-access"),
        StatusCode::FORBIDDEN,
        e.message_in(desk.lang),
        back,
        label,
    )
}

/// Logs an unexpected failure and answers with the error page; when the database cannot take
/// the request now (a full disk, the database away), with the page that says so, `503` and
/// `Retry-After`.
pub fn failed(
    state: &AppState,
    lang: Lang,
    path: &str,
    what: &str,
    e: impl Into<crate::http::page_error::PageError>,
) -> Response {
    let e = e.into();
    tracing::error!(error = %e, "{what}");
    crate::http::pages::failure_page(state, lang, path, &e)
}

/// The message for field `name` among a form's errors, if it was wrong.
pub fn error_for<'a>(errors: &'a [(String, String)], name: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|(f, _)| f == name)
        .map(|(_, m)| m.as_str())
}

/// A date as people read it: "21 november 2026".
pub fn long_date(d: jiff::civil::Date, lang: Lang) -> String {
    klacht_core::texts::long_date(d, lang)
}

/// A moment in Amsterdam time: "21-11-2026 14:05".
pub fn when(t: jiff::Timestamp) -> String {
    klacht_core::calendar::amsterdam_datetime(t)
        .strftime("%d-%m-%Y %H:%M")
        .to_string()
}
