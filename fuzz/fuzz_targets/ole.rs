//! Any bytes through the OLE compound-file and Word 97 readers: refused or
//! read, never a panic; a stream never claims more than the file holds.
#![no_main]

use doc_readers::{doc::doc_to_text, ole::Ole, OLE_SIGNATURE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut with_signature = OLE_SIGNATURE.to_vec();
    with_signature.extend_from_slice(data);
    for bytes in [data, &with_signature[..]] {
        let _ = doc_to_text(bytes);
        if let Ok(ole) = Ole::open(bytes) {
            for name in ole.root_names() {
                if let Ok(Some(stream)) = ole.stream(&name) {
                    assert!(stream.len() <= bytes.len());
                }
            }
        }
    }
});
