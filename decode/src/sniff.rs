//! What a file is, from its bytes alone: text in which encoding, a Word
//! `.docx`, a saved web page — or something that is not a bulletin at all.
//!
//! Order matters: file signatures first (a PDF or PNG may well contain
//! bytes that look like text), then byte-order marks, then UTF-16 by its
//! NUL-byte pattern, then binary noise, then UTF-8 (which GB18030 text almost
//! never is by accident), and GB18030 last, validated byte by byte.

use super::zip::zip_entry;
use super::{DecodeError, DOCX_DOCUMENT};

/// The text encodings a bulletin file comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// GB18030 and its subsets GBK and GB2312 (what Windows calls ANSI on a
    /// Chinese machine).
    Gb18030,
}

impl TextEncoding {
    /// The WHATWG encoding label, as `TextDecoder` and `encoding_rs` take it.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Gb18030 => "gb18030",
        }
    }
}

/// What [`sniff`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    /// Plain text (or markdown). `bom_len` bytes of byte-order mark lead it.
    Text {
        encoding: TextEncoding,
        bom_len: usize,
    },
    /// A Word document: a zip archive holding `word/document.xml`.
    Docx,
    /// A PDF (`%PDF-` within the first kilobyte): read by `doc-readers`.
    Pdf,
    /// An OLE compound file (Word 97 `.doc`, WPS `.wps`, or `.xls`/`.ppt`,
    /// which `doc-readers` names when it refuses them).
    Ole,
    /// A saved web page, in `encoding`; `charset` is what its `<meta>`
    /// declares, as written (`"gb2312"`), if it declares one.
    Html {
        encoding: TextEncoding,
        bom_len: usize,
        charset: Option<String>,
    },
}

/// How much of the start of a file the binary and HTML checks look at.
const SAMPLE: usize = 64 * 1024;
const HTML_PRESCAN: usize = 4096;

/// Says what `bytes` are; an error when they cannot be a bulletin.
pub fn sniff(bytes: &[u8]) -> Result<Detected, DecodeError> {
    sniff_with_note(bytes).map(|(detected, _)| detected)
}

/// [`sniff`], and when the encoding had to be guessed (no byte-order mark,
/// not UTF-8) a note saying which it chose and why, in both languages, for
/// the user to see (the CLI prints it to stderr, the page beside the file).
pub fn sniff_with_note(bytes: &[u8]) -> Result<(Detected, Option<String>), DecodeError> {
    sniff_checked(bytes, false)
}

/// [`sniff_with_note`] for bytes the caller has already found to be valid
/// UTF-8 (the CLI turns a file's bytes into a `String` first): the same
/// verdict without validating UTF-8 a second time.
pub fn sniff_str(text: &str) -> Result<(Detected, Option<String>), DecodeError> {
    sniff_checked(text.as_bytes(), true)
}

fn sniff_checked(
    bytes: &[u8],
    valid_utf8: bool,
) -> Result<(Detected, Option<String>), DecodeError> {
    if let Some(verdict) = by_signature(bytes) {
        return verdict.map(|d| (d, None));
    }
    let (encoding, bom_len, note) = text_encoding(bytes, valid_utf8)?;
    let detected = match html_charset(&bytes[bom_len..], encoding) {
        Some(charset) => {
            let encoding = html_encoding(bom_len, encoding, charset.as_deref())?;
            Detected::Html {
                encoding,
                bom_len,
                charset,
            }
        }
        None => Detected::Text { encoding, bom_len },
    };
    Ok((detected, note))
}

