//! Byte-level helpers for walking UTF-8 text one character at a time around
//! a position, forwards or backwards. Every position handed in and out is a
//! character boundary of the body; none of these can panic. Counting
//! characters and columns, byte-set searches, and decoding the character at
//! a byte position ([`char_at`], [`char_before`], [`CharSet`]) are in
//! [`crate::bytes`].

pub use crate::bytes::{
    byte_set, char_at, char_before, columns, count_chars, may_hold_space, CharSet,
};
use crate::bytes::{utf8_3, utf8_bytes};
use crate::small_string::SmallString;

/// True when the text at byte `i` starts with `pat`.
#[inline]
pub fn at(s: &str, i: usize, pat: &str) -> bool {
    at_bytes(s, i, pat.as_bytes())
}

/// [`at`] for a pattern given as bytes (the rest of a word whose first
/// character is already matched).
#[inline]
pub fn at_bytes(s: &str, i: usize, p: &[u8]) -> bool {
    let b = s.as_bytes();
    let Some(&last) = p.last() else { return true };
    // The last byte of a pattern tells most candidates apart (for CJK the
    // lead bytes are all alike), and checking it first spares a memcmp call.
    i + p.len() <= b.len() && b[i + p.len() - 1] == last && same(&b[i..i + p.len()], p)
}

/// Byte-wise equality of two slices of equal length. The patterns here are
/// a few bytes long, too short to be worth a call to `memcmp`. (A `const
/// fn`, so the unit table's checks at compile time use it too.)
#[inline(always)]
pub(super) const fn same(a: &[u8], b: &[u8]) -> bool {
    let mut k = 0;
    while k < a.len() {
        if a[k] != b[k] {
            return false;
        }
        k += 1;
    }
    true
}

/// True when the text ending at byte `i` ends with `pat`.
#[inline]
pub fn ends_at(s: &str, i: usize, pat: &str) -> bool {
    let (b, p) = (s.as_bytes(), pat.as_bytes());
    let Some(&last) = p.last() else { return true };
    i <= b.len() && i >= p.len() && b[i - 1] == last && same(&b[i - p.len()..i], p)
}

