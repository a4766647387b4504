//! Everything `bulletin stats` prints, in one value, and its renderings:
//! JSON (serde), an XLSX workbook, a CSV table and print-friendly text.

use bulletin_parser::export::{
    plain_number, sheet_head, sheet_part, sheet_row, sheet_tail, value_columns, workbook_parts,
    Cell, ColumnWidths, SheetInfo, Table, ZipWriter, CSV_BOM,
};
use serde::{Deserialize, Serialize};

use crate::adoption::{adoption, AdoptionQuery, AdoptionTable};
use crate::identity::SeriesKey;
use crate::index::{Index, Unit};
use crate::indicators::{indicators, IndicatorQuery, IndicatorSeries};
use crate::library::{issue_gaps, IssueGaps, Library};

/// One series of the library at a glance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesSummary {
    pub series: SeriesKey,
    pub bulletins: usize,
    /// Earliest and latest dates known (ISO, possibly only year or month).
    pub first: Option<String>,
    pub last: Option<String>,
    pub units: usize,
}

/// Everything `bulletin stats` reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatsReport {
    pub bulletins: usize,
    pub series: Vec<SeriesSummary>,
    pub gaps: Vec<IssueGaps>,
    /// Every unit with the raw names merged into it.
    pub units: Vec<Unit>,
    pub adoption: Vec<AdoptionTable>,
    pub indicators: Vec<IndicatorSeries>,
    /// What was assumed (see [`Index::notes`]).
    pub notes: Vec<String>,
}

/// The report over a library: adoption per `adoption.by`, indicator series
/// per `indicators`.
pub fn report(
    library: &Library,
    index: &Index,
    adoption_query: &AdoptionQuery,
    indicator_query: &IndicatorQuery,
) -> StatsReport {
    let series_of: Vec<SeriesKey> = (0..library.len())
        .map(|e| index.series_of(e).clone())
        .collect();
    let mut series: Vec<SeriesSummary> = index
        .series
        .iter()
        .enumerate()
        .map(|(s, key)| SeriesSummary {
            series: key.clone(),
            bulletins: 0,
            first: None,
            last: None,
            units: index.units.iter().filter(|u| u.series == s).count(),
        })
        .collect();
    for e in library.by_date() {
        let summary = &mut series[index.entry_series[e]];
        summary.bulletins += 1;
        let date = library.entries()[e].dating.iso();
        if !date.is_empty() {
            summary.first.get_or_insert_with(|| date.clone());
            summary.last = Some(date);
        }
    }
    StatsReport {
        bulletins: library.len(),
        series,
        gaps: issue_gaps(library, &series_of),
        units: index.units.clone(),
        adoption: adoption(library, index, adoption_query),
        indicators: indicators(library, index, indicator_query),
        notes: index.notes.clone(),
    }
}

/// Columns of the adoption table in CSV and XLSX (long form: one row per
/// series, period and unit, so one sheet holds every period).
pub const ADOPTION_HEADERS: [&str; 9] = [
    "刊物",
    "编印单位",
    "时期",
    "排名",
    "单位",
    "采用条数",
    "占比(%)",
    "积分",
    "合并名称",
];

/// Columns of the per-section counts.
pub const SECTION_HEADERS: [&str; 6] = ["刊物", "编印单位", "时期", "栏目", "单位", "采用条数"];

/// Columns of the indicator points. 数值 is signed for changes.
pub const INDICATOR_HEADERS: [&str; 13] = [
    "刊物",
    "单位",
    "指标",
    "计量单位",
    "增减",
    "日期",
    "期",
    "时期",
    "数值",
    "数值上限",
    "原文",
    "条目序号",
    "标题",
];

/// Columns of the issue gaps.
pub const GAP_HEADERS: [&str; 8] = [
    "刊物",
    "编印单位",
    "年份",
    "首期",
    "末期",
    "已有期数",
    "缺期",
    "重复期号",
];

