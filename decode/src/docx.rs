//! A Word document's `word/document.xml` to bulletin text.
//!
//! Each paragraph (`w:p`) becomes a line, the text of its runs (`w:t`) in
//! order; bold runs (`w:rPr/w:b`) become `**…**`. Table rows become one line
//! with their cells two spaces apart (a masthead's issuer and date often sit
//! in one row). Text that is not the document's — deleted revisions, field
//! codes, the duplicate fallback copy of a text box — is skipped; so are
//! styles, which this reader does not resolve.

use std::collections::HashMap;

use super::marked::MarkedText;
use super::xml::{attr, tokens, unescape, Token};
use super::DecodeError;

/// The text of a `document.xml`. What cannot be read is skipped; the one
/// error is nesting deeper than [`MAX_XML_DEPTH`], which no word processor
/// writes and which would otherwise lose text silently.
pub fn docx_xml_to_text(document_xml: &str) -> Result<String, DecodeError> {
    let mut reader = Reader {
        out: MarkedText::with_capacity(document_xml.len() / 4),
        stack: Vec::with_capacity(32),
        open: HashMap::new(),
        skip_depth: None,
        run_bold: false,
        tables: 0,
        pending: Pending::None,
    };
    for token in tokens(document_xml) {
        reader.token(token)?;
    }
    Ok(reader.out.finish())
}

/// How deep elements may nest in a `document.xml`. Word's own documents stay
/// under 40 even with tables in tables; deeper is damaged or hostile input,
/// refused with a message rather than read with text missing.
pub const MAX_XML_DEPTH: usize = 1024;

/// A separator inside a table, written only when more text follows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pending {
    None,
    /// Between paragraphs of one cell.
    Line,
    /// Between cells of one row.
    Cell,
}

struct Reader<'a> {
    out: MarkedText,
    /// Names of the open elements.
    stack: Vec<&'a str>,
    /// How many elements of each name are open: a stray end tag is known
    /// stray at once instead of by searching the whole stack.
    open: HashMap<&'a str, u32>,
    /// While inside a skipped element: the stack depth it opened at.
    skip_depth: Option<usize>,
    /// The run being read is bold.
    run_bold: bool,
    /// How many tables we are inside.
    tables: usize,
    pending: Pending,
}

impl<'a> Reader<'a> {
    fn token(&mut self, token: Token<'a>) -> Result<(), DecodeError> {
        match token {
            Token::Start { name, attrs, empty } => {
                if self.skip_depth.is_none() {
                    self.start(name, attrs, empty);
                }
                if !empty {
                    if self.stack.len() >= MAX_XML_DEPTH {
                        return Err(DecodeError::TooDeep {
                            limit: MAX_XML_DEPTH,
                        });
                    }
                    if self.skip_depth.is_none() && is_skipped(name) {
                        self.skip_depth = Some(self.stack.len());
                    }
                    self.stack.push(name);
                    *self.open.entry(name).or_insert(0) += 1;
                }
            }
            Token::End { name } => self.end(name),
            Token::Text(raw) => {
                if self.skip_depth.is_none() && self.stack.last() == Some(&"w:t") {
                    self.text(&unescape(raw));
                }
            }
            Token::CData(text) => {
                if self.skip_depth.is_none() && self.stack.last() == Some(&"w:t") {
                    self.text(text);
                }
            }
        }
        Ok(())
    }

    fn start(&mut self, name: &str, attrs: &str, empty: bool) {
        match name {
            "w:p" if self.tables == 0 => {
                if !self.out.line_is_blank() {
                    // A paragraph inside a paragraph: a text box's content.
                    self.out.newline();
                }
                if empty {
                    self.out.newline();
                }
            }
            "w:r" => self.run_bold = false,
            "w:b" if self.parent_is_run_properties() => {
                self.run_bold =
                    !matches!(attr(attrs, "w:val").as_deref(), Some("0" | "false" | "off"));
            }
            "w:tab" if self.in_run() => self.text("  "),
            "w:br" | "w:cr" if self.in_run() => self.out.newline(),
            "w:noBreakHyphen" if self.in_run() => self.text("-"),
            "w:tbl" => self.tables += 1,
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.open.get(name).is_none_or(|&n| n == 0) {
            return; // A stray end tag.
        }
        // Found, and everything above it is closed with it: the search costs
        // no more than the truncation, so each element is paid for once.
        let Some(at) = self.stack.iter().rposition(|&open| open == name) else {
            return;
        };
        for closed in self.stack.drain(at..) {
            if let Some(n) = self.open.get_mut(closed) {
                *n -= 1;
            }
        }
        if let Some(depth) = self.skip_depth {
            if at <= depth {
                self.skip_depth = None;
            }
            return;
        }
        match name {
            "w:p" if self.tables == 0 => self.out.newline(),
            "w:p" => self.pending = Pending::Line,
            "w:tc" => self.pending = Pending::Cell,
            "w:tr" => {
                self.pending = Pending::None;
                if !self.out.line_is_blank() {
                    self.out.newline();
                }
            }
            "w:tbl" => {
                self.tables = self.tables.saturating_sub(1);
                self.pending = Pending::None;
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        match std::mem::replace(&mut self.pending, Pending::None) {
            Pending::None => {}
            Pending::Line => self.out.newline(),
            Pending::Cell if !self.out.line_is_blank() => self.out.push("  ", false),
            Pending::Cell => {}
        }
        // XML 1.0 allows no control characters but tab and line breaks; a
        // damaged or hostile part may hold them (a NUL would reach the JSON).
        if text.contains(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
            let clean: String = text
                .chars()
                .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
                .collect();
            self.out.push(&clean, self.run_bold);
            return;
        }
        self.out.push(text, self.run_bold);
    }

    fn in_run(&self) -> bool {
        self.stack.last() == Some(&"w:r")
    }

    fn parent_is_run_properties(&self) -> bool {
        let n = self.stack.len();
        n >= 2 && self.stack[n - 1] == "w:rPr" && self.stack[n - 2] == "w:r"
    }
}

/// Elements whose content is not the document's visible text. `mc:Fallback`
/// repeats what `mc:Choice` holds (text boxes in both DrawingML and VML).
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "mc:Fallback" | "w:del" | "w:instrText" | "w:delText" | "w:pPr" | "w:sectPr"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr><w:pgSz w:w="11906"/></w:sectPr></w:body></w:document>"#
        )
    }

