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
use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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
// The browser objects used here, declared locally: the crate's web-sys
// feature list (Cargo.toml) is not this module's to change.

#[wasm_bindgen]
extern "C" {
    pub(super) type WorkerHandle;

    #[wasm_bindgen(constructor, js_class = "Worker", catch)]
    pub(super) fn new(url: &str, options: &JsValue) -> Result<WorkerHandle, JsValue>;

    #[wasm_bindgen(method, js_name = postMessage, catch)]
    pub(super) fn post_message(this: &WorkerHandle, message: &JsValue) -> Result<(), JsValue>;

    #[wasm_bindgen(method, js_name = postMessage, catch)]
    pub(super) fn post_message_with_transfer(this: &WorkerHandle, message: &JsValue, transfer: &Array) -> Result<(), JsValue>;

    #[wasm_bindgen(method, js_name = addEventListener)]
    pub(super) fn add_event_listener(this: &WorkerHandle, kind: &str, listener: &Function);

    #[wasm_bindgen(method)]
    pub(super) fn terminate(this: &WorkerHandle);
}

struct Pending {
    resolve: Function,
    reject: Function,
    on_progress: Rc<dyn Fn(Progress)>,
}

/// The one worker of the page, started on first use and kept.
struct Bridge {
    worker: WorkerHandle,
    /// Requests sent and not answered yet, by id (rarely more than one).
    pending: RefCell<Vec<(u32, Pending)>>,
    next_id: Cell<u32>,
    broken: Cell<bool>,
    _listeners: Vec<Closure<dyn FnMut(JsValue)>>,
}

thread_local! {
    static BRIDGE: RefCell<Option<Rc<Bridge>>> = const { RefCell::new(None) };
    /// Set once the worker has failed: later batches go straight to the fallback.
    static UNAVAILABLE: Cell<bool> = const { Cell::new(false) };
}

async fn parse_in_worker(texts: &[String], on_progress: Rc<dyn Fn(Progress)>) -> Result<Array, JsValue> {
    if UNAVAILABLE.with(Cell::get) {
        return Err(JsValue::from_str("worker unavailable"));
    }
    let bridge = match BRIDGE.with(|b| b.borrow().clone()) {
        Some(bridge) if !bridge.broken.get() => bridge,
        _ => match Bridge::start() {
            Ok(bridge) => {
                BRIDGE.with(|b| *b.borrow_mut() = Some(bridge.clone()));
                bridge
            }
            Err(err) => {
                UNAVAILABLE.with(|u| u.set(true));
                return Err(err);
            }
        },
    };
    let result = bridge.request(texts, on_progress).await;
    if result.is_err() {
        // A worker that failed once is not trusted again this session.
        bridge.worker.terminate();
        BRIDGE.with(|b| *b.borrow_mut() = None);
        UNAVAILABLE.with(|u| u.set(true));
    }
    result
}

