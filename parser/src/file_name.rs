//! Export file names from the masthead: `延津政务快报-第39期-2023-09-01.xlsx`,
//! safe on every file system (no `/ \ : * ? " < > |`, no control
//! characters, no spaces), with a fallback when the masthead says nothing.

use crate::model::{Bulletin, Masthead};

/// The name used when the masthead gives nothing to name the file by.
pub const FALLBACK_NAME: &str = "bulletin";

/// The longest name before the extension, in characters.
const MAX_CHARS: usize = 80;

/// `title-第N期-date.ext` from what the masthead has (each part left out
/// when absent), or [`FALLBACK_NAME`]`.ext`.
pub fn export_file_name(masthead: &Masthead, ext: &str) -> String {
    let issue = match (masthead.issue_number, masthead.issue.as_deref()) {
        (Some(n), _) => Some(format!("第{n}期")),
        (None, issue) => issue.map(str::to_string),
    };
    let parts = [masthead.title.clone(), issue, masthead.date.clone()];
    named(parts.iter().flatten().map(String::as_str), ext)
}

/// The name for an export of several bulletins: one bulletin's own name;
/// several of one title `title-第A-B期` (the lowest and highest issue),
/// `title-N期` without issue numbers; else `bulletins-N`.
pub fn export_file_name_for(bulletins: &[&Bulletin], ext: &str) -> String {
    match bulletins {
        [] => named(std::iter::empty(), ext),
        [one] => export_file_name(&one.masthead, ext),
        many => {
            let title = many[0].masthead.title.as_deref();
            let same = title.is_some() && many.iter().all(|b| b.masthead.title.as_deref() == title);
            if !same {
                return named(
                    [format!("bulletins-{}", many.len())]
                        .iter()
                        .map(String::as_str),
                    ext,
                );
            }
            let numbers: Option<Vec<u32>> = many.iter().map(|b| b.masthead.issue_number).collect();
            let issues = match numbers {
                Some(n) => {
                    let (lo, hi) = (n.iter().min(), n.iter().max());
                    match (lo, hi) {
                        (Some(lo), Some(hi)) if lo != hi => format!("第{lo}-{hi}期"),
                        (Some(lo), _) => format!("第{lo}期"),
                        _ => format!("{}期", many.len()),
                    }
                }
                None => format!("{}期", many.len()),
            };
            let parts = [title.unwrap_or_default().to_string(), issues];
            named(parts.iter().map(String::as_str), ext)
        }
    }
}

/// The parts made safe and joined with `-`, then `.ext`.
fn named<'a>(parts: impl Iterator<Item = &'a str>, ext: &str) -> String {
    let mut name = String::new();
    for p in parts {
        let p = safe(p);
        if p.is_empty() {
            continue;
        }
        if !name.is_empty() {
            name.push('-');
        }
        name.push_str(&p);
    }
    let name: String = name.chars().take(MAX_CHARS).collect();
    let name = name.trim_matches(['-', '.', '_']);
    let name = if name.is_empty() { FALLBACK_NAME } else { name };
    let ext = safe(ext.trim_start_matches('.'));
    if ext.is_empty() {
        name.to_string()
    } else {
        format!("{name}.{ext}")
    }
}

/// Letters (any script), digits and `-_.()（）·` kept; spaces dropped;
/// anything else becomes `_`, runs of it one.
fn safe(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '.' | '(' | ')' | '（' | '）' | '·') {
            out.push(c);
        } else if c.is_whitespace() || c.is_control() {
            continue;
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches(['_', '.']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masthead(title: Option<&str>, issue: Option<u32>, date: Option<&str>) -> Masthead {
        Masthead {
            title: title.map(str::to_string),
            issue: issue.map(|n| format!("第 {n} 期")),
            issue_number: issue,
            issuer: None,
            date: date.map(str::to_string),
        }
    }

    #[test]
    fn names_from_the_masthead() {
        let m = masthead(Some("桐溪政务快报"), Some(39), Some("2023-09-01"));
        assert_eq!(
            export_file_name(&m, "xlsx"),
            "桐溪政务快报-第39期-2023-09-01.xlsx"
        );
        assert_eq!(
            export_file_name(&m, ".csv"),
            "桐溪政务快报-第39期-2023-09-01.csv"
        );
        let m = masthead(Some("某县 政务/信息: 特刊?"), None, None);
        assert_eq!(export_file_name(&m, "json"), "某县政务_信息_特刊.json");
        let mut m = masthead(None, None, Some("2024-03-08"));
        m.issue = Some("第二十五期".into());
        assert_eq!(export_file_name(&m, "xlsx"), "第二十五期-2024-03-08.xlsx");
    }

    #[test]
    fn falls_back_when_nothing_names_it() {
        assert_eq!(
            export_file_name(&Masthead::default(), "xlsx"),
            "bulletin.xlsx"
        );
        let m = masthead(Some("***///"), None, None);
        assert_eq!(export_file_name(&m, "csv"), "bulletin.csv");
        let long = "政".repeat(200);
        let m = masthead(Some(&long), None, None);
        assert_eq!(export_file_name(&m, "csv").chars().count(), MAX_CHARS + 4);
    }

    #[test]
    fn several_bulletins() {
        let b = |n: Option<u32>, t: &str| Bulletin {
            masthead: masthead(Some(t), n, None),
            ..Bulletin::default()
        };
        let (a, c, d) = (
            b(Some(39), "桐溪政务快报"),
            b(Some(42), "桐溪政务快报"),
            b(None, "别的"),
        );
        assert_eq!(
            export_file_name_for(&[&a, &c], "xlsx"),
            "桐溪政务快报-第39-42期.xlsx"
        );
        assert_eq!(export_file_name_for(&[&a, &d], "xlsx"), "bulletins-2.xlsx");
        assert_eq!(
            export_file_name_for(&[&a], "csv"),
            "桐溪政务快报-第39期.csv"
        );
        assert_eq!(export_file_name_for(&[], "csv"), "bulletin.csv");
    }
}
