//! A saved web page to bulletin text.
//!
//! Keeps what a reader sees in the page body and how it is laid out: each
//! block element (paragraph, div, list item, heading, table row) starts a
//! line, `<br>` breaks one, table cells sit two spaces apart, bold
//! (`<b>`, `<strong>`, `font-weight: bold`) becomes `**…**`. Paragraphs are
//! one line each, as in a Word document, not separated by blank lines: a
//! blank line means a page break to the bulletin parser, a single break after
//! an unpunctuated line means a headline. An empty paragraph (`<p>&nbsp;</p>`,
//! the spacer such pages use) is a blank line.
//!
//! Whitespace in the source collapses as a browser collapses it, except that
//! a source line break between two Chinese characters vanishes (CSS Text 3's
//! rule; a single space between two Chinese characters would otherwise read
//! as the break between headline and body). `&nbsp;` and `&#12288;` are
//! spaces the author typed and are kept, except at the start of a line
//! (paragraph indentation). A line that is nothing but links — a menu, a
//! breadcrumb trail, "previous / next article" — is navigation and is left
//! out.

use std::collections::{HashMap, VecDeque};

use super::marked::{is_space, MarkedText};
use super::xml::{numeric_reference, tag_end};

/// The visible text of an HTML page, line by line, bold as `**…**`.
pub fn html_to_text(html: &str) -> String {
    let mut reader = Reader::new(html.len());
    let mut pos = 0;
    while pos < html.len() {
        let rest = &html[pos..];
        if !rest.starts_with('<') {
            let len = rest.find('<').unwrap_or(rest.len());
            reader.text(&rest[..len]);
            pos += len;
            continue;
        }
        pos += match markup(rest) {
            Markup::Skip(len) => len,
            Markup::Start { name, attrs, len } => {
                let name = name.to_ascii_lowercase();
                if is_raw_text(&name) {
                    // Script, style and the like: skip to their end tag.
                    len + raw_text_len(&rest[len..], &name)
                } else {
                    reader.start(&name, attrs);
                    len
                }
            }
            Markup::End { name, len } => {
                reader.end(&name.to_ascii_lowercase());
                len
            }
            Markup::Unterminated => html.len() - pos,
            Markup::Literal => {
                reader.text("<");
                1
            }
        };
    }
    let text = collapse_blank_lines(reader.finish());
    match text.find(|c| c != '\n') {
        Some(start) if start > 0 => text[start..].to_owned(),
        Some(_) => text,
        None => String::new(),
    }
}

enum Markup<'a> {
    /// A comment, doctype or processing instruction of this length.
    Skip(usize),
    Start {
        name: &'a str,
        attrs: &'a str,
        len: usize,
    },
    End {
        name: &'a str,
        len: usize,
    },
    /// A tag with no closing `>`: the rest of the page is inside it.
    Unterminated,
    /// A `<` that starts no tag: text.
    Literal,
}

/// What the `<` at the start of `rest` opens.
fn markup(rest: &str) -> Markup<'_> {
    if let Some(after) = rest.strip_prefix("<!--") {
        return match after.find("-->") {
            Some(i) => Markup::Skip(4 + i + 3),
            None => Markup::Unterminated,
        };
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        return match rest.find('>') {
            Some(i) => Markup::Skip(i + 1),
            None => Markup::Unterminated,
        };
    }
    let (closing, name_start) = if rest.starts_with("</") {
        (true, 2)
    } else {
        (false, 1)
    };
    let after = &rest[name_start..];
    if !after.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Markup::Literal;
    }
    let name_len = after
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-' || c == '_'))
        .unwrap_or(after.len());
    let Some(close) = tag_end(after) else {
        return Markup::Unterminated;
    };
    let name = &after[..name_len];
    let len = name_start + close + 1;
    if closing {
        Markup::End { name, len }
    } else {
        Markup::Start {
            name,
            attrs: &after[name_len..close],
            len,
        }
    }
}

