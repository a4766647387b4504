//! The library's view, drawn here as HTML (as the proofreading list is):
//! the page's first-load wasm only puts it in place and forwards its
//! controls (`src/library/mod.rs`). Every control names an action
//! (`data-act`, `data-arg`) or is a named form field the page sends with
//! each action. Chinese first; the few English strings follow `lang`.

use std::fmt::Write;

use bulletin_parser::export::{plain_number, Cell};

use super::stats::{
    adoption, indicator_points, indicators, issue_gaps, item_text, merged_names, search,
    year_month, Adoption, Entry, IndicatorKey, ItemRef, Period, Point, Points, Query,
};
use super::units::Aliases;

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
}

impl View {
    /// Takes the named fields of the page's form (`name U+001F value`,
    /// joined by U+001E). A checkbox is sent only when checked.
    pub fn read_form(&mut self, form: &str) {
        let mut regex = false;
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
                _ => {}
            }
        }
        if saw_query {
            self.q_regex = regex;
        }
    }

    pub fn period(&self) -> Period {
        Period::from_form(
            &self.period_kind,
            &self.year,
            &self.part,
            &self.issue_from,
            &self.issue_to,
        )
    }

    pub fn query(&self) -> Query {
        let num = |s: &str| s.trim().replace([',', '，'], "").parse::<f64>().ok();
        Query {
            text: self.q.clone(),
            regex: self.q_regex,
            unit: self.q_unit.clone(),
            section: self.q_section.clone(),
            from: self.q_from.trim().to_owned(),
            to: self.q_to.trim().to_owned(),
            min: num(&self.q_min),
            max: num(&self.q_max),
        }
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

fn num(v: f64) -> String {
    plain_number(v)
}

fn pct(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

const TABS: [(&str, &str); 5] = [
    ("list", "文库"),
    ("adoption", "采用统计"),
    ("indicators", "指标走势"),
    ("units", "单位名称"),
    ("search", "检索"),
];

/// The whole view.
pub fn page(view: &View, entries: &[Entry]) -> String {
    let mut h = String::new();
    let tab = if view.tab.is_empty() {
        "list"
    } else {
        view.tab.as_str()
    };
    let _ = write!(
        h,
        "<div class=\"lib-tools no-print\">\
<label class=\"lib-file\">打开文件（可多选，含 .zip、.jsonl）<input type=\"file\" multiple data-files=\"1\" accept=\".txt,.md,.docx,.html,.htm,.pdf,.doc,.wps,.zip,.jsonl,.json\"></label>\
<label class=\"lib-file\">打开文件夹<input type=\"file\" webkitdirectory multiple data-files=\"1\" data-folder=\"1\"></label>\
<button type=\"button\" data-act=\"export-library\">导出文库（JSON Lines）</button>\
<button type=\"button\" data-act=\"remove-selected\">移除所选</button>\
<button type=\"button\" data-act=\"remove-all\" data-confirm=\"1\">全部移除</button>{}</div>",
        if view.undo > 0 {
            format!(
                "<button type=\"button\" data-act=\"undo\" class=\"lib-undo\">撤销移除（{} 期）</button>",
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
    let _ = write!(
        h,
        "<p class=\"lib-count\" data-bulletins=\"{}\">文库中共 {} 期快报{}。</p>",
        entries.len(),
        entries.len(),
        match issue_gaps(entries).len() {
            0 => String::new(),
            n => format!("，期号有 {n} 处缺口（见列表）"),
        }
    );
    h.push_str("<nav class=\"lib-tabs no-print\" role=\"tablist\">");
    for (code, name) in TABS {
        let _ = write!(
            h,
            "<button type=\"button\" role=\"tab\" data-act=\"tab\" data-arg=\"{code}\" aria-selected=\"{}\">{name}</button>",
            code == tab
        );
    }
    h.push_str("</nav>");
    if let Some((key, index)) = &view.item {
        if let Some(ei) = entries.iter().position(|e| &e.key == key) {
            item_panel(
                &mut h,
                entries,
                ItemRef {
                    entry: ei,
                    item: *index,
                },
            );
        }
    }
    let _ = write!(h, "<div class=\"lib-panel\" data-tab=\"{tab}\">");
    match tab {
        "adoption" => adoption_view(&mut h, view, entries),
        "indicators" => indicators_view(&mut h, view, entries),
        "units" => units_view(&mut h, view, entries),
        "search" => search_view(&mut h, view, entries),
        _ => list_view(&mut h, entries),
    }
    h.push_str("</div>");
    h
}

fn list_view(h: &mut String, entries: &[Entry]) {
    if entries.is_empty() {
        h.push_str("<p class=\"lib-empty\">文库还是空的：打开或拖入快报文件、文件夹或 .zip，每期只保存一次，重新载入页面后仍在。</p>");
        return;
    }
    h.push_str("<table class=\"lib-list\"><thead><tr><th class=\"no-print\"><span class=\"visually-hidden\">选择</span></th><th>日期</th><th>刊名</th><th>期号</th><th>条目</th><th>文件</th><th class=\"no-print\"></th></tr></thead><tbody>");
    // Issues missing between two listed ones of the same title and year
    // are shown where they would be.
    let mut last: Option<(String, Option<u32>, u32)> = None;
    for e in entries {
        let s = e.series();
        let year = year_month(e.date()).0;
        if let (Some((ls, ly, ln)), Some(n)) = (&last, e.issue_number()) {
            if *ls == s && *ly == year && n > ln + 1 {
                let range = if n == ln + 2 {
                    format!("第 {} 期", ln + 1)
                } else {
                    format!("第 {}—{} 期", ln + 1, n - 1)
                };
                let _ = write!(
                    h,
                    "<tr class=\"lib-gap\"><td class=\"no-print\"></td><td colspan=\"6\">缺 {range}（{} {} 年）</td></tr>",
                    esc(&s),
                    year.map(|y| y.to_string()).unwrap_or_default()
                );
            }
        }
        last = e.issue_number().map(|n| (s.clone(), year, n));
        let m = &e.bulletin.masthead;
        let _ = write!(
            h,
            "<tr data-key=\"{k}\"><td class=\"no-print\"><input type=\"checkbox\" name=\"sel\" value=\"{k}\" aria-label=\"选择\"></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"no-print\"><button type=\"button\" data-act=\"remove\" data-arg=\"{k}\">移除</button></td></tr>",
            esc(e.date()),
            esc(&s),
            esc(m.issue.as_deref().unwrap_or("")),
            e.bulletin.items.len(),
            esc(&e.file),
            k = esc(&e.key)
        );
    }
    h.push_str("</tbody></table>");
}

fn period_form(h: &mut String, view: &View, entries: &[Entry]) {
    let opt = |v: &str, label: &str, cur: &str| {
        format!(
            "<option value=\"{}\"{}>{}</option>",
            esc(v),
            if v == cur { " selected" } else { "" },
            esc(label)
        )
    };
    let mut series: Vec<String> = entries.iter().map(|e| e.series()).collect();
    series.dedup();
    series.sort();
    series.dedup();
    let _ = write!(
        h,
        "<div class=\"lib-form no-print\"><label>刊名 <select name=\"series\" data-live=\"1\">{}",
        opt("", "全部刊名", &view.series)
    );
    for s in &series {
        h.push_str(&opt(s, s, &view.series));
    }
    let _ = write!(
        h,
        "</select></label> <label>时段 <select name=\"period\" data-live=\"1\">{}{}{}{}{}</select></label>",
        opt("all", "全部", &view.period_kind),
        opt("year", "年", &view.period_kind),
        opt("quarter", "季度", &view.period_kind),
        opt("month", "月", &view.period_kind),
        opt("issues", "期号范围", &view.period_kind)
    );
    let _ = write!(
        h,
        " <label>年 <input name=\"year\" inputmode=\"numeric\" size=\"5\" value=\"{}\" data-live=\"1\"></label>\
 <label>季度或月 <input name=\"part\" inputmode=\"numeric\" size=\"3\" value=\"{}\" data-live=\"1\"></label>\
 <label>期号 <input name=\"issue_from\" inputmode=\"numeric\" size=\"4\" value=\"{}\" data-live=\"1\">—<input name=\"issue_to\" inputmode=\"numeric\" size=\"4\" value=\"{}\" data-live=\"1\" aria-label=\"至期号\"></label>\
 <label>每条分值（可选：一个数，或「栏目或刊名=分值」，分号隔开） <input name=\"points\" size=\"24\" value=\"{}\" data-live=\"1\"></label></div>",
        esc(&view.year),
        esc(&view.part),
        esc(&view.issue_from),
        esc(&view.issue_to),
        esc(&view.points)
    );
}

fn adoption_view(h: &mut String, view: &View, entries: &[Entry]) {
    period_form(h, view, entries);
    let aliases = Aliases::parse(&view.aliases);
    let points = Points::parse(&view.points);
    let period = view.period();
    let a = adoption(entries, &period, &view.series, &aliases, &points);
    let _ = write!(
        h,
        "<h3 class=\"lib-title\">信息采用情况（{}{}，{} 期）</h3>",
        if view.series.is_empty() {
            String::new()
        } else {
            format!("{}，", esc(&view.series))
        },
        esc(&period.label()),
        a.bulletins
    );
    h.push_str("<div class=\"lib-actions no-print\"><button type=\"button\" data-act=\"adoption-xlsx\">导出 Excel（XLSX）</button> <button type=\"button\" data-act=\"print\">打印</button></div>");
    if a.rows.is_empty() {
        h.push_str("<p class=\"lib-empty\">这一时段没有条目。</p>");
        return;
    }
    adoption_chart(h, &a);
    let show_points = points.is_set();
    h.push_str("<table class=\"lib-adoption\"><thead><tr><th>刊名</th><th>名次</th><th>单位</th><th>采用条数</th><th>占比</th>");
    if show_points {
        h.push_str("<th>得分</th>");
    }
    for s in &a.sections {
        let _ = write!(
            h,
            "<th>{}</th>",
            if s.is_empty() {
                "（无栏目）".into()
            } else {
                esc(s)
            }
        );
    }
    h.push_str("</tr></thead><tbody>");
    for r in &a.rows {
        let _ = write!(
            h,
            "<tr data-series=\"{s}\" data-unit=\"{u}\" data-items=\"{}\"><td>{s}</td><td>{}</td><td>{u}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>",
            r.items,
            r.rank,
            r.items,
            pct(r.share),
            s = esc(&r.series),
            u = esc(&r.unit)
        );
        if show_points {
            let _ = write!(h, "<td class=\"num\">{}</td>", num(r.points));
        }
        for n in &r.by_section {
            let _ = write!(h, "<td class=\"num\">{n}</td>");
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
}

/// Bars of items per unit: the first series' top 15 (a chart for each
/// series would repeat the table).
fn adoption_chart(h: &mut String, a: &Adoption) {
    let Some(first) = a.rows.first() else { return };
    let rows: Vec<_> = a
        .rows
        .iter()
        .filter(|r| r.series == first.series)
        .take(15)
        .collect();
    let max = rows.iter().map(|r| r.items).max().unwrap_or(1).max(1) as f64;
    let (label_w, bar_w, row_h) = (150.0, 420.0, 22.0);
    let height = row_h * rows.len() as f64 + 30.0;
    let _ = write!(
        h,
        "<figure class=\"lib-chart\"><svg class=\"adoption-chart\" viewBox=\"0 0 {} {height}\" role=\"img\" aria-label=\"{} 各单位采用条数\">",
        label_w + bar_w + 60.0,
        esc(&first.series)
    );
    for (i, r) in rows.iter().enumerate() {
        let y = 20.0 + i as f64 * row_h;
        let w = bar_w * r.items as f64 / max;
        let _ = write!(
            h,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect x=\"{label_w}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\"><title>{} {}</title></rect><text x=\"{}\" y=\"{}\">{}</text>",
            label_w - 6.0,
            y + 14.0,
            esc(&r.unit),
            y + 2.0,
            row_h - 6.0,
            esc(&r.unit),
            r.items,
            label_w + w + 4.0,
            y + 14.0,
            r.items
        );
    }
    let _ = write!(
        h,
        "</svg><figcaption>{}：各单位采用条数（前 {} 名）</figcaption></figure>",
        esc(&first.series),
        rows.len()
    );
}

/// The adoption table as workbook rows (headers, rows).
pub fn adoption_rows(view: &View, entries: &[Entry]) -> (Vec<String>, Vec<Vec<Cell>>) {
    let aliases = Aliases::parse(&view.aliases);
    let points = Points::parse(&view.points);
    let a = adoption(entries, &view.period(), &view.series, &aliases, &points);
    let mut headers: Vec<String> = ["刊名", "名次", "单位", "采用条数", "占比"]
        .map(String::from)
        .to_vec();
    if points.is_set() {
        headers.push("得分".into());
    }
    headers.extend(a.sections.iter().map(|s| {
        if s.is_empty() {
            "（无栏目）".to_owned()
        } else {
            s.clone()
        }
    }));
    let rows = a
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![
                Cell::Text(r.series.clone()),
                Cell::Number(r.rank as f64),
                Cell::Text(r.unit.clone()),
                Cell::Number(r.items as f64),
                Cell::Number((r.share * 10000.0).round() / 10000.0),
            ];
            if points.is_set() {
                row.push(Cell::Number(r.points));
            }
            row.extend(r.by_section.iter().map(|n| Cell::Number(*n as f64)));
            row
        })
        .collect();
    (headers, rows)
}

fn indicators_view(h: &mut String, view: &View, entries: &[Entry]) {
    let aliases = Aliases::parse(&view.aliases);
    let list = indicators(entries, &aliases, 2);
    if list.is_empty() {
        h.push_str("<p class=\"lib-empty\">还没有在两期以上出现的指标。</p>");
        return;
    }
    let current = IndicatorKey::from_code(&view.indicator)
        .filter(|k| list.iter().any(|(l, _)| l == k))
        .unwrap_or_else(|| list[0].0.clone());
    h.push_str(
        "<div class=\"lib-form no-print\"><label>指标 <select name=\"indicator\" data-live=\"1\">",
    );
    for (k, n) in list.iter().take(300) {
        let _ = write!(
            h,
            "<option value=\"{}\"{}>{}（{}） · {} · {}（{} 个数）</option>",
            esc(&k.code()),
            if *k == current { " selected" } else { "" },
            esc(&k.label),
            esc(&k.measure),
            esc(&k.unit),
            esc(&k.series),
            n
        );
    }
    h.push_str("</select></label></div>");
    let points = indicator_points(entries, &current, &aliases);
    let _ = write!(
        h,
        "<h3 class=\"lib-title\">{}：{}（{}）</h3>",
        esc(&current.unit),
        esc(&current.label),
        esc(&current.series)
    );
    line_chart(h, &points, entries);
    h.push_str("<table class=\"lib-indicator\"><thead><tr><th>日期</th><th>期号</th><th>数值</th><th>单位</th><th>时期</th><th>原文</th><th>条目</th></tr></thead><tbody>");
    for p in &points {
        let e = &entries[p.at.entry];
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&p.date),
            p.issue.map(|n| n.to_string()).unwrap_or_default(),
            num(p.value),
            esc(&p.unit),
            esc(&p.period),
            esc(&p.text),
            item_link(e, p.at, &e.bulletin.items[p.at.item].headline)
        );
    }
    h.push_str("</tbody></table>");
}

fn item_link(e: &Entry, at: ItemRef, text: &str) -> String {
    format!(
        "<a href=\"#lib-item\" data-act=\"item\" data-arg=\"{}\u{1f}{}\">{}</a>",
        esc(&e.key),
        at.item,
        esc(text)
    )
}

/// A line chart of an indicator's points, each a link to its item.
fn line_chart(h: &mut String, points: &[Point], entries: &[Entry]) {
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
        .fold(f64::NEG_INFINITY, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let n = points.len();
    let x = |i: usize| {
        pad + if n > 1 {
            (w - 2.0 * pad) * i as f64 / (n - 1) as f64
        } else {
            (w - 2.0 * pad) / 2.0
        }
    };
    let y = |v: f64| ht - pad - (ht - 2.0 * pad) * (v - lo) / span;
    let _ = write!(
        h,
        "<figure class=\"lib-chart\"><svg class=\"indicator-chart\" viewBox=\"0 0 {w} {ht}\" role=\"img\" aria-label=\"指标走势\"><line class=\"axis\" x1=\"{pad}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\"/><line class=\"axis\" x1=\"{pad}\" y1=\"{pad}\" x2=\"{pad}\" y2=\"{b}\"/><text x=\"4\" y=\"{t}\">{}</text><text x=\"4\" y=\"{b}\">{}</text><polyline points=\"",
        num(hi),
        num(lo),
        b = ht - pad,
        r = w - pad,
        t = pad + 4.0
    );
    for (i, p) in points.iter().enumerate() {
        let _ = write!(h, "{:.1},{:.1} ", x(i), y(p.value));
    }
    h.push_str("\"/>");
    for (i, p) in points.iter().enumerate() {
        let e = &entries[p.at.entry];
        let _ = write!(
            h,
            "<a href=\"#lib-item\" data-act=\"item\" data-arg=\"{}\u{1f}{}\"><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"5\"><title>{} {} {}</title></circle></a>",
            esc(&e.key),
            p.at.item,
            x(i),
            y(p.value),
            esc(&p.date),
            esc(&p.text),
            esc(&p.period)
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

fn units_view(h: &mut String, view: &View, entries: &[Entry]) {
    let aliases = Aliases::parse(&view.aliases);
    let _ = write!(
        h,
        "<div class=\"lib-form no-print\"><label class=\"lib-aliases\">别名表（每行「规范名=别名1、别名2」，随文库一同导出）<textarea name=\"aliases\" rows=\"4\" cols=\"50\">{}</textarea></label> <button type=\"button\" data-act=\"save-aliases\">保存别名</button></div>",
        esc(&view.aliases)
    );
    h.push_str("<table class=\"lib-units\"><thead><tr><th>刊名</th><th>单位</th><th>合并的写法（次数）</th></tr></thead><tbody>");
    for ((series, unit), raws) in merged_names(entries, &aliases) {
        let names: Vec<String> = raws
            .iter()
            .map(|(r, n)| format!("{}（{n}）", esc(r)))
            .collect();
        let _ = write!(
            h,
            "<tr{}><td>{}</td><td>{}</td><td>{}</td></tr>",
            if raws.len() > 1 {
                " class=\"merged\""
            } else {
                ""
            },
            esc(&series),
            esc(&unit),
            names.join("、")
        );
    }
    h.push_str("</tbody></table>");
}

fn search_view(h: &mut String, view: &View, entries: &[Entry]) {
    let _ = write!(
        h,
        "<form class=\"lib-form lib-search no-print\" data-act=\"search\"><label>查找 <input name=\"q\" type=\"search\" size=\"24\" value=\"{}\"></label> <label><input type=\"checkbox\" name=\"q_regex\" value=\"1\"{}> 正则表达式</label> <label>单位 <input name=\"q_unit\" size=\"10\" value=\"{}\"></label> <label>栏目 <input name=\"q_section\" size=\"8\" value=\"{}\"></label> <label>日期 <input name=\"q_from\" size=\"10\" placeholder=\"2024-01-01\" value=\"{}\">—<input name=\"q_to\" size=\"10\" placeholder=\"2024-12-31\" value=\"{}\" aria-label=\"至日期\"></label> <label>数值 <input name=\"q_min\" size=\"8\" value=\"{}\">—<input name=\"q_max\" size=\"8\" value=\"{}\" aria-label=\"数值上限\"></label> <button type=\"submit\">检索</button></form>",
        esc(&view.q),
        if view.q_regex { " checked" } else { "" },
        esc(&view.q_unit),
        esc(&view.q_section),
        esc(&view.q_from),
        esc(&view.q_to),
        esc(&view.q_min),
        esc(&view.q_max)
    );
    let q = view.query();
    if q.text.is_empty()
        && q.unit.is_empty()
        && q.section.is_empty()
        && q.min.is_none()
        && q.max.is_none()
    {
        return;
    }
    let aliases = Aliases::parse(&view.aliases);
    match search(entries, &q, &aliases, 200) {
        Err(e) => {
            let _ = write!(
                h,
                "<p class=\"lib-error\" role=\"alert\">正则表达式有误：{}</p>",
                esc(&e)
            );
        }
        Ok((hits, total)) => {
            let _ = write!(
                h,
                "<p class=\"lib-hits\" data-total=\"{total}\">找到 {total} 条{}。</p><ol class=\"lib-results\">",
                if total > hits.len() { format!("，显示前 {} 条", hits.len()) } else { String::new() }
            );
            for hit in hits {
                let e = &entries[hit.at.entry];
                let item = &e.bulletin.items[hit.at.item];
                let text = item_text(item);
                let from = floor_char(&text, hit.start.saturating_sub(60));
                let to = ceil_char(&text, (hit.end + 60).min(text.len()));
                let _ = write!(
                    h,
                    "<li><p class=\"lib-hit-head\">{} · {} · {}</p><p class=\"lib-context\">{}{}<mark>{}</mark>{}{}</p>{}</li>",
                    esc(e.date()),
                    esc(&e.series()),
                    item_link(e, hit.at, &item.headline),
                    if from > 0 { "…" } else { "" },
                    esc(&text[from..hit.start]),
                    esc(&text[hit.start..hit.end]),
                    esc(&text[hit.end..to]),
                    if to < text.len() { "…" } else { "" },
                    if hit.figures.is_empty() {
                        String::new()
                    } else {
                        format!("<p class=\"lib-hit-figures\">数值：{}</p>", esc(&hit.figures.join("、")))
                    }
                );
            }
            h.push_str("</ol>");
        }
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// One item of the library, with its bulletin and figures.
fn item_panel(h: &mut String, entries: &[Entry], at: ItemRef) {
    let e = &entries[at.entry];
    let Some(item) = e.bulletin.items.get(at.item) else {
        return;
    };
    let _ = write!(
        h,
        "<article id=\"lib-item\" class=\"lib-item\" tabindex=\"-1\"><p class=\"lib-item-where\">{} · {} · {} · {}</p><h3>{}</h3><p>{}</p><p class=\"lib-item-sources\">来源：{}</p>",
        esc(&e.series()),
        esc(e.bulletin.masthead.issue.as_deref().unwrap_or("")),
        esc(e.date()),
        esc(item.section.as_deref().unwrap_or("")),
        esc(&item.headline),
        esc(&item.body),
        esc(&item.sources.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("、"))
    );
    h.push_str("<button type=\"button\" data-act=\"close-item\" class=\"no-print\">关闭</button></article>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::stats::{identity, text_hash};

    fn entry(title: &str, issue: u32, month: u32, unit: &str) -> Entry {
        let text = format!(
            "{title}\n\n第 {issue} 期\n\n某县人民政府办公室          2024 年 {month} 月 3 日\n\n【工作动态】\n\n{unit}推进重点工作  今年以来，一般公共预算收入 {issue}.5 亿元。（{unit}）\n"
        );
        let b = bulletin_parser::parse(&text);
        let hash = text_hash(&text);
        Entry {
            key: identity(&b, &hash),
            file: "a.txt".into(),
            hash,
            bulletin: b,
        }
    }

    #[test]
    fn every_tab_draws_and_escapes() {
        let entries = vec![
            entry("甲县政务快报", 1, 1, "县财政局"),
            entry("甲县政务快报", 3, 2, "财政局"),
        ];
        let mut view = View::default();
        view.read_form("period\u{1f}quarter\u{1e}year\u{1f}2024\u{1e}part\u{1f}1\u{1e}q\u{1f}<b>");
        for tab in ["list", "adoption", "indicators", "units", "search"] {
            view.tab = tab.into();
            let html = page(&view, &entries);
            assert!(!html.contains("<b>"), "{tab}");
        }
        view.tab = "list".into();
        assert!(page(&view, &entries).contains("缺 第 2 期（甲县政务快报 2024 年）"));
        view.tab = "adoption".into();
        let html = page(&view, &entries);
        assert!(
            html.contains("data-unit=\"财政局\" data-items=\"2\""),
            "{html}"
        );
        assert!(html.contains("<svg"));
        view.tab = "indicators".into();
        assert!(page(&view, &entries).contains("<polyline"));
        let (headers, rows) = adoption_rows(&view, &entries);
        assert_eq!(headers[3], "采用条数");
        assert_eq!(rows[0][3], Cell::Number(2.0));
    }
}
