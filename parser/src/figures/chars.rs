//! Byte-level helpers for walking UTF-8 text one character at a time around
//! a position, forwards or backwards. Every position handed in and out is a
//! character boundary of the body; none of these can panic.

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

/// A 256-entry table, true at each of `bytes`: the one-lookup byte tests
/// of the scanners (first or last bytes of the characters they stop at).
pub(crate) const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
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

/// [`may_hold_space`] sixteen bytes at a time (`b` has at least sixteen;
/// the last block overlaps the one before).
#[cfg(target_arch = "x86_64")]
fn may_hold_space_sse2(b: &[u8]) -> bool {
    use std::arch::x86_64::*;
    let block = |i: usize| {
        // SAFETY: SSE2 is part of the x86-64 baseline; callers keep
        // `i + 16 <= b.len()`.
        unsafe {
            let v = _mm_loadu_si128(b.as_ptr().add(i) as *const __m128i);
            let eq = |x: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(x as i8));
            let hit = _mm_or_si128(
                _mm_or_si128(eq(b' '), eq(b'\t')),
                _mm_or_si128(eq(0xC2), eq(0xE3)),
            );
            _mm_movemask_epi8(hit) != 0
        }
    };
    let mut i = 0;
    while i + 16 <= b.len() {
        if block(i) {
            return true;
        }
        i += 16;
    }
    i < b.len() && block(b.len() - 16)
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

/// True when `b` may hold a space: a byte ` ` or tab, or the lead byte of
/// U+3000 (0xE3, shared with `。、《》「」`) or NBSP (0xC2). Eight bytes at a
/// time: labels and periods are checked once each.
pub fn may_hold_space(b: &[u8]) -> bool {
    #[cfg(target_arch = "x86_64")]
    if b.len() >= 16 {
        return may_hold_space_sse2(b);
    }
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Non-zero when some byte of `v` is zero.
    let zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let word_has_space_byte = |word: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let v = u64::from_le_bytes(w);
        let hits = zero(v ^ (LO * 0x20))
            | zero(v ^ (LO * 0x09))
            | zero(v ^ (LO * 0xC2))
            | zero(v ^ (LO * 0xE3));
        hits != 0
    };
    if b.len() < 8 {
        return b.iter().any(|&x| matches!(x, b' ' | b'\t' | 0xC2 | 0xE3));
    }
    let mut words = b.chunks_exact(8);
    if words.any(word_has_space_byte) {
        return true;
    }
    // The last eight bytes (overlapping words already read: a byte read
    // twice gives the same answer).
    !words.remainder().is_empty() && word_has_space_byte(&b[b.len() - 8..])
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

/// Number of characters in `bytes` (lead bytes, continuation bytes skipped).
/// This runs over the text between two figures and over every line.
#[inline]
pub fn count_chars(bytes: &[u8]) -> usize {
    // A figure's own text is a dozen bytes or so: too short for the SIMD
    // loops' set-up to pay.
    if bytes.len() < 32 {
        return count_chars_short(bytes);
    }
    count_chars_long(bytes)
}

/// [`count_chars`] of 32 bytes or more, kept out of line so that callers
/// inline only the short count.
#[inline(never)]
fn count_chars_long(bytes: &[u8]) -> usize {
    count_leads::<false>(bytes)
}

/// [`count_chars`] eight bytes at a time in a `u64` (the last word
/// overlapping the one before), for short slices.
#[inline]
fn count_chars_short(b: &[u8]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Continuation bytes (10xxxxxx) among the bytes of `v`.
    let continuations = |v: u64| {
        let marks = (v & !(v << 1) & HI) >> 7; // 1 in the lowest bit of each such byte
        (marks.wrapping_mul(LO) >> 56) as usize
    };
    let word = |k: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[k..k + 8]);
        u64::from_le_bytes(w)
    };
    let n = b.len();
    if n < 8 {
        return b.iter().filter(|&&x| (x as i8) >= -64).count();
    }
    let mut cont = 0;
    let mut k = 0;
    while k + 8 <= n {
        cont += continuations(word(k));
        k += 8;
    }
    if k < n {
        // The last eight bytes, of which only the top `n - k` are new.
        cont += continuations(word(n - 8) >> (8 * (8 - (n - k))));
    }
    n - cont
}

/// Display columns of `bytes` as a fixed-pitch layout prints them:
/// characters of three or four UTF-8 bytes (CJK, full-width forms) take
/// two columns, everything else one.
#[inline]
pub fn columns(bytes: &[u8]) -> usize {
    count_leads::<true>(bytes)
}

