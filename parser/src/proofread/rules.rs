//! House rules: terms an office writes one way (wrong → right), as plain
//! text or a regular expression, edited and exported by the user, plus a
//! starter list of common slips in government writing.
//!
//! File formats (`bulletin check --rules FILE`, the page's export):
//!
//! * TSV, one rule a line: `wrong<TAB>right[<TAB>note[<TAB>unless]]`.
//!   A `wrong` that starts with `re:` is a regular expression (the `regex`
//!   crate's syntax); otherwise it is plain text. `unless`: the rule does
//!   not apply when this text follows the match in the same sentence
//!   (既使…又… is right). Blank lines and lines starting with `#` are skipped.
//! * JSON: an array of `{"wrong": "…", "right": "…", "regex": false,
//!   "note": "…", "unless": "…"}` (all but `wrong` and `right` optional).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexSet};
use serde::{Deserialize, Serialize};

use super::doc::{is_clause_end, Doc, FindingKind, Raw};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseRule {
    pub wrong: String,
    pub right: String,
    #[serde(default)]
    pub regex: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unless: String,
}

/// A rules file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError(pub String);

impl std::fmt::Display for RulesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A compiled list of house rules.
#[derive(Debug, Clone)]
pub struct HouseRules {
    rules: Vec<HouseRule>,
    /// Every plain rule in one automaton, found in one pass: at a place
    /// where several start, the longest wins.
    literals: Option<AhoCorasick>,
    /// The rule of each literal pattern, by the automaton's pattern id.
    literal_rule: Vec<usize>,
    /// The regular-expression rules, and all of them as one set: one pass
    /// tells which match at all, and only those are searched for places.
    patterns: Vec<(usize, Regex)>,
    pattern_set: Option<RegexSet>,
}

/// Well-established slips in government writing (现代汉语词典, 通用规范汉字表,
/// 党政机关公文 practice): wrong → right.
const STARTER: &[(&str, &str, &str, &str)] = &[
    ("既使", "即使", "表示让步用“即使”", "又"),
    ("按装", "安装", "", ""),
    ("做为", "作为", "", ""),
    ("帐号", "账号", "与钱财有关用“账”", ""),
    ("帐户", "账户", "与钱财有关用“账”", ""),
    ("帐目", "账目", "与钱财有关用“账”", ""),
    ("报帐", "报账", "与钱财有关用“账”", ""),
    ("记帐", "记账", "与钱财有关用“账”", ""),
    ("对帐", "对账", "与钱财有关用“账”", ""),
    ("查帐", "查账", "与钱财有关用“账”", ""),
    ("其它", "其他", "规范用法统一用“其他”", ""),
    ("布署", "部署", "", ""),
    ("重迭", "重叠", "", ""),
    ("截止目前", "截至目前", "到某时为止用“截至”", ""),
    ("截止今年", "截至今年", "到某时为止用“截至”", ""),
    ("再接再励", "再接再厉", "", ""),
    ("迫不急待", "迫不及待", "", ""),
    ("一股作气", "一鼓作气", "", ""),
    ("按步就班", "按部就班", "", ""),
    ("融汇贯通", "融会贯通", "", ""),
    ("变本加利", "变本加厉", "", ""),
    ("出奇不意", "出其不意", "", ""),
    ("默守成规", "墨守成规", "", ""),
    ("穿流不息", "川流不息", "", ""),
    ("鼎立相助", "鼎力相助", "", ""),
    ("座落", "坐落", "", ""),
    ("急燥", "急躁", "", ""),
    ("松驰", "松弛", "", ""),
    ("脉博", "脉搏", "", ""),
    ("一愁莫展", "一筹莫展", "", ""),
    ("走头无路", "走投无路", "", ""),
    ("不径而走", "不胫而走", "", ""),
    ("直接了当", "直截了当", "", ""),
    ("精兵减政", "精兵简政", "", ""),
];

static STARTER_RULES: OnceLock<HouseRules> = OnceLock::new();

