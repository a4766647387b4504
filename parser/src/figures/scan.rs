//! The single pass over a body that finds every figure.
//!
//! The loop steps one character at a time and does almost nothing per
//! character: a 256-entry table on the lead byte says how long the
//! character is and whether it can matter at all. Most CJK characters have
//! a lead byte no figure, quote or clause mark starts with, and are stepped
//! over on that alone; for the few lead bytes that numerals and punctuation
//! share (E2 E3 E4 E5 E7 EF), the commonest clause marks are told from
//! their bytes, and a 64-slot table keyed on all three bytes (`STOPS`)
//! decides the rest and says what to do. Only there does it parse, forwards
//! and backwards, never further than a few characters. Character offsets
//! are counted only when a figure is found (`Out::chars_before`), from the
//! last one on.
//!
//! Quoted text (`“五清单”`, `《…方案》`, `「…」`) is jumped over whole: what is
//! inside quotes is a name, not a quantity.

use crate::model::FigureKind;

use super::arabic::arabic_digit;
use super::arabic::number;
use super::chars::{
    at, at_any, char_at, char_before, count_chars, ends_any, ends_at, is_clause_break, is_han,
    is_sentence_break, skip_space_back,
};
use super::chinese::{chinese, percent_words};
use super::context::{Clauses, Place};
use super::quotes::QuoteMemo;
use super::skip::Skipper;
use super::tail::{approx_before_from, Tail};

/// A figure as the scanner finds it: byte and character offsets, the value
/// and what qualifies it. Labels and periods come later (`context`).
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub start_char: usize,
    pub end_char: usize,
    pub value: f64,
    /// The upper end of a range (`3至5万元`).
    pub value_max: Option<f64>,
    pub unit: Option<&'static str>,
    /// What a slash unit is per (`3000元/亩` → `亩`).
    pub per: Option<&'static str>,
    pub approx: Option<&'static str>,
    pub kind: FigureKind,
    pub place: Place,
}

/// Where the pass hands each figure as it finds it, with the clause
/// structure it follows on the way.
pub struct Out<F: FnMut(&Found)> {
    sink: F,
    clauses: Clauses,
    /// A byte offset already counted in characters, and its count: figures
    /// come in order, so each count starts from the last.
    counted: (usize, usize),
}

impl<F: FnMut(&Found)> Out<F> {
    /// Hands a figure to the sink, placed in its clause and sentence.
    pub fn emit(&mut self, s: &str, mut found: Found) {
        found.place = self.clauses.on_figure(s, found.start);
        (self.sink)(&found);
    }

    /// Characters before byte `i` (a character boundary), counted from the
    /// last position asked about.
    #[inline]
    pub fn chars_before(&mut self, s: &str, i: usize) -> usize {
        let (at, n) = self.counted;
        let b = s.as_bytes();
        let i = i.min(b.len());
        let n = if i >= at {
            n + count_chars(&b[at..i])
        } else {
            // A figure's start reaching back before the last one's end
            // (never seen, but counting back is as exact).
            n - count_chars(&b[i..at])
        };
        self.counted = (i, n);
        n
    }

    /// Character offsets of the byte range `start..end` (from the last
    /// position asked about on: figures come in order).
    pub fn char_range(&mut self, s: &str, start: usize, end: usize) -> (usize, usize) {
        let a = self.chars_before(s, start);
        // What `chars_before(s, end)` gives, counted on from `start` here.
        let b = s.as_bytes();
        let (from, to) = (start.min(b.len()), end.min(b.len()));
        let z = if to >= from {
            a + count_chars(&b[from..to])
        } else {
            a - count_chars(&b[to..from])
        };
        self.counted = (to, z);
        (a, z)
    }
}

/// Characters (all in the three-byte range of UTF-8) that can start a
/// figure or a quotation, or end a clause.
pub(super) const CANDIDATE_CHARS: [char; 40] = [
    '０', '１', '２', '３', '４', '５', '６', '７', '８', '９', // full-width digits
    '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿', '“',
    '‘', '「', '『', '《', '〈', '＂', '＇', // quotes
    '，', '。', '；', '：', '！', '？', '、', // clause and list punctuation
];

