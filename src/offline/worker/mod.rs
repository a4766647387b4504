//! The worker plumbing: every parse, export and file reader of the page
//! runs in the tools module (`tools/` (package bulletin-tools)), in a web worker.
//!
//! - [`tools`] loads that module into its worker as soon as there is
//!   something to parse, and sends it requests;
//! - [`channel`] is what the worker is reached through: a Blob-URL worker,
//!   requests with ids, answers, progress, failure;
//! - [`parse`] asks for parses and reads the results back, a few pieces a
//!   frame; [`codec`] is the compact form they travel in;
//! - [`hook`] is the parse hook: every text goes to the tools worker.

// The codec is plain Rust, tested natively; the rest needs a browser.
pub mod codec;

#[cfg(target_arch = "wasm32")]
pub mod channel;
#[cfg(target_arch = "wasm32")]
pub mod hook;
#[cfg(target_arch = "wasm32")]
pub mod parse;
#[cfg(target_arch = "wasm32")]
pub mod tools;
