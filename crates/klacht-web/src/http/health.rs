//! What `/readyz` reports besides the database: whether the background jobs (mail delivery,
//! deadlines and reminders) are running. A job that panicked or stopped is restarted by its
//! supervisor (in the binary); until it runs again, and when it has not reported a round for
//! much longer than its rounds take, this instance is not ready.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
struct Job {
    running: bool,
    /// The last round the job reported.
    beat: Instant,
    /// How long without a round before the job counts as hung.
    silent_after: Duration,
    restarts: u32,
    last_failure: Option<String>,
}

/// The background jobs of this instance.
#[derive(Debug, Default)]
pub struct Jobs {
    jobs: Mutex<BTreeMap<&'static str, Job>>,
}

/// How one job stands, for the log and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobStatus {
    pub running: bool,
    pub restarts: u32,
    pub last_failure: Option<String>,
}

impl Jobs {
    fn with<T>(&self, f: impl FnOnce(&mut BTreeMap<&'static str, Job>) -> T) -> T {
        let mut jobs = self
            .jobs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut jobs)
    }

    /// `name` (re)starts; it reports a round at least every `silent_after`.
    pub fn started(&self, name: &'static str, silent_after: Duration) {
        self.with(|jobs| {
            let job = jobs.entry(name).or_insert(Job {
                running: false,
                beat: Instant::now(),
                silent_after,
                restarts: 0,
                last_failure: None,
            });
            job.running = true;
            job.beat = Instant::now();
            job.silent_after = silent_after;
        });
    }

    /// `name` finished a round.
    pub fn beat(&self, name: &'static str) {
        self.with(|jobs| {
            if let Some(job) = jobs.get_mut(name) {
                job.beat = Instant::now();
            }
        });
    }

    /// `name` stopped unexpectedly (`why`); it is down until it starts again.
    pub fn failed(&self, name: &'static str, why: String) {
        self.with(|jobs| {
            if let Some(job) = jobs.get_mut(name) {
                job.running = false;
                job.restarts += 1;
                job.last_failure = Some(why);
            }
        });
    }

    pub fn status(&self, name: &str) -> Option<JobStatus> {
        self.with(|jobs| {
            jobs.get(name).map(|j| JobStatus {
                running: j.running,
                restarts: j.restarts,
                last_failure: j.last_failure.clone(),
            })
        })
    }

    /// What is wrong, a line per job that is down or silent; empty when all run.
    pub fn problems(&self) -> Vec<String> {
        self.with(|jobs| {
            jobs.iter()
                .filter_map(|(name, j)| {
                    if !j.running {
                        Some(format!(
                            "background job {name} is down ({}); it is being restarted",
                            j.last_failure.as_deref().unwrap_or("stopped")
                        ))
                    } else if j.beat.elapsed() > j.silent_after {
                        Some(format!(
                            "background job {name} has not finished a round for {} s",
                            j.beat.elapsed().as_secs()
                        ))
                    } else {
                        None
                    }
                })
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_that_failed_is_a_problem_until_it_runs_again() {
        let jobs = Jobs::default();
        jobs.started("mail", Duration::from_secs(60));
        assert!(jobs.problems().is_empty());
        jobs.failed("mail", "panicked: boom".into());
        assert_eq!(
            jobs.problems(),
            ["background job mail is down (panicked: boom); it is being restarted"]
        );
        jobs.started("mail", Duration::from_secs(60));
        assert!(jobs.problems().is_empty());
        assert_eq!(jobs.status("mail").map(|s| s.restarts), Some(1));
    }

    #[test]
    fn a_job_silent_for_longer_than_its_rounds_is_a_problem() {
        let jobs = Jobs::default();
        jobs.started("deadlines", Duration::ZERO);
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(jobs.problems().len(), 1);
        assert!(
            jobs.problems()[0].starts_with("background job deadlines has not finished a round")
        );
    }
}
