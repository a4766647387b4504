//! The figures extractor on invented bulletin sentences: what is a figure
//! (value, unit, qualifier, kind, exact text and character offsets), what is
//! not, the context read around each (label, change, period, entity), a
//! property test on arbitrary text, the hand-checked gold labels when
//! `../shared/gold` is present, and a throughput check (ignored by default:
//! `cargo test --release -p bulletin-parser --test figures -- --ignored --nocapture`).

use bulletin_parser::figures::{assign_entities, extract};
use bulletin_parser::{Change, Figure, FigureKind, SmallString, Span};
use proptest::prelude::*;

use FigureKind::{Count, Duration, Measure, Money, Percent};

/// Checks the figure's text against the body at its character offsets.
fn assert_offsets(body: &str, f: &Figure) {
    let text: String = body.chars().skip(f.start).take(f.end - f.start).collect();
    assert_eq!(text, f.text, "offsets {}..{} of {body:?}", f.start, f.end);
}

/// A figure as (text, value, unit, approx, kind).
type Got = (String, f64, Option<String>, Option<String>, FigureKind);

/// The figures of `body`, offsets checked.
fn figs(body: &str) -> Vec<Got> {
    extract(body)
        .into_iter()
        .map(|f| {
            assert_offsets(body, &f);
            (
                f.text.into(),
                f.value,
                f.unit.map(String::from),
                f.approx.map(String::from),
                f.kind,
            )
        })
        .collect()
}

/// Expected figure: text, value, unit, approx, kind.
type Want<'a> = (&'a str, f64, Option<&'a str>, Option<&'a str>, FigureKind);

fn expect(body: &str, want: &[Want]) {
    let got = figs(body);
    let want: Vec<_> = want
        .iter()
        .map(|&(t, v, u, a, k)| {
            (
                t.to_string(),
                v,
                u.map(str::to_string),
                a.map(str::to_string),
                k,
            )
        })
        .collect();
    assert_eq!(got, want, "in {body:?}");
}

fn texts(body: &str) -> Vec<String> {
    figs(body).into_iter().map(|f| f.0).collect()
}

fn none(body: &str) {
    assert_eq!(
        texts(body),
        Vec::<String>::new(),
        "expected no figure in {body:?}"
    );
}

// ------------------------------------------------------------------ Arabic digits

#[test]
fn money_with_multipliers() {
    expect(
        "全镇完成固定资产投资36.52亿元，其中工业投资 8.4 亿元，引进资金 5000 余万元，到位 170 余万元。",
        &[
            ("36.52亿元", 3652000000.0, Some("元"), None, Money),
            ("8.4 亿元", 840000000.0, Some("元"), None, Money),
            ("5000 余万元", 50000000.0, Some("元"), Some("余"), Money),
            ("170 余万元", 1700000.0, Some("元"), Some("余"), Money),
        ],
    );
}

#[test]
fn values_are_exact_decimals() {
    // 248.77 × 1e8 in binary floating point would be 24877000000.000004.
    let f = extract("项目总投资248.77亿元。");
    assert_eq!(f[0].value, 24877000000.0);
    let f = extract("到位资金 0.35 亿元，发放 12.6 万元。");
    assert_eq!(f[0].value, 35000000.0);
    assert_eq!(f[1].value, 126000.0);
}

#[test]
fn multiplier_alone_is_a_figure_without_unit() {
    expect(
        "本周成交额达 21.4 亿，撬动社会资本 3 万亿。",
        &[
            ("21.4 亿", 2140000000.0, None, None, Money),
            ("3 万亿", 3.0e12, None, None, Money),
        ],
    );
    // No money word before it: a head count in ten-thousands.
    expect(
        "吸引游客 1.2 万，同比持平。",
        &[("1.2 万", 12000.0, None, None, Count)],
    );
    // 十 百 千 alone do not make a figure.
    none("编号 3千 的档案。");
}

