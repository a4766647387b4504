//! Parses the text of a Chinese county-government bulletin (政务快报, 政务信息,
//! 简报) into its masthead, sections, items, footer and every figure.
//!
//! Data flows one way: text → [`normalize`] (lines, clean-up) → [`structure`]
//! (masthead, sections, items, footer) → [`figures`] (quantities in each body)
//! → [`model::Bulletin`]. No module here touches a browser or a file system,
//! so the page, the CLI, the tests, the benchmarks and the fuzzer all run the
//! same code. Files become text in the `bulletin-decode` crate; a
//! `Bulletin` becomes JSON, CSV, XLSX or plain text in `bulletin-export`.

// Unsafe code lives in one module, `bytes::simd` (SIMD kernels behind
// capability types), which allows it; everything else is denied it.
#![deny(unsafe_code)]

pub mod bytes;
pub mod corrections;
pub mod figures;
pub mod file_name;
pub mod messages;
pub mod model;
pub mod normalize;
pub mod numerals;
#[cfg(feature = "proofread")]
pub mod proofread;
pub mod small_string;
pub mod structure;

pub use structure::doubt;

pub use corrections::{Correction, Skipped};
pub use doubt::{Doubt, DoubtReason};
pub use messages::{DropReason, WarningKind};
pub use model::*;
#[cfg(feature = "proofread")]
pub use proofread::{proofread, proofread_with, Finding, FindingKind, HouseRule, HouseRules};
pub use small_string::SmallString;

/// Parses one bulletin. Never panics, whatever the text; what it cannot place
/// ends up in `Bulletin::warnings`.
pub fn parse(text: &str) -> Bulletin {
    structure::parse(text)
}

/// Parses a text that may hold several bulletins one after another (a
/// month's issues pasted at once, a year's collection in one file): one
/// [`Bulletin`] per issue, in order. A text with one bulletin gives one.
pub fn parse_all(text: &str) -> Vec<Bulletin> {
    structure::parse_all(text)
}

/// The texts of the issues in a text that may hold several (see
/// [`parse_all`]): one text, unchanged, when it holds one. For the page,
/// which makes each issue an entry of its own.
pub fn split_issues(text: &str) -> Vec<String> {
    structure::split_issues(text)
}

/// Every figure in a piece of text (no structure: the whole text is one body).
pub fn extract_figures(text: &str) -> Vec<Figure> {
    figures::extract(text)
}
