//! Where input lines sit in the textarea, for "select these lines".
//!
//! `setSelectionRange` counts UTF-16 code units, the parser counts lines
//! from 1; this converts one into the other.

/// The UTF-16 range `[start, end)` covering lines `first..=last` (1-based) of
/// `text`, without the final line break. Lines past the end clamp to the end;
/// `None` when `first` is 0 or beyond the text.
pub fn utf16_range(text: &str, first: usize, last: usize) -> Option<(u32, u32)> {
    if first == 0 {
        return None;
    }
    let last = last.max(first);
    let mut line = 1;
    let mut pos: u32 = 0;
    let mut start = if first == 1 { Some(0) } else { None };
    for c in text.chars() {
        if c == '\n' {
            if line == last {
                return start.map(|s| (s, pos));
            }
            line += 1;
            pos += 1;
            if line == first {
                start = Some(pos);
            }
            continue;
        }
        pos += c.len_utf16() as u32;
    }
    // The text ended inside the range (or the range runs past the end).
    start.map(|s| (s, pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects_whole_lines() {
        let text = "标题\n第一行\n第二行\n尾";
        assert_eq!(utf16_range(text, 1, 1), Some((0, 2)));
        assert_eq!(utf16_range(text, 2, 3), Some((3, 10)));
        assert_eq!(utf16_range(text, 4, 4), Some((11, 12)));
    }

    #[test]
    fn clamps_and_rejects() {
        let text = "一\n二";
        assert_eq!(utf16_range(text, 2, 9), Some((2, 3)));
        assert_eq!(utf16_range(text, 3, 3), None);
        assert_eq!(utf16_range(text, 0, 1), None);
    }

    #[test]
    fn counts_utf16_units_not_chars() {
        // U+20BB7 (𠮷) is two UTF-16 units.
        let text = "𠮷a\nb";
        assert_eq!(utf16_range(text, 1, 1), Some((0, 3)));
        assert_eq!(utf16_range(text, 2, 2), Some((4, 5)));
    }

    #[test]
    fn windows_line_breaks_keep_the_carriage_return_inside_the_line() {
        assert_eq!(utf16_range("ab\r\ncd", 2, 2), Some((4, 6)));
    }
}