#[test]
fn compound_multipliers_and_units_that_start_like_them() {
    expect(
        "撬动投资 3 千万元，新增装机 2 万千瓦，建成线路 5 千米，发电 1.5 万千瓦时。",
        &[
            ("3 千万元", 30000000.0, Some("元"), None, Money),
            ("2 万千瓦", 20000.0, Some("千瓦"), None, Measure),
            ("5 千米", 5.0, Some("千米"), None, Measure),
            ("1.5 万千瓦时", 15000.0, Some("千瓦时"), None, Measure),
        ],
    );
}

#[test]
fn spaces_around_numbers_as_pdf_exports_print_them() {
    expect(
        "出动执法人员约 86 人次，排查商户 52 家，发放资料 300 余份。",
        &[
            ("约 86 人次", 86.0, Some("人次"), Some("约"), Count),
            ("52 家", 52.0, Some("家"), None, Count),
            ("300 余份", 300.0, Some("份"), Some("余"), Count),
        ],
    );
}

#[test]
fn full_width_digits_and_separators() {
    expect(
        "惠及群众１２３户，补贴１，２５０万元，覆盖率５６．４％，另有 2,480 人、3，600 名。",
        &[
            ("１２３户", 123.0, Some("户"), None, Count),
            ("１，２５０万元", 12500000.0, Some("元"), None, Money),
            ("５６．４％", 56.4, Some("%"), None, Percent),
            ("2,480 人", 2480.0, Some("人"), None, Count),
            ("3，600 名", 3600.0, Some("名"), None, Count),
        ],
    );
    // A full-width comma between numbers that are not groups of three is a
    // clause break: two figures.
    expect(
        "新增 12，35 家。",
        &[("35 家", 35.0, Some("家"), None, Count)],
    );
}

#[test]
fn percents() {
    expect(
        "增速达到 54.8%，占比 56.4％，提高 3 个百分点，下降 0.5 百分点，不良率 2‰，九成以上满意，处置率百分之九十五以上。",
        &[
            ("54.8%", 54.8, Some("%"), None, Percent),
            ("56.4％", 56.4, Some("%"), None, Percent),
            ("3 个百分点", 3.0, Some("个百分点"), None, Percent),
            ("0.5 百分点", 0.5, Some("百分点"), None, Percent),
            ("2‰", 2.0, Some("‰"), None, Percent),
            ("九成以上", 9.0, Some("成"), Some("以上"), Percent),
            ("百分之九十五以上", 95.0, Some("%"), Some("以上"), Percent),
        ],
    );
    expect(
        "覆盖率实现百分之百。",
        &[("百分之百", 100.0, Some("%"), None, Percent)],
    );
    expect(
        "产量是去年的 1.5 倍。",
        &[("1.5 倍", 1.5, Some("倍"), None, Percent)],
    );
}

#[test]
fn counts_compounds_and_lists() {
    expect(
        "纳入监测对象52户193人，复核认定318户590余人。",
        &[
            ("52户", 52.0, Some("户"), None, Count),
            ("193人", 193.0, Some("人"), None, Count),
            ("318户", 318.0, Some("户"), None, Count),
            ("590余人", 590.0, Some("人"), Some("余"), Count),
        ],
    );
    expect(
        "省级、市级、县级示范社分别达 12 家、27 家、65 家。",
        &[
            ("12 家", 12.0, Some("家"), None, Count),
            ("27 家", 27.0, Some("家"), None, Count),
            ("65 家", 65.0, Some("家"), None, Count),
        ],
    );
}

#[test]
fn bracketed_alternative_units_are_part_of_the_text() {
    expect(
        "配备抽水泵 24 台（套）、照明设备 150 件(个)、救生衣 800 件（套、个）。",
        &[
            ("24 台（套）", 24.0, Some("台"), None, Count),
            ("150 件(个)", 150.0, Some("件"), None, Count),
            ("800 件（套、个）", 800.0, Some("件"), None, Count),
        ],
    );
    // A bracket after a noun is not an alternative unit.
    expect(
        "覆盖 9 个乡镇（街道）。",
        &[("9 个", 9.0, Some("个"), None, Count)],
    );
}

