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
use crate::numerals::{cn_digit, cn_multiplier, parse_cn_number};

use super::chars::{
    at, at_any, char_at, char_before, count_chars, ends_any, ends_at, is_clause_break,
    is_sentence_break, skip_space, skip_space_back,
};
use super::context::{Clauses, Place};
use super::units::{match_multiplier, match_unit, AfterCn, Unit};

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
struct Out<F: FnMut(Found)> {
    sink: F,
    clauses: Clauses,
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

// ---------------------------------------------------------------- quotes

/// How far a quotation may run before its opening mark is taken to be
/// unbalanced (a stray quote must not hide the rest of the body).
const QUOTE_REACH: usize = 400;

/// Remembers, per closing mark, how far a failed search for it got, so a run
/// of unbalanced opening marks costs linear time, not quadratic.
#[derive(Default)]
struct QuoteMemo {
    no_close_until: [usize; 10],
}

impl QuoteMemo {
    /// When `open` at byte `i` has its closing mark within reach (same line),
    /// the byte after that mark.
    fn skip(&mut self, s: &str, i: usize, open: char) -> Option<usize> {
        let (close, slot) = match open {
            '“' => ('”', 0),
            '‘' => ('’', 1),
            '「' => ('」', 2),
            '『' => ('』', 3),
            '《' => ('》', 4),
            '〈' => ('〉', 5),
            '＂' => ('＂', 6),
            '"' => ('"', 7),
            // An apostrophe is a quote only around a short name.
            '\'' => ('\'', 8),
            '＇' => ('＇', 9),
            _ => return None,
        };
        let from = i + open.len_utf8();
        if from < self.no_close_until[slot] {
            return None;
        }
        let reach = if open == '\'' { 60 } else { QUOTE_REACH };
        let rest = s.get(from..)?;
        let mut depth = 1;
        let mut saw_close = false;
        for (k, c) in rest.char_indices() {
            if k > reach || c == '\n' || c == '\r' {
                if !saw_close {
                    self.no_close_until[slot] = from + k;
                }
                return None;
            }
            if c == close {
                saw_close = true;
                depth -= 1;
                if depth == 0 {
                    return Some(from + k + c.len_utf8());
                }
            } else if c == open {
                depth += 1;
            }
        }
        if !saw_close {
            self.no_close_until[slot] = s.len();
        }
        None
    }
}

// ---------------------------------------------------------------- numbers

/// A number as written: an integer mantissa and its count of decimals, so
/// that `248.77亿` becomes exactly 24877000000 (no binary rounding on the way).
#[derive(Debug, Clone, Copy)]
struct Mantissa {
    digits: u64,
    decimals: i32,
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

fn scaled(m: Mantissa, exp: i32) -> f64 {
    let e = exp - m.decimals;
    let v = m.digits as f64;
    if e >= 0 {
        v * POW10[e.min(22) as usize]
    } else {
        v / POW10[(-e).min(22) as usize]
    }
}

#[inline]
fn arabic_digit(c: char) -> Option<u64> {
    match c {
        '0'..='9' => Some(c as u64 - '0' as u64),
        '０'..='９' => Some(c as u64 - '０' as u64),
        _ => None,
    }
}

#[inline]
fn digit_at(s: &str, i: usize) -> Option<(u64, usize)> {
    let b = s.as_bytes();
    match *b.get(i)? {
        x @ b'0'..=b'9' => Some((u64::from(x - b'0'), 1)),
        // Full-width ０..９ are EF BC 90..99.
        0xEF if b.get(i + 1) == Some(&0xBC) => match b.get(i + 2) {
            Some(&x @ 0x90..=0x99) => Some((u64::from(x - 0x90), 3)),
            _ => None,
        },
        _ => None,
    }
}

/// An Arabic number starting at `i`: its mantissa and end, or just its end
/// when it cannot be a quantity (two decimal points, too many digits).
fn read_arabic(s: &str, i: usize) -> (Option<Mantissa>, usize) {
    let mut p = i;
    let mut m = Mantissa {
        digits: 0,
        decimals: 0,
    };
    let mut count = 0;
    let mut group = 0; // digits since the start or the last separator
    let mut point = false;
    let mut ok = true;
    loop {
        if let Some((d, n)) = digit_at(s, p) {
            if count < 18 {
                m.digits = m.digits * 10 + d;
                if point {
                    m.decimals += 1;
                }
            } else {
                ok = false;
            }
            count += 1;
            group += 1;
            p += n;
            continue;
        }
        let Some((c, n)) = char_at(s, p) else { break };
        match c {
            '.' | '．' if digit_at(s, p + n).is_some() => {
                if point {
                    ok = false; // `2023.8.31`, `1.2.3`: a date or a version
                }
                point = true;
                group = 0;
                p += n;
            }
            // A thousands separator sits between groups of exactly three.
            ',' | '，' if !point && group <= 3 && thousands_group_follows(s, p + n) => {
                group = 0;
                p += n;
            }
            _ => break,
        }
    }
    (ok.then_some(m), p)
}

fn thousands_group_follows(s: &str, mut p: usize) -> bool {
    for _ in 0..3 {
        match digit_at(s, p) {
            Some((_, n)) => p += n,
            None => return false,
        }
    }
    digit_at(s, p).is_none()
}

/// True when the digits at `start..end` are part of a code, a time, a date
/// or a number written with ASCII punctuation: `G107`, `5G`, `10:30`,
/// `2023-08-31`, `4·15`, `0373-7201234`, `1/3`. A short range (`3-5 人`,
/// `2023-2025年`) is no code: its second number is read on.
fn is_code(s: &str, start: usize, end: usize) -> bool {
    if let Some((c, n)) = char_before(s, start) {
        if c.is_ascii_alphabetic() || matches!(c, '_' | '#' | '＃' | '·' | '.' | '/' | '@' | '\\')
        {
            return true;
        }
        let joined = matches!(c, '-' | '－' | ':' | '~');
        if joined && char_before(s, start - n).is_some_and(|(p, _)| p.is_ascii_alphanumeric()) {
            return c == ':' || !is_short_range(s, start - n, start, end);
        }
    }
    if let Some((c, n)) = char_at(s, end) {
        if matches!(c, ':' | '·' | '-' | '－' | '/' | '~' | '_' | '@')
            && digit_at(s, end + n).is_some()
        {
            return true;
        }
        if c.is_ascii_alphabetic() && match_unit(s, end).is_none() {
            return true;
        }
    }
    false
}

/// `3-5`, `2023-2025`: two numbers of at most four digits around a dash
/// (`dash` is its byte), the first standing on its own.
fn is_short_range(s: &str, dash: usize, start: usize, end: usize) -> bool {
    let mut p = dash;
    let mut digits = 0;
    while let Some((c, n)) = char_before(s, p) {
        if !c.is_ascii_digit() {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '－' | ':' | '.' | '/' | '~') {
                return false;
            }
            break;
        }
        digits += 1;
        p -= n;
    }
    (1..=4).contains(&digits) && end - start <= 4
}

/// `第` before a number (`第 39 期`, `第八个`, `第二批`), or before the first
/// of a list of numbers (`第1、2批`, `第三至五届`): an ordinal.
fn is_ordinal(s: &str, start: usize) -> bool {
    let mut p = skip_space_back(s, start);
    for _ in 0..6 {
        // Step back over one list separator and the number before it.
        match char_before(s, p) {
            Some(('第', _)) => return true,
            Some(('、' | ',' | '，' | '至' | '到' | '-' | '—' | '～' | '~', n)) => p -= n,
            _ => return false,
        }
        let before = p;
        while let Some((c, n)) = char_before(s, p) {
            if arabic_digit(c).is_none() && cn_digit(c).is_none() && cn_multiplier(c).is_none() {
                break;
            }
            p -= n;
        }
        if p == before {
            return false;
        }
        p = skip_space_back(s, p);
    }
    false
}

// ---------------------------------------------------------------- qualifiers

/// Approximation words before a number. `不超过` is a bound and `签约`,
/// `最近`, `赶超` are words, so the character before must not glue to them.
fn approx_before(s: &str, start: usize) -> Option<(&'static str, usize)> {
    let q = skip_space_back(s, start);
    let (word, before): (&'static str, &[&str]) = if ends_at(s, q, "超过") {
        ("超过", &["不"])
    } else if ends_at(s, q, "约") {
        (
            "约",
            &[
                "签", "节", "预", "制", "契", "邀", "相", "特", "公", "履", "婚", "违", "合", "条",
                "集", "简", "隐", "誓", "失", "赴",
            ],
        )
    } else if ends_at(s, q, "近") {
        (
            "近",
            &[
                "最", "附", "临", "靠", "就", "邻", "亲", "远", "贴", "逼", "走", "拉", "浅",
            ],
        )
    } else if ends_at(s, q, "超") {
        ("超", &["赶", "高", "追"])
    } else if ends_at(s, q, "逾") {
        ("逾", &["不", "逾"])
    } else {
        return None;
    };
    let w = q - word.len();
    if ends_any(s, w, before).is_some() {
        return None;
    }
    Some((word, w))
}

/// `余` or `多` between a number and its unit or multiplier.
fn approx_mid(s: &str, i: usize) -> Option<&'static str> {
    at_any(s, i, &["余", "多"])
}

