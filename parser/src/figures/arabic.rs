//! Numbers in Arabic digits (ASCII or full-width, thousands separators,
//! decimals) and what keeps one from being a quantity: a code, a time, a
//! date written with ASCII punctuation.

use super::chars::{at, byte_set, char_at, char_before, skip_space, skip_space_back};
use super::found::Found;
use super::out::{push, push_range, sign_before, Out};
use super::tail::{approx_before_from, is_ordinal_from, is_rank, tail, Tail};
use super::units::{match_multiplier, match_unit, Role};
use crate::bytes::{byte_set_of, first_byte, last_byte, utf8_bytes};
use crate::numerals::arabic_digit;
use crate::numerals::cn_digit;

/// A number as written: an integer mantissa and its count of decimals, so
/// that `248.77亿` becomes exactly 24877000000 (no binary rounding on the way).
#[derive(Debug, Clone, Copy)]
pub struct Mantissa {
    pub digits: u64,
    pub decimals: i32,
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

pub fn scaled(m: Mantissa, exp: i32) -> f64 {
    let e = exp - m.decimals;
    let v = m.digits as f64;
    if e >= 0 {
        v * POW10[e.min(22) as usize]
    } else {
        v / POW10[(-e).min(22) as usize]
    }
}

/// The UTF-8 bytes of the full-width digits `０`..`９`: they share their
/// first two bytes and their last bytes run in order.
const WIDE_ZERO: [u8; 4] = utf8_bytes('０').0;
const WIDE_LEAD: u8 = WIDE_ZERO[0];
const WIDE_MID: u8 = WIDE_ZERO[1];
const WIDE_0: u8 = WIDE_ZERO[2];
const WIDE_9: u8 = last_byte('９');
const _: () = assert!(utf8_bytes('９').0[1] == WIDE_MID && WIDE_9 - WIDE_0 == 9);

/// The digit at `i`, ASCII or full-width: its value and length in bytes.
#[inline]
pub fn digit_at(s: &str, i: usize) -> Option<(u64, usize)> {
    let b = s.as_bytes();
    match *b.get(i)? {
        x @ b'0'..=b'9' => Some((u64::from(x - b'0'), 1)),
        WIDE_LEAD if b.get(i + 1) == Some(&WIDE_MID) => match b.get(i + 2) {
            Some(&x @ WIDE_0..=WIDE_9) => Some((u64::from(x - WIDE_0), 3)),
            _ => None,
        },
        _ => None,
    }
}

/// The first byte of `．` and of `，`.
const WIDE_POINT_LEAD: u8 = first_byte('．');
const _: () = assert!(first_byte('，') == WIDE_POINT_LEAD);

/// An Arabic number starting at `i`: its mantissa and end, or just its end
/// when it cannot be a quantity (two decimal points, too many digits).
pub fn read_arabic(s: &str, i: usize) -> (Option<Mantissa>, usize) {
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
        // Only `.` `,` and the full-width `．` `，` go on: what ends most
        // numbers (a space, a unit) is told by its first byte.
        if !matches!(
            s.as_bytes().get(p).copied(),
            Some(b'.' | b',' | WIDE_POINT_LEAD)
        ) {
            break;
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

/// Bytes from `bytes` and the ASCII letters, as a lookup table.
const fn byte_table(mut t: [bool; 256]) -> [bool; 256] {
    let mut x = 0;
    while x < 256 {
        t[x] |= (x as u8).is_ascii_alphabetic();
        x += 1;
    }
    t
}

/// Last bytes of what [`is_code`] tests before a number: letters,
/// `_ # . / @ \\ - : ~`, `＃` (EF BC 83), `－` (EF BC 8D), `·` (C2 B7).
/// A space or a Han character before it is ruled out on this byte.
static CODE_BEFORE_LAST: [bool; 256] =
    byte_table(byte_set_of(b"_#./@\\-:~", &[], &['＃', '－', '·']));

/// First bytes of what [`is_code`] tests after a number: letters,
/// `: - / ~ _ @`, `·` (C2 B7), `－` (EF BC 8D).
static CODE_AFTER_FIRST: [bool; 256] = byte_table(byte_set_of(b":-/~_@", &['·', '－'], &[]));

/// True when the digits at `start..end` are part of a code, a time, a date
/// or a number written with ASCII punctuation: `G107`, `5G`, `10:30`,
/// `2023-08-31`, `4·15`, `0373-7201234`, `1/3`. A short range (`3-5 人`,
/// `2023-2025年`) is no code: its second number is read on.
fn is_code(s: &str, start: usize, end: usize) -> bool {
    let b = s.as_bytes();
    // A number between two characters tested for nowhere below (CJK,
    // spaces, mostly) is ruled out on one byte each side.
    let maybe_before = start > 0 && CODE_BEFORE_LAST[usize::from(b[start - 1])];
    let maybe_after = b
        .get(end)
        .is_some_and(|&x| CODE_AFTER_FIRST[usize::from(x)]);
    if !maybe_before && !maybe_after {
        return false;
    }
    if let Some((c, n)) = char_before(s, start).filter(|_| maybe_before) {
        if c.is_ascii_alphabetic() || matches!(c, '_' | '#' | '＃' | '·' | '.' | '/' | '@' | '\\')
        {
            return true;
        }
        let joined = matches!(c, '-' | '－' | ':' | '~');
        if joined && char_before(s, start - n).is_some_and(|(p, _)| p.is_ascii_alphanumeric()) {
            return c == ':' || !is_short_range(s, start - n, start, end);
        }
    }
    if let Some((c, n)) = char_at(s, end).filter(|_| maybe_after) {
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

/// The first bytes of the place characters (`match_multiplier`'s).
const PLACE_FIRST: [bool; 256] = byte_set_of(b"", &['十', '百', '千', '万', '亿'], &[]);

/// An Arabic number at `i` (ASCII or full-width). Returns where to go on.
pub fn number(s: &str, i: usize, out: &mut Out<impl FnMut(&Found)>) -> usize {
    let (m, run_end) = read_arabic(s, i);
    let Some(m) = m else { return run_end };
    // Where the spaces before the number end: read for `第` and for `约`.
    let bare_start = skip_space_back(s, i);
    if is_ordinal_from(s, bare_start) {
        return run_end;
    }
    // `3万4000人`, `5万4千6百元`: Arabic digits in Chinese places (told
    // first by a place character's first byte).
    // A digit follows one or two place characters, or it is none.
    let digit_in = |k: usize| digit_at(s, run_end + k).is_some();
    let mixed = match s.as_bytes().get(run_end) {
        Some(&x)
            if PLACE_FIRST[usize::from(x)]
                && (digit_in(3) || digit_in(6))
                && !joined_before(s, i) =>
        {
            mixed_number(s, run_end, m)
        }
        _ => None,
    };
    let (value, run_end) = match mixed {
        Some(Ok((v, e))) => (Some(v), e),
        Some(Err(e)) => return e, // `3万400`: which place the 400 fills is a guess
        None => (None, run_end),
    };
    // `200-300元`, `3至5万元`: a bare lower end, the range's words after it.
    let bare_range = |out: &mut Out<_>| {
        let upper = joiner_after(s, run_end).filter(|_| !joined_before(s, i))?;
        arabic_range(s, i, m, bare_start, None, upper, out)
    };
    if value.is_none() && is_code(s, i, run_end) {
        return bare_range(out).unwrap_or(run_end);
    }
    let Some(t) = tail(s, run_end, value.is_some()) else {
        return match value {
            None => bare_range(out).unwrap_or(run_end),
            Some(_) => run_end,
        };
    };
    // `3万-5万元`, `3%-5%`, `8500元到3万元`: the lower end with its own words.
    if value.is_none() && t.end == t.unit_end && t.approx.is_none() {
        if let Some(upper) = joiner_after(s, t.end).filter(|_| !joined_before(s, i)) {
            if let Some(end) = arabic_range(s, i, m, bare_start, Some(&t), upper, out) {
                return end;
            }
        }
    }
    if let Some(u) = t.unit {
        if is_rank(s, i, u) {
            return run_end;
        }
        // `2023年`, `23年8月`: a date.
        if u.role == Role::Year {
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
    let (approx_pre, start) = match approx_before_from(s, bare_start) {
        Some((a, w)) => (Some(a), w),
        None => (None, i),
    };
    let v = value.map_or_else(|| scaled(m, t.exp), |v| v * 10f64.powi(t.exp));
    push(out, s, start, &t, v, approx_pre, None);
    t.end
}

/// Whether the number at `i` hangs on to what is before it (`A3`, `1.2`,
/// `/3`, `10:30`): then it starts no range and no mixed number.
fn joined_before(s: &str, i: usize) -> bool {
    i > 0 && JOINED_LAST[usize::from(s.as_bytes()[i - 1])]
}

/// ASCII letters and digits and `. / : # _ @`, as a lookup table.
static JOINED_LAST: [bool; 256] = {
    let mut t = byte_set(b"./:#_@");
    let mut x = 0;
    while x < 128 {
        t[x] |= (x as u8).is_ascii_alphanumeric();
        x += 1;
    }
    t
};

/// Characters that join the two ends of a range: `3至5`, `3到5`, `3-5`,
/// `3—5`, `3~5` (what [`joiner_after`] reads, on their bytes).
#[cfg(test)]
const RANGE_JOINERS: [&str; 8] = ["至", "到", "-", "－", "—", "–", "~", "～"];

/// Where the upper end of a range starts when a joiner follows `p` (after
/// spaces). Ruled out on one byte for nearly every number.
#[inline]
pub fn joiner_after(s: &str, p: usize) -> Option<usize> {
    let q = skip_space(s, p);
    let n = match char_at(s, q)? {
        ('-' | '~', _) => 1,
        ('—', n) if at(s, q + n, "—") => 2 * n,
        ('至' | '到' | '－' | '～' | '—' | '–', n) => n,
        _ => return None,
    };
    Some(skip_space(s, q + n))
}

/// `3至5万元`, `200-300元`, `3万-5万元`, `3%-5%`, `3~5天`: one figure from
/// the lower end at `i` to the upper end's unit; the upper end's
/// multiplier applies to a bare lower end. `None` (nothing emitted) when
/// the two do not make a range of one quantity: `1—8月`, `2023—2024年`,
/// a phone number, a descending pair.
fn arabic_range(
    s: &str,
    i: usize,
    m: Mantissa,
    bare_start: usize,
    lower: Option<&Tail>,
    upper: usize,
    out: &mut Out<impl FnMut(&Found)>,
) -> Option<usize> {
    digit_at(s, upper)?;
    let (m2, e2) = read_arabic(s, upper);
    let m2 = m2?;
    // The upper end must end as a number does (not `3-5-7`, `1-3:30`).
    if let Some((c, n)) = char_at(s, e2) {
        let code = matches!(c, ':' | '·' | '-' | '－' | '/' | '~' | '_' | '@' | '.')
            && digit_at(s, e2 + n).is_some();
        if code || c.is_ascii_alphabetic() && match_unit(s, e2).is_none() {
            return None;
        }
    }
    let t = tail(s, e2, false)?;
    // The lower end's own words: a multiplier, then a unit like the upper's.
    let own = lower.map(|l| l.exp).filter(|&e| e != 0);
    let own_unit = lower.and_then(|l| l.unit);
    if own_unit.is_some_and(|u| !t.unit.is_some_and(|v| std::ptr::eq(u, v))) {
        return None; // `3人-5万元`: two different quantities
    }
    if let Some(u) = t.unit {
        // `2023—2024年`: years, not a duration (either end a year's number).
        let year = |m: Mantissa| (1000..3000).contains(&m.digits);
        if is_rank(s, i, u) || u.role == Role::Year && (year(m) || year(m2)) {
            return None;
        }
    } else if own.is_some_and(|e| e != t.exp) {
        return None;
    }
    let hi = scaled(m2, t.exp);
    // `-5~3℃`: a written minus on the lower end (`push` applies it).
    let sign = match sign_before(s, i) {
        Some((_, sign)) if sign.takes(t.unit.map(|u| u.shown)) => -1.0,
        _ => 1.0,
    };
    let lo = sign
        * lower_value(
            own.map(|e| sign * scaled(m, e)),
            sign * scaled(m, t.exp),
            sign * scaled(m, 0),
            hi,
            own_unit.is_some(),
        )?;
    Some(push_range(out, s, bare_start, i, &t, lo, hi))
}

/// A range's lower end: its own magnitude when written (`3万-5万`), else
/// the upper end's (`3至5万` is 3万), else bare when that is within a tenth
/// of the upper end (`5000-1万` is 5000; `3.5-2万` is a guess), and only
/// when it is below the upper end.
fn lower_value(
    own: Option<f64>,
    scaled_up: f64,
    bare: f64,
    hi: f64,
    unit_own: bool,
) -> Option<f64> {
    let lo = match own {
        Some(v) => v,
        None if unit_own => bare,
        None if scaled_up < hi => scaled_up,
        None if bare.abs() * 10.0 >= hi.abs() => bare,
        None => return None,
    };
    (lo < hi).then_some(lo)
}

/// A number in Arabic digits and Chinese places after the digits that end
/// at `p` (`3万4000`, `5万4千6百`, `1亿2000万`): `Ok` its value and end,
/// `Err` its end when the places are no way to read it right (`3万400`);
/// `None` when no digit follows a place. Each part must fit below the place
/// before it, so the value is the plain sum of the parts.
fn mixed_number(s: &str, p: usize, m: Mantissa) -> Option<Result<(f64, usize), usize>> {
    let (e, n) = match_multiplier(s, p)?;
    digit_at(s, p + n)?;
    if m.decimals > 0 {
        return Some(Err(p + n));
    }
    let (mut total, mut last, mut end) = (scaled(m, e), e, p + n);
    loop {
        let (m2, e2) = read_arabic(s, end);
        let Some(m2) = m2.filter(|m| m.decimals == 0) else {
            return Some(Err(e2));
        };
        let width = digit_count(m2.digits);
        match match_multiplier(s, e2) {
            // `3万4千米`: 34000 米 or 3万4 千米, a guess either way.
            Some(_) if match_unit(s, e2).is_some() => return Some(Err(e2)),
            Some((x, k)) if x < last && width + x <= last => {
                total += scaled(m2, x);
                last = x;
                end = e2 + k;
                if digit_at(s, end).is_none() {
                    return Some(Ok((total, end)));
                }
            }
            // Trailing digits with no place fill every place below the
            // last one (`3万4000`, `5千300`), or which place is a guess.
            None if width == last => return Some(Ok((total + scaled(m2, 0), e2))),
            // `2万5`, `5千3`: one digit is the next place down, as spoken.
            None if width == 1 && last >= 2 => {
                return Some(Ok((total + scaled(m2, last - 1), e2)));
            }
            _ => return Some(Err(e2)),
        }
    }
}

/// Decimal digits of `n` (`0` has one).
fn digit_count(mut n: u64) -> i32 {
    let mut k = 1;
    while n >= 10 {
        n /= 10;
        k += 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joiners_are_read_on_their_bytes() {
        for j in RANGE_JOINERS {
            let s = format!("3{j}5");
            assert_eq!(joiner_after(&s, 1), Some(1 + j.len()), "{j}");
            let s = format!("3 {j} 5");
            assert_eq!(joiner_after(&s, 1), Some(3 + j.len()), "{j}");
        }
        assert_eq!(joiner_after("3——5", 1), Some(7));
        for s in ["3，5", "3。", "3、5", "3", "3人"] {
            assert_eq!(joiner_after(s, 1), None, "{s}");
        }
    }

    /// Every character `is_code` tests on either side of a number passes
    /// the one-byte tables in front of it.
    #[test]
    fn code_tables_let_every_tested_character_through() {
        let before = "_#＃·./@\\-－:~";
        let after = ":·-－/~_@";
        let letters = ('a'..='z').chain('A'..='Z');
        for c in before.chars().chain(letters.clone()) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert!(CODE_BEFORE_LAST[usize::from(b[b.len() - 1])], "{c:?}");
        }
        for c in after.chars().chain(letters) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            assert!(CODE_AFTER_FIRST[usize::from(b[0])], "{c:?}");
        }
    }
}