#[test]
fn measures_and_their_units() {
    expect(
        "清运垃圾 420 余吨，硬化道路 12.6 公里，流转土地 3 万亩，新建厂房 2.6 万平方米，清运淤泥 800 方，整治坑塘 35 公顷，储水 2 万立方米。",
        &[
            ("420 余吨", 420.0, Some("吨"), Some("余"), Measure),
            ("12.6 公里", 12.6, Some("公里"), None, Measure),
            ("3 万亩", 30000.0, Some("亩"), None, Measure),
            ("2.6 万平方米", 26000.0, Some("平方米"), None, Measure),
            ("800 方", 800.0, Some("方"), None, Measure),
            ("35 公顷", 35.0, Some("公顷"), None, Measure),
            ("2 万立方米", 20000.0, Some("立方米"), None, Measure),
        ],
    );
    expect(
        "配备设备 30 台套，放流鱼苗 10 万尾，出动车辆 120 辆次。",
        &[
            ("30 台套", 30.0, Some("台套"), None, Count),
            ("10 万尾", 100000.0, Some("尾"), None, Count),
            ("120 辆次", 120.0, Some("辆次"), None, Count),
        ],
    );
    expect(
        "新建 110kV 变电站 2 座，面积 1200㎡。",
        &[
            ("110kV", 110.0, Some("kV"), None, Measure),
            ("2 座", 2.0, Some("座"), None, Count),
            ("1200㎡", 1200.0, Some("㎡"), None, Measure),
        ],
    );
}

#[test]
fn durations_but_not_dates() {
    expect(
        "集中攻坚 4 天，每日巡查 3 小时，15 个工作日内办结，工期 3 个月，历时 1 年多，用时 2 天半，连续 5 年。",
        &[
            ("4 天", 4.0, Some("天"), None, Duration),
            ("3 小时", 3.0, Some("小时"), None, Duration),
            ("15 个工作日", 15.0, Some("个工作日"), None, Duration),
            ("3 个月", 3.0, Some("个月"), None, Duration),
            ("1 年多", 1.0, Some("年"), Some("多"), Duration),
            ("2 天半", 2.5, Some("天"), None, Duration),
            ("5 年", 5.0, Some("年"), None, Duration),
        ],
    );
    expect(
        "前后用了两个多月。",
        &[("两个多月", 2.0, Some("个月"), Some("多"), Duration)],
    );
    expect(
        "会议持续 1 个多小时，整改历时两个半月。",
        &[
            ("1 个多小时", 1.0, Some("个小时"), Some("多"), Duration),
            ("两个半月", 2.5, Some("个月"), None, Duration),
        ],
    );
    none("2023年，4月14日，8 月 28 日至 8 月 31 日，1—8 月份，1-3月份，一季度，截至2023年8月底，23年8月。");
    none("二○二三年四月十四日上午，二〇二四年。");
}

#[test]
fn approximations_before_and_after() {
    expect(
        "约 43 人次，近 3000 人，超 5000 万元，超过 80%，逾 200 户，大约 60 家，150 人左右，95% 以上，100 多人，10余起。",
        &[
            ("约 43 人次", 43.0, Some("人次"), Some("约"), Count),
            ("近 3000 人", 3000.0, Some("人"), Some("近"), Count),
            ("超 5000 万元", 50000000.0, Some("元"), Some("超"), Money),
            ("超过 80%", 80.0, Some("%"), Some("超过"), Percent),
            ("逾 200 户", 200.0, Some("户"), Some("逾"), Count),
            ("约 60 家", 60.0, Some("家"), Some("约"), Count),
            ("150 人左右", 150.0, Some("人"), Some("左右"), Count),
            ("95% 以上", 95.0, Some("%"), Some("以上"), Percent),
            ("100 多人", 100.0, Some("人"), Some("多"), Count),
            ("10余起", 10.0, Some("起"), Some("余"), Count),
        ],
    );
}

