//! The profile's Markdown texts as HTML, with raw HTML disabled: an HTML tag written in a profile
//! text is shown as text, never passed to the browser. Links and images may only point to
//! `http(s)`, `mailto:`, `tel:` or a relative address.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// `source` as HTML, safe to put in a page. Headings are shifted so that the text's highest
/// heading becomes `top` (a text under a page's `h1` starts at `h2`).
pub fn to_html(source: &str, top: HeadingLevel) -> String {
    let events = safe_events(source);
    render(shift_headings(events, top))
}

/// A text that begins with its own title (`# Klachtenregeling …`): the title as plain text and the
/// rest as HTML with headings from `top`. Without a leading `#` heading, the title is `None`.
pub fn split_title(source: &str, top: HeadingLevel) -> (Option<String>, String) {
    let events = safe_events(source);
    let mut title = None;
    let mut rest = Vec::with_capacity(events.len());
    let mut iter = events.into_iter().peekable();
    if let Some(Event::Start(Tag::Heading {
        level: HeadingLevel::H1,
        ..
    })) = iter.peek()
    {
        iter.next();
        let mut text = String::new();
        for event in iter.by_ref() {
            match event {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
        }
        title = Some(text.trim().to_owned());
    }
    rest.extend(iter);
    (title, render(shift_headings(rest, top)))
}

fn render(events: Vec<Event<'_>>) -> String {
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// The events of `source` with raw HTML turned into text and unsafe links turned into their text.
fn safe_events(source: &str) -> Vec<Event<'_>> {
    let mut out = Vec::new();
    // Links and images do not nest in CommonMark; a dropped start has a dropped end.
    let mut dropped_link = false;
    let mut dropped_image = false;
    for event in Parser::new_ext(source, options()) {
        match event {
            Event::Html(s) | Event::InlineHtml(s) => out.push(Event::Text(s)),
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Link { ref dest_url, .. }) if !safe_url(dest_url) => {
                dropped_link = true;
            }
            Event::End(TagEnd::Link) if dropped_link => dropped_link = false,
            Event::Start(Tag::Image { ref dest_url, .. }) if !safe_url(dest_url) => {
                dropped_image = true;
            }
            Event::End(TagEnd::Image) if dropped_image => dropped_image = false,
            other => out.push(other),
        }
    }
    out
}

fn safe_url(url: &CowStr<'_>) -> bool {
    let url = url.trim().to_ascii_lowercase();
    match url.split_once(':') {
        // A colon after a slash, `?` or `#` is part of a relative address, not a scheme.
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

fn shift_headings(events: Vec<Event<'_>>, top: HeadingLevel) -> Vec<Event<'_>> {
    let highest = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min();
    let Some(highest) = highest else {
        return events;
    };
    let shift = |level: HeadingLevel| {
        let n = (level as usize + top as usize)
            .saturating_sub(highest)
            .min(6);
        HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
    };
    events
        .into_iter()
        .map(|e| match e {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: shift(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html(
            "Hallo <script>alert(1)</script> daar\n\n<div onclick=\"x()\">blok</div>\n",
            HeadingLevel::H2,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("&lt;div onclick="), "{html}");
    }

    #[test]
    fn unsafe_links_keep_only_their_text() {
        let html = to_html(
            "[klik](javascript:alert(1)) en [hier](https://x.nl) en [rel](/a:b) ![img](data:x)",
            HeadingLevel::H2,
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("klik"), "{html}");
        assert!(html.contains("<a href=\"https://x.nl\">hier</a>"), "{html}");
        assert!(html.contains("<a href=\"/a:b\">rel</a>"), "{html}");
    }

    #[test]
    fn headings_start_at_the_given_level() {
        let html = to_html("## Twee\n\n### Drie\n", HeadingLevel::H3);
        assert!(html.contains("<h3>Twee</h3>"), "{html}");
        assert!(html.contains("<h4>Drie</h4>"), "{html}");
    }

    #[test]
    fn a_leading_title_is_taken_out() {
        let (title, html) = split_title("# Regeling *X*\n\n## Doel\n\nTekst\n", HeadingLevel::H2);
        assert_eq!(title.as_deref(), Some("Regeling X"));
        assert!(html.contains("<h2>Doel</h2>"), "{html}");
        assert!(!html.contains("<h1"), "{html}");
        let (title, html) = split_title("Tekst\n\n# Kop\n", HeadingLevel::H2);
        assert_eq!(title, None);
        assert!(html.contains("<h2>Kop</h2>"), "{html}");
    }
}
