//! Content streams (ISO 32000-1 §8–9): the text operators, followed with
//! the graphics state far enough to know where each glyph lands on the page;
//! form XObjects are entered (depth-limited), images counted.

use std::collections::HashMap;
use std::rc::Rc;

use super::file::File;
use super::font::{Font, GbkDecoder, Glyph};
use super::lex::{Dict, Lexer, Obj, Token};

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

/// Form XObjects nested deeper than this are not entered.
const MAX_FORM_DEPTH: u32 = 8;
/// Saved graphics states (`q`) beyond this are not kept.
const MAX_SAVED: usize = 256;
/// Operands kept before an operator (more is junk).
const MAX_OPERANDS: usize = 64;

/// A glyph placed on the page, in device space (y up).
#[derive(Debug, Clone)]
pub struct Placed {
    pub x: f64,
    pub y: f64,
    /// Where the next glyph would start.
    pub end_x: f64,
    pub size: f64,
    /// `None`: the font has no Unicode for this code.
    pub text: Option<String>,
    /// Drawn bold: a bold font, or filled and stroked (`2 Tr`, how Word
    /// and LibreOffice embolden a font that has no bold face).
    pub bold: bool,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_space: f64,
    word_space: f64,
    scale: f64,
    leading: f64,
    rise: f64,
    render_mode: i64,
}

/// What a page's content gives.
#[derive(Default)]
pub struct PageContent {
    pub glyphs: Vec<Placed>,
    pub images: usize,
    /// More glyphs than `Limits::max_page_glyphs` were drawn.
    pub overfull: bool,
}

pub struct Interpreter<'f, 'a> {
    pub file: &'f File<'a>,
    pub gbk: Option<GbkDecoder<'f>>,
    /// Fonts by object number.
    pub fonts: HashMap<u32, Rc<Font>>,
    /// Fonts given as direct dictionaries, by resource dictionary and name.
    direct_fonts: HashMap<(usize, Vec<u8>), Rc<Font>>,
    /// Tokens left for the whole document.
    pub tokens_left: usize,
    /// Glyphs kept for one page; past this the page is overfull.
    pub max_glyphs: usize,
    /// Decoded form XObjects by object number.
    forms: HashMap<u32, Rc<Vec<u8>>>,
}

impl<'f, 'a> Interpreter<'f, 'a> {
    pub fn new(file: &'f File<'a>, gbk: Option<GbkDecoder<'f>>, tokens: usize) -> Self {
        Interpreter {
            file,
            gbk,
            fonts: HashMap::new(),
            direct_fonts: HashMap::new(),
            tokens_left: tokens,
            max_glyphs: usize::MAX,
            forms: HashMap::new(),
        }
    }

