//! The page's hooks, one a file: the parse ([`use_bulletin`]), the draft
//! being typed ([`use_draft`]: debounce and storage), the render clock
//! ([`use_render_clock`]: paste-to-screen time) and files dropped on the
//! page ([`use_file_drop`]), the figures in headlines
//! ([`use_headline_figures`]), Ctrl+Z and Ctrl+Shift+Z for the corrections
//! ([`use_undo_keys`]).

mod bulletin;
pub mod draft;
mod file_drop;
mod headline_figures;
mod render_clock;
mod undo_keys;

pub use bulletin::{use_bulletin, SharedBulletin};
pub use draft::{use_draft, Draft};
pub use file_drop::{use_file_drop, FileDrop};
pub use headline_figures::{use_headline_figures, HeadFigure, HeadFigures};
pub use render_clock::{use_render_clock, RenderTimer};
pub use undo_keys::use_undo_keys;
