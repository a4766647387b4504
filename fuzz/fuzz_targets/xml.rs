//! Any text as a Word document.xml: never a panic, and the work is bounded
//! by the input: the text out is never longer than a fixed multiple of the
//! text in (each input byte yields at most a few output bytes), and nesting
//! past the limit is the one error.
#![no_main]

use bulletin_decode::{docx_xml_to_text, DecodeError, MAX_XML_DEPTH};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match docx_xml_to_text(&text) {
        // `<w:tab/>` (9 bytes) writes two spaces; `<w:br/>` a break; bold
        // markers add at most four bytes per run: never 2x the input.
        Ok(out) => assert!(
            out.len() <= 2 * text.len() + 8,
            "{} -> {}",
            text.len(),
            out.len()
        ),
        Err(DecodeError::TooDeep { limit }) => assert_eq!(limit, MAX_XML_DEPTH),
        Err(e) => panic!("unexpected error {e}"),
    }
});
