//! A real headless Chromium for klacht-web's integration tests, driven over
//! WebDriver (chromedriver + fantoccini), with axe-core for accessibility checks.
//!
//! Include it from a test file with
//!
//! ```ignore
//! #[path = "support/browser.rs"]
//! mod browser;
//! ```
//!
//! and use one [`Browser`] per test, in a `#[tokio::test(flavor = "multi_thread")]`:
//!
//! ```ignore
//! let Some(browser) = browser::Browser::start().await else { return };
//! browser.goto(&format!("{base}/form")).await;
//! browser.press_tab().await;
//! assert_eq!(browser.active_element_attr("id").await.as_deref(), Some("name"));
//! browser.assert_no_axe_violations("form").await;
//! browser.close().await;
//! ```
//!
//! Every browser has its own chromedriver (on a port chromedriver picks itself)
//! and its own throwaway Chromium profile, so tests in one binary can run in
//! parallel. Helpers panic with a message naming the selector or page instead of
//! returning errors: they are for tests.
//!
//! Needs `/usr/bin/chromium`, `/usr/bin/chromedriver` (Debian packages
//! `chromium` and `chromium-driver`; override the paths with `KLACHT_CHROMIUM`
//! and `KLACHT_CHROMEDRIVER`) and `tests/browser/node_modules/axe-core/axe.min.js`
//! (`npm ci` in `tests/browser`). When one is missing, [`Browser::start`] returns
//! `None` and the test should return early (it then passes as skipped), unless
//! `KLACHT_REQUIRE_BROWSER=1`, when it panics instead.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::wd::{Capabilities, TimeoutConfiguration};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";
const DEFAULT_CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// How long [`Browser::find`] and friends wait for an element or an address to appear. Generous:
/// a wait ends as soon as it is met, and on a loaded two-core CI machine (every test binary's
/// browsers and SQLite's fsyncs at once) a form's answer has been seen to take over 5 s.
const FIND_TIMEOUT: Duration = Duration::from_secs(20);
/// Page loads and scripts (axe included) must finish within this.
const PAGE_LOAD_TIMEOUT: Duration = Duration::from_secs(30);
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(60);
/// chromedriver must report its port within this.
const DRIVER_START_TIMEOUT: Duration = Duration::from_secs(15);

/// The axe rule tags [`Browser::axe`] runs: WCAG 2.0 and 2.1, levels A and AA.
pub const AXE_TAGS: [&str; 4] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// The window the browser opens with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Viewport {
    /// A 1280×900 desktop window.
    Desktop,
    /// A 390×844 phone (Chromium's mobile emulation: touch events,
    /// `<meta name="viewport">` honoured, device pixel ratio 1).
    Mobile,
}

impl Viewport {
    /// Width and height in CSS pixels.
    pub fn size(self) -> (u32, u32) {
        match self {
            Viewport::Desktop => (1280, 900),
            Viewport::Mobile => (390, 844),
        }
    }
}

/// A headless Chromium session with its own chromedriver process.
///
/// End it with [`Browser::close`]; dropping it (also when a test panics) ends
/// the session and kills chromedriver as well, best effort.
pub struct Browser {
    client: Client,
    session_id: String,
    driver: Child,
    port: u16,
    closed: bool,
    viewport: Viewport,
    /// Chromium's profile and chromedriver's log; removed on drop.
    scratch: tempfile::TempDir,
}

impl Browser {
    /// A desktop-sized browser, or `None` (test skipped) when Chromium,
    /// chromedriver or axe-core is not installed.
    pub async fn start() -> Option<Browser> {
        Self::start_with(Viewport::Desktop).await
    }

    /// A phone-sized browser (see [`Viewport::Mobile`]), or `None` as [`Browser::start`].
    pub async fn start_mobile() -> Option<Browser> {
        Self::start_with(Viewport::Mobile).await
    }