/// Elements whose content is raw text, not markup, and not shown as text.
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "title"
            | "textarea"
            | "noscript"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
    )
}

/// The length of raw text up to and including `</name…>`; the rest of the
/// page when the end tag is missing.
fn raw_text_len(rest: &str, name: &str) -> usize {
    let bytes = rest.as_bytes();
    let mut from = 0;
    while let Some(i) = rest[from..].find("</") {
        let at = from + i;
        let candidate = &bytes[at + 2..];
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return rest[at..].find('>').map_or(rest.len(), |j| at + j + 1);
        }
        from = at + 2;
    }
    rest.len()
}

/// Elements whose content is not page text (graphics, form controls, embeds).
fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "svg" | "math" | "template" | "object" | "select" | "video" | "audio" | "canvas" | "map"
    )
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "img"
            | "hr"
            | "meta"
            | "link"
            | "input"
            | "wbr"
            | "area"
            | "base"
            | "col"
            | "embed"
            | "param"
            | "source"
            | "track"
    )
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "table"
            | "tr"
            | "caption"
            | "thead"
            | "tbody"
            | "tfoot"
            | "blockquote"
            | "pre"
            | "hr"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "aside"
            | "figure"
            | "figcaption"
            | "address"
            | "center"
            | "form"
            | "fieldset"
            | "legend"
            | "details"
            | "summary"
            | "body"
            | "html"
    )
}

/// Open elements kept track of; deeper nesting forgets the outermost.
const MAX_OPEN: usize = 512;

struct Open {
    name: String,
    bold: bool,
    link: bool,
}

/// The open elements, innermost last, with an index from each name (and from
/// "block element") to where they stand, so that closing an element or
/// finding the paragraph a block closes takes constant time however deep the
/// page nests (a page of ten thousand unclosed `<font>`s stays linear).
/// Positions are absolute: the outermost element is `base`.
#[derive(Default)]
struct OpenElements {
    stack: VecDeque<Open>,
    base: u64,
    by_name: HashMap<String, VecDeque<u64>>,
    blocks: VecDeque<u64>,
}

impl OpenElements {
    fn len(&self) -> usize {
        self.stack.len()
    }

    fn end(&self) -> u64 {
        self.base + self.stack.len() as u64
    }

    fn push(&mut self, open: Open) {
        let at = self.end();
        match self.by_name.get_mut(open.name.as_str()) {
            Some(positions) => positions.push_back(at),
            None => {
                self.by_name.insert(open.name.clone(), VecDeque::from([at]));
            }
        }
        if is_block(&open.name) {
            self.blocks.push_back(at);
        }
        self.stack.push_back(open);
    }

    fn pop_innermost(&mut self) -> Option<Open> {
        let open = self.stack.pop_back()?;
        if let Some(positions) = self.by_name.get_mut(open.name.as_str()) {
            positions.pop_back();
        }
        if is_block(&open.name) {
            self.blocks.pop_back();
        }
        Some(open)
    }

    fn pop_outermost(&mut self) -> Option<Open> {
        let open = self.stack.pop_front()?;
        self.base += 1;
        if let Some(positions) = self.by_name.get_mut(open.name.as_str()) {
            positions.pop_front();
        }
        if is_block(&open.name) {
            self.blocks.pop_front();
        }
        Some(open)
    }

    /// Where the innermost open element called `name` stands.
    fn innermost(&self, name: &str) -> Option<u64> {
        self.by_name.get(name).and_then(|p| p.back().copied())
    }

    fn innermost_block(&self) -> Option<u64> {
        self.blocks.back().copied()
    }
}

struct Reader {
    out: MarkedText,
    stack: OpenElements,
    /// Open elements that make their text bold.
    bold: usize,
    /// Open links (`<a>`).
    links: usize,
    /// The current line has words inside links / outside them. A line of
    /// nothing but links is navigation (menus, breadcrumbs, "next article")
    /// and is left out.
    line_links: bool,
    line_plain: bool,
    in_head: bool,
    /// Inside a dropped element: its name and nesting depth.
    dropped: Option<(String, usize)>,
    pre: usize,
    /// Collapsible whitespace seen and not yet written; `true` when it held
    /// a line break.
    space: Option<bool>,
    /// A table cell ended; the next text in the row is two spaces away.
    cell_gap: bool,
}

