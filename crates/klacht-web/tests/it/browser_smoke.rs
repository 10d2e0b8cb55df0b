//! Proves the browser harness (tests/it/support/browser.rs) against a tiny axum
//! server: keyboard-only form use, axe-core finding nothing on an accessible
//! page and the expected violations on a broken one, file upload, screenshots
//! and the mobile viewport.
//!
//! Skipped (passes with a "SKIPPED" line) when Chromium, chromedriver or
//! axe-core is not installed, unless KLACHT_REQUIRE_BROWSER=1.

use crate::support::browser;

use std::collections::HashMap;

use axum::Router;
use axum::extract::Query;
use axum::response::Html;
use axum::routing::get;
use browser::{Browser, axe_violation_ids, format_axe_violations};

const GOOD_PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Submit a complaint</title>
  <style>
    body { font-family: sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; }
    label, input, button { display: block; margin-block: 0.5rem; }
    input { width: 100%; box-sizing: border-box; }
  </style>
</head>
<body>
  <main>
    <h1>Submit a complaint</h1>
    <form method="get" action="/echo">
      <label for="name">Your name</label>
      <input id="name" name="name" type="text" autocomplete="name">
      <button id="send" type="submit">Send</button>
    </form>
    <h2>Attachment</h2>
    <label for="attachment">Choose a file</label>
    <input id="attachment" name="attachment" type="file">
    <p id="chosen" aria-live="polite"></p>
  </main>
  <script>
    document.getElementById("attachment").addEventListener("change", (event) => {
      const file = event.target.files[0];
      document.getElementById("chosen").textContent =
        file ? `${file.name} (${file.size} bytes)` : "";
    });
  </script>
</body>
</html>
"#;

/// An image without a text alternative and a field without a label.
const BAD_PAGE: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Broken</title></head>
<body>
  <main>
    <h1>Broken</h1>
    <img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" width="40" height="40">
    <form><input type="text" name="nameless"></form>
  </main>
</body>
</html>
"#;

fn escape_html(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

async fn echo(Query(query): Query<HashMap<String, String>>) -> Html<String> {
    let name = escape_html(query.get("name").map_or("", String::as_str));
    Html(format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Received</title></head>\
         <body><main><h1>Received</h1><p id=\"echo\">Hello, {name}!</p></main></body></html>"
    ))
}

/// Serves the test pages on 127.0.0.1 (a free port) and returns the base URL.
async fn serve() -> String {
    let app = Router::new()
        .route("/good", get(|| async { Html(GOOD_PAGE) }))
        .route("/bad", get(|| async { Html(BAD_PAGE) }))
        .route("/echo", get(echo));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a local port");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move {
        axum::serve(listener, app)
            .await
            .expect("serve the test pages");
    });
    format!("http://{addr}")
}

#[tokio::test(flavor = "multi_thread")]
async fn keyboard_only_form_submission_on_an_accessible_page() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let base = serve().await;

    browser.goto(&format!("{base}/good")).await;
    assert_eq!(browser.title().await, "Submit a complaint");
    browser.assert_no_axe_violations("the good page").await;

    // Keyboard only: Tab into the field, type, Tab to the button, Enter.
    browser.press_tab().await;
    assert_eq!(
        browser.active_element_attr("id").await.as_deref(),
        Some("name"),
        "the first Tab should focus the name field, not {}",
        browser.active_element_html().await
    );
    browser.type_keys("Zoë O'Brien & <co>").await;
    assert_eq!(
        browser.prop("#name", "value").await.as_deref(),
        Some("Zoë O'Brien & <co>")
    );
    browser.press_tab().await;
    assert_eq!(
        browser.active_element_attr("id").await.as_deref(),
        Some("send")
    );
    browser.press_shift_tab().await;
    assert_eq!(
        browser.active_element_attr("id").await.as_deref(),
        Some("name")
    );
    browser.press_tab().await;
    browser.press_enter().await;

    let url = browser
        .wait_for_url("the echo page", |url| url.contains("/echo?"))
        .await;
    assert!(url.starts_with(&format!("{base}/echo?name=")), "{url}");
    assert_eq!(browser.text("#echo").await, "Hello, Zoë O'Brien & <co>!");
    browser.assert_no_axe_violations("the echo page").await;

    let shot = browser.screenshot("browser_smoke-echo").await;
    let png = std::fs::read(&shot).expect("read the screenshot back");
    assert!(
        png.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is not a PNG",
        shot.display()
    );
    assert_eq!(
        browser.eval("return [innerWidth, innerHeight];").await,
        serde_json::json!([1280, 900])
    );

    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_reports_the_violations_of_a_broken_page() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let base = serve().await;

    browser.goto(&format!("{base}/bad")).await;
    let violations = browser.axe().await;
    let ids = axe_violation_ids(&violations);
    for expected in ["image-alt", "label"] {
        assert!(
            ids.iter().any(|id| id == expected),
            "axe should report {expected}; it reported:\n{}",
            format_axe_violations(&violations)
        );
    }
    let report = format_axe_violations(&violations);
    assert!(report.contains("image-alt [critical]"), "{report}");
    assert!(report.contains("at [\"img\"]: <img src="), "{report}");
    assert!(
        report.contains("at [\"input\"]: <input type=\"text\" name=\"nameless\">"),
        "{report}"
    );

    // The assertion helper fails, naming the rules; the browser is dropped
    // while the panic unwinds, which must still end the session.
    let failed = tokio::spawn(async move {
        browser.assert_no_axe_violations("the bad page").await;
    })
    .await
    .expect_err("assert_no_axe_violations should panic on the bad page");
    let payload = failed.into_panic();
    let message = payload
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_else(|| "(not a string)".to_owned());
    assert!(message.contains("on the bad page"), "{message}");
    assert!(message.contains("- image-alt [critical]"), "{message}");
    assert!(message.contains("- label [critical]"), "{message}");
}

#[tokio::test(flavor = "multi_thread")]
async fn mobile_viewport_and_file_upload() {
    let Some(browser) = Browser::start_mobile().await else {
        return;
    };
    let base = serve().await;

    browser.goto(&format!("{base}/good")).await;
    assert_eq!(
        browser.eval("return [innerWidth, innerHeight];").await,
        serde_json::json!([390, 844])
    );

    let dir = tempfile::tempdir().expect("temporary directory");
    let file = dir.path().join("bewijs.txt");
    std::fs::write(&file, "twaalf bytes").expect("write the upload");
    browser.upload("#attachment", &file).await;
    assert_eq!(browser.text("#chosen").await, "bewijs.txt (12 bytes)");

    browser
        .assert_no_axe_violations("the good page on a phone")
        .await;
    let shot = browser.screenshot("browser_smoke-mobile").await;
    assert!(shot.is_file(), "{}", shot.display());

    browser.close().await;
}
