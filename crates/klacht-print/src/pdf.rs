//! The registration form as an A4 PDF, written with krilla.
//!
//! krilla draws glyphs; breaking lines and pages is done here, in two passes: [`Layout`] places
//! every line of text and every rule on its page, then [`draw`] writes the pages, now that the
//! page count for the footer is known. Text is measured with the embedded font's own advance
//! widths (skrifa), so lines never run past the margin.
//!
//! The PDF is tagged (headings, paragraphs, tables with header cells, lists) in reading order,
//! with its language set, so a screen reader can follow it; page furniture is marked as an
//! artifact. The font (DejaVu Sans, `assets/fonts`, with its licence) is embedded and subset: a
//! machine without fonts prints the same form, with every Dutch character (ë, é, ĳ, €).

// The layout indexes its own arenas (pages, elements, the parts of a table) by the ids and
// positions it handed out itself, always in range; a `get` at each would only hide that.
#![allow(clippy::indexing_slicing)]

use crate::Table;
use crate::letter::PrintedLetter;
use crate::personal::PersonalData;
use crate::registration::{Field, RegistrationForm, Section, Signature};
use crate::report::{Block, Chart, Doc};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, TableHeaderScope,
    Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use std::num::NonZeroU16;

static REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// Why no PDF could be made.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("the embedded font cannot be read")]
    Font,
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}

// A4 in points, and the margins.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 50.0;
const RIGHT: f32 = PAGE_W - 50.0;
const TOP: f32 = 62.0;
const BOTTOM: f32 = PAGE_H - 62.0;
const WIDTH: f32 = RIGHT - LEFT;

const BODY: f32 = 9.5;
const SMALL: f32 = 8.0;
const LEADING: f32 = 1.35;
const PAD: f32 = 3.5;
const LABEL_W: f32 = 150.0;

type Colour = (u8, u8, u8);
const TEXT: Colour = (0x0b, 0x0c, 0x0c);
const SECONDARY: Colour = (0x48, 0x4f, 0x53);
const MISSING: Colour = (0xa4, 0x11, 0x1f);
const RULE: Colour = (0x6f, 0x77, 0x7b);
const LIGHT: Colour = (0xb1, 0xb4, 0xb6);
const SHADE: Colour = (0xf3, 0xf2, 0xf1);
const BAR: Colour = (0x1d, 0x4f, 0x91);
const BAR2: Colour = (0xa8, 0x43, 0x00);

/// A font with what is needed to measure text in it.
struct Face {
    font: Font,
    charmap: Charmap<'static>,
    metrics: GlyphMetrics<'static>,
    units_per_em: f32,
}

impl Face {
    fn new(data: &'static [u8]) -> Result<Face, PrintError> {
        let font = Font::new(data.into(), 0).ok_or(PrintError::Font)?;
        let sk = skrifa::FontRef::new(data).map_err(|_| PrintError::Font)?;
        Ok(Face {
            units_per_em: font.units_per_em(),
            charmap: sk.charmap(),
            metrics: sk.glyph_metrics(Size::unscaled(), LocationRef::default()),
            font,
        })
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text
            .chars()
            .filter_map(|c| self.charmap.map(c))
            .filter_map(|g| self.metrics.advance_width(g))
            .sum();
        units * size / self.units_per_em
    }
}

struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }
}

/// How a run of text looks.
#[derive(Clone, Copy)]
struct Style {
    size: f32,
    bold: bool,
    colour: Colour,
}

const fn style(size: f32, bold: bool, colour: Colour) -> Style {
    Style { size, bold, colour }
}

impl Style {
    fn line_height(self) -> f32 {
        self.size * LEADING
    }
}

/// What to draw, placed on a page. `y` grows downwards from the top of the page.
enum Op {
    /// One line of text at its baseline; `node` is the structure element it belongs to.
    Text {
        x: f32,
        y: f32,
        style: Style,
        text: String,
        node: usize,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        colour: Colour,
    },
    /// A line of text that repeats what was said before (a table's header row again after a
    /// page break): drawn, but an artifact, so it is read once.
    Repeat {
        x: f32,
        y: f32,
        style: Style,
        text: String,
    },
}

/// A filled rectangle (the shade of a header row, a bar of a chart): drawn before, so beneath,
/// a page's text.
struct Shade {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    colour: Colour,
}

#[derive(Default)]
struct Page {
    shades: Vec<Shade>,
    ops: Vec<Op>,
}

/// A structure element (tag) and its children: other elements, or lines of text.
struct Element {
    kind: TagKind,
    children: Vec<Child>,
}

enum Child {
    Element(usize),
    /// (page, op index) of a text line.
    Text(usize, usize),
}

/// How a row is framed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// Every cell boxed (tables).
    Grid,
    /// A thin rule under the row (label and value).
    Rule,
    None,
}

/// A cell of a row: its column and its lines, already broken.
struct Cell {
    x: f32,
    w: f32,
    lines: Vec<(String, Style)>,
    node: usize,
}

/// A table's header row, drawn again at the top of every page the table continues on.
#[derive(Clone)]
struct Header {
    /// Each cell's column (x, width) and its lines.
    cells: Vec<HeaderCell>,
    height: f32,
}

/// A header cell: its column (x, width) and its lines.
type HeaderCell = (f32, f32, Vec<(String, Style)>);

/// The first pass: places lines and rules on pages and builds the structure tree.
struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Page>,
    y: f32,
    elements: Vec<Element>,
    roots: Vec<usize>,
    /// The header of the table being laid out, repeated after a page break.
    header: Option<Header>,
}

impl<'f> Layout<'f> {
    fn new(fonts: &'f Fonts) -> Self {
        Layout {
            fonts,
            pages: vec![Page::default()],
            y: TOP,
            elements: Vec::new(),
            roots: Vec::new(),
            header: None,
        }
    }

    /// Where content starts on a new page: below the repeated header of a table, if any.
    fn content_top(&self) -> f32 {
        TOP + self.header.as_ref().map_or(0.0, |h| h.height)
    }

