//! Finds one entry of a zip archive (a `.docx` is one) through its central
//! directory. Does not inflate: the caller does, with whatever it has (see the
//! module docs of [`crate::decode`]).

use super::DecodeError;

/// How an entry's bytes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZipMethod {
    Stored,
    /// Raw deflate (RFC 1951), no zlib header.
    Deflated,
}

/// One entry, its bytes still compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZipEntry<'a> {
    pub method: ZipMethod,
    /// The bytes as stored in the archive (compressed when `Deflated`).
    pub data: &'a [u8],
    pub uncompressed_size: u64,
    /// The CRC-32 of the uncompressed bytes, to check after inflating.
    pub crc32: u32,
}

/// A part may inflate to at most this many times its compressed size.
/// Word's document.xml compresses 5 to 30 times; zip bombs, thousands.
pub const INFLATE_RATIO: u64 = 100;
/// And never past this, whatever its compressed size.
pub const INFLATE_MAX: u64 = 128 << 20;
/// A part may always inflate this far (a tiny document of repetitive
/// markup has a high ratio and is harmless).
pub const INFLATE_FLOOR: u64 = 1 << 20;

/// How many bytes an entry of `compressed` bytes may inflate to.
pub fn inflate_limit(compressed: u64) -> u64 {
    compressed
        .saturating_mul(INFLATE_RATIO)
        .clamp(INFLATE_FLOOR, INFLATE_MAX)
}

/// The error for an entry that inflates (or says it will) past its limit.
pub fn inflate_limit_error() -> DecodeError {
    DecodeError::InflateLimit {
        limit: INFLATE_MAX,
        ratio: INFLATE_RATIO,
    }
}

impl ZipEntry<'_> {
    /// How far this entry may inflate; an error when it declares more.
    pub fn inflate_limit(&self) -> Result<u64, DecodeError> {
        let limit = inflate_limit(self.data.len() as u64);
        if self.uncompressed_size > limit {
            return Err(inflate_limit_error());
        }
        Ok(limit)
    }
}

const EOCD_SIGNATURE: u32 = 0x0605_4b50;
const CENTRAL_SIGNATURE: u32 = 0x0201_4b50;
const LOCAL_SIGNATURE: u32 = 0x0403_4b50;
const EOCD_LEN: usize = 22;
const CENTRAL_LEN: usize = 46;
const LOCAL_LEN: usize = 30;
/// The end record may be followed by a comment of up to 65535 bytes.
const MAX_COMMENT: usize = 0xFFFF;

/// The entry called `name` (compared case-insensitively, `\` read as `/`, as
/// some Windows tools write them).
pub fn zip_entry<'a>(zip: &'a [u8], name: &str) -> Result<ZipEntry<'a>, DecodeError> {
    let end = end_of_central_directory(zip)?;
    let mut at = end.directory_offset;
    for _ in 0..end.entries {
        let header = zip
            .get(at..at + CENTRAL_LEN)
            .ok_or(DecodeError::BadZip("central directory"))?;
        if u32_at(header, 0) != CENTRAL_SIGNATURE {
            return Err(DecodeError::BadZip("central directory"));
        }
        let name_len = u16_at(header, 28) as usize;
        let extra_len = u16_at(header, 30) as usize;
        let comment_len = u16_at(header, 32) as usize;
        let entry_name = zip
            .get(at + CENTRAL_LEN..at + CENTRAL_LEN + name_len)
            .ok_or(DecodeError::BadZip("central directory"))?;
        if same_name(entry_name, name) {
            return entry_at(zip, header);
        }
        at += CENTRAL_LEN + name_len + extra_len + comment_len;
    }
    Err(DecodeError::MissingZipEntry(name.to_owned()))
}

struct EndRecord {
    entries: usize,
    directory_offset: usize,
}

/// The end-of-central-directory record, searched for backwards from the end.
fn end_of_central_directory(zip: &[u8]) -> Result<EndRecord, DecodeError> {
    if zip.len() < EOCD_LEN {
        return Err(DecodeError::BadZip("too short"));
    }
    let lowest = zip.len().saturating_sub(EOCD_LEN + MAX_COMMENT);
    let at = (lowest..=zip.len() - EOCD_LEN)
        .rev()
        .find(|&i| u32_at(zip, i) == EOCD_SIGNATURE)
        .ok_or(DecodeError::BadZip("no end record"))?;
    let record = &zip[at..at + EOCD_LEN];
    let entries = u16_at(record, 10);
    let offset = u32_at(record, 16);
    if entries == 0xFFFF || offset == 0xFFFF_FFFF {
        return Err(DecodeError::UnsupportedZip("zip64"));
    }
    Ok(EndRecord {
        entries: entries as usize,
        directory_offset: offset as usize,
    })
}

