//! Masthead, sections, items and footer: text → [`Bulletin`].
//!
//! The passes, each linear in the input:
//! 1. [`normalize::clean`](crate::normalize::clean): line endings, odd spaces, invisible characters;
//! 2. [`lines`]: what each line is on its own (blank, noise, section, footer key, text);
//! 3. [`masthead`]: title, issue, issuer and date at the top, up to the first section or item;
//! 4. the footer zone starts at the first footer key after the last item;
//! 5. [`rewrap`]: paragraphs rebuilt across page breaks and hard wraps;
//! 6. [`items`]: paragraphs grouped into items, each split into headline, body and sources;
//! 7. [`footer`]: distribution, editor, reviewer, signer.
//!
//! Nothing is lost: every line lands in a part, in `warnings` (could not be
//! placed) or in `dropped` (layout noise). The syntax that only marks a part
//! (`【】`, `（）` around sources, `责任编辑：`, the date's text) is consumed;
//! [`parse_with_ledger`] returns it too, so tests can account for every
//! character.

mod blocks;
mod date;
mod footer;
mod furniture;
mod issues;
mod items;
mod line;
mod lines;
mod masthead;
mod rewrap;
mod sink;
mod text;

use crate::model::*;
use crate::normalize;
use lines::{Kind, Line};
use sink::{Ledger, Sink};

/// Parses one bulletin. Never panics; linear in the length of `text`.
pub fn parse(text: &str) -> Bulletin {
    run(text, &mut Ledger::default())
}

/// Like [`parse`], and also returns the syntax consumed on the way (section
/// brackets, source parentheses and separators, footer keys, the date as
/// written). For the "no text lost" tests.
#[doc(hidden)]
pub fn parse_with_ledger(text: &str) -> (Bulletin, Vec<String>) {
    let mut ledger = Ledger {
        on: true,
        taken: Vec::new(),
    };
    let b = run(text, &mut ledger);
    (b, ledger.taken)
}

/// Parses a text that may hold several bulletins: one per issue, line
/// numbers counted in the whole text.
pub fn parse_all(text: &str) -> Vec<Bulletin> {
    let clean = normalize::clean(text);
    let starts = issues::starts(&clean);
    if starts.is_empty() {
        return vec![run(&clean, &mut Ledger::default())];
    }
    let mut out = Vec::with_capacity(starts.len() + 1);
    let mut from = (0usize, 1usize);
    for &to in starts.iter().chain(std::iter::once(&(clean.len(), 0))) {
        let mut b = run(&clean[from.0..to.0], &mut Ledger::default());
        shift_lines(&mut b, from.1 - 1);
        out.push(b);
        from = to;
    }
    out
}

/// The texts of the issues in `text` (cleaned, when it holds several).
pub fn split_issues(text: &str) -> Vec<String> {
    let clean = normalize::clean(text);
    let starts = issues::starts(&clean);
    if starts.is_empty() {
        return vec![text.to_string()];
    }
    let mut cuts = vec![0];
    cuts.extend(starts.iter().map(|s| s.0));
    cuts.push(clean.len());
    cuts.windows(2)
        .map(|w| clean[w[0]..w[1]].to_string())
        .collect()
}

// What the doubt ratings (`crate::doubt`) and corrections read the way
// the structure pass does.
pub(crate) use items::trailing_source;
pub(crate) use text::{ends_sentence, has_sentence_punct, is_unit_name, split_sources};

/// Where the parser ends a headline in `s` (a paragraph starting an
/// item): (headline end, body start) as byte offsets. For corrections that
/// cut an item in two.
pub(crate) fn headline_break(s: &str) -> Option<(usize, usize)> {
    items::find_break(s)
}

/// Moves every line number in `b` down by `by` lines.
fn shift_lines(b: &mut Bulletin, by: usize) {
    if by == 0 {
        return;
    }
    for it in &mut b.items {
        it.lines.first += by;
        it.lines.last += by;
    }
    for w in &mut b.warnings {
        w.lines.first += by;
        w.lines.last += by;
    }
    for d in &mut b.dropped {
        d.line += by;
    }
}

fn run(text: &str, ledger: &mut Ledger) -> Bulletin {
    let clean = normalize::clean(text);
    let mut sink = Sink::default();
    let lines::Split {
        lines,
        headings,
        stars,
    } = lines::split(&clean, &mut sink.dropped);
    let mut b = Bulletin::default();
    let top = masthead::read(&lines, &mut b.masthead, &mut b.footer, &mut sink, ledger);
    let rest = &lines[top.body_start..];
    let footer_at = footer_start(rest);
    let mut body = rewrap::blocks(&rest[..footer_at], &headings, &top.header_texts, &mut sink);
    body.stars = stars;
    items::assemble(&body, &mut b, &mut sink, ledger);
    crate::doubt::rate(&mut b);
    footer::read(&rest[footer_at..], &mut b.footer, &mut sink, ledger);
    sink.dropped.sort_by_key(|d| d.line);
    sink.warnings.sort_by_key(|w| w.lines.first);
    b.warnings = sink.warnings;
    b.dropped = sink.dropped;
    b
}

/// The footer zone starts at the first footer line after the last line
/// that belongs to an item (a section heading, or text ending in a source);
/// a footer key earlier on is body text. A parenthetical alone on its line
/// does not count: after a footer it is a note (`（共印 50 份）`).
fn footer_start(lines: &[Line<'_>]) -> usize {
    let last_item = lines.iter().rposition(|l| match l.kind {
        Kind::Section { .. } => true,
        Kind::Text => items::trailing_source(l.text).is_some_and(|t| !t.alone),
        _ => false,
    });
    let from = last_item.map_or(0, |i| i + 1);
    lines[from..]
        .iter()
        .position(|l| l.kind == Kind::Footer)
        .map_or(lines.len(), |p| from + p)
}
