//! Fonts: how the bytes of a shown string split into character codes, what
//! each code means in Unicode, and how wide its glyph is.
//!
//! Unicode comes from, in order: the font's `/ToUnicode` CMap; for a CID
//! font, a predefined CMap whose codes are Unicode (`UniGB-UCS2-H`,
//! `UniGB-UTF16-H`, any `Uni…-UCS2/UTF16`) or GBK (`GBK-EUC-H`, `GB-EUC-H`,
//! `GBpc-EUC-H`, `GBK2K-H`, decoded by the caller's GBK decoder); for a
//! simple font, its `/Encoding` (WinAnsi, MacRoman, Standard, `/Differences`
//! with glyph names). A code none of these maps is *unmapped*: the reader
//! counts those and refuses a document made of them rather than pass on
//! garbage. (An `Identity-H` font without `/ToUnicode` is unmapped: its codes
//! are glyph numbers.)

use std::collections::HashMap;

use super::file::File;
use super::lex::{Dict, Lexer, Obj, Token};

/// Decodes GBK/GB18030 bytes (the CLI passes `encoding_rs`, the page the
/// browser's `TextDecoder`); `None` when not available.
pub type GbkDecoder<'a> = &'a dyn Fn(&[u8]) -> Option<String>;

/// How a CID font's codes become Unicode without a `/ToUnicode` map.
#[derive(Debug, Clone, Copy, PartialEq)]
enum CidText {
    /// Codes are glyph or CID numbers: no Unicode without a map.
    Opaque,
    Ucs2,
    Utf16,
    Gbk,
}

/// A code-to-Unicode map (a `/ToUnicode` CMap).
#[derive(Debug, Default)]
pub struct CMap {
    /// Code space ranges: (bytes, low, high).
    pub codespace: Vec<(u8, u32, u32)>,
    single: HashMap<u32, String>,
    /// (low, high, first destination as UTF-16 units), sorted by low.
    ranges: Vec<(u32, u32, Vec<u16>)>,
}

/// Entries a CMap may hold; the rest is ignored.
const MAX_CMAP_ENTRIES: usize = 200_000;

