//! The figures table: one row per figure, filtered and sorted.
//!
//! Pure data in, indices out, so the component only renders and the rules
//! (what a search matches, how empty cells sort) are tested natively.

use std::cmp::Ordering;

use bulletin_parser::{Bulletin, Change, FigureKind};

use crate::view::numfmt::plain_decimal;
use crate::view::sort::sort_indices;

/// A figure with the item it stands in.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRow {
    /// Index of the item in `Bulletin::items`.
    pub item: usize,
    /// Index of the figure in its item's `figures`.
    pub figure: usize,
    pub section: Option<String>,
    pub headline: String,
    pub sources: Vec<String>,
    pub text: String,
    pub value: f64,
    pub unit: Option<String>,
    pub approx: Option<String>,
    pub kind: FigureKind,
    pub label: Option<String>,
    pub period: Option<String>,
    pub entity: Option<String>,
    pub change: Option<Change>,
}

/// Every figure of the bulletin, in reading order.
pub fn rows(bulletin: &Bulletin) -> Vec<FigureRow> {
    let mut out = Vec::new();
    for (i, item) in bulletin.items.iter().enumerate() {
        for (j, f) in item.figures.iter().enumerate() {
            out.push(FigureRow {
                item: i,
                figure: j,
                section: item.section.clone(),
                headline: item.headline.clone(),
                sources: item.sources.clone(),
                text: f.text.clone(),
                value: f.value,
                unit: f.unit.clone(),
                approx: f.approx.clone(),
                kind: f.kind,
                label: f.label.clone(),
                period: f.period.clone(),
                entity: f.entity.clone(),
                change: f.change,
            });
        }
    }
    out
}

/// What the user narrowed the table to. `None` means "all".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub kind: Option<FigureKind>,
    /// `Some(None)` selects figures without a unit (`21.4 亿`).
    pub unit: Option<Option<String>>,
    pub section: Option<String>,
    pub source: Option<String>,
    /// Free text, matched case-insensitively against every text column and
    /// the plain value.
    pub query: String,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    pub fn matches(&self, row: &FigureRow) -> bool {
        if self.kind.is_some_and(|k| k != row.kind) {
            return false;
        }
        if let Some(unit) = &self.unit {
            if *unit != row.unit {
                return false;
            }
        }
        if let Some(section) = &self.section {
            if row.section.as_ref() != Some(section) {
                return false;
            }
        }
        if let Some(source) = &self.source {
            if !row.sources.contains(source) {
                return false;
            }
        }
        // ASCII case only: Chinese has none, and full Unicode case tables
        // would cost the page kilobytes for a rare Latin search.
        let query = self.query.trim().to_ascii_lowercase();
        query.is_empty() || query_matches(&query, row)
    }
}

fn query_matches(query: &str, row: &FigureRow) -> bool {
    let texts = [
        Some(row.text.as_str()),
        Some(row.headline.as_str()),
        row.section.as_deref(),
        row.unit.as_deref(),
        row.approx.as_deref(),
        row.label.as_deref(),
        row.period.as_deref(),
        row.entity.as_deref(),
    ];
    texts.iter().flatten().any(|t| t.to_ascii_lowercase().contains(query))
        || row.sources.iter().any(|s| s.to_ascii_lowercase().contains(query))
        || plain_decimal(row.value).contains(query)
}

/// A sortable column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Column {
    /// Reading order: item, then position in the item.
    #[default]
    Order,
    Section,
    Headline,
    Source,
    Text,
    Value,
    Unit,
    Kind,
    Label,
    Period,
    Entity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

impl Sort {
    /// Clicking a header: a new column sorts ascending (value: largest first,
    /// which is what one looks for), the same column flips direction.
    pub fn clicked(self, column: Column) -> Sort {
        if self.column == column {
            Sort { column, descending: !self.descending }
        } else {
            Sort { column, descending: column == Column::Value }
        }
    }
}

/// Indices into `rows` of the rows that pass `filter`, in `sort` order.
/// Ties keep reading order; empty cells sort last in either direction.
pub fn view(rows: &[FigureRow], filter: &Filter, sort: Sort) -> Vec<usize> {
    let mut picked: Vec<usize> = (0..rows.len()).filter(|&i| filter.matches(&rows[i])).collect();
    // `picked` is in reading order already and the sort is stable, so ties
    // stay in reading order.
    sort_indices(&mut picked, &mut |a, b| compare(&rows[a], &rows[b], sort.column, sort.descending));
    picked
}

