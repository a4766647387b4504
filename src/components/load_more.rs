//! "显示更多": the button under (or above) a list drawn in parts, and
//! [`watch`], which presses it when scrolled near — an
//! IntersectionObserver — so reading on just works; the button stays for
//! keyboards, printing and browsers without the observer. Plain functions,
//! not a component: every component type costs the page its own code.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[wasm_bindgen]
extern "C" {
    // Declared here: web-sys's binding needs a feature flag of its own, and
    // this is all the page uses of it (here and in the contents).
    pub(crate) type IntersectionObserver;

    #[wasm_bindgen(constructor, catch)]
    pub(crate) fn new(
        callback: &Function,
        options: &Object,
    ) -> Result<IntersectionObserver, JsValue>;

    #[wasm_bindgen(method)]
    pub(crate) fn observe(this: &IntersectionObserver, target: &web_sys::Element);

    #[wasm_bindgen(method)]
    pub(crate) fn disconnect(this: &IntersectionObserver);
}

/// How far below the viewport the next batch is drawn already.
const LOOK_AHEAD: &str = "0px 0px 800px 0px";

/// The button; `node` lets the caller [`watch`] it.
pub fn load_more(
    name: &'static str,
    label: String,
    on_more: &Callback<()>,
    node: &NodeRef,
) -> Html {
    let onclick = on_more.reform(|_: MouseEvent| ());
    html! {
        <div class="load-more" data-more={name} ref={node.clone()}>
            <button type="button" {onclick}>{ label }</button>
        </div>
    }
}

/// An observer at work; dropping it after [`Watch::stop`] frees its callback.
pub struct Watch {
    observer: IntersectionObserver,
    _callback: Closure<dyn FnMut(Array)>,
}

impl Watch {
    pub fn stop(self) {
        self.observer.disconnect();
    }
}

/// Calls `on_more` once when `node` comes near the viewport.
pub fn watch(node: &NodeRef, on_more: Callback<()>) -> Option<Watch> {
    let target = node.cast::<web_sys::Element>()?;
    let mut fired = false;
    let callback = Closure::<dyn FnMut(Array)>::new(move |entries: Array| {
        // Only when the end comes up from below, as one reads on. The end
        // of the document sits above the figures table: seen from there it
        // is in view too, and drawing the next batch (above the table, where
        // the page keeps its place) would leave it in view, and so on.
        let half = web_sys::window()
            .and_then(|w| w.inner_height().ok())
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0)
            / 2.0;
        let seen = entries.iter().any(|e| {
            let get =
                |o: &JsValue, k: &str| Reflect::get(o, &k.into()).unwrap_or(JsValue::UNDEFINED);
            let top = get(&get(&e, "boundingClientRect"), "top")
                .as_f64()
                .unwrap_or(0.0);
            get(&e, "isIntersecting").as_bool().unwrap_or(false) && top > half
        });
        // Once per observer: the next batch brings a new one.
        if seen && !fired {
            fired = true;
            on_more.emit(());
        }
    });
    let options = Object::new();
    let _ = Reflect::set(&options, &"rootMargin".into(), &LOOK_AHEAD.into());
    let observer = IntersectionObserver::new(callback.as_ref().unchecked_ref(), &options).ok()?;
    observer.observe(&target);
    Some(Watch {
        observer,
        _callback: callback,
    })
}