/// `以上` or `左右` after a unit.
fn approx_after(s: &str, i: usize) -> Option<&'static str> {
    at_any(s, i, &["以上", "左右"])
}

/// A bracketed alternative unit right after the unit: `30 台（套）`,
/// `200 件(个)`, `5 台（套、件）`. Returns the byte after the bracket.
fn bracketed_alternative(s: &str, i: usize) -> Option<usize> {
    let q = skip_space(s, i);
    let (open, n) = char_at(s, q)?;
    let close = match open {
        '（' => '）',
        '(' => ')',
        _ => return None,
    };
    let mut r = q + n;
    loop {
        let unit = match_unit(s, r)?;
        r += unit.text.len();
        match char_at(s, r)? {
            (c, n) if c == close => return Some(r + n),
            ('、' | '/' | '，' | ',', n) => r += n,
            _ => return None,
        }
    }
}

// ---------------------------------------------------------------- the tail

/// What follows a number: qualifiers, a multiplier, a unit.
struct Tail {
    end: usize,
    exp: i32,
    unit: Option<&'static Unit>,
    /// The unit's spelling when it differs from the table (`个多月` → `个月`).
    unit_text: Option<&'static str>,
    approx: Option<&'static str>,
    /// Byte where the unit ends (before any bracket or qualifier after it).
    unit_end: usize,
    /// `2 天半`, `1个半月`: half a unit more.
    half: bool,
}

