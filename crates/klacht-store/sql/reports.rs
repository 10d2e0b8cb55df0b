//! The aggregated inputs of the half-year and annual reports (T13, T15): counts per day of
//! receipt that triggers keep beside the projection (migration 0005), and short lists by index,
//! never the complaints of a period one by one. The definitions of what is
//! counted live with the computation, in `klacht_core::reports`.

use super::{Day, DbRow, Flag, Json, Ts};
use crate::{Store, dialect};
use klacht_store::*;
use sqlx::Row;

use jiff::civil::Date;
use klacht_core::calendar::amsterdam_day_start;
use klacht_core::ladder::Rung;
use klacht_core::personal;
use klacht_core::procedure::{DeadlineState, EventBody, Level, Status};
use klacht_core::reports;
use klacht_core::reports::{
    DeadlineGroup, DecidedGroup, EXCEPTIONAL_LIST_MAX, ExceptionalRow, FlagGroup, LATE_LIST_MAX,
    LateCandidate, MonthInput, Period, Received, ReportInput, SatisfactionGroup,
};
use klacht_core::{Channel, Form, Outcome, Reference};
use serde_json::Value;

/// Microseconds in an hour.
const HOUR: i64 = 3_600_000_000;

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("report: bad {what} {value:?}"))
}

fn count(r: &DbRow, i: usize) -> Result<u64, StoreError> {
    let n: i64 = r.try_get(i)?;
    u64::try_from(n).map_err(|_| corrupt("count", &n.to_string()))
}

/// Statuses in which deadlines still run (see `Status::awaits_decision`).
fn running(status: &str) -> Result<bool, StoreError> {
    Ok(Status::parse(status)
        .ok_or_else(|| corrupt("status", status))?
        .awaits_decision())
}

