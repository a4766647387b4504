//! The units and measure words a number can carry in a bulletin, what kind
//! of quantity each makes, and which numerals may stand before it.
//!
//! A unit is looked up by its first character (a `match`, so a jump table,
//! not a scan of the whole table), longest spelling first. Each unit lists
//! the characters that, right after it, turn it into the first half of an
//! ordinary word: `次` + `性` is `一次性`, `项` + `目` is `项目`, `处` + `理`
//! is `处理`. Such a match is no unit at all.

use crate::model::FigureKind::{self, Count, Duration, Measure, Money, Percent};

use super::chars::{at, at_bytes, char_at, same, CharSet};
use crate::bytes::HAN_LEADS;

/// Which Chinese numerals may count with a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterCn {
    /// Arabic digits only (`300 方`, not `三方`; `5 部`, not `一部`).
    No,
    /// Any Chinese numeral; a lone `一` only at the end of a clause
    /// (`新建游园一个。`), since elsewhere `一个`, `一项` are articles.
    One,
    /// Like `One`, and a lone `一` also after an activity verb or `每`:
    /// `每季度开展一次`, `召开一次推进会`.
    Event,
    /// Chinese numerals, but never a lone `一` (`一批` is "a batch",
    /// `一起` is "together", `一种` is "a kind of").
    Many,
}

#[derive(Debug)]
pub struct Unit {
    pub text: &'static str,
    pub kind: FigureKind,
    pub cn: AfterCn,
    /// Followers that make the unit the start of another word.
    pub not_before: &'static [&'static str],
    /// Bit `x & 63` for the third byte `x` of each follower: a character
    /// after the unit whose third byte has no bit starts none of them.
    followers: u64,
    /// The few units the rules single out, told apart without comparing
    /// text once per figure.
    pub role: Role,
    /// The unit as a figure shows it (`％` as `%`).
    pub shown: &'static str,
}

/// Units with rules of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `个`: `1个多月`, `两个半月` hold a qualifier inside the unit.
    Ge,
    /// `年`: after a year (`2023年`) no duration.
    Year,
    /// `名`, `位`: `前 10 名` is a rank.
    Rank,
    Other,
}

/// `a == b`, in a constant.
const fn same_text(a: &str, b: &str) -> bool {
    a.len() == b.len() && same(a.as_bytes(), b.as_bytes())
}

const fn u(
    text: &'static str,
    kind: FigureKind,
    cn: AfterCn,
    not_before: &'static [&'static str],
) -> Unit {
    let mut followers = 0u64;
    let mut k = 0;
    while k < not_before.len() {
        let w = not_before[k].as_bytes();
        followers |= if w.len() >= 3 {
            1u64 << (w[2] & 63)
        } else {
            u64::MAX
        };
        k += 1;
    }
    let role = if same_text(text, "个") {
        Role::Ge
    } else if same_text(text, "年") {
        Role::Year
    } else if same_text(text, "名") || same_text(text, "位") {
        Role::Rank
    } else {
        Role::Other
    };
    Unit {
        text,
        kind,
        cn,
        not_before,
        followers,
        role,
        shown: if same_text(text, "％") {
            "%"
        } else if same_text(text, "摄氏度") {
            "℃"
        } else if same_text(text, "块钱") {
            "元"
        } else {
            text
        },
    }
}

use AfterCn::{Event, Many, No, One};

