//! Each check on invented text: what it must flag, and clean text it must
//! not (precision first).

use super::*;
use crate::parse;

/// A small bulletin around `body` (one item), issue date 2024-03-08.
fn bulletin(body: &str) -> String {
    format!(
        "测试政务快报\n\n第 3 期\n\n测试县人民政府办公室             2024年3月8日\n\n县测试局扎实开展工作  {body}（县测试局）\n\n责任编辑：李明    审核：赵文\n"
    )
}

fn findings(text: &str) -> Vec<Finding> {
    proofread(text, &parse(text))
}

/// (code, text) of every finding on a bulletin around `body`.
fn found(body: &str) -> Vec<(&'static str, String)> {
    findings(&bulletin(body))
        .into_iter()
        .map(|f| (f.kind.code(), f.text))
        .collect()
}

fn flags(body: &str, code: &str, text: &str) {
    let got = found(body);
    assert!(
        got.iter().any(|(c, t)| *c == code && t == text),
        "expected {code} «{text}» in {body:?}, got {got:?}"
    );
}

fn clean(body: &str) {
    let got = found(body);
    assert!(got.is_empty(), "expected nothing in {body:?}, got {got:?}");
}

#[test]
fn the_clean_frame_is_clean() {
    clean("今年以来，县测试局围绕中心工作，完成各项任务。");
}

#[test]
fn repeated_characters_and_words() {
    flags("县人大大正副主任出席会议。", "repeated", "大");
    flags("这是群众的的心声。", "repeated", "的");
    flags("全面推进工作工作落实。", "repeated", "工作");
    flags("会议召开了了一次。", "repeated", "了");
    flags("县测试局持续推进进项目建设。", "repeated", "进");
    flags("组织开展开展专项行动。", "repeated", "开展");
}

#[test]
fn doubles_after_numbers_and_at_word_ends() {
    flags("新建项目30 个个，完成投资。", "repeated", "个");
    flags("完成投资3 亿元元。", "repeated", "元");
    flags("2024年2月29日日，完成检查。", "repeated", "日");
    flags("收入增长长 12%。", "repeated", "长");
    // A measure word that starts a word, and a reduplication that leads on.
    clean("新增3 个个体户，年年增长，人人参与。");
}

#[test]
fn a_double_is_a_slip_when_the_issue_writes_the_phrase_once_elsewhere() {
    // 财政 + 政局 are both words, but 县财政局多 is written elsewhere.
    flags(
        "县财政局多方筹措资金。县财政政局多方协调。",
        "repeated",
        "政",
    );
    // Another phrase sharing four characters does not count.
    clean("其中：税收收入完成800万元；非税收入完成200万元。");
}

#[test]
fn reduplications_are_not_repeats() {
    clean("干部常常深入一线，人人参与，天天巡查，看看成效。");
    clean("以钉钉子精神抓好落实，通过钉钉平台审批。");
    clean("各个乡镇干干净净，方方面面一一落实，谢谢群众，星星点点。");
    clean("一个个项目落地，层层压实责任，处处见成效，家家户户受益。");
    clean("县法院院长带队督导，税收收入增长，耕地地力提升，农户户均增收。");
    clean("为了了解情况，大家研究研究方案，县人大大力支持。");
    clean("全县共有111个村，完成率100%，2022年至2023年。");
}

#[test]
fn names_with_doubled_characters_are_not_repeats() {
    let text = bulletin("今年以来完成各项任务。").replace("李明", "王丽丽");
    assert!(findings(&text).is_empty(), "{:?}", findings(&text));
}

#[test]
fn brackets_and_quotes() {
    flags("坚持“项目为王，推进建设。", "unbalanced", "“");
    flags("印发《实施方案，推进建设。", "unbalanced", "《");
    flags("完成投资（含续建项目，共计完成。", "unbalanced", "（");
    flags("推进建设】，完成任务。", "unbalanced", "】");
    flags(
        "完成投资（含续建项目)，共计完成。",
        "punctuation",
        "（含续建项目)",
    );
}

#[test]
fn balanced_brackets_and_list_markers_are_clean() {
    clean("坚持“项目为王”，印发《实施方案》，建成【便民服务】窗口，13个乡镇（街道）参与。");
    clean("重点做好三项工作：1）项目谋划；2）资金保障；3）要素支撑。");
    clean("按照“谋划一批、储备一批”原则，开展“一对一”服务。");
}

#[test]
fn half_width_punctuation_between_chinese() {
    flags("今年以来,县测试局推进工作。", "punctuation", ",");
    flags("一是强化保障;二是优化服务。", "punctuation", ";");
    flags("主要内容:推进建设。", "punctuation", ":");
}

