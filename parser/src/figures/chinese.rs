//! Numbers in Chinese numerals (`三个`, `两千人`, `十余次`, `百分之八十`) and
//! the rules that tell a count from an article, an ordinal or an idiom.

use crate::bytes::lead_len;
use crate::model::FigureKind;
use crate::numerals::{cn_digit, cn_multiplier, parse_cn_number};

use super::arabic::{digit_at, joiner_after, read_arabic, scaled, Mantissa};
use super::chars::{
    at, char_at, char_before, ends_any, ends_at, is_clause_break, skip_space, skip_space_back,
    CharSet,
};
use super::found::Found;
use super::found::Place;
use super::out::{push, push_range, Out};
use super::tail::{approx_after, approx_before_from, is_ordinal_from, is_rank, tail, Tail};
use super::units::{match_unit, AfterCn, Role, Unit, UNIT_FIRST_CHARS, UNIT_STARTS};
use crate::numerals::arabic_digit;

/// Whether `c`, the character before a Chinese numeral at `i`, makes the
/// numeral part of a word or a vague amount: `数十家`, `几十个`, `若干`,
/// `初三`, `之一`, `逐一`, `统一`, `唯一`, `同一`, `某一`, `星期三`, `礼拜`.
fn cn_blocked_before(s: &str, i: usize, c: char) -> bool {
    match c {
        '数' | '几' | '初' | '之' | '逐' | '统' | '唯' | '同' | '某' | '划' | '期' | '拜'
        | '万' | '单' | '番' | '届' => true,
        '干' => ends_at(s, i, "若干"),
        _ => false,
    }
}

/// Characters of Chinese numerals: what `cn_digit` or `cn_multiplier`
/// reads (a test checks the two agree).
const NUMERAL_CHAR_LIST: [char; 34] = [
    '〇', '○', '零', 'Ｏ', 'О', '一', '壹', '二', '两', '贰', '三', '叁', '四', '肆', '五', '伍',
    '六', '陆', '七', '柒', '八', '捌', '九', '玖', '十', '拾', '百', '佰', '千', '仟', '万', '萬',
    '亿', '億',
];

#[cfg(test)]
static NUMERAL_CHARS: CharSet = CharSet::new(&NUMERAL_CHAR_LIST);

/// Characters after which a lone numeral can be no figure: all but
/// numerals, spaces, `余` `多` and the first characters of units.
static WORD_GOES_ON: CharSet = word_goes_on();

const fn word_goes_on() -> CharSet {
    let mut set = CharSet::full();
    set = set.without(&NUMERAL_CHAR_LIST);
    set = set.without(&[' ', '\t', '\u{3000}', '\u{a0}', '余', '多']);
    // `三点五`, `二十几万`, `翻一番`, `三至五`: numerals go on past these.
    set = set.without(&GOES_ON_PAST);
    set.without(&UNIT_FIRST_CHARS)
}

/// Characters after a numeral that may go on into a figure although they
/// are no unit: a decimal point, a vague digit, `番`, range joiners.
const GOES_ON_PAST: [char; 10] = ['点', '几', '番', '至', '到', '-', '－', '—', '~', '～'];

/// Activity verbs after which `一次` is a count (`每季度开展一次`).
const EVENT_VERBS: [&str; 20] = [
    "开展", "召开", "举办", "举行", "进行", "组织", "集中", "开", "办", "检查", "督查", "巡查",
    "调度", "观摩", "评比", "考核", "通报", "培训", "演练", "会商",
];