// Grouped by first character; within a group, longest first.
static GE: [Unit; 7] = [
    u("个百分点", Percent, One, &[]),
    u("个工作日", Duration, One, &[]),
    u("个小时", Duration, One, &[]),
    u("个季度", Duration, One, &[]),
    u("个星期", Duration, One, &[]),
    u("个月", Duration, One, &[]),
    // `四个全面`, `两个维护`, `个体`, `个性`: slogans and words, not counts.
    u(
        "个",
        Count,
        One,
        &[
            "全面",
            "意识",
            "自信",
            "维护",
            "确立",
            "代表",
            "务必",
            "必须",
            "体",
            "性",
            "案",
            "税",
            "别",
            "人所得",
        ],
    ),
];
static REN: [Unit; 2] = [
    u("人次", Count, One, &[]),
    u(
        "人",
        Count,
        One,
        &[
            "民",
            "员",
            "才",
            "工",
            "口",
            "类",
            "格",
            "身",
            "生",
            "心",
            "事",
            "物",
            "力",
            "文",
            "性",
            "群",
            "权",
            "大代表",
        ],
    ),
];
static MING: [Unit; 1] = [u(
    "名",
    Count,
    One,
    &[
        "单", "额", "称", "义", "录", "片", "牌", "誉", "次", "优", "校", "师", "医", "列",
    ],
)];
static WEI: [Unit; 1] = [u("位", Count, One, &["于", "置", "数", "次", "列", "居"])];
static HU: [Unit; 2] = [
    u("户次", Count, One, &[]),
    u(
        "户",
        Count,
        One,
        &["籍", "外", "口", "型", "主", "头", "政", "内"],
    ),
];
static JIA: [Unit; 2] = [
    u("家次", Count, One, &[]),
    u(
        "家",
        Count,
        One,
        &[
            "具", "电", "庭", "长", "属", "乡", "园", "访", "政", "风", "底", "务", "居", "用",
            "门", "人",
        ],
    ),
];
static SUO: [Unit; 1] = [u(
    "所",
    Count,
    One,
    &["有", "以", "在", "属", "得", "谓", "需", "长", "述", "提"],
)];
static CHU: [Unit; 1] = [u(
    "处",
    Count,
    One,
    &["理", "置", "罚", "于", "长", "室", "分", "级", "境", "事"],
)];
static JIAN: [Unit; 2] = [u("件次", Count, One, &[]), u("件", Count, One, &[])];
static TAO: [Unit; 1] = [u("套", Count, One, &["餐", "路", "取", "用"])];
static TAI: [Unit; 3] = [
    u("台次", Count, One, &[]),
    u("台套", Count, One, &[]),
    u(
        "台",
        Count,
        One,
        &["账", "湾", "阶", "风", "上", "前", "下"],
    ),
];
// `分` alone is a score or a time of day, never counted here.
static FEN: [Unit; 1] = [u("分钟", Duration, One, &[])];
static FEN_PART: [Unit; 1] = [u("份", Count, One, &["额", "子"])];
static ZHANG: [Unit; 1] = [u("张", Count, One, &["贴", "挂", "扬", "弛", "罗"])];
static TIAO: [Unit; 1] = [u(
    "条",
    Count,
    One,
    &["件", "例", "款", "理", "线", "幅", "码", "形", "龙", "心"],
)];
// `八项规定` is the name of a regulation, not eight items.
static XIANG: [Unit; 2] = [
    u("项次", Count, One, &[]),
    u("项", Count, One, &["目", "规定", "禁令"]),
];
static BAN: [Unit; 1] = [u("班次", Count, One, &[])];
// `15道` (culverts, procedures); `道路`, `道德` are words.
static DAO: [Unit; 1] = [u(
    "道",
    Count,
    No,
    &["路", "德", "理", "歉", "口", "观", "教", "班", "院"],
)];
static QI_CASE: [Unit; 1] = [u(
    "起",
    Count,
    Many,
    &[
        "来", "步", "草", "诉", "止", "始", "点", "源", "飞", "到", "居", "码",
    ],
)];
static LI: [Unit; 1] = [u("例", Count, No, &["如", "外", "行", "会"])];
static ZONG: [Unit; 1] = [u("宗", Count, No, &["旨", "教", "族"])];
static BI: [Unit; 1] = [u("笔", Count, No, &["记", "者", "试"])];
static PI: [Unit; 2] = [
    u("批次", Count, Many, &[]),
    u(
        "批",
        Count,
        Many,
        &["准", "复", "示", "发", "评", "判", "转"],
    ),
];
// `一期工程` is phase one, not one issue.
static QI_ISSUE: [Unit; 1] = [u(
    "期",
    Count,
    One,
    &[
        "间", "限", "待", "望", "满", "末", "工程", "项目", "建设", "改造", "扩建",
    ],
)];
static CHANG: [Unit; 2] = [
    u("场次", Count, One, &[]),
    u(
        "场",
        Count,
        One,
        &["所", "地", "景", "馆", "域", "合", "面", "站"],
    ),
];
static LUN: [Unit; 1] = [u(
    "轮",
    Count,
    One,
    &["换", "岗", "值", "训", "流", "胎", "椅"],
)];
static BIAN: [Unit; 1] = [u("遍", Count, Event, &["布", "及"])];
static HUI: [Unit; 1] = [u(
    "回",
    Count,
    Many,
    &[
        "收", "访", "应", "复", "头", "族", "乡", "流", "归", "来", "报", "顾", "落",
    ],
)];
static TANG: [Unit; 1] = [u("趟", Count, Event, &[])];
// `一次性`, `三次产业`, `次生灾害`.
static CI: [Unit; 1] = [u(
    "次",
    Count,
    Event,
    &["性", "产业", "元", "生", "要", "日", "级", "序"],
)];
static ZUO: [Unit; 1] = [u("座", Count, One, &["谈", "位", "椅"])];
static JIAN_ROOM: [Unit; 1] = [u("间", Count, One, &["隔", "距", "断"])];
static DONG: [Unit; 1] = [u("栋", Count, One, &[])];
static ZHUANG: [Unit; 1] = [u("幢", Count, One, &[])];
static CENG: [Unit; 1] = [u("层", Count, No, &["面", "级", "次", "楼"])];
static LIANG: [Unit; 2] = [u("辆次", Count, One, &[]), u("辆", Count, One, &[])];
// `10 万尾` (fry released); `尾款`, `尾矿` are words.
static WEI_FISH: [Unit; 1] = [u(
    "尾",
    Count,
    No,
    &["款", "矿", "气", "声", "部", "号", "端", "随"],
)];
static MEI_PIECE: [Unit; 1] = [u("枚", Count, One, &["举"])];
static SOU: [Unit; 1] = [u("艘", Count, One, &[])];
static JIA_FRAME: [Unit; 2] = [
    u("架次", Count, One, &[]),
    u("架", Count, One, &["构", "设"]),
];
static CHE: [Unit; 1] = [u("车次", Count, One, &[])];
static ZHI_ANIMAL: [Unit; 1] = [u(
    "只",
    Count,
    One,
    &["有", "是", "能", "要", "会", "需", "争"],
)];
static TOU: [Unit; 1] = [u("头", Count, One, &["条", "脑", "号", "等", "部"])];
static YU_BIRD: [Unit; 1] = [u("羽", Count, No, &[])];
static ZHU: [Unit; 1] = [u("株", Count, One, &[])];
static KE_TREE: [Unit; 1] = [u("棵", Count, One, &[])];
static ZHAN: [Unit; 1] = [u("盏", Count, One, &[])];
static GEN: [Unit; 1] = [u("根", Count, One, &["据", "本", "治", "源"])];
static DING: [Unit; 1] = [u("顶", Count, No, &["层", "端", "格"])];
static ZHI_BRANCH: [Unit; 1] = [u(
    "支",
    Count,
    One,
    &["持", "出", "付", "部", "撑", "援", "队"],
)];
static BEN: [Unit; 1] = [u(
    "本",
    Count,
    One,
    &[
        "地", "级", "单", "次", "期", "年", "月", "着", "身", "质", "领", "土", "部", "人", "科",
        "市", "县", "镇", "乡",
    ],
)];
static CE: [Unit; 1] = [u("册", Count, One, &[])];
static FENG: [Unit; 1] = [u("封", Count, One, &["闭", "存", "控", "顶", "堵", "面"])];
static XIANG_BOX: [Unit; 1] = [u("箱", Count, One, &[])];
static DAI: [Unit; 1] = [u("袋", Count, One, &[])];
static TONG: [Unit; 1] = [u("桶", Count, One, &[])];
static PING: [Unit; 4] = [
    u("平方公里", Measure, One, &[]),
    u("平方千米", Measure, One, &[]),
    u("平方米", Measure, One, &[]),
    u("平米", Measure, One, &[]),
];
static PING_BOTTLE: [Unit; 1] = [u("瓶", Count, One, &[])];
static HE: [Unit; 1] = [u("盒", Count, One, &[])];
// `十块钱`: spoken 元.
static KUAI: [Unit; 2] = [u("块钱", Money, One, &[]), u("块", Count, One, &[])];
static MIAN: [Unit; 1] = [u("面", Count, No, &["积", "貌", "临", "向", "对", "上"])];
static LEI: [Unit; 1] = [u("类", Count, Many, &["型", "别", "似"])];
static ZHONG: [Unit; 1] = [u("种", Count, Many, &["植", "类", "子", "苗", "养"])];
static PIAN: [Unit; 1] = [u("篇", Count, One, &[])];
static FU: [Unit; 1] = [u("幅", Count, One, &["度"])];
static BU: [Unit; 2] = [
    u("部门", Count, Many, &[]),
    u("部", Count, No, &["署", "分", "位", "长", "队"]),
];
static DAN: [Unit; 1] = [u("单", Count, No, &["位", "元", "独", "一", "据"])];
static JIE: [Unit; 1] = [u("届", Count, Many, &["时", "满"])];

