//! Exports of parsed bulletins: the JSON contract of `shared/SPEC.md`, CSV
//! and XLSX tables for Excel, and a clean plain-text rendering.
//!
//! The tables are for Chinese office staff opening them in Excel, so their
//! headers and the category words in them are Chinese; researchers who want
//! stable English keys use the JSON. The figures table, one row per figure:
//!
//! | 刊名 | 期号 | 日期 | 文件 | 栏目 | 序号 | 标题 | 来源单位 | 原文 | 数值 | 数值上限 | 单位 | 约数 | 类别 | 指标 | 增减 | 时期 | 主体 | 更正 | 起 | 止 |
//! |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
//! | masthead title | issue number (else the issue as printed) | ISO date | file, or 粘贴 for pasted text and standard input | section | item number, from 1 | headline | sources, joined by 、 | figure text | value (a range's lower end), plain decimal | a range's upper end, else empty | unit | approx | kind (金额 百分比 数量 计量 时长) | label | change (增加 减少) | period | entity | 已更正 when corrected by hand | start | end |
//!
//! The items table: 刊名, 期号, 日期, 文件, 栏目, 序号, 标题, 来源单位, 正文,
//! 数据个数 (figure count), 需核对 (the parser's doubts, in words), 更正.
//! The workbook adds 按单位, figures by unit ([`by_unit`]). A filtered export
//! ([`Selection`]) keeps the rows shown and says so in a column 筛选 (and a
//! sheet 说明). [`export_file_name`] names the file from the masthead.
//! CSV is RFC 4180 with CRLF line ends; Excel needs [`CSV_BOM`] in front to
//! read it as UTF-8, which the `*_for_excel` functions add.

#![forbid(unsafe_code)]

pub mod by_unit;
mod csv;
mod json;
mod json_writer;
mod selection;
mod table;
mod text;
mod xlsx;
mod zip_writer;

pub use by_unit::{figures_by_unit, figures_by_unit_of, ByUnit, BY_UNIT_HEADERS};
pub use csv::{
    figures_csv, figures_csv_for_excel, figures_tsv, items_csv, items_csv_for_excel, CSV_BOM,
};
// In the parser crate, which the page links, so its first load can name a
// download without linking the exports.
pub use bulletin_parser::file_name::{export_file_name, export_file_name_for, FALLBACK_NAME};
pub use json::{to_json, to_json_line};
pub use json_writer::write_compact;
pub use selection::{
    figures_csv_selected, items_csv_selected, xlsx_selected, Selection, FILTER_HEADER,
};
pub use table::{
    bulletin_cells, change_name, figures_table, figures_table_of, file_label, items_table,
    items_table_of, kind_name, plain_number, text_figures_table, Cell, FigureRow, ItemRow, Table,
    FIGURE_HEADERS, ITEM_HEADERS, PASTED, TEXT_FIGURE_HEADERS,
};
pub use text::{plain_text, strip_controls};
pub use xlsx::{
    sheet_head, sheet_name, sheet_part, sheet_row, sheet_tail, value_columns, workbook,
    workbook_parts, xlsx, xlsx_split, ColumnWidths, SheetInfo, MAX_DATA_ROWS, MAX_SHEET_ROWS,
};
pub use zip_writer::{ZipStream, ZipWriter};