    /// A browser with the given viewport, or `None` as [`Browser::start`].
    pub async fn start_with(viewport: Viewport) -> Option<Browser> {
        let chromium = env_path("KLACHT_CHROMIUM", DEFAULT_CHROMIUM);
        let chromedriver = env_path("KLACHT_CHROMEDRIVER", DEFAULT_CHROMEDRIVER);
        let axe = axe_path();
        let missing: Vec<String> = [&chromium, &chromedriver, &axe]
            .into_iter()
            .filter(|p| !p.is_file())
            .map(|p| p.display().to_string())
            .collect();
        if !missing.is_empty() {
            if std::env::var("KLACHT_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
                panic!(
                    "KLACHT_REQUIRE_BROWSER=1 but the browser tests cannot run: missing {}.\n\
                     Install them with `apt-get install -y chromium chromium-driver` and \
                     `npm ci` in tests/browser (at the workspace root).",
                    missing.join(", ")
                );
            }
            eprintln!(
                "SKIPPED: chromium/chromedriver not installed (missing {})",
                missing.join(", ")
            );
            return None;
        }

        let scratch = tempfile::Builder::new()
            .prefix("klacht-browser-")
            .tempdir()
            .expect("create a temporary directory for the browser profile");
        let log_path = scratch.path().join("chromedriver.log");
        let profile = scratch.path().join("profile");

        let (driver, port) = {
            let chromedriver = chromedriver.clone();
            let log_path = log_path.clone();
            tokio::task::spawn_blocking(move || spawn_chromedriver(&chromedriver, &log_path))
                .await
                .expect("the chromedriver start-up task panicked")
        };

        let caps = capabilities(&chromium, &profile, viewport);
        let connected =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps)
                .connect(&format!("http://127.0.0.1:{port}"))
                .await;
        let client = match connected {
            Ok(client) => client,
            Err(err) => {
                let mut driver = driver;
                let _ = driver.kill();
                let _ = driver.wait();
                panic!(
                    "could not start {} through chromedriver: {err}\n--- chromedriver log ---\n{}",
                    chromium.display(),
                    read_log(&log_path)
                );
            }
        };
        let session_id = client
            .session_id()
            .await
            .ok()
            .flatten()
            .expect("chromedriver gave the new session an id");