/// Formats known by their first bytes. `None`: no known signature.
fn by_signature(bytes: &[u8]) -> Option<Result<Detected, DecodeError>> {
    use DecodeError::*;
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    let head = &bytes[..bytes.len().min(1024)];
    // PDF readers accept junk before the header, within the first kilobyte.
    if find(head, b"%PDF-").is_some() {
        return Some(Ok(Detected::Pdf));
    }
    if starts(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some(Ok(Detected::Ole));
    }
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") {
        return Some(zip_kind(bytes));
    }
    let verdict = if starts(b"\x89PNG\r\n\x1a\n") {
        Image("PNG")
    } else if starts(b"\xFF\xD8\xFF") {
        Image("JPEG")
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        Image("GIF")
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Image("WebP")
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        Image("TIFF")
    } else if starts(b"{\\rtf") {
        Rtf
    } else if starts(b"\x1F\x8B") {
        Binary("gzip")
    } else if starts(b"7z\xBC\xAF\x27\x1C") {
        Binary("7z")
    } else if starts(b"Rar!\x1A\x07") {
        Binary("RAR")
    } else if starts(b"\x7FELF") {
        Binary("ELF")
    } else {
        return None;
    };
    Some(Err(verdict))
}

/// A zip archive is a bulletin only when it is a Word document.
fn zip_kind(bytes: &[u8]) -> Result<Detected, DecodeError> {
    let has = |name: &str| match zip_entry(bytes, name) {
        Ok(_) => Ok(true),
        Err(DecodeError::MissingZipEntry(_)) => Ok(false),
        Err(e) => Err(e),
    };
    if has(DOCX_DOCUMENT)? {
        return Ok(Detected::Docx);
    }
    let kind = if has("xl/workbook.xml")? {
        "Excel .xlsx"
    } else if has("ppt/presentation.xml")? {
        "PowerPoint .pptx"
    } else if has("content.xml")? {
        "OpenDocument"
    } else {
        "zip"
    };
    Err(DecodeError::NotDocx(kind))
}

/// The encoding of a text file, the length of its byte-order mark, and a
/// note when the encoding was a guess. Every check that decides "binary"
/// reads the whole input, not a sample: a NUL at byte 100,000 is as binary
/// as one at byte 10.
fn text_encoding(
    bytes: &[u8],
    valid_utf8: bool,
) -> Result<(TextEncoding, usize, Option<String>), DecodeError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        if !valid_utf8 {
            check_utf8(&bytes[3..], 3)?;
        }
        check_not_binary(&bytes[3..])?;
        return Ok((TextEncoding::Utf8, 3, None));
    }
    for (bom, encoding) in [
        (b"\xFF\xFE", TextEncoding::Utf16Le),
        (b"\xFE\xFF", TextEncoding::Utf16Be),
    ] {
        if bytes.starts_with(bom) {
            check_utf16_not_binary(&bytes[2..], encoding)?;
            return Ok((encoding, 2, None));
        }
    }
    let sample = &bytes[..bytes.len().min(SAMPLE) & !1];
    if let Some(encoding) = utf16_by_nuls(sample) {
        check_utf16_not_binary(bytes, encoding)?;
        let note = format!(
            "无字节顺序标记，按 {0} 读取 / no byte-order mark: read as {0} (NUL high bytes)",
            utf16_name(encoding)
        );
        return Ok((encoding, 0, Some(note)));
    }
    if valid_utf8 {
        check_not_binary(bytes)?;
        return Ok((TextEncoding::Utf8, 0, None));
    }
    let utf8 = Utf8Profile::of(bytes);
    let Some(utf8_error) = utf8.first_error else {
        check_not_binary(bytes)?;
        return Ok((TextEncoding::Utf8, 0, None));
    };
    // Chinese text in UTF-16 without a mark (what iconv writes) has no NUL
    // bytes when it has little ASCII; it is not UTF-8, and read two bytes
    // at a time nearly every unit is a Chinese character or punctuation.
    if let Some((encoding, percent)) = utf16_by_text(sample) {
        check_utf16_not_binary(bytes, encoding)?;
        let note = format!(
            "无字节顺序标记，按 {0} 读取 / no byte-order mark: read as {0} ({percent}% of units are text)",
            utf16_name(encoding)
        );
        return Ok((encoding, 0, Some(note)));
    }
    check_not_binary(bytes)?;
    // A UTF-8 file with a stray bad byte or two would pass the GB18030
    // structure check (any two high bytes do) and decode to nonsense.
    if utf8.is_damaged_utf8() {
        return Err(DecodeError::InvalidUtf8 { offset: utf8_error });
    }
    match gb18030_structure(bytes) {
        Ok(stats) if stats.looks_like_big5() => Err(DecodeError::LooksLikeBig5),
        Ok(_) => {
            let note = format!(
                "第 {utf8_error} 字节起非 UTF-8，按 GBK 读取 / not UTF-8 (from byte {utf8_error}): read as GB18030/GBK"
            );
            Ok((TextEncoding::Gb18030, 0, Some(note)))
        }
        Err(gb_error) if utf8_error >= gb_error => {
            Err(DecodeError::InvalidUtf8 { offset: utf8_error })
        }
        Err(gb_error) => Err(DecodeError::UnknownEncoding { offset: gb_error }),
    }
}

