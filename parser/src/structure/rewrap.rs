//! Rebuilds paragraphs from the physical lines of the body zone, repairing
//! what page layout did to them:
//!
//! - page breaks: a blank line, a page-number line or a repeated page
//!   header in mid-sentence joins the pieces with nothing between them
//!   (`…15300 平` + `方米` → `15300 平方米`, `《延津县 2023` + `年` → `2023年`);
//! - hard wraps (pdftotext writes every printed line as a line of its own):
//!   the wrap width is detected as the typical display width of the lines,
//!   and a line that runs to full width goes on on the next line; a shorter
//!   line that ends a sentence ends its paragraph. A cut number (`21.` +
//!   `4`, `123` + `45`) joins with nothing; a cut between two Latin words
//!   gets its space back.
//!
//! Paragraph boundaries also come from item structure: a line that ends in
//! a source parenthetical ends its item, and a short headline alone on its
//! line ends its paragraph.

pub use super::blocks::{Block, Blocks, Join, Para, Piece};
use super::items::{
    find_break, headline_alone, leading_source, list_marker_len, may_end_in_paren,
    starts_item_with, trailing_source, Tail,
};
use super::lines::{Headings, Kind, Line};
use super::sink::Sink;
use super::text::{ends_sentence, eq_ignoring_spaces, floor_boundary, trim_start_set, width};
use crate::bytes::{byte_set_of, find_byte, last_byte};
use crate::messages::DropReason;