static LI_CUBE: [Unit; 2] = [u("立方米", Measure, One, &[]), u("立方", Measure, No, &[])];
static GONG: [Unit; 3] = [
    u("公顷", Measure, One, &[]),
    u("公里", Measure, One, &[]),
    u("公斤", Measure, One, &[]),
];
static GONG_WORK: [Unit; 1] = [u("工作日", Duration, No, &[])];
static MU: [Unit; 1] = [u("亩", Measure, One, &[])];
static QIAN: [Unit; 5] = [
    u("千瓦时", Measure, One, &[]),
    u("千瓦", Measure, One, &[]),
    u("千伏", Measure, One, &[]),
    u("千米", Measure, One, &[]),
    u("千克", Measure, One, &[]),
];
static LI_CM: [Unit; 1] = [u("厘米", Measure, One, &[])];
static HAO: [Unit; 3] = [
    u("毫米", Measure, One, &[]),
    u("毫升", Measure, One, &[]),
    u("毫克", Measure, One, &[]),
];
/// Vaccine and medicine doses: `接种3.5万剂次`.
static JI_DOSE: [Unit; 2] = [
    u("剂次", Count, One, &[]),
    u("剂", Count, Many, &["量", "型", "师"]),
];
/// Micrograms, as in air quality (`41微克/立方米`).
static WEI_GRAM: [Unit; 1] = [u("微克", Measure, No, &[])];
static MI: [Unit; 1] = [u("米", Measure, One, &["面", "粉", "粮"])];
static JIN: [Unit; 1] = [u("斤", Measure, One, &[])];
static KE: [Unit; 1] = [u("克", Measure, No, &["服"])];
static DUN: [Unit; 1] = [u("吨", Measure, One, &["位"])];
static ZHAO: [Unit; 1] = [u("兆瓦", Measure, One, &[])];
static WA: [Unit; 1] = [u("瓦", Measure, No, &["解", "片", "房"])];
static FU_VOLT: [Unit; 1] = [u("伏", Measure, No, &["天", "期"])];
// `度` is kWh or degrees after digits; `一度` is "once".
static DU: [Unit; 1] = [u(
    "度",
    Measure,
    No,
    &["假", "过", "汛", "量", "势", "化", "电", "夏", "日"],
)];
static SHENG: [Unit; 1] = [u(
    "升",
    Measure,
    No,
    &["级", "值", "温", "高", "学", "格", "华", "旗"],
)];
static FANG: [Unit; 1] = [u(
    "方",
    Measure,
    No,
    &[
        "面", "案", "式", "法", "向", "位", "针", "便", "言", "正", "圆", "舱", "阵", "志",
    ],
)];
static HAILI: [Unit; 1] = [u("海里", Measure, One, &[])];