fn utf16_name(encoding: TextEncoding) -> &'static str {
    if encoding == TextEncoding::Utf16Be {
        "UTF-16BE"
    } else {
        "UTF-16LE"
    }
}

/// How far bytes are from UTF-8.
struct Utf8Profile {
    first_error: Option<usize>,
    errors: usize,
    /// Lead bytes of multi-byte sequences in the part scanned.
    multibyte: usize,
    /// Valid multi-byte sequences in the part scanned.
    valid_multibyte: usize,
}

impl Utf8Profile {
    /// Past this many errors it is plainly not UTF-8; stop counting.
    const ENOUGH_ERRORS: usize = 64;

    fn of(bytes: &[u8]) -> Self {
        let (mut first_error, mut errors, mut pos) = (None, 0, 0);
        let mut valid_multibyte = 0;
        let leads = |valid: &[u8]| valid.iter().filter(|&&b| b >= 0xC2).count();
        while errors < Self::ENOUGH_ERRORS {
            match std::str::from_utf8(&bytes[pos..]) {
                Ok(_) => {
                    valid_multibyte += leads(&bytes[pos..]);
                    pos = bytes.len();
                    break;
                }
                Err(e) => {
                    valid_multibyte += leads(&bytes[pos..pos + e.valid_up_to()]);
                    let Some(len) = e.error_len() else {
                        pos = bytes.len();
                        break;
                    };
                    first_error.get_or_insert(pos + e.valid_up_to());
                    errors += 1;
                    pos += e.valid_up_to() + len;
                }
            }
        }
        let multibyte = bytes[..pos]
            .iter()
            .filter(|&&b| (0xC2..=0xF4).contains(&b))
            .count();
        Utf8Profile {
            first_error,
            errors,
            multibyte,
            valid_multibyte,
        }
    }

    /// Mostly valid multi-byte UTF-8: at most one bad sequence in twenty
    /// characters, or — in a short text — at least four valid multi-byte
    /// characters for each bad one. (GBK read as UTF-8 fails at nearly every
    /// character and is valid only by rare accident.)
    fn is_damaged_utf8(&self) -> bool {
        self.errors > 0
            && ((self.multibyte >= 8 && self.errors * 20 <= self.multibyte)
                || (self.valid_multibyte >= 2 && self.errors * 4 <= self.valid_multibyte))
    }
}

/// UTF-8, allowing only a character cut off by the end of the file.
fn check_utf8(bytes: &[u8], base: usize) -> Result<(), DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(_) => Ok(()),
        Err(e) if e.error_len().is_none() => Ok(()),
        Err(e) => Err(DecodeError::InvalidUtf8 {
            offset: base + e.valid_up_to(),
        }),
    }
}

