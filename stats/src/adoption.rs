//! Adoption statistics (信息采用情况): how many items of each unit a
//! bulletin series published in a period, their share, rank and points.
//!
//! Counting rules:
//! - An item counts once for each distinct unit among its sources: an item
//!   reported by `（县财政局、县税务局）` is one item for 财政局 and one for
//!   税务局; the same unit written twice in one source list counts once.
//! - Each unit credited with an item gets the item's full points (no split).
//! - An item with no source is counted in [`AdoptionTable::unattributed`],
//!   never ranked.
//! - Share (占比) is the unit's count over the sum of all units' counts in
//!   the table, so the column adds up to 100% even when items have several
//!   sources.
//! - Rank (排名) is by points when points are set, else by count; equal
//!   values share a rank and the next rank skips (1, 2, 2, 4).
//! - Units belong to a series: each series gets its own table.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::filter::Filter;
use crate::identity::{Granularity, Period, SeriesKey};
use crate::index::Index;
use crate::library::Library;

/// Points per adopted item (积分): the section's if set, else the
/// bulletin title's, else `per_item`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Points {
    #[serde(default = "one")]
    pub per_item: f64,
    #[serde(default)]
    pub by_section: BTreeMap<String, f64>,
    #[serde(default)]
    pub by_title: BTreeMap<String, f64>,
}

fn one() -> f64 {
    1.0
}

impl Default for Points {
    fn default() -> Self {
        Points {
            per_item: 1.0,
            by_section: BTreeMap::new(),
            by_title: BTreeMap::new(),
        }
    }
}

impl Points {
    /// The points of an item in `section` of a bulletin titled `title`.
    pub fn of(&self, section: Option<&str>, title: &str) -> f64 {
        section
            .and_then(|s| self.by_section.get(s))
            .or_else(|| self.by_title.get(title))
            .copied()
            .unwrap_or(self.per_item)
    }

    /// Reads the CLI's `--points` value: a number (points per item), or
    /// comma-separated `section:名称=N`, `title:刊名=N` or `名称=N` (a
    /// section), mixed freely: `1,section:经验交流=2,title:某县简报=0.5`.
    pub fn parse(text: &str) -> Result<Points, String> {
        let mut points = Points::default();
        for part in text.split([',', '，', ';']) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let number = |s: &str| -> Result<f64, String> {
                s.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| format!("--points: '{s}' is not a number"))
            };
            match part.rsplit_once('=') {
                None => points.per_item = number(part)?,
                Some((key, value)) => {
                    let value = number(value)?;
                    let key = key.trim();
                    if let Some(title) = key.strip_prefix("title:") {
                        points
                            .by_title
                            .insert(crate::identity::compact(title), value);
                    } else {
                        let section = key.strip_prefix("section:").unwrap_or(key).trim();
                        points.by_section.insert(section.to_owned(), value);
                    }
                }
            }
        }
        Ok(points)
    }
}

/// What to count.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AdoptionQuery {
    /// One table per series and period of this granularity; `None`: one
    /// table per series over everything the filter selects.
    #[serde(default)]
    pub by: Option<Granularity>,
    #[serde(default)]
    pub filter: Filter,
    /// Points per item; `None`: no 积分 column.
    #[serde(default)]
    pub points: Option<Points>,
}

/// One series' adoption table for one period (the 信息采用情况通报 table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdoptionTable {
    pub series: SeriesKey,
    /// `None` when the table covers the whole selection.
    pub period: Option<Period>,
    /// `2024年第一季度`, or the filter's label.
    pub label: String,
    /// Bulletins counted.
    pub bulletins: u32,
    /// Items in them (each once, whatever its sources).
    pub items: u32,
    /// Items with no source.
    pub unattributed: u32,
    /// Sum of the rows' counts (an item with two units counts twice).
    pub credited: u32,
    /// Section names, in order of first appearance; `""` for items under no section.
    pub sections: Vec<String>,
    pub rows: Vec<AdoptionRow>,
}

