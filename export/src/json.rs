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

/// One bulletin as compact JSON on one line, for JSON Lines.
pub fn to_json_line(bulletin: &Bulletin) -> String {
    serde_json::to_string(bulletin).unwrap_or_default()
}