#[test]
fn reached_and_signed_are_not_approximations() {
    // 达 means reached; 签约 and 最近 only end in 约 and 近.
    expect(
        "交易额达 6.8 亿元。",
        &[("6.8 亿元", 680000000.0, Some("元"), None, Money)],
    );
    expect("签约 3 个项目。", &[("3 个", 3.0, Some("个"), None, Count)]);
    expect("最近 3 天。", &[("3 天", 3.0, Some("天"), None, Duration)]);
    expect("不超过 5 人。", &[("5 人", 5.0, Some("人"), None, Count)]);
}

// ------------------------------------------------------------------ Chinese numerals

#[test]
fn chinese_numerals_with_measure_words() {
    expect(
        "召开专题会议三次，开展督查十余次，培训两千人次，一百二十三人参考，建成五个服务站，连续四次排名靠前。",
        &[
            ("三次", 3.0, Some("次"), None, Count),
            ("十余次", 10.0, Some("次"), Some("余"), Count),
            ("两千人次", 2000.0, Some("人次"), None, Count),
            ("一百二十三人", 123.0, Some("人"), None, Count),
            ("五个", 5.0, Some("个"), None, Count),
            ("四次", 4.0, Some("次"), None, Count),
        ],
    );
    expect(
        "在仅有两个会议室的情况下，同时召开三个专题会。",
        &[
            ("两个", 2.0, Some("个"), None, Count),
            ("三个", 3.0, Some("个"), None, Count),
        ],
    );
    expect(
        "投入三万余元。",
        &[("三万余元", 30000.0, Some("元"), Some("余"), Money)],
    );
    expect(
        "惠及百余户。",
        &[("百余户", 100.0, Some("户"), Some("余"), Count)],
    );
    expect(
        "近百名群众到场，逾千人次观看，上百人参与。",
        &[
            ("近百名", 100.0, Some("名"), Some("近"), Count),
            ("逾千人次", 1000.0, Some("人次"), Some("逾"), Count),
            ("上百人", 100.0, Some("人"), Some("上"), Count),
        ],
    );
}

#[test]
fn a_lone_one_counts_only_where_it_cannot_be_an_article() {
    // After an activity verb or 每: a count.
    expect(
        "每季度开展一次“交叉检查”评比。",
        &[("一次", 1.0, Some("次"), None, Count)],
    );
    expect(
        "每月召开一次例会。",
        &[("一次", 1.0, Some("次"), None, Count)],
    );
    // At the end of a clause: a count.
    expect(
        "新建游园一个，改造公厕两座。",
        &[
            ("一个", 1.0, Some("个"), None, Count),
            ("两座", 2.0, Some("座"), None, Count),
        ],
    );
    // Elsewhere an article or part of a word.
    none("建成一个服务中心，打造一张蓝图，出台一批政策，形成一种模式，走到一起。");
    none("新一轮改革，另一个方面，每一次检查，这一项工作。");
}

#[test]
fn a_lone_two_is_an_ordinal_or_a_compound() {
    none("加强二次供水管理，创建二级医院，推动三次产业融合。");
    expect("举办两次培训。", &[("两次", 2.0, Some("次"), None, Count)]);
}

// ------------------------------------------------------------------ not figures

#[test]
fn bare_numbers_ordinals_and_enumerators() {
    none("构建“1+3”制度体系，第七期，第八个，第二批，第 39 期，第1、2批，第三至五届。");
    none("一是强化领导；二是完善机制；三是加强督导。");
    none("拨打 12345 热线，电话 0373-7201234，手机 13912345678。");
}

#[test]
fn anything_in_quotes_or_title_marks() {
    none("开展“五清单”审计，落实“四严禁”要求，纪念“4·15”教育日，推行“一周一通报”制度。");
    none("开展“51 旧是要换新”活动，「三个一」工程，‘两个率先’，\"十项举措\"，《三年行动方案（2023—2025年）》。");
    // After the closing quote counting resumes.
    expect(
        "在某县举办“乡村振兴推进会” 1 次。",
        &[("1 次", 1.0, Some("次"), None, Count)],
    );
    // A stray opening quote does not hide the rest of the body.
    expect(
        "他说“共有 3 家企业\n新增 5 家。",
        &[
            ("3 家", 3.0, Some("家"), None, Count),
            ("5 家", 5.0, Some("家"), None, Count),
        ],
    );
}

