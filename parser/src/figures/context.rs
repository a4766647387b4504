//! What a figure measures, in which direction it moved, and over which
//! period: read from the clause and sentence around it.
//!
//! - **label**: the noun right after the figure when it counts one
//!   (`走访31家企业` → `企业`, `109起矛盾` → `矛盾`); otherwise the phrase
//!   before it in its clause, verbs of reporting at its end (`完成`, `达`,
//!   `为`, `累计`…) and scope words at its start (`全县`, `我县`, `共`…)
//!   stripped: `全县一般公共预算收入完成 33400 万元` → `一般公共预算收入`,
//!   `排查矛盾纠纷94起` → `排查矛盾纠纷` (the verb stays: it says what was
//!   counted). A figure that follows another with nothing between
//!   (`67户270人`) shares its label; a bare change (`增长 3.5%`) takes the
//!   label of the last amount before it in the sentence.
//! - **change**: `增长`, `增加`, `提高`, `上升`… (up) or `下降`, `减少`,
//!   `降低`, `下滑`… (down) immediately before the figure.
//! - **period**: a time phrase opening a clause (`1—8 月份`, `一季度`,
//!   `截至2023年8月底`, `今年以来`, `“五一”节假日期间`, `目前`) governs the
//!   figures after it up to the end of the sentence (`。`, `；`, a line
//!   break) or the next time phrase. Spaces are removed: `1—8月份`.
//!
//! Clauses and periods are followed during the scanner's single pass
//! (`Clauses`); labels and changes are read afterwards around each figure,
//! a bounded number of characters each way.

use std::borrow::Cow;

use crate::model::{Figure, FigureKind};
use crate::small_string::SmallString;

use super::chars::{char_at, is_space, may_hold_space, skip_space, space_at, trim_space};
use super::label::{change_of, clean_label, is_copula, noun_after};
use super::period::clause_period;
use super::scan::Found;

/// Where a figure stands in its sentence, as the scanner saw it on its way.
#[derive(Debug, Clone, Copy, Default)]
pub struct Place {
    /// Byte after the last clause punctuation before the figure.
    pub clause_start: usize,
    /// Byte where a time phrase opening the figure's clause ends (else the
    /// clause start): the label is read after it.
    pub lead_end: usize,
    /// Byte after the last `、` of the clause before the figure (else the
    /// clause start): list items each have their own label.
    pub list_start: usize,
    /// Byte range of the time phrase governing the figure.
    pub period: Option<(usize, usize)>,
    /// Which sentence the figure is in (counts sentence breaks).
    pub sentence: u32,
}

/// Clauses of a sentence kept for a later look (see `Clauses::pending`).
const PENDING: usize = 8;

/// Follows clauses and sentences while the scanner walks the body: it is told
/// of every clause punctuation mark and every figure, in order, and keeps
/// the time phrase in force. Each clause is examined once.
#[derive(Debug, Default)]
pub struct Clauses {
    clause_start: usize,
    /// The clause's opening time phrase has been looked for (it held a figure).
    checked: bool,
    lead_end: usize,
    list_start: usize,
    period: Option<(usize, usize)>,
    /// Earlier clauses of this sentence not yet examined: a clause is only
    /// read for a time phrase once a figure shows up in its sentence, so
    /// sentences without figures cost nothing. Kept inline (no allocation
    /// per body); when full, the oldest is examined at once into `folded`,
    /// which gives the same answer, as each clause is read on its own.
    pending: [(usize, usize); PENDING],
    pending_len: usize,
    /// The time phrase of the last examined pending clause that had one.
    folded: Option<(usize, usize)>,
    sentence: u32,
}

