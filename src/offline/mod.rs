//! Offline use: the page installs as an app and keeps working with the
//! network off, and large inputs are parsed off the main thread.
//!
//! - [`service_worker`] registers `sw.js` (written by
//!   `scripts/offline/post-build.mjs`) and reports when an update waits.
//! - [`worker`] parses texts in the tools worker (the parser is not in the
//!   first-load wasm); [`codec`] is the compact form its results travel in.
//! - [`status`] is [`OfflineStatus`], mounted once by the page: the
//!   "新版本可用 — 刷新" bar for that update, and the parse progress
//!   ([`progress`]) that the parsing code publishes to it.
//! - [`hook`] is the parse hook: every text goes to the tools worker.
//! - [`tools`] loads the second wasm module (parser, exports, .html/.docx
//!   readers) into a worker of its own as soon as there is something to
//!   parse.
//! - [`channel`] is what the worker is reached through: a Blob-URL
//!   worker, requests with ids, answers, progress, failure.

// The codec is plain Rust, tested natively; the rest needs a browser.
pub mod codec;

#[cfg(target_arch = "wasm32")]
pub mod channel;
#[cfg(target_arch = "wasm32")]
pub mod hook;
#[cfg(target_arch = "wasm32")]
pub mod progress;
#[cfg(target_arch = "wasm32")]
pub mod service_worker;
#[cfg(target_arch = "wasm32")]
pub mod status;
#[cfg(target_arch = "wasm32")]
pub mod tools;
#[cfg(target_arch = "wasm32")]
pub mod worker;

#[cfg(target_arch = "wasm32")]
pub use hook::use_parsed;
#[cfg(target_arch = "wasm32")]
pub use status::OfflineStatus;
#[cfg(target_arch = "wasm32")]
pub use worker::{parse_texts, Progress};