    pub fn run_page(&mut self, content: &[u8], resources: &Dict, out: &mut PageContent) {
        self.direct_fonts.clear();
        let state = State {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render_mode: 0,
        };
        self.run(content, resources, state, 0, out);
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: &Dict,
        mut gs: State,
        depth: u32,
        out: &mut PageContent,
    ) {
        let mut saved: Vec<State> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        let mut ops: Vec<Obj> = Vec::new();
        let mut lex = Lexer::new(content, 0);
        let mut decoded: Vec<Glyph> = Vec::new();
        while self.tokens_left > 0 {
            self.tokens_left -= 1;
            let Some(token) = lex.next() else { break };
            let op = match token {
                Token::Obj(o) => {
                    if ops.len() < MAX_OPERANDS {
                        ops.push(o);
                    }
                    continue;
                }
                Token::Keyword(k) => k,
            };
            let num = |i: usize| ops.get(i).and_then(Obj::as_f64).unwrap_or(0.0);
            let six = || -> Option<Matrix> {
                if ops.len() < 6 {
                    return None;
                }
                let m = [
                    num(ops.len() - 6),
                    num(ops.len() - 5),
                    num(ops.len() - 4),
                    num(ops.len() - 3),
                    num(ops.len() - 2),
                    num(ops.len() - 1),
                ];
                m.iter().all(|v| v.is_finite()).then_some(m)
            };
            match op {
                b"q" if saved.len() < MAX_SAVED => saved.push(gs.clone()),
                b"Q" => {
                    if let Some(s) = saved.pop() {
                        gs = s;
                    }
                }
                b"cm" => {
                    if let Some(m) = six() {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    gs.size = num(1);
                    gs.font = ops
                        .first()
                        .and_then(Obj::as_name)
                        .and_then(|n| self.font(resources, n));
                }
                b"Tc" => gs.char_space = num(0),
                b"Tw" => gs.word_space = num(0),
                b"Tz" => gs.scale = num(0) / 100.0,
                b"TL" => gs.leading = num(0),
                b"Ts" => gs.rise = num(0),
                b"Tr" => gs.render_mode = num(0) as i64,
                b"Td" | b"TD" => {
                    let (tx, ty) = (num(0), num(1));
                    if op == b"TD" {
                        gs.leading = -ty;
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    if let Some(m) = six() {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op != b"Tj" {
                        if op == b"\"" {
                            gs.word_space = num(0);
                            gs.char_space = num(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Obj::Str(s)) = ops.last() {
                        self.show(s, &gs, &mut tm, &mut decoded, out);
                    }
                }
                b"TJ" => {
                    if let Some(Obj::Array(items)) = ops.last() {
                        for item in items.iter() {
                            match item {
                                Obj::Str(s) => self.show(s, &gs, &mut tm, &mut decoded, out),
                                other => {
                                    if let Some(n) = other.as_f64() {
                                        let tx = -n / 1000.0 * gs.size * gs.scale;
                                        if tx.is_finite() {
                                            tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(name) = ops.first().and_then(Obj::as_name) {
                        self.xobject(resources, name, &gs, depth, out);
                    }
                }
                b"BI" => {
                    skip_inline_image(&mut lex);
                    out.images += 1;
                }
                _ => {}
            }
            ops.clear();
        }
    }

    fn font(&mut self, resources: &Dict, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = self.file.get(resources, b"Font");
        let entry = fonts.as_dict()?.get(name)?.clone();
        if let Obj::Ref(num, _) = entry {
            if let Some(f) = self.fonts.get(&num) {
                return Some(f.clone());
            }
            let dict = self.file.resolve(&entry);
            let font = Rc::new(Font::load(self.file, dict.as_dict()?, self.gbk));
            self.fonts.insert(num, font.clone());
            return Some(font);
        }
        // The resource dictionary lives as long as the page's run, so its
        // address names it; a `Tf` repeated a million times loads once.
        let key = (resources as *const Dict as usize, name.to_vec());
        if let Some(f) = self.direct_fonts.get(&key) {
            return Some(f.clone());
        }
        let font = Rc::new(Font::load(self.file, entry.as_dict()?, self.gbk));
        self.direct_fonts.insert(key, font.clone());
        Some(font)
    }

    /// Shows a string: each glyph placed, the text matrix advanced.
    fn show(
        &mut self,
        bytes: &[u8],
        gs: &State,
        tm: &mut Matrix,
        decoded: &mut Vec<Glyph>,
        out: &mut PageContent,
    ) {
        let Some(font) = gs.font.clone() else { return };
        decoded.clear();
        font.decode(bytes, self.gbk, decoded);
        for glyph in decoded.drain(..) {
            let trm = mul(
                &mul(&[gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise], tm),
                &gs.ctm,
            );
            let mut tx = glyph.width * font.scale * gs.size + gs.char_space;
            if glyph.is_space {
                tx += gs.word_space;
            }
            tx *= gs.scale;
            if !tx.is_finite() {
                tx = 0.0;
            }
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
            let end = mul(&[gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise], tm);
            let end = mul(&end, &gs.ctm);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            if !(trm[4].is_finite() && trm[5].is_finite() && size.is_finite()) {
                continue;
            }
            if out.glyphs.len() >= self.max_glyphs {
                out.overfull = true;
                return;
            }
            out.glyphs.push(Placed {
                x: trm[4],
                y: trm[5],
                end_x: end[4],
                size,
                text: glyph.text,
                bold: font.bold || gs.render_mode == 2,
            });
        }
    }

    fn xobject(
        &mut self,
        resources: &Dict,
        name: &[u8],
        gs: &State,
        depth: u32,
        out: &mut PageContent,
    ) {
        let xobjects = self.file.get(resources, b"XObject");
        let Some(entry) = xobjects.as_dict().and_then(|d| d.get(name)).cloned() else {
            return;
        };
        let obj = self.file.resolve(&entry);
        let Some(dict) = obj.as_dict() else { return };
        match self.file.get(dict, b"Subtype").as_name() {
            Some(b"Image") => out.images += 1,
            Some(b"Form") if depth < MAX_FORM_DEPTH => {
                let data = match entry {
                    Obj::Ref(num, _) => match self.forms.get(&num) {
                        Some(d) => d.clone(),
                        None => {
                            let d = Rc::new(self.file.stream_data(&obj).unwrap_or_default());
                            self.forms.insert(num, d.clone());
                            d
                        }
                    },
                    _ => Rc::new(self.file.stream_data(&obj).unwrap_or_default()),
                };
                let mut inner = gs.clone();
                if let Obj::Array(m) = self.file.get(dict, b"Matrix") {
                    let v: Vec<f64> = m.iter().filter_map(Obj::as_f64).collect();
                    if v.len() == 6 && v.iter().all(|x| x.is_finite()) {
                        inner.ctm = mul(&[v[0], v[1], v[2], v[3], v[4], v[5]], &gs.ctm);
                    }
                }
                let own = self.file.get(dict, b"Resources");
                let res = own.as_dict().cloned().unwrap_or_else(|| resources.clone());
                self.run(&data, &res, inner, depth + 1, out);
                // `res` is gone: fonts cached by its address must go too.
                self.direct_fonts.clear();
            }
            _ => {}
        }
    }
}

/// Past `ID <binary data> EI` of an inline image.
fn skip_inline_image(lex: &mut Lexer) {
    let buf = lex.buf;
    let Some(id) = super::file::find(&buf[lex.pos..], b"ID") else {
        lex.pos = buf.len();
        return;
    };
    let mut i = lex.pos + id + 2;
    while i + 2 <= buf.len() {
        if &buf[i..i + 2] == b"EI"
            && i > 0
            && super::lex::is_white(buf[i - 1])
            && buf.get(i + 2).is_none_or(|&b| super::lex::is_white(b))
        {
            lex.pos = i + 2;
            return;
        }
        i += 1;
    }
    lex.pos = buf.len();
}

/// Counts of what a page's glyphs gave.
#[derive(Default, Debug, Clone, Copy)]
pub struct Counts {
    pub glyphs: usize,
    pub unmapped: usize,
}

/// A page's glyphs as lines of text, in the order drawn: a line break where
/// the baseline moves, a space where there is a visible gap (wider than the
/// line's usual spacing, so justified CJK lines get no spurious spaces).
pub fn layout(glyphs: &[Placed], counts: &mut Counts) -> String {
    // Each line: its glyphs, each with whether a space glyph came before it.
    let mut lines: Vec<Vec<(&Placed, bool)>> = Vec::new();
    let mut space_before = false;
    for g in glyphs {
        if g.text.as_deref().is_some_and(str::is_empty) {
            continue;
        }
        if is_blank(g) {
            // A space drawn with some width is a space; zero-width ones not.
            space_before |= g.end_x - g.x > 0.1 * g.size;
            continue;
        }
        let same_line = lines.last().and_then(|l| l.last()).is_some_and(|(p, _)| {
            let size = p.size.max(g.size).max(1e-3);
            (g.y - p.y).abs() < 0.5 * size && g.x > p.x - 2.0 * size
        });
        if same_line {
            let line = lines.last_mut().unwrap();
            // Fake bold: the same glyph drawn again a hair to the side.
            let dup = line.iter().rev().take(3).any(|(p, _)| {
                p.text == g.text
                    && (p.x - g.x).abs() < 0.15 * g.size.max(1e-3)
                    && (p.y - g.y).abs() < 0.15 * g.size.max(1e-3)
            });
            if !dup {
                line.push((g, space_before));
            }
        } else {
            lines.push(vec![(g, false)]);
        }
        space_before = false;
    }
    // Bold is marked as `**…**` (the parser reads a bold run as the end of a
    // headline, as in .docx files) unless most of the page is bold: then it
    // is the body's face, not emphasis.
    let ink: usize = lines.iter().map(Vec::len).sum();
    let bold: usize = lines.iter().flatten().filter(|(g, _)| g.bold).count();
    let mark_bold = bold * 5 <= ink * 2;
    let mut out = String::new();
    for line in &lines {
        // The line's usual spacing (justified text spreads its glyphs): the
        // lower quartile of the gaps, so a few real spaces do not raise it.
        let mut gaps: Vec<f64> = line.windows(2).map(|w| w[1].0.x - w[0].0.end_x).collect();
        gaps.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
        let usual = gaps.get(gaps.len() / 4).copied().unwrap_or(0.0).max(0.0);
        let start = out.len();
        let mut prev: Option<&Placed> = None;
        let mut open = false;
        for &(g, spaced) in line {
            counts.glyphs += 1;
            let space =
                prev.is_some_and(|p| spaced || g.x - p.end_x - usual > 0.25 * g.size.max(p.size));
            let bold = mark_bold && g.bold;
            // Markers hug the bold text: `**标题** 正文`, never `**标题 **`.
            if open && !bold {
                out.push_str("**");
                open = false;
            }
            if space && !out.ends_with(' ') {
                out.push(' ');
            }
            if bold && !open {
                out.push_str("**");
                open = true;
            }
            match g.text.as_deref() {
                Some(t) if t.chars().all(usable) => out.push_str(t),
                _ => {
                    counts.unmapped += 1;
                    out.push('\u{FFFD}');
                }
            }
            prev = Some(g);
        }
        if open {
            out.push_str("**");
        }
        if out[start..].contains("**") {
            let line = plain_labels(&out[start..]);
            out.truncate(start);
            out.push_str(&line);
        }
        let trimmed = out[start..].trim_end().len();
        out.truncate(start + trimmed);
        out.push('\n');
    }
    out
}

/// A bold run that ends with a colon is a label (`**责任编辑：**李明`,
/// `**联系人：**`): it reads the same without the bold, and bold would make it
/// look like a headline, so its markers are dropped.
fn plain_labels(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find("**") {
        let Some(len) = rest[open + 2..].find("**") else {
            break;
        };
        let inner = &rest[open + 2..open + 2 + len];
        out.push_str(&rest[..open]);
        if inner.ends_with('：') || inner.ends_with(':') {
            out.push_str(inner);
        } else {
            out.push_str(&rest[open..open + 4 + len]);
        }
        rest = &rest[open + 4 + len..];
    }
    out.push_str(rest);
    out
}

fn is_blank(g: &Placed) -> bool {
    g.text
        .as_deref()
        .is_some_and(|t| t.chars().all(char::is_whitespace))
}

/// A character that can be text: not a control, private-use or
/// replacement character (what broken maps produce).
fn usable(c: char) -> bool {
    let private_use = ('\u{E000}'..='\u{F8FF}').contains(&c);
    !(private_use || c.is_control() && c != '\t' || c == '\u{FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(x: f64, y: f64, t: &str) -> Placed {
        Placed {
            x,
            y,
            end_x: x + 10.0,
            size: 10.0,
            text: Some(t.into()),
            bold: false,
        }
    }

    #[test]
    fn lines_and_gaps() {
        let glyphs = [
            g(0.0, 100.0, "县"),
            g(10.0, 100.0, "局"),
            g(30.0, 100.0, "好"),
            g(0.0, 85.0, "二"),
            g(10.5, 85.0, "行"),
        ];
        let mut counts = Counts::default();
        assert_eq!(layout(&glyphs, &mut counts), "县局 好\n二行\n");
        assert_eq!(counts.glyphs, 5);
    }

    fn b(x: f64, y: f64, t: &str) -> Placed {
        Placed {
            bold: true,
            ..g(x, y, t)
        }
    }

    #[test]
    fn bold_runs_are_marked_unless_the_page_is_mostly_bold() {
        // A bold headline, a gap, then the body: `**…** …`.
        let mut glyphs = vec![
            b(0.0, 100.0, "县"),
            b(10.0, 100.0, "局"),
            g(30.0, 100.0, "今"),
            g(40.0, 100.0, "年"),
        ];
        glyphs.extend((0..6).map(|i| g(i as f64 * 10.0, 85.0, "字")));
        let mut counts = Counts::default();
        assert_eq!(
            layout(&glyphs, &mut counts),
            "**县局** 今年\n字字字字字字\n"
        );
        // No gap: the markers still end the run, with nothing between.
        let glyphs = [
            b(0.0, 0.0, "县"),
            g(10.0, 0.0, "今"),
            g(20.0, 0.0, "年"),
            g(30.0, 0.0, "好"),
        ];
        assert_eq!(layout(&glyphs, &mut counts), "**县**今年好\n");
        // A bold label: plain.
        let glyphs = [
            b(0.0, 0.0, "审"),
            b(10.0, 0.0, "核"),
            b(20.0, 0.0, "："),
            g(30.0, 0.0, "李"),
            g(40.0, 0.0, "明"),
        ];
        assert_eq!(layout(&glyphs, &mut counts), "审核：李明\n");
        assert_eq!(
            plain_labels("**县局** 文 **编辑：**某 **乡**"),
            "**县局** 文 编辑：某 **乡**"
        );
        // A page set in a bold face: no markers at all.
        let glyphs: Vec<Placed> = (0..5).map(|i| b(i as f64 * 10.0, 0.0, "字")).collect();
        assert_eq!(layout(&glyphs, &mut counts), "字字字字字\n");
    }

    #[test]
    fn justified_spacing_is_not_a_space() {
        let glyphs: Vec<Placed> = (0..6).map(|i| g(i as f64 * 14.0, 50.0, "字")).collect();
        let mut counts = Counts::default();
        assert_eq!(layout(&glyphs, &mut counts), "字字字字字字\n");
    }

    #[test]
    fn unmapped_glyphs_are_counted_and_marked() {
        let mut glyphs = vec![g(0.0, 0.0, "a")];
        glyphs.push(Placed {
            text: None,
            ..g(10.0, 0.0, "")
        });
        let mut counts = Counts::default();
        assert_eq!(layout(&glyphs, &mut counts), "a\u{FFFD}\n");
        assert_eq!(counts.unmapped, 1);
    }
}
