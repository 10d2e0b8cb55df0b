//! `klacht bench-ceiling`: what this machine can do at most, for `scripts/bench.sh` to set the
//! public intake beside. Hidden from `--help`; not for production use.
//!
//! - `http`: the same HTTP stack (tokio, hyper, axum, JSON) answering the public intake route
//!   with `201` after checking the body, without storing anything.
//! - `store`: the rows of public complaints stored without HTTP
//!   ([`klacht_app::bench::store_ceiling`]).

use anyhow::{Context, Result};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use klacht_core::Profile;
use klacht_store_any::Store;
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Deserialize)]
struct Submitted {
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    description: Option<String>,
    privacy_accepted: Option<bool>,
}

/// Serves the intake route answering `201` without storing, until killed.
pub async fn http(listen: &str) -> Result<()> {
    let counter = Arc::new(AtomicU64::new(0));
    let app = Router::new()
        .route("/healthz", get(|| async { StatusCode::OK }))
        .route(
            "/api/v1/public/complaints",
            post(move |Json(c): Json<Submitted>| {
                let counter = counter.clone();
                async move {
                    let filled =
                        |o: &Option<String>| o.as_deref().is_some_and(|s| !s.trim().is_empty());
                    if !filled(&c.name)
                        || !filled(&c.description)
                        || c.privacy_accepted != Some(true)
                        || !(filled(&c.email) || filled(&c.phone))
                    {
                        return (
                            StatusCode::UNPROCESSABLE_ENTITY,
                            Json(json!({"error": "invalid"})),
                        );
                    }
                    let n = counter.fetch_add(1, Ordering::Relaxed) + 1;
                    (
                        StatusCode::CREATED,
                        Json(json!({"reference": format!("2026-{n:06}"), "status": "received"})),
                    )
                }
            }),
        );
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("listening on {listen}"))?;
    axum::serve(listener, app).await?;
    Ok(())
}

/// Stores `count` public complaints from `concurrency` tasks at once; prints one line
/// `BENCH {"complaints":…,"seconds":…,"per_second":…}`.
pub async fn store(
    store: Store,
    profile: Profile,
    source: &str,
    count: u64,
    concurrency: u64,
) -> Result<()> {
    let secs = klacht_app::bench::store_ceiling(&store, profile, source, count, concurrency)
        .await
        .map_err(|e| anyhow::anyhow!(klacht_app::with_sources(&e)))?;
    println!(
        "BENCH {}",
        json!({"complaints": count, "seconds": secs, "per_second": (count as f64 / secs).round()})
    );
    Ok(())
}
