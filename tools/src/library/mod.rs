//! The library (文库): many bulletins kept in the browser's own database
//! (IndexedDB), each stored once, with the views offices and researchers
//! need over them — adoption statistics, indicators over time, unit names
//! made one, search. All of it runs here, in the tools worker: the page's
//! first load carries only the shell (`src/library/mod.rs`), and neither
//! the database work nor the statistics hold the page's thread.
//!
//! The statistics are the `bulletin-stats` crate's (the CLI's `bulletin
//! stats` counts the same way): unit names made one, adoption, indicators,
//! search, issue gaps. Here:
//! - `store`: merging incoming bulletins, JSON Lines in and out (pure);
//! - `render`: the view as HTML; `workbook`: the table as XLSX;
//! - `db` and `wasm`: IndexedDB and the worker's entry point.

pub mod render;
pub mod store;
pub mod workbook;

#[cfg(target_arch = "wasm32")]
mod db;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
