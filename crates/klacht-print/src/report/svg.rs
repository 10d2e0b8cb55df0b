//! The report's charts as hand-written SVG: bars per category, received and decided per month,
//! and the share on time per deadline. Each is `role="img"` with a `<title>` and `<desc>` named
//! by `aria-labelledby`, and is shown beside the table with its data; every text is escaped. The
//! numbers are written on the chart as text, so they can be read (and found) without the bars.

use super::{Chart, DataTable, count};
use klacht_core::reports::{Count, MonthCount};
use std::fmt::Write;

/// Bars: dark blue on white (8.6:1); the second series dark orange (5.0:1).
pub const BLUE: &str = "#1d4f91";
pub const ORANGE: &str = "#a84300";
const GRID: &str = "#6f777b";
const INK: &str = "#0b0c0c";

const WIDTH: f64 = 520.0;
const LABEL_W: f64 = 190.0;
const ROW: f64 = 24.0;

/// Text for XML: `&`, `<`, `>`, quotes escaped, control characters dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A label cut to fit its column (the full text is in the table beside the chart).
fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn open(id: &str, title: &str, desc: &str, height: f64) -> String {
    let (id, title, desc) = (escape(id), escape(title), escape(desc));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" class=\"chart\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" \
         height=\"{height}\" font-family=\"DejaVu Sans, Verdana, sans-serif\" font-size=\"12\">\
         <title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>\
         <rect width=\"{WIDTH}\" height=\"{height}\" fill=\"#ffffff\"/>"
    )
}

fn value(c: Count) -> f64 {
    c.exact().map_or(0.0, |n| n as f64)
}

/// Horizontal bars, one per row of `items` (label, shown value); the value as text after it.
pub fn bars(id: &str, title: &str, items: Vec<(String, String)>, data: DataTable) -> Chart {
    let values: Vec<f64> = items
        .iter()
        .map(|(_, v)| v.parse::<f64>().unwrap_or(0.0))
        .collect();
    let max = values.iter().copied().fold(0.0, f64::max);
    let desc: Vec<String> = items.iter().map(|(l, v)| format!("{l}: {v}")).collect();
    let height = ROW * items.len() as f64 + 16.0;
    let mut svg = open(id, title, &desc.join("; "), height);
    let bar_w = WIDTH - LABEL_W - 60.0;
    for (i, ((label, shown), v)) in items.iter().zip(&values).enumerate() {
        let y = 8.0 + ROW * i as f64;
        let w = if max > 0.0 { bar_w * v / max } else { 0.0 };
        let _ = write!(
            svg,
            "<text x=\"{x}\" y=\"{ty}\" text-anchor=\"end\" fill=\"{INK}\">{label}</text>\
             <rect x=\"{LABEL_W}\" y=\"{y}\" width=\"{w:.1}\" height=\"{h}\" fill=\"{BLUE}\"/>\
             <text x=\"{vx:.1}\" y=\"{ty}\" fill=\"{INK}\">{shown}</text>",
            x = LABEL_W - 6.0,
            ty = y + 13.0,
            label = escape(&short(label, 28)),
            h = ROW - 8.0,
            vx = LABEL_W + w + 5.0,
            shown = escape(shown),
        );
    }
    let _ = write!(
        svg,
        "<line x1=\"{LABEL_W}\" y1=\"4\" x2=\"{LABEL_W}\" y2=\"{y2}\" stroke=\"{GRID}\"/></svg>",
        y2 = height - 4.0
    );
    let labels = items.iter().map(|(l, _)| l.clone()).collect();
    Chart {
        id: id.to_owned(),
        svg,
        labels,
        series: vec![(String::new(), values)],
        max,
        percent: false,
        data,
    }
}

