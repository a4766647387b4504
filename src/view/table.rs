//! The figures table: one row per figure, filtered and sorted.
//!
//! Pure data in, indices out, so the component only renders and the rules
//! (what a search matches, how empty cells sort) are tested natively.

use bulletin_parser::{Bulletin, Change, FigureKind, SmallString};

use crate::view::numfmt::plain_decimal;
use crate::view::sort::{number_key, sort_by_keys, sort_by_text, sort_indices, SortKey};

/// A figure with the item it stands in.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRow {
    /// Index of the item in `Bulletin::items`.
    pub item: usize,
    /// Index of the figure in its item's `figures`.
    pub figure: usize,
    pub section: Option<SmallString>,
    pub headline: String,
    pub sources: Vec<SmallString>,
    pub text: SmallString,
    pub value: f64,
    /// A range's upper end (`3至5万元`): the value column shows `30,000–50,000`.
    pub value_max: Option<f64>,
    pub unit: Option<String>,
    pub approx: Option<String>,
    pub kind: FigureKind,
    pub label: Option<SmallString>,
    pub period: Option<SmallString>,
    pub entity: Option<SmallString>,
    pub change: Option<Change>,
}

impl FigureRow {
    /// Whether the figure is `unit`'s own: its entity (the bold sub-unit it
    /// belongs to) when it has one, else one of its item's sources. An item
    /// two units share does not give each the other's figures.
    pub fn belongs_to(&self, unit: &str) -> bool {
        match &self.entity {
            Some(entity) => entity == unit,
            None => self.sources.iter().any(|s| s == unit),
        }
    }
}

/// Every figure of the bulletin, in reading order.
pub fn rows(bulletin: &Bulletin) -> Vec<FigureRow> {
    let mut out = Vec::new();
    push_rows(bulletin, 0..bulletin.items.len(), &mut out);
    out
}

/// The rows of the figures of `items`, appended to `out`: a large table is
/// built a part at a time, between frames.
pub fn push_rows(bulletin: &Bulletin, items: std::ops::Range<usize>, out: &mut Vec<FigureRow>) {
    for i in items {
        let Some(item) = bulletin.items.get(i) else {
            break;
        };
        for (j, f) in item.figures.iter().enumerate() {
            out.push(FigureRow {
                item: i,
                figure: j,
                section: item.section.clone(),
                headline: item.headline.clone(),
                sources: item.sources.clone(),
                text: f.text.clone(),
                value: f.value,
                value_max: f.value_max,
                unit: f.unit.as_deref().map(str::to_owned),
                approx: f.approx.as_deref().map(str::to_owned),
                kind: f.kind,
                label: f.label.clone(),
                period: f.period.clone(),
                entity: f.entity.clone(),
                change: f.change,
            });
        }
    }
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

    /// Whether `row` passes; `search` is the row's [`search_texts`] entry and
    /// `query` the search already trimmed and lower-cased ([`Filter::query_key`]).
    pub fn matches(&self, row: &FigureRow, search: &str, query: &str) -> bool {
        if self.kind.is_some_and(|k| k != row.kind) {
            return false;
        }
        if let Some(unit) = &self.unit {
            if *unit != row.unit {
                return false;
            }
        }
        if let Some(section) = &self.section {
            if row.section.as_deref() != Some(section.as_str()) {
                return false;
            }
        }
        if let Some(source) = &self.source {
            if !row.belongs_to(source) {
                return false;
            }
        }
        query.is_empty() || search.contains(query)
    }

    /// The search as it is matched. ASCII case only: Chinese has none, and
    /// full Unicode case tables would cost the page kilobytes for a rare
    /// Latin search.
    pub fn query_key(&self) -> String {
        self.query.trim().to_ascii_lowercase()
    }
}

/// Separates the fields of a row's search text, so a query never matches
/// across two of them.
const FIELD_SEPARATOR: char = '\u{1}';

/// Per row, every text column and the plain value, lower-cased and joined:
/// built once per bulletin, so a keystroke in the search box allocates
/// nothing per row.
pub fn search_texts(rows: &[FigureRow]) -> Vec<String> {
    rows.iter().map(search_text).collect()
}

pub fn search_text(row: &FigureRow) -> String {
    let mut s = String::new();
    let fields = [
        Some(row.text.as_str()),
        Some(row.headline.as_str()),
        row.section.as_deref(),
        row.unit.as_deref(),
        row.approx.as_deref(),
        row.label.as_deref(),
        row.period.as_deref(),
        row.entity.as_deref(),
    ];
    for field in fields
        .into_iter()
        .flatten()
        .chain(row.sources.iter().map(|s| s.as_str()))
    {
        s.push_str(field);
        s.push(FIELD_SEPARATOR);
    }
    s.make_ascii_lowercase();
    s.push_str(&plain_decimal(row.value));
    if let Some(hi) = row.value_max {
        s.push(FIELD_SEPARATOR);
        s.push_str(&plain_decimal(hi));
    }
    s
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
            Sort {
                column,
                descending: !self.descending,
            }
        } else {
            Sort {
                column,
                descending: column == Column::Value,
            }
        }
    }
}

