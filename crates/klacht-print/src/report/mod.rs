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
    pub fn t<'a>(&self, nl: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(nl, en)
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
        &[column, lang.pick("Aantal", "Number")],
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

fn reason(lang: Lang, r: Reason) -> &'static str {
    match r {
        Reason::Sensitive => lang.pick("complex of gevoelig", "complex or sensitive"),
        Reason::VerySerious => lang.pick("zeer ernstig", "very serious"),
        Reason::EscalatedToBoard => {
            lang.pick("geëscaleerd naar het bestuur", "escalated to the board")
        }
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
    let l = |nl: &'static str, en: &'static str| lang.pick(nl, en).to_owned();
    let title = match kind {
        Kind::HalfYear { year, half } => match lang {
            Lang::Nl => format!("Klachtenverslag {year}, {half}e halfjaar"),
            Lang::En => format!(
                "Complaints report {year}, {} half",
                if half == 1 { "first" } else { "second" }
            ),
        },
        Kind::Annual { year } => match lang {
            Lang::Nl => format!("Jaarverslag klachten {year}"),
            Lang::En => format!("Annual complaints report {year}"),
        },
        Kind::Period => l(
            "Klachtenverslag over een periode",
            "Complaints report for a period",
        ),
    };
    let period_text =
        |p: &klacht_core::reports::Period| format!("{} – {}", date(p.from, lang), date(p.to, lang));
    let mut meta = vec![
        (l("Periode", "Period"), period_text(&report.period)),
        (l("Cijfers per", "Figures as of"), date(report.as_of, lang)),
    ];
    if matches!(kind, Kind::Annual { .. }) {
        meta.push((
            l("Anoniem", "Anonymous"),
            l(
                "Zonder kenmerken of namen; kleine aantallen staan als „< N”.",
                "Without references or names; small numbers read \"< N\".",
            ),
        ));
    }
    let annual = matches!(kind, Kind::Annual { .. });
    let mut parts = Vec::new();

    // Overview and comparison with the previous period.
    let mut overview = Part {
        id: "overzicht",
        heading: l("Overzicht", "Overview"),
        blocks: Vec::new(),
    };
    let this = l("Deze periode", "This period");
    let before = l("Vorige periode", "Previous period");
    let mut t = table(
        "overzicht",
        l(
            "Kerncijfers, met de vorige periode",
            "Key figures, with the previous period",
        ),
        &[lang.pick("Cijfer", "Figure"), &this, &before],
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
            l("Ontvangen", "Received"),
            report.total.to_string(),
            prev(&|s| s.total.to_string()),
        ],
        vec![
            l("Afgehandeld (besluit)", "Decided"),
            count(report.decided),
            prev(&|s| count(s.decided)),
        ],
        vec![
            l("Ingetrokken", "Withdrawn"),
            count(report.withdrawn),
            prev(&|s| count(s.withdrawn)),
        ],
        vec![
            l("Open aan het eind", "Open at the end"),
            count(report.open_at_end),
            prev(&|s| count(s.open_at_end)),
        ],
        vec![
            l("Geëscaleerd", "Escalated"),
            count(escalated),
            prev(&|s| count(s.escalated)),
        ],
        vec![
            l("Bijzondere klachten", "Exceptional complaints"),
            count(report.exceptional_total),
            prev(&|s| count(s.exceptional)),
        ],
    ];
    for d in &report.deadlines {
        t.table.rows.push(vec![
            match lang {
                Lang::Nl => format!("Binnen de termijn: {}", d.label),
                Lang::En => format!("On time: {}", d.label),
            },
            share(lang, d.share_on_time),
            prev(&|s| share(lang, s.share_on_time.get(&d.id).copied().flatten())),
        ]);
    }
    if let Some(s) = p {
        overview.blocks.push(Block::Note(match lang {
            Lang::Nl => format!("Vorige periode: {}.", period_text(&s.period)),
            Lang::En => format!("Previous period: {}.", period_text(&s.period)),
        }));
    }
    overview.blocks.push(Block::Table(t));
    parts.push(overview);

    // Received: per category (chart), severity, channel, form, relation.
    let mut received = Part {
        id: "ontvangen",
        heading: l("Ontvangen klachten", "Complaints received"),
        blocks: vec![Block::Text(match lang {
            Lang::Nl => format!(
                "{} klachten ontvangen. Een klacht kan onder meer categorieën vallen; de aantallen per categorie tellen dan op tot meer.",
                report.total
            ),
            Lang::En => format!(
                "{} complaints received. A complaint may fall under several categories, so the numbers per category may add up to more.",
                report.total
            ),
        })],
    };
    let unclassified = lang.pick("Niet ingedeeld", "Not classified");
    let cats = breakdown(
        lang,
        "categorie",
        lang.pick("Ontvangen per categorie", "Received per category"),
        lang.pick("Categorie", "Category"),
        &report.by_category,
        Some(unclassified),
    );
    received.blocks.push(Block::Chart(svg::bars(
        "grafiek-categorie",
        lang.pick(
            "Ontvangen klachten per categorie",
            "Complaints received per category",
        ),
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
    for (id, nl, en, col_nl, col_en, b, unc) in [
        (
            "ernst",
            "Ontvangen per ernst",
            "Received per severity",
            "Ernst",
            "Severity",
            &report.by_severity,
            true,
        ),
        (
            "kanaal",
            "Ontvangen per kanaal",
            "Received per channel",
            "Kanaal",
            "Channel",
            &report.by_channel,
            false,
        ),
        (
            "vorm",
            "Ontvangen per vorm",
            "Received per form",
            "Vorm",
            "Form",
            &report.by_form,
            false,
        ),
        (
            "relatie",
            "Ontvangen per relatie",
            "Received per relation",
            "Relatie",
            "Relation",
            &report.by_relation,
            true,
        ),
    ] {
        received.blocks.push(Block::Table(breakdown(
            lang,
            id,
            lang.pick(nl, en),
            lang.pick(col_nl, col_en),
            b,
            unc.then_some(unclassified),
        )));
    }
    parts.push(received);

    // Trend per month.
    let mut trend = table(
        "maand",
        l(
            "Ontvangen en afgehandeld per maand",
            "Received and decided per month",
        ),
        &[
            lang.pick("Maand", "Month"),
            lang.pick("Ontvangen", "Received"),
            lang.pick("Afgehandeld", "Decided"),
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
        heading: l("Verloop per maand", "Trend per month"),
        blocks: vec![Block::Chart(svg::trend(
            "grafiek-maand",
            lang.pick(
                "Ontvangen en afgehandeld per maand",
                "Received and decided per month",
            ),
            (
                lang.pick("Ontvangen", "Received"),
                lang.pick("Afgehandeld", "Decided"),
            ),
            &report.by_month,
            trend,
        ))],
    });

    // Handling: outcomes, withdrawn, escalations.
    let mut handling = Part {
        id: "afhandeling",
        heading: l("Afhandeling", "Handling"),
        blocks: vec![Block::Text(match lang {
            Lang::Nl => format!(
                "Afgehandeld met een besluit: {}. Ingetrokken: {}. Open aan het eind van de periode: {}.",
                count(report.decided),
                count(report.withdrawn),
                count(report.open_at_end)
            ),
            Lang::En => format!(
                "Decided: {}. Withdrawn: {}. Open at the end of the period: {}.",
                count(report.decided),
                count(report.withdrawn),
                count(report.open_at_end)
            ),
        })],
    };
    handling.blocks.push(Block::Table(breakdown(
        lang,
        "uitkomst",
        lang.pick("Besluiten per uitkomst", "Decisions per outcome"),
        lang.pick("Uitkomst", "Outcome"),
        &report.outcomes,
        None,
    )));
    let mut esc = table(
        "escalatie",
        l("Escalaties (hoogste niveau)", "Escalations (highest level)"),
        &[lang.pick("Niveau", "Level"), lang.pick("Aantal", "Number")],
        &[3.0, 1.0],
    );
    esc.table.rows = vec![
        vec![
            l("Directeur", "Director"),
            count(report.escalations.director),
        ],
        vec![l("Bestuur", "Board"), count(report.escalations.board)],
    ];
    handling.blocks.push(Block::Table(esc));
    parts.push(handling);

    // Deadlines.
    let mut deadlines = Part {
        id: "termijnen",
        heading: l("Termijnen", "Deadlines"),
        blocks: Vec::new(),
    };
    let mut dt = table(
        "termijn",
        l(
            "Termijnen: op tijd en te laat",
            "Deadlines: on time and late",
        ),
        &[
            lang.pick("Termijn", "Deadline"),
            lang.pick("Op tijd", "On time"),
            lang.pick("Te laat", "Late"),
            lang.pick("waarvan nog open", "of which still open"),
            lang.pick("Loopt nog", "Pending"),
            lang.pick("Vervallen", "Lapsed"),
            lang.pick("Niet gestart", "Not started"),
            lang.pick("Aandeel op tijd", "Share on time"),
            lang.pick("Mediaan werkdagen", "Median working days"),
            lang.pick("P90 werkdagen", "P90 working days"),
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
        l("Aandeel op tijd per termijn", "Share on time per deadline"),
        &[
            lang.pick("Termijn", "Deadline"),
            lang.pick("Aandeel op tijd", "Share on time"),
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
        lang.pick("Aandeel op tijd per termijn", "Share on time per deadline"),
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
    deadlines.blocks.push(Block::Note(l(
        "Aandeel op tijd = op tijd / (op tijd + te laat). Werkdagen: na de dag van ontvangst tot en met de dag waarop de termijn gehaald werd.",
        "Share on time = on time / (on time + late). Working days: after the day of receipt up to and including the day the deadline was met.",
    )));
    if annual {
        deadlines.blocks.push(Block::Note(l(
            "Het jaarverslag is anoniem: geen lijst van te late klachten.",
            "The annual report is anonymous: no list of late complaints.",
        )));
    } else {
        for d in &report.deadlines {
            let mut late = table(
                &format!("te-laat-{}", d.id),
                match lang {
                    Lang::Nl => format!("Te laat: {}", d.label),
                    Lang::En => format!("Late: {}", d.label),
                },
                &[
                    lang.pick("Kenmerk", "Reference"),
                    lang.pick("Uiterlijk", "Due"),
                    lang.pick("Gehaald op", "Met on"),
                ],
                &[1.5, 2.0, 2.0],
            );
            for row in &d.late_list {
                late.table.rows.push(vec![
                    row.reference.clone(),
                    date(row.due, lang),
                    row.met_on
                        .map_or_else(|| l("nog niet (open)", "not yet (open)"), |m| date(m, lang)),
                ]);
            }
            deadlines.blocks.push(Block::Table(late));
            if !d.late_list_complete && !d.late_list.is_empty() {
                deadlines.blocks.push(Block::Note(match lang {
                    Lang::Nl => format!(
                        "De lijst toont de eerste {} (vroegste uiterlijke datum eerst).",
                        d.late_list.len()
                    ),
                    Lang::En => format!(
                        "The list shows the first {} (earliest due first).",
                        d.late_list.len()
                    ),
                }));
            }
        }
    }
    parts.push(deadlines);

    // Exceptional complaints.
    let mut exceptional = Part {
        id: "bijzonder",
        heading: l("Bijzondere klachten", "Exceptional complaints"),
        blocks: vec![Block::Text(match lang {
            Lang::Nl => format!(
                "Gevoelig, zeer ernstig of geëscaleerd naar het bestuur: {}.",
                count(report.exceptional_total)
            ),
            Lang::En => format!(
                "Sensitive, very serious or escalated to the board: {}.",
                count(report.exceptional_total)
            ),
        })],
    };
    let mut et = if annual {
        table(
            "bijzonder",
            l(
                "Bijzondere klachten met hun samenvatting",
                "Exceptional complaints with their summary",
            ),
            &[
                lang.pick("Waarom", "Why"),
                lang.pick("Samenvatting", "Summary"),
            ],
            &[1.5, 4.0],
        )
    } else {
        table(
            "bijzonder",
            l(
                "Bijzondere klachten met hun samenvatting",
                "Exceptional complaints with their summary",
            ),
            &[
                lang.pick("Kenmerk", "Reference"),
                lang.pick("Waarom", "Why"),
                lang.pick("Samenvatting", "Summary"),
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
        heading: l(
            "Aanbevelingen en verbeteracties",
            "Recommendations and improvement actions",
        ),
        blocks: Vec::new(),
    };
    if report.recommendations.is_empty() {
        recs.blocks
            .push(Block::Note(l("Geen aanbevelingen", "No recommendations")));
    }
    for r in &report.recommendations {
        recs.blocks.push(Block::Subheading(r.title.clone()));
        recs.blocks.push(Block::Text(r.text.clone()));
        let mut facts = table(
            &format!("aanbeveling-{}", r.id),
            match lang {
                Lang::Nl => format!("Aanbeveling: {}", r.title),
                Lang::En => format!("Recommendation: {}", r.title),
            },
            &[lang.pick("Gegeven", "Item"), lang.pick("Waarde", "Value")],
            &[1.5, 4.0],
        );
        facts.table.rows.push(vec![
            l("Status", "Status"),
            recommendation_status(lang, r.status).to_owned(),
        ]);
        if let Some(d) = r.decided_on {
            facts
                .table
                .rows
                .push(vec![l("Besloten op", "Decided on"), date(d, lang)]);
        }
        if let Some(by) = &r.decided_by {
            facts
                .table
                .rows
                .push(vec![l("Besloten door", "Decided by"), by.clone()]);
        }
        if let Some(reason) = &r.reason {
            facts
                .table
                .rows
                .push(vec![l("Motivering", "Reason"), reason.clone()]);
        }
        facts.table.rows.push(vec![
            l("Aantal klachten", "Number of complaints"),
            count(r.complaint_count),
        ]);
        if !annual && !r.complaints.is_empty() {
            facts
                .table
                .rows
                .push(vec![l("Klachten", "Complaints"), r.complaints.join(", ")]);
        }
        recs.blocks.push(Block::Table(facts));
        let mut at = if annual {
            table(
                &format!("acties-{}", r.id),
                match lang {
                    Lang::Nl => format!("Verbeteracties: {}", r.title),
                    Lang::En => format!("Improvement actions: {}", r.title),
                },
                &[
                    lang.pick("Actie", "Action"),
                    lang.pick("Uiterlijk", "Due"),
                    lang.pick("Status", "Status"),
                    lang.pick("Resultaat", "Result"),
                ],
                &[3.0, 1.5, 1.2, 2.5],
            )
        } else {
            table(
                &format!("acties-{}", r.id),
                match lang {
                    Lang::Nl => format!("Verbeteracties: {}", r.title),
                    Lang::En => format!("Improvement actions: {}", r.title),
                },
                &[
                    lang.pick("Actie", "Action"),
                    lang.pick("Eigenaar", "Owner"),
                    lang.pick("Uiterlijk", "Due"),
                    lang.pick("Status", "Status"),
                    lang.pick("Resultaat", "Result"),
                ],
                &[3.0, 1.5, 1.5, 1.2, 2.5],
            )
        };
        for a in &r.actions {
            let mut status = action_status(lang, a.status).to_owned();
            if a.overdue {
                status.push_str(lang.pick(" (over tijd)", " (overdue)"));
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
        heading: l("Analyse", "Analysis"),
        blocks: vec![match &report.analysis {
            Some(text) => Block::Text(text.clone()),
            None => Block::Note(l("Nog geen analyse geschreven", "No analysis written yet")),
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
        print_hint: l(
            "Druk deze pagina af of bewaar haar als PDF.",
            "Print this page or save it as PDF.",
        ),
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
                doc.t("tabel", "table"),
                doc.t("titel", "caption"),
                doc.t("rij", "row"),
                doc.t("kolom", "column"),
                doc.t("waarde", "value"),
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
