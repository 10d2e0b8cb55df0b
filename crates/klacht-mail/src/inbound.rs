//! Mail in: one RFC 5322 message read into what the intake needs ([`parse`]).
//!
//! [`parse`] never fails and never panics: a message it cannot read at all comes back with
//! [`Inbound::malformed`] set and its raw text kept, so that the intake keeps it in the post
//! tray and goes on with the next one. A message is also classified ([`Kind`]): automatic
//! replies (out-of-office), list mail and bounces must never be acknowledged, or two robots
//! mail each other for ever (RFC 3834).
//!
//! The text of an HTML-only message is turned into plain text (mail-parser's conversion: tags,
//! `<head>`, `<style>` and `<script>` dropped, entities decoded, a line break for `<br>` and
//! each block); nothing of the HTML (scripts, styles, remote images) survives.

use crate::Address;
use jiff::Timestamp;
use mail_parser::decoders::html::html_to_text;
use mail_parser::{
    Address as MpAddress, HeaderValue, Message, MessageParser, MimeHeaders, PartType,
};

/// How much of a message is kept. Attachments beyond these limits are left out and listed in
/// [`Inbound::left_out`] with their name and size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Attachments kept at most; the rest are left out.
    pub max_attachments: usize,
    /// Bytes of one attachment at most.
    pub max_attachment_bytes: usize,
    /// Bytes of all kept attachments together at most.
    pub max_total_bytes: usize,
    /// Bytes of the text kept at most (cut at a character boundary, see [`Inbound::text_cut`]).
    pub max_text_bytes: usize,
    /// Bytes of the raw text kept of a malformed message.
    pub max_raw_bytes: usize,
}

impl Default for Limits {
    /// The web form's defaults: 5 attachments of at most 10 MB; 25 MB together; 1 MB of text,
    /// 256 kB of a malformed message.
    fn default() -> Self {
        Limits {
            max_attachments: 5,
            max_attachment_bytes: 10 * 1024 * 1024,
            max_total_bytes: 25 * 1024 * 1024,
            max_text_bytes: 1024 * 1024,
            max_raw_bytes: 256 * 1024,
        }
    }
}

/// One message as read. Every field is empty or `None` when the message lacks it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Inbound {
    /// `Message-ID` without the angle brackets.
    pub message_id: Option<String>,
    /// The ids in `In-Reply-To`, without angle brackets.
    pub in_reply_to: Vec<String>,
    /// The ids in `References`, without angle brackets, oldest first.
    pub references: Vec<String>,
    /// The first address of `From`.
    pub from: Option<Address>,
    /// The first address of `Reply-To`.
    pub reply_to: Option<Address>,
    /// Every address of `To`.
    pub to: Vec<Address>,
    /// Every address of `Cc`.
    pub cc: Vec<Address>,
    /// `Subject`, decoded; empty without one.
    pub subject: String,
    /// `Date`, when present and readable.
    pub date: Option<Timestamp>,
    /// The plain text: the text parts joined by a blank line, or the HTML turned into text.
    pub text: String,
    /// `Some(bytes of the whole text)` when the text was cut at [`Limits::max_text_bytes`].
    pub text_cut: Option<usize>,
    /// The attachments kept, in the order of the message.
    pub attachments: Vec<Attachment>,
    /// The attachments left out by the [`Limits`].
    pub left_out: Vec<LeftOut>,
    /// What sort of message this is.
    pub kind: Kind,
    /// Why the message could not be read, when it could not: then only [`Inbound::raw_text`]
    /// and [`Inbound::size`] are filled.
    pub malformed: Option<String>,
    /// The raw message as text (invalid UTF-8 replaced, cut at [`Limits::max_raw_bytes`]),
    /// only for a malformed message.
    pub raw_text: Option<String>,
    /// Bytes of the raw message.
    pub size: usize,
}

/// An attachment kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The file name the sender gave, or `bijlage-N` (N from 1) without one.
    pub name: String,
    /// The content type the message declares, e.g. `application/pdf` (not checked here: check
    /// the bytes before trusting it).
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// An attachment left out, for the tray to say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    pub name: String,
    pub content_type: String,
    /// Bytes of the (decoded) attachment.
    pub size: usize,
    pub reason: LeftOutReason,
}

/// Which limit left an attachment out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOutReason {
    /// More than [`Limits::max_attachments`] attachments.
    TooMany,
    /// Larger than [`Limits::max_attachment_bytes`].
    TooLarge,
    /// Together with the attachments before it, more than [`Limits::max_total_bytes`].
    OverTotal,
}

