//! Byte-level helpers for walking UTF-8 text one character at a time around
//! a position, forwards or backwards. Every position handed in and out is a
//! character boundary of the body; none of these can panic. Counting
//! characters and columns, and byte-set searches, are in [`crate::bytes`].

pub use crate::bytes::{byte_set, columns, count_chars, may_hold_space};
use crate::small_string::SmallString;

/// The character starting at byte `i`, and its length in bytes. Decoded
/// straight from the bytes: this runs a few dozen times per figure, and
/// `str::get` would check the boundary each time. A position inside a
/// character (never handed in) yields `None`.
#[inline(always)]
pub fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = s.as_bytes();
    let b0 = *b.get(i)?;
    let (cp, n) = match b0 {
        0..=0x7F => return Some((b0 as char, 1)),
        0xC0..=0xDF => ((u32::from(b0 & 0x1F) << 6) | cont(b, i + 1)?, 2),
        // The common case, all of CJK: in a `str`, a lead byte is followed
        // by its continuation bytes, so only their presence is checked.
        0xE0..=0xEF => {
            let (b1, b2) = (*b.get(i + 1)?, *b.get(i + 2)?);
            (
                (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F),
                3,
            )
        }
        0xF0..=0xF7 => (
            (u32::from(b0 & 0x07) << 18)
                | (cont(b, i + 1)? << 12)
                | (cont(b, i + 2)? << 6)
                | cont(b, i + 3)?,
            4,
        ),
        _ => return None,
    };
    Some((char::from_u32(cp)?, n))
}

/// The payload of the continuation byte at `i`.
#[inline(always)]
fn cont(b: &[u8], i: usize) -> Option<u32> {
    let x = *b.get(i)?;
    (x & 0xC0 == 0x80).then_some(u32::from(x & 0x3F))
}

/// The character ending at byte `i`, and its length in bytes.
#[inline(always)]
pub fn char_before(s: &str, i: usize) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if i == 0 || i > b.len() {
        return None;
    }
    let last = b[i - 1];
    if last < 0x80 {
        return Some((last as char, 1));
    }
    // The common case in Chinese text: a three-byte character (a lead byte
    // three bytes back; in a `str` the two after it continue it).
    if i >= 3 && b[i - 3] & 0xF0 == 0xE0 {
        let cp = (u32::from(b[i - 3] & 0x0F) << 12)
            | (u32::from(b[i - 2] & 0x3F) << 6)
            | u32::from(last & 0x3F);
        return char::from_u32(cp).map(|c| (c, 3));
    }
    let mut j = i - 1;
    while j > 0 && i - j < 4 && b[j] & 0xC0 == 0x80 {
        j -= 1;
    }
    let (c, n) = char_at(s, j)?;
    (j + n == i).then_some((c, n))
}

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

/// Length of the space (`is_space`) that `b` starts with, or 0.
#[inline(always)]
fn space_at_start(b: &[u8]) -> usize {
    match b {
        [b' ' | b'\t', ..] => 1,
        [0xE3, 0x80, 0x80, ..] => 3,
        [0xC2, 0xA0, ..] => 2,
        _ => 0,
    }
}

/// Length of the space (`is_space`) that `b` ends with, or 0.
#[inline(always)]
fn space_at_end(b: &[u8]) -> usize {
    match b {
        [.., b' ' | b'\t'] => 1,
        [.., 0xE3, 0x80, 0x80] => 3,
        [.., 0xC2, 0xA0] => 2,
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
    let may_start = matches!(b.first(), Some(b' ' | b'\t' | 0xE3 | 0xC2));
    let may_end = matches!(b.last(), Some(b' ' | b'\t' | 0x80 | 0xA0));
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
    match b.get(i) {
        Some(b' ' | b'\t') => 1,
        Some(0xE3) if b.get(i + 1..i + 3) == Some(&[0x80, 0x80]) => 3,
        Some(0xC2) if b.get(i + 1) == Some(&0xA0) => 2,
        _ => 0,
    }
}

/// True when a space (`is_space`) starts at byte `i`. Exact, not a guess
/// on the lead byte: E3 also starts `。`, `、` and `《`, which often follow
/// a number.
#[inline(always)]
pub fn space_starts_at(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(b' ' | b'\t') => true,
        Some(0xE3) => b.get(i + 1..i + 3) == Some(&[0x80, 0x80]),
        Some(0xC2) => b.get(i + 1) == Some(&0xA0),
        _ => false,
    }
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
        // ` `, tab, U+3000 (E3 80 80), NBSP (C2 A0): `is_space`, on bytes.
        i += match b.get(i..) {
            Some([b' ' | b'\t', ..]) => 1,
            Some([0xE3, 0x80, 0x80, ..]) => 3,
            Some([0xC2, 0xA0, ..]) => 2,
            _ => break,
        };
    }
    i
}

/// Skips at most three spaces backwards from `i`; returns the new position.
#[inline(always)]
pub fn skip_space_back(s: &str, i: usize) -> usize {
    // A space ends here: ` `, tab, U+3000 (E3 80 80) or NBSP (C2 A0); many
    // Han characters end in 0x80 too, so the whole space is matched.
    let b = s.as_bytes();
    let space_ends = matches!(
        b.get(..i),
        Some([.., b' ' | b'\t'] | [.., 0xE3, 0x80, 0x80] | [.., 0xC2, 0xA0])
    );
    if !space_ends {
        return i;
    }
    skip_spaces_back_from(s, i)
}

#[inline(never)]
fn skip_spaces_back_from(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    for _ in 0..3 {
        i -= match b.get(..i) {
            Some([.., b' ' | b'\t']) => 1,
            Some([.., 0xE3, 0x80, 0x80]) => 3,
            Some([.., 0xC2, 0xA0]) => 2,
            _ => break,
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

/// A set of characters of the Basic Multilingual Plane as a bitmap (8 KiB),
/// built at compile time: membership is one load and one bit test, where a
/// `match` over scattered characters is a chain of comparisons.
pub struct CharSet([u64; 1024]);

impl CharSet {
    pub const fn new(chars: &[char]) -> CharSet {
        let mut t = [0u64; 1024];
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k] as u32;
            assert!(c < 0x10000, "CharSet holds the BMP only");
            t[(c >> 6) as usize] |= 1u64 << (c & 63);
            k += 1;
        }
        CharSet(t)
    }

    /// Every character of the BMP.
    pub const fn full() -> CharSet {
        CharSet([u64::MAX; 1024])
    }

    /// The set without `chars`.
    pub const fn without(mut self, chars: &[char]) -> CharSet {
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k] as u32;
            assert!(c < 0x10000, "CharSet holds the BMP only");
            self.0[(c >> 6) as usize] &= !(1u64 << (c & 63));
            k += 1;
        }
        self
    }

    #[inline(always)]
    pub fn contains(&self, c: char) -> bool {
        let c = c as u32;
        c < 0x10000 && self.0[(c >> 6) as usize] & (1u64 << (c & 63)) != 0
    }

    /// Membership of the three-byte character `b0 b1 b2` (a lead byte
    /// E0–EF and two continuation bytes), straight from its bytes.
    #[inline(always)]
    pub fn contains3(&self, b0: u8, b1: u8, b2: u8) -> bool {
        let word = (usize::from(b0 & 0x0F) << 6) | usize::from(b1 & 0x3F);
        self.0[word] & (1u64 << (b2 & 0x3F)) != 0
    }
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
