//! The library's view, drawn here as HTML (as the proofreading list is):
//! the page's first-load wasm only puts it in place and forwards its
//! controls (`src/library/mod.rs`). Every control names an action
//! (`data-act`, `data-arg`) or is a named form field the page sends with
//! each action. The numbers are the `bulletin-stats` crate's.

use std::fmt::Write;

use bulletin_export::{plain_number, Cell};
use bulletin_stats::{
    adoption, indicators, issue_gaps, search, AdoptionQuery, AdoptionTable, Aliases, DateRange,
    Dating, Entry, Filter, Index, IndicatorQuery, IndicatorSeries, IssueRange, Library, Period,
    Points, SearchQuery,
};

/// What the view shows; kept in the worker between actions, updated from
/// the form the page sends.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub tab: String,
    pub period_kind: String,
    pub year: String,
    pub part: String,
    pub issue_from: String,
    pub issue_to: String,
    pub series: String,
    pub points: String,
    pub aliases: String,
    pub indicator: String,
    pub q: String,
    pub q_regex: bool,
    pub q_unit: String,
    pub q_section: String,
    pub q_from: String,
    pub q_to: String,
    pub q_min: String,
    pub q_max: String,
    /// The item shown (entry key, item index).
    pub item: Option<(String, usize)>,
    /// The last action's report (HTML-escaped text), and whether it is an error.
    pub note: String,
    pub error: bool,
    /// How many bulletins an undo would bring back.
    pub undo: usize,
    /// The page is in English (`lang` = `en`).
    pub en: bool,
}

impl View {
    /// Takes the named fields of the page's form (`name U+001F value`,
    /// joined by U+001E). A checkbox is sent only when checked.
    pub fn read_form(&mut self, form: &str) {
        let mut regex = false;
        // Sent with every action while the page is in English.
        self.en = false;
        let mut saw_query = false;
        for pair in form.split('\u{1e}') {
            let Some((name, value)) = pair.split_once('\u{1f}') else {
                continue;
            };
            let v = value.to_owned();
            match name {
                "period" => self.period_kind = v,
                "year" => self.year = v,
                "part" => self.part = v,
                "issue_from" => self.issue_from = v,
                "issue_to" => self.issue_to = v,
                "series" => self.series = v,
                "points" => self.points = v,
                "aliases" => self.aliases = v,
                "indicator" => self.indicator = v,
                "q" => {
                    self.q = v;
                    saw_query = true;
                }
                "q_regex" => regex = true,
                "q_unit" => self.q_unit = v,
                "q_section" => self.q_section = v,
                "q_from" => self.q_from = v,
                "q_to" => self.q_to = v,
                "q_min" => self.q_min = v,
                "q_max" => self.q_max = v,
                "lang" => self.en = v == "en",
                _ => {}
            }
        }
        if saw_query {
            self.q_regex = regex;
        }
        EN.with(|e| e.set(self.en));
    }
}

pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const TABS: [(&str, &str, &str); 5] = [
    ("list", "文库", "Bulletins"),
    ("adoption", "采用统计", "Adoption"),
    ("indicators", "指标走势", "Indicators"),
    ("units", "单位名称", "Unit names"),
    ("search", "检索", "Search"),
];

thread_local! {
    /// The page is in English: the view's labels are drawn in English
    /// (set from the `lang` field the page sends with every action).
    static EN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the labels are drawn in English.
pub fn en() -> bool {
    EN.with(|e| e.get())
}

/// The label in the page's language.
pub fn tr<'a>(zh: &'a str, en_text: &'a str) -> &'a str {
    if en() {
        en_text
    } else {
        zh
    }
}

/// `write!` with a Chinese and an English template over the same arguments.
macro_rules! write2 {
    ($h:expr, $zh:literal, $en:literal $(, $($arg:tt)*)?) => {
        if en() {
            write!($h, $en $(, $($arg)*)?)
        } else {
            write!($h, $zh $(, $($arg)*)?)
        }
    };
}

/// `format!` with a Chinese and an English template over the same arguments.
macro_rules! format2 {
    ($zh:literal, $en:literal $(, $($arg:tt)*)?) => {
        if en() {
            format!($en $(, $($arg)*)?)
        } else {
            format!($zh $(, $($arg)*)?)
        }
    };
}

/// The alias list and the points as the view holds them, read; a list
/// that does not read is said in `problems` and left out.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn aliases_of(view: &View, problems: &mut Vec<String>) -> Aliases {
    Aliases::parse(&view.aliases).unwrap_or_else(|e| {
        problems.push(format2!(
            "别名表未能读取：{e}",
            "The alias list could not be read: {e}"
        ));
        Aliases::default()
    })
}

fn points_of(view: &View, problems: &mut Vec<String>) -> Option<Points> {
    if view.points.trim().is_empty() {
        return None;
    }
    Points::parse(&view.points)
        .map_err(|e| {
            problems.push(format2!(
                "分值未能读取：{e}",
                "The points could not be read: {e}"
            ))
        })
        .ok()
}

