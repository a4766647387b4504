//! What every statistic reads: each bulletin's series (an office not read
//! joins the one series of its title), and each item's units made one.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::identity::{compact, SeriesKey};
use crate::library::Library;
use crate::names::{canonical_unit_in, clean, places_of, Aliases, Canonical, UnitKind};

/// A unit of one series, made one from the raw names it was written as.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// Index into [`Index::units`].
    pub id: u32,
    /// Index into [`Index::series`].
    pub series: usize,
    /// The canonical name (`发改委`).
    pub name: String,
    pub kind: UnitKind,
    /// Every raw name merged into this unit, with how often it was seen (as
    /// an item's source or a figure's bold sub-unit), most frequent first.
    pub merged: Vec<RawName>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawName {
    pub name: String,
    pub count: u32,
}

/// Series and units of a library, built once and read by
/// [`crate::adoption()`], [`crate::indicators()`] and [`crate::search()`].
/// Rebuild it when the library or the alias list changes (linear, a few
/// milliseconds for 500 bulletins).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Index {
    /// Distinct series, sorted.
    pub series: Vec<SeriesKey>,
    /// Per library entry: its series (index into `series`).
    pub entry_series: Vec<usize>,
    pub units: Vec<Unit>,
    /// Per entry, per item: its units (distinct, in the order of its sources).
    pub item_units: Vec<Vec<Vec<u32>>>,
    /// Per entry, per item, per figure: the unit of the figure's bold
    /// sub-unit (`entity`), if it has one.
    pub figure_entities: Vec<Vec<Vec<Option<u32>>>>,
    /// What was assumed on the way (an office taken from the title's one
    /// series, bulletins dated from the file name or the year only), said once each.
    pub notes: Vec<String>,
}

impl Index {
    pub fn build(library: &Library, aliases: &Aliases) -> Index {
        let entries = library.entries();
        // Series: an office not read joins the one series of its title.
        let mut offices: HashMap<&str, Vec<&str>> = HashMap::new();
        for e in entries {
            if !e.series.office.is_empty() {
                let list = offices.entry(e.series.title.as_str()).or_default();
                if !list.contains(&e.series.office.as_str()) {
                    list.push(&e.series.office);
                }
            }
        }
        let mut notes = Vec::new();
        let mut inferred: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        let resolved: Vec<SeriesKey> = entries
            .iter()
            .map(|e| {
                if e.series.office.is_empty() {
                    if let Some([office]) = offices.get(e.series.title.as_str()).map(Vec::as_slice)
                    {
                        *inferred
                            .entry((e.series.title.as_str(), office))
                            .or_default() += 1;
                        return SeriesKey {
                            title: e.series.title.clone(),
                            office: (*office).to_owned(),
                        };
                    }
                }
                e.series.clone()
            })
            .collect();
        for ((title, office), n) in inferred {
            notes.push(format!(
                "{title}：{n} 期未读出编印单位，归入同名刊物（{office}）/ no office read: counted with the one series of its title"
            ));
        }
        let mut series: Vec<SeriesKey> = resolved.clone();
        series.sort();
        series.dedup();
        let series_index: HashMap<&SeriesKey, usize> =
            series.iter().enumerate().map(|(i, s)| (s, i)).collect();
        let entry_series: Vec<usize> = resolved.iter().map(|s| series_index[s]).collect();
        let places: Vec<Vec<String>> = series
            .iter()
            .map(|s| places_of(&s.title, &s.office))
            .collect();

        let mut units: Vec<Unit> = Vec::new();
        let mut by_name: HashMap<(usize, String), u32> = HashMap::new();
        let mut raw_cache: HashMap<(usize, &str), u32> = HashMap::new();
        let mut raw_counts: Vec<HashMap<String, u32>> = Vec::new();
        let mut resolve =
            |s: usize, raw: &str, raw_cache: &mut HashMap<(usize, &str), u32>| -> u32 {
                let id = match raw_cache.get(&(s, raw)) {
                    Some(&id) => id,
                    None => {
                        let c = unit_of(raw, &places[s], aliases, &series[s].title);
                        let id = *by_name.entry((s, c.name.clone())).or_insert_with(|| {
                            units.push(Unit {
                                id: units.len() as u32,
                                series: s,
                                name: c.name,
                                kind: c.kind,
                                merged: Vec::new(),
                            });
                            raw_counts.push(HashMap::new());
                            (units.len() - 1) as u32
                        });
                        id
                    }
                };
                *raw_counts[id as usize].entry(compact(raw)).or_default() += 1;
                id
            };
        let mut item_units = Vec::with_capacity(entries.len());
        let mut figure_entities = Vec::with_capacity(entries.len());
        for (e, entry) in entries.iter().enumerate() {
            let s = entry_series[e];
            let mut items = Vec::with_capacity(entry.bulletin.items.len());
            let mut figures = Vec::with_capacity(entry.bulletin.items.len());
            for item in &entry.bulletin.items {
                let mut ids: Vec<u32> = Vec::with_capacity(item.sources.len());
                for source in &item.sources {
                    if clean(source).is_empty() {
                        continue;
                    }
                    let id = resolve(s, source, &mut raw_cache);
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                    raw_cache.insert((s, source.as_str()), id);
                }
                items.push(ids);
                let mut ents = Vec::new();
                if item.figures.iter().any(|f| f.entity.is_some()) {
                    ents = item
                        .figures
                        .iter()
                        .map(|f| {
                            f.entity
                                .as_deref()
                                .filter(|n| !clean(n).is_empty())
                                .map(|n| {
                                    let id = resolve(s, n, &mut raw_cache);
                                    raw_cache.insert((s, n), id);
                                    id
                                })
                        })
                        .collect();
                }
                figures.push(ents);
            }
            item_units.push(items);
            figure_entities.push(figures);
        }
        for (unit, counts) in units.iter_mut().zip(raw_counts) {
            let mut merged: Vec<RawName> = counts
                .into_iter()
                .map(|(name, count)| RawName { name, count })
                .collect();
            merged.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
            unit.merged = merged;
            if let Some(level) = level_written(unit) {
                unit.name = unit.name.replacen('县', level.encode_utf8(&mut [0; 4]), 1);
            }
        }
        let from_file = library
            .entries()
            .iter()
            .filter(|e| e.dating.source == crate::identity::DateSource::FileName)
            .count();
        if from_file > 0 {
            notes.push(format!(
                "{from_file} 期刊头无日期，按文件名中的日期计 / dated from the file name"
            ));
        }
        let year_only = library
            .entries()
            .iter()
            .filter(|e| e.dating.year.is_some() && e.dating.month.is_none())
            .count();
        if year_only > 0 {
            notes.push(format!(
                "{year_only} 期只知年份，按月或季统计时计入全年 / known to the year only: counted in the year's row"
            ));
        }
        let undated = library
            .entries()
            .iter()
            .filter(|e| e.dating.year.is_none())
            .count();
        if undated > 0 {
            notes.push(format!(
                "{undated} 期没有日期，计入“未注明日期” / undated: counted under 未注明日期"
            ));
        }
        Index {
            series,
            entry_series,
            units,
            item_units,
            figure_entities,
            notes,
        }
    }

