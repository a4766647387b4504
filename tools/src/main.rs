//! The page's second wasm module, "the tools": the parser (every parse of
//! the page, and the split of a file into issues: `parse_to_parts`,
//! `split_issues`), every export (JSON, JSON Lines, CSV for Excel, XLSX, plain text)
//! and the decoders of .html, .docx, PDF and Word 97 (.doc/.wps) files.
//! Keeping it out of the
//! first-load wasm keeps serde, serde_json, the workbook writer and the
//! HTML/Word readers off the first page load.
//!
//! It runs in a web worker the page starts as soon as it has something to
//! parse (`src/offline/worker/tools.rs`, protocol in `src/offline/worker/tools_worker.js`).
//! The parser is not in the first-load wasm at all. For exports the page
//! sends texts, never a parsed model, and this module parses them again and
//! exports the result (text → parse → model →
//! export, as on the command line).
//!
//! The package is `tools/` (bulletin-tools); index.html builds it with Trunk
//! (`<link data-trunk rel="rust" href="tools/Cargo.toml" data-type="worker">`).

// Natively only the unit tests call into the modules; the wasm exports
// (`wasm.rs`) are their users in the page.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#![forbid(unsafe_code)]

mod actions;
mod docx;
mod json;
mod library;
mod proofread;
mod readers;
#[cfg(target_arch = "wasm32")]
mod wasm;

#[cfg(target_arch = "wasm32")]
fn main() {
    // Nothing to start: the worker calls the exported functions.
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("bulletin-tools is the page's on-demand wasm module: it runs in the browser (scripts/serve.sh).");
}
