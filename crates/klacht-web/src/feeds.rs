//! The per-user calendar feed: a secret iCalendar address with the running deadlines of the
//! complaints someone works on, for Outlook or Google Calendar.
//!
//! Calendar services fetch and keep the feed, so it holds no personal data: each deadline is an
//! all-day event on its due date that names the complaint's reference and the deadline, with a
//! link to the dossier in the back office (which asks to sign in). The feed reads only the
//! list projection, never a dossier, so it stays cheap however many complaints there are.

use crate::http::i18n::tr;
use crate::http::state::AppState;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use icalendar::{Calendar, Component, Event, EventLike, Property};
use jiff::Timestamp;
use jiff::civil::Date;
use klacht_core::procedure::{DeadlineState, Status};
use klacht_core::{Lang, Profile, Reference};
use klacht_store::{ListFilter, ListItem, Scope, Sort, StoreError, User};

/// At most this many events in one feed (and complaints read per query): the most urgent.
pub const MAX_EVENTS: usize = 500;

/// The calendar feed's routes: `GET /agenda/{token}.ics`.
pub fn routes() -> Router<AppState> {
    Router::new().route("/agenda/{file}", get(feed))
}

/// One event of the feed: a running deadline of one complaint. Ordered by due date first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub due: Date,
    pub reference: Reference,
    /// The deadline's id in the profile (`acknowledge`, `answer`, …).
    pub deadline: String,
}

async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return not_found();
    };
    let user = match state.store.user_by_calendar_token(token).await {
        Ok(Some(user)) => user,
        Ok(None) => return not_found(),
        Err(e) => return failed(&e),
    };
    let profile = state.regulation();
    let entries = match entries(&state, &profile.profile, &user).await {
        Ok(entries) => entries,
        Err(e) => return failed(&e),
    };
    let body = render(
        &entries,
        &profile.profile,
        user.language,
        &state.settings.public_url,
        state.clock.now(),
    );
    let mut response = (StatusCode::OK, body).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    private(response)
}

/// The running deadlines `user` works on, most urgent first, at most [`MAX_EVENTS`]: those of
/// the complaints they handle and, when they act as coordinator (T17: a deputy while the
/// coordinators are absent or complained about), those of the complaints nobody handles yet —
/// never of a complaint about themselves (K3).
pub async fn entries(
    state: &AppState,
    profile: &Profile,
    user: &User,
) -> Result<Vec<Entry>, StoreError> {
    let running = ListFilter {
        statuses: vec![Status::Received, Status::Acknowledged, Status::InProgress],
        ..ListFilter::default()
    };
    let own = ListFilter {
        handler: Some(user.id),
        ..running.clone()
    };
    let mine = Scope {
        user: user.id,
        all: false,
        escalated: false,
        board: false,
        about: None,
        none: false,
    };
    let mut items = urgent(state, mine, &own).await?;
    let org = state.store.org().await?;
    let coordinating = klacht_core::procedure::coordinating(profile, &org, &user.staff());
    if coordinating.everywhere || coordinating.about.is_some() {
        let unassigned = ListFilter {
            unassigned: true,
            ..running
        };
        let acting = Scope {
            all: coordinating.everywhere,
            about: coordinating.about,
            ..mine
        };
        items.extend(
            urgent(state, acting, &unassigned)
                .await?
                .into_iter()
                .filter(|item| coordinating.on(item.concerns)),
        );
    }
    let mut out = Vec::new();
    for item in &items {
        let deadlines: Vec<DeadlineState> = serde_json::from_value(item.deadlines.clone())
            .map_err(|e| {
                StoreError::Corrupt(format!("deadlines of complaint {}: {e}", item.reference))
            })?;
        out.extend(
            deadlines
                .into_iter()
                .filter(|d| d.runs_while(item.status))
                .filter_map(|d| {
                    Some(Entry {
                        due: d.due?,
                        reference: item.reference.clone(),
                        deadline: d.id,
                    })
                }),
        );
    }
    out.sort();
    out.dedup();
    out.truncate(MAX_EVENTS);
    Ok(out)
}

