//! A PDF's text in reading order, page by page, for the bulletin parser.
//!
//! A lean reader written for this job (docs/FORMATS.md has the comparison
//! with the crates that were measured): the file structure ([`file`]), the
//! stream filters ([`filter`]), fonts and their Unicode maps ([`font`]) and
//! the text operators of the content streams ([`content`]). Pages are joined
//! by `"\n\f\n"`: the parser reads the form feed as a page break and joins a
//! sentence it cut.
//!
//! What is refused, with a message saying why ([`ReadError`]): files that
//! need a password (or AES-256; a file only "protected" against copying is
//! read, [`crypt`]), files whose pages hold no text (scans — OCR is needed)
//! and files whose fonts carry no Unicode map (their text would be garbage).

mod content;
mod crypt;
mod file;
mod filter;
mod font;
mod lex;

use std::collections::HashSet;

pub use font::GbkDecoder;

use crate::{Limits, ReadError};
use content::{Counts, Interpreter, PageContent};
use file::File;
use lex::{Dict, Obj};

/// Page-tree levels followed at most.
const MAX_TREE_DEPTH: usize = 64;

/// What was read.
#[derive(Debug, Clone)]
pub struct PdfText {
    pub text: String,
    pub pages: usize,
    /// Glyphs with no Unicode (written as U+FFFD), of `glyphs` in all.
    pub unmapped: usize,
    pub glyphs: usize,
}

impl PdfText {
    /// A note for the reader when some glyphs could not be mapped.
    pub fn warning(&self) -> Option<String> {
        (self.unmapped > 0).then(|| {
            format!(
                "PDF 中有 {} 个字无法还原，已显示为 � / {} glyphs of the PDF have no Unicode map and show as �",
                self.unmapped, self.unmapped
            )
        })
    }
}

/// Up to this share of glyphs may lack a map (bullets from a symbol font);
/// past it the text is refused as garbage.
const MAX_UNMAPPED_SHARE: f64 = 0.05;

/// The text of a PDF. `gbk` decodes GBK for fonts using the predefined GB
/// CMaps (`None`: such fonts count as unmapped). `progress(done, total)`
/// is called after each page.
pub fn pdf_to_text(
    bytes: &[u8],
    gbk: Option<GbkDecoder>,
    limits: &Limits,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<PdfText, ReadError> {
    let Some(start) = file::find(&bytes[..bytes.len().min(1024)], b"%PDF-") else {
        return Err(ReadError::PdfDamaged("no %PDF- header"));
    };
    let bytes = &bytes[start..];
    let mut file = File::open(bytes, limits.total_inflate).map_err(ReadError::PdfDamaged)?;
    if let Some(entry) = file.trailer.get(b"Encrypt").cloned() {
        if let Obj::Dict(encrypt) = file.resolve(&entry) {
            // "Protected" against copying or printing but no password to
            // open: read as every viewer does. A real password: refused.
            let id0 = match file.get(&file.trailer, b"ID") {
                Obj::Array(ids) => match ids.first() {
                    Some(Obj::Str(s)) => s.clone(),
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
            let crypt = crypt::Decryptor::for_empty_password(&|o| file.resolve(o), &encrypt, &id0)
                .ok_or(ReadError::PdfEncrypted)?;
            let num = match entry {
                Obj::Ref(n, _) => Some(n),
                _ => None,
            };
            file.set_decryptor(crypt, num);
        }
    }
    let root = file.get(&file.trailer, b"Root");
    let root = root
        .as_dict()
        .ok_or(ReadError::PdfDamaged("no document catalog"))?;
    let pages = page_list(&file, root, limits.max_pages);
    if pages.is_empty() {
        return Err(ReadError::PdfDamaged("no pages"));
    }
    let mut interp = Interpreter::new(&file, gbk, limits.total_tokens);
    interp.max_glyphs = limits.max_page_glyphs;
    let mut text = String::new();
    let mut counts = Counts::default();
    let mut images = 0;
    for (i, (page, resources)) in pages.iter().enumerate() {
        let content = page_content(&file, page);
        let mut placed = PageContent::default();
        interp.run_page(&content, resources, &mut placed);
        images += placed.images;
        if placed.overfull {
            return Err(ReadError::TooLarge("glyphs on one page"));
        }
        if i > 0 {
            text.push_str("\x0c\n");
        }
        text.push_str(&content::layout(&placed.glyphs, &mut counts));
        progress(i + 1, pages.len());
        if file.budget.0.get() == 0 {
            return Err(ReadError::TooLarge("inflated streams"));
        }
        if interp.tokens_left == 0 {
            return Err(ReadError::TooLarge("content operators"));
        }
    }
    if counts.unmapped > 0 && counts.unmapped as f64 > MAX_UNMAPPED_SHARE * counts.glyphs as f64 {
        return Err(ReadError::PdfUnmappedFonts {
            glyphs: counts.glyphs,
            unmapped: counts.unmapped,
        });
    }
    if counts.glyphs == 0 || text.chars().all(|c| c.is_whitespace() || c == '\u{FFFD}') {
        return Err(ReadError::PdfNoText {
            pages: pages.len(),
            images,
        });
    }
    Ok(PdfText {
        text: text.trim_end().to_owned(),
        pages: pages.len(),
        unmapped: counts.unmapped,
        glyphs: counts.glyphs,
    })
}

/// The pages in order, each with its (inherited) resources. The tree is
/// walked with a visited set and a depth limit, so cycles end.
fn page_list(file: &File, root: &Dict, max: usize) -> Vec<(Dict, Dict)> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let top = root.get(b"Pages").cloned().unwrap_or(Obj::Null);
    walk(file, &top, &Dict::default(), 0, &mut seen, &mut out, max);
    out
}

fn walk(
    file: &File,
    node: &Obj,
    inherited: &Dict,
    depth: usize,
    seen: &mut HashSet<u32>,
    out: &mut Vec<(Dict, Dict)>,
    max: usize,
) {
    if depth > MAX_TREE_DEPTH || out.len() >= max {
        return;
    }
    if let Obj::Ref(n, _) = node {
        if !seen.insert(*n) {
            return;
        }
    }
    let obj = file.resolve(node);
    let Some(dict) = obj.as_dict() else { return };
    let resources = match file.get(dict, b"Resources") {
        Obj::Dict(d) => (*d).clone(),
        _ => inherited.clone(),
    };
    match file.get(dict, b"Kids") {
        Obj::Array(kids) if dict.name(b"Type") != Some(b"Page") => {
            for kid in kids.iter() {
                walk(file, kid, &resources, depth + 1, seen, out, max);
            }
        }
        _ => out.push((dict.clone(), resources)),
    }
}

/// A page's content streams, concatenated.
fn page_content(file: &File, page: &Dict) -> Vec<u8> {
    let mut data = Vec::new();
    let mut add = |obj: &Obj| {
        if let Ok(d) = file.stream_data(obj) {
            data.extend_from_slice(&d);
            data.push(b'\n');
        }
    };
    match file.get(page, b"Contents") {
        Obj::Array(parts) => {
            for part in parts.iter().take(4096) {
                add(&file.resolve(part));
            }
        }
        s @ Obj::Stream(..) => add(&s),
        _ => {}
    }
    data
}
