//! Invented bulletins, generated deterministically for the benchmark and the
//! big-input tests: as much text as asked for, in the layouts real bulletins
//! come in (plain text with two-space or single-space headline breaks,
//! markdown with bold headlines, text copied out of a PDF with hard-wrapped
//! lines, page numbers and page breaks in mid-sentence), with figures of
//! every kind and the non-figures around them (dates, ordinals, quoted
//! names). No text is taken from real bulletins; the vocabulary is generic.
//!
//! Shared by `benches/parse.rs` and `tests/big_input.rs` (through `#[path]`).

#![allow(dead_code)]

/// A generated bulletin and what went into it.
pub struct Corpus {
    pub text: String,
    /// Items written: each is one headline, one body and a source.
    pub items: usize,
    /// Section headings written.
    pub sections: usize,
}

impl Corpus {
    pub fn chars(&self) -> usize {
        self.text.chars().count()
    }
}

/// A small, fast, deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const SECTIONS: &[&str] = &[
    "经济运行",
    "项目建设",
    "乡村振兴",
    "民生保障",
    "平安建设",
    "营商环境",
    "生态环保",
    "安全生产",
    "社会事业",
    "城市管理",
    "招商引资",
    "文明创建",
];

/// (headline unit, source as printed in the closing parenthetical)
const UNITS: &[(&str, &str)] = &[
    ("县财政局", "财政局"),
    ("县发改委", "发改委"),
    ("县民政局", "民政局"),
    ("县人社局", "人社局"),
    ("县住建局", "住建局"),
    ("县交通运输局", "交通运输局"),
    ("县农业农村局", "农业农村局"),
    ("县水利局", "水利局"),
    ("县卫健委", "卫健委"),
    ("县教育局", "教育局"),
    ("县市场监管局", "市场监管局"),
    ("县应急管理局", "应急管理局"),
    ("县自然资源局", "自然资源局"),
    ("县医保局", "医保局"),
    ("县商务局", "商务局"),
    ("县文广旅局", "文广旅局"),
    ("县税务局", "税务局"),
    ("县城管局", "城管局"),
    ("城关镇", "城关镇"),
    ("东湖乡", "东湖乡"),
    ("西岭镇", "西岭镇"),
    ("石桥乡", "石桥乡"),
    ("南河镇", "南河镇"),
    ("青山镇", "青山镇"),
    ("柳林乡", "柳林乡"),
];

const TOWNS: &[&str] = &[
    "城关镇",
    "东湖乡",
    "西岭镇",
    "石桥乡",
    "南河镇",
    "青山镇",
    "柳林乡",
    "北坡乡",
];

const ACTIONS: &[&str] = &[
    "扎实推进重点项目建设",
    "多措并举稳就业促增收",
    "全力做好防汛备汛工作",
    "强化资金监管助推项目落地",
    "持续优化营商环境",
    "深入开展安全生产大检查",
    "聚焦民生实事提升群众满意度",
    "抓实高标准农田建设",
    "推动老旧小区改造提质增效",
    "开展“春风行动”专场招聘",
    "筑牢基层医疗服务网底",
    "打好污染防治攻坚战",
];

const OPENERS: &[&str] = &[
    "今年以来，",
    "1—8 月份，",
    "一季度，",
    "截至 2024 年 6 月底，",
    "近期，",
    "1-3月份，",
    "上半年，",
];

const LABELS_MONEY: &[&str] = &[
    "完成固定资产投资",
    "争取上级资金",
    "发放补贴资金",
    "拨付专项资金",
    "实现交易额",
    "完成一般公共预算收入",
];
const LABELS_COUNT: &[&str] = &[
    "新开工项目",
    "排查企业",
    "培训农村劳动力",
    "走访群众",
    "新增市场主体",
    "化解矛盾纠纷",
];
const COUNT_UNITS: &[&str] = &[
    "个",
    "家",
    "人",
    "人次",
    "户",
    "起",
    "场",
    "次",
    "处",
    "台（套）",
];
const MEASURES: &[(&str, &str)] = &[
    ("新建道路", "公里"),
    ("改造管网", "米"),
    ("流转土地", "亩"),
    ("清运垃圾", "吨"),
    ("完成造林", "亩"),
    ("改造房屋", "平方米"),
];
const FILLERS: &[&str] = &[
    "坚持问题导向，压实工作责任，建立周调度、月通报机制",
    "一是健全工作台账，二是强化督导检查，三是严格落实“四严禁”要求",
    "紧盯群众急难愁盼问题，推动各项政策落地见效",
    "严格落实中央八项规定精神，持续开展“百日行动”",
    "围绕年度目标任务，细化工作举措，明确时间节点",
    "组织第二批专项督查组深入一线，对发现的问题立行立改",
    "依托“一周一通报”制度，形成比学赶超的良好氛围",
];