#[test]
fn half_width_next_to_digits_or_latin_is_clean() {
    clean("完成投资1,234万元，时间09:30，采用GB/T 1.1标准。");
}

#[test]
fn a_text_punctuated_half_width_throughout_is_one_finding() {
    let body = "一是抓好谋划,二是抓好建设,三是抓好服务,四是抓好保障,五是抓好落实,六是抓好宣传。";
    let got = found(body);
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn shares() {
    flags(
        "完成投资1.8亿元，占年度计划3.3亿元的65.3%。",
        "share",
        "65.3%",
    );
    clean("完成投资1.8亿元，占年度计划3.3亿元的54.5%。");
    // Rounding of the parts to the digits shown is allowed.
    clean("完成投资1.8亿元，占年度计划3.3亿元的55%。");
    // A share of something not stated, approximate parts: nothing to check.
    clean("完成投资1.8亿元，占全年任务的55%。");
    clean("完成投资约1.8亿元，占年度计划3.3亿元的60%。");
}

#[test]
fn shares_over_100() {
    flags("签约5.6万人，占常住人口的120%。", "share-over-100", "120%");
    flags("线上办件占比120%。", "share-over-100", "120%");
    // Completion rates and growth may pass 100.
    clean("完成年度目标的120%，同比增长120%，完成率105%。");
}

#[test]
fn parts_and_totals() {
    flags(
        "共谋划项目48个，其中新建项目30个、续建项目20个。",
        "parts-sum",
        "48个",
    );
    flags(
        "共接待游客12万人次，其中省内7万人次、省外3万人次。",
        "parts-sum",
        "12万人次",
    );
    clean("共谋划项目48个，其中新建项目30个、续建项目18个。");
    // Parts that need not cover the whole are not checked when short.
    clean("全县共有企业500家，其中规上企业80家、高新技术企业20家。");
    // Parts in another unit are not compared.
    clean("共投入资金500万元，其中省级资金300万元、建成项目12个。");
}

#[test]
fn growth_rates() {
    flags("收入由120万元增至150万元，增长30%。", "growth", "30%");
    flags("事故由40起降至30起，下降30%。", "growth", "30%");
    clean("收入由120万元增至150万元，增长25%。");
    clean("收入由2.4亿元增至2.7亿元，增长13%。");
    clean("事故由40起降至30起，下降25%。");
}

#[test]
fn weekdays() {
    flags("2024年3月6日（星期四），召开会议。", "weekday", "星期四");
    flags("3月6日（周四）召开会议。", "weekday", "周四");
    clean("2024年3月6日（星期三），3月7日（周四），召开会议。");
}

#[test]
fn impossible_dates() {
    flags("2月30日召开会议。", "impossible-date", "2月30日");
    flags(
        "2023年2月29日召开会议。",
        "impossible-date",
        "2023年2月29日",
    );
    flags("2024年13月完成。", "impossible-date", "2024年13月");
    flags("4月31日完成检查。", "impossible-date", "4月31日");
    clean("2024年2月29日完成检查，1-3月份，13个月，第13月度。");
    clean("12月31日前完成，1—12月累计完成。");
}

#[test]
fn future_dates_for_past_events() {
    flags("3月12日，县测试局召开了推进会。", "future-date", "3月12日");
    flags(
        "2024年3月20日，县测试局已完成验收。",
        "future-date",
        "2024年3月20日",
    );
    // Plans, deadlines and ranges are not events that happened.
    clean("县测试局将于3月20日召开推进会。");
    clean("计划3月20日前完成验收。");
    clean("3月1日至3月20日开展专项行动。");
    clean("3月6日，县测试局召开了推进会。");
    // December in a March issue is last year.
    clean("12月28日，县测试局召开了推进会。");
}

#[test]
fn issue_numbers() {
    let text = bulletin("完成任务。").replace("测试政务快报\n", "测试政务快报（第四期）\n");
    let got: Vec<_> = findings(&text)
        .into_iter()
        .map(|f| (f.kind.code(), f.text))
        .collect();
    assert_eq!(got, [("issue-number", "第四期".to_string())]);
    let same = bulletin("完成任务。").replace("测试政务快报\n", "测试政务快报（第三期）\n");
    assert!(findings(&same).is_empty());
    // 第七期 in a body is not the issue.
    clean("第七期“签约一批”项目3个。");
}

#[test]
fn unit_names() {
    let text = bulletin("县发改委牵头，县发展改革委配合，县发改委督导。");
    let got: Vec<_> = findings(&text)
        .into_iter()
        .map(|f| (f.kind.code(), f.text))
        .collect();
    assert_eq!(got, [("unit-name", "县发展改革委".to_string())]);
    // The same name throughout, and a city's unit beside the county's.
    clean("县发改委牵头，县发改委督导，市发展改革委指导。");
    clean("国家发改委、省发展改革委审核。");
}

#[test]
fn empty_footer_fields() {
    let text = bulletin("完成任务。").replace("责任编辑：李明", "责任编辑：");
    let got: Vec<_> = findings(&text)
        .into_iter()
        .map(|f| (f.kind.code(), f.text))
        .collect();
    assert_eq!(got, [("empty-field", "责任编辑：".to_string())]);
    let signed = bulletin("完成任务。").replace("审核：赵文", "审核：赵文\n签发：");
    assert_eq!(findings(&signed).len(), 1);
    let markdown = bulletin("完成任务。").replace("责任编辑：李明", "**责任编辑：**李明");
    assert!(findings(&markdown).is_empty());
}

#[test]
fn house_rules_starter_and_user() {
    flags(
        "做为牵头单位，加强帐号管理，布署工作。",
        "house-rule",
        "做为",
    );
    flags("加强帐号管理。", "house-rule", "帐号");
    flags("既使困难再大，也要完成。", "house-rule", "既使");
    // 既使…又… is right; 帐篷 is not money.
    clean("既使企业受益，又使群众满意，搭建帐篷。");
    let rules =
        HouseRules::parse("拨付资金\t下达资金\tnote\nre:[0-9]+\\s*个乡镇\t乡镇数用汉字\n").unwrap();
    let text = bulletin("拨付资金100万元，覆盖12个乡镇。");
    let got = proofread_with(&text, &parse(&text), &rules);
    let texts: Vec<_> = got.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts, ["拨付资金", "12个乡镇"]);
    assert!(HouseRules::parse("re:(\tx").is_err());
    assert!(HouseRules::parse("no tab here").is_err());
    let json = HouseRules::parse(r#"[{"wrong":"拨付","right":"下达"}]"#).unwrap();
    assert_eq!(json.rules().len(), 1);
    let tsv = HouseRules::to_tsv(HouseRules::starter().rules());
    assert_eq!(
        HouseRules::parse(&tsv).unwrap().rules(),
        HouseRules::starter().rules()
    );
}

#[test]
fn repeated_headlines() {
    let text = bulletin("完成任务。") + "\n县测试局扎实开展工作  又完成任务。（县测试局）\n";
    let got: Vec<_> = findings(&text).into_iter().map(|f| f.kind.code()).collect();
    assert!(got.contains(&"repeated-headline"), "{got:?}");
}

#[test]
fn findings_point_at_the_input_and_never_panic() {
    for text in [
        "",
        "\n\n\n",
        "（",
        "2月",
        "由",
        "占的%",
        "其中",
        "\r\n县人大大\r\n",
        "𠀀𠀀人大大“",
        "第期第",
        "2024-02-30 2024.13.1 2024/1/1",
    ] {
        for f in findings(text) {
            let t: String = text.chars().skip(f.start).take(f.end - f.start).collect();
            assert_eq!(t, f.text);
        }
    }
    let crlf = bulletin("县人大大常委会。").replace('\n', "\r\n");
    let f = findings(&crlf);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].text, "大");
}

