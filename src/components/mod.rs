//! One component per file; each takes what it shows as props and owns only
//! its own interaction state (the table's filter and sort, the export status).

pub mod corrections;
pub mod document;
pub mod entry_tabs;
pub mod export_bar;
pub mod figure_mark;
pub mod figures_table;
pub mod input_panel;
pub mod item_view;
pub mod lang_switch;
pub mod load_more;
pub mod masthead;
pub mod proofread;
pub mod section_nav;
pub mod summary;
pub mod warnings;