/// One unit's line of the table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdoptionRow {
    /// 1 is first; ties share a rank.
    pub rank: u32,
    /// Index into [`Index::units`].
    pub unit: u32,
    pub name: String,
    /// Items adopted (采用条数).
    pub items: u32,
    /// `items / credited`, between 0 and 1.
    pub share: f64,
    /// Points (积分), when points are set.
    pub points: Option<f64>,
    /// Items per section, aligned with [`AdoptionTable::sections`].
    pub by_section: Vec<u32>,
}

/// The adoption tables: per series, per period when `query.by` is set; in
/// order of series, then period.
pub fn adoption(library: &Library, index: &Index, query: &AdoptionQuery) -> Vec<AdoptionTable> {
    #[derive(Default)]
    struct Acc {
        bulletins: u32,
        items: u32,
        unattributed: u32,
        sections: Vec<String>,
        section_ids: HashMap<String, usize>,
        // unit → (items, points, per-section counts)
        units: HashMap<u32, (u32, f64, Vec<u32>)>,
    }
    let mut groups: BTreeMap<(usize, Option<Period>), Acc> = BTreeMap::new();
    let order = library.by_date();
    for &e in &order {
        if !query.filter.matches(library, index, e) {
            continue;
        }
        let entry = &library.entries()[e];
        let period = query.by.map(|g| Period::of(&entry.dating, g));
        let acc = groups.entry((index.entry_series[e], period)).or_default();
        acc.bulletins += 1;
        let title = entry.key.title.as_str();
        for (i, item) in entry.bulletin.items.iter().enumerate() {
            acc.items += 1;
            let units = &index.item_units[e][i];
            if units.is_empty() {
                acc.unattributed += 1;
                continue;
            }
            let section = item.section.as_deref().unwrap_or("");
            let s = match acc.section_ids.get(section) {
                Some(&s) => s,
                None => {
                    acc.sections.push(section.to_owned());
                    acc.section_ids
                        .insert(section.to_owned(), acc.sections.len() - 1);
                    acc.sections.len() - 1
                }
            };
            let points = query
                .points
                .as_ref()
                .map_or(0.0, |p| p.of(item.section.as_deref(), title));
            for &u in units {
                let row = acc.units.entry(u).or_default();
                row.0 += 1;
                row.1 += points;
                if row.2.len() <= s {
                    row.2.resize(s + 1, 0);
                }
                row.2[s] += 1;
            }
        }
    }
    let mut tables = Vec::with_capacity(groups.len());
    for ((series, period), acc) in groups {
        let credited: u32 = acc.units.values().map(|r| r.0).sum();
        let mut rows: Vec<AdoptionRow> = acc
            .units
            .into_iter()
            .map(|(unit, (items, points, mut by_section))| {
                by_section.resize(acc.sections.len(), 0);
                AdoptionRow {
                    rank: 0,
                    unit,
                    name: index.units[unit as usize].name.clone(),
                    items,
                    share: if credited == 0 {
                        0.0
                    } else {
                        f64::from(items) / f64::from(credited)
                    },
                    points: query.points.as_ref().map(|_| round6(points)),
                    by_section,
                }
            })
            .collect();
        rank_rows(&mut rows);
        tables.push(AdoptionTable {
            series: index.series[series].clone(),
            period,
            label: match period {
                Some(p) => p.label(),
                None => query.filter.label(),
            },
            bulletins: acc.bulletins,
            items: acc.items,
            unattributed: acc.unattributed,
            credited,
            sections: acc.sections,
            rows,
        });
    }
    tables
}

/// Sorts rows best first and gives each its rank: by points when set, else
/// by count; ties share a rank (1, 2, 2, 4) and are listed by name.
pub fn rank_rows(rows: &mut [AdoptionRow]) {
    let score = |r: &AdoptionRow| r.points.unwrap_or(f64::from(r.items));
    rows.sort_by(|a, b| {
        score(b)
            .total_cmp(&score(a))
            .then_with(|| b.items.cmp(&a.items))
            .then_with(|| a.name.cmp(&b.name))
    });
    let mut rank = 0;
    let mut previous = None;
    for (i, row) in rows.iter_mut().enumerate() {
        let s = score(row);
        if previous != Some(s) {
            rank = i as u32 + 1;
            previous = Some(s);
        }
        row.rank = rank;
    }
}

/// Float sums of fractional points (0.1 + 0.2) shown without noise.
fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}