impl Clauses {
    /// Clause punctuation at byte `at` of `s`, `len` bytes long.
    pub fn on_break(&mut self, s: &str, at: usize, len: usize, sentence: bool) {
        if sentence {
            self.period = None;
            self.pending_len = 0;
            self.folded = None;
            self.sentence += 1;
        } else if !self.checked {
            if self.pending_len == PENDING {
                let (a, b) = self.pending[0];
                if let Some(r) = clause_period(s, a, b, true) {
                    self.folded = Some(r);
                }
                self.pending.copy_within(1.., 0);
                self.pending_len -= 1;
            }
            self.pending[self.pending_len] = (self.clause_start, at);
            self.pending_len += 1;
        }
        self.clause_start = at + len;
        self.lead_end = self.clause_start;
        self.list_start = self.clause_start;
        self.checked = false;
    }

    /// A `、` ending at byte `after`.
    pub fn on_list_break(&mut self, after: usize) {
        self.list_start = after;
    }

    /// A figure starting at byte `start`.
    pub fn on_figure(&mut self, s: &str, start: usize) -> Place {
        if let Some(r) = self.folded.take() {
            self.period = Some(r);
        }
        for &(a, b) in &self.pending[..self.pending_len] {
            if let Some(r) = clause_period(s, a, b, true) {
                self.period = Some(r);
            }
        }
        self.pending_len = 0;
        if !self.checked {
            self.checked = true;
            if let Some(r) = clause_period(s, self.clause_start, start, false) {
                self.period = Some(r);
                self.lead_end = r.1;
            }
        }
        Place {
            clause_start: self.clause_start,
            lead_end: self.lead_end,
            list_start: self.list_start,
            period: self.period,
            sentence: self.sentence,
        }
    }
}

/// Turns what the scanner found into figures, reading label, change and
/// period around each. Fed the figures of one body in order.
#[derive(Debug, Default)]
pub struct Annotator {
    /// The previous figure, when there is one.
    prev: Option<Prev>,
    /// Index of the first figure of the current sentence.
    sentence_first: usize,
}

/// What the next figure needs to know of the one before it.
#[derive(Debug, Clone, Copy)]
struct Prev {
    /// Byte after the figure.
    end: usize,
    /// Where the noun it counted ends (else `end`).
    noun_end: usize,
    sentence: u32,
    period: Option<(usize, usize)>,
}

impl Annotator {
    /// The figure for `f`; `done` holds the figures before it.
    pub fn figure(&mut self, s: &str, f: &Found, done: &[Figure]) -> Figure {
        let k = done.len();
        let place = f.place;
        let prev = self.prev.filter(|_| k > 0);
        if prev.is_some_and(|p| p.sentence != place.sentence) {
            self.sentence_first = k;
        }
        // The previous figure, and the noun it counted, bound the label when
        // they are in this clause: `13 个乡镇（街道）共设置检测点 45 个`.
        let prev_in_clause = prev.filter(|p| p.end > place.clause_start);
        let region = match prev_in_clause {
            Some(p) => skip_bracket(s, p.noun_end.max(p.end)),
            None => place.clause_start,
        };
        let region = region
            .max(place.lead_end)
            .max(place.list_start)
            .min(f.start);
        let before = trim_space(&s[near(s, region, f.start)..f.start]);
        // `分别增长 18.6% 和 21.3%`: a figure joined to a change by a
        // conjunction moved the same way.
        let joined = matches!(before, "" | "和" | "与" | "及" | "、");
        // A written minus is a fall, whatever the verb (`增长-3.9%`).
        let signed_down = f.value < 0.0 && f.kind == FigureKind::Percent;
        let change = signed_down
            .then_some(crate::model::Change::Down)
            .or_else(|| change_of(before))
            .or_else(|| {
                let prev_change = done.last().and_then(|l| l.change);
                prev_change.filter(|_| joined && prev_in_clause.is_some())
            });
        let noun = noun_after(s, f.end);
        let noun_end = noun.map_or(f.end, |n| n.1);
        let mut label = noun
            .map(|n| SmallString::from(&s[n.0..n.1]))
            .or_else(|| clean_label(before));
        let last = done.last();
        if label.is_none() {
            if let Some(p) = prev_in_clause {
                if s[p.end..f.start].chars().all(is_space) {
                    label = last.and_then(|l| l.label.clone()); // `67户270人`
                }
            }
        }
        // `增长 3.5%` speaks of the last amount before it in the sentence;
        // `…提高 0.6 个百分点，达到 32.8％` of the figure just before.
        if label.is_none() && k > self.sentence_first {
            if change.is_some() {
                label = done[self.sentence_first..]
                    .iter()
                    .rev()
                    .find(|x| x.kind != FigureKind::Percent && x.label.is_some())
                    .and_then(|x| x.label.clone());
            } else if is_copula(before) {
                label = last.and_then(|l| l.label.clone());
            }
        }
        // Figures of one sentence usually share the phrase, and sentences
        // in a row often repeat it (`1—8 月份…。1—8 月份…`): copy, not rebuild.
        let period = place.period.map(|(a, b)| match (prev, last) {
            (
                Some(Prev {
                    period: Some((pa, pb)),
                    ..
                }),
                Some(Figure {
                    period: Some(x), ..
                }),
            ) if (pa, pb) == (a, b) || s[pa..pb] == s[a..b] => x.clone(),
            _ => squeeze(&s[a..b]),
        });
        self.prev = Some(Prev {
            end: f.end,
            noun_end,
            sentence: place.sentence,
            period: place.period,
        });
        Figure {
            text: SmallString::from(&s[f.start..f.end]),
            value: f.value,
            value_max: f.value_max,
            unit: match (f.unit, f.per) {
                (Some(u), Some(p)) => Some(Cow::Owned(format!("{u}/{p}"))),
                (u, _) => u.map(Cow::Borrowed),
            },
            approx: f.approx.map(Cow::Borrowed),
            kind: f.kind,
            start: f.start_char,
            end: f.end_char,
            label,
            change,
            period,
            entity: None,
            corrected: false,
        }
    }
}

