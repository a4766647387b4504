//! Input clean-up before structure: BOM, line endings, odd spaces, invisible
//! characters.
//!
//! After [`clean`], the structure passes see only `\n` line breaks and ASCII
//! spaces, so they can iterate lines by byte offsets and test one byte for
//! "is this white space". Punctuation is *not* folded here: web copies turn
//! `，（）：；` into `,():;`, and every recogniser accepts both, but the text
//! the user sees in headlines and bodies keeps the characters they pasted.

use std::borrow::Cow;

use crate::figures::byte_set;

/// Cleans pasted text:
///
/// - a BOM and zero-width characters (U+200B–U+200D, U+2060, U+FEFF, U+180E,
///   soft hyphen U+00AD) are removed;
/// - CRLF, lone CR, U+0085, U+2028 and U+2029 become `\n`;
/// - tab and the ideographic space U+3000 become two ASCII spaces (each is a
///   wide gap: between a headline and its body it is a break);
/// - every other white space (NBSP, U+2000–U+200A, U+202F, U+205F, U+1680,
///   vertical tab, form feed) becomes one ASCII space.
///
/// The text is returned borrowed when nothing needs changing, which is the
/// common case, so clean input costs one scan and no copy.
pub fn clean(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let Some(first) = next_special(bytes, 0) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    let mut copied_to = 0;
    let mut at = Some(first);
    while let Some((i, len, replacement)) = at {
        out.push_str(&text[copied_to..i]);
        out.push_str(replacement);
        copied_to = i + len;
        at = next_special(bytes, copied_to);
    }
    out.push_str(&text[copied_to..]);
    Cow::Owned(out)
}

/// Bytes that can start a sequence [`clean`] changes: a table lookup keeps
/// the scan at about one byte per cycle on CJK text.
const LEAD: [bool; 256] = byte_set(b"\r\t\x0B\x0C\xC2\xE1\xE2\xE3\xEF");

/// The next special sequence at or after `from`: (offset, length, replacement).
#[inline]
fn next_special(bytes: &[u8], from: usize) -> Option<(usize, usize, &'static str)> {
    let mut i = candidate_block(bytes, from);
    while i < bytes.len() {
        if LEAD[bytes[i] as usize] {
            if let Some((len, replacement)) = special_at(bytes, i) {
                return Some((i, len, replacement));
            }
        }
        i += 1;
        if i % 16 == from % 16 {
            // A whole block checked byte by byte: skip ahead again.
            i = candidate_block(bytes, i);
        }
    }
    None
}

/// The start of the first 16-byte block at or after `from` that may hold a
/// special sequence (checked with SSE2, which every x86-64 has: lead byte
/// together with its second and third byte, so the common CJK punctuation
/// sharing those lead bytes does not stop the scan). A few rare sequences
/// that need no change stop it too (E2 80 AA–AE, E2 81 xx, bytes below
/// `\t`): the byte-by-byte check after it decides. Elsewhere: `from`.
#[cfg(target_arch = "x86_64")]
fn candidate_block(b: &[u8], from: usize) -> usize {
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has AVX2 (checked just above).
        unsafe { candidate_block_avx2(b, from) }
    } else {
        candidate_block_sse2(b, from)
    }
}

