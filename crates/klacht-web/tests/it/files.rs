//! Files before checks, over real HTTP: a refused form, a refused or unauthorised upload writes
//! nothing to the documents directory; files that no dossier refers to are swept after a grace
//! period, and no file a dossier refers to ever is.

use crate::support::app;
use crate::support::app::no_redirects as http;
use crate::support::desk;

use app::{TestApp, staff_user};
use base64::Engine;
use desk::Desk;
use jiff::Timestamp;
use klacht_core::Role;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const NOW: &str = "2026-05-04T09:00:00+02:00";

async fn start() -> TestApp {
    app::builtin("template", NOW.parse().unwrap(), app::PublicUrl::Test).await
}

/// A valid PDF of `size` bytes.
fn pdf(size: usize) -> Vec<u8> {
    let mut b = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    b.resize(size - 6, b' ');
    b.extend_from_slice(b"\n%%EOF");
    b
}

/// Every file under the documents directory (none when it does not exist).
fn stored(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(subs) = std::fs::read_dir(dir) else {
        return out;
    };
    for sub in subs {
        let sub = sub.unwrap().path();
        if sub.is_dir() {
            for f in std::fs::read_dir(&sub).unwrap() {
                out.push(f.unwrap().path());
            }
        } else {
            out.push(sub);
        }
    }
    out.sort();
    out
}

/// The complaint form with everything filled in but `leave_out`.
fn form(leave_out: &str) -> Form {
    let mut f = Form::new();
    for (k, v) in [
        ("name", "Sanne de Vries"),
        ("email", "sanne@example.nl"),
        ("description", "De medewerker was onvriendelijk."),
        ("privacy_accepted", "yes"),
        ("website", ""),
        ("language", "nl"),
    ] {
        if k != leave_out {
            f = f.text(k, v);
        }
    }
    f
}