/// The bulletins the period fields select (and the series chosen).
pub fn filter_of(view: &View, index: &Index) -> Filter {
    let num = |s: &str| s.trim().parse::<u32>().ok();
    let year = num(&view.year).map(|y| y as i32);
    let part = num(&view.part).map(|p| p as u8);
    let period = match (view.period_kind.as_str(), year, part) {
        ("year", Some(year), _) => Some(Period::Year { year }),
        ("quarter", Some(year), Some(quarter)) if (1..=4).contains(&quarter) => {
            Some(Period::Quarter { year, quarter })
        }
        ("month", Some(year), Some(month)) if (1..=12).contains(&month) => {
            Some(Period::Month { year, month })
        }
        _ => None,
    };
    let issues = (view.period_kind == "issues").then(|| IssueRange {
        year,
        from: num(&view.issue_from).unwrap_or(0),
        to: num(&view.issue_to).unwrap_or(u32::MAX),
    });
    Filter {
        series: view
            .series
            .parse::<usize>()
            .ok()
            .and_then(|i| index.series.get(i))
            .cloned(),
        period,
        issues,
        dates: None,
    }
}

/// The whole view.
pub fn page(view: &View, library: &Library, index: &Index) -> String {
    let mut h = String::new();
    let tab = if view.tab.is_empty() {
        "list"
    } else {
        view.tab.as_str()
    };
    let _ = write!(
        h,
        "<div class=\"lib-tools no-print\">\
<label class=\"lib-file\">{}<input type=\"file\" multiple data-files=\"1\" accept=\".txt,.md,.docx,.html,.htm,.pdf,.doc,.wps,.zip,.jsonl,.json\"></label>\
<label class=\"lib-file\">{}<input type=\"file\" webkitdirectory multiple data-files=\"1\" data-folder=\"1\"></label>\
<button type=\"button\" data-act=\"export-library\">{}</button>\
<button type=\"button\" data-act=\"remove-selected\">{}</button>\
<button type=\"button\" data-act=\"remove-all\">{}</button>{}</div>",
        tr("打开文件（可多选，含 .zip、.jsonl）", "Open files (several; .zip and .jsonl too)"),
        tr("打开文件夹", "Open a folder"),
        tr("导出文库（JSON Lines）", "Export the library (JSON Lines)"),
        tr("移除所选", "Remove selected"),
        tr("全部移除", "Remove all"),
        if view.undo > 0 {
            format2!(
                "<button type=\"button\" data-act=\"undo\" class=\"lib-undo\">撤销移除（{} 期）</button>",
                "<button type=\"button\" data-act=\"undo\" class=\"lib-undo\">Undo removal ({} bulletins)</button>",
                view.undo
            )
        } else {
            String::new()
        }
    );
    if !view.note.is_empty() {
        let _ = write!(
            h,
            "<div class=\"lib-note{}\" role=\"{}\">{}</div>",
            if view.error { " lib-error" } else { "" },
            if view.error { "alert" } else { "status" },
            view.note
        );
    }
    let series_of: Vec<_> = index
        .entry_series
        .iter()
        .map(|&s| index.series[s].clone())
        .collect();
    let missing: usize = issue_gaps(library, &series_of)
        .iter()
        .map(|g| g.missing.len())
        .sum();
    let _ = write2!(
        h,
        "<p class=\"lib-count\" data-bulletins=\"{n}\">文库中共 {n} 期快报，{} 个刊物{}。</p>",
        "<p class=\"lib-count\" data-bulletins=\"{n}\">The library holds {n} bulletins of {} series{}.</p>",
        index.series.len(),
        if missing > 0 {
            format2!("，期号中缺 {missing} 期（见列表）", "; {missing} issues missing from the numbering (see the list)")
        } else {
            String::new()
        },
        n = library.len()
    );
    h.push_str("<nav class=\"lib-tabs no-print\" role=\"tablist\">");
    for (code, zh, en_name) in TABS {
        let name = tr(zh, en_name);
        let _ = write!(
            h,
            "<button type=\"button\" role=\"tab\" data-act=\"tab\" data-arg=\"{code}\" aria-selected=\"{}\">{name}</button>",
            code == tab
        );
    }
    h.push_str("</nav>");
    if let Some((id, item)) = &view.item {
        if let Some(e) = library.entries().iter().find(|e| &e.key.id() == id) {
            item_panel(&mut h, e, *item);
        }
    }
    let mut problems = Vec::new();
    let _ = write!(h, "<div class=\"lib-panel\" data-tab=\"{tab}\">");
    match tab {
        "adoption" => adoption_view(&mut h, view, library, index, &mut problems),
        "indicators" => indicators_view(&mut h, library, index, view),
        "units" => units_view(&mut h, view, index),
        "search" => search_view(&mut h, view, library, index),
        _ => list_view(&mut h, library),
    }
    for p in aliases_problem(view).into_iter().chain(problems) {
        let _ = write!(h, "<p class=\"lib-error\" role=\"alert\">{}</p>", esc(&p));
    }
    h.push_str("</div>");
    h
}

fn aliases_problem(view: &View) -> Option<String> {
    Aliases::parse(&view.aliases).err().map(|e| {
        format2!(
            "别名表未能读取：{e}",
            "The alias list could not be read: {e}"
        )
    })
}

/// Entries by title, then date and issue: the library's list.
fn listed(library: &Library) -> Vec<&Entry> {
    let mut list: Vec<&Entry> = library.entries().iter().collect();
    list.sort_by(|a, b| {
        (&a.key.title, a.dating.year, a.dating.month, a.dating.day)
            .cmp(&(&b.key.title, b.dating.year, b.dating.month, b.dating.day))
            .then(
                a.bulletin
                    .masthead
                    .issue_number
                    .cmp(&b.bulletin.masthead.issue_number),
            )
    });
    list
}

