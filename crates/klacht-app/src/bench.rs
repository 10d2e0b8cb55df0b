//! What the application can do at most without HTTP, for `scripts/bench.sh` (`klacht
//! bench-ceiling store`): the rows one public complaint writes (its registration, the
//! acknowledgement letter with its mail, a status link, the coordinator's notice with its
//! mail), made beforehand and stored through the store's group commit from many tasks at once.
//! Not for production use.

use crate::AppError;
use jiff::Timestamp;
use klacht_core::personal::Personal;
use klacht_core::procedure::{
    self, Complaint, Ctx, Event, EventBody, LetterKind, LetterRecord, NewComplaint, Org, Via,
};
use klacht_core::{Actor, Calendar, Channel, Lang, Profile, Role};
use klacht_store::{FollowUp, NewMail, NewNotice, NewRecord};
use klacht_store_any::Store;

/// Stores `count` public complaints from `concurrency` tasks at once; returns the seconds it
/// took.
pub async fn store_ceiling(
    store: &Store,
    profile: Profile,
    source: &str,
    count: u64,
    concurrency: u64,
) -> Result<f64, AppError> {
    let now = Timestamp::now();
    let profile_id = store.register_profile(&profile, source, now).await?;
    let org = store.org().await?;
    let coordinator = org
        .staff
        .iter()
        .find(|s| s.roles.contains(&Role::Coordinator))
        .ok_or_else(|| {
            AppError::unexpected("no coordinator: run `klacht user add --role coordinator` first")
        })?
        .id;
    let calendar = Calendar::new(&profile.calendar);
    let mut work: Vec<Vec<(NewRecord, FollowUp)>> = (0..concurrency).map(|_| Vec::new()).collect();
    for i in 0..count {
        let rec = record(&profile, &calendar, &org, profile_id, now, i)?;
        let follow = follow_up(now, coordinator, rec.events.len(), i);
        let slot = usize::try_from(i % concurrency.max(1)).unwrap_or(0);
        if let Some(w) = work.get_mut(slot) {
            w.push((rec, follow));
        }
    }
    let started = std::time::Instant::now();
    let mut tasks = Vec::new();
    for share in work {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            for (rec, follow) in share {
                store
                    .create_complaint_with(rec, move |_, _| Ok(follow.clone()))
                    .await?;
            }
            Ok::<_, klacht_store::StoreError>(())
        }));
    }
    for t in tasks {
        t.await
            .map_err(|e| AppError::fault("a storing task", e))??;
    }
    Ok(started.elapsed().as_secs_f64())
}

fn record(
    profile: &Profile,
    calendar: &Calendar,
    org: &Org,
    profile_id: i64,
    now: Timestamp,
    i: u64,
) -> Result<NewRecord, AppError> {
    let new = NewComplaint {
        channel: Channel::Web,
        received_at: now,
        received_by: None,
        received_where: None,
        concerns: None,
        relation: None,
        complainant: procedure::Complainant {
            name: format!("Belasting {i}"),
            email: Some(format!("klager{i}@example.nl")),
            ..Default::default()
        },
        on_behalf_of: None,
        description: format!("Bij de balie werd ik niet geholpen en niemand belde terug ({i})."),
        language: Lang::Nl,
        resolved_directly: None,
        documents: Vec::new(),
    };
    let ctx = Ctx {
        profile,
        calendar,
        org,
        now,
    };
    let events = procedure::register(&ctx, None, new)?;
    let state = Complaint::replay(&events)
        .ok_or_else(|| AppError::unexpected("a registration without its event"))?;
    Ok(NewRecord {
        profile_id,
        events,
        state,
    })
}

fn follow_up(now: Timestamp, coordinator: klacht_core::UserId, own: usize, i: u64) -> FollowUp {
    let body = "Beste Belasting,\n\nWij hebben uw klacht ontvangen en nemen haar in behandeling. \
                U hoort binnen zes weken van ons.\n\nMet vriendelijke groet,\nDe klachtencoördinator"
        .to_owned();
    let to = format!("klager{i}@example.nl");
    FollowUp {
        events: vec![Event {
            at: now,
            actor: Actor::System,
            body: EventBody::Letter(Box::new(LetterRecord {
                letter: LetterKind::Acknowledgement,
                via: Via::Email,
                to: Personal::new(to.clone()),
                subject: Personal::new("Ontvangstbevestiging van uw klacht".into()),
                body: Personal::new(body.clone()),
                language: Lang::Nl,
            })),
        }],
        mails: vec![NewMail {
            event: Some(own),
            to,
            to_name: Some(format!("Belasting {i}")),
            subject: "Ontvangstbevestiging van uw klacht".into(),
            body,
            language: Lang::Nl,
        }],
        status_links: vec![format!(
            "{:032x}{:032x}",
            rand::random::<u128>(),
            rand::random::<u128>()
        )],
        revoke_status_links: false,
        read_by: None,
        notices: vec![NewNotice {
            user: coordinator,
            kind: "new_complaint".into(),
            detail: None,
            dedupe: None,
            mail: Some(NewMail {
                event: None,
                to: "coordinator@example.org".into(),
                to_name: None,
                subject: "Nieuwe klacht".into(),
                body: "Er is een nieuwe klacht binnengekomen.".into(),
                language: Lang::Nl,
            }),
        }],
    }
}
