//! What a figure measures, in which direction it moved, and over which
//! period: read from the clause and sentence around it.
//!
//! - **label**: the noun right after the figure when it counts one
//!   (`走访31家企业` → `企业`, `109起矛盾` → `矛盾`); otherwise the phrase
//!   before it in its clause, verbs of reporting at its end (`完成`, `达`,
//!   `为`, `累计`…) and scope words at its start (`全县`, `我县`, `共`…)
//!   stripped: `全县一般公共预算收入完成 33400 万元` → `一般公共预算收入`,
//!   `排查矛盾纠纷94起` → `排查矛盾纠纷` (the verb stays: it says what was
//!   counted). A figure that follows another with nothing between
//!   (`67户270人`) shares its label; a bare change (`增长 3.5%`) takes the
//!   label of the last amount before it in the sentence.
//! - **change**: `增长`, `增加`, `提高`, `上升`… (up) or `下降`, `减少`,
//!   `降低`, `下滑`… (down) immediately before the figure.
//! - **period**: a time phrase opening a clause (`1—8 月份`, `一季度`,
//!   `截至2023年8月底`, `今年以来`, `“五一”节假日期间`, `目前`) governs the
//!   figures after it up to the end of the sentence (`。`, `；`, a line
//!   break) or the next time phrase. Spaces are removed: `1—8月份`.
//!
//! The pass walks the body once, up to the last figure, looking only for
//! clause punctuation; each clause is examined once.

use crate::model::{Change, FigureKind};

use super::chars::{
    at, at_any, char_at, char_before, ends_any, is_clause_break, is_han, is_sentence_break,
    is_space, skip_space,
};
use super::scan::Found;

/// The context fields of one figure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    pub label: Option<String>,
    pub change: Option<Change>,
    pub period: Option<String>,
}

/// Context for each of `found` (in order) in body `s`.
pub fn annotate(s: &str, found: &[Found]) -> Vec<Context> {
    let mut out: Vec<Context> = Vec::with_capacity(found.len());
    let mut pos = 0; // clause punctuation before `pos` has been seen
    let mut clause_start = 0;
    let mut clause_checked = false; // leading period phrase looked for
    let mut lead_end = 0; // end of the leading period phrase of this clause
    let mut sentence_first = 0; // index of the first figure of the sentence
    let mut period: Option<String> = None;
    let mut prev_noun_end = 0;
    for (k, f) in found.iter().enumerate() {
        while let Some((d, n, sentence)) = next_break(s, pos, f.start) {
            if !clause_checked {
                if let Some((p, _)) = clause_period(s, clause_start, d, true) {
                    period = Some(p);
                }
            }
            if sentence {
                period = None;
                sentence_first = k;
            }
            clause_start = d + n;
            clause_checked = false;
            lead_end = clause_start;
            pos = clause_start;
        }
        if !clause_checked {
            clause_checked = true;
            if let Some((p, e)) = clause_period(s, clause_start, f.start, false) {
                period = Some(p);
                lead_end = e;
            }
        }
        // The previous figure, and the noun it counted, bound the label when
        // they are in this clause: `13 个乡镇（街道）共设置检测点 45 个`.
        let prev_in_clause = k > 0 && found[k - 1].end > clause_start;
        let region = if prev_in_clause {
            skip_bracket(s, prev_noun_end.max(found[k - 1].end))
        } else {
            clause_start
        };
        let region = region.max(lead_end).min(f.start);
        let before = squeeze(&s[back_to_list_break(s, region, f.start)..f.start]);
        let change = change_of(&before);
        let noun = noun_after(s, f.end);
        prev_noun_end = noun.as_ref().map_or(f.end, |n| n.1);
        let mut label = noun.map(|n| n.0).or_else(|| clean_label(&before));
        if label.is_none() && prev_in_clause && s[found[k - 1].end..f.start].chars().all(is_space) {
            label = out[k - 1].label.clone(); // `67户270人`
        }
        if label.is_none() && change.is_some() {
            label = (sentence_first..k)
                .rev()
                .find(|&j| found[j].kind != FigureKind::Percent && out[j].label.is_some())
                .and_then(|j| out[j].label.clone());
        }
        out.push(Context {
            label,
            change,
            period: period.clone(),
        });
        pos = pos.max(f.end);
    }
    out
}

/// The next clause punctuation in `from..to`: its byte, its length, and
/// whether it also ends a sentence. Only bytes that can start punctuation are
/// looked at (`，。；：！？` all start with 0xE3 or 0xEF).
fn next_break(s: &str, from: usize, to: usize) -> Option<(usize, usize, bool)> {
    let b = s.as_bytes();
    let to = to.min(b.len());
    let mut i = from;
    while i < to {
        let x = b[i];
        let hit = match x {
            b',' | b';' | b':' | b'!' | b'?' | b'\n' | b'\r' => true,
            0xE3 | 0xEF => true,
            _ => false,
        };
        if hit {
            if let Some((c, n)) = char_at(s, i) {
                if is_clause_break(c) {
                    return Some((i, n, is_sentence_break(c)));
                }
            }
        }
        i += 1;
    }
    None
}