    fn page(&self) -> usize {
        self.pages.len() - 1
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
        if let Some(h) = self.header.clone() {
            // The table's header row again, as on the page before (shaded, boxed).
            for (x, _, lines) in &h.cells {
                let mut y = TOP + PAD;
                for (text, s) in lines {
                    self.push(Op::Repeat {
                        x: x + PAD,
                        y: y + s.size,
                        style: *s,
                        text: text.clone(),
                    });
                    y += s.line_height();
                }
            }
            let left = h.cells.first().map_or(LEFT, |c| c.0);
            let right = h.cells.last().map_or(RIGHT, |c| c.0 + c.1);
            self.y = TOP + h.height;
            let page = self.page();
            self.pages[page].shades.push(Shade {
                x: left,
                y: TOP,
                w: right - left,
                h: h.height,
                colour: SHADE,
            });
            for y in [TOP, self.y] {
                self.rule(y, left, right, 0.6, RULE);
            }
            let xs: Vec<f32> = h
                .cells
                .iter()
                .map(|c| c.0)
                .chain(std::iter::once(right))
                .collect();
            for x in xs {
                self.push(Op::Line {
                    from: (x, TOP),
                    to: (x, self.y),
                    width: 0.6,
                    colour: RULE,
                });
            }
        }
    }

    fn room(&self) -> f32 {
        BOTTOM - self.y
    }

    /// Starts a new page unless `height` still fits on this one (or the page is still empty).
    fn keep(&mut self, height: f32) {
        if height > self.room() && self.y > self.content_top() {
            self.new_page();
        }
    }

    fn element(&mut self, parent: Option<usize>, kind: impl Into<TagKind>) -> usize {
        let id = self.elements.len();
        self.elements.push(Element {
            kind: kind.into(),
            children: Vec::new(),
        });
        match parent {
            Some(p) => self.elements[p].children.push(Child::Element(id)),
            None => self.roots.push(id),
        }
        id
    }

    fn push(&mut self, op: Op) {
        let page = self.page();
        if let Op::Text { node, .. } = op {
            let index = self.pages[page].ops.len();
            self.elements[node].children.push(Child::Text(page, index));
        }
        self.pages[page].ops.push(op);
    }

    fn text(&mut self, x: f32, baseline: f32, style: Style, text: String, node: usize) {
        if !text.is_empty() {
            self.push(Op::Text {
                x,
                y: baseline,
                style,
                text,
                node,
            });
        }
    }

    fn rule(&mut self, y: f32, from: f32, to: f32, width: f32, colour: Colour) {
        self.push(Op::Line {
            from: (from, y),
            to: (to, y),
            width,
            colour,
        });
    }

