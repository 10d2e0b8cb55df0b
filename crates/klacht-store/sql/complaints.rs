//! Complaints: creating, appending, loading and listing.

use super::bulk::Insert;
use super::outbox::FollowRows;
use super::{Arg, Day, DbRow, Flag, Json, Ts, Tx};
use crate::{Store, dialect};
use klacht_store::chain::Link;
use klacht_store::*;
use sqlx::Row;

use jiff::Timestamp;
use klacht_core::calendar::amsterdam_date;
use klacht_core::personal;
use klacht_core::procedure::{Complaint, Event, EventBody, Status};
use klacht_core::{Actor, Channel, Reference, UserId};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

fn actor_columns(a: Actor) -> (&'static str, Option<i64>) {
    match a {
        Actor::Staff(u) => ("staff", Some(u.0)),
        Actor::Complainant => ("complainant", None),
        Actor::System => ("system", None),
    }
}

fn actor_from(kind: &str, id: Option<i64>) -> Result<Actor, StoreError> {
    match (kind, id) {
        ("staff", Some(id)) => Ok(Actor::Staff(UserId(id))),
        ("complainant", _) => Ok(Actor::Complainant),
        ("system", _) => Ok(Actor::System),
        _ => Err(StoreError::Corrupt(format!("bad actor {kind}/{id:?}"))),
    }
}

fn json<T: serde::Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// The personal texts of `body` as the person complained about sees it, for their search
/// (K3); `None` when they do not see it or it holds none.
pub(crate) fn involved_text(body: &EventBody) -> Result<Option<String>, StoreError> {
    let Some(seen) = klacht_core::procedure::seen_by_involved(body) else {
        return Ok(None);
    };
    let mut value = serde_json::to_value(&seen).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let mut out = String::new();
    personal::split(&mut value)
        .iter()
        .for_each(|v| texts(v, &mut out));
    Ok(Some(out).filter(|t| !t.trim().is_empty()))
}

/// All text in a JSON value, for the search index.
fn texts(v: &Value, out: &mut String) {
    match v {
        Value::String(s) => {
            out.push_str(s);
            out.push(' ');
        }
        Value::Array(a) => a.iter().for_each(|x| texts(x, out)),
        Value::Object(o) => o.values().for_each(|x| texts(x, out)),
        _ => {}
    }
}

/// The statuses of a complaint that is not yet done with, as the partial indexes of migration
/// 0020 name them.
const OPEN: [Status; 4] = [
    Status::Received,
    Status::Acknowledged,
    Status::InProgress,
    Status::Decided,
];

/// The projection's columns, in the order of the INSERT and UPDATE statements.
fn projection_args(s: &Complaint, last_hash: &str) -> Result<Vec<Arg>, StoreError> {
    let opt_id = |u: Option<UserId>| u.map(|u| u.0);
    let text = |o: Option<String>| o.map(Arg::Text);
    let int = |o: Option<i64>| Some(o.map_or(Arg::NullInt, Arg::Int));
    let nullable: Vec<Option<Arg>> = vec![
        Some(Arg::Text(s.status.as_str().into())),
        Some(Arg::Text(s.channel.as_str().into())),
        Some(Arg::Text(s.form.as_str().into())),
        Some(Arg::Ts(s.received_at)),
        Some(Arg::Day(amsterdam_date(s.received_at))),
        int(opt_id(s.received_by)),
        int(opt_id(s.concerns)),
        int(opt_id(s.handler)),
        text(s.relation.clone()),
        Some(Arg::Json(json(&s.categories)?)),
        text(s.severity.clone()),
        Some(Arg::Flag(s.sensitive)),
        text(
            s.escalation
                .map(|l| json(&l))
                .transpose()?
                .map(|j| j.trim_matches('"').to_owned()),
        ),
        text(s.decision.as_ref().map(|d| d.outcome.as_str().to_owned())),
        Some(s.decision.as_ref().map_or(Arg::NullTs, |d| Arg::Ts(d.at))),
        Some(s.closed_at.map_or(Arg::NullTs, Arg::Ts)),
        Some(s.next_due().map_or(Arg::NullDay, Arg::Day)),
        Some(Arg::Json(json(&s.deadlines)?)),
        Some(Arg::Int(i64::try_from(s.version).unwrap_or(i64::MAX))),
        Some(Arg::Text(last_hash.to_owned())),
        Some(Arg::Ts(s.updated_at)),
        Some(s.anonymised_at.map_or(Arg::NullTs, Arg::Ts)),
        Some(Arg::Flag(s.held_since.is_some())),
        Some(s.satisfied.map_or(Arg::NullFlag, Arg::Flag)),
        text(s.satisfaction_answer.clone()),
        text(klacht_core::ladder::rung(s).map(|r| r.as_str().to_owned())),
    ];
    Ok(nullable
        .into_iter()
        .map(|a| a.unwrap_or(Arg::Null))
        .collect())
}

const PROJECTION_COLUMNS: &str = "status, channel, form, received_at, received_on, received_by, concerns, handler, \
     relation, categories, severity, sensitive, escalation, outcome, decided_at, closed_at, next_due, deadlines, \
     version, last_hash, updated_at, anonymised_at, held, satisfied, satisfaction_answer, rung";

/// Columns of the projection.
// A constant: an index out of bounds would not compile.
#[allow(clippy::indexing_slicing)]
const PROJECTION_WIDTH: usize = {
    let b = PROJECTION_COLUMNS.as_bytes();
    let (mut i, mut n) = (0, 1);
    while i < b.len() {
        if b[i] == b',' {
            n += 1;
        }
        i += 1;
    }
    n
};

/// `INSERT INTO complaints (reference, profile_id, <projection>)`.
static INSERT_PROJECTION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!("INSERT INTO complaints (reference, profile_id, {PROJECTION_COLUMNS})")
});

/// `UPDATE complaints SET <projection> WHERE id = $n+1 AND version = $n+2`, built once.
static UPDATE_PROJECTION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let sets: Vec<String> = PROJECTION_COLUMNS
        .split(", ")
        .enumerate()
        .map(|(i, c)| format!("{c} = ${}", i + 1))
        .collect();
    let n = sets.len();
    format!(
        "UPDATE complaints SET {} WHERE id = ${} AND version = ${}",
        sets.join(", "),
        n + 1,
        n + 2
    )
});

/// An event ready to write: skeleton, personal data apart, and its link in the chain.
struct Prepared {
    seq: i64,
    at: Timestamp,
    actor_type: &'static str,
    actor_id: Option<i64>,
    kind: &'static str,
    body: String,
    personal: Option<PersonalRow>,
    digest: Option<String>,
    hash: String,
}

