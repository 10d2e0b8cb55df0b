//! The complaint form over real HTTP (T2, T19, K1): a submission is stored with its documents
//! and acknowledged; bad input comes back on the page with every value kept and nothing stored;
//! floods and robots get a page that says so. And the public API's CORS and flood limit.

use crate::support::app::{self, TestApp};

use klacht_web::Settings;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};

/// Tuesday 23 December 2025, 11:00 in Amsterdam.
const NOW: &str = "2025-12-23T10:00:00Z";

/// The test app with this module's shorthands.
struct App(TestApp);

impl std::ops::Deref for App {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.0
    }
}

/// The template profile at [`NOW`] with `settings`; the client follows no redirects.
async fn app_with(settings: impl FnOnce(&mut Settings)) -> App {
    let now = NOW.parse().unwrap();
    App(
        app::builtin_with("template", now, app::PublicUrl::Test, settings)
            .await
            .without_redirects(),
    )
}

async fn app() -> App {
    app_with(|_| {}).await
}

fn good() -> Form {
    Form::new()
        .text("name", "Sanne de Vries")
        .text("email", "sanne@example.nl")
        .text("phone", "")
        .text(
            "description",
            "De medewerker aan de telefoon was onvriendelijk.",
        )
        .text("privacy_accepted", "yes")
        .text("website", "")
        .text("language", "nl")
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

impl App {
    async fn submit(&self, form: Form) -> (StatusCode, reqwest::header::HeaderMap, String) {
        let res = self
            .http
            .post(format!("{}/", self.base))
            .multipart(form)
            .send()
            .await
            .unwrap();
        (
            res.status(),
            res.headers().clone(),
            res.text().await.unwrap(),
        )
    }

    async fn page(&self, path: &str) -> (StatusCode, String) {
        let res = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        (res.status(), res.text().await.unwrap())
    }

    /// How many complaints are stored (references are consecutive from 2025-0001).
    async fn complaints(&self) -> i64 {
        let mut n = 0;
        while self
            .store
            .load(&klacht_core::Reference::new(2025, n + 1))
            .await
            .unwrap()
            .is_some()
        {
            n += 1;
        }
        i64::from(n)
    }
}

fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap();
    let end = html.find("</main>").unwrap();
    &html[start..end]
}

