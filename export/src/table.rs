//! The rows behind the CSV and XLSX exports, built once so both formats say
//! the same thing (column order and header names are documented in
//! [`crate::export`]).

use bulletin_parser::model::{Bulletin, Change, Figure, FigureKind, Item};

/// One cell of an export table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Written as a number (XLSX) or a plain decimal (CSV), never with an
    /// exponent.
    Number(f64),
    Empty,
}

/// A cell borrowed from the bulletin: the figures CSV is written from these
/// straight into its text, without a table of owned cells in between.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum CellRef<'a> {
    Text(&'a str),
    Number(f64),
    Empty,
}

impl CellRef<'_> {
    pub(crate) fn to_cell(self) -> Cell {
        match self {
            CellRef::Text(s) => Cell::Text(s.to_owned()),
            CellRef::Number(v) => Cell::Number(v),
            CellRef::Empty => Cell::Empty,
        }
    }
}

impl Cell {
    pub(crate) fn as_ref(&self) -> CellRef<'_> {
        match self {
            Cell::Text(s) => CellRef::Text(s),
            Cell::Number(v) => CellRef::Number(*v),
            Cell::Empty => CellRef::Empty,
        }
    }
}

/// A header row and data rows of the same width.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// The figures table: one row per figure of every item of every bulletin.
/// Each row says which bulletin it came from (刊名, 期号, 日期, 文件); the
/// character offsets come last.
pub const FIGURE_HEADERS: [&str; 21] = [
    "刊名",
    "期号",
    "日期",
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
    "更正",
    "起",
    "止",
];

/// The items table: one row per item, with the bulletin it came from, the
/// parser's doubts (需核对) and whether it was corrected by hand (更正).
pub const ITEM_HEADERS: [&str; 12] = [
    "刊名",
    "期号",
    "日期",
    "文件",
    "栏目",
    "序号",
    "标题",
    "来源单位",
    "正文",
    "数据个数",
    "需核对",
    "更正",
];

/// What 文件 says of a text that came from no file (pasted, or standard input).
pub const PASTED: &str = "粘贴";

/// A figure row of a filtered export: which bulletin of `docs`, which item
/// of it, which figure of that item (indices from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureRow {
    pub doc: usize,
    pub item: usize,
    pub figure: usize,
}

/// An item row of a filtered export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemRow {
    pub doc: usize,
    pub item: usize,
}

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

/// `docs` are `(file name, bulletin)` pairs; a file name that is empty or
/// `-` (pasted text, standard input) shows as [`PASTED`].
pub fn figures_table(docs: &[(&str, &Bulletin)]) -> Table {
    let every: Vec<FigureRow> = docs
        .iter()
        .enumerate()
        .flat_map(|(doc, (_, b))| {
            b.items.iter().enumerate().flat_map(move |(item, i)| {
                (0..i.figures.len()).map(move |figure| FigureRow { doc, item, figure })
            })
        })
        .collect();
    figures_table_of(docs, &every)
}

/// The figures table of the rows chosen (a filtered table's), in their
/// order; a row naming no figure of `docs` is left out.
pub fn figures_table_of(docs: &[(&str, &Bulletin)], chosen: &[FigureRow]) -> Table {
    let rows = chosen
        .iter()
        .filter_map(|r| {
            let (file, bulletin) = docs.get(r.doc)?;
            let item = bulletin.items.get(r.item)?;
            let figure = item.figures.get(r.figure)?;
            Some(figure_row(file, bulletin, r.item, item, figure))
        })
        .collect();
    Table {
        headers: FIGURE_HEADERS.to_vec(),
        rows,
    }
}

pub fn items_table(docs: &[(&str, &Bulletin)]) -> Table {
    let every: Vec<ItemRow> = docs
        .iter()
        .enumerate()
        .flat_map(|(doc, (_, b))| (0..b.items.len()).map(move |item| ItemRow { doc, item }))
        .collect();
    items_table_of(docs, &every)
}

/// The items table of the rows chosen, in their order.
pub fn items_table_of(docs: &[(&str, &Bulletin)], chosen: &[ItemRow]) -> Table {
    let rows = chosen
        .iter()
        .filter_map(|r| {
            let (file, bulletin) = docs.get(r.doc)?;
            let item = bulletin.items.get(r.item)?;
            Some(item_row(file, bulletin, r.item, item))
        })
        .collect();
    Table {
        headers: ITEM_HEADERS.to_vec(),
        rows,
    }
}

/// 刊名, 期号, 日期, 文件: which bulletin a row came from.
pub fn bulletin_cells(file: &str, bulletin: &Bulletin) -> [Cell; 4] {
    bulletin_cell_refs(file, bulletin).map(CellRef::to_cell)
}

pub(crate) fn bulletin_cell_refs<'a>(file: &'a str, bulletin: &'a Bulletin) -> [CellRef<'a>; 4] {
    let m = &bulletin.masthead;
    let issue = match (m.issue_number, m.issue.as_deref()) {
        (Some(n), _) => CellRef::Number(f64::from(n)),
        (None, issue) => optional_ref(issue),
    };
    [
        optional_ref(m.title.as_deref()),
        issue,
        optional_ref(m.date.as_deref()),
        CellRef::Text(file_label(file)),
    ]
}