/// `from`, or a point about forty characters before `to` when `from` is
/// further back: no label reads further.
fn near(s: &str, from: usize, to: usize) -> usize {
    if to - from <= 160 {
        return from;
    }
    // Forward to a character's first byte (never past `to`, one).
    let b = s.as_bytes();
    let mut p = to - 120;
    while b.get(p).is_some_and(|&x| (x as i8) < -64) {
        p += 1;
    }
    p
}

/// The byte after a bracketed aside at `p` (`（街道）`), or `p`.
fn skip_bracket(s: &str, p: usize) -> usize {
    let q = skip_space(s, p);
    let close = match char_at(s, q) {
        Some(('（', _)) => '）',
        Some(('(', _)) => ')',
        _ => return p,
    };
    s[q..]
        .char_indices()
        .take(16)
        .find(|&(_, c)| c == close)
        .map_or(p, |(j, c)| q + j + c.len_utf8())
}

/// `s` without white space.
#[inline]
pub fn squeeze(s: &str) -> SmallString {
    // Every space starts with one of these bytes (0xE3 also starts `《》「」`,
    // so a hit is checked on the bytes, out of line).
    if !may_hold_space(s.as_bytes()) {
        return SmallString::from(s);
    }
    squeeze_spaces(s)
}

/// [`squeeze`] of a text that may hold a space.
#[inline(never)]
fn squeeze_spaces(s: &str) -> SmallString {
    let b = s.as_bytes();
    // Copied byte by byte into a buffer, spaces left out: a space's bytes
    // start with a first byte, so they are never matched inside another
    // character, and what is left is whole characters.
    let mut buf = [0u8; 96];
    if b.len() > buf.len() {
        return s.chars().filter(|&c| !is_space(c)).collect();
    }
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        match space_at(b, i) {
            0 => {
                buf[n] = b[i];
                n += 1;
                i += 1;
            }
            w => i += w,
        }
    }
    if n == b.len() {
        return SmallString::from(s);
    }
    match std::str::from_utf8(&buf[..n]) {
        Ok(t) => SmallString::from(t),
        // (Never: whole characters were left out.)
        Err(_) => s.chars().filter(|&c| !is_space(c)).collect(),
    }
}
