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
//! Clauses and periods are followed during the scanner's single pass
//! ([`Clauses`]); labels and changes are read afterwards around each figure,
//! a bounded number of characters each way.

use std::borrow::Cow;

use crate::model::{Change, FigureKind};

use super::chars::{
    at, at_any, char_at, char_before, ends_any, ends_at, is_clause_break, is_han, is_space,
    skip_space, skip_space_back,
};
use super::scan::Found;

/// The context fields of one figure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    pub label: Option<String>,
    pub change: Option<Change>,
    pub period: Option<String>,
}

/// Where a figure stands in its sentence, as the scanner saw it on its way.
#[derive(Debug, Clone, Copy, Default)]
pub struct Place {
    /// Byte after the last clause punctuation before the figure.
    pub clause_start: usize,
    /// Byte where a time phrase opening the figure's clause ends (else the
    /// clause start): the label is read after it.
    pub lead_end: usize,
    /// Byte range of the time phrase governing the figure.
    pub period: Option<(usize, usize)>,
    /// Which sentence the figure is in (counts sentence breaks).
    pub sentence: u32,
}

/// Follows clauses and sentences while the scanner walks the body: it is told
/// of every clause punctuation mark and every figure, in order, and keeps
/// the time phrase in force. Each clause is examined once.
#[derive(Debug, Default)]
pub struct Clauses {
    clause_start: usize,
    /// The clause's opening time phrase has been looked for (it held a figure).
    checked: bool,
    lead_end: usize,
    period: Option<(usize, usize)>,
    sentence: u32,
}

impl Clauses {
    /// Clause punctuation at byte `at`, `len` bytes long.
    pub fn on_break(&mut self, s: &str, at: usize, len: usize, sentence: bool) {
        if !self.checked {
            if let Some(r) = clause_period(s, self.clause_start, at, true) {
                self.period = Some(r);
            }
        }
        if sentence {
            self.period = None;
            self.sentence += 1;
        }
        self.clause_start = at + len;
        self.lead_end = self.clause_start;
        self.checked = false;
    }

    /// A figure starting at byte `start`.
    pub fn on_figure(&mut self, s: &str, start: usize) -> Place {
        if !self.checked {
            self.checked = true;
            if let Some(r) = clause_period(s, self.clause_start, start, false) {
                self.period = Some(r);
                self.lead_end = r.1;
            }
        }
        Place {
            clause_start: self.clause_start,
            lead_end: self.lead_end,
            period: self.period,
            sentence: self.sentence,
        }
    }
}