static TIAN: [Unit; 1] = [u(
    "天",
    Duration,
    One,
    &[
        "然", "气", "地", "下", "空", "使", "津", "堂", "安", "门", "价", "数",
    ],
)];
static XIAO: [Unit; 1] = [u("小时", Duration, One, &[])];
static MIAO: [Unit; 1] = [u("秒", Duration, One, &["杀"])];
static ZHOU: [Unit; 2] = [
    u("周岁", Duration, One, &[]),
    u(
        "周",
        Duration,
        No,
        &[
            "年", "岁", "边", "末", "转", "期", "一", "二", "三", "四", "五", "六", "日",
        ],
    ),
];
// `年` after digits is a duration only when the number is no year:
// `scan` rules out `2023年` and `23年8月` before it asks here.
static NIAN: [Unit; 1] = [u(
    "年",
    Duration,
    No,
    &[
        "度", "级", "代", "龄", "均", "轻", "华", "鉴", "会", "报", "终", "货", "检", "审", "底",
        "初", "末", "中",
    ],
)];
static SUI: [Unit; 1] = [u("岁", Duration, One, &["月"])];

static BAI: [Unit; 1] = [u("百分点", Percent, No, &[])];
static PERCENT: [Unit; 1] = [u("%", Percent, No, &[])];
static PERCENT_FW: [Unit; 1] = [u("％", Percent, No, &[])];
static PERMILLE: [Unit; 1] = [u("‰", Percent, No, &[])];
// `九成以上`: tenths. `成员`, `成本`, `成效` are words.
static CHENG: [Unit; 1] = [u(
    "成",
    Percent,
    Many,
    &[
        "员", "本", "效", "果", "立", "功", "交", "为", "绩", "熟", "品", "长", "型", "就", "都",
        "年", "片", "套", "批", "色", "分", "了", "的", "绩", "像", "形", "全",
    ],
)];
static BEI: [Unit; 1] = [u("倍", Percent, One, &["增", "数", "率"])];

