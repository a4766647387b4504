//! Indicators over time: the same figure label (一般公共预算收入,
//! 固定资产投资) of the same unit across issues.
//!
//! A series is one (bulletin series, unit, label, unit of measure, level or
//! change): values in 元 and in % never share a series, nor do a level
//! (`完成 3.2 亿元`) and a change (`增长 5.1%`, `减少 300 万元`). Values are
//! the parser's normalised numbers (`3.2 亿元` is 320000000 元), so 万元 and
//! 亿元 figures of one label do share a series. The unit of a figure is its
//! bold sub-unit (`entity`) when it has one, else each unit of its item.

use std::borrow::Cow;
use std::collections::HashMap;

use bulletin_parser::Change;
use serde::{Deserialize, Serialize};

use crate::filter::Filter;
use crate::identity::{BulletinKey, SeriesKey};
use crate::index::Index;
use crate::library::Library;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorQuery {
    #[serde(default)]
    pub filter: Filter,
    /// Only labels containing this text.
    #[serde(default)]
    pub label: Option<String>,
    /// Only this unit (any spelling: it is made canonical first).
    #[serde(default)]
    pub unit: Option<String>,
    /// Only series with at least this many points (default 2: a line).
    #[serde(default = "two")]
    pub min_points: usize,
}

fn two() -> usize {
    2
}

impl Default for IndicatorQuery {
    fn default() -> Self {
        IndicatorQuery {
            filter: Filter::default(),
            label: None,
            unit: None,
            min_points: 2,
        }
    }
}

/// One indicator of one unit over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorSeries {
    pub series: SeriesKey,
    /// Index into [`Index::units`].
    pub unit: u32,
    pub unit_name: String,
    /// The label, normalised (`全县一般公共预算收入` → `一般公共预算收入`).
    pub label: String,
    /// Unit of measure (`元`, `%`, `个百分点`, `千米`), `None` for a bare multiplier.
    pub measure: Option<String>,
    /// Whether the values are changes (增长, 下降) rather than levels.
    pub change: bool,
    /// In date order.
    pub points: Vec<IndicatorPoint>,
}

/// One value, linked to its bulletin and item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorPoint {
    pub key: BulletinKey,
    /// Index of the library entry, of the item in it, of the figure in the item.
    pub entry: usize,
    pub item: usize,
    pub figure: usize,
    /// The bulletin's date (ISO, or as much as is known).
    pub date: String,
    /// The period the figure states (`1—8月份`, `一季度`), if any.
    pub period: Option<String>,
    /// Signed for changes: a `下降 3.9%` is -3.9.
    pub value: f64,
    pub value_max: Option<f64>,
    pub direction: Option<Change>,
    pub approx: Option<String>,
    /// The figure as written.
    pub text: String,
}