const CN_DIGITS: &[&str] = &["一", "两", "三", "四", "五", "六", "七", "八", "九"];

fn push_number(out: &mut String, rng: &mut Rng, max: u64, decimals: bool) {
    let n = rng.range(1, max);
    if decimals && rng.chance(50) {
        out.push_str(&format!("{}.{}", n, rng.range(1, 99)));
    } else if n >= 1000 && rng.chance(20) {
        // Thousands separators, as some units type them.
        out.push_str(&format!("{},{:03}", n / 1000, n % 1000));
    } else if rng.chance(5) {
        // Full-width digits from older typesetting.
        out.extend(
            n.to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)),
        );
    } else {
        out.push_str(&n.to_string());
    }
}

/// A space around a number, as PDF export often leaves one.
fn pad(out: &mut String, rng: &mut Rng, pdf_spacing: bool) {
    if pdf_spacing && rng.chance(70) {
        out.push(' ');
    }
}

/// One sentence with one or more figures of one kind.
fn sentence(out: &mut String, rng: &mut Rng, pdf: bool) {
    match rng.range(0, 9) {
        0 | 1 => {
            out.push_str(rng.pick(LABELS_MONEY));
            pad(out, rng, pdf);
            if rng.chance(20) {
                out.push_str(rng.pick(&["约", "近", "超"]));
            }
            push_number(out, rng, 9999, true);
            pad(out, rng, pdf);
            let approx_after = rng.chance(20);
            if approx_after {
                out.push('余');
            }
            out.push_str(rng.pick(&["万元", "亿元", "元", "亿"]));
            out.push('，');
            out.push_str(rng.pick(&["同比增长", "同比下降", "增长", "占全年目标的"]));
            pad(out, rng, pdf);
            push_number(out, rng, 99, true);
            out.push(rng.pick(&['%', '％']));
        }
        2 | 3 => {
            out.push_str(rng.pick(LABELS_COUNT));
            pad(out, rng, pdf);
            push_number(out, rng, 3000, false);
            pad(out, rng, pdf);
            if rng.chance(25) {
                out.push(rng.pick(&['余', '多']));
            }
            out.push_str(rng.pick(COUNT_UNITS));
            if rng.chance(40) {
                // A list of counts: 32 家、15 家、4 家.
                let unit = rng.pick(&["家", "个", "处"]);
                out.push_str("，其中");
                for i in 0..rng.range(2, 4) {
                    if i > 0 {
                        out.push('、');
                    }
                    out.push_str(rng.pick(TOWNS));
                    push_number(out, rng, 60, false);
                    out.push_str(unit);
                }
            }
        }
        4 => {
            // 67户270人, 三个评标室.
            out.push_str("惠及");
            push_number(out, rng, 500, false);
            out.push('户');
            push_number(out, rng, 2000, false);
            out.push_str("人，设立");
            out.push_str(rng.pick(CN_DIGITS));
            out.push_str("个服务专班");
        }
        5 | 6 => {
            let (label, unit) = rng.pick(MEASURES);
            out.push_str(label);
            pad(out, rng, pdf);
            push_number(out, rng, 20000, true);
            pad(out, rng, pdf);
            if rng.chance(20) {
                out.push('万');
            }
            out.push_str(unit);
        }
        7 => {
            out.push_str("提高");
            pad(out, rng, pdf);
            push_number(out, rng, 9, false);
            pad(out, rng, pdf);
            out.push_str("个百分点，连续");
            out.push_str(rng.pick(CN_DIGITS));
            out.push_str("次位居全市前列");
        }
        8 => {
            out.push_str("仅用");
            pad(out, rng, pdf);
            push_number(out, rng, 30, false);
            pad(out, rng, pdf);
            out.push_str("天完成审批，");
            out.push_str(rng.pick(&["8 月 28 日至 8 月 31 日", "4月14日", "2024年5月"]));
            out.push_str("集中开展专项检查");
        }
        _ => out.push_str(rng.pick(FILLERS)),
    }
}

/// How many figures the bodies carry.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Density {
    /// Every sentence holds figures: about one per 14 characters of body,
    /// bodies of about 90 characters. A stress load for the figure scanner.
    Dense,
    /// As real bulletins are written: bodies of 120–380 characters, mostly
    /// prose (what was done and how), with the figures gathered in a few
    /// sentences; about one figure per 55 characters of body.
    Everyday,
}

