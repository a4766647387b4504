//! Metamorphic layout tests: each function below turns a clean bulletin into
//! one of the messy layouts bulletins arrive in (CRLF, BOM, half-width
//! punctuation, indents, NBSP, markdown, pdftotext hard wraps, no blank
//! lines, sources leading headlines, page breaks in mid-sentence, headlines
//! on their own lines). The parse of the messy text must agree with the
//! expected parse of the clean one: masthead, sections, headlines, sources
//! and footer exactly and bodies equal, after the scorer's folding.
//!
//! The invented fixtures must agree exactly. The real seeds (when
//! `../shared` is there) are scored against their gold labels with the same
//! rules, bodies at least 97% alike.

#[path = "fixtures/support.rs"]
mod support;

use bulletin_parser::parse;
use serde_json::Value;
use support::{diff, fixtures, seeds, Case};

type Layout = fn(&str, &Value) -> String;

const LAYOUTS: &[(&str, Layout)] = &[
    ("crlf", crlf),
    ("bom", bom),
    ("half-width punctuation", half_width),
    ("ideographic indent", ideographic_indent),
    ("nbsp spaces", nbsp),
    ("markdown", markdown),
    ("hard wrap 60 cols", |t, e| hard_wrap(t, e, 60)),
    ("hard wrap 80 cols", |t, e| hard_wrap(t, e, 80)),
    ("no blank lines", no_blank_lines),
    ("source leads headline", source_leads),
    ("mid-sentence page breaks", page_breaks),
    ("headline own line", headline_own_line),
    ("everything web-copied", |t, e| {
        crlf(&half_width(&nbsp(&bom(t, e), e), e), e)
    }),
    ("【source】 before headline", |t, e| {
        bracket_source(t, e, false)
    }),
    ("【source】 line above", |t, e| bracket_source(t, e, true)),
    ("labelled sources + authors", labelled_sources),
    ("list markers", list_markers),
    ("symbol sections", symbol_sections),
    ("running page headers", running_headers),
    ("headers, no blank lines", |t, e| {
        no_blank_lines(&running_headers(&headline_own_line(t, e), e), e)
    }),
];

// ---- the layouts -------------------------------------------------------------

fn crlf(t: &str, _: &Value) -> String {
    t.replace('\n', "\r\n")
}

fn bom(t: &str, _: &Value) -> String {
    format!("\u{feff}{t}")
}

/// Web copies turn full-width punctuation half-width.
fn half_width(t: &str, _: &Value) -> String {
    t.chars()
        .map(|c| match c {
            '，' => ',',
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '；' => ';',
            c => c,
        })
        .collect()
}

