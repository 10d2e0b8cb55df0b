//! One error type for every response that is not a success: a status and a JSON body that
//! names the problem.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use klacht_app::AppError;
use klacht_core::procedure::{Refusal, RefusalKind};
use klacht_store::StoreError;
use serde::Serialize;
use utoipa::ToSchema;

/// A problem with one field of the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    /// The field, as a path (`email`, `categories[1]`).
    pub field: String,
    pub message: String,
}

/// The body of every error response.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ErrorBody {
    /// A stable code: `invalid`, `not_found`, `unauthorized`, `not_permitted`,
    /// `conflict_of_interest`, `wrong_state`, `incomplete`, `conflict`, …
    pub error: String,
    /// What is wrong, in English.
    pub message: String,
    /// The same in Dutch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_nl: Option<String>,
    /// Each bad field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// Further details (what is missing before closing, …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
    /// What this person may do with the complaint now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<&'static str>>,
}

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: Box<ErrorBody>,
    /// Seconds after which the same request may succeed (`Retry-After`).
    pub retry_after: Option<u32>,
}

/// How long to wait before trying again when the database cannot take a request.
pub const RETRY_AFTER_SECS: u32 = 30;

impl ApiError {
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            body: Box::new(ErrorBody {
                error: code.into(),
                message: message.into(),
                message_nl: None,
                fields: Vec::new(),
                details: Vec::new(),
                allowed: None,
            }),
            retry_after: None,
        }
    }

    pub fn nl(mut self, message: impl Into<String>) -> Self {
        self.body.message_nl = Some(message.into());
        self
    }

    /// The message in `lang`: the Dutch one where there is one, else the English.
    pub fn message_in(&self, lang: klacht_core::Lang) -> String {
        match lang {
            klacht_core::Lang::Nl => self.body.message_nl.as_ref(),
            klacht_core::Lang::En => None,
        }
        .unwrap_or(&self.body.message)
        .clone()
    }

    pub fn invalid(fields: Vec<FieldError>) -> Self {
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        let mut e = ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            format!("The request has errors in: {}.", names.join(", ")),
        )
        .nl(format!(
            "Het verzoek bevat fouten in: {}.",
            names.join(", ")
        ));
        e.body.fields = fields;
        e
    }

    pub fn not_found(what: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", what)
    }

    /// The database cannot take the request now (a full disk, the database away): nothing was
    /// stored, and the same request may succeed later.
    pub fn unavailable(what: impl std::fmt::Display) -> Self {
        tracing::error!(error = %what, "the database cannot take the request; answered 503");
        let mut e = ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "Nothing was stored: the database cannot take this right now (for example, its disk is full or it cannot be reached). Please try again in a minute.",
        )
        .nl("Er is niets opgeslagen: de database kan dit nu niet verwerken (bijvoorbeeld omdat de schijf vol is of de database onbereikbaar is). Probeer het over een minuut opnieuw.");
        e.retry_after = Some(RETRY_AFTER_SECS);
        e
    }

    /// A file could not be written or read: with the disk full (or over its quota) the request
    /// may succeed later ([`ApiError::unavailable`]); anything else is ours
    /// ([`ApiError::internal`]).
    pub fn from_io(what: &str, e: &std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                ApiError::unavailable(format!("{what}: {e}"))
            }
            _ => ApiError::internal(format!("{what}: {e}")),
        }
    }

    /// Whether this is [`ApiError::unavailable`].
    pub fn is_unavailable(&self) -> bool {
        self.status == StatusCode::SERVICE_UNAVAILABLE
    }

    /// Adds `Retry-After` to `response` when the request may be tried again later.
    pub fn with_retry_after(&self, mut response: Response) -> Response {
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }

    pub fn internal(what: impl Into<String>) -> Self {
        let what = what.into();
        tracing::error!(%what, "internal error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Something went wrong on our side; nothing was changed. Please try again.",
        )
        .nl("Er ging bij ons iets mis; er is niets gewijzigd. Probeer het opnieuw.")
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.body.error,
            self.body.message
        )
    }
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> Self {
        let (status, code) = match r.kind {
            RefusalKind::NotPermitted => (StatusCode::FORBIDDEN, "not_permitted"),
            RefusalKind::ConflictOfInterest => (StatusCode::FORBIDDEN, "conflict_of_interest"),
            RefusalKind::WrongState => (StatusCode::CONFLICT, "wrong_state"),
            RefusalKind::Incomplete => (StatusCode::CONFLICT, "incomplete"),
            RefusalKind::Invalid => (StatusCode::UNPROCESSABLE_ENTITY, "invalid"),
        };
        let mut e = ApiError::new(status, code, r.message.get(klacht_core::Lang::En))
            .nl(r.message.nl.clone());
        e.body.fields = klacht_app::refusal_fields(&r)
            .into_iter()
            .map(FieldError::from)
            .collect();
        e.body.details = r.details;
        e.body.allowed = Some(r.allowed);
        e
    }
}

impl From<klacht_app::FieldProblem> for FieldError {
    fn from(p: klacht_app::FieldProblem) -> Self {
        FieldError {
            field: p.field,
            message: p.message,
        }
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::Refused(r) => r.into(),
            AppError::Invalid(fields) => {
                ApiError::invalid(fields.into_iter().map(FieldError::from).collect())
            }
            AppError::Conflict { current } => ApiError::new(
                StatusCode::CONFLICT,
                "conflict",
                format!("This complaint changed while you were working on it (it is now at version {current}). Reload it to see what happened; nothing of yours was saved."),
            )
            .nl("Deze klacht is intussen gewijzigd. Laad haar opnieuw om te zien wat er gebeurde; er is niets van u opgeslagen."),
            AppError::Duplicate(what) => {
                ApiError::new(StatusCode::CONFLICT, "duplicate", format!("{what} exists already."))
            }
            // The API says "u", as it always has: a "je" version is for pages.
            AppError::NotFound {
                message,
                message_nl,
                ..
            } => {
                let e = ApiError::not_found(message);
                match message_nl {
                    Some(nl) => e.nl(nl),
                    None => e,
                }
            }
            AppError::WrongState(what) => ApiError::new(StatusCode::CONFLICT, "wrong_state", what),
            AppError::Unavailable(e) => ApiError::unavailable(e),
            e @ AppError::Unexpected { .. } => ApiError::internal(klacht_app::with_sources(&e)),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        AppError::from(e).into()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let retry_after = self.retry_after;
        let mut res = (self.status, Json(*self.body)).into_response();
        let h = res.headers_mut();
        if self.status == StatusCode::UNAUTHORIZED {
            h.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(secs) = retry_after {
            h.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        res
    }
}
