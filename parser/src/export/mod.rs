//! Exports of parsed bulletins: the JSON contract of `shared/SPEC.md`, CSV
//! and XLSX tables for Excel, and a clean plain-text rendering.
//!
//! The tables are for Chinese office staff opening them in Excel, so their
//! headers and the category words in them are Chinese; researchers who want
//! stable English keys use the JSON. The figures table, one row per figure:
//!
//! | 文件 | 栏目 | 序号 | 标题 | 来源单位 | 原文 | 数值 | 数值上限 | 单位 | 约数 | 类别 | 指标 | 增减 | 时期 | 主体 | 起 | 止 |
//! |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
//! | file | section | item number, from 1 | headline | sources, joined by 、 | figure text | value (a range's lower end), plain decimal | a range's upper end, else empty | unit | approx | kind (金额 百分比 数量 计量 时长) | label | change (增加 减少) | period | entity | start | end |
//!
//! The items table: 文件, 栏目, 序号, 标题, 来源单位, 正文, 数据个数 (figure count).
//! CSV is RFC 4180 with CRLF line ends; Excel needs [`CSV_BOM`] in front to
//! read it as UTF-8, which the `*_for_excel` functions add.

mod csv;
mod json;
mod table;
mod text;
mod xlsx;
mod zip_writer;

pub use csv::{
    figures_csv, figures_csv_for_excel, figures_tsv, items_csv, items_csv_for_excel, CSV_BOM,
};
pub use json::{to_json, to_json_line};
pub use table::{
    change_name, figures_table, items_table, kind_name, plain_number, text_figures_table, Cell,
    Table, FIGURE_HEADERS, ITEM_HEADERS, TEXT_FIGURE_HEADERS,
};
pub use text::{plain_text, strip_controls};
pub use xlsx::{
    sheet_head, sheet_name, sheet_part, sheet_row, sheet_tail, value_columns, workbook_parts, xlsx,
    xlsx_split, ColumnWidths, SheetInfo, MAX_DATA_ROWS, MAX_SHEET_ROWS,
};
pub use zip_writer::{ZipStream, ZipWriter};
