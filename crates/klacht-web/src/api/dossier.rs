//! The dossier as the API answers it, typed: what `GET /api/v1/complaints/{reference}` and a
//! step return, as this person may see it (K3, K8).

use crate::http::error::ApiError;
use crate::http::state::Loaded;
use jiff::Timestamp;
use jiff::civil::Date;
use klacht_app::complaints::Opened;
use klacht_core::calendar::amsterdam_date;
use klacht_core::personal;
use klacht_core::procedure::{self, Complaint, Ctx, Org, Via, View};
use klacht_core::{Actor, UserId};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A complaint's dossier.
#[derive(Debug, Serialize, ToSchema)]
pub struct Dossier {
    /// E.g. `2026-0042`.
    pub reference: String,
    /// received, acknowledged, in_progress, decided, closed, withdrawn or duplicate.
    pub status: String,
    /// Send it back as `expected_version` with a step.
    pub version: u64,
    /// `full`, or `involved`: the person complained about sees the complaint, the steps that
    /// concern them and the outcome only (K3).
    pub view: String,
    /// The regulation's version it is handled under.
    pub profile: String,
    pub channel: String,
    /// oral or written.
    pub form: String,
    #[schema(value_type = String, format = DateTime)]
    pub received_at: Timestamp,
    /// The day of receipt in Europe/Amsterdam.
    #[schema(value_type = String, format = Date)]
    pub received_on: Date,
    pub received_by: Option<Person>,
    pub received_where: Option<String>,
    /// The letters' language: nl or en.
    pub language: String,
    /// Absent parts were not given; `null` once anonymised. The person complained about sees
    /// the name only.
    pub complainant: Option<ComplainantOut>,
    pub on_behalf_of: Option<String>,
    pub description: Option<String>,
    pub relation: Option<String>,
    /// The staff member the complaint is about now (T8, K3).
    pub concerns: Option<Person>,
    /// The person without an account the complaint is about now (K5); absent when it is not
    /// about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub concerns_person: Option<OutsidePersonOut>,
    pub handler: Option<Person>,
    /// `true` when the handler is the person the complaint is about now (K3): assign a new
    /// handler. Absent otherwise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub needs_new_handler: bool,
    pub classification: Classification,
    /// director or board.
    pub escalation: Option<String>,
    pub committee: bool,
    pub board_consultation_advised: bool,
    /// Every deadline by its id.
    pub deadlines: BTreeMap<String, DeadlineOut>,
    pub decision: Option<DecisionOut>,
    pub measures: Vec<MeasureOut>,
    pub sign_offs: Vec<SignOffOut>,
    /// What the registration still lacks (T20).
    pub registration_missing: Vec<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub closed_at: Option<Timestamp>,
    pub satisfied: Option<bool>,
    pub reopen_requested: bool,
    /// The complaint this one is a duplicate of (status `duplicate`): it is handled there.
    /// In the full view only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
    /// The complaints that arrived twice and joined this one: their messages and documents are
    /// in their own dossiers. In the full view only; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub duplicates: Vec<String>,
    /// The complaints linked to this one as related. In the full view only; absent when there
    /// are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// The steps this person may take now.
    pub allowed_actions: Vec<String>,
    pub timeline: Vec<TimelineEntry>,
    /// The rung of the ladder the complaint was settled on (issue 18): `at_once` (resolved
    /// directly, T4), `internal` (the procedure) or `external` (a referral outside was
    /// recorded); `null` while it is handled, withdrawn or a duplicate.
    pub rung: Option<String>,
    /// The referrals outside the organisation (issue 18), with the body's outcome once
    /// recorded; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub referrals: Vec<ReferralOut>,
}

/// A referral outside the organisation (issue 18).
#[derive(Debug, Serialize, ToSchema)]
pub struct ReferralOut {
    /// The id of the regulation's external body.
    pub body: String,
    #[schema(value_type = String, format = Date)]
    pub on: Date,
    /// The last day the complainant could go there.
    #[schema(value_type = String, format = Date)]
    pub until: Date,
    /// upheld, partly_upheld, not_upheld or not_dealt_with; `null` while the body has not
    /// answered.
    pub outcome: Option<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub outcome_on: Option<Date>,
}

/// A person without an account the complaint is about (K5): as recorded; `null` fields once
/// anonymised. How to reach them is in the full view only.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutsidePersonOut {
    pub name: Option<String>,
    pub role: Option<String>,
    pub contact: Option<String>,
}

/// A staff member, by id and name.
#[derive(Debug, Serialize, ToSchema)]
pub struct Person {
    pub id: i64,
    pub name: Option<String>,
}

/// The complainant's details, as far as given and visible.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplainantOut {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub date_of_birth: Option<Date>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Classification {
    pub categories: Vec<String>,
    pub severity: Option<String>,
    pub sensitive: bool,
}

