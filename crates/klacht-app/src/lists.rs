//! Lists and searches of complaints: whose complaints someone sees (K8, K3) is core's
//! [`list_scope`], asked here with the staff as they stand; the store selects by it.

use crate::{App, AppError};
use klacht_core::procedure::{ListScope, Org, list_scope};
use klacht_store::{Cursor, ListFilter, ListItem, Page, Sort, User};

/// The staff as the engine sees them, as read at most a second ago.
pub(crate) async fn org(app: &App) -> Result<Org, AppError> {
    let users = app.store.recent_users().await?;
    Ok(Org {
        staff: users.iter().map(User::staff).collect(),
    })
}

/// Whose complaints `user`'s lists and searches show, under the regulation in force.
pub async fn scope(app: &App, user: &User) -> Result<ListScope, AppError> {
    let loaded = app.regulation();
    Ok(list_scope(&loaded.profile, &org(app).await?, &user.staff()))
}

/// A page of the complaints `user` sees, filtered and sorted, after `after`.
pub async fn list(
    app: &App,
    user: &User,
    filter: &ListFilter,
    sort: Sort,
    after: Option<&Cursor>,
    limit: u32,
) -> Result<Page, AppError> {
    let scope = scope(app, user).await?;
    Ok(app.store.list(scope, filter, sort, after, limit).await?)
}

/// A complaint that waits on someone, with why (the dashboard's "What needs me now").
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting {
    pub item: ListItem,
    /// Why, the most pressing first; never empty.
    pub reasons: Vec<klacht_core::procedure::Waiting>,
}

/// A question of [`waiting_for`] that found more complaints than it read: the whole list is the
/// dashboard's, under the matching filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoreWaiting {
    /// The open complaints I handle.
    Mine,
    /// The open complaints nobody handles.
    Unassigned,
    /// The open complaints by their next deadline.
    Due,
    /// The open sensitive complaints.
    Sensitive,
    /// The decided complaints (signatures).
    Decided,
    /// The open complaints of this severity (one that consults the board).
    Severity(String),
}

/// What waits on someone: the complaints with their reasons, and the questions that had more
/// than [`WAITING_PAGE`] complaints, so that the page can say so and link to all of them.
#[derive(Debug, Clone, Default)]
pub struct WaitingList {
    pub items: Vec<Waiting>,
    pub more: Vec<MoreWaiting>,
}

/// Complaints read per question of [`waiting_for`].
const WAITING_PAGE: u32 = 10;
/// Dossiers read whole by [`waiting_for`], for the hearing, the signature and the board's
/// consultation, which a list does not hold.
const WAITING_LOADS: usize = 10;

