//! The tools module: the second wasm (`tools/` (package bulletin-tools)), with the
//! parser (every parse and every split of a file into issues happens
//! there), the exports and the .html/.docx/PDF/.doc readers, loaded as soon
//! as the page has something to parse, so the first load of an empty page
//! carries none of it.
//!
//! It runs in a web worker made from a Blob URL ([`super::channel`]): the
//! tools' wasm-bindgen glue (a classic script)
//! followed by `tools_worker.js`, whose header is the protocol. Where the
//! files are:
//! - served over http: `scripts/offline/post-build.mjs` writes their hashed
//!   names into `<meta name="bulletin-tools" data-js data-wasm>`; the page
//!   fetches both (through the service worker's cache when offline);
//! - the single-file build: its loader leaves the glue's text in
//!   `window.__bulletinToolsGlue` and the wasm, gzipped, in base64 in
//!   `window.__bulletinToolsWasm`.
//!
//! The worker starts on the first request and is kept. Every request is
//! answered: a result, or an error whose message can be shown. A worker
//! that failed to start is dropped, so the next request tries again.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::channel::{Channel, OnProgress};

/// The worker's script, its comments left out (see build.rs).
const WORKER_SOURCE: &str = include_str!(concat!(env!("OUT_DIR"), "/tools_worker.js"));

/// Why a request got no result.
#[derive(Debug, Clone, PartialEq)]
pub enum ToolsError {
    /// The module could not be loaded or started (missing file, blocked).
    Unavailable(String),
    /// The module ran and refused the request; the message says why.
    Failed(String),
}

impl ToolsError {
    pub fn message(&self) -> &str {
        match self {
            ToolsError::Unavailable(m) | ToolsError::Failed(m) => m,
        }
    }
}

/// Whether the module has started: the next request is answered at once.
pub fn is_ready() -> bool {
    CHANNEL.with(|c| c.borrow().as_ref().is_some_and(|c| c.is_ready()))
}

/// Starts loading the module in the background (when an export button is
/// about to be used), so the click finds it ready.
pub fn warm_up() {
    if CHANNEL.with(|c| c.borrow().is_none()) {
        wasm_bindgen_futures::spawn_local(async {
            let _ = channel().await;
        });
    }
}

/// The bytes of an export (`json`, `jsonl`, `csv`, `xlsx`, `text`) of the
/// texts `(label, text)`; the label fills the tables' 文件 column.
/// `corrections[i]` are the i-th text's corrections by hand
/// (`view::corrections::encode`), applied before the export; `filter`,
/// when not empty, keeps only the figures the table shows
/// (`view::export_filter`).
pub async fn export(
    format: &str,
    docs: &[(String, String)],
    corrections: &[String],
    filter: &str,
) -> Result<Vec<u8>, ToolsError> {
    let message = request("export")?;
    set(&message, "format", &format.into())?;
    let fixes: Array = corrections.iter().map(|c| JsValue::from_str(c)).collect();
    set(&message, "corrections", &fixes)?;
    set(&message, "filter", &filter.into())?;
    let labels: Array = docs
        .iter()
        .map(|(label, _)| JsValue::from_str(label))
        .collect();
    let texts: Array = docs
        .iter()
        .map(|(_, text)| JsValue::from_str(text))
        .collect();
    set(&message, "labels", &labels)?;
    set(&message, "texts", &texts)?;
    let result = send(message).await?;
    result
        .dyn_into::<Uint8Array>()
        .map(|bytes| bytes.to_vec())
        .map_err(|_| ToolsError::Failed("the export returned no bytes".into()))
}

/// The text of a web page.
pub async fn html_text(html: &str) -> Result<String, ToolsError> {
    text_action("html", html).await
}

/// A request that sends one text and is answered with one: `html` (the
/// text of a web page), `figures` (the first figure read in a text, for a
/// figure added by hand) and `proofread` (see `tools/src/wasm.rs`:
/// its arguments joined by U+001F, the bulletin's text last). One function
/// for both keeps one future's code in the first-load wasm.
pub async fn text_action(action: &str, text: &str) -> Result<String, ToolsError> {
    let message = request(action)?;
    set(&message, "text", &text.into())?;
    as_string(send(message).await?)
}

/// The text of a Word .docx file. A damaged document part is the error
/// `Failed("docx-no-text")`; anything else that is not a .docx is the
/// parser's message.
pub async fn docx_text(bytes: &[u8]) -> Result<String, ToolsError> {
    let message = request("docx")?;
    set(&message, "bytes", &Uint8Array::from(bytes))?;
    as_string(send(message).await?)
}