    /// The series of library entry `entry`.
    pub fn series_of(&self, entry: usize) -> &SeriesKey {
        &self.series[self.entry_series[entry]]
    }

    /// The series' index, by key.
    pub fn series_id(&self, key: &SeriesKey) -> Option<usize> {
        self.series.binary_search(key).ok()
    }

    /// The unit of series `series` with canonical name `name`.
    pub fn unit_named(&self, series: usize, name: &str) -> Option<u32> {
        self.units
            .iter()
            .find(|u| u.series == series && u.name == name)
            .map(|u| u.id)
    }

    /// The units of every series whose canonical name (or a merged raw
    /// name) is `name`, canonicalised by the table first (`县发展改革委`
    /// finds `发改委` in every series).
    pub fn units_matching(&self, name: &str) -> Vec<u32> {
        let wanted = crate::names::canonical_unit(name).name;
        let cleaned = clean(name);
        let written = compact(name);
        self.units
            .iter()
            .filter(|u| {
                u.name == wanted || u.name == cleaned || u.merged.iter().any(|r| r.name == written)
            })
            .map(|u| u.id)
            .collect()
    }
}

/// The table names the county's own party committee, government and
/// Youth League committee with 县 (`县委办`, `县政府`, `团县委`); a district's
/// or city's series writes 区 or 市 (`区委办`). The level most of the
/// unit's raw names write, when it is not 县.
fn level_written(unit: &Unit) -> Option<char> {
    if !matches!(
        unit.kind,
        UnitKind::Party | UnitKind::Government | UnitKind::Other
    ) || !unit.name.contains('县')
    {
        return None;
    }
    let mut counts = [0u32; 4];
    const LEVELS: [char; 4] = ['县', '区', '市', '旗'];
    for raw in &unit.merged {
        let chars: Vec<char> = raw.name.chars().collect();
        for w in chars.windows(2) {
            if let Some(l) = LEVELS.iter().position(|&c| c == w[0]) {
                if matches!(w[1], '委' | '政' | '人') {
                    counts[l] += raw.count;
                    break;
                }
            }
        }
    }
    let (best, &n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    (best > 0 && n > counts[0]).then_some(LEVELS[best])
}

/// A raw name's unit: the user's alias for it, or the table's canonical
/// name (itself looked up in the aliases, so an alias may merge two
/// canonical units).
fn unit_of(raw: &str, places: &[String], aliases: &Aliases, title: &str) -> Canonical {
    let cleaned = clean(raw);
    if let Some(target) = aliases.get(&cleaned, title) {
        return alias_target(target, places);
    }
    let c = canonical_unit_in(&cleaned, places);
    match aliases.get(&c.name, title) {
        Some(target) if target != c.name => alias_target(target, places),
        _ => c,
    }
}

fn alias_target(target: &str, places: &[String]) -> Canonical {
    let c = canonical_unit_in(target, places);
    if c.kind == UnitKind::Unknown {
        Canonical {
            name: clean(target),
            kind: UnitKind::Alias,
        }
    } else {
        c
    }
}