async fn post_form(app: &TestApp, form: Form) -> (StatusCode, String, String) {
    let r = http()
        .post(format!("{}/", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let location = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, location, r.text().await.unwrap())
}

#[tokio::test]
async fn a_refused_form_with_a_1_mb_attachment_leaves_the_documents_directory_empty() {
    let app = start().await;
    let big = pdf(1024 * 1024);
    // A validation error (no name): the page comes back, the file is kept for the next try …
    let (status, _, html) = post_form(
        &app,
        form("name").part(
            "attachments",
            Part::bytes(big.clone()).file_name("brief.pdf"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(html.contains("brief.pdf"), "the file is listed as kept");
    // … but not on disk.
    assert_eq!(stored(&app.documents), Vec::<PathBuf>::new());
    // A bad file type beside a good file: refused, nothing on disk either.
    let (status, _, _) = post_form(
        &app,
        form("")
            .part(
                "attachments",
                Part::bytes(big.clone()).file_name("goed.pdf"),
            )
            .part(
                "attachments",
                Part::bytes(b"MZ\x90\0\x03\0\0\0 programma".to_vec()).file_name("brief.pdf"),
            ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stored(&app.documents), Vec::<PathBuf>::new());

    // The next attempt sends the kept file along; only now is it stored, once.
    let kept = html
        .split("name=\"kept\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let (status, location, _) = post_form(&app, form("").text("kept", kept)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.starts_with("/bedankt/"), "{location}");
    let files = stored(&app.documents);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(std::fs::read(&files[0]).unwrap(), big);
}

#[tokio::test]
async fn a_kept_file_that_is_gone_is_asked_for_again_instead_of_dropped() {
    let app = start().await;
    let (status, _, html) =
        post_form(&app, form("").text("kept", "AAAAAAAAAAAAAAAAAAAAAAAA")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        html.contains("Een bestand dat u eerder had gekozen, hebben wij niet meer bewaard"),
        "{html}"
    );
    assert_eq!(stored(&app.documents), Vec::<PathBuf>::new());
}

/// The coordinator (second factor enrolled) with an API token, and a complaint registered by
/// phone.
async fn coordinator_and_complaint(app: &TestApp) -> (Desk, String, String) {
    let (id, secret) = staff_user(
        app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    let token = app.store.create_token(id, Timestamp::now()).await.unwrap();
    let r = http()
        .post(format!("{}/api/v1/complaints", app.base))
        .bearer_auth(&token)
        .json(&json!({"name": "Jan Jansen", "email": "jan@example.nl",
            "description": "Niet teruggebeld.", "channel": "phone", "privacy_accepted": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let reference = r.json::<Value>().await.unwrap()["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let desk = Desk::sign_in(app, "coord@example.org", secret.as_deref()).await;
    (desk, token, reference)
}

async fn attach_by_api(app: &TestApp, token: &str, reference: &str, bytes: &[u8]) -> StatusCode {
    http()
        .post(format!(
            "{}/api/v1/complaints/{reference}/attach-document",
            app.base
        ))
        .bearer_auth(token)
        .json(&json!({
            "filename": "verslag.pdf",
            "content_type": "application/pdf",
            "content_base64": base64::engine::general_purpose::STANDARD.encode(bytes),
        }))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn an_upload_to_a_complaint_the_user_may_not_act_on_leaves_the_documents_directory_empty() {
    let app = start().await;
    let (mut carla, carla_token, reference) = coordinator_and_complaint(&app).await;
    let (ilse_id, _) = staff_user(&app, "ilse@example.org", "Ilse Handler", &[Role::Handler]).await;
    let ilse_token = app
        .store
        .create_token(ilse_id, Timestamp::now())
        .await
        .unwrap();
    let file = pdf(64 * 1024);

    // The API: a handler of other complaints, and a complaint that does not exist.
    assert_eq!(
        attach_by_api(&app, &ilse_token, &reference, &file).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        attach_by_api(&app, &carla_token, "2026-0999", &file).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(stored(&app.documents), Vec::<PathBuf>::new());

    // The back office: the same handler, with a valid session and CSRF token.
    let mut ilse = Desk::sign_in(&app, "ilse@example.org", None).await;
    let csrf = ilse.get("/beheer/account").await.csrf();
    let upload = |csrf: String, version: &str| {
        Form::new()
            .text("csrf", csrf)
            .text("version", version.to_owned())
            .part(
                "file",
                Part::bytes(file.clone()).file_name("verslag.pdf".to_owned()),
            )
    };
    let page = ilse
        .post_multipart(
            &format!("/beheer/klachten/{reference}/document"),
            upload(csrf, "1"),
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    // An unknown complaint, by someone who may attach elsewhere.
    let dossier = carla.get(&format!("/beheer/klachten/{reference}")).await;
    let (csrf, version) = (dossier.csrf(), dossier.input("version").unwrap());
    let page = carla
        .post_multipart(
            "/beheer/klachten/2026-0999/document",
            upload(csrf.clone(), &version),
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(stored(&app.documents), Vec::<PathBuf>::new());

    // The coordinator on the complaint itself: stored, once.
    let page = carla
        .post_multipart(
            &format!("/beheer/klachten/{reference}/document"),
            upload(csrf, &version),
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(stored(&app.documents).len(), 1);
}

/// Sets a file's modification time `hours` back.
fn age(path: &Path, hours: u64) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(hours * 3600))
        .unwrap();
}

#[tokio::test]
async fn the_sweep_removes_an_orphan_older_than_the_grace_and_keeps_a_referenced_and_a_fresh_file()
{
    let app = start().await;
    // A complaint with an attachment: referenced.
    let referenced = pdf(2048);
    let (status, _, _) = post_form(
        &app,
        form("").part(
            "attachments",
            Part::bytes(referenced.clone()).file_name("brief.pdf"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let files = stored(&app.documents);
    assert_eq!(files.len(), 1);
    let referenced_path = files[0].clone();
    age(&referenced_path, 48);
    // Two orphans, one two days old and one just written, and an interrupted write.
    let old = klacht_web::documents::store(&app.documents, &pdf(3000))
        .await
        .unwrap();
    let old_path = klacht_web::documents::path_of(&app.documents, &old);
    age(&old_path, 25);
    let fresh = klacht_web::documents::store(&app.documents, &pdf(4000))
        .await
        .unwrap();
    let fresh_path = klacht_web::documents::path_of(&app.documents, &fresh);
    let tmp = old_path.with_file_name(format!("{old}.999.tmp"));
    std::fs::write(&tmp, b"half").unwrap();
    age(&tmp, 30);

    let swept = klacht_web::documents::sweep(
        &app.documents,
        &app.store,
        klacht_web::documents::ORPHAN_GRACE,
    )
    .await
    .unwrap();
    assert_eq!(
        swept,
        klacht_web::documents::Swept {
            files: 2,
            bytes: 3004
        }
    );
    assert!(!old_path.exists());
    assert!(!tmp.exists());
    assert!(fresh_path.exists());
    assert_eq!(std::fs::read(&referenced_path).unwrap(), referenced);
}

#[tokio::test]
async fn an_old_orphan_stored_again_starts_its_grace_anew() {
    let app = start().await;
    let bytes = pdf(5000);
    let sha = klacht_web::documents::store(&app.documents, &bytes)
        .await
        .unwrap();
    let path = klacht_web::documents::path_of(&app.documents, &sha);
    age(&path, 48);
    // The same content uploaded again (its step about to be stored): young again.
    klacht_web::documents::store(&app.documents, &bytes)
        .await
        .unwrap();
    let swept = klacht_web::documents::sweep(
        &app.documents,
        &app.store,
        klacht_web::documents::ORPHAN_GRACE,
    )
    .await
    .unwrap();
    assert_eq!(swept.files, 0);
    assert!(path.exists());
}
