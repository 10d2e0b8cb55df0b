//! What the attack on the running system found, proved over real HTTP (issue: "a 201 is always
//! on disk, and nothing leaks"): a full disk answers 503 with Retry-After and loses nothing
//! that was acknowledged, on every way in; single-line fields refuse line breaks; and the person
//! a complaint is about finds it by no word they may not read (K3).

use crate::support::app;
use crate::support::app::no_redirects as client;
use crate::support::desk;

use app::{TestApp, staff_token, staff_user};
use desk::Desk;
use klacht_core::Role;
use reqwest::StatusCode;
use reqwest::multipart::Form;
use serde_json::{Value, json};
use std::collections::BTreeSet;

const NOW: &str = "2026-05-04T09:00:00+02:00";

async fn start() -> TestApp {
    let source = klacht_core::profile::builtin_source("template").unwrap();
    let profile = klacht_core::profile::parse(source).unwrap();
    // Bursts from one address: the flood limit is not what these tests are about.
    app::start(
        source,
        profile,
        NOW.parse().unwrap(),
        app::PublicUrl::Test,
        |s| {
            s.submissions_per_hour = 10_000;
        },
    )
    .await
}

async fn post_public(app: &TestApp, body: &Value) -> (StatusCode, Option<String>, Value) {
    let r = client()
        .post(format!("{}/api/v1/public/complaints", app.base))
        .json(body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let retry = r
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    (status, retry, r.json().await.unwrap_or(Value::Null))
}

fn complaint(i: usize) -> Value {
    json!({"name": format!("Klager {i}"), "email": format!("klager{i}@example.nl"),
        "description": format!("Klacht nummer {i}: {}", "een lange beschrijving ".repeat(30)),
        "privacy_accepted": true})
}

async fn stored(app: &TestApp) -> BTreeSet<String> {
    let url = format!("sqlite://{}", app.dir.path().join("klacht.db").display());
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    let rows = sqlx::query("SELECT reference FROM complaints")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    rows.iter()
        .map(|r| sqlx::Row::try_get::<String, _>(r, 0).unwrap())
        .collect()
}

async fn page_count(app: &TestApp) -> u64 {
    let url = format!("sqlite://{}", app.dir.path().join("klacht.db").display());
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&url)
        .await
        .unwrap();
    let n: i64 = sqlx::Row::try_get(
        &sqlx::query("PRAGMA page_count")
            .fetch_one(&mut conn)
            .await
            .unwrap(),
        0,
    )
    .unwrap();
    u64::try_from(n).unwrap()
}

/// Makes the database full: room for a few pages more at most.
async fn fill_disk(app: &TestApp) {
    app.store
        .limit_sqlite_pages(Some(page_count(app).await + 2));
}

