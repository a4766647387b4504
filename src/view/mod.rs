//! The page's logic that needs no browser: what to show and in which order.
//! Everything here compiles and is tested natively.

pub mod big_text;
pub mod corrections;
pub mod export_filter;
pub mod figure_info;
pub mod i18n;
pub mod lang;
pub mod lines;
pub mod numfmt;
pub mod outline;
pub mod paste_split;
pub mod progressive;
pub mod proofread;
pub mod segments;
pub mod shortcuts;
pub mod sort;
pub mod summary;
pub mod table;
pub mod workspace;
