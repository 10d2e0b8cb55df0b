//! The dashboard (`GET /beheer`): what needs me now, and every complaint I may see with its next
//! deadline as on time / due within one working day / overdue, filtered, searched, sorted and
//! paged. It reads only the projection (indexed, keyset-paged), so it stays fast with a million
//! complaints.

use super::{Desk, Frame};
use crate::http::i18n::{tr, tr_args, tr_count};
use crate::http::state::{AppState, Loaded};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::civil::Date;
use klacht_core::calendar::amsterdam_date;
use klacht_core::deadlines::{Urgency, urgency};
use klacht_core::procedure::{Org, Status, Waiting};
use klacht_core::{Channel, Lang, UserId};
use klacht_store::{Cursor, ListFilter, ListItem, Sort};
use serde::Deserialize;

/// How an [`Urgency`] (core's [`klacht_core::deadlines::urgency`]) shows in the back office:
/// its tag's class and its words.
pub trait UrgencyTag {
    fn class(&self) -> &'static str;
    fn label(&self, lang: Lang) -> String;
}

impl UrgencyTag for Urgency {
    fn class(&self) -> &'static str {
        match self {
            Urgency::None => "",
            Urgency::OnTime => "tag tag--ok",
            Urgency::DueSoon => "tag tag--soon",
            Urgency::Overdue(_) => "tag tag--late",
        }
    }

    fn label(&self, lang: Lang) -> String {
        match self {
            Urgency::None => String::new(),
            Urgency::OnTime => tr(lang, "dashboard-urgency-on-time").into(),
            Urgency::DueSoon => tr(lang, "dashboard-urgency-due-soon").into(),
            Urgency::Overdue(n) => tr_count(lang, "dashboard-urgency-overdue", "days", *n),
        }
    }
}

/// A status as staff read it.
pub fn status_label(s: Status, lang: Lang) -> &'static str {
    klacht_core::vocabulary::status(s, lang)
}

/// The profile's name for a channel.
pub fn channel_label(loaded: &Loaded, c: Channel, lang: Lang) -> String {
    loaded
        .profile
        .channels
        .iter()
        .find(|x| x.id == c)
        .map(|x| x.label.get(lang).to_owned())
        .unwrap_or_else(|| c.as_str().to_owned())
}

/// The profile's name for a category.
pub fn category_label(loaded: &Loaded, id: &str, lang: Lang) -> String {
    loaded
        .profile
        .categories
        .iter()
        .find(|x| x.id == id)
        .map(|x| x.label.get(lang).to_owned())
        .unwrap_or_else(|| id.to_owned())
}

pub fn staff_name(org: &Org, id: Option<UserId>) -> String {
    id.and_then(|id| org.get(id))
        .map(|s| s.name.clone())
        .unwrap_or_default()
}

/// A row of the complaints table.
pub struct Row {
    pub reference: String,
    pub received: String,
    pub channel: String,
    pub status: &'static str,
    pub handler: String,
    pub due: String,
    pub urgency: Urgency,
    pub urgency_label: String,
    pub categories: String,
    pub flags: Vec<&'static str>,
}

fn row(item: &ListItem, loaded: &Loaded, org: &Org, lang: Lang, today: Date) -> Row {
    let u = urgency(&loaded.calendar, item.next_due, today);
    let mut flags = Vec::new();
    if item.escalation.is_some() {
        flags.push(tr(lang, "dashboard-escalated"));
    }
    if item.sensitive {
        flags.push(tr(lang, "dashboard-sensitive"));
    }
    Row {
        reference: item.reference.to_string(),
        received: super::long_date(amsterdam_date(item.received_at), lang),
        channel: channel_label(loaded, item.channel, lang),
        status: status_label(item.status, lang),
        handler: staff_name(org, item.handler),
        due: item
            .next_due
            .map(|d| super::long_date(d, lang))
            .unwrap_or_default(),
        urgency_label: u.label(lang),
        urgency: u,
        categories: item
            .categories
            .iter()
            .map(|c| category_label(loaded, c, lang))
            .collect::<Vec<_>>()
            .join(", "),
        flags,
    }
}

/// Why a complaint waits on me, in words.
pub fn waiting_label(w: Waiting, lang: Lang) -> &'static str {
    tr(
        lang,
        match w {
            Waiting::Overdue => "dashboard-waiting-overdue",
            Waiting::DueSoon => "dashboard-waiting-due-soon",
            Waiting::BoardConsultation => "dashboard-waiting-board-consultation",
            Waiting::Unassigned => "dashboard-waiting-unassigned",
            Waiting::Hearing => "dashboard-waiting-hearing",
            Waiting::Decision => "dashboard-waiting-decision",
            Waiting::SignOff => "dashboard-waiting-sign-off",
        },
    )
}