struct PersonalRow {
    salt: String,
    data: String,
    search: String,
    /// What the person complained about may find the complaint by: the texts of the event as
    /// they see it (K3); `None` when they do not see it, or nobody is complained about.
    involved: Option<String>,
}

/// Rows of `complaint_categories`: (category, complaint id).
fn categories_insert() -> Insert {
    Insert::new(
        "INSERT INTO complaint_categories (category, complaint_id)",
        2,
        "",
    )
}

/// Events per complaint the search index can tell apart (see [`search_rowid`]).
const SEARCH_SEQS: i64 = 1 << 16;

/// The rowid of an event's personal data in SQLite's full-text index: the complaint and the
/// event's place in it. A search then yields complaint ids straight from the index, in order.
pub(crate) fn search_rowid(complaint_id: i64, seq: i64) -> Result<i64, StoreError> {
    if !(0..SEARCH_SEQS).contains(&seq) {
        return Err(StoreError::Config(format!(
            "a complaint holds at most {} events",
            SEARCH_SEQS - 1
        )));
    }
    complaint_id
        .checked_mul(SEARCH_SEQS)
        .map(|r| r + seq)
        .ok_or_else(|| StoreError::Corrupt(format!("complaint id {complaint_id}")))
}

/// Events with their personal data, gathered for multi-row INSERTs.
struct EventRows {
    events: Insert,
    personal: Insert,
    /// SQLite: the full-text index, apart (its rowid is [`search_rowid`]).
    search: Insert,
    /// SQLite: the index of what the person complained about sees (K3), by the same rowid.
    involved: Insert,
}

impl EventRows {
    fn new() -> EventRows {
        let personal = match dialect::BACKEND {
            Backend::Sqlite => Insert::new(
                "INSERT INTO personal_data (complaint_id, seq, salt, data)",
                4,
                "",
            ),
            Backend::Postgres => Insert::new(
                "INSERT INTO personal_data (complaint_id, seq, salt, data, search_text, \
                 involved_text)",
                6,
                "",
            ),
        };
        EventRows {
            events: Insert::new(
                "INSERT INTO events (complaint_id, seq, at, actor_type, actor_id, kind, body, \
                 pii_digest, hash)",
                9,
                "",
            ),
            personal,
            search: Insert::new("INSERT INTO personal_search (rowid, text)", 2, ""),
            involved: Insert::new("INSERT INTO involved_search (rowid, text)", 2, ""),
        }
    }

    fn add(&mut self, complaint_id: i64, events: Vec<Prepared>) -> Result<(), StoreError> {
        for e in events {
            if let Some(p) = e.personal {
                let mut row = vec![
                    Arg::Int(complaint_id),
                    Arg::Int(e.seq),
                    Arg::Text(p.salt),
                    Arg::Text(p.data),
                ];
                match dialect::BACKEND {
                    Backend::Sqlite => {
                        let rowid = search_rowid(complaint_id, e.seq)?;
                        self.search.push([Arg::Int(rowid), Arg::Text(p.search)])?;
                        if let Some(t) = p.involved {
                            self.involved.push([Arg::Int(rowid), Arg::Text(t)])?;
                        }
                    }
                    Backend::Postgres => {
                        row.push(Arg::Text(p.search));
                        row.push(p.involved.map_or(Arg::Null, Arg::Text));
                    }
                }
                self.personal.push(row)?;
            }
            self.events.push([
                Arg::Int(complaint_id),
                Arg::Int(e.seq),
                Arg::Ts(e.at),
                Arg::Text(e.actor_type.into()),
                e.actor_id.map_or(Arg::NullInt, Arg::Int),
                Arg::Text(e.kind.into()),
                Arg::Text(e.body),
                e.digest.map_or(Arg::Null, Arg::Text),
                Arg::Text(e.hash),
            ])?;
        }
        Ok(())
    }

    async fn run(self, tx: &mut Tx<'_>) -> Result<(), StoreError> {
        self.personal.run(tx).await?;
        self.search.run(tx).await?;
        self.involved.run(tx).await?;
        self.events.run(tx).await?;
        Ok(())
    }
}

/// Splits each event into skeleton and personal data and chains it after `prev`, numbering from
/// `after_seq + 1`. Pure: returns the events and the last hash, so the projection can be
/// written with its final hash in one statement. With `involved` (the complaint is about a
/// staff member) the texts that person sees are indexed apart for their search (K3).
fn prepare(
    prev: &str,
    after_seq: i64,
    events: &[Event],
    involved: bool,
) -> Result<(Vec<Prepared>, String), StoreError> {
    let mut prev = prev.to_owned();
    let mut out = Vec::with_capacity(events.len());
    for (seq, e) in (after_seq + 1..).zip(events) {
        let mut body =
            serde_json::to_value(&e.body).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let pii = personal::split(&mut body);
        let body = body.to_string();
        let involved = if involved && !pii.is_empty() {
            involved_text(&e.body)?
        } else {
            None
        };
        let personal = (!pii.is_empty()).then(|| {
            let mut search = String::new();
            pii.iter().for_each(|v| texts(v, &mut search));
            PersonalRow {
                salt: chain::new_salt(),
                data: Value::Array(pii).to_string(),
                search,
                involved,
            }
        });
        let digest = personal
            .as_ref()
            .map(|p| chain::pii_digest(&p.salt, &p.data));
        let at = e.at;
        let (actor_type, actor_id) = actor_columns(e.actor);
        let kind = e.body.kind();
        let hash = chain::next(
            &prev,
            &Link {
                seq,
                at: at.as_microsecond(),
                actor_type,
                actor_id,
                kind,
                body: &body,
                pii_digest: digest.as_deref(),
            },
        );
        prev.clone_from(&hash);
        out.push(Prepared {
            seq,
            at,
            actor_type,
            actor_id,
            kind,
            body,
            personal,
            digest,
            hash,
        });
    }
    Ok((out, prev))
}

