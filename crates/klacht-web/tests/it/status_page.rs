//! The complainant's status page over real HTTP: opened with the secret link from the public
//! submission, showing only what the complainant may see, taking additions (documents checked by
//! content) and the satisfaction answer, and closed to everyone once revoked or expired.

use crate::support::app::{self, Page, TestApp};

use jiff::Timestamp;
use klacht_core::{Reference, Role};
use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, LOCATION, REFERRER_POLICY};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::support::browser;

const NOW: &str = "2026-05-01T09:00:00+02:00";

/// The test app (the template profile at [`NOW`], its client following no redirects: the tests
/// look at the 303s themselves) with this module's shorthands.
struct App(TestApp);

impl std::ops::Deref for App {
    type Target = TestApp;
    fn deref(&self) -> &TestApp {
        &self.0
    }
}

async fn app() -> App {
    app_with(|_| {}).await
}

/// The template without its standard answers to the satisfaction question: yes or no.
async fn app_yes_no() -> App {
    let now = NOW.parse().unwrap();
    let template = klacht_core::profile::builtin_source("template").unwrap();
    let mut source = String::new();
    let mut skipping = false;
    for line in template.lines() {
        if line == "[[satisfaction_answers]]" {
            skipping = true;
        } else if line.starts_with('[') || line.starts_with('#') {
            skipping = false;
        }
        if !skipping {
            source.push_str(line);
            source.push('\n');
        }
    }
    let profile = klacht_core::profile::parse(&source).unwrap();
    assert!(profile.satisfaction_answers.is_empty());
    App(
        app::start(&source, profile, now, app::PublicUrl::Test, |_| {})
            .await
            .without_redirects(),
    )
}

async fn app_with(settings: impl FnOnce(&mut klacht_web::Settings)) -> App {
    let now = NOW.parse().unwrap();
    App(
        app::builtin_with("template", now, app::PublicUrl::Test, settings)
            .await
            .without_redirects(),
    )
}

/// A complaint submitted through the public API.
struct Submitted {
    reference: String,
    /// `/status/<token>`.
    path: String,
    /// The answer deadline, as the API gives it (`2026-05-11`).
    answer_due: String,
}

impl Page {
    fn location(&self) -> &str {
        self.headers
            .get(LOCATION)
            .map(|v| v.to_str().unwrap())
            .unwrap_or_default()
    }

    /// Every status-page answer is private: not indexed, not cached, no referrer.
    fn assert_private(&self) {
        assert_eq!(
            self.headers["x-robots-tag"], "noindex",
            "{:?}",
            self.headers
        );
        assert_eq!(self.headers[REFERRER_POLICY], "no-referrer");
        assert_eq!(self.headers[CACHE_CONTROL], "no-store");
    }
}

impl App {
    async fn user(&self, email: &str, name: &str, roles: &[Role]) -> String {
        self.staff_token(email, name, roles).await
    }

