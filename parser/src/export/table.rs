//! The rows behind the CSV and XLSX exports, built once so both formats say
//! the same thing (column order and header names are documented in
//! [`crate::export`]).

use crate::model::{Bulletin, Change, Figure, FigureKind};

/// One cell of an export table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Written as a number (XLSX) or a plain decimal (CSV), never with an
    /// exponent.
    Number(f64),
    Empty,
}

/// A header row and data rows of the same width.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// The figures table: one row per figure of every item of every bulletin.
pub const FIGURE_HEADERS: [&str; 17] = [
    "文件",
    "栏目",
    "序号",
    "标题",
    "来源单位",
    "原文",
    "数值",
    "数值上限",
    "单位",
    "约数",
    "类别",
    "指标",
    "增减",
    "时期",
    "主体",
    "起",
    "止",
];

/// The items table: one row per item.
pub const ITEM_HEADERS: [&str; 7] = [
    "文件",
    "栏目",
    "序号",
    "标题",
    "来源单位",
    "正文",
    "数据个数",
];

/// The figures of free text (`bulletin figures`): no items around them.
pub const TEXT_FIGURE_HEADERS: [&str; 13] = [
    "文件",
    "原文",
    "数值",
    "数值上限",
    "单位",
    "约数",
    "类别",
    "指标",
    "增减",
    "时期",
    "主体",
    "起",
    "止",
];

/// `docs` are `(file name, bulletin)` pairs.
pub fn figures_table(docs: &[(&str, &Bulletin)]) -> Table {
    let mut rows = Vec::new();
    figure_rows(docs, |row| {
        let mut cells = Vec::with_capacity(FIGURE_HEADERS.len());
        row(&mut cells);
        rows.push(cells);
    });
    Table {
        headers: FIGURE_HEADERS.to_vec(),
        rows,
    }
}

/// Takes a row's cells in column order, borrowed: the table keeps them
/// (`Vec<Cell>`), the CSV writer writes them straight out.
pub(crate) trait CellSink {
    fn text(&mut self, s: &str);
    fn number(&mut self, v: f64);
    fn empty(&mut self);

    /// A text, or nothing when there is none.
    fn optional(&mut self, s: Option<&str>) {
        match s {
            Some(s) if !s.is_empty() => self.text(s),
            _ => self.empty(),
        }
    }

    /// A number, or nothing when it is missing or not finite.
    fn finite(&mut self, v: Option<f64>) {
        match v {
            Some(v) if v.is_finite() => self.number(v),
            _ => self.empty(),
        }
    }
}

impl CellSink for Vec<Cell> {
    fn text(&mut self, s: &str) {
        self.push(text(s));
    }
    fn number(&mut self, v: f64) {
        self.push(Cell::Number(v));
    }
    fn empty(&mut self) {
        self.push(Cell::Empty);
    }
}

/// The figures table's rows, one call of `each` per figure; each row is
/// written into the sink it is given. An item's sources are joined once.
pub(crate) fn figure_rows(
    docs: &[(&str, &Bulletin)],
    mut each: impl FnMut(&mut dyn FnMut(&mut dyn CellSink)),
) {
    for (file, bulletin) in docs {
        for (index, item) in bulletin.items.iter().enumerate() {
            if item.figures.is_empty() {
                continue;
            }
            let sources = item.sources.join("、");
            for figure in &item.figures {
                each(&mut |cells: &mut dyn CellSink| {
                    cells.text(file);
                    cells.optional(item.section.as_deref());
                    cells.number((index + 1) as f64);
                    cells.text(&item.headline);
                    cells.text(&sources);
                    figure_columns(cells, figure);
                });
            }
        }
    }
}

pub fn items_table(docs: &[(&str, &Bulletin)]) -> Table {
    let mut rows = Vec::new();
    for (file, bulletin) in docs {
        for (index, item) in bulletin.items.iter().enumerate() {
            rows.push(vec![
                text(file),
                optional(item.section.as_deref()),
                Cell::Number((index + 1) as f64),
                text(&item.headline),
                text(&item.sources.join("、")),
                text(&item.body),
                Cell::Number(item.figures.len() as f64),
            ]);
        }
    }
    Table {
        headers: ITEM_HEADERS.to_vec(),
        rows,
    }
}

/// `docs` are `(file name, figures of its whole text)` pairs.
pub fn text_figures_table(docs: &[(&str, &[Figure])]) -> Table {
    let mut rows = Vec::new();
    for (file, figures) in docs {
        for figure in figures.iter() {
            let mut row = vec![text(file)];
            row.extend(figure_cells(figure));
            rows.push(row);
        }
    }
    Table {
        headers: TEXT_FIGURE_HEADERS.to_vec(),
        rows,
    }
}

/// 原文 … 止: the twelve columns every figures table ends with. A range
/// (`3—5万元`) has its lower end in 数值 and its upper end in 数值上限.
fn figure_cells(figure: &Figure) -> Vec<Cell> {
    let mut cells = Vec::with_capacity(12);
    figure_columns(&mut cells, figure);
    cells
}

/// [`figure_cells`] into any sink.
pub(crate) fn figure_columns(cells: &mut dyn CellSink, figure: &Figure) {
    cells.text(&figure.text);
    cells.finite(Some(figure.value));
    cells.finite(figure.value_max);
    cells.optional(figure.unit.as_deref());
    cells.optional(figure.approx.as_deref());
    cells.text(kind_name(figure.kind));
    cells.optional(figure.label.as_deref());
    cells.optional(figure.change.map(change_name));
    cells.optional(figure.period.as_deref());
    cells.optional(figure.entity.as_deref());
    cells.number(figure.start as f64);
    cells.number(figure.end as f64);
}

/// The Chinese word for a figure's kind, as the tables show it.
pub fn kind_name(kind: FigureKind) -> &'static str {
    match kind {
        FigureKind::Money => "金额",
        FigureKind::Percent => "百分比",
        FigureKind::Count => "数量",
        FigureKind::Measure => "计量",
        FigureKind::Duration => "时长",
    }
}

pub fn change_name(change: Change) -> &'static str {
    match change {
        Change::Up => "增加",
        Change::Down => "减少",
    }
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

fn optional(s: Option<&str>) -> Cell {
    match s {
        Some(s) if !s.is_empty() => text(s),
        _ => Cell::Empty,
    }
}

/// A number as a plain decimal: `24877000000`, `3.5`, `0.0001` — never
/// `2.4877e10`. Rounded to 15 significant digits, which is all a spreadsheet
/// keeps, so that float noise (`347000000.00000006`) does not show.
pub fn plain_number(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let rounded: f64 = format!("{value:.14e}").parse().unwrap_or(value);
    // `Display` for f64 never uses an exponent.
    let s = format!("{rounded}");
    if s == "-0" {
        "0".to_owned()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_have_no_exponent_and_no_noise() {
        assert_eq!(plain_number(24877000000.0), "24877000000");
        assert_eq!(plain_number(2.4877e10), "24877000000");
        assert_eq!(plain_number(3.47 * 1e8), "347000000");
        assert_eq!(plain_number(3.5), "3.5");
        assert_eq!(plain_number(440.55), "440.55");
        assert_eq!(plain_number(0.0001), "0.0001");
        assert_eq!(plain_number(1e21), "1000000000000000000000");
        assert_eq!(plain_number(-0.0), "0");
        assert_eq!(plain_number(f64::NAN), "");
    }
}
