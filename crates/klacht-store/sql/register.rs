//! The recommendations register (T14): recommendations linked to the complaints they come
//! from, the directors' decision on each, the improvement actions of an adopted one; the yearly
//! evaluation of the regulation (T16); and the coordinator's words for a report (T13, T15,
//! K13).
//!
//! Every row keeps who made it and when; a decision keeps by whom, when and why; an action
//! keeps who changed it last and when its status last changed. Who may do what is checked by
//! the caller (the web layer); the store checks what the data requires: a decision only on a
//! proposed recommendation and with a reason, actions only on an adopted one, an owner who is
//! an active user, complaints that exist.

use super::{Day, DbRow, Flag, Ts};
use crate::Store;
use klacht_store::*;
use sqlx::Row;

use jiff::Timestamp;
use jiff::civil::Date;
use klacht_core::calendar::{amsterdam_date, amsterdam_day_start};
use klacht_core::reports::{
    ActionLine, ActionStatus, Count, Period, RecommendationLine, RecommendationStatus,
};
use klacht_core::{Reference, UserId};
use std::collections::BTreeMap;

fn invalid(field: &str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid {
        field: field.to_owned(),
        message: message.into(),
    }
}

/// Checks a required text: present after trimming and not too long.
fn required_text(field: &str, value: &str, max: usize) -> Result<String, StoreError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(invalid(field, "is required"));
    }
    if v.chars().count() > max {
        return Err(invalid(field, format!("is longer than {max} characters")));
    }
    Ok(v.to_owned())
}

fn optional_text(field: &str, value: Option<&str>) -> Result<Option<String>, StoreError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => required_text(field, v, MAX_TEXT).map(Some),
    }
}

const ACTION_SELECT: &str = "SELECT a.id, a.recommendation_id, r.title, a.description, a.owner, \
     u.name, a.due, a.status, a.result, a.created_by, a.created_at, a.updated_by, a.updated_at, \
     a.status_changed_at \
     FROM improvement_actions a JOIN recommendations r ON r.id = a.recommendation_id \
     JOIN users u ON u.id = a.owner";

fn action_row(r: &DbRow) -> Result<Action, StoreError> {
    let status: String = r.try_get(7)?;
    Ok(Action {
        id: r.try_get(0)?,
        recommendation: r.try_get(1)?,
        recommendation_title: r.try_get(2)?,
        description: r.try_get(3)?,
        owner: UserId(r.try_get(4)?),
        owner_name: r.try_get(5)?,
        due: r.try_get::<Day, _>(6)?.0,
        status: ActionStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("bad action status {status:?}")))?,
        result: r.try_get(8)?,
        created_by: UserId(r.try_get(9)?),
        created_at: r.try_get::<Ts, _>(10)?.0,
        updated_by: UserId(r.try_get(11)?),
        updated_at: r.try_get::<Ts, _>(12)?.0,
        status_changed_at: r.try_get::<Ts, _>(13)?.0,
    })
}

const RECOMMENDATION_SELECT: &str = "SELECT r.id, r.title, r.text, r.created_by, c.name, \
     r.created_at, r.status, r.decided_by, d.name, r.decided_at, r.reason \
     FROM recommendations r JOIN users c ON c.id = r.created_by \
     LEFT JOIN users d ON d.id = r.decided_by";

fn recommendation_row(r: &DbRow) -> Result<Recommendation, StoreError> {
    let status: String = r.try_get(6)?;
    Ok(Recommendation {
        id: r.try_get(0)?,
        title: r.try_get(1)?,
        text: r.try_get(2)?,
        created_by: UserId(r.try_get(3)?),
        created_by_name: r.try_get(4)?,
        created_at: r.try_get::<Ts, _>(5)?.0,
        status: RecommendationStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("bad recommendation status {status:?}")))?,
        decided_by: r.try_get::<Option<i64>, _>(7)?.map(UserId),
        decided_by_name: r.try_get(8)?,
        decided_at: r.try_get::<Option<Ts>, _>(9)?.map(|t| t.0),
        reason: r.try_get(10)?,
        complaints: Vec::new(),
        actions: Vec::new(),
    })
}

