//! Any bytes through encoding detection: never a panic; what it calls UTF-8
//! or UTF-16 decodes as such and holds no NUL; a guess always comes with a
//! note, and a byte-order mark never does.
#![no_main]

use bulletin_decode::{
    decode_utf16, decode_utf8, sniff, sniff_str, sniff_with_note, Detected, TextEncoding,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let with_note = sniff_with_note(data);
    assert_eq!(sniff(data), with_note.clone().map(|(d, _)| d));
    // Told the bytes are valid UTF-8, the verdict is the same.
    if let Ok(text) = std::str::from_utf8(data) {
        assert_eq!(sniff_str(text), with_note);
    }
    let Ok((detected, note)) = with_note else {
        return;
    };
    let (encoding, bom_len) = match detected {
        Detected::Text { encoding, bom_len }
        | Detected::Html {
            encoding, bom_len, ..
        } => (encoding, bom_len),
        Detected::Docx | Detected::Pdf | Detected::Ole => return,
    };
    if bom_len > 0 {
        assert!(note.is_none(), "a byte-order mark is no guess");
    }
    if encoding == TextEncoding::Gb18030 {
        assert!(note.is_some(), "GB18030 is always a guess");
    }
    let text = match encoding {
        TextEncoding::Utf8 => Some(decode_utf8(data).expect("sniffed UTF-8 decodes")),
        TextEncoding::Utf16Le => decode_utf16(data, false).ok(),
        TextEncoding::Utf16Be => decode_utf16(data, true).ok(),
        TextEncoding::Gb18030 => None,
    };
    if let Some(text) = text {
        assert!(!text.contains('\0'), "text with NUL passed as text");
    }
});