fn list_view(h: &mut String, library: &Library) {
    if library.is_empty() {
        h.push_str(tr("<p class=\"lib-empty\">文库还是空的：打开或拖入快报文件、文件夹或 .zip，每期只保存一次，重新载入页面后仍在。</p>",
            "<p class=\"lib-empty\">The library is empty: open or drop bulletin files, a folder or a .zip. Each bulletin is kept once, and stays after a reload.</p>"));
        return;
    }
    h.push_str(tr("<table class=\"lib-list\"><thead><tr><th class=\"no-print\"><span class=\"visually-hidden\">选择</span></th><th>日期</th><th>刊名</th><th>期号</th><th>条目</th><th>文件</th><th class=\"no-print\"></th></tr></thead><tbody>",
        "<table class=\"lib-list\"><thead><tr><th class=\"no-print\"><span class=\"visually-hidden\">Select</span></th><th>Date</th><th>Title</th><th>Issue</th><th>Items</th><th>File</th><th class=\"no-print\"></th></tr></thead><tbody>"));
    // Issues missing between two listed ones of the same title and year
    // are shown where they would be.
    let mut last: Option<(&str, Option<i32>, u32)> = None;
    for e in listed(library) {
        let title = e.key.title.as_str();
        let year = e.dating.year;
        let number = e.bulletin.masthead.issue_number;
        if let (Some((lt, ly, ln)), Some(n)) = (last, number) {
            if lt == title && ly == year && n > ln + 1 {
                let range = if n == ln + 2 {
                    format2!("第 {} 期", "issue {}", ln + 1)
                } else {
                    format2!("第 {}—{} 期", "issues {}–{}", ln + 1, n - 1)
                };
                let _ = write2!(
                    h,
                    "<tr class=\"lib-gap\"><td class=\"no-print\"></td><td colspan=\"6\">缺 {range}（{} {} 年）</td></tr>",
                    "<tr class=\"lib-gap\"><td class=\"no-print\"></td><td colspan=\"6\">Missing {range} ({} {})</td></tr>",
                    esc(title),
                    year.map(|y| y.to_string()).unwrap_or_default()
                );
            }
        }
        last = number.map(|n| (title, year, n));
        let m = &e.bulletin.masthead;
        let _ = write2!(
            h,
            "<tr><td class=\"no-print\"><input type=\"checkbox\" name=\"sel\" value=\"{k}\" aria-label=\"选择\"></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"no-print\"><button type=\"button\" data-act=\"remove\" data-arg=\"{k}\">移除</button></td></tr>",
            "<tr><td class=\"no-print\"><input type=\"checkbox\" name=\"sel\" value=\"{k}\" aria-label=\"Select\"></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"no-print\"><button type=\"button\" data-act=\"remove\" data-arg=\"{k}\">Remove</button></td></tr>",
            esc(&e.dating.iso()),
            esc(title),
            esc(m.issue.as_deref().unwrap_or("")),
            e.bulletin.items.len(),
            esc(e.file.as_deref().unwrap_or("")),
            k = esc(&e.key.id())
        );
    }
    h.push_str("</tbody></table>");
}

fn option(v: &str, label: &str, cur: &str) -> String {
    format!(
        "<option value=\"{}\"{}>{}</option>",
        esc(v),
        if v == cur { " selected" } else { "" },
        esc(label)
    )
}

fn period_form(h: &mut String, view: &View, index: &Index) {
    let _ = write!(
        h,
        "<div class=\"lib-form no-print\"><label>{} <select name=\"series\" data-live=\"1\">{}",
        tr("刊物", "Series"),
        option("", tr("全部刊物", "All series"), &view.series)
    );
    for (i, s) in index.series.iter().enumerate() {
        h.push_str(&option(&i.to_string(), &s.to_string(), &view.series));
    }
    let k = view.period_kind.as_str();
    let _ = write!(
        h,
        "</select></label> <label>{} <select name=\"period\" data-live=\"1\">{}{}{}{}{}</select></label>",
        tr("时段", "Period"),
        option("all", tr("全部", "All"), k),
        option("year", tr("年", "Year"), k),
        option("quarter", tr("季度", "Quarter"), k),
        option("month", tr("月", "Month"), k),
        option("issues", tr("期号范围", "Issue range"), k)
    );
    let _ = write2!(
        h,
        " <label>年 <input name=\"year\" inputmode=\"numeric\" size=\"5\" value=\"{}\" data-live=\"1\"></label>\
 <label>季度或月 <input name=\"part\" inputmode=\"numeric\" size=\"3\" value=\"{}\" data-live=\"1\"></label>\
 <label>期号 <input name=\"issue_from\" inputmode=\"numeric\" size=\"4\" value=\"{}\" data-live=\"1\">—<input name=\"issue_to\" inputmode=\"numeric\" size=\"4\" value=\"{}\" data-live=\"1\" aria-label=\"至期号\"></label>\
 <label>每条分值（可选：一个数；或「栏目=分」「title:刊名=分」，逗号隔开） <input name=\"points\" size=\"24\" value=\"{}\" data-live=\"1\"></label></div>",
        " <label>Year <input name=\"year\" inputmode=\"numeric\" size=\"5\" value=\"{}\" data-live=\"1\"></label>\
 <label>Quarter or month <input name=\"part\" inputmode=\"numeric\" size=\"3\" value=\"{}\" data-live=\"1\"></label>\
 <label>Issues <input name=\"issue_from\" inputmode=\"numeric\" size=\"4\" value=\"{}\" data-live=\"1\">–<input name=\"issue_to\" inputmode=\"numeric\" size=\"4\" value=\"{}\" data-live=\"1\" aria-label=\"to issue\"></label>\
 <label>Points per item (optional: a number; or «section=points», «title:Title=points», comma-separated) <input name=\"points\" size=\"24\" value=\"{}\" data-live=\"1\"></label></div>",
        esc(&view.year),
        esc(&view.part),
        esc(&view.issue_from),
        esc(&view.issue_to),
        esc(&view.points)
    );
}

