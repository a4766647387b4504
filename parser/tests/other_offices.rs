//! The layouts other offices use (SPEC "Beyond the seeds"), one rule at a
//! time, on invented bulletins: masthead variants, web copies, contents
//! lists, editor's notes, section symbols, list markers, sources before the
//! headline, labelled and authored sources, footer variants, several issues
//! in one text.

use bulletin_parser::{parse, parse_all, Bulletin};

fn heads(b: &Bulletin) -> Vec<&str> {
    b.items.iter().map(|i| i.headline.as_str()).collect()
}

fn sources(b: &Bulletin) -> Vec<Vec<&str>> {
    b.items
        .iter()
        .map(|i| i.sources.iter().map(|s| s.as_str()).collect())
        .collect()
}

const ITEMS: &str = "甲局推进项目建设  甲局召开推进会，协调问题12个。（甲局）\n乙镇整治人居环境  乙镇清理垃圾30吨。（乙镇）\n";

#[test]
fn masthead_variants() {
    let cases = [
        ("溪 口 县 政 务 信 息\n2025年第12期（总第356期）\n溪口县人民政府办公室编　　2025年3月8日\n", "溪口县政务信息", 12, "溪口县人民政府办公室", "2025-03-08"),
        ("溪口县工作简报\n第12期 总第356期\n溪口县人民政府办公室编印\n2025.3.8\n", "溪口县工作简报", 12, "溪口县人民政府办公室", "2025-03-08"),
        ("溪口县政务快报\n第十二期\n溪口县人民政府办公室 编    2025/03/08\n", "溪口县政务快报", 12, "溪口县人民政府办公室", "2025-03-08"),
        ("溪口县政务信息\n第12期\n溪口县人民政府办公室\n二〇二五年三月八日\n", "溪口县政务信息", 12, "溪口县人民政府办公室", "2025-03-08"),
        ("溪口县政务信息(第12期)\n发布时间:2025-03-08 09:30  来源:溪口县人民政府办公室  浏览次数:1,206\n", "溪口县政务信息", 12, "溪口县人民政府办公室", "2025-03-08"),
        ("内部资料　注意保存\n\n信息快报\n总第356期　　2025年第12期\n溪口县人民政府办公室\n2025年3月8日（星期六）\n", "信息快报", 12, "溪口县人民政府办公室", "2025-03-08"),
    ];
    for (head, title, n, issuer, date) in cases {
        let b = parse(&format!("{head}\n{ITEMS}"));
        let m = &b.masthead;
        assert_eq!(m.title.as_deref(), Some(title), "{head}");
        assert_eq!(m.issue_number, Some(n), "{head}");
        assert_eq!(m.issuer.as_deref(), Some(issuer), "{head}");
        assert_eq!(m.date.as_deref(), Some(date), "{head}");
        assert_eq!(
            heads(&b),
            ["甲局推进项目建设", "乙镇整治人居环境"],
            "{head}"
        );
        assert!(b.warnings.is_empty(), "{head}: {:?}", b.warnings);
    }
}

#[test]
fn web_copy_furniture_is_noise() {
    let text = "当前位置:首页 > 政务公开 > 政务信息\n溪口县政务信息(第8期)\n发布时间:2025-04-01 10:00  来源:溪口县人民政府办公室  浏览次数:88\n【字体:大 中 小】\n甲局推进项目建设\n    甲局召开推进会,协调问题12个。(甲局)\n乙镇整治人居环境\n    乙镇清理垃圾30吨。(乙镇)\n【打印本页】 【关闭窗口】\n";
    let b = parse(text);
    assert_eq!(b.masthead.title.as_deref(), Some("溪口县政务信息"));
    assert_eq!(b.masthead.date.as_deref(), Some("2025-04-01"));
    assert_eq!(heads(&b), ["甲局推进项目建设", "乙镇整治人居环境"]);
    assert_eq!(sources(&b), [vec!["甲局"], vec!["乙镇"]]);
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    assert!(b.sections.is_empty());
}