impl Reader {
    fn new(capacity: usize) -> Self {
        Reader {
            out: MarkedText::with_capacity(capacity / 2),
            stack: OpenElements::default(),
            bold: 0,
            links: 0,
            line_links: false,
            line_plain: false,
            in_head: false,
            dropped: None,
            pre: 0,
            space: None,
            cell_gap: false,
        }
    }

    fn start(&mut self, name: &str, attrs: &str) {
        if let Some((dropped, depth)) = &mut self.dropped {
            *depth += (dropped == name) as usize;
            return;
        }
        if name == "body" {
            self.in_head = false;
        }
        if self.in_head {
            return;
        }
        if name == "head" {
            self.in_head = true;
            return;
        }
        if is_dropped(name) {
            self.dropped = Some((name.to_owned(), 1));
            return;
        }
        // Start tags that close an open element, as HTML's parser does: a
        // block closes an open paragraph, an item the item before it. This
        // also keeps the stack short on pages that never close their `<p>`.
        match name {
            "li" => self.close_open(&["li"], &["ul", "ol"]),
            "dt" | "dd" => self.close_open(&["dt", "dd"], &["dl"]),
            "td" | "th" => self.close_open(&["td", "th"], &["tr", "table"]),
            "tr" => self.close_open(&["tr", "td", "th"], &["table", "tbody", "thead", "tfoot"]),
            _ => {}
        }
        if is_block(name)
            && !matches!(
                name,
                "html" | "body" | "tr" | "caption" | "thead" | "tbody" | "tfoot"
            )
        {
            self.close_open(&["p"], &[]);
        }
        match name {
            "br" => self.line_break(),
            "tr" => {
                self.cell_gap = false;
                self.block_break();
            }
            "pre" => {
                self.pre += 1;
                self.block_break();
            }
            _ if is_block(name) => self.block_break(),
            _ => {}
        }
        if !is_void(name) {
            if self.stack.len() >= MAX_OPEN {
                // Pathological nesting: forget the outermost element.
                if let Some(outermost) = self.stack.pop_outermost() {
                    self.forget(&outermost);
                }
            }
            let bold = matches!(name, "b" | "strong") || style_is_bold(attrs);
            let link = name == "a";
            self.bold += bold as usize;
            self.links += link as usize;
            self.stack.push(Open {
                name: name.to_owned(),
                bold,
                link,
            });
        }
    }

    /// Closes the innermost open element named in `names` (and what is open
    /// inside it), looking no further out than a block element or one
    /// named in `stop_at`.
    fn close_open(&mut self, names: &[&str], stop_at: &[&str]) {
        let Some(at) = names.iter().filter_map(|n| self.stack.innermost(n)).max() else {
            return;
        };
        let barrier = if stop_at.is_empty() {
            self.stack.innermost_block()
        } else {
            stop_at.iter().filter_map(|n| self.stack.innermost(n)).max()
        };
        // The element itself may be the block (`p` is one): it is found
        // before it is a barrier.
        if barrier.is_none_or(|b| at >= b) {
            self.close_from(at);
        }
    }

    /// Closes the open elements from absolute position `at` inwards.
    fn close_from(&mut self, at: u64) {
        while self.stack.end() > at {
            match self.stack.pop_innermost() {
                Some(open) => self.forget(&open),
                None => break,
            }
        }
    }

    fn forget(&mut self, open: &Open) {
        self.bold -= open.bold as usize;
        self.links -= open.link as usize;
    }

