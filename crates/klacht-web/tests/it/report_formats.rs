//! The reports as people get them (issue 5; T13, T15, K13, T21): the back-office page that
//! chooses a report, the standalone print-ready HTML, the CSV of its tables, the PDF and the SVG
//! charts, on a small crafted data set counted by hand. A PDF page and a chart are turned into
//! PNG files in `target/report-artifacts/` (pdftoppm, rsvg-convert) so that they can be looked
//! at.

use crate::support::app;
use crate::support::desk;

use app::{TestApp, staff_user};
use desk::Desk;
use jiff::Timestamp;
use klacht_core::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::path::PathBuf;

/// The figures are of 15 July 2026: the first half of 2026 is over.
const NOW: &str = "2026-07-15T09:00:00+02:00";

struct Set {
    app: TestApp,
    token: String,
    coord: Desk,
    /// Every reference, in order of receipt.
    references: Vec<String>,
    sensitive: String,
}

/// With the CSV's separator, quotes and an ampersand, to prove the quoting and escaping.
const SUMMARY: &str = "Gegevens van een cliënt kwamen bij een derde terecht; \"nooit meer\" & de procedure is aangepast.";

async fn post(app: &TestApp, token: &str, path: &str, body: Value) {
    let (status, v) = app.post(path, token, body).await;
    assert_eq!(status, StatusCode::OK, "{v}");
}

/// One complaint in December 2025; seven in the first half of 2026: by phone on 5 January,
/// 2 March (sensitive, privacy, with a summary for the report), 7 April and 1 June; by e-mail
/// on 2 February and 6 April; by letter on 16 March. None acknowledged or decided.
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
    let mut references = Vec::new();
    for (channel, at) in [
        ("phone", "2025-12-15T10:00:00+01:00"),
        ("phone", "2026-01-05T10:00:00+01:00"),
        ("email", "2026-02-02T10:00:00+01:00"),
        ("phone", "2026-03-02T10:00:00+01:00"),
        ("letter", "2026-03-16T10:00:00+01:00"),
        ("email", "2026-04-06T10:00:00+02:00"),
        ("phone", "2026-04-07T10:00:00+02:00"),
        ("phone", "2026-06-01T10:00:00+02:00"),
    ] {
        references.push(
            app.register_complaint(
                &token,
                json!({"name": "Jan Jansen", "email": "jan@example.nl",
                       "description": "De vrijwilliger kwam niet opdagen.",
                       "channel": channel, "received_at": at}),
            )
            .await,
        );
    }
    let sensitive = references[3].clone();
    post(
        &app,
        &token,
        &format!("/api/v1/complaints/{sensitive}/classify"),
        json!({"categories": ["privacy"], "severity": "serious", "sensitive": true}),
    )
    .await;
    post(
        &app,
        &token,
        &format!("/api/v1/complaints/{sensitive}/report-summary"),
        json!({"text": SUMMARY}),
    )
    .await;
    let coord = Desk::sign_in(&app, "coord@example.org", secret.as_deref()).await;
    Set {
        app,
        token,
        coord,
        references,
        sensitive,
    }
}

/// `target/report-artifacts/`, made if need be.
fn artifacts() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.parent().map_or_else(
        || tmp.join("report-artifacts"),
        |t| t.join("report-artifacts"),
    );
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Whether a tool the test needs is installed; if not, says so and the test is skipped, unless
/// KLACHT_REQUIRE_BROWSER=1 (CI), where it fails.
fn tool(name: &str) -> bool {
    let found = std::process::Command::new(name).arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var("KLACHT_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "{name} is required (KLACHT_REQUIRE_BROWSER=1): install poppler-utils and librsvg2-bin"
        );
        eprintln!("SKIPPED: {name} is not installed");
    }
    found
}

fn is_png(bytes: &[u8]) -> bool {
    bytes.len() > 100 && bytes.starts_with(b"\x89PNG\r\n\x1a\n")
}

/// A table of the report: the CSV's name for it, the JSON's key and its rows (label, count).
type Table = (&'static str, &'static str, &'static [(&'static str, u64)]);