#[test]
fn contents_list_is_neither_items_nor_sections() {
    for toc in [
        "本期要目\n◆甲局推进项目建设\n◆乙镇整治人居环境\n\n",
        "目  录\n● 甲局推进项目建设 ………… 1\n● 乙镇整治人居环境 ………… 2\n━━━━━━━━━━\n",
        // no blank line before the first item: the list ends where its first entry comes again
        "本期导读\n甲局推进项目建设\n乙镇整治人居环境\n",
    ] {
        let b = parse(&format!("溪口县政务信息\n第3期\n\n{toc}{ITEMS}"));
        assert_eq!(heads(&b), ["甲局推进项目建设", "乙镇整治人居环境"], "{toc}");
        assert!(b.sections.is_empty(), "{toc}");
        assert!(b.warnings.is_empty(), "{toc}: {:?}", b.warnings);
    }
}

#[test]
fn editors_notes_are_notes() {
    for note in [
        "编者按：近期各地推进民生实事，现摘编如下。",
        "> 编者按：近期各地推进民生实事，现摘编如下。",
        "按：近期各地推进民生实事，现摘编如下。",
    ] {
        let b = parse(&format!("溪口县政务信息\n第3期\n\n{note}\n\n{ITEMS}"));
        assert_eq!(b.notes, ["近期各地推进民生实事，现摘编如下。"], "{note}");
        assert_eq!(
            heads(&b),
            ["甲局推进项目建设", "乙镇整治人居环境"],
            "{note}"
        );
    }
}

#[test]
fn section_symbols_and_list_markers() {
    let text = "溪口县政务信息\n第3期\n\n★ 工作动态\n\n一、甲局推进项目建设\n甲局召开推进会，协调问题12个。（甲局）\n\n◆ 乡镇传真\n\n（一）乙镇整治人居环境\n乙镇清理垃圾30吨。（乙镇）\n\n■ 部门信息\n\n1. 丙局开展安全检查 丙局检查企业40家。（丙局）\n\n▲基层声音\n\n② 丁村发展庭院经济\n丁村新建果园20亩。（丁村）\n";
    let b = parse(text);
    assert_eq!(b.sections, ["工作动态", "乡镇传真", "部门信息", "基层声音"]);
    assert_eq!(
        heads(&b),
        [
            "甲局推进项目建设",
            "乙镇整治人居环境",
            "丙局开展安全检查",
            "丁村发展庭院经济"
        ]
    );
    assert_eq!(b.items[3].section.as_deref(), Some("基层声音"));
}

#[test]
fn sources_before_the_headline() {
    let text = "溪口县政务信息\n第3期\n\n甲局：推进项目建设 甲局召开推进会，协调问题12个。\n【乙镇】整治人居环境。乙镇清理垃圾30吨。\n【丙局】\n开展安全检查\n丙局检查企业40家。\n";
    let b = parse(text);
    assert_eq!(heads(&b), ["推进项目建设", "整治人居环境", "开展安全检查"]);
    assert_eq!(sources(&b), [vec!["甲局"], vec!["乙镇"], vec!["丙局"]]);
    assert_eq!(b.items[1].body, "乙镇清理垃圾30吨。");
    assert!(b.sections.is_empty());
}

#[test]
fn a_bracket_with_sourced_items_under_it_is_a_section() {
    let text = "溪口县政务信息\n第3期\n\n【民生保障】甲局推进项目建设 甲局召开推进会。（甲局）\n【县直单位】\n乙局整治环境 乙局清理垃圾30吨。（乙局）\n丙局开展检查 丙局检查企业40家。（丙局）\n";
    let b = parse(text);
    assert_eq!(b.sections, ["民生保障", "县直单位"]);
    assert_eq!(
        heads(&b),
        ["甲局推进项目建设", "乙局整治环境", "丙局开展检查"]
    );
}

