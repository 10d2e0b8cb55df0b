//! The register's reminders to the coordinator(s), told by the background job beside the
//! deadline round (`klacht serve`), each once with a dedupe key, also when the round repeats
//! and when two instances run it on one database. When each is due, for whom and under which
//! key is the regulation's ([`klacht_core::reminders`]: the annual report in January, T15; the
//! evaluation a year after the last one or the adoption, T16); here: what they say, where they
//! lead (`/beheer/verslagen`, `/beheer/evaluaties`), and the notices and mail.
//!
//! The notices name no complaint and no personal data.

use crate::AppError;
use crate::{App, Config};
use jiff::civil::Date;
use klacht_core::Lang;
use klacht_core::calendar::amsterdam_date;
use klacht_core::reminders;
use klacht_i18n::{tr_args_voiced, tr_voiced};
use klacht_store::{NewMail, NewNotice, User};

/// Where the reports are written and read.
pub const REPORTS_PATH: &str = "/beheer/verslagen";
/// Where evaluations are recorded.
pub const EVALUATIONS_PATH: &str = "/beheer/evaluaties";

pub use klacht_core::reminders::{ANNUAL_REPORT_DUE, EVALUATION_DUE};

/// What a register notice says, its short form and where it leads; `None` for other kinds.
/// `informal`: the regulation in force says "je" (`texts.informal`, kjrw), as the back office
/// does under it.
pub fn describe(
    kind: &str,
    detail: Option<&str>,
    lang: Lang,
    informal: bool,
) -> Option<(String, String, String)> {
    let tr = |lang, key| tr_voiced(lang, informal, key);
    let tr_args = |lang, key, values: &[(&str, &str)]| tr_args_voiced(lang, informal, key, values);
    match kind {
        ANNUAL_REPORT_DUE => {
            let year = [("year", detail.unwrap_or(""))];
            let headline = tr_args(lang, "reminder-annual-report-headline", &year);
            let text = tr_args(lang, "reminder-annual-report-text", &year);
            Some((text, headline, REPORTS_PATH.to_owned()))
        }
        EVALUATION_DUE => {
            let since = detail
                .and_then(|d| d.parse::<Date>().ok())
                .map(|d| klacht_core::texts::long_date(d, lang))
                .unwrap_or_default();
            let headline = tr(lang, "reminder-evaluation-headline").to_owned();
            let text = tr_args(lang, "reminder-evaluation-text", &[("since", &since)]);
            Some((text, headline, EVALUATIONS_PATH.to_owned()))
        }
        crate::desk::REQUEST_DUE => {
            let (id, due) = detail.and_then(|d| d.split_once(':'))?;
            let due = due
                .parse::<Date>()
                .map(|d| klacht_core::texts::long_date(d, lang))
                .unwrap_or_default();
            let values = [("id", id), ("due", due.as_str())];
            let headline = tr_args(lang, "reminder-request-headline", &values);
            let text = tr_args(lang, "reminder-request-text", &values);
            Some((
                text,
                headline,
                format!("{}/{id}", crate::desk::REQUESTS_PATH),
            ))
        }
        _ => None,
    }
}

pub(crate) fn mail(
    config: &Config,
    profile: &klacht_core::Profile,
    to: &User,
    kind: &str,
    detail: &str,
) -> NewMail {
    let lang = to.language;
    let informal = profile.texts.informal;
    let org = &profile.organisation.name;
    let (text, headline, path) = describe(kind, Some(detail), lang, informal).unwrap_or_default();
    let link = config.url(&path);
    let greeting = tr_args_voiced(
        lang,
        informal,
        "notice-mail-greeting",
        &[("name", &to.name)],
    );
    let body = format!("{greeting}\n\n{text}\n\n{link}\n\n-- \n{org}\n");
    let mut subject = headline;
    if let Some(first) = subject.get(..1) {
        subject = format!("{}{}", first.to_uppercase(), subject.get(1..).unwrap_or(""));
    }
    NewMail {
        event: None,
        to: to.email.clone(),
        to_name: Some(to.name.clone()),
        subject,
        body,
        language: lang,
    }
}

/// One round of the register's reminders. Returns how many notices were written now.
pub async fn register_round(state: &App) -> Result<u64, AppError> {
    let now = state.clock.now();
    let today = amsterdam_date(now);
    let loaded = state.regulation();
    let profile = &loaded.profile;
    let latest = state.store.latest_evaluation_on().await?;
    let wanted = reminders::due(today, profile.adopted_on, latest);
    if wanted.is_empty() {
        return Ok(0);
    }
    let users = state.store.recent_users().await?;
    let coordinators: Vec<&User> = users
        .iter()
        .filter(|u| reminders::reminds(&u.roles, u.active))
        .collect();
    let mut notices = Vec::new();
    for reminder in wanted {
        let (kind, detail) = (reminder.kind(), reminder.detail());
        for u in &coordinators {
            notices.push(NewNotice {
                user: u.id,
                kind: kind.to_owned(),
                detail: Some(detail.clone()),
                dedupe: Some(reminder.dedupe(u.id)),
                mail: Some(mail(&state.config, profile, u, kind, &detail)),
            });
        }
    }
    if notices.is_empty() {
        return Ok(0);
    }
    let written = state.store.notify(None, None, &notices, now).await?;
    if written > 0 {
        state.mail_notify.notify_one();
    }
    Ok(written)
}
