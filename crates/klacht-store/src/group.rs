//! Group commit. A complaint is only acknowledged (`201`) once it is on disk, and an fsync costs
//! the same for one complaint as for a hundred. So new complaints go to one writer task: it takes
//! every complaint that arrived while the previous group was being written and stores them in
//! one transaction, with multi-row INSERTs and one commit, then answers each caller. Under load
//! the groups grow by themselves; a lone complaint is written at once, without waiting.
//!
//! If a group fails (say one complaint's follow-up cannot be made), each of its complaints is
//! tried again on its own, so one bad complaint never takes others down with it.

use crate::complaints::{NewRecord, insert_records};
use crate::outbox::FollowUp;
use crate::{Backend, StoreError};
use klacht_core::Reference;
use klacht_core::procedure::Complaint;
use sqlx::AnyPool;
use tokio::sync::{mpsc, oneshot};

/// What follows from a new complaint once its reference is known; see
/// [`crate::Store::create_complaint_with`].
pub(crate) type Follow =
    Box<dyn FnMut(&Reference, &Complaint) -> Result<FollowUp, StoreError> + Send>;

type Reply = oneshot::Sender<Result<(i64, Reference), StoreError>>;

struct Job {
    rec: NewRecord,
    follow: Follow,
    reply: Reply,
}

/// Complaints per transaction at most: enough to amortise the fsync, small enough that one
/// transaction stays short.
const MAX_GROUP: usize = 256;

/// The way to the writer task.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    jobs: mpsc::Sender<Job>,
    write: AnyPool,
    backend: Backend,
}

impl Group {
    /// Starts the writer task on the current runtime.
    pub(crate) fn start(write: AnyPool, backend: Backend) -> Group {
        let (jobs, rx) = mpsc::channel(4 * MAX_GROUP);
        tokio::spawn(run(rx, write.clone(), backend));
        Group {
            jobs,
            write,
            backend,
        }
    }

    /// Stores one new complaint with the next group.
    pub(crate) async fn create(
        &self,
        rec: NewRecord,
        follow: Follow,
    ) -> Result<(i64, Reference), StoreError> {
        let (reply, answer) = oneshot::channel();
        match self.jobs.send(Job { rec, follow, reply }).await {
            Ok(()) => answer
                .await
                .map_err(|_| StoreError::Config("the store's writer stopped".into()))?,
            // The writer is gone (its runtime ended, as between tests): write directly.
            Err(mpsc::error::SendError(mut job)) => {
                one(&self.write, self.backend, &job.rec, &mut job.follow).await
            }
        }
    }
}

async fn run(mut rx: mpsc::Receiver<Job>, write: AnyPool, backend: Backend) {
    let mut jobs = Vec::with_capacity(MAX_GROUP);
    while rx.recv_many(&mut jobs, MAX_GROUP).await > 0 {
        commit(&write, backend, std::mem::take(&mut jobs)).await;
    }
}

async fn commit(write: &AnyPool, backend: Backend, mut jobs: Vec<Job>) {
    if jobs.len() > 1 {
        match together(write, backend, &mut jobs).await {
            Ok(stored) => {
                for (job, out) in jobs.into_iter().zip(stored) {
                    // The caller may have gone (a dropped request); the complaint is stored.
                    let _ = job.reply.send(Ok(out));
                }
                return;
            }
            Err(e) => tracing::warn!(
                complaints = jobs.len(),
                error = %e,
                "a group of new complaints failed; storing each on its own"
            ),
        }
    }
    for mut job in jobs {
        let out = one(write, backend, &job.rec, &mut job.follow).await;
        let _ = job.reply.send(out);
    }
}

async fn together(
    write: &AnyPool,
    backend: Backend,
    jobs: &mut [Job],
) -> Result<Vec<(i64, Reference)>, StoreError> {
    let recs = jobs
        .iter_mut()
        .map(|j| (j.rec.clone(), &mut j.follow))
        .collect();
    let mut tx = write.begin().await?;
    let out = insert_records(backend, &mut tx, recs).await?;
    tx.commit().await?;
    Ok(out)
}

async fn one(
    write: &AnyPool,
    backend: Backend,
    rec: &NewRecord,
    follow: &mut Follow,
) -> Result<(i64, Reference), StoreError> {
    let mut tx = write.begin().await?;
    let out = insert_records(backend, &mut tx, vec![(rec.clone(), follow)]).await?;
    tx.commit().await?;
    out.into_iter()
        .next()
        .ok_or_else(|| StoreError::Corrupt("a new complaint was not stored".into()))
}