impl Para {
    /// Opens with a headline break or a leading source: a new item starts.
    /// (Asked only when an item ran on without a closing source.)
    pub fn starts(&self, pieces: &[Piece<'_>]) -> bool {
        let first = pieces[self.pieces.start].text;
        starts_item_with(first, self.first_break, leading_source(first))
    }
}

/// Widths above this are paragraphs on one line, never wrapped lines.
const MAX_WRAP: usize = 400;
// A line too long to be wrapped (lines::WIDE_LINE) is wider than any wrap.
const _: () = assert!(super::lines::WIDE_LINE as usize == MAX_WRAP + 1);
/// Lines narrower than this say nothing about a wrap width.
const MIN_WRAP: usize = 16;

/// The wrap width of a hard-wrapped text in display columns, or `None`
/// when lines are paragraphs. Hard-wrapped text has a cluster of lines at
/// (nearly) one width, few lines wider, and most lines in the cluster end
/// mid-sentence; one-paragraph-per-line text has widths all over and every
/// line ends a sentence.
pub fn detect_width(lines: &[Line<'_>]) -> Option<usize> {
    let mut hist = [0u32; MAX_WRAP + 1];
    let mut long = 0usize;
    let mut over = 0usize;
    for l in lines {
        let w = usize::from(l.width);
        if !is_text(l) || w < MIN_WRAP {
            continue;
        }
        long += 1;
        if w > MAX_WRAP {
            over += 1;
        } else {
            hist[w] += 1;
        }
    }
    if long < 4 {
        return None;
    }
    // below[w]: lines narrower than w, so that a window's count is one
    // subtraction.
    let mut below = [0u32; MAX_WRAP + 2];
    for w in 0..=MAX_WRAP {
        below[w + 1] = below[w] + hist[w];
    }
    let mut best = (0u32, 0usize);
    for top in MIN_WRAP..=MAX_WRAP {
        if hist[top] == 0 {
            continue;
        }
        let c = below[top + 1] - below[top - tolerance(top)];
        if c >= best.0 {
            best = (c, top);
        }
    }
    let (count, top) = best;
    let count = count as usize;
    if count < 3 || count * 10 < long * 4 {
        return None;
    }
    let wider: usize = hist[(top + tolerance(top) + 1).min(MAX_WRAP + 1)..]
        .iter()
        .map(|&c| c as usize)
        .sum::<usize>()
        + over;
    if wider * 5 > long {
        return None;
    }
    let lo = top - tolerance(top);
    let (mut in_cluster, mut mid_sentence) = (0usize, 0usize);
    for l in lines {
        if is_text(l) && (lo..=top).contains(&usize::from(l.width)) {
            in_cluster += 1;
            if !ends_sentence(l.text) {
                let source = may_end_in_paren(l.text) && trailing_source(l.text).is_some();
                if !source {
                    mid_sentence += 1;
                }
            }
        }
    }
    (mid_sentence * 2 >= in_cluster).then_some(top)
}

fn tolerance(w: usize) -> usize {
    (w / 16).max(2)
}

fn is_text(l: &Line<'_>) -> bool {
    matches!(l.kind, Kind::Text | Kind::Footer)
}

/// The paragraphs and section headings of the body zone, in order. Page
/// header repeats are recorded in `sink` as dropped.
pub fn blocks<'a>(
    lines: &[Line<'a>],
    headings: &Headings<'a>,
    headers: &[&str],
    sink: &mut Sink,
) -> Blocks<'a> {
    // The headings of section lines, in line order, followed with the lines.
    let mut headings = headings.iter().peekable();
    let mut heading_of = |no: usize| {
        while headings.next_if(|(at, _)| *at < no).is_some() {}
        headings.next_if(|(at, _)| *at == no).map(|&(_, h)| h)
    };
    let full = detect_width(lines).map(|w| w - (w / 10).max(4));
    let header_starts = HeaderStarts::of(headers);
    // Each header with the byte length of its first character, decoded once
    // here rather than for every line whose first byte matches (a CJK
    // header's lead byte is shared by thousands of characters).
    let headers: Vec<(&str, usize)> = headers
        .iter()
        .map(|h| (*h, h.chars().next().map_or(0, char::len_utf8)))
        .collect();
    let mut b = Builder {
        out: Blocks {
            // A block takes a line or more: one a line in two is room
            // enough for paragraphs of a line or two, without regrowing a
            // big vector on the way. (Capped: a huge text of short lines
            // joined into a few paragraphs must not reserve gigabytes; past
            // the cap the vector grows as usual.)
            blocks: Vec::with_capacity((lines.len() / 2 + 8).min(1 << 16)),
            pieces: Vec::with_capacity(lines.len()),
            stars: true,
        },
        start: 0,
        first_tail: None,
        first_row: false,
        full,
        text_bytes: 0,
    };
    // The last piece: its line, width and source parenthetical.
    let mut prev: Option<(&Line<'a>, usize)> = None;
    // Its source parenthetical (kept apart: most lines have none, and the
    // tuple above is then not rewritten with one every line).
    let mut prev_tail: Option<Tail> = None;
    // The last piece is a row of a flattened table.
    let mut prev_row = false;
    let mut gap = false;
    for l in lines {
        // Only text lines are measured.
        let w = if is_text(l) { usize::from(l.width) } else { 0 };
        gap |= l.after_blank;
        // A PDF repeats the masthead at the top of each page; that repeat
        // may look like anything, even a markdown heading.
        if l.kind != Kind::Noise
            && l.text.len() <= 120
            && header_starts.may_start(l.text)
            && (headers
                .iter()
                .any(|&(h, n)| same_first_char(h, n, l.text) && eq_ignoring_spaces(h, l.text))
                || made_of_headers(l.text, &headers))
        {
            sink.drop_line(l.no, l.text, DropReason::PageHeader);
            gap = true;
            continue;
        }
        let (text, w) = match l.kind {
            Kind::Blank | Kind::Noise => {
                gap = true;
                continue;
            }
            Kind::Section { .. } => match heading_of(l.no) {
                Some(h) => {
                    b.flush(prev_tail);
                    b.out.blocks.push(Block::Section {
                        heading: h,
                        line: l.no,
                    });
                    (prev, prev_tail) = (None, None);
                    gap = false;
                    if h.rest.is_empty() {
                        continue;
                    }
                    (h.rest, width(h.rest))
                }
                None => (l.text, w),
            },
            Kind::Footer | Kind::Text => (l.text, w),
        };
        let tail = if may_end_in_paren(text) {
            trailing_source(text)
        } else {
            None
        };
        let row = is_table_row(text);
        let join = match prev {
            Some((p, pw)) => decide(
                &b.out.pieces[b.start..],
                p,
                pw,
                prev_tail.is_some(),
                l,
                text,
                tail.is_some_and(|t| t.alone),
                (prev_row, row),
                gap,
                full,
            ),
            None => None,
        };
        match join {
            Some(join) => b.out.pieces.push(Piece {
                line: l.no,
                text,
                join,
            }),
            None => {
                b.flush(prev_tail);
                b.first_tail = tail;
                b.first_row = row;
                b.out.pieces.push(Piece {
                    line: l.no,
                    text,
                    join: Join::Glue,
                });
            }
        }
        b.text_bytes += text.len() + 1;
        prev = Some((l, w));
        prev_row = row;
        if tail.is_some() || prev_tail.is_some() {
            prev_tail = tail;
        }
        gap = false;
    }
    b.flush(prev_tail);
    b.out
}

/// How the page headers start, for a quick no on most lines: the first
/// byte of a header starting with an ASCII character (spaces are ignored
/// in the comparison, so its next byte may be anything), the first two
/// bytes of one starting with a wider character (a CJK header's lead byte
/// alone is shared by thousands of characters).
struct HeaderStarts {
    ascii: [bool; 128],
    /// Bit `b0 << 8 | b1`.
    wide: Vec<u64>,
}

impl HeaderStarts {
    fn of(headers: &[&str]) -> HeaderStarts {
        let mut starts = HeaderStarts {
            ascii: [false; 128],
            wide: Vec::new(),
        };
        for h in headers {
            match *h.as_bytes() {
                [x, ..] if x.is_ascii() => starts.ascii[usize::from(x)] = true,
                [x, y, ..] => {
                    if starts.wide.is_empty() {
                        starts.wide = vec![0; 1024];
                    }
                    let bit = usize::from(x) << 8 | usize::from(y);
                    starts.wide[bit >> 6] |= 1 << (bit & 63);
                }
                _ => {}
            }
        }
        starts
    }

    /// `text` may be a header: it starts as one does.
    #[inline]
    fn may_start(&self, text: &str) -> bool {
        match *text.as_bytes() {
            [x, ..] if x.is_ascii() => self.ascii[usize::from(x)],
            [x, y, ..] if !self.wide.is_empty() => {
                let bit = usize::from(x) << 8 | usize::from(y);
                self.wide[bit >> 6] & (1 << (bit & 63)) != 0
            }
            _ => false,
        }
    }
}

/// The last byte of `）` (other characters end in it too: a prefilter).
const FULL_CLOSE_LAST: u8 = last_byte('）');

/// `（完）`, `（待续）` at the end of a text: the item ends there.
fn ends_with_end_mark(t: &str) -> bool {
    // Told by the last byte first: `)` or that of `）`.
    if !matches!(
        t.as_bytes().last().copied(),
        Some(b')' | FULL_CLOSE_LAST | b' ' | b'*')
    ) {
        return false;
    }
    let t = t.trim_end_matches([' ', '*']);
    ["（完）", "(完)", "（待续）", "(待续)", "（续完）"]
        .iter()
        .any(|m| t.ends_with(m))
}

/// A running page header that puts two masthead lines on one
/// (`某县政务快报 第8期` for a title and an issue printed apart): the line,
/// spaces aside, is masthead lines one after another.
fn made_of_headers(text: &str, headers: &[(&str, usize)]) -> bool {
    // Brackets may wrap a part: `某县政务快报（2024年第9期）`.
    const AROUND: &[char] = &[' ', '（', '）', '(', ')'];
    let mut rest = trim_start_set(text, AROUND);
    let mut parts = 0;
    while !rest.is_empty() {
        let Some(next) = headers
            .iter()
            .find_map(|&(h, _)| strip_ignoring_spaces(rest, h))
        else {
            return false;
        };
        rest = trim_start_set(next, AROUND);
        parts += 1;
    }
    parts >= 2
}

/// `s` without a prefix equal to `h` once spaces are ignored in both.
fn strip_ignoring_spaces<'a>(s: &'a str, h: &str) -> Option<&'a str> {
    let mut rest = s;
    for c in h.chars().filter(|&c| c != ' ') {
        rest = rest.trim_start_matches(' ');
        rest = rest.strip_prefix(c)?;
    }
    (!h.trim().is_empty()).then_some(rest)
}

