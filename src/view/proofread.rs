//! The proofreading view's logic that needs no browser: the key a text's
//! dismissals are stored under, where a finding sits in the textarea
//! (UTF-16) and which item of the structured view holds it. The findings
//! list itself is drawn by the tools module (`tools/src/proofread.rs`).

use bulletin_parser::Bulletin;

/// A short hash of a text (FNV-1a, 64 bits, hex): the storage key of its
/// dismissals, so they come back with the same text and only with it.
pub fn text_key(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The UTF-16 range of characters `start..end` of `text` (for
/// `setSelectionRange`); clamped to the text.
pub fn utf16_span(text: &str, start: usize, end: usize) -> (u32, u32) {
    let (mut a, mut b, mut pos) = (None, None, 0u32);
    for (i, c) in text.chars().enumerate() {
        if i == start {
            a = Some(pos);
        }
        if i == end {
            b = Some(pos);
            break;
        }
        pos += c.len_utf16() as u32;
    }
    let a = a.unwrap_or(pos);
    (a, b.unwrap_or(pos).max(a))
}

/// The item whose input lines hold `line`.
pub fn item_of(bulletin: &Bulletin, line: usize) -> Option<usize> {
    bulletin
        .items
        .iter()
        .position(|i| i.lines.first <= line && line <= i.lines.last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_keys_differ_by_text_and_are_stable() {
        assert_eq!(text_key("县人大大"), text_key("县人大大"));
        assert_ne!(text_key("县人大大"), text_key("县人大"));
        assert_eq!(text_key("").len(), 16);
    }

    #[test]
    fn utf16_spans_count_surrogate_pairs() {
        assert_eq!(utf16_span("县人大大正", 3, 4), (3, 4));
        assert_eq!(utf16_span("𠀀人大大", 3, 4), (4, 5));
        assert_eq!(utf16_span("ab", 5, 9), (2, 2));
    }

    #[test]
    fn items_by_line() {
        let text = "青禾政务快报\n\n第 3 期\n\n县民政局发放救助金 发放临时救助金 86 万元。（县民政局）\n\n县农业局春耕备耕 投入农机 120 台。（县农业局）\n";
        let b = bulletin_parser::parse(text);
        assert_eq!(item_of(&b, 5), Some(0));
        assert_eq!(item_of(&b, 7), Some(1));
        assert_eq!(item_of(&b, 1), None);
    }
}
