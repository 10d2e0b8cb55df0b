//! Every CSV klacht writes goes through here: a cell that a spreadsheet would read as a formula
//! is written as text (CSV formula injection; OWASP's advice).
//!
//! Cells hold text that staff or the profile typed (categories, recommendation titles, action
//! descriptions): `=HYPERLINK("http://x","y")` in such a text would otherwise become a live
//! formula for whoever opens the download in Excel or LibreOffice.

use std::borrow::Cow;

/// A cell as it may go into a CSV: when it starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return, a single quote is put before it, so that spreadsheets show it as text.
///
/// A number stays a number: `-3`, `-2,5`, `-12.5 %` cannot be a formula, and a quote would turn
/// a figure into text that no longer sums. Only a cell that is a number and nothing else is
/// kept as it is, whoever wrote it; `-1+1` or `-2 @A1` are quoted like any other.
pub fn cell(text: &str) -> Cow<'_, str> {
    let risky = text
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && !is_negative_number(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// `-` followed by digits, with at most one decimal mark (`,` or `.`) between digits, and an
/// optional percent sign (`-12,5 %`, `-12.5%`).
fn is_negative_number(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('-') else {
        return false;
    };
    let rest = rest
        .strip_suffix(" %")
        .or_else(|| rest.strip_suffix('%'))
        .unwrap_or(rest);
    let mut parts = rest.splitn(2, [',', '.']);
    let whole = parts.next().unwrap_or_default();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && parts.next().is_none_or(digits)
}

/// Writes one record, every field through [`cell`].
pub fn write_record<'a, W: std::io::Write>(
    w: &mut csv::Writer<W>,
    fields: impl IntoIterator<Item = &'a str>,
) -> Result<(), csv::Error> {
    w.write_record(fields.into_iter().map(|f| match cell(f) {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_written_as_text() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(cell("+31 20 123"), "'+31 20 123");
        assert_eq!(cell("-1+cmd|' /C calc'!A0"), "'-1+cmd|' /C calc'!A0");
        assert_eq!(cell("@SUM(A1:A9)"), "'@SUM(A1:A9)");
        assert_eq!(cell("\t=1+1"), "'\t=1+1");
        assert_eq!(cell("\r=1+1"), "'\r=1+1");
        assert_eq!(cell("-"), "'-");
        assert_eq!(cell("-1,2,3"), "'-1,2,3");
        assert_eq!(cell("- 5"), "'- 5");
    }

    #[test]
    fn plain_text_and_numbers_stay_as_they_are() {
        for keep in [
            "Bejegening",
            "12",
            "66,7 %",
            "< 5",
            "–",
            "",
            "a=b",
            "-3",
            "-2,5",
            "-12.5%",
            "-12,5 %",
        ] {
            assert_eq!(cell(keep), keep);
        }
    }
}