/// A Chinese numeral `c` (a digit or a place: `cn_digit` or `cn_multiplier`
/// reads it) at byte `i`. Returns where to go on.
pub fn chinese(s: &str, i: usize, c: char, out: &mut Out<impl FnMut(&Found)>) -> usize {
    debug_assert!(cn_digit(c).is_some() || cn_multiplier(c).is_some());
    // Most numerals stand alone in a word (`统一`, `一是`, `一步`): when the
    // next character is no numeral, space, qualifier or unit, nothing can
    // follow (the check after the run below, made early).
    // A three-byte character after it (nearly always) is tested straight
    // from its bytes.
    let after = i + c.len_utf8();
    let goes_on = match s.as_bytes().get(after..after + 3) {
        Some(&[b0, b1, b2]) if lead_len(b0) == 3 => WORD_GOES_ON.contains3(b0, b1, b2),
        _ => char_at(s, after).is_some_and(|(x, _)| WORD_GOES_ON.contains(x)),
    };
    if goes_on {
        return after;
    }
    // The whole run of numeral characters is read and skipped at once, so
    // `一百二十三` is never re-read from `百`.
    // `零点五`: 零 starts no scan, so the number is read from it here.
    let i = if ends_at(s, i, "零点") {
        i - "零点".len()
    } else {
        i
    };
    let run = cn_run(s, i);
    let run_end = run.end;
    if run.long {
        return run_end; // no count is that long
    }
    let text = &s[i..run_end];
    let Some((first, _)) = char_at(s, i) else {
        return run_end;
    };
    // `二〇二三`, `三四个`, `五一`: digit by digit is a date, a range or a name.
    // `三四个`, `五六百`, `十五六人`: two digits in a row, one apart, a range.
    let pair = if run.digits >= 2 && !run.point {
        adjacent_digits(text)
    } else {
        None
    };
    if !run.places && !run.point && run.digits > 1 && pair.is_none() {
        return run_end;
    }
    // Most Chinese numerals in a bulletin are words (`一方面`, `统一`,
    // `一是`): what follows rules them out cheapest, so that is read first.
    // Cheapest of all: the character after the run (spaces skipped) starts
    // neither a qualifier nor a unit, so `tail` would find nothing.
    let next = char_at(s, skip_space(s, run_end)).map(|(c, _)| c);
    let Some(next) = next else { return run_end };
    if !(matches!(next, '余' | '多' | '几') || UNIT_STARTS.contains(next)) {
        return match next {
            '番' => doubling(s, i, text, run_end, out),
            '至' | '到' | '-' | '－' | '—' | '–' | '~' | '～' => {
                cn_range(s, i, text, run_end, out).unwrap_or(run_end)
            }
            _ => run_end,
        };
    }
    if next == '分' && at(s, run_end, "分之") {
        let ok = !char_before(s, i).is_some_and(|(c, _)| cn_blocked_before(s, i, c));
        let den = parse_cn_number(text).filter(|d| ok && *d >= 2.0 && d.fract() == 0.0);
        return match den {
            Some(d) => fraction(s, i, run_end + "分之".len(), d, out),
            None => run_end,
        };
    }
    let Some(t) = tail(s, run_end, true) else {
        return run_end;
    };
    let Some(unit) = t.unit else { return run_end };
    // `一年半`: a half closes a duration a year would otherwise not count.
    if unit.cn == AfterCn::No && !(t.half && unit.role == Role::Year) {
        return run_end;
    }
    // `数十亿`, `几十个`, `上百家`: a vague magnitude, read as stated.
    let mut vague = None;
    if let Some((c, n)) = char_before(s, i) {
        let place_first = cn_digit(first).is_none();
        if place_first && matches!(c, '数' | '几') && !ends_at(s, i - n, "多") {
            vague = Some(if c == '数' { "数" } else { "几" });
        } else if place_first
            && first != '十'
            && c == '上'
            && ends_any(s, i - n, &UP_WORDS).is_none()
        {
            vague = Some("上");
        } else if arabic_digit(c).is_some() || c == '.' || cn_blocked_before(s, i, c) {
            return run_end;
        }
    }
    // Where the spaces before the numeral end: read for `第` and for `近`.
    let bare_start = skip_space_back(s, i);
    if vague.is_none() && is_ordinal_from(s, bare_start) {
        return run_end;
    }
    let Some(value) = pair.map(|p| p.0).or_else(|| parse_cn_number(text)) else {
        return run_end;
    };
    // `百日行动`, `千家万户`, `万人助万企`: a bare place is an idiom; only
    // `百余人`, `千余名`, `近百人`, `逾千人` count.
    let approx_pre = match vague {
        Some(v) => Some((v, i - v.len())),
        None => approx_before_from(s, bare_start),
    };
    let bare_place = !matches!(cn_digit(first), Some(1..=9)) && first != '十' && !run.point;
    if bare_place && t.approx.is_none() && approx_pre.is_none() {
        return run_end;
    }
    if is_rank(s, i, unit) {
        return run_end;
    }
    // `五位一体`, `三个一批`, `两个一百年`, `四个不摘`: slogans.
    if let Some((c, n)) = char_at(s, t.unit_end) {
        let cents = ["角", "毛", "分"].iter().any(|w| at(s, t.unit_end + n, w));
        if (cn_digit(c).is_some() && !cents) || c == '十' || c == '不' {
            return run_end;
        }
    }
    let bare = t.approx.is_none() && t.exp == 0 && !t.half;
    // `二次`, `二级`: a lone 二 is an ordinal or a compound; counts use 两.
    if bare && text == "二" {
        return run_end;
    }
    if bare && text == "一" && !lone_one_counts(s, i, &t, unit) {
        return run_end;
    }
    let (approx_pre, start) = match approx_pre {
        Some((a, w)) => (Some(a), w),
        None => (None, i),
    };
    let value_max = pair.map(|p| exact(p.1, t.exp));
    push(
        out,
        s,
        start,
        &t,
        exact(value, t.exp),
        approx_pre,
        value_max,
    );
    t.end
}