    /// Breaks `text` into lines at most `width` wide; a newline always breaks.
    fn wrap(&self, text: &str, width: f32, style: Style) -> Vec<String> {
        let face = self.fonts.face(style.bold);
        let fits = |s: &str| face.width(s, style.size) <= width;
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let clean: String = paragraph
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            let mut line = String::new();
            for word in clean.split(' ').filter(|w| !w.is_empty()) {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if fits(&candidate) {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A word wider than the column (an e-mail address, a long number) is cut.
                for c in word.chars() {
                    line.push(c);
                    if !fits(&line) && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    }
                }
            }
            lines.push(line);
        }
        // Every line but the last ends in the space it was broken at, so that text copied or
        // read aloud from the PDF keeps its words apart.
        let last = lines.len().saturating_sub(1);
        for line in &mut lines[..last] {
            line.push(' ');
        }
        lines
    }

    /// A paragraph across the full width.
    fn paragraph(&mut self, parent: Option<usize>, kind: impl Into<TagKind>, text: &str, s: Style) {
        let node = self.element(parent, kind);
        for line in self.wrap(text, WIDTH, s) {
            self.keep(s.line_height());
            self.y += s.line_height();
            self.text(LEFT, self.y - s.size * 0.25, s, line, node);
        }
    }

    fn heading(&mut self, parent: Option<usize>, level: u16, text: &str) {
        let size = match level {
            1 => 18.0,
            2 => 12.5,
            _ => 10.5,
        };
        let s = style(size, true, TEXT);
        // A heading never ends a page: keep room for it and a few lines after it.
        self.keep(s.line_height() + 8.0 + 4.0 * BODY * LEADING);
        self.y += if level == 1 { 0.0 } else { 10.0 };
        let kind = Tag::Hn(
            NonZeroU16::new(level).unwrap_or(NonZeroU16::MIN),
            Some(text.to_owned()),
        );
        self.paragraph(parent, kind, text, s);
        self.y += 3.0;
        if level == 2 {
            self.rule(self.y, LEFT, RIGHT, 1.2, TEXT);
            self.y += 4.0;
        }
    }

    /// One row of cells, side by side. Kept on one page when it fits on one; a taller row
    /// continues on the next page. `shade` fills the row (header rows). Text is written cell by
    /// cell, so it reads back in order.
    fn row(&mut self, cells: Vec<Cell>, frame: Frame, shade: bool) {
        let line_h = |i: usize| {
            cells
                .iter()
                .filter_map(|c| c.lines.get(i).map(|(_, s)| s.line_height()))
                .fold(BODY * LEADING, f32::max)
        };
        let count = cells
            .iter()
            .map(|c| c.lines.len())
            .max()
            .unwrap_or(0)
            .max(1);
        let height: f32 = (0..count).map(line_h).sum::<f32>() + 2.0 * PAD;
        self.keep(height);
        // Where each line goes: the lines of a row that does not fit continue on a new page.
        struct Part {
            top: f32,
            bottom: f32,
            lines: std::ops::Range<usize>,
            at: Vec<f32>,
        }
        let mut parts = vec![Part {
            top: self.y,
            bottom: 0.0,
            lines: 0..0,
            at: Vec::new(),
        }];
        let mut y = self.y + PAD;
        for i in 0..count {
            let h = line_h(i);
            let part = parts.len() - 1;
            if y + h + PAD > BOTTOM && i > parts[part].lines.start {
                parts[part].bottom = y + PAD;
                let top = self.content_top();
                parts.push(Part {
                    top,
                    bottom: 0.0,
                    lines: i..i,
                    at: Vec::new(),
                });
                y = top + PAD;
            }
            let part = parts.len() - 1;
            parts[part].at.push(y);
            parts[part].lines.end = i + 1;
            y += h;
        }
        let last = parts.len() - 1;
        parts[last].bottom = y + PAD;
        for (n, part) in parts.iter().enumerate() {
            if n > 0 {
                self.new_page();
            }
            for c in &cells {
                for (i, top) in part.lines.clone().zip(&part.at) {
                    if let Some((text, s)) = c.lines.get(i) {
                        self.text(c.x + PAD, top + s.size, *s, text.clone(), c.node);
                    }
                }
            }
            self.y = part.bottom;
            self.close_row(&cells, part.top, frame, shade);
        }
    }

    /// Draws the borders (and shade) of a row from `top` to here.
    fn close_row(&mut self, cells: &[Cell], top: f32, frame: Frame, shade: bool) {
        let bottom = self.y;
        let left = cells.first().map_or(LEFT, |c| c.x);
        let right = cells.last().map_or(RIGHT, |c| c.x + c.w);
        if shade {
            let page = self.page();
            self.pages[page].shades.push(Shade {
                x: left,
                y: top,
                w: right - left,
                h: bottom - top,
                colour: SHADE,
            });
        }
        if frame == Frame::Grid {
            for y in [top, bottom] {
                self.rule(y, left, right, 0.6, RULE);
            }
            let mut xs: Vec<f32> = cells.iter().map(|c| c.x).collect();
            xs.push(right);
            for x in xs {
                self.push(Op::Line {
                    from: (x, top),
                    to: (x, bottom),
                    width: 0.6,
                    colour: RULE,
                });
            }
        } else if frame == Frame::Rule {
            self.rule(bottom, left, right, 0.5, LIGHT);
        }
    }

    fn cell(&mut self, parent: usize, kind: impl Into<TagKind>, x: f32, w: f32) -> Cell {
        Cell {
            x,
            w,
            lines: Vec::new(),
            node: self.element(Some(parent), kind),
        }
    }

    fn fill(&self, cell: &mut Cell, text: &str, s: Style) {
        for line in self.wrap(text, cell.w - 2.0 * PAD, s) {
            cell.lines.push((line, s));
        }
    }

    /// Label-and-value lines, as a table with row headers.
    /// `not_filled` stands for a missing value, `(required_missing)` after a required one.
    fn fields(
        &mut self,
        parent: Option<usize>,
        fields: &[Field],
        (not_filled, required_missing): (&str, &str),
    ) {
        if fields.is_empty() {
            return;
        }
        let table = self.element(parent, Tag::Table);
        let body = self.element(Some(table), Tag::TBody);
        for f in fields {
            let tr = self.element(Some(body), Tag::TR);
            let label_style = style(BODY, true, if f.missing { MISSING } else { TEXT });
            let (label_w, value_x) = if f.long {
                (WIDTH, LEFT)
            } else {
                (LABEL_W, LEFT + LABEL_W)
            };
            let mut label = self.cell(tr, Tag::TH(TableHeaderScope::Row), LEFT, label_w);
            self.fill(&mut label, &f.label, label_style);
            let mut value = self.cell(tr, Tag::TD, value_x, RIGHT - value_x);
            match &f.value {
                Some(v) => self.fill(&mut value, v, style(BODY, false, TEXT)),
                None => self.fill(&mut value, not_filled, style(BODY, false, SECONDARY)),
            }
            if f.missing {
                let note = format!("({required_missing})");
                self.fill(&mut value, &note, style(BODY, true, MISSING));
            }
            if f.long {
                // The label above its text, and never alone at the foot of a page.
                let lines = label.lines.len() + value.lines.len().min(3);
                self.keep(lines as f32 * BODY * LEADING + 4.0 * PAD);
                self.row(vec![label], Frame::None, false);
                self.y -= 2.0 * PAD;
                self.row(vec![value], Frame::Rule, false);
            } else {
                self.row(vec![label, value], Frame::Rule, false);
            }
        }
        self.y += 6.0;
    }

    /// A table with its caption and a header row; `none` stands in an empty table's one row.
    fn table(&mut self, parent: Option<usize>, t: &Table, none: &str) {
        let table = self.element(parent, Tag::Table);
        let caption_style = style(10.5, true, TEXT);
        // A short table stays together on one page (its rows' height counted at one line
        // each); a long one starts where its caption and first rows fit.
        let rows = t.rows.len().max(1) + 1;
        let short = caption_style.line_height() + 6.0 + rows as f32 * (BODY * LEADING + 2.0 * PAD);
        if short <= (BOTTOM - TOP) * 0.4 {
            self.keep(short);
        } else {
            self.keep(caption_style.line_height() + 4.0 * BODY * LEADING);
        }
        self.y += 4.0;
        self.paragraph(Some(table), Tag::Caption, &t.caption, caption_style);
        self.y += 2.0;
        // Many columns (the report's deadlines) in a smaller size, so that words fit.
        let (mut head_size, mut body_size) = if t.columns.len() > 6 {
            (SMALL - 0.5, SMALL)
        } else {
            (SMALL + 0.5, BODY)
        };
        // Every column as wide as its longest word, so that words are not cut; where the
        // columns cannot all be, a smaller size, down to 6 pt.
        let columns = loop {
            let head = style(head_size, true, TEXT);
            let body = style(body_size, false, TEXT);
            match self.columns(t, head, body) {
                Some(c) => break c,
                None if body_size > 6.0 => {
                    head_size = (head_size - 0.5).max(6.0);
                    body_size -= 0.5;
                }
                // Too many long words for the page even so: each column in proportion to its
                // longest word, so that as few as possible are cut.
                None => {
                    let need = self.min_widths(t, head, body);
                    break proportional(&need, &vec![0.0; need.len()]);
                }
            }
        };
        let head = self.element(Some(table), Tag::THead);
        let tr = self.element(Some(head), Tag::TR);
        let mut cells = Vec::new();
        for (name, (x, w)) in t.columns.iter().zip(&columns) {
            let mut c = self.cell(tr, Tag::TH(TableHeaderScope::Column), *x, *w);
            self.fill(&mut c, name, style(head_size, true, TEXT));
            cells.push(c);
        }
        let header = Header {
            height: cells
                .iter()
                .map(|c| c.lines.iter().map(|(_, s)| s.line_height()).sum::<f32>())
                .fold(BODY * LEADING, f32::max)
                + 2.0 * PAD,
            cells: cells.iter().map(|c| (c.x, c.w, c.lines.clone())).collect(),
        };
        self.row(cells, Frame::Grid, true);
        // From here on, a page break repeats the header row.
        self.header = Some(header);
        let body = self.element(Some(table), Tag::TBody);
        if t.rows.is_empty() {
            let tr = self.element(Some(body), Tag::TR);
            let mut c = self.cell(tr, Tag::TD, LEFT, WIDTH);
            self.fill(&mut c, none, style(BODY, false, SECONDARY));
            self.row(vec![c], Frame::Grid, false);
        }
        for r in &t.rows {
            let tr = self.element(Some(body), Tag::TR);
            let mut cells = Vec::new();
            for (text, (x, w)) in r.iter().zip(&columns) {
                let mut c = self.cell(tr, Tag::TD, *x, *w);
                self.fill(&mut c, text, style(body_size, false, TEXT));
                cells.push(c);
            }
            self.row(cells, Frame::Grid, false);
        }
        self.header = None;
        self.y += 8.0;
    }

    /// The columns of `t` (x and width): its relative widths, but none narrower than its
    /// longest word in `head` (the header) or `body` (the rows). `None` when they cannot all
    /// be that wide.
    fn columns(&self, t: &Table, head: Style, body: Style) -> Option<Vec<(f32, f32)>> {
        let min = self.min_widths(t, head, body);
        if min.iter().sum::<f32>() > WIDTH {
            return None;
        }
        Some(proportional(&t.widths, &min))
    }

    /// How wide each column of `t` must be for its longest word.
    fn min_widths(&self, t: &Table, head: Style, body: Style) -> Vec<f32> {
        let widest = |text: &str, s: Style| -> f32 {
            let face = self.fonts.face(s.bold);
            text.split_whitespace()
                .map(|w| face.width(w, s.size))
                .fold(0.0, f32::max)
        };
        let mut min = vec![0.0f32; t.widths.len()];
        for (i, m) in min.iter_mut().enumerate() {
            let words = t
                .columns
                .get(i)
                .map(|c| widest(c, head))
                .into_iter()
                .chain(
                    t.rows
                        .iter()
                        .filter_map(|r| r.get(i))
                        .map(|c| widest(c, body)),
                )
                .fold(0.0, f32::max);
            // A word longer than almost half the page (an e-mail address) is cut anyway.
            *m = (words + 2.0 * PAD + 0.5).min(WIDTH * 0.45);
        }
        min
    }

    /// A bulleted list.
    fn list(&mut self, parent: Option<usize>, items: &[String]) {
        let list = self.element(parent, Tag::L(ListNumbering::Disc));
        let s = style(BODY, false, TEXT);
        for item in items {
            let li = self.element(Some(list), Tag::LI);
            let mut bullet = self.cell(li, Tag::Lbl, LEFT, 16.0);
            bullet.lines.push(("•".to_owned(), s));
            let mut body = self.cell(li, Tag::LBody, LEFT + 16.0, WIDTH - 16.0);
            self.fill(&mut body, item, s);
            self.row(vec![bullet, body], Frame::None, false);
            self.y -= PAD;
        }
        self.y += PAD + 2.0;
    }

    fn section(&mut self, s: &Section, form: &RegistrationForm) {
        let sect = self.element(None, Tag::Section);
        self.heading(Some(sect), 2, &s.heading);
        self.fields(Some(sect), &s.fields, form.words.blanks());
        for t in &s.tables {
            self.table(Some(sect), t, form.words.none);
        }
    }

    fn signature(&mut self, parent: usize, s: &Signature, form: &RegistrationForm) {
        let blank_h = 20.0;
        let box_h = 42.0;
        self.keep(14.0 + 10.5 * LEADING + 2.0 * blank_h + box_h + 8.0);
        let div = self.element(Some(parent), Tag::Div);
        self.heading(Some(div), 3, &s.capacity);
        let table = self.element(Some(div), Tag::Table);
        let body = self.element(Some(table), Tag::TBody);
        let label_style = style(BODY, true, TEXT);
        let rows = [
            (form.words.name, s.name.clone(), blank_h),
            (form.words.date, s.signed_on.clone(), blank_h),
            (
                form.words.signature,
                s.signed_on
                    .as_ref()
                    .map(|_| form.words.signed_in_dossier.to_owned()),
                box_h,
            ),
        ];
        for (label, value, height) in rows {
            let tr = self.element(Some(body), Tag::TR);
            let mut l = self.cell(tr, Tag::TH(TableHeaderScope::Row), LEFT, 110.0);
            self.fill(&mut l, label, label_style);
            let mut v = self.cell(tr, Tag::TD, LEFT + 110.0, 260.0);
            match value {
                Some(text) => {
                    self.fill(&mut v, &text, style(BODY, false, TEXT));
                    self.row(vec![l, v], Frame::Rule, false);
                }
                None => {
                    // Room to write on: a line, or a box for the signature. The cell is empty.
                    let top = self.y;
                    self.row(vec![l, v], Frame::None, false);
                    let (x0, x1) = (LEFT + 110.0, LEFT + 370.0);
                    if height > blank_h {
                        let bottom = top + height;
                        self.rule(top + PAD, x0, x1, 0.8, TEXT);
                        self.rule(bottom - PAD, x0, x1, 0.8, TEXT);
                        for x in [x0, x1] {
                            self.push(Op::Line {
                                from: (x, top + PAD),
                                to: (x, bottom - PAD),
                                width: 0.8,
                                colour: TEXT,
                            });
                        }
                        self.y = self.y.max(bottom);
                    } else {
                        self.y = self.y.max(top + height);
                        self.rule(self.y - PAD, x0, x1, 0.8, TEXT);
                    }
                }
            }
        }
        self.y += 6.0;
    }

    fn form(&mut self, form: &RegistrationForm) {
        let head = self.element(None, Tag::Section);
        self.paragraph(
            Some(head),
            Tag::P,
            &form.organisation,
            style(10.0, true, TEXT),
        );
        self.y += 4.0;
        self.heading(Some(head), 1, form.words.title);
        self.y += 4.0;
        self.fields(Some(head), &form.meta, form.words.blanks());

        let done = self.element(None, Tag::Section);
        self.heading(Some(done), 2, form.words.completeness);
        let body = style(BODY, false, TEXT);
        if form.is_complete() {
            self.paragraph(Some(done), Tag::P, form.words.complete, body);
        }
        if !form.missing.is_empty() {
            self.paragraph(
                Some(done),
                Tag::P,
                form.words.incomplete,
                style(BODY, true, MISSING),
            );
            self.list(Some(done), &form.missing);
        }
        if !form.unsigned.is_empty() {
            self.paragraph(
                Some(done),
                Tag::P,
                form.words.unsigned,
                style(BODY, true, MISSING),
            );
            self.list(Some(done), &form.unsigned);
        }

        for s in &form.sections {
            self.section(s, form);
        }

        let signatures = self.element(None, Tag::Section);
        self.heading(Some(signatures), 2, form.words.signatures);
        if form.signatures.is_empty() {
            self.paragraph(Some(signatures), Tag::P, form.words.no_signatures, body);
        } else {
            self.paragraph(Some(signatures), Tag::P, form.words.signatures_intro, body);
            self.y += 4.0;
            for s in &form.signatures {
                self.signature(signatures, s, form);
            }
        }
    }
}

