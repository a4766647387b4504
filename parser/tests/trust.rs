//! Trust what you see: corrections by hand that survive re-parsing, doubt
//! ratings on invented items, typed warnings, and tables of contents that
//! raise none. All text here is invented.

use bulletin_parser::corrections::{
    apply, bulletin_units, BulletinKey, CorrectionsFile, FigureRef, ItemRef, SkipReason,
};
use bulletin_parser::{parse, parse_all, Correction, DoubtReason, FigureKind, WarningKind};

const TEXT: &str = "\
桐溪政务快报

第 7 期

桐溪县人民政府办公室        2024 年 6 月 3 日

【经济运行】

县财政局加快资金拨付  今年以来，县财政局拨付资金 3.2 亿元，惠及项目 46 个。（县财政局）

县农业农村局抓好夏收  全县完成小麦收割 12 万亩，占总面积 96%。县水利局保障灌溉用水 全县开放泵站 38 座，灌溉 4 万亩。（县农业农村局）

【民生保障】

县人社局开展春风行动  举办招聘会 8 场，提供岗位 3200 个，其中“12345”热线转办 15 件。（县人社局）

东湖镇整治人居环境  清理垃圾 460 吨，整治河塘 12 处。（东湖镇）

责任编辑：王明
";

fn item_ref(b: &bulletin_parser::Bulletin, k: usize) -> ItemRef {
    ItemRef::of(&b.items[k])
}

#[test]
fn every_correction_applies_and_marks_what_it_changed() {
    let b = parse(TEXT);
    assert_eq!(b.items.len(), 4);
    assert_eq!(
        bulletin_units(&b),
        ["县财政局", "县农业农村局", "县人社局", "东湖镇"]
    );
    let r1 = item_ref(&b, 1);
    let split_at = b.items[1].body.find("县水利局").unwrap();
    let at = b.items[1].body[..split_at].chars().count();
    let fig = FigureRef::of(&b.items[0].figures[0]);
    let quoted = b.items[2].body.find("12345").unwrap();
    let qstart = b.items[2].body[..quoted].chars().count();
    let list = vec![
        Correction::SetHeadline {
            item: item_ref(&b, 0),
            headline: "县财政局加快资金拨付进度".into(),
        },
        Correction::RemoveFigure {
            item: ItemRef {
                line: b.items[0].lines.first,
                headline: "县财政局加快资金拨付进度".into(),
            },
            figure: fig,
        },
        Correction::Split {
            item: r1.clone(),
            at,
            after: "县水利局保障".into(),
        },
        Correction::SetSources {
            item: r1.clone(),
            sources: vec!["县农业农村局".into(), " ".into()],
        },
        Correction::AddFigure {
            item: item_ref(&b, 2),
            start: qstart,
            end: qstart + 5,
            text: "12345".into(),
            value: Some(12345.0),
            unit: None,
            kind: Some(FigureKind::Count),
        },
        Correction::SetSection {
            item: item_ref(&b, 3),
            section: Some("基层动态".into()),
        },
    ];
    let (c, skipped) = apply(&b, TEXT, &list);
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(c.items.len(), 5);
    assert_eq!(c.items[0].headline, "县财政局加快资金拨付进度");
    assert_eq!(c.items[0].figures.len(), b.items[0].figures.len() - 1);
    assert!(c.items[0].corrected);
    // The split: the first part keeps its headline, the second gets the
    // parser's own headline break and the closing source.
    assert_eq!(c.items[1].headline, "县农业农村局抓好夏收");
    assert!(
        c.items[1].body.ends_with("占总面积 96%。"),
        "{}",
        c.items[1].body
    );
    assert_eq!(c.items[1].sources, vec!["县农业农村局"]);
    assert_eq!(c.items[2].headline, "县水利局保障灌溉用水");
    assert_eq!(c.items[2].body, "全县开放泵站 38 座，灌溉 4 万亩。");
    assert_eq!(c.items[2].sources, vec!["县农业农村局"]);
    let values: Vec<f64> = c.items[2].figures.iter().map(|f| f.value).collect();
    assert_eq!(values, [38.0, 40000.0]);
    for it in &c.items[..3] {
        for f in &it.figures {
            let text: String = it
                .body
                .chars()
                .skip(f.start)
                .take(f.end - f.start)
                .collect();
            assert_eq!(text, f.text.as_str(), "offsets still point at the text");
        }
    }
    // The figure added by hand, from a quoted number the parser skips.
    let added = c.items[3].figures.iter().find(|f| f.corrected).unwrap();
    assert_eq!((added.value, added.text.as_str()), (12345.0, "12345"));
    assert_eq!(c.items[4].section.as_deref(), Some("基层动态"));
    assert!(c.sections.iter().any(|s| s == "基层动态"));
    assert!(c.items.iter().all(|i| i.corrected));

    // Uncorrected output is unchanged: no `corrected` key anywhere.
    let plain = serde_json::to_string(&b).unwrap();
    assert!(!plain.contains("corrected"));
    let marked = serde_json::to_string(&c).unwrap();
    assert!(marked.contains("\"corrected\":true"));
}