    async fn submit(&self, description: &str) -> Submitted {
        let res = self
            .http
            .post(format!("{}/api/v1/public/complaints", self.base))
            .json(&json!({"name": "Jan Jansen", "email": "jan@example.nl",
                          "description": description, "privacy_accepted": true}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::CREATED);
        let v: Value = res.json().await.unwrap();
        let url = v["status_url"].as_str().unwrap();
        let path = url.strip_prefix("http://klacht.test").unwrap().to_owned();
        assert!(path.starts_with("/status/"), "{path}");
        Submitted {
            reference: v["reference"].as_str().unwrap().to_owned(),
            path,
            answer_due: v["deadlines"]["answer"]["due"].as_str().unwrap().to_owned(),
        }
    }

    /// Posts the addition form: an optional message and files (name, bytes).
    async fn add(&self, path: &str, text: Option<&str>, files: &[(&str, &[u8])]) -> Page {
        let mut form = Form::new();
        if let Some(t) = text {
            form = form.text("text", t.to_owned());
        }
        for (name, bytes) in files {
            form = form.part(
                "attachments",
                Part::bytes(bytes.to_vec())
                    .file_name((*name).to_owned())
                    .mime_str("application/pdf")
                    .unwrap(),
            );
        }
        let res = self
            .http
            .post(format!("{}{path}", self.base))
            .multipart(form)
            .send()
            .await
            .unwrap();
        Page::read(res).await
    }

    /// Posts the satisfaction form (url-encoded, as a browser does). `path` may carry a query.
    async fn answer(&self, path: &str, pairs: &[(&str, &str)]) -> Page {
        let url = match path.split_once('?') {
            Some((path, query)) => format!("{}{path}/tevredenheid?{query}", self.base),
            None => format!("{}{path}/tevredenheid", self.base),
        };
        let res = self.http.post(url).form(pairs).send().await.unwrap();
        Page::read(res).await
    }

    /// Takes the template profile's complaint to closed; returns the closing time.
    async fn close(&self, coord: &str, reference: &str) -> Timestamp {
        self.step(coord, reference, "assign", json!({"handler": "h@x.nl"}))
            .await;
        self.step(
            coord,
            reference,
            "classify",
            json!({"categories": ["service"], "severity": "normal"}),
        )
        .await;
        self.step(
            coord,
            reference,
            "decide",
            json!({"outcome": "gegrond", "decision": "U heeft gelijk: wij bellen voortaan terug.", "via": "email"}),
        )
        .await;
        let d = self.step(coord, reference, "close", json!({})).await;
        assert_eq!(d["status"], "closed");
        d["closed_at"].as_str().unwrap().parse().unwrap()
    }
}

/// A small but valid PDF: one empty page, with a correct cross-reference table.
fn pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ];
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for off in offsets {
        out.push_str(&format!("{off:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

fn version(d: &Value) -> u64 {
    d["version"].as_u64().unwrap()
}

/// The page shows what the complainant may know (reference, status, deadlines, the letters sent
/// to them) and nothing of the handling (T10: confidentiality; K3): no notes, contact summaries
/// or names of staff.
#[tokio::test]
async fn t05_t06_t10_the_page_shows_status_deadlines_and_letters_but_nothing_of_the_handling() {
    let app = app().await;
    let coord = app
        .user("c@x.nl", "Carla Coördinator", &[Role::Coordinator])
        .await;
    app.user("h@x.nl", "Hans Handelaar", &[Role::Handler]).await;
    let s = app.submit("Ik ben niet teruggebeld.").await;

    let p = app.page(&s.path, &[]).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    p.assert_private();
    let html = &p.body;
    assert!(
        html.contains(&format!("<h1>Uw klacht {}</h1>", s.reference)),
        "{html}"
    );
    assert_eq!(html.matches("<h1").count(), 1);
    assert!(
        html.contains("Ontvangst bevestigd"),
        "web intake is acknowledged at once"
    );
    // T5: acknowledged, shown as done; T6: the answer's date written out.
    assert!(html.contains("Wij hebben de ontvangst van uw klacht bevestigd op 1 mei 2026."));
    assert!(html.contains("Gedaan"));
    // Received on Friday 1 May 2026 (NOW); the template answers within 5 working days (Atw):
    // the weekend of 2 and 3 May does not count, Monday 4 May is day 1, Tuesday 5 May is
    // Liberation Day ("de vijfde mei", a holiday for the Atw every year), Wednesday 6 to Friday 8
    // May are days 2 to 4, the weekend of 9 and 10 May is skipped, Monday 11 May is day 5.
    assert_eq!(s.answer_due, "2026-05-11");
    assert!(
        html.contains("U krijgt uiterlijk maandag 11 mei 2026 antwoord."),
        "{html}"
    );
    // The acknowledgement letter: subject, and its whole text in a <details>; the dossier's
    // copy holds a placeholder where the secret link was.
    assert!(html.contains(&format!(
        "Ontvangstbevestiging van uw klacht ({})",
        s.reference
    )));
    assert!(html.contains("<details class=\"letter\">"));
    assert!(html.contains("Beste Jan Jansen,\n\nWij hebben uw klacht op 1 mei 2026 ontvangen."));
    assert!(html.contains("[persoonlijke link van de klager]"));
    let token = s.path.trim_start_matches("/status/");
    assert_eq!(
        html.matches(token).count(),
        2,
        "the secret only in the form's action and the language switch"
    );
    // Open: the form to add something; no satisfaction question yet.
    assert!(html.contains(&format!(
        "<form method=\"post\" action=\"{}\" enctype=\"multipart/form-data\"",
        s.path
    )));
    assert!(!html.contains("id=\"tevredenheid\""));

    // The handling goes on: a handler, a note, a contact summary.
    app.step(&coord, &s.reference, "assign", json!({"handler": "h@x.nl"}))
        .await;
    app.step(
        &coord,
        &s.reference,
        "add-note",
        json!({"text": "INTERNE NOTITIE: klager is lastig"}),
    )
    .await;
    app.step(
        &coord,
        &s.reference,
        "record-contact",
        json!({"summary": "GESPREKSVERSLAG met de klager", "via": "phone"}),
    )
    .await;
    let p = app.page(&s.path, &[]).await;
    assert_eq!(p.status, StatusCode::OK);
    let html = &p.body;
    assert!(html.contains("In behandeling"), "{html}");
    for secret in [
        "INTERNE NOTITIE",
        "lastig",
        "GESPREKSVERSLAG",
        "Hans",
        "Handelaar",
        "h@x.nl",
        "Carla",
        "c@x.nl",
        "jan@example.nl",
        "Ik ben niet teruggebeld",
    ] {
        assert!(!html.contains(secret), "{secret} leaks into the page");
    }

    // English, by choice or by browser.
    for (path, headers) in [
        (format!("{}?lang=en", s.path), vec![]),
        (s.path.clone(), vec![("accept-language", "en-GB,en;q=0.9")]),
    ] {
        let p = app.page(&path, &headers).await;
        assert_eq!(p.status, StatusCode::OK);
        assert!(p.body.contains("<html lang=\"en\">"));
        assert!(p.body.contains(&format!("Your complaint {}", s.reference)));
        assert!(p.body.contains("Being handled"));
        // The same day as above: Monday 11 May 2026.
        assert!(
            p.body
                .contains("You will have our answer by Monday 11 May 2026 at the latest."),
            "{}",
            p.body
        );
        // The letter stays in the language it was written in, and says so.
        assert!(p.body.contains("<div class=\"letter__body\" lang=\"nl\">"));
    }
}

/// T12: the complainant adds a message and a PDF; it lands on the dossier as their own event,
/// with the document stored by its content address, and comes back on the page as inert text.
#[tokio::test]
async fn t12_a_message_and_a_pdf_are_added_to_the_dossier_and_shown_inert() {
    let app = app().await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let s = app.submit("Niet teruggebeld.").await;
    let before = version(&app.dossier(&coord, &s.reference).await);
    let pdf = pdf();

    let message = "<script>alert(1)</script>\nEn nog iets: \"bel mij\" & snel.";
    let p = app
        .add(&s.path, Some(message), &[("brief van mij.pdf", &pdf)])
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    assert_eq!(p.location(), format!("{}?added=1", s.path));
    p.assert_private();

    let p = app.page(&format!("{}?added=1", s.path), &[]).await;
    assert_eq!(p.status, StatusCode::OK);
    let html = &p.body;
    assert!(html.contains("role=\"status\""));
    assert!(html.contains("Dank u, wij hebben uw aanvulling ontvangen."));
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("brief van mij.pdf (1 kB)"), "{html}");
    // Without the flag, no banner.
    let p = app.page(&s.path, &[]).await;
    assert!(!p.body.contains("aanvulling ontvangen"));

    // On the dossier: the complainant's own event, with the document.
    let d = app.dossier(&coord, &s.reference).await;
    assert_eq!(version(&d), before + 1);
    let added = d["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "complainant_added")
        .unwrap();
    assert_eq!(added["actor"]["type"], "complainant");
    assert_eq!(
        added["text"],
        "<script>alert(1)</script>\nEn nog iets: \"bel mij\" & snel."
    );
    let doc = &added["documents"][0];
    assert_eq!(doc["filename"], "brief van mij.pdf");
    assert_eq!(doc["content_type"], "application/pdf");
    assert_eq!(doc["size"], pdf.len());
    // Stored by its content address: the SHA-256 of the bytes sent (sha2 here, not klacht's).
    let sha = doc["sha256"].as_str().unwrap();
    let want = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&pdf));
    assert_eq!(sha, want);
    let stored = std::fs::read(app.documents.join(&sha[..2]).join(sha)).unwrap();
    assert_eq!(stored, pdf);
    let reference = Reference::parse(&s.reference).unwrap();
    assert_eq!(app.store.verify_chain(&reference).await.unwrap(), None);
}

/// Files are checked by their content, not their name: a text file or a program called `.pdf`
/// is refused with a message naming it, the message typed is kept, and nothing is stored.
#[tokio::test]
async fn a_fake_pdf_is_refused_by_content_and_nothing_is_appended() {
    let app = app().await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let s = app.submit("Niet teruggebeld.").await;
    let before = version(&app.dossier(&coord, &s.reference).await);
    let pdf = pdf();

    for (name, bytes) in [
        ("x.pdf", &b"Dit is gewoon tekst, geen PDF.\n"[..]),
        (
            "factuur.pdf",
            &b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"[..],
        ),
    ] {
        let p = app
            .add(
                &s.path,
                Some("Zie bijlage </textarea><b>vet</b>"),
                &[("goed.pdf", &pdf), (name, bytes)],
            )
            .await;
        assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        p.assert_private();
        let html = &p.body;
        assert!(html.contains("<title>Fout: Uw klacht"), "{html}");
        assert!(html.contains("class=\"error-summary\""));
        assert!(
            html.contains(&format!(
                "<li><a href=\"#attachments\">{name} is geen PDF, foto of kantoordocument."
            )),
            "{html}"
        );
        assert!(html.contains("<div id=\"attachments-error\">"));
        assert!(html.contains(
            "aria-describedby=\"attachments-hint attachments-error\" aria-invalid=\"true\""
        ));
        assert!(html.contains("Kies uw bestanden opnieuw."));
        // The typed message comes back, inert.
        assert!(!html.contains("</textarea><b>"));
        assert!(
            html.contains("Zie bijlage &#60;/textarea&#62;&#60;b&#62;vet")
                || html.contains("Zie bijlage &lt;/textarea&gt;&lt;b&gt;vet"),
            "{html}"
        );
    }
    let d = app.dossier(&coord, &s.reference).await;
    assert_eq!(version(&d), before, "nothing appended");
    assert!(
        !std::fs::exists(&app.documents).unwrap()
            || std::fs::read_dir(&app.documents).unwrap().next().is_none(),
        "nothing stored"
    );
}

/// More files than allowed, an empty submission, control characters and an over-long message
/// are each refused with the error pattern (422), nothing appended.
#[tokio::test]
async fn limits_on_files_and_text_are_enforced() {
    let app = app().await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let s = app.submit("Niet teruggebeld.").await;
    let before = version(&app.dossier(&coord, &s.reference).await);
    let pdf = pdf();

    let six: Vec<(String, &[u8])> = (1..=6).map(|i| (format!("f{i}.pdf"), &pdf[..])).collect();
    let six: Vec<(&str, &[u8])> = six.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    let p = app.add(&s.path, None, &six).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p.body
            .contains("U kunt maximaal 5 bestanden tegelijk toevoegen."),
        "{}",
        p.body
    );

    let p = app.add(&s.path, Some("   "), &[]).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains(
        "<li><a href=\"#text\">Schrijf een bericht of kies een bestand om toe te voegen.</a></li>"
    ));
    assert!(
        p.body
            .contains("aria-describedby=\"text-hint text-error\" aria-invalid=\"true\"")
    );

    // Control characters: refused, and given back without them to check and send again.
    let p = app.add(&s.path, Some("bel\u{7}mij\u{1b}[2J"), &[]).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("tekens die wij niet kunnen bewaren"));
    assert!(p.body.contains(">belmij[2J</textarea>"), "{}", p.body);

    let p = app.add(&s.path, Some(&"a".repeat(20_001)), &[]).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("Gebruik maximaal 20.000 tekens"));
    let p = app.add(&s.path, Some(&"a".repeat(20_001)), &[]).await;
    assert!(p.body.contains(&"a".repeat(20_001)), "the text is kept");

    // In English, too.
    let p = app.add(&format!("{}?lang=en", s.path), None, &six).await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(p.body.contains("You can add at most 5 files at a time."));

    assert_eq!(version(&app.dossier(&coord, &s.reference).await), before);
    // Exactly the limit is fine, with \r\n line ends as browsers send them.
    let text = format!("{}\r\n", "b".repeat(19_998));
    let p = app.add(&s.path, Some(&text), &[]).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    assert_eq!(
        version(&app.dossier(&coord, &s.reference).await),
        before + 1
    );
}

