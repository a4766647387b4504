//! The counting, merging, filtering and search rules, each on small invented
//! libraries.

use bulletin_parser::{Bulletin, Change, Figure, FigureKind, Item, Masthead};
use bulletin_stats::*;

fn bulletin(title: &str, office: Option<&str>, issue: u32, date: Option<&str>) -> Bulletin {
    Bulletin {
        masthead: Masthead {
            title: Some(title.into()),
            issue: Some(format!("第 {issue} 期")),
            issue_number: Some(issue),
            issuer: office.map(Into::into),
            date: date.map(Into::into),
        },
        ..Default::default()
    }
}

fn item(section: Option<&str>, headline: &str, body: &str, sources: &[&str]) -> Item {
    Item {
        section: section.map(Into::into),
        headline: headline.into(),
        body: body.into(),
        sources: sources.iter().map(|s| (*s).into()).collect(),
        ..Default::default()
    }
}

fn figure(label: &str, value: f64, unit: &str, change: Option<Change>) -> Figure {
    Figure {
        text: format!("{value}{unit}").into(),
        value,
        value_max: None,
        unit: Some(unit.to_owned().into()),
        approx: None,
        kind: FigureKind::Money,
        start: 0,
        end: 1,
        label: Some(label.into()),
        change,
        period: None,
        entity: None,
    }
}

const OFFICE: &str = "溪口县人民政府办公室";

#[test]
fn insert_replace_unchanged_remove() {
    let mut library = Library::new();
    let mut a = bulletin("溪口政务信息", Some(OFFICE), 1, Some("2024-01-05"));
    a.items.push(item(None, "甲", "正文", &["财政局"]));
    let b = bulletin("溪口政务信息", Some(OFFICE), 2, Some("2024-01-12"));
    assert_eq!(
        library.insert(Some("a.txt".into()), a.clone()),
        Inserted::New
    );
    assert_eq!(library.insert(None, b.clone()), Inserted::New);
    assert_eq!(library.insert(None, a.clone()), Inserted::Unchanged);
    let mut a2 = a.clone();
    a2.items[0].body = "改过的正文".into();
    assert_eq!(library.insert(None, a2), Inserted::Replaced);
    assert_eq!(library.len(), 2);
    let key_a = BulletinKey::of(&a);
    assert_eq!(
        library.get(&key_a).unwrap().bulletin.items[0].body,
        "改过的正文"
    );
    assert!(library.remove(&key_a).is_some());
    assert!(library.remove(&key_a).is_none());
    assert_eq!(library.len(), 1);
    // The index of the remaining entry was moved down with it.
    assert_eq!(
        library.get(&BulletinKey::of(&b)).unwrap().key,
        BulletinKey::of(&b)
    );
    // Several at once.
    for n in 3..8 {
        library.insert(
            None,
            bulletin("溪口政务信息", Some(OFFICE), n, Some("2024-02-01")),
        );
    }
    let removed = library.retain(|e| e.bulletin.masthead.issue_number.unwrap_or(0) % 2 == 0);
    let numbers = |list: &[Entry]| -> Vec<u32> {
        list.iter()
            .filter_map(|e| e.bulletin.masthead.issue_number)
            .collect()
    };
    assert_eq!(numbers(&removed), vec![3, 5, 7]);
    assert_eq!(numbers(library.entries()), vec![2, 4, 6]);
    let six = library.entries()[2].key.clone();
    assert_eq!(
        library.get(&six).unwrap().bulletin.masthead.issue_number,
        Some(6)
    );
    assert!(library.retain(|_| false).len() == 3 && library.is_empty());
}

#[test]
fn units_belong_to_their_series_and_offices_are_inferred() {
    let mut a = bulletin("溪口政务信息", Some(OFFICE), 1, Some("2024-01-05"));
    a.items.push(item(None, "甲", "正文", &["县财政局"]));
    // The same title, office not read: joins the one series of the title.
    let mut b = bulletin("溪口政务信息", None, 2, Some("2024-01-12"));
    b.items.push(item(None, "乙", "正文", &["财政局"]));
    // Another county's bulletin: its 财政局 is another unit.
    let mut c = bulletin(
        "南屏政务快报",
        Some("南屏县人民政府办公室"),
        1,
        Some("2024-01-08"),
    );
    c.items.push(item(None, "丙", "正文", &["南屏县财政局"]));
    let library = Library::from_bulletins([(None, a), (None, b), (None, c)]);
    let index = Index::build(&library, &Aliases::default());
    assert_eq!(index.series.len(), 2);
    assert!(
        index.notes.iter().any(|n| n.contains("归入同名刊物")),
        "{:?}",
        index.notes
    );
    let finance: Vec<&Unit> = index.units.iter().filter(|u| u.name == "财政局").collect();
    assert_eq!(finance.len(), 2);
    let tables = adoption(&library, &index, &AdoptionQuery::default());
    let xikou = tables
        .iter()
        .find(|t| t.series.title == "溪口政务信息")
        .unwrap();
    assert_eq!(xikou.bulletins, 2);
    assert_eq!(xikou.rows[0].items, 2);
}

