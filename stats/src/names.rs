//! Unit names made one: `县发改委`, `发改委`, `县发展改革委` and
//! `县发展和改革委员会` are one unit, `发改委`.
//!
//! A raw name goes through these steps, each a named rule:
//! 1. [`clean`]: spaces, emphasis and wrapping brackets removed, a leading
//!    `中共` dropped (`中共某县县委组织部` is `某县县委组织部`).
//! 2. The series' own place names (`某县`, `某`, read from its office and
//!    title) are cut from the front.
//! 3. [`lookup`] in the built-in table of county bureaus and offices, by a
//!    key form where `和`/`与`/`、` are left out, `人民政府` reads `政府`,
//!    and a trailing `委员会` reads `委`, `办公室` reads `办`: so the table
//!    lists each name once, not every spelling.
//! 4. A place prefix ending in 县/区/市/旗 (`某某县`, `县`, `区`) is cut
//!    when what follows is a known unit or a township — only then, since
//!    `市场监管局` and `新市镇` begin with place characters too.
//! 5. Townships: `X镇人民政府`, `X镇政府`, `X镇党委` are `X镇`; `X乡…`
//!    likewise; `X街道办事处`, `X街道办` are `X街道`.
//! 6. Anything else is kept as cleaned, a leading `县`/`区` (not `县委`)
//!    dropped; the user's alias list (applied before and after the table)
//!    merges what the rules cannot know.
//!
//! Canonical names are the short forms offices print in their tables
//! (`发改委`, `财政局`, `县委办`), without the county prefix. The county's
//! own committee and government keep their level: `县委办`, `县政府`,
//! `团县委` — shown as `区委办` … in a series whose names mostly say 区
//! (see [`crate::Index`]).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// What sort of unit a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Party committee offices and departments (县委办, 组织部, 纪委监委).
    Party,
    /// The government office, people's congress, CPPCC.
    Government,
    /// Bureaus, commissions and centres of the county government.
    Bureau,
    /// Courts, procuratorate, people's organisations, vertical agencies.
    Other,
    /// A township, town or sub-district (X乡, X镇, X街道).
    Township,
    /// Not in the table: the cleaned name as given.
    Unknown,
    /// Named by the user's alias list.
    Alias,
}

/// A canonical unit name and its kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Canonical {
    pub name: String,
    pub kind: UnitKind,
}

/// One entry of the user's alias list: `name` (as written, or as the
/// table made it) is the unit `unit`. `series`, when set, limits it to the
/// bulletins of that title.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Alias {
    pub name: String,
    pub unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
}

/// The user's alias list (exported with the library as JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aliases {
    pub entries: Vec<Alias>,
}

impl Aliases {
    /// Reads the alias list from JSON (`{"entries":[…]}` or a bare array)
    /// or from text: one `name = unit` (or `name<TAB>unit`, or `name,unit`)
    /// a line, `#` starts a comment, `[title]` on a line of its own limits
    /// the lines after it to that series.
    pub fn parse(text: &str) -> Result<Aliases, String> {
        let t = text.trim_start_matches('\u{FEFF}').trim();
        if t.starts_with('{') {
            return serde_json::from_str(t).map_err(|e| format!("aliases JSON: {e}"));
        }
        if t.starts_with('[') && t.contains('{') {
            return serde_json::from_str::<Vec<Alias>>(t)
                .map(|entries| Aliases { entries })
                .map_err(|e| format!("aliases JSON: {e}"));
        }
        let mut entries = Vec::new();
        let mut series: Option<String> = None;
        for (n, line) in t.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(title) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let title = crate::identity::compact(title);
                series = (!title.is_empty()).then_some(title);
                continue;
            }
            let Some((name, unit)) = ['=', '\t', ',', '，']
                .iter()
                .find_map(|sep| line.split_once(*sep))
            else {
                return Err(format!(
                    "aliases line {}: '{line}' is not 'name = unit'",
                    n + 1
                ));
            };
            let (name, unit) = (clean(name), clean(unit));
            if name.is_empty() || unit.is_empty() {
                return Err(format!("aliases line {}: empty name or unit", n + 1));
            }
            entries.push(Alias {
                name,
                unit,
                series: series.clone(),
            });
        }
        Ok(Aliases { entries })
    }

    /// The unit an alias gives `name` in the series titled `title`.
    pub fn get(&self, name: &str, title: &str) -> Option<&str> {
        // A series-specific alias wins over a general one.
        let mut general = None;
        for a in &self.entries {
            if a.name == name {
                match &a.series {
                    Some(s) if s == title => return Some(&a.unit),
                    None if general.is_none() => general = Some(a.unit.as_str()),
                    _ => {}
                }
            }
        }
        general
    }
}

