//! Any bytes as a zip archive: finding an entry never panics, never reads
//! outside the input, and inflating it (as the CLI does) stays within the
//! ratio-and-cap limit.
#![no_main]

use bulletin_decode::{crc32, inflate_limit, zip_entry, ZipMethod};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in [
        "word/document.xml",
        "[Content_Types].xml",
        "xl/workbook.xml",
    ] {
        let Ok(entry) = zip_entry(data, name) else {
            continue;
        };
        assert!(entry.data.len() <= data.len());
        match entry.method {
            ZipMethod::Stored => assert_eq!(entry.data.len() as u64, entry.uncompressed_size),
            ZipMethod::Deflated => {
                let Ok(limit) = entry.inflate_limit() else {
                    assert!(entry.uncompressed_size > inflate_limit(entry.data.len() as u64));
                    continue;
                };
                if let Ok(out) = miniz_oxide::inflate::decompress_to_vec_with_limit(
                    entry.data,
                    entry.uncompressed_size as usize,
                ) {
                    assert!(out.len() as u64 <= limit);
                    let _ = crc32(&out) == entry.crc32;
                }
            }
        }
    }
});