/// Writes new complaints table by table: references for each year taken in one statement,
/// then the projection rows, events, personal data, categories and follow-ups, each as
/// multi-row INSERTs.
pub(crate) async fn insert_records<F>(
    tx: &mut Tx<'_>,
    recs: Vec<(NewRecord, F)>,
) -> Result<Vec<(i64, Reference)>, StoreError>
where
    F: FnOnce(&Reference, &Complaint) -> Result<FollowUp, StoreError> + Send,
{
    let years: Vec<i16> = recs
        .iter()
        .map(|(r, _)| amsterdam_date(r.state.received_at).year())
        .collect();
    let mut next: BTreeMap<i16, i64> = BTreeMap::new();
    for y in &years {
        *next.entry(*y).or_default() += 1;
    }
    // Years in order, so that concurrent batches on PostgreSQL lock counters in one order.
    for (year, n) in next.iter_mut() {
        let last: i64 = sqlx::query(
            "INSERT INTO reference_counters (year, last) VALUES ($1, $2) \
             ON CONFLICT (year) DO UPDATE SET last = reference_counters.last + excluded.last \
             RETURNING last",
        )
        .bind(i64::from(*year))
        .bind(*n)
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?;
        *n = last - *n + 1;
    }
    let mut projection = Insert::new(
        INSERT_PROJECTION.as_str(),
        2 + PROJECTION_WIDTH,
        "RETURNING id, reference",
    );
    let mut pending = Vec::with_capacity(recs.len());
    for ((rec, follow), year) in recs.into_iter().zip(years) {
        let counter = next
            .get_mut(&year)
            .ok_or_else(|| StoreError::Corrupt(format!("no counter for {year}")))?;
        let number = u32::try_from(*counter)
            .map_err(|_| StoreError::Corrupt(format!("reference number {counter}")))?;
        *counter += 1;
        let reference = Reference::new(year, number);
        let follow = follow(&reference, &rec.state)?;
        let mut events = rec.events;
        let mut state = rec.state;
        for e in &follow.events {
            state.apply(e);
        }
        events.extend(follow.events.iter().cloned());
        let (prepared, last) = prepare(
            &chain::seed(&reference.to_string()),
            0,
            &events,
            state.concerns.is_some(),
        )?;
        projection.push(
            [Arg::Text(reference.to_string()), Arg::Int(rec.profile_id)]
                .into_iter()
                .chain(projection_args(&state, &last)?),
        )?;
        pending.push((reference, prepared, state, follow));
    }
    // The order of RETURNING rows is not promised (SQLite says so): match by reference.
    let mut ids = HashMap::with_capacity(pending.len());
    for row in projection.run(tx).await? {
        ids.insert(row.try_get::<String, _>(1)?, row.try_get::<i64, _>(0)?);
    }
    let mut events = EventRows::new();
    let mut categories = categories_insert();
    let mut follow_rows = FollowRows::default();
    let mut out = Vec::with_capacity(pending.len());
    for (reference, prepared, state, follow) in pending {
        let id = *ids.get(&reference.to_string()).ok_or_else(|| {
            StoreError::Corrupt(format!("no id returned for new complaint {reference}"))
        })?;
        events.add(id, prepared)?;
        for c in &state.categories {
            categories.push([Arg::Text(c.clone()), Arg::Int(id)])?;
        }
        follow_rows.add(id, &reference, 1, &follow, state.updated_at);
        out.push((id, reference));
    }
    events.run(tx).await?;
    categories.run(tx).await?;
    follow_rows.run(tx).await?;
    Ok(out)
}

impl Store {
    /// Stores a new complaint and gives it the next reference of its year.
    pub async fn create_complaint(&self, rec: NewRecord) -> Result<(i64, Reference), StoreError> {
        self.create_complaint_with(rec, |_: &Reference, _: &Complaint| Ok(FollowUp::default()))
            .await
    }

    /// Stores a new complaint with what follows from it (letters that name its reference, their
    /// mail, a status link), all in one transaction. `follow` gets the new reference and the
    /// state after the complaint's own events; it may be called more than once (when the group
    /// it was committed with failed, it is tried again alone), so it must not count on running
    /// once.
    ///
    /// Returns once the complaint is durable. Complaints arriving while another group is being
    /// written are committed together, with one fsync ([`crate::group`]).
    pub async fn create_complaint_with<F>(
        &self,
        rec: NewRecord,
        follow: F,
    ) -> Result<(i64, Reference), StoreError>
    where
        F: FnMut(&Reference, &Complaint) -> Result<FollowUp, StoreError> + Send + 'static,
    {
        self.group.create(rec, Box::new(follow)).await
    }

    /// Stores several new complaints in one transaction (one fsync), in order.
    pub async fn create_complaints(
        &self,
        recs: Vec<NewRecord>,
    ) -> Result<Vec<(i64, Reference)>, StoreError> {
        let none = |_: &Reference, _: &Complaint| Ok(FollowUp::default());
        let mut tx = self.write.begin().await?;
        let out = insert_records(&mut tx, recs.into_iter().map(|r| (r, none)).collect()).await?;
        tx.commit().await?;
        Ok(out)
    }

    async fn write_categories(
        &self,
        tx: &mut Tx<'_>,
        id: i64,
        categories: &[String],
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM complaint_categories WHERE complaint_id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
        let mut rows = categories_insert();
        for c in categories {
            rows.push([Arg::Text(c.clone()), Arg::Int(id)])?;
        }
        rows.run(tx).await?;
        Ok(())
    }

    /// Appends events to a complaint read at `expected_version`, and updates its projection to
    /// `state`, in one transaction. Fails with [`StoreError::Conflict`] if someone else appended
    /// in between; nothing is written then.
    pub async fn append(
        &self,
        id: i64,
        expected_version: u64,
        events: &[Event],
        state: &Complaint,
    ) -> Result<(), StoreError> {
        self.append_with(id, expected_version, events, state, &FollowUp::default())
            .await
    }

    /// [`Store::append`] with what follows from the step: its letters' events (applied to
    /// `state` here), their mail and status links, in the same transaction.
    pub async fn append_with(
        &self,
        id: i64,
        expected_version: u64,
        events: &[Event],
        state: &Complaint,
        follow: &FollowUp,
    ) -> Result<(), StoreError> {
        self.append_each(&[Append {
            id,
            expected_version,
            events,
            state,
            follow,
        }])
        .await
    }

