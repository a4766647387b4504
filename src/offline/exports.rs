//! Entry points the parse worker calls in this same wasm module.
//!
//! The worker instantiates the page's own `.wasm` (already downloaded and
//! compiled by the page, so nothing more is fetched) through the same
//! wasm-bindgen glue, and calls these. `main` does nothing there: a worker
//! has no `window.document`.

use wasm_bindgen::prelude::*;

/// Parses one bulletin and returns its export JSON.
#[wasm_bindgen]
pub fn parse_to_json(text: &str) -> String {
    let bulletin = bulletin_parser::parse(text);
    // Serialising the model cannot fail: it holds only strings, numbers and
    // options. An empty object would still deserialise on the page.
    serde_json::to_string(&bulletin).unwrap_or_else(|_| "{}".to_owned())
}
