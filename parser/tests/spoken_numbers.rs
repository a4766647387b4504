//! Property test: any number written in Arabic digits, spoken back in
//! Chinese numerals (with the 零 rules, 两 or 二, 十 or 一十 at the start,
//! 万 and 亿 groups, `点` decimals, the spoken `一万三` shortening), reads
//! as the same value when it stands before a unit in a sentence.

use bulletin_parser::figures::extract;
use proptest::prelude::*;

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// How to say a number: the choices a writer has.
#[derive(Debug, Clone, Copy)]
struct Style {
    /// `两` for a 2 before 百, 千, 万 or 亿 where it may stand.
    liang: bool,
    /// `一十五` rather than `十五` at the very start.
    yi_shi: bool,
}

/// A group below 10000 (`n`), with the 零 rules inside it (a leading 十 may
/// drop its 一: `十五`, `一万零十二`; `style.yi_shi` keeps it).
fn group(n: u64, style: Style, out: &mut String) {
    let places = [(1000, '千'), (100, '百'), (10, '十'), (1, ' ')];
    let mut said = false;
    let mut zero = false;
    for (p, name) in places {
        let d = (n / p % 10) as usize;
        if d == 0 {
            zero = said;
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        let lead = !said;
        if p == 10 && d == 1 && lead && !style.yi_shi {
            // `十五`: the 一 of a leading 十 goes unsaid.
        } else if d == 2 && (p == 1000 || p == 100) && style.liang {
            out.push('两');
        } else {
            out.push(DIGITS[d]);
        }
        if p > 1 {
            out.push(name);
        }
        said = true;
    }
}

/// `n` (below 10^16) in Chinese numerals.
fn spoken(n: u64, style: Style) -> String {
    if n == 0 {
        return "零".into();
    }
    let yi = n / 100_000_000;
    let wan = n / 10_000 % 10_000;
    let rest = n % 10_000;
    let mut s = String::new();
    let mut said = false;
    let mut gap = false;
    for (g, name) in [(yi, "亿"), (wan, "万"), (rest, "")] {
        if g == 0 {
            gap = said;
            continue;
        }
        // A group that does not fill its four places, after a group said
        // before it, or after a skipped group, is opened by 零.
        if said && (gap || g < 1000) {
            s.push('零');
        }
        if g == 2 && !name.is_empty() && style.liang {
            s.push('两');
        } else if name == "亿" && g >= 10_000 {
            // (Not reached below 10^12.)
            s.push_str(&spoken(g, style));
        } else {
            group(g, style, &mut s);
        }
        s.push_str(name);
        said = true;
        gap = false;
    }
    s
}

/// The digits of `frac` (`k` of them) spoken one by one after `点`.
fn decimals(frac: u64, k: u32) -> String {
    let mut s = String::from("点");
    for i in (0..k).rev() {
        s.push(DIGITS[(frac / 10u64.pow(i) % 10) as usize]);
    }
    s
}

fn read(body: &str) -> Option<f64> {
    let f = extract(body);
    match &f[..] {
        [x] => Some(x.value),
        _ => None,
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Whole numbers up to a trillion, every way of saying them.
    #[test]
    fn whole_numbers_read_back(n in 1u64..1_000_000_000_000, liang: bool, yi_shi: bool, unit in 0usize..4) {
        let cn = spoken(n, Style { liang, yi_shi });
        // A lone 二 is no count (`二次` is "second"): counts say 两.
        prop_assume!(cn != "二");
        let unit = ["元", "人", "吨", "亩"][unit];
        let body = format!("全年共完成{cn}{unit}。");
        prop_assert_eq!(read(&body), Some(n as f64), "{} ({})", body, n);
    }

    /// Decimals after 点, alone and before 万 or 亿.
    #[test]
    fn decimals_read_back(whole in 0u64..100_000, frac in 1u64..1000, k in 1u32..4, big in 0usize..3, liang: bool) {
        let frac = frac % 10u64.pow(k);
        prop_assume!(frac % 10 != 0); // `三点五零` says more than it means
        let cn = format!("{}{}", spoken(whole, Style { liang, yi_shi: false }), decimals(frac, k));
        let (mult, word) = [(1.0, ""), (1e4, "万"), (1e8, "亿")][big];
        let want = (whole as f64 + frac as f64 / 10f64.powi(k as i32)) * mult;
        let body = format!("投资{cn}{word}元。");
        let got = read(&body);
        prop_assert!(got.is_some_and(|g| same(g, want)), "{} read {:?}, want {}", body, got, want);
    }

    /// The spoken shortening: `一万三` is 13000, `两千四百五` 2450.
    #[test]
    fn shortened_numbers_read_back(head in 1u64..100, next in 1u64..10, place in 0usize..3) {
        let (p, word, lower) = [(10_000u64, "万", 1000u64), (1000, "千", 100), (100, "百", 10)][place];
        let head = if place == 0 { head } else { head % 9 + 1 };
        let cn = format!("{}{}{}", spoken(head, Style { liang: false, yi_shi: false }), word, DIGITS[next as usize]);
        let want = (head * p + next * lower) as f64;
        let body = format!("共有{cn}人。");
        prop_assert_eq!(read(&body), Some(want), "{}", body);
    }
}

#[test]
fn the_generator_says_numbers_as_people_write_them() {
    let plain = Style {
        liang: false,
        yi_shi: false,
    };
    let both = Style {
        liang: true,
        yi_shi: true,
    };
    assert_eq!(spoken(10012, plain), "一万零十二");
    assert_eq!(spoken(10012, both), "一万零一十二");
    assert_eq!(spoken(15, plain), "十五");
    assert_eq!(spoken(15, both), "一十五");
    assert_eq!(spoken(2200, both), "两千两百");
    assert_eq!(spoken(20_000, both), "两万");
    assert_eq!(spoken(100_000_003, plain), "一亿零三");
    assert_eq!(spoken(120_000_000, plain), "一亿二千万");
    assert_eq!(spoken(1_000_054, plain), "一百万零五十四");
    assert_eq!(spoken(31_000_054, plain), "三千一百万零五十四");
    assert_eq!(spoken(1010, plain), "一千零一十");
    assert_eq!(decimals(5, 2), "点零五");
}