    fn end(&mut self, name: &str) {
        if let Some((dropped, depth)) = &mut self.dropped {
            if dropped == name {
                *depth -= 1;
                if *depth == 0 {
                    self.dropped = None;
                }
            }
            return;
        }
        if name == "head" {
            self.in_head = false;
            return;
        }
        if self.in_head {
            return;
        }
        // Close the element and whatever was left open inside it.
        if let Some(at) = self.stack.innermost(name) {
            self.close_from(at);
        }
        match name {
            "p" => {
                let navigation = self.end_line();
                if !navigation && self.out.line_is_blank() {
                    // An empty paragraph is a blank line.
                    self.space = None;
                    self.out.newline();
                }
                self.block_break();
            }
            "td" | "th" => self.cell_gap = true,
            "tr" => {
                self.cell_gap = false;
                self.block_break();
            }
            "pre" => {
                self.pre = self.pre.saturating_sub(1);
                self.block_break();
            }
            _ if is_block(name) => self.block_break(),
            _ => {}
        }
    }

    fn text(&mut self, raw: &str) {
        if self.in_head || self.dropped.is_some() {
            return;
        }
        let mut rest = raw;
        while let Some(c) = rest.chars().next() {
            if c == '&' {
                let (decoded, len) = entity(rest);
                rest = &rest[len..];
                match decoded {
                    Entity::Char(c) => self.visible(c),
                    Entity::Space => self.hard_space(),
                    Entity::Nothing => {}
                }
                continue;
            }
            rest = &rest[c.len_utf8()..];
            match c {
                '\n' if self.pre > 0 => self.line_break(),
                ' ' | '\t' | '\n' | '\r' | '\x0C' if self.pre == 0 => {
                    let line_break = c == '\n' || c == '\r';
                    self.space = Some(self.space.unwrap_or(false) || line_break);
                }
                '\r' => {}
                '\u{A0}' => self.hard_space(),
                '\u{AD}' => {}
                c => self.visible(c),
            }
        }
    }

    /// A character that is not collapsible whitespace.
    fn visible(&mut self, c: char) {
        if self.pre == 0 && is_space(c) {
            return self.hard_space();
        }
        if c.is_alphanumeric() {
            if self.links > 0 {
                self.line_links = true;
            } else {
                self.line_plain = true;
            }
        }
        let bold = self.bold > 0;
        if self.cell_gap {
            self.cell_gap = false;
            self.space = None;
            if !self.out.line_is_blank() {
                self.out.push("  ", false);
            }
        }
        if let Some(line_break) = self.space.take() {
            let vanishes = line_break && self.out.last_char().is_some_and(is_wide) && is_wide(c);
            if !vanishes && !self.out.line_is_blank() {
                self.out.push(" ", bold);
            }
        }
        self.out.push_char(c, bold);
    }

    /// `&nbsp;`, `&#12288;` and their kin: kept, except as indentation.
    fn hard_space(&mut self) {
        if self.out.line_is_blank() {
            self.space = None;
            return;
        }
        if self.space.take().is_some() {
            self.out.push(" ", self.bold > 0);
        }
        self.out.push(" ", self.bold > 0);
    }

    fn line_break(&mut self) {
        self.space = None;
        if !self.end_line() {
            self.out.newline();
        }
    }

    fn block_break(&mut self) {
        self.space = None;
        self.end_line();
        self.out.ensure_breaks(1);
    }

    /// Ends the current line's bookkeeping; a navigation line (links only)
    /// is removed. Says whether it was.
    fn end_line(&mut self) -> bool {
        let navigation = self.line_links && !self.line_plain;
        if navigation {
            self.out.discard_line();
            self.cell_gap = false;
        }
        self.line_links = false;
        self.line_plain = false;
        navigation
    }

    fn finish(mut self) -> String {
        self.end_line();
        self.out.finish()
    }
}

/// `font-weight: bold` (or bolder, or 600–900) in a `style` attribute.
fn style_is_bold(attrs: &str) -> bool {
    let lower = attrs.to_ascii_lowercase();
    let Some(at) = lower.find("font-weight") else {
        return false;
    };
    let value = lower[at + "font-weight".len()..]
        .trim_start()
        .trim_start_matches(':')
        .trim_start();
    value.starts_with("bold")
        || value.starts_with("600")
        || value.starts_with("700")
        || value.starts_with("800")
        || value.starts_with("900")
}