/// The text of a PDF (`action` "pdf") or a Word 97/WPS file ("doc"), and
/// a note when part of it could not be read; `on_progress(done, total)`
/// hears each PDF page read. A scan, an encrypted file or unmapped fonts
/// are `Failed` with the reader's message. (One function for both keeps
/// the first-load wasm small.)
pub async fn binary_text(
    action: &str,
    bytes: &[u8],
    on_progress: impl Fn(usize, usize) + 'static,
) -> Result<(String, Option<String>), ToolsError> {
    let message = request(action)?;
    set(&message, "bytes", &Uint8Array::from(bytes))?;
    let result = send_with(message, Some(progress_of(on_progress))).await?;
    let field = |key: &str| {
        Reflect::get(&result, &key.into())
            .ok()
            .and_then(|t| t.as_string())
    };
    Ok((
        field("text").ok_or_else(|| ToolsError::Failed("the reader returned no text".into()))?,
        field("warning"),
    ))
}

/// Parses `texts` (every parse of the page happens in the tools worker),
/// each with its corrections by hand applied (`corrections[i]`, the text
/// form of `view::corrections`; empty for none):
/// `result[i]` is the i-th text's bulletin as [`codec`](super::codec)
/// pieces, read back by [`parse_texts`](super::parse::parse_texts).
/// The texts go as UTF-8 bytes, handed over rather than copied: a 5 MB
/// text as a JS string costs a UTF-16 conversion and a structured-clone copy
/// on the page's thread. `on_progress(done, total)` hears how far it got.
pub async fn parse_parts(
    texts: &[String],
    corrections: &[String],
    on_progress: impl Fn(usize, usize) + 'static,
) -> Result<Array, ToolsError> {
    let message = request("parse")?;
    let fixes: Array = corrections.iter().map(|c| JsValue::from_str(c)).collect();
    set(&message, "corrections", &fixes)?;
    let list: Array = texts
        .iter()
        .map(|t| Uint8Array::from(t.as_bytes()))
        .collect();
    let buffers: Array = list
        .iter()
        .map(|bytes| JsValue::from(bytes.unchecked_into::<Uint8Array>().buffer()))
        .collect();
    set(&message, "texts", &list)?;
    let result = send_full(message, &buffers, Some(progress_of(on_progress))).await?;
    result
        .dyn_into()
        .map_err(|_| ToolsError::Failed("the parse returned no results".into()))
}

/// The texts of the issues in `text` (a file holding several issues gives
/// one per issue; a single bulletin, itself).
pub async fn split_issues(text: &str) -> Result<Vec<String>, ToolsError> {
    let message = request("split")?;
    set(&message, "text", &text.into())?;
    let result: Array = send(message)
        .await?
        .dyn_into()
        .map_err(|_| ToolsError::Failed("the split returned no texts".into()))?;
    Ok(result.iter().filter_map(|t| t.as_string()).collect())
}

/// A library action (`src/library/mod.rs`; the worker's `library`
/// request): `files` (File objects) are read and stored first. Answers
/// `{html, retry, download?}`.
pub async fn library(
    act: &str,
    arg: &str,
    form: &str,
    files: &Array,
    on_progress: impl Fn(usize, usize) + 'static,
) -> Result<JsValue, ToolsError> {
    let message = request("library")?;
    set(&message, "act", &act.into())?;
    set(&message, "arg", &arg.into())?;
    set(&message, "form", &form.into())?;
    set(&message, "files", files)?;
    send_with(message, Some(progress_of(on_progress))).await
}

fn progress_of(on_progress: impl Fn(usize, usize) + 'static) -> OnProgress {
    Rc::new(move |data: &JsValue| {
        let read = |key: &str| {
            Reflect::get(data, &key.into())
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0) as usize
        };
        on_progress(read("done"), read("total"));
    })
}

/// The error of a damaged .docx (see [`docx_text`]).
pub const DOCX_NO_TEXT: &str = "docx-no-text";

fn as_string(value: JsValue) -> Result<String, ToolsError> {
    value
        .as_string()
        .ok_or_else(|| ToolsError::Failed("the reader returned no text".into()))
}

fn request(action: &str) -> Result<Object, ToolsError> {
    let message = Object::new();
    set(&message, "type", &"request".into())?;
    set(&message, "action", &action.into())?;
    Ok(message)
}

fn set(target: &Object, key: &str, value: &JsValue) -> Result<(), ToolsError> {
    Reflect::set(target, &key.into(), value)
        .map(|_| ())
        .map_err(|e| ToolsError::Failed(describe(&e)))
}

