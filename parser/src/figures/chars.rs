//! Byte-level helpers for walking UTF-8 text one character at a time around
//! a position, forwards or backwards. Every position handed in and out is a
//! character boundary of the body; none of these can panic.

/// The character starting at byte `i`, and its length in bytes.
#[inline]
pub fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let c = s.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// The character ending at byte `i`, and its length in bytes.
#[inline]
pub fn char_before(s: &str, i: usize) -> Option<(char, usize)> {
    let c = s.get(..i)?.chars().next_back()?;
    Some((c, c.len_utf8()))
}

/// True when the text at byte `i` starts with `pat`.
#[inline]
pub fn at(s: &str, i: usize, pat: &str) -> bool {
    let (b, p) = (s.as_bytes(), pat.as_bytes());
    let Some(&last) = p.last() else { return true };
    // The last byte of a pattern tells most candidates apart (for CJK the
    // lead bytes are all alike), and checking it first spares a memcmp call.
    i + p.len() <= b.len() && b[i + p.len() - 1] == last && &b[i..i + p.len()] == p
}

/// True when the text ending at byte `i` ends with `pat`.
#[inline]
pub fn ends_at(s: &str, i: usize, pat: &str) -> bool {
    let (b, p) = (s.as_bytes(), pat.as_bytes());
    let Some(&last) = p.last() else { return true };
    i <= b.len() && i >= p.len() && b[i - 1] == last && &b[i - p.len()..i] == p
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

/// Skips at most three spaces forwards from `i`; returns the new position.
#[inline]
pub fn skip_space(s: &str, mut i: usize) -> usize {
    for _ in 0..3 {
        match char_at(s, i) {
            Some((c, n)) if is_space(c) => i += n,
            _ => break,
        }
    }
    i
}

/// Skips at most three spaces backwards from `i`; returns the new position.
#[inline]
pub fn skip_space_back(s: &str, mut i: usize) -> usize {
    for _ in 0..3 {
        match char_before(s, i) {
            Some((c, n)) if is_space(c) => i -= n,
            _ => break,
        }
    }
    i
}

/// Number of characters in `bytes` (lead bytes, continuation bytes skipped).
#[inline]
pub fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// Clause punctuation: the end of what a label, a period or a qualifier can
/// reach across.
#[inline]
pub fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '；'
            | '：'
            | '！'
            | '？'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\n'
            | '\r'
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