/// [`candidate_block`] thirty-two bytes at a time, where the CPU has AVX2
/// (nearly every x86-64 of the last decade). Each byte position gets a set
/// of bits, one per kind of special sequence, from three table lookups
/// (lead byte, second byte, third byte; each a lookup on the high nibble
/// and one on the low nibble, ANDed): a position where some bit survives
/// all three may start a special sequence. That is fewer operations than
/// comparing each byte against each value, and as exact on the common CJK
/// punctuation sharing the lead bytes (`、。《》“”—…，`). The SSE2 version
/// below finishes the last bytes.
///
/// SAFETY: only to be called where the CPU supports AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn candidate_block_avx2(b: &[u8], from: usize) -> usize {
    use std::arch::x86_64::*;
    // The kinds, as bits: what each needs of the lead, second and third byte.
    const C2: u8 = 1; // C2 then anything (U+0085, U+00A0, U+00AD)
    const E1: u8 = 2; // E1 9A or A0 (also 90, AA: rare), then anything
    const E2_80_LOW: u8 = 4; // E2 80 80–8D
    const E2_81: u8 = 8; // E2 81, then anything
    const E3_80_80: u8 = 16; // U+3000
    const EF_BB: u8 = 32; // EF BB, then anything (U+FEFF)
    const CONTROL: u8 = 64; // \t \v \f \r
    const E2_80_SEPS: u8 = 128; // E2 80 A8–AF

    // Kinds that take any second byte, or any third byte.
    const ANY_SECOND: u8 = C2 | CONTROL;
    const ANY_THIRD: u8 = C2 | E1 | E2_81 | EF_BB | CONTROL;
    const E2: u8 = E2_80_LOW | E2_81 | E2_80_SEPS;
    const E_: u8 = E1 | E2 | E3_80_80 | EF_BB;
    let table =
        |t: [u8; 16]| _mm256_broadcastsi128_si256(_mm_loadu_si128(t.as_ptr() as *const __m128i));
    #[rustfmt::skip]
    let (lead_hi, lead_lo) = (
        table([CONTROL, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, C2, 0, E_, 0]),
        table([0, E1, C2 | E2, E3_80_80, 0, 0, 0, 0, 0, CONTROL, 0, CONTROL, CONTROL, CONTROL, 0, EF_BB]),
    );
    const S: u8 = ANY_SECOND;
    #[rustfmt::skip]
    let (second_hi, second_lo) = (
        table([S, S, S, S, S, S, S, S, S | E2_80_LOW | E2_80_SEPS | E2_81 | E3_80_80, S | E1, S | E1, S | EF_BB, S, S, S, S]),
        table([S | E2_80_LOW | E2_80_SEPS | E3_80_80 | E1, S | E2_81, S, S, S, S, S, S, S, S, S | E1, S | EF_BB, S, S, S, S]),
    );
    const T: u8 = ANY_THIRD;
    #[rustfmt::skip]
    let (third_hi, third_lo) = (
        table([T, T, T, T, T, T, T, T, T | E2_80_LOW | E3_80_80, T, T | E2_80_SEPS, T, T, T, T, T]),
        table([
            T | E2_80_LOW | E3_80_80, T | E2_80_LOW, T | E2_80_LOW, T | E2_80_LOW,
            T | E2_80_LOW, T | E2_80_LOW, T | E2_80_LOW, T | E2_80_LOW,
            T | E2_80_LOW | E2_80_SEPS, T | E2_80_LOW | E2_80_SEPS, T | E2_80_LOW | E2_80_SEPS, T | E2_80_LOW | E2_80_SEPS,
            T | E2_80_LOW | E2_80_SEPS, T | E2_80_LOW | E2_80_SEPS, T | E2_80_SEPS, T | E2_80_SEPS,
        ]),
    );
    let low_nibble = _mm256_set1_epi8(0x0F);
    // The kinds a byte allows in one role: its high nibble's AND its low
    // nibble's (masked to four bits, so no byte zeroes the shuffle).
    let kinds = |v: __m256i, hi: __m256i, lo: __m256i| {
        let h = _mm256_and_si256(_mm256_srli_epi16::<4>(v), low_nibble);
        let l = _mm256_and_si256(v, low_nibble);
        _mm256_and_si256(_mm256_shuffle_epi8(hi, h), _mm256_shuffle_epi8(lo, l))
    };
    // The positions of the block at `i` that may start a special sequence
    // (it reads b[i..i + 34]).
    let block = |i: usize| {
        let v0 = _mm256_loadu_si256(b.as_ptr().add(i) as *const __m256i);
        let v1 = _mm256_loadu_si256(b.as_ptr().add(i + 1) as *const __m256i);
        let v2 = _mm256_loadu_si256(b.as_ptr().add(i + 2) as *const __m256i);
        _mm256_and_si256(
            _mm256_and_si256(kinds(v0, lead_hi, lead_lo), kinds(v1, second_hi, second_lo)),
            kinds(v2, third_hi, third_lo),
        )
    };
    let mut i = from;
    // Two blocks a round, one test for both: the loads read b[i..i + 66],
    // which `i + 66 <= b.len()` keeps in bounds.
    while i + 66 <= b.len() {
        let (first, second) = (block(i), block(i + 32));
        let any = _mm256_or_si256(first, second);
        if _mm256_testz_si256(any, any) == 0 {
            return if _mm256_testz_si256(first, first) == 0 {
                i
            } else {
                i + 32
            };
        }
        i += 64;
    }
    // Every load reads b[i..i + 34], which `i + 34 <= b.len()` keeps in
    // bounds.
    while i + 34 <= b.len() {
        let any = block(i);
        if _mm256_testz_si256(any, any) == 0 {
            return i;
        }
        i += 32;
    }
    candidate_block_sse2(b, i)
}

