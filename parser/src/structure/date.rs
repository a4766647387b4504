//! Dates as bulletins print them (`2023 年 9 月 1 日`, `二○二三年四月十四日`,
//! `2023.9.1`): read by the masthead, the footer and the split into issues.

use crate::numerals::{ascii_digit, cn_digit, is_cn_numeral_char, parse_integer};

/// A date anywhere in the line, as (start, end, ISO `YYYY-MM-DD`):
/// `2023 年 9 月 1 日`, `二○二三年四月十四日`, `2023.9.1`, `2023-09-01`,
/// `2023/9/1`.
pub fn find_date(t: &str) -> Option<(usize, usize, String)> {
    find_cn_date(t).or_else(|| find_numeric_date(t))
}

fn find_cn_date(t: &str) -> Option<(usize, usize, String)> {
    for (at, _) in t.match_indices('年') {
        // The year: four digits before 年, Arabic or Chinese.
        let before = t[..at].trim_end_matches(' ');
        let mut start = before.len();
        let mut digits = 0u32;
        let mut year = 0u32;
        let mut place = 1u32;
        for (i, c) in before.char_indices().rev() {
            let d = ascii_digit(c).or_else(|| cn_digit(c).filter(|_| c != '两'));
            match d {
                Some(d) if digits < 4 => {
                    year += d * place;
                    place *= 10;
                    digits += 1;
                    start = i;
                }
                _ => break,
            }
        }
        if digits != 4 {
            continue;
        }
        let mut rest = &t[at + '年'.len_utf8()..];
        let Some((month, r)) = numeral_then(rest, &['月']) else {
            continue;
        };
        rest = r;
        let Some((day, r)) = numeral_then(rest, &['日', '号']) else {
            continue;
        };
        let end = t.len() - r.len();
        if let Some(iso) = iso(year, month, day) {
            return Some((start, end, iso));
        }
    }
    None
}

/// A small number (Arabic or Chinese) then one of `units`, spaces allowed
/// around the number. Returns the number and the text after the unit.
fn numeral_then<'a>(s: &'a str, units: &[char]) -> Option<(u32, &'a str)> {
    let s = s.trim_start_matches(' ');
    let n = s
        .find(|c: char| !(ascii_digit(c).is_some() || is_cn_numeral_char(c)))
        .unwrap_or(s.len());
    if n == 0 || s[..n].chars().count() > 3 {
        return None;
    }
    let value = parse_integer(&s[..n])?;
    let r = s[n..].trim_start_matches(' ');
    let u = r.chars().next().filter(|c| units.contains(c))?;
    Some((u32::try_from(value).ok()?, &r[u.len_utf8()..]))
}

fn find_numeric_date(t: &str) -> Option<(usize, usize, String)> {
    let b = t.as_bytes();
    let digits_at = |i: usize, max: usize| -> usize {
        b[i.min(b.len())..]
            .iter()
            .take(max + 1)
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let mut i = 0;
    while i + 4 <= b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) || digits_at(i, 4) != 4 {
            i += 1;
            continue;
        }
        let year_end = i + 4;
        let Some(sep) = t[year_end..]
            .chars()
            .next()
            .filter(|c| matches!(c, '.' | '-' | '/' | '．' | '／' | '－'))
        else {
            i += 1;
            continue;
        };
        let m_start = year_end + sep.len_utf8();
        let m_len = digits_at(m_start, 2);
        let m_end = m_start + m_len;
        if !(1..=2).contains(&m_len) || !t[m_end..].starts_with(sep) {
            i += 1;
            continue;
        }
        let d_start = m_end + sep.len_utf8();
        let d_len = digits_at(d_start, 2);
        if !(1..=2).contains(&d_len) {
            i += 1;
            continue;
        }
        let end = d_start + d_len;
        let num = |s: &str| s.parse::<u32>().ok();
        if let (Some(y), Some(m), Some(d)) = (
            num(&t[i..year_end]),
            num(&t[m_start..m_end]),
            num(&t[d_start..end]),
        ) {
            if let Some(iso) = iso(y, m, d) {
                return Some((i, end, iso));
            }
        }
        i += 1;
    }
    None
}

fn iso(y: u32, m: u32, d: u32) -> Option<String> {
    let days = match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    ((1900..=2200).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}