/// Columns across the full width in proportion to `weights`, each at least its `min` (those
/// that would be narrower get their minimum, the others share what is left).
fn proportional(weights: &[f32], min: &[f32]) -> Vec<(f32, f32)> {
    let mut fixed = vec![false; weights.len()];
    loop {
        let taken: f32 = (0..weights.len())
            .filter(|i| fixed[*i])
            .map(|i| min[i])
            .sum();
        let share: f32 = (0..weights.len())
            .filter(|i| !fixed[*i])
            .map(|i| weights[i])
            .sum();
        let share = share.max(f32::EPSILON);
        let mut changed = false;
        for i in 0..weights.len() {
            if !fixed[i] && (WIDTH - taken) * weights[i] / share < min[i] {
                fixed[i] = true;
                changed = true;
            }
        }
        if !changed {
            let mut x = LEFT;
            return (0..weights.len())
                .map(|i| {
                    let w = if fixed[i] {
                        min[i]
                    } else {
                        (WIDTH - taken) * weights[i] / share
                    };
                    let column = (x, w);
                    x += w;
                    column
                })
                .collect();
        }
    }
}

fn colour(c: Colour) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn line(surface: &mut Surface<'_>, from: (f32, f32), to: (f32, f32), width: f32, c: Colour) {
    let mut pb = PathBuilder::new();
    pb.move_to(from.0, from.1);
    pb.line_to(to.0, to.1);
    if let Some(path) = pb.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: colour(c).into(),
            width,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

fn fill_text(surface: &mut Surface<'_>, fonts: &Fonts, x: f32, y: f32, s: Style, text: &str) {
    if text.is_empty() {
        return;
    }
    surface.set_fill(Some(Fill {
        paint: colour(s.colour).into(),
        opacity: NormalizedF32::ONE,
        ..Fill::default()
    }));
    surface.draw_text(
        Point::from_xy(x, y),
        fonts.face(s.bold).font.clone(),
        s.size,
        text,
        false,
        TextDirection::Auto,
    );
}

/// What every page shows around its content, and the document's metadata.
struct Furniture<'a> {
    organisation: &'a str,
    /// Top right, in bold ("Vertrouwelijk").
    corner: &'a str,
    title: String,
    /// "Pagina {page} van {pages}".
    page: &'a str,
    lang: &'a str,
}