fn opt(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// Microseconds since the Unix epoch: what the hours of `report_decided` count in.
fn micros(t: jiff::Timestamp) -> i64 {
    t.as_microsecond()
}

impl Store {
    /// What the reports count for `period` (see `klacht_core::reports` for the definitions):
    /// the complaints received in it, by channel and form, relation, flags (sensitive,
    /// escalation, severity) and categories; decisions in it by outcome; the number open at its
    /// end; the deadlines of the complaints received in it by due day, day met and whether they
    /// still run; the late deadlines (the earliest due first, up to twice
    /// [`LATE_LIST_MAX`] per deadline of `deadline_ids`); and the exceptional complaints
    /// (sensitive, escalated to the board, or of a severity in `very_serious`) with the latest
    /// summary written for the report. `as_of` is the day the report is made.
    ///
    /// The counts come from `report_received`, `report_deadlines` (per day of receipt) and
    /// `report_decided` (per hour of decision), which triggers keep in the transaction that
    /// writes the projection, whatever path writes it: a report reads rows per day and value,
    /// not per complaint. The late list reads `report_late` and the index on `next_due`.
    pub async fn report_input(
        &self,
        period: Period,
        as_of: Date,
        deadline_ids: &[String],
        very_serious: &[String],
    ) -> Result<ReportInput, StoreError> {
        self.gather(period, as_of, deadline_ids, very_serious, true)
            .await
    }

    /// What [`klacht_core::reports::summary`] needs of a period (the previous one, for
    /// comparison): the counts of [`Store::report_input`], without the lists that name
    /// complaints and without the months.
    pub async fn summary_input(
        &self,
        period: Period,
        as_of: Date,
        deadline_ids: &[String],
        very_serious: &[String],
    ) -> Result<ReportInput, StoreError> {
        self.gather(period, as_of, deadline_ids, very_serious, false)
            .await
    }

    async fn gather(
        &self,
        period: Period,
        as_of: Date,
        deadline_ids: &[String],
        very_serious: &[String],
        lists: bool,
    ) -> Result<ReportInput, StoreError> {
        let start = amsterdam_day_start(period.from);
        let end = match period.to.tomorrow() {
            Ok(next) => amsterdam_day_start(next),
            Err(_) => jiff::Timestamp::MAX,
        };
        let (from_day, to_day) = (Day(period.from), Day(period.to));

        let rows = sqlx::query(
            "SELECT dim, value, CAST(SUM(n) AS BIGINT) FROM report_received \
             WHERE day >= $1 AND day <= $2 GROUP BY dim, value",
        )
        .bind(from_day)
        .bind(to_day)
        .fetch_all(&self.read)
        .await?;
        let mut received = Received::default();
        for r in &rows {
            let dim: String = r.try_get(0)?;
            let value: String = r.try_get(1)?;
            let n = count(r, 2)?;
            if n == 0 {
                continue;
            }
            match dim.as_str() {
                "channel" => {
                    let (channel, form) = value
                        .split_once('|')
                        .ok_or_else(|| corrupt("channel", &value))?;
                    received.by_channel.push((
                        Channel::parse(channel).ok_or_else(|| corrupt("channel", channel))?,
                        match form {
                            "written" => Form::Written,
                            "oral" => Form::Oral,
                            _ => return Err(corrupt("form", form)),
                        },
                        n,
                    ));
                }
                "relation" => received.by_relation.push((opt(value), n)),
                "flags" => {
                    let mut parts = value.splitn(3, '|');
                    let (Some(sensitive), Some(escalation), Some(severity)) =
                        (parts.next(), parts.next(), parts.next())
                    else {
                        return Err(corrupt("flags", &value));
                    };
                    received.by_flags.push(FlagGroup {
                        sensitive: sensitive != "0",
                        escalation: match escalation {
                            "" => None,
                            e => Some(Level::parse(e).ok_or_else(|| corrupt("escalation", e))?),
                        },
                        severity: opt(severity.to_owned()),
                        count: n,
                    });
                }
                "categories" => received.by_categories.push((
                    serde_json::from_str(&value).map_err(|_| corrupt("categories", &value))?,
                    n,
                )),
                _ => return Err(corrupt("dimension", &dim)),
            }
        }

        // Period bounds are Amsterdam midnights: whole hours.
        let (start_hour, end_hour) = (micros(start).div_euclid(HOUR), micros(end).div_euclid(HOUR));
        let rows = sqlx::query(
            "SELECT outcome, CAST(SUM(n) AS BIGINT) FROM report_decided \
             WHERE hour >= $1 AND hour < $2 GROUP BY outcome",
        )
        .bind(start_hour)
        .bind(end_hour)
        .fetch_all(&self.read)
        .await?;
        let mut decided = Vec::with_capacity(rows.len());
        for r in &rows {
            let outcome: String = r.try_get(0)?;
            let n = count(r, 1)?;
            if n > 0 {
                decided.push(DecidedGroup {
                    outcome: Outcome::parse(&outcome)
                        .ok_or_else(|| corrupt("outcome", &outcome))?,
                    count: n,
                });
            }
        }

        // Open at the end: received by then, less decided by then (a decision never counts
        // before its receipt, see migration 0005).
        let received_by_end = count(
            &sqlx::query(
                "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM report_received \
                 WHERE dim = 'channel' AND day <= $1",
            )
            .bind(to_day)
            .fetch_one(&self.read)
            .await?,
            0,
        )?;
        let decided_by_end = count(
            &sqlx::query(
                "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) FROM report_decided WHERE hour < $1",
            )
            .bind(end_hour)
            .fetch_one(&self.read)
            .await?,
            0,
        )?;
        let open_at_end = received_by_end.saturating_sub(decided_by_end);

        // A deadline not started or not met has no day; each database marks that in its own way
        // in these key columns (see the dialects).
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT deadline, day, {}, {}, running, n FROM report_deadlines \
             WHERE day >= $1 AND day <= $2 AND n <> 0",
            dialect::day_or_null("due"),
            dialect::day_or_null("met_on"),
        )))
        .bind(from_day)
        .bind(to_day)
        .fetch_all(&self.read)
        .await?;
        let mut deadlines = Vec::with_capacity(rows.len());
        for r in &rows {
            deadlines.push(DeadlineGroup {
                deadline: r.try_get(0)?,
                received_on: r.try_get::<Day, _>(1)?.0,
                due: r.try_get::<Option<Day>, _>(2)?.map(|d| d.0),
                met_on: r.try_get::<Option<Day>, _>(3)?.map(|d| d.0),
                awaiting_decision: r.try_get::<i64, _>(4)? != 0,
                count: count(r, 5)?,
            });
        }

        let (satisfaction, closed_by_rung) = self.closed(start, end).await?;
        if !lists {
            return Ok(ReportInput {
                period,
                received,
                decided,
                open_at_end,
                deadlines,
                late: Vec::new(),
                exceptional: Vec::new(),
                by_month: Vec::new(),
                closed_by_rung,
                satisfaction,
            });
        }
        let late = self
            .late(
                from_day,
                to_day,
                (start, end),
                as_of,
                deadline_ids,
                &deadlines,
            )
            .await?;
        let exceptional = self.exceptional(start, end, very_serious).await?;
        let by_month = self
            .by_month(period, from_day, to_day, (start_hour, end_hour))
            .await?;
        Ok(ReportInput {
            period,
            received,
            decided,
            open_at_end,
            deadlines,
            late,
            exceptional,
            by_month,
            closed_by_rung,
            satisfaction,
        })
    }

    /// The complaints closed in `[start, end)` (and closed still), grouped by categories,
    /// outcome, severity, the satisfaction answer (issue 18) and the rung of the ladder they were
    /// settled on: read from the index of the closed complaints that holds every column grouped
    /// by (migration 0021), not the table. The groups, and the count per rung.
    async fn closed(
        &self,
        start: jiff::Timestamp,
        end: jiff::Timestamp,
    ) -> Result<(Vec<SatisfactionGroup>, Vec<(Rung, u64)>), StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT categories, outcome, severity, satisfied, satisfaction_answer, rung, \
             CAST(COUNT(*) AS BIGINT) FROM complaints{} \
             WHERE status = 'closed' AND closed_at >= $1 AND closed_at < $2 \
             GROUP BY categories, outcome, severity, satisfied, satisfaction_answer, rung",
            dialect::indexed_by("complaints_closed_report")
        )))
        .bind(Ts(start))
        .bind(Ts(end))
        .fetch_all(&self.read)
        .await?;
        let mut groups = Vec::with_capacity(rows.len());
        let mut by_rung: Vec<(Rung, u64)> = Vec::new();
        for r in &rows {
            let categories = r.try_get::<Json, _>(0)?.0;
            let outcome: Option<String> = r.try_get(1)?;
            let n = count(r, 6)?;
            groups.push(SatisfactionGroup {
                categories: serde_json::from_str(&categories)
                    .map_err(|_| corrupt("categories", &categories))?,
                outcome: match outcome {
                    Some(o) => Some(Outcome::parse(&o).ok_or_else(|| corrupt("outcome", &o))?),
                    None => None,
                },
                severity: r.try_get(2)?,
                satisfied: r.try_get::<Option<Flag>, _>(3)?.map(|f| f.0),
                answer: r.try_get(4)?,
                count: n,
            });
            let rung: Option<String> = r.try_get(5)?;
            let rung = rung.as_deref().unwrap_or_default();
            let rung = Rung::ALL
                .into_iter()
                .find(|x| x.as_str() == rung)
                .ok_or_else(|| corrupt("rung", rung))?;
            match by_rung.iter_mut().find(|(x, _)| *x == rung) {
                Some((_, total)) => *total += n,
                None => by_rung.push((rung, n)),
            }
        }
        Ok((groups, by_rung))
    }

    /// Received (per day of receipt, `report_received`) and decided (per hour, `report_decided`,
    /// withdrawals left out) in each calendar month of the period: one grouped read of each.
    async fn by_month(
        &self,
        period: Period,
        from_day: Day,
        to_day: Day,
        (start_hour, end_hour): (i64, i64),
    ) -> Result<Vec<MonthInput>, StoreError> {
        let months = reports::months(period);
        let mut out: Vec<MonthInput> = months
            .iter()
            .map(|&(year, month)| MonthInput {
                year,
                month,
                received: 0,
                decided: 0,
            })
            .collect();
        let month = dialect::month_of("day");
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {month}, CAST(SUM(n) AS BIGINT) FROM report_received \
             WHERE dim = 'channel' AND day >= $1 AND day <= $2 GROUP BY {month}"
        )))
        .bind(from_day)
        .bind(to_day)
        .fetch_all(&self.read)
        .await?;
        for r in &rows {
            let month: String = r.try_get(0)?;
            let n = count(r, 1)?;
            let slot = out
                .iter_mut()
                .find(|m| format!("{:04}-{:02}", m.year, m.month) == month)
                .ok_or_else(|| corrupt("month", &month))?;
            slot.received += n;
        }
        // The first hour of each month after the first, in Amsterdam: a decision belongs to the
        // last month whose first hour is at or before its hour.
        let mut bounds = Vec::with_capacity(months.len());
        for &(y, m) in months.iter().skip(1) {
            let first = Date::new(y, m, 1).map_err(|_| corrupt("month", &format!("{y}-{m}")))?;
            bounds.push(micros(amsterdam_day_start(first)).div_euclid(HOUR));
        }
        let rows = sqlx::query(
            "SELECT hour, CAST(SUM(n) AS BIGINT) FROM report_decided \
             WHERE hour >= $1 AND hour < $2 AND outcome <> $3 AND n <> 0 GROUP BY hour",
        )
        .bind(start_hour)
        .bind(end_hour)
        .bind(Outcome::Ingetrokken.as_str())
        .fetch_all(&self.read)
        .await?;
        for r in &rows {
            let hour: i64 = r.try_get(0)?;
            let n = count(r, 1)?;
            let i = bounds.partition_point(|b| *b <= hour);
            if let Some(slot) = out.get_mut(i) {
                slot.decided += n;
            }
        }
        Ok(out)
    }

    /// Late deadlines of complaints received in the period: those met late (from
    /// `report_late`, by due day) and those not met that still run past their due day (through
    /// `next_due`, the earliest running due day), the earliest first.
    /// The counted `groups` bound the due days to look at, so that the lists are found by
    /// short index ranges (and not looked for where there are none).
    async fn late(
        &self,
        from_day: Day,
        to_day: Day,
        (start, end): (jiff::Timestamp, jiff::Timestamp),
        as_of: Date,
        deadline_ids: &[String],
        groups: &[DeadlineGroup],
    ) -> Result<Vec<LateCandidate>, StoreError> {
        let limit = i64::try_from(LATE_LIST_MAX * 2).unwrap_or(i64::MAX);
        let mut late = Vec::new();
        for id in deadline_ids {
            let met_late = groups
                .iter()
                .filter(|g| &g.deadline == id)
                .filter_map(|g| g.due.filter(|due| g.met_on.is_some_and(|m| m > *due)));
            let Some(last_due) = met_late.max() else {
                continue;
            };
            let rows = sqlx::query(
                "SELECT c.reference, l.due, l.met_on FROM report_late l \
                 JOIN complaints c ON c.id = l.complaint_id \
                 WHERE l.deadline = $1 AND l.day >= $2 AND l.day <= $3 AND l.due >= $2 \
                 AND l.due <= $5 ORDER BY l.due, l.day, l.complaint_id LIMIT $4",
            )
            .bind(id.clone())
            .bind(from_day)
            .bind(to_day)
            .bind(limit)
            .bind(Day(last_due))
            .fetch_all(&self.read)
            .await?;
            for r in &rows {
                let reference: String = r.try_get(0)?;
                late.push(LateCandidate {
                    reference: Reference::parse(&reference)
                        .ok_or_else(|| corrupt("reference", &reference))?,
                    deadline: id.clone(),
                    due: r.try_get::<Day, _>(1)?.0,
                    met_on: Some(r.try_get::<Day, _>(2)?.0),
                });
            }
        }
        // A complaint's next_due is the earliest due day of its running deadlines, so it is no
        // earlier than the earliest of those in the period.
        let first_due = groups
            .iter()
            .filter(|g| g.awaiting_decision && g.met_on.is_none())
            .filter_map(|g| g.due)
            .min();
        let Some(first_due) = first_due.filter(|d| *d < as_of) else {
            late.sort_by(|a, b| {
                (&a.deadline, a.due, &a.reference).cmp(&(&b.deadline, b.due, &b.reference))
            });
            return Ok(late);
        };
        let rows = sqlx::query(
            // next_due is set only while a deadline runs, that is while the complaint awaits a
            // decision; the status is checked again below.
            "SELECT reference, deadlines, status FROM complaints \
             WHERE next_due IS NOT NULL AND next_due < $1 AND next_due >= $5 \
             AND received_at >= $2 AND received_at < $3 ORDER BY next_due, id LIMIT $4",
        )
        .bind(Day(as_of))
        .bind(Ts(start))
        .bind(Ts(end))
        .bind(limit)
        .bind(Day(first_due))
        .fetch_all(&self.read)
        .await?;
        for r in &rows {
            let reference: String = r.try_get(0)?;
            let json = r.try_get::<Json, _>(1)?.0;
            let status: String = r.try_get(2)?;
            if !running(&status)? {
                continue;
            }
            let reference =
                Reference::parse(&reference).ok_or_else(|| corrupt("reference", &reference))?;
            let states: Vec<DeadlineState> =
                serde_json::from_str(&json).map_err(|_| corrupt("deadlines", &json))?;
            for d in states {
                if let (Some(due), None) = (d.due, d.met_at)
                    && due < as_of
                    && deadline_ids.contains(&d.id)
                {
                    late.push(LateCandidate {
                        reference: reference.clone(),
                        deadline: d.id,
                        due,
                        met_on: None,
                    });
                }
            }
        }
        late.sort_by(|a, b| {
            (&a.deadline, a.due, &a.reference).cmp(&(&b.deadline, b.due, &b.reference))
        });
        Ok(late)
    }

    /// The exceptional complaints received in the period, the earliest received first, with the
    /// latest summary written for the report.
    async fn exceptional(
        &self,
        start: jiff::Timestamp,
        end: jiff::Timestamp,
        very_serious: &[String],
    ) -> Result<Vec<ExceptionalRow>, StoreError> {
        // Each kind the earliest received first, by its own index; then the earliest of those.
        // The condition of the index of flagged complaints, as written there. A duplicate is
        // listed with its original, not by itself (issue 17).
        let mut which = format!(
            "SELECT * FROM (SELECT id, received_at FROM complaints \
             WHERE received_at >= $1 AND received_at < $2 AND ({} OR escalation = 'board') \
             AND status <> 'duplicate' ORDER BY received_at LIMIT $3) f",
            dialect::SENSITIVE
        );
        for i in 0..very_serious.len() {
            which.push_str(&format!(
                " UNION SELECT * FROM (SELECT id, received_at FROM complaints WHERE severity = ${} \
                 AND received_at >= $1 AND received_at < $2 AND status <> 'duplicate' \
                 ORDER BY received_at LIMIT $3) s{i}",
                i + 4
            ));
        }
        let sql = format!(
            "SELECT c.reference, c.sensitive, c.severity, c.escalation, e.body, p.data \
             FROM (SELECT id, received_at FROM ({which}) w ORDER BY received_at, id LIMIT $3) x \
             JOIN complaints c ON c.id = x.id \
             LEFT JOIN events e ON e.complaint_id = c.id AND e.seq = (SELECT MAX(s.seq) FROM events s \
               WHERE s.complaint_id = c.id AND s.kind = 'report_summary_written') \
             LEFT JOIN personal_data p ON p.complaint_id = c.id AND p.seq = e.seq \
             ORDER BY x.received_at, c.id"
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(Ts(start))
            .bind(Ts(end))
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
                sensitive: r.try_get::<Flag, _>(1)?.0,
                severity: r.try_get(2)?,
                escalation: escalation.as_deref().and_then(Level::parse),
                summary: summary(r.try_get(4)?, r.try_get(5)?)?,
            });
        }
        Ok(exceptional)
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
