//! The structure parser: masthead, sections, items, footer, warnings,
//! checked on the invented fixtures (exactly), on the real seeds against their
//! gold labels (when `../shared` is there), and case by case on each rule.

#[path = "fixtures/support.rs"]
mod support;

use bulletin_parser::{parse, Bulletin, LineRange};
use serde_json::Value;
use support::{diff, fixtures, norm, seeds};

fn heads(b: &Bulletin) -> Vec<&str> {
    b.items.iter().map(|i| i.headline.as_str()).collect()
}

fn bodies(b: &Bulletin) -> Vec<&str> {
    b.items.iter().map(|i| i.body.as_str()).collect()
}

fn sources(b: &Bulletin) -> Vec<Vec<&str>> {
    b.items
        .iter()
        .map(|i| i.sources.iter().map(|s| s.as_str()).collect())
        .collect()
}

// ---- fixtures and seeds --------------------------------------------------

#[test]
fn fixtures_parse_exactly_as_expected() {
    for case in fixtures() {
        let b = parse(&case.text);
        let json = serde_json::to_value(&b).unwrap();
        let e = &case.expected;
        // Exact, not folded: the fixtures are clean text.
        assert_eq!(json["masthead"], e["masthead"], "{}: masthead", case.name);
        assert_eq!(json["sections"], e["sections"], "{}: sections", case.name);
        assert_eq!(json["footer"], e["footer"], "{}: footer", case.name);
        assert_eq!(json["warnings"], e["warnings"], "{}: warnings", case.name);
        let items = e["items"].as_array().unwrap();
        assert_eq!(
            b.items.len(),
            items.len(),
            "{}: items {:?}",
            case.name,
            heads(&b)
        );
        for (got, want) in json["items"].as_array().unwrap().iter().zip(items) {
            for k in ["section", "headline", "body", "sources", "lines"] {
                assert_eq!(
                    got[k], want[k],
                    "{}: item {} {k}",
                    case.name, want["headline"]
                );
            }
        }
        assert!(diff(e, &b, 1.0).is_empty());
    }
}

#[test]
fn fixture_figures_sit_in_their_bodies() {
    // Figures belong to the figures extractor; here only their contract with
    // the body the structure parser built: `body[start..end] == text`.
    for case in fixtures() {
        for it in parse(&case.text).items {
            let chars: Vec<char> = it.body.chars().collect();
            for f in &it.figures {
                let s: String = chars[f.start..f.end].iter().collect();
                assert_eq!(s, f.text, "{}: {}", case.name, it.headline);
            }
        }
    }
}

#[test]
fn fixture_labels_are_consistent() {
    // The hand labels themselves: every labelled figure text is in its body at its offsets.
    for case in fixtures() {
        for it in case.expected["items"].as_array().unwrap() {
            let chars: Vec<char> = it["body"].as_str().unwrap().chars().collect();
            for f in it["figures"].as_array().unwrap() {
                let (s, e) = (
                    f["start"].as_u64().unwrap() as usize,
                    f["end"].as_u64().unwrap() as usize,
                );
                let text: String = chars[s..e].iter().collect();
                assert_eq!(text, f["text"].as_str().unwrap(), "{}", case.name);
            }
        }
    }
}

