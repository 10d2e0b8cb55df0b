//! The complainant's side, through their status page and without an account: how long the
//! secret link opens the complaint, which of the regulation's promises they watch and how each
//! stands, what they may still add (within the limits per complaint), and when they are asked
//! whether they are satisfied. Adding and answering are steps of their own
//! ([`complainant_adds`], [`answer_satisfaction`]). The secret link itself is checked by the
//! caller; here, the state decides.

use super::access::Org;
use super::access::{Staff, View, view};
use super::event::{Document, Event, EventBody, MailFacts};
use super::refusal::{Refusal, RefusalKind};
use super::state::{Complaint, Status};
use crate::deadlines;
use crate::personal::Personal;
use crate::profile::{Deadline, MetBy, Profile};
use crate::types::Actor;
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

/// Whether a status link has stopped opening the complaint on `now`: the complaint was closed or
/// withdrawn more than `days` days (of 24 hours) ago. While the complaint runs it does not expire;
/// a reopened complaint opens again.
pub fn status_link_expired(c: &Complaint, days: u32, now: Timestamp) -> bool {
    let ended = match c.status {
        Status::Closed => c.closed_at,
        Status::Withdrawn => c.withdrawn_at,
        _ => None,
    };
    let Some(ended) = ended else { return false };
    let keep = SignedDuration::from_hours(i64::from(days) * 24);
    ended.checked_add(keep).map_or(true, |until| until < now)
}

/// Whether the satisfaction question is open: the complaint is closed and the complainant has not
/// answered since it was closed. Exactly when [`answer_satisfaction`] takes an answer.
pub fn satisfaction_open(c: &Complaint) -> bool {
    c.status == Status::Closed && c.satisfied.is_none() && c.anonymised_at.is_none()
}

/// Whether the complainant is asked whether they are satisfied: the question is open
/// ([`satisfaction_open`]) and the regulation asks it (the profile has the satisfaction letter).
pub fn asks_satisfaction(profile: &Profile, c: &Complaint) -> bool {
    satisfaction_open(c) && profile.letters.satisfaction.is_some()
}

/// A promise of the regulation that the complainant watches: hearing from us (T5), the answer
/// (T6, K7) and the settlement (K12.4). Handling steps inside the organisation (assigning,
/// hearing the person concerned) are not theirs to watch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Promise {
    Acknowledgement,
    Answer,
    Settlement,
}

impl Promise {
    /// The promise a deadline met by `met_by` makes to the complainant, if any.
    pub fn of(met_by: MetBy) -> Option<Promise> {
        match met_by {
            MetBy::Acknowledge => Some(Promise::Acknowledgement),
            MetBy::Decide => Some(Promise::Answer),
            MetBy::Close => Some(Promise::Settlement),
            MetBy::Assign | MetBy::Hearing => None,
        }
    }
}

/// How a promise stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// Kept, at this moment.
    Done(Timestamp),
    /// Still to come, by the due day.
    Due,
    /// The due day has passed ([`deadlines::is_overdue`]).
    Late,
}

/// A deadline as the complainant sees it.
#[derive(Debug, Clone, Copy)]
pub struct PromiseView<'a> {
    /// The profile's deadline (its id and label).
    pub deadline: &'a Deadline,
    pub promise: Promise,
    pub due: Date,
    pub kept: Kept,
}

/// The promises the complainant watches on `today`, the earliest due first: each deadline of the
/// profile that makes one, once started (it has a due day). A deadline not yet met is left out
/// once the complaint no longer runs (closed or withdrawn).
pub fn promises<'a>(profile: &'a Profile, c: &Complaint, today: Date) -> Vec<PromiseView<'a>> {
    let mut out: Vec<PromiseView<'a>> = c
        .deadlines
        .iter()
        .filter_map(|d| {
            let deadline = profile.deadline(&d.id)?;
            let due = d.due?;
            let promise = Promise::of(deadline.met_by)?;
            let kept = match d.met_at {
                Some(met) => Kept::Done(met),
                None if !c.status.is_open() => return None,
                None if deadlines::is_overdue(due, today) => Kept::Late,
                None => Kept::Due,
            };
            Some(PromiseView {
                deadline,
                promise,
                due,
                kept,
            })
        })
        .collect();
    out.sort_by_key(|p| p.due);
    out
}

/// What the complainant added through the status page so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Added {
    /// Additions (each message, with or without files).
    pub count: u32,
    /// Bytes of their files.
    pub bytes: u64,
}

