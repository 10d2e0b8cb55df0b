//! The reports (T13, T15, K13) as people read them: a print-ready HTML page, a PDF, a CSV of its
//! tables and SVG charts, all made from one [`Doc`] built from the [`Report`] figures, so that
//! every format has the same sections, tables and numbers.
//!
//! A hidden count of the anonymised annual report (`{"below": N}`) reads "< N" everywhere. The
//! annual report has no references to render: [`Report::anonymise`] removed them, and the late
//! list is empty there.

pub mod svg;

#[cfg(feature = "pdf")]
pub use crate::pdf::render_report_pdf as render_pdf;

use crate::Table;
use askama::Template;
use klacht_core::Lang;
use klacht_core::reports::{
    ActionStatus, Count, DeadlineCompliance, Reason, RecommendationStatus, Report,
};
use klacht_i18n::{tr, tr_args};

/// Which report it is: decides the title, the file name and what it may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    HalfYear { year: i16, half: u8 },
    Annual { year: i16 },
    Period,
}

/// A table with a stable id (for the CSV and for anchors).
#[derive(Debug, Clone, PartialEq)]
pub struct DataTable {
    pub id: String,
    pub table: Table,
}

/// A chart and the table with its data, shown side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub id: String,
    /// The SVG (escaped, self-contained), `role="img"` with its title.
    pub svg: String,
    /// What the bars show, for drawing them in the PDF: a label per group of bars, one or two
    /// series (name, a value per label), the largest value, whether values are percentages.
    pub labels: Vec<String>,
    pub series: Vec<(String, Vec<f64>)>,
    pub max: f64,
    pub percent: bool,
    pub data: DataTable,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Text(String),
    /// Secondary text (an empty list, a note).
    Note(String),
    Table(DataTable),
    Chart(Chart),
    Subheading(String),
}

/// A section under its own heading (a page of its own when printed).
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// A report ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub lang: Lang,
    pub kind: Kind,
    pub organisation: String,
    pub title: String,
    /// "1 januari 2026 – 30 juni 2026", and the day of the figures.
    pub meta: Vec<(String, String)>,
    pub parts: Vec<Part>,
    /// Links shown on screen only (formats, back): href and label.
    pub links: Vec<(String, String)>,
    pub print_hint: String,
}