#[test]
fn a_districts_party_offices_keep_its_level() {
    let mut a = bulletin(
        "南屏工作动态",
        Some("中共南屏区委办公室"),
        1,
        Some("2024-03-01"),
    );
    a.items.push(item(None, "甲", "正文", &["区委办"]));
    a.items
        .push(item(None, "乙", "正文", &["中共南屏区委办公室"]));
    a.items.push(item(None, "丙", "正文", &["团区委"]));
    a.items.push(item(None, "丁", "正文", &["区人民政府"]));
    a.items.push(item(None, "戊", "正文", &["区委组织部"]));
    let library = Library::from_bulletins([(None, a)]);
    let index = Index::build(&library, &Aliases::default());
    let mut names: Vec<&str> = index.units.iter().map(|u| u.name.as_str()).collect();
    names.sort();
    assert_eq!(names, vec!["区委办", "区政府", "团区委", "组织部"]);
}

#[test]
fn several_sources_count_for_each_once_and_unattributed_apart() {
    let mut a = bulletin("溪口政务信息", Some(OFFICE), 1, Some("2024-02-05"));
    a.items.push(item(
        Some("工作动态"),
        "甲",
        "正文",
        &["县财政局", "县税务局"],
    ));
    a.items.push(item(
        Some("工作动态"),
        "乙",
        "正文",
        &["县发改委", "发展和改革委员会"],
    ));
    a.items.push(item(Some("基层信息"), "丙", "正文", &[]));
    a.items
        .push(item(Some("基层信息"), "丁", "正文", &["城关镇人民政府"]));
    let library = Library::from_bulletins([(None, a)]);
    let index = Index::build(&library, &Aliases::default());
    let t = &adoption(&library, &index, &AdoptionQuery::default())[0];
    assert_eq!((t.items, t.unattributed, t.credited), (4, 1, 4));
    let names: Vec<(&str, u32, u32)> = t
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.items, r.rank))
        .collect();
    assert_eq!(
        names,
        vec![
            ("发改委", 1, 1),
            ("城关镇", 1, 1),
            ("税务局", 1, 1),
            ("财政局", 1, 1)
        ]
    );
    assert_eq!(
        t.sections,
        vec!["工作动态".to_owned(), "基层信息".to_owned()]
    );
    let town = t.rows.iter().find(|r| r.name == "城关镇").unwrap();
    assert_eq!(town.by_section, vec![0, 1]);
}

#[test]
fn ranks_are_shared_on_ties_and_follow_points() {
    let row = |name: &str, items: u32, points: Option<f64>| AdoptionRow {
        rank: 0,
        unit: 0,
        name: name.into(),
        items,
        share: 0.0,
        points,
        by_section: vec![],
    };
    let mut rows = vec![
        row("丁", 1, None),
        row("乙", 3, None),
        row("甲", 5, None),
        row("丙", 3, None),
    ];
    rank_rows(&mut rows);
    let got: Vec<(u32, &str)> = rows.iter().map(|r| (r.rank, r.name.as_str())).collect();
    assert_eq!(got, vec![(1, "甲"), (2, "丙"), (2, "乙"), (4, "丁")]);
    let mut rows = vec![row("甲", 5, Some(5.0)), row("乙", 2, Some(6.0))];
    rank_rows(&mut rows);
    assert_eq!((rows[0].name.as_str(), rows[0].rank), ("乙", 1));
}

#[test]
fn points_by_section_then_title_then_plain() {
    let p = Points::parse("2,section:经验交流=5,title:溪口 政务信息=3").unwrap();
    assert_eq!(p.of(Some("经验交流"), "溪口政务信息"), 5.0);
    assert_eq!(p.of(Some("工作动态"), "溪口政务信息"), 3.0);
    assert_eq!(p.of(None, "别的"), 2.0);
    let p = Points::parse("基层信息=1.5").unwrap();
    assert_eq!(p.of(Some("基层信息"), "x"), 1.5);
    assert_eq!(p.of(None, "x"), 1.0);
    assert!(Points::parse("a=b").is_err());
}