/// What the complainant added through the status page, counted over a complaint's events. The
/// attachments sent with the form are not additions: they are the event right after the
/// registration, made with it (no text, same moment).
pub fn added<'a>(events: impl IntoIterator<Item = &'a Event>) -> Added {
    let mut sum = Added::default();
    let mut registered_at = None;
    for (i, e) in events.into_iter().enumerate() {
        if i == 0 {
            registered_at = Some(e.at);
        }
        // Mail is limited when it is taken in, not by what the status page allows.
        let EventBody::ComplainantAdded {
            text,
            documents,
            mail: None,
        } = &e.body
        else {
            continue;
        };
        let with_the_form = i == 1 && text.is_none() && registered_at == Some(e.at);
        if with_the_form {
            continue;
        }
        sum.count = sum.count.saturating_add(1);
        sum.bytes = documents
            .iter()
            .fold(sum.bytes, |bytes, doc| bytes.saturating_add(doc.size));
    }
    sum
}

/// How much a complainant may add through the status page to one complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdditionLimits {
    /// Additions per complaint.
    pub count: u32,
    /// Bytes of files per complaint.
    pub bytes: u64,
}

/// What the complainant may still add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MayAdd {
    /// Another addition, with at most this many bytes of files.
    Yes { bytes_left: u64 },
    /// The complaint runs, but has had as many additions as the limit allows.
    UsedUp,
    /// The complaint is closed or withdrawn: nothing more ([`complainant_adds`] refuses).
    NotOpen,
}

/// What the complainant may still add to `c`, having added `so_far`, within `limits`.
pub fn may_add(c: &Complaint, so_far: Added, limits: AdditionLimits) -> MayAdd {
    if !c.status.is_open() {
        return MayAdd::NotOpen;
    }
    if so_far.count >= limits.count {
        return MayAdd::UsedUp;
    }
    MayAdd::Yes {
        bytes_left: limits.bytes.saturating_sub(so_far.bytes),
    }
}

fn clean(text: Option<&str>) -> Option<Personal<String>> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| Personal::new(t.to_owned()))
}

/// The complainant adds a message and/or documents to a complaint that is still being handled.
pub fn complainant_adds(
    c: &Complaint,
    text: Option<&str>,
    documents: Vec<Document>,
    now: Timestamp,
) -> Result<Vec<Event>, Refusal> {
    if !c.status.is_open() {
        return Err(Refusal::new(
            RefusalKind::WrongState,
            "Uw klacht is afgehandeld; u kunt niets meer toevoegen. Neem contact met ons op als u iets wilt laten weten.",
            "Your complaint has been dealt with; you can no longer add to it. Please contact us if you want to tell us something.",
        )
        .je("Je klacht is afgehandeld; je kunt niets meer toevoegen. Neem contact met ons op als je iets wilt laten weten."));
    }
    let text = clean(text);
    if text.is_none() && documents.is_empty() {
        return Err(Refusal::invalid(
            "Schrijf een bericht of kies een bestand om toe te voegen.",
            "Write a message or choose a file to add.",
        )
        .with_details(vec!["text".into()]));
    }
    Ok(vec![Event {
        at: now,
        actor: Actor::Complainant,
        body: EventBody::ComplainantAdded {
            text,
            documents,
            mail: None,
        },
    }])
}

/// An e-mail from the complainant joins the dossier (issue 17): also after the complaint was
/// closed (an answer to the decision is part of the record, T12), but not once its personal
/// data are gone.
pub fn complainant_mails(
    c: &Complaint,
    text: Option<&str>,
    documents: Vec<Document>,
    mail: MailFacts,
    now: Timestamp,
) -> Result<Vec<Event>, Refusal> {
    if let Some(at) = c.anonymised_at {
        return Err(crate::retention::already(at));
    }
    Ok(vec![Event {
        at: now,
        actor: Actor::Complainant,
        body: EventBody::ComplainantAdded {
            text: clean(text),
            documents,
            mail: Some(mail),
        },
    }])
}

/// What the complainant answers to the satisfaction question: one of the regulation's standard
/// answers (by id), or, where the regulation has none, yes or no.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SatisfactionChoice<'a> {
    Answer(&'a str),
    Plain(bool),
}

