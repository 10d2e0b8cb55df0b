//! What every connection and response gets, over a real socket: slow clients are cut off (a
//! header sent half, a body trickled, a kept-alive connection left idle), while a slow but steady
//! upload goes through; and the security and caching headers.

use crate::support::app;

use app::TestApp;
use klacht_core::Role;
use klacht_web::Settings;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const NOW: &str = "2026-05-04T09:00:00+02:00";

async fn start(public_url: app::PublicUrl, settings: impl FnOnce(&mut Settings)) -> TestApp {
    let source = klacht_core::profile::builtin_source("template").unwrap();
    let profile = klacht_core::profile::parse(source).unwrap();
    app::start(source, profile, NOW.parse().unwrap(), public_url, settings).await
}

async fn connect(app: &TestApp) -> TcpStream {
    TcpStream::connect(app.base.strip_prefix("http://").unwrap())
        .await
        .unwrap()
}

/// Reads until the server closes the connection (at most `limit`); returns what it sent and
/// when it closed, or `None` when it was still open at the limit.
async fn until_closed(stream: &mut TcpStream, limit: Duration) -> Option<(String, Instant)> {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => {
                return Some((String::from_utf8_lossy(&got).into_owned(), Instant::now()));
            }
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
}

#[tokio::test]
async fn a_client_that_sends_half_a_header_line_is_disconnected_within_the_header_timeout() {
    let app = start(app::PublicUrl::Test, |s| {
        s.header_timeout = Duration::from_millis(500);
    })
    .await;
    let mut stream = connect(&app).await;
    let sent = Instant::now();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: klacht.te")
        .await
        .unwrap();
    let (_, closed) = until_closed(&mut stream, Duration::from_secs(5))
        .await
        .expect("the server closes the connection");
    let took = closed - sent;
    assert!(
        took >= Duration::from_millis(400) && took < Duration::from_secs(2),
        "{took:?}"
    );
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed_after_the_header_timeout() {
    let app = start(app::PublicUrl::Test, |s| {
        s.header_timeout = Duration::from_millis(500);
    })
    .await;
    let mut stream = connect(&app).await;
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: klacht.test\r\n\r\n")
        .await
        .unwrap();
    let answered = Instant::now();
    let (got, closed) = until_closed(&mut stream, Duration::from_secs(5))
        .await
        .expect("the idle connection is closed");
    assert!(got.starts_with("HTTP/1.1 200 OK\r\n"), "{got}");
    assert!(got.ends_with("\r\n\r\nok"), "{got}");
    assert!(
        closed - answered < Duration::from_secs(2),
        "{:?}",
        closed - answered
    );
}

/// A complaint as JSON, `size` bytes long (padded with spaces, which JSON allows).
fn complaint_json(size: usize) -> Vec<u8> {
    let mut body = br#"{"name":"Jan Jansen","email":"jan@example.nl","description":"Traag.","privacy_accepted":true}"#.to_vec();
    body.resize(size, b' ');
    body
}

fn post_head(len: usize) -> String {
    format!(
        "POST /api/v1/public/complaints HTTP/1.1\r\nHost: klacht.test\r\n\
         Content-Type: application/json\r\nContent-Length: {len}\r\n\r\n"
    )
}

#[tokio::test]
async fn a_client_that_trickles_a_body_is_cut_off_with_408_and_nothing_is_stored() {
    let app = start(app::PublicUrl::Test, |s| {
        s.body_timeout = Duration::from_secs(1);
        s.body_min_rate = 1000;
    })
    .await;
    let body = complaint_json(2000);
    let mut stream = connect(&app).await;
    stream
        .write_all(post_head(body.len()).as_bytes())
        .await
        .unwrap();
    let started = Instant::now();
    // Ten bytes every 100 ms: 100 bytes a second, far under the 1000 that earn more time.
    let (mut reader, mut writer) = stream.into_split();
    let trickle = tokio::spawn(async move {
        for chunk in body.chunks(10) {
            if writer.write_all(chunk).await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    });
    let mut got = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), reader.read_to_end(&mut got)).await;
    let took = started.elapsed();
    trickle.abort();
    assert!(read.is_ok(), "the server closes the connection");
    let got = String::from_utf8_lossy(&got);
    assert!(got.starts_with("HTTP/1.1 408 Request Timeout\r\n"), "{got}");
    assert!(got.contains("connection: close\r\n"), "{got}");
    assert!(got.contains("\"error\":\"request_timeout\""), "{got}");
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(3),
        "{took:?}"
    );
    let first = klacht_core::Reference::new(2026, 1);
    assert!(app.store.load(&first).await.unwrap().is_none());
}

#[tokio::test]
async fn a_slow_but_steady_body_earns_time_and_goes_through() {
    let app = start(app::PublicUrl::Test, |s| {
        s.body_timeout = Duration::from_secs(1);
        s.body_min_rate = 1000;
    })
    .await;
    // 6 kB at 3 kB a second: two seconds, longer than the bare timeout, yet on pace.
    let body = complaint_json(6000);
    let mut stream = connect(&app).await;
    stream
        .write_all(post_head(body.len()).as_bytes())
        .await
        .unwrap();
    for chunk in body.chunks(300) {
        stream.write_all(chunk).await.unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut buf = vec![0u8; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut buf))
        .await
        .unwrap()
        .unwrap();
    let got = String::from_utf8_lossy(&buf[..n]);
    assert!(got.starts_with("HTTP/1.1 201 Created\r\n"), "{got}");
}

async fn get(app: &TestApp, path: &str, token: Option<&str>) -> reqwest::Response {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut r = client.get(format!("{}{path}", app.base));
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    r.send().await.unwrap()
}

#[tokio::test]
async fn personal_data_is_never_cached_and_no_answer_is_sniffed() {
    let app = start(app::PublicUrl::Test, |_| {}).await;
    let token = app::staff_token(&app.store, "c@x.nl", "Carla", &[Role::Coordinator]).await;
    for (path, token, status, no_store) in [
        ("/api/v1/complaints", Some(token.as_str()), 200, true),
        ("/api/v1/complaints", None, 401, true),
        (
            "/api/v1/complaints/2026-0999",
            Some(token.as_str()),
            404,
            true,
        ),
        ("/api/v1/nothing-here", None, 404, true),
        ("/api/v1/openapi.json", None, 200, false),
        ("/beheer", None, 303, true),
        ("/beheer/inloggen", None, 200, true),
        ("/healthz", None, 200, false),
        ("/static/site.css", None, 200, false),
        ("/", None, 200, true),
    ] {
        let r = get(&app, path, token).await;
        assert_eq!(r.status().as_u16(), status, "{path}");
        let h = r.headers();
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        if no_store {
            assert_eq!(h["cache-control"], "no-store", "{path}");
        } else {
            assert_ne!(
                h.get("cache-control").map(|v| v.to_str().unwrap()),
                Some("no-store"),
                "{path}"
            );
        }
        assert!(
            h.get("strict-transport-security").is_none(),
            "no HSTS over http: {path}"
        );
    }
}

#[tokio::test]
async fn hsts_is_sent_when_the_public_address_is_https() {
    let app = start(app::PublicUrl::Test, |s| {
        s.public_url = "https://klachten.example.nl".into();
    })
    .await;
    for path in ["/", "/healthz", "/api/v1/openapi.json", "/beheer/inloggen"] {
        let r = get(&app, path, None).await;
        assert_eq!(
            r.headers()["strict-transport-security"],
            "max-age=31536000; includeSubDomains",
            "{path}"
        );
    }
}
