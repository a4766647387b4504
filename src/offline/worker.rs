//! Parsing off the main thread.
//!
//! A large paste or a folder of files would freeze the page if parsed where
//! the page draws. [`parse_texts`] sends such inputs to a web worker that
//! runs this same wasm module (the page passes its compiled
//! `WebAssembly.Module`, so nothing is downloaded or compiled twice) and
//! reads back one export JSON per text.
//!
//! The worker is built from a Blob URL rather than a script path, so that the
//! single-file build works from `file://` too. Its source is
//! `parse_worker.js` behind the wasm-bindgen glue: served over http, one
//! import of the glue module (its URL from Trunk's `<link rel=modulepreload>`);
//! in the single-file build, the glue's text as a classic script
//! (`window.__bulletinWorkerGlue`, left by that file's loader), because from
//! `file://` module workers do not start.
//!
//! Whatever goes wrong with the worker (blocked by a policy, a browser
//! without module workers), the texts are parsed here instead, a text at a
//! time with a pause between them, so the result never depends on it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use bulletin_parser::Bulletin;
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::channel::{Channel, OnProgress};
use super::codec;

/// Inputs larger than this (bytes, all texts together) go to the worker.
pub const LARGE_INPUT_BYTES: usize = 200 * 1024;

/// The `performance.mark` set each time the worker returns results.
pub const WORKER_RESULT_MARK: &str = "bulletin:worker-result";
/// The `performance.mark` set when those results have been read back.
pub const DECODED_MARK: &str = "bulletin:worker-decoded";

/// The worker's script, to which the glue is prefixed (see [`Glue`]).
///
/// Its protocol, page → worker: `{type: "init", module}` with the page's
/// compiled `WebAssembly.Module`; `{type: "parse", id, texts}`.
/// Worker → page: `{type: "ready"}`; `{type: "progress", id, done, total}`
/// at most every 50 ms; `{type: "result", id, results}` where `results[i]`
/// is the i-th text's bulletin as [`codec`] pieces
/// (see [`parse_to_parts`](super::exports::parse_to_parts)), each an
/// `Uint8Array` whose buffer is transferred, not copied;
/// `{type: "error", id, message}`.
const WORKER_SOURCE: &str = include_str!("parse_worker.js");

/// How far a batch has got: `done` of `total` texts parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// Whether these texts are worth a trip to the worker: a batch of files,
/// or one text too large to parse within a frame.
pub fn should_use_worker(texts: &[String]) -> bool {
    texts.len() > 1 || texts.iter().map(String::len).sum::<usize>() > LARGE_INPUT_BYTES
}

/// Parses every text, in order, off the main thread when
/// [`should_use_worker`] says so; `on_progress` hears how far it has got.
/// Always returns one bulletin per text.
pub async fn parse_texts(texts: Vec<String>, on_progress: impl Fn(Progress) + 'static) -> Vec<Bulletin> {
    if texts.is_empty() {
        return Vec::new();
    }
    let total = texts.len();
    let on_progress: Rc<dyn Fn(Progress)> = Rc::new(on_progress);
    if should_use_worker(&texts) {
        if let Ok(results) = parse_in_worker(&texts, on_progress.clone()).await {
            return read_results(&texts, results).await;
        }
    }
    let mut out = Vec::with_capacity(total);
    for (i, text) in texts.iter().enumerate() {
        out.push(bulletin_parser::parse(text));
        on_progress(Progress { done: i + 1, total });
        if total > 1 {
            yield_to_page().await;
        }
    }
    out
}

/// Turns the worker's pieces back into bulletins one at a time, letting
/// the page draw whenever a frame's worth of reading is done. A result that
/// does not read back (it cannot happen with the current model, but a lost
/// bulletin would be worse than a slow one) is parsed again here.
async fn read_results(texts: &[String], results: Array) -> Vec<Bulletin> {
    let mut out = Vec::with_capacity(texts.len());
    let mut slice_start = now_ms();
    for (i, text) in texts.iter().enumerate() {
        // Each piece crosses into wasm only when it is read: all of them at
        // once would be one long copy.
        let parts: Array = results.get(i as u32).dyn_into().unwrap_or_default();
        let bytes = |j: u32| parts.get(j).dyn_into::<Uint8Array>().ok().map(|a| a.to_vec());
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
        out.push(bulletin.unwrap_or_else(|| bulletin_parser::parse(text)));
        if now_ms() - slice_start > FRAME_BUDGET_MS {
            yield_to_page().await;
            slice_start = now_ms();
        }
    }
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(DECODED_MARK);
    }
    // Drawing the result is the caller's next step: a task of its own.
    yield_to_page().await;
    out
}

/// How long the page reads results before letting the browser draw.
const FRAME_BUDGET_MS: f64 = 12.0;

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
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

// ---------------------------------------------------------------------------