/// A PDF of `kb` kilobytes whose content differs by `n`.
fn pdf_of(kb: usize, n: u8) -> Vec<u8> {
    let mut b = pdf();
    b.resize(kb * 1024 - 1, b' ');
    b.push(b'0' + n);
    b
}

/// Additions through a status link count against the same per-address limit as the form: past
/// it the page says so (429 with Retry-After), nothing is appended, and the form and the JSON
/// intake from that address wait too.
#[tokio::test]
async fn additions_through_a_status_link_share_the_forms_limit_per_address() {
    let app = app_with(|s| s.submissions_per_hour = 3).await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let s = app.submit("Niet teruggebeld.").await;
    for i in 0..2 {
        let p = app
            .add(&s.path, Some(&format!("Aanvulling {i}")), &[])
            .await;
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    }
    let before = version(&app.dossier(&coord, &s.reference).await);
    let pdf = pdf();
    let p = app
        .add(&s.path, Some("Nog een"), &[("brief.pdf", &pdf)])
        .await;
    assert_eq!(p.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = p.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=3600).contains(&wait), "{wait}");
    p.assert_private();
    assert!(
        p.body.contains(
            "Vanaf uw internetadres is in korte tijd veel verstuurd. Om misbruik te voorkomen kunt u over 20 minuten weer iets toevoegen. Er is niets opgeslagen."
        ),
        "{}",
        p.body
    );
    assert_eq!(version(&app.dossier(&coord, &s.reference).await), before);
    let p = app
        .add(&format!("{}?lang=en", s.path), Some("Once more"), &[])
        .await;
    assert_eq!(p.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        p.body.contains("you can add something again in"),
        "{}",
        p.body
    );
    // The JSON intake from the same address: 429, and when to try again.
    let res = app
        .http
        .post(format!("{}/api/v1/public/complaints", app.base))
        .json(&json!({"name": "Jan", "email": "jan@example.nl",
                      "description": "Nog een klacht.", "privacy_accepted": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&wait), "{wait}");
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["error"], "too_many_requests");
    assert!(app.documents.read_dir().is_err(), "no file was stored");
}