impl Doc {
    /// The catalogue's text `key` in the report's language.
    pub fn t(&self, key: &'static str) -> &'static str {
        tr(self.lang, key)
    }

    /// Every table of the report, in order (the charts' data tables among them).
    pub fn tables(&self) -> Vec<&DataTable> {
        let mut out = Vec::new();
        for p in &self.parts {
            for b in &p.blocks {
                match b {
                    Block::Table(t) => out.push(t),
                    Block::Chart(c) => out.push(&c.data),
                    _ => {}
                }
            }
        }
        out
    }

    /// `klachtenverslag-2026-H1`, `klachtenjaarverslag-2026`, `klachtenverslag-2026-01-01-2026-03-31`.
    pub fn file_stem(&self, from: &str, to: &str) -> String {
        match self.kind {
            Kind::HalfYear { year, half } => format!("klachtenverslag-{year}-H{half}"),
            Kind::Annual { year } => format!("klachtenjaarverslag-{year}"),
            Kind::Period => format!("klachtenverslag-{from}-{to}"),
        }
    }
}

/// A count as shown: the number, or "< N" when hidden.
pub fn count(c: Count) -> String {
    match c {
        Count::Exact(n) => n.to_string(),
        Count::Below { below } => format!("< {below}"),
    }
}

fn share(lang: Lang, s: Option<f64>) -> String {
    match s {
        Some(v) => {
            let text = format!("{v:.1}");
            match lang {
                Lang::Nl => format!("{} %", text.replace('.', ",")),
                Lang::En => format!("{text}%"),
            }
        }
        None => "–".to_owned(),
    }
}

fn days(d: Option<i64>) -> String {
    d.map_or_else(|| "–".to_owned(), |n| n.to_string())
}

fn date(d: jiff::civil::Date, lang: Lang) -> String {
    klacht_core::texts::long_date(d, lang)
}

fn table(id: &str, caption: String, columns: &[&str], widths: &[f32]) -> DataTable {
    DataTable {
        id: id.to_owned(),
        table: Table {
            caption,
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            widths: widths.to_vec(),
            rows: Vec::new(),
        },
    }
}

fn breakdown(
    lang: Lang,
    id: &str,
    caption: &str,
    column: &str,
    b: &klacht_core::reports::Breakdown,
    unclassified: Option<&str>,
) -> DataTable {
    let mut t = table(
        id,
        caption.to_owned(),
        &[column, tr(lang, "report-number")],
        &[3.0, 1.0],
    );
    for item in &b.items {
        t.table
            .rows
            .push(vec![item.label.clone(), count(item.count)]);
    }
    if let Some(label) = unclassified {
        t.table
            .rows
            .push(vec![label.to_owned(), count(b.unclassified)]);
    }
    t
}

/// What the complainants answered to the satisfaction question (issue 18): the totals in a
/// sentence, the standard answers, and the answers per category, outcome and severity.
fn satisfaction(s: &klacht_core::reports::Satisfaction, lang: Lang) -> Part {
    let l = |key: &'static str| tr(lang, key).to_owned();
    let mut blocks = vec![Block::Text(tr_args(
        lang,
        "report-satisfaction-intro",
        &[
            ("closed", &count(s.closed)),
            ("answered", &count(s.answered)),
            ("rate", &share(lang, s.response_rate)),
            ("satisfied", &count(s.satisfied)),
            ("not", &count(s.not_satisfied)),
            ("share", &share(lang, s.share_satisfied)),
        ],
    ))];
    if !s.by_answer.is_empty() {
        let mut t = table(
            "tevredenheid-antwoord",
            l("report-satisfaction-per-answer"),
            &[
                tr(lang, "report-satisfaction-answer"),
                tr(lang, "report-satisfaction-means"),
                tr(lang, "report-number"),
            ],
            &[3.0, 1.2, 1.0],
        );
        for a in &s.by_answer {
            t.table.rows.push(vec![
                a.label.clone(),
                l(if a.satisfied {
                    "report-satisfied"
                } else {
                    "report-not-satisfied"
                }),
                count(a.count),
            ]);
        }
        blocks.push(Block::Table(t));
    }
    for (id, caption, column, tallies) in [
        (
            "tevredenheid-categorie",
            "report-satisfaction-per-category",
            "report-category",
            &s.by_category,
        ),
        (
            "tevredenheid-uitkomst",
            "report-satisfaction-per-outcome",
            "report-outcome",
            &s.by_outcome,
        ),
        (
            "tevredenheid-ernst",
            "report-satisfaction-per-severity",
            "report-column-severity",
            &s.by_severity,
        ),
    ] {
        let mut t = table(
            id,
            l(caption),
            &[
                tr(lang, column),
                tr(lang, "report-closed"),
                tr(lang, "report-answered"),
                tr(lang, "report-satisfied"),
                tr(lang, "report-not-satisfied"),
            ],
            &[2.6, 1.0, 1.0, 1.0, 1.1],
        );
        for x in tallies {
            t.table.rows.push(vec![
                x.label.clone(),
                count(x.closed),
                count(x.answered),
                count(x.satisfied),
                count(x.not_satisfied),
            ]);
        }
        blocks.push(Block::Table(t));
    }
    Part {
        id: "tevredenheid",
        heading: l("report-satisfaction"),
        blocks,
    }
}

fn reason(lang: Lang, r: Reason) -> &'static str {
    match r {
        Reason::Sensitive => tr(lang, "report-complex-or-sensitive"),
        Reason::VerySerious => tr(lang, "report-very-serious"),
        Reason::EscalatedToBoard => tr(lang, "report-escalated-to-the-board"),
    }
}

fn recommendation_status(lang: Lang, s: RecommendationStatus) -> &'static str {
    klacht_core::vocabulary::recommendation_status(s, lang)
}

fn action_status(lang: Lang, s: ActionStatus) -> &'static str {
    klacht_core::vocabulary::action_status(s, lang)
}

/// The figure of a deadline that the share chart shows, 0 when there is none.
fn share_value(d: &DeadlineCompliance) -> f64 {
    d.share_on_time.unwrap_or(0.0)
}

