//! Whether this instance can do its work: the database commits a write and the documents
//! directory takes a file. A full disk or a read-only database is not ready, though reads work.

use crate::App;

/// What keeps this instance from taking work, a line each; empty when nothing does. Each
/// problem is logged with its cause.
pub async fn write_problems(app: &App) -> Vec<&'static str> {
    let mut problems = Vec::new();
    if let Err(e) = app.store.check_writable(app.clock.now()).await {
        tracing::warn!(error = %e, "not ready: the database does not take a write");
        problems.push("the database does not take a write");
    }
    if let Err(e) = crate::documents::probe_space(&app.documents).await {
        tracing::warn!(error = %e, "not ready: the documents directory does not take a write");
        problems.push("the data directory does not take a write");
    }
    problems
}
