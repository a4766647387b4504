//! Time phrases that govern the figures of a sentence: `1—8 月份`,
//! `一季度`, `截至2023年8月底`, `今年以来`, `“五一”节假日期间`.

use super::chars::{at, at_any, char_at, ends_at, is_space, skip_space, skip_space_back};

use super::chars::CharSet;

/// Digits of any script.
const NUMERALS: [char; 34] = [
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '０', '１', '２', '３', '４', '５', '６',
    '７', '８', '９', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '两', '〇', '○',
    '零',
];

/// Characters a date or period phrase is made of: numerals, spaces, time
/// marks and the words that join or qualify them.
const DATE_CHARS: [char; 69] = [
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '０', '１', '２', '３', '４', '５', '６',
    '７', '８', '９', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '两', '〇', '○',
    '零', ' ', '\t', '\u{3000}', '\u{a0}', // spaces
    '年', '月', '份', '日', '号', '度', '底', '末', '初', '旬', // time marks
    '季', '上', '中', '下', '半', '前', '第', '至', '到', '—', '–', '-', '－', '～', '~', '、',
    '今', '去', '本', '全', '近',
];

static NUMERAL_SET: CharSet = CharSet::new(&NUMERALS);
static DATE_SET: CharSet = CharSet::new(&DATE_CHARS);

/// Characters a date or period phrase is made of.
#[inline]
fn is_date_char(c: char) -> bool {
    DATE_SET.contains(c)
}

/// A digit of any script.
#[inline]
fn is_numeral(c: char) -> bool {
    NUMERAL_SET.contains(c)
}

/// Characters a date or period phrase can end on.
fn is_time_mark(c: char) -> bool {
    matches!(
        c,
        '年' | '月' | '份' | '日' | '号' | '度' | '底' | '末' | '初' | '旬'
    )
}

/// The fixed period word at byte `p` (whose character is `first`), longest
/// first: `今年以来`, `上半年`, `本季度`, `目前`, `近日`…
fn period_word(s: &str, p: usize, first: char) -> Option<&'static str> {
    let words: &[&'static str] = match first {
        '今' => &["今年以来", "今年"],
        '去' => &["去年以来", "去年"],
        '年' => &["年初以来", "年初", "年底", "年末"],
        '近' => &["近年来", "近期", "近日"],
        '上' => &["上半年", "上月"],
        '下' => &["下半年"],
        '本' => &["本年度", "本年", "本月", "本周", "本季度"],
        '全' => &["全年"],
        '目' => &["目前"],
        '当' => &["当前"],
        '日' => &["日前"],
        _ => return None,
    };
    at_any(s, p, words)
}

/// A period phrase opening the clause `start..end`; with `whole`, the clause
/// is complete and may itself be the phrase (`“五一”节假日期间`, `自活动开展以来`).
/// Returns the phrase's byte range.
#[inline]
pub fn clause_period(s: &str, start: usize, end: usize, whole: bool) -> Option<(usize, usize)> {
    // Most clauses open with a character no period phrase opens with (nor
    // a scope word before one): ruled out here, without a call.
    if !whole {
        let opening = char_at(s, skip_space(s, start))?.0;
        if !PERIOD_FIRST.contains(opening) {
            return None;
        }
    }
    clause_period_at(s, start, end, whole)
}

/// The characters [`clause_period_at`] can find a phrase after (when the
/// clause need not be whole): numerals, the first characters of the time
/// words, and `在` `于` `全` `我` `该` before them.
static PERIOD_FIRST: CharSet = CharSet::new(&[
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '０', '１', '２', '３', '４', '５', '６',
    '７', '８', '９', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '两', '〇', '○',
    '零', '今', '去', '上', '下', '全', '本', '年', '目', '当', '近', '日', '截', '第', '前', '在',
    '于', '我', '该',
]);

