//! What the library computes over its bulletins: the adoption table (each
//! unit's items in a period, share, rank, by section, points), indicators
//! over time (one label of one unit across issues) and search. Pure: the
//! entries come in, rows go out; the page draws them (`render`).

use std::collections::{BTreeMap, BTreeSet};

use bulletin_parser::{Bulletin, Item};

use super::units::{unit_key, Aliases};

/// One stored bulletin.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its identity: title, issue and date (`identity`).
    pub key: String,
    /// The file it came from.
    pub file: String,
    /// A hash of the text it was parsed from: a changed text is a new hash.
    pub hash: String,
    pub bulletin: Bulletin,
}

impl Entry {
    /// The series: one title (spaces dropped).
    pub fn series(&self) -> String {
        series_of(&self.bulletin)
    }

    pub fn date(&self) -> &str {
        self.bulletin.masthead.date.as_deref().unwrap_or("")
    }

    pub fn issue_number(&self) -> Option<u32> {
        self.bulletin.masthead.issue_number
    }
}

pub fn series_of(b: &Bulletin) -> String {
    b.masthead
        .title
        .as_deref()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The same title, issue and date is the same bulletin. A text with none
/// of the three is known by its hash alone.
pub fn identity(b: &Bulletin, hash: &str) -> String {
    let m = &b.masthead;
    if m.title.is_none() && m.issue.is_none() && m.date.is_none() {
        return format!("#{hash}");
    }
    let issue = m
        .issue_number
        .map(|n| n.to_string())
        .or_else(|| m.issue.clone())
        .unwrap_or_default();
    format!(
        "{}|{}|{}",
        series_of(b),
        issue,
        m.date.as_deref().unwrap_or("")
    )
}

/// FNV-1a, 64 bits, as hex: enough to tell a changed text from the same.
pub fn text_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

/// A period to count over.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Period {
    #[default]
    All,
    Year(u32),
    Quarter(u32, u32),
    Month(u32, u32),
    /// Issues `from..=to` (of `year` when given).
    Issues {
        year: Option<u32>,
        from: u32,
        to: u32,
    },
}

impl Period {
    /// From the form: kind (`all`, `year`, `quarter`, `month`, `issues`),
    /// year, quarter or month number, issue range.
    pub fn from_form(kind: &str, year: &str, part: &str, from: &str, to: &str) -> Period {
        let num = |s: &str| s.trim().parse::<u32>().ok();
        match (kind, num(year), num(part)) {
            ("year", Some(y), _) => Period::Year(y),
            ("quarter", Some(y), Some(q)) if (1..=4).contains(&q) => Period::Quarter(y, q),
            ("month", Some(y), Some(m)) if (1..=12).contains(&m) => Period::Month(y, m),
            ("issues", year, _) => Period::Issues {
                year,
                from: num(from).unwrap_or(0),
                to: num(to).unwrap_or(u32::MAX),
            },
            _ => Period::All,
        }
    }

    pub fn contains(&self, e: &Entry) -> bool {
        let (y, m) = year_month(e.date());
        match *self {
            Period::All => true,
            Period::Year(year) => y == Some(year),
            Period::Quarter(year, q) => y == Some(year) && m.is_some_and(|m| m.div_ceil(3) == q),
            Period::Month(year, month) => y == Some(year) && m == Some(month),
            Period::Issues { year, from, to } => {
                year.is_none_or(|year| y == Some(year))
                    && e.issue_number().is_some_and(|n| (from..=to).contains(&n))
            }
        }
    }

    pub fn label(&self) -> String {
        match *self {
            Period::All => "全部".into(),
            Period::Year(y) => format!("{y}年"),
            Period::Quarter(y, q) => format!("{y}年第{q}季度"),
            Period::Month(y, m) => format!("{y}年{m}月"),
            Period::Issues { year, from, to } => {
                let y = year.map(|y| format!("{y}年")).unwrap_or_default();
                let to = if to == u32::MAX {
                    String::new()
                } else {
                    to.to_string()
                };
                format!("{y}第{from}—{to}期")
            }
        }
    }
}

/// `2024-05-17` → (2024, 5).
pub fn year_month(date: &str) -> (Option<u32>, Option<u32>) {
    let mut parts = date.split('-');
    let y = parts.next().and_then(|p| p.parse().ok());
    let m = parts.next().and_then(|p| p.parse().ok());
    (y, m)
}

