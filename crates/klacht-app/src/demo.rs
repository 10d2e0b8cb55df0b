//! `klacht demo`: realistic complaints made through the real procedure engine, spread over the
//! last two years — mixed channels, categories and outcomes, some late, some escalated, some
//! still open. For demonstrations, reports and benchmarks.

use crate::AppError;
use jiff::{Timestamp, ToSpan};
use klacht_core::procedure::{self, Command, Complaint, Ctx, Event, Level, NewComplaint, Org, Via};
use klacht_core::{Calendar, Channel, Lang, Outcome, Profile, Role};
use klacht_store::{NewRecord, NewUser};
use klacht_store_any::Store;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::BTreeSet;

const FIRST: &[&str] = &[
    "Anna", "Bram", "Chantal", "Daan", "Emma", "Fatima", "Gijs", "Hanna", "Ibrahim", "Julia",
    "Kees", "Lotte", "Mohammed", "Noor", "Olivier", "Priya", "Ruben", "Sanne", "Tim", "Yara",
];
const LAST: &[&str] = &[
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "El Amrani",
    "Yılmaz",
    "van Dijk",
];
const WHAT: &[&str] = &[
    "Ik heb na drie weken nog steeds geen reactie op mijn vraag gekregen.",
    "De medewerker aan de telefoon was onvriendelijk en hing op.",
    "Mijn donatie is twee keer afgeschreven.",
    "Er is zonder toestemming een foto van mij op de website gezet.",
    "Het advies dat ik kreeg klopte juridisch niet.",
    "De afspraak werd op het laatste moment afgezegd, zonder uitleg.",
    "Ik krijg steeds brieven terwijl ik heb gevraagd daarmee te stoppen.",
    "De vrijwilliger was niet op de hoogte van mijn dossier.",
];

/// Complaints written per transaction.
const BATCH: usize = 2_000;

async fn demo_staff(store: &Store) -> Result<Org, AppError> {
    let people: &[(&str, &str, &[Role])] = &[
        (
            "coordinator@demo.klacht",
            "Carla Coördinator",
            &[Role::Coordinator, Role::Board],
        ),
        (
            "deputy@demo.klacht",
            "Dirk Plaatsvervanger",
            &[Role::Deputy, Role::Board],
        ),
        (
            "handler1@demo.klacht",
            "Hasan Behandelaar",
            &[Role::Handler],
        ),
        (
            "handler2@demo.klacht",
            "Hester Behandelaar",
            &[Role::Handler],
        ),
        ("director@demo.klacht", "Diana Directeur", &[Role::Director]),
        ("staff1@demo.klacht", "Vera Vrijwilliger", &[Role::Staff]),
        ("staff2@demo.klacht", "Victor Vrijwilliger", &[Role::Staff]),
    ];
    for (email, name, roles) in people {
        if store.user_by_email(email).await?.is_none() {
            store
                .create_user(
                    &NewUser {
                        email: (*email).into(),
                        name: (*name).into(),
                        roles: roles.iter().copied().collect::<BTreeSet<_>>(),
                        password_hash: None,
                    },
                    Timestamp::now(),
                )
                .await?;
        }
    }
    Ok(store.org().await?)
}

/// One of `items` at random.
fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> Result<&'a T, AppError> {
    let empty = || AppError::unexpected("the demo has an empty list to choose from");
    if items.is_empty() {
        return Err(empty());
    }
    items
        .get(rng.random_range(0..items.len()))
        .ok_or_else(empty)
}

