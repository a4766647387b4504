//! Paste-to-screen time: from the moment new text is handed to the
//! analysis ([`RenderTimer::start`]) until the frame showing the result
//! has been painted. Written on the results element as `data-render-ms`
//! (the DOM update alone as `data-dom-ms`) and returned for the page to say.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::browser::perf;

/// Starts the clock for the next render (cheap to clone into callbacks).
#[derive(Clone)]
pub struct RenderTimer(Rc<RefCell<perf::RenderClock>>);

impl RenderTimer {
    pub fn start(&self) {
        self.0.borrow_mut().start();
    }
}

/// The timer, and the last measured render time. `shown` is what is on
/// screen (the bulletin and which entry shows it): when it changes, the
/// render started by [`RenderTimer::start`] is measured.
#[hook]
pub fn use_render_clock<T: PartialEq + 'static>(
    results: NodeRef,
    shown: T,
) -> (RenderTimer, Option<f64>) {
    // The first render (the saved draft) is timed from page start.
    let clock = use_mut_ref(perf::RenderClock::started_now);
    let render_ms = use_state(|| None::<f64>);
    {
        let clock = clock.clone();
        let render_ms = render_ms.clone();
        use_effect_with(shown, move |_| {
            let started = clock.borrow_mut().take();
            if let Some((t0, generation)) = started {
                let dom_ms = perf::now() - t0;
                if let Some(el) = results.cast::<web_sys::Element>() {
                    let _ = el.set_attribute("data-dom-ms", &format!("{dom_ms:.2}"));
                }
                let clock = clock.clone();
                perf::after_next_paint(move || {
                    // A render started since then owns the mark.
                    if !clock.borrow().is_current(generation) {
                        return;
                    }
                    let ms = perf::now() - t0;
                    if let Some(el) = results.cast::<web_sys::Element>() {
                        let _ = el.set_attribute("data-render-ms", &format!("{ms:.2}"));
                    }
                    web_sys::console::debug_1(
                        &format!(
                            "bulletin on screen in {ms:.2} ms (DOM updated in {dom_ms:.2} ms)"
                        )
                        .into(),
                    );
                    render_ms.set(Some(ms));
                });
            }
        });
    }
    (RenderTimer(clock), *render_ms)
}