/// A row of "What needs me now": the complaint, and every reason it waits on me.
pub struct WaitRow {
    pub row: Row,
    pub reasons: String,
}

/// The assignee filter's value for "nobody yet".
const UNASSIGNED: &str = "none";

/// Where the dashboard lists all of what a question of "what needs me now" found more of, and
/// the link's text.
fn more_waiting(
    more: &klacht_app::lists::MoreWaiting,
    me: UserId,
    loaded: &Loaded,
    lang: Lang,
) -> (String, String) {
    use klacht_app::lists::MoreWaiting;
    let t = |key: &'static str| tr(lang, key).to_owned();
    match more {
        MoreWaiting::Mine => (
            format!("/beheer?status=open&assignee={}", me.0),
            t("dashboard-more-mine"),
        ),
        MoreWaiting::Unassigned => (
            format!("/beheer?status=open&assignee={UNASSIGNED}"),
            t("dashboard-more-unassigned"),
        ),
        MoreWaiting::Due => (
            "/beheer?status=open&sort=due".to_owned(),
            t("dashboard-more-due"),
        ),
        MoreWaiting::Sensitive => (
            "/beheer?status=open&sensitive=1".to_owned(),
            t("dashboard-more-sensitive"),
        ),
        MoreWaiting::Decided => (
            "/beheer?status=decided".to_owned(),
            t("dashboard-more-decided"),
        ),
        MoreWaiting::Severity(id) => {
            let label = loaded
                .profile
                .severity(id)
                .map_or(id.as_str(), |s| s.label.get(lang));
            (
                format!("/beheer?status=open&severity={}", super::encode(id)),
                tr_args(lang, "dashboard-more-severity", &[("severity", label)]),
            )
        }
    }
}

/// The complaints waiting on me for one reason (their most pressing one).
pub struct WaitGroup {
    pub id: &'static str,
    pub caption: &'static str,
    pub rows: Vec<WaitRow>,
}

fn wait_groups(
    waiting: &[klacht_app::lists::Waiting],
    loaded: &Loaded,
    org: &Org,
    lang: Lang,
    today: Date,
) -> Vec<WaitGroup> {
    let mut groups: Vec<WaitGroup> = Vec::new();
    for w in waiting {
        let Some(first) = w.reasons.first().copied() else {
            continue;
        };
        let r = WaitRow {
            row: row(&w.item, loaded, org, lang, today),
            reasons: w
                .reasons
                .iter()
                .map(|x| waiting_label(*x, lang))
                .collect::<Vec<_>>()
                .join("; "),
        };
        match groups.iter_mut().find(|g| g.id == first.as_str()) {
            Some(g) => g.rows.push(r),
            None => groups.push(WaitGroup {
                id: first.as_str(),
                caption: waiting_label(first, lang),
                rows: vec![r],
            }),
        }
    }
    groups
}

/// The filters, as the form sends them (every field optional; unknown values are ignored with a
/// note rather than refused, so a stale bookmark still opens).
#[derive(Debug, Default, Deserialize, Clone)]
pub struct Filters {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub overdue: String,
    #[serde(default)]
    pub assignee: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub severity: String,
    #[serde(default)]
    pub escalated: String,
    #[serde(default)]
    pub sensitive: String,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub sort: String,
    #[serde(default)]
    pub after: String,
    /// The improvement action just changed from the dashboard (not a filter).
    #[serde(default)]
    pub actie: String,
}