fn describe(value: &JsValue) -> String {
    value
        .as_string()
        .or_else(|| {
            Reflect::get(value, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "unknown error".to_owned())
}

async fn send(message: Object) -> Result<JsValue, ToolsError> {
    send_with(message, None).await
}

async fn send_with(
    message: Object,
    on_progress: Option<OnProgress>,
) -> Result<JsValue, ToolsError> {
    send_full(message, &Array::new(), on_progress).await
}

async fn send_full(
    message: Object,
    transfer: &Array,
    on_progress: Option<OnProgress>,
) -> Result<JsValue, ToolsError> {
    let channel = channel().await?;
    let answer = channel
        .request(&message, transfer, on_progress)
        .await
        .map_err(|err| {
            let message = describe(&err);
            if channel.is_broken() {
                ToolsError::Unavailable(message)
            } else {
                ToolsError::Failed(message)
            }
        })?;
    Reflect::get(&answer, &"result".into()).map_err(|e| ToolsError::Failed(describe(&e)))
}

// ---------------------------------------------------------------------------

thread_local! {
    static CHANNEL: RefCell<Option<Rc<Channel>>> = const { RefCell::new(None) };
    /// The start in progress: later requests wait for the same one.
    static STARTING: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// The running worker, started if there is none (or the last one broke).
async fn channel() -> Result<Rc<Channel>, ToolsError> {
    if let Some(channel) = CHANNEL
        .with(|c| c.borrow().clone())
        .filter(|c| !c.is_broken())
    {
        return Ok(channel);
    }
    let starting = STARTING.with(|s| {
        s.borrow_mut()
            .get_or_insert_with(|| {
                wasm_bindgen_futures::future_to_promise(async {
                    let started = start().await;
                    STARTING.with(|s| s.borrow_mut().take());
                    let channel = started.map_err(|e| JsValue::from_str(&e))?;
                    CHANNEL.with(|c| *c.borrow_mut() = Some(channel));
                    Ok(JsValue::TRUE)
                })
            })
            .clone()
    });
    JsFuture::from(starting)
        .await
        .map_err(|e| ToolsError::Unavailable(describe(&e)))?;
    CHANNEL
        .with(|c| c.borrow().clone())
        .ok_or_else(|| ToolsError::Unavailable("the tools worker stopped".into()))
}

/// Where the module's two files come from.
enum Source {
    Http {
        glue: String,
        wasm: String,
    },
    Inline {
        glue: String,
        wasm_gz_base64: String,
    },
}

fn source() -> Result<Source, String> {
    let window = web_sys::window().ok_or("no window")?;
    let global = |name: &str| {
        Reflect::get(&window, &name.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    if let (Some(glue), Some(wasm_gz_base64)) =
        (global("__bulletinToolsGlue"), global("__bulletinToolsWasm"))
    {
        return Ok(Source::Inline {
            glue,
            wasm_gz_base64,
        });
    }
    let document = window.document().ok_or("no document")?;
    let meta = document
        .query_selector("meta[name=bulletin-tools]")
        .ok()
        .flatten()
        .ok_or("this build has no tools module (meta bulletin-tools missing)")?;
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    let url = |attr: &str| -> Result<String, String> {
        let relative = meta
            .get_attribute(attr)
            .ok_or_else(|| format!("meta bulletin-tools: no {attr}"))?;
        web_sys::Url::new_with_base(&relative, &base)
            .map(|u| u.href())
            .map_err(|e| describe(&e))
    };
    Ok(Source::Http {
        glue: url("data-js")?,
        wasm: url("data-wasm")?,
    })
}

async fn fetch(url: &str) -> Result<web_sys::Response, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| format!("{url}: {}", describe(&e)))?
        .unchecked_into();
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    Ok(response)
}

async fn start() -> Result<Rc<Channel>, String> {
    let init = Object::new();
    let set = |key: &str, value: &JsValue| {
        Reflect::set(&init, &key.into(), value)
            .map(|_| ())
            .map_err(|e| describe(&e))
    };
    set("type", &"init".into())?;
    let glue = match source()? {
        Source::Inline {
            glue,
            wasm_gz_base64,
        } => {
            set("wasmGzBase64", &wasm_gz_base64.into())?;
            glue
        }
        Source::Http { glue, wasm } => {
            let (glue, wasm) = (fetch(&glue).await?, fetch(&wasm).await?);
            let read = |p: Result<Promise, JsValue>| async move {
                JsFuture::from(p.map_err(|e| describe(&e))?)
                    .await
                    .map_err(|e| describe(&e))
            };
            let bytes = read(wasm.array_buffer()).await?;
            set("wasm", &bytes)?;
            read(glue.text())
                .await?
                .as_string()
                .ok_or("the tools glue is not text")?
        }
    };
    // The glue is a classic script (it defines the global `wasm_bindgen`).
    let channel = Channel::spawn(
        &format!("{glue}\n{WORKER_SOURCE}"),
        "classic",
        "bulletin-tools",
    )
    .map_err(|e| describe(&e))?;
    channel.post(&init).map_err(|e| describe(&e))?;
    Ok(channel)
}