/// Reads what follows a number ending at `p`. `None` when nothing that makes
/// it a figure follows (a bare number). Chinese numerals (`cn`) take no
/// multiplier-only reading: `三万` alone is not a figure in a bulletin.
fn tail(s: &str, p: usize, cn: bool) -> Option<Tail> {
    let mut q = skip_space(s, p);
    let mut end;
    let mut approx = None;
    let mut exp = 0;
    if let Some(a) = approx_mid(s, q) {
        approx = Some(a);
        end = q + a.len();
        q = skip_space(s, end);
    }
    let mut unit = match_unit(s, q);
    if unit.is_none() {
        let (e, n) = match_multiplier(s, q)?;
        if cn && approx.is_none() {
            return None; // `三 万`: a Chinese numeral takes its places inside
        }
        exp = e;
        end = q + n;
        q = skip_space(s, end);
        if approx.is_none() {
            if let Some(a) = approx_mid(s, q) {
                approx = Some(a);
                end = q + a.len();
                q = skip_space(s, end);
            }
        }
        unit = match_unit(s, q);
        if unit.is_none() {
            // Only 万 and 亿 make a figure on their own (`21.4 亿`).
            if cn || exp < 4 {
                return None;
            }
            let r = skip_space(s, end);
            if let Some(a) = approx_after(s, r) {
                approx = approx.or(Some(a));
                end = r + a.len();
            }
            return Some(Tail {
                end,
                exp,
                unit: None,
                unit_text: None,
                approx,
                unit_end: end,
                half: false,
            });
        }
    }
    let unit = unit?;
    let mut unit_text = None;
    let mut half = false;
    end = q + unit.text.len();
    let unit_end = end;
    // `1个多月`, `3 个余月`, `两个半月`: the qualifier sits inside the unit.
    if unit.text == "个" {
        let inner = approx_mid(s, end).or_else(|| at(s, end, "半").then_some("半"));
        if let Some(a) = inner {
            if at(s, end + a.len(), "月") {
                match a {
                    "半" => half = true,
                    _ => approx = approx.or(Some(a)),
                }
                unit_text = Some("个月");
                end += a.len() + "月".len();
            }
        }
    } else if unit.kind == FigureKind::Duration {
        // `2 天半`, `1 年多`, `10 年余`.
        if at(s, end, "半") {
            half = true;
            end += "半".len();
        } else if let Some(a) = approx_mid(s, end) {
            if ends_duration(s, end + a.len()) {
                approx = approx.or(Some(a));
                end += a.len();
            }
        }
    }
    if let Some(r) = bracketed_alternative(s, end) {
        end = r;
    }
    let r = skip_space(s, end);
    if let Some(a) = approx_after(s, r) {
        approx = approx.or(Some(a));
        end = r + a.len();
    }
    Some(Tail {
        end,
        exp,
        unit: Some(unit),
        unit_text,
        approx,
        unit_end,
        half,
    })
}