impl Filters {
    /// The filters as query pairs, sort order last.
    fn pairs(&self) -> [(&'static str, &str); 10] {
        [
            ("status", &self.status),
            ("overdue", &self.overdue),
            ("assignee", &self.assignee),
            ("category", &self.category),
            ("channel", &self.channel),
            ("severity", &self.severity),
            ("escalated", &self.escalated),
            ("sensitive", &self.sensitive),
            ("q", &self.q),
            ("sort", &self.sort),
        ]
    }

    /// This query without the page position (for the next page link and the first page).
    fn query(&self) -> String {
        let kept: Vec<(&str, &str)> = self
            .pairs()
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .collect();
        serde_urlencoded::to_string(kept).unwrap_or_default()
    }

    /// Whether anything narrows the list (the sort order does not).
    fn any(&self) -> bool {
        self.pairs()
            .iter()
            .any(|(k, v)| *k != "sort" && !v.is_empty())
    }
}

/// An option of a select.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

fn choices(current: &str, options: Vec<(String, String)>) -> Vec<Choice> {
    options
        .into_iter()
        .map(|(value, label)| Choice {
            selected: value == current,
            value,
            label,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "beheer/dashboard.html")]
struct DashboardPage {
    f: Frame,
    /// All my open improvement actions, each with its form (T14).
    my_actions: super::recommendations::MyActions,
    /// Open requests of data subjects, due first (for whoever oversees the desk).
    requests: Vec<super::requests::ListRow>,
    /// What waits on me, by its most pressing reason.
    waiting: Vec<WaitGroup>,
    /// Where the questions that found more than they show list all of it (address, text).
    waiting_more: Vec<(String, String)>,
    /// Messages in the post tray, for whoever works it (issue 17).
    tray: u64,
    unread: u64,
    rows: Vec<Row>,
    next_href: Option<String>,
    first_href: Option<String>,
    filters: Filters,
    filtered: bool,
    notes: Vec<String>,
    statuses: Vec<Choice>,
    assignees: Vec<Choice>,
    categories: Vec<Choice>,
    channels: Vec<Choice>,
    severities: Vec<Choice>,
    yes_no_escalated: Vec<Choice>,
    yes_no_sensitive: Vec<Choice>,
    sorts: Vec<Choice>,
    /// The example organisation's details the regulation still holds (key, value), and whether
    /// this person may change them.
    examples: Vec<(String, String)>,
    may_change_regulation: bool,
}

/// Improvement actions due within this many days are marked "due soon" on their owner's
/// dashboard.
pub const ACTIONS_SOON_DAYS: i64 = 14;

/// `GET /beheer`.
pub async fn show(
    State(state): State<AppState>,
    desk: Desk,
    query: Result<Query<Filters>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let lang = desk.lang;
    let fl = query.map(|q| q.0).unwrap_or_default();
    match build(&state, &desk, fl).await {
        Ok(page) => crate::http::pages::html(StatusCode::OK, &page),
        Err(e) => super::failed(&state, lang, "/beheer", "the dashboard", e),
    }
}

async fn build(
    state: &AppState,
    desk: &Desk,
    mut fl: Filters,
) -> Result<DashboardPage, klacht_app::AppError> {
    // Overdue complaints come most urgent first unless asked otherwise: how late they are is
    // what matters, and the deadline index serves that order at once.
    if fl.sort.is_empty() {
        fl.sort = if fl.overdue == "1" { "due" } else { "new" }.into();
    }
    let lang = desk.lang;
    let loaded = state.regulation();
    let org = state.store.org().await?;
    let today = amsterdam_date(state.clock.now());
    let sc = klacht_app::lists::scope(&state.app, &desk.user).await?;
    let t = |key: &'static str| tr(lang, key).to_owned();
    let mut notes = Vec::new();

    // What needs me now.
    let open = vec![
        Status::Received,
        Status::Acknowledged,
        Status::InProgress,
        Status::Decided,
    ];
    let waiting = klacht_app::lists::waiting_for(&state.app, &desk.user, today).await?;
    let tray = if klacht_app::mail_in::works_tray(&loaded.profile, &org, &desk.user) {
        klacht_app::mail_in::waiting_in_tray(&state.app).await?
    } else {
        0
    };

    // The table.
    let mut filter = ListFilter::default();
    if !fl.status.is_empty() {
        match fl.status.as_str() {
            "open" => filter.statuses = open.clone(),
            s => match Status::parse(s) {
                Some(s) => filter.statuses = vec![s],
                None => notes.push(t("dashboard-unknown-status-ignored")),
            },
        }
    }
    if fl.overdue == "1" {
        filter.overdue_on = Some(today);
        if filter.statuses.is_empty() {
            filter.statuses = open.clone();
        }
    }
    if fl.assignee == UNASSIGNED {
        filter.unassigned = true;
    } else if !fl.assignee.is_empty() {
        match fl.assignee.parse::<i64>() {
            Ok(id) => filter.handler = Some(UserId(id)),
            Err(_) => notes.push(t("dashboard-unknown-handler-ignored")),
        }
    }
    if !fl.category.is_empty() {
        filter.category = Some(fl.category.clone());
    }
    if !fl.channel.is_empty() {
        match Channel::parse(&fl.channel) {
            Some(c) => filter.channel = Some(c),
            None => notes.push(t("dashboard-unknown-channel-ignored")),
        }
    }
    if !fl.severity.is_empty() {
        filter.severity = Some(fl.severity.clone());
    }
    filter.escalated = match fl.escalated.as_str() {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    };
    filter.sensitive = match fl.sensitive.as_str() {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    };
    if !fl.q.trim().is_empty() {
        filter.text = Some(fl.q.trim().chars().take(200).collect());
    }
    let sort = if fl.sort == "due" {
        Sort::NextDue
    } else {
        Sort::Newest
    };
    let after = if fl.after.is_empty() {
        None
    } else {
        let c = Cursor::decode(&fl.after);
        if c.is_none() {
            notes.push(t("dashboard-that-page-position-does-not-exist"));
        }
        c
    };
    let page = match state
        .store
        .list(sc, &filter, sort, after.as_ref(), 50)
        .await
    {
        Ok(p) => p,
        // A cursor of the other sort order: start again.
        Err(klacht_store::StoreError::Invalid { .. }) => {
            notes.push(t("dashboard-the-sort-order-changed-showing-the-first"));
            state.store.list(sc, &filter, sort, None, 50).await?
        }
        Err(e) => return Err(e.into()),
    };
    let base = fl.query();
    let next_href = page.next.map(|c| {
        let sep = if base.is_empty() { "" } else { "&" };
        format!("/beheer?{base}{sep}after={}", super::encode(&c.encode()))
    });
    let first_href = (!fl.after.is_empty()).then(|| format!("/beheer?{base}"));

    let status_opts = {
        let mut v = vec![
            (String::new(), t("dashboard-all")),
            ("open".into(), t("dashboard-open-not-yet-closed")),
        ];
        for s in [
            Status::Received,
            Status::Acknowledged,
            Status::InProgress,
            Status::Decided,
            Status::Closed,
            Status::Withdrawn,
            Status::Duplicate,
        ] {
            v.push((s.as_str().into(), status_label(s, lang).into()));
        }
        v
    };
    let mut assignee_opts = vec![
        (String::new(), t("dashboard-anyone")),
        (UNASSIGNED.to_owned(), t("dashboard-nobody-yet")),
    ];
    for s in &org.staff {
        if s.roles.iter().any(|r| *r != klacht_core::Role::Admin) {
            assignee_opts.push((s.id.0.to_string(), s.name.clone()));
        }
    }
    let mut category_opts = vec![(String::new(), t("dashboard-all"))];
    for c in &loaded.profile.categories {
        category_opts.push((c.id.clone(), c.label.get(lang).to_owned()));
    }
    let mut channel_opts = vec![(String::new(), t("dashboard-all"))];
    for c in &loaded.profile.channels {
        channel_opts.push((c.id.as_str().into(), c.label.get(lang).to_owned()));
    }
    let mut severity_opts = vec![(String::new(), t("dashboard-all"))];
    for s in &loaded.profile.severities {
        severity_opts.push((s.id.clone(), s.label.get(lang).to_owned()));
    }
    let yes_no = |cur: &str, yes: String, no: String| {
        choices(
            cur,
            vec![
                (String::new(), t("dashboard-either")),
                ("1".into(), yes),
                ("0".into(), no),
            ],
        )
    };
    let to_rows = |items: &[ListItem]| -> Vec<Row> {
        items
            .iter()
            .map(|i| row(i, &loaded, &org, lang, today))
            .collect()
    };
    let my_actions =
        super::recommendations::my_actions(state, desk, today, fl.actie.parse().ok()).await?;
    // The desk's requests have deadlines of their own (AVG art. 12(3)); the rule of who sees them
    // is the use case's, which refuses whoever does not oversee it.
    let requests = if desk.retention {
        match klacht_app::desk::list(&state.app, &desk.user).await {
            Ok(all) => all
                .iter()
                .filter(|r| r.completed_at.is_none())
                .map(|r| super::requests::list_row(r, today, lang))
                .collect(),
            Err(klacht_app::AppError::Refused(_)) => Vec::new(),
            Err(e) => return Err(e),
        }
    } else {
        Vec::new()
    };
    Ok(DashboardPage {
        f: desk.frame("/beheer", "desk-dashboard"),
        examples: state.regulation().examples.clone(),
        may_change_regulation: klacht_app::regulation::may_manage(&desk.user),
        my_actions,
        requests,
        waiting: wait_groups(&waiting.items, &loaded, &org, lang, today),
        waiting_more: waiting
            .more
            .iter()
            .map(|m| more_waiting(m, desk.user.id, &loaded, lang))
            .collect(),
        tray,
        unread: desk.unread,
        rows: to_rows(&page.items),
        next_href,
        first_href,
        filtered: fl.any(),
        notes,
        statuses: choices(&fl.status, status_opts),
        assignees: choices(&fl.assignee, assignee_opts),
        categories: choices(&fl.category, category_opts),
        channels: choices(&fl.channel, channel_opts),
        severities: choices(&fl.severity, severity_opts),
        yes_no_escalated: yes_no(
            &fl.escalated,
            t("dashboard-escalated-only"),
            t("dashboard-not-escalated"),
        ),
        yes_no_sensitive: yes_no(
            &fl.sensitive,
            t("dashboard-sensitive-only"),
            t("dashboard-not-sensitive"),
        ),
        sorts: choices(
            &fl.sort,
            vec![
                ("new".into(), t("dashboard-newest-first")),
                ("due".into(), t("dashboard-nearest-deadline-first")),
            ],
        ),
        filters: fl,
    })
}
