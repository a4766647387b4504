//! Any bytes, read as text, must parse without panicking, every figure's
//! offsets must point at its text, and every export must work (the JSON
//! export reading back to the same bulletin).
#![no_main]

use bulletin_export as export;
use bulletin_parser::{extract_figures, parse, Bulletin, Figure};
use libfuzzer_sys::fuzz_target;

fn check_offsets(body: &str, figures: &[Figure]) {
    let chars: Vec<char> = body.chars().collect();
    for f in figures {
        assert!(
            f.start <= f.end && f.end <= chars.len(),
            "figure {f:?} outside a body of {} chars",
            chars.len()
        );
        let text: String = chars[f.start..f.end].iter().collect();
        assert_eq!(text, f.text, "body[start..end] is not the figure text");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let bulletin = parse(&text);
    for item in &bulletin.items {
        check_offsets(&item.body, &item.figures);
    }
    check_offsets(&text, &extract_figures(&text));

    let json = export::to_json(&bulletin);
    let back: Bulletin = serde_json::from_str(&json).expect("the JSON export reads back");
    assert_eq!(back, bulletin, "the JSON export round-trips");
    let line = export::to_json_line(&bulletin);
    assert!(!line.contains('\n'));
    assert_eq!(
        line,
        serde_json::to_string(&bulletin).unwrap(),
        "the JSON Lines writer writes serde_json's bytes"
    );

    let docs = [("fuzz.txt", &bulletin)];
    let _ = export::figures_csv(&docs);
    let _ = export::items_csv(&docs);
    let _ = export::plain_text(&bulletin);
    if data.len() < 4096 {
        let book = export::xlsx(&docs);
        assert!(bulletin_decode::zip_entry(&book, "xl/worksheets/sheet2.xml").is_ok());
    }
});