fn tables_of(
    view: &View,
    library: &Library,
    index: &Index,
    problems: &mut Vec<String>,
) -> (Vec<AdoptionTable>, bool) {
    let points = points_of(view, problems);
    let with_points = points.is_some();
    let query = AdoptionQuery {
        by: None,
        filter: filter_of(view, index),
        points,
    };
    (adoption(library, index, &query), with_points)
}

fn adoption_view(
    h: &mut String,
    view: &View,
    library: &Library,
    index: &Index,
    problems: &mut Vec<String>,
) {
    period_form(h, view, index);
    let (tables, with_points) = tables_of(view, library, index, problems);
    let label = filter_label(&filter_of(view, index));
    let _ = write2!(
        h,
        "<h3 class=\"lib-title\">信息采用情况（{}）</h3><div class=\"lib-actions no-print\"><button type=\"button\" data-act=\"adoption-xlsx\">导出 Excel（XLSX）</button> <button type=\"button\" data-act=\"print\">打印</button></div>",
        "<h3 class=\"lib-title\">Items adopted ({})</h3><div class=\"lib-actions no-print\"><button type=\"button\" data-act=\"adoption-xlsx\">Export to Excel (XLSX)</button> <button type=\"button\" data-act=\"print\">Print</button></div>",
        esc(&label)
    );
    if tables.is_empty() {
        h.push_str(tr(
            "<p class=\"lib-empty\">这一时段没有条目。</p>",
            "<p class=\"lib-empty\">No items in this period.</p>",
        ));
        return;
    }
    if let Some(first) = tables.first() {
        adoption_chart(h, first);
    }
    for t in &tables {
        let _ = write2!(
            h,
            "<h4 class=\"lib-subtitle\">{}：{} 期，{} 条{}</h4><table class=\"lib-adoption\"><thead><tr><th>名次</th><th>单位</th><th>采用条数</th><th>占比</th>",
            "<h4 class=\"lib-subtitle\">{}: {} bulletins, {} items{}</h4><table class=\"lib-adoption\"><thead><tr><th>Rank</th><th>Unit</th><th>Items</th><th>Share</th>",
            esc(&t.series.to_string()),
            t.bulletins,
            t.items,
            if t.unattributed > 0 {
                format2!("（{} 条未注来源）", " ({} without a source)", t.unattributed)
            } else {
                String::new()
            }
        );
        if with_points {
            h.push_str(tr("<th>得分</th>", "<th>Points</th>"));
        }
        for s in &t.sections {
            let _ = write!(
                h,
                "<th>{}</th>",
                if s.is_empty() {
                    tr("（无栏目）", "(no section)").into()
                } else {
                    esc(s)
                }
            );
        }
        h.push_str("</tr></thead><tbody>");
        for r in &t.rows {
            let _ = write!(
                h,
                "<tr data-series=\"{}\" data-unit=\"{u}\" data-items=\"{n}\"><td>{}</td><td>{u}</td><td class=\"num\">{n}</td><td class=\"num\">{:.1}%</td>",
                esc(&t.series.title),
                r.rank,
                r.share * 100.0,
                u = esc(&r.name),
                n = r.items
            );
            if with_points {
                let _ = write!(
                    h,
                    "<td class=\"num\">{}</td>",
                    r.points.map(plain_number).unwrap_or_default()
                );
            }
            for n in &r.by_section {
                let _ = write!(h, "<td class=\"num\">{n}</td>");
            }
            h.push_str("</tr>");
        }
        h.push_str("</tbody></table>");
    }
}

/// The period's label in the page's language (`2024年第二季度`, `2024-Q2`).
pub fn filter_label(f: &Filter) -> String {
    if !en() {
        return f.label();
    }
    let mut parts = Vec::new();
    if let Some(p) = &f.period {
        parts.push(p.code());
    }
    if let Some(r) = &f.issues {
        let year = r.year.map(|y| format!("{y} ")).unwrap_or_default();
        parts.push(format!("{year}issues {}–{}", r.from, r.to));
    }
    if let Some(r) = &f.dates {
        parts.push(format!("{}–{}", r.from, r.to));
    }
    if parts.is_empty() {
        "all".to_owned()
    } else {
        parts.join(" ")
    }
}

/// Bars of items per unit: the first series' top 15.
fn adoption_chart(h: &mut String, t: &AdoptionTable) {
    let rows: Vec<_> = t.rows.iter().take(15).collect();
    let max = f64::from(rows.iter().map(|r| r.items).max().unwrap_or(1).max(1));
    let (label_w, bar_w, row_h) = (150.0, 420.0, 22.0);
    let height = row_h * rows.len() as f64 + 30.0;
    let _ = write2!(
        h,
        "<figure class=\"lib-chart\"><svg class=\"adoption-chart\" viewBox=\"0 0 {} {height}\" role=\"img\" aria-label=\"{} 各单位采用条数\">",
        "<figure class=\"lib-chart\"><svg class=\"adoption-chart\" viewBox=\"0 0 {} {height}\" role=\"img\" aria-label=\"{}: items adopted per unit\">",
        label_w + bar_w + 60.0,
        esc(&t.series.title)
    );
    for (i, r) in rows.iter().enumerate() {
        let y = 20.0 + i as f64 * row_h;
        let w = bar_w * f64::from(r.items) / max;
        let _ = write!(
            h,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{label_w}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\"><title>{} {}</title></rect><text x=\"{}\" y=\"{}\">{}</text>",
            label_w - 6.0,
            y + 14.0,
            esc(&r.name),
            y + 2.0,
            row_h - 6.0,
            esc(&r.name),
            r.items,
            label_w + w + 4.0,
            y + 14.0,
            r.items
        );
    }
    let _ = write2!(
        h,
        "</svg><figcaption>{}：各单位采用条数（前 {} 名）</figcaption></figure>",
        "</svg><figcaption>{}: items adopted per unit (top {})</figcaption></figure>",
        esc(&t.series.to_string()),
        rows.len()
    );
}

