//! What can go wrong in a use case, in the terms a surface needs to answer: each surface turns
//! an [`AppError`] into its JSON error or its page, without looking at strings.

use klacht_core::procedure::Refusal;
use klacht_store::StoreError;

type Source = Box<dyn std::error::Error + Send + Sync>;

/// A problem with one field of what was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The field, as a path (`email`, `categories[1]`).
    pub field: String,
    /// What is wrong, in English.
    pub message: String,
    /// The same in Dutch, where there is one.
    pub message_nl: Option<String>,
    /// The Dutch addressing the reader with "je", where `message_nl` says "u": for pages under
    /// a regulation that says "je" (`texts.informal`); see [`FieldProblem::said`].
    pub message_nl_je: Option<String>,
    /// What kind of problem, for a page that says it in its own words.
    pub problem: Problem,
}

/// The kinds of field problem a page may word itself; anything else is [`Problem::Other`]
/// with its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Not given.
    Required,
    /// Given, but blank.
    Empty,
    /// Longer than `max` characters.
    TooLong {
        max: usize,
    },
    /// A character the text may not hold, or nothing visible.
    Text(klacht_core::input::TextProblem),
    /// Not an e-mail address.
    NotEmail,
    /// Not a phone number.
    NotPhone,
    /// Neither an e-mail address nor a phone number was given (one of the two is required).
    NoContact,
    /// A new password that is too short, too long or too easy to guess (the message says which,
    /// in both languages).
    WeakPassword,
    /// The password typed again is not the same as the first.
    NotTheSame,
    /// The person's current password is not right.
    WrongPassword,
    /// A one-time code (the second factor) that is not right.
    WrongCode,
    /// No role was chosen (an account has at least one).
    NoRole,
    Other,
}

impl FieldProblem {
    /// The message in `lang`: the Dutch one where there is one, else the English.
    pub fn message_in(&self, lang: klacht_core::Lang) -> String {
        match lang {
            klacht_core::Lang::Nl => self.message_nl.as_ref(),
            klacht_core::Lang::En => None,
        }
        .unwrap_or(&self.message)
        .clone()
    }

