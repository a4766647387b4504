//! Milliseconds from `performance.now()`, for the render-time measurement.

pub fn now() -> f64 {
    super::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}