/// A deadline: when it is due, whether it was met, and how late it is.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineOut {
    #[schema(value_type = Option<String>, format = Date)]
    pub due: Option<Date>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub met_at: Option<Timestamp>,
    /// Its name in Dutch and, where the regulation has one, English.
    pub label: Option<String>,
    pub label_en: Option<String>,
    pub extensions: u32,
    pub overdue: bool,
    /// Working days past the due date while overdue, else 0.
    pub working_days_late: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionOut {
    /// gegrond, deels_gegrond, ongegrond, niet_ontvankelijk or opgelost.
    pub outcome: String,
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
}

/// A measure taken (T10), and whether it was told to the complainant.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeasureOut {
    pub id: u32,
    pub communicated: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignOffOut {
    pub capacity: String,
    pub by: ActorOut,
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
    /// A person without an account signed on paper on this date; `by` recorded it (K11).
    /// Absent for a signature given in klacht.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = Date)]
    pub signed_on: Option<Date>,
}

/// Who did something: a staff member, the complainant, or klacht itself.
#[derive(Debug, Serialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ActorOut {
    Staff { id: i64, name: Option<String> },
    Complainant,
    System,
}

/// Where a letter stands: `queued` (not yet sent; with the attempts and last error), `sent`,
/// `failed` (refused for good: reach the complainant another way), `bounced` (sent, and came
/// back undelivered: reach the complainant another way), or `post` (to be printed).
#[derive(Debug, Serialize, ToSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Delivery {
    Queued(MailState),
    Sent(MailState),
    Failed(MailState),
    Bounced(MailState),
    Post,
}

/// An e-mailed letter's attempts.
#[derive(Debug, Serialize, ToSchema)]
pub struct MailState {
    #[schema(value_type = Option<String>, format = DateTime)]
    pub sent_at: Option<Timestamp>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub failed_at: Option<Timestamp>,
    pub attempts: u32,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub next_attempt_at: Option<Timestamp>,
    pub last_error: Option<String>,
    /// It came back: when, and why (the bounce's status and subject).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub bounced_at: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bounce_reason: Option<String>,
}

/// One entry of the timeline: when, by whom, and the event's own fields (its `type` and
/// what it recorded), as this person may see it (K3).
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineEntry {
    pub seq: i64,
    #[schema(value_type = String, format = DateTime)]
    pub at: Timestamp,
    pub actor: ActorOut,
    /// For a letter: its delivery.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
    /// The event: `type` and its fields.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub event: Map<String, Value>,
}

/// What a step answers: the dossier, or — when the step took the complaint out of this
/// person's sight — only its reference and status.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
pub enum StepAnswer {
    Dossier(Box<Dossier>),
    OutOfSight { reference: String, status: String },
}

fn person(org: &Org, id: Option<UserId>) -> Option<Person> {
    id.map(|id| Person {
        id: id.0,
        name: org.get(id).map(|s| s.name.clone()),
    })
}

fn actor(org: &Org, a: Actor) -> ActorOut {
    match a {
        Actor::Staff(id) => ActorOut::Staff {
            id: id.0,
            name: org.get(id).map(|s| s.name.clone()),
        },
        Actor::Complainant => ActorOut::Complainant,
        Actor::System => ActorOut::System,
    }
}

fn delivery(via: Via, mail: Option<&klacht_store::MailStatus>) -> Delivery {
    match (via, mail) {
        (Via::Email, Some(m)) => {
            let state = MailState {
                sent_at: m.sent_at,
                failed_at: m.failed_at,
                attempts: m.attempts,
                next_attempt_at: m.next_attempt_at,
                last_error: m.last_error.clone(),
                bounced_at: m.bounced_at,
                bounce_reason: m.bounce_reason.clone(),
            };
            if m.bounced_at.is_some() {
                Delivery::Bounced(state)
            } else if m.sent_at.is_some() {
                Delivery::Sent(state)
            } else if m.failed_at.is_some() {
                Delivery::Failed(state)
            } else {
                Delivery::Queued(state)
            }
        }
        _ => Delivery::Post,
    }
}

/// Every deadline of `c` as seen `now`.
pub fn deadlines(c: &Complaint, loaded: &Loaded, now: Timestamp) -> BTreeMap<String, DeadlineOut> {
    let today = amsterdam_date(now);
    c.deadlines
        .iter()
        .map(|d| {
            let label = loaded.profile.deadline(&d.id).map(|p| p.label.clone());
            let overdue = c.is_overdue(d, today);
            let working_days_late = c.working_days_late(d, &loaded.calendar, today);
            let out = DeadlineOut {
                due: d.due,
                met_at: d.met_at,
                label: label.as_ref().map(|l| l.nl.clone()),
                label_en: label.as_ref().and_then(|l| l.en.clone()),
                extensions: d.extensions,
                overdue,
                working_days_late,
            };
            (d.id.clone(), out)
        })
        .collect()
}