#[test]
fn periods_filters_and_year_only_dates() {
    let mut bulletins = Vec::new();
    for (n, date) in [(1, "2024-01-05"), (2, "2024-02-05"), (3, "2024-04-05")] {
        let mut b = bulletin("溪口政务信息", Some(OFFICE), n, Some(date));
        b.items.push(item(None, "甲", "正文", &["财政局"]));
        bulletins.push((None, b));
    }
    // No masthead date; the year printed with the issue.
    let mut b = bulletin("溪口政务信息", Some(OFFICE), 4, None);
    b.masthead.issue = Some("2024年第4期".into());
    b.items.push(item(None, "乙", "正文", &["财政局"]));
    bulletins.push((None, b));
    let library = Library::from_bulletins(bulletins);
    let index = Index::build(&library, &Aliases::default());
    assert!(index.notes.iter().any(|n| n.contains("只知年份")));
    assert_eq!(
        library.periods(Granularity::Quarter),
        vec![
            Period::Year { year: 2024 },
            Period::Quarter {
                year: 2024,
                quarter: 1
            },
            Period::Quarter {
                year: 2024,
                quarter: 2
            }
        ]
    );
    let by_quarter = adoption(
        &library,
        &index,
        &AdoptionQuery {
            by: Some(Granularity::Quarter),
            ..Default::default()
        },
    );
    let labels: Vec<(&str, u32)> = by_quarter
        .iter()
        .map(|t| (t.label.as_str(), t.bulletins))
        .collect();
    assert_eq!(
        labels,
        vec![("2024年", 1), ("2024年第一季度", 2), ("2024年第二季度", 1)]
    );
    let q1 = AdoptionQuery {
        filter: Filter {
            period: Period::parse("2024-Q1"),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(adoption(&library, &index, &q1)[0].bulletins, 2);
    let issues = AdoptionQuery {
        filter: Filter {
            issues: Some(IssueRange {
                year: Some(2024),
                from: 2,
                to: 4,
            }),
            ..Default::default()
        },
        ..Default::default()
    };
    let t = &adoption(&library, &index, &issues)[0];
    assert_eq!((t.bulletins, t.label.as_str()), (3, "2024年第2—4期"));
    let dates = Filter {
        dates: Some(DateRange {
            from: "2024-02-01".into(),
            to: "2024-12-31".into(),
        }),
        ..Default::default()
    };
    let n = (0..library.len())
        .filter(|&e| dates.matches(&library, &index, e))
        .count();
    // 02-05, 04-05, and the year-only one (2024 is within the range's years).
    assert_eq!(n, 3);
}

#[test]
fn indicators_never_mix_units_of_measure_or_levels_and_changes() {
    let mut bulletins = Vec::new();
    for (n, date, level, growth) in [(1, "2024-01-05", 3.2e8, 5.0), (2, "2024-02-05", 4.1e8, 3.9)] {
        let mut b = bulletin("溪口政务信息", Some(OFFICE), n, Some(date));
        let mut it = item(None, "财政收入", "正文", &["县财政局"]);
        it.figures
            .push(figure("全县一般公共预算收入", level, "元", None));
        it.figures
            .push(figure("一般公共预算收入", growth, "%", Some(Change::Down)));
        b.items.push(it);
        bulletins.push((None, b));
    }
    let library = Library::from_bulletins(bulletins);
    let index = Index::build(&library, &Aliases::default());
    let series = indicators(&library, &index, &IndicatorQuery::default());
    assert_eq!(series.len(), 2);
    let level = series.iter().find(|s| !s.change).unwrap();
    assert_eq!(level.label, "一般公共预算收入");
    assert_eq!(level.measure.as_deref(), Some("元"));
    assert_eq!(
        level.points.iter().map(|p| p.value).collect::<Vec<_>>(),
        vec![3.2e8, 4.1e8]
    );
    assert_eq!(
        (
            level.points[1].entry,
            level.points[1].item,
            level.points[1].figure
        ),
        (1, 0, 0)
    );
    let change = series.iter().find(|s| s.change).unwrap();
    assert_eq!(change.measure.as_deref(), Some("%"));
    assert_eq!(
        change.points.iter().map(|p| p.value).collect::<Vec<_>>(),
        vec![-5.0, -3.9]
    );
    // Filtered by unit (any spelling) and label.
    let only = indicators(
        &library,
        &index,
        &IndicatorQuery {
            unit: Some("溪口县财政局".into()),
            label: Some("预算".into()),
            ..Default::default()
        },
    );
    assert_eq!(only.len(), 2);
    let none = indicators(
        &library,
        &index,
        &IndicatorQuery {
            unit: Some("县发改委".into()),
            ..Default::default()
        },
    );
    assert!(none.is_empty());
}

fn search_library() -> (Library, Index) {
    let text_a = "溪口政务信息\n\n第 1 期\n\n溪口县人民政府办公室        2024 年 3 月 8 日\n\n【工作动态】\n\n\
                  县发改委推进重点项目  今年以来，全县重点项目完成投资 18.6 亿元，新开工项目 9 个。（县发改委）\n\n\
                  【基层信息】\n\n城关镇整治人居环境  清理垃圾 260 余吨，新建公厕 12 座。（城关镇）\n";
    let text_b = "溪口政务信息\n\n第 2 期\n\n溪口县人民政府办公室        2024 年 6 月 8 日\n\n【工作动态】\n\n\
                  县发展和改革委员会开展项目观摩  观摩项目 18 个，总投资 52 亿元，重点项目进展顺利。（县发展和改革委员会）\n";
    let library = Library::from_bulletins([
        (None, bulletin_parser::parse(text_a)),
        (None, bulletin_parser::parse(text_b)),
    ]);
    let index = Index::build(&library, &Aliases::default());
    (library, index)
}

#[test]
fn search_plain_regex_filters_and_context() {
    let (library, index) = search_library();
    let r = search(
        &library,
        &index,
        &SearchQuery {
            text: "重点项目".into(),
            context: 3,
            ..Default::default()
        },
    )
    .unwrap();
    // The first bulletin's headline and body, the second's body.
    assert_eq!((r.total, r.items), (3, 2));
    for hit in &r.hits {
        let item = &library.entries()[hit.entry].bulletin.items[hit.item];
        let text = match hit.field {
            Field::Headline => &item.headline,
            Field::Body => &item.body,
        };
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(
            chars[hit.start..hit.end].iter().collect::<String>(),
            hit.matched
        );
        assert!(hit.before.chars().count() <= 3 && hit.after.chars().count() <= 3);
        assert_eq!(hit.units, vec!["发改委".to_owned()]);
    }
    let body_hit = r.hits.iter().find(|h| h.field == Field::Body).unwrap();
    assert_eq!(body_hit.before, "，全县");
    // A regular expression, by unit and by section.
    let r = search(
        &library,
        &index,
        &SearchQuery {
            text: r"\d+(\.\d+)?\s*亿元".into(),
            regex: true,
            unit: Some("发改委".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(r.total, 2);
    let r = search(
        &library,
        &index,
        &SearchQuery {
            text: "项目".into(),
            section: Some("基层信息".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(r.total, 0);
    // Figures in a value range, no text: each figure in range is a hit.
    let r = search(
        &library,
        &index,
        &SearchQuery {
            value_min: Some(1e9),
            ..Default::default()
        },
    )
    .unwrap();
    let found: Vec<&str> = r.hits.iter().map(|h| h.matched.as_str()).collect();
    assert_eq!(found, vec!["18.6 亿元", "52 亿元"]);
    // By period.
    let r = search(
        &library,
        &index,
        &SearchQuery {
            text: "项目".into(),
            filter: Filter {
                period: Period::parse("2024-06"),
                ..Default::default()
            },
            limit: 1,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!((r.hits.len(), r.total), (1, 3));
}

#[test]
fn bad_and_oversized_patterns_are_refused() {
    let (library, index) = search_library();
    let bad = SearchQuery {
        text: "(未闭合".into(),
        regex: true,
        ..Default::default()
    };
    assert!(matches!(
        search(&library, &index, &bad),
        Err(SearchError::Pattern(_))
    ));
    let huge = SearchQuery {
        text: r"\w{1000}\w{1000}\w{1000}".into(),
        regex: true,
        ..Default::default()
    };
    assert!(matches!(
        search(&library, &index, &huge),
        Err(SearchError::TooLarge(_))
    ));
    let long = SearchQuery {
        text: "长".repeat(2000),
        ..Default::default()
    };
    assert!(matches!(
        search(&library, &index, &long),
        Err(SearchError::TooLarge(_))
    ));
    // Plain text is never read as a pattern.
    let plain = SearchQuery {
        text: "18.6 亿元".into(),
        ..Default::default()
    };
    assert_eq!(search(&library, &index, &plain).unwrap().total, 1);
}

#[test]
fn report_renders_the_office_table() {
    let (library, index) = search_library();
    let report = report(
        &library,
        &index,
        &AdoptionQuery {
            by: Some(Granularity::Year),
            points: Some(Points::parse("2").unwrap()),
            ..Default::default()
        },
        &IndicatorQuery::default(),
    );
    let text = report_text(&report);
    assert!(
        text.contains("溪口政务信息（溪口县人民政府办公室） 2024年 信息采用情况"),
        "{text}"
    );
    assert!(
        text.contains("排名  单位    采用条数  占比    积分"),
        "{text}"
    );
    assert!(text.contains("1     发改委  2         66.67%  4"), "{text}");
    let json = serde_json::to_string(&report).unwrap();
    let back: StatsReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);
    let csv = adoption_csv(&report);
    assert!(csv.starts_with("\u{FEFF}刊物,"));
    assert_eq!(report.gaps.len(), 1);
    assert!(report.gaps[0].missing.is_empty());
}