        let browser = Browser {
            client,
            session_id,
            driver,
            port,
            closed: false,
            viewport,
            scratch,
        };
        browser
            .client
            .update_timeouts(TimeoutConfiguration::new(
                Some(SCRIPT_TIMEOUT),
                Some(PAGE_LOAD_TIMEOUT),
                Some(Duration::ZERO),
            ))
            .await
            .expect("set the WebDriver timeouts");
        if viewport == Viewport::Desktop {
            // --window-size is the outer size; make the inner (viewport) size exact.
            browser.fit_viewport().await;
        }
        Some(browser)
    }

    /// The underlying WebDriver client, for what the helpers do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The viewport the browser was started with.
    pub fn viewport(&self) -> Viewport {
        self.viewport
    }

    /// Ends the session (Chromium quits) and stops chromedriver.
    pub async fn close(mut self) {
        match self.client.clone().close().await {
            Ok(()) => self.closed = true,
            // Drop tries again over a plain connection.
            Err(err) => eprintln!("browser: ending the WebDriver session failed: {err}"),
        }
        // chromedriver itself is stopped by Drop.
    }

    // ----- navigation -------------------------------------------------------

    /// Loads `url` and waits for the page to load.
    pub async fn goto(&self, url: &str) {
        self.client
            .goto(url)
            .await
            .unwrap_or_else(|err| panic!("browser: could not load {url}: {err}"));
    }

    /// The address of the current page.
    pub async fn current_url(&self) -> String {
        self.client
            .current_url()
            .await
            .expect("browser: read the current URL")
            .to_string()
    }

    /// Waits (up to [`FIND_TIMEOUT`]) until the current address satisfies `pred`, e.g. after
    /// a form submission; panics with the last address if it never does.
    pub async fn wait_for_url(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = tokio::time::Instant::now() + FIND_TIMEOUT;
        loop {
            let url = self.current_url().await;
            if pred(&url) {
                return url;
            }
            if tokio::time::Instant::now() >= deadline {
                panic!("browser: waited for the address to be {what}, but it is still {url}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The page's `<title>`.
    pub async fn title(&self) -> String {
        self.client
            .title()
            .await
            .expect("browser: read the page title")
    }

    /// The current page's HTML as the browser now has it.
    pub async fn source(&self) -> String {
        self.client
            .source()
            .await
            .expect("browser: read the page source")
    }

    // ----- elements ---------------------------------------------------------

    /// The first element matching `css`, waiting up to 5 s for it to appear.
    pub async fn find(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(FIND_TIMEOUT)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => element,
            Err(err) => panic!(
                "browser: no element matches `{css}` on {} after {FIND_TIMEOUT:?}: {err}",
                self.current_url().await
            ),
        }
    }

    /// All elements matching `css` right now (no waiting; may be empty).
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_else(|err| panic!("browser: find_all(`{css}`) failed: {err}"))
    }

    /// Whether an element matches `css` right now (no waiting).
    pub async fn exists(&self, css: &str) -> bool {
        !self.find_all(css).await.is_empty()
    }

    /// Waits (up to [`FIND_TIMEOUT`]) until an element matches `css` (`present`) or none does
    /// any more: for a form that comes back at the same address. Panics with `what` and the
    /// page's main text if it never happens.
    pub async fn wait_until(&self, what: &str, css: &str, present: bool) {
        let deadline = tokio::time::Instant::now() + FIND_TIMEOUT;
        while self.exists(css).await != present {
            if tokio::time::Instant::now() >= deadline {
                let main = self.client.find(Locator::Css("main")).await.ok();
                let text = match main {
                    Some(m) => m.text().await.unwrap_or_default(),
                    None => String::new(),
                };
                panic!(
                    "browser: waited {FIND_TIMEOUT:?} for {what} on {}: {text}",
                    self.current_url().await
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clears the field matching `css` and types `text` into it.
    pub async fn fill(&self, css: &str, text: &str) {
        let element = self.find(css).await;
        element
            .clear()
            .await
            .unwrap_or_else(|err| panic!("browser: could not clear `{css}`: {err}"));
        element
            .send_keys(text)
            .await
            .unwrap_or_else(|err| panic!("browser: could not type into `{css}`: {err}"));
    }

    /// Clicks the element matching `css`.
    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|err| panic!("browser: could not click `{css}`: {err}"));
    }

    /// Chooses the file at `path` in the `<input type="file">` matching `css`
    /// (chromedriver takes the absolute path as typed text).
    pub async fn upload(&self, css: &str, path: &Path) {
        let absolute = path
            .canonicalize()
            .unwrap_or_else(|err| panic!("browser: cannot upload {}: {err}", path.display()));
        let absolute = absolute
            .to_str()
            .unwrap_or_else(|| panic!("browser: upload path is not UTF-8: {}", path.display()));
        self.find(css)
            .await
            .send_keys(absolute)
            .await
            .unwrap_or_else(|err| panic!("browser: could not choose a file in `{css}`: {err}"));
    }

    /// The rendered (visible) text of the element matching `css`.
    pub async fn text(&self, css: &str) -> String {
        self.find(css)
            .await
            .text()
            .await
            .unwrap_or_else(|err| panic!("browser: could not read the text of `{css}`: {err}"))
    }

    /// The HTML attribute `name` of the element matching `css`.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.find(css)
            .await
            .attr(name)
            .await
            .unwrap_or_else(|err| panic!("browser: could not read `{name}` of `{css}`: {err}"))
    }

    /// The DOM property `name` of the element matching `css` (e.g. `value` of a
    /// field after typing, which the attribute does not reflect).
    pub async fn prop(&self, css: &str, name: &str) -> Option<String> {
        self.find(css)
            .await
            .prop(name)
            .await
            .unwrap_or_else(|err| panic!("browser: could not read `{name}` of `{css}`: {err}"))
    }

    /// Runs `script` (a function body; `return` gives the result) in the page.
    pub async fn eval(&self, script: &str) -> Value {
        self.client
            .execute(script, Vec::new())
            .await
            .unwrap_or_else(|err| panic!("browser: script failed: {err}\n{script}"))
    }

    // ----- keyboard ---------------------------------------------------------

    /// Presses and releases `key`, delivered to whatever has focus.
    pub async fn press_key(&self, key: Key) {
        let key = char::from(key);
        self.perform_keys(
            KeyActions::new("keyboard".to_owned())
                .then(KeyAction::Down { value: key })
                .then(KeyAction::Up { value: key }),
        )
        .await;
    }

    /// Tab: focus moves to the next focusable element.
    pub async fn press_tab(&self) {
        self.press_key(Key::Tab).await;
    }

    /// Shift+Tab: focus moves to the previous focusable element.
    pub async fn press_shift_tab(&self) {
        let (shift, tab) = (char::from(Key::Shift), char::from(Key::Tab));
        self.perform_keys(
            KeyActions::new("keyboard".to_owned())
                .then(KeyAction::Down { value: shift })
                .then(KeyAction::Down { value: tab })
                .then(KeyAction::Up { value: tab })
                .then(KeyAction::Up { value: shift }),
        )
        .await;
    }

    /// Enter: submits a form from a field or activates a focused button or link.
    pub async fn press_enter(&self) {
        self.press_key(Key::Enter).await;
    }

    /// Space: toggles a focused checkbox or activates a focused button.
    pub async fn press_space(&self) {
        self.press_key(Key::Space).await;
    }

    /// Types `text` key by key into whatever has focus, as a keyboard user would.
    pub async fn type_keys(&self, text: &str) {
        let mut keys = KeyActions::new("keyboard".to_owned());
        for c in text.chars() {
            keys = keys
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        self.perform_keys(keys).await;
    }

    async fn perform_keys(&self, keys: KeyActions) {
        self.client
            .perform_actions(keys)
            .await
            .expect("browser: perform key actions");
        self.client
            .release_actions()
            .await
            .expect("browser: release key actions");
    }

    /// The attribute `name` of the focused element (`document.activeElement`);
    /// `None` when it lacks the attribute. With nothing focused that is `<body>`.
    pub async fn active_element_attr(&self, name: &str) -> Option<String> {
        self.client
            .active_element()
            .await
            .expect("browser: find the focused element")
            .attr(name)
            .await
            .unwrap_or_else(|err| {
                panic!("browser: could not read `{name}` of the focused element: {err}")
            })
    }

    /// The focused element's outer HTML, for assertion messages.
    pub async fn active_element_html(&self) -> String {
        self.client
            .active_element()
            .await
            .expect("browser: find the focused element")
            .html(false)
            .await
            .expect("browser: read the focused element's HTML")
    }

    // ----- screenshots ------------------------------------------------------

    /// Saves a PNG of the viewport to `<workspace>/target/browser-screenshots/<name>.png`
    /// and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self
            .client
            .screenshot()
            .await
            .expect("browser: take a screenshot");
        let dir = workspace_root().join("target").join("browser-screenshots");
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|err| panic!("browser: cannot create {}: {err}", dir.display()));
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png)
            .unwrap_or_else(|err| panic!("browser: cannot write {}: {err}", path.display()));
        path
    }

    // ----- accessibility ----------------------------------------------------

    /// Runs axe-core on the current page with the WCAG 2.0/2.1 A and AA rules
    /// ([`AXE_TAGS`]) and returns its violations (axe's result objects: `id`,
    /// `impact`, `help`, `helpUrl`, `nodes` with `target` and `html`, …).
    pub async fn axe(&self) -> Vec<Value> {
        // Inject axe-core once per page load (the source is 650 kB).
        if self.eval("return typeof window.axe === 'object';").await != Value::Bool(true) {
            self.client
                .execute(axe_source(), Vec::new())
                .await
                .unwrap_or_else(|err| panic!("browser: could not inject axe-core: {err}"));
        }
        let options = json!({
            "runOnly": { "type": "tag", "values": AXE_TAGS },
            "resultTypes": ["violations"],
        });
        let outcome = self
            .client
            .execute_async(
                r#"
                const [options, done] = arguments;
                axe.run(document, options)
                    .then((results) => done({ violations: results.violations }))
                    .catch((err) => done({ error: String(err && err.stack || err) }));
                "#,
                vec![options],
            )
            .await
            .unwrap_or_else(|err| panic!("browser: running axe-core failed: {err}"));
        if let Some(error) = outcome.get("error") {
            panic!("browser: axe-core reported an error: {error}");
        }
        match outcome.get("violations") {
            Some(Value::Array(violations)) => violations.clone(),
            _ => panic!("browser: unexpected answer from axe-core: {outcome}"),
        }
    }

    /// Runs [`Browser::axe`] and panics, listing every violation, if there is any.
    /// `page` names the page in the message.
    pub async fn assert_no_axe_violations(&self, page: &str) {
        let violations = self.axe().await;
        if !violations.is_empty() {
            panic!(
                "axe-core found {} accessibility violation(s) on {page} ({}):\n{}",
                violations.len(),
                self.current_url().await,
                format_axe_violations(&violations)
            );
        }
    }

    // ----- internals --------------------------------------------------------

    /// Resizes the window so the viewport is exactly [`Viewport::size`].
    async fn fit_viewport(&self) {
        let (want_w, want_h) = self.viewport.size();
        let inner = self
            .eval("return [window.innerWidth, window.innerHeight];")
            .await;
        let (Some(w), Some(h)) = (inner[0].as_i64(), inner[1].as_i64()) else {
            return;
        };
        if (w, h) == (i64::from(want_w), i64::from(want_h)) {
            return;
        }
        let (outer_w, outer_h) = self
            .client
            .get_window_size()
            .await
            .expect("browser: read the window size");
        let width = (i64::from(want_w) + outer_w as i64 - w).max(1);
        let height = (i64::from(want_h) + outer_h as i64 - h).max(1);
        self.client
            .set_window_size(
                u32::try_from(width).expect("window width fits u32"),
                u32::try_from(height).expect("window height fits u32"),
            )
            .await
            .expect("browser: resize the window");
    }

    /// Ends the session with a plain blocking HTTP request, so it works from
    /// `Drop` whatever the async runtime is doing.
    fn delete_session_blocking(&self) {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
        let request = format!(
            "DELETE /session/{} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            self.session_id, self.port
        );
        if stream.write_all(request.as_bytes()).is_err() {
            return;
        }
        // chromedriver answers once Chromium has quit, but keeps the connection
        // open: read exactly one response (headers, then Content-Length bytes).
        let mut answer = Vec::new();
        let mut chunk = [0_u8; 4096];
        loop {
            if let Some(end) = answer.windows(4).position(|w| w == b"\r\n\r\n") {
                let body = content_length(&answer[..end]).unwrap_or(0);
                if answer.len() >= end + 4 + body {
                    return;
                }
            }
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => return,
                Ok(n) => answer.extend_from_slice(&chunk[..n]),
            }
        }
    }
}