/// A complaint takes at most `additions_per_complaint` additions and
/// `addition_bytes_per_complaint` of files through its status link; the page says so plainly,
/// and the form is no longer offered once the additions are used up.
#[tokio::test]
async fn a_complaint_takes_at_most_its_quota_of_additions_and_of_file_bytes() {
    let app = app_with(|s| {
        s.additions_per_complaint = 2;
        s.addition_bytes_per_complaint = 25 * 1024;
    })
    .await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let s = app.submit("Niet teruggebeld.").await;
    let start = version(&app.dossier(&coord, &s.reference).await);
    let p = app.add(&s.path, None, &[("een.pdf", &pdf_of(10, 1))]).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    // 20 kB more would pass the 25 kB of the complaint: refused at the field, nothing stored.
    let p = app
        .add(
            &s.path,
            Some("Twee bijlagen"),
            &[("twee.pdf", &pdf_of(10, 2)), ("drie.pdf", &pdf_of(10, 3))],
        )
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p.body.contains(
            "<li><a href=\"#attachments\">Bij deze klacht kunt u samen nog 15 kB aan bestanden toevoegen. Kies minder of kleinere bestanden, of neem contact met ons op.</a></li>"
        ),
        "{}",
        p.body
    );
    assert_eq!(version(&app.dossier(&coord, &s.reference).await), start + 1);
    // A message alone is the second addition; after it, nothing more.
    let p = app.add(&s.path, Some("Alleen tekst"), &[]).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let p = app.add(&s.path, Some("Nog een derde"), &[]).await;
    assert_eq!(p.status, StatusCode::CONFLICT);
    let quota = "U heeft via deze pagina al 2 keer iets toegevoegd. Meer kan hier niet. Wilt u ons nog iets laten weten? Neem dan contact met ons op.";
    assert!(p.body.contains(quota), "{}", p.body);
    assert_eq!(version(&app.dossier(&coord, &s.reference).await), start + 2);
    let p = app.page(&s.path, &[]).await;
    assert!(p.body.contains(quota));
    assert!(
        !p.body.contains("enctype=\"multipart/form-data\""),
        "no form"
    );
    let p = app.page(&format!("{}?lang=en", s.path), &[]).await;
    assert!(
        p.body
            .contains("You have already added something 2 times through this page.")
    );
    // Only the one file that was accepted is on disk.
    let files: usize = std::fs::read_dir(&app.documents)
        .unwrap()
        .map(|d| std::fs::read_dir(d.unwrap().path()).unwrap().count())
        .sum();
    assert_eq!(files, 1);
}

