//! Publishing the annual report (T15; Awb 9:12a): which free texts the annual report carries,
//! and the report as it may be published, with only the texts the coordinator reviewed and
//! found fit.
//!
//! Every count of the annual report is anonymous by construction ([`Report::anonymise`]); its
//! free texts are not: a summary of an exceptional complaint, the coordinator's analysis, a
//! recommendation's title, text and reason, an improvement action's description and result are
//! typed by staff and may name someone. So each is reviewed before it is made public, as that
//! exact text: the review is stored with a digest of the text (see klacht-app), and a text that
//! changed afterwards counts as not reviewed. A text not reviewed, or found not fit, is left out
//! of the published report, with a neutral line where the report needs one.
//!
//! The free texts are found in the report before it is anonymised, because an exceptional
//! complaint is known by its reference there (the annual report drops references).

use crate::reports::Report;
use crate::types::Lang;

/// One free text of the report, with the key it is reviewed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeText {
    /// Where the text sits: `summary:{reference}`, `analysis`, `recommendation:{id}:title`,
    /// `recommendation:{id}:text`, `recommendation:{id}:reason`, `action:{id}:description`,
    /// `action:{id}:result`.
    pub item: String,
    pub kind: TextKind,
    pub text: String,
}

/// What kind of free text it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// The summary of an exceptional complaint, written for the report.
    Summary,
    /// The coordinator's analysis (K13).
    Analysis,
    RecommendationTitle,
    RecommendationText,
    /// Why a recommendation was adopted or rejected.
    RecommendationReason,
    ActionDescription,
    /// What came of an improvement action.
    ActionResult,
}

impl TextKind {
    /// The label of this kind of text.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            TextKind::Summary => lang.pick(
                "Samenvatting van een uitzonderlijke klacht",
                "Summary of an exceptional complaint",
            ),
            TextKind::Analysis => lang.pick("Analyse van de coördinator", "Coordinator's analysis"),
            TextKind::RecommendationTitle => {
                lang.pick("Titel van een aanbeveling", "Recommendation title")
            }
            TextKind::RecommendationText => {
                lang.pick("Tekst van een aanbeveling", "Recommendation text")
            }
            TextKind::RecommendationReason => lang.pick(
                "Reden van het besluit over een aanbeveling",
                "Reason for the decision on a recommendation",
            ),
            TextKind::ActionDescription => lang.pick(
                "Omschrijving van een verbeteractie",
                "Improvement action description",
            ),
            TextKind::ActionResult => lang.pick(
                "Resultaat van een verbeteractie",
                "Improvement action result",
            ),
        }
    }
}

/// Every free text `report` (not yet anonymised) carries, in the order the report shows them.
/// A placeholder ("Nog geen samenvatting") is not a free text.
pub fn free_texts(report: &Report) -> Vec<FreeText> {
    let mut out = Vec::new();
    let mut push = |item: String, kind: TextKind, text: &str| {
        if !text.trim().is_empty() {
            out.push(FreeText {
                item,
                kind,
                text: text.to_owned(),
            });
        }
    };
    for e in report.exceptional.iter().filter(|e| e.has_summary) {
        if let Some(reference) = &e.reference {
            push(
                format!("summary:{reference}"),
                TextKind::Summary,
                &e.summary,
            );
        }
    }
    for r in &report.recommendations {
        let id = r.id;
        push(
            format!("recommendation:{id}:title"),
            TextKind::RecommendationTitle,
            &r.title,
        );
        push(
            format!("recommendation:{id}:text"),
            TextKind::RecommendationText,
            &r.text,
        );
        if let Some(reason) = &r.reason {
            push(
                format!("recommendation:{id}:reason"),
                TextKind::RecommendationReason,
                reason,
            );
        }
        for a in &r.actions {
            let id = a.id;
            push(
                format!("action:{id}:description"),
                TextKind::ActionDescription,
                &a.description,
            );
            if let Some(result) = &a.result {
                push(
                    format!("action:{id}:result"),
                    TextKind::ActionResult,
                    result,
                );
            }
        }
    }
    if let Some(analysis) = &report.analysis {
        push("analysis".to_owned(), TextKind::Analysis, analysis);
    }
    out
}

