//! Requests to a web worker made from a Blob URL, and their answers: the
//! mechanism under the tools module's worker ([`super::tools`]), where every
//! parse ([`super::parse`]) runs.
//!
//! A Blob URL rather than a script path, so that the single-file build
//! works from `file://` too. The protocol both workers share, worker →
//! page: `{type: "ready"}` once started; `{type: "progress", id, …}` while
//! a request runs; `{type: "result", id, …}` answers it (the whole message
//! is the answer: each worker names its own fields); `{type: "error", id,
//! message}` refuses it; `{type: "failed", message}`, an `error` without
//! an id, or the worker's own error event mean it did not start. Page →
//! worker: whatever the caller sends, with an `id` added.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

// The browser objects used here, declared locally: the crate's web-sys
// feature list stays as small as the page needs.
#[wasm_bindgen]
extern "C" {
    type WorkerHandle;

    #[wasm_bindgen(constructor, js_class = "Worker", catch)]
    fn new(url: &str, options: &JsValue) -> Result<WorkerHandle, JsValue>;

    #[wasm_bindgen(method, js_name = postMessage, catch)]
    fn post_message(
        this: &WorkerHandle,
        message: &JsValue,
        transfer: &Array,
    ) -> Result<(), JsValue>;

    #[wasm_bindgen(method, js_name = addEventListener)]
    fn add_event_listener(this: &WorkerHandle, kind: &str, listener: &Function);

    #[wasm_bindgen(method)]
    fn terminate(this: &WorkerHandle);
}

/// Hears a request's `progress` messages.
pub type OnProgress = Rc<dyn Fn(&JsValue)>;

struct Pending {
    resolve: Function,
    reject: Function,
    on_progress: Option<OnProgress>,
}

/// A started worker and its requests in flight.
pub struct Channel {
    worker: WorkerHandle,
    /// Requests sent and not answered yet, by id (rarely more than one).
    pending: RefCell<Vec<(u32, Pending)>>,
    next_id: Cell<u32>,
    ready: Cell<bool>,
    broken: Cell<bool>,
    _listeners: Vec<Closure<dyn FnMut(JsValue)>>,
}

impl Channel {
    /// Starts a worker running `source` (`kind`: "module" or "classic").
    /// The Blob URL is kept: one script for the page's lifetime.
    pub fn spawn(source: &str, kind: &str, name: &str) -> Result<Rc<Channel>, JsValue> {
        let url = blob_url(source, "text/javascript")?;
        let options = Object::new();
        Reflect::set(&options, &"type".into(), &kind.into())?;
        Reflect::set(&options, &"name".into(), &name.into())?;
        let worker = WorkerHandle::new(&url, &options)?;
        Ok(Rc::new_cyclic(|weak: &Weak<Channel>| {
            let on_message = {
                let weak = weak.clone();
                Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                    if let Some(channel) = weak.upgrade() {
                        channel.on_message(
                            &Reflect::get(&event, &"data".into()).unwrap_or(JsValue::UNDEFINED),
                        );
                    }
                })
            };
            let on_error = {
                let weak = weak.clone();
                Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
                    if let Some(channel) = weak.upgrade() {
                        let message = Reflect::get(&event, &"message".into())
                            .ok()
                            .and_then(|m| m.as_string())
                            .unwrap_or_else(|| "the worker failed to start".to_owned());
                        channel.fail_all(&message);
                    }
                })
            };
            worker.add_event_listener("message", on_message.as_ref().unchecked_ref());
            worker.add_event_listener("error", on_error.as_ref().unchecked_ref());
            worker.add_event_listener("messageerror", on_error.as_ref().unchecked_ref());
            Channel {
                worker,
                pending: RefCell::new(Vec::new()),
                next_id: Cell::new(1),
                ready: Cell::new(false),
                broken: Cell::new(false),
                _listeners: vec![on_message, on_error],
            }
        }))
    }

    /// Sends a message that expects no answer (the worker's `init`).
    pub fn post(&self, message: &JsValue) -> Result<(), JsValue> {
        self.worker.post_message(message, &Array::new())
    }

    /// Sends `message` as a request (the buffers in `transfer` are handed
    /// over, not copied) and waits for its `result` message; an `error`
    /// message's text, or a failed start's, is the `Err`.
    pub async fn request(
        &self,
        message: &Object,
        transfer: &Array,
        on_progress: Option<OnProgress>,
    ) -> Result<JsValue, JsValue> {
        let id = self.next_id.get();
        self.next_id.set(id.wrapping_add(1));
        Reflect::set(message, &"id".into(), &id.into())?;
        let mut pending = None;
        let promise = Promise::new(&mut |resolve, reject| {
            pending = Some(Pending {
                resolve,
                reject,
                on_progress: on_progress.clone(),
            });
        });
        if let Some(pending) = pending {
            self.pending.borrow_mut().push((id, pending));
        }
        if let Err(err) = self.worker.post_message(message, transfer) {
            self.take(id);
            return Err(err);
        }
        JsFuture::from(promise).await
    }

    /// Whether the worker said it has started.
    pub fn is_ready(&self) -> bool {
        self.ready.get() && !self.broken.get()
    }

    /// Whether the worker failed: it is stopped, and not to be used again.
    pub fn is_broken(&self) -> bool {
        self.broken.get()
    }

    /// Stops the worker; requests still waiting fail with `message`.
    pub fn fail_all(&self, message: &str) {
        self.broken.set(true);
        self.worker.terminate();
        let waiting: Vec<Pending> = self
            .pending
            .borrow_mut()
            .drain(..)
            .map(|(_, p)| p)
            .collect();
        for p in waiting {
            let _ = p.reject.call1(&JsValue::NULL, &JsValue::from_str(message));
        }
    }

    fn on_message(&self, data: &JsValue) {
        let get = |key: &str| Reflect::get(data, &key.into()).unwrap_or(JsValue::UNDEFINED);
        let id = get("id").as_f64().map(|v| v as u32);
        match (get("type").as_string().as_deref(), id) {
            (Some("ready"), _) => self.ready.set(true),
            (Some("progress"), Some(id)) => {
                let callback = self
                    .pending
                    .borrow()
                    .iter()
                    .find(|(other, _)| *other == id)
                    .and_then(|(_, p)| p.on_progress.clone());
                if let Some(callback) = callback {
                    callback(data);
                }
            }
            (Some("result"), Some(id)) => {
                if let Some(p) = self.take(id) {
                    let _ = p.resolve.call1(&JsValue::NULL, data);
                }
            }
            (Some("error"), Some(id)) => {
                if let Some(p) = self.take(id) {
                    let _ = p.reject.call1(&JsValue::NULL, &get("message"));
                }
            }
            // An error outside a request is a failed start.
            (Some("error" | "failed"), None) | (Some("failed"), Some(_)) => {
                self.fail_all(&get("message").as_string().unwrap_or_default());
            }
            _ => {}
        }
    }

    fn take(&self, id: u32) -> Option<Pending> {
        let mut pending = self.pending.borrow_mut();
        let at = pending.iter().position(|(other, _)| *other == id)?;
        Some(pending.swap_remove(at).1)
    }
}

fn blob_url(source: &str, mime: &str) -> Result<String, JsValue> {
    let parts = Array::of1(&JsValue::from_str(source));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    web_sys::Url::create_object_url_with_blob(&blob)
}