#[cfg(target_arch = "x86_64")]
fn candidate_block_sse2(b: &[u8], from: usize) -> usize {
    use std::arch::x86_64::*;
    let mut i = from;
    // SAFETY: SSE2 is part of the x86-64 baseline; every load reads
    // b[i..i + 18], which `i + 18 <= b.len()` keeps in bounds.
    unsafe {
        let splat = |x: u8| _mm_set1_epi8(x as i8);
        let (c2, e1, e2, e3, ef) = (
            splat(0xC2),
            splat(0xE1),
            splat(0xE2),
            splat(0xE3),
            splat(0xEF),
        );
        let (x80, x81, x8d, xa8, xbb, xf8, nl, ctrl) = (
            splat(0x80),
            splat(0x81),
            splat(0x8D),
            splat(0xA8),
            splat(0xBB),
            splat(0xF8),
            splat(b'\n'),
            splat(0x0D),
        );
        let eq = |a, b| _mm_cmpeq_epi8(a, b);
        let (or, and) = (|a, b| _mm_or_si128(a, b), |a, b| _mm_and_si128(a, b));
        while i + 18 <= b.len() {
            let v0 = _mm_loadu_si128(b.as_ptr().add(i) as *const __m128i);
            let v1 = _mm_loadu_si128(b.as_ptr().add(i + 1) as *const __m128i);
            let v2 = _mm_loadu_si128(b.as_ptr().add(i + 2) as *const __m128i);
            // Bytes up to 0x0D other than \n (\t \v \f \r).
            let control = _mm_andnot_si128(eq(v0, nl), eq(_mm_min_epu8(v0, ctrl), v0));
            let latin = or(eq(v0, c2), eq(v0, e1));
            // E2 80 80–8D and A8–AF, E2 81: spaces, separators, invisible
            // marks, but not the quotes, dashes and ellipses (E2 80 94–A6)
            // Chinese text is full of.
            let low = eq(_mm_min_epu8(v2, x8d), v2);
            let seps = eq(and(v2, xf8), xa8);
            let general = and(eq(v0, e2), or(and(eq(v1, x80), or(low, seps)), eq(v1, x81)));
            let ideographic = and(and(eq(v0, e3), eq(v1, x80)), eq(v2, x80));
            let bom = and(eq(v0, ef), eq(v1, xbb));
            let any = or(or(control, latin), or(general, or(ideographic, bom)));
            if _mm_movemask_epi8(any) != 0 {
                return i;
            }
            i += 16;
        }
    }
    i
}

#[cfg(not(target_arch = "x86_64"))]
fn candidate_block(_: &[u8], from: usize) -> usize {
    from
}

/// True for characters [`clean`] removes or turns into spaces or line breaks:
/// white space and the invisible format characters. The "no text lost"
/// checks fold these away on both sides.
pub fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Zero-width and other invisible format characters that carry no text.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}' | '\u{00AD}'
    )
}