/// The report as a document, in `lang`.
pub fn build(report: &Report, kind: Kind, lang: Lang, organisation: &str) -> Doc {
    let l = |key: &'static str| tr(lang, key).to_owned();
    let title = match kind {
        Kind::HalfYear { year, half } => tr_args(
            lang,
            if half == 1 {
                "report-title-first-half"
            } else {
                "report-title-second-half"
            },
            &[("year", &year.to_string())],
        ),
        Kind::Annual { year } => {
            tr_args(lang, "report-title-annual", &[("year", &year.to_string())])
        }
        Kind::Period => l("report-complaints-report-for-a-period"),
    };
    let period_text =
        |p: &klacht_core::reports::Period| format!("{} – {}", date(p.from, lang), date(p.to, lang));
    let mut meta = vec![
        (l("report-period"), period_text(&report.period)),
        (l("report-figures-as-of"), date(report.as_of, lang)),
    ];
    if matches!(kind, Kind::Annual { .. }) {
        meta.push((
            l("report-anonymous"),
            l("report-without-references-or-names-small"),
        ));
    }
    let annual = matches!(kind, Kind::Annual { .. });
    let mut parts = Vec::new();

    // Overview and comparison with the previous period.
    let mut overview = Part {
        id: "overzicht",
        heading: l("report-overview"),
        blocks: Vec::new(),
    };
    let this = l("report-this-period");
    let before = l("report-previous-period");
    let mut t = table(
        "overzicht",
        l("report-key-figures-with-the-previous-period"),
        &[tr(lang, "report-figure"), &this, &before],
        &[3.0, 1.3, 1.3],
    );
    let p = report.previous.as_ref();
    let escalated = match (report.escalations.director, report.escalations.board) {
        (Count::Exact(a), Count::Exact(b)) => Count::Exact(a + b),
        // One of them hidden: the sum would tell it.
        (Count::Below { below }, _) | (_, Count::Below { below }) => Count::Below { below },
    };
    let prev = |f: &dyn Fn(&klacht_core::reports::Summary) -> String| p.map_or("–".to_owned(), f);
    t.table.rows = vec![
        vec![
            l("report-received"),
            count(report.total),
            prev(&|s| count(s.total)),
        ],
        vec![
            l("report-decided"),
            count(report.decided),
            prev(&|s| count(s.decided)),
        ],
        vec![
            l("report-withdrawn"),
            count(report.withdrawn),
            prev(&|s| count(s.withdrawn)),
        ],
        vec![
            l("report-open-at-the-end"),
            count(report.open_at_end),
            prev(&|s| count(s.open_at_end)),
        ],
        vec![
            l("report-escalated"),
            count(escalated),
            prev(&|s| count(s.escalated)),
        ],
        vec![
            l("report-exceptional-complaints"),
            count(report.exceptional_total),
            prev(&|s| count(s.exceptional)),
        ],
    ];
    for d in &report.deadlines {
        t.table.rows.push(vec![
            tr_args(lang, "report-on-time-label", &[("label", &d.label)]),
            share(lang, d.share_on_time),
            prev(&|s| share(lang, s.share_on_time.get(&d.id).copied().flatten())),
        ]);
    }
    if let Some(s) = p {
        overview.blocks.push(Block::Note(tr_args(
            lang,
            "report-previous-period-note",
            &[("period", &period_text(&s.period))],
        )));
    }
    overview.blocks.push(Block::Table(t));
    parts.push(overview);

    // Received: per category (chart), severity, channel, form, relation.
    let mut received = Part {
        id: "ontvangen",
        heading: l("report-complaints-received"),
        blocks: vec![Block::Text(tr_args(
            lang,
            "report-received-intro",
            &[("total", &count(report.total))],
        ))],
    };
    let unclassified = tr(lang, "report-not-classified");
    let cats = breakdown(
        lang,
        "categorie",
        tr(lang, "report-received-per-category"),
        tr(lang, "report-category"),
        &report.by_category,
        Some(unclassified),
    );
    received.blocks.push(Block::Chart(svg::bars(
        "grafiek-categorie",
        tr(lang, "report-complaints-received-per-category"),
        cats.table
            .rows
            .iter()
            .filter_map(|r| match r.as_slice() {
                [label, count, ..] => Some((label.clone(), count.clone())),
                _ => None,
            })
            .collect(),
        cats,
    )));
    for (id, title, column, b, unc) in [
        (
            "ernst",
            "report-received-per-severity",
            "report-column-severity",
            &report.by_severity,
            true,
        ),
        (
            "kanaal",
            "report-received-per-channel",
            "report-column-channel",
            &report.by_channel,
            false,
        ),
        (
            "vorm",
            "report-received-per-form",
            "report-column-form",
            &report.by_form,
            false,
        ),
        (
            "relatie",
            "report-received-per-relation",
            "report-column-relation",
            &report.by_relation,
            true,
        ),
    ] {
        received.blocks.push(Block::Table(breakdown(
            lang,
            id,
            tr(lang, title),
            tr(lang, column),
            b,
            unc.then_some(unclassified),
        )));
    }
    parts.push(received);

    // Trend per month.
    let mut trend = table(
        "maand",
        l("report-received-and-decided-per-month"),
        &[
            tr(lang, "report-month"),
            tr(lang, "report-received"),
            tr(lang, "report-decided-2"),
        ],
        &[2.0, 1.0, 1.0],
    );
    for m in &report.by_month {
        trend
            .table
            .rows
            .push(vec![m.month.clone(), count(m.received), count(m.decided)]);
    }
    parts.push(Part {
        id: "verloop",
        heading: l("report-trend-per-month"),
        blocks: vec![Block::Chart(svg::trend(
            "grafiek-maand",
            tr(lang, "report-received-and-decided-per-month"),
            (tr(lang, "report-received"), tr(lang, "report-decided-2")),
            &report.by_month,
            trend,
        ))],
    });

    // Handling: outcomes, withdrawn, escalations.
    let mut handling = Part {
        id: "afhandeling",
        heading: l("report-handling"),
        blocks: vec![Block::Text(tr_args(
            lang,
            "report-handling-intro",
            &[
                ("decided", &count(report.decided)),
                ("withdrawn", &count(report.withdrawn)),
                ("open", &count(report.open_at_end)),
            ],
        ))],
    };
    handling.blocks.push(Block::Table(breakdown(
        lang,
        "uitkomst",
        tr(lang, "report-decisions-per-outcome"),
        tr(lang, "report-outcome"),
        &report.outcomes,
        None,
    )));
    let mut esc = table(
        "escalatie",
        l("report-escalations-highest-level"),
        &[tr(lang, "report-level"), tr(lang, "report-number")],
        &[3.0, 1.0],
    );
    esc.table.rows = vec![
        vec![l("report-director"), count(report.escalations.director)],
        vec![l("report-board"), count(report.escalations.board)],
    ];
    handling.blocks.push(Block::Table(esc));
    // Issue 18: the ladder, over the complaints closed in the period.
    let mut ladder = table(
        "trede",
        tr_args(
            lang,
            "report-ladder-caption",
            &[("closed", &count(report.ladder.closed))],
        ),
        &[
            tr(lang, "report-rung"),
            tr(lang, "report-number"),
            tr(lang, "report-share"),
        ],
        &[3.0, 1.0, 1.0],
    );
    ladder.table.rows = report
        .ladder
        .rungs
        .iter()
        .map(|r| vec![r.label.clone(), count(r.count), share(lang, r.share)])
        .collect();
    handling.blocks.push(Block::Table(ladder));
    parts.push(handling);
    parts.push(satisfaction(&report.satisfaction, lang));

    // Deadlines.
    let mut deadlines = Part {
        id: "termijnen",
        heading: l("report-deadlines"),
        blocks: Vec::new(),
    };
    let mut dt = table(
        "termijn",
        l("report-deadlines-on-time-and-late"),
        &[
            tr(lang, "report-deadline"),
            tr(lang, "report-on-time"),
            tr(lang, "report-late"),
            tr(lang, "report-of-which-still-open"),
            tr(lang, "report-pending"),
            tr(lang, "report-lapsed"),
            tr(lang, "report-not-started"),
            tr(lang, "report-share-on-time"),
            tr(lang, "report-median-working-days"),
            tr(lang, "report-p90-working-days"),
        ],
        &[2.0, 0.9, 0.9, 1.1, 1.0, 1.1, 1.0, 1.1, 1.2, 1.1],
    );
    for d in &report.deadlines {
        dt.table.rows.push(vec![
            d.label.clone(),
            count(d.on_time),
            count(d.late),
            count(d.late_open),
            count(d.pending),
            count(d.lapsed),
            count(d.not_started),
            share(lang, d.share_on_time),
            days(d.median_working_days),
            days(d.p90_working_days),
        ]);
    }
    let mut st = table(
        "aandeel-op-tijd",
        l("report-share-on-time-per-deadline"),
        &[
            tr(lang, "report-deadline"),
            tr(lang, "report-share-on-time"),
        ],
        &[3.0, 1.0],
    );
    for d in &report.deadlines {
        st.table
            .rows
            .push(vec![d.label.clone(), share(lang, d.share_on_time)]);
    }
    deadlines.blocks.push(Block::Chart(svg::shares(
        "grafiek-op-tijd",
        tr(lang, "report-share-on-time-per-deadline"),
        report
            .deadlines
            .iter()
            .map(|d| {
                (
                    d.label.clone(),
                    share_value(d),
                    share(lang, d.share_on_time),
                )
            })
            .collect(),
        st,
    )));
    deadlines.blocks.push(Block::Table(dt));
    deadlines
        .blocks
        .push(Block::Note(l("report-share-on-time-on-time-on-time-late")));
    if annual {
        deadlines.blocks.push(Block::Note(l(
            "report-the-annual-report-is-anonymous-no-list",
        )));
    } else {
        for d in &report.deadlines {
            let mut late = table(
                &format!("te-laat-{}", d.id),
                tr_args(lang, "report-late-label", &[("label", &d.label)]),
                &[
                    tr(lang, "report-reference"),
                    tr(lang, "report-due"),
                    tr(lang, "report-met-on"),
                ],
                &[1.5, 2.0, 2.0],
            );
            for row in &d.late_list {
                late.table.rows.push(vec![
                    row.reference.clone(),
                    date(row.due, lang),
                    row.met_on
                        .map_or_else(|| l("report-not-yet-open"), |m| date(m, lang)),
                ]);
            }
            deadlines.blocks.push(Block::Table(late));
            if !d.late_list_complete && !d.late_list.is_empty() {
                deadlines.blocks.push(Block::Note(tr_args(
                    lang,
                    "report-late-list-first",
                    &[("count", &d.late_list.len().to_string())],
                )));
            }
        }
    }
    parts.push(deadlines);

    // Exceptional complaints.
    let mut exceptional = Part {
        id: "bijzonder",
        heading: l("report-exceptional-complaints"),
        blocks: vec![Block::Text(tr_args(
            lang,
            "report-exceptional-intro",
            &[("count", &count(report.exceptional_total))],
        ))],
    };
    let mut et = if annual {
        table(
            "bijzonder",
            l("report-exceptional-complaints-with-their"),
            &[tr(lang, "report-why"), tr(lang, "report-summary")],
            &[1.5, 4.0],
        )
    } else {
        table(
            "bijzonder",
            l("report-exceptional-complaints-with-their"),
            &[
                tr(lang, "report-reference"),
                tr(lang, "report-why"),
                tr(lang, "report-summary"),
            ],
            &[1.1, 1.5, 4.0],
        )
    };
    for e in &report.exceptional {
        let why = e
            .reasons
            .iter()
            .map(|r| reason(lang, *r))
            .collect::<Vec<_>>()
            .join(", ");
        let mut row = Vec::new();
        if !annual {
            row.push(e.reference.clone().unwrap_or_default());
        }
        row.push(why);
        row.push(e.summary.clone());
        et.table.rows.push(row);
    }
    exceptional.blocks.push(Block::Table(et));
    parts.push(exceptional);

    // Recommendations and actions.
    let mut recs = Part {
        id: "aanbevelingen",
        heading: l("report-recommendations-and-improvement-actions"),
        blocks: Vec::new(),
    };
    if report.recommendations.is_empty() {
        recs.blocks
            .push(Block::Note(l("report-no-recommendations")));
    }
    for r in &report.recommendations {
        recs.blocks.push(Block::Subheading(r.title.clone()));
        recs.blocks.push(Block::Text(r.text.clone()));
        let mut facts = table(
            &format!("aanbeveling-{}", r.id),
            tr_args(lang, "report-recommendation-label", &[("title", &r.title)]),
            &[tr(lang, "report-item"), tr(lang, "report-value")],
            &[1.5, 4.0],
        );
        facts.table.rows.push(vec![
            l("report-status"),
            recommendation_status(lang, r.status).to_owned(),
        ]);
        if let Some(d) = r.decided_on {
            facts
                .table
                .rows
                .push(vec![l("report-decided-on"), date(d, lang)]);
        }
        if let Some(by) = &r.decided_by {
            facts
                .table
                .rows
                .push(vec![l("report-decided-by"), by.clone()]);
        }
        if let Some(reason) = &r.reason {
            facts
                .table
                .rows
                .push(vec![l("report-reason"), reason.clone()]);
        }
        facts.table.rows.push(vec![
            l("report-number-of-complaints"),
            count(r.complaint_count),
        ]);
        if !annual && !r.complaints.is_empty() {
            facts
                .table
                .rows
                .push(vec![l("report-complaints"), r.complaints.join(", ")]);
        }
        recs.blocks.push(Block::Table(facts));
        let mut at = if annual {
            table(
                &format!("acties-{}", r.id),
                tr_args(lang, "report-actions-label", &[("title", &r.title)]),
                &[
                    tr(lang, "report-action"),
                    tr(lang, "report-due"),
                    tr(lang, "report-status"),
                    tr(lang, "report-result"),
                ],
                &[3.0, 1.5, 1.2, 2.5],
            )
        } else {
            table(
                &format!("acties-{}", r.id),
                tr_args(lang, "report-actions-label", &[("title", &r.title)]),
                &[
                    tr(lang, "report-action"),
                    tr(lang, "report-owner"),
                    tr(lang, "report-due"),
                    tr(lang, "report-status"),
                    tr(lang, "report-result"),
                ],
                &[3.0, 1.5, 1.5, 1.2, 2.5],
            )
        };
        for a in &r.actions {
            let mut status = action_status(lang, a.status).to_owned();
            if a.overdue {
                status.push_str(tr(lang, "report-overdue"));
            }
            let mut row = vec![a.description.clone()];
            if !annual {
                row.push(a.owner.clone().unwrap_or_default());
            }
            row.push(date(a.due, lang));
            row.push(status);
            row.push(a.result.clone().unwrap_or_default());
            at.table.rows.push(row);
        }
        recs.blocks.push(Block::Table(at));
    }
    parts.push(recs);

    // The coordinator's analysis.
    parts.push(Part {
        id: "analyse",
        heading: l("report-analysis"),
        blocks: vec![match &report.analysis {
            Some(text) => Block::Text(text.clone()),
            None => Block::Note(l("report-no-analysis-written-yet")),
        }],
    });

    Doc {
        lang,
        kind,
        organisation: organisation.to_owned(),
        title,
        meta,
        parts,
        links: Vec::new(),
        print_hint: l("report-print-this-page-or-save-it-as-pdf"),
    }
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage<'a> {
    doc: &'a Doc,
    css: &'static str,
}