/// The adoption tables as one sheet's headers and rows (sections of every
/// series, in order of first appearance).
pub fn adoption_rows(
    view: &View,
    library: &Library,
    index: &Index,
) -> (Vec<String>, Vec<Vec<Cell>>) {
    let (tables, with_points) = tables_of(view, library, index, &mut Vec::new());
    let mut sections: Vec<String> = Vec::new();
    for t in &tables {
        for s in &t.sections {
            if !sections.contains(s) {
                sections.push(s.clone());
            }
        }
    }
    // In the page's language (the sections are the bulletins' own words).
    let mut headers: Vec<String> = [
        ("刊名", "Title"),
        ("名次", "Rank"),
        ("单位", "Unit"),
        ("采用条数", "Items adopted"),
        ("占比", "Share"),
    ]
    .map(|(zh, en_text)| tr(zh, en_text).to_owned())
    .to_vec();
    if with_points {
        headers.push(tr("得分", "Points").into());
    }
    headers.extend(sections.iter().map(|s| {
        if s.is_empty() {
            tr("（无栏目）", "(no section)").to_owned()
        } else {
            s.clone()
        }
    }));
    let mut rows = Vec::new();
    for t in &tables {
        for r in &t.rows {
            let mut row = vec![
                Cell::Text(t.series.title.clone()),
                Cell::Number(f64::from(r.rank)),
                Cell::Text(r.name.clone()),
                Cell::Number(f64::from(r.items)),
                Cell::Number((r.share * 10000.0).round() / 10000.0),
            ];
            if with_points {
                row.push(r.points.map_or(Cell::Empty, Cell::Number));
            }
            for s in &sections {
                let n = t
                    .sections
                    .iter()
                    .position(|x| x == s)
                    .map_or(0, |i| r.by_section[i]);
                row.push(Cell::Number(f64::from(n)));
            }
            rows.push(row);
        }
    }
    (headers, rows)
}

fn indicator_code(s: &IndicatorSeries) -> String {
    format!(
        "{}\u{1e}{}\u{1e}{}\u{1e}{}\u{1e}{}\u{1e}{}",
        s.series.title,
        s.series.office,
        s.unit_name,
        s.label,
        s.measure.as_deref().unwrap_or(""),
        s.change
    )
}

fn indicator_name(s: &IndicatorSeries) -> String {
    format!(
        "{}{}（{}）",
        s.label,
        if s.change {
            tr("增减", " change")
        } else {
            ""
        },
        s.measure.as_deref().unwrap_or("")
    )
}

fn indicators_view(h: &mut String, library: &Library, index: &Index, view: &View) {
    let mut list = indicators(library, index, &IndicatorQuery::default());
    if list.is_empty() {
        h.push_str(tr(
            "<p class=\"lib-empty\">还没有在两期以上出现的指标。</p>",
            "<p class=\"lib-empty\">No indicator appears in two bulletins or more yet.</p>",
        ));
        return;
    }
    list.sort_by_key(|s| std::cmp::Reverse(s.points.len()));
    let current = list
        .iter()
        .position(|s| indicator_code(s) == view.indicator)
        .unwrap_or(0);
    h.push_str(tr(
        "<div class=\"lib-form no-print\"><label>指标 <select name=\"indicator\" data-live=\"1\">",
        "<div class=\"lib-form no-print\"><label>Indicator <select name=\"indicator\" data-live=\"1\">",
    ));
    for (i, s) in list.iter().enumerate().take(300) {
        let _ = write2!(
            h,
            "<option value=\"{}\"{}>{} · {} · {}（{} 个数）</option>",
            "<option value=\"{}\"{}>{} · {} · {} ({} values)</option>",
            esc(&indicator_code(s)),
            if i == current { " selected" } else { "" },
            esc(&indicator_name(s)),
            esc(&s.unit_name),
            esc(&s.series.title),
            s.points.len()
        );
    }
    h.push_str("</select></label></div>");
    let s = &list[current];
    let _ = write!(
        h,
        "<h3 class=\"lib-title\">{}：{}（{}）</h3>",
        esc(&s.unit_name),
        esc(&indicator_name(s)),
        esc(&s.series.to_string())
    );
    line_chart(h, s, library);
    h.push_str(tr("<table class=\"lib-indicator\"><thead><tr><th>日期</th><th>期号</th><th>数值</th><th>时期</th><th>原文</th><th>条目</th></tr></thead><tbody>",
        "<table class=\"lib-indicator\"><thead><tr><th>Date</th><th>Issue</th><th>Value</th><th>Period</th><th>Text</th><th>Item</th></tr></thead><tbody>"));
    for p in &s.points {
        let e = &library.entries()[p.entry];
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&p.date),
            esc(&p.key.issue),
            plain_number(p.value),
            esc(p.period.as_deref().unwrap_or("")),
            esc(&p.text),
            item_link(e, p.item, &e.bulletin.items[p.item].headline)
        );
    }
    h.push_str("</tbody></table>");
}