impl<'a> Furniture<'a> {
    fn form(form: &'a RegistrationForm) -> Self {
        Furniture {
            organisation: &form.organisation,
            corner: form.words.confidential,
            title: form.title(),
            page: form.words.page,
            lang: form.lang.code(),
        }
    }
}

/// The second pass: writes the pages, with page furniture, and the structure tree.
fn draw(f: &Furniture<'_>, fonts: &Fonts, layout: Layout<'_>) -> Result<Vec<u8>, PrintError> {
    let mut doc = Document::new();
    let size = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or(PrintError::Pdf("page size".into()))?;
    let pages = layout.pages.len();
    let mut ids: Vec<Vec<Option<Identifier>>> = Vec::with_capacity(pages);
    let furniture = style(SMALL, false, SECONDARY);
    let title = f.title.clone();
    for (n, content) in layout.pages.iter().enumerate() {
        let mut page = doc.start_page_with(size.clone());
        let mut surface = page.surface();
        let mut page_ids = Vec::with_capacity(content.ops.len());

        // Page furniture, beneath everything: the organisation and "confidential" above, title
        // and page number below, and the shade of header rows.
        surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
            ArtifactType::PaginationOther,
        )));
        fill_text(&mut surface, fonts, LEFT, 34.0, furniture, f.organisation);
        let confidential = style(SMALL, true, TEXT);
        let cw = fonts.bold.width(f.corner, SMALL);
        fill_text(
            &mut surface,
            fonts,
            RIGHT - cw,
            34.0,
            confidential,
            f.corner,
        );
        line(&mut surface, (LEFT, 40.0), (RIGHT, 40.0), 0.5, LIGHT);
        line(
            &mut surface,
            (LEFT, PAGE_H - 44.0),
            (RIGHT, PAGE_H - 44.0),
            0.5,
            LIGHT,
        );
        fill_text(&mut surface, fonts, LEFT, PAGE_H - 32.0, furniture, &title);
        let number = f
            .page
            .replace("{page}", &(n + 1).to_string())
            .replace("{pages}", &pages.to_string());
        let nw = fonts.regular.width(&number, SMALL);
        fill_text(
            &mut surface,
            fonts,
            RIGHT - nw,
            PAGE_H - 32.0,
            furniture,
            &number,
        );
        for shade in &content.shades {
            if let Some(rect) = Rect::from_xywh(shade.x, shade.y, shade.w, shade.h) {
                let mut pb = PathBuilder::new();
                pb.push_rect(rect);
                if let Some(path) = pb.finish() {
                    surface.set_stroke(None);
                    surface.set_fill(Some(Fill {
                        paint: colour(shade.colour).into(),
                        ..Fill::default()
                    }));
                    surface.draw_path(&path);
                }
            }
        }
        surface.end_tagged();

        for op in &content.ops {
            match op {
                Op::Text {
                    x, y, style, text, ..
                } => {
                    let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
                    fill_text(&mut surface, fonts, *x, *y, *style, text);
                    surface.end_tagged();
                    page_ids.push(Some(id));
                }
                Op::Line {
                    from,
                    to,
                    width,
                    colour,
                } => {
                    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                        ArtifactType::Layout,
                    )));
                    line(&mut surface, *from, *to, *width, *colour);
                    surface.end_tagged();
                    page_ids.push(None);
                }
                Op::Repeat { x, y, style, text } => {
                    surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                        ArtifactType::Layout,
                    )));
                    fill_text(&mut surface, fonts, *x, *y, *style, text);
                    surface.end_tagged();
                    page_ids.push(None);
                }
            }
        }
        surface.finish();
        page.finish();
        ids.push(page_ids);
    }

    let mut tree = TagTree::new().with_lang(Some(f.lang.to_owned()));
    for root in &layout.roots {
        if let Some(group) = group(&layout.elements, *root, &ids) {
            tree.push(group);
        }
    }
    doc.set_tag_tree(tree);
    doc.set_metadata(
        Metadata::new()
            .title(title)
            .language(f.lang.to_owned())
            .creator("klacht".to_owned()),
    );
    doc.finish()
        .map(without_false_suspects)
        .map_err(|e| PrintError::Pdf(e.to_string()))
}