/// Chinese, Japanese and Korean characters and full-width forms: the East
/// Asian wide characters between which a source line break is no space.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

enum Entity {
    Char(char),
    /// A space the author typed (`&nbsp;`, `&emsp;`…).
    Space,
    /// Soft hyphen and zero-width characters: nothing to show.
    Nothing,
}

const MAX_ENTITY_NAME: usize = 32;

/// Decodes the entity at the start of `rest` (which starts with `&`); the
/// byte length consumed. Not an entity: a literal `&`.
fn entity(rest: &str) -> (Entity, usize) {
    let body = &rest[1..];
    // The longest entity name is well under 32 bytes; looking no further
    // keeps a bare `&` before a long run of letters cheap.
    let name_len = body
        .bytes()
        .take(MAX_ENTITY_NAME)
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'#'))
        .unwrap_or(body.len().min(MAX_ENTITY_NAME));
    let name = &body[..name_len];
    let terminated = body[name_len..].starts_with(';');
    let len = 1 + name_len + terminated as usize;
    if name.starts_with('#') {
        if let Some(c) = numeric_reference(name) {
            return (numeric_entity(c), len);
        }
    } else if terminated || matches!(name, "nbsp" | "amp" | "lt" | "gt" | "quot" | "copy" | "reg") {
        if let Some(decoded) = named_entity(name) {
            return (decoded, len);
        }
    }
    (Entity::Char('&'), 1)
}

fn numeric_entity(c: char) -> Entity {
    match c {
        '\u{A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => Entity::Space,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => Entity::Nothing,
        // HTML reads references to C1 controls as Windows-1252 (&#150; is –).
        '\u{80}'..='\u{9F}' => Entity::Char(windows_1252(c as u8)),
        c => Entity::Char(c),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    HIGH[(b - 0x80) as usize]
}

fn named_entity(name: &str) -> Option<Entity> {
    let c = match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => return Some(Entity::Space),
        "shy" | "zwj" | "zwnj" | "lrm" | "rlm" => return Some(Entity::Nothing),
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "minus" => '−',
        "deg" => '°',
        "permil" => '‰',
        "percnt" => '%',
        "yen" => '¥',
        "cent" => '¢',
        "pound" => '£',
        "euro" => '€',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "sect" => '§',
        "para" => '¶',
        "prime" => '′',
        "Prime" => '″',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "asymp" => '≈',
        "infin" => '∞',
        "radic" => '√',
        "sup1" => '¹',
        "sup2" => '²',
        "sup3" => '³',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "micro" => 'µ',
        "ordm" => 'º',
        "ordf" => 'ª',
        "iexcl" => '¡',
        "iquest" => '¿',
        "brvbar" => '¦',
        "uml" => '¨',
        "macr" => '¯',
        "acute" => '´',
        "cedil" => '¸',
        "not" => '¬',
        "curren" => '¤',
        "loz" => '◊',
        "hearts" => '♥',
        "star" => '☆',
        "starf" => '★',
        "check" => '✓',
        _ => return None,
    };
    Some(Entity::Char(c))
}

