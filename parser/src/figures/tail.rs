//! What stands around a number: the ordinal mark before it, approximation
//! words on either side, and the multiplier, unit and bracketed alternative
//! after it.

use crate::model::FigureKind;
use crate::numerals::{cn_digit, cn_multiplier};

use super::chars::{
    at, at_any, char_at, char_before, ends_any, ends_at, is_han, skip_space, skip_space_back,
    space_starts_at,
};
use super::units::{match_multiplier, match_unit, Role, Unit};
use crate::bytes::{byte_set_of, utf8_3};
use crate::numerals::arabic_digit;

/// `第` before a number (`第 39 期`, `第八个`, `第二批`), or before the first
/// of a list of numbers (`第1、2批`, `第三至五届`): an ordinal.
/// `p` is where the spaces before the number end (`skip_space_back`; a
/// caller testing what stands before a number skips them once).
#[inline]
pub fn is_ordinal_from(s: &str, p: usize) -> bool {
    // `第` and the separators below end in one of these bytes (第 E7 AC AC,
    // 、 E3 80 81, ， EF BC 8C, 至 E8 87 B3, 到 E5 88 B0, — E2 80 94,
    // ～ EF BD 9E): most numbers are ruled out without decoding.
    p > 0 && ORDINAL_LAST[usize::from(s.as_bytes()[p - 1])] && ordinal_mark_before(s, p)
}

/// The last bytes of `第` and of the list separators, as a lookup table.
static ORDINAL_LAST: [bool; 256] =
    byte_set_of(b",-~", &[], &['第', '、', '，', '至', '到', '—', '～']);

/// [`is_ordinal_from`] past its one-byte test.
#[inline(never)]
fn ordinal_mark_before(s: &str, mut p: usize) -> bool {
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

/// The last bytes of the characters approximation words end in.
const APPROX_LAST: [bool; 256] = byte_set_of(b"", &[], &['过', '约', '近', '超', '逾']);

/// Approximation words before a number. `不超过` is a bound and `签约`,
/// `最近`, `赶超` are words, so the character before must not glue to them.
/// `q` is where the spaces before the number end (as for [`is_ordinal_from`]).
pub fn approx_before_from(s: &str, q: usize) -> Option<(&'static str, usize)> {
    // The words end in 过, 约, 近, 超 or 逾: their last byte rules most
    // numbers out.
    if q == 0 || !APPROX_LAST[usize::from(s.as_bytes()[q - 1])] {
        return None;
    }
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

/// The first bytes of `余`, `多` and `几`.
const MID_FIRST: [bool; 256] = byte_set_of(b"", &['余', '多', '几'], &[]);

/// `余`, `多` or `几` between a number and its unit or multiplier.
#[inline]
fn approx_mid(s: &str, i: usize) -> Option<&'static str> {
    match s.as_bytes().get(i) {
        Some(&x) if MID_FIRST[usize::from(x)] => at_any(s, i, &["余", "多", "几"]),
        _ => None,
    }
}

/// `以上` or `左右` after a unit.
pub fn approx_after(s: &str, i: usize) -> Option<&'static str> {
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
pub struct Tail {
    pub end: usize,
    pub exp: i32,
    pub unit: Option<&'static Unit>,
    /// The unit's spelling when it differs from the table (`个多月` → `个月`).
    pub unit_text: Option<&'static str>,
    pub approx: Option<&'static str>,
    /// Byte where the unit ends (before any bracket or qualifier after it).
    pub unit_end: usize,
    /// `2 天半`, `1个半月`: half a unit more.
    pub half: bool,
}

/// Reads what follows a number ending at `p`. `None` when nothing that makes
/// it a figure follows (a bare number). Chinese numerals (`cn`) take no
/// multiplier-only reading: `三万` alone is not a figure in a bulletin.
pub fn tail(s: &str, p: usize, cn: bool) -> Option<Tail> {
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
    // `1个多月`, `3 个余小时`, `两个半月`: the qualifier sits inside the unit.
    if unit.role == Role::Ge {
        let inner = approx_mid(s, end).or_else(|| at(s, end, "半").then_some("半"));
        if let Some(a) = inner {
            let rest = at_any(s, end + a.len(), &["月", "小时", "星期", "季度", "工作日"]);
            if let Some(r) = rest {
                match a {
                    "半" => half = true,
                    _ => approx = approx.or(Some(a)),
                }
                unit_text = Some(match r {
                    "月" => "个月",
                    "小时" => "个小时",
                    "星期" => "个星期",
                    "季度" => "个季度",
                    _ => "个工作日",
                });
                end += a.len() + r.len();
            }
        }
    } else if unit.kind == FigureKind::Measure && at(s, end, "半") && ends_duration(s, end + 3) {
        // `一吨半`, `2亩半`: half a unit more (not `3米半径`).
        half = true;
        end += "半".len();
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
    if may_follow_unit(s.as_bytes(), end) {
        if let Some(r) = bracketed_alternative(s, end) {
            end = r;
        }
        let r = skip_space(s, end);
        if let Some(a) = approx_after(s, r) {
            approx = approx.or(Some(a));
            end = r + a.len();
        }
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

/// The first bytes of `（`, `以` and `左` (none starts a space).
const FOLLOW_FIRST: [bool; 256] = byte_set_of(b"", &['（', '以', '左'], &[]);

/// Whether what may follow a unit ending at `end` (a space, a bracketed
/// alternative, `以上`, `左右`) starts there: after most units it is
/// ruled out on a byte or three, without decoding.
#[inline(always)]
fn may_follow_unit(b: &[u8], end: usize) -> bool {
    match b.get(end) {
        Some(b'(') => true,
        Some(&x) if FOLLOW_FIRST[usize::from(x)] => b.get(end..end + 3).is_some_and(|t| {
            t == utf8_3('（').as_slice()
                || t == utf8_3('以').as_slice()
                || t == utf8_3('左').as_slice()
        }),
        _ => space_starts_at(b, end),
    }
}

/// After `1 年多`: the 多 closes the figure (not `3天多次检查`, where it
/// starts the next word).
fn ends_duration(s: &str, p: usize) -> bool {
    match char_at(s, p) {
        None => true,
        Some((c, _)) => {
            !is_han(c)
                || matches!(
                    c,
                    '来' | '时'
                        | '的'
                        | '后'
                        | '前'
                        | '以'
                        | '里'
                        | '内'
                        | '间'
                        | '就'
                        | '才'
                        | '已'
                        | '都'
                        | '中'
                )
        }
    }
}

/// `前 10 名`, `最后一名`, `后三位`: a rank, not a head count.
#[inline]
pub fn is_rank(s: &str, start: usize, unit: &Unit) -> bool {
    unit.role == Role::Rank && ends_any(s, skip_space_back(s, start), &["前", "后"]).is_some()
}
