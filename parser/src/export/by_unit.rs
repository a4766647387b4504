//! The sheet of figures by unit (按单位): the pivot an office would build by
//! hand — for each reporting unit, each thing measured (指标) and each unit
//! of measure, how many figures and their sum. Figures are only ever added
//! to figures of the same unit of measure (元 to 元, never 元 to 万人次 or
//! to a figure with no unit); ratios (%, 成, 倍, 个百分点) and ranges are
//! counted but not summed, and 说明 says why.

use super::table::{Cell, FigureRow, Table};
use crate::model::{Bulletin, Figure, FigureKind, Item};
use std::collections::HashMap;

/// The columns of the sheet.
pub const BY_UNIT_HEADERS: [&str; 7] = ["单位", "指标", "计量单位", "类别", "个数", "合计", "说明"];

/// What 单位 says of a figure whose item names no source and no sub-unit.
pub const NO_UNIT: &str = "（未注明）";
/// What 指标 says of a figure with no label.
pub const NO_LABEL: &str = "（未标注）";

/// The groups gathered so far, in order of first appearance. Memory is one
/// entry per distinct (unit, label, unit of measure), whatever the run.
#[derive(Debug, Default, Clone)]
pub struct ByUnit {
    at: HashMap<(String, String, String), usize>,
    groups: Vec<Group>,
}

#[derive(Debug, Clone)]
struct Group {
    unit: String,
    label: String,
    measure: String,
    kind: FigureKind,
    count: usize,
    sum: f64,
    /// Why no sum is given, if none is.
    not_summed: Option<&'static str>,
    approx: bool,
}

impl ByUnit {
    /// Adds every figure of `bulletin`.
    pub fn add(&mut self, bulletin: &Bulletin) {
        for item in &bulletin.items {
            for figure in &item.figures {
                self.add_figure(item, figure);
            }
        }
    }

    /// Adds one figure of `item`. Its unit is the bold sub-unit it belongs
    /// to (`entity`), else the item's sources.
    pub fn add_figure(&mut self, item: &Item, figure: &Figure) {
        let unit = match figure.entity.as_deref() {
            Some(e) if !e.is_empty() => e.to_string(),
            _ if !item.sources.is_empty() => item.sources.join("、"),
            _ => NO_UNIT.to_string(),
        };
        let label = figure
            .label
            .as_deref()
            .filter(|l| !l.is_empty())
            .unwrap_or(NO_LABEL)
            .to_string();
        let measure = figure.unit.as_deref().unwrap_or_default().to_string();
        let key = (unit, label, measure);
        let k = match self.at.get(&key) {
            Some(&k) => k,
            None => {
                let k = self.groups.len();
                self.groups.push(Group {
                    unit: key.0.clone(),
                    label: key.1.clone(),
                    measure: key.2.clone(),
                    kind: figure.kind,
                    count: 0,
                    sum: 0.0,
                    not_summed: None,
                    approx: false,
                });
                self.at.insert(key, k);
                k
            }
        };
        let g = &mut self.groups[k];
        g.count += 1;
        let why = if figure.kind == FigureKind::Percent {
            Some("比率，不合计")
        } else if g.measure.is_empty() {
            Some("无计量单位，不合计")
        } else if g.kind != figure.kind {
            Some("类别不一，不合计")
        } else if figure.value_max.is_some() {
            Some("含区间，不合计")
        } else if !figure.value.is_finite() {
            Some("数值无效，不合计")
        } else {
            None
        };
        if g.not_summed.is_none() {
            g.not_summed = why;
        }
        g.sum += figure.value;
        g.approx |= figure.approx.is_some();
    }

    /// The sheet's rows.
    pub fn table(&self) -> Table {
        let rows = self
            .groups
            .iter()
            .map(|g| {
                let (sum, note) = match g.not_summed {
                    Some(why) => (Cell::Empty, Cell::Text(why.to_string())),
                    None if g.approx => (Cell::Number(g.sum), Cell::Text("含约数".to_string())),
                    None => (Cell::Number(g.sum), Cell::Empty),
                };
                vec![
                    Cell::Text(g.unit.clone()),
                    Cell::Text(g.label.clone()),
                    if g.measure.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(g.measure.clone())
                    },
                    Cell::Text(super::table::kind_name(g.kind).to_string()),
                    Cell::Number(g.count as f64),
                    sum,
                    note,
                ]
            })
            .collect();
        Table {
            headers: BY_UNIT_HEADERS.to_vec(),
            rows,
        }
    }
}

/// The figures of `docs` by unit.
pub fn figures_by_unit(docs: &[(&str, &Bulletin)]) -> Table {
    let mut p = ByUnit::default();
    for (_, b) in docs {
        p.add(b);
    }
    p.table()
}

/// The chosen figures (a filtered table's) by unit.
pub fn figures_by_unit_of(docs: &[(&str, &Bulletin)], chosen: &[FigureRow]) -> Table {
    let mut p = ByUnit::default();
    for r in chosen {
        let Some((_, b)) = docs.get(r.doc) else {
            continue;
        };
        let Some(item) = b.items.get(r.item) else {
            continue;
        };
        if let Some(f) = item.figures.get(r.figure) {
            p.add_figure(item, f);
        }
    }
    p.table()
}