/// A row of a table flattened to text: three or more short cells
/// separated by wide gaps (a tab or two spaces, after clean-up), none of
/// them a sentence. (A headline and its body make two cells, not three.)
/// One pass on bytes that gives up at the first long cell, so prose lines
/// cost a few dozen bytes each.
pub fn is_table_row(t: &str) -> bool {
    const MAX_CELL_BYTES: usize = 24 * 3;
    let b = t.as_bytes();
    if b.len() > 400 {
        return false;
    }
    let mut cells = 0;
    let mut start = 0;
    while start < b.len() {
        // The cell ends at the next wide gap, within a cell's length.
        let end = match next_gap(b, start, start + MAX_CELL_BYTES + 2) {
            Some(g) => g,
            None if b.len() - start <= MAX_CELL_BYTES => b.len(),
            None => return false,
        };
        // ASCII spaces bound the cell: both ends are character boundaries.
        let cell = t[start..end].trim_matches(' ');
        if !cell.is_empty() {
            if ends_sentence(cell) {
                return false;
            }
            cells += 1;
        }
        start = end + b[end..].iter().take_while(|&&x| x == b' ').count();
    }
    cells >= 3
}

/// The first wide gap (two spaces) in `b[from..limit]`, found by hopping
/// from space to space.
fn next_gap(b: &[u8], from: usize, limit: usize) -> Option<usize> {
    let limit = limit.min(b.len());
    let mut at = from;
    while at < limit {
        let k = find_byte(b' ', &b[at..limit])?;
        if b.get(at + k + 1) == Some(&b' ') {
            return Some(at + k);
        }
        at += k + 1;
    }
    None
}