/// The crafted set's figures per table, counted by hand (see `crafted`): seven complaints in the
/// first half of 2026, four by phone (oral), two by e-mail and one by letter (written); one
/// classified as privacy and serious, the other six not at all; no relation given; none decided.
/// The rows in the order the report lists them.
const COUNTS: [Table; 6] = [
    (
        "categorie",
        "by_category",
        &[
            ("Dienstverlening", 0),
            ("Communicatie en bejegening", 0),
            ("Fondsenwerving en donaties", 0),
            ("Financiën en administratie", 0),
            ("Privacy en persoonsgegevens", 1),
            ("Overig", 0),
            ("Niet ingedeeld", 6),
        ],
    ),
    (
        "ernst",
        "by_severity",
        &[
            ("Licht", 0),
            ("Normaal", 0),
            ("Ernstig", 1),
            ("Zeer ernstig", 0),
            ("Niet ingedeeld", 6),
        ],
    ),
    (
        "kanaal",
        "by_channel",
        &[
            ("Klachtenformulier op de website", 0),
            ("E-mail", 2),
            ("Telefoon", 4),
            ("Brief", 1),
            ("Persoonlijk", 0),
            ("Social media", 0),
        ],
    ),
    ("vorm", "by_form", &[("Schriftelijk", 3), ("Mondeling", 4)]),
    (
        "relatie",
        "by_relation",
        &[
            ("Samenwerkingspartner", 0),
            ("Leverancier", 0),
            ("Hulpverleningsorganisatie", 0),
            ("Klant", 0),
            ("Vrijwilliger", 0),
            ("Sollicitant", 0),
            ("Andere relatie", 0),
            ("Niet ingedeeld", 7),
        ],
    ),
    (
        "uitkomst",
        "outcomes",
        &[
            ("Gegrond", 0),
            ("Deels gegrond", 0),
            ("Ongegrond", 0),
            ("Niet ontvankelijk", 0),
            ("Opgelost", 0),
        ],
    ),
];