/// The Content-Length of an HTTP response head.
fn content_length(head: &[u8]) -> Option<usize> {
    String::from_utf8_lossy(head).lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse().ok())?
    })
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.closed {
            self.delete_session_blocking();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// One paragraph per violation: id, impact, help (and link), then each failing
/// node's target selector and HTML.
pub fn format_axe_violations(violations: &[Value]) -> String {
    let mut out = String::new();
    for v in violations {
        let field = |name: &str| {
            v.get(name)
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_owned()
        };
        out.push_str(&format!(
            "- {} [{}]: {}\n  {}\n",
            field("id"),
            field("impact"),
            field("help"),
            field("helpUrl")
        ));
        let nodes = v
            .get("nodes")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for node in nodes {
            let target = node.get("target").map(Value::to_string).unwrap_or_default();
            let html = node.get("html").and_then(Value::as_str).unwrap_or("");
            out.push_str(&format!("    at {target}: {html}\n"));
            if let Some(summary) = node.get("failureSummary").and_then(Value::as_str) {
                for line in summary.lines() {
                    out.push_str(&format!("      {line}\n"));
                }
            }
        }
    }
    out
}

/// The ids (rule names such as `image-alt`) of axe violations.
pub fn axe_violation_ids(violations: &[Value]) -> Vec<String> {
    violations
        .iter()
        .filter_map(|v| v.get("id").and_then(Value::as_str).map(str::to_owned))
        .collect()
}

/// The workspace root (two levels above this crate's manifest).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}

fn axe_path() -> PathBuf {
    workspace_root().join("tests/browser/node_modules/axe-core/axe.min.js")
}

fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = axe_path();
        std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("browser: cannot read {}: {err}", path.display()))
    })
}