/// The adoption tables as one long table.
pub fn adoption_table(report: &StatsReport) -> Table {
    let mut rows = Vec::new();
    for t in &report.adoption {
        for r in &t.rows {
            let merged = report
                .units
                .get(r.unit as usize)
                .map(|u| {
                    u.merged
                        .iter()
                        .map(|m| m.name.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                })
                .unwrap_or_default();
            rows.push(vec![
                text(&t.series.title),
                text(&t.series.office),
                text(&t.label),
                Cell::Number(f64::from(r.rank)),
                text(&r.name),
                Cell::Number(f64::from(r.items)),
                Cell::Number(percent(r.share)),
                r.points.map_or(Cell::Empty, Cell::Number),
                text(&merged),
            ]);
        }
    }
    Table {
        headers: ADOPTION_HEADERS.to_vec(),
        rows,
    }
}

pub fn section_table(report: &StatsReport) -> Table {
    let mut rows = Vec::new();
    for t in &report.adoption {
        for (s, section) in t.sections.iter().enumerate() {
            for r in &t.rows {
                let n = r.by_section.get(s).copied().unwrap_or(0);
                if n == 0 {
                    continue;
                }
                rows.push(vec![
                    text(&t.series.title),
                    text(&t.series.office),
                    text(&t.label),
                    text(if section.is_empty() {
                        "（无栏目）"
                    } else {
                        section
                    }),
                    text(&r.name),
                    Cell::Number(f64::from(n)),
                ]);
            }
        }
    }
    Table {
        headers: SECTION_HEADERS.to_vec(),
        rows,
    }
}

/// The indicator points, one row each (期 and 条目序号 find the item).
pub fn indicator_table(report: &StatsReport) -> Table {
    let mut rows = Vec::new();
    for s in &report.indicators {
        for p in &s.points {
            rows.push(vec![
                text(&s.series.title),
                text(&s.unit_name),
                text(&s.label),
                text(s.measure.as_deref().unwrap_or("")),
                text(if s.change { "增减" } else { "" }),
                text(&p.date),
                text(&p.key.issue),
                text(p.period.as_deref().unwrap_or("")),
                Cell::Number(p.value),
                p.value_max.map_or(Cell::Empty, Cell::Number),
                text(&p.text),
                Cell::Number((p.item + 1) as f64),
            ]);
        }
    }
    Table {
        headers: INDICATOR_HEADERS.to_vec(),
        rows,
    }
}

pub fn gap_table(report: &StatsReport) -> Table {
    let join = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join("、");
    let rows = report
        .gaps
        .iter()
        .map(|g| {
            vec![
                text(&g.series.title),
                text(&g.series.office),
                g.year.map_or(Cell::Empty, |y| Cell::Number(f64::from(y))),
                Cell::Number(f64::from(g.first)),
                Cell::Number(f64::from(g.last)),
                Cell::Number(g.present as f64),
                text(&join(&g.missing)),
                text(&join(&g.duplicated)),
            ]
        })
        .collect();
    Table {
        headers: GAP_HEADERS.to_vec(),
        rows,
    }
}

/// The adoption table as CSV with the byte-order mark Excel needs.
pub fn adoption_csv(report: &StatsReport) -> String {
    format!("{CSV_BOM}{}", adoption_table(report).to_csv())
}

/// The workbook: sheets 采用情况, 分栏目, 指标, 期号 (each with a frozen,
/// filtered header row; numbers as numbers).
pub fn report_xlsx(report: &StatsReport) -> Vec<u8> {
    let tables = [
        ("采用情况", adoption_table(report)),
        ("分栏目", section_table(report)),
        ("指标", indicator_table(report)),
        ("期号", gap_table(report)),
    ];
    let infos: Vec<SheetInfo> = tables
        .iter()
        .map(|(name, t)| SheetInfo {
            name: (*name).to_owned(),
            columns: t.headers.len(),
            rows: t.rows.len(),
        })
        .collect();
    let mut zip = ZipWriter::new();
    for (name, data) in workbook_parts(&infos) {
        zip.add(&name, data.as_bytes());
    }
    for (i, (_, table)) in tables.iter().enumerate() {
        let mut widths = ColumnWidths::new(&table.headers);
        for row in &table.rows {
            widths.add(row);
        }
        let mut xml = sheet_head(&table.headers, &widths.finish(), table.rows.len(), i == 0);
        let values = value_columns(&table.headers);
        for (r, row) in table.rows.iter().enumerate() {
            sheet_row(&mut xml, r + 2, row, table.headers.len(), &values);
        }
        xml.push_str(&sheet_tail(table.headers.len(), table.rows.len()));
        zip.add(&sheet_part(i), xml.as_bytes());
    }
    zip.finish()
}

/// Sections shown as columns of the text table, at most.
const MAX_SECTION_COLUMNS: usize = 5;

/// Values of an indicator series shown in full in the text report.
const SHOWN_POINTS: usize = 6;

/// Print-friendly text: per series and period, the table offices publish
/// (排名 单位 采用条数 占比 积分), then the indicator series and the gaps.
pub fn report_text(report: &StatsReport) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "信息采用情况统计 · {} 期简报，{} 种刊物\n",
        report.bulletins,
        report.series.len()
    ));
    for t in &report.adoption {
        out.push_str(&format!(
            "\n{} {} 信息采用情况\n共 {} 期，条目 {} 条",
            t.series, t.label, t.bulletins, t.items
        ));
        if t.unattributed > 0 {
            out.push_str(&format!("（未注明来源 {} 条）", t.unattributed));
        }
        out.push('\n');
        let with_points = t.rows.iter().any(|r| r.points.is_some());
        // A few sections get a column each (a table too wide to print
        // otherwise: the 分栏目 sheet has them all).
        let section_columns = (2..=MAX_SECTION_COLUMNS).contains(&t.sections.len());
        let mut rows: Vec<Vec<String>> = vec![["排名", "单位", "采用条数", "占比"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect()];
        if with_points {
            rows[0].push("积分".to_owned());
        }
        if section_columns {
            rows[0].extend(t.sections.iter().map(|s| {
                if s.is_empty() {
                    "（无栏目）".to_owned()
                } else {
                    s.clone()
                }
            }));
        }
        for r in &t.rows {
            let mut row = vec![
                r.rank.to_string(),
                r.name.clone(),
                r.items.to_string(),
                format!("{:.2}%", percent(r.share)),
            ];
            if with_points {
                row.push(r.points.map(plain_number).unwrap_or_default());
            }
            if section_columns {
                row.extend(r.by_section.iter().map(u32::to_string));
            }
            rows.push(row);
        }
        out.push_str(&aligned(&rows));
    }
    if !report.indicators.is_empty() {
        // One line a series: a few values in full, then how many more and
        // the last (every value is in the JSON and the XLSX).
        out.push_str("\n指标\n");
        for s in &report.indicators {
            let measure = s.measure.as_deref().unwrap_or("");
            let change = if s.change { "（增减）" } else { "" };
            let value = |p: &crate::indicators::IndicatorPoint| {
                format!("{} {}", p.date, readable(p.value, measure))
            };
            let mut values: Vec<String> = s.points.iter().take(SHOWN_POINTS).map(value).collect();
            if s.points.len() > SHOWN_POINTS + 1 {
                values.push(format!("…（另 {} 个）", s.points.len() - SHOWN_POINTS - 1));
            }
            if s.points.len() > SHOWN_POINTS {
                values.extend(s.points.last().map(value));
            }
            out.push_str(&format!(
                "{} · {}{change}：{}\n",
                s.unit_name,
                s.label,
                values.join("；")
            ));
        }
    }
    let gaps: Vec<&IssueGaps> = report
        .gaps
        .iter()
        .filter(|g| !g.missing.is_empty() || !g.duplicated.is_empty())
        .collect();
    if !gaps.is_empty() {
        out.push_str("\n期号\n");
        for g in gaps {
            let year = g.year.map_or("年份不详".to_owned(), |y| format!("{y}年"));
            let list = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join("、");
            out.push_str(&format!("{} {year} 第{}—{}期", g.series, g.first, g.last));
            if !g.missing.is_empty() {
                out.push_str(&format!("，缺第{}期", list(&g.missing)));
            }
            if !g.duplicated.is_empty() {
                out.push_str(&format!("，重复期号 {}", list(&g.duplicated)));
            }
            out.push('\n');
        }
    }
    for note in &report.notes {
        out.push_str(&format!("注：{note}\n"));
    }
    out
}