/// Both texts start with the same character, `a`'s first, of `n` bytes
/// (neither starts with a space: lines are trimmed). The first byte alone is
/// shared by many CJK characters.
fn same_first_char(a: &str, n: usize, b: &str) -> bool {
    // Byte by byte: a call to `memcmp` costs more than four compares.
    b.len() >= n && (0..n).all(|k| a.as_bytes()[k] == b.as_bytes()[k])
}

/// Whether `next` goes on the paragraph in `cur` (and how), or starts a new one.
#[allow(clippy::too_many_arguments)]
fn decide(
    cur: &[Piece<'_>],
    prev: &Line<'_>,
    prev_width: usize,
    prev_has_tail: bool,
    next: &Line<'_>,
    next_text: &str,
    next_tail_alone: bool,
    (prev_row, next_row): (bool, bool),
    gap: bool,
    full: Option<usize>,
) -> Option<Join> {
    let last = cur.last()?.text;
    if ends_with_source(cur, prev_has_tail) || next_tail_alone {
        return None;
    }
    // A table flattened to lines keeps one row a line: a cell's figure
    // never glues to the next row's number.
    if prev_row || next_row {
        return None;
    }
    // `…。（完）` closes an item as a sentence end does.
    let ends = ends_sentence(last) || ends_with_end_mark(last);
    let alone = || cur.len() == 1 && headline_alone(last, full, find_break(last));
    // (A list marker, `（二）`, opens an item as a headline break does.)
    let opens = || {
        starts_item_with(next_text, find_break(next_text), leading_source(next_text))
            || list_marker_len(next_text) > 0
    };
    let new_paragraph = match full {
        Some(f) if prev_width >= f => ends && (next.indented || opens()),
        Some(_) => ends || alone(),
        None => ends || alone() || (gap && opens()),
    };
    if new_paragraph {
        return None;
    }
    // A character is an ASCII letter exactly when its one byte is: read on
    // bytes, no UTF-8 decoding.
    let words = last.as_bytes().last().is_some_and(u8::is_ascii_alphabetic)
        && next_text
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_alphabetic);
    Some(if words || (prev.trailing_space && !gap) {
        Join::Space
    } else {
        Join::Glue
    })
}