#[test]
fn fixed_expressions_outside_quotes() {
    none("严格落实中央八项规定精神，开展百日行动，建立五大机制，实行三级联动，考核最后一名。");
    none("一次性告知，第三方机构，一系列举措，一线工作法，一体化推进，一站式服务，一般性支出，进一步加强，一方面，一把手，双拐。");
    none("坚持一岗双责，落实三会一课，推进两学一做，实行一事一议，推进十四五规划，做好三农工作，绘好一张蓝图，践行五位一体，一对一帮扶，一带一路建设，纠治四风，压减三公经费，服务两新组织，实施百千万工程。");
    none("增强四个意识，做到两个维护，协调推进四个全面，落实四个不摘。");
    none("若干个部门，千家万户，万人助万企。");
    // A vague magnitude is the magnitude stated, marked as such.
    expect(
        "数十家企业，几十个村。",
        &[
            ("数十家", 10.0, Some("家"), Some("数"), Count),
            ("几十个", 10.0, Some("个"), Some("几"), Count),
        ],
    );
    none("排名前三名，倒数第一名，前 10 名。");
}

#[test]
fn codes_document_numbers_and_times() {
    none("依据豫政〔2018〕2号、延政办[2023]15号文件。");
    none("沿G107国道建设5G基站，打造4A级景区，推广3D打印。");
    none("上午9:30开会，10时30分结束，2023-09-01，2023.9.1，9/1。");
}

#[test]
fn ranges_are_one_figure_and_years_stay_dates() {
    expect(
        "每组 3-5 人，2023-2025 年完成。",
        &[("3-5 人", 3.0, Some("人"), None, Count)],
    );
    assert_eq!(extract("每组 3-5 人。")[0].value_max, Some(5.0));
}

// ------------------------------------------------------------------ offsets

#[test]
fn offsets_count_characters_not_bytes() {
    let body = "“五清单”推进，今年以来累计完成 5 个，投资 1.2 亿元。";
    let f = extract(body);
    assert_eq!(f.len(), 2);
    assert_eq!((f[0].start, f[0].end), (17, 20));
    assert_eq!((f[1].start, f[1].end), (24, 30));
    for x in &f {
        assert_offsets(body, x);
    }
}

#[test]
fn offsets_cover_qualifiers_on_both_sides() {
    let body = "参加活动约 43 人次，企业 30 余家，覆盖率 95% 以上。";
    let f = extract(body);
    let spans: Vec<(usize, usize)> = f.iter().map(|x| (x.start, x.end)).collect();
    assert_eq!(spans, vec![(4, 11), (15, 20), (25, 31)]);
}

// ------------------------------------------------------------------ context

fn labels(body: &str) -> Vec<Option<SmallString>> {
    extract(body).into_iter().map(|f| f.label).collect()
}

fn some(s: &str) -> Option<SmallString> {
    Some(s.into())
}

