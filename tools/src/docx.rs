//! A Word document's text, in two steps around the browser's inflater (the
//! worker runs `DecompressionStream`; no inflater ships in the wasm):
//! [`document_part`] finds word/document.xml in the zip, [`part_text`]
//! checks the inflated bytes and reads the text out of the XML.

use bulletin_decode::{
    crc32, docx_xml_to_text, inflate_limit_error, zip_entry, ZipMethod, DOCX_DOCUMENT,
};

/// The error [`part_text`] returns when the document part is damaged; the
/// page shows its own message for it.
pub const NO_TEXT: &str = "docx-no-text";

/// word/document.xml as stored in the archive.
pub struct Part {
    pub deflated: bool,
    pub crc32: u32,
    pub data: Vec<u8>,
    /// The most bytes the part may inflate to (a ratio of its compressed
    /// size, and a cap): the worker (`inflateAtMost` in tools_worker.js)
    /// reads the browser's `DecompressionStream` chunk by chunk and cancels
    /// it there, so a zip bomb costs at most this much memory.
    pub limit: u32,
    /// The message when it would go past `limit`.
    pub limit_message: String,
}

/// Errors are the parser's messages (both languages), e.g. "not a .docx".
pub fn document_part(bytes: &[u8]) -> Result<Part, String> {
    let entry = zip_entry(bytes, DOCX_DOCUMENT).map_err(|e| e.to_string())?;
    let deflated = entry.method == ZipMethod::Deflated;
    // A part that declares more than its limit is refused before inflating.
    let limit = if deflated {
        entry.inflate_limit().map_err(|e| e.to_string())?
    } else {
        entry.data.len() as u64
    };
    Ok(Part {
        deflated,
        crc32: entry.crc32,
        data: entry.data.to_vec(),
        limit: limit.min(u32::MAX as u64) as u32,
        limit_message: inflate_limit_error().to_string(),
    })
}

/// The text of the (inflated) document part, or [`NO_TEXT`].
pub fn part_text(xml: &[u8], crc: u32) -> Result<String, String> {
    if crc32(xml) != crc {
        return Err(NO_TEXT.to_string());
    }
    let xml = std::str::from_utf8(xml).map_err(|_| NO_TEXT.to_string())?;
    docx_xml_to_text(xml).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip of one stored entry, as the smallest valid archive.
    fn stored_zip(name: &str, data: &[u8]) -> Vec<u8> {
        let crc = crc32(data);
        let mut out = Vec::new();
        out.extend_from_slice(&0x04034b50u32.to_le_bytes());
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        let central_at = out.len() as u32;
        out.extend_from_slice(&0x02014b50u32.to_le_bytes());
        out.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&[0; 12]);
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        let central_len = out.len() as u32 - central_at;
        out.extend_from_slice(&0x06054b50u32.to_le_bytes());
        out.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
        out.extend_from_slice(&central_len.to_le_bytes());
        out.extend_from_slice(&central_at.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    const XML: &str = r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>县水利局加固堤防 12 公里。</w:t></w:r></w:p></w:body></w:document>"#;

    #[test]
    fn a_stored_document_reads_back() {
        let part = document_part(&stored_zip(DOCX_DOCUMENT, XML.as_bytes())).unwrap();
        assert!(!part.deflated);
        assert!(part_text(&part.data, part.crc32)
            .unwrap()
            .contains("县水利局加固堤防 12 公里。"));
    }

    #[test]
    fn damaged_bytes_are_no_text_and_non_zips_the_parsers_message() {
        let part = document_part(&stored_zip(DOCX_DOCUMENT, XML.as_bytes())).unwrap();
        let mut bad = part.data.clone();
        bad[10] ^= 1;
        assert_eq!(part_text(&bad, part.crc32).unwrap_err(), NO_TEXT);
        assert!(document_part(b"plain text, not a zip").is_err());
    }

    #[test]
    fn nesting_past_the_limit_is_a_message_not_lost_text() {
        let deep = format!("{}<w:t>x</w:t>", "<w:p>".repeat(2000));
        let part = document_part(&stored_zip(DOCX_DOCUMENT, deep.as_bytes())).unwrap();
        let message = part_text(&part.data, part.crc32).unwrap_err();
        assert!(message.contains("1024"), "{message}");
    }
}
