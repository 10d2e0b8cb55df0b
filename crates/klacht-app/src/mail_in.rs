//! Mail in (issue 17): a message from the mailbox or `klacht mail import` is taken once, and
//! goes where it belongs. A reply to one of our letters (its `In-Reply-To` or `References`
//! names a letter's tagged Message-ID), or a message that names a complaint's reference in its
//! subject *and* comes from that complaint's complainant, joins the dossier by itself and the
//! handler is told. A bounce of one of our letters marks that letter as come back and tells
//! the handler. Automatic replies and list mail are kept briefly and never answered. Everything
//! else, a malformed message too, goes to the post tray for the coordinator. A message that
//! should have joined a dossier but could not (the database away) stays in the tray: loud,
//! never lost.

use crate::complaints::{self, Opened};
use crate::{App, AppError};
use jiff::{SignedDuration, Timestamp};
use klacht_core::procedure::{self, Document, MailFacts};
use klacht_core::{Personal, Reference};
use klacht_mail::inbound::{self, Inbound, Kind, Limits};
use klacht_store::{MailIn, MailInState, NewMailIn, NewNotice, Settle, Taken};

/// The source of messages given to `klacht mail import`.
pub const IMPORTED: &str = "import";

/// At most this much of a message is kept as received; of a larger one its headers only.
const KEEP_RAW: usize = 40 * 1024 * 1024;

/// A message as it arrived.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// The mailbox (`imap://user@host/INBOX`) or [`IMPORTED`].
    pub source: String,
    /// Within the source, what makes the message itself (`{uidvalidity}:{uid}`); `None`: its
    /// Message-ID, or the SHA-256 of the message without one.
    pub key: Option<String>,
    /// When the mailbox received it; `None`: the message's date, or now.
    pub arrived_at: Option<Timestamp>,
    pub raw: Vec<u8>,
}

/// Where a message went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// To the post tray.
    Tray(i64),
    /// Into this complaint's dossier, by itself.
    Threaded(i64, Reference),
    /// A bounce: this complaint's letter is marked as come back (`None`: no letter of ours).
    Bounce(i64, Option<Reference>),
    /// An automatic reply or list mail: kept briefly, never answered.
    Ignored(i64),
    /// Taken before (by another instance, or an earlier run or import): nothing done again.
    Before(i64),
}

impl Outcome {
    /// The message's id in the intake.
    pub fn id(&self) -> i64 {
        match self {
            Outcome::Tray(id)
            | Outcome::Threaded(id, _)
            | Outcome::Bounce(id, _)
            | Outcome::Ignored(id)
            | Outcome::Before(id) => *id,
        }
    }
}

/// The limits of what a message brings: the web form's number and size of attachments (and
/// together at most what the form takes at once).
pub fn limits(app: &App) -> Limits {
    let c = &app.config;
    Limits {
        max_attachments: c.max_attachments,
        max_attachment_bytes: c.max_attachment_bytes,
        max_total_bytes: c.max_attachments.saturating_mul(c.max_attachment_bytes),
        ..Limits::default()
    }
}

fn kind_name(i: &Inbound) -> &'static str {
    if i.malformed.is_some() {
        return "malformed";
    }
    match i.kind {
        Kind::Normal => "normal",
        Kind::AutoReply => "auto_reply",
        Kind::List => "list",
        Kind::Bounce { .. } => "bounce",
    }
}

/// What is kept of `raw`: all of it, or of a very large message its headers (flagged).
fn kept(raw: &[u8]) -> (Vec<u8>, bool) {
    if raw.len() <= KEEP_RAW {
        return (raw.to_vec(), false);
    }
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| p + 4)
        .or_else(|| raw.windows(2).position(|w| w == b"\n\n").map(|p| p + 2))
        .unwrap_or(0)
        .min(KEEP_RAW);
    (raw.get(..end).unwrap_or_default().to_vec(), true)
}

/// How long a message not answered (automatic replies, list mail, not a complaint) is kept.
fn short_period(app: &App) -> SignedDuration {
    let days = app.regulation().profile.retention.mail_days;
    SignedDuration::from_hours(24 * i64::from(days))
}

