//! Text out of the binary formats bulletins arrive in: PDF ([`pdf`]) and
//! Word 97–2003 `.doc` / WPS `.wps` ([`doc`], an OLE compound file read by
//! [`ole`]).
//!
//! Both readers give the plain text the bulletin parser reads: PDF pages
//! separated by a form feed on a line of its own (the parser's page-break
//! repair joins a sentence cut by it), Word paragraphs one a line with bold
//! runs as markdown `**…**` (as the `.docx` reader writes them).
//!
//! Hostile input is expected: every loop is bounded, nesting has a depth
//! limit, references carry visited sets, and all inflating shares one cap, so
//! time and memory stay proportional to the file (see [`Limits`]). Nothing
//! here panics on bad bytes (the fuzz targets in `fuzz/` check it).

#![forbid(unsafe_code)]

pub mod doc;
mod error;
pub mod ole;
pub mod pdf;

pub use error::ReadError;

/// OLE compound file signature (`.doc`, `.wps`, `.xls`, `.ppt`, `.msg`).
pub const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Bounds on the work one file may cause.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// All inflated (FlateDecode) bytes of one PDF together.
    pub total_inflate: usize,
    /// Content-stream tokens interpreted over the whole PDF.
    pub total_tokens: usize,
    /// Pages read (a PDF claiming more is read up to here).
    pub max_pages: usize,
    /// Glyphs on one page (a dense real page has a few thousand).
    pub max_page_glyphs: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            total_inflate: 256 << 20,
            total_tokens: 40_000_000,
            max_pages: 5000,
            max_page_glyphs: 1 << 20,
        }
    }
}
