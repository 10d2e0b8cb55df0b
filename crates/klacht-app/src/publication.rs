//! Publishing the annual report (issue 18; T15: "the data are anonymised and available on
//! request"; Awb 9:12a: published yearly) at `/jaarverslag/{year}`.
//!
//! The coordinator (or the deputy: whoever keeps the register and writes the report's texts,
//! [`klacht_core::register::may_manage`]) reviews every free text the annual report would show
//! ([`klacht_core::publication::free_texts`]) and marks it fit or not fit. The review is of that
//! exact text: it is stored with the text's SHA-256, and a text changed since is unreviewed.
//!
//! Publishing computes the annual report as it stands, in Dutch and in English, keeps only the
//! texts reviewed fit ([`klacht_core::publication::keep_fit`]), anonymises it (counts below the
//! threshold hidden, no references, no names) and stores that as a **snapshot** with the
//! publication: a published document does not change under its reader. Publishing again
//! replaces the snapshot (after texts were reviewed again, say); withdrawing takes the year
//! off the public list and its page answers 410 Gone; it can be published again later. Who
//! published and withdrew, and when, stays in the publication table.

use crate::{App, AppError};
use jiff::Timestamp;
use klacht_core::Lang;
use klacht_core::calendar::amsterdam_date;
use klacht_core::publication::{FreeText, free_texts, keep_fit};
use klacht_core::register::may_manage;
use klacht_core::reports::{Period, Report};
use klacht_store::{Publication, ReportKind, TextReview, User};
use serde::{Deserialize, Serialize};

/// The report as published: both languages, with the organisation's name then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Published {
    pub year: i16,
    pub organisation: String,
    pub nl: Report,
    pub en: Report,
}

impl Published {
    pub fn report(&self, lang: Lang) -> &Report {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

/// Where the review of one text stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewState {
    /// Never reviewed.
    Unreviewed,
    /// Reviewed, but the text changed since: unreviewed again.
    Changed,
    Fit,
    NotFit,
}

impl ReviewState {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Unreviewed => "unreviewed",
            ReviewState::Changed => "changed",
            ReviewState::Fit => "fit",
            ReviewState::NotFit => "not_fit",
        }
    }
}

/// One free text of the annual report with its review.
#[derive(Debug, Clone)]
pub struct ReviewItem {
    pub text: FreeText,
    /// The SHA-256 (hex) of the text as it is now.
    pub hash: String,
    pub state: ReviewState,
    /// The latest review of the item (possibly of an earlier text).
    pub review: Option<TextReview>,
}

/// What the back office shows for one year.
#[derive(Debug, Clone)]
pub struct Overview {
    pub year: i16,
    /// The year is over: it may be published.
    pub ended: bool,
    pub items: Vec<ReviewItem>,
    /// Every publication of the year, the latest first.
    pub history: Vec<Publication>,
}

impl Overview {
    /// Public now.
    pub fn public(&self) -> Option<&Publication> {
        self.history.first().filter(|p| p.is_public())
    }

    /// How many texts will be published (reviewed fit, as they are now).
    pub fn fit(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.state == ReviewState::Fit)
            .count()
    }
}

/// The SHA-256 of a text, in hex: what a review is of.
pub fn text_hash(text: &str) -> String {
    klacht_store::chain::sha256_hex(text.as_bytes())
}

fn period(year: i16) -> Result<Period, AppError> {
    Period::year(year).map_err(|e| AppError::invalid("year", e.to_string()))
}

fn state(hash: &str, review: Option<&TextReview>) -> ReviewState {
    match review {
        None => ReviewState::Unreviewed,
        Some(r) if r.text_hash != hash => ReviewState::Changed,
        Some(r) if r.fit => ReviewState::Fit,
        Some(_) => ReviewState::NotFit,
    }
}

async fn items(app: &App, year: i16, lang: Lang) -> Result<Vec<ReviewItem>, AppError> {
    let report = crate::reports::compute(app, ReportKind::Annual, period(year)?, lang).await?;
    let reviews = app.store.text_reviews(year).await?;
    Ok(free_texts(&report)
        .into_iter()
        .map(|text| {
            let hash = text_hash(&text.text);
            let review = reviews.iter().find(|r| r.item == text.item).cloned();
            ReviewItem {
                state: state(&hash, review.as_ref()),
                text,
                hash,
                review,
            }
        })
        .collect())
}

fn ended(app: &App, year: i16) -> bool {
    amsterdam_date(app.clock.now()).year() > year
}

