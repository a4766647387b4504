//! Unit names made one: `县发改委`, `发改委`, `县发展改革委` and
//! `县发展和改革委员会` are the same bureau. A reporting unit's name is
//! reduced to a key in three steps, each a named rule: the user's aliases
//! (exact names they chose to merge), the usual full names of county bureaus
//! written as their common abbreviation, and the county/district/city prefix
//! dropped where it is only a prefix. Units belong to a series (one title):
//! the library keys them by `(series, unit)`, so this module never merges
//! across bulletins of different offices.

use std::collections::BTreeMap;

/// Full names of county bureaus → the abbreviation offices write (longest
/// first where one contains another, so the longer is tried first).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("发展和改革委员会", "发改委"),
    ("发展改革委员会", "发改委"),
    ("发展和改革局", "发改委"),
    ("发展改革委", "发改委"),
    ("发展改革局", "发改委"),
    ("发改局", "发改委"),
    ("人力资源和社会保障局", "人社局"),
    ("人力资源社会保障局", "人社局"),
    ("市场监督管理局", "市场监管局"),
    ("自然资源和规划局", "自然资源局"),
    ("住房和城乡建设局", "住建局"),
    ("住房城乡建设局", "住建局"),
    ("教育和体育局", "教体局"),
    ("教育体育局", "教体局"),
    ("文化广电和旅游局", "文旅局"),
    ("文化广电旅游局", "文旅局"),
    ("文化和旅游局", "文旅局"),
    ("卫生健康委员会", "卫健委"),
    ("卫生和健康委员会", "卫健委"),
    ("卫生健康委", "卫健委"),
    ("卫生健康局", "卫健委"),
    ("交通运输局", "交通局"),
    ("医疗保障局", "医保局"),
    ("退役军人事务局", "退役军人局"),
    ("工业和信息化局", "工信局"),
    ("科学技术局", "科技局"),
    ("城市管理局", "城管局"),
    ("城市管理综合执法局", "城管局"),
    ("农业农村局", "农业农村局"),
    ("应急管理局", "应急局"),
    ("生态环境分局", "生态环境局"),
    ("人民政府办公室", "政府办"),
    ("政府办公室", "政府办"),
    ("统计局", "统计局"),
];

/// Organs whose name needs the county in front (`县委`, `县政府`, `县人大`,
/// `县政协`): the prefix is kept there, or `县委` would become `委`.
const KEEPS_PREFIX: &[&str] = &["委", "政府", "人大", "政协"];

/// Words that begin with a prefix character without being prefixed
/// (`市场监管局`, `市政公用局`, `区域…`).
const PREFIX_WORDS: &[&str] = &["市场", "市政", "区域"];

/// The user's alias list: `规范名=别名1、别名2` (or `,`/`，`-separated), one
/// canonical name a line; `#` starts a comment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Aliases {
    /// Each alias (as written, and as its key) → the canonical name.
    map: BTreeMap<String, String>,
}

impl Aliases {
    pub fn parse(text: &str) -> Aliases {
        let mut map = BTreeMap::new();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((canonical, aliases)) = line.split_once(['=', '＝']) else {
                continue;
            };
            let canonical = canonical.trim();
            if canonical.is_empty() {
                continue;
            }
            for alias in aliases.split(['、', ',', '，', ';', '；']) {
                let alias = alias.trim();
                if !alias.is_empty() {
                    map.insert(alias.to_owned(), canonical.to_owned());
                    map.insert(builtin_key(alias), canonical.to_owned());
                }
            }
        }
        Aliases { map }
    }
}

/// The key a raw unit name is counted under.
pub fn unit_key(raw: &str, aliases: &Aliases) -> String {
    let raw = raw.trim();
    if let Some(c) = aliases.map.get(raw) {
        return c.clone();
    }
    let key = builtin_key(raw);
    aliases.map.get(&key).cloned().unwrap_or(key)
}

/// The built-in rules alone: abbreviations, then the prefix.
pub fn builtin_key(raw: &str) -> String {
    let name: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let name = abbreviate_bureau(&name);
    drop_county_prefix(&name).to_owned()
}

/// A bureau's full name written as its usual abbreviation: the first table
/// entry found in the name replaces it (`县发展和改革委员会` → `县发改委`).
fn abbreviate_bureau(name: &str) -> String {
    for (full, short) in ABBREVIATIONS {
        if let Some(at) = name.find(full) {
            return format!("{}{}{}", &name[..at], short, &name[at + full.len()..]);
        }
    }
    name.to_owned()
}

/// `县`/`区`/`市` in front of a bureau is only where it sits: dropped, unless
/// the organ needs it (`县委`) or the character begins a word (`市场`), or
/// nothing would be left.
fn drop_county_prefix(name: &str) -> &str {
    for prefix in ["县", "区", "市"] {
        if let Some(rest) = name.strip_prefix(prefix) {
            let keeps = KEEPS_PREFIX.iter().any(|k| rest.starts_with(k))
                || PREFIX_WORDS.iter().any(|w| name.starts_with(w));
            if !keeps && rest.chars().count() >= 2 {
                return rest;
            }
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(raw: &str) -> String {
        unit_key(raw, &Aliases::default())
    }

    #[test]
    fn the_four_ways_of_writing_the_development_commission_are_one() {
        for raw in [
            "县发改委",
            "发改委",
            "县发展改革委",
            "县发展和改革委员会",
            "区发展改革局",
        ] {
            assert_eq!(key(raw), "发改委", "{raw}");
        }
    }

    #[test]
    fn other_bureaus_and_their_abbreviations() {
        assert_eq!(key("县人力资源和社会保障局"), key("人社局"));
        assert_eq!(key("县市场监督管理局"), "市场监管局");
        assert_eq!(key("市场监管局"), "市场监管局");
        assert_eq!(key("市市场监管局"), "市场监管局");
        assert_eq!(key("县卫生健康委员会"), key("县卫健委"));
        assert_eq!(key("县 应急管理局"), key("应急局"));
    }

    #[test]
    fn organs_that_need_the_county_keep_it_and_towns_are_untouched() {
        assert_eq!(key("县委办"), "县委办");
        assert_eq!(key("县政府办公室"), "县政府办");
        assert_eq!(key("县人大常委会"), "县人大常委会");
        assert_eq!(key("城关镇"), "城关镇");
        assert_eq!(key("县"), "县");
    }

    #[test]
    fn user_aliases_win_and_match_prefixed_forms() {
        let aliases = Aliases::parse("供电公司=县供电公司、国网供电所\n# note\n税务=县税务局");
        assert_eq!(unit_key("国网供电所", &aliases), "供电公司");
        assert_eq!(unit_key("县供电公司", &aliases), "供电公司");
        assert_eq!(unit_key("税务局", &aliases), "税务");
        assert_eq!(unit_key("县财政局", &aliases), "财政局");
        assert_eq!(Aliases::parse("nothing here"), Aliases::default());
    }
}
