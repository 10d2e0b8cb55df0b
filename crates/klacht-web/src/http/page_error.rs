//! The error of a page: what a use case's [`AppError`] means for a person at a form in the
//! public site or the back office — its status, the message in the page's language, the fields
//! to mark, the details to list, and whether the same request may succeed later. The JSON API
//! has its own ([`crate::http::error::ApiError`]); both are made from the same [`AppError`].

use crate::http::i18n::{SaidHere, informal, tr, tr_args};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use klacht_app::{AppError, FieldProblem};
use klacht_core::Lang;
use klacht_core::procedure::RefusalKind;
use klacht_store::StoreError;

/// A failed use case, as a page shows it. Made with `From<AppError>`, which logs a fault of
/// ours or of the database with its sources.
#[derive(Debug)]
pub struct PageError(AppError);

impl From<AppError> for PageError {
    fn from(e: AppError) -> Self {
        match &e {
            AppError::Unavailable(_) => tracing::error!(
                error = %klacht_app::with_sources(&e),
                "the database cannot take the request; answered 503"
            ),
            AppError::Unexpected { .. } => {
                tracing::error!(error = %klacht_app::with_sources(&e), "internal error");
            }
            _ => {}
        }
        PageError(e)
    }
}

impl From<klacht_core::procedure::Refusal> for PageError {
    fn from(r: klacht_core::procedure::Refusal) -> Self {
        AppError::from(r).into()
    }
}