/// Takes one message in and sends it where it belongs (see the module's text).
pub async fn take(app: &App, m: Incoming) -> Result<Outcome, AppError> {
    let now = app.clock.now();
    let parsed = inbound::parse(&m.raw, &limits(app));
    let key = m
        .key
        .clone()
        .or_else(|| parsed.message_id.clone())
        .unwrap_or_else(|| crate::documents::address(&m.raw));
    let (raw, truncated) = kept(&m.raw);
    let ignored = parsed.malformed.is_none() && matches!(parsed.kind, Kind::AutoReply | Kind::List);
    let new = NewMailIn {
        source: m.source.clone(),
        source_key: key,
        message_id: parsed.message_id.clone(),
        arrived_at: m.arrived_at.or(parsed.date).unwrap_or(now),
        sender: parsed.from.as_ref().map(|a| a.email.clone()),
        sender_name: parsed.from.as_ref().and_then(|a| a.name.clone()),
        subject: Some(parsed.subject.clone()).filter(|s| !s.is_empty()),
        kind: kind_name(&parsed).to_owned(),
        problem: parsed.malformed.clone(),
        raw,
        truncated,
        state: if ignored {
            MailInState::Ignored
        } else {
            MailInState::Tray
        },
        delete_after: ignored.then(|| now + short_period(app)),
    };
    let id = match app.store.take_mail(&new, now).await? {
        Taken::New(id) => id,
        Taken::Before(id) => return Ok(Outcome::Before(id)),
    };
    if ignored {
        tracing::info!(
            mail = id,
            kind = new.kind,
            "mail in: an automatic reply or list mail, not answered"
        );
        return Ok(Outcome::Ignored(id));
    }
    if parsed.malformed.is_some() {
        tracing::warn!(mail = id, problem = ?parsed.malformed, "mail in: a malformed message, kept in the post tray");
        return Ok(Outcome::Tray(id));
    }
    if let Kind::Bounce {
        original_message_id,
        status,
        ..
    } = &parsed.kind
    {
        return bounce(
            app,
            id,
            original_message_id.as_deref(),
            status.as_deref(),
            &parsed,
        )
        .await;
    }
    let Some(o) = thread_of(app, &parsed).await? else {
        tracing::info!(mail = id, "mail in: to the post tray");
        return Ok(Outcome::Tray(id));
    };
    let reference = o.dossier.reference.clone();
    match join(app, o, id, &parsed, false).await {
        Ok(complaint_id) => {
            let settle = Settle {
                state: MailInState::Threaded,
                complaint_id: Some(complaint_id),
                reason: None,
                by: None,
                at: now,
                delete_after: None,
            };
            app.store
                .settle_mail(id, MailInState::Tray, &settle)
                .await?;
            tracing::info!(mail = id, %reference, "mail in: joined its dossier");
            Ok(Outcome::Threaded(id, reference))
        }
        Err(e) => {
            // In the tray it is seen; nothing is lost.
            tracing::error!(mail = id, %reference, error = %crate::with_sources(&e), "mail in: could not join its dossier; kept in the post tray");
            Ok(Outcome::Tray(id))
        }
    }
}

/// The dossier a message answers, if it answers one: a letter of ours it replies to, or its
/// reference in the subject from the complainant's own address.
async fn thread_of(app: &App, m: &Inbound) -> Result<Option<Opened>, AppError> {
    let key = crate::delivery::thread_key(&app.secret_key);
    for id in m.in_reply_to.iter().chain(m.references.iter()) {
        let Some(letter) = klacht_mail::letter_of(id, &key) else {
            continue;
        };
        let Some(sent) = app.store.sent_letter(letter.id).await? else {
            continue;
        };
        if sent.reference.to_string() != letter.reference {
            continue;
        }
        if let Some(o) = opened(app, &sent.reference).await? {
            return Ok(Some(o));
        }
    }
    let Some(reference) = klacht_mail::reference_in(&m.subject) else {
        return Ok(None);
    };
    let Some(reference) = Reference::parse(&reference) else {
        return Ok(None);
    };
    let Some(from) = m.from.as_ref().map(|a| a.email.trim().to_lowercase()) else {
        return Ok(None);
    };
    let Some(o) = opened(app, &reference).await? else {
        return Ok(None);
    };
    let theirs = o
        .dossier
        .state
        .complainant
        .get()
        .and_then(|c| c.email.as_ref())
        .is_some_and(|e| e.trim().to_lowercase() == from);
    Ok(theirs.then_some(o))
}