/// At most one blank line in a row: several `<br>`s or spacer paragraphs
/// are one gap.
fn collapse_blank_lines(text: String) -> String {
    if !text.contains("\n\n\n") {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut newlines = 0;
    for c in text.chars() {
        if c == '\n' {
            newlines += 1;
            if newlines > 2 {
                continue;
            }
        } else {
            newlines = 0;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_scripts_and_styles_are_dropped() {
        let page = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>某县人民政府网</title>
<style>p { color: red }</style><script>var s = "<p>no</p>";</script></head>
<body><!-- nav --><p>政务快报</p><script type="text/javascript">document.write("</div>")</script></body></html>"#;
        assert_eq!(html_to_text(page), "政务快报");
    }

    #[test]
    fn blocks_lines_and_bold() {
        let page = "<body><div><p><strong>县水利局</strong><strong>加快灌区建设</strong>&nbsp;&nbsp;今年以来，新增灌溉面积\n  2.3 万亩。（水利局）</p>\
                    <p>第二段<br>换行</p><ul><li>一</li><li>二</li></ul></div></body>";
        assert_eq!(
            html_to_text(page),
            "**县水利局加快灌区建设**  今年以来，新增灌溉面积 2.3 万亩。（水利局）\n第二段\n换行\n一\n二"
        );
    }

    #[test]
    fn source_line_breaks_between_chinese_vanish() {
        let page = "<p>全县共排查\n    隐患 120 处，\r\n整改到位</p>";
        assert_eq!(html_to_text(page), "全县共排查隐患 120 处，整改到位");
    }

    #[test]
    fn entities() {
        let page = "<p>A&amp;B &lt;C&gt; &ldquo;五清单&rdquo; &#20013;&#x6587; &#150; &bogus; &copy 3&nbsp;&nbsp;亿</p>";
        assert_eq!(
            html_to_text(page),
            "A&B <C> “五清单” 中文 – &bogus; © 3  亿"
        );
    }

    #[test]
    fn indentation_and_empty_paragraphs() {
        let page = "<p>&#12288;&#12288;第一段</p><p>&nbsp;</p><p>\u{3000}\u{3000}第二段</p><p></p><p></p><p></p><p>第三段</p>";
        assert_eq!(html_to_text(page), "第一段\n\n第二段\n\n第三段");
    }

    #[test]
    fn style_bold_and_unclosed_bold() {
        let page = "<p><span style=\"FONT-WEIGHT: bold\">城关镇</span>排查 109 起</p><p><b>未闭合</p><p>正常</p>";
        assert_eq!(
            html_to_text(page),
            "**城关镇**排查 109 起\n**未闭合**\n正常"
        );
    }

    #[test]
    fn table_cells_two_spaces_apart() {
        let page = "<table><tr><td>县政府办公室</td><td> 2024年5月6日 </td></tr><tr><td>第二行</td></tr></table>";
        assert_eq!(html_to_text(page), "县政府办公室  2024年5月6日\n第二行");
    }

    #[test]
    fn unclosed_paragraphs_and_items_close_themselves() {
        let page = "<p><b>甲</b>乙<p>丙<div>丁</div><ul><li>一<li><strong>二</strong></ul>戊";
        assert_eq!(html_to_text(page), "**甲**乙\n丙\n丁\n一\n**二**\n戊");
        // Thousands of unclosed paragraphs do not pile up.
        let many = "<p>段".repeat(5000);
        assert_eq!(html_to_text(&many).lines().count(), 5000);
    }

    #[test]
    fn navigation_lines_are_left_out() {
        let page = concat!(
            "<body><div class=\"nav\"><a href=\"/\">首页</a> | <a href=\"/zwgk\">政务公开</a></div>",
            "<ul><li><a href=\"1\">上一篇：第 11 期</a></li></ul>",
            "<table><tr><td><a href=\"a\">网站地图</a></td><td><a href=\"b\">联系我们</a></td></tr></table>",
            "<p>松陵政务快报</p><p>详见<a href=\"f.docx\">附件</a>。</p><p><a>链接</a><br>第二行</p></body>"
        );
        assert_eq!(html_to_text(page), "松陵政务快报\n详见附件。\n第二行");
    }

    #[test]
    fn broken_markup_does_not_lose_text() {
        assert_eq!(html_to_text("a < b and 3<4 <p>c"), "a < b and 3<4\nc");
        assert_eq!(html_to_text("x <p unterminated"), "x");
        assert_eq!(
            html_to_text("<svg><svg></svg><text>no</text></svg>yes"),
            "yes"
        );
        assert_eq!(html_to_text("<pre>a\n  b</pre>"), "a\n  b");
    }
}
