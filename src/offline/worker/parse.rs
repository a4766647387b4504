//! Parsing, off the main thread, in the tools module.
//!
//! The parser is not in the page's first-load wasm: every text — a small
//! paste, a large one, a folder of files — is parsed by the tools worker
//! ([`super::tools`], the second wasm module, loaded as soon as the page has
//! something to parse). [`parse_texts`] sends the texts there as UTF-8
//! bytes and reads the bulletins back from compact [`codec`] pieces, a
//! frame's worth at a time, so the page stays responsive even for a 5 MB
//! paste.
//!
//! When the tools module cannot load, [`parse_texts`] says why
//! ([`ToolsError`]); the caller shows it, and the next parse tries again.

use bulletin_parser::Bulletin;
use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::codec;
use super::tools::{self, ToolsError};

/// Texts larger than this (bytes, all texts together) show the parse
/// progress while they are parsed; smaller ones come back within a frame or
/// two, and a progress bar would only flicker.
pub const LARGE_INPUT_BYTES: usize = 200 * 1024;

/// The `performance.mark` set each time the worker returns results.
pub const WORKER_RESULT_MARK: &str = "bulletin:worker-result";
/// The `performance.mark` set when those results have been read back.
pub const DECODED_MARK: &str = "bulletin:worker-decoded";

/// How far a batch has got: `done` of `total` texts parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// Parses every text, in order, in the tools worker, with its corrections
/// by hand (`corrections[i]`, may be missing) applied; `on_progress` hears
/// how far it has got. One bulletin per text, or why there are none.
pub async fn parse_texts(
    texts: Vec<String>,
    corrections: Vec<String>,
    on_progress: impl Fn(Progress) + 'static,
) -> Result<Vec<Bulletin>, ToolsError> {
    if texts.is_empty() {
        return Ok(Vec::new());
    }
    let results = tools::parse_parts(&texts, &corrections, move |done, total| {
        on_progress(Progress { done, total })
    })
    .await?;
    // For tests and profiles: proof that the worker, not the page, parsed.
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(WORKER_RESULT_MARK);
    }
    read_results(texts.len(), results).await
}

/// Turns the worker's pieces back into bulletins one at a time, letting
/// the page draw whenever a frame's worth of reading is done. A result that
/// does not read back (it cannot happen while both modules come from the
/// same build) is an error, never a silently empty bulletin.
async fn read_results(count: usize, results: Array) -> Result<Vec<Bulletin>, ToolsError> {
    let mut out = Vec::with_capacity(count);
    let started = now_ms();
    let mut slice_start = started;
    for i in 0..count {
        // Each piece crosses into wasm only when it is read: all of them at
        // once would be one long copy.
        let parts: Array = results.get(i as u32).dyn_into().unwrap_or_default();
        let bytes = |j: u32| {
            parts
                .get(j)
                .dyn_into::<Uint8Array>()
                .ok()
                .map(|a| a.to_vec())
        };
        let mut bulletin = bytes(0).and_then(|head| codec::decode_head(&head));
        for j in 1..parts.length() {
            let Some(b) = bulletin.as_mut() else { break };
            match bytes(j).and_then(|part| codec::decode_items(&part)) {
                Some(chunk) => b.items.extend(chunk),
                None => bulletin = None,
            }
            if now_ms() - slice_start > FRAME_BUDGET_MS {
                yield_to_page().await;
                slice_start = now_ms();
            }
        }
        out.push(
            bulletin
                .ok_or_else(|| ToolsError::Failed("the parse result did not read back".into()))?,
        );
        if now_ms() - slice_start > FRAME_BUDGET_MS {
            yield_to_page().await;
            slice_start = now_ms();
        }
    }
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(DECODED_MARK);
    }
    // Drawing a large result is the caller's next step: a task of its own
    // (a small one, read in a moment, is drawn at once).
    if now_ms() - started > FRAME_BUDGET_MS / 2.0 {
        yield_to_page().await;
    }
    Ok(out)
}

/// How long the page reads results before letting the browser draw.
const FRAME_BUDGET_MS: f64 = 12.0;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Lets the browser run its queued work (input, paint) before continuing.
pub async fn yield_to_page() {
    let pause = Promise::new(&mut |resolve, _reject| {
        let queued = web_sys::window().map(|w| w.set_timeout_with_callback(&resolve).is_ok());
        if queued != Some(true) {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = JsFuture::from(pause).await;
}