/// The special sequence starting at byte `i` (always a char boundary when
/// `bytes[i]` is a lead byte), as (its length in bytes, its replacement).
/// Continuation bytes never match, so scanning every index is safe.
#[inline]
fn special_at(bytes: &[u8], i: usize) -> Option<(usize, &'static str)> {
    let b = bytes[i];
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match b {
        b'\r' => Some(if at(1) == b'\n' { (2, "\n") } else { (1, "\n") }),
        b'\t' => Some((1, "  ")),
        0x0B | 0x0C => Some((1, " ")),
        0xC2 => match at(1) {
            0x85 => Some((2, "\n")),
            0xA0 => Some((2, " ")),
            0xAD => Some((2, "")),
            _ => None,
        },
        0xE1 => match (at(1), at(2)) {
            (0x9A, 0x80) => Some((3, " ")), // U+1680 ogham space mark
            (0xA0, 0x8E) => Some((3, "")),  // U+180E mongolian vowel separator
            _ => None,
        },
        0xE2 => match (at(1), at(2)) {
            (0x80, 0x80..=0x8A) => Some((3, " ")),  // U+2000–U+200A
            (0x80, 0x8B..=0x8D) => Some((3, "")),   // U+200B–U+200D
            (0x80, 0xA8 | 0xA9) => Some((3, "\n")), // U+2028, U+2029
            (0x80, 0xAF) => Some((3, " ")),         // U+202F
            (0x81, 0x9F) => Some((3, " ")),         // U+205F
            (0x81, 0xA0) => Some((3, "")),          // U+2060 word joiner
            _ => None,
        },
        0xE3 if at(1) == 0x80 && at(2) == 0x80 => Some((3, "  ")), // U+3000
        0xEF if at(1) == 0xBB && at(2) == 0xBF => Some((3, "")),   // U+FEFF
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        let s = "延津政务快报\n第 39 期，（财政局）";
        assert!(matches!(clean(s), Cow::Borrowed(_)));
    }

    #[test]
    fn line_endings_become_newlines() {
        assert_eq!(clean("a\r\nb\rc\u{2028}d\u{85}e"), "a\nb\nc\nd\ne");
    }

    #[test]
    fn invisible_characters_are_removed() {
        assert_eq!(clean("\u{FEFF}标\u{200B}题\u{FEFF}\u{AD}"), "标题");
    }

    #[test]
    fn odd_spaces_become_ascii() {
        assert_eq!(
            clean("\u{3000}\u{3000}县\u{A0}4\u{2002}天\t正文"),
            "    县 4 天  正文"
        );
    }

    /// `clean`, one character at a time: what the block scans must agree with.
    fn clean_by_chars(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    chars.next_if_eq(&'\n');
                    out.push('\n');
                }
                '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
                '\t' | '\u{3000}' => out.push_str("  "),
                '\u{B}'
                | '\u{C}'
                | '\u{A0}'
                | '\u{1680}'
                | '\u{2000}'..='\u{200A}'
                | '\u{202F}'
                | '\u{205F}' => out.push(' '),
                '\u{AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn block_scans_find_every_special_at_every_offset() {
        let specials = [
            "\r\n", "\r", "\t", "\u{B}", "\u{C}", "\u{85}", "\u{A0}", "\u{AD}", "\u{1680}",
            "\u{180E}", "\u{2000}", "\u{2005}", "\u{200A}", "\u{200B}", "\u{200D}", "\u{2028}",
            "\u{2029}", "\u{202F}", "\u{205F}", "\u{2060}", "\u{3000}", "\u{FEFF}",
        ];
        // Text full of the punctuation that shares lead bytes with them.
        let fill = [
            "县", "“", "”", "—", "…", "，", "。", "、", "《", "a", "1", "\n",
        ];
        for sp in specials {
            for k in 0..70 {
                let mut s = String::new();
                for j in 0..k {
                    s.push_str(fill[(j * 7 + k) % fill.len()]);
                }
                s.push_str(sp);
                for j in 0..40 {
                    s.push_str(fill[(j * 5 + k) % fill.len()]);
                }
                assert_eq!(clean(&s), clean_by_chars(&s), "{sp:?} after {k} characters");
            }
        }
        let plain: String = (0..200).map(|j| fill[j % fill.len()]).collect();
        assert!(matches!(clean(&plain), Cow::Borrowed(_)));
    }

    #[test]
    fn every_removed_or_replaced_char_is_blank() {
        for c in [
            '\r', '\t', '\u{B}', '\u{C}', '\u{85}', '\u{A0}', '\u{AD}', '\u{1680}', '\u{180E}',
            '\u{2000}', '\u{200A}', '\u{200B}', '\u{200D}', '\u{2028}', '\u{2029}', '\u{202F}',
            '\u{205F}', '\u{2060}', '\u{3000}', '\u{FEFF}',
        ] {
            let s = format!("甲{c}乙");
            assert!(is_blank_char(c), "{:?}", c);
            assert_ne!(clean(&s), s.as_str(), "{:?} should be cleaned", c);
        }
    }
}
