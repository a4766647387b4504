//! Numbers in Chinese numerals (`三个`, `两千人`, `十余次`, `百分之八十`) and
//! the rules that tell a count from an article, an ordinal or an idiom.

use crate::model::FigureKind;
use crate::numerals::{cn_digit, cn_multiplier, parse_cn_number};

use super::arabic::{arabic_digit, digit_at, read_arabic, scaled, Mantissa};
use super::chars::{
    char_at, char_before, ends_any, ends_at, is_clause_break, skip_space, skip_space_back, CharSet,
};
use super::context::Place;
use super::scan::{push, Found, Out};
use super::tail::{approx_after, approx_before_from, is_ordinal_from, is_rank, tail, Tail};
use super::units::{AfterCn, Unit, UNIT_FIRST_CHARS, UNIT_STARTS};

/// Whether `c`, the character before a Chinese numeral at `i`, makes the
/// numeral part of a word or a vague amount: `数十家`, `几十个`, `若干`,
/// `初三`, `之一`, `逐一`, `统一`, `唯一`, `同一`, `某一`, `星期三`, `礼拜`.
fn cn_blocked_before(s: &str, i: usize, c: char) -> bool {
    match c {
        '数' | '几' | '初' | '之' | '逐' | '统' | '唯' | '同' | '某' | '划' | '期' | '拜'
        | '万' | '单' => true,
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
    set.without(&UNIT_FIRST_CHARS)
}

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
        Some(&[b0 @ 0xE0..=0xEF, b1, b2]) => WORD_GOES_ON.contains3(b0, b1, b2),
        _ => char_at(s, after).is_some_and(|(x, _)| WORD_GOES_ON.contains(x)),
    };
    if goes_on {
        return after;
    }
    // The whole run of numeral characters is read and skipped at once, so
    // `一百二十三` is never re-read from `百`.
    let mut p = i;
    let mut digits = 0;
    let mut places = false;
    while let Some((c, n)) = char_at(s, p) {
        if cn_digit(c).is_some() {
            digits += 1;
        } else if cn_multiplier(c).is_some() {
            places = true;
        } else {
            break;
        }
        p += n;
        if p - i > 48 {
            return p; // no count is that long
        }
    }
    let run_end = p;
    let run = &s[i..run_end];
    let Some((first, _)) = char_at(s, i) else {
        return run_end;
    };
    // `二〇二三`, `三四个`, `五一`: digit by digit is a date, a range or a name.
    if !places && digits > 1 {
        return run_end;
    }
    // Most Chinese numerals in a bulletin are words (`一方面`, `统一`,
    // `一是`): what follows rules them out cheapest, so that is read first.
    // Cheapest of all: the character after the run (spaces skipped) starts
    // neither a qualifier nor a unit, so `tail` would find nothing.
    let next = char_at(s, skip_space(s, run_end)).map(|(c, _)| c);
    if !next.is_some_and(|c| matches!(c, '余' | '多') || UNIT_STARTS.contains(c)) {
        return run_end;
    }
    let Some(t) = tail(s, run_end, true) else {
        return run_end;
    };
    let Some(unit) = t.unit else { return run_end };
    if unit.cn == AfterCn::No {
        return run_end;
    }
    if let Some((c, _)) = char_before(s, i) {
        if arabic_digit(c).is_some() || c == '.' || cn_blocked_before(s, i, c) {
            return run_end;
        }
    }
    // Where the spaces before the numeral end: read for `第` and for `近`.
    let bare_start = skip_space_back(s, i);
    if is_ordinal_from(s, bare_start) {
        return run_end;
    }
    let Some(value) = parse_cn_number(run) else {
        return run_end;
    };
    // `百日行动`, `千家万户`, `万人助万企`: a bare place is an idiom; only
    // `百余人`, `千余名`, `近百人`, `逾千人` count.
    let approx_pre = approx_before_from(s, bare_start);
    let bare_place = !matches!(cn_digit(first), Some(1..=9)) && first != '十';
    if bare_place && t.approx.is_none() && approx_pre.is_none() {
        return run_end;
    }
    if is_rank(s, i, unit) {
        return run_end;
    }
    // `五位一体`, `三个一批`, `两个一百年`, `四个不摘`: slogans.
    if let Some((c, _)) = char_at(s, t.unit_end) {
        if cn_digit(c).is_some() || c == '十' || c == '不' {
            return run_end;
        }
    }
    let bare = t.approx.is_none() && t.exp == 0;
    // `二次`, `二级`: a lone 二 is an ordinal or a compound; counts use 两.
    if bare && run == "二" {
        return run_end;
    }
    if bare && run == "一" && !lone_one_counts(s, i, &t, unit) {
        return run_end;
    }
    let (approx_pre, start) = match approx_pre {
        Some((a, w)) => (Some(a), w),
        None => (None, i),
    };
    let m = Mantissa {
        digits: value as u64,
        decimals: 0,
    };
    push(out, s, start, &t, scaled(m, t.exp), approx_pre);
    t.end
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

/// `百分之八十`, `百分之 95`, `百分之百`: a percent in words.
pub fn percent_words(s: &str, i: usize, out: &mut Out<impl FnMut(&Found)>) -> usize {
    let p = i + "百分之".len();
    let (value, mut end) = if digit_at(s, p).is_some() {
        match read_arabic(s, p) {
            (Some(m), e) => (scaled(m, 0), e),
            (None, e) => return e,
        }
    } else {
        let mut e = p;
        while let Some((c, n)) = char_at(s, e) {
            if cn_digit(c).is_none() && cn_multiplier(c).is_none() {
                break;
            }
            e += n;
        }
        match s.get(p..e).and_then(parse_cn_number) {
            Some(v) if e > p => (v, e),
            _ => return e.max(p),
        }
    };
    let bare_start = skip_space_back(s, i);
    if is_ordinal_from(s, bare_start) {
        return end;
    }
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
            unit: Some("%"),
            approx: approx_pre.or(approx),
            kind: FigureKind::Percent,
        },
    );
    end
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