/// The canonical unit of a raw source name, with no series context.
pub fn canonical_unit(raw: &str) -> Canonical {
    canonical_unit_in(raw, &[])
}

/// The canonical unit of a raw source name in a series whose place names
/// are `places` (see [`places_of`]).
pub fn canonical_unit_in(raw: &str, places: &[String]) -> Canonical {
    let mut s = clean(raw);
    for place in places {
        if let Some(rest) = s.strip_prefix(place.as_str()) {
            if rest.chars().count() >= 2 {
                s = rest.to_owned();
                break;
            }
        }
    }
    if let Some(c) = lookup(&s) {
        return c;
    }
    if let Some(c) = special_forms(&s) {
        return c;
    }
    // A place prefix: cut at 县/区/市/旗 among the first few characters when
    // what follows is known.
    for (i, c) in s.char_indices().take(7) {
        if !matches!(c, '县' | '区' | '市' | '旗') {
            continue;
        }
        let rest = &s[i + c.len_utf8()..];
        if rest.is_empty() {
            continue;
        }
        if let Some(found) = lookup(rest)
            .or_else(|| special_forms(rest))
            .or_else(|| township(rest))
        {
            return found;
        }
    }
    if let Some(t) = township(&s) {
        return t;
    }
    let name = match s.strip_prefix(['县', '区']) {
        Some(rest) if rest.chars().count() >= 2 && !rest.starts_with('委') => rest.to_owned(),
        _ => s,
    };
    Canonical {
        name,
        kind: UnitKind::Unknown,
    }
}

/// The place names of a series, to cut from the front of its unit names:
/// the office's place (`某某县人民政府办公室` → `某某县`, `某某`) and the
/// title's (`某某政务快报` → `某某`). Only names of two characters or more.
pub fn places_of(title: &str, office: &str) -> Vec<String> {
    let office = office.strip_prefix("中共").unwrap_or(office);
    let mut places = Vec::new();
    for (i, c) in office.char_indices().take(8) {
        if matches!(c, '县' | '区' | '市' | '旗') && i > 0 {
            let with = &office[..i + c.len_utf8()];
            places.push(with.to_owned());
            if office[..i].chars().count() >= 2 {
                places.push(office[..i].to_owned());
            }
            break;
        }
    }
    const TITLE_WORDS: [&str; 8] = [
        "政务快报",
        "政务信息",
        "政务动态",
        "工作动态",
        "信息快报",
        "简报",
        "快报",
        "信息",
    ];
    for word in TITLE_WORDS {
        if let Some(i) = title.find(word) {
            let stem = title[..i].trim_end_matches(['县', '区', '市']);
            if stem.chars().count() >= 2 && !places.iter().any(|p| p == stem) {
                places.push(stem.to_owned());
            }
            break;
        }
    }
    // Longest first, so `某某县` is cut before `某某`.
    places.sort_by_key(|p| std::cmp::Reverse(p.len()));
    places
}

/// Spaces, emphasis and wrapping brackets removed; a leading `中共` dropped.
pub fn clean(raw: &str) -> String {
    let s: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '\u{200B}' | '\u{FEFF}'))
        .collect();
    let s = s.trim_matches(|c| {
        matches!(
            c,
            '【' | '】'
                | '['
                | ']'
                | '（'
                | '）'
                | '('
                | ')'
                | '「'
                | '」'
                | '〔'
                | '〕'
                | '：'
                | ':'
        )
    });
    s.strip_prefix("中共").unwrap_or(s).to_owned()
}

/// A name in the table, by its key form.
fn lookup(name: &str) -> Option<Canonical> {
    let table = table();
    let &(canonical, kind) = table.get(key_form(name).as_str())?;
    Some(Canonical {
        name: canonical.to_owned(),
        kind,
    })
}

