//! The published annual reports (issue 18; T15, Awb 9:12a): `GET /jaarverslag` lists the years
//! whose report is public, `GET /jaarverslag/{year}` shows one as the print-ready page the back
//! office has (standalone, its own inline style allowed by hash, no script), and
//! `GET /jaarverslag/{year}.pdf` the same as PDF. What is shown is the snapshot stored when the
//! year was published (klacht-app's `publication`): anonymised, only the texts the coordinator
//! reviewed fit. A withdrawn year answers 410 with a page that says so; a year never published
//! answers 404.

use super::{Page, PageLang, error_page, html};
use crate::http::i18n::tr;
use crate::http::state::AppState;
use askama::Template;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use klacht_app::publication::{PublicView, Published};
use klacht_core::Lang;
use klacht_core::calendar::amsterdam_date;
use klacht_core::texts::long_date;
use klacht_print::report::{self as print, Kind};

pub const PATH: &str = "/jaarverslag";

/// A published year on the list.
struct Line {
    href: String,
    name: String,
    published: String,
}

#[derive(Template)]
#[template(path = "annual_reports.html")]
struct ListPage {
    page: Page,
    lead: String,
    intro: String,
    list_heading: String,
    empty: String,
    lines: Vec<Line>,
}

async fn list_page(
    state: &AppState,
    lang: Lang,
    status: StatusCode,
    path: &str,
    title: String,
    lead: String,
) -> Response {
    let listed = match klacht_app::publication::public_list(state).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(error = %klacht_app::with_sources(&e), "the published annual reports could not be read");
            return error_page(state, lang, path);
        }
    };
    let lines = listed
        .into_iter()
        .map(|l| Line {
            href: format!("{PATH}/{}", l.year),
            name: format!("{} {}", tr(lang, "annual-public-report-of"), l.year),
            published: format!(
                "{} {}",
                tr(lang, "annual-public-published-on"),
                long_date(amsterdam_date(l.published_at), lang)
            ),
        })
        .collect();
    let page = ListPage {
        page: Page::new(state, lang, path, title),
        lead,
        intro: tr(lang, "annual-public-intro").to_owned(),
        list_heading: tr(lang, "annual-public-list-heading").to_owned(),
        empty: tr(lang, "annual-public-none-yet").to_owned(),
        lines,
    };
    html(status, &page)
}

/// `GET /jaarverslag`: the published years, the latest first.
pub async fn index(State(state): State<AppState>, PageLang(lang): PageLang) -> Response {
    list_page(
        &state,
        lang,
        StatusCode::OK,
        PATH,
        tr(lang, "annual-public-title").to_owned(),
        tr(lang, "annual-public-lead").to_owned(),
    )
    .await
}

/// `GET /jaarverslag/{year}` and `GET /jaarverslag/{year}.pdf`.
pub async fn show(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    UrlPath(segment): UrlPath<String>,
) -> Response {
    let (digits, pdf) = match segment.strip_suffix(".pdf") {
        Some(d) => (d, true),
        None => (segment.as_str(), false),
    };
    let path = format!("{PATH}/{segment}");
    let year = match digits.parse::<i16>() {
        Ok(y) if (2000..=2200).contains(&y) && digits.len() == 4 => y,
        _ => return super::submit::not_found(&state, lang),
    };
    let view = match klacht_app::publication::public_report(&state, year).await {
        Ok(v) => v,
        Err(klacht_app::AppError::NotFound { .. }) => {
            return super::submit::not_found(&state, lang);
        }
        Err(e) => {
            tracing::error!(error = %klacht_app::with_sources(&e), year, "a published annual report could not be read");
            return error_page(&state, lang, &path);
        }
    };
    match view {
        PublicView::Withdrawn => {
            list_page(
                &state,
                lang,
                StatusCode::GONE,
                &path,
                format!(
                    "{} {year} {}",
                    tr(lang, "annual-public-report-of"),
                    tr(lang, "annual-public-withdrawn-title")
                ),
                tr(lang, "annual-public-withdrawn-text").to_owned(),
            )
            .await
        }
        PublicView::Published {
            published_at,
            report,
        } => render(&state, lang, &path, year, published_at, &report, pdf),
    }
}

fn render(
    state: &AppState,
    lang: Lang,
    path: &str,
    year: i16,
    published_at: jiff::Timestamp,
    published: &Published,
    pdf: bool,
) -> Response {
    let mut doc = print::build(
        published.report(lang),
        Kind::Annual { year },
        lang,
        &published.organisation,
    );
    doc.meta.push((
        tr(lang, "annual-public-published").to_owned(),
        long_date(amsterdam_date(published_at), lang),
    ));
    if pdf {
        return pdf_of(state, lang, path, &doc, year);
    }
    #[cfg(feature = "pdf")]
    doc.links.push((
        format!("{PATH}/{year}.pdf"),
        format!("{} (PDF)", tr(lang, "annual-public-download")),
    ));
    doc.links.push((
        PATH.to_owned(),
        tr(lang, "annual-public-all-reports").to_owned(),
    ));
    match print::render_html(&doc) {
        Ok(page) => {
            let mut r = axum::response::Html(page).into_response();
            if let Ok(v) = HeaderValue::from_str(&crate::http::pages::report_csp()) {
                r.headers_mut().insert(header::CONTENT_SECURITY_POLICY, v);
            }
            r
        }
        Err(e) => {
            tracing::error!(error = %e, year, "a published annual report could not be rendered");
            error_page(state, lang, path)
        }
    }
}

#[cfg(feature = "pdf")]
fn pdf_of(state: &AppState, lang: Lang, path: &str, doc: &print::Doc, year: i16) -> Response {
    match print::render_pdf(doc) {
        Ok(bytes) => {
            let mut r = bytes.into_response();
            let h = r.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            );
            if let Ok(v) = HeaderValue::from_str(&format!(
                "inline; filename=\"jaarverslag-{year}-{}.pdf\"",
                lang.code()
            )) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            r
        }
        Err(e) => {
            tracing::error!(error = %e, year, "a published annual report could not be made into a PDF");
            error_page(state, lang, path)
        }
    }
}

#[cfg(not(feature = "pdf"))]
fn pdf_of(state: &AppState, lang: Lang, _path: &str, _doc: &print::Doc, _year: i16) -> Response {
    // A build without PDF has no such address.
    super::submit::not_found(state, lang)
}