/// What sort of message came in; only [`Kind::Normal`] may be acknowledged.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Kind {
    /// Written by a person, as far as the headers tell.
    #[default]
    Normal,
    /// An automatic reply: out-of-office, vacation notice (RFC 3834 `Auto-Submitted` other than
    /// `no`, `X-Autoreply`, `X-Autorespond`, `Precedence: auto_reply`).
    AutoReply,
    /// Mail of a list or a bulk sender (`Precedence: bulk`, `list` or `junk`, `List-Id`,
    /// `List-Unsubscribe`).
    List,
    /// A delivery status notification: a message of ours (or someone's) did not arrive.
    Bounce {
        /// The `Message-ID` of the message that bounced (from its returned copy or headers),
        /// without angle brackets; give it to [`crate::letter_of`].
        original_message_id: Option<String>,
        /// The address that could not be reached (`Final-Recipient`).
        recipient: Option<String>,
        /// The status code, e.g. `5.1.1`.
        status: Option<String>,
    },
}

/// Reads one message. Never panics and never fails: see [`Inbound::malformed`].
pub fn parse(raw: &[u8], limits: &Limits) -> Inbound {
    match read(raw, limits) {
        Ok(inbound) => inbound,
        Err(reason) => Inbound {
            malformed: Some(reason.to_owned()),
            raw_text: Some(cut(&String::from_utf8_lossy(raw), limits.max_raw_bytes).to_owned()),
            size: raw.len(),
            ..Inbound::default()
        },
    }
}

/// The headers that make something a message: without any of them it is not one.
const MESSAGE_HEADERS: [&str; 6] = ["from", "sender", "to", "subject", "date", "message-id"];

fn read(raw: &[u8], limits: &Limits) -> Result<Inbound, &'static str> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err("the message is empty");
    }
    let header_end = header_block_end(raw);
    if raw.get(..header_end).is_some_and(|h| h.contains(&0)) {
        return Err("the message headers contain binary data");
    }
    let message = MessageParser::default()
        .parse(raw)
        .filter(|m| !m.parts.is_empty())
        .ok_or("not an e-mail message: it has no header lines")?;
    let headers = &message.parts.first().ok_or("no message parts")?.headers;
    if !headers
        .iter()
        .any(|h| MESSAGE_HEADERS.contains(&h.name.as_str().to_ascii_lowercase().as_str()))
    {
        return Err("not an e-mail message: no From, To, Subject, Date or Message-ID header");
    }

    let (text, text_cut) = text_of(&message, limits);
    let (attachments, left_out) = attachments_of(&message, limits);
    Ok(Inbound {
        message_id: message.message_id().and_then(clean_id),
        in_reply_to: ids(message.in_reply_to()),
        references: ids(message.references()),
        from: message.from().and_then(first_address),
        reply_to: message.reply_to().and_then(first_address),
        to: message.to().map(all_addresses).unwrap_or_default(),
        cc: message.cc().map(all_addresses).unwrap_or_default(),
        subject: message.subject().unwrap_or_default().trim().to_owned(),
        date: message
            .date()
            .filter(|d| d.is_valid())
            .and_then(|d| Timestamp::from_second(d.to_timestamp()).ok()),
        text,
        text_cut,
        attachments,
        left_out,
        kind: kind_of(&message),
        malformed: None,
        raw_text: None,
        size: raw.len(),
    })
}

/// Where the header block ends (the first empty line), or the end.
fn header_block_end(raw: &[u8]) -> usize {
    let crlf = raw.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = raw.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => raw.len(),
    }
}

/// `s` cut to at most `max` bytes at a character boundary.
fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

fn clean_id(id: &str) -> Option<String> {
    let id = id
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim();
    (!id.is_empty()).then(|| id.to_owned())
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(t) => clean_id(t).into_iter().collect(),
        HeaderValue::TextList(list) => list.iter().filter_map(|t| clean_id(t)).collect(),
        _ => Vec::new(),
    }
}

fn address_of(addr: &mail_parser::Addr<'_>) -> Option<Address> {
    let email = addr.address()?.trim();
    if email.is_empty() {
        return None;
    }
    let name = addr
        .name()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    Some(Address {
        name,
        email: email.to_owned(),
    })
}

fn all_addresses(address: &MpAddress<'_>) -> Vec<Address> {
    match address {
        MpAddress::List(list) => list.iter().filter_map(address_of).collect(),
        MpAddress::Group(groups) => groups
            .iter()
            .flat_map(|g| g.addresses.iter())
            .filter_map(address_of)
            .collect(),
    }
}

fn first_address(address: &MpAddress<'_>) -> Option<Address> {
    all_addresses(address).into_iter().next()
}