/// The paragraph so far ends in a source parenthetical (`has_tail`: one
/// was found on its last piece), possibly cut by a hard wrap (`…亿元。（财` + `政局）`).
#[inline]
fn ends_with_source(cur: &[Piece<'_>], has_tail: bool) -> bool {
    if has_tail {
        return true;
    }
    let Some(last) = cur.last() else { return false };
    // The last byte of `)` or `）`, or of white space after it: anything
    // else cannot end in a parenthesis.
    let may_close = last
        .text
        .as_bytes()
        .last()
        .is_some_and(|&x| MAY_CLOSE_LAST[usize::from(x)]);
    cur.len() >= 2 && may_close && source_cut_by_wrap(cur)
}

/// The last bytes [`ends_with_source`] lets through, as a table: one
/// lookup for every line.
const MAY_CLOSE_LAST: [bool; 256] = byte_set_of(b")\t\n\x0B\x0C\r ", &[], &CLOSE_OR_WIDE_SPACE);

/// `）` and every white space character beyond ASCII (`char::is_whitespace`:
/// U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028/9, U+202F, U+205F, U+3000).
const CLOSE_OR_WIDE_SPACE: [char; 20] = [
    '）', '\u{85}', '\u{A0}', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}',
    '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200A}', '\u{2028}',
    '\u{2029}', '\u{202F}', '\u{205F}', '\u{3000}',
];

/// [`ends_with_source`] for a paragraph of two or more pieces whose last
/// may end in a parenthesis.
#[inline(never)]
fn source_cut_by_wrap(cur: &[Piece<'_>]) -> bool {
    let last = &cur[cur.len() - 1];
    // Ends in `)` or `）`; holds no `(` or `（`.
    let trimmed = last.text.trim_end();
    let closes = trimmed.ends_with(')') || trimmed.ends_with('）');
    let opens = || last.text.contains('(') || last.text.contains('（');
    if !closes || opens() {
        return false;
    }
    let before = cur[cur.len() - 2].text;
    let from = floor_boundary(before, before.len().saturating_sub(90));
    let joined = format!("{}{}", &before[from..], last.text);
    trailing_source(&joined).is_some()
}

struct Builder<'a> {
    out: Blocks<'a>,
    /// First piece of the paragraph being built.
    start: usize,
    /// The source parenthetical of that first piece.
    first_tail: Option<Tail>,
    /// That first piece is a table row.
    first_row: bool,
    full: Option<usize>,
    /// [`Para::text_bytes`] of the pieces since `start`.
    text_bytes: usize,
}

impl Builder<'_> {
    /// Closes the paragraph being built; `last_tail` is its last piece's
    /// source parenthetical.
    fn flush(&mut self, last_tail: Option<Tail>) {
        let end = self.out.pieces.len();
        if end == self.start {
            return;
        }
        let pieces = &self.out.pieces[self.start..end];
        let first = pieces[0].text;
        let single = pieces.len() == 1;
        let first_break = find_break(first);
        let table_row = single && self.first_row;
        let para = Para {
            table_row,
            headline_alone: !table_row && single && headline_alone(first, self.full, first_break),
            source_only: single && self.first_tail.is_some_and(|t| t.alone),
            closes: ends_with_source(pieces, last_tail.is_some()),
            last_tail,
            first_break,
            pieces: self.start..end,
            text_bytes: self.text_bytes,
        };
        self.out.blocks.push(Block::Para(para));
        self.start = end;
        self.text_bytes = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn may_close_last_holds_the_last_bytes_of_closes_and_white_space() {
        let mut want = [false; 256];
        let closes_or_blank = |c: &char| matches!(c, ')' | '）') || c.is_whitespace();
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(closes_or_blank)
        {
            let mut buf = [0; 4];
            let last = *c.encode_utf8(&mut buf).as_bytes().last().unwrap();
            want[usize::from(last)] = true;
        }
        assert_eq!(MAY_CLOSE_LAST, want);
    }
}
