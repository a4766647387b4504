//! Any text as a saved web page: never a panic, at most one blank line in a
//! row, no leading or trailing break, and output bounded by the input.
#![no_main]

use bulletin_decode::html_to_text;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let out = html_to_text(&text);
    assert!(!out.contains("\n\n\n"), "at most one blank line in a row");
    assert!(!out.starts_with('\n') && !out.ends_with('\n'));
    // An entity of 2 bytes (`&a`) is at most a 4-byte character; markers
    // and the cell gap add a few bytes per element, which costs 3 or more.
    assert!(
        out.len() <= 4 * text.len() + 8,
        "{} -> {}",
        text.len(),
        out.len()
    );
});