/// A numeral with two digits in a row one apart (`三四`, `五六百`,
/// `一百五六十`): the two numbers it spans, each read with one of the two
/// digits. `None` for any other run of digits (`二〇二三`, `五一`, `一二三`).
fn adjacent_digits(text: &str) -> Option<(f64, f64)> {
    let digits: Vec<(usize, char, u32)> = text
        .char_indices()
        .filter_map(|(k, c)| cn_digit(c).map(|d| (k, c, d)))
        .collect();
    if digits.len() > 3 {
        return None;
    }
    let mut found = None;
    for w in digits.windows(2) {
        let ((k0, c0, d0), (k1, c1, d1)) = (w[0], w[1]);
        if k0 + c0.len_utf8() != k1 {
            continue; // a place between them
        }
        if d0 == 0 || d1 != d0 + 1 || found.is_some() {
            return None; // `二〇`, `五一`, `一二三`
        }
        found = Some((k0, c0.len_utf8(), k1, c1.len_utf8()));
    }
    let (k0, n0, k1, n1) = found?;
    let lo = format!("{}{}", &text[..k1], &text[k1 + n1..]);
    let hi = format!("{}{}", &text[..k0], &text[k0 + n0..]);
    let (lo, hi) = (parse_cn_number(&lo)?, parse_cn_number(&hi)?);
    (lo < hi).then_some((lo, hi))
}

/// Words ending in `上` before a place that make it no "as many as":
/// `线上百场`, `基础上百分`.
const UP_WORDS: [&str; 10] = ["线", "网", "会", "之", "础", "面", "马", "以", "北", "向"];

/// `value × 10^exp` with `value`'s decimals (at most six, as `点` gives
/// them) counted exactly, so that `三点五亿` is exactly 350000000.
fn exact(value: f64, exp: i32) -> f64 {
    let mut k = 0;
    let mut v = value;
    while v.fract() != 0.0 && k < 6 && v < 1.0e9 {
        // Each step is exact up to the rounding of the decimals written.
        v = (v * 10.0 * 1e6).round() / 1e6;
        k += 1;
    }
    let m = Mantissa {
        digits: v.round() as u64,
        decimals: k,
    };
    scaled(m, exp)
}

/// A run of Chinese numeral characters.
pub struct CnRun {
    pub end: usize,
    pub digits: u32,
    pub places: bool,
    /// `三点五`: a decimal point inside.
    pub point: bool,
    /// Longer than any count (32 characters): no figure.
    pub long: bool,
}

/// The run of Chinese numerals at `i`: digits, places, and one `点`
/// between digits. Stops before a unit that starts with a place (`千米`).
pub fn cn_run(s: &str, i: usize) -> CnRun {
    let mut run = CnRun {
        end: i,
        digits: 0,
        places: false,
        point: false,
        long: false,
    };
    let mut p = i;
    while let Some((c, n)) = char_at(s, p) {
        let next_digit = || char_at(s, p + n).is_some_and(|(d, _)| cn_digit(d).is_some());
        if cn_digit(c).is_some() {
            run.digits += 1;
        } else if c == '点' && p > i && !run.point && next_digit() {
            run.point = true;
        } else if cn_multiplier(c).is_some() && (!run.point || c == '万' || c == '亿') {
            // `四十三千米`: 千 starts the unit; `一万二千米`: 千 is a place.
            if c == '千' && p > i && match_unit(s, p).is_some() && !after_big_place(s, i, p) {
                break;
            }
            run.places = true;
        } else {
            break;
        }
        p += n;
    }
    run.end = p;
    run.long = p - i > 96;
    run
}