/// Clauses of prose with no figure in them (invented, in the register of a
/// county bulletin): what was done, how, and why. Some hold what looks like
/// a number but is none (enumerators, ordinals, dates, slogans, quoted names).
const PROSE: &[&str] = &[
    "围绕年度目标任务细化工作举措",
    "坚持问题导向和目标导向相结合",
    "建立健全周调度、月通报、季考核工作机制",
    "组织相关部门召开专题推进会议",
    "深入田间地头开展政策宣传",
    "一是强化组织领导，二是压实部门责任，三是加强督导检查",
    "严格落实“一岗双责”要求",
    "对照《实施方案》逐项抓好落实",
    "聚焦群众反映强烈的突出问题",
    "持续推进“放管服”改革向纵深发展",
    "安排专人负责跟踪对接",
    "统一规划、统一标准、统一验收",
    "主动靠前服务，帮助企业解决实际困难",
    "进一步提升群众的获得感和满意度",
    "第三季度将继续加大工作力度",
    "按照“边排查、边整改、边规范”的思路",
    "积极争取上级政策和项目支持",
    "通过召开座谈会、入户走访等形式广泛征求意见",
    "形成上下联动、齐抓共管的工作格局",
    "把各项工作做细做实",
    "坚持一手抓疫情防控、一手抓复工复产",
    "落实好中央八项规定精神",
    "切实筑牢安全生产防线",
    "推动各项惠民政策落地见效",
    "依托数字化平台实现信息共享",
    "邀请专家现场指导技术难题",
    "及时发现并消除各类风险隐患",
    "以钉钉子精神抓好问题整改",
    "确保年底前全面完成目标任务",
    "为全县高质量发展提供有力保障",
    "在全县范围内开展“回头看”活动",
    "结合实际制定了详细的工作台账",
];

/// A sentence of prose: two to four clauses.
fn prose_sentence(out: &mut String, rng: &mut Rng) {
    let clauses = rng.range(2, 4);
    for i in 0..clauses {
        if i > 0 {
            out.push('，');
        }
        out.push_str(rng.pick(PROSE));
    }
}

/// A body as real bulletins have them: an opening of prose, then sentences
/// that mix prose and figures, 120–380 characters in all.
fn everyday_body(rng: &mut Rng, pdf: bool) -> String {
    let mut body = String::new();
    let target = rng.range(120, 340) as usize * 3; // bytes, nearly all CJK
    prose_sentence(&mut body, rng);
    body.push('。');
    while body.len() < target {
        if rng.chance(50) {
            if rng.chance(40) {
                body.push_str(rng.pick(OPENERS));
            }
            sentence(&mut body, rng, pdf);
        } else {
            prose_sentence(&mut body, rng);
        }
        body.push(if rng.chance(70) { '。' } else { '；' });
    }
    body
}

/// How one bulletin is laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Items separated by blank lines; headline then two spaces.
    Plain,
    /// Markdown headings, bold headlines.
    Markdown,
    /// Text copied out of a PDF: spaces around numbers, hard-wrapped
    /// bodies, page numbers, page breaks in mid-sentence.
    Pdf,
}

fn body(rng: &mut Rng, pdf: bool, density: Density) -> String {
    if density == Density::Everyday {
        return everyday_body(rng, pdf);
    }
    let mut body = String::new();
    body.push_str(rng.pick(OPENERS));
    let sentences = rng.range(2, 6);
    for i in 0..sentences {
        sentence(&mut body, rng, pdf);
        body.push(if i + 1 == sentences {
            '。'
        } else {
            rng.pick(&['，', '；', '。'])
        });
    }
    body
}

/// Breaks `text` into lines of about `width` characters, as a PDF copy does.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width + 1);
    for (i, c) in text.chars().enumerate() {
        if i > 0 && i % width == 0 {
            out.push('\n');
        }
        out.push(c);
    }
    out
}

fn item(out: &mut String, rng: &mut Rng, layout: Layout, density: Density, page: &mut u32) {
    let (unit, source) = rng.pick(UNITS);
    let headline = format!("{unit}{}", rng.pick(ACTIONS));
    let mut text = body(rng, layout == Layout::Pdf, density);
    let sources = if rng.chance(10) {
        let n = rng.range(2, 4) as usize;
        let mut towns: Vec<&str> = Vec::new();
        while towns.len() < n {
            let t = rng.pick(TOWNS);
            if !towns.contains(&t) {
                towns.push(t);
            }
        }
        format!("（{}）", towns.join(" "))
    } else if rng.chance(15) {
        format!("( {source} )")
    } else {
        format!("（{source}）")
    };
    match layout {
        Layout::Plain => {
            out.push_str(&headline);
            // One space is a headline break only between Chinese characters.
            let cjk_next = text.chars().next().is_some_and(|c| !c.is_ascii());
            out.push_str(if cjk_next && rng.chance(50) {
                " "
            } else {
                "  "
            });
            out.push_str(&text);
            out.push_str(&sources);
        }
        Layout::Markdown => {
            out.push_str(&format!("**{headline}** "));
            out.push_str(&text);
            out.push_str(&sources);
        }
        Layout::Pdf => {
            out.push_str(&headline);
            out.push_str("  ");
            if rng.chance(20) {
                // A page break in mid-sentence: the page number between blank lines.
                let half = text.chars().count() / 2;
                let cut = text.char_indices().nth(half).map_or(0, |(i, _)| i);
                *page += 1;
                out.push_str(&wrap(&text[..cut], 38));
                out.push_str(&format!("\n\n- {page} -\n\n"));
                text.drain(..cut);
            }
            out.push_str(&wrap(&text, 38));
            out.push_str(&sources);
        }
    }
    out.push('\n');
    if layout != Layout::Pdf || rng.chance(60) {
        out.push('\n');
    }
}