#[test]
fn fixes_survive_reparsing_through_a_file() {
    let b = parse(TEXT);
    let list = vec![
        Correction::SetHeadline {
            item: item_ref(&b, 3),
            headline: "东湖镇人居环境整治见效".into(),
        },
        Correction::MergeNext {
            item: item_ref(&b, 2),
        },
    ];
    let mut file = CorrectionsFile::default();
    file.push(BulletinKey::of(&b), list.clone());
    let saved = file.to_json();
    assert!(saved.contains("\"op\": \"set_headline\""), "{saved}");

    // Later: the same text parsed again, the saved file read back.
    let again = parse_all(TEXT).remove(0);
    let read = CorrectionsFile::from_json(&saved).unwrap();
    let mine = read.for_bulletin(&again, Some("桐溪-7.txt"));
    assert_eq!(mine, list);
    let (once, s1) = apply(&b, TEXT, &list);
    let (twice, s2) = apply(&again, TEXT, &mine);
    assert!(s1.is_empty() && s2.is_empty());
    assert_eq!(once, twice);
    assert_eq!(twice.items.len(), 3);
    assert!(twice.items[2].body.contains("东湖镇人居环境整治见效"));
    assert_eq!(twice.items[2].sources, vec!["县人社局", "东湖镇"]);

    // Another bulletin is not touched.
    let other = parse(&TEXT.replace("第 7 期", "第 8 期"));
    assert!(read.for_bulletin(&other, None).is_empty());
}

#[test]
fn a_correction_whose_text_changed_is_reported_not_guessed() {
    let b = parse(TEXT);
    let edited = TEXT.replace("县财政局加快资金拨付", "县财政局强化资金拨付");
    let e = parse(&edited);
    let list = vec![
        Correction::SetHeadline {
            item: item_ref(&b, 0),
            headline: "x".into(),
        },
        Correction::Split {
            item: item_ref(&e, 1),
            at: 3,
            after: "不是这里".into(),
        },
        Correction::RemoveFigure {
            item: item_ref(&e, 2),
            figure: FigureRef {
                start: 0,
                end: 3,
                text: "8 场".into(),
            },
        },
        Correction::MergeNext {
            item: item_ref(&e, 3),
        },
        Correction::AddFigure {
            item: item_ref(&e, 3),
            start: 0,
            end: 2,
            text: "清理".into(),
            value: None,
            unit: None,
            kind: None,
        },
        Correction::Split {
            item: item_ref(&e, 3),
            at: 10_000,
            after: "x".into(),
        },
    ];
    let (out, skipped) = apply(&e, &edited, &list);
    let reasons: Vec<SkipReason> = skipped.iter().map(|s| s.reason).collect();
    assert_eq!(
        reasons,
        [
            SkipReason::ItemNotFound,
            SkipReason::BodyChanged,
            SkipReason::FigureNotFound,
            SkipReason::NoNextItem,
            SkipReason::NoNumber,
            SkipReason::OutOfRange,
        ]
    );
    assert_eq!(out, e, "nothing applied, nothing changed");
    // The input no longer holding the item's headline is caught too.
    let (_, skipped) = apply(
        &b,
        &TEXT.replace("县人社局开展春风行动", "另一段文字"),
        &[Correction::SetHeadline {
            item: item_ref(&b, 2),
            headline: "y".into(),
        }],
    );
    assert_eq!(skipped[0].reason, SkipReason::TextChanged);
}

#[test]
fn corrections_never_panic_on_odd_offsets_and_texts() {
    let b = parse(TEXT);
    for k in 0..b.items.len() {
        let r = item_ref(&b, k);
        let len = b.items[k].body.chars().count();
        for at in [
            0,
            1,
            len / 2,
            len.saturating_sub(1),
            len,
            len + 1,
            usize::MAX,
        ] {
            let after: String = b.items[k].body.chars().skip(at.min(len)).take(3).collect();
            let list = [
                Correction::Split {
                    item: r.clone(),
                    at,
                    after: after.clone(),
                },
                Correction::AddFigure {
                    item: r.clone(),
                    start: at,
                    end: at.saturating_add(2),
                    text: after.chars().take(2).collect(),
                    value: Some(f64::NAN),
                    unit: Some("元".into()),
                    kind: None,
                },
                Correction::RemoveFigure {
                    item: r.clone(),
                    figure: FigureRef {
                        start: at,
                        end: usize::MAX,
                        text: String::new(),
                    },
                },
            ];
            let _ = apply(&b, TEXT, &list);
            let _ = apply(&b, "", &list);
        }
    }
}

