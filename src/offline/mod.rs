//! Offline use: the page installs as an app and keeps working with the
//! network off, and large inputs are parsed off the main thread.
//!
//! - [`service_worker`] registers `sw.js` (written by
//!   `scripts/offline/post-build.mjs`) and reports when an update waits.
//! - [`banner`] shows "新版本可用 — 刷新" for that update.
//! - [`worker`] runs the parser in a web worker made from a Blob URL, so it
//!   also works in the single-file build opened from `file://`.
//! - [`exports`] are the functions that worker calls in this same wasm.
//! - [`progress`] shows how far a parse has got; [`status`] carries that
//!   progress to [`OfflineStatus`], which the page mounts once.
//! - [`hook`] is the parse hook's large-input path.

pub mod banner;
pub mod exports;
pub mod hook;
pub mod progress;
pub mod service_worker;
pub mod status;
pub mod worker;

pub use banner::UpdateBanner;
pub use hook::use_parsed;
pub use progress::ParseProgressBar;
pub use status::OfflineStatus;
pub use worker::{parse_texts, should_use_worker, Progress};