pub fn indicators(
    library: &Library,
    index: &Index,
    query: &IndicatorQuery,
) -> Vec<IndicatorSeries> {
    // Pass 1: every labelled figure's group (series, unit, label, measure,
    // level or change), as small numbers; no point is built yet, since most
    // groups are dropped by `min_points`.
    type Group = (usize, u32, u32, u32, bool);
    let unit_filter: Option<Vec<u32>> = query.unit.as_deref().map(|u| index.units_matching(u));
    let mut labels = Interner::default();
    let mut measures = Interner::default();
    let mut group_ids: HashMap<Group, u32> = HashMap::new();
    let mut groups: Vec<(Group, u32)> = Vec::new();
    // (group, entry, item, figure), in date order.
    let mut refs: Vec<(u32, u32, u32, u32)> = Vec::new();
    for e in library.by_date() {
        if !query.filter.matches(library, index, e) {
            continue;
        }
        let entry = &library.entries()[e];
        let series = index.entry_series[e];
        for (i, item) in entry.bulletin.items.iter().enumerate() {
            let item_units = &index.item_units[e][i];
            let entities = &index.figure_entities[e][i];
            for (f, figure) in item.figures.iter().enumerate() {
                let Some(label) = figure.label.as_deref().map(normalize_label) else {
                    continue;
                };
                if label.is_empty() || !figure.value.is_finite() {
                    continue;
                }
                if let Some(want) = &query.label {
                    if !label.contains(want.as_str()) {
                        continue;
                    }
                }
                let units: &[u32] = match entities.get(f) {
                    Some(Some(u)) => std::slice::from_ref(u),
                    _ => item_units,
                };
                let label = labels.id(&label);
                let measure = measures.id(&figure
                    .unit
                    .as_deref()
                    .map_or(Cow::Borrowed(""), normalize_measure));
                for &u in units {
                    if let Some(allowed) = &unit_filter {
                        if !allowed.contains(&u) {
                            continue;
                        }
                    }
                    let key = (series, u, label, measure, figure.change.is_some());
                    let g = *group_ids.entry(key).or_insert_with(|| {
                        groups.push((key, 0));
                        (groups.len() - 1) as u32
                    });
                    groups[g as usize].1 += 1;
                    refs.push((g, e as u32, i as u32, f as u32));
                }
            }
        }
    }
    // Pass 2: the points of the groups kept.
    let min = query.min_points.max(1) as u32;
    let mut out: Vec<Option<IndicatorSeries>> = groups
        .iter()
        .map(|&((series, unit, label, measure, change), n)| {
            (n >= min).then(|| IndicatorSeries {
                series: index.series[series].clone(),
                unit,
                unit_name: index.units[unit as usize].name.clone(),
                label: labels.names[label as usize].clone(),
                measure: Some(measures.names[measure as usize].clone()).filter(|m| !m.is_empty()),
                change,
                points: Vec::with_capacity(n as usize),
            })
        })
        .collect();
    for (g, e, i, f) in refs {
        let Some(series) = &mut out[g as usize] else {
            continue;
        };
        let entry = &library.entries()[e as usize];
        let figure = &entry.bulletin.items[i as usize].figures[f as usize];
        let value = match figure.change {
            Some(Change::Down) if figure.value > 0.0 => -figure.value,
            _ => figure.value,
        };
        series.points.push(IndicatorPoint {
            key: entry.key.clone(),
            entry: e as usize,
            item: i as usize,
            figure: f as usize,
            date: entry.dating.iso(),
            period: figure.period.as_deref().map(str::to_owned),
            value,
            value_max: figure.value_max,
            direction: figure.change,
            approx: figure.approx.as_deref().map(str::to_owned),
            text: figure.text.to_string(),
        });
    }
    let mut out: Vec<IndicatorSeries> = out.into_iter().flatten().collect();
    out.sort_by(|a, b| {
        (
            index.series_id(&a.series),
            a.unit,
            &a.label,
            &a.measure,
            a.change,
        )
            .cmp(&(
                index.series_id(&b.series),
                b.unit,
                &b.label,
                &b.measure,
                b.change,
            ))
    });
    out
}

/// Strings numbered once each.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        self.names.push(name.to_owned());
        self.ids
            .insert(name.to_owned(), (self.names.len() - 1) as u32);
        (self.names.len() - 1) as u32
    }
}

/// A label without spaces and without the place words that open it
/// (`全县`, `全区`, `我县`, `本县`): the same indicator however introduced.
pub fn normalize_label(label: &str) -> String {
    let s = crate::identity::compact(label);
    for prefix in [
        "全县", "全区", "全市", "全镇", "全乡", "我县", "我区", "本县", "本区",
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            if !rest.is_empty() {
                return rest.to_owned();
            }
        }
    }
    s
}

/// One spelling per unit of measure: `％` is `%`, `公里` is `千米`.
pub fn normalize_measure(unit: &str) -> Cow<'_, str> {
    Cow::Borrowed(match unit.trim() {
        "％" => "%",
        "公里" => "千米",
        "平方公里" => "平方千米",
        "公斤" => "千克",
        u => u,
    })
}
