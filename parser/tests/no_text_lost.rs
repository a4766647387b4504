//! NO TEXT LOST: every non-blank character of the input (white space and the
//! markdown markers `*` and `#` folded away) lands in exactly one part of the
//! parse — masthead, sections, items (headline, body, sources), footer,
//! warnings, dropped — or in the syntax the parser consumed (`【】`, the
//! parentheses around sources, `责任编辑：`, the date as written), and that
//! syntax is nothing but syntax. Checked on generated bulletin-like inputs and
//! on arbitrary strings, by comparing character multisets.

use bulletin_parser::normalize::is_blank_char;
use bulletin_parser::structure::parse_with_ledger;
use bulletin_parser::Bulletin;
use proptest::prelude::*;
use std::collections::BTreeMap;

fn fold_into(s: &str, sign: i64, counts: &mut BTreeMap<char, i64>) {
    for c in s.chars() {
        if is_blank_char(c) || c == '*' || c == '#' {
            continue;
        }
        *counts.entry(c).or_default() += sign;
    }
}

/// Every text the parse put somewhere.
fn parts(b: &Bulletin) -> Vec<&str> {
    let m = &b.masthead;
    let f = &b.footer;
    let mut out: Vec<&str> = [
        &m.title,
        &m.issue,
        &m.issuer,
        &f.distribution,
        &f.editor,
        &f.reviewer,
        &f.signer,
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect();
    out.extend(b.sections.iter().map(String::as_str));
    for it in &b.items {
        out.push(&it.headline);
        out.push(&it.body);
        out.extend(it.sources.iter().map(|s| s.as_str()));
        out.extend(it.authors.iter().map(String::as_str));
    }
    out.extend(b.notes.iter().map(String::as_str));
    out.extend(b.warnings.iter().map(|w| w.text.as_str()));
    out.extend(b.dropped.iter().map(|d| d.text.as_str()));
    out
}

const FOOTER_KEYS: &[&str] = &[
    "本期发送",
    "责任编辑",
    "本期发",
    "签发人",
    "抄送",
    "抄报",
    "分送",
    "发送",
    "责编",
    "编辑",
    "审核",
    "审稿",
    "签发",
    "报",
    "送",
    "发",
    "核稿",
    "撰稿",
    "校对",
    // web page information keys, source labels, editor's-note keys
    "发布时间",
    "发布日期",
    "来源单位",
    "信息来源",
    "来源",
    "发布机构",
    "稿件来源",
    "供稿单位",
    "供稿",
    "报送",
    "编者按",
    "编者的话",
    "编者注",
    "按",
];

/// Consumed text must be syntax: brackets, parentheses, separators, an
/// enumerator, a footer key, an issuer affix, or a date as written.
fn is_syntax(s: &str) -> bool {
    let t: String = s
        .chars()
        .filter(|&c| !is_blank_char(c) && c != '*' && c != '#')
        .collect();
    let punct_only = t
        .chars()
        .all(|c| "【】[]［］〖〗（）()：:、，,；;/／.．。".contains(c));
    // list markers (`一、`, `1.`, `（一）`, `①`) and section symbols (`★`)
    let enumerator = t.chars().all(|c| {
        "一二三四五六七八九十〇零、.．（）()★☆◆◇■□●○▲△►▶◎※【[［〖".contains(c)
            || c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || ('\u{2460}'..='\u{2473}').contains(&c)
    });
    // a source label around the names (`供稿：`), or a verb after them (`供稿`)
    let label = ["供稿", "提供", "报送", "来稿", "报道", "消息", "据"].contains(&t.as_str())
        || ["撰稿人", "撰稿", "作者", "通讯员", "记者", "执笔", "单位"]
            .iter()
            .any(|k| {
                t.strip_prefix(k)
                    .is_some_and(|r| r.is_empty() || r == "：" || r == ":")
            });
    let key = FOOTER_KEYS.iter().any(|k| {
        t.strip_prefix(k)
            .is_some_and(|r| r.is_empty() || r == "：" || r == ":")
    });
    let affix = [
        "编",
        "编印",
        "主办",
        "印发",
        "编发",
        "印",
        "主办：",
        "主办:",
        "主办单位：",
        "主办单位:",
        "编印：",
        "编印:",
        "编印单位：",
        "编印单位:",
        "编发：",
        "编发:",
    ]
    .contains(&t.as_str());
    let date = t.chars().all(|c| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "〇○零一二三四五六七八九十两年月日号.-/．／－".contains(c)
    }) && !t.is_empty();
    punct_only || enumerator || key || affix || date || label
}

