//! The aggregated inputs of the half-year and annual reports (T13, T15): a handful of GROUP BY
//! queries over the projection, never the complaints one by one. The definitions of what is
//! counted live with the computation, in `klacht_core::reports`.

use crate::{Backend, Store, StoreError, micros};
use jiff::civil::Date;
use klacht_core::calendar::amsterdam_day_start;
use klacht_core::personal;
use klacht_core::procedure::{EventBody, Level, Status};
use klacht_core::reports::{
    DeadlineGroup, DecidedGroup, EXCEPTIONAL_LIST_MAX, ExceptionalRow, LATE_LIST_MAX,
    LateCandidate, MetAt, Period, ReceivedGroup, ReportInput,
};
use klacht_core::{Channel, Form, Outcome, Reference};
use serde_json::Value;
use sqlx::Row;
use sqlx::any::AnyRow;

/// Statuses in which deadlines still run (see `Status::awaits_decision`).
const AWAITING: &str = "('received', 'acknowledged', 'in_progress')";

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("report: bad {what} {value:?}"))
}

fn date(what: &str, s: &str) -> Result<Date, StoreError> {
    s.parse().map_err(|_| corrupt(what, s))
}

fn count(r: &AnyRow, i: usize) -> Result<u64, StoreError> {
    let n: i64 = r.try_get(i)?;
    u64::try_from(n).map_err(|_| corrupt("count", &n.to_string()))
}

fn met_at(day: Option<String>, hour: Option<String>) -> Result<Option<MetAt>, StoreError> {
    let Some(day) = day else { return Ok(None) };
    let hour: i8 = match hour.as_deref() {
        Some("22") => 22,
        Some("23") => 23,
        _ => 0,
    };
    Ok(Some(MetAt {
        utc_date: date("met_at", &day)?,
        utc_hour: hour,
    }))
}

impl Backend {
    /// `FROM complaints c` joined with one row per deadline, exposing `d_id`, `d_due`, `d_met`
    /// (the met_at text, RFC 3339 in UTC) for the rest of the query.
    fn deadline_rows(self) -> &'static str {
        match self {
            Backend::Sqlite => {
                "(SELECT c.id, c.reference, c.received_on, c.status, json_extract(j.value, '$.id') AS d_id, \
                 json_extract(j.value, '$.due') AS d_due, json_extract(j.value, '$.met_at') AS d_met \
                 FROM complaints c, json_each(c.deadlines) j \
                 WHERE c.received_at >= $1 AND c.received_at < $2) x"
            }
            Backend::Postgres => {
                "(SELECT c.id, c.reference, c.received_on, c.status, j.value ->> 'id' AS d_id, j.value ->> 'due' AS d_due, \
                 j.value ->> 'met_at' AS d_met \
                 FROM complaints c CROSS JOIN LATERAL jsonb_array_elements(c.deadlines::jsonb) j \
                 WHERE c.received_at >= $1 AND c.received_at < $2) x"
            }
        }
    }
}