/// The complaint `reference` as mail joins it: a duplicate's mail goes to the complaint it
/// joined (once; a duplicate of a duplicate does not exist).
async fn opened(app: &App, reference: &Reference) -> Result<Option<Opened>, AppError> {
    let open = async |r: &Reference| match complaints::open(app, &r.to_string()).await {
        Ok(o) => Ok(Some(o)),
        Err(AppError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    };
    let Some(o) = open(reference).await? else {
        return Ok(None);
    };
    match o.dossier.state.duplicate_of.clone() {
        Some(original) => open(&original).await,
        None => Ok(Some(o)),
    }
}

/// The message's attachments that may join a dossier, stored; and what was left out.
async fn documents(app: &App, m: &Inbound) -> Result<(Vec<Document>, Vec<String>), AppError> {
    let mut docs = Vec::new();
    let mut left_out: Vec<String> = m
        .left_out
        .iter()
        .map(|l| format!("{} ({} bytes)", l.name, l.size))
        .collect();
    for a in &m.attachments {
        let Some(content_type) = crate::documents::sniff(&a.bytes) else {
            left_out.push(format!("{} ({} bytes)", a.name, a.bytes.len()));
            continue;
        };
        let sha = crate::documents::store(&app.documents, &a.bytes)
            .await
            .map_err(|e| AppError::io("storing an attachment of a mail", e))?;
        docs.push(Document {
            sha256: sha,
            filename: Personal::new(crate::documents::clean_filename(&a.name)),
            content_type: content_type.to_owned(),
            size: u64::try_from(a.bytes.len()).unwrap_or(u64::MAX),
        });
    }
    Ok((docs, left_out))
}

/// Adds message `id` to the dossier `o` as the complainant's e-mail; the complaint's id.
async fn join(
    app: &App,
    mut o: Opened,
    id: i64,
    m: &Inbound,
    by_hand: bool,
) -> Result<i64, AppError> {
    let (docs, left_out) = documents(app, m).await?;
    let facts = MailFacts {
        from: Personal::new(
            m.from
                .as_ref()
                .map(|a| match &a.name {
                    Some(n) => format!("{n} <{}>", a.email),
                    None => a.email.clone(),
                })
                .unwrap_or_default(),
        ),
        subject: Personal::new(m.subject.clone()),
        mail_in: id,
        by_hand,
        left_out,
    };
    let now = app.clock.now();
    let text = Some(m.text.as_str());
    let loaded = o.loaded.clone();
    complaints::complainant_step(app, &mut o.dossier, &loaded, |c| {
        procedure::complainant_mails(c, text, docs.clone(), facts.clone(), now)
    })
    .await?;
    Ok(o.dossier.id)
}

/// A bounce: the letter it names is marked as come back and the handler told; without a letter
/// of ours it goes to the tray.
async fn bounce(
    app: &App,
    id: i64,
    original: Option<&str>,
    status: Option<&str>,
    m: &Inbound,
) -> Result<Outcome, AppError> {
    let now = app.clock.now();
    let key = crate::delivery::thread_key(&app.secret_key);
    let letter = match original.and_then(|o| klacht_mail::letter_of(o, &key)) {
        Some(l) => app
            .store
            .sent_letter(l.id)
            .await?
            .filter(|s| s.reference.to_string() == l.reference),
        None => None,
    };
    let Some(sent) = letter else {
        tracing::info!(
            mail = id,
            "mail in: a bounce of no letter of ours, to the post tray"
        );
        return Ok(Outcome::Bounce(id, None));
    };
    let reason = match status {
        Some(s) => format!("{s}: {}", first_line(&m.subject)),
        None => first_line(&m.subject),
    };
    app.store.mark_bounced(sent.outbox_id, &reason, now).await?;
    if let Some(o) = opened(app, &sent.reference).await? {
        let c = &o.dossier.state;
        let told =
            procedure::handler_or_coordinators(&o.loaded.profile, &o.org, c.handler, c.concerns);
        let notices: Vec<NewNotice> = told
            .into_iter()
            .filter_map(|user| {
                let to = o.users.iter().find(|u| u.id == user)?;
                let about = crate::notices::About {
                    reference: &sent.reference,
                    kind: procedure::NoticeKind::LetterBounced,
                    detail: None,
                    next_deadline: None,
                };
                Some(NewNotice {
                    user,
                    kind: procedure::NoticeKind::LetterBounced.as_str().to_owned(),
                    detail: None,
                    dedupe: Some(format!("bounce:{}", sent.outbox_id)),
                    mail: Some(crate::notices::notice_mail(
                        &app.config,
                        &o.loaded.profile,
                        to,
                        &about,
                    )),
                })
            })
            .collect();
        app.store
            .notify(
                Some(sent.complaint_id),
                Some(&sent.reference),
                &notices,
                now,
            )
            .await?;
        app.mail_notify.notify_one();
    }
    let settle = Settle {
        state: MailInState::Bounce,
        complaint_id: Some(sent.complaint_id),
        reason: Some(reason),
        by: None,
        at: now,
        delete_after: Some(now + short_period(app)),
    };
    app.store
        .settle_mail(id, MailInState::Tray, &settle)
        .await?;
    tracing::info!(mail = id, reference = %sent.reference, "mail in: a letter came back; marked");
    Ok(Outcome::Bounce(id, Some(sent.reference)))
}

fn first_line(s: &str) -> String {
    s.lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect()
}

/// A claim older than this whose message is still on the server was left by an instance that
/// stopped between taking a message and marking it there.
const CLAIM_ABANDONED_AFTER: SignedDuration = SignedDuration::from_mins(5);

/// Whether message `id`, taken before, was claimed long enough ago that whoever took it must
/// have stopped before marking it on the server (so this instance marks it). When unsure
/// (the database does not answer), `false`: it is looked at again next round.
pub async fn claim_abandoned(app: &App, id: i64) -> bool {
    match app.store.mail_in(id).await {
        Ok(Some((m, _))) => app.clock.now().duration_since(m.taken_at) > CLAIM_ABANDONED_AFTER,
        Ok(None) => true,
        Err(e) => {
            tracing::warn!(mail = id, error = %e, "mail in: could not read an earlier claim");
            false
        }
    }
}

/// The post tray: what waits for the coordinator, oldest first.
pub async fn tray(app: &App) -> Result<Vec<MailIn>, AppError> {
    Ok(app.store.mail_in_state(MailInState::Tray, 500).await?)
}

/// How many messages wait in the post tray (the dashboard's count: not the messages themselves).
pub async fn waiting_in_tray(app: &App) -> Result<u64, AppError> {
    Ok(app.store.count_mail_in(MailInState::Tray).await?)
}

/// Deletes what was kept only for a short time (automatic replies, bounces, not a complaint)
/// once its time is up; how many.
pub async fn clean_up(app: &App) -> Result<u64, AppError> {
    Ok(app.store.delete_expired_mail(app.clock.now()).await?)
}

// ----- The post tray ----------------------------------------------------------------------------

/// Whether `user` works the post tray: the acting coordinator (T3, T17) or a registrar. The mail
/// in it is personal data of people who are not yet complainants: nobody else reads it.
pub async fn may_use_tray(app: &App, user: &klacht_store::User) -> Result<bool, AppError> {
    if user.roles.contains(&klacht_core::Role::Registrar) {
        return Ok(true);
    }
    let org = crate::lists::org(app).await?;
    Ok(works_tray(&app.regulation().profile, &org, user))
}

/// [`may_use_tray`] with the staff already read (the dashboard has them).
pub fn works_tray(
    profile: &klacht_core::Profile,
    org: &procedure::Org,
    user: &klacht_store::User,
) -> bool {
    user.roles.contains(&klacht_core::Role::Registrar)
        || procedure::coordinating(profile, org, &user.staff()).everywhere
}

async fn permitted(app: &App, user: &klacht_store::User) -> Result<(), AppError> {
    if may_use_tray(app, user).await? {
        return Ok(());
    }
    Err(AppError::Refused(procedure::Refusal::new(
        procedure::RefusalKind::NotPermitted,
        "Alleen de coördinator die nu optreedt, of een registrator, werkt het postvak af.",
        "Only the acting coordinator, or a registrar, works the post tray.",
    )))
}

/// The post tray for `user`: what waits, oldest first.
pub async fn tray_for(app: &App, user: &klacht_store::User) -> Result<Vec<MailIn>, AppError> {
    permitted(app, user).await?;
    tray(app).await
}

/// A message of the intake with what it says, for `user`.
pub async fn message(
    app: &App,
    user: &klacht_store::User,
    id: i64,
) -> Result<(MailIn, Inbound), AppError> {
    permitted(app, user).await?;
    let Some((mail, raw)) = app.store.mail_in(id).await? else {
        return Err(AppError::not_found(
            format!("There is no message {id} in the post intake (any more)."),
            format!("Er is geen bericht {id} (meer) in de postinname."),
        ));
    };
    Ok((mail, inbound::parse(&raw, &limits(app))))
}

fn gone() -> AppError {
    AppError::Refused(procedure::Refusal::new(
        procedure::RefusalKind::WrongState,
        "Dit bericht is intussen afgehandeld; het staat niet meer in het postvak.",
        "This message has been dealt with meanwhile; it is no longer in the post tray.",
    ))
}

/// What the coordinator confirms to make a complaint of a message: the complainant's details
/// and the text, taken from the mail and edited first.
#[derive(Debug, Clone, Default)]
pub struct AsComplaint {
    pub name: String,
    pub email: String,
    pub description: String,
    pub language: Option<String>,
}

/// Makes a complaint of message `id` (T2, T5, K10): channel e-mail, written, received when the
/// mail arrived, with its attachments; acknowledged as the regulation says for what arrives
/// without a person in between (as the web form). Claimed first, so two coordinators never
/// make two complaints of one message; put back in the tray when the complaint cannot be made.
pub async fn register_from(
    app: &App,
    user: &klacht_store::User,
    id: i64,
    c: &AsComplaint,
) -> Result<crate::complaints::Registered, AppError> {
    let (mail, parsed) = message(app, user, id).await?;
    if mail.state != MailInState::Tray {
        return Err(gone());
    }
    let public = crate::intake::PublicComplaint {
        name: Some(c.name.clone()),
        email: Some(c.email.clone()).filter(|e| !e.trim().is_empty()),
        description: Some(c.description.clone()),
        language: c.language.clone(),
        ..Default::default()
    };
    let mut problems = Vec::new();
    crate::intake::complainant_problems(&public, &mut problems);
    if public.email.is_none() {
        problems.push(crate::FieldProblem::new(
            "email",
            "the complainant's e-mail address is needed to answer a complaint by e-mail".to_owned(),
        ));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let now = app.clock.now();
    let claim = Settle {
        state: MailInState::Registered,
        complaint_id: None,
        reason: None,
        by: Some(user.id),
        at: now,
        delete_after: None,
    };
    from_tray(app, id, &claim).await?;
    let made = async {
        let (docs, _left_out) = documents(app, &parsed).await?;
        let new = procedure::NewComplaint {
            channel: klacht_core::Channel::Email,
            received_at: mail.arrived_at.min(now),
            received_by: Some(user.id),
            received_where: None,
            concerns: None,
            relation: None,
            complainant: crate::intake::complainant(&public),
            on_behalf_of: None,
            description: c.description.clone(),
            language: crate::intake::lang(c.language.as_deref()),
            resolved_directly: None,
            documents: docs,
        };
        crate::complaints::register(app, None, new).await
    }
    .await;
    match made {
        Ok(r) => {
            let id_of = app.store.load(&r.reference).await?.map(|d| d.id);
            let done = Settle {
                complaint_id: id_of,
                ..claim
            };
            app.store
                .settle_mail(id, MailInState::Registered, &done)
                .await?;
            tracing::info!(mail = id, reference = %r.reference, "post tray: made a complaint of a message");
            Ok(r)
        }
        Err(e) => {
            put_back(app, id, &claim).await;
            Err(e)
        }
    }
}

/// Takes message `id` out of the tray to where `settle` says; refused when someone else was
/// first.
async fn from_tray(app: &App, id: i64, settle: &Settle) -> Result<(), AppError> {
    if app.store.settle_mail(id, MailInState::Tray, settle).await? {
        Ok(())
    } else {
        Err(gone())
    }
}

/// Puts a message claimed from the tray (`claim`) back when what it was claimed for failed;
/// logged when even that fails (the message then shows where it was claimed for, loudly).
async fn put_back(app: &App, id: i64, claim: &Settle) {
    let back = Settle {
        state: MailInState::Tray,
        complaint_id: None,
        reason: None,
        by: None,
        at: claim.at,
        delete_after: None,
    };
    if let Err(e) = app.store.settle_mail(id, claim.state, &back).await {
        tracing::error!(mail = id, error = %e, state = claim.state.as_str(), "post tray: a claimed message could not be put back in the tray");
    }
}

/// Adds message `id` to the existing complaint `reference` as the complainant's e-mail, by
/// hand: for a reply the intake could not tie to its dossier by itself.
pub async fn add_to(
    app: &App,
    user: &klacht_store::User,
    id: i64,
    reference: &str,
) -> Result<Reference, AppError> {
    let (mail, parsed) = message(app, user, id).await?;
    if mail.state != MailInState::Tray {
        return Err(gone());
    }
    let o = complaints::open(app, reference.trim()).await?;
    // K3: only someone who sees the whole dossier adds to it.
    if procedure::view(&o.loaded.profile, &o.org, &o.dossier.state, &user.staff())
        != procedure::View::Full
    {
        return Err(AppError::not_found(
            format!("There is no complaint {reference} that you can add to."),
            format!("Er is geen klacht {reference} waaraan u iets kunt toevoegen."),
        )
        .je(format!(
            "Er is geen klacht {reference} waaraan je iets kunt toevoegen."
        )));
    }
    let now = app.clock.now();
    let claim = Settle {
        state: MailInState::Added,
        complaint_id: Some(o.dossier.id),
        reason: None,
        by: Some(user.id),
        at: now,
        delete_after: None,
    };
    from_tray(app, id, &claim).await?;
    let reference = o.dossier.reference.clone();
    match join(app, o, id, &parsed, true).await {
        Ok(_) => Ok(reference),
        Err(e) => {
            put_back(app, id, &claim).await;
            Err(e)
        }
    }
}

/// Marks message `id` as not a complaint, with the reason; it is deleted after the
/// regulation's `retention.mail_days`.
pub async fn not_a_complaint(
    app: &App,
    user: &klacht_store::User,
    id: i64,
    reason: &str,
) -> Result<(), AppError> {
    permitted(app, user).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::Invalid(vec![crate::FieldProblem::new(
            "reason",
            "say why this is not a complaint".to_owned(),
        )]));
    }
    let now = app.clock.now();
    let settle = Settle {
        state: MailInState::NotComplaint,
        complaint_id: None,
        reason: Some(reason.chars().take(1000).collect()),
        by: Some(user.id),
        at: now,
        delete_after: Some(now + short_period(app)),
    };
    from_tray(app, id, &settle).await
}