#[test]
fn labelled_sources_and_authors() {
    let closing = [
        ("（县发改委 张伟）", vec!["县发改委"], vec!["张伟"]),
        (
            "（县卫健委 李娜 王磊）",
            vec!["县卫健委"],
            vec!["李娜", "王磊"],
        ),
        ("（供稿：县交通局）", vec!["县交通局"], vec![]),
        ("（县农业农村局供稿）", vec!["县农业农村局"], vec![]),
        ("（来源：县统计局）", vec!["县统计局"], vec![]),
        (
            "（县水利局、县应急管理局）",
            vec!["县水利局", "县应急管理局"],
            vec![],
        ),
        (
            "（作者：李强 单位：县林业局）",
            vec!["县林业局"],
            vec!["李强"],
        ),
        ("（县交通局 通讯员 陈晨）", vec!["县交通局"], vec!["陈晨"]),
    ];
    for (paren, srcs, authors) in closing {
        let text = format!(
            "溪口县政务信息\n第3期\n\n甲局推进项目建设  甲局召开推进会，协调问题12个。{paren}\n乙镇整治人居环境  乙镇清理垃圾30吨。（乙镇）\n"
        );
        let b = parse(&text);
        assert_eq!(
            heads(&b),
            ["甲局推进项目建设", "乙镇整治人居环境"],
            "{paren}"
        );
        assert_eq!(b.items[0].sources, srcs, "{paren}");
        assert_eq!(b.items[0].authors, authors, "{paren}");
        assert_eq!(b.items[0].body, "甲局召开推进会，协调问题12个。", "{paren}");
    }
}

#[test]
fn footer_variants() {
    let b = parse(&format!(
        "溪口县政务信息\n第3期\n\n{ITEMS}\n报：市委办公室，市政府办公室。\n送：县委常委。\n发：各乡镇，县直各单位。\n**责任编辑：**胡静　**审核：**马俊　**签发：**梁宇\n撰稿：王明　校对：李华\n（共印50份）\n"
    ));
    let f = &b.footer;
    assert_eq!(
        f.distribution.as_deref().map(|d| d.replace('\n', "")),
        Some("报：市委办公室，市政府办公室。送：县委常委。发：各乡镇，县直各单位。".into())
    );
    assert_eq!(f.editor.as_deref(), Some("胡静"));
    assert_eq!(f.reviewer.as_deref(), Some("马俊"));
    assert_eq!(f.signer.as_deref(), Some("梁宇"));
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    assert_eq!(b.items[1].sources, ["乙镇"]);
}

#[test]
fn running_page_headers_join_what_they_cut() {
    let text = "溪口县政务快报\n第8期\n溪口县人民政府办公室  2025年3月8日\n\n甲局推进项目建设  甲局召开推进会，协调\n\n- 2 -\n\u{c}溪口县政务快报 第8期\n解决问题12个。（甲局）\n乙镇整治人居环境  乙镇清理垃圾30吨。\n第 2 页 共 3 页\n溪口县政务快报（第8期）\n（乙镇）\n";
    let b = parse(text);
    assert_eq!(heads(&b), ["甲局推进项目建设", "乙镇整治人居环境"]);
    assert_eq!(b.items[0].body, "甲局召开推进会，协调解决问题12个。");
    assert_eq!(sources(&b), [vec!["甲局"], vec!["乙镇"]]);
}

#[test]
fn table_rows_stay_one_a_line() {
    let text = "溪口县政务信息\n第3期\n\n县统计局发布主要指标\n主要指标如下：\n序号\t指标\t数值\t增速\n1\t地区生产总值\t86.4亿元\t5.2%\n2\t固定资产投资\t31.2亿元\t7.8%\n总体平稳。（县统计局）\n";
    let b = parse(text);
    assert_eq!(heads(&b), ["县统计局发布主要指标"]);
    let body = &b.items[0].body;
    assert!(body.contains("5.2%\n2"), "{body:?}");
    let pct: Vec<f64> = b.items[0]
        .figures
        .iter()
        .filter(|f| f.unit.as_deref() == Some("%"))
        .map(|f| f.value)
        .collect();
    assert_eq!(pct, [5.2, 7.8]);
}