/// The entry a central-directory header points at.
fn entry_at<'a>(zip: &'a [u8], central: &[u8]) -> Result<ZipEntry<'a>, DecodeError> {
    let flags = u16_at(central, 8);
    if flags & 0x0001 != 0 {
        return Err(DecodeError::UnsupportedZip("encrypted"));
    }
    let method = match u16_at(central, 10) {
        0 => ZipMethod::Stored,
        8 => ZipMethod::Deflated,
        _ => return Err(DecodeError::UnsupportedZip("compression method")),
    };
    let crc32 = u32_at(central, 16);
    let compressed = u32_at(central, 20);
    let uncompressed = u32_at(central, 24);
    let local = u32_at(central, 42) as usize;
    if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
        return Err(DecodeError::UnsupportedZip("zip64"));
    }
    // The local header's name and extra field may differ in length from the
    // central directory's: read its own.
    let header = zip
        .get(local..local + LOCAL_LEN)
        .ok_or(DecodeError::BadZip("local header"))?;
    if u32_at(header, 0) != LOCAL_SIGNATURE {
        return Err(DecodeError::BadZip("local header"));
    }
    let start = local + LOCAL_LEN + u16_at(header, 26) as usize + u16_at(header, 28) as usize;
    let data = zip
        .get(start..start + compressed as usize)
        .ok_or(DecodeError::BadZip("entry data"))?;
    if method == ZipMethod::Stored && compressed != uncompressed {
        return Err(DecodeError::BadZip("stored entry size"));
    }
    Ok(ZipEntry {
        method,
        data,
        uncompressed_size: uncompressed as u64,
        crc32,
    })
}

fn same_name(stored: &[u8], wanted: &str) -> bool {
    stored.len() == wanted.len()
        && stored.iter().zip(wanted.bytes()).all(|(&a, b)| {
            let a = if a == b'\\' { b'/' } else { a };
            a.eq_ignore_ascii_case(&b)
        })
}

/// Little-endian integers; callers have checked the bounds, and out-of-range
/// reads give 0 rather than panic.
fn u16_at(bytes: &[u8], at: usize) -> u16 {
    match bytes.get(at..at + 2) {
        Some(b) => u16::from_le_bytes([b[0], b[1]]),
        None => 0,
    }
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    match bytes.get(at..at + 4) {
        Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal stored archive, written out field by field (the XLSX
    /// writer's zip is tested against this reader elsewhere).
    fn stored_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for (name, data) in entries {
            let crc = super::super::crc32(data);
            let offset = out.len() as u32;
            out.extend_from_slice(&LOCAL_SIGNATURE.to_le_bytes());
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&crc.to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&3u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b"xyz");
            out.extend_from_slice(data);
            central.extend_from_slice(&CENTRAL_SIGNATURE.to_le_bytes());
            central.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            central.extend_from_slice(&crc.to_le_bytes());
            central.extend_from_slice(&(data.len() as u32).to_le_bytes());
            central.extend_from_slice(&(data.len() as u32).to_le_bytes());
            central.extend_from_slice(&(name.len() as u16).to_le_bytes());
            central.extend_from_slice(&[0; 12]);
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let directory_offset = out.len() as u32;
        out.extend_from_slice(&central);
        out.extend_from_slice(&EOCD_SIGNATURE.to_le_bytes());
        out.extend_from_slice(&[0, 0, 0, 0]);
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(central.len() as u32).to_le_bytes());
        out.extend_from_slice(&directory_offset.to_le_bytes());
        out.extend_from_slice(&[2, 0, b'h', b'i']);
        out
    }

    #[test]
    fn finds_entries_by_name() {
        let zip = stored_zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w:document/>"),
        ]);
        let entry = zip_entry(&zip, "word/document.xml").unwrap();
        assert_eq!(entry.method, ZipMethod::Stored);
        assert_eq!(entry.data, b"<w:document/>");
        assert_eq!(entry.uncompressed_size, 13);
        assert_eq!(entry.crc32, super::super::crc32(b"<w:document/>"));
        assert_eq!(
            zip_entry(&zip, "WORD/Document.xml").unwrap().data,
            b"<w:document/>"
        );
        let windows = stored_zip(&[("word\\document.xml", b"<w:document/>")]);
        assert_eq!(
            zip_entry(&windows, "word/document.xml").unwrap().data,
            b"<w:document/>"
        );
    }

    #[test]
    fn missing_and_damaged() {
        let zip = stored_zip(&[("a.txt", b"a")]);
        assert_eq!(
            zip_entry(&zip, "b.txt"),
            Err(DecodeError::MissingZipEntry("b.txt".into()))
        );
        assert_eq!(
            zip_entry(&zip[..zip.len() - 10], "a.txt"),
            Err(DecodeError::BadZip("no end record"))
        );
        assert_eq!(
            zip_entry(b"PK", "a.txt"),
            Err(DecodeError::BadZip("too short"))
        );
        // Cut the local data short: the directory still points at it.
        let mut cut = zip.clone();
        cut.drain(10..30);
        assert!(matches!(
            zip_entry(&cut, "a.txt"),
            Err(DecodeError::BadZip(_))
        ));
    }
}
