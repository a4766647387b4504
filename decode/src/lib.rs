//! From the bytes of a file to the text of a bulletin.
//!
//! Bulletins reach people as text copied out of a PDF (UTF-8, or GBK on older
//! Windows machines), as UTF-16 from Notepad, as Word `.docx` files and as
//! saved web pages. [`sniff`] tells which of these a file is; the decoders
//! here turn each into the plain text `bulletin_parser::parse` reads, with bold kept
//! as markdown `**…**` because the parser reads bold as the end of a headline
//! and as the name of a sub-unit.
//!
//! Two steps are left to the caller because they need code this crate must not
//! carry: GB18030 decoding (the page uses the browser's `TextDecoder`, the CLI
//! `encoding_rs`) and inflating a deflated `.docx` part (the page uses
//! `DecompressionStream("deflate-raw")`, the CLI `miniz_oxide`). Both use
//! [`sniff`] and [`zip_entry`] to decide what to do.

#![forbid(unsafe_code)]

mod crc;
mod docx;
mod error;
mod html;
mod marked;
mod sniff;
mod unicode;
mod xml;
mod zip;

pub use crc::{crc32, crc32_continue};
pub use docx::{docx_xml_to_text, MAX_XML_DEPTH};
pub use error::{human_size, DecodeError};
pub use html::html_to_text;
pub use sniff::{sniff, sniff_str, sniff_with_note, Detected, TextEncoding};
pub use unicode::{decode_utf16, decode_utf8};
pub use zip::{
    inflate_limit, inflate_limit_error, zip_entry, ZipEntry, ZipMethod, INFLATE_FLOOR, INFLATE_MAX,
    INFLATE_RATIO,
};

/// The part of a `.docx` that holds the document's text.
pub const DOCX_DOCUMENT: &str = "word/document.xml";