/// The dossier of `o` as `who` sees it (`view`, not none) at `now`.
pub fn render(
    o: &Opened,
    who: &procedure::Staff,
    view: View,
    now: Timestamp,
) -> Result<Dossier, ApiError> {
    let c = &o.dossier.state;
    let profile = &o.loaded.profile;
    let ctx = Ctx {
        profile,
        calendar: &o.loaded.calendar,
        org: &o.org,
        now,
    };
    let mut timeline = Vec::new();
    for e in &o.dossier.events {
        // Each entry as this person sees it (K3).
        let Some(event_body) = procedure::seen_in(view, &e.event.body) else {
            continue;
        };
        // An event is a JSON object tagged with its kind; anything else is a broken dossier,
        // not an entry to show empty.
        let mut body = serde_json::to_value(&*event_body).map_err(|err| {
            ApiError::internal(format!(
                "event {} of {} does not serialise: {err}",
                e.seq, o.dossier.reference
            ))
        })?;
        personal::plain(&mut body);
        let Value::Object(mut event) = body else {
            return Err(ApiError::internal(format!(
                "event {} of {} is not an object",
                e.seq, o.dossier.reference
            )));
        };
        // The entry's own fields come first; no event records them (they are the event's).
        event.retain(|k, _| !matches!(k.as_str(), "seq" | "at" | "actor" | "delivery"));
        let delivery = match &e.event.body {
            procedure::EventBody::Letter(l) => {
                Some(delivery(l.via, o.mail.iter().find(|m| m.seq == e.seq)))
            }
            _ => None,
        };
        timeline.push(TimelineEntry {
            seq: e.seq,
            at: e.event.at,
            actor: actor(&o.org, e.event.actor),
            delivery,
            event,
        });
    }
    let complainant = c.complainant.get().map(|p| {
        let full = view == View::Full;
        ComplainantOut {
            name: p.name.clone(),
            email: p.email.clone().filter(|_| full),
            phone: p.phone.clone().filter(|_| full),
            address: p.address.clone().filter(|_| full),
            date_of_birth: p.date_of_birth.filter(|_| full),
        }
    });
    let plain =
        |p: &Option<klacht_core::Personal<String>>| p.as_ref().and_then(|p| p.get().cloned());
    Ok(Dossier {
        reference: o.dossier.reference.to_string(),
        status: c.status.as_str().into(),
        version: c.version,
        view: match view {
            View::Full => "full",
            View::Involved => "involved",
            View::None => "none",
        }
        .into(),
        profile: c.profile.clone(),
        channel: c.channel.as_str().into(),
        form: c.form.as_str().into(),
        received_at: c.received_at,
        received_on: amsterdam_date(c.received_at),
        received_by: person(&o.org, c.received_by),
        received_where: if view == View::Full {
            plain(&c.received_where)
        } else {
            None
        },
        language: c.language.code().into(),
        complainant,
        on_behalf_of: plain(&c.on_behalf_of),
        description: c.description.get().cloned(),
        relation: c.relation.clone(),
        concerns: person(&o.org, c.concerns),
        concerns_person: c.concerns_person.as_ref().map(|p| OutsidePersonOut {
            name: p.name.get().cloned(),
            role: plain(&p.role),
            contact: plain(&p.contact).filter(|_| view == View::Full),
        }),
        handler: person(&o.org, c.handler),
        needs_new_handler: c.needs_new_handler(),
        classification: Classification {
            categories: c.categories.clone(),
            severity: c.severity.clone(),
            sensitive: c.sensitive,
        },
        escalation: c.escalation.map(|l| l.as_str().into()),
        committee: c.committee,
        board_consultation_advised: c.board_consultation_advised(profile),
        deadlines: deadlines(c, &o.loaded, now),
        decision: c.decision.as_ref().map(|d| DecisionOut {
            outcome: d.outcome.as_str().into(),
            at: d.at,
        }),
        measures: c
            .measures
            .iter()
            .map(|m| MeasureOut {
                id: m.id,
                communicated: m.communicated,
            })
            .collect(),
        sign_offs: c
            .sign_offs
            .iter()
            .map(|s| SignOffOut {
                capacity: s.capacity.as_str().into(),
                by: actor(&o.org, s.by),
                at: s.at,
                signed_on: s.signed_on,
            })
            .collect(),
        registration_missing: procedure::missing_registration(profile, c)
            .iter()
            .map(|f| f.as_str().into())
            .collect(),
        closed_at: c.closed_at,
        satisfied: c.satisfied,
        reopen_requested: c.reopen_requested,
        duplicate_of: c
            .duplicate_of
            .as_ref()
            .filter(|_| view == View::Full)
            .map(ToString::to_string),
        duplicates: if view == View::Full {
            c.duplicates.iter().map(ToString::to_string).collect()
        } else {
            Vec::new()
        },
        related: if view == View::Full {
            c.related.iter().map(ToString::to_string).collect()
        } else {
            Vec::new()
        },
        allowed_actions: procedure::allowed_actions(&ctx, c, who)
            .into_iter()
            .map(str::to_owned)
            .collect(),
        timeline,
        rung: klacht_core::ladder::rung(c).map(|r| r.as_str().to_owned()),
        referrals: c
            .referrals
            .iter()
            .map(|r| ReferralOut {
                body: r.body.clone(),
                on: r.on,
                until: r.until,
                outcome: r.outcome.map(|(o, _)| o.as_str().to_owned()),
                outcome_on: r.outcome.map(|(_, d)| d),
            })
            .collect(),
    })
}
