//! A pasted text too large for the textarea.
//!
//! Laying out megabytes of text in a `<textarea>` blocks the page for
//! seconds. Such a text is kept whole in memory (the analysis and every
//! export use all of it) while the textarea shows only its beginning.

/// Texts larger than this (bytes) are shown as an excerpt.
pub const BIG_TEXT_BYTES: usize = 1024 * 1024;
/// How much of a big text the textarea shows (bytes, about).
pub const EXCERPT_BYTES: usize = 32 * 1024;
/// localStorage keeps about 5 M UTF-16 units per origin, shared with
/// everything else; a draft beyond this is not saved there.
pub const MAX_SAVED_DRAFT_BYTES: usize = BIG_TEXT_BYTES;

pub fn is_big(text: &str) -> bool {
    text.len() > BIG_TEXT_BYTES
}

/// The beginning of `text`, at most `max` bytes, ending at a line end when
/// one is near (else at a character boundary).
pub fn excerpt(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    match head.rfind('\n') {
        Some(nl) if nl >= end / 2 => &head[..=nl],
        _ => head,
    }
}

/// `text` with `pasted` put over its selection `start..end`, the selection
/// counted in UTF-16 units as the DOM counts it (out of range or reversed
/// bounds are clamped, as the browser would). Pasting into an empty
/// textarea, the usual case, returns `pasted` itself, not a copy.
pub fn splice_utf16(text: &str, start: u32, end: u32, pasted: String) -> String {
    let byte_at = |unit: u32| {
        let mut units = 0u32;
        for (byte, c) in text.char_indices() {
            if units >= unit {
                return byte;
            }
            units += c.len_utf16() as u32;
        }
        text.len()
    };
    let from = byte_at(start);
    let to = byte_at(end).max(from);
    if from == 0 && to == text.len() {
        return pasted;
    }
    let mut whole = String::with_capacity(text.len() - (to - from) + pasted.len());
    whole.push_str(&text[..from]);
    whole.push_str(&pasted);
    whole.push_str(&text[to..]);
    whole
}

/// `5347737` → `5.1` (mebibytes, one decimal).
pub fn megabytes(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_texts_are_shown_whole() {
        assert_eq!(excerpt("一二三", 100), "一二三");
        assert!(!is_big(&"字".repeat(100_000)));
        assert!(is_big(&"x".repeat(BIG_TEXT_BYTES + 1)));
    }

    #[test]
    fn an_excerpt_ends_at_a_line_or_a_character() {
        let text = "第一行\n第二行\n第三行很长很长";
        // A cut inside 第三行 goes back to the end of the line before.
        assert_eq!(excerpt(text, 24), "第一行\n第二行\n");
        // Never inside a character: 3-byte characters, cut at byte 4.
        assert_eq!(excerpt("一二三四五六", 4), "一");
        let long_line = "数".repeat(100);
        assert_eq!(excerpt(&long_line, 31).len(), 30);
    }

    #[test]
    fn sizes_read_in_megabytes() {
        assert_eq!(megabytes(5_347_737), "5.1");
        assert_eq!(megabytes(1_048_576), "1.0");
    }

    #[test]
    fn a_paste_goes_over_the_selection_counted_in_utf16_units() {
        // "𝟙" is two UTF-16 units, "县" one, "a" one.
        let text = "县a𝟙b";
        assert_eq!(splice_utf16(text, 0, 0, "X".into()), "X县a𝟙b");
        assert_eq!(splice_utf16(text, 1, 2, "X".into()), "县X𝟙b");
        assert_eq!(splice_utf16(text, 2, 4, "X".into()), "县aXb");
        assert_eq!(splice_utf16(text, 5, 5, "X".into()), "县a𝟙bX");
        assert_eq!(splice_utf16(text, 0, 99, "X".into()), "X");
        assert_eq!(
            splice_utf16(text, 4, 2, "X".into()),
            "县a𝟙Xb",
            "a reversed selection is an insertion point"
        );
        assert_eq!(splice_utf16("", 0, 0, "全文".into()), "全文");
    }
}