fn text_of(message: &Message<'_>, limits: &Limits) -> (String, Option<usize>) {
    let parts: Vec<String> = message
        .text_bodies()
        .filter_map(|part| match &part.body {
            PartType::Text(text) => Some(tidy(text, false)),
            PartType::Html(html) => Some(tidy(&html_to_text(&with_breaks(html)), true)),
            _ => None,
        })
        .filter(|t| !t.is_empty())
        .collect();
    let text = parts.join("\n\n");
    if text.len() > limits.max_text_bytes {
        let full = text.len();
        (cut(&text, limits.max_text_bytes).to_owned(), Some(full))
    } else {
        (text, None)
    }
}

/// Block elements that end a line of text.
const BLOCKS: [&str; 19] = [
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "blockquote",
    "ul",
    "ol",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "dd",
];

/// The HTML with a `<br>` where a block ends, and a second after a paragraph (for an empty line
/// between paragraphs), so that mail-parser's conversion, which breaks lines only at `<br>` and
/// `</p>`, keeps the lines of a text written in `<div>`s (as webmail writes them) apart.
fn with_breaks(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(at) = rest.find("</") {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        let name: String = tag
            .chars()
            .skip(2)
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if BLOCKS.contains(&name.as_str()) {
            out.push_str("<br>");
        }
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        out.push_str(tag.get(..end).unwrap_or_default());
        if name == "p" {
            out.push_str("<br>");
        }
        rest = tag.get(end..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// Line ends made `\n`, trailing blanks (leading too for text from HTML, whose white space is
/// layout) and runs of more than one empty line dropped.
fn tidy(text: &str, from_html: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut empty_run = 0;
    for line in text.replace("\r\n", "\n").split('\n') {
        let line = line.trim_end();
        let line = if from_html { line.trim_start() } else { line };
        if line.is_empty() {
            empty_run += 1;
            if empty_run > 1 {
                continue;
            }
        } else {
            empty_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_owned()
}

fn attachments_of(message: &Message<'_>, limits: &Limits) -> (Vec<Attachment>, Vec<LeftOut>) {
    let mut kept = Vec::new();
    let mut left_out = Vec::new();
    let mut total = 0usize;
    for (n, part) in message.attachments().enumerate() {
        let content_type = part
            .content_type()
            .map(|ct| match ct.subtype() {
                Some(sub) => format!("{}/{}", ct.ctype(), sub),
                None => ct.ctype().to_owned(),
            })
            .unwrap_or_else(|| "application/octet-stream".to_owned())
            .to_ascii_lowercase();
        let name = part
            .attachment_name()
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("bijlage-{}", n + 1));
        let bytes = part.contents();
        let size = bytes.len();
        let reason = if kept.len() >= limits.max_attachments {
            Some(LeftOutReason::TooMany)
        } else if size > limits.max_attachment_bytes {
            Some(LeftOutReason::TooLarge)
        } else if total.saturating_add(size) > limits.max_total_bytes {
            Some(LeftOutReason::OverTotal)
        } else {
            None
        };
        match reason {
            Some(reason) => left_out.push(LeftOut {
                name,
                content_type,
                size,
                reason,
            }),
            None => {
                total += size;
                kept.push(Attachment {
                    name,
                    content_type,
                    bytes: bytes.to_vec(),
                });
            }
        }
    }
    (kept, left_out)
}

/// The raw value of the first top-level header `name` (any case), trimmed.
fn header<'a>(message: &'a Message<'_>, name: &str) -> Option<&'a str> {
    let h = message
        .parts
        .first()?
        .headers
        .iter()
        .find(|h| h.name.as_str().eq_ignore_ascii_case(name))?;
    let raw = message
        .raw_message
        .get(h.offset_start as usize..h.offset_end as usize)?;
    std::str::from_utf8(raw).ok().map(str::trim)
}

/// The value's first word, lower case: `auto-replied; owner-email=…` gives `auto-replied`.
fn token(value: &str) -> String {
    value
        .split(|c: char| c == ';' || c == '(' || c.is_whitespace())
        .find(|t| !t.is_empty())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn kind_of(message: &Message<'_>) -> Kind {
    if let Some(bounce) = bounce_of(message) {
        return bounce;
    }
    let auto_submitted = header(message, "Auto-Submitted").map(token);
    let precedence = header(message, "Precedence").map(token);
    if auto_submitted.as_deref().is_some_and(|v| v != "no")
        || header(message, "X-Autoreply").is_some()
        || header(message, "X-Autorespond").is_some()
        || precedence.as_deref() == Some("auto_reply")
    {
        return Kind::AutoReply;
    }
    if matches!(precedence.as_deref(), Some("bulk" | "list" | "junk"))
        || header(message, "List-Id").is_some()
        || header(message, "List-Unsubscribe").is_some()
    {
        return Kind::List;
    }
    Kind::Normal
}

fn is_type(part: &mail_parser::MessagePart<'_>, ctype: &str, subtypes: &[&str]) -> bool {
    part.content_type().is_some_and(|ct| {
        ct.ctype().eq_ignore_ascii_case(ctype)
            && ct
                .subtype()
                .is_some_and(|s| subtypes.iter().any(|t| s.eq_ignore_ascii_case(t)))
    })
}

fn bounce_of(message: &Message<'_>) -> Option<Kind> {
    let root = message.parts.first()?;
    let is_report = is_type(root, "multipart", &["report"])
        && root
            .content_type()
            .and_then(|ct| ct.attribute("report-type"))
            .is_some_and(|t| t.eq_ignore_ascii_case("delivery-status"));
    let status_part = message
        .parts
        .iter()
        .find(|p| is_type(p, "message", &["delivery-status", "global-delivery-status"]));
    let returned = message.parts.iter().find(|p| {
        is_type(p, "message", &["rfc822", "global", "rfc822-headers"])
            || is_type(p, "text", &["rfc822-headers"])
    });
    let from_daemon = message
        .from()
        .and_then(first_address)
        .map(|a| a.email.to_ascii_lowercase())
        .or_else(|| header(message, "Return-Path").map(str::to_ascii_lowercase))
        .is_some_and(|a| {
            let local = a
                .trim_matches(|c| c == '<' || c == '>')
                .split('@')
                .next()
                .unwrap_or_default()
                .to_owned();
            local == "mailer-daemon" || local == "postmaster" || local.is_empty()
        });
    if !is_report && !(from_daemon && (status_part.is_some() || returned.is_some())) {
        return None;
    }
    let (recipient, status) = status_part
        .map(|p| delivery_status(&String::from_utf8_lossy(p.contents())))
        .unwrap_or_default();
    let original_message_id = returned.and_then(|p| match p.message() {
        Some(nested) if !nested.parts.is_empty() => nested.message_id().and_then(clean_id),
        _ => MessageParser::default()
            .parse_headers(p.contents())
            .filter(|m| !m.parts.is_empty())
            .and_then(|m| m.message_id().and_then(clean_id)),
    });
    Some(Kind::Bounce {
        original_message_id,
        recipient,
        status,
    })
}

/// The first failed recipient and its status of a `message/delivery-status` body (RFC 3464):
/// the per-recipient block with `Action: failed`, else the first with a recipient.
fn delivery_status(body: &str) -> (Option<String>, Option<String>) {
    let mut best: Option<(Option<String>, Option<String>)> = None;
    for block in body.replace("\r\n", "\n").split("\n\n") {
        let mut recipient = None;
        let mut status = None;
        let mut failed = false;
        for line in block.lines() {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "final-recipient" => {
                    let address = value.split_once(';').map_or(value, |(_, a)| a).trim();
                    let address = address.trim_matches(|c| c == '<' || c == '>');
                    if !address.is_empty() {
                        recipient = Some(address.to_owned());
                    }
                }
                "original-recipient" if recipient.is_none() => {
                    let address = value.split_once(';').map_or(value, |(_, a)| a).trim();
                    if !address.is_empty() {
                        recipient = Some(address.to_owned());
                    }
                }
                "status" => {
                    let code = token(value);
                    if !code.is_empty() {
                        status = Some(code);
                    }
                }
                "action" => failed = token(value) == "failed",
                _ => {}
            }
        }
        if recipient.is_none() && status.is_none() {
            continue;
        }
        if failed {
            return (recipient, status);
        }
        if best.is_none() {
            best = Some((recipient, status));
        }
    }
    best.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_delivery_status_gives_the_failed_recipient_and_its_status() {
        let body = "Reporting-MTA: dns; mx.org.nl\n\nFinal-Recipient: rfc822; a@x.nl\nAction: delivered\nStatus: 2.0.0\n\nFinal-Recipient: rfc822; <b@x.nl>\nAction: failed\nStatus: 5.1.1 (unknown)\n";
        assert_eq!(
            delivery_status(body),
            (Some("b@x.nl".into()), Some("5.1.1".into()))
        );
        assert_eq!(delivery_status(""), (None, None));
    }

    #[test]
    fn html_in_divs_and_lists_keeps_its_lines() {
        let html = "<div>Beste mensen,</div><div><br></div><div>Ik klaag over:</div><ul><li>de wachttijd</li><li>de toon</li></ul><p>Groet</p><p>Marie</p>";
        assert_eq!(
            tidy(&html_to_text(&with_breaks(html)), true),
            "Beste mensen,\n\nIk klaag over:\nde wachttijd\nde toon\n\nGroet\n\nMarie"
        );
    }

    #[test]
    fn cut_keeps_whole_characters() {
        assert_eq!(cut("één", 2), "é");
        assert_eq!(cut("één", 1), "");
        assert_eq!(cut("abc", 10), "abc");
    }
}