/// What the scanner does at a byte that starts a character.
const SKIP1: u8 = 1;
const SKIP2: u8 = 2;
const SKIP3: u8 = 3;
const SKIP4: u8 = 4;
/// A three-byte character whose lead byte some candidate shares.
const CHECK3: u8 = 5;
/// An ASCII byte that starts something: a digit, a quote, clause punctuation.
const ASCII: u8 = 6;

const fn lead_classes() -> [u8; 256] {
    let mut t = [SKIP1; 256];
    let mut x = 0xC0;
    while x < 0x100 {
        t[x] = match x {
            0xC0..=0xDF => SKIP2,
            0xE0..=0xEF => SKIP3,
            0xF0..=0xF7 => SKIP4,
            _ => SKIP1, // never a lead byte in valid UTF-8
        };
        x += 1;
    }
    let mut k = 0;
    while k < CANDIDATE_CHARS.len() {
        t[0xE0 | (CANDIDATE_CHARS[k] as u32 >> 12) as usize] = CHECK3;
        k += 1;
    }
    let ascii = b"0123456789\"',;:!?\n\r";
    let mut k = 0;
    while k < ascii.len() {
        t[ascii[k] as usize] = ASCII;
        k += 1;
    }
    t
}

static LEAD: [u8; 256] = lead_classes();

/// What the scan does at a candidate character.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Action {
    /// Clause punctuation: ends a clause (`sentence`: and the sentence).
    Break { sentence: bool },
    /// `、`: ends a list item.
    List,
    /// A full-width digit: an Arabic number starts.
    Number,
    /// `百`: `百分之…` or a Chinese numeral.
    Hundred,
    /// Any other Chinese numeral.
    Numeral,
    /// An opening quote (`quotes.skip` tells which).
    Quote,
}

/// A candidate's three bytes as one key, its character and its action.
#[derive(Clone, Copy)]
struct Stop {
    key: u32,
    c: char,
    action: Action,
}

/// The action for candidate `c` (what a test checks against
/// `is_clause_break`, `is_sentence_break` and the numeral readers).
const fn action_of(c: char) -> Action {
    match c {
        '，' | '：' => Action::Break { sentence: false },
        '。' | '；' | '！' | '？' => Action::Break { sentence: true },
        '、' => Action::List,
        '０'..='９' => Action::Number,
        '百' => Action::Hundred,
        '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '千'
        | '万' | '亿' => Action::Numeral,
        _ => Action::Quote,
    }
}

/// Slots of the candidate lookup: a multiplicative hash of the three bytes,
/// the multiplier found (offline) to give each candidate its own slot.
const STOP_SLOTS: usize = 64;

#[inline(always)]
const fn stop_slot(key: u32) -> usize {
    (key.wrapping_mul(0x5AD5_0343) >> 26) as usize
}

/// Each candidate in its slot; empty slots hold a key no three bytes of a
/// character give. Fails to build when two candidates share a slot.
static STOPS: [Stop; STOP_SLOTS] = {
    let mut t = [Stop {
        key: u32::MAX,
        c: '\0',
        action: Action::Quote,
    }; STOP_SLOTS];
    let mut k = 0;
    while k < CANDIDATE_CHARS.len() {
        let c = CANDIDATE_CHARS[k];
        let cp = c as u32;
        let key =
            ((0xE0 | (cp >> 12)) << 16) | ((0x80 | ((cp >> 6) & 0x3F)) << 8) | (0x80 | (cp & 0x3F));
        let slot = stop_slot(key);
        assert!(t[slot].key == u32::MAX, "two candidates share a slot");
        t[slot] = Stop {
            key,
            c,
            action: action_of(c),
        };
        k += 1;
    }
    t
};

