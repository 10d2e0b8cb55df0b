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
use klacht_store::{NewMail, NewNotice, User};

/// Where the reports are written and read.
pub const REPORTS_PATH: &str = "/beheer/verslagen";
/// Where evaluations are recorded.
pub const EVALUATIONS_PATH: &str = "/beheer/evaluaties";

pub use klacht_core::reminders::{ANNUAL_REPORT_DUE, EVALUATION_DUE};

/// What a register notice says, its short form and where it leads; `None` for other kinds.
pub fn describe(kind: &str, detail: Option<&str>, lang: Lang) -> Option<(String, String, String)> {
    let nl = lang == Lang::Nl;
    match kind {
        ANNUAL_REPORT_DUE => {
            let year = detail.unwrap_or("");
            let headline = if nl {
                format!("schrijf het jaarverslag over {year}")
            } else {
                format!("write the annual report for {year}")
            };
            let text = if nl {
                format!(
                    "Het is januari: schrijf het jaarverslag over {year}. De cijfers maakt klacht uit de gegevens; u voegt de analyse en de aanbevelingen toe (T15)."
                )
            } else {
                format!(
                    "It is January: write the annual report for {year}. klacht makes the figures from the data; you add the analysis and the recommendations (T15)."
                )
            };
            Some((text, headline, REPORTS_PATH.to_owned()))
        }
        EVALUATION_DUE => {
            let since = detail
                .and_then(|d| d.parse::<Date>().ok())
                .map(|d| klacht_core::texts::long_date(d, lang))
                .unwrap_or_default();
            let headline = lang
                .pick(
                    "evalueer de klachtenregeling",
                    "evaluate the complaints regulation",
                )
                .to_owned();
            let text = if nl {
                format!(
                    "De klachtenregeling is sinds {since} niet geëvalueerd. Evalueer haar en leg de evaluatie vast: wanneer, door wie, of de regeling is gewijzigd en wanneer een nieuwe versie is vastgesteld (T16)."
                )
            } else {
                format!(
                    "The complaints regulation has not been evaluated since {since}. Evaluate it and record the evaluation: when, by whom, whether it was changed and when a new version was adopted (T16)."
                )
            };
            Some((text, headline, EVALUATIONS_PATH.to_owned()))
        }
        _ => None,
    }
}

fn mail(config: &Config, org: &str, to: &User, kind: &str, detail: &str) -> NewMail {
    let lang = to.language;
    let (text, headline, path) = describe(kind, Some(detail), lang).unwrap_or_default();
    let link = config.url(&path);
    let body = match lang {
        Lang::Nl => format!("Beste {},\n\n{text}\n\n{link}\n\n-- \n{org}\n", to.name),
        Lang::En => format!("Dear {},\n\n{text}\n\n{link}\n\n-- \n{org}\n", to.name),
    };
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
    let loaded = state.profiles.active();
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
                mail: Some(mail(
                    &state.config,
                    &profile.organisation.name,
                    u,
                    kind,
                    &detail,
                )),
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
