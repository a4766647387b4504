//! Any bytes through the PDF reader: it may refuse them, never panic, and
//! stays within its limits (small ones here, so hostile inputs that blow up
//! streams or content are cut short quickly).
#![no_main]

use doc_readers::pdf::pdf_to_text;
use doc_readers::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        total_inflate: 8 << 20,
        total_tokens: 200_000,
        max_pages: 64,
        max_page_glyphs: 100_000,
    };
    // Often start with a header so the fuzzer reaches the structure code.
    let mut with_header = b"%PDF-1.7\n".to_vec();
    with_header.extend_from_slice(data);
    for bytes in [data, &with_header[..]] {
        let gbk = |b: &[u8]| Some(String::from_utf8_lossy(b).into_owned());
        let mut last = 0;
        if let Ok(read) = pdf_to_text(bytes, Some(&gbk), &limits, &mut |done, total| {
            assert!(done > last && done <= total);
            last = done;
        }) {
            assert!(read.pages >= 1 && read.pages <= 64);
            assert!(read.unmapped <= read.glyphs);
        }
    }
});