#[test]
fn seeds_match_gold() {
    let cases = seeds();
    if cases.is_empty() {
        eprintln!("../shared/seeds not found: skipped");
        return;
    }
    let mut failures = Vec::new();
    for case in cases {
        let b = parse(&case.text);
        for d in diff(&case.expected, &b, 1.0) {
            failures.push(format!("{}: {d}", case.name));
        }
        assert!(b.warnings.is_empty(), "{}: {:?}", case.name, b.warnings);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- masthead ------------------------------------------------------------

#[test]
fn masthead_on_separate_lines() {
    let b = parse("\n\n桐川政务快报\n\n第 12 期\n\n桐川县人民政府办公室\n\n2024 年 3 月 8 日\n\n【产业发展】\n\n县工信局推动转型 聚焦主导产业。（工信局）\n");
    let m = &b.masthead;
    assert_eq!(m.title.as_deref(), Some("桐川政务快报"));
    assert_eq!(m.issue.as_deref(), Some("第 12 期"));
    assert_eq!(m.issue_number, Some(12));
    assert_eq!(m.issuer.as_deref(), Some("桐川县人民政府办公室"));
    assert_eq!(m.date.as_deref(), Some("2024-03-08"));
    assert!(b.warnings.is_empty());
}

#[test]
fn issuer_and_date_share_a_line() {
    let b = parse("梅岭政务信息\n\n第三十二期\n\n梅岭县人民政府办公室            二〇二四年五月十七日\n\n县发改委争取资金  一是强化谋划。(县发改委)\n");
    assert_eq!(b.masthead.issue_number, Some(32));
    assert_eq!(b.masthead.issuer.as_deref(), Some("梅岭县人民政府办公室"));
    assert_eq!(b.masthead.date.as_deref(), Some("2024-05-17"));
    assert_eq!(heads(&b), ["县发改委争取资金"]);
}

#[test]
fn date_formats() {
    for (line, iso) in [
        ("2023 年 9 月 1 日", "2023-09-01"),
        ("二○二三年四月十四日", "2023-04-14"),
        ("二零二三年十月三十日", "2023-10-30"),
        ("2023.9.1", "2023-09-01"),
        ("2023-09-01", "2023-09-01"),
        ("2023/9/1", "2023-09-01"),
    ] {
        let b = parse(&format!(
            "政务快报\n第1期\n{line}\n县财政局强化管理 围绕谋划。（财政局）"
        ));
        assert_eq!(b.masthead.date.as_deref(), Some(iso), "{line}");
    }
}

#[test]
fn markdown_title_and_one_line_masthead() {
    let b = parse("# 青禾工作动态\n\n青禾县政务信息  第5期  2024-03-15\n\n## 【稳增长】\n\n**县统计局发布数据** 全县增长。( 统计局 )\n");
    assert_eq!(b.masthead.title.as_deref(), Some("青禾工作动态"));
    assert_eq!(b.masthead.issue.as_deref(), Some("第5期"));
    assert_eq!(b.masthead.date.as_deref(), Some("2024-03-15"));
    assert_eq!(b.sections, ["稳增长"]);
    // the second title-like text could not be placed
    assert_eq!(b.warnings.len(), 1);
    assert_eq!(b.warnings[0].text, "青禾县政务信息");
}

#[test]
fn masthead_fields_may_be_missing() {
    let b = parse("第 7 期\n\n县财政局强化管理 围绕谋划。（财政局）\n");
    assert_eq!(b.masthead.title, None);
    assert_eq!(b.masthead.issue_number, Some(7));
    assert_eq!(b.masthead.date, None);
    assert_eq!(b.masthead.issuer, None);
    assert_eq!(heads(&b), ["县财政局强化管理"]);

    // No masthead at all: the first line is an item, not a title.
    let b = parse("县财政局强化债券管理\n围绕谋划、审核开展工作。（财政局）\n");
    assert_eq!(b.masthead.title, None);
    assert_eq!(heads(&b), ["县财政局强化债券管理"]);
}

#[test]
fn total_issue_number_is_second_choice() {
    let b = parse("政务信息\n总第 210 期  第 45 期\n县财政局强化管理 围绕谋划。（财政局）\n");
    assert_eq!(b.masthead.issue.as_deref(), Some("第 45 期"));
    assert_eq!(b.masthead.issue_number, Some(45));
}

#[test]
fn unplaced_masthead_lines_are_warnings() {
    let b = parse("政务快报\n欢迎各单位踊跃投稿\n第 3 期\n县政府办公室   2024年1月5日\n\n县财政局强化管理 围绕谋划。（财政局）\n");
    assert_eq!(b.masthead.title.as_deref(), Some("政务快报"));
    assert_eq!(b.warnings.len(), 1, "{:?}", b.warnings);
    assert_eq!(b.warnings[0].text, "欢迎各单位踊跃投稿");
    assert_eq!(b.warnings[0].lines, LineRange { first: 2, last: 2 });
    // A secrecy mark there is furniture: dropped, no warning.
    let b = parse("政务快报\n（内部资料 注意保存）\n第 3 期\n县政府办公室   2024年1月5日\n\n县财政局强化管理 围绕谋划。（财政局）\n");
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    assert!(b
        .dropped
        .iter()
        .any(|d| d.reason == "page-furniture" && d.line == 2));
}

// ---- sections ------------------------------------------------------------

#[test]
fn section_styles() {
    let text = "快报\n第1期\n\n【民生保障】\n甲局开展工作 内容一。（甲局）\n## 【高质量发展】\n乙局开展工作 内容二。（乙局）\n### **【扩大消费】**\n丙局开展工作 内容三。（丙局）\n一、基层治理\n丁镇开展工作 内容四。（丁镇）\n[安全生产]\n戊乡开展工作 内容五。（戊乡）\n";
    let b = parse(text);
    assert_eq!(
        b.sections,
        ["民生保障", "高质量发展", "扩大消费", "基层治理", "安全生产"]
    );
    let secs: Vec<_> = b
        .items
        .iter()
        .map(|i| i.section.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        secs,
        ["民生保障", "高质量发展", "扩大消费", "基层治理", "安全生产"]
    );
}

#[test]
fn a_numbered_headline_is_not_a_section() {
    let b = parse("快报\n第1期\n\n一、县财政局强化管理\n围绕预算管理，压减支出 300 万元。（县财政局）\n\n二、乡村振兴\n\n某镇推进产业发展  新建大棚 40 座。（某镇）\n");
    assert_eq!(b.sections, ["乡村振兴"]);
    // The list marker is not part of the headline.
    assert_eq!(heads(&b), ["县财政局强化管理", "某镇推进产业发展"]);
    assert_eq!(b.items[0].section, None);
}

#[test]
fn distribution_under_the_masthead() {
    let b = parse("某县政务信息\n第 3 期\n报：市委办公室，市政府办公室。\n某县人民政府办公室  2024年2月2日\n\n某镇推进产业发展  新建大棚 40 座。（某镇）\n");
    assert_eq!(
        b.footer.distribution.as_deref(),
        Some("报：市委办公室，市政府办公室。")
    );
    assert_eq!(b.masthead.issuer.as_deref(), Some("某县人民政府办公室"));
    assert_eq!(b.masthead.date.as_deref(), Some("2024-02-02"));
    assert_eq!(heads(&b), ["某镇推进产业发展"]);
    assert!(b.warnings.is_empty());
}

#[test]
fn no_sections_means_none() {
    let b =
        parse("政务信息\n第2期\n甲局开展工作  内容一。（甲局）\n乙局开展工作  内容二。（乙局）\n");
    assert!(b.sections.is_empty());
    assert!(b.items.iter().all(|i| i.section.is_none()));
    assert_eq!(b.items.len(), 2);
}

#[test]
fn section_heading_with_item_on_the_same_line() {
    let b = parse("快报\n第1期\n【民生保障】县民政局关爱儿童 深入开展宣讲。（民政局）\n");
    assert_eq!(b.sections, ["民生保障"]);
    assert_eq!(heads(&b), ["县民政局关爱儿童"]);
    assert_eq!(b.items[0].section.as_deref(), Some("民生保障"));
}

// ---- headline / body breaks -----------------------------------------------

#[test]
fn headline_break_rules() {
    let cases = [
        // two or more spaces
        (
            "我县紧抓项目建设  4月14日，开展活动。（发改委）",
            "我县紧抓项目建设",
            "4月14日，开展活动。",
        ),
        // one space between CJK characters
        (
            "县民政局强化兜底保障 深入开展宣讲。（民政局）",
            "县民政局强化兜底保障",
            "深入开展宣讲。",
        ),
        // after a closing quote before CJK
        (
            "县公共资源交易中心 4 天交易 21.4 亿元跑出项目建设“加速度” 通过评标。（交易中心）",
            "县公共资源交易中心 4 天交易 21.4 亿元跑出项目建设“加速度”",
            "通过评标。",
        ),
        // the end of a bold run
        (
            "**我县财政收入增长 3.5%** 1-4 月，全县收入增长。( 财政局 )",
            "我县财政收入增长 3.5%",
            "1-4 月，全县收入增长。",
        ),
        (
            "**县商务局推动以旧换新**抢抓假期契机。（商务局）",
            "县商务局推动以旧换新",
            "抢抓假期契机。",
        ),
    ];
    for (text, head, body) in cases {
        let b = parse(&format!("快报\n第1期\n\n{text}\n"));
        assert_eq!(heads(&b), [head], "{text}");
        assert_eq!(bodies(&b), [body], "{text}");
    }
}

#[test]
fn a_line_break_after_a_line_without_closing_punctuation() {
    let b = parse(
        "快报\n第1期\n\n县乡村振兴局建立预警帮扶机制\n分层级设立网格，明确责任。（乡村振兴局）\n",
    );
    assert_eq!(heads(&b), ["县乡村振兴局建立预警帮扶机制"]);
    assert_eq!(bodies(&b), ["分层级设立网格，明确责任。"]);
    assert_eq!(b.items[0].lines, LineRange { first: 4, last: 5 });
}

#[test]
fn headline_in_its_own_paragraph() {
    let b = parse("快报\n第1期\n\n区财政局强化预算绩效管理\n\n围绕要求开展评估，核减预算 2180 万元。(区财政局)\n\n区卫健委开展义诊\n\n组织医务人员下乡。(区卫健委)\n");
    assert_eq!(heads(&b), ["区财政局强化预算绩效管理", "区卫健委开展义诊"]);
    assert_eq!(
        bodies(&b),
        [
            "围绕要求开展评估，核减预算 2180 万元。",
            "组织医务人员下乡。"
        ]
    );
    assert_eq!(sources(&b), [["区财政局"], ["区卫健委"]]);
}

// ---- sources -------------------------------------------------------------

#[test]
fn source_forms() {
    let cases: [(&str, &[&str]); 6] = [
        ("甲局开展工作 内容。（财政局）", &["财政局"]),
        ("甲局开展工作 内容。( 财政局 )", &["财政局"]),
        ("甲局开展工作 内容。(财政局)", &["财政局"]),
        ("甲局开展工作 内容。\n\n（开发区）", &["开发区"]),
        (
            "甲局开展工作 内容。\n（胙城乡 榆林乡、丰庄镇，魏邱乡）",
            &["胙城乡", "榆林乡", "丰庄镇", "魏邱乡"],
        ),
        ("甲局开展工作 化解率100%（魏邱乡）", &["魏邱乡"]),
    ];
    for (text, want) in cases {
        let b = parse(&format!("快报\n第1期\n\n{text}\n"));
        assert_eq!(b.items.len(), 1, "{text}");
        assert_eq!(b.items[0].sources, want, "{text}");
        assert!(
            !b.items[0].body.contains(['（', '(']),
            "{text}: {}",
            b.items[0].body
        );
    }
}

#[test]
fn source_leading_the_headline() {
    for text in [
        "县财政局：县财政局强化债券管理 围绕谋划开展工作。",
        "县财政局:县财政局强化债券管理 围绕谋划开展工作。",
    ] {
        let b = parse(&format!("快报\n第1期\n\n{text}\n"));
        assert_eq!(heads(&b), ["县财政局强化债券管理"], "{text}");
        assert_eq!(sources(&b), [["县财政局"]], "{text}");
        assert_eq!(bodies(&b), ["围绕谋划开展工作。"], "{text}");
    }
}

#[test]
fn parentheses_inside_the_body_are_not_sources() {
    let b = parse(
        "快报\n第1期\n\n县应急管理局点验物资 对 13 个乡镇（镇、街道）点验，配置装备 30 台（套）\n",
    );
    assert!(b.items[0].sources.is_empty());
    assert!(b.items[0].body.ends_with("30 台（套）"));
    let b = parse("快报\n第1期\n\n县开发区推进项目 在建（续建）项目共25个。（开发区）\n");
    assert_eq!(b.items[0].body, "在建（续建）项目共25个。");
    assert_eq!(sources(&b), [["开发区"]]);
}

#[test]
fn items_follow_each_other_without_blank_lines() {
    let b = parse("快报\n第1期\n\n潘家镇推进招商  引进外资1.4亿元。（潘家镇）\n鲁村镇助力春耕  清理沟渠2000余米。（鲁村镇）\n应山镇帮扶残疾人  发放器具42件。（应山镇）\n");
    assert_eq!(
        heads(&b),
        ["潘家镇推进招商", "鲁村镇助力春耕", "应山镇帮扶残疾人"]
    );
    let lines: Vec<_> = b
        .items
        .iter()
        .map(|i| (i.lines.first, i.lines.last))
        .collect();
    assert_eq!(lines, [(4, 4), (5, 5), (6, 6)]);
}

// ---- body repair -----------------------------------------------------------

#[test]
fn page_breaks_in_mid_sentence_join_with_nothing() {
    let b = parse("快报\n第1期\n\n东屯镇狠抓项目建设 项目总建设面积达 15300 平\n\n方米，结合《某县 2023\n\n— 2 —\n\n年实施方案》，并\n\n联合教体部门开展工作。（东屯镇）\n");
    assert_eq!(
        bodies(&b),
        ["项目总建设面积达 15300 平方米，结合《某县 2023年实施方案》，并联合教体部门开展工作。"]
    );
    assert_eq!(b.items[0].lines, LineRange { first: 4, last: 12 });
    assert_eq!(b.dropped.len(), 1);
    assert_eq!(b.dropped[0].reason, "page-number");
}

#[test]
fn page_number_forms_are_dropped() {
    for pn in ["— 2 —", "- 2 -", "第2页", "第 2 页 共 6 页", "2/6", "7"] {
        let b = parse(&format!(
            "快报\n第1期\n\n甲局开展工作 一是加强\n\n{pn}\n\n管理。（甲局）\n"
        ));
        assert_eq!(bodies(&b), ["一是加强管理。"], "{pn}");
        assert_eq!(b.dropped.len(), 1, "{pn}");
        assert_eq!(b.dropped[0].text, pn);
    }
}

#[test]
fn repeated_page_header_is_dropped() {
    let b =
        parse("某县政务快报\n第 9 期\n\n甲局开展工作 一是加强\n\n某县政务快报\n\n管理。（甲局）\n");
    assert_eq!(bodies(&b), ["一是加强管理。"]);
    assert_eq!(b.dropped[0].reason, "page-header");
}

#[test]
fn hard_wrapped_text_is_rejoined() {
    // pdftotext: every printed line its own line, numbers cut, no blank lines.
    let text = "\
政务快报
第 3 期
县政府办公室  2024年5月6日
【项目建设】
县财政局强化债券管理助推项目建设 围绕谋划、审核、论证、决
策四个维度，健全县政府专项债券项目推进工作例会制度，形成相
关部门协调联动的合力。今年以来共谋划专项债券项目 75 个，发行金额 3.
47 亿元，申请专项债券 123
45 万元。（财政局）
县开发区抢抓招商机遇 牢固树立项目为王理念，立足食品加工、医药
化工等主导产业，开展招商推介活动，提高招商实效和项目质量水平。
— 2 —
今年以来，共参加招商推介活动 5 次，总投资额 18.09 亿元，引进项目
9 个。（开发区）
本期发：县委常委，县人大正副主任，副县长，县政协正副主席，人武部
长，法院院长，县直各单位负责人。
责任编辑：李 平
";
    let b = parse(text);
    assert_eq!(
        heads(&b),
        ["县财政局强化债券管理助推项目建设", "县开发区抢抓招商机遇"]
    );
    assert_eq!(
        b.items[0].body,
        "围绕谋划、审核、论证、决策四个维度，健全县政府专项债券项目推进工作例会制度，形成相关部门协调联动的合力。今年以来共谋划专项债券项目 75 个，发行金额 3.47 亿元，申请专项债券 12345 万元。"
    );
    assert_eq!(norm(&b.items[1].body), norm("牢固树立项目为王理念，立足食品加工、医药化工等主导产业，开展招商推介活动，提高招商实效和项目质量水平。今年以来，共参加招商推介活动 5 次，总投资额 18.09 亿元，引进项目9 个。"));
    assert_eq!(b.footer.distribution.as_deref(), Some("县委常委，县人大正副主任，副县长，县政协正副主席，人武部长，法院院长，县直各单位负责人。"));
    assert_eq!(b.footer.editor.as_deref(), Some("李平"));
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
}

#[test]
fn cut_latin_words_get_their_space_back() {
    let text =
        "快报\n第1期\n\n县融媒体中心上线客户端 通过 cloud\nservice 平台发布信息。（融媒体中心）\n";
    let b = parse(text);
    assert_eq!(bodies(&b), ["通过 cloud service 平台发布信息。"]);
}

#[test]
fn bold_sub_units_become_emphasis() {
    let b = parse("快报\n第1期\n\n各乡强化社会治理 截至目前，**胙城乡**排查矛盾109起；**榆林乡**排查94起。\n\n（胙城乡 榆林乡）\n");
    let it = &b.items[0];
    assert_eq!(it.body, "截至目前，胙城乡排查矛盾109起；榆林乡排查94起。");
    let bold: Vec<String> = it
        .emphasis
        .iter()
        .map(|s| {
            it.body
                .chars()
                .skip(s.start)
                .take(s.end - s.start)
                .collect()
        })
        .collect();
    assert_eq!(bold, ["胙城乡", "榆林乡"]);
}

// ---- input clean-up ----------------------------------------------------------

#[test]
fn messy_input_is_cleaned() {
    let text = "\u{feff}快\u{200b}报\r\n第\u{a0}1\u{a0}期\r\n\r\n\u{3000}\u{3000}县财政局强化管理\u{3000}围绕谋划，发行金额 3.47 亿元。\t(财政局)\r";
    let b = parse(text);
    assert_eq!(b.masthead.title.as_deref(), Some("快报"));
    assert_eq!(b.masthead.issue_number, Some(1));
    assert_eq!(heads(&b), ["县财政局强化管理"]);
    assert_eq!(bodies(&b), ["围绕谋划，发行金额 3.47 亿元。"]);
    assert_eq!(sources(&b), [["财政局"]]);
}

#[test]
fn half_width_punctuation_is_recognised_and_kept() {
    let b = parse("快报\n第1期\n\n县财政局:强化债券管理 围绕谋划,发行金额 3.47 亿元;申请 76 亿元.(财政局)\n\n责任编辑:李勉  审核:原超俊\n");
    assert_eq!(heads(&b), ["强化债券管理"]);
    assert_eq!(bodies(&b), ["围绕谋划,发行金额 3.47 亿元;申请 76 亿元."]);
    assert_eq!(sources(&b), [["县财政局", "财政局"]]);
    assert_eq!(b.footer.editor.as_deref(), Some("李勉"));
    assert_eq!(b.footer.reviewer.as_deref(), Some("原超俊"));
}

// ---- footer ------------------------------------------------------------------

#[test]
fn footer_forms() {
    let item = "快报\n第1期\n\n甲局开展工作 内容。（甲局）\n\n";
    let b = parse(&format!("{item}---\n\n本期发：县委常委，副县长。\n\n---\n\n责任编辑：李 勉\n\n审核：原超俊\n\n签发：麻彦伟\n\n---\n"));
    assert_eq!(b.footer.distribution.as_deref(), Some("县委常委，副县长。"));
    assert_eq!(b.footer.editor.as_deref(), Some("李勉"));
    assert_eq!(b.footer.reviewer.as_deref(), Some("原超俊"));
    assert_eq!(b.footer.signer.as_deref(), Some("麻彦伟"));
    assert_eq!(b.dropped.iter().filter(|d| d.reason == "rule").count(), 3);
    assert!(b.warnings.is_empty());

    let b = parse(&format!(
        "{item}责任编辑：李勉  审核：原超俊  签发：麻彦伟\n"
    ));
    assert_eq!(
        (
            b.footer.editor.as_deref(),
            b.footer.reviewer.as_deref(),
            b.footer.signer.as_deref()
        ),
        (Some("李勉"), Some("原超俊"), Some("麻彦伟"))
    );

    let b = parse(&format!("{item}责任编辑 陈 静\n签发人:王强\n"));
    assert_eq!(b.footer.editor.as_deref(), Some("陈静"));
    assert_eq!(b.footer.signer.as_deref(), Some("王强"));

    let b = parse(&format!(
        "{item}报：市委办公室。\n送：各乡镇，县直各单位。\n编辑：赵 磊\n"
    ));
    assert_eq!(
        b.footer.distribution.as_deref(),
        Some("报：市委办公室。\n送：各乡镇，县直各单位。")
    );
    assert_eq!(b.footer.editor.as_deref(), Some("赵磊"));

    let b = parse(&format!(
        "{item}本期发：区委常委，区直各部门，\n各镇人民政府、街道办事处。\n审核：黄立新\n"
    ));
    assert_eq!(
        b.footer.distribution.as_deref(),
        Some("区委常委，区直各部门，各镇人民政府、街道办事处。")
    );
}

#[test]
fn junk_after_the_footer_is_a_warning() {
    let b =
        parse("快报\n第1期\n\n甲局开展工作 内容。（甲局）\n\n签发：麻彦伟\n\n县里另有安排请留意\n");
    assert_eq!(b.footer.signer.as_deref(), Some("麻彦伟"));
    assert_eq!(b.warnings.len(), 1);
    assert_eq!(b.warnings[0].text, "县里另有安排请留意");
    assert_eq!(b.warnings[0].lines, LineRange { first: 8, last: 8 });
}

#[test]
fn a_print_count_after_the_footer_is_dropped_quietly() {
    for count in ["（共印 50 份）", "(共印50份)", "共印120份", "印数：30份"] {
        let b = parse(&format!(
            "快报\n第1期\n\n甲局开展工作 内容。（甲局）\n\n签发：麻彦伟\n\n{count}\n"
        ));
        assert!(b.warnings.is_empty(), "{count}: {:?}", b.warnings);
        assert!(
            b.dropped
                .iter()
                .any(|d| d.reason == "print-count" || d.reason == "footer-credit"),
            "{count}"
        );
        assert_eq!(b.items[0].sources, ["甲局"]);
    }
}

#[test]
fn a_source_with_no_item_is_a_warning() {
    let b = parse("快报\n第1期\n\n【民生保障】\n\n（民政局）\n\n甲局开展工作 内容。（甲局）\n");
    assert_eq!(b.items.len(), 1);
    assert_eq!(b.warnings.len(), 1);
    assert_eq!(b.warnings[0].text, "（民政局）");
}

// ---- robustness --------------------------------------------------------------

#[test]
fn odd_inputs_do_not_panic() {
    for s in [
        "",
        "\n",
        "\r",
        "（",
        "）",
        "**",
        "****",
        "【】",
        "【",
        "第期",
        "第 期",
        "年月日",
        "2023年",
        "本期发：",
        "责任编辑：",
        "( )",
        "（ ）",
        "一、",
        "# ",
        ">",
        "- ",
        "— —",
        "\u{feff}",
        "\u{3000}",
        "a\u{0}b",
        "🙂（🙂）",
        "县财政局：",
        "：（）",
    ] {
        let b = parse(s);
        let _ = serde_json::to_string(&b).unwrap();
    }
}

#[test]
fn large_inputs_parse_in_linear_time() {
    fn time(s: &str) -> f64 {
        let t = std::time::Instant::now();
        let b = parse(s);
        std::hint::black_box(&b);
        t.elapsed().as_secs_f64()
    }
    let unit = "县财政局强化债券管理 围绕谋划、审核，发行金额 3.47 亿元。（财政局）\n甲局开展工作 一是加强\n\n— 2 —\n\n管理。\n";
    let shapes: [(&str, String); 5] = [
        ("items", unit.to_string()),
        ("one long line", "县财政局强化债券管理，".to_string()),
        ("parentheses", "（（（）".to_string()),
        ("blank lines", "\n\n\n甲\n".to_string()),
        (
            "wrapped",
            "县财政局强化债券管理助推项目建设围绕谋划审核论证决策四个维度通过压实项\n".to_string(),
        ),
    ];
    for (name, piece) in shapes {
        let small = piece.repeat(200_000 / piece.len() + 1);
        let big = piece.repeat(1_600_000 / piece.len() + 1);
        let (ts, tb) = (time(&small).max(1e-4), time(&big));
        // 8x the input; linear code takes ~8x the time. Quadratic would take 64x.
        assert!(
            tb < ts * 24.0 + 0.5,
            "{name}: {ts:.4}s for 200 KB, {tb:.4}s for 1.6 MB"
        );
    }
}

#[test]
fn expected_json_uses_the_export_shape() {
    for case in fixtures() {
        let e: &Value = &case.expected;
        for k in ["masthead", "sections", "items", "footer"] {
            assert!(e.get(k).is_some(), "{}: {k}", case.name);
        }
        for it in e["items"].as_array().unwrap() {
            for k in ["section", "headline", "body", "sources", "figures"] {
                assert!(it.get(k).is_some(), "{}: {k}", case.name);
            }
        }
    }
}

#[test]
fn a_source_named_before_and_after_the_headline_is_listed_once() {
    let text = "县水利局：汛前检查全面完成  全县排查水库十二座，整改隐患9处。（县水利局）\n\n\
                县林业局：春季造林有序推进  新造林2300亩。（县林业局、县自然资源局）\n";
    let b = parse(text);
    assert_eq!(
        sources(&b),
        vec![vec!["县水利局"], vec!["县林业局", "县自然资源局"]]
    );
    assert_eq!(heads(&b), vec!["汛前检查全面完成", "春季造林有序推进"]);
}

#[test]
fn a_body_opening_with_a_bold_sub_unit_still_breaks_after_the_headline() {
    let text = "【乡村振兴】\n\n各乡镇培育特色种植 **东坡镇**新建果园40亩；**西岭乡**新植茶苗2万株。（东坡镇 西岭乡）\n";
    let b = parse(text);
    assert_eq!(heads(&b), vec!["各乡镇培育特色种植"]);
    assert_eq!(sources(&b), vec![vec!["东坡镇", "西岭乡"]]);
    let entities: Vec<_> = b.items[0]
        .figures
        .iter()
        .map(|f| f.entity.as_deref())
        .collect();
    assert_eq!(entities, vec![Some("东坡镇"), Some("西岭乡")]);
}

#[test]
fn a_number_spaced_only_before_begins_the_body_when_nothing_else_breaks() {
    let text = "县统计局：全县经济平稳起步 1-2月份，规模以上工业增加值增长5.1%。（县统计局）\n\n\
                县交易中心 3 天交易 8.2 亿元保障项目落地  完成交易12宗。（县交易中心）\n";
    let b = parse(text);
    assert_eq!(
        heads(&b),
        vec![
            "全县经济平稳起步",
            "县交易中心 3 天交易 8.2 亿元保障项目落地"
        ]
    );
    assert!(b.items[0].body.starts_with("1-2月份"));
}