fn item_link(e: &Entry, item: usize, text: &str) -> String {
    format!(
        "<a href=\"#lib-item\" data-act=\"item\" data-arg=\"{}\u{1f}{item}\">{}</a>",
        esc(&e.key.id()),
        esc(text)
    )
}

/// The day a bulletin is dated, counted from 1970, when its year, month
/// and day are all known.
fn day_number(d: &Dating) -> Option<i64> {
    Some(bulletin_parser::proofread::days_from_civil(
        d.year?,
        u32::from(d.month?),
        u32::from(d.day?),
    ))
}

/// A line chart of an indicator's points, each a link to its item.
fn line_chart(h: &mut String, s: &IndicatorSeries, library: &Library) {
    let points = &s.points;
    if points.is_empty() {
        return;
    }
    let (w, ht, pad) = (640.0, 240.0, 48.0);
    let lo = points
        .iter()
        .map(|p| p.value)
        .fold(f64::INFINITY, f64::min)
        .min(0.0);
    let hi = points
        .iter()
        .map(|p| p.value)
        .fold(f64::NEG_INFINITY, f64::max)
        .max(0.0);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let n = points.len();
    // Points stand at their dates, so a gap of months looks like one; when
    // a point has no date (or all share one), one after another.
    let dated = points
        .iter()
        .map(|p| day_number(&library.entries()[p.entry].dating))
        .collect::<Option<Vec<i64>>>()
        .and_then(|d| {
            let (first, last) = (*d.iter().min()?, *d.iter().max()?);
            (last > first).then_some((d, first, last))
        });
    let x = |i: usize| {
        pad + match &dated {
            Some((d, first, last)) => {
                (w - 2.0 * pad) * (d[i] - first) as f64 / (last - first) as f64
            }
            None if n > 1 => (w - 2.0 * pad) * i as f64 / (n - 1) as f64,
            None => (w - 2.0 * pad) / 2.0,
        }
    };
    let y = |v: f64| ht - pad - (ht - 2.0 * pad) * (v - lo) / span;
    let _ = write!(
        h,
        "<figure class=\"lib-chart\"><svg class=\"indicator-chart\" viewBox=\"0 0 {w} {ht}\" role=\"img\" aria-label=\"{}\"><line class=\"axis\" x1=\"{pad}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\"/><line class=\"axis\" x1=\"{pad}\" y1=\"{pad}\" x2=\"{pad}\" y2=\"{b}\"/><text x=\"4\" y=\"{t}\">{}</text><text x=\"4\" y=\"{b}\">{}</text><polyline points=\"",
        esc(&indicator_name(s)),
        plain_number(hi),
        plain_number(lo),
        b = ht - pad,
        r = w - pad,
        t = pad + 4.0
    );
    for (i, p) in points.iter().enumerate() {
        let _ = write!(h, "{:.1},{:.1} ", x(i), y(p.value));
    }
    h.push_str("\"/>");
    for (i, p) in points.iter().enumerate() {
        let e = &library.entries()[p.entry];
        let _ = write!(
            h,
            "<a href=\"#lib-item\" data-act=\"item\" data-arg=\"{}\u{1f}{}\"><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"5\"><title>{} {} {}</title></circle></a>",
            esc(&e.key.id()),
            p.item,
            x(i),
            y(p.value),
            esc(&p.date),
            esc(&p.text),
            esc(p.period.as_deref().unwrap_or(""))
        );
        if i == 0 || i + 1 == n || n <= 8 {
            let _ = write!(
                h,
                "<text class=\"tick\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                x(i),
                ht - pad + 18.0,
                esc(&p.date)
            );
        }
    }
    h.push_str("</svg></figure>");
}

fn units_view(h: &mut String, view: &View, index: &Index) {
    let _ = write2!(
        h,
        "<div class=\"lib-form no-print\"><label class=\"lib-aliases\">别名表（每行「写法 = 单位」，如「国网供电所 = 供电公司」；单独一行「[刊名]」限定其后各行只用于该刊；随文库一同导出）<textarea name=\"aliases\" rows=\"4\" cols=\"50\">{}</textarea></label> <button type=\"button\" data-act=\"save-aliases\">保存别名</button></div>",
        "<div class=\"lib-form no-print\"><label class=\"lib-aliases\">Aliases (one per line, «name = unit», such as «国网供电所 = 供电公司»; a line «[Title]» alone limits the lines after it to that series; exported with the library)<textarea name=\"aliases\" rows=\"4\" cols=\"50\">{}</textarea></label> <button type=\"button\" data-act=\"save-aliases\">Save aliases</button></div>",
        esc(&view.aliases)
    );
    h.push_str(tr("<table class=\"lib-units\"><thead><tr><th>刊物</th><th>单位</th><th>合并的写法（次数）</th></tr></thead><tbody>",
        "<table class=\"lib-units\"><thead><tr><th>Series</th><th>Unit</th><th>Names made one (times)</th></tr></thead><tbody>"));
    let mut units: Vec<_> = index.units.iter().collect();
    units.sort_by(|a, b| a.series.cmp(&b.series).then(a.name.cmp(&b.name)));
    for u in units {
        let names: Vec<String> = u
            .merged
            .iter()
            .map(|r| format!("{}（{}）", esc(&r.name), r.count))
            .collect();
        let _ = write!(
            h,
            "<tr{}><td>{}</td><td>{}</td><td>{}</td></tr>",
            if u.merged.len() > 1 {
                " class=\"merged\""
            } else {
                ""
            },
            esc(&index.series[u.series].title),
            esc(&u.name),
            names.join("、")
        );
    }
    h.push_str("</tbody></table>");
}