static YUAN: [Unit; 1] = [u(
    "元",
    Money,
    One,
    &[
        "素", "旦", "宵", "首", "件", "器", "老", "帅", "宇", "气", "化",
    ],
)];
static MEI: [Unit; 1] = [u("美元", Money, One, &[])];
static OU: [Unit; 1] = [u("欧元", Money, One, &[])];
static GANG: [Unit; 1] = [u("港元", Money, One, &[])];
static RI: [Unit; 1] = [u("日元", Money, Many, &["旦"])];
static YING: [Unit; 1] = [u("英镑", Money, No, &[])];
static HAN: [Unit; 1] = [u("韩元", Money, No, &[])];
static LU: [Unit; 1] = [u("卢布", Money, No, &[])];
static AO: [Unit; 1] = [u("澳元", Money, No, &[])];
static SHE: [Unit; 1] = [u("摄氏度", Measure, One, &[])];

static SYMBOLS: [Unit; 7] = [
    u("㎡", Measure, No, &[]),
    u("㎞", Measure, No, &[]),
    u("㎏", Measure, No, &[]),
    u("㎥", Measure, No, &[]),
    u("㎝", Measure, No, &[]),
    u("㎜", Measure, No, &[]),
    u("℃", Measure, No, &[]),
];

/// Units spelled in Latin letters; they must not run on into more letters
/// (`5G` is a network, `4A` a rating).
static LATIN: [Unit; 20] = [
    // k
    u("km²", Measure, No, &[]),
    u("km2", Measure, No, &[]),
    u("km", Measure, No, &[]),
    u("kg", Measure, No, &[]),
    u("kWh", Measure, No, &[]),
    u("kwh", Measure, No, &[]),
    u("kW", Measure, No, &[]),
    u("kw", Measure, No, &[]),
    u("kV", Measure, No, &[]),
    // K
    u("KWh", Measure, No, &[]),
    u("KW", Measure, No, &[]),
    u("KV", Measure, No, &[]),
    // M
    u("MWh", Measure, No, &[]),
    u("MW", Measure, No, &[]),
    // m
    u("m²", Measure, No, &[]),
    u("m³", Measure, No, &[]),
    u("m2", Measure, No, &[]),
    u("m3", Measure, No, &[]),
    u("m", Measure, No, &[]),
    // t
    u("t", Measure, No, &[]),
];

/// The unit at byte `i` of `s`, if one starts there and is not the first
/// half of another word.
pub fn match_unit(s: &str, i: usize) -> Option<&'static Unit> {
    // Most characters after a number start no unit: one bit of
    // `UNIT_STARTS` says so; the others find their group by name.
    let (c, n) = char_at(s, i)?;
    let group = unit_group(c)?;
    let latin = n == 1;
    // Every unit of the group starts with the key's character: only the
    // rest is compared.
    let unit = group.iter().find(|u| {
        u.text
            .as_bytes()
            .get(n..)
            .is_some_and(|rest| at_bytes(s, i + n, rest))
    })?;
    let end = i + unit.text.len();
    // Only a Han character can continue the unit into a word.
    let han_next = s.as_bytes().get(end).is_some_and(|x| HAN_LEADS.contains(x));
    let may_follow = || {
        s.as_bytes()
            .get(end + 2)
            .is_some_and(|&x| unit.followers & (1u64 << (x & 63)) != 0)
    };
    if han_next && may_follow() && unit.not_before.iter().any(|w| at(s, end, w)) {
        return None;
    }
    // A Latin unit must end where the letters end: `5G`, `3D`, `4A` are names.
    if latin && char_at(s, end).is_some_and(|(n, _)| n.is_ascii_alphanumeric()) {
        return None;
    }
    Some(unit)
}