#[test]
fn kinds_have_stable_unique_codes() {
    let mut codes: Vec<_> = FindingKind::ALL.iter().map(|k| k.code()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), FindingKind::ALL.len());
    for k in FindingKind::ALL {
        assert_eq!(FindingKind::from_code(k.code()), Some(k));
    }
}

#[test]
fn the_walk_notes_where_each_check_starts() {
    // 县0 人1 大2 大3 会4 议5 ，6 工7 作8 工9 作10 (11 a12 b13 c14 )15 ,16 2024-3
    let text = "县人大大会议，工作工作(abc),2024-3";
    let bulletin = parse(text);
    let doc = Doc::new(text, &bulletin);
    // The doubled 大 from its first copy (no earlier 大); 工 and 作 seen two
    // characters before.
    assert_eq!(doc.cues.repeats, vec![(2, u32::MAX), (9, 7), (10, 8)]);
    // Half-width brackets and comma; the full-width comma starts nothing.
    assert_eq!(doc.cues.marks, vec![11, 15, 16]);
    assert_eq!(doc.cues.units, vec![0]);
    assert_eq!(doc.cues.dates, vec![21]);
    assert!(doc.cues.numbers.is_empty());
}

#[test]
fn a_repeat_is_found_wherever_its_line_stands() {
    // The same doubled word at the start, the middle and the end of a line,
    // and a doubled character that ends the text: each found once.
    for body in [
        "工作工作推进有力。",
        "全县推进推进重点项目建设。",
        "全面完成年度任务任务",
    ] {
        let got = found(body);
        assert_eq!(
            got.iter().filter(|(k, _)| *k == "repeated").count(),
            1,
            "{body}: {got:?}"
        );
    }
}