/// Text as the templates escape it.
fn escape(s: &str) -> String {
    s.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

#[tokio::test]
async fn t13_the_half_year_page_has_every_section_the_figures_and_captioned_tables() {
    let mut set = crafted().await;
    let (status, headers, body) = set
        .coord
        .download("/beheer/verslagen/halfjaar?year=2026&half=1")
        .await;
    let html = String::from_utf8(body).unwrap();
    std::fs::write(artifacts().join("klachtenverslag-2026-H1.html"), &html).unwrap();
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    // Standalone: its style inline, allowed by its hash, and no script.
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("style-src 'sha256-"), "{csp}");
    assert!(!html.contains("<script"));
    assert!(html.contains("@page { size: A4"), "print CSS");
    assert!(
        html.contains("h2, h3, caption { break-after: avoid; }"),
        "in print a heading stays with what follows it"
    );
    assert!(html.contains("<html lang=\"nl\">"));

    for id in [
        "overzicht",
        "ontvangen",
        "verloop",
        "afhandeling",
        "termijnen",
        "bijzonder",
        "aanbevelingen",
        "analyse",
    ] {
        assert!(
            html.contains(&format!(
                "<section class=\"part\" id=\"{id}\" aria-labelledby=\"{id}-heading\">"
            )),
            "section {id}"
        );
        assert!(html.contains(&format!("<h2 id=\"{id}-heading\">")));
    }
    assert!(html.contains("Klachtenverslag 2026, 1e halfjaar"));
    // Every table has a caption and header cells with a scope.
    let tables = html.matches("<table").count();
    assert!(tables >= 12, "{tables} tables");
    assert_eq!(html.matches("<caption id=\"tabel-").count(), tables);
    // Each scrolls inside a region named by its caption (a phone, WCAG 1.4.10).
    assert_eq!(
        html.matches("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"tabel-")
            .count(),
        tables
    );
    assert!(!html.contains("<th>"), "every th has a scope");

    // The hand count: seven received (four by phone, two by e-mail, one letter), one before.
    let row = |label: &str, cells: &[&str]| {
        let mut s = format!("<th scope=\"row\">{label}</th>");
        for c in cells {
            s.push_str(&format!("<td class=\"num\">{c}</td>"));
        }
        s
    };
    assert!(
        html.contains(&row("Ontvangen", &["7", "1"])),
        "received, previous"
    );
    for (month, received) in [
        ("2026-01", "1"),
        ("2026-02", "1"),
        ("2026-03", "2"),
        ("2026-04", "2"),
        ("2026-05", "0"),
        ("2026-06", "1"),
    ] {
        assert!(
            html.contains(&row(month, &[received, "0"])),
            "month {month}: {received}"
        );
    }
    // The labels and figures of the JSON, as the table rows show them.
    let r = set
        .app
        .get_ok("/api/v1/reports/half-year?year=2026&half=1", &set.token)
        .await;
    assert_eq!(r["total"], 7);
    // The labels and figures the tables show: those of the crafted set ([`COUNTS`]), as the JSON
    // has them too.
    for (_, key, rows) in COUNTS {
        if key == "by_relation" {
            continue;
        }
        for (label, count) in rows.iter().filter(|(l, _)| *l != "Niet ingedeeld") {
            let item = r[key]["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["label"] == *label)
                .unwrap_or_else(|| panic!("{key}: {label}"));
            assert_eq!(item["count"], *count, "{key} {label}");
            assert!(
                html.contains(&row(&escape(label), &[&count.to_string()])),
                "{key} {label}"
            );
        }
    }
    let phone = r["by_channel"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "phone")
        .unwrap();
    assert_eq!(phone["count"], 4);
    assert_eq!(phone["label"], "Telefoon");
    assert!(html.contains(&row("Telefoon", &["4"])));

    // Deadlines: none of the seven was acknowledged: late and still open, each listed.
    let ack = &r["deadlines"][0];
    assert_eq!(ack["late_open"], 7, "{ack}");
    assert_eq!(ack["label"], "Ontvangstbevestiging");
    assert!(html.contains("Te laat: Ontvangstbevestiging"));
    for reference in set.references.iter().skip(1) {
        assert!(
            html.contains(&format!("<th scope=\"row\">{reference}</th>")),
            "{reference} late"
        );
    }
    // The exceptional complaint with the summary written for the report.
    assert!(html.contains(&format!("<th scope=\"row\">{}</th>", set.sensitive)));
    assert!(html.contains(&escape(SUMMARY)));
    assert!(html.contains("Geen aanbevelingen"));
    assert!(html.contains("Nog geen analyse geschreven"));

    // The charts: images with a title, beside their data table, with the numbers as text.
    assert_eq!(html.matches("role=\"img\"").count(), 3);
    for id in ["grafiek-categorie", "grafiek-maand", "grafiek-op-tijd"] {
        assert!(html.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")));
        assert!(html.contains(&format!("<title id=\"{id}-title\">")));
    }
    assert!(html.contains("<div class=\"pair\">\n    <figure><svg"));
    // The links to the other formats.
    assert!(html.contains("/beheer/verslagen/halfjaar?year=2026&#38;half=1&#38;format=csv"));
    assert!(html.contains("/api/v1/reports/half-year?year=2026&#38;half=1"));

    // English, through the page language.
    let (_, _, body) = set
        .coord
        .download("/beheer/verslagen/halfjaar?year=2026&half=1&lang=en")
        .await;
    let en = String::from_utf8(body).unwrap();
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("Complaints report 2026, first half"));
    assert!(en.contains("No recommendations"));
    assert!(en.contains("No analysis written yet"));
}

#[tokio::test]
async fn t13_the_csv_reads_back_to_the_json_numbers() {
    let mut set = crafted().await;
    let (status, headers, body) = set
        .coord
        .download("/beheer/verslagen/halfjaar?year=2026&half=1&format=csv")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        headers["content-disposition"],
        "attachment; filename=\"klachtenverslag-2026-H1.csv\""
    );
    assert!(body.starts_with("\u{feff}".as_bytes()), "a BOM for Excel");
    let rows = read_csv(&body[3..], b';');
    assert_eq!(rows[0], ["tabel", "titel", "rij", "kolom", "waarde"]);
    let value = |table: &str, row: &str, column: &str| -> String {
        rows.iter()
            .find(|r| r[0] == table && r[2] == row && r[3] == column)
            .map(|r| r[4].clone())
            .unwrap_or_else(|| panic!("{table} / {row} / {column} in the CSV"))
    };
    let r = set
        .app
        .get_ok("/api/v1/reports/half-year?year=2026&half=1", &set.token)
        .await;
    // The figures of the crafted set, counted by hand ([`COUNTS`]), in the CSV and the JSON alike.
    assert_eq!(value("overzicht", "Ontvangen", "Deze periode"), "7");
    assert_eq!(r["total"], 7);
    for (table, key, rows) in COUNTS {
        let items: Vec<(String, u64)> = r[key]["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["label"].as_str().unwrap().to_owned(),
                    i["count"].as_u64().unwrap(),
                )
            })
            .collect();
        // "Niet ingedeeld" is the JSON's `unclassified`, beside the items.
        let want: Vec<(String, u64)> = rows
            .iter()
            .filter(|(l, _)| *l != "Niet ingedeeld")
            .map(|(l, n)| ((*l).to_owned(), *n))
            .collect();
        assert_eq!(items, want, "{key}");
        let unclassified = rows.iter().find(|(l, _)| *l == "Niet ingedeeld");
        if let Some((_, n)) = unclassified {
            assert_eq!(r[key]["unclassified"], *n, "{key}");
        }
        for (label, count) in rows {
            assert_eq!(value(table, label, "Aantal"), count.to_string(), "{table}");
        }
    }
    // By month of receipt: 5 January; 2 February; 2 and 16 March; 6 and 7 April; none in May;
    // 1 June. None decided.
    let months = [
        ("2026-01", 1),
        ("2026-02", 1),
        ("2026-03", 2),
        ("2026-04", 2),
        ("2026-05", 0),
        ("2026-06", 1),
    ];
    let by_month: Vec<(String, u64, u64)> = r["by_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["month"].as_str().unwrap().to_owned(),
                m["received"].as_u64().unwrap(),
                m["decided"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: Vec<(String, u64, u64)> = months
        .iter()
        .map(|(m, n)| ((*m).to_owned(), *n, 0))
        .collect();
    assert_eq!(by_month, want);
    for (month, received) in months {
        assert_eq!(value("maand", month, "Ontvangen"), received.to_string());
        assert_eq!(value("maand", month, "Afgehandeld"), "0");
    }
    // On 15 July every one of the seven is past both deadlines (the last, received 1 June, was
    // to be acknowledged by 3 June and answered by 8 June), and none was met: all late.
    let deadlines: Vec<(String, u64, u64)> = r["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["label"].as_str().unwrap().to_owned(),
                d["on_time"].as_u64().unwrap(),
                d["late"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        deadlines,
        [
            ("Ontvangstbevestiging".to_owned(), 0, 7),
            ("Beantwoording".to_owned(), 0, 7)
        ]
    );
    for label in ["Ontvangstbevestiging", "Beantwoording"] {
        assert_eq!(value("termijn", label, "Te laat"), "7");
        assert_eq!(value("termijn", label, "Op tijd"), "0");
    }
    // A field with the separator, quotes or an ampersand survives the quoting.
    assert_eq!(value("bijzonder", &set.sensitive, "Samenvatting"), SUMMARY);

    // In English: comma-separated, English headings.
    let (_, _, body) = set
        .coord
        .download("/beheer/verslagen/periode?from=2026-01-01&to=2026-03-31&format=csv&lang=en")
        .await;
    let rows = read_csv(&body[3..], b',');
    assert_eq!(rows[0], ["table", "caption", "row", "column", "value"]);
    let received = rows
        .iter()
        .find(|r| r[0] == "overzicht" && r[2] == "Received" && r[3] == "This period")
        .unwrap();
    assert_eq!(received[4], "4", "January to March: four received");
}

fn read_csv(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn t15_the_annual_formats_show_small_counts_as_below_and_no_references() {
    let mut set = crafted().await;
    let (status, _, body) = set.coord.download("/beheer/verslagen/jaar?year=2026").await;
    let html = String::from_utf8(body).unwrap();
    std::fs::write(artifacts().join("klachtenjaarverslag-2026.html"), &html).unwrap();
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Jaarverslag klachten 2026"));
    // The total is exact; four by phone is below the template's threshold of five.
    assert!(html.contains("<th scope=\"row\">Ontvangen</th><td class=\"num\">7</td>"));
    assert!(html.contains("<td class=\"num\">&#60; 5</td>"));
    assert!(
        html.contains(&escape(SUMMARY)),
        "the summary written for the report"
    );
    assert!(html.contains("geen lijst van te late klachten"));
    let (_, _, csv_body) = set
        .coord
        .download("/beheer/verslagen/jaar?year=2026&format=csv")
        .await;
    let csv_text = String::from_utf8(csv_body).unwrap();
    assert!(csv_text.contains(";< 5\r\n"), "{csv_text}");
    #[cfg_attr(not(feature = "pdf"), allow(unused_mut))]
    let mut texts = vec![("html", html), ("csv", csv_text)];
    #[cfg(feature = "pdf")]
    {
        let (status, headers, pdf) = set
            .coord
            .download("/beheer/verslagen/jaar?year=2026&format=pdf")
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            headers["content-disposition"],
            "inline; filename=\"klachtenjaarverslag-2026.pdf\""
        );
        let text = pdf_text(&pdf);
        assert!(text.contains("< 5"), "{text}");
        texts.push(("pdf", text));
    }
    for (format, text) in &texts {
        for reference in &set.references {
            assert!(!text.contains(reference.as_str()), "{format}: {reference}");
        }
        assert!(
            !text.contains("Jan Jansen") && !text.contains("jan@example.nl"),
            "{format}"
        );
        assert!(
            !text.contains("kwam niet opdagen"),
            "{format}: no complaint text"
        );
    }
}

/// T15: the total follows the small-count rule of the breakdowns. 2025 had one complaint (by
/// phone, in December): its annual report says "< 5", not "1", beside breakdowns that say
/// "< 5"; the 2026 report shows 2025 in its comparison column the same way.
#[tokio::test]
async fn t15_the_annual_report_hides_a_small_total_like_its_breakdowns() {
    let mut set = crafted().await;
    let (status, r) = set
        .app
        .get("/api/v1/reports/annual?year=2025", &set.token)
        .await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["total"], json!({"below": 5}));
    let (_, r) = set
        .app
        .get("/api/v1/reports/annual?year=2026", &set.token)
        .await;
    assert_eq!(r["total"], 7);
    assert_eq!(r["previous"]["total"], json!({"below": 5}));
    let (_, r) = set
        .app
        .get("/api/v1/reports/half-year?year=2025&half=2", &set.token)
        .await;
    assert_eq!(r["total"], 1, "the half-year report for the board is exact");

    let (status, _, body) = set.coord.download("/beheer/verslagen/jaar?year=2025").await;
    let html = String::from_utf8(body).unwrap();
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(
        html.contains("<th scope=\"row\">Ontvangen</th><td class=\"num\">&#60; 5</td>"),
        "{html}"
    );
    assert!(html.contains("&#60; 5 klachten ontvangen."), "{html}");
    assert!(!html.contains("<td class=\"num\">1</td>"), "{html}");
    let (_, _, body) = set.coord.download("/beheer/verslagen/jaar?year=2026").await;
    let html = String::from_utf8(body).unwrap();
    assert!(
        html.contains(
            "<th scope=\"row\">Ontvangen</th><td class=\"num\">7</td><td class=\"num\">&#60; 5</td>"
        ),
        "{html}"
    );
    #[cfg(feature = "pdf")]
    {
        let (status, _, pdf) = set
            .coord
            .download("/beheer/verslagen/jaar?year=2025&format=pdf")
            .await;
        assert_eq!(status, StatusCode::OK);
        let text = pdf_text(&pdf);
        assert!(text.contains("Ontvangen < 5"), "{text}");
        assert!(!text.contains("Ontvangen 1"), "{text}");
    }
}

/// The text of a PDF: pdftotext when installed, else the PDF reader the tests already use.
#[cfg(feature = "pdf")]
fn pdf_text(pdf: &[u8]) -> String {
    let raw = pdf_extract::extract_text_from_mem(pdf).expect("the PDF reads back");
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(feature = "pdf")]
#[tokio::test]
async fn t13_the_pdf_has_the_figures_and_its_first_page_renders() {
    let mut set = crafted().await;
    let (status, headers, pdf) = set
        .coord
        .download("/beheer/verslagen/halfjaar?year=2026&half=1&format=pdf")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "application/pdf");
    assert_eq!(
        headers["content-disposition"],
        "inline; filename=\"klachtenverslag-2026-H1.pdf\""
    );
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    for expected in [
        "Klachtenverslag 2026, 1e halfjaar",
        "Kerncijfers, met de vorige periode",
        "Ontvangen 7 1",
        "Ontvangen en afgehandeld per maand",
        "2026-03 2 0",
        "2026-04 2 0",
        "Termijnen: op tijd en te laat",
        "Bijzondere klachten met hun samenvatting",
        "Geen aanbevelingen",
        "Nog geen analyse geschreven",
        "Pagina 1 van",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    assert!(
        text.contains(&set.sensitive),
        "the half-year report names references"
    );
    assert!(text.contains("procedure is aangepast"));

    let dir = artifacts();
    let file = dir.join("klachtenverslag-2026-H1.pdf");
    std::fs::write(&file, &pdf).unwrap();
    if tool("pdftotext") {
        let out = std::process::Command::new("pdftotext")
            .args(["-layout"])
            .arg(&file)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Klachtenverslag 2026, 1e halfjaar"), "{text}");
        assert!(text.contains("Ontvangen"), "{text}");
    }
    if tool("pdftoppm") {
        let prefix = dir.join("klachtenverslag-2026-H1-pagina");
        let out = std::process::Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&file)
            .arg(&prefix)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let png = std::fs::read(prefix.with_extension("png")).unwrap();
        assert!(is_png(&png), "page 1 as PNG");
    }
}

