//! The reports: the half-year board report (T13), the anonymised annual report (T15, K13) and
//! the same figures for any period, as klacht-core computes them from the store's counts, with
//! the register as it bears on the period and the coordinator's text for it.

use crate::{App, AppError};
use klacht_core::Lang;
use klacht_core::calendar::amsterdam_date;
use klacht_core::reports::{self, Period, Report};
use klacht_store::{ReportKind, User};

/// The report of `kind` over `period` for `user` (who must be one of its readers), with the
/// previous period for comparison. The annual report comes anonymised: counts below the
/// profile's threshold hidden, no references, no text but what was written for the report.
pub async fn report(
    app: &App,
    user: &User,
    kind: ReportKind,
    period: Period,
    lang: Lang,
) -> Result<Report, AppError> {
    reports::may_read(&user.roles)?;
    let report = compute(app, kind, period, lang).await?;
    Ok(match kind {
        ReportKind::Annual => {
            report.anonymise(app.regulation().profile.reports.small_count_threshold)
        }
        ReportKind::HalfYear | ReportKind::Period => report,
    })
}

/// The report of `kind` over `period` as the figures stand now, with its texts and names, not
/// yet anonymised (the annual report's publication reviews its texts in this form first).
pub(crate) async fn compute(
    app: &App,
    kind: ReportKind,
    period: Period,
    lang: Lang,
) -> Result<Report, AppError> {
    let loaded = app.regulation();
    let (profile, calendar) = (&loaded.profile, &loaded.calendar);
    let as_of = amsterdam_date(app.clock.now());
    let ids: Vec<String> = profile.deadlines.iter().map(|d| d.id.clone()).collect();
    let very_serious: Vec<String> = profile
        .severities
        .iter()
        .filter(|s| s.consult_board)
        .map(|s| s.id.clone())
        .collect();
    let input = app
        .store
        .report_input(period, as_of, &ids, &very_serious)
        .await?;
    let before = app
        .store
        .summary_input(period.previous(), as_of, &ids, &very_serious)
        .await?;
    let mut report = reports::report(profile, calendar, &input, as_of, lang);
    report.previous = Some(reports::summary(profile, calendar, &before, as_of));
    report.recommendations = app.store.report_register(period, as_of).await?;
    report.analysis = app.store.report_text(kind, period).await?.map(|t| t.text);
    Ok(report)
}