#[test]
fn labels_read_back_over_the_clause() {
    assert_eq!(
        labels("1-6 月，全县一般公共预算收入完成 41250 万元，为预算的 52.3%，增长 4.1%。"),
        vec![
            some("一般公共预算收入"),
            some("预算"),
            some("一般公共预算收入")
        ]
    );
    assert_eq!(
        labels("项目总投资36.5亿元，发行金额 2.8 亿元，学校 42 所、卫生院 9 家。"),
        vec![
            some("项目总投资"),
            some("发行金额"),
            some("学校"),
            some("卫生院")
        ]
    );
    // A noun right after the figure is what it counts.
    assert_eq!(
        labels("走访27家企业，为 830 家个体工商户提供服务，派出 4 个督导组。"),
        vec![some("企业"), some("个体工商户"), some("督导组")]
    );
    // A compound shares its label.
    assert_eq!(
        labels("纳入监测对象52户193人。"),
        vec![some("纳入监测对象"), some("纳入监测对象")]
    );
    // `排查矛盾纠纷58起`: the verb stays, it says what was counted.
    assert_eq!(labels("排查矛盾纠纷58起。"), vec![some("排查矛盾纠纷")]);
    // Words are not stripped down to one character; `达到` after a change
    // speaks of the figure before.
    assert_eq!(
        labels("占地 120 亩，占比 35.5%，森林覆盖率提高 0.8 个百分点，达到 31.2％。"),
        vec![
            some("占地"),
            some("占比"),
            some("森林覆盖率"),
            some("森林覆盖率")
        ]
    );
    assert_eq!(labels("全县 GDP 增长 6.1%。"), vec![some("GDP")]);
}

#[test]
fn changes_immediately_before_the_figure() {
    let f = extract(
        "税收收入 9800 万元，下降 6.2%；非税收入增长 12.5%，同比增加 3 个百分点，占比 40%。",
    );
    let changes: Vec<Option<Change>> = f.iter().map(|x| x.change).collect();
    assert_eq!(
        changes,
        vec![
            None,
            Some(Change::Down),
            Some(Change::Up),
            Some(Change::Up),
            None
        ]
    );
    // The value stays positive.
    assert_eq!(f[1].value, 6.2);
    // A figure joined to a change by a conjunction moved the same way; a
    // bare change speaks of the amount before it.
    let f = extract("接待游客 12.5 万人次，旅游收入 1.8 亿元，分别增长 9.6% 和 11.2%；预计总产 26 万吨，较上年减产 1.4%。");
    let changes: Vec<Option<Change>> = f.iter().map(|x| x.change).collect();
    assert_eq!(
        changes,
        vec![
            None,
            None,
            Some(Change::Up),
            Some(Change::Up),
            None,
            Some(Change::Down)
        ]
    );
    assert_eq!(f[5].label, some("预计总产"));
}

#[test]
fn periods_govern_their_sentence() {
    let f = extract(
        "1—8 月份累计发放补贴 96 余万元，惠及 320 户。截至目前，排查隐患 45 处；整改 40 处。\
         今年以来，新增企业 18 家。8 月 28 日至 8 月 31 日，完成交易 12 宗。“国庆”假期期间，接待游客 2.3 万人次。\
         一季度，完成投资 3200 万元。截至2023年6月底，支出 4.6 亿元。",
    );
    let periods: Vec<Option<SmallString>> = f.iter().map(|x| x.period.clone()).collect();
    assert_eq!(
        periods,
        vec![
            some("1—8月份"),
            some("1—8月份"),
            some("截至目前"),
            None, // a new sentence after `；`
            some("今年以来"),
            some("8月28日至8月31日"),
            some("“国庆”假期期间"),
            some("一季度"),
            some("截至2023年6月底"),
        ]
    );
}

#[test]
fn periods_with_scope_words_and_spans() {
    let f = extract("全县1—7月份完成出口总额2.3亿美元。今年 1 至 5 月，新增市场主体 860 户。近三年来，新建学校 6 所。");
    let periods: Vec<Option<SmallString>> = f.iter().map(|x| x.period.clone()).collect();
    assert_eq!(
        periods,
        vec![some("1—7月份"), some("今年1至5月"), some("近三年来")]
    );
    assert_eq!(f[0].label, some("完成出口总额"));
}

#[test]
fn adjectives_of_time_are_no_periods() {
    let f = extract("年度计划投资 12 亿元。");
    assert_eq!(f[0].period, None);
}