/// UTF-16 without a byte-order mark: ASCII characters (digits, spaces, line
/// breaks — every bulletin has many) put a NUL in the high byte of their code
/// unit, which is the second byte in little-endian and the first in
/// big-endian. CJK code units have no NUL, so a steady NUL on one side only is
/// the tell.
fn utf16_by_nuls(sample: &[u8]) -> Option<TextEncoding> {
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    // No NUL at all (nearly every file): nothing to count.
    memchr::memchr(0, sample)?;
    let (mut even, mut odd, mut both) = (0usize, 0usize, 0usize);
    // Counted without stopping early, so the loop is a plain sum.
    for pair in sample.chunks_exact(2) {
        even += (pair[0] == 0) as usize;
        odd += (pair[1] == 0) as usize;
        both += (pair[0] == 0 && pair[1] == 0) as usize;
    }
    if both > 0 {
        return None; // U+0000 is not text.
    }
    let steady = |side: usize, other: usize| side >= 4 && side * 10 >= pairs && other * 20 <= side;
    if steady(odd, even) {
        Some(TextEncoding::Utf16Le)
    } else if steady(even, odd) {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// UTF-16 without a byte-order mark and without ASCII to give it away:
/// the share of two-byte units that are text (CJK, ASCII, punctuation,
/// full-width forms, surrogates), in each byte order. One
/// order at 90% or more, well ahead of the other, is the encoding. Only
/// asked of bytes that are not UTF-8 (ASCII read two bytes at a time looks
/// like CJK, so valid UTF-8 never gets here).
fn utf16_by_text(sample: &[u8]) -> Option<(TextEncoding, usize)> {
    let units = sample.len() / 2;
    if units < 4 {
        return None;
    }
    let (mut le, mut be) = (0, 0);
    for pair in sample.chunks_exact(2) {
        le += is_text_unit(u16::from_le_bytes([pair[0], pair[1]])) as usize;
        be += is_text_unit(u16::from_be_bytes([pair[0], pair[1]])) as usize;
    }
    let (le, be) = (le * 100 / units, be * 100 / units);
    if le >= 90 && le >= be + 20 {
        Some((TextEncoding::Utf16Le, le))
    } else if be >= 90 && be >= le + 20 {
        Some((TextEncoding::Utf16Be, be))
    } else {
        None
    }
}

/// A UTF-16 code unit a Chinese bulletin plausibly holds.
fn is_text_unit(u: u16) -> bool {
    matches!(u,
        0x09 | 0x0A | 0x0C | 0x0D | 0x20..=0x7E | 0xA0..=0x24F | 0x2000..=0x206F
        | 0x2100..=0x27BF | 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xD800..=0xDFFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF)
}

/// Binary data behind a UTF-16 byte-order mark (or in what the NUL pattern
/// said is UTF-16): a U+0000, or more than a few control characters, over
/// the whole input, as [`check_not_binary`] for bytes.
fn check_utf16_not_binary(bytes: &[u8], encoding: TextEncoding) -> Result<(), DecodeError> {
    let big_endian = encoding == TextEncoding::Utf16Be;
    let mut controls = 0usize;
    let units = bytes.len() / 2;
    for pair in bytes.chunks_exact(2) {
        let pair = [pair[0], pair[1]];
        let u = if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        };
        if u == 0 {
            return Err(DecodeError::Binary("NUL characters"));
        }
        controls += ((u < 0x20 && !matches!(u, 0x09 | 0x0A | 0x0D | 0x0C | 0x1B))
            || (0x7F..=0x9F).contains(&u)
            || u == 0xFFFE
            || u == 0xFFFF) as usize;
    }
    if controls >= 4 && controls * 32 > units {
        return Err(DecodeError::Binary("control characters"));
    }
    Ok(())
}

/// NUL bytes, or more than a few control characters, mean binary data. Tab,
/// line breaks, form feed (PDF page breaks) and escape are allowed.
fn check_not_binary(sample: &[u8]) -> Result<(), DecodeError> {
    if memchr::memchr(0, sample).is_some() {
        return Err(DecodeError::Binary("NUL bytes"));
    }
    // Every control byte, line breaks included, is usually too few to
    // matter: then the exact count (which leaves out the allowed ones) is
    // not needed. The rough count is a plain comparison the compiler runs
    // many bytes at a time: counted in bytes, 255 at most per block so a
    // block's count cannot overflow, which lets it compare 16 or 32 bytes
    // in one instruction (a count in `usize` held it to 2 or 4).
    let rough: usize = sample
        .chunks(255)
        .map(|block| {
            block
                .iter()
                .fold(0u8, |n, &b| n + u8::from(b < 0x20 || b == 0x7F)) as usize
        })
        .sum();
    if rough < 4 || rough * 32 <= sample.len() {
        return Ok(());
    }
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)) || b == 0x7F)
        .count();
    if controls >= 4 && controls * 32 > sample.len() {
        return Err(DecodeError::Binary("control characters"));
    }
    Ok(())
}