/// The first of `pats` the text at `i` starts with.
#[inline]
pub fn at_any(s: &str, i: usize, pats: &[&'static str]) -> Option<&'static str> {
    pats.iter().copied().find(|p| at(s, i, p))
}

/// The first of `pats` the text ending at `i` ends with.
#[inline]
pub fn ends_any(s: &str, i: usize, pats: &[&'static str]) -> Option<&'static str> {
    pats.iter().copied().find(|p| ends_at(s, i, p))
}

/// Horizontal white space as PDF and Word exports put around numbers.
#[inline]
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// The wide spaces of [`is_space`] as bytes: U+3000 (three bytes) and
/// NBSP (two).
const IDEO: [u8; 3] = utf8_3('\u{3000}');
const IDEO_0: u8 = IDEO[0];
const IDEO_1: u8 = IDEO[1];
const IDEO_2: u8 = IDEO[2];
const NBSP_0: u8 = utf8_bytes('\u{a0}').0[0];
const NBSP_1: u8 = utf8_bytes('\u{a0}').0[1];

/// Length of the space (`is_space`) that `b` starts with, or 0.
#[inline(always)]
fn space_at_start(b: &[u8]) -> usize {
    match b {
        [b' ' | b'\t', ..] => 1,
        [IDEO_0, IDEO_1, IDEO_2, ..] => 3,
        [NBSP_0, NBSP_1, ..] => 2,
        _ => 0,
    }
}

/// Length of the space (`is_space`) that `b` ends with, or 0.
#[inline(always)]
fn space_at_end(b: &[u8]) -> usize {
    match b {
        [.., b' ' | b'\t'] => 1,
        [.., IDEO_0, IDEO_1, IDEO_2] => 3,
        [.., NBSP_0, NBSP_1] => 2,
        _ => 0,
    }
}

/// `s` without spaces (`is_space`) at its start: `trim_start_matches`,
/// on bytes.
#[inline]
pub fn trim_space_start(s: &str) -> &str {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        match space_at_start(&b[i..]) {
            0 => return &s[i..],
            n => i += n,
        }
    }
}

/// `s` without spaces (`is_space`) at its end: `trim_end_matches`, on bytes.
#[inline]
pub fn trim_space_end(s: &str) -> &str {
    let b = s.as_bytes();
    let mut e = b.len();
    loop {
        match space_at_end(&b[..e]) {
            0 => return &s[..e],
            n => e -= n,
        }
    }
}

/// `s` without spaces (`is_space`) at either end.
#[inline]
pub fn trim_space(s: &str) -> &str {
    // Every space starts with one of the first bytes and ends with one of
    // the last: text that neither starts nor ends so (most labels) is
    // returned after two byte tests.
    let b = s.as_bytes();
    let may_start = matches!(b.first().copied(), Some(b' ' | b'\t' | IDEO_0 | NBSP_0));
    let may_end = matches!(b.last().copied(), Some(b' ' | b'\t' | IDEO_2 | NBSP_1));
    match (may_start, may_end) {
        (false, false) => s,
        (true, false) => trim_space_start(s),
        (false, true) => trim_space_end(s),
        (true, true) => trim_space_end(trim_space_start(s)),
    }
}

/// Length of the space (`is_space`) starting at byte `i`, or 0.
#[inline(always)]
pub fn space_at(b: &[u8], i: usize) -> usize {
    b.get(i..).map_or(0, space_at_start)
}

/// True when a space (`is_space`) starts at byte `i`. Exact, not a guess
/// on the lead byte: U+3000's also starts `。`, `、` and `《`, which often
/// follow a number.
#[inline(always)]
pub fn space_starts_at(b: &[u8], i: usize) -> bool {
    space_at(b, i) != 0
}

/// Skips at most three spaces forwards from `i`; returns the new position.
/// The test for "no space here" is inlined everywhere; the walk is not.
#[inline(always)]
pub fn skip_space(s: &str, i: usize) -> usize {
    if !space_starts_at(s.as_bytes(), i) {
        return i;
    }
    skip_spaces_from(s, i)
}

#[inline(never)]
fn skip_spaces_from(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    for _ in 0..3 {
        i += match space_at(b, i) {
            0 => break,
            n => n,
        };
    }
    i
}

/// Skips at most three spaces backwards from `i`; returns the new position.
#[inline(always)]
pub fn skip_space_back(s: &str, i: usize) -> usize {
    // A space ends here: many Han characters end in U+3000's last byte
    // too, so the whole space is matched.
    let b = s.as_bytes();
    let space_ends = b.get(..i).is_some_and(|h| space_at_end(h) != 0);
    if !space_ends {
        return i;
    }
    skip_spaces_back_from(s, i)
}

#[inline(never)]
fn skip_spaces_back_from(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    for _ in 0..3 {
        i -= match b.get(..i).map_or(0, space_at_end) {
            0 => break,
            n => n,
        };
    }
    i
}

/// Clause punctuation: the end of what a label, a period or a qualifier can
/// reach across.
#[inline]
pub fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?' | '\n' | '\r'
    )
}

/// Sentence punctuation: the end of what a period governs.
#[inline]
pub fn is_sentence_break(c: char) -> bool {
    matches!(c, '。' | '；' | '！' | '？' | ';' | '!' | '?' | '\n' | '\r')
}

/// A CJK ideograph (the basic block, which is all bulletins use).
#[inline]
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// `s` without white space.
#[inline]
pub fn squeeze(s: &str) -> SmallString {
    // Every space starts with one of a few bytes (U+3000's also starts
    // `《》「」`, so a hit is checked on the bytes, out of line).
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