/// Points per item: a default, and per section or per title overrides
/// (`栏目或刊名=分值` lines; a bare number is the default).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Points {
    pub default: Option<f64>,
    pub by_name: BTreeMap<String, f64>,
}

impl Points {
    pub fn parse(text: &str) -> Points {
        let mut p = Points::default();
        for line in text.lines().flat_map(|l| l.split(['；', ';'])) {
            let line = line.trim();
            if let Some((name, v)) = line.split_once(['=', '＝']) {
                if let Ok(v) = v.trim().parse() {
                    p.by_name.insert(name.trim().to_owned(), v);
                }
            } else if let Ok(v) = line.parse() {
                p.default = Some(v);
            }
        }
        p
    }

    pub fn is_set(&self) -> bool {
        self.default.is_some() || !self.by_name.is_empty()
    }

    /// An item's points: its section's, else its title's, else the default (1).
    pub fn of(&self, series: &str, section: Option<&str>) -> f64 {
        section
            .and_then(|s| self.by_name.get(s))
            .or_else(|| self.by_name.get(series))
            .copied()
            .or(self.default)
            .unwrap_or(1.0)
    }
}

/// One unit's row of the adoption table.
#[derive(Debug, Clone, PartialEq)]
pub struct AdoptionRow {
    pub series: String,
    pub unit: String,
    pub items: usize,
    /// Of the series' items (attributions) in the period, 0..=1.
    pub share: f64,
    /// 1 for the most items in its series; ties share a rank.
    pub rank: usize,
    pub points: f64,
    /// Items per section, in the table's section order.
    pub by_section: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Adoption {
    pub sections: Vec<String>,
    pub rows: Vec<AdoptionRow>,
    /// Bulletins counted.
    pub bulletins: usize,
}

/// The units an item is counted for: each distinct key once (an item two
/// units reported counts for both).
pub fn item_units(item: &Item, aliases: &Aliases) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for s in &item.sources {
        let k = unit_key(s, aliases);
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys
}

/// A unit's items, points, and items per section.
type UnitCount = (usize, f64, BTreeMap<String, usize>);

/// The adoption table of `entries` in `period` (all series, or `series`).
pub fn adoption(
    entries: &[Entry],
    period: &Period,
    series: &str,
    aliases: &Aliases,
    points: &Points,
) -> Adoption {
    let mut sections: BTreeSet<String> = BTreeSet::new();
    // (series, unit) → (items, points, section → items)
    let mut counts: BTreeMap<(String, String), UnitCount> = BTreeMap::new();
    let mut totals: BTreeMap<String, usize> = BTreeMap::new();
    let mut bulletins = 0;
    for e in entries {
        let s = e.series();
        if !period.contains(e) || (!series.is_empty() && s != series) {
            continue;
        }
        bulletins += 1;
        for item in &e.bulletin.items {
            let section = item.section.as_deref().unwrap_or("").to_owned();
            let pts = points.of(&s, item.section.as_deref());
            for unit in item_units(item, aliases) {
                sections.insert(section.clone());
                let c = counts.entry((s.clone(), unit)).or_default();
                c.0 += 1;
                c.1 += pts;
                *c.2.entry(section.clone()).or_default() += 1;
                *totals.entry(s.clone()).or_default() += 1;
            }
        }
    }
    let sections: Vec<String> = sections.into_iter().collect();
    let mut rows: Vec<AdoptionRow> = counts
        .into_iter()
        .map(|((series, unit), (items, pts, by))| AdoptionRow {
            share: items as f64 / totals.get(&series).copied().unwrap_or(1).max(1) as f64,
            by_section: sections
                .iter()
                .map(|s| by.get(s).copied().unwrap_or(0))
                .collect(),
            series,
            unit,
            items,
            rank: 0,
            points: pts,
        })
        .collect();
    rows.sort_by(|a, b| {
        a.series
            .cmp(&b.series)
            .then(b.items.cmp(&a.items))
            .then(a.unit.cmp(&b.unit))
    });
    for i in 0..rows.len() {
        rows[i].rank = if i > 0 && rows[i - 1].series == rows[i].series {
            if rows[i - 1].items == rows[i].items {
                rows[i - 1].rank
            } else {
                rows[..i]
                    .iter()
                    .filter(|r| r.series == rows[i].series)
                    .count()
                    + 1
            }
        } else {
            1
        };
    }
    Adoption {
        sections,
        rows,
        bulletins,
    }
}

/// Every raw name each unit key was written as, per series, with counts.
pub fn merged_names(
    entries: &[Entry],
    aliases: &Aliases,
) -> BTreeMap<(String, String), BTreeMap<String, usize>> {
    let mut out: BTreeMap<(String, String), BTreeMap<String, usize>> = BTreeMap::new();
    for e in entries {
        let s = e.series();
        for item in &e.bulletin.items {
            for raw in &item.sources {
                *out.entry((s.clone(), unit_key(raw, aliases)))
                    .or_default()
                    .entry(raw.to_string())
                    .or_default() += 1;
            }
        }
    }
    out
}

/// Where an item is: entry index, item index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemRef {
    pub entry: usize,
    pub item: usize,
}