/// The style of the standalone page, inline (the page may be saved and opened on its own); whoever
/// serves the page allows exactly this style, by its hash, and no script.
pub const CSS: &str = include_str!("report.css");

/// The report as a standalone, print-ready HTML page.
pub fn render_html(doc: &Doc) -> Result<String, askama::Error> {
    ReportPage { doc, css: CSS }.render()
}

/// The report's tables as one CSV: a row per cell, with the table it belongs to, so that a
/// spreadsheet can filter or pivot it; UTF-8 with a byte order mark (Excel), `;` between fields
/// in Dutch (Excel's separator where the decimal mark is a comma), `,` in English. A cell that
/// would start a formula is written as text ([`crate::spreadsheet::cell`]).
pub fn render_csv(doc: &Doc) -> Result<Vec<u8>, csv::Error> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter(doc.lang))
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        crate::spreadsheet::write_record(
            &mut w,
            [
                doc.t("report-table"),
                doc.t("report-caption"),
                doc.t("report-row"),
                doc.t("report-column"),
                doc.t("report-value-2"),
            ],
        )?;
        for t in doc.tables() {
            for row in &t.table.rows {
                let label = row.first().map(String::as_str).unwrap_or_default();
                for (column, value) in t.table.columns.iter().zip(row).skip(1) {
                    // Labels and values hold what staff and the profile typed: through the one
                    // helper that keeps formulas out of spreadsheets.
                    crate::spreadsheet::write_record(
                        &mut w,
                        [
                            t.id.as_str(),
                            t.table.caption.as_str(),
                            label,
                            column.as_str(),
                            value.as_str(),
                        ],
                    )?;
                }
            }
        }
        w.flush()?;
    }
    Ok(out)
}

