//! Offline use: the page installs as an app and keeps working with the
//! network off, and every parse runs off the main thread. Two parts:
//!
//! - [`worker`] — the worker plumbing: the tools module (the second wasm:
//!   parser, exports, file readers) loaded on demand into a web worker
//!   ([`worker::tools`], reached through [`worker::channel`]), the parse
//!   requests ([`worker::parse`]) and the compact form results travel in
//!   ([`worker::codec`]), and the parse hook ([`worker::hook`]).
//! - [`service_worker`] — registers `sw.js` (written by
//!   `scripts/offline/post-build.mjs` from `assets/offline/sw.template.js`)
//!   and reports when an update waits.
//!
//! What the page sees of both is [`OfflineStatus`] ([`status`]), mounted
//! once: the "新版本可用 — 刷新" bar for that update, the parse progress
//! ([`progress`]) and the tools module's loading or failure.

pub mod worker;

// The codec is plain Rust, tested natively (and used by the tools module).
pub use worker::codec;
#[cfg(target_arch = "wasm32")]
pub use worker::{channel, hook, tools};

#[cfg(target_arch = "wasm32")]
pub mod progress;
#[cfg(target_arch = "wasm32")]
pub mod service_worker;
#[cfg(target_arch = "wasm32")]
pub mod status;

#[cfg(target_arch = "wasm32")]
pub use status::OfflineStatus;
#[cfg(target_arch = "wasm32")]
pub use worker::hook::use_parsed;
#[cfg(target_arch = "wasm32")]
pub use worker::parse::{parse_texts, Progress};