/// Columns padded to a common display width (a CJK character counts two).
fn aligned(rows: &[Vec<String>]) -> String {
    let width = |s: &str| -> usize {
        s.chars()
            .map(|c| if (c as u32) >= 0x1100 { 2 } else { 1 })
            .sum()
    };
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| width(s))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < row.len() {
                line.push_str(&" ".repeat(widths[c] - width(cell) + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A value with its unit for reading: large amounts of 元 (and other
/// units) in 万 or 亿, as bulletins print them (`8650000000元` → `86.5亿元`).
fn readable(value: f64, measure: &str) -> String {
    let scaled = |v: f64, word: &str| {
        let rounded = (v * 100.0).round() / 100.0;
        format!("{}{word}{measure}", plain_number(rounded))
    };
    let whole_count = !matches!(measure, "%" | "‰" | "个百分点" | "倍" | "成");
    if whole_count && value.abs() >= 1e8 {
        scaled(value / 1e8, "亿")
    } else if whole_count && value.abs() >= 1e5 {
        scaled(value / 1e4, "万")
    } else {
        format!("{}{measure}", plain_number(value))
    }
}

/// A share as a percentage rounded to two decimals.
fn percent(share: f64) -> f64 {
    (share * 10000.0).round() / 100.0
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_owned())
    }
}
