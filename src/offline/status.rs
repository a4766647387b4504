//! The progress of the parse in flight, published by whoever started it and
//! shown by [`OfflineStatus`] wherever the page mounts it. A page-wide
//! store, so the parse hook needs no new props or return values.

use std::cell::{Cell, RefCell};

use yew::prelude::*;

use super::banner::UpdateBanner;
use super::progress::ParseProgressBar;
use super::worker::Progress;

thread_local! {
    static CURRENT: Cell<Option<Progress>> = const { Cell::new(None) };
    static LISTENERS: RefCell<Vec<(u64, Callback<Option<Progress>>)>> = const { RefCell::new(Vec::new()) };
    static NEXT_LISTENER: Cell<u64> = const { Cell::new(0) };
}

/// Sets the progress shown on the page; `None` when nothing is being parsed.
pub fn publish(progress: Option<Progress>) {
    if CURRENT.with(|c| c.replace(progress)) == progress {
        return;
    }
    let listeners: Vec<_> = LISTENERS.with(|l| l.borrow().iter().map(|(_, cb)| cb.clone()).collect());
    for listener in listeners {
        listener.emit(progress);
    }
}

/// The progress of the parse in flight, re-rendering the caller as it moves.
#[hook]
pub fn use_parse_progress() -> Option<Progress> {
    let progress = use_state_eq(|| CURRENT.with(Cell::get));
    {
        let progress = progress.clone();
        use_effect_with((), move |_| {
            let id = NEXT_LISTENER.with(|n| {
                let id = n.get();
                n.set(id + 1);
                id
            });
            LISTENERS.with(|l| l.borrow_mut().push((id, Callback::from(move |p| progress.set(p)))));
            move || LISTENERS.with(|l| l.borrow_mut().retain(|(other, _)| *other != id))
        });
    }
    *progress
}

/// Everything offline-related the page shows: the update bar and the parse
/// progress. Mounted once, near the top of the page.
#[function_component(OfflineStatus)]
pub fn offline_status() -> Html {
    let progress = use_parse_progress();
    html! {
        <>
            <UpdateBanner />
            <ParseProgressBar {progress} />
        </>
    }
}