    /// The message in `lang` as a page says it: with "je" where `informal` and there is a "je"
    /// version, else [`FieldProblem::message_in`].
    pub fn said(&self, lang: klacht_core::Lang, informal: bool) -> String {
        match (&self.message_nl_je, lang) {
            (Some(je), klacht_core::Lang::Nl) if informal => je.clone(),
            _ => self.message_in(lang),
        }
    }

    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldProblem {
            field: field.into(),
            message: message.into(),
            message_nl: None,
            message_nl_je: None,
            problem: Problem::Other,
        }
    }

    /// The same problem said in Dutch, for a Dutch page.
    pub fn nl(mut self, message_nl: impl Into<String>) -> Self {
        self.message_nl = Some(message_nl.into());
        self
    }

    /// The Dutch said with "je", for a regulation that says "je" (where the Dutch says "u").
    pub fn je(mut self, message_nl_je: impl Into<String>) -> Self {
        self.message_nl_je = Some(message_nl_je.into());
        self
    }

    /// A problem of a kind pages word themselves, with its message for the API.
    pub fn of(field: impl Into<String>, problem: Problem) -> Self {
        let message = match problem {
            Problem::Required => "is required".to_owned(),
            Problem::Empty => "must not be empty".to_owned(),
            Problem::TooLong { max } => format!("is longer than {max} characters"),
            Problem::Text(p) => p.message_en().to_owned(),
            Problem::NotEmail => "is not an e-mail address like naam@voorbeeld.nl".to_owned(),
            Problem::NotPhone => {
                "is not a phone number like 020 123 45 67 or +31 20 1234567".to_owned()
            }
            Problem::NoContact => {
                "give an e-mail address or a phone number (one of the two is required)".to_owned()
            }
            Problem::WeakPassword => "is too easy to guess".to_owned(),
            Problem::NotTheSame => "is not the same as the password".to_owned(),
            Problem::WrongPassword => "is not right".to_owned(),
            Problem::WrongCode => "is not right, or was used already".to_owned(),
            Problem::NoRole => "choose at least one role".to_owned(),
            Problem::Other => String::new(),
        };
        FieldProblem {
            problem,
            ..FieldProblem::new(field, message)
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The procedure refuses: not permitted, a conflict of interest, the wrong state,
    /// incomplete, or invalid under the regulation. The refusal says what to do instead.
    #[error("refused: {0}")]
    Refused(Refusal),
    /// What was sent cannot be used, field by field.
    #[error("invalid: {}", fields_of(.0))]
    Invalid(Vec<FieldProblem>),
    /// Someone else changed the complaint meanwhile; nothing was stored.
    #[error("the complaint changed meanwhile (now at version {current})")]
    Conflict { current: u64 },
    /// A value that must be unique exists already (an e-mail address).
    #[error("{0} exists already")]
    Duplicate(String),
    /// There is no such thing, or not for this person.
    #[error("not found: {message}")]
    NotFound {
        message: String,
        message_nl: Option<String>,
        /// The Dutch saying "je" where `message_nl` says "u" ([`AppError::je`]).
        message_nl_je: Option<String>,
    },
    /// The record is not in a state that allows this (deciding a recommendation twice).
    #[error("{0}")]
    WrongState(String),
    /// The database or the disk cannot take it now (full, away, read-only); nothing was stored,
    /// and the same request may succeed later.
    #[error("unavailable: {0}")]
    Unavailable(#[source] Source),
    /// A fault of ours.
    #[error("unexpected: {what}")]
    Unexpected {
        what: String,
        #[source]
        source: Option<Source>,
    },
}

fn fields_of(fields: &[FieldProblem]) -> String {
    fields
        .iter()
        .map(|f| f.field.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl AppError {
    /// A fault of ours, without an underlying error.
    pub fn unexpected(what: impl Into<String>) -> Self {
        AppError::Unexpected {
            what: what.into(),
            source: None,
        }
    }

    /// A fault of ours, with the error it came from (kept as its source, for the log).
    pub fn fault(
        what: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        AppError::Unexpected {
            what: what.into(),
            source: Some(Box::new(source)),
        }
    }

    /// A file could not be written or read: with the disk full (or over its quota) the request
    /// may succeed later; anything else is ours.
    pub fn io(what: &str, e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                AppError::Unavailable(Box::new(e))
            }
            _ => AppError::fault(what, e),
        }
    }

    /// Not there, or not for this person: said in both languages.
    pub fn not_found(en: impl Into<String>, nl: impl Into<String>) -> Self {
        AppError::NotFound {
            message: en.into(),
            message_nl: Some(nl.into()),
            message_nl_je: None,
        }
    }

    /// The same Dutch message addressing the reader with "je", for pages under a regulation
    /// that says "je" (where the Dutch message says "u"): of a refusal or of what is not found.
    pub fn je(self, nl: impl Into<String>) -> Self {
        match self {
            AppError::NotFound {
                message,
                message_nl,
                ..
            } => AppError::NotFound {
                message,
                message_nl,
                message_nl_je: Some(nl.into()),
            },
            AppError::Refused(r) => AppError::Refused(r.je(nl)),
            e => e,
        }
    }

    /// One bad field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid(vec![FieldProblem::new(field, message)])
    }

    pub fn is_unavailable(&self) -> bool {
        matches!(self, AppError::Unavailable(_))
    }
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        AppError::Refused(r)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict { current } => AppError::Conflict { current },
            StoreError::Duplicate(what) => AppError::Duplicate(what),
            StoreError::NotFound(what) => AppError::NotFound {
                message: format!("Not found: {what}."),
                message_nl: None,
                message_nl_je: None,
            },
            StoreError::Invalid { field, message } => AppError::invalid(field, message),
            StoreError::WrongState(what) => AppError::WrongState(what),
            e @ StoreError::Unavailable(_) => AppError::Unavailable(Box::new(e)),
            e => AppError::Unexpected {
                what: "the store".into(),
                source: Some(Box::new(e)),
            },
        }
    }
}

/// The fields a refusal of the regulation names: its details come as "field: message", or as
/// the bare field the refusal's message is about (then with that message). Details that name no
/// field (what is missing before closing, …) are left out. Only a refusal of kind `Invalid`
/// names fields.
pub fn refusal_fields(r: &Refusal) -> Vec<FieldProblem> {
    if r.kind != klacht_core::procedure::RefusalKind::Invalid {
        return Vec::new();
    }
    let bare = |d: &str| {
        !d.is_empty()
            && d.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.[]/".contains(c))
    };
    // Where the refusal says it for people too, that is the field's message (both languages).
    let explained = |field: &str| {
        r.explained()
            .iter()
            .find(|x| x.field.as_deref() == Some(field))
            .map(|x| FieldProblem {
                message_nl: Some(x.text.nl.clone()),
                message_nl_je: x.text_je.clone(),
                ..FieldProblem::new(field, x.text.get(klacht_core::Lang::En))
            })
    };
    r.details
        .iter()
        .filter_map(|d| match d.split_once(": ") {
            Some((f, m)) => Some(explained(f).unwrap_or_else(|| FieldProblem::new(f, m))),
            None if bare(d) => Some(FieldProblem {
                message_nl: Some(r.message.nl.clone()),
                message_nl_je: r.message_je().map(str::to_owned),
                ..FieldProblem::new(d.clone(), r.message.get(klacht_core::Lang::En))
            }),
            None => None,
        })
        .collect()
}

/// An error and every error it came from, for the log: "unexpected: the store: database: …".
pub fn with_sources(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