/// One complaint's whole life, as far as it has got by `now`.
fn complaint(
    rng: &mut StdRng,
    profile: &Profile,
    calendar: &Calendar,
    org: &Org,
    now: Timestamp,
) -> Result<Option<(Vec<Event>, Complaint)>, AppError> {
    let by_role = |r: Role| org.staff.iter().filter(move |s| s.roles.contains(&r));
    let coordinator = by_role(Role::Coordinator)
        .next()
        .ok_or_else(|| AppError::unexpected("the demo needs a coordinator"))?
        .clone();
    let handlers: Vec<_> = by_role(Role::Handler).cloned().collect();
    let volunteers: Vec<_> = by_role(Role::Staff).cloned().collect();
    let director = by_role(Role::Director).next().cloned();
    // Most complaints are history; a tenth arrived in the last month and are still being handled.
    let age_minutes = if rng.random_bool(0.1) {
        rng.random_range(60..(30 * 24 * 60))
    } else {
        rng.random_range(60..(730 * 24 * 60))
    };
    let received_at = now - (age_minutes as i64).minutes();
    let channel = *pick(
        rng,
        &[
            Channel::Web,
            Channel::Web,
            Channel::Web,
            Channel::Email,
            Channel::Email,
            Channel::Phone,
            Channel::Letter,
            Channel::InPerson,
            Channel::SocialMedia,
        ],
    )?;
    if profile.channel(channel).is_none() {
        return Ok(None);
    }
    let concerns = if rng.random_bool(0.4) && !volunteers.is_empty() {
        Some(pick(rng, &volunteers)?.id)
    } else {
        None
    };
    let name = format!("{} {}", pick(rng, FIRST)?, pick(rng, LAST)?);
    let new = NewComplaint {
        channel,
        received_at,
        received_by: (channel != Channel::Web).then_some(coordinator.id),
        received_where: None,
        concerns,
        relation: Some(pick(rng, &profile.relations)?.id.clone()),
        complainant: procedure::Complainant {
            email: Some(format!(
                "{}@example.nl",
                name.to_lowercase().replace(' ', ".")
            )),
            name,
            ..Default::default()
        },
        on_behalf_of: None,
        description: (*pick(rng, WHAT)?).to_owned(),
        language: if rng.random_bool(0.1) {
            Lang::En
        } else {
            Lang::Nl
        },
        resolved_directly: None,
        documents: Vec::new(),
    };
    let mut t = received_at + 5.minutes();
    let ctx = |t: Timestamp| Ctx {
        profile,
        calendar,
        org,
        now: t,
    };
    let who = if channel == Channel::Web {
        None
    } else {
        Some(&coordinator)
    };
    let mut events = procedure::register(&ctx(t), who, new).map_err(AppError::Refused)?;
    let mut state = Complaint::replay(&events)
        .ok_or_else(|| AppError::unexpected("a demo registration without its event"))?;
    // Steps in order; each happens some working hours or days after the previous one, unless
    // that would be in the future: then the complaint is still at that point.
    let late = rng.random_bool(0.15);
    let handler = pick(rng, &handlers)?.clone();
    let mut steps: Vec<(i64, &procedure::Staff, Command)> = vec![
        (
            if late {
                4 * 24 * 60
            } else {
                rng.random_range(30..2 * 24 * 60)
            },
            &coordinator,
            Command::Acknowledge {
                via: Via::Email,
                note: None,
            },
        ),
        (
            rng.random_range(10..600),
            &coordinator,
            Command::Assign {
                handler: handler.id,
            },
        ),
        (
            rng.random_range(10..600),
            &coordinator,
            Command::Classify {
                categories: vec![pick(rng, &profile.categories)?.id.clone()],
                severity: Some(pick(rng, &profile.severities)?.id.clone()),
                sensitive: rng.random_bool(0.03),
                relation: None,
            },
        ),
    ];
    if state.acknowledged_at.is_some() {
        // A web complaint with an e-mail address was acknowledged on arrival (T5).
        steps.remove(0);
    }
    if concerns.is_some() {
        steps.push((
            rng.random_range(60..1440),
            &coordinator,
            Command::InformInvolved {
                note: None,
                via: None,
            },
        ));
    }
    let escalate = rng.random_bool(0.08);
    if escalate {
        steps.push((
            rng.random_range(60..2880),
            &handler,
            Command::Escalate {
                to: Level::Director,
                reason: "Geen oplossing met de klager gevonden.".into(),
            },
        ));
    }
    let withdraw = rng.random_bool(0.05);
    if withdraw {
        steps.push((
            rng.random_range(60..5000),
            &coordinator,
            Command::Withdraw { reason: None },
        ));
    } else {
        if rng.random_bool(0.5) {
            steps.push((
                rng.random_range(60..2880),
                &handler,
                Command::RecordMeasure {
                    description: "Werkinstructie aangepast en besproken in het teamoverleg.".into(),
                },
            ));
        }
        let outcome = *pick(
            rng,
            &[
                Outcome::Gegrond,
                Outcome::DeelsGegrond,
                Outcome::Ongegrond,
                Outcome::Opgelost,
                Outcome::NietOntvankelijk,
            ],
        )?;
        let decider = if escalate {
            director.as_ref().unwrap_or(&coordinator)
        } else {
            &handler
        };
        let decide_after = if late || rng.random_bool(0.1) {
            rng.random_range(6 * 1440..20 * 1440)
        } else {
            rng.random_range(600..4 * 1440)
        };
        if profile.registration.hear_complainant {
            // Awb 9:10: heard before the decision.
            steps.push((
                rng.random_range(60..1440),
                &handler,
                Command::RecordComplainantHearing {
                    hearing: klacht_core::procedure::ComplainantHearing::Held,
                    on: None,
                    ground: None,
                    note: None,
                },
            ));
        }
        steps.push((
            decide_after,
            decider,
            Command::Decide {
                outcome,
                decision: "Wij hebben uw klacht onderzocht en besproken met de betrokkenen.".into(),
                via: Via::Email,
            },
        ));
        for cap in &profile.registration.sign_off {
            let signer = match cap {
                klacht_core::profile::Capacity::Involved => concerns.and_then(|c| org.get(c)),
                _ => Some(&coordinator),
            };
            if let Some(s) = signer {
                steps.push((
                    rng.random_range(60..1440),
                    s,
                    Command::SignOff {
                        involved_signed_on: None,
                    },
                ));
            }
        }
        // Now and then a decided complaint is left unclosed: the dashboard should show it.
        if rng.random_bool(0.97) {
            steps.push((rng.random_range(60..2880), &coordinator, Command::Close));
        }
    }
    for (after, who, cmd) in steps {
        t += after.minutes();
        if t > now {
            break;
        }
        match procedure::decide(&ctx(t), &state, who, cmd) {
            Ok(new) => {
                for e in &new {
                    state.apply(e);
                }
                events.extend(new);
            }
            // A step the regulation does not allow here (e.g. a role this profile does not
            // give) is skipped, as a real coordinator would be told and do something else.
            Err(_) => continue,
        }
    }
    Ok(Some((events, state)))
}