/// Context for each of `found` (in order) in body `s`.
pub fn annotate(s: &str, found: &[Found]) -> Vec<Context> {
    let mut out: Vec<Context> = Vec::with_capacity(found.len());
    let mut prev_noun_end = 0;
    let mut sentence_first = 0; // index of the first figure of the sentence
    for (k, f) in found.iter().enumerate() {
        let place = f.place;
        if k > 0 && found[k - 1].place.sentence != place.sentence {
            sentence_first = k;
        }
        // The previous figure, and the noun it counted, bound the label when
        // they are in this clause: `13 个乡镇（街道）共设置检测点 45 个`.
        let prev_in_clause = k > 0 && found[k - 1].end > place.clause_start;
        let region = if prev_in_clause {
            skip_bracket(s, prev_noun_end.max(found[k - 1].end))
        } else {
            place.clause_start
        };
        let region = region.max(place.lead_end).min(f.start);
        let before = squeeze(&s[back_to_list_break(s, region, f.start)..f.start]);
        let before = before.as_ref();
        let change = change_of(before);
        let noun = noun_after(s, f.end);
        prev_noun_end = noun.as_ref().map_or(f.end, |n| n.1);
        let mut label = noun.map(|n| n.0).or_else(|| clean_label(before));
        if label.is_none() && prev_in_clause && s[found[k - 1].end..f.start].chars().all(is_space) {
            label = out[k - 1].label.clone(); // `67户270人`
        }
        // `增长 3.5%` speaks of the last amount before it in the sentence;
        // `…提高 0.6 个百分点，达到 32.8％` of the figure just before.
        if label.is_none() && k > sentence_first {
            if change.is_some() {
                label = (sentence_first..k)
                    .rev()
                    .find(|&j| found[j].kind != FigureKind::Percent && out[j].label.is_some())
                    .and_then(|j| out[j].label.clone());
            } else if is_copula(before) {
                label = out[k - 1].label.clone();
            }
        }
        // Figures of one sentence usually share the phrase: reuse the string.
        let period = place.period.map(|(a, b)| match out.last() {
            Some(Context { period: Some(p), .. })
                if k > 0 && found[k - 1].place.period == place.period =>
            {
                p.clone()
            }
            _ => squeeze(&s[a..b]).into_owned(),
        });
        out.push(Context {
            label,
            change,
            period,
        });
    }
    out
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

/// `s` without white space (borrowed when it has none, as most labels).
fn squeeze(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_space) {
        Cow::Owned(s.chars().filter(|&c| !is_space(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
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

/// The reporting verb or qualifier ending `t`, if any (`完成`, `达到`, `为`,
/// `累计`, `同比`, `增长`…): what stands between a label and its figure.
/// Looked up by the last character, so stripping costs a few comparisons.
fn trailing_word(t: &str) -> Option<&'static str> {
    let (c, _) = char_before(t, t.len())?;
    let words: &[&str] = match c {
        '了' => &["达到了", "完成了", "实现了", "新增了", "了"],
        '在' => &["控制在", "稳定在", "保持在", "在"],
        '可' => &["可"],
        '将' => &["将"],
        '到' => &["达到"],
        '达' => &["达"],
        '为' => &["为"],
        '是' => &["是"],
        '计' => &["共计", "累计", "合计", "总计", "计"],
        '有' => &["共有", "有"],
        '共' => &["共"],
        '成' => &["完成"],
        '现' => &["实现"],
        '破' => &["突破"],
        '的' => &["的"],
        '已' => &["已"],
        '均' => &["均"],
        '都' => &["都"],
        '别' => &["分别"],
        '仅' => &["仅"],
        '比' => &["同比", "比"],
        '长' => &["增长"],
        '加' => &["增加"],
        '高' => &["提高"],
        '升' => &["上升", "提升"],
        '涨' => &["上涨"],
        '降' => &["下降"],
        '少' => &["减少"],
        '低' => &["降低"],
        '滑' => &["下滑"],
        '落' => &["回落"],
        '减' => &["缩减"],
        '年' => &["比上年", "较上年", "比去年", "较去年"],
        '较' => &["较"],
        '合' => &["合"],
        _ => return None,
    };
    words.iter().copied().find(|w| t.ends_with(w))
}

/// `达到`, `为`, `提高到`…: a clause that only says the figure is reached.
fn is_copula(before: &str) -> bool {
    let mut t = before;
    while let Some(w) = ends_any(
        t,
        t.len(),
        &["达到", "达", "为", "是", "提高到", "增至", "降至", "升至", "增加到", "下降到", "已", "均"],
    ) {
        t = &t[..t.len() - w.len()];
    }
    t.is_empty() && !before.is_empty()
}

/// The connective or scope word opening `t`, if any (`其中`, `全县`, `我县`,
/// `该镇`, `共`, `累计`, `占`…). Looked up by the first character.
fn leading_word(t: &str) -> Option<&'static str> {
    let (c, _) = char_at(t, 0)?;
    let words: &[&str] = match c {
        '其' => &["其中"],
        '同' => &["同时", "同比"],
        '另' => &["另外"],
        '此' => &["此外"],
        '并' => &["并且", "并"],
        '且' => &["且"],
        '共' => &["共计", "共有", "共"],
        '累' => &["累计"],
        '以' => &["以上", "以下"],
        '比' => &["比上年", "比去年"],
        '较' => &["较上年", "较去年"],
        '合' => &["合计"],
        '总' => &["总计"],
        '已' => &["已经", "已"],
        '均' => &["均"],
        '全' => &["全县", "全市", "全区", "全镇", "全乡", "全省", "全街道"],
        '我' => &["我县", "我市", "我区", "我镇", "我乡"],
        '该' => &[
            "该县", "该市", "该区", "该镇", "该乡", "该局", "该街道", "该中心",
        ],
        '占' => &["占"],
        '为' => &["为"],
        '对' => &["对"],
        '向' => &["向"],
        '给' => &["给"],
        '还' => &["还"],
        '又' => &["又"],
        '按' => &["按照"],
        '通' => &["通过"],
        _ => return None,
    };
    words.iter().copied().find(|w| t.starts_with(w))
}

const MAX_LABEL_CHARS: usize = 20;

/// The label in the text before a figure, qualifiers stripped (see the
/// module notes). Also used to strip a bold entity name off a label.
pub fn clean_label(before: &str) -> Option<String> {
    let mut t = before.trim_matches(|c: char| {
        is_space(c) || matches!(c, '，' | '、' | '：' | '；' | '（' | '(' | '）' | ')')
    });
    loop {
        if let Some(w) = trailing_word(t) {
            t = &t[..t.len() - w.len()];
        } else if let Some(w) = leading_word(t).filter(|w| t[w.len()..].chars().nth(1).is_some()) {
            // A word is left whole when stripping would leave one character
            // (`占地` is no `占` + `地`).
            t = &t[w.len()..];
        } else {
            break;
        }
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

/// The word at `p` that ends the noun a figure counts (`105 个脱贫人口及…`,
/// `11 家企业列入…`), if any.
fn noun_end(s: &str, p: usize) -> bool {
    let Some((c, _)) = char_at(s, p) else { return false };
    match c {
        '的' | '及' | '和' | '与' | '并' | '等' | '对' | '在' | '为' | '从' | '到' | '向' | '将'
        | '把' | '被' | '均' | '已' | '共' | '达' | '占' | '同' | '以' | '中' | '来' | '内' | '后'
        | '前' | '间' | '半' | '多' | '余' | '里' | '末' | '底' | '初' | '左' | '上' | '下' => true,
        '进' => at(s, p, "进行"),
        '开' => at(s, p, "开展"),
        '提' => at(s, p, "提供"),
        '列' => at(s, p, "列入"),
        '参' => at_any(s, p, &["参与", "参加"]).is_some(),
        '受' => at(s, p, "受到"),
        '实' => at(s, p, "实现"),
        '完' => at(s, p, "完成"),
        '获' => at(s, p, "获得"),
        '全' => at(s, p, "全部"),
        _ => false,
    }
}

/// The noun right after a figure, when the figure counts it: up to ten Han
/// characters ended by clause punctuation or a word that ends nouns.
fn noun_after(s: &str, end: usize) -> Option<(String, usize)> {
    let mut p = skip_space(s, end);
    let start = p;
    let found = |p: usize| Some((s[start..p].to_string(), p));
    for _ in 0..=10 {
        if p > start && noun_end(s, p) {
            return found(p);
        }
        match char_at(s, p) {
            Some((c, n)) if is_han(c) => {
                if p == start && noun_end(s, p) {
                    return None;
                }
                p += n;
            }
            Some((c, _)) if p > start && (is_clause_break(c) || matches!(c, '、' | '（' | '(' | '”')) => {
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
    is_numeral(c)
        || is_space(c)
        || is_time_mark(c)
        || matches!(
            c,
            '季' | '上' | '中' | '下' | '半' | '前' | '第' | '至' | '到' | '—' | '–' | '-' | '－'
                | '～' | '~' | '、' | '今' | '去' | '本' | '全'
        )
}

/// A digit of any script.
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '两' | '〇' | '○'
                | '零'
        )
}

/// Characters a date or period phrase can end on.
fn is_time_mark(c: char) -> bool {
    matches!(
        c,
        '年' | '月' | '份' | '日' | '号' | '度' | '底' | '末' | '初' | '旬'
    )
}

const PERIOD_WORDS: [&str; 23] = [
    "今年以来", "去年以来", "年初以来", "近年来", "上半年", "下半年", "本年度", "今年", "去年",
    "全年", "本年", "年初", "年底", "年末", "本月", "上月", "本周", "本季度", "目前", "当前",
    "近期", "近日", "日前",
];

/// A period phrase opening the clause `start..end`; with `whole`, the clause
/// is complete and may itself be the phrase (`“五一”节假日期间`, `自活动开展以来`).
/// Returns the phrase's byte range.
fn clause_period(s: &str, start: usize, end: usize, whole: bool) -> Option<(usize, usize)> {
    let mut p = skip_space(s, start);
    if let Some(w) = at_any(s, p, &["在", "于"]) {
        p += w.len();
    }
    // `全县1—7月份…`: a scope word may stand before the time.
    if let Some((c, n)) = char_at(s, p) {
        if matches!(c, '全' | '我' | '该')
            && char_at(s, p + n).is_some_and(|(x, _)| matches!(x, '县' | '市' | '区' | '镇' | '乡' | '省'))
            && char_at(s, p + n + 3).is_some_and(|(x, _)| is_numeral(x))
        {
            p += n + 3;
        }
    }
    if p >= end {
        return None;
    }
    // Most clauses open with neither a number nor a time word: one look at
    // the first character rules them out.
    let (first, _) = char_at(s, p)?;
    let opens_time = matches!(
        first,
        '今' | '去' | '上' | '下' | '全' | '本' | '年' | '目' | '当' | '近' | '日' | '截' | '第' | '前'
    );
    if !is_numeral(first) && !opens_time {
        return if whole { whole_clause_period(s, p, end) } else { None };
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
    Some((p, e))
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
        if is_time_mark(c) {
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
fn whole_clause_period(s: &str, p: usize, end: usize) -> Option<(usize, usize)> {
    let e = skip_space_back(s, end);
    let marked = ends_at(s, e, "以来") || ends_at(s, e, "期间");
    (marked && e > p && s[p..e].chars().count() <= 20).then_some((p, e))
}
