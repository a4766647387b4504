//! Milliseconds from `performance.now()`, and the moment after the next
//! paint, for the render-time measurement.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub fn now() -> f64 {
    super::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Runs `then` once the frame that shows the current DOM has been painted:
/// a task queued from the frame's animation callback runs after that
/// frame's style, layout and paint. This is when the reader sees the
/// result, so it is where the render time ends.
pub fn after_next_paint(then: impl FnOnce() + 'static) {
    let Some(window) = super::window() else {
        return then();
    };
    let in_frame = Closure::once_into_js(move || {
        let Some(window) = super::window() else {
            return then();
        };
        let after_paint = Closure::once_into_js(then);
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(after_paint.unchecked_ref(), 0);
    });
    let _ = window.request_animation_frame(in_frame.unchecked_ref());
}

/// When the render being timed started, and which one it is: a paste that
/// comes before the last one reached the screen starts a new generation,
/// so the old one's late mark is dropped rather than taken for the new.
#[derive(Debug, Default)]
pub struct RenderClock {
    started: Option<f64>,
    generation: u32,
}

impl RenderClock {
    /// The first render (the saved draft) is timed from page start.
    pub fn started_now() -> Self {
        Self {
            started: Some(now()),
            generation: 0,
        }
    }

    pub fn start(&mut self) {
        self.started = Some(now());
        self.generation = self.generation.wrapping_add(1);
    }

    /// The start time and generation of the render to time, once.
    pub fn take(&mut self) -> Option<(f64, u32)> {
        self.started.take().map(|t0| (t0, self.generation))
    }

    pub fn is_current(&self, generation: u32) -> bool {
        self.generation == generation
    }
}
