//! Numbers in Arabic digits (ASCII or full-width, thousands separators,
//! decimals) and what keeps one from being a quantity: a code, a time, a
//! date written with ASCII punctuation.

use super::chars::{byte_set, char_at, char_before, skip_space, skip_space_back};
use super::scan::{push, Found, Out};
use super::tail::{approx_before_from, is_ordinal_from, is_rank, tail};
use super::units::{match_unit, Role};
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

#[inline]
pub fn arabic_digit(c: char) -> Option<u64> {
    match c {
        '0'..='9' => Some(c as u64 - '0' as u64),
        '０'..='９' => Some(c as u64 - '０' as u64),
        _ => None,
    }
}

#[inline]
pub fn digit_at(s: &str, i: usize) -> Option<(u64, usize)> {
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
        // Only `.` `,` and the full-width `．` `，` (EF BC 8E / 8C) go on:
        // what ends most numbers (a space, a unit) is told by its first byte.
        if !matches!(s.as_bytes().get(p), Some(b'.' | b',' | 0xEF)) {
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
const fn byte_table(bytes: &[u8]) -> [bool; 256] {
    let mut t = byte_set(bytes);
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
static CODE_BEFORE_LAST: [bool; 256] = byte_table(b"_#./@\\-:~\x83\x8D\xB7");

/// First bytes of what [`is_code`] tests after a number: letters,
/// `: - / ~ _ @`, `·` (C2 B7), `－` (EF BC 8D).
static CODE_AFTER_FIRST: [bool; 256] = byte_table(b":-/~_@\xC2\xEF");

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

/// An Arabic number at `i` (ASCII or full-width). Returns where to go on.
pub fn number(s: &str, i: usize, out: &mut Out<impl FnMut(&Found)>) -> usize {
    let (m, run_end) = read_arabic(s, i);
    let Some(m) = m else { return run_end };
    // Where the spaces before the number end: read for `第` and for `约`.
    let bare_start = skip_space_back(s, i);
    if is_code(s, i, run_end) || is_ordinal_from(s, bare_start) {
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
    push(out, s, start, &t, scaled(m, t.exp), approx_pre);
    t.end
}

#[cfg(test)]
mod tests {
    use super::*;

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
