//! Bulletin Analyzer, the page: a county-government bulletin pasted or
//! dropped in, shown structured, exported — all in the browser.
//!
//! Data flows one way: text → `hooks::use_bulletin` (which has the text
//! parsed by [`bulletin_parser::parse`] in the on-demand tools module,
//! `tools/` (package bulletin-tools), so the parser is not part of the first load)
//! → model → components. The pure view logic
//! lives in [`view`] and is tested natively; the browser parts are
//! wasm32-only.

#![forbid(unsafe_code)]

pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod hooks;
/// 文库: the shell of the library (the library itself is in the tools module).
#[cfg(target_arch = "wasm32")]
pub mod library;
pub mod offline;

/// The demo bulletin behind the 示例 button: invented text in the style of a
/// county bulletin, so a first-time user sees the product at once.
pub const SAMPLE: &str = include_str!("../assets/sample.txt");

/// Mounts the page. Does nothing without a document.
#[cfg(target_arch = "wasm32")]
pub fn start() {
    if browser::document().is_some() {
        yew::Renderer::<app::App>::new().render();
    }
}
