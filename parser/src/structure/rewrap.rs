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

use super::items::{is_headline_alone, starts_item, trailing_source};
use super::lines::{Heading, Kind, Line};
use super::text::{ends_sentence, eq_ignoring_spaces, is_close_paren, is_open_paren, width};
use super::Sink;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// Nothing between the pieces (CJK, a cut number, a page break).
    Glue,
    /// One space (two Latin words, or a gap the wrap kept).
    Space,
}

/// A line's share of a paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Piece<'a> {
    pub line: usize,
    pub text: &'a str,
    /// How this piece joins the one before it.
    pub join: Join,
}

#[derive(Debug)]
pub struct Para<'a> {
    pub pieces: Vec<Piece<'a>>,
    /// A short headline alone on its line.
    pub headline_alone: bool,
    /// Nothing but a source parenthetical.
    pub source_only: bool,
    /// Ends in a source parenthetical: the item ends here.
    pub closes: bool,
    /// Opens with a headline break or a leading source: a new item starts.
    pub starts: bool,
}

#[derive(Debug)]
pub enum Block<'a> {
    Section { heading: Heading<'a> },
    Para(Para<'a>),
}

/// Widths above this are paragraphs on one line, never wrapped lines.
const MAX_WRAP: usize = 400;
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
    for l in lines.iter().filter(|l| is_text(l)) {
        let w = capped_width(l.text);
        if w < MIN_WRAP {
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
    let mut best = (0u32, 0usize);
    for top in MIN_WRAP..=MAX_WRAP {
        if hist[top] == 0 {
            continue;
        }
        let c: u32 = hist[top - tolerance(top)..=top].iter().sum();
        if c >= best.0 {
            best = (c, top);
        }
    }
    let (count, top) = best;
    let count = count as usize;
    if count < 3 || count * 10 < long * 4 {
        return None;
    }
    let wider: usize = hist[(top + tolerance(top) + 1).min(MAX_WRAP + 1)..].iter().map(|&c| c as usize).sum::<usize>() + over;
    if wider * 5 > long {
        return None;
    }
    let lo = top - tolerance(top);
    let (mut in_cluster, mut mid_sentence) = (0usize, 0usize);
    for l in lines.iter().filter(|l| is_text(l)) {
        let w = capped_width(l.text);
        if (lo..=top).contains(&w) {
            in_cluster += 1;
            if !ends_sentence(l.text) && trailing_source(l.text).is_none() {
                mid_sentence += 1;
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

/// Display width, or `MAX_WRAP + 1` for anything longer (every character is
/// at least one column per two bytes, so long lines need no counting).
fn capped_width(s: &str) -> usize {
    if s.len() > 2 * (MAX_WRAP + 1) {
        MAX_WRAP + 1
    } else {
        width(s)
    }
}

/// The paragraphs and section headings of the body zone, in order. Page
/// header repeats are recorded in `sink` as dropped.
pub fn blocks<'a>(lines: &[Line<'a>], headers: &[&str], sink: &mut Sink) -> Vec<Block<'a>> {
    let full = detect_width(lines).map(|w| w - (w / 10).max(4));
    let mut out = Vec::new();
    let mut cur: Vec<Piece<'a>> = Vec::new();
    let mut prev: Option<&Line<'a>> = None;
    let mut gap = false;
    for l in lines {
        let text = match l.kind {
            Kind::Blank | Kind::Noise(_) => {
                gap = true;
                continue;
            }
            Kind::Section(h) => {
                flush(&mut cur, &mut out, full);
                out.push(Block::Section { heading: h });
                if !h.rest.is_empty() {
                    cur.push(Piece { line: l.no, text: h.rest, join: Join::Glue });
                    prev = Some(l);
                }
                gap = false;
                continue;
            }
            Kind::Footer | Kind::Text => l.text,
        };
        if text.len() <= 120 && headers.iter().any(|h| eq_ignoring_spaces(h, text)) {
            sink.drop_line(l.no, text, "page-header");
            gap = true;
            continue;
        }
        let join = match prev {
            Some(p) if !cur.is_empty() => decide(&cur, p, l, gap, full),
            _ => None,
        };
        match join {
            Some(join) => cur.push(Piece { line: l.no, text, join }),
            None => {
                flush(&mut cur, &mut out, full);
                cur.push(Piece { line: l.no, text, join: Join::Glue });
            }
        }
        prev = Some(l);
        gap = false;
    }
    flush(&mut cur, &mut out, full);
    out
}

/// Whether `next` goes on the paragraph in `cur` (and how), or starts a new one.
fn decide(cur: &[Piece<'_>], prev: &Line<'_>, next: &Line<'_>, gap: bool, full: Option<usize>) -> Option<Join> {
    let last = cur.last()?.text;
    if ends_with_source(cur) || trailing_source(next.text).is_some_and(|t| t.alone) {
        return None;
    }
    let ends = ends_sentence(last);
    let headline_alone = cur.len() == 1 && is_headline_alone(last, full);
    let new_paragraph = match full {
        Some(f) if width(last) >= f => ends && (next.indented || starts_item(next.text)),
        Some(_) => ends || headline_alone,
        None => ends || headline_alone || (gap && starts_item(next.text)),
    };
    if new_paragraph {
        return None;
    }
    let a = last.chars().next_back().unwrap_or(' ');
    let b = next.text.chars().next().unwrap_or(' ');
    let words = a.is_ascii_alphabetic() && b.is_ascii_alphabetic();
    Some(if words || (prev.trailing_space && !gap) { Join::Space } else { Join::Glue })
}

/// The paragraph so far ends in a source parenthetical, possibly cut by a
/// hard wrap (`…亿元。（财` + `政局）`).
fn ends_with_source(cur: &[Piece<'_>]) -> bool {
    let Some(last) = cur.last() else { return false };
    if trailing_source(last.text).is_some() {
        return true;
    }
    if cur.len() < 2 || !last.text.trim_end().ends_with(is_close_paren) || last.text.contains(is_open_paren) {
        return false;
    }
    let before = cur[cur.len() - 2].text;
    let mut from = before.len().saturating_sub(90);
    while !before.is_char_boundary(from) {
        from -= 1;
    }
    let joined = format!("{}{}", &before[from..], last.text);
    trailing_source(&joined).is_some()
}

fn flush<'a>(cur: &mut Vec<Piece<'a>>, out: &mut Vec<Block<'a>>, full: Option<usize>) {
    if cur.is_empty() {
        return;
    }
    let pieces = std::mem::take(cur);
    let first = pieces[0].text;
    let single = pieces.len() == 1;
    out.push(Block::Para(Para {
        headline_alone: single && is_headline_alone(first, full),
        source_only: single && trailing_source(first).is_some_and(|t| t.alone),
        closes: ends_with_source(&pieces),
        starts: starts_item(first),
        pieces,
    }));
}
