//! The JSON export: the contract of `shared/SPEC.md`, written by the model's
//! serde derive so the page, the CLI and the tests cannot drift apart.

use bulletin_parser::model::Bulletin;

/// One bulletin as pretty-printed JSON (two-space indent, UTF-8 text
/// unescaped).
pub fn to_json(bulletin: &Bulletin) -> String {
    // Serialising these types cannot fail: every map key is a string and
    // non-finite numbers become null.
    serde_json::to_string_pretty(bulletin).unwrap_or_default()
}

/// One bulletin as compact JSON on one line, for JSON Lines: serde_json's
/// bytes, written by [`crate::write_compact`].
pub fn to_json_line(bulletin: &Bulletin) -> String {
    let mut out = Vec::new();
    match crate::write_compact(&mut out, bulletin) {
        // JSON is UTF-8 when its strings are.
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}