fn search_view(h: &mut String, view: &View, library: &Library, index: &Index) {
    let _ = write2!(
        h,
        "<form class=\"lib-form lib-search no-print\" data-act=\"search\"><label>查找 <input name=\"q\" type=\"search\" size=\"24\" value=\"{}\"></label> <label><input type=\"checkbox\" name=\"q_regex\" value=\"1\"{}> 正则表达式</label> <label>单位 <input name=\"q_unit\" size=\"10\" value=\"{}\"></label> <label>栏目 <input name=\"q_section\" size=\"8\" value=\"{}\"></label> <label>日期 <input name=\"q_from\" size=\"10\" placeholder=\"2024-01-01\" value=\"{}\">—<input name=\"q_to\" size=\"10\" placeholder=\"2024-12-31\" value=\"{}\" aria-label=\"至日期\"></label> <label>数值 <input name=\"q_min\" size=\"8\" value=\"{}\">—<input name=\"q_max\" size=\"8\" value=\"{}\" aria-label=\"数值上限\"></label> <button type=\"submit\">检索</button></form>",
        "<form class=\"lib-form lib-search no-print\" data-act=\"search\"><label>Find <input name=\"q\" type=\"search\" size=\"24\" value=\"{}\"></label> <label><input type=\"checkbox\" name=\"q_regex\" value=\"1\"{}> Regular expression</label> <label>Unit <input name=\"q_unit\" size=\"10\" value=\"{}\"></label> <label>Section <input name=\"q_section\" size=\"8\" value=\"{}\"></label> <label>Dates <input name=\"q_from\" size=\"10\" placeholder=\"2024-01-01\" value=\"{}\">–<input name=\"q_to\" size=\"10\" placeholder=\"2024-12-31\" value=\"{}\" aria-label=\"to date\"></label> <label>Value <input name=\"q_min\" size=\"8\" value=\"{}\">–<input name=\"q_max\" size=\"8\" value=\"{}\" aria-label=\"highest value\"></label> <button type=\"submit\">Search</button></form>",
        esc(&view.q),
        if view.q_regex { " checked" } else { "" },
        esc(&view.q_unit),
        esc(&view.q_section),
        esc(&view.q_from),
        esc(&view.q_to),
        esc(&view.q_min),
        esc(&view.q_max)
    );
    let num = |s: &str| s.trim().replace([',', '，'], "").parse::<f64>().ok();
    let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    let query = SearchQuery {
        text: view.q.clone(),
        regex: view.q_regex,
        unit: some(&view.q_unit),
        section: some(&view.q_section),
        value_min: num(&view.q_min),
        value_max: num(&view.q_max),
        filter: Filter {
            dates: (some(&view.q_from).is_some() || some(&view.q_to).is_some()).then(|| {
                DateRange {
                    from: view.q_from.trim().to_owned(),
                    to: view.q_to.trim().to_owned(),
                }
            }),
            ..Filter::default()
        },
        context: 40,
        limit: 200,
        ..SearchQuery::default()
    };
    if query.text.is_empty()
        && query.unit.is_none()
        && query.section.is_none()
        && query.value_min.is_none()
        && query.value_max.is_none()
        && query.filter.dates.is_none()
    {
        return;
    }
    match search(library, index, &query) {
        Err(e) => {
            let _ = write!(
                h,
                "<p class=\"lib-error\" role=\"alert\">{}</p>",
                esc(&e.to_string())
            );
        }
        Ok(found) => {
            let _ = write2!(
                h,
                "<p class=\"lib-hits\" data-total=\"{}\">找到 {} 处，在 {} 条中{}。</p><ol class=\"lib-results\">",
                "<p class=\"lib-hits\" data-total=\"{}\">Found {} times in {} items{}.</p><ol class=\"lib-results\">",
                found.total,
                found.total,
                found.items,
                if found.total > found.hits.len() {
                    format2!("，显示前 {} 处", "; the first {} shown", found.hits.len())
                } else {
                    String::new()
                }
            );
            for hit in &found.hits {
                let e = &library.entries()[hit.entry];
                let _ = write!(
                    h,
                    "<li><p class=\"lib-hit-head\">{} · {} · {} · {}</p><p class=\"lib-context\">…{}<mark>{}</mark>{}…</p></li>",
                    esc(&hit.date),
                    esc(&e.key.title),
                    esc(&hit.units.join("、")),
                    item_link(e, hit.item, &hit.headline),
                    esc(&hit.before),
                    esc(&hit.matched),
                    esc(&hit.after)
                );
            }
            h.push_str("</ol>");
        }
    }
}