#[tokio::test]
async fn t19_t05_a_form_complaint_is_stored_acknowledged_and_thanked_with_real_dates() {
    let app = app().await;
    let form = good().part(
        "attachments",
        Part::bytes(pdf()).file_name("foto van de brief.pdf"),
    );
    let (status, headers, _) = app.submit(form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let to = headers["location"].to_str().unwrap().to_owned();
    assert!(to.starts_with("/bedankt/"), "{to}");
    let (status, html) = app.page(&to).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let main = main_of(&html);
    assert!(main.contains("2025-0001"), "{main}");
    assert!(main.contains("dinsdag 23 december 2025"), "{main}");
    assert!(main.contains("ontvangstbevestiging per e-mail"), "{main}");
    // Five working days: Christmas, the weekend, New Year's Day and the decreed 2 January skipped.
    assert!(main.contains("uiterlijk maandag 5 januari 2026"), "{main}");
    assert!(main.contains("foto van de brief.pdf"), "{main}");
    assert!(main.contains("http://klacht.test/status/"), "{main}");
    // Stored with its document, acknowledged, the letter queued.
    let dossier = app
        .store
        .load(&klacht_core::Reference::parse("2025-0001").unwrap())
        .await
        .unwrap()
        .unwrap();
    let kinds: Vec<&str> = dossier.events.iter().map(|e| e.event.body.kind()).collect();
    assert_eq!(
        kinds,
        ["registered", "complainant_added", "acknowledged", "letter"]
    );
    assert_eq!(dossier.state.documents, 1);
    assert_eq!(app.store.mail_status(dossier.id).await.unwrap().len(), 1);
}

#[tokio::test]
async fn t19_bad_input_comes_back_with_every_value_kept_and_nothing_stored() {
    let app = app().await;
    let form = Form::new()
        .text("name", "<script>alert('x')</script>")
        .text("email", "")
        .text("phone", "")
        .text("address", "Breestraat 1, Leiden")
        .text("on_behalf_of", "Mijn zoon Tim")
        .text("description", "Niemand belde terug.")
        .text("website", "")
        .text("language", "nl");
    let (status, _, html) = app.submit(form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("<title>Fout: "),
        "the title says there is an error"
    );
    let main = main_of(&html);
    assert!(main.contains("Er is een probleem"));
    // The summary links to each field, in order.
    let email = main
        .find("href=\"#email\"")
        .expect("a link to the e-mail field");
    let privacy = main
        .find("href=\"#privacy_accepted\"")
        .expect("a link to the consent");
    assert!(email < privacy);
    assert!(main.contains("Vul uw e-mailadres of uw telefoonnummer in"));
    assert!(main.contains("privacyverklaring heeft gelezen"));
    // Every value kept; the script inert.
    assert!(main.contains("Breestraat 1, Leiden"));
    assert!(main.contains("Mijn zoon Tim"));
    assert!(main.contains("Niemand belde terug."));
    assert!(!main.contains("<script>"), "typed markup is escaped");
    assert!(main.contains("&lt;script&gt;") || main.contains("&#60;script&#62;"));
    assert_eq!(app.complaints().await, 0);
}

#[tokio::test]
async fn t19_a_disguised_file_is_refused_and_a_good_one_kept_for_the_next_try() {
    let app = app().await;
    let form = good()
        .part("attachments", Part::bytes(pdf()).file_name("echt.pdf"))
        .part(
            "attachments",
            Part::bytes(b"MZ\x90\0\x03\0\0\0 programma".to_vec()).file_name("brief.pdf"),
        );
    let (status, _, html) = app.submit(form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let main = main_of(&html);
    assert!(main.contains("brief.pdf is geen PDF"), "{main}");
    assert!(main.contains("echt.pdf"), "the good file is listed as kept");
    assert_eq!(app.complaints().await, 0);
    // The next attempt sends the kept file along without choosing it again.
    let kept = main
        .split("name=\"kept\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a kept token")
        .to_owned();
    let (status, headers, _) = app.submit(good().text("kept", kept)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html) = app.page(headers["location"].to_str().unwrap()).await;
    assert!(main_of(&html).contains("echt.pdf"));
    assert_eq!(app.complaints().await, 1);
}

#[tokio::test]
async fn t19_too_many_or_too_large_attachments_are_refused() {
    let app = app_with(|s| {
        s.max_attachments = 2;
        s.max_attachment_bytes = 1024;
    })
    .await;
    let mut form = good();
    for i in 0..3 {
        let mut bytes = pdf();
        bytes.extend(format!("% {i}\n").bytes());
        form = form.part(
            "attachments",
            Part::bytes(bytes).file_name(format!("{i}.pdf")),
        );
    }
    let (status, _, html) = app.submit(form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        main_of(&html).contains("maximaal 2 bestanden"),
        "{}",
        main_of(&html)
    );
    let mut big = pdf();
    big.resize(4096, b' ');
    let (status, _, html) = app
        .submit(good().part("attachments", Part::bytes(big).file_name("groot.pdf")))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        main_of(&html).contains("groot.pdf is groter dan"),
        "{}",
        main_of(&html)
    );
    assert_eq!(app.complaints().await, 0);
}

#[tokio::test]
async fn invalid_utf8_is_named_at_its_field() {
    let app = app().await;
    let form = good().part("description", Part::bytes(vec![b'a', 0xff, 0xfe, b'b']));
    let (status, _, html) = app.submit(form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(main_of(&html).contains("tekens die wij niet kunnen lezen"));
    assert_eq!(app.complaints().await, 0);
}

#[tokio::test]
async fn a_robot_filling_the_honeypot_gets_a_clear_page_and_nothing_is_stored() {
    let app = app().await;
    let (status, _, html) = app
        .submit(good().text("website", "http://spam.example"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(main_of(&html).contains("Uw klacht is niet verstuurd"));
    assert_eq!(app.complaints().await, 0);
}

#[tokio::test]
async fn a_flood_from_one_address_gets_a_page_that_says_when_to_try_again() {
    let app = app_with(|s| s.submissions_per_hour = 2).await;
    for _ in 0..2 {
        assert_eq!(app.submit(good()).await.0, StatusCode::SEE_OTHER);
    }
    let (status, headers, html) = app.submit(good()).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(headers.contains_key("retry-after"));
    assert!(main_of(&html).contains("minuten weer een klacht versturen"));
    assert_eq!(app.complaints().await, 2);
    // The API shares the limit.
    let res = app
        .http
        .post(format!("{}/api/v1/public/complaints", app.base))
        .json(&serde_json::json!({"name": "X", "email": "x@example.nl", "description": "d", "privacy_accepted": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"], "too_many_requests");
}

#[tokio::test]
async fn english_by_choice_from_form_to_letter() {
    let app = app().await;
    let form = Form::new()
        .text("name", "Sam Smith")
        .text("email", "sam@example.com")
        .text("description", "Nobody called me back.")
        .text("privacy_accepted", "yes")
        .text("language", "en");
    let (status, headers, _) = app.submit(form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, html) = app.page(headers["location"].to_str().unwrap()).await;
    let main = main_of(&html);
    assert!(main.contains("Your complaint has been received"), "{main}");
    assert!(main.contains("Monday 5 January 2026"), "{main}");
    let dossier = app
        .store
        .load(&klacht_core::Reference::parse("2025-0001").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(dossier.state.language, klacht_core::Lang::En);
}

#[tokio::test]
async fn the_organisations_own_site_may_post_from_its_origin_only() {
    let app = app_with(|s| s.cors_origins = vec!["https://www.voorbeeld.nl".into()]).await;
    let preflight = |origin: &'static str| {
        app.http
            .request(
                reqwest::Method::OPTIONS,
                format!("{}/api/v1/public/complaints", app.base),
            )
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let ok = preflight("https://www.voorbeeld.nl").await.unwrap();
    assert_eq!(
        ok.headers()["access-control-allow-origin"],
        "https://www.voorbeeld.nl"
    );
    let other = preflight("https://evil.example").await.unwrap();
    assert!(!other.headers().contains_key("access-control-allow-origin"));
    // The staff API is not opened to the organisation's site.
    let staff = app
        .http
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/api/v1/complaints", app.base),
        )
        .header("origin", "https://www.voorbeeld.nl")
        .header("access-control-request-method", "GET")
        .send()
        .await
        .unwrap();
    assert!(!staff.headers().contains_key("access-control-allow-origin"));
}