#[tokio::test]
async fn t13_the_charts_are_svg_with_their_numbers_and_render_to_png() {
    let mut set = crafted().await;
    let (_, _, body) = set
        .coord
        .download("/beheer/verslagen/halfjaar?year=2026&half=1")
        .await;
    let html = String::from_utf8(body).unwrap();
    let start = html
        .find("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"grafiek-maand\"")
        .unwrap();
    let end = start + html[start..].find("</svg>").unwrap() + "</svg>".len();
    let svg = &html[start..end];
    // The months, their numbers and the legend, as text.
    for text in [
        ">2026-03</text>",
        ">2</text>",
        ">Ontvangen</text>",
        ">Afgehandeld</text>",
    ] {
        assert!(svg.contains(text), "{text} in {svg}");
    }
    assert!(svg.contains("<desc id=\"grafiek-maand-desc\">2026-01: Ontvangen 1, Afgehandeld 0;"));
    let dir = artifacts();
    let file = dir.join("grafiek-maand.svg");
    std::fs::write(&file, svg).unwrap();
    if tool("rsvg-convert") {
        let png = dir.join("grafiek-maand.png");
        let out = std::process::Command::new("rsvg-convert")
            .arg("-o")
            .arg(&png)
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(is_png(&std::fs::read(&png).unwrap()), "the chart as PNG");
    }
}