/// Lead bytes in `b`, and with `WIDE` also the lead bytes of three- and
/// four-byte characters (E0–FF) once more.
#[inline]
fn count_leads<const WIDE: bool>(b: &[u8]) -> usize {
    #[cfg(target_arch = "x86_64")]
    if b.len() >= 32 && std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2 (checked just above).
        return unsafe { count_leads_avx2::<WIDE>(b) };
    }
    #[cfg(target_arch = "x86_64")]
    if b.len() >= 16 {
        return count_leads_sse2::<WIDE>(b);
    }
    count_leads_bytewise::<WIDE>(b)
}

#[inline]
fn count_leads_bytewise<const WIDE: bool>(b: &[u8]) -> usize {
    // Counted in `u8` lanes over chunks short enough not to overflow, so
    // the loop vectorises where no SIMD version is written out.
    b.chunks(127)
        .map(|chunk| {
            chunk.iter().fold(0u8, |n, &x| {
                n + u8::from((x as i8) >= -64) + u8::from(WIDE && x >= 0xE0)
            }) as usize
        })
        .sum()
}

/// [`count_leads`] sixteen bytes at a time (`b` has at least sixteen; the
/// last block overlaps the one before, its repeated bytes masked off).
#[cfg(target_arch = "x86_64")]
fn count_leads_sse2<const WIDE: bool>(b: &[u8]) -> usize {
    use std::arch::x86_64::*;
    /// Sixteen zero bytes then sixteen ones: a load at `k` keeps the last
    /// `k` lanes of a block.
    static TAIL_MASK: [u8; 32] = {
        let mut m = [0u8; 32];
        let mut k = 16;
        while k < 32 {
            m[k] = 0xFF;
            k += 1;
        }
        m
    };
    let n = b.len();
    // SAFETY: SSE2 is part of the x86-64 baseline; every load reads
    // b[i..i + 16] with `i + 16 <= n`, or TAIL_MASK[k..k + 16] with
    // `k < 16`.
    unsafe {
        let continuation_max = _mm_set1_epi8(0xBFu8 as i8);
        let wide_min = _mm_set1_epi8(0xE0u8 as i8);
        let zero = _mm_setzero_si128();
        // The lanes to count in a block: lead bytes, and (WIDE) E0–FF twice.
        let marks = |v: __m128i| {
            let lead = _mm_cmpgt_epi8(v, continuation_max);
            if WIDE {
                let wide = _mm_cmpeq_epi8(_mm_max_epu8(v, wide_min), v);
                _mm_add_epi8(lead, wide)
            } else {
                lead
            }
        };
        let lane_sum = |acc: __m128i| {
            let sums = _mm_sad_epu8(acc, zero);
            (_mm_cvtsi128_si64(sums) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums))) as usize
        };
        let mut total = 0;
        let mut i = 0;
        while i + 16 <= n {
            // Each block adds at most 2 to a lane: 127 blocks fit in a u8.
            let mut acc = zero;
            let mut k = 0;
            while k < 127 && i + 16 <= n {
                let v = _mm_loadu_si128(b.as_ptr().add(i) as *const __m128i);
                // `marks` is 0, -1 or -2 per lane.
                acc = _mm_sub_epi8(acc, marks(v));
                i += 16;
                k += 1;
            }
            total += lane_sum(acc);
        }
        let rest = n - i;
        if rest > 0 {
            let v = _mm_loadu_si128(b.as_ptr().add(n - 16) as *const __m128i);
            let keep = _mm_loadu_si128(TAIL_MASK.as_ptr().add(rest) as *const __m128i);
            total += lane_sum(_mm_sub_epi8(zero, _mm_and_si128(marks(v), keep)));
        }
        total
    }
}

