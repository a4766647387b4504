//! Registers the service worker that keeps the page working offline, and
//! tells the page when a new version is installed and waiting.
//!
//! `sw.js` is written by `scripts/offline/post-build.mjs` next to
//! `index.html`; it caches every file of the build under a name derived from
//! their hashes. A new build is downloaded in the background and then waits:
//! it takes over only when the user accepts ([`UpdateReady::apply`]), so
//! nobody loses the bulletin they are working on.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The service worker script, relative to the page (deployments may live
/// in a sub-folder).
pub const SCRIPT_URL: &str = "sw.js";

/// The message that lets a waiting worker take over (see `sw.template.js`).
pub const SKIP_WAITING: &str = "SKIP_WAITING";

// Declared here, not through web-sys features: Cargo.toml is not this
// module's to change, and these are the few members it needs.
#[wasm_bindgen]
extern "C" {
    type Container;
    #[wasm_bindgen(method)]
    fn register(this: &Container, url: &str) -> Promise;
    #[wasm_bindgen(method, getter)]
    fn controller(this: &Container) -> JsValue;

    type Registration;
    #[wasm_bindgen(method, getter)]
    fn waiting(this: &Registration) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn installing(this: &Registration) -> JsValue;
    #[wasm_bindgen(method)]
    fn update(this: &Registration) -> Promise;

    type Sw;
    #[wasm_bindgen(method, getter)]
    fn state(this: &Sw) -> String;
    #[wasm_bindgen(method, js_name = postMessage)]
    fn post_message(this: &Sw, message: &JsValue);

    type Target;
    #[wasm_bindgen(method, js_name = addEventListener)]
    fn add_event_listener(this: &Target, kind: &str, listener: &Function);

    #[wasm_bindgen(js_namespace = console, js_name = warn)]
    fn console_warn(message: &str, detail: &JsValue);
}

/// A new version, installed and waiting for the user's go-ahead.
#[derive(Clone)]
pub struct UpdateReady {
    waiting: JsValue,
}

impl PartialEq for UpdateReady {
    fn eq(&self, other: &Self) -> bool {
        self.waiting == other.waiting
    }
}

impl UpdateReady {
    /// Lets the waiting version take over and reloads the page once it has.
    pub fn apply(&self) {
        if let Some(container) = container() {
            let reloaded = Cell::new(false);
            let reload = Closure::<dyn FnMut()>::new(move || {
                if !reloaded.replace(true) {
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().reload();
                    }
                }
            });
            container
                .unchecked_ref::<Target>()
                .add_event_listener("controllerchange", reload.as_ref().unchecked_ref());
            reload.forget(); // the page is about to go
        }
        self.waiting
            .unchecked_ref::<Sw>()
            .post_message(&JsValue::from_str(SKIP_WAITING));
    }
}

/// Whether this page can have a service worker: not from `file://` (the
/// single-file build), not in a browser without them.
pub fn supported() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let secure_scheme = matches!(
        window.location().protocol().as_deref(),
        Ok("http:") | Ok("https:")
    );
    secure_scheme && container().is_some()
}

fn container() -> Option<Container> {
    let navigator = web_sys::window()?.navigator();
    let value = Reflect::get(&navigator, &"serviceWorker".into()).ok()?;
    (!value.is_undefined() && !value.is_null()).then(|| value.unchecked_into())
}

/// Registers `sw.js` once the page has loaded (so it never competes with
/// the first load) and calls `on_update` whenever a new version waits.
pub fn register(on_update: impl Fn(UpdateReady) + 'static) {
    if !supported() {
        return;
    }
    let on_update: Rc<dyn Fn(UpdateReady)> = Rc::new(on_update);
    let start = move || {
        let on_update = on_update.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(err) = register_now(on_update).await {
                console_warn("service worker not registered:", &err);
            }
        });
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let loaded = window
        .document()
        .map(|d| d.ready_state() == "complete")
        .unwrap_or(true);
    if loaded {
        start();
    } else {
        let once = Closure::once_into_js(start);
        let _ = window.add_event_listener_with_callback("load", once.unchecked_ref());
    }
}

async fn register_now(on_update: Rc<dyn Fn(UpdateReady)>) -> Result<(), JsValue> {
    let container = container().ok_or_else(|| JsValue::from_str("no serviceWorker"))?;
    // The first visit's copy of the wasm (assets/boot.js) must be stored
    // before the worker installs, or it downloads the wasm a second time.
    if let Some(copy) = web_sys::window()
        .and_then(|w| Reflect::get(&w, &"__bulletinBootCopy".into()).ok())
        .and_then(|p| p.dyn_into::<Promise>().ok())
    {
        let _ = JsFuture::from(copy).await;
    }
    let registration: Registration = JsFuture::from(container.register(SCRIPT_URL))
        .await?
        .unchecked_into();
    let registration = Rc::new(registration);

    // A version that finished installing during an earlier visit.
    offer_if_waiting(&registration, &on_update);

    // A version that starts installing while the page is open.
    let on_found = {
        let registration = registration.clone();
        let on_update = on_update.clone();
        Closure::<dyn FnMut()>::new(move || {
            let installing = registration.installing();
            if installing.is_null() || installing.is_undefined() {
                return;
            }
            let registration = registration.clone();
            let on_update = on_update.clone();
            let on_state =
                Closure::<dyn FnMut()>::new(move || offer_if_waiting(&registration, &on_update));
            installing
                .unchecked_ref::<Target>()
                .add_event_listener("statechange", on_state.as_ref().unchecked_ref());
            on_state.forget(); // lives as long as that worker
        })
    };
    registration
        .unchecked_ref::<Target>()
        .add_event_listener("updatefound", on_found.as_ref().unchecked_ref());
    on_found.forget(); // lives as long as the page

    // Pages stay open for days in an office: look for a new version when
    // the user comes back to the tab. Offline, the check fails quietly.
    let on_visible = {
        let registration = registration.clone();
        Closure::<dyn FnMut()>::new(move || {
            let visible = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| Reflect::get(&d, &"visibilityState".into()).ok())
                .and_then(|v| v.as_string())
                .is_some_and(|v| v == "visible");
            if visible {
                let check = registration.update();
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = JsFuture::from(check).await;
                });
            }
        })
    };
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_visible.as_ref().unchecked_ref(),
        );
    }
    on_visible.forget();
    Ok(())
}

/// Offers the waiting version, if there is one and this page is already
/// controlled (on the very first visit there is nothing to update from).
fn offer_if_waiting(registration: &Registration, on_update: &Rc<dyn Fn(UpdateReady)>) {
    let waiting = registration.waiting();
    if waiting.is_null() || waiting.is_undefined() {
        return;
    }
    let controlled = container()
        .map(|c| !c.controller().is_null())
        .unwrap_or(false);
    if controlled {
        on_update(UpdateReady { waiting });
    }
}