pub async fn run(
    store: &Store,
    profile: Profile,
    source: &str,
    count: u64,
    seed: u64,
) -> Result<(), AppError> {
    let now = Timestamp::now();
    let profile_id = store.register_profile(&profile, source, now).await?;
    let org = demo_staff(store).await?;
    let key = profile.key().to_string();
    let started = std::time::Instant::now();
    // Complaints are made through the procedure engine on a thread of their own while the
    // previous batch is written: generating and storing each take one core.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<NewRecord>>(2);
    let maker = tokio::task::spawn_blocking(move || -> Result<(), AppError> {
        let calendar = Calendar::new(&profile.calendar);
        let mut rng = StdRng::seed_from_u64(seed);
        let mut made = 0u64;
        let mut batch = Vec::with_capacity(BATCH);
        while made < count {
            if let Some((events, state)) = complaint(&mut rng, &profile, &calendar, &org, now)? {
                batch.push(NewRecord {
                    profile_id,
                    events,
                    state,
                });
                made += 1;
            }
            let full = batch.len() >= BATCH || (made == count && !batch.is_empty());
            // A failed send means the writer stopped; its error is reported below.
            if full && tx.blocking_send(std::mem::take(&mut batch)).is_err() {
                break;
            }
        }
        Ok(())
    });
    let mut made = 0u64;
    while let Some(batch) = rx.recv().await {
        let n = batch.len() as u64;
        store.create_complaints(batch).await?;
        let before = made;
        made += n;
        if made / 50_000 != before / 50_000 || made == count {
            eprintln!(
                "{made} complaints ({:.1}s)",
                started.elapsed().as_secs_f64()
            );
        }
    }
    maker
        .await
        .map_err(|e| AppError::fault("the demo generator", e))??;
    store.analyze().await?;
    eprintln!(
        "demo: {made} complaints under {key} in {:.1}s; staff e-mails end in @demo.klacht",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