/// After `1 年多`: the 多 closes the figure (not `3天多次检查`, where it
/// starts the next word).
fn ends_duration(s: &str, p: usize) -> bool {
    match char_at(s, p) {
        None => true,
        Some((c, _)) => {
            !super::chars::is_han(c)
                || matches!(
                    c,
                    '来' | '时' | '的' | '后' | '前' | '以' | '里' | '内' | '间' | '就' | '才' | '已'
                        | '都' | '中'
                )
        }
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

/// `前 10 名`, `最后一名`, `后三位`: a rank, not a head count.
fn is_rank(s: &str, start: usize, unit: &Unit) -> bool {
    matches!(unit.text, "名" | "位") && ends_any(s, skip_space_back(s, start), &["前", "后"]).is_some()
}

#[allow(clippy::too_many_arguments)]
fn push(
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
        Some(_) if t.unit_text == Some("个月") => FigureKind::Duration,
        Some(u) => u.kind,
        None if money_context(s, start) => FigureKind::Money,
        None => FigureKind::Count,
    };
    let unit = t.unit_text.or(t.unit.map(|u| u.text)).map(|u| match u {
        "％" => "%",
        u => u,
    });
    let place = out.clauses.on_figure(s, start);
    (out.sink)(Found {
        place,
        start,
        end: t.end,
        start_char: ci - count_chars(&b[start..i]),
        end_char: ci + count_chars(&b[i..t.end]),
        value: if t.half { value + 0.5 } else { value },
        unit,
        approx: approx_pre.or(t.approx),
        kind,
    });
}

/// An Arabic number at `i` (ASCII or full-width). Returns where to go on.
fn number(s: &str, i: usize, ci: usize, out: &mut Out<impl FnMut(Found)>) -> usize {
    let (m, run_end) = read_arabic(s, i);
    let Some(m) = m else { return run_end };
    if is_code(s, i, run_end) || is_ordinal(s, i) {
        return run_end;
    }
    let Some(t) = tail(s, run_end, false) else {
        return run_end;
    };
    if let Some(u) = t.unit {
        if is_rank(s, i, u) {
            return run_end;
        }
        // `2023年`, `23年8月`: a date.
        if u.text == "年" {
            let whole = m.decimals == 0 && t.exp == 0;
            let year = whole && t.approx.is_none() && (1000..3000).contains(&m.digits);
            let next = skip_space(s, t.unit_end);
            let dated = char_at(s, next)
                .is_some_and(|(c, _)| arabic_digit(c).is_some() || cn_digit(c).is_some());
            if year || dated {
                return t.end.max(run_end);
            }
        }
    }
    let (approx_pre, start) = match approx_before(s, i) {
        Some((a, w)) => (Some(a), w),
        None => (None, i),
    };
    push(out, s, ci, i, start, &t, scaled(m, t.exp), approx_pre);
    t.end
}

// ---------------------------------------------------------------- Chinese numerals

/// Characters before a Chinese numeral that make it part of a word or a
/// vague amount: `数十家`, `几十个`, `若干`, `初三`, `之一`, `逐一`, `统一`,
/// `唯一`, `同一`, `某一`, `星期三`, `礼拜`.
const CN_BLOCKED_BEFORE: [&str; 15] = [
    "数", "几", "若干", "初", "之", "逐", "统", "唯", "同", "某", "划", "期", "拜", "万", "单",
];

/// Activity verbs after which `一次` is a count (`每季度开展一次`).
const EVENT_VERBS: [&str; 20] = [
    "开展", "召开", "举办", "举行", "进行", "组织", "集中", "开", "办", "检查", "督查", "巡查",
    "调度", "观摩", "评比", "考核", "通报", "培训", "演练", "会商",
];

fn chinese(s: &str, i: usize, ci: usize, out: &mut Out<impl FnMut(Found)>) -> usize {
    // The whole run of numeral characters is read and skipped at once, so
    // `一百二十三` is never re-read from `百`.
    let mut p = i;
    let mut digits = 0;
    let mut places = false;
    while let Some((c, n)) = char_at(s, p) {
        if cn_digit(c).is_some() {
            digits += 1;
        } else if cn_multiplier(c).is_some() {
            places = true;
        } else {
            break;
        }
        p += n;
        if p - i > 48 {
            return p; // no count is that long
        }
    }
    let run_end = p;
    let run = &s[i..run_end];
    let Some((first, _)) = char_at(s, i) else {
        return run_end;
    };
    // `二〇二三`, `三四个`, `五一`: digit by digit is a date, a range or a name.
    if !places && digits > 1 {
        return run_end;
    }
    if let Some((c, _)) = char_before(s, i) {
        if arabic_digit(c).is_some() || c == '.' {
            return run_end;
        }
    }
    if ends_any(s, i, &CN_BLOCKED_BEFORE).is_some() || is_ordinal(s, i) {
        return run_end;
    }
    let Some(value) = parse_cn_number(run) else {
        return run_end;
    };
    let Some(t) = tail(s, run_end, true) else {
        return run_end;
    };
    let Some(unit) = t.unit else { return run_end };
    // `百日行动`, `千家万户`, `万人助万企`: a bare place is an idiom; only
    // `百余人`, `千余名`, `近百人`, `逾千人` count.
    let approx_pre = approx_before(s, i);
    let bare_place = !matches!(cn_digit(first), Some(1..=9)) && first != '十';
    if bare_place && t.approx.is_none() && approx_pre.is_none() {
        return run_end;
    }
    if unit.cn == AfterCn::No || is_rank(s, i, unit) {
        return run_end;
    }
    // `五位一体`, `三个一批`, `两个一百年`, `四个不摘`: slogans.
    if let Some((c, _)) = char_at(s, t.unit_end) {
        if cn_digit(c).is_some() || c == '十' || c == '不' {
            return run_end;
        }
    }
    let bare = t.approx.is_none() && t.exp == 0;
    // `二次`, `二级`: a lone 二 is an ordinal or a compound; counts use 两.
    if bare && run == "二" {
        return run_end;
    }
    if bare && run == "一" && !lone_one_counts(s, i, &t, unit) {
        return run_end;
    }
    let (approx_pre, start) = match approx_pre {
        Some((a, w)) => (Some(a), w),
        None => (None, i),
    };
    let m = Mantissa {
        digits: value as u64,
        decimals: 0,
    };
    push(out, s, ci, i, start, &t, scaled(m, t.exp), approx_pre);
    t.end
}

/// Whether `一` + unit is a count here rather than an article or a word.
fn lone_one_counts(s: &str, i: usize, t: &Tail, unit: &Unit) -> bool {
    // `新一轮`, `每一次`, `另一个`, `这一项`: a determiner, not a count.
    if char_before(s, i).is_some_and(|(c, _)| {
        matches!(
            c,
            '新' | '另' | '又' | '再' | '这' | '那' | '哪' | '每' | '任' | '其' | '上' | '下'
        )
    }) {
        return false;
    }
    let clause_end = match char_at(s, skip_space(s, t.end)) {
        None => true,
        Some((c, _)) => {
            is_clause_break(c)
                || matches!(c, '、' | '）' | ')' | '】' | '」' | '”' | '’' | '.')
        }
    };
    match unit.cn {
        AfterCn::One => clause_end,
        AfterCn::Event => {
            clause_end
                || ends_any(s, skip_space_back(s, i), &EVENT_VERBS).is_some()
                || every_before(s, i)
        }
        AfterCn::Many | AfterCn::No => false,
    }
}

/// `每` within the few characters before, in the same clause: a frequency.
fn every_before(s: &str, mut p: usize) -> bool {
    for _ in 0..8 {
        let Some((c, n)) = char_before(s, p) else { return false };
        if c == '每' {
            return true;
        }
        if is_clause_break(c) {
            return false;
        }
        p -= n;
    }
    false
}

/// `百分之八十`, `百分之 95`, `百分之百`: a percent in words.
fn percent_words(s: &str, i: usize, ci: usize, out: &mut Out<impl FnMut(Found)>) -> usize {
    let p = i + "百分之".len();
    let (value, mut end) = if digit_at(s, p).is_some() {
        match read_arabic(s, p) {
            (Some(m), e) => (scaled(m, 0), e),
            (None, e) => return e,
        }
    } else {
        let mut e = p;
        while let Some((c, n)) = char_at(s, e) {
            if cn_digit(c).is_none() && cn_multiplier(c).is_none() {
                break;
            }
            e += n;
        }
        match s.get(p..e).and_then(parse_cn_number) {
            Some(v) if e > p => (v, e),
            _ => return e.max(p),
        }
    };
    if is_ordinal(s, i) {
        return end;
    }
    let mut approx = None;
    let r = skip_space(s, end);
    if let Some(a) = approx_after(s, r) {
        approx = Some(a);
        end = r + a.len();
    }
    let (approx_pre, start) = match approx_before(s, i) {
        Some((a, w)) => (Some(a), w),
        None => (None, i),
    };
    let b = s.as_bytes();
    let place = out.clauses.on_figure(s, start);
    (out.sink)(Found {
        place,
        start,
        end,
        start_char: ci - count_chars(&b[start..i]),
        end_char: ci + count_chars(&b[i..end]),
        value,
        unit: Some("%"),
        approx: approx_pre.or(approx),
        kind: FigureKind::Percent,
    });
    end
}