fn env_path(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from(default), PathBuf::from)
}

fn read_log(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| format!("(no log: {err})"))
}

/// Starts chromedriver on a port it picks itself and returns it with that port,
/// read from its "started successfully on port N" line.
fn spawn_chromedriver(chromedriver: &Path, log_path: &Path) -> (Child, u16) {
    let log = std::fs::File::create(log_path)
        .unwrap_or_else(|err| panic!("browser: cannot create {}: {err}", log_path.display()));
    let mut driver = Command::new(chromedriver)
        .args(["--port=0", "--log-level=WARNING"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .unwrap_or_else(|err| panic!("browser: cannot run {}: {err}", chromedriver.display()));
    let stdout = driver
        .stdout
        .take()
        .expect("chromedriver's stdout is piped");

    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = String::new();
        let mut tx = Some(tx);
        // Reads until chromedriver exits, so it never blocks on a full pipe.
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(sender) = tx.take() {
                seen.push_str(&line);
                seen.push('\n');
                match parse_port(&line) {
                    Some(port) => {
                        let _ = sender.send(Ok(port));
                    }
                    None => tx = Some(sender),
                }
            }
        }
        // chromedriver closed its stdout (it exited) before naming its port.
        if let Some(sender) = tx {
            let _ = sender.send(Err(seen));
        }
    });

    match rx.recv_timeout(DRIVER_START_TIMEOUT) {
        Ok(Ok(port)) => (driver, port),
        outcome => {
            let _ = driver.kill();
            let status = driver.wait();
            let stdout = match outcome {
                Ok(Err(seen)) => seen,
                _ => format!("(no port after {DRIVER_START_TIMEOUT:?})"),
            };
            panic!(
                "browser: {} did not start ({status:?}).\n--- stdout ---\n{stdout}--- log ---\n{}",
                chromedriver.display(),
                read_log(log_path)
            );
        }
    }
}

/// The port in chromedriver's "ChromeDriver was started successfully on port N." line.
fn parse_port(line: &str) -> Option<u16> {
    let (_, rest) = line.split_once("started successfully on port ")?;
    rest.trim().trim_end_matches('.').parse().ok()
}

fn capabilities(chromium: &Path, profile: &Path, viewport: Viewport) -> Capabilities {
    let (width, height) = viewport.size();
    let args = vec![
        "--headless".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--hide-scrollbars".to_owned(),
        "--lang=en-US".to_owned(),
        format!("--user-data-dir={}", profile.display()),
        format!("--window-size={width},{height}"),
    ];
    let mut chrome_options = json!({
        "binary": chromium.display().to_string(),
        "args": args,
    });
    if viewport == Viewport::Mobile {
        chrome_options["mobileEmulation"] = json!({
            "deviceMetrics": {
                "width": width,
                "height": height,
                "pixelRatio": 1.0,
                "mobile": true,
                "touch": true,
            },
        });
    }
    let caps = json!({
        "browserName": "chrome",
        "pageLoadStrategy": "normal",
        "goog:chromeOptions": chrome_options,
    });
    match caps {
        Value::Object(map) => map,
        _ => unreachable!("capabilities are a JSON object"),
    }
}