/// Whether the numerals `i..p` end in a digit right after 万 or 亿
/// (`一万二`): a 千 there is the next place down, not a unit's first half.
fn after_big_place(s: &str, i: usize, p: usize) -> bool {
    let Some((d, n)) = char_before(s, p) else {
        return false;
    };
    p - n > i && cn_digit(d).is_some() && matches!(char_before(s, p - n), Some(('万' | '亿', _)))
}

/// `翻一番`, `翻两番`, `翻了一番`: doubled once (2 倍), twice (4 倍).
fn doubling(
    s: &str,
    i: usize,
    text: &str,
    run_end: usize,
    out: &mut Out<impl FnMut(&Found)>,
) -> usize {
    let start = match ends_any(s, i, &["翻了", "翻"]) {
        Some(w) => i - w.len(),
        None => return run_end,
    };
    let n = match text {
        "一" => 1,
        "两" | "二" => 2,
        "三" => 3,
        _ => return run_end,
    };
    let end = run_end + "番".len();
    emit_ratio(out, s, (start, end), f64::from(1u32 << n), "倍", None)
}

/// Hands a ratio read in words (`三分之一`, `翻一番`) to the sink; returns
/// where it ends.
fn emit_ratio(
    out: &mut Out<impl FnMut(&Found)>,
    s: &str,
    (start, end): (usize, usize),
    value: f64,
    unit: &'static str,
    approx: Option<&'static str>,
) -> usize {
    let (start_char, end_char) = out.char_range(s, start, end);
    out.emit(
        s,
        Found {
            place: Place::default(),
            start,
            end,
            start_char,
            end_char,
            value,
            value_max: None,
            unit: Some(unit),
            per: None,
            approx,
            kind: FigureKind::Percent,
        },
    );
    end
}

/// The lower end `lo` of a Chinese range whose upper end reads `up` (value
/// `hi`): scaled by the upper end's trailing places as a whole (`三至五千万`
/// is 3000万) or by its 万/亿 section (`十至二十万` is 10万) or bare
/// (`五千至一万`), whichever alone lands within a tenth of the upper end;
/// when none does, the section's scale or bare, if below it. `None` when
/// two readings fit, or none is below the upper end.
fn cn_lower(lo: f64, up: &str, hi: f64, exp: i32) -> Option<f64> {
    let mut whole = 1.0;
    let mut section = 1.0;
    let mut in_section = true;
    for m in up.chars().rev().map_while(cn_multiplier) {
        whole *= m;
        in_section &= m >= 1.0e4;
        if in_section {
            section *= m;
        }
    }
    let cands = [
        exact(lo * whole, exp),
        exact(lo * section, exp),
        exact(lo, exp),
    ];
    let mut fit = cands.iter().copied().filter(|&c| c < hi && c * 10.0 >= hi);
    let first = fit.next();
    if fit.any(|c| Some(c) != first) {
        return None;
    }
    first.or_else(|| cands[1..].iter().copied().find(|&c| c < hi))
}

/// `三至五个`, `一到两万元`, `十至二十万人`, `三—五成`: a range in Chinese
/// numerals; the upper end's trailing places (万, 千万) apply to a lower
/// end that is smaller without them (`三至五万` is 3万 to 5万).
fn cn_range(
    s: &str,
    i: usize,
    text: &str,
    run_end: usize,
    out: &mut Out<impl FnMut(&Found)>,
) -> Option<usize> {
    let upper = joiner_after(s, run_end)?;
    let (c, _) = char_at(s, upper)?;
    if cn_digit(c).is_none() && c != '十' {
        return None;
    }
    let up = Some(cn_run(s, upper)).filter(|r| !r.long)?;
    let up_text = &s[upper..up.end];
    let t = tail(s, up.end, true)?;
    let unit = t.unit?;
    let year_ok = unit.role == Role::Year && up.digits + u32::from(up.places) <= 2;
    if unit.cn == AfterCn::No && !year_ok {
        return None;
    }
    if let Some((b, _)) = char_before(s, i) {
        if arabic_digit(b).is_some() || b == '.' || cn_blocked_before(s, i, b) {
            return None;
        }
    }
    let bare_start = skip_space_back(s, i);
    if is_ordinal_from(s, bare_start) || is_rank(s, i, unit) {
        return None;
    }
    let hi = exact(parse_cn_number(up_text)?, t.exp);
    let lo = cn_lower(parse_cn_number(text)?, up_text, hi, t.exp)?;
    Some(push_range(out, s, bare_start, i, &t, lo, hi))
}