/// The complainant answers the satisfaction question of a closed complaint, once per closing,
/// with one of `profile`'s standard answers where it has them (issue 18): the answer says
/// whether they are satisfied and whether the coordinator is asked to reopen.
pub fn answer_satisfaction(
    profile: &Profile,
    c: &Complaint,
    choice: SatisfactionChoice<'_>,
    comment: Option<&str>,
    now: Timestamp,
) -> Result<Vec<Event>, Refusal> {
    if let Some(at) = c.anonymised_at {
        return Err(crate::retention::already(at));
    }
    if c.status != Status::Closed {
        return Err(Refusal::new(
            RefusalKind::WrongState,
            "Wij vragen naar uw tevredenheid nadat uw klacht is afgehandeld.",
            "We ask whether you are satisfied once your complaint has been dealt with.",
        )
        .je("Wij vragen naar je tevredenheid nadat je klacht is afgehandeld."));
    }
    if c.satisfied.is_some() {
        return Err(Refusal::new(
            RefusalKind::WrongState,
            "U heeft deze vraag al beantwoord. Dank u wel.",
            "You have already answered this question. Thank you.",
        )
        .je("Je hebt deze vraag al beantwoord. Dank je wel."));
    }
    let (satisfied, answer, reopen) = match choice {
        SatisfactionChoice::Answer(id) => match profile.satisfaction_answer(id) {
            Some(a) => (a.satisfied, Some(a.id.clone()), Some(a.reopen)),
            None => {
                return Err(Refusal::new(
                    RefusalKind::Invalid,
                    "Kies een van de antwoorden op de vraag.",
                    "Choose one of the answers to the question.",
                ));
            }
        },
        SatisfactionChoice::Plain(satisfied) if profile.satisfaction_answers.is_empty() => {
            (satisfied, None, None)
        }
        SatisfactionChoice::Plain(_) => {
            return Err(Refusal::new(
                RefusalKind::Invalid,
                "Kies het antwoord dat het best past bij uw ervaring.",
                "Choose the answer that best fits your experience.",
            )
            .je("Kies het antwoord dat het best past bij jouw ervaring."));
        }
    };
    Ok(vec![Event {
        at: now,
        actor: Actor::Complainant,
        body: EventBody::SatisfactionAnswered {
            satisfied,
            answer,
            reopen,
            comment: clean(comment),
        },
    }])
}