/// `report` (not yet anonymised) with only the free texts for which `fit(item, text)` holds;
/// the others are replaced by a neutral line or left out. Anonymise the result before showing it.
pub fn keep_fit(mut report: Report, lang: Lang, fit: impl Fn(&str, &str) -> bool) -> Report {
    let withheld = |what_nl: &str, what_en: &str| match lang {
        Lang::Nl => format!("{what_nl} niet gepubliceerd"),
        Lang::En => format!("{what_en} not published"),
    };
    for e in &mut report.exceptional {
        let key = e
            .reference
            .as_ref()
            .map(|r| format!("summary:{r}"))
            .unwrap_or_default();
        if e.has_summary && (key.is_empty() || !fit(&key, &e.summary)) {
            e.summary = withheld("Samenvatting", "Summary");
            e.has_summary = false;
        }
    }
    for r in &mut report.recommendations {
        let id = r.id;
        if !fit(&format!("recommendation:{id}:title"), &r.title) {
            r.title = withheld("Titel", "Title");
        }
        if !fit(&format!("recommendation:{id}:text"), &r.text) {
            r.text = withheld("Tekst", "Text");
        }
        if let Some(reason) = &r.reason
            && !fit(&format!("recommendation:{id}:reason"), reason)
        {
            r.reason = None;
        }
        for a in &mut r.actions {
            let id = a.id;
            if !fit(&format!("action:{id}:description"), &a.description) {
                a.description = withheld("Omschrijving", "Description");
            }
            if let Some(result) = &a.result
                && !fit(&format!("action:{id}:result"), result)
            {
                a.result = None;
            }
        }
    }
    if let Some(analysis) = &report.analysis
        && !fit("analysis", analysis)
    {
        report.analysis = Some(withheld("Analyse", "Analysis"));
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::{
        ActionLine, ActionStatus, Breakdown, Count, DeadlineCompliance, Escalations, Exceptional,
        MonthCount, Period, Reason, RecommendationLine, RecommendationStatus, Satisfaction,
        Summary, Tally,
    };
    use jiff::civil::date;

    fn empty() -> Breakdown {
        Breakdown {
            items: Vec::new(),
            unclassified: Count::Exact(0),
        }
    }

    fn report() -> Report {
        Report {
            period: Period::year(2026).expect("year"),
            as_of: date(2027, 1, 10),
            total: Count::Exact(7),
            by_category: Breakdown {
                items: vec![Tally {
                    id: "privacy".into(),
                    label: "Privacy".into(),
                    count: Count::Exact(7),
                }],
                unclassified: Count::Exact(0),
            },
            by_severity: empty(),
            by_channel: empty(),
            by_form: empty(),
            by_relation: empty(),
            escalations: Escalations {
                director: Count::Exact(0),
                board: Count::Exact(0),
            },
            decided: Count::Exact(0),
            outcomes: empty(),
            withdrawn: Count::Exact(0),
            open_at_end: Count::Exact(0),
            deadlines: vec![DeadlineCompliance {
                id: "answer".into(),
                label: "Beantwoording".into(),
                on_time: Count::Exact(6),
                late: Count::Exact(1),
                late_open: Count::Exact(0),
                pending: Count::Exact(0),
                lapsed: Count::Exact(0),
                not_started: Count::Exact(0),
                share_on_time: Some(85.7),
                median_working_days: Some(3),
                p90_working_days: Some(5),
                late_list: Vec::new(),
                late_list_complete: false,
            }],
            exceptional_total: Count::Exact(2),
            exceptional: vec![
                Exceptional {
                    reference: Some("2026-0001".into()),
                    reasons: vec![Reason::Sensitive],
                    summary: "Mevrouw Jansen-Vermeulen klaagde".into(),
                    has_summary: true,
                },
                Exceptional {
                    reference: Some("2026-0002".into()),
                    reasons: vec![Reason::Sensitive],
                    summary: "Nog geen samenvatting".into(),
                    has_summary: false,
                },
            ],
            by_month: vec![MonthCount {
                month: "2026-03".into(),
                received: Count::Exact(7),
                decided: Count::Exact(2),
            }],
            previous: Some(Summary {
                period: Period::year(2025).expect("year"),
                total: Count::Exact(3),
                decided: Count::Exact(3),
                withdrawn: Count::Exact(0),
                open_at_end: Count::Exact(0),
                escalated: Count::Exact(0),
                exceptional: Count::Exact(0),
                share_on_time: [("answer".to_owned(), Some(100.0))].into(),
            }),
            recommendations: vec![RecommendationLine {
                id: 3,
                title: "Beter bereikbaar".into(),
                text: "Telefoon ook 's middags".into(),
                status: RecommendationStatus::Adopted,
                decided_by: Some("Directeur".into()),
                decided_on: Some(date(2026, 5, 1)),
                reason: Some("Goed idee".into()),
                complaints: vec!["2026-0001".into()],
                complaint_count: Count::Exact(1),
                actions: vec![ActionLine {
                    id: 9,
                    description: "Rooster aanpassen".into(),
                    owner: Some("Piet".into()),
                    due: date(2026, 9, 1),
                    status: ActionStatus::Done,
                    result: Some("Piet belt nu 's middags".into()),
                    overdue: false,
                }],
            }],
            analysis: Some("Analyse met Jansen-Vermeulen".into()),
            satisfaction: Satisfaction::default(),
            ladder: crate::reports::Ladder::default(),
        }
    }

    #[test]
    fn t15_every_free_text_of_the_annual_report_is_listed_for_review() {
        let items: Vec<String> = free_texts(&report()).into_iter().map(|t| t.item).collect();
        assert_eq!(
            items,
            [
                "summary:2026-0001",
                "recommendation:3:title",
                "recommendation:3:text",
                "recommendation:3:reason",
                "action:9:description",
                "action:9:result",
                "analysis",
            ]
        );
    }

    #[test]
    fn t15_a_text_not_found_fit_is_not_published() {
        let only_title = |item: &str, _: &str| item == "recommendation:3:title";
        let r = keep_fit(report(), Lang::Nl, only_title).anonymise(5);
        let json = serde_json::to_string(&r).expect("json");
        assert!(!json.contains("Jansen-Vermeulen"), "{json}");
        assert!(!json.contains("Piet"), "{json}");
        assert!(!json.contains("Goed idee"), "{json}");
        assert!(json.contains("Beter bereikbaar"), "{json}");
        assert_eq!(
            r.exceptional.first().map(|e| e.summary.as_str()),
            Some("Samenvatting niet gepubliceerd")
        );
        assert_eq!(r.analysis.as_deref(), Some("Analyse niet gepubliceerd"));
        assert_eq!(
            r.recommendations.first().map(|r| r.text.as_str()),
            Some("Tekst niet gepubliceerd")
        );
    }

    #[test]
    fn t15_a_text_found_fit_is_published_as_it_is() {
        let r = keep_fit(report(), Lang::En, |_, _| true).anonymise(5);
        assert_eq!(
            r.exceptional.first().map(|e| e.summary.as_str()),
            Some("Mevrouw Jansen-Vermeulen klaagde")
        );
        assert_eq!(r.analysis.as_deref(), Some("Analyse met Jansen-Vermeulen"));
    }

    /// A report published with an earlier klacht (its JSON as stored then, in December 2026)
    /// still reads: a field added to the report since must come with `#[serde(default)]`, or
    /// the published years would no longer show. Keep the file as it is.
    #[test]
    fn t15_a_report_published_earlier_still_reads() {
        let stored = include_str!("../tests/fixtures/published_report_2026-12.json");
        let r: Report = serde_json::from_str(stored).expect("the stored report reads");
        assert_eq!(r.period, Period::year(2026).expect("year"));
        assert_eq!(r.total, Count::Exact(7));
        assert_eq!(r.exceptional_total, Count::Below { below: 5 });
        assert_eq!(
            r.exceptional.first().map(|e| e.summary.as_str()),
            Some("Mevrouw Jansen-Vermeulen klaagde")
        );
        assert_eq!(
            r.deadlines.first().and_then(|d| d.share_on_time),
            Some(85.7)
        );
    }

    #[test]
    fn t15_a_published_report_reads_back_from_its_json() {
        let r = keep_fit(report(), Lang::Nl, |_, _| true).anonymise(5);
        let json = serde_json::to_string(&r).expect("json");
        let back: Report = serde_json::from_str(&json).expect("back");
        assert_eq!(back, r);
    }
}