/// Spellings the table lists once: `和`, `与`, `、` left out; `人民政府`
/// reads `政府`; a trailing `委员会` reads `委` and `办公室` reads `办`.
fn key_form(name: &str) -> String {
    let mut s: String = name
        .chars()
        .filter(|c| !matches!(c, '和' | '与' | '、' | '·'))
        .collect();
    if s.contains("人民政府") {
        s = s.replace("人民政府", "政府");
    }
    for (long, short) in [("委员会", "委"), ("办公室", "办")] {
        if let Some(stem) = s.strip_suffix(long) {
            s = format!("{stem}{short}");
        }
    }
    s
}

/// Names that carry another office's name inside them: a city bureau's
/// county branch (`市生态环境局某某分局`), the national tax service's
/// county bureau (`国家税务总局某某县税务局`), the Youth League's county
/// committee (`共青团某某县委`).
fn special_forms(s: &str) -> Option<Canonical> {
    let (name, kind) = if s.contains("生态环境") && s.ends_with("分局") {
        ("生态环境分局", UnitKind::Bureau)
    } else if s.starts_with("国家税务总局") && s.ends_with("税务局") {
        ("税务局", UnitKind::Other)
    } else if is_youth_league(s) {
        ("团县委", UnitKind::Other)
    } else {
        return None;
    };
    Some(Canonical {
        name: name.to_owned(),
        kind,
    })
}

/// `共青团某某县委`, `共青团某某县委员会`, `团县委`, `团区委`.
fn is_youth_league(s: &str) -> bool {
    let committee = s.ends_with('委') || s.ends_with("委员会");
    committee && (s.starts_with("共青团") || (s.starts_with('团') && s.chars().count() <= 4))
}

/// `X镇人民政府`, `X镇政府`, `X镇党委` → `X镇`; `X乡…` likewise; `X街道办事处`,
/// `X街道办`, `X街道党工委` → `X街道`. The stem is one to six characters
/// naming a place, not an office (no 局/委/部/院/办/中心 in it).
fn township(s: &str) -> Option<Canonical> {
    const FORMS: [(&str, &str); 12] = [
        ("街道办事处", "街道"),
        ("街道党工委", "街道"),
        ("街道办", "街道"),
        ("街道", "街道"),
        ("镇人民政府", "镇"),
        ("乡人民政府", "乡"),
        ("镇政府", "镇"),
        ("乡政府", "乡"),
        ("镇党委", "镇"),
        ("乡党委", "乡"),
        ("镇", "镇"),
        ("乡", "乡"),
    ];
    for (suffix, kept) in FORMS {
        let Some(stem) = s.strip_suffix(suffix) else {
            continue;
        };
        let n = stem.chars().count();
        let office_like = stem
            .chars()
            .any(|c| matches!(c, '局' | '委' | '部' | '院' | '办' | '所' | '站' | '县'))
            || stem.contains("中心")
            || stem.contains("公司")
            || stem.ends_with('各');
        if (1..=6).contains(&n) && !office_like {
            return Some(Canonical {
                name: format!("{stem}{kept}"),
                kind: UnitKind::Township,
            });
        }
        return None;
    }
    None
}

/// The built-in table: key form → (canonical name, kind).
fn table() -> &'static HashMap<String, (&'static str, UnitKind)> {
    static TABLE: OnceLock<HashMap<String, (&'static str, UnitKind)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for (canonical, kind, variants) in KNOWN {
            map.insert(key_form(canonical), (*canonical, *kind));
            for v in *variants {
                map.insert(key_form(v), (*canonical, *kind));
            }
        }
        map
    })
}

use UnitKind::{Bureau, Government, Other, Party};

