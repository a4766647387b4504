//! Entry points the parse worker calls in this same wasm module.
//!
//! The worker instantiates the page's own `.wasm` (already downloaded and
//! compiled by the page, so nothing more is fetched) through the same
//! wasm-bindgen glue, and calls these. `main` does nothing there: a worker
//! has no `window.document`.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

/// Items per piece of [`parse_to_parts`]: small enough that the page reads
/// one within a few milliseconds.
pub const ITEMS_PER_PART: usize = 64;

/// Parses one bulletin and returns its export JSON.
#[wasm_bindgen]
pub fn parse_to_json(text: &str) -> String {
    let bulletin = bulletin_parser::parse(text);
    // The model holds only strings, numbers and options: serialising it
    // cannot fail, and an empty string makes the page parse again itself.
    serde_json::to_string(&bulletin).unwrap_or_default()
}

/// Parses one bulletin and returns it as UTF-8 JSON in pieces: first the
/// bulletin without its items, then its items, [`ITEMS_PER_PART`] to a JSON
/// array. Reading a 5 MB paste's result in one go would hold the page for
/// seconds; in pieces, the page reads a few at a time between frames. Bytes,
/// not strings: the worker hands the buffers over without copying them.
#[wasm_bindgen]
pub fn parse_to_parts(text: &str) -> Array {
    let mut bulletin = bulletin_parser::parse(text);
    let items = std::mem::take(&mut bulletin.items);
    let parts = Array::new();
    let json = |bytes: Vec<u8>| Uint8Array::from(bytes.as_slice());
    parts.push(&json(serde_json::to_vec(&bulletin).unwrap_or_default()));
    for chunk in items.chunks(ITEMS_PER_PART) {
        parts.push(&json(serde_json::to_vec(chunk).unwrap_or_default()));
    }
    parts
}