    fn run(text: &str, bold: bool) -> String {
        let props = if bold {
            "<w:rPr><w:b/><w:bCs/></w:rPr>"
        } else {
            "<w:rPr><w:sz w:val=\"32\"/></w:rPr>"
        };
        format!(r#"<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>"#)
    }

    #[test]
    fn paragraphs_become_lines_and_bold_runs_merge() {
        let xml = doc(&format!(
            "<w:p>{}</w:p><w:p/><w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr>{}{}{}</w:p>",
            run("城关镇推进老旧小区改造", false),
            run("县交通局", true),
            run("开展路域环境整治", true),
            run(" 累计清理 120 余处。", false),
        ));
        assert_eq!(
            docx_xml_to_text(&xml).unwrap(),
            "城关镇推进老旧小区改造\n\n**县交通局开展路域环境整治** 累计清理 120 余处。"
        );
    }

    #[test]
    fn leading_empty_paragraphs_keep_line_numbers() {
        let xml = doc("<w:p/><w:p></w:p><w:p><w:r><w:t>第三段</w:t></w:r></w:p><w:p/>");
        assert_eq!(docx_xml_to_text(&xml).unwrap(), "\n\n第三段");
    }

    #[test]
    fn bold_switched_off_is_not_bold() {
        let xml = doc(
            r#"<w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>普通</w:t></w:r><w:r><w:rPr><w:b w:val="true"/></w:rPr><w:t>加粗</w:t></w:r></w:p>"#,
        );
        assert_eq!(docx_xml_to_text(&xml).unwrap(), "普通**加粗**");
    }

    #[test]
    fn tabs_breaks_entities_and_skipped_parts() {
        let xml = doc(concat!(
            "<w:p><w:r><w:t>县政府办公室</w:t><w:tab/><w:t>2024 年 3 月 8 日</w:t></w:r></w:p>",
            "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>A&amp;B&lt;C&gt;</w:t></w:r>",
            "<w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del>",
            "<w:r><w:instrText> PAGE </w:instrText></w:r></w:p>",
        ));
        assert_eq!(
            docx_xml_to_text(&xml).unwrap(),
            "县政府办公室  2024 年 3 月 8 日\n第一行\nA&B<C>"
        );
    }

    #[test]
    fn table_rows_are_lines_with_cells_apart() {
        let cell = |t: &str| format!("<w:tc><w:tcPr/><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
        let xml = doc(&format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl><w:p><w:r><w:t>表后</w:t></w:r></w:p>",
            cell("乡镇"),
            cell("户数"),
            cell("城关镇"),
            cell("67 户")
        ));
        assert_eq!(
            docx_xml_to_text(&xml).unwrap(),
            "乡镇  户数\n城关镇  67 户\n表后"
        );
    }

    #[test]
    fn control_characters_in_text_are_dropped() {
        let xml = doc("<w:p><w:r><w:t>县\u{0}财政\u{1b}[2J局</w:t></w:r></w:p>");
        assert_eq!(docx_xml_to_text(&xml).unwrap(), "县财政[2J局");
    }

    #[test]
    fn text_box_fallback_is_not_doubled() {
        let xml = doc(concat!(
            "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>",
            "<w:p><w:r><w:t>政务快报</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>",
            "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>政务快报</w:t></w:r></w:p>",
            "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>",
            "<w:p><w:r><w:t>第 5 期</w:t></w:r></w:p>"
        ));
        assert_eq!(docx_xml_to_text(&xml).unwrap(), "政务快报\n\n第 5 期");
    }
}