#[tokio::test]
async fn a_full_disk_answers_the_public_api_with_503_and_retry_after_and_acknowledges_only_what_it_stored()
 {
    sqlx::any::install_default_drivers();
    let app = start().await;
    let mut acknowledged = BTreeSet::new();
    for i in 0..5 {
        let (status, _, body) = post_public(&app, &complaint(i)).await;
        assert_eq!(status, StatusCode::CREATED);
        acknowledged.insert(body["reference"].as_str().unwrap().to_owned());
    }
    fill_disk(&app).await;
    let mut refused = 0;
    for i in 5..60 {
        let (status, retry, body) = post_public(&app, &complaint(i)).await;
        match status {
            StatusCode::CREATED => {
                assert!(
                    acknowledged.insert(body["reference"].as_str().unwrap().to_owned()),
                    "a reference handed out twice: {body}"
                );
            }
            StatusCode::SERVICE_UNAVAILABLE => {
                refused += 1;
                assert_eq!(retry.as_deref(), Some("30"));
                assert_eq!(body["error"], "unavailable");
                assert!(
                    body["message"]
                        .as_str()
                        .unwrap()
                        .starts_with("Nothing was stored"),
                    "{body}"
                );
                assert!(
                    body["message_nl"]
                        .as_str()
                        .unwrap()
                        .starts_with("Er is niets opgeslagen"),
                    "{body}"
                );
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert!(refused >= 40, "only {refused} of 55 refused on a full disk");
    app.store.limit_sqlite_pages(None);
    let (status, _, body) = post_public(&app, &complaint(99)).await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "the first write after space returned: {body}"
    );
    acknowledged.insert(body["reference"].as_str().unwrap().to_owned());
    assert_eq!(stored(&app).await, acknowledged);
}

#[tokio::test]
async fn a_full_disk_gives_the_form_back_with_every_value_and_a_plain_message() {
    sqlx::any::install_default_drivers();
    let app = start().await;
    fill_disk(&app).await;
    let form = || {
        Form::new()
            .text("name", "Sanne de Vries")
            .text("email", "sanne@example.nl")
            .text("phone", "")
            .text(
                "description",
                format!(
                    "De medewerker was onvriendelijk. {}",
                    "Meer tekst. ".repeat(400)
                ),
            )
            .text("privacy_accepted", "yes")
            .text("website", "")
            .text("language", "nl")
    };
    let mut answered = None;
    for _ in 0..30 {
        let r = client()
            .post(format!("{}/", app.base))
            .multipart(form())
            .send()
            .await
            .unwrap();
        if r.status() == StatusCode::SERVICE_UNAVAILABLE {
            answered = Some((
                r.headers()["retry-after"].to_str().unwrap().to_owned(),
                r.text().await.unwrap(),
            ));
            break;
        }
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let (retry, page) = answered.expect("the full disk refused the form");
    assert_eq!(retry, "30");
    assert!(page.contains("Uw klacht is niet opgeslagen"), "{page}");
    assert!(page.contains(r#"value="Sanne de Vries""#));
    assert!(page.contains(r#"value="sanne@example.nl""#));
    assert!(page.contains("De medewerker was onvriendelijk."));
    let before = stored(&app).await.len();
    app.store.limit_sqlite_pages(None);
    let r = client()
        .post(format!("{}/", app.base))
        .multipart(form())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(stored(&app).await.len(), before + 1);
}

#[tokio::test]
async fn a_full_disk_refuses_staff_steps_and_status_page_additions_with_503_and_keeps_what_was_typed()
 {
    sqlx::any::install_default_drivers();
    let app = start().await;
    let (_, secret) = staff_user(&app, "cora@example.org", "Cora", &[Role::Coordinator]).await;
    let token = staff_token(&app.store, "api@example.org", "Api", &[Role::Coordinator]).await;
    let (status, _, created) = post_public(&app, &complaint(1)).await;
    assert_eq!(status, StatusCode::CREATED);
    let reference = created["reference"].as_str().unwrap().to_owned();
    let status_url = created["status_url"].as_str().unwrap().to_owned();
    let status_path = status_url
        .trim_start_matches("http://klacht.test")
        .to_owned();
    let mut desk = Desk::sign_in(&app, "cora@example.org", secret.as_deref()).await;
    let step_path = format!("/beheer/klachten/{reference}/stap/add-note");
    let long = |what: &str| format!("{what} {}", "woorden die ruimte vragen ".repeat(300));

    fill_disk(&app).await;
    // The back office: steps until the disk is full; the refused step's form comes back with
    // what was typed.
    let mut refused = None;
    for i in 0..20 {
        let form = desk.get(&step_path).await;
        assert_eq!(form.status, StatusCode::OK, "{}", form.body);
        let typed = long(&format!("Baliebezoek {i} besproken"));
        let page = desk
            .post(
                &step_path,
                &[
                    ("csrf", &form.csrf()),
                    ("version", &form.input("version").unwrap()),
                    ("text", &typed),
                ],
            )
            .await;
        if page.status == StatusCode::SERVICE_UNAVAILABLE {
            refused = Some((typed, page));
            break;
        }
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    }
    let (typed, page) = refused.expect("the back office took 20 long notes on a full disk");
    assert!(page.body.contains(&typed[..40]), "what was typed is kept");
    assert!(
        page.body.contains("Er is niets opgeslagen"),
        "{}",
        page.body
    );
    // The API: a step.
    let r = client()
        .post(format!(
            "{}/api/v1/complaints/{reference}/add-note",
            app.base
        ))
        .bearer_auth(&token)
        .json(&json!({"text": long("API-notitie")}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.headers()["retry-after"], "30");
    // The status page: what the complainant typed comes back.
    let r = client()
        .post(format!("{}{status_path}", app.base))
        .multipart(Form::new().text("text", long("Aanvulling van de klager")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.headers()["retry-after"], "30");
    let body = r.text().await.unwrap();
    assert!(body.contains("Wat u stuurde is niet opgeslagen"), "{body}");
    assert!(body.contains("Aanvulling van de klager"));

    // Space returns: each way in works at once.
    app.store.limit_sqlite_pages(None);
    let r = client()
        .post(format!("{}{status_path}", app.base))
        .multipart(Form::new().text("text", "Aanvulling na herstel"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = client()
        .post(format!(
            "{}/api/v1/complaints/{reference}/add-note",
            app.base
        ))
        .bearer_auth(&token)
        .json(&json!({"text": "Notitie na herstel"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let dossier: Value = r.json().await.unwrap();
    let texts: Vec<&str> = dossier["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["text"].as_str())
        .collect();
    assert!(texts.contains(&"Notitie na herstel"));
    assert!(texts.contains(&"Aanvulling na herstel"));
    assert!(
        !texts
            .iter()
            .any(|t| t.starts_with("Aanvulling van de klager"))
    );
}

#[tokio::test]
async fn t19_line_breaks_and_direction_overrides_in_single_line_fields_are_refused_at_the_field() {
    sqlx::any::install_default_drivers();
    let app = start().await;
    let cases = [
        ("name", json!("Jan\nJansen")),
        ("name", json!("Jan\rJansen")),
        ("name", json!("Jan\r\nBcc: iemand@example.org")),
        ("name", json!("Jan \u{202E}nesnaJ")),
        ("name", json!("\u{200B}\u{2800}")),
        ("email", json!("jan@example.nl\r\nBcc: x@example.org")),
        ("phone", json!("020 123\n4567")),
        ("on_behalf_of", json!("Kees\u{2066}")),
    ];
    for (field, value) in cases {
        let mut body = json!({"name": "Jan Jansen", "email": "jan@example.nl",
            "description": "Een klacht.", "privacy_accepted": true});
        body[field] = value.clone();
        let (status, _, answer) = post_public(&app, &body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {value}");
        let fields: Vec<&str> = answer["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert!(fields.contains(&field), "{field}: {answer}");
    }
    // The form: the error at the field, in the page's language, the value kept.
    let r = client()
        .post(format!("{}/", app.base))
        .multipart(
            Form::new()
                .text("name", "Jan\r\nJansen")
                .text("email", "jan@example.nl")
                .text("description", "Een klacht.")
                .text("privacy_accepted", "yes")
                .text("language", "nl"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    let error = page
        .split(r#"id="name-error""#)
        .nth(1)
        .expect("an error at the name field");
    assert!(
        error.contains("Dit veld bevat een regeleinde of een ander stuurteken"),
        "{error}"
    );
    assert!(stored(&app).await.is_empty(), "nothing stored");
}

/// Registers a complaint about `concerns` with texts only the full view shows, and returns its
/// reference.
async fn complaint_about(app: &TestApp, token: &str, concerns: &str) -> String {
    let r = client()
        .post(format!("{}/api/v1/complaints", app.base))
        .bearer_auth(token)
        .json(
            &json!({"name": "Anna Klaagster", "email": "contactadresje@example.nl",
            "phone": "06 98765432", "address": "Verborgenstraat 12",
            "description": "De begeleider bij de zichtbaarwoord-cursus was onvriendelijk.",
            "channel": "phone", "concerns": concerns, "received_where": "spreekuur Zuidwijk"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let reference = r.json::<Value>().await.unwrap()["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    for (action, body) in [
        ("add-note", json!({"text": "handelingsnotitie"})),
        ("inform-involved", json!({"note": "informatienotitie"})),
        ("record-hearing", json!({"summary": "verhoorsamenvatting"})),
        (
            "record-contact",
            json!({"via": "phone", "summary": "contactsamenvatting"}),
        ),
    ] {
        let r = client()
            .post(format!(
                "{}/api/v1/complaints/{reference}/{action}",
                app.base
            ))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::OK,
            "{action}: {}",
            r.text().await.unwrap()
        );
    }
    reference
}

#[tokio::test]
async fn k03_the_person_complained_about_finds_no_hidden_word_through_the_api_or_the_dashboard() {
    sqlx::any::install_default_drivers();
    let app = start().await;
    let cora = staff_token(&app.store, "cora@example.org", "Cora", &[Role::Coordinator]).await;
    let (_, none) = staff_user(&app, "sam@example.org", "Sam", &[Role::Staff]).await;
    assert_eq!(none, None);
    let sam = app
        .store
        .user_by_email("sam@example.org")
        .await
        .unwrap()
        .unwrap();
    let sam_token = app
        .store
        .create_token(sam.id, jiff::Timestamp::now())
        .await
        .unwrap();
    let reference = complaint_about(&app, &cora, "sam@example.org").await;
    let mut desk = Desk::sign_in(&app, "sam@example.org", None).await;

    let api = |token: String, text: &'static str| {
        let base = app.base.clone();
        async move {
            let r = client()
                .get(format!("{base}/api/v1/complaints"))
                .query(&[("text", text)])
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            let v: Value = r.json().await.unwrap();
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["reference"].as_str().unwrap().to_owned())
                .collect::<Vec<String>>()
        }
    };
    let visible = ["zichtbaarwoord", "Klaagster"];
    let hidden = [
        "contactadresje",
        "98765432",
        "Verborgenstraat",
        "Zuidwijk",
        "handelingsnotitie",
        "informatienotitie",
        "verhoorsamenvatting",
        "verhoor",
        "contactsamenvatting",
        "contacts",
    ];
    for word in visible {
        assert_eq!(
            api(sam_token.clone(), word).await,
            vec![reference.clone()],
            "{word}"
        );
        let page = desk.get(&format!("/beheer?q={word}")).await;
        assert!(page.body.contains(&reference), "dashboard, {word}");
    }
    for word in hidden {
        assert!(
            api(sam_token.clone(), word).await.is_empty(),
            "API finds {word:?}"
        );
        let page = desk.get(&format!("/beheer?q={word}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            !page.body.contains(&reference),
            "the dashboard finds {word:?}"
        );
        assert_eq!(
            api(cora.clone(), word).await,
            vec![reference.clone()],
            "coordinator, {word}"
        );
    }
}

#[tokio::test]
async fn readiness_reports_a_background_job_that_is_down() {
    sqlx::any::install_default_drivers();
    let app = start().await;
    let ready = || async {
        let r = client()
            .get(format!("{}/readyz", app.base))
            .send()
            .await
            .unwrap();
        (r.status(), r.text().await.unwrap())
    };
    assert_eq!(ready().await, (StatusCode::OK, "ready".to_owned()));
    app.state
        .jobs
        .started("mail", std::time::Duration::from_secs(60));
    app.state.jobs.failed("mail", "panicked: een fout".into());
    assert_eq!(
        ready().await,
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "background job mail is down (panicked: een fout); it is being restarted".to_owned()
        )
    );
    app.state
        .jobs
        .started("mail", std::time::Duration::from_secs(60));
    assert_eq!(ready().await.0, StatusCode::OK);
}

/// A TCP proxy in front of PostgreSQL that can be stopped (connections cut, the port closed)
/// and started again on the same port: the database away, for real, without stopping the
/// server other tests use.
struct Proxy {
    port: u16,
    tasks: std::sync::Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Proxy {
    async fn new() -> Proxy {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let p = Proxy {
            port,
            tasks: std::sync::Arc::default(),
        };
        p.serve(listener);
        p
    }

    fn serve(&self, listener: tokio::net::TcpListener) {
        let tasks = self.tasks.clone();
        let accept = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let conn = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect("127.0.0.1:5432").await
                    {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                tasks.lock().unwrap().push(conn);
            }
        });
        self.tasks.lock().unwrap().push(accept);
    }

    fn stop(&self) {
        for t in self.tasks.lock().unwrap().drain(..) {
            t.abort();
        }
    }

    async fn start(&self) {
        let mut tries = 0;
        let listener = loop {
            match tokio::net::TcpListener::bind(("127.0.0.1", self.port)).await {
                Ok(l) => break l,
                Err(e) if tries < 50 => {
                    tries += 1;
                    let _ = e;
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                Err(e) => panic!("rebinding the proxy: {e}"),
            }
        };
        self.serve(listener);
    }
}

/// A fresh PostgreSQL database, or `None` (with a SKIPPED line) when the server is not there and
/// `KLACHT_REQUIRE_POSTGRES` is not 1.
async fn fresh_postgres_database() -> Option<String> {
    use sqlx::{Connection, Executor};
    let admin = "postgres://postgres@127.0.0.1:5432/test";
    let mut conn = match sqlx::AnyConnection::connect(admin).await {
        Ok(c) => c,
        Err(e) => {
            if std::env::var("KLACHT_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                panic!("PostgreSQL is required: {e}");
            }
            eprintln!("SKIPPED: PostgreSQL not reachable at 127.0.0.1:5432 ({e})");
            return None;
        }
    };
    let name = format!("klacht_f_{:016x}", rand::random::<u64>());
    conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await
        .unwrap();
    Some(name)
}

async fn drop_postgres_database(name: &str) {
    use sqlx::{Connection, Executor};
    if let Ok(mut conn) =
        sqlx::AnyConnection::connect("postgres://postgres@127.0.0.1:5432/test").await
    {
        let _ = conn
            .execute(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .await;
    }
}

/// PostgreSQL goes away while the site serves: every request is answered within seconds with
/// 503 and Retry-After (not after 30 s with a 500), readiness says so, and once the database is
/// back the next complaint is stored without a restart. Then it comes back read-only (as a
/// standby after a fail-over): readiness, which writes, is not fooled by reads that work.
#[tokio::test]
async fn postgres_away_or_read_only_is_a_quick_503_and_the_site_recovers_without_a_restart() {
    sqlx::any::install_default_drivers();
    let Some(db) = fresh_postgres_database().await else {
        return;
    };
    let proxy = Proxy::new().await;
    let url = format!("postgres://postgres@127.0.0.1:{}/{db}", proxy.port);
    let store = klacht_store_any::Store::connect(&url).await.unwrap();
    let source = klacht_core::profile::builtin_source("template").unwrap();
    let app = app::start_on(
        tempfile::tempdir().unwrap(),
        store,
        source,
        klacht_core::profile::parse(source).unwrap(),
        NOW.parse().unwrap(),
        app::PublicUrl::Test,
        |s| s.submissions_per_hour = 10_000,
    )
    .await;
    let ready = || async {
        client()
            .get(format!("{}/readyz", app.base))
            .send()
            .await
            .unwrap()
            .status()
    };
    let (status, _, body) = post_public(&app, &complaint(1)).await;
    assert_eq!(status, StatusCode::CREATED);
    let mut acknowledged = BTreeSet::from([body["reference"].as_str().unwrap().to_owned()]);
    assert_eq!(ready().await, StatusCode::OK);

    proxy.stop();
    let began = std::time::Instant::now();
    let (status, retry, body) = post_public(&app, &complaint(2)).await;
    let took = began.elapsed();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(retry.as_deref(), Some("30"));
    assert!(
        took < std::time::Duration::from_secs(10),
        "answered after {took:?}"
    );
    assert_eq!(ready().await, StatusCode::SERVICE_UNAVAILABLE);

    proxy.start().await;
    let (status, _, body) = post_public(&app, &complaint(3)).await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "the first write after the database returned: {body}"
    );
    acknowledged.insert(body["reference"].as_str().unwrap().to_owned());
    assert_eq!(ready().await, StatusCode::OK);

    // Back, but read-only: new sessions cannot write.
    {
        use sqlx::{Connection, Executor};
        let mut admin = sqlx::AnyConnection::connect("postgres://postgres@127.0.0.1:5432/test")
            .await
            .unwrap();
        admin
            .execute(sqlx::AssertSqlSafe(format!(
                "ALTER DATABASE {db} SET default_transaction_read_only = on"
            )))
            .await
            .unwrap();
    }
    proxy.stop();
    proxy.start().await;
    assert_eq!(ready().await, StatusCode::SERVICE_UNAVAILABLE);
    let (status, retry, body) = post_public(&app, &complaint(4)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(retry.as_deref(), Some("30"));
    {
        use sqlx::{Connection, Executor};
        let mut admin = sqlx::AnyConnection::connect("postgres://postgres@127.0.0.1:5432/test")
            .await
            .unwrap();
        admin
            .execute(sqlx::AssertSqlSafe(format!(
                "ALTER DATABASE {db} SET default_transaction_read_only = off"
            )))
            .await
            .unwrap();
    }
    proxy.stop();
    proxy.start().await;
    let (status, _, body) = post_public(&app, &complaint(5)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    acknowledged.insert(body["reference"].as_str().unwrap().to_owned());

    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&format!(
        "postgres://postgres@127.0.0.1:5432/{db}"
    ))
    .await
    .unwrap();
    let stored: BTreeSet<String> = sqlx::query("SELECT reference FROM complaints")
        .fetch_all(&mut conn)
        .await
        .unwrap()
        .iter()
        .map(|r| sqlx::Row::try_get::<String, _>(r, 0).unwrap())
        .collect();
    assert_eq!(stored, acknowledged);
    drop(conn);
    app.store.close().await;
    proxy.stop();
    drop_postgres_database(&db).await;
}

#[tokio::test]
async fn t19_a_staff_members_name_with_a_line_break_is_refused_at_the_field() {
    sqlx::any::install_default_drivers();
    let app = start().await;
    let (_, secret) = staff_user(&app, "admin@example.org", "Ada", &[Role::Admin]).await;
    let mut desk = Desk::sign_in(&app, "admin@example.org", secret.as_deref()).await;
    let page = desk.get("/beheer/gebruikers").await;
    assert_eq!(page.status, StatusCode::OK);
    let r = desk
        .post(
            "/beheer/gebruikers",
            &[
                ("csrf", &page.csrf()),
                ("name", "Jan\r\nBcc: iemand@example.org"),
                ("email", "jan@example.org"),
                ("roles", "handler"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("Dit veld bevat een regeleinde of een ander stuurteken"),
        "{}",
        r.body
    );
    assert_eq!(
        app.store.user_by_email("jan@example.org").await.unwrap(),
        None
    );
}