fn check(input: &str) -> Result<(), TestCaseError> {
    let (b, consumed) = parse_with_ledger(input);
    let mut counts = BTreeMap::new();
    fold_into(input, 1, &mut counts);
    for p in parts(&b) {
        fold_into(p, -1, &mut counts);
    }
    // A unit named both before the headline and in the closing parenthetical
    // is listed once; the repeat is accounted for by the listed source.
    let is_repeated_source = |c: &str| b.items.iter().any(|i| i.sources.iter().any(|s| s == c));
    for c in &consumed {
        prop_assert!(
            is_syntax(c) || is_repeated_source(c),
            "consumed text that is not syntax: {:?}\ninput: {:?}",
            c,
            input
        );
        fold_into(c, -1, &mut counts);
    }
    counts.retain(|_, n| *n != 0);
    prop_assert!(
        counts.is_empty(),
        "characters lost (>0) or duplicated (<0): {:?}\ninput: {:?}\nparse: {:#?}",
        counts,
        input,
        b
    );
    // Every figure's text is the body's text at its offsets.
    for it in &b.items {
        let chars: Vec<char> = it.body.chars().collect();
        for f in &it.figures {
            prop_assert!(f.start <= f.end && f.end <= chars.len());
            let s: String = chars[f.start..f.end].iter().collect();
            prop_assert_eq!(&s, &f.text);
        }
        prop_assert!(it.lines.first <= it.lines.last);
    }
    Ok(())
}

// ---- generated bulletin-like inputs ------------------------------------

fn pick<T: Clone + std::fmt::Debug + 'static>(v: &'static [T]) -> impl Strategy<Value = T> {
    prop::sample::select(v)
}

fn cjk_run() -> impl Strategy<Value = String> {
    prop::collection::vec(
        pick(&[
            "县", "乡", "镇", "开展", "项目", "建设", "工作", "群众", "推进", "落实", "街道", "局",
            "强化", "保障", "服务", "企业",
        ]),
        1..8,
    )
    .prop_map(|v| v.concat())
}

fn number() -> impl Strategy<Value = String> {
    pick(&[
        "3.47",
        "1050",
        "21.4",
        "170",
        "二十五",
        "1,234",
        "１２",
        "0.5",
        "15300",
        "三",
    ])
    .prop_map(String::from)
}

fn clause() -> impl Strategy<Value = String> {
    (
        cjk_run(),
        prop::option::of((
            number(),
            pick(&[
                " 亿元",
                "万元",
                " 个",
                "人次",
                "%",
                " 家",
                "余人",
                " 台（套）",
            ]),
        )),
        pick(&["，", "、", ",", "；", ""]),
    )
        .prop_map(|(a, n, p)| match n {
            Some((n, u)) => format!("{a} {n}{u}{p}"),
            None => format!("{a}{p}"),
        })
}

fn body() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(clause(), 1..6),
        pick(&["。", "。", "", "！"]),
    )
        .prop_map(|(v, end)| format!("{}{end}", v.concat()))
}

fn source() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(
            pick(&[
                "财政局",
                "胙城乡",
                "文岩街道",
                "开发区",
                "县委办",
                "公共资源交易中心",
            ]),
            1..3,
        ),
        pick(&["（", "(", "( "]),
        pick(&["）", ")", " )"]),
        pick(&[" ", "、", "，"]),
    )
        .prop_map(|(names, o, c, sep)| format!("{o}{}{c}", names.join(sep)))
}

fn item() -> impl Strategy<Value = String> {
    (
        cjk_run(),
        pick(&["  ", " ", "\n", "** ", "：", "\n\n"]),
        body(),
        prop::option::of(source()),
        pick(&["", "\n", "\n\n"]),
    )
        .prop_map(|(head, brk, body, src, src_sep)| {
            let first = match brk {
                "** " => format!("**{head}** {body}"),
                "：" => format!("财政局：{head} {body}"),
                b => format!("{head}{b}{body}"),
            };
            match src {
                Some(s) => format!("{first}{src_sep}{s}"),
                None => first,
            }
        })
}

fn masthead_line() -> impl Strategy<Value = String> {
    pick(&[
        "延津政务快报",
        "# 某县政务信息",
        "第 39 期",
        "第二十五期",
        "总第 456 期",
        "某县人民政府办公室",
        "某县人民政府办公室             二○二三年四月十四日",
        "2023 年 9 月 1 日",
        "2023.9.1",
        "主办：县政府办公室",
        "（内部资料 注意保存）",
        "签发人：王 强",
        "政务信息  第5期  2024-03-15",
    ])
    .prop_map(String::from)
}