/// krilla writes `/MarkInfo << /Marked true /Suspects false >>`; poppler (pdfinfo, pdftotext,
/// and every viewer built on it) reports a false `Suspects` as a syntax error. `false` is also
/// what an absent `Suspects` means, so it is blanked out with spaces — the same length, so every
/// byte offset in the cross-reference table stays right.
fn without_false_suspects(mut pdf: Vec<u8>) -> Vec<u8> {
    const SUSPECTS: &[u8] = b"/Suspects false";
    let Some(mark_info) = find(&pdf, b"/MarkInfo", 0) else {
        return pdf;
    };
    // Within the MarkInfo dictionary, which follows its key.
    if let Some(at) = find(&pdf, SUSPECTS, mark_info)
        && at < mark_info + 80
        && let Some(bytes) = pdf.get_mut(at..at + SUSPECTS.len())
    {
        bytes.fill(b' ');
    }
    pdf
}

/// Where `needle` first occurs in `hay` from `from` on.
fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The structure element `id` as a krilla tag group (krilla leaves out groups without content).
fn group(elements: &[Element], id: usize, ids: &[Vec<Option<Identifier>>]) -> Option<TagGroup> {
    let e = elements.get(id)?;
    let mut g = TagGroup::new(e.kind.clone());
    for child in &e.children {
        match child {
            Child::Element(c) => {
                if let Some(sub) = group(elements, *c, ids) {
                    g.push(Node::Group(sub));
                }
            }
            Child::Text(page, index) => {
                if let Some(Some(identifier)) = ids.get(*page).and_then(|p| p.get(*index)) {
                    g.push(Node::Leaf(*identifier));
                }
            }
        }
    }
    Some(g)
}

/// The form as an A4 PDF, with the font embedded.
pub fn render_pdf(form: &RegistrationForm) -> Result<Vec<u8>, PrintError> {
    let fonts = Fonts {
        regular: Face::new(REGULAR)?,
        bold: Face::new(BOLD)?,
    };
    let mut layout = Layout::new(&fonts);
    layout.form(form);
    draw(&Furniture::form(form), &fonts, layout)
}

/// The report's document: each section on a page of its own, its tables, and its charts drawn
/// as bars (with their numbers; the data table follows each chart).
impl Layout<'_> {
    fn chart(&mut self, parent: Option<usize>, c: &Chart) {
        const LABEL: f32 = 140.0;
        const BAR_H: f32 = 8.0;
        const GAP: f32 = 5.0;
        // Long series (a period of years) are left to the table.
        if c.labels.is_empty() || c.labels.len() > 24 {
            return;
        }
        let title = c.data.table.caption.clone();
        let figure = self.element(parent, Tag::Figure(Some(title.clone())));
        let s = style(SMALL, false, TEXT);
        let group_h = BAR_H * c.series.len() as f32 + GAP;
        let legend = c.series.len() > 1;
        let height = group_h * c.labels.len() as f32 + if legend { 16.0 } else { 0.0 } + 24.0;
        self.keep(height.min(BOTTOM - TOP));
        self.y += 4.0;
        self.paragraph(Some(figure), Tag::P, &title, style(10.0, true, TEXT));
        self.y += 4.0;
        let colours = [BAR, BAR2];
        if legend {
            let mut x = LEFT;
            for (i, (name, _)) in c.series.iter().enumerate() {
                self.shade(x, self.y, 9.0, 9.0, colours[i % 2]);
                self.text(x + 13.0, self.y + 8.0, s, name.clone(), figure);
                x += 20.0 + self.fonts.regular.width(name, SMALL) + 16.0;
            }
            self.y += 16.0;
        }
        let bar_w = WIDTH - LABEL - 60.0;
        for (i, label) in c.labels.iter().enumerate() {
            self.keep(group_h);
            let top = self.y;
            let mut lines = self.wrap(label, LABEL - 8.0, s);
            lines.truncate(1);
            for line in lines {
                self.text(LEFT, top + SMALL, s, line, figure);
            }
            for (j, (_, values)) in c.series.iter().enumerate() {
                let v = values.get(i).copied().unwrap_or(0.0) as f32;
                let max = c.max.max(f64::EPSILON) as f32;
                let w = (bar_w * v / max).max(0.0);
                let y = top + BAR_H * j as f32;
                if w > 0.0 {
                    self.shade(LEFT + LABEL, y, w, BAR_H - 1.0, colours[j % 2]);
                }
                let shown = c
                    .data
                    .table
                    .rows
                    .get(i)
                    .and_then(|r| r.get(j + 1))
                    .cloned()
                    .unwrap_or_default();
                self.text(
                    LEFT + LABEL + w + 4.0,
                    y + BAR_H - 1.0,
                    style(7.0, false, TEXT),
                    shown,
                    figure,
                );
            }
            self.y = top + group_h;
        }
        self.rule(self.y, LEFT + LABEL, LEFT + LABEL + bar_w, 0.5, RULE);
        self.y += 10.0;
    }

    fn shade(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour) {
        let page = self.page();
        self.pages[page].shades.push(Shade { x, y, w, h, colour });
    }

    fn report(&mut self, doc: &Doc) {
        let head = self.element(None, Tag::Section);
        self.paragraph(
            Some(head),
            Tag::P,
            &doc.organisation,
            style(10.0, true, TEXT),
        );
        self.y += 4.0;
        self.heading(Some(head), 1, &doc.title);
        self.y += 4.0;
        let meta: Vec<Field> = doc
            .meta
            .iter()
            .map(|(k, v)| Field {
                label: k.clone(),
                value: Some(v.clone()),
                missing: false,
                long: false,
            })
            .collect();
        self.fields(Some(head), &meta, ("", ""));
        let none = doc.t("report-none");
        let body = style(BODY, false, TEXT);
        for (n, part) in doc.parts.iter().enumerate() {
            if n > 0 {
                // Sections follow each other; a section starts on a new page only when its
                // heading and the start of its content would not fit on this one.
                self.y += 14.0;
                self.keep(SECTION_START);
            }
            let sect = self.element(None, Tag::Section);
            self.heading(Some(sect), 2, &part.heading);
            for b in &part.blocks {
                match b {
                    Block::Text(t) => {
                        self.paragraph(Some(sect), Tag::P, t, body);
                        self.y += 4.0;
                    }
                    Block::Note(t) => {
                        self.paragraph(Some(sect), Tag::P, t, style(BODY, false, SECONDARY));
                        self.y += 4.0;
                    }
                    Block::Subheading(t) => self.heading(Some(sect), 3, t),
                    Block::Table(t) => self.table(Some(sect), &t.table, none),
                    Block::Chart(c) => {
                        self.chart(Some(sect), c);
                        self.table(Some(sect), &c.data.table, none);
                    }
                }
            }
        }
    }
}