/// What the GB18030 validation saw of the two-byte characters.
#[derive(Debug, Default)]
struct GbStats {
    double: usize,
    /// Two-byte characters whose trail byte is below 0xA1: rare in
    /// simplified Chinese (GB2312 puts every common character at A1–FE), but
    /// about four in ten characters of Big5 text.
    low_trail: usize,
    /// Two-byte characters Big5 cannot hold (lead below 0xA1 or above 0xF9,
    /// trail 0x7F–0xA0): traditional characters in GBK fall there often,
    /// Big5 text never (bar a rare Hong Kong extension).
    not_big5: usize,
}

impl GbStats {
    fn looks_like_big5(&self) -> bool {
        self.double >= 16 && self.low_trail * 5 > self.double && self.not_big5 * 50 < self.double
    }
}

/// Checks the GB18030 byte structure: ASCII; 0x80 (the euro sign);
/// lead 0x81–0xFE + trail 0x40–0x7E or 0x80–0xFE; or the four-byte form
/// 0x81–0xFE, 0x30–0x39, 0x81–0xFE, 0x30–0x39. A sequence cut off by the end
/// of the file passes. The error is the offset of the first byte that fits
/// none of these.
fn gb18030_structure(bytes: &[u8]) -> Result<GbStats, usize> {
    let mut stats = GbStats::default();
    let mut i = 0;
    let n = bytes.len();
    while i < n {
        let b = bytes[i];
        if b <= 0x80 {
            i += 1;
            continue;
        }
        if b == 0xFF {
            return Err(i);
        }
        let Some(&second) = bytes.get(i + 1) else {
            break;
        };
        match second {
            0x40..=0x7E | 0x80..=0xFE => {
                stats.double += 1;
                stats.low_trail += (second < 0xA1) as usize;
                stats.not_big5 +=
                    (!(0xA1..=0xF9).contains(&b) || (0x7F..=0xA0).contains(&second)) as usize;
                i += 2;
            }
            0x30..=0x39 => {
                let (third, fourth) = (bytes.get(i + 2), bytes.get(i + 3));
                match (third, fourth) {
                    (Some(0x81..=0xFE), Some(0x30..=0x39)) => i += 4,
                    (None, _) | (Some(0x81..=0xFE), None) => break,
                    _ => return Err(i),
                }
            }
            _ => return Err(i),
        }
    }
    Ok(stats)
}