/// The files sent with the form are the complaint itself, not additions: they do not use up
/// what the status link may still take.
#[tokio::test]
async fn the_forms_own_attachments_do_not_count_against_the_status_links_quota() {
    let app = app_with(|s| {
        s.additions_per_complaint = 1;
        s.addition_bytes_per_complaint = 15 * 1024;
    })
    .await;
    let form = Form::new()
        .text("name", "Sanne de Vries")
        .text("email", "sanne@example.nl")
        .text("description", "Met een bijlage.")
        .text("privacy_accepted", "yes")
        .part(
            "attachments",
            Part::bytes(pdf_of(12, 1))
                .file_name("bij het formulier.pdf")
                .mime_str("application/pdf")
                .unwrap(),
        );
    let res = app
        .http
        .post(format!("{}/", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let thanks = res.headers()[LOCATION].to_str().unwrap();
    let token = thanks
        .strip_prefix("/bedankt/")
        .unwrap()
        .split('?')
        .next()
        .unwrap();
    let path = format!("/status/{token}");
    let p = app.page(&path, &[]).await;
    assert!(
        p.body.contains("enctype=\"multipart/form-data\""),
        "the form is offered"
    );
    let p = app
        .add(&path, Some("Nog een"), &[("later.pdf", &pdf_of(12, 2))])
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
}

/// A link that was never issued opens nothing (404), and says so without echoing it.
#[tokio::test]
async fn t10_an_unknown_token_is_404() {
    let app = app().await;
    let unknown = "/status/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    for path in [
        unknown,
        "/status/kort",
        "/status/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ] {
        let p = app.page(path, &[]).await;
        assert_eq!(p.status, StatusCode::NOT_FOUND, "{path}");
        p.assert_private();
        assert!(p.body.contains("Deze pagina bestaat niet"));
        assert!(p.body.contains("klachten@voorbeeld.nl"), "how to reach us");
        assert!(!p.body.contains("<script>"));
    }
    let p = app.add(unknown, Some("hallo"), &[]).await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    let p = app.answer(unknown, &[("satisfied", "yes")]).await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
}

/// T10: once revoked through the staff API (a link that reached someone else), the page is gone
/// (410) for reading and for adding, with the organisation's contact details.
#[tokio::test]
async fn t10_a_revoked_link_is_gone() {
    let app = app().await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    let s = app.submit("Niet teruggebeld.").await;
    assert_eq!(app.page(&s.path, &[]).await.status, StatusCode::OK);

    app.step(
        &coord,
        &s.reference,
        "status-links/revoke",
        json!({"reason": "De link is doorgestuurd naar een buurman."}),
    )
    .await;
    let before = version(&app.dossier(&coord, &s.reference).await);

    let p = app.page(&s.path, &[]).await;
    assert_eq!(p.status, StatusCode::GONE);
    p.assert_private();
    assert!(p.body.contains("<h1>Deze link werkt niet meer</h1>"));
    assert!(p.body.contains("klachten@voorbeeld.nl"));
    assert!(!p.body.contains(&s.reference), "a dead link tells nothing");
    let p = app.page(&format!("{}?lang=en", s.path), &[]).await;
    assert_eq!(p.status, StatusCode::GONE);
    assert!(p.body.contains("This link no longer works"));
    let p = app.add(&s.path, Some("hallo"), &[]).await;
    assert_eq!(p.status, StatusCode::GONE);
    assert_eq!(version(&app.dossier(&coord, &s.reference).await), before);
}

/// A closed complaint's link works for `status_link_days` (90) days after closing, then is gone
/// (410); adding to a closed complaint is refused with the engine's reason (409).
#[tokio::test]
async fn t10_a_closed_complaints_link_expires_after_status_link_days() {
    let app = app().await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    app.user("h@x.nl", "Hans", &[Role::Handler]).await;
    let s = app.submit("Niet teruggebeld.").await;
    let closed_at = app.close(&coord, &s.reference).await;
    // Closed at the clock's time: Friday 1 May 2026, 09:00 in Amsterdam.
    assert_eq!(
        closed_at,
        "2026-05-01T07:00:00Z".parse::<Timestamp>().unwrap()
    );

    let p = app.page(&s.path, &[]).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("Afgehandeld"));
    assert!(
        p.body
            .contains("Wij hebben u op 1 mei 2026 ons antwoord gegeven."),
        "{}",
        p.body
    );
    // The decision letter, in full.
    assert!(
        p.body
            .contains(&format!("Beslissing op uw klacht {}", s.reference))
    );
    assert!(
        p.body
            .contains("U heeft gelijk: wij bellen voortaan terug.")
    );
    assert!(
        !p.body.contains("enctype=\"multipart/form-data\""),
        "no form once closed"
    );
    assert!(p.body.contains("U kunt hier niets meer toevoegen."));
    let before = version(&app.dossier(&coord, &s.reference).await);
    let p = app.add(&s.path, Some("Nog iets"), &[]).await;
    assert_eq!(p.status, StatusCode::CONFLICT);
    assert!(
        p.body
            .contains("Uw klacht is afgehandeld; u kunt niets meer toevoegen.")
    );
    assert_eq!(version(&app.dossier(&coord, &s.reference).await), before);

    // 90 days after Friday 1 May 2026 09:00 (all in summer time, +02:00): 31 May is 30 days
    // after, 30 June 60 and 30 July 90. A minute before, the link works; a minute after, gone.
    app.set_clock("2026-07-30T08:59:00+02:00");
    assert_eq!(app.page(&s.path, &[]).await.status, StatusCode::OK);
    app.set_clock("2026-07-30T09:01:00+02:00");
    let p = app.page(&s.path, &[]).await;
    assert_eq!(p.status, StatusCode::GONE);
    p.assert_private();
    assert!(p.body.contains("Deze link werkt niet meer"));
    assert!(p.body.contains("020 123 45 67"));
    let p = app.answer(&s.path, &[("satisfied", "yes")]).await;
    assert_eq!(p.status, StatusCode::GONE);
}