thread_local! {
    /// The one parse worker of the page, started on first use and kept.
    static CHANNEL: RefCell<Option<Rc<Channel>>> = const { RefCell::new(None) };
    /// Set once the worker has failed: later batches go straight to the fallback.
    static UNAVAILABLE: Cell<bool> = const { Cell::new(false) };
}

async fn parse_in_worker(texts: &[String], on_progress: Rc<dyn Fn(Progress)>) -> Result<Array, JsValue> {
    if UNAVAILABLE.with(Cell::get) {
        return Err(JsValue::from_str("worker unavailable"));
    }
    let channel = match CHANNEL.with(|c| c.borrow().clone()) {
        Some(channel) if !channel.is_broken() => channel,
        _ => match start() {
            Ok(channel) => {
                CHANNEL.with(|c| *c.borrow_mut() = Some(channel.clone()));
                channel
            }
            Err(err) => {
                UNAVAILABLE.with(|u| u.set(true));
                return Err(err);
            }
        },
    };
    let result = request(&channel, texts, on_progress).await;
    if result.is_err() {
        // A worker that failed once is not trusted again this session.
        channel.fail_all("the parse worker failed");
        CHANNEL.with(|c| *c.borrow_mut() = None);
        UNAVAILABLE.with(|u| u.set(true));
    }
    result
}

fn start() -> Result<Rc<Channel>, JsValue> {
    let glue = glue_source().ok_or_else(|| JsValue::from_str("no wasm-bindgen glue found"))?;
    let (source, kind) = match glue {
        Glue::Module(url) => (format!("import * as glue from {};\n{WORKER_SOURCE}", js_string_literal(&url)), "module"),
        Glue::Classic(text) => (format!("{text}\nconst glue = self.__bulletinGlue;\n{WORKER_SOURCE}"), "classic"),
    };
    let channel = Channel::spawn(&source, kind, "bulletin-parse")?;
    let init = Object::new();
    Reflect::set(&init, &"type".into(), &"init".into())?;
    Reflect::set(&init, &"module".into(), &wasm_bindgen::module())?;
    channel.post(&init)?;
    Ok(channel)
}

async fn request(channel: &Channel, texts: &[String], on_progress: Rc<dyn Fn(Progress)>) -> Result<Array, JsValue> {
    let message = Object::new();
    Reflect::set(&message, &"type".into(), &"parse".into())?;
    // UTF-8 bytes, handed over: a 5 MB text as a JS string costs a
    // UTF-16 conversion and a structured-clone copy on the page's thread.
    let list: Array = texts.iter().map(|t| Uint8Array::from(t.as_bytes())).collect();
    let buffers: Array = list.iter().map(|bytes| JsValue::from(bytes.unchecked_into::<Uint8Array>().buffer())).collect();
    Reflect::set(&message, &"texts".into(), &list)?;
    let progress: OnProgress = Rc::new(move |data: &JsValue| {
        let read = |key: &str| Reflect::get(data, &key.into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0) as usize;
        on_progress(Progress { done: read("done"), total: read("total") });
    });
    let answer = channel.request(&message, &buffers, Some(progress)).await?;
    // For tests and profiles: proof that the worker, not the page, parsed.
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(WORKER_RESULT_MARK);
    }
    Reflect::get(&answer, &"results".into())?.dyn_into()
}

/// How the worker gets the wasm-bindgen glue.
enum Glue {
    /// The glue module's absolute URL, imported by a module worker.
    Module(String),
    /// The glue as a classic script (the single-file build): from
    /// `file://` a module worker cannot start, nor import the page's Blob
    /// URLs, so the worker is classic and carries the glue's text.
    Classic(String),
}

/// The wasm-bindgen glue the page was started with.
fn glue_source() -> Option<Glue> {
    let window = web_sys::window()?;
    if let Some(text) = Reflect::get(&window, &"__bulletinWorkerGlue".into()).ok().and_then(|v| v.as_string()) {
        return Some(Glue::Classic(text));
    }
    let document = window.document()?;
    // Trunk preloads the glue (and any snippets, which are not it).
    let links = document.query_selector_all("link[rel=modulepreload]").ok()?;
    let preloaded = (0..links.length())
        .filter_map(|i| links.item(i))
        .filter_map(|link| Reflect::get(&link, &"href".into()).ok()?.as_string())
        .find(|href| href.ends_with(".js") && !href.contains("/snippets/"));
    if let Some(url) = preloaded {
        return Some(Glue::Module(url));
    }
    // The loader tag written by Trunk's `pattern_script` names it too.
    let tag = document.query_selector("script[data-wasm-js]").ok()??;
    let relative = tag.get_attribute("data-wasm-js")?;
    let base = document.url().ok()?;
    let url = web_sys::Url::new_with_base(&relative, &base).ok()?;
    Some(Glue::Module(url.href()))
}

/// A string as a JavaScript string literal. Written out rather than by
/// serde_json, which the first-load wasm does not carry.
fn js_string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