fn section() -> impl Strategy<Value = String> {
    (
        pick(&["【", "## 【", "### **【", "[", "一、", "## "]),
        pick(&["民生保障", "项目建设", "优化营商环境"]),
    )
        .prop_map(|(o, n)| match o {
            "【" => format!("【{n}】"),
            "## 【" => format!("## 【{n}】"),
            "### **【" => format!("### **【{n}】**"),
            "[" => format!("[{n}]"),
            o => format!("{o}{n}"),
        })
}

fn footer_line() -> impl Strategy<Value = String> {
    pick(&[
        "本期发：县委常委，县人大正副主任，副县长。",
        "本期发：县委常委，县人大正副主任，",
        "责任编辑：李 勉",
        "审核：原超俊",
        "签发：麻彦伟",
        "责任编辑：李勉  审核：原超俊  签发：麻彦伟",
        "责任编辑 王芳",
        "报：市委办公室。",
        "送：各乡镇",
        "编辑:张三 审核:李四",
    ])
    .prop_map(String::from)
}

fn noise() -> impl Strategy<Value = String> {
    pick(&[
        "— 2 —",
        "- 3 -",
        "第2页",
        "第 2 页 共 6 页",
        "2/6",
        "7",
        "---",
        "***",
        "> 引用",
        "- 列表项",
        "＊＊",
        "（完）",
        "##",
    ])
    .prop_map(String::from)
}

fn junk() -> impl Strategy<Value = String> {
    "[一-龥（）()【】：:，,。 *#\\-—0-9a-z]{0,30}"
}

/// Hard-wraps a line at `n` characters, the way pdftotext prints it.
fn wrap(s: &str, n: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars
        .chunks(n.max(1))
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Long lines of CJK with rare spaces, colons and parentheses: headline and
/// source scans run past their windows and must cut on character boundaries.
fn long_line() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            20 => pick(&["县", "乡", "镇", "局", "开展", "项目", "“", "”", "１２", "3.47", "é"]),
            1 => pick(&[" ", "  ", "：", ":", "（", "）", "**", "。", "，"]),
        ],
        80..400,
    )
    .prop_map(|v| v.concat())
}

fn chunk() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => long_line(),
        3 => masthead_line(),
        3 => section(),
        8 => item(),
        2 => (item(), 5usize..30).prop_map(|(s, n)| wrap(&s, n)),
        3 => footer_line(),
        2 => noise(),
        2 => junk(),
    ]
}

fn separator() -> impl Strategy<Value = &'static str> {
    pick(&[
        "\n",
        "\n\n",
        "\r\n",
        "\r\n\r\n",
        " \n",
        "\n\u{3000}\u{3000}",
        "\n\n— 5 —\n\n",
        "\r",
        "\u{a0}\n",
    ])
}

fn bulletin() -> impl Strategy<Value = String> {
    (
        prop::option::of(Just("\u{feff}")),
        prop::collection::vec((chunk(), separator()), 0..24),
    )
        .prop_map(|(bom, parts)| {
            let mut s = String::from(bom.unwrap_or(""));
            for (c, sep) in parts {
                s.push_str(&c);
                s.push_str(sep);
            }
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn bulletin_like_inputs_lose_nothing(s in bulletin()) {
        check(&s)?;
    }

    #[test]
    fn arbitrary_strings_lose_nothing(s in any::<String>()) {
        check(&s)?;
    }

    #[test]
    fn bulletin_alphabet_soup_loses_nothing(s in "[【】\\[\\]（）()：:，,。；*# \\-—_\n\r\t\u{3000}\u{a0}\u{200b}\u{feff}第期页年月日号0-9一二三十○局镇乡本发责任编辑审核签报送\"“”>]{0,120}") {
        check(&s)?;
    }
}

#[test]
fn seeds_lose_nothing() {
    let Ok(dir) = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/seeds"))
    else {
        return;
    };
    for e in dir.flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap();
        check(&text).unwrap_or_else(|err| panic!("{}: {err}", e.path().display()));
    }
}

#[test]
fn fixtures_lose_nothing() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().extension().is_some_and(|x| x == "txt") {
            let text = std::fs::read_to_string(e.path()).unwrap();
            check(&text).unwrap_or_else(|err| panic!("{}: {err}", e.path().display()));
        }
    }
}

#[test]
fn the_checker_catches_a_lost_character() {
    // The property is not a tautology: a character missing from the parts is caught.
    let mut counts = BTreeMap::new();
    fold_into("县财政局（财政局）", 1, &mut counts);
    fold_into("县财政局", -1, &mut counts);
    fold_into("财政", -1, &mut counts);
    counts.retain(|_, n| *n != 0);
    assert!(!counts.is_empty());
    assert!(!is_syntax("财政局"));
    assert!(is_syntax("（"));
    assert!(is_syntax("责任编辑："));
    assert!(is_syntax("二○二三年四月十四日"));
}