/// Received and decided per month: two bars per month, the numbers above them (up to 12
/// months; the table beside has them all).
pub fn trend(
    id: &str,
    title: &str,
    (received, decided): (&str, &str),
    months: &[MonthCount],
    data: DataTable,
) -> Chart {
    let n = months.len().max(1) as f64;
    let r: Vec<f64> = months.iter().map(|m| value(m.received)).collect();
    let d: Vec<f64> = months.iter().map(|m| value(m.decided)).collect();
    let max = r.iter().chain(&d).copied().fold(0.0, f64::max);
    let desc: Vec<String> = months
        .iter()
        .map(|m| {
            format!(
                "{}: {received} {}, {decided} {}",
                m.month,
                count(m.received),
                count(m.decided)
            )
        })
        .collect();
    let (height, left, right, top, bottom) = (250.0, 44.0, WIDTH - 10.0, 44.0, 210.0);
    let mut svg = open(id, title, &desc.join("; "), height);
    // Legend.
    let _ = write!(
        svg,
        "<rect x=\"{left}\" y=\"8\" width=\"14\" height=\"14\" fill=\"{BLUE}\"/>\
         <text x=\"{lx1}\" y=\"20\" fill=\"{INK}\">{received}</text>\
         <rect x=\"{lx2}\" y=\"8\" width=\"14\" height=\"14\" fill=\"{ORANGE}\"/>\
         <text x=\"{lx3}\" y=\"20\" fill=\"{INK}\">{decided}</text>",
        lx1 = left + 20.0,
        lx2 = left + 150.0,
        lx3 = left + 170.0,
        received = escape(received),
        decided = escape(decided),
    );
    // Axis: 0 and the largest number.
    let _ = write!(
        svg,
        "<line x1=\"{left}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"{GRID}\"/>\
         <text x=\"{tx}\" y=\"{by}\" text-anchor=\"end\" fill=\"{INK}\">0</text>",
        tx = left - 6.0,
        by = bottom + 4.0,
    );
    if max > 0.0 {
        let _ = write!(
            svg,
            "<line x1=\"{left}\" y1=\"{top}\" x2=\"{right}\" y2=\"{top}\" stroke=\"{GRID}\" \
             stroke-dasharray=\"3 3\"/><text x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\" \
             fill=\"{INK}\">{max}</text>",
            tx = left - 6.0,
            ty = top + 4.0,
        );
    }
    let group = (right - left) / n;
    let bar = (group * 0.38).min(28.0);
    let labelled = months.len() <= 12;
    for (i, m) in months.iter().enumerate() {
        let x0 = left + group * i as f64 + (group - 2.0 * bar) / 2.0;
        for (j, (c, colour)) in [(m.received, BLUE), (m.decided, ORANGE)]
            .into_iter()
            .enumerate()
        {
            let v = value(c);
            let h = if max > 0.0 {
                (bottom - top) * v / max
            } else {
                0.0
            };
            let x = x0 + bar * j as f64;
            let _ = write!(
                svg,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{h:.1}\" fill=\"{colour}\"/>",
                y = bottom - h,
            );
            if labelled {
                let _ = write!(
                    svg,
                    "<text x=\"{cx:.1}\" y=\"{ty:.1}\" text-anchor=\"middle\" font-size=\"10\" \
                     fill=\"{INK}\">{v}</text>",
                    cx = x + bar / 2.0,
                    ty = bottom - h - 3.0,
                    v = escape(&count(c)),
                );
            }
        }
        // Month labels: all up to 12 months, else the Januaries.
        let text = if labelled {
            Some(if months.len() <= 6 {
                m.month.clone()
            } else {
                m.month.get(5..).unwrap_or(&m.month).to_owned()
            })
        } else if m.month.ends_with("-01") {
            Some(m.month.get(..4).unwrap_or(&m.month).to_owned())
        } else {
            None
        };
        if let Some(text) = text {
            let _ = write!(
                svg,
                "<text x=\"{cx:.1}\" y=\"{ty}\" text-anchor=\"middle\" fill=\"{INK}\">{t}</text>",
                cx = left + group * i as f64 + group / 2.0,
                ty = bottom + 18.0,
                t = escape(&text),
            );
        }
    }
    svg.push_str("</svg>");
    Chart {
        id: id.to_owned(),
        svg,
        labels: months.iter().map(|m| m.month.clone()).collect(),
        series: vec![(received.to_owned(), r), (decided.to_owned(), d)],
        max,
        percent: false,
        data,
    }
}

/// The share on time per deadline: bars on a scale of 0 to 100 %, the share as text.
pub fn shares(id: &str, title: &str, items: Vec<(String, f64, String)>, data: DataTable) -> Chart {
    let desc: Vec<String> = items.iter().map(|(l, _, t)| format!("{l}: {t}")).collect();
    let height = ROW * items.len() as f64 + 34.0;
    let mut svg = open(id, title, &desc.join("; "), height);
    let bar_w = WIDTH - LABEL_W - 70.0;
    for (i, (label, v, shown)) in items.iter().enumerate() {
        let y = 8.0 + ROW * i as f64;
        let w = bar_w * v.clamp(0.0, 100.0) / 100.0;
        let _ = write!(
            svg,
            "<text x=\"{x}\" y=\"{ty}\" text-anchor=\"end\" fill=\"{INK}\">{label}</text>\
             <rect x=\"{LABEL_W}\" y=\"{y}\" width=\"{bar_w}\" height=\"{h}\" fill=\"none\" stroke=\"{GRID}\"/>\
             <rect x=\"{LABEL_W}\" y=\"{y}\" width=\"{w:.1}\" height=\"{h}\" fill=\"{BLUE}\"/>\
             <text x=\"{vx:.1}\" y=\"{ty}\" fill=\"{INK}\">{shown}</text>",
            x = LABEL_W - 6.0,
            ty = y + 13.0,
            label = escape(&short(label, 28)),
            h = ROW - 8.0,
            vx = LABEL_W + bar_w + 5.0,
            shown = escape(shown),
        );
    }
    let axis = 8.0 + ROW * items.len() as f64 + 14.0;
    let _ = write!(
        svg,
        "<text x=\"{LABEL_W}\" y=\"{axis}\" text-anchor=\"middle\" fill=\"{INK}\">0</text>\
         <text x=\"{x100}\" y=\"{axis}\" text-anchor=\"middle\" fill=\"{INK}\">100</text></svg>",
        x100 = LABEL_W + bar_w,
    );
    Chart {
        id: id.to_owned(),
        svg,
        labels: items.iter().map(|(l, _, _)| l.clone()).collect(),
        series: vec![(String::new(), items.iter().map(|(_, v, _)| *v).collect())],
        max: 100.0,
        percent: true,
        data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t13_chart_text_is_escaped() {
        let chart = bars(
            "c",
            "A <b> & \"c\"",
            vec![("<script>x</script>".into(), "3".into())],
            super::super::table("t", "t".into(), &["a", "b"], &[1.0, 1.0]),
        );
        assert!(!chart.svg.contains("<script>"), "{}", chart.svg);
        assert!(chart.svg.contains("&lt;script&gt;"));
        assert!(chart.svg.contains("A &lt;b&gt; &amp; &quot;c&quot;"));
        assert!(chart.svg.contains(">3</text>"));
    }
}
