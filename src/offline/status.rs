//! The offline module's one piece of UI, mounted once near the top of the
//! page: the "新版本可用 — 刷新" bar when a new version waits, and the parse
//! progress while a large input is parsed. One component rather than
//! several: every Yew component costs its own generic code in the wasm.
//!
//! The progress is a page-wide store: whoever parses [`publish`]es, this
//! component listens, so the parse hook needs no new props or return values.

use std::cell::{Cell, RefCell};

use yew::prelude::*;

use super::progress::progress_bar;
use super::service_worker::{self, UpdateReady};
use super::worker::Progress;

thread_local! {
    static CURRENT: Cell<Option<Progress>> = const { Cell::new(None) };
    static LISTENER: RefCell<Option<Callback<Option<Progress>>>> = const { RefCell::new(None) };
}

/// Sets the progress shown on the page; `None` when nothing is being parsed.
pub fn publish(progress: Option<Progress>) {
    if CURRENT.with(|c| c.replace(progress)) == progress {
        return;
    }
    if let Some(listener) = LISTENER.with(|l| l.borrow().clone()) {
        listener.emit(progress);
    }
}

#[function_component(OfflineStatus)]
pub fn offline_status() -> Html {
    let update = use_state(|| None::<UpdateReady>);
    let progress = use_state_eq(|| CURRENT.with(Cell::get));
    {
        let update = update.clone();
        let progress = progress.clone();
        use_effect_with((), move |_| {
            service_worker::register(move |ready| update.set(Some(ready)));
            LISTENER.with(|l| *l.borrow_mut() = Some(Callback::from(move |p| progress.set(p))));
            || LISTENER.with(|l| *l.borrow_mut() = None)
        });
    }
    let banner = (*update).clone().map(|ready| {
        let onclick = Callback::from(move |_: MouseEvent| ready.apply());
        html! {
            <div class="update-banner" role="status" aria-live="polite">
                <span class="update-banner__text">{ "新版本可用" }</span>
                { " — " }
                <button type="button" class="update-banner__reload" {onclick}>{ "刷新" }</button>
            </div>
        }
    });
    html! {
        <>
            { for banner }
            { progress_bar(*progress) }
        </>
    }
}