/// The room a section's heading needs below it on the page, with the first lines of what follows.
const SECTION_START: f32 = 120.0;

/// The report as an A4 PDF, with the font embedded and tagged as the registration form is.
pub fn render_report_pdf(doc: &Doc) -> Result<Vec<u8>, PrintError> {
    let fonts = Fonts {
        regular: Face::new(REGULAR)?,
        bold: Face::new(BOLD)?,
    };
    let mut layout = Layout::new(&fonts);
    layout.report(doc);
    let f = Furniture {
        organisation: &doc.organisation,
        corner: "",
        title: doc.title.clone(),
        page: doc.t("report-page-of-pages"),
        lang: doc.lang.code(),
    };
    draw(&f, &fonts, layout)
}

/// "Uw gegevens" (AVG art. 15): the person's data, complaint by complaint.
impl Layout<'_> {
    fn pairs(&mut self, parent: Option<usize>, pairs: &[(String, String)], long: bool) {
        let fields: Vec<Field> = pairs
            .iter()
            .map(|(label, value)| Field {
                label: label.clone(),
                value: Some(value.clone()),
                missing: false,
                long,
            })
            .collect();
        self.fields(parent, &fields, ("", ""));
    }

    fn personal(&mut self, d: &PersonalData) {
        let body = style(BODY, false, TEXT);
        let head = self.element(None, Tag::Section);
        self.paragraph(Some(head), Tag::P, &d.organisation, style(10.0, true, TEXT));
        self.y += 4.0;
        self.heading(Some(head), 1, d.t("personal-title"));
        self.y += 4.0;
        let mut meta = vec![
            (d.t("personal-request").to_owned(), d.request.to_string()),
            (d.t("personal-made-on").to_owned(), d.made_on.clone()),
        ];
        meta.extend(d.person.iter().cloned());
        self.pairs(Some(head), &meta, false);
        self.paragraph(Some(head), Tag::P, d.t("personal-intro"), body);
        self.y += 4.0;
        if d.complaints.is_empty() {
            self.paragraph(Some(head), Tag::P, d.t("personal-no-complaints"), body);
        }
        for c in &d.complaints {
            self.y += 10.0;
            self.keep(SECTION_START);
            let sect = self.element(None, Tag::Section);
            let heading = klacht_i18n::tr_args(
                d.lang,
                "personal-complaint-heading",
                &[("reference", &c.reference)],
            );
            self.heading(Some(sect), 2, &heading);
            self.pairs(Some(sect), &c.facts, false);
            self.heading(Some(sect), 3, d.t("personal-your-details"));
            self.pairs(Some(sect), &c.details, false);
            if let Some(text) = &c.description {
                self.heading(Some(sect), 3, d.t("personal-your-description"));
                self.paragraph(Some(sect), Tag::P, text, body);
                self.y += 4.0;
            }
            if !c.additions.is_empty() {
                self.heading(Some(sect), 3, d.t("personal-your-additions"));
                self.pairs(Some(sect), &c.additions, true);
            }
            if let Some(s) = &c.satisfaction {
                self.heading(Some(sect), 3, d.t("personal-your-satisfaction"));
                self.paragraph(Some(sect), Tag::P, s, body);
                self.y += 4.0;
            }
            if !c.letters.is_empty() {
                self.heading(Some(sect), 3, d.t("personal-letters"));
                for l in &c.letters {
                    let div = self.element(Some(sect), Tag::Div);
                    self.paragraph(
                        Some(div),
                        Tag::P,
                        &format!("{} — {}", l.sent, l.subject),
                        style(BODY, true, TEXT),
                    );
                    self.y += 2.0;
                    self.paragraph(Some(div), Tag::P, &l.text, body);
                    self.y += 8.0;
                }
            }
        }
    }
}

/// The person's data as an A4 PDF, with the font embedded and tagged as the registration form is.
pub fn render_personal_pdf(d: &PersonalData) -> Result<Vec<u8>, PrintError> {
    let fonts = Fonts {
        regular: Face::new(REGULAR)?,
        bold: Face::new(BOLD)?,
    };
    let mut layout = Layout::new(&fonts);
    layout.personal(d);
    let f = Furniture {
        organisation: &d.organisation,
        corner: d.t("registration-words-confidential"),
        title: d.title(),
        page: d.t("registration-words-page"),
        lang: d.lang.code(),
    };
    draw(&f, &fonts, layout)
}