/// One item of the library, with its bulletin.
fn item_panel(h: &mut String, e: &Entry, index: usize) {
    let Some(item) = e.bulletin.items.get(index) else {
        return;
    };
    let _ = write2!(
        h,
        "<article id=\"lib-item\" class=\"lib-item\" tabindex=\"-1\"><p class=\"lib-item-where\">{} · {} · {}</p><h3>{}</h3><p>{}</p><p class=\"lib-item-sources\">来源：{}</p>",
        "<article id=\"lib-item\" class=\"lib-item\" tabindex=\"-1\"><p class=\"lib-item-where\">{} · {} · {}</p><h3>{}</h3><p>{}</p><p class=\"lib-item-sources\">Source: {}</p>",
        esc(&e.key.to_string()),
        esc(e.file.as_deref().unwrap_or("")),
        esc(item.section.as_deref().unwrap_or("")),
        esc(&item.headline),
        esc(&item.body),
        esc(&item
            .sources
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("、"))
    );
    h.push_str(tr(
        "<button type=\"button\" data-act=\"close-item\" class=\"no-print\">关闭</button></article>",
        "<button type=\"button\" data-act=\"close-item\" class=\"no-print\">Close</button></article>",
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> Library {
        let text = |issue: u32, month: u32, unit: &str| {
            format!(
                "甲县政务快报\n\n第 {issue} 期\n\n甲县人民政府办公室          2024 年 {month} 月 3 日\n\n【工作动态】\n\n{unit}推进重点工作  今年以来，一般公共预算收入 {issue}.5 亿元。（{unit}）\n"
            )
        };
        Library::from_bulletins([
            (
                Some("a.txt".into()),
                bulletin_parser::parse(&text(1, 1, "县财政局")),
            ),
            (
                Some("b.txt".into()),
                bulletin_parser::parse(&text(3, 2, "财政局")),
            ),
        ])
    }

    #[test]
    fn indicator_points_stand_at_their_dates() {
        let dated = |year, month, day| Dating {
            year,
            month,
            day,
            source: bulletin_stats::DateSource::Masthead,
        };
        assert_eq!(day_number(&dated(Some(1970), Some(1), Some(2))), Some(1));
        assert_eq!(
            day_number(&dated(Some(2024), Some(3), Some(5))),
            Some(19787)
        );
        assert_eq!(day_number(&dated(Some(2024), Some(3), None)), None);
        assert_eq!(day_number(&dated(None, None, None)), None);
        // January, February, then December: the last gap is ten times the first.
        let text = |issue: u32, month: u32| {
            format!(
                "甲县政务快报\n\n第 {issue} 期\n\n甲县人民政府办公室          2024 年 {month} 月 3 日\n\n【工作动态】\n\n县财政局推进重点工作  今年以来，一般公共预算收入 {issue}.5 亿元。（县财政局）\n"
            )
        };
        let library = Library::from_bulletins(
            [(1, 1), (2, 2), (3, 12)]
                .map(|(issue, month)| (None, bulletin_parser::parse(&text(issue, month)))),
        );
        let index = Index::build(&library, &Aliases::default());
        let view = View {
            tab: "indicators".into(),
            ..View::default()
        };
        let html = page(&view, &library, &index);
        let line = html
            .split("<polyline points=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default();
        let xs: Vec<f64> = line
            .split_whitespace()
            .filter_map(|p| p.split(',').next()?.parse().ok())
            .collect();
        assert_eq!(xs.len(), 3, "{html}");
        assert!((xs[1] - xs[0]) * 5.0 < xs[2] - xs[1], "{xs:?}");
    }

    #[test]
    fn every_tab_draws_and_escapes() {
        let library = library();
        let index = Index::build(&library, &Aliases::default());
        let mut view = View::default();
        view.read_form("period\u{1f}quarter\u{1e}year\u{1f}2024\u{1e}part\u{1f}1\u{1e}q\u{1f}<b>");
        for tab in ["list", "adoption", "indicators", "units", "search"] {
            view.tab = tab.into();
            let html = page(&view, &library, &index);
            assert!(!html.contains("<b>"), "{tab}");
        }
        view.tab = "list".into();
        assert!(page(&view, &library, &index).contains("缺 第 2 期（甲县政务快报 2024 年）"));
        view.tab = "adoption".into();
        let html = page(&view, &library, &index);
        assert!(
            html.contains("data-unit=\"财政局\" data-items=\"2\""),
            "{html}"
        );
        assert!(html.contains("<svg"));
        view.tab = "indicators".into();
        assert!(page(&view, &library, &index).contains("<polyline"));
        let (headers, rows) = adoption_rows(&view, &library, &index);
        assert_eq!(headers[3], "采用条数");
        assert_eq!(rows[0][3], Cell::Number(2.0));
        // The English page's workbook has English headers.
        view.read_form("lang\u{1f}en");
        let (headers, _) = adoption_rows(&view, &library, &index);
        assert_eq!(
            headers[..5],
            ["Title", "Rank", "Unit", "Items adopted", "Share"]
        );
        view.read_form("lang\u{1f}zh");
    }

    #[test]
    fn the_english_page_gets_every_tab_in_english() {
        let library = library();
        let index = Index::build(&library, &Aliases::default());
        let mut view = View::default();
        view.read_form("lang\u{1f}en\u{1e}q\u{1f}收入");
        let zh_labels = [
            "文库中共",
            "采用统计",
            "打开文件",
            "移除",
            "名次",
            "采用条数",
            "指标",
            "别名表",
            "查找",
            "检索",
            "日期",
        ];
        for tab in ["list", "adoption", "indicators", "units", "search"] {
            view.tab = tab.into();
            let html = page(&view, &library, &index);
            for l in zh_labels {
                assert!(!html.contains(l), "{tab}: {l}");
            }
        }
        view.tab = "list".into();
        let html = page(&view, &library, &index);
        assert!(html.contains("The library holds 2 bulletins"), "{html}");
        assert!(html.contains("Missing issue 2"), "{html}");
        // And back: the next form without `lang` is Chinese again.
        view.read_form("");
        assert!(page(&view, &library, &index).contains("文库中共 2 期快报"));
    }
}