/// The most urgent page of a list (next running deadline first).
async fn urgent(
    state: &AppState,
    scope: Scope,
    filter: &ListFilter,
) -> Result<Vec<ListItem>, StoreError> {
    let limit = u32::try_from(MAX_EVENTS).unwrap_or(u32::MAX);
    Ok(state
        .store
        .list(scope, filter, Sort::NextDue, None, limit)
        .await?
        .items)
}

/// The words of the feed, in the user's language.
struct Words {
    calendar: &'static str,
    complaint: &'static str,
    due: &'static str,
    deadline: &'static str,
}

fn words(lang: Lang) -> Words {
    Words {
        calendar: tr(lang, "feed-calendar"),
        complaint: tr(lang, "feed-complaint"),
        due: tr(lang, "feed-due"),
        deadline: tr(lang, "feed-deadline"),
    }
}

/// The feed as iCalendar text.
pub fn render(
    entries: &[Entry],
    profile: &Profile,
    lang: Lang,
    public_url: &str,
    now: Timestamp,
) -> String {
    let w = words(lang);
    let host = host(public_url);
    let stamp = chrono::DateTime::from_timestamp(now.as_second(), 0).unwrap_or_default();
    let name = if profile.organisation.name.trim().is_empty() {
        w.calendar.to_owned()
    } else {
        format!("{} – {}", w.calendar, profile.organisation.name.trim())
    };
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//klacht//klachttermijnen//NL"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .name(&name)
        // Ask calendar services to fetch again within the hour (RFC 7986, and Outlook's own).
        .append_property(
            Property::new("REFRESH-INTERVAL", "PT1H")
                .add_parameter("VALUE", "DURATION")
                .done(),
        )
        .append_property(Property::new("X-PUBLISHED-TTL", "PT1H"));
    for e in entries {
        let label = profile
            .deadline(&e.deadline)
            .map_or(e.deadline.as_str(), |d| d.label.get(lang));
        let url = format!("{public_url}/beheer/klachten/{}", e.reference);
        let mut event = Event::new();
        event
            // Stable, so that a moved due date moves the event instead of adding one.
            .uid(&format!("{}-{}@{host}", e.reference, e.deadline))
            .timestamp(stamp)
            .summary(&format!(
                "{} {}: {label} {}",
                w.complaint, e.reference, w.due
            ))
            .description(&format!(
                "{}: {label}\n{} {}\n{url}",
                w.deadline, w.complaint, e.reference
            ))
            .url(&url)
            // A deadline does not make anyone busy.
            .add_property("TRANSP", "TRANSPARENT")
            .starts(to_chrono(e.due));
        if let Some(next) = e.due.tomorrow().ok().map(to_chrono) {
            // An all-day event ends (exclusively) the next day.
            event.ends(next);
        }
        cal.push(event.done());
    }
    cal.to_string()
}

fn to_chrono(d: Date) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(
        i32::from(d.year()),
        u32::try_from(d.month()).unwrap_or(1),
        u32::try_from(d.day()).unwrap_or(1),
    )
    .unwrap_or_default()
}

/// The host of the public address, for the events' UIDs.
fn host(public_url: &str) -> &str {
    let rest = public_url
        .split_once("://")
        .map_or(public_url, |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or(rest);
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    match authority.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => authority,
    }
}

/// The feed's address is its secret: never cached, indexed or passed on.
fn private(response: Response) -> Response {
    let mut response = crate::http::pages::private(response);
    response
        .headers_mut()
        .insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

fn not_found() -> Response {
    private(
        (
            StatusCode::NOT_FOUND,
            [(CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Deze agenda bestaat niet (meer). / This calendar does not exist (any more).\n",
        )
            .into_response(),
    )
}

fn failed(e: &StoreError) -> Response {
    tracing::error!(error = %e, "calendar feed");
    private(
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(CONTENT_TYPE, "text/plain; charset=utf-8")],
            "De agenda is even niet beschikbaar. / The calendar is not available right now.\n",
        )
            .into_response(),
    )
}

#[cfg(test)]
mod tests {
    use super::host;

    #[test]
    fn the_uid_host_is_the_public_address_without_scheme_port_or_path() {
        assert_eq!(host("https://klachten.example.nl"), "klachten.example.nl");
        assert_eq!(host("http://127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(host("https://example.nl/klachten"), "example.nl");
        assert_eq!(host("klacht.test"), "klacht.test");
    }
}