/// A letter to the complainant: letterhead, addressee, date and reference, subject and text.
impl Layout<'_> {
    fn letter(&mut self, l: &PrintedLetter) {
        let body = style(10.0, false, TEXT);
        let head = self.element(None, Tag::Section);
        self.paragraph(Some(head), Tag::P, &l.organisation, style(14.0, true, TEXT));
        self.y += 2.0;
        self.paragraph(
            Some(head),
            Tag::P,
            &l.letterhead.join("\n"),
            style(SMALL + 0.5, false, SECONDARY),
        );
        self.y += 36.0;
        self.paragraph(None, Tag::P, &l.recipient.join("\n"), body);
        self.y += 30.0;
        self.paragraph(None, Tag::P, &l.date, body);
        self.paragraph(None, Tag::P, &l.our_reference, body);
        self.y += 18.0;
        let kind = Tag::Hn(NonZeroU16::MIN, Some(l.subject.clone()));
        self.paragraph(None, kind, &l.subject, style(11.0, true, TEXT));
        self.y += 10.0;
        for p in &l.paragraphs {
            self.paragraph(None, Tag::P, &p.join("\n"), body);
            self.y += 8.0;
        }
    }
}

/// The letter as an A4 PDF, with the font embedded and tagged as the registration form is.
pub fn render_letter_pdf(l: &PrintedLetter) -> Result<Vec<u8>, PrintError> {
    let fonts = Fonts {
        regular: Face::new(REGULAR)?,
        bold: Face::new(BOLD)?,
    };
    let mut layout = Layout::new(&fonts);
    layout.letter(l);
    let f = Furniture {
        organisation: "",
        corner: "",
        title: l.title(),
        page: l.t("registration-words-page"),
        lang: l.lang.code(),
    };
    draw(&f, &fonts, layout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts {
            regular: Face::new(REGULAR).unwrap_or_else(|e| panic!("{e}")),
            bold: Face::new(BOLD).unwrap_or_else(|e| panic!("{e}")),
        }
    }

    #[test]
    fn k9_wrapped_lines_stay_within_their_column() {
        let fonts = fonts();
        let layout = Layout::new(&fonts);
        let s = style(BODY, false, TEXT);
        let text = "Een klacht over de vrijwilliger\nmet een adres: heel-lang-e-mailadres-zonder-spaties@voorbeeld-organisatie.example.nl en € 12,50.";
        let lines = layout.wrap(text, 120.0, s);
        assert!(lines.len() > 3, "{lines:?}");
        for line in &lines {
            assert!(
                fonts.regular.width(line.trim_end(), BODY) <= 120.0,
                "{line:?}"
            );
        }
        // Nothing is lost: the words come back in order, the long one in pieces.
        let joined: String = lines.concat();
        assert_eq!(joined.replace(' ', ""), text.replace([' ', '\n'], ""),);
        assert!(lines[0].ends_with(' '), "a broken line keeps its space");
        assert!(!lines[lines.len() - 1].ends_with(' '));
    }

    /// The lines of text a layout placed, page by page: (text, repeated header).
    fn placed(layout: &Layout<'_>) -> Vec<Vec<(String, bool)>> {
        layout
            .pages
            .iter()
            .map(|p| {
                p.ops
                    .iter()
                    .filter_map(|op| match op {
                        Op::Text { text, .. } => Some((text.trim_end().to_owned(), false)),
                        Op::Repeat { text, .. } => Some((text.trim_end().to_owned(), true)),
                        Op::Line { .. } => None,
                    })
                    .collect()
            })
            .collect()
    }

    const LONG_WORDS: [&str; 5] = [
        "Ontvangstbevestiging",
        "Klachtencoördinator",
        "Afhandelingstermijn",
        "Verlengingsbericht",
        "Tevredenheidsvraag",
    ];

    #[test]
    fn k9_t13_table_cells_wrap_at_spaces_and_keep_words_whole() {
        let fonts = fonts();
        let mut layout = Layout::new(&fonts);
        // Five columns, the first given little room: long Dutch words in every one.
        let t = Table {
            caption: "Termijnen".into(),
            columns: LONG_WORDS
                .iter()
                .map(|w| format!("{w} (werkdagen)"))
                .collect(),
            widths: vec![0.2, 1.0, 1.0, 1.0, 1.0],
            rows: vec![
                LONG_WORDS
                    .iter()
                    .map(|w| format!("{w} op tijd, {w} te laat"))
                    .collect(),
            ],
        };
        layout.table(None, &t, "Geen.");
        let words: Vec<String> = placed(&layout)
            .concat()
            .into_iter()
            .flat_map(|(line, _)| {
                line.split_whitespace()
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect();
        for w in LONG_WORDS {
            assert!(
                words.iter().any(|x| x == w),
                "{w} whole in the header: {words:?}"
            );
            assert!(
                words.iter().filter(|x| x.as_str() == w).count() >= 3,
                "{w} whole in header and cells: {words:?}"
            );
        }
        // No piece of a cut word.
        for x in &words {
            let clean = x.trim_matches(|c: char| !c.is_alphanumeric());
            assert!(
                clean.is_empty()
                    || LONG_WORDS.contains(&clean)
                    || ["werkdagen", "op", "tijd", "te", "laat", "Termijnen"].contains(&clean),
                "a cut word: {x:?} in {words:?}"
            );
        }
    }

    #[test]
    fn k9_t13_a_table_over_pages_repeats_its_header_row() {
        let fonts = fonts();
        let mut layout = Layout::new(&fonts);
        let t = Table {
            caption: "Klachten".into(),
            columns: vec!["Kenmerk".into(), "Ontvangen".into(), "Uitkomst".into()],
            widths: vec![1.0, 1.0, 1.0],
            rows: (1..=150)
                .map(|i| {
                    vec![
                        format!("2026-{i:04}"),
                        "6 december 2026".into(),
                        "Gegrond".into(),
                    ]
                })
                .collect(),
        };
        layout.table(None, &t, "Geen.");
        let pages = placed(&layout);
        assert!(pages.len() >= 3, "{} pages", pages.len());
        for (n, page) in pages.iter().enumerate().skip(1) {
            let repeated: Vec<&str> = page
                .iter()
                .filter(|(_, r)| *r)
                .map(|(t, _)| t.as_str())
                .collect();
            assert_eq!(
                repeated,
                ["Kenmerk", "Ontvangen", "Uitkomst"],
                "page {}",
                n + 1
            );
            // The header comes first, then the rows.
            assert_eq!(page.first().map(|(t, _)| t.as_str()), Some("Kenmerk"));
        }
        // Every row once, none lost at a page break.
        let rows = pages
            .concat()
            .into_iter()
            .filter(|(t, r)| !r && t.starts_with("2026-"))
            .count();
        assert_eq!(rows, 150);
        assert!(layout.header.is_none(), "the next table starts afresh");
    }
}