impl HouseRules {
    /// The starter list.
    pub fn starter() -> &'static HouseRules {
        STARTER_RULES.get_or_init(|| {
            HouseRules::new(HouseRules::starter_rules()).expect("the starter rules compile")
        })
    }

    pub fn starter_rules() -> Vec<HouseRule> {
        STARTER
            .iter()
            .filter(|(w, r, ..)| w != r)
            .map(|&(wrong, right, note, unless)| HouseRule {
                wrong: wrong.into(),
                right: right.into(),
                regex: false,
                note: note.into(),
                unless: unless.into(),
            })
            .collect()
    }

    /// No rules at all.
    pub fn empty() -> HouseRules {
        HouseRules::new(Vec::new()).expect("no rules compile")
    }

    pub fn new(rules: Vec<HouseRule>) -> Result<HouseRules, RulesError> {
        let mut literal: Vec<&str> = Vec::new();
        let mut literal_rule: Vec<usize> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut patterns = Vec::new();
        for (i, rule) in rules.iter().enumerate() {
            if rule.wrong.is_empty() {
                return Err(RulesError(format!("rule {}: empty “wrong”", i + 1)));
            }
            if rule.regex {
                let re = Regex::new(&rule.wrong)
                    .map_err(|e| RulesError(format!("rule {} ({}): {e}", i + 1, rule.wrong)))?;
                patterns.push((i, re));
            } else if seen.insert(rule.wrong.as_str()) {
                // The first rule for a wrong text is the one applied.
                literal.push(&rule.wrong);
                literal_rule.push(i);
            }
        }
        let literals = if literal.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&literal)
                    .map_err(|e| RulesError(e.to_string()))?,
            )
        };
        let pattern_set = if patterns.len() > 1 {
            Some(
                RegexSet::new(patterns.iter().map(|(i, _)| rules[*i].wrong.as_str()))
                    .map_err(|e| RulesError(e.to_string()))?,
            )
        } else {
            None
        };
        Ok(HouseRules {
            rules,
            literals,
            literal_rule,
            patterns,
            pattern_set,
        })
    }

    pub fn rules(&self) -> &[HouseRule] {
        &self.rules
    }

    /// Reads rules from TSV or JSON (a text starting with `[` is JSON).
    pub fn parse(text: &str) -> Result<HouseRules, RulesError> {
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        if trimmed.starts_with('[') {
            let rules: Vec<HouseRule> =
                serde_json::from_str(trimmed).map_err(|e| RulesError(format!("JSON: {e}")))?;
            return HouseRules::new(rules);
        }
        let mut rules = Vec::new();
        for (n, line) in trimmed.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let wrong = cols.next().unwrap_or("").trim();
            let Some(right) = cols.next() else {
                return Err(RulesError(format!(
                    "line {}: expected wrong<TAB>right",
                    n + 1
                )));
            };
            let (wrong, regex) = match wrong.strip_prefix("re:") {
                Some(pattern) => (pattern, true),
                None => (wrong, false),
            };
            rules.push(HouseRule {
                wrong: wrong.into(),
                right: right.trim().into(),
                regex,
                note: cols.next().unwrap_or("").trim().into(),
                unless: cols.next().unwrap_or("").trim().into(),
            });
        }
        HouseRules::new(rules)
    }

    /// The rules as TSV (the format [`HouseRules::parse`] reads).
    pub fn to_tsv(rules: &[HouseRule]) -> String {
        let mut out = String::from(
            "# wrong\tright\tnote\tunless — a wrong starting with re: is a regular expression\n",
        );
        for r in rules {
            let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
            out.push_str(&format!(
                "{}{}\t{}\t{}\t{}\n",
                if r.regex { "re:" } else { "" },
                clean(&r.wrong),
                clean(&r.right),
                clean(&r.note),
                clean(&r.unless)
            ));
        }
        out
    }

    pub(crate) fn check(&self, doc: &Doc, out: &mut Vec<Raw>) {
        let text = doc.text;
        let mut hits: Vec<(usize, usize, usize)> = Vec::new(); // byte start, end, rule
        if let Some(ac) = &self.literals {
            for m in ac.find_iter(text) {
                hits.push((
                    m.start(),
                    m.end(),
                    self.literal_rule[m.pattern().as_usize()],
                ));
            }
        }
        let matching = self.pattern_set.as_ref().map(|set| set.matches(text));
        for (k, (i, re)) in self.patterns.iter().enumerate() {
            if matching.as_ref().is_some_and(|m| !m.matched(k)) {
                continue;
            }
            for m in re.find_iter(text) {
                if m.start() < m.end() {
                    hits.push((m.start(), m.end(), *i));
                }
            }
        }
        hits.sort();
        // Byte offsets to character offsets, walking forward.
        let (mut byte, mut chars) = (0usize, 0usize);
        let mut to_char = |b: usize| {
            if b < byte {
                byte = 0;
                chars = 0;
            }
            chars += text[byte..b].chars().count();
            byte = b;
            chars
        };
        for (bs, be, i) in hits {
            let start = to_char(bs);
            let end = to_char(be);
            if !doc.checked(start) {
                continue;
            }
            let rule = &self.rules[i];
            if !rule.unless.is_empty() {
                let unless: Vec<char> = rule.unless.chars().collect();
                let stop = doc.chars[end..]
                    .iter()
                    .position(|&c| is_clause_end(c))
                    .map_or(doc.chars.len(), |p| end + p);
                if super::find_chars(&doc.chars[end..stop], &unless).is_some() {
                    continue;
                }
            }
            let note = if rule.note.is_empty() {
                String::new()
            } else {
                format!("（{}）", rule.note)
            };
            let matched = &text[bs..be];
            out.push(Raw::new(
                FindingKind::HouseRule,
                start,
                end,
                format!("“{matched}”应为“{}”{note}", rule.right),
                format!("write “{}” instead of “{matched}”", rule.right),
            ));
        }
    }
}
