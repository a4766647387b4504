//! Builds plain text with bold as markdown `**…**`, for the HTML and Word
//! readers.
//!
//! Markers are written lazily, around the text that is actually there: an
//! empty or whitespace-only bold element writes nothing, two bold runs in a
//! row (Word splits runs at every edit) become one `**…**`, spaces at the edge
//! of a bold run stay outside the markers (`**标题** 正文`, never `**标题 **`,
//! which markdown would not read as bold), and a line break closes the run so
//! a marker never spans lines.

pub(crate) struct MarkedText {
    out: String,
    /// A `**` has been written and not yet closed.
    bold_open: bool,
    /// Nothing but spaces on the current line yet.
    line_blank: bool,
    /// Byte offset where the current line starts.
    line_start: usize,
}

impl Default for MarkedText {
    fn default() -> Self {
        MarkedText::with_capacity(0)
    }
}

impl MarkedText {
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        MarkedText {
            out: String::with_capacity(capacity),
            bold_open: false,
            line_blank: true,
            line_start: 0,
        }
    }

    /// Appends text, bold or not.
    pub(crate) fn push(&mut self, text: &str, bold: bool) {
        if text.is_empty() {
            return;
        }
        if self.line_blank && !text.chars().all(is_space) {
            self.line_blank = false;
        }
        if let Some(i) = text.rfind('\n') {
            // Text with a line break in it (a Word `w:t` may hold one).
            self.line_start = self.out.len() + i + 1;
        }
        if bold && !self.bold_open {
            if text.chars().all(is_space) {
                self.out.push_str(text);
                return;
            }
            // Leading spaces go before the marker.
            let body = text.trim_start_matches(is_space);
            self.out.push_str(&text[..text.len() - body.len()]);
            self.out.push_str("**");
            self.bold_open = true;
            self.out.push_str(body);
            return;
        }
        if !bold && self.bold_open {
            // Whitespace between two bold runs may yet end up inside one.
            if text.chars().all(is_space) {
                self.out.push_str(text);
                return;
            }
            self.close_bold();
        }
        self.out.push_str(text);
    }

    pub(crate) fn push_char(&mut self, c: char, bold: bool) {
        let mut buf = [0u8; 4];
        self.push(c.encode_utf8(&mut buf), bold);
    }

    /// Ends the current line; trailing spaces on it are dropped.
    pub(crate) fn newline(&mut self) {
        self.close_bold();
        self.trim_line_end();
        self.out.push('\n');
        self.line_blank = true;
        self.line_start = self.out.len();
    }

    /// Makes sure the text ends with at least `n` line breaks (and does not
    /// start with any): how block elements separate.
    pub(crate) fn ensure_breaks(&mut self, n: usize) {
        self.close_bold();
        self.trim_line_end();
        if self.out.is_empty() {
            return;
        }
        // Count only up to `n` trailing breaks: a page of ten thousand
        // empty paragraphs must not be rescanned at each one.
        let have = self
            .out
            .bytes()
            .rev()
            .take(n)
            .take_while(|&b| b == b'\n')
            .count();
        for _ in have..n {
            self.out.push('\n');
            self.line_blank = true;
            self.line_start = self.out.len();
        }
    }

    /// Removes what has been written on the current line.
    pub(crate) fn discard_line(&mut self) {
        self.out.truncate(self.line_start);
        self.bold_open = false;
        self.line_blank = true;
    }

    /// Whether anything but spaces has been written on the current line.
    pub(crate) fn line_is_blank(&self) -> bool {
        self.line_blank
    }

    /// The last character written, if any.
    pub(crate) fn last_char(&self) -> Option<char> {
        self.out.chars().next_back()
    }

    /// The finished text: no trailing spaces on any line, no line breaks at
    /// the end. Leading empty lines stay: in a Word document they are empty
    /// paragraphs, and keeping them keeps line numbers equal to paragraph
    /// numbers.
    pub(crate) fn finish(mut self) -> String {
        self.close_bold();
        self.trim_line_end();
        let end = self.out.trim_end_matches('\n').len();
        self.out.truncate(end);
        self.out
    }

    fn close_bold(&mut self) {
        if !self.bold_open {
            return;
        }
        self.bold_open = false;
        // `push` opens a run only with text in it, so there is text to close.
        let body_end = self.out.trim_end_matches(is_space).len();
        self.out.insert_str(body_end, "**");
    }

    fn trim_line_end(&mut self) {
        let end = self.out.trim_end_matches(is_space).len();
        self.out.truncate(end);
    }
}

/// Spaces that separate words in layout: ASCII, no-break (`&nbsp;`) and
/// the ideographic space U+3000 used to indent Chinese paragraphs.
pub(crate) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{A0}' | '\u{3000}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjacent_bold_runs_merge_and_spaces_stay_outside() {
        let mut t = MarkedText::default();
        t.push("  ", true);
        t.push("县民政局", true);
        t.push(" ", false);
        t.push("聚焦儿童关爱 ", true);
        t.push(" ", false);
        t.push("深入开展", false);
        assert_eq!(t.finish(), "  **县民政局 聚焦儿童关爱**  深入开展");
    }

    #[test]
    fn empty_bold_writes_nothing_and_newline_closes() {
        let mut t = MarkedText::default();
        t.push("   ", true);
        t.push("正文", false);
        t.push("标题", true);
        t.newline();
        t.push("下一行", false);
        assert_eq!(t.finish(), "   正文**标题**\n下一行");
    }

    #[test]
    fn a_discarded_line_leaves_no_trace() {
        let mut t = MarkedText::default();
        t.push("保留", false);
        t.newline();
        t.push("首页", true);
        t.push(" 政务公开", false);
        t.discard_line();
        t.push("正文", false);
        assert_eq!(t.finish(), "保留\n正文");
    }

    #[test]
    fn breaks_are_not_doubled_and_not_leading() {
        let mut t = MarkedText::default();
        t.ensure_breaks(2);
        t.push("a", false);
        t.ensure_breaks(1);
        t.ensure_breaks(2);
        t.push("b", false);
        t.ensure_breaks(2);
        assert_eq!(t.finish(), "a\n\nb");
    }
}