impl CMap {
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lex = Lexer::new(data, 0);
        let mut operands: Vec<Obj> = Vec::new();
        let code = |o: &Obj| match o {
            Obj::Str(s) if !s.is_empty() && s.len() <= 4 => Some((
                s.len() as u8,
                s.iter().fold(0u32, |a, &b| a << 8 | b as u32),
            )),
            _ => None,
        };
        while let Some(tok) = lex.next() {
            let Token::Keyword(k) = tok else {
                if let Token::Obj(o) = tok {
                    if operands.len() < 3 * 10_000 {
                        operands.push(o);
                    }
                }
                continue;
            };
            match k {
                b"endcodespacerange" => {
                    for pair in operands.chunks_exact(2) {
                        if let (Some((n, lo)), Some((_, hi))) = (code(&pair[0]), code(&pair[1])) {
                            cmap.codespace.push((n, lo, hi));
                        }
                    }
                }
                b"endbfchar" => {
                    for pair in operands.chunks_exact(2) {
                        if cmap.single.len() >= MAX_CMAP_ENTRIES {
                            break;
                        }
                        if let (Some((_, c)), Some(text)) = (code(&pair[0]), destination(&pair[1]))
                        {
                            cmap.single.insert(c, text);
                        }
                    }
                }
                b"endbfrange" => {
                    for triple in operands.chunks_exact(3) {
                        let (Some((_, lo)), Some((_, hi))) = (code(&triple[0]), code(&triple[1]))
                        else {
                            continue;
                        };
                        if hi < lo {
                            continue;
                        }
                        match &triple[2] {
                            Obj::Str(s) => {
                                let units: Vec<u16> = s
                                    .chunks(2)
                                    .map(|c| (c[0] as u16) << 8 | *c.get(1).unwrap_or(&0) as u16)
                                    .collect();
                                if !units.is_empty() && cmap.ranges.len() < MAX_CMAP_ENTRIES {
                                    cmap.ranges.push((lo, hi, units));
                                }
                            }
                            Obj::Array(items) => {
                                for (i, item) in
                                    items.iter().enumerate().take((hi - lo) as usize + 1)
                                {
                                    if cmap.single.len() >= MAX_CMAP_ENTRIES {
                                        break;
                                    }
                                    if let Some(text) = destination(item) {
                                        cmap.single.insert(lo + i as u32, text);
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
            operands.clear();
        }
        cmap.ranges.sort_by_key(|r| r.0);
        cmap
    }

    pub fn is_empty(&self) -> bool {
        self.single.is_empty() && self.ranges.is_empty()
    }

    pub fn lookup(&self, code: u32) -> Option<String> {
        if let Some(s) = self.single.get(&code) {
            return Some(s.clone());
        }
        let at = self.ranges.partition_point(|r| r.0 <= code);
        // Overlapping ranges are rare: look at a few before.
        for (lo, hi, units) in self.ranges[..at].iter().rev().take(8) {
            if code >= *lo && code <= *hi {
                let mut units = units.clone();
                let last = units.len() - 1;
                units[last] = units[last].wrapping_add((code - lo) as u16);
                return Some(String::from_utf16_lossy(&units));
            }
        }
        None
    }

    /// The length of the code starting at `bytes`, from the code space.
    fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        for &(n, lo, hi) in &self.codespace {
            let n = n as usize;
            if bytes.len() >= n {
                let v = bytes[..n].iter().fold(0u32, |a, &b| a << 8 | b as u32);
                // Ranges are byte-wise: each byte within its own bounds.
                let within = (0..n).all(|i| {
                    let shift = 8 * (n - 1 - i);
                    let (b, l, h) = (
                        (v >> shift) & 0xff,
                        (lo >> shift) & 0xff,
                        (hi >> shift) & 0xff,
                    );
                    b >= l && b <= h
                });
                if within {
                    return Some(n);
                }
            }
        }
        None
    }
}

/// A bfchar/bfrange destination: UTF-16BE bytes, or a glyph name.
fn destination(o: &Obj) -> Option<String> {
    match o {
        Obj::Str(s) => {
            let units: Vec<u16> = s
                .chunks(2)
                .map(|c| (c[0] as u16) << 8 | *c.get(1).unwrap_or(&0) as u16)
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        Obj::Name(n) => glyph_name(n).map(String::from),
        _ => None,
    }
}

pub struct Font {
    /// A Type0 (composite) font: multi-byte codes.
    composite: bool,
    to_unicode: Option<CMap>,
    /// The encoding CMap of a composite font, when embedded (codes' lengths).
    encoding_cmap: Option<CMap>,
    cid_text: CidText,
    /// Byte lengths of a predefined GBK-family CMap's codes.
    gbk_codes: bool,
    /// Simple fonts: Unicode by code from the encoding.
    simple: [Option<char>; 256],
    /// Simple fonts: glyph widths (text space units × 1000) by code.
    widths: Vec<f64>,
    first_char: u32,
    /// Composite fonts: widths by CID, default width.
    cid_widths: HashMap<u32, f64>,
    default_width: f64,
    /// Glyph space to text space (0.001, or a Type3 font's matrix).
    pub scale: f64,
    /// A bold face: by name (`…Bold`, `…,Bold`, `Black`, `Heavy`), weight
    /// (600 and up) or the ForceBold flag.
    pub bold: bool,
    /// An Identity-H font without ToUnicode: Unicode by glyph, read back
    /// from the embedded TrueType font's own `cmap` table, and the CID to
    /// glyph map (`None`: identity).
    glyph_unicode: HashMap<u16, char>,
    cid_to_gid: Option<Vec<u16>>,
}

/// One decoded code.
pub struct Glyph {
    pub text: Option<String>,
    /// Width in glyph space (÷1000 for text space, before `scale`).
    pub width: f64,
    /// A single-byte code 32: word spacing applies.
    pub is_space: bool,
}

impl Font {
    pub fn load(file: &File, dict: &Dict, gbk: Option<GbkDecoder>) -> Font {
        let subtype = file.get(dict, b"Subtype");
        let composite = subtype.as_name() == Some(b"Type0");
        let to_unicode = match file.get(dict, b"ToUnicode") {
            s @ Obj::Stream(..) => file
                .stream_data(&s)
                .ok()
                .map(|d| CMap::parse(&d))
                .filter(|c| !c.is_empty()),
            _ => None,
        };
        let mut font = Font {
            composite,
            to_unicode,
            encoding_cmap: None,
            cid_text: CidText::Opaque,
            gbk_codes: false,
            simple: [None; 256],
            widths: Vec::new(),
            first_char: 0,
            cid_widths: HashMap::new(),
            default_width: 1000.0,
            scale: 0.001,
            bold: false,
            glyph_unicode: HashMap::new(),
            cid_to_gid: None,
        };
        font.bold = is_bold(file, dict);
        if composite {
            font.load_composite(file, dict, gbk.is_some());
        } else {
            font.load_simple(file, dict, subtype.as_name() == Some(b"Type3"));
        }
        font
    }

    fn load_composite(&mut self, file: &File, dict: &Dict, have_gbk: bool) {
        match file.get(dict, b"Encoding") {
            Obj::Name(name) => {
                let has = |s: &[u8]| name.windows(s.len()).any(|w| w == s);
                if has(b"UCS2") {
                    self.cid_text = CidText::Ucs2;
                } else if has(b"UTF16") {
                    self.cid_text = CidText::Utf16;
                } else if name.starts_with(b"GB") && (has(b"EUC") || has(b"GBK2K")) {
                    self.gbk_codes = true;
                    if have_gbk {
                        self.cid_text = CidText::Gbk;
                    }
                }
            }
            s @ Obj::Stream(..) => {
                if let Ok(d) = file.stream_data(&s) {
                    let cmap = CMap::parse(&d);
                    if !cmap.codespace.is_empty() {
                        self.encoding_cmap = Some(cmap);
                    }
                }
            }
            _ => {}
        }
        let descendant = match file.get(dict, b"DescendantFonts") {
            Obj::Array(a) => a.first().map(|d| file.resolve(d)).unwrap_or(Obj::Null),
            other => other,
        };
        if let Some(cid) = descendant.as_dict() {
            if self.to_unicode.is_none()
                && self.cid_text == CidText::Opaque
                && self.encoding_cmap.is_none()
            {
                self.read_embedded_cmap(file, cid);
            }
            if let Some(dw) = file.get(cid, b"DW").as_f64() {
                self.default_width = dw;
            }
            if let Obj::Array(w) = file.get(cid, b"W") {
                let w: Vec<Obj> = w.iter().map(|o| file.resolve(o)).collect();
                let mut i = 0;
                while i + 1 < w.len() && self.cid_widths.len() < MAX_CMAP_ENTRIES {
                    let Some(first) = w[i].as_int() else { break };
                    match &w[i + 1] {
                        Obj::Array(list) => {
                            for (k, v) in list.iter().enumerate() {
                                if let Some(v) = file.resolve(v).as_f64() {
                                    self.cid_widths
                                        .insert((first as u32).wrapping_add(k as u32), v);
                                }
                            }
                            i += 2;
                        }
                        last => {
                            let (Some(last), Some(v)) =
                                (last.as_int(), w.get(i + 2).and_then(Obj::as_f64))
                            else {
                                break;
                            };
                            let span = (last - first).clamp(0, 65535) as u32;
                            for cid in 0..=span {
                                self.cid_widths.insert((first as u32).wrapping_add(cid), v);
                            }
                            i += 3;
                        }
                    }
                }
            }
        }
    }

    /// For an Identity-H font without ToUnicode: the embedded TrueType
    /// font's `cmap` (Unicode → glyph) turned around, so glyph numbers can
    /// be read back as text, as viewers do. Nothing when there is none.
    fn read_embedded_cmap(&mut self, file: &File, cid: &Dict) {
        let Some(descriptor) = file.get(cid, b"FontDescriptor").as_dict().cloned() else {
            return;
        };
        let font_file = file.get(&descriptor, b"FontFile2");
        let Ok(data) = file.stream_data(&font_file) else {
            return;
        };
        self.glyph_unicode = truetype_glyph_unicode(&data);
        if let s @ Obj::Stream(..) = file.get(cid, b"CIDToGIDMap") {
            if let Ok(map) = file.stream_data(&s) {
                self.cid_to_gid = Some(
                    map.chunks_exact(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect(),
                );
            }
        }
    }

    fn load_simple(&mut self, file: &File, dict: &Dict, type3: bool) {
        if type3 {
            if let Obj::Array(m) = file.get(dict, b"FontMatrix") {
                if let Some(a) = m.first().and_then(Obj::as_f64) {
                    self.scale = a.abs();
                }
            }
        }
        self.first_char = file
            .get(dict, b"FirstChar")
            .as_int()
            .unwrap_or(0)
            .clamp(0, 255) as u32;
        if let Obj::Array(w) = file.get(dict, b"Widths") {
            self.widths = w
                .iter()
                .take(256)
                .map(|o| file.resolve(o).as_f64().unwrap_or(0.0))
                .collect();
        }
        let descriptor = file.get(dict, b"FontDescriptor");
        let descriptor = descriptor.as_dict();
        self.default_width = descriptor
            .and_then(|d| file.get(d, b"MissingWidth").as_f64())
            .filter(|w| *w > 0.0)
            .unwrap_or(500.0);
        let flags = descriptor
            .and_then(|d| file.get(d, b"Flags").as_int())
            .unwrap_or(0);
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        let base_font = file.get(dict, b"BaseFont");
        let base_font = base_font.as_name().unwrap_or(b"");
        // A symbolic font's codes select glyphs of its own: no standard
        // meaning unless the font says so (Symbol and Dingbats have their own
        // standard sets, left unmapped here).
        let standard =
            !symbolic && !base_font.ends_with(b"Symbol") && !base_font.ends_with(b"Dingbats");
        // A TrueType subset (`ABCDEF+Name`) with neither an encoding nor a
        // map numbers its glyphs its own way (how CJK text is drawn through
        // simple fonts): reading its codes as Latin would be garbage.
        let subset = base_font.len() > 7
            && base_font[6] == b'+'
            && base_font[..6].iter().all(u8::is_ascii_uppercase);
        let own_codes = subset
            && file.get(dict, b"Subtype").as_name() == Some(b"TrueType")
            && dict.get(b"Encoding").is_none()
            && self.to_unicode.is_none();
        let standard = standard && !own_codes;
        let (base, differences) = match file.get(dict, b"Encoding") {
            Obj::Name(n) => (Some(n), None),
            Obj::Dict(d) => (
                file.get(&d, b"BaseEncoding").as_name().map(|n| n.to_vec()),
                Some(file.get(&d, b"Differences")),
            ),
            _ => (None, None),
        };
        let base_table: Option<fn(u8) -> Option<char>> = match base.as_deref() {
            Some(b"WinAnsiEncoding") => Some(win_ansi),
            Some(b"MacRomanEncoding") => Some(mac_roman),
            Some(b"StandardEncoding") | Some(b"PDFDocEncoding") => Some(standard_encoding),
            _ if standard => Some(standard_encoding),
            _ => None,
        };
        if let Some(table) = base_table {
            for code in 0..=255u8 {
                self.simple[code as usize] = table(code);
            }
        }
        if let Some(Obj::Array(diff)) = differences {
            let mut code: i64 = 0;
            for item in diff.iter() {
                match file.resolve(item) {
                    Obj::Int(n) => code = n,
                    Obj::Name(name) => {
                        if (0..256).contains(&code) {
                            self.simple[code as usize] =
                                glyph_name(&name).and_then(|s| s.chars().next());
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }

    /// Splits `bytes` into codes and decodes each.
    pub fn decode(&self, bytes: &[u8], gbk: Option<GbkDecoder>, out: &mut Vec<Glyph>) {
        if !self.composite {
            for &b in bytes {
                let code = b as u32;
                let text = match &self.to_unicode {
                    Some(map) => map
                        .lookup(code)
                        .or_else(|| self.simple[b as usize].map(String::from)),
                    None => self.simple[b as usize].map(String::from),
                };
                let width = code
                    .checked_sub(self.first_char)
                    .and_then(|i| self.widths.get(i as usize))
                    .copied()
                    .unwrap_or(self.default_width);
                out.push(Glyph {
                    text,
                    width,
                    is_space: b == 32,
                });
            }
            return;
        }
        let mut i = 0;
        while i < bytes.len() {
            let rest = &bytes[i..];
            let len = self.code_len(rest).min(rest.len()).max(1);
            let code_bytes = &rest[..len];
            let code = code_bytes.iter().fold(0u32, |a, &b| a << 8 | b as u32);
            i += len;
            let mapped = self.to_unicode.as_ref().and_then(|m| m.lookup(code));
            let text = mapped.or_else(|| match self.cid_text {
                CidText::Opaque if !self.glyph_unicode.is_empty() => {
                    let gid = match &self.cid_to_gid {
                        Some(map) => map.get(code as usize).copied(),
                        None => u16::try_from(code).ok(),
                    };
                    gid.and_then(|g| self.glyph_unicode.get(&g))
                        .map(|c| c.to_string())
                }
                CidText::Opaque => None,
                CidText::Ucs2 => char::from_u32(code).map(String::from),
                CidText::Utf16 => {
                    let units: Vec<u16> = code_bytes
                        .chunks(2)
                        .map(|c| (c[0] as u16) << 8 | *c.get(1).unwrap_or(&0) as u16)
                        .collect();
                    String::from_utf16(&units).ok()
                }
                CidText::Gbk => gbk
                    .and_then(|decode| decode(code_bytes))
                    .filter(|s| !s.contains('\u{FFFD}')),
            });
            // Widths are by CID: exact for Identity, approximate otherwise.
            let width = if self.cid_text == CidText::Opaque && self.encoding_cmap.is_none() {
                self.cid_widths
                    .get(&code)
                    .copied()
                    .unwrap_or(self.default_width)
            } else if len == 1 || text.as_deref().is_some_and(|t| t.is_ascii()) {
                500.0
            } else {
                self.default_width
            };
            out.push(Glyph {
                text,
                width,
                is_space: false,
            });
        }
    }

    fn code_len(&self, bytes: &[u8]) -> usize {
        if let Some(n) = self.encoding_cmap.as_ref().and_then(|c| c.code_len(bytes)) {
            return n;
        }
        if self.gbk_codes {
            return match bytes {
                [b, ..] if *b < 0x81 || *b == 0xff => 1,
                [_, b2, _, _, ..] if (0x30..=0x39).contains(b2) => 4,
                _ => 2,
            };
        }
        if self.cid_text == CidText::Utf16 && bytes.len() >= 4 && (0xD8..=0xDB).contains(&bytes[0])
        {
            return 4;
        }
        2
    }
}

/// Whether a font is a bold face (for a composite font, its descendant's
/// descriptor is looked at too).
fn is_bold(file: &File, dict: &Dict) -> bool {
    let name = file.get(dict, b"BaseFont");
    let name = name.as_name().unwrap_or(b"");
    let has = |s: &[u8]| name.windows(s.len()).any(|w| w.eq_ignore_ascii_case(s));
    if has(b"bold") || has(b"black") || has(b"heavy") {
        return true;
    }
    let descendant = match file.get(dict, b"DescendantFonts") {
        Obj::Array(a) => a.first().map(|d| file.resolve(d)).unwrap_or(Obj::Null),
        _ => Obj::Null,
    };
    let descriptor = match file.get(dict, b"FontDescriptor") {
        Obj::Null => descendant
            .as_dict()
            .map(|d| file.get(d, b"FontDescriptor"))
            .unwrap_or(Obj::Null),
        d => d,
    };
    let Some(descriptor) = descriptor.as_dict() else {
        return false;
    };
    let weight = file.get(descriptor, b"FontWeight").as_f64().unwrap_or(0.0);
    let flags = file.get(descriptor, b"Flags").as_int().unwrap_or(0);
    weight >= 600.0 || flags & (1 << 18) != 0
}

/// Glyph → Unicode from a TrueType font's `cmap` table (a Unicode subtable
/// of format 4 or 12), the lowest code point kept for a glyph drawn for
/// several. Empty when the font has no such table (subsetters often drop it).
pub fn truetype_glyph_unicode(font: &[u8]) -> HashMap<u16, char> {
    let u16_at = |at: usize| {
        font.get(at..at + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
    };
    let u32_at = |at: usize| {
        font.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let mut out: HashMap<u16, char> = HashMap::new();
    let mut add = |cp: u32, gid: u32| {
        if let (Some(c), Ok(g)) = (char::from_u32(cp), u16::try_from(gid)) {
            if g != 0 && out.len() < MAX_CMAP_ENTRIES {
                let e = out.entry(g).or_insert(c);
                if c < *e {
                    *e = c;
                }
            }
        }
    };
    let tables = u16_at(4).unwrap_or(0) as usize;
    let Some(cmap) = (0..tables.min(64)).find_map(|i| {
        let rec = 12 + 16 * i;
        (font.get(rec..rec + 4) == Some(b"cmap"))
            .then(|| u32_at(rec + 8))
            .flatten()
            .map(|o| o as usize)
    }) else {
        return out;
    };
    let subtables = u16_at(cmap + 2).unwrap_or(0) as usize;
    let mut best: Option<(u8, usize)> = None;
    for i in 0..subtables.min(64) {
        let rec = cmap + 4 + 8 * i;
        let (Some(platform), Some(encoding), Some(offset)) =
            (u16_at(rec), u16_at(rec + 2), u32_at(rec + 4))
        else {
            break;
        };
        let rank = match (platform, encoding) {
            (3, 10) | (0, 4) | (0, 6) => 3,
            (3, 1) | (0, _) => 2,
            _ => continue,
        };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, cmap + offset as usize));
        }
    }
    let Some((_, table)) = best else { return out };
    // Code points visited (a hostile table could claim 2^32 of them).
    let mut work = 0usize;
    const MAX_WORK: usize = 1 << 20;
    match u16_at(table) {
        Some(4) => {
            let segs = u16_at(table + 6).unwrap_or(0) as usize / 2;
            let (ends, starts) = (table + 14, table + 16 + 2 * segs);
            let (deltas, ranges) = (starts + 2 * segs, starts + 4 * segs);
            for s in 0..segs {
                let (Some(end), Some(start), Some(delta), Some(range)) = (
                    u16_at(ends + 2 * s),
                    u16_at(starts + 2 * s),
                    u16_at(deltas + 2 * s),
                    u16_at(ranges + 2 * s),
                ) else {
                    break;
                };
                for c in start..=end {
                    work += 1;
                    if c == 0xFFFF || work > MAX_WORK {
                        break;
                    }
                    let gid = if range == 0 {
                        c.wrapping_add(delta)
                    } else {
                        let at = ranges + 2 * s + range as usize + 2 * (c - start) as usize;
                        match u16_at(at) {
                            Some(0) | None => continue,
                            Some(g) => g.wrapping_add(delta),
                        }
                    };
                    add(c as u32, gid as u32);
                }
            }
        }
        Some(12) => {
            let groups = u32_at(table + 12).unwrap_or(0) as usize;
            for g in 0..groups.min(MAX_CMAP_ENTRIES) {
                let at = table + 16 + 12 * g;
                let (Some(start), Some(end), Some(gid)) =
                    (u32_at(at), u32_at(at + 4), u32_at(at + 8))
                else {
                    break;
                };
                for (k, cp) in (start..=end.min(start.saturating_add(65_535))).enumerate() {
                    work += 1;
                    if work > MAX_WORK {
                        break;
                    }
                    add(cp, gid.saturating_add(k as u32));
                }
            }
        }
        _ => {}
    }
    out
}

/// Unicode for a glyph name: `uniXXXX`, `uXXXX`, and the names of the
/// Latin-1 and punctuation glyphs bulletins use.
pub fn glyph_name(name: &[u8]) -> Option<&'static str> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    if let Some(hex) = base.strip_prefix("uni").filter(|h| h.len() == 4) {
        return u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .map(leak_char);
    }
    if let Some(hex) = base
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()))
    {
        if let Ok(v) = u32::from_str_radix(hex, 16) {
            return char::from_u32(v).map(leak_char);
        }
    }
    if base.len() == 1 && base.as_bytes()[0].is_ascii_alphabetic() {
        return ASCII_LETTERS.get(base);
    }
    GLYPH_NAMES
        .iter()
        .find(|(n, _)| *n == base)
        .map(|(_, s)| *s)
}

/// Interned one-character strings for `uniXXXX` names.
fn leak_char(c: char) -> &'static str {
    use std::sync::Mutex;
    static INTERNED: Mutex<Vec<(char, &'static str)>> = Mutex::new(Vec::new());
    let mut table = INTERNED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, s)) = table.iter().find(|(k, _)| *k == c) {
        return s;
    }
    if table.len() > 4096 {
        return "\u{FFFD}";
    }
    let s: &'static str = Box::leak(c.to_string().into_boxed_str());
    table.push((c, s));
    s
}

struct Letters;
impl Letters {
    fn get(&self, s: &str) -> Option<&'static str> {
        const ALL: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        let i = ALL.find(s)?;
        Some(&ALL[i..i + 1])
    }
}
const ASCII_LETTERS: Letters = Letters;

const GLYPH_NAMES: &[(&str, &str)] = &[
    ("space", " "),
    ("exclam", "!"),
    ("quotedbl", "\""),
    ("numbersign", "#"),
    ("dollar", "$"),
    ("percent", "%"),
    ("ampersand", "&"),
    ("quotesingle", "'"),
    ("quoteright", "\u{2019}"),
    ("parenleft", "("),
    ("parenright", ")"),
    ("asterisk", "*"),
    ("plus", "+"),
    ("comma", ","),
    ("hyphen", "-"),
    ("period", "."),
    ("slash", "/"),
    ("zero", "0"),
    ("one", "1"),
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("colon", ":"),
    ("semicolon", ";"),
    ("less", "<"),
    ("equal", "="),
    ("greater", ">"),
    ("question", "?"),
    ("at", "@"),
    ("bracketleft", "["),
    ("backslash", "\\"),
    ("bracketright", "]"),
    ("asciicircum", "^"),
    ("underscore", "_"),
    ("grave", "`"),
    ("quoteleft", "\u{2018}"),
    ("braceleft", "{"),
    ("bar", "|"),
    ("braceright", "}"),
    ("asciitilde", "~"),
    ("bullet", "\u{2022}"),
    ("endash", "\u{2013}"),
    ("emdash", "\u{2014}"),
    ("quotedblleft", "\u{201C}"),
    ("quotedblright", "\u{201D}"),
    ("quotesinglbase", "\u{201A}"),
    ("quotedblbase", "\u{201E}"),
    ("ellipsis", "\u{2026}"),
    ("degree", "\u{B0}"),
    ("periodcentered", "\u{B7}"),
    ("multiply", "\u{D7}"),
    ("divide", "\u{F7}"),
    ("minus", "\u{2212}"),
    ("nbspace", "\u{A0}"),
    ("nonbreakingspace", "\u{A0}"),
    ("section", "\u{A7}"),
    ("copyright", "\u{A9}"),
    ("registered", "\u{AE}"),
    ("trademark", "\u{2122}"),
    ("Euro", "\u{20AC}"),
    ("sterling", "\u{A3}"),
    ("yen", "\u{A5}"),
    ("cent", "\u{A2}"),
    ("perthousand", "\u{2030}"),
    ("dagger", "\u{2020}"),
    ("fi", "fi"),
    ("fl", "fl"),
    ("ff", "ff"),
    ("ffi", "ffi"),
    ("ffl", "ffl"),
    ("dotlessi", "\u{131}"),
    ("eacute", "\u{E9}"),
    ("agrave", "\u{E0}"),
    ("egrave", "\u{E8}"),
    ("udieresis", "\u{FC}"),
    ("odieresis", "\u{F6}"),
    ("adieresis", "\u{E4}"),
    ("germandbls", "\u{DF}"),
    ("ccedilla", "\u{E7}"),
    ("plusminus", "\u{B1}"),
    ("mu", "\u{B5}"),
    ("paragraph", "\u{B6}"),
    ("guillemotleft", "\u{AB}"),
    ("guillemotright", "\u{BB}"),
    ("exclamdown", "\u{A1}"),
    ("questiondown", "\u{BF}"),
];

/// WinAnsiEncoding (Windows-1252, with the PDF's additions).
pub fn win_ansi(code: u8) -> Option<char> {
    const HIGH: [u16; 32] = [
        0x20AC, 0x2022, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x2022, 0x017D, 0x2022, 0x2022, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x2022, 0x017E, 0x0178,
    ];
    match code {
        0x20..=0x7e => Some(code as char),
        0x80..=0x9f => char::from_u32(HIGH[(code - 0x80) as usize] as u32),
        0xa0..=0xff => Some(code as char),
        _ => None,
    }
}

fn standard_encoding(code: u8) -> Option<char> {
    match code {
        0x27 => Some('\u{2019}'),
        0x60 => Some('\u{2018}'),
        0x20..=0x7e => Some(code as char),
        0xb7 => Some('\u{2022}'),
        0xb1 => Some('\u{2013}'),
        0xd0 => Some('\u{2014}'),
        0xaa => Some('\u{201C}'),
        0xba => Some('\u{201D}'),
        0xbc => Some('\u{2026}'),
        _ => None,
    }
}

fn mac_roman(code: u8) -> Option<char> {
    match code {
        0x20..=0x7e => Some(code as char),
        0xa5 => Some('\u{2022}'),
        0xd0 => Some('\u{2013}'),
        0xd1 => Some('\u{2014}'),
        0xd2 => Some('\u{201C}'),
        0xd3 => Some('\u{201D}'),
        0xd4 => Some('\u{2018}'),
        0xd5 => Some('\u{2019}'),
        0xc9 => Some('\u{2026}'),
        0xca => Some('\u{A0}'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_cmap_chars_and_ranges() {
        let cmap = CMap::parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange
              2 beginbfchar <0003> <0020> <0010> <53BF> endbfchar
              2 beginbfrange <0020> <0022> <6C34> <0030> <0031> [<5C40> <D835DC00>] endbfrange",
        );
        assert_eq!(cmap.lookup(0x10).as_deref(), Some("县"));
        assert_eq!(cmap.lookup(0x21).as_deref(), Some("\u{6C35}"));
        assert_eq!(cmap.lookup(0x30).as_deref(), Some("局"));
        assert_eq!(cmap.lookup(0x31).as_deref(), Some("\u{1D400}"));
        assert_eq!(cmap.lookup(0x40), None);
        assert_eq!(cmap.codespace, vec![(2, 0, 0xffff)]);
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name(b"uni53BF"), Some("县"));
        assert_eq!(glyph_name(b"zero"), Some("0"));
        assert_eq!(glyph_name(b"Q"), Some("Q"));
        assert_eq!(glyph_name(b"g123"), None);
    }
}
