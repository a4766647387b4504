//! "Copy as text": a parsed bulletin rendered back as clean, readable text —
//! the masthead, each section as 【…】, each item's headline on its own line
//! and its body with its sources in （…） after it, then the footer. Layout
//! noise (page numbers, broken lines, markdown) is gone; no text the parser
//! kept is left out, and lines it could not place come last.

use bulletin_parser::model::{Bulletin, Masthead};

pub fn plain_text(bulletin: &Bulletin) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let masthead = masthead_lines(&bulletin.masthead);
    if !masthead.is_empty() {
        blocks.push(masthead.join("\n"));
    }

    let mut section: Option<&str> = None;
    for item in &bulletin.items {
        let item_section = item.section.as_deref().filter(|s| !s.is_empty());
        if item_section.is_some() && item_section != section {
            blocks.push(format!("【{}】", item_section.unwrap_or_default()));
        }
        section = item_section;
        let mut lines = Vec::new();
        if !item.headline.is_empty() {
            lines.push(item.headline.clone());
        }
        let sources = if item.sources.is_empty() {
            String::new()
        } else {
            format!("（{}）", item.sources.join("、"))
        };
        if !item.body.is_empty() || !sources.is_empty() {
            lines.push(format!("{}{sources}", item.body));
        }
        if !lines.is_empty() {
            blocks.push(lines.join("\n"));
        }
    }

    let footer = &bulletin.footer;
    let mut footer_lines = Vec::new();
    if let Some(d) = &footer.distribution {
        footer_lines.push(format!("本期发：{d}"));
    }
    let signatures: Vec<String> = [
        ("责任编辑", &footer.editor),
        ("审核", &footer.reviewer),
        ("签发", &footer.signer),
    ]
    .iter()
    .filter_map(|(label, name)| name.as_ref().map(|n| format!("{label}：{n}")))
    .collect();
    if !signatures.is_empty() {
        footer_lines.push(signatures.join("  "));
    }
    if !footer_lines.is_empty() {
        blocks.push(footer_lines.join("\n"));
    }

    let unplaced: Vec<&str> = bulletin
        .warnings
        .iter()
        .map(|w| w.text.trim())
        .filter(|t| !t.is_empty())
        .collect();
    if !unplaced.is_empty() {
        blocks.push(format!("（以下内容未能识别）\n{}", unplaced.join("\n")));
    }

    let mut text = blocks.join("\n\n");
    if !text.is_empty() {
        text.push('\n');
    }
    strip_controls(&mut text);
    text
}

/// Removes control characters but line breaks and tabs: text for a
/// terminal or a clipboard must not carry escape sequences (ESC, CSI) or
/// bidirectional overrides that would rewrite what is shown.
pub fn strip_controls(text: &mut String) {
    if text.chars().any(is_hidden_control) {
        text.retain(|c| !is_hidden_control(c));
    }
}

fn is_hidden_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn masthead_lines(m: &Masthead) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(title) = &m.title {
        lines.push(title.clone());
    }
    if let Some(issue) = &m.issue {
        lines.push(issue.clone());
    }
    let date = m.date.as_deref().map(chinese_date);
    match (&m.issuer, date) {
        (Some(issuer), Some(date)) => lines.push(format!("{issuer}  {date}")),
        (Some(issuer), None) => lines.push(issuer.clone()),
        (None, Some(date)) => lines.push(date),
        (None, None) => {}
    }
    lines
}

/// `2023-09-01` → `2023年9月1日`; anything else as it is.
fn chinese_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    if let [y, m, d] = parts[..] {
        if let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) {
            return format!("{y}年{m}月{d}日");
        }
    }
    iso.to_owned()
}
