//! Bulletin Analyzer, the page: a county-government bulletin pasted or
//! dropped in, shown structured, exported — all in the browser.
//!
//! Data flows one way: text → [`bulletin_parser::parse`] (behind
//! `hooks::use_bulletin`) → model → components. The pure view logic lives in
//! [`view`] and is tested natively; the browser parts are wasm32-only.

pub mod view;