#[test]
fn an_unfamiliar_closing_parenthesis_swallows_nothing() {
    let text = "溪口县政务信息\n第3期\n\n1、甲局推进项目建设\n甲局召开推进会，协调问题12个。（甲局办公室 摄影 小明 等供图）\n\n2、乙镇整治人居环境\n乙镇清理垃圾30吨。（乙镇）\n\n3、丙局开展安全检查\n丙局检查企业40家。（据丙局）\n\n4、丁村发展庭院经济\n丁村新建果园20亩。（丁村）\n";
    let b = parse(text);
    assert_eq!(
        heads(&b),
        [
            "甲局推进项目建设",
            "乙镇整治人居环境",
            "丙局开展安全检查",
            "丁村发展庭院经济"
        ]
    );
}

#[test]
fn several_issues_in_one_text() {
    let one = |n: u32| {
        format!("溪口县政务信息\n第{n}期\n溪口县人民政府办公室  2025年3月{n}日\n\n{ITEMS}\n责任编辑：胡静\n\n")
    };
    let text = format!("{}{}{}", one(7), one(8), one(9));
    let all = parse_all(&text);
    assert_eq!(all.len(), 3);
    for (b, n) in all.iter().zip([7, 8, 9]) {
        assert_eq!(b.masthead.issue_number, Some(n));
        assert_eq!(b.masthead.title.as_deref(), Some("溪口县政务信息"));
        assert_eq!(heads(b), ["甲局推进项目建设", "乙镇整治人居环境"]);
        assert_eq!(b.footer.editor.as_deref(), Some("胡静"));
        assert!(b.warnings.is_empty(), "{:?}", b.warnings);
    }
    // Line numbers count in the whole text.
    assert_eq!(all[1].items[0].lines.first, all[0].items[0].lines.first + 9);
}

#[test]
fn one_issue_stays_one() {
    // A running header repeating the issue, and a body naming another 期.
    let text = "溪口县政务快报\n第8期\n\n甲局推进项目建设  甲局举办第三期培训班，培训120人。（甲局）\n\n溪口县政务快报 第8期\n\n乙镇整治人居环境  乙镇清理垃圾30吨。（乙镇）\n第9期\n";
    assert_eq!(parse_all(text).len(), 1);
    assert_eq!(parse_all(ITEMS).len(), 1);
    assert_eq!(parse_all("").len(), 1);
}

#[test]
fn bar_and_pointer_symbols_mark_sections() {
    // WeChat and web layouts mark sections with bars and pointers.
    for mark in ['▌', '➤', '❖', '▪'] {
        let text = format!(
            "溪口县政务信息\n第8期\n\n{mark}经济运行\n\n甲局推进项目建设  甲局新开工项目12个，总投资3.6亿元。（甲局）\n\n{mark} 民生保障\n\n乙镇整治人居环境  乙镇清理垃圾30吨。（乙镇）\n"
        );
        let b = parse(&text);
        assert_eq!(b.sections, ["经济运行", "民生保障"], "{mark}");
        assert_eq!(
            heads(&b),
            ["甲局推进项目建设", "乙镇整治人居环境"],
            "{mark}"
        );
    }
}

#[test]
fn two_symbols_one_for_sections_one_for_headlines() {
    // WeChat and web layouts: one symbol opens sections, another each
    // headline, and a short headline is still no section.
    for (sec, head) in [('▌', '▶'), ('■', '●'), ('★', '☆'), ('◆', '➤')] {
        let text = format!(
            "溪口县政务信息\n第8期\n\n{sec}经济运行\n\n{head} 甲局稳产增效\n\n甲局新开工项目12个，总投资3.6亿元。\n\n（来源：甲局）\n\n{sec}民生保障\n\n{head} 乙镇整治人居环境成效明显\n\n乙镇清理垃圾30吨，整治河道5公里。\n\n（来源：乙镇）\n\n{head} 丙局办实事\n\n丙局新增停车泊位1800个。\n\n（来源：丙局）\n"
        );
        let b = parse(&text);
        assert_eq!(b.sections, ["经济运行", "民生保障"], "{sec}{head}");
        assert_eq!(
            heads(&b),
            ["甲局稳产增效", "乙镇整治人居环境成效明显", "丙局办实事"],
            "{sec}{head}"
        );
        assert_eq!(
            sources(&b),
            [vec!["甲局"], vec!["乙镇"], vec!["丙局"]],
            "{sec}{head}"
        );
    }
}