/// The CSV's field separator in `lang`.
pub fn delimiter(lang: Lang) -> u8 {
    match lang {
        Lang::Nl => b';',
        Lang::En => b',',
    }
}

/// Whether a cell holds a number (aligned right): digits, a share, or a hidden count.
pub fn is_number(cell: &str) -> bool {
    let t = cell.trim_start_matches("< ").trim_end_matches(['%', ' ']);
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use klacht_core::calendar::Calendar;
    use klacht_core::reports::{
        ActionLine, Period, Received, RecommendationLine, ReportInput, report,
    };

    fn empty(lang: Lang) -> Report {
        let profile = klacht_core::profile::builtin("template").expect("template");
        let input = ReportInput {
            period: Period::half_year(2026, 1).expect("period"),
            received: Received::default(),
            decided: Vec::new(),
            open_at_end: 0,
            deadlines: Vec::new(),
            late: Vec::new(),
            exceptional: Vec::new(),
            by_month: Vec::new(),
            satisfaction: Vec::new(),
            closed_by_rung: Vec::new(),
        };
        report(
            &profile,
            &Calendar::dutch(),
            &input,
            date(2026, 7, 15),
            lang,
        )
    }

    fn with_register(mut r: Report) -> Report {
        r.recommendations = vec![RecommendationLine {
            id: 1,
            title: "Terugbelbelofte vastleggen".into(),
            text: "Leg elke belofte om terug te bellen vast in het dossier.".into(),
            status: RecommendationStatus::Adopted,
            decided_by: Some("Dirk Directeur".into()),
            decided_on: Some(date(2026, 5, 12)),
            reason: Some("Drie klachten over niet teruggebeld.".into()),
            complaints: vec!["2026-0004".into()],
            complaint_count: Count::Exact(3),
            actions: vec![ActionLine {
                id: 7,
                description: "Belnotitie toevoegen aan het formulier".into(),
                owner: Some("Carla Coördinator".into()),
                due: date(2026, 6, 30),
                status: ActionStatus::InProgress,
                result: None,
                overdue: true,
            }],
        }];
        r.analysis = Some("Het aantal klachten over bereikbaarheid daalde.".into());
        r
    }

    #[test]
    fn t14_recommendations_actions_and_the_analysis_are_rendered() {
        let r = with_register(empty(Lang::Nl));
        let doc = build(
            &r,
            Kind::HalfYear {
                year: 2026,
                half: 1,
            },
            Lang::Nl,
            "Stichting Voorbeeld",
        );
        let html = render_html(&doc).expect("html");
        for text in [
            "<h3>Terugbelbelofte vastleggen</h3>",
            "Leg elke belofte om terug te bellen vast in het dossier.",
            "<td>overgenomen</td>",
            "<td>12 mei 2026</td>",
            "<td>Dirk Directeur</td>",
            "<td>2026-0004</td>",
            "<th scope=\"row\">Belnotitie toevoegen aan het formulier</th><td>Carla Coördinator</td><td>30 juni 2026</td><td>in uitvoering (over tijd)</td>",
            "<p>Het aantal klachten over bereikbaarheid daalde.</p>",
        ] {
            assert!(html.contains(text), "{text}");
        }
        assert!(!html.contains("Geen aanbevelingen"));
        assert!(!html.contains("Nog geen analyse geschreven"));
        let csv = String::from_utf8(render_csv(&doc).expect("csv")).expect("utf-8");
        assert!(csv.contains(
            "acties-1;Verbeteracties: Terugbelbelofte vastleggen;Belnotitie toevoegen aan het formulier;Status;in uitvoering (over tijd)\r\n"
        ), "{csv}");

        // The annual form: no names, no references, the small count hidden.
        let anon = with_register(empty(Lang::Nl)).anonymise(5);
        let doc = build(
            &anon,
            Kind::Annual { year: 2026 },
            Lang::Nl,
            "Stichting Voorbeeld",
        );
        let html = render_html(&doc).expect("html");
        assert!(!html.contains("Dirk Directeur"));
        assert!(!html.contains("Carla"));
        assert!(!html.contains("2026-0004"));
        assert!(
            html.contains("<th scope=\"row\">Aantal klachten</th><td class=\"num\">&#60; 5</td>")
        );
        assert!(html.contains("Belnotitie toevoegen aan het formulier"));
    }

    #[test]
    fn t14_a_formula_typed_into_the_register_or_a_category_reaches_the_csv_as_text() {
        let mut r = with_register(empty(Lang::En));
        r.by_category.items = vec![klacht_core::reports::Tally {
            id: "x".into(),
            label: "@SUM(A1:A9)".into(),
            count: Count::Exact(2),
        }];
        let rec = &mut r.recommendations[0];
        rec.reason = Some("=HYPERLINK(\"http://x\",\"y\")".into());
        rec.actions[0].description = "+cmd|' /C calc'!A0".into();
        rec.actions[0].result = Some("-1+1".into());
        let doc = build(&r, Kind::Period, Lang::En, "X");
        let csv = String::from_utf8(render_csv(&doc).expect("csv")).expect("utf-8");
        for line in [
            "categorie,Received per category,'@SUM(A1:A9),Number,2\r\n",
            "aanbeveling-1,Recommendation: Terugbelbelofte vastleggen,Reason,Value,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n",
            "acties-1,Improvement actions: Terugbelbelofte vastleggen,'+cmd|' /C calc'!A0,Result,'-1+1\r\n",
        ] {
            assert!(csv.contains(line), "{line:?} in\n{csv}");
        }
        // Nothing in the file starts a cell with a formula character any more.
        let rows = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.trim_start_matches('\u{feff}').as_bytes())
            .into_records()
            .collect::<Result<Vec<_>, _>>()
            .expect("reads back");
        for row in &rows {
            for field in row {
                let formula = field.starts_with(['=', '+', '@', '\t', '\r'])
                    || (field.starts_with('-') && field.parse::<f64>().is_err());
                assert!(!formula, "{field:?}");
            }
        }
    }

    #[test]
    fn t13_an_empty_report_says_so_in_both_languages() {
        let nl = build(&empty(Lang::Nl), Kind::Period, Lang::Nl, "X");
        let html = render_html(&nl).expect("html");
        assert!(html.contains("Geen aanbevelingen"));
        assert!(html.contains("Nog geen analyse geschreven"));
        let en = build(&empty(Lang::En), Kind::Period, Lang::En, "X");
        let html = render_html(&en).expect("html");
        assert!(html.contains("No recommendations"));
        assert!(html.contains("No analysis written yet"));
        assert_eq!(
            en.file_stem("2026-01-01", "2026-06-30"),
            "klachtenverslag-2026-01-01-2026-06-30"
        );
    }

    #[test]
    fn hidden_counts_read_below_and_numbers_align_right() {
        assert_eq!(count(Count::Below { below: 5 }), "< 5");
        assert_eq!(count(Count::Exact(12)), "12");
        assert!(is_number("< 5") && is_number("66,7 %") && is_number("66.7%") && is_number("0"));
        assert!(!is_number("Telefoon") && !is_number("–") && !is_number(""));
        assert_eq!(share(Lang::Nl, Some(66.7)), "66,7 %");
        assert_eq!(share(Lang::En, Some(66.7)), "66.7%");
    }
}