    /// [`Store::append_with`] for several complaints in one transaction: a step that joins or
    /// links two complaints writes on both, or on neither. Rows are locked in the order of their
    /// ids, so that two such steps never wait on each other crosswise.
    pub async fn append_each(&self, steps: &[Append<'_>]) -> Result<(), StoreError> {
        let mut steps: Vec<&Append<'_>> = steps
            .iter()
            .filter(|a| !(a.events.is_empty() && a.follow.events.is_empty()))
            .collect();
        if steps.is_empty() {
            return Ok(());
        }
        steps.sort_by_key(|a| a.id);
        let mut tx = self.write.begin().await?;
        for a in steps {
            self.append_in(&mut tx, a).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn append_in(&self, tx: &mut Tx<'_>, a: &Append<'_>) -> Result<(), StoreError> {
        let Append {
            id,
            expected_version,
            events,
            state,
            follow,
        } = *a;
        let lock = dialect::FOR_UPDATE;
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT version, last_hash, reference FROM complaints WHERE id = $1{lock}"
        )))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("complaint {id}")))?;
        let version: i64 = row.try_get(0)?;
        let last_hash: String = row.try_get(1)?;
        let reference: String = row.try_get(2)?;
        let reference = Reference::parse(&reference)
            .ok_or_else(|| StoreError::Corrupt(format!("bad reference {reference}")))?;
        let current = u64::try_from(version).unwrap_or(0);
        if current != expected_version {
            return Err(StoreError::Conflict { current });
        }
        let mut state = state.clone();
        for e in &follow.events {
            state.apply(e);
        }
        let mut all: Vec<Event> = events.iter().chain(&follow.events).cloned().collect();
        for e in &mut all {
            if let EventBody::Rectified {
                field,
                value,
                digest,
            } = &mut e.body
            {
                let value = value.get().cloned().unwrap_or_default();
                *digest = Some(
                    rectify_registration(tx, id, state.concerns.is_some(), *field, &value).await?,
                );
            }
        }
        if let Some(e) = all
            .iter()
            .find(|e| matches!(e.body, EventBody::Anonymised { .. }))
        {
            erase_personal_data(tx, id, e.at).await?;
        }
        // K3: the complaint is now about a staff member, perhaps for the first time: what they
        // may see of the events stored so far goes into their search as well.
        let concerns_staff = all.iter().any(|e| {
            matches!(
                e.body,
                EventBody::ConcernsRecorded {
                    about: Some(klacht_core::procedure::Concerned::Staff { .. })
                }
            )
        });
        if concerns_staff && state.concerns.is_some() {
            index_involved(tx, id).await?;
        }
        let (prepared, last) = prepare(&last_hash, version, &all, state.concerns.is_some())?;
        let mut rows = EventRows::new();
        rows.add(id, prepared)?;
        rows.run(tx).await?;
        let done = super::bind_all(
            sqlx::query(sqlx::AssertSqlSafe(UPDATE_PROJECTION.as_str())),
            projection_args(&state, &last)?,
        )
        .bind(id)
        .bind(version)
        .execute(&mut **tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict { current });
        }
        self.write_categories(tx, id, &state.categories).await?;
        let mut follow_rows = FollowRows::default();
        follow_rows.add(id, &reference, version + 1, follow, state.updated_at);
        follow_rows.run(tx).await?;
        Ok(())
    }

    /// Loads a complaint with its whole timeline.
    pub async fn load(&self, reference: &Reference) -> Result<Option<Dossier>, StoreError> {
        let row = sqlx::query("SELECT id, profile_id FROM complaints WHERE reference = $1")
            .bind(reference.to_string())
            .fetch_optional(&self.read)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let id: i64 = row.try_get(0)?;
        let profile_id: i64 = row.try_get(1)?;
        let rows = sqlx::query(
            "SELECT e.seq, e.at, e.actor_type, e.actor_id, e.body, p.data \
             FROM events e LEFT JOIN personal_data p ON p.complaint_id = e.complaint_id AND p.seq = e.seq \
             WHERE e.complaint_id = $1 ORDER BY e.seq",
        )
        .bind(id)
        .fetch_all(&self.read)
        .await?;
        let mut events = Vec::with_capacity(rows.len());
        for r in rows {
            events.push(read_event(&r)?);
        }
        let state = Complaint::replay(events.iter().map(|e| &e.event))
            .ok_or_else(|| StoreError::Corrupt(format!("{reference} has no registration")))?;
        Ok(Some(Dossier {
            id,
            reference: reference.clone(),
            profile_id,
            events,
            state,
        }))
    }

    /// Loads several complaints with their whole timelines in one query (a list that needs
    /// what only the timeline holds). In the order of `references`; a reference not there is
    /// left out.
    pub async fn load_many(&self, references: &[Reference]) -> Result<Vec<Dossier>, StoreError> {
        if references.is_empty() {
            return Ok(Vec::new());
        }
        let mut args = Vec::with_capacity(references.len());
        let mut marks = Vec::with_capacity(references.len());
        for r in references {
            args.push(Arg::Text(r.to_string()));
            marks.push(format!("${}", args.len()));
        }
        let sql = format!(
            "SELECT e.seq, e.at, e.actor_type, e.actor_id, e.body, p.data, c.id, c.reference, c.profile_id \
             FROM complaints c JOIN events e ON e.complaint_id = c.id \
             LEFT JOIN personal_data p ON p.complaint_id = e.complaint_id AND p.seq = e.seq \
             WHERE c.reference IN ({}) ORDER BY c.id, e.seq",
            marks.join(", ")
        );
        let rows = super::bind_all(sqlx::query(sqlx::AssertSqlSafe(sql)), args)
            .fetch_all(&self.read)
            .await?;
        let mut found: Vec<(i64, String, i64, Vec<StoredEvent>)> = Vec::new();
        for r in &rows {
            let id: i64 = r.try_get(6)?;
            let event = read_event(r)?;
            match found.last_mut() {
                Some(last) if last.0 == id => last.3.push(event),
                _ => found.push((id, r.try_get(7)?, r.try_get(8)?, vec![event])),
            }
        }
        let mut out = Vec::with_capacity(found.len());
        for reference in references {
            let text = reference.to_string();
            let Some(at) = found.iter().position(|f| f.1 == text) else {
                continue;
            };
            let (id, _, profile_id, events) = found.swap_remove(at);
            let state = Complaint::replay(events.iter().map(|e| &e.event))
                .ok_or_else(|| StoreError::Corrupt(format!("{reference} has no registration")))?;
            out.push(Dossier {
                id,
                reference: reference.clone(),
                profile_id,
                events,
                state,
            });
        }
        Ok(out)
    }

    /// Recomputes a complaint's hash chain. `Ok(None)` if intact, else the first bad position.
    pub async fn verify_chain(&self, reference: &Reference) -> Result<Option<i64>, StoreError> {
        // One moment: a step appended between reading the last hash and the events would
        // otherwise look like tampering.
        let mut tx = super::ops::snapshot_tx(self).await?;
        let row = sqlx::query("SELECT id, last_hash FROM complaints WHERE reference = $1")
            .bind(reference.to_string())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::NotFound(reference.to_string()))?;
        let id: i64 = row.try_get(0)?;
        let last_hash: String = row.try_get(1)?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM events e \
             LEFT JOIN personal_data p ON p.complaint_id = e.complaint_id AND p.seq = e.seq \
             WHERE e.complaint_id = $1 ORDER BY e.seq",
            super::ops::CHAIN_COLUMNS
        )))
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        tx.rollback().await?;
        super::ops::first_broken(&reference.to_string(), &last_hash, &rows)
    }

    /// Records that `user` opened the dossier (K8).
    /// Returns once the entry is durable; entries arriving together share a commit.
    pub async fn log_read(&self, id: i64, user: UserId, now: Timestamp) -> Result<(), StoreError> {
        self.group.log_read(id, user, now).await
    }

    /// Who opened a dossier, newest first, `limit` at most.
    pub async fn reads(&self, id: i64, limit: u32) -> Result<Vec<(UserId, Timestamp)>, StoreError> {
        let rows = sqlx::query(
            "SELECT user_id, at FROM dossier_reads WHERE complaint_id = $1 ORDER BY at DESC, id DESC \
             LIMIT $2",
        )
        .bind(id)
        .bind(i64::from(limit))
            .fetch_all(&self.read)
            .await?;
        rows.iter()
            .map(|r| Ok((UserId(r.try_get(0)?), r.try_get::<Ts, _>(1)?.0)))
            .collect()
    }

    /// A page of complaints, by keyset: stable and fast however deep the page.
    pub async fn list(
        &self,
        scope: Scope,
        filter: &ListFilter,
        sort: Sort,
        after: Option<&Cursor>,
        limit: u32,
    ) -> Result<Page, StoreError> {
        // No stored text holds a NUL (what comes in is checked), and PostgreSQL cannot even
        // compare one: a filter with it matches nothing.
        let nul = |o: &Option<String>| o.as_deref().is_some_and(|t| t.contains('\0'));
        if nul(&filter.text) || nul(&filter.category) || nul(&filter.severity) {
            return Ok(Page {
                items: Vec::new(),
                next: None,
            });
        }
        // The conditions; what they select from is decided below.
        let mut sql = String::new();
        // A text search: the condition for the complaints not about the searcher (`main`, or
        // `walk` when SQLite walks its index), and the one that finds those about them by what
        // they see of them (`own`, K3). Apart from `sql`, which holds what applies to all.
        let mut main = String::new();
        let mut walk: Option<String> = None;
        let mut own: Option<String> = None;
        let mut args: Vec<Arg> = Vec::new();
        let arg = |a: Arg, args: &mut Vec<Arg>| {
            args.push(a);
            format!("${}", args.len())
        };
        // Scope: one's own involvement always shows (in restricted form); beyond that, roles.
        let me = arg(Arg::Int(scope.user.0), &mut args);
        let mut sees = vec![format!("handler = {me}"), format!("received_by = {me}")];
        if scope.none {
            sees = vec!["1 = 0".into()];
        }
        if scope.all {
            sees.push("1 = 1".into());
        }
        if scope.escalated {
            sees.push("escalation IS NOT NULL".into());
        }
        if scope.board {
            sees.push("escalation = 'board'".into());
        }
        if let Some(about) = scope.about {
            let p = arg(Arg::Int(about.0), &mut args);
            sees.push(format!("concerns = {p}"));
        }
        sql.push_str(&format!(
            " AND (concerns = {me} OR ((concerns IS NULL OR concerns <> {me}) AND ({})))",
            sees.join(" OR ")
        ));
        // A complaint has a next due date only while it awaits a decision. Where the list needs
        // one (most urgent first, or overdue), other statuses cannot match, and when every
        // status that can is asked for, the status test adds nothing: leaving it out lets the
        // database walk the deadline index in order instead of sorting every open complaint.
        let by_deadline = sort == Sort::NextDue || filter.overdue_on.is_some();
        let statuses: Vec<Status> = if by_deadline {
            let running: Vec<Status> = filter
                .statuses
                .iter()
                .copied()
                .filter(|s| s.awaits_decision())
                .collect();
            if !filter.statuses.is_empty() && running.is_empty() {
                sql.push_str(" AND 1 = 0");
            }
            let all_running = Status::ALL
                .iter()
                .filter(|s| s.awaits_decision())
                .all(|s| running.contains(s));
            if all_running { Vec::new() } else { running }
        } else {
            filter.statuses.clone()
        };
        // `next_due < d` (overdue) implies that it is there, and both databases see that it
        // serves the partial deadline indexes. Said twice, PostgreSQL counts the complaints
        // without a deadline twice: on 100,000 it expected 35 of the 1,145 overdue ones, so it
        // sorted them all instead of walking `complaints_next_due` to the 26th.
        if by_deadline && filter.overdue_on.is_none() {
            sql.push_str(" AND next_due IS NOT NULL");
        }
        // The statuses are written out (the enum's own words, in its order), not bound: the
        // partial indexes of the open complaints (migration 0020) serve only a query whose
        // condition is their own, word for word.
        let words: Vec<String> = Status::ALL
            .iter()
            .filter(|s| statuses.contains(s))
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        if !words.is_empty() {
            sql.push_str(&format!(" AND status IN ({})", words.join(", ")));
        }
        let open = Status::ALL
            .iter()
            .all(|s| statuses.contains(s) == OPEN.contains(s));
        if let Some(d) = filter.overdue_on {
            let p = arg(Arg::Day(d), &mut args);
            sql.push_str(&format!(" AND next_due < {p}"));
        }
        if let Some(h) = filter.handler {
            let p = arg(Arg::Int(h.0), &mut args);
            sql.push_str(&format!(" AND handler = {p}"));
        }
        if filter.unassigned {
            // A handler the complaint came to be about may not handle it (K3): none in effect.
            sql.push_str(" AND (handler IS NULL OR handler = concerns)");
        }
        if let Some(c) = &filter.category {
            let p = arg(Arg::Text(c.clone()), &mut args);
            sql.push_str(&format!(
                " AND id IN (SELECT complaint_id FROM complaint_categories WHERE category = {p})"
            ));
        }
        if let Some(c) = filter.channel {
            let p = arg(Arg::Text(c.as_str().into()), &mut args);
            sql.push_str(&format!(" AND channel = {p}"));
        }
        if let Some(s) = &filter.severity {
            let p = arg(Arg::Text(s.clone()), &mut args);
            sql.push_str(&format!(" AND severity = {p}"));
        }
        match filter.escalated {
            Some(true) => sql.push_str(" AND escalation IS NOT NULL"),
            Some(false) => sql.push_str(" AND escalation IS NULL"),
            None => {}
        }
        // Written as in the partial indexes (migrations 0005 and 0020).
        match filter.sensitive {
            Some(true) => sql.push_str(&format!(" AND {}", dialect::SENSITIVE)),
            Some(false) => sql.push_str(&format!(" AND NOT ({})", dialect::SENSITIVE)),
            None => {}
        }
        if let Some(text) = filter
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            if let Some(r) = Reference::parse(text) {
                let p = arg(Arg::Text(r.to_string()), &mut args);
                sql.push_str(&format!(" AND reference = {p}"));
            } else {
                // K3: a complaint about the searcher is found only by what they see of it. The
                // search runs as two queries, merged in order: every other complaint in the
                // index of all texts (the plan of a plain search, with one more filter), and the
                // few about the searcher in the index of what they see. One query with an OR of
                // the two made PostgreSQL's planner give up its index (7 ms became 45 ms).
                let not_mine = format!(" AND (concerns IS NULL OR concerns <> {me})");
                match dialect::BACKEND {
                    Backend::Sqlite => {
                        let p = arg(Arg::Text(fts5_query(text)), &mut args);
                        // From the (few, indexed) complaints about the searcher to their entries in
                        // the index, by rowid range: cheap also for a word that is everywhere.
                        own = Some(format!(
                            " AND concerns = {me} AND EXISTS (SELECT 1 FROM involved_search \
                             WHERE involved_search MATCH {p} AND rowid BETWEEN \
                             complaints.id * {SEARCH_SEQS} AND complaints.id * {SEARCH_SEQS} + \
                             {SEARCH_SEQS} - 1)"
                        ));
                        if sort == Sort::Newest {
                            // Newest first: walk the index's matches from the highest rowid down
                            // (complaint_id * SEARCH_SEQS + seq, so newest complaint first) and
                            // stop at the page's end, instead of collecting every match of a
                            // common word.
                            walk = Some(format!(" AND personal_search MATCH {p}{not_mine}"));
                        } else {
                            main.push_str(&format!(
                                "{not_mine} AND id IN (SELECT rowid / {SEARCH_SEQS} \
                                 FROM personal_search WHERE personal_search MATCH {p})"
                            ));
                        }
                    }
                    Backend::Postgres => {
                        let p = arg(Arg::Text(text.to_owned()), &mut args);
                        own = Some(format!(
                            " AND concerns = {me} AND EXISTS (SELECT 1 FROM personal_data p \
                             WHERE p.complaint_id = complaints.id \
                             AND p.involved_search @@ plainto_tsquery('dutch', {p}))"
                        ));
                        main.push_str(&format!(
                            "{not_mine} AND id IN (SELECT complaint_id FROM personal_data \
                             WHERE search @@ plainto_tsquery('dutch', {p}))"
                        ));
                    }
                }
            }
        }
        match (sort, after) {
            (Sort::Newest, Some(Cursor::Newest { id })) => {
                let p = arg(Arg::Int(*id), &mut args);
                sql.push_str(&format!(" AND id < {p}"));
            }
            (Sort::NextDue, Some(Cursor::NextDue { due, id })) => {
                let due = due.parse().map_err(|_| StoreError::Invalid {
                    field: "after".into(),
                    message: "the cursor's day is not a date".into(),
                })?;
                let d = arg(Arg::Day(due), &mut args);
                let i = arg(Arg::Int(*id), &mut args);
                sql.push_str(&format!(
                    " AND (next_due > {d} OR (next_due = {d} AND id > {i}))"
                ));
            }
            (_, Some(_)) => {
                return Err(StoreError::Invalid {
                    field: "after".into(),
                    message: "the cursor belongs to another sort order".into(),
                });
            }
            (_, None) => {}
        }
        let limit = limit.clamp(1, 500);
        let wanted = usize::try_from(limit).unwrap_or(usize::MAX);
        if let (Some(walk), Some(own)) = (&walk, &own) {
            return self
                .list_streamed(&sql, walk, own, args, after, wanted)
                .await;
        }
        let order = match sort {
            Sort::Newest => " ORDER BY id DESC",
            // `next_due IS NOT NULL` is already required above (by_deadline).
            Sort::NextDue => " ORDER BY next_due, id",
        };
        // Open complaints, newest first, for whoever sees them all (the dashboard's "open",
        // what waits for the coordinator): walked from the newest down in the index of the open
        // ones, and stopped at the page's end. SQLite's planner, which counts rows per status
        // but not the LIMIT, would rather sort every open complaint of another index. Not for
        // one handler's or one severity's: their own indexes (handler, id) and (severity, id)
        // walk fewer rows, also past a burst of new complaints that have neither yet.
        let walk_open = open
            && scope.all
            && sort == Sort::Newest
            && filter.handler.is_none()
            && filter.severity.is_none()
            && main.is_empty()
            && own.is_none();
        let table = if !walk_open {
            "complaints".to_owned()
        } else if filter.sensitive == Some(true) {
            format!(
                "complaints{}",
                dialect::indexed_by("complaints_open_sensitive")
            )
        } else {
            format!("complaints{}", dialect::indexed_by("complaints_open"))
        };
        let p = arg(Arg::Int(i64::from(limit) + 1), &mut args);
        let mut found = Vec::new();
        for condition in std::iter::once(&main).chain(own.as_ref()) {
            let query = format!(
                "SELECT {LIST_COLUMNS} FROM {table} WHERE 1 = 1{sql}{condition}{order} LIMIT {p}"
            );
            for r in super::bind_all(sqlx::query(sqlx::AssertSqlSafe(query)), args.clone())
                .fetch_all(&self.read)
                .await?
            {
                found.push(read_item(&r, sort)?);
            }
        }
        Ok(page_of(found, wanted))
    }

    /// A page of a full-text search, newest first, on SQLite: the matches come from the index in
    /// descending rowid, joined to their complaint, a batch at a time; a complaint that matches
    /// in several of its texts comes once. `conditions` apply to every complaint, `walk` to
    /// those of the index walked, and `involved` finds the complaints about the searcher in
    /// their own index (K3); the two are merged, newest first.
    async fn list_streamed(
        &self,
        conditions: &str,
        walk: &str,
        involved: &str,
        mut args: Vec<Arg>,
        after: Option<&Cursor>,
        wanted: usize,
    ) -> Result<Page, StoreError> {
        let below = args.len();
        let mut found: Vec<(ListItem, Cursor)> = Vec::new();
        // The complaints about the searcher: few, so all of this page's at once.
        let own = format!(
            "SELECT {LIST_COLUMNS} FROM complaints WHERE 1 = 1{conditions}{involved} \
             ORDER BY id DESC LIMIT {}",
            wanted + 1
        );
        for r in super::bind_all(sqlx::query(sqlx::AssertSqlSafe(own)), args.clone())
            .fetch_all(&self.read)
            .await?
        {
            found.push(read_item(&r, Sort::Newest)?);
        }
        let columns: Vec<String> = LIST_COLUMNS.split(", ").map(|c| format!("c.{c}")).collect();
        let start = match after {
            Some(Cursor::Newest { id }) => id.saturating_mul(SEARCH_SEQS),
            _ => i64::MAX,
        };
        args.push(Arg::Int(start));
        let batch = (wanted + 1) * 2;
        args.push(Arg::Int(i64::try_from(batch).unwrap_or(i64::MAX)));
        let sql = format!(
            "SELECT {}, s.rowid FROM personal_search s CROSS JOIN complaints c \
             ON c.id = s.rowid / {SEARCH_SEQS} WHERE 1 = 1{conditions}{walk} AND s.rowid < ${} \
             ORDER BY s.rowid DESC LIMIT ${}",
            columns.join(", "),
            below + 1,
            below + 2
        );
        let mut walked = 0;
        let mut seen: Option<i64> = None;
        loop {
            let rows = super::bind_all(sqlx::query(sqlx::AssertSqlSafe(sql.clone())), args.clone())
                .fetch_all(&self.read)
                .await?;
            let exhausted = rows.len() < batch;
            let mut lowest = None;
            for r in &rows {
                lowest = Some(r.try_get::<i64, _>(14)?);
                let id: i64 = r.try_get(0)?;
                if seen == Some(id) {
                    continue;
                }
                seen = Some(id);
                found.push(read_item(r, Sort::Newest)?);
                walked += 1;
            }
            match lowest {
                Some(l) if !exhausted && walked <= wanted => match args.get_mut(below) {
                    Some(arg) => *arg = Arg::Int(l),
                    None => break,
                },
                _ => break,
            }
        }
        Ok(page_of(found, wanted))
    }
}