#[test]
fn a_masthead_framed_in_box_drawing_rules() {
    for rule in [
        "══════════════",
        "┏━━━━━━━━━━━┓",
        "───────────",
        "﹏﹏﹏﹏﹏﹏",
    ] {
        let text = format!(
            "{rule}\n溪口县政务信息\n第8期\n溪口县人民政府办公室  2025年3月8日\n{rule}\n\n{ITEMS}\n责任编辑：胡静\n"
        );
        let b = parse(&text);
        assert_eq!(
            b.masthead.title.as_deref(),
            Some("溪口县政务信息"),
            "{rule}"
        );
        assert_eq!(b.masthead.issue_number, Some(8), "{rule}");
        assert_eq!(b.masthead.date.as_deref(), Some("2025-03-08"), "{rule}");
        assert_eq!(
            heads(&b),
            ["甲局推进项目建设", "乙镇整治人居环境"],
            "{rule}"
        );
    }
}

#[test]
fn links_to_other_issues_are_not_issues() {
    // A web copy's previous/next links, and a closing list naming the
    // issues of a collection, name other issues without being one.
    let web = format!(
        "溪口县政务信息（2025年第8期）\n发布时间：2025-03-08  来源：溪口县人民政府办公室\n{ITEMS}\n责任编辑：胡静\n上一篇：溪口县政务信息（2025年第7期）\n下一篇：溪口县政务信息（2025年第9期）\n"
    );
    let all = parse_all(&web);
    assert_eq!(
        all.len(),
        1,
        "{:?}",
        all.iter().map(|b| &b.masthead).collect::<Vec<_>>()
    );
    assert_eq!(heads(&all[0]), ["甲局推进项目建设", "乙镇整治人居环境"]);
    let index = format!("溪口县政务信息\n第8期\n溪口县人民政府办公室  2025年3月8日\n\n{ITEMS}\n责任编辑：胡静\n\n溪口县政务信息\n第9期\n");
    assert_eq!(parse_all(&index).len(), 1);
}

#[test]
fn enumerated_brackets_bold_labels_end_marks_and_print_lines() {
    let text = "工 作 简 报\n第5期\n某县人民政府办公室    2025年4月3日\n\n【一、重点工作】\n\n**【甲局】**打造文旅新业态。甲局推出旅游线路12条。\n\n**乙局：**推进国土绿化 乙局完成造林1.5万亩。\n\n【二、基层动态】\n\n（一）丙镇开展植树活动\n丙镇植树2.1万株。（完）\n\n（二）丁乡推进厕所革命\n丁乡改造户厕320户。\n\n主送：县委、县政府领导。\n抄送：市政府办公室。\n某县人民政府办公室        2025年4月3日印发\n";
    let b = parse(text);
    assert_eq!(b.sections, ["重点工作", "基层动态"]);
    assert_eq!(
        heads(&b),
        [
            "打造文旅新业态",
            "推进国土绿化",
            "丙镇开展植树活动",
            "丁乡推进厕所革命"
        ]
    );
    assert_eq!(b.items[0].sources, ["甲局"]);
    assert_eq!(b.items[1].sources, ["乙局"]);
    assert_eq!(b.items[3].body, "丁乡改造户厕320户。");
    assert_eq!(
        b.footer
            .distribution
            .as_deref()
            .map(|d| d.replace('\n', "")),
        Some("主送：县委、县政府领导。抄送：市政府办公室。".into())
    );
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);
}