/// Indices into `rows` of the rows that pass `filter`, in `sort` order.
/// Ties keep reading order; empty cells sort last in either direction.
pub fn view(rows: &[FigureRow], filter: &Filter, sort: Sort) -> Vec<usize> {
    pick(rows, &search_texts(rows), &order(rows, sort), filter)
}

/// Every row index in `sort` order: the one sort, redone only when the
/// sort changes (filtering keeps this order, so it needs no sort of its own).
/// Sorted by keys made once per row, not by comparing rows: a large
/// bulletin's table has tens of thousands.
pub fn order(rows: &[FigureRow], sort: Sort) -> Vec<usize> {
    let d = sort.descending;
    match sort.column {
        // Rows come in reading order, which is the Order column ascending.
        Column::Order if d => (0..rows.len()).rev().collect(),
        Column::Order => (0..rows.len()).collect(),
        Column::Value => sort_by_keys(rows.iter().map(|r| Some(number_key(r.value))), d),
        Column::Kind => sort_by_keys(rows.iter().map(|r| Some(r.kind as SortKey)), d),
        column => {
            let cells: Vec<Option<&str>> = rows.iter().map(|r| text_key(r, column)).collect();
            sort_by_text(&cells, d)
        }
    }
}

fn text_key(r: &FigureRow, column: Column) -> Option<&str> {
    match column {
        Column::Section => r.section.as_deref(),
        Column::Headline => Some(&r.headline),
        Column::Source => r.sources.first().map(|s| s.as_str()),
        Column::Text => Some(&r.text),
        Column::Unit => r.unit.as_deref(),
        Column::Label => r.label.as_deref(),
        Column::Period => r.period.as_deref(),
        Column::Entity => r.entity.as_deref(),
        Column::Order | Column::Value | Column::Kind => None,
    }
}

/// The rows of `order` that pass `filter`, in that order. `search` is
/// [`search_texts`] of `rows`.
pub fn pick(rows: &[FigureRow], search: &[String], order: &[usize], filter: &Filter) -> Vec<usize> {
    if filter.is_empty() {
        return order.to_vec();
    }
    let query = filter.query_key();
    order
        .iter()
        .copied()
        .filter(|&i| filter.matches(&rows[i], &search[i], &query))
        .collect()
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
    let owned = |list: Vec<Option<&str>>| -> Vec<String> {
        list.into_iter().flatten().map(str::to_string).collect()
    };
    o.units = distinct_in_order(rows.iter().map(|r| r.unit.as_deref()).collect())
        .into_iter()
        .map(|u| u.map(str::to_string))
        .collect();
    o.sections = owned(distinct_in_order(
        rows.iter()
            .filter_map(|r| r.section.as_deref())
            .map(Some)
            .collect(),
    ));
    // A figure's unit is its entity when it has one (see `belongs_to`).
    o.sources = owned(distinct_in_order(
        rows.iter()
            .flat_map(|r| match &r.entity {
                Some(e) => std::slice::from_ref(e),
                None => r.sources.as_slice(),
            })
            .map(|s| Some(s.as_str()))
            .collect(),
    ));
    o
}

/// The distinct values of `list`, each at its first appearance. A search
/// per value while there are few (units, sources); past that one sort, as a
/// large bulletin has thousands of sections and tens of thousands of rows.
fn distinct_in_order(mut list: Vec<Option<&str>>) -> Vec<Option<&str>> {
    // Runs of one value (the figures of an item, the items of a section) first.
    list.dedup();
    const FEW: usize = 64;
    let mut few: Vec<Option<&str>> = Vec::new();
    for &v in &list {
        if !few.contains(&v) {
            if few.len() == FEW {
                return distinct_by_sorting(&list);
            }
            few.push(v);
        }
    }
    few
}