/// Word paragraphs indented with two ideographic spaces.
fn ideographic_indent(t: &str, _: &Value) -> String {
    t.lines()
        .map(|l| {
            if l.trim().is_empty() {
                l.to_string()
            } else {
                format!("\u{3000}\u{3000}{}", l.trim_start())
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn nbsp(t: &str, _: &Value) -> String {
    t.replace(' ', "\u{a0}")
}

/// `# title`, `## 【section】`, `**headline**`, `---` rules.
fn markdown(t: &str, e: &Value) -> String {
    let title = e["masthead"]["title"].as_str().unwrap_or("\u{0}");
    let sections: Vec<&str> = strs(&e["sections"]);
    let heads: Vec<&str> = e["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["headline"].as_str())
        .collect();
    let mut out = Vec::new();
    let mut first_footer = true;
    let mut after_masthead = false;
    for line in t.lines() {
        let s = line.trim();
        if !after_masthead
            && (sections.iter().any(|n| is_heading_of(s, n))
                || heads.iter().any(|h| strip_bold(s).starts_with(h)))
        {
            out.push("---".to_string());
            out.push(String::new());
            after_masthead = true;
        }
        if s == title {
            out.push(format!("# {s}"));
        } else if let Some(n) = sections.iter().find(|n| is_heading_of(s, n)) {
            out.push(format!("## 【{n}】"));
        } else if let Some(h) = heads
            .iter()
            .find(|h| s.starts_with(*h) && !s.starts_with("**"))
        {
            out.push(format!("**{h}**{}", &s[h.len()..]));
        } else if is_footer(s) && first_footer {
            first_footer = false;
            out.push("---".to_string());
            out.push(String::new());
            out.push(line.to_string());
        } else {
            out.push(line.to_string());
        }
    }
    out.push(String::new());
    out.push("---".to_string());
    out.join("\n")
}

/// pdftotext of a page `cols` display columns wide: every printed line its
/// own line (cut anywhere, numbers too, trailing spaces dropped), no blank
/// lines, a page-number line `— n —` every 40 lines.
fn hard_wrap(t: &str, _: &Value, cols: usize) -> String {
    let mut printed = Vec::new();
    for line in t.lines() {
        // A narrower page prints layout padding narrower too.
        let mut line = line.trim_end().to_string();
        while line.contains("   ") {
            line = line.replace("   ", "  ");
        }
        let line = line.as_str();
        if line.trim().is_empty() {
            continue;
        }
        let mut cur = String::new();
        let mut w = 0;
        for c in line.chars() {
            let cw = if c.len_utf8() >= 3 { 2 } else { 1 };
            if w + cw > cols {
                printed.push(cur.trim_end().to_string());
                cur.clear();
                w = 0;
            }
            cur.push(c);
            w += cw;
        }
        printed.push(cur.trim_end().to_string());
    }
    let mut out = Vec::new();
    for (n, l) in printed.into_iter().enumerate() {
        if n > 0 && n % 40 == 0 {
            out.push(format!("— {} —", n / 40 + 1));
        }
        out.push(l);
    }
    out.join("\n")
}

fn no_blank_lines(t: &str, _: &Value) -> String {
    t.lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `县财政局：headline body` instead of `headline body。（县财政局）`.
fn source_leads(t: &str, e: &Value) -> String {
    let mut text = t.to_string();
    let mut from = 0;
    for item in e["items"].as_array().unwrap() {
        let head = item["headline"].as_str().unwrap();
        let srcs = strs(&item["sources"]);
        let Some(h) = find_headline(&text, head, from) else {
            continue;
        };
        let start = if text[..h].ends_with("**") { h - 2 } else { h };
        if !srcs.is_empty() {
            // Remove the closing parenthetical, then put the names in front.
            if let Some((ps, pe)) = find_source_paren(&text, h, &srcs) {
                let ps = text[..ps].trim_end_matches([' ', '\n']).len().max(h);
                text.replace_range(ps..pe, "");
                let prefix = format!("{}：", srcs.join("、"));
                text.insert_str(start, &prefix);
                from = h + prefix.len() + head.len();
                continue;
            }
        }
        from = h + head.len();
    }
    text
}

/// `【县财政局】headline body` (or `【县财政局】` on the line above the
/// headline) instead of `headline body。（县财政局）`: one-unit sources only.
fn bracket_source(t: &str, e: &Value, own_line: bool) -> String {
    let mut text = t.to_string();
    let mut from = 0;
    for item in e["items"].as_array().unwrap() {
        let head = item["headline"].as_str().unwrap();
        let srcs = strs(&item["sources"]);
        let Some(h) = find_headline(&text, head, from) else {
            continue;
        };
        from = h + head.len();
        if srcs.len() != 1 {
            continue;
        }
        let Some((ps, pe)) = find_source_paren(&text, h, &srcs) else {
            continue;
        };
        let ps = text[..ps].trim_end_matches([' ', '\n']).len().max(h);
        text.replace_range(ps..pe, "");
        let start = text[..h].rfind('\n').map_or(0, |n| n + 1);
        let prefix = if own_line {
            format!("【{}】\n", srcs[0])
        } else {
            format!("【{}】", srcs[0])
        };
        text.insert_str(start, &prefix);
        from = h + prefix.len() + head.len();
    }
    text
}

/// Closing sources with a label and a person: `（供稿：县财政局 张伟）`.
fn labelled_sources(t: &str, e: &Value) -> String {
    let mut text = t.to_string();
    let mut from = 0;
    for (n, item) in e["items"].as_array().unwrap().iter().enumerate() {
        let head = item["headline"].as_str().unwrap();
        let srcs = strs(&item["sources"]);
        let Some(h) = find_headline(&text, head, from) else {
            continue;
        };
        from = h + head.len();
        if srcs.is_empty() {
            continue;
        }
        let Some((ps, pe)) = find_source_paren(&text, h, &srcs) else {
            continue;
        };
        let names = srcs.join("、");
        let new = match n % 3 {
            0 => format!("（供稿：{names} 张伟）"),
            1 => format!("（{names} 李娜 王磊）"),
            _ => format!("（来源：{names}）"),
        };
        text.replace_range(ps..pe, &new);
        from = ps + new.len();
    }
    text
}

/// `一、` / `（二）` / `3. ` / `④` before every headline.
fn list_markers(t: &str, e: &Value) -> String {
    const MARKS: [&str; 4] = ["一、", "（二）", "3. ", "④"];
    let mut text = t.to_string();
    let mut from = 0;
    for (n, item) in e["items"].as_array().unwrap().iter().enumerate() {
        let head = item["headline"].as_str().unwrap();
        let Some(h) = find_headline(&text, head, from) else {
            continue;
        };
        let start = text[..h].rfind('\n').map_or(0, |n| n + 1);
        let at = if text[start..h]
            .trim_matches(['*', ' ', '\u{3000}'])
            .is_empty()
        {
            // after the indent and an opening `**`
            h - if text[..h].ends_with("**") { 2 } else { 0 }
        } else {
            continue; // already numbered
        };
        text.insert_str(at, MARKS[n % 4]);
        from = h + MARKS[n % 4].len() + head.len();
    }
    text
}

/// `★ 民生保障` on its own line instead of `【民生保障】`.
fn symbol_sections(t: &str, e: &Value) -> String {
    let sections = strs(&e["sections"]);
    t.lines()
        .map(|l| match sections.iter().find(|n| is_heading_of(l, n)) {
            Some(n) if l.trim_matches(['*', '#', ' ']).starts_with('【') => {
                let rest = l.trim().split_once('】').map_or("", |x| x.1);
                let rest = rest.trim_start_matches(['*', ' ']);
                if rest.is_empty() {
                    format!("★ {n}")
                } else {
                    format!("★ {n}\n{rest}")
                }
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A PDF copy's running header (`title issue` on one line), with a form
/// feed, in the middle of every other item's body.
fn running_headers(t: &str, e: &Value) -> String {
    let (Some(title), Some(issue)) = (
        e["masthead"]["title"].as_str(),
        e["masthead"]["issue"].as_str(),
    ) else {
        return t.to_string();
    };
    let mut text = t.to_string();
    let mut from = 0;
    for (n, item) in e["items"].as_array().unwrap().iter().enumerate() {
        let head = item["headline"].as_str().unwrap();
        let Some(h) = find_headline(&text, head, from) else {
            continue;
        };
        from = h + head.len();
        if n % 2 == 1 {
            continue;
        }
        let line_end = text[h..].find('\n').map_or(text.len(), |i| h + i);
        let mut line_start = h;
        let mut skip = head.chars().count() + 4;
        // The headline's line, or the next one when the headline is alone.
        for _ in 0..2 {
            let end = text[line_start..]
                .find('\n')
                .map_or(text.len(), |i| line_start + i);
            if let Some(at) = break_point(&text[line_start..end], skip) {
                let at = line_start + at;
                let insert = format!("\n- {} -\n\x0c{title} {issue}\n", n + 2);
                text.insert_str(at, &insert);
                from = at + insert.len();
                break;
            }
            if end >= text.len() {
                break;
            }
            line_start = end + 1;
            skip = 6;
        }
        let _ = line_end;
    }
    text
}

/// A page break (blank line, page number, blank line) in the middle of
/// every item's body: in the headline's line after the headline, or, when
/// that line is short (a headline alone), in one of the next lines.
fn page_breaks(t: &str, e: &Value) -> String {
    let mut text = t.to_string();
    let mut from = 0;
    for (n, item) in e["items"].as_array().unwrap().iter().enumerate() {
        let head = item["headline"].as_str().unwrap();
        let Some(h) = find_headline(&text, head, from) else {
            continue;
        };
        let mut line_start = h;
        let mut skip = head.chars().count() + 4; // characters to leave alone at the line start
        let mut inserted = false;
        for _ in 0..3 {
            let line_end = text[line_start..]
                .find('\n')
                .map_or(text.len(), |i| line_start + i);
            if let Some(at) = break_point(&text[line_start..line_end], skip) {
                let at = line_start + at;
                let insert = format!("\n\n— {} —\n\n", n + 2);
                text.insert_str(at, &insert);
                from = at + insert.len();
                inserted = true;
                break;
            }
            if line_end >= text.len() {
                break;
            }
            line_start = line_end + 1;
            skip = 6;
        }
        if !inserted {
            from = h + head.len();
        }
    }
    text
}

/// A byte offset in `line` halfway between `skip` characters in and its end,
/// moved to a spot between two non-space characters, not after a sentence end.
fn break_point(line: &str, skip: usize) -> Option<usize> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut k = ((skip + chars.len()) / 2).max(skip + 1);
    while k + 10 < chars.len() {
        let (a, b) = (chars[k - 1].1, chars[k].1);
        if !a.is_whitespace()
            && !b.is_whitespace()
            && !"。！？*（(".contains(a)
            && !"*（()）".contains(b)
        {
            break;
        }
        k += 1;
    }
    (k + 10 < chars.len() && k > skip).then(|| chars[k].0)
}

/// The headline alone on its line, the body on the next.
fn headline_own_line(t: &str, e: &Value) -> String {
    let mut text = t.to_string();
    let mut from = 0;
    for item in e["items"].as_array().unwrap() {
        let head = item["headline"].as_str().unwrap();
        let Some(h) = find_headline(&text, head, from) else {
            continue;
        };
        let mut end = h + head.len();
        if text[end..].starts_with("**") {
            end += 2;
        }
        let gap = text[end..].len() - text[end..].trim_start_matches(' ').len();
        if !text[end + gap..].starts_with('\n') {
            text.replace_range(end..end + gap, "\n");
        }
        from = end;
    }
    text
}

// ---- helpers -----------------------------------------------------------------

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn strip_bold(s: &str) -> &str {
    s.trim_start_matches(['*', '#', ' '])
}

fn is_heading_of(line: &str, name: &str) -> bool {
    let s = line.trim_matches(['*', '#', ' ']);
    s.chars().count() <= name.chars().count() + 4 && s.contains(name) && !s.contains('。')
}

fn is_footer(s: &str) -> bool {
    ["本期发", "责任编辑", "审核", "签发", "报：", "送：", "编辑"]
        .iter()
        .any(|k| s.starts_with(k))
}

/// The byte offset of the headline at the start of a line at or after `from`.
fn find_headline(text: &str, head: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = text[at..].find(head) {
        let pos = at + i;
        let line_start = text[..pos].rfind('\n').map_or(0, |n| n + 1);
        // Only spaces, bold markers or a list marker (`1.`, `（一）`) before it.
        if text[line_start..pos]
            .trim_matches(['*', ' ', '\u{3000}'])
            .chars()
            .all(|c| c.is_ascii_digit() || ".、．（）()一二三四五六七八九十①②③④⑤".contains(c))
        {
            return Some(pos);
        }
        at = pos + head.len();
    }
    None
}

/// The first parenthetical after `from` whose names are `srcs`.
fn find_source_paren(text: &str, from: usize, srcs: &[&str]) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(i) = text[at..].find(['（', '(']) {
        let open = at + i;
        let close = open + text[open..].find(['）', ')'])?;
        let inner = &text[open + text[open..].chars().next()?.len_utf8()..close];
        let names: Vec<&str> = inner
            .split([' ', '、', '，'])
            .filter(|s| !s.is_empty())
            .collect();
        if names == srcs {
            return Some((open, close + text[close..].chars().next()?.len_utf8()));
        }
        at = close;
    }
    None
}

// ---- the runs ----------------------------------------------------------------

struct Row {
    layout: &'static str,
    results: Vec<(String, Vec<String>)>,
}

fn run(cases: &[Case], body_min: f64) -> Vec<Row> {
    LAYOUTS
        .iter()
        .map(|&(layout, f)| Row {
            layout,
            results: cases
                .iter()
                .map(|c| {
                    let messy = f(&c.text, &c.expected);
                    // LAYOUT_DUMP=dir writes every messy text, for a look by eye.
                    if let Ok(dir) = std::env::var("LAYOUT_DUMP") {
                        let file = format!("{dir}/{}.{}.txt", c.name, layout.replace(' ', "_"));
                        let _ = std::fs::write(file, &messy);
                    }
                    (c.name.clone(), diff(&c.expected, &parse(&messy), body_min))
                })
                .collect(),
        })
        .collect()
}

fn report(title: &str, rows: &[Row]) -> Vec<String> {
    let names: Vec<&str> = rows[0].results.iter().map(|r| r.0.as_str()).collect();
    println!("\n{title}");
    println!(
        "{:<26}{}",
        "layout",
        names
            .iter()
            .map(|n| format!("{:>12}", n.chars().take(11).collect::<String>()))
            .collect::<String>()
    );
    let mut failures = Vec::new();
    for row in rows {
        let cells: String = row
            .results
            .iter()
            .map(|(_, d)| format!("{:>12}", if d.is_empty() { "pass" } else { "FAIL" }))
            .collect();
        println!("{:<26}{cells}", row.layout);
        for (name, d) in &row.results {
            for m in d {
                failures.push(format!("[{}] {name}: {m}", row.layout));
            }
        }
    }
    failures
}

#[test]
fn layouts_of_the_fixtures_parse_like_the_clean_text() {
    let cases = fixtures();
    let failures = report("fixtures", &run(&cases, 1.0));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn layouts_of_the_seeds_score_like_the_gold() {
    let cases = seeds();
    if cases.is_empty() {
        eprintln!("../shared/seeds not found: skipped");
        return;
    }
    let failures = report("seeds (bodies ≥ 97%)", &run(&cases, 0.97));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_layouts_really_change_the_text() {
    // A transformation that did nothing would make its row a tautology.
    // (A fixture already in a layout stays as it is under that layout.)
    let cases = fixtures();
    for &(layout, f) in LAYOUTS {
        let changed = cases
            .iter()
            .filter(|c| f(&c.text, &c.expected) != c.text)
            .count();
        assert!(
            changed + 1 >= cases.len(),
            "{layout} changed only {changed} of {} fixtures",
            cases.len()
        );
    }
}