/// Every figure in `s`, in order, handed to `sink` as it is found.
pub fn scan(s: &str, sink: impl FnMut(&Found)) {
    let b = s.as_bytes();
    let n = b.len();
    let mut out = Out {
        sink,
        clauses: Clauses::default(),
        counted: (0, 0),
    };
    let mut quotes = QuoteMemo::default();
    let mut skip = Skipper::new();
    let mut i = 0;
    loop {
        i = skip.next(b, i);
        let Some(&b0) = b.get(i) else { break };
        let next = match LEAD[b0 as usize] {
            SKIP3 => {
                i += 3;
                continue;
            }
            CHECK3 => {
                // A three-byte lead byte in a `str`: two more bytes follow.
                let Some(&[_, b1, b2]) = b.get(i..i + 3) else {
                    break;
                };
                if let Some(mark) = common_mark(b0, b1, b2) {
                    match mark {
                        Mark::Clause => out.clauses.on_break(s, i, 3, false),
                        Mark::Sentence => out.clauses.on_break(s, i, 3, true),
                        Mark::List => out.clauses.on_list_break(i + 3),
                    }
                    i += 3;
                    continue;
                }
                let key = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
                let stop = &STOPS[stop_slot(key)];
                if stop.key != key {
                    i += 3;
                    continue;
                }
                act(s, i, stop, &mut out, &mut quotes)
            }
            ASCII => match b0 {
                b'0'..=b'9' => Some(number(s, i, &mut out)),
                b'"' | b'\'' => quotes.skip(s, i, b0 as char),
                _ => {
                    // , ; : ! ? \n \r
                    out.clauses.on_break(s, i, 1, is_sentence_break(b0 as char));
                    None
                }
            },
            step => {
                i += usize::from(step);
                continue;
            }
        };
        i = match next {
            Some(j) if j > i => j,
            _ => i + utf8_len(b0),
        };
    }
    debug_assert!(i >= n);
}

/// Clause punctuation the scan only has to note.
enum Mark {
    Clause,
    Sentence,
    List,
}

/// `，` `。` `；` `、`, three in four of the marks the scan stops at, told
/// from their bytes before the table lookup (what `act` would do with them).
#[inline(always)]
fn common_mark(b0: u8, b1: u8, b2: u8) -> Option<Mark> {
    match (b0, b1, b2) {
        (0xEF, 0xBC, 0x8C) => Some(Mark::Clause),   // ，
        (0xE3, 0x80, 0x82) => Some(Mark::Sentence), // 。
        (0xEF, 0xBC, 0x9B) => Some(Mark::Sentence), // ；
        (0xE3, 0x80, 0x81) => Some(Mark::List),     // 、
        _ => None,
    }
}

#[inline]
fn utf8_len(b0: u8) -> usize {
    match b0 {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1, // a continuation byte never starts a step of a valid string
    }
}

#[inline(always)]
fn act(
    s: &str,
    i: usize,
    stop: &Stop,
    out: &mut Out<impl FnMut(&Found)>,
    quotes: &mut QuoteMemo,
) -> Option<usize> {
    match stop.action {
        Action::Break { sentence } => {
            out.clauses.on_break(s, i, 3, sentence);
            None
        }
        Action::List => {
            out.clauses.on_list_break(i + 3);
            None
        }
        Action::Number => Some(number(s, i, out)),
        Action::Hundred if at(s, i, "百分之") => Some(percent_words(s, i, out)),
        Action::Hundred | Action::Numeral => Some(chinese(s, i, stop.c, out)),
        Action::Quote => quotes.skip(s, i, stop.c),
    }
}

/// Money words before a figure that has only a multiplier (`交易额达 21.4 亿`).
fn money_context(s: &str, start: usize) -> bool {
    let mut p = start;
    for _ in 0..24 {
        let Some((c, n)) = char_before(s, p) else {
            break;
        };
        if is_clause_break(c) {
            break;
        }
        if matches!(
            c,
            '额' | '金' | '资' | '款' | '费' | '税' | '贷' | '价' | '值' | '元' | '钱'
        ) || ends_any(
            s,
            p,
            &["收入", "支出", "收益", "利润", "营收", "预算", "GDP"],
        )
        .is_some()
        {
            return true;
        }
        p -= n;
    }
    false
}

/// Hands a range to the sink: `lo` to `hi` (a `半` after the upper end
/// added to it), starting at an approximation word before the lower end
/// when there is one (`约600-900元`), else at `i`. Returns where it ends.
pub fn push_range(
    out: &mut Out<impl FnMut(&Found)>,
    s: &str,
    bare_start: usize,
    i: usize,
    t: &Tail,
    lo: f64,
    hi: f64,
) -> usize {
    let (approx_pre, start) = match approx_before_from(s, bare_start) {
        Some((a, w)) => (Some(a), w),
        None => (None, i),
    };
    push(
        out,
        s,
        start,
        t,
        lo,
        approx_pre,
        Some(hi + if t.half { 0.5 } else { 0.0 }),
    );
    t.end
}