impl Store {
    /// What the reports count for `period`: complaints received in it grouped by channel, form,
    /// relation, severity, sensitivity, escalation and categories; decisions in it by outcome;
    /// the number open at its end; the deadlines of the complaints received in it, grouped by
    /// deadline, day of receipt, due date, day met and whether they still run; the late
    /// candidates (the earliest due first, per deadline of `deadline_ids`); and the exceptional
    /// complaints (sensitive, escalated to the board, or of a severity in `very_serious`), with
    /// the latest summary written for the report. `as_of` is the day the report is made.
    pub async fn report_input(
        &self,
        period: Period,
        as_of: Date,
        deadline_ids: &[String],
        very_serious: &[String],
    ) -> Result<ReportInput, StoreError> {
        let start = micros(amsterdam_day_start(period.from));
        let end = match period.to.tomorrow() {
            Ok(next) => micros(amsterdam_day_start(next)),
            Err(_) => i64::MAX,
        };

        let rows = sqlx::query(
            "SELECT channel, form, relation, severity, sensitive, escalation, categories, COUNT(*) \
             FROM complaints WHERE received_at >= $1 AND received_at < $2 \
             GROUP BY channel, form, relation, severity, sensitive, escalation, categories",
        )
        .bind(start)
        .bind(end)
        .fetch_all(&self.read)
        .await?;
        let mut received = Vec::with_capacity(rows.len());
        for r in &rows {
            let channel: String = r.try_get(0)?;
            let form: String = r.try_get(1)?;
            let escalation: Option<String> = r.try_get(5)?;
            let categories: String = r.try_get(6)?;
            received.push(ReceivedGroup {
                channel: Channel::parse(&channel).ok_or_else(|| corrupt("channel", &channel))?,
                form: match form.as_str() {
                    "written" => Form::Written,
                    "oral" => Form::Oral,
                    _ => return Err(corrupt("form", &form)),
                },
                relation: r.try_get(2)?,
                severity: r.try_get(3)?,
                sensitive: r.try_get::<i64, _>(4)? != 0,
                escalation: escalation
                    .as_deref()
                    .map(|e| Level::parse(e).ok_or_else(|| corrupt("escalation", e)))
                    .transpose()?,
                categories: serde_json::from_str(&categories)
                    .map_err(|_| corrupt("categories", &categories))?,
                count: count(r, 7)?,
            });
        }

        let rows = sqlx::query(
            "SELECT outcome, COUNT(*) FROM complaints \
             WHERE decided_at >= $1 AND decided_at < $2 GROUP BY outcome",
        )
        .bind(start)
        .bind(end)
        .fetch_all(&self.read)
        .await?;
        let mut decided = Vec::with_capacity(rows.len());
        for r in &rows {
            let outcome: Option<String> = r.try_get(0)?;
            let outcome = outcome.unwrap_or_default();
            decided.push(DecidedGroup {
                outcome: Outcome::parse(&outcome).ok_or_else(|| corrupt("outcome", &outcome))?,
                count: count(r, 1)?,
            });
        }

        let open_at_end = count(
            &sqlx::query(
                "SELECT COUNT(*) FROM complaints WHERE received_at < $1 \
                 AND (decided_at IS NULL OR decided_at >= $1)",
            )
            .bind(end)
            .fetch_one(&self.read)
            .await?,
            0,
        )?;

        let from = self.backend.deadline_rows();
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT d_id, received_on, d_due, substr(d_met, 1, 10) AS met_day, \
             CASE WHEN substr(d_met, 12, 2) IN ('22', '23') THEN substr(d_met, 12, 2) END AS met_hour, \
             status, COUNT(*) FROM {from} \
             GROUP BY d_id, received_on, d_due, met_day, met_hour, status"
        )))
        .bind(start)
        .bind(end)
        .fetch_all(&self.read)
        .await?;
        let mut deadlines = Vec::with_capacity(rows.len());
        for r in &rows {
            let status: String = r.try_get(5)?;
            let received_on: String = r.try_get(1)?;
            let due: Option<String> = r.try_get(2)?;
            deadlines.push(DeadlineGroup {
                deadline: r.try_get::<Option<String>, _>(0)?.unwrap_or_default(),
                received_on: date("received_on", &received_on)?,
                due: due.as_deref().map(|d| date("due", d)).transpose()?,
                met: met_at(r.try_get(3)?, r.try_get(4)?)?,
                awaiting_decision: Status::parse(&status)
                    .ok_or_else(|| corrupt("status", &status))?
                    .awaits_decision(),
                count: count(r, 6)?,
            });
        }

        let mut late = Vec::new();
        for id in deadline_ids {
            // Met on a later UTC day than due, or on the due day from 22:00 UTC (which may be
            // the next day in Amsterdam; the core decides); or not met, running, and overdue.
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT reference, d_due, substr(d_met, 1, 10), substr(d_met, 12, 2) FROM {from} \
                 WHERE d_id = $3 AND d_due IS NOT NULL AND ( \
                   (d_met IS NOT NULL AND (substr(d_met, 1, 10) > d_due \
                     OR (substr(d_met, 1, 10) = d_due AND substr(d_met, 12, 2) IN ('22', '23')))) \
                   OR (d_met IS NULL AND status IN {AWAITING} AND d_due < $4)) \
                 ORDER BY d_due, id LIMIT $5"
            )))
            .bind(start)
            .bind(end)
            .bind(id.clone())
            .bind(as_of.to_string())
            .bind(i64::try_from(LATE_LIST_MAX * 2).unwrap_or(i64::MAX))
            .fetch_all(&self.read)
            .await?;
            for r in &rows {
                let reference: String = r.try_get(0)?;
                let due: String = r.try_get(1)?;
                late.push(LateCandidate {
                    reference: Reference::parse(&reference)
                        .ok_or_else(|| corrupt("reference", &reference))?,
                    deadline: id.clone(),
                    due: date("due", &due)?,
                    met: met_at(r.try_get(2)?, r.try_get(3)?)?,
                });
            }
        }

        let mut sql = String::from(
            "SELECT c.reference, c.sensitive, c.severity, c.escalation, e.body, p.data \
             FROM complaints c \
             LEFT JOIN events e ON e.complaint_id = c.id AND e.seq = (SELECT MAX(s.seq) FROM events s \
               WHERE s.complaint_id = c.id AND s.kind = 'report_summary_written') \
             LEFT JOIN personal_data p ON p.complaint_id = c.id AND p.seq = e.seq \
             WHERE c.received_at >= $1 AND c.received_at < $2 \
             AND (c.sensitive <> 0 OR c.escalation = 'board'",
        );
        for i in 0..very_serious.len() {
            sql.push_str(&format!(" OR c.severity = ${}", i + 4));
        }
        sql.push_str(") ORDER BY c.id LIMIT $3");
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(start)
            .bind(end)
            .bind(i64::try_from(EXCEPTIONAL_LIST_MAX).unwrap_or(i64::MAX));
        for s in very_serious {
            q = q.bind(s.clone());
        }
        let rows = q.fetch_all(&self.read).await?;
        let mut exceptional = Vec::with_capacity(rows.len());
        for r in &rows {
            let reference: String = r.try_get(0)?;
            let escalation: Option<String> = r.try_get(3)?;
            exceptional.push(ExceptionalRow {
                reference: Reference::parse(&reference)
                    .ok_or_else(|| corrupt("reference", &reference))?,
                sensitive: r.try_get::<i64, _>(1)? != 0,
                severity: r.try_get(2)?,
                escalation: escalation.as_deref().and_then(Level::parse),
                summary: summary(r.try_get(4)?, r.try_get(5)?)?,
            });
        }

        Ok(ReportInput {
            period,
            received,
            decided,
            open_at_end,
            deadlines,
            late,
            exceptional,
        })
    }
}

/// The text of a stored summary event, unless erased.
fn summary(body: Option<String>, data: Option<String>) -> Result<Option<String>, StoreError> {
    let Some(body) = body else { return Ok(None) };
    let mut body: Value =
        serde_json::from_str(&body).map_err(|_| corrupt("summary event", &body))?;
    let pii: Option<Vec<Value>> = data
        .map(|d| serde_json::from_str(&d))
        .transpose()
        .map_err(|e| StoreError::Corrupt(format!("report summary: {e}")))?;
    personal::join(&mut body, pii.as_deref());
    let body: EventBody = serde_json::from_value(body)
        .map_err(|e| StoreError::Corrupt(format!("report summary: {e}")))?;
    Ok(match body {
        EventBody::ReportSummaryWritten { text } => text.get().cloned(),
        _ => None,
    })
}
