//! Text that comes from outside — the form, the API, the status page, mail — and what it may
//! hold. A single line (a name, an e-mail address, a phone number, a subject, a title) goes into
//! mail headers, lists and letters' address blocks: a line break there breaks a header or
//! forges one, and direction overrides make a name read as another. A longer text may have
//! line breaks and tabs, nothing else of the control characters.

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// What is wrong with a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    /// A line break, tab or other control character in a single line; a control character
    /// other than line breaks and tabs in a text.
    ControlCharacter,
    /// A character that overrides or isolates the writing direction (U+202A–U+202E,
    /// U+2066–U+2069): it can make "Jan" read as another name.
    DirectionOverride,
    /// Only blanks and invisible characters: it would show as nothing.
    NothingVisible,
}

impl TextProblem {
    /// What to tell the person who typed it, in English.
    pub fn message_en(self) -> &'static str {
        match self {
            TextProblem::ControlCharacter => {
                "contains a line break or another control character; type it on one line"
            }
            TextProblem::DirectionOverride => {
                "contains characters that change the writing direction (such as U+202E); remove them"
            }
            TextProblem::NothingVisible => "holds no visible characters",
        }
    }

    /// The same in Dutch.
    pub fn message_nl(self) -> &'static str {
        match self {
            TextProblem::ControlCharacter => {
                "bevat een regeleinde of een ander stuurteken; typ het op één regel"
            }
            TextProblem::DirectionOverride => {
                "bevat tekens die de schrijfrichting omdraaien (zoals U+202E); haal ze weg"
            }
            TextProblem::NothingVisible => "bevat geen zichtbare tekens",
        }
    }
}

/// Overrides and isolates of the writing direction. The marks (U+200E, U+200F) only hint a
/// direction for neutral characters and are left alone: Arabic and Hebrew text uses them.
fn overrides_direction(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Letters that render as nothing: Hangul fillers and the blank Braille pattern, used to make a
/// name that looks empty but is not.
fn blank_letter(c: char) -> bool {
    matches!(
        c,
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{2800}'
    )
}

/// A character that shows: a letter, number, punctuation mark or symbol, not a filler.
fn visible(c: char) -> bool {
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter
            | GeneralCategoryGroup::Number
            | GeneralCategoryGroup::Punctuation
            | GeneralCategoryGroup::Symbol
    ) && !blank_letter(c)
}

/// Checks a single line. An empty line is fine here (whether a field is required is the
/// caller's business); a non-empty one must show something.
pub fn check_line(s: &str) -> Result<(), TextProblem> {
    if s.chars().any(char::is_control) {
        return Err(TextProblem::ControlCharacter);
    }
    if s.chars().any(overrides_direction) {
        return Err(TextProblem::DirectionOverride);
    }
    if !s.is_empty() && !s.chars().any(visible) {
        return Err(TextProblem::NothingVisible);
    }
    Ok(())
}

/// Checks a text of one or more lines: line breaks and tabs are fine.
pub fn check_text(s: &str) -> Result<(), TextProblem> {
    if s.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(TextProblem::ControlCharacter);
    }
    if !s.trim().is_empty() && !s.chars().any(visible) {
        return Err(TextProblem::NothingVisible);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_refuses_every_line_break_and_control_character() {
        for s in [
            "Jan\nJansen",
            "Jan\rJansen",
            "Jan\r\nBcc: iemand@example.org",
            "Jan\tJansen",
            "Jan\u{0}",
            "Jan\u{7f}",
            "Jan\u{85}Jansen",
        ] {
            assert_eq!(check_line(s), Err(TextProblem::ControlCharacter), "{s:?}");
        }
    }

    #[test]
    fn a_line_refuses_direction_overrides_but_keeps_the_marks() {
        for s in [
            "Jan\u{202E}nasnaJ",
            "\u{2066}Jan\u{2069}",
            "\u{2067}x",
            "\u{2068}x",
            "\u{202A}x",
        ] {
            assert_eq!(check_line(s), Err(TextProblem::DirectionOverride), "{s:?}");
        }
        assert_eq!(check_line("\u{200F}שרה כהן"), Ok(()));
        assert_eq!(check_line("سارة\u{200E} 12"), Ok(()));
    }

    #[test]
    fn a_line_of_only_invisible_characters_is_refused() {
        for s in [
            "\u{200B}",
            "\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}",
            " \u{00A0} ",
            "\u{3164}",
            "\u{2800}\u{2800}",
            "\u{115F}\u{1160}",
            "\u{034F}",
            "\u{00AD}",
        ] {
            assert_eq!(check_line(s), Err(TextProblem::NothingVisible), "{s:?}");
        }
    }

    #[test]
    fn ordinary_names_addresses_and_numbers_pass() {
        for s in [
            "Anna de Vries-Öztürk",
            "Zoë van ’t Hof",
            "José María Ñúñez",
            "Lê Văn Thành",
            "王小明",
            "O'Brien & Zn.",
            "020 123 45 67",
            "+31 (0)6-12345678",
            "jan@example.nl",
            "X Æ A-12",
            "",
        ] {
            assert_eq!(check_line(s), Ok(()), "{s:?}");
        }
    }

    #[test]
    fn a_text_keeps_its_line_breaks_and_tabs_and_refuses_other_controls() {
        assert_eq!(check_text("Eerste regel.\r\nTweede\tregel.\n"), Ok(()));
        assert_eq!(
            check_text("Een\u{7}bel"),
            Err(TextProblem::ControlCharacter)
        );
        assert_eq!(
            check_text("\u{200B}\n\u{200B}"),
            Err(TextProblem::NothingVisible)
        );
        assert_eq!(check_text(""), Ok(()));
    }
}