/// Hands a figure found at `start..t.end` to the sink: `value` (a range's
/// lower end) and `value_max` (its upper end) as read, before any written
/// sign, 角/分, slash unit or 人民币 around them.
pub fn push(
    out: &mut Out<impl FnMut(&Found)>,
    s: &str,
    start: usize,
    t: &Tail,
    value: f64,
    approx_pre: Option<&'static str>,
    value_max: Option<f64>,
) {
    let mut kind = match t.unit {
        // `1个多月`: the unit read across the qualifier is a duration.
        Some(_) if t.unit_text.is_some() => FigureKind::Duration,
        Some(u) => u.kind,
        None if money_context(s, start) => FigureKind::Money,
        None => FigureKind::Count,
    };
    let mut unit = t.unit_text.or(t.unit.map(|u| u.shown));
    // A range's half belongs to its upper end (`2至3个半小时`), added by the caller.
    let mut value = if t.half && value_max.is_none() {
        value + 0.5
    } else {
        value
    };
    let mut end = t.end;
    let mut per = None;
    let mut start = start;
    // `人民币5万`: the currency named before a bare multiplier.
    if unit.is_none() && ends_at(s, skip_space_back(s, start), "人民币") {
        unit = Some("元");
        kind = FigureKind::Money;
    }
    // What may follow a unit here starts with a digit (`元1角`), a Chinese
    // numeral (E4..E9) or a slash (`/亩`, `／亩`: 2F, EF).
    let after = s.as_bytes().get(end).copied().unwrap_or(0);
    if t.end == t.unit_end && matches!(after, b'/' | b'0'..=b'9' | 0xE4..=0xE9 | 0xEF) {
        if unit == Some("元") && value_max.is_none() {
            if let Some((cents, e)) = jiao_fen(s, end) {
                value = ((value + cents) * 100.0).round() / 100.0;
                end = e;
            }
        }
        if let Some((p, e)) = per_unit(s, end).filter(|_| unit.is_some()) {
            per = Some(p);
            end = e;
        }
    }
    if let Some((w, sign)) = sign_before(s, start) {
        if sign.takes(unit) {
            // `下降-2%`: a fall by a negative amount is a guess either way.
            if ends_any(s, skip_space_back(s, start - w), &FALL_WORDS).is_some() {
                return;
            }
            value = -value;
            start -= w;
        }
    }
    let (start_char, end_char) = out.char_range(s, start, end);
    out.emit(
        s,
        Found {
            place: Place::default(),
            start,
            end,
            start_char,
            end_char,
            value,
            value_max,
            unit,
            per,
            approx: approx_pre.or(t.approx),
            kind,
        },
    );
}

/// Verbs of falling that make a written minus after them ambiguous.
const FALL_WORDS: [&str; 6] = ["下降", "减少", "降低", "下滑", "回落", "降幅"];

/// Which units a written sign may stand before: any (`-3.9%`, `-500万元`),
/// a ratio (`负3.9%`), a temperature (`零下5℃`).
#[derive(Clone, Copy)]
pub(super) enum SignOf {
    Any,
    Ratio,
    Temperature,
}

impl SignOf {
    pub(super) fn takes(self, unit: Option<&str>) -> bool {
        match self {
            SignOf::Any => unit.is_some(),
            SignOf::Ratio => matches!(unit, Some("%" | "‰" | "个百分点" | "℃" | "度")),
            SignOf::Temperature => matches!(unit, Some("℃" | "度")),
        }
    }
}

/// A written minus right before the number at `start`: its byte length and
/// the units it may take. `-3.9%`, `－5℃`, `负3.9%`, `零下5摄氏度`; not a
/// dash between two numbers (`3-5`), nor `正负`, `胜负`.
#[inline(always)]
pub(super) fn sign_before(s: &str, start: usize) -> Option<(usize, SignOf)> {
    // The last bytes of `-` `－` `−` `负` `下`: most figures are ruled out on one.
    match s.as_bytes().get(start.wrapping_sub(1)) {
        Some(0x2D | 0x8D | 0x92 | 0x9F | 0x8B) => written_sign(s, start),
        _ => None,
    }
}