/// A staff member who sees the whole dossier revokes every status link of the complaint.
pub fn revoke_status_links(
    profile: &Profile,
    org: &Org,
    c: &Complaint,
    who: &Staff,
    reason: Option<&str>,
    now: Timestamp,
) -> Result<Vec<Event>, Refusal> {
    if let Some(at) = c.anonymised_at {
        return Err(crate::retention::already(at));
    }
    if view(profile, org, c, who) != View::Full {
        return Err(Refusal::new(
            RefusalKind::NotPermitted,
            "Alleen wie het hele dossier mag zien, kan de links van de klager intrekken.",
            "Only someone who may see the whole dossier can revoke the complainant's links.",
        ));
    }
    Ok(vec![Event {
        at: now,
        actor: Actor::Staff(who.id),
        body: EventBody::StatusLinksRevoked {
            reason: clean(reason),
        },
    }])
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::procedure::{Complainant, DeadlineState, Registered};
    use crate::profile::builtin;
    use crate::types::{Channel, Form, Lang};
    use jiff::civil::date;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn complaint(now: Timestamp) -> Complaint {
        Complaint::from_registered(
            now,
            &Registered {
                profile: "template@1".into(),
                channel: Channel::Web,
                form: Form::Written,
                received_at: now,
                received_by: None,
                received_where: None,
                concerns: None,
                relation: None,
                complainant: Personal::new(Complainant::default()),
                on_behalf_of: None,
                description: Personal::new("x".into()),
                language: Lang::Nl,
                deadlines: Vec::new(),
            },
        )
    }

    fn closed(now: Timestamp) -> Complaint {
        let mut c = complaint(now);
        c.status = Status::Closed;
        c.closed_at = Some(now);
        c
    }

    #[test]
    fn k8_t10_a_status_link_expires_days_after_closing() {
        let now = at("2026-05-01T09:00:00Z");
        let day = SignedDuration::from_hours(24);
        let c = complaint(now);
        assert!(!status_link_expired(&c, 90, now));
        assert!(
            !status_link_expired(&c, 0, now.checked_add(day * 400).unwrap()),
            "a running complaint's link does not expire"
        );
        let c = closed(now);
        assert!(!status_link_expired(
            &c,
            90,
            now.checked_add(day * 90).unwrap()
        ));
        assert!(status_link_expired(
            &c,
            90,
            now.checked_add(day * 90 + SignedDuration::from_secs(1))
                .unwrap()
        ));
        assert!(status_link_expired(&c, 0, now.checked_add(day).unwrap()));
    }

    #[test]
    fn k8_t10_a_status_link_expires_days_after_withdrawal() {
        let now = at("2026-05-01T09:00:00Z");
        let day = SignedDuration::from_hours(24);
        let mut c = complaint(now);
        c.status = Status::Withdrawn;
        c.withdrawn_at = Some(now);
        assert!(!status_link_expired(
            &c,
            10,
            now.checked_add(day * 10).unwrap()
        ));
        assert!(status_link_expired(
            &c,
            10,
            now.checked_add(day * 11).unwrap()
        ));
        // Reopened: the link opens again.
        c.status = Status::InProgress;
        assert!(!status_link_expired(
            &c,
            10,
            now.checked_add(day * 11).unwrap()
        ));
    }

    #[test]
    fn t13_a_standard_answer_says_whether_the_complainant_is_satisfied_and_whether_to_reopen() {
        let now = at("2026-05-01T09:00:00Z");
        let template = builtin("template").unwrap();
        let c = closed(now);
        let answered = |choice| match answer_satisfaction(&template, &c, choice, None, now) {
            Ok(events) => match &events[0].body {
                EventBody::SatisfactionAnswered {
                    satisfied,
                    answer,
                    reopen,
                    ..
                } => (*satisfied, answer.clone(), *reopen),
                other => panic!("{other:?}"),
            },
            Err(r) => panic!("{}", r.message(Lang::Nl)),
        };
        assert_eq!(
            answered(SatisfactionChoice::Answer("goed_behandeld")),
            (true, Some("goed_behandeld".to_owned()), Some(false))
        );
        assert_eq!(
            answered(SatisfactionChoice::Answer("te_lang")),
            (false, Some("te_lang".to_owned()), Some(false))
        );
        assert_eq!(
            answered(SatisfactionChoice::Answer("niet_opgelost")),
            (false, Some("niet_opgelost".to_owned()), Some(true))
        );
        let refused = |choice| {
            answer_satisfaction(&template, &c, choice, None, now)
                .err()
                .map(|r| r.message(Lang::Nl).to_owned())
        };
        assert_eq!(
            refused(SatisfactionChoice::Answer("geweldig")).as_deref(),
            Some("Kies een van de antwoorden op de vraag.")
        );
        assert_eq!(
            refused(SatisfactionChoice::Plain(true)).as_deref(),
            Some("Kies het antwoord dat het best past bij uw ervaring.")
        );
        // A regulation without standard answers takes yes or no.
        let mut plain = template.clone();
        plain.satisfaction_answers.clear();
        assert!(
            answer_satisfaction(&plain, &c, SatisfactionChoice::Plain(false), None, now).is_ok()
        );
    }

    #[test]
    fn satisfaction_is_asked_once_after_closing_where_the_profile_asks_it() {
        let now = at("2026-05-01T09:00:00Z");
        let kjrw = builtin("kjrw").unwrap();
        let mut silent = builtin("template").unwrap();
        silent.letters.satisfaction = None;
        let running = complaint(now);
        assert!(!satisfaction_open(&running));
        assert!(!asks_satisfaction(&kjrw, &running));
        let mut c = closed(now);
        assert!(satisfaction_open(&c));
        assert!(asks_satisfaction(&kjrw, &c));
        assert!(
            !asks_satisfaction(&silent, &c),
            "a regulation without a satisfaction letter does not ask"
        );
        let yes = SatisfactionChoice::Answer("opgelost");
        assert!(answer_satisfaction(&kjrw, &c, yes, None, now).is_ok());
        c.satisfied = Some(true);
        assert!(!satisfaction_open(&c));
        assert!(!asks_satisfaction(&kjrw, &c));
        assert!(answer_satisfaction(&kjrw, &c, yes, None, now).is_err());
        let mut w = complaint(now);
        w.status = Status::Withdrawn;
        assert!(!satisfaction_open(&w));
    }

    fn deadline(id: &str, due: Date, met_at: Option<Timestamp>) -> DeadlineState {
        DeadlineState {
            id: id.into(),
            due: Some(due),
            met_at,
            extensions: 0,
        }
    }

    #[test]
    fn t05_t06_the_complainant_watches_acknowledgement_answer_and_settlement() {
        let mut profile = builtin("template").unwrap();
        let mut settle = profile.deadline("answer").unwrap().clone();
        settle.id = "settle".into();
        settle.met_by = MetBy::Close;
        let mut assign = settle.clone();
        assign.id = "assign".into();
        assign.met_by = MetBy::Assign;
        profile.deadlines.push(settle);
        profile.deadlines.push(assign);
        let acknowledged = at("2026-06-09T10:00:00Z");
        let mut c = complaint(at("2026-06-08T10:00:00Z"));
        c.deadlines = vec![
            deadline("settle", date(2026, 7, 6), None),
            deadline("answer", date(2026, 6, 15), None),
            deadline("acknowledge", date(2026, 6, 10), Some(acknowledged)),
            deadline("assign", date(2026, 6, 9), None),
            deadline("unknown", date(2026, 6, 9), None),
            DeadlineState {
                id: "answer".into(),
                due: None,
                met_at: None,
                extensions: 0,
            },
        ];
        let seen = |today: Date, c: &Complaint| {
            promises(&profile, c, today)
                .iter()
                .map(|p| (p.deadline.id.clone(), p.promise, p.due, p.kept))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            seen(date(2026, 6, 15), &c),
            [
                (
                    "acknowledge".into(),
                    Promise::Acknowledgement,
                    date(2026, 6, 10),
                    Kept::Done(acknowledged)
                ),
                (
                    "answer".into(),
                    Promise::Answer,
                    date(2026, 6, 15),
                    Kept::Due
                ),
                (
                    "settle".into(),
                    Promise::Settlement,
                    date(2026, 7, 6),
                    Kept::Due
                ),
            ]
        );
        assert_eq!(
            seen(date(2026, 6, 16), &c).get(1),
            Some(&(
                "answer".into(),
                Promise::Answer,
                date(2026, 6, 15),
                Kept::Late
            ))
        );
        // Decided, not yet closed: what is not met still shows (late once past).
        c.status = Status::Decided;
        assert_eq!(seen(date(2026, 6, 16), &c).len(), 3);
        // Closed or withdrawn: only what was kept.
        c.status = Status::Closed;
        assert_eq!(
            seen(date(2026, 6, 16), &c),
            [(
                "acknowledge".into(),
                Promise::Acknowledgement,
                date(2026, 6, 10),
                Kept::Done(acknowledged)
            )]
        );
    }

    fn event(at_: Timestamp, body: EventBody) -> Event {
        Event {
            at: at_,
            actor: Actor::Complainant,
            body,
        }
    }

    fn addition(at_: Timestamp, text: Option<&str>, sizes: &[u64]) -> Event {
        event(
            at_,
            EventBody::ComplainantAdded {
                mail: None,
                text: text.map(|t| Personal::new(t.to_owned())),
                documents: sizes
                    .iter()
                    .map(|size| Document {
                        sha256: "00".into(),
                        filename: Personal::new("a.pdf".into()),
                        content_type: "application/pdf".into(),
                        size: *size,
                    })
                    .collect(),
            },
        )
    }

    #[test]
    fn the_files_sent_with_the_form_are_no_addition() {
        let t0 = at("2026-06-08T10:00:00Z");
        let t1 = at("2026-06-09T10:00:00Z");
        let first = event(t0, EventBody::StatusLinksRevoked { reason: None });
        let events = [
            first.clone(),
            addition(t0, None, &[100, 200]),
            addition(t1, Some("nog iets"), &[]),
            addition(t1, None, &[5]),
        ];
        assert_eq!(added(&events), Added { count: 2, bytes: 5 });
        // A message at the moment of registration is an addition; so are files later on.
        let events = [first.clone(), addition(t0, Some("en"), &[7])];
        assert_eq!(added(&events), Added { count: 1, bytes: 7 });
        let events = [first, addition(t1, None, &[7])];
        assert_eq!(added(&events), Added { count: 1, bytes: 7 });
        assert_eq!(added(&[]), Added::default());
    }

    #[test]
    fn the_complainant_adds_within_the_limits_while_the_complaint_runs() {
        let now = at("2026-06-08T10:00:00Z");
        let limits = AdditionLimits {
            count: 2,
            bytes: 1000,
        };
        let c = complaint(now);
        assert_eq!(
            may_add(&c, Added::default(), limits),
            MayAdd::Yes { bytes_left: 1000 }
        );
        assert_eq!(
            may_add(
                &c,
                Added {
                    count: 1,
                    bytes: 1200
                },
                limits
            ),
            MayAdd::Yes { bytes_left: 0 }
        );
        assert_eq!(
            may_add(&c, Added { count: 2, bytes: 0 }, limits),
            MayAdd::UsedUp
        );
        assert_eq!(
            may_add(&closed(now), Added::default(), limits),
            MayAdd::NotOpen
        );
        assert_eq!(
            may_add(&closed(now), Added { count: 9, bytes: 0 }, limits),
            MayAdd::NotOpen
        );
    }
}
