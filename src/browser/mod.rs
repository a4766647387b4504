//! Thin wrappers over the browser APIs the page uses, each failing softly:
//! a page in a private window without storage, or without the async
//! clipboard, still works.

pub mod clipboard;
pub mod download;
pub mod files;
pub mod highlight;
pub mod kept;
pub mod paste;
pub mod perf;
pub mod storage;

/// The window, when there is one (a worker has none).
pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn document() -> Option<web_sys::Document> {
    window().and_then(|w| w.document())
}