/// The first character of every unit: exactly the characters
/// [`group_of`] has a group for (a test checks both ways).
pub const UNIT_FIRST_CHARS: [char; 122] = [
    '个', '人', '名', '位', '户', '家', '所', '处', '件', '套', '台', '分', '份', '张', '条', '项',
    '班', '道', '起', '例', '宗', '笔', '批', '期', '场', '轮', '遍', '回', '趟', '次', '座', '间',
    '栋', '幢', '层', '辆', '尾', '枚', '艘', '架', '车', '只', '头', '羽', '株', '棵', '盏', '根',
    '顶', '支', '本', '册', '封', '箱', '袋', '桶', '平', '瓶', '盒', '块', '面', '类', '种', '篇',
    '幅', '部', '单', '届', '立', '公', '工', '亩', '千', '厘', '毫', '米', '斤', '克', '吨', '兆',
    '瓦', '伏', '度', '升', '方', '海', '天', '小', '秒', '周', '年', '岁', '百', '%', '％', '‰',
    '成', '倍', '元', '美', '欧', '港', '日', '英', '㎡', '㎞', '㎏', '㎥', '㎝', '㎜', '℃', 'k',
    'K', 'M', 'm', 't', '韩', '卢', '澳', '摄', '剂', '微',
];

/// [`UNIT_FIRST_CHARS`] as a set.
pub static UNIT_STARTS: CharSet = CharSet::new(&UNIT_FIRST_CHARS);

/// The units starting with `c`, when some do: a bit test rules out most
/// characters, [`group_of`] names the group of the rest.
#[inline]
fn unit_group(c: char) -> Option<&'static [Unit]> {
    if !UNIT_STARTS.contains(c) {
        return None;
    }
    group_of(c)
}

/// Every first character has its group (checked when the crate builds).
const _: () = {
    let mut k = 0;
    while k < UNIT_FIRST_CHARS.len() {
        assert!(
            group_of(UNIT_FIRST_CHARS[k]).is_some(),
            "a first character without a group"
        );
        k += 1;
    }
};

/// `units[from..to]`, in a constant.
const fn part(units: &'static [Unit], from: usize, to: usize) -> &'static [Unit] {
    units.split_at(to).0.split_at(from).1
}

/// The units starting with `c`.
const fn group_of(c: char) -> Option<&'static [Unit]> {
    let group: &'static [Unit] = match c {
        '个' => &GE,
        '人' => &REN,
        '名' => &MING,
        '位' => &WEI,
        '户' => &HU,
        '家' => &JIA,
        '所' => &SUO,
        '处' => &CHU,
        '件' => &JIAN,
        '套' => &TAO,
        '台' => &TAI,
        '分' => &FEN,
        '份' => &FEN_PART,
        '张' => &ZHANG,
        '条' => &TIAO,
        '项' => &XIANG,
        '班' => &BAN,
        '道' => &DAO,
        '起' => &QI_CASE,
        '例' => &LI,
        '宗' => &ZONG,
        '笔' => &BI,
        '批' => &PI,
        '期' => &QI_ISSUE,
        '场' => &CHANG,
        '轮' => &LUN,
        '遍' => &BIAN,
        '回' => &HUI,
        '趟' => &TANG,
        '次' => &CI,
        '座' => &ZUO,
        '间' => &JIAN_ROOM,
        '栋' => &DONG,
        '幢' => &ZHUANG,
        '层' => &CENG,
        '辆' => &LIANG,
        '尾' => &WEI_FISH,
        '枚' => &MEI_PIECE,
        '艘' => &SOU,
        '架' => &JIA_FRAME,
        '车' => &CHE,
        '只' => &ZHI_ANIMAL,
        '头' => &TOU,
        '羽' => &YU_BIRD,
        '株' => &ZHU,
        '棵' => &KE_TREE,
        '盏' => &ZHAN,
        '根' => &GEN,
        '顶' => &DING,
        '支' => &ZHI_BRANCH,
        '本' => &BEN,
        '册' => &CE,
        '封' => &FENG,
        '箱' => &XIANG_BOX,
        '袋' => &DAI,
        '桶' => &TONG,
        '平' => &PING,
        '瓶' => &PING_BOTTLE,
        '盒' => &HE,
        '块' => &KUAI,
        '面' => &MIAN,
        '类' => &LEI,
        '种' => &ZHONG,
        '篇' => &PIAN,
        '幅' => &FU,
        '部' => &BU,
        '单' => &DAN,
        '届' => &JIE,
        '立' => &LI_CUBE,
        '公' => &GONG,
        '工' => &GONG_WORK,
        '亩' => &MU,
        '千' => &QIAN,
        '厘' => &LI_CM,
        '毫' => &HAO,
        '剂' => &JI_DOSE,
        '微' => &WEI_GRAM,
        '米' => &MI,
        '斤' => &JIN,
        '克' => &KE,
        '吨' => &DUN,
        '兆' => &ZHAO,
        '瓦' => &WA,
        '伏' => &FU_VOLT,
        '度' => &DU,
        '升' => &SHENG,
        '方' => &FANG,
        '海' => &HAILI,
        '天' => &TIAN,
        '小' => &XIAO,
        '秒' => &MIAO,
        '周' => &ZHOU,
        '年' => &NIAN,
        '岁' => &SUI,
        '百' => &BAI,
        '%' => &PERCENT,
        '％' => &PERCENT_FW,
        '‰' => &PERMILLE,
        '成' => &CHENG,
        '倍' => &BEI,
        '元' => &YUAN,
        '美' => &MEI,
        '欧' => &OU,
        '港' => &GANG,
        '日' => &RI,
        '英' => &YING,
        '韩' => &HAN,
        '卢' => &LU,
        '澳' => &AO,
        '摄' => &SHE,
        // Each group holds only units starting with `c` (`match_unit`
        // compares what follows it).
        '㎡' => part(&SYMBOLS, 0, 1),
        '㎞' => part(&SYMBOLS, 1, 2),
        '㎏' => part(&SYMBOLS, 2, 3),
        '㎥' => part(&SYMBOLS, 3, 4),
        '㎝' => part(&SYMBOLS, 4, 5),
        '㎜' => part(&SYMBOLS, 5, 6),
        '℃' => part(&SYMBOLS, 6, 7),
        'k' => part(&LATIN, 0, 9),
        'K' => part(&LATIN, 9, 12),
        'M' => part(&LATIN, 12, 14),
        'm' => part(&LATIN, 14, 19),
        't' => part(&LATIN, 19, 20),
        _ => return None,
    };
    Some(group)
}