#[test]
fn doubt_flags_misread_items_and_leaves_clean_ones() {
    // As written, every item reads cleanly (the second holds a second
    // report with nothing to show it: that one the split correction fixes).
    let clean = parse(TEXT);
    for it in &clean.items {
        assert!(it.check.is_none(), "{}: {:?}", it.headline, it.check);
    }
    // Headline and body glued (no gap), and a source lost.
    let glued = TEXT
        .replace("县人社局开展春风行动  举办", "县人社局开展春风行动举办")
        .replace("（东湖镇）", "");
    let g = parse(&glued);
    let reasons = |b: &bulletin_parser::Bulletin, k: usize| {
        b.items[k]
            .check
            .as_ref()
            .map(|d| d.reasons.clone())
            .unwrap_or_default()
    };
    let people = g
        .items
        .iter()
        .position(|i| i.body.contains("举办招聘会") || i.headline.contains("举办招聘会"))
        .unwrap();
    assert!(
        reasons(&g, people).contains(&DoubtReason::NoHeadline)
            || reasons(&g, people).contains(&DoubtReason::HeadlineLong),
        "{:?}",
        g.items[people]
    );
    let east = g
        .items
        .iter()
        .position(|i| i.headline.contains("东湖镇"))
        .unwrap();
    assert!(reasons(&g, east).contains(&DoubtReason::NoSource));

    // Two items run together on one line: the source inside the body shows it.
    let joined = TEXT.replace("（县财政局）\n\n县农业", "（县财政局）县农业");
    let j = parse(&joined);
    assert!(
        reasons(&j, 0).contains(&DoubtReason::SourceInsideBody),
        "{:?}",
        j.items[0]
    );

    // A source line read as a headline.
    let bare = "某县政务信息\n\n县发改委推进项目  全县开工项目 12 个。（县发改委）\n\n县统计局\n全县经济运行平稳向好，一季度生产总值增长 5.1%。\n\n县商务局促消费  发放消费券 300 万元。（县商务局）\n";
    let s = parse(bare);
    let k = s
        .items
        .iter()
        .position(|i| i.headline == "县统计局")
        .unwrap_or_else(|| panic!("{:?}", s.items));
    assert!(
        reasons(&s, k).contains(&DoubtReason::HeadlineOdd),
        "{:?}",
        s.items[k]
    );

    // The JSON of a doubtful item carries its codes.
    let json = serde_json::to_string(&g).unwrap();
    assert!(json.contains("\"check\":{\"reasons\":["), "{json}");
}

#[test]
fn warnings_carry_stable_codes_and_their_chinese_text() {
    let text = "某县政务信息\n\n（县财政局）\n\n县发改委推进项目  全县开工项目 12 个。（县发改委）\n\n责任编辑：王明\n责任编辑：李红\n";
    let b = parse(text);
    assert!(!b.warnings.is_empty());
    for w in &b.warnings {
        assert_ne!(w.code, WarningKind::Other);
        assert_eq!(w.message, w.code.message_zh());
    }
    let json = serde_json::to_string(&b.warnings).unwrap();
    assert!(json.contains("\"code\":\"footer_duplicate\""), "{json}");
    assert!(json.contains("\"message\":\"重复的报尾项\""), "{json}");
    // Old JSON without codes still reads.
    let old: Vec<bulletin_parser::Warning> = serde_json::from_str(
        r#"[{"lines":{"first":1,"last":1},"message":"刊头中无法归类的文字","text":"x"}]"#,
    )
    .unwrap();
    assert_eq!(old[0].code, WarningKind::Other);
}