#[test]
fn entities_from_bold_spans() {
    let body = "截至目前，东关镇共排查矛盾18起，化解率100%；西岭乡排查矛盾纠纷26起。";
    let mut f = extract(body);
    let span = |name: &str| {
        let byte = body.find(name).unwrap();
        let start = body[..byte].chars().count();
        Span {
            start,
            end: start + name.chars().count(),
        }
    };
    assign_entities(&mut f, body, &[span("东关镇"), span("西岭乡")]);
    let entities: Vec<Option<SmallString>> = f.iter().map(|x| x.entity.clone()).collect();
    assert_eq!(
        entities,
        vec![some("东关镇"), some("东关镇"), some("西岭乡")]
    );
    // The entity name is not repeated in the label.
    assert_eq!(f[2].label, some("排查矛盾纠纷"));
    // A bold enumerator ends a name's reach without being one.
    let body = "东关镇新建 3 个；一是完善 2 项制度。";
    let mut f = extract(body);
    assign_entities(
        &mut f,
        body,
        &[Span { start: 0, end: 3 }, Span { start: 10, end: 12 }],
    );
    assert_eq!(f[0].entity, some("东关镇"));
    assert_eq!(f[1].entity, None);
}

// ------------------------------------------------------------------ properties

/// Text made of bulletin-ish pieces: digits of both widths, numerals,
/// units, quotes, brackets, separators, spaces, and arbitrary characters.
fn bulletin_noise() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[0-9０-９]{1,6}",
        "[一二两三四五六七八九十百千万亿〇○零]{1,4}",
        prop::sample::select(vec![
            "个",
            "万元",
            "亿",
            "余",
            "多",
            "约",
            "近",
            "%",
            "％",
            "个百分点",
            "人次",
            "台（套）",
            "(套)",
            "“",
            "”",
            "‘",
            "’",
            "《",
            "》",
            "「",
            "」",
            "\"",
            "'",
            "（",
            "）",
            "，",
            "。",
            "；",
            "、",
            ".",
            "．",
            ",",
            "，",
            " ",
            "\u{3000}",
            "\n",
            "第",
            "年",
            "月",
            "日",
            "截至",
            "以来",
            "增长",
            "下降",
            "以上",
            "左右",
            "半",
            "-",
            ":",
            "·",
            "G",
            "kV",
            "㎡",
        ])
        .prop_map(str::to_string),
        any::<char>().prop_map(|c| c.to_string()),
        "[a-zA-Z]{1,3}",
        "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_and_offsets_point_at_the_text(body in bulletin_noise()) {
        let figures = extract(&body);
        let chars: Vec<char> = body.chars().collect();
        let mut last_end = 0;
        for f in &figures {
            prop_assert!(f.start < f.end && f.end <= chars.len());
            prop_assert!(f.start >= last_end, "figures overlap or go backwards");
            let text: String = chars[f.start..f.end].iter().collect();
            prop_assert_eq!(&text, &f.text);
            prop_assert!(f.value.is_finite());
            // A negative value has its sign written in the text.
            prop_assert!(f.value >= 0.0 || ["-", "－", "−", "负", "零下"].iter().any(|m| f.text.starts_with(m)), "{:?}", f);
            prop_assert!(f.value_max.is_none_or(|m| m.is_finite() && m > f.value), "{:?}", f);
            last_end = f.end;
        }
        let mut figures = figures;
        let n = chars.len();
        assign_entities(&mut figures, &body, &[Span { start: 0, end: n / 2 }, Span { start: n / 3, end: n + 5 }]);
    }

    #[test]
    fn any_string_at_all(body in "\\PC{0,200}") {
        for f in extract(&body) {
            let text: String = body.chars().skip(f.start).take(f.end - f.start).collect();
            prop_assert_eq!(text, f.text);
        }
    }
}

// ------------------------------------------------------------------ gold labels

