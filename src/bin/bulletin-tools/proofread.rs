//! Proofreading for the page: the parser's `proofread` pass (regex and all)
//! runs here, in the on-demand module, and only its findings go back to the
//! page, flat, so the first-load wasm needs no JSON reader for them.

use bulletin_parser::{parse, proofread_with, FindingKind, HouseRules};

/// Between findings.
pub const RECORD: char = '\u{1e}';
/// Between the fields of a finding: code, start, end, line, column,
/// message (zh), message (en), text, kind title (zh), kind title (en).
pub const FIELD: char = '\u{1f}';

/// The findings on `text`, with the starter rules unless `starter` is false,
/// plus the user's `rules` (TSV or JSON, see the parser's `HouseRules`).
/// Findings come in kind order, then by place.
pub fn records(text: &str, rules: &str, starter: bool) -> Result<String, String> {
    let mut list = if starter { HouseRules::starter_rules() } else { Vec::new() };
    if !rules.trim().is_empty() {
        list.extend(HouseRules::parse(rules).map_err(|e| e.to_string())?.rules().iter().cloned());
    }
    let rules = HouseRules::new(list).map_err(|e| e.to_string())?;
    let mut findings = proofread_with(text, &parse(text), &rules);
    findings.sort_by_key(|f| (FindingKind::ALL.iter().position(|k| *k == f.kind), f.start));
    let clean = |s: &str| s.replace([RECORD, FIELD], " ");
    let out: Vec<String> = findings
        .iter()
        .map(|f| {
            let (zh, en) = f.kind.title();
            [
                f.kind.code().to_string(),
                f.start.to_string(),
                f.end.to_string(),
                f.line.to_string(),
                f.column.to_string(),
                clean(&f.message),
                clean(&f.message_en),
                clean(&f.text),
                zh.to_string(),
                en.to_string(),
            ]
            .join(&FIELD.to_string())
        })
        .collect();
    Ok(out.join(&RECORD.to_string()))
}

/// The starter house rules as TSV (the format the page's editor shows).
pub fn starter_tsv() -> String {
    HouseRules::to_tsv(&HouseRules::starter_rules())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "青禾政务快报\n\n第 3 期\n\n县民政局发放救助金 县人大大常委会发放临时救助金 86 万元。（县民政局）\n";

    #[test]
    fn findings_come_back_flat_with_their_places() {
        let out = records(TEXT, "", true).unwrap();
        let first: Vec<&str> = out.split(RECORD).next().unwrap().split(FIELD).collect();
        assert_eq!(first[0], "repeated");
        let start: usize = first[1].parse().unwrap();
        let end: usize = first[2].parse().unwrap();
        assert_eq!(TEXT.chars().skip(start).take(end - start).collect::<String>(), first[7]);
        assert_eq!(first.len(), 10);
    }

    #[test]
    fn user_rules_add_to_the_starter_list_and_bad_ones_are_errors() {
        let out = records(TEXT, "救助金\t救助资金\n", true).unwrap();
        assert!(out.split(RECORD).any(|r| r.starts_with("house-rule")), "{out}");
        assert!(records(TEXT, "re:(\t x\n", true).is_err());
        assert!(records("", "", true).unwrap().is_empty());
    }
}