/// Tables of contents under other titles and frames are furniture: dropped
/// as contents, no warnings, no items, no section.
#[test]
fn tables_of_contents_raise_no_warnings() {
    let heads = [
        "县财政局加快资金拨付",
        "县农业农村局抓好夏收",
        "东湖镇整治人居环境",
    ];
    for title in [
        "本期要目",
        "内容提要",
        "本期提要",
        "【本期要目】",
        "■ 本期导读",
        "[目录]",
        "目　录",
    ] {
        for style in ["◆", "1.", ""] {
            let mut t = String::from(
                "桐溪政务信息\n\n第 3 期\n\n桐溪县人民政府办公室        2024 年 6 月 3 日\n\n",
            );
            t.push_str(title);
            t.push('\n');
            for h in heads {
                t.push_str(&format!("{style}{h}\n"));
            }
            t.push_str("\n【经济运行】\n\n");
            for h in heads {
                t.push_str(&format!("{h}  全县完成任务 12 项。（县财政局）\n\n"));
            }
            let b = parse(&t);
            assert!(b.warnings.is_empty(), "{title} {style}: {:?}", b.warnings);
            assert_eq!(b.items.len(), 3, "{title} {style}");
            assert_eq!(b.sections, ["经济运行"], "{title} {style}");
            assert!(b.items.iter().all(|i| i.check.is_none()), "{title} {style}");
            assert!(b.dropped.iter().any(|d| d.reason == "contents"));
        }
    }
}

/// A web page and a WeChat article copied whole: the site's banner, menu,
/// neighbouring-article links and footer, WeChat's chrome — all furniture,
/// dropped, no warnings; the bulletin reads as before.
#[test]
fn web_and_wechat_furniture_raises_no_warnings() {
    let web = "桐溪县人民政府门户网站\n首页 | 政务公开 | 政务服务 | 互动交流\n桐溪县政务信息\n\n第 5 期\n\n桐溪县人民政府办公室        2024 年 6 月 3 日\n\n县财政局加快资金拨付  拨付资金 3.2 亿元。（县财政局）\n\n县人社局开展春风行动  提供岗位 3200 个。（县人社局）\n\n责任编辑：王明\n\n上一篇：桐溪县政务信息（第4期）\n下一篇：桐溪县政务信息（第6期）\n主办单位：桐溪县人民政府办公室    网站标识码：3301990001\n";
    let wechat = "原创 桐溪发布 桐溪发布\n09:05 浙江\n听全文\n桐溪县政务信息\n\n第 5 期\n\n县财政局加快资金拨付  拨付资金 3.2 亿元。（县财政局）\n\n县人社局开展春风行动  提供岗位 3200 个。（县人社局）\n\n责任编辑：王明\n\n预览时标签不可点\n阅读 2.3万\n分享  收藏  赞 40  在看 12\n写留言\n";
    for text in [web, wechat] {
        let b = parse(text);
        assert!(b.warnings.is_empty(), "{:?}", b.warnings);
        assert_eq!(b.items.len(), 2);
        assert_eq!(b.masthead.title.as_deref(), Some("桐溪县政务信息"));
        assert!(b.dropped.iter().any(|d| d.reason == "page-furniture"));
    }
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Pieces bulletins are made of, strung together at random.
    const PIECES: [&str; 16] = [
        "县财政局加快资金拨付",
        "  ",
        " ",
        "\n",
        "\n\n",
        "拨付资金 3.2 亿元",
        "。",
        "（县财政局）",
        "（东湖镇 张伟）",
        "【经济运行】",
        "**东湖镇**",
        "12345",
        "“两免一补”",
        "3至5万元",
        "责任编辑：王明",
        "第 3 期",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Whatever the text and the offsets, applying corrections never
        /// panics, and every figure left points at its text.
        #[test]
        fn apply_never_panics(
            picks in proptest::collection::vec(0..PIECES.len(), 0..40),
            ats in proptest::collection::vec(0usize..200, 4),
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let b = parse(&text);
            let mut list = Vec::new();
            for it in &b.items {
                let item = ItemRef::of(it);
                let after: String = it.body.chars().skip(ats[0]).take(2).collect();
                let picked: String = it.body.chars().skip(ats[1]).take(ats[2] % 6).collect();
                list.push(Correction::AddFigure {
                    item: item.clone(),
                    start: ats[1],
                    end: ats[1] + ats[2] % 6,
                    text: picked,
                    value: Some(ats[3] as f64),
                    unit: None,
                    kind: None,
                });
                list.push(Correction::Split { item: item.clone(), at: ats[0], after });
                if let Some(f) = it.figures.first() {
                    list.push(Correction::RemoveFigure { item: item.clone(), figure: FigureRef::of(f) });
                }
                list.push(Correction::MergeNext { item });
            }
            let (c, _) = apply(&b, &text, &list);
            for it in &c.items {
                for f in &it.figures {
                    let got: String = it.body.chars().skip(f.start).take(f.end - f.start).collect();
                    prop_assert_eq!(got, f.text.as_str());
                }
            }
        }
    }
}