/// Whether `一` + unit is a count here rather than an article or a word.
fn lone_one_counts(s: &str, i: usize, t: &Tail, unit: &Unit) -> bool {
    // `新一轮`, `每一次`, `另一个`, `这一项`: a determiner, not a count.
    if char_before(s, i).is_some_and(|(c, _)| {
        matches!(
            c,
            '新' | '另' | '又' | '再' | '这' | '那' | '哪' | '每' | '任' | '其' | '上' | '下'
        )
    }) {
        return false;
    }
    let clause_end = match char_at(s, skip_space(s, t.end)) {
        None => true,
        Some((c, _)) => {
            is_clause_break(c) || matches!(c, '、' | '）' | ')' | '】' | '」' | '”' | '’' | '.')
        }
    };
    match unit.cn {
        AfterCn::One => clause_end,
        AfterCn::Event => {
            clause_end
                || ends_any(s, skip_space_back(s, i), &EVENT_VERBS).is_some()
                || every_before(s, i)
        }
        AfterCn::Many | AfterCn::No => false,
    }
}

/// `每` within the few characters before, in the same clause: a frequency.
fn every_before(s: &str, mut p: usize) -> bool {
    for _ in 0..8 {
        let Some((c, n)) = char_before(s, p) else {
            return false;
        };
        if c == '每' {
            return true;
        }
        if is_clause_break(c) {
            return false;
        }
        p -= n;
    }
    false
}

/// `百分之八十`, `百分之 95`, `百分之百`, `百分之十二点五`: a percent in words.
pub fn percent_words(s: &str, i: usize, out: &mut Out<impl FnMut(&Found)>) -> usize {
    fraction(s, i, i + "百分之".len(), 100.0, out)
}

/// A fraction whose numerator starts at `p`, `den` its denominator
/// (`三分之一`, `千分之三`, `百分之三十`): a ratio, in `%` (of the fraction),
/// `‰` for 千分之, `‱` for 万分之. `i` is where the denominator starts.
pub fn fraction(s: &str, i: usize, p: usize, den: f64, out: &mut Out<impl FnMut(&Found)>) -> usize {
    let (num, mut end) = if digit_at(s, p).is_some() {
        match read_arabic(s, p) {
            (Some(m), e) => (scaled(m, 0), e),
            (None, e) => return e,
        }
    } else {
        let run = cn_run(s, p);
        if run.long {
            return run.end;
        }
        match s.get(p..run.end).and_then(parse_cn_number) {
            Some(v) if run.end > p => (v, run.end),
            _ => return run.end.max(p),
        }
    };
    let bare_start = skip_space_back(s, i);
    if is_ordinal_from(s, bare_start) || num <= 0.0 {
        return end;
    }
    let (value, unit) = match den as u32 {
        100 => (num, "%"),
        1000 => (num, "‰"),
        10000 => (num, "‱"),
        _ => (num / den * 100.0, "%"),
    };
    let mut approx = None;
    let r = skip_space(s, end);
    if let Some(a) = approx_after(s, r) {
        approx = Some(a);
        end = r + a.len();
    }
    let (approx_pre, start) = match approx_before_from(s, bare_start) {
        Some((a, w)) => (Some(a), w),
        None => (None, i),
    };
    let (start, value) = match char_before(s, start) {
        Some(('负', n)) => (start - n, -value),
        _ => (start, value),
    };
    emit_ratio(out, s, (start, end), value, unit, approx_pre.or(approx))
}

#[cfg(test)]
mod tests {
    use super::super::chars::is_space;
    use super::*;

    #[test]
    fn word_goes_on_after_everything_that_ends_no_figure() {
        for c in (0..0x10000).filter_map(char::from_u32) {
            let ends = !NUMERAL_CHARS.contains(c)
                && !is_space(c)
                && !GOES_ON_PAST.contains(&c)
                && !matches!(c, '余' | '多')
                && !UNIT_STARTS.contains(c);
            assert_eq!(WORD_GOES_ON.contains(c), ends, "{c:?}");
        }
    }

    #[test]
    fn numeral_chars_are_what_numerals_reads() {
        for c in (0..0x10000).filter_map(char::from_u32) {
            let reads = cn_digit(c).is_some() || cn_multiplier(c).is_some();
            assert_eq!(NUMERAL_CHARS.contains(c), reads, "{c:?}");
        }
    }
}