/// The usual names of county offices, each with its other spellings. Listed
/// without the county prefix (a rule cuts it) and in key form's terms
/// (`发展和改革委员会` needs no separate `发展改革委` line).
#[rustfmt::skip]
const KNOWN: &[(&str, UnitKind, &[&str])] = &[
    // Party committee.
    ("县委办", Party, &["县委办公室", "委办", "委办公室", "党委办公室", "党委办", "县委办公室"]),
    ("组织部", Party, &["县委组织部", "委组织部", "组织部"]),
    ("宣传部", Party, &["县委宣传部", "委宣传部", "宣传部"]),
    ("统战部", Party, &["县委统战部", "委统战部", "统一战线工作部", "委统一战线工作部"]),
    ("政法委", Party, &["县委政法委", "委政法委", "政法委员会", "委政法委员会"]),
    ("纪委监委", Party, &["纪委", "监委", "纪委监察委", "纪律检查委员会", "监察委员会", "县纪委监委", "纪委监委", "县纪委", "纪检委", "纪律检查委员会监察委员会"]),
    ("编办", Party, &["机构编制委员会办公室", "编委办", "委编办", "县委编办", "机构编制办公室"]),
    ("党校", Party, &["县委党校", "委党校"]),
    ("巡察办", Party, &["县委巡察办", "委巡察办", "巡察工作领导小组办公室"]),
    ("网信办", Party, &["县委网信办", "委网信办", "网络安全和信息化委员会办公室"]),
    ("政研室", Party, &["县委政研室", "委政研室", "政策研究室", "委政策研究室"]),
    ("改革办", Party, &["县委改革办", "委改革办", "全面深化改革委员会办公室", "深改办"]),
    ("老干部局", Party, &["县委老干部局", "委老干部局"]),
    ("社会工作部", Party, &["县委社会工作部", "委社会工作部", "社工部"]),
    // Government, congress, CPPCC.
    ("县政府", Government, &["政府", "人民政府"]),
    ("政府办", Government, &["政府办公室", "政府办", "人民政府办公室"]),
    ("人大办", Government, &["人大常委会办公室", "人大常委会办", "人大办公室"]),
    ("人大常委会", Government, &["人大", "人民代表大会常务委员会"]),
    ("政协办", Government, &["政协办公室"]),
    ("政协", Government, &["中国人民政治协商会议", "政治协商会议"]),
    // Bureaus and commissions.
    ("发改委", Bureau, &["发展改革委", "发展和改革委员会", "发展和改革局", "发展改革局", "发改局"]),
    ("财政局", Bureau, &["财政"]),
    ("教体局", Bureau, &["教育体育局", "教育和体育局", "教育局", "教育"]),
    ("人社局", Bureau, &["人力资源和社会保障局", "人力资源社会保障局", "人社"]),
    ("住建局", Bureau, &["住房和城乡建设局", "住房城乡建设局", "住建委", "住房和城乡建设委员会", "城乡建设局", "建设局"]),
    ("交通运输局", Bureau, &["交通局", "交运局", "交通"]),
    ("农业农村局", Bureau, &["农业局", "农委", "农业农村委员会", "农业和农村工作局", "农业农村"]),
    ("自然资源局", Bureau, &["自然资源和规划局", "自然资源规划局", "自规局", "资规局", "国土资源局", "国土局"]),
    ("生态环境分局", Bureau, &["生态环境局", "环保局", "环境保护局", "环境局"]),
    ("卫健委", Bureau, &["卫生健康委员会", "卫生和健康委员会", "卫健局", "卫生健康局", "卫生局", "卫计委", "卫生和计划生育委员会"]),
    ("市场监管局", Bureau, &["市场监督管理局", "市监局", "市场局"]),
    ("应急管理局", Bureau, &["应急局", "应急办", "安监局", "安全生产监督管理局"]),
    ("统计局", Bureau, &["统计"]),
    ("文旅局", Bureau, &["文化广电和旅游局", "文化广电旅游局", "文化和旅游局", "文化旅游局", "文广旅局", "文广新旅局", "文化广电体育和旅游局", "文广体旅局", "文化广电新闻出版旅游局"]),
    ("商务局", Bureau, &["商务"]),
    ("民政局", Bureau, &["民政"]),
    ("司法局", Bureau, &["司法"]),
    ("公安局", Bureau, &["公安"]),
    ("水利局", Bureau, &["水务局", "水利"]),
    ("医保局", Bureau, &["医疗保障局", "医保"]),
    ("退役军人事务局", Bureau, &["退役军人局", "退役军人服务中心", "退役事务局"]),
    ("乡村振兴局", Bureau, &["扶贫办", "扶贫开发办", "乡村振兴"]),
    ("工信局", Bureau, &["工业和信息化局", "工业信息化局", "科工信局", "科工局", "科技工业和信息化局", "工业信息化和科技局", "工信委"]),
    ("科技局", Bureau, &["科学技术局"]),
    ("审计局", Bureau, &["审计"]),
    ("城管局", Bureau, &["城市管理局", "城市管理综合执法局", "城管执法局", "综合行政执法局", "城市管理和综合执法局"]),
    ("林业局", Bureau, &["林业"]),
    ("粮储局", Bureau, &["粮食和物资储备局", "粮食局", "粮食物资储备局"]),
    ("信访局", Bureau, &["信访"]),
    ("行政审批局", Bureau, &["行政审批服务局", "审批局", "行政审批和政务信息管理局"]),
    ("政务服务中心", Bureau, &["政务服务和大数据管理局", "政务服务局", "政务中心", "便民服务中心", "政数局"]),
    ("大数据局", Bureau, &["大数据管理局", "大数据中心", "大数据发展局"]),
    ("机关事务中心", Bureau, &["机关事务管理局", "机关事务服务中心", "机关事务局"]),
    ("融媒体中心", Bureau, &["融媒中心", "广播电视台", "新闻中心"]),
    ("投资促进局", Bureau, &["投促局", "招商局", "招商服务中心", "投资促进中心"]),
    ("金融服务中心", Bureau, &["金融工作局", "金融局", "金融办", "金融工作办", "地方金融监管局"]),
    ("国资局", Bureau, &["国有资产监督管理局", "国资委", "国有资产监督管理委员会", "国资中心"]),
    ("人防办", Bureau, &["人民防空办公室", "人防办", "国防动员办", "国动办"]),
    ("住房公积金中心", Bureau, &["住房公积金管理中心", "公积金中心"]),
    ("公共资源交易中心", Bureau, &["公共资源交易服务中心", "交易中心"]),
    ("开发区", Other, &["经济开发区", "经济技术开发区", "开发区管委会", "开发区管理委员会", "经济开发区管委会", "经济开发区管理委员会", "产业集聚区", "产业集聚区管委会", "产业集聚区管理委员会"]),
    ("供销社", Other, &["供销合作社联合社", "供销合作社", "供销联社"]),
    ("气象局", Other, &["气象"]),
    ("税务局", Other, &["税务"]),
    ("消防救援大队", Other, &["消防大队", "消防救援局"]),
    ("交警大队", Other, &["公安交警大队", "交通警察大队", "公安局交通管理大队", "交通管理大队"]),
    ("疾控中心", Other, &["疾病预防控制中心"]),
    ("中医院", Other, &["中医医院"]),
    ("妇幼保健院", Other, &["妇幼保健计划生育服务中心", "妇幼保健中心"]),
    ("法院", Other, &["人民法院"]),
    ("检察院", Other, &["人民检察院"]),
    ("总工会", Other, &["工会"]),
    ("团县委", Other, &["团委", "共青团委"]),
    ("妇联", Other, &["妇女联合会"]),
    ("残联", Other, &["残疾人联合会"]),
    ("科协", Other, &["科学技术协会"]),
    ("工商联", Other, &["工商业联合会"]),
    ("红十字会", Other, &["红十字"]),
    ("文联", Other, &["文学艺术界联合会"]),
    ("供电公司", Other, &["供电中心", "国网供电公司", "电业局"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn name(raw: &str) -> String {
        canonical_unit(raw).name
    }

    #[test]
    fn one_unit_however_written() {
        for raw in [
            "县发改委",
            "发改委",
            "县发展改革委",
            "县发展和改革委员会",
            "某某县发展和改革委员会",
            "区发改局",
        ] {
            assert_eq!(name(raw), "发改委", "{raw}");
        }
        for raw in [
            "县卫健委",
            "卫生健康委员会",
            "某县卫生健康委员会",
            "县卫健局",
        ] {
            assert_eq!(name(raw), "卫健委", "{raw}");
        }
        for raw in [
            "县市场监管局",
            "市场监督管理局",
            "市场监管局",
            "某某县市场监督管理局",
            "市监局",
        ] {
            assert_eq!(name(raw), "市场监管局", "{raw}");
        }
        for raw in ["县委办", "县委办公室", "中共某某县委办公室", "区委办"] {
            assert_eq!(name(raw), "县委办", "{raw}");
        }
        for raw in [
            "县政府办",
            "县人民政府办公室",
            "某某县人民政府办公室",
            "政府办",
        ] {
            assert_eq!(name(raw), "政府办", "{raw}");
        }
        for raw in ["县教体局", "县教育局", "教育和体育局", "县教育体育局"] {
            assert_eq!(name(raw), "教体局", "{raw}");
        }
        assert_eq!(name("市生态环境局某某分局"), "生态环境分局");
        assert_eq!(name("国家税务总局某某县税务局"), "税务局");
        assert_eq!(name("共青团某某县委"), "团县委");
        assert_eq!(name("共青团某某县委员会"), "团县委");
        assert_eq!(name("团区委"), "团县委");
        assert_eq!(name("县疾病预防控制中心"), "疾控中心");
        assert_eq!(name("县公安局交通管理大队"), "交警大队");
        assert_eq!(name(" 县 财 政 局 "), "财政局");
        assert_eq!(name("【县住建局】"), "住建局");
    }

    #[test]
    fn townships() {
        for raw in [
            "城关镇",
            "城关镇人民政府",
            "县城关镇",
            "某某县城关镇政府",
            "城关镇党委",
        ] {
            assert_eq!(name(raw), "城关镇", "{raw}");
        }
        assert_eq!(name("东湖街道办事处"), "东湖街道");
        assert_eq!(name("东湖街道办"), "东湖街道");
        assert_eq!(name("榆林乡人民政府"), "榆林乡");
        // 司, 公 and the like are place characters too; only 公司 is a company.
        assert_eq!(canonical_unit("司寨乡").kind, UnitKind::Township);
        assert_eq!(canonical_unit("某某公司乡").kind, UnitKind::Unknown);
        // Place characters inside a township's own name.
        assert_eq!(name("新市镇"), "新市镇");
        assert_eq!(name("城区街道"), "城区街道");
        assert_eq!(canonical_unit("新市镇").kind, UnitKind::Township);
    }

    #[test]
    fn place_characters_in_office_names_stay() {
        assert_eq!(name("市场监管局"), "市场监管局");
        assert_eq!(name("县委组织部"), "组织部");
        assert_eq!(name("乡村振兴局"), "乡村振兴局");
        // Unknown names: kept, a bare county prefix dropped.
        assert_eq!(name("县蔬菜产业发展中心"), "蔬菜产业发展中心");
        assert_eq!(canonical_unit("县蔬菜产业发展中心").kind, UnitKind::Unknown);
        assert_eq!(name("某某食品有限公司"), "某某食品有限公司");
    }

    #[test]
    fn series_places_are_cut() {
        let places = places_of("青川政务快报", "青川县人民政府办公室");
        assert_eq!(places, vec!["青川县".to_owned(), "青川".to_owned()]);
        assert_eq!(
            canonical_unit_in("青川县蔬菜中心", &places).name,
            "蔬菜中心"
        );
        assert_eq!(canonical_unit_in("青川蔬菜中心", &places).name, "蔬菜中心");
        assert_eq!(canonical_unit_in("青川镇", &places).name, "青川镇");
        let places = places_of("南屏工作动态", "中共南屏区委办公室");
        assert_eq!(places, vec!["南屏区".to_owned(), "南屏".to_owned()]);
    }

    #[test]
    fn aliases_from_text_and_json() {
        let a =
            Aliases::parse("# mine\n蔬菜办 = 农业农村局\n[青川政务快报]\n城关 = 城关镇\n").unwrap();
        assert_eq!(a.entries.len(), 2);
        assert_eq!(a.get("蔬菜办", "任何"), Some("农业农村局"));
        assert_eq!(a.get("城关", "青川政务快报"), Some("城关镇"));
        assert_eq!(a.get("城关", "别的"), None);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(Aliases::parse(&json).unwrap(), a);
        assert!(Aliases::parse("没有等号").is_err());
    }
}