#[tokio::test]
async fn t13_report_pages_are_for_readers_and_name_a_bad_parameter() {
    let mut set = crafted().await;
    // The choice page, in the navigation of readers.
    let page = set.coord.get("/beheer/verslagen").await;
    std::fs::write(artifacts().join("verslagen.html"), &page.body).unwrap();
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body
            .contains("href=\"/beheer/verslagen\" aria-current=\"page\"")
    );
    assert!(page.body.contains("action=\"/beheer/verslagen/halfjaar\""));
    assert!(page.body.contains("action=\"/beheer/verslagen/jaar\""));
    assert!(page.body.contains("action=\"/beheer/verslagen/periode\""));
    assert!(
        page.body
            .contains("/beheer/verslagen/halfjaar?year=2026&#38;half=1&#38;format=pdf")
            || !cfg!(feature = "pdf")
    );

    // A bad parameter: the form again, the field named, the input kept.
    let page = set
        .coord
        .get("/beheer/verslagen/halfjaar?year=2026&half=3&format=html")
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("<title>Fout: "));
    assert!(
        page.body
            .contains("<a href=\"#halfjaar-half\">half: verwacht 1 of 2</a>"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("<option value=\"3\" selected>3</option>")
    );
    assert!(
        page.body
            .contains("id=\"halfjaar-half\" name=\"half\" aria-invalid=\"true\"")
    );
    let page = set
        .coord
        .get("/beheer/verslagen/periode?from=2026-02-30&to=2026-03-01")
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("from: moet een datum zijn, JJJJ-MM-DD"));
    assert!(page.body.contains("value=\"2026-02-30\""));
    let page = set
        .coord
        .get("/beheer/verslagen/jaar?year=2026&format=xls")
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("<a href=\"#jaar-format\">format: verwacht html")
    );
    assert!(
        page.body
            .contains("<option value=\"xls\" selected>xls</option>")
    );
    let page = set
        .coord
        .get("/beheer/verslagen/jaar?year=1999&format=csv")
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("year: verwacht een jaar van 2000 tot en met 2200")
    );
    assert!(
        page.body
            .contains("<option value=\"csv\" selected>CSV</option>"),
        "the format kept"
    );
    assert!(page.body.contains("value=\"1999\""));

    // Not a reader: refused, and no link in the navigation.
    let (_, secret) = staff_user(&set.app, "h@example.org", "Hans Handler", &[Role::Handler]).await;
    let mut handler = Desk::sign_in(&set.app, "h@example.org", secret.as_deref()).await;
    for path in [
        "/beheer/verslagen",
        "/beheer/verslagen/halfjaar?year=2026&half=1",
        "/beheer/verslagen/jaar?year=2026&format=csv",
        "/beheer/verslagen/periode?from=2026-01-01&to=2026-01-31&format=pdf",
    ] {
        let page = handler.get(path).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
        assert!(page.body.contains("De verslagen zijn voor de coördinator"));
        assert!(!page.body.contains("<table"), "{path}: no figures");
    }
    let home = handler.get("/beheer").await;
    assert!(!home.body.contains("/beheer/verslagen"));
}