/// [`count_leads_sse2`] 32 bytes at a time (`b` has at least 32), where
/// the CPU has AVX2.
///
/// SAFETY: the CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn count_leads_avx2<const WIDE: bool>(b: &[u8]) -> usize {
    use std::arch::x86_64::*;
    /// 32 zero bytes then 32 ones: a load at `k` keeps the last `k` lanes.
    static TAIL_MASK: [u8; 64] = {
        let mut m = [0u8; 64];
        let mut k = 32;
        while k < 64 {
            m[k] = 0xFF;
            k += 1;
        }
        m
    };
    let n = b.len();
    let continuation_max = _mm256_set1_epi8(0xBFu8 as i8);
    let zero = _mm256_setzero_si256();
    let marks = |v: __m256i| {
        if WIDE {
            column_marks_avx2(v)
        } else {
            _mm256_cmpgt_epi8(v, continuation_max)
        }
    };
    let lane_sum = |acc: __m256i| sum_bytes_avx2(acc);
    let mut total = 0;
    let mut i = 0;
    // Every load reads b[i..i + 32] with `i + 32 <= n`, or
    // TAIL_MASK[k..k + 32] with `k < 32`.
    while i + 32 <= n {
        let mut acc = zero;
        let mut k = 0;
        while k < 127 && i + 32 <= n {
            let v = _mm256_loadu_si256(b.as_ptr().add(i) as *const __m256i);
            acc = _mm256_sub_epi8(acc, marks(v));
            i += 32;
            k += 1;
        }
        total += lane_sum(acc);
    }
    let rest = n - i;
    if rest > 0 {
        let v = _mm256_loadu_si256(b.as_ptr().add(n - 32) as *const __m256i);
        let keep = _mm256_loadu_si256(TAIL_MASK.as_ptr().add(rest) as *const __m256i);
        total += lane_sum(_mm256_sub_epi8(zero, _mm256_and_si256(marks(v), keep)));
    }
    total
}

/// Per lane of `v`, minus the display columns the byte starts: -1 for the
/// lead byte of a one- or two-byte character, -2 for one of three or four
/// bytes (CJK, full-width forms), 0 for a continuation byte. Summed
/// negated by [`count_leads_avx2`] and `structure::bytes::LineScan`.
///
/// SAFETY: the CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
pub(crate) unsafe fn column_marks_avx2(
    v: std::arch::x86_64::__m256i,
) -> std::arch::x86_64::__m256i {
    use std::arch::x86_64::*;
    let lead = _mm256_cmpgt_epi8(v, _mm256_set1_epi8(0xBFu8 as i8));
    let wide_min = _mm256_set1_epi8(0xE0u8 as i8);
    let wide = _mm256_cmpeq_epi8(_mm256_max_epu8(v, wide_min), v);
    _mm256_add_epi8(lead, wide)
}

/// The sum of the 32 unsigned bytes of `acc`.
///
/// SAFETY: the CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
pub(crate) unsafe fn sum_bytes_avx2(acc: std::arch::x86_64::__m256i) -> usize {
    use std::arch::x86_64::*;
    let sums = _mm256_sad_epu8(acc, _mm256_setzero_si256());
    let half = _mm_add_epi64(
        _mm256_castsi256_si128(sums),
        _mm256_extracti128_si256(sums, 1),
    );
    (_mm_cvtsi128_si64(half) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(half, half))) as usize
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_chars_at_every_length() {
        let pieces = ["县", "a", "é", "😀", "１", "—", " ", "\n", "。"];
        for len in 0..300 {
            let s: String = (0..len)
                .map(|k| pieces[(k * 7 + len) % pieces.len()])
                .collect();
            let b = s.as_bytes();
            assert_eq!(count_chars(b), s.chars().count(), "{len}");
            let cols: usize = s
                .chars()
                .map(|c| if c.len_utf8() >= 3 { 2 } else { 1 })
                .sum();
            assert_eq!(columns(b), cols, "{len}");
            // Every sub-slice that starts and ends on a boundary.
            for (i, _) in s.char_indices().take(20) {
                assert_eq!(count_chars(&b[i..]), s[i..].chars().count());
            }
        }
        for len in 0..40 {
            let s: String = (0..len)
                .map(|k| pieces[(k * 5 + 3) % pieces.len()])
                .collect();
            let b = s.as_bytes();
            for i in 0..=b.len() {
                for j in i..=b.len() {
                    let want = b[i..j].iter().filter(|&&x| x & 0xC0 != 0x80).count();
                    assert_eq!(count_chars_short(&b[i..j]), want, "{s:?} {i}..{j}");
                }
            }
        }
        // `may_hold_space` sees a space-starting byte wherever it sits.
        for len in 0..40 {
            for at in 0..len {
                for mark in [b' ', b'\t', 0xC2, 0xE3] {
                    let mut b = vec![0x88u8; len];
                    assert!(!may_hold_space(&b), "{len}");
                    b[at] = mark;
                    assert!(may_hold_space(&b), "{len} {at} {mark:x}");
                }
            }
        }
        let long = "县财政局a".repeat(2000);
        assert_eq!(count_chars(long.as_bytes()), long.chars().count());
        assert_eq!(columns(long.as_bytes()), 2000 * 9);
    }
}
