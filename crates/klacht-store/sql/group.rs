//! Group commit. A complaint is only acknowledged (`201`) once it is on disk, and a dossier is
//! only shown once its reading is logged (K8); an fsync costs the same for one row as for a
//! hundred. So new complaints and read-log entries go to one writer task: it takes everything
//! that arrived while the previous group was being written and stores it in one transaction,
//! with multi-row INSERTs and one commit, then answers each caller. Under load the groups grow by
//! themselves; a lone request is written at once, without waiting.
//!
//! If a group fails (say one complaint's follow-up cannot be made), each of its parts is tried
//! again on its own, so one bad complaint never takes others down with it.

use super::bulk::Insert;
use super::complaints::insert_records;
use super::{Arg, Pool};
use klacht_store::*;

use jiff::Timestamp;
use klacht_core::procedure::Complaint;
use klacht_core::{Reference, UserId};
use tokio::sync::{mpsc, oneshot};

/// What follows from a new complaint once its reference is known; see
/// [`crate::Store::create_complaint_with`].
pub(crate) type Follow =
    Box<dyn FnMut(&Reference, &Complaint) -> Result<FollowUp, StoreError> + Send>;

type Reply<T> = oneshot::Sender<Result<T, StoreError>>;

enum Job {
    Create {
        rec: Box<NewRecord>,
        follow: Follow,
        reply: Reply<(i64, Reference)>,
    },
    Read {
        read: Read,
        reply: Reply<()>,
    },
}

/// Someone opened a dossier.
#[derive(Debug, Clone, Copy)]
struct Read {
    complaint: i64,
    user: UserId,
    at: Timestamp,
}

/// Complaints per transaction at most: enough to amortise the fsync, small enough that one
/// transaction stays short.
const MAX_GROUP: usize = 256;

/// The way to the writer task.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    jobs: mpsc::Sender<Job>,
    write: Pool,
}

impl Group {
    /// Starts the writer task on the current runtime.
    pub(crate) fn start(write: Pool) -> Group {
        let (jobs, rx) = mpsc::channel(4 * MAX_GROUP);
        tokio::spawn(run(rx, write.clone()));
        Group { jobs, write }
    }

    /// Stores one new complaint with the next group.
    pub(crate) async fn create(
        &self,
        rec: NewRecord,
        follow: Follow,
    ) -> Result<(i64, Reference), StoreError> {
        let (reply, answer) = oneshot::channel();
        match self
            .jobs
            .send(Job::Create {
                rec: Box::new(rec),
                follow,
                reply,
            })
            .await
        {
            Ok(()) => answer.await.map_err(|_| stopped())?,
            // The writer is gone (its runtime ended, as between tests): write directly.
            Err(mpsc::error::SendError(Job::Create {
                rec, mut follow, ..
            })) => one(&self.write, &rec, &mut follow).await,
            Err(_) => Err(stopped()),
        }
    }

    /// Logs that `user` opened dossier `complaint`, with the next group.
    pub(crate) async fn log_read(
        &self,
        complaint: i64,
        user: UserId,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let (reply, answer) = oneshot::channel();
        let read = Read {
            complaint,
            user,
            at,
        };
        match self.jobs.send(Job::Read { read, reply }).await {
            Ok(()) => answer.await.map_err(|_| stopped())?,
            Err(mpsc::error::SendError(Job::Read { read, .. })) => {
                read_alone(&self.write, read).await
            }
            Err(_) => Err(stopped()),
        }
    }
}

fn stopped() -> StoreError {
    StoreError::Config("the store's writer stopped".into())
}

fn reads(list: Vec<Read>) -> Result<Insert, StoreError> {
    let mut rows = Insert::new(
        "INSERT INTO dossier_reads (complaint_id, user_id, at)",
        3,
        "",
    );
    for r in list {
        rows.push([Arg::Int(r.complaint), Arg::Int(r.user.0), Arg::Ts(r.at)])?;
    }
    Ok(rows)
}

/// Logs one reading in a transaction of its own.
async fn read_alone(write: &Pool, read: Read) -> Result<(), StoreError> {
    let mut tx = write.begin().await?;
    reads(vec![read])?.run(&mut tx).await?;
    tx.commit().await?;
    Ok(())
}

async fn run(mut rx: mpsc::Receiver<Job>, write: Pool) {
    let mut jobs = Vec::with_capacity(MAX_GROUP);
    while rx.recv_many(&mut jobs, MAX_GROUP).await > 0 {
        commit(&write, std::mem::take(&mut jobs)).await;
    }
}

async fn commit(write: &Pool, jobs: Vec<Job>) {
    if jobs.len() > 1 {
        let mut creates = Vec::new();
        let mut read_jobs = Vec::new();
        for job in jobs {
            match job {
                Job::Create { rec, follow, reply } => creates.push((rec, follow, reply)),
                Job::Read { read, reply } => read_jobs.push((read, reply)),
            }
        }
        match together(write, &mut creates, &read_jobs).await {
            Ok(stored) => {
                // A caller may have gone (a dropped request); what it asked is stored.
                for ((_, _, reply), out) in creates.into_iter().zip(stored) {
                    let _ = reply.send(Ok(out));
                }
                for (_, reply) in read_jobs {
                    let _ = reply.send(Ok(()));
                }
                return;
            }
            Err(e) => {
                tracing::warn!(
                    complaints = creates.len(),
                    reads = read_jobs.len(),
                    error = %e,
                    "a group of writes failed; writing each on its own"
                );
                let jobs = creates
                    .into_iter()
                    .map(|(rec, follow, reply)| Job::Create { rec, follow, reply })
                    .chain(
                        read_jobs
                            .into_iter()
                            .map(|(read, reply)| Job::Read { read, reply }),
                    );
                for job in jobs {
                    each(write, job).await;
                }
                return;
            }
        }
    }
    for job in jobs {
        each(write, job).await;
    }
}

/// Writes and answers one job on its own.
async fn each(write: &Pool, job: Job) {
    match job {
        Job::Create {
            rec,
            mut follow,
            reply,
        } => {
            let _ = reply.send(one(write, &rec, &mut follow).await);
        }
        Job::Read { read, reply } => {
            let _ = reply.send(read_alone(write, read).await);
        }
    }
}

type Creates = Vec<(Box<NewRecord>, Follow, Reply<(i64, Reference)>)>;

async fn together(
    write: &Pool,
    creates: &mut Creates,
    read_jobs: &[(Read, Reply<()>)],
) -> Result<Vec<(i64, Reference)>, StoreError> {
    let recs = creates
        .iter_mut()
        .map(|(rec, follow, _)| (NewRecord::clone(rec), follow))
        .collect();
    let mut tx = write.begin().await?;
    let out = insert_records(&mut tx, recs).await?;
    reads(read_jobs.iter().map(|(r, _)| *r).collect())?
        .run(&mut tx)
        .await?;
    tx.commit().await?;
    Ok(out)
}

async fn one(
    write: &Pool,
    rec: &NewRecord,
    follow: &mut Follow,
) -> Result<(i64, Reference), StoreError> {
    let mut tx = write.begin().await?;
    let out = insert_records(&mut tx, vec![(rec.clone(), follow)]).await?;
    tx.commit().await?;
    out.into_iter()
        .next()
        .ok_or_else(|| StoreError::Corrupt("a new complaint was not stored".into()))
}
