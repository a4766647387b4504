//! Filtered exports: the rows a filtered table shows, and a note saying how
//! it was filtered, written into the file — a column 筛选 on every row (CSV
//! and XLSX alike, so any reader sees it) and, in the workbook, a sheet 说明.

use super::by_unit::figures_by_unit_of;
use super::csv::CSV_BOM;
use super::table::{figures_table_of, items_table_of, Cell, FigureRow, ItemRow, Table};
use super::xlsx::{workbook, MAX_DATA_ROWS};
use crate::model::Bulletin;

/// The column that carries the note of a filtered export.
pub const FILTER_HEADER: &str = "筛选";

/// What a filtered export keeps: the item rows and the figure rows shown,
/// in the order shown, and the filter in words (`类别：金额；单位：县财政局`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub items: Vec<ItemRow>,
    pub figures: Vec<FigureRow>,
    pub note: String,
}

impl Selection {
    /// Every item and figure of `docs`, with `note` (empty: not filtered).
    pub fn all(docs: &[(&str, &Bulletin)], note: &str) -> Selection {
        let mut s = Selection {
            note: note.to_string(),
            ..Selection::default()
        };
        for (doc, (_, b)) in docs.iter().enumerate() {
            for (item, it) in b.items.iter().enumerate() {
                s.items.push(ItemRow { doc, item });
                for figure in 0..it.figures.len() {
                    s.figures.push(FigureRow { doc, item, figure });
                }
            }
        }
        s
    }

    /// The note as the file says it: `已筛选：…`.
    pub fn said(&self) -> String {
        format!("已筛选：{}", self.note.trim())
    }
}

/// `table` with the column [`FILTER_HEADER`] holding the note on every
/// row, when there is a note.
fn noted(mut table: Table, s: &Selection) -> Table {
    if s.note.trim().is_empty() {
        return table;
    }
    let said = s.said();
    table.headers.push(FILTER_HEADER);
    for row in &mut table.rows {
        row.push(Cell::Text(said.clone()));
    }
    table
}

/// The figures table of the selection, as CSV for Excel (with the BOM).
pub fn figures_csv_selected(docs: &[(&str, &Bulletin)], s: &Selection) -> String {
    let t = noted(figures_table_of(docs, &s.figures), s);
    format!("{CSV_BOM}{}", t.to_csv())
}

/// The items table of the selection, as CSV for Excel (with the BOM).
pub fn items_csv_selected(docs: &[(&str, &Bulletin)], s: &Selection) -> String {
    let t = noted(items_table_of(docs, &s.items), s);
    format!("{CSV_BOM}{}", t.to_csv())
}

/// The workbook of the selection: 条目, 数据 and 按单位 of the rows kept,
/// and, when filtered, a sheet 说明 saying so.
pub fn xlsx_selected(docs: &[(&str, &Bulletin)], s: &Selection) -> Vec<u8> {
    let mut tables = vec![
        ("条目", noted(items_table_of(docs, &s.items), s)),
        ("数据", noted(figures_table_of(docs, &s.figures), s)),
        ("按单位", figures_by_unit_of(docs, &s.figures)),
    ];
    if !s.note.trim().is_empty() {
        tables.push((
            "说明",
            Table {
                headers: vec!["说明"],
                rows: vec![
                    vec![Cell::Text(s.said())],
                    vec![Cell::Text(format!(
                        "条目 {} 条，数据 {} 个",
                        s.items.len(),
                        s.figures.len()
                    ))],
                ],
            },
        ));
    }
    workbook(&tables, MAX_DATA_ROWS)
}