/// [`sign_before`] past its one-byte test. The sign must stand free: after
/// a word (a Han character that is no numeral), a space, an opening bracket,
/// clause punctuation, or nothing; `3-5`, `A-3`, `正负3%` hold no sign.
#[inline(never)]
fn written_sign(s: &str, start: usize) -> Option<(usize, SignOf)> {
    let (c, n) = char_before(s, start)?;
    let p = start - n;
    let sign = match c {
        '-' | '－' | '−' => SignOf::Any,
        '负' => SignOf::Ratio,
        '下' if ends_at(s, p, "零") => return Some((n + "零".len(), SignOf::Temperature)),
        _ => return None,
    };
    let free = match char_before(s, p) {
        None => true,
        Some((x, _)) => {
            (is_han(x)
                && !crate::numerals::is_cn_numeral_char(x)
                && !matches!(x, '正' | '胜' | '抱' | '担' | '自'))
                || matches!(
                    x,
                    ' ' | '\n' | '（' | '(' | '，' | '：' | '；' | '、' | '“' | '\u{3000}'
                )
        }
    };
    free.then_some((n, sign))
}

/// `1角1分`, `5角`, `8分` right after `元` (`123元1角1分`): the cents.
fn jiao_fen(s: &str, p: usize) -> Option<(f64, usize)> {
    let digit = |q: usize| -> Option<(f64, usize)> {
        let (c, n) = char_at(s, q)?;
        let d = arabic_digit(c)
            .map(|d| d as u32)
            .or_else(|| crate::numerals::cn_digit(c))?;
        Some((f64::from(d), q + n))
    };
    let (a, q) = digit(p)?;
    let mut cents = a / 10.0;
    let mut end = q + "角".len();
    let q2 = if at(s, q, "角") || at(s, q, "毛") {
        end
    } else if at(s, q, "分") && at_any(s, q, &["分之", "分钟"]).is_none() {
        return Some((a / 100.0, q + "分".len()));
    } else {
        return None;
    };
    if let Some((b, r)) = digit(q2) {
        if at(s, r, "分") && at_any(s, r, &["分之", "分钟"]).is_none() {
            cents += b / 100.0;
            end = r + "分".len();
        }
    }
    Some((cents, end))
}

/// `/亩`, `/人`, `/月` right after a unit (`3000元/亩`): what it is per.
fn per_unit(s: &str, p: usize) -> Option<(&'static str, usize)> {
    let slash = match s.as_bytes().get(p)? {
        b'/' => 1,
        0xEF if at(s, p, "／") => 3,
        _ => return None,
    };
    let q = p + slash;
    Some(match super::units::match_unit(s, q) {
        Some(u) if u.kind != FigureKind::Percent && u.kind != FigureKind::Money => {
            (u.shown, q + u.text.len())
        }
        _ => {
            let w = at_any(s, q, &["月", "日", "周", "季", "床", "车"])?;
            (w, q + w.len())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for common marks does what `dispatch` does with them.
    /// Each candidate's action is what the character rules say, and the
    /// table finds exactly the candidates.
    #[test]
    fn stops_hold_each_candidate_with_its_action() {
        for c in CANDIDATE_CHARS {
            let want = if is_clause_break(c) {
                Action::Break {
                    sentence: is_sentence_break(c),
                }
            } else if c == '、' {
                Action::List
            } else if ('０'..='９').contains(&c) {
                Action::Number
            } else if c == '百' {
                Action::Hundred
            } else if crate::numerals::cn_digit(c).is_some()
                || crate::numerals::cn_multiplier(c).is_some()
            {
                Action::Numeral
            } else {
                Action::Quote
            };
            assert_eq!(action_of(c), want, "{c:?}");
        }
        for c in (0x800..0x10000).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let key = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            let stop = &STOPS[stop_slot(key)];
            let found = stop.key == key;
            assert_eq!(found, CANDIDATE_CHARS.contains(&c), "{c:?}");
            if found {
                assert_eq!(stop.c, c);
            }
        }
    }

    #[test]
    fn common_marks_are_read_as_dispatch_reads_them() {
        for c in CANDIDATE_CHARS {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let want = if is_clause_break(c) {
                Some(if is_sentence_break(c) {
                    "sentence"
                } else {
                    "clause"
                })
            } else if c == '、' {
                Some("list")
            } else {
                None
            };
            let got = common_mark(b[0], b[1], b[2]).map(|m| match m {
                Mark::Clause => "clause",
                Mark::Sentence => "sentence",
                Mark::List => "list",
            });
            if got.is_some() {
                assert_eq!(got, want, "{c:?}");
            }
        }
        for c in ['，', '。', '；', '、'] {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert!(common_mark(b[0], b[1], b[2]).is_some(), "{c:?}");
        }
    }
}
