//! A staff member's step on a complaint, as it comes in: the request (one shape for every
//! action; which fields apply depends on the action) and the command it makes, with every
//! missing or bad field named.

use crate::input::{line_field, text_field};
use crate::{App, AppError, FieldProblem};
use base64::Engine;
use klacht_core::procedure::{Action, Command, Document, Level, Via};
use klacht_core::{Outcome, UserId};
use serde::Deserialize;

/// One step of the procedure: `POST /api/v1/complaints/{reference}/{action}`. Which fields apply
/// depends on the action:
///
/// - `acknowledge`: `via` (email, letter, phone, in_person; default email), `note`
/// - `assign`: `handler` (e-mail of a handler or coordinator)
/// - `inform-involved`: `note`
/// - `record-hearing`: `summary`, `held_on`
/// - `record-contact`: `via`, `on`, `summary`, `agreements`, `measures_communicated`
/// - `add-note`: `text`
/// - `attach-document`: `filename`, `content_type`, `content_base64`
/// - `extend`: `deadline`, `new_due`, `reason`, `consent`
/// - `escalate`: `to` (director or board), `reason`
/// - `refer-to-committee`: `reason`
/// - `classify`: `categories`, `severity`, `sensitive`, `relation`
/// - `record-measure`: `description`
/// - `decide`: `outcome`, `decision`, `via`
/// - `sign-off`, `close`: nothing
/// - `withdraw`: `reason` (optional)
/// - `reopen`: `reason`
///
/// Every action takes `expected_version`: the dossier's `version` you acted on; if the complaint
/// changed since, the step is refused with 409 and nothing is stored.
#[derive(Debug, Default, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActionRequest {
    #[serde(default)]
    pub expected_version: Option<u64>,
    #[serde(default)]
    pub via: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub handler: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub held_on: Option<jiff::civil::Date>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub on: Option<jiff::civil::Date>,
    #[serde(default)]
    pub agreements: Option<String>,
    #[serde(default)]
    pub measures_communicated: Option<bool>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub filename: Option<String>,
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(default)]
    pub content_base64: Option<String>,
    #[serde(default)]
    pub deadline: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub new_due: Option<jiff::civil::Date>,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub consent: Option<bool>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub categories: Option<Vec<String>>,
    #[serde(default)]
    pub severity: Option<String>,
    #[serde(default)]
    pub sensitive: Option<bool>,
    #[serde(default)]
    pub relation: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub decision: Option<String>,
}

impl ActionRequest {
    /// Every problem of the request's texts, named (what each action needs, [`command`] checks).
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut errors = Vec::new();
        for (name, v, max) in [
            ("note", &self.note, 10_000),
            ("summary", &self.summary, 20_000),
            ("agreements", &self.agreements, 10_000),
            ("text", &self.text, 20_000),
            ("reason", &self.reason, 5_000),
            ("description", &self.description, 10_000),
            ("decision", &self.decision, 50_000),
        ] {
            text_field(&mut errors, name, v, false, max);
        }
        line_field(&mut errors, "filename", &self.filename, false, 255);
        errors
    }
}

/// The way given, else the procedure's default for `action` ([`Action::default_via`]).
fn via(v: Option<&str>, action: Action, errors: &mut Vec<FieldProblem>) -> Via {
    let default = match action.default_via() {
        Some(default) => default,
        None => {
            // Only the steps with a default take a `via`: this is never reached.
            errors.push(FieldProblem::new("via", "this step takes no via"));
            Via::Email
        }
    };
    match v {
        None => default,
        Some("email") => Via::Email,
        Some("letter") => Via::Letter,
        Some("phone") => Via::Phone,
        Some("in_person") => Via::InPerson,
        Some(_) => {
            errors.push(FieldProblem::new(
                "via",
                "expected email, letter, phone or in_person",
            ));
            default
        }
    }
}

fn need(errors: &mut Vec<FieldProblem>, name: &str, v: &Option<String>) -> String {
    match v.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => s.to_owned(),
        _ => {
            errors.push(FieldProblem::new(name, "is required"));
            String::new()
        }
    }
}

/// Largest document accepted through the API.
const MAX_DOCUMENT: usize = 10 * 1024 * 1024;