/// K13, T15: the coordinator writes the analysis for the half-year report from the reports
/// page; every format then carries it, a second version replaces the first, an empty text is
/// refused with the input kept, and a handler may not write it.
#[tokio::test]
async fn k13_t15_the_coordinator_writes_the_analysis_from_the_reports_page() {
    let mut set = crafted().await;
    let page = set.coord.get("/beheer/verslagen").await;
    let link = "/beheer/verslagen/analyse?kind=half_year&#38;from=2026-01-01&#38;to=2026-06-30";
    assert!(page.body.contains(link), "{}", page.body);
    let form = set
        .coord
        .get("/beheer/verslagen/analyse?kind=half_year&from=2026-01-01&to=2026-06-30")
        .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert!(form.body.contains("het halfjaarverslag 2026-H1"));
    assert!(form.body.contains("nog geen analyse geschreven"));

    let csrf = form.csrf();
    let fields = |text: &'static str| -> Vec<(&'static str, String)> {
        vec![
            ("csrf", csrf.clone()),
            ("kind", "half_year".to_owned()),
            ("from", "2026-01-01".to_owned()),
            ("to", "2026-06-30".to_owned()),
            ("text", text.to_owned()),
        ]
    };
    // Empty: refused, named, nothing stored.
    let sent = fields("   ");
    let refs: Vec<(&str, &str)> = sent.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = set.coord.post("/beheer/verslagen/analyse", &refs).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("aria-invalid=\"true\""));
    let report = set
        .app
        .get_ok("/api/v1/reports/half-year?year=2026&half=1", &set.token)
        .await;
    assert_eq!(report["analysis"], Value::Null);

    for text in [
        "Eerste versie.",
        "Telefonische klachten namen toe; wij bevelen een vast belschema aan.",
    ] {
        let sent = fields(text);
        let refs: Vec<(&str, &str)> = sent.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let saved = set.coord.post("/beheer/verslagen/analyse", &refs).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        assert_eq!(
            saved.location.as_deref(),
            Some("/beheer/verslagen/halfjaar?year=2026&half=1")
        );
    }
    let latest = "Telefonische klachten namen toe; wij bevelen een vast belschema aan.";
    let html = set
        .coord
        .get("/beheer/verslagen/halfjaar?year=2026&half=1")
        .await;
    assert!(html.body.contains(latest), "{}", html.body);
    assert!(!html.body.contains("Eerste versie."));
    #[cfg(feature = "pdf")]
    {
        let (_, pdf) = set
            .coord
            .bytes("/beheer/verslagen/halfjaar?year=2026&half=1&format=pdf")
            .await;
        let text = pdf_text(&pdf);
        assert!(
            text.contains("wij bevelen een vast belschema aan"),
            "{text}"
        );
    }
    let again = set
        .coord
        .get("/beheer/verslagen/analyse?kind=half_year&from=2026-01-01&to=2026-06-30")
        .await;
    assert!(
        again
            .body
            .contains("Laatst geschreven door Carla Coördinator")
    );
    // Not a half year: the address names no report.
    let bad = set
        .coord
        .get("/beheer/verslagen/analyse?kind=half_year&from=2026-01-01&to=2026-05-31")
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("from: a half year runs from 1 January"));

    // A handler reads no reports and writes no analysis.
    staff_user(
        &set.app,
        "hans@example.org",
        "Hans Handler",
        &[Role::Handler],
    )
    .await;
    let mut hans = Desk::sign_in(&set.app, "hans@example.org", None).await;
    let page = hans
        .get("/beheer/verslagen/analyse?kind=half_year&from=2026-01-01&to=2026-06-30")
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}