/// The texts of `year`'s annual report with their reviews, and its publications.
pub async fn overview(app: &App, user: &User, year: i16, lang: Lang) -> Result<Overview, AppError> {
    may_manage(&user.roles)?;
    Ok(Overview {
        year,
        ended: ended(app, year),
        items: items(app, year, lang).await?,
        history: app.store.publication_history(year).await?,
    })
}

/// Marks the text at `item` fit (or not fit) for publication. `seen_hash` is the digest of the
/// text the reviewer read: when the text has changed since, nothing is stored and the reviewer
/// is asked to read it again.
pub async fn review(
    app: &App,
    user: &User,
    year: i16,
    item: &str,
    seen_hash: &str,
    fit: bool,
) -> Result<(), AppError> {
    may_manage(&user.roles)?;
    let now = items(app, year, Lang::Nl).await?;
    let Some(current) = now.iter().find(|i| i.text.item == item) else {
        return Err(AppError::not_found(
            "The annual report has no such text (any more).",
            "Het jaarverslag heeft (niet meer) zo'n tekst.",
        ));
    };
    if !current.hash.eq_ignore_ascii_case(seen_hash.trim()) {
        return Err(AppError::WrongState(
            "The text changed since you read it: read it again and review that.".to_owned(),
        ));
    }
    app.store
        .review_text(year, item, &current.hash, fit, user.id, app.clock.now())
        .await?;
    Ok(())
}

/// The annual report of `year` as it would be published now, in `lang`: anonymised, with only
/// the texts reviewed fit.
async fn publishable(app: &App, year: i16, lang: Lang) -> Result<Report, AppError> {
    let report = crate::reports::compute(app, ReportKind::Annual, period(year)?, lang).await?;
    let reviews = app.store.text_reviews(year).await?;
    let fit = |item: &str, text: &str| {
        let hash = text_hash(text);
        reviews
            .iter()
            .any(|r| r.item == item && r.fit && r.text_hash == hash)
    };
    let threshold = app.regulation().profile.reports.small_count_threshold;
    Ok(keep_fit(report, lang, fit).anonymise(threshold))
}

/// Publishes `year`'s annual report (a year that is over): a snapshot of it as it would be
/// published now replaces what was public. Returns the publication's id.
pub async fn publish(app: &App, user: &User, year: i16) -> Result<i64, AppError> {
    may_manage(&user.roles)?;
    period(year)?;
    if !ended(app, year) {
        return Err(AppError::invalid(
            "year",
            "the year is not over yet: an annual report is published after 31 December",
        ));
    }
    let published = Published {
        year,
        organisation: app.regulation().profile.organisation.name.clone(),
        nl: publishable(app, year, Lang::Nl).await?,
        en: publishable(app, year, Lang::En).await?,
    };
    let json = serde_json::to_string(&published)
        .map_err(|e| AppError::fault("the published report as JSON", e))?;
    Ok(app
        .store
        .publish(year, &json, user.id, app.clock.now())
        .await?)
}

/// Withdraws `year`'s public annual report.
pub async fn withdraw(app: &App, user: &User, year: i16) -> Result<(), AppError> {
    may_manage(&user.roles)?;
    if app
        .store
        .withdraw_publication(year, user.id, app.clock.now())
        .await?
    {
        Ok(())
    } else {
        Err(AppError::not_found(
            "This year's annual report is not published.",
            "Het jaarverslag van dit jaar is niet gepubliceerd.",
        ))
    }
}

/// A published year on the public list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub year: i16,
    pub published_at: Timestamp,
}

/// The years whose annual report is public, the latest first (anyone).
pub async fn public_list(app: &App) -> Result<Vec<Listed>, AppError> {
    Ok(app
        .store
        .publications()
        .await?
        .into_iter()
        .map(|p| Listed {
            year: p.year,
            published_at: p.published_at,
        })
        .collect())
}

/// What the public finds at `/jaarverslag/{year}`.
#[derive(Debug, Clone)]
pub enum PublicView {
    Published {
        published_at: Timestamp,
        report: Box<Published>,
    },
    /// It was published and has been withdrawn.
    Withdrawn,
}

/// `year`'s published annual report (anyone); `NotFound` when it was never published.
pub async fn public_report(app: &App, year: i16) -> Result<PublicView, AppError> {
    let never = || {
        AppError::not_found(
            "No annual report has been published for this year.",
            "Voor dit jaar is geen jaarverslag gepubliceerd.",
        )
    };
    let Some(p) = app.store.publication(year).await? else {
        return Err(never());
    };
    if !p.is_public() {
        return Ok(PublicView::Withdrawn);
    }
    let report: Published = serde_json::from_str(&p.report)
        .map_err(|e| AppError::fault("a published annual report", e))?;
    Ok(PublicView::Published {
        published_at: p.published_at,
        report: Box::new(report),
    })
}