fn distinct_by_sorting<'a>(list: &[Option<&'a str>]) -> Vec<Option<&'a str>> {
    let mut by_value: Vec<usize> = (0..list.len()).collect();
    sort_indices(&mut by_value, &mut |a, b| list[a].cmp(&list[b]));
    // Stable: among equal values the first appearance comes first.
    let mut firsts: Vec<usize> = Vec::new();
    for (n, &i) in by_value.iter().enumerate() {
        if n == 0 || list[by_value[n - 1]] != list[i] {
            firsts.push(i);
        }
    }
    sort_indices(&mut firsts, &mut |a, b| a.cmp(&b));
    firsts.into_iter().map(|i| list[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        item: usize,
        figure: usize,
        text: &str,
        value: f64,
        unit: Option<&str>,
        kind: FigureKind,
    ) -> FigureRow {
        FigureRow {
            item,
            figure,
            section: Some(
                if item < 2 {
                    "产业发展"
                } else {
                    "民生保障"
                }
                .into(),
            ),
            headline: format!("标题{item}"),
            sources: vec![if item == 0 {
                "农业农村局"
            } else {
                "人社局"
            }
            .into()],
            text: text.into(),
            value,
            value_max: None,
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
        assert_eq!(
            view(&sample(), &Filter::default(), Sort::default()),
            vec![0, 1, 2, 3, 4]
        );
    }

    #[test]
    fn filters_combine() {
        let rows = sample();
        let money = Filter {
            kind: Some(FigureKind::Money),
            ..Filter::default()
        };
        assert_eq!(view(&rows, &money, Sort::default()), vec![0, 3]);
        let no_unit = Filter {
            unit: Some(None),
            ..Filter::default()
        };
        assert_eq!(view(&rows, &no_unit, Sort::default()), vec![3]);
        let people_in_section = Filter {
            unit: Some(Some("人".into())),
            section: Some("民生保障".into()),
            ..Filter::default()
        };
        assert_eq!(view(&rows, &people_in_section, Sort::default()), vec![4]);
        let by_source = Filter {
            source: Some("农业农村局".into()),
            ..Filter::default()
        };
        assert_eq!(view(&rows, &by_source, Sort::default()), vec![0, 1]);
    }

    #[test]
    fn search_matches_text_headline_and_plain_value() {
        let rows = sample();
        let q = |s: &str| {
            view(
                &rows,
                &Filter {
                    query: s.into(),
                    ..Filter::default()
                },
                Sort::default(),
            )
        };
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
        let up = Sort {
            column: Column::Unit,
            descending: false,
        };
        assert_eq!(*view(&rows, &Filter::default(), up).last().unwrap(), 3);
        let down = Sort {
            column: Column::Unit,
            descending: true,
        };
        assert_eq!(*view(&rows, &Filter::default(), down).last().unwrap(), 3);
    }

    #[test]
    fn search_texts_are_built_once_and_match_within_a_field() {
        let rows = sample();
        let search = search_texts(&rows);
        assert!(
            search[0].starts_with("3.2 亿元\u{1}标题0\u{1}产业发展"),
            "{}",
            search[0]
        );
        assert!(search[0].ends_with("320000000"));
        let query = |q: &str| {
            pick(
                &rows,
                &search,
                &order(&rows, Sort::default()),
                &Filter {
                    query: q.into(),
                    ..Filter::default()
                },
            )
        };
        // Across two fields (the text's end and the headline's start) is no match.
        assert!(query("元标题").is_empty());
        assert_eq!(query("人社"), vec![2, 3, 4]);
    }

    #[test]
    fn filtering_keeps_the_sorted_order() {
        let rows = sample();
        let by_value = order(&rows, Sort::default().clicked(Column::Value));
        assert_eq!(by_value, vec![3, 0, 2, 4, 1]);
        let counts = Filter {
            kind: Some(FigureKind::Count),
            ..Filter::default()
        };
        assert_eq!(
            pick(&rows, &search_texts(&rows), &by_value, &counts),
            vec![2, 4]
        );
        let reading_back = order(
            &rows,
            Sort {
                column: Column::Order,
                descending: true,
            },
        );
        assert_eq!(reading_back, vec![4, 3, 2, 1, 0]);
    }

    #[test]
    fn distinct_values_keep_first_appearance() {
        let list = |s: &[&'static str]| {
            s.iter()
                .map(|&x| (!x.is_empty()).then_some(x))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            distinct_in_order(list(&["丙", "甲", "丙", "丙", "", "甲", "丁"])),
            list(&["丙", "甲", "", "丁"])
        );
        assert!(distinct_in_order(Vec::new()).is_empty());
        let names: Vec<String> = (0..20_000)
            .map(|i| format!("栏目{}", (i * 7919) % 5_000))
            .collect();
        let d = distinct_in_order(names.iter().map(|s| Some(s.as_str())).collect());
        assert_eq!(d.len(), 5_000);
        assert_eq!(
            d[..3],
            [
                Some(names[0].as_str()),
                Some(names[1].as_str()),
                Some(names[2].as_str())
            ]
        );
    }

    #[test]
    fn options_in_order_of_appearance() {
        let o = options(&sample());
        assert_eq!(
            o.kinds,
            vec![FigureKind::Money, FigureKind::Percent, FigureKind::Count]
        );
        assert_eq!(
            o.units,
            vec![Some("元".into()), Some("%".into()), Some("人".into()), None]
        );
        assert_eq!(
            o.sections,
            vec!["产业发展".to_string(), "民生保障".to_string()]
        );
        assert_eq!(
            o.sources,
            vec!["农业农村局".to_string(), "人社局".to_string()]
        );
    }
}
