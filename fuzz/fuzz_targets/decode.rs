//! Any bytes through every input decoder: none may panic, and what they
//! return must be consistent.
#![no_main]

use bulletin_decode::{
    decode_utf16, decode_utf8, docx_xml_to_text, html_to_text, sniff, zip_entry, Detected,
    TextEncoding, ZipMethod,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let detected = sniff(data);
    if let Ok(Detected::Text { encoding, bom_len }) = &detected {
        assert!(*bom_len <= data.len());
        // What sniff calls UTF-8 or UTF-16 must decode as such.
        match encoding {
            TextEncoding::Utf8 => {
                assert!(decode_utf8(data).is_ok(), "sniffed UTF-8 fails to decode")
            }
            TextEncoding::Utf16Le => drop(decode_utf16(data, false)),
            TextEncoding::Utf16Be => drop(decode_utf16(data, true)),
            TextEncoding::Gb18030 => {}
        }
    }
    let _ = decode_utf8(data);
    let _ = decode_utf16(data, false);
    let _ = decode_utf16(data, true);

    let text = String::from_utf8_lossy(data);
    let from_html = html_to_text(&text);
    assert!(
        !from_html.contains("\n\n\n"),
        "at most one blank line in a row"
    );
    assert!(!from_html.starts_with('\n') && !from_html.ends_with('\n'));
    let _ = docx_xml_to_text(&text);

    if let Ok(entry) = zip_entry(data, "word/document.xml") {
        assert!(entry.data.len() <= data.len());
        if entry.method == ZipMethod::Stored {
            assert_eq!(entry.data.len() as u64, entry.uncompressed_size);
        }
    }
    let _ = zip_entry(data, "[Content_Types].xml");
});