/// The `<meta>` charset of a saved web page, `Some(None)` for a page that
/// declares none, `None` for text that is not a web page.
///
/// Looks only at the ASCII of the first few kilobytes: for UTF-16 at the
/// low byte of each code unit.
fn html_charset(bytes: &[u8], encoding: TextEncoding) -> Option<Option<String>> {
    // A page starts with `<` (after spaces; in UTF-16 after a NUL at most):
    // anything else is not looked at further, and not copied.
    let first = bytes
        .iter()
        .position(|&b| b != 0 && !b.is_ascii_whitespace())?;
    if bytes[first] != b'<' {
        return None;
    }
    let head: Vec<u8> = match encoding {
        TextEncoding::Utf16Le => bytes
            .chunks_exact(2)
            .take(HTML_PRESCAN)
            .map(|p| if p[1] == 0 { p[0] } else { b'?' })
            .collect(),
        TextEncoding::Utf16Be => bytes
            .chunks_exact(2)
            .take(HTML_PRESCAN)
            .map(|p| if p[0] == 0 { p[1] } else { b'?' })
            .collect(),
        _ => bytes[..bytes.len().min(HTML_PRESCAN)].to_vec(),
    }
    .to_ascii_lowercase();
    let first = head.iter().position(|b| !b.is_ascii_whitespace())?;
    if head[first] != b'<' {
        return None;
    }
    let markers: [&[u8]; 5] = [b"<!doctype html", b"<html", b"<head", b"<body", b"<meta"];
    if !markers.iter().any(|m| find(&head, m).is_some()) {
        return None;
    }
    let charset = find(&head, b"charset=").map(|at| {
        let value = &head[at + b"charset=".len()..];
        let value = value
            .strip_prefix(b"\"")
            .or_else(|| value.strip_prefix(b"'"))
            .unwrap_or(value);
        let end = value
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
            .unwrap_or(value.len());
        String::from_utf8_lossy(&value[..end]).into_owned()
    });
    Some(charset.filter(|c| !c.is_empty()))
}

/// The encoding to read a web page in. The bytes decide first: a page whose
/// bytes are valid UTF-8 is UTF-8 whatever it declares (browsers re-encode
/// saved pages and leave the old `<meta>`). A declared Big5 page that is not
/// UTF-8 is refused rather than read as GB18030.
fn html_encoding(
    bom_len: usize,
    sniffed: TextEncoding,
    charset: Option<&str>,
) -> Result<TextEncoding, DecodeError> {
    if bom_len > 0 || sniffed != TextEncoding::Gb18030 {
        return Ok(sniffed);
    }
    match charset {
        Some("big5" | "big5-hkscs" | "x-x-big5" | "cn-big5") => Err(DecodeError::LooksLikeBig5),
        _ => Ok(TextEncoding::Gb18030),
    }
}