/// An indicator: one label of one unit in one series.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct IndicatorKey {
    pub series: String,
    pub unit: String,
    pub label: String,
    /// The figures' unit (`元`, `%`): a growth rate and an amount of the
    /// same label are two series.
    pub measure: String,
}

impl IndicatorKey {
    pub fn code(&self) -> String {
        format!(
            "{}\u{1e}{}\u{1e}{}\u{1e}{}",
            self.series, self.unit, self.label, self.measure
        )
    }

    pub fn from_code(code: &str) -> Option<IndicatorKey> {
        let mut p = code.split('\u{1e}');
        Some(IndicatorKey {
            series: p.next()?.to_owned(),
            unit: p.next()?.to_owned(),
            label: p.next()?.to_owned(),
            measure: p.next().unwrap_or("").to_owned(),
        })
    }
}

/// One point of an indicator's series.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub date: String,
    pub issue: Option<u32>,
    pub value: f64,
    pub unit: String,
    pub period: String,
    pub text: String,
    pub at: ItemRef,
}

/// Every indicator with at least `min_points` points, most points first.
pub fn indicators(
    entries: &[Entry],
    aliases: &Aliases,
    min_points: usize,
) -> Vec<(IndicatorKey, usize)> {
    let mut counts: BTreeMap<IndicatorKey, usize> = BTreeMap::new();
    for e in entries {
        let s = e.series();
        for item in &e.bulletin.items {
            let units = item_units(item, aliases);
            let Some(unit) = units.first() else { continue };
            for f in &item.figures {
                if let Some(label) = f.label.as_deref() {
                    *counts
                        .entry(IndicatorKey {
                            series: s.clone(),
                            unit: unit.clone(),
                            label: label.to_owned(),
                            measure: f.unit.as_deref().unwrap_or("").to_owned(),
                        })
                        .or_default() += 1;
                }
            }
        }
    }
    let mut out: Vec<_> = counts
        .into_iter()
        .filter(|(_, n)| *n >= min_points)
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// The points of one indicator, by date.
pub fn indicator_points(entries: &[Entry], key: &IndicatorKey, aliases: &Aliases) -> Vec<Point> {
    let mut out = Vec::new();
    for (ei, e) in entries.iter().enumerate() {
        if e.series() != key.series {
            continue;
        }
        for (ii, item) in e.bulletin.items.iter().enumerate() {
            if item_units(item, aliases).first() != Some(&key.unit) {
                continue;
            }
            for f in &item.figures {
                if f.label.as_deref() == Some(key.label.as_str())
                    && f.unit.as_deref().unwrap_or("") == key.measure
                {
                    out.push(Point {
                        date: e.date().to_owned(),
                        issue: e.issue_number(),
                        value: f.value,
                        unit: f.unit.as_deref().unwrap_or("").to_owned(),
                        period: f.period.as_deref().unwrap_or("").to_owned(),
                        text: f.text.to_string(),
                        at: ItemRef {
                            entry: ei,
                            item: ii,
                        },
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.issue.cmp(&b.issue)));
    out
}

/// What to search for.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub text: String,
    pub regex: bool,
    pub unit: String,
    pub section: String,
    pub from: String,
    pub to: String,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// A hit: the item, and the matched span of its headline + body text
/// (`headline\n body`, byte offsets).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub at: ItemRef,
    pub start: usize,
    pub end: usize,
    /// The figures of the item in the value range (when one is given).
    pub figures: Vec<String>,
}

/// Items matching `q`, in library order, at most `limit`; the error is the
/// regular expression's.
pub fn search(
    entries: &[Entry],
    q: &Query,
    aliases: &Aliases,
    limit: usize,
) -> Result<(Vec<Hit>, usize), String> {
    let pattern = if q.text.is_empty() {
        None
    } else if q.regex {
        Some(
            regex::RegexBuilder::new(&q.text)
                .size_limit(1 << 20)
                .build()
                .map_err(|e| e.to_string())?,
        )
    } else {
        Some(regex::Regex::new(&regex::escape(&q.text)).map_err(|e| e.to_string())?)
    };
    let unit = (!q.unit.trim().is_empty()).then(|| unit_key(&q.unit, aliases));
    let ranged = q.min.is_some() || q.max.is_some();
    let mut hits = Vec::new();
    let mut total = 0;
    for (ei, e) in entries.iter().enumerate() {
        let d = e.date();
        if (!q.from.is_empty() && d < q.from.as_str()) || (!q.to.is_empty() && d > q.to.as_str()) {
            continue;
        }
        for (ii, item) in e.bulletin.items.iter().enumerate() {
            if !q.section.is_empty() && item.section.as_deref() != Some(q.section.as_str()) {
                continue;
            }
            if let Some(u) = &unit {
                if !item_units(item, aliases).contains(u) {
                    continue;
                }
            }
            let figures: Vec<String> = if ranged {
                item.figures
                    .iter()
                    .filter(|f| {
                        q.min.is_none_or(|m| f.value >= m) && q.max.is_none_or(|m| f.value <= m)
                    })
                    .map(|f| f.text.to_string())
                    .collect()
            } else {
                Vec::new()
            };
            if ranged && figures.is_empty() {
                continue;
            }
            let text = item_text(item);
            let (start, end) = match &pattern {
                Some(p) => match p.find(&text) {
                    Some(m) => (m.start(), m.end()),
                    None => continue,
                },
                None => (0, 0),
            };
            total += 1;
            if hits.len() < limit {
                hits.push(Hit {
                    at: ItemRef {
                        entry: ei,
                        item: ii,
                    },
                    start,
                    end,
                    figures,
                });
            }
        }
    }
    Ok((hits, total))
}

/// The text search looks in: headline, a line break, body.
pub fn item_text(item: &Item) -> String {
    format!("{}\n{}", item.headline, item.body)
}

/// The issue numbers missing between those present, per series and year:
/// `(series, year, first missing, last missing)`.
pub fn issue_gaps(entries: &[Entry]) -> Vec<(String, u32, u32, u32)> {
    let mut seen: BTreeMap<(String, u32), BTreeSet<u32>> = BTreeMap::new();
    for e in entries {
        if let (Some(n), (Some(y), _)) = (e.issue_number(), year_month(e.date())) {
            seen.entry((e.series(), y)).or_default().insert(n);
        }
    }
    let mut gaps = Vec::new();
    for ((s, y), numbers) in seen {
        let v: Vec<u32> = numbers.into_iter().collect();
        for w in v.windows(2) {
            if w[1] > w[0] + 1 {
                gaps.push((s.clone(), y, w[0] + 1, w[1] - 1));
            }
        }
    }
    gaps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str) -> Entry {
        let b = bulletin_parser::parse(text);
        let hash = text_hash(text);
        Entry {
            key: identity(&b, &hash),
            file: "f.txt".into(),
            hash,
            bulletin: b,
        }
    }

    fn bulletin(title: &str, issue: u32, date: (u32, u32, u32), items: &[(&str, &str)]) -> String {
        let mut t = format!(
            "{title}\n\n第 {issue} 期\n\n某县人民政府办公室          {} 年 {} 月 {} 日\n\n",
            date.0, date.1, date.2
        );
        for (section, unit) in items {
            t += &format!(
                "【{section}】\n\n{unit}扎实推进重点工作  今年以来，一般公共预算收入 3.5 亿元，同比增长 4.2%。（{unit}）\n\n"
            );
        }
        t
    }

    #[test]
    fn adoption_counts_unit_variants_as_one_and_ranks_within_a_series() {
        let entries = vec![
            entry(&bulletin(
                "甲县政务快报",
                1,
                (2024, 1, 5),
                &[("工作动态", "县发改委"), ("工作动态", "县财政局")],
            )),
            entry(&bulletin(
                "甲县政务快报",
                2,
                (2024, 2, 5),
                &[("基层声音", "县发展和改革委员会")],
            )),
            entry(&bulletin(
                "甲县政务快报",
                3,
                (2024, 4, 5),
                &[("工作动态", "发改委")],
            )),
            entry(&bulletin(
                "乙县简报",
                1,
                (2024, 1, 9),
                &[("工作动态", "县发改委")],
            )),
        ];
        let a = adoption(
            &entries,
            &Period::Quarter(2024, 1),
            "",
            &Aliases::default(),
            &Points::default(),
        );
        assert_eq!(a.bulletins, 3);
        let find = |s: &str, u: &str| {
            a.rows
                .iter()
                .find(|r| r.series == s && r.unit == u)
                .unwrap()
        };
        let fgw = find("甲县政务快报", "发改委");
        assert_eq!((fgw.items, fgw.rank), (2, 1));
        assert!((fgw.share - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(find("甲县政务快报", "财政局").rank, 2);
        assert_eq!(
            find("乙县简报", "发改委").items,
            1,
            "other series, other unit"
        );
        let points = Points::parse("2\n基层声音=5");
        let a = adoption(
            &entries,
            &Period::Year(2024),
            "甲县政务快报",
            &Aliases::default(),
            &points,
        );
        assert_eq!(find_points(&a, "发改委"), 2.0 + 5.0 + 2.0);
    }

    fn find_points(a: &Adoption, unit: &str) -> f64 {
        a.rows.iter().find(|r| r.unit == unit).unwrap().points
    }

    #[test]
    fn periods_from_the_form() {
        assert_eq!(
            Period::from_form("quarter", "2024", "2", "", ""),
            Period::Quarter(2024, 2)
        );
        assert_eq!(
            Period::from_form("month", "2024", "13", "", ""),
            Period::All
        );
        assert_eq!(
            Period::from_form("issues", "", "", "3", "9"),
            Period::Issues {
                year: None,
                from: 3,
                to: 9
            }
        );
    }

    #[test]
    fn indicators_follow_a_label_of_a_unit_and_search_finds_in_context() {
        let entries = vec![
            entry(&bulletin(
                "甲县政务快报",
                1,
                (2024, 1, 5),
                &[("工作动态", "县财政局")],
            )),
            entry(&bulletin(
                "甲县政务快报",
                2,
                (2024, 2, 5),
                &[("工作动态", "财政局")],
            )),
        ];
        let aliases = Aliases::default();
        let list = indicators(&entries, &aliases, 2);
        let key = &list
            .iter()
            .find(|(k, _)| k.label == "一般公共预算收入" && k.measure == "元")
            .unwrap()
            .0;
        let points = indicator_points(&entries, key, &aliases);
        assert_eq!(points.len(), 2);
        assert_eq!(points[0].value, 350000000.0);
        let q = Query {
            text: "预算收.".into(),
            regex: true,
            min: Some(4.0),
            max: Some(5.0),
            ..Default::default()
        };
        let (hits, total) = search(&entries, &q, &aliases, 10).unwrap();
        assert_eq!(total, 2);
        assert_eq!(hits[0].figures, vec!["4.2%".to_string()]);
        let bad = Query {
            text: "(".into(),
            regex: true,
            ..Default::default()
        };
        assert!(search(&entries, &bad, &aliases, 10).is_err());
    }

    #[test]
    fn gaps_in_issue_numbers_per_series_and_year() {
        let entries = vec![
            entry(&bulletin(
                "甲县政务快报",
                1,
                (2024, 1, 5),
                &[("a", "县财政局")],
            )),
            entry(&bulletin(
                "甲县政务快报",
                4,
                (2024, 2, 5),
                &[("a", "县财政局")],
            )),
            entry(&bulletin(
                "甲县政务快报",
                6,
                (2025, 2, 5),
                &[("a", "县财政局")],
            )),
        ];
        assert_eq!(
            issue_gaps(&entries),
            vec![("甲县政务快报".to_string(), 2024, 2, 3)]
        );
    }
}
