//! The single pass over a body that finds every figure.
//!
//! The loop steps one character at a time and does almost nothing per
//! character: ASCII bytes are tested directly, three-byte characters (all of
//! CJK) are decoded and looked up in an 8 KiB bitmap of the characters that
//! can start something — a digit, a Chinese numeral, an opening quote. Only
//! there does it parse, forwards and backwards, never further than a few
//! characters. Character offsets are counted as it goes, never recomputed.
//!
//! Quoted text (`“五清单”`, `《…方案》`, `「…」`) is jumped over whole: what is
//! inside quotes is a name, not a quantity.

use crate::model::FigureKind;

use super::arabic::number;
use super::chars::{at, char_before, count_chars, ends_any, is_clause_break, is_sentence_break};
use super::chinese::{chinese, percent_words};
use super::context::{Clauses, Place};
use super::quotes::QuoteMemo;
use super::tail::Tail;

/// A figure as the scanner finds it: byte and character offsets, the value
/// and what qualifies it. Labels and periods come later (`context`).
#[derive(Debug, Clone, Copy)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub start_char: usize,
    pub end_char: usize,
    pub value: f64,
    pub unit: Option<&'static str>,
    pub approx: Option<&'static str>,
    pub kind: FigureKind,
    pub place: Place,
}

/// Where the pass hands each figure as it finds it, with the clause
/// structure it follows on the way.
pub struct Out<F: FnMut(Found)> {
    sink: F,
    clauses: Clauses,
}

impl<F: FnMut(Found)> Out<F> {
    /// Hands a figure to the sink, placed in its clause and sentence.
    pub fn emit(&mut self, s: &str, mut found: Found) {
        found.place = self.clauses.on_figure(s, found.start);
        (self.sink)(found);
    }
}

/// Characters (all in the three-byte range of UTF-8) that can start a
/// figure or a quotation, or end a clause.
const CANDIDATE_CHARS: [char; 40] = [
    '０', '１', '２', '３', '４', '５', '６', '７', '８', '９', // full-width digits
    '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿',
    '“', '‘', '「', '『', '《', '〈', '＂', '＇', // quotes
    '，', '。', '；', '：', '！', '？', '、', // clause and list punctuation
];

const fn candidate_bitmap() -> [u64; 1024] {
    let mut t = [0u64; 1024];
    let mut k = 0;
    while k < CANDIDATE_CHARS.len() {
        let c = CANDIDATE_CHARS[k] as u32;
        t[(c >> 6) as usize] |= 1u64 << (c & 63);
        k += 1;
    }
    t
}

static CANDIDATE: [u64; 1024] = candidate_bitmap();

/// Every figure in `s`, in order, handed to `sink` as it is found.
pub fn scan(s: &str, sink: impl FnMut(Found)) {
    let b = s.as_bytes();
    let n = b.len();
    let mut out = Out {
        sink,
        clauses: Clauses::default(),
    };
    let mut quotes = QuoteMemo::default();
    let mut i = 0;
    let mut ci = 0; // characters before byte i
    while i < n {
        // The hot path: three-byte characters (all of CJK) that start
        // nothing. Decode each, test one bit, step on.
        while let Some(&[b0, b1, b2]) = b.get(i..i + 3) {
            if b0 & 0xF0 != 0xE0 {
                break;
            }
            let cp = (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F);
            if CANDIDATE[(cp >> 6) as usize] & (1u64 << (cp & 63)) != 0 {
                break;
            }
            i += 3;
            ci += 1;
        }
        let Some(&b0) = b.get(i) else { break };
        let next = if b0 & 0xF0 == 0xE0 && i + 2 < n {
            let cp = (u32::from(b0 & 0x0F) << 12)
                | (u32::from(b[i + 1] & 0x3F) << 6)
                | u32::from(b[i + 2] & 0x3F);
            if CANDIDATE[(cp >> 6) as usize] & (1u64 << (cp & 63)) == 0 {
                None // a CJK character at the very end
            } else {
                dispatch(s, i, ci, cp, &mut out, &mut quotes)
            }
        } else if b0 < 0x80 {
            match b0 {
                b'0'..=b'9' => Some(number(s, i, ci, &mut out)),
                b'"' | b'\'' => quotes.skip(s, i, b0 as char),
                b',' | b';' | b':' | b'!' | b'?' | b'\n' | b'\r' => {
                    let sentence = is_sentence_break(b0 as char);
                    out.clauses.on_break(i, 1, sentence);
                    None
                }
                _ => None,
            }
        } else {
            None
        };
        match next {
            Some(j) if j > i => {
                ci += count_chars(&b[i..j]);
                i = j;
            }
            _ => {
                i += utf8_len(b0);
                ci += 1;
            }
        }
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

fn dispatch(
    s: &str,
    i: usize,
    ci: usize,
    cp: u32,
    out: &mut Out<impl FnMut(Found)>,
    quotes: &mut QuoteMemo,
) -> Option<usize> {
    let c = char::from_u32(cp)?;
    if is_clause_break(c) {
        out.clauses.on_break(i, 3, is_sentence_break(c));
        return None;
    }
    if c == '、' {
        out.clauses.on_list_break(i + 3);
        return None;
    }
    match c {
        '０'..='９' => Some(number(s, i, ci, out)),
        '百' if at(s, i, "百分之") => Some(percent_words(s, i, ci, out)),
        '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千'
        | '万' | '亿' => Some(chinese(s, i, ci, out)),
        _ => quotes.skip(s, i, c),
    }
}

/// Money words before a figure that has only a multiplier (`交易额达 21.4 亿`).
fn money_context(s: &str, start: usize) -> bool {
    let mut p = start;
    for _ in 0..24 {
        let Some((c, n)) = char_before(s, p) else { break };
        if is_clause_break(c) {
            break;
        }
        if matches!(
            c,
            '额' | '金' | '资' | '款' | '费' | '税' | '贷' | '价' | '值' | '元' | '钱'
        ) || ends_any(s, p, &["收入", "支出", "收益", "利润", "营收", "预算", "GDP"]).is_some()
        {
            return true;
        }
        p -= n;
    }
    false
}

/// Hands a figure found at `start..t.end` to the sink (`i` is where its
/// number starts, `ci` the characters before `i`).
#[allow(clippy::too_many_arguments)]
pub fn push(
    out: &mut Out<impl FnMut(Found)>,
    s: &str,
    ci: usize,
    i: usize,
    start: usize,
    t: &Tail,
    value: f64,
    approx_pre: Option<&'static str>,
) {
    let b = s.as_bytes();
    let kind = match t.unit {
        // `1个多月`: the unit read across the qualifier is a duration.
        Some(_) if t.unit_text.is_some() => FigureKind::Duration,
        Some(u) => u.kind,
        None if money_context(s, start) => FigureKind::Money,
        None => FigureKind::Count,
    };
    let unit = t.unit_text.or(t.unit.map(|u| u.text)).map(|u| match u {
        "％" => "%",
        u => u,
    });
    out.emit(
        s,
        Found {
            place: Place::default(),
            start,
            end: t.end,
            start_char: ci - count_chars(&b[start..i]),
            end_char: ci + count_chars(&b[i..t.end]),
            value: if t.half { value + 0.5 } else { value },
            unit,
            approx: approx_pre.or(t.approx),
            kind,
        },
    );
}