/// Where `needle` first occurs in `haystack`: a kilobyte or two at most
/// (a file's head), so a plain loop, its first byte compared first (the
/// page links this; memchr's substring searcher would add 3.6 kB to it).
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    haystack
        .windows(needle.len())
        .position(|w| w[0] == first && w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(encoding: TextEncoding, bom_len: usize) -> Result<Detected, DecodeError> {
        Ok(Detected::Text { encoding, bom_len })
    }

    #[test]
    fn boms_come_first() {
        assert_eq!(sniff(b"\xEF\xBB\xBFabc"), text(TextEncoding::Utf8, 3));
        assert_eq!(sniff(b"\xFF\xFEa\0"), text(TextEncoding::Utf16Le, 2));
        assert_eq!(sniff(b"\xFE\xFF\0a"), text(TextEncoding::Utf16Be, 2));
    }

    #[test]
    fn utf16_without_bom_by_nul_pattern() {
        let s = "县民政局 发放 1050 元\n";
        let le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(sniff(&le), text(TextEncoding::Utf16Le, 0));
        assert_eq!(sniff(&be), text(TextEncoding::Utf16Be, 0));
    }

    #[test]
    fn utf8_and_empty() {
        assert_eq!(
            sniff("政务快报 第 3 期".as_bytes()),
            text(TextEncoding::Utf8, 0)
        );
        assert_eq!(sniff(b""), text(TextEncoding::Utf8, 0));
    }

    #[test]
    fn gbk_bytes_are_gb18030() {
        // 县财政局 in GBK, then ASCII, then a four-byte GB18030 form.
        let bytes = b"\xCF\xD8\xB2\xC6\xD5\xFE\xBE\xD6 3.47 \x81\x30\x81\x30\r\n";
        assert_eq!(sniff(bytes), text(TextEncoding::Gb18030, 0));
    }

    #[test]
    fn bytes_neither_utf8_nor_gb18030_are_refused_with_an_offset() {
        // 0xFF cannot start anything; GB18030 got further than UTF-8.
        assert_eq!(
            sniff(b"\xCF\xD8\xB2\xC6 \xFFdef"),
            Err(DecodeError::UnknownEncoding { offset: 5 })
        );
        // ASCII with one bad byte: say where the UTF-8 broke.
        assert_eq!(
            sniff(b"abc\xFFdef"),
            Err(DecodeError::InvalidUtf8 { offset: 3 })
        );
    }

    #[test]
    fn utf8_with_a_stray_byte_is_not_read_as_gb18030() {
        let mut bytes = "县财政局强化债券管理助推项目建设".repeat(3).into_bytes();
        bytes.insert(48, 0xB7);
        assert_eq!(sniff(&bytes), Err(DecodeError::InvalidUtf8 { offset: 48 }));
    }

    #[test]
    fn mostly_utf8_reports_the_utf8_error() {
        let mut bytes = "县财政局强化债券管理".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xC3\x28");
        assert!(matches!(
            sniff(&bytes),
            Err(DecodeError::InvalidUtf8 { offset: 30 })
        ));
    }

    #[test]
    fn big5_is_not_read_as_gbk() {
        // 政府工作報告 in Big5, repeated: many trail bytes below 0xA1.
        let big5 = b"\xAC\x46\xA9\xB2\xA4\x75\xA7\x40\xB3\xF8\xA7\x69".repeat(4);
        assert_eq!(sniff(&big5), Err(DecodeError::LooksLikeBig5));
    }

    #[test]
    fn signatures() {
        assert_eq!(sniff(b"%PDF-1.7\n%\xE2\xE3"), Ok(Detected::Pdf));
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Image("PNG"))
        );
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0"), Err(DecodeError::Image("JPEG")));
        assert_eq!(
            sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"),
            Ok(Detected::Ole)
        );
        assert_eq!(sniff(b"{\\rtf1\\ansi"), Err(DecodeError::Rtf));
    }

    #[test]
    fn nul_and_control_bytes_are_binary() {
        assert_eq!(
            sniff(b"abc\0\x01\x02\x03\x04\x05def\xFE"),
            Err(DecodeError::Binary("NUL bytes"))
        );
        assert_eq!(
            sniff(b"ab\x01\x02\x03\x04\x05\x06"),
            Err(DecodeError::Binary("control characters"))
        );
        // A form feed between pages is text.
        assert_eq!(sniff(b"page 1\x0cpage 2"), text(TextEncoding::Utf8, 0));
    }

    #[test]
    fn html_with_and_without_charset() {
        let page =
            b"<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"></head><body>x</body></html>";
        assert_eq!(
            sniff(page),
            Ok(Detected::Html {
                encoding: TextEncoding::Utf8,
                bom_len: 0,
                charset: Some("utf-8".into())
            })
        );
        let gbk = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body>\xCF\xD8</body></html>";
        assert_eq!(
            sniff(gbk),
            Ok(Detected::Html {
                encoding: TextEncoding::Gb18030,
                bom_len: 0,
                charset: Some("gb2312".into())
            })
        );
        assert_eq!(
            sniff(b"  <html><body>x</body></html>"),
            Ok(Detected::Html {
                encoding: TextEncoding::Utf8,
                bom_len: 0,
                charset: None
            })
        );
    }

    #[test]
    fn text_mentioning_html_is_still_text() {
        assert_eq!(
            sniff("县信息中心更新了 <html> 模板".as_bytes()),
            text(TextEncoding::Utf8, 0)
        );
    }

    #[test]
    fn utf16_html_is_html() {
        let page = "<html><body>县</body></html>";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(page.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(
            sniff(&bytes),
            Ok(Detected::Html {
                encoding: TextEncoding::Utf16Le,
                bom_len: 2,
                charset: None
            })
        );
    }
}
