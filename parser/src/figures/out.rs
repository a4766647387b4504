//! Where the readers of numbers (`arabic`, `chinese`) hand what they find:
//! [`Out`] counts character offsets and follows the clauses, [`push`] and
//! [`push_range`] add the sign, the approximation, 角/分 and a slash unit
//! (`3000元/亩`) before a figure is passed on.

use crate::bytes::{byte_set_of, first_byte, HAN_LEADS};
use crate::model::FigureKind;
use crate::numerals::arabic_digit;

/// The first byte of `／`.
const WIDE_SLASH_LEAD: u8 = first_byte('／');

use super::chars::{
    at, at_any, char_at, char_before, count_chars, ends_any, ends_at, is_clause_break, is_han,
    skip_space_back,
};
use super::context::Clauses;
use super::found::{Found, Place};
use super::tail::{approx_before_from, Tail};

/// Where the pass hands each figure as it finds it, with the clause
/// structure it follows on the way.
pub struct Out<F: FnMut(&Found)> {
    pub(super) sink: F,
    pub(super) clauses: Clauses,
    /// A byte offset already counted in characters, and its count: figures
    /// come in order, so each count starts from the last.
    pub(super) counted: (usize, usize),
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
    // numeral (a Han character) or a slash (`/亩`, `／亩`).
    let after = s.as_bytes().get(end).copied().unwrap_or(0);
    if t.end == t.unit_end
        && (matches!(after, b'/' | b'0'..=b'9')
            || HAN_LEADS.contains(&after)
            || after == WIDE_SLASH_LEAD)
    {
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

/// The last bytes of the written minus signs.
const SIGN_LAST: [bool; 256] = byte_set_of(b"-", &[], &['－', '−', '负', '下']);

/// A written minus right before the number at `start`: its byte length and
/// the units it may take. `-3.9%`, `－5℃`, `负3.9%`, `零下5摄氏度`; not a
/// dash between two numbers (`3-5`), nor `正负`, `胜负`.
#[inline(always)]
pub(super) fn sign_before(s: &str, start: usize) -> Option<(usize, SignOf)> {
    // The last bytes of `-` `－` `−` `负` `下`: most figures are ruled out on one.
    match s.as_bytes().get(start.wrapping_sub(1)) {
        Some(&x) if SIGN_LAST[usize::from(x)] => written_sign(s, start),
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
        _ if at(s, p, "／") => "／".len(),
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
