//! Invented bulletins for tests, benchmarks and the page's end-to-end
//! tests: several series (titles and offices of two invented counties),
//! two years, unit names written in their usual variants, several issues
//! in some files, known gaps in the issue numbers — and the answer key: the
//! true adoption counts per series and quarter, the indicator values and
//! the gaps, computed from what was written, not by reading it back.
//!
//! Deterministic for a seed. All text is made up here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SynthOptions {
    /// Bulletins (issues), spread over the series.
    pub bulletins: usize,
    pub seed: u64,
    /// The first year; issues run over two years from it.
    pub first_year: i32,
    /// Every `n`th file holds two issues one after another (0: never).
    pub two_issue_files_every: usize,
    /// Items per bulletin: from `items.0` to `items.1` inclusive.
    pub items: (usize, usize),
    /// Extra sentences of body per item (0: one-line items), to make
    /// bulletins of a realistic size: `(12, 16)` items with 4 extra
    /// sentences give about 10 KB a bulletin, 5 MB for 500.
    pub extra_sentences: usize,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            bulletins: 300,
            seed: 7,
            first_year: 2023,
            two_issue_files_every: 20,
            items: (6, 11),
            extra_sentences: 0,
        }
    }
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SynthFile {
    /// A relative path (`云梧政务信息/2024-03-08-第12期.txt`).
    pub name: String,
    pub text: String,
}

/// The true counts of what was generated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerKey {
    pub bulletins: usize,
    /// Per series and quarter: items adopted per canonical unit.
    pub adoption: Vec<AnswerAdoption>,
    /// The indicator written into the finance bureau's monthly items.
    pub indicators: Vec<AnswerIndicator>,
    /// Issue numbers left out, per series and year.
    pub gaps: Vec<AnswerGaps>,
    /// Raw names written per canonical unit.
    pub variants: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerAdoption {
    pub title: String,
    pub office: String,
    /// `2024-Q1` ([`crate::Period::code`]).
    pub period: String,
    pub bulletins: u32,
    pub items: u32,
    pub units: BTreeMap<String, u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerIndicator {
    pub title: String,
    pub unit: String,
    pub label: String,
    pub measure: String,
    /// `(ISO date, value)` in date order.
    pub points: Vec<(String, f64)>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerGaps {
    pub title: String,
    pub year: i32,
    pub missing: Vec<u32>,
}

struct Series {
    title: &'static str,
    office: &'static str,
    /// Units: canonical name and the raw spellings written.
    units: &'static [(&'static str, &'static [&'static str])],
    sections: &'static [&'static str],
}

const COMMON_UNITS: &[(&str, &[&str])] = &[
    (
        "发改委",
        &["县发改委", "发改委", "县发展改革委", "县发展和改革委员会"],
    ),
    ("财政局", &["县财政局", "财政局"]),
    ("教体局", &["县教体局", "县教育体育局", "教体局"]),
    ("人社局", &["县人社局", "县人力资源和社会保障局", "人社局"]),
    ("住建局", &["县住建局", "县住房和城乡建设局"]),
    ("交通运输局", &["县交通运输局", "县交通局"]),
    ("农业农村局", &["县农业农村局", "农业农村局"]),
    ("卫健委", &["县卫健委", "县卫生健康委员会", "卫健委"]),
    ("市场监管局", &["县市场监管局", "县市场监督管理局"]),
    ("应急管理局", &["县应急管理局", "县应急局"]),
    ("文旅局", &["县文化广电和旅游局", "县文旅局"]),
    ("民政局", &["县民政局", "民政局"]),
    ("城关镇", &["城关镇", "城关镇人民政府"]),
    ("桃源乡", &["桃源乡", "桃源乡政府"]),
    ("河西街道", &["河西街道办事处", "河西街道"]),
];

const SHILAN_UNITS: &[(&str, &[&str])] = &[
    ("发改委", &["区发改委", "区发展和改革委员会"]),
    ("财政局", &["区财政局", "石岚区财政局"]),
    ("人社局", &["区人社局", "区人力资源社会保障局"]),
    ("住建局", &["区住建局"]),
    ("市场监管局", &["区市场监管局", "石岚区市场监督管理局"]),
    ("东坡镇", &["东坡镇", "东坡镇人民政府"]),
    ("南湖街道", &["南湖街道办事处", "南湖街道办"]),
];

const PARTY_UNITS: &[(&str, &[&str])] = &[
    ("组织部", &["县委组织部", "中共云梧县委组织部"]),
    ("宣传部", &["县委宣传部"]),
    ("政法委", &["县委政法委"]),
    ("纪委监委", &["县纪委监委", "县纪委"]),
    ("城关镇", &["城关镇党委", "城关镇"]),
];