/// Turns an action request into a command, naming every missing or bad field. With
/// `attach-document`, also the document's bytes: they are stored only once the step is allowed
/// ([`crate::complaints::take_step`] with the file), never for a request that is refused.
pub async fn command(
    app: &App,
    action: Action,
    r: ActionRequest,
) -> Result<(Command, Option<Vec<u8>>), AppError> {
    let mut file = None;
    let mut e = Vec::new();
    let cmd = match action {
        Action::Acknowledge => Command::Acknowledge {
            via: via(r.via.as_deref(), action, &mut e),
            note: r.note,
        },
        Action::Assign => {
            let email = need(&mut e, "handler", &r.handler);
            let handler = if email.is_empty() {
                UserId(0)
            } else {
                match app.store.user_by_email(&email).await? {
                    Some(u) => u.id,
                    None => {
                        e.push(FieldProblem::new(
                            "handler",
                            format!("no staff member with e-mail {email}"),
                        ));
                        UserId(0)
                    }
                }
            };
            Command::Assign { handler }
        }
        Action::InformInvolved => Command::InformInvolved { note: r.note },
        Action::RecordHearing => Command::RecordHearing {
            summary: need(&mut e, "summary", &r.summary),
            held_on: r.held_on,
        },
        Action::RecordContact => Command::RecordContact {
            via: via(r.via.as_deref(), action, &mut e),
            on: r.on,
            summary: need(&mut e, "summary", &r.summary),
            agreements: r.agreements,
            measures_communicated: r.measures_communicated.unwrap_or(false),
        },
        Action::AddNote => Command::AddNote {
            text: need(&mut e, "text", &r.text),
        },
        Action::AttachDocument => {
            let filename = need(&mut e, "filename", &r.filename);
            let content_type = need(&mut e, "content_type", &r.content_type);
            let data = need(&mut e, "content_base64", &r.content_base64);
            let bytes = match base64::engine::general_purpose::STANDARD.decode(data.as_bytes()) {
                Ok(b) => b,
                Err(_) if data.is_empty() => Vec::new(),
                Err(_) => {
                    e.push(FieldProblem::new("content_base64", "is not valid base64"));
                    Vec::new()
                }
            };
            if bytes.len() > MAX_DOCUMENT {
                e.push(FieldProblem::new(
                    "content_base64",
                    format!(
                        "the document is larger than {} MiB",
                        MAX_DOCUMENT / (1024 * 1024)
                    ),
                ));
            }
            if !data.is_empty() && bytes.is_empty() && e.is_empty() {
                e.push(FieldProblem::new("content_base64", "the document is empty"));
            }
            if !e.is_empty() {
                return Err(AppError::Invalid(e));
            }
            let document = Document {
                sha256: crate::documents::address(&bytes),
                filename: klacht_core::Personal::new(filename),
                content_type,
                size: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
            };
            file = Some(bytes);
            Command::AttachDocument { document }
        }
        Action::Extend => {
            let deadline = need(&mut e, "deadline", &r.deadline);
            if r.new_due.is_none() {
                e.push(FieldProblem::new("new_due", "is required (YYYY-MM-DD)"));
            }
            Command::Extend {
                deadline,
                new_due: r.new_due.unwrap_or_default(),
                reason: need(&mut e, "reason", &r.reason),
                consent: r.consent.unwrap_or(false),
            }
        }
        Action::Escalate => {
            let to = match r.to.as_deref() {
                Some("director") => Level::Director,
                Some("board") => Level::Board,
                _ => {
                    e.push(FieldProblem::new("to", "expected director or board"));
                    Level::Director
                }
            };
            Command::Escalate {
                to,
                reason: need(&mut e, "reason", &r.reason),
            }
        }
        Action::ReferToCommittee => Command::ReferToCommittee {
            reason: need(&mut e, "reason", &r.reason),
        },
        Action::Classify => {
            if r.categories.is_none() {
                e.push(FieldProblem::new(
                    "categories",
                    "is required: a list of category ids",
                ));
            }
            Command::Classify {
                categories: r.categories.unwrap_or_default(),
                severity: r.severity,
                sensitive: r.sensitive.unwrap_or(false),
                relation: r.relation,
            }
        }
        Action::RecordMeasure => Command::RecordMeasure {
            description: need(&mut e, "description", &r.description),
        },
        Action::Decide => {
            let outcome = match r.outcome.as_deref().map(Outcome::parse) {
                Some(Some(o)) => o,
                _ => {
                    e.push(FieldProblem::new(
                        "outcome",
                        "expected gegrond, deels_gegrond, ongegrond, niet_ontvankelijk or opgelost",
                    ));
                    Outcome::Gegrond
                }
            };
            Command::Decide {
                outcome,
                decision: need(&mut e, "decision", &r.decision),
                via: via(r.via.as_deref(), action, &mut e),
            }
        }
        Action::SignOff => Command::SignOff,
        Action::Close => Command::Close,
        Action::Withdraw => Command::Withdraw { reason: r.reason },
        Action::Reopen => Command::Reopen {
            reason: need(&mut e, "reason", &r.reason),
        },
        Action::ReportSummary => Command::WriteReportSummary {
            text: need(&mut e, "text", &r.text),
        },
    };
    if e.is_empty() {
        Ok((cmd, file))
    } else {
        Err(AppError::Invalid(e))
    }
}