/// What waits on `user` on `today`, the most pressing first: the unassigned complaints on which
/// they act as coordinator (T3, T17; not those about themselves, K3), the very serious or
/// sensitive ones awaiting the board's consultation or a reason why not (T9, T18), the
/// complaints they handle awaiting the hearing (K6), the decision or their signature (K11), and
/// those they handle or coordinate with a deadline ending by the next working day or past. Read
/// from a few indexed pages of the list, and from at most [`WAITING_LOADS`] dossiers.
pub async fn waiting_for(
    app: &App,
    user: &User,
    today: jiff::civil::Date,
) -> Result<WaitingList, AppError> {
    use klacht_core::procedure::{Listed, Status, coordinating, waiting_in, waiting_listed};
    let loaded = app.regulation();
    let profile = &loaded.profile;
    let org = org(app).await?;
    let me = user.staff();
    let scope = list_scope(profile, &org, &me);
    if scope.none {
        return Ok(WaitingList::default());
    }
    let acting = coordinating(profile, &org, &me);
    let coordinates = acting.everywhere || acting.about.is_some();
    let open = vec![
        Status::Received,
        Status::Acknowledged,
        Status::InProgress,
        Status::Decided,
    ];
    let mut questions = vec![(
        MoreWaiting::Mine,
        ListFilter {
            statuses: open.clone(),
            handler: Some(user.id),
            ..ListFilter::default()
        },
        Sort::Newest,
    )];
    if coordinates {
        let soon = klacht_core::deadlines::due_soon_until(&loaded.calendar, today);
        questions.push((
            MoreWaiting::Unassigned,
            ListFilter {
                statuses: open.clone(),
                unassigned: true,
                ..ListFilter::default()
            },
            Sort::Newest,
        ));
        questions.push((
            MoreWaiting::Due,
            ListFilter {
                statuses: open.clone(),
                overdue_on: Some(soon.tomorrow().unwrap_or(soon)),
                ..ListFilter::default()
            },
            Sort::NextDue,
        ));
        questions.push((
            MoreWaiting::Sensitive,
            ListFilter {
                statuses: open.clone(),
                sensitive: Some(true),
                ..ListFilter::default()
            },
            Sort::Newest,
        ));
        // K11: the coordinator's signature after the decision.
        if profile
            .registration
            .sign_off
            .contains(&klacht_core::profile::Capacity::Coordinator)
        {
            questions.push((
                MoreWaiting::Decided,
                ListFilter {
                    statuses: vec![Status::Decided],
                    ..ListFilter::default()
                },
                Sort::Newest,
            ));
        }
        for s in profile.severities.iter().filter(|s| s.consult_board) {
            questions.push((
                MoreWaiting::Severity(s.id.clone()),
                ListFilter {
                    statuses: open.clone(),
                    severity: Some(s.id.clone()),
                    ..ListFilter::default()
                },
                Sort::Newest,
            ));
        }
    }
    let mut items: Vec<ListItem> = Vec::new();
    let mut more = Vec::new();
    for (question, filter, sort) in questions {
        let page = app
            .store
            .list(scope, &filter, sort, None, WAITING_PAGE)
            .await?;
        if page.next.is_some() {
            more.push(question);
        }
        for item in page.items {
            if !items.iter().any(|i| i.reference == item.reference) {
                items.push(item);
            }
        }
    }
    let very_serious = |item: &ListItem| {
        item.severity
            .as_deref()
            .and_then(|s| profile.severity(s))
            .is_some_and(|s| s.consult_board)
    };
    // What a list does not hold: the hearing and signatures of what I handle, the board's
    // consultation of what I coordinate. Those dossiers are read whole, in one query.
    let needs_dossier = |item: &ListItem| {
        let handled = item.handler == Some(user.id)
            && (item.status == Status::Decided || item.concerns.is_some());
        let flagged = acting.on(item.concerns)
            && (item.sensitive || very_serious(item))
            && item.escalation.as_deref() != Some("board");
        let signs = item.status == Status::Decided
            && acting.on(item.concerns)
            && profile
                .registration
                .sign_off
                .contains(&klacht_core::profile::Capacity::Coordinator);
        handled || flagged || signs
    };
    let whole: Vec<klacht_core::Reference> = items
        .iter()
        .filter(|i| needs_dossier(i))
        .take(WAITING_LOADS)
        .map(|i| i.reference.clone())
        .collect();
    let dossiers = app.store.load_many(&whole).await?;
    let mut out = Vec::new();
    for item in items {
        let reasons = if whole.contains(&item.reference) {
            match dossiers.iter().find(|d| d.reference == item.reference) {
                Some(d) => {
                    let own = app.profiles.get(&app.store, d.profile_id).await?;
                    waiting_in(&own.profile, &own.calendar, &org, &d.state, &me, today)
                }
                None => Vec::new(),
            }
        } else {
            let listed = Listed {
                status: item.status,
                handler: item.handler,
                concerns: item.concerns,
                next_due: item.next_due,
            };
            waiting_listed(profile, &loaded.calendar, &acting, user.id, listed, today)
        };
        if !reasons.is_empty() {
            out.push(Waiting { item, reasons });
        }
    }
    for w in &mut out {
        w.reasons.sort();
        w.reasons.dedup();
    }
    out.sort_by(|a, b| {
        (
            a.reasons.first(),
            a.item.next_due.is_none(),
            a.item.next_due,
        )
            .cmp(&(
                b.reasons.first(),
                b.item.next_due.is_none(),
                b.item.next_due,
            ))
    });
    Ok(WaitingList { items: out, more })
}