fn all_series() -> [Series; 3] {
    [
        Series {
            title: "云梧政务信息",
            office: "云梧县人民政府办公室",
            units: COMMON_UNITS,
            sections: &["工作动态", "基层信息", "经验交流"],
        },
        Series {
            title: "石岚政务快报",
            office: "石岚区人民政府办公室",
            units: SHILAN_UNITS,
            sections: &["重点工作", "街镇动态"],
        },
        Series {
            title: "云梧工作动态",
            office: "中共云梧县委办公室",
            units: PARTY_UNITS,
            sections: &[],
        },
    ]
}

const TOPICS: [&str; 10] = [
    "项目建设",
    "营商环境",
    "民生实事",
    "安全生产",
    "乡村振兴",
    "就业服务",
    "文明创建",
    "招商引资",
    "基层治理",
    "环境整治",
];

const SURNAMES: [&str; 6] = ["王", "李", "张", "刘", "陈", "杨"];
const GIVEN: [&str; 6] = ["晓东", "丽华", "建国", "海燕", "志强", "雪梅"];

/// A small fast generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len())]
    }
}

/// Days in each month of `year`.
fn month_days(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Day `n` (from 0) of the two years from `first_year`, as (year, month, day).
fn date_of(first_year: i32, mut n: u32) -> (i32, u32, u32) {
    let mut year = first_year;
    loop {
        for month in 1..=12 {
            let days = month_days(year, month);
            if n < days {
                return (year, month, n + 1);
            }
            n -= days;
        }
        year += 1;
    }
}

/// Generates the files and their answer key.
pub fn generate(options: &SynthOptions) -> (Vec<SynthFile>, AnswerKey) {
    let mut rng = Rng(options.seed);
    let series = all_series();
    let mut key = AnswerKey::default();
    let mut adoption: BTreeMap<(usize, String), AnswerAdoption> = BTreeMap::new();
    let mut indicator_points: Vec<(String, f64)> = Vec::new();
    let mut gaps: BTreeMap<(usize, i32), Vec<u32>> = BTreeMap::new();
    let mut texts: Vec<(String, String)> = Vec::new();
    let per_series = options.bulletins.div_ceil(series.len()).max(1);
    // Two years of days shared out evenly.
    let span = 730u32;
    let step = (span / per_series as u32).max(1);
    let mut made = 0;
    for (s, sr) in series.iter().enumerate() {
        let mut issue_in_year: BTreeMap<i32, u32> = BTreeMap::new();
        let mut months_with_finance: BTreeMap<(i32, u32), ()> = BTreeMap::new();
        for k in 0..per_series {
            if made >= options.bulletins {
                break;
            }
            let day = (k as u32 * step + s as u32).min(span - 1);
            let (year, month, dom) = date_of(options.first_year, day);
            let number = issue_in_year.entry(year).or_insert(0);
            *number += 1;
            // Every 17th number is skipped: a known gap.
            if number.is_multiple_of(17) {
                gaps.entry((s, year)).or_default().push(*number);
                *number += 1;
            }
            let issue = *number;
            made += 1;
            let quarter = (month - 1) / 3 + 1;
            let period = format!("{year:04}-Q{quarter}");
            let acc = adoption
                .entry((s, period.clone()))
                .or_insert_with(|| AnswerAdoption {
                    title: sr.title.to_owned(),
                    office: sr.office.to_owned(),
                    period,
                    ..Default::default()
                });
            acc.bulletins += 1;

            let mut text = format!(
                "{}\n\n第 {issue} 期\n\n{}        {year} 年 {month} 月 {dom} 日\n\n",
                sr.title, sr.office
            );
            let (lo, hi) = (
                options.items.0.max(1),
                options.items.1.max(options.items.0.max(1)),
            );
            let items = lo + rng.below(hi - lo + 1);
            let mut current_section = usize::MAX;
            // Finance's monthly revenue item, in the first issue of a month (series 0).
            let finance_item = s == 0 && months_with_finance.insert((year, month), ()).is_none();
            for n in 0..items {
                if !sr.sections.is_empty() {
                    let section = n * sr.sections.len() / items;
                    if section != current_section {
                        current_section = section;
                        text.push_str(&format!("【{}】\n\n", sr.sections[section]));
                    }
                }
                let (canonical, raw) = if finance_item && n == 0 {
                    ("财政局", "县财政局")
                } else {
                    let (c, variants) = rng.pick(sr.units);
                    (*c, *rng.pick(variants))
                };
                key.variants
                    .entry(canonical.to_owned())
                    .or_default()
                    .push(raw.to_owned());
                let mut credited = vec![canonical];
                let topic = rng.pick(&TOPICS);
                let headline_unit = display_prefix(raw);
                let body = if finance_item && n == 0 {
                    // 一般公共预算收入, in 亿元 with two decimals.
                    let hundredths = 150
                        + (month as usize) * 20
                        + rng.below(40)
                        + (year - options.first_year) as usize * 30;
                    let value = hundredths as f64 / 100.0;
                    indicator_points.push((format!("{year:04}-{month:02}-{dom:02}"), value * 1e8));
                    format!(
                        "{headline_unit}加强收入征管  全县一般公共预算收入完成 {value:.2} 亿元，收入质量稳步提高。"
                    )
                } else {
                    let a = 3 + rng.below(40);
                    let b = 100 + rng.below(9000);
                    format!(
                        "{headline_unit}扎实推进{topic}工作  今年以来，围绕{topic}开展专项行动 {a} 场，服务群众 {b} 人次，工作成效持续显现。"
                    )
                };
                text.push_str(&body);
                for _ in 0..options.extra_sentences {
                    let c = 2 + rng.below(30);
                    let d = 10 + rng.below(990);
                    let t = rng.pick(&TOPICS);
                    text.push_str(&format!(
                        "同时，聚焦{t}短板弱项，组织专题调研 {c} 次，梳理问题清单 {d} 条，逐项明确责任单位和完成时限。"
                    ));
                }
                // Sources: mostly one unit; some with a person; some two units.
                let roll = rng.below(10);
                let source = if roll == 0 && !(finance_item && n == 0) {
                    let (c2, variants2) = rng.pick(sr.units);
                    let raw2 = *rng.pick(variants2);
                    if *c2 != canonical {
                        credited.push(c2);
                        key.variants
                            .entry((*c2).to_owned())
                            .or_default()
                            .push(raw2.to_owned());
                    }
                    format!("{raw}、{raw2}")
                } else if roll == 1 {
                    format!("{raw} {}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN))
                } else {
                    raw.to_owned()
                };
                text.push_str(&format!("（{source}）\n\n"));
                acc.items += 1;
                for c in credited {
                    *acc.units.entry(c.to_owned()).or_default() += 1;
                }
            }
            text.push_str("本期发：县委常委，县人大常委会主任，县政府副县长。\n\n");
            text.push_str(&format!(
                "责任编辑：{}{}    审核：{}{}    签发：{}{}\n",
                rng.pick(&SURNAMES),
                rng.pick(&GIVEN),
                rng.pick(&SURNAMES),
                rng.pick(&GIVEN),
                rng.pick(&SURNAMES),
                rng.pick(&GIVEN)
            ));
            let name = format!("{}/{year:04}-{month:02}-{dom:02}-第{issue}期.txt", sr.title);
            texts.push((name, text));
        }
    }
    // Some files hold two issues: the next one appended.
    let mut files = Vec::new();
    let mut i = 0;
    while i < texts.len() {
        let (name, mut text) = texts[i].clone();
        let joins = options.two_issue_files_every > 0
            && i % options.two_issue_files_every == options.two_issue_files_every - 1
            && i + 1 < texts.len()
            && texts[i + 1].0.split('/').next() == name.split('/').next();
        if joins {
            text.push_str("\n\n");
            text.push_str(&texts[i + 1].1);
            i += 1;
        }
        files.push(SynthFile { name, text });
        i += 1;
    }
    for list in key.variants.values_mut() {
        list.sort();
        list.dedup();
    }
    key.bulletins = made;
    key.adoption = adoption.into_values().collect();
    key.indicators = vec![AnswerIndicator {
        title: series[0].title.to_owned(),
        unit: "财政局".to_owned(),
        label: "一般公共预算收入".to_owned(),
        measure: "元".to_owned(),
        points: indicator_points,
    }];
    key.gaps = gaps
        .into_iter()
        .map(|((s, year), missing)| AnswerGaps {
            title: series[s].title.to_owned(),
            year,
            missing,
        })
        .collect();
    (files, key)
}

/// How a unit opens its own headline: `县发改委…`; a bare `发改委` gets
/// the county prefix, as headlines usually have it.
fn display_prefix(raw: &str) -> String {
    if raw.starts_with(['县', '区'])
        || raw.contains('镇')
        || raw.contains('乡')
        || raw.contains("街道")
        || raw.starts_with("中共")
    {
        raw.trim_start_matches("中共").to_owned()
    } else {
        format!("县{raw}")
    }
}