/// The first `wanted` of items found by up to two queries (the two sets do not overlap), in the
/// order of their cursors, and where the next page starts.
fn page_of(mut found: Vec<(ListItem, Cursor)>, wanted: usize) -> Page {
    found.sort_by(|(_, a), (_, b)| match (a, b) {
        (Cursor::Newest { id: a }, Cursor::Newest { id: b }) => b.cmp(a),
        (Cursor::NextDue { due: da, id: a }, Cursor::NextDue { due: db, id: b }) => {
            (da, a).cmp(&(db, b))
        }
        _ => std::cmp::Ordering::Equal,
    });
    let more = found.len() > wanted;
    found.truncate(wanted);
    let next = if more {
        found.last().map(|(_, c)| c.clone())
    } else {
        None
    };
    Page {
        items: found.into_iter().map(|(item, _)| item).collect(),
        next,
    }
}

/// The columns of a list item, in the order [`read_item`] reads them.
const LIST_COLUMNS: &str = "id, reference, status, channel, received_at, next_due, handler, concerns, \
     categories, severity, sensitive, escalation, outcome, deadlines";

/// A user's search words as an FTS5 query: each word quoted (so no operator injection) and
/// matched as a prefix; all words must occur.
fn fts5_query(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    if words.is_empty() {
        "\"\"".into()
    } else {
        words.join(" ")
    }
}