/// The file a row came from, or [`PASTED`].
pub fn file_label(file: &str) -> &str {
    if file.is_empty() || file == "-" {
        PASTED
    } else {
        file
    }
}

fn figure_row(
    file: &str,
    bulletin: &Bulletin,
    index: usize,
    item: &Item,
    figure: &Figure,
) -> Vec<Cell> {
    let sources = item.sources.join("、");
    let mut row = Vec::with_capacity(FIGURE_HEADERS.len());
    row.extend(bulletin_cell_refs(file, bulletin).map(CellRef::to_cell));
    row.extend(item_cell_refs(index, item, &sources).map(CellRef::to_cell));
    row.extend(figure_tail_refs(item, figure).map(CellRef::to_cell));
    row
}

/// 栏目, 序号, 标题, 来源单位 of a figure row: the same for every figure
/// of the item. `sources` is the item's sources joined by `、`.
pub(crate) fn item_cell_refs<'a>(
    index: usize,
    item: &'a Item,
    sources: &'a str,
) -> [CellRef<'a>; 4] {
    [
        optional_ref(item.section.as_deref()),
        CellRef::Number((index + 1) as f64),
        CellRef::Text(&item.headline),
        CellRef::Text(sources),
    ]
}

/// 原文 … 主体, 更正, 起, 止: the figure's own cells of a figure row.
pub(crate) fn figure_tail_refs<'a>(item: &Item, figure: &'a Figure) -> [CellRef<'a>; 13] {
    let [a, b, c, d, e, f, g, h, i, j] = figure_cell_refs(figure);
    [
        a,
        b,
        c,
        d,
        e,
        f,
        g,
        h,
        i,
        j,
        corrected_ref(figure.corrected || item.corrected),
        CellRef::Number(figure.start as f64),
        CellRef::Number(figure.end as f64),
    ]
}

fn item_row(file: &str, bulletin: &Bulletin, index: usize, item: &Item) -> Vec<Cell> {
    let mut row = Vec::with_capacity(ITEM_HEADERS.len());
    row.extend(bulletin_cells(file, bulletin));
    let doubts: Vec<&str> = item
        .check
        .iter()
        .flat_map(|d| d.reasons.iter().map(|r| r.message_zh()))
        .collect();
    row.extend([
        optional(item.section.as_deref()),
        Cell::Number((index + 1) as f64),
        text(&item.headline),
        text(&item.sources.join("、")),
        text(&item.body),
        Cell::Number(item.figures.len() as f64),
        optional(Some(&doubts.join("；"))),
        corrected_cell(item.corrected),
    ]);
    row
}

/// 更正: `已更正` when changed by hand, else empty.
fn corrected_cell(corrected: bool) -> Cell {
    corrected_ref(corrected).to_cell()
}

fn corrected_ref(corrected: bool) -> CellRef<'static> {
    if corrected {
        CellRef::Text("已更正")
    } else {
        CellRef::Empty
    }
}

/// `docs` are `(file name, figures of its whole text)` pairs.
pub fn text_figures_table(docs: &[(&str, &[Figure])]) -> Table {
    let mut rows = Vec::new();
    for (file, figures) in docs {
        for figure in figures.iter() {
            let mut row = vec![text(file)];
            row.extend(figure_cells(figure));
            row.push(Cell::Number(figure.start as f64));
            row.push(Cell::Number(figure.end as f64));
            rows.push(row);
        }
    }
    Table {
        headers: TEXT_FIGURE_HEADERS.to_vec(),
        rows,
    }
}

/// 原文 … 主体: the ten columns of a figure every figures table has (the
/// offsets 起, 止 follow at the end). A range (`3—5万元`) has its lower end
/// in 数值 and its upper end in 数值上限.
fn figure_cells(figure: &Figure) -> [Cell; 10] {
    figure_cell_refs(figure).map(CellRef::to_cell)
}

fn figure_cell_refs(figure: &Figure) -> [CellRef<'_>; 10] {
    let number = |v: Option<f64>| match v {
        Some(v) if v.is_finite() => CellRef::Number(v),
        _ => CellRef::Empty,
    };
    [
        CellRef::Text(&figure.text),
        number(Some(figure.value)),
        number(figure.value_max),
        optional_ref(figure.unit.as_deref()),
        optional_ref(figure.approx.as_deref()),
        CellRef::Text(kind_name(figure.kind)),
        optional_ref(figure.label.as_deref()),
        optional_ref(figure.change.map(change_name)),
        optional_ref(figure.period.as_deref()),
        optional_ref(figure.entity.as_deref()),
    ]
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
    optional_ref(s).to_cell()
}

fn optional_ref(s: Option<&str>) -> CellRef<'_> {
    match s {
        Some(s) if !s.is_empty() => CellRef::Text(s),
        _ => CellRef::Empty,
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