impl Store {
    /// Proposes a recommendation (T14). Returns its id.
    pub async fn create_recommendation(
        &self,
        title: &str,
        text: &str,
        by: UserId,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        let title = required_text("title", title, MAX_TITLE)?;
        let text = required_text("text", text, MAX_TEXT)?;
        let row = sqlx::query(
            "INSERT INTO recommendations (title, text, created_by, created_at, status) \
             VALUES ($1, $2, $3, $4, 'proposed') RETURNING id",
        )
        .bind(title)
        .bind(text)
        .bind(by.0)
        .bind(Ts(now))
        .fetch_one(&self.write)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Every recommendation, newest first, with its complaints and actions.
    pub async fn recommendations(&self) -> Result<Vec<Recommendation>, StoreError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{RECOMMENDATION_SELECT} ORDER BY r.id DESC"
        )))
        .fetch_all(&self.read)
        .await?;
        let mut list: Vec<Recommendation> = rows
            .iter()
            .map(recommendation_row)
            .collect::<Result<_, _>>()?;
        self.attach(&mut list, None).await?;
        Ok(list)
    }

    /// One recommendation.
    pub async fn recommendation(&self, id: i64) -> Result<Option<Recommendation>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{RECOMMENDATION_SELECT} WHERE r.id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.read)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let mut list = vec![recommendation_row(&row)?];
        self.attach(&mut list, Some(id)).await?;
        Ok(list.pop())
    }

    /// Fills in the complaints and actions of `list` (all of the register, or the one `only`).
    async fn attach(
        &self,
        list: &mut [Recommendation],
        only: Option<i64>,
    ) -> Result<(), StoreError> {
        let filter = if only.is_some() {
            "WHERE rc.recommendation_id = $1"
        } else {
            "WHERE rc.recommendation_id > $1"
        };
        let links = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT rc.recommendation_id, c.reference FROM recommendation_complaints rc \
             JOIN complaints c ON c.id = rc.complaint_id {filter} ORDER BY c.reference"
        )))
        .bind(only.unwrap_or(0))
        .fetch_all(&self.read)
        .await?;
        let afilter = if only.is_some() {
            "WHERE a.recommendation_id = $1"
        } else {
            "WHERE a.recommendation_id > $1"
        };
        let actions = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{ACTION_SELECT} {afilter} ORDER BY a.id"
        )))
        .bind(only.unwrap_or(0))
        .fetch_all(&self.read)
        .await?;
        let mut at: BTreeMap<i64, usize> = BTreeMap::new();
        for (i, r) in list.iter().enumerate() {
            at.insert(r.id, i);
        }
        for l in &links {
            let (rid, reference): (i64, String) = (l.try_get(0)?, l.try_get(1)?);
            let reference = Reference::parse(&reference)
                .ok_or_else(|| StoreError::Corrupt(format!("bad reference {reference}")))?;
            if let Some(r) = at.get(&rid).and_then(|&i| list.get_mut(i)) {
                r.complaints.push(reference);
            }
        }
        for a in &actions {
            let a = action_row(a)?;
            if let Some(r) = at.get(&a.recommendation).and_then(|&i| list.get_mut(i)) {
                r.actions.push(a);
            }
        }
        Ok(())
    }

    async fn recommendation_status(&self, id: i64) -> Result<RecommendationStatus, StoreError> {
        let row = sqlx::query("SELECT status FROM recommendations WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.write)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("recommendation {id}")))?;
        let s: String = row.try_get(0)?;
        RecommendationStatus::parse(&s)
            .ok_or_else(|| StoreError::Corrupt(format!("bad recommendation status {s:?}")))
    }

    /// Links complaints, by reference, to a recommendation. All or nothing: an unknown
    /// reference is an error naming it (`complaints`), and nothing is linked. Linking one that
    /// is linked already changes nothing. Returns how many were new.
    pub async fn link_complaints(
        &self,
        id: i64,
        references: &[String],
        by: UserId,
        now: Timestamp,
    ) -> Result<u64, StoreError> {
        if references.is_empty() {
            return Err(invalid(
                "complaints",
                "name at least one complaint reference",
            ));
        }
        self.recommendation_status(id).await?;
        let mut ids = Vec::new();
        for (i, raw) in references.iter().enumerate() {
            let field = format!("complaints[{i}]");
            let Some(reference) = Reference::parse(raw.trim()) else {
                return Err(invalid(
                    &field,
                    format!("{:?} is not a complaint reference (YYYY-NNNN)", raw.trim()),
                ));
            };
            let row = sqlx::query("SELECT id FROM complaints WHERE reference = $1")
                .bind(reference.to_string())
                .fetch_optional(&self.write)
                .await?;
            match row {
                Some(r) => ids.push(r.try_get::<i64, _>(0)?),
                None => {
                    return Err(invalid(
                        &field,
                        format!("there is no complaint {reference}"),
                    ));
                }
            }
        }
        let mut tx = self.write.begin().await?;
        let mut added = 0;
        for cid in ids {
            added += sqlx::query(
                "INSERT INTO recommendation_complaints (recommendation_id, complaint_id, linked_by, linked_at) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(cid)
            .bind(by.0)
            .bind(Ts(now))
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        tx.commit().await?;
        Ok(added)
    }

    /// The directors' decision (T14): adopts or rejects a proposed recommendation, with the
    /// reason. A recommendation is decided once: deciding one that is not proposed (also when
    /// two decide at once) is [`StoreError::WrongState`].
    pub async fn decide_recommendation(
        &self,
        id: i64,
        adopt: bool,
        reason: &str,
        by: UserId,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let reason = required_text("reason", reason, MAX_TEXT)?;
        self.recommendation_status(id).await?;
        let status = if adopt {
            RecommendationStatus::Adopted
        } else {
            RecommendationStatus::Rejected
        };
        let done = sqlx::query(
            "UPDATE recommendations SET status = $1, decided_by = $2, decided_at = $3, reason = $4 \
             WHERE id = $5 AND status = 'proposed'",
        )
        .bind(status.as_str())
        .bind(by.0)
        .bind(Ts(now))
        .bind(reason)
        .bind(id)
        .execute(&self.write)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::WrongState(format!(
                "recommendation {id} has been decided already"
            )));
        }
        Ok(())
    }

    async fn check_owner(&self, owner: UserId) -> Result<(), StoreError> {
        let row = sqlx::query("SELECT active FROM users WHERE id = $1")
            .bind(owner.0)
            .fetch_optional(&self.write)
            .await?;
        match row {
            None => Err(invalid("owner", "there is no such user")),
            Some(r) if !r.try_get::<Flag, _>(0)?.0 => {
                Err(invalid("owner", "this account is deactivated"))
            }
            Some(_) => Ok(()),
        }
    }

    /// Adds an improvement action to an adopted recommendation. Returns its id.
    pub async fn add_action(
        &self,
        recommendation: i64,
        description: &str,
        owner: UserId,
        due: Date,
        by: UserId,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        let description = required_text("description", description, MAX_TEXT)?;
        if self.recommendation_status(recommendation).await? != RecommendationStatus::Adopted {
            return Err(StoreError::WrongState(format!(
                "recommendation {recommendation} is not adopted; only an adopted one gets improvement actions"
            )));
        }
        self.check_owner(owner).await?;
        let row = sqlx::query(
            "INSERT INTO improvement_actions (recommendation_id, description, owner, due, status, \
             created_by, created_at, updated_by, updated_at, status_changed_at) \
             VALUES ($1, $2, $3, $4, 'open', $5, $6, $5, $6, $6) RETURNING id",
        )
        .bind(recommendation)
        .bind(description)
        .bind(owner.0)
        .bind(Day(due))
        .bind(by.0)
        .bind(Ts(now))
        .fetch_one(&self.write)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// One improvement action.
    pub async fn action(&self, id: i64) -> Result<Option<Action>, StoreError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{ACTION_SELECT} WHERE a.id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.read)
        .await?;
        row.as_ref().map(action_row).transpose()
    }

    /// Changes an action; records who and when, and when its status last changed.
    pub async fn update_action(
        &self,
        id: i64,
        change: &ActionChange,
        by: UserId,
        now: Timestamp,
    ) -> Result<Action, StoreError> {
        let current = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{ACTION_SELECT} WHERE a.id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.write)
        .await?
        .as_ref()
        .map(action_row)
        .transpose()?
        .ok_or_else(|| StoreError::NotFound(format!("improvement action {id}")))?;
        let description = match &change.description {
            Some(d) => required_text("description", d, MAX_TEXT)?,
            None => current.description.clone(),
        };
        if let Some(o) = change.owner.filter(|o| *o != current.owner) {
            self.check_owner(o).await?;
        }
        let owner = change.owner.unwrap_or(current.owner);
        let due = change.due.unwrap_or(current.due);
        let status = change.status.unwrap_or(current.status);
        let result = match &change.result {
            Some(r) => optional_text("result", r.as_deref())?,
            None => current.result.clone(),
        };
        let status_changed_at = if status == current.status {
            current.status_changed_at
        } else {
            now
        };
        sqlx::query(
            "UPDATE improvement_actions SET description = $1, owner = $2, due = $3, status = $4, \
             result = $5, updated_by = $6, updated_at = $7, status_changed_at = $8 WHERE id = $9",
        )
        .bind(description)
        .bind(owner.0)
        .bind(Day(due))
        .bind(status.as_str())
        .bind(result)
        .bind(by.0)
        .bind(Ts(now))
        .bind(Ts(status_changed_at))
        .bind(id)
        .execute(&self.write)
        .await?;
        self.action(id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("improvement action {id}")))
    }

    /// The owner's actions not done or cancelled that are due on or before `by`, earliest due
    /// first (the dashboard: overdue ones and those due soon).
    pub async fn pending_actions_due_by(
        &self,
        owner: UserId,
        by: Date,
    ) -> Result<Vec<Action>, StoreError> {
        let mut out = Vec::new();
        // One indexed range per pending status (owner, status, due).
        for status in [ActionStatus::Open, ActionStatus::InProgress] {
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "{ACTION_SELECT} WHERE a.owner = $1 AND a.status = $2 AND a.due <= $3"
            )))
            .bind(owner.0)
            .bind(status.as_str())
            .bind(Day(by))
            .fetch_all(&self.read)
            .await?;
            for r in &rows {
                out.push(action_row(r)?);
            }
        }
        out.sort_by_key(|a| (a.due, a.id));
        Ok(out)
    }

    /// The owner's overdue actions: not done or cancelled, and due before `today`.
    pub async fn overdue_actions(
        &self,
        owner: UserId,
        today: Date,
    ) -> Result<Vec<Action>, StoreError> {
        let Ok(yesterday) = today.yesterday() else {
            return Ok(Vec::new());
        };
        self.pending_actions_due_by(owner, yesterday).await
    }

    /// Records an evaluation of the regulation (T16). Returns its id.
    pub async fn record_evaluation(
        &self,
        e: &NewEvaluation,
        now: Timestamp,
    ) -> Result<i64, StoreError> {
        if !(2000..=2200).contains(&e.year) {
            return Err(invalid("year", "expected a year from 2000 to 2200"));
        }
        if e.evaluated_on > amsterdam_date(now) {
            return Err(invalid("evaluated_on", "lies in the future"));
        }
        if !e.changed && e.new_version_on.is_some() {
            return Err(invalid(
                "new_version_on",
                "a new version can only be adopted when the regulation was changed",
            ));
        }
        let notes = optional_text("notes", e.notes.as_deref())?;
        self.check_owner(e.evaluated_by)
            .await
            .map_err(|_| invalid("evaluated_by", "must be an active user"))?;
        let row = sqlx::query(
            "INSERT INTO evaluations (year, evaluated_on, evaluated_by, changed, new_version_on, \
             notes, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(i64::from(e.year))
        .bind(Day(e.evaluated_on))
        .bind(e.evaluated_by.0)
        .bind(Flag(e.changed))
        .bind(e.new_version_on.map(Day))
        .bind(notes)
        .bind(Ts(now))
        .fetch_one(&self.write)
        .await?;
        Ok(row.try_get(0)?)
    }

    /// Every evaluation, the latest evaluated first.
    pub async fn evaluations(&self) -> Result<Vec<Evaluation>, StoreError> {
        let rows = sqlx::query(
            "SELECT e.id, e.year, e.evaluated_on, e.evaluated_by, u.name, e.changed, \
             e.new_version_on, e.notes, e.recorded_at FROM evaluations e \
             JOIN users u ON u.id = e.evaluated_by ORDER BY e.evaluated_on DESC, e.id DESC",
        )
        .fetch_all(&self.read)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Evaluation {
                    id: r.try_get(0)?,
                    year: i32::try_from(r.try_get::<i64, _>(1)?)
                        .map_err(|_| StoreError::Corrupt("bad evaluation year".into()))?,
                    evaluated_on: r.try_get::<Day, _>(2)?.0,
                    evaluated_by: UserId(r.try_get(3)?),
                    evaluated_by_name: r.try_get(4)?,
                    changed: r.try_get::<Flag, _>(5)?.0,
                    new_version_on: r.try_get::<Option<Day>, _>(6)?.map(|d| d.0),
                    notes: r.try_get(7)?,
                    recorded_at: r.try_get::<Ts, _>(8)?.0,
                })
            })
            .collect()
    }

    /// The day of the latest evaluation, if any.
    pub async fn latest_evaluation_on(&self) -> Result<Option<Date>, StoreError> {
        let row = sqlx::query("SELECT MAX(evaluated_on) FROM evaluations")
            .fetch_one(&self.read)
            .await?;
        Ok(row.try_get::<Option<Day>, _>(0)?.map(|d| d.0))
    }

    /// Writes the coordinator's text for a report; the latest written is the one in force.
    pub async fn write_report_text(
        &self,
        kind: ReportKind,
        period: Period,
        text: &str,
        by: UserId,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let text = required_text("text", text, MAX_TEXT)?;
        sqlx::query(
            "INSERT INTO report_texts (kind, period_from, period_to, text, written_by, written_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(kind.as_str())
        .bind(Day(period.from))
        .bind(Day(period.to))
        .bind(text)
        .bind(by.0)
        .bind(Ts(now))
        .execute(&self.write)
        .await?;
        Ok(())
    }

    /// The text in force for a report: the latest written for exactly this kind and period.
    pub async fn report_text(
        &self,
        kind: ReportKind,
        period: Period,
    ) -> Result<Option<ReportText>, StoreError> {
        let row = sqlx::query(
            "SELECT t.text, t.written_by, u.name, t.written_at FROM report_texts t \
             JOIN users u ON u.id = t.written_by \
             WHERE t.kind = $1 AND t.period_from = $2 AND t.period_to = $3 \
             ORDER BY t.id DESC LIMIT 1",
        )
        .bind(kind.as_str())
        .bind(Day(period.from))
        .bind(Day(period.to))
        .fetch_optional(&self.read)
        .await?;
        row.map(|r| {
            Ok(ReportText {
                kind,
                period,
                text: r.try_get(0)?,
                written_by: UserId(r.try_get(1)?),
                written_by_name: r.try_get(2)?,
                written_at: r.try_get::<Ts, _>(3)?.0,
            })
        })
        .transpose()
    }

    /// The register as a report over `period` shows it (see the definition in
    /// `klacht_core::reports`): the recommendations made on or before the period's last day
    /// that were made or decided in the period, are still proposed, have an action still to be
    /// carried out, or have an action whose status changed in the period. Oldest first. With
    /// names and references; the annual report strips them ([`klacht_core::reports::Report::anonymise`]).
    pub async fn report_register(
        &self,
        period: Period,
        as_of: Date,
    ) -> Result<Vec<RecommendationLine>, StoreError> {
        let start = amsterdam_day_start(period.from);
        let end = match period.to.tomorrow() {
            Ok(next) => amsterdam_day_start(next),
            Err(_) => Timestamp::MAX,
        };
        let within = |t: Timestamp| start <= t && t < end;
        let mut all = self.recommendations().await?;
        all.reverse();
        Ok(all
            .into_iter()
            .filter(|r| r.created_at < end)
            .filter(|r| {
                within(r.created_at)
                    || r.decided_at.is_some_and(within)
                    || r.status == RecommendationStatus::Proposed
                    || r.actions.iter().any(|a| a.status.is_pending())
                    || r.actions.iter().any(|a| within(a.status_changed_at))
            })
            .map(|r| RecommendationLine {
                id: r.id,
                title: r.title,
                text: r.text,
                status: r.status,
                decided_by: r.decided_by_name,
                decided_on: r.decided_at.map(amsterdam_date),
                reason: r.reason,
                complaint_count: Count::Exact(u64::try_from(r.complaints.len()).unwrap_or(0)),
                complaints: r.complaints.iter().map(ToString::to_string).collect(),
                actions: r
                    .actions
                    .iter()
                    .map(|a| ActionLine {
                        id: a.id,
                        description: a.description.clone(),
                        owner: Some(a.owner_name.clone()),
                        due: a.due,
                        status: a.status,
                        result: a.result.clone(),
                        overdue: a.overdue(as_of),
                    })
                    .collect(),
            })
            .collect())
    }
}