/// Steps back from `to` to the last `、` after `from` (list items each have
/// their own label), at most 40 characters.
fn back_to_list_break(s: &str, from: usize, to: usize) -> usize {
    let mut p = to;
    for _ in 0..40 {
        if p <= from {
            return from;
        }
        match char_before(s, p) {
            Some(('、', _)) | None => return p,
            Some((c, _)) if is_clause_break(c) => return p,
            Some((_, n)) => p -= n,
        }
    }
    p
}

/// The byte after a bracketed aside at `p` (`（街道）`), or `p`.
fn skip_bracket(s: &str, p: usize) -> usize {
    let q = skip_space(s, p);
    let close = match char_at(s, q) {
        Some(('（', _)) => '）',
        Some(('(', _)) => ')',
        _ => return p,
    };
    s[q..]
        .char_indices()
        .take(16)
        .find(|&(_, c)| c == close)
        .map_or(p, |(j, c)| q + j + c.len_utf8())
}

/// `s` without white space.
fn squeeze(s: &str) -> String {
    s.chars().filter(|&c| !is_space(c)).collect()
}

// ---------------------------------------------------------------- change

const UP: [&str; 9] = [
    "增长", "增加", "提高", "上升", "提升", "上涨", "增长了", "增加了", "提高了",
];
const DOWN: [&str; 9] = [
    "下降", "减少", "降低", "下滑", "回落", "缩减", "下降了", "减少了", "降低了",
];

fn change_of(before: &str) -> Option<Change> {
    let n = before.len();
    if ends_any(before, n, &UP).is_some() {
        Some(Change::Up)
    } else if ends_any(before, n, &DOWN).is_some() {
        Some(Change::Down)
    } else {
        None
    }
}

// ---------------------------------------------------------------- label

/// Reporting verbs and qualifiers between a label and its figure.
const TRAILING: [&str; 46] = [
    "达到了", "达到", "达", "为", "是", "共计", "共有", "共", "累计", "合计", "总计", "完成了",
    "完成", "实现了", "实现", "突破", "计", "的", "了", "有", "已", "均", "都", "分别", "仅",
    "同比", "增长", "增加", "提高", "上升", "提升", "上涨", "下降", "减少", "降低", "下滑",
    "回落", "缩减", "比上年", "较上年", "比去年", "较去年", "比", "较", "合", "新增了",
];

/// Connectives and scope words before a label.
const LEADING: [&str; 44] = [
    "其中", "同时", "另外", "此外", "并且", "并", "且", "共计", "共", "累计", "合计", "总计",
    "已经", "已", "均", "全县", "全市", "全区", "全镇", "全乡", "全省", "全街道", "我县", "我市",
    "我区", "我镇", "我乡", "该县", "该市", "该区", "该镇", "该乡", "该局", "该街道", "该中心",
    "占", "为", "对", "向", "给", "还", "又", "按照", "通过",
];

const MAX_LABEL_CHARS: usize = 20;

/// The label in the text before a figure, qualifiers stripped (see the
/// module notes). Also used to strip a bold entity name off a label.
pub fn clean_label(before: &str) -> Option<String> {
    let mut t = before.trim_matches(|c: char| is_space(c) || "，、：；（(）)".contains(c));
    loop {
        let n = t.len();
        if let Some(w) = ends_any(t, n, &TRAILING) {
            t = &t[..n - w.len()];
            continue;
        }
        if let Some(w) = at_any(t, 0, &LEADING) {
            t = &t[w.len()..];
            continue;
        }
        break;
    }
    if t.chars().count() > MAX_LABEL_CHARS {
        // A long phrase ending in a quoted name measures that name:
        // `在某市举办“招商推介会” 1 次` → `招商推介会`.
        if let Some(inner) = t.strip_suffix('”').and_then(|x| x.rsplit_once('“')) {
            if !inner.1.is_empty() {
                return Some(inner.1.to_string());
            }
        }
        // Keep the end, which names the figure; cut after a `的` if any.
        let cut = t.char_indices().rev().nth(MAX_LABEL_CHARS - 1).map_or(0, |(i, _)| i);
        let tail = &t[cut..];
        t = match tail.find('的') {
            Some(j) if j + 3 < tail.len() => &tail[j + 3..],
            _ => tail,
        };
    }
    let named = t.chars().any(|c| is_han(c) || c.is_ascii_alphabetic());
    named.then(|| t.to_string())
}

/// Words that end the noun a figure counts (`105 个脱贫人口及…`).
const NOUN_END: [&str; 34] = [
    "的", "及", "和", "与", "并", "等", "对", "在", "为", "从", "到", "向", "将", "把", "被",
    "均", "已", "共", "达", "占", "同", "以", "中", "进行", "开展", "提供", "列入", "参与",
    "参加", "受到", "实现", "完成", "获得", "全部",
];