fn compare(a: &FigureRow, b: &FigureRow, column: Column, descending: bool) -> Ordering {
    let directed = |o: Ordering| if descending { o.reverse() } else { o };
    let text = |x: Option<&str>, y: Option<&str>| match (x, y) {
        (Some(x), Some(y)) => directed(x.cmp(y)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    match column {
        Column::Order => directed((a.item, a.figure).cmp(&(b.item, b.figure))),
        Column::Value => directed(a.value.total_cmp(&b.value)),
        Column::Kind => directed(a.kind.cmp(&b.kind)),
        Column::Section => text(a.section.as_deref(), b.section.as_deref()),
        Column::Headline => text(Some(&a.headline), Some(&b.headline)),
        Column::Source => text(a.sources.first().map(|s| s.as_str()), b.sources.first().map(|s| s.as_str())),
        Column::Text => text(Some(&a.text), Some(&b.text)),
        Column::Unit => text(a.unit.as_deref(), b.unit.as_deref()),
        Column::Label => text(a.label.as_deref(), b.label.as_deref()),
        Column::Period => text(a.period.as_deref(), b.period.as_deref()),
        Column::Entity => text(a.entity.as_deref(), b.entity.as_deref()),
    }
}

/// The choices each filter offers, in order of first appearance (kinds in
/// their fixed order), so the selects read like the bulletin.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    pub kinds: Vec<FigureKind>,
    pub units: Vec<Option<String>>,
    pub sections: Vec<String>,
    pub sources: Vec<String>,
}

pub fn options(rows: &[FigureRow]) -> Options {
    let mut o = Options::default();
    for kind in FigureKind::ALL {
        if rows.iter().any(|r| r.kind == kind) {
            o.kinds.push(kind);
        }
    }
    for r in rows {
        push_new(&mut o.units, &r.unit);
        if let Some(s) = &r.section {
            push_new(&mut o.sections, s);
        }
        for s in &r.sources {
            push_new(&mut o.sources, s);
        }
    }
    o
}

fn push_new<T: PartialEq + Clone>(list: &mut Vec<T>, v: &T) {
    if !list.contains(v) {
        list.push(v.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(item: usize, figure: usize, text: &str, value: f64, unit: Option<&str>, kind: FigureKind) -> FigureRow {
        FigureRow {
            item,
            figure,
            section: Some(if item < 2 { "产业发展" } else { "民生保障" }.to_string()),
            headline: format!("标题{item}"),
            sources: vec![if item == 0 { "农业农村局" } else { "人社局" }.to_string()],
            text: text.to_string(),
            value,
            unit: unit.map(str::to_string),
            approx: None,
            kind,
            label: None,
            period: None,
            entity: None,
            change: None,
        }
    }

    fn sample() -> Vec<FigureRow> {
        vec![
            row(0, 0, "3.2 亿元", 3.2e8, Some("元"), FigureKind::Money),
            row(0, 1, "12%", 12.0, Some("%"), FigureKind::Percent),
            row(1, 0, "460 人", 460.0, Some("人"), FigureKind::Count),
            row(2, 0, "8.5 亿", 8.5e8, None, FigureKind::Money),
            row(2, 1, "75 人", 75.0, Some("人"), FigureKind::Count),
        ]
    }

    #[test]
    fn no_filter_keeps_reading_order() {
        assert_eq!(view(&sample(), &Filter::default(), Sort::default()), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn filters_combine() {
        let rows = sample();
        let money = Filter { kind: Some(FigureKind::Money), ..Filter::default() };
        assert_eq!(view(&rows, &money, Sort::default()), vec![0, 3]);
        let no_unit = Filter { unit: Some(None), ..Filter::default() };
        assert_eq!(view(&rows, &no_unit, Sort::default()), vec![3]);
        let people_in_section = Filter {
            unit: Some(Some("人".into())),
            section: Some("民生保障".into()),
            ..Filter::default()
        };
        assert_eq!(view(&rows, &people_in_section, Sort::default()), vec![4]);
        let by_source = Filter { source: Some("农业农村局".into()), ..Filter::default() };
        assert_eq!(view(&rows, &by_source, Sort::default()), vec![0, 1]);
    }

    #[test]
    fn search_matches_text_headline_and_plain_value() {
        let rows = sample();
        let q = |s: &str| view(&rows, &Filter { query: s.into(), ..Filter::default() }, Sort::default());
        assert_eq!(q("亿"), vec![0, 3]);
        assert_eq!(q("标题1"), vec![2]);
        assert_eq!(q("850000000"), vec![3]);
        assert_eq!(q("  "), vec![0, 1, 2, 3, 4]);
        assert!(q("不存在").is_empty());
    }

    #[test]
    fn sorting_by_value_and_flipping() {
        let rows = sample();
        let s = Sort::default().clicked(Column::Value);
        assert!(s.descending, "values start largest first");
        assert_eq!(view(&rows, &Filter::default(), s), vec![3, 0, 2, 4, 1]);
        let s = s.clicked(Column::Value);
        assert_eq!(view(&rows, &Filter::default(), s), vec![1, 4, 2, 0, 3]);
    }

    #[test]
    fn empty_cells_sort_last_both_ways() {
        let rows = sample();
        let up = Sort { column: Column::Unit, descending: false };
        assert_eq!(*view(&rows, &Filter::default(), up).last().unwrap(), 3);
        let down = Sort { column: Column::Unit, descending: true };
        assert_eq!(*view(&rows, &Filter::default(), down).last().unwrap(), 3);
    }

    #[test]
    fn options_in_order_of_appearance() {
        let o = options(&sample());
        assert_eq!(o.kinds, vec![FigureKind::Money, FigureKind::Percent, FigureKind::Count]);
        assert_eq!(o.units, vec![Some("元".into()), Some("%".into()), Some("人".into()), None]);
        assert_eq!(o.sections, vec!["产业发展".to_string(), "民生保障".to_string()]);
        assert_eq!(o.sources, vec!["农业农村局".to_string(), "人社局".to_string()]);
    }
}