/// [`clause_period`] past its first test.
fn clause_period_at(s: &str, start: usize, end: usize, whole: bool) -> Option<(usize, usize)> {
    let mut p = skip_space(s, start);
    let (mut first, n) = char_at(s, p)?;
    match first {
        '在' | '于' => {
            p += n;
            first = char_at(s, p)?.0;
        }
        // `全县1—7月份…`: a scope word may stand before the time.
        '全' | '我' | '该' => {
            let scope = char_at(s, p + n)
                .is_some_and(|(x, _)| matches!(x, '县' | '市' | '区' | '镇' | '乡' | '省'));
            if scope {
                if let Some((x, _)) = char_at(s, p + n + 3).filter(|&(x, _)| is_numeral(x)) {
                    p += n + 3;
                    first = x;
                }
            }
        }
        _ => {}
    }
    if p >= end {
        return None;
    }
    // Most clauses open with neither a number nor a time word: one look at
    // the first character rules them out.
    let opens_time = matches!(
        first,
        '今' | '去'
            | '上'
            | '下'
            | '全'
            | '本'
            | '年'
            | '目'
            | '当'
            | '近'
            | '日'
            | '截'
            | '第'
            | '前'
    );
    if !is_numeral(first) && !opens_time {
        // (Never reached for a clause that need not be whole and opens
        // with a character outside `PERIOD_FIRST`.)
        return if whole {
            whole_clause_period(s, p, end)
        } else {
            None
        };
    }
    // 截至目前, 截至2023年8月底, 截止 8 月底.
    if let Some(w) = at_any(s, p, &["截至", "截止到", "截止"]) {
        let q = skip_space(s, p + w.len());
        let e = match at_any(s, q, &["目前", "当前", "现在", "今日", "今天"]) {
            Some(x) => q + x.len(),
            None => date_run(s, q, end)?,
        };
        return Some((p, e));
    }
    let e = match period_word(s, p, first) {
        // `今年 1 至 7 月`: a date may follow the word.
        Some(w) => date_run(s, skip_space(s, p + w.len()), end).unwrap_or(p + w.len()),
        None => match date_run(s, p, end) {
            Some(e) => e,
            None if whole => return whole_clause_period(s, p, end),
            None => return None,
        },
    };
    let e = match at_any(s, e, &["以来", "期间", "来"]) {
        Some(w) => e + w.len(),
        None => e,
    };
    if e > end {
        return None;
    }
    Some((p, e))
}

/// A run of date characters at `p` (before `end`) that names a time:
/// it has a time word and ends on one. `2023年`, `1—8 月份`, `一季度`,
/// `8 月 28 日至 8 月 31 日`, `上半年`. `三年` alone is not one (`三年行动`),
/// only with `来` after it.
fn date_run(s: &str, p: usize, end: usize) -> Option<usize> {
    let mut q = p;
    let mut numerals = 0;
    let mut year_digits_ok = false;
    let mut run_digits = 0;
    // What the run holds so far: a time word (年 月 日 季 旬 号), and one
    // that is not 年 (月 日 季 旬 号 半); taken at each time mark with its end.
    let (mut time, mut beyond_year) = (false, false);
    let mut last_marker = None;
    while q < end {
        let Some((c, n)) = char_at(s, q) else { break };
        if !is_date_char(c) {
            break;
        }
        if is_numeral(c) {
            numerals += 1;
            run_digits += 1;
        } else if !is_space(c) {
            if c == '年' && run_digits >= 4 {
                year_digits_ok = true;
            }
            run_digits = 0;
        }
        q += n;
        match c {
            '年' => time = true,
            '月' | '日' | '季' | '旬' | '号' => (time, beyond_year) = (true, true),
            '半' => beyond_year = true,
            _ => {}
        }
        if is_time_mark(c) {
            last_marker = Some((q, time, beyond_year));
        }
        if q - p > 90 {
            break;
        }
    }
    let (e, has_time, beyond_year) = last_marker?;
    // A time word with no number (`年度计划`, `月度`) is an adjective; the
    // numberless periods are the fixed words above.
    if numerals == 0 || !has_time {
        return None;
    }
    // Only 年 marks it, with a count before it that is no year: a duration
    // or a plan name unless `来` follows (`三年来`).
    if !beyond_year && !year_digits_ok && !at(s, e, "来") && !at(s, e, "以来") {
        return None;
    }
    Some(e)
}

/// A whole short clause ending in `以来` or `期间`.
fn whole_clause_period(s: &str, p: usize, end: usize) -> Option<(usize, usize)> {
    let e = skip_space_back(s, end);
    let marked = ends_at(s, e, "以来") || ends_at(s, e, "期间");
    (marked && e > p && s[p..e].chars().count() <= 20).then_some((p, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A clause opening with a character outside `PERIOD_FIRST` has no
    /// period phrase at its start, whatever follows.
    #[test]
    fn period_first_lets_every_opening_through() {
        let rests = [
            "",
            "年",
            "县1—7月份",
            "2023年以来",
            "1—8 月份",
            "至目前",
            "半年来",
        ];
        for c in ('\u{20}'..='\u{7e}')
            .chain('\u{3000}'..='\u{9fff}')
            .chain('\u{ff00}'..='\u{ffef}')
        {
            // (Spaces are skipped before the opening character is read.)
            if PERIOD_FIRST.contains(c) || is_space(c) {
                continue;
            }
            for rest in rests {
                let s = format!("{c}{rest}");
                assert_eq!(clause_period_at(&s, 0, s.len(), false), None, "{s:?}");
            }
        }
    }
}
