//! Input clean-up before structure: BOM, line endings, odd spaces, invisible
//! characters.
//!
//! After [`clean`], the structure passes see only `\n` line breaks and ASCII
//! spaces, so they can iterate lines by byte offsets and test one byte for
//! "is this white space". Punctuation is *not* folded here: web copies turn
//! `，（）：；` into `,():;`, and every recogniser accepts both, but the text
//! the user sees in headlines and bodies keeps the characters they pasted.

use std::borrow::Cow;

use crate::bytes::{byte_set_of, Avx2, Sse2};

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
const LEAD: [bool; 256] = byte_set_of(
    b"\r\t",
    // vertical tab, form feed; U+0085 (C2 …), U+1680 (E1 …), U+2000–U+2060
    // (E2 …), U+3000 (E3 …), U+FEFF (EF …): the first bytes of `special_at`.
    &[
        '\u{b}', '\u{c}', '\u{85}', '\u{1680}', '\u{2000}', '\u{3000}', '\u{feff}',
    ],
    &[],
);

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
fn candidate_block(b: &[u8], from: usize) -> usize {
    if let Some(avx2) = Avx2::new() {
        avx2.normalize_candidates(b, from)
    } else if let Some(sse2) = Sse2::new() {
        sse2.normalize_candidates(b, from)
    } else {
        from
    }
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
    let len = crate::bytes::lead_len(bytes[i]);
    // A continuation byte reads as a one-byte sequence that is no UTF-8.
    let c = std::str::from_utf8(bytes.get(i..i + len)?)
        .ok()?
        .chars()
        .next()?;
    let replacement = match c {
        '\r' if bytes.get(i + 1) == Some(&b'\n') => return Some((2, "\n")),
        '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => "\n",
        '\t' | '\u{3000}' => "  ",
        // Vertical tab, form feed, no-break and the other fixed-width spaces.
        '\u{B}'
        | '\u{C}'
        | '\u{A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}' => " ",
        // Soft hyphen, invisible separators and joiners, the byte-order mark.
        '\u{AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
        _ => return None,
    };
    Some((len, replacement))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The SIMD candidate kernels (`crate::bytes::simd`) never skip a
        /// sequence the scalar `special_at` would change: the reference
        /// stops at every byte, a kernel at or before the first special one.
        #[test]
        fn candidate_kernels_skip_no_special_sequence(
            pieces in prop::collection::vec(prop::sample::select(vec![
                "县", "。", "、", "“", "—", "…", "a", " ", "\n", "\r\n", "\t", "\u{3000}", "\u{a0}",
                "\u{ad}", "\u{85}", "\u{200b}", "\u{2009}", "\u{2028}", "\u{2060}", "\u{feff}",
                "\u{1680}", "\u{180e}", "\u{202f}", "\u{205f}", "\u{0b}", "\u{0c}", "\u{2014}",
            ]), 0..200),
            from in 0usize..64,
        ) {
            let text = pieces.concat();
            let b = text.as_bytes();
            let from = from.min(b.len());
            let first = (from..b.len()).find(|&i| special_at(b, i).is_some());
            let ok = |k: usize| k >= from && first.is_none_or(|p| k <= p);
            if let Some(sse2) = Sse2::new() {
                prop_assert!(ok(sse2.normalize_candidates(b, from)));
            }
            if let Some(avx2) = Avx2::new() {
                prop_assert!(ok(avx2.normalize_candidates(b, from)));
            }
        }
    }

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
