//! Small tables for the repeated-character check.

use std::sync::OnceLock;

/// Characters whose doubling is itself a word (常常, 人人, 天天, 看看, 谢谢,
/// 星星, 层层, 处处, 大大, and 钉钉 the work app …): never a slip on their own.
pub(crate) const REDUPLICATING: &str = "钉常人天看谢星年月日层步事处时个家户村多好慢渐刚仅往纷深紧牢稳久默悄频屡欣蒸勃井津妈爸哥姐弟妹爷奶宝娃匆洋滔源绵茫熊声句条项件桩道片块张次回代辈世样门点滴兢业大小高低长短早晚轻重快满足实平安切确丝缕级节区明白微稍略均各统刚才乖冉袅哈嘻呵嘿说想试谈走等听问找写读算比聊坐玩笑跳摸尝帮查量歇转逛翻数拍敲揉抱搓擦洗扫叨唠念嚷叮咚隆轰哗啪沙淅汩潺涓亭婷盈楚济攘熙蔼翩彬斑累历侃娓喋窃冥茫遥漫悠";

/// Characters seen in given names, where `王丽丽` is a name.
pub(crate) const NAME_CHARS: &str = "丽婷娜晶欢乐佳静燕芳玲琳莉蕾菲倩媛雯颖茜薇姗珊冰悦露雪彤磊鑫淼森亮红霞萍敏阳宁楠欣然贝兰梅菊芬青新杰强伟丹婉甜依妮莎可嘉朵果豆妞宁涛波斌玉珍琪瑶璐洁丹蓉蓓晨晴凤娟丹飞芸琦莹";

/// Function words that never double in written Chinese: `的的`, `了了` (but
/// 不了了之, 为了了解 are handled by the word check), `在在` …
pub(crate) const NEVER_DOUBLED: &str =
    "的和与在是对把被从向按及并或其之而也都就又还已到给让使于以由将为了着过这那每该此各";

/// A unit and its head or member, where the unit's last character starts
/// the next word: 法院院长, 财政局局长, 镇镇长, 党委委员, 企业业务.
pub(crate) const TITLE_AFTER_UNIT: &[&str] = &[
    "局长", "院长", "镇长", "乡长", "村长", "县长", "市长", "省长", "区长", "处长", "科长", "所长",
    "站长", "校长", "组长", "队长", "会长", "部长", "厅长", "团长", "社长", "行长", "厂长", "庭长",
    "店长", "委员", "委会", "员工", "村委", "村民", "村干", "村级", "县委", "县直", "县级", "县城",
    "县域", "市委", "市级", "市场", "省委", "省级", "区委", "区域", "社区", "业务", "业主", "会议",
    "会员", "场所", "场地", "地区", "地方", "地块", "地力", "户均", "所属", "站点", "队员", "组织",
    "品牌", "品质", "产业", "产品", "产权", "水源", "水质", "路面", "路网", "路段", "线路", "网格",
    "电压", "车辆", "林地", "田间", "人员", "人口", "作风", "政策", "收入", "设施", "设备", "展望",
    "心理", "点位", "位于", "物资", "气源", "局面", "务实", "部门", "部署",
];

static INDEX: OnceLock<Vec<(char, &'static str)>> = OnceLock::new();

/// Whether `ab` is a common two-character word. The list is the 20,000 most
/// frequent two-character words of jieba's dictionary (MIT licence),
/// grouped by first character, one group a line.
pub(crate) fn is_word(a: char, b: char) -> bool {
    let index = INDEX.get_or_init(|| {
        include_str!("words2.txt")
            .lines()
            .filter_map(|line| {
                let first = line.chars().next()?;
                Some((first, &line[first.len_utf8()..]))
            })
            .collect()
    });
    match index.binary_search_by(|(c, _)| c.cmp(&a)) {
        Ok(i) => index[i].1.contains(b),
        Err(_) => false,
    }
}
