//! Publishing the annual report (issue 18; T15: "anonymised and available on request"; Awb
//! 9:12a): the coordinator reviews every free text, publishes the year at `/jaarverslag/{year}`
//! (HTML and PDF) with only the texts found fit, publishes again after more reviews, and
//! withdraws it; the public list and the year's page follow.

use crate::support::app;
use crate::support::desk::{Desk, Page};

use app::{TestApp, staff_user};
use jiff::Timestamp;
use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::json;
use sha2::Digest;

/// 15 January 2027: the year 2026 is over.
const NOW: &str = "2027-01-15T10:00:00+01:00";
const NAME: &str = "Jansen-Vermeulen";
const SUMMARY: &str =
    "Mevrouw Jansen-Vermeulen kreeg haar dossier niet terug; de werkwijze is aangepast.";
const ANALYSIS: &str = "Het jaar van Jansen-Vermeulen: meer klachten over bereikbaarheid.";

struct Set {
    app: TestApp,
    token: String,
    coord: Desk,
    reference: String,
}

fn hash(text: &str) -> String {
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One sensitive complaint of March 2026 with a summary for the report, and an analysis of the
/// annual report 2026, both naming someone.
async fn crafted() -> Set {
    let app = app::builtin("template", NOW.parse().unwrap(), app::PublicUrl::Test).await;
    let (id, secret) = staff_user(
        &app,
        "coord@example.org",
        "Carla Coördinator",
        &[Role::Coordinator],
    )
    .await;
    let token = app.store.create_token(id, Timestamp::now()).await.unwrap();
    let reference = app
        .register_complaint(
            &token,
            json!({"name": "Jan Jansen", "email": "jan@example.nl",
                   "description": "Mijn dossier is zoek.",
                   "channel": "phone", "received_at": "2026-03-02T10:00:00+01:00"}),
        )
        .await;
    for (action, body) in [
        (
            "classify",
            json!({"categories": ["privacy"], "sensitive": true}),
        ),
        ("report-summary", json!({"text": SUMMARY})),
    ] {
        let (status, v) = app
            .post(
                &format!("/api/v1/complaints/{reference}/{action}"),
                &token,
                body,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{v}");
    }
    let mut coord = Desk::sign_in(&app, "coord@example.org", secret.as_deref()).await;
    let form = coord
        .get("/beheer/verslagen/analyse?kind=annual&from=2026-01-01&to=2026-12-31")
        .await;
    let csrf = form.csrf();
    let saved = coord
        .post(
            "/beheer/verslagen/analyse",
            &[
                ("csrf", csrf.as_str()),
                ("kind", "annual"),
                ("from", "2026-01-01"),
                ("to", "2026-12-31"),
                ("text", ANALYSIS),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    Set {
        app,
        token,
        coord,
        reference,
    }
}

async fn csrf(coord: &mut Desk) -> String {
    coord
        .get("/beheer/verslagen/publicatie?year=2026")
        .await
        .csrf()
}

async fn publish(coord: &mut Desk) -> Page {
    let csrf = csrf(coord).await;
    coord
        .post(
            "/beheer/verslagen/publicatie/publiceren",
            &[("csrf", &csrf), ("year", "2026"), ("confirm", "yes")],
        )
        .await
}

async fn review(coord: &mut Desk, item: &str, text: &str, fit: &str) -> Page {
    let csrf = csrf(coord).await;
    coord
        .post(
            "/beheer/verslagen/publicatie/beoordeling",
            &[
                ("csrf", &csrf),
                ("year", "2026"),
                ("item", item),
                ("hash", &hash(text)),
                ("fit", fit),
            ],
        )
        .await
}

#[cfg(feature = "pdf")]
async fn pdf_text(app: &TestApp) -> String {
    let (status, headers, pdf) = Desk::new(app).download("/jaarverslag/2026.pdf").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/pdf");
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join(format!("jaarverslag-2026-{}.pdf", std::process::id()));
    std::fs::write(&file, &pdf).unwrap();
    let text = match std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
    {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        _ => pdf_extract::extract_text_from_mem(&pdf).expect("the PDF reads back"),
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn t15_an_unreviewed_summary_or_analysis_is_not_published_until_found_fit() {
    let mut set = crafted().await;
    let mut public = Desk::new(&set.app);

    // Nothing published yet: the list says so, the year is not found.
    let list = public.get("/jaarverslag").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body
            .contains("Er is nog geen jaarverslag gepubliceerd."),
        "{}",
        list.body
    );
    assert_eq!(
        public.get("/jaarverslag/2026").await.status,
        StatusCode::NOT_FOUND
    );

    // The review page lists both texts, unreviewed.
    let page = set
        .coord
        .get("/beheer/verslagen/publicatie?year=2026")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(NAME), "the coordinator reads the texts");
    assert_eq!(
        page.body
            .matches("niet beoordeeld, wordt weggelaten")
            .count(),
        2,
        "{}",
        page.body
    );

    // Publishing needs the confirmation.
    let c = csrf(&mut set.coord).await;
    let refused = set
        .coord
        .post(
            "/beheer/verslagen/publicatie/publiceren",
            &[("csrf", &c), ("year", "2026")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("Vink eerst aan dat u hebt gecontroleerd wat openbaar wordt.")
    );
    assert_eq!(
        public.get("/jaarverslag/2026").await.status,
        StatusCode::NOT_FOUND
    );

    let done = publish(&mut set.coord).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let list = public.get("/jaarverslag").await;
    assert!(
        list.body.contains("href=\"/jaarverslag/2026\""),
        "{}",
        list.body
    );
    assert!(list.body.contains("Jaarverslag 2026"), "{}", list.body);
    let year = public.get("/jaarverslag/2026").await;
    assert_eq!(year.status, StatusCode::OK);
    assert!(!year.body.contains(NAME), "{}", year.body);
    assert!(
        !year.body.contains(&set.reference),
        "no reference: {}",
        year.body
    );
    assert!(
        year.body.contains("Samenvatting niet gepubliceerd"),
        "{}",
        year.body
    );
    assert!(
        year.body.contains("Analyse niet gepubliceerd"),
        "{}",
        year.body
    );
    assert!(year.body.contains("href=\"/jaarverslag/2026.pdf\"") || cfg!(not(feature = "pdf")));
    #[cfg(feature = "pdf")]
    {
        let text = pdf_text(&set.app).await;
        assert!(
            text.contains("Jaarverslag") || text.contains("jaarverslag"),
            "{text}"
        );
        assert!(!text.contains("Jansen-Vermeulen"), "{text}");
        assert!(!text.contains("Jansen- Vermeulen"), "{text}");
    }

    // The summary found fit, the analysis not: publishing again shows the summary only.
    let item = format!("summary:{}", set.reference);
    assert_eq!(
        review(&mut set.coord, &item, SUMMARY, "yes").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        review(&mut set.coord, "analysis", ANALYSIS, "no")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    // The published page is a snapshot: it does not change until published again.
    let before = public.get("/jaarverslag/2026").await;
    assert!(!before.body.contains(NAME));
    assert_eq!(publish(&mut set.coord).await.status, StatusCode::SEE_OTHER);
    let after = public.get("/jaarverslag/2026").await;
    assert!(
        after.body.contains(SUMMARY.split(';').next().unwrap()),
        "{}",
        after.body
    );
    assert!(
        !after.body.contains("Het jaar van Jansen-Vermeulen"),
        "{}",
        after.body
    );
    assert!(
        after.body.contains("Analyse niet gepubliceerd"),
        "{}",
        after.body
    );
    #[cfg(feature = "pdf")]
    {
        let text = pdf_text(&set.app).await;
        assert!(
            text.contains("Mevrouw Jansen-Vermeulen kreeg haar dossier niet terug"),
            "{text}"
        );
        assert!(!text.contains("Het jaar van Jansen"), "{text}");
    }

    // A review of another text than the one now there is refused.
    let stale = review(&mut set.coord, "analysis", "Een oudere tekst.", "yes").await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(
        stale
            .body
            .contains("De tekst is veranderd sinds u hem las."),
        "{}",
        stale.body
    );

    // The summary changed after its review: unreviewed again, left out at the next publication.
    let (status, v) = set
        .app
        .post(
            &format!("/api/v1/complaints/{}/report-summary", set.reference),
            &set.token,
            json!({"text": "Mevrouw Jansen-Vermeulen belde drie keer."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    let page = set
        .coord
        .get("/beheer/verslagen/publicatie?year=2026")
        .await;
    assert!(
        page.body
            .contains("gewijzigd sinds de beoordeling, wordt weggelaten"),
        "{}",
        page.body
    );
    assert_eq!(publish(&mut set.coord).await.status, StatusCode::SEE_OTHER);
    let again = public.get("/jaarverslag/2026").await;
    assert!(!again.body.contains(NAME), "{}", again.body);
    assert!(
        again.body.contains("Samenvatting niet gepubliceerd"),
        "{}",
        again.body
    );
}

#[tokio::test]
async fn t15_a_withdrawn_year_is_gone_from_the_list_and_answers_gone_until_published_again() {
    let mut set = crafted().await;
    let mut public = Desk::new(&set.app);
    assert_eq!(publish(&mut set.coord).await.status, StatusCode::SEE_OTHER);
    assert_eq!(public.get("/jaarverslag/2026").await.status, StatusCode::OK);

    let c = csrf(&mut set.coord).await;
    let withdrawn = set
        .coord
        .post(
            "/beheer/verslagen/publicatie/intrekken",
            &[("csrf", &c), ("year", "2026")],
        )
        .await;
    assert_eq!(
        withdrawn.status,
        StatusCode::SEE_OTHER,
        "{}",
        withdrawn.body
    );
    let list = public.get("/jaarverslag").await;
    assert!(!list.body.contains("/jaarverslag/2026"), "{}", list.body);
    assert!(
        list.body
            .contains("Er is nog geen jaarverslag gepubliceerd."),
        "{}",
        list.body
    );
    let gone = public.get("/jaarverslag/2026").await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert!(
        gone.body
            .contains("Dit jaarverslag is ingetrokken en is niet meer openbaar."),
        "{}",
        gone.body
    );
    assert_eq!(
        public.bytes("/jaarverslag/2026.pdf").await.0,
        StatusCode::GONE
    );

    // The record in the back office: published and withdrawn, by whom.
    let page = set
        .coord
        .get("/beheer/verslagen/publicatie?year=2026")
        .await;
    assert!(
        page.body
            .contains("Het jaarverslag van dit jaar is nu niet openbaar."),
        "{}",
        page.body
    );
    assert_eq!(
        page.body.matches("(Carla Coördinator)").count(),
        2,
        "{}",
        page.body
    );

    // Withdrawing twice says there is nothing to withdraw.
    let c = csrf(&mut set.coord).await;
    let twice = set
        .coord
        .post(
            "/beheer/verslagen/publicatie/intrekken",
            &[("csrf", &c), ("year", "2026")],
        )
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);

    assert_eq!(publish(&mut set.coord).await.status, StatusCode::SEE_OTHER);
    assert_eq!(public.get("/jaarverslag/2026").await.status, StatusCode::OK);
    assert!(
        public
            .get("/jaarverslag")
            .await
            .body
            .contains("href=\"/jaarverslag/2026\"")
    );
}

#[tokio::test]
async fn t15_only_the_coordinator_and_deputy_publish_and_a_year_not_over_is_not_published() {
    let mut set = crafted().await;
    let (_, secret) = staff_user(
        &set.app,
        "dir@example.org",
        "Dirk Directeur",
        &[Role::Director],
    )
    .await;
    let mut director = Desk::sign_in(&set.app, "dir@example.org", secret.as_deref()).await;
    let page = director.get("/beheer/verslagen/publicatie?year=2026").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let c = director.get("/beheer").await.csrf();
    let refused = director
        .post(
            "/beheer/verslagen/publicatie/publiceren",
            &[("csrf", &c), ("year", "2026"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        Desk::new(&set.app).get("/jaarverslag/2026").await.status,
        StatusCode::NOT_FOUND
    );

    let c = csrf(&mut set.coord).await;
    let early = set
        .coord
        .post(
            "/beheer/verslagen/publicatie/publiceren",
            &[("csrf", &c), ("year", "2027"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        early.body.contains("Dit jaar is nog niet voorbij"),
        "{}",
        early.body
    );
    assert_eq!(
        Desk::new(&set.app).get("/jaarverslag/2027").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        Desk::new(&set.app).get("/jaarverslag/twintig").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn t15_every_public_page_links_to_the_annual_reports_in_its_footer() {
    let app = app::builtin("template", NOW.parse().unwrap(), app::PublicUrl::Test).await;
    let mut public = Desk::new(&app);
    for (lang, link) in [
        ("nl", "<li><a href=\"/jaarverslag\">Jaarverslagen</a></li>"),
        ("en", "<li><a href=\"/jaarverslag\">Annual reports</a></li>"),
    ] {
        for path in [
            "/",
            "/klachtenregeling",
            "/toegankelijkheid",
            "/jaarverslag",
        ] {
            let page = public.get(&format!("{path}?lang={lang}")).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            let footer = &page.body[page.body.find("<footer").unwrap()..];
            assert!(footer.contains(link), "{path} in {lang}:\n{footer}");
        }
    }
}

#[tokio::test]
async fn t15_the_api_reviews_publishes_and_withdraws_the_annual_report() {
    let set = crafted().await;
    let app = &set.app;
    let token = set.token.as_str();
    let path = "/api/v1/reports/annual/2026/publication";
    let (status, v) = app.get(path, token).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["public"], json!(false));
    assert_eq!(v["may_publish"], json!(true));
    let items: Vec<(&str, &str)> = v["texts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["item"].as_str().unwrap(), t["review"].as_str().unwrap()))
        .collect();
    let summary = format!("summary:{}", set.reference);
    assert_eq!(
        items,
        [(summary.as_str(), "unreviewed"), ("analysis", "unreviewed")]
    );

    // A review of a text other than the one there now is refused; of the text itself, kept.
    let (status, v) = app
        .post(
            &format!("{path}/reviews"),
            token,
            json!({"item": summary, "text_hash": hash("Een andere tekst."), "fit": true}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{v}");
    let (status, v) = app
        .post(
            &format!("{path}/reviews"),
            token,
            json!({"item": summary, "text_hash": hash(SUMMARY), "fit": true}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["texts"][0]["review"], json!("fit"));
    let (status, v) = app
        .post(
            &format!("{path}/reviews"),
            token,
            json!({"item": "analysis"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");

    let (status, v) = app.post(path, token, json!(null)).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(v["public"], json!(true));
    assert_eq!(
        v["public_url"],
        json!("http://klacht.test/jaarverslag/2026")
    );
    assert_eq!(v["history"][0]["published_by"], json!("Carla Coördinator"));
    let page = Desk::new(app).get("/jaarverslag/2026").await;
    assert!(
        page.body
            .contains("Mevrouw Jansen-Vermeulen kreeg haar dossier niet terug")
    );
    assert!(!page.body.contains("Het jaar van Jansen-Vermeulen"));

    let (status, v) = app
        .send_json(reqwest::Method::DELETE, path, token, None)
        .await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["public"], json!(false));
    assert_eq!(v["history"][0]["withdrawn_by"], json!("Carla Coördinator"));
    assert_eq!(
        Desk::new(app).get("/jaarverslag/2026").await.status,
        StatusCode::GONE
    );
    let (status, _) = app
        .send_json(reqwest::Method::DELETE, path, token, None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let board = app
        .staff_token("board@example.org", "Bea Bestuur", &[Role::Board])
        .await;
    let (status, _) = app.post(path, board.as_str(), json!(null)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app
        .get("/api/v1/reports/annual/1999/publication", token)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}