/// Precision and recall of (value, unit) against the hand-checked gold
/// labels, item by item, the way `shared/eval/score.py` matches figures.
#[test]
fn gold_figures_precision_and_recall() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/gold");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("no gold labels at {}; skipped", dir.display());
        return;
    };
    let key = |v: f64, u: Option<&str>| format!("{:.9e}|{}", v, u.unwrap_or(""));
    let (mut tp, mut predicted, mut gold) = (0usize, 0usize, 0usize);
    let mut misses = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for item in json["items"].as_array().into_iter().flatten() {
            let body = item["body"].as_str().unwrap_or("");
            let mut wanted: Vec<String> = item["figures"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|g| key(g["value"].as_f64().unwrap_or(f64::NAN), g["unit"].as_str()))
                .collect();
            gold += wanted.len();
            for f in extract(body) {
                assert_offsets(body, &f);
                predicted += 1;
                let k = key(f.value, f.unit.as_deref());
                match wanted.iter().position(|w| *w == k) {
                    Some(j) => {
                        wanted.swap_remove(j);
                        tp += 1;
                    }
                    None => misses.push(format!("extra {:?}", f.text)),
                }
            }
            misses.extend(wanted.into_iter().map(|w| format!("missed {w}")));
        }
    }
    let p = tp as f64 / predicted.max(1) as f64;
    let r = tp as f64 / gold.max(1) as f64;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    eprintln!("gold figures: P {p:.4} R {r:.4} F1 {f1:.4} ({tp} of {gold}, {predicted} found)");
    for m in &misses {
        eprintln!("  {m}");
    }
    assert!(f1 >= 0.97, "figure F1 {f1:.4} below 0.97");
}

// ------------------------------------------------------------------ throughput

/// Invented bulletin text, about `bytes` long, dense with figures.
fn invented_text(bytes: usize) -> String {
    let sentences = [
        "今年以来，全镇共新建标准化厂房 2.6 万平方米，完成固定资产投资 3.2 亿元，同比增长 12.5%，增速较去年同期提高 3 个百分点。",
        "截至6月底，累计发放补贴资金1,234万元，惠及群众１２３户，约 500 人次，按照“三个一批”要求推进项目建设。",
        "召开专题会议三次，开展督导检查十余次，组织培训两千人次，严格落实中央八项规定精神，建立五大机制。",
        "进一步压实责任，一方面强化监管，另一方面优化服务，打造一站式服务平台，推进一体化建设，形成工作合力。",
        "8 月 28 日至 8 月 31 日，共完成交易 15 宗，成交金额达 21.4 亿，为全县经济社会平稳发展提供了有力支撑。",
        "每月开展一次安全检查，清运垃圾 300 方，铺设管网 12.5 公里，种植苗木 2000 余株，配备设备 60 台（套）。",
        "围绕群众关心关注的热点难点问题，深入村组走访调研，认真倾听意见建议，切实把好事办实、把实事办好。\n",
    ];
    let mut s = String::with_capacity(bytes + 512);
    let mut k = 0;
    while s.len() < bytes {
        s.push_str(sentences[k % sentences.len()]);
        k += 1;
    }
    s
}

#[test]
#[ignore = "a timing run: cargo test --release -p bulletin-parser --test figures -- --ignored --nocapture"]
fn throughput() {
    let text = invented_text(16 << 20);
    let chars = text.chars().count();
    let mut best = f64::MAX;
    let mut found = 0;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        found = extract(&text).len();
        best = best.min(t.elapsed().as_secs_f64());
    }
    let rate = chars as f64 / best;
    eprintln!(
        "extract: {:.1} MB, {found} figures, {:.1} M chars/s ({:.0} MB/s)",
        text.len() as f64 / 1e6,
        rate / 1e6,
        text.len() as f64 / best / 1e6
    );
    // Linear in input: a quarter of the text takes about a quarter of the time.
    let quarter = &text[..text.char_indices().nth(chars / 4).map_or(0, |(i, _)| i)];
    let mut best_quarter = f64::MAX;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        std::hint::black_box(extract(quarter));
        best_quarter = best_quarter.min(t.elapsed().as_secs_f64());
    }
    eprintln!(
        "quarter of the text: {:.2}× the time of the whole",
        best_quarter / best
    );
    assert!(
        best_quarter / best < 0.5,
        "time grows faster than the input"
    );
}