impl Bridge {
    fn start() -> Result<Rc<Bridge>, JsValue> {
        let glue = glue_source().ok_or_else(|| JsValue::from_str("no wasm-bindgen glue found"))?;
        let (source, kind) = match glue {
            Glue::Module(url) => (format!("import * as glue from {};\n{WORKER_SOURCE}", js_string_literal(&url)), "module"),
            Glue::Classic(text) => (format!("{text}\nconst glue = self.__bulletinGlue;\n{WORKER_SOURCE}"), "classic"),
        };
        let url = blob_url(&source, "text/javascript")?;
        let options = Object::new();
        Reflect::set(&options, &"type".into(), &kind.into())?;
        Reflect::set(&options, &"name".into(), &"bulletin-parse".into())?;
        // The Blob URL is kept: one script for the page's lifetime.
        let worker = WorkerHandle::new(&url, &options)?;

        let bridge = Rc::new_cyclic(|weak: &std::rc::Weak<Bridge>| {
            let on_message = {
                let weak = weak.clone();
                Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                    if let Some(bridge) = weak.upgrade() {
                        let data = Reflect::get(&event, &"data".into()).unwrap_or(JsValue::UNDEFINED);
                        bridge.on_message(&data);
                    }
                })
            };
            let on_error = {
                let weak = weak.clone();
                Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                    if let Some(bridge) = weak.upgrade() {
                        let message = Reflect::get(&event, &"message".into())
                            .ok()
                            .and_then(|m| m.as_string())
                            .unwrap_or_else(|| "worker failed to start".to_owned());
                        bridge.fail_all(&message);
                    }
                })
            };
            worker.add_event_listener("message", on_message.as_ref().unchecked_ref());
            worker.add_event_listener("error", on_error.as_ref().unchecked_ref());
            worker.add_event_listener("messageerror", on_error.as_ref().unchecked_ref());
            Bridge {
                worker,
                pending: RefCell::new(Vec::new()),
                next_id: Cell::new(1),
                broken: Cell::new(false),
                _listeners: vec![on_message, on_error],
            }
        });

        let init = Object::new();
        Reflect::set(&init, &"type".into(), &"init".into())?;
        Reflect::set(&init, &"module".into(), &wasm_bindgen::module())?;
        bridge.worker.post_message(&init)?;
        Ok(bridge)
    }

    async fn request(&self, texts: &[String], on_progress: Rc<dyn Fn(Progress)>) -> Result<Array, JsValue> {
        let id = self.next_id.get();
        self.next_id.set(id.wrapping_add(1));
        let mut pending = None;
        let promise = Promise::new(&mut |resolve, reject| {
            pending = Some(Pending { resolve, reject, on_progress: on_progress.clone() });
        });
        if let Some(pending) = pending {
            self.pending.borrow_mut().push((id, pending));
        }

        let message = Object::new();
        Reflect::set(&message, &"type".into(), &"parse".into())?;
        Reflect::set(&message, &"id".into(), &id.into())?;
        // UTF-8 bytes, handed over: a 5 MB text as a JS string costs a
        // UTF-16 conversion and a structured-clone copy on the page's thread.
        let list: Array = texts.iter().map(|t| Uint8Array::from(t.as_bytes())).collect();
        let buffers: Array = list.iter().map(|bytes| JsValue::from(bytes.unchecked_into::<Uint8Array>().buffer())).collect();
        Reflect::set(&message, &"texts".into(), &list)?;
        if let Err(err) = self.worker.post_message_with_transfer(&message, &buffers) {
            self.take(id);
            return Err(err);
        }

        let results = JsFuture::from(promise).await?;
        // For tests and profiles: proof that the worker, not the page, parsed.
        if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
            let _ = performance.mark(WORKER_RESULT_MARK);
        }
        results.dyn_into()
    }

    fn on_message(&self, data: &JsValue) {
        let kind = Reflect::get(data, &"type".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
        let id = Reflect::get(data, &"id".into()).ok().and_then(|v| v.as_f64()).map(|v| v as u32);
        match kind.as_str() {
            "progress" => {
                let read = |key: &str| {
                    Reflect::get(data, &key.into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0) as usize
                };
                let callback = id.and_then(|id| {
                    self.pending.borrow().iter().find(|(other, _)| *other == id).map(|(_, p)| p.on_progress.clone())
                });
                if let Some(callback) = callback {
                    callback(Progress { done: read("done"), total: read("total") });
                }
            }
            "result" => {
                if let Some(p) = id.and_then(|id| self.take(id)) {
                    let results = Reflect::get(data, &"results".into()).unwrap_or(JsValue::UNDEFINED);
                    let _ = p.resolve.call1(&JsValue::NULL, &results);
                }
            }
            "error" => {
                let message = Reflect::get(data, &"message".into()).unwrap_or(JsValue::UNDEFINED);
                match id {
                    Some(id) => {
                        if let Some(p) = self.take(id) {
                            let _ = p.reject.call1(&JsValue::NULL, &message);
                        }
                    }
                    // An error outside a request is a failed start.
                    None => self.fail_all(&message.as_string().unwrap_or_default()),
                }
            }
            _ => {}
        }
    }

    fn take(&self, id: u32) -> Option<Pending> {
        let mut pending = self.pending.borrow_mut();
        let at = pending.iter().position(|(other, _)| *other == id)?;
        Some(pending.swap_remove(at).1)
    }

    /// Rejects every waiting request; the caller falls back to the main thread.
    fn fail_all(&self, message: &str) {
        self.broken.set(true);
        let waiting: Vec<Pending> = self.pending.borrow_mut().drain(..).map(|(_, p)| p).collect();
        for p in waiting {
            let _ = p.reject.call1(&JsValue::NULL, &JsValue::from_str(message));
        }
    }
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

pub(super) fn blob_url(source: &str, mime: &str) -> Result<String, JsValue> {
    let parts = Array::of1(&JsValue::from_str(source));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    web_sys::Url::create_object_url_with_blob(&blob)
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