pub(crate) fn read_event(r: &DbRow) -> Result<StoredEvent, StoreError> {
    let seq: i64 = r.try_get(0)?;
    let at = r.try_get::<Ts, _>(1)?.0;
    let actor_type: String = r.try_get(2)?;
    let actor = actor_from(&actor_type, r.try_get(3)?)?;
    let body: String = r.try_get(4)?;
    let data: Option<String> = r.try_get(5)?;
    let mut body: Value = serde_json::from_str(&body)
        .map_err(|e| StoreError::Corrupt(format!("event {seq}: {e}")))?;
    let pii: Option<Vec<Value>> = data
        .map(|d| serde_json::from_str(&d))
        .transpose()
        .map_err(|e| StoreError::Corrupt(format!("personal data of event {seq}: {e}")))?;
    personal::join(&mut body, pii.as_deref());
    let body: EventBody = serde_json::from_value(body)
        .map_err(|e| StoreError::Corrupt(format!("event {seq}: {e}")))?;
    Ok(StoredEvent {
        seq,
        event: Event { at, actor, body },
    })
}

fn read_item(r: &DbRow, sort: Sort) -> Result<(ListItem, Cursor), StoreError> {
    let id: i64 = r.try_get(0)?;
    let reference: String = r.try_get(1)?;
    let status: String = r.try_get(2)?;
    let channel: String = r.try_get(3)?;
    let next_due = r.try_get::<Option<Day>, _>(5)?.map(|d| d.0);
    let categories = r.try_get::<Json, _>(8)?.0;
    let deadlines = r.try_get::<Json, _>(13)?.0;
    let bad = |what: &str| StoreError::Corrupt(format!("complaint {id}: {what}"));
    let item = ListItem {
        reference: Reference::parse(&reference).ok_or_else(|| bad("reference"))?,
        status: Status::parse(&status).ok_or_else(|| bad("status"))?,
        channel: Channel::parse(&channel).ok_or_else(|| bad("channel"))?,
        received_at: r.try_get::<Ts, _>(4)?.0,
        next_due,
        handler: r.try_get::<Option<i64>, _>(6)?.map(UserId),
        concerns: r.try_get::<Option<i64>, _>(7)?.map(UserId),
        categories: serde_json::from_str(&categories).map_err(|_| bad("categories"))?,
        severity: r.try_get(9)?,
        sensitive: r.try_get::<Flag, _>(10)?.0,
        escalation: r.try_get(11)?,
        outcome: r.try_get(12)?,
        deadlines: serde_json::from_str(&deadlines).map_err(|_| bad("deadlines"))?,
    };
    let cursor = match sort {
        Sort::Newest => Cursor::Newest { id },
        Sort::NextDue => Cursor::NextDue {
            due: next_due.map(|d| d.to_string()).unwrap_or_default(),
            id,
        },
    };
    Ok((item, cursor))
}