fn masthead(out: &mut String, rng: &mut Rng, layout: Layout, issue: u64) {
    let title = if layout == Layout::Markdown {
        "# 松陵政务快报"
    } else {
        "松陵政务快报"
    };
    let (year, month, day) = (2020 + rng.range(0, 5), rng.range(1, 12), rng.range(1, 28));
    out.push_str(&format!("{title}\n\n第 {issue} 期\n\n"));
    if rng.chance(50) {
        out.push_str(&format!(
            "松陵县人民政府办公室        {year} 年 {month} 月 {day} 日\n\n"
        ));
    } else {
        out.push_str(&format!(
            "松陵县人民政府办公室\n\n{year} 年 {month} 月 {day} 日\n\n"
        ));
    }
}

fn footer(out: &mut String, layout: Layout) {
    if layout == Layout::Markdown {
        out.push_str("---\n\n");
    }
    out.push_str("本期发：县委常委，县人大常委会主任，县政府副县长，县政协主席。\n\n");
    out.push_str("责任编辑：王 晓    审核：陈立群    签发：赵明远\n");
}

/// One bulletin of at least `target_bytes` (a huge one when asked for:
/// the masthead, then sections of items until the size is reached, then the
/// footer).
pub fn bulletin(target_bytes: usize, seed: u64) -> Corpus {
    bulletin_of(target_bytes, seed, Density::Dense)
}

/// [`bulletin`] with the figure density chosen by the caller.
pub fn bulletin_of(target_bytes: usize, seed: u64, density: Density) -> Corpus {
    let mut rng = Rng::new(seed);
    let layout = rng.pick(&[Layout::Plain, Layout::Markdown, Layout::Pdf]);
    one_bulletin(&mut rng, layout, density, target_bytes)
}

/// One bulletin in each layout in turn; the same as [`bulletin`] but with
/// the layout chosen by the caller (0 plain, 1 markdown, 2 PDF copy).
pub fn bulletin_in_layout(target_bytes: usize, seed: u64, layout: usize) -> Corpus {
    let mut rng = Rng::new(seed);
    let layout = [Layout::Plain, Layout::Markdown, Layout::Pdf][layout % 3];
    one_bulletin(&mut rng, layout, Density::Dense, target_bytes)
}

fn one_bulletin(rng: &mut Rng, layout: Layout, density: Density, target_bytes: usize) -> Corpus {
    let mut out = String::with_capacity(target_bytes + 4096);
    let issue = rng.range(1, 60);
    masthead(&mut out, rng, layout, issue);
    let (mut items, mut sections, mut page) = (0, 0, 1);
    let with_sections = rng.chance(85);
    while out.len() < target_bytes || items == 0 {
        if with_sections {
            let name = SECTIONS[sections % SECTIONS.len()];
            out.push_str(&match layout {
                Layout::Markdown => format!("## 【{name}】\n\n"),
                _ => format!("【{name}】\n\n"),
            });
            sections += 1;
        }
        for _ in 0..rng.range(1, 4) {
            item(&mut out, rng, layout, density, &mut page);
            items += 1;
        }
    }
    footer(&mut out, layout);
    Corpus {
        text: out,
        items,
        sections,
    }
}

/// Many bulletins of everyday size (4–16 KB) adding up to `target_bytes`.
pub fn bulletins(target_bytes: usize, seed: u64) -> Vec<Corpus> {
    bulletins_of(target_bytes, seed, Density::Dense)
}

/// [`bulletins`] with the figure density chosen by the caller.
pub fn bulletins_of(target_bytes: usize, seed: u64, density: Density) -> Vec<Corpus> {
    let mut rng = Rng::new(seed);
    let mut all = Vec::new();
    let mut total = 0;
    while total < target_bytes {
        let size = rng.range(4 * 1024, 16 * 1024) as usize;
        let b = bulletin_of(size, rng.next(), density);
        total += b.text.len();
        all.push(b);
    }
    all
}