/// The noun right after a figure, when the figure counts it: up to ten Han
/// characters ended by clause punctuation or a word that ends nouns.
fn noun_after(s: &str, end: usize) -> Option<(String, usize)> {
    let mut p = skip_space(s, end);
    let start = p;
    let found = |p: usize| Some((s[start..p].to_string(), p));
    for _ in 0..=10 {
        if p > start && at_any(s, p, &NOUN_END).is_some() {
            return found(p);
        }
        match char_at(s, p) {
            Some((c, n)) if is_han(c) => {
                if p == start && at_any(s, p, &NOUN_END).is_some() {
                    return None;
                }
                p += n;
            }
            Some((c, _)) if p > start && (is_clause_break(c) || "、（(”".contains(c)) => {
                return found(p);
            }
            None if p > start => return found(p),
            _ => return None,
        }
    }
    None
}

// ---------------------------------------------------------------- period

/// Characters a date or period phrase is made of.
fn is_date_char(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || is_space(c)
        || "一二三四五六七八九十两〇○零年月日号份季度底末初旬上中下半前第至到—–-－～~、今去本全"
            .contains(c)
}

const PERIOD_WORDS: [&str; 23] = [
    "今年以来", "去年以来", "年初以来", "近年来", "上半年", "下半年", "本年度", "今年", "去年",
    "全年", "本年", "年初", "年底", "年末", "本月", "上月", "本周", "本季度", "目前", "当前",
    "近期", "近日", "日前",
];

/// A period phrase opening the clause `start..end`; with `whole`, the clause
/// is complete and may itself be the phrase (`“五一”节假日期间`, `自活动开展以来`).
/// Returns the phrase (spaces removed) and the byte where it ends.
fn clause_period(s: &str, start: usize, end: usize, whole: bool) -> Option<(String, usize)> {
    let mut p = skip_space(s, start);
    if let Some(w) = at_any(s, p, &["在", "于"]) {
        p += w.len();
    }
    if p >= end {
        return None;
    }
    // 截至目前, 截至2023年8月底, 截止 8 月底.
    if let Some(w) = at_any(s, p, &["截至", "截止到", "截止"]) {
        let q = skip_space(s, p + w.len());
        let e = match at_any(s, q, &["目前", "当前", "现在", "今日", "今天"]) {
            Some(x) => q + x.len(),
            None => date_run(s, q, end)?,
        };
        return Some((squeeze(&s[p..e]), e));
    }
    let e = match at_any(s, p, &PERIOD_WORDS) {
        Some(w) => p + w.len(),
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
    Some((squeeze(&s[p..e]), e))
}

/// A run of date characters at `p` (before `end`) that names a time:
/// it has a time word and ends on one. `2023年`, `1—8 月份`, `一季度`,
/// `8 月 28 日至 8 月 31 日`, `上半年`. `三年` alone is not one (`三年行动`),
/// only with `来` after it.
fn date_run(s: &str, p: usize, end: usize) -> Option<usize> {
    let mut q = p;
    let mut last_marker = None;
    let mut numerals = 0;
    let mut year_digits_ok = false;
    let mut run_digits = 0;
    while q < end {
        let Some((c, n)) = char_at(s, q) else { break };
        if !is_date_char(c) {
            break;
        }
        if c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十两〇○零".contains(c)
        {
            numerals += 1;
            run_digits += 1;
        } else if !is_space(c) {
            if c == '年' && run_digits >= 4 {
                year_digits_ok = true;
            }
            run_digits = 0;
        }
        q += n;
        if "年月份日号度底末初旬".contains(c) {
            last_marker = Some(q);
        }
        if q - p > 90 {
            break;
        }
    }
    let e = last_marker?;
    // A time word with no number (`年度计划`, `月度`) is an adjective; the
    // numberless periods are the fixed words above.
    if numerals == 0 {
        return None;
    }
    let text = &s[p..e];
    let has_time = text.contains(['年', '月', '日', '季', '旬', '号']);
    if !has_time {
        return None;
    }
    // Only 年 marks it, with a count before it that is no year: a duration
    // or a plan name unless `来` follows (`三年来`).
    let only_year = !text.contains(['月', '日', '季', '旬', '号', '半']);
    if only_year
        && !year_digits_ok
        && !at(s, e, "来")
        && !at(s, e, "以来")
    {
        return None;
    }
    Some(e)
}

/// A whole short clause ending in `以来` or `期间`.
fn whole_clause_period(s: &str, p: usize, end: usize) -> Option<(String, usize)> {
    let text = s.get(p..end)?.trim_end_matches(is_space);
    if text.chars().count() > 20 {
        return None;
    }
    if text.ends_with("以来") || text.ends_with("期间") {
        Some((squeeze(text), p + text.len()))
    } else {
        None
    }
}