/// What an `anonymised` event takes with it, in its own transaction (K8, T10): every personal
/// value of the complaint's events and their search entries, its letters' and notices' mail
/// (addresses, subjects, texts, delivery errors; mail not sent yet is not sent any more), and
/// its status links. The skeleton, the projection and the chain stay: `klacht verify` still
/// passes, the reports count the same. The documents' files and `.eml` copies are the
/// application's to remove once this is committed.
async fn erase_personal_data(tx: &mut Tx<'_>, id: i64, at: Timestamp) -> Result<(), StoreError> {
    if dialect::BACKEND == Backend::Sqlite {
        let first = search_rowid(id, 0)?;
        let last = first + (SEARCH_SEQS - 1);
        for index in ["personal_search", "involved_search"] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {index} WHERE rowid BETWEEN $1 AND $2"
            )))
            .bind(first)
            .bind(last)
            .execute(&mut **tx)
            .await?;
        }
    }
    sqlx::query("DELETE FROM personal_data WHERE complaint_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "UPDATE outbox SET recipient = NULL, recipient_name = NULL, subject = NULL, body = NULL, \
         last_error = CASE WHEN sent_at IS NULL THEN 'anonymised before it was sent' END, \
         failed_at = CASE WHEN sent_at IS NULL THEN COALESCE(failed_at, $2) ELSE failed_at END, \
         lease_until = NULL \
         WHERE complaint_id = $1",
    )
    .bind(id)
    .bind(Ts(at))
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM status_links WHERE complaint_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A correction of the complainant's details (AVG art. 16) rewrites the registration's
/// personal data with it, in the step's transaction: the old value is then nowhere but in the
/// chain, as the registration's digest. Its search entries are written anew (SQLite's
/// full-text index keeps the old words until the round's scrub merges it). Returns the
/// digest of the rewritten data, which the `rectified` event records (and the chain covers).
/// (Re)writes the index of what the person complained about sees (K3) for every stored event of
/// complaint `id` that holds personal data.
async fn index_involved(tx: &mut Tx<'_>, id: i64) -> Result<(), StoreError> {
    let rows = sqlx::query(
        "SELECT e.seq, e.at, e.actor_type, e.actor_id, e.body, p.data \
         FROM events e JOIN personal_data p ON p.complaint_id = e.complaint_id AND p.seq = e.seq \
         WHERE e.complaint_id = $1",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    for r in &rows {
        let event = read_event(r)?;
        let text = involved_text(&event.event.body)?;
        match dialect::BACKEND {
            Backend::Sqlite => {
                let rowid = search_rowid(id, event.seq)?;
                sqlx::query("DELETE FROM involved_search WHERE rowid = $1")
                    .bind(rowid)
                    .execute(&mut **tx)
                    .await?;
                if let Some(text) = text {
                    sqlx::query("INSERT INTO involved_search (rowid, text) VALUES ($1, $2)")
                        .bind(rowid)
                        .bind(text)
                        .execute(&mut **tx)
                        .await?;
                }
            }
            Backend::Postgres => {
                sqlx::query(
                    "UPDATE personal_data SET involved_text = $1 WHERE complaint_id = $2 AND seq = $3",
                )
                .bind(text)
                .bind(id)
                .bind(event.seq)
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    Ok(())
}

async fn rectify_registration(
    tx: &mut Tx<'_>,
    id: i64,
    involved: bool,
    field: klacht_core::subject::Field,
    value: &str,
) -> Result<String, StoreError> {
    let row = sqlx::query(
        "SELECT e.body, p.salt, p.data FROM events e \
         JOIN personal_data p ON p.complaint_id = e.complaint_id AND p.seq = e.seq \
         WHERE e.complaint_id = $1 AND e.seq = 1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| StoreError::Corrupt(format!("complaint {id}: no registration to correct")))?;
    let skeleton: String = row.try_get(0)?;
    let salt: String = row.try_get(1)?;
    let data: String = row.try_get(2)?;
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(format!("complaint {id}: {e}"));
    let stored: Value = serde_json::from_str(&skeleton).map_err(corrupt)?;
    let mut body = stored.clone();
    let pii: Vec<Value> = serde_json::from_str(&data).map_err(corrupt)?;
    personal::join(&mut body, Some(&pii));
    let EventBody::Registered(mut registered) =
        serde_json::from_value::<EventBody>(body).map_err(corrupt)?
    else {
        return Err(StoreError::Corrupt(format!(
            "complaint {id}: its first event is not the registration"
        )));
    };
    klacht_core::subject::correct(
        &mut registered.complainant,
        &mut registered.on_behalf_of,
        field,
        value,
    )
    .map_err(|r| StoreError::Corrupt(format!("complaint {id}: correction refused: {r}")))?;
    let corrected = EventBody::Registered(registered);
    let mut body = serde_json::to_value(&corrected).map_err(corrupt)?;
    let pii = personal::split(&mut body);
    if body != stored {
        // The chain covers the skeleton: a correction may change personal values only.
        return Err(StoreError::Corrupt(format!(
            "complaint {id}: the correction would change the registration's skeleton"
        )));
    }
    let data = Value::Array(pii.clone()).to_string();
    let mut search = String::new();
    pii.iter().for_each(|v| texts(v, &mut search));
    let involved = if involved {
        involved_text(&corrected)?
    } else {
        None
    };
    match dialect::BACKEND {
        Backend::Sqlite => {
            sqlx::query("UPDATE personal_data SET data = $1 WHERE complaint_id = $2 AND seq = 1")
                .bind(&data)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            let rowid = search_rowid(id, 1)?;
            for (index, text) in [
                ("personal_search", Some(search)),
                ("involved_search", involved),
            ] {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DELETE FROM {index} WHERE rowid = $1"
                )))
                .bind(rowid)
                .execute(&mut **tx)
                .await?;
                if let Some(text) = text {
                    sqlx::query(sqlx::AssertSqlSafe(format!(
                        "INSERT INTO {index} (rowid, text) VALUES ($1, $2)"
                    )))
                    .bind(rowid)
                    .bind(text)
                    .execute(&mut **tx)
                    .await?;
                }
            }
        }
        Backend::Postgres => {
            sqlx::query(
                "UPDATE personal_data SET data = $1, search_text = $2, involved_text = $3 \
                 WHERE complaint_id = $4 AND seq = 1",
            )
            .bind(&data)
            .bind(search)
            .bind(involved)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(chain::pii_digest(&salt, &data))
}
