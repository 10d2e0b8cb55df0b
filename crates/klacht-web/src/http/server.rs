//! The HTTP server around the router, and what every request gets whatever its route.
//!
//! Slow clients: a connection that takes longer than `settings.header_timeout` to send a request's
//! header is closed (hyper's header read timeout, which also runs while a kept-alive connection
//! waits for its next request: an idle connection is closed after the same time). A request body
//! must arrive within `settings.body_timeout`, extended by a second for every
//! `settings.body_min_rate` bytes received, so that a large upload over a slow line goes through
//! while a body trickled a few bytes at a time is cut off (answered 408, connection closed).
//!
//! [`serve`] is the one way the application is served: by `klacht serve` and by the tests.

use crate::http::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::connect_info::ConnectInfo;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::serve::Listener;
use http_body::{Frame, SizeHint};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;

/// Serves the application on `listener` until `shutdown` completes; then stops accepting, lets
/// the requests in flight finish and returns.
pub async fn serve<F>(mut listener: TcpListener, state: AppState, shutdown: F)
where
    F: Future<Output = ()> + Send + 'static,
{
    let header_timeout = state.settings.header_timeout;
    let app = crate::router(state);
    // Each connection holds a receiver of `stop` (told to finish) and of `open` (counted, so that
    // shutting down waits until every connection has finished).
    let (stop_tx, stop_rx) = watch::channel(false);
    let (open_tx, open_rx) = watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            // axum's accept: retries by itself on errors of one connection, waits a second when
            // the process is out of file descriptors.
            accepted = Listener::accept(&mut listener) => accepted,
            () = &mut shutdown => break,
        };
        let app = app.clone();
        let mut stop = stop_rx.clone();
        let open = open_rx.clone();
        tokio::spawn(async move {
            let service = tower::service_fn(move |mut request: Request<hyper::body::Incoming>| {
                request.extensions_mut().insert(ConnectInfo(peer));
                app.clone().oneshot(request.map(Body::new))
            });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout);
            let conn =
                builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
            let mut conn = std::pin::pin!(conn);
            let result = tokio::select! {
                result = conn.as_mut() => result,
                // Cloned before the loop ends, so it sees the one change `stop` makes.
                _ = stop.changed() => {
                    conn.as_mut().graceful_shutdown();
                    conn.await
                }
            };
            if let Err(e) = result {
                // A client that was too slow, went away or spoke no HTTP: theirs, not ours.
                tracing::debug!(%peer, error = %e, "connection ended");
            }
            drop(open);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(open_rx);
    open_tx.closed().await;
}

/// How a request body must arrive (from `Settings`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct BodyTiming {
    pub timeout: Duration,
    /// Bytes per second that earn a second more; 0: no more time, however much arrives.
    pub min_rate: u64,
}

/// Gives the request body its deadline; a request whose body did not arrive in time is answered
/// 408 and its connection closed.
pub(crate) async fn body_deadline(
    State(timing): State<BodyTiming>,
    request: Request,
    next: Next,
) -> Response {
    if http_body::Body::size_hint(request.body()).exact() == Some(0) {
        return next.run(request).await;
    }
    let timed_out = Arc::new(AtomicBool::new(false));
    let flag = timed_out.clone();
    let request = request.map(|body| {
        Body::new(DeadlineBody {
            inner: body,
            start: Instant::now(),
            sleep: Box::pin(tokio::time::sleep(timing.timeout)),
            received: 0,
            timing,
            timed_out: flag,
        })
    });
    let api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    // Only a refusal is replaced: a handler that succeeded did not need the rest of the body.
    if !(timed_out.load(Ordering::Relaxed) && response.status().is_client_error()) {
        return response;
    }
    tracing::info!("a request body arrived too slowly and was cut off");
    let mut r = if api {
        crate::http::error::ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "request_timeout",
            "The request arrived too slowly and was cut off; nothing was stored.",
        )
        .nl("Het verzoek kwam te langzaam binnen en is afgebroken; er is niets opgeslagen.")
        .into_response()
    } else {
        (
            StatusCode::REQUEST_TIMEOUT,
            "Het verzoek kwam te langzaam binnen en is afgebroken; er is niets opgeslagen. Probeer het opnieuw.\n\
             The request arrived too slowly and was cut off; nothing was stored. Please try again.\n",
        )
            .into_response()
    };
    r.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    r
}

/// The body of a request, failing once its deadline has passed.
struct DeadlineBody {
    inner: Body,
    start: Instant,
    sleep: Pin<Box<Sleep>>,
    received: u64,
    timing: BodyTiming,
    timed_out: Arc<AtomicBool>,
}

/// The error a body reader sees when the body came too slowly.
#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive in time")]
struct TooSlow;

impl http_body::Body for DeadlineBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref()
                    && this.timing.min_rate > 0
                {
                    this.received = this
                        .received
                        .saturating_add(u64::try_from(data.len()).unwrap_or(u64::MAX));
                    let earned = Duration::from_secs(this.received / this.timing.min_rate);
                    // Beyond what a clock can hold there is no deadline to move.
                    if let Some(deadline) = this
                        .start
                        .checked_add(this.timing.timeout.saturating_add(earned))
                    {
                        this.sleep.as_mut().reset(deadline);
                    }
                }
                return Poll::Ready(Some(Ok(frame)));
            }
            Poll::Ready(end) => return Poll::Ready(end),
            Poll::Pending => {}
        }
        if this.sleep.as_mut().poll(cx).is_ready() {
            this.timed_out.store(true, Ordering::Relaxed);
            return Poll::Ready(Some(Err(axum::Error::new(TooSlow))));
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Headers every response gets, whatever produced it (one layer, not per handler):
///
/// - `X-Content-Type-Options: nosniff`: a browser takes a response for what it says it is;
/// - `Strict-Transport-Security` when the public address is `https://` (over plain http a
///   browser ignores it, and it would pin a site that has no certificate);
/// - `Cache-Control: no-store` on the JSON API (its answers carry personal data; the OpenAPI
///   description excepted) and the back office.
pub(crate) async fn response_headers(
    State(https): State<bool>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let private = (path.starts_with("/api/") && path != "/api/v1/openapi.json")
        || path == "/beheer"
        || path.starts_with("/beheer/");
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if private {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Whether the site is reached over https (from its public address).
pub(crate) fn is_https(public_url: &str) -> bool {
    public_url
        .get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
}