impl From<StoreError> for PageError {
    fn from(e: StoreError) -> Self {
        AppError::from(e).into()
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl PageError {
    /// The status of the page that says so.
    pub fn status(&self) -> StatusCode {
        match &self.0 {
            AppError::Refused(r) => match r.kind {
                RefusalKind::NotPermitted | RefusalKind::ConflictOfInterest => {
                    StatusCode::FORBIDDEN
                }
                RefusalKind::WrongState | RefusalKind::Incomplete => StatusCode::CONFLICT,
                RefusalKind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
            },
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict { .. } | AppError::Duplicate(_) | AppError::WrongState(_) => {
                StatusCode::CONFLICT
            }
            AppError::NotFound { .. } => StatusCode::NOT_FOUND,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Unexpected { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The person may not do this (403): no permission, or a conflict of interest.
    pub fn is_forbidden(&self) -> bool {
        self.status() == StatusCode::FORBIDDEN
    }

    /// There is no such thing, or not for this person.
    pub fn is_not_found(&self) -> bool {
        matches!(self.0, AppError::NotFound { .. })
    }

    /// Something the person can mend (a refusal, a bad field, a conflict): the form comes back
    /// with the message, not the error page.
    pub fn is_theirs(&self) -> bool {
        self.status().is_client_error()
    }

    /// The database or the disk cannot take it now; nothing was stored.
    pub fn is_unavailable(&self) -> bool {
        self.0.is_unavailable()
    }

    /// What went wrong, in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        match &self.0 {
            AppError::Refused(r) => r.said_here(lang),
            AppError::Invalid(fields) => {
                let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
                tr_args(lang, "page-error-invalid", &[("fields", &names.join(", "))])
            }
            AppError::Conflict { .. } => tr(lang, "page-error-conflict").to_owned(),
            AppError::Duplicate(what) => tr_args(lang, "page-error-duplicate", &[("what", what)]),
            AppError::NotFound {
                message,
                message_nl,
                message_nl_je,
            } => match (lang, message_nl, message_nl_je) {
                (Lang::Nl, _, Some(je)) if informal() => je.clone(),
                (Lang::Nl, Some(nl), _) => nl.clone(),
                _ => message.clone(),
            },
            AppError::WrongState(what) => what.clone(),
            AppError::Unavailable(_) => tr(lang, "page-error-unavailable").to_owned(),
            AppError::Unexpected { .. } => tr(lang, "page-error-unexpected").to_owned(),
        }
    }

    /// Each field that was wrong, with its message: those of an invalid request, or those a
    /// refusal of the regulation names ([`klacht_app::refusal_fields`]).
    pub fn fields(&self) -> Vec<FieldProblem> {
        match &self.0 {
            AppError::Invalid(fields) => fields.clone(),
            AppError::Refused(r) => klacht_app::refusal_fields(r),
            _ => Vec::new(),
        }
    }

    /// What a refusal lists (what is missing before closing, …), in `lang`: what the refusal
    /// says for people ([`klacht_core::procedure::Refusal::explained`]). Its `details` are for
    /// programs (English, with ids): an English page shows those that are sentences when there
    /// is nothing else; a bare field name says nothing the message does not.
    pub fn details_in(&self, lang: Lang) -> Vec<String> {
        let AppError::Refused(r) = &self.0 else {
            return Vec::new();
        };
        if !r.explained().is_empty() {
            return r.explained().iter().map(|x| x.said_here(lang)).collect();
        }
        match lang {
            Lang::En => r
                .details
                .iter()
                .filter(|d| d.contains(' '))
                .cloned()
                .collect(),
            Lang::Nl => Vec::new(),
        }
    }

    /// Adds `Retry-After` to `response` when the request may be tried again later.
    pub fn with_retry_after(&self, mut response: Response) -> Response {
        if self.is_unavailable() {
            response.headers_mut().insert(
                header::RETRY_AFTER,
                HeaderValue::from(crate::http::error::RETRY_AFTER_SECS),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use klacht_core::procedure::Refusal;

    #[test]
    fn a_page_says_what_went_wrong_in_its_own_language() {
        let e = PageError::from(AppError::Duplicate("jan@example.nl".into()));
        assert_eq!(e.status(), StatusCode::CONFLICT);
        assert_eq!(e.message_in(Lang::Nl), "jan@example.nl bestaat al.");
        assert_eq!(e.message_in(Lang::En), "jan@example.nl exists already.");
        let e = PageError::from(AppError::Conflict { current: 7 });
        assert_eq!(
            e.message_in(Lang::Nl),
            "Deze klacht is intussen gewijzigd. Laad haar opnieuw om te zien wat er gebeurde; er is niets van u opgeslagen."
        );
        assert!(e.is_theirs());
    }

    #[test]
    fn a_fault_of_the_database_is_unavailable_with_retry_after_and_ours_is_a_500() {
        let e = PageError::from(StoreError::Unavailable(sqlx::Error::PoolTimedOut));
        assert_eq!(e.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(!e.is_theirs());
        let r = e.with_retry_after(axum::response::IntoResponse::into_response("x"));
        assert_eq!(r.headers()[header::RETRY_AFTER], "30");
        let e = PageError::from(AppError::unexpected("a broken invariant"));
        assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(
            e.message_in(Lang::En),
            "Something went wrong on our side; nothing was changed. Please try again."
        );
        let r = e.with_retry_after(axum::response::IntoResponse::into_response("x"));
        assert!(r.headers().get(header::RETRY_AFTER).is_none());
    }

    #[test]
    fn a_refusal_names_its_fields_and_one_not_permitted_is_forbidden() {
        let invalid = Refusal::invalid("Controleer het e-mailadres.", "Check the e-mail address.")
            .with_details(vec![
                "email: is not an e-mail address".into(),
                "phone".into(),
                "one of the two is needed".into(),
            ]);
        let e = PageError::from(invalid);
        assert_eq!(e.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<(String, String)> = e
            .fields()
            .iter()
            .map(|f| (f.field.clone(), f.message_in(Lang::Nl)))
            .collect();
        assert_eq!(
            fields,
            [
                ("email".to_owned(), "is not an e-mail address".to_owned()),
                ("phone".to_owned(), "Controleer het e-mailadres.".to_owned()),
            ]
        );
        let refused = Refusal::new(
            RefusalKind::NotPermitted,
            "Alleen de coördinator mag dit.",
            "Only the coordinator may do this.",
        );
        let e = PageError::from(refused);
        assert!(e.is_forbidden());
        assert!(e.fields().is_empty());
        assert_eq!(e.message_in(Lang::Nl), "Alleen de coördinator mag dit.");
    }
}