/// After closing the complainant is asked whether they are satisfied; under a regulation without
/// standard answers "no" asks the coordinator to reopen (the dossier says `reopen_requested`),
/// and the question is answered once.
#[tokio::test]
async fn not_satisfied_requests_reopening_and_is_answered_once() {
    let app = app_yes_no().await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    app.user("h@x.nl", "Hans", &[Role::Handler]).await;
    let s = app.submit("Niet teruggebeld.").await;
    app.close(&coord, &s.reference).await;

    let p = app.page(&s.path, &[]).await;
    let html = &p.body;
    assert!(
        html.contains("<section class=\"status-form\" id=\"tevredenheid\""),
        "{html}"
    );
    assert!(html.contains(&format!(
        "<form method=\"post\" action=\"{}/tevredenheid\"",
        s.path
    )));
    assert!(html.contains("type=\"radio\" id=\"satisfied-yes\" name=\"satisfied\" value=\"yes\""));
    assert!(html.contains("type=\"radio\" id=\"satisfied-no\" name=\"satisfied\" value=\"no\""));

    // No choice: the error pattern, the comment kept.
    let before = version(&app.dossier(&coord, &s.reference).await);
    let p = app
        .answer(&s.path, &[("comment", "Het <b>duurde</b> lang")])
        .await;
    assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p.body
            .contains("<li><a href=\"#satisfied-yes\">Kies of u tevreden bent.</a></li>")
    );
    assert!(
        p.body
            .contains("aria-describedby=\"satisfied-hint satisfied-error\"")
    );
    assert!(
        p.body.contains("Het &#60;b&#62;duurde&#60;/b&#62; lang")
            || p.body.contains("Het &lt;b&gt;duurde&lt;/b&gt; lang")
    );
    assert_eq!(version(&app.dossier(&coord, &s.reference).await), before);

    let p = app
        .answer(
            &s.path,
            &[("satisfied", "no"), ("comment", "Het duurde te lang.")],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    assert_eq!(p.location(), format!("{}?answered=1#tevredenheid", s.path));
    p.assert_private();
    let p = app.page(&format!("{}?answered=1", s.path), &[]).await;
    assert!(p.body.contains("role=\"status\""));
    assert!(p.body.contains("Onze klachtencoördinator neemt contact met u op om te bespreken of wij uw klacht opnieuw behandelen."), "{}", p.body);
    assert!(!p.body.contains("name=\"satisfied\""), "asked once");

    let d = app.dossier(&coord, &s.reference).await;
    assert_eq!(d["satisfied"], false);
    assert_eq!(d["reopen_requested"], true);
    let answered = d["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "satisfaction_answered")
        .unwrap();
    assert_eq!(answered["comment"], "Het duurde te lang.");

    // A second answer is refused, with the engine's reason, in the page's language.
    let p = app.answer(&s.path, &[("satisfied", "yes")]).await;
    assert_eq!(p.status, StatusCode::CONFLICT);
    assert!(p.body.contains("U heeft deze vraag al beantwoord."));
    let p = app
        .answer(&format!("{}?lang=en", s.path), &[("satisfied", "yes")])
        .await;
    assert_eq!(p.status, StatusCode::CONFLICT);
    assert!(p.body.contains("You have already answered this question."));
    assert_eq!(
        version(&app.dossier(&coord, &s.reference).await),
        version(&d)
    );
}

/// Issue 18: the regulation's standard answers are offered as the choice; the one chosen says
/// whether the complainant is satisfied and whether the coordinator is asked to reopen, shows on
/// the page and in the dossier, and is counted in the half-year report.
#[tokio::test]
async fn t13_the_standard_answers_are_offered_and_only_the_one_asking_to_reopen_asks_it() {
    let app = app().await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    app.user("h@x.nl", "Hans", &[Role::Handler]).await;
    let s = app.submit("Niet teruggebeld.").await;
    app.close(&coord, &s.reference).await;

    let p = app.page(&s.path, &[]).await;
    let html = &p.body;
    for (id, value, label) in [
        ("answer", "opgelost", "Ja, mijn klacht is opgelost"),
        ("answer-te_lang", "te_lang", "Nee, het duurde te lang"),
        (
            "answer-niet_opgelost",
            "niet_opgelost",
            "Nee, mijn klacht is niet opgelost; ik wil dat u haar opnieuw bekijkt",
        ),
    ] {
        assert!(
            html.contains(&format!(
                "type=\"radio\" id=\"{id}\" name=\"answer\" value=\"{value}\""
            )),
            "{id}: {html}"
        );
        assert!(html.contains(&format!(
            "<label class=\"checkbox__label\" for=\"{id}\">{label}</label>"
        )));
    }
    assert!(!html.contains("name=\"satisfied\""), "no bare yes or no");

    // No choice, or an answer the regulation does not have: the error, nothing stored.
    let before = version(&app.dossier(&coord, &s.reference).await);
    for form in [vec![("satisfied", "yes")], vec![("answer", "geweldig")]] {
        let p = app.answer(&s.path, &form).await;
        assert_eq!(p.status, StatusCode::UNPROCESSABLE_ENTITY, "{form:?}");
        assert!(
            p.body.contains(
                "<li><a href=\"#answer\">Kies het antwoord dat het best past bij uw ervaring.</a></li>"
            ),
            "{}",
            p.body
        );
    }
    assert_eq!(version(&app.dossier(&coord, &s.reference).await), before);

    // Not satisfied, without asking to reopen: thanked, and nobody is asked to reopen.
    let p = app
        .answer(
            &s.path,
            &[("answer", "te_lang"), ("comment", "Drie weken.")],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let p = app.page(&format!("{}?answered=1", s.path), &[]).await;
    assert!(
        p.body.contains(
            "Dank u voor uw antwoord. Jammer dat u niet tevreden bent. Wij gebruiken uw antwoord om beter te worden."
        ),
        "{}",
        p.body
    );
    assert!(p.body.contains("Uw antwoord: Nee, het duurde te lang"));
    let d = app.dossier(&coord, &s.reference).await;
    assert_eq!(
        (d["satisfied"].clone(), d["reopen_requested"].clone()),
        (json!(false), json!(false))
    );
    let answered = d["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "satisfaction_answered")
        .unwrap();
    assert_eq!(answered["answer"], "te_lang");
    assert_eq!(answered["comment"], "Drie weken.");

    // The answer that asks to reopen does.
    let t = app.submit("Weer niet teruggebeld.").await;
    app.close(&coord, &t.reference).await;
    let p = app.answer(&t.path, &[("answer", "niet_opgelost")]).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
    let p = app.page(&t.path, &[]).await;
    assert!(p.body.contains(
        "Onze klachtencoördinator neemt contact met u op over het opnieuw behandelen van uw klacht."
    ));
    let d = app.dossier(&coord, &t.reference).await;
    assert_eq!(d["reopen_requested"], true);

    // Counted in the half-year report: two closed, both answered, neither satisfied.
    let (status, r) = app
        .get("/api/v1/reports/half-year?year=2026&half=1", &coord)
        .await;
    assert_eq!(status, StatusCode::OK);
    let sat = &r["satisfaction"];
    assert_eq!(
        (
            sat["closed"].clone(),
            sat["answered"].clone(),
            sat["not_satisfied"].clone()
        ),
        (json!(2), json!(2), json!(2))
    );
    assert_eq!(sat["response_rate"], 100.0);
    let by_answer: Vec<(String, serde_json::Value)> = sat["by_answer"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap().to_owned(), a["count"].clone()))
        .collect();
    assert_eq!(
        by_answer,
        [
            ("opgelost".to_owned(), json!(0)),
            ("goed_behandeld".to_owned(), json!(0)),
            ("te_lang".to_owned(), json!(1)),
            ("niet_gehoord".to_owned(), json!(0)),
            ("niet_opgelost".to_owned(), json!(1)),
        ]
    );
}

/// "Yes" thanks without mention of reopening; the answer is remembered on the page.
#[tokio::test]
async fn satisfied_is_thanked_and_remembered() {
    let app = app_yes_no().await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    app.user("h@x.nl", "Hans", &[Role::Handler]).await;
    let s = app.submit("Niet teruggebeld.").await;
    app.close(&coord, &s.reference).await;
    let p = app.answer(&s.path, &[("satisfied", "yes")]).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    let p = app.page(&format!("{}?answered=1", s.path), &[]).await;
    assert!(p.body.contains("Dank u voor uw antwoord."));
    assert!(!p.body.contains("opnieuw"));
    let p = app.page(&s.path, &[]).await;
    assert!(p.body.contains("U heeft laten weten dat u tevreden bent."));
    let d = app.dossier(&coord, &s.reference).await;
    assert_eq!(
        (d["satisfied"].clone(), d["reopen_requested"].clone()),
        (json!(true), json!(false))
    );
}

/// WCAG 2.1 AA: every state of the page — open, with errors, closed with the satisfaction
/// question (and its errors, and the thanks), gone and unknown — passes axe-core in a real
/// Chromium, and the error summary takes the focus. Skipped without Chromium (see
/// `support/browser.rs`).
#[tokio::test(flavor = "multi_thread")]
async fn wcag_every_state_of_the_status_page_passes_axe() {
    let Some(b) = browser::Browser::start().await else {
        return;
    };
    let app = app().await;
    let coord = app.user("c@x.nl", "Carla", &[Role::Coordinator]).await;
    app.user("h@x.nl", "Hans", &[Role::Handler]).await;
    let s = app.submit("Niet teruggebeld.").await;
    let url = |path: &str| format!("{}{path}", app.base);

    b.goto(&url(&format!("{}?lang=nl", s.path))).await;
    assert_eq!(b.text("h1").await, format!("Uw klacht {}", s.reference));
    b.assert_no_axe_violations("the status page").await;

    // Nothing typed: the error summary, focused, linking to the field.
    b.click("form[enctype] button[type=submit]").await;
    b.find(".error-summary").await;
    assert_eq!(
        b.active_element_attr("class").await.as_deref(),
        Some("error-summary")
    );
    assert_eq!(
        b.attr("#text", "aria-describedby").await.as_deref(),
        Some("text-hint text-error")
    );
    b.assert_no_axe_violations("the status page with an error")
        .await;

    app.close(&coord, &s.reference).await;
    b.goto(&url(&s.path)).await;
    b.find("#tevredenheid").await;
    b.assert_no_axe_violations("the satisfaction question")
        .await;
    b.click("#tevredenheid button[type=submit]").await;
    b.find(".error-summary").await;
    b.assert_no_axe_violations("the satisfaction question with an error")
        .await;
    b.click("#answer-te_lang").await;
    b.fill("#comment", "Het duurde te lang.").await;
    b.click("#tevredenheid button[type=submit]").await;
    b.find("#tevredenheid .notice").await;
    assert!(b.current_url().await.ends_with("?answered=1#tevredenheid"));
    b.assert_no_axe_violations("the thanks for the answer")
        .await;

    app.step(&coord, &s.reference, "status-links/revoke", json!({}))
        .await;
    b.goto(&url(&s.path)).await;
    assert_eq!(b.text("h1").await, "Deze link werkt niet meer");
    b.assert_no_axe_violations("a revoked link").await;
    b.goto(&url(
        "/status/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?lang=en",
    ))
    .await;
    assert_eq!(b.text("h1").await, "Page not found");
    b.assert_no_axe_violations("an unknown link").await;
    b.close().await;
}
