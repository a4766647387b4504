//! Entry points the parse worker calls in this same wasm module.
//!
//! The worker instantiates the page's own `.wasm` (already downloaded and
//! compiled by the page, so nothing more is fetched) through the same
//! wasm-bindgen glue, and calls these. `main` does nothing there: a worker
//! has no `window.document`. (JSON is the tools module's: its
//! `parse_to_json`, src/bin/bulletin-tools.)

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

use super::codec;

/// Items per piece of [`parse_to_parts`]: small enough that the page reads
/// one within a few milliseconds.
pub const ITEMS_PER_PART: usize = 64;

/// Parses one bulletin and returns it in pieces of [`codec`](super::codec)
/// bytes: first the bulletin without its items, then its items,
/// [`ITEMS_PER_PART`] to a piece. Reading a 5 MB paste's result in one go
/// would hold the page for seconds; in pieces, the page reads a few at a
/// time between frames. Bytes both ways (the text comes as UTF-8): the
/// buffers are handed over, not copied.
#[wasm_bindgen]
pub fn parse_to_parts(utf8: &[u8]) -> Array {
    // The page sends a Rust `String`'s bytes, so this never replaces.
    let text = String::from_utf8_lossy(utf8);
    let bulletin = bulletin_parser::parse(&text);
    let parts = Array::new();
    parts.push(&Uint8Array::from(codec::encode_head(&bulletin).as_slice()));
    for chunk in bulletin.items.chunks(ITEMS_PER_PART) {
        parts.push(&Uint8Array::from(codec::encode_items(chunk).as_slice()));
    }
    parts
}
