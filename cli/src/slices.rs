//! A big bulletin's figures table a slice of rows at a time, for the
//! writers that stream it (CSV and TSV in `render`, XLSX in `xlsx_out`):
//! below both, so neither needs the other.

use bulletin_export::{self as export, Cell, Table};
use bulletin_parser::{Bulletin, Item};

/// Figure rows built and written at a time for a big bulletin.
pub const ROWS_AT_ONCE: usize = 4096;

/// The figures table of `bulletin` a few thousand rows at a time, each
/// slice a table of its own (with the header, which the writer drops after
/// the first): the rows are those of `export::figures_table`, the item
/// numbers (序号) those of the whole bulletin.
pub fn figure_rows_in_slices(name: &str, bulletin: &Bulletin, mut each: impl FnMut(Table)) {
    for (index, item) in bulletin.items.iter().enumerate() {
        for slice in item.figures.chunks(ROWS_AT_ONCE) {
            // The masthead goes along: every row names its bulletin.
            let one = Bulletin {
                masthead: bulletin.masthead.clone(),
                items: vec![Item {
                    section: item.section.clone(),
                    headline: item.headline.clone(),
                    sources: item.sources.clone(),
                    figures: slice.to_vec(),
                    corrected: item.corrected,
                    ..Item::default()
                }],
                ..Bulletin::default()
            };
            let mut table = export::figures_table(&[(name, &one)]);
            if let Some(column) = table.headers.iter().position(|h| *h == "序号") {
                for row in &mut table.rows {
                    if let Some(cell) = row.get_mut(column) {
                        *cell = Cell::Number((index + 1) as f64);
                    }
                }
            }
            each(table);
        }
    }
}