/// A run of Chinese multiplier characters after Arabic digits (`万`, `亿`,
/// `千万`, `万亿`): its power of ten and its length in bytes. Stops before a
/// unit that starts with a multiplier character (`万千瓦` is 万 + 千瓦).
#[inline]
pub fn match_multiplier(s: &str, i: usize) -> Option<(i32, usize)> {
    let mut exp = 0;
    let mut p = i;
    let mut small = false; // 十 百 千 seen
    let mut big = 0; // 万 亿 seen
    for _ in 0..3 {
        if p > i && match_unit(s, p).is_some() {
            break;
        }
        let Some((c, n)) = char_at(s, p) else { break };
        match c {
            '十' | '百' | '千' if !small && big == 0 => {
                small = true;
                exp += match c {
                    '十' => 1,
                    '百' => 2,
                    _ => 3,
                };
            }
            '万' if big == 0 => {
                big = 4;
                exp += 4;
            }
            '亿' if big != 8 => {
                big = 8;
                exp += 8;
            }
            _ => break,
        }
        p += n;
    }
    (p > i).then_some((exp, p - i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_starts_are_exactly_the_groups() {
        for c in (0..0x10000).filter_map(char::from_u32) {
            assert_eq!(
                group_of(c).is_some(),
                UNIT_STARTS.contains(c),
                "{c:?}: a unit group and UNIT_FIRST_CHARS disagree"
            );
        }
    }

    /// `match_unit` compares only what follows the first character.
    #[test]
    fn every_unit_of_a_group_starts_with_its_character() {
        for c in UNIT_FIRST_CHARS {
            for u in group_of(c).unwrap_or(&[]) {
                assert!(u.text.starts_with(c), "{c:?}: {:?}", u.text);
            }
        }
    }

    /// The lookup finds exactly the characters that have a group, and
    /// their group.
    #[test]
    fn unit_lookup_finds_exactly_the_groups() {
        for c in (0..0x110000).filter_map(char::from_u32) {
            assert_eq!(
                unit_group(c).map(<[Unit]>::as_ptr),
                group_of(c).map(<[Unit]>::as_ptr),
                "{c:?}"
            );
        }
    }
}
